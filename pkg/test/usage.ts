// Type-checked by types.test.mjs (tsc --noEmit --strict): the package's
// declarations must describe what the functions take and return, through
// `beian`'s re-exports of beian-flow and beian-batch too.
import {
  checkFiling, checkField, footerSnippet, residentId, identifiers, registrableDomain, toAscii, toUnicode, localize,
  type Filing, type Finding, type FieldResult, type Validation, type Identifier, type FieldKind,
  type DeprecatedFieldKind, type IdentifierName,
} from 'beian';
// The filing's life, its own entry point with its own generated types.
import {
  annualReview, applyEvent, loadHolidays, reviewDeadline, type Applied, type FlowState, type HolidayYears,
  type ReviewDeadline,
} from 'beian/flow';
// The same module from its own package, and the spreadsheets' entry.
import { annualReview as ownAnnualReview, type FlowState as OwnFlowState } from 'beian-flow';
import { checkBatch, batchTemplate, type Report, type BatchOptions } from 'beian/batch';
import * as batch from 'beian-batch';
// The families, each over its own module.
import * as ids from 'beian/id';
import * as domains from 'beian/domain';

const filing: Filing = {
  subject: { documentNumber: '11010519491231002x', documentType: 'resident_id' },
  websites: [{ domains: ['www.example.com'], homepage: 'http://www.other.cn' }],
};
const findings: Finding[] = checkFiling(filing);
const codes: (string | null)[] = findings.map((f) => f.code);
const zh: string = findings[0].message['zh-CN'];
const fixed: string | null = findings[0].suggestion;
const withToday: Finding[] = checkFiling(filing, { today: '2026-11-25' });

const r: FieldResult = checkField('homepage', 'www.example.com', { domains: ['example.com'] });
const ok: boolean = r.ok;
const normalized: string | null = r.normalized;
checkField('domain', 'example.com');
const footer: string = footerSnippet('京ICP备12345678号-1', 'plain');
void footer;
// @ts-expect-error: not a style
footerSnippet('京ICP备12345678号-1', 'fancy');

// @ts-expect-error: not a field kind
checkField('iban', 'x');
// @ts-expect-error: documentNumber is a string
checkFiling({ subject: { documentNumber: 5 } });

const v: Validation = residentId.validate('11010519491231002X');
if (v.ok) {
  const value: string = v.value;
  const birth: string | undefined = v.birthDate;
  void value, birth;
} else {
  const rule: string = v.error.rule;
  void rule;
}
const valid: boolean = identifiers.unifiedSocialCreditCode.isValid('91350100M000100Y43');
const id: Identifier = identifiers.hkMacauTravelPermit;
// The earlier names still type-check (deprecated).
const old: Identifier = identifiers.uscc;
const kind: FieldKind = 'business_registration_number';
const oldKind: DeprecatedFieldKind = 'business_licence';
const name: IdentifierName = 'organisationCode';
void old; void name;
checkField(kind, '110105000000010');
checkField(oldKind, '110105000000010');
// @ts-expect-error: not a kind
checkField('iban', 'x');
const formatted: string | null = id.format('h12345678');
const reg: string | null = registrableDomain('www.example.com.cn');
const ascii: string = toAscii('例子.中国');
const unicode: string = toUnicode(ascii);
const en: string = localize(findings[0].message, 'en');
// @ts-expect-error: not an identifier
identifiers.iban.isValid('x');

const reviewed: string = annualReview('2025-10-20');
const deadline: ReviewDeadline = reviewDeadline('2026-12-04', '2026-12-04');
const estimated: boolean = deadline.estimated;
const estimatedYears: number[] = deadline.estimatedYears;
const loaded: HolidayYears = loadHolidays('years 2027 2027\n2027-01-01 holiday New Year');
const lastYear: number = loaded.last;
// @ts-expect-error: the text of a file, not a path list
loadHolidays(['cn.txt']);
const state: FlowState = applyEvent({} as FlowState, { type: 'subject_edit', filing }).state;
const applied: Applied = applyEvent(state, { type: 'subject_edit', filing });
// @ts-expect-error: not an event
applyEvent(state, { type: 'nope' });

const idValid: boolean = ids.residentId.isValid('11010519491231002X');
const idValidation: ids.Validation = ids.uscc.validate('9144030071526726XG');
const idField: ids.FieldResult = ids.checkField('division', '110105', { today: '2026-12-05' });
const idParsed: ids.Valid | null = ids.parseFilingNumber('京ICP备09051301号-1');
const idMap: ids.Identifier = ids.identifiers.passport;
// @ts-expect-error: the domain is in beian/domain
ids.identifiers.domain.isValid('example.com');
// @ts-expect-error: no registrable domains in beian/id
ids.registrableDomain('www.example.com');
const domainReg: string | null = domains.registrableDomain('www.example.com');
const domainAscii: string = domains.toAscii('例子.中国');
const domainOk: boolean = domains.domain.isValid('example.com');
const homepage: domains.FieldResult = domains.checkField('homepage', 'http://www.example.com', { domains: ['example.com'] });
const psl: string = domains.pslVersion();
// @ts-expect-error: no identifiers but the domain in beian/domain
domains.residentId.isValid('x');

const ownReviewed: string = ownAnnualReview('2025-10-20');
const ownState: OwnFlowState = state;
const options: BatchOptions = { encoding: 'gbk' };
const report: Report = checkBatch(new Uint8Array(), options);
const rows: number = report.rows;
const template: Uint8Array = batchTemplate('csv');
const sameReport: batch.Report = batch.checkBatch(template);
// @ts-expect-error: not a template format
batchTemplate('ods');
// @ts-expect-error: bytes, not a string
batch.checkBatch('a,b');

export { ownReviewed, ownState, rows, sameReport };
export { idValid, idValidation, idField, idParsed, idMap, domainReg, domainAscii, domainOk, homepage, psl };
export { reviewed, applied, codes, zh, fixed, withToday, ok, normalized, valid, formatted, reg, unicode, en };
