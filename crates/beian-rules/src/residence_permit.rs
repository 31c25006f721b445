//! Residence permit for Hong Kong, Macau and Taiwan residents
//! (港澳台居民居住证, 2018): 18 characters laid out like a resident ID, with
//! the region code 810000 (Hong Kong), 820000 (Macau) or 830000 (Taiwan),
//! the holder's birth date (any year) and a MOD 11-2 check character.
//! A mainland document, so Hong Kong, Macau and Taiwan individuals can file
//! with it (002 #48).

use std::fmt;

use crate::date::Date;
use crate::finding::{Finding, Message, RuleError};
use crate::identifier::{Context, Identifier};
use crate::{resident_id, text};

/// Why a string is not a valid residence permit number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResidencePermitError {
    /// Nothing was entered.
    Empty,
    /// Not 18 characters.
    Length {
        /// The length found.
        len: usize,
    },
    /// Not 17 digits and a digit or X.
    Format,
    /// Does not start with 810000, 820000 or 830000.
    Region,
    /// Characters 7–14 are not a real date, or it lies after today.
    BirthDate,
    /// The check character does not match.
    Checksum,
}

impl RuleError for ResidencePermitError {
    fn rule(&self) -> &'static str {
        match self {
            ResidencePermitError::Empty => "residence_permit.required",
            ResidencePermitError::Length { .. } => "residence_permit.length",
            ResidencePermitError::Format => "residence_permit.format",
            ResidencePermitError::Region => "residence_permit.region",
            ResidencePermitError::BirthDate => "residence_permit.birth_date",
            ResidencePermitError::Checksum => "residence_permit.checksum",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            ResidencePermitError::Empty => Some("5001"),
            _ => Some("1015"),
        }
    }

    fn message(&self) -> Message {
        match self {
            ResidencePermitError::Empty => Message::new("请填写居住证号码。", "Enter the residence permit number."),
            ResidencePermitError::Length { len } => Message::new(
                format!("港澳台居民居住证号码应为 18 位，现为 {len} 位。"),
                format!("A residence permit number has 18 characters, not {len}."),
            ),
            ResidencePermitError::Format => Message::new(
                "居住证号码只能是数字，最后一位可以是大写 X。",
                "A residence permit number has digits only, the last may be an upper-case X.",
            ),
            ResidencePermitError::Region => Message::new(
                "港澳台居民居住证号码以 810000（香港）、820000（澳门）或 830000（台湾）开头。",
                "A residence permit number starts with 810000 (Hong Kong), 820000 (Macau) or 830000 (Taiwan).",
            ),
            ResidencePermitError::BirthDate => Message::new(
                "居住证号码第 7–14 位不是有效的出生日期。",
                "Digits 7–14 are not a valid birth date.",
            ),
            ResidencePermitError::Checksum => Message::new(
                "居住证号码校验位不正确，请逐位核对。",
                "The check character does not match: compare digit by digit.",
            ),
        }
    }
}

impl fmt::Display for ResidencePermitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ResidencePermitError {}

/// Where the holder of a residence permit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// 810000
    HongKong,
    /// 820000
    Macau,
    /// 830000
    Taiwan,
}

/// Removes white space, maps full-width characters, upper-cases `x`.
pub fn compact(input: &str) -> String {
    text::clean(input, &["居住证号码", "居住证"], &['-'])
}

/// Validates a residence permit number after [`compact`]; returns the
/// number and the holder's origin.
///
/// ```
/// use beian_rules::residence_permit::{validate, Origin};
/// let first17 = "81000019800101001";
/// let n = format!("{first17}{}", beian_rules::resident_id::check_char(first17).unwrap());
/// assert_eq!(validate(&n, None).unwrap().1, Origin::HongKong);
/// ```
pub fn validate(
    input: &str,
    today: Option<Date>,
) -> Result<(String, Origin), ResidencePermitError> {
    let n = compact(input);
    let len = n.chars().count();
    if len == 0 {
        return Err(ResidencePermitError::Empty);
    }
    if len != 18 {
        return Err(ResidencePermitError::Length { len });
    }
    if !n.is_ascii()
        || !n[..17].bytes().all(|b| b.is_ascii_digit())
        || !matches!(n.as_bytes()[17], b'0'..=b'9' | b'X')
    {
        return Err(ResidencePermitError::Format);
    }
    let origin = match &n[..6] {
        "810000" => Origin::HongKong,
        "820000" => Origin::Macau,
        "830000" => Origin::Taiwan,
        _ => return Err(ResidencePermitError::Region),
    };
    match text::parse_yyyymmdd(&n[6..14]) {
        Some(d) if today.is_none_or(|t| d <= t) => {}
        _ => return Err(ResidencePermitError::BirthDate),
    }
    if resident_id::check_char(&n[..17]) != n.chars().last() {
        return Err(ResidencePermitError::Checksum);
    }
    Ok((n, origin))
}

/// True when [`validate`] accepts the number (birth date not compared with today).
pub fn is_valid(input: &str) -> bool {
    validate(input, None).is_ok()
}

/// The canonical form of a valid number.
pub fn format(input: &str) -> Option<String> {
    validate(input, None).ok().map(|(n, _)| n)
}

/// Findings for a residence permit number at `path`.
pub fn findings(input: &str, path: &str, today: Option<Date>) -> Vec<Finding> {
    match validate(input, today) {
        Ok((n, _)) if n == input => Vec::new(),
        Ok((n, _)) => vec![crate::finding::canonical_form(
            path,
            "residence_permit.canonical_form",
            "居住证号码",
            "residence permit number",
            &n,
        )],
        Err(e) => vec![e.finding(path)],
    }
}

/// The residence permit of Hong Kong, Macau and Taiwan residents (港澳台居民居住证): the [`Identifier`] of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HkMacauTaiwanResidencePermit;

impl Identifier for HkMacauTaiwanResidencePermit {
    type Valid = (String, Origin);
    type Error = ResidencePermitError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, context: Context) -> Result<(String, Origin), ResidencePermitError> {
        validate(input, context.today)
    }
    fn canonical(valid: &(String, Origin)) -> String {
        valid.0.clone()
    }
    fn findings(input: &str, path: &str, context: Context) -> Vec<Finding> {
        findings(input, path, context.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_check(first17: &str) -> String {
        format!("{first17}{}", resident_id::check_char(first17).unwrap())
    }

    #[test]
    fn all_three_origins_any_birth_year() {
        assert_eq!(
            validate(&with_check("81000019500101001"), None).unwrap().1,
            Origin::HongKong
        );
        assert_eq!(
            validate(&with_check("82000020010229001"), None).map(|r| r.1),
            Err(ResidencePermitError::BirthDate)
        );
        assert_eq!(
            validate(&with_check("82000020000229001"), None).unwrap().1,
            Origin::Macau
        );
        assert_eq!(
            validate(&with_check("83000019990101001"), None).unwrap().1,
            Origin::Taiwan
        );
    }

    #[test]
    fn errors() {
        assert_eq!(validate("", None), Err(ResidencePermitError::Empty));
        assert_eq!(
            validate(&with_check("11010519491231002"), None),
            Err(ResidencePermitError::Region)
        );
        let mut n = with_check("81000019800101001").into_bytes();
        n[17] = if n[17] == b'1' { b'2' } else { b'1' };
        assert_eq!(
            validate(&String::from_utf8(n).unwrap(), None),
            Err(ResidencePermitError::Checksum)
        );
        let future = with_check("81000020300101001");
        assert_eq!(
            validate(&future, Date::new(2026, 11, 25)),
            Err(ResidencePermitError::BirthDate)
        );
    }
}
