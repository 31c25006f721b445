//! The documents a filing hands in (004 3, 备案需要提交什么证件): the
//! checklist the wizard shows, per subject type, evaluated on a filing.
//!
//! Seed 004 3 lists, for organisations: the subject's document (营业执照) \*,
//! the responsible person's document (法人或法人授权人身份证) \*, the legal
//! representative's authorisation letter when the responsible person is not
//! the legal representative, the information security agreement \*, the
//! verification form \*, the domain certificate or domain authorisation
//! letter \*, and the responsible person's photo; for individuals the same
//! without the authorisation letter (\* = required). 004 其它 6: the
//! verification form, agreement and photo carry a date. 002 #41: permits of
//! pre-approval categories are attached; 002 #54: a name starting with
//! 中国 … needs an approval document; 002 #20, #30: the domain
//! authorisation letter when the domain owner is not the subject.

use serde::{Deserialize, Serialize};

use crate::finding::Message;
use crate::model::{
    Attachment, AttachmentKind, ContentCategory, Filing, ResponsiblePersonRole, SubjectType,
    Website,
};
use crate::path::Holder;
use crate::{text, website_name};

/// One document of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    /// The kind of attachment that satisfies it.
    pub kind: AttachmentKind,
    /// Where it is attached: `/subject/documents` or `/websites/N/documents`.
    pub path: String,
    /// True when the filing cannot go without it.
    pub required: bool,
    /// True when an attachment of this kind is there.
    pub present: bool,
    /// True when the document carries a date that the same-day rule checks
    /// (004 其它 6).
    pub dated: bool,
    /// The document's name.
    pub title: Message,
    /// What it is and why it is needed (the seed questions are cited in
    /// the code, not in the text).
    pub note: Message,
}

fn item(kind: AttachmentKind, path: &str, required: bool, note: Message) -> ChecklistItem {
    ChecklistItem {
        kind,
        path: path.to_string(),
        required,
        present: false,
        dated: is_dated(kind),
        title: title(kind),
        note,
    }
}

/// True for the documents that carry the filing's date (004 其它 6).
///
/// ```
/// use beian_rules::{checklist, AttachmentKind};
/// assert!(checklist::is_dated(AttachmentKind::VerificationForm));
/// assert!(!checklist::is_dated(AttachmentKind::DomainCertificate));
/// ```
pub fn is_dated(kind: AttachmentKind) -> bool {
    matches!(
        kind,
        AttachmentKind::VerificationForm
            | AttachmentKind::SecurityAgreement
            | AttachmentKind::Photo
    )
}

/// The name of a kind of document.
///
/// ```
/// use beian_rules::{checklist, AttachmentKind};
/// assert_eq!(checklist::title(AttachmentKind::VerificationForm).zh_cn, "网站备案信息真实性核验单");
/// ```
pub fn title(kind: AttachmentKind) -> Message {
    let (zh, en) = match kind {
        AttachmentKind::SubjectDocument => ("主办单位有效证件", "The subject's document"),
        AttachmentKind::ResponsiblePersonDocument => (
            "主办单位负责人有效证件",
            "The responsible person's document",
        ),
        AttachmentKind::AuthorisationLetter => {
            ("法人授权书", "Legal representative's authorisation letter")
        }
        AttachmentKind::SecurityAgreement => {
            ("信息安全管理协议书", "Information security agreement")
        }
        AttachmentKind::VerificationForm => ("网站备案信息真实性核验单", "Verification form"),
        AttachmentKind::Photo => ("负责人现场拍照相片", "Photo of the responsible person"),
        AttachmentKind::DomainCertificate => ("域名证书", "Domain certificate"),
        AttachmentKind::DomainAuthorisationLetter => ("域名授权书", "Domain authorisation letter"),
        AttachmentKind::NameApproval => ("网站名称审批文件", "Approval of the website name"),
        AttachmentKind::PreApprovalDocument => ("前置审批文件", "Pre-approval document"),
        AttachmentKind::Other => ("其他材料", "Other document"),
    };
    Message::new(zh, en)
}

