//! Filing and licence numbers (备案号 / 许可证号).
//!
//! Seed 002 #28: a subject's filing number is the province abbreviation,
//! `ICP备`, the serial and `号` (`京ICP备09051301号`); a website's number adds
//! `-N` (`京ICP备10206937号-1`). 002 #29: a commercial (经营性) licence reads
//! abbreviation, `B2-` and serial (`浙B2-20040180`). The older licence form
//! `京ICP证030173号` is still shown on many sites. Serials have 6, 8 or 10
//! digits (RULES.md: `粤ICP备2021012345号`).
//!
//! The abbreviation names one of the 31 provincial bureaus. Sichuan, Guizhou,
//! Yunnan and Gansu have two official abbreviations each: filing numbers in
//! use read 蜀/黔/滇/陇 (`蜀ICP备13008743号-7`), licences 川/黔/滇/甘
//! (`川B2-20140015`); both are accepted and map to the same province (贵 and
//! 云 too).

use std::fmt;

use crate::finding::{Finding, Message, RuleError, Severity};
use crate::identifier::{Context, Identifier};
use crate::text;

/// A provincial bureau and the abbreviations its numbers start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Province {
    /// Short name, e.g. `四川`.
    pub name: &'static str,
    /// GB/T 2260 code, e.g. `510000`.
    pub code: u32,
    /// The abbreviation of filing numbers (`蜀`).
    pub filing: char,
    /// The abbreviation of licences (`川`).
    pub licence: char,
    /// Every abbreviation accepted (`蜀川`).
    pub accepted: &'static str,
}

macro_rules! province {
    ($name:literal, $code:literal, $filing:literal, $licence:literal, $accepted:literal) => {
        Province {
            name: $name,
            code: $code,
            filing: $filing,
            licence: $licence,
            accepted: $accepted,
        }
    };
}

/// The 31 provincial bureaus (RULES.md, filing numbers).
pub const PROVINCES: [Province; 31] = [
    province!("北京", 110000, '京', '京', "京"),
    province!("天津", 120000, '津', '津', "津"),
    province!("河北", 130000, '冀', '冀', "冀"),
    province!("山西", 140000, '晋', '晋', "晋"),
    province!("内蒙古", 150000, '蒙', '蒙', "蒙"),
    province!("辽宁", 210000, '辽', '辽', "辽"),
    province!("吉林", 220000, '吉', '吉', "吉"),
    province!("黑龙江", 230000, '黑', '黑', "黑"),
    province!("上海", 310000, '沪', '沪', "沪"),
    province!("江苏", 320000, '苏', '苏', "苏"),
    province!("浙江", 330000, '浙', '浙', "浙"),
    province!("安徽", 340000, '皖', '皖', "皖"),
    province!("福建", 350000, '闽', '闽', "闽"),
    province!("江西", 360000, '赣', '赣', "赣"),
    province!("山东", 370000, '鲁', '鲁', "鲁"),
    province!("河南", 410000, '豫', '豫', "豫"),
    province!("湖北", 420000, '鄂', '鄂', "鄂"),
    province!("湖南", 430000, '湘', '湘', "湘"),
    province!("广东", 440000, '粤', '粤', "粤"),
    province!("广西", 450000, '桂', '桂', "桂"),
    province!("海南", 460000, '琼', '琼', "琼"),
    province!("重庆", 500000, '渝', '渝', "渝"),
    province!("四川", 510000, '蜀', '川', "蜀川"),
    province!("贵州", 520000, '黔', '黔', "黔贵"),
    province!("云南", 530000, '滇', '滇', "滇云"),
    province!("西藏", 540000, '藏', '藏', "藏"),
    province!("陕西", 610000, '陕', '陕', "陕"),
    province!("甘肃", 620000, '陇', '甘', "陇甘"),
    province!("青海", 630000, '青', '青', "青"),
    province!("宁夏", 640000, '宁', '宁', "宁"),
    province!("新疆", 650000, '新', '新', "新"),
];

