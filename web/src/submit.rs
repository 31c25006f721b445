//! Talking to the world outside the form: submitting the filing to the
//! server's API (`POST {apiBase}/api/v1/filings` for a new filing; for
//! the other kinds `GET /filings/{id}`, `POST /filings/{id}/requests` and
//! `POST /requests/{rid}/events`, see
//! `crates/beian-server/openapi.json`), and exporting/importing the draft
//! as a JSON file.

use beian_flow::{Cancellation, Deadlines, EventType, FilingKind, Party};
use beian_rules::{Filing, Finding, Message};
use leptos::prelude::{GetValue, SetValue, StoredValue};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::draft::Draft;

/// What the server answered to a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Created (201): the filing's id, the raw answer (for the
    /// `beian:submitted` event) and the findings that did not stop it.
    Submitted {
        /// The filing's id.
        id: String,
        /// The request's id (its status page).
        request_id: Option<i64>,
        /// The answer's JSON.
        body: String,
        /// Warnings and advice.
        findings: Vec<Finding>,
        /// The request's deadlines, as the server computed them (its
        /// holiday schedule may be newer than the wizard's).
        deadlines: Option<Deadlines>,
    },
    /// Refused by the rules, the flow or the registry (409/422/403: 1003,
    /// 1005, 1039, 1040, 1048 …): nothing was written.
    Refused {
        /// The findings, shown like the browser's.
        findings: Vec<Finding>,
    },
    /// The request failed (network, server error, malformed answer).
    Failed(String),
}

impl Outcome {
    /// The findings of the answer.
    pub fn findings(&self) -> &[Finding] {
        match self {
            Outcome::Submitted { findings, .. } | Outcome::Refused { findings } => findings,
            _ => &[],
        }
    }

    /// A name for tests and styling (`data-outcome`).
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Submitted { .. } => "submitted",
            Outcome::Refused { .. } => "refused",
            Outcome::Failed(_) => "failed",
        }
    }
}

/// One submission: the API, the kind, the filing and, for a request on
/// an existing filing, its id, password and the websites confirmed closed.
#[derive(Debug, Clone)]
pub(crate) struct Sending {
    /// The API base URL.
    pub base: String,
    /// The kind of filing.
    pub kind: FilingKind,
    /// The existing filing's id (the kinds other than a new filing).
    pub filing_id: String,
    /// The filing sent.
    pub filing: Filing,
    /// The filing password (the kinds other than a new filing).
    pub password: String,
    /// For cancelling the subject: the domains confirmed closed.
    pub closed_domains: Vec<String>,
    /// For the three cancellations: the type and reason (002 #53).
    pub cancellation: Option<Cancellation>,
    /// A returned request edited in the form: submitted again
    /// (`subject_edit`, then `submit`) instead of starting a new one.
    pub resubmit: Option<i64>,
}

/// A request started on the server and refused: its filing id, kind and
/// request id, reused by the next submission of the same filing and kind.
pub(crate) type Started = StoredValue<Option<(String, FilingKind, i64)>>;

impl Sending {
    /// Sends it: a new filing, or a request on the existing filing (the
    /// request `started` before for the same filing and kind is reused;
    /// a refused one is kept in `started` for the next time).
    pub(crate) async fn send(&self, started: Started) -> Outcome {
        if self.kind == FilingKind::NewFiling && self.resubmit.is_none() {
            return submit(&self.base, &self.filing).await;
        }
        let reuse = self.resubmit.or_else(|| {
            started
                .get_value()
                .filter(|(i, k, _)| *i == self.filing_id && *k == self.kind)
                .map(|s| s.2)
        });
        let (rid, outcome) = submit_request(self, reuse).await;
        started.set_value(match (&outcome, rid) {
            (Outcome::Submitted { .. }, _) | (_, None) => None,
            (_, Some(rid)) => Some((self.filing_id.clone(), self.kind, rid)),
        });
        outcome
    }
}

fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "network error".to_string())
}

