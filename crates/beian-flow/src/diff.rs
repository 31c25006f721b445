//! What a request changes in the approved filing, and what each change needs.
//!
//! Websites are matched by a shared domain (compared in IDNA form), then
//! leftovers by position; access entries by provider name; domains and IPs
//! as sets, so reordering is not a change.
//!
//! Seeds: 002 #36 (renaming the subject needs the filing password), 002 #47
//! (domains on the verification form), 002 #20 and 004 (domain certificate,
//! documents of the subject and of responsible persons), 002 #55 (a company
//! renamed shows its rename proof), 002 #32, #46 (a new provider verifies
//! again).

use beian_rules::{
    domain, Access, AttachmentKind, Filing, Message, Person, Subject, SubjectType, Website,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How a field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    /// Not in the approved filing.
    Added,
    /// Only in the approved filing (the path is the approved filing's).
    Removed,
    /// In both, with another value.
    Modified,
}

/// A document a request needs (004 3: the uploads of a filing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RequiredDocument {
    /// 主办单位有效证件: the subject's licence or identity document.
    SubjectCertificate,
    /// 负责人有效证件: the responsible person's identity document.
    ResponsiblePersonId,
    /// 负责人现场拍照: the photo taken at verification.
    Photo,
    /// 网站备案信息真实性核验单: the verification form.
    VerificationForm,
    /// 域名证书 (or a domain authorisation letter, 002 #20).
    DomainCertificate,
    /// 更名证明: proof that an organisation was renamed (002 #55).
    RenameProof,
    /// 信息安全管理协议书: the information security agreement.
    SecurityAgreement,
}

impl RequiredDocument {
    /// The document's name in both languages.
    pub fn label(self) -> Message {
        let (zh, en) = match self {
            RequiredDocument::SubjectCertificate => {
                ("主办单位有效证件", "the subject's certificate or ID")
            }
            RequiredDocument::ResponsiblePersonId => {
                ("负责人有效证件", "the responsible person's ID document")
            }
            RequiredDocument::Photo => (
                "负责人现场拍照",
                "the responsible person's verification photo",
            ),
            RequiredDocument::VerificationForm => {
                ("网站备案信息真实性核验单", "the verification form")
            }
            RequiredDocument::DomainCertificate => (
                "域名证书或域名授权书",
                "the domain certificate or authorisation letter",
            ),
            RequiredDocument::RenameProof => ("更名证明", "proof of the organisation's renaming"),
            RequiredDocument::SecurityAgreement => {
                ("信息安全管理协议书", "the information security agreement")
            }
        };
        Message::new(zh, en)
    }

    /// The kind of attachment a scan of it is uploaded as (the filing's
    /// documents' kinds; the renaming proof is "other").
    ///
    /// ```
    /// use beian_flow::RequiredDocument;
    /// use beian_rules::AttachmentKind;
    /// assert_eq!(RequiredDocument::SubjectCertificate.attachment_kind(), AttachmentKind::SubjectDocument);
    /// ```
    pub fn attachment_kind(self) -> AttachmentKind {
        match self {
            RequiredDocument::SubjectCertificate => AttachmentKind::SubjectDocument,
            RequiredDocument::ResponsiblePersonId => AttachmentKind::ResponsiblePersonDocument,
            RequiredDocument::Photo => AttachmentKind::Photo,
            RequiredDocument::VerificationForm => AttachmentKind::VerificationForm,
            RequiredDocument::DomainCertificate => AttachmentKind::DomainCertificate,
            RequiredDocument::RenameProof => AttachmentKind::Other,
            RequiredDocument::SecurityAgreement => AttachmentKind::SecurityAgreement,
        }
    }

    /// True for a website's own document (one for each website).
    pub fn per_website(self) -> bool {
        self == RequiredDocument::DomainCertificate
    }
}

/// One changed field, website, domain, access entry or IP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// Path in the proposed filing (for [`ChangeOp::Removed`], in the
    /// approved filing), e.g. `/subject/name`, `/websites/0/domains/2`.
    pub path: String,
    /// Added, removed or modified.
    pub op: ChangeOp,
    /// The approved value (a scalar field, a domain, an IP, or a website's
    /// first domain / an access entry's provider for whole entries).
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub before: Option<String>,
    /// The proposed value, likewise.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub after: Option<String>,
    /// The filing password is needed for this change (002 #36).
    pub needs_filing_password: bool,
    /// Documents to hand in again for this change.
    pub documents: Vec<RequiredDocument>,
}

