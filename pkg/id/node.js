// `beian/id` in Node.js >= 20: its own module, inside dist/id.wasm.js,
// inflated and compiled synchronously at import time.
import { inflateRawSync } from 'node:zlib';
import { initSync } from '../dist/beian_id.js';
import wasm from '../dist/id.wasm.js';
import { bind } from './module.js';

bind(initSync({ module: inflateRawSync(Buffer.from(wasm, 'base64')) }));

export * from './api.js';
