//! The status page after a submission: where the request stands (信息提交 →
//! 接入者核实 → 管局审核 → the outcome, named by beian-flow's
//! `Status::label`), the review deadline, what the user does next (the
//! verification photo, the returned request's reason, the filing numbers
//! once approved), and the actions of the moment: refresh, withdraw (撤回)
//! while the request is pending, edit a returned request, start a new
//! filing. It reads `GET {apiBase}/api/v1/requests/{id}` (the server's
//! `RequestView`); the request's id is kept with the draft, so that a
//! reload shows the same page.

use beian_flow::{Deadlines, EventType, FilingKind, RequiredDocument, Status};
use beian_rules::footer::{snippet, FooterStyle};
use beian_rules::Filing;
use leptos::prelude::*;

use crate::draft::RequestRef;
use crate::fields::{focus_later, Button, FindingList};
use crate::i18n::{review_texts, t, tn, Key, Lang};
use crate::submit::{load_request, post_event, site_check, Outcome, SiteChecked};
use wasm_bindgen::JsCast;

/// The parts of the server's `RequestView` the page shows. (Read field by
/// field: serde's reader of the whole `FlowState` would bring a second
/// reader of every `Filing` into the page, which has the rules crate's.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RequestInfo {
    /// Its kind.
    pub kind: FilingKind,
    /// Where it stands.
    pub status: Status,
    /// The proposed filing (once approved: with its numbers).
    pub filing: Filing,
    /// The approved filing the request started from.
    pub approved: Option<Filing>,
    /// Why it was returned.
    pub return_reason: Option<String>,
    /// Why it was withdrawn, refused or revoked.
    pub reason: Option<String>,
    /// What comes next.
    pub next: NextInfo,
}

/// The parts of the server's `NextSteps` the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NextInfo {
    /// The events the flow allows now.
    pub events: Vec<EventType>,
    /// The documents to hand in.
    pub documents: Vec<RequiredDocument>,
    /// The providers still to verify.
    pub awaiting: Vec<String>,
    /// Deadlines.
    pub deadlines: Deadlines,
}

/// The text at `pointer` in `v`.
fn text_at(v: &serde_json::Value, pointer: &str) -> Option<String> {
    v.pointer(pointer)
        .and_then(serde_json::Value::as_str)
        .map(str::to_string)
}

