//! The wizard's draft: the filing being typed and its kind, how it is kept
//! in localStorage, exported and imported as JSON, and where each finding
//! is shown (the input id of a finding path).

use beian_flow::{CancellationType, FilingKind};
use beian_rules::{Access, Date, Filing, Message, Subject, Website};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// localStorage key of the draft.
pub const DRAFT_KEY: &str = "beian.wizard.draft.v1";
/// sessionStorage key of the step shown (a reload of the tab shows it
/// again).
pub const STEP_KEY: &str = "beian.wizard.step";
/// localStorage key of the chosen language.
pub const LANG_KEY: &str = "beian.wizard.lang";

/// What the form holds: the kind of filing and the filing itself, values
/// exactly as typed (empty rows included). This is also the JSON of an
/// exported draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Draft {
    /// The kind of filing (a new filing unless chosen otherwise).
    pub kind: FilingKind,
    /// The filing.
    pub filing: Filing,
    /// For the kinds other than a new filing: the approved filing the
    /// request starts from, as loaded from the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<Filing>,
    /// For the kinds other than a new filing: the filing number the user
    /// typed (`京ICP备12345678号`, with or without `-N`), in its canonical
    /// form once loaded.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub filing_number: String,
    /// For the kinds other than a new filing: the filing's id on the
    /// server, as the lookup by number found it (never typed). (The filing
    /// password is never kept.)
    #[serde(skip_serializing_if = "String::is_empty")]
    pub filing_id: String,
    /// For cancelling the subject: the domains of the approved filing whose
    /// websites the user confirmed closed or no longer used (002 #53).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub closed_domains: Vec<String>,
    /// For the three cancellations: the cancellation's type (002 #53).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancellation_type: Option<CancellationType>,
    /// For the three cancellations: the reason (002 #53).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cancellation_reason: String,
    /// The request submitted from this draft: while set, the page shows
    /// its status instead of the form (a reload shows the same page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestRef>,
}

/// A request on the server that this draft was submitted as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRef {
    /// The request's id on the server.
    pub id: i64,
    /// Its filing's id on the server.
    #[serde(default)]
    pub filing_id: String,
    /// Its kind.
    #[serde(default)]
    pub kind: FilingKind,
    /// Set while a request returned to the subject is being edited in the
    /// form (the bureau's or the provider's reason): the next submission
    /// goes to this request (`subject_edit`, then `submit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned: Option<String>,
}

impl RequestRef {
    /// The request of a saved draft's JSON (read field by field, as the
    /// draft's other fields: no serde reader of its own in the page).
    fn from_value(v: &serde_json::Value) -> Option<RequestRef> {
        let text = |key: &str| v.get(key).and_then(serde_json::Value::as_str);
        Some(RequestRef {
            id: v.get("id")?.as_i64()?,
            filing_id: match v.get("filingId") {
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => text("filingId").unwrap_or_default().to_string(),
            },
            kind: text("kind")
                .and_then(|k| k.parse().ok())
                .unwrap_or_default(),
            returned: text("returned").map(str::to_string),
        })
    }

    /// True when the page shows the request's status (not the form).
    pub fn shows_status(&self) -> bool {
        self.returned.is_none()
    }
}

/// The first version of the saved draft (one ID number, one website).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct LegacyDraft {
    document_number: String,
    domains: Vec<String>,
    homepage: String,
    kind: FilingKind,
}

impl Default for Draft {
    /// An empty form: one website with one empty domain row.
    fn default() -> Self {
        Draft {
            kind: FilingKind::NewFiling,
            filing: Filing {
                subject: Subject::default(),
                websites: vec![empty_website()],
            },
            approved: None,
            filing_number: String::new(),
            filing_id: String::new(),
            closed_domains: Vec::new(),
            cancellation_type: None,
            cancellation_reason: String::new(),
            request: None,
        }
    }
}

/// A new website: one empty domain row, and one access entry with one
/// empty IP row.
pub fn empty_website() -> Website {
    Website {
        domains: vec![String::new()],
        access: vec![Access {
            ips: vec![String::new()],
            ..Access::default()
        }],
        ..Website::default()
    }
}

impl Draft {
    /// The whole filing the rules check, values exactly as typed.
    pub fn to_filing(&self) -> Filing {
        self.filing.clone()
    }

