//! The Public Suffix List's rules as a trie of labels read from the right,
//! and its walk (moved here from `beian_rules::psl`, which holds the data
//! and the public API, to be built at opt-level 3).

/// `x` is a rule.
pub const EXACT: u8 = 1;
/// `*.x` is a rule.
pub const WILDCARD: u8 = 2;
/// `!x` is a rule.
pub const EXCEPTION: u8 = 4;
/// The node's label is the canonical A-label of Chinese characters (it
/// has an [`Alias`]).
const PLAIN_A_LABEL: u8 = 8;

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
/// below the node `cn` below the root (node 0). Built once from the
/// generated tables ([`Trie::build`]); [`split`] walks it.
pub struct Trie {
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

    /// The trie of the rules: `exact`, the exact rules reversed
    /// (`cn.com`), sorted and front-coded ([`front_decoded`]);
    /// `wildcard` (`x` for `*.x`) and `exception` (`x` for `!x`) a rule a
    /// line. ASCII (punycode) only; the Unicode form of each punycode
    /// label of Chinese characters ([`crate::is_plain_unicode_label`]) is
    /// added as another name of its node.
    pub fn build(exact: &str, wildcard: &str, exception: &str) -> Trie {
        // Every rule's reversed name, one after the other in `text`: its
        // range there and its kind.
        let mut text: Vec<u8> = Vec::new();
        let mut rules: Vec<(usize, usize, u8)> = Vec::new();
        // EXACT: per rule a byte below 0x20, the length of the prefix it
        // shares with the rule before, then the rest of it.
        for range in front_decoded(exact.as_bytes(), &mut text) {
            rules.push((range.start, range.end, EXACT));
        }
        for (list, flag) in [(wildcard, WILDCARD), (exception, EXCEPTION)] {
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
        let mut plain = Vec::new();
        for (n, node) in nodes.iter().enumerate() {
            let label = text
                .get(node.label_start as usize..node.label_end as usize)
                .unwrap_or_default();
            let unicode = label
                .strip_prefix("xn--")
                .and_then(idna::punycode::decode_to_string)
                .filter(|u| crate::is_plain_unicode_label(u))
                .filter(|_| crate::is_plain_a_label(label.as_bytes()));
            if let Some(unicode) = unicode {
                plain.push(n);
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
        for n in plain {
            nodes[n].flags |= PLAIN_A_LABEL;
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
pub fn front_decoded(bytes: &[u8], text: &mut Vec<u8>) -> Vec<std::ops::Range<usize>> {
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

/// The split of a domain name by the rules, by byte offsets: where the
/// suffix and the registrable domain start, and whether a rule matched
/// (`beian_rules::psl::parts`). Offsets follow dots (or are 0), so
/// they lie on character boundaries.
pub fn split(trie: &Trie, domain: &[u8]) -> (Option<usize>, Option<usize>, bool) {
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

impl Trie {
    /// True when `label` is a top-level domain of the rules written as the
    /// canonical A-label of Chinese characters (`xn--fiqs8s`): what
    /// [`crate::is_plain_a_label`] says of it, without decoding it.
    #[inline]
    pub fn is_plain_a_tld(&self, label: &[u8]) -> bool {
        self.child(0, label, hash(0, label))
            .is_some_and(|(_, flags)| flags & PLAIN_A_LABEL != 0)
    }

    /// Every rule in the trie, forward (`com.cn`), with its kind
    /// ([`EXACT`], [`WILDCARD`] or [`EXCEPTION`]), for tests.
    pub fn rules(&self) -> Vec<(String, u8)> {
        let mut out = Vec::new();
        let mut stack = vec![(0usize, Vec::<String>::new())];
        while let Some((node, path)) = stack.pop() {
            let n = &self.nodes[node];
            for flag in [EXACT, WILDCARD, EXCEPTION] {
                if n.flags & flag != 0 {
                    let name: Vec<&str> = path.iter().rev().map(String::as_str).collect();
                    out.push((name.join("."), flag));
                }
            }
            for child in n.first_child..n.end_child {
                let mut p = path.clone();
                p.push(self.label(&self.nodes[child as usize]).to_string());
                stack.push((child as usize, p));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `co.uk`, `uk`, `*.ck`, `!www.ck`, `中国` (`xn--fiqs8s`) front-coded.
    fn small() -> Trie {
        Trie::build("\0ck\0uk\u{2}.co\0xn--fiqs8s", "ck", "www.ck")
    }

    #[test]
    fn holds_its_rules() {
        let mut rules = small().rules();
        rules.sort();
        let want = [
            ("ck", EXACT),
            ("ck", WILDCARD),
            ("co.uk", EXACT),
            ("uk", EXACT),
            ("www.ck", EXCEPTION),
            ("xn--fiqs8s", EXACT),
        ];
        let want: Vec<(String, u8)> = want.iter().map(|(r, f)| (r.to_string(), *f)).collect();
        assert_eq!(rules, want);
    }

    #[test]
    fn splits_by_the_rules() {
        let trie = small();
        assert_eq!(
            split(&trie, b"www.example.co.uk"),
            (Some(12), Some(4), true)
        );
        assert_eq!(split(&trie, b"a.b.ck"), (Some(2), Some(0), true));
        assert_eq!(split(&trie, b"www.ck"), (Some(4), Some(0), true));
        assert_eq!(split(&trie, b"a.example"), (Some(2), Some(0), false));
        // The Unicode form of a punycode label of Chinese characters.
        let host = "www.例子.中国";
        assert_eq!(split(&trie, host.as_bytes()), (Some(11), Some(4), true));
        assert_eq!(
            split(&trie, b"www.xn--fsqu00a.xn--fiqs8s"),
            (Some(16), Some(4), true)
        );
    }
}
