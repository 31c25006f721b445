//! # beian-rules
//!
//! The rules of a China ICP filing (ICP备案), written once and run
//! everywhere: in the browser (through WebAssembly) as the user types, and
//! again on the server on submit. Pure Rust: no I/O, no panics.
//!
//! A [`Filing`] goes in, a list of [`Finding`]s comes out; each finding
//! carries a stable rule id, the MIIT return code the filing system would
//! give (e.g. `"1015"`), the path of the field, a severity, a message in
//! zh-CN and en, and a suggested value where the fix is mechanical.
//!
//! ```
//! use beian_rules::{check, Filing};
//! let filing: Filing = serde_json::from_str(r#"{
//!     "subject": {"documentNumber": "11010519491231002x"},
//!     "websites": [{"domains": ["www.example.com"], "homepage": "http://www.other.cn"}]
//! }"#).unwrap();
//! let codes: Vec<_> = check(&filing).iter().map(|f| f.code.clone().unwrap_or_default()).collect();
//! assert_eq!(codes, ["1015", "1004", "1041"]);
//! ```
//!
//! Entry points:
//!
//! - [`check_with`]: a filing as it is typed: every entered field and the
//!   rules across fields; [`check_submission`] adds every required field and
//!   document left out (5001, the checklist of 004 3).
//! - [`Filing::from_json`]: reads a filing and reports a wrong JSON shape
//!   (an array where an object belongs …) as a 5001 [`SchemaError`] with
//!   its path; serde's derive alone would accept `[]` as a filing. It
//!   reads through [`json`], a strict JSON reader of its own (no serde_json
//!   in the reading path, which keeps the WebAssembly build small).
//! - [`check_field`] / [`check_field_with`]: one field as the user types it
//!   ([`FieldKind`] lists the kinds).
//! - [`checklist::checklist`]: the documents a filing hands in, for the
//!   wizard to show.
//! - [`FieldPath`]: the typed path of a field, list or item of a filing;
//!   a finding's `path` is its JSON pointer (`/websites/0/domains/1`).
//! - [`catalogue::rules`]: every rule with its id, MIIT code, severity and
//!   text; `crates/beian-rules/RULES.md` is generated from it, and with the
//!   `schema` feature the JSON Schema of [`Filing`] (`pkg/filing.schema.json`).
//!
//! Rules and the seed questions they come from are listed in the project's
//! RULES.md; each module cites its seeds.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The readers and name tables `beian_derive` generates name `::beian_rules`.
extern crate self as beian_rules;

pub mod account;
pub mod business_registration;
pub mod catalogue;
pub mod checklist;
pub mod completeness;
mod cross_field;
mod date;
pub mod division;
pub mod document;
pub mod domain;
pub mod email;
mod field;
pub mod filing_number;
mod finding;
pub mod footer;
pub mod foreign_permanent_residence;
mod generated;
pub mod homepage;
pub mod identifier;
pub mod ip;
pub mod json;
pub mod limits;
mod model;
pub mod org_code;
pub mod passport;
pub mod path;
pub mod phone;
pub mod psl;
pub mod residence_permit;
pub mod resident_id;
mod schema;
mod text;
pub mod text_safety;
pub mod travel_permit;
pub mod upload;
pub mod uscc;
pub mod website_name;

/// `#[derive(Named)]`: the name table of an enum from its serde names
/// (see [`Named`]).
pub use beian_derive::Named;
pub use cross_field::ABROAD;
pub use date::Date;
pub use field::{
    check_domain_field, check_field, check_field_with, check_number_field, FieldContext,
    FieldExtra, FieldKind, FieldResult, UnknownFieldKind,
};
pub use finding::{
    path_in_words, summarise, Finding, Message, RuleError, Severity, FINDINGS_PER_RULE,
};
pub use identifier::{Identifier, IdentifierKind, NumberKind};
pub use json::{Named, UnknownName};
pub use model::{
    Access, AccessMethod, Attachment, AttachmentKind, ContentCategory, DocumentType, Filing,
    Person, PreApproval, ResponsiblePersonRole, Subject, SubjectType, Website,
};
pub use path::FieldPath;
use path::{Holder, PersonField, SubjectField, WebsiteField};
pub use schema::SchemaError;

