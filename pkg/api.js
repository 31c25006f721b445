// The package's functions over the wasm exports; index.js (browsers,
// bundlers) and node.js (Node) load the module, then export these. Nothing
// here calls into wasm before that.
import * as wasm from './dist/beian_wasm.js';
import { domains } from './domains.js';
import { checkFieldOf, string } from './identifier.js';
import { filingNumber } from './identifiers.js';
import { guard } from './load.js';
import { filingNumberFunctions } from './message.js';
import { registrable } from './module.js';

export * from './identifiers.js';
export { localize } from './message.js';

const footerSnippetWasm = guard(wasm.footerSnippet);

export const checkFiling = guard(wasm.checkFiling);
export const checkField = checkFieldOf(wasm);
export const { registrableDomain, toAscii, toUnicode, pslVersion } = domains(wasm, registrable);
export const { parseFilingNumber, formatFilingNumber } = filingNumberFunctions(filingNumber);

export function footerSnippet(number, style) {
  string(number, 'number');
  return footerSnippetWasm(number, style);
}
