// The data types (Filing, Finding, FieldResult, Validation …)
// and the wasm functions' declarations are generated from the Rust types
// into dist/beian_wasm.d.ts; this file adds the objects built in api.js.
import type { Message, Valid, Validation } from './dist/beian_wasm.js';

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
export interface Identifier {
  /**
   * The input cleaned up: white space, separators and known prefixes
   * removed, full-width characters mapped, upper case. Not checked.
   */
  compact(value: string): string;
  /**
   * True when the number is valid (after `compact`); false for anything
   * else, also for a value that is not a string. Birth dates are not
   * compared with today (`checkField` does that).
   */
  isValid(value: string): boolean;
  /** The canonical number and what it says, or the finding that says why not. */
  validate(value: string): Validation;
  /** The canonical form of a valid number, else `null`. */
  format(value: string): string | null;
}

// The identifier objects (`residentId`, `unifiedSocialCreditCode` … and
// the deprecated earlier names), generated from the Rust registry.
export * from './identifiers.js';

/**
 * The parts of a filing or licence number (`filingKind`, `province`,
 * `region`, `site`, `subjectNumber`, the canonical `value`), `null` when it
 * is not one.
 */
export declare function parseFilingNumber(value: string): Valid | null;
/** The canonical form of a filing or licence number, else `null`. */
export declare function formatFilingNumber(value: string): string | null;

/**
 * A message in one language: English for `"en"` and `"en-…"`, Chinese
 * otherwise.
 */
export declare function localize(message: Message, lang: string): string;
