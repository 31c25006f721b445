//! Rules across the fields of a filing (RULES.md, cross-field rules). Each
//! rule fires on what is entered; what is missing is the business of
//! [`crate::completeness`].
//!
//! - Individual subjects (004 3; 004 其它 3–5): the responsible person is the
//!   filer; no forum or message board, shop, company content or commercial
//!   filing.
//! - Organisations (004 3): the responsible person is the legal
//!   representative or a person they authorised (authorisation letter),
//!   never an agent.
//! - Domain owner (002 #20, #30; 004 3): the owner on the domain certificate
//!   is the subject, else a domain authorisation letter; a commercial filing
//!   needs an exact match.
//! - Pre-approval (002 #41, 001 #8, 003 #2): each category needs its permit;
//!   an individual's education site needs none (001 其它 #15). A bulletin
//!   board needs a special filing (002 #41, 001 #10). E-commerce needs a
//!   commercial filing (004 其它 4).
//! - Server abroad (003 #10): server location and access provider are both
//!   `其它`; 000 #55: the location is where the server stands (a province).
//! - Dates (004 其它 6): verification form, agreement and photo carry the
//!   same date, not before the filing was created (nor after today). The
//!   seed says the dates "不能超前于…创建备案信息的时间" and advises
//!   "日期修改为最新的日期": a form dated before the filing data existed is
//!   stale, so the date may not be earlier than the creation. RULES.md's
//!   "not later than the filing's creation" reads 超前 the other way; this
//!   crate follows the seed's advice.
//! - Filing and licence numbers (002 #28, #29; 002 #14 / 1046).

use std::collections::HashMap;
use std::fmt::Display;

use crate::path::{
    AccessField, AttachmentField, FieldPath, Holder, PersonField, SubjectField, WebsiteField,
};

use crate::checklist::{self, categories, has, needs_pre_approval, owner_differs};
use crate::date::Date;
use crate::finding::{Finding, Message, Severity};
use crate::model::{
    Access, AttachmentKind, ContentCategory, Filing, Person, ResponsiblePersonRole, SubjectType,
    Website,
};
use crate::{division, filing_number, text, Options};

/// Values seen before, for "once per filing" rules: a short list searched
/// in order while small (most filings), a hash map beyond, so that a huge
/// filing stays linear.
pub(crate) struct Seen<K, V> {
    small: Vec<(K, V)>,
    large: HashMap<K, V>,
}

impl<K: Eq + std::hash::Hash + Clone, V: Copy> Seen<K, V> {
    const SMALL: usize = 16;

    pub(crate) fn new() -> Self {
        Seen {
            small: Vec::new(),
            large: HashMap::new(),
        }
    }

    /// The value first stored for `key`, or stores `value` and gives `None`.
    pub(crate) fn first_or_insert(&mut self, key: K, value: V) -> Option<V> {
        if self.large.is_empty() {
            if let Some((_, v)) = self.small.iter().find(|(k, _)| *k == key) {
                return Some(*v);
            }
            if self.small.len() < Self::SMALL {
                self.small.push((key, value));
                return None;
            }
            self.large.extend(self.small.drain(..));
        }
        match self.large.get(&key) {
            Some(v) => Some(*v),
            None => {
                self.large.insert(key, value);
                None
            }
        }
    }
}

/// The value of server location and provider for a server abroad (003 #10).
pub const ABROAD: &str = "其它";

/// Place names that mean "abroad" in a server location (003 #10: a server
/// outside the mainland is `其它`).
const ABROAD_PLACES: [&str; 16] = [
    "境外",
    "海外",
    "国外",
    "香港",
    "澳门",
    "台湾",
    "美国",
    "日本",
    "韩国",
    "新加坡",
    "德国",
    "英国",
    "法国",
    "加拿大",
    "俄罗斯",
    "其他",
];

fn error(rule: &str, code: Option<&str>, path: impl Display, zh: String, en: String) -> Finding {
    Finding::new(
        rule,
        code,
        &path.to_string(),
        Severity::Error,
        Message::new(zh, en),
    )
}

/// Same person: names equal (spaces, width ignored) and document numbers
/// equal once cleaned; an empty side does not count as a difference.
fn same_person(person: &Person, name: &str, number: &str) -> (bool, bool) {
    let names = person.name.trim().is_empty()
        || name.trim().is_empty()
        || text::same_name(&person.name, name);
    let clean = |s: &str| text::clean(s, &["身份证"], &['-']);
    let numbers = person.document_number.trim().is_empty()
        || number.trim().is_empty()
        || clean(&person.document_number) == clean(number);
    (names, numbers)
}

