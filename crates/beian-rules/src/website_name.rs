//! Website names (网站名称).
//!
//! Seed 002 #54 (关于网站名称的填写说明): a website name is at least three
//! Chinese characters; it is not a person's name, a domain, a homepage URL, a
//! place name, English or digits; a subject that is not a national-level unit
//! may not start it with 中华, 中国, 国家, 国际 or 全国 without an approval
//! document; an individual may not use names that do not fit an individual,
//! such as “文明网” or “…企业网”. 004 其它 3–5: an individual's site has no
//! forum or message board, is no shop and carries no company content, so
//! names saying so are refused too.
//!
//! The word lists are data: `data/names/` (see SOURCE.md there).

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use crate::finding::{Finding, Message, RuleError, Severity};
use crate::model::SubjectType;
use crate::{division, domain, text};

const NATIONAL_PREFIXES: &str = include_str!("../data/names/national_prefixes.txt");
const INDIVIDUAL_WORDS: &str = include_str!("../data/names/individual_words.txt");

/// The prefixes only national-level units may use (002 #54).
///
/// ```
/// assert!(beian_rules::website_name::national_prefixes().any(|p| p == "中国"));
/// ```
pub fn national_prefixes() -> impl Iterator<Item = &'static str> {
    PREFIXES.iter().copied()
}

static PREFIXES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| text::data_lines(NATIONAL_PREFIXES).collect());

/// How a word of the individual list matches a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Suffix,
    Contains,
}

static INDIVIDUAL: LazyLock<Vec<(Match, &'static str)>> = LazyLock::new(|| {
    text::data_lines(INDIVIDUAL_WORDS)
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let kind = match parts.next()? {
                "suffix" => Match::Suffix,
                _ => Match::Contains,
            };
            Some((kind, parts.next()?))
        })
        .collect()
});

/// Division names with and without their suffix (北京市, 北京, 朝阳区 …):
/// a website name may not be a place name.
static PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for d in division::all() {
        set.insert(d.name);
        for suffix in [
            "特别行政区",
            "自治区",
            "自治州",
            "自治县",
            "地区",
            "省",
            "市",
            "区",
            "县",
            "盟",
            "旗",
        ] {
            if let Some(stem) = d.name.strip_suffix(suffix) {
                if stem.chars().count() >= 2 {
                    set.insert(stem);
                }
            }
        }
    }
    set
});

/// Why a website name is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebsiteNameError {
    /// Nothing was entered.
    Empty,
    /// A domain or URL was entered.
    DomainOrUrl,
    /// Only English letters, digits or symbols, no Chinese.
    LatinOrDigits,
    /// Fewer than three Chinese characters.
    TooFewChinese {
        /// How many there are.
        count: usize,
    },
    /// The name is a place name (a division's name).
    PlaceName,
    /// The name is a person's name (the subject's or a responsible person's).
    PersonName,
    /// An individual's website name holds a word that fits organisations,
    /// forums, shops or company content only.
    IndividualWord {
        /// The word found.
        word: &'static str,
    },
    /// An individual's website name starts with 中华/中国/国家/国际/全国.
    NationalPrefixIndividual {
        /// The prefix.
        prefix: &'static str,
    },
}

impl RuleError for WebsiteNameError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "website_name.required",
            Self::DomainOrUrl => "website_name.domain_or_url",
            Self::LatinOrDigits => "website_name.latin_or_digits",
            Self::TooFewChinese { .. } => "website_name.too_few_chinese",
            Self::PlaceName => "website_name.place_name",
            Self::PersonName => "website_name.person_name",
            Self::IndividualWord { .. } => "website_name.individual_word",
            Self::NationalPrefixIndividual { .. } => "website_name.national_prefix_individual",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            Self::Empty => Some("5001"),
            _ => None,
        }
    }

    fn message(&self) -> Message {
        // The naming rules: 002 #54; an individual's site: 004 其它 3–5.
        match self {
            Self::Empty => Message::new("请填写网站名称。", "Enter the website name."),
            Self::DomainOrUrl => Message::new(
                "网站名称不能填写域名或网址，请用三个以上汉字概括网站内容。",
                "The website name may not be a domain or URL: describe the site in three or more \
                 Chinese characters.",
            ),
            Self::LatinOrDigits => Message::new(
                "网站名称不能是英文或数字，请用三个以上汉字表示。",
                "The website name may not be English or digits: use three or more Chinese \
                 characters.",
            ),
            Self::TooFewChinese { count } => Message::new(
                format!("网站名称至少要有三个汉字，现在只有 {count} 个。"),
                format!("The website name needs at least three Chinese characters; it has {count}."),
            ),
            Self::PlaceName => Message::new(
                "网站名称不能只是地名，请写明网站的内容，如“某某旅游信息网”。",
                "The website name may not be just a place name: say what the site is about.",
            ),
            Self::PersonName => Message::new(
                "网站名称不能填写个人姓名，请写明网站的内容，如“某某的读书笔记”。",
                "The website name may not be a person's name: say what the site is about.",
            ),
            Self::IndividualWord { word } => Message::new(
                format!(
                    "个人备案的网站名称不能含有“{word}”：个人网站不能是企业、论坛、留言板或购物网站，\
                     名称须与个人性质相符。"
                ),
                format!(
                    "An individual's website name may not contain “{word}”: a personal site is \
                     no company, forum, message board or shop, and its name must fit an \
                     individual."
                ),
            ),
            Self::NationalPrefixIndividual { prefix } => Message::new(
                format!(
                    "个人网站的名称不能以“{prefix}”开头：只有国家级单位或持有相关部门审批文件的，\
                     网站名称才能以中华、中国、国家、国际、全国等字头命名。"
                ),
                format!(
                    "An individual's website name may not start with “{prefix}”: only \
                     national-level units, or holders of an approval document, may start a \
                     name with 中华, 中国, 国家, 国际 or 全国."
                ),
            ),
        }
    }
}

