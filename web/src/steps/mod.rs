//! The forms of the steps, one module per step: subject, websites,
//! access, documents (and the responsible person's fields, which the
//! subject and each website have). Each input is bound to its field of the
//! filing by a [`FieldPath`](beian_rules::FieldPath); the edits that keep
//! the draft consistent are the model's ([`crate::model::Wizard`]).

mod access;
mod documents;
mod person;
mod subject;
mod websites;

use beian_rules::division::Division;
use beian_rules::DocumentType;
use leptos::prelude::*;

use crate::fields::slug;
use crate::i18n::{t, Key, Lang};

pub(crate) use access::{AccessForm, METHODS};
pub(crate) use documents::DocumentsForm;
pub(crate) use subject::{SubjectForm, SUBJECT_TYPES};
pub(crate) use websites::{WebsitesForm, CATEGORIES};

/// The catalogue key of a document type's name.
pub(crate) fn document_key(d: DocumentType) -> Key {
    match d {
        DocumentType::ResidentId => Key::DtResidentId,
        DocumentType::Passport => Key::DtPassport,
        DocumentType::HkMacauTravelPermit => Key::DtHkMacauTravelPermit,
        DocumentType::TaiwanTravelPermit => Key::DtTaiwanTravelPermit,
        DocumentType::HkMacauTaiwanResidencePermit => Key::DtHkMacauTaiwanResidencePermit,
        DocumentType::ForeignPermanentResidenceId => Key::DtForeignPermanentResidenceId,
        DocumentType::UnifiedSocialCreditCode => Key::DtUnifiedSocialCreditCode,
        DocumentType::OrganisationCode => Key::DtOrganisationCode,
        DocumentType::BusinessRegistrationNumber => Key::DtBusinessRegistrationNumber,
        DocumentType::Other => Key::DtOther,
    }
}

/// (value, text) options of a select from enum values and their keys.
pub(super) fn options_of<T: Copy + serde::Serialize + Send + Sync + 'static>(
    lang: RwSignal<Lang>,
    items: impl Fn() -> Vec<(T, Key)> + Send + Sync + 'static,
) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let lang = lang.get();
        items()
            .into_iter()
            .map(|(v, k)| (slug(v), t(lang, k).to_string()))
            .collect()
    })
}

/// (code, name) options of a select of divisions.
pub(super) fn division_options(list: Vec<&'static Division>) -> Vec<(String, String)> {
    list.into_iter()
        .map(|d| (format!("{:06}", d.code), d.name.to_string()))
        .collect()
}
