//! Organisation code (组织机构代码, GB 11714-1997).
//!
//! Eight characters (digits or capital letters) and a check character:
//! weights 3 7 9 10 5 8 4 2, letters valued A=10 … Z=35, check value
//! `11 - sum mod 11` written `X` for 10 and `0` for 11. Usually printed as
//! `XXXXXXXX-X`. Older organisations filed with it before the unified social
//! credit code (RULES.md, documents; 004 3), and it is embedded in every
//! unified social credit code (characters 9–17).

use std::fmt;

use crate::finding::{Finding, Message, RuleError};
use crate::identifier::{Context, Identifier};
use crate::text;

const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Why a string is not a valid organisation code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgCodeError {
    /// Nothing was entered.
    Empty,
    /// Not 9 characters (without the hyphen).
    Length {
        /// The length found.
        len: usize,
    },
    /// Characters other than digits and capital letters (last: digit or X).
    Format,
    /// The check character does not match.
    Checksum,
}

impl RuleError for OrgCodeError {
    fn rule(&self) -> &'static str {
        match self {
            OrgCodeError::Empty => "org_code.required",
            OrgCodeError::Length { .. } => "org_code.length",
            OrgCodeError::Format => "org_code.format",
            OrgCodeError::Checksum => "org_code.checksum",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            OrgCodeError::Empty => Some("5001"),
            _ => Some("1015"),
        }
    }

    fn message(&self) -> Message {
        match self {
            OrgCodeError::Empty => Message::new("请填写组织机构代码。", "Enter the organisation code."),
            OrgCodeError::Length { len } => Message::new(
                format!("组织机构代码应为 9 位（8 位本体代码 + 1 位校验码），现为 {len} 位。"),
                format!("An organisation code has 9 characters (8 + a check character), not {len}."),
            ),
            OrgCodeError::Format => Message::new(
                "组织机构代码只含数字和大写字母，校验码为数字或 X。",
                "An organisation code has digits and capital letters; the check character is a digit or X.",
            ),
            OrgCodeError::Checksum => Message::new(
                "组织机构代码校验码不正确，请逐位核对证书。",
                "The check character does not match: compare with the certificate character by character.",
            ),
        }
    }
}

impl fmt::Display for OrgCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for OrgCodeError {}

/// Removes white space and hyphens, maps full-width characters, upper-cases.
///
/// ```
/// assert_eq!(beian_rules::org_code::compact("71526726-x"), "71526726X");
/// ```
pub fn compact(input: &str) -> String {
    text::clean(input, &["组织机构代码"], &['-'])
}

fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        _ => None,
    }
}

/// The check character of an 8-character body.
///
/// ```
/// assert_eq!(beian_rules::org_code::check_char("71526726"), Some('X'));
/// ```
pub fn check_char(body: &str) -> Option<char> {
    if body.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.bytes().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// Validates an organisation code after [`compact`]; returns the 9
/// characters.
///
/// ```
/// assert_eq!(beian_rules::org_code::validate("71526726-X").unwrap(), "71526726X");
/// assert!(beian_rules::org_code::validate("71526726-1").is_err());
/// ```
pub fn validate(input: &str) -> Result<String, OrgCodeError> {
    let code = compact(input);
    let len = code.chars().count();
    if len == 0 {
        return Err(OrgCodeError::Empty);
    }
    if len != 9 {
        return Err(OrgCodeError::Length { len });
    }
    if !code.is_ascii() || !code[..8].bytes().all(|c| value(c).is_some()) {
        return Err(OrgCodeError::Format);
    }
    let last = code.as_bytes()[8];
    if !(last.is_ascii_digit() || last == b'X') {
        return Err(OrgCodeError::Format);
    }
    if check_char(&code[..8]) != Some(last as char) {
        return Err(OrgCodeError::Checksum);
    }
    Ok(code)
}

/// True when [`validate`] accepts the code.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The printed form `XXXXXXXX-X` of a valid code.
///
/// ```
/// assert_eq!(beian_rules::org_code::format("71526726x").as_deref(), Some("71526726-X"));
/// ```
pub fn format(input: &str) -> Option<String> {
    OrganisationCode::format(input)
}

/// Findings for an organisation code at `path` (the printed form with a
/// hyphen is accepted as is).
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    match validate(input) {
        Ok(code) if code == input || format(input).as_deref() == Some(input) => Vec::new(),
        Ok(code) => vec![crate::finding::canonical_form(
            path,
            "org_code.canonical_form",
            "组织机构代码",
            "organisation code",
            &code,
        )],
        Err(e) => vec![e.finding(path)],
    }
}

/// The organisation code (组织机构代码): the [`Identifier`] of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrganisationCode;

impl Identifier for OrganisationCode {
    type Valid = String;
    type Error = OrgCodeError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<String, OrgCodeError> {
        validate(input)
    }
    /// The printed form `XXXXXXXX-X`.
    fn canonical(valid: &String) -> String {
        match (valid.get(..8), valid.get(8..)) {
            (Some(body), Some(check)) => format!("{body}-{check}"),
            _ => valid.clone(),
        }
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(input, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_inside_published_usccs() {
        // Characters 9–17 of the published codes in uscc.rs.
        for c in [
            "71526726X",
            "192203821",
            "802100433",
            "551385082",
            "799655058",
            "M000100Y4",
        ] {
            assert!(is_valid(c), "{c}");
        }
    }

    #[test]
    fn check_values_10_and_11() {
        let mut seen = std::collections::HashSet::new();
        for n in 0..200u32 {
            seen.insert(check_char(&format!("{n:08}")).unwrap());
        }
        assert!(seen.contains(&'X') && seen.contains(&'0'));
        assert_eq!(seen.len(), 11);
    }

    #[test]
    fn errors() {
        assert_eq!(validate(""), Err(OrgCodeError::Empty));
        assert_eq!(validate("1234"), Err(OrgCodeError::Length { len: 4 }));
        assert_eq!(validate("7152672!X"), Err(OrgCodeError::Format));
        assert_eq!(validate("71526726Y"), Err(OrgCodeError::Format));
        assert_eq!(validate("715267261"), Err(OrgCodeError::Checksum));
    }
}
