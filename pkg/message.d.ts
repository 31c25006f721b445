import type { Message, Valid } from './dist/beian_wasm.js';

/**
 * A message in one language: English for `"en"` and `"en-…"`, Chinese
 * otherwise.
 */
export declare function localize(message: Message, lang: string): string;
/**
 * The parts of a filing or licence number (`filingKind`, `province`,
 * `region`, `site`, `subjectNumber`, the canonical `value`), `null` when it
 * is not one.
 */
export declare function parseFilingNumber(value: string): Valid | null;
/** The canonical form of a filing or licence number, else `null`. */
export declare function formatFilingNumber(value: string): string | null;
