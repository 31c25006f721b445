// Generated from the registry beian_rules::identifier::IdentifierKind; do not edit.
// Regenerate: BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue
import { identifier } from './module.js';

export const domain = identifier(9);
