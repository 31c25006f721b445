//! Mainland resident identity card number (居民身份证号码, GB 11643-1999).
//!
//! 18 characters: a six-digit region code (GB/T 2260, the code at the time
//! of issue), the birth date `YYYYMMDD`, a three-digit sequence (odd for
//! men) and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).
//!
//! Seed 002 #6 (1015 无效身份证号码): "一般来说可能是身份证号码带 X，把小写 x
//! 改成大写 X 就可以了" — a lowercase `x` is the usual cause, so it is
//! reported with the upper-case suggestion. Seed 001 其它 #19: an old form
//! field may carry a prefix such as "身份证：": it is stripped.

use std::fmt;

use crate::date::Date;
use crate::division;
use crate::finding::{Finding, Message, RuleError, Severity};
use crate::identifier::{Context, Identifier};

/// Why a string is not a valid resident ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResidentIdError {
    /// Nothing was entered.
    Empty,
    /// Not 18 characters (after compaction).
    Length {
        /// The length found.
        len: usize,
    },
    /// A 15-digit first-generation number; carries the 18-digit equivalent.
    OldFormat {
        /// The same number in 18 digits.
        converted: String,
    },
    /// Characters other than digits (and a final `X`).
    Format,
    /// A Hong Kong / Macau / Taiwan residence permit number (810000,
    /// 820000, 830000) entered as a resident ID.
    ResidencePermit,
    /// The birth date is not a real date (or before 1900).
    BirthDate,
    /// The birth date lies after today.
    FutureBirthDate,
    /// The check character does not match.
    Checksum,
}

impl RuleError for ResidentIdError {
    fn rule(&self) -> &'static str {
        match self {
            ResidentIdError::Empty => "resident_id.required",
            ResidentIdError::Length { .. } => "resident_id.length",
            ResidentIdError::OldFormat { .. } => "resident_id.old_format",
            ResidentIdError::Format => "resident_id.format",
            ResidentIdError::ResidencePermit => "resident_id.residence_permit",
            ResidentIdError::BirthDate => "resident_id.birth_date",
            ResidentIdError::FutureBirthDate => "resident_id.future_birth_date",
            ResidentIdError::Checksum => "resident_id.checksum",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            ResidentIdError::Empty => Some("5001"),
            _ => Some("1015"),
        }
    }

    fn suggestion(&self) -> Option<String> {
        match self {
            ResidentIdError::OldFormat { converted } => Some(converted.clone()),
            _ => None,
        }
    }

    fn message(&self) -> Message {
        match self {
            ResidentIdError::Empty => Message::new("请填写身份证号码。", "Enter the ID card number."),
            ResidentIdError::Length { len } => Message::new(
                format!("身份证号码应为 18 位，现为 {len} 位。"),
                format!("A resident ID number has 18 characters, not {len}."),
            ),
            ResidentIdError::OldFormat { converted } => Message::new(
                format!("这是 15 位的第一代身份证号码，请使用 18 位号码：{converted}"),
                format!("This is an old 15-digit ID number; use the 18-digit number: {converted}"),
            ),
            ResidentIdError::Format => Message::new(
                "身份证号码只能是数字，最后一位可以是大写 X。",
                "A resident ID number has digits only, the last may be an upper-case X.",
            ),
            ResidentIdError::ResidencePermit => Message::new(
                "这是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”。",
                "This is a Hong Kong/Macau/Taiwan residence permit number: choose the document type \
                 “residence permit”.",
            ),
            ResidentIdError::BirthDate => Message::new(
                "身份证号码第 7–14 位不是有效的出生日期。",
                "Digits 7–14 are not a valid birth date.",
            ),
            ResidentIdError::FutureBirthDate => Message::new(
                "身份证号码中的出生日期晚于今天。",
                "The birth date in the ID number lies in the future.",
            ),
            ResidentIdError::Checksum => Message::new(
                "身份证号码校验位不正确，请逐位核对。",
                "The check character does not match: compare the number digit by digit.",
            ),
        }
    }
}

