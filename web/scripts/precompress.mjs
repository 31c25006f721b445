#!/usr/bin/env node
// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) next to
// every compressible file of the given directories, for `beian serve`,
// which sends them to browsers that accept them (tower-http's ServeDir
// `precompressed_br` / `precompressed_gzip`).
//
//   node web/scripts/precompress.mjs DIR...
//   (no DIR: $TRUNK_STAGING_DIR, so Trunk's post_build hook can call it)
//
// Compressed: .js .mjs .wasm .css .json .svg .d.ts .txt of 1 KiB and more.
// Never HTML: the server reads each HTML page it serves to allow its inline
// scripts by hash (Content-Security-Policy), which needs the plain text.
// A copy that is newer than its file is kept, so a second run is quick; a
// copy whose file is gone is deleted. Only Node's own zlib is used.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = ['.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.ts', '.txt'];
const MIN_SIZE = 1024;

/** The compressed copies a file gets: [suffix, compress(buffer) → buffer]. */
const ENCODINGS = [
  [
    '.br',
    (buf) =>
      zlib.brotliCompressSync(buf, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        },
      }),
  ],
  ['.gz', (buf) => zlib.gzipSync(buf, { level: 9 })],
];

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

/** Compresses one directory; returns counts for the summary line. */
export function precompress(dir) {
  const done = { written: 0, kept: 0, removed: 0, bytes: 0, br: 0, gz: 0 };
  for (const file of [...files(dir)]) {
    const ext = path.extname(file);
    if (ENCODINGS.some(([suffix]) => suffix === ext)) {
      const original = file.slice(0, -ext.length);
      if (!fs.existsSync(original)) {
        fs.unlinkSync(file);
        done.removed += 1;
      }
      continue;
    }
    if (!COMPRESSIBLE.includes(ext)) continue;
    const stat = fs.statSync(file);
    if (stat.size < MIN_SIZE) continue;
    let buf = null;
    for (const [suffix, compress] of ENCODINGS) {
      const out = file + suffix;
      if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= stat.mtimeMs) {
        done.kept += 1;
        done[suffix.slice(1)] += fs.statSync(out).size;
        continue;
      }
      buf ??= fs.readFileSync(file);
      const packed = compress(buf);
      // Written beside, then renamed: a server never sends half a file.
      fs.writeFileSync(out + '.tmp', packed);
      fs.renameSync(out + '.tmp', out);
      done.written += 1;
      done[suffix.slice(1)] += packed.length;
    }
    done.bytes += stat.size;
  }
  return done;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0 && process.env.TRUNK_STAGING_DIR) dirs.push(process.env.TRUNK_STAGING_DIR);
  if (dirs.length === 0) {
    console.error('usage: node web/scripts/precompress.mjs DIR...  (or set TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      console.error(`precompress: ${dir} is not a directory`);
      process.exit(2);
    }
    const d = precompress(dir);
    console.log(
      `precompress ${dir}: ${d.written} written, ${d.kept} up to date, ${d.removed} removed; ` +
        `${d.bytes} B → brotli ${d.br} B, gzip ${d.gz} B`,
    );
  }
}
