// The filing wizard page in a real browser (headless Chromium).
//
// Serves the Trunk build in dist/ over http on 127.0.0.1, types into the
// form and checks what a person would see. Build first:
//
//   PATH="$PWD/.ci/node/node_modules/.bin:$PATH" trunk build --release
//   node --test tests/browser/
//
// playwright-core comes from .ci/node (npm install there); the browser is
// the system's /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = path.join(root, 'dist');
const screenshots = path.join(here, 'screenshots');
const require = createRequire(path.join(root, '.ci', 'node', 'package.json'));

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A static file server for `dir` on 127.0.0.1, on a free port. */
function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      file = path.join(file, 'index.html');
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = MIME[path.extname(file)] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** The data-code of every finding listed under the element `#id`. */
async function codes(page, id) {
  return page.$$eval(`#${id} [data-code]`, (els) => els.map((e) => e.dataset.code));
}

test('the filing wizard in a real browser', async (t) => {
  assert.ok(
    fs.existsSync(path.join(dist, 'index.html')),
    `${dist}/index.html is missing: build the page first with ` +
      '`PATH="$PWD/.ci/node/node_modules/.bin:$PATH" trunk build --release` from ' +
      root,
  );
  assert.ok(
    fs.readdirSync(dist).some((f) => f.endsWith('.wasm')),
    `no .wasm in ${dist}: run \`trunk build --release\` from ${root}`,
  );
  const { chromium } = require('playwright-core');

  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.after(async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  });
  fs.mkdirSync(screenshots, { recursive: true });

  // A phone-sized window: the page must be usable at 360 px.
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  await page.goto(base);
  await page.waitForSelector('#subject-document-number', { timeout: 30_000 });

  const id = page.locator('#subject-document-number');
  const domain0 = page.locator('#domain-0');
  const homepage = page.locator('#homepage');

  await t.test('an untouched form shows no findings, in Chinese', async () => {
    assert.equal(await page.locator('h1').textContent(), 'ICP 备案预检');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('[data-code]').count(), 0);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    // Labels are tied to their inputs.
    assert.equal(await page.getByLabel('主体证件号码（居民身份证）').getAttribute('id'), 'subject-document-number');
    assert.equal(await page.getByLabel('网站首页 URL').getAttribute('id'), 'homepage');
  });

  await t.test('typing shows 1015, 1004 and 1041 under their fields', async () => {
    await id.pressSequentially('11010519491231002x');
    await page.locator('#step-tab-websites').click();
    await domain0.pressSequentially('www.example.com');
    await homepage.pressSequentially('http://www.other.cn');

    await page.waitForSelector('#findings-homepage [data-code="1041"]');
    assert.deepEqual(await codes(page, 'findings-subject-document-number'), ['1015']);
    assert.deepEqual(await codes(page, 'findings-domain-0'), ['1004']);
    assert.deepEqual(await codes(page, 'findings-homepage'), ['1041']);
    assert.equal(
      await page.locator('#findings-subject-document-number [data-code="1015"]').getAttribute('data-rule'),
      'resident_id.lowercase_x',
    );

    for (const [input, list] of [
      [id, 'findings-subject-document-number'],
      [domain0, 'findings-domain-0'],
      [homepage, 'findings-homepage'],
    ]) {
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.ok((await input.getAttribute('aria-describedby')).split(' ').includes(list));
    }
    // Messages are in Chinese, with the MIIT code and a suggestion button.
    const idFinding = page.locator('#findings-subject-document-number [data-code="1015"]');
    assert.match(await idFinding.textContent(), /[\u4e00-\u9fff]/);
    assert.match(await idFinding.textContent(), /1015/);
    assert.match(await idFinding.locator('.apply-suggestion').textContent(), /采用建议\s*11010519491231002X/);
    assert.equal(await page.locator('#findings-homepage .apply-suggestion').count(), 0);

    await page.screenshot({ path: path.join(screenshots, 'wizard.png'), fullPage: true });
  });

  await t.test('applying the suggestions fixes the ID and the domain', async () => {
    await page.locator('#step-tab-subject').click();
    await page.locator('#findings-subject-document-number .apply-suggestion').click();
    await page.waitForSelector('#findings-subject-document-number [data-code]', { state: 'detached' });
    assert.equal(await id.inputValue(), '11010519491231002X');
    assert.equal(await id.getAttribute('aria-invalid'), 'false');

    await page.locator('#step-tab-websites').click();
    await page.locator('#findings-domain-0 .apply-suggestion').click();
    await page.waitForSelector('#findings-domain-0 [data-code]', { state: 'detached' });
    assert.equal(await domain0.inputValue(), 'example.com');
    assert.equal(await domain0.getAttribute('aria-invalid'), 'false');

    // www.other.cn is still not under example.com.
    assert.deepEqual(await codes(page, 'findings-homepage'), ['1041']);
  });

  await t.test('a domain can be added and removed', async () => {
    await page.locator('#add-domain').click();
    const domain1 = page.locator('#domain-1');
    await domain1.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'domain-1');
    assert.equal(await page.locator('#findings-domain-1 [data-code]').count(), 0);
    await domain1.pressSequentially('EXAMPLE.com');
    await page.waitForSelector('#findings-domain-1 [data-code="1039"]');
    await page.getByRole('button', { name: '删除域名 2' }).click();
    await page.waitForSelector('#domain-1', { state: 'detached' });
    assert.equal(await page.locator('[data-code="1039"]').count(), 0);
    assert.equal(await domain0.inputValue(), 'example.com');
    // The last domain cannot be removed.
    assert.ok(await page.getByRole('button', { name: '删除域名 1' }).isDisabled());
  });

  await t.test('the language switch changes every text', async () => {
    const finding = page.locator('#findings-homepage [data-code="1041"]');
    const zhText = await finding.textContent();
    await page.selectOption('#lang-switch', 'en');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'ICP filing pre-check');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const enText = await finding.textContent();
    assert.notEqual(enText, zhText);
    assert.doesNotMatch(enText, /[\u4e00-\u9fff]/);
    assert.match(enText, /1041/);
    assert.equal(await page.getByLabel('Homepage URL').getAttribute('id'), 'homepage');
    await page.screenshot({ path: path.join(screenshots, 'wizard-en.png'), fullPage: true });
  });

  await t.test('the draft and the language survive a reload', async () => {
    await page.reload();
    await page.waitForSelector('#subject-document-number');
    assert.equal(await id.inputValue(), '11010519491231002X');
    assert.equal(await domain0.inputValue(), 'example.com');
    assert.equal(await homepage.inputValue(), 'http://www.other.cn');
    assert.equal(await page.locator('#domain-1').count(), 0);
    assert.equal(await page.locator('h1').textContent(), 'ICP filing pre-check');
    assert.equal(await page.locator('#lang-switch').inputValue(), 'en');
    // Fields restored from the draft were typed into: their findings show.
    assert.deepEqual(await codes(page, 'findings-homepage'), ['1041']);
    assert.deepEqual(await codes(page, 'findings-subject-document-number'), []);
  });

  await t.test('"check all" shows the findings of untouched fields', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const p = await fresh.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.goto(base);
    await p.waitForSelector('#check-all');
    assert.equal(await p.locator('[data-code]').count(), 0);
    await p.locator('#check-all').click();
    await p.waitForSelector('#findings-subject-document-number [data-code]');
    assert.deepEqual(await codes(p, 'findings-subject-document-number'), ['5001']);
    assert.equal((await codes(p, 'findings-domain-0')).length, 1);
    assert.deepEqual(await codes(p, 'findings-homepage'), ['5001']);
    assert.match(await p.locator('#check-status').textContent(), /\d+/);
    // Focus goes to the first field with an error.
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'subject-document-number');
    await p.screenshot({ path: path.join(screenshots, 'wizard-check-all.png'), fullPage: true });
    await fresh.close();
  });

  await t.test('steps come from beian-flow; "next" stops at the first error', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await fresh.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.goto(base);
    await p.waitForSelector('#step-tab-subject');
    const tabs = await p.$$eval('nav.steps [data-step]', (els) => els.map((e) => e.dataset.step));
    assert.deepEqual(tabs, ['subject', 'websites', 'access', 'documents', 'review']);
    assert.equal(await p.locator('#step-tab-subject').getAttribute('aria-current'), 'step');
    assert.equal(await p.locator('#filing-kind').inputValue(), 'new_filing');
    // "next" on an empty subject: stays, focuses the first error, summarises.
    await p.locator('#step-next').click();
    await p.waitForSelector('#summary-subject');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'subject-document-number');
    assert.ok((await p.locator('#summary-subject a[href="#subject-document-number"]').count()) >= 1);
    assert.equal(await p.locator('#step-tab-subject').getAttribute('aria-current'), 'step');
    await p.screenshot({ path: path.join(screenshots, 'step-subject-1280.png'), fullPage: true });
    // Another kind has other steps (from beian-flow, not hard-coded).
    await p.selectOption('#filing-kind', 'transfer_access');
    await p.waitForSelector('#step-tab-subject', { state: 'detached' });
    const other = await p.$$eval('nav.steps [data-step]', (els) => els.map((e) => e.dataset.step));
    assert.equal(other.at(-1), 'review');
    assert.ok(!other.includes('subject'));
    await p.selectOption('#filing-kind', 'new_filing');
    await p.waitForSelector('#step-tab-subject');
    // Every step, at 1280 and 360 px.
    for (const step of ['subject', 'websites', 'access', 'documents', 'review']) {
      await p.locator(`#step-tab-${step}`).click();
      await p.waitForSelector(`#step-${step}:not([hidden])`);
      assert.equal(await p.locator(`#step-tab-${step}`).getAttribute('aria-current'), 'step');
      await p.setViewportSize({ width: 1280, height: 900 });
      await p.screenshot({ path: path.join(screenshots, `step-${step}-1280.png`), fullPage: true });
      await p.setViewportSize({ width: 360, height: 780 });
      await p.screenshot({ path: path.join(screenshots, `step-${step}-360.png`), fullPage: true });
    }
    // The review lists every finding of the filing with its MIIT code.
    assert.ok((await p.locator('#findings-review [data-code]').count()) >= 3);
    assert.ok((await p.locator('#findings-review [data-code="5001"]').count()) >= 1);
    // The documents step lists the checklist of the rules crate.
    assert.ok((await p.locator('#checklist li').count()) >= 1);
    await fresh.close();
  });

  await t.test('embedded: mount element, data-* configuration and events', async () => {
    const html = fs
      .readFileSync(path.join(dist, 'index.html'), 'utf8')
      .replace(
        '<body>',
        '<body><p id="host">host page</p><div id="beian-wizard" data-lang="en" ' +
          'data-provider-name="Example Cloud" data-theme-color="#7a1fa2" data-api-base="/api"></div>',
      )
      .replace('</body>', `<script>
        window.__events = [];
        const el = document.getElementById('beian-wizard');
        for (const name of ['beian:step', 'beian:findings']) {
          el.addEventListener(name, (e) => window.__events.push([name, e.detail]));
        }
      </script></body>`);
    fs.writeFileSync(path.join(dist, 'embed-test.html'), html);
    const fresh = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const p = await fresh.newPage();
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await p.goto(`${base}embed-test.html`);
    await p.waitForSelector('#beian-wizard #subject-document-number');
    assert.equal(await p.locator('#host').textContent(), 'host page');
    assert.equal(await p.locator('h1').textContent(), 'ICP filing pre-check');
    assert.equal(await p.locator('#beian-wizard .provider').textContent(), 'Example Cloud');
    await p.locator('#step-tab-websites').click();
    await p.waitForFunction(() =>
      window.__events.some(([n, d]) => n === 'beian:step' && d.step === 'websites'),
    );
    await p.locator('#domain-0').pressSequentially('www.example.com');
    await p.waitForFunction(() =>
      window.__events.some(
        ([n, d]) => n === 'beian:findings' && d.findings.some((f) => f.code === '1004'),
      ),
    );
    await fresh.close();
    fs.unlinkSync(path.join(dist, 'embed-test.html'));
  });

  await t.test('no page or console errors', () => {
    assert.deepEqual(problems, []);
  });
});
