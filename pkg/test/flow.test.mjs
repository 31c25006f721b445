// The filing's life through the npm package's entry `beian/flow` (the
// package `beian-flow`): nextSteps, applyEvent, reviewDeadline and
// annualReview. Build the package first: `sh pkg/scripts/build.sh`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

const built = new URL('../flow/dist/beian_flow_bg.wasm', import.meta.url);
if (!existsSync(built)) {
  throw new Error('pkg/flow/dist is missing: build the package first with `sh pkg/scripts/build.sh`');
}
const beian = await import('beian/flow');

const person = { name: '张三', documentNumber: '11010519491231002X', mobile: '13800000000', email: 'zs@example.com' };
const access = (provider, ip) => ({ provider, method: 'cloud', serverLocation: '110000', ips: [ip] });
// A complete filing with its documents (the rules crate's submission check).
const approvedFiling = () => ({
  subject: {
    name: '张三', documentNumber: '11010519491231002X', province: '110000', county: '110105',
    address: '北京市朝阳区某路1号', responsiblePerson: person,
    documents: [
      { kind: 'subject_document' }, { kind: 'responsible_person_document' },
      { kind: 'security_agreement', date: '2023-12-01' }, { kind: 'verification_form', date: '2023-12-01' },
      { kind: 'photo', date: '2023-12-01' },
    ],
  },
  websites: [
    {
      name: '张三的博客', domains: ['example.com'], homepage: 'www.example.com',
      access: [access('A', '1.2.3.4'), access('B', '5.6.7.8')],
      responsiblePerson: person, documents: [{ kind: 'domain_certificate' }],
    },
  ],
});

// Applies events that must all be accepted.
const run = (state, ...events) => {
  for (const event of events) {
    const r = beian.applyEvent(state, event);
    assert.equal(r.ok, true, `${event.type} refused: ${JSON.stringify(r.findings)}`);
    state = r.state;
  }
  return state;
};

test('a new filing: draft, every provider verifies (000 #67), the bureau approves', () => {
  let state = run({}, { type: 'subject_edit', filing: approvedFiling() });
  assert.equal(state.status, 'draft');
  state = run(state, { type: 'submit', by: 'subject', on: '2025-09-26' });
  assert.equal(state.status, 'provider_verification');
  assert.equal(state.submittedOn, '2025-09-26');
  state = run(state, { type: 'provider_verify', provider: 'A' });
  assert.equal(state.status, 'provider_verification');
  const waiting = beian.nextSteps(state, { today: '2025-10-09' });
  assert.deepEqual(waiting.awaiting, ['B']);
  assert.equal(waiting.label['zh-CN'], '报备阶段-接入者核实');
  assert.equal(waiting.deadlines.review, '2025-10-30');
  assert.equal(waiting.deadlines.workingDaysLeft, 16);
  // A new filing is approved with the number the bureau gives (002 #28).
  const unnumbered = beian.applyEvent(run(state, { type: 'provider_verify', provider: 'B' }), { type: 'bureau_approve', on: '2025-10-20' });
  assert.equal(unnumbered.ok, false);
  assert.equal(unnumbered.findings[0].rule, 'flow.filing_number_required');
  state = run(state, { type: 'provider_verify', provider: 'B' }, { type: 'bureau_approve', on: '2025-10-20', filingNumber: '京ICP备2025000001号' });
  assert.equal(state.status, 'approved');
  assert.equal(state.filing.subject.filingNumber, '京ICP备2025000001号');
  assert.equal(state.filing.websites[0].filingNumber, '京ICP备2025000001号-1');
  const done = beian.nextSteps(state, { today: '2025-10-21' });
  assert.equal(done.deadlines.annualReview, '2026-10-20');
  assert.ok(done.events.includes('start'));
  assert.equal(done.statuses.subject.status, 'approved');
});

