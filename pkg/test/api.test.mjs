// The identifiers, domain functions, messages and errors of the package, as
// a user imports them ("beian" resolves through package.json's exports).
// Build first: `sh pkg/scripts/build.sh`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const beian = await import('beian');
const glue = await import('../dist/beian_wasm.js');

const idOf = (first17) => {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
};

test('the identifier objects are the ones the wasm numbers', () => {
  assert.deepEqual(Object.keys(beian.identifiers), glue.__identifierKinds().split(','));
  for (const [name, id] of Object.entries(beian.identifiers)) {
    assert.equal(beian[name], id, name);
    assert.deepEqual(Object.keys(id).sort(), ['compact', 'format', 'isValid', 'validate']);
  }
});

test('the earlier names are the same objects, not enumerated', () => {
  const old = {
    uscc: 'unifiedSocialCreditCode', orgCode: 'organisationCode',
    businessRegistration: 'businessRegistrationNumber', businessLicence: 'businessRegistrationNumber',
    residencePermit: 'hkMacauTaiwanResidencePermit', foreignPermanentResidence: 'foreignPermanentResidenceId',
    hkMacauPermit: 'hkMacauTravelPermit', taiwanPermit: 'taiwanTravelPermit',
  };
  for (const [name, now] of Object.entries(old)) {
    assert.ok(beian[now], now);
    assert.equal(beian[name], beian[now], name);
    assert.equal(beian.identifiers[name], beian[now], name);
    assert.ok(!Object.keys(beian.identifiers).includes(name), name);
  }
  assert.ok(Object.isFrozen(beian.identifiers));
  assert.equal(beian.identifiers.iban, undefined);
});

test('isValid, validate().ok and format() !== null agree', () => {
  const inputs = [
    '', ' ', 'x', '11010519491231002X', '11010519491231002x', '110105194912310021',
    '110105491231002', '810000199001010010', idOf('81000019800101001'), '９１３５０１００Ｍ０００１００Ｙ４３',
    '91350100M000100Y43', '9144030071526726XG', '91440300715267260X', '71526726-X', '71526726X',
    '110108000000016', 'H12345678', 'M1234567800', '12345678', '1234567890(B)', 'E12345678',
    'G12345678', 'USA310085020011', 'example.com', 'www.example.com', '例子.中国', 'com.cn',
    '身份证：11010519491231002X', '1101051949 1231 002X', '京ICP备09051301号-1', '京 icp 备 09051301 号',
    '浙B2-20040180', '京ICP证030173号', '港ICP备09051301号', '京ICP备09051301',
  ];
  for (const [name, id] of Object.entries(beian.identifiers)) {
    for (const input of inputs) {
      const v = id.validate(input);
      assert.equal(id.isValid(input), v.ok, `${name} ${JSON.stringify(input)}`);
      assert.equal(id.format(input), v.ok ? v.value : null, `${name} ${JSON.stringify(input)}`);
      if (!v.ok) {
        assert.equal(v.error.severity, 'error');
        assert.match(v.error.rule, /\./);
        assert.ok(v.error.message['zh-CN'] && v.error.message.en);
      }
    }
  }
});

test('resident IDs', () => {
  const { residentId } = beian;
  assert.equal(residentId.compact(' 110105 19491231 002x '), '11010519491231002X');
  assert.equal(residentId.isValid('11010519491231002X'), true);
  assert.equal(residentId.isValid('11010519491231002x'), true);
  assert.equal(residentId.isValid('110105194912310021'), false);
  assert.equal(residentId.isValid(undefined), false);
  assert.equal(residentId.isValid(11010519491231002), false);
  assert.deepEqual(residentId.validate('11010519491231002x'), {
    ok: true, value: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', region: '110105',
  });
  const bad = residentId.validate('110105194912310021');
  assert.equal(bad.ok, false);
  assert.equal(bad.error.rule, 'resident_id.checksum');
  assert.equal(bad.error.code, '1015');
  // Retired codes stay valid for numbers issued while they were in use.
  assert.equal(residentId.isValid(idOf('11010419800101001')), true);
  // Residence permits are not resident IDs.
  assert.equal(residentId.validate(idOf('81000019800101001')).error.rule, 'resident_id.residence_permit');
  assert.equal(beian.hkMacauTaiwanResidencePermit.validate(idOf('81000019800101001')).origin, 'hong_kong');
  assert.equal(residentId.format('11010519491231002x'), '11010519491231002X');
  assert.equal(residentId.format('nope'), null);
});