impl fmt::Display for WebsiteNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for WebsiteNameError {}

/// What the name rules need to know about the filing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameContext<'a> {
    /// The subject's type, if known (`None`: a field checked on its own).
    pub subject_type: Option<SubjectType>,
    /// True when an approval document for a national prefix is attached.
    pub prefix_approved: bool,
    /// Names of persons in the filing (subject, responsible persons).
    pub person_names: &'a [&'a str],
}

/// Trims white space (ASCII and ideographic) around the name.
///
/// ```
/// assert_eq!(beian_rules::website_name::compact("\u{3000}读书笔记网 "), "读书笔记网");
/// ```
pub fn compact(input: &str) -> &str {
    input.trim()
}

/// The number of Chinese characters in the name.
///
/// ```
/// assert_eq!(beian_rules::website_name::chinese_count("张三的Blog"), 3);
/// ```
pub fn chinese_count(input: &str) -> usize {
    input.chars().filter(|&c| text::is_han(c)).count()
}

fn looks_like_domain_or_url(name: &str) -> bool {
    if !name.contains(['.', '。', '．', '｡', ':', '/']) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.contains("www．") {
        return true;
    }
    // A dotted name whose last part is a listed top-level domain.
    let normalized: String = name.chars().map(text::halfwidth).collect();
    normalized.contains(['.', '。'])
        && domain::to_ascii(normalized.split(['/', '?', '#']).next().unwrap_or_default())
            .is_ok_and(|ascii| crate::psl::parts(&ascii).listed && ascii.contains('.'))
}

/// The national prefix the name starts with, if any.
///
/// ```
/// assert_eq!(beian_rules::website_name::national_prefix("中国读书网"), Some("中国"));
/// assert_eq!(beian_rules::website_name::national_prefix("读书中国网"), None);
/// ```
pub fn national_prefix(name: &str) -> Option<&'static str> {
    let name = compact(name);
    national_prefixes().find(|p| name.starts_with(p))
}

/// The word of the individual list the name holds, if any.
///
/// ```
/// assert_eq!(beian_rules::website_name::individual_word("某某企业网"), Some("企业网"));
/// assert_eq!(beian_rules::website_name::individual_word("张三读书笔记"), None);
/// ```
pub fn individual_word(name: &str) -> Option<&'static str> {
    let name = compact(name);
    INDIVIDUAL
        .iter()
        .find(|(kind, word)| match kind {
            Match::Suffix => name.ends_with(word),
            Match::Contains => name.contains(word),
        })
        .map(|(_, word)| *word)
}

