// The wizard against the real server, in headless Chromium: `beian serve`
// serves dist/ and the API on one origin (so no data-api-base is needed),
// a complete filing is submitted (201), and submitting it again shows the
// registry's conflicts (1003 subject, 1005 domain: 002 #2, #5) under their
// fields, the same way as the browser's own findings. The submitted filing's
// status page survives a reload; a double click sends one filing. Then the
// filing is approved through the API (its numbers show) and changed in the
// wizard as an existing filing (found by its number; 1018 for a wrong
// filing password, then accepted), and withdrawn. Issue 14's path: a filing
// approved elsewhere is brought in by its number, its access transferred and
// a website added, which gets the next number (-2). The panel's side is
// played by the test: a provider credential (`beian credentials add`)
// opens a wizard session for the customer (POST /api/v1/sessions), whose
// token goes into the page as `data-session-token`; the provider and the
// bureau act through the API with their own credentials.
//
//   trunk build --release            # dist/
//   cargo build -p beian-server      # target/debug/beian (or set BEIAN_BIN)
//   node --test tests/browser/
//
// Skipped when the server binary is not built.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';


// The wizard saves its draft once typing pauses, and at once on `pagehide`
// (a reload, leaving the page): the saved draft, now.
const savedDraft = () => {
  window.dispatchEvent(new Event('pagehide'));
  return localStorage.getItem('beian.wizard.draft.v1');
};

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = process.env.BEIAN_DIST || path.join(root, 'dist');
const bin = process.env.BEIAN_BIN || path.join(root, 'target', 'debug', 'beian');
const require = createRequire(path.join(root, '.ci', 'node', 'package.json'));

/** A complete, correct new filing of an individual, as the wizard saves it. */
const DRAFT = {
  kind: 'new_filing',
  filing: {
    subject: {
      subjectType: 'individual', name: '张三', documentType: 'resident_id', documentNumber: '11010519491231002X',
      province: '110000', city: '', county: '110105', address: '北京市朝阳区建国路 1 号',
      responsiblePerson: {
        name: '张三', documentType: 'resident_id', documentNumber: '11010519491231002X',
        mobile: '13800138000', phone: '', email: 'zhangsan@example.com',
      },
      documents: [
        { kind: 'subject_document', date: null },
        { kind: 'responsible_person_document', date: null },
        { kind: 'security_agreement', date: '2026-11-20' },
        { kind: 'verification_form', date: '2026-11-20' },
        { kind: 'photo', date: '2026-11-20' },
      ],
    },
    websites: [{
      name: '山水摄影笔记', domains: ['example.com'], homepage: 'http://www.example.com',
      access: [{ provider: 'Example Cloud', method: 'cloud', serverLocation: '110000', ips: ['101.200.30.40'] }],
      responsiblePerson: {
        name: '张三', documentType: 'resident_id', documentNumber: '11010519491231002X',
        mobile: '13800138000', phone: '', email: 'zhangsan@example.com',
      },
      contentCategories: ['blog'],
      documents: [{ kind: 'domain_certificate', date: null }],
    }],
  },
};

/** `beian credentials add …` on `db`: the token it prints once. */
function credential(db, ...who) {
  return execFileSync(bin, ['credentials', '--database-url', `sqlite://${db}`, 'add', ...who], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** A PNG's signature and header of `w`×`h` pixels (what the checks read). */
function png(w, h) {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  Buffer.from([8, 2, 0, 0, 0]).copy(b, 24);
  return b;
}

/** Starts `beian serve` on a free port, with a credential of the provider
 * and of the Beijing bureau: [child, base URL, tokens]. */
function startServer() {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beian-wizard-')), 'beian.db');
  const tokens = { provider: credential(db, '--provider', 'Example Cloud'), bureau: credential(db, '--bureau', '京') };
  // The site check may fetch the test's own site (on 127.0.0.1) by the
  // filing's domain.
  const siteCheck = ['--site-check-allow-private', '--site-check-resolve', 'www.example.com=127.0.0.1'];
  const child = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--dist', dist, '--database-url', `sqlite://${db}`, ...siteCheck], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) resolve([child, m[1] + '/', tokens]);
    });
    child.on('exit', (code) => reject(new Error(`beian exited ${code}: ${log}`)));
  });
}

