//! The registry routes: filings, requests, events and look-ups (see
//! [`crate::api`] for the table and `openapi.json` for the shapes).

use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_flow::{
    next_steps, Context, Event, FiledBy, FilingKind, FlowState, NextSteps, Party, Status,
};
use beian_rules::{
    check_field, summarise, Date, DocumentType, FieldContext, FieldKind, Filing, Finding,
    IdentifierKind, Message, FINDINGS_PER_RULE,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{cpu, ApiError, ApiState, SCHEMA_ERROR_CODE};
use crate::auth::{self, Caller, FilingScope};
use crate::body::Strict;
use crate::clock::{now_millis, rfc3339};
use crate::db::{write_fn, Conn, Db, DbError};
use crate::mask::mask;
use crate::password;
use crate::registry::{self, ClaimKind};
use crate::store::{
    self, refusal_kind, ApplyEvent, EventRow, FilingRow, ImportFiling, ListScope, NewFiling,
    Origin, Outcome, RefusalKind, RequestRow, StartRequest,
};

/// The most items one look-up takes.
pub const MAX_LOOKUP_ITEMS: usize = 100;
/// The most filings one page of the list has.
pub const MAX_PAGE: i64 = 200;

/// `{"error": {...}, "findings": [...]}`: a request refused by findings.
#[derive(Debug)]
pub struct Refusal {
    /// 404, 403, 409 or 422.
    pub status: StatusCode,
    /// Every finding, errors first in their order.
    pub findings: Vec<Finding>,
}

#[derive(Serialize)]
struct RefusalBody<'a> {
    error: RefusalError<'a>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct RefusalError<'a> {
    code: &'a str,
    message: &'a str,
}

impl Refusal {
    /// The refusal for `findings` (at least one error), with the status of
    /// the worst of them.
    pub fn new(findings: Vec<Finding>) -> Self {
        let findings = summarise(findings, FINDINGS_PER_RULE);
        let status = match refusal_kind(&findings) {
            RefusalKind::Missing => StatusCode::NOT_FOUND,
            RefusalKind::Forbidden => StatusCode::FORBIDDEN,
            RefusalKind::Conflict => StatusCode::CONFLICT,
            RefusalKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Refusal { status, findings }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let first = self
            .findings
            .iter()
            .find(|f| f.is_error())
            .or(self.findings.first());
        let (code, message) = match first {
            Some(f) => (
                f.code.as_deref().unwrap_or(f.rule.as_str()),
                f.message.en.as_str(),
            ),
            None => ("rejected", "The request was refused."),
        };
        let body = RefusalBody {
            error: RefusalError { code, message },
            findings: &self.findings,
        };
        (self.status, Json(body)).into_response()
    }
}

/// A handler's failure: a plain API error or a refusal by findings.
pub enum Failure {
    /// Bad input, missing database, database error.
    Api(ApiError),
    /// Refused by findings.
    Refused(Refusal),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::Api(e) => e.into_response(),
            Failure::Refused(r) => r.into_response(),
        }
    }
}

pub(crate) fn schema_error(message: impl Into<String>) -> ApiError {
    ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: SCHEMA_ERROR_CODE,
        message: message.into(),
    }
}

pub(crate) fn db_of(state: &ApiState) -> Result<&Db, ApiError> {
    state.db.as_ref().ok_or_else(|| ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        code: "no_database",
        message: "This server runs without a database: only /api/v1/check works.".into(),
    })
}

pub(crate) fn db_error(state: &ApiState, error: DbError) -> ApiError {
    state.log.write(&mask(&format!("database error: {error}")));
    let (status, message) = match error {
        DbError::Closed => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The database is shutting down; try again.",
        ),
        DbError::Sqlx(sqlx::Error::PoolTimedOut) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The database is busy; try again.",
        ),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "The database failed; the request was not written.",
        ),
    };
    ApiError {
        status,
        code: "database",
        message: message.into(),
    }
}

pub(crate) fn path_id(path: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    match path {
        Ok(Path(id)) => Ok(id),
        Err(rejection) => Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: SCHEMA_ERROR_CODE,
            message: format!(
                "The id in the path must be an integer: {}",
                rejection.body_text()
            ),
        }),
    }
}

fn today(state: &ApiState) -> Result<Date, ApiError> {
    state.clock.today().ok_or_else(|| ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        code: "clock",
        message: "The server's clock is not set; no date for the request.".into(),
    })
}