/// Settings of a whole-filing check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Today's date, for "not in the future" checks (none: not checked).
    pub today: Option<Date>,
}

/// Checks a whole filing with default [`Options`].
pub fn check(filing: &Filing) -> Vec<Finding> {
    check_with(filing, &Options::default())
}

/// Checks a whole filing as it is being filled in: every entered field's
/// rules, and the rules across fields (RULES.md). A field left empty gives
/// no finding here, except the few the wizard shows from the start (the
/// subject's document number, at least one website with a domain and a
/// homepage); [`check_submission`] adds every other required field and
/// document (5001).
///
/// Findings come in the order of the fields in the filing.
///
/// ```
/// use beian_rules::{check_with, Filing, Options};
/// let filing = Filing::from_json(r#"{"subject": {"documentNumber": "11010519491231002X"},
///     "websites": [{"name": "My Blog", "domains": ["example.com"], "homepage": "www.example.com",
///                   "access": [{"ips": ["192.168.1.10"]}]}]}"#).unwrap();
/// let rules: Vec<String> = check_with(&filing, &Options::default()).into_iter().map(|f| f.rule).collect();
/// assert_eq!(rules, ["website_name.latin_or_digits", "ip.not_public"]);
/// ```
pub fn check_with(filing: &Filing, options: &Options) -> Vec<Finding> {
    let mut out = Vec::new();
    completeness::subject_formats(filing, &mut out);
    check_subject(&filing.subject, options, &mut out);
    cross_field::subject(filing, options, &mut out);
    if filing.websites.is_empty() {
        out.push(Finding::new(
            "filing.websites_required",
            Some("5001"),
            &FieldPath::Websites.to_string(),
            Severity::Error,
            Message::new(
                "至少填写一个网站：只有主体信息、没有网站的备案不能提交。",
                "Add at least one website: a filing with the subject only and no website cannot be submitted.",
            ),
        ));
    }
    // 1039 inside the filing: a domain appears once per filing (003 #4, 002 #11).
    let checked: Vec<Vec<domain::Checked>> = filing
        .websites
        .iter()
        .map(|w| w.domains.iter().map(|d| domain::checked(d)).collect())
        .collect();
    let mut seen: cross_field::Seen<&str, (usize, usize)> = cross_field::Seen::new();
    let mut ips = cross_field::IpSeen::new();
    for (i, (website, checked)) in filing.websites.iter().zip(&checked).enumerate() {
        let at_site = |f| FieldPath::website(i, f);
        if !website.name.trim().is_empty() {
            check_website_name(filing, website, i, &mut out);
        }
        if website.domains.is_empty() {
            out.push(Finding::new(
                "website.domains_required",
                Some("5001"),
                &at_site(WebsiteField::Domains).to_string(),
                Severity::Error,
                Message::new("请至少填写一个域名。", "Enter at least one domain."),
            ));
        }
        for (j, (d, c)) in website.domains.iter().zip(checked).enumerate() {
            let path = at_site(WebsiteField::Domain(j));
            at(domain::findings_from(d, &c.result, ""), path, &mut out);
            if let Ok(valid) = &c.result {
                // Look-alike and mixed-script labels (UTS #39): warnings;
                // only a label in IDNA form can have any.
                if valid.ascii().contains("xn--") {
                    at(
                        text_safety::domain_findings(&valid.unicode(), ""),
                        path,
                        &mut out,
                    );
                }
                if let Some((fi, fj)) = seen.first_or_insert(valid.ascii(), (i, j)) {
                    let first = FieldPath::website(fi, WebsiteField::Domain(fj));
                    out.push(duplicate_domain(path, first, &valid.unicode()));
                }
            }
        }
        let listed: Vec<&str> = checked.iter().filter_map(domain::Checked::ascii).collect();
        at(
            homepage::findings_ascii(&website.homepage, &listed, ""),
            at_site(WebsiteField::Homepage),
            &mut out,
        );
        // 1040 inside the filing: an address once across every website's
        // access entries (002 #12, RULES.md; 001 其它 #16: several domains on
        // one server are listed in one website's domain list).
        cross_field::access(website, i, &mut ips, &mut out);
        check_person(
            &website.responsible_person,
            Holder::Website(i),
            options,
            &mut out,
        );
        cross_field::website(filing, i, website, &mut out);
        completeness::website_formats(website, i, &mut out);
    }
    // Text-direction controls in any text (warnings, rare: last).
    out.extend(text_safety::filing_findings(filing));
    out
}

