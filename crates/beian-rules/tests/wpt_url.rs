//! The URL Standard's own conformance tests (web-platform-tests
//! `url/resources/urltestdata.json`, copied to `tests/data/wpt-url/` with
//! its `SOURCE.md`) run through the homepage rules (1041, seed 002 #13).
//!
//! Which entries apply, and what is required of us:
//!
//! - input with the scheme `http` or `https` that does not depend on the
//!   base URL (no base, a base of another scheme, or `//` right after the
//!   scheme: the URL parser then takes the same path with or without a
//!   base):
//!   - the standard fails → [`homepage::url_host`] fails and the homepage
//!     gets a finding;
//!   - the standard gives a URL → [`homepage::url_host`] is its `hostname`,
//!     [`homepage::canonical`] starts with its scheme, host and port, and
//!     [`homepage::validate`] with
//!     that host listed as the domain gives what the filing rules say of
//!     it: userinfo, port 0, an IP address and a host that is not a domain
//!     name are findings, anything else is accepted;
//! - input with another scheme (base or not) → `homepage.scheme`;
//! - input without a scheme and no base → the standard fails, so a finding
//!   and no host, except where [`DIFFERENCES`] says otherwise.
//!
//! [`DIFFERENCES`] lists the entries where we differ from the standard on
//! purpose (README.md, "Where we differ from a conformance suite on
//! purpose"); every other entry must agree, and every listed one must still
//! differ.

use beian_rules::domain;
use beian_rules::homepage::{self, HomepageError};
use serde_json::Value;

const DATA: &str = include_str!("../../../tests/data/wpt-url/urltestdata.json");

/// What we answer for an entry where we differ from the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ours {
    /// We read this host where the standard fails.
    Host(&'static str),
}

/// Entries where we differ from the URL Standard on purpose: the input and
/// what we answer. The reasons are in README.md.
///
/// Text without a scheme is a homepage written the way 004 writes one
/// (`www.hao.com`): we read it as `http://` + text, where the standard,
/// without a base URL, fails. Each still gets a finding (the host is not a
/// listed domain, or not a host name at all).
const DIFFERENCES: &[(&str, Ours)] = &[
    ("\\\\\\.\\Y:", Ours::Host(".")),
    ("\\\\\\.\\y:", Ours::Host(".")),
    ("a", Ours::Host("a")),
    ("a/", Ours::Host("a")),
    ("a//", Ours::Host("a")),
];

/// The scheme as the URL Standard reads it: leading C0 controls and spaces
/// skipped, tabs and newlines removed, lower case. With the rest after `:`.
fn scheme(input: &str) -> Option<(String, String)> {
    let clean: String = input
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = clean.find(':')?;
    let scheme = &clean[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme.to_ascii_lowercase(), clean[colon + 1..].to_string()))
}

/// Which entries apply and how (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `http:` or `https:`, the base does not matter: compared in full.
    Http,
    /// Another scheme (with or without a base): not a homepage.
    OtherScheme,
    /// No scheme and no base: the standard fails; we read `http://` + input.
    NoScheme,
}

fn kind(entry: &Value) -> Option<Kind> {
    let input = entry["input"].as_str()?;
    let base = entry["base"].as_str();
    match scheme(input) {
        Some((s, rest)) if s == "http" || s == "https" => {
            let base_free = match base {
                None => true,
                Some(base) => rest.starts_with("//") || scheme(base).is_none_or(|(b, _)| b != s),
            };
            base_free.then_some(Kind::Http)
        }
        // A "scheme" with a dot is a host and port to us (`example.com:80`).
        Some((s, _)) if !s.contains('.') => Some(Kind::OtherScheme),
        Some(_) => None,
        None => base.is_none().then_some(Kind::NoScheme),
    }
}

/// The entries that apply, with how.
fn entries() -> Vec<(Kind, Value)> {
    let all: Vec<Value> = serde_json::from_str(DATA).expect("urltestdata.json is JSON");
    all.into_iter()
        .filter_map(|e| Some((kind(&e)?, e)))
        .collect()
}

/// What the filing rules say of a URL the standard reads as `entry`, with
/// its host listed as the domain.
fn filing_verdict(entry: &Value) -> Result<String, HomepageError> {
    let field = |k: &str| entry[k].as_str().unwrap_or_default();
    let host = field("hostname");
    if !field("username").is_empty() || !field("password").is_empty() {
        Err(HomepageError::Userinfo)
    } else if field("port") == "0" {
        Err(HomepageError::Port)
    } else if host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok() {
        Err(HomepageError::IpAddress)
    } else if domain::to_ascii(host).as_deref() != Ok(host) {
        Err(HomepageError::Host)
    } else {
        Ok(host.to_string())
    }
}

