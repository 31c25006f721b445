//! Field paths: where in a [`Filing`] a field, a list or a list item is.
//!
//! A [`FieldPath`] is typed: each variant names one field of the model, so
//! a misspelt field is a compile error, not a finding that is silently
//! never shown. It displays as the JSON pointer (RFC 6901) of the field in
//! the filing's JSON (`/subject/documentNumber`, `/websites/0/domains/1`),
//! which is what a [`Finding`](crate::Finding)'s `path` holds on the wire,
//! and parses back from it ([`FromStr`], total: any other text is an
//! error). [`FieldPath::text`] and [`FieldPath::text_mut`] read and write
//! the text at a path.
//!
//! ```
//! use beian_rules::path::{FieldPath, WebsiteField};
//! let p = FieldPath::website(0, WebsiteField::Domain(1));
//! assert_eq!(p.to_string(), "/websites/0/domains/1");
//! assert_eq!("/websites/0/domains/1".parse::<FieldPath>(), Ok(p));
//! assert!("/websites/0/domain/1".parse::<FieldPath>().is_err());
//! ```

use std::fmt;
use std::str::FromStr;

use crate::model::{Access, Attachment, Filing, Person, PreApproval, Subject, Website};

/// A field, list or list item of a [`Filing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldPath {
    /// The whole filing (the empty pointer `""`).
    Filing,
    /// The subject or one of its fields (`/subject…`).
    Subject(SubjectField),
    /// The list of websites (`/websites`).
    Websites,
    /// Website `i` or one of its fields (`/websites/i…`).
    Website(usize, WebsiteField),
}

/// The subject or one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectField {
    /// The subject itself (`/subject`).
    Whole,
    /// `subjectType`
    SubjectType,
    /// `name`
    Name,
    /// `documentType`
    DocumentType,
    /// `documentNumber`
    DocumentNumber,
    /// `province`
    Province,
    /// `city`
    City,
    /// `county`
    County,
    /// `address`
    Address,
    /// `responsiblePerson` or one of its fields.
    ResponsiblePerson(PersonField),
    /// `responsiblePersonRole`
    ResponsiblePersonRole,
    /// `commercial`
    Commercial,
    /// `licenceNumber`
    LicenceNumber,
    /// `filingNumber`
    FilingNumber,
    /// The list `documents`.
    Documents,
    /// Document `k` of `documents` or one of its fields.
    Document(usize, AttachmentField),
    /// `filingCreatedOn`
    FilingCreatedOn,
}

/// A responsible person or one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonField {
    /// The person itself (`…/responsiblePerson`).
    Whole,
    /// `name`
    Name,
    /// `documentType`
    DocumentType,
    /// `documentNumber`
    DocumentNumber,
    /// `mobile`
    Mobile,
    /// `phone`
    Phone,
    /// `email`
    Email,
}

/// A website's field, list or list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebsiteField {
    /// The website itself (`/websites/i`).
    Whole,
    /// `name`
    Name,
    /// The list `domains`.
    Domains,
    /// Domain `j`.
    Domain(usize),
    /// `homepage`
    Homepage,
    /// The list `access`.
    Access,
    /// Access entry `j` or one of its fields.
    AccessEntry(usize, AccessField),
    /// `responsiblePerson` or one of its fields.
    ResponsiblePerson(PersonField),
    /// The list `contentCategories`.
    ContentCategories,
    /// Content category `j`.
    ContentCategory(usize),
    /// The list `preApprovals`.
    PreApprovals,
    /// Pre-approval `j` or one of its fields.
    PreApproval(usize, PreApprovalField),
    /// `bulletinBoard`
    BulletinBoard,
    /// `domainOwner`
    DomainOwner,
    /// The list `documents`.
    Documents,
    /// Document `j` of `documents` or one of its fields.
    Document(usize, AttachmentField),
    /// `filingNumber`
    FilingNumber,
}

/// An access entry or one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessField {
    /// The entry itself.
    Whole,
    /// `provider`
    Provider,
    /// `method`
    Method,
    /// `serverLocation`
    ServerLocation,
    /// The list `ips`.
    Ips,
    /// IP address `k`.
    Ip(usize),
}

/// A pre-approval or one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PreApprovalField {
    /// The pre-approval itself.
    Whole,
    /// `category`
    Category,
    /// `permitNumber`
    PermitNumber,
}

/// A document (attachment) or one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttachmentField {
    /// The document itself.
    Whole,
    /// `kind`
    Kind,
    /// `date`
    Date,
}

/// Text that is not the path of a field of a filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathError;

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not the path of a field of a filing")
    }
}

impl std::error::Error for PathError {}

impl FieldPath {
    /// `/subject/…`: a field of the subject.
    pub const fn subject(field: SubjectField) -> Self {
        FieldPath::Subject(field)
    }

    /// `/websites/i/…`: a field of website `i`.
    pub const fn website(i: usize, field: WebsiteField) -> Self {
        FieldPath::Website(i, field)
    }

    /// `/subject/responsiblePerson/…`.
    pub const fn subject_person(field: PersonField) -> Self {
        FieldPath::Subject(SubjectField::ResponsiblePerson(field))
    }

    /// `/websites/i/access/j/…`.
    pub const fn access(i: usize, j: usize, field: AccessField) -> Self {
        FieldPath::Website(i, WebsiteField::AccessEntry(j, field))
    }

    /// The path of item `k` of the list at `self` (`/websites` → `/websites/k`,
    /// `/websites/0/domains` → `/websites/0/domains/k` …); `None` when `self`
    /// is no list.
    ///
    /// ```
    /// use beian_rules::path::{FieldPath, SubjectField};
    /// let docs = FieldPath::subject(SubjectField::Documents);
    /// assert_eq!(docs.item(2).unwrap().to_string(), "/subject/documents/2");
    /// assert_eq!(FieldPath::Filing.item(0), None);
    /// ```
    pub const fn item(self, k: usize) -> Option<FieldPath> {
        use FieldPath as P;
        use WebsiteField as W;
        Some(match self {
            P::Websites => P::Website(k, W::Whole),
            P::Subject(SubjectField::Documents) => {
                P::Subject(SubjectField::Document(k, AttachmentField::Whole))
            }
            P::Website(i, W::Domains) => P::Website(i, W::Domain(k)),
            P::Website(i, W::Access) => P::Website(i, W::AccessEntry(k, AccessField::Whole)),
            P::Website(i, W::AccessEntry(j, AccessField::Ips)) => {
                P::Website(i, W::AccessEntry(j, AccessField::Ip(k)))
            }
            P::Website(i, W::ContentCategories) => P::Website(i, W::ContentCategory(k)),
            P::Website(i, W::PreApprovals) => {
                P::Website(i, W::PreApproval(k, PreApprovalField::Whole))
            }
            P::Website(i, W::Documents) => P::Website(i, W::Document(k, AttachmentField::Whole)),
            _ => return None,
        })
    }

