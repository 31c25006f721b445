//! The filing wizard page: the form, its findings and the language switch.
//!
//! Every keystroke rebuilds the whole [`Filing`](beian_rules::Filing) from
//! the form and runs `beian_rules::check_with` on it; each finding is shown
//! under the field its path names. No rule lives here.

use std::collections::HashMap;

use beian_flow::{fix_at, next_steps, step_of, Context, FilingKind, FixAt, FlowState, Step};
use beian_rules::{checklist, Access, Finding};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::draft::{self, Draft, RequestRef};
use crate::existing::{check_number, closed_website_id, ExistingPanel, LoadState};
use crate::fields::{finding_view, focus_first, focus_later, slug, Form, FILING_PASSWORD};
use crate::i18n::{t, tn, Key, Lang};
use crate::model::Wizard;
use crate::status::{RequestInfo, StatusPage};
use crate::steps::{AccessForm, DocumentsForm, SubjectForm, WebsitesForm};
use crate::submit::{export_draft, read_import, Outcome, Sending};

/// The configuration a host page gives: the `data-*` attributes of the
/// mount element, or the attributes of `<beian-wizard>` (see
/// `web/README.md`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `data-lang` / `lang`: the language when the user has not chosen one.
    pub lang: Option<Lang>,
    /// `data-api-base` / `api-base`: the server's API base URL (for
    /// submitting).
    pub api_base: Option<String>,
    /// `data-provider-name` / `provider`: the hosting provider's name,
    /// shown in the header and the default access provider.
    pub provider_name: Option<String>,
    /// `data-server-location` / `server-location`: the default server
    /// location of new access entries (a province code such as `330000`,
    /// or `其它` for abroad).
    pub server_location: Option<String>,
    /// `data-theme-color` / `theme-color`: the accent colour (any CSS
    /// colour).
    pub theme_color: Option<String>,
    /// `data-hide-batch` / `hide-batch` (present): no batch check page.
    pub hide_batch: bool,
    /// `data-hide-json-tools` / `hide-json-tools` (present): no JSON
    /// export and import of the draft.
    pub hide_json_tools: bool,
    /// `data-session-token` / `session-token`: the wizard session the
    /// panel's backend opened (`POST /api/v1/sessions`), sent with every
    /// API request as `Authorization: Bearer …`.
    pub session_token: Option<String>,
}

impl Config {
    /// The configuration read from `element`'s `data-*` attributes.
    pub fn from_element(element: &web_sys::Element) -> Config {
        Config::read(element, "data-", "provider-name")
    }

    /// The configuration read from the attributes of the custom element
    /// `<beian-wizard>` (`provider`, `api-base`, `lang` …, no `data-`).
    pub fn from_custom_element(element: &web_sys::Element) -> Config {
        Config::read(element, "", "provider")
    }

    fn read(element: &web_sys::Element, prefix: &str, provider: &str) -> Config {
        let get = |name: &str| {
            element
                .get_attribute(&format!("{prefix}{name}"))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let has = |name: &str| element.has_attribute(&format!("{prefix}{name}"));
        Config {
            lang: get("lang").and_then(|tag| Lang::from_tag(&tag)),
            api_base: get("api-base"),
            provider_name: get(provider),
            server_location: get("server-location"),
            theme_color: get("theme-color"),
            hide_batch: has("hide-batch"),
            hide_json_tools: has("hide-json-tools"),
            session_token: get("session-token"),
        }
    }
}

/// Dispatches the DOM `CustomEvent` `name` on the wizard's host element
/// (the custom element or the mount element), with `detail` (JSON) as its
/// `detail`; it bubbles, out of the shadow root too (`composed`).
pub(crate) fn dispatch(name: &str, detail: &str) {
    let Some(target) = crate::root::host() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&js_sys::JSON::parse(detail).unwrap_or(wasm_bindgen::JsValue::NULL));
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

/// The catalogue key of a step's name.
pub(crate) fn step_key(step: Step) -> Key {
    match step {
        Step::Subject => Key::StepSubject,
        Step::Websites => Key::StepWebsites,
        Step::Access => Key::StepAccess,
        Step::Documents => Key::StepDocuments,
        Step::Review => Key::StepReview,
    }
}

/// The step's name in ids and events (`subject`, `websites` …).
pub(crate) fn step_slug(step: Step) -> &'static str {
    match step {
        Step::Subject => "subject",
        Step::Websites => "websites",
        Step::Access => "access",
        Step::Documents => "documents",
        Step::Review => "review",
    }
}

