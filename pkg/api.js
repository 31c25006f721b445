// The package's functions over the wasm exports; index.js (browsers,
// bundlers) and node.js (Node) load the module, then export these. Nothing
// here calls into wasm before that.
import { isValid, registrableStart } from './fast.js';
import * as wasm from './dist/beian_wasm.js';
import { guard } from './load.js';

const __compact = guard(wasm.__compact);
const __format = guard(wasm.__format);
const __validate = guard(wasm.__validate);
const checkFieldWasm = guard(wasm.checkField);
const footerSnippetWasm = guard(wasm.footerSnippet);
const registrableDomainWasm = guard(wasm.registrableDomain);
const toAsciiWasm = guard(wasm.toAscii);
const toUnicodeWasm = guard(wasm.toUnicode);

export const checkFiling = guard(wasm.checkFiling);
export const pslVersion = guard(wasm.pslVersion);

/** An `Error` with `code: "EINVAL"`, as the wasm functions throw. */
function einval(message) {
  const error = new Error(message);
  error.code = 'EINVAL';
  return error;
}

function string(value, name) {
  if (typeof value !== 'string') throw einval(`${name} must be a string, not ${typeof value}`);
}

export function checkField(kind, value, context) {
  string(value, 'value');
  return checkFieldWasm(kind, value, context);
}

export function footerSnippet(number, style) {
  string(number, 'number');
  return footerSnippetWasm(number, style);
}

export function registrableDomain(host) {
  string(host, 'host');
  // Plain lower-case ASCII hosts (most): an offset into the host, no string
  // comes back out of wasm.
  const start = registrableStart(host);
  if (start >= 0) return start === 0 ? host : host.slice(start);
  if (start === -1) return null;
  return registrableDomainWasm(host) ?? null;
}

export function toAscii(host) {
  string(host, 'host');
  return toAsciiWasm(host);
}

export function toUnicode(ascii) {
  string(ascii, 'ascii');
  return toUnicodeWasm(ascii);
}

/**
 * The message in `lang`: English for `en` and `en-*`, else Chinese (as the
 * Rust `Message::get`).
 */
export function localize(message, lang) {
  return lang === 'en' || (typeof lang === 'string' && lang.startsWith('en-'))
    ? message.en
    : message['zh-CN'];
}

// The identifiers, numbered as crates/beian-wasm/src/identifiers.rs numbers
// them (KINDS there; a test checks they agree).
const names = [
  'residentId',
  'uscc',
  'orgCode',
  'businessRegistration',
  'residencePermit',
  'foreignPermanentResidence',
  'hkMacauPermit',
  'taiwanPermit',
  'passport',
  'domain',
  'filingNumber',
];

function identifier(kind) {
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

/** Every identifier by its name. */
export const identifiers = Object.freeze(
  Object.fromEntries(names.map((name, kind) => [name, identifier(kind)])),
);

export const {
  residentId,
  uscc,
  orgCode,
  businessRegistration,
  residencePermit,
  foreignPermanentResidence,
  hkMacauPermit,
  taiwanPermit,
  passport,
  domain,
  filingNumber,
} = identifiers;

/** A filing or licence number's parts (`validate` when valid), else `null`. */
export function parseFilingNumber(value) {
  const v = filingNumber.validate(value);
  return v.ok ? v : null;
}

/** The canonical form of a filing or licence number, else `null`. */
export function formatFilingNumber(value) {
  return filingNumber.format(value);
}