    /// The list and the index when `self` is in an item of a list, for
    /// the innermost list (`/websites/0/access/1/ips/2` → (`/websites/0/access/1/ips`, 2)).
    ///
    /// ```
    /// use beian_rules::path::{FieldPath, WebsiteField};
    /// let p: FieldPath = "/websites/3/documents/1/date".parse().unwrap();
    /// assert_eq!(p.list_item(), Some((FieldPath::website(3, WebsiteField::Documents), 1)));
    /// ```
    pub const fn list_item(self) -> Option<(FieldPath, usize)> {
        use FieldPath as P;
        use WebsiteField as W;
        Some(match self {
            P::Subject(SubjectField::Document(k, _)) => (P::Subject(SubjectField::Documents), k),
            P::Website(i, W::Domain(k)) => (P::Website(i, W::Domains), k),
            P::Website(i, W::AccessEntry(j, AccessField::Ip(k))) => {
                (P::Website(i, W::AccessEntry(j, AccessField::Ips)), k)
            }
            P::Website(i, W::AccessEntry(k, _)) => (P::Website(i, W::Access), k),
            P::Website(i, W::ContentCategory(k)) => (P::Website(i, W::ContentCategories), k),
            P::Website(i, W::PreApproval(k, _)) => (P::Website(i, W::PreApprovals), k),
            P::Website(i, W::Document(k, _)) => (P::Website(i, W::Documents), k),
            P::Website(i, _) => (P::Websites, i),
            _ => return None,
        })
    }

    /// Where `self` is once item `k` of the list at `list` is removed:
    /// `None` inside item `k`; in a later item, one index lower;
    /// elsewhere unchanged (`/websites/2/name` → `/websites/1/name` when
    /// website 1 goes).
    ///
    /// ```
    /// use beian_rules::path::{FieldPath, WebsiteField};
    /// let p: FieldPath = "/websites/2/domains/0".parse().unwrap();
    /// let moved = p.after_removal(FieldPath::Websites, 1).unwrap();
    /// assert_eq!(moved.to_string(), "/websites/1/domains/0");
    /// assert_eq!(p.after_removal(FieldPath::Websites, 2), None);
    /// let other = p.after_removal(FieldPath::website(2, WebsiteField::Access), 0);
    /// assert_eq!(other, Some(p));
    /// ```
    pub fn after_removal(self, list: FieldPath, k: usize) -> Option<FieldPath> {
        // Walk out from the innermost list to find the item of `list`
        // that holds `self`.
        let mut inner = self;
        let index = loop {
            let Some((l, i)) = inner.list_item() else {
                return Some(self);
            };
            if l == list {
                break i;
            }
            inner = l;
        };
        let new = match index.cmp(&k) {
            std::cmp::Ordering::Less => return Some(self),
            std::cmp::Ordering::Equal => return None,
            std::cmp::Ordering::Greater => index - 1,
        };
        Some(self.with_index(list, new))
    }

    /// `self` with the index of its item of `list` set to `n`.
    fn with_index(self, list: FieldPath, n: usize) -> FieldPath {
        use FieldPath as P;
        use WebsiteField as W;
        match (list, self) {
            (P::Websites, P::Website(_, f)) => P::Website(n, f),
            (P::Subject(SubjectField::Documents), P::Subject(SubjectField::Document(_, f))) => {
                P::Subject(SubjectField::Document(n, f))
            }
            (
                P::Website(_, W::AccessEntry(_, AccessField::Ips)),
                P::Website(i, W::AccessEntry(j, AccessField::Ip(_))),
            ) => P::Website(i, W::AccessEntry(j, AccessField::Ip(n))),
            (P::Website(_, l), P::Website(i, f)) => P::Website(
                i,
                match (l, f) {
                    (W::Domains, W::Domain(_)) => W::Domain(n),
                    (W::Access, W::AccessEntry(_, a)) => W::AccessEntry(n, a),
                    (W::ContentCategories, W::ContentCategory(_)) => W::ContentCategory(n),
                    (W::PreApprovals, W::PreApproval(_, p)) => W::PreApproval(n, p),
                    (W::Documents, W::Document(_, d)) => W::Document(n, d),
                    (_, f) => f,
                },
            ),
            (_, p) => p,
        }
    }