/// How the websites of the two filings correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WebsitePair {
    /// Index in the approved filing; none for an added website.
    #[cfg_attr(feature = "ts", tsify(type = "number | null"))]
    pub approved: Option<usize>,
    /// Index in the proposed filing; none for a removed website.
    #[cfg_attr(feature = "ts", tsify(type = "number | null"))]
    pub proposed: Option<usize>,
}

/// The difference of a proposed filing from the approved one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FilingDiff {
    /// What changed, subject first, then websites in proposed order, then
    /// removed websites.
    pub changes: Vec<FieldChange>,
    /// Some change needs the filing password.
    pub needs_filing_password: bool,
    /// Every document some change needs, without repeats, in a stable order.
    pub documents: Vec<RequiredDocument>,
    /// Website correspondence, in proposed order, then removed websites.
    pub websites: Vec<WebsitePair>,
}

impl FilingDiff {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes at `prefix` or below it (`/subject` matches
    /// `/subject/name` but not `/subjects`).
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a FieldChange> + 'a {
        self.changes.iter().filter(move |c| {
            c.path == prefix
                || (c.path.starts_with(prefix) && c.path[prefix.len()..].starts_with('/'))
        })
    }

    /// The change at exactly `path`.
    pub fn at(&self, path: &str) -> Option<&FieldChange> {
        self.changes.iter().find(|c| c.path == path)
    }
}

/// Compares a proposed filing with the approved one.
///
/// ```
/// use beian_flow::{diff, ChangeOp, RequiredDocument};
/// let approved: beian_rules::Filing = serde_json::from_str(r#"{
///   "subject": {"name": "甲公司", "subjectType": "enterprise", "province": "330000"},
///   "websites": [{"domains": ["example.com"], "homepage": "www.example.com",
///                 "access": [{"provider": "A", "ips": ["1.2.3.4"]}]}]}"#).unwrap();
/// let mut proposed = approved.clone();
/// proposed.subject.name = "乙公司".into();
/// proposed.websites[0].domains.push("example.cn".into());
/// let d = diff(&approved, &proposed);
/// assert_eq!(d.changes[0].path, "/subject/name");
/// assert!(d.changes[0].needs_filing_password); // 002 #36
/// assert_eq!(d.changes[1].path, "/websites/0/domains/1");
/// assert_eq!(d.changes[1].op, ChangeOp::Added);
/// assert!(d.documents.contains(&RequiredDocument::DomainCertificate));
/// assert!(d.documents.contains(&RequiredDocument::RenameProof)); // 002 #55
/// ```
pub fn diff(approved: &Filing, proposed: &Filing) -> FilingDiff {
    let mut out = Vec::new();
    subject_changes(&approved.subject, &proposed.subject, &mut out);
    let pairs = pair_websites(&approved.websites, &proposed.websites);
    for pair in &pairs {
        match (pair.approved, pair.proposed) {
            (Some(a), Some(p)) => website_changes(
                &approved.websites[a],
                &proposed.websites[p],
                (&format!("/websites/{a}"), &format!("/websites/{p}")),
                &mut out,
            ),
            (None, Some(p)) => out.push(change(
                format!("/websites/{p}"),
                ChangeOp::Added,
                None,
                proposed.websites[p].domains.first().cloned(),
                &[
                    RequiredDocument::DomainCertificate,
                    RequiredDocument::ResponsiblePersonId,
                    RequiredDocument::VerificationForm,
                ],
            )),
            (Some(a), None) => out.push(change(
                format!("/websites/{a}"),
                ChangeOp::Removed,
                approved.websites[a].domains.first().cloned(),
                None,
                &[],
            )),
            (None, None) => {}
        }
    }
    let mut documents: Vec<RequiredDocument> =
        out.iter().flat_map(|c| c.documents.clone()).collect();
    documents.sort_unstable();
    documents.dedup();
    FilingDiff {
        needs_filing_password: out.iter().any(|c| c.needs_filing_password),
        changes: out,
        documents,
        websites: pairs,
    }
}

fn change(
    path: String,
    op: ChangeOp,
    before: Option<String>,
    after: Option<String>,
    documents: &[RequiredDocument],
) -> FieldChange {
    FieldChange {
        path,
        op,
        before,
        after,
        needs_filing_password: false,
        documents: documents.to_vec(),
    }
}

