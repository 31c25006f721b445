// Benchmarks the package against the npm packages it replaces, in one Node
// process on the same inputs: resident ID validation (id-validator, idcard,
// stdnum), USCC validation (stdnum), registrable domain (tldts, ICANN
// rules only, same answers checked first; lower-case ASCII, mixed-case, IDN
// and punycode hosts) and whole-filing check latency.
// Prints ops/s and our ratio to each peer, the inputs where a peer
// disagrees with us, and the gzip size of each package as a bundler ships it.
//
//   sh pkg/scripts/build.sh          # the package, from the repository root
//   cd pkg/bench && npm install && node bench.mjs [--quick]
//
// Not part of the test suite.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import * as beian from 'beian';

const require = createRequire(import.meta.url);
const IDValidator = require('id-validator');
const GB2260 = require('id-validator/src/GB2260');
const idcard = require('idcard');
const { stdnum } = require('stdnum');
const tldts = require('tldts');

const quick = process.argv.includes('--quick');
const seconds = quick ? 0.3 : 1.5;

// ---------------------------------------------------------------- inputs
// A fixed pseudo-random sequence, so that every run measures the same.
// mulberry32
let seed = 20261125;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

// Division codes from the rules' data: county-level codes in use now and
// some retired ones (IDs keep the code of their issue).
const csv = readFileSync(new URL('../../crates/beian-rules/data/divisions/result.csv', import.meta.url), 'utf8')
  .split('\n').slice(1).filter(Boolean).map((l) => l.split(','));
const inUse = csv.filter((c) => c[5] === '在用' && c[4] === '县级').map((c) => c[0]);
const retired = csv.filter((c) => c[5] !== '在用' && c[4] === '县级' && Number(c[7]) >= 2000).map((c) => c[0]);

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkOf = (first17) => '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i], 0) % 11];
const birth = () => {
  const y = 1950 + Math.floor(random() * 55);
  const m = 1 + Math.floor(random() * 12);
  const d = 1 + Math.floor(random() * 28);
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
};
function residentIds(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    const region = r < 0.9 ? pick(inUse) : pick(retired);
    const first17 = region + birth() + digits(3);
    const valid = first17 + checkOf(first17);
    const k = random();
    if (k < 0.6) out.push(valid);
    else if (k < 0.7) out.push(first17 + (checkOf(first17) === '0' ? '1' : '0')); // wrong check
    else if (k < 0.75) out.push(valid.replace('X', 'x'));
    else if (k < 0.8) out.push(valid.slice(0, 10) + '1332' + valid.slice(14)); // 13th month
    else if (k < 0.85) {
      const p = pick(['810000', '820000', '830000']) + birth() + digits(3);
      out.push(p + checkOf(p)); // residence permit number
    } else if (k < 0.9) out.push(valid.slice(0, 17));
    else if (k < 0.95) {
      // 15-digit first-generation number
      out.push(region + birth().slice(2) + digits(3));
    } else out.push(pick(['', 'abc', '11010519491231002X ', ' 110105194912310021', '1'.repeat(18)]));
  }
  // The known cases, once each.
  out.push('11010519491231002X', '11010519491231002x', '110105491231002');
  for (const p of ['810000', '820000', '830000']) {
    const f = `${p}19900101001`;
    out.push(f + checkOf(f));
  }
  const f = '11010420000101001'; // 宣武区, merged in 2010: issued before
  out.push(f + checkOf(f));
  return out;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccCheck = (first17) => {
  let sum = 0;
  let w = 1;
  for (const c of first17) {
    sum += USCC_ALPHABET.indexOf(c) * w;
    w = (w * 3) % 31;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
};
const orgCheck = (body) => {
  const v = (c) => (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55);
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - ([...body].reduce((s, ch, i) => s + v(ch) * w[i], 0) % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
};
function usccs(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const org = digits(8);
    const region = pick(inUse);
    const first17 = pick(['91', '92', '93', '12', '51', '52', '53']) + region + org + orgCheck(org);
    const valid = first17 + usccCheck(first17);
    const k = random();
    if (k < 0.7) out.push(valid);
    else if (k < 0.8) out.push(first17 + (usccCheck(first17) === 'A' ? 'B' : 'A'));
    else if (k < 0.85) out.push(valid.toLowerCase());
    else if (k < 0.9) out.push(valid.slice(0, 17));
    else out.push(`91${region}${digits(9)}I`);
  }
  // Check character 0: valid (stdnum-js rejects these).
  for (let i = 0; out.filter((c) => c.endsWith('0')).length < 5 && i < 100000; i++) {
    const org = digits(8);
    const first17 = `91440300${org}${orgCheck(org)}`;
    if (usccCheck(first17) === '0') out.push(first17 + '0');
  }
  return out;
}

const labels = ['www', 'mail', 'a', 'b', 'static', 'cdn', 'm', 'api'];
const names = ['example', 'taobao', 'qq', 'baidu', 'jd', 'sina', 'weibo', 'bilibili', 'zhihu', 'sohu', 'test-site', 'a1'];
const suffixes = ['com', 'cn', 'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'net', 'org', 'co.uk', 'ac.jp', 'kawasaki.jp',
  'city.kawasaki.jp', 'com.au', 'de', 'io', 'github.io', 'xn--fiqs8s', 'xn--55qx5d', 'top', 'xyz', 'co', 'ck', 'www.ck',
  'example', 'blogspot.com'];
function hosts(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const depth = Math.floor(random() * 3);
    const parts = Array.from({ length: depth }, () => pick(labels));
    out.push([...parts, pick(names), pick(suffixes)].join('.'));
  }
  out.push('com.cn', 'cn', 'xn--fiqs8s', 'a.b.c.d.e.example.co.uk');
  return out;
}
// Agreement only (not timed): forms the timed list leaves out.
const oddHosts = ['WWW.Example.COM', 'www.例子.中国', '例子.中国', 'www.example.com.', '127.0.0.1', '[::1]', 'a_b.example.com',
  '-a.example.com', 'a..example.com', '', 'localhost', 'http://www.example.com/path'];

