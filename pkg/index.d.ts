// The data types (Filing, Finding, FieldResult, Validation …)
// and the wasm functions' declarations are generated from the Rust types
// into dist/beian_wasm.d.ts; this file adds the objects built in api.js.
export type * from './dist/beian_wasm.js';
export {
  checkField,
  checkFiling,
  footerSnippet,
  pslVersion,
  registrableDomain,
  toAscii,
  toUnicode,
} from './dist/beian_wasm.js';

/** The four functions every identifier has. */
export type { Identifier } from './identifier.js';

// The identifier objects (`residentId`, `unifiedSocialCreditCode` … and
// the deprecated earlier names), generated from the Rust registry.
export * from './identifiers.js';

// `parseFilingNumber`, `formatFilingNumber`, `localize`.
export { formatFilingNumber, localize, parseFilingNumber } from './message.js';
