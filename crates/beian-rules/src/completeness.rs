//! 5001 (数据文件格式不符合接口 XSD 规范, 002 #17: 查看主体信息和网站信息中是否
//! 有缺字段或填写错误): the fields a submission must have, and the lengths
//! and characters every text field must keep.
//!
//! The format checks run in every check ([`crate::check_with`]): it looks only at
//! what is entered. [`required`] lists what is missing and runs on
//! submission ([`crate::check_submission`]), so that a draft being typed is
//! not covered in "required" findings.
//!
//! Length limits are this product's, generous enough for any real value
//! (the MIIT interface schema is not public); control characters cannot be
//! carried by the XML data file at all.

use crate::checklist;
use crate::finding::{Finding, Message, Severity};
use crate::model::{Filing, Person, SubjectType};
use crate::path::{
    AccessField, AttachmentField, FieldPath, Holder, PersonField, PreApprovalField, SubjectField,
    WebsiteField,
};

/// The length limit of a text field, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLimit {
    /// The field, in words (`"website name"`).
    pub field: &'static str,
    /// The most characters it holds.
    pub max: usize,
}

/// The subject's name.
pub const SUBJECT_NAME: TextLimit = TextLimit {
    field: "subject name",
    max: 100,
};
/// The subject's address.
pub const ADDRESS: TextLimit = TextLimit {
    field: "address",
    max: 200,
};
/// A responsible person's name.
pub const PERSON_NAME: TextLimit = TextLimit {
    field: "person name",
    max: 50,
};
/// A website's name.
pub const WEBSITE_NAME: TextLimit = TextLimit {
    field: "website name",
    max: 50,
};
/// An access entry's provider.
pub const ACCESS_PROVIDER: TextLimit = TextLimit {
    field: "access provider",
    max: 100,
};
/// A website's domain owner.
pub const DOMAIN_OWNER: TextLimit = TextLimit {
    field: "domain owner",
    max: 100,
};
/// A pre-approval's permit number.
pub const PERMIT_NUMBER: TextLimit = TextLimit {
    field: "permit number",
    max: 64,
};
/// A website's homepage.
pub const DOMAIN_OR_URL: TextLimit = TextLimit {
    field: "domain or URL",
    max: 2048,
};

/// Every text field's length limit. Each check passes its field's limit,
/// not a name to look up, so that a build that checks one field (the npm
/// entry `beian/domain`) links none of the others.
pub const LIMITS: [TextLimit; 8] = [
    SUBJECT_NAME,
    ADDRESS,
    PERSON_NAME,
    WEBSITE_NAME,
    ACCESS_PROVIDER,
    DOMAIN_OWNER,
    PERMIT_NUMBER,
    DOMAIN_OR_URL,
];

fn too_long(path: &str, max: usize) -> Finding {
    Finding::new(
        "text.too_long",
        Some("5001"),
        path,
        Severity::Error,
        Message::new(
            format!("内容过长：最多 {max} 个字符。"),
            format!("Too long: at most {max} characters."),
        ),
    )
}

fn control(path: &str) -> Finding {
    Finding::new(
        "text.control_characters",
        Some("5001"),
        path,
        Severity::Error,
        Message::new(
            "内容含有换行、制表符等控制字符，备案数据文件无法包含，请删除。",
            "The text holds line breaks, tabs or other control characters, which the filing's data \
             file cannot carry: remove them.",
        ),
    )
}

/// The length and character findings (5001) of one text field, `limit`
/// its length limit (one of [`LIMITS`]): the one function behind both the
/// whole-filing check ([`crate::check_with`]) and the check of the same
/// field on its own ([`crate::check_field`]), so that the two agree.
///
/// ```
/// use beian_rules::completeness::{text_findings, WEBSITE_NAME};
/// let long = "网".repeat(51);
/// let found = text_findings(&long, WEBSITE_NAME, "/websites/0/name");
/// assert_eq!(found[0].rule, "text.too_long");
/// assert!(text_findings("张三的读书笔记", WEBSITE_NAME, "").is_empty());
/// ```
pub fn text_findings(value: &str, limit: TextLimit, path: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    text(value, limit, path, &mut out);
    out
}

