// The functions of `beian/domain` over its module (the Public Suffix List
// and IDNA): registrable domains, IDNA, the `domain` object (generated from
// the registry) and `checkField` of `domain` and `homepage`.
import * as wasm from '../dist/beian_domain.js';
import { domains } from '../domains.js';
import { checkFieldOf } from '../identifier.js';
import { registrable } from './module.js';

export * from './identifiers.js';
export { localize } from '../message.js';

export const checkField = checkFieldOf(wasm);
export const { registrableDomain, toAscii, toUnicode, pslVersion } = domains(wasm, registrable);
