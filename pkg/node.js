// Node.js >= 20: reads the .wasm next to this file synchronously at import
// time, then every function is synchronous.
import { readFileSync } from 'node:fs';
import { initSync } from './dist/beian_wasm.js';

initSync({ module: readFileSync(new URL('./dist/beian_wasm_bg.wasm', import.meta.url)) });

export * from './dist/beian_wasm.js';
