//! `beian field`: one field check per JSON line, for scripts and for the
//! parity tests of other front ends.
//!
//! Each input line is an object
//! `{"kind": K, "value": V, "domains": [..], "today": "YYYY-MM-DD", "path": P,
//! "username": U, "subjectType": T}` where `kind` is one of [`FieldKind`]'s
//! names (the identifiers' ids of `beian_rules::IdentifierKind`:
//! `resident_id`, `unified_social_credit_code`, `organisation_code` …;
//! `homepage`, `division`, `website_name`, `mobile`, `landline`, `email`,
//! `ip`, `password`, `username`; the deprecated earlier names such as `uscc`
//! and `business_licence` too), `value` a string, and the rest optional: `domains` are the
//! website's domains (for `homepage`), `today` the date for "not in the
//! future" rules (default: the run's date, today in UTC+8), `path` the path
//! to put in the findings (default: empty), `username` the account's user
//! name (for `password`: a password differs from it, 000 #44) and
//! `subjectType` the subject's type (for `website_name`: the names an
//! individual may not use, 002 #54).
//!
//! Each input line gives one output line: the [`FieldResult`] of
//! [`beian_rules::check_field_with`], `{"ok": bool, "findings": [...],
//! "normalized": string|null}`, or for a line that cannot be read
//! `{"error": {"line": N, "message": "..."}}` (N counts from 1, blank lines
//! included). Blank lines are skipped without output.

use std::io::{self, BufRead, Write};

use beian_rules::SubjectType;
use beian_rules::{check_field_with, Date, FieldContext, FieldExtra, FieldKind, FieldResult};
use serde::{Deserialize, Serialize};

/// One input line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct FieldLine {
    kind: String,
    value: String,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    today: Option<Date>,
    #[serde(default)]
    path: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    subject_type: Option<SubjectType>,
}

/// The output for a line that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineError {
    /// What went wrong, and where.
    pub error: LineErrorDetail,
}

/// Where and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineErrorDetail {
    /// The input line number, from 1.
    pub line: u64,
    /// What is wrong with it.
    pub message: String,
}

/// Checks one input line (without its line break). `today` is used when the
/// line gives no `today` of its own.
///
/// ```
/// use beian_server::field_cli::check_line;
/// let r = check_line(r#"{"kind": "domain", "value": "www.example.com"}"#, None).unwrap();
/// assert!(!r.ok);
/// assert_eq!(r.normalized.as_deref(), Some("example.com"));
/// assert!(check_line(r#"{"kind": "phone", "value": "1"}"#, None).is_err());
/// // A password the same as the user name (000 #44).
/// let r = check_line(r#"{"kind": "password", "value": "zhangsan", "username": "zhangsan"}"#, None).unwrap();
/// assert!(!r.ok);
/// ```
pub fn check_line(line: &str, today: Option<Date>) -> Result<FieldResult, String> {
    // serde would also take a struct from an array, by position: only
    // objects are accepted, so that every value is named.
    if !line.trim_start().starts_with('{') {
        return Err("expected a JSON object {\"kind\": ..., \"value\": ...}".to_string());
    }
    let input: FieldLine = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let kind: FieldKind = input.kind.parse().map_err(|e| format!("{e}"))?;
    let context = FieldContext {
        domains: input.domains,
        today: input.today.or(today),
        path: input.path,
    };
    let extra = FieldExtra {
        username: input.username,
        subject_type: input.subject_type,
    };
    Ok(check_field_with(kind, &input.value, &context, &extra))
}

/// Reads JSON lines from `input` until its end and writes one JSON line per
/// non-blank input line to `output`, flushing after each. Only I/O errors
/// stop it; a bad line gives an error line and the run goes on.
pub fn run_jsonl<R: BufRead, W: Write>(
    mut input: R,
    mut output: W,
    today: Option<Date>,
) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut line_no: u64 = 0;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        line_no += 1;
        let mut bytes = buf.as_slice();
        if line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let json = match std::str::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => match check_line(text, today) {
                Ok(result) => serde_json::to_string(&result),
                Err(message) => error_line(line_no, message),
            },
            Err(e) => error_line(line_no, format!("the line is not valid UTF-8: {e}")),
        }
        .map_err(io::Error::other)?;
        output.write_all(json.as_bytes())?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
}