impl fmt::Display for ResidentIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ResidentIdError {}

/// A valid resident ID number and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResidentId {
    number: [u8; 18],
    region: u32,
    birth_date: Date,
}

impl ResidentId {
    /// The 18 characters, upper-case `X`.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and `X` are ever stored.
        std::str::from_utf8(&self.number).unwrap_or_default()
    }

    /// The six-digit region code.
    pub fn region(&self) -> u32 {
        self.region
    }

    /// What the division tables say of the region code for someone born in
    /// the birth year: not [`division::RegionStatus::Known`] is a warning,
    /// never an error (see [`division::document_region`]).
    pub fn region_status(&self) -> division::RegionStatus {
        division::document_region(self.region, Some(self.birth_date.year()))
    }

    /// The birth date.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// True for an odd sequence number (male).
    pub fn is_male(&self) -> bool {
        self.number[16] % 2 == 1
    }
}

/// Prefixes that old forms put before the number (001 其它 #19).
const PREFIXES: [&str; 5] = ["身份证号码", "身份证号", "居民身份证", "身份证", "ID"];

/// Removes white space (also inside) and hyphens, a "身份证：" prefix, maps
/// full-width digits and letters to ASCII and upper-cases `x` (the clean-up
/// every identifier shares).
///
/// ```
/// use beian_rules::resident_id::compact;
/// assert_eq!(compact(" 110105 19491231 002x "), "11010519491231002X");
/// assert_eq!(compact("身份证：１１０１０５１９４９１２３１００２Ｘ"), "11010519491231002X");
/// assert_eq!(compact("id: 110105-19491231-002X"), "11010519491231002X");
/// ```
pub fn compact(input: &str) -> String {
    crate::text::clean(input, &PREFIXES, &['-'])
}

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
///
/// ```
/// assert_eq!(beian_rules::resident_id::check_char("11010519491231002"), Some('X'));
/// assert_eq!(beian_rules::resident_id::check_char("1101051949123100"), None);
/// ```
pub fn check_char(first17: &str) -> Option<char> {
    let digits: &[u8; 17] = first17.as_bytes().try_into().ok()?;
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(check_of(digits) as char)
}

/// Weights 2^(17-i) mod 11 of ISO 7064 MOD 11-2.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character of 17 ASCII digits.
fn check_of(digits: &[u8; 17]) -> u8 {
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    // (12 - sum mod 11) mod 11, written as a table.
    b"10X98765432"[(sum % 11) as usize]
}

