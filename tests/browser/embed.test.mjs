// The wizard embedded into a hosting provider's "control panel" on another
// origin (issue 17), in headless Chromium: the panel is a page of its own
// (title, styles, landmarks, a Content-Security-Policy) served by a tiny
// server on one 127.0.0.1 port, `beian serve --cors-origin <panel>` on
// another. The wizard comes in as the custom element `<beian-wizard>`
// (web/beian-wizard.js) and, the other way, in an iframe; in both a filing
// is filled in and submitted to the server across origins, and the panel's
// computed styles, title, `lang` and landmarks are what they are without
// the wizard. A module that cannot be loaded gives `beian:error`. The
// panel's backend opens a wizard session per customer with its provider
// credential (POST /api/v1/sessions) and gives the token to the wizard:
// the custom element's `session-token` attribute, the iframe address's
// fragment `#session-token=…`.
//
//   trunk build --release            # dist/ with beian-wizard.js
//   cargo build -p beian-server      # target/debug/beian (or set BEIAN_BIN)
//   node --test tests/browser/
//
// Skipped when the server binary is not built. Screenshots of the embedded
// panel go to tests/browser/screenshots/ (not committed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = process.env.BEIAN_DIST || path.join(root, 'dist');
const bin = process.env.BEIAN_BIN || path.join(root, 'target', 'debug', 'beian');
const screenshots = path.join(here, 'screenshots');
const require = createRequire(path.join(root, '.ci', 'node', 'package.json'));

/** A resident ID number with its check digit (GB 11643). */
function residentId(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/**
 * A complete, correct new filing of an individual as the wizard saves it
 * (as in wizard-server.test.mjs), with its own ID number and domain so
 * that each test's filing is new to the registry.
 */
function draft(first17, domain, name = '张三') {
  const id = residentId(first17);
  const person = { name, documentType: 'resident_id', documentNumber: id, mobile: '13800138000', phone: '', email: 'zhangsan@example.com' };
  return {
    kind: 'new_filing',
    filing: {
      subject: {
        subjectType: 'individual', name, documentType: 'resident_id', documentNumber: id,
        province: '110000', city: '', county: '110105', address: '北京市朝阳区建国路 1 号',
        responsiblePerson: person,
        documents: [
          { kind: 'subject_document', date: null },
          { kind: 'responsible_person_document', date: null },
          { kind: 'security_agreement', date: '2026-11-20' },
          { kind: 'verification_form', date: '2026-11-20' },
          { kind: 'photo', date: '2026-11-20' },
        ],
      },
      websites: [{
        name: '山水摄影笔记', domains: [domain], homepage: `http://www.${domain}`,
        access: [{ provider: 'Example Cloud', method: 'cloud', serverLocation: '110000', ips: ['101.200.30.40'] }],
        responsiblePerson: person,
        contentCategories: ['blog'],
        documents: [{ kind: 'domain_certificate', date: null }],
      }],
    },
  };
}

/** Starts `beian serve` on a free port for the panel `origin`, with the
 * provider's credential: [child, base URL without `/`, its token]. */
function startServer(origin) {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beian-embed-')), 'beian.db');
  const token = execFileSync(bin, ['credentials', '--database-url', `sqlite://${db}`, 'add', '--provider', 'Example Cloud'], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  const child = spawn(
    bin,
    ['serve', '--addr', '127.0.0.1:0', '--dist', dist, '--database-url', `sqlite://${db}`, '--cors-origin', origin],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/[^\s/]+)/.exec(log);
      if (m) resolve([child, m[1], token]);
    });
    child.on('exit', (code) => reject(new Error(`beian exited ${code}: ${log}`)));
  });
}

