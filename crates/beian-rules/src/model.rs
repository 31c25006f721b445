//! The filing data model: what a website owner hands in (RULES.md, glossary).
//!
//! Every field has a default so that a partly filled draft deserialises;
//! missing required fields are findings (5001), not parse errors. Unknown
//! fields are parse errors, so that a misspelt key is never silently lost.

use serde::{Deserialize, Serialize};

/// A whole filing: one subject and its websites (003 #4: several websites
/// of one subject go in one filing).
///
/// ```
/// let f: beian_rules::Filing = serde_json::from_str(
///     r#"{"subject": {"documentNumber": "11010519491231002X"},
///         "websites": [{"domains": ["example.com"], "homepage": "www.example.com"}]}"#,
/// ).unwrap();
/// assert_eq!(f.websites[0].domains, ["example.com"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Filing {
    /// The subject (主体 / 网站主办者).
    pub subject: Subject,
    /// The subject's websites (网站).
    pub websites: Vec<Website>,
}

/// The kind of subject (主办单位性质).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum SubjectType {
    /// 个人
    #[default]
    Individual,
    /// 企业
    Enterprise,
    /// 政府机关
    Government,
    /// 事业单位
    PublicInstitution,
    /// 社会团体
    SocialOrganization,
    /// 民办非企业单位
    PrivateNonEnterprise,
    /// 基金会
    Foundation,
    /// 律师执业机构
    LawFirm,
    /// 其他
    Other,
}

/// The type of an identity document or organisation code (证件类型).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// 居民身份证 (mainland resident ID, 18 characters).
    #[default]
    ResidentId,
    /// 护照
    Passport,
    /// 港澳居民来往内地通行证
    HkMacauTravelPermit,
    /// 台湾居民来往大陆通行证
    TaiwanTravelPermit,
    /// 港澳台居民居住证
    HkMacauTaiwanResidencePermit,
    /// 外国人永久居留身份证
    ForeignPermanentResidenceId,
    /// 统一社会信用代码
    UnifiedSocialCreditCode,
    /// 组织机构代码
    OrganizationCode,
    /// 工商营业执照注册号
    BusinessRegistrationNumber,
    /// 其他
    Other,
}

/// A person: the subject's or a website's responsible person (负责人).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Document type.
    pub document_type: DocumentType,
    /// Document number.
    pub document_number: String,
    /// Mobile phone number.
    pub mobile: String,
    /// Landline with area code.
    pub phone: String,
    /// E-mail address.
    pub email: String,
}

/// The subject (主体): the person or organisation that runs the websites.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Subject {
    /// Kind of subject.
    pub subject_type: SubjectType,
    /// Name (an individual's name, or the organisation's registered name).
    pub name: String,
    /// Document type of the subject.
    pub document_type: DocumentType,
    /// Document number of the subject (subject identity is type + number).
    pub document_number: String,
    /// Province code (GB/T 2260), e.g. `110000`.
    pub province: String,
    /// City code (GB/T 2260).
    pub city: String,
    /// County code (GB/T 2260).
    pub county: String,
    /// Postal address.
    pub address: String,
    /// The subject's responsible person.
    pub responsible_person: Person,
}

/// A website (网站) of the subject.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Website {
    /// Website name (网站名称).
    pub name: String,
    /// Listed domains: registrable domains, one entry each.
    pub domains: Vec<String>,
    /// Homepage URL (网站首页 URL); its host must be under a listed domain.
    pub homepage: String,
    /// Access entries (接入信息).
    pub access: Vec<Access>,
    /// The website's responsible person.
    pub responsible_person: Person,
}

/// An access entry (接入): where and by whom the website is hosted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Access {
    /// Access provider (接入商) name.
    pub provider: String,
    /// Access method, e.g. `cloud`, `dedicated`, `colocation`.
    pub method: String,
    /// Server location (province code or `其它` for abroad).
    pub server_location: String,
    /// Server IP addresses.
    pub ips: Vec<String>,
}