test('guards refuse with findings, not exceptions: 1046, 1048, the filing password', () => {
  const record = { status: 'approved', filing: approvedFiling() };
  let change = run(record, { type: 'start', kind: 'change', by: 'subject' });
  assert.equal(change.kind, 'change');
  assert.deepEqual(change.approved, change.filing);
  const moved = structuredClone(change.filing);
  moved.subject.province = '310000';
  moved.subject.county = '310101';
  moved.subject.name = '张叁'; // an individual renamed: the responsible persons too
  moved.subject.responsiblePerson.name = '张叁';
  moved.websites[0].responsiblePerson.name = '张叁';
  change = run(change, { type: 'subject_edit', filing: moved });
  const r = beian.applyEvent(change, { type: 'submit', by: 'subject', on: '2025-03-03' });
  assert.equal(r.ok, false);
  assert.deepEqual(r.state, change, 'the state is unchanged');
  const codes = r.findings.map((f) => f.code);
  assert.ok(codes.includes('1046'), JSON.stringify(r.findings));
  assert.ok(codes.includes('1018'), 'renaming the subject needs the filing password (002 #36)');
  const f1046 = r.findings.find((f) => f.code === '1046');
  assert.equal(f1046.rule, 'flow.province_change');
  assert.equal(f1046.path, '/subject/province');
  assert.equal(f1046.severity, 'error');
  assert.match(f1046.message['zh-CN'], /注销主体/);

  // The wizard shows the same before submitting, on the subject step.
  const next = beian.nextSteps(change);
  assert.equal(next.current, 'subject');
  assert.equal(next.ready, false);
  assert.ok(next.diff.needsFilingPassword);
  assert.ok(next.documents.includes('rename_proof') === false, 'an individual has no rename proof');
  assert.ok(next.documents.includes('subject_certificate'));

  // A stranger cannot verify (1048).
  const draft = run({}, { type: 'subject_edit', filing: approvedFiling() }, { type: 'submit', by: 'subject', on: '2025-03-03' });
  const stranger = beian.applyEvent(draft, { type: 'provider_verify', provider: 'X' });
  assert.equal(stranger.ok, false);
  assert.equal(stranger.findings[0].code, '1048');
});

test('1051 and 1029 come from the context the server passes in', () => {
  const record = { status: 'approved', provider: 'A', filing: approvedFiling() };
  const pending = { pending: [{ kind: 'change', provider: 'A' }] };
  const r = beian.applyEvent(record, { type: 'start', kind: 'change', by: 'subject' }, pending);
  assert.equal(r.ok, false);
  assert.equal(r.findings[0].code, '1051');

  let transfer = run(record, { type: 'start', kind: 'transfer_access', by: 'provider' });
  const moved = structuredClone(transfer.filing);
  moved.websites[0].access.push(access('C', '9.9.9.9'));
  transfer = run(transfer, { type: 'subject_edit', filing: moved });
  const busy = { pending: [{ kind: 'transfer_access', provider: 'D', domains: ['example.com'] }] };
  const t = beian.applyEvent(transfer, { type: 'submit', by: 'subject', on: '2025-03-03', filingPassword: 'pw' }, busy);
  assert.equal(t.ok, false);
  assert.equal(t.findings[0].code, '1029');
  const ok = beian.applyEvent(transfer, { type: 'submit', by: 'subject', on: '2025-03-03', filingPassword: 'pw' });
  assert.equal(ok.ok, true);
  assert.deepEqual(beian.nextSteps(ok.state).verifiers, ['C']);
});

test('filed by the provider: the subject may not edit (002 #57)', () => {
  const state = { filedBy: 'provider' };
  const r = beian.applyEvent(state, { type: 'subject_edit', filing: approvedFiling() });
  assert.equal(r.ok, false);
  assert.equal(r.findings[0].rule, 'flow.not_editor');
  assert.deepEqual(beian.nextSteps(state).editors, ['provider']);
});

test('the wizard takes its steps and completeness from the findings', () => {
  const next = beian.nextSteps({
    filing: { subject: { documentNumber: '11010519491231002x' }, websites: [{ domains: ['example.com'], homepage: 'www.example.com' }] },
  });
  assert.deepEqual(next.steps.map((s) => s.step), ['subject', 'websites', 'access', 'documents', 'review']);
  assert.equal(next.steps[0].complete, false);
  assert.equal(next.steps[0].findings[0].code, '1015');
  assert.equal(next.steps[2].findings[0].rule, 'website.access_required');
  assert.equal(next.steps[4].complete, false);
  assert.equal(next.current, 'subject');
});

test('reviewDeadline: 20 working days, holidays and adjusted working days (调休)', () => {
  assert.deepEqual(beian.reviewDeadline('2025-09-26', '2025-10-09'), {
    submitted: '2025-09-26', deadline: '2025-10-30', workingDaysLeft: 16, estimated: false, estimatedYears: [],
  });
  // Spring Festival 2026, with Saturday 28 February worked.
  assert.equal(beian.reviewDeadline('2026-02-10', '2026-02-10').deadline, '2026-03-16');
  assert.equal(beian.annualReview('2024-02-29'), '2025-02-28');
  // Past the years the calendar covers: an error with a code, never a guessed date.
  assert.throws(() => beian.reviewDeadline('2088-12-20'), (e) => e instanceof Error && e.code === 'EUNKNOWNYEAR' && e.year === 2089);
});