/// The texts of the list at `pointer` in `v`.
fn texts_at(v: &serde_json::Value, pointer: &str) -> Vec<String> {
    v.pointer(pointer)
        .and_then(serde_json::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A filing of the view (read by the rules crate's reader).
fn filing_of(v: &serde_json::Value) -> Option<Filing> {
    (!v.is_null())
        .then(|| Filing::from_json(&v.to_string()).ok())
        .flatten()
}

impl RequestInfo {
    /// The request view of an answer (`RequestView` JSON), if it is one.
    ///
    /// The server's `RequestView` is read by its JSON names (the server's
    /// types are not in the page); the flow's names (kinds, statuses,
    /// events) by beian-flow's own parsers.
    pub fn from_json(v: &serde_json::Value) -> Option<RequestInfo> {
        let status: Status = text_at(v, "/status")?.parse().ok()?;
        let kind: FilingKind = text_at(v, "/kind")?.parse().ok()?;
        let none = serde_json::Value::Null;
        Some(RequestInfo {
            kind,
            status,
            filing: filing_of(v.pointer("/state/filing").unwrap_or(&none)).unwrap_or_default(),
            approved: filing_of(v.pointer("/state/approved").unwrap_or(&none)),
            return_reason: text_at(v, "/state/returnReason"),
            reason: text_at(v, "/state/reason"),
            next: NextInfo {
                events: texts_at(v, "/next/events")
                    .iter()
                    .filter_map(|e| e.parse().ok())
                    .collect(),
                documents: v
                    .pointer("/next/documents")
                    .and_then(|d| serde_json::from_value(d.clone()).ok())
                    .unwrap_or_default(),
                awaiting: texts_at(v, "/next/awaiting"),
                deadlines: v
                    .pointer("/next/deadlines")
                    .and_then(|d| serde_json::from_value(d.clone()).ok())
                    .unwrap_or_default(),
            },
        })
    }

    /// True when the subject may withdraw it now (the flow's table).
    pub fn can_withdraw(&self) -> bool {
        self.next.events.contains(&EventType::Withdraw)
    }
}

/// The stages shown in order: submission, verification, review, then the
/// outcome (the request's own when it has one, else approval).
pub(crate) fn stages(status: Status) -> [Status; 4] {
    let outcome = match status {
        Status::Draft | Status::ProviderVerification | Status::BureauReview => Status::Approved,
        other => other,
    };
    [
        Status::Draft,
        Status::ProviderVerification,
        Status::BureauReview,
        outcome,
    ]
}

/// The index in [`stages`] of the stage the request is at.
pub(crate) fn stage_index(status: Status) -> usize {
    match status {
        Status::Draft => 0,
        Status::ProviderVerification => 1,
        Status::BureauReview => 2,
        _ => 3,
    }
}

/// A text of the catalogue following the language (one type for all:
/// a smaller page).
fn tx(lang: RwSignal<Lang>, key: Key) -> Signal<String> {
    Signal::derive(move || t(lang.get(), key).to_string())
}

/// The page.
#[component]
pub(crate) fn StatusPage(
    request: RequestRef,
    seed: Option<serde_json::Value>,
    lang: RwSignal<Lang>,
    api_base: StoredValue<String>,
    on_new: Callback<()>,
    on_edit: Callback<RequestInfo>,
) -> impl IntoView {
    let rid = request.id;
    let info = RwSignal::new(seed.as_ref().and_then(RequestInfo::from_json));
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let withdrawing = RwSignal::new(false);
    let refresh = Callback::new(move |()| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        let base = api_base.get_value();
        leptos::task::spawn_local(async move {
            match load_request(&base, rid).await {
                Ok(v) => match RequestInfo::from_json(&v) {
                    Some(i) => {
                        info.set(Some(i));
                        error.set(None);
                    }
                    None => error.set(Some("malformed answer".into())),
                },
                Err(m) => error.set(Some(m)),
            }
            loading.set(false);
        });
    });
    refresh.run(());
    let withdraw = Callback::new(move |()| {
        if withdrawing.get_untracked() {
            return;
        }
        withdrawing.set(true);
        let base = api_base.get_value();
        // beian-flow's `withdraw` event by the subject, no reason given
        // (its names from the flow's enums, as submit.rs writes `submit`).
        let event = serde_json::json!({
            "type": EventType::Withdraw.name(),
            "by": beian_flow::Party::Subject.name(),
            "reason": "",
        });
        leptos::task::spawn_local(async move {
            match post_event(&base, rid, event).await {
                Outcome::Submitted { body, .. } => {
                    let view: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                    match view.get("request").and_then(RequestInfo::from_json) {
                        Some(i) => info.set(Some(i)),
                        None => refresh.run(()),
                    }
                    error.set(None);
                }
                Outcome::Refused { findings } => {
                    let l = lang.get_untracked();
                    let text: Vec<String> = findings
                        .iter()
                        .map(|f| f.message.get(l.tag()).to_string())
                        .collect();
                    error.set(Some(text.join(" ")));
                }
                Outcome::Failed(m) => error.set(Some(m)),
            }
            confirming.set(false);
            withdrawing.set(false);
            focus_later("#status-heading".to_string());
        });
    });
    let kind = move || info.with(|i| i.as_ref().map_or(request.kind, |i| i.kind));
    let heading = Signal::derive(move || {
        let l = lang.get();
        match info.with(|i| i.as_ref().map(|i| i.status)) {
            Some(s) => s.label(kind()).get(l.tag()).to_string(),
            None => t(l, Key::StatusLoading).to_string(),
        }
    });
    let kind_text = Signal::derive(move || t(lang.get(), crate::app::kind_key(kind())).to_string());
    let error_text = Signal::derive(move || {
        error
            .get()
            .map(|m| format!("{} {m}", t(lang.get(), Key::StatusFailed)))
            .unwrap_or_default()
    });
    let can_withdraw = move || info.with(|i| i.as_ref().is_some_and(RequestInfo::can_withdraw));
    view! {
        <section id="status-page" class="step status-page" aria-labelledby="status-heading" data-request=rid>
            <h2 id="status-heading" tabindex="-1">{heading}</h2>
            <p class="hint" id="status-kind">{kind_text}</p>
            {move || info.get().map(|i| details(rid, i, lang, api_base, on_edit))}
            <div class="row status-actions">
                <Button id="status-refresh" class="secondary" label=tx(lang, Key::StatusRefresh) busy=loading.into() on_click=refresh />
                {move || (can_withdraw() && !confirming.get()).then(|| view! {
                    <Button id="withdraw" class="secondary danger" label=tx(lang, Key::Withdraw) on_click=Callback::new(move |()| {
                        confirming.set(true);
                        focus_later("#withdraw-confirm".to_string());
                    }) />
                })}
                <Button id="start-new" class="secondary" label=tx(lang, Key::StartNew) on_click=on_new />
            </div>
            {move || confirming.get().then(|| view! {
                <div class="confirm" id="withdraw-confirmation" role="group" aria-labelledby="withdraw-question">
                    <p id="withdraw-question">{tx(lang, Key::WithdrawQuestion)}</p>
                    <div class="row">
                        <Button id="withdraw-confirm" class="primary danger" label=tx(lang, Key::WithdrawConfirm) busy=withdrawing.into() on_click=withdraw />
                        <Button id="withdraw-cancel" class="secondary" label=tx(lang, Key::Dismiss) on_click=Callback::new(move |()| confirming.set(false)) />
                    </div>
                </div>
            })}
            <p id="status-error" class="error" role="status" aria-live="polite">{error_text}</p>
        </section>
    }
}

/// The stages, the deadline, what to do next, the reason and the numbers
/// of the request as it stands (drawn again when it changes).
fn details(
    rid: i64,
    info: RequestInfo,
    lang: RwSignal<Lang>,
    api_base: StoredValue<String>,
    on_edit: Callback<RequestInfo>,
) -> AnyView {
    let l = lang.get();
    let tag = l.tag();
    let current = stage_index(info.status);
    let stages_view = stages(info.status)
        .into_iter()
        .enumerate()
        .map(|(i, stage)| {
            let class = match i.cmp(&current) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "upcoming",
            };
            let num = if i < current { "✓".to_string() } else { (i + 1).to_string() };
            view! {
                <li class=class data-stage=stage.name() aria-current=(i == current).then_some("step")>
                    <span class="num" aria-hidden="true">{num}</span>
                    <span class="name">{stage.label(info.kind).get(tag).to_string()}</span>
                </li>
            }
        })
        .collect_view();
    let mut lines: Vec<(&'static str, String)> = Vec::new();
    if let Some((due, note)) = review_texts(l, &info.next.deadlines) {
        lines.push(("review-deadline", due));
        if let Some(d) = info.next.deadlines.working_days_left {
            lines.push(("review-days-left", tn(l, Key::WorkingDaysLeft, d)));
        }
        if let Some(note) = note {
            lines.push(("review-estimated", note));
        }
    }
    let what = match info.status {
        Status::Draft => t(l, Key::NextDraft).to_string(),
        Status::ProviderVerification => {
            let who = info.next.awaiting.join("、");
            tn(
                l,
                Key::NextVerification,
                if who.is_empty() {
                    "—".to_string()
                } else {
                    who
                },
            )
        }
        Status::BureauReview => t(l, Key::NextReview).to_string(),
        Status::ReturnedToSubject => t(l, Key::NextReturnedToSubject).to_string(),
        Status::ReturnedToProvider => t(l, Key::NextReturnedToProvider).to_string(),
        Status::Approved => t(l, Key::NextApproved).to_string(),
        Status::Refused => t(l, Key::NextRefused).to_string(),
        Status::Withdrawn => t(l, Key::NextWithdrawn).to_string(),
        Status::Revoked => t(l, Key::NextRevoked).to_string(),
    };
    lines.push(("status-what", what));
    // The documents the provider's verification needs (the photo …).
    // (id, what, number): the documents to hand in, or the numbers.
    let mut items: Vec<(Option<String>, String, String)> = Vec::new();
    if info.status == Status::ProviderVerification && !info.next.documents.is_empty() {
        lines.push((
            "status-documents-intro",
            t(l, Key::NextDocuments).to_string(),
        ));
        items.extend(
            info.next
                .documents
                .iter()
                .map(|d| (None, d.label().get(tag).to_string(), String::new())),
        );
    }
    let reason = match info.status {
        Status::ReturnedToSubject | Status::ReturnedToProvider => info.return_reason.clone(),
        Status::Refused | Status::Revoked | Status::Withdrawn => info.reason.clone(),
        _ => None,
    }
    .filter(|r| !r.trim().is_empty());
    if let Some(r) = reason {
        lines.push(("status-reason", format!("{} {r}", t(l, Key::Reason))));
    }
    // Once approved: the subject's number and each website's.
    if info.status == Status::Approved {
        let f = &info.filing;
        if !f.subject.filing_number.is_empty() {
            items.push((
                Some("approved-subject-filing-number".to_string()),
                t(l, Key::SubjectFilingNumber).to_string(),
                f.subject.filing_number.clone(),
            ));
        }
        for (i, w) in f.websites.iter().enumerate() {
            if !w.filing_number.is_empty() {
                items.push((
                    Some(format!("website-filing-number-{i}")),
                    format!(
                        "{}（{}）",
                        tn(l, Key::WebsiteN, i + 1),
                        w.domains.join("、")
                    ),
                    w.filing_number.clone(),
                ));
            }
        }
    }
    // Once approved: each website's footer code and its check.
    let footers = if info.status == Status::Approved {
        footers(&info.filing)
    } else {
        Vec::new()
    };
    // While the provider verifies it (or it came back): the scans of the
    // documents the verification needs.
    let uploads = (matches!(
        info.status,
        Status::ProviderVerification | Status::ReturnedToSubject | Status::ReturnedToProvider
    ) && !info.next.documents.is_empty())
    .then(|| {
        let slots = crate::uploads::slots(&info.next.documents, &info.filing);
        view! { <crate::uploads::Uploads rid=rid slots=slots filing=info.filing.clone() lang=lang api_base=api_base /> }
    });
    let editable = info.status == Status::ReturnedToSubject;
    let status_name = info.status.name();
    view! {
        <ol id="status-stages" class="stages" data-status=status_name>{stages_view}</ol>
        <div id="status-next" class="next" data-status=status_name>
            {lines.into_iter().map(|(id, text)| view! { <p id=id>{text}</p> }).collect_view()}
            <ul id="status-items">
                {items
                    .into_iter()
                    .map(|(id, what, number)| view! { <li id=id>{what} " " <strong>{number}</strong></li> })
                    .collect_view()}
            </ul>
            {uploads}
            {footers
                .into_iter()
                .map(|f| view! { <FooterBlock footer=f lang=lang api_base=api_base /> })
                .collect_view()}
            {editable.then(|| view! {
                <Button id="edit-returned" class="primary" label=tx(lang, Key::EditReturned) on_click=Callback::new(move |()| on_edit.run(info.clone())) />
            })}
        </div>
    }
    .into_any()
}

/// What a website shows in its footer once approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Footer {
    /// The website's index in the filing.
    pub index: usize,
    /// Its filing number (`京ICP备12345678号-1`).
    pub number: String,
    /// The HTML code for the footer (beian-rules' `footer::snippet`).
    pub html: String,
    /// The home page to check: the website's homepage, else its first
    /// domain (fetched over http, following redirects).
    pub url: String,
}

/// The footers of an approved filing's websites: those with a number the
/// footer can show (a website without one has nothing to show yet).
pub(crate) fn footers(filing: &Filing) -> Vec<Footer> {
    filing
        .websites
        .iter()
        .enumerate()
        .filter_map(|(index, w)| {
            let html = snippet(&w.filing_number, FooterStyle::Inline).ok()?;
            let url = if w.homepage.trim().is_empty() {
                w.domains.first()?.trim().to_string()
            } else {
                w.homepage.trim().to_string()
            };
            Some(Footer {
                index,
                number: w.filing_number.clone(),
                html,
                url,
            })
        })
        .collect()
}

/// Copies `text` to the clipboard; `false` when the browser refuses (no
/// clipboard, an insecure page, a frame without the permission).
async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).unwrap_or_default();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else {
        return false;
    };
    match write.call1(&clipboard, &text.into()) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

