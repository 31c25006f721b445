// Server–npm parity (issue 7): for a seeded corpus of generated filings,
// the findings of `POST /api/v1/check` on the real `beian` binary equal
// those of the npm package's `checkFiling` run in Node, and a value that is
// not a filing is refused by both (422 / an Error with code 5001).
//
//   cargo build -p beian-server && sh pkg/scripts/build.sh
//   node --test tests/node/
//
// The corpus is generated from the filing's JSON Schema (pkg/
// filing.schema.json, itself generated from the Rust types), so every field
// of the model is exercised; strings come from pools of valid and broken
// values chosen by the field's name. BEIAN_PARITY_SEED / BEIAN_PARITY_COUNT
// pick another corpus. Loopback only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = process.env.BEIAN_BIN || path.join(root, 'target', 'debug', 'beian');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'pkg', 'filing.schema.json'), 'utf8'));
const SEED = Number(process.env.BEIAN_PARITY_SEED || 20261125);
const COUNT = Number(process.env.BEIAN_PARITY_COUNT || 300);

/** mulberry32: a small seeded generator. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (n) => Math.floor(next() * n),
    chance: (p) => next() * 100 < p,
    pick(items) {
      return items[Math.floor(next() * items.length)];
    },
  };
}

// Pools of values a user types, valid and broken, by field name.
const POOLS = {
  documentNumber: [
    '11010519491231002X', '11010519491231002x', '110105194912310021', '11010519491231002',
    '110105491231002', ' 110105 19491231002X ', '１１０１０５１９４９１２３１００２Ｘ',
    '91110000802100433B', '91350100M000100Y43', '9111000080210043', 'E12345678', 'H12345678',
    '810000199408230021', '830000199201300022', 'L12345678', '', '身份证', '<script>x</script>',
  ],
  domains: [
    'example.com', 'www.example.com', 'EXAMPLE.CN', 'http://example.com', 'example.com/path',
    'example.com:8080', 'com.cn', '例子.中国', 'xn--fsqu00a.xn--fiqs8s', 'ＥＸＡＭＰＬＥ．ｃｏｍ',
    'foo.github.io', '1.2.3.4', '', '-bad-.com', 'example..com', 'exa mple.com', 'beian.xyz',
    'shop.com.cn', 'a.example', 'test-site.org', '例子。中国',
  ],
  homepage: [
    'http://www.example.com', 'https://example.com/', 'example.com:8443/index.html',
    'http://example.com@evil.cn', 'http://example.com.evil.cn', 'http://notexample.com',
    'ftp://www.example.com', 'https://WWW.EXAMPLE.COM/a?b=c#d', '', 'http://例子.中国',
    'http://www.beian.xyz', 'javascript:alert(1)', 'http:\\\\www.example.com\\a',
    'https:example.com/', 'http://[www.example.com]/', 'http://0x7f.1/', 'http://www.exa\tmple.com/',
  ],
  name: ['张三', '张三的个人博客', '中国旅游网', '国家数据网', 'My Blog', '12345', '', '李四四', 'example.com', '北京某某科技有限公司'],
  mobile: ['13800138000', '+86 138 0013 8000', '1380013800', '12345678901', '19912345678', ''],
  phone: ['010-12345678', '0755-1234567', '12345678', '', '021 87654321'],
  email: ['zhangsan@example.com', 'a@b', 'zhang san@example.com', '张三@例子.中国', '', 'x@example.com.'],
  ips: ['203.119.80.1', '192.168.1.10', '127.0.0.1', '2001:db8::1', '240e::1', '8.8.8.8', '', '1.2.3', '10.0.0.1'],
  province: ['110000', '440000', '999999', '', '北京市'],
  city: ['110100', '440300', '440100', '', '110200'],
  county: ['110105', '440305', '110108', '', '110103'],
  serverLocation: ['110000', '440000', '其它', '美国', '', '990000'],
  provider: ['某某云计算有限公司', '其它', '', 'Example Cloud'],
  address: ['北京市朝阳区某某路1号', '', '朝阳区'],
  permitNumber: ['京ICP证030173号', '浙B2-20040180', '', '123'],
  filingNumber: ['京ICP备09051301号', '京ICP备09051301号-3', '粤ICP备2021012345号', 'ICP备123号', '', '京ICP备09051301号-0'],
  licenceNumber: ['京ICP证030173号', '', 'x'],
  date: ['2026-11-20', '2026-11-25', '2020-01-01', '2030-01-01', '2026-11-01', '2025-12-31', '2024-02-29', '2026-02-30'],
  other: ['', '测试', 'x', '张三', '<b>x</b>', '0'],
};

function resolve(node) {
  while (node && node.$ref) node = schema.$defs[node.$ref.split('/').pop()];
  return node;
}

/** A random value of `node`; `key` is the property it fills. */
function generate(r, node, key, depth) {
  node = resolve(node);
  if (node.enum) return r.pick(node.enum);
  if (node.const !== undefined) return node.const;
  for (const alt of ['oneOf', 'anyOf']) {
    if (node[alt]) return generate(r, r.pick(node[alt]), key, depth);
  }
  const type = Array.isArray(node.type) ? r.pick(node.type) : node.type;
  switch (type) {
    case 'object': {
      const out = {};
      for (const [k, child] of Object.entries(node.properties || {})) {
        if (r.chance(75)) out[k] = generate(r, child, k, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = depth > 4 ? 0 : r.below(key === 'websites' ? 3 : 4);
      return Array.from({ length: n }, () => generate(r, node.items, key, depth + 1));
    }
    case 'string':
      if (node.pattern && node.pattern.includes('[0-9]{4}-')) return r.pick(POOLS.date);
      return r.pick(POOLS[key] || POOLS.other);
    case 'boolean':
      return r.chance(50);
    case 'null':
      return null;
    case 'integer':
    case 'number':
      return r.below(100);
    default:
      return null;
  }
}

/** Breaks the shape in one place: a number where something else is. */
function breakShape(r, filing) {
  const spots = [];
  const walk = (v) => {
    if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        spots.push([v, k]);
        walk(v[k]);
      }
    }
  };
  walk(filing);
  if (spots.length === 0) return 17;
  const [obj, k] = r.pick(spots);
  obj[k] = r.pick([17, [], 'x', { y: 1 }, true]);
  return filing;
}

