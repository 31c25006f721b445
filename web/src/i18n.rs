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

/// Defines [`Key`], [`Key::ALL`] and the catalogue from one list of
/// `Key => (zh-CN, en)` entries.
macro_rules! catalogue {
    ($( $(#[$doc:meta])* $key:ident => ($zh:expr, $en:expr $(,)?), )*) => {
        /// A text of the page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $( $(#[$doc])* $key, )*
        }

        impl Key {
            /// Every key.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }

        fn entry(key: Key) -> (&'static str, &'static str) {
            match key {
                $( Key::$key => ($zh, $en), )*
            }
        }
    };
}

catalogue! {
    /// Page title.
    Title => ("ICP 备案预检", "ICP filing pre-check"),
    /// One line under the title.
    Intro => (
            "填写时即在本机检查，规则与管局系统的返回码一致；只有点击“提交备案”时才会发送到服务器。",
            "Checked on this device as you type, with the MIIT system's return codes; nothing is sent until you press “Submit”.",
        ),
    /// Label of the language switch.
    Language => ("语言", "Language"),
    /// Heading of the subject section.
    SubjectSection => ("主体信息", "Subject"),
    /// Label of the subject's ID number.
    DocumentNumber => ("主体证件号码", "Subject's document number"),
    /// Hint under the ID number (002 #6).
    DocumentNumberHint => (
            "与证件上完全一致；身份证为 18 位，最后一位如为 X 须大写。",
            "Exactly as on the document; a resident ID has 18 characters and a final X is upper case.",
        ),
    /// Heading of the website section.
    WebsiteSection => ("网站信息", "Website"),
    /// Label of the domain list.
    Domains => ("网站域名", "Domains"),
    /// Hint under the domain list.
    DomainsHint => (
            "填写顶级域名（如 example.com），不带 www、http:// 或路径。",
            "Registrable domains (e.g. example.com), without www, http:// or a path.",
        ),
    /// Label of domain N (`{n}` is replaced by the 1-based number).
    DomainN => ("域名 {n}", "Domain {n}"),
    /// Button adding a domain.
    AddDomain => ("＋ 添加域名", "+ Add domain"),
    /// Accessible label of the button removing domain N (`{n}`).
    RemoveDomainN => ("删除域名 {n}", "Remove domain {n}"),
    /// Label of the homepage URL.
    Homepage => ("网站首页 URL", "Homepage URL"),
    /// Hint under the homepage URL.
    HomepageHint => (
            "首页地址须使用上面填写的域名，通常是 www 加域名。",
            "The homepage must be on a listed domain, usually www plus the domain.",
        ),
    /// Button showing every finding.
    CheckAll => ("全部检查", "Check all"),
    /// Button writing a finding's suggestion into its field.
    ApplySuggestion => ("采用建议", "Apply suggestion"),
    /// Prefix of a finding's MIIT return code.
    Code => ("返回码", "Code"),
    /// Severity label: error.
    Error => ("错误", "Error"),
    /// Severity label: warning.
    Warning => ("提醒", "Warning"),
    /// Severity label: advice.
    Info => ("建议", "Advice"),
    /// Heading of findings about no single field.
    OtherFindings => ("其他问题", "Other findings"),
    /// Status after "check all" with no errors.
    AllClear => (
            "未发现问题，可以继续下一步。",
            "No problems found: you can go on to the next step.",
        ),
    /// Status after "check all" with errors (`{n}`).
    NErrors => ("发现 {n} 个错误，请先修改。", "{n} error(s) found: please fix them first."),
    /// Heading of the data to be submitted, in the review step.
    ReviewData => ("将提交的信息", "The data to be submitted"),
    /// A step of it with nothing filled in.
    ReviewDataNone => ("（未填写）", "(nothing filled in)"),
    /// Button removing the saved draft from this browser.
    ClearDraft => ("清除草稿", "Clear the draft"),
    /// Its confirmation.
    ClearDraftConfirm => (
        "确定清除保存在本浏览器中的草稿？已填写的个人信息将被删除，无法恢复。",
        "Remove the draft saved in this browser? The personal data filled in is deleted and cannot be restored.",
    ),
    /// After clearing.
    DraftCleared => ("草稿已清除。", "The draft was cleared."),
    /// Footnote: where the draft is kept.
    DraftNote => (
            "草稿自动保存在本浏览器中。",
            "The draft is saved in this browser as you type.",
        ),
    /// Label of the filing-kind select.
    Kind => ("备案类型", "Kind of filing"),
    /// Filing kind: new filing.
    KindNewFiling => ("新增备案", "New filing"),
    /// Filing kind: add a website.
    KindAddWebsite => ("新增网站", "Add a website"),
    /// Filing kind: transfer access.
    KindTransferAccess => ("新增接入（转接入）", "Transfer access"),
    /// Filing kind: change.
    KindChange => ("变更备案", "Change a filing"),
    /// Filing kind: cancel the subject.
    KindCancelSubject => ("注销主体", "Cancel the subject"),
    /// Filing kind: cancel a website.
    KindCancelWebsite => ("注销网站", "Cancel a website"),
    /// Filing kind: cancel access.
    KindCancelAccess => ("取消接入", "Cancel access"),
    /// Accessible name of the step indicator.
    Steps => ("备案步骤", "Filing steps"),
    /// Step: subject.
    StepSubject => ("主体信息", "Subject"),
    /// Step: websites.
    StepWebsites => ("网站信息", "Websites"),
    /// Step: access.
    StepAccess => ("接入信息", "Access"),
    /// Step: documents.
    StepDocuments => ("资料清单", "Documents"),
    /// Step: review.
    StepReview => ("检查提交", "Review"),
    /// Screen-reader suffix of a complete step.
    StepDone => ("（已完成）", " (complete)"),
    /// Button: next step.
    Next => ("下一步", "Next"),
    /// Button: previous step.
    Back => ("上一步", "Back"),
    /// Heading of a step's summary (`{n}` errors).
    StepSummary => ("本步有 {n} 个错误，请逐项修改：", "This step has {n} error(s); fix each one:"),
    /// Text at the top of the review step.
    ReviewIntro => ("以下是整份备案的全部检查结果（含管局返回码）。", "Every finding of the whole filing, with the MIIT return code."),
    /// Review with no finding at all.
    ReviewNone => ("整份备案未发现任何问题。", "No finding in the whole filing."),
    /// Column: the field a finding is about.
    Field => ("所在项目", "Field"),
    /// Text at the top of the documents step.
    DocumentsIntro => (
        "请准备以下资料（按主体与网站的情况列出）；提交后，可在申请状态页上传各项资料的扫描件（JPG、PNG 或 PDF）：",
        "Prepare these documents (listed for this subject and its websites); once the request is submitted, upload their scans (JPG, PNG or PDF) on its status page:",
    ),
    /// Badge: a required document.
    Required => ("必需", "Required"),
    /// Badge: an optional document.
    Optional => ("视情况", "If applicable"),
    /// Text at the top of the access step.
    AccessIntro => ("接入信息的问题（服务商、服务器位置、IP）如下。", "Findings about access (provider, server location, IP addresses)."),
    /// A step without findings.
    NoFindingsStep => ("本步未发现问题。", "No findings in this step."),

    /// Label of the subject type select.
    SubjectType => ("主办单位性质", "Kind of subject"),
    /// Subject type: individual.
    StIndividual => ("个人", "Individual"),
    /// Subject type: enterprise.
    StEnterprise => ("企业", "Enterprise"),
    /// Subject type: government.
    StGovernment => ("政府机关", "Government agency"),
    /// Subject type: public institution.
    StPublicInstitution => ("事业单位", "Public institution"),
    /// Subject type: social organisation.
    StSocialOrganisation => ("社会团体", "Social organisation"),
    /// Subject type: private non-enterprise unit.
    StPrivateNonEnterprise => ("民办非企业单位", "Private non-enterprise unit"),
    /// Subject type: foundation.
    StFoundation => ("基金会", "Foundation"),
    /// Subject type: law firm.
    StLawFirm => ("律师执业机构", "Law firm"),
    /// Subject type: other.
    StOther => ("其他", "Other"),
    /// Label of the subject's document type.
    DocumentType => ("主体证件类型", "Subject's document type"),
    /// Hint under the document type (004 3).
    DocumentTypeHint => (
        "可选的证件类型由主办单位性质决定。",
        "The document types allowed depend on the kind of subject.",
    ),
    /// Document type: resident ID.
    DtResidentId => ("居民身份证", "Resident ID card"),
    /// Document type: passport.
    DtPassport => ("护照", "Passport"),
    /// Document type: HK/Macau travel permit.
    DtHkMacauTravelPermit => ("港澳居民来往内地通行证", "Hong Kong/Macau travel permit"),
    /// Document type: Taiwan travel permit.
    DtTaiwanTravelPermit => ("台湾居民来往大陆通行证", "Taiwan travel permit"),
    /// Document type: HK/Macau/Taiwan residence permit.
    DtHkMacauTaiwanResidencePermit => ("港澳台居民居住证", "Hong Kong/Macau/Taiwan residence permit"),
    /// Document type: foreign permanent residence ID.
    DtForeignPermanentResidenceId => ("外国人永久居留身份证", "Foreign permanent residence ID"),
    /// Document type: unified social credit code.
    DtUnifiedSocialCreditCode => ("统一社会信用代码", "Unified social credit code"),
    /// Document type: organisation code.
    DtOrganisationCode => ("组织机构代码", "Organisation code"),
    /// Document type: business registration number.
    DtBusinessRegistrationNumber => ("工商营业执照注册号", "Business registration number"),
    /// Document type: other.
    DtOther => ("其他证件", "Other document"),
    /// Label of the subject's name.
    SubjectName => ("主办单位名称（个人填写姓名）", "Subject's name (an individual's full name)"),
    /// Hint under the subject's name.
    SubjectNameHint => ("与证件上的名称完全一致。", "Exactly as on the document."),
    /// Label of the division search.
    DivisionSearch => ("按名称查找所在地", "Find the place by name"),
    /// Hint under the division search.
    DivisionSearchHint => (
        "输入区县或城市名称或拼音首字母（如“朝阳”或“cyq”），从结果中选择。",
        "Type a county or city name in Chinese or its pinyin initials (“cyq” for Chaoyang District) and pick a result.",
    ),
    /// Accessible name of the division search results.
    DivisionResults => ("查找结果", "Search results"),
    /// Label of the province select.
    Province => ("所在省份", "Province"),
    /// Label of the city select.
    City => ("所在城市", "City"),
    /// Label of the county select.
    County => ("所在区县", "County or district"),
    /// Legend of the place group.
    Place => ("所在地", "Place"),
    /// Hint under the division selects (1019, 002 #9).
    DivisionHint => (
        "按国家行政区划代码选择；已撤销合并的区县不能使用。",
        "Chosen from the national division codes; merged or retired counties cannot be used.",
    ),
    /// The empty choice of a select.
    Choose => ("请选择", "Choose"),
    /// The city choice for a county the province administers directly.
    NoCity => ("（省直辖，无城市）", "(administered by the province, no city)"),
    /// Label of the postal address.
    Address => ("通信地址", "Postal address"),
    /// Hint under the address.
    AddressHint => ("详细到门牌号。", "Down to the street number."),
    /// Heading of the subject's responsible person.
    SubjectPerson => ("主体负责人", "Subject's responsible person"),
    /// Label of the responsible person's role.
    PersonRole => ("负责人身份", "Responsible person's role"),
    /// Hint under the role (004 3).
    PersonRoleHint => (
        "单位的负责人应为法人；不是法人时须有法人授权书，不能授权给代理商。",
        "The legal representative; anyone else needs their authorisation letter, and an agent may not be authorised.",
    ),
    /// Role: legal representative.
    RoleLegal => ("法定代表人", "Legal representative"),
    /// Role: authorised person.
    RoleAuthorised => ("法人授权人", "Person authorised by the legal representative"),
    /// Role: agent.
    RoleAgent => ("代理商", "Agent"),
    /// Label of a person's name.
    PersonName => ("姓名", "Full name"),
    /// Label of a person's document type.
    PersonDocumentType => ("证件类型", "Document type"),
    /// Label of a person's document number.
    PersonDocumentNumber => ("证件号码", "Document number"),
    /// Label of a mobile number.
    Mobile => ("手机号码", "Mobile number"),
    /// Label of a landline.
    Phone => ("固定电话（选填，带区号）", "Landline (optional, with area code)"),
    /// Label of an e-mail address.
    Email => ("电子邮箱", "E-mail"),
    /// Label of the commercial checkbox.
    Commercial => ("经营性备案（持有增值电信业务经营许可证）", "Commercial filing (holds a value-added telecom licence)"),
    /// Label of the licence number.
    LicenceNumber => ("经营许可证号", "Licence number"),
    /// Hint under the licence number (002 #29).
    LicenceNumberHint => ("如 浙B2-20040180。", "As printed on the licence, province character first."),
    /// The subject's filing number in the subject step (an existing filing).
    SubjectFilingNumberHint => (
        "已备案的主体才有，如 京ICP备09051301号；新备案不填。",
        "Only for a subject already filed (the number of its approval notice); leave empty for a new filing.",
    ),
    /// The day the filing data was created in the filing system.
    FilingCreatedOn => ("备案信息创建日期", "Date the filing data was created"),
    /// Hint under it (004 其它 6).
    FilingCreatedOnHint => (
        "接入商系统中创建这份备案信息的日期；核验单、协议书、照片的日期不能早于它。不知道可不填。",
        "The day the hosting provider's system created this filing's data; the verification form, agreement and photo may not be dated earlier. Leave empty if unknown.",
    ),
    /// Heading of website N (`{n}`).
    WebsiteN => ("网站 {n}", "Website {n}"),
    /// Button adding a website.
    AddWebsite => ("＋ 添加网站", "+ Add website"),
    /// Button removing website N (`{n}`).
    RemoveWebsiteN => ("删除网站 {n}", "Remove website {n}"),
    /// Label of the website name.
    WebsiteName => ("网站名称", "Website name"),
    /// Hint under the website name (002 #54).
    WebsiteNameHint => (
        "至少三个汉字，不能是人名、域名、地名、英文或数字。",
        "At least three Chinese characters; not a person's name, a domain, a place, English or digits.",
    ),
    /// Label of the domain owner.
    DomainOwner => ("域名所有者（选填）", "Domain owner (optional)"),
    /// Hint under the domain owner (002 #20).
    DomainOwnerHint => (
        "与主办单位不同时需要域名授权书。",
        "When it is not the subject, a domain authorisation letter is needed.",
    ),
    /// Label of the content categories.
    ContentCategories => ("网站内容（前置审批）", "Website content (pre-approval)"),
    /// Hint under the content categories (002 #41).
    ContentCategoriesHint => (
        "涉及新闻、出版、教育、医疗、药品、文化、广电的须填写许可证编号。",
        "News, publishing, education, medical, drugs, culture and radio/film/TV need their permit's number.",
    ),
    /// Category: news.
    CatNews => ("新闻", "News"),
    /// Category: publishing.
    CatPublishing => ("出版", "Publishing"),
    /// Category: education.
    CatEducation => ("教育", "Education"),
    /// Category: medical.
    CatMedical => ("医疗保健", "Medical and health"),
    /// Category: drugs and medical devices.
    CatDrugsAndMedicalDevices => ("药品和医疗器械", "Drugs and medical devices"),
    /// Category: culture.
    CatCulture => ("文化", "Culture"),
    /// Category: radio, film, TV.
    CatRadioFilmTv => ("广播电影电视节目", "Radio, film and TV"),
    /// Category: bulletin board.
    CatBulletinBoard => ("电子公告（论坛、留言板）", "Bulletin board (forum, message board)"),
    /// Category: e-commerce.
    CatECommerce => ("电子商务", "E-commerce"),
    /// Category: company content.
    CatCompany => ("企业内容", "Company content"),
    /// Category: blog.
    CatBlog => ("博客、个人空间", "Blog, personal space"),
    /// Category: other.
    CatOther => ("其他", "Other"),
    /// Label of a permit number.
    PermitNumber => ("前置审批文件编号", "Permit number"),
    /// Heading of a website's responsible person.
    WebsitePerson => ("网站负责人", "Website's responsible person"),
    /// Button copying the subject's responsible person.
    CopyPerson => ("与主体负责人相同", "Same as the subject's responsible person"),
    /// Heading of access entry N (`{n}`).
    AccessN => ("接入 {n}", "Access {n}"),
    /// Button adding an access entry.
    AddAccess => ("＋ 添加接入", "+ Add access"),
    /// Button removing access entry N (`{n}`).
    RemoveAccessN => ("删除接入 {n}", "Remove access {n}"),
    /// Label of the access provider.
    Provider => ("接入服务提供单位", "Access provider"),
    /// Label of the access method.
    Method => ("接入方式", "Access method"),
    /// Access method: cloud.
    MethodCloud => ("云主机", "Cloud server"),
    /// Access method: dedicated.
    MethodDedicated => ("专线", "Dedicated line"),
    /// Access method: colocation.
    MethodColocation => ("主机托管", "Colocation"),
    /// Access method: virtual host.
    MethodVirtualHost => ("虚拟主机", "Virtual host"),
    /// Label of the server location.
    ServerLocation => ("服务器放置地点", "Server location"),
    /// Server location abroad.
    Abroad => ("其它（境外）", "Other (abroad)"),
    /// Label of the IP list.
    Ips => ("服务器 IP 地址", "Server IP addresses"),
    /// Hint under the IP list (1040 for an address listed twice).
    IpsHint => (
        "公网 IPv4 或 IPv6 地址，一个地址在整份备案中只能出现一次。",
        "Public IPv4 or IPv6 addresses; an address appears once in the whole filing.",
    ),
    /// Label of IP N (`{n}`).
    IpN => ("IP 地址 {n}", "IP address {n}"),
    /// Button adding an IP.
    AddIp => ("＋ 添加 IP", "+ Add IP"),
    /// Button removing IP N (`{n}`).
    RemoveIpN => ("删除 IP 地址 {n}", "Remove IP address {n}"),
    /// Label of the "document is ready" checkbox.
    Attached => ("已准备", "Ready"),
    /// Label of a document's date.
    DocumentDate => ("材料上的日期", "Date on the document"),
    /// Button submitting the filing.
    Submit => ("提交备案", "Submit"),
    /// Text of the busy submit button.
    Submitting => ("正在提交…", "Submitting…"),
    /// The review deadline the server answered (`{n}`: the date).
    ReviewDeadline => ("管局应在 {n}（含）前完成审核：自提交之日起 20 个工作日。", "The bureau reviews it by {n}: 20 working days from the submission."),
    /// The review deadline counts a year whose holiday schedule is not
    /// published (`{n}`: the years).
    ReviewEstimated => ("预计：{n} 年节假日安排尚未公布，按法定节假日推算，日期可能变动。", "Estimated: the {n} holiday schedule is not yet published; the date counts the statutory holidays and may move."),
    /// Submission refused by the server.
    SubmitRefused => ("服务器未接受本次提交，请按以下问题修改：", "The server refused the submission; fix these problems:"),
    /// Submission failed for another reason.
    SubmitFailed => ("提交失败，请稍后重试：", "Submitting failed; try again later:"),
    /// Heading of the server's findings.
    ServerFindings => ("服务器检查结果", "The server's findings"),
    /// Heading of the draft file tools.
    DraftFile => ("草稿文件", "Draft file"),
    /// Button exporting the draft.
    Export => ("导出 JSON", "Export JSON"),
    /// Label of the import file input.
    Import => ("导入 JSON", "Import JSON"),
    /// Import succeeded.
    ImportDone => ("已导入草稿。", "Draft imported."),
    /// Import failed; the current draft is kept.
    ImportFailed => ("无法导入，当前草稿未改动：", "Cannot import; the current draft is unchanged:"),
    /// Heading of the existing filing panel (kinds other than a new filing).
    ExistingFiling => ("已备案信息", "Your existing filing"),
    /// What the existing filing panel is for.
    ExistingIntro => (
            "此类申请基于已通过的备案：请填写备案号并载入已备案信息，再在各步骤中修改。",
            "This kind of request starts from your approved filing: enter its filing number and load it, then edit it step by step.",
        ),
    /// Label of the filing number of the existing filing.
    FilingNumber => ("备案号", "Filing number"),
    /// Hint of the filing number (002 #28).
    FilingNumberHint => (
        "主体备案号或网站备案号（带 -序号），与备案通过通知中的一致，如 京ICP备12345678号。",
        "The subject's filing number, or a website's (with -N), as on the approval notice.",
    ),
    /// Label of the filing password.
    FilingPassword => ("备案密码", "Filing password"),
    /// Hint of the filing password.
    FilingPasswordHint => ("只在提交时发送，不会保存在本机，也不会导出。", "Sent only when submitting; never saved on this device or exported."),
    /// Legend of the websites to confirm closed (cancelling the subject).
    ClosedSites => ("网站关闭确认", "Websites closed"),
    /// Hint of the websites to confirm closed (002 #53).
    ClosedSitesHint => (
        "注销主体时，网站必须是不再使用或关闭状态：请逐一确认。只停用部分网站请改选“注销网站”。",
        "Cancelling the subject needs each of its websites closed or no longer used: confirm each one. To stop only some websites, choose “cancel a website” instead.",
    ),
    /// Before the approved filing is loaded there is nothing to confirm.
    ClosedSitesLoadFirst => ("载入已备案信息后，在此确认各网站已关闭。", "Once the approved filing is loaded, confirm here that each website is closed."),
    /// A website confirmed closed (`{n}`: its name and domains).
    ClosedSite => ("{n}已关闭或不再使用", "{n} is closed or no longer used"),
    /// Button loading the approved filing.
    LoadFiling => ("载入已备案信息", "Load the approved filing"),
    /// Text of the busy load button.
    LoadingFiling => ("正在载入…", "Loading…"),
    /// The approved filing was loaded (`{n}`: the filing number).
    FilingLoaded => ("已载入备案 {n} 的已备案信息，可在各步骤中修改。", "Loaded the approved data of {n}; edit it step by step."),
    /// The number is valid but not on this server: filed elsewhere (`{n}`).
    FilingNotHere => (
        "本服务商还没有 {n} 的备案记录（在其他接入商处备案）：请在下方填写已备案信息，导入后继续。",
        "This provider has no record of {n} (filed through another provider): type what the filing holds below to bring it in, then go on.",
    ),
    /// Submitting before the approved filing was loaded.
    FilingNotLoaded => ("请先填写备案号并载入已备案信息。", "Enter the filing number and load the approved filing first."),
    /// Heading of the import form (`{n}`: the subject's filing number).
    ImportHeading => ("导入在其他接入商处备案的 {n}", "Bring in {n}, filed through another provider"),
    /// What the import form is for.
    ImportIntro => (
        "填写主体证件类型、证件号码和名称，以及每个网站的备案号（-序号）和域名，与备案信息一致；备案密码填在下方。",
        "Type the subject's document type, document number and name, and each website's number (-N) and domains, as filed; the filing password goes below.",
    ),
    /// Label of a website's filing number in the import form.
    WebsiteFilingNumber => ("网站备案号", "Website's filing number"),
    /// Hint of the domains of a website in the import form.
    ImportDomainsHint => ("多个域名用空格、逗号或顿号分隔。", "Separate several domains with spaces or commas."),
    /// Button importing the filing.
    ImportSubmit => ("导入备案", "Bring the filing in"),
    /// Text of the busy import button.
    Importing => ("正在导入…", "Bringing it in…"),
    /// The import was refused.
    ImportRefused => ("服务器未接受导入，请按以下问题修改：", "The server refused the import; fix these problems:"),
    /// The import needs the subject's document type.
    ImportChooseType => ("请选择主体证件类型。", "Choose the subject's document type."),
    /// Heading of a cancellation's type and reason (002 #53).
    CancellationHeading => ("注销类型和原因", "Type and reason of the cancellation"),
    /// Label of the cancellation type.
    CancellationType => ("注销类型", "Type of cancellation"),
    /// Label of the cancellation reason.
    CancellationReason => ("注销原因", "Reason"),
    /// Hint of the cancellation reason.
    CancellationReasonHint => ("如“网站已停止使用”。", "For example: the website is no longer used."),
    /// The status page while the request is read.
    StatusLoading => ("正在读取申请状态…", "Reading the request's status…"),
    /// Button reading the status again.
    StatusRefresh => ("刷新状态", "Refresh"),
    /// Text of the busy refresh button.
    StatusRefreshing => ("正在刷新…", "Refreshing…"),
    /// Reading the status or withdrawing failed.
    StatusFailed => ("操作失败：", "That failed:"),
    /// Button withdrawing the request (撤回).
    Withdraw => ("撤回申请", "Withdraw the request"),
    /// The question before withdrawing.
    WithdrawQuestion => (
        "确定撤回此申请？撤回后申请结束，其中的域名和 IP 地址可以重新提交。",
        "Withdraw this request? It ends, and its domains and IP addresses are free to file again.",
    ),
    /// Button confirming the withdrawal.
    WithdrawConfirm => ("确定撤回", "Withdraw"),
    /// Button dismissing a question.
    Dismiss => ("不撤回", "Keep it"),
    /// Button forgetting the submitted request: an empty form.
    StartNew => ("开始新的备案", "Start a new filing"),
    /// Next: not submitted.
    NextDraft => ("申请尚未提交。", "The request is not submitted yet."),
    /// Next: provider verification (`{n}`: the providers still to verify).
    NextVerification => ("等待接入商核实：{n}。", "Waiting for the access provider to verify: {n}."),
    /// Next: the documents to hand in for the verification.
    NextDocuments => ("请按接入商的要求准备以下资料（含负责人现场拍照）：", "Hand in what the provider asks for (the verification photo included):"),
    /// Next: bureau review.
    NextReview => ("接入商已核实，管局审核中，目前无需操作。", "Verified by the provider; the bureau is reviewing it. Nothing to do for now."),
    /// Next: returned to the subject.
    NextReturnedToSubject => ("申请已退回，请按退回原因修改后重新提交。", "The request was returned: fix what the reason names and submit it again."),
    /// Next: returned to the provider.
    NextReturnedToProvider => ("申请已退回接入商修改，请等待接入商处理。", "The request was returned to the access provider, which fixes it."),
    /// Next: approved.
    NextApproved => ("备案已通过。备案号如下，请在网站首页底部展示。", "Approved. The filing numbers are below: show the website's at the bottom of its homepage."),
    /// Next: refused.
    NextRefused => ("管局不予备案，此申请已结束；如需备案，请修改后重新提交一份申请。", "The bureau refused the filing; this request has ended. To file, submit a new request."),
    /// Next: withdrawn.
    NextWithdrawn => ("申请已撤回，此申请已结束；其中的域名可以重新提交。", "The request was withdrawn and has ended; its domains are free to file again."),
    /// Next: revoked.
    NextRevoked => ("备案已被管局撤销，备案号已取消。", "The bureau revoked the filing; its number is withdrawn."),
    /// Before the reason of a return, refusal or revocation.
    Reason => ("原因：", "Reason:"),
    /// Label of the subject's filing number once approved.
    SubjectFilingNumber => ("主体备案号", "Subject's filing number"),
    /// Heading of a website's footer code once approved (`{n}`: the number).
    FooterHeading => ("网站底部的备案号：{n}", "The number for the website's footer: {n}"),
    /// What the footer code is for.
    FooterIntro => (
        "请把下面的代码放到网站首页底部居中的位置：它显示备案号，并链接到工信部备案网站。",
        "Put this code at the bottom centre of the website's home page: it shows the filing number, linked to the MIIT filing site.",
    ),
    /// Label of the footer code's text box.
    FooterCode => ("底部代码（HTML）", "Footer code (HTML)"),
    /// Button copying the footer code.
    FooterCopy => ("复制代码", "Copy the code"),
    /// The footer code was copied.
    FooterCopied => ("已复制。", "Copied."),
    /// The browser did not allow copying: the code is selected instead.
    FooterCopyManual => ("无法自动复制，代码已选中，请按 Ctrl+C（或 ⌘C）复制。", "Copying was not allowed: the code is selected, press Ctrl+C (or ⌘C)."),
    /// Heading of the uploads on the status page.
    UploadsHeading => ("上传材料扫描件", "Upload the documents' scans"),
    /// What the uploads take.
    UploadsIntro => (
        "每份材料上传 JPG、PNG 图片或 PDF 文件（按文件内容判断），最大 10 MB；选择文件后先在本机检查，再上传。",
        "Upload each document as a JPG or PNG image or a PDF (judged by its content), at most 10 MB; a file is checked on this computer first, then uploaded.",
    ),
    /// A website's own document (`{n}`: the website's domains).
    UploadForWebsite => ("（网站 {n}）", " (website {n})"),
    /// While a file is read and uploaded.
    Uploading => ("正在上传…", "Uploading…"),
    /// A file was uploaded (`{n}`: its name).
    UploadDone => ("已上传：{n}", "Uploaded: {n}"),
    /// Button removing an uploaded file.
    UploadRemove => ("删除", "Remove"),
    /// Label of the home page address the site check fetches.
    SiteCheckUrl => ("首页地址", "Home page address"),
    /// Button checking the website's home page.
    SiteCheck => ("检查我的网站", "Check my website"),
    /// While the site check runs.
    SiteChecking => ("正在检查网站首页…", "Checking the home page…"),
    /// The site check found nothing wrong (`{n}`: the page checked).
    SiteCheckOk => ("{n} 的首页底部显示了备案号，并已链接到工信部备案网站。", "The home page {n} shows the filing number at its bottom, linked to the MIIT filing site."),
    /// The site check found problems (`{n}`: the page checked).
    SiteCheckProblems => ("{n} 的首页需要修改：", "The home page {n} needs changes:"),
    /// Working days left to the review deadline (`{n}`).
    WorkingDaysLeft => ("剩余 {n} 个工作日。", "{n} working day(s) left."),
    /// Button opening a returned request in the form.
    EditReturned => ("修改后重新提交", "Edit and submit again"),
    /// Banner of a returned request in the form (`{n}`: the reason).
    ReturnedBanner => ("此申请已被退回，原因：{n}。请修改后重新提交。", "This request was returned: {n}. Fix it and submit it again."),
    /// Button going back from the form to the request's status.
    BackToStatus => ("返回申请状态", "Back to the request's status"),
    /// The filing has no approved data yet.
    FilingNotApproved => ("该备案尚未通过审核，还没有已备案信息；草稿未改动。", "This filing is not approved yet, so there is no approved data. The draft is unchanged."),
    /// Loading failed for another reason.
    LoadFailed => ("载入失败，草稿未改动：", "Loading failed; the draft is unchanged:"),
    /// Batch check page: “rows”.
    BatchRowsCount => ("行：", "rows: "),
    /// Batch check page: “ok”.
    BatchRowsOk => ("行无错误，", "ok, "),
    /// Batch check page: “with errors”.
    BatchRowsWithErrors => ("行有错误；", "with errors; "),
    /// Batch check page: “subjects”.
    BatchSubjectsCount => ("个主体", "subjects"),
    /// Batch check page: “By MIIT code”.
    BatchByCode => ("按 MIIT 代码：", "By MIIT code: "),
    /// Batch check page: “Batch check”.
    BatchHeading => ("批量检查", "Batch check"),
    /// Batch check page: “Choose or drop a batch import file (XLSX, CSV, JSON): it is checked in this page, never uploaded”.
    BatchIntro => ("选择或拖入批量导入文件（XLSX、CSV、JSON）：文件只在本页检查，不会上传。", "Choose or drop a batch import file (XLSX, CSV, JSON): it is checked in this page, never uploaded."),
    /// Batch check page: “Template”.
    BatchTemplate => ("模板：", "Template: "),
    /// Batch check page: “CSV encoding”.
    BatchCsvEncoding => ("CSV 编码", "CSV encoding"),
    /// Batch check page: “auto-detect”.
    BatchAutoDetect => ("自动识别", "auto-detect"),
    /// Batch check page: “Batch import file”.
    BatchFile => ("批量导入文件", "Batch import file"),
    /// Batch check page: “Progress”.
    BatchProgress => ("检查进度", "Progress"),
    /// Batch check page: “Filter the findings”.
    BatchFilterTheFindings => ("筛选结果", "Filter the findings"),
    /// Batch check page: “Filter: code, column, text”.
    BatchFilterCodeColumnText => ("筛选：代码、列、内容", "Filter: code, column, text"),
    /// Batch check page: “Severity”.
    BatchSeverity => ("严重程度", "Severity"),
    /// Batch check page: “all”.
    BatchAll => ("全部", "all"),
    /// Batch check page: “errors”.
    BatchErrors => ("错误", "errors"),
    /// Batch check page: “warnings”.
    BatchWarnings => ("警告", "warnings"),
    /// Batch check page: “Download CSV”.
    BatchDownloadCsv => ("下载 CSV", "Download CSV"),
    /// Batch check page: “shown; download the CSV for all”.
    BatchShownDownloadCsv => ("条已显示；全部结果请下载 CSV。", "shown; download the CSV for all."),
    /// Batch check page: “Row”.
    BatchRow => ("行", "Row"),
    /// Batch check page: “Col”.
    BatchCol => ("列", "Col"),
    /// Batch check page: “Field”.
    BatchField => ("字段", "Field"),
    /// Batch check page: “Code”.
    BatchCode => ("代码", "Code"),
    /// Batch check page: “Message”.
    BatchMessage => ("说明", "Message"),
}

impl Key {
    /// The placeholders the text must contain, in every language.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Key::DomainN
            | Key::RemoveDomainN
            | Key::NErrors
            | Key::StepSummary
            | Key::WebsiteN
            | Key::RemoveWebsiteN
            | Key::AccessN
            | Key::RemoveAccessN
            | Key::IpN
            | Key::RemoveIpN
            | Key::ReviewDeadline
            | Key::ReviewEstimated
            | Key::FilingLoaded
            | Key::FilingNotHere
            | Key::ImportHeading
            | Key::NextVerification
            | Key::WorkingDaysLeft
            | Key::ReturnedBanner
            | Key::ClosedSite
            | Key::FooterHeading
            | Key::SiteCheckOk
            | Key::SiteCheckProblems
            | Key::UploadForWebsite
            | Key::UploadDone => &["{n}"],
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

/// The review deadline of a submission, and the note that it is estimated
/// (with the years whose holiday schedule is not published), from the
/// server's `deadlines`; `None` without a review deadline.
///
/// ```
/// use beian_flow::Deadlines;
/// use beian_rules::Date;
/// use beian_web::i18n::{review_texts, Lang};
/// let deadlines = Deadlines {
///     review: Date::parse("2027-01-04"),
///     estimated: true,
///     estimated_years: vec![2027],
///     ..Deadlines::default()
/// };
/// let (due, note) = review_texts(Lang::En, &deadlines).unwrap();
/// assert_eq!(due, "The bureau reviews it by 2027-01-04: 20 working days from the submission.");
/// assert!(note.unwrap().starts_with("Estimated: the 2027 holiday schedule is not yet published"));
/// ```
pub fn review_texts(
    lang: Lang,
    deadlines: &beian_flow::Deadlines,
) -> Option<(String, Option<String>)> {
    let due = tn(lang, Key::ReviewDeadline, deadlines.review?);
    let years: Vec<String> = deadlines
        .estimated_years
        .iter()
        .map(u16::to_string)
        .collect();
    let note = (deadlines.estimated && !years.is_empty()).then(|| {
        let sep = match lang {
            Lang::ZhCn => "、",
            Lang::En => " and ",
        };
        tn(lang, Key::ReviewEstimated, years.join(sep))
    });
    Some((due, note))
}

/// The text of `key` in `lang` with `{n}` replaced by `n`.
pub fn tn(lang: Lang, key: Key, n: impl std::fmt::Display) -> String {
    t(lang, key).replace("{n}", &n.to_string())
}
