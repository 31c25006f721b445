//! The hot path of beian's host names, built at opt-level 3 where the rest
//! of the npm package is built for size (the workspace's Cargo.toml):
//! whether a host is plain ASCII or of Chinese labels, without IDNA, and
//! the walk of the Public Suffix List's trie. `beian_rules::domain` and
//! `beian_rules::psl` hold the rules and the public API over it; this
//! crate knows no rule of its own beyond the host's shape.
//!
//! ```
//! let trie = beian_host::Trie::build("\0uk\u{2}.co", "", "");
//! assert_eq!(beian_host::split(&trie, b"www.example.co.uk").1, Some(4));
//! assert!(beian_host::is_plain_label(b"example"));
//! assert!(beian_host::is_plain_unicode_label("例子"));
//! ```

mod trie;

pub use trie::{front_decoded, split, Trie, EXACT, EXCEPTION, WILDCARD};

/// True for a plain ASCII label: 1–63 bytes (the caller checks that they
/// are lower-case letters, digits and hyphens), no hyphen first or last,
/// and no `--` third and fourth, which also keeps out `xn--` (punycode)
/// labels.
#[inline(always)]
pub fn is_plain_label(label: &[u8]) -> bool {
    match (label.first(), label.last()) {
        (Some(&first), Some(&last)) => {
            label.len() <= 63 && first != b'-' && last != b'-' && label.get(2..4) != Some(b"--")
        }
        _ => false,
    }
}

/// True for a plain ASCII host (`beian_rules::domain::is_plain_ascii_host`
/// says what that is): lower-case ASCII letters, digits, hyphens and dots,
/// at most 253 bytes, plain labels ([`is_plain_label`]), but for a last
/// label `xn--…` for which `accepted_tld` is true.
#[inline]
pub fn is_plain_ascii_host(bytes: &[u8], accepted_tld: impl FnOnce(&str) -> bool) -> bool {
    if bytes.len() > 253 {
        return false;
    }
    // Where the current label starts (at most `i`).
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' {
            if !is_plain_label(&bytes[start..i]) {
                return false;
            }
            start = i + 1;
        } else if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return false;
        }
    }
    let last = &bytes[start..];
    if last.starts_with(b"xn--") {
        std::str::from_utf8(last).is_ok_and(accepted_tld)
    } else {
        is_plain_label(last)
    }
}

/// Where the registrable domain starts in a host of Unicode labels, given
/// as UTF-8 bytes, in UTF-16 code units: plain ASCII labels and labels of
/// Chinese characters ([`is_plain_unicode_label`]) only, `None` for any
/// other host (see `beian_rules::domain::idn_registrable_start`, which
/// also takes ASCII hosts); `Some(None)` when it has none.
///
/// ```
/// let trie = beian_host::Trie::build("\0xn--fiqs8s", "", "");
/// assert_eq!(beian_host::unicode_registrable_start(&trie, "www.例子.中国".as_bytes()), Some(Some(4)));
/// assert_eq!(beian_host::unicode_registrable_start(&trie, "пример.рф".as_bytes()), None);
/// ```
pub fn unicode_registrable_start(trie: &Trie, host: &[u8]) -> Option<Option<usize>> {
    // One pass over the labels as they are (UTF-8 decoded here, only the
    // three-byte forms of U+4E00–U+9FFF), with a bound of the length of
    // the host's ASCII form: the suffix list knows the Unicode form of its
    // labels of Chinese characters (`psl`'s aliases), so nothing is encoded.
    let mut ascii_len = 0;
    let mut label = LabelShape::default();
    let (mut start, mut i) = (0, 0);
    loop {
        let c = match host.get(i) {
            None | Some(b'.') => {
                ascii_len += 1 + label.a_label_len(host.get(start..i)?)?;
                if i == host.len() {
                    break;
                }
                label = LabelShape::default();
                i += 1;
                start = i;
                continue;
            }
            Some(&b) if b < 0x80 => {
                i += 1;
                char::from(b)
            }
            Some(&lead @ 0xE4..=0xE9) => {
                let (b1, b2) = (*host.get(i + 1)?, *host.get(i + 2)?);
                if b1 & 0xC0 != 0x80 || b2 & 0xC0 != 0x80 {
                    return None;
                }
                i += 3;
                let cp =
                    u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
                char::from_u32(cp)?
            }
            Some(_) => return None,
        };
        if !label.push(c) {
            return None;
        }
    }
    if ascii_len > 254 {
        return None;
    }
    let Some(start) = trie::split(trie, host).1 else {
        return Some(None);
    };
    // In UTF-16 code units: one per ideograph (three bytes, led by a byte
    // from 0xE4) and per ASCII byte.
    let before = host.get(..start)?;
    Some(Some(
        start - 2 * before.iter().filter(|&&b| b >= 0xE0).count(),
    ))
}