/// In an individual's filing the filer is the responsible person (004 3).
fn not_the_filer(rule: &str, path: impl Display, website: bool) -> Finding {
    let (zh_who, en_who) = if website {
        ("网站负责人", "the website's responsible person")
    } else {
        ("主体负责人", "the subject's responsible person")
    };
    error(
        rule,
        None,
        path,
        format!("个人备案的{zh_who}必须是主办者本人，不能授权给他人。"),
        format!(
            "In an individual's filing, {en_who} is the filer themself; no one else can be \
             authorised."
        ),
    )
}

fn individual_person(
    person: &Person,
    filing: &Filing,
    holder: Holder,
    website: bool,
    out: &mut Vec<Finding>,
) {
    let subject = &filing.subject;
    let (names, numbers) = same_person(person, &subject.name, &subject.document_number);
    let rule = if website {
        "individual.website_responsible_person"
    } else {
        "individual.responsible_person"
    };
    if !names {
        out.push(not_the_filer(
            rule,
            holder.person(PersonField::Name),
            website,
        ));
    } else if !numbers {
        out.push(not_the_filer(
            rule,
            holder.person(PersonField::DocumentNumber),
            website,
        ));
    }
}

/// What an individual may not file: 004 其它 3 (bulletin boards), 其它 4
/// (shops), 其它 5 (company content).
fn individual_content(category: ContentCategory, path: impl Display) -> Option<Finding> {
    let (rule, zh, en) = match category {
        ContentCategory::BulletinBoard => (
            "individual.bulletin_board",
            "个人只能备案没有留言板、讨论区、交流区的博客类网站。",
            "An individual may file only blog-like sites without message board, discussion or exchange \
             area.",
        ),
        ContentCategory::ECommerce => (
            "individual.e_commerce",
            "个人不能备案商城或购物网站：电子商务网站需要工商部门的许可，并做经营性备案。",
            "An individual cannot file a shop: an e-commerce site needs a business licence and a \
             commercial filing.",
        ),
        ContentCategory::Company => (
            "individual.company_content",
            "网站内容涉及企业的，即使没有公司字眼，也要用企业信息备案，不能用个人信息备案。",
            "A site with company content is filed by the company, even without the word “company” in \
             it, never by an individual.",
        ),
        _ => return None,
    };
    Some(error(rule, None, path, zh.into(), en.into()))
}

/// 004 其它 4, 001 #3.
fn individual_commercial(path: impl Display) -> Finding {
    error(
        "individual.commercial",
        None,
        path,
        "个人不能做经营性备案：经营性互联网信息服务须由单位申请增值电信业务经营许可证。".into(),
        "An individual cannot make a commercial filing: commercial services need a value-added \
         telecom licence, which organisations apply for."
            .into(),
    )
}

/// 004 3.
fn agent(path: impl Display) -> Finding {
    error(
        "organisation.agent_not_allowed",
        None,
        path,
        "主体负责人应为法人或法人授权的本单位负责人，法人不能授权给代理商。".into(),
        "The responsible person is the legal representative or a person of the organisation they \
         authorised; an agent cannot be authorised."
            .into(),
    )
}

/// 004 3.
fn authorisation_letter(path: impl Display) -> Finding {
    error(
        "organisation.authorisation_letter_required",
        None,
        path,
        "主体负责人不是法人时，需上传法人授权书。".into(),
        "When the responsible person is not the legal representative, attach the legal \
         representative's authorisation letter."
            .into(),
    )
}

/// 002 #30.
fn owner_commercial(path: impl Display) -> Finding {
    error(
        "domain_owner.commercial_mismatch",
        None,
        path,
        "经营性备案的域名证书所有人必须与主办单位名称完全一致，域名证书是公司法人也不可以。".into(),
        "In a commercial filing, the owner on the domain certificate must be the subject's name \
         exactly; not even the legal representative will do."
            .into(),
    )
}

/// 002 #20; the letter, from the owner to the subject: 004 3.
fn owner_letter(path: impl Display) -> Finding {
    error(
        "domain_owner.authorisation_letter_required",
        None,
        path,
        "域名注册信息必须与备案信息一致：域名所有者与主办单位不一致时，需上传域名授权书，授权人为域名所有者，被授权人为主办单位。".into(),
        "The domain registration must match the filing: when the domain owner is not the \
         subject, attach a domain authorisation letter from the owner to the subject."
            .into(),
    )
}

/// 002 #20.
fn owner_legal_representative(path: impl Display) -> Finding {
    Finding::new(
        "domain_owner.legal_representative",
        None,
        &path.to_string(),
        Severity::Warning,
        Message::new(
            "域名所有者是法人本人：非经营性的单位备案只有个别省份接受，否则请上传域名授权书或把域名过户到单位名下。",
            "The domain owner is the legal representative: only some provinces accept this for an \
             organisation's non-commercial filing; otherwise attach a domain authorisation letter or \
             transfer the domain to the organisation.",
        ),
    )
}

