//! The wizard's state as a model: the draft being edited (kind, filing,
//! approved filing, filing id, closed websites), the filing password (in
//! memory only) and the fields typed into, with the edits the form makes
//! (add or remove a website, a domain, an access entry or an IP, copy the
//! subject's responsible person, import a draft, load an approved filing).
//!
//! Each edit keeps the draft and the fields typed into in step: removing
//! website 1 moves the typed-into paths of website 2 to website 1, so that
//! their findings stay under the right inputs. Which document types, roles
//! and places are consistent is the rules crate's business
//! (`beian_rules::document::set_subject_type`, which the subject type's
//! select calls …).

use std::collections::HashSet;

use beian_flow::{Cancellation, CancellationType, FilingKind};
use beian_rules::path::{AccessField, FieldPath, Holder, PersonField, SubjectField, WebsiteField};
use beian_rules::{Access, Attachment, AttachmentKind, ContentCategory, Filing};
use leptos::prelude::*;

use crate::draft::{empty_website, Draft, RequestRef};
use crate::fields::filled_paths;

/// The wizard's state (cheap to copy: signals).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wizard {
    /// The kind of filing.
    pub kind: RwSignal<FilingKind>,
    /// The filing being typed.
    pub filing: RwSignal<Filing>,
    /// For the kinds other than a new filing: the approved filing.
    pub approved: RwSignal<Option<Filing>>,
    /// For the kinds other than a new filing: the filing number typed.
    pub filing_number: RwSignal<String>,
    /// For the kinds other than a new filing: the filing's id on the
    /// server, found by its number (empty until then).
    pub filing_id: RwSignal<String>,
    /// For the three cancellations: the type (002 #53).
    pub cancellation_type: RwSignal<Option<CancellationType>>,
    /// For the three cancellations: the reason (002 #53).
    pub cancellation_reason: RwSignal<String>,
    /// The request submitted (its status page), or being edited after a
    /// return.
    pub request: RwSignal<Option<RequestRef>>,
    /// For cancelling the subject: the domains confirmed closed (002 #53).
    pub closed_domains: RwSignal<Vec<String>>,
    /// The filing password: in memory only, never in a saved or exported
    /// draft.
    pub password: RwSignal<String>,
    /// Paths of the fields typed into (their findings show at once).
    pub touched: RwSignal<HashSet<String>>,
    /// A new access entry: the hosting provider's name and server location.
    access_default: StoredValue<Access>,
}

impl Wizard {
    /// The model of `start`, a saved draft when `restored` (its filled
    /// fields count as typed into). Access entries without a provider or a
    /// server location get `access_default`'s.
    pub fn new(mut start: Draft, restored: bool, access_default: Access) -> Wizard {
        fill_access_defaults(&mut start, &access_default);
        let touched = if restored {
            filled_paths(&start.filing)
        } else {
            HashSet::new()
        };
        Wizard {
            kind: RwSignal::new(start.kind),
            filing: RwSignal::new(start.filing),
            approved: RwSignal::new(start.approved),
            filing_number: RwSignal::new(start.filing_number),
            filing_id: RwSignal::new(start.filing_id),
            cancellation_type: RwSignal::new(start.cancellation_type),
            cancellation_reason: RwSignal::new(start.cancellation_reason),
            request: RwSignal::new(start.request),
            closed_domains: RwSignal::new(start.closed_domains),
            password: RwSignal::new(String::new()),
            touched: RwSignal::new(touched),
            access_default: StoredValue::new(access_default),
        }
    }

    /// The draft as saved and exported (tracked: an effect that reads it
    /// runs again on every change).
    pub fn draft(self) -> Draft {
        Draft {
            kind: self.kind.get(),
            filing: self.filing.get(),
            approved: self.approved.get(),
            filing_number: self.filing_number.get(),
            filing_id: self.filing_id.get(),
            closed_domains: self.closed_domains.get(),
            cancellation_type: self.cancellation_type.get(),
            cancellation_reason: self.cancellation_reason.get(),
            request: self.request.get(),
        }
    }

    /// The draft as saved and exported, now (untracked).
    pub fn draft_now(self) -> Draft {
        untrack(|| self.draft())
    }

    /// The filing as the flow checks it: the approved filing only for the
    /// kinds other than a new filing (tracked).
    pub fn approved_for_kind(self) -> Option<Filing> {
        if self.kind.get() == FilingKind::NewFiling {
            None
        } else {
            self.approved.get()
        }
    }

