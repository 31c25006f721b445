// The functions of `beian/id` over its module: the document and filing
// numbers' objects (generated from the registry) and `checkField` of their
// kinds and `division`. No Public Suffix List, no IDNA.
import * as wasm from '../dist/beian_id.js';
import { checkFieldOf } from '../identifier.js';
import { filingNumberFunctions } from '../message.js';
import { filingNumber } from './identifiers.js';

export * from './identifiers.js';
export { localize } from '../message.js';

export const checkField = checkFieldOf(wasm);
export const { parseFilingNumber, formatFilingNumber } = filingNumberFunctions(filingNumber);