// ----- views ---------------------------------------------------------------

/// A subject as lists show it: the document number masked.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubjectView {
    /// Name.
    pub name: String,
    /// Document type.
    pub document_type: String,
    /// Document number, masked.
    pub document_number: String,
}

/// A request in a list.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestSummary {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: FilingKind,
    /// Status.
    pub status: Status,
    /// The status as the filing system shows it.
    pub label: Message,
    /// The provider it is filed through.
    pub provider: String,
    /// Submitted and not yet approved.
    pub pending: bool,
    /// Last change (RFC 3339, UTC).
    pub updated_at: String,
}

/// A filing in a list.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilingSummary {
    /// Id.
    pub id: i64,
    /// The provider it was filed through.
    pub provider: String,
    /// Who files.
    pub filed_by: FiledBy,
    /// The subject, masked.
    pub subject: SubjectView,
    /// Domains filed or pending (Unicode).
    pub domains: Vec<String>,
    /// Date of the last approval.
    pub approved_on: Option<Date>,
    /// The subject is cancelled, or the filing revoked.
    pub closed: bool,
    /// The subject's filing number, once given (`京ICP备12345678号`).
    pub filing_number: Option<String>,
    /// `here`: filed through this server; `elsewhere`: approved through
    /// another provider and brought in.
    pub origin: Origin,
    /// Its requests, oldest first.
    pub requests: Vec<RequestSummary>,
    /// Creation (RFC 3339, UTC).
    pub created_at: String,
    /// Last change (RFC 3339, UTC).
    pub updated_at: String,
    /// Bumped by every change of the filing itself.
    pub version: i64,
}

/// A filing with its approved data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilingView {
    /// Everything of the summary.
    #[serde(flatten)]
    pub summary: FilingSummary,
    /// The approved data (none before the first approval).
    pub approved: Option<Filing>,
    /// The request whose approval gave `approved`.
    pub approved_request_id: Option<i64>,
    /// A filing password is on record (never the password).
    pub has_filing_password: bool,
}

/// A request with its flow state, what comes next and its history.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    /// Id.
    pub id: i64,
    /// Its filing.
    pub filing_id: i64,
    /// Kind.
    pub kind: FilingKind,
    /// Status.
    pub status: Status,
    /// The status as the filing system shows it.
    pub label: Message,
    /// The provider it is filed through.
    pub provider: String,
    /// Submitted and not yet approved.
    pub pending: bool,
    /// Bumped by every event (give it as `expectedVersion`).
    pub version: i64,
    /// The flow's state (the proposed filing, the approved one, dates).
    pub state: FlowState,
    /// The wizard's steps, who acts next, statuses, documents, deadlines.
    pub next: NextSteps,
    /// The events applied, oldest first.
    pub events: Vec<EventView>,
    /// Creation (RFC 3339, UTC).
    pub created_at: String,
    /// Last change (RFC 3339, UTC).
    pub updated_at: String,
}

/// An event in a request's history.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventView {
    /// The stored event.
    #[serde(flatten)]
    pub event: EventRow,
    /// When (RFC 3339, UTC).
    pub time: String,
}

fn request_summary(r: &RequestRow) -> RequestSummary {
    RequestSummary {
        id: r.id,
        kind: r.kind,
        status: r.status,
        label: r.status.label(r.kind),
        provider: r.provider.clone(),
        pending: r.pending,
        updated_at: rfc3339(r.updated_at),
    }
}

fn filing_summary(f: &FilingRow, requests: &[RequestRow], domains: Vec<String>) -> FilingSummary {
    FilingSummary {
        id: f.id,
        provider: f.provider.clone(),
        filed_by: f.filed_by,
        subject: SubjectView {
            name: f.subject_name.clone(),
            document_type: f.subject_document_type.clone(),
            document_number: f.subject_document_masked.clone(),
        },
        domains,
        approved_on: f.approved_on,
        closed: f.closed,
        filing_number: f.filing_number.clone(),
        origin: f.origin,
        requests: requests
            .iter()
            .filter(|r| r.filing_id == f.id)
            .map(request_summary)
            .collect(),
        created_at: rfc3339(f.created_at),
        updated_at: rfc3339(f.updated_at),
        version: f.version,
    }
}

