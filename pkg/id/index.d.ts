// `beian/id`: the document and filing numbers and the divisions, without
// the Public Suffix List and IDNA. The data types and `checkField` are
// generated from the Rust types into dist/beian_id.d.ts.
export type * from '../dist/beian_id.js';
export { checkField } from '../dist/beian_id.js';
export type { Identifier } from '../identifier.js';
// The identifier objects (`residentId`, `unifiedSocialCreditCode` … every
// identifier but `domain`), generated from the Rust registry.
export * from './identifiers.js';
export { formatFilingNumber, localize, parseFilingNumber } from '../message.js';