/// Checks one text field's length and characters.
fn text(value: &str, limit: TextLimit, path: impl std::fmt::Display, out: &mut Vec<Finding>) {
    if value.is_empty() {
        return;
    }
    let control_chars = value.chars().any(char::is_control);
    let max = limit.max;
    // Byte length bounds the character count from above: no count for
    // short text.
    let long = value.len() > max && value.chars().count() > max;
    if control_chars || long {
        let path = path.to_string();
        if control_chars {
            out.push(control(&path));
        }
        if long {
            out.push(too_long(&path, max));
        }
    }
}

fn person_formats(person: &Person, holder: Holder, out: &mut Vec<Finding>) {
    text(
        &person.name,
        PERSON_NAME,
        holder.person(PersonField::Name),
        out,
    );
}

/// Lengths and characters of the subject's entered text fields.
pub(crate) fn subject_formats(filing: &Filing, out: &mut Vec<Finding>) {
    let subject = &filing.subject;
    text(
        &subject.name,
        SUBJECT_NAME,
        FieldPath::subject(SubjectField::Name),
        out,
    );
    text(
        &subject.address,
        ADDRESS,
        FieldPath::subject(SubjectField::Address),
        out,
    );
    person_formats(&subject.responsible_person, Holder::Subject, out);
}

/// Lengths and characters of a website's entered text fields (the domains
/// have rules of their own).
pub(crate) fn website_formats(website: &crate::model::Website, i: usize, out: &mut Vec<Finding>) {
    let at = |f| FieldPath::website(i, f);
    text(&website.name, WEBSITE_NAME, at(WebsiteField::Name), out);
    text(
        &website.homepage,
        DOMAIN_OR_URL,
        at(WebsiteField::Homepage),
        out,
    );
    text(
        &website.domain_owner,
        DOMAIN_OWNER,
        at(WebsiteField::DomainOwner),
        out,
    );
    for (j, a) in website.access.iter().enumerate() {
        text(
            &a.provider,
            ACCESS_PROVIDER,
            FieldPath::access(i, j, AccessField::Provider),
            out,
        );
    }
    for (j, p) in website.pre_approvals.iter().enumerate() {
        text(
            &p.permit_number,
            PERMIT_NUMBER,
            at(WebsiteField::PreApproval(j, PreApprovalField::PermitNumber)),
            out,
        );
    }
    person_formats(&website.responsible_person, Holder::Website(i), out);
}

/// A "required" finding: rule, path, and the field's name in zh and en.
fn missing(rule: &str, path: FieldPath, zh: &str, en: &str) -> Finding {
    Finding::new(
        rule,
        Some("5001"),
        &path.to_string(),
        Severity::Error,
        Message::new(format!("请填写{zh}。"), format!("Enter {en}.")),
    )
}

