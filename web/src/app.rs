//! The filing wizard page: the form, its findings and the language switch.
//!
//! Every keystroke rebuilds the whole [`Filing`](beian_rules::Filing) from
//! the form and runs `beian_rules::check_with` on it; each finding is shown
//! under the field its path names. No rule lives here.

use beian_flow::{next_steps, Context, FilingKind, FlowState, NextSteps, Step};
use beian_rules::{checklist, Finding, Severity};
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

/// The configuration a host page gives on the mount element's `data-*`
/// attributes (see `web/README.md`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `data-lang`: the language when the user has not chosen one.
    pub lang: Option<Lang>,
    /// `data-api-base`: the server's API base URL (for submitting).
    pub api_base: Option<String>,
    /// `data-provider-name`: the hosting provider's name, shown in the header.
    pub provider_name: Option<String>,
    /// `data-theme-color`: the accent colour (any CSS colour).
    pub theme_color: Option<String>,
}

impl Config {
    /// The configuration read from `element`'s `data-*` attributes.
    pub fn from_element(element: &web_sys::Element) -> Config {
        let get = |name: &str| {
            element
                .get_attribute(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        Config {
            lang: get("data-lang").and_then(|tag| Lang::from_tag(&tag)),
            api_base: get("data-api-base"),
            provider_name: get("data-provider-name"),
            theme_color: get("data-theme-color"),
        }
    }
}

/// The element the wizard is mounted in: `#beian-wizard` if the page has
/// one, else `<body>`.
pub fn mount_element() -> Option<web_sys::HtmlElement> {
    let doc = document();
    doc.get_element_by_id("beian-wizard")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| doc.body())
}

/// Dispatches the DOM `CustomEvent` `name` on the mount element, with
/// `detail` (JSON) as its `detail`.
fn dispatch(name: &str, detail: &str) {
    let Some(target) = mount_element() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&js_sys::JSON::parse(detail).unwrap_or(wasm_bindgen::JsValue::NULL));
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

/// The catalogue key of a step's name.
fn step_key(step: Step) -> Key {
    match step {
        Step::Subject => Key::StepSubject,
        Step::Websites => Key::StepWebsites,
        Step::Access => Key::StepAccess,
        Step::Documents => Key::StepDocuments,
        Step::Review => Key::StepReview,
    }
}

/// The step's name in ids and events (`subject`, `websites` …).
fn step_slug(step: Step) -> &'static str {
    match step {
        Step::Subject => "subject",
        Step::Websites => "websites",
        Step::Access => "access",
        Step::Documents => "documents",
        Step::Review => "review",
    }
}

/// The catalogue key of a filing kind's name.
fn kind_key(kind: FilingKind) -> Key {
    match kind {
        FilingKind::NewFiling => Key::KindNewFiling,
        FilingKind::AddWebsite => Key::KindAddWebsite,
        FilingKind::TransferAccess => Key::KindTransferAccess,
        FilingKind::Change => Key::KindChange,
        FilingKind::CancelSubject => Key::KindCancelSubject,
        FilingKind::CancelWebsite => Key::KindCancelWebsite,
        FilingKind::CancelAccess => Key::KindCancelAccess,
    }
}

