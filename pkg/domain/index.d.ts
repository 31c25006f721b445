// `beian/domain`: registrable domains (the Public Suffix List), IDNA, the
// `domain` object and `checkField` of `domain` and `homepage`. The data
// types and functions are generated from the Rust types into
// dist/beian_domain.d.ts.
export type * from '../dist/beian_domain.js';
export { checkField, pslVersion, registrableDomain, toAscii, toUnicode } from '../dist/beian_domain.js';
export type { Identifier } from '../identifier.js';
// The `domain` object, generated from the Rust registry.
export * from './identifiers.js';
export { localize } from '../message.js';
