// The fast path of registrableDomain (`beian`, `beian/domain`) in the
// buffer of fast.js.
import { CAPACITY, trap } from './fast.js';

/** `registrable(s)` over a module's glue and its fast path's `buffer`. */
export function hostPath(glue, buffer) {
  const { __registrableStartAt } = glue;

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
    const v = buffer();
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

  return registrable;
}
