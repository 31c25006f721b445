// What a .wasm is made of, gzipped part by part (zlib level 9): the code
// section and the data segments, the largest segments with the start of
// their text, so that a size change can be traced to code or to a table.
// Not run by the tests. After `sh pkg/scripts/build.sh`:
//
//   node pkg/scripts/wasm-parts.mjs pkg/dist/beian_wasm_bg.wasm [segments]
//
// The share of IDNA (ICU4X) is measured by building with the ASCII-only
// back end: in a copy of the repository, remove the `[patch.crates-io]`
// entry of `idna_adapter` (crates/idna-adapter) from Cargo.toml, then
// `cargo update -p idna_adapter --precise 1.0.0`, build, compare
// (pkg/README.md, "Size and speed").
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [file, top = '8'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node pkg/scripts/wasm-parts.mjs FILE.wasm [number of segments]');
  process.exit(2);
}
const bytes = readFileSync(file);
if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) {
  console.error(`${file}: not a WebAssembly module`);
  process.exit(1);
}

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(buf, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

const gz = (b) => gzipSync(b, { level: 9 }).length;
let code = null;
const segments = [];
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at++];
  let size;
  [size, at] = leb(bytes, at);
  const body = bytes.subarray(at, at + size);
  if (id === 10) code = body;
  if (id === 11) {
    let [count, p] = leb(body, 0);
    for (let i = 0; i < count; i++) {
      let flag;
      [flag, p] = leb(body, p);
      if (flag === 0 || flag === 2) {
        if (flag === 2) [, p] = leb(body, p); // memory index
        // A constant offset expression: i32.const <sleb> end.
        while (body[p] !== 0x0b) p++;
        p++;
      }
      let len;
      [len, p] = leb(body, p);
      segments.push({ index: i, data: body.subarray(p, p + len) });
      p += len;
    }
  }
  at += size;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${file}: ${bytes.length} bytes, gzip ${gz(bytes)} (${kb(gz(bytes))})`);
if (code) console.log(`code section: ${code.length} bytes, gzip alone ${gz(code)} (${kb(gz(code))})`);
const all = Buffer.concat(segments.map((s) => s.data));
console.log(`data, ${segments.length} segments: ${all.length} bytes, gzip alone ${gz(all)} (${kb(gz(all))})`);
const largest = [...segments].sort((a, b) => b.data.length - a.data.length).slice(0, Number(top));
for (const s of largest) {
  const text = s.data
    .subarray(0, 400)
    .toString('utf8')
    .replace(/[\u0000-\u001f\ufffd]+/g, '·')
    .slice(0, 60);
  console.log(`  segment ${s.index}: ${s.data.length} bytes, gzip ${gz(s.data)}  ${JSON.stringify(text)}`);
}