/// The outcome of "check my site".
#[derive(Debug, Clone, PartialEq)]
enum Checked {
    /// The server's answer.
    Done(SiteChecked),
    /// Why it failed.
    Failed(String),
}

/// A website's footer code, its copy button and "check my site".
#[component]
fn FooterBlock(
    footer: Footer,
    lang: RwSignal<Lang>,
    api_base: StoredValue<String>,
) -> impl IntoView {
    let i = footer.index;
    let code_id = format!("footer-code-{i}");
    let copied = RwSignal::new(None::<Key>);
    let checking = RwSignal::new(false);
    let checked = RwSignal::new(None::<Checked>);
    let html = StoredValue::new(footer.html.clone());
    let code_ref = NodeRef::<leptos::html::Textarea>::new();
    let copy = Callback::new(move |()| {
        let text = html.get_value();
        leptos::task::spawn_local(async move {
            if copy_text(&text).await {
                copied.set(Some(Key::FooterCopied));
            } else {
                // Selected, for Ctrl+C.
                if let Some(area) = code_ref.get_untracked() {
                    let _ = area.focus();
                    area.select();
                }
                copied.set(Some(Key::FooterCopyManual));
            }
        });
    });
    let url = RwSignal::new(footer.url.clone());
    let number = footer.number.clone();
    let check = Callback::new(move |()| {
        if checking.get_untracked() {
            return;
        }
        checking.set(true);
        let (base, url, number) = (api_base.get_value(), url.get_untracked(), number.clone());
        leptos::task::spawn_local(async move {
            checked.set(Some(match site_check(&base, &url, &number).await {
                Ok(c) => Checked::Done(c),
                Err(m) => Checked::Failed(m),
            }));
            checking.set(false);
        });
    });
    let heading = Signal::derive({
        let number = footer.number.clone();
        move || tn(lang.get(), Key::FooterHeading, &number)
    });
    let copied_text = Signal::derive(move || {
        copied
            .get()
            .map(|k| t(lang.get(), k).to_string())
            .unwrap_or_default()
    });
    let summary = move || {
        let l = lang.get();
        if checking.get() {
            return t(l, Key::SiteChecking).to_string();
        }
        match checked.get() {
            None => String::new(),
            Some(Checked::Failed(m)) => format!("{} {m}", t(l, Key::StatusFailed)),
            Some(Checked::Done(c)) => {
                let page = c.url.clone().unwrap_or_else(|| url.get());
                let errors = c
                    .findings
                    .iter()
                    .any(|f| f.severity == beian_rules::Severity::Error);
                if !errors && c.url.is_some() {
                    tn(l, Key::SiteCheckOk, page)
                } else {
                    tn(l, Key::SiteCheckProblems, page)
                }
            }
        }
    };
    let findings = Signal::derive(move || match checked.get() {
        Some(Checked::Done(c)) => c.findings,
        _ => Vec::new(),
    });
    view! {
        <section class="footer-snippet" id=format!("footer-{i}") aria-labelledby=format!("footer-heading-{i}")>
            <h3 id=format!("footer-heading-{i}")>{heading}</h3>
            <p class="hint">{tx(lang, Key::FooterIntro)}</p>
            <label for=code_id.clone()>{tx(lang, Key::FooterCode)}</label>
            <textarea id=code_id class="footer-code" readonly rows="4" spellcheck="false" node_ref=code_ref>{footer.html.clone()}</textarea>
            <div class="row">
                <Button id=format!("footer-copy-{i}") class="secondary" label=tx(lang, Key::FooterCopy) on_click=copy />
                <span id=format!("footer-copied-{i}") class="hint" role="status">{copied_text}</span>
            </div>
            <label for=format!("site-check-url-{i}")>{tx(lang, Key::SiteCheckUrl)}</label>
            <div class="row">
                <input
                    id=format!("site-check-url-{i}")
                    type="url"
                    inputmode="url"
                    autocomplete="url"
                    prop:value=move || url.get()
                    on:input=move |ev| url.set(event_target_value(&ev))
                />
                <Button id=format!("site-check-{i}") class="secondary" label=tx(lang, Key::SiteCheck) busy=checking.into() on_click=check />
            </div>
            <p id=format!("site-check-summary-{i}") role="status" aria-live="polite">{summary}</p>
            <FindingList id=format!("site-check-findings-{i}") findings=findings lang=lang on_apply=None />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_stages_end_in_the_outcome() {
        assert_eq!(stages(Status::BureauReview)[3], Status::Approved);
        assert_eq!(stages(Status::Refused)[3], Status::Refused);
        assert_eq!(stage_index(Status::ProviderVerification), 1);
        assert_eq!(stage_index(Status::Withdrawn), 3);
        let v = serde_json::json!({
            "kind": "add_website", "status": "provider_verification",
            "next": { "events": ["withdraw"], "awaiting": ["Example Cloud"] },
        });
        let info = RequestInfo::from_json(&v).unwrap();
        assert!(info.can_withdraw());
        assert_eq!(info.kind, FilingKind::AddWebsite);
    }

    #[wasm_bindgen_test]
    fn approved_websites_get_their_footer_code_and_home_page() {
        let mut filing = Filing::default();
        for (number, homepage, domain) in [
            (
                "京ICP备12345678号-1",
                "https://www.example.com/",
                "example.com",
            ),
            ("", "http://www.second.cn", "second.cn"),
            ("京ICP备12345678号-3", "", "third.cn"),
            ("浙B2-20040180", "", "licence.cn"),
        ] {
            filing.websites.push(beian_rules::Website {
                filing_number: number.into(),
                homepage: homepage.into(),
                domains: vec![domain.into()],
                ..Default::default()
            });
        }
        let f = footers(&filing);
        // No number, or a licence number instead of one: nothing to show.
        assert_eq!(f.iter().map(|f| f.index).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(f[0].url, "https://www.example.com/");
        assert!(f[0].html.contains(">京ICP备12345678号-1</a>"));
        // Without a homepage, the first domain.
        assert_eq!(f[1].url, "third.cn");
    }
}