    /// The cancellation's type and reason, for the three cancellations
    /// once a type is chosen (tracked).
    pub fn cancellation(self) -> Option<Cancellation> {
        if !self.kind.get().is_cancellation() {
            return None;
        }
        self.cancellation_type.get().map(|t| Cancellation {
            cancellation_type: t,
            reason: self.cancellation_reason.get(),
        })
    }

    /// Marks the field at `path` as typed into.
    pub fn touch(self, path: FieldPath) {
        self.touch_key(path.to_string());
    }

    /// Marks `key` (a field path, or the filing password's) as typed into.
    pub fn touch_key(self, key: String) {
        if !self.touched.with_untracked(|t| t.contains(&key)) {
            self.touched.update(|t| {
                t.insert(key);
            });
        }
    }

    /// Removes item `k` of the list at `list` from the fields typed into,
    /// moving the later items' paths down by one.
    fn forget_item(self, list: FieldPath, k: usize) {
        self.touched
            .update(|t| crate::fields::forget_item(t, list, k));
    }

    /// Adds a website (one empty domain, one access entry with the
    /// defaults) and returns its index.
    pub fn add_website(self) -> usize {
        let mut website = empty_website();
        website.access = vec![self.access_default.get_value()];
        let mut i = 0;
        self.filing.update(|f| {
            f.websites.push(website);
            i = f.websites.len() - 1;
        });
        i
    }

    /// Removes website `i`; the last website stays.
    pub fn remove_website(self, i: usize) {
        let mut removed = false;
        self.filing.update(|f| {
            if f.websites.len() > 1 && i < f.websites.len() {
                f.websites.remove(i);
                removed = true;
            }
        });
        if removed {
            self.forget_item(FieldPath::Websites, i);
        }
    }