thread_local! {
    /// The wizard session's token (`data-session-token`), sent with every
    /// API request as `Authorization: Bearer …`: the server takes the
    /// caller (the subject of that session) from it, never from the body.
    static SESSION_TOKEN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Sets the wizard session's token the panel's backend obtained
/// (`POST /api/v1/sessions`); none: requests go without one.
pub(crate) fn set_session_token(token: Option<String>) {
    SESSION_TOKEN.with(|t| *t.borrow_mut() = token);
}

/// The body of a subject's submission.
pub(crate) fn request_body(filing: &Filing) -> String {
    serde_json::json!({ "filing": filing }).to_string()
}

/// Posts `filing` to `{api_base}/api/v1/filings` as the subject.
pub(crate) async fn submit(api_base: &str, filing: &Filing) -> Outcome {
    let url = format!("{}/api/v1/filings", api_base.trim_end_matches('/'));
    match fetch_json("POST", &url, Some(request_body(filing))).await {
        Ok((status, json, text)) => outcome_of(status, json, text),
        Err(e) => Outcome::Failed(js_error(e)),
    }
}

/// The body of an event on a request, as the subject; `closed_domains`
/// (for cancelling the subject, 002 #53) only when there are any.
pub(crate) fn event_body(event: serde_json::Value, closed_domains: &[String]) -> String {
    let mut body = serde_json::json!({ "event": event });
    if !closed_domains.is_empty() {
        body["closedDomains"] = serde_json::json!(closed_domains);
    }
    body.to_string()
}

/// Submits a request of its kind on the approved filing: starts it
/// (`POST /filings/{id}/requests`, unless `started` is the id of a request
/// started before and not yet submitted, or returned), saves the edited
/// filing (`subject_edit`) and submits it with the filing password (and a
/// cancellation's type and reason). Answers the request's id (to reuse
/// after a refusal) and the outcome of the last step that ran. The closed
/// domains go with the events (cancelling the subject needs its websites
/// closed, 002 #53).
pub(crate) async fn submit_request(s: &Sending, started: Option<i64>) -> (Option<i64>, Outcome) {
    let Sending {
        base: api_base,
        kind,
        filing_id,
        filing,
        password,
        closed_domains,
        cancellation,
        ..
    } = s;
    let base = api_base.trim_end_matches('/');
    let rid = match started {
        Some(rid) => rid,
        None => {
            let url = format!("{base}/api/v1/filings/{filing_id}/requests");
            let body = serde_json::json!({ "kind": kind });
            match fetch_json("POST", &url, Some(body.to_string())).await {
                Ok((status, json, _)) if (200..300).contains(&status) => {
                    match json
                        .pointer("/request/id")
                        .and_then(serde_json::Value::as_i64)
                    {
                        Some(rid) => rid,
                        None => return (None, Outcome::Failed(format!("HTTP {status}"))),
                    }
                }
                Ok((status, json, text)) => return (None, outcome_of(status, json, text)),
                Err(e) => return (None, Outcome::Failed(js_error(e))),
            }
        }
    };
    let url = format!("{base}/api/v1/requests/{rid}/events");
    let events = [
        serde_json::json!({ "type": "subject_edit", "filing": filing }),
        submit_event(password, cancellation.as_ref()),
    ];
    let mut last = Outcome::Failed(String::new());
    for event in events {
        last = match fetch_json("POST", &url, Some(event_body(event, closed_domains))).await {
            Ok((status, json, text)) => outcome_of(status, json, text),
            Err(e) => Outcome::Failed(js_error(e)),
        };
        if !matches!(last, Outcome::Submitted { .. }) {
            break;
        }
    }
    (Some(rid), last)
}

/// The subject's `submit` event, with the filing password when one is
/// typed (a new filing has none) and a cancellation's type and reason.
fn submit_event(password: &str, cancellation: Option<&Cancellation>) -> serde_json::Value {
    let mut event =
        serde_json::json!({ "type": EventType::Submit.name(), "by": Party::Subject.name() });
    if !password.is_empty() {
        event["filingPassword"] = serde_json::json!(password);
    }
    if let Some(c) = cancellation {
        event["cancellation"] = serde_json::to_value(c).unwrap_or_default();
    }
    event
}

/// Posts `event` (beian-flow's event JSON) on request `rid` as the subject.
pub(crate) async fn post_event(api_base: &str, rid: i64, event: serde_json::Value) -> Outcome {
    let url = format!(
        "{}/api/v1/requests/{rid}/events",
        api_base.trim_end_matches('/')
    );
    match fetch_json("POST", &url, Some(event_body(event, &[]))).await {
        Ok((status, json, text)) => outcome_of(status, json, text),
        Err(e) => Outcome::Failed(js_error(e)),
    }
}

/// Reads `GET {api_base}/api/v1/requests/{rid}`: the request's view
/// (`RequestView` of the server), or why not.
pub(crate) async fn load_request(api_base: &str, rid: i64) -> Result<serde_json::Value, String> {
    let url = format!("{}/api/v1/requests/{rid}", api_base.trim_end_matches('/'));
    match fetch_json("GET", &url, None).await {
        Ok((status, json, _)) if (200..300).contains(&status) && json.is_object() => Ok(json),
        Ok((status, json, text)) => Err(match outcome_of(status, json, text) {
            Outcome::Failed(m) => m,
            _ => format!("HTTP {status}"),
        }),
        Err(e) => Err(js_error(e)),
    }
}

/// What `POST {api_base}/api/v1/site-check` answered: the page checked
/// (after redirects) and its findings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SiteChecked {
    /// The address checked, when the page was fetched.
    pub url: Option<String>,
    /// The findings (none when the footer is right).
    pub findings: Vec<Finding>,
}

