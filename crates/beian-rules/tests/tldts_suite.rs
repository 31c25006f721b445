//! tldts' own test suite (`tests/data/tldts/tldts-tests.ts`, MIT; see
//! SOURCE.md there) read as data: each `getDomain('…')`,
//! `getPublicSuffix('…')` and `parse('…')` expectation without options (the
//! ICANN section, tldts' default and ours) and the ICANN rows of its
//! "whatwg URL spec" table, checked against
//! [`beian_rules::domain::registrable_domain`] and [`beian_rules::psl`].
//! Every case must agree except those in [`DIFFERENCES`] (also in the
//! README's table of deliberate differences).
//!
//! tldts takes a URL, an e-mail address or a host and finds the host in it
//! first; so does this harness, with the `url` crate (the URL Standard) for
//! URLs, the part after `@` for e-mail addresses and the text without the
//! dots around it for hosts. What is compared is the registrable domain.

use beian_rules::{domain, psl};

const SUITE: &str = include_str!("../../../tests/data/tldts/tldts-tests.ts");

/// Inputs whose answer differs on purpose: (input, ours, why).
const DIFFERENCES: [(&str, Option<&str>, &str); 4] = [
    (
        "spf_.google.com",
        None,
        "a filed domain is a host name: UTS #46 with the STD3 rules (what the filing \
         system and browsers' IDNA use for host names) refuses `_`, so such a name has no \
         registrable domain for us; tldts accepts DNS record names such as SPF labels",
    ),
    (
        "_spf.google.com",
        None,
        "the same: `_` is not a host-name character",
    ),
    (
        "s_pf.google.com",
        None,
        "the same: `_` is not a host-name character",
    ),
    (
        "b.__proto__.ck",
        None,
        "the same: `_` is not a host-name character (tldts tests a JavaScript prototype \
         name as a label; `*.ck` is the rule it exercises)",
    ),
];

/// One expectation of the suite: the function, its input, the answer.
#[derive(Debug)]
struct Case {
    function: &'static str,
    input: String,
    want: Option<String>,
}

/// A single-quoted TypeScript string literal at the start of `s` (after
/// white space): its text and the rest of `s`.
fn literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start().strip_prefix('\'')?;
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => return Some((out, &s[i + 1..])),
            '\\' => out.push(chars.next()?.1),
            '\n' => return None,
            c => out.push(c),
        }
    }
    None
}

/// `'text'` or `null` at the start of `s`.
fn answer(s: &str) -> Option<(Option<String>, &str)> {
    if let Some(rest) = s.trim_start().strip_prefix("null") {
        return Some((None, rest));
    }
    literal(s).map(|(v, rest)| (Some(v), rest))
}

/// Removes white space and the given punctuation from the start of `s`.
fn skip<'a>(s: &'a str, punctuation: &[char]) -> &'a str {
    s.trim_start_matches(|c: char| c.is_whitespace() || punctuation.contains(&c))
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (function, call) in [
        ("getDomain", "tldts.getDomain("),
        ("getPublicSuffix", "tldts.getPublicSuffix("),
        ("parse", "tldts.parse("),
    ] {
        for (at, _) in SUITE.match_indices(call) {
            // Not in a commented-out line.
            let line_start = SUITE[..at].rfind('\n').map_or(0, |n| n + 1);
            if SUITE[line_start..at].trim_start().starts_with("//") {
                continue;
            }
            let Some((input, rest)) = literal(&SUITE[at + call.len()..]) else {
                continue; // A template literal or a variable.
            };
            // No options: the call closes right after the input.
            let Some(rest) = skip(rest, &[]).strip_prefix(')') else {
                continue;
            };
            let rest = skip(rest, &[',', ')']);
            let want = if let Some(rest) = rest.strip_prefix(".to.equal(") {
                answer(rest).map(|a| a.0)
            } else if let Some(rest) = rest.strip_prefix(".to.deep.include({") {
                // `domain: '…'` inside the object.
                let object = rest.split("})").next().unwrap_or_default();
                object
                    .split_once("domain: ")
                    .and_then(|(_, v)| answer(v))
                    .map(|a| a.0)
            } else {
                None
            };
            if let Some(want) = want {
                out.push(Case {
                    function,
                    input,
                    want,
                });
            }
        }
    }
    // The ICANN rows of the "whatwg URL spec" table: [input, suffix, domain].
    let table = SUITE
        .split("describe('whatwg URL spec'")
        .nth(1)
        .and_then(|t| t.split(": ([").nth(1))
        .and_then(|t| t.split("] as const)").next())
        .unwrap_or_default();
    for row in table.lines().map(str::trim) {
        let Some(row) = row.strip_prefix('[') else {
            continue;
        };
        let Some((input, rest)) = literal(row) else {
            continue;
        };
        let Some((suffix, rest)) = answer(skip(rest, &[','])) else {
            continue;
        };
        let Some((domain, _)) = answer(skip(rest, &[','])) else {
            continue;
        };
        out.push(Case {
            function: "getPublicSuffix",
            input: input.clone(),
            want: suffix,
        });
        out.push(Case {
            function: "getDomain",
            input,
            want: domain,
        });
    }
    out
}

/// The host tldts would find in `input`.
fn host(input: &str) -> Option<String> {
    let input = input.trim();
    let is_url = input.split_once(':').is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && rest.starts_with('/')
    });
    let host = if is_url {
        url::Url::parse(input).ok()?.host_str()?.to_string()
    } else if let Some((_, after)) = input.rsplit_once('@') {
        after.to_string()
    } else {
        input.to_string()
    };
    Some(host.trim_matches('.').to_string())
}

/// What we answer for a case.
fn ours(case: &Case) -> Option<String> {
    let host = host(&case.input)?;
    match case.function {
        "getPublicSuffix" => {
            if host.starts_with('[') {
                return None;
            }
            let ascii = domain::to_ascii(&host).ok()?;
            let suffix = psl::parts(&ascii).suffix.to_string();
            Some(if host.is_ascii() {
                suffix
            } else {
                domain::to_unicode(&suffix)
            })
        }
        _ => domain::registrable_domain(&host),
    }
}

#[test]
fn every_icann_case_of_tldts_agrees() {
    let cases = cases();
    assert!(cases.len() >= 50, "{} cases: parse error?", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = ours(case);
        match DIFFERENCES.iter().find(|d| d.0 == case.input) {
            Some((_, want, _)) => assert_eq!(got.as_deref(), *want, "{case:?}"),
            None if got != case.want => failures.push(format!("{case:?}: ours {got:?}")),
            None => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{} cases of tldts' suite checked", cases.len());
}

#[test]
fn differences_are_real_cases() {
    let cases = cases();
    for (input, _, why) in DIFFERENCES {
        assert!(!why.is_empty());
        assert!(
            cases.iter().any(|c| c.input == input),
            "{input} is not in the suite"
        );
    }
}
