// Batch import through the npm package's entry `beian/batch` (the package
// `beian-batch`): checkBatch (XLSX, CSV in UTF-8 or GBK, JSON filings) and
// batchTemplate. Build the package first: `sh pkg/scripts/build.sh`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

const built = new URL('../batch/dist/beian_batch_bg.wasm', import.meta.url);
if (!existsSync(built)) {
  throw new Error('pkg/batch/dist is missing: build the package first with `sh pkg/scripts/build.sh`');
}
const { checkBatch, batchTemplate, openBatch } = await import('beian/batch');

const HEADER =
  '主办单位性质,主办单位名称,主办单位证件类型,主办单位证件号码,省,县,通信地址,主体负责人姓名,主体负责人证件号码,' +
  '主体负责人手机号码,主体负责人电子邮箱,网站名称,网站域名,网站首页URL,域名所有者,网站负责人姓名,网站负责人证件号码,' +
  '网站负责人手机号码,网站负责人电子邮箱,接入服务商,接入方式,服务器放置地,服务器IP';
const GOOD =
  '个人,张三,居民身份证,11010519491231002X,110000,110105,北京市朝阳区某路1号,张三,11010519491231002X,' +
  '13800138000,zs@example.com,张三的读书笔记,example.com,https://www.example.com/,张三,张三,11010519491231002X,' +
  '13800138000,zs@example.com,某某云计算有限公司,cloud,110000,203.119.80.1';
const utf8 = (s) => new TextEncoder().encode(s);
const today = '2026-11-25';

test('a clean row has no findings', () => {
  const report = checkBatch(utf8(`${HEADER}\n${GOOD}\n`), { today });
  assert.equal(report.format, 'csv');
  assert.equal(report.rows, 1);
  assert.equal(report.rowsOk, 1);
  assert.deepEqual(report.findings, []);
});

test('findings carry row, column, field and the MIIT code', () => {
  const bad = GOOD.replace('11010519491231002X', '11010519491231002x').replace(',example.com,', ',www.example.net,');
  const report = checkBatch(utf8(`${HEADER}\n${bad}\n`), { today });
  const f = report.findings.find((x) => x.code === '1015');
  assert.equal(f.row, 2);
  assert.equal(f.column, 'D');
  assert.equal(f.field, 'subjectDocumentNumber');
  assert.equal(f.header, '主办单位证件号码');
  assert.equal(f.suggestion, '11010519491231002X');
  assert.equal(f.severity, 'error');
  assert.ok(f.message['zh-CN'] && f.message.en);
  assert.ok(report.findings.some((x) => x.code === '1004' && x.column === 'M'));
  assert.equal(report.rowsWithErrors, 1);
  assert.ok(report.byCode['1015'] >= 1);
});

test('GBK bytes are detected; utf-8 forced refuses them', () => {
  // 张三 and the header in GBK, by hand: TextEncoder speaks only UTF-8.
  const gbk = new Uint8Array([
    0xcd, 0xf8, 0xd5, 0xbe, 0xd3, 0xf2, 0xc3, 0xfb, 0x2c, // 网站域名,
    0xcd, 0xf8, 0xd5, 0xbe, 0xca, 0xd7, 0xd2, 0xb3, 0x55, 0x52, 0x4c, 0x0a, // 网站首页URL\n
    ...utf8('www.example.com,www.example.com\n'),
  ]);
  const report = checkBatch(gbk, { today });
  assert.equal(report.encoding, 'gb18030');
  assert.ok(report.findings.some((x) => x.code === '1004' && x.field === 'domains'));
  assert.throws(() => checkBatch(gbk, { encoding: 'utf-8' }), (e) => e.code === 'EFILE' && e.kind === 'encoding');
});

test('the XLSX template reads back clean; the CSV one has a BOM', () => {
  const xlsx = batchTemplate('xlsx');
  assert.ok(xlsx instanceof Uint8Array);
  assert.equal(String.fromCharCode(xlsx[0], xlsx[1]), 'PK');
  const report = checkBatch(xlsx);
  assert.equal(report.format, 'xlsx');
  assert.equal(report.sheet, '备案信息');
  assert.equal(report.rows, 0);
  const csv = batchTemplate('csv');
  assert.deepEqual([...csv.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.throws(() => batchTemplate('xls'), (e) => e.code === 'EINVAL');
});

test('JSON filings, one or an array', () => {
  const report = checkBatch(utf8(JSON.stringify([{ subject: { documentNumber: '11010519491231002x' } }])));
  assert.equal(report.format, 'json');
  assert.ok(report.findings.some((x) => x.row === 1 && x.code === '1015'));
});

test('garbage: a clear error, never a trap', () => {
  const xlsx = batchTemplate('xlsx');
  for (let cut = 0; cut < xlsx.length; cut += 97) {
    try {
      checkBatch(xlsx.slice(0, cut));
    } catch (e) {
      assert.equal(e.code, 'EFILE', String(e));
      assert.ok(e.zh.length > 0);
    }
  }
  assert.throws(() => checkBatch(new Uint8Array(0)), (e) => e.code === 'EFILE' && e.kind === 'empty');
  assert.throws(() => checkBatch(utf8('a,b\n1,2\n'), { maxBytes: 3 }), (e) => e.kind === 'too_large');
  assert.throws(() => checkBatch(utf8('x'), { bogus: 1 }), (e) => e.code === 'EINVAL');
  const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
  try {
    checkBatch(random);
  } catch (e) {
    assert.equal(e.code, 'EFILE');
  }
});

test('openBatch checks in steps for a progress bar, with the same report', async () => {
  const rows = [GOOD, GOOD.replaceAll('11010519491231002X', '110101199003070011').replace(',example.com,', ',example.cn,')];
  const bytes = utf8(`${HEADER}\n${rows.join('\n')}\n`);
  const job = openBatch(bytes, { today });
  assert.equal(job.rows, 2);
  assert.equal(job.subjects, 2);
  assert.equal(job.checked, 0);
  assert.equal(job.step(1), false);
  assert.equal(job.checked, 1);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(job.step(1), true);
  assert.deepEqual(job.report(), checkBatch(bytes, { today }));
  // JSON is checked at once.
  const json = openBatch(utf8('{"subject": {}}'));
  assert.equal(json.step(10), true);
  assert.equal(json.report().format, 'json');
  assert.throws(() => openBatch(new Uint8Array(0)), (e) => e.code === 'EFILE');
});

test('the package beian-batch is beian/batch: the same functions', async () => {
  const via = await import('beian/batch');
  const own = await import('beian-batch');
  assert.deepEqual(Object.keys(own).sort(), Object.keys(via).sort());
  for (const [name, f] of Object.entries(own)) assert.equal(f, via[name], name);
});