/// Checks that the home page at `url` shows `number`, linked to the MIIT
/// filing site (the server fetches the page: issue 18).
pub(crate) async fn site_check(
    api_base: &str,
    url: &str,
    number: &str,
) -> Result<SiteChecked, String> {
    let endpoint = format!("{}/api/v1/site-check", api_base.trim_end_matches('/'));
    let body = serde_json::json!({ "url": url, "number": number }).to_string();
    match fetch_json("POST", &endpoint, Some(body)).await {
        Ok((status, json, _)) if (200..300).contains(&status) => Ok(SiteChecked {
            url: json
                .get("url")
                .and_then(serde_json::Value::as_str)
                .map(str::to_string),
            findings: json
                .get("findings")
                .and_then(|f| serde_json::from_value(f.clone()).ok())
                .unwrap_or_default(),
        }),
        Ok((status, json, text)) => Err(match outcome_of(status, json, text) {
            Outcome::Failed(m) => m,
            Outcome::Refused { findings } => findings
                .iter()
                .map(|f| f.message.en.clone())
                .collect::<Vec<_>>()
                .join(" "),
            Outcome::Submitted { .. } => format!("HTTP {status}"),
        }),
        Err(e) => Err(js_error(e)),
    }
}

/// A scan uploaded for a request (the server's `Document`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Uploaded {
    /// Its id.
    pub id: i64,
    /// Its attachment kind's name.
    pub kind: String,
    /// The website's index, for a website's own document.
    #[serde(default)]
    pub website: Option<u32>,
    /// The file's name as uploaded.
    pub name: String,
    /// Bytes.
    pub size: i64,
}

/// Why an upload or a list failed: the server's findings, or a message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum UploadFailed {
    /// Refused with findings (the server's checks).
    Refused(Vec<Finding>),
    /// Another failure.
    Failed(String),
}

fn documents_url(api_base: &str, rid: i64) -> String {
    format!(
        "{}/api/v1/requests/{rid}/documents",
        api_base.trim_end_matches('/')
    )
}

/// Uploads `bytes` (already checked in the page) as the document `kind`
/// (of website `website`) of request `rid`: the stored document and the
/// server's warnings.
pub(crate) async fn upload_document(
    api_base: &str,
    rid: i64,
    kind: beian_rules::AttachmentKind,
    website: Option<u32>,
    name: &str,
    bytes: &[u8],
) -> Result<(Uploaded, Vec<Finding>), UploadFailed> {
    let mut url = format!(
        "{}?kind={}&name={}",
        documents_url(api_base, rid),
        kind.name(),
        String::from(js_sys::encode_uri_component(name))
    );
    if let Some(i) = website {
        url.push_str(&format!("&website={i}"));
    }
    let body = js_sys::Uint8Array::from(bytes);
    match fetch_body(
        "POST",
        &url,
        Some((body.into(), "application/octet-stream")),
    )
    .await
    {
        Ok((status, json, _)) if (200..300).contains(&status) => {
            let doc = json
                .get("document")
                .and_then(|d| serde_json::from_value(d.clone()).ok())
                .ok_or_else(|| UploadFailed::Failed("malformed answer".into()))?;
            let warnings = json
                .get("findings")
                .and_then(|f| serde_json::from_value(f.clone()).ok())
                .unwrap_or_default();
            Ok((doc, warnings))
        }
        Ok((status, json, text)) => Err(match outcome_of(status, json, text) {
            Outcome::Refused { findings } => UploadFailed::Refused(findings),
            Outcome::Failed(m) => UploadFailed::Failed(m),
            Outcome::Submitted { .. } => UploadFailed::Failed(format!("HTTP {status}")),
        }),
        Err(e) => Err(UploadFailed::Failed(js_error(e))),
    }
}

