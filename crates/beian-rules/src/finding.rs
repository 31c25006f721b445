//! The finding: one thing wrong (or worth a warning) with one field.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
///
/// An `Error` is something the MIIT filing system would bounce; a `Warning`
/// is likely to be returned by the bureau or the provider but is not a hard
/// schema error; `Info` is advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice only.
    Info,
    /// Likely to be returned, but not a hard error.
    Warning,
    /// The filing would be bounced.
    Error,
}

/// A message in the two languages the product speaks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Message {
    /// Simplified Chinese, as the bureau writes it.
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    /// English.
    pub en: String,
}

impl Message {
    /// A message from its Chinese and English texts.
    pub fn new(zh_cn: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            zh_cn: zh_cn.into(),
            en: en.into(),
        }
    }

    /// The text in `lang` (`"en"` or anything starting with `"en-"` gives
    /// English; everything else gives Chinese).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "en" || lang.starts_with("en-") {
            &self.en
        } else {
            &self.zh_cn
        }
    }
}

/// One finding about one field of a filing.
///
/// The same shape is used in Rust, in JSON (camelCase keys) and in
/// TypeScript.
///
/// ```
/// use beian_rules::{Finding, Message, Severity};
/// let f = Finding::new("resident_id.lowercase_x", Some("1015"), "/subject/documentNumber",
///     Severity::Error, Message::new("中文", "English"));
/// let json = serde_json::to_string(&f).unwrap();
/// assert!(json.contains(r#""code":"1015""#));
/// assert!(json.contains(r#""zh-CN":"中文""#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable rule id, e.g. `resident_id.checksum`.
    pub rule: String,
    /// The MIIT return code the filing system would give, e.g. `"1015"`.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub code: Option<String>,
    /// JSON-pointer-like path of the field, e.g. `/websites/0/domains/1`.
    pub path: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, why, and how to fix it.
    pub message: Message,
    /// The corrected value, where the fix is mechanical.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub suggestion: Option<String>,
}

impl Finding {
    /// A finding without suggestion.
    pub fn new(
        rule: &str,
        code: Option<&str>,
        path: &str,
        severity: Severity,
        message: Message,
    ) -> Self {
        Finding {
            rule: rule.to_string(),
            code: code.map(str::to_string),
            path: path.to_string(),
            severity,
            message,
            suggestion: None,
        }
    }