/** Launches Chromium and `beian serve`; both end with the test. */
async function setUp(t) {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), `build the wizard first (trunk build --release): ${dist}`);
  const { chromium } = require('playwright-core');
  const [server, base, tokens] = await startServer();
  // The panel's backend: a wizard session for the customer (DRAFT's subject).
  const session = await fetch(`${base}api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.provider}` },
    body: JSON.stringify({ documentType: 'resident_id', documentNumber: DRAFT.filing.subject.documentNumber }),
  });
  assert.equal(session.status, 201, await session.clone().text());
  const { token } = await session.json();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
  });
  t.after(async () => {
    await browser.close();
    server.kill('SIGTERM');
  });
  const problems = [];
  const newPage = async (draft) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    // The panel puts the session's token on the mount element.
    await page.addInitScript((t) => {
      const mark = () => {
        const el = document.getElementById('beian-wizard') || document.body;
        if (el) el.dataset.sessionToken = t;
        return !!el;
      };
      if (!mark()) new MutationObserver((_, o) => { if (mark()) o.disconnect(); }).observe(document, { childList: true, subtree: true });
    }, token);
    await page.addInitScript((d) => {
      if (d && !sessionStorage.getItem('seeded')) {
        localStorage.setItem('beian.wizard.draft.v1', d);
        sessionStorage.setItem('seeded', '1');
      }
      window.__submitted = [];
      document.addEventListener('beian:submitted', (e) => window.__submitted.push(e.detail));
    }, draft ? JSON.stringify(draft) : null);
    return page;
  };
  // An event on request `rid` through the API, as `who` ('provider' or
  // 'bureau': their credentials).
  const event = async (rid, who, ev) => {
    const r = await fetch(`${base}api/v1/requests/${rid}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
      body: JSON.stringify({ event: ev }),
    });
    assert.equal(r.status, 200, await r.clone().text());
    return r.json();
  };
  // A read through the API, as the provider.
  const read = async (p) => (await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${tokens.provider}` } })).json();
  return { base, problems, newPage, event, read };
}

/** The request the page's saved draft remembers. */
async function savedRequest(page) {
  return JSON.parse(await page.evaluate(savedDraft)).request;
}

/** Waits until the status page shows `status` as the current stage. */
async function statusShows(page, status) {
  await page.waitForSelector(`#status-stages[data-status="${status}"] [aria-current="step"]`);
}

