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

use crate::generated::psl;

/// Version line of the embedded list, e.g. `2026-10-22_08-36-41_UTC`.
pub const VERSION: &str = psl::VERSION;

/// `x` is a rule.
const EXACT: u8 = 1;
/// `*.x` is a rule.
const WILDCARD: u8 = 2;
/// `!x` is a rule.
const EXCEPTION: u8 = 4;

/// A node of the trie: one label below its parent.
struct Node {
    /// The label: `text[label_start..label_end]`.
    label_start: u32,
    label_end: u32,
    /// The children: `nodes[first_child..end_child]`, sorted by label.
    first_child: u32,
    end_child: u32,
    /// Which rules end here.
    flags: u8,
    /// The parent node.
    parent: u32,
}

/// Another name of a node: the Unicode form (UTF-8) of a punycode label of
/// Chinese characters (`中国` for `xn--fiqs8s`), so that a host of such
/// labels is looked up as it is, without encoding it (the npm package's
/// IDN fast path, `domain::idn_registrable_start`).
struct Alias {
    /// The label: `text[label_start..label_end]`.
    label_start: u32,
    label_end: u32,
    /// The node's parent.
    parent: u32,
    /// The node it names.
    node: u32,
}

/// A slot holding this bit holds an alias's number (below the bit), not a
/// node's.
const ALIAS: u32 = 1 << 31;

/// The rules as a trie of labels from the right: `com.cn` is the node `com`
/// below the node `cn` below the root (node 0).
struct Trie {
    /// Every rule with its labels reversed (`cn.com`), one after the other,
    /// then the aliases' labels; the nodes' labels point into it.
    text: String,
    nodes: Vec<Node>,
    aliases: Vec<Alias>,
    /// Open addressing by (parent, label): node numbers, or alias numbers
    /// with [`ALIAS`], 0 for an empty slot (the root is nobody's child); a
    /// power of two long.
    slots: Vec<u32>,
}

/// FNV-1a of a label's bytes from its end (the order in which `parts`
/// reads them, looking for the dot before the label), mixed with its
/// parent's number: [`hash_start`], [`hash_byte`] per byte, [`hash_end`].
fn hash(parent: u32, label: &[u8]) -> u32 {
    hash_end(
        label
            .iter()
            .rev()
            .fold(hash_start(parent), |h, &b| hash_byte(h, b)),
    )
}

// Inlined (also at opt-level "z"): `parts` is the hot path of the npm
// package's `registrableDomain`.
#[inline(always)]
fn hash_start(parent: u32) -> u32 {
    0x811c_9dc5 ^ parent.wrapping_mul(0x9e37_79b9)
}