test('USCC and the other documents', () => {
  assert.equal(beian.unifiedSocialCreditCode.isValid('91350100M000100Y43'), true);
  // Check character 0 is valid (stdnum-js rejects it).
  assert.equal(beian.unifiedSocialCreditCode.isValid('91440300715267260X'.slice(0, 17) + '0'), beian.unifiedSocialCreditCode.validate('91440300715267260X'.slice(0, 17) + '0').ok);
  assert.deepEqual(beian.unifiedSocialCreditCode.validate('9144030071526726xg'), {
    ok: true, value: '9144030071526726XG', region: '440300', organisationCode: '71526726X',
  });
  assert.equal(beian.organisationCode.format('71526726X'), '71526726-X');
  assert.equal(beian.hkMacauTravelPermit.isValid('H12345678'), true);
  assert.equal(beian.taiwanTravelPermit.isValid('H12345678'), false);
  assert.equal(beian.taiwanTravelPermit.isValid('12345678'), true);
  assert.equal(beian.passport.isValid('E12345678'), true);
  assert.equal(beian.domain.format('例子.中国'), 'xn--fsqu00a.xn--fiqs8s');
  assert.equal(beian.domain.validate('www.example.com').error.suggestion, 'example.com');
});

test('filing numbers: parse and format', () => {
  assert.deepEqual(beian.parseFilingNumber('京 ICP 备 09051301 号－3'), {
    ok: true, value: '京ICP备09051301号-3', filingKind: 'filing', province: '北京', region: '110000',
    site: 3, subjectNumber: '京ICP备09051301号',
  });
  assert.equal(beian.parseFilingNumber('浙B2-20040180').filingKind, 'commercial');
  assert.equal(beian.parseFilingNumber('港ICP备09051301号'), null);
  assert.equal(beian.formatFilingNumber('京 ICP 备 09051301 号'), '京ICP备09051301号');
  assert.equal(beian.filingNumber.validate('港ICP备09051301号').error.rule.startsWith('filing_number.'), true);
});

test('domains: registrable domain, IDNA both ways', () => {
  const cases = [
    ['www.example.com.cn', 'example.com.cn'],
    ['example.com', 'example.com'],
    ['a.b.example.co.uk', 'example.co.uk'],
    ['WWW.Example.COM', 'example.com'],
    ['com.cn', null],
    ['foo.github.io', 'github.io'],
    ['a.b.kawasaki.jp', 'a.b.kawasaki.jp'],
    ['www.city.kawasaki.jp', 'city.kawasaki.jp'],
    ['www.例子.中国', '例子.中国'],
    ['xn--fsqu00a.xn--fiqs8s', 'xn--fsqu00a.xn--fiqs8s'],
    ['b.example.example', 'example.example'],
    ['127.0.0.1', null],
    ['a..b.com', null],
    ['a_b.example.com', null],
    ['', null],
  ];
  for (const [host, want] of cases) assert.equal(beian.registrableDomain(host), want, host);
  assert.equal(beian.toAscii('例子.中国'), 'xn--fsqu00a.xn--fiqs8s');
  assert.equal(beian.toAscii('WWW.Example.COM'), 'www.example.com');
  assert.equal(beian.toUnicode('xn--fsqu00a.xn--fiqs8s'), '例子.中国');
  assert.throws(() => beian.toAscii('a_b.com'), (e) => e instanceof Error && e.code === 'EINVAL' && e.rule === 'domain.invalid_name');
  assert.match(beian.pslVersion(), /^\d{4}-\d{2}-\d{2}/);
});

test('registrableDomain: the fast path for plain hosts answers as wasm does', () => {
  // fast.js hands hosts of ASCII letters (lower-cased), digits, hyphens and
  // dots, and IDN hosts as they are, to wasm through its buffer, where a
  // plain ASCII host (the rules' domain::is_plain_ascii_host) or a host of
  // Chinese labels (domain::idn_registrable_start) needs only the suffix
  // list; the full path (IDNA, then the list) must agree on every host,
  // valid or not.
  const labels = ['www', 'a', 'b-c', '-a', 'a-', 'ab--c', 'xn--fsqu00a', 'xn--abc', '0', '12', '9a', 'x'.repeat(63),
    'x'.repeat(64), '', 'com', 'cn', 'uk', 'co', 'kawasaki', 'city', 'jp', 'ck', 'www', 'xn--fiqs8s', 'xn--55qx5d',
    'github', 'io', 'example', 'A', 'b_c', 'é', '例子',
    // Mixed case: lower-cased in the buffer (what UTS #46 does to ASCII).
    'WWW', 'Example', 'COM', 'Cn', 'XN--FSQU00A', 'Xn--fiqs8s', 'GitHub', 'IO', 'Co', 'UK', 'A-B', 'Z', '@', '[', '`', '{',
    // IDN: Chinese labels, in Unicode and punycode, and what the fast path leaves to IDNA.
    '例子', '中国', '中國', '公司', '网络', 'xn--55qx5d', 'xn--io0a7i', '-例', '例-', '例--子', 'ab--例', 'a-例', '例1',
    'пример', 'рф', '例。子', 'ｗｗｗ', '\u{4DFF}', '\u{9FFF}', '\u{A000}', '例\u{200D}', '\u{1F600}'];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const hosts = ['1.2.3.4', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4.', '0x1.2.3.4', `${'a.'.repeat(126)}cn`,
    `${'a.'.repeat(127)}cn`, `${'x'.repeat(60)}.${'y'.repeat(60)}.${'z'.repeat(60)}.${'w'.repeat(60)}.com.cn`];
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(random() * 5);
    hosts.push(Array.from({ length: n }, () => labels[Math.floor(random() * labels.length)]).join('.'));
  }
  for (const host of hosts) {
    const full = glue.registrableDomain(host) ?? null;
    assert.equal(beian.registrableDomain(host), full, host);
  }
});

