//! The filing wizard page: the form, its findings and the language switch.
//!
//! Every keystroke rebuilds the whole [`Filing`](beian_rules::Filing) from
//! the form and runs `beian_rules::check_with` on it; each finding is shown
//! under the field its path names. No rule lives here.

use beian_rules::{check_with, Finding, Options, Severity};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::draft::{self, Draft, FieldId};
use crate::i18n::{t, tn, Key, Lang};

/// One domain input. Rows keep their `id` when others are removed, so
/// that the input being typed into is never re-created.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DomainRow {
    id: usize,
    value: String,
    touched: bool,
}

/// The page.
#[component]
pub fn App() -> impl IntoView {
    let start = Draft::load().unwrap_or_default();
    let lang = RwSignal::new(draft::load_lang().unwrap_or_default());
    // A field restored from a saved draft was typed into before: it counts
    // as touched, so its findings show again after a reload.
    let document_number = RwSignal::new(start.document_number.clone());
    let document_number_touched = RwSignal::new(!start.document_number.is_empty());
    let homepage = RwSignal::new(start.homepage.clone());
    let homepage_touched = RwSignal::new(!start.homepage.is_empty());
    let domains = RwSignal::new(
        start
            .domains
            .iter()
            .enumerate()
            .map(|(id, value)| DomainRow {
                id,
                value: value.clone(),
                touched: !value.is_empty(),
            })
            .collect::<Vec<_>>(),
    );
    let next_row_id = StoredValue::new(start.domains.len());
    let check_all = RwSignal::new(false);

    let draft = Memo::new(move |_| Draft {
        document_number: document_number.get(),
        domains: domains.with(|rows| rows.iter().map(|r| r.value.clone()).collect()),
        homepage: homepage.get(),
    });
    let options = Options {
        today: draft::today(),
    };
    let findings = Memo::new(move |_| draft.with(|d| check_with(&d.to_filing(), &options)));

    Effect::new(move |_| draft.with(Draft::save));
    Effect::new(move |_| {
        let lang = lang.get();
        draft::save_lang(lang);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document().set_title(t(lang, Key::Title));
    });

    // The findings of one field, shown once it is touched or after "check all".
    let of_field = move |field: FieldId, touched: bool| -> Vec<Finding> {
        if !touched && !check_all.get() {
            return Vec::new();
        }
        findings.with(|all| {
            all.iter()
                .filter(|f| FieldId::of_path(&f.path) == Some(field))
                .cloned()
                .collect()
        })
    };
    let document_number_findings =
        Memo::new(move |_| of_field(FieldId::DocumentNumber, document_number_touched.get()));
    let homepage_findings = Memo::new(move |_| of_field(FieldId::Homepage, homepage_touched.get()));
    let other_findings = Memo::new(move |_| {
        if !check_all.get() {
            return Vec::new();
        }
        findings.with(|all| {
            all.iter()
                .filter(|f| FieldId::of_path(&f.path).is_none())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let error_count =
        Memo::new(move |_| findings.with(|all| all.iter().filter(|f| f.is_error()).count()));

    let add_domain = move |_| {
        let id = next_row_id.get_value();
        next_row_id.set_value(id + 1);
        domains.update(|rows| {
            rows.push(DomainRow {
                id,
                value: String::new(),
                touched: false,
            })
        });
        let index = domains.with_untracked(|rows| rows.len() - 1);
        focus_later(format!("#{}", FieldId::Domain(index).input_id()));
    };
    let run_check_all = move |_| {
        check_all.set(true);
        focus_later("[aria-invalid=\"true\"]".to_string());
    };

    view! {
        <header class="top">
            <div class="top-inner">
                <h1>{move || t(lang.get(), Key::Title)}</h1>
                <div class="lang">
                    <label for="lang-switch">{move || t(lang.get(), Key::Language)}</label>
                    <select
                        id="lang-switch"
                        prop:value=move || lang.get().tag()
                        on:change=move |ev| {
                            if let Some(l) = Lang::from_tag(&event_target_value(&ev)) {
                                lang.set(l);
                            }
                        }
                    >
                        {Lang::ALL
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <option value=l.tag() selected=move || lang.get() == l>
                                        {l.native_name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
        </header>
        <main>
            <p class="intro">{move || t(lang.get(), Key::Intro)}</p>
            <form novalidate on:submit=move |ev| ev.prevent_default()>
                <fieldset>
                    <legend>{move || t(lang.get(), Key::SubjectSection)}</legend>
                    <TextField
                        field=FieldId::DocumentNumber
                        label=Key::DocumentNumber
                        hint=Key::DocumentNumberHint
                        lang
                        value=document_number
                        touched=document_number_touched
                        findings=document_number_findings
                        input_type="text"
                        inputmode="text"
                        placeholder=""
                    />
                </fieldset>
                <fieldset>
                    <legend>{move || t(lang.get(), Key::WebsiteSection)}</legend>
                    <div
                        class="field"
                        role="group"
                        aria-labelledby="domains-label"
                        aria-describedby="hint-domains"
                    >
                        <span class="label" id="domains-label">
                            {move || t(lang.get(), Key::Domains)}
                        </span>
                        <p class="hint" id="hint-domains">
                            {move || t(lang.get(), Key::DomainsHint)}
                        </p>
                        <ol class="domains">
                            <For each=move || domains.get() key=|row| row.id let:row>
                                <DomainField id=row.id domains lang findings check_all />
                            </For>
                        </ol>
                        <button type="button" class="secondary" id="add-domain" on:click=add_domain>
                            {move || t(lang.get(), Key::AddDomain)}
                        </button>
                    </div>
                    <TextField
                        field=FieldId::Homepage
                        label=Key::Homepage
                        hint=Key::HomepageHint
                        lang
                        value=homepage
                        touched=homepage_touched
                        findings=homepage_findings
                        input_type="url"
                        inputmode="url"
                        placeholder="https://www.example.com"
                    />
                </fieldset>
                <Show when=move || !other_findings.with(Vec::is_empty)>
                    <section class="other">
                        <h2>{move || t(lang.get(), Key::OtherFindings)}</h2>
                        <FindingList
                            id="findings-other".to_string()
                            findings=other_findings
                            lang
                            on_apply=None
                        />
                    </section>
                </Show>
                <div class="actions">
                    <button type="button" class="primary" id="check-all" on:click=run_check_all>
                        {move || t(lang.get(), Key::CheckAll)}
                    </button>
                    <p id="check-status" role="status" aria-live="polite">
                        {move || {
                            if !check_all.get() {
                                String::new()
                            } else if error_count.get() == 0 {
                                t(lang.get(), Key::AllClear).to_string()
                            } else {
                                tn(lang.get(), Key::NErrors, error_count.get())
                            }
                        }}
                    </p>
                </div>
            </form>
            <p class="note">{move || t(lang.get(), Key::DraftNote)}</p>
        </main>
    }
}

/// A labelled one-line input with its hint and findings.
#[component]
#[allow(clippy::too_many_arguments)]
fn TextField(
    field: FieldId,
    label: Key,
    hint: Key,
    lang: RwSignal<Lang>,
    value: RwSignal<String>,
    touched: RwSignal<bool>,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    input_type: &'static str,
    inputmode: &'static str,
    placeholder: &'static str,
) -> impl IntoView {
    let input_id = field.input_id();
    let findings_id = field.findings_id();
    let hint_id = format!("hint-{input_id}");
    let invalid = move || findings.with(|f| f.iter().any(Finding::is_error));
    view! {
        <div class="field">
            <label for=input_id.clone()>{move || t(lang.get(), label)}</label>
            <p class="hint" id=hint_id.clone()>{move || t(lang.get(), hint)}</p>
            <input
                id=input_id
                type=input_type
                inputmode=inputmode
                placeholder=placeholder
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                prop:value=move || value.get()
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=format!("{hint_id} {findings_id}")
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    touched.set(true);
                }
            />
            <FindingList
                id=findings_id
                findings
                lang
                on_apply=Some(
                    Callback::new(move |suggestion: String| {
                        value.set(suggestion);
                        touched.set(true);
                    }),
                )
            />
        </div>
    }
}

/// One row of the domain list: label, input, remove button, findings.
#[component]
fn DomainField(
    id: usize,
    domains: RwSignal<Vec<DomainRow>>,
    lang: RwSignal<Lang>,
    findings: Memo<Vec<Finding>>,
    check_all: RwSignal<bool>,
) -> impl IntoView {
    let index =
        Memo::new(move |_| domains.with(|rows| rows.iter().position(|r| r.id == id).unwrap_or(0)));
    let value = move || {
        domains.with(|rows| {
            rows.iter()
                .find(|r| r.id == id)
                .map(|r| r.value.clone())
                .unwrap_or_default()
        })
    };
    let touched = move || domains.with(|rows| rows.iter().any(|r| r.id == id && r.touched));
    let set_value = move |new: String| {
        domains.update(|rows| {
            if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                row.value = new;
                row.touched = true;
            }
        })
    };
    let field = move || FieldId::Domain(index.get());
    let row_findings = Memo::new(move |_| {
        if !touched() && !check_all.get() {
            return Vec::new();
        }
        let field = field();
        findings.with(|all| {
            all.iter()
                .filter(|f| FieldId::of_path(&f.path) == Some(field))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let invalid = move || row_findings.with(|f| f.iter().any(Finding::is_error));
    let remove = move |_| {
        domains.update(|rows| {
            if rows.len() > 1 {
                rows.retain(|r| r.id != id);
            }
        });
        focus_later("#add-domain".to_string());
    };
    view! {
        <li class="domain">
            <label for=move || field().input_id() class="row-label">
                {move || tn(lang.get(), Key::DomainN, index.get() + 1)}
            </label>
            <div class="row">
                <input
                    id=move || field().input_id()
                    type="text"
                    inputmode="url"
                    placeholder="example.com"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    prop:value=value
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=move || format!("hint-domains {}", field().findings_id())
                    on:input=move |ev| set_value(event_target_value(&ev))
                />
                <button
                    type="button"
                    class="remove"
                    aria-label=move || tn(lang.get(), Key::RemoveDomainN, index.get() + 1)
                    title=move || tn(lang.get(), Key::RemoveDomainN, index.get() + 1)
                    disabled=move || domains.with(|rows| rows.len() <= 1)
                    on:click=remove
                >
                    "×"
                </button>
            </div>
            <FindingList
                id=Signal::derive(move || field().findings_id())
                findings=row_findings
                lang
                on_apply=Some(Callback::new(set_value))
            />
        </li>
    }
}

/// The findings of one field (an empty list when there are none, so that
/// `aria-describedby` always points at something). With `on_apply`, a
/// finding's suggestion gets a button that writes it into the field.
#[component]
fn FindingList(
    #[prop(into)] id: Signal<String>,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    lang: RwSignal<Lang>,
    on_apply: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <ul id=move || id.get() class="findings" aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| finding_view(f, lang, on_apply))
                    .collect_view()
            }}
        </ul>
    }
}

fn finding_view(
    f: Finding,
    lang: RwSignal<Lang>,
    on_apply: Option<Callback<String>>,
) -> impl IntoView {
    let (class, severity) = match f.severity {
        Severity::Error => ("finding error", Key::Error),
        Severity::Warning => ("finding warning", Key::Warning),
        Severity::Info => ("finding info", Key::Info),
    };
    let message = f.message;
    let code = f.code.clone().map(|code| {
        view! {
            <span class="code">{move || t(lang.get(), Key::Code)} " " {code}</span>
        }
    });
    let suggestion = f.suggestion.zip(on_apply).map(|(s, on_apply)| {
        let value = s.clone();
        view! {
            <button
                type="button"
                class="apply-suggestion"
                on:click=move |_| on_apply.run(value.clone())
            >
                {move || t(lang.get(), Key::ApplySuggestion)}
                " "
                <code>{s}</code>
            </button>
        }
    });
    let severity_name = format!("{:?}", f.severity).to_lowercase();
    view! {
        <li class=class data-rule=f.rule data-code=f.code data-severity=severity_name>
            <p>
                <span class="severity">{move || t(lang.get(), severity)}</span>
                " "
                <span class="message">{move || message.get(lang.get().tag()).to_string()}</span>
                " "
                {code}
            </p>
            {suggestion}
        </li>
    }
}

/// Focuses the first element matching `selector` once the DOM is updated.
fn focus_later(selector: String) {
    request_animation_frame(move || {
        if let Ok(Some(el)) = document().query_selector(&selector) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