/// Validates a website name with what is known of the filing, returning the
/// trimmed name.
///
/// ```
/// use beian_rules::website_name::{validate, NameContext, WebsiteNameError};
/// use beian_rules::SubjectType;
/// assert_eq!(validate("张三的读书笔记", &NameContext::default()).unwrap(), "张三的读书笔记");
/// assert_eq!(validate("www.example.com", &NameContext::default()), Err(WebsiteNameError::DomainOrUrl));
/// assert_eq!(validate("My Blog", &NameContext::default()), Err(WebsiteNameError::LatinOrDigits));
/// assert_eq!(validate("博客", &NameContext::default()), Err(WebsiteNameError::TooFewChinese { count: 2 }));
/// let individual = NameContext { subject_type: Some(SubjectType::Individual), ..NameContext::default() };
/// assert_eq!(validate("某某企业网", &individual), Err(WebsiteNameError::IndividualWord { word: "企业网" }));
/// ```
pub fn validate<'a>(input: &'a str, context: &NameContext) -> Result<&'a str, WebsiteNameError> {
    let name = compact(input);
    if name.is_empty() {
        return Err(WebsiteNameError::Empty);
    }
    if looks_like_domain_or_url(name) {
        return Err(WebsiteNameError::DomainOrUrl);
    }
    let count = chinese_count(name);
    if count == 0
        && name
            .chars()
            .any(|c| text::halfwidth(c).is_ascii_alphanumeric())
    {
        return Err(WebsiteNameError::LatinOrDigits);
    }
    if count < 3 {
        return Err(WebsiteNameError::TooFewChinese { count });
    }
    if PLACES.contains(name) {
        return Err(WebsiteNameError::PlaceName);
    }
    if context
        .person_names
        .iter()
        .any(|p| !p.trim().is_empty() && text::same_name(p, name))
    {
        return Err(WebsiteNameError::PersonName);
    }
    if context.subject_type == Some(SubjectType::Individual) {
        if let Some(prefix) = national_prefix(name) {
            if !context.prefix_approved {
                return Err(WebsiteNameError::NationalPrefixIndividual { prefix });
            }
        }
        if let Some(word) = individual_word(name) {
            return Err(WebsiteNameError::IndividualWord { word });
        }
    }
    Ok(name)
}

/// True when [`validate`] accepts the name without context.
///
/// ```
/// assert!(beian_rules::website_name::is_valid("张三的读书笔记"));
/// assert!(!beian_rules::website_name::is_valid("abc"));
/// ```
pub fn is_valid(input: &str) -> bool {
    validate(input, &NameContext::default()).is_ok()
}

/// The trimmed name when it is valid without context.
///
/// ```
/// assert_eq!(beian_rules::website_name::format(" 读书笔记网 ").as_deref(), Some("读书笔记网"));
/// ```
pub fn format(input: &str) -> Option<String> {
    validate(input, &NameContext::default())
        .ok()
        .map(str::to_string)
}

/// The warning for a national prefix of a subject that is not an individual
/// (or not known): allowed for national-level units and with an approval
/// (002 #54).
fn national_prefix_warning(prefix: &str, path: &str) -> Finding {
    Finding::new(
        "website_name.national_prefix",
        None,
        path,
        Severity::Warning,
        Message::new(
            format!(
                "网站名称以“{prefix}”开头：非国家级单位不得以中华、中国、国家、国际、全国等字头命名，\
                 确需使用的请附上相关部门的审批许可文件。"
            ),
            format!(
                "The website name starts with “{prefix}”: units below national level may not \
                 start a name with 中华, 中国, 国家, 国际 or 全国 unless they attach an approval \
                 document."
            ),
        ),
    )
}

/// The warning for English letters or digits beside the Chinese characters
/// (002 #54).
fn mixed_warning(path: &str) -> Finding {
    Finding::new(
        "website_name.mixed_latin_or_digits",
        None,
        path,
        Severity::Warning,
        Message::new(
            "网站名称中含有英文或数字，管局常以此退回；建议全部用汉字表示。",
            "The website name contains English letters or digits, which bureaus often return; \
             prefer Chinese characters only.",
        ),
    )
}

/// Findings for a website name at `path`, with what is known of the filing.
///
/// ```
/// use beian_rules::website_name::{findings_with, NameContext};
/// let f = findings_with("中国读书网", "/websites/0/name", &NameContext::default());
/// assert_eq!(f[0].rule, "website_name.national_prefix");
/// ```
pub fn findings_with(input: &str, path: &str, context: &NameContext) -> Vec<Finding> {
    match validate(input, context) {
        Err(e) => vec![e.finding(path)],
        Ok(name) => {
            let mut out = Vec::new();
            if context.subject_type != Some(SubjectType::Individual) && !context.prefix_approved {
                if let Some(prefix) = national_prefix(name) {
                    out.push(national_prefix_warning(prefix, path));
                }
            }
            if name
                .chars()
                .any(|c| text::halfwidth(c).is_ascii_alphanumeric())
            {
                out.push(mixed_warning(path));
            }
            out
        }
    }
}

