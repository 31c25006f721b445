// Smoke tests of the published package: `npm pack` makes the tarball of
// `beian` and of the packages it depends on (`beian-flow`, `beian-batch`:
// its entries `beian/flow`, `beian/batch`), which are installed from those
// tarballs (offline: never from the registry) into a fresh temporary
// project and used as a user would:
// from Node (import and require), from a plain <script type="module"> page,
// from a Vite build and Vite's dev server, and from a webpack build — the
// pages in headless Chromium. Vite, webpack and Playwright's driver come
// from .ci/node (`bash .ci/setup`); nothing is fetched from the network.
// Build first: `sh pkg/scripts/build.sh`. Takes about a minute.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const tools = fileURLToPath(new URL('../../.ci/node/node_modules/', import.meta.url));
const { chromium } = await import(pathToFileURL(join(tools, 'playwright-core/index.mjs')).href);

let work;
let tarball;
let project;
let browser;
/** The tarballs of the packages `beian` depends on, by entry. */
const tarballs = {};

// The packages `beian` depends on, each an entry point of `beian` over its
// own wasm (`beian-flow` is `beian/flow` …), in pkg/<entry>/.
const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const packages = Object.keys(manifest.dependencies ?? {}).map((name) => name.replace(/^beian-/, ''));
// The entry points besides `.`, `./id` and `./domain`: `./flow`, and
// `./batch` when the build has it.
const entries = ['flow', 'batch'].filter((e) => existsSync(join(pkg, `dist/${e}.js`)));
// tldts 7.5.5's tarball: `beian`'s may not be larger.
const TARBALL_BUDGET = 702_497;

// What every page and script checks: the three headline codes, an
// identifier, a registrable domain, an error with a code; and that every
// other entry point loads its module and exports functions (the filing's
// life answers one call).
const usage = (from) => `
import { checkFiling, residentId, registrableDomain, toAscii } from ${JSON.stringify(from)};
import { residentId as idResidentId, checkField as idCheckField } from ${JSON.stringify(`${from}/id`)};
import { registrableDomain as domainRegistrable, domain as domainObject } from ${JSON.stringify(`${from}/domain`)};
${entries.map((e, i) => `import * as entry${i} from ${JSON.stringify(`${from}/${e}`)};`).join('\n')}
const findings = checkFiling({
  subject: { documentNumber: '11010519491231002x' },
  websites: [{ domains: ['www.example.com'], homepage: 'http://www.other.cn' }],
});
let code = null;
try { toAscii('a_b.com'); } catch (e) { code = e.code; }
const entries = { ${entries.map((e, i) => `${JSON.stringify(e)}: entry${i}`).join(', ')} };
export const result = {
  codes: findings.map((f) => f.code),
  valid: residentId.isValid('11010519491231002X'),
  domain: registrableDomain('www.例子.中国'),
  code,
  entries: Object.fromEntries(Object.entries(entries).map(([name, m]) =>
    [name, Object.keys(m).length > 0 && Object.values(m).every((f) => typeof f === 'function')])),
  annualReview: entries.flow.annualReview('2025-10-20'),
  id: [idResidentId.isValid('11010519491231002X'), idCheckField('division', '110105').ok],
  domainEntry: [domainRegistrable('www.例子.中国'), domainObject.format('例子.中国')],
};
`;
const expected = {
  codes: ['1015', '1004', '1041'], valid: true, domain: '例子.中国', code: 'EINVAL',
  entries: Object.fromEntries(entries.map((e) => [e, true])), annualReview: '2026-10-20',
  id: [true, true], domainEntry: ['例子.中国', 'xn--fsqu00a.xn--fiqs8s'],
};