test('reviewDeadline into a year with no official schedule: estimated (issue 13)', () => {
  // Submitted on 2026-12-04: 1 January 2027 (a Friday) is a statutory holiday.
  assert.deepEqual(beian.reviewDeadline('2026-12-04', '2026-12-04'), {
    submitted: '2026-12-04', deadline: '2027-01-04', workingDaysLeft: 20, estimated: true, estimatedYears: [2027],
  });
  // In 2030: National Day 1–3 October off, no adjusted working day guessed.
  assert.deepEqual(beian.reviewDeadline('2030-09-27', '2030-10-08'), {
    submitted: '2030-09-27', deadline: '2030-10-30', workingDaysLeft: 16, estimated: true, estimatedYears: [2030],
  });
  // Today before the year's end, the deadline exact: the count is estimated
  // only when it reaches into such a year.
  assert.equal(beian.reviewDeadline('2026-11-27', '2026-11-30').estimated, false);
  // nextSteps says it too.
  const reviewing = { kind: 'new_filing', status: 'bureau_review', submittedOn: '2026-12-04' };
  const { deadlines } = beian.nextSteps(reviewing, { today: '2026-12-07' });
  assert.equal(deadlines.review, '2027-01-04');
  assert.equal(deadlines.workingDaysLeft, 19);
  assert.equal(deadlines.estimated, true);
  assert.deepEqual(deadlines.estimatedYears, [2027]);
  assert.equal(deadlines.unknownYear, null);
});

test('bad input throws an Error with a code', () => {
  assert.throws(() => beian.applyEvent({ stauts: 'draft' }, { type: 'submit', by: 'subject', on: '2025-03-03' }), (e) => e.code === 'EINVAL');
  assert.throws(() => beian.applyEvent({}, { type: 'approve' }), (e) => e.code === 'EINVAL');
  assert.throws(() => beian.applyEvent({}, { type: 'submit', by: 'subject' }), (e) => e.code === 'EINVAL');
  assert.throws(() => beian.nextSteps({}, { today: 'soon' }), (e) => e.code === 'EINVAL');
  assert.throws(() => beian.reviewDeadline('2025-02-30'), (e) => e.code === 'EINVAL');
  // Still usable after errors.
  assert.equal(beian.nextSteps({}).status, 'draft');
});

test('withdraw, refuse and revoke: final statuses with their reasons', () => {
  let state = run({}, { type: 'subject_edit', filing: approvedFiling() }, { type: 'submit', by: 'subject', on: '2025-09-26' });
  const withdrawn = run(state, { type: 'withdraw', by: 'subject', reason: '换一家接入商' });
  assert.equal(withdrawn.status, 'withdrawn');
  assert.equal(withdrawn.reason, '换一家接入商');
  assert.equal(beian.applyEvent(withdrawn, { type: 'submit', by: 'subject', on: '2025-09-27' }).ok, false);
  state = run(state, { type: 'provider_verify', provider: 'A' }, { type: 'provider_verify', provider: 'B' });
  const noReason = beian.applyEvent(state, { type: 'bureau_refuse', reason: '' });
  assert.equal(noReason.findings[0].rule, 'flow.reason_required');
  assert.equal(run(state, { type: 'bureau_refuse', reason: '网站名称不符合要求' }).status, 'refused');
  const approved = run(state, { type: 'bureau_approve', on: '2025-10-20', filingNumber: '京ICP备2025000001号' });
  const revoked = run(approved, { type: 'bureau_revoke', on: '2025-11-01', reason: '虚假备案' });
  assert.equal(revoked.status, 'revoked');
  assert.equal(beian.nextSteps(revoked, { today: '2025-11-02' }).statuses.subject.status, 'revoked');
});

test('a cancellation gives its type, reason and the filing password (002 #53)', () => {
  const record = { status: 'approved', filing: approvedFiling() };
  let cancel = run(record, { type: 'start', kind: 'cancel_access', by: 'subject' });
  const edited = structuredClone(cancel.filing);
  edited.websites[0].access.pop();
  cancel = run(cancel, { type: 'subject_edit', filing: edited });
  const bare = beian.applyEvent(cancel, { type: 'submit', by: 'subject', on: '2025-03-03' });
  assert.deepEqual(bare.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort(),
    ['flow.cancellation_required', 'flow.filing_password_required']);
  const done = run(cancel, {
    type: 'submit', by: 'subject', on: '2025-03-03', filingPassword: 'x',
    cancellation: { type: 'discontinued', reason: '网站已停止使用' },
  });
  assert.equal(done.cancellation.type, 'discontinued');
});

test('the package beian-flow is beian/flow: the same functions', async () => {
  const own = await import('beian-flow');
  assert.deepEqual(Object.keys(own).sort(), Object.keys(beian).sort());
  for (const [name, f] of Object.entries(own)) assert.equal(f, beian[name], name);
});
