#!/usr/bin/env node
// Writes `beian-wizard.js` (the custom element's loader, web/beian-wizard.js)
// into the built wizard, with the names of the files Trunk hashed: the
// wizard's JS module, its .wasm and its stylesheet, read from the built
// index.html. Trunk's post-build hook runs it before precompressing.
//
//   node web/scripts/embed-loader.mjs [DIR]   (no DIR: $TRUNK_STAGING_DIR)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, '..', 'beian-wizard.js');

/** The hashed names in Trunk's index.html (relative: no leading `/`). */
export function builtFiles(html) {
  const find = (re, what) => {
    const m = re.exec(html);
    if (!m) throw new Error(`embed-loader: no ${what} in index.html`);
    return m[1].replace(/^\//, '');
  };
  return {
    module: find(/import init, \* as bindings from '([^']+\.js)'/, 'wizard module'),
    wasm: find(/module_or_path: '([^']+\.wasm)'/, '.wasm'),
    css: find(/<link rel="stylesheet" href="([^"]+\.css)"/, 'stylesheet'),
  };
}

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node web/scripts/embed-loader.mjs DIR  (or set TRUNK_STAGING_DIR)');
  process.exit(2);
}
const files = builtFiles(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'));
const text = fs.readFileSync(source, 'utf8');
const placeholder = 'const FILES = null;';
if (!text.includes(placeholder)) {
  console.error(`embed-loader: ${source} has no \`${placeholder}\``);
  process.exit(1);
}
fs.writeFileSync(path.join(dir, 'beian-wizard.js'), text.replace(placeholder, `const FILES = ${JSON.stringify(files)};`));
console.log(`embed-loader: beian-wizard.js → ${files.module}, ${files.wasm}, ${files.css}`);
