// Loads the built package by its own name (Node resolves "beian" through
// package.json's exports to node.js) and checks the three headline rules.
// Build it first: `sh pkg/scripts/build.sh`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

const built = new URL('../dist/beian_wasm_bg.wasm', import.meta.url);
if (!existsSync(built)) {
  throw new Error('pkg/dist is missing: build the package first with `sh pkg/scripts/build.sh`');
}
const beian = await import('beian');

const filing = (id, domains, homepage) => ({
  subject: { documentNumber: id },
  websites: [{ domains, homepage }],
});

test('a correct filing has no findings', () => {
  const findings = beian.checkFiling(filing('11010519491231002X', ['example.com', '例子.中国'], 'https://www.example.com/'));
  assert.deepEqual(findings, []);
});

test('1015: lowercase x is reported with the upper-case suggestion', () => {
  const [f, ...rest] = beian.checkFiling(filing('11010519491231002x', ['example.com'], 'www.example.com'));
  assert.equal(rest.length, 0);
  assert.equal(f.code, '1015');
  assert.equal(f.rule, 'resident_id.lowercase_x');
  assert.equal(f.path, '/subject/documentNumber');
  assert.equal(f.severity, 'error');
  assert.equal(f.suggestion, '11010519491231002X');
  assert.match(f.message['zh-CN'], /大写/);
  assert.match(f.message.en, /upper-case X/);
});

test('1015: wrong check character, bad birth date', () => {
  assert.equal(beian.checkField('resident_id', '110105194912310021').findings[0].rule, 'resident_id.checksum');
  assert.equal(beian.checkField('resident_id', '110105194902300021').findings[0].rule, 'resident_id.birth_date');
  const ok = beian.checkField('resident_id', '11010519491231002X');
  assert.deepEqual(ok, { ok: true, findings: [], normalized: '11010519491231002X' });
});

test('1004: a subdomain gets the registrable domain as suggestion; IDN compared in punycode', () => {
  const [f] = beian.checkFiling(filing('11010519491231002X', ['example.com', 'www.example.com.cn'], 'www.example.com'));
  assert.equal(f.code, '1004');
  assert.equal(f.path, '/websites/0/domains/1');
  assert.equal(f.suggestion, 'example.com.cn');
  assert.equal(beian.checkField('domain', 'com.cn').findings[0].rule, 'domain.public_suffix');
  // A name under a private registry (github.io, cn.com): the registry's
  // name is never suggested (issue 13).
  const registry = beian.checkField('domain', 'foo.github.io');
  assert.equal(registry.normalized, null);
  assert.equal(registry.findings[0].rule, 'domain.private_registry');
  assert.equal(beian.checkField('domain', '例子.中国').normalized, 'xn--fsqu00a.xn--fiqs8s');
});

test('1041: the homepage host must be under a listed domain', () => {
  const r = beian.checkField('homepage', 'http://example.com.evil.cn/', { domains: ['example.com'] });
  assert.equal(r.ok, false);
  assert.equal(r.findings[0].code, '1041');
  assert.equal(beian.checkField('homepage', 'http://example.com@evil.cn', { domains: ['example.com'] }).findings[0].rule, 'homepage.userinfo');
  assert.equal(beian.checkField('homepage', 'https://WWW.例子.中国:8443/a', { domains: ['xn--fsqu00a.xn--fiqs8s'] }).ok, true);
});

test('1041: the homepage is read as a browser reads it (URL Standard)', () => {
  const field = (url) => beian.checkField('homepage', url, { domains: ['example.com'] });
  assert.equal(field('www.example.com').normalized, 'http://www.example.com/');
  assert.equal(field('http:\\\\www.example.com\\a').normalized, 'http://www.example.com/a');
  assert.equal(field('https:www.example.com').normalized, 'https://www.example.com/');
  assert.equal(field('http://[www.example.com]/').findings[0].rule, 'homepage.host');
  assert.equal(field('http://0x7f.1/').findings[0].rule, 'homepage.ip_address');
  assert.equal(field('http://256/').findings[0].rule, 'homepage.ip_address');
});