    /// The path one level up: the list of an item, the struct of a field
    /// (`/websites/0/access/1/ips/2` → `/websites/0/access/1/ips`); `None`
    /// for the whole filing.
    ///
    /// ```
    /// use beian_rules::FieldPath;
    /// let p: FieldPath = "/websites/0/access/1/ips/2".parse().unwrap();
    /// assert_eq!(p.parent().unwrap().to_string(), "/websites/0/access/1/ips");
    /// assert_eq!(FieldPath::Websites.parent(), Some(FieldPath::Filing));
    /// assert_eq!(FieldPath::Filing.parent(), None);
    /// ```
    pub const fn parent(self) -> Option<FieldPath> {
        use FieldPath as P;
        use SubjectField as S;
        use WebsiteField as W;
        Some(match self {
            P::Filing => return None,
            P::Websites | P::Subject(S::Whole) => P::Filing,
            P::Subject(S::ResponsiblePerson(PersonField::Whole)) => P::Subject(S::Whole),
            P::Subject(S::ResponsiblePerson(_)) => {
                P::Subject(S::ResponsiblePerson(PersonField::Whole))
            }
            P::Subject(S::Document(_, AttachmentField::Whole)) => P::Subject(S::Documents),
            P::Subject(S::Document(k, _)) => P::Subject(S::Document(k, AttachmentField::Whole)),
            P::Subject(_) => P::Subject(S::Whole),
            P::Website(_, W::Whole) => P::Websites,
            P::Website(i, f) => P::Website(
                i,
                match f {
                    W::Domain(_) => W::Domains,
                    W::ContentCategory(_) => W::ContentCategories,
                    W::AccessEntry(_, AccessField::Whole) => W::Access,
                    W::AccessEntry(j, AccessField::Ip(_)) => W::AccessEntry(j, AccessField::Ips),
                    W::AccessEntry(j, _) => W::AccessEntry(j, AccessField::Whole),
                    W::PreApproval(_, PreApprovalField::Whole) => W::PreApprovals,
                    W::PreApproval(j, _) => W::PreApproval(j, PreApprovalField::Whole),
                    W::Document(_, AttachmentField::Whole) => W::Documents,
                    W::Document(j, _) => W::Document(j, AttachmentField::Whole),
                    W::ResponsiblePerson(PersonField::Whole) => W::Whole,
                    W::ResponsiblePerson(_) => W::ResponsiblePerson(PersonField::Whole),
                    _ => W::Whole,
                },
            ),
        })
    }

    /// The text at this path, when it is a text field (or list item) that
    /// the filing has.
    ///
    /// ```
    /// use beian_rules::path::{FieldPath, WebsiteField};
    /// use beian_rules::{Filing, Website};
    /// let f = Filing { websites: vec![Website { domains: vec!["example.com".into()], ..Website::default() }], ..Filing::default() };
    /// assert_eq!(FieldPath::website(0, WebsiteField::Domain(0)).text(&f), Some("example.com"));
    /// assert_eq!(FieldPath::website(1, WebsiteField::Name).text(&f), None);
    /// ```
    pub fn text(self, filing: &Filing) -> Option<&str> {
        match self {
            FieldPath::Subject(s) => subject_text(&filing.subject, s).map(|t| t.as_str()),
            FieldPath::Website(i, w) => {
                website_text(filing.websites.get(i)?, w).map(|t| t.as_str())
            }
            FieldPath::Filing | FieldPath::Websites => None,
        }
    }

    /// The text at this path to write, when it is a text field (or list
    /// item) that the filing has.
    ///
    /// ```
    /// use beian_rules::path::{FieldPath, SubjectField};
    /// let mut f = beian_rules::Filing::default();
    /// *FieldPath::subject(SubjectField::Name).text_mut(&mut f).unwrap() = "张三".into();
    /// assert_eq!(f.subject.name, "张三");
    /// ```
    pub fn text_mut(self, filing: &mut Filing) -> Option<&mut String> {
        match self {
            FieldPath::Subject(s) => subject_text_mut(&mut filing.subject, s),
            FieldPath::Website(i, w) => website_text_mut(filing.websites.get_mut(i)?, w),
            FieldPath::Filing | FieldPath::Websites => None,
        }
    }
}

/// Who holds a responsible person and documents: the subject or website
/// `i`.
///
/// ```
/// use beian_rules::path::{AttachmentField, Holder, PersonField};
/// assert_eq!(Holder::Website(1).person(PersonField::Mobile).to_string(), "/websites/1/responsiblePerson/mobile");
/// assert_eq!(Holder::Subject.document(0, AttachmentField::Date).to_string(), "/subject/documents/0/date");
/// assert_eq!(Holder::of_documents("/websites/2/documents".parse().unwrap()), Some(Holder::Website(2)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holder {
    /// The subject.
    Subject,
    /// Website `i`.
    Website(usize),
}

impl Holder {
    /// The path of a field of the holder's responsible person.
    pub const fn person(self, field: PersonField) -> FieldPath {
        match self {
            Holder::Subject => FieldPath::Subject(SubjectField::ResponsiblePerson(field)),
            Holder::Website(i) => FieldPath::Website(i, WebsiteField::ResponsiblePerson(field)),
        }
    }

    /// The path of the holder's list of documents.
    pub const fn documents(self) -> FieldPath {
        match self {
            Holder::Subject => FieldPath::Subject(SubjectField::Documents),
            Holder::Website(i) => FieldPath::Website(i, WebsiteField::Documents),
        }
    }

    /// The path of (a field of) the holder's document `k`.
    pub const fn document(self, k: usize, field: AttachmentField) -> FieldPath {
        match self {
            Holder::Subject => FieldPath::Subject(SubjectField::Document(k, field)),
            Holder::Website(i) => FieldPath::Website(i, WebsiteField::Document(k, field)),
        }
    }

    /// The holder of the list of documents at `path`.
    pub const fn of_documents(path: FieldPath) -> Option<Holder> {
        match path {
            FieldPath::Subject(SubjectField::Documents) => Some(Holder::Subject),
            FieldPath::Website(i, WebsiteField::Documents) => Some(Holder::Website(i)),
            _ => None,
        }
    }

    /// The holder's responsible person in `filing`.
    pub fn person_in(self, filing: &Filing) -> Option<&Person> {
        match self {
            Holder::Subject => Some(&filing.subject.responsible_person),
            Holder::Website(i) => filing.websites.get(i).map(|w| &w.responsible_person),
        }
    }

    /// The holder's responsible person in `filing`, to write.
    pub fn person_in_mut(self, filing: &mut Filing) -> Option<&mut Person> {
        match self {
            Holder::Subject => Some(&mut filing.subject.responsible_person),
            Holder::Website(i) => filing
                .websites
                .get_mut(i)
                .map(|w| &mut w.responsible_person),
        }
    }

    /// The holder's documents in `filing`.
    pub fn documents_in(self, filing: &Filing) -> Option<&Vec<Attachment>> {
        match self {
            Holder::Subject => Some(&filing.subject.documents),
            Holder::Website(i) => filing.websites.get(i).map(|w| &w.documents),
        }
    }