/// A document the filing hands in is not attached (004 3).
fn document_missing(path: &str, title: &Message) -> Finding {
    Finding::new(
        "documents.missing",
        None,
        path,
        Severity::Error,
        Message::new(
            format!("缺少材料：{}。", title.zh_cn),
            format!("Missing document: {}.", title.en),
        ),
    )
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn person_required(person: &Person, holder: Holder, out: &mut Vec<Finding>) {
    if blank(&person.name) {
        out.push(missing(
            "person.name_required",
            holder.person(PersonField::Name),
            "负责人姓名",
            "the responsible person's name",
        ));
    }
    if blank(&person.document_number) {
        out.push(missing(
            "person.document_number_required",
            holder.person(PersonField::DocumentNumber),
            "负责人证件号码",
            "the responsible person's document number",
        ));
    }
    if blank(&person.mobile) {
        out.push(missing(
            "person.mobile_required",
            holder.person(PersonField::Mobile),
            "负责人手机号码",
            "the responsible person's mobile number",
        ));
    }
    if blank(&person.email) {
        out.push(missing(
            "person.email_required",
            holder.person(PersonField::Email),
            "负责人电子邮箱",
            "the responsible person's e-mail address",
        ));
    }
}

/// True for provinces without cities (municipalities) and counties that a
/// province administers directly (`xx90xx`): no city code.
fn city_optional(province: &str, county: &str) -> bool {
    matches!(province.trim(), "110000" | "120000" | "310000" | "500000")
        || county.trim().get(2..4) == Some("90")
}

/// What a submission is missing, in the order of the fields: every
/// required field left empty and every required document not attached.
///
/// ```
/// let rules: Vec<String> = beian_rules::completeness::required(&beian_rules::Filing::default())
///     .into_iter().map(|f| f.rule).collect();
/// assert!(rules.contains(&"subject.name_required".to_string()));
/// ```
pub fn required(filing: &Filing) -> Vec<Finding> {
    let mut out = Vec::new();
    let subject = &filing.subject;
    if blank(&subject.name) {
        out.push(missing(
            "subject.name_required",
            FieldPath::subject(SubjectField::Name),
            "主办单位名称（个人填写姓名）",
            "the subject's name (an individual's full name)",
        ));
    }
    if blank(&subject.province) {
        out.push(missing(
            "subject.province_required",
            FieldPath::subject(SubjectField::Province),
            "所在省份",
            "the province",
        ));
    }
    if blank(&subject.city) && !city_optional(&subject.province, &subject.county) {
        out.push(missing(
            "subject.city_required",
            FieldPath::subject(SubjectField::City),
            "所在城市",
            "the city",
        ));
    }
    if blank(&subject.county) {
        out.push(missing(
            "subject.county_required",
            FieldPath::subject(SubjectField::County),
            "所在区县",
            "the county or district",
        ));
    }
    if blank(&subject.address) {
        out.push(missing(
            "subject.address_required",
            FieldPath::subject(SubjectField::Address),
            "通信地址",
            "the postal address",
        ));
    }
    person_required(&subject.responsible_person, Holder::Subject, &mut out);
    if subject.subject_type != SubjectType::Individual && subject.responsible_person_role.is_none()
    {
        out.push(missing(
            "subject.responsible_person_role_required",
            FieldPath::subject(SubjectField::ResponsiblePersonRole),
            "负责人身份（法人或法人授权人）",
            "whether the responsible person is the legal representative or authorised",
        ));
    }
    if subject.commercial && blank(&subject.licence_number) {
        out.push(missing(
            "subject.licence_number_required",
            FieldPath::subject(SubjectField::LicenceNumber),
            "经营许可证号",
            "the commercial licence number",
        ));
    }
    attachments(&subject.documents, Holder::Subject, &mut out);
    for (i, website) in filing.websites.iter().enumerate() {
        let at = |f| FieldPath::website(i, f);
        if blank(&website.name) {
            out.push(missing(
                "website.name_required",
                at(WebsiteField::Name),
                "网站名称",
                "the website name",
            ));
        }
        if website.access.is_empty() {
            out.push(missing(
                "website.access_required",
                at(WebsiteField::Access),
                "接入信息（接入服务提供单位、服务器放置地点、IP 地址）",
                "the access (provider, server location, IP addresses)",
            ));
        }
        for (j, a) in website.access.iter().enumerate() {
            if blank(&a.provider) {
                out.push(missing(
                    "access.provider_required",
                    FieldPath::access(i, j, AccessField::Provider),
                    "接入服务提供单位",
                    "the access provider",
                ));
            }
            if a.method.is_none() {
                out.push(missing(
                    "access.method_required",
                    FieldPath::access(i, j, AccessField::Method),
                    "接入方式",
                    "the access method",
                ));
            }
            if blank(&a.server_location) {
                out.push(missing(
                    "access.server_location_required",
                    FieldPath::access(i, j, AccessField::ServerLocation),
                    "服务器放置地点",
                    "the server location",
                ));
            }
            if a.ips.is_empty() {
                out.push(missing(
                    "access.ips_required",
                    FieldPath::access(i, j, AccessField::Ips),
                    "IP 地址",
                    "the IP addresses",
                ));
            }
        }
        for (j, p) in website.pre_approvals.iter().enumerate() {
            let path = |f| at(WebsiteField::PreApproval(j, f));
            if p.category.is_none() {
                out.push(missing(
                    "pre_approval.category_required",
                    path(PreApprovalField::Category),
                    "前置审批类型",
                    "the pre-approval category",
                ));
            }
            if blank(&p.permit_number) {
                out.push(missing(
                    "pre_approval.permit_number_required",
                    path(PreApprovalField::PermitNumber),
                    "前置审批文件编号",
                    "the permit number",
                ));
            }
        }
        person_required(&website.responsible_person, Holder::Website(i), &mut out);
        attachments(&website.documents, Holder::Website(i), &mut out);
    }
    for item in checklist::checklist(filing) {
        if item.required && !item.present {
            out.push(document_missing(&item.path, &item.title));
        }
    }
    out
}

fn attachments(documents: &[crate::model::Attachment], holder: Holder, out: &mut Vec<Finding>) {
    for (k, a) in documents.iter().enumerate() {
        match a.kind {
            None => out.push(missing(
                "attachment.kind_required",
                holder.document(k, AttachmentField::Kind),
                "材料类型",
                "the kind of document",
            )),
            Some(kind) if checklist::is_dated(kind) && a.date.is_none() => out.push(missing(
                "attachment.date_required",
                holder.document(k, AttachmentField::Date),
                "材料上的日期",
                "the date on the document",
            )),
            Some(_) => {}
        }
    }
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out = vec![too_long("", 100), control("")];
    let mut filing = Filing::from_json(
        r#"{"subject": {"subjectType": "enterprise", "commercial": true,
             "documents": [{}, {"kind": "photo"}]},
            "websites": [{"access": [{}], "preApprovals": [{}]}, {}]}"#,
    )
    .unwrap_or_default();
    filing.subject.province = "130000".into();
    let mut seen = std::collections::HashSet::new();
    let mut found = required(&filing);
    found.extend(required(&Filing::default()));
    for f in found {
        if seen.insert(f.rule.clone()) {
            out.push(Finding {
                path: String::new(),
                ..f
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(json: &str) -> Vec<String> {
        required(&Filing::from_json(json).unwrap())
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    /// 002 #17: missing fields of subject and websites are 5001.
    #[test]
    fn seed_002_17_missing_fields() {
        let all = required(&Filing::default());
        assert!(all
            .iter()
            .filter(|f| f.rule != "documents.missing")
            .all(|f| f.code.as_deref() == Some("5001")));
        let r = rules(r#"{"subject": {"province": "110000"}, "websites": [{}]}"#);
        assert!(!r.contains(&"subject.city_required".to_string()));
        for rule in [
            "subject.name_required",
            "subject.county_required",
            "website.name_required",
            "website.access_required",
            "person.mobile_required",
        ] {
            assert!(r.contains(&rule.to_string()), "{rule}: {r:?}");
        }
        let r = rules(r#"{"subject": {"province": "130000", "county": "130102"}}"#);
        assert!(r.contains(&"subject.city_required".to_string()));
        let r = rules(r#"{"subject": {"province": "410000", "county": "419001"}}"#);
        assert!(!r.contains(&"subject.city_required".to_string()));
    }

    #[test]
    fn lengths_and_control_characters() {
        let mut f = Filing::default();
        f.subject.name = "甲".repeat(101);
        f.subject.address = "某路\n1号".into();
        let mut out = Vec::new();
        subject_formats(&f, &mut out);
        let got: Vec<(&str, &str)> = out
            .iter()
            .map(|f| (f.rule.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("text.too_long", "/subject/name"),
                ("text.control_characters", "/subject/address")
            ]
        );
        f.subject.name = "甲".repeat(100);
        f.subject.address.clear();
        out.clear();
        subject_formats(&f, &mut out);
        assert!(out.is_empty());
    }
}