/// Moves findings made at an empty path to `path`, whose text is made
/// only when there are any (most fields have none).
/// `parts` joined by `sep`: `[String]::join` by hand, so that the wasm has
/// one `join` (of `[&str]`) rather than two (issue 20).
pub(crate) fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

/// Sorts `v` ascending: a heapsort, O(n log n) for any input, in about a
/// tenth of the wasm code of `[u32]::sort_unstable` (measured for issue 20:
/// `beian/id` 2.0 KB, `beian` 1.9 KB smaller gzipped). For the short lists of
/// the rules (a division's successors, the hashes of a JSON object's keys).
pub(crate) fn sort_u32(v: &mut [u32]) {
    // Moves v[root] down the heap of v[..end].
    fn sift(v: &mut [u32], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for i in (0..v.len() / 2).rev() {
        sift(v, i, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

fn at(mut findings: Vec<Finding>, path: FieldPath, out: &mut Vec<Finding>) {
    if findings.is_empty() {
        return;
    }
    let path = path.to_string();
    for f in &mut findings {
        f.path.clone_from(&path);
    }
    out.append(&mut findings);
}

/// Checks a filing for submission: everything [`check_with`] finds, then
/// every required field left empty and every required document missing
/// (5001 and the checklist of 004 3, see [`completeness::required`] and
/// [`checklist::checklist`]).
///
/// ```
/// use beian_rules::{check_submission, Filing, Options};
/// let filing = Filing::from_json(r#"{"subject": {"documentNumber": "11010519491231002X"},
///     "websites": [{"domains": ["example.com"], "homepage": "www.example.com"}]}"#).unwrap();
/// let found = check_submission(&filing, &Options::default());
/// assert!(found.iter().any(|f| f.rule == "subject.name_required" && f.path == "/subject/name"));
/// assert!(found.iter().all(|f| f.is_error()));
/// ```
pub fn check_submission(filing: &Filing, options: &Options) -> Vec<Finding> {
    let mut out = check_with(filing, options);
    out.extend(completeness::required(filing));
    out
}

fn check_website_name(filing: &Filing, website: &Website, i: usize, out: &mut Vec<Finding>) {
    let subject = &filing.subject;
    let persons = [
        subject.name.as_str(),
        subject.responsible_person.name.as_str(),
        website.responsible_person.name.as_str(),
    ];
    let context = website_name::NameContext {
        subject_type: Some(subject.subject_type),
        prefix_approved: checklist::has(&website.documents, AttachmentKind::NameApproval)
            || checklist::has(&subject.documents, AttachmentKind::NameApproval),
        person_names: &persons,
    };
    at(
        website_name::findings_with(&website.name, "", &context),
        FieldPath::website(i, WebsiteField::Name),
        out,
    );
}

fn check_subject(subject: &Subject, options: &Options, out: &mut Vec<Finding>) {
    out.extend(document::subject_findings(
        subject.subject_type,
        subject.document_type,
        &subject.document_number,
        &FieldPath::subject(SubjectField::Whole).to_string(),
        options.today,
    ));
    out.extend(division::findings(
        &subject.province,
        &subject.city,
        &subject.county,
        &FieldPath::subject(SubjectField::Whole).to_string(),
    ));
    check_person(&subject.responsible_person, Holder::Subject, options, out);
}

/// A responsible person's document and contact data are checked once they
/// are entered; whether they must be entered is a completeness rule
/// ([`check_submission`]).
fn check_person(person: &Person, holder: Holder, options: &Options, out: &mut Vec<Finding>) {
    let mut found = document::person_findings(
        person.document_type,
        &person.document_number,
        "",
        options.today,
    );
    if !person.mobile.trim().is_empty() {
        found.extend(phone::mobile_findings(&person.mobile, "/mobile"));
    }
    if !person.phone.trim().is_empty() {
        found.extend(phone::landline_findings(&person.phone, "/phone"));
    }
    if !person.email.trim().is_empty() {
        found.extend(email::findings(&person.email, "/email"));
    }
    if !found.is_empty() {
        // The paths are relative to the person: put the person's in front.
        let base = holder.person(PersonField::Whole).to_string();
        for f in &mut found {
            f.path.insert_str(0, &base);
        }
        out.append(&mut found);
    }
}

fn duplicate_domain(path: FieldPath, first: FieldPath, domain: &str) -> Finding {
    let first = crate::finding::path_in_words(&first.to_string());
    Finding::new(
        "filing.duplicate_domain",
        Some("1039"),
        &path.to_string(),
        Severity::Error,
        Message::new(
            format!("域名 {domain} 在本次备案中已填写过（{}），每个域名只能出现一次。", first.zh_cn),
            format!("The domain {domain} is already listed in this filing ({}); each domain appears once.", first.en),
        ),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_u32_sorts() {
        let mut seed = 0x2545_f491_u32;
        for n in 0..200 {
            let mut v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    seed % (n as u32 / 2 + 1)
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            super::sort_u32(&mut v);
            assert_eq!(v, want);
        }
    }

    use super::*;

    fn filing(id: &str, domains: &[&str], homepage: &str) -> Filing {
        Filing {
            subject: Subject {
                document_number: id.into(),
                ..Subject::default()
            },
            websites: vec![Website {
                domains: domains.iter().map(|d| d.to_string()).collect(),
                homepage: homepage.into(),
                ..Website::default()
            }],
        }
    }

    fn today() -> Options {
        Options {
            today: Date::new(2026, 11, 25),
        }
    }

    /// An individual's filing with every field and document (004 3).
    pub(crate) const INDIVIDUAL: &str = r#"{
        "subject": {"subjectType": "individual", "name": "张三", "documentType": "resident_id",
            "documentNumber": "11010519491231002X", "province": "110000", "city": "", "county": "110105",
            "address": "北京市朝阳区某路1号",
            "responsiblePerson": {"name": "张三", "documentType": "resident_id",
                "documentNumber": "11010519491231002X", "mobile": "13800138000",
                "phone": "010-62345678", "email": "zs@example.com"},
            "filingCreatedOn": "2026-11-20",
            "documents": [{"kind": "subject_document"}, {"kind": "responsible_person_document"},
                {"kind": "security_agreement", "date": "2026-11-21"},
                {"kind": "verification_form", "date": "2026-11-21"},
                {"kind": "photo", "date": "2026-11-21"}]},
        "websites": [{"name": "张三的读书笔记", "domains": ["example.com", "例子.中国"],
            "homepage": "https://www.example.com/",
            "access": [{"provider": "某某云计算有限公司", "method": "cloud", "serverLocation": "110000",
                "ips": ["203.119.80.1", "240e::1"]}],
            "responsiblePerson": {"name": "张三", "documentType": "resident_id",
                "documentNumber": "11010519491231002X", "mobile": "13800138000", "email": "zs@example.com"},
            "contentCategories": ["blog", "education"], "domainOwner": "张三",
            "documents": [{"kind": "domain_certificate"}]}]
    }"#;

    /// A commercial company's filing with a pre-approval, a bulletin board
    /// and a shop (002 #29, #30, #41; 004 3, 其它 4).
    pub(crate) const ENTERPRISE: &str = r#"{
        "subject": {"subjectType": "enterprise", "name": "深圳市某某科技有限公司",
            "documentType": "unified_social_credit_code", "documentNumber": "9144030071526726XG",
            "province": "440000", "city": "440300", "county": "440305", "address": "深圳市南山区某路2号",
            "responsiblePerson": {"name": "李四", "documentType": "resident_id",
                "documentNumber": "11010519491231002X", "mobile": "19212345678",
                "phone": "0755-86013388", "email": "lisi@example.cn"},
            "responsiblePersonRole": "authorised", "commercial": true, "licenceNumber": "粤B2-20090059",
            "filingNumber": "粤ICP备2021012345号", "filingCreatedOn": "2026-11-20",
            "documents": [{"kind": "subject_document"}, {"kind": "responsible_person_document"},
                {"kind": "authorisation_letter"},
                {"kind": "security_agreement", "date": "2026-11-24"},
                {"kind": "verification_form", "date": "2026-11-24"},
                {"kind": "photo", "date": "2026-11-24"}]},
        "websites": [{"name": "某某科技新闻网", "domains": ["example.cn"], "homepage": "http://www.example.cn",
            "access": [{"provider": "某某云计算有限公司", "method": "cloud", "serverLocation": "440000",
                "ips": ["203.119.80.1"]}, {"provider": "其它", "method": "colocation",
                "serverLocation": "其它", "ips": ["8.8.4.4", "2001:4860:4860::8888"]}],
            "responsiblePerson": {"name": "王五", "documentType": "resident_id",
                "documentNumber": "11010519491231002X", "mobile": "18612345678", "email": "ww@example.cn"},
            "contentCategories": ["news", "e_commerce", "company"], "bulletinBoard": true,
            "preApprovals": [{"category": "news", "permitNumber": "44120170001"}],
            "domainOwner": "深圳市某某科技有限公司",
            "documents": [{"kind": "domain_certificate"}, {"kind": "pre_approval_document"}]}]
    }"#;

    #[test]
    fn a_correct_filing_has_no_findings() {
        for json in [INDIVIDUAL, ENTERPRISE] {
            let f = Filing::from_json(json).unwrap();
            assert_eq!(check_with(&f, &today()), vec![], "{json}");
            assert_eq!(check_submission(&f, &today()), vec![], "{json}");
        }
        // The minimal correct filing of the first wizard: clean while typed.
        let f = filing(
            "11010519491231002X",
            &["example.com", "例子.中国"],
            "https://www.example.com/",
        );
        assert_eq!(check(&f), vec![]);
    }

    #[test]
    fn the_three_headline_findings_with_paths() {
        let f = filing(
            "11010519491231002x",
            &["example.com", "www.example.cn"],
            "http://evil.cn",
        );
        let found: Vec<(String, Option<String>, Option<String>)> = check(&f)
            .into_iter()
            .map(|f| (f.path, f.code, f.suggestion))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "/subject/documentNumber".into(),
                    Some("1015".into()),
                    Some("11010519491231002X".into())
                ),
                (
                    "/websites/0/domains/1".into(),
                    Some("1004".into()),
                    Some("example.cn".into())
                ),
                // The first valid domain's usual homepage (issue 17).
                (
                    "/websites/0/homepage".into(),
                    Some("1041".into()),
                    Some("https://www.example.com/".into())
                ),
            ]
        );
    }

    /// A filing with only the subject's document number and one website's
    /// domains and homepage: on submission, findings at those paths plus the
    /// "required" ones (5001) and the missing documents (004 3).
    #[test]
    fn submission_adds_only_required_findings() {
        let f = filing(
            "11010519491231002x",
            &["example.com", "www.example.cn"],
            "http://evil.cn",
        );
        let typed = check_with(&f, &today());
        let submitted = check_submission(&f, &today());
        assert_eq!(submitted[..typed.len()], typed[..]);
        let extra = &submitted[typed.len()..];
        assert!(extra.len() > 10);
        for finding in extra {
            assert!(
                finding.rule.ends_with("_required") || finding.rule == "documents.missing",
                "{finding:?}"
            );
            assert!(finding.is_error());
        }
        for path in [
            "/subject/name",
            "/subject/address",
            "/websites/0/name",
            "/websites/0/access",
        ] {
            assert!(extra.iter().any(|f| f.path == path), "{path}");
        }
    }

    #[test]
    fn duplicate_domain_across_websites_is_1039() {
        let mut f = filing("11010519491231002X", &["example.com"], "example.com");
        f.websites.push(Website {
            domains: vec!["EXAMPLE.com".into()],
            homepage: "www.example.com".into(),
            ..Website::default()
        });
        let dup: Vec<_> = check(&f)
            .into_iter()
            .filter(|f| f.code.as_deref() == Some("1039"))
            .collect();
        assert_eq!(dup.len(), 1);
        assert_eq!(dup[0].path, "/websites/1/domains/0");
    }

    /// 002 #12 (1040): an address once in the filing's access entries,
    /// within a website and across websites (RULES.md: "an access IP
    /// appears once per filing"; 001 其它 #16: the domains of one server are
    /// listed in one website's domain list).
    #[test]
    fn duplicate_ip_in_a_filing_is_1040() {
        let mut f = Filing::from_json(INDIVIDUAL).unwrap();
        f.websites[0].access.push(Access {
            provider: "另一家接入商".into(),
            method: Some(crate::AccessMethod::Cloud),
            server_location: "110000".into(),
            ips: vec!["203.119.80.1".into()],
        });
        let mut second = Website {
            name: "张三的相册集".into(),
            domains: vec!["example.net".into()],
            homepage: "www.example.net".into(),
            access: vec![f.websites[0].access[0].clone()],
            ..f.websites[0].clone()
        };
        second.access[0].ips = vec!["203.119.80.2".into(), "203.119.80.1".into()];
        f.websites.push(second);
        let found: Vec<(String, String)> = check_with(&f, &today())
            .into_iter()
            .map(|f| (f.rule, f.path))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "access.duplicate_ip".to_string(),
                    "/websites/0/access/1/ips/0".to_string()
                ),
                (
                    "access.duplicate_ip".to_string(),
                    "/websites/1/access/0/ips/1".to_string()
                )
            ]
        );
        // Another address on the second website: no finding.
        f.websites[1].access[0].ips.pop();
        f.websites[0].access.pop();
        assert!(check_with(&f, &today()).is_empty());
    }

    #[test]
    fn empty_filing_reports_required_fields() {
        let rules: Vec<String> = check(&Filing::default())
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(rules, ["resident_id.required", "filing.websites_required"]);
        let rules: Vec<String> = check_submission(&Filing::default(), &Options::default())
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(
            rules[..2],
            ["resident_id.required", "filing.websites_required"]
        );
        assert!(rules.contains(&"subject.name_required".to_string()));
        assert!(rules.contains(&"documents.missing".to_string()));
    }

    #[test]
    fn future_birth_date_needs_today() {
        let first17 = "11010521000101002";
        let id = format!("{first17}{}", resident_id::check_char(first17).unwrap());
        let f = filing(&id, &["example.com"], "example.com");
        assert_eq!(check(&f), vec![]);
        let today = Date::new(2026, 11, 25);
        let rules: Vec<String> = check_with(&f, &Options { today })
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(rules, ["resident_id.future_birth_date"]);
    }

    #[test]
    fn every_finding_is_listed_in_the_catalogue() {
        let mut f = Filing::from_json(ENTERPRISE).unwrap();
        f.subject.responsible_person.mobile = "138 0013 8000".into();
        f.websites[0].name = "中国新闻网Online".into();
        f.websites[0].access[0].ips.push("10.0.0.1".into());
        for finding in check_submission(&f, &today()) {
            assert!(catalogue::is_listed(&finding), "{finding:?}");
        }
    }
}