    /// The same finding with a suggested value.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How many findings of one rule an answer lists before it summarises the
/// rest ([`summarise`]).
pub const FINDINGS_PER_RULE: usize = 20;

/// Bounds the findings of each rule: the first `per_rule` findings of a
/// rule stay as they are; the rest become one finding of that rule, at the
/// first omitted one's place and path, that says how many more there are
/// ("And 9,950 more like this" / "另有 9,950 处相同问题"), with the most
/// serious severity among them. A rule with at most `per_rule + 1`
/// findings keeps them all. The order is kept; the work is linear.
///
/// So an answer stays within a small multiple of its request, however many
/// websites share one fault; the server's answers and the npm package's
/// `checkFiling` use it with [`FINDINGS_PER_RULE`].
///
/// ```
/// use beian_rules::{summarise, Finding, Message, Severity};
/// let missing = |i: usize| Finding::new("website.name_required", Some("5001"),
///     &format!("/websites/{i}/name"), Severity::Error, Message::new("请填写网站名称。", "Enter the name."));
/// let found: Vec<Finding> = (0..10_000).map(missing).collect();
/// let short = summarise(found, 50);
/// assert_eq!(short.len(), 51);
/// assert_eq!(short[50].path, "/websites/50/name");
/// assert_eq!(short[50].message.en, "And 9,950 more like this (the first: website 51).");
/// assert_eq!(short[50].message.zh_cn, "另有 9,950 处相同问题（第一处：第 51 个网站）。");
/// ```
pub fn summarise(findings: Vec<Finding>, per_rule: usize) -> Vec<Finding> {
    use std::collections::HashMap;
    // Per rule: how many, and the worst severity beyond `per_rule`.
    let mut totals: HashMap<String, (usize, Severity)> = HashMap::new();
    for f in &findings {
        let (n, worst) = totals.entry(f.rule.clone()).or_insert((0, Severity::Info));
        if *n >= per_rule {
            *worst = (*worst).max(f.severity);
        }
        *n += 1;
    }
    if totals.values().all(|(n, _)| *n <= per_rule + 1) {
        return findings;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for f in findings {
        let (total, worst) = totals[&f.rule];
        let k = seen.entry(f.rule.clone()).or_insert(0);
        *k += 1;
        if total <= per_rule + 1 || *k <= per_rule {
            out.push(f);
        } else if *k == per_rule + 1 {
            let more = crate::limits::group(total - per_rule);
            // The place in words, as a website owner reads it (the path
            // stays in the finding's `path`).
            let place = path_in_words(&f.path);
            let message = if place.en.is_empty() {
                Message::new(
                    format!("另有 {more} 处相同问题。"),
                    format!("And {more} more like this."),
                )
            } else {
                Message::new(
                    format!("另有 {more} 处相同问题（第一处：{}）。", place.zh_cn),
                    format!("And {more} more like this (the first: {}).", place.en),
                )
            };
            out.push(Finding {
                severity: worst,
                message,
                suggestion: None,
                ..f
            });
        }
    }
    out
}

/// An error of a field rule: knows its rule id, MIIT code, message and, where
/// the fix is mechanical, the fixed value. Every identifier module's error
/// type implements it, so that all of them become findings the same way.
pub trait RuleError {
    /// Stable rule id, e.g. `uscc.checksum`.
    fn rule(&self) -> &'static str;
    /// The MIIT return code the filing system would give, if it has one
    /// for this error (a bureau's manual return has none).
    fn code(&self) -> Option<&'static str>;
    /// What is wrong and how to fix it.
    fn message(&self) -> Message;
    /// The fixed value, where the fix is mechanical.
    fn suggestion(&self) -> Option<String> {
        None
    }
    /// How serious the error is: [`Severity::Error`] unless the rule says
    /// otherwise (some rules only warn).
    fn severity(&self) -> Severity {
        Severity::Error
    }
    /// The error as a finding at `path`.
    fn finding(&self, path: &str) -> Finding {
        let finding = Finding::new(
            self.rule(),
            self.code(),
            path,
            self.severity(),
            self.message(),
        );
        match self.suggestion() {
            Some(s) => finding.with_suggestion(s),
            None => finding,
        }
    }
}

/// The finding for a document number that is valid only after clean-up
/// (spaces, full-width characters, lower case, a prefix): the MIIT system
/// compares it as typed, so it is an error, with the clean number suggested.
pub(crate) fn canonical_form(
    path: &str,
    rule: &str,
    zh_name: &str,
    en_name: &str,
    clean: &str,
) -> Finding {
    Finding::new(
        rule,
        Some("1015"),
        path,
        Severity::Error,
        Message::new(
            format!("{zh_name}中有空格、全角字符、小写字母或前缀，请填写为：{clean}"),
            format!("The {en_name} contains spaces, full-width characters, lower case or a prefix; enter it as: {clean}"),
        ),
    )
    .with_suggestion(clean)
}

/// Where a field is, in words a website owner reads (zh-CN, en), for a
/// message that names another field: `/websites/0/access/1/ips/2` is
/// “第 1 个网站的第 2 条接入信息的第 3 个 IP 地址” and “website 1, access
/// entry 2, IP address 3”. Object keys between the lists are left out; an
/// index after an unknown key is an item. (The batch check finds these
/// words in the messages of 1039 and 1040 and names the cell instead.)
///
/// ```
/// let m = beian_rules::path_in_words("/websites/1/domains/0");
/// assert_eq!((m.zh_cn.as_str(), m.en.as_str()), ("第 2 个网站的第 1 个域名", "website 2, domain 1"));
/// ```
pub fn path_in_words(path: &str) -> Message {
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let mut key = "";
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let Ok(index) = segment.parse::<usize>() else {
            key = segment;
            continue;
        };
        let n = index.saturating_add(1);
        let (z, e) = match key {
            "websites" => (format!("第 {n} 个网站"), format!("website {n}")),
            "domains" => (format!("第 {n} 个域名"), format!("domain {n}")),
            "access" => (format!("第 {n} 条接入信息"), format!("access entry {n}")),
            "ips" => (format!("第 {n} 个 IP 地址"), format!("IP address {n}")),
            _ => (format!("第 {n} 项"), format!("item {n}")),
        };
        zh.push(z);
        en.push(e);
        key = "";
    }
    Message::new(zh.join("的"), en.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(rule: &str, i: usize, severity: Severity) -> Finding {
        Finding::new(
            rule,
            None,
            &format!("/websites/{i}"),
            severity,
            Message::new("z", "e"),
        )
    }

    #[test]
    fn summaries_keep_order_and_count() {
        let mut all = Vec::new();
        for i in 0..30 {
            all.push(f("a", i, Severity::Warning));
            all.push(f(
                "b",
                i,
                if i == 29 {
                    Severity::Error
                } else {
                    Severity::Info
                },
            ));
        }
        all.push(f("c", 0, Severity::Error));
        let short = summarise(all.clone(), 5);
        let rules: Vec<&str> = short.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "c"]
        );
        assert_eq!(short[10].path, "/websites/5");
        assert_eq!(
            short[10].message.en,
            "And 25 more like this (the first: website 6)."
        );
        assert_eq!(short[10].severity, Severity::Warning);
        // The worst severity of the omitted ones.
        assert_eq!(short[11].severity, Severity::Error);
        // At most one over: kept as they are.
        assert_eq!(summarise(all.clone(), 29), all);
        assert_eq!(summarise(all.clone(), 30), all);
        assert_eq!(summarise(Vec::new(), 0), []);
        assert_eq!(summarise(all, 0).len(), 3);
    }

    #[test]
    fn path_in_words_says_where() {
        let p = path_in_words("/websites/0/access/1/ips/2");
        assert_eq!(p.zh_cn, "第 1 个网站的第 2 条接入信息的第 3 个 IP 地址");
        assert_eq!(p.en, "website 1, access entry 2, IP address 3");
        assert_eq!(
            path_in_words("/websites/1/domains/0").en,
            "website 2, domain 1"
        );
        assert_eq!(path_in_words("/3").zh_cn, "第 4 项");
        assert_eq!(path_in_words("").en, "");
        assert_eq!(
            path_in_words("/x/18446744073709551615").en,
            format!("item {}", usize::MAX)
        );
    }
}