    /// A draft from JSON: an exported draft (`{"kind", "filing"}`), a bare
    /// filing, or the first version's saved draft. A wrong shape gives the
    /// rules crate's schema message (5001) with its path.
    pub fn from_json(json: &str) -> Result<Draft, Message> {
        let value: serde_json::Value = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(_) => return Err(schema_error(Filing::from_json(json).err())),
        };
        let Some(object) = value.as_object() else {
            return Err(schema_error(Filing::from_json(json).err()));
        };
        let mut draft = if let Some(filing) = object.get("filing") {
            let kind = match object.get("kind") {
                None => FilingKind::NewFiling,
                Some(k) => serde_json::from_value(k.clone()).map_err(|_| {
                    Message::new(
                        "文件中的备案类型无法识别。",
                        "The file's kind of filing is not one this wizard knows.",
                    )
                })?,
            };
            let filing =
                Filing::from_json(&filing.to_string()).map_err(|e| schema_error(Some(e)))?;
            let approved = match object.get("approved") {
                None | Some(serde_json::Value::Null) => None,
                Some(a) => Some(Filing::from_json(&a.to_string()).map_err(|e| {
                    schema_error(Some(beian_rules::SchemaError {
                        path: format!("/approved{}", e.path),
                        ..e
                    }))
                })?),
            };
            let filing_id = match object.get("filingId") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            let filing_number = match object.get("filingNumber") {
                Some(serde_json::Value::String(s)) => s.clone(),
                _ => String::new(),
            };
            let cancellation_type = object
                .get("cancellationType")
                .and_then(serde_json::Value::as_str)
                .and_then(|t| t.parse().ok());
            let cancellation_reason = object
                .get("cancellationReason")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_string();
            let request = object.get("request").and_then(RequestRef::from_value);
            let closed_domains = match object.get("closedDomains") {
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(|d| d.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            Draft {
                kind,
                filing,
                approved,
                filing_number,
                filing_id,
                closed_domains,
                cancellation_type,
                cancellation_reason,
                request,
            }
        } else if object.contains_key("documentNumber") && !object.contains_key("subject") {
            let legacy: LegacyDraft =
                serde_json::from_value(value).map_err(|_| schema_error(None))?;
            Draft {
                kind: legacy.kind,
                filing: Filing {
                    subject: Subject {
                        document_number: legacy.document_number,
                        ..Subject::default()
                    },
                    websites: vec![Website {
                        domains: legacy.domains,
                        homepage: legacy.homepage,
                        ..Website::default()
                    }],
                },
                ..Draft::default()
            }
        } else {
            let filing = Filing::from_json(json).map_err(|e| schema_error(Some(e)))?;
            Draft {
                filing,
                ..Draft::default()
            }
        };
        draft.normalise();
        draft.keep_one_access();
        Ok(draft)
    }

    /// The draft as JSON (compact; the export file indents it in the
    /// browser, so that serde_json's pretty printer is not in the wasm).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Gives the form what it needs to show: a website, and a domain row in
    /// every website.
    pub fn normalise(&mut self) {
        if self.filing.websites.is_empty() {
            self.filing.websites.push(empty_website());
        }
        for w in &mut self.filing.websites {
            if w.domains.is_empty() {
                w.domains.push(String::new());
            }
        }
    }

    /// For a new filing, also an access entry with an IP row in every
    /// website (the form keeps one row of each list: the findings of an
    /// empty list are those of its first row's fields, which have an
    /// input). Other kinds keep the lists of the approved filing as they
    /// are.
    fn keep_one_access(&mut self) {
        if self.kind != FilingKind::NewFiling {
            return;
        }
        for w in &mut self.filing.websites {
            if w.access.is_empty() {
                w.access.push(Access::default());
            }
            for a in &mut w.access {
                if a.ips.is_empty() {
                    a.ips.push(String::new());
                }
            }
        }
    }

    /// The draft saved in localStorage, if any and readable.
    pub fn load() -> Option<Draft> {
        let raw = LocalStorage::raw().get_item(DRAFT_KEY).ok()??;
        Draft::from_json(&raw)
            .or_else(|e| {
                // A control character typed or pasted into a field is saved
                // with the draft but refused by the reader: the draft comes
                // back without it, never lost whole.
                let mut value: serde_json::Value = serde_json::from_str(&raw).map_err(|_| e)?;
                strip_controls(&mut value);
                Draft::from_json(&value.to_string())
            })
            .ok()
    }

    /// Saves the draft in localStorage (a full or disabled storage is
    /// ignored: the form still works).
    pub fn save(&self) {
        let _ = LocalStorage::set(DRAFT_KEY, self);
    }
}

/// Why a file is not a draft, in words a website owner reads: the field
/// at fault by its label in the form, not its JSON path or the names of
/// the data format (a JSON syntax error keeps its line and column).
fn schema_error(e: Option<beian_rules::SchemaError>) -> Message {
    match e {
        Some(e) if !e.path.is_empty() => {
            let zh = field_in_words(&e.path, Lang::ZhCn);
            let en = field_in_words(&e.path, Lang::En);
            Message::new(
                format!("文件不是可导入的备案草稿：“{zh}”一项的内容不符合草稿的格式。"),
                format!("The file is not a draft this wizard can import: “{en}” does not hold what a draft holds there."),
            )
        }
        Some(e) => e.message,
        None => Message::new(
            "文件不是备案草稿的 JSON。",
            "The file is not the JSON of a filing draft.",
        ),
    }
}

/// A JSON path of a draft (`/websites/0/responsiblePerson/documentType`)
/// as the labels of the form (“网站 1 › 网站负责人 › 证件类型”); a key the
/// form does not know is shown as written in the file.
pub(crate) fn field_in_words(path: &str, lang: Lang) -> String {
    use crate::i18n::{t, tn, Key};
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut words: Vec<String> = Vec::new();
    let mut person = false;
    let mut website = false;
    let mut i = 0;
    while i < segments.len() {
        let key = segments[i];
        let index = segments.get(i + 1).and_then(|s| s.parse::<usize>().ok());
        i += 1 + usize::from(index.is_some());
        let n = index.map(|k| k.saturating_add(1));
        let listed =
            |each: Key, all: Key| n.map_or_else(|| t(lang, all).to_string(), |n| tn(lang, each, n));
        let word = match key {
            "approved" => t(lang, Key::ExistingFiling).to_string(),
            "subject" => t(lang, Key::SubjectSection).to_string(),
            "websites" => {
                website = true;
                listed(Key::WebsiteN, Key::StepWebsites)
            }
            "domains" => listed(Key::DomainN, Key::Domains),
            "access" => listed(Key::AccessN, Key::StepAccess),
            "ips" => listed(Key::IpN, Key::Ips),
            "responsiblePerson" => {
                person = true;
                t(
                    lang,
                    if website {
                        Key::WebsitePerson
                    } else {
                        Key::SubjectPerson
                    },
                )
                .to_string()
            }
            "name" if person => t(lang, Key::PersonName).to_string(),
            "name" if website => t(lang, Key::WebsiteName).to_string(),
            "name" => t(lang, Key::SubjectName).to_string(),
            "documentType" => t(lang, Key::PersonDocumentType).to_string(),
            "documentNumber" => t(lang, Key::PersonDocumentNumber).to_string(),
            "subjectType" => t(lang, Key::SubjectType).to_string(),
            "responsiblePersonRole" => t(lang, Key::PersonRole).to_string(),
            "province" => t(lang, Key::Province).to_string(),
            "city" => t(lang, Key::City).to_string(),
            "county" => t(lang, Key::County).to_string(),
            "address" => t(lang, Key::Address).to_string(),
            "mobile" => t(lang, Key::Mobile).to_string(),
            "phone" => t(lang, Key::Phone).to_string(),
            "email" => t(lang, Key::Email).to_string(),
            "commercial" => t(lang, Key::Commercial).to_string(),
            "licenceNumber" => t(lang, Key::LicenceNumber).to_string(),
            "homepage" => t(lang, Key::Homepage).to_string(),
            "domainOwner" => t(lang, Key::DomainOwner).to_string(),
            "contentCategories" | "preApprovals" => t(lang, Key::ContentCategories).to_string(),
            "permitNumber" => t(lang, Key::PermitNumber).to_string(),
            "provider" => t(lang, Key::Provider).to_string(),
            "method" => t(lang, Key::Method).to_string(),
            "serverLocation" => t(lang, Key::ServerLocation).to_string(),
            "documents" => t(lang, Key::StepDocuments).to_string(),
            "date" => t(lang, Key::DocumentDate).to_string(),
            other => other.to_string(),
        };
        words.push(word);
    }
    words.join(" › ")
}

/// Removes the saved draft (the personal data typed) and the saved step
/// from this browser.
pub fn clear_saved() {
    let _ = LocalStorage::raw().remove_item(DRAFT_KEY);
    if let Ok(Some(s)) = web_sys::window().map_or(Ok(None), |w| w.session_storage()) {
        let _ = s.remove_item(STEP_KEY);
    }
}

/// The step saved for this tab, by its name.
pub fn load_step() -> Option<String> {
    web_sys::window()?
        .session_storage()
        .ok()??
        .get_item(STEP_KEY)
        .ok()?
}

/// Saves the step shown, by its name.
pub fn save_step(name: &str) {
    if let Some(Ok(Some(s))) = web_sys::window().map(|w| w.session_storage()) {
        let _ = s.set_item(STEP_KEY, name);
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

/// The id of the input of the field at a finding `path`: the path's parts
/// in kebab case joined by `-` (`/subject/documentNumber` →
/// `subject-document-number`, `/websites/0/domains/1` →
/// `websites-0-domains-1`).
pub fn input_id(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for part in path.trim_start_matches('/').split('/') {
        if !out.is_empty() {
            out.push('-');
        }
        for c in part.chars() {
            if c.is_ascii_uppercase() {
                out.push('-');
                out.push(c.to_ascii_lowercase());
            } else if c.is_ascii_alphanumeric() {
                out.push(c);
            } else {
                out.push('_');
            }
        }
    }
    out
}

/// The id of the element listing the findings of the field at `path`.
pub fn findings_id(path: &str) -> String {
    format!("findings-{}", input_id(path))
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

/// Removes the control characters (but tab and line breaks) from every
/// text of `value`.
pub fn strip_controls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            s.retain(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_controls),
        serde_json::Value::Object(map) => map.values_mut().for_each(strip_controls),
        _ => {}
    }
}
