//! python-stdnum's doctests for `stdnum.cn.ric` (resident ID) and
//! `stdnum.cn.uscc` (unified social credit code), vendored unchanged in
//! `tests/data/stdnum/` (python-stdnum 2.2, LGPL-2.1-or-later; see SOURCE.md
//! there), read as data: every case must agree with beian-rules except the
//! ones in [`DIFFERENCES`], each with its reason (also in the README's table
//! of deliberate differences).

use beian_rules::division::{self, RegionStatus};
use beian_rules::{resident_id, uscc, Severity};

const RIC: &str = include_str!("../../../tests/data/stdnum/test_cn_ric.doctest");
const USCC: &str = include_str!("../../../tests/data/stdnum/test_cn_uscc.doctest");

/// Cases where we answer otherwise on purpose: (call, number, why).
const DIFFERENCES: [(&str, &str, &str); 4] = [
    (
        "ric.validate",
        "990426199112010074",
        "a region code no table lists is a warning, not an error: our tables may be \
         incomplete (RULES.md, never block a real applicant)",
    ),
    (
        "ric.get_birth_place",
        "990426199112010074",
        "the same number: we report the region as unknown (a warning) instead of raising",
    ),
    (
        "ric.get_birth_place",
        "110111198012010078",
        "110111 (房山区) came into use in 1986, after the 1980 birth year; numbers keep the \
         code of their issue, and someone born in 1980 got a card after 1986, so the code \
         is known to us",
    ),
    (
        "uscc.validate",
        "A1110000600037341L",
        "stdnum wants digits in the first 8 characters (InvalidFormat); GB 32100 also has \
         the registration authorities A, N and Y, so we reject this code for its check \
         character instead: both reject it",
    ),
];

fn differs(call: &str, number: &str) -> bool {
    DIFFERENCES
        .iter()
        .any(|(c, n, _)| *c == call && *n == number)
}

/// One `>>> module.function('argument')` of a doctest and the lines of its
/// expected answer.
#[derive(Debug)]
struct Case {
    call: String,
    argument: String,
    answer: Vec<String>,
}

/// The single-argument calls of a doctest with their answers (up to the
/// next blank line or `>>>`).
fn cases(doctest: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    let mut current: Option<Case> = None;
    for line in doctest.lines() {
        if let Some(code) = line.strip_prefix(">>> ") {
            out.extend(current.take());
            // `ric.validate('…')`, maybe followed by `  # comment`.
            let code = code.split("  #").next().unwrap_or_default().trim();
            if let Some((call, rest)) = code.split_once("('") {
                if let Some(argument) = rest.strip_suffix("')") {
                    current = Some(Case {
                        call: call.to_string(),
                        argument: argument.to_string(),
                        answer: Vec::new(),
                    });
                }
            }
        } else if line.trim().is_empty() {
            out.extend(current.take());
        } else if let Some(case) = current.as_mut() {
            case.answer.push(line.trim().to_string());
        }
    }
    out.extend(current);
    out
}

/// The exception a case expects (`InvalidChecksum` …), if any.
fn exception(case: &Case) -> Option<&str> {
    case.answer
        .last()
        .filter(|_| {
            case.answer
                .first()
                .is_some_and(|l| l.starts_with("Traceback"))
        })
        .and_then(|l| l.split(':').next())
}

/// `'value'` → `value`.
fn quoted(line: &str) -> Option<&str> {
    line.strip_prefix('\'')?.strip_suffix('\'')
}

