// web/scripts/precompress.mjs: the .br/.gz copies `beian serve` sends
// (issue 17). Run: node --test tests/node/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import zlib from 'node:zlib';

import { precompress } from '../../web/scripts/precompress.mjs';

function tree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precompress-'));
  const big = 'export const rules = ' + JSON.stringify([...Array(400).keys()]) + ';\n';
  fs.writeFileSync(path.join(dir, 'app-0123456789abcdef.js'), big);
  fs.mkdirSync(path.join(dir, 'snippets'));
  fs.writeFileSync(path.join(dir, 'snippets', 'x.wasm'), Buffer.alloc(5000, 7));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>' + ' '.repeat(5000));
  fs.writeFileSync(path.join(dir, 'tiny.js'), 'export {};');
  fs.writeFileSync(path.join(dir, 'photo.png'), Buffer.alloc(5000, 1));
  return dir;
}

test('each compressible file gets brotli and gzip copies that decompress to it', () => {
  const dir = tree();
  const done = precompress(dir);
  assert.equal(done.written, 4);
  for (const name of ['app-0123456789abcdef.js', path.join('snippets', 'x.wasm')]) {
    const original = fs.readFileSync(path.join(dir, name));
    const br = fs.readFileSync(path.join(dir, name + '.br'));
    const gz = fs.readFileSync(path.join(dir, name + '.gz'));
    assert.deepEqual(zlib.brotliDecompressSync(br), original, name);
    assert.deepEqual(zlib.gunzipSync(gz), original, name);
    assert.ok(br.length < original.length && gz.length < original.length, name);
  }
  // HTML stays plain (the server hashes its inline scripts), tiny files and
  // images are not worth it.
  for (const name of ['index.html', 'tiny.js', 'photo.png']) {
    assert.ok(!fs.existsSync(path.join(dir, name + '.br')), name);
    assert.ok(!fs.existsSync(path.join(dir, name + '.gz')), name);
  }
  assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

test('a second run keeps fresh copies, redoes stale ones and drops orphans', () => {
  const dir = tree();
  precompress(dir);
  const again = precompress(dir);
  assert.equal(again.written, 0);
  assert.equal(again.kept, 4);

  const js = path.join(dir, 'app-0123456789abcdef.js');
  const later = new Date(Date.now() + 60_000);
  fs.writeFileSync(js, 'export const changed = "' + 'y'.repeat(3000) + '";\n');
  fs.utimesSync(js, later, later);
  fs.rmSync(path.join(dir, 'snippets', 'x.wasm'));
  const third = precompress(dir);
  assert.equal(third.written, 2);
  assert.equal(third.removed, 2);
  assert.equal(zlib.gunzipSync(fs.readFileSync(js + '.gz')).toString(), fs.readFileSync(js, 'utf8'));
  assert.ok(!fs.existsSync(path.join(dir, 'snippets', 'x.wasm.br')));
});