test('bad input throws an Error with a code, never a panic', () => {
  assert.throws(() => beian.checkFiling({ subject: { documentNumber: 5 } }), (e) => e instanceof Error && e.code === '5001');
  assert.throws(() => beian.checkFiling({ nope: 1 }), (e) => e instanceof Error && e.code === '5001');
  // The shape is checked as the server checks it (Filing::from_json): an
  // array where an object is expected is not an empty object; the error
  // names the JSON path.
  assert.throws(() => beian.checkFiling({ subject: [] }), (e) => e.code === '5001' && e.path === '/subject');
  assert.throws(
    () => beian.checkFiling({ websites: [{ domains: 'example.com' }] }),
    (e) => e.code === '5001' && e.path === '/websites/0/domains' && e.message.includes('/websites/0/domains'),
  );
  assert.throws(() => beian.checkFiling([]), (e) => e.code === '5001' && e.path === '');
  assert.throws(() => beian.checkField('nope', 'x'), (e) => e instanceof Error && e.code === 'EINVAL');
  assert.throws(() => beian.checkFiling({}, { today: 'tomorrow' }), (e) => e.code === 'EINVAL');
  assert.throws(() => beian.checkFiling({}, { tody: '2026-01-01' }), (e) => e.code === 'EINVAL' && e.message.includes('`tody`'));
  // A bad context says where and what, and is not filing data (no 5001).
  assert.throws(
    () => beian.checkField('homepage', 'www.example.com', { domain: ['example.com'] }),
    (e) =>
      e.code === 'EINVAL' &&
      e.message === 'bad context: /domain: unknown field `domain`, expected one of `domains`, `today`, `path`.',
  );
  assert.throws(
    () => beian.checkField('homepage', 'www.example.com', { domains: 'example.com' }),
    (e) => e.code === 'EINVAL' && e.message === 'bad context: /domains: expected an array, found a string.',
  );
  // Still usable after errors.
  assert.equal(beian.checkField('domain', 'example.com').ok, true);
});

test('today decides future birth dates', () => {
  // Born 2000-01-01, check character computed with MOD 11-2.
  const id = '110105200001010016';
  assert.equal(beian.checkField('resident_id', id, { today: '2026-11-25' }).ok, true);
  const r = beian.checkField('resident_id', id, { today: '1999-12-31' });
  assert.equal(r.findings[0].rule, 'resident_id.future_birth_date');
});

test('every identifier kind is reachable from checkField', () => {
  const cases = [
    ['uscc', '9144030071526726xg', false, '9144030071526726XG'],
    ['uscc', '91350100M000100Y43', true, '91350100M000100Y43'],
    ['org_code', '71526726-X', true, '71526726-X'],
    ['hk_mo_tw_permit', 'H12345678', true, 'H12345678'],
    ['passport', 'E12345678', true, 'E12345678'],
    ['division', '110104', false, '110102'],
    ['division', '110105', true, '110105'],
  ];
  for (const [kind, value, ok, normalized] of cases) {
    const r = beian.checkField(kind, value);
    assert.equal(r.ok, ok, `${kind} ${value}`);
    assert.equal(r.normalized, normalized, `${kind} ${value}`);
  }
  assert.equal(beian.checkField('division', '130171').findings[0].code, '1019');
  assert.equal(beian.checkField('residence_permit', '810000199001010010').findings[0].rule, 'residence_permit.checksum');
});

test('each identifier is a kind by its id; the earlier kind names give the same answers', () => {
  const pairs = [
    ['unified_social_credit_code', 'uscc', '9144030071526726xg'],
    ['organisation_code', 'org_code', '71526726-X'],
    ['business_registration_number', 'business_licence', '110105000000010'],
    ['hk_macau_taiwan_residence_permit', 'residence_permit', '810000199001010010'],
    ['foreign_permanent_residence_id', 'foreign_permanent_residence', 'usa310085020011'],
    ['hk_macau_travel_permit', 'hk_macau_permit', 'h12345678'],
    ['taiwan_travel_permit', 'taiwan_permit', '12345678'],
  ];
  for (const [kind, old, value] of pairs) {
    assert.deepEqual(beian.checkField(old, value), beian.checkField(kind, value), `${old} ${value}`);
  }
  assert.equal(beian.checkField('taiwan_travel_permit', 'H12345678').ok, false);
  assert.equal(beian.checkField('hk_mo_tw_permit', '12345678').ok, true);
  assert.throws(() => beian.checkField('iban', 'x'), (e) =>
    e.code === 'EINVAL' && /unknown field kind "iban"; known kinds: resident_id, unified_social_credit_code/.test(e.message));
});