async fn filing_view(conn: &mut Conn<'_>, id: i64) -> Result<Option<FilingView>, DbError> {
    let Some(f) = store::load_filing(conn, id).await? else {
        return Ok(None);
    };
    let requests = store::requests_of(conn, id).await?;
    let domains = store::domains_of(conn, &[id])
        .await?
        .into_iter()
        .map(|(_, d)| beian_rules::domain::to_unicode(&d))
        .collect();
    Ok(Some(FilingView {
        summary: filing_summary(&f, &requests, domains),
        approved: f.approved.clone(),
        approved_request_id: f.approved_request_id,
        has_filing_password: f.password_hash.is_some(),
    }))
}

async fn request_view(
    state: &ApiState,
    conn: &mut Conn<'_>,
    id: i64,
    today: Option<Date>,
) -> Result<Option<RequestView>, DbError> {
    let Some(r) = store::load_request(conn, id).await? else {
        return Ok(None);
    };
    let ctx = Context {
        pending: store::pending_of(conn, r.filing_id, Some(r.id)).await?,
        closed_domains: Vec::new(),
    };
    // The flow re-runs the rules on the stored filing: off the async
    // workers, and at most FINDINGS_PER_RULE findings of one rule a step.
    let flow = r.state;
    let (flow, next) = cpu(state, move || {
        let mut next = next_steps(&flow, &ctx, today);
        for step in &mut next.steps {
            step.findings = summarise(std::mem::take(&mut step.findings), FINDINGS_PER_RULE);
        }
        (flow, next)
    })
    .await
    .map_err(|e| DbError::Corrupt(e.message))?;
    let events = store::events_of(conn, r.id)
        .await?
        .into_iter()
        .map(|e| EventView {
            time: rfc3339(e.at),
            event: e,
        })
        .collect();
    Ok(Some(RequestView {
        id: r.id,
        filing_id: r.filing_id,
        kind: r.kind,
        status: r.status,
        label: r.status.label(r.kind),
        provider: r.provider.clone(),
        pending: r.pending,
        version: r.version,
        next,
        state: flow,
        events,
        created_at: rfc3339(r.created_at),
        updated_at: rfc3339(r.updated_at),
    }))
}

/// The answer of a write: the filing, the request, and the findings that
/// did not stop it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WriteResponse {
    /// The filing after the write.
    pub filing: FilingView,
    /// The request created or moved.
    pub request: RequestView,
    /// Warnings and advice.
    pub findings: Vec<Finding>,
    /// The new filing password, handed out once, on the approval of a new
    /// filing: it is stored only as a hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_password: Option<String>,
}

async fn written(
    state: &ApiState,
    db: &Db,
    outcome: Outcome,
    created: bool,
) -> Result<Response, Failure> {
    let (filing_id, request_id, findings, password) = match outcome {
        Outcome::Refused(findings) => return Err(Failure::Refused(Refusal::new(findings))),
        Outcome::Done {
            filing_id,
            request_id,
            findings,
            password,
        } => (filing_id, request_id, findings, password),
    };
    let mut reader = db.reader().await.map_err(|e| db_error(state, e))?;
    let mut conn = reader.conn();
    let filing = filing_view(&mut conn, filing_id)
        .await
        .map_err(|e| db_error(state, e))?;
    let request = request_view(state, &mut conn, request_id, state.clock.today())
        .await
        .map_err(|e| db_error(state, e))?;
    let (Some(filing), Some(request)) = (filing, request) else {
        return Err(db_error(state, DbError::Corrupt("a written row is gone".into())).into());
    };
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let body = WriteResponse {
        filing,
        request,
        findings: summarise(findings, FINDINGS_PER_RULE),
        filing_password: password,
    };
    Ok((status, Json(body)).into_response())
}

// ----- POST /api/v1/filings --------------------------------------------------

/// The body of `POST /api/v1/filings`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewFilingBody {
    /// The filing, read by [`crate::api::strict_filing`].
    pub filing: Box<serde_json::value::RawValue>,
    /// Filed by the subject (default for a wizard session) or by the
    /// provider (default for a provider credential).
    #[serde(default)]
    pub filed_by: Option<FiledBy>,
    /// The provider it is filed through: the credential's provider, or the
    /// one that opened the wizard session (it may only repeat it).
    #[serde(default)]
    pub provider: Option<String>,
    /// Store as a draft without submitting it.
    #[serde(default)]
    pub draft: bool,
}

