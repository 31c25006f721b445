//! The UI text catalogue: every text the page shows, in zh-CN and en.
//!
//! Finding messages are not here: they come with each finding from
//! `beian-rules` (`finding.message.zh_cn` / `.en`).

use serde::{Deserialize, Serialize};

/// A language of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (the default).
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, in the order of the language switch.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The BCP 47 tag, as in `<html lang>` and `Message::get`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language from its tag; unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The language's own name, as shown in the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "简体中文",
            Lang::En => "English",
        }
    }
}

/// A text of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// Page title.
    Title,
    /// One line under the title.
    Intro,
    /// Label of the language switch.
    Language,
    /// Heading of the subject section.
    SubjectSection,
    /// Label of the subject's ID number.
    DocumentNumber,
    /// Hint under the ID number.
    DocumentNumberHint,
    /// Heading of the website section.
    WebsiteSection,
    /// Label of the domain list.
    Domains,
    /// Hint under the domain list.
    DomainsHint,
    /// Label of domain N (`{n}` is replaced by the 1-based number).
    DomainN,
    /// Button adding a domain.
    AddDomain,
    /// Accessible label of the button removing domain N (`{n}`).
    RemoveDomainN,
    /// Label of the homepage URL.
    Homepage,
    /// Hint under the homepage URL.
    HomepageHint,
    /// Button showing every finding.
    CheckAll,
    /// Button writing a finding's suggestion into its field.
    ApplySuggestion,
    /// Prefix of a finding's MIIT return code.
    Code,
    /// Severity label: error.
    Error,
    /// Severity label: warning.
    Warning,
    /// Severity label: advice.
    Info,
    /// Heading of findings about no single field.
    OtherFindings,
    /// Status after "check all" with no errors.
    AllClear,
    /// Status after "check all" with errors (`{n}`).
    NErrors,
    /// Footnote: where the draft is kept.
    DraftNote,
}

impl Key {
    /// Every key.
    pub const ALL: [Key; 24] = [
        Key::Title,
        Key::Intro,
        Key::Language,
        Key::SubjectSection,
        Key::DocumentNumber,
        Key::DocumentNumberHint,
        Key::WebsiteSection,
        Key::Domains,
        Key::DomainsHint,
        Key::DomainN,
        Key::AddDomain,
        Key::RemoveDomainN,
        Key::Homepage,
        Key::HomepageHint,
        Key::CheckAll,
        Key::ApplySuggestion,
        Key::Code,
        Key::Error,
        Key::Warning,
        Key::Info,
        Key::OtherFindings,
        Key::AllClear,
        Key::NErrors,
        Key::DraftNote,
    ];

    /// The placeholders the text must contain, in every language.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Key::DomainN | Key::RemoveDomainN | Key::NErrors => &["{n}"],
            _ => &[],
        }
    }
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (zh_cn, en) = entry(key);
    match lang {
        Lang::ZhCn => zh_cn,
        Lang::En => en,
    }
}

/// The text of `key` in `lang` with `{n}` replaced by `n`.
pub fn tn(lang: Lang, key: Key, n: usize) -> String {
    t(lang, key).replace("{n}", &n.to_string())
}

fn entry(key: Key) -> (&'static str, &'static str) {
    match key {
        Key::Title => ("ICP 备案预检", "ICP filing pre-check"),
        Key::Intro => (
            "填写时即在本机检查，规则与管局系统的返回码一致；不会上传任何数据。",
            "Checked on this device as you type, with the MIIT system's return codes; nothing is uploaded.",
        ),
        Key::Language => ("语言", "Language"),
        Key::SubjectSection => ("主体信息", "Subject"),
        Key::DocumentNumber => ("主体证件号码（居民身份证）", "Subject's ID number (resident ID)"),
        Key::DocumentNumberHint => (
            "18 位，最后一位如为 X 须大写。",
            "18 characters; a final X must be upper case.",
        ),
        Key::WebsiteSection => ("网站信息", "Website"),
        Key::Domains => ("网站域名", "Domains"),
        Key::DomainsHint => (
            "填写顶级域名（如 example.com），不带 www、http:// 或路径。",
            "Registrable domains (e.g. example.com), without www, http:// or a path.",
        ),
        Key::DomainN => ("域名 {n}", "Domain {n}"),
        Key::AddDomain => ("＋ 添加域名", "+ Add domain"),
        Key::RemoveDomainN => ("删除域名 {n}", "Remove domain {n}"),
        Key::Homepage => ("网站首页 URL", "Homepage URL"),
        Key::HomepageHint => (
            "首页地址须使用上面填写的域名，通常是 www 加域名。",
            "The homepage must be on a listed domain, usually www plus the domain.",
        ),
        Key::CheckAll => ("全部检查", "Check all"),
        Key::ApplySuggestion => ("采用建议", "Apply suggestion"),
        Key::Code => ("返回码", "Code"),
        Key::Error => ("错误", "Error"),
        Key::Warning => ("提醒", "Warning"),
        Key::Info => ("建议", "Advice"),
        Key::OtherFindings => ("其他问题", "Other findings"),
        Key::AllClear => (
            "未发现问题，可以继续下一步。",
            "No problems found: you can go on to the next step.",
        ),
        Key::NErrors => ("发现 {n} 个错误，请先修改。", "{n} error(s) found: please fix them first."),
        Key::DraftNote => (
            "草稿自动保存在本浏览器中。",
            "The draft is saved in this browser as you type.",
        ),
    }
}
