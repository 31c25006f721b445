// The fast path of isValid and registrableDomain: the string goes into a
// buffer in wasm memory that lives as long as the module (see
// crates/beian-wasm/src/fast.rs), and a number comes back; nothing is
// allocated per call. index.js and node.js call bind() once the module is
// instantiated.
import { __isValid, __isValidAt, __registrableStart, __registrableStartAt, __scratch } from './dist/beian_wasm.js';

const CAPACITY = 256;
const encoder = new TextEncoder();
let memory = null;
let base = 0;
let view = null;

/** Takes the wasm exports (`memory`) after instantiation. */
export function bind(exports) {
  memory = exports.memory;
  base = __scratch();
  view = new Uint8Array(memory.buffer, base, CAPACITY);
}

/** Writes `s` into the buffer: its length in bytes, or -1 when it does not fit. */
function put(s) {
  const n = s.length;
  if (n > CAPACITY) return -1;
  let v = view;
  // Growing memory detaches the view's buffer (length 0).
  if (v.byteLength === 0) v = view = new Uint8Array(memory.buffer, base, CAPACITY);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) {
      const { read, written } = encoder.encodeInto(s, v);
      return read === n ? written : -1;
    }
    v[i] = c;
  }
  return n;
}

function trap(e) {
  if (e instanceof WebAssembly.RuntimeError) e.code = 'EINTERNAL';
  return e;
}

export function isValid(kind, s) {
  try {
    const n = put(s);
    return n < 0 ? __isValid(kind, s) : __isValidAt(kind, n);
  } catch (e) {
    throw trap(e);
  }
}

export function registrableStart(s) {
  try {
    const n = put(s);
    return n < 0 ? __registrableStart(s) : __registrableStartAt(n);
  } catch (e) {
    throw trap(e);
  }
}
