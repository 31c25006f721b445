// Browsers and bundlers (Vite, webpack, esbuild, Rollup) and a plain
// <script type="module">: the .wasm is inside dist/wasm.js (no asset to
// serve or configure); it is inflated and instantiated once, at import time
// (top-level await), then every function is synchronous.
import init from './dist/beian_wasm.js';
import wasm from './dist/wasm.js';
import { bytes } from './load.js';
import { bind } from './module.js';

bind(await init({ module_or_path: await bytes(wasm) }));

export * from './api.js';