// The same hosts in other shapes, each timed on its own (issue 20): in
// mixed case; with Chinese labels (IDN, Unicode); those in punycode.
const mixedCase = (h) => [...h].map((c) => (random() < 0.5 ? c.toUpperCase() : c)).join('');
const idnNames = ['例子', '测试', '中文网', '北京大学', '淘宝', '百度', '新浪', '知乎', '哔哩哔哩', '搜狐'];
const idnSuffixes = ['中国', '公司', '网络', '中國', 'com', 'cn', 'com.cn', 'net', 'top'];
function idnHosts(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const depth = Math.floor(random() * 2);
    const parts = Array.from({ length: depth }, () => pick(['www', 'mail', '网站', 'm']));
    out.push([...parts, pick(idnNames), pick(idnSuffixes)].join('.'));
  }
  return out;
}

const ids = [...new Set(residentIds(3000))];
const codes = [...new Set(usccs(3000))];
const domains = [...new Set(hosts(3000))];
const hostShapes = [
  ['lower-case ASCII', domains],
  ['mixed case', [...new Set(domains.map(mixedCase))]],
  ['IDN (Unicode)', [...new Set(idnHosts(3000))]],
];
hostShapes.push(['punycode', [...new Set(hostShapes[2][1].map((h) => beian.toAscii(h)))]]);

// ----------------------------------------------------------- measuring
// Each row measures beian and its peers in turns: `rounds` rounds of
// `seconds / rounds` each, and keeps each one's best round, so that a
// burst of load from other processes on a shared machine does not land
// on one side of a ratio only.
const rounds = 5;
let sink = 0;
// `pass` runs before each pass over the inputs (id-validator's cache).
function warmUp(fn, inputs, pass = () => {}) {
  const n = inputs.length;
  for (let i = 0; i < n * 3; i++) {
    if (i % n === 0) pass();
    sink ^= fn(inputs[i % n]) ? 1 : 0;
  }
}
function measure(fn, inputs, pass = () => {}) {
  const n = inputs.length;
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round((seconds / rounds) * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    pass();
    for (let i = 0; i < n; i++) sink ^= fn(inputs[i]) ? 1 : 0;
    calls += n;
    elapsed = process.hrtime.bigint() - start;
  }
  return calls / (Number(elapsed) / 1e9);
}