fn number_at(b: &[u8], range: std::ops::Range<usize>) -> u32 {
    b[range].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// Converts a 15-digit first-generation number (born 19xx) to 18 digits.
///
/// ```
/// assert_eq!(beian_rules::resident_id::convert_old("110105491231002").as_deref(), Some("11010519491231002X"));
/// ```
pub fn convert_old(number15: &str) -> Option<String> {
    if number15.len() != 15 || !number15.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let first17 = format!("{}19{}", &number15[..6], &number15[6..]);
    let check = check_char(&first17)?;
    Some(format!("{first17}{check}"))
}

/// Validates a resident ID number after [`compact`]. `today`, when given,
/// rejects birth dates after it. The region code is not checked here: the
/// division tables may lack it, so [`findings`] only warns about it
/// ([`ResidentId::region_status`]).
///
/// ```
/// use beian_rules::resident_id::{validate, ResidentIdError};
/// let id = validate("11010519491231002x", None).unwrap();
/// assert_eq!(id.as_str(), "11010519491231002X");
/// assert_eq!(validate("110105194912310021", None), Err(ResidentIdError::Checksum));
/// ```
pub fn validate(input: &str, today: Option<Date>) -> Result<ResidentId, ResidentIdError> {
    // Fast path: 18 ASCII characters need no clean-up (but may hold a
    // lowercase x, which compact upper-cases).
    let compacted;
    let number: &[u8] =
        if input.len() == 18 && input.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
            input.as_bytes()
        } else {
            compacted = compact(input);
            let len = compacted.chars().count();
            if len == 0 {
                return Err(ResidentIdError::Empty);
            }
            if len == 15 {
                if let Some(converted) = convert_old(&compacted) {
                    if validate(&converted, today).is_ok() {
                        return Err(ResidentIdError::OldFormat { converted });
                    }
                }
            }
            if len != 18 {
                return Err(ResidentIdError::Length { len });
            }
            compacted.as_bytes()
        };
    let Ok(number) = <[u8; 18]>::try_from(number) else {
        return Err(ResidentIdError::Format);
    };
    let (first17, last) = number.split_at(17);
    let first17: &[u8; 17] = first17.try_into().map_err(|_| ResidentIdError::Format)?;
    if !first17.iter().all(u8::is_ascii_digit) || !matches!(last, [b'0'..=b'9' | b'X']) {
        return Err(ResidentIdError::Format);
    }
    let region = number_at(&number, 0..6);
    if matches!(region, 810000 | 820000 | 830000) {
        return Err(ResidentIdError::ResidencePermit);
    }
    let year = number_at(&number, 6..10) as u16;
    let birth_date = match Date::new(
        year,
        number_at(&number, 10..12) as u8,
        number_at(&number, 12..14) as u8,
    ) {
        Some(d) if year >= 1900 => d,
        _ => return Err(ResidentIdError::BirthDate),
    };
    if today.is_some_and(|t| birth_date > t) {
        return Err(ResidentIdError::FutureBirthDate);
    }
    if check_of(first17) != last[0] {
        return Err(ResidentIdError::Checksum);
    }
    Ok(ResidentId {
        number,
        region,
        birth_date,
    })
}

/// True when [`validate`] accepts the number (birth date not checked
/// against today).
///
/// ```
/// assert!(beian_rules::resident_id::is_valid("11010519491231002X"));
/// assert!(!beian_rules::resident_id::is_valid("11010519491231002Y"));
/// ```
pub fn is_valid(input: &str) -> bool {
    validate(input, None).is_ok()
}

/// The canonical form of a valid number (18 characters, upper-case X).
///
/// ```
/// assert_eq!(beian_rules::resident_id::format("11010519491231002x").as_deref(), Some("11010519491231002X"));
/// ```
pub fn format(input: &str) -> Option<String> {
    validate(input, None).ok().map(|id| id.as_str().to_string())
}

/// Findings for a resident ID number at `path`.
///
/// A number that is valid only after [`compact`] (lowercase `x`, spaces,
/// full-width digits, a prefix) is still an error — the MIIT system returns
/// 1015 for it — with the compact number as suggestion.
///
/// ```
/// let f = beian_rules::resident_id::findings("11010519491231002x", "/subject/documentNumber", None);
/// assert_eq!(f[0].rule, "resident_id.lowercase_x");
/// assert_eq!(f[0].code.as_deref(), Some("1015"));
/// assert_eq!(f[0].suggestion.as_deref(), Some("11010519491231002X"));
/// ```
pub fn findings(input: &str, path: &str, today: Option<Date>) -> Vec<Finding> {
    match validate(input, today) {
        Ok(id) => {
            let mut out = Vec::new();
            if id.as_str() != input {
                // Only the case of the final x differs: the usual cause of
                // 1015 (002 #6). Anything else (spaces, also around the
                // number; full width; a prefix) is the canonical-form error.
                let finding = if input.to_ascii_uppercase() == id.as_str() {
                    Finding::new(
                        "resident_id.lowercase_x",
                        Some("1015"),
                        path,
                        Severity::Error,
                        Message::new(
                            "身份证号码末位的 x 必须大写为 X（这是身份证号码无效最常见的原因）。",
                            "The final x of the ID number must be an upper-case X (the most common \
                             cause of an invalid ID number).",
                        ),
                    )
                } else {
                    Finding::new(
                        "resident_id.canonical_form",
                        Some("1015"),
                        path,
                        Severity::Error,
                        Message::new(
                            "身份证号码中有空格、全角字符或前缀，请只填写 18 位号码（半角，末位 X 大写）。",
                            "The ID number contains spaces, full-width characters or a prefix: enter \
                             the 18 characters only (half-width, upper-case X).",
                        ),
                    )
                };
                out.push(finding.with_suggestion(id.as_str()));
            }
            out.extend(division::region_warning(
                "resident_id.region",
                path,
                ("身份证号码", "ID number"),
                &id.as_str()[..6],
                Some(id.birth_date.year()),
                id.region_status(),
            ));
            out
        }
        Err(e) => vec![e.finding(path)],
    }
}

