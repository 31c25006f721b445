//! Documents of the subject and of responsible persons: which number rule
//! applies to which document type, and which document types each subject
//! type may use.
//!
//! Seeds: 002 #27 and 004 (备案冲突): a subject is identified by "证件类型 +
//! 证件号码"; 004 3 (备案资料): companies file with their business licence,
//! individuals with their ID card or passport; 002 #48: Hong Kong, Macau,
//! Taiwan and foreign subjects file only with a mainland document ("内地无
//! 证件的无法备案").

use crate::date::Date;
use crate::finding::{Finding, Message, Severity};
use crate::identifier::{Context, IdentifierKind};
use crate::model::{DocumentType, Subject, SubjectType};
use crate::{passport, uscc};

/// Findings for a document number of the given type at `path`.
///
/// ```
/// use beian_rules::{document, DocumentType};
/// assert!(document::number_findings(DocumentType::UnifiedSocialCreditCode, "9144030071526726XG", "/p", None).is_empty());
/// assert_eq!(document::number_findings(DocumentType::ResidentId, "11010519491231002x", "/p", None)[0].code.as_deref(), Some("1015"));
/// ```
pub fn number_findings(
    kind: DocumentType,
    number: &str,
    path: &str,
    today: Option<Date>,
) -> Vec<Finding> {
    match IdentifierKind::of_document(kind) {
        Some(identifier) => identifier.findings(number, path, Context { today }),
        None => {
            // Other: no number format.
            if number.trim().is_empty() {
                vec![Finding::new(
                    "document.required",
                    Some("5001"),
                    path,
                    Severity::Error,
                    Message::new("请填写证件号码。", "Enter the document number."),
                )]
            } else {
                Vec::new()
            }
        }
    }
}

/// True for the documents of a natural person.
pub fn is_personal(kind: DocumentType) -> bool {
    matches!(
        kind,
        DocumentType::ResidentId
            | DocumentType::Passport
            | DocumentType::HkMacauTravelPermit
            | DocumentType::TaiwanTravelPermit
            | DocumentType::HkMacauTaiwanResidencePermit
            | DocumentType::ForeignPermanentResidenceId
    )
}

/// The document types a subject type may file with (004 3; RULES.md,
/// documents), most usual first.
///
/// ```
/// use beian_rules::{document, DocumentType, SubjectType};
/// assert_eq!(document::allowed(SubjectType::Enterprise)[0], DocumentType::UnifiedSocialCreditCode);
/// assert!(document::allowed(SubjectType::Individual).contains(&DocumentType::ResidentId));
/// ```
pub fn allowed(subject: SubjectType) -> &'static [DocumentType] {
    use DocumentType::*;
    match subject {
        SubjectType::Individual => &[
            ResidentId,
            HkMacauTaiwanResidencePermit,
            ForeignPermanentResidenceId,
            Passport,
            HkMacauTravelPermit,
            TaiwanTravelPermit,
        ],
        SubjectType::Enterprise => &[
            UnifiedSocialCreditCode,
            BusinessRegistrationNumber,
            OrganisationCode,
        ],
        SubjectType::Government
        | SubjectType::PublicInstitution
        | SubjectType::SocialOrganisation
        | SubjectType::PrivateNonEnterprise
        | SubjectType::Foundation
        | SubjectType::LawFirm => &[UnifiedSocialCreditCode, OrganisationCode],
        SubjectType::Other => &[
            UnifiedSocialCreditCode,
            OrganisationCode,
            BusinessRegistrationNumber,
            Other,
        ],
    }
}

/// The document types a responsible person may use: a natural person's
/// documents (the ones an individual subject files with, 004 3), most
/// usual first.
///
/// ```
/// use beian_rules::{document, DocumentType};
/// assert_eq!(document::allowed_for_person()[0], DocumentType::ResidentId);
/// assert!(document::allowed_for_person().iter().all(|d| document::is_personal(*d)));
/// ```
pub fn allowed_for_person() -> &'static [DocumentType] {
    allowed(SubjectType::Individual)
}

