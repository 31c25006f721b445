//! The wizard's draft: what the form holds, how it becomes a [`Filing`],
//! where each finding is shown, and how the draft is kept in localStorage.

use beian_flow::{FilingKind, Step};
use beian_rules::{Date, Filing, Subject, Website};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// localStorage key of the draft.
pub const DRAFT_KEY: &str = "beian.wizard.draft.v1";
/// localStorage key of the chosen language.
pub const LANG_KEY: &str = "beian.wizard.lang";

/// What the form holds: the subject's ID number and one website.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Draft {
    /// The subject's resident ID number, as typed.
    pub document_number: String,
    /// The website's domains, as typed (empty rows included).
    pub domains: Vec<String>,
    /// The website's homepage URL, as typed.
    pub homepage: String,
    /// The kind of filing (a new filing unless chosen otherwise).
    pub kind: FilingKind,
}

impl Default for Draft {
    /// An empty form: one empty domain row.
    fn default() -> Self {
        Draft {
            document_number: String::new(),
            domains: vec![String::new()],
            homepage: String::new(),
            kind: FilingKind::NewFiling,
        }
    }
}

impl Draft {
    /// The whole filing the rules check, values exactly as typed.
    pub fn to_filing(&self) -> Filing {
        Filing {
            subject: Subject {
                document_number: self.document_number.clone(),
                ..Subject::default()
            },
            websites: vec![Website {
                domains: self.domains.clone(),
                homepage: self.homepage.clone(),
                ..Website::default()
            }],
        }
    }

    /// The draft saved in localStorage, if any and readable. A draft
    /// without domain rows gets one empty row.
    pub fn load() -> Option<Draft> {
        let mut draft: Draft = LocalStorage::get(DRAFT_KEY).ok()?;
        if draft.domains.is_empty() {
            draft.domains.push(String::new());
        }
        Some(draft)
    }

    /// Saves the draft in localStorage (a full or disabled storage is
    /// ignored: the form still works).
    pub fn save(&self) {
        let _ = LocalStorage::set(DRAFT_KEY, self);
    }
}

/// The saved language, if any.
pub fn load_lang() -> Option<Lang> {
    let tag: String = LocalStorage::get(LANG_KEY).ok()?;
    Lang::from_tag(&tag)
}

/// Saves the language.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang.tag());
}

/// The form field a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    /// `/subject/documentNumber`
    DocumentNumber,
    /// `/websites/0/domains/N`
    Domain(usize),
    /// `/websites/0/homepage`
    Homepage,
}

impl FieldId {
    /// The field of a finding path; `None` for a path of no single field
    /// of this form (shown in the general list).
    pub fn of_path(path: &str) -> Option<FieldId> {
        match path {
            "/subject/documentNumber" => Some(FieldId::DocumentNumber),
            "/websites/0/homepage" => Some(FieldId::Homepage),
            _ => {
                let index = path.strip_prefix("/websites/0/domains/")?;
                if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                index.parse().ok().map(FieldId::Domain)
            }
        }
    }

    /// The wizard step whose form holds the field.
    pub fn step(self) -> Step {
        match self {
            FieldId::DocumentNumber => Step::Subject,
            FieldId::Domain(_) | FieldId::Homepage => Step::Websites,
        }
    }

    /// The id of the field's input element.
    pub fn input_id(self) -> String {
        match self {
            FieldId::DocumentNumber => "subject-document-number".to_string(),
            FieldId::Domain(i) => format!("domain-{i}"),
            FieldId::Homepage => "homepage".to_string(),
        }
    }

    /// The id of the element listing the field's findings.
    pub fn findings_id(self) -> String {
        format!("findings-{}", self.input_id())
    }
}

/// A date from the year, the 0-based month and the day of a JavaScript
/// `Date`; `None` when out of range.
pub fn date_from_js(year: u32, month0: u32, day: u32) -> Option<Date> {
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month0 + 1).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// Today in the browser's local time zone.
pub fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    date_from_js(now.get_full_year(), now.get_month(), now.get_date())
}