fn scalar(
    out: &mut Vec<FieldChange>,
    path: String,
    before: &str,
    after: &str,
    documents: &[RequiredDocument],
) {
    if before != after {
        out.push(change(
            path,
            ChangeOp::Modified,
            Some(before.to_string()),
            Some(after.to_string()),
            documents,
        ));
    }
}

fn subject_changes(a: &Subject, p: &Subject, out: &mut Vec<FieldChange>) {
    use RequiredDocument::*;
    let id_docs = [SubjectCertificate, VerificationForm];
    if a.name != p.name {
        // 002 #36: renaming the subject needs the filing password; 002 #55:
        // an organisation shows its rename proof.
        let mut docs = id_docs.to_vec();
        if p.subject_type != SubjectType::Individual {
            docs.push(RenameProof);
        }
        let mut c = change(
            "/subject/name".into(),
            ChangeOp::Modified,
            Some(a.name.clone()),
            Some(p.name.clone()),
            &docs,
        );
        c.needs_filing_password = true;
        out.push(c);
    }
    scalar(
        out,
        "/subject/subjectType".into(),
        a.subject_type.name(),
        p.subject_type.name(),
        &id_docs,
    );
    scalar(
        out,
        "/subject/documentType".into(),
        a.document_type.name(),
        p.document_type.name(),
        &id_docs,
    );
    scalar(
        out,
        "/subject/documentNumber".into(),
        &a.document_number,
        &p.document_number,
        &id_docs,
    );
    for (field, x, y) in [
        ("province", &a.province, &p.province),
        ("city", &a.city, &p.city),
        ("county", &a.county, &p.county),
        ("address", &a.address, &p.address),
    ] {
        scalar(out, format!("/subject/{field}"), x, y, &[VerificationForm]);
    }
    person_changes(
        &a.responsible_person,
        &p.responsible_person,
        "/subject/responsiblePerson",
        &[ResponsiblePersonId, Photo, VerificationForm],
        out,
    );
    other_changes(
        a,
        p,
        "/subject",
        &[
            "subjectType",
            "name",
            "documentType",
            "documentNumber",
            "province",
            "city",
            "county",
            "address",
            "responsiblePerson",
        ],
        out,
    );
}

fn person_changes(
    a: &Person,
    p: &Person,
    base: &str,
    identity_docs: &[RequiredDocument],
    out: &mut Vec<FieldChange>,
) {
    scalar(out, format!("{base}/name"), &a.name, &p.name, identity_docs);
    scalar(
        out,
        format!("{base}/documentType"),
        a.document_type.name(),
        p.document_type.name(),
        identity_docs,
    );
    scalar(
        out,
        format!("{base}/documentNumber"),
        &a.document_number,
        &p.document_number,
        identity_docs,
    );
    for (field, x, y) in [
        ("mobile", &a.mobile, &p.mobile),
        ("phone", &a.phone, &p.phone),
        ("email", &a.email, &p.email),
    ] {
        scalar(out, format!("{base}/{field}"), x, y, &[]);
    }
    other_changes(
        a,
        p,
        base,
        &[
            "name",
            "documentType",
            "documentNumber",
            "mobile",
            "phone",
            "email",
        ],
        out,
    );
}

/// True when the proposed website differs from the approved one in
/// anything [`diff()`] reports.
pub(crate) fn website_changed(a: &Website, p: &Website) -> bool {
    let mut out = Vec::new();
    website_changes(a, p, ("", ""), &mut out);
    !out.is_empty()
}