test('the wizard submits to the real server', { skip: !fs.existsSync(bin) && `no server binary at ${bin}` }, async (t) => {
  const { base, problems, newPage, event, read } = await setUp(t);
  const page = await newPage(DRAFT);
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/filings') posts.push(r.headers().authorization);
  });
  await page.goto(base);
  await page.locator('#step-tab-review').click();
  await page.waitForSelector('#review-none');

  // A double click sends one filing; the page then shows where it stands.
  await page.locator('#submit').dblclick();
  await page.waitForSelector('#status-page');
  await statusShows(page, 'provider_verification');
  assert.equal(posts.length, 1, 'one POST for a double click');
  assert.match(posts[0], /^Bearer bs_\d+\./, 'the wizard sends its session token');
  assert.ok(await page.locator('#wizard').isHidden());
  // The review deadline the server answered; estimated (with the years)
  // while a year it counts has no published holiday schedule (issue 13).
  const [{ request: { next: { deadlines } } }] = await page.evaluate(() => window.__submitted);
  assert.match(deadlines.review, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok((await page.locator('#review-deadline').textContent()).includes(deadlines.review));
  if (deadlines.estimated) {
    const note = await page.locator('#review-estimated').textContent();
    for (const year of deadlines.estimatedYears) assert.ok(note.includes(String(year)), note);
  } else {
    assert.equal(await page.locator('#review-estimated').count(), 0);
  }
  assert.match(await page.locator('#status-what').textContent(), /Example Cloud/);
  // A reload shows the same page, not an empty form.
  await page.reload();
  await statusShows(page, 'provider_verification');
  assert.ok(await page.locator('#wizard').isHidden());
  assert.equal(posts.length, 1);

  // Issue 17: the scans the verification needs, uploaded from the status
  // page. Each file is checked in the page first (nothing refused is
  // sent), and by the server again.
  const uploads = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/documents')) uploads.push(r.url());
  });
  await page.waitForSelector('#upload-input-photo');
  // Over the size: refused in the page.
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
  await page.setInputFiles('#upload-input-photo', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: big });
  await page.waitForSelector('#upload-findings-photo [data-rule="upload.too_large"]');
  assert.equal(uploads.length, 0, 'an over-size file is not sent');
  // A PNG named .pdf: uploaded as the PNG it is, with a warning.
  await page.setInputFiles('#upload-input-photo', { name: 'photo.pdf', mimeType: 'application/pdf', buffer: png(1654, 2339) });
  await page.waitForSelector('#uploaded-photo li');
  await page.waitForSelector('#upload-findings-photo [data-rule="upload.name_mismatch"][data-severity="warning"]');
  // A valid scan of the verification form.
  await page.setInputFiles('#upload-input-verification_form', { name: '核验单.png', mimeType: 'image/png', buffer: png(2480, 3508) });
  await page.waitForSelector('#uploaded-verification_form li');
  assert.equal(await page.locator('#upload-findings-verification_form li').count(), 0);
  assert.equal(uploads.length, 2);
  const { id: uploadedFor } = await savedRequest(page);
  const { documents } = await read(`api/v1/requests/${uploadedFor}/documents`);
  assert.deepEqual(documents.map((d) => [d.kind, d.mediaType, d.name]),
    [['photo', 'image/png', 'photo.pdf'], ['verification_form', 'image/png', '核验单.png']]);
  await page.screenshot({ path: path.join(here, 'screenshots', 'status-uploads-1280.png'), fullPage: true });
  // Removed: gone from the page and from the server.
  await page.locator('#uploaded-photo li button').click();
  await page.waitForSelector('#uploaded-photo li', { state: 'detached' });
  assert.equal((await read(`api/v1/requests/${uploadedFor}/documents`)).documents.length, 1);

  // The same filing again, from another browser: the registry finds the
  // subject and the domain (002 #2, #5), under their fields.
  const again = await newPage(DRAFT);
  await again.goto(base);
  await again.locator('#step-tab-review').click();
  await again.locator('#submit').click();
  await again.waitForSelector('#submit-status [data-outcome="refused"]');
  const serverCodes = await again.$$eval('#findings-server [data-code]', (els) => els.map((e) => e.dataset.code));
  assert.ok(serverCodes.includes('1003'), serverCodes.join());
  await again.locator('#step-tab-subject').click();
  await again.waitForSelector('#findings-subject-document-number [data-code="1003"]');
  assert.equal(await again.locator('#subject-document-number').getAttribute('aria-invalid'), 'true');
  if (serverCodes.includes('1005')) {
    await again.locator('#step-tab-websites').click();
    await again.waitForSelector('#findings-websites-0-domains-0 [data-code="1005"]');
  }

  // The provider verifies and the bureau approves (through the API): the
  // approval gives the password and the numbers, which the page shows.
  const { id: rid } = await savedRequest(page);
  await event(rid, 'provider', { type: 'provider_verify', provider: 'Example Cloud' });
  const { filingPassword } = await event(rid, 'bureau', { type: 'bureau_approve' });
  assert.ok(filingPassword);
  await page.locator('#status-refresh').click();
  await statusShows(page, 'approved');
  const number = (await page.locator('#approved-subject-filing-number').textContent()).match(/京ICP备\d+号/)[0];
  assert.match(await page.locator('#website-filing-number-0').textContent(), new RegExp(`${number}-1`));

  // Issue 18: the website's footer code, copied, and "check my site". The
  // site (on 127.0.0.1, named www.example.com for the server) first shows
  // no number, then the wizard's code in its footer.
  const code = await page.locator('#footer-code-0').inputValue();
  assert.ok(code.includes(`>${number}-1</a>`) && code.includes('href="https://beian.miit.gov.cn/"'), code);
  await page.locator('#footer-copy-0').click();
  await page.waitForSelector('#footer-copied-0:not(:empty)');
  let footer = '';
  const site = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>山水摄影笔记</title><main>照片</main><footer>${footer}</footer>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  t.after(() => site.close());
  const home = `http://www.example.com:${site.address().port}/`;
  await page.locator('#site-check-url-0').fill(home);
  await page.locator('#site-check-0').click();
  await page.waitForSelector('#site-check-findings-0 [data-rule="site.number_missing"]');
  assert.match(await page.locator('#site-check-summary-0').textContent(), /需要修改/);
  footer = code;
  await page.locator('#site-check-0').click();
  await page.waitForFunction(() => /显示了备案号/.test(document.querySelector('#site-check-summary-0')?.textContent));
  assert.equal(await page.locator('#site-check-findings-0 [data-severity="error"]').count(), 0);
  await page.screenshot({ path: path.join(here, 'screenshots', 'status-footer-1280.png'), fullPage: true });

  // A change of the approved filing, found by its number: rename the
  // subject (which needs the filing password, 002 #36), submit with a
  // wrong password (the server's 1018 under the password field), then the
  // right one.
  await page.locator('#start-new').click();
  await page.waitForSelector('#wizard:not([hidden])');
  await page.selectOption('#filing-kind', 'change');
  await page.locator('#filing-number').fill('京ICP备99999999号');
  await page.locator('#load-filing').click();
  await page.waitForSelector('#load-status [data-outcome="not-here"]');
  await page.locator('#filing-number').fill(`${number}-1`);
  await page.locator('#load-filing').click();
  await page.waitForSelector('#load-status [data-outcome="loaded"]');
  await page.locator('#step-tab-subject').click();
  assert.equal(await page.locator('#subject-document-number').inputValue(), '11010519491231002X');
  await page.locator('#subject-name').fill('张三丰');
  await page.locator('#subject-responsible-person-name').fill('张三丰');
  await page.locator('#step-tab-websites').click();
  await page.locator('#websites-0-responsible-person-name').fill('张三丰');
  await page.locator('#filing-password').fill('not-the-password');
  await page.locator('#step-tab-review').click();
  await page.locator('#submit').click();
  await page.waitForSelector('#submit-status [data-outcome="refused"]');
  await page.waitForSelector('#findings-filing-password [data-code="1018"]');
  assert.equal(await page.locator('#filing-password').getAttribute('aria-invalid'), 'true');
  await page.locator('#filing-password').fill(filingPassword);
  await page.locator('#submit').click();
  await page.waitForSelector('#status-page');
  await statusShows(page, 'provider_verification');
  const fid = (await savedRequest(page)).filingId;
  const after = await read(`api/v1/filings/${fid}`);
  assert.deepEqual(after.requests.map((r) => r.kind), ['new_filing', 'change']);
  assert.equal(after.requests[1].status, 'provider_verification');
  assert.ok(!(await page.evaluate(savedDraft)).includes(filingPassword));

  // Withdrawn while pending (撤回): the request ends.
  await page.locator('#withdraw').click();
  await page.locator('#withdraw-confirm').click();
  await statusShows(page, 'withdrawn');
  assert.equal(await page.locator('#withdraw').count(), 0);
  assert.deepEqual(problems, []);
});

