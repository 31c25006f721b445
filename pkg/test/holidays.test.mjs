// loadHolidays of `beian/flow`: a newer official holiday schedule at run
// time (a file of its own: the schedule is global to the module). Build
// the package first: `sh pkg/scripts/build.sh`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const built = new URL('../flow/dist/beian_flow_bg.wasm', import.meta.url);
if (!existsSync(built)) {
  throw new Error('pkg/flow/dist is missing: build the package first with `sh pkg/scripts/build.sh`');
}
const beian = await import('beian/flow');

const schedule2027 = [
  '# The 2027 schedule as a deployer would add it',
  'years 2027 2027',
  "2027-01-01 holiday New Year's Day",
  "2027-01-02 holiday New Year's Day",
  "2027-01-03 holiday New Year's Day",
  "2027-01-04 holiday New Year's Day",
  "2027-01-09 workday New Year's Day",
].join('\n');

test('loadHolidays: a bad file throws with its line and changes nothing; a good one overrides the estimate', () => {
  const before = beian.reviewDeadline('2026-12-04', '2026-12-04');
  assert.equal(before.deadline, '2027-01-04');
  assert.equal(before.estimated, true);

  assert.throws(
    () => beian.loadHolidays('years 2027 2027\n2027-01-01 holiday X\n2027-01-06 workday X\n'),
    (e) => e instanceof Error && e.code === 'EHOLIDAYS' && e.line === 3 && /Wednesday/.test(e.message),
  );
  assert.throws(
    () => beian.loadHolidays('2027-01-01 holiday X'),
    (e) => e.code === 'EHOLIDAYS' && e.line === 0 && e.message === 'no `years FIRST LAST` line',
  );
  assert.throws(
    () => beian.loadHolidays('years 2027 2099\n'),
    (e) => e.code === 'EHOLIDAYS' && e.line === 1 && e.message === 'line 1: years 2027 to 2099: the calendar supports 2000 to 2088',
  );
  assert.deepEqual(beian.reviewDeadline('2026-12-04', '2026-12-04'), before);

  assert.deepEqual(beian.loadHolidays(schedule2027), { first: 2027, last: 2027 });
  // 4 January is off, Saturday the 9th worked: exact, no longer estimated.
  assert.deepEqual(beian.reviewDeadline('2026-12-04', '2026-12-04'), {
    submitted: '2026-12-04', deadline: '2027-01-05', workingDaysLeft: 20, estimated: false, estimatedYears: [],
  });
  assert.equal(beian.reviewDeadline('2027-12-20').estimated, true);
  assert.deepEqual(beian.reviewDeadline('2027-12-20').estimatedYears, [2028]);
  // The embedded years stay.
  assert.equal(beian.reviewDeadline('2025-09-26').deadline, '2025-10-30');
});

test('loadHolidays reads the project’s own schedule file', () => {
  const text = readFileSync(new URL('../../crates/beian-flow/data/holidays/cn.txt', import.meta.url), 'utf8');
  assert.deepEqual(beian.loadHolidays(text), { first: 2004, last: 2026 });
  assert.equal(beian.reviewDeadline('2026-12-04').estimated, true);
});
