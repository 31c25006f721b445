// Benchmark of the filing wizard in headless Chromium (not run by the
// tests; numbers go in web/README.md). Build first, then from the repo root:
//
//   PATH="$PWD/.ci/node/node_modules/.bin:$PATH" trunk build --release
//   node tests/browser/bench.mjs [runs]
//
// Measures:
// - keystroke → finding on screen: an `input` event on the subject's
//   document number that adds or removes a 1015 finding (lowercase x), until
//   the finding's element is in or out of the DOM (MutationObserver), and
//   until the next animation frame; with a complete filing loaded (every
//   rule of the whole filing runs on each key);
// - first load to interactive: navigation start → the first input is in the
//   DOM (performance.now() in the page), fresh browser context each run;
// - gzip size (level 9) of every response the page loads.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = path.join(root, 'dist');
const require = createRequire(path.join(root, '.ci', 'node', 'package.json'));
const { chromium } = require('playwright-core');
const RUNS = Number(process.argv[2] || 100);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let file = path.join(dist, decodeURIComponent(url.pathname));
  if (!file.startsWith(dist)) return res.writeHead(403).end();
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (err, body) => {
    if (err) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' }).end(body);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu'],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// 1. Load to interactive, and the bytes loaded.
const loads = [];
let bytes = [];
for (let i = 0; i < 7; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(base);
  await page.waitForSelector('#subject-document-number');
  loads.push(await page.evaluate(() => performance.now()));
  if (i === 0) {
    bytes = await Promise.all(
      responses.map(async (r) => {
        const body = await r.body().catch(() => Buffer.alloc(0));
        return { url: new URL(r.url()).pathname, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
      }),
    );
  }
  await context.close();
}

// 2. Keystroke → finding on screen, with a complete filing loaded.
const context = await browser.newContext();
const page = await context.newPage();
const complete = path.join(here, 'screenshots', 'complete-filing.json');
if (fs.existsSync(complete)) {
  const draft = fs.readFileSync(complete, 'utf8');
  await page.addInitScript((d) => localStorage.setItem('beian.wizard.draft.v1', d), draft);
}
await page.goto(base);
await page.waitForSelector('#subject-document-number');
const { dom, screen } = await page.evaluate(async (runs) => {
  const input = document.getElementById('subject-document-number');
  const list = document.getElementById('findings-subject-document-number');
  const shown = () => list.querySelector('[data-code="1015"]') !== null;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const changed = (want) =>
    new Promise((resolve) => {
      if (shown() === want) return resolve();
      const observer = new MutationObserver(() => {
        if (shown() === want) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(list, { childList: true, subtree: true });
    });
  const dom = [];
  const screen = [];
  for (let i = 0; i < runs + 5; i++) {
    const want = !shown();
    const value = want ? '11010519491231002x' : '11010519491231002X';
    await frame();
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, data: value.slice(-1) }));
    await changed(want);
    const t1 = performance.now();
    await frame();
    if (i >= 5) {
      dom.push(t1 - t0);
      screen.push(performance.now() - t0);
    }
  }
  return { dom, screen };
}, RUNS);
await context.close();
await browser.close();
server.close();

const total = bytes.reduce((a, b) => a + b.gzip, 0);
console.log(`keystroke → finding in the DOM: median ${median(dom).toFixed(2)} ms, p90 ${pct(dom, 0.9).toFixed(2)} ms (${dom.length} keys)`);
console.log(`keystroke → next frame painted: median ${median(screen).toFixed(1)} ms (bounded below by the frame clock)`);
console.log(`first load to interactive: median ${median(loads).toFixed(0)} ms (${loads.length} loads)`);
for (const b of bytes) console.log(`  ${b.url}: ${(b.raw / 1024).toFixed(1)} KiB, gzip ${(b.gzip / 1024).toFixed(1)} KiB`);
console.log(`gzip size of everything loaded: ${(total / 1024).toFixed(1)} KiB (${total} bytes)`);
