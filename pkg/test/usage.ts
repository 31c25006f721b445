// Type-checked by types.test.mjs (tsc --noEmit --strict): the package's
// declarations must describe what the functions take and return.
import { checkFiling, checkField, type Filing, type Finding, type FieldResult } from 'beian';

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

// @ts-expect-error: not a field kind
checkField('iban', 'x');
// @ts-expect-error: documentNumber is a string
checkFiling({ subject: { documentNumber: 5 } });

export { codes, zh, fixed, withToday, ok, normalized };
