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
    /// Label of the filing-kind select.
    Kind,
    /// Filing kind: new filing.
    KindNewFiling,
    /// Filing kind: add a website.
    KindAddWebsite,
    /// Filing kind: transfer access.
    KindTransferAccess,
    /// Filing kind: change.
    KindChange,
    /// Filing kind: cancel the subject.
    KindCancelSubject,
    /// Filing kind: cancel a website.
    KindCancelWebsite,
    /// Filing kind: cancel access.
    KindCancelAccess,
    /// Accessible name of the step indicator.
    Steps,
    /// Step: subject.
    StepSubject,
    /// Step: websites.
    StepWebsites,
    /// Step: access.
    StepAccess,
    /// Step: documents.
    StepDocuments,
    /// Step: review.
    StepReview,
    /// Screen-reader suffix of a complete step.
    StepDone,
    /// Button: next step.
    Next,
    /// Button: previous step.
    Back,
    /// Heading of a step's summary (`{n}` errors).
    StepSummary,
    /// Text at the top of the review step.
    ReviewIntro,
    /// Review with no finding at all.
    ReviewNone,
    /// Column: the field a finding is about.
    Field,
    /// Text at the top of the documents step.
    DocumentsIntro,
    /// Badge: a required document.
    Required,
    /// Badge: an optional document.
    Optional,
    /// Text at the top of the access step.
    AccessIntro,
    /// A step without findings.
    NoFindingsStep,
}

impl Key {
    /// Every key.
    pub const ALL: [Key; 50] = [
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
        Key::Kind,
        Key::KindNewFiling,
        Key::KindAddWebsite,
        Key::KindTransferAccess,
        Key::KindChange,
        Key::KindCancelSubject,
        Key::KindCancelWebsite,
        Key::KindCancelAccess,
        Key::Steps,
        Key::StepSubject,
        Key::StepWebsites,
        Key::StepAccess,
        Key::StepDocuments,
        Key::StepReview,
        Key::StepDone,
        Key::Next,
        Key::Back,
        Key::StepSummary,
        Key::ReviewIntro,
        Key::ReviewNone,
        Key::Field,
        Key::DocumentsIntro,
        Key::Required,
        Key::Optional,
        Key::AccessIntro,
        Key::NoFindingsStep,
    ];

    /// The placeholders the text must contain, in every language.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Key::DomainN | Key::RemoveDomainN | Key::NErrors | Key::StepSummary => &["{n}"],
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
        Key::Kind => ("备案类型", "Kind of filing"),
        Key::KindNewFiling => ("新增备案", "New filing"),
        Key::KindAddWebsite => ("新增网站", "Add a website"),
        Key::KindTransferAccess => ("新增接入（转接入）", "Transfer access"),
        Key::KindChange => ("变更备案", "Change a filing"),
        Key::KindCancelSubject => ("注销主体", "Cancel the subject"),
        Key::KindCancelWebsite => ("注销网站", "Cancel a website"),
        Key::KindCancelAccess => ("取消接入", "Cancel access"),
        Key::Steps => ("备案步骤", "Filing steps"),
        Key::StepSubject => ("主体信息", "Subject"),
        Key::StepWebsites => ("网站信息", "Websites"),
        Key::StepAccess => ("接入信息", "Access"),
        Key::StepDocuments => ("资料清单", "Documents"),
        Key::StepReview => ("检查提交", "Review"),
        Key::StepDone => ("（已完成）", " (complete)"),
        Key::Next => ("下一步", "Next"),
        Key::Back => ("上一步", "Back"),
        Key::StepSummary => ("本步有 {n} 个错误，请逐项修改：", "This step has {n} error(s); fix each one:"),
        Key::ReviewIntro => ("以下是整份备案的全部检查结果（含管局返回码）。", "Every finding of the whole filing, with the MIIT return code."),
        Key::ReviewNone => ("整份备案未发现任何问题。", "No finding in the whole filing."),
        Key::Field => ("所在项目", "Field"),
        Key::DocumentsIntro => ("请准备以下资料（由规则库根据主体与网站生成）：", "Prepare these documents (from the rules for this subject and its websites):"),
        Key::Required => ("必需", "Required"),
        Key::Optional => ("视情况", "If applicable"),
        Key::AccessIntro => ("接入信息的问题（服务商、服务器位置、IP）如下。", "Findings about access (provider, server location, IP addresses)."),
        Key::NoFindingsStep => ("本步未发现问题。", "No findings in this step."),
    }
}
