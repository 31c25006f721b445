//! Telephone numbers of responsible persons: mainland mobile numbers and
//! landlines with area code (RULES.md, contact data; 004 3: 联系电话 of the
//! responsible person; 001 三 asks for 办公电话 and 手机号码).
//!
//! Mobile numbers have 11 digits; the first three name an allocated range
//! (`data/phone/mobile_prefixes.txt`, with its source and date in SOURCE.md).
//! A prefix outside the table is a warning only: a new range must never
//! block a filing. Landlines are `area code-local number`: area codes `010`
//! and `02x` with 8-digit local numbers, `0xxx` with 7 or 8 digits; local
//! numbers do not start with 0 or 1. An extension may follow (`-123` or
//! `转123`). Malformed numbers would not match the filing system's data
//! schema: code 5001 (002 #17).

use std::fmt;
use std::sync::LazyLock;

use crate::finding::{Finding, Message, RuleError, Severity};
use crate::text;

const MOBILE_PREFIXES: &str = include_str!("../data/phone/mobile_prefixes.txt");

/// Allocated prefixes and their operator, sorted by prefix.
static PREFIXES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    text::data_lines(MOBILE_PREFIXES)
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            Some((parts.next()?, parts.next()?))
        })
        .collect()
});

/// The three-digit area codes (all others have four digits).
const SHORT_AREA_CODES: [&str; 10] = [
    "010", "020", "021", "022", "023", "024", "025", "027", "028", "029",
];

/// Why a string is not a mainland mobile number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MobileError {
    /// Nothing was entered.
    Empty,
    /// Characters other than digits, spaces, hyphens and a `+86` prefix.
    Format,
    /// Not 11 digits.
    Length {
        /// The number of digits found.
        len: usize,
    },
    /// 11 digits, but not starting with 13–19.
    Prefix,
}

impl RuleError for MobileError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "mobile.required",
            Self::Format => "mobile.format",
            Self::Length { .. } => "mobile.length",
            Self::Prefix => "mobile.prefix",
        }
    }

    fn code(&self) -> Option<&'static str> {
        Some("5001")
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写手机号码。", "Enter the mobile number."),
            Self::Format => Message::new(
                "手机号码只能含数字（可带 +86 前缀）。",
                "A mobile number has digits only (a +86 prefix is allowed).",
            ),
            Self::Length { len } => Message::new(
                format!("大陆手机号码为 11 位数字，现为 {len} 位。"),
                format!("A mainland mobile number has 11 digits, not {len}."),
            ),
            Self::Prefix => Message::new(
                "大陆手机号码以 13–19 开头；固定电话请填写在办公电话中。",
                "A mainland mobile number starts with 13–19; enter a landline as the office phone.",
            ),
        }
    }
}

impl fmt::Display for MobileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for MobileError {}

/// A valid mainland mobile number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mobile {
    digits: String,
}

impl Mobile {
    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// The operator the range was allocated to (`移动`, `联通`, `电信`, `广电`,
    /// …), `None` for a range not in the table.
    pub fn operator(&self) -> Option<&'static str> {
        let prefix = &self.digits[..3];
        PREFIXES
            .binary_search_by(|(p, _)| (*p).cmp(prefix))
            .ok()
            .map(|i| PREFIXES[i].1)
    }
}

/// Maps full-width digits, removes white space and hyphens, and a `+86`,
/// `0086` or `86` country prefix before 11 digits.
///
/// ```
/// assert_eq!(beian_rules::phone::compact_mobile("+86 138-0013-8000"), "13800138000");
/// assert_eq!(beian_rules::phone::compact_mobile("１３８００１３８０００"), "13800138000");
/// ```
pub fn compact_mobile(input: &str) -> String {
    let s: String = input
        .chars()
        .map(text::halfwidth)
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
        .collect();
    for prefix in ["+86", "0086", "86"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if rest.len() == 11 && rest.starts_with('1') {
                return rest.to_string();
            }
        }
    }
    s
}

