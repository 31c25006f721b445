// The module of `beian/id` (dist/beian_id.js): its fast path (../fast.js)
// and the maker of its identifier objects (../identifier.js); index.js and
// node.js call `bind` once the module is instantiated.
import * as glue from '../dist/beian_id.js';
import { fast } from '../fast.js';
import { identifiers } from '../identifier.js';

export const { bind, isValid } = fast(glue);
export const identifier = identifiers(glue, isValid);
