//! The Public Suffix List, ICANN section only, as data (seed 002 #3: a filed
//! domain must be a registrable, "top-level" domain; 002 #21: subdomains
//! need no filing of their own).
//!
//! The rules are embedded as text generated from
//! `data/psl/public_suffix_list.dat` (see [`VERSION`]) and built into a trie
//! of labels, read from the right, at first use. The private section (e.g.
//! `github.io`) does not split names: a private suffix does not make a name
//! under it fileable. It only tells which registrable domains are registries
//! ([`private_registry`]), whose names are never suggested to an applicant.

use std::sync::LazyLock;

use beian_host::{front_decoded, Trie};

use crate::generated::psl;

/// Version line of the embedded list, e.g. `2026-10-22_08-36-41_UTC`.
pub const VERSION: &str = psl::VERSION;

/// The rules' trie (beian-host), built at first use.
static TRIE: LazyLock<Trie> =
    LazyLock::new(|| Trie::build(psl::EXACT, psl::WILDCARD, psl::EXCEPTION));

/// Where the registrable domain of a host of Unicode labels starts, in
/// UTF-16 code units: the IDN fast path ([`beian_host::unicode_registrable_start`],
/// `domain::idn_registrable_start`).
pub(crate) fn unicode_registrable_start(host: &[u8]) -> Option<Option<usize>> {
    beian_host::unicode_registrable_start(&TRIE, host)
}

/// [`beian_host::is_punycode_host`] over the rules' trie.
pub(crate) fn is_punycode_host(host: &[u8]) -> bool {
    beian_host::is_punycode_host(&TRIE, host)
}

/// [`parts`] by byte offsets (see [`beian_host::split`]).
fn split(domain: &[u8]) -> (Option<usize>, Option<usize>, bool) {
    beian_host::split(&TRIE, domain)
}

/// The registrable domains that hold private-section suffixes, in their
/// usual label order, sorted.
static PRIVATE_REGISTRIES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut text = Vec::new();
    let ranges = front_decoded(psl::PRIVATE_REGISTRIES.as_bytes(), &mut text);
    let mut names: Vec<String> = ranges
        .into_iter()
        .map(|r| {
            let reversed = std::str::from_utf8(text.get(r).unwrap_or_default()).unwrap_or_default();
            reversed.rsplit('.').collect::<Vec<_>>().join(".")
        })
        .collect();
    names.sort_unstable();
    names
});