/// Validates a mainland mobile number after [`compact_mobile`].
///
/// ```
/// use beian_rules::phone::{validate_mobile, MobileError};
/// let m = validate_mobile("13800138000").unwrap();
/// assert_eq!(m.operator(), Some("移动"));
/// assert_eq!(validate_mobile("1380013800"), Err(MobileError::Length { len: 10 }));
/// assert_eq!(validate_mobile("01012345678"), Err(MobileError::Prefix));
/// ```
pub fn validate_mobile(input: &str) -> Result<Mobile, MobileError> {
    let digits = if input.len() == 11 && input.bytes().all(|b| b.is_ascii_digit()) {
        input.to_string()
    } else {
        compact_mobile(input)
    };
    if digits.is_empty() {
        return Err(MobileError::Empty);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MobileError::Format);
    }
    if digits.len() != 11 {
        return Err(MobileError::Length { len: digits.len() });
    }
    if !matches!(digits.as_bytes()[..2], [b'1', b'3'..=b'9']) {
        return Err(MobileError::Prefix);
    }
    Ok(Mobile { digits })
}

/// True when [`validate_mobile`] accepts the number.
pub fn is_valid_mobile(input: &str) -> bool {
    validate_mobile(input).is_ok()
}

/// The 11 digits of a valid number.
///
/// ```
/// assert_eq!(beian_rules::phone::format_mobile("138 0013 8000").as_deref(), Some("13800138000"));
/// ```
pub fn format_mobile(input: &str) -> Option<String> {
    validate_mobile(input).ok().map(|m| m.digits)
}

fn canonical_form(rule: &str, path: &str, zh: &str, en: &str, clean: &str) -> Finding {
    Finding::new(
        rule,
        Some("5001"),
        path,
        Severity::Error,
        Message::new(
            format!("{zh}中有空格、全角字符或多余的符号，请填写为：{clean}"),
            format!(
                "The {en} has spaces, full-width characters or extra symbols; enter it as: {clean}"
            ),
        ),
    )
    .with_suggestion(clean)
}

fn unknown_range(prefix: &str, path: &str) -> Finding {
    Finding::new(
        "mobile.unknown_range",
        None,
        path,
        Severity::Warning,
        Message::new(
            format!("号段 {prefix} 不在已分配的手机号段表中，请核对号码。"),
            format!(
                "The range {prefix} is not among the allocated mobile ranges: check the number."
            ),
        ),
    )
}

/// Findings for a mobile number at `path`.
///
/// ```
/// let f = beian_rules::phone::mobile_findings("138 0013 8000", "/subject/responsiblePerson/mobile");
/// assert_eq!(f[0].suggestion.as_deref(), Some("13800138000"));
/// assert!(beian_rules::phone::mobile_findings("13800138000", "").is_empty());
/// ```
pub fn mobile_findings(input: &str, path: &str) -> Vec<Finding> {
    match validate_mobile(input) {
        Err(e) => vec![e.finding(path)],
        Ok(m) => {
            let mut out = Vec::new();
            if m.digits != input {
                out.push(canonical_form(
                    "mobile.canonical_form",
                    path,
                    "手机号码",
                    "mobile number",
                    &m.digits,
                ));
            }
            if m.operator().is_none() {
                out.push(unknown_range(&m.digits[..3], path));
            }
            out
        }
    }
}

/// Why a string is not a landline number with area code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LandlineError {
    /// Nothing was entered.
    Empty,
    /// Characters other than digits, spaces, hyphens, brackets, `+86` and
    /// an extension.
    Format,
    /// A mobile number in the landline field.
    Mobile,
    /// No area code: the number does not start with 0.
    AreaCodeRequired,
    /// The area code is not a mainland one (`010`, `02x`, `03xx`–`09xx`).
    AreaCode,
    /// The local number does not have 7 or 8 digits (8 after `010`/`02x`)
    /// or starts with 0 or 1.
    LocalNumber,
}

