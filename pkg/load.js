// What every entry point needs to load its module: the .wasm inflated from
// the base64 of its raw-deflate stream (browsers and bundlers; Node uses
// node:zlib), and the guard that marks a trap `code: "EINTERNAL"`.

/** The .wasm bytes from `base64` (raw deflate), with the platform's DecompressionStream. */
export async function bytes(base64) {
  const deflated =
    typeof Uint8Array.fromBase64 === 'function'
      ? Uint8Array.fromBase64(base64)
      : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).arrayBuffer();
}

/**
 * The wasm function `fn` with its traps (a Rust panic, which the rules are
 * written never to reach) thrown as the `WebAssembly.RuntimeError` they
 * are, marked `code: "EINTERNAL"` like every other error of the package.
 */
export function guard(fn) {
  return function guarded(...args) {
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) e.code = 'EINTERNAL';
      throw e;
    }
  };
}