#[inline(always)]
fn hash_byte(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

#[inline(always)]
fn hash_end(h: u32) -> u32 {
    h ^ (h >> 15)
}

impl Trie {
    #[cfg(test)]
    fn label(&self, node: &Node) -> &str {
        self.text
            .get(node.label_start as usize..node.label_end as usize)
            .unwrap_or_default()
    }

    /// The label's bytes (no UTF-8 boundary checks: the hot path).
    #[inline(always)]
    fn label_bytes(&self, node: &Node) -> &[u8] {
        self.text
            .as_bytes()
            .get(node.label_start as usize..node.label_end as usize)
            .unwrap_or_default()
    }

    /// The child of `parent` with `label` (or with an alias `label`),
    /// whose [`hash`] is `h`: its number and flags.
    #[inline(always)]
    fn child(&self, parent: usize, label: &[u8], h: u32) -> Option<(usize, u8)> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = h as usize & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot & ALIAS == 0 {
                let n = slot as usize;
                let node = self.nodes.get(n)?;
                if node.parent as usize == parent && self.label_bytes(node) == label {
                    return Some((n, node.flags));
                }
            } else {
                let alias = self.aliases.get((slot & !ALIAS) as usize)?;
                let text = self.text.as_bytes();
                let own = text.get(alias.label_start as usize..alias.label_end as usize);
                if alias.parent as usize == parent && own == Some(label) {
                    let n = alias.node as usize;
                    return Some((n, self.nodes.get(n)?.flags));
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn build() -> Trie {
        // Every rule's reversed name, one after the other in `text`: its
        // range there and its kind.
        let mut text: Vec<u8> = Vec::new();
        let mut rules: Vec<(usize, usize, u8)> = Vec::new();
        // EXACT: per rule a byte below 0x20, the length of the prefix it
        // shares with the rule before, then the rest of it.
        for range in front_decoded(psl::EXACT.as_bytes(), &mut text) {
            rules.push((range.start, range.end, EXACT));
        }
        for (list, flag) in [(psl::WILDCARD, WILDCARD), (psl::EXCEPTION, EXCEPTION)] {
            for rule in list.lines() {
                let start = text.len();
                for (n, label) in rule.rsplit('.').enumerate() {
                    if n > 0 {
                        text.push(b'.');
                    }
                    text.extend_from_slice(label.as_bytes());
                }
                rules.push((start, text.len(), flag));
            }
        }
        // The generator writes ASCII only.
        let text = String::from_utf8(text).unwrap_or_default();
        let labels = |r: &(usize, usize, u8)| text.get(r.0..r.1).unwrap_or_default().split('.');
        rules.sort_by(|a, b| labels(a).cmp(labels(b)));
        // Breadth first, so that each node's children lie side by side:
        // the rules in `range` share their first `depth` labels, the path to
        // `node`.
        let mut nodes = vec![Node {
            label_start: 0,
            label_end: 0,
            first_child: 0,
            end_child: 0,
            flags: 0,
            parent: 0,
        }];
        let mut queue = std::collections::VecDeque::from([(0, 0..rules.len(), 0)]);
        while let Some((node, range, depth)) = queue.pop_front() {
            let first_child = nodes.len();
            let mut i = range.start;
            while i < range.end {
                let rule = &rules[i];
                let Some(label) = labels(rule).nth(depth) else {
                    // The rule ends at this node (sorting put it first).
                    nodes[node].flags |= rule.2;
                    i += 1;
                    continue;
                };
                let group_end = (i..range.end)
                    .find(|&j| labels(&rules[j]).nth(depth) != Some(label))
                    .unwrap_or(range.end);
                // Where the label lies in `text`: after `depth` labels and dots.
                let label_start =
                    rule.0 + labels(rule).take(depth).map(|l| l.len() + 1).sum::<usize>();
                nodes.push(Node {
                    label_start: label_start as u32,
                    label_end: (label_start + label.len()) as u32,
                    first_child: 0,
                    end_child: 0,
                    flags: 0,
                    parent: node as u32,
                });
                queue.push_back((nodes.len() - 1, i..group_end, depth + 1));
                i = group_end;
            }
            nodes[node].first_child = first_child as u32;
            nodes[node].end_child = nodes.len() as u32;
        }
        // The Unicode form of each punycode label of Chinese characters.
        let mut text = text;
        let mut aliases = Vec::new();
        for (n, node) in nodes.iter().enumerate() {
            let label = text
                .get(node.label_start as usize..node.label_end as usize)
                .unwrap_or_default();
            let unicode = label
                .strip_prefix("xn--")
                .and_then(idna::punycode::decode_to_string)
                .filter(|u| crate::domain::is_plain_unicode_label(u));
            if let Some(unicode) = unicode {
                let label_start = text.len() as u32;
                text.push_str(&unicode);
                aliases.push(Alias {
                    label_start,
                    label_end: text.len() as u32,
                    parent: node.parent,
                    node: n as u32,
                });
            }
        }
        let mut slots = vec![0u32; ((nodes.len() + aliases.len()) * 2).next_power_of_two()];
        let mask = slots.len() - 1;
        let mut put = |parent: u32, label: &[u8], value: u32| {
            let mut i = hash(parent, label) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = value;
        };
        let bytes = text.as_bytes();
        for (n, node) in nodes.iter().enumerate().skip(1) {
            let label = &bytes[node.label_start as usize..node.label_end as usize];
            put(node.parent, label, n as u32);
        }
        for (a, alias) in aliases.iter().enumerate() {
            let label = &bytes[alias.label_start as usize..alias.label_end as usize];
            put(alias.parent, label, a as u32 | ALIAS);
        }
        Trie {
            text,
            nodes,
            aliases,
            slots,
        }
    }
}

/// Decodes a front-coded list of names (per name a byte below 0x20, the
/// length of the prefix it shares with the name before, then the rest of
/// it; written by `beian-datagen`) onto the end of `text`: each name's
/// range there.
fn front_decoded(bytes: &[u8], text: &mut Vec<u8>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut previous = 0..0;
    let mut i = 0;
    while i < bytes.len() {
        let shared = usize::from(bytes[i]).min(previous.len());
        let rest_end = bytes[i + 1..]
            .iter()
            .position(|&b| b < b' ')
            .map_or(bytes.len(), |p| i + 1 + p);
        let start = text.len();
        text.extend_from_within(previous.start..previous.start + shared);
        text.extend_from_slice(&bytes[i + 1..rest_end]);
        previous = start..text.len();
        out.push(previous.clone());
        i = rest_end;
    }
    out
}

static TRIE: LazyLock<Trie> = LazyLock::new(Trie::build);

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

/// [`parts`] by byte offsets: where the suffix and the registrable domain
/// start, and whether a rule matched. Offsets follow dots (or are 0), so
/// they lie on character boundaries.
fn split(domain: &[u8]) -> (Option<usize>, Option<usize>, bool) {
    let trie = &*TRIE;
    // Walk the trie from the last label leftwards, remembering the longest
    // rule that matches (exact, or a wildcard with a label left of it) and
    // the longest exception, which wins over every other rule.
    let (mut node, mut depth, mut longest, mut exception) = (0, 0, 0, 0);
    // Where the last 1, 2 … labels start, as far as the walk went.
    let mut starts = [0usize; 8];
    let mut known = 0;
    let bytes = domain;
    let mut end = bytes.len();
    loop {
        // The label before `end` (back to a dot or the start) and its hash,
        // in one pass.
        let mut start = end;
        let mut h = hash_start(node as u32);
        while let Some(&b) = start.checked_sub(1).and_then(|i| bytes.get(i)) {
            if b == b'.' {
                break;
            }
            h = hash_byte(h, b);
            start -= 1;
        }
        if let Some(slot) = starts.get_mut(depth + 1) {
            *slot = start;
            known = depth + 1;
        }
        let label = bytes.get(start..end).unwrap_or_default();
        let Some((child, flags)) = trie.child(node, label, hash_end(h)) else {
            break;
        };
        node = child;
        depth += 1;
        let more = start > 0;
        if flags & EXCEPTION != 0 {
            exception = depth;
        }
        if flags & EXACT != 0 {
            longest = longest.max(depth);
        }
        if flags & WILDCARD != 0 && more {
            longest = longest.max(depth + 1);
        }
        if !more {
            break;
        }
        end = start - 1;
    }
    // The suffix's number of labels; the suffix of an exception rule is the
    // rule less its leftmost label; no rule: the default rule `*`.
    let (labels, listed) = if exception >= 2 {
        (exception - 1, true)
    } else if longest > 0 {
        (longest, true)
    } else {
        (1, false)
    };
    // The start of the last n labels: seen on the walk, else counted.
    let start_of = |n: usize| {
        if n <= known {
            Some(starts[n])
        } else if known > 0 && starts[known] == 0 {
            None // The walk reached the first label: there are no more.
        } else {
            tail(domain, n)
        }
    };
    (start_of(labels), start_of(labels + 1), listed)
}

/// The last `.` before `end` (labels are short: a plain loop beats
/// `rfind`'s searcher).
fn last_dot(domain: &[u8], end: usize) -> Option<usize> {
    domain.get(..end)?.iter().rposition(|&b| b == b'.')
}

/// Where the last `labels` labels (at least one) of `domain` start, `None`
/// when it has fewer.
fn tail(domain: &[u8], labels: usize) -> Option<usize> {
    let mut end = domain.len();
    for n in 1..=labels {
        match last_dot(domain, end) {
            Some(dot) if n < labels => end = dot,
            Some(dot) => return Some(dot + 1),
            None => return (n == labels).then_some(0),
        }
    }
    Some(domain.len())
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

    /// The rules in the trie, forward.
    fn rules_of_the_trie() -> Vec<(String, u8)> {
        let trie = &*TRIE;
        let mut out = Vec::new();
        let mut stack = vec![(0usize, Vec::<String>::new())];
        while let Some((node, path)) = stack.pop() {
            let n = &trie.nodes[node];
            for flag in [EXACT, WILDCARD, EXCEPTION] {
                if n.flags & flag != 0 {
                    let name: Vec<&str> = path.iter().rev().map(String::as_str).collect();
                    out.push((name.join("."), flag));
                }
            }
            for child in n.first_child..n.end_child {
                let mut p = path.clone();
                p.push(trie.label(&trie.nodes[child as usize]).to_string());
                stack.push((child as usize, p));
            }
        }
        out
    }

    #[test]
    fn trie_holds_every_rule_of_the_list() {
        let mut list = rules_of_the_list();
        let mut trie = rules_of_the_trie();
        list.sort();
        list.dedup();
        trie.sort();
        assert_eq!(trie.len(), list.len());
        assert_eq!(trie, list);
        // Children are sorted, so that binary search finds them.
        for n in &TRIE.nodes {
            let labels: Vec<&str> = TRIE.nodes[n.first_child as usize..n.end_child as usize]
                .iter()
                .map(|c| TRIE.label(c))
                .collect();
            assert!(labels.windows(2).all(|w| w[0] < w[1]), "{labels:?}");
        }
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