/// 002 #41, 001 #8.
fn permit_required(path: impl Display, category: ContentCategory) -> Finding {
    let permit = checklist::permit(category).unwrap_or_else(|| Message::new("", ""));
    error(
        "pre_approval.permit_required",
        None,
        path,
        format!("此类内容须先办理前置审批，并填写{}的编号。", permit.zh_cn),
        format!(
            "This content needs a pre-approval first: enter the number of {}.",
            permit.en
        ),
    )
}

/// 002 #41, 001 #10.
fn bulletin_board(path: impl Display) -> Finding {
    error(
        "bulletin_board.special_filing_required",
        None,
        path,
        "开办电子公告服务（论坛、BBS、留言板等）须提交电子公告服务专项备案材料（经营性备案为增值电信业务经营许可证），请在前置审批中填写其编号。".into(),
        "A bulletin board (forum, BBS, message board) needs the bulletin-board special filing (for a \
         commercial filing, the value-added telecom licence): enter its number as a pre-approval."
            .into(),
    )
}

/// 004 其它 4.
fn e_commerce(path: impl Display) -> Finding {
    error(
        "website.e_commerce_not_commercial",
        None,
        path,
        "商城、购物等电子商务网站需要做经营性备案。".into(),
        "A shop (e-commerce site) needs a commercial filing.".into(),
    )
}

/// 003 #10.
fn abroad(rule: &str, path: impl Display, other_zh: &str, other_en: &str) -> Finding {
    error(
        rule,
        None,
        path,
        format!("服务器在境外时，“服务器放置地点”和“接入服务提供单位名称”都选择“其它”；{other_zh}已是“其它”。"),
        format!(
            "For a server abroad, both the server location and the access provider are “其它” \
             (other); the {other_en} already is."
        ),
    )
    .with_suggestion(ABROAD)
}

/// 000 #55, 003 #10.
fn server_location(path: impl Display, suggestion: Option<String>) -> Finding {
    let f = error(
        "access.server_location",
        Some("5001"),
        path,
        "服务器放置地点填写服务器所在的省份代码（如 110000），服务器在境外的选择“其它”。".into(),
        "The server location is the province code where the server stands (e.g. 110000), or “其它” \
         for a server abroad."
            .into(),
    );
    match suggestion {
        Some(s) => f.with_suggestion(s),
        None => f,
    }
}

/// 004 其它 6.
fn dates_differ(path: impl Display, first: Date) -> Finding {
    error(
        "documents.dates_differ",
        None,
        path,
        format!("核验单、协议书、照片的日期要同一天（{first}）。"),
        format!("The verification form, agreement and photo carry the same date ({first})."),
    )
}

/// 004 其它 6.
fn date_before_creation(path: impl Display, created: Date) -> Finding {
    error(
        "documents.date_before_creation",
        None,
        path,
        format!(
            "核验单、协议书、照片的日期不能早于创建备案信息的日期 {created}，建议改为最新的日期。"
        ),
        format!(
            "The verification form, agreement and photo may not be dated before the filing was \
             created ({created}); use the latest date."
        ),
    )
}

fn date_in_future(path: impl Display, today: Date) -> Finding {
    error(
        "documents.date_in_future",
        None,
        path,
        format!("材料日期晚于今天（{today}）。"),
        format!("The document is dated after today ({today})."),
    )
}

/// 002 #28.
fn filing_number_site(path: impl Display, subject_number: &str) -> Finding {
    Finding::new(
        "subject.filing_number_site",
        None,
        &path.to_string(),
        Severity::Warning,
        Message::new(
            format!("这是网站备案号（带“-序号”）；主体备案号为 {subject_number}。"),
            format!(
                "This is a website's number (with -N); the subject's number is {subject_number}."
            ),
        ),
    )
    .with_suggestion(subject_number)
}

/// 002 #14: a change cannot move the subject (the filing system returns
/// 1046).
fn filing_number_province(path: impl Display, abbreviation: char, province: &str) -> Finding {
    Finding::new(
        "subject.filing_number_province",
        None,
        &path.to_string(),
        Severity::Warning,
        Message::new(
            format!("备案号由“{abbreviation}”（{province}）管局发放，与主体所在省不同；变更备案不能改变主体所在省。"),
            format!(
                "The filing number was issued by the {abbreviation} ({province}) bureau, not the \
                 subject's province; a change cannot move the subject to another province."
            ),
        ),
    )
}