/// The province an abbreviation names.
///
/// ```
/// use beian_rules::filing_number::province;
/// assert_eq!(province('蜀').unwrap().code, 510000);
/// assert_eq!(province('川'), province('蜀'));
/// assert!(province('港').is_none());
/// ```
pub fn province(abbreviation: char) -> Option<&'static Province> {
    // By characters: `str::contains(char)` brings the substring searcher
    // into the wasm (issue 20).
    PROVINCES
        .iter()
        .find(|p| p.accepted.chars().any(|c| c == abbreviation))
}

/// The province of a GB/T 2260 province code.
///
/// ```
/// assert_eq!(beian_rules::filing_number::province_of_code(620000).unwrap().filing, '陇');
/// ```
pub fn province_of_code(code: u32) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

/// The kind of number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Non-commercial filing number, `京ICP备09051301号` (002 #28).
    Filing,
    /// The older licence number, `京ICP证030173号`.
    IcpLicence,
    /// Commercial licence, `浙B2-20040180` (002 #29).
    Commercial,
}

/// Why a string is not a filing or licence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilingNumberError {
    /// Nothing was entered.
    Empty,
    /// The first character names no provincial bureau.
    Province {
        /// The character found.
        found: char,
    },
    /// A public-security filing number (公安备案号) was entered.
    PublicSecurity,
    /// None of the forms `京ICP备…号`, `京ICP证…号`, `浙B2-…`.
    Form,
    /// The closing `号` is missing; carries the number with it.
    MissingHao {
        /// The number with `号` put in.
        fixed: String,
    },
    /// The serial has not 6, 8 or 10 digits.
    Serial {
        /// The digits found.
        len: usize,
    },
    /// The website index after `号-` is not a number from 1 up.
    SiteIndex,
}

impl RuleError for FilingNumberError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "filing_number.required",
            Self::Province { .. } => "filing_number.province",
            Self::PublicSecurity => "filing_number.public_security",
            Self::Form => "filing_number.form",
            Self::MissingHao { .. } => "filing_number.missing_hao",
            Self::Serial { .. } => "filing_number.serial",
            Self::SiteIndex => "filing_number.site_index",
        }
    }

    fn code(&self) -> Option<&'static str> {
        Some("5001")
    }

    fn message(&self) -> Message {
        // The forms: 002 #28 (filing numbers), 002 #29 (licence numbers).
        match self {
            Self::Empty => Message::new("请填写备案号。", "Enter the filing number."),
            Self::Province { found } => Message::new(
                format!("“{found}”不是省级通信管理局的简称：备案号以京、沪、粤、蜀（川）等省份简称开头。"),
                format!(
                    "“{found}” is not the abbreviation of a provincial bureau: filing numbers \
                     start with 京, 沪, 粤, 蜀 (川) and so on."
                ),
            ),
            Self::PublicSecurity => Message::new(
                "这是公安备案号（公网安备），不是工信部 ICP 备案号，如 京ICP备09051301号。",
                "This is a public-security filing number (公网安备), not the MIIT ICP filing \
                 number, e.g. 京ICP备09051301号.",
            ),
            Self::Form => Message::new(
                "备案号的格式为“省简称+ICP备+序号+号”，网站备案号再加“-序号”，如 京ICP备09051301号-1；\
                 经营许可证号如 浙B2-20040180。",
                "A filing number reads abbreviation + ICP备 + serial + 号, a website's adds -N, e.g. \
                 京ICP备09051301号-1; a commercial licence reads e.g. 浙B2-20040180.",
            ),
            Self::MissingHao { fixed } => Message::new(
                format!("备案号的序号后面要有“号”字：{fixed}"),
                format!("The serial of a filing number is followed by 号: {fixed}"),
            ),
            Self::Serial { len } => Message::new(
                format!("备案号的序号为 6、8 或 10 位数字，现为 {len} 位。"),
                format!("The serial of a filing number has 6, 8 or 10 digits, not {len}."),
            ),
            Self::SiteIndex => Message::new(
                "“号-”后面的网站序号应为从 1 开始的数字，如 京ICP备09051301号-1。",
                "The website index after 号- is a number from 1, e.g. 京ICP备09051301号-1.",
            ),
        }
    }

    fn suggestion(&self) -> Option<String> {
        match self {
            Self::MissingHao { fixed } => Some(fixed.clone()),
            _ => None,
        }
    }
}