/// `bases`: the website's path in the approved and in the proposed filing.
fn website_changes(a: &Website, p: &Website, bases: (&str, &str), out: &mut Vec<FieldChange>) {
    use RequiredDocument::*;
    let (abase, base) = bases;
    scalar(
        out,
        format!("{base}/name"),
        &a.name,
        &p.name,
        &[VerificationForm],
    );
    // 002 #47: the verification form lists the domains; 002 #20: a new
    // domain needs its certificate.
    set_changes(
        &a.domains,
        &p.domains,
        (&format!("{abase}/domains"), &format!("{base}/domains")),
        norm_domain,
        &[DomainCertificate, VerificationForm],
        &[VerificationForm],
        out,
    );
    scalar(
        out,
        format!("{base}/homepage"),
        &a.homepage,
        &p.homepage,
        &[VerificationForm],
    );
    let mut used = vec![false; a.access.len()];
    for (j, pa) in p.access.iter().enumerate() {
        let path = format!("{base}/access/{j}");
        let found = a
            .access
            .iter()
            .enumerate()
            .position(|(i, aa)| !used[i] && same_provider(aa, pa));
        match found {
            Some(i) => {
                used[i] = true;
                access_changes(
                    &a.access[i],
                    pa,
                    (&format!("{abase}/access/{i}"), &path),
                    out,
                );
            }
            // 002 #32, #46: a new provider verifies, with its form and photo.
            None => out.push(change(
                path,
                ChangeOp::Added,
                None,
                Some(pa.provider.clone()),
                &[VerificationForm, Photo],
            )),
        }
    }
    for (i, aa) in a.access.iter().enumerate() {
        if !used[i] {
            out.push(change(
                format!("{abase}/access/{i}"),
                ChangeOp::Removed,
                Some(aa.provider.clone()),
                None,
                &[],
            ));
        }
    }
    person_changes(
        &a.responsible_person,
        &p.responsible_person,
        &format!("{base}/responsiblePerson"),
        &[ResponsiblePersonId, VerificationForm],
        out,
    );
    other_changes(
        a,
        p,
        base,
        // The filing number is the bureau's: the approval keeps it
        // (whatever the proposed data says), so it is no change.
        &[
            "name",
            "domains",
            "homepage",
            "access",
            "responsiblePerson",
            "filingNumber",
        ],
        out,
    );
}

/// Fields of the model this module does not know by name (the model
/// grows): compared as JSON, reported as modified, needing nothing known.
fn other_changes<T: Serialize>(
    a: &T,
    p: &T,
    base: &str,
    known: &[&str],
    out: &mut Vec<FieldChange>,
) {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(p))) =
        (serde_json::to_value(a), serde_json::to_value(p))
    else {
        return;
    };
    let text = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v) => Some(v.to_string()),
    };
    let mut keys: Vec<&String> = a.keys().chain(p.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        if !known.contains(&key.as_str()) && a.get(key) != p.get(key) {
            out.push(change(
                format!("{base}/{key}"),
                ChangeOp::Modified,
                text(a.get(key)),
                text(p.get(key)),
                &[],
            ));
        }
    }
}

fn same_provider(a: &Access, b: &Access) -> bool {
    a.provider.trim() == b.provider.trim()
}

fn access_changes(a: &Access, p: &Access, bases: (&str, &str), out: &mut Vec<FieldChange>) {
    let (abase, base) = bases;
    let method = |a: &Access| a.method.map_or("", beian_rules::AccessMethod::name);
    scalar(out, format!("{base}/method"), method(a), method(p), &[]);
    scalar(
        out,
        format!("{base}/serverLocation"),
        &a.server_location,
        &p.server_location,
        &[],
    );
    set_changes(
        &a.ips,
        &p.ips,
        (&format!("{abase}/ips"), &format!("{base}/ips")),
        |s| s.trim().to_ascii_lowercase(),
        &[],
        &[],
        out,
    );
    other_changes(
        a,
        p,
        base,
        &["provider", "method", "serverLocation", "ips"],
        out,
    );
}

/// Items of `p` not in `a` (added, at their path in the proposed filing)
/// and items of `a` not in `p` (removed, at their path in the approved one).
fn set_changes(
    a: &[String],
    p: &[String],
    bases: (&str, &str),
    norm: fn(&str) -> String,
    added_docs: &[RequiredDocument],
    removed_docs: &[RequiredDocument],
    out: &mut Vec<FieldChange>,
) {
    let (abase, base) = bases;
    let an: Vec<String> = a.iter().map(|s| norm(s)).collect();
    let pn: Vec<String> = p.iter().map(|s| norm(s)).collect();
    let (aset, pset): (HashSet<&String>, HashSet<&String>) =
        (an.iter().collect(), pn.iter().collect());
    for (j, v) in p.iter().enumerate() {
        if !aset.contains(&pn[j]) {
            out.push(change(
                format!("{base}/{j}"),
                ChangeOp::Added,
                None,
                Some(v.clone()),
                added_docs,
            ));
        }
    }
    for (i, v) in a.iter().enumerate() {
        if !pset.contains(&an[i]) {
            out.push(change(
                format!("{abase}/{i}"),
                ChangeOp::Removed,
                Some(v.clone()),
                None,
                removed_docs,
            ));
        }
    }
}

