//! The "your existing filing" panel of the kinds other than a new filing
//! (change, add a website, transfer access, cancellations): the filing's id
//! on the server, its filing password (备案密码, kept in memory only: never
//! in localStorage nor in an exported draft) and loading the approved
//! filing from `GET {apiBase}/api/v1/filings/{id}`; for cancelling the
//! subject, the confirmation that each of its websites is closed (002 #53).

use beian_flow::FilingKind;
use beian_rules::path::{FieldPath, WebsiteField};
use beian_rules::{Filing, Finding, Website};
use leptos::prelude::*;

use crate::draft::input_id;
use crate::fields::{FindingList, Form};
use crate::i18n::{t, tn, Key};
use crate::model::Wizard;
use crate::submit::{load_filing, Loaded};

/// Where loading the approved filing stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LoadState {
    /// Loaded: the filing's id.
    Loaded(String),
    /// The id is empty or not a number.
    Invalid,
    /// No such filing (404).
    NotFound,
    /// The filing has no approved data yet.
    NotApproved,
    /// The request failed: why.
    Failed(String),
}

impl LoadState {
    /// A name for tests and styling (`data-outcome`).
    fn name(&self) -> &'static str {
        match self {
            LoadState::Loaded(_) => "loaded",
            LoadState::Invalid => "invalid",
            LoadState::NotFound => "not-found",
            LoadState::NotApproved => "not-approved",
            LoadState::Failed(_) => "failed",
        }
    }
}

/// True when `id` can be a filing's id on the server (a positive integer).
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 18 && id.bytes().all(|b| b.is_ascii_digit())
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
        filing_id,
        password,
        ..
    } = form.wizard;
    let lang = form.lang;
    let loading = RwSignal::new(false);
    let password_findings = form.password_findings();
    let password_invalid = move || password_findings.with(|f| f.iter().any(Finding::is_error));
    let id_invalid = move || {
        state.with(|s| {
            matches!(
                s,
                Some(LoadState::Invalid | LoadState::NotFound | LoadState::NotApproved)
            )
        })
    };
    let load = move || {
        if loading.get_untracked() {
            return;
        }
        let id = filing_id.get_untracked().trim().to_string();
        if !valid_id(&id) {
            state.set(Some(LoadState::Invalid));
            return;
        }
        let base = api_base.get_value();
        loading.set(true);
        leptos::task::spawn_local(async move {
            let next = match load_filing(&base, &id).await {
                Loaded::Approved(f) => {
                    on_loaded.run(f);
                    LoadState::Loaded(id)
                }
                Loaded::NotApproved => LoadState::NotApproved,
                Loaded::NotFound => LoadState::NotFound,
                Loaded::Failed(m) => LoadState::Failed(m),
            };
            state.set(Some(next));
            loading.set(false);
        });
    };
    view! {
        <section id="existing-filing" class="step existing" aria-labelledby="existing-heading">
            <h2 id="existing-heading">{form.tx(Key::ExistingFiling)}</h2>
            <p class="hint">{form.tx(Key::ExistingIntro)}</p>
            <div class="field">
                <label for="filing-id">{form.tx(Key::FilingId)}</label>
                <p class="hint" id="hint-filing-id">{form.tx(Key::FilingIdHint)}</p>
                <div class="row">
                    <input
                        id="filing-id"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || filing_id.get()
                        aria-invalid=Signal::derive(move || if id_invalid() { "true" } else { "false" })
                        aria-describedby="hint-filing-id load-status"
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                load();
                            }
                        }
                        on:input=move |ev| {
                            filing_id.set(event_target_value(&ev));
                            if id_invalid() {
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
                <p id="load-status" role="status" aria-live="polite">
                    {move || {
                        state.get().map(|s| {
                            let l = lang.get();
                            let text = match &s {
                                LoadState::Loaded(id) => tn(l, Key::FilingLoaded, id),
                                LoadState::Invalid => t(l, Key::FilingIdInvalid).to_string(),
                                LoadState::NotFound => t(l, Key::FilingNotFound).to_string(),
                                LoadState::NotApproved => t(l, Key::FilingNotApproved).to_string(),
                                LoadState::Failed(m) => format!("{} {m}", t(l, Key::LoadFailed)),
                            };
                            let class = if matches!(s, LoadState::Loaded(_)) { "ok" } else { "error" };
                            view! { <span class=class data-outcome=s.name()>{text}</span> }
                        })
                    }}
                </p>
            </div>
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
            <Show when=move || kind.get() == FilingKind::CancelSubject>
                <ClosedSites form approved closed_domains />
            </Show>
        </section>
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