impl Identifier for ResidentId {
    type Valid = ResidentId;
    type Error = ResidentIdError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, context: Context) -> Result<ResidentId, ResidentIdError> {
        validate(input, context.today)
    }
    fn canonical(valid: &ResidentId) -> String {
        valid.as_str().to_string()
    }
    fn findings(input: &str, path: &str, context: Context) -> Vec<Finding> {
        findings(input, path, context.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of GB 11643-1999 (appendix).
    const VALID: [&str; 1] = ["11010519491231002X"];

    #[test]
    fn standard_example() {
        assert!(is_valid(VALID[0]));
        // Born 1880: a real check character, but before 1900.
        assert_eq!(
            validate("440524188001010014", None),
            Err(ResidentIdError::BirthDate)
        );
    }

    #[test]
    fn check_char_table() {
        // Every residue gives a distinct character.
        let mut seen = std::collections::HashSet::new();
        for n in 0..2000u32 {
            let first17 = format!("1101051949123{:04}", n);
            seen.insert(check_char(&first17).unwrap());
        }
        assert_eq!(seen.len(), 11);
    }

    #[test]
    fn each_error() {
        let today = Date::new(2026, 11, 25);
        assert_eq!(validate("", today), Err(ResidentIdError::Empty));
        assert_eq!(
            validate("1101051949123100", today),
            Err(ResidentIdError::Length { len: 16 })
        );
        assert_eq!(
            validate("1101051949123100XX", today),
            Err(ResidentIdError::Format)
        );
        assert_eq!(
            validate("X10105194912310021", today),
            Err(ResidentIdError::Format)
        );
        assert_eq!(
            validate("110105194902300021", today),
            Err(ResidentIdError::BirthDate)
        );
        assert_eq!(
            validate("110105189912310021", today),
            Err(ResidentIdError::BirthDate)
        );
        assert_eq!(
            validate("110105210001010021", today),
            Err(ResidentIdError::FutureBirthDate)
        );
        assert_eq!(
            validate("110105194912310021", today),
            Err(ResidentIdError::Checksum)
        );
        assert_eq!(
            validate("110105491231002", today),
            Err(ResidentIdError::OldFormat {
                converted: "11010519491231002X".into()
            })
        );
    }

    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17).unwrap())
    }

    fn region_rules(number: &str) -> Vec<(String, Severity)> {
        findings(number, "/p", None)
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    #[test]
    fn region_is_a_warning_never_an_error() {
        // 宣武区 (110104) was merged into 西城区 in 2010: numbers issued
        // before are known, later ones get a warning only.
        assert!(findings(&with_check("11010419800101001"), "/p", None).is_empty());
        assert!(findings(&with_check("11010420100101001"), "/p", None).is_empty());
        let late = with_check("11010420150101001");
        assert!(is_valid(&late));
        assert_eq!(
            region_rules(&late),
            [("resident_id.region".to_string(), Severity::Warning)]
        );
        let f = findings(&late, "/p", None);
        assert!(
            f[0].message.zh_cn.contains("宣武区"),
            "{}",
            f[0].message.zh_cn
        );
        assert!(f[0].message.en.contains("2010"), "{}", f[0].message.en);
        assert_eq!(f[0].code, None);
        // City-level and 市辖区 codes of a city.
        assert!(findings(&with_check("13010019800101001"), "/p", None).is_empty());
        assert!(findings(&with_check("13010119800101001"), "/p", None).is_empty());
        // Statistics-only development-zone codes and codes no table knows:
        // a warning that says so (python-stdnum raises KeyError on them).
        for number in [
            with_check("13017119900101001"),
            with_check("99999919491231002"),
        ] {
            assert!(is_valid(&number), "{number}");
            assert_eq!(
                region_rules(&number),
                [("resident_id.region".to_string(), Severity::Warning)],
                "{number}"
            );
        }
    }

    #[test]
    fn real_numbers_with_codes_retired_before_birth() {
        // jxlwqq/id-validator issue #58: numbers that passed a carrier's
        // real-name check, with 342401 (六安地区, retired 1999) for a holder
        // born 2001 and 230122 (retired 1987) for one born 1994. The issue
        // gives no full numbers; these are built with a real check digit.
        for first17 in ["34240120010101001", "23012219940101001"] {
            let number = with_check(first17);
            assert!(is_valid(&number));
            let f = findings(&number, "/p", None);
            assert_eq!(f.len(), 1, "{f:?}");
            assert_eq!(f[0].severity, Severity::Warning);
            assert!(f[0].message.en.contains("retired"), "{}", f[0].message.en);
        }
    }

    #[test]
    fn codes_of_the_early_1980s_are_known() {
        // 140120 太原市市区 and 360120 南昌市市区 (1980–1983), 110201 昌平县
        // (to 1982): in the 1980 tables, not in the civil-affairs table
        // since 1981 (data/divisions/SOURCE.md).
        for first17 in [
            "14012019650101001",
            "36012019700101001",
            "11020119600101001",
        ] {
            assert!(
                findings(&with_check(first17), "/p", None).is_empty(),
                "{first17}"
            );
        }
    }

    #[test]
    fn padded_number_is_canonical_form_not_lowercase_x() {
        // Issue 16: spaces around a valid number said "the final x must be
        // upper case"; the fix (the trimmed number) was right, the words not.
        let f = findings(" 110105195001098886 ", "/p", None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "resident_id.canonical_form");
        assert_eq!(f[0].suggestion.as_deref(), Some("110105195001098886"));
        let f = findings(" 11010519491231002x ", "/p", None);
        assert_eq!(f[0].rule, "resident_id.canonical_form");
        assert_eq!(f[0].suggestion.as_deref(), Some("11010519491231002X"));
    }

    #[test]
    fn lowercase_x_is_1015_with_suggestion() {
        // 002 #6: the usual cause of 1015 is a lowercase x.
        let f = findings("11010519491231002x", "/p", None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].rule, "resident_id.lowercase_x");
        assert_eq!(f[0].suggestion.as_deref(), Some("11010519491231002X"));
        assert!(findings("11010519491231002X", "/p", None).is_empty());
    }

    #[test]
    fn full_width_and_prefix_suggest_clean_number() {
        let f = findings("身份证：１１０１０５１９４９１２３１００２Ｘ", "/p", None);
        assert_eq!(f[0].rule, "resident_id.canonical_form");
        assert_eq!(f[0].suggestion.as_deref(), Some("11010519491231002X"));
    }

    #[test]
    fn single_digit_changes_are_caught() {
        // MOD 11-2 detects every single-digit substitution.
        let valid = VALID[0];
        for i in 0..17 {
            for d in b'0'..=b'9' {
                let mut b = valid.as_bytes().to_vec();
                if b[i] == d {
                    continue;
                }
                b[i] = d;
                let s = String::from_utf8(b).unwrap();
                assert!(!is_valid(&s), "{s}");
            }
        }
    }
}