    /// The holder's documents in `filing`, to write.
    pub fn documents_in_mut(self, filing: &mut Filing) -> Option<&mut Vec<Attachment>> {
        match self {
            Holder::Subject => Some(&mut filing.subject.documents),
            Holder::Website(i) => filing.websites.get_mut(i).map(|w| &mut w.documents),
        }
    }
}

/// Every text of `filing` with its path, in the order of the fields
/// (subject, its responsible person, then each website: name, homepage,
/// domain owner, domains, access entries, permit numbers, responsible
/// person). [`FieldPath::text`] reads each of them back.
///
/// ```
/// let mut f = beian_rules::Filing::default();
/// f.websites.push(beian_rules::Website { domains: vec!["example.com".into()], ..Default::default() });
/// let texts = beian_rules::path::text_fields(&f);
/// assert!(texts.iter().any(|(p, t)| p.to_string() == "/websites/0/domains/0" && *t == "example.com"));
/// ```
pub fn text_fields(filing: &Filing) -> Vec<(FieldPath, &str)> {
    use SubjectField as S;
    use WebsiteField as W;
    let mut out = Vec::new();
    let s = &filing.subject;
    for field in [
        S::Name,
        S::DocumentNumber,
        S::Province,
        S::City,
        S::County,
        S::Address,
        S::LicenceNumber,
        S::FilingNumber,
    ] {
        if let Some(t) = subject_text(s, field) {
            out.push((FieldPath::Subject(field), t.as_str()));
        }
    }
    person_fields(&s.responsible_person, Holder::Subject, &mut out);
    for (i, w) in filing.websites.iter().enumerate() {
        let at = |f| FieldPath::Website(i, f);
        out.push((at(W::Name), w.name.as_str()));
        out.push((at(W::Homepage), w.homepage.as_str()));
        out.push((at(W::DomainOwner), w.domain_owner.as_str()));
        out.push((at(W::FilingNumber), w.filing_number.as_str()));
        for (j, d) in w.domains.iter().enumerate() {
            out.push((at(W::Domain(j)), d.as_str()));
        }
        for (j, a) in w.access.iter().enumerate() {
            let at = |f| FieldPath::Website(i, W::AccessEntry(j, f));
            out.push((at(AccessField::Provider), a.provider.as_str()));
            out.push((at(AccessField::ServerLocation), a.server_location.as_str()));
            for (k, ip) in a.ips.iter().enumerate() {
                out.push((at(AccessField::Ip(k)), ip.as_str()));
            }
        }
        for (j, p) in w.pre_approvals.iter().enumerate() {
            out.push((
                at(W::PreApproval(j, PreApprovalField::PermitNumber)),
                p.permit_number.as_str(),
            ));
        }
        person_fields(&w.responsible_person, Holder::Website(i), &mut out);
    }
    out
}

fn person_fields<'a>(p: &'a Person, holder: Holder, out: &mut Vec<(FieldPath, &'a str)>) {
    for field in [
        PersonField::Name,
        PersonField::DocumentNumber,
        PersonField::Mobile,
        PersonField::Phone,
        PersonField::Email,
    ] {
        if let Some(t) = person_text(p, field) {
            out.push((holder.person(field), t.as_str()));
        }
    }
}

// The readers and writers: one match per struct, each in two forms (shared
// and mutable) that a test holds equal.

fn subject_text(s: &Subject, f: SubjectField) -> Option<&String> {
    use SubjectField as F;
    Some(match f {
        F::Name => &s.name,
        F::DocumentNumber => &s.document_number,
        F::Province => &s.province,
        F::City => &s.city,
        F::County => &s.county,
        F::Address => &s.address,
        F::LicenceNumber => &s.licence_number,
        F::FilingNumber => &s.filing_number,
        F::ResponsiblePerson(p) => return person_text(&s.responsible_person, p),
        F::Whole
        | F::SubjectType
        | F::DocumentType
        | F::ResponsiblePersonRole
        | F::Commercial
        | F::Documents
        | F::Document(..)
        | F::FilingCreatedOn => return None,
    })
}

fn subject_text_mut(s: &mut Subject, f: SubjectField) -> Option<&mut String> {
    use SubjectField as F;
    Some(match f {
        F::Name => &mut s.name,
        F::DocumentNumber => &mut s.document_number,
        F::Province => &mut s.province,
        F::City => &mut s.city,
        F::County => &mut s.county,
        F::Address => &mut s.address,
        F::LicenceNumber => &mut s.licence_number,
        F::FilingNumber => &mut s.filing_number,
        F::ResponsiblePerson(p) => return person_text_mut(&mut s.responsible_person, p),
        F::Whole
        | F::SubjectType
        | F::DocumentType
        | F::ResponsiblePersonRole
        | F::Commercial
        | F::Documents
        | F::Document(..)
        | F::FilingCreatedOn => return None,
    })
}

fn person_text(p: &Person, f: PersonField) -> Option<&String> {
    use PersonField as F;
    Some(match f {
        F::Name => &p.name,
        F::DocumentNumber => &p.document_number,
        F::Mobile => &p.mobile,
        F::Phone => &p.phone,
        F::Email => &p.email,
        F::Whole | F::DocumentType => return None,
    })
}

fn person_text_mut(p: &mut Person, f: PersonField) -> Option<&mut String> {
    use PersonField as F;
    Some(match f {
        F::Name => &mut p.name,
        F::DocumentNumber => &mut p.document_number,
        F::Mobile => &mut p.mobile,
        F::Phone => &mut p.phone,
        F::Email => &mut p.email,
        F::Whole | F::DocumentType => return None,
    })
}

fn website_text(w: &Website, f: WebsiteField) -> Option<&String> {
    use WebsiteField as F;
    match f {
        F::Name => Some(&w.name),
        F::Domain(j) => w.domains.get(j),
        F::Homepage => Some(&w.homepage),
        F::DomainOwner => Some(&w.domain_owner),
        F::FilingNumber => Some(&w.filing_number),
        F::AccessEntry(j, a) => access_text(w.access.get(j)?, a),
        F::ResponsiblePerson(p) => person_text(&w.responsible_person, p),
        F::PreApproval(j, PreApprovalField::PermitNumber) => w
            .pre_approvals
            .get(j)
            .map(|p: &PreApproval| &p.permit_number),
        F::Whole
        | F::Domains
        | F::Access
        | F::ContentCategories
        | F::ContentCategory(_)
        | F::PreApprovals
        | F::PreApproval(..)
        | F::BulletinBoard
        | F::Documents
        | F::Document(..) => None,
    }
}