impl fmt::Display for FilingNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for FilingNumberError {}

/// A parsed filing or licence number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilingNumber {
    kind: Kind,
    abbreviation: char,
    province: &'static Province,
    serial: String,
    site: Option<u32>,
}

impl FilingNumber {
    /// The kind of number.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The province abbreviation as written (`蜀` or `川` …).
    pub fn abbreviation(&self) -> char {
        self.abbreviation
    }

    /// The provincial bureau that issued it.
    pub fn province(&self) -> &'static Province {
        self.province
    }

    /// The serial digits.
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// The website index after `号-`, for a website's number.
    pub fn site(&self) -> Option<u32> {
        self.site
    }

    /// The subject's number: this one without the website index.
    ///
    /// ```
    /// let n = beian_rules::filing_number::validate("京ICP备10206937号-2").unwrap();
    /// assert_eq!(n.subject_number(), "京ICP备10206937号");
    /// ```
    pub fn subject_number(&self) -> String {
        FilingNumber {
            site: None,
            ..self.clone()
        }
        .to_string()
    }
}

impl fmt::Display for FilingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Kind::Filing => write!(f, "{}ICP备{}号", self.abbreviation, self.serial)?,
            Kind::IcpLicence => write!(f, "{}ICP证{}号", self.abbreviation, self.serial)?,
            Kind::Commercial => write!(f, "{}B2-{}", self.abbreviation, self.serial)?,
        }
        if let Some(site) = self.site {
            write!(f, "-{site}")?;
        }
        Ok(())
    }
}

/// Removes white space, maps full-width characters, upper-cases `icp`/`b`,
/// and writes 備/証 as 备/证.
///
/// ```
/// assert_eq!(beian_rules::filing_number::compact(" 京 icp 备 09051301 号－1 "), "京ICP备09051301号-1");
/// ```
pub fn compact(input: &str) -> String {
    text::clean(input, &[], &[])
        .chars()
        .map(|c| match c {
            '備' => '备',
            '証' | '證' => '证',
            '—' | '–' | '‐' => '-',
            c => c,
        })
        .collect()
}

fn serial(digits: &str) -> Result<String, FilingNumberError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FilingNumberError::Form);
    }
    if matches!(digits.len(), 6 | 8 | 10) {
        Ok(digits.to_string())
    } else {
        Err(FilingNumberError::Serial { len: digits.len() })
    }
}

fn site(index: &str) -> Result<u32, FilingNumberError> {
    if index.is_empty() || index.starts_with('0') || !index.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FilingNumberError::SiteIndex);
    }
    index.parse().map_err(|_| FilingNumberError::SiteIndex)
}