/** Submits the request in the page: the server accepts it, the status page shows. */
async function submitRequest(page) {
  await page.locator('#step-tab-review').click();
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/events') &&
    JSON.parse(r.request().postData()).event.type === 'submit');
  await page.locator('#submit').click();
  const r = await answer;
  assert.equal(r.status(), 200, await r.text());
  await page.waitForSelector('#status-page');
}

/** The website of DRAFT on `domain`, as the wizard's websites step fills it. */
async function fillWebsite(page, i, { name, domain, ip }) {
  const w = DRAFT.filing.websites[0];
  const person = w.responsiblePerson;
  await page.locator('#step-tab-websites').click();
  await page.locator(`#websites-${i}-name`).fill(name);
  await page.locator(`#websites-${i}-domains-0`).fill(domain);
  await page.locator(`#websites-${i}-homepage`).fill(`http://www.${domain}`);
  await page.locator(`#websites-${i}-content-categories-blog`).check();
  await page.locator(`#websites-${i}-responsible-person-name`).fill(person.name);
  await page.locator(`#websites-${i}-responsible-person-document-number`).fill(person.documentNumber);
  await page.locator(`#websites-${i}-responsible-person-mobile`).fill(person.mobile);
  await page.locator(`#websites-${i}-responsible-person-email`).fill(person.email);
  await page.locator('#step-tab-access').click();
  if (!(await page.locator(`#websites-${i}-access-0-provider`).count())) await page.locator(`#add-access-${i}`).click();
  await page.locator(`#websites-${i}-access-0-provider`).fill('Example Cloud');
  await page.selectOption(`#websites-${i}-access-0-method`, 'cloud');
  await page.selectOption(`#websites-${i}-access-0-server-location`, '110000');
  await page.locator(`#websites-${i}-access-0-ips-0`).fill(ip);
  // The website's domain certificate is ready (the checklist's).
  if (await page.locator('#step-tab-documents').count()) {
    await page.locator('#step-tab-documents').click();
    const certificate = page.locator(`#websites-${i}-documents-domain_certificate`);
    if (await certificate.count()) await certificate.check();
  }
}