/// The permit a content category needs (002 #41), `None` for categories
/// without pre-approval.
///
/// ```
/// use beian_rules::{checklist, ContentCategory};
/// assert_eq!(checklist::permit(ContentCategory::News).unwrap().zh_cn, "《互联网新闻信息服务许可证》");
/// assert!(checklist::permit(ContentCategory::Blog).is_none());
/// ```
pub fn permit(category: ContentCategory) -> Option<Message> {
    let (zh, en) = match category {
        ContentCategory::News => ("《互联网新闻信息服务许可证》", "the Internet news information service permit"),
        ContentCategory::Publishing => ("《互联网出版许可证》", "the Internet publishing permit"),
        ContentCategory::Education => ("省教育厅出具的文件", "the provincial education department's approval"),
        ContentCategory::Medical => (
            "《互联网医疗保健信息服务审核同意书》",
            "the Internet medical and health information service approval",
        ),
        ContentCategory::DrugsAndMedicalDevices => (
            "《互联网药品信息服务资格证书》",
            "the Internet drug information service certificate",
        ),
        ContentCategory::Culture => ("《网络文化经营许可证》", "the network culture business permit"),
        ContentCategory::RadioFilmTv => (
            "《信息网络传播视听节目许可证》",
            "the audio-visual programme transmission permit",
        ),
        ContentCategory::BulletinBoard => (
            "电子公告服务专项备案材料（经营性为《增值电信业务经营许可证》）",
            "the bulletin-board special filing (for a commercial filing, the value-added telecom licence)",
        ),
        ContentCategory::ECommerce
        | ContentCategory::Company
        | ContentCategory::Blog
        | ContentCategory::Other => return None,
    };
    Some(Message::new(zh, en))
}

/// True when `category` needs a pre-approval for this subject type: an
/// individual's education site needs none (001 其它 #15).
///
/// ```
/// use beian_rules::{checklist, ContentCategory, SubjectType};
/// assert!(checklist::needs_pre_approval(ContentCategory::Education, SubjectType::Enterprise));
/// assert!(!checklist::needs_pre_approval(ContentCategory::Education, SubjectType::Individual));
/// ```
pub fn needs_pre_approval(category: ContentCategory, subject: SubjectType) -> bool {
    permit(category).is_some()
        && category != ContentCategory::BulletinBoard
        && !(category == ContentCategory::Education && subject == SubjectType::Individual)
}

/// The content categories of a website, with `bulletinBoard: true` as the
/// bulletin-board category.
pub(crate) fn categories(website: &Website) -> impl Iterator<Item = ContentCategory> + '_ {
    website.content_categories.iter().copied().chain(
        website
            .bulletin_board
            .then_some(ContentCategory::BulletinBoard),
    )
}

/// True when an attachment of `kind` is in `documents`.
pub(crate) fn has(documents: &[Attachment], kind: AttachmentKind) -> bool {
    documents.iter().any(|a| a.kind == Some(kind))
}

/// True when the domain owner is entered and differs from the subject's name.
pub(crate) fn owner_differs(filing: &Filing, website: &Website) -> bool {
    !website.domain_owner.trim().is_empty()
        && !text::same_name(&website.domain_owner, &filing.subject.name)
}

/// The checklist of a subject type, before anything is known of the filing
/// (one website, at `/websites/0/documents`).
///
/// ```
/// use beian_rules::{checklist, AttachmentKind, SubjectType};
/// let list = checklist::for_subject_type(SubjectType::Enterprise);
/// assert!(list.iter().any(|i| i.kind == AttachmentKind::AuthorisationLetter && !i.required));
/// let list = checklist::for_subject_type(SubjectType::Individual);
/// assert!(!list.iter().any(|i| i.kind == AttachmentKind::AuthorisationLetter));
/// ```
pub fn for_subject_type(subject_type: SubjectType) -> Vec<ChecklistItem> {
    let mut filing = Filing::default();
    filing.subject.subject_type = subject_type;
    filing.websites.push(Website::default());
    checklist(&filing)
}