/// Validates a filing or licence number after [`compact`].
///
/// ```
/// use beian_rules::filing_number::{validate, FilingNumberError, Kind};
/// let n = validate("京ICP备09051301号-3").unwrap();
/// assert_eq!((n.province().name, n.serial(), n.site()), ("北京", "09051301", Some(3)));
/// assert_eq!(validate("粤ICP备2021012345号").unwrap().serial().len(), 10);
/// assert_eq!(validate("京ICP证030173号").unwrap().kind(), Kind::IcpLicence);
/// assert_eq!(validate("浙B2-20040180").unwrap().kind(), Kind::Commercial);
/// assert_eq!(validate("川B2-20140015").unwrap().province(), validate("蜀ICP备13008743号-7").unwrap().province());
/// assert_eq!(validate("港ICP备09051301号"), Err(FilingNumberError::Province { found: '港' }));
/// assert_eq!(validate("京ICP备09051301号-0"), Err(FilingNumberError::SiteIndex));
/// assert!(matches!(validate("京ICP备09051301"), Err(FilingNumberError::MissingHao { .. })));
/// ```
pub fn validate(input: &str) -> Result<FilingNumber, FilingNumberError> {
    let s = compact(input);
    let Some(abbreviation) = s.chars().next() else {
        return Err(FilingNumberError::Empty);
    };
    let rest = &s[abbreviation.len_utf8()..];
    if rest.starts_with("公网安备") {
        return Err(FilingNumberError::PublicSecurity);
    }
    let form = if let Some(r) = rest.strip_prefix("ICP备") {
        Some((Kind::Filing, r))
    } else if let Some(r) = rest.strip_prefix("ICP证") {
        Some((Kind::IcpLicence, r))
    } else {
        rest.strip_prefix("B2-").map(|r| (Kind::Commercial, r))
    };
    let Some((kind, body)) = form else {
        return Err(FilingNumberError::Form);
    };
    let Some(province) = province(abbreviation) else {
        return Err(FilingNumberError::Province {
            found: abbreviation,
        });
    };
    let (serial_text, site_text) = match kind {
        Kind::Commercial => match body.split_once('-') {
            Some((s, i)) => (s, Some(i)),
            None => (body, None),
        },
        Kind::Filing | Kind::IcpLicence => match body.split_once('号') {
            Some((s, "")) => (s, None),
            Some((s, tail)) => match tail.strip_prefix('-') {
                Some(i) => (s, Some(i)),
                None => return Err(FilingNumberError::Form),
            },
            None => {
                let (s, i) = match body.split_once('-') {
                    Some((s, i)) => (s, Some(i)),
                    None => (body, None),
                };
                let number = FilingNumber {
                    kind,
                    abbreviation,
                    province,
                    serial: serial(s)?,
                    site: i.map(site).transpose()?,
                };
                return Err(FilingNumberError::MissingHao {
                    fixed: number.to_string(),
                });
            }
        },
    };
    Ok(FilingNumber {
        kind,
        abbreviation,
        province,
        serial: serial(serial_text)?,
        site: site_text.map(site).transpose()?,
    })
}

/// True when [`validate`] accepts the number.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The canonical form of a valid number.
///
/// ```
/// assert_eq!(beian_rules::filing_number::format("京 ICP 备 09051301 号").as_deref(), Some("京ICP备09051301号"));
/// ```
pub fn format(input: &str) -> Option<String> {
    validate(input).ok().map(|n| n.to_string())
}

fn canonical_form(path: &str, clean: &str) -> Finding {
    Finding::new(
        "filing_number.canonical_form",
        None,
        path,
        Severity::Warning,
        Message::new(
            format!("请按规范写法填写编号（无空格、全角字符）：{clean}"),
            format!("Write the number in its canonical form (no spaces or full-width characters): {clean}"),
        ),
    )
    .with_suggestion(clean)
}

/// Findings for a filing or licence number at `path`.
///
/// ```
/// let f = beian_rules::filing_number::findings("京 ICP 备 09051301 号", "/p");
/// assert_eq!(f[0].suggestion.as_deref(), Some("京ICP备09051301号"));
/// assert!(beian_rules::filing_number::findings("浙B2-20040180", "/p").is_empty());
/// ```
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    match validate(input) {
        Err(e) => vec![e.finding(path)],
        Ok(n) => {
            let clean = n.to_string();
            if clean == input {
                Vec::new()
            } else {
                vec![canonical_form(path, &clean)]
            }
        }
    }
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out: Vec<Finding> = [
        FilingNumberError::Empty,
        FilingNumberError::Province { found: '港' },
        FilingNumberError::PublicSecurity,
        FilingNumberError::Form,
        FilingNumberError::MissingHao {
            fixed: "京ICP备09051301号".into(),
        },
        FilingNumberError::Serial { len: 7 },
        FilingNumberError::SiteIndex,
    ]
    .iter()
    .map(|e| e.finding(""))
    .collect();
    out.push(canonical_form("", "京ICP备09051301号"));
    out
}