/// What is wrong with our answer for one entry, if anything.
fn disagreement(kind: Kind, entry: &Value) -> Option<String> {
    let input = entry["input"].as_str().unwrap_or_default();
    let probe = ["example.com".to_string()];
    if kind == Kind::OtherScheme {
        let verdict = homepage::validate(input, &probe);
        let host = homepage::url_host(input);
        if verdict != Err(HomepageError::Scheme) || host != Err(HomepageError::Scheme) {
            return Some(format!(
                "another scheme, we say {verdict:?} and read {host:?}"
            ));
        }
        return None;
    }
    if entry["failure"].as_bool() == Some(true) {
        let host = homepage::url_host(input);
        let findings = homepage::findings(input, &probe, "/p");
        if host.is_ok() || findings.is_empty() || homepage::validate(input, &probe).is_ok() {
            return Some(format!("the standard fails, we read host {host:?}"));
        }
        return None;
    }
    if kind == Kind::NoScheme {
        return Some("without a base the standard fails on every input without a scheme".into());
    }
    let hostname = entry["hostname"].as_str().unwrap_or_default();
    let href = entry["href"].as_str().unwrap_or_default();
    let host = homepage::url_host(input);
    if host.as_deref() != Ok(hostname) {
        return Some(format!("the standard reads host {hostname:?}, we {host:?}"));
    }
    // Scheme, host and port as the standard writes them (the path, query
    // and fragment stay as written).
    let origin = format!("{}//{}/", field(entry, "protocol"), field(entry, "host"));
    let canonical = homepage::canonical(input);
    if !canonical.starts_with(&origin) {
        return Some(format!("the standard writes {href:?}, we {canonical:?}"));
    }
    let listed = [hostname.to_string()];
    let verdict = homepage::validate(input, &listed);
    let expected = filing_verdict(entry);
    if verdict != expected {
        return Some(format!("the filing rules say {expected:?}, we {verdict:?}"));
    }
    let findings = homepage::findings(input, &listed, "/p");
    if findings.is_empty() != verdict.is_ok() {
        return Some(format!("findings {findings:?} for {verdict:?}"));
    }
    None
}

fn field<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry[key].as_str().unwrap_or_default()
}

/// Our answer for an entry listed in [`DIFFERENCES`].
fn ours(input: &str) -> Ours {
    match homepage::url_host(input) {
        Ok(host) => Ours::Host(Box::leak(host.into_boxed_str())),
        Err(e) => panic!("{input:?}: listed as read, we fail with {e:?}"),
    }
}

#[test]
fn entries_agree_with_the_url_standard() {
    let entries = entries();
    let count = |k: Kind| entries.iter().filter(|(kind, _)| *kind == k).count();
    eprintln!(
        "{} http(s), {} of another scheme, {} without scheme",
        count(Kind::Http),
        count(Kind::OtherScheme),
        count(Kind::NoScheme)
    );
    assert!(count(Kind::Http) > 300 && count(Kind::OtherScheme) > 100 && count(Kind::NoScheme) > 5);
    let mut wrong = Vec::new();
    let mut differences_seen = Vec::new();
    for (kind, entry) in &entries {
        let input = entry["input"].as_str().unwrap_or_default();
        let listed = DIFFERENCES.iter().find(|(i, _)| *i == input);
        match (disagreement(*kind, entry), listed) {
            (None, None) => {}
            (Some(why), None) => wrong.push(format!("{input:?}: {why}")),
            (None, Some(_)) => wrong.push(format!("{input:?}: listed as a difference but agrees")),
            (Some(_), Some((_, expected))) => {
                let got = ours(input);
                if got != *expected {
                    wrong.push(format!(
                        "{input:?}: listed as {expected:?}, we give {got:?}"
                    ));
                }
                differences_seen.push(input);
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    for (input, _) in DIFFERENCES {
        assert!(
            differences_seen.contains(input),
            "{input:?} is not an entry that applies"
        );
    }
}

/// The selection is not empty of any kind: failures, IP addresses, hosts
/// read from odd forms.
#[test]
fn the_selection_covers_the_cases_the_issue_names() {
    let entries = entries();
    let input = |i: &str| {
        entries
            .iter()
            .any(|(k, e)| *k == Kind::Http && e["input"].as_str() == Some(i))
    };
    for case in [
        "http://[www.google.com]/",
        "http://GOO\u{a0}\u{3000}goo.com",
        "http://256",
        "http:\\\\www.google.com\\foo",
        "https:example.com/",
        "http://ho\u{9}st/",
        "http://%30%78%63%30%2e%30%32%35%30.01",
    ] {
        assert!(input(case), "{case:?} is not among the entries");
    }
    let failures = entries
        .iter()
        .filter(|(k, e)| *k == Kind::Http && e["failure"] == true)
        .count();
    assert!(failures > 100, "{failures} failures");
}