fn error_line(line: u64, message: String) -> serde_json::Result<String> {
    serde_json::to_string(&LineError {
        error: LineErrorDetail { line, message },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use beian_rules::IdentifierKind;
    use serde_json::Value;

    fn run(input: &[u8]) -> Vec<Value> {
        let mut out = Vec::new();
        run_jsonl(input, &mut out, Date::new(2026, 11, 25)).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn expected(kind: FieldKind, value: &str, context: FieldContext) -> Value {
        serde_json::to_value(beian_rules::check_field(kind, value, &context)).unwrap()
    }

    /// The kinds issue 4 names, with their extra inputs (000 #44, 002 #54).
    #[test]
    fn every_kind_and_the_extra_inputs() {
        for kind in FieldKind::ALL {
            let line = format!(r#"{{"kind": "{}", "value": "x"}}"#, kind.name());
            assert!(check_line(&line, None).is_ok(), "{line}");
        }
        let with = |line: &str| check_line(line, None).unwrap();
        let password = r#"{"kind": "password", "value": "zhangsan""#;
        assert!(with(&format!("{password}}}")).ok);
        assert!(!with(&format!(r#"{password}, "username": "zhangsan"}}"#)).ok);
        let name = r#"{"kind": "website_name", "value": "某某科技有限公司""#;
        assert!(with(&format!(r#"{name}, "subjectType": "enterprise"}}"#)).ok);
        assert!(!with(&format!(r#"{name}, "subjectType": "individual"}}"#)).ok);
        assert!(check_line(&format!(r#"{name}, "subjectType": "king"}}"#), None).is_err());
    }

    #[test]
    fn each_kind_gives_check_field() {
        let today = Date::new(2026, 11, 25);
        let out = run(concat!(
            r#"{"kind": "resident_id", "value": "11010519491231002x"}"#,
            "\n",
            r#"{"kind": "domain", "value": "www.example.com"}"#,
            "\r\n",
            r#"{"kind": "homepage", "value": "http://www.other.cn", "domains": ["example.com"], "path": "/h"}"#,
        )
        .as_bytes());
        assert_eq!(
            out,
            vec![
                expected(
                    FieldKind::Identifier(IdentifierKind::ResidentId),
                    "11010519491231002x",
                    FieldContext {
                        today,
                        ..FieldContext::default()
                    }
                ),
                expected(
                    FieldKind::Identifier(IdentifierKind::Domain),
                    "www.example.com",
                    FieldContext::default()
                ),
                expected(
                    FieldKind::Homepage,
                    "http://www.other.cn",
                    FieldContext {
                        domains: vec!["example.com".into()],
                        path: "/h".into(),
                        ..FieldContext::default()
                    }
                ),
            ]
        );
        assert_eq!(out[0]["findings"][0]["code"], "1015");
        assert_eq!(out[0]["normalized"], "11010519491231002X");
        assert_eq!(out[1]["findings"][0]["code"], "1004");
        assert_eq!(out[2]["findings"][0]["code"], "1041");
        assert_eq!(out[2]["findings"][0]["path"], "/h");
    }

    #[test]
    fn today_of_the_line_wins_over_the_run_date() {
        // Born 2026-01-01: in the future on 2025-06-01, not on the run date.
        let first17 = "11010520260101002";
        let id = format!(
            "{first17}{}",
            beian_rules::resident_id::check_char(first17).unwrap()
        );
        let input = format!(
            "{{\"kind\":\"resident_id\",\"value\":\"{id}\"}}\n\
             {{\"kind\":\"resident_id\",\"value\":\"{id}\",\"today\":\"2025-06-01\"}}\n"
        );
        let out = run(input.as_bytes());
        assert_eq!(out[0]["ok"], true);
        assert_eq!(out[1]["ok"], false);
        assert_eq!(
            out[1]["findings"][0]["rule"],
            "resident_id.future_birth_date"
        );
    }

    #[test]
    fn bad_lines_give_numbered_errors_and_the_run_goes_on() {
        let input: &[u8] = b"\xEF\xBB\xBF{\"kind\":\"domain\",\"value\":\"example.com\"}\n\
            \n   \n\
            not json\n\
            {\"value\":\"example.com\"}\n\
            {\"kind\":\"phone\",\"value\":\"1\"}\n\
            {\"kind\":\"domain\",\"value\":5}\n\
            {\"kind\":\"domain\",\"value\":\"example.com\",\"colour\":1}\n\
            {\"kind\":\"domain\",\"value\":\"ex\xFFample.com\"}\n\
            {\"kind\":\"resident_id\",\"value\":\"x\",\"today\":\"2025-02-30\"}\n\
            [\"domain\",\"example.com\"]\n\
            {\"kind\":\"domain\",\"value\":\"example.com\"}";
        let out = run(input);
        let errors: Vec<(u64, String)> = out
            .iter()
            .filter(|v| v.get("error").is_some())
            .map(|v| {
                (
                    v["error"]["line"].as_u64().unwrap(),
                    v["error"]["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let lines: Vec<u64> = errors.iter().map(|e| e.0).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8, 9, 10, 11]);
        assert!(errors[1].1.contains("missing field `kind`"), "{errors:?}");
        assert!(
            errors[2].1.contains("unknown field kind \"phone\""),
            "{errors:?}"
        );
        assert!(errors[3].1.contains("invalid type"), "{errors:?}");
        assert!(errors[4].1.contains("unknown field `colour`"), "{errors:?}");
        assert!(errors[5].1.contains("UTF-8"), "{errors:?}");
        assert!(errors[6].1.contains("2025-02-30"), "{errors:?}");
        assert!(errors[7].1.contains("JSON object"), "{errors:?}");
        assert_eq!(out.len(), 10);
        assert_eq!(out[0]["ok"], true);
        assert_eq!(out[0]["normalized"], "example.com");
        assert_eq!(out[9]["ok"], true);
    }
}
