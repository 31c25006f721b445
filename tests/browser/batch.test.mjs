// The wizard's batch check (issue 9) in a real browser (headless Chromium):
// a spreadsheet chosen in the page is checked there (the npm package's
// `beian/batch` entry, the package beian-batch, loaded from
// /pkg/batch/dist/batch.js), with a progress bar, a summary, a findings
// table that filters and downloads as CSV, and the template downloads. Nothing is uploaded: the test server answers only
// GETs of static files and records every request.
//
// Build first: the wizard (`trunk build --release`, dist/; BEIAN_DIST picks
// another folder) and the npm package (`sh pkg/scripts/build.sh`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = process.env.BEIAN_DIST || path.join(root, 'dist');
const pkg = path.join(root, 'pkg');
const screenshots = path.join(here, 'screenshots');
const require = createRequire(path.join(root, '.ci', 'node', 'package.json'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};

/** dist/ at /, pkg/ at /pkg/ (as `beian serve` does); `methods` records each request's method. */
function serve(methods) {
  const server = http.createServer((req, res) => {
    methods.push(req.method);
    const url = new URL(req.url, 'http://127.0.0.1');
    const [base, rest] = url.pathname.startsWith('/pkg/')
      ? [pkg, url.pathname.slice('/pkg'.length)]
      : [dist, url.pathname];
    let file = path.normalize(path.join(base, decodeURIComponent(rest)));
    if (!file.startsWith(base) || req.method !== 'GET') {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' }).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const HEADER =
  '主办单位性质,主办单位名称,主办单位证件类型,主办单位证件号码,省,县,通信地址,主体负责人姓名,主体负责人证件号码,' +
  '主体负责人手机号码,主体负责人电子邮箱,网站名称,网站域名,网站首页URL,域名所有者,网站负责人姓名,网站负责人证件号码,' +
  '网站负责人手机号码,网站负责人电子邮箱,接入服务商,接入方式,服务器放置地,服务器IP';
const GOOD =
  '个人,张三,居民身份证,11010519491231002X,110000,110105,北京市朝阳区某路1号,张三,11010519491231002X,' +
  '13800138000,zs@example.com,张三的读书笔记,example.com,https://www.example.com/,张三,张三,11010519491231002X,' +
  '13800138000,zs@example.com,某某云计算有限公司,cloud,110000,203.119.80.1';
const OTHER = GOOD.replaceAll('11010519491231002X', '110101199003070011').replaceAll('张三', '李四')
  .replace(',example.com,', ',www.example.cn,').replace('https://www.example.com/', 'http://www.other.cn')
  .replace('203.119.80.1', '203.119.80.2');

test('the batch check in a real browser', async (t) => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), `${dist}/index.html is missing: run trunk build --release`);
  assert.ok(fs.existsSync(path.join(pkg, 'batch', 'dist', 'batch.js')), 'pkg/batch/dist/batch.js is missing: run sh pkg/scripts/build.sh');
  const { chromium } = require('playwright-core');
  const methods = [];
  const server = await serve(methods);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  t.after(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(base);
  await page.waitForSelector('#batch-file', { timeout: 30_000 });

  await t.test('a file is checked in the page: summary, codes, table', async () => {
    await page.setInputFiles('#batch-file', {
      name: 'batch.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER}\n${GOOD}\n${OTHER}\n`),
    });
    await page.waitForSelector('#batch-summary', { timeout: 30_000 });
    assert.equal(await page.textContent('#batch-rows'), '2');
    assert.equal(await page.textContent('#batch-rows-ok'), '1');
    assert.equal(await page.textContent('#batch-rows-errors'), '1');
    const codes = await page.textContent('#batch-codes');
    assert.match(codes, /1004 × 1/);
    assert.match(codes, /1041 × 1/);
    const progress = page.locator('#batch-progress');
    assert.equal(await progress.getAttribute('value'), await progress.getAttribute('max'));
    const rows = await page.$$eval('#batch-findings tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.some((r) => r.startsWith('3') && r.includes('网站域名') && r.includes('1004') && r.includes('example.cn')), rows.join('\n'));
    await page.screenshot({ path: path.join(screenshots, 'batch.png'), fullPage: true });
    // Accessible like the rest of the wizard (axe-core, as wizard.test.mjs).
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector('#batch'), { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
  });

  await t.test('the table filters and downloads as CSV', async () => {
    await page.fill('#batch-filter', '1041');
    const rows = await page.$$eval('#batch-findings tbody tr', (trs) => trs.length);
    assert.equal(rows, 1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download')]);
    assert.equal(download.suggestedFilename(), 'beian-batch-findings.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeffrow,column,field'), csv);
    assert.equal(csv.trim().split('\n').length, 2, csv);
    assert.match(csv, /1041/);
    await page.fill('#batch-filter', '');
  });

  await t.test('the templates download', async () => {
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#batch-template-xlsx')]);
    assert.equal(xlsx.suggestedFilename(), 'beian-batch-template.xlsx');
    assert.equal(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#batch-template-csv')]);
    assert.match(fs.readFileSync(await csv.path(), 'utf8'), /^\ufeff主办单位性质,/);
  });

  await t.test('a larger file shows progress and stays responsive; garbage gives a clear message', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 3000; i++) {
      lines.push(GOOD.replace('11010519491231002X', `1101051949123${String(i).padStart(4, '0')}0`).replace(',example.com,', `,site${i}.com,`));
    }
    await page.setInputFiles('#batch-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.waitForFunction(() => {
      const p = document.querySelector('#batch-progress');
      return p && Number(p.max) === 3000 && Number(p.value) === 3000 && document.querySelector('#batch-summary');
    }, null, { timeout: 60_000 });
    assert.equal(await page.textContent('#batch-rows'), '3000');
    // The table shows the first 2,000 findings and says so.
    assert.match(await page.textContent('#batch-more'), /^2000 \/ \d+/);
    assert.equal(await page.$$eval('#batch-findings tbody tr', (trs) => trs.length), 2000);
    const truncated = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]);
    await page.setInputFiles('#batch-file', { name: 'cut.xlsx', mimeType: 'application/octet-stream', buffer: truncated });
    await page.waitForSelector('#batch-error', { timeout: 30_000 });
    assert.match(await page.textContent('#batch-error'), /XLSX/);
  });

  await t.test('rows per second in the browser (100,000 rows, 2 websites per subject)', async (tt) => {
    const rate = await page.evaluate(async ([header, good]) => {
      const { checkBatch } = await import('/pkg/batch/dist/batch.js');
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const id = (k) => {
        const body = `110105${1950 + Math.floor(k / 12000) % 50}${String(1 + Math.floor(k / 1000) % 12).padStart(2, '0')}10${String(k % 1000).padStart(3, '0')}`;
        const sum = [...body].reduce((a, c, i) => a + Number(c) * w[i], 0);
        return body + '10X98765432'[sum % 11];
      };
      const n = 100000;
      const lines = [header];
      for (let i = 0; i < n; i++) {
        lines.push(good.replaceAll('11010519491231002X', id(i >> 1)).replace(',example.com,', `,site${i}.com,`)
          .replace('https://www.example.com/', `https://www.site${i}.com/`).replace('张三的读书笔记', i % 2 ? '张三的旅行日记' : '张三的读书笔记')
          .replace('203.119.80.1', `203.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`));
      }
      const bytes = new TextEncoder().encode(lines.join('\n'));
      const start = performance.now();
      const report = checkBatch(bytes, { today: '2026-11-25' });
      const ms = performance.now() - start;
      return { rows: report.rows, errors: report.errors, ms, perSecond: Math.round(report.rows / ms * 1000) };
    }, [HEADER, GOOD]);
    tt.diagnostic(`browser: ${rate.rows} rows in ${Math.round(rate.ms)} ms = ${rate.perSecond} rows/s`);
    assert.equal(rate.rows, 100000);
    assert.equal(rate.errors, 0);
  });

  await t.test('nothing was uploaded, and no page error', () => {
    assert.deepEqual([...new Set(methods)], ['GET']);
    assert.deepEqual(problems, []);
  });
});