/// Sets the subject type and keeps the subject consistent with it: a
/// document type the new type may not use becomes its most usual one
/// ([`allowed`], 004 3), and an individual has no responsible person's
/// role (the role is an organisation's, 004 3).
///
/// ```
/// use beian_rules::{document, DocumentType, Subject, SubjectType, ResponsiblePersonRole};
/// let mut s = Subject { responsible_person_role: Some(ResponsiblePersonRole::Authorised), ..Subject::default() };
/// document::set_subject_type(&mut s, SubjectType::Enterprise);
/// assert_eq!(s.document_type, DocumentType::UnifiedSocialCreditCode);
/// document::set_subject_type(&mut s, SubjectType::Individual);
/// assert_eq!((s.document_type, s.responsible_person_role), (DocumentType::ResidentId, None));
/// ```
pub fn set_subject_type(subject: &mut Subject, subject_type: SubjectType) {
    subject.subject_type = subject_type;
    let allowed = allowed(subject_type);
    if !allowed.contains(&subject.document_type) {
        if let Some(first) = allowed.first() {
            subject.document_type = *first;
        }
    }
    if subject_type == SubjectType::Individual {
        subject.responsible_person_role = None;
    }
}

/// The registration authorities (first character of a unified social
/// credit code) that register each organisation subject type (GB 32100
/// table 1); `None` where any may.
fn authorities(subject: SubjectType) -> Option<&'static [char]> {
    match subject {
        SubjectType::Enterprise => Some(&['9', 'N']),
        SubjectType::Government | SubjectType::PublicInstitution => Some(&['1', 'A']),
        SubjectType::SocialOrganisation
        | SubjectType::PrivateNonEnterprise
        | SubjectType::Foundation => Some(&['5']),
        SubjectType::LawFirm => Some(&['3']),
        SubjectType::Individual | SubjectType::Other => None,
    }
}

/// Findings for the subject's document: the number, the type allowed for
/// the subject type, and the mainland-document rule (002 #48). `base` is the
/// subject's path (`/subject`).
pub fn subject_findings(
    subject: SubjectType,
    kind: DocumentType,
    number: &str,
    base: &str,
    today: Option<Date>,
) -> Vec<Finding> {
    let type_path = format!("{base}/documentType");
    let number_path = format!("{base}/documentNumber");
    let mut out = Vec::new();
    if !allowed(subject).contains(&kind) {
        out.push(Finding::new(
            "document.type_not_allowed",
            Some("5001"),
            &type_path,
            Severity::Error,
            Message::new(
                "该主办单位性质不能使用此证件类型：个人使用身份证等个人证件，单位使用统一社会信用代码证书（营业执照等）。",
                "This subject type cannot file with this document type: individuals use personal documents \
                 such as the ID card, organisations their unified social credit code certificate (business licence …).",
            ),
        ));
    }
    let mainland_missing = match kind {
        DocumentType::HkMacauTravelPermit | DocumentType::TaiwanTravelPermit => true,
        DocumentType::Passport => !number.trim().is_empty() && !passport::is_chinese(number),
        _ => false,
    };
    if mainland_missing && subject == SubjectType::Individual {
        out.push(Finding::new(
            "document.mainland_document_required",
            None,
            &type_path,
            Severity::Error,
            Message::new(
                "港澳台和外国主体需以内地证件备案（如港澳台居民居住证、外国人永久居留身份证，或分公司、办事处的证件）；内地无证件的无法备案。",
                "Hong Kong, Macau, Taiwan and foreign subjects file only with a mainland document (a residence permit, \
                 a foreign permanent residence ID, or a branch office's licence); without one, no filing is possible.",
            ),
        ));
    }
    let number_findings = number_findings(kind, number, &number_path, today);
    if number_findings.is_empty() && kind == DocumentType::UnifiedSocialCreditCode {
        if let (Ok(code), Some(expected)) = (uscc::validate(number), authorities(subject)) {
            if !expected.contains(&code.authority()) {
                out.push(Finding::new(
                    "document.uscc_authority_mismatch",
                    None,
                    &number_path,
                    Severity::Warning,
                    Message::new(
                        format!("该代码由“{}”登记，与所选的主办单位性质不符，请核对主办单位性质。", code.authority_name()),
                        format!(
                            "This code was registered by the {} authority, which does not match the chosen subject type: check the subject type.",
                            code.authority_name()
                        ),
                    ),
                ));
            }
        }
    }
    out.extend(number_findings);
    out
}

