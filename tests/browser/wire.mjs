// Benchmark (not a test): the wizard's bytes on the wire and the time to the
// first usable field, on Chromium's emulated networks, as `beian serve`
// sends it (precompressed brotli/gzip, Cache-Control by name) and, for
// comparison, as a plain static server sends the same files (no
// compression, no caching headers). Numbers go in README "Benchmarks".
//
//   trunk build --release && cargo build --release -p beian-server
//   node tests/browser/wire.mjs [runs]      (default 5 runs per row)
//
// BEIAN_BIN picks the binary (default target/release/beian, else
// target/debug/beian). Each run is a fresh browser context (empty cache):
// "first visit"; then the same context loads the page again: "repeat
// visit". "first usable field" is navigation start until the subject's
// document-number input is in the DOM and enabled (performance.now() in the
// page). The networks are DevTools' presets: "4G" = 9 Mbit/s down,
// 1.5 Mbit/s up, 170 ms round trip ("Fast 4G"); "slow 3G" = 400 kbit/s
// down and up, 2,000 ms round trip. Bytes are what crossed the emulated
// network (CDP `encodedDataLength`: headers and bodies).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = path.join(root, 'dist');
const require = createRequire(path.join(root, '.ci', 'node', 'package.json'));
const { chromium } = require('playwright-core');
const RUNS = Number(process.argv[2] || 5);

const NETWORKS = {
  '4G': { latency: 170, downloadThroughput: (9e6 / 8) * 0.9, uploadThroughput: (1.5e6 / 8) * 0.9 },
  'slow 3G': { latency: 2000, downloadThroughput: (400e3 / 8) * 0.8, uploadThroughput: (400e3 / 8) * 0.8 },
};

const bin = [process.env.BEIAN_BIN, path.join(root, 'target/release/beian'), path.join(root, 'target/debug/beian')].find(
  (p) => p && fs.existsSync(p),
);
if (!bin) throw new Error('build beian first: cargo build --release -p beian-server (or set BEIAN_BIN)');
if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('build the wizard first: trunk build --release');

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// `beian serve`, waited for by polling its health route (no fixed delay).
const port = await freePort();
const db = fs.mkdtempSync(path.join(os.tmpdir(), 'beian-wire-'));
const serve = spawn(bin, [
  'serve',
  '--addr',
  `127.0.0.1:${port}`,
  '--dist',
  dist,
  '--pkg',
  path.join(root, 'pkg'),
  '--database-url',
  `sqlite://${path.join(db, 'db.sqlite')}`,
], { stdio: ['ignore', 'ignore', 'inherit'] });
const beian = `http://127.0.0.1:${port}/`;
for (let i = 0; ; i++) {
  const ok = await fetch(beian + 'api/v1/health').then((r) => r.ok, () => false);
  if (ok) break;
  if (i > 600) throw new Error('beian serve did not start');
  await new Promise((r) => setTimeout(r, 50));
}

// The same files from a plain static server.
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const plainServer = http.createServer((req, res) => {
  let file = path.join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(dist)) return res.writeHead(403).end();
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (err, body) =>
    err ? res.writeHead(404).end() : res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' }).end(body),
  );
});
await new Promise((r) => plainServer.listen(0, '127.0.0.1', r));
const plain = `http://127.0.0.1:${plainServer.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
});

async function visit(page, cdp, url) {
  let bytes = 0;
  const onDone = (e) => (bytes += e.encodedDataLength);
  cdp.on('Network.loadingFinished', onDone);
  await page.goto(url, { timeout: 300_000 });
  await page.waitForSelector('#subject-document-number:not([disabled])', { timeout: 300_000 });
  const ms = await page.evaluate(() => performance.now());
  cdp.off('Network.loadingFinished', onDone);
  return { ms, bytes };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const rows = [];
for (const [server, url] of [['beian serve', beian], ['plain static server', plain]]) {
  for (const [name, conditions] of Object.entries(NETWORKS)) {
    const first = [];
    const repeat = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
      first.push(await visit(page, cdp, url));
      repeat.push(await visit(page, cdp, url));
      console.error(`${server}, ${name}, run ${i + 1}: first ${JSON.stringify(first.at(-1))}, repeat ${JSON.stringify(repeat.at(-1))}`);
      await context.close();
    }
    for (const [visitKind, xs] of [['first visit', first], ['repeat visit', repeat]]) {
      rows.push({
        server,
        network: name,
        visit: visitKind,
        kib: median(xs.map((x) => x.bytes)) / 1024,
        ms: median(xs.map((x) => x.ms)),
      });
    }
  }
}
await browser.close();
plainServer.close();
serve.kill();
fs.rmSync(db, { recursive: true, force: true });

console.log(`| server | network | visit | on the wire | first usable field (median of ${RUNS}) |`);
console.log('|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.server} | ${r.network} | ${r.visit} | ${r.kib.toFixed(1)} KiB | ${(r.ms / 1000).toFixed(2)} s |`);
}