/// A website's filing number (002 #28): the subject's number and `-N`.
/// Warnings: the bureau gives these numbers, so a mistake here is ours to
/// point out, not one the filing system rejects.
fn website_number(filing: &Filing, website: &Website, path: FieldPath, out: &mut Vec<Finding>) {
    let found = filing_number::findings(&website.filing_number, &path.to_string());
    if !found.is_empty() {
        out.extend(found);
        return;
    }
    let Ok(number) = filing_number::validate(&website.filing_number) else {
        return;
    };
    if number.site().is_none() {
        out.push(website_number_site(path));
        return;
    }
    if let Ok(subject) = filing_number::validate(&filing.subject.filing_number) {
        if subject.subject_number() != number.subject_number() {
            out.push(website_number_subject(path, &subject.subject_number()));
        }
    }
}

/// 002 #28: a website's number ends in `-N`.
fn website_number_site(path: impl Display) -> Finding {
    Finding::new(
        "website.filing_number_site",
        None,
        &path.to_string(),
        Severity::Warning,
        Message::new(
            "网站备案号是主体备案号加“-序号”，如 京ICP备12345678号-1。",
            "A website's filing number is the subject's number and -N, e.g. 京ICP备12345678号-1.",
        ),
    )
}

/// 002 #28: a website's number starts with its subject's.
fn website_number_subject(path: impl Display, subject_number: &str) -> Finding {
    Finding::new(
        "website.filing_number_subject",
        None,
        &path.to_string(),
        Severity::Warning,
        Message::new(
            format!("网站备案号应以主体备案号 {subject_number} 开头。"),
            format!("A website's filing number starts with the subject's number {subject_number}."),
        ),
    )
}

/// 002 #29.
fn licence_kind(path: impl Display) -> Finding {
    error(
        "subject.licence_number_kind",
        Some("5001"),
        path,
        "经营许可证号的格式为“省简称+B2-+序号”，如 浙B2-20040180。".into(),
        "A commercial licence number reads abbreviation + B2- + serial, e.g. 浙B2-20040180.".into(),
    )
}

/// The subject's own rules: responsible person, role, numbers, dates.
pub(crate) fn subject(filing: &Filing, options: &Options, out: &mut Vec<Finding>) {
    let subject = &filing.subject;
    let individual = subject.subject_type == SubjectType::Individual;
    if individual {
        individual_person(
            &subject.responsible_person,
            filing,
            Holder::Subject,
            false,
            out,
        );
        if subject.commercial {
            out.push(individual_commercial(FieldPath::subject(
                SubjectField::Commercial,
            )));
        }
    } else {
        match subject.responsible_person_role {
            Some(ResponsiblePersonRole::Agent) => out.push(agent(FieldPath::subject(
                SubjectField::ResponsiblePersonRole,
            ))),
            Some(ResponsiblePersonRole::Authorised)
                if !has(&subject.documents, AttachmentKind::AuthorisationLetter) =>
            {
                out.push(authorisation_letter(FieldPath::subject(
                    SubjectField::Documents,
                )))
            }
            _ => {}
        }
    }
    if !subject.licence_number.trim().is_empty() {
        // A licence number gets the licence's format in its message, not
        // the filing number's (issue 17); only the canonical form of a
        // valid licence number is the number rules' own finding.
        let path = FieldPath::subject(SubjectField::LicenceNumber);
        match filing_number::validate(&subject.licence_number) {
            Ok(n) if n.kind() == filing_number::Kind::Commercial => out.extend(
                filing_number::findings(&subject.licence_number, &path.to_string()),
            ),
            _ => out.push(licence_kind(path)),
        }
    }
    if !subject.filing_number.trim().is_empty() {
        let path = FieldPath::subject(SubjectField::FilingNumber);
        out.extend(filing_number::findings(
            &subject.filing_number,
            &path.to_string(),
        ));
        if let Ok(number) = filing_number::validate(&subject.filing_number) {
            if number.site().is_some() {
                out.push(filing_number_site(path, &number.subject_number()));
            }
            let province = subject.province.trim().parse::<u32>().ok();
            if province.is_some_and(|p| p / 10000 != number.province().code / 10000) {
                out.push(filing_number_province(
                    path,
                    number.abbreviation(),
                    number.province().name,
                ));
            }
        }
    }
    document_dates(filing, options, out);
}

/// 004 其它 6 on the dated documents.
fn document_dates(filing: &Filing, options: &Options, out: &mut Vec<Finding>) {
    let mut first: Option<Date> = None;
    for (k, doc) in filing.subject.documents.iter().enumerate() {
        let (Some(kind), Some(date)) = (doc.kind, doc.date) else {
            continue;
        };
        if !checklist::is_dated(kind) {
            continue;
        }
        let path = Holder::Subject.document(k, AttachmentField::Date);
        match first {
            None => first = Some(date),
            Some(f) if f != date => out.push(dates_differ(path, f)),
            Some(_) => {}
        }
        if let Some(created) = filing.subject.filing_created_on {
            if date < created {
                out.push(date_before_creation(path, created));
            }
        }
        if let Some(today) = options.today {
            if date > today {
                out.push(date_in_future(path, today));
            }
        }
    }
}