test('a filing approved elsewhere: imported by its number, access transferred, a website added with the next number (-2)', { skip: !fs.existsSync(bin) && `no server binary at ${bin}` }, async (t) => {
  const { base, problems, newPage, event, read } = await setUp(t);
  const page = await newPage(null);
  await page.goto(base);
  await page.waitForSelector('#filing-kind');

  // Transfer access (002 #32) of 京ICP备12345678号-1: not on this server,
  // so it is brought in with what the customer has.
  await page.selectOption('#filing-kind', 'transfer_access');
  await page.locator('#filing-number').fill('京ICP备12345678号-1');
  await page.locator('#load-filing').click();
  await page.waitForSelector('#load-status [data-outcome="not-here"]');
  await page.selectOption('#import-subject-document-type', 'resident_id');
  await page.locator('#import-subject-document-number').fill('11010519491231002X');
  await page.locator('#import-subject-name').fill('张三');
  assert.equal(await page.locator('#import-websites-0-filing-number').inputValue(), '京ICP备12345678号-1');
  await page.locator('#import-websites-0-domains').fill('elsewhere.com');
  await page.locator('#filing-password').fill('pw-elsewhere');
  const [imported] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/filings/import'),
    page.locator('#import-filing-submit').click(),
  ]);
  assert.equal(imported.status(), 201, await imported.text());
  await page.waitForSelector('#load-status [data-outcome="loaded"]');
  assert.equal((await imported.json()).filing.origin, 'elsewhere');

  // A transfer has no websites step of its own, but the website brought
  // in lacks what the transfer needs (name, homepage, responsible person),
  // so beian-flow lists the step up front, before any submission; filled
  // in with the new provider's access, submitted once.
  await page.waitForSelector('#step-tab-websites');
  const tabs = await page.locator('[id^="step-tab-"]').evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(tabs.slice(0, 2), ['step-tab-websites', 'step-tab-access'], tabs.join());
  assert.equal(tabs.at(-1), 'step-tab-review');
  await fillWebsite(page, 0, { name: '山水摄影笔记', domain: 'elsewhere.com', ip: '101.200.30.40' });
  await page.locator('#filing-password').fill('pw-elsewhere');
  await submitRequest(page);
  await statusShows(page, 'provider_verification');
  let { id: rid } = await savedRequest(page);
  await event(rid, 'provider', { type: 'provider_verify', provider: 'Example Cloud' });
  await event(rid, 'bureau', { type: 'bureau_approve' });
  await page.locator('#status-refresh').click();
  await statusShows(page, 'approved');
  assert.match(await page.locator('#website-filing-number-0').textContent(), /京ICP备12345678号-1/);

  // A website added (002 #33), the filing found here by its number now.
  await page.locator('#start-new').click();
  await page.waitForSelector('#wizard:not([hidden])');
  await page.selectOption('#filing-kind', 'add_website');
  await page.locator('#filing-number').fill('京ICP备12345678号');
  await page.locator('#load-filing').click();
  await page.waitForSelector('#load-status [data-outcome="loaded"]');
  await page.locator('#step-tab-websites').click();
  await page.locator('#add-website').click();
  await fillWebsite(page, 1, { name: '山水摄影笔记二', domain: 'second-site.com', ip: '101.200.250.9' });
  await page.locator('#filing-password').fill('pw-elsewhere');
  await submitRequest(page);
  await statusShows(page, 'provider_verification');
  ({ id: rid } = await savedRequest(page));
  await event(rid, 'provider', { type: 'provider_verify', provider: 'Example Cloud' });
  await event(rid, 'bureau', { type: 'bureau_approve' });
  await page.locator('#status-refresh').click();
  await statusShows(page, 'approved');
  assert.match(await page.locator('#website-filing-number-1').textContent(), /京ICP备12345678号-2/);
  assert.match(await page.locator('#website-filing-number-0').textContent(), /京ICP备12345678号-1/);
  await page.screenshot({ path: path.join(here, 'screenshots', 'status-approved-1280.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
