// What each entry point costs a page, gzip -9 (GNU gzip, as .ci/sizes): its .wasm and
// its JavaScript (the wasm-bindgen glue and the package's files the entry
// imports, followed from its browser file into the packages `beian-flow`
// and `beian-batch`; the inlined module left out),
// and their sum, the number the budgets of issue 20 are about. Not run by
// the tests. After `sh pkg/scripts/build.sh`: node pkg/scripts/entry-sizes.mjs
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const pkg = new URL('../', import.meta.url);
const gz = (b) => execFileSync('gzip', ['-9', '-c'], { input: b, maxBuffer: 1 << 26 }).length;
const { exports } = JSON.parse(readFileSync(new URL('package.json', pkg), 'utf8'));

/** The package's JavaScript files `file` imports, itself included (no inlined module). */
function scripts(file, seen = new Set()) {
  if (seen.has(file.href) || /\.wasm\.js$|\/dist\/wasm\.js$/.test(file.pathname)) return seen;
  seen.add(file.href);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)) scripts(new URL(m[1], file), seen);
  // `beian/flow` and `beian/batch` re-export their packages (pkg/<entry>/).
  for (const m of text.matchAll(/(?:import|export)[^'";]*?from\s+'beian-(\w+)'/g)) {
    const own = new URL(`${m[1]}/`, pkg);
    const main = JSON.parse(readFileSync(new URL('package.json', own), 'utf8')).exports['.'].default;
    scripts(new URL(main, own), seen);
  }
  return seen;
}

console.log('| entry | .wasm raw | .wasm gzip | JavaScript gzip | module + glue gzip |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [entry, target] of Object.entries(exports)) {
  if (typeof target !== 'object') continue;
  const main = new URL(target.default, pkg);
  if (!existsSync(main)) continue;
  const files = [...scripts(main)].map((u) => new URL(u));
  const glue = files.find((u) => /dist\/beian_\w+\.js$/.test(u.pathname));
  const wasm = readFileSync(new URL(glue.pathname.replace(/\.js$/, '_bg.wasm'), 'file://'));
  const js = gz(Buffer.concat(files.map((u) => readFileSync(u))));
  const name = entry === '.' ? 'beian' : `beian/${entry.slice(2)}`;
  console.log(`| \`${name}\` | ${wasm.length} | ${gz(wasm)} | ${js} | ${gz(wasm) + js} |`);
}
