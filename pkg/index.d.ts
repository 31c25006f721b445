// The data types (Filing, Finding, FieldResult, Validation …)
// and the wasm functions' declarations are generated from the Rust types
// into dist/beian_wasm.d.ts; this file adds the objects built in api.js.
import type { IdentifierName, Message, Valid, Validation } from './dist/beian_wasm.js';

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

/** Every identifier by its name. */
export declare const identifiers: Readonly<Record<IdentifierName, Identifier>>;
/** 居民身份证号码: mainland resident ID number (GB 11643). */
export declare const residentId: Identifier;
/** 统一社会信用代码: unified social credit code (GB 32100). */
export declare const uscc: Identifier;
/** 组织机构代码: organisation code (GB 11714). */
export declare const orgCode: Identifier;
/** 工商营业执照注册号: 15-digit business registration number. */
export declare const businessRegistration: Identifier;
/** 港澳台居民居住证号码: Hong Kong/Macau/Taiwan residence permit number. */
export declare const residencePermit: Identifier;
/** 外国人永久居留身份证号码: foreign permanent residence ID number. */
export declare const foreignPermanentResidence: Identifier;
/** 港澳居民来往内地通行证号码: Hong Kong/Macau travel permit number. */
export declare const hkMacauPermit: Identifier;
/** 台湾居民来往大陆通行证号码: Taiwan travel permit number. */
export declare const taiwanPermit: Identifier;
/** 护照号码: passport number. */
export declare const passport: Identifier;
/**
 * A domain to file: a registrable domain under an ICANN public suffix
 * (`format` gives its punycode form).
 */
export declare const domain: Identifier;

/**
 * 备案号 / 许可证号: a filing or licence number (`京ICP备09051301号-1`,
 * `京ICP证030173号`, `浙B2-20040180`).
 */
export declare const filingNumber: Identifier;
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
