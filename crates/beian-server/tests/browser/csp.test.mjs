// The wizard under the server's Content-Security-Policy, in headless
// Chromium: `beian serve` serves dist/ with its security headers, the page
// loads, the wasm starts, typing shows findings, and the browser reports
// no CSP violation and no console error.
//
//   trunk build --release            # dist/
//   cargo build -p beian-server      # target/debug/beian (or set BEIAN_BIN)
//   node --test crates/beian-server/tests/browser/
//
// playwright-core comes from .ci/node; the browser is /usr/bin/chromium.
// Loopback only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..', '..');
const dist = process.env.BEIAN_DIST || path.join(root, 'dist');
const bin = process.env.BEIAN_BIN || path.join(root, 'target', 'debug', 'beian');
const require = createRequire(path.join(root, '.ci', 'node', 'package.json'));

/** Starts `beian serve` on a free port: [child, base URL]. */
function startServer() {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beian-csp-')), 'beian.db');
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

test('the wizard works under the server CSP', async (t) => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), `build the wizard first (trunk build --release): ${dist}`);
  assert.ok(fs.existsSync(bin), `build the server first (cargo build -p beian-server): ${bin}`);
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
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) {
      problems.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto(base);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await page.waitForSelector('#subject-document-number', { timeout: 30_000 });
  await page.locator('#subject-document-number').pressSequentially('11010519491231002x');
  await page.waitForSelector('[data-code="1015"]', { timeout: 10_000 });
  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
});
