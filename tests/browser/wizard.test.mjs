// The filing wizard page in a real browser (headless Chromium).
//
// Serves the Trunk build in dist/ over http on 127.0.0.1, types into the
// form and checks what a person would see. Build first:
//
//   PATH="$PWD/.ci/node/node_modules/.bin:$PATH" trunk build --release
//   node --test tests/browser/
//
// playwright-core and axe-core come from .ci/node (npm install there); the
// browser is the system's /usr/bin/chromium. Screenshots of every step at
// 1280 and 360 px go to tests/browser/screenshots/.

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

// The wizard saves its draft once typing pauses, and at once on `pagehide`
// (a reload, leaving the page): the saved draft, now.
const savedDraft = () => {
  window.dispatchEvent(new Event('pagehide'));
  return localStorage.getItem('beian.wizard.draft.v1');
};

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

/**
 * Waits (at most 5 s) until the element `#id` has the focus. The wizard moves
 * the focus in the next animation frame, after the DOM is updated, so an
 * immediate read after a click can see the old focus on a slow machine.
 */
async function expectFocus(page, id) {
  try {
    await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5000 });
  } catch {
    assert.equal(await page.evaluate(() => document.activeElement?.id), id, `focus never reached #${id}`);
  }
}

/** Presses Tab (at most `max` times) until the element `#id` has the focus. */
async function tabTo(page, id, max = 400) {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

/** Keyboard only: tabs to `#id` and types `text`. */
async function typeInto(page, id, text) {
  await tabTo(page, id);
  await page.keyboard.type(text);
}

/** Keyboard only: tabs to the select `#id` and presses ArrowDown `n` times. */
async function pick(page, id, n) {
  await tabTo(page, id);
  for (let i = 0; i < n; i++) await page.keyboard.press('ArrowDown');
}

/** Keyboard only: tabs to the button `#id` and presses Enter. */
async function press(page, id, key = 'Enter') {
  await tabTo(page, id);
  await page.keyboard.press(key);
}

/**
 * Runs axe-core on the whole wizard page (the batch check section
 * included); returns the violations (rule id and nodes).
 */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  const result = await page.evaluate(() =>
    window.axe.run({ include: [['body']] }, { resultTypes: ['violations'] }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}

const STEPS = ['subject', 'websites', 'access', 'documents', 'review'];

/** The day written on the documents (before today, all the same day: 004 其它 6). */
const DOC_DATE = '2026-11-20';

/**
 * Fills in a complete, correct new filing of an individual with the
 * keyboard only (Tab, typing, arrows, space, Enter), step by step through
 * "next". Ends on the review step.
 */
async function fillCompleteFiling(page) {
  // Subject: an individual with a resident ID (002 #6), the place from the
  // division search (1019, 002 #9), the filer as responsible person (004).
  await typeInto(page, 'subject-document-number', '11010519491231002X');
  await typeInto(page, 'subject-name', '张三');
  await typeInto(page, 'division-search', '朝阳区');
  await page.waitForFunction(() => /北京市\s*朝阳区/.test(document.querySelector('#division-results')?.textContent ?? ''));
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement?.textContent), /北京市\s*朝阳区/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'subject-address');
  await page.keyboard.type('北京市朝阳区建国路 1 号');
  await typeInto(page, 'subject-responsible-person-name', '张三');
  await typeInto(page, 'subject-responsible-person-document-number', '11010519491231002X');
  await typeInto(page, 'subject-responsible-person-mobile', '13800138000');
  await typeInto(page, 'subject-responsible-person-email', 'zhangsan@example.com');
  await press(page, 'step-next');
  await page.waitForSelector('#step-websites:not([hidden])');

  // Website: name (002 #54), domain (1004), homepage (1041), content.
  await typeInto(page, 'websites-0-name', '山水摄影笔记');
  await typeInto(page, 'websites-0-domains-0', 'example.com');
  await typeInto(page, 'websites-0-homepage', 'http://www.example.com');
  await press(page, 'websites-0-content-categories-blog', 'Space');
  await press(page, 'copy-person-0');
  await press(page, 'step-next');
  await page.waitForSelector('#step-access:not([hidden])');

  // Access: provider, method, server location, a public IP (1040).
  const provider = await page.locator('#websites-0-access-0-provider').inputValue();
  if (!provider) await typeInto(page, 'websites-0-access-0-provider', 'Example Cloud');
  await pick(page, 'websites-0-access-0-method', 1);
  await pick(page, 'websites-0-access-0-server-location', 1);
  await typeInto(page, 'websites-0-access-0-ips-0', '101.200.30.40');
  await press(page, 'step-next');
  await page.waitForSelector('#step-documents:not([hidden])');

  // Documents: every checklist item ready, the dated ones on one day.
  const boxes = await page.$$eval('#checklist input[type=checkbox]', (els) => els.map((e) => e.id));
  for (const box of boxes) {
    await press(page, box, 'Space');
    const dateInput = page.locator(`#checklist li:has(#${box}) input[type=date]`);
    if (await dateInput.count()) {
      await tabTo(page, await dateInput.getAttribute('id'));
      // en-US date field: month, day, year.
      const [y, m, d] = DOC_DATE.split('-');
      await page.keyboard.type(`${m}${d}${y}`);
      assert.equal(await dateInput.inputValue(), DOC_DATE);
    }
  }
  await press(page, 'step-next');
  await page.waitForSelector('#step-review:not([hidden])');
}

/**
 * A request as `GET /api/v1/requests/{id}` answers it (the parts the
 * status page reads), in `status`; `extra` goes into its flow state.
 */
function requestView(id, kind, status, extra = {}) {
  const pending = !['approved', 'withdrawn', 'refused', 'revoked'].includes(status);
  return {
    id, filingId: 42, kind, status, pending,
    state: { kind, status, ...extra },
    next: {
      kind, status,
      events: pending ? ['withdraw'] : [],
      awaiting: status === 'provider_verification' ? ['Example Cloud'] : [],
      documents: ['verification_form', 'photo'],
      deadlines: {
        review: ['provider_verification', 'bureau_review'].includes(status) ? '2026-12-31' : null,
        workingDaysLeft: 18, annualReview: null, estimated: false, estimatedYears: [], unknownYear: null,
      },
    },
    events: [{ id: 1, type: 'submit', actorRole: 'subject', statusAfter: status, at: 0, time: '2026-12-05T06:00:00Z' }],
  };
}

/** Waits until the status page shows `status` as the current stage. */
async function statusShows(page, status) {
  await page.waitForSelector(`#status-stages[data-status="${status}"] [aria-current="step"]`);
}