test('messages in both languages', () => {
  const [f] = beian.checkField('resident_id', '11010519491231002x').findings;
  assert.equal(beian.localize(f.message, 'en'), f.message.en);
  assert.equal(beian.localize(f.message, 'en-GB'), f.message.en);
  assert.equal(beian.localize(f.message, 'zh-CN'), f.message['zh-CN']);
  assert.equal(beian.localize(f.message, 'zh'), f.message['zh-CN']);
});

test('bad arguments throw an Error with code EINVAL, never a panic', () => {
  const einval = (e) => e instanceof Error && e.code === 'EINVAL';
  assert.throws(() => beian.residentId.validate(5), einval);
  assert.throws(() => beian.unifiedSocialCreditCode.compact(null), einval);
  assert.throws(() => beian.registrableDomain({}), einval);
  assert.throws(() => beian.toUnicode(1), einval);
  assert.throws(() => beian.checkField('domain', 5), einval);
  assert.throws(() => glue.__validate(99, 'x'), einval);
  assert.equal(glue.__isValid(99, 'x'), false);
  // Odd strings are answers, not crashes.
  for (const s of ['\u0000', '\uD800', 'é'.repeat(1000), '.'.repeat(300), '１'.repeat(50)]) {
    for (const id of Object.values(beian.identifiers)) {
      id.isValid(s);
      id.validate(s);
      id.format(s);
      id.compact(s);
    }
    beian.registrableDomain(s);
    beian.toUnicode(s);
  }
  assert.equal(beian.residentId.isValid('11010519491231002X'), true);
});

test('every function the declarations name is exported, and nothing else', () => {
  const dts = readFileSync(new URL('../dist/beian_wasm.d.ts', import.meta.url), 'utf8')
    + readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
    + readFileSync(new URL('../identifiers.d.ts', import.meta.url), 'utf8')
    + readFileSync(new URL('../message.d.ts', import.meta.url), 'utf8');
  const declared = new Set(
    [...dts.matchAll(/^export (?:declare )?(?:function|const) (\w+)/gm)].map((m) => m[1]),
  );
  declared.delete('initSync');
  const exported = new Set(Object.keys(beian));
  assert.deepEqual([...exported].sort(), [...declared].sort());
});

test('footerSnippet: the approved number linked to the MIIT filing site', () => {
  const html = beian.footerSnippet(' 京icp备12345678号－1 ');
  assert.match(html, /^<p style="text-align:center;[^"]*"><a href="https:\/\/beian\.miit\.gov\.cn\/" target="_blank" rel="noopener noreferrer"[^>]*>京ICP备12345678号-1<\/a><\/p>$/);
  assert.equal(
    beian.footerSnippet('京ICP备12345678号-2', 'plain'),
    '<p class="icp-filing"><a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">京ICP备12345678号-2</a></p>',
  );
  const missingHao = (e) => e.code === 'EINVAL' && e.rule === 'filing_number.missing_hao' && e.fix === '京ICP备12345678号-1';
  assert.throws(() => beian.footerSnippet('京ICP备12345678-1'), missingHao);
  assert.throws(() => beian.footerSnippet('浙B2-20040180'), (e) => e.code === 'EINVAL' && e.rule === 'footer.licence_number');
  assert.throws(() => beian.footerSnippet('京ICP备12345678号', 'fancy'), (e) => e.code === 'EINVAL');
  assert.throws(() => beian.footerSnippet(12345678), (e) => e.code === 'EINVAL');
});
