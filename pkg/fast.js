// The fast path of isValid and registrableDomain: the string goes into a
// buffer in wasm memory that lives as long as the module (see
// crates/beian-wasm/src/fast.rs), and a number comes back; nothing is
// allocated per call. index.js and node.js call bind() once the module is
// instantiated.
import {
  __isValid,
  __isValidAt,
  __registrablePlainAt,
  __registrableStart,
  __registrableStartAt,
  __scratch,
} from './dist/beian_wasm.js';

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

/**
 * Writes a host into the buffer while checking, as `plain_host` in
 * crates/beian-wasm/src/domains.rs does, that it is plain (lower-case ASCII
 * letters, digits, hyphens, dots) and valid for UTS #46 without IDNA work
 * (no empty label, labels of at most 63, none starting or ending with `-`
 * or with `--` third and fourth, at most 253 in all). Returns its length
 * when it is plain, valid and not numeric (only the suffix list is left to
 * ask), -1 when it is plain and invalid (no registrable domain), -2 for any
 * other host (wasm decides: Unicode, upper case, `xn--` labels, IPv4
 * addresses, long hosts). A test compares the two (test/api.test.mjs).
 */
function putHost(s) {
  const n = s.length;
  if (n === 0 || n > CAPACITY) return -2;
  let v = view;
  if (v.byteLength === 0) v = view = new Uint8Array(memory.buffer, base, CAPACITY);
  let valid = n <= 253;
  let letters = false;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - start;
      if (len >= 4 && s.charCodeAt(start + 2) === 45 && s.charCodeAt(start + 3) === 45) {
        // `xn--` (an A-label, wasm checks it) or another `??--`: invalid.
        if (s.charCodeAt(start) === 120 && s.charCodeAt(start + 1) === 110) return -2;
        valid = false;
      } else if (len === 0 || len > 63 || s.charCodeAt(start) === 45 || s.charCodeAt(i - 1) === 45) {
        valid = false;
      }
      start = i + 1;
      if (i < n) v[i] = 46;
    } else if (c >= 97 ? c <= 122 : c === 45) {
      letters = true;
      v[i] = c;
    } else if (c >= 48 && c <= 57) {
      v[i] = c;
    } else {
      return -2;
    }
  }
  if (!valid) return -1;
  return letters ? n : -2;
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

/**
 * Where the registrable domain of `s` starts in it, -1 for none, -2 when
 * `s` is not plain lower-case ASCII (then `registrableDomain` in wasm).
 */
export function registrableStart(s) {
  try {
    const n = putHost(s);
    if (n >= 0) return __registrablePlainAt(n);
    if (n === -1) return -1;
    const m = put(s);
    return m < 0 ? __registrableStart(s) : __registrableStartAt(m);
  } catch (e) {
    throw trap(e);
  }
}
