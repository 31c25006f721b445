// The domain functions over a module that has the Public Suffix List and
// IDNA (`beian`, `beian/domain`): `registrableDomain` with the fast path of
// fast.js (`registrable`), `toAscii`, `toUnicode`, `pslVersion`.
import { string } from './identifier.js';
import { guard } from './load.js';

export function domains(glue, registrable) {
  const registrableDomainWasm = guard(glue.registrableDomain);
  const toAsciiWasm = guard(glue.toAscii);
  const toUnicodeWasm = guard(glue.toUnicode);
  return {
    registrableDomain(host) {
      string(host, 'host');
      // Plain ASCII hosts (most): an offset into the host, no string comes
      // back out of wasm.
      const fast = registrable(host);
      if (fast !== undefined) return fast;
      return registrableDomainWasm(host) ?? null;
    },
    toAscii(host) {
      string(host, 'host');
      return toAsciiWasm(host);
    },
    toUnicode(ascii) {
      string(ascii, 'ascii');
      return toUnicodeWasm(ascii);
    },
    pslVersion: guard(glue.pslVersion),
  };
}
