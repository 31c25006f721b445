//! The Public Suffix List, ICANN section only, as data (seed 002 #3: a filed
//! domain must be a registrable, "top-level" domain; 002 #21: subdomains
//! need no filing of their own).
//!
//! The rules are embedded as three newline-separated strings generated from
//! `data/psl/public_suffix_list.dat` (see [`VERSION`]); the private section
//! (e.g. `github.io`) is left out on purpose: a private suffix does not make
//! a name under it fileable.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::generated::psl;

/// Version line of the embedded list, e.g. `2026-10-22_08-36-41_UTC`.
pub const VERSION: &str = psl::VERSION;

struct Rules {
    exact: HashSet<&'static str>,
    wildcard: HashSet<&'static str>,
    exception: HashSet<&'static str>,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    exact: psl::EXACT.lines().collect(),
    wildcard: psl::WILDCARD.lines().collect(),
    exception: psl::EXCEPTION.lines().collect(),
});

/// A domain name split by the Public Suffix List.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts<'a> {
    /// The public suffix, e.g. `com.cn`.
    pub suffix: &'a str,
    /// The registrable domain (suffix plus one label), `None` when the name
    /// is itself a public suffix.
    pub registrable: Option<&'a str>,
    /// False when no ICANN rule matched and the default rule `*` was used
    /// (the top-level domain is not in the ICANN section).
    pub listed: bool,
}

/// Splits a lower-case ASCII (punycode) domain name by the ICANN rules.
///
/// Total: any string gives an answer (labels are whatever lies between dots).
///
/// ```
/// use beian_rules::psl::parts;
/// let p = parts("www.example.com.cn");
/// assert_eq!(p.suffix, "com.cn");
/// assert_eq!(p.registrable, Some("example.com.cn"));
/// assert_eq!(parts("com.cn").registrable, None);
/// // Private-section suffixes do not count:
/// assert_eq!(parts("foo.github.io").registrable, Some("github.io"));
/// ```
pub fn parts(domain: &str) -> Parts<'_> {
    let rules = &*RULES;
    // Byte offsets where each label starts.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(domain.match_indices('.').map(|(i, _)| i + 1))
        .collect();
    let at = |i: usize| &domain[starts[i]..];
    let n = starts.len();
    // Exception rules win over every other rule; the suffix is the rule less
    // its leftmost label.
    let exception = (0..n).find(|&i| rules.exception.contains(at(i)));
    let (suffix_start, listed) = match exception {
        Some(i) if i + 1 < n => (i + 1, true),
        _ => {
            let matched = (0..n).find(|&i| {
                rules.exact.contains(at(i)) || (i + 1 < n && rules.wildcard.contains(at(i + 1)))
            });
            match matched {
                Some(i) => (i, true),
                None => (n - 1, false),
            }
        }
    };
    Parts {
        suffix: at(suffix_start),
        registrable: suffix_start.checked_sub(1).map(at),
        listed,
    }
}

/// The registrable domain of a lower-case ASCII domain name, or `None` when
/// the name is a public suffix itself.
///
/// ```
/// assert_eq!(beian_rules::psl::registrable_domain("a.b.example.co.uk"), Some("example.co.uk"));
/// ```
pub fn registrable_domain(domain: &str) -> Option<&str> {
    parts(domain).registrable
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_and_exception_rules() {
        // *.kawasaki.jp with !city.kawasaki.jp
        assert_eq!(
            registrable_domain("a.b.kawasaki.jp"),
            Some("a.b.kawasaki.jp")
        );
        assert_eq!(registrable_domain("b.kawasaki.jp"), None);
        assert_eq!(
            registrable_domain("city.kawasaki.jp"),
            Some("city.kawasaki.jp")
        );
        assert_eq!(
            registrable_domain("www.city.kawasaki.jp"),
            Some("city.kawasaki.jp")
        );
    }

    #[test]
    fn unlisted_tld_uses_default_rule() {
        let p = parts("b.example.example");
        assert_eq!(p.registrable, Some("example.example"));
        assert!(!p.listed);
        assert!(parts("example.com").listed);
    }

    #[test]
    fn chinese_suffixes() {
        assert_eq!(
            registrable_domain("www.example.gov.cn"),
            Some("example.gov.cn")
        );
        assert_eq!(
            registrable_domain("xn--fsqu00a.xn--fiqs8s"),
            Some("xn--fsqu00a.xn--fiqs8s")
        );
        assert_eq!(registrable_domain("xn--fiqs8s"), None);
    }

    #[test]
    fn total_on_odd_input() {
        for s in ["", ".", "..", "a..b", ".com", "com.", "é.中国"] {
            let _ = parts(s);
        }
    }
}