/// The documents uploaded for request `rid`.
pub(crate) async fn list_documents(api_base: &str, rid: i64) -> Result<Vec<Uploaded>, String> {
    match fetch_json("GET", &documents_url(api_base, rid), None).await {
        Ok((status, json, _)) if (200..300).contains(&status) => Ok(json
            .get("documents")
            .and_then(|d| serde_json::from_value(d.clone()).ok())
            .unwrap_or_default()),
        Ok((status, _, _)) => Err(format!("HTTP {status}")),
        Err(e) => Err(js_error(e)),
    }
}

/// Removes the uploaded document `id`.
pub(crate) async fn delete_document(api_base: &str, id: i64) -> Result<(), String> {
    let url = format!("{}/api/v1/documents/{id}", api_base.trim_end_matches('/'));
    match fetch_json("DELETE", &url, None).await {
        Ok((status, _, _)) if (200..300).contains(&status) => Ok(()),
        Ok((status, json, text)) => Err(match outcome_of(status, json, text) {
            Outcome::Failed(m) => m,
            _ => format!("HTTP {status}"),
        }),
        Err(e) => Err(js_error(e)),
    }
}

/// What the lookup of a filing by its number found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// The filing's id on this server.
    Here(String),
    /// No filing with this number on this server (approved elsewhere).
    NotHere,
    /// The request failed.
    Failed(String),
}

/// Finds the filing numbered `number` on the server:
/// `GET {api_base}/api/v1/filings?number=…` (a `FilingList`).
pub(crate) async fn find_filing(api_base: &str, number: &str) -> Found {
    let url = format!(
        "{}/api/v1/filings?number={}",
        api_base.trim_end_matches('/'),
        String::from(js_sys::encode_uri_component(number))
    );
    match fetch_json("GET", &url, None).await {
        Ok((status, json, _)) if (200..300).contains(&status) => {
            let first = json
                .get("filings")
                .and_then(serde_json::Value::as_array)
                .and_then(|list| list.first())
                .and_then(|f| f.get("id"))
                .map(|id| id.to_string().trim_matches('"').to_string());
            match first {
                Some(id) if !id.is_empty() => Found::Here(id),
                _ => Found::NotHere,
            }
        }
        Ok((404, _, _)) => Found::NotHere,
        Ok((status, json, text)) => Found::Failed(match outcome_of(status, json, text) {
            Outcome::Failed(m) => m,
            _ => format!("HTTP {status}"),
        }),
        Err(e) => Found::Failed(js_error(e)),
    }
}

/// Brings a filing approved elsewhere in: `POST {api_base}/api/v1/filings/import`
/// with what the customer has (numbers, subject, websites' domains) and
/// the filing password. Submitted: the new filing's id.
pub(crate) async fn import_filing(api_base: &str, filing: &Filing, password: &str) -> Outcome {
    let url = format!("{}/api/v1/filings/import", api_base.trim_end_matches('/'));
    let body = serde_json::json!({
        "filing": filing,
        "filingPassword": password,
    });
    match fetch_json("POST", &url, Some(body.to_string())).await {
        Ok((status, json, text)) => outcome_of(status, json, text),
        Err(e) => Outcome::Failed(js_error(e)),
    }
}

/// What `GET {api_base}/api/v1/filings/{id}` answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Loaded {
    /// The filing's approved data.
    Approved(Filing),
    /// The filing exists but has no approved data yet.
    NotApproved,
    /// No such filing (404).
    NotFound,
    /// The request failed (network, server error, malformed answer).
    Failed(String),
}

