// The fast path of isValid and registrableDomain: the string goes into a
// buffer in wasm memory that lives as long as the module (see
// crates/beian-wasm/src/fast.rs), and a number comes back; nothing is
// allocated per call. One per module (`beian`, `beian/id`,
// `beian/domain`): `fast(glue)` over its wasm-bindgen glue; the entry calls
// `bind` once the module is instantiated.

const CAPACITY = 256;
const encoder = new TextEncoder();

function trap(e) {
  if (e instanceof WebAssembly.RuntimeError) e.code = 'EINTERNAL';
  return e;
}

/**
 * The fast path over one module's glue: `bind(exports)`, `isValid(kind, s)`
 * and, where the module has the Public Suffix List, `registrable(s)`.
 */
export function fast(glue) {
  const { __isValid, __isValidAt, __registrableStartAt, __scratch } = glue;
  let memory = null;
  let base = 0;
  let view = null;

  /** Takes the wasm exports (`memory`) after instantiation. */
  function bind(exports) {
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
   * Writes a host into the buffer as UTF-8 with its ASCII upper-case
   * letters lower-cased (then `lowered` tells that it had some): its length
   * in bytes, or -1 for a host that does not fit, has ASCII characters
   * other than letters, digits, hyphens and dots, or characters beyond the
   * BMP. No other rule here: whether the fast path takes the host, and
   * whether it is valid, is for wasm to say
   * (crates/beian-rules/src/domain.rs: `is_plain_ascii_host`,
   * `idn_registrable_start`); lower-casing is what UTS #46 does to ASCII
   * letters, and to nothing else in ASCII.
   */
  let lowered = false;
  function putHost(s) {
    const n = s.length;
    if (n > CAPACITY) return -1;
    let v = view;
    if (v.byteLength === 0) v = view = new Uint8Array(memory.buffer, base, CAPACITY);
    lowered = false;
    let j = 0;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      // a-z, or 0-9 - . (45, 46, 48-57), or A-Z (65-90) lower-cased
      if (c >= 97 ? c > 122 : c < 45 || c > 57 || c === 47) {
        if (c > 0x7f) {
          // Two or three bytes of UTF-8 (a surrogate: the full path),
          // with room left for at least a byte of each character after.
          if (c >= 0xd800 && c <= 0xdfff) return -1;
          if (j + (c < 0x800 ? 2 : 3) + (n - i - 1) > CAPACITY) return -1;
          if (c < 0x800) {
            v[j++] = 0xc0 | (c >> 6);
          } else {
            v[j++] = 0xe0 | (c >> 12);
            v[j++] = 0x80 | ((c >> 6) & 0x3f);
          }
          v[j++] = 0x80 | (c & 0x3f);
          continue;
        }
        if (c < 65 || c > 90) return -1;
        c += 32;
        lowered = true;
      }
      v[j++] = c;
    }
    return j;
  }

  function isValid(kind, s) {
    try {
      const n = put(s);
      return n < 0 ? __isValid(kind, s) : __isValidAt(kind, n);
    } catch (e) {
      throw trap(e);
    }
  }

  /**
   * The registrable domain of `s` by the fast path: a string (a slice of
   * `s`, lower case), `null` for none, `undefined` when the fast path does
   * not take `s` (then `registrableDomain` in wasm).
   */
  function registrable(s) {
    let start;
    try {
      const n = putHost(s);
      start = n < 0 ? -2 : __registrableStartAt(n);
    } catch (e) {
      throw trap(e);
    }
    if (start >= 0) {
      const r = start === 0 ? s : s.slice(start);
      return lowered ? r.toLowerCase() : r;
    }
    return start === -1 ? null : undefined;
  }

  return { bind, isValid, registrable };
}