/// `POST /api/v1/filings`: a new filing, submitted (or stored as a draft).
pub async fn create_filing(
    State(state): State<ApiState>,
    caller: Caller,
    Strict(body): Strict<NewFilingBody>,
) -> Result<Response, Failure> {
    let filing = crate::api::strict_filing(body.filing.get(), "/filing")?;
    let db = db_of(&state)?;
    let (provider, filed_by) = filer(&caller, "submit", body.provider.as_deref(), body.filed_by)?;
    if let Some(f) = auth::create_refused(&caller, &store::subject_key_of(&filing)) {
        return Err(refused(f));
    }
    let input = NewFiling {
        actor: caller.actor(),
        filing,
        filed_by,
        provider,
        draft: body.draft,
        today: today(&state)?,
        now: now_millis(),
        providers: state.providers.clone(),
    };
    let summary = log_subject(&input.filing);
    let draft = input.draft;
    // The rules and the flow run here, in parallel with other requests;
    // the write only checks the registry and inserts.
    let prepared = match cpu(&state, move || store::prepare_filing(input)).await? {
        Ok(p) => Arc::new(p),
        Err(findings) => {
            state
                .log
                .write(&format!("new filing refused: {}", codes(&findings)));
            return Err(Failure::Refused(Refusal::new(findings)));
        }
    };
    let outcome = db
        .write(write_fn(move |conn| {
            let prepared = prepared.clone();
            Box::pin(async move { store::create_filing(conn, &prepared).await })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    match &outcome {
        Outcome::Done {
            filing_id,
            request_id,
            ..
        } => state.log.write(&mask(&format!(
            "filing {filing_id} request {request_id} {}: {summary}",
            if draft { "saved as draft" } else { "submitted" }
        ))),
        Outcome::Refused(findings) => state
            .log
            .write(&format!("new filing refused: {}", codes(findings))),
    }
    written(&state, db, outcome, true).await
}

/// A refusal by one finding.
pub(crate) fn refused(finding: Finding) -> Failure {
    Failure::Refused(Refusal::new(vec![finding]))
}

/// Who files a filing the caller brings (a new one, or one from
/// elsewhere): the provider (the credential's, or the one that opened the
/// wizard session; `named` may only repeat it) and who files, by default
/// the caller's side. The bureau brings none.
fn filer(
    caller: &Caller,
    action: &str,
    named: Option<&str>,
    filed_by: Option<FiledBy>,
) -> Result<(String, FiledBy), Failure> {
    let Some(mine) = caller.filing_provider().map(str::trim) else {
        return Err(refused(registry::wrong_role(
            action,
            &store::name_of(&caller.party()),
            &store::name_of(&Party::Subject),
        )));
    };
    if let Some(named) = named.map(str::trim).filter(|n| *n != mine) {
        return Err(refused(registry::not_provider(mine, Some(named))));
    }
    let filed_by = filed_by.unwrap_or(match caller.party() {
        Party::Provider => FiledBy::Provider,
        _ => FiledBy::Subject,
    });
    Ok((mine.to_string(), filed_by))
}

/// Refuses the caller on filing `id` with the finding `refusal` gives, if
/// any (a filing that does not exist is left to the route: 404).
pub(crate) async fn guard(
    state: &ApiState,
    db: &Db,
    id: i64,
    refusal: impl FnOnce(&FilingScope) -> Option<Finding>,
) -> Result<(), Failure> {
    let scope = async {
        let mut reader = db.reader().await?;
        store::filing_scope(&mut reader.conn(), id).await
    }
    .await
    .map_err(|e| db_error(state, e))?;
    match scope.as_ref().and_then(refusal) {
        Some(finding) => Err(refused(finding)),
        None => Ok(()),
    }
}

/// The filing of request `id`, if there is such a request.
pub(crate) async fn filing_of_request(
    state: &ApiState,
    db: &Db,
    id: i64,
) -> Result<Option<i64>, Failure> {
    async {
        let mut reader = db.reader().await?;
        Ok::<_, DbError>(
            store::load_request(&mut reader.conn(), id)
                .await?
                .map(|r| r.filing_id),
        )
    }
    .await
    .map_err(|e| db_error(state, e).into())
}

/// What a log line says of a filing: never a number in clear.
fn log_subject(filing: &Filing) -> String {
    let s = &filing.subject;
    let domains: usize = filing.websites.iter().map(|w| w.domains.len()).sum();
    mask(&format!(
        "subject {} {}, {} website(s), {domains} domain(s)",
        store::name_of(&s.document_type),
        s.document_number.trim(),
        filing.websites.len()
    ))
}

fn codes(findings: &[Finding]) -> String {
    let mut out: Vec<&str> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.code.as_deref().unwrap_or(f.rule.as_str()))
        .collect();
    out.dedup();
    out.join(",")
}

// ----- POST /api/v1/filings/import -------------------------------------------

/// The body of `POST /api/v1/filings/import`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportBody {
    /// What the customer has: `subject` with `filingNumber`, `name`,
    /// `documentType`, `documentNumber`; `websites` with `filingNumber`
    /// (`…号-N`) and `domains`.
    pub filing: Box<serde_json::value::RawValue>,
    /// Filed by the subject (default for a wizard session) or by the provider.
    #[serde(default)]
    pub filed_by: Option<FiledBy>,
    /// The provider bringing it in: the credential's, or the one that
    /// opened the wizard session (it may only repeat it).
    #[serde(default)]
    pub provider: Option<String>,
    /// The filing password (备案密码), kept hashed: transferring access,
    /// adding a website and cancelling need it (002 #36, #53).
    #[serde(default)]
    pub filing_password: Option<String>,
}

/// `POST /api/v1/filings/import`: a filing approved elsewhere, recorded
/// with its number so that its requests (transfer of access, a website
/// added, change, cancellation) can follow.
pub async fn import_filing(
    State(state): State<ApiState>,
    caller: Caller,
    Strict(body): Strict<ImportBody>,
) -> Result<Response, Failure> {
    let filing = crate::api::strict_filing(body.filing.get(), "/filing")?;
    let db = db_of(&state)?;
    let (provider, filed_by) = filer(&caller, "import", body.provider.as_deref(), body.filed_by)?;
    if let Some(f) = auth::create_refused(&caller, &store::subject_key_of(&filing)) {
        return Err(refused(f));
    }
    let summary = log_subject(&filing);
    let imported = match cpu(&state, move || crate::import::prepare(filing)).await? {
        Ok(i) => i,
        Err(findings) => {
            state
                .log
                .write(&format!("import refused: {}", codes(&findings)));
            return Err(Failure::Refused(Refusal::new(findings)));
        }
    };
    let password_hash = match body.filing_password.filter(|p| !p.trim().is_empty()) {
        Some(p) => Some(
            password::hash_blocking(p, state.hash_cost)
                .await
                .map_err(|e| db_error(&state, DbError::Corrupt(e)))?,
        ),
        None => None,
    };
    let input = Arc::new(ImportFiling {
        actor: caller.actor(),
        imported,
        filed_by,
        provider,
        password_hash,
        now: now_millis(),
    });
    let outcome = db
        .write(write_fn(move |conn| {
            let input = input.clone();
            Box::pin(async move { store::import_filing(conn, &input).await })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    match &outcome {
        Outcome::Done { filing_id, .. } => state
            .log
            .write(&mask(&format!("filing {filing_id} brought in: {summary}"))),
        Outcome::Refused(findings) => state
            .log
            .write(&format!("import refused: {}", codes(findings))),
    }
    written(&state, db, outcome, true).await
}

// ----- GET /api/v1/filings ---------------------------------------------------

/// The query of `GET /api/v1/filings`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    /// Only filings with a request in this status.
    #[serde(default)]
    pub status: Option<Status>,
    /// Only filings of this provider.
    #[serde(default)]
    pub provider: Option<String>,
    /// Only the filing with this filing number (a website's `…号-N` finds
    /// its subject's filing).
    #[serde(default)]
    pub number: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[serde(default)]
    pub limit: Option<i64>,
    /// Only filings with a smaller id (the `nextBefore` of the last page).
    #[serde(default)]
    pub before: Option<i64>,
}

/// The answer of `GET /api/v1/filings`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilingList {
    /// Newest first.
    pub filings: Vec<FilingSummary>,
    /// Give it as `before` for the next page; none on the last page.
    pub next_before: Option<i64>,
}

/// `GET /api/v1/filings`.
pub async fn list_filings(
    State(state): State<ApiState>,
    caller: Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let Query(query) = query.map_err(|r| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: SCHEMA_ERROR_CODE,
        message: r.body_text(),
    })?;
    let db = db_of(&state)?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: SCHEMA_ERROR_CODE,
            message: format!("limit must be 1 to {MAX_PAGE}"),
        }
        .into());
    }
    let number = match query.number.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(n) => match beian_rules::filing_number::validate(n) {
            Ok(n) => Some(n.subject_number()),
            Err(e) => {
                let m = beian_rules::RuleError::message(&e);
                return Err(ApiError {
                    status: StatusCode::BAD_REQUEST,
                    code: SCHEMA_ERROR_CODE,
                    message: format!("number: {} {}", m.en, m.zh_cn),
                }
                .into());
            }
        },
    };
    let filter = store::ListFilter {
        number,
        status: query.status,
        provider: query.provider.filter(|p| !p.trim().is_empty()),
        scope: match &caller {
            Caller::Provider { name, .. } => Some(ListScope::Provider(name.clone())),
            Caller::Bureau {
                scope: auth::BureauScope::Province(p),
                ..
            } => Some(ListScope::Province(p.code.to_string())),
            Caller::Bureau { .. } => None,
            Caller::Session { subject, .. } => Some(ListScope::Subject(subject.clone())),
        },
        before: query.before,
        limit: limit + 1,
    };
    let list = async {
        let mut reader = db.reader().await?;
        let mut conn = reader.conn();
        let mut rows = store::list_filings(&mut conn, &filter).await?;
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let ids: Vec<i64> = rows.iter().map(|f| f.id).collect();
        let requests = store::requests_of_many(&mut conn, &ids).await?;
        let domains = store::domains_of(&mut conn, &ids).await?;
        let filings: Vec<FilingSummary> = rows
            .iter()
            .map(|f| {
                let mine = domains
                    .iter()
                    .filter(|(id, _)| *id == f.id)
                    .map(|(_, d)| beian_rules::domain::to_unicode(d))
                    .collect();
                filing_summary(f, &requests, mine)
            })
            .collect();
        let next_before = if more { ids.last().copied() } else { None };
        Ok::<_, DbError>(FilingList {
            filings,
            next_before,
        })
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    Ok(Json(list).into_response())
}

