// The wizard against the real server, in headless Chromium: `beian serve`
// serves dist/ and the API on one origin (so no data-api-base is needed),
// a complete filing is submitted (201), and submitting it again shows the
// registry's conflicts (1003 subject, 1005 domain: 002 #2, #5) under their
// fields, the same way as the browser's own findings. Then the filing is
// approved through the API and changed in the wizard as an existing filing
// (loaded by its id; 1018 for a wrong filing password, then accepted).
//
//   trunk build --release            # dist/
//   cargo build -p beian-server      # target/debug/beian (or set BEIAN_BIN)
//   node --test tests/browser/
//
// Skipped when the server binary is not built.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
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

/** Starts `beian serve` on a free port: [child, base URL]. */
function startServer() {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beian-wizard-')), 'beian.db');
  const child = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--dist', dist, '--database-url', `sqlite://${db}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) resolve([child, m[1] + '/']);
    });
    child.on('exit', (code) => reject(new Error(`beian exited ${code}: ${log}`)));
  });
}

test('the wizard submits to the real server', { skip: !fs.existsSync(bin) && `no server binary at ${bin}` }, async (t) => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), `build the wizard first (trunk build --release): ${dist}`);
  const { chromium } = require('playwright-core');
  const [server, base] = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
  });
  t.after(async () => {
    await browser.close();
    server.kill('SIGTERM');
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript((d) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('beian.wizard.draft.v1', d);
      sessionStorage.setItem('seeded', '1');
    }
    window.__submitted = [];
    document.addEventListener('beian:submitted', (e) => window.__submitted.push(e.detail));
  }, JSON.stringify(DRAFT));
  await page.goto(base);
  await page.locator('#step-tab-review').click();
  await page.waitForSelector('#review-none');

  await page.locator('#submit').click();
  await page.waitForSelector('#submit-status [data-outcome="submitted"]');
  assert.match(await page.locator('#submit-status').textContent(), /\d/);
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

  // The same filing again: the registry finds the subject and the domain.
  await page.locator('#submit').click();
  await page.waitForSelector('#submit-status [data-outcome="refused"]');
  const server_codes = await page.$$eval('#findings-server [data-code]', (els) => els.map((e) => e.dataset.code));
  assert.ok(server_codes.includes('1003'), server_codes.join());
  await page.locator('#step-tab-subject').click();
  await page.waitForSelector('#findings-subject-document-number [data-code="1003"]');
  assert.equal(await page.locator('#subject-document-number').getAttribute('aria-invalid'), 'true');
  if (server_codes.includes('1005')) {
    await page.locator('#step-tab-websites').click();
    await page.waitForSelector('#findings-websites-0-domains-0 [data-code="1005"]');
  }

  // The provider verifies and the bureau approves (through the API, as in
  // crates/beian-server/tests/common): the approval gives the password.
  const [{ filing: { id: fid }, request: { id: rid } }] = await page.evaluate(() => window.__submitted);
  const event = async (actor, ev) => {
    const r = await fetch(`${base}api/v1/requests/${rid}/events`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ actor, event: ev }),
    });
    assert.equal(r.status, 200, await r.clone().text());
    return r.json();
  };
  await event({ role: 'provider', provider: 'Example Cloud' }, { type: 'provider_verify', provider: 'Example Cloud' });
  const { filingPassword } = await event({ role: 'bureau' }, { type: 'bureau_approve' });
  assert.ok(filingPassword);

  // A change of the approved filing: load it by its id, rename the subject
  // (which needs the filing password, 002 #36), submit with a wrong
  // password (the server's 1018 under the password field), then the right one.
  await page.selectOption('#filing-kind', 'change');
  await page.locator('#filing-id').fill('999999');
  await page.locator('#load-filing').click();
  await page.waitForSelector('#load-status [data-outcome="not-found"]');
  await page.locator('#filing-id').fill(String(fid));
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
  await page.waitForSelector('#submit-status [data-outcome="submitted"]');
  const after = await (await fetch(`${base}api/v1/filings/${fid}`)).json();
  assert.deepEqual(after.requests.map((r) => r.kind), ['new_filing', 'change']);
  assert.equal(after.requests[1].status, 'provider_verification');
  assert.ok(!(await page.evaluate(savedDraft)).includes(filingPassword));
  assert.deepEqual(problems, []);
});