/// A domain in the form it is compared in: IDNA, lower case.
pub(crate) fn norm_domain(d: &str) -> String {
    domain::to_ascii(d).unwrap_or_else(|_| domain::compact(d).to_ascii_lowercase())
}

/// Pairs websites: first those sharing a domain, then the rest by position.
pub(crate) fn pair_websites(approved: &[Website], proposed: &[Website]) -> Vec<WebsitePair> {
    let doms = |w: &Website| -> Vec<String> {
        w.domains
            .iter()
            .map(|d| norm_domain(d))
            .filter(|d| !d.is_empty())
            .collect()
    };
    // Each domain's approved websites, in order, with a cursor past the
    // taken ones (taken only grows): linear in the number of domains.
    let mut holders: HashMap<String, (Vec<usize>, usize)> = HashMap::new();
    for (i, w) in approved.iter().enumerate() {
        for d in doms(w) {
            let (list, _) = holders.entry(d).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut taken = vec![false; approved.len()];
    let mut of_proposed: Vec<Option<usize>> = proposed
        .iter()
        .map(|w| {
            // The first approved website not taken that shares a domain.
            let mut first: Option<usize> = None;
            for d in doms(w) {
                if let Some((list, cursor)) = holders.get_mut(&d) {
                    while *cursor < list.len() && taken[list[*cursor]] {
                        *cursor += 1;
                    }
                    if let Some(&i) = list.get(*cursor) {
                        first = Some(first.map_or(i, |f| f.min(i)));
                    }
                }
            }
            if let Some(i) = first {
                taken[i] = true;
            }
            first
        })
        .collect();
    for (p, slot) in of_proposed.iter_mut().enumerate() {
        if slot.is_none() && p < approved.len() && !taken[p] {
            taken[p] = true;
            *slot = Some(p);
        }
    }
    let mut pairs: Vec<WebsitePair> = of_proposed
        .into_iter()
        .enumerate()
        .map(|(p, a)| WebsitePair {
            approved: a,
            proposed: Some(p),
        })
        .collect();
    pairs.extend(
        (0..approved.len())
            .filter(|&i| !taken[i])
            .map(|i| WebsitePair {
                approved: Some(i),
                proposed: None,
            }),
    );
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing() -> Filing {
        serde_json::from_str(
            r#"{
            "subject": {"name": "张三", "documentNumber": "11010519491231002X", "province": "110000",
                        "responsiblePerson": {"name": "张三", "mobile": "13800000000"}},
            "websites": [
              {"name": "张三的博客", "domains": ["example.com", "例子.中国"], "homepage": "www.example.com",
               "access": [{"provider": "A", "ips": ["1.2.3.4", "1.2.3.5"]}]},
              {"name": "另一个网站", "domains": ["other.cn"], "homepage": "www.other.cn",
               "access": [{"provider": "A", "ips": ["1.2.3.4"]}, {"provider": "B", "ips": ["5.6.7.8"]}]}
            ]}"#,
        )
        .unwrap()
    }

    fn paths(d: &FilingDiff) -> Vec<(&str, ChangeOp)> {
        d.changes.iter().map(|c| (c.path.as_str(), c.op)).collect()
    }

    #[test]
    fn no_change_no_diff() {
        let f = filing();
        let d = diff(&f, &f);
        assert!(d.is_empty());
        assert!(!d.needs_filing_password);
        assert!(d.documents.is_empty());
    }

    #[test]
    fn reordering_is_not_a_change() {
        let a = filing();
        let mut p = a.clone();
        p.websites.swap(0, 1);
        p.websites[1].domains.reverse();
        p.websites[1].domains[0] = "XN--FSQU00A.xn--fiqs8s".into(); // same IDN
        p.websites[1].access[0].ips.reverse();
        p.websites[0].access.reverse();
        let d = diff(&a, &p);
        assert!(d.is_empty(), "{:?}", d.changes);
        assert_eq!(
            d.websites,
            [
                WebsitePair {
                    approved: Some(1),
                    proposed: Some(0)
                },
                WebsitePair {
                    approved: Some(0),
                    proposed: Some(1)
                }
            ]
        );
    }

    #[test]
    fn contact_changes_need_nothing() {
        let a = filing();
        let mut p = a.clone();
        p.subject.responsible_person.mobile = "13900000000".into();
        let d = diff(&a, &p);
        assert_eq!(
            paths(&d),
            [("/subject/responsiblePerson/mobile", ChangeOp::Modified)]
        );
        assert!(d.documents.is_empty());
        assert!(!d.needs_filing_password);
    }

    #[test]
    fn an_individual_renamed_needs_no_rename_proof() {
        let a = filing();
        let mut p = a.clone();
        p.subject.name = "张四".into();
        let d = diff(&a, &p);
        assert!(d.needs_filing_password);
        assert_eq!(
            d.documents,
            [
                RequiredDocument::SubjectCertificate,
                RequiredDocument::VerificationForm
            ]
        );
    }

    #[test]
    fn websites_domains_access_and_ips() {
        let a = filing();
        let mut p = a.clone();
        p.websites[0].domains.remove(1);
        p.websites[0].access[0].ips.push("1.2.3.6".into());
        p.websites[1].access.remove(0);
        p.websites[1].access.push(Access {
            provider: "C".into(),
            ..Access::default()
        });
        p.websites.push(Website {
            domains: vec!["new.com".into()],
            ..Website::default()
        });
        let d = diff(&a, &p);
        assert_eq!(
            paths(&d),
            [
                ("/websites/0/domains/1", ChangeOp::Removed),
                ("/websites/0/access/0/ips/2", ChangeOp::Added),
                ("/websites/1/access/1", ChangeOp::Added),
                ("/websites/1/access/0", ChangeOp::Removed),
                ("/websites/2", ChangeOp::Added),
            ]
        );
        assert_eq!(d.changes[2].after.as_deref(), Some("C"));
        assert_eq!(d.changes[3].before.as_deref(), Some("A"));
        assert!(d.documents.contains(&RequiredDocument::Photo));
    }

    #[test]
    fn removed_websites_come_last_with_approved_paths() {
        let a = filing();
        let mut p = a.clone();
        p.websites.remove(0);
        let d = diff(&a, &p);
        assert_eq!(paths(&d), [("/websites/0", ChangeOp::Removed)]);
        assert_eq!(d.changes[0].before.as_deref(), Some("example.com"));
        assert_eq!(
            d.websites,
            [
                WebsitePair {
                    approved: Some(1),
                    proposed: Some(0)
                },
                WebsitePair {
                    approved: Some(0),
                    proposed: None
                }
            ]
        );
    }

    #[test]
    fn a_website_whose_domains_all_changed_pairs_by_position() {
        let a = filing();
        let mut p = a.clone();
        p.websites[1].domains = vec!["renamed.cn".into()];
        let d = diff(&a, &p);
        assert_eq!(
            paths(&d),
            [
                ("/websites/1/domains/0", ChangeOp::Added),
                ("/websites/1/domains/0", ChangeOp::Removed),
            ]
        );
    }

    #[test]
    fn fields_not_known_by_name_are_still_changes() {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Grown {
            name: String,
            domain_owner: String,
            bulletin_board: bool,
            licence: Option<String>,
        }
        let a = Grown {
            name: "x".into(),
            domain_owner: "甲".into(),
            bulletin_board: false,
            licence: None,
        };
        let p = Grown {
            name: "y".into(),
            domain_owner: "乙".into(),
            bulletin_board: true,
            licence: Some("京B2-20040180".into()),
        };
        let mut out = Vec::new();
        other_changes(&a, &p, "/websites/0", &["name"], &mut out);
        let got: Vec<(&str, Option<&str>, Option<&str>)> = out
            .iter()
            .map(|c| (c.path.as_str(), c.before.as_deref(), c.after.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("/websites/0/bulletinBoard", Some("false"), Some("true")),
                ("/websites/0/domainOwner", Some("甲"), Some("乙")),
                ("/websites/0/licence", None, Some("京B2-20040180")),
            ]
        );
    }

    #[test]
    fn under_matches_whole_segments() {
        let a = filing();
        let mut p = a.clone();
        p.subject.address = "x".into();
        p.websites[1].name = "y".into();
        let d = diff(&a, &p);
        assert_eq!(d.under("/subject").count(), 1);
        assert_eq!(d.under("/websites/1").count(), 1);
        assert_eq!(d.under("/websites/").count(), 0);
        assert!(d.at("/subject/address").is_some());
    }
}
