//! Unified social credit code (统一社会信用代码, GB 32100-2015).
//!
//! 18 characters over the 31-character alphabet `0-9 A-H J-N P-R T U W-Y`
//! (no I, O, S, V, Z): registration authority (1 character), organisation
//! type (1), region code of the registering authority (6 digits, GB/T 2260),
//! the organisation code (9 characters, GB 11714, with its own check
//! character) and the check character: weights 3^i mod 31, check value
//! `31 - sum mod 31` (31 gives `0`).
//!
//! Organisations file with it (004 3, 备案资料: 营业执照 / 组织机构证书);
//! a wrong number is returned like a wrong ID number (1015 invalid document
//! number: the same MIIT check applies to every subject document, 002 #27:
//! a subject is "document type + document number").

use std::fmt;

use crate::finding::{Finding, Message, RuleError};
use crate::identifier::{Context, Identifier};
use crate::{division, org_code, text};

/// The 31 characters of the code, in value order.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Registration authorities and the organisation types each may issue
/// (GB 32100-2015, table 1).
const AUTHORITIES: [(char, &str, &str); 12] = [
    ('1', "1239", "机构编制"),
    ('2', "19", "外交"),
    ('3', "1234569", "司法行政"),
    ('4', "19", "文化"),
    ('5', "1239", "民政"),
    ('6', "129", "旅游"),
    ('7', "129", "宗教"),
    ('8', "19", "工会"),
    ('9', "123", "工商 / 市场监管"),
    ('A', "19", "中央军委改革和编制办公室"),
    ('N', "12349", "农业"),
    ('Y', "1", "其他"),
];

/// Why a string is not a valid unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    /// Nothing was entered.
    Empty,
    /// Not 18 characters.
    Length {
        /// The length found.
        len: usize,
    },
    /// A character outside the 31-character alphabet (I, O, S, V, Z …).
    Alphabet,
    /// An unknown registration authority (first character).
    Authority,
    /// An organisation type the authority does not issue (second character).
    Type,
    /// The embedded organisation code (characters 9–17) fails its check.
    OrganisationCode,
    /// The final check character does not match.
    Checksum,
}

impl RuleError for UsccError {
    fn rule(&self) -> &'static str {
        match self {
            UsccError::Empty => "uscc.required",
            UsccError::Length { .. } => "uscc.length",
            UsccError::Alphabet => "uscc.alphabet",
            UsccError::Authority => "uscc.authority",
            UsccError::Type => "uscc.type",
            UsccError::OrganisationCode => "uscc.organisation_code",
            UsccError::Checksum => "uscc.checksum",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            UsccError::Empty => Some("5001"),
            _ => Some("1015"),
        }
    }

    fn message(&self) -> Message {
        match self {
            UsccError::Empty => Message::new("请填写统一社会信用代码。", "Enter the unified social credit code."),
            UsccError::Length { len } => Message::new(
                format!("统一社会信用代码应为 18 位，现为 {len} 位。"),
                format!("A unified social credit code has 18 characters, not {len}."),
            ),
            UsccError::Alphabet => Message::new(
                "统一社会信用代码只含数字和大写字母，不使用 I、O、S、V、Z。",
                "A unified social credit code has digits and capital letters only, never I, O, S, V or Z.",
            ),
            UsccError::Authority => Message::new(
                "第 1 位（登记管理部门代码）无效：应为 1–9、A、N 或 Y。",
                "The first character (registration authority) must be 1–9, A, N or Y.",
            ),
            UsccError::Type => Message::new(
                "第 2 位（机构类别代码）与第 1 位的登记管理部门不符。",
                "The second character (organisation type) is not one this registration authority issues.",
            ),
            UsccError::OrganisationCode => Message::new(
                "第 9–17 位（组织机构代码）校验不通过，请逐位核对营业执照。",
                "Characters 9–17 (the organisation code) fail their check: compare with the licence character by character.",
            ),
            UsccError::Checksum => Message::new(
                "统一社会信用代码最后一位校验码不正确，请逐位核对营业执照。",
                "The check character does not match: compare with the licence character by character.",
            ),
        }
    }
}

impl fmt::Display for UsccError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for UsccError {}

/// A valid unified social credit code and its parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uscc {
    code: String,
}

