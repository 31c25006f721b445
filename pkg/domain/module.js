// The module of `beian/domain` (dist/beian_domain.js): its fast path (../fast.js)
// and the maker of its identifier objects (../identifier.js); index.js and
// node.js call `bind` once the module is instantiated.
import * as glue from '../dist/beian_domain.js';
import { fast } from '../fast.js';
import { hostPath } from '../host.js';
import { identifiers } from '../identifier.js';

const path = fast(glue);
export const { bind, isValid } = path;
export const registrable = hostPath(glue, path.buffer);
export const identifier = identifiers(glue, isValid);
