//! The Public Suffix List's own test vectors (`tests/data/psl/test_psl.txt`,
//! public domain, shipped with the list of 2026-10-22; see SOURCE.md there).
//!
//! `checkPublicSuffix(input, expected)` expects the registrable domain of the
//! input, or null. Inputs are converted with IDNA first and the answer back
//! to the input's script, as the list's reference implementation does.

use beian_rules::{domain, psl};

const VECTORS: &str = include_str!("../../../tests/data/psl/test_psl.txt");
const LIST: &str = include_str!("../data/psl/public_suffix_list.dat");

/// Vectors whose answer depends on a rule of the list's private section,
/// which this crate leaves out on purpose (a private suffix does not make a
/// name under it fileable): `uk.com` is a private rule.
const PRIVATE_RULE_VECTORS: [(&str, &str); 4] = [
    ("uk.com", "uk.com"),
    ("example.uk.com", "uk.com"),
    ("b.example.uk.com", "uk.com"),
    ("a.b.example.uk.com", "uk.com"),
];

fn private_section() -> &'static str {
    let start = LIST
        .find("===BEGIN PRIVATE DOMAINS===")
        .expect("private section");
    &LIST[start..]
}

fn parse_arg(s: &str) -> Option<String> {
    let s = s.trim();
    if s == "null" {
        None
    } else {
        Some(s.trim_matches('\'').to_string())
    }
}

fn registrable(input: &str) -> Option<String> {
    // A leading dot is an empty label: no answer.
    if input.starts_with('.') {
        return None;
    }
    let ascii = domain::to_ascii(input).ok()?;
    let r = psl::registrable_domain(&ascii)?;
    Some(if input.is_ascii() {
        r.to_string()
    } else {
        domain::to_unicode(r)
    })
}

#[test]
fn official_check_public_suffix_vectors() {
    let mut count = 0;
    let mut failures = Vec::new();
    for line in VECTORS.lines() {
        let Some(args) = line.trim().strip_prefix("checkPublicSuffix(") else {
            continue;
        };
        let args = args.trim_end_matches(");");
        let (input, expected) = args.split_once(',').expect("two arguments");
        let (input, expected) = (parse_arg(input), parse_arg(expected));
        let got = input.as_deref().and_then(registrable);
        let mut expected = expected.map(|e| e.to_lowercase());
        if let Some((_, icann_answer)) = PRIVATE_RULE_VECTORS
            .iter()
            .find(|(i, _)| Some(*i) == input.as_deref())
        {
            expected = Some(icann_answer.to_string());
        }
        if got != expected {
            failures.push(format!("{input:?}: got {got:?}, want {expected:?}"));
        }
        count += 1;
    }
    assert!(count > 70, "only {count} vectors read");
    assert!(
        failures.is_empty(),
        "{} of {count} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn divergent_vectors_really_depend_on_private_rules() {
    assert!(private_section().lines().any(|l| l.trim() == "uk.com"));
    for (input, _) in PRIVATE_RULE_VECTORS {
        assert!(
            VECTORS.contains(&format!("checkPublicSuffix('{input}',")),
            "{input}"
        );
    }
}