/// Reads the approved data of the filing `id`.
pub(crate) async fn load_filing(api_base: &str, id: &str) -> Loaded {
    let url = format!(
        "{}/api/v1/filings/{}",
        api_base.trim_end_matches('/'),
        String::from(js_sys::encode_uri_component(id))
    );
    match fetch_json("GET", &url, None).await {
        Ok((404, _, _)) => Loaded::NotFound,
        Ok((status, json, _)) if (200..300).contains(&status) => match json.get("approved") {
            Some(serde_json::Value::Null) | None => Loaded::NotApproved,
            Some(a) => match Filing::from_json(&a.to_string()) {
                Ok(f) => Loaded::Approved(f),
                Err(e) => Loaded::Failed(format!("{} ({})", e.message.en, e.path)),
            },
        },
        Ok((status, json, text)) => match outcome_of(status, json, text) {
            Outcome::Failed(m) => Loaded::Failed(m),
            _ => Loaded::Failed(format!("HTTP {status}")),
        },
        Err(e) => Loaded::Failed(js_error(e)),
    }
}

/// Fetches `url` (JSON in and out): the status, the JSON answer (`null`
/// when it is not JSON) and its text.
async fn fetch_json(
    method: &str,
    url: &str,
    body: Option<String>,
) -> Result<(u16, serde_json::Value, String), JsValue> {
    let body = body.map(|b| (JsValue::from_str(&b), "application/json"));
    fetch_body(method, url, body).await
}

/// Fetches `url` with a body of any type (`(body, content type)`): the
/// status, the JSON answer (`null` when it is not JSON) and its text.
async fn fetch_body(
    method: &str,
    url: &str,
    body: Option<(JsValue, &str)>,
) -> Result<(u16, serde_json::Value, String), JsValue> {
    let headers = web_sys::Headers::new()?;
    if let Some((_, content_type)) = &body {
        headers.set("content-type", content_type)?;
    }
    headers.set("accept", "application/json")?;
    if let Some(token) = SESSION_TOKEN.with(|t| t.borrow().clone()) {
        headers.set("authorization", &format!("Bearer {token}"))?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(&headers);
    if let Some((body, _)) = body {
        init.set_body(&body);
    }
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let status = response.status();
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    Ok((status, json, text))
}

/// The outcome of a write's answer.
fn outcome_of(status: u16, json: serde_json::Value, text: String) -> Outcome {
    let findings: Vec<Finding> = json
        .get("findings")
        .and_then(|f| serde_json::from_value(f.clone()).ok())
        .unwrap_or_default();
    if (200..300).contains(&status) {
        // A write answers `{filing, request, findings}`; the import may
        // answer `{filingId, requestId, findings}`.
        let id = json
            .pointer("/filing/id")
            .or_else(|| json.get("filingId"))
            .map(|v| v.to_string().trim_matches('"').to_string())
            .unwrap_or_default();
        let request_id = json
            .pointer("/request/id")
            .or_else(|| json.get("requestId"))
            .and_then(serde_json::Value::as_i64);
        let deadlines = json
            .pointer("/request/next/deadlines")
            .and_then(|d| serde_json::from_value(d.clone()).ok());
        return Outcome::Submitted {
            id,
            request_id,
            deadlines,
            body: if json.is_null() {
                "{}".to_string()
            } else {
                text
            },
            findings,
        };
    }
    if !findings.is_empty() {
        return Outcome::Refused { findings };
    }
    let message = json
        .pointer("/error/message")
        .and_then(|m| m.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| format!("HTTP {status}"));
    let code = json
        .pointer("/error/code")
        .and_then(|m| m.as_str())
        .unwrap_or_default();
    Outcome::Failed(if code.is_empty() {
        message
    } else {
        format!("{message} ({code})")
    })
}

/// Offers the draft as a download, `beian-draft.json`.
pub(crate) fn export_draft(draft: &Draft) {
    let _ = try_export(draft);
}

fn try_export(draft: &Draft) -> Result<(), JsValue> {
    // Indented by the browser's JSON.stringify, for people reading the file.
    let json = js_sys::JSON::parse(&draft.to_json())?;
    let pretty = js_sys::JSON::stringify_with_replacer_and_space(
        &json,
        &JsValue::NULL,
        &JsValue::from_f64(2.0),
    )?;
    let parts = js_sys::Array::of1(&pretty);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download("beian-draft.json");
    a.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Reads an imported file as a draft; a file that is not one gives a
/// message and changes nothing.
pub(crate) async fn read_import(file: web_sys::File) -> Result<Draft, Message> {
    let text = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| Message::new("无法读取文件。", "The file cannot be read."))?;
    Draft::from_json(&text)
}
