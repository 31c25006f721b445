// Browsers and bundlers (Vite, webpack 5): fetches the .wasm next to this
// file once, at import time (top-level await), then every function is
// synchronous.
import init from './dist/beian_wasm.js';

await init({ module_or_path: new URL('./dist/beian_wasm_bg.wasm', import.meta.url) });

export * from './dist/beian_wasm.js';
