//! The "your existing filing" panel of the kinds other than a new filing
//! (change, add a website, transfer access, cancellations): the filing
//! number (`京ICP备12345678号`, with or without `-N`, checked and written
//! canonically by the rules crate's `filing_number`), its filing password
//! (备案密码, kept in memory only: never in localStorage nor in an
//! exported draft), finding the filing on the server by its number
//! (`GET {apiBase}/api/v1/filings?number=…`) and loading its approved data
//! (`GET {apiBase}/api/v1/filings/{id}`); a filing approved elsewhere is
//! brought in first ([`crate::import`]); for cancelling the subject, the
//! confirmation that each of its websites is closed (002 #53).

use beian_flow::{CancellationType, FilingKind};
use beian_rules::filing_number::{self, FilingNumber, FilingNumberError, Kind};
use beian_rules::path::{FieldPath, SubjectField, WebsiteField};
use beian_rules::{Filing, Finding, RuleError, Website};
use leptos::prelude::*;

use crate::draft::input_id;
use crate::fields::{FindingList, Form};
use crate::i18n::{t, tn, Key};
use crate::import::ImportPanel;
use crate::model::Wizard;
use crate::submit::{find_filing, load_filing, Found, Loaded};

/// Where finding and loading the approved filing stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LoadState {
    /// Loaded: the filing number.
    Loaded(String),
    /// The number is not a filing number: the rules crate's finding.
    Invalid(Finding),
    /// A valid number this server has no filing for (approved elsewhere):
    /// the filing can be brought in.
    NotHere(String),
    /// The filing has no approved data yet.
    NotApproved,
    /// Submitting before the filing was loaded.
    NotLoaded,
    /// The request failed: why.
    Failed(String),
}

impl LoadState {
    /// A name for tests and styling (`data-outcome`).
    fn name(&self) -> &'static str {
        match self {
            LoadState::Loaded(_) => "loaded",
            LoadState::Invalid(_) => "invalid",
            LoadState::NotHere(_) => "not-here",
            LoadState::NotApproved => "not-approved",
            LoadState::NotLoaded => "not-loaded",
            LoadState::Failed(_) => "failed",
        }
    }
}

/// The path of the subject's filing number, where its findings are.
pub(crate) fn number_path() -> String {
    FieldPath::subject(SubjectField::FilingNumber).to_string()
}

/// The filing number typed, checked by the rules crate: a filing number
/// (`…ICP备…号`, with or without `-N`), not a licence number.
pub(crate) fn check_number(input: &str) -> Result<FilingNumber, Finding> {
    match filing_number::validate(input) {
        Ok(n) if n.kind() == Kind::Filing => Ok(n),
        Ok(_) => Err(FilingNumberError::Form.finding(&number_path())),
        Err(e) => Err(e.finding(&number_path())),
    }
}

