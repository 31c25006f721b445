//! Where the wizard takes the user to fix a finding: the id of the input,
//! select or checkbox that holds the field at the finding's path. One
//! function, [`field_id`], matching on the rules crate's typed paths
//! ([`FieldPath`]): every path a finding can carry has its element, and the
//! inputs of the steps take their ids from the same functions
//! ([`input_id`], [`category_id`], [`document_id`], [`permit_index`]).
//! `tests/browser/wizard-fields.test.mjs` checks it for a filing of every
//! rule (`tests/every_finding.rs` makes them).

use beian_rules::checklist::{self, ChecklistItem};
use beian_rules::path::{
    AccessField, AttachmentField, FieldPath, Holder, PersonField, PreApprovalField, SubjectField,
    WebsiteField,
};
use beian_rules::{AttachmentKind, ContentCategory, Filing, Finding, SubjectType, Website};

use crate::draft::input_id;
use crate::fields::slug;

/// The id of the input of the field at `path` (the text inputs, selects
/// and dates bound to one field).
pub(crate) fn path_id(path: FieldPath) -> String {
    input_id(&path.to_string())
}

/// The id of the checkbox of content category `c` of website `i`.
pub(crate) fn category_id(i: usize, c: ContentCategory) -> String {
    format!(
        "{}-{}",
        path_id(FieldPath::website(i, WebsiteField::ContentCategories)),
        slug(c)
    )
}

/// The id of the checkbox of a checklist item: the documents of `place`
/// (`/subject/documents`, `/websites/0/documents`) of `kind`.
pub(crate) fn document_id(place: &str, kind: AttachmentKind) -> String {
    format!("{}-{}", input_id(place), slug(kind))
}

/// The index in website `w`'s pre-approvals of the entry of category `c`
/// (where the permit input writes it: a new entry goes last).
pub(crate) fn permit_index(w: Option<&Website>, c: ContentCategory) -> usize {
    w.map_or(0, |w| {
        w.pre_approvals
            .iter()
            .position(|p| p.category == Some(c))
            .unwrap_or(w.pre_approvals.len())
    })
}

/// True when website `i` shows a permit input for category `c`: the
/// categories that need a pre-approval (002 #41), and the bulletin board's
/// special filing unless a commercial licence covers it (001 #10).
pub(crate) fn has_permit_input(filing: &Filing, i: usize, c: ContentCategory) -> bool {
    let s = &filing.subject;
    let chosen = filing.websites.get(i).is_some_and(|w| {
        w.content_categories.contains(&c)
            || (c == ContentCategory::BulletinBoard && w.bulletin_board)
    });
    let needs = if c == ContentCategory::BulletinBoard {
        let licensed = s.commercial && !s.licence_number.trim().is_empty();
        s.subject_type != SubjectType::Individual && !licensed
    } else {
        checklist::needs_pre_approval(c, s.subject_type)
    };
    chosen && needs
}

/// The id of the permit input of category `c` of website `i`.
pub(crate) fn permit_id(filing: &Filing, i: usize, c: ContentCategory) -> String {
    let j = permit_index(filing.websites.get(i), c);
    path_id(FieldPath::website(
        i,
        WebsiteField::PreApproval(j, PreApprovalField::PermitNumber),
    ))
}

/// The category at `path` of website `i` (a content category or the
/// bulletin board).
fn category_at(filing: &Filing, i: usize, field: WebsiteField) -> Option<ContentCategory> {
    let w = filing.websites.get(i)?;
    match field {
        WebsiteField::ContentCategory(k) => w.content_categories.get(k).copied(),
        WebsiteField::BulletinBoard => Some(ContentCategory::BulletinBoard),
        WebsiteField::PreApproval(j, _) => w.pre_approvals.get(j).and_then(|p| p.category),
        _ => None,
    }
}

/// The checklist item a finding about the documents of `place` is about:
/// the `nth` required item not attached (the order in which the rules
/// report them), else the first item there.
fn missing_item(filing: &Filing, place: &str, nth: usize) -> Option<ChecklistItem> {
    let items: Vec<ChecklistItem> = checklist::checklist(filing)
        .into_iter()
        .filter(|i| i.path == place)
        .collect();
    items
        .iter()
        .filter(|i| i.required && !i.present)
        .nth(nth)
        .or_else(|| items.first())
        .cloned()
}

