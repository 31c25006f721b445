//! The filing data model: what a website owner hands in (RULES.md, glossary).
//!
//! Every field has a default so that a partly filled draft deserialises;
//! missing required fields are findings (5001), not parse errors. Unknown
//! fields are parse errors, so that a misspelt key is never silently lost.
//! Fields added after the first release are left out of the JSON while they
//! hold their default, so older readers see the same data as before.
//!
//! [`Filing::from_json`] (module `schema`) reads a filing and reports a
//! wrong JSON shape with its path, as 5001.
//!
//! Each name is written once, here, in the serde attributes: the strict
//! readers, the key lists (`Subject::KEYS` …) and the enums' name tables
//! (`ALL`, `NAMES`, `name()`, `FromStr`, [`crate::Named`]) are generated
//! from them by `beian_derive` (`FromJson`, `Named`), and the JSON Schema
//! and the TypeScript types by schemars and tsify. A field is one line
//! here (and `#[beian(max = …)]` for a list: the most items it may hold);
//! a renamed key or name keeps its old spelling as a `#[serde(alias)]`,
//! read but no longer written. Names are spelt the British way (RULES.md,
//! glossary: organisation, licence, authorisation).

use beian_derive::{FromJson, Named};
use serde::{Deserialize, Deserializer, Serialize};

use crate::date::Date;
use crate::limits;

fn is_false(b: &bool) -> bool {
    !*b
}

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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[cfg_attr(
    any(test, feature = "schema"),
    schemars(
        title = "ICP filing (beian-rules Filing)",
        description = "A whole ICP filing: one subject and its websites. Every field may be left \
                       out (it then holds its default); unknown keys are errors."
    )
)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Filing {
    /// The subject (主体 / 网站主办者).
    pub subject: Subject,
    /// The subject's websites (网站).
    #[beian(max = limits::WEBSITES)]
    pub websites: Vec<Website>,
}

/// The kind of subject (主办单位性质).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Named, FromJson)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
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
    #[serde(alias = "social_organization")]
    SocialOrganisation,
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Named, FromJson)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
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
    #[serde(alias = "organization_code")]
    OrganisationCode,
    /// 工商营业执照注册号
    BusinessRegistrationNumber,
    /// 其他
    Other,
}

/// A person: the subject's or a website's responsible person (负责人).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
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
    /// For an organisation: whether its responsible person is the legal
    /// representative, a person the legal representative authorised, or an
    /// agent (004 3; an agent may not be authorised).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub responsible_person_role: Option<ResponsiblePersonRole>,
    /// True for a commercial (经营性) filing, which needs a value-added
    /// telecommunications licence (002 #29, #30).
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub commercial: bool,
    /// The commercial licence number, e.g. `浙B2-20040180` (002 #29).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub licence_number: String,
    /// The subject's filing number, for requests on an existing filing,
    /// e.g. `京ICP备09051301号` (002 #28).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub filing_number: String,
    /// The filing's documents (004 3): the subject's and the responsible
    /// person's documents, authorisation letter, security agreement,
    /// verification form, photo. Kept on the subject because a filing has
    /// exactly one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[beian(max = limits::DOCUMENTS)]
    pub documents: Vec<Attachment>,
    /// The day the filing's data was created in the filing system: the
    /// verification form, agreement and photo may not be dated earlier
    /// (004 其它 6).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", tsify(type = "string", optional))]
    pub filing_created_on: Option<Date>,
}

/// Who an organisation's responsible person is (004 3: 主体信息的负责人对应是
/// 法人信息，若填写的不是法人信息，请法人务必授权给本公司的负责人，但不能授权给代理商).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Named, FromJson)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResponsiblePersonRole {
    /// 法定代表人
    LegalRepresentative,
    /// A person of the organisation the legal representative authorised
    /// (法人授权人): an authorisation letter is attached.
    Authorised,
    /// An agent (代理商): not allowed.
    Agent,
}

/// What a website offers: the pre-approval categories of 002 #41 and 001
/// #8, and the kinds of content that matter to the rules (004 其它 3–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Named, FromJson)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContentCategory {
    /// 新闻 (pre-approval: 互联网新闻信息服务许可证)
    News,
    /// 出版 (pre-approval: 互联网出版许可证)
    Publishing,
    /// 教育 (pre-approval: the provincial education department's document)
    Education,
    /// 医疗保健 (pre-approval: 互联网医疗保健信息服务审核同意书)
    Medical,
    /// 药品和医疗器械 (pre-approval: 互联网药品信息服务资格证书)
    DrugsAndMedicalDevices,
    /// 文化 (pre-approval: 网络文化经营许可证)
    Culture,
    /// 广播电影电视节目 (pre-approval: 信息网络传播视听节目许可证)
    RadioFilmTv,
    /// 电子公告 (forum, BBS, message board): special filing; the same as
    /// `bulletinBoard: true`.
    BulletinBoard,
    /// 电子商务 (shop): a commercial filing (004 其它 4).
    ECommerce,
    /// 企业内容 (company content): filed by the company (004 其它 5).
    Company,
    /// 博客 / 个人空间
    Blog,
    /// 其他
    Other,
}