fn website_text_mut(w: &mut Website, f: WebsiteField) -> Option<&mut String> {
    use WebsiteField as F;
    match f {
        F::Name => Some(&mut w.name),
        F::Domain(j) => w.domains.get_mut(j),
        F::Homepage => Some(&mut w.homepage),
        F::DomainOwner => Some(&mut w.domain_owner),
        F::FilingNumber => Some(&mut w.filing_number),
        F::AccessEntry(j, a) => access_text_mut(w.access.get_mut(j)?, a),
        F::ResponsiblePerson(p) => person_text_mut(&mut w.responsible_person, p),
        F::PreApproval(j, PreApprovalField::PermitNumber) => {
            w.pre_approvals.get_mut(j).map(|p| &mut p.permit_number)
        }
        F::Whole
        | F::Domains
        | F::Access
        | F::ContentCategories
        | F::ContentCategory(_)
        | F::PreApprovals
        | F::PreApproval(..)
        | F::BulletinBoard
        | F::Documents
        | F::Document(..) => None,
    }
}

fn access_text(a: &Access, f: AccessField) -> Option<&String> {
    use AccessField as F;
    match f {
        F::Provider => Some(&a.provider),
        // An enum (`AccessMethod`), not text.
        F::Method => None,
        F::ServerLocation => Some(&a.server_location),
        F::Ip(k) => a.ips.get(k),
        F::Whole | F::Ips => None,
    }
}

fn access_text_mut(a: &mut Access, f: AccessField) -> Option<&mut String> {
    use AccessField as F;
    match f {
        F::Provider => Some(&mut a.provider),
        F::Method => None,
        F::ServerLocation => Some(&mut a.server_location),
        F::Ip(k) => a.ips.get_mut(k),
        F::Whole | F::Ips => None,
    }
}

// Display: the JSON pointer. The keys are serde's names of the fields
// (camelCase); a test compares them with the serialised model.

impl PersonField {
    fn key(self) -> Option<&'static str> {
        use PersonField as F;
        Some(match self {
            F::Whole => return None,
            F::Name => "name",
            F::DocumentType => "documentType",
            F::DocumentNumber => "documentNumber",
            F::Mobile => "mobile",
            F::Phone => "phone",
            F::Email => "email",
        })
    }
    /// Every field of a person, in the order of the model.
    pub const ALL: [PersonField; 6] = [
        PersonField::Name,
        PersonField::DocumentType,
        PersonField::DocumentNumber,
        PersonField::Mobile,
        PersonField::Phone,
        PersonField::Email,
    ];
}

impl AccessField {
    fn key(self) -> Option<&'static str> {
        use AccessField as F;
        Some(match self {
            F::Whole => return None,
            F::Provider => "provider",
            F::Method => "method",
            F::ServerLocation => "serverLocation",
            F::Ips | F::Ip(_) => "ips",
        })
    }
    const ALL: [AccessField; 4] = [
        AccessField::Provider,
        AccessField::Method,
        AccessField::ServerLocation,
        AccessField::Ips,
    ];
}

impl PreApprovalField {
    fn key(self) -> Option<&'static str> {
        match self {
            PreApprovalField::Whole => None,
            PreApprovalField::Category => Some("category"),
            PreApprovalField::PermitNumber => Some("permitNumber"),
        }
    }
    const ALL: [PreApprovalField; 2] = [PreApprovalField::Category, PreApprovalField::PermitNumber];
}

impl AttachmentField {
    fn key(self) -> Option<&'static str> {
        match self {
            AttachmentField::Whole => None,
            AttachmentField::Kind => Some("kind"),
            AttachmentField::Date => Some("date"),
        }
    }
    const ALL: [AttachmentField; 2] = [AttachmentField::Kind, AttachmentField::Date];
}

impl SubjectField {
    fn key(self) -> Option<&'static str> {
        use SubjectField as F;
        Some(match self {
            F::Whole => return None,
            F::SubjectType => "subjectType",
            F::Name => "name",
            F::DocumentType => "documentType",
            F::DocumentNumber => "documentNumber",
            F::Province => "province",
            F::City => "city",
            F::County => "county",
            F::Address => "address",
            F::ResponsiblePerson(_) => "responsiblePerson",
            F::ResponsiblePersonRole => "responsiblePersonRole",
            F::Commercial => "commercial",
            F::LicenceNumber => "licenceNumber",
            F::FilingNumber => "filingNumber",
            F::Documents | F::Document(..) => "documents",
            F::FilingCreatedOn => "filingCreatedOn",
        })
    }
    /// Every field without an index or a nested field.
    const ALL: [SubjectField; 15] = [
        SubjectField::SubjectType,
        SubjectField::Name,
        SubjectField::DocumentType,
        SubjectField::DocumentNumber,
        SubjectField::Province,
        SubjectField::City,
        SubjectField::County,
        SubjectField::Address,
        SubjectField::ResponsiblePerson(PersonField::Whole),
        SubjectField::ResponsiblePersonRole,
        SubjectField::Commercial,
        SubjectField::LicenceNumber,
        SubjectField::FilingNumber,
        SubjectField::Documents,
        SubjectField::FilingCreatedOn,
    ];
}

impl WebsiteField {
    fn key(self) -> Option<&'static str> {
        use WebsiteField as F;
        Some(match self {
            F::Whole => return None,
            F::Name => "name",
            F::Domains | F::Domain(_) => "domains",
            F::Homepage => "homepage",
            F::Access | F::AccessEntry(..) => "access",
            F::ResponsiblePerson(_) => "responsiblePerson",
            F::ContentCategories | F::ContentCategory(_) => "contentCategories",
            F::PreApprovals | F::PreApproval(..) => "preApprovals",
            F::BulletinBoard => "bulletinBoard",
            F::DomainOwner => "domainOwner",
            F::Documents | F::Document(..) => "documents",
            F::FilingNumber => "filingNumber",
        })
    }
    /// Every field without an index or a nested field.
    const ALL: [WebsiteField; 11] = [
        WebsiteField::Name,
        WebsiteField::Domains,
        WebsiteField::Homepage,
        WebsiteField::Access,
        WebsiteField::ResponsiblePerson(PersonField::Whole),
        WebsiteField::ContentCategories,
        WebsiteField::PreApprovals,
        WebsiteField::BulletinBoard,
        WebsiteField::DomainOwner,
        WebsiteField::Documents,
        WebsiteField::FilingNumber,
    ];
}

