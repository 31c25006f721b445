//! The Unicode IDNA conformance vectors (`tests/data/idna/IdnaTestV2.txt`,
//! UTS #46 version 16.0.0, Unicode licence; see SOURCE.md there) run through
//! [`beian_rules::domain::to_ascii`].
//!
//! # Which lines apply
//!
//! `to_ascii` is UTS #46 ToASCII with `Transitional_Processing=false`,
//! `UseSTD3ASCIIRules=true`, `CheckHyphens=true`, `CheckBidi=true`,
//! `CheckJoiners=true` and `VerifyDnsLength=true`: the strictest setting, so
//! no status code is ignored. Every data line applies, through its
//! `toAsciiN` columns (4 and 5): a line with a status (after the file's
//! defaulting rules) expects an error, a line without one expects the
//! `toAsciiN` string. The `toUnicode` and transitional columns are not about
//! this function.
//!
//! # Lines left out or answered differently
//!
//! - [`SURROGATE_LINES`] lines whose source or `toUnicode` value holds an
//!   unpaired surrogate (`\uD800`–`\uDFFF`): a Rust `&str` cannot hold one
//!   (the file allows skipping them).
//! - Lines whose source has white space at either end: `to_ascii` trims it
//!   first (a typed domain often carries it), so such a line would not be an
//!   error here. The file has none ([`SURROUNDING_SPACE`] is 0); the count is
//!   asserted so that a newer file with such lines is noticed.
//!
//! No other divergence: all remaining lines give exactly the expected
//! answer. (Five of them, V7 lines with unassigned plane-3 code points such
//! as U+3E8AC, passed the `idna` crate, whose ICU4X data lets all of plane 3
//! through; `to_ascii` rejects them itself, see `domain.rs`.)

use beian_rules::domain;

const VECTORS: &str = include_str!("../../../tests/data/idna/IdnaTestV2.txt");

/// One test line, unescaped and with the file's defaults applied.
struct Line {
    number: usize,
    source: String,
    /// The expected ASCII form, or `None` where an error is expected.
    expected: Option<String>,
}

fn unescape(input: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                // None for an unpaired surrogate.
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            'x' => {
                let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let hex = rest.strip_prefix('{')?;
                out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
            }
            other => panic!("unknown escape \\{other}"),
        }
    }
    Some(out)
}

/// `""` is the empty string; blank means "same as" (handled by the caller).
fn value(column: &str) -> Option<String> {
    if column == "\"\"" {
        Some(String::new())
    } else {
        unescape(column)
    }
}

/// The lines that apply, and how many were skipped for surrogates.
fn lines() -> (Vec<Line>, usize) {
    let mut out = Vec::new();
    let mut surrogates = 0;
    for (i, raw) in VECTORS.lines().enumerate() {
        let data = raw.split('#').next().unwrap_or_default();
        if data.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = data.split(';').map(str::trim).collect();
        assert!(cols.len() >= 5, "line {}: {raw}", i + 1);
        let Some(source) = value(cols[0]) else {
            surrogates += 1;
            continue;
        };
        let Some(to_unicode) = (if cols[1].is_empty() {
            Some(source.clone())
        } else {
            value(cols[1])
        }) else {
            surrogates += 1;
            continue;
        };
        let to_unicode_status = cols[2];
        let to_ascii_n = if cols[3].is_empty() {
            to_unicode
        } else {
            value(cols[3]).expect("ASCII column")
        };
        let status = if cols[4].is_empty() {
            to_unicode_status
        } else {
            cols[4]
        };
        let error = !(status.is_empty() || status == "[]");
        out.push(Line {
            number: i + 1,
            source,
            expected: (!error).then_some(to_ascii_n),
        });
    }
    (out, surrogates)
}

/// Lines whose source has white space at an end: `to_ascii` trims it.
fn surrounding_space(line: &Line) -> bool {
    line.source.trim() != line.source
}

/// How many lines hold an unpaired surrogate (see the module docs).
const SURROGATE_LINES: usize = 2;

/// How many lines have white space around the source (see the module docs).
const SURROUNDING_SPACE: usize = 0;

#[test]
fn idna_test_v2_to_ascii_vectors() {
    let (lines, surrogates) = lines();
    assert!(lines.len() > 6000, "only {} lines read", lines.len());
    assert_eq!(surrogates, SURROGATE_LINES);
    let mut failures = Vec::new();
    let mut spaced = 0;
    let mut errors_expected = 0;
    for line in &lines {
        if surrounding_space(line) {
            spaced += 1;
            continue;
        }
        errors_expected += usize::from(line.expected.is_none());
        let got = domain::to_ascii(&line.source).ok();
        if got != line.expected {
            failures.push(format!(
                "line {}: {:?}: got {got:?}, want {:?}",
                line.number, line.source, line.expected
            ));
        }
    }
    assert_eq!(spaced, SURROUNDING_SPACE);
    // Both outcomes are well represented.
    assert!(errors_expected > 5000 && lines.len() - errors_expected > 500);
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        lines.len(),
        failures.join("\n")
    );
}

#[test]
fn the_vendored_file_is_the_one_described() {
    assert!(VECTORS.contains("# Version: 16.0.0"));
    assert!(VECTORS.contains("# Date: 2024-07-03"));
    let source = include_str!("../../../tests/data/idna/SOURCE.md");
    assert!(source.contains("16.0.0"));
}