impl Uscc {
    /// The 18 characters.
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The registration authority character (`9` for market regulation).
    pub fn authority(&self) -> char {
        self.code.as_bytes()[0] as char
    }

    /// The registration authority's name in Chinese, e.g. `工商 / 市场监管`.
    pub fn authority_name(&self) -> &'static str {
        AUTHORITIES
            .iter()
            .find(|a| a.0 == self.authority())
            .map_or("", |a| a.2)
    }

    /// The organisation type character.
    pub fn organisation_type(&self) -> char {
        self.code.as_bytes()[1] as char
    }

    /// The region code of the registering authority.
    pub fn region(&self) -> &str {
        &self.code[2..8]
    }

    /// What the division tables say of the region code (100000 is the
    /// national authority; a city's `xxxx00` and 市辖区 `xxxx01` codes count
    /// as the city, as Guangzhou's 440101). Not [`division::RegionStatus::Known`]
    /// is a warning, never an error: the tables may be incomplete.
    ///
    /// ```
    /// use beian_rules::division::RegionStatus;
    /// let code = beian_rules::uscc::validate("91440101MA59ABCD1D").unwrap();
    /// assert_eq!(code.region_status(), RegionStatus::Known);
    /// ```
    pub fn region_status(&self) -> division::RegionStatus {
        match self.region().parse::<u32>() {
            Ok(100000) => division::RegionStatus::Known,
            Ok(region) => division::document_region(region, None),
            Err(_) => division::RegionStatus::Unknown,
        }
    }

    /// The embedded organisation code (9 characters).
    pub fn organisation_code(&self) -> &str {
        &self.code[8..17]
    }
}

/// Removes white space and hyphens, maps full-width characters, upper-cases.
///
/// ```
/// assert_eq!(beian_rules::uscc::compact(" 9144 0300 7152 6726 xg "), "9144030071526726XG");
/// ```
pub fn compact(input: &str) -> String {
    text::clean(input, &["统一社会信用代码"], &['-'])
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.bytes().position(|a| a == c).map(|p| p as u32)
}

/// The check character of the first 17 characters, or `None` when they are
/// not 17 characters of the alphabet.
///
/// ```
/// assert_eq!(beian_rules::uscc::check_char("9144030071526726X"), Some('G'));
/// ```
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    let mut weight = 1;
    for c in first17.bytes() {
        sum += value(c)? * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize)
}

/// Validates a unified social credit code after [`compact`]. The region
/// code is not checked here: [`findings`] only warns when the division
/// tables lack it ([`Uscc::region_status`]); characters 3–8 that are not
/// digits fail the check character or the organisation code instead.
///
/// ```
/// use beian_rules::uscc::{validate, UsccError};
/// let code = validate("9144030071526726XG").unwrap();
/// assert_eq!(code.region(), "440300");
/// assert_eq!(code.organisation_code(), "71526726X");
/// assert_eq!(validate("9144030071526726XA"), Err(UsccError::Checksum));
/// ```
pub fn validate(input: &str) -> Result<Uscc, UsccError> {
    let code = compact(input);
    let len = code.chars().count();
    if len == 0 {
        return Err(UsccError::Empty);
    }
    if len != 18 {
        return Err(UsccError::Length { len });
    }
    if !code.bytes().all(|c| value(c).is_some()) {
        return Err(UsccError::Alphabet);
    }
    let b = code.as_bytes();
    let Some((_, types, _)) = AUTHORITIES.iter().find(|a| a.0 as u8 == b[0]) else {
        return Err(UsccError::Authority);
    };
    if !types.as_bytes().contains(&b[1]) {
        return Err(UsccError::Type);
    }
    if check_char(&code[..17]) != Some(b[17] as char) {
        return Err(UsccError::Checksum);
    }
    if !org_code::is_valid(&code[8..17]) {
        return Err(UsccError::OrganisationCode);
    }
    Ok(Uscc { code })
}

/// True when [`validate`] accepts the code.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The canonical form of a valid code.
pub fn format(input: &str) -> Option<String> {
    validate(input).ok().map(|c| c.code)
}