/// What the IDN fast path knows of a label, read a character at a time:
/// lower-case ASCII letters, digits and hyphens, and CJK Unified
/// Ideographs (U+4E00–U+9FFF).
#[derive(Default)]
pub struct LabelShape {
    /// Its characters, and the ideographs among them.
    chars: usize,
    ideographs: usize,
    /// Hyphens first, last, third and fourth.
    first_hyphen: bool,
    last_hyphen: bool,
    third_hyphen: bool,
    fourth_hyphen: bool,
}

impl LabelShape {
    /// Adds the next character: false for one the fast path does not take.
    #[inline(always)]
    pub fn push(&mut self, c: char) -> bool {
        match c {
            '\u{4E00}'..='\u{9FFF}' => self.ideographs += 1,
            'a'..='z' | '0'..='9' | '-' => {}
            _ => return false,
        }
        let hyphen = c == '-';
        match self.chars {
            0 => self.first_hyphen = hyphen,
            2 => self.third_hyphen = hyphen,
            3 => self.fourth_hyphen = hyphen,
            _ => {}
        }
        self.last_hyphen = hyphen;
        self.chars += 1;
        true
    }

    /// UTS #46 CheckHyphens: none first or last, not third and fourth.
    pub fn hyphens_allowed(&self) -> bool {
        !(self.first_hyphen || self.last_hyphen || (self.third_hyphen && self.fourth_hyphen))
    }

    /// A U-label the fast path takes: an ideograph at least, hyphens
    /// allowed.
    pub fn is_plain_unicode(&self) -> bool {
        self.ideographs > 0 && self.hyphens_allowed()
    }

    /// The length of the label's ASCII form (itself for a plain ASCII
    /// label, [`is_plain_label`]; for a plain U-label a bound of its
    /// A-label's, see below), at most 63; `None` for any other label, one
    /// whose ASCII form is longer, and `xn--` labels (in a Unicode host
    /// they are answered decoded: the full path). `bytes` are the label's.
    ///
    /// Each character beyond ASCII adds one punycode delta of at most 8
    /// digits: deltas sum to less than (0x9FFF + 1) × 60 < 10⁷ for a label
    /// of up to 59 characters (longer ones are over 63 anyway), and each
    /// digit but the last divides what is left by at least 36 − 26 = 10
    /// (RFC 3492, tmax 26), so after 7 digits nothing is left. Where the
    /// bound passes 63 the label is encoded.
    pub fn a_label_len(&self, bytes: &[u8]) -> Option<usize> {
        if self.ideographs == 0 {
            return (self.chars > 0 && self.chars <= 63 && self.hyphens_allowed())
                .then_some(self.chars);
        }
        if !self.hyphens_allowed() {
            return None;
        }
        let basic = self.chars - self.ideographs;
        let bound = 4 + basic + usize::from(basic > 0) + 8 * self.ideographs;
        if bound <= 63 {
            return Some(bound);
        }
        let label = std::str::from_utf8(bytes).ok()?;
        let exact = 4 + idna::punycode::encode_str(label)?.len();
        (exact <= 63).then_some(exact)
    }
}

/// A U-label the IDN fast path takes: CJK Unified Ideographs
/// (U+4E00–U+9FFF), at least one, with lower-case ASCII letters, digits
/// and hyphens, no hyphen first or last and none third and fourth (UTS #46
/// CheckHyphens). Such a label is its own UTS #46 mapping, in NFC, of left
/// to right characters only (no bidi rule applies), with no joiners: valid,
/// as a test of `beian_rules::domain` checks for every ideograph against
/// its `to_ascii`.
pub fn is_plain_unicode_label(label: &str) -> bool {
    let mut shape = LabelShape::default();
    label.chars().all(|c| shape.push(c)) && shape.is_plain_unicode()
}

mod punycode;

/// True for the A-label (`xn--…`, lower case) of a U-label the IDN fast
/// path takes ([`is_plain_unicode_label`]), written canonically (the
/// encoding of what it decodes to). Nothing is allocated, and nothing
/// encoded: a strict decoder (lower-case digits, no overflow) reads each
/// delta's digits one way only, and the order of the insertions is that of
/// the encoder (by code point, then position), so two writings of one
/// U-label differ only where the encoder has no choice to make: a
/// delimiter with no ASCII before it, which is refused here. A test checks
/// this against decoding and encoding again.
///
/// ```
/// assert!(beian_host::is_plain_a_label(b"xn--fsqu00a")); // 例子
/// assert!(!beian_host::is_plain_a_label(b"xn--e1afmkfd")); // пример
/// assert!(!beian_host::is_plain_a_label(b"example"));
/// assert!(!beian_host::is_plain_a_label(b"xn---")); // no U-label
/// assert!(!beian_host::is_plain_a_label(b"xn--abc-")); // ASCII only
/// assert!(!beian_host::is_plain_a_label(b"xn--FSQU00A")); // not canonical
/// assert!(!beian_host::is_plain_a_label(b"xn---fsqu00a")); // not canonical
/// ```
pub fn is_plain_a_label(label: &[u8]) -> bool {
    let Some(encoded) = label.strip_prefix(b"xn--") else {
        return false;
    };
    if encoded.first() == Some(&b'-') && !encoded[1..].contains(&b'-') {
        return false;
    }
    let mut units = [0u16; punycode::MAX];
    let Some(n) = punycode::decode_ideographs(encoded, &mut units) else {
        return false;
    };
    let mut shape = LabelShape::default();
    units[..n]
        .iter()
        .all(|&u| shape.push(char::from_u32(u32::from(u)).unwrap_or('\0')))
        && shape.is_plain_unicode()
}

