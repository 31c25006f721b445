//! Passport numbers (format only): 5 to 17 Latin letters and digits. Chinese
//! ordinary passports read `E` + 8 digits, `E` + a letter + 7 digits (since
//! 2017) or `G` + 8 digits; [`is_chinese`] tells them apart, because a
//! foreign passport alone does not let a subject file (002 #48).

use std::fmt;

use crate::finding::{Finding, Message, RuleError};
use crate::identifier::{Context, Identifier};
use crate::text;

/// Why a string is not a passport number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassportError {
    /// Nothing was entered.
    Empty,
    /// Not 5–17 letters and digits.
    Format,
}

impl RuleError for PassportError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "passport.required",
            Self::Format => "passport.format",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            Self::Empty => Some("5001"),
            Self::Format => Some("1015"),
        }
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写护照号码。", "Enter the passport number."),
            Self::Format => Message::new(
                "护照号码由 5–17 位字母和数字组成。",
                "A passport number has 5 to 17 letters and digits.",
            ),
        }
    }
}

impl fmt::Display for PassportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for PassportError {}

/// Removes white space, maps full-width characters, upper-cases.
pub fn compact(input: &str) -> String {
    text::clean(input, &["护照号码", "护照"], &['-'])
}

/// Validates a passport number after [`compact`].
///
/// ```
/// assert_eq!(beian_rules::passport::validate("ea1234567").unwrap(), "EA1234567");
/// assert!(beian_rules::passport::validate("A1").is_err());
/// ```
pub fn validate(input: &str) -> Result<String, PassportError> {
    let n = compact(input);
    if n.is_empty() {
        return Err(PassportError::Empty);
    }
    if (5..=17).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(n)
    } else {
        Err(PassportError::Format)
    }
}

/// True when [`validate`] accepts the number.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The canonical form of a valid number: [`compact`]'s.
///
/// ```
/// assert_eq!(beian_rules::passport::format(" e1234 5678 ").as_deref(), Some("E12345678"));
/// assert_eq!(beian_rules::passport::format("A1"), None);
/// ```
pub fn format(input: &str) -> Option<String> {
    validate(input).ok()
}

/// True for the number of a Chinese ordinary passport.
///
/// ```
/// assert!(beian_rules::passport::is_chinese("E12345678"));
/// assert!(beian_rules::passport::is_chinese("EB1234567"));
/// assert!(!beian_rules::passport::is_chinese("533380006"));
/// ```
pub fn is_chinese(input: &str) -> bool {
    let n = compact(input);
    let b = n.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    b.len() == 9
        && match b[0] {
            b'G' => digits(&b[1..]),
            b'E' => {
                digits(&b[1..])
                    || (b[1].is_ascii_uppercase()
                        && !matches!(b[1], b'I' | b'O')
                        && digits(&b[2..]))
            }
            _ => false,
        }
}

/// Findings for a passport number at `path`.
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    match validate(input) {
        Ok(n) if n == input => Vec::new(),
        Ok(n) => vec![crate::finding::canonical_form(
            path,
            "passport.canonical_form",
            "护照号码",
            "passport number",
            &n,
        )],
        Err(e) => vec![e.finding(path)],
    }
}

/// A passport number: the [`Identifier`] of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passport;

impl Identifier for Passport {
    type Valid = String;
    type Error = PassportError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<String, PassportError> {
        validate(input)
    }
    fn canonical(valid: &String) -> String {
        valid.clone()
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(input, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_valid("G12345678"));
        assert!(is_valid("533380006"));
        assert!(!is_valid("1234"));
        assert!(!is_valid("E1234567$"));
        assert!(!is_chinese("E1234567"));
        assert!(!is_chinese("EO1234567"));
        assert_eq!(
            findings("e12345678", "/p")[0].suggestion.as_deref(),
            Some("E12345678")
        );
    }
}