/// The panel. `on_loaded` gets the approved filing; on any failure nothing
/// else changes.
#[component]
pub(crate) fn ExistingPanel(
    form: Form,
    state: RwSignal<Option<LoadState>>,
    api_base: StoredValue<String>,
    on_loaded: Callback<Filing>,
) -> impl IntoView {
    let Wizard {
        kind,
        approved,
        closed_domains,
        filing_number,
        filing_id,
        password,
        ..
    } = form.wizard;
    let lang = form.lang;
    let loading = RwSignal::new(false);
    let password_findings = form.password_findings();
    let password_invalid = move || password_findings.with(|f| f.iter().any(Finding::is_error));
    let number_invalid = move || {
        state.with(|s| {
            matches!(
                s,
                Some(LoadState::Invalid(_) | LoadState::NotApproved | LoadState::NotLoaded)
            )
        })
    };
    // Loads the approved data of the filing `id` (found by `number`).
    let load_id = move |id: String, number: String| {
        let base = api_base.get_value();
        leptos::task::spawn_local(async move {
            let next = match load_filing(&base, &id).await {
                Loaded::Approved(f) => {
                    filing_id.set(id);
                    on_loaded.run(f);
                    LoadState::Loaded(number)
                }
                Loaded::NotApproved => LoadState::NotApproved,
                Loaded::NotFound => LoadState::NotHere(number),
                Loaded::Failed(m) => LoadState::Failed(m),
            };
            state.set(Some(next));
            loading.set(false);
        });
    };
    let load = move || {
        if loading.get_untracked() {
            return;
        }
        let typed = filing_number.get_untracked();
        let n = match check_number(&typed) {
            Ok(n) => n,
            Err(f) => {
                state.set(Some(LoadState::Invalid(f)));
                return;
            }
        };
        // Full-width or spaced input is shown as the rules crate writes it.
        let canonical = n.to_string();
        if canonical != typed {
            filing_number.set(canonical.clone());
        }
        let base = api_base.get_value();
        loading.set(true);
        leptos::task::spawn_local(async move {
            match find_filing(&base, &n.subject_number()).await {
                Found::Here(id) => load_id(id, canonical),
                Found::NotHere => {
                    state.set(Some(LoadState::NotHere(canonical)));
                    loading.set(false);
                }
                Found::Failed(m) => {
                    state.set(Some(LoadState::Failed(m)));
                    loading.set(false);
                }
            }
        });
    };
    // A filing brought in: load it like one found here.
    let on_imported = Callback::new(move |id: String| {
        loading.set(true);
        load_id(id, filing_number.get_untracked());
    });
    let not_here = Memo::new(move |_| {
        state.with(|s| match s {
            Some(LoadState::NotHere(n)) => Some(n.clone()),
            _ => None,
        })
    });
    view! {
        <section id="existing-filing" class="step existing" aria-labelledby="existing-heading">
            <h2 id="existing-heading">{form.tx(Key::ExistingFiling)}</h2>
            <p class="hint">{form.tx(Key::ExistingIntro)}</p>
            <div class="field">
                <label for="filing-number">{form.tx(Key::FilingNumber)}</label>
                <p class="hint" id="hint-filing-number">{form.tx(Key::FilingNumberHint)}</p>
                <div class="row">
                    <input
                        id="filing-number"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="京ICP备12345678号"
                        prop:value=move || filing_number.get()
                        aria-invalid=Signal::derive(move || if number_invalid() { "true" } else { "false" })
                        aria-describedby="hint-filing-number load-status"
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                load();
                            }
                        }
                        on:input=move |ev| {
                            filing_number.set(event_target_value(&ev));
                            // Another number: the filing found before is not it.
                            filing_id.set(String::new());
                            if state.with_untracked(|s| !matches!(s, None | Some(LoadState::Loaded(_)))) {
                                state.set(None);
                            }
                        }
                    />
                    <button
                        type="button"
                        class="secondary"
                        id="load-filing"
                        disabled=move || loading.get()
                        aria-busy=Signal::derive(move || if loading.get() { "true" } else { "false" })
                        on:click=move |_| load()
                    >
                        {Signal::derive(move || t(lang.get(), if loading.get() { Key::LoadingFiling } else { Key::LoadFiling }).to_string())}
                    </button>
                </div>
                <div id="load-status" role="status" aria-live="polite">
                    {move || {
                        state.get().map(|s| {
                            let l = lang.get();
                            let name = s.name();
                            match s {
                                LoadState::Invalid(f) => view! {
                                    <div data-outcome=name>
                                        <FindingList id="findings-filing-number".to_string() findings=vec![f] lang on_apply=None />
                                    </div>
                                }
                                .into_any(),
                                s => {
                                    let text = match &s {
                                        LoadState::Loaded(n) => tn(l, Key::FilingLoaded, n),
                                        LoadState::NotHere(n) => tn(l, Key::FilingNotHere, n),
                                        LoadState::NotApproved => t(l, Key::FilingNotApproved).to_string(),
                                        LoadState::NotLoaded => t(l, Key::FilingNotLoaded).to_string(),
                                        LoadState::Failed(m) => format!("{} {m}", t(l, Key::LoadFailed)),
                                        LoadState::Invalid(_) => String::new(),
                                    };
                                    let class = match s {
                                        LoadState::Loaded(_) => "ok",
                                        LoadState::NotHere(_) => "hint",
                                        _ => "error",
                                    };
                                    view! { <p class=class data-outcome=name>{text}</p> }.into_any()
                                }
                            }
                        })
                    }}
                </div>
            </div>
            <Show when=move || not_here.with(Option::is_some)>
                {move || not_here.get().map(|n| view! { <ImportPanel form number=n api_base on_imported /> })}
            </Show>
            <div class="field">
                <label for="filing-password">{form.tx(Key::FilingPassword)}</label>
                <p class="hint" id="hint-filing-password">{form.tx(Key::FilingPasswordHint)}</p>
                <input
                    id="filing-password"
                    type="password"
                    autocomplete="current-password"
                    prop:value=move || password.get()
                    aria-invalid=Signal::derive(move || if password_invalid() { "true" } else { "false" })
                    aria-describedby="hint-filing-password findings-filing-password"
                    on:input=move |ev| {
                        password.set(event_target_value(&ev));
                        form.touch_password();
                    }
                />
                <FindingList id="findings-filing-password".to_string() findings=password_findings lang on_apply=None />
            </div>
            <Show when=move || kind.get().is_cancellation()>
                <CancellationFields form />
            </Show>
            <Show when=move || kind.get() == FilingKind::CancelSubject>
                <ClosedSites form approved closed_domains />
            </Show>
        </section>
    }
}