    /// Adds an empty domain row to website `i` and returns its index.
    pub fn add_domain(self, i: usize) -> usize {
        let mut j = 0;
        self.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                w.domains.push(String::new());
                j = w.domains.len() - 1;
            }
        });
        j
    }

    /// Removes domain `j` of website `i`; the last domain row stays.
    pub fn remove_domain(self, i: usize, j: usize) {
        let mut removed = false;
        self.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                if w.domains.len() > 1 && j < w.domains.len() {
                    w.domains.remove(j);
                    removed = true;
                }
            }
        });
        if removed {
            self.forget_item(FieldPath::website(i, WebsiteField::Domains), j);
        }
    }

    /// Adds an access entry with the defaults to website `i` and returns
    /// its index.
    pub fn add_access(self, i: usize) -> usize {
        let entry = self.access_default.get_value();
        let mut j = 0;
        self.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                w.access.push(entry);
                j = w.access.len() - 1;
            }
        });
        j
    }

    /// Removes access entry `j` of website `i`.
    pub fn remove_access(self, i: usize, j: usize) {
        let mut removed = false;
        self.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                if j < w.access.len() {
                    w.access.remove(j);
                    removed = true;
                }
            }
        });
        if removed {
            self.forget_item(FieldPath::website(i, WebsiteField::Access), j);
        }
    }

    /// Adds an empty IP row to access entry `j` of website `i` and returns
    /// its index.
    pub fn add_ip(self, i: usize, j: usize) -> usize {
        let mut k = 0;
        self.filing.update(|f| {
            if let Some(a) = f.websites.get_mut(i).and_then(|w| w.access.get_mut(j)) {
                a.ips.push(String::new());
                k = a.ips.len() - 1;
            }
        });
        k
    }

    /// Removes IP `k` of access entry `j` of website `i`; the last IP row
    /// stays.
    pub fn remove_ip(self, i: usize, j: usize, k: usize) {
        let mut removed = false;
        self.filing.update(|f| {
            if let Some(a) = f.websites.get_mut(i).and_then(|w| w.access.get_mut(j)) {
                if a.ips.len() > 1 && k < a.ips.len() {
                    a.ips.remove(k);
                    removed = true;
                }
            }
        });
        if removed {
            self.forget_item(FieldPath::access(i, j, AccessField::Ips), k);
        }
    }

    /// Copies the subject's responsible person to website `i`'s, whose
    /// fields then count as typed into.
    pub fn copy_person(self, i: usize) {
        let mut copied = false;
        self.filing.update(|f| {
            let p = f.subject.responsible_person.clone();
            if let Some(w) = f.websites.get_mut(i) {
                w.responsible_person = p;
                copied = true;
            }
        });
        if copied {
            for field in PersonField::ALL {
                self.touch(Holder::Website(i).person(field));
            }
        }
    }

    /// Sets the subject's place at once (a pick of the division search):
    /// the three fields count as typed into.
    pub fn set_place(self, province: String, city: String, county: String) {
        self.filing.update(|f| {
            f.subject.province = province;
            f.subject.city = city;
            f.subject.county = county;
        });
        for field in [
            SubjectField::Province,
            SubjectField::City,
            SubjectField::County,
        ] {
            self.touch(FieldPath::subject(field));
        }
    }

    /// Checks or unchecks content category `c` of website `i`; unchecking
    /// drops its pre-approval (and the bulletin board flag, which the
    /// category stands for).
    pub fn set_category(self, i: usize, c: ContentCategory, on: bool) {
        self.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                w.content_categories.retain(|x| *x != c);
                if c == ContentCategory::BulletinBoard {
                    w.bulletin_board = false;
                }
                if on {
                    w.content_categories.push(c);
                } else {
                    w.pre_approvals.retain(|p| p.category != Some(c));
                }
            }
        });
        self.touch(FieldPath::website(i, WebsiteField::ContentCategories));
    }

    /// Marks a document of `kind` attached (or not) to the holder's
    /// documents.
    pub fn set_attached(self, holder: Holder, kind: AttachmentKind, on: bool) {
        self.filing.update(|f| {
            if let Some(d) = holder.documents_in_mut(f) {
                d.retain(|a| a.kind != Some(kind));
                if on {
                    d.push(Attachment {
                        kind: Some(kind),
                        date: None,
                    });
                }
            }
        });
        self.touch(holder.documents());
    }

    /// Replaces the whole draft with an imported one: its filled fields
    /// count as typed into.
    pub fn import(self, d: Draft) {
        self.touched.set(filled_paths(&d.filing));
        self.kind.set(d.kind);
        self.filing.set(d.filing);
        self.approved.set(d.approved);
        self.filing_number.set(d.filing_number);
        self.filing_id.set(d.filing_id);
        self.closed_domains.set(d.closed_domains);
        self.cancellation_type.set(d.cancellation_type);
        self.cancellation_reason.set(d.cancellation_reason);
        self.request.set(d.request);
    }

    /// "Start a new filing": an empty form (with the access defaults), the
    /// submitted request forgotten, nothing typed into.
    pub fn clear(self) {
        let mut d = Draft::default();
        fill_access_defaults(&mut d, &self.access_default.get_value());
        self.import(d);
        self.touched.set(HashSet::new());
        self.password.set(String::new());
    }

    /// A returned request opened in the form: its proposed filing to edit,
    /// its approved filing, and the reason (kept with the request until it
    /// is submitted again).
    pub fn edit_returned(self, request: RequestRef, filing: Filing, approved: Option<Filing>) {
        let mut d = Draft {
            kind: request.kind,
            filing,
            approved,
            filing_number: self.filing_number.get_untracked(),
            filing_id: request.filing_id.clone(),
            closed_domains: self.closed_domains.get_untracked(),
            cancellation_type: self.cancellation_type.get_untracked(),
            cancellation_reason: self.cancellation_reason.get_untracked(),
            request: Some(request),
        };
        d.normalise();
        self.import(d);
    }

    /// The approved filing loaded from the server: also the filing to
    /// edit; no website is confirmed closed yet.
    pub fn load_approved(self, f: Filing) {
        let mut d = Draft {
            filing: f.clone(),
            ..Draft::default()
        };
        d.normalise();
        self.touched.set(filled_paths(&d.filing));
        self.approved.set(Some(f));
        self.closed_domains.set(Vec::new());
        self.filing.set(d.filing);
    }
}