/// True for an ASCII host the IDN fast path takes: at most 253 bytes of
/// plain labels ([`is_plain_label`] of lower-case letters, digits and
/// hyphens) and A-labels of Chinese characters ([`is_plain_a_label`]; a
/// top-level domain of the rules is looked up in `trie` instead,
/// [`Trie::is_plain_a_tld`]).
///
/// ```
/// let trie = beian_host::Trie::build("\0xn--fiqs8s", "", "");
/// assert!(beian_host::is_punycode_host(&trie, b"www.xn--fsqu00a.xn--fiqs8s"));
/// assert!(beian_host::is_punycode_host(&trie, b"example.com"));
/// assert!(!beian_host::is_punycode_host(&trie, b"www.xn--e1afmkfd.xn--p1ai"));
/// assert!(!beian_host::is_punycode_host(&trie, b"Example.com"));
/// ```
pub fn is_punycode_host(trie: &Trie, host: &[u8]) -> bool {
    if host.len() > 253 {
        return false;
    }
    // One pass, as `is_plain_ascii_host`: a label is checked at its end,
    // the A-labels (which `is_plain_label` refuses) only then decoded.
    let mut start = 0;
    for (i, &b) in host.iter().enumerate() {
        if b == b'.' {
            let label = &host[start..i];
            if !(is_plain_label(label) || (label.len() <= 63 && is_plain_a_label(label))) {
                return false;
            }
            start = i + 1;
        } else if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return false;
        }
    }
    let last = &host[start..];
    is_plain_label(last)
        || (last.len() <= 63 && (trie.is_plain_a_tld(last) || is_plain_a_label(last)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_plain_a_label`] by decoding and encoding again.
    fn by_round_trip(label: &[u8]) -> bool {
        let Some(encoded) = label.strip_prefix(b"xn--") else {
            return false;
        };
        let mut chars = ['\0'; punycode::MAX];
        let Some(n) = punycode::decode(encoded, &mut chars) else {
            return false;
        };
        let mut shape = LabelShape::default();
        if !(chars[..n].iter().all(|&c| shape.push(c)) && shape.is_plain_unicode()) {
            return false;
        }
        let mut again = [0u8; punycode::MAX];
        punycode::encode(&chars[..n], &mut again).is_some_and(|m| &again[..m] == encoded)
    }

    #[test]
    fn a_labels_are_canonical_without_encoding() {
        // Every short string of a small alphabet that decodes to
        // ideographs, and the encodings of labels of one to four
        // ideographs with ASCII around them.
        let alphabet = b"a-z09fsqu";
        let mut labels: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let longer: Vec<Vec<u8>> = labels
                .iter()
                .flat_map(|l| alphabet.iter().map(move |&c| [l.as_slice(), &[c]].concat()))
                .collect();
            labels.extend(longer);
        }
        let mut state = 20261205u32;
        for _ in 0..20000 {
            let mut s = String::new();
            for _ in 0..1 + state % 4 {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                s.push(char::from_u32(0x4E00 + (state >> 8) % 0x5200).unwrap());
                if state.is_multiple_of(5) {
                    s.push(['a', '1', '-'][(state % 3) as usize]);
                }
            }
            let mut out = [0u8; punycode::MAX];
            let chars: Vec<char> = s.chars().collect();
            if let Some(m) = punycode::encode(&chars, &mut out) {
                let e = out[..m].to_vec();
                labels.push(e.clone());
                labels.push([b"-".as_slice(), &e].concat());
                labels.push([e.as_slice(), b"a"].concat());
            }
        }
        let mut taken = 0;
        for l in &labels {
            let label = [b"xn--".as_slice(), l].concat();
            let fast = is_plain_a_label(&label);
            assert_eq!(
                fast,
                by_round_trip(&label),
                "{}",
                String::from_utf8_lossy(&label)
            );
            taken += usize::from(fast);
        }
        assert!(taken > 10000, "{taken}");
    }
}