/// A website's rules: individual restrictions, domain owner, pre-approval,
/// bulletin board, e-commerce.
pub(crate) fn website(filing: &Filing, i: usize, website: &Website, out: &mut Vec<Finding>) {
    let subject = &filing.subject;
    let at = |f| FieldPath::website(i, f);
    let individual = subject.subject_type == SubjectType::Individual;
    if individual {
        individual_person(
            &website.responsible_person,
            filing,
            Holder::Website(i),
            true,
            out,
        );
    }
    if owner_differs(filing, website) && !subject.name.trim().is_empty() {
        let path = at(WebsiteField::DomainOwner);
        let legal_representative = !individual
            && subject.responsible_person_role == Some(ResponsiblePersonRole::LegalRepresentative)
            && text::same_name(&website.domain_owner, &subject.responsible_person.name);
        if subject.commercial {
            out.push(owner_commercial(path));
        } else if !has(
            &website.documents,
            AttachmentKind::DomainAuthorisationLetter,
        ) {
            out.push(if legal_representative {
                owner_legal_representative(path)
            } else {
                owner_letter(path)
            });
        }
    }
    if !website.filing_number.trim().is_empty() {
        website_number(filing, website, at(WebsiteField::FilingNumber), out);
    }
    let category_path = |k: usize| {
        if k < website.content_categories.len() {
            at(WebsiteField::ContentCategory(k))
        } else {
            at(WebsiteField::BulletinBoard)
        }
    };
    let approved = |c: ContentCategory| {
        website
            .pre_approvals
            .iter()
            .any(|p| p.category == Some(c) && !p.permit_number.trim().is_empty())
    };
    let mut seen: Vec<ContentCategory> = Vec::new();
    for (k, category) in categories(website).enumerate() {
        if seen.contains(&category) {
            continue;
        }
        seen.push(category);
        let path = category_path(k);
        if individual {
            if let Some(f) = individual_content(category, path) {
                out.push(f);
                continue;
            }
        }
        match category {
            ContentCategory::BulletinBoard => {
                let licensed = subject.commercial && !subject.licence_number.trim().is_empty();
                if !approved(category) && !licensed {
                    out.push(bulletin_board(path));
                }
            }
            ContentCategory::ECommerce if !subject.commercial => out.push(e_commerce(path)),
            c if needs_pre_approval(c, subject.subject_type) && !approved(c) => {
                out.push(permit_required(path, c));
            }
            _ => {}
        }
    }
}

/// Where an access IP was first listed: website, entry, address.
pub(crate) type IpSeen = Seen<std::net::IpAddr, (usize, usize, usize)>;

/// A website's access entries' rules: IPs (with 1040 across the whole
/// filing, `seen` carries the addresses of the websites before), server
/// location, abroad.
pub(crate) fn access(website: &Website, i: usize, seen: &mut IpSeen, out: &mut Vec<Finding>) {
    for (j, entry) in website.access.iter().enumerate() {
        access_entry(entry, i, j, out);
        for (k, ip) in entry.ips.iter().enumerate() {
            let ip_path = FieldPath::access(i, j, AccessField::Ip(k));
            let result = crate::ip::validate(ip);
            let found = crate::ip::result_findings(ip, &result, "");
            if !found.is_empty() {
                let path = ip_path.to_string();
                out.extend(found.into_iter().map(|f| Finding {
                    path: path.clone(),
                    ..f
                }));
            }
            if let Ok(addr) = result {
                if let Some((fi, fj, fk)) = seen.first_or_insert(addr, (i, j, k)) {
                    let first = FieldPath::access(fi, fj, AccessField::Ip(fk)).to_string();
                    out.push(crate::ip::duplicate(&ip_path.to_string(), &first, &addr));
                }
            }
        }
    }
}