// ----- GET /api/v1/filings/{id} ------------------------------------------------

/// `GET /api/v1/filings/{id}`.
pub async fn read_filing(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    let db = db_of(&state)?;
    guard(&state, db, id, |scope| auth::access_refused(&caller, scope)).await?;
    let view = async {
        let mut reader = db.reader().await?;
        filing_view(&mut reader.conn(), id).await
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    match view {
        Some(v) => Ok(Json(v).into_response()),
        None => Err(not_found(&format!("No filing {id}.")).into()),
    }
}

pub(crate) fn not_found(message: &str) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: message.to_string(),
    }
}

// ----- GET /api/v1/requests/{id} ---------------------------------------------

/// `GET /api/v1/requests/{id}`.
pub async fn read_request(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    let db = db_of(&state)?;
    if let Some(filing) = filing_of_request(&state, db, id).await? {
        guard(&state, db, filing, |scope| {
            auth::access_refused(&caller, scope)
        })
        .await?;
    }
    let today = state.clock.today();
    let view = async {
        let mut reader = db.reader().await?;
        request_view(&state, &mut reader.conn(), id, today).await
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    match view {
        Some(v) => Ok(Json(v).into_response()),
        None => Err(not_found(&format!("No request {id}.")).into()),
    }
}

// ----- POST /api/v1/filings/{id}/requests ----------------------------------

/// The body of `POST /api/v1/filings/{id}/requests`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartBody {
    /// The kind of request (not `new_filing`).
    pub kind: FilingKind,
    /// The filing password: needed by a provider that does not serve the
    /// filing yet (a transfer of access or a website added brings it; the
    /// request shows the filing's data, so the password proves the
    /// subject's consent, 002 #36).
    #[serde(default)]
    pub filing_password: Option<String>,
}