/// A pre-approval (前置审批) of a website: the category and the number of
/// the permit or approval document (002 #41).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PreApproval {
    /// The category approved.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub category: Option<ContentCategory>,
    /// The permit's or approval document's number.
    pub permit_number: String,
}

/// The kind of a document handed in with the filing (004 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Named, FromJson)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    /// 主办单位有效证件 (business licence, ID card …)
    SubjectDocument,
    /// 主办单位负责人有效证件
    ResponsiblePersonDocument,
    /// 法人授权书 (the responsible person is not the legal representative)
    AuthorisationLetter,
    /// 信息安全管理协议书
    SecurityAgreement,
    /// 网站备案信息真实性核验单
    VerificationForm,
    /// 负责人现场拍照相片
    Photo,
    /// 域名证书
    DomainCertificate,
    /// 域名授权书 (the domain owner is not the subject)
    DomainAuthorisationLetter,
    /// 网站名称审批文件 (a name starting with 中国 …, 002 #54)
    NameApproval,
    /// 前置审批文件 (a permit's scan)
    PreApprovalDocument,
    /// 其他
    Other,
}

/// A document handed in with the filing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Attachment {
    /// What it is.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub kind: Option<AttachmentKind>,
    /// The date written or stamped on it (`YYYY-MM-DD`).
    #[cfg_attr(feature = "ts", tsify(type = "string", optional))]
    pub date: Option<Date>,
}

/// A website (网站) of the subject.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Website {
    /// Website name (网站名称).
    pub name: String,
    /// Listed domains: registrable domains, one entry each.
    #[beian(max = limits::DOMAINS)]
    pub domains: Vec<String>,
    /// Homepage URL (网站首页 URL); its host must be under a listed domain.
    pub homepage: String,
    /// Access entries (接入信息).
    #[beian(max = limits::ACCESS)]
    pub access: Vec<Access>,
    /// The website's responsible person.
    pub responsible_person: Person,
    /// What the website offers (pre-approval categories and more).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[beian(max = limits::CATEGORIES)]
    pub content_categories: Vec<ContentCategory>,
    /// Pre-approvals with their permit numbers (002 #41).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[beian(max = limits::PRE_APPROVALS)]
    pub pre_approvals: Vec<PreApproval>,
    /// True when the website has a forum, BBS or message board (电子公告),
    /// which needs a special filing (002 #41, 001 #10).
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub bulletin_board: bool,
    /// The owner named on the domain certificates (域名所有者); when it is not
    /// the subject, a domain authorisation letter is needed (002 #20, #30).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub domain_owner: String,
    /// The website's documents: domain certificate, domain authorisation
    /// letter, name approval, permit scans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[beian(max = limits::DOCUMENTS)]
    pub documents: Vec<Attachment>,
    /// The website's filing number once filed: the subject's number and
    /// `-N`, e.g. `京ICP备12345678号-1` (002 #28). Given by the bureau on
    /// approval, never reused after a cancellation; empty for a website
    /// not yet filed.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub filing_number: String,
}

/// An access entry (接入): where and by whom the website is hosted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Access {
    /// Access provider (接入商) name.
    pub provider: String,
    /// Access method (接入方式); none when not chosen. `""` reads as none
    /// too: the method was a free text before, and drafts and stored
    /// filings of then hold `""`.
    #[serde(
        deserialize_with = "empty_is_none",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", tsify(optional))]
    #[beian(with = crate::json::empty_is_none)]
    pub method: Option<AccessMethod>,
    /// Server location (province code or `其它` for abroad).
    pub server_location: String,
    /// Server IP addresses.
    #[beian(max = limits::IPS)]
    pub ips: Vec<String>,
}

/// How a website is hosted at its access provider (接入方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Named, FromJson)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessMethod {
    /// 云主机 (a cloud server)
    Cloud,
    /// 虚拟主机 (a virtual host: space on a shared server)
    VirtualHost,
    /// 主机托管 (colocation: the subject's own server in the provider's room)
    Colocation,
    /// 专线 (a dedicated line)
    Dedicated,
}

/// serde's side of [`crate::json::empty_is_none`]: `null` and `""` are
/// none, another string is a name of `T`.
fn empty_is_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: crate::json::Named,
{
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) if text.is_empty() => Ok(None),
        // serde's own error, as its derive gives for a name none of `T`'s.
        Some(text) => match crate::json::lookup(T::NAMES, T::ALIASES, &text) {
            Some(i) => Ok(Some(T::ALL[i])),
            None => Err(serde::de::Error::unknown_variant(&text, T::NAMES)),
        },
    }
}