fn access_entry(entry: &Access, i: usize, j: usize, out: &mut Vec<Finding>) {
    let location = entry.server_location.trim();
    let provider = entry.provider.trim();
    let bad_location = !location.is_empty()
        && location != ABROAD
        && !(location.len() == 6
            && location.bytes().all(|b| b.is_ascii_digit())
            && location.parse::<u32>().is_ok_and(|c| {
                filing_number::province_of_code(c).is_some() || division::current(c).is_some()
            }));
    let abroad_provider = location == ABROAD && !provider.is_empty() && provider != ABROAD;
    let abroad_location = provider == ABROAD && !location.is_empty() && location != ABROAD;
    if !(bad_location || abroad_provider || abroad_location) {
        return;
    }
    let location_path = FieldPath::access(i, j, AccessField::ServerLocation);
    if bad_location {
        let suggestion = if ABROAD_PLACES.iter().any(|p| location.contains(p)) {
            Some(ABROAD.to_string())
        } else {
            filing_number::PROVINCES
                .iter()
                .find(|p| location.starts_with(p.name))
                .map(|p| p.code.to_string())
        };
        out.push(server_location(location_path, suggestion));
    }
    if abroad_provider {
        out.push(abroad(
            "access.abroad_provider",
            FieldPath::access(i, j, AccessField::Provider),
            "服务器放置地点",
            "server location",
        ));
    }
    if abroad_location {
        out.push(abroad(
            "access.abroad_location",
            location_path,
            "接入服务提供单位",
            "access provider",
        ));
    }
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let today = Date::new(2026, 1, 1).unwrap_or_else(|| unreachable!());
    vec![
        not_the_filer("individual.responsible_person", "", false),
        not_the_filer("individual.website_responsible_person", "", true),
        individual_content(ContentCategory::BulletinBoard, "").unwrap_or_else(|| unreachable!()),
        individual_content(ContentCategory::ECommerce, "").unwrap_or_else(|| unreachable!()),
        individual_content(ContentCategory::Company, "").unwrap_or_else(|| unreachable!()),
        individual_commercial(""),
        agent(""),
        authorisation_letter(""),
        owner_commercial(""),
        owner_letter(""),
        owner_legal_representative(""),
        permit_required("", ContentCategory::News),
        bulletin_board(""),
        e_commerce(""),
        abroad(
            "access.abroad_provider",
            "",
            "服务器放置地点",
            "server location",
        ),
        abroad(
            "access.abroad_location",
            "",
            "接入服务提供单位",
            "access provider",
        ),
        server_location("", None),
        dates_differ("", today),
        date_before_creation("", today),
        date_in_future("", today),
        filing_number_site("", "京ICP备09051301号"),
        filing_number_province("", '京', "北京"),
        website_number_site(""),
        website_number_subject("", "京ICP备09051301号"),
        licence_kind(""),
    ]
}

#[cfg(test)]
mod tests {
    use crate::{check_with, Date, Filing, Options};

    fn options() -> Options {
        Options {
            today: Date::new(2026, 11, 25),
        }
    }

    /// The rules and paths `check_with` finds once `edit` has changed the
    /// correct filing `base` (JSON).
    fn found(base: &str, edit: impl FnOnce(&mut serde_json::Value)) -> Vec<(String, String)> {
        let mut value: serde_json::Value = serde_json::from_str(base).unwrap();
        edit(&mut value);
        let filing = Filing::from_json(&value.to_string()).unwrap();
        check_with(&filing, &options())
            .into_iter()
            .map(|f| (f.rule, f.path))
            .collect()
    }

    fn one(rule: &str, path: &str) -> Vec<(String, String)> {
        vec![(rule.to_string(), path.to_string())]
    }

    use crate::tests::{ENTERPRISE, INDIVIDUAL};
    use serde_json::json;

    /// 004 3: an individual's responsible persons are the filer themself.
    #[test]
    fn seed_004_3_individual_is_the_responsible_person() {
        let f = found(INDIVIDUAL, |v| {
            v["subject"]["responsiblePerson"]["name"] = json!("李四")
        });
        assert_eq!(
            f,
            one(
                "individual.responsible_person",
                "/subject/responsiblePerson/name"
            )
        );
        let f = found(INDIVIDUAL, |v| {
            v["websites"][0]["responsiblePerson"]["documentNumber"] = json!("110105194912310021")
        });
        // The number is also wrong in itself (1015).
        assert!(f.contains(&(
            "individual.website_responsible_person".into(),
            "/websites/0/responsiblePerson/documentNumber".into()
        )));
    }

    /// 004 其它 3–5: no bulletin board, shop, company content or commercial
    /// filing for an individual.
    #[test]
    fn seed_004_other_3_to_5_individual_content() {
        let f = found(INDIVIDUAL, |v| {
            v["websites"][0]["bulletinBoard"] = json!(true)
        });
        assert_eq!(
            f,
            one("individual.bulletin_board", "/websites/0/bulletinBoard")
        );
        let f = found(INDIVIDUAL, |v| {
            v["websites"][0]["contentCategories"] = json!(["e_commerce", "company"])
        });
        assert_eq!(
            f,
            [
                (
                    "individual.e_commerce".to_string(),
                    "/websites/0/contentCategories/0".to_string()
                ),
                (
                    "individual.company_content".to_string(),
                    "/websites/0/contentCategories/1".to_string()
                )
            ]
        );
        let f = found(INDIVIDUAL, |v| v["subject"]["commercial"] = json!(true));
        assert_eq!(f, one("individual.commercial", "/subject/commercial"));
    }

