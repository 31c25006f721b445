//! Travel permits of Hong Kong, Macau and Taiwan residents (format only).
//!
//! - 港澳居民来往内地通行证: `H` (Hong Kong) or `M` (Macau) and 8 digits (the
//!   2012 card) or 10 digits (the 1999 card: 8-digit lifelong number and a
//!   2-digit renewal count; Ministry of Public Security, 2010-03-10).
//! - 台湾居民来往大陆通行证: 8 digits (the 2015 card), or 10 digits with an
//!   optional letter in brackets (the booklet).
//!
//! These are documents of Hong Kong, Macau and Taiwan: a subject that has
//! only them cannot file (002 #48: "港澳台和国外主体的网站需以内地证件地址备案"),
//! see [`crate::document`].

use std::fmt;

use crate::finding::{Finding, Message, RuleError};
use crate::identifier::{Context, Identifier};
use crate::text;

/// Which permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permit {
    /// 港澳居民来往内地通行证
    HkMacau,
    /// 台湾居民来往大陆通行证
    Taiwan,
}

/// Why a string is not a valid permit number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TravelPermitError {
    /// Nothing was entered.
    Empty,
    /// Not the permit's format.
    Format(Permit),
}

impl RuleError for TravelPermitError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "travel_permit.required",
            Self::Format(Permit::HkMacau) => "travel_permit.hk_macau_format",
            Self::Format(Permit::Taiwan) => "travel_permit.taiwan_format",
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
            Self::Empty => Message::new("请填写通行证号码。", "Enter the permit number."),
            Self::Format(Permit::HkMacau) => Message::new(
                "港澳居民来往内地通行证号码为 H 或 M 加 8 位数字（旧版为 10 位数字）。",
                "A Hong Kong/Macau travel permit number is H or M and 8 digits (10 on the old card).",
            ),
            Self::Format(Permit::Taiwan) => Message::new(
                "台湾居民来往大陆通行证号码为 8 位数字（旧版为 10 位数字，可带括号中的字母）。",
                "A Taiwan travel permit number has 8 digits (old booklet: 10 digits, maybe a letter in brackets).",
            ),
        }
    }
}

impl fmt::Display for TravelPermitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for TravelPermitError {}

/// Removes white space, maps full-width characters (also brackets), upper-cases.
pub fn compact(input: &str) -> String {
    text::clean(input, &["通行证号码", "通行证"], &['-'])
}

/// Validates a permit number after [`compact`].
///
/// ```
/// use beian_rules::travel_permit::{validate, Permit};
/// assert_eq!(validate(Permit::HkMacau, "h1234567800").unwrap(), "H1234567800");
/// assert_eq!(validate(Permit::Taiwan, "12345678").unwrap(), "12345678");
/// assert!(validate(Permit::Taiwan, "1234567").is_err());
/// ```
pub fn validate(permit: Permit, input: &str) -> Result<String, TravelPermitError> {
    let n = compact(input);
    if n.is_empty() {
        return Err(TravelPermitError::Empty);
    }
    let b = n.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let ok = match permit {
        Permit::HkMacau => {
            matches!(b.len(), 9 | 11) && matches!(b[0], b'H' | b'M') && digits(&b[1..])
        }
        Permit::Taiwan => match b.len() {
            8 | 10 => digits(b),
            13 => digits(&b[..10]) && b[10] == b'(' && b[11].is_ascii_uppercase() && b[12] == b')',
            _ => false,
        },
    };
    if ok {
        Ok(n)
    } else {
        Err(TravelPermitError::Format(permit))
    }
}

/// True when [`validate`] accepts the number.
pub fn is_valid(permit: Permit, input: &str) -> bool {
    validate(permit, input).is_ok()
}

/// Findings for a permit number at `path`.
pub fn findings(permit: Permit, input: &str, path: &str) -> Vec<Finding> {
    match validate(permit, input) {
        Ok(n) if n == input => Vec::new(),
        Ok(n) => vec![crate::finding::canonical_form(
            path,
            "travel_permit.canonical_form",
            "通行证号码",
            "permit number",
            &n,
        )],
        Err(e) => vec![e.finding(path)],
    }
}

/// 港澳居民来往内地通行证: the [`Identifier`] of the Hong Kong/Macau permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HkMacauTravelPermit;

/// 台湾居民来往大陆通行证: the [`Identifier`] of the Taiwan permit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaiwanTravelPermit;

impl Identifier for HkMacauTravelPermit {
    type Valid = String;
    type Error = TravelPermitError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<String, TravelPermitError> {
        validate(Permit::HkMacau, input)
    }
    fn canonical(valid: &String) -> String {
        valid.clone()
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(Permit::HkMacau, input, path)
    }
}

impl Identifier for TaiwanTravelPermit {
    type Valid = String;
    type Error = TravelPermitError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<String, TravelPermitError> {
        validate(Permit::Taiwan, input)
    }
    fn canonical(valid: &String) -> String {
        valid.clone()
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(Permit::Taiwan, input, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        for ok in ["H12345678", "M12345678", "H1234567801"] {
            assert!(is_valid(Permit::HkMacau, ok), "{ok}");
        }
        for bad in ["X12345678", "H1234567", "H123456789", "12345678"] {
            assert!(!is_valid(Permit::HkMacau, bad), "{bad}");
        }
        for ok in ["12345678", "1234567890", "1234567890(B)", "1234567890（B）"] {
            assert!(is_valid(Permit::Taiwan, ok), "{ok}");
        }
        for bad in ["1234567", "1234567890(1)", "T1234567"] {
            assert!(!is_valid(Permit::Taiwan, bad), "{bad}");
        }
    }
}