/// Writes `/key` when there is one.
fn seg(out: &mut fmt::Formatter<'_>, key: Option<&str>) -> fmt::Result {
    match key {
        Some(k) => write!(out, "/{k}"),
        None => Ok(()),
    }
}

fn fmt_person(out: &mut fmt::Formatter<'_>, p: PersonField) -> fmt::Result {
    seg(out, p.key())
}

fn fmt_attachment(out: &mut fmt::Formatter<'_>, k: usize, a: AttachmentField) -> fmt::Result {
    write!(out, "/{k}")?;
    seg(out, a.key())
}

impl fmt::Display for FieldPath {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            FieldPath::Filing => Ok(()),
            FieldPath::Websites => out.write_str("/websites"),
            FieldPath::Subject(s) => {
                out.write_str("/subject")?;
                seg(out, s.key())?;
                match s {
                    SubjectField::ResponsiblePerson(p) => fmt_person(out, p),
                    SubjectField::Document(k, a) => fmt_attachment(out, k, a),
                    _ => Ok(()),
                }
            }
            FieldPath::Website(i, w) => {
                write!(out, "/websites/{i}")?;
                seg(out, w.key())?;
                match w {
                    WebsiteField::Domain(j) | WebsiteField::ContentCategory(j) => {
                        write!(out, "/{j}")
                    }
                    WebsiteField::AccessEntry(j, a) => {
                        write!(out, "/{j}")?;
                        seg(out, a.key())?;
                        match a {
                            AccessField::Ip(k) => write!(out, "/{k}"),
                            _ => Ok(()),
                        }
                    }
                    WebsiteField::ResponsiblePerson(p) => fmt_person(out, p),
                    WebsiteField::PreApproval(j, p) => {
                        write!(out, "/{j}")?;
                        seg(out, p.key())
                    }
                    WebsiteField::Document(j, a) => fmt_attachment(out, j, a),
                    _ => Ok(()),
                }
            }
        }
    }
}

// Parsing: the segments after the leading `/`, level by level.

type Segments<'a> = std::str::Split<'a, char>;

/// An array index as RFC 6901 writes it: `0` or digits without a leading
/// zero.
fn index(s: &str) -> Result<usize, PathError> {
    let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits || (s.len() > 1 && s.starts_with('0')) {
        return Err(PathError);
    }
    s.parse().map_err(|_| PathError)
}

/// The index of the field named `key` among `n` fields (`key_of(i)`
/// names field `i`); not generic, so that one copy serves every struct.
fn key_index(
    n: usize,
    key: &str,
    key_of: &dyn Fn(usize) -> Option<&'static str>,
) -> Result<usize, PathError> {
    (0..n).find(|&i| key_of(i) == Some(key)).ok_or(PathError)
}

/// The field named `key` among `all` (compared by their keys).
fn by_key<T: Copy>(
    all: &[T],
    key: &str,
    key_of: fn(T) -> Option<&'static str>,
) -> Result<T, PathError> {
    let i = key_index(all.len(), key, &|i| all.get(i).and_then(|f| key_of(*f)))?;
    all.get(i).copied().ok_or(PathError)
}

fn end<T>(mut rest: Segments<'_>, value: T) -> Result<T, PathError> {
    match rest.next() {
        None => Ok(value),
        Some(_) => Err(PathError),
    }
}

fn parse_person(mut rest: Segments<'_>) -> Result<PersonField, PathError> {
    match rest.next() {
        None => Ok(PersonField::Whole),
        Some(k) => end(rest, by_key(&PersonField::ALL, k, PersonField::key)?),
    }
}

fn parse_attachment(mut rest: Segments<'_>) -> Result<AttachmentField, PathError> {
    match rest.next() {
        None => Ok(AttachmentField::Whole),
        Some(k) => end(
            rest,
            by_key(&AttachmentField::ALL, k, AttachmentField::key)?,
        ),
    }
}

fn parse_subject(mut rest: Segments<'_>) -> Result<SubjectField, PathError> {
    let Some(key) = rest.next() else {
        return Ok(SubjectField::Whole);
    };
    match by_key(&SubjectField::ALL, key, SubjectField::key)? {
        SubjectField::ResponsiblePerson(_) => {
            Ok(SubjectField::ResponsiblePerson(parse_person(rest)?))
        }
        SubjectField::Documents => match rest.next() {
            None => Ok(SubjectField::Documents),
            Some(k) => Ok(SubjectField::Document(index(k)?, parse_attachment(rest)?)),
        },
        field => end(rest, field),
    }
}

fn parse_access(mut rest: Segments<'_>) -> Result<AccessField, PathError> {
    let Some(key) = rest.next() else {
        return Ok(AccessField::Whole);
    };
    match by_key(&AccessField::ALL, key, AccessField::key)? {
        AccessField::Ips => match rest.next() {
            None => Ok(AccessField::Ips),
            Some(k) => end(rest, AccessField::Ip(index(k)?)),
        },
        field => end(rest, field),
    }
}

fn parse_website(mut rest: Segments<'_>) -> Result<WebsiteField, PathError> {
    use WebsiteField as F;
    let Some(key) = rest.next() else {
        return Ok(F::Whole);
    };
    let field = by_key(&F::ALL, key, F::key)?;
    let Some(item) = (match field {
        F::Domains | F::Access | F::ContentCategories | F::PreApprovals | F::Documents => {
            rest.next()
        }
        F::ResponsiblePerson(_) => return Ok(F::ResponsiblePerson(parse_person(rest)?)),
        _ => None,
    }) else {
        return end(rest, field);
    };
    let j = index(item)?;
    Ok(match field {
        F::Domains => end(rest, F::Domain(j))?,
        F::ContentCategories => end(rest, F::ContentCategory(j))?,
        F::Access => F::AccessEntry(j, parse_access(rest)?),
        F::Documents => F::Document(j, parse_attachment(rest)?),
        _ => {
            let p = match rest.next() {
                None => PreApprovalField::Whole,
                Some(k) => end(
                    rest,
                    by_key(&PreApprovalField::ALL, k, PreApprovalField::key)?,
                )?,
            };
            F::PreApproval(j, p)
        }
    })
}

