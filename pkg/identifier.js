// One identifier's object over a module's wasm exports, by the
// identifier's number in the registry (beian_rules::IdentifierKind::ALL;
// identifiers.js, id/identifiers.js and domain/identifiers.js, which are
// generated from it, make one object per identifier of their entry).
import { guard } from './load.js';

/** An `Error` with `code: "EINVAL"`, as the wasm functions throw. */
export function einval(message) {
  const error = new Error(message);
  error.code = 'EINVAL';
  return error;
}

export function string(value, name) {
  if (typeof value !== 'string') throw einval(`${name} must be a string, not ${typeof value}`);
}

/**
 * The maker of identifier objects over one module: its wasm-bindgen `glue`
 * and the fast path's `isValid` (fast.js).
 */
export function identifiers(glue, isValid) {
  const __compact = guard(glue.__compact);
  const __format = guard(glue.__format);
  const __validate = guard(glue.__validate);
  /** The object of identifier number `kind`. */
  return function identifier(kind) {
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
  };
}

/** `checkField` over a module's glue: the value must be a string. */
export function checkFieldOf(glue) {
  const checkFieldWasm = guard(glue.checkField);
  return function checkField(kind, value, context) {
    string(value, 'value');
    return checkFieldWasm(kind, value, context);
  };
}
