// The functions and the data types (generated from the Rust types).
export * from './dist/beian_wasm.js';