impl FromStr for FieldPath {
    type Err = PathError;

    /// Reads a JSON pointer to a field of a filing; every other text is a
    /// [`PathError`] (never a panic).
    fn from_str(s: &str) -> Result<Self, PathError> {
        if s.is_empty() {
            return Ok(FieldPath::Filing);
        }
        let mut parts = s.strip_prefix('/').ok_or(PathError)?.split('/');
        match parts.next() {
            Some("subject") => Ok(FieldPath::Subject(parse_subject(parts)?)),
            Some("websites") => match parts.next() {
                None => Ok(FieldPath::Websites),
                Some(i) => Ok(FieldPath::Website(index(i)?, parse_website(parts)?)),
            },
            _ => Err(PathError),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use proptest::prelude::*;

    fn person() -> impl Strategy<Value = PersonField> {
        prop_oneof![
            Just(PersonField::Whole),
            proptest::sample::select(PersonField::ALL.to_vec())
        ]
    }

    fn attachment() -> impl Strategy<Value = AttachmentField> {
        proptest::sample::select(vec![
            AttachmentField::Whole,
            AttachmentField::Kind,
            AttachmentField::Date,
        ])
    }

    fn path() -> impl Strategy<Value = FieldPath> {
        use SubjectField as S;
        use WebsiteField as W;
        let idx = 0usize..1_000_000;
        let subject = prop_oneof![
            proptest::sample::select(SubjectField::ALL.to_vec()),
            Just(S::Whole),
            person().prop_map(S::ResponsiblePerson),
            (idx.clone(), attachment()).prop_map(|(k, a)| S::Document(k, a)),
        ];
        let access = prop_oneof![
            Just(AccessField::Whole),
            proptest::sample::select(AccessField::ALL.to_vec()),
            idx.clone().prop_map(AccessField::Ip),
        ];
        let website = prop_oneof![
            Just(W::Whole),
            proptest::sample::select(WebsiteField::ALL.to_vec()),
            idx.clone().prop_map(W::Domain),
            idx.clone().prop_map(W::ContentCategory),
            (idx.clone(), access).prop_map(|(j, a)| W::AccessEntry(j, a)),
            person().prop_map(W::ResponsiblePerson),
            (
                idx.clone(),
                proptest::sample::select(vec![
                    PreApprovalField::Whole,
                    PreApprovalField::Category,
                    PreApprovalField::PermitNumber
                ])
            )
                .prop_map(|(j, p)| W::PreApproval(j, p)),
            (idx.clone(), attachment()).prop_map(|(j, a)| W::Document(j, a)),
        ];
        prop_oneof![
            Just(FieldPath::Filing),
            Just(FieldPath::Websites),
            subject.prop_map(FieldPath::Subject),
            (idx, website).prop_map(|(i, w)| FieldPath::Website(i, w)),
        ]
    }

    proptest! {
        #[test]
        fn display_parses_back(p in path()) {
            prop_assert_eq!(p.to_string().parse::<FieldPath>(), Ok(p));
        }

        #[test]
        fn parse_is_total_and_exact(s in "(/(subject|websites|[0-9]{1,3}|name|domains|access|ips|documents|date|responsiblePerson|email|x|00|01)){0,6}") {
            // Whatever parses displays as the same text.
            if let Ok(p) = s.parse::<FieldPath>() {
                prop_assert_eq!(p.to_string(), s);
            }
        }

        #[test]
        fn parent_is_one_segment_up(p in path()) {
            let text = p.to_string();
            match p.parent() {
                None => prop_assert_eq!(p, FieldPath::Filing),
                Some(up) => {
                    let up = up.to_string();
                    prop_assert_eq!(Some(up.as_str()), text.rsplit_once('/').map(|(a, _)| a));
                }
            }
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = s.parse::<FieldPath>();
        }
    }

    #[test]
    fn rejects_what_is_no_field() {
        for s in [
            "/",
            "subject",
            "/subject/",
            "/subject/documentnumber",
            "/subject/documents/01",
            "/subject/documents/+1",
            "/subject/name/0",
            "/websites/x",
            "/websites/0/domains/0/x",
            "/websites/0/access/0/ips/1/2",
            "/websites/0/homepage/",
            "/websites/99999999999999999999999",
            "/filingPassword",
            "/approved/subject/name",
        ] {
            assert_eq!(s.parse::<FieldPath>(), Err(PathError), "{s}");
        }
    }

    /// A filing in which every field holds a value, every list one item.
    fn full() -> Filing {
        let person = |n: &str| Person {
            name: format!("{n}name"),
            document_type: DocumentType::Passport,
            document_number: format!("{n}number"),
            mobile: format!("{n}mobile"),
            phone: format!("{n}phone"),
            email: format!("{n}email"),
        };
        let doc = Attachment {
            kind: Some(AttachmentKind::Photo),
            date: crate::Date::parse("2026-01-02"),
        };
        Filing {
            subject: Subject {
                subject_type: SubjectType::Enterprise,
                name: "name".into(),
                document_type: DocumentType::UnifiedSocialCreditCode,
                document_number: "number".into(),
                province: "province".into(),
                city: "city".into(),
                county: "county".into(),
                address: "address".into(),
                responsible_person: person("s"),
                responsible_person_role: Some(ResponsiblePersonRole::Agent),
                commercial: true,
                licence_number: "licence".into(),
                filing_number: "filing".into(),
                documents: vec![doc.clone()],
                filing_created_on: crate::Date::parse("2026-01-01"),
            },
            websites: vec![Website {
                name: "wname".into(),
                domains: vec!["d0".into(), "d1".into()],
                homepage: "home".into(),
                access: vec![Access {
                    provider: "provider".into(),
                    method: Some(crate::AccessMethod::Cloud),
                    server_location: "location".into(),
                    ips: vec!["ip0".into(), "ip1".into()],
                }],
                responsible_person: person("w"),
                content_categories: vec![ContentCategory::News],
                pre_approvals: vec![PreApproval {
                    category: Some(ContentCategory::News),
                    permit_number: "permit".into(),
                }],
                bulletin_board: true,
                domain_owner: "owner".into(),
                documents: vec![doc],
                filing_number: "wnumber".into(),
            }],
        }
    }

    /// Every path into `full()` that has a value in its JSON.
    fn every_path() -> Vec<FieldPath> {
        use SubjectField as S;
        use WebsiteField as W;
        let mut out = vec![FieldPath::Filing, FieldPath::Websites];
        let mut subject: Vec<SubjectField> = SubjectField::ALL.to_vec();
        subject.push(S::Whole);
        subject.extend(PersonField::ALL.map(S::ResponsiblePerson));
        subject.extend(AttachmentField::ALL.map(|a| S::Document(0, a)));
        subject.push(S::Document(0, AttachmentField::Whole));
        out.extend(subject.into_iter().map(FieldPath::Subject));
        let mut website: Vec<WebsiteField> = WebsiteField::ALL.to_vec();
        website.extend([
            W::Whole,
            W::Domain(0),
            W::Domain(1),
            W::ContentCategory(0),
            W::PreApproval(0, PreApprovalField::Whole),
            W::PreApproval(0, PreApprovalField::Category),
            W::PreApproval(0, PreApprovalField::PermitNumber),
            W::Document(0, AttachmentField::Whole),
            W::AccessEntry(0, AccessField::Whole),
            W::AccessEntry(0, AccessField::Ip(0)),
            W::AccessEntry(0, AccessField::Ip(1)),
        ]);
        website.extend(PersonField::ALL.map(W::ResponsiblePerson));
        website.extend(AttachmentField::ALL.map(|a| W::Document(0, a)));
        website.extend(AccessField::ALL.map(|a| W::AccessEntry(0, a)));
        out.extend(website.into_iter().map(|w| FieldPath::Website(0, w)));
        out
    }

    #[test]
    fn every_path_names_a_value_of_the_json_and_its_text() {
        let filing = full();
        let json = serde_json::to_value(&filing).unwrap();
        let mut texts = 0;
        for p in every_path() {
            let pointer = p.to_string();
            let value = json
                .pointer(&pointer)
                .unwrap_or_else(|| panic!("{pointer} is not in the filing's JSON"));
            // The text readers agree with the JSON, and the writer with the reader.
            match (p.text(&filing), value.as_str()) {
                (Some(t), Some(v)) => {
                    assert_eq!(t, v, "{pointer}");
                    texts += 1;
                    let mut f = filing.clone();
                    *p.text_mut(&mut f).unwrap() = "new".into();
                    assert_eq!(p.text(&f), Some("new"), "{pointer}");
                }
                (None, _) => assert!(p.text_mut(&mut filing.clone()).is_none(), "{pointer}"),
                (Some(_), None) => panic!("{pointer} is text but not a string in JSON"),
            }
        }
        assert_eq!(texts, 29);
        let listed = text_fields(&filing);
        assert_eq!(listed.len(), 29);
        for (p, t) in listed {
            assert_eq!(p.text(&filing), Some(t), "{p}");
        }
    }

    #[test]
    fn every_key_of_the_json_has_a_path() {
        // Each key serde writes for the full filing parses (no field of the
        // model without its path).
        fn walk(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(item, format!("{at}/{i}"), out);
                    }
                }
                serde_json::Value::Object(m) => {
                    for (k, item) in m {
                        walk(item, format!("{at}/{k}"), out);
                    }
                }
                _ => {}
            }
            out.push(at);
        }
        let mut all = Vec::new();
        walk(
            &serde_json::to_value(full()).unwrap(),
            String::new(),
            &mut all,
        );
        for p in all {
            let parsed = p.parse::<FieldPath>();
            assert_eq!(parsed.map(|x| x.to_string()), Ok(p.clone()), "{p}");
        }
    }

    #[test]
    fn removal_moves_later_items() {
        let p = |s: &str| s.parse::<FieldPath>().unwrap();
        let ips = p("/websites/1/access/0/ips");
        assert_eq!(
            p("/websites/1/access/0/ips/3").after_removal(ips, 1),
            Some(p("/websites/1/access/0/ips/2"))
        );
        assert_eq!(
            p("/websites/1/access/0/ips/0").after_removal(ips, 1),
            Some(p("/websites/1/access/0/ips/0"))
        );
        assert_eq!(
            p("/websites/2/access/0/ips/3").after_removal(ips, 1),
            Some(p("/websites/2/access/0/ips/3"))
        );
        let access = p("/websites/1/access");
        assert_eq!(
            p("/websites/1/access/2/provider").after_removal(access, 0),
            Some(p("/websites/1/access/1/provider"))
        );
        assert_eq!(
            p("/websites/1/access/0/ips/3").after_removal(access, 0),
            None
        );
        assert_eq!(
            p("/websites/3/responsiblePerson/name").after_removal(FieldPath::Websites, 0),
            Some(p("/websites/2/responsiblePerson/name"))
        );
        assert_eq!(
            p("/subject/name").after_removal(FieldPath::Websites, 0),
            Some(p("/subject/name"))
        );
        let docs = p("/subject/documents");
        assert_eq!(
            p("/subject/documents/4/date").after_removal(docs, 2),
            Some(p("/subject/documents/3/date"))
        );
        assert_eq!(
            p("/websites/0/domains/1").after_removal(p("/websites/0/domains"), 0),
            Some(p("/websites/0/domains/0"))
        );
    }

    #[test]
    fn item_and_list_item_agree() {
        for p in every_path() {
            if let Some((list, k)) = p.list_item() {
                let item = list.item(k).unwrap();
                // The item holds p: p is the item or under it.
                assert!(p.to_string().starts_with(&item.to_string()), "{p}");
            }
        }
    }
}
