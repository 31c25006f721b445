// The fast path of isValid and registrableDomain (host.js): the
// string goes into a buffer in wasm memory that lives as long as the module
// (see crates/beian-wasm/src/fast.rs), and a number comes back; nothing is
// allocated per call. One per module (`beian`, `beian/id`,
// `beian/domain`): `fast(glue)` over its wasm-bindgen glue; the entry calls
// `bind` once the module is instantiated.

export const CAPACITY = 256;
const encoder = new TextEncoder();

export function trap(e) {
  if (e instanceof WebAssembly.RuntimeError) e.code = 'EINTERNAL';
  return e;
}

/**
 * The fast path over one module's glue: `bind(exports)`, `isValid(kind, s)`
 * and `buffer()`, the buffer's bytes (for host.js).
 */
export function fast(glue) {
  const { __isValid, __isValidAt, __scratch } = glue;
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

  function isValid(kind, s) {
    try {
      const n = put(s);
      return n < 0 ? __isValid(kind, s) : __isValidAt(kind, n);
    } catch (e) {
      throw trap(e);
    }
  }

  /** The buffer's view (made again when growing memory detached it). */
  function buffer() {
    if (view.byteLength === 0) view = new Uint8Array(memory.buffer, base, CAPACITY);
    return view;
  }

  return { bind, isValid, buffer };
}
