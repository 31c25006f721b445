//! Bringing in a filing approved elsewhere (the common case of a hosting
//! provider: a customer transfers access to us or adds a website, 002 #32,
//! #33): the user types what the customer has — the subject's document
//! type and number, its name, each website's `-N` number and domains —
//! and, with the filing password of the panel above, the wizard posts
//! `POST {apiBase}/api/v1/filings/import`. The server's refusals (1003,
//! 1005, invalid numbers …) show under the fields their paths name.

use std::collections::HashMap;

use beian_rules::path::{FieldPath, SubjectField, WebsiteField};
use beian_rules::{filing_number, Access, DocumentType, Filing, Finding, Subject, Website};
use leptos::prelude::*;

use crate::draft::Draft;
use crate::fields::{
    from_slug, slug, Binding, Button, FindingList, Form, Remove, SelectField, TextField,
};
use crate::i18n::{t, tn, Key};
use crate::model::Wizard;
use crate::steps::document_key;
use crate::submit::{import_filing, Outcome};

/// The domains of a typed list (spaces, commas, 、 or semicolons between).
pub(crate) fn split_domains(list: &str) -> Vec<String> {
    list.split(|c: char| c.is_whitespace() || ",，、;；".contains(c))
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

/// The number of website `i` (from 1) of the subject numbered `subject`.
fn site_number(subject: &str, i: u32) -> String {
    format!("{subject}-{i}")
}

/// A website of the import form: its number, and its domains as typed in
/// one input (the first item, split when sent).
fn import_site(number: String) -> Website {
    Website {
        filing_number: number,
        domains: vec![String::new()],
        ..Website::default()
    }
}

/// The filing the import sends, from the form's: numbers written
/// canonically when valid (the server checks them again), the domains of
/// each website split, only the fields the import knows.
pub(crate) fn import_filing_of(typed: &Filing) -> Filing {
    let canonical = |n: &str| filing_number::format(n).unwrap_or_else(|| n.trim().to_string());
    let s = &typed.subject;
    Filing {
        subject: Subject {
            filing_number: canonical(&s.filing_number),
            document_type: s.document_type,
            document_number: s.document_number.trim().to_string(),
            name: s.name.trim().to_string(),
            ..Subject::default()
        },
        websites: typed
            .websites
            .iter()
            .map(|w| Website {
                filing_number: canonical(&w.filing_number),
                domains: w.domains.iter().flat_map(|d| split_domains(d)).collect(),
                ..Website::default()
            })
            .collect(),
    }
}

/// The findings of the form: the rules crate's of each website's number
/// as typed, then the server's answer.
fn findings_of(typed: &Filing, server: &[Finding]) -> HashMap<String, Vec<Finding>> {
    let mut map: HashMap<String, Vec<Finding>> = HashMap::new();
    for (i, w) in typed.websites.iter().enumerate() {
        if !w.filing_number.trim().is_empty() {
            let path = FieldPath::website(i, WebsiteField::FilingNumber).to_string();
            map.entry(path.clone())
                .or_default()
                .extend(filing_number::findings(&w.filing_number, &path));
        }
    }
    for f in server {
        // A domain's finding shows under the website's one input.
        let path = match f.path.parse::<FieldPath>() {
            Ok(FieldPath::Website(i, WebsiteField::Domain(_))) => {
                FieldPath::website(i, WebsiteField::Domains).to_string()
            }
            _ => f.path.clone(),
        };
        let list = map.entry(path).or_default();
        if !list.contains(f) {
            list.push(f.clone());
        }
    }
    map
}

/// The ids of the import form's inputs start with this.
const PREFIX: &str = "import-";

/// The import form, for the filing numbered `number` (as typed in the
/// panel: the subject's number, or a website's). It is a form of its own
/// (the wizard's field components over a filing of its own). `on_imported`
/// gets the new filing's id on the server.
#[component]
pub(crate) fn ImportPanel(
    form: Form,
    number: String,
    api_base: StoredValue<String>,
    on_imported: Callback<String>,
) -> impl IntoView {
    let lang = form.lang;
    let password = form.wizard.password;
    let parsed = filing_number::validate(&number).ok();
    let subject_number = parsed
        .as_ref()
        .map(|n| n.subject_number())
        .unwrap_or_else(|| number.clone());
    let first = parsed.as_ref().and_then(|n| n.site()).unwrap_or(1);
    let start = Draft {
        filing: Filing {
            subject: Subject {
                filing_number: subject_number.clone(),
                ..Subject::default()
            },
            websites: vec![import_site(site_number(&subject_number, first))],
        },
        ..Draft::default()
    };
    let wizard = Wizard::new(start, false, Access::default());
    let typed = wizard.filing;
    let server = RwSignal::new(Vec::<Finding>::new());
    let by_path = Memo::new(move |_| typed.with(|f| server.with(|s| findings_of(f, s))));
    let import_form = Form {
        wizard,
        lang,
        checked: RwSignal::new(Vec::new()),
        check_all: RwSignal::new(true),
        by_path,
    };
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The findings no input of the form shows.
    let other = Signal::derive(move || {
        let n = typed.with(|f| f.websites.len());
        let mut shown = vec![
            FieldPath::subject(SubjectField::DocumentType).to_string(),
            FieldPath::subject(SubjectField::DocumentNumber).to_string(),
            FieldPath::subject(SubjectField::Name).to_string(),
        ];
        for i in 0..n {
            shown.push(FieldPath::website(i, WebsiteField::FilingNumber).to_string());
            shown.push(FieldPath::website(i, WebsiteField::Domains).to_string());
        }
        server.with(|all| {
            all.iter()
                .filter(|f| {
                    !shown
                        .iter()
                        .any(|p| f.path == *p || f.path.starts_with(&format!("{p}/")))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let doc_types = Signal::derive(move || {
        let l = lang.get();
        DocumentType::ALL
            .iter()
            .map(|d| (slug(*d), t(l, document_key(*d)).to_string()))
            .collect::<Vec<_>>()
    });
    let send = Callback::new(move |()| {
        if busy.get_untracked() {
            return;
        }
        let filing = import_filing_of(&typed.get_untracked());
        let pw = password.get_untracked();
        let base = api_base.get_value();
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            match import_filing(&base, &filing, &pw).await {
                Outcome::Submitted { id, findings, .. } => {
                    server.set(findings);
                    on_imported.run(id);
                }
                Outcome::Refused { findings } => {
                    server.set(findings);
                    message.set(Some(
                        t(lang.get_untracked(), Key::ImportRefused).to_string(),
                    ));
                }
                Outcome::Failed(m) => {
                    server.set(Vec::new());
                    message.set(Some(format!(
                        "{} {m}",
                        t(lang.get_untracked(), Key::LoadFailed)
                    )));
                }
            }
            busy.set(false);
        });
    });
    let add = Callback::new(move |()| {
        let subject = typed.with_untracked(|f| f.subject.filing_number.clone());
        typed.update(|f| {
            // The next number after the highest typed.
            let next = f
                .websites
                .iter()
                .filter_map(|w| filing_number::validate(&w.filing_number).ok()?.site())
                .max()
                .unwrap_or(0)
                + 1;
            f.websites.push(import_site(site_number(&subject, next)));
        });
    });
    let tx = move |key: Key| import_form.tx(key);
    let n_sites = Memo::new(move |_| typed.with(|f| f.websites.len()));
    view! {
        <fieldset class="group import" id="import-filing" aria-describedby="hint-import-filing">
            <legend>{move || tn(lang.get(), Key::ImportHeading, &subject_number)}</legend>
            <p class="hint" id="hint-import-filing">{tx(Key::ImportIntro)}</p>
            <SelectField
                form=import_form
                id_prefix=PREFIX
                path=FieldPath::subject(SubjectField::DocumentType)
                label=tx(Key::DocumentType)
                options=doc_types
                bind=Binding::new(
                    |f| slug(f.subject.document_type),
                    |f, v| {
                        if let Some(d) = from_slug(&v) {
                            f.subject.document_type = d;
                        }
                    },
                )
            />
            <TextField form=import_form id_prefix=PREFIX path=FieldPath::subject(SubjectField::DocumentNumber) label=tx(Key::DocumentNumber) />
            <TextField form=import_form id_prefix=PREFIX path=FieldPath::subject(SubjectField::Name) label=tx(Key::SubjectName) autocomplete="organization" />
            {move || {
                (0..n_sites.get())
                    .map(|i| {
                        let domains = Binding::new(
                            move |f| f.websites.get(i).and_then(|w| w.domains.first()).cloned().unwrap_or_default(),
                            move |f, v| {
                                if let Some(w) = f.websites.get_mut(i) {
                                    w.domains = vec![v];
                                }
                            },
                        );
                        view! {
                            <div class="group import-site">
                                <h3>{import_form.txn(Key::WebsiteN, move || i + 1)}</h3>
                                <TextField form=import_form id_prefix=PREFIX path=FieldPath::website(i, WebsiteField::FilingNumber) label=tx(Key::WebsiteFilingNumber) />
                                <TextField
                                    form=import_form
                                    id_prefix=PREFIX
                                    path=FieldPath::website(i, WebsiteField::Domains)
                                    label=tx(Key::Domains)
                                    hint=Key::ImportDomainsHint
                                    bind=domains
                                    inputmode="url"
                                    remove=Remove {
                                        label: import_form.txn(Key::RemoveWebsiteN, move || i + 1),
                                        enabled: Signal::derive(move || n_sites.get() > 1),
                                        run: Callback::new(move |()| wizard.remove_website(i)),
                                    }
                                />
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <div class="row">
                <Button id="add-import-website" class="secondary" label=tx(Key::AddWebsite) on_click=add />
                <Button id="import-filing-submit" class="primary" label=tx(Key::ImportSubmit) busy=busy.into() on_click=send />
            </div>
            <div id="import-filing-status" role="status" aria-live="polite">
                {move || message.get().map(|m| view! { <p class="error">{m}</p> })}
                <FindingList id="findings-import".to_string() findings=other lang on_apply=None />
            </div>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_import_sends_numbers_canonically_and_domains_split() {
        let mut typed = Filing {
            subject: Subject {
                filing_number: "京ICP备12345678号".into(),
                document_number: " 11010519491231002X ".into(),
                name: "张三".into(),
                address: "not sent".into(),
                ..Subject::default()
            },
            websites: vec![import_site("京 ICP 备 12345678 号－1".into())],
        };
        typed.websites[0].domains = vec!["example.com, example.cn、example.net".into()];
        let f = import_filing_of(&typed);
        assert_eq!(f.subject.filing_number, "京ICP备12345678号");
        assert_eq!(f.subject.document_number, "11010519491231002X");
        assert!(f.subject.address.is_empty());
        assert_eq!(f.websites[0].filing_number, "京ICP备12345678号-1");
        assert_eq!(
            f.websites[0].domains,
            ["example.com", "example.cn", "example.net"]
        );
        assert_eq!(site_number("京ICP备12345678号", 2), "京ICP备12345678号-2");
        // The number's findings show under its input; a domain's under the
        // website's domains.
        let server = vec![Finding::new(
            "registry.domain_conflict",
            Some("1005"),
            "/websites/0/domains/1",
            beian_rules::Severity::Error,
            beian_rules::Message::new("域名已备案。", "Filed."),
        )];
        let map = findings_of(&typed, &server);
        assert_eq!(map["/websites/0/domains"][0].code.as_deref(), Some("1005"));
        assert!(map["/websites/0/filingNumber"]
            .iter()
            .any(|f| f.rule == "filing_number.canonical_form"));
    }
}