function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-parity-'));
  const child = spawn(bin, [
    'serve', '--addr', '127.0.0.1:0', '--dist', path.join(dir, 'none'),
    '--database-url', `sqlite://${path.join(dir, 'beian.db')}`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolveStart, reject) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) resolveStart([child, m[1], dir]);
    });
    child.on('exit', (code) => reject(new Error(`beian exited (${code}): ${log}`)));
  });
}

/** Today's date where the server is (UTC+8), as the server reads it. */
function todayChina() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

test('POST /api/v1/check and the npm package find the same', async () => {
  assert.ok(fs.existsSync(bin), `build the server first: cargo build -p beian-server (${bin})`);
  const beian = await import(path.join(root, 'pkg', 'index.js'));
  const [server, base, dir] = await startServer();
  try {
    const r = rng(SEED);
    let withFindings = 0;
    let refused = 0;
    let codes = new Set();
    for (let n = 0; n < COUNT; n++) {
      let filing = generate(r, schema, '', 0);
      const broken = r.chance(8);
      if (broken) filing = breakShape(r, filing);
      const reply = await fetch(`${base}/api/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(filing),
      });
      const body = await reply.json();
      const today = todayChina();
      let local;
      try {
        local = { findings: beian.checkFiling(filing, { today }) };
      } catch (e) {
        local = { error: e };
      }
      const what = `filing ${n} (seed ${SEED}): ${JSON.stringify(filing)}`;
      if (reply.status === 200) {
        assert.ok(local.findings, `${what}\nserver accepted it, npm threw ${local.error}`);
        assert.deepEqual(local.findings, body.findings, what);
        if (body.findings.length > 0) withFindings++;
        for (const f of body.findings) if (f.code) codes.add(f.code);
      } else {
        assert.equal(reply.status, 422, `${what}\n${JSON.stringify(body)}`);
        assert.equal(body.error.code, '5001', what);
        assert.ok(local.error, `${what}\nserver refused it (${body.error.message}), npm did not`);
        assert.equal(local.error.code, '5001', what);
        refused++;
      }
    }
    console.log(`parity: ${COUNT} filings (seed ${SEED}), ${withFindings} with findings, ` +
      `${refused} refused as not a filing, MIIT codes ${[...codes].sort().join(' ')}`);
    // The corpus is worth something: most filings have findings, some are
    // refused, and many MIIT codes occur.
    assert.ok(withFindings > COUNT / 2, `only ${withFindings} filings with findings`);
    assert.ok(refused > 0, 'no filing of the wrong shape');
    assert.ok(codes.size >= 5, `only MIIT codes ${[...codes]}`);
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