// The panel's own look: every property checked below differs from the
// browser's defaults and from the wizard's stylesheet.
const PANEL_CSS = `
body { margin: 3px; font: 15px/1.3 Georgia, serif; color: rgb(10, 20, 30); background: rgb(250, 240, 230); }
main { display: block; margin: 0 auto; padding: 21px; max-width: 900px; background: rgb(255, 255, 250); }
button { background: rgb(200, 0, 0); color: rgb(255, 255, 255); border: 2px solid rgb(0, 0, 0); border-radius: 1px; font: 13px Georgia, serif; padding: 3px 9px; }
input { border: 3px dashed rgb(0, 128, 0); padding: 5px; font: 13px Georgia, serif; border-radius: 0; width: 140px; }
h1 { font-size: 30px; }
`;

/** The panel page: its header, navigation, `main` with its own `h1` and a form, a footer; `wizard` goes into `main`. */
function panelPage(beian, wizard = '') {
  const loader = wizard.includes('<beian-wizard') ? `<script type="module" src="${beian}/beian-wizard.js"></script>` : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Example Cloud · Control panel</title>
<link rel="stylesheet" href="/panel.css">
${loader}
</head>
<body>
<header><nav aria-label="Panel"><a href="/">Servers</a> <a href="/">Domains</a></nav></header>
<main>
<h1>Control panel</h1>
<!-- The panel has ids of its own, some the wizard's too: lookups stay in the wizard. -->
<form id="panel-form"><label for="subject-name">Customer</label> <input id="subject-name" value="panel"> <button id="panel-save" type="button">Save</button></form>
${wizard}
</main>
<footer>Example Cloud</footer>
</body>
</html>`;
}

/** The panel's server, on a free 127.0.0.1 port; `beian` is filled in once known. */
async function startPanel(pages) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/panel.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(PANEL_CSS);
      return;
    }
    const page = pages[url.pathname];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // A strict policy, as a panel would have: what web/README.md says to
    // allow for the wizard, nothing more (no inline script or style).
    const b = pages.beian;
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy':
          `default-src 'self'; script-src 'self' ${b} 'wasm-unsafe-eval'; style-src 'self' ${b}; ` +
          `connect-src 'self' ${b}; frame-src ${b}; img-src 'self' data:`,
      })
      .end(page(b));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** What the checks compare: computed styles of the panel's elements, its title, `lang`, stylesheets. */
function panelState() {
  const props = [
    'margin', 'padding', 'font-family', 'font-size', 'line-height', 'color', 'background-color',
    'border', 'border-radius', 'max-width', 'width', 'display',
  ];
  const style = (el) => Object.fromEntries(props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)]));
  return {
    title: document.title,
    lang: document.documentElement.lang,
    sheets: document.styleSheets.length,
    body: style(document.body),
    main: style(document.querySelector('main')),
    button: style(document.querySelector('#panel-save')),
    input: style(document.querySelector('#subject-name')),
    h1: style(document.querySelector('h1')),
  };
}

/**
 * The page's landmarks and level-1 headings as Chromium's accessibility
 * tree has them (through shadow roots; an iframe's document is its own):
 * { role: count }, with the names of regions and navigations.
 */
async function landmarks(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const out = {};
  for (const n of nodes) {
    if (n.ignored) continue;
    const role = n.role?.value;
    let key = null;
    if (['main', 'banner', 'contentinfo', 'navigation', 'region', 'complementary', 'form', 'search'].includes(role)) {
      key = role === 'region' || role === 'navigation' ? `${role}:${n.name?.value ?? ''}` : role;
    } else if (role === 'heading' && n.properties?.some((p) => p.name === 'level' && p.value.value === 1)) {
      key = 'h1';
    }
    if (key) out[key] = (out[key] || 0) + 1;
  }
  return out;
}

test('the wizard embedded in a panel on another origin', { skip: !fs.existsSync(bin) && `no server binary at ${bin}` }, async (t) => {
  assert.ok(fs.existsSync(path.join(dist, 'beian-wizard.js')), `build the wizard first (trunk build --release): no ${dist}/beian-wizard.js`);
  const pages = {
    '/': (b) => panelPage(b),
    '/element': (b) =>
      panelPage(b, `<beian-wizard provider="Example Cloud" api-base="${b}" lang="en" hide-batch hide-json-tools session-token="${pages.sessions.one}"></beian-wizard>`),
    '/element-zh': (b) => panelPage(b, `<beian-wizard api-base="${b}" lang="zh-CN" theme-color="#7a1fa2" session-token="${pages.sessions.one}"></beian-wizard>`),
    '/iframe': (b) =>
      panelPage(b, `<iframe src="${b}/?provider=Example%20Cloud&amp;lang=en&amp;hide-batch&amp;hide-json-tools#session-token=${pages.sessions.two}" title="ICP filing" width="800" height="700"></iframe>`),
  };
  const panel = await startPanel(pages);
  const origin = `http://127.0.0.1:${panel.address().port}`;
  const [server, beian, token] = await startServer(origin);
  pages.beian = beian;
  // The panel's backend: a wizard session for each customer below.
  const session = async (first17) => {
    const r = await fetch(`${beian}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ documentType: 'resident_id', documentNumber: residentId(first17) }),
    });
    assert.equal(r.status, 201, await r.clone().text());
    return (await r.json()).token;
  };
  pages.sessions = { one: await session('11010519800101001'), two: await session('11010519800202002') };
  assert.notEqual(new URL(beian).origin, origin);
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
  });
  t.after(async () => {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => panel.close(resolve));
  });
  fs.mkdirSync(screenshots, { recursive: true });
  const problems = [];
  /** A fresh browser context (its own storage and cache), the saved draft seeded for every origin. */
  const newPage = async (saved, options = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...options });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (/Content Security Policy|CORS|blocked/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.addInitScript((d) => {
      if (d) localStorage.setItem('beian.wizard.draft.v1', d);
      window.__events = [];
      for (const name of ['beian:step', 'beian:findings', 'beian:submitted', 'beian:error']) {
        document.addEventListener(name, (e) => window.__events.push([name, e.detail, e.target?.localName]));
      }
    }, saved ? JSON.stringify(saved) : null);
    return { context, page };
  };

  // The panel without the wizard: what must stay as it is.
  const { context: c0, page: plain } = await newPage(null);
  await plain.goto(`${origin}/`);
  const before = await plain.evaluate(panelState);
  const landmarksBefore = await landmarks(plain);
  assert.equal(before.title, 'Example Cloud · Control panel');
  assert.deepEqual(
    { main: landmarksBefore.main, banner: landmarksBefore.banner, contentinfo: landmarksBefore.contentinfo, h1: landmarksBefore.h1 },
    { main: 1, banner: 1, contentinfo: 1, h1: 1 },
  );
  await c0.close();

  await t.test('custom element: loading line, then the wizard in its shadow root, submitted across origins', async () => {
    const saved = draft('11010519800101001', 'panel-embed-one.cn');
    saved.filing.subject.name = '';
    const { context, page } = await newPage(saved);
    const posts = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().startsWith(`${beian}/api/`)) posts.push(r.url());
    });
    // The wizard's module is held back until the loading line was seen.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(`${beian}/beian-web-*.js`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${origin}/element`);
    const loading = page.locator('beian-wizard .beian-loading');
    await loading.waitFor();
    assert.equal(await loading.getAttribute('role'), 'status');
    assert.equal(await loading.textContent(), 'Loading the filing wizard…');
    release();
    await page.waitForSelector('beian-wizard #subject-document-number', { timeout: 30_000 });
    assert.equal(await loading.count(), 0);

    // In the shadow root, with the stylesheet there and nowhere else.
    const inShadow = await page.evaluate(() => {
      const el = document.querySelector('beian-wizard');
      const sr = el.shadowRoot;
      return {
        shadow: !!sr && !!sr.querySelector('#subject-document-number'),
        light: document.querySelectorAll('#subject-document-number, .beian-root, section.embedded').length,
        sheetInShadow: [...sr.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname),
        headLinks: [...document.querySelectorAll('link[rel=stylesheet], style')].map((l) => l.getAttribute('href')),
        wizardFont: getComputedStyle(sr.querySelector('.beian-root')).fontFamily,
        wizardLang: sr.querySelector('.beian-root').getAttribute('lang'),
      };
    });
    assert.ok(inShadow.shadow);
    assert.equal(inShadow.light, 0, 'nothing of the wizard in the panel’s own DOM');
    assert.equal(inShadow.sheetInShadow.length, 1);
    assert.match(inShadow.sheetInShadow[0], /^\/style-[0-9a-f]{16}\.css$/);
    assert.deepEqual(inShadow.headLinks, ['/panel.css']);
    assert.doesNotMatch(inShadow.wizardFont, /Georgia/, 'the panel’s font does not reach into the wizard');
    assert.equal(inShadow.wizardLang, 'en');
    // Configured by its attributes: the provider, no batch page, no JSON tools.
    assert.equal(await page.locator('beian-wizard .provider').textContent(), 'Example Cloud');
    assert.equal(await page.locator('beian-wizard #wizard-title').evaluate((e) => e.localName), 'h2');
    assert.equal(await page.locator('beian-wizard #batch').count(), 0);
    assert.equal(await page.locator('beian-wizard #export-draft, beian-wizard #import-draft').count(), 0);
    // Events come out of the shadow root on the element.
    await page.waitForFunction(() => window.__events.some(([n, , target]) => n === 'beian:step' && target === 'beian-wizard'));

    // The panel is as it was: styles, title, lang, landmarks.
    assert.deepEqual(await page.evaluate(panelState), before);
    const after = await landmarks(page);
    for (const role of ['main', 'banner', 'contentinfo', 'h1']) assert.equal(after[role], landmarksBefore[role], `${role}: ${JSON.stringify(after)}`);
    // What the wizard adds is its region (named by its title) and its steps.
    assert.equal(after['region:ICP filing pre-check'], 1, JSON.stringify(after));

    // A finding's link focuses the wizard's field, not the panel's field of
    // the same id.
    await page.locator('beian-wizard #step-tab-review').click();
    await page.locator('beian-wizard #findings-review a[href="#subject-name"]').first().click();
    await page.waitForFunction(() => document.querySelector('beian-wizard').shadowRoot.activeElement?.id === 'subject-name');
    assert.equal(await page.evaluate(() => document.activeElement.localName), 'beian-wizard');
    await page.keyboard.type('张三');
    assert.equal(await page.locator('#panel-form #subject-name').inputValue(), 'panel');
    // "Next" on a step with an error focuses its field, in the wizard.
    await page.locator('beian-wizard #subject-name').fill('');
    await page.locator('beian-wizard #step-tab-subject').click();
    await page.locator('beian-wizard #step-next').click();
    await page.waitForFunction(() => document.querySelector('beian-wizard').shadowRoot.activeElement?.id === 'subject-name');
    await page.locator('beian-wizard #subject-name').fill('张三');

    // Submitted across origins (CORS), the status page read back.
    await page.locator('beian-wizard #step-tab-review').click();
    await page.waitForSelector('beian-wizard #review-none');
    await page.locator('beian-wizard #submit').click();
    await page.waitForSelector('beian-wizard #status-page');
    await page.waitForSelector('beian-wizard #status-stages[data-status="provider_verification"] [aria-current="step"]');
    assert.deepEqual(posts, [`${beian}/api/v1/filings`]);
    const submitted = await page.evaluate(() => window.__events.find(([n]) => n === 'beian:submitted'));
    assert.equal(submitted[2], 'beian-wizard');
    const rid = submitted[1].request.id;
    const reply = await fetch(`${beian}/api/v1/requests/${rid}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(reply.status, 200);
    assert.deepEqual(await page.evaluate(panelState), before);
    await page.screenshot({ path: path.join(screenshots, 'embedded-element.png'), fullPage: true });
    await context.close();
  });

  await t.test('custom element in Chinese, with the batch page and the JSON tools', async () => {
    // (The panel's policy set aside, for axe-core's script only.)
    const { context, page } = await newPage(null, { bypassCSP: true });
    await page.goto(`${origin}/element-zh`);
    await page.waitForSelector('beian-wizard #subject-document-number', { timeout: 30_000 });
    assert.equal(await page.locator('beian-wizard #wizard-title').textContent(), 'ICP 备案预检');
    assert.equal(await page.locator('beian-wizard #batch').count(), 1);
    assert.equal(await page.locator('beian-wizard #export-draft').count(), 1);
    // The theme colour is the wizard's, inside its shadow root.
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.querySelector('beian-wizard').shadowRoot.querySelector('#step-next')).backgroundColor),
      'rgb(122, 31, 162)',
    );
    // The language switch changes the wizard, not the panel.
    await page.selectOption('beian-wizard #lang-switch', 'en');
    await page.waitForFunction(() => document.querySelector('beian-wizard').shadowRoot.querySelector('#wizard-title').textContent === 'ICP filing pre-check');
    assert.deepEqual(await page.evaluate(panelState), before);
    // axe-core (which looks into shadow roots) finds nothing on the panel
    // with the wizard in it: landmarks and headings included.
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(
      violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5) })),
      [],
    );
    await context.close();
  });

  await t.test('iframe: the wizard page framed by the panel, submitted', async () => {
    const { context, page } = await newPage(draft('11010519800202002', 'panel-embed-two.cn'));
    await page.goto(`${origin}/iframe`);
    const frame = page.frameLocator('iframe');
    await frame.locator('#subject-document-number').waitFor({ timeout: 30_000 });
    // Configured by its address, as the element by its attributes.
    assert.equal(await frame.locator('.provider').textContent(), 'Example Cloud');
    assert.equal(await frame.locator('h1').textContent(), 'ICP filing pre-check');
    assert.equal(await frame.locator('#batch, #export-draft, #import-draft').count(), 0);
    assert.deepEqual(await page.evaluate(panelState), before);
    const after = await landmarks(page);
    for (const role of ['main', 'banner', 'contentinfo', 'h1']) assert.equal(after[role], landmarksBefore[role], `${role}: ${JSON.stringify(after)}`);
    await frame.locator('#step-tab-review').click();
    await frame.locator('#review-none').waitFor();
    await frame.locator('#submit').click();
    await frame.locator('#status-stages[data-status="provider_verification"] [aria-current="step"]').waitFor();
    // The session token left the framed page's address once read.
    const framed = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(!framed.url().includes('session-token'), framed.url());
    assert.deepEqual(await page.evaluate(panelState), before);
    await page.screenshot({ path: path.join(screenshots, 'embedded-iframe.png'), fullPage: true });
    await context.close();
  });

  await t.test('a module that cannot be loaded: a message and beian:error', async () => {
    const { context, page } = await newPage(null);
    await page.route(`${beian}/beian-web-*.js`, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    await page.goto(`${origin}/element`);
    await page.waitForFunction(() => window.__events.some(([n]) => n === 'beian:error'));
    const [, detail, target] = await page.evaluate(() => window.__events.find(([n]) => n === 'beian:error'));
    assert.equal(target, 'beian-wizard');
    assert.ok(detail.message, JSON.stringify(detail));
    const failed = page.locator('beian-wizard .beian-failed');
    assert.equal(await failed.getAttribute('role'), 'alert');
    assert.match(await failed.textContent(), /could not be loaded/);
    assert.equal(await page.locator('beian-wizard .beian-loading').count(), 0);
    assert.deepEqual(await page.evaluate(panelState), before);
    await context.close();
  });

  await t.test('no page errors, nothing blocked by CORS or the policies', () => {
    assert.deepEqual(problems, []);
  });
});
