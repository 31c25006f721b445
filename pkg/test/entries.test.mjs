// The family entry points `beian/id` and `beian/domain`, each over its own
// module: they export what their declarations name, and answer as `beian`
// does for the identifiers and fields of their family; the other kinds are
// an EINVAL error. Build first: `sh pkg/scripts/build.sh`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const beian = await import('beian');
const id = await import('beian/id');
const domain = await import('beian/domain');
const glue = await import('../dist/beian_wasm.js');
const idGlue = await import('../dist/beian_id.js');

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const declared = (...files) => {
  const names = new Set(
    files.flatMap((f) => [...read(f).matchAll(/^export (?:declare )?(?:function|const) (\w+)/gm)].map((m) => m[1])),
  );
  names.delete('initSync');
  return [...names].sort();
};
const reExported = (file) =>
  [...read(file).matchAll(/^export \{ ([^}]+) \} from/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim()));

test('every function the declarations name is exported, and nothing else', () => {
  // `beian/id`: the glue's functions, the identifiers, the message helpers.
  const idNames = new Set([...declared('dist/beian_id.d.ts', 'id/identifiers.d.ts'),
    ...reExported('id/index.d.ts').filter((n) => n !== 'checkField')]);
  assert.deepEqual(Object.keys(id).sort(), [...idNames].sort());
  const domainNames = new Set([...declared('dist/beian_domain.d.ts', 'domain/identifiers.d.ts'),
    ...reExported('domain/index.d.ts').filter((n) => !['checkField', 'pslVersion', 'registrableDomain', 'toAscii', 'toUnicode'].includes(n))]);
  assert.deepEqual(Object.keys(domain).sort(), [...domainNames].sort());
});

test('beian/id has every identifier but the domain, numbered as in beian', () => {
  const names = glue.__identifierKinds().split(',');
  assert.deepEqual(Object.keys(id.identifiers), names.filter((n) => n !== 'domain'));
  assert.equal(id.domain, undefined);
  assert.equal(id.registrableDomain, undefined);
  assert.equal(id.uscc, id.unifiedSocialCreditCode);
  assert.equal(id.identifiers.orgCode, id.organisationCode);
  assert.ok(Object.isFrozen(id.identifiers));
  assert.deepEqual(Object.keys(domain).filter((n) => names.includes(n)), ['domain']);
});

const numbers = [
  '', ' ', '11010519491231002x', '11010519491231002X', '110105194912310021', '41282820040303864X',
  '830000199406259537', '9144030071526726XG', '9144030071526726XA', '71526726-X', '110105000000010',
  'USA310085020011', 'H12345678', 'H1234567890', 'T12345678', 'E12345678', 'G1234567',
  '京ICP备09051301号-1', '京icp备09051301号', '浙B2-20040180', '京ICP证030173号', 'example.com', '身份证：１１０１０５１９４９１２３１００２Ｘ',
  'x'.repeat(300),
];

test('beian/id answers as beian', () => {
  for (const [name, obj] of Object.entries(id.identifiers)) {
    for (const v of numbers) {
      const all = beian[name];
      assert.equal(obj.isValid(v), all.isValid(v), `${name} ${v}`);
      assert.equal(obj.compact(v), all.compact(v), `${name} ${v}`);
      assert.equal(obj.format(v), all.format(v), `${name} ${v}`);
      assert.deepEqual(obj.validate(v), all.validate(v), `${name} ${v}`);
    }
  }
  const context = { today: '2026-12-05', path: '/p' };
  const kinds = [...new Set(Object.keys(id.identifiers).map((n) => n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)))];
  for (const kind of [...kinds, 'hk_mo_tw_permit', 'division', 'uscc']) {
    for (const v of [...numbers, '110000', '110105', '110199']) {
      assert.deepEqual(id.checkField(kind, v, context), beian.checkField(kind, v, context), `${kind} ${v}`);
    }
  }
  assert.equal(id.parseFilingNumber('京ICP备09051301号-1').site, 1);
  assert.equal(id.formatFilingNumber('京icp备09051301号'), beian.formatFilingNumber('京icp备09051301号'));
  assert.equal(id.localize({ en: 'a', 'zh-CN': 'b' }, 'en-GB'), 'a');
});

test('beian/domain answers as beian', () => {
  const hosts = ['www.example.com', 'a.b.example.co.uk', 'WWW.Example.COM', 'www.例子.中国', 'xn--fsqu00a.xn--fiqs8s',
    'com', 'co.uk', '1.2.3.4', 'a_b.com', 'www.example.com.', '', 'x'.repeat(300), 'foo.github.io', 'example.invalidtld'];
  for (const h of hosts) {
    assert.equal(domain.registrableDomain(h), beian.registrableDomain(h), h);
    assert.equal(domain.toUnicode(h), beian.toUnicode(h), h);
    let a;
    let b;
    try { a = domain.toAscii(h); } catch (e) { a = [e.code, e.rule]; }
    try { b = beian.toAscii(h); } catch (e) { b = [e.code, e.rule]; }
    assert.deepEqual(a, b, h);
    assert.deepEqual(domain.domain.validate(h), beian.domain.validate(h), h);
    assert.equal(domain.domain.isValid(h), beian.domain.isValid(h), h);
    const context = { domains: ['example.com', '例子.中国'], path: '/p' };
    for (const kind of ['domain', 'homepage']) {
      const v = kind === 'homepage' ? `http://${h}/a` : h;
      assert.deepEqual(domain.checkField(kind, v, context), beian.checkField(kind, v, context), `${kind} ${v}`);
    }
  }
  assert.equal(domain.pslVersion(), beian.pslVersion());
});

test('each entry refuses the kinds of the others with EINVAL', () => {
  const einval = (e) => e.code === 'EINVAL' && /`beian`/.test(e.message);
  for (const kind of ['domain', 'homepage', 'email', 'mobile', 'website_name']) {
    assert.throws(() => id.checkField(kind, 'x'), einval, kind);
  }
  for (const kind of ['resident_id', 'division', 'email', 'hk_mo_tw_permit']) {
    assert.throws(() => domain.checkField(kind, 'x'), einval, kind);
  }
  assert.throws(() => id.checkField('iban', 'x'), (e) => e.code === 'EINVAL');
  assert.throws(() => id.residentId.validate(1), (e) => e.code === 'EINVAL');
  assert.throws(() => domain.registrableDomain(null), (e) => e.code === 'EINVAL');
  assert.equal(id.residentId.isValid(1), false);
  // The domain's number in another module is unknown there, never a panic.
  assert.equal(idGlue.__isValid(9, 'example.com'), false);
  assert.throws(() => idGlue.__validate(9, 'example.com'), (e) => e.code === 'EINVAL');
});