impl RuleError for LandlineError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "landline.required",
            Self::Format => "landline.format",
            Self::Mobile => "landline.mobile",
            Self::AreaCodeRequired => "landline.area_code_required",
            Self::AreaCode => "landline.area_code",
            Self::LocalNumber => "landline.local_number",
        }
    }

    fn code(&self) -> Option<&'static str> {
        Some("5001")
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写固定电话。", "Enter the landline number."),
            Self::Format => Message::new(
                "固定电话的写法是“区号-号码”，如 010-62345678 或 0571-87654321。",
                "Write a landline as area code-number, e.g. 010-62345678 or 0571-87654321.",
            ),
            Self::Mobile => Message::new(
                "这是手机号码，请填写带区号的固定电话。",
                "This is a mobile number; enter a landline with its area code.",
            ),
            Self::AreaCodeRequired => Message::new(
                "固定电话须带区号，如 010-62345678。",
                "A landline needs its area code, e.g. 010-62345678.",
            ),
            Self::AreaCode => Message::new(
                "区号无效：大陆区号为 010、02X 或 4 位的 03XX–09XX。",
                "Invalid area code: mainland area codes are 010, 02X, or four digits 03XX–09XX.",
            ),
            Self::LocalNumber => Message::new(
                "电话号码应为 7 或 8 位（区号 010、02X 后为 8 位），且不以 0 或 1 开头。",
                "The local number has 7 or 8 digits (8 after 010 and 02X) and does not start \
                 with 0 or 1.",
            ),
        }
    }
}

impl fmt::Display for LandlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for LandlineError {}

/// A valid landline number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Landline {
    area_code: String,
    local: String,
    extension: Option<String>,
}

impl Landline {
    /// The area code with its leading 0, e.g. `0571`.
    pub fn area_code(&self) -> &str {
        &self.area_code
    }

    /// The local number.
    pub fn local(&self) -> &str {
        &self.local
    }

    /// The extension, if any.
    pub fn extension(&self) -> Option<&str> {
        self.extension.as_deref()
    }
}

impl fmt::Display for Landline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.area_code, self.local)?;
        if let Some(ext) = &self.extension {
            write!(f, "-{ext}")?;
        }
        Ok(())
    }
}

/// Splits digits (no separators) into area code and local number.
fn split_area(digits: &str) -> Result<(&str, &str), LandlineError> {
    if !digits.starts_with('0') {
        return Err(LandlineError::AreaCodeRequired);
    }
    let len = if digits.starts_with("01") || digits.starts_with("02") {
        3
    } else {
        4
    };
    if digits.len() <= len {
        return Err(LandlineError::LocalNumber);
    }
    Ok(digits.split_at(len))
}

fn check_area(area: &str) -> Result<(), LandlineError> {
    let ok = if area.len() == 3 {
        SHORT_AREA_CODES.contains(&area)
    } else {
        area.len() == 4 && matches!(area.as_bytes()[1], b'3'..=b'9')
    };
    if ok {
        Ok(())
    } else {
        Err(LandlineError::AreaCode)
    }
}

