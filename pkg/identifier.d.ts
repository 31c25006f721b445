// The object every identifier has, in `beian`, `beian/id` and `beian/domain`.
import type { Validation } from './dist/beian_wasm.js';

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
