//! What the registry routes answer: filings, requests and their events
//! as JSON views, and the answer of a write.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_flow::{next_steps, Context, FiledBy, FilingKind, FlowState, NextSteps, Status};
use beian_rules::{summarise, Date, Filing, Finding, Message, FINDINGS_PER_RULE};
use serde::Serialize;

use crate::clock::rfc3339;
use crate::db::{Conn, Db, DbError};
use crate::http::error::{Failure, Refusal};
use crate::http::{cpu, db_error, ApiState};
use crate::mask::mask;
use crate::store::{self, EventRow, FilingRow, Origin, Outcome, RequestRow};

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

pub(crate) fn request_summary(r: &RequestRow) -> RequestSummary {
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

pub(crate) fn filing_summary(
    f: &FilingRow,
    requests: &[RequestRow],
    domains: Vec<String>,
) -> FilingSummary {
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

pub(crate) async fn filing_view(
    conn: &mut Conn<'_>,
    id: i64,
) -> Result<Option<FilingView>, DbError> {
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

pub(crate) async fn request_view(
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

pub(crate) async fn written(
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

/// What a log line says of a filing: never a number in clear.
pub(crate) fn log_subject(filing: &Filing) -> String {
    let s = &filing.subject;
    let domains: usize = filing.websites.iter().map(|w| w.domains.len()).sum();
    mask(&format!(
        "subject {} {}, {} website(s), {domains} domain(s)",
        store::name_of(&s.document_type),
        s.document_number.trim(),
        filing.websites.len()
    ))
}

pub(crate) fn codes(findings: &[Finding]) -> String {
    let mut out: Vec<&str> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| f.code.as_deref().unwrap_or(f.rule.as_str()))
        .collect();
    out.dedup();
    out.join(",")
}
