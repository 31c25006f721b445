// Generated from the registry beian_rules::identifier::IdentifierKind; do not edit.
// Regenerate: BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue
import type { Identifier } from '../identifier.js';

/** A domain to file: a registrable domain under an ICANN public suffix (`format` gives its punycode form). */
export declare const domain: Identifier;