/// The id of the element that fixes finding `f` of `filing` (`nth`: how
/// many findings of the same rule and path come before it), or `None`
/// when it is about no field (the review shows it).
pub(crate) fn field_id(f: &Finding, nth: usize, filing: &Filing) -> Option<String> {
    let path: FieldPath = f.path.parse().ok()?;
    let person = |holder: Holder, field: PersonField| {
        path_id(holder.person(match field {
            PersonField::Whole => PersonField::Name,
            other => other,
        }))
    };
    let documents = |holder: Holder, k: Option<(usize, AttachmentField)>| {
        let place = holder.documents().to_string();
        let attachments = holder.documents_in(filing);
        match k {
            Some((k, AttachmentField::Date)) => path_id(holder.document(k, AttachmentField::Date)),
            Some((k, _)) => match attachments.and_then(|d| d.get(k)).and_then(|a| a.kind) {
                Some(kind) => document_id(&place, kind),
                None => path_id(path),
            },
            None => {
                // The authorisation letter of an authorised responsible
                // person, else the nth missing document.
                let kind = if f.rule.starts_with("organisation.") {
                    Some(AttachmentKind::AuthorisationLetter)
                } else {
                    missing_item(filing, &place, nth).map(|i| i.kind)
                };
                kind.map_or_else(|| path_id(path), |k| document_id(&place, k))
            }
        }
    };
    let category = |i: usize, field: WebsiteField| match category_at(filing, i, field) {
        Some(c) if has_permit_input(filing, i, c) => permit_id(filing, i, c),
        Some(c) => category_id(i, c),
        None => category_id(i, ContentCategory::Blog),
    };
    Some(match path {
        FieldPath::Filing => return None,
        FieldPath::Websites | FieldPath::Website(_, WebsiteField::Whole) => {
            let i = match path {
                FieldPath::Website(i, _) => i,
                _ => 0,
            };
            path_id(FieldPath::website(i, WebsiteField::Name))
        }
        FieldPath::Subject(s) => match s {
            SubjectField::Whole => path_id(FieldPath::subject(SubjectField::DocumentNumber)),
            SubjectField::ResponsiblePerson(p) => person(Holder::Subject, p),
            SubjectField::Documents => documents(Holder::Subject, None),
            SubjectField::Document(k, a) => documents(Holder::Subject, Some((k, a))),
            SubjectField::SubjectType
            | SubjectField::Name
            | SubjectField::DocumentType
            | SubjectField::DocumentNumber
            | SubjectField::Province
            | SubjectField::City
            | SubjectField::County
            | SubjectField::Address
            | SubjectField::ResponsiblePersonRole
            | SubjectField::Commercial
            | SubjectField::LicenceNumber
            | SubjectField::FilingNumber
            | SubjectField::FilingCreatedOn => path_id(path),
        },
        FieldPath::Website(i, w) => match w {
            WebsiteField::Whole => unreachable!("matched above"),
            WebsiteField::Domains => path_id(FieldPath::website(i, WebsiteField::Domain(0))),
            WebsiteField::Access => path_id(FieldPath::access(i, 0, AccessField::Provider)),
            WebsiteField::AccessEntry(j, a) => match a {
                AccessField::Whole => path_id(FieldPath::access(i, j, AccessField::Provider)),
                AccessField::Ips => path_id(FieldPath::access(i, j, AccessField::Ip(0))),
                AccessField::Provider
                | AccessField::Method
                | AccessField::ServerLocation
                | AccessField::Ip(_) => path_id(path),
            },
            WebsiteField::ResponsiblePerson(p) => person(Holder::Website(i), p),
            WebsiteField::ContentCategories => category_id(
                i,
                filing
                    .websites
                    .get(i)
                    .and_then(|w| w.content_categories.first().copied())
                    .unwrap_or(ContentCategory::Blog),
            ),
            WebsiteField::ContentCategory(_)
            | WebsiteField::BulletinBoard
            | WebsiteField::PreApproval(..) => category(i, w),
            WebsiteField::PreApprovals => {
                category(i, WebsiteField::PreApproval(0, PreApprovalField::Whole))
            }
            WebsiteField::Documents => documents(Holder::Website(i), None),
            WebsiteField::Document(k, a) => documents(Holder::Website(i), Some((k, a))),
            WebsiteField::Name
            | WebsiteField::Domain(_)
            | WebsiteField::Homepage
            | WebsiteField::DomainOwner
            | WebsiteField::FilingNumber => path_id(path),
        },
    })
}
