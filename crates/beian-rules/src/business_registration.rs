//! Business registration number (工商营业执照注册号), the 15-digit number
//! of business licences issued before the unified social credit code
//! (GB/T 2260 region code of the registering office, 8-digit sequence and an
//! ISO 7064 MOD 11,10 check digit — 工商行政管理市场主体注册号编制规则,
//! GS 15-2006). Older subjects may still file with it (RULES.md, documents).

use std::fmt;

use crate::finding::{Finding, Message, RuleError};
use crate::identifier::{Context, Identifier};
use crate::{division, text};

/// Why a string is not a valid business registration number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusinessRegistrationError {
    /// Nothing was entered.
    Empty,
    /// Not 15 digits.
    Length {
        /// The length found.
        len: usize,
    },
    /// Not all digits.
    Format,
    /// The check digit does not match.
    Checksum,
}

impl RuleError for BusinessRegistrationError {
    fn rule(&self) -> &'static str {
        match self {
            BusinessRegistrationError::Empty => "business_registration.required",
            BusinessRegistrationError::Length { .. } => "business_registration.length",
            BusinessRegistrationError::Format => "business_registration.format",
            BusinessRegistrationError::Checksum => "business_registration.checksum",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            BusinessRegistrationError::Empty => Some("5001"),
            _ => Some("1015"),
        }
    }

    fn message(&self) -> Message {
        match self {
            BusinessRegistrationError::Empty => Message::new("请填写营业执照注册号。", "Enter the business registration number."),
            BusinessRegistrationError::Length { len } => Message::new(
                format!("营业执照注册号应为 15 位数字，现为 {len} 位；2015 年后的营业执照请填写 18 位统一社会信用代码。"),
                format!("A business registration number has 15 digits, not {len}; licences since 2015 carry an 18-character unified social credit code."),
            ),
            BusinessRegistrationError::Format => Message::new("营业执照注册号只含数字。", "A business registration number has digits only."),
            BusinessRegistrationError::Checksum => Message::new(
                "营业执照注册号校验位不正确，请逐位核对营业执照。",
                "The check digit does not match: compare with the licence digit by digit.",
            ),
        }
    }
}

impl fmt::Display for BusinessRegistrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for BusinessRegistrationError {}

/// Removes white space and hyphens, maps full-width digits.
pub fn compact(input: &str) -> String {
    text::clean(input, &["注册号"], &['-'])
}

/// The ISO 7064 MOD 11,10 check digit of the first 14 digits.
///
/// ```
/// let n = "11010500000012";
/// let d = beian_rules::business_registration::check_digit(n).unwrap();
/// assert!(beian_rules::business_registration::is_valid(&format!("{n}{d}")));
/// ```
pub fn check_digit(first14: &str) -> Option<char> {
    if first14.len() != 14 || !first14.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut p = 10;
    for b in first14.bytes() {
        let mut s = (p + u32::from(b - b'0')) % 10;
        if s == 0 {
            s = 10;
        }
        p = s * 2 % 11;
    }
    char::from_digit((11 - p) % 10, 10)
}

/// Validates a business registration number after [`compact`]. The region
/// code (the first 6 digits) is not checked here: [`findings`] only warns
/// when the division tables lack it ([`region_status`]).
pub fn validate(input: &str) -> Result<String, BusinessRegistrationError> {
    let n = compact(input);
    let len = n.chars().count();
    if len == 0 {
        return Err(BusinessRegistrationError::Empty);
    }
    if len != 15 {
        return Err(BusinessRegistrationError::Length { len });
    }
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BusinessRegistrationError::Format);
    }
    if check_digit(&n[..14]) != n.chars().last() {
        return Err(BusinessRegistrationError::Checksum);
    }
    Ok(n)
}

/// True when [`validate`] accepts the number.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The canonical form of a valid number.
pub fn format(input: &str) -> Option<String> {
    validate(input).ok()
}

/// What the division tables say of the region code of a valid number (the
/// first 6 digits; 100000 is the national office).
///
/// ```
/// use beian_rules::{business_registration::region_status, division::RegionStatus};
/// assert_eq!(region_status("110105000000010"), RegionStatus::Known);
/// ```
pub fn region_status(number: &str) -> division::RegionStatus {
    match number.get(..6).and_then(|r| r.parse::<u32>().ok()) {
        Some(100000) => division::RegionStatus::Known,
        Some(region) => division::document_region(region, None),
        None => division::RegionStatus::Unknown,
    }
}

/// Findings for a business registration number at `path`: an error, a
/// canonical-form error with the compact number as suggestion, and a
/// warning when the division tables lack its region code.
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    match validate(input) {
        Ok(n) => {
            let mut out = Vec::new();
            if n != input {
                out.push(crate::finding::canonical_form(
                    path,
                    "business_registration.canonical_form",
                    "营业执照注册号",
                    "business registration number",
                    &n,
                ));
            }
            out.extend(division::region_warning(
                "business_registration.region",
                path,
                ("注册号", "registration number"),
                &n[..6],
                None,
                region_status(&n),
            ));
            out
        }
        Err(e) => vec![e.finding(path)],
    }
}

/// The business registration number (工商营业执照注册号): the [`Identifier`] of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessRegistrationNumber;

impl Identifier for BusinessRegistrationNumber {
    type Valid = String;
    type Error = BusinessRegistrationError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<String, BusinessRegistrationError> {
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
    fn mod_11_10_property() {
        // ISO 7064 MOD 11,10: processing all 15 digits leaves (p + last) % 10 == 1.
        for n in 0..500u64 {
            let first14 = format!("110105{n:08}");
            let d = check_digit(&first14).unwrap();
            let full = format!("{first14}{d}");
            let mut p = 10;
            for b in full[..14].bytes() {
                let s = match (p + u32::from(b - b'0')) % 10 {
                    0 => 10,
                    s => s,
                };
                p = s * 2 % 11;
            }
            assert_eq!((p + d.to_digit(10).unwrap()) % 10, 1, "{full}");
            assert!(is_valid(&full));
        }
    }

    #[test]
    fn errors() {
        assert_eq!(validate(""), Err(BusinessRegistrationError::Empty));
        assert_eq!(
            validate("1101050000001"),
            Err(BusinessRegistrationError::Length { len: 13 })
        );
        assert_eq!(
            validate("11010500000001A"),
            Err(BusinessRegistrationError::Format)
        );
        // A region no table knows: valid, with a warning only.
        let first14 = "99999900000001";
        let n = format!("{first14}{}", check_digit(first14).unwrap());
        assert!(is_valid(&n));
        let f = findings(&n, "/p");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "business_registration.region");
        assert_eq!(f[0].severity, crate::Severity::Warning);
        let first14 = "11010500000001";
        let d = check_digit(first14).unwrap().to_digit(10).unwrap();
        assert_eq!(
            validate(&format!("{first14}{}", (d + 1) % 10)),
            Err(BusinessRegistrationError::Checksum)
        );
    }
}
