//! Foreign permanent residence ID (外国人永久居留身份证).
//!
//! Two forms are in use (National Immigration Administration, machine-readable
//! rules of the 2023 card): the 2004/2017 card's 15 characters — three
//! Latin letters (nationality) and 12 digits — and, since 2023-12-01,
//! 18 characters like a resident ID: a leading `9` (foreigner), 16 digits and
//! a MOD 11-2 check character, "与公民身份号码校验方式相同". A mainland
//! document: foreign individuals living in China file with it (002 #48).

use std::fmt;

use crate::finding::{Finding, Message, RuleError};
use crate::identifier::{Context, Identifier};
use crate::{resident_id, text};

/// Why a string is not a valid foreign permanent residence ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForeignPermanentResidenceError {
    /// Nothing was entered.
    Empty,
    /// Neither 3 letters + 12 digits nor `9` + 17 characters.
    Format,
    /// An 18-character number whose MOD 11-2 check character does not match.
    Checksum,
}

/// Which card the number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// 15 characters, before 2023-12-01.
    Old,
    /// 18 characters starting with 9, since 2023-12-01.
    New,
}

impl RuleError for ForeignPermanentResidenceError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "foreign_permanent_residence.required",
            Self::Format => "foreign_permanent_residence.format",
            Self::Checksum => "foreign_permanent_residence.checksum",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            Self::Empty => Some("5001"),
            _ => Some("1015"),
        }
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写外国人永久居留身份证号码。", "Enter the foreign permanent residence ID number."),
            Self::Format => Message::new(
                "外国人永久居留身份证号码为 15 位（3 位字母 + 12 位数字）或 18 位（以 9 开头，末位为数字或 X）。",
                "A foreign permanent residence ID number has 15 characters (3 letters + 12 digits) or 18 (starting with 9, last a digit or X).",
            ),
            Self::Checksum => Message::new(
                "外国人永久居留身份证号码校验位不正确，请逐位核对。",
                "The check character does not match: compare digit by digit.",
            ),
        }
    }
}

impl fmt::Display for ForeignPermanentResidenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ForeignPermanentResidenceError {}

/// Removes white space, maps full-width characters, upper-cases.
pub fn compact(input: &str) -> String {
    text::clean(input, &["永久居留证号码", "永居证"], &['-'])
}

/// Validates a number after [`compact`]; returns it and its form.
///
/// ```
/// use beian_rules::foreign_permanent_residence::{validate, Form};
/// assert_eq!(validate("USA310085020011").unwrap().1, Form::Old);
/// let first17 = "93115619840521004";
/// let n = format!("{first17}{}", beian_rules::resident_id::check_char(first17).unwrap());
/// assert_eq!(validate(&n).unwrap().1, Form::New);
/// ```
pub fn validate(input: &str) -> Result<(String, Form), ForeignPermanentResidenceError> {
    let n = compact(input);
    if n.is_empty() {
        return Err(ForeignPermanentResidenceError::Empty);
    }
    let b = n.as_bytes();
    if b.len() == 15
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3..].iter().all(u8::is_ascii_digit)
    {
        return Ok((n, Form::Old));
    }
    if b.len() == 18
        && b[0] == b'9'
        && b[..17].iter().all(u8::is_ascii_digit)
        && matches!(b[17], b'0'..=b'9' | b'X')
    {
        if resident_id::check_char(&n[..17]) != Some(b[17] as char) {
            return Err(ForeignPermanentResidenceError::Checksum);
        }
        return Ok((n, Form::New));
    }
    Err(ForeignPermanentResidenceError::Format)
}

/// True when [`validate`] accepts the number.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The canonical form of a valid number.
pub fn format(input: &str) -> Option<String> {
    validate(input).ok().map(|(n, _)| n)
}

/// Findings for a foreign permanent residence ID number at `path`.
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    match validate(input) {
        Ok((n, _)) if n == input => Vec::new(),
        Ok((n, _)) => vec![crate::finding::canonical_form(
            path,
            "foreign_permanent_residence.canonical_form",
            "外国人永久居留身份证号码",
            "foreign permanent residence ID number",
            &n,
        )],
        Err(e) => vec![e.finding(path)],
    }
}

/// The foreign permanent residence ID (外国人永久居留身份证): the [`Identifier`] of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignPermanentResidenceId;

impl Identifier for ForeignPermanentResidenceId {
    type Valid = (String, Form);
    type Error = ForeignPermanentResidenceError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<(String, Form), ForeignPermanentResidenceError> {
        validate(input)
    }
    fn canonical(valid: &(String, Form)) -> String {
        valid.0.clone()
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(input, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_errors() {
        assert_eq!(validate(""), Err(ForeignPermanentResidenceError::Empty));
        assert_eq!(validate("usa310085020011").unwrap().0, "USA310085020011");
        assert_eq!(
            validate("US3100850200112"),
            Err(ForeignPermanentResidenceError::Format)
        );
        // 18 digits not starting with 9 is a resident ID, not this card.
        assert_eq!(
            validate("11010519491231002X"),
            Err(ForeignPermanentResidenceError::Format)
        );
        let first17 = "93115619840521004";
        let check = resident_id::check_char(first17).unwrap();
        let wrong = if check == '0' { '1' } else { '0' };
        assert_eq!(
            validate(&format!("{first17}{wrong}")),
            Err(ForeignPermanentResidenceError::Checksum)
        );
    }
}