#[test]
fn every_resident_id_case_agrees() {
    let cases = cases(RIC);
    assert!(cases.len() >= 18, "{} cases: parse error?", cases.len());
    let mut checked = 0;
    for case in &cases {
        let (call, n) = (case.call.as_str(), case.argument.as_str());
        if differs(call, n) {
            continue;
        }
        let ours = resident_id::validate(n, None);
        match (call, exception(case)) {
            ("ric.validate" | "ric.format", None) => {
                let want = quoted(&case.answer[0]).expect("a quoted answer");
                assert_eq!(ours.as_ref().map(|id| id.as_str()), Ok(want), "{n}");
            }
            ("ric.validate", Some(e)) => {
                let err = ours.expect_err(n);
                let kind = match err {
                    resident_id::ResidentIdError::Checksum => "InvalidChecksum",
                    resident_id::ResidentIdError::Format => "InvalidFormat",
                    resident_id::ResidentIdError::Length { .. } => "InvalidLength",
                    resident_id::ResidentIdError::BirthDate => "InvalidComponent",
                    other => panic!("{n}: {other:?}"),
                };
                assert_eq!(kind, e, "{n}");
            }
            ("ric.get_birth_date", None) => {
                // `datetime.date(1991, 1, 1)`
                let want: Vec<u32> = case.answer[0]
                    .trim_start_matches("datetime.date(")
                    .trim_end_matches(')')
                    .split(", ")
                    .map(|p| p.parse().unwrap())
                    .collect();
                let d = ours.expect(n).birth_date();
                assert_eq!(
                    [
                        u32::from(d.year()),
                        u32::from(d.month()),
                        u32::from(d.day())
                    ],
                    want[..],
                    "{n}"
                );
            }
            ("ric.get_birth_place", None) => {
                // `{'province': '江西省', 'county': '德安县'}`: the county's
                // name in the birth year.
                let county = case.answer[0]
                    .split("'county': '")
                    .nth(1)
                    .and_then(|r| r.split('\'').next())
                    .unwrap();
                let id = ours.expect(n);
                assert_eq!(id.region_status(), RegionStatus::Known, "{n}");
                // The civil-affairs table begins with 1981: its first year
                // means "1981 or earlier".
                let year = id.birth_date().year().max(1981);
                let names: Vec<&str> = division::records(id.region())
                    .iter()
                    .filter(|d| d.first_year <= year && (d.in_use() || d.retired_year > year))
                    .map(|d| d.name)
                    .collect();
                assert!(names.contains(&county), "{n}: {names:?} for {county}");
            }
            ("ric.get_birth_place", Some("InvalidComponent")) => {
                // A place stdnum does not know at the birth year: valid for
                // us, with the region warning.
                let id = ours.expect(n);
                assert_ne!(id.region_status(), RegionStatus::Known, "{n}");
                let f = resident_id::findings(n, "/p", None);
                assert!(f.iter().all(|f| f.severity == Severity::Warning), "{n}");
            }
            other => panic!("unhandled case {other:?}: {case:?}"),
        }
        checked += 1;
    }
    assert!(checked >= 14, "{checked}");
}

#[test]
fn every_uscc_case_agrees() {
    let cases = cases(USCC);
    for case in &cases {
        let n = case.argument.as_str();
        let ours = uscc::validate(n);
        match (case.call.as_str(), exception(case)) {
            ("uscc.validate" | "uscc.format", None) => {
                let want = quoted(&case.answer[0]).expect("a quoted answer");
                assert_eq!(ours.as_ref().map(|c| c.as_str()), Ok(want), "{n}");
            }
            ("uscc.validate", Some(_)) if differs("uscc.validate", n) => {
                assert!(ours.is_err(), "{n}");
            }
            ("uscc.validate", Some(e)) => {
                let err = ours.expect_err(n);
                let agrees = match e {
                    "InvalidLength" => matches!(err, uscc::UsccError::Length { .. }),
                    "InvalidChecksum" => matches!(err, uscc::UsccError::Checksum),
                    // A character outside the alphabet, or a registration
                    // authority / type that does not exist.
                    "InvalidFormat" => matches!(
                        err,
                        uscc::UsccError::Alphabet
                            | uscc::UsccError::Authority
                            | uscc::UsccError::Type
                    ),
                    _ => false,
                };
                assert!(agrees, "{n}: stdnum {e}, ours {err:?}");
            }
            other => panic!("unhandled case {other:?}: {case:?}"),
        }
    }
}

#[test]
fn every_real_uscc_of_the_suite_is_valid_without_an_error() {
    // "These have been found online and should all be valid numbers."
    let block = USCC
        .split("numbers = '''")
        .nth(1)
        .and_then(|b| b.split("'''").next())
        .unwrap();
    let numbers: Vec<&str> = block
        .lines()
        .map(|l| l.trim_start_matches("...").trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert!(numbers.len() >= 150, "{}", numbers.len());
    for n in numbers {
        assert!(uscc::is_valid(n), "{n}: {:?}", uscc::validate(n));
        let errors: Vec<_> = uscc::findings(n, "/p")
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{n}: {errors:?}");
    }
}

#[test]
fn differences_are_real_cases() {
    let all: Vec<Case> = cases(RIC).into_iter().chain(cases(USCC)).collect();
    for (call, number, why) in DIFFERENCES {
        assert!(!why.is_empty());
        assert!(
            all.iter().any(|c| c.call == call && c.argument == number),
            "{call}({number}) is not in the suite"
        );
    }
}