/// The kind's value in the kind select.
fn kind_slug(kind: FilingKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The page, configured from the mount element.
#[component]
pub fn App() -> impl IntoView {
    let config = mount_element()
        .map(|e| Config::from_element(&e))
        .unwrap_or_default();
    if let (Some(color), Some(el)) = (&config.theme_color, mount_element()) {
        let _ = el.style().set_property("--accent", color);
        let _ = el.style().set_property("--accent-dark", color);
    }
    let provider_name = config.provider_name.clone();
    let start = Draft::load().unwrap_or_default();
    let lang = RwSignal::new(draft::load_lang().or(config.lang).unwrap_or_default());
    // A field restored from a saved draft was typed into before: it counts
    // as touched, so its findings show again after a reload.
    let document_number = RwSignal::new(start.document_number.clone());
    let document_number_touched = RwSignal::new(!start.document_number.is_empty());
    let homepage = RwSignal::new(start.homepage.clone());
    let homepage_touched = RwSignal::new(!start.homepage.is_empty());
    let kind = RwSignal::new(start.kind);
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
    // Steps whose "next" was pressed: all their findings show.
    let checked = RwSignal::new(Vec::<Step>::new());
    let chosen_step = RwSignal::new(None::<Step>);

    let draft = Memo::new(move |_| Draft {
        document_number: document_number.get(),
        domains: domains.with(|rows| rows.iter().map(|r| r.value.clone()).collect()),
        homepage: homepage.get(),
        kind: kind.get(),
    });
    let today = draft::today();
    // Steps, their completeness and every finding come from beian-flow
    // (which runs the rules of beian-rules and the flow's own guards).
    let flow = Memo::new(move |_| {
        let state = FlowState {
            kind: kind.get(),
            filing: draft.with(Draft::to_filing),
            ..FlowState::default()
        };
        next_steps(&state, &Context::default(), today)
    });
    let findings = Memo::new(move |_| {
        flow.with(|n| {
            n.steps
                .iter()
                .flat_map(|s| s.findings.iter().cloned())
                .collect::<Vec<_>>()
        })
    });
    let steps =
        Memo::new(move |_| flow.with(|n| n.steps.iter().map(|s| s.step).collect::<Vec<_>>()));
    let current = Memo::new(move |_| {
        let steps = steps.get();
        match chosen_step.get() {
            Some(s) if steps.contains(&s) => s,
            _ => steps.first().copied().unwrap_or(Step::Review),
        }
    });
    let revealed = move |step: Step| check_all.get() || checked.with(|c| c.contains(&step));

    Effect::new(move |_| draft.with(Draft::save));
    Effect::new(move |_| {
        let lang = lang.get();
        draft::save_lang(lang);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document().set_title(t(lang, Key::Title));
    });
    Effect::new(move |_| {
        let step = current.get();
        dispatch(
            "beian:step",
            &format!("{{\"step\":\"{}\"}}", step_slug(step)),
        );
    });
    Effect::new(move |_| {
        let json = findings.with(|f| serde_json::to_string(f).unwrap_or_else(|_| "[]".into()));
        dispatch("beian:findings", &format!("{{\"findings\":{json}}}"));
    });

    // The findings of one field, shown once it is touched or its step checked.
    let of_field = move |field: FieldId, touched: bool| -> Vec<Finding> {
        if !touched && !revealed(field.step()) {
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
    let websites_revealed = Signal::derive(move || revealed(Step::Websites));
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
        let slug = step_slug(current.get_untracked());
        focus_first(vec![
            format!("#step-{slug} [aria-invalid=\"true\"]"),
            "[aria-invalid=\"true\"]".to_string(),
        ]);
    };
    let go_to = move |step: Step| {
        chosen_step.set(Some(step));
        focus_later(format!("#step-{}-heading", step_slug(step)));
    };
    let go_next = move |_| {
        let step = current.get_untracked();
        checked.update(|c| {
            if !c.contains(&step) {
                c.push(step)
            }
        });
        let incomplete =
            flow.with_untracked(|n| n.steps.iter().any(|s| s.step == step && !s.complete));
        if incomplete && step != Step::Review {
            let slug = step_slug(step);
            focus_first(vec![
                format!("#step-{slug} [aria-invalid=\"true\"]"),
                format!("#summary-{slug} a, #summary-{slug}"),
            ]);
            return;
        }
        let steps = steps.get_untracked();
        if let Some(i) = steps.iter().position(|s| *s == step) {
            if let Some(next) = steps.get(i + 1) {
                go_to(*next);
            }
        }
    };
    let go_back = move |_| {
        let step = current.get_untracked();
        let steps = steps.get_untracked();
        if let Some(i) = steps.iter().position(|s| *s == step).filter(|i| *i > 0) {
            go_to(steps[i - 1]);
        }
    };
    // A step's findings, for its summary (once its "next" was pressed).
    let step_findings = move |step: Step| {
        Signal::derive(move || {
            if !revealed(step) {
                return Vec::new();
            }
            flow.with(|n| {
                n.steps
                    .iter()
                    .filter(|s| s.step == step)
                    .flat_map(|s| s.findings.iter().filter(|f| f.is_error()).cloned())
                    .collect::<Vec<_>>()
            })
        })
    };
    let checklist_items = Memo::new(move |_| draft.with(|d| checklist::checklist(&d.to_filing())));
    let panel_heading = move |step: Step| {
        view! {
            <h2 id=format!("step-{}-heading", step_slug(step)) tabindex="-1">
                {move || t(lang.get(), step_key(step))}
            </h2>
            <StepSummary step findings=step_findings(step) lang go_to />
        }
    };

    view! {
        <header class="top">
            <div class="top-inner">
                <h1>{move || t(lang.get(), Key::Title)}</h1>
                {provider_name.map(|name| view! { <span class="provider">{name}</span> })}
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
            <div class="field kind">
                <label for="filing-kind">{move || t(lang.get(), Key::Kind)}</label>
                <select
                    id="filing-kind"
                    prop:value=move || kind_slug(kind.get())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(k) = FilingKind::ALL.into_iter().find(|k| kind_slug(*k) == value) {
                            kind.set(k);
                        }
                    }
                >
                    {FilingKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=kind_slug(k) selected=move || kind.get() == k>
                                    {move || t(lang.get(), kind_key(k))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <nav class="steps" aria-label=move || t(lang.get(), Key::Steps)>
                <ol>
                    {move || {
                        flow.with(|n| {
                            n.steps
                                .iter()
                                .enumerate()
                                .map(|(i, s)| {
                                    let step = s.step;
                                    let complete = s.complete;
                                    view! {
                                        <li class:complete=complete class:current=move || current.get() == step>
                                            <button
                                                type="button"
                                                id=format!("step-tab-{}", step_slug(step))
                                                data-step=step_slug(step)
                                                aria-current=move || (current.get() == step).then_some("step")
                                                on:click=move |_| go_to(step)
                                            >
                                                <span class="num" aria-hidden="true">
                                                    {if complete { "✓".to_string() } else { (i + 1).to_string() }}
                                                </span>
                                                <span class="name">{move || t(lang.get(), step_key(step))}</span>
                                                <span class="sr-only">
                                                    {move || if complete { t(lang.get(), Key::StepDone) } else { "" }}
                                                </span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </ol>
            </nav>
            <form novalidate on:submit=move |ev| ev.prevent_default()>
                <section id="step-subject" class="step" hidden=move || current.get() != Step::Subject>
                    {panel_heading(Step::Subject)}
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
                </section>
                <section id="step-websites" class="step" hidden=move || current.get() != Step::Websites>
                    {panel_heading(Step::Websites)}
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
                                <DomainField id=row.id domains lang findings revealed=websites_revealed />
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
                </section>
                <section id="step-access" class="step" hidden=move || current.get() != Step::Access>
                    {panel_heading(Step::Access)}
                    <p class="hint">{move || t(lang.get(), Key::AccessIntro)}</p>
                </section>
                <section id="step-documents" class="step" hidden=move || current.get() != Step::Documents>
                    {panel_heading(Step::Documents)}
                    <p class="hint">{move || t(lang.get(), Key::DocumentsIntro)}</p>
                    <ul class="checklist" id="checklist">
                        {move || {
                            checklist_items
                                .get()
                                .into_iter()
                                .map(|item| {
                                    let title = item.title.clone();
                                    let note = item.note.clone();
                                    let required = item.required;
                                    view! {
                                        <li data-kind=format!("{:?}", item.kind) data-path=item.path.clone()>
                                            <p>
                                                <strong>{move || title.get(lang.get().tag()).to_string()}</strong>
                                                " "
                                                <span class=if required { "badge required" } else { "badge" }>
                                                    {move || t(lang.get(), if required { Key::Required } else { Key::Optional })}
                                                </span>
                                            </p>
                                            <p class="hint">{move || note.get(lang.get().tag()).to_string()}</p>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </section>
                <section id="step-review" class="step" hidden=move || current.get() != Step::Review>
                    <h2 id="step-review-heading" tabindex="-1">{move || t(lang.get(), Key::StepReview)}</h2>
                    <p class="hint">{move || t(lang.get(), Key::ReviewIntro)}</p>
                    <Show when=move || current.get() == Step::Review>
                        <ReviewList flow lang go_to />
                    </Show>
                </section>
                <div class="step-nav">
                    <button
                        type="button"
                        class="secondary"
                        id="step-back"
                        disabled=move || steps.with(|s| s.first() == Some(&current.get()))
                        on:click=go_back
                    >
                        {move || t(lang.get(), Key::Back)}
                    </button>
                    <button
                        type="button"
                        class="primary"
                        id="step-next"
                        hidden=move || current.get() == Step::Review
                        on:click=go_next
                    >
                        {move || t(lang.get(), Key::Next)}
                    </button>
                </div>
                <div class="actions">
                    <button type="button" class="secondary" id="check-all" on:click=run_check_all>
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

/// A link to the field a finding is about, or its text when it is about
/// no field of the form.
fn finding_link(
    f: &Finding,
    lang: RwSignal<Lang>,
    go_to: impl Fn(Step) + Copy + 'static,
) -> AnyView {
    let message = f.message.clone();
    let text = move || message.get(lang.get().tag()).to_string();
    match FieldId::of_path(&f.path) {
        Some(field) => {
            let id = field.input_id();
            let href = format!("#{id}");
            view! {
                <a
                    href=href
                    on:click=move |ev| {
                        ev.prevent_default();
                        go_to(field.step());
                        focus_later(format!("#{id}"));
                    }
                >
                    {text}
                </a>
            }
            .into_any()
        }
        None => view! { <span>{text}</span> }.into_any(),
    }
}

/// The errors of a step, with links to their fields.
#[component]
fn StepSummary(
    step: Step,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    lang: RwSignal<Lang>,
    go_to: impl Fn(Step) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let slug = step_slug(step);
    view! {
        <Show when=move || !findings.with(Vec::is_empty)>
            <div class="summary" id=format!("summary-{slug}") tabindex="-1" role="alert">
                <p>{move || tn(lang.get(), Key::StepSummary, findings.with(Vec::len))}</p>
                <ul>
                    {move || {
                        findings
                            .get()
                            .iter()
                            .map(|f| {
                                view! {
                                    <li data-summary-code=f.code.clone() data-summary-rule=f.rule.clone()>
                                        {finding_link(f, lang, go_to)}
                                        {f.code.clone().map(|c| view! { " " <span class="code">{c}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// Every finding of the whole filing, step by step, with the MIIT code.
#[component]
fn ReviewList(
    flow: Memo<NextSteps>,
    lang: RwSignal<Lang>,
    go_to: impl Fn(Step) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let empty = move || flow.with(|n| n.steps.iter().all(|s| s.findings.is_empty()));
    view! {
        <Show
            when=move || !empty()
            fallback=move || view! { <p id="review-none" class="all-clear">{move || t(lang.get(), Key::ReviewNone)}</p> }
        >
            <ul id="findings-review" class="findings review">
                {move || {
                    flow.with(|n| {
                        n.steps
                            .iter()
                            .flat_map(|s| s.findings.iter().map(move |f| (s.step, f.clone())))
                            .map(|(step, f)| {
                                let link = finding_link(&f, lang, go_to);
                                view! {
                                    <li class="review-item">
                                        <p class="where">
                                            {move || t(lang.get(), step_key(step))} " · " {link}
                                        </p>
                                        <ul class="findings">{finding_view(f, lang, None)}</ul>
                                    </li>
                                }
                            })
                            .collect_view()
                    })
                }}
            </ul>
        </Show>
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
    revealed: Signal<bool>,
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
        if !touched() && !revealed.get() {
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

/// Focuses the first element matching one of `selectors` (tried in order)
/// once the DOM is updated.
fn focus_first(selectors: Vec<String>) {
    request_animation_frame(move || {
        for selector in selectors {
            if let Ok(Some(el)) = document().query_selector(&selector) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                    return;
                }
            }
        }
    });
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