/// The documents this filing hands in, in the order of 004 3, with what is
/// already attached.
///
/// ```
/// use beian_rules::{checklist, Filing};
/// let filing = Filing::from_json(r#"{"subject": {"subjectType": "enterprise",
///     "responsiblePersonRole": "authorised"}, "websites": [{}]}"#).unwrap();
/// let list = checklist::checklist(&filing);
/// let letter = list.iter().find(|i| i.kind == beian_rules::AttachmentKind::AuthorisationLetter).unwrap();
/// assert!(letter.required && !letter.present);
/// ```
pub fn checklist(filing: &Filing) -> Vec<ChecklistItem> {
    let subject = &filing.subject;
    let individual = subject.subject_type == SubjectType::Individual;
    let subject_docs = Holder::Subject.documents().to_string();
    let base = subject_docs.as_str();
    // The documents and who signs them: 004 3; the same-day dates: 004 其它 6.
    let mut out = vec![
        item(
            AttachmentKind::SubjectDocument,
            base,
            true,
            if individual {
                Message::new(
                    "本人身份证原件正反面扫描件，或护照的照片页和证件号码页。",
                    "Scan of both sides of your ID card, or the photo and number pages of your passport.",
                )
            } else {
                Message::new(
                    "与主办单位名称对应的证件原件扫描件，企业为营业执照正本或副本。",
                    "Scan of the original document matching the subject's name; for a company, the business \
                     licence.",
                )
            },
        ),
        item(
            AttachmentKind::ResponsiblePersonDocument,
            base,
            true,
            if individual {
                Message::new(
                    "主办者本人身份证原件正反面扫描件。",
                    "Scan of both sides of your own ID card.",
                )
            } else {
                Message::new(
                    "法人（或法人授权人）身份证原件正反面扫描件。",
                    "Scan of both sides of the ID card of the legal representative (or the person they \
                     authorised).",
                )
            },
        ),
    ];
    if !individual {
        let role = subject.responsible_person_role;
        out.push(item(
            AttachmentKind::AuthorisationLetter,
            base,
            role == Some(ResponsiblePersonRole::Authorised),
            Message::new(
                "负责人不是营业执照上的法人时需要；法人只能授权给本单位的负责人，不能授权给代理商。",
                "Needed when the responsible person is not the legal representative on the licence; the \
                 legal representative may authorise a person of the organisation, never an agent.",
            ),
        ));
    }
    out.push(item(
        AttachmentKind::SecurityAgreement,
        base,
        true,
        if individual {
            Message::new(
                "个人在协议书甲方处签名；日期与核验单、照片同一天。",
                "Sign as party A; dated the same day as the verification form and photo.",
            )
        } else {
            Message::new(
                "甲方填写主办单位名称并盖章；日期与核验单、照片同一天。",
                "Party A is the subject, with its seal; dated the same day as the verification form and \
                 photo.",
            )
        },
    ));
    out.push(item(
        AttachmentKind::VerificationForm,
        base,
        true,
        Message::new(
            "填写“网站主办者基本信息”并由负责人签名（单位加盖公章）；日期与协议书、照片同一天，且不早于创建备案信息的日期。",
            "Fill in the subject's part and have the responsible person sign it (organisations add their \
             seal); dated the same day as the agreement and photo, not before the filing was created.",
        ),
    ));
    out.push(item(
        AttachmentKind::Photo,
        base,
        false,
        Message::new(
            "主体负责人在拍照背景前的现场照片，注明拍照日期，不能用身份证上的照片；日期与核验单、协议书同一天。",
            "A photo of the responsible person taken against the provider's backdrop, with its date; not \
             the ID card's photo; dated the same day as the verification form and agreement.",
        ),
    ));
    for (i, website) in filing.websites.iter().enumerate() {
        let base = Holder::Website(i).documents().to_string();
        let docs = &website.documents;
        let differs = owner_differs(filing, website);
        let authorised = has(docs, AttachmentKind::DomainAuthorisationLetter);
        // The domain certificate and the owner: 002 #20, #51; a commercial
        // filing's owner: 002 #30; the authorisation letter: 004 3.
        out.push(item(
            AttachmentKind::DomainCertificate,
            &base,
            !differs && !authorised,
            Message::new(
                "域名注册商出具的域名证书，所有者应为主办单位；所有者不同时改交域名授权书。",
                "The registrar's domain certificate naming the subject as owner; when the \
                 owner is someone else, a domain authorisation letter instead.",
            ),
        ));
        out.push(item(
            AttachmentKind::DomainAuthorisationLetter,
            &base,
            differs && !subject.commercial,
            Message::new(
                "域名所有者与主办单位不一致时需要：授权人为域名所有者，被授权人为主办单位。经营性备案不能用授权书，域名所有者必须与主办单位完全一致。",
                "Needed when the domain owner is not the subject: the owner authorises the subject. \
                 A commercial filing cannot use one: the owner must be the subject exactly.",
            ),
        ));
        if website_name::national_prefix(&website.name).is_some() {
            // 002 #54.
            out.push(item(
                AttachmentKind::NameApproval,
                &base,
                true,
                Message::new(
                    "网站名称以中华、中国、国家、国际、全国等开头时，需相关部门的审批许可文件。",
                    "A website name starting with 中华, 中国, 国家, 国际 or 全国 needs the approval document \
                     of the competent department.",
                ),
            ));
        }
        let mut needed: Vec<ContentCategory> = Vec::new();
        for c in categories(website) {
            let needs = needs_pre_approval(c, subject.subject_type)
                || (c == ContentCategory::BulletinBoard && !individual);
            if needs && !needed.contains(&c) {
                needed.push(c);
            }
        }
        let permits: Vec<Message> = needed.into_iter().filter_map(permit).collect();
        if !permits.is_empty() {
            let zh: Vec<&str> = permits.iter().map(|m| m.zh_cn.as_str()).collect();
            let en: Vec<&str> = permits.iter().map(|m| m.en.as_str()).collect();
            // 002 #41.
            out.push(item(
                AttachmentKind::PreApprovalDocument,
                &base,
                true,
                Message::new(
                    format!("前置审批文件：{}。", zh.join("、")),
                    format!("Pre-approval documents: {}.", en.join("; ")),
                ),
            ));
        }
    }
    for entry in &mut out {
        let holder = entry.path.parse().ok().and_then(Holder::of_documents);
        let Some(documents) = holder.and_then(|h| h.documents_in(filing)) else {
            continue;
        };
        entry.present = has(documents, entry.kind);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(list: &[ChecklistItem], required: bool) -> Vec<AttachmentKind> {
        list.iter()
            .filter(|i| i.required == required)
            .map(|i| i.kind)
            .collect()
    }

    /// 004 3: the starred documents of each subject type.
    #[test]
    fn seed_004_3_required_documents() {
        use AttachmentKind::*;
        let list = for_subject_type(SubjectType::Enterprise);
        assert_eq!(
            kinds(&list, true),
            [
                SubjectDocument,
                ResponsiblePersonDocument,
                SecurityAgreement,
                VerificationForm,
                DomainCertificate
            ]
        );
        assert_eq!(
            kinds(&list, false),
            [AuthorisationLetter, Photo, DomainAuthorisationLetter]
        );
        let list = for_subject_type(SubjectType::Individual);
        assert_eq!(
            kinds(&list, true),
            [
                SubjectDocument,
                ResponsiblePersonDocument,
                SecurityAgreement,
                VerificationForm,
                DomainCertificate
            ]
        );
        assert!(list.iter().filter(|i| i.dated).count() == 3);
    }

    /// 002 #20, #30, #41, #54: conditional documents.
    #[test]
    fn conditional_documents() {
        use AttachmentKind::*;
        let filing = Filing::from_json(
            r#"{"subject": {"subjectType": "enterprise", "name": "甲公司",
                 "documents": [{"kind": "verification_form"}]},
                "websites": [{"name": "中国读书网", "domainOwner": "乙公司", "contentCategories": ["news"]}]}"#,
        )
        .unwrap();
        let list = checklist(&filing);
        let find = |k| list.iter().find(|i| i.kind == k).unwrap();
        assert!(find(VerificationForm).present);
        assert!(!find(SubjectDocument).present);
        assert!(find(DomainAuthorisationLetter).required);
        assert!(!find(DomainCertificate).required);
        assert!(find(NameApproval).required);
        assert!(find(PreApprovalDocument).note.zh_cn.contains("新闻"));
    }
}
