// Field parity: `beian field --jsonl` (the server's CLI, native Rust) and
// the npm package's `checkField` (the same rules in wasm) give the same
// answer — ok, findings, normalized — for the values of issue 13 (real
// numbers that must never be blocked, private registries, homepages read
// as the URL Standard reads them) and a spread of everyday values.
//
//   cargo build -p beian-server && sh pkg/scripts/build.sh
//   node --test tests/node/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = process.env.BEIAN_BIN || path.join(root, 'target', 'debug', 'beian');

/** A resident ID or USCC body with its check character (the real algorithms). */
function residentId(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const CASES = [
  // Issue 13, 1: city-level (市辖区) regions in USCCs.
  ['uscc', '91440101MA59ABCD1D'],
  ['uscc', '91350101AWMD908M1T'],
  ['uscc', '91330501MA8KWR9Y3T'],
  // Issue 13, 2: regions retired before the birth year, codes of the 1980s,
  // codes no table knows: warnings, never errors.
  ['resident_id', residentId('34240120010101001')],
  ['resident_id', residentId('23012219940101001')],
  ['resident_id', residentId('14012019650101001')],
  ['resident_id', residentId('99999919491231002')],
  ['resident_id', ' 110105195001098886 '],
  ['resident_id', '11010519491231002x'],
  ['business_licence', '110105000000010'],
  // Issue 13, 3: private registries.
  ['domain', 'example.cn.com'],
  ['domain', 'me.github.io'],
  ['domain', 'www.example.com'],
  ['domain', 'cn.com'],
  // Issue 13, 4: homepages as the URL Standard reads them.
  ['homepage', 'http://[www.google.com]/', { domains: ['google.com'] }],
  ['homepage', 'http://256', { domains: ['example.com'] }],
  ['homepage', 'http://0x7f.1', { domains: ['example.com'] }],
  ['homepage', 'http:\\\\foo.com', { domains: ['foo.com'] }],
  ['homepage', 'https:example.com/', { domains: ['example.com'] }],
  ['homepage', 'http://www.exa\tmple.com/', { domains: ['example.com'] }],
  ['homepage', 'http://www.%65xample.com/', { domains: ['example.com'] }],
  ['homepage', 'https://www.example.com/', { domains: ['example.com'] }],
  ['homepage', 'http://example.com.evil.cn', { domains: ['example.com'] }],
  // Everyday values.
  ['uscc', '9144030071526726xg'],
  ['org_code', '71526726-X'],
  ['division', '110104'],
  ['mobile', '13812345678'],
  ['email', 'a@example.com'],
  ['ip', '10.0.0.1'],
  ['filing_number', '京ICP备12345678号-1'],
  // Each identifier by its id (the names above are the deprecated ones).
  ['unified_social_credit_code', '9144030071526726xg'],
  ['organisation_code', '71526726-X'],
  ['business_registration_number', '110105000000010'],
  ['hk_macau_taiwan_residence_permit', '810000199001010010'],
  ['foreign_permanent_residence_id', 'USA310085020011'],
  ['hk_macau_travel_permit', 'H12345678'],
  ['taiwan_travel_permit', '1234567890(B)'],
  ['passport', 'e12345678'],
];

test('beian field --jsonl and checkField agree', async () => {
  const beian = await import(path.join(root, 'pkg', 'index.js'));
  const input = CASES.map(([kind, value, context]) =>
    JSON.stringify({ kind, value, ...(context || {}) }),
  ).join('\n');
  const run = spawnSync(bin, ['field', '--jsonl'], { input, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, CASES.length);
  CASES.forEach(([kind, value, context], i) => {
    const server = lines[i];
    const npm = beian.checkField(kind, value, context);
    assert.deepEqual(
      { ok: npm.ok, findings: npm.findings, normalized: npm.normalized ?? null },
      server,
      `${kind} ${JSON.stringify(value)}`,
    );
  });
  // The cases behave as it asks.
  const byValue = (v) => lines[CASES.findIndex((c) => c[1] === v)];
  for (const v of ['91440101MA59ABCD1D', '91350101AWMD908M1T', '91330501MA8KWR9Y3T']) {
    assert.deepEqual(byValue(v).findings, [], v);
  }
  for (const first17 of ['34240120010101001', '23012219940101001', '99999919491231002']) {
    const r = byValue(residentId(first17));
    assert.equal(r.ok, true, first17);
    assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [['resident_id.region', 'warning']]);
  }
  const padded = byValue(' 110105195001098886 ');
  assert.equal(padded.findings[0].rule, 'resident_id.canonical_form');
  const registry = byValue('example.cn.com');
  assert.equal(registry.findings[0].rule, 'domain.private_registry');
  assert.equal(registry.findings[0].suggestion ?? null, null);
});