/// Findings for a unified social credit code at `path`: an error, or a
/// canonical-form error with the compact code as suggestion, and a warning
/// when the division tables lack the region code.
///
/// ```
/// let f = beian_rules::uscc::findings("9144030071526726xg", "/subject/documentNumber");
/// assert_eq!(f[0].suggestion.as_deref(), Some("9144030071526726XG"));
/// ```
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    match validate(input) {
        Ok(code) => {
            let mut out = Vec::new();
            if code.code != input {
                out.push(crate::finding::canonical_form(
                    path,
                    "uscc.canonical_form",
                    "统一社会信用代码",
                    "unified social credit code",
                    &code.code,
                ));
            }
            out.extend(division::region_warning(
                "uscc.region",
                path,
                ("统一社会信用代码", "unified social credit code"),
                code.region(),
                None,
                code.region_status(),
            ));
            out
        }
        Err(e) => vec![e.finding(path)],
    }
}

impl Identifier for Uscc {
    type Valid = Uscc;
    type Error = UsccError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<Uscc, UsccError> {
        validate(input)
    }
    fn canonical(valid: &Uscc) -> String {
        valid.code.clone()
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(input, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes printed on published business licences (checked against the
    /// National Enterprise Credit Information Publicity System): Tencent
    /// (Shenzhen), Huawei, Baidu (Beijing) Netcom, Xiaomi, Alibaba (China),
    /// and the 91350100M000100Y43 example widely used in GB 32100 material.
    pub(crate) const PUBLISHED: [&str; 6] = [
        "9144030071526726XG",
        "914403001922038216",
        "91110000802100433B",
        "91110108551385082Q",
        "91330100799655058B",
        "91350100M000100Y43",
    ];

    #[test]
    fn published_codes_are_valid() {
        for c in PUBLISHED {
            assert!(is_valid(c), "{c}");
        }
    }

    #[test]
    fn city_level_region_codes_are_known() {
        // Issue 13: codes with a city's 市辖区 region (440101 Guangzhou,
        // 350101 Fuzhou, 330501 Huzhou), check characters as computed by
        // python-stdnum, were rejected as "not a valid region code".
        for c in [
            "91440101MA59ABCD1D",
            "91350101AWMD908M1T",
            "91330501MA8KWR9Y3T",
        ] {
            assert!(is_valid(c), "{c}");
            assert!(findings(c, "/p").is_empty(), "{c}: {:?}", findings(c, "/p"));
        }
    }

    #[test]
    fn check_character_zero_is_valid() {
        // stdnum-js rejects codes whose check character is 0; find one by
        // varying the organisation code's sequence and check both checks.
        let mut found = 0;
        for n in 0..100_000u32 {
            let body = format!("{n:08}");
            let org = format!("{body}{}", org_code::check_char(&body).unwrap());
            let first17 = format!("91440300{org}");
            if check_char(&first17) == Some('0') {
                assert!(is_valid(&format!("{first17}0")));
                found += 1;
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn each_error() {
        assert_eq!(validate(""), Err(UsccError::Empty));
        assert_eq!(
            validate("9144030071526726X"),
            Err(UsccError::Length { len: 17 })
        );
        assert_eq!(validate("9144030071526726IG"), Err(UsccError::Alphabet));
        assert_eq!(validate("B144030071526726XG"), Err(UsccError::Authority));
        assert_eq!(validate("9444030071526726XG"), Err(UsccError::Type));
        // Characters 3–8 that are no table's region: valid, a warning only.
        let first17 = "9199999971526726X";
        let code = format!("{first17}{}", check_char(first17).unwrap());
        assert!(is_valid(&code));
        let f = findings(&code, "/p");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "uscc.region");
        assert_eq!(f[0].severity, crate::Severity::Warning);
        assert_eq!(validate("9144030071526726XA"), Err(UsccError::Checksum));
        // Valid final check over a broken organisation code.
        let first17 = "91440300715267260";
        let code = format!("{first17}{}", check_char(first17).unwrap());
        assert_eq!(validate(&code), Err(UsccError::OrganisationCode));
    }

    #[test]
    fn every_single_substitution_fails() {
        for c in PUBLISHED {
            for i in 0..18 {
                for a in ALPHABET.chars() {
                    let mut s: Vec<char> = c.chars().collect();
                    if s[i] == a {
                        continue;
                    }
                    s[i] = a;
                    let s: String = s.into_iter().collect();
                    assert!(!is_valid(&s), "{s}");
                }
            }
        }
    }
}