    /// 004 3: an organisation's responsible person is the legal
    /// representative or authorised by them (letter), never an agent.
    #[test]
    fn seed_004_3_organisation_responsible_person() {
        let f = found(ENTERPRISE, |v| {
            v["subject"]["responsiblePersonRole"] = json!("agent")
        });
        assert_eq!(
            f,
            one(
                "organisation.agent_not_allowed",
                "/subject/responsiblePersonRole"
            )
        );
        let f = found(ENTERPRISE, |v| {
            v["subject"]["documents"].as_array_mut().unwrap().remove(2);
        });
        assert_eq!(
            f,
            one(
                "organisation.authorisation_letter_required",
                "/subject/documents"
            )
        );
        let f = found(ENTERPRISE, |v| {
            v["subject"]["documents"].as_array_mut().unwrap().remove(2);
            v["subject"]["responsiblePersonRole"] = json!("legal_representative");
        });
        assert!(f.is_empty(), "{f:?}");
    }

    /// 002 #20, #30; 004 3: the domain owner is the subject; otherwise a
    /// domain authorisation letter, and never for a commercial filing.
    #[test]
    fn seed_002_20_30_domain_owner() {
        let f = found(INDIVIDUAL, |v| {
            v["websites"][0]["domainOwner"] = json!("李四")
        });
        assert_eq!(
            f,
            one(
                "domain_owner.authorisation_letter_required",
                "/websites/0/domainOwner"
            )
        );
        let f = found(INDIVIDUAL, |v| {
            v["websites"][0]["domainOwner"] = json!("李四");
            v["websites"][0]["documents"] = json!([{"kind": "domain_authorisation_letter"}]);
        });
        assert!(f.is_empty(), "{f:?}");
        // Full-width brackets and spaces do not make a difference.
        let f = found(ENTERPRISE, |v| {
            v["websites"][0]["domainOwner"] = json!(" 深圳市某某科技有限公司 ")
        });
        assert!(f.is_empty(), "{f:?}");
        let f = found(ENTERPRISE, |v| {
            v["websites"][0]["domainOwner"] = json!("李四");
            v["websites"][0]["documents"] = json!([{"kind": "domain_authorisation_letter"}]);
        });
        assert_eq!(
            f,
            one(
                "domain_owner.commercial_mismatch",
                "/websites/0/domainOwner"
            )
        );
        let f = found(ENTERPRISE, |v| {
            v["subject"]["commercial"] = json!(false);
            v["subject"]["licenceNumber"] = json!("");
            v["websites"][0]["contentCategories"] = json!(["news"]);
            v["websites"][0]["bulletinBoard"] = json!(false);
            v["subject"]["responsiblePersonRole"] = json!("legal_representative");
            v["websites"][0]["domainOwner"] = json!("李四");
        });
        assert_eq!(
            f,
            one(
                "domain_owner.legal_representative",
                "/websites/0/domainOwner"
            )
        );
    }

    /// 002 #41, 001 #8, 003 #2: pre-approval categories need their permit;
    /// 001 其它 #15: an individual's education site needs none.
    #[test]
    fn seed_002_41_pre_approval() {
        let f = found(ENTERPRISE, |v| v["websites"][0]["preApprovals"] = json!([]));
        assert_eq!(
            f,
            one(
                "pre_approval.permit_required",
                "/websites/0/contentCategories/0"
            )
        );
        let f = found(ENTERPRISE, |v| {
            v["websites"][0]["preApprovals"] = json!([{"category": "news", "permitNumber": " "}])
        });
        assert_eq!(
            f,
            one(
                "pre_approval.permit_required",
                "/websites/0/contentCategories/0"
            )
        );
        let f = found(ENTERPRISE, |v| {
            v["websites"][0]["contentCategories"] = json!(["news", "education", "medical"])
        });
        assert_eq!(
            f,
            [
                (
                    "pre_approval.permit_required".to_string(),
                    "/websites/0/contentCategories/1".to_string()
                ),
                (
                    "pre_approval.permit_required".to_string(),
                    "/websites/0/contentCategories/2".to_string()
                )
            ]
        );
        // The individual filing declares education: no pre-approval.
        assert!(found(INDIVIDUAL, |_| {}).is_empty());
    }

    /// 002 #41, 001 #10: a bulletin board needs a special filing (or, for a
    /// commercial filing, its licence); 004 其它 4: a shop is commercial.
    #[test]
    fn seed_002_41_bulletin_board_and_004_other_4_shop() {
        let f = found(ENTERPRISE, |v| {
            v["subject"]["commercial"] = json!(false);
            v["subject"]["licenceNumber"] = json!("");
        });
        assert_eq!(
            f,
            [
                (
                    "website.e_commerce_not_commercial".to_string(),
                    "/websites/0/contentCategories/1".to_string()
                ),
                (
                    "bulletin_board.special_filing_required".to_string(),
                    "/websites/0/bulletinBoard".to_string()
                )
            ]
        );
        let f = found(ENTERPRISE, |v| {
            v["subject"]["commercial"] = json!(false);
            v["subject"]["licenceNumber"] = json!("");
            v["websites"][0]["contentCategories"] = json!(["news"]);
            v["websites"][0]["preApprovals"]
                .as_array_mut()
                .unwrap()
                .push(json!({"category": "bulletin_board", "permitNumber": "浙电公告备2026001号"}));
        });
        assert!(f.is_empty(), "{f:?}");
    }