/// Validates a landline number: `010-62345678`, `(0571)87654321`,
/// `0571 8765 4321`, `+86 571 87654321`, `057187654321`, with an optional
/// extension (`-123`, `转123`).
///
/// ```
/// use beian_rules::phone::{validate_landline, LandlineError};
/// assert_eq!(validate_landline("(0571)8765 4321").unwrap().to_string(), "0571-87654321");
/// assert_eq!(validate_landline("010-62345678转123").unwrap().to_string(), "010-62345678-123");
/// assert_eq!(validate_landline("12345678"), Err(LandlineError::AreaCodeRequired));
/// assert_eq!(validate_landline("13800138000"), Err(LandlineError::Mobile));
/// ```
pub fn validate_landline(input: &str) -> Result<Landline, LandlineError> {
    // The canonical form as typed: `0xx-xxxxxxxx` or `0xxx-xxxxxxx(x)`.
    if let Some((area, local)) = input.split_once('-') {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if area.starts_with('0') && (3..=4).contains(&area.len()) && digits(area) && digits(local) {
            check_area(area)?;
            return finish(area, local, None);
        }
    }
    let s: String = input
        .chars()
        .map(text::halfwidth)
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err(LandlineError::Empty);
    }
    // Country code: +86 / 0086, then the area code without its 0.
    let s = match s.strip_prefix("+86").or_else(|| s.strip_prefix("0086")) {
        Some(rest) => format!("0{}", rest.trim_start_matches(['-', '('])),
        None => s,
    };
    // Extension after 转 or 分机.
    let (main, mut extension) = match s.split_once('转').or_else(|| s.split_once("分机")) {
        Some((main, ext)) => (main.to_string(), Some(ext.to_string())),
        None => (s.clone(), None),
    };
    // Brackets around the area code become a separator.
    let main = main.replace('(', "").replace(')', "-");
    let groups: Vec<&str> = main.split('-').filter(|g| !g.is_empty()).collect();
    if groups.is_empty() || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return Err(LandlineError::Format);
    }
    if let Some(ext) = &extension {
        if ext.is_empty() || ext.len() > 6 || !ext.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LandlineError::Format);
        }
    }
    let joined = groups.concat();
    if joined.len() == 11 && joined.starts_with('1') {
        return Err(LandlineError::Mobile);
    }
    let (area, local) = match groups.as_slice() {
        [one] => split_area(one)?,
        [first, rest @ ..] if first.starts_with('0') && first.len() <= 4 => {
            // area-local[-extension] or area-local local (spaced digits).
            let local_groups: Vec<&str> = rest.to_vec();
            let local: String;
            if local_groups.len() >= 2
                && (7..=8).contains(&local_groups[0].len())
                && local_groups[1..].iter().map(|g| g.len()).sum::<usize>() <= 6
                && extension.is_none()
            {
                extension = Some(local_groups[1..].concat());
                local = local_groups[0].to_string();
            } else {
                local = local_groups.concat();
            }
            check_area(first)?;
            return finish(first, &local, extension);
        }
        _ => {
            // Digits split in groups without a recognisable area code.
            let joined_ref: &str = &joined;
            let (a, l) = split_area(joined_ref)?;
            check_area(a)?;
            return finish(a, l, extension);
        }
    };
    check_area(area)?;
    finish(area, local, extension)
}

fn finish(area: &str, local: &str, extension: Option<String>) -> Result<Landline, LandlineError> {
    let len_ok = if area.len() == 3 {
        local.len() == 8
    } else {
        (7..=8).contains(&local.len())
    };
    if !len_ok || local.starts_with(['0', '1']) {
        return Err(LandlineError::LocalNumber);
    }
    Ok(Landline {
        area_code: area.to_string(),
        local: local.to_string(),
        extension: extension.filter(|e| !e.is_empty()),
    })
}

/// True when [`validate_landline`] accepts the number.
pub fn is_valid_landline(input: &str) -> bool {
    validate_landline(input).is_ok()
}

/// The canonical form `area-local[-extension]` of a valid number.
///
/// ```
/// assert_eq!(beian_rules::phone::format_landline("０１０ ６２３４５６７８").as_deref(), Some("010-62345678"));
/// ```
pub fn format_landline(input: &str) -> Option<String> {
    validate_landline(input).ok().map(|l| l.to_string())
}