impl Identifier for FilingNumber {
    type Valid = FilingNumber;
    type Error = FilingNumberError;
    fn compact(input: &str) -> String {
        compact(input)
    }
    fn validate(input: &str, _: Context) -> Result<FilingNumber, FilingNumberError> {
        validate(input)
    }
    fn canonical(valid: &FilingNumber) -> String {
        valid.to_string()
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(input, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 002 #28 and #29: the seeds' own examples.
    #[test]
    fn seed_002_28_29_examples() {
        for (n, kind, province, site) in [
            ("京ICP备09051301号", Kind::Filing, "北京", None),
            ("京ICP备10206937号-1", Kind::Filing, "北京", Some(1)),
            ("京ICP备10206937号-2", Kind::Filing, "北京", Some(2)),
            ("浙B2-20040180", Kind::Commercial, "浙江", None),
            ("京ICP证030173号", Kind::IcpLicence, "北京", None),
            ("京ICP证030173号-1", Kind::IcpLicence, "北京", Some(1)),
            ("粤ICP备2021012345号", Kind::Filing, "广东", None),
            ("蜀ICP备13008743号-7", Kind::Filing, "四川", Some(7)),
            ("川B2-20140015", Kind::Commercial, "四川", None),
            ("陇ICP备050380号", Kind::Filing, "甘肃", None),
            ("甘B2-20090001", Kind::Commercial, "甘肃", None),
            ("黔ICP备12345678号", Kind::Filing, "贵州", None),
            ("滇B2-20100001", Kind::Commercial, "云南", None),
        ] {
            let parsed = validate(n).unwrap_or_else(|e| panic!("{n}: {e}"));
            assert_eq!(parsed.kind(), kind, "{n}");
            assert_eq!(parsed.province().name, province, "{n}");
            assert_eq!(parsed.site(), site, "{n}");
            assert_eq!(parsed.to_string(), n);
        }
        // The seed writes it with spaces.
        assert_eq!(
            format("京 ICP 备 09051301 号").as_deref(),
            Some("京ICP备09051301号")
        );
    }

    #[test]
    fn thirty_one_provinces_with_distinct_abbreviations() {
        let mut all: Vec<char> = PROVINCES.iter().flat_map(|p| p.accepted.chars()).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        assert_eq!(PROVINCES.len(), 31);
        for p in PROVINCES {
            assert!(p.accepted.contains(p.filing) && p.accepted.contains(p.licence));
            assert_eq!(province_of_code(p.code), Some(&p));
        }
    }

    #[test]
    fn errors() {
        assert_eq!(validate(" "), Err(FilingNumberError::Empty));
        assert_eq!(
            validate("港ICP备09051301号"),
            Err(FilingNumberError::Province { found: '港' })
        );
        assert_eq!(
            validate("京公网安备11010502030143号"),
            Err(FilingNumberError::PublicSecurity)
        );
        assert_eq!(validate("京ICP09051301号"), Err(FilingNumberError::Form));
        assert_eq!(
            validate("京ICP备0905130号"),
            Err(FilingNumberError::Serial { len: 7 })
        );
        assert_eq!(validate("京ICP备号"), Err(FilingNumberError::Form));
        assert_eq!(
            validate("京ICP备09051301号-0"),
            Err(FilingNumberError::SiteIndex)
        );
        assert_eq!(
            validate("京ICP备09051301号-01"),
            Err(FilingNumberError::SiteIndex)
        );
        assert_eq!(
            validate("京ICP备09051301号-"),
            Err(FilingNumberError::SiteIndex)
        );
        assert_eq!(validate("京ICP备09051301号x"), Err(FilingNumberError::Form));
        assert_eq!(
            validate("浙B2-2004018"),
            Err(FilingNumberError::Serial { len: 7 })
        );
        assert_eq!(
            validate("京ICP备09051301-2"),
            Err(FilingNumberError::MissingHao {
                fixed: "京ICP备09051301号-2".into()
            })
        );
        let f = findings("京ICP备09051301", "/p");
        assert_eq!(f[0].suggestion.as_deref(), Some("京ICP备09051301号"));
    }
}