    /// 003 #10: a server abroad has 其它 as location and provider.
    #[test]
    fn seed_003_10_server_abroad() {
        let f = found(ENTERPRISE, |v| {
            v["websites"][0]["access"][1]["provider"] = json!("某海外云")
        });
        assert_eq!(
            f,
            one("access.abroad_provider", "/websites/0/access/1/provider")
        );
        let f = found(ENTERPRISE, |v| {
            v["websites"][0]["access"][1]["serverLocation"] = json!("香港")
        });
        assert_eq!(
            f,
            [
                (
                    "access.server_location".to_string(),
                    "/websites/0/access/1/serverLocation".to_string()
                ),
                (
                    "access.abroad_location".to_string(),
                    "/websites/0/access/1/serverLocation".to_string()
                )
            ]
        );
        let mut value: serde_json::Value = serde_json::from_str(ENTERPRISE).unwrap();
        value["websites"][0]["access"][0]["serverLocation"] = json!("广东省");
        let filing = Filing::from_json(&value.to_string()).unwrap();
        let f = check_with(&filing, &options());
        assert_eq!(f[0].suggestion.as_deref(), Some("440000"));
    }

    /// 004 其它 6: verification form, agreement and photo on the same day,
    /// not before the filing was created.
    #[test]
    fn seed_004_other_6_document_dates() {
        let f = found(INDIVIDUAL, |v| {
            v["subject"]["documents"][4]["date"] = json!("2026-11-22")
        });
        assert_eq!(
            f,
            one("documents.dates_differ", "/subject/documents/4/date")
        );
        let f = found(INDIVIDUAL, |v| {
            v["subject"]["filingCreatedOn"] = json!("2026-11-22")
        });
        assert_eq!(
            f.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>(),
            ["documents.date_before_creation"; 3]
        );
        let f = found(INDIVIDUAL, |v| {
            for k in 2..5 {
                v["subject"]["documents"][k]["date"] = json!("2026-12-01");
            }
        });
        assert_eq!(f.len(), 3);
        assert!(f.iter().all(|(r, _)| r == "documents.date_in_future"));
    }

    /// 002 #28, #29; 002 #14 (1046): the subject's numbers.
    #[test]
    fn seed_002_28_29_subject_numbers() {
        let f = found(ENTERPRISE, |v| {
            v["subject"]["filingNumber"] = json!("粤ICP备2021012345号-2")
        });
        assert_eq!(
            f,
            one("subject.filing_number_site", "/subject/filingNumber")
        );
        let f = found(ENTERPRISE, |v| {
            v["subject"]["filingNumber"] = json!("京ICP备09051301号")
        });
        assert_eq!(
            f,
            one("subject.filing_number_province", "/subject/filingNumber")
        );
        let f = found(ENTERPRISE, |v| {
            v["subject"]["licenceNumber"] = json!("粤ICP备2021012345号")
        });
        assert_eq!(
            f,
            one("subject.licence_number_kind", "/subject/licenceNumber")
        );
        let f = found(ENTERPRISE, |v| {
            v["subject"]["licenceNumber"] = json!("粤B2-2009005")
        });
        // The licence's own format message, not the filing number's
        // (issue 17).
        assert_eq!(
            f,
            one("subject.licence_number_kind", "/subject/licenceNumber")
        );
    }

    /// 002 #28: a website's number is its subject's number and `-N`.
    #[test]
    fn seed_002_28_website_numbers() {
        let numbered = |subject: &str, website: &str| {
            found(ENTERPRISE, |v| {
                v["subject"]["filingNumber"] = json!(subject);
                v["websites"][0]["filingNumber"] = json!(website);
            })
        };
        assert_eq!(numbered("粤ICP备2021012345号", "粤ICP备2021012345号-3"), []);
        assert_eq!(
            numbered("粤ICP备2021012345号", "粤ICP备2021012345号"),
            one("website.filing_number_site", "/websites/0/filingNumber")
        );
        assert_eq!(
            numbered("粤ICP备2021012345号", "粤ICP备2021099999号-1"),
            one("website.filing_number_subject", "/websites/0/filingNumber")
        );
        assert_eq!(
            numbered("", "粤B2-2009005"),
            one("filing_number.serial", "/websites/0/filingNumber")
        );
    }
}