const rows = [];
function row(task, ours, peers, inputs) {
  const all = [[null, ours], ...peers];
  for (const [, fn, pass] of all) warmUp(fn, inputs, pass);
  const best = all.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    all.forEach(([, fn, pass], i) => {
      best[i] = Math.max(best[i], measure(fn, inputs, pass));
    });
  }
  const [mine, ...theirs] = best;
  rows.push({ task, mine, results: peers.map(([name], i) => [name, theirs[i]]) });
}

// id-validator keeps every answer in a cache on its instance: cleared before
// each pass, so that each call validates (inputs within a pass are distinct).
const idv = new IDValidator(GB2260);
const idPeers = [
  ['id-validator', (s) => idv.isValid(s), () => { idv.cache = {}; }],
  ['idcard', (s) => idcard.verify(s)],
  ['stdnum', (s) => stdnum.CN.ric.validate(s).isValid],
];
const usccPeers = [['stdnum', (s) => stdnum.CN.uscc.validate(s).isValid]];
const domainPeers = [['tldts', (s) => tldts.getDomain(s)]];

// ---------------------------------------------------------- agreement
function disagreements(inputs, ours, peers, why) {
  const out = [];
  for (const [name, fn] of peers) {
    const diff = [];
    for (const input of new Set(inputs)) {
      let theirs;
      try {
        theirs = fn(input);
      } catch (e) {
        theirs = `throws ${e.message}`;
      }
      const mine = ours(input);
      if (theirs !== mine) diff.push({ input, ours: mine, theirs, why: why(input) });
    }
    out.push([name, diff]);
  }
  return out;
}

const agreement = [
  ['resident ID', disagreements(ids, (s) => beian.residentId.isValid(s), idPeers,
    (s) => { const v = beian.residentId.validate(s); return v.ok ? 'valid' : v.error.rule; })],
  ['USCC', disagreements(codes, (s) => beian.unifiedSocialCreditCode.isValid(s), usccPeers,
    (s) => { const v = beian.uscc.validate(s); return v.ok ? 'valid' : v.error.rule; })],
  ['registrable domain', disagreements([...domains, ...oddHosts], (s) => beian.registrableDomain(s), domainPeers, () => '')],
];

// ---------------------------------------------------------- the runs
row('resident ID isValid', (s) => beian.residentId.isValid(s), idPeers, ids);
row('USCC isValid', (s) => beian.unifiedSocialCreditCode.isValid(s), usccPeers, codes);
// Each host shape is timed only where tldts gives the same answers.
for (const [shape, inputs] of hostShapes) {
  const diff = disagreements(inputs, (s) => beian.registrableDomain(s), domainPeers, () => '')[0][1];
  const task = `registrable domain, ${shape}`;
  if (diff.length === 0) row(task, (s) => beian.registrableDomain(s), domainPeers, inputs);
  else console.log(`${task}: not timed, ${diff.length} inputs disagree with tldts, e.g. ${JSON.stringify(diff[0])}`);
}
const filing = {
  subject: {
    subjectType: 'enterprise', name: '示例科技有限公司', documentType: 'unified_social_credit_code',
    documentNumber: '91350100M000100Y43', province: '350000', city: '350100', county: '350102',
    address: '福建省福州市鼓楼区某路1号',
    responsiblePerson: { name: '张三', documentType: 'resident_id', documentNumber: '11010519491231002X', mobile: '13800000000', email: 'a@example.com' },
  },
  websites: [
    { name: '示例', domains: ['example.com', '例子.中国'], homepage: 'https://www.example.com/', responsiblePerson: { name: '张三', documentNumber: '11010519491231002X', mobile: '13800000000' } },
    { name: '示例二', domains: ['www.example.cn'], homepage: 'http://www.other.cn', responsiblePerson: { name: '李四', documentNumber: '110105194912310021' } },
  ],
};
const options = { today: '2026-11-25' };
/** `fn`'s best round, as in `row`. */
function bestOf(fn, inputs) {
  warmUp(fn, inputs);
  let best = 0;
  for (let r = 0; r < rounds; r++) best = Math.max(best, measure(fn, inputs));
  return best;
}
const filingRate = bestOf(() => beian.checkFiling(filing, options).length > 0, [0]);
const fieldRate = bestOf((s) => beian.checkField('resident_id', s, options).ok, ids);