/** A fresh page in a new context; errors go to `problems`. */
async function freshPage(browser, problems, width = 1280, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
      problems.push(`console error: ${m.text()} (${m.location().url})`);
    }
  });
  return { context, page };
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
  const problems = [];

  // A phone-sized window: the page must be usable at 360 px.
  const { page } = await freshPage(browser, problems, 360, 780);
  await page.goto(base);
  await page.waitForSelector('#subject-document-number', { timeout: 30_000 });

  const id = page.locator('#subject-document-number');
  const domain0 = page.locator('#websites-0-domains-0');
  const homepage = page.locator('#websites-0-homepage');

  await t.test('an untouched form shows no findings, in Chinese', async () => {
    assert.equal(await page.locator('h1').textContent(), 'ICP 备案预检');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.locator('[data-code]').count(), 0);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    // Labels are tied to their inputs.
    assert.equal(await page.getByLabel('主体证件号码').getAttribute('id'), 'subject-document-number');
    assert.equal(await page.getByLabel('网站首页 URL').getAttribute('id'), 'websites-0-homepage');
    assert.equal(await page.getByLabel('所在省份').getAttribute('id'), 'subject-province');
    // Subject type → allowed document types (004 3).
    const docTypes = () => page.$$eval('#subject-document-type option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok((await docTypes()).includes('resident_id'));
    await page.selectOption('#subject-subject-type', 'enterprise');
    assert.deepEqual(await docTypes(), ['unified_social_credit_code', 'business_registration_number', 'organisation_code']);
    assert.equal(await page.locator('#subject-document-type').inputValue(), 'unified_social_credit_code');
    assert.equal(await page.locator('#subject-responsible-person-role').count(), 1);
    await page.selectOption('#subject-subject-type', 'individual');
    assert.equal(await page.locator('#subject-document-type').inputValue(), 'resident_id');
    assert.equal(await page.locator('#subject-responsible-person-role').count(), 0);
  });

  await t.test('cascading province, city and county selects (1019, 002 #9)', async () => {
    await page.selectOption('#subject-province', '130000');
    const cities = await page.$$eval('#subject-city option', (os) => os.map((o) => o.textContent));
    assert.ok(cities.includes('石家庄市'));
    await page.selectOption('#subject-city', '130100');
    const counties = await page.$$eval('#subject-county option', (os) => os.map((o) => o.textContent));
    assert.ok(counties.includes('正定县'));
    await page.selectOption('#subject-province', '110000');
    assert.equal(await page.locator('#subject-city').inputValue(), '');
    const beijing = await page.$$eval('#subject-county option', (os) => os.map((o) => o.textContent));
    assert.ok(beijing.includes('朝阳区'));
    // 宣武区 was merged into 西城区 in 2010: it is no longer offered.
    assert.ok(!beijing.includes('宣武区'));
    await page.selectOption('#subject-province', '');
  });

  await t.test('typing shows 1015, 1004 and 1041 under their fields', async () => {
    await id.pressSequentially('11010519491231002x');
    await page.locator('#step-tab-websites').click();
    await domain0.pressSequentially('www.example.com');
    await homepage.pressSequentially('http://www.other.cn');
    // Not on every keystroke: a field's findings show once it is left
    // (or its value has its full length, as the 18-character ID above).
    assert.equal(await page.locator('#findings-websites-0-homepage [data-code]').count(), 0);
    await homepage.blur();

    await page.waitForSelector('#findings-websites-0-homepage [data-code="1041"]');
    assert.deepEqual(await codes(page, 'findings-subject-document-number'), ['1015']);
    assert.deepEqual(await codes(page, 'findings-websites-0-domains-0'), ['1004']);
    assert.deepEqual(await codes(page, 'findings-websites-0-homepage'), ['1041']);
    assert.equal(
      await page.locator('#findings-subject-document-number [data-code="1015"]').getAttribute('data-rule'),
      'resident_id.lowercase_x',
    );
    for (const [input, list] of [
      [id, 'findings-subject-document-number'],
      [domain0, 'findings-websites-0-domains-0'],
      [homepage, 'findings-websites-0-homepage'],
    ]) {
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.ok((await input.getAttribute('aria-describedby')).split(' ').includes(list));
    }
    const idFinding = page.locator('#findings-subject-document-number [data-code="1015"]');
    assert.match(await idFinding.textContent(), /[\u4e00-\u9fff]/);
    // The MIIT code once, as the badge; the message does not repeat it.
    assert.equal((await idFinding.textContent()).match(/1015/g)?.length, 1);
    assert.doesNotMatch(await idFinding.locator('.message').textContent(), /1015|\d{3} ?#/);
    assert.match(await idFinding.locator('.apply-suggestion').textContent(), /采用建议\s*11010519491231002X/);
    assert.equal(await page.locator('#findings-websites-0-homepage .apply-suggestion').count(), 0);
    await page.screenshot({ path: path.join(screenshots, 'wizard.png'), fullPage: true });
  });

  await t.test('applying the suggestions fixes the ID and the domain', async () => {
    await page.locator('#step-tab-subject').click();
    await page.locator('#findings-subject-document-number .apply-suggestion').click();
    await page.waitForSelector('#findings-subject-document-number [data-code]', { state: 'detached' });
    // The focus stays on the field the suggestion fixed.
    await expectFocus(page, 'subject-document-number');
    assert.equal(await id.inputValue(), '11010519491231002X');
    assert.equal(await id.getAttribute('aria-invalid'), 'false');

    await page.locator('#step-tab-websites').click();
    await page.locator('#findings-websites-0-domains-0 .apply-suggestion').click();
    await page.waitForSelector('#findings-websites-0-domains-0 [data-code]', { state: 'detached' });
    assert.equal(await domain0.inputValue(), 'example.com');
    assert.equal(await domain0.getAttribute('aria-invalid'), 'false');
    // www.other.cn is still not under example.com (1041, 002 #13): the
    // suggestion is the first domain's usual homepage.
    assert.deepEqual(await codes(page, 'findings-websites-0-homepage'), ['1041']);
    const fix = page.locator('#findings-websites-0-homepage .apply-suggestion');
    assert.match(await fix.textContent(), /https:\/\/www\.example\.com\//);
    await fix.click();
    await page.waitForSelector('#findings-websites-0-homepage [data-code]', { state: 'detached' });
    await expectFocus(page, 'websites-0-homepage');
    assert.equal(await homepage.inputValue(), 'https://www.example.com/');
    await homepage.fill('http://www.other.cn');
    await homepage.blur();
    await page.waitForSelector('#findings-websites-0-homepage [data-code="1041"]');
  });

  await t.test('the website name rule (002 #54) is shown and fixed', async () => {
    const name = page.locator('#websites-0-name');
    await name.pressSequentially('MyBlog');
    await name.blur();
    await page.waitForSelector('#findings-websites-0-name [data-rule]');
    assert.ok((await page.locator('#findings-websites-0-name [data-rule^="website_name."]').count()) >= 1);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    await name.fill('');
    await name.pressSequentially('山水摄影笔记');
    await page.waitForSelector('#findings-websites-0-name [data-rule]', { state: 'detached' });
    assert.equal(await name.getAttribute('aria-invalid'), 'false');
  });

  await t.test('domains and websites can be added and removed', async () => {
    await page.locator('#add-domain-0').click();
    const domain1 = page.locator('#websites-0-domains-1');
    await domain1.waitFor();
    await expectFocus(page, 'websites-0-domains-1');
    assert.equal(await page.locator('#findings-websites-0-domains-1 [data-code]').count(), 0);
    await domain1.pressSequentially('EXAMPLE.com');
    await domain1.blur();
    await page.waitForSelector('#findings-websites-0-domains-1 [data-code="1039"]');
    await page.getByRole('button', { name: '删除域名 2' }).click();
    await page.waitForSelector('#websites-0-domains-1', { state: 'detached' });
    assert.equal(await page.locator('[data-code="1039"]').count(), 0);
    assert.equal(await domain0.inputValue(), 'example.com');
    assert.ok(await page.getByRole('button', { name: '删除域名 1' }).isDisabled());
    // A second website (003 #4); the same domain there is 1039 too.
    await page.locator('#add-website').click();
    await page.locator('#websites-1-name').waitFor();
    await expectFocus(page, 'websites-1-name');
    await page.locator('#websites-1-domains-0').pressSequentially('example.com');
    await page.locator('#websites-1-domains-0').blur();
    await page.waitForSelector('#findings-websites-1-domains-0 [data-code="1039"]');
    await page.locator('#remove-website-1').click();
    await page.waitForSelector('#websites-1-name', { state: 'detached' });
    assert.ok(await page.locator('#remove-website-0').isDisabled());
  });

  await t.test('pre-approval categories ask for their permit (002 #41)', async () => {
    await page.locator('#websites-0-content-categories-news').check();
    const permit = page.locator('#websites-0-pre-approvals-0-permit-number');
    await permit.waitFor();
    assert.match(await page.locator('label[for="websites-0-pre-approvals-0-permit-number"]').textContent(), /互联网新闻信息服务许可证/);
    await page.locator('#check-all').click();
    await page.waitForSelector('#findings-websites-0-content-categories [data-rule]');
    await page.locator('#websites-0-content-categories-news').uncheck();
    await permit.waitFor({ state: 'detached' });
  });

  await t.test('the language switch changes every text', async () => {
    const finding = page.locator('#findings-websites-0-homepage [data-code="1041"]');
    const zhText = await finding.textContent();
    await page.selectOption('#lang-switch', 'en');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'ICP filing pre-check');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const enText = await finding.textContent();
    assert.notEqual(enText, zhText);
    assert.doesNotMatch(enText, /[\u4e00-\u9fff]/);
    assert.equal(enText.match(/1041/g)?.length, 1);
    assert.equal(await page.getByLabel('Homepage URL').getAttribute('id'), 'websites-0-homepage');
    // Every label of the page is English now.
    const labels = await page.$$eval('label, legend, h2, h3, button', (els) =>
      els.filter((e) => e.offsetParent !== null).map((e) => e.textContent),
    );
    for (const text of labels) {
      if (text.includes('简体中文')) continue;
      assert.doesNotMatch(text.replace(/[\u4e00-\u9fff]+(?=\s*\d*$)/, ''), /^[\u4e00-\u9fff]/, text);
    }
    await page.screenshot({ path: path.join(screenshots, 'wizard-en.png'), fullPage: true });
  });

  await t.test('the draft, the language and the step survive a reload', async () => {
    const shown = () => page.$eval('nav.steps [aria-current="step"]', (b) => b.dataset.step);
    const before = await shown();
    await page.reload();
    await page.waitForSelector('#subject-document-number', { state: 'attached' });
    assert.equal(await shown(), before);
    assert.equal(await id.inputValue(), '11010519491231002X');
    assert.equal(await domain0.inputValue(), 'example.com');
    assert.equal(await homepage.inputValue(), 'http://www.other.cn');
    assert.equal(await page.locator('#websites-0-name').inputValue(), '山水摄影笔记');
    assert.equal(await page.locator('#websites-0-domains-1').count(), 0);
    assert.equal(await page.locator('h1').textContent(), 'ICP filing pre-check');
    assert.equal(await page.locator('#lang-switch').inputValue(), 'en');
    // Fields restored from the draft were typed into: their findings show.
    assert.deepEqual(await codes(page, 'findings-websites-0-homepage'), ['1041']);
    assert.deepEqual(await codes(page, 'findings-subject-document-number'), []);
  });

  await t.test('"check all" shows the findings of untouched fields', async () => {
    const { context, page: p } = await freshPage(browser, problems, 1024, 800);
    await p.goto(base);
    await p.waitForSelector('#check-all');
    assert.equal(await p.locator('[data-code]').count(), 0);
    await p.locator('#check-all').click();
    await p.waitForSelector('#findings-subject-document-number [data-code]');
    assert.deepEqual(await codes(p, 'findings-subject-document-number'), ['5001']);
    assert.deepEqual(await codes(p, 'findings-subject-name'), ['5001']);
    assert.equal((await codes(p, 'findings-websites-0-domains-0')).length, 1);
    assert.deepEqual(await codes(p, 'findings-websites-0-homepage'), ['5001']);
    assert.match(await p.locator('#check-status').textContent(), /\d+/);
    await expectFocus(p, 'subject-document-number');
    await p.screenshot({ path: path.join(screenshots, 'wizard-check-all.png'), fullPage: true });
    // No error is left without an input: every path has its field.
    for (const step of STEPS.slice(0, 4)) {
      await p.locator(`#step-tab-${step}`).click();
      await p.waitForSelector(`#step-${step}:not([hidden])`);
    }
    const orphans = await p.$$eval('#findings-review li.review-item a', (as) =>
      as.map((a) => a.getAttribute('href')).filter((h) => !document.querySelector(h) &&
        !document.querySelector(`#findings-${h.slice(1)}`) && !document.querySelector(`[id^="${h.slice(1)}-"]`)),
    );
    assert.deepEqual(orphans, []);
    await context.close();
  });

  await t.test('steps come from beian-flow; "next" stops at the first error', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    await p.goto(base);
    await p.waitForSelector('#step-tab-subject');
    const tabs = await p.$$eval('nav.steps [data-step]', (els) => els.map((e) => e.dataset.step));
    assert.deepEqual(tabs, STEPS);
    assert.equal(await p.locator('#step-tab-subject').getAttribute('aria-current'), 'step');
    assert.equal(await p.locator('#filing-kind').inputValue(), 'new_filing');
    await p.locator('#step-next').click();
    await p.waitForSelector('#summary-subject');
    await p.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true', null, { timeout: 5000 });
    assert.ok((await p.locator('#summary-subject a[href="#subject-document-number"]').count()) >= 1);
    assert.equal(await p.locator('#step-tab-subject').getAttribute('aria-current'), 'step');
    await p.screenshot({ path: path.join(screenshots, 'step-subject-errors-1280.png'), fullPage: true });
    // No axe violations with errors on screen either.
    assert.deepEqual(await axe(p), []);
    await p.selectOption('#filing-kind', 'transfer_access');
    await p.waitForSelector('#step-tab-subject', { state: 'detached' });
    const other = await p.$$eval('nav.steps [data-step]', (els) => els.map((e) => e.dataset.step));
    assert.equal(other.at(-1), 'review');
    assert.ok(!other.includes('subject'));
    await p.selectOption('#filing-kind', 'new_filing');
    await p.waitForSelector('#step-tab-subject');
    await context.close();
  });

  await t.test('keyboard only: a complete filing reaches review with no finding; axe on every step', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    await p.goto(base);
    await p.waitForSelector('#subject-document-number');
    await fillCompleteFiling(p);
    const left = await p.$$eval('#findings-review [data-code], #findings-review [data-rule]', (els) =>
      els.map((e) => `${e.dataset.code} ${e.dataset.rule} ${e.textContent}`),
    );
    assert.deepEqual(left, []);
    await p.waitForSelector('#review-none');
    // Every step at 1280 and 360 px, each without axe violations.
    for (const step of STEPS) {
      await p.locator(`#step-tab-${step}`).click();
      await p.waitForSelector(`#step-${step}:not([hidden])`);
      assert.equal(await p.locator(`#step-tab-${step}`).getAttribute('aria-current'), 'step');
      assert.ok((await p.locator(`#step-tab-${step}`).textContent()).includes('✓'));
      assert.deepEqual(await axe(p), [], `axe violations on the ${step} step`);
      await p.setViewportSize({ width: 1280, height: 900 });
      await p.screenshot({ path: path.join(screenshots, `step-${step}-1280.png`), fullPage: true });
      await p.setViewportSize({ width: 360, height: 780 });
      // Nothing wider than the window at 360 px.
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the ${step} step is ${overflow}px too wide at 360 px`);
      await p.screenshot({ path: path.join(screenshots, `step-${step}-360.png`), fullPage: true });
    }
    await p.setViewportSize({ width: 1280, height: 900 });
    // The documents step lists the checklist of the rules crate.
    assert.ok((await p.locator('#checklist li').count()) >= 5);
    fs.writeFileSync(path.join(screenshots, 'complete-filing.json'), await p.evaluate(savedDraft));
    await context.close();
  });

  await t.test('submit: busy state, the server refusals (1005, 1003), then 201: the status page, one request for a double click, the same page after a reload', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    const draft = fs.readFileSync(path.join(screenshots, 'complete-filing.json'), 'utf8');
    await p.addInitScript((d) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('beian.wizard.draft.v1', d);
        sessionStorage.setItem('seeded', '1');
      }
      window.__submitted = [];
      document.addEventListener('beian:submitted', (e) => window.__submitted.push(e.detail));
    }, draft);
    const requests = [];
    let release;
    const released = () => new Promise((resolve) => { release = resolve; });
    // The registry already holds the domain: 409 with 1005, shown under the
    // field like a local finding (002 #5).
    let reply = {
      status: 409,
      body: {
        error: { code: '1005', message: 'domain conflict' },
        findings: [{
          rule: 'registry.domain_conflict', code: '1005', path: '/websites/0/domains/0', severity: 'error',
          message: { 'zh-CN': '域名 example.com 已在备案信息库中。', en: 'The domain example.com is already filed.' },
          suggestion: null,
        }],
      },
    };
    await p.route('**/api/v1/filings', async (route) => {
      requests.push(JSON.parse(route.request().postData()));
      await released();
      await route.fulfill({ status: reply.status, contentType: 'application/json', body: JSON.stringify(reply.body) });
    });
    const reads = [];
    await p.route('**/api/v1/requests/7', (route) => {
      reads.push(route.request().method());
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(requestView(7, 'new_filing', 'provider_verification')) });
    });
    await p.goto(base);
    await p.waitForSelector('#step-tab-review');
    await p.locator('#step-tab-review').click();
    await p.waitForSelector('#review-none');
    const submit = p.locator('#submit');
    await submit.click();
    await p.waitForFunction(() => document.querySelector('#submit')?.getAttribute('aria-busy') === 'true');
    assert.ok(await submit.isDisabled());
    assert.match(await submit.textContent(), /正在提交/);
    assert.equal(await p.locator('#submit .spinner').count(), 1);
    await p.screenshot({ path: path.join(screenshots, 'submit-busy-1280.png'), fullPage: true });
    release();
    await p.waitForSelector('#submit-status [data-outcome="refused"]');
    assert.equal(await submit.getAttribute('aria-busy'), 'false');
    assert.ok(!(await submit.isDisabled()));
    assert.equal(requests.length, 1);
    assert.equal(requests[0].actor, undefined, 'the caller comes from the session token, not the body');
    assert.equal(requests[0].filing.subject.documentNumber, '11010519491231002X');
    assert.equal(requests[0].filing.websites[0].domains[0], 'example.com');
    assert.deepEqual(await codes(p, 'findings-server'), ['1005']);
    assert.deepEqual(await codes(p, 'findings-review'), ['1005']);
    await p.screenshot({ path: path.join(screenshots, 'submit-1005-1280.png'), fullPage: true });
    await p.locator('#findings-review a[href="#websites-0-domains-0"]').click();
    await p.waitForSelector('#step-websites:not([hidden])');
    await expectFocus(p, 'websites-0-domains-0');
    assert.deepEqual(await codes(p, 'findings-websites-0-domains-0'), ['1005']);
    assert.equal(await p.locator('#websites-0-domains-0').getAttribute('aria-invalid'), 'true');
    // Changing the domain takes the server's finding away until the next submit.
    await p.locator('#websites-0-domains-0').fill('example.cn');
    await p.locator('#websites-0-homepage').fill('http://www.example.cn');
    await p.waitForSelector('#findings-websites-0-domains-0 [data-code]', { state: 'detached' });
    assert.equal(await p.locator('#findings-server [data-code]').count(), 0);

    // The subject already has a filing: 1003 under the document number
    // (002 #2), with the advice to add a website to the existing subject.
    reply = {
      status: 409,
      body: {
        error: { code: '1003', message: 'subject conflict' },
        findings: [{
          rule: 'registry.subject_conflict', code: '1003', path: '/subject/documentNumber', severity: 'error',
          message: { 'zh-CN': '该主体已有备案：请用“新增网站”。', en: 'This subject already has a filing: add a website to it instead.' },
          suggestion: null,
        }],
      },
    };
    await p.locator('#step-tab-review').click();
    await submit.click();
    await p.waitForFunction(() => document.querySelector('#submit')?.getAttribute('aria-busy') === 'true');
    release();
    await p.waitForSelector('#findings-server [data-code="1003"]');
    await p.locator('#step-tab-subject').click();
    assert.deepEqual(await codes(p, 'findings-subject-document-number'), ['1003']);
    // The code is shown once, as the badge beside the message.
    assert.equal((await p.locator('#summary-subject').textContent()).match(/1003/g)?.length, 1);

    // Accepted (201): a double click sends one request, and the page shows
    // where the filing stands instead of the form.
    reply = { status: 201, body: { filing: { id: 42 }, request: requestView(7, 'new_filing', 'provider_verification'), findings: [] } };
    await p.locator('#step-tab-review').click();
    await submit.dblclick();
    await p.waitForFunction(() => document.querySelector('#submit')?.getAttribute('aria-busy') === 'true');
    release();
    await p.waitForSelector('#status-page');
    assert.equal(requests.length, 3, 'one request for the double click');
    assert.equal((await p.evaluate(() => window.__submitted))[0].filing.id, 42);
    assert.ok(await p.locator('#wizard').isHidden());
    await statusShows(p, 'provider_verification');
    assert.match(await p.locator('#status-heading').textContent(), /报备阶段-接入者核实/);
    assert.match(await p.locator('#review-deadline').textContent(), /2026-12-31/);
    assert.match(await p.locator('#status-items').textContent(), /负责人现场拍照/);
    assert.equal(await p.locator('#withdraw').count(), 1);
    assert.equal(JSON.parse(await p.evaluate(savedDraft)).request.id, 7);
    assert.deepEqual(await axe(p), []);
    await p.screenshot({ path: path.join(screenshots, 'status-page-1280.png'), fullPage: true });
    await p.setViewportSize({ width: 360, height: 780 });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the status page is ${overflow}px too wide at 360 px`);
    await p.screenshot({ path: path.join(screenshots, 'status-page-360.png'), fullPage: true });
    await p.setViewportSize({ width: 1280, height: 900 });
    // A reload shows the same page, read again from the server.
    await p.reload();
    await p.waitForSelector('#status-stages');
    await statusShows(p, 'provider_verification');
    assert.ok(await p.locator('#wizard').isHidden());
    assert.ok(reads.length >= 2);
    assert.equal(requests.length, 3);
    // "Start a new filing": the empty form.
    await p.locator('#start-new').click();
    await p.waitForSelector('#status-page', { state: 'detached' });
    await p.waitForSelector('#wizard:not([hidden])');
    await p.locator('#step-tab-subject').click();
    assert.equal(await p.locator('#subject-document-number').inputValue(), '');
    assert.equal(JSON.parse(await p.evaluate(savedDraft)).request, undefined);
    await context.close();
  });

  await t.test('other kinds: the existing filing found by its number (invalid, not here, network error, found) and submitted as a request (1018, then 200)', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    const approved = JSON.parse(fs.readFileSync(path.join(screenshots, 'complete-filing.json'), 'utf8')).filing;
    approved.subject.filingNumber = '京ICP备12345678号';
    approved.websites[0].filingNumber = '京ICP备12345678号-1';
    const loads = [];
    await p.route((url) => url.pathname === '/api/v1/filings' && url.searchParams.has('number'), async (route) => {
      const number = new URL(route.request().url()).searchParams.get('number');
      loads.push(`number ${number}`);
      if (number === '京ICP备13131313号') return route.abort('connectionrefused');
      const filings = number === '京ICP备12345678号' ? [{ id: 42, filingNumber: number, origin: 'here' }] : [];
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ filings, nextBefore: null }) });
    });
    await p.route('**/api/v1/filings/*', async (route) => {
      const id = new URL(route.request().url()).pathname.split('/').pop();
      loads.push(`${route.request().method()} ${id}`);
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ id: 42, approved, approvedRequestId: 1, hasFilingPassword: true, requests: [] }) });
    });
    const started = [];
    await p.route('**/api/v1/filings/42/requests', async (route) => {
      started.push(JSON.parse(route.request().postData()));
      await route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({ filing: { id: 42 }, request: { id: 9 }, findings: [] }) });
    });
    await p.route('**/api/v1/requests/9', (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify(requestView(9, 'change', 'provider_verification')),
    }));
    const events = [];
    let release;
    let submitReply = {
      status: 403,
      body: {
        error: { code: '1018', message: 'wrong password' },
        findings: [{
          rule: 'registry.filing_password_wrong', code: '1018', path: '/filingPassword', severity: 'error',
          message: { 'zh-CN': '备案密码错误。', en: 'The filing password is wrong.' }, suggestion: null,
        }],
      },
    };
    await p.route('**/api/v1/requests/9/events', async (route) => {
      const body = JSON.parse(route.request().postData());
      events.push(body);
      if (body.event.type !== 'submit') {
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ filing: { id: 42 }, request: { id: 9 }, findings: [] }) });
      }
      await new Promise((resolve) => { release = resolve; });
      await route.fulfill({ status: submitReply.status, contentType: 'application/json', body: JSON.stringify(submitReply.body) });
    });
    await p.goto(base);
    await p.waitForSelector('#subject-document-number');
    assert.equal(await p.locator('#existing-filing').count(), 0);
    await p.selectOption('#filing-kind', 'change');
    await p.waitForSelector('#existing-filing');
    assert.equal(await p.locator('#filing-password').getAttribute('type'), 'password');
    // Before a load the flow misses the approved filing (1016): its link
    // goes to the filing number.
    await p.locator('#step-tab-review').click();
    await p.locator('#findings-review a[href="#filing-number"]').click();
    await expectFocus(p, 'filing-number');
    assert.equal(await p.locator('#filing-number').getAttribute('aria-describedby'), 'hint-filing-number load-status');
    // Not a filing number: the rules crate's finding, no request at all.
    await p.locator('#step-tab-subject').click();
    await p.locator('#subject-name').fill('李四');
    await p.locator('#filing-number').fill('京ICP备1234567号');
    await p.locator('#load-filing').click();
    await p.waitForSelector('#load-status [data-outcome="invalid"] [data-rule="filing_number.serial"]');
    assert.equal(await p.locator('#filing-number').getAttribute('aria-invalid'), 'true');
    await p.locator('#filing-number').fill('12345');
    await p.locator('#filing-number').press('Enter');
    await p.waitForSelector('#load-status [data-outcome="invalid"] [data-rule^="filing_number."]');
    assert.doesNotMatch(await p.locator('#load-status').textContent(), /应为数字/);
    assert.deepEqual(loads, []);
    // Not on this server: the import form is offered, the draft untouched.
    await p.locator('#filing-number').fill('京ICP备99999999号');
    await p.locator('#load-filing').click();
    await p.waitForSelector('#load-status [data-outcome="not-here"]');
    await p.waitForSelector('#import-filing');
    assert.equal(await p.locator('#import-websites-0-filing-number').inputValue(), '京ICP备99999999号-1');
    assert.equal(await p.locator('#subject-name').inputValue(), '李四');
    // Network failure.
    await p.locator('#filing-number').fill('京ICP备13131313号');
    await p.locator('#filing-number').press('Enter');
    await p.waitForSelector('#load-status [data-outcome="failed"]');
    assert.equal(await p.locator('#import-filing').count(), 0);
    assert.equal(await p.locator('#subject-name').inputValue(), '李四');
    // Found, typed with spaces and a website's -N: the number is written
    // canonically, the subject's number looked up, the approved filing is
    // the filing to edit.
    await p.locator('#filing-number').fill('京 ICP 备 12345678 号－1');
    await p.locator('#load-filing').click();
    await p.waitForSelector('#load-status [data-outcome="loaded"]');
    assert.equal(await p.locator('#filing-number').inputValue(), '京ICP备12345678号-1');
    assert.deepEqual(loads, ['number 京ICP备99999999号', 'number 京ICP备13131313号', 'number 京ICP备12345678号', 'GET 42']);
    assert.equal(await p.locator('#subject-name').inputValue(), '张三');
    assert.equal(await p.locator('#subject-document-number').inputValue(), '11010519491231002X');
    assert.equal(await p.locator('#filing-number').getAttribute('aria-invalid'), 'false');
    // The flow now knows the approved filing: moving the subject to another
    // province is 1046 (a cancellation and a new filing instead).
    await p.locator('#step-tab-subject').click();
    await p.selectOption('#subject-province', '310000');
    await p.waitForSelector('#findings-subject-province [data-code="1046"]');
    // Loading again gives the approved data back.
    await p.locator('#load-filing').click();
    await p.waitForSelector('#findings-subject-province [data-code="1046"]', { state: 'detached' });
    // The password is never stored; the approved filing and the number are.
    await p.locator('#filing-password').fill('wrong-pw');
    const saved = await p.evaluate(savedDraft);
    assert.ok(!saved.includes('wrong-pw'));
    assert.equal(JSON.parse(saved).filingNumber, '京ICP备12345678号-1');
    assert.equal(JSON.parse(saved).approved.subject.name, '张三');
    assert.deepEqual(await axe(p), []);
    await p.screenshot({ path: path.join(screenshots, 'existing-filing-1280.png'), fullPage: true });
    await p.setViewportSize({ width: 360, height: 780 });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the existing filing panel is ${overflow}px too wide at 360 px`);
    await p.screenshot({ path: path.join(screenshots, 'existing-filing-360.png'), fullPage: true });
    await p.setViewportSize({ width: 1280, height: 900 });

    // Submit: start the request, save the edited filing, submit with the
    // password; the server's 1018 shows under the password field.
    await p.locator('#step-tab-websites').click();
    await p.locator('#websites-0-name').fill('山水摄影笔记二');
    await p.locator('#step-tab-review').click();
    const submit = p.locator('#submit');
    await submit.click();
    await p.waitForFunction(() => document.querySelector('#submit')?.getAttribute('aria-busy') === 'true');
    assert.ok(await submit.isDisabled());
    while (!release) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    release = null;
    await p.waitForSelector('#submit-status [data-outcome="refused"]');
    assert.deepEqual(started, [{ kind: 'change' }]);
    assert.equal(events.length, 2);
    assert.equal(events[0].actor, undefined);
    assert.equal(events[0].event.type, 'subject_edit');
    assert.equal(events[0].event.filing.websites[0].name, '山水摄影笔记二');
    assert.deepEqual(events[1].event, { type: 'submit', by: 'subject', filingPassword: 'wrong-pw' });
    assert.deepEqual(await codes(p, 'findings-server'), ['1018']);
    assert.deepEqual(await codes(p, 'findings-filing-password'), ['1018']);
    assert.equal(await p.locator('#filing-password').getAttribute('aria-invalid'), 'true');
    // A new password takes the server's 1018 away.
    await p.locator('#filing-password').fill('s3cret');
    await p.waitForSelector('#findings-filing-password [data-code="1018"]', { state: 'detached' });
    // Again: the request started before is reused; accepted, the status page.
    submitReply = { status: 200, body: { filing: { id: 42 }, request: { id: 9 }, findings: [] } };
    await submit.click();
    await p.waitForFunction(() => document.querySelector('#submit')?.getAttribute('aria-busy') === 'true');
    while (!release) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    release = null;
    await p.waitForSelector('#status-page');
    await statusShows(p, 'provider_verification');
    assert.match(await p.locator('#status-heading').textContent(), /报备阶段-接入者核实|变更阶段/);
    assert.equal(started.length, 1);
    assert.equal(events.length, 4);
    assert.equal(events[3].event.filingPassword, 's3cret');
    assert.ok(!(await p.evaluate(savedDraft)).includes('s3cret'));
    await context.close();
  });

  await t.test('a filing approved elsewhere is brought in (refused with 1003 and 1005 under its fields, then 201) and loaded', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    const imported = {
      subject: { filingNumber: '京ICP备12345678号', name: '张三', documentType: 'resident_id', documentNumber: '11010519491231002X' },
      websites: [{ filingNumber: '京ICP备12345678号-1', domains: ['example.com', 'example.net'] }],
    };
    await p.route((url) => url.pathname === '/api/v1/filings' && url.searchParams.has('number'), (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ filings: [], nextBefore: null }) }));
    const posted = [];
    let reply = {
      status: 409,
      body: {
        error: { code: '1005', message: 'conflict' },
        findings: [
          { rule: 'registry.subject_conflict', code: '1003', path: '/subject/documentNumber', severity: 'error', message: { 'zh-CN': '该主体已有备案。', en: 'This subject is filed.' }, suggestion: null },
          { rule: 'registry.domain_conflict', code: '1005', path: '/websites/0/domains/1', severity: 'error', message: { 'zh-CN': '域名已由其他主体备案。', en: 'Filed by another subject.' }, suggestion: null },
        ],
      },
    };
    await p.route('**/api/v1/filings/import', async (route) => {
      posted.push(JSON.parse(route.request().postData()));
      await route.fulfill({ status: reply.status, contentType: 'application/json', body: JSON.stringify(reply.body) });
    });
    await p.route('**/api/v1/filings/43', (route) => route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({ id: 43, filingNumber: '京ICP备12345678号', origin: 'elsewhere', approved: imported, approvedRequestId: 5, hasFilingPassword: true, requests: [] }),
    }));
    await p.goto(base);
    await p.waitForSelector('#subject-document-number');
    await p.selectOption('#filing-kind', 'transfer_access');
    await p.locator('#filing-number').fill('京ICP备12345678号-1');
    await p.locator('#load-filing').click();
    await p.waitForSelector('#import-filing');
    assert.match(await p.locator('#import-filing legend').textContent(), /京ICP备12345678号/);
    await p.selectOption('#import-subject-document-type', 'resident_id');
    await p.locator('#import-subject-document-number').fill('11010519491231002X');
    await p.locator('#import-subject-name').fill('张三');
    await p.locator('#import-websites-0-domains').fill('example.com, example.net');
    // A second website's number follows the highest; a bad one is the
    // rules crate's finding at once.
    await p.locator('#add-import-website').click();
    assert.equal(await p.locator('#import-websites-1-filing-number').inputValue(), '京ICP备12345678号-2');
    await p.locator('#import-websites-1-filing-number').fill('京ICP备12345678号-0');
    await p.waitForSelector('#findings-import-websites-1-filing-number [data-rule="filing_number.site_index"]');
    await p.locator('#import-filing [aria-label="删除网站 2"]').click();
    await p.waitForSelector('#import-websites-1-filing-number', { state: 'detached' });
    await p.locator('#filing-password').fill('s3cret');
    await p.locator('#import-filing-submit').click();
    await p.waitForSelector('#findings-import-websites-0-domains [data-code="1005"]');
    assert.deepEqual(await codes(p, 'findings-import-subject-document-number'), ['1003']);
    assert.equal(await p.locator('#import-subject-document-number').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(posted[0], { filing: posted[0].filing, filingPassword: 's3cret' });
    const { filingNumber, name, documentType, documentNumber } = posted[0].filing.subject;
    assert.deepEqual({ filingNumber, name, documentType, documentNumber }, imported.subject);
    assert.equal(posted[0].filing.websites.length, 1);
    assert.equal(posted[0].filing.websites[0].filingNumber, '京ICP备12345678号-1');
    assert.deepEqual(posted[0].filing.websites[0].domains, ['example.com', 'example.net']);
    assert.deepEqual(await axe(p), []);
    await p.screenshot({ path: path.join(screenshots, 'import-filing-1280.png'), fullPage: true });
    // Accepted: the filing is loaded as the approved one.
    reply = { status: 201, body: { filingId: 43, requestId: 5, findings: [] } };
    await p.locator('#import-filing-submit').click();
    await p.waitForSelector('#load-status [data-outcome="loaded"]');
    assert.equal(await p.locator('#import-filing').count(), 0);
    // A transfer's steps: access, then review (the flow's), and the
    // websites step up front, since the website brought in lacks the name,
    // homepage and person the transfer needs (beian-flow's
    // incomplete_steps); the website brought in is the one whose access
    // moves.
    assert.equal(await p.locator('#step-tab-websites').count(), 1);
    await p.locator('#step-tab-access').click();
    assert.match(await p.locator('#step-access h3').first().textContent(), /example\.com/);
    const saved = JSON.parse(await p.evaluate(savedDraft));
    assert.equal(saved.filingId, '43');
    assert.deepEqual(saved.approved.websites[0].domains, ['example.com', 'example.net']);
    await context.close();
  });

  await t.test('the status page: a returned request is edited and submitted again to the same request; withdrawn while pending', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    const filing = JSON.parse(fs.readFileSync(path.join(screenshots, 'complete-filing.json'), 'utf8')).filing;
    const draft = { kind: 'new_filing', filing, filingId: '42', request: { id: 9, filingId: '42', kind: 'new_filing' } };
    await p.addInitScript((d) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('beian.wizard.draft.v1', d);
        sessionStorage.setItem('seeded', '1');
      }
    }, JSON.stringify(draft));
    let view = requestView(9, 'new_filing', 'returned_to_subject', { filing, returnReason: '网站名称与内容不符' });
    view.next.events = ['subject_edit', 'withdraw'];
    await p.route('**/api/v1/requests/9', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(view) }));
    const events = [];
    await p.route('**/api/v1/requests/9/events', async (route) => {
      const body = JSON.parse(route.request().postData());
      events.push(body);
      if (body.event.type === 'submit') view = requestView(9, 'new_filing', 'provider_verification', { filing });
      if (body.event.type === 'withdraw') view = requestView(9, 'new_filing', 'withdrawn', { filing });
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ filing: { id: 42 }, request: view, findings: [] }) });
    });
    await p.goto(base);
    await statusShows(p, 'returned_to_subject');
    assert.match(await p.locator('#status-reason').textContent(), /网站名称与内容不符/);
    await p.screenshot({ path: path.join(screenshots, 'status-returned-1280.png'), fullPage: true });
    await p.locator('#edit-returned').click();
    await p.waitForSelector('#wizard:not([hidden])');
    assert.match(await p.locator('#return-reason').textContent(), /网站名称与内容不符/);
    await p.locator('#step-tab-websites').click();
    await p.locator('#websites-0-name').fill('山水摄影笔记集');
    // A reload keeps the returned request open in the form.
    await p.reload();
    await p.waitForSelector('#return-reason');
    await p.locator('#step-tab-review').click();
    await p.locator('#submit').click();
    await p.waitForSelector('#status-page');
    await statusShows(p, 'provider_verification');
    assert.deepEqual(events.map((e) => e.event.type), ['subject_edit', 'submit']);
    assert.equal(events[0].event.filing.websites[0].name, '山水摄影笔记集');
    assert.equal(await p.locator('#return-reason').count(), 0);
    // Withdraw, confirmed.
    await p.locator('#withdraw').click();
    await p.locator('#withdraw-confirm').click();
    await statusShows(p, 'withdrawn');
    assert.deepEqual(events[2].event, { type: 'withdraw', by: 'subject', reason: '' });
    assert.equal(events[2].actor, undefined);
    assert.equal(await p.locator('#withdraw').count(), 0);
    assert.deepEqual(await axe(p), []);
    await context.close();
  });

  await t.test('cancelling the subject: each website confirmed closed (002 #53), sent as closedDomains', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    const approved = JSON.parse(fs.readFileSync(path.join(screenshots, 'complete-filing.json'), 'utf8')).filing;
    const second = structuredClone(approved.websites[0]);
    second.name = '山水摄影笔记二';
    second.domains = ['example.cn', 'example.net'];
    second.homepage = 'https://example.cn/';
    approved.websites.push(second);
    await p.route((url) => url.pathname === '/api/v1/filings' && url.searchParams.has('number'), (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify({ filings: [{ id: 42 }], nextBefore: null }),
    }));
    await p.route('**/api/v1/filings/42', (route) => route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({ id: 42, approved, approvedRequestId: 1, hasFilingPassword: true, requests: [] }),
    }));
    await p.route('**/api/v1/requests/9', (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify(requestView(9, 'cancel_subject', 'bureau_review')),
    }));
    await p.route('**/api/v1/filings/42/requests', (route) => route.fulfill({
      status: 201, contentType: 'application/json', body: JSON.stringify({ filing: { id: 42 }, request: { id: 9 }, findings: [] }),
    }));
    const events = [];
    await p.route('**/api/v1/requests/9/events', (route) => {
      events.push(JSON.parse(route.request().postData()));
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ filing: { id: 42 }, request: { id: 9 }, findings: [] }) });
    });
    await p.goto(base);
    await p.waitForSelector('#subject-document-number');
    await p.selectOption('#filing-kind', 'cancel_subject');
    await p.waitForSelector('#closed-sites-empty');
    await p.locator('#filing-number').fill('京ICP备12345678号');
    await p.locator('#load-filing').click();
    await p.waitForSelector('#load-status [data-outcome="loaded"]');
    assert.equal(await p.locator('#closed-sites input[type="checkbox"]').count(), 2);
    assert.match(await p.locator('label[for="closed-websites-1"]').textContent(), /example\.cn、example\.net/);
    // Nothing confirmed: review names both websites, each linking to its checkbox.
    await p.locator('#step-tab-review').click();
    const open = () => p.$$eval('#findings-review [data-rule="flow.cancel_subject_sites_open"]', (els) => els.length);
    assert.equal(await open(), 2);
    await p.locator('#findings-review a[href="#closed-websites-1"]').click();
    await expectFocus(p, 'closed-websites-1');
    // Untouched, its finding shows under it after "check all".
    assert.equal(await p.locator('#closed-websites-1').getAttribute('aria-invalid'), 'false');
    await p.locator('#check-all').click();
    await p.waitForSelector('#findings-closed-websites-1 [data-rule]');
    assert.equal(await p.locator('#closed-websites-1').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await codes(p, 'findings-closed-websites-1'), []);
    assert.equal(
      await p.$$eval('#findings-closed-websites-1 [data-rule]', (els) => els.map((e) => e.dataset.rule).join()),
      'flow.cancel_subject_sites_open',
    );
    // Confirm both: the findings go, and survive a reload with the draft.
    await p.locator('#closed-websites-1').check();
    await p.locator('#step-tab-review').click();
    await p.waitForFunction(() => document.querySelectorAll('#findings-review [data-rule="flow.cancel_subject_sites_open"]').length === 1);
    await p.locator('#closed-websites-0').check();
    await p.waitForFunction(() => !document.querySelector('[data-rule="flow.cancel_subject_sites_open"]'));
    await p.reload();
    await p.waitForSelector('#closed-websites-0');
    assert.ok(await p.locator('#closed-websites-0').isChecked());
    assert.ok(await p.locator('#closed-websites-1').isChecked());
    assert.deepEqual(await axe(p), []);
    await p.screenshot({ path: path.join(screenshots, 'cancel-subject-1280.png'), fullPage: true });
    // The cancellation's type and reason (002 #53): the flow's advice goes
    // once both are given; they go with the submission.
    await p.waitForSelector('#findings-review [data-rule="flow.cancellation_needed"]');
    await p.selectOption('#cancellation-type', 'discontinued');
    await p.locator('#cancellation-reason').fill('网站已停止使用');
    await p.waitForSelector('#findings-review [data-rule="flow.cancellation_needed"]', { state: 'detached' });
    // Submitting sends the confirmed domains with the events.
    await p.locator('#filing-password').fill('s3cret');
    await p.locator('#step-tab-review').click();
    await p.locator('#submit').click();
    await p.waitForSelector('#status-page');
    assert.equal(events.length, 2);
    for (const e of events) assert.deepEqual(e.closedDomains.sort(), ['example.cn', 'example.com', 'example.net']);
    assert.deepEqual(events[1].event.cancellation, { type: 'discontinued', reason: '网站已停止使用' });
    await context.close();
  });

  await t.test('division search by pinyin initials: the table is fetched on the first Latin letter', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    const fetched = [];
    p.on('request', (r) => { if (r.url().endsWith('/division-initials.txt')) fetched.push(r.url()); });
    await p.goto(base);
    await p.waitForSelector('#division-search');
    await p.locator('#division-search').fill('朝阳');
    await p.waitForFunction(() => /朝阳区/.test(document.querySelector('#division-results')?.textContent ?? ''));
    assert.deepEqual(fetched, []);
    // 番禺 reads pan yu (pypinyin's phrase dictionary), not fan yu.
    await p.locator('#division-search').fill('PYQ');
    await p.waitForFunction(() => /广州市\s*番禺区/.test(document.querySelector('#division-results')?.textContent ?? ''));
    assert.equal(fetched.length, 1);
    await p.locator('#division-search').fill('cyq');
    await p.waitForFunction(() => /北京市\s*朝阳区/.test(document.querySelector('#division-results')?.textContent ?? ''));
    await p.locator('#division-results button', { hasText: '北京市' }).first().click();
    assert.equal(await p.locator('#subject-province').inputValue(), '110000');
    assert.equal(await p.locator('#subject-county').inputValue(), '110105');
    assert.equal(fetched.length, 1);
    await context.close();
  });

  await t.test('export and import of the draft as JSON', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    await p.goto(base);
    await p.waitForSelector('#subject-document-number');
    await p.locator('#subject-document-number').fill('11010519491231002X');
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('#export-draft').click()]);
    assert.equal(download.suggestedFilename(), 'beian-draft.json');
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.kind, 'new_filing');
    assert.equal(exported.filing.subject.documentNumber, '11010519491231002X');

    // A bad file: a clear message, the draft is kept.
    await p.setInputFiles('#import-draft', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"subject": {"nmae": 1}}') });
    await p.waitForSelector('#import-status .error');
    // In words of the form, not a JSON path.
    assert.match(await p.locator('#import-status').textContent(), /主体信息 › nmae|Subject › nmae/);
    assert.doesNotMatch(await p.locator('#import-status').textContent(), /\/subject/);
    assert.equal(await p.locator('#subject-document-number').inputValue(), '11010519491231002X');
    await p.setInputFiles('#import-draft', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('not json at all') });
    await p.waitForFunction(() => /未改动|unchanged/.test(document.querySelector('#import-status')?.textContent));
    assert.equal(await p.locator('#subject-document-number').inputValue(), '11010519491231002X');

    // A good file with a county merged away (宣武区 110104, 1019, 002 #9):
    // the finding names the successor, one click applies it.
    exported.filing.subject.province = '110000';
    exported.filing.subject.county = '110104';
    await p.setInputFiles('#import-draft', { name: 'draft.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await p.waitForSelector('#import-status .ok');
    await p.waitForSelector('#findings-subject-county [data-code="1019"]');
    assert.equal(await p.locator('#subject-county').getAttribute('aria-invalid'), 'true');
    await p.locator('#findings-subject-county .apply-suggestion').click();
    await p.waitForSelector('#findings-subject-county [data-code]', { state: 'detached' });
    assert.equal(await p.locator('#subject-county').inputValue(), '110102');
    await context.close();
  });

  await t.test('an XSS payload typed in every text field stays inert text', async () => {
    const { context, page: p } = await freshPage(browser, problems);
    await p.addInitScript(() => { window.__xss = 0; });
    await p.goto(base);
    await p.waitForSelector('#subject-document-number');
    const payload = '"><img src=x onerror="window.__xss++"><script>window.__xss++</script>';
    await p.locator('#add-access-0').count();
    let typed = 0;
    for (const step of STEPS) {
      await p.locator(`#step-tab-${step}`).click();
      await p.waitForSelector(`#step-${step}:not([hidden])`);
      const ids = await p.$$eval(
        `#step-${step} input:not([type=checkbox]):not([type=file]):not([type=date]), #division-search`,
        (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.id),
      );
      for (const fid of ids) {
        await p.locator(`#${fid}`).fill(payload);
        typed++;
      }
    }
    assert.ok(typed >= 15, `typed into ${typed} fields`);
    await p.locator('#check-all').click();
    await p.locator('#step-tab-access').click();
    await p.waitForSelector('#step-access:not([hidden])');
    assert.equal(await p.evaluate(() => window.__xss), 0);
    assert.equal(await p.locator('main img, main script').count(), 0);
    // The website's name shows as text in the access step's heading.
    assert.ok((await p.locator('#step-access h3').first().textContent()).includes('<img src=x'));
    await context.close();
  });

  await t.test('embedded: mount element, data-* configuration and events', async () => {
    const html = fs
      .readFileSync(path.join(dist, 'index.html'), 'utf8')
      .replace(
        '<body>',
        '<body><p id="host">host page</p><div id="beian-wizard" data-lang="en" ' +
          'data-provider-name="Example Cloud" data-server-location="330000" data-theme-color="#7a1fa2" data-api-base="/api"></div>',
      )
      .replace('</body>', `<script>
        window.__events = [];
        const el = document.getElementById('beian-wizard');
        for (const name of ['beian:step', 'beian:findings']) {
          el.addEventListener(name, (e) => window.__events.push([name, e.detail]));
        }
      </script></body>`);
    fs.writeFileSync(path.join(dist, 'embed-test.html'), html);
    const { context, page: p } = await freshPage(browser, problems, 1024, 800);
    await p.goto(`${base}embed-test.html`);
    await p.waitForSelector('#beian-wizard #subject-document-number');
    assert.equal(await p.locator('#host').textContent(), 'host page');
    // Embedded, the host page keeps its title, `lang` and landmarks: the
    // wizard is a section with an h2 (issue 17).
    assert.equal(await p.locator('#beian-wizard h2#wizard-title').textContent(), 'ICP filing pre-check');
    assert.equal(await p.locator('h1, main, header').count(), 0);
    assert.equal(await p.title(), 'ICP 备案预检');
    assert.equal(await p.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await p.getAttribute('#beian-wizard', 'lang'), 'en');
    assert.equal(await p.locator('#beian-wizard .provider').textContent(), 'Example Cloud');
    await p.locator('#step-tab-websites').click();
    await p.waitForFunction(() =>
      window.__events.some(([n, d]) => n === 'beian:step' && d.step === 'websites'),
    );
    await p.locator('#websites-0-domains-0').pressSequentially('www.example.com');
    await p.waitForFunction(() =>
      window.__events.some(
        ([n, d]) => n === 'beian:findings' && d.findings.some((f) => f.code === '1004'),
      ),
    );
    // The provider's name is the default access provider.
    await p.locator('#step-tab-access').click();
    assert.equal(await p.locator('#websites-0-access-0-provider').inputValue(), 'Example Cloud');
    assert.equal(await p.locator('#websites-0-access-0-server-location').inputValue(), '330000');
    assert.equal(await p.locator('#websites-0-access-0-server-location option:checked').textContent(), '浙江省');
    // Submitting goes to the configured API base.
    let url = '';
    await p.route('**/api/v1/filings', (route) => {
      url = route.request().url();
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"no_database","message":"no database"}}' });
    });
    await p.locator('#step-tab-review').click();
    await p.locator('#submit').click();
    await p.waitForSelector('#submit-status [data-outcome="failed"]');
    assert.ok(url.endsWith('/api/api/v1/filings'), url);
    assert.match(await p.locator('#submit-status').textContent(), /no database/);
    await context.close();
    fs.unlinkSync(path.join(dist, 'embed-test.html'));
  });

  await t.test('no page or console errors', () => {
    assert.deepEqual(problems, []);
  });
});