/// A cancellation's type and reason (002 #53: 注销类型, 注销原因); the
/// flow's finding about them (`/cancellation`) shows under them.
#[component]
fn CancellationFields(form: Form) -> impl IntoView {
    let lang = form.lang;
    let Wizard {
        cancellation_type,
        cancellation_reason,
        ..
    } = form.wizard;
    let findings = form.cancellation_findings();
    let invalid = Signal::derive(move || {
        if findings.with(|f| f.iter().any(Finding::is_error)) {
            "true"
        } else {
            "false"
        }
    });
    let touch = move || {
        form.wizard
            .touch_key(beian_flow::CANCELLATION_PATH.to_string())
    };
    view! {
        <fieldset class="group" id="cancellation">
            <legend>{form.tx(Key::CancellationHeading)}</legend>
            <div class="field">
                <label for="cancellation-type">{form.tx(Key::CancellationType)}</label>
                <select
                    id="cancellation-type"
                    aria-invalid=invalid
                    aria-describedby="findings-cancellation"
                    on:change=move |ev| {
                        cancellation_type.set(event_target_value(&ev).parse().ok());
                        touch();
                    }
                >
                    <option value="" selected=move || cancellation_type.with(Option::is_none)>{form.tx(Key::Choose)}</option>
                    {CancellationType::ALL
                        .iter()
                        .map(|c| {
                            let c = *c;
                            view! {
                                <option value=c.name() selected=move || cancellation_type.get() == Some(c)>
                                    {move || c.label().get(lang.get().tag()).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="cancellation-reason">{form.tx(Key::CancellationReason)}</label>
                <p class="hint" id="hint-cancellation-reason">{form.tx(Key::CancellationReasonHint)}</p>
                <input
                    id="cancellation-reason"
                    type="text"
                    prop:value=move || cancellation_reason.get()
                    aria-invalid=invalid
                    aria-describedby="hint-cancellation-reason findings-cancellation"
                    on:input=move |ev| {
                        cancellation_reason.set(event_target_value(&ev));
                        touch();
                    }
                />
            </div>
            <FindingList id="findings-cancellation".to_string() findings lang on_apply=None />
        </fieldset>
    }
}

/// The label of a website: its name and domains.
fn site_label(w: &Website) -> String {
    let domains = w.domains.join("、");
    match (w.name.trim(), domains.is_empty()) {
        ("", _) => domains,
        (name, true) => name.to_string(),
        (name, false) => format!("{name}（{domains}）"),
    }
}

/// True when every domain of `w` is in `closed`.
pub(crate) fn site_closed(w: &Website, closed: &[String]) -> bool {
    w.domains.iter().all(|d| closed.contains(d))
}

/// `closed` with the domains of `w` added (`on`) or taken out.
pub(crate) fn set_site_closed(closed: &[String], w: &Website, on: bool) -> Vec<String> {
    let mut out: Vec<String> = closed
        .iter()
        .filter(|d| !w.domains.contains(d))
        .cloned()
        .collect();
    if on {
        out.extend(w.domains.iter().cloned());
    }
    out
}

/// Cancelling the subject: one checkbox per website of the approved
/// filing, "closed or no longer used" (002 #53). Beian-flow's
/// `flow.cancel_subject_sites_open` finding for website `i` shows under
/// its checkbox (`#closed-websites-{i}`), which the review links to.
#[component]
fn ClosedSites(
    form: Form,
    approved: RwSignal<Option<Filing>>,
    closed_domains: RwSignal<Vec<String>>,
) -> impl IntoView {
    let lang = form.lang;
    let sites =
        move || approved.with(|a| a.as_ref().map(|a| a.websites.clone()).unwrap_or_default());
    view! {
        <fieldset class="group" id="closed-sites" aria-describedby="hint-closed-sites">
            <legend>{form.tx(Key::ClosedSites)}</legend>
            <p class="hint" id="hint-closed-sites">{form.tx(Key::ClosedSitesHint)}</p>
            {move || {
                let sites = sites();
                if sites.is_empty() {
                    return view! { <p class="hint" id="closed-sites-empty">{form.tx(Key::ClosedSitesLoadFirst)}</p> }.into_any();
                }
                sites
                    .into_iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let id = closed_website_id(i);
                        let findings_id = format!("findings-{id}");
                        let path = FieldPath::website(i, WebsiteField::Whole);
                        let at = form.findings_at(path);
                        let findings = Memo::new(move |_| {
                            at.with(|all| {
                                all.iter()
                                    .filter(|f| f.rule == "flow.cancel_subject_sites_open")
                                    .cloned()
                                    .collect::<Vec<_>>()
                            })
                        });
                        let label = site_label(&w);
                        let site = w.clone();
                        view! {
                            <div class="field check">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    prop:checked=move || closed_domains.with(|c| site_closed(&w, c))
                                    aria-invalid=Signal::derive(move || if findings.with(|f| !f.is_empty()) { "true" } else { "false" })
                                    aria-describedby=findings_id.clone()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        closed_domains.update(|c| *c = set_site_closed(c, &site, on));
                                        form.touch(path);
                                    }
                                />
                                <label for=id>{move || tn(lang.get(), Key::ClosedSite, &label)}</label>
                                <FindingList id=findings_id findings lang on_apply=None />
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </fieldset>
    }
}

/// The id of the checkbox that confirms website `i` of the approved filing
/// closed (`closed-websites-{i}`).
pub(crate) fn closed_website_id(i: usize) -> String {
    format!(
        "closed-{}",
        input_id(&FieldPath::website(i, WebsiteField::Whole).to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn site(domains: &[&str]) -> Website {
        Website {
            name: "张三的博客".into(),
            domains: domains.iter().map(|d| d.to_string()).collect(),
            ..Website::default()
        }
    }

    #[wasm_bindgen_test]
    fn a_site_is_closed_when_every_domain_is() {
        let w = site(&["example.com", "example.cn"]);
        let closed = set_site_closed(&[], &w, true);
        assert!(site_closed(&w, &closed));
        assert!(!site_closed(&w, &closed[..1]));
        let other = set_site_closed(&["other.cn".into()], &w, true);
        assert_eq!(other, ["other.cn", "example.com", "example.cn"]);
        assert_eq!(set_site_closed(&other, &w, false), ["other.cn"]);
        assert_eq!(site_label(&w), "张三的博客（example.com、example.cn）");
    }
}