/// Access entries without a provider or a server location get
/// `defaults`'.
fn fill_access_defaults(d: &mut Draft, defaults: &Access) {
    for a in d
        .filing
        .websites
        .iter_mut()
        .flat_map(|w| w.access.iter_mut())
    {
        if a.provider.trim().is_empty() {
            a.provider.clone_from(&defaults.provider);
        }
        if a.server_location.trim().is_empty() {
            a.server_location.clone_from(&defaults.server_location);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use beian_rules::{DocumentType, Person, PreApproval};
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    fn defaults() -> Access {
        Access {
            provider: "Example Cloud".into(),
            server_location: "330000".into(),
            ips: vec![String::new()],
            ..Access::default()
        }
    }

    fn touched(w: Wizard) -> Vec<String> {
        let mut t: Vec<String> = w.touched.get_untracked().into_iter().collect();
        t.sort_unstable();
        t
    }

    #[wasm_bindgen_test]
    fn a_new_model_fills_the_access_defaults_and_touches_nothing() {
        let w = Wizard::new(Draft::default(), false, defaults());
        let f = w.filing.get_untracked();
        assert_eq!(f.websites.len(), 1);
        assert_eq!(f.websites[0].access[0].provider, "Example Cloud");
        assert_eq!(f.websites[0].access[0].server_location, "330000");
        assert!(touched(w).is_empty());
        // A restored draft's filled fields count as typed into.
        let mut d = Draft::default();
        d.filing.subject.name = "张三".into();
        let w = Wizard::new(d, true, defaults());
        assert!(touched(w).contains(&"/subject/name".to_string()));
    }

    #[wasm_bindgen_test]
    fn websites_are_added_and_removed_with_their_touched_fields() {
        let w = Wizard::new(Draft::default(), false, defaults());
        assert_eq!(w.add_website(), 1);
        assert_eq!(w.add_website(), 2);
        let f = w.filing.get_untracked();
        assert_eq!(f.websites[2].access[0].provider, "Example Cloud");
        assert_eq!(f.websites[2].domains, [""]);
        w.filing.update(|f| f.websites[2].name = "third".into());
        w.touch(FieldPath::website(1, WebsiteField::Name));
        w.touch(FieldPath::website(2, WebsiteField::Name));
        w.touch(FieldPath::subject(SubjectField::Name));
        w.remove_website(1);
        let f = w.filing.get_untracked();
        assert_eq!(f.websites.len(), 2);
        assert_eq!(f.websites[1].name, "third");
        assert_eq!(touched(w), ["/subject/name", "/websites/1/name"]);
        // The last website stays.
        w.remove_website(0);
        w.remove_website(0);
        assert_eq!(w.filing.get_untracked().websites.len(), 1);
        assert_eq!(touched(w), ["/subject/name", "/websites/0/name"]);
    }

    #[wasm_bindgen_test]
    fn domains_access_entries_and_ips_keep_one_row() {
        let w = Wizard::new(Draft::default(), false, defaults());
        assert_eq!(w.add_domain(0), 1);
        w.touch(FieldPath::website(0, WebsiteField::Domain(1)));
        w.remove_domain(0, 0);
        assert_eq!(touched(w), ["/websites/0/domains/0"]);
        w.remove_domain(0, 0);
        assert_eq!(w.filing.get_untracked().websites[0].domains.len(), 1);
        assert_eq!(w.add_ip(0, 0), 1);
        w.touch(FieldPath::access(0, 0, AccessField::Ip(1)));
        w.remove_ip(0, 0, 1);
        w.remove_ip(0, 0, 0);
        assert_eq!(w.filing.get_untracked().websites[0].access[0].ips.len(), 1);
        assert_eq!(w.add_access(0), 1);
        w.touch(FieldPath::access(0, 1, AccessField::Provider));
        w.remove_access(0, 0);
        assert_eq!(w.filing.get_untracked().websites[0].access.len(), 1);
        assert_eq!(
            touched(w),
            ["/websites/0/access/0/provider", "/websites/0/domains/0"]
        );
        // Out of range: nothing happens.
        w.remove_access(5, 0);
        w.remove_ip(0, 3, 0);
        assert_eq!(w.add_domain(9), 0);
        assert_eq!(w.filing.get_untracked().websites.len(), 1);
    }

    #[wasm_bindgen_test]
    fn copying_the_person_copies_and_touches_every_field() {
        let w = Wizard::new(Draft::default(), false, defaults());
        let person = Person {
            name: "张三".into(),
            document_type: DocumentType::Passport,
            document_number: "E12345678".into(),
            mobile: "13800138000".into(),
            phone: String::new(),
            email: "a@example.com".into(),
        };
        w.filing
            .update(|f| f.subject.responsible_person = person.clone());
        w.copy_person(0);
        assert_eq!(
            w.filing.get_untracked().websites[0].responsible_person,
            person
        );
        assert_eq!(touched(w).len(), 6);
        assert!(touched(w).contains(&"/websites/0/responsiblePerson/documentType".to_string()));
        w.copy_person(3);
        assert_eq!(touched(w).len(), 6);
    }

    #[wasm_bindgen_test]
    fn place_categories_and_documents() {
        let w = Wizard::new(Draft::default(), false, defaults());
        w.set_place("110000".into(), String::new(), "110105".into());
        let s = w.filing.get_untracked().subject;
        assert_eq!(
            (s.province.as_str(), s.county.as_str()),
            ("110000", "110105")
        );
        assert!(touched(w).contains(&"/subject/county".to_string()));
        w.set_category(0, ContentCategory::News, true);
        w.filing.update(|f| {
            f.websites[0].pre_approvals.push(PreApproval {
                category: Some(ContentCategory::News),
                permit_number: "x".into(),
            });
            f.websites[0].bulletin_board = true;
        });
        w.set_category(0, ContentCategory::News, false);
        w.set_category(0, ContentCategory::BulletinBoard, false);
        let site = &w.filing.get_untracked().websites[0];
        assert!(site.content_categories.is_empty() && site.pre_approvals.is_empty());
        assert!(!site.bulletin_board);
        w.set_attached(Holder::Website(0), AttachmentKind::DomainCertificate, true);
        w.set_attached(Holder::Subject, AttachmentKind::Photo, true);
        w.set_attached(Holder::Subject, AttachmentKind::Photo, true);
        let f = w.filing.get_untracked();
        assert_eq!(f.websites[0].documents.len(), 1);
        assert_eq!(f.subject.documents.len(), 1);
        w.set_attached(Holder::Subject, AttachmentKind::Photo, false);
        assert!(w.filing.get_untracked().subject.documents.is_empty());
        assert!(touched(w).contains(&"/subject/documents".to_string()));
    }

    #[wasm_bindgen_test]
    fn a_new_filing_forgets_the_request_and_a_returned_one_opens_in_the_form() {
        let w = Wizard::new(Draft::default(), false, defaults());
        w.filing.update(|f| f.subject.name = "张三".into());
        w.request.set(Some(RequestRef {
            id: 7,
            filing_id: "42".into(),
            kind: FilingKind::NewFiling,
            returned: None,
        }));
        w.password.set("s3cret".into());
        w.clear();
        let d = w.draft_now();
        assert_eq!(d.request, None);
        assert!(d.filing.subject.name.is_empty());
        assert_eq!(d.filing.websites[0].access[0].provider, "Example Cloud");
        assert!(w.password.get_untracked().is_empty());
        let mut filing = Filing::default();
        filing.subject.name = "李四".into();
        let returned = RequestRef {
            id: 9,
            filing_id: "43".into(),
            kind: FilingKind::AddWebsite,
            returned: Some("网站名称与内容不符".into()),
        };
        w.edit_returned(returned.clone(), filing, None);
        let d = w.draft_now();
        assert_eq!(d.kind, FilingKind::AddWebsite);
        assert_eq!(d.filing_id, "43");
        assert_eq!(d.filing.subject.name, "李四");
        assert_eq!(d.filing.websites.len(), 1);
        assert_eq!(d.request, Some(returned));
    }

    #[wasm_bindgen_test]
    fn import_and_load_replace_the_draft() {
        let w = Wizard::new(Draft::default(), false, defaults());
        w.touch(FieldPath::subject(SubjectField::Address));
        w.password.set("s3cret".into());
        let mut d = Draft {
            kind: FilingKind::Change,
            filing_id: "42".into(),
            closed_domains: vec!["example.com".into()],
            ..Draft::default()
        };
        d.filing.subject.name = "李四".into();
        w.import(d.clone());
        assert_eq!(w.draft_now(), d);
        assert!(touched(w).contains(&"/subject/name".to_string()));
        assert!(!touched(w).contains(&"/subject/address".to_string()));
        // The password is not part of the draft.
        assert!(!w.draft_now().to_json().contains("s3cret"));
        let mut approved = Filing::default();
        approved.subject.name = "王五".into();
        w.load_approved(approved.clone());
        let now = w.draft_now();
        assert_eq!(now.approved, Some(approved));
        assert_eq!(now.filing.subject.name, "王五");
        assert_eq!(now.filing.websites.len(), 1);
        assert!(now.closed_domains.is_empty());
        assert_eq!(now.filing_id, "42");
    }
}