/// Findings for a landline number at `path`.
///
/// ```
/// let f = beian_rules::phone::landline_findings("(010)62345678", "/p");
/// assert_eq!(f[0].suggestion.as_deref(), Some("010-62345678"));
/// assert!(beian_rules::phone::landline_findings("0571-87654321", "/p").is_empty());
/// ```
pub fn landline_findings(input: &str, path: &str) -> Vec<Finding> {
    match validate_landline(input) {
        Err(e) => vec![e.finding(path)],
        Ok(l) => {
            let clean = l.to_string();
            if clean == input {
                Vec::new()
            } else {
                vec![canonical_form(
                    "landline.canonical_form",
                    path,
                    "固定电话",
                    "landline number",
                    &clean,
                )]
            }
        }
    }
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out: Vec<Finding> = [
        MobileError::Empty,
        MobileError::Format,
        MobileError::Length { len: 10 },
        MobileError::Prefix,
    ]
    .iter()
    .map(|e| e.finding(""))
    .collect();
    out.push(canonical_form(
        "mobile.canonical_form",
        "",
        "手机号码",
        "mobile number",
        "13800138000",
    ));
    out.push(unknown_range("194", ""));
    out.extend(
        [
            LandlineError::Empty,
            LandlineError::Format,
            LandlineError::Mobile,
            LandlineError::AreaCodeRequired,
            LandlineError::AreaCode,
            LandlineError::LocalNumber,
        ]
        .iter()
        .map(|e| e.finding("")),
    );
    out.push(canonical_form(
        "landline.canonical_form",
        "",
        "固定电话",
        "landline number",
        "010-62345678",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers() {
        for (n, operator) in [
            ("13800138000", Some("移动")),
            ("18612345678", Some("联通")),
            ("19912345678", Some("电信")),
            ("19212345678", Some("广电")),
            ("19412345678", None),
        ] {
            assert_eq!(validate_mobile(n).unwrap().operator(), operator, "{n}");
        }
        assert_eq!(validate_mobile(""), Err(MobileError::Empty));
        assert_eq!(validate_mobile("1380013800a"), Err(MobileError::Format));
        assert_eq!(validate_mobile("12012345678"), Err(MobileError::Prefix));
        assert_eq!(
            format_mobile("0086 13800138000").as_deref(),
            Some("13800138000")
        );
        let f = mobile_findings("19412345678", "/p");
        assert_eq!(
            (f[0].rule.as_str(), f[0].severity),
            ("mobile.unknown_range", Severity::Warning)
        );
    }

    #[test]
    fn the_range_table_is_read_and_sorted() {
        assert!(PREFIXES.len() > 50);
        assert!(PREFIXES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PREFIXES
            .iter()
            .all(|(p, _)| p.len() == 3 && p.starts_with('1')));
    }

    #[test]
    fn landlines() {
        for (input, clean) in [
            ("010-62345678", "010-62345678"),
            ("0571-87654321", "0571-87654321"),
            ("0571-8765432", "0571-8765432"),
            ("(0571) 8765 4321", "0571-87654321"),
            ("（０２１）６２３４５６７８", "021-62345678"),
            ("+86 571 87654321", "0571-87654321"),
            ("+86-10-62345678", "010-62345678"),
            ("02162345678", "021-62345678"),
            ("0571-87654321-8001", "0571-87654321-8001"),
            ("0571-87654321转8001", "0571-87654321-8001"),
        ] {
            assert_eq!(format_landline(input).as_deref(), Some(clean), "{input}");
        }
        assert_eq!(validate_landline(""), Err(LandlineError::Empty));
        assert_eq!(validate_landline("tel:12"), Err(LandlineError::Format));
        assert_eq!(
            validate_landline("026-12345678"),
            Err(LandlineError::AreaCode)
        );
        assert_eq!(
            validate_landline("0171-1234567"),
            Err(LandlineError::AreaCode)
        );
        assert_eq!(
            validate_landline("010-1234567"),
            Err(LandlineError::LocalNumber)
        );
        assert_eq!(
            validate_landline("0571-07654321"),
            Err(LandlineError::LocalNumber)
        );
        assert_eq!(
            validate_landline("87654321"),
            Err(LandlineError::AreaCodeRequired)
        );
        assert_eq!(
            validate_landline("138 0013 8000"),
            Err(LandlineError::Mobile)
        );
    }
}