const page = (script) => `<!doctype html><meta charset="utf-8"><title>beian</title>${script}`;
const browserMain = (from) =>
  `${usage(from)}\nwindow.__result = result;\n`;

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Serves `dir` on a free port; resolves to the server. */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Opens `url` in Chromium and returns `window.__result` (or the page's error). */
async function resultOf(url) {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => window.__result || null, null, { timeout: 20000 }).catch(() => {});
    const result = await tab.evaluate(() => window.__result ?? null);
    assert.ok(result, `no result at ${url}: ${errors.join('; ')}`);
    return result;
  } finally {
    await tab.close();
  }
}

before(async () => {
  assert.ok(existsSync(join(pkg, 'dist/wasm.js')), 'build the package first: sh pkg/scripts/build.sh');
  assert.ok(existsSync(join(tools, 'vite')), 'Vite missing: run bash .ci/setup');
  work = mkdtempSync(join(tmpdir(), 'beian-smoke-'));
  const pack = (dir) => join(work, JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], dir))[0].filename);
  for (const e of packages) tarballs[e] = pack(join(pkg, e));
  tarball = pack(pkg);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }));
  // `beian`'s dependencies from their tarballs: --offline fails rather than
  // ask the registry (where they are not published).
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts',
    ...Object.values(tarballs), tarball], project);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds only what the package needs', () => {
  const files = run('tar', ['tzf', tarball], work).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  // Every entry's glue, declarations and inlined module; no .wasm file.
  const dist = readdirSync(join(pkg, 'dist')).filter((f) => /\.(js|d\.ts)$/.test(f)).map((f) => `dist/${f}`);
  assert.ok(dist.includes('dist/wasm.js') && dist.includes('dist/beian_wasm.js'), dist.join(' '));
  // `beian/flow` and `beian/batch`: a file that re-exports their package,
  // whose module is not in this tarball.
  for (const e of entries) {
    assert.ok(dist.includes(`dist/${e}.js`) && dist.includes(`dist/${e}.d.ts`), dist.join(' '));
    assert.ok(!files.some((f) => f.includes(`beian_${e}`) || f.startsWith(`dist/${e}.wasm`) || f.startsWith(`${e}/`)), e);
    assert.equal(readFileSync(join(pkg, `dist/${e}.js`), 'utf8').replace(/^\/\/.*\n/gm, ''), `export * from 'beian-${e}';\n`);
  }
  // `beian/id` and `beian/domain`: their own directories.
  const family = ['id', 'domain'].flatMap((e) =>
    readdirSync(join(pkg, e)).filter((f) => /\.(js|d\.ts)$/.test(f)).map((f) => `${e}/${f}`));
  assert.ok(family.includes('id/index.js') && family.includes('domain/node.js'), family.join(' '));
  const want = ['README.md', 'api.js', 'fast.js', 'host.js', 'load.js', 'index.d.ts', 'index.js', 'node.js', 'package.json',
    'module.js', 'domains.js', 'message.js', 'message.d.ts', 'identifier.js', 'identifier.d.ts',
    'identifiers.js', 'identifiers.d.ts', ...family, ...dist];
  if (existsSync(join(pkg, 'filing.schema.json'))) want.push('filing.schema.json');
  assert.deepEqual(files, want.sort());
  const size = statSync(tarball).size;
  assert.ok(size <= TARBALL_BUDGET, `beian's tarball is ${size} B, over tldts' ${TARBALL_BUDGET} B`);
});

test('the tarballs of beian-flow and beian-batch hold only what each needs, at beian\'s version', () => {
  assert.deepEqual([...packages].sort(), [...entries].sort());
  for (const e of packages) {
    const files = run('tar', ['tzf', tarballs[e]], work).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
    const want = ['README.md', 'package.json', `dist/${e}.js`, `dist/${e}.node.js`, `dist/${e}.d.ts`, 'dist/load.js',
      `dist/beian_${e}.js`, `dist/beian_${e}.d.ts`, `dist/${e}.wasm.js`, `dist/${e}.wasm.d.ts`];
    assert.deepEqual(files, want.sort(), e);
    const installed = JSON.parse(readFileSync(join(project, `node_modules/beian-${e}/package.json`), 'utf8'));
    assert.equal(installed.version, manifest.dependencies[`beian-${e}`]);
    // The copy of load.js is the one source's.
    assert.ok(readFileSync(join(pkg, e, 'dist/load.js'), 'utf8').endsWith(readFileSync(join(pkg, 'load.js'), 'utf8')));
  }
  // Installed once, at the top, from the tarballs.
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
  for (const e of packages) {
    assert.match(lock.packages[`node_modules/beian-${e}`].resolved, /^file:/, e);
    assert.equal(lock.packages[`node_modules/beian/node_modules/beian-${e}`], undefined, e);
  }
});