/// Findings for a website name at `path`, checked on its own.
///
/// ```
/// let f = beian_rules::website_name::findings("abc", "/websites/0/name");
/// assert_eq!(f[0].rule, "website_name.latin_or_digits");
/// assert!(beian_rules::website_name::findings("张三的读书笔记", "").is_empty());
/// ```
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    findings_with(input, path, &NameContext::default())
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out: Vec<Finding> = [
        WebsiteNameError::Empty,
        WebsiteNameError::DomainOrUrl,
        WebsiteNameError::LatinOrDigits,
        WebsiteNameError::TooFewChinese { count: 2 },
        WebsiteNameError::PlaceName,
        WebsiteNameError::PersonName,
        WebsiteNameError::IndividualWord { word: "企业网" },
        WebsiteNameError::NationalPrefixIndividual { prefix: "中国" },
    ]
    .iter()
    .map(|e| e.finding(""))
    .collect();
    out.push(national_prefix_warning("中国", ""));
    out.push(mixed_warning(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, context: &NameContext) -> Vec<String> {
        findings_with(name, "/n", context)
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    const PERSONAL: NameContext = NameContext {
        subject_type: Some(SubjectType::Individual),
        prefix_approved: false,
        person_names: &[],
    };

    /// 002 #54: three or more Chinese characters, no domain, URL, English
    /// or digits.
    #[test]
    fn seed_002_54_basic_rules() {
        let none = NameContext::default();
        assert!(rule("张三的读书笔记", &none).is_empty());
        assert!(rule("个人博客网站", &none).is_empty());
        assert_eq!(rule("", &none), ["website_name.required"]);
        assert_eq!(rule("example.com", &none), ["website_name.domain_or_url"]);
        assert_eq!(
            rule("http://例子.中国", &none),
            ["website_name.domain_or_url"]
        );
        assert_eq!(
            rule("www.example.com", &none),
            ["website_name.domain_or_url"]
        );
        assert_eq!(rule("MyBlog", &none), ["website_name.latin_or_digits"]);
        assert_eq!(rule("12345", &none), ["website_name.latin_or_digits"]);
        assert_eq!(rule("博客", &none), ["website_name.too_few_chinese"]);
        assert_eq!(rule("!!!", &none), ["website_name.too_few_chinese"]);
        assert_eq!(
            rule("张三的Blog", &none),
            ["website_name.mixed_latin_or_digits"]
        );
        assert_eq!(rule("北京市", &none), ["website_name.place_name"]);
        assert_eq!(rule("杭州", &none), ["website_name.too_few_chinese"]);
        assert_eq!(rule("乌鲁木齐", &none), ["website_name.place_name"]);
        assert!(rule("北京旅游信息网", &none).is_empty());
    }

    /// 002 #54: the national prefixes; an approval document lifts the rule.
    #[test]
    fn seed_002_54_national_prefix() {
        let org = NameContext {
            subject_type: Some(SubjectType::Enterprise),
            ..NameContext::default()
        };
        assert_eq!(rule("中国读书网", &org), ["website_name.national_prefix"]);
        assert_eq!(
            rule("全国读书网", &PERSONAL),
            ["website_name.national_prefix_individual"]
        );
        let approved = NameContext {
            prefix_approved: true,
            ..PERSONAL
        };
        assert!(rule("中华读书笔记", &approved).is_empty());
        assert!(rule("读书中国笔记", &org).is_empty());
    }

    /// 002 #54 and 004 其它 3–5: names that do not fit an individual.
    #[test]
    fn seed_002_54_individual_words() {
        assert_eq!(
            rule("某某企业网", &PERSONAL),
            ["website_name.individual_word"]
        );
        assert_eq!(
            rule("城市文明网站", &PERSONAL),
            ["website_name.individual_word"]
        );
        assert_eq!(
            rule("张三的论坛", &PERSONAL),
            ["website_name.individual_word"]
        );
        assert_eq!(
            rule("好物商城", &PERSONAL),
            ["website_name.individual_word"]
        );
        let org = NameContext {
            subject_type: Some(SubjectType::Enterprise),
            ..NameContext::default()
        };
        assert!(rule("某某企业网", &org).is_empty());
    }

    /// 002 #54: not a person's name.
    #[test]
    fn seed_002_54_person_name() {
        let names = ["张三丰"];
        let context = NameContext {
            person_names: &names,
            ..PERSONAL
        };
        assert_eq!(rule(" 张三丰 ", &context), ["website_name.person_name"]);
        assert!(rule("张三丰的博客", &context).is_empty());
    }

    #[test]
    fn word_lists_are_read() {
        assert_eq!(national_prefixes().count(), 5);
        assert!(PERSONAL.subject_type.is_some());
        assert!(super::INDIVIDUAL.len() >= 10);
        assert!(super::INDIVIDUAL
            .iter()
            .any(|(m, w)| *m == Match::Suffix && *w == "企业网"));
    }
}