/// The catalogue key of a filing kind's name.
pub(crate) fn kind_key(kind: FilingKind) -> Key {
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
    slug(kind)
}

/// The page, configured from the mount element.
#[component]
pub fn App() -> impl IntoView {
    let config = crate::root::config();
    let embedded = crate::root::embedded();
    if let (Some(color), Some(el)) = (&config.theme_color, crate::root::mount()) {
        let _ = el.style().set_property("--accent", color);
        let _ = el.style().set_property("--accent-dark", color);
    }
    let provider_name = config.provider_name.clone();
    // Without `data-api-base`, the API is the page's own server
    // (`beian serve` serves both).
    let api_base = StoredValue::new(config.api_base.clone().unwrap_or_default());
    crate::submit::set_session_token(config.session_token.clone());
    // The hosting provider's name and its server location are the defaults
    // of access entries.
    let access_default = Access {
        provider: provider_name.clone().unwrap_or_default(),
        server_location: config.server_location.clone().unwrap_or_default(),
        ips: vec![String::new()],
        ..Access::default()
    };
    // Fields restored from a saved draft were typed into before: their
    // findings show again after a reload.
    let saved = Draft::load();
    let restored = saved.is_some();
    let wizard = Wizard::new(saved.unwrap_or_default(), restored, access_default);
    let Wizard {
        kind,
        filing,
        closed_domains,
        filing_number,
        filing_id,
        password,
        request,
        ..
    } = wizard;
    let lang = RwSignal::new(draft::load_lang().or(config.lang).unwrap_or_default());
    let check_all = RwSignal::new(false);
    let checked = RwSignal::new(Vec::<Step>::new());
    // The step shown: the one saved for this tab survives a reload.
    let chosen_step = RwSignal::new(draft::load_step().and_then(|name| {
        [
            Step::Subject,
            Step::Websites,
            Step::Access,
            Step::Documents,
            Step::Review,
        ]
        .into_iter()
        .find(|s| step_slug(*s) == name)
    }));
    let cleared = RwSignal::new(false);
    let load_state = RwSignal::new(None::<LoadState>);
    // A request started on the server and not yet submitted (refused):
    // the next submission of the same filing and kind reuses it.
    let started = StoredValue::new(None::<(String, FilingKind, i64)>);
    // The request view of the last submission's answer (the status page
    // shows it at once, then reads it again).
    let status_seed = RwSignal::new(None::<serde_json::Value>);
    // A submission on its way: a second click (a double click) sends
    // nothing, even before the disabled button is drawn.
    let in_flight = StoredValue::new(false);
    let showing_status =
        Memo::new(move |_| request.with(|r| r.as_ref().is_some_and(RequestRef::shows_status)));

    // Submitting: the answer, with the filing and the password it was
    // about (its findings show while the filing is unchanged; those about
    // the password while the password is).
    let submit_action = Action::new_local(move |sending: &Sending| {
        let sending = sending.clone();
        async move {
            let outcome = sending.send(started).await;
            in_flight.set_value(false);
            if let Outcome::Submitted {
                ref body,
                ref id,
                request_id: Some(rid),
                ..
            } = outcome
            {
                // The request is remembered with the draft (saved now: a
                // reload at once shows its status page).
                let answer: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
                status_seed.set(answer.get("request").cloned());
                request.set(Some(RequestRef {
                    id: rid,
                    filing_id: id.clone(),
                    kind: sending.kind,
                    returned: None,
                }));
                wizard.draft_now().save();
                dispatch("beian:submitted", body);
                focus_later("#status-heading".to_string());
            } else {
                if let Outcome::Submitted { ref body, .. } = outcome {
                    dispatch("beian:submitted", body);
                }
                check_all.set(true);
                focus_later("#submit-status".to_string());
            }
            (sending.filing, sending.password, outcome)
        }
    });
    let busy = submit_action.pending();
    // Importing a draft file: it replaces the draft, or a message says why
    // not and the draft stays.
    let import_action = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            let read = read_import(file).await;
            if let Ok(d) = &read {
                wizard.import(d.clone());
                load_state.set(None);
            }
            read.map(|_| ())
        }
    });

    let today = draft::today();
    // Steps, their completeness and every finding come from beian-flow
    // (which runs the rules of beian-rules and the flow's own guards).
    let flow = Memo::new(move |_| {
        let state = FlowState {
            kind: kind.get(),
            filing: filing.get(),
            approved: wizard.approved_for_kind(),
            cancellation: wizard.cancellation(),
            ..FlowState::default()
        };
        let ctx = Context {
            closed_domains: closed_domains.get(),
            ..Context::default()
        };
        next_steps(&state, &ctx, today)
    });
    let server = Memo::new(move |_| {
        submit_action
            .value()
            .with(|v| v.as_ref().map(|(_, _, outcome)| outcome.clone()))
    });
    let server_findings = Memo::new(move |_| {
        submit_action.value().with(|v| match v {
            Some((f, sent_password, outcome)) if filing.with(|cur| cur == f) => {
                let same_password = password.with(|p| p == sent_password);
                outcome
                    .findings()
                    .iter()
                    .filter(|f| same_password || f.path != FILING_PASSWORD)
                    .cloned()
                    .collect()
            }
            _ => Vec::new(),
        })
    });
    let findings = Memo::new(move |_| {
        let mut all: Vec<Finding> = flow.with(|n| {
            n.steps
                .iter()
                .flat_map(|s| s.findings.iter().cloned())
                .collect()
        });
        server_findings.with(|s: &Vec<Finding>| {
            for f in s {
                if !all.contains(f) {
                    all.push(f.clone());
                }
            }
        });
        all
    });
    let by_path = Memo::new(move |_| {
        findings.with(|all| {
            let mut map: HashMap<String, Vec<Finding>> = HashMap::new();
            for f in all {
                map.entry(f.path.clone()).or_default().push(f.clone());
            }
            map
        })
    });
    let form = Form {
        wizard,
        lang,
        checked,
        check_all,
        by_path,
    };
    // The steps and whether each is complete: the flow's, and a step it
    // does not list for this kind where the server found an error: every
    // error the server refuses can be reached and fixed (e.g. a website of
    // a filing brought in, whose data a transfer of access completes). Such
    // a step stays while the kind does, so that fixing its error (which
    // takes the server's finding away) does not hide it.
    let extra_steps = StoredValue::new((FilingKind::NewFiling, Vec::<Step>::new()));
    let step_states = Memo::new(move |_| {
        let k = kind.get();
        let mut out: Vec<(Step, bool)> =
            flow.with(|n| n.steps.iter().map(|s| (s.step, s.complete)).collect());
        let (was, mut extra) = extra_steps.get_value();
        if was != k {
            extra.clear();
        }
        server_findings.with(|all: &Vec<Finding>| {
            for f in all.iter().filter(|f| f.is_error()) {
                let step = step_of(&f.path);
                if step != Step::Review
                    && !out.iter().any(|(s, _)| *s == step)
                    && !extra.contains(&step)
                {
                    extra.push(step);
                }
            }
        });
        findings.with(|all| {
            for step in &extra {
                if !out.iter().any(|(s, _)| s == step) {
                    let errors = all
                        .iter()
                        .any(|f| f.is_error() && step_of(&f.path) == *step);
                    out.push((*step, !errors));
                }
            }
        });
        extra_steps.set_value((k, extra));
        out.sort_by_key(|(s, _)| *s);
        out
    });
    let steps = Memo::new(move |_| step_states.with(|s| s.iter().map(|s| s.0).collect::<Vec<_>>()));
    let current = Memo::new(move |_| {
        let steps = steps.get();
        match chosen_step.get() {
            Some(s) if steps.contains(&s) => s,
            _ => steps.first().copied().unwrap_or(Step::Review),
        }
    });
    let revealed = move |step: Step| check_all.get() || checked.with(|c| c.contains(&step));

    save_draft_debounced(wizard);
    Effect::new(move |_| {
        let lang = lang.get();
        draft::save_lang(lang);
        // Embedded, the host's title and `<html lang>` stay its own: the
        // language is the mount element's.
        if embedded {
            if let Some(el) = crate::root::mount() {
                let _ = el.set_attribute("lang", lang.tag());
            }
            return;
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document().set_title(t(lang, Key::Title));
    });
    Effect::new(move |_| {
        let step = current.get();
        draft::save_step(step_slug(step));
        dispatch(
            "beian:step",
            &format!("{{\"step\":\"{}\"}}", step_slug(step)),
        );
    });
    Effect::new(move |_| {
        let json = findings.with(|f| serde_json::to_string(f).unwrap_or_else(|_| "[]".into()));
        dispatch("beian:findings", &format!("{{\"findings\":{json}}}"));
    });

    let error_count =
        Memo::new(move |_| findings.with(|all| all.iter().filter(|f| f.is_error()).count()));
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
        let incomplete = step_states.with_untracked(|s| s.iter().any(|s| s.0 == step && !s.1));
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
    // A step's errors, for its summary (once its "next" was pressed).
    let step_findings = move |step: Step| {
        Signal::derive(move || {
            if !revealed(step) {
                return Vec::new();
            }
            findings.with(|all| {
                all.iter()
                    .filter(|f| f.is_error() && step_of(&f.path) == step)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let checklist_items = Memo::new(move |_| filing.with(checklist::checklist));
    let panel_heading = move |step: Step| {
        view! {
            <h2 id=format!("step-{}-heading", step_slug(step)) tabindex="-1">
                {move || t(lang.get(), step_key(step))}
            </h2>
            <StepSummary step findings=step_findings(step) filing lang go_to />
        }
    };
    let on_submit = move |_| {
        if busy.get_untracked() || in_flight.get_value() || showing_status.get_untracked() {
            return;
        }
        let k = kind.get_untracked();
        let id = filing_id.get_untracked().trim().to_string();
        let resubmit =
            request.with_untracked(|r| r.as_ref().filter(|r| r.returned.is_some()).map(|r| r.id));
        if k != FilingKind::NewFiling && id.is_empty() && resubmit.is_none() {
            load_state.set(Some(match check_number(&filing_number.get_untracked()) {
                Err(f) => LoadState::Invalid(f),
                Ok(_) => LoadState::NotLoaded,
            }));
            focus_later("#filing-number".to_string());
            return;
        }
        in_flight.set_value(true);
        submit_action.dispatch_local(Sending {
            resubmit,
            base: api_base.get_value(),
            kind: k,
            filing_id: id,
            filing: filing.get_untracked(),
            password: password.get_untracked(),
            closed_domains: if k == FilingKind::CancelSubject {
                closed_domains.get_untracked()
            } else {
                Vec::new()
            },
            cancellation: untrack(|| wizard.cancellation()),
        });
    };
    // "Start a new filing": the request is forgotten, the form empty.
    let on_new = Callback::new(move |()| {
        wizard.clear();
        status_seed.set(None);
        submit_action.clear();
        started.set_value(None);
        load_state.set(None);
        check_all.set(false);
        checked.set(Vec::new());
        chosen_step.set(None);
        wizard.draft_now().save();
        focus_later("#filing-kind".to_string());
    });
    // A returned request opened in the form, its reason above it.
    let on_edit = Callback::new(move |info: RequestInfo| {
        let Some(current) = request.get_untracked() else {
            return;
        };
        let reason = info.return_reason.clone().unwrap_or_default();
        wizard.edit_returned(
            RequestRef {
                id: current.id,
                filing_id: current.filing_id,
                kind: info.kind,
                returned: Some(reason),
            },
            info.filing,
            info.approved,
        );
        submit_action.clear();
        status_seed.set(None);
        check_all.set(true);
        chosen_step.set(None);
        focus_later("#return-reason".to_string());
    });
    let back_to_status = move |_| {
        request.update(|r| {
            if let Some(r) = r {
                r.returned = None;
            }
        });
        focus_later("#status-heading".to_string());
    };
    let returned_reason =
        Memo::new(move |_| request.with(|r| r.as_ref().and_then(|r| r.returned.clone())));
    // The approved filing loaded: it is also the filing to edit.
    let on_loaded = Callback::new(move |f: beian_rules::Filing| {
        wizard.load_approved(f);
        submit_action.clear();
        started.set_value(None);
    });
    let on_export = move |_| export_draft(&wizard.draft_now());
    // "Clear the draft": after a confirmation, the saved personal data
    // leaves this browser and the form is empty.
    let on_clear = move |_| {
        let sure = window()
            .confirm_with_message(t(lang.get_untracked(), Key::ClearDraftConfirm))
            .unwrap_or(false);
        if !sure {
            return;
        }
        wizard.clear();
        submit_action.clear();
        load_state.set(None);
        check_all.set(false);
        checked.set(Vec::new());
        chosen_step.set(None);
        draft::clear_saved();
        cleared.set(true);
        focus_later("#filing-kind".to_string());
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        import_action.dispatch_local(file);
    };

    // Its own page: a banner, `<main>` and `<h1>`. Embedded, the host page
    // keeps its landmarks: a section labelled by an `h2`.
    let title = move || t(lang.get(), Key::Title);
    let title = if embedded {
        view! { <h2 id="wizard-title" class="title">{title}</h2> }.into_any()
    } else {
        view! { <h1 id="wizard-title" class="title">{title}</h1> }.into_any()
    };
    let top = view! {
        <div class="top-inner">
                {title}
                {provider_name.clone().map(|name| view! { <span class="provider">{name}</span> })}
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
    };
    let body = view! {
            <p class="intro">{move || t(lang.get(), Key::Intro)}</p>
            <Show when=move || showing_status.get()>
                {move || request.get().map(|r| view! {
                    <StatusPage request=r seed=status_seed.get_untracked() lang api_base on_new on_edit />
                })}
            </Show>
            <div id="wizard" hidden=move || showing_status.get()>
            {move || returned_reason.get().map(|reason| view! {
                <div id="return-reason" class="summary returned" role="alert" tabindex="-1">
                    <p>{move || tn(lang.get(), Key::ReturnedBanner, &reason)}</p>
                    <button type="button" class="secondary" id="back-to-status" on:click=back_to_status>
                        {move || t(lang.get(), Key::BackToStatus)}
                    </button>
                </div>
            })}
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
            <Show when=move || kind.get() != FilingKind::NewFiling>
                <ExistingPanel form state=load_state api_base on_loaded />
            </Show>
            <nav class="steps" aria-label=move || t(lang.get(), Key::Steps)>
                <ol>
                    {move || {
                        step_states.with(|n| {
                            n.iter()
                                .enumerate()
                                .map(|(i, s)| {
                                    let (step, complete) = *s;
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
                    <SubjectForm form />
                </section>
                <section id="step-websites" class="step" hidden=move || current.get() != Step::Websites>
                    {panel_heading(Step::Websites)}
                    <WebsitesForm form />
                </section>
                <section id="step-access" class="step" hidden=move || current.get() != Step::Access>
                    {panel_heading(Step::Access)}
                    <AccessForm form />
                </section>
                <section id="step-documents" class="step" hidden=move || current.get() != Step::Documents>
                    {panel_heading(Step::Documents)}
                    <p class="hint">{move || t(lang.get(), Key::DocumentsIntro)}</p>
                    <DocumentsForm form items=checklist_items />
                </section>
                <section id="step-review" class="step" hidden=move || current.get() != Step::Review>
                    <h2 id="step-review-heading" tabindex="-1">{move || t(lang.get(), Key::StepReview)}</h2>
                    <p class="hint">{move || t(lang.get(), Key::ReviewIntro)}</p>
                    <Show when=move || current.get() == Step::Review>
                        <ReviewList findings filing lang go_to />
                        <crate::review::ReviewData filing steps lang />
                    </Show>
                    <div class="submit">
                        <button
                            type="button"
                            class="primary"
                            id="submit"
                            disabled=move || busy.get() || showing_status.get()
                            aria-busy=move || if busy.get() { "true" } else { "false" }
                            on:click=on_submit
                        >
                            <Show when=move || busy.get() fallback=move || t(lang.get(), Key::Submit)>
                                <span class="spinner" aria-hidden="true"></span>
                                {move || t(lang.get(), Key::Submitting)}
                            </Show>
                        </button>
                        <div id="submit-status" role="status" aria-live="polite" tabindex="-1">
                            {move || {
                                // A submission that went through shows the status
                                // page; a refusal or a failure shows here.
                                server.get().and_then(|o| {
                                    let lang_now = lang.get();
                                    let text = match &o {
                                        Outcome::Submitted { .. } => return None,
                                        Outcome::Refused { .. } => t(lang_now, Key::SubmitRefused).to_string(),
                                        Outcome::Failed(m) => format!("{} {}", t(lang_now, Key::SubmitFailed), m),
                                    };
                                    Some(view! { <p class="error" data-outcome=o.name()>{text}</p> })
                                })
                            }}
                        </div>
                        <Show when=move || !server_findings.with(Vec::is_empty)>
                            <h3>{move || t(lang.get(), Key::ServerFindings)}</h3>
                            <ul id="findings-server" class="findings">
                                {move || {
                                    server_findings
                                        .get()
                                        .into_iter()
                                        .map(|f| finding_view(f, lang, None))
                                        .collect_view()
                                }}
                            </ul>
                        </Show>
                    </div>
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
            {(!config.hide_json_tools).then(|| view! {
            <section class="draft-file" aria-labelledby="draft-file-heading">
                <h2 id="draft-file-heading">{move || t(lang.get(), Key::DraftFile)}</h2>
                <div class="row">
                    <button type="button" class="secondary" id="export-draft" on:click=on_export>
                        {move || t(lang.get(), Key::Export)}
                    </button>
                    <button type="button" class="secondary" id="clear-draft" on:click=on_clear>
                        {move || t(lang.get(), Key::ClearDraft)}
                    </button>
                    <input type="file" id="import-draft" class="sr-only" accept="application/json,.json" on:change=on_import />
                    <label class="file secondary" for="import-draft">{move || t(lang.get(), Key::Import)}</label>
                </div>
                <p id="clear-status" role="status" aria-live="polite">
                    {move || cleared.get().then(|| t(lang.get(), Key::DraftCleared))}
                </p>
                <p id="import-status" role="status" aria-live="polite">
                    {move || {
                        import_action.value().get().map(|read| {
                            let lang_now = lang.get();
                            match read {
                                Ok(()) => view! { <span class="ok">{t(lang_now, Key::ImportDone)}</span> }.into_any(),
                                Err(m) => view! {
                                    <span class="error">{t(lang_now, Key::ImportFailed)} " " {m.get(lang_now.tag()).to_string()}</span>
                                }
                                .into_any(),
                            }
                        })
                    }}
                </p>
            </section>
            })}
            <p class="note">{move || t(lang.get(), Key::DraftNote)}</p>
            </div>
            {(!config.hide_batch).then(|| view! { <crate::batch::BatchPage lang=lang /> })}
    };
    if embedded {
        view! {
            <section class="embedded" aria-labelledby="wizard-title">
                <div class="top">{top}</div>
                <div class="main">{body}</div>
            </section>
        }
        .into_any()
    } else {
        view! {
            <header class="top">{top}</header>
            <main>{body}</main>
        }
        .into_any()
    }
}

/// How long the draft waits for typing to pause before it is saved.
const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// Saves the draft in localStorage at start, then once typing pauses
/// ([`SAVE_DELAY`] after the last change), and at once when the page is
/// hidden or left (`pagehide`: a reload or closing the tab loses nothing).
fn save_draft_debounced(wizard: Wizard) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let flush = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
            wizard.draft_now().save();
        }
    };
    Effect::new(move |ran: Option<()>| {
        let draft = wizard.draft();
        if ran.is_none() {
            draft.save();
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let save = move || {
            pending.set_value(None);
            draft.save();
        };
        pending.set_value(set_timeout_with_handle(save, SAVE_DELAY).ok());
    });
    let listener = window_event_listener(leptos::ev::pagehide, move |_| flush());
    on_cleanup(move || listener.remove());
}

/// A link to the field a finding is about (the element
/// [`crate::targets::field_id`] names), or its text when it is about no
/// field. `nth`: how many findings of the same rule and path come before
/// it in the list.
fn finding_link(
    f: &Finding,
    nth: usize,
    filing: RwSignal<beian_rules::Filing>,
    lang: RwSignal<Lang>,
    go_to: impl Fn(Step) + Copy + 'static,
) -> AnyView {
    let message = f.message.clone();
    let text = move || message.get(lang.get().tag()).to_string();
    let step = step_of(&f.path);
    let id = match fix_at(f) {
        FixAt::Field(_) => filing.with(|filing| crate::targets::field_id(f, nth, filing)),
        FixAt::FilingId => Some("filing-number".to_string()),
        FixAt::FilingPassword => Some("filing-password".to_string()),
        FixAt::Cancellation => Some("cancellation-type".to_string()),
        FixAt::ClosedWebsite(i) => Some(closed_website_id(i)),
        FixAt::Review => None,
    };
    let Some(id) = id else {
        return view! { <span>{text}</span> }.into_any();
    };
    let href = format!("#{id}");
    view! {
        <a
            href=href
            data-step=step_slug(step)
            on:click=move |ev| {
                ev.prevent_default();
                go_to(step);
                focus_later(format!("#{id}"));
            }
        >
            {text}
        </a>
    }
    .into_any()
}

/// Each finding of `all` with how many findings of the same rule and path
/// come before it.
fn numbered(all: Vec<Finding>) -> Vec<(usize, Finding)> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    all.into_iter()
        .map(|f| {
            let n = seen.entry((f.rule.clone(), f.path.clone())).or_default();
            let nth = *n;
            *n += 1;
            (nth, f)
        })
        .collect()
}

/// The errors of a step, with links to their fields.
#[component]
fn StepSummary(
    step: Step,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    filing: RwSignal<beian_rules::Filing>,
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
                        numbered(findings.get())
                            .into_iter()
                            .map(|(nth, f)| {
                                view! {
                                    <li data-summary-code=f.code.clone() data-summary-rule=f.rule.clone()>
                                        {finding_link(&f, nth, filing, lang, go_to)}
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

/// Every finding of the whole filing (local and the server's), with the
/// MIIT code and a link to its field.
#[component]
fn ReviewList(
    findings: Memo<Vec<Finding>>,
    filing: RwSignal<beian_rules::Filing>,
    lang: RwSignal<Lang>,
    go_to: impl Fn(Step) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Show
            when=move || !findings.with(Vec::is_empty)
            fallback=move || view! { <p id="review-none" class="all-clear">{move || t(lang.get(), Key::ReviewNone)}</p> }
        >
            <ul id="findings-review" class="findings review">
                {move || {
                    let mut all = findings.get();
                    all.sort_by_key(|f| step_of(&f.path));
                    numbered(all)
                        .into_iter()
                        .map(|(nth, f)| {
                            let step = step_of(&f.path);
                            let link = finding_link(&f, nth, filing, lang, go_to);
                            let rule = f.rule.clone();
                            view! {
                                <li class="review-item" data-review-rule=rule>
                                    <p class="where">
                                        {move || t(lang.get(), step_key(step))} " · " {link}
                                    </p>
                                    <ul class="findings">{finding_view(f, lang, None)}</ul>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}
