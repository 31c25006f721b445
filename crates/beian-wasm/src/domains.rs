//! Domain names: `registrableDomain`, `toAscii`, `toUnicode`, `pslVersion`.

use beian_rules::{domain, psl};
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

/// The registrable domain of a lower-case punycode host, `None` for a
/// public suffix or an IPv4 address.
fn registrable(ascii: &str) -> Option<&str> {
    let numeric = ascii.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if numeric && ascii.parse::<std::net::Ipv4Addr>().is_ok() {
        return None;
    }
    psl::registrable_domain(ascii)
}

/// The Chinese top-level domains MIIT accepts (`data/tlds/accepted.txt` of
/// the rules), punycode: 中国 公司 网络 … (tests/web.rs checks them).
pub const CHINESE_TLDS: [&str; 23] = [
    "xn--1qqw23a",
    "xn--3bst00m",
    "xn--3ds443g",
    "xn--55qw42g",
    "xn--55qx5d",
    "xn--6qq986b3xl",
    "xn--czr694b",
    "xn--czrs0t",
    "xn--czru2d",
    "xn--fiq228c5hs",
    "xn--fiq64b",
    "xn--fiqs8s",
    "xn--fjq720a",
    "xn--g2xx48c",
    "xn--hxt814e",
    "xn--io0a7i",
    "xn--kput3i",
    "xn--ses554g",
    "xn--unup4y",
    "xn--vhquv",
    "xn--vuq861b",
    "xn--xhq521b",
    "xn--zfr164b",
];

/// For a host of lower-case ASCII letters, digits, hyphens and dots with no
/// `xn--` label but a Chinese top-level domain (most hosts), whether [`domain::to_ascii`] accepts it,
/// decided without IDNA: UTS #46 maps such a host to itself and checks only
/// the STD3, hyphen and DNS length rules (no empty label, labels of at most
/// 63 bytes, none starting or ending with `-` or with `--` third and fourth,
/// at most 253 bytes in all). `None` for any other host. A test compares it
/// with `domain::to_ascii` (tests/web.rs).
pub fn plain_host_valid(host: &str) -> Option<bool> {
    plain_host(host.as_bytes()).map(|p| p.valid)
}

/// What one pass over a plain host tells (see [`plain_host_valid`]).
struct Plain {
    /// `domain::to_ascii` accepts it.
    valid: bool,
    /// Only digits and dots (maybe an IPv4 address).
    numeric: bool,
}

/// The class of each byte in a plain host: 0 not allowed, `DIGIT`,
/// `OTHER` (a lower-case letter or `-`) or `DOT`.
const DIGIT: u8 = 1;
const OTHER: u8 = 2;
const DOT: u8 = 3;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_lowercase() || b == b'-' {
            OTHER
        } else if b == b'.' {
            DOT
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Whether a label other than an `xn--` one passes the STD3, hyphen and
/// length rules.
#[inline(always)]
fn plain_label_valid(label: &[u8]) -> bool {
    match (label.first(), label.last()) {
        (Some(&first), Some(&last)) => {
            label.len() <= 63
                && first != b'-'
                && last != b'-'
                && !(label.len() >= 4 && label[2] == b'-' && label[3] == b'-')
        }
        _ => false,
    }
}

/// [`plain_host_valid`] on bytes, also telling whether the host is
/// numeric; `None` when a byte is not lower-case ASCII letter, digit,
/// hyphen or dot (so `Some` means the bytes are ASCII).
fn plain_host(b: &[u8]) -> Option<Plain> {
    if b.is_empty() {
        return None;
    }
    let mut valid = b.len() <= 253;
    let mut seen = 0u8;
    let mut start = 0;
    // One pass: each label ends at a dot or at the end.
    for (i, &c) in b.iter().enumerate() {
        let class = CLASS[usize::from(c)];
        seen |= 1 << class;
        if class == DOT {
            let label = &b[start..i];
            if label.starts_with(b"xn--") {
                // Only as the last label (below).
                return None;
            }
            valid &= plain_label_valid(label);
            start = i + 1;
        }
    }
    if seen & 1 != 0 {
        return None;
    }
    let last = &b[start..];
    if last.starts_with(b"xn--") {
        // The Chinese top-level domains: valid A-labels of left-to-right
        // characters (no Bidi rule on the other labels).
        if !CHINESE_TLDS.iter().any(|t| t.as_bytes() == last) {
            return None;
        }
    } else {
        valid &= plain_label_valid(last);
    }
    Some(Plain {
        valid,
        numeric: seen & (1 << OTHER) == 0,
    })
}

/// The registrable domain (see the TypeScript declaration).
#[wasm_bindgen(js_name = registrableDomain, skip_typescript)]
pub fn registrable_domain(host: &str) -> Option<String> {
    let ascii = domain::to_ascii(host).ok()?;
    let r = registrable(&ascii)?;
    Some(if host.is_ascii() {
        r.to_string()
    } else {
        domain::to_unicode(r)
    })
}

/// Where the registrable domain of `host` starts in it (a byte offset,
/// also a UTF-16 offset: the host is ASCII), -1 for none, -2 when `host`
/// is not plain lower-case ASCII (then call `registrableDomain`).
#[wasm_bindgen(js_name = __registrableStart, skip_typescript)]
pub fn registrable_start(host: &str) -> i32 {
    registrable_start_bytes(host.as_bytes())
}

/// [`registrable_start`] of the bytes of a host, which need not be UTF-8
/// (the fast path: one pass over the bytes, then the suffix list).
pub(crate) fn registrable_start_bytes(host: &[u8]) -> i32 {
    let Some(plain) = plain_host(host) else {
        return -2;
    };
    if !plain.valid {
        return -1;
    }
    if plain.numeric
        && std::str::from_utf8(host).is_ok_and(|h| h.parse::<std::net::Ipv4Addr>().is_ok())
    {
        return -1;
    }
    registrable_of_plain(host)
}

/// Where the registrable domain of a valid, plain, non-numeric host starts
/// (see [`registrable_start`]), -1 for none.
pub(crate) fn registrable_of_plain(host: &[u8]) -> i32 {
    psl::registrable_start(host).map_or(-1, |start| start as i32)
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