test('beian-flow and beian-batch on their own: the same functions as beian/flow and beian/batch', () => {
  const script = packages.map((e, i) => `import * as own${i} from 'beian-${e}';\nimport * as via${i} from 'beian/${e}';`).join('\n')
    + `\nconsole.log(JSON.stringify([${packages.map((_, i) => `[Object.keys(own${i}), Object.keys(own${i}).every((k) => own${i}[k] === via${i}[k])]`).join(', ')}]));\n`;
  writeFileSync(join(project, 'own.mjs'), script);
  const out = JSON.parse(run('node', ['own.mjs'], project));
  for (const [names, same] of out) {
    assert.ok(names.length > 0 && same, names.join(' '));
  }
  assert.equal(JSON.parse(run('node', ['--input-type=module', '-e',
    "import { annualReview } from 'beian-flow'; console.log(JSON.stringify(annualReview('2025-10-20')));"], project)), '2026-10-20');
});

test('Node: import and require', () => {
  writeFileSync(join(project, 'esm.mjs'), `${usage('beian')}\nconsole.log(JSON.stringify(result));\n`);
  assert.deepEqual(JSON.parse(run('node', ['esm.mjs'], project)), expected);
  // require() of the ES module: Node 20.19+ and 22.12+.
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19)) {
    writeFileSync(join(project, 'cjs.cjs'), `const b = require('beian');
const id = require('beian/id');
const d = require('beian/domain');
console.log(JSON.stringify({ valid: b.residentId.isValid('11010519491231002X'), reg: b.registrableDomain('a.b.example.co.uk'),
  id: id.residentId.isValid('11010519491231002X'), domain: d.registrableDomain('a.b.example.co.uk') }));\n`);
    const out = execFileSync('node', ['cjs.cjs'], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.deepEqual(JSON.parse(out), { valid: true, reg: 'example.co.uk', id: true, domain: 'example.co.uk' });
  }
});

test('a plain <script type="module"> page with an import map', async () => {
  writeFileSync(join(project, 'main.js'), browserMain('beian'));
  writeFileSync(join(project, 'plain.html'), page(
    `<script type="importmap">${JSON.stringify({ imports: {
      beian: './node_modules/beian/index.js',
      'beian/id': './node_modules/beian/id/index.js',
      'beian/domain': './node_modules/beian/domain/index.js',
      ...Object.fromEntries(entries.map((e) => [`beian/${e}`, `./node_modules/beian/dist/${e}.js`])),
      ...Object.fromEntries(packages.map((e) => [`beian-${e}`, `./node_modules/beian-${e}/dist/${e}.js`])),
    } })}</script>`
    + '<script type="module" src="./main.js"></script>',
  ));
  const server = await serve(project);
  try {
    assert.deepEqual(await resultOf(`http://127.0.0.1:${server.address().port}/plain.html`), expected);
  } finally {
    server.close();
  }
});

