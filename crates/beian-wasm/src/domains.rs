//! Domain names: `registrableDomain`, `toAscii`, `toUnicode`, `pslVersion`.

use beian_rules::{domain, psl, RuleError};
use wasm_bindgen::prelude::*;

use super::error;

#[wasm_bindgen(typescript_custom_section)]
const DOMAINS_TS: &str = r#"
/**
 * The registrable domain of a host name by the ICANN section of the Public
 * Suffix List (private suffixes such as `github.io` do not count), in the
 * form of the input: punycode for ASCII input, Unicode for Unicode input;
 * lower case. `null` for a public suffix itself, an IP address or a name
 * IDNA rejects. A top-level domain not in the list counts as a suffix.
 */
export function registrableDomain(host: string): string | null;
/**
 * The IDNA (UTS #46, punycode) form of a host name, lower case, checked with
 * the STD3 rules, hyphen rules and DNS lengths. Throws an `Error` with
 * `code: "EINVAL"` and the finding's `rule` (e.g. `domain.invalid_name`).
 */
export function toAscii(host: string): string;
/** The Unicode form of a punycode host name; the input where it cannot be decoded. */
export function toUnicode(ascii: string): string;
/** The version of the embedded Public Suffix List, e.g. `2026-10-22_08-36-41_UTC`. */
export function pslVersion(): string;
"#;

/// The registrable domain (see the TypeScript declaration).
#[wasm_bindgen(js_name = registrableDomain, skip_typescript)]
pub fn registrable_domain(host: &str) -> Option<String> {
    domain::registrable_domain(host)
}

/// Where the registrable domain of `host` starts in it (in UTF-16 code
/// units), -1 for none, -2 when the fast path does not take `host`, which
/// `registrableDomain` answers. What `__registrableStartAt` answers for the
/// fast path of `pkg/host.js` (see `fast.rs`), on bytes that need not be
/// UTF-8: a plain ASCII host or a host of Chinese labels, in Unicode or
/// punycode ([`domain::idn_registrable_start`], which reads an ASCII host
/// once).
pub fn registrable_start(host: &[u8]) -> i32 {
    match domain::idn_registrable_start(host) {
        Some(Some(start)) => start as i32,
        Some(None) => -1,
        None => -2,
    }
}

/// The IDNA form of a host (see the TypeScript declaration).
#[wasm_bindgen(js_name = toAscii, skip_typescript)]
pub fn to_ascii(host: &str) -> Result<String, JsValue> {
    domain::to_ascii(host).map_err(|e| {
        let err = error("EINVAL", &e.message().en);
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &"rule".into(), &e.rule().into());
        err
    })
}

/// The Unicode form of a punycode host (see the TypeScript declaration).
#[wasm_bindgen(js_name = toUnicode, skip_typescript)]
pub fn to_unicode(ascii: &str) -> String {
    domain::to_unicode(ascii)
}

/// The version of the embedded Public Suffix List.
#[wasm_bindgen(js_name = pslVersion, skip_typescript)]
pub fn psl_version() -> String {
    psl::VERSION.to_string()
}