/// Findings for a responsible person's document: a personal document, and
/// its number once entered (`base` is the person's path).
pub fn person_findings(
    kind: DocumentType,
    number: &str,
    base: &str,
    today: Option<Date>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !is_personal(kind) {
        out.push(Finding::new(
            "document.person_document_type",
            Some("5001"),
            &format!("{base}/documentType"),
            Severity::Error,
            Message::new(
                "负责人须使用个人证件（身份证、护照等）。",
                "A responsible person uses a personal document (ID card, passport …).",
            ),
        ));
    }
    if !number.trim().is_empty() {
        out.extend(number_findings(
            kind,
            number,
            &format!("{base}/documentNumber"),
            today,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_subject_type_leaves_an_allowed_document_type() {
        use SubjectType::*;
        let types = [
            Individual,
            Enterprise,
            Government,
            PublicInstitution,
            SocialOrganisation,
            PrivateNonEnterprise,
            Foundation,
            LawFirm,
            Other,
        ];
        for from in types {
            for to in types {
                let mut s = Subject::default();
                set_subject_type(&mut s, from);
                let kept = s.document_type;
                set_subject_type(&mut s, to);
                assert!(allowed(to).contains(&s.document_type), "{from:?} -> {to:?}");
                if allowed(to).contains(&kept) {
                    assert_eq!(s.document_type, kept, "{from:?} -> {to:?}");
                }
            }
        }
    }

    #[test]
    fn enterprise_with_resident_id_is_not_allowed() {
        let f = subject_findings(
            SubjectType::Enterprise,
            DocumentType::ResidentId,
            "11010519491231002X",
            "/subject",
            None,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "document.type_not_allowed");
        assert_eq!(f[0].path, "/subject/documentType");
    }

    #[test]
    fn foreign_individual_needs_mainland_document() {
        // 002 #48
        let f = subject_findings(
            SubjectType::Individual,
            DocumentType::Passport,
            "533380006",
            "/subject",
            None,
        );
        assert_eq!(f[0].rule, "document.mainland_document_required");
        let f = subject_findings(
            SubjectType::Individual,
            DocumentType::HkMacauTravelPermit,
            "H12345678",
            "/subject",
            None,
        );
        assert_eq!(f[0].rule, "document.mainland_document_required");
        assert!(subject_findings(
            SubjectType::Individual,
            DocumentType::Passport,
            "E12345678",
            "/subject",
            None
        )
        .is_empty());
    }

    #[test]
    fn uscc_authority_is_compared_with_subject_type() {
        let f = subject_findings(
            SubjectType::SocialOrganisation,
            DocumentType::UnifiedSocialCreditCode,
            "9144030071526726XG",
            "/subject",
            None,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(subject_findings(
            SubjectType::Enterprise,
            DocumentType::UnifiedSocialCreditCode,
            "9144030071526726XG",
            "/subject",
            None
        )
        .is_empty());
    }

    #[test]
    fn every_document_type_is_checked() {
        for kind in DocumentType::ALL {
            assert_eq!(
                number_findings(kind, "", "/p", None)[0].code.as_deref(),
                Some("5001"),
                "{kind:?}"
            );
            if kind != DocumentType::Other {
                assert!(
                    !number_findings(kind, "!!", "/p", None).is_empty(),
                    "{kind:?}"
                );
            }
        }
    }
}