test('Vite: production build and dev server', async () => {
  const vite = await import(pathToFileURL(join(tools, 'vite/dist/node/index.js')).href);
  const root = join(work, 'vite');
  mkdirSync(root);
  run('cp', ['-r', join(project, 'node_modules'), join(project, 'package.json'), root], work);
  writeFileSync(join(root, 'main.js'), browserMain('beian'));
  writeFileSync(join(root, 'index.html'), page('<script type="module" src="/main.js"></script>'));
  const config = { root, configFile: false, logLevel: 'error', cacheDir: join(root, '.vite') };
  await vite.build({ ...config, build: { outDir: join(root, 'dist') } });
  const server = await serve(join(root, 'dist'));
  try {
    assert.deepEqual(await resultOf(`http://127.0.0.1:${server.address().port}/`), expected);
  } finally {
    server.close();
  }
  // The dev server pre-bundles dependencies: the inlined wasm needs nothing.
  const dev = await vite.createServer({ ...config, server: { port: 0, host: '127.0.0.1' } });
  await dev.listen();
  try {
    assert.deepEqual(await resultOf(dev.resolvedUrls.local[0]), expected);
  } finally {
    await dev.close();
  }
});

test('Vite: a build that imports only residentId from beian/id has no PSL data', async () => {
  const vite = await import(pathToFileURL(join(tools, 'vite/dist/node/index.js')).href);
  const root = join(work, 'vite-id');
  mkdirSync(root);
  run('cp', ['-r', join(project, 'node_modules'), join(project, 'package.json'), root], work);
  writeFileSync(join(root, 'main.js'), "import { residentId } from 'beian/id';\n"
    + "window.__result = { valid: residentId.isValid('11010519491231002X') };\n");
  writeFileSync(join(root, 'index.html'), page('<script type="module" src="/main.js"></script>'));
  const config = { root, configFile: false, logLevel: 'error', cacheDir: join(root, '.vite') };
  await vite.build({ ...config, build: { outDir: join(root, 'dist') } });
  const out = join(root, 'dist');
  const files = readdirSync(out, { recursive: true }).map(String);
  assert.ok(!files.some((f) => f.endsWith('.wasm')), files.join(' '));
  const text = files.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
  // The modules are inside scripts, deflated: every one in the output is
  // inflated and searched. A PSL-only string (`yokohama.jp`, reversed and
  // front-coded in the table: its label `yokohama`) is in beian/domain's
  // module and never in beian/id's.
  const inline = (f) => JSON.parse(readFileSync(join(pkg, f), 'utf8').match(/export default (".*");/)[1]);
  const psl = 'yokohama';
  assert.ok(inflateRawSync(Buffer.from(inline('dist/domain.wasm.js'), 'base64')).includes(psl));
  const modules = [...text.matchAll(/"([A-Za-z0-9+/]{4096,}={0,2})"/g)].map((m) => m[1]);
  assert.deepEqual(modules, [inline('dist/id.wasm.js')]);
  for (const m of modules) assert.ok(!inflateRawSync(Buffer.from(m, 'base64')).includes(psl));
  assert.ok(!text.includes(psl));
  for (const other of ['dist/wasm.js', 'dist/domain.wasm.js', 'flow/dist/flow.wasm.js']) {
    assert.ok(!text.includes(inline(other).slice(0, 200)), other);
  }
  const server = await serve(out);
  try {
    assert.deepEqual(await resultOf(`http://127.0.0.1:${server.address().port}/`), { valid: true });
  } finally {
    server.close();
  }
});

test('webpack: production build', async () => {
  const { default: webpack } = await import(pathToFileURL(join(tools, 'webpack/lib/index.js')).href);
  const root = join(work, 'webpack');
  mkdirSync(root);
  run('cp', ['-r', join(project, 'node_modules'), join(project, 'package.json'), root], work);
  writeFileSync(join(root, 'main.js'), browserMain('beian'));
  const stats = await new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: root,
      entry: './main.js',
      output: { path: join(root, 'dist'), filename: 'main.js' },
      resolve: { modules: [join(root, 'node_modules')] },
      performance: { hints: false },
    }, (err, s) => (err ? reject(err) : resolve(s)));
  });
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(root, 'dist/index.html'), page('<script src="./main.js"></script>'));
  const server = await serve(join(root, 'dist'));
  try {
    assert.deepEqual(await resultOf(`http://127.0.0.1:${server.address().port}/`), expected);
  } finally {
    server.close();
  }
});