/// The private registry a lower-case ASCII name lies under: the registrable
/// domain (by the ICANN rules) of a name below it, when that domain holds
/// suffixes of the list's private section: `cn.com` (CentralNic) for
/// `example.cn.com`, `github.io` for `me.github.io`. Names under it belong
/// to the registry's customers, so the registry's domain is never theirs to
/// file (seed 002 #3: a listed domain is a registrable domain of the
/// applicant's). `None` for the registry's own domain and everything else.
///
/// ```
/// use beian_rules::psl::private_registry;
/// assert_eq!(private_registry("example.cn.com"), Some("cn.com"));
/// assert_eq!(private_registry("a.b.github.io"), Some("github.io"));
/// assert_eq!(private_registry("cn.com"), None);
/// assert_eq!(private_registry("www.example.com"), None);
/// ```
pub fn private_registry(domain: &str) -> Option<&str> {
    let registrable = registrable_domain(domain)?;
    if registrable.len() == domain.len() {
        return None;
    }
    PRIVATE_REGISTRIES
        .binary_search_by(|n| n.as_str().cmp(registrable))
        .is_ok()
        .then_some(registrable)
}

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
    let (suffix, registrable, listed) = split(domain.as_bytes());
    Parts {
        suffix: suffix
            .and_then(|start| domain.get(start..))
            .unwrap_or(domain),
        registrable: registrable.and_then(|start| domain.get(start..)),
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

/// Where the registrable domain of a lower-case ASCII domain name given as
/// bytes starts in it (the byte offset of [`registrable_domain`]'s answer),
/// `None` when the name is a public suffix itself. The npm package's fast
/// path: no UTF-8 check, no string slicing.
///
/// ```
/// assert_eq!(beian_rules::psl::registrable_start(b"a.b.example.co.uk"), Some(4));
/// ```
pub fn registrable_start(domain: &[u8]) -> Option<usize> {
    split(domain).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use beian_host::{EXACT, EXCEPTION, WILDCARD};

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

    /// The ICANN rules of the list file itself, forward, punycode.
    fn rules_of_the_list() -> Vec<(String, u8)> {
        let text = include_str!("../data/psl/public_suffix_list.dat");
        let icann = text
            .split("===BEGIN ICANN DOMAINS===")
            .nth(1)
            .and_then(|t| t.split("===END ICANN DOMAINS===").next())
            .unwrap();
        let mut rules = Vec::new();
        for line in icann.lines().map(str::trim) {
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let (name, flag) = if let Some(rest) = line.strip_prefix("*.") {
                (rest, WILDCARD)
            } else if let Some(rest) = line.strip_prefix('!') {
                (rest, EXCEPTION)
            } else {
                (line, EXACT)
            };
            rules.push((idna::domain_to_ascii(name).unwrap(), flag));
        }
        rules
    }

    /// A top-level domain the trie calls a plain A-label is one, and the
    /// other way round (the IDN fast path looks them up, not decodes).
    #[test]
    fn plain_a_tlds_are_the_decoded_ones() {
        let mut seen = 0;
        for (rule, _) in TRIE.rules() {
            let tld = rule.rsplit('.').next().unwrap_or_default().as_bytes();
            if tld.starts_with(b"xn--") {
                let plain = beian_host::is_plain_a_label(tld);
                assert_eq!(TRIE.is_plain_a_tld(tld), plain, "{rule}");
                seen += usize::from(plain);
            }
        }
        assert!(seen > 20, "{seen}");
        assert!(!TRIE.is_plain_a_tld(b"xn--p1ai")); // рф
    }

    #[test]
    fn trie_holds_every_rule_of_the_list() {
        let mut list = rules_of_the_list();
        let mut trie = TRIE.rules();
        list.sort();
        list.dedup();
        trie.sort();
        assert_eq!(trie.len(), list.len());
        assert_eq!(trie, list);
    }

    type Sets<'a> = [std::collections::HashSet<&'a str>; 3];

    /// The algorithm of the list's definition, over sets of rules (exact,
    /// wildcard, exception): suffix start, registrable start, listed.
    fn reference(
        domain: &str,
        [exact, wildcard, exception]: &Sets,
    ) -> (usize, Option<usize>, bool) {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(domain.match_indices('.').map(|(i, _)| i + 1))
            .collect();
        let at = |i: usize| &domain[starts[i]..];
        let n = starts.len();
        let found = (0..n).find(|&i| exception.contains(at(i)));
        let (start, listed) = match found {
            Some(i) if i + 1 < n => (i + 1, true),
            _ => match (0..n)
                .find(|&i| exact.contains(at(i)) || (i + 1 < n && wildcard.contains(at(i + 1))))
            {
                Some(i) => (i, true),
                None => (n - 1, false),
            },
        };
        (
            starts[start],
            start.checked_sub(1).map(|i| starts[i]),
            listed,
        )
    }

    #[test]
    fn trie_agrees_with_the_definition() {
        let rules = rules_of_the_list();
        let set = |flag: u8| {
            rules
                .iter()
                .filter(|r| r.1 == flag)
                .map(|r| r.0.as_str())
                .collect()
        };
        let sets: Sets = [set(EXACT), set(WILDCARD), set(EXCEPTION)];
        let mut inputs: Vec<String> = vec![
            "".into(),
            ".".into(),
            "a..b".into(),
            "com.".into(),
            ".com".into(),
            "www.ck".into(),
            "a.www.ck".into(),
            "x.y.ck".into(),
            "ck".into(),
        ];
        for (rule, _) in &rules {
            inputs.push(rule.clone());
            inputs.push(format!("a.{rule}"));
            inputs.push(format!("b.a.{rule}"));
            inputs.push(format!("{rule}.zz"));
            if let Some((_, parent)) = rule.split_once('.') {
                inputs.push(format!("x.{parent}"));
            }
        }
        for domain in &inputs {
            let p = parts(domain);
            let (suffix, registrable, listed) = reference(domain, &sets);
            assert_eq!(p.suffix, &domain[suffix..], "{domain}");
            assert_eq!(p.registrable, registrable.map(|s| &domain[s..]), "{domain}");
            assert_eq!(p.listed, listed, "{domain}");
        }
    }

    #[test]
    fn total_on_odd_input() {
        for s in ["", ".", "..", "a..b", ".com", "com.", "é.中国"] {
            let _ = parts(s);
        }
    }
}
