// Node.js >= 20 (import, and require() where Node loads ES modules with it:
// 20.19, 22.12 and later): the .wasm is inside dist/wasm.js; it is inflated
// and compiled synchronously at import time, then every function is
// synchronous.
import { inflateRawSync } from 'node:zlib';
import { initSync } from './dist/beian_wasm.js';
import wasm from './dist/wasm.js';
import { bind } from './module.js';

bind(initSync({ module: inflateRawSync(Buffer.from(wasm, 'base64')) }));

export * from './api.js';
