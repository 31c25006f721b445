// `beian/domain` in browsers and bundlers: its own module, inside
// dist/domain.wasm.js, inflated and instantiated once at import time (top-level
// await); then every function is synchronous.
import init from '../dist/beian_domain.js';
import wasm from '../dist/domain.wasm.js';
import { bytes } from '../load.js';
import { bind } from './module.js';

bind(await init({ module_or_path: await bytes(wasm) }));

export * from './api.js';
