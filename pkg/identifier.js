// One identifier's object over the wasm exports, by the identifier's number
// in the registry (beian_rules::IdentifierKind::ALL; identifiers.js, which
// is generated from it, makes one object per identifier).
import { isValid } from './fast.js';
import * as wasm from './dist/beian_wasm.js';
import { guard } from './load.js';

const __compact = guard(wasm.__compact);
const __format = guard(wasm.__format);
const __validate = guard(wasm.__validate);

/** An `Error` with `code: "EINVAL"`, as the wasm functions throw. */
export function einval(message) {
  const error = new Error(message);
  error.code = 'EINVAL';
  return error;
}

export function string(value, name) {
  if (typeof value !== 'string') throw einval(`${name} must be a string, not ${typeof value}`);
}

/** The object of identifier number `kind`. */
export function identifier(kind) {
  return Object.freeze({
    compact(value) {
      string(value, 'value');
      return __compact(kind, value);
    },
    isValid(value) {
      return typeof value === 'string' && isValid(kind, value);
    },
    validate(value) {
      string(value, 'value');
      return __validate(kind, value);
    },
    format(value) {
      string(value, 'value');
      return __format(kind, value) ?? null;
    },
  });
}