// ------------------------------------------------------------- sizes
// What a bundler ships for one import of each package: bundled, minified
// (esbuild, platform browser), gzip -9.
const esbuild = await import('esbuild');
async function bundled(code) {
  const out = await esbuild.build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
    target: 'es2022',
  });
  const bytes = out.outputFiles[0].contents;
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}
const sizes = [
  ['beian', await bundled("export { residentId, uscc, registrableDomain, checkFiling } from 'beian';")],
  ['id-validator (with GB2260)', await bundled("import V from 'id-validator'; import G from 'id-validator/src/GB2260'; export default new V(G);")],
  ['idcard', await bundled("export { default } from 'idcard';")],
  ['stdnum (CN.ric, CN.uscc)', await bundled("import { stdnum } from 'stdnum'; export const a = stdnum.CN.ric, b = stdnum.CN.uscc;")],
  ['tldts', await bundled("export { getDomain } from 'tldts';")],
  ['beian/id (residentId, uscc)', await bundled("export { residentId, uscc } from 'beian/id';")],
  ['beian/domain (registrableDomain)', await bundled("export { registrableDomain } from 'beian/domain';")],
];
const wasmGz = gzipSync(readFileSync(new URL('../dist/beian_wasm_bg.wasm', import.meta.url)), { level: 9 }).length;

// ------------------------------------------------------------- report
const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0));
const version = (p) => require(`${p}/package.json`).version;
console.log(`# beian ${version('beian')} vs peers — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log(`peers: id-validator ${version('id-validator')}, idcard ${version('idcard')}, stdnum ${version('stdnum')}, tldts ${version('tldts')}\n`);
console.log('| task | beian ops/s | peer | peer ops/s | beian ÷ peer |');
console.log('| --- | ---: | --- | ---: | ---: |');
for (const { task, mine, results } of rows) {
  for (const [name, rate] of results) {
    console.log(`| ${task} | ${fmt(mine)} | ${name} | ${fmt(rate)} | ${(mine / rate).toFixed(2)}× |`);
  }
}
console.log(`| whole filing, checkFiling (2 websites) | ${fmt(filingRate)} (${(1e6 / filingRate).toFixed(1)} µs) | — | — | — |`);
console.log(`| checkField('resident_id') | ${fmt(fieldRate)} (${(1e6 / fieldRate).toFixed(2)} µs) | — | — | — |`);

console.log('\n## Where peers disagree with beian\n');
console.log('| inputs | peer | disagreements | by beian\'s answer | examples (input: beian / peer) |');
console.log('| --- | --- | ---: | --- | --- |');
for (const [what, perPeer] of agreement) {
  const total = what === 'resident ID' ? new Set(ids).size : what === 'USCC' ? new Set(codes).size : new Set([...domains, ...oddHosts]).size;
  for (const [name, diff] of perPeer) {
    // One example per reason, then more up to six.
    const byReason = new Map();
    for (const d of diff) if (!byReason.has(`${d.why}${d.ours}`)) byReason.set(`${d.why}${d.ours}`, d);
    const examples = [...byReason.values(), ...diff.filter((d) => ![...byReason.values()].includes(d))].slice(0, 6);
    const text = examples.map((d) => `\`${d.input}\`: ${JSON.stringify(d.ours)} / ${JSON.stringify(d.theirs)}`).join('; ');
    const counts = new Map();
    for (const d of diff) {
      const key = d.why || (d.ours === null ? 'null' : 'a domain');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const reasons = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ');
    console.log(`| ${what} (${total}) | ${name} | ${diff.length} | ${reasons || '—'} | ${text || '—'} |`);
  }
}

console.log('\n## Size (bundled, minified, gzip -9)\n');
console.log('| package | bytes | gzip |');
console.log('| --- | ---: | ---: |');
for (const [name, s] of sizes) console.log(`| ${name} | ${s.raw} | ${s.gz} |`);
console.log(`\nbeian's .wasm alone: ${wasmGz} bytes gzip -9 (inside the bundle as base64 of raw deflate).`);
if (sink === 42) console.log('');