/// `POST /api/v1/filings/{id}/requests`: the flow's `start` on an approved
/// filing (a change, a website added, access transferred, a cancellation).
pub async fn start_request(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Strict<StartBody>, ApiError>,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    let Strict(body) = body?;
    let db = db_of(&state)?;
    let mut newcomer = false;
    guard(&state, db, id, |scope| {
        newcomer = auth::is_newcomer(&caller, scope);
        auth::start_refused(&caller, body.kind, scope)
    })
    .await?;
    if newcomer {
        let hash = async {
            let mut reader = db.reader().await?;
            Ok::<_, DbError>(
                store::load_filing(&mut reader.conn(), id)
                    .await?
                    .and_then(|f| f.password_hash),
            )
        }
        .await
        .map_err(|e| db_error(&state, e))?;
        let given = body
            .filing_password
            .clone()
            .filter(|p| !p.trim().is_empty());
        let ok = match (given, hash) {
            (Some(given), Some(hash)) => password::verify_blocking(given, hash).await,
            _ => false,
        };
        if !ok {
            return Err(refused(auth::newcomer_password()));
        }
    }
    let input = StartRequest {
        filing_id: id,
        actor: caller.actor(),
        kind: body.kind,
        now: now_millis(),
    };
    let kind = store::name_of(&input.kind);
    let outcome = db
        .write(write_fn(move |conn| {
            let input = input.clone();
            Box::pin(async move { store::start_request(conn, &input).await })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    match &outcome {
        Outcome::Done { request_id, .. } => state
            .log
            .write(&format!("filing {id} request {request_id} started: {kind}")),
        Outcome::Refused(f) => state
            .log
            .write(&format!("filing {id} start {kind} refused: {}", codes(f))),
    }
    written(&state, db, outcome, true).await
}

// ----- POST /api/v1/requests/{id}/events -----------------------------------

/// The body of `POST /api/v1/requests/{id}/events`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventBody {
    /// The event, as beian-flow's `Event` in JSON (`{"type": ..., ...}`);
    /// the dates of `submit` and `bureau_approve` (`on`) are the server's.
    pub event: Value,
    /// Refuse the event if the request's version is not this one.
    #[serde(default)]
    pub expected_version: Option<i64>,
    /// For cancelling the subject: the domains whose websites are closed.
    #[serde(default)]
    pub closed_domains: Vec<String>,
}

/// `POST /api/v1/requests/{id}/events`: an event of the flow on a request.
pub async fn apply_event(
    State(state): State<ApiState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Strict<EventBody>, ApiError>,
) -> Result<Response, Failure> {
    let id = path_id(id)?;
    let Strict(body) = body?;
    let db = db_of(&state)?;
    if let Some(filing) = filing_of_request(&state, db, id).await? {
        guard(&state, db, filing, |scope| {
            auth::access_refused(&caller, scope)
        })
        .await?;
    }
    let today = today(&state)?;
    let mut event = body.event;
    let Some(object) = event.as_object_mut() else {
        return Err(schema_error("event must be an object {\"type\": ..., ...}").into());
    };
    let raw_type = object.get("type").and_then(Value::as_str).unwrap_or("");
    if matches!(raw_type, "submit" | "bureau_approve" | "bureau_revoke") {
        // The server's date, whatever the client says.
        object.insert("on".into(), Value::String(today.to_string()));
    }
    if let Some(filing) = object.get("filing") {
        // The edited filing's shape, as strictly as a new filing's.
        let raw =
            serde_json::value::to_raw_value(filing).map_err(|e| schema_error(e.to_string()))?;
        let edited = crate::api::strict_filing(raw.get(), "/event/filing")?;
        // A session keeps its filings its subject's.
        if let Some(f) = auth::create_refused(&caller, &store::subject_key_of(&edited)) {
            return Err(refused(f));
        }
    }
    let event: Event =
        serde_json::from_value(event).map_err(|e| schema_error(format!("event: {e}")))?;
    // Logged by its name from the enum, never as the client wrote it.
    let event_type = event.event_type().name();
    if matches!(event, Event::Start { .. }) {
        return Err(schema_error(
            "start a request with POST /api/v1/filings/{id}/requests {\"kind\": ...}",
        )
        .into());
    }

    // The expensive parts (Argon2) happen here, before the write.
    let mut password_ok = None;
    let mut new_password = None;
    let given = match &event {
        Event::Submit {
            filing_password: Some(p),
            ..
        } if !p.trim().is_empty() => Some(p.clone()),
        _ => None,
    };
    let approving = matches!(event, Event::BureauApprove { .. });
    if given.is_some() || approving {
        let facts = async {
            let mut reader = db.reader().await?;
            let mut conn = reader.conn();
            let Some(request) = store::load_request(&mut conn, id).await? else {
                return Ok(None);
            };
            let filing = store::load_filing(&mut conn, request.filing_id).await?;
            Ok::<_, DbError>(filing.map(|f| (request.kind, f.password_hash)))
        }
        .await
        .map_err(|e| db_error(&state, e))?;
        if let Some((kind, hash)) = facts {
            if let (Some(given), Some(hash)) = (&given, &hash) {
                password_ok = Some(password::verify_blocking(given.clone(), hash.clone()).await);
            }
            if approving && kind == FilingKind::NewFiling && hash.is_none() {
                let clear = password::generate();
                let hashed = password::hash_blocking(clear.clone(), state.hash_cost)
                    .await
                    .map_err(|e| db_error(&state, DbError::Corrupt(e)))?;
                new_password = Some((clear, hashed));
            }
        }
    }
    let input = ApplyEvent {
        request_id: id,
        actor: caller.actor(),
        event,
        expected_version: body.expected_version,
        closed_domains: body.closed_domains,
        password_ok,
        new_password,
        providers: state.providers.clone(),
        now: now_millis(),
    };
    let outcome = db
        .write(write_fn(move |conn| {
            let input = input.clone();
            Box::pin(async move { store::apply(conn, &input).await })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    match &outcome {
        Outcome::Done { .. } => state.log.write(&format!("request {id} {event_type}")),
        Outcome::Refused(f) => state
            .log
            .write(&format!("request {id} {event_type} refused: {}", codes(f))),
    }
    written(&state, db, outcome, false).await
}

// ----- POST /api/v1/registry/lookup ----------------------------------------

/// The body of `POST /api/v1/registry/lookup` (a POST, so that document
/// numbers never appear in URLs and access logs).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LookupBody {
    /// Domains to look up (a subdomain is looked up by its registrable domain).
    #[serde(default)]
    pub domains: Vec<String>,
    /// Subjects to look up.
    #[serde(default)]
    pub subjects: Vec<SubjectQuery>,
}

/// A subject to look up.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubjectQuery {
    /// Document type.
    pub document_type: DocumentType,
    /// Document number.
    pub document_number: String,
}

/// Whether something is filed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LookupHit {
    /// The domain as given (for subjects: none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The registrable domain looked up (Unicode), or the document type.
    pub key: Option<String>,
    /// Filed or pending in a submitted request.
    pub filed: bool,
    /// Only in a pending request (not yet approved).
    pub pending: bool,
    /// The filing that holds it.
    pub filing_id: Option<i64>,
    /// The pending request that holds it.
    pub request_id: Option<i64>,
}

/// The answer of `POST /api/v1/registry/lookup`, in the order asked.
#[derive(Debug, Serialize)]
pub struct LookupResponse {
    /// One hit per domain asked.
    pub domains: Vec<LookupHit>,
    /// One hit per subject asked.
    pub subjects: Vec<LookupHit>,
}

/// `POST /api/v1/registry/lookup`: is a domain or a subject already filed?
pub async fn lookup(
    State(state): State<ApiState>,
    _caller: Caller,
    Strict(body): Strict<LookupBody>,
) -> Result<Response, Failure> {
    let db = db_of(&state)?;
    if body.domains.len() + body.subjects.len() > MAX_LOOKUP_ITEMS {
        return Err(schema_error(format!(
            "at most {MAX_LOOKUP_ITEMS} domains and subjects at once"
        ))
        .into());
    }
    let result = async {
        let mut reader = db.reader().await?;
        let mut conn = reader.conn();
        let mut domains = Vec::new();
        for q in &body.domains {
            let checked = check_field(
                FieldKind::Identifier(IdentifierKind::Domain),
                q,
                &FieldContext::default(),
            );
            let key = checked
                .normalized
                .as_deref()
                .and_then(registry::domain_key)
                .or_else(|| registry::domain_key(q));
            let holder = match &key {
                Some(k) => store::holder_of(&mut conn, ClaimKind::Domain, k).await?,
                None => None,
            };
            domains.push(hit(
                Some(q.clone()),
                key.map(|k| beian_rules::domain::to_unicode(&k)),
                holder,
            ));
        }
        let mut subjects = Vec::new();
        for s in &body.subjects {
            let key = registry::subject_key(s.document_type, &s.document_number);
            let holder = store::holder_of(&mut conn, ClaimKind::Subject, &key).await?;
            subjects.push(hit(None, Some(store::name_of(&s.document_type)), holder));
        }
        Ok::<_, DbError>(LookupResponse { domains, subjects })
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    Ok(Json(result).into_response())
}

fn hit(
    query: Option<String>,
    key: Option<String>,
    holder: Option<(registry::Holder, String)>,
) -> LookupHit {
    let holder = holder.map(|(h, _)| h);
    LookupHit {
        query,
        key,
        filed: holder.is_some(),
        pending: holder.is_some_and(|h| h.request_id.is_some()),
        filing_id: holder.map(|h| h.filing_id),
        request_id: holder.and_then(|h| h.request_id),
    }
}
