//! The registry of filings in the database: reading filings and requests,
//! and the three writes: a new filing (submitted or as a draft), a new
//! request on an approved filing (the flow's `start`), and any other event
//! of the flow on a request.
//!
//! Every write runs the rules crate and the flow crate on the stored state
//! (never on a state the client sends), then the registry checks of
//! [`crate::registry`] and the decisions of [`crate::service`] (who may
//! act, the version, the filing password, the claims of an approval),
//! then writes; a refusal is findings ([`Outcome::Refused`]), whose HTTP
//! status [`crate::http::error::refusal_status`] chooses (this module
//! imports nothing of [`crate::http`]). A refused write writes nothing:
//! all checks come before the first change, and a lost race is run again
//! from the start ([`crate::db`]).

use beian_flow::{apply_event, Context, Event, FiledBy, FilingKind, FlowState, Status};
use beian_rules::{Date, Filing, Finding, Named};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::db::{Conn, DbError, Val, WriteError};
use crate::mask::mask_document;
use crate::registry::{self, Claim, ClaimKind, Holder};
use crate::service;
pub use crate::service::{Actor, NewFiling};

/// The stored row of a filing.
#[derive(Debug, Clone)]
pub struct FilingRow {
    /// Id.
    pub id: i64,
    /// The provider it was first filed through.
    pub provider: String,
    /// Who files.
    pub filed_by: FiledBy,
    /// The subject's name.
    pub subject_name: String,
    /// The subject's document type (snake_case name).
    pub subject_document_type: String,
    /// The subject's document number, masked.
    pub subject_document_masked: String,
    /// The approved data, once approved.
    pub approved: Option<Filing>,
    /// The request whose approval gave `approved`.
    pub approved_request_id: Option<i64>,
    /// The date of the last approval.
    pub approved_on: Option<Date>,
    /// The Argon2id hash of the filing password.
    pub password_hash: Option<String>,
    /// The subject is cancelled, or the filing revoked.
    pub closed: bool,
    /// The subject's filing number, once given (or brought in).
    pub filing_number: Option<String>,
    /// Filed through this server, or approved elsewhere and brought in.
    pub origin: Origin,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
    /// Bumped by every change.
    pub version: i64,
}

/// Where a filing was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, beian_rules::Named)]
#[beian(serde)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Filed through this server.
    Here,
    /// Approved through another provider and brought in with its number.
    Elsewhere,
}

/// The stored row of a request.
#[derive(Debug, Clone)]
pub struct RequestRow {
    /// Id.
    pub id: i64,
    /// Its filing.
    pub filing_id: i64,
    /// Its kind.
    pub kind: FilingKind,
    /// Its status.
    pub status: Status,
    /// The provider it is filed through ("" when unknown).
    pub provider: String,
    /// Submitted and not yet approved.
    pub pending: bool,
    /// The flow's state.
    pub state: FlowState,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
    /// Bumped by every event.
    pub version: i64,
}

/// One event applied to a request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRow {
    /// Id (increasing).
    pub id: i64,
    /// The event's type, e.g. `provider_verify`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The actor's role.
    pub actor_role: String,
    /// The actor's provider name.
    pub actor_provider: Option<String>,
    /// Status before (none for the request's creation).
    pub status_before: Option<String>,
    /// Status after.
    pub status_after: String,
    /// Unix milliseconds.
    pub at: i64,
}

/// What a write did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Written.
    Done {
        /// The filing.
        filing_id: i64,
        /// The request created or moved.
        request_id: i64,
        /// Findings that did not stop it (warnings, advice).
        findings: Vec<Finding>,
        /// A new filing password, handed out once (approval of a new filing).
        password: Option<String>,
    },
    /// Refused: nothing written. At least one error finding.
    Refused(Vec<Finding>),
}

/// A new request on an approved filing.
#[derive(Debug, Clone)]
pub struct StartRequest {
    /// The filing.
    pub filing_id: i64,
    /// Who starts it.
    pub actor: Actor,
    /// The kind of request.
    pub kind: FilingKind,
    /// Unix milliseconds.
    pub now: i64,
}

/// An event on a request.
#[derive(Debug, Clone)]
pub struct ApplyEvent {
    /// The request.
    pub request_id: i64,
    /// Who acts.
    pub actor: Actor,
    /// The event (dates already set by the server's clock).
    pub event: Event,
    /// The version the client read, if it wants the event refused after a change.
    pub expected_version: Option<i64>,
    /// Domains whose websites are closed (for cancelling the subject).
    pub closed_domains: Vec<String>,
    /// `Some(true)` when the filing password given matches the stored hash
    /// (checked before the write, off the writer), `Some(false)` when not,
    /// `None` when no password was given or none is stored.
    pub password_ok: Option<bool>,
    /// A new filing password and its hash, for the approval of a new filing.
    pub new_password: Option<(String, String)>,
    /// The access providers' directory, for its warnings on a submission.
    pub providers: Option<std::sync::Arc<crate::providers::Directory>>,
    /// Unix milliseconds.
    pub now: i64,
}

/// The name in JSON of an enum value (its generated name table).
pub fn name_of<T: Named>(value: &T) -> String {
    value.name().to_string()
}

/// The enum value a stored name names (the names of before the British
/// spelling too); another text is a corrupt row.
fn parse_name<T: Named>(text: &str) -> Result<T, DbError> {
    text.parse()
        .map_err(|e| DbError::Corrupt(format!("{text:?}: {e}")))
}

fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, DbError> {
    serde_json::from_str(text).map_err(|e| DbError::Corrupt(e.to_string()))
}

fn to_json<T: Serialize>(value: &T) -> Result<String, DbError> {
    serde_json::to_string(value).map_err(|e| DbError::Corrupt(e.to_string()))
}

const FILING_COLUMNS: &str = "id, provider, filed_by, subject_name, subject_document_type, \
     subject_document_masked, approved, approved_request_id, approved_on, password_hash, \
     closed, filing_number, origin, created_at, updated_at, version";

const REQUEST_COLUMNS: &str =
    "id, filing_id, kind, status, provider, pending, state, created_at, updated_at, version";

fn filing_row(row: &crate::db::Row) -> Result<FilingRow, DbError> {
    Ok(FilingRow {
        id: row.int("id")?,
        provider: row.text("provider")?,
        filed_by: parse_name(&row.text("filed_by")?)?,
        subject_name: row.text("subject_name")?,
        subject_document_type: row.text("subject_document_type")?,
        subject_document_masked: row.text("subject_document_masked")?,
        approved: row
            .opt_text("approved")?
            .map(|t| parse_json(&t))
            .transpose()?,
        approved_request_id: row.opt_int("approved_request_id")?,
        approved_on: row.opt_text("approved_on")?.and_then(|t| Date::parse(&t)),
        password_hash: row.opt_text("password_hash")?,
        closed: row.int("closed")? != 0,
        filing_number: row.opt_text("filing_number")?,
        origin: parse_name(&row.text("origin")?)?,
        created_at: row.int("created_at")?,
        updated_at: row.int("updated_at")?,
        version: row.int("version")?,
    })
}

fn request_row(row: &crate::db::Row) -> Result<RequestRow, DbError> {
    Ok(RequestRow {
        id: row.int("id")?,
        filing_id: row.int("filing_id")?,
        kind: parse_name(&row.text("kind")?)?,
        status: parse_name(&row.text("status")?)?,
        provider: row.text("provider")?,
        pending: row.int("pending")? != 0,
        state: parse_json(&row.text("state")?)?,
        created_at: row.int("created_at")?,
        updated_at: row.int("updated_at")?,
        version: row.int("version")?,
    })
}

/// A filing by id.
pub async fn load_filing(conn: &mut Conn<'_>, id: i64) -> Result<Option<FilingRow>, DbError> {
    let sql = format!("SELECT {FILING_COLUMNS} FROM filings WHERE id = $1");
    conn.fetch_optional(&sql, &[id.into()])
        .await?
        .as_ref()
        .map(filing_row)
        .transpose()
}

/// A request by id.
pub async fn load_request(conn: &mut Conn<'_>, id: i64) -> Result<Option<RequestRow>, DbError> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM requests WHERE id = $1");
    conn.fetch_optional(&sql, &[id.into()])
        .await?
        .as_ref()
        .map(request_row)
        .transpose()
}

/// The requests of a filing, oldest first.
pub async fn requests_of(conn: &mut Conn<'_>, filing_id: i64) -> Result<Vec<RequestRow>, DbError> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM requests WHERE filing_id = $1 ORDER BY id");
    conn.fetch_all(&sql, &[filing_id.into()])
        .await?
        .iter()
        .map(request_row)
        .collect()
}

/// The other pending requests of a filing, as the flow's context wants them.
pub async fn pending_of(
    conn: &mut Conn<'_>,
    filing_id: i64,
    except: Option<i64>,
) -> Result<Vec<beian_flow::PendingRequest>, DbError> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM requests WHERE filing_id = $1 AND pending = 1 AND id <> $2 ORDER BY id"
    );
    conn.fetch_all(&sql, &[filing_id.into(), except.unwrap_or(0).into()])
        .await?
        .iter()
        .map(|r| request_row(r).map(|r| registry::as_pending(&r.state)))
        .collect()
}

/// The events of a request, in order.
pub async fn events_of(conn: &mut Conn<'_>, request_id: i64) -> Result<Vec<EventRow>, DbError> {
    let rows = conn
        .fetch_all(
            "SELECT id, type, actor_role, actor_provider, status_before, status_after, at \
             FROM events WHERE request_id = $1 ORDER BY id",
            &[request_id.into()],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(EventRow {
                id: r.int("id")?,
                event_type: r.text("type")?,
                actor_role: r.text("actor_role")?,
                actor_provider: r.opt_text("actor_provider")?,
                status_before: r.opt_text("status_before")?,
                status_after: r.text("status_after")?,
                at: r.int("at")?,
            })
        })
        .collect()
}

/// Who holds a claim, and the provider of the holding request.
pub async fn holder_of(
    conn: &mut Conn<'_>,
    kind: ClaimKind,
    value: &str,
) -> Result<Option<(Holder, String)>, DbError> {
    let row = conn
        .fetch_optional(
            "SELECT c.filing_id, c.request_id, COALESCE(r.provider, '') AS provider \
             FROM claims c LEFT JOIN requests r ON r.id = c.request_id \
             WHERE c.kind = $1 AND c.value = $2",
            &[kind.name().into(), value.into()],
        )
        .await?;
    row.map(|r| {
        Ok((
            Holder {
                filing_id: r.int("filing_id")?,
                request_id: r.opt_int("request_id")?,
            },
            r.text("provider")?,
        ))
    })
    .transpose()
}

/// Filters of the list of filings.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only filings with a request in this status.
    pub status: Option<Status>,
    /// Only filings filed through or with a request by this provider.
    pub provider: Option<String>,
    /// Only the filing with this subject filing number (compact, no `-N`).
    pub number: Option<String>,
    /// Only the filings the caller may see ([`crate::auth::access_refused`]).
    pub scope: Option<ListScope>,
    /// Only filings with an id below this (the next page).
    pub before: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// Whose filings a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListScope {
    /// Those filed through or naming this provider.
    Provider(String),
    /// Those whose subject is in this province (its code, `330000`).
    Province(String),
    /// Those of this subject key.
    Subject(String),
}

/// The province code (`330000`) of a filing's subject: from its province
/// field, or from its filing number (a filing brought in).
pub fn province_of(filing: &Filing) -> Option<String> {
    let code = filing.subject.province.trim();
    if code.len() >= 2 && code.bytes().take(2).all(|b| b.is_ascii_digit()) {
        return Some(format!("{}0000", &code[..2]));
    }
    beian_rules::filing_number::validate(&filing.subject.filing_number)
        .ok()
        .map(|n| n.province().code.to_string())
}

/// The subject key (document type + number) of a filing.
pub fn subject_key_of(filing: &Filing) -> String {
    registry::subject_key(
        filing.subject.document_type,
        &filing.subject.document_number,
    )
}

/// What decides who may act on filing `id` ([`crate::auth::FilingScope`]),
/// or none when there is no such filing.
pub async fn filing_scope(
    conn: &mut Conn<'_>,
    id: i64,
) -> Result<Option<crate::auth::FilingScope>, DbError> {
    let Some(row) = conn
        .fetch_optional(
            "SELECT province, subject_key FROM filings WHERE id = $1",
            &[id.into()],
        )
        .await?
    else {
        return Ok(None);
    };
    let providers = conn
        .fetch_all(
            "SELECT provider FROM filing_providers WHERE filing_id = $1 ORDER BY provider",
            &[id.into()],
        )
        .await?
        .iter()
        .map(|r| r.text("provider"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(crate::auth::FilingScope {
        province: row.opt_text("province")?,
        subject_key: row.opt_text("subject_key")?,
        providers,
    }))
}

/// Records after a write whose the filing is: its subject's province and
/// key (from `basis`: the approved data, or a new filing's proposed data)
/// and every provider `state` names (1048).
async fn note_filing(
    conn: &mut Conn<'_>,
    filing_id: i64,
    basis: &Filing,
    state: &FlowState,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE filings SET province = $1, subject_key = $2 WHERE id = $3",
        &[
            province_of(basis).into(),
            subject_key_of(basis).into(),
            filing_id.into(),
        ],
    )
    .await?;
    for provider in state.providers() {
        let provider = provider.trim();
        if provider.is_empty() {
            continue;
        }
        conn.execute(
            "INSERT INTO filing_providers (filing_id, provider) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[filing_id.into(), provider.into()],
        )
        .await?;
    }
    Ok(())
}

/// Filings, newest first.
pub async fn list_filings(
    conn: &mut Conn<'_>,
    filter: &ListFilter,
) -> Result<Vec<FilingRow>, DbError> {
    let mut sql = format!("SELECT {FILING_COLUMNS} FROM filings f WHERE f.id < $1");
    let mut args: Vec<Val> = vec![filter.before.unwrap_or(i64::MAX).into()];
    if let Some(status) = filter.status {
        args.push(status.name().into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM requests r WHERE r.filing_id = f.id AND r.status = ${})",
            args.len()
        ));
    }
    if let Some(provider) = &filter.provider {
        args.push(provider.trim().into());
        let n = args.len();
        sql.push_str(&format!(
            " AND (f.provider = ${n} OR EXISTS (SELECT 1 FROM requests r WHERE r.filing_id = f.id AND r.provider = ${n}))"
        ));
    }
    match &filter.scope {
        None => {}
        Some(ListScope::Provider(name)) => {
            args.push(name.trim().into());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM filing_providers p WHERE p.filing_id = f.id AND p.provider = ${})",
                args.len()
            ));
        }
        Some(ListScope::Province(code)) => {
            args.push(code.clone().into());
            sql.push_str(&format!(" AND f.province = ${}", args.len()));
        }
        Some(ListScope::Subject(key)) => {
            args.push(key.clone().into());
            sql.push_str(&format!(" AND f.subject_key = ${}", args.len()));
        }
    }
    if let Some(number) = &filter.number {
        args.push(number.clone().into());
        sql.push_str(&format!(" AND f.filing_number = ${}", args.len()));
    }
    args.push(filter.limit.into());
    sql.push_str(&format!(" ORDER BY f.id DESC LIMIT ${}", args.len()));
    conn.fetch_all(&sql, &args)
        .await?
        .iter()
        .map(filing_row)
        .collect()
}

/// The domains claimed by each of `filings` (approved or pending), in
/// IDNA ASCII: `(filing_id, domain)`.
pub async fn domains_of(
    conn: &mut Conn<'_>,
    filings: &[i64],
) -> Result<Vec<(i64, String)>, DbError> {
    if filings.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=filings.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT filing_id, value FROM claims WHERE kind = 'domain' AND filing_id IN ({}) ORDER BY value",
        marks.join(", ")
    );
    let args: Vec<Val> = filings.iter().map(|id| (*id).into()).collect();
    conn.fetch_all(&sql, &args)
        .await?
        .iter()
        .map(|r| Ok((r.int("filing_id")?, r.text("value")?)))
        .collect()
}

/// The requests of each of `filings`, oldest first.
pub async fn requests_of_many(
    conn: &mut Conn<'_>,
    filings: &[i64],
) -> Result<Vec<RequestRow>, DbError> {
    if filings.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=filings.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM requests WHERE filing_id IN ({}) ORDER BY id",
        marks.join(", ")
    );
    let args: Vec<Val> = filings.iter().map(|id| (*id).into()).collect();
    conn.fetch_all(&sql, &args)
        .await?
        .iter()
        .map(request_row)
        .collect()
}

/// Checks the claims against their holders: the findings of conflicts, or
/// the claims to insert (those nobody holds yet).
async fn check_claims(
    conn: &mut Conn<'_>,
    claims: &[Claim],
    filing_id: i64,
    request_id: Option<i64>,
) -> Result<(Vec<Finding>, Vec<Claim>), DbError> {
    let mut findings = Vec::new();
    let mut free = Vec::new();
    for claim in claims {
        match holder_of(conn, claim.kind, &claim.value).await? {
            None => free.push(claim.clone()),
            Some((holder, _))
                if holder.filing_id == filing_id && holder.request_id == request_id => {}
            Some((holder, provider)) => {
                findings.push(registry::conflict(claim, holder, filing_id, &provider));
            }
        }
    }
    Ok((findings, free))
}

async fn insert_claims(
    conn: &mut Conn<'_>,
    claims: &[Claim],
    filing_id: i64,
    request_id: Option<i64>,
) -> Result<(), DbError> {
    for claim in claims {
        conn.execute(
            "INSERT INTO claims (kind, value, filing_id, request_id) VALUES ($1, $2, $3, $4)",
            &[
                claim.kind.name().into(),
                claim.value.clone().into(),
                filing_id.into(),
                request_id.into(),
            ],
        )
        .await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_event(
    conn: &mut Conn<'_>,
    request_id: i64,
    actor: &Actor,
    event: &Event,
    before: Option<Status>,
    after: Status,
    findings: &[Finding],
    now: i64,
) -> Result<(), DbError> {
    let mut stored = event.clone();
    if let Event::Submit {
        filing_password, ..
    } = &mut stored
    {
        // Never stored: the hash on the filing is all that is kept.
        *filing_password = None;
    }
    conn.execute(
        "INSERT INTO events (request_id, type, actor_role, actor_provider, status_before, status_after, event, findings, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            request_id.into(),
            event.event_type().name().into(),
            name_of(&actor.role).into(),
            actor.provider_name().map(str::to_string).into(),
            before.map(|s| s.name().to_string()).into(),
            after.name().into(),
            to_json(&stored)?.into(),
            to_json(&findings)?.into(),
            now.into(),
        ],
    )
    .await?;
    Ok(())
}

/// Submitted and not yet decided (approved, refused) or withdrawn.
fn is_pending(state: &FlowState) -> bool {
    state.submitted_on.is_some() && state.status.is_open()
}

async fn insert_request(
    conn: &mut Conn<'_>,
    filing_id: i64,
    state: &FlowState,
    now: i64,
) -> Result<i64, DbError> {
    conn.fetch_one(
        "INSERT INTO requests (filing_id, kind, status, provider, pending, state, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 0) RETURNING id",
        &[
            filing_id.into(),
            name_of(&state.kind).into(),
            state.status.name().into(),
            state.provider.clone().unwrap_or_default().into(),
            i64::from(is_pending(state)).into(),
            to_json(state)?.into(),
            now.into(),
        ],
    )
    .await?
    .int("id")
}

/// Writes a prepared new filing: a draft, or submitted (draft → provider
/// verification, or bureau review when nobody verifies), after the
/// registry's checks (1003, 1005).
pub async fn create_filing(
    conn: &mut Conn<'_>,
    prepared: &service::PreparedFiling,
) -> Result<Outcome, WriteError> {
    let input = &prepared.input;
    let (conflicts, _) = check_claims(conn, &prepared.claims, 0, Some(0)).await?;
    if service::has_error(&conflicts) {
        return Ok(Outcome::Refused(conflicts));
    }
    let subject = &input.filing.subject;
    let filing_id = conn
        .fetch_one(
            "INSERT INTO filings (provider, filed_by, subject_name, subject_document_type, subject_document_masked, \
             approved, approved_request_id, approved_on, password_hash, closed, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, NULL, NULL, NULL, NULL, 0, $6, $6, 0) RETURNING id",
            &[
                input.provider.trim().into(),
                name_of(&input.filed_by).into(),
                subject.name.trim().into(),
                name_of(&subject.document_type).into(),
                mask_document(&subject.document_number).into(),
                input.now.into(),
            ],
        )
        .await?
        .int("id")?;
    let state = &prepared.state;
    let request_id = conn
        .fetch_one(
            "INSERT INTO requests (filing_id, kind, status, provider, pending, state, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 0) RETURNING id",
            &[
                filing_id.into(),
                name_of(&state.kind).into(),
                state.status.name().into(),
                state.provider.clone().unwrap_or_default().into(),
                i64::from(is_pending(state)).into(),
                prepared.state_json.clone().into(),
                input.now.into(),
            ],
        )
        .await?
        .int("id")?;
    if !input.draft {
        // Keyed by the new id now; a unique violation here means another
        // submission got there first: the write runs again and reports it.
        let claims: Vec<Claim> = prepared
            .claims
            .iter()
            .map(|c| match c.kind {
                ClaimKind::Ip => Claim {
                    value: format!("{filing_id}/{}", c.display),
                    ..c.clone()
                },
                _ => c.clone(),
            })
            .collect();
        insert_claims(conn, &claims, filing_id, Some(request_id)).await?;
        conn.execute(
            "INSERT INTO events (request_id, type, actor_role, actor_provider, status_before, status_after, event, findings, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                request_id.into(),
                prepared.event.event_type().name().into(),
                name_of(&input.actor.role).into(),
                input.actor.provider_name().map(str::to_string).into(),
                prepared.before.map(|s| s.name().to_string()).into(),
                state.status.name().into(),
                prepared.event_json.clone().into(),
                prepared.findings_json.clone().into(),
                input.now.into(),
            ],
        )
        .await?;
        crate::outbox::enqueue(
            conn,
            &crate::outbox::Change {
                filing_id,
                filing_provider: input.provider.trim(),
                request_id,
                event: prepared.event.event_type(),
                before: prepared.before,
                state,
                now: input.now,
            },
        )
        .await?;
    }
    note_filing(conn, filing_id, &state.filing, state).await?;
    Ok(Outcome::Done {
        filing_id,
        request_id,
        findings: prepared.findings.clone(),
        password: None,
    })
}

/// The state a new request starts from: the filing's approved request, or
/// (before any approval) its latest request, which the flow then refuses.
async fn base_state(
    conn: &mut Conn<'_>,
    filing: &FilingRow,
) -> Result<Option<RequestRow>, DbError> {
    if let Some(id) = filing.approved_request_id {
        return load_request(conn, id).await;
    }
    Ok(requests_of(conn, filing.id).await?.pop())
}

/// Starts a request of `kind` on an approved filing (the flow's `start`).
pub async fn start_request(
    conn: &mut Conn<'_>,
    input: &StartRequest,
) -> Result<Outcome, WriteError> {
    let Some(filing) = load_filing(conn, input.filing_id).await? else {
        return Ok(Outcome::Refused(vec![registry::filing_missing(
            input.filing_id,
        )]));
    };
    let Some(base) = base_state(conn, &filing).await? else {
        return Ok(Outcome::Refused(vec![registry::filing_missing(
            input.filing_id,
        )]));
    };
    let mut state = base.state.clone();
    state.filed_by = filing.filed_by;
    state.provider = match input.actor.provider_name() {
        Some(p) => Some(p.to_string()),
        None => Some(filing.provider.clone()).filter(|p| !p.is_empty()),
    };
    let event = Event::Start {
        kind: input.kind,
        by: input.actor.role,
    };
    let actor = service::actor_findings(&input.actor, &event, &state);
    if service::has_error(&actor) {
        return Ok(Outcome::Refused(actor));
    }
    let ctx = Context {
        pending: pending_of(conn, filing.id, None).await?,
        closed_domains: Vec::new(),
    };
    let transition = match apply_event(&state, &event, &ctx) {
        Err(refused) => return Ok(Outcome::Refused(refused)),
        Ok(t) => t,
    };
    let request_id = insert_request(conn, filing.id, &transition.state, input.now).await?;
    insert_event(
        conn,
        request_id,
        &input.actor,
        &event,
        Some(state.status),
        transition.state.status,
        &transition.findings,
        input.now,
    )
    .await?;
    let basis = filing.approved.as_ref().unwrap_or(&transition.state.filing);
    note_filing(conn, filing.id, basis, &transition.state).await?;
    Ok(Outcome::Done {
        filing_id: filing.id,
        request_id,
        findings: transition.findings,
        password: None,
    })
}

/// Applies an event (anything but `start`) to a request.
pub async fn apply(conn: &mut Conn<'_>, input: &ApplyEvent) -> Result<Outcome, WriteError> {
    let Some(request) = load_request(conn, input.request_id).await? else {
        return Ok(Outcome::Refused(vec![registry::request_missing(
            input.request_id,
        )]));
    };
    let Some(filing) = load_filing(conn, request.filing_id).await? else {
        return Ok(Outcome::Refused(vec![registry::filing_missing(
            request.filing_id,
        )]));
    };
    let state = &request.state;
    let version = service::Version {
        request_id: request.id,
        version: request.version,
        status: state.status,
        approved_request_id: filing.approved_request_id,
    };
    if let Some(f) = service::version_refused(input.expected_version, &version) {
        return Ok(Outcome::Refused(vec![f]));
    }
    let actor = service::actor_findings(&input.actor, &input.event, state);
    if service::has_error(&actor) {
        return Ok(Outcome::Refused(actor));
    }
    let ctx = Context {
        pending: pending_of(conn, filing.id, Some(request.id)).await?,
        closed_domains: input.closed_domains.clone(),
    };
    // A new filing approved without a number typed by the bureau gets the
    // next one of its province and year.
    let mut event = input.event.clone();
    if let Event::BureauApprove { on, filing_number } = &mut event {
        let typed = filing_number
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty());
        if !typed && state.kind == FilingKind::NewFiling && state.status == Status::BureauReview {
            *filing_number = next_number(conn, &state.filing, *on).await?;
        }
    }
    let transition = match apply_event(state, &event, &ctx) {
        Err(refused) => return Ok(Outcome::Refused(refused)),
        Ok(t) => t,
    };
    let next = transition.state;
    let mut findings = transition.findings;
    if let (Event::Submit { .. }, Some(d)) = (&event, &input.providers) {
        findings.extend(d.findings(&next.filing));
    }
    if let Event::BureauApprove { .. } = event {
        let number = next.filing.subject.filing_number.trim();
        if !number.is_empty() && filing.filing_number.as_deref() != Some(number) {
            if let Some(other) = filing_with_number(conn, number).await? {
                return Ok(Outcome::Refused(vec![registry::number_taken(
                    number, other,
                )]));
            }
        }
    }

    // Submissions: the filing password (1018) and the registry's claims.
    let mut claims = None;
    if let Event::Submit {
        filing_password, ..
    } = &input.event
    {
        let given = filing_password
            .as_deref()
            .is_some_and(|p| !p.trim().is_empty());
        if given && service::needs_filing_password(state) {
            let on_record = filing.password_hash.is_some();
            if let Some(f) = service::password_refused(on_record, input.password_ok) {
                return Ok(Outcome::Refused(vec![f]));
            }
        }
        let wanted = registry::request_claims(&next, filing.id);
        let (conflicts, _) = check_claims(conn, &wanted, filing.id, Some(request.id)).await?;
        if service::has_error(&conflicts) {
            return Ok(Outcome::Refused(conflicts));
        }
        claims = Some(wanted);
    }

    // Approvals: the filing's data, and its claims, become the request's.
    let mut password = None;
    let approve = matches!(input.event, Event::BureauApprove { .. });
    if approve && next.kind != FilingKind::CancelSubject {
        let wanted = registry::claims_of(&next.filing, filing.id);
        let mut conflicts = Vec::new();
        for claim in &wanted {
            if let Some((holder, provider)) = holder_of(conn, claim.kind, &claim.value).await? {
                conflicts.extend(service::approval_conflict(
                    claim, holder, &provider, filing.id, request.id,
                ));
            }
        }
        if service::has_error(&conflicts) {
            return Ok(Outcome::Refused(conflicts));
        }
    }

    // Every check passed: write.
    let updated = conn
        .execute(
            "UPDATE requests SET status = $1, provider = $2, pending = $3, state = $4, updated_at = $5, \
             version = version + 1 WHERE id = $6 AND version = $7",
            &[
                next.status.name().into(),
                next.provider.clone().unwrap_or_default().into(),
                i64::from(is_pending(&next)).into(),
                to_json(&next)?.into(),
                input.now.into(),
                request.id.into(),
                request.version.into(),
            ],
        )
        .await?;
    if updated != 1 {
        return Err(WriteError::Retry);
    }
    if let Some(wanted) = claims {
        conn.execute(
            "DELETE FROM claims WHERE request_id = $1",
            &[request.id.into()],
        )
        .await?;
        insert_claims(conn, &wanted, filing.id, Some(request.id)).await?;
    }
    if approve || matches!(event, Event::BureauRevoke { .. }) {
        password = approve_filing(conn, &filing, &request, &next, input).await?;
    } else if matches!(event, Event::Withdraw { .. } | Event::BureauRefuse { .. }) {
        // The request ends: what it claimed is free at once.
        conn.execute(
            "DELETE FROM claims WHERE request_id = $1",
            &[request.id.into()],
        )
        .await?;
    } else if matches!(input.event, Event::SetFiledBy { .. }) {
        bump_filing(
            conn,
            &filing,
            "filed_by = $3",
            name_of(&next.filed_by).into(),
            input.now,
        )
        .await?;
    }
    insert_event(
        conn,
        request.id,
        &input.actor,
        &event,
        Some(state.status),
        next.status,
        &findings,
        input.now,
    )
    .await?;
    let basis = if approve {
        &next.filing
    } else {
        filing.approved.as_ref().unwrap_or(&next.filing)
    };
    note_filing(conn, filing.id, basis, &next).await?;
    crate::outbox::enqueue(
        conn,
        &crate::outbox::Change {
            filing_id: filing.id,
            filing_provider: &filing.provider,
            request_id: request.id,
            event: event.event_type(),
            before: Some(state.status),
            state: &next,
            now: input.now,
        },
    )
    .await?;
    Ok(Outcome::Done {
        filing_id: filing.id,
        request_id: request.id,
        findings,
        password,
    })
}

/// The approved filings of subjects named exactly `name` (trimmed), newest
/// first, at most `limit`.
pub async fn filings_named(
    conn: &mut Conn<'_>,
    name: &str,
    limit: i64,
) -> Result<Vec<i64>, DbError> {
    conn.fetch_all(
        "SELECT id FROM filings WHERE subject_name = $1 AND approved IS NOT NULL AND closed = 0 \
         ORDER BY id DESC LIMIT $2",
        &[name.trim().into(), limit.into()],
    )
    .await?
    .iter()
    .map(|r| r.int("id"))
    .collect()
}

/// The filing that holds subject filing number `number`, if any.
pub async fn filing_with_number(conn: &mut Conn<'_>, number: &str) -> Result<Option<i64>, DbError> {
    conn.fetch_optional(
        "SELECT id FROM filings WHERE filing_number = $1",
        &[number.into()],
    )
    .await?
    .map(|r| r.int("id"))
    .transpose()
}

/// The next generated number of the subject's province for the year of
/// `on` (`粤ICP备2026000001号`), skipping numbers typed or brought in; none
/// when the subject's province is unknown (the bureau then types it).
async fn next_number(
    conn: &mut Conn<'_>,
    filing: &Filing,
    on: Date,
) -> Result<Option<String>, DbError> {
    let Some(province) = registry::province_of(filing) else {
        return Ok(None);
    };
    for _ in 0..1000 {
        let serial = conn
            .fetch_one(
                "INSERT INTO filing_serials (province, year, last) VALUES ($1, $2, 1) \
                 ON CONFLICT (province, year) DO UPDATE SET last = filing_serials.last + 1 \
                 RETURNING last",
                &[
                    province.filing.to_string().into(),
                    i64::from(on.year()).into(),
                ],
            )
            .await?
            .int("last")?;
        let Some(number) = registry::generated_number(province, on.year(), serial) else {
            return Ok(None);
        };
        if filing_with_number(conn, &number).await?.is_none() {
            return Ok(Some(number));
        }
    }
    Ok(None)
}

/// Updates one column of a filing with its version check.
async fn bump_filing(
    conn: &mut Conn<'_>,
    filing: &FilingRow,
    set: &str,
    value: Val,
    now: i64,
) -> Result<(), WriteError> {
    let sql = format!(
        "UPDATE filings SET {set}, updated_at = $4, version = version + 1 WHERE id = $1 AND version = $2"
    );
    let n = conn
        .execute(
            &sql,
            &[filing.id.into(), filing.version.into(), value, now.into()],
        )
        .await?;
    if n != 1 {
        return Err(WriteError::Retry);
    }
    Ok(())
}

/// The approval of `request`: the filing's approved data, claims, filing
/// password (for a new filing) and, for a cancelled subject, its end.
async fn approve_filing(
    conn: &mut Conn<'_>,
    filing: &FilingRow,
    request: &RequestRow,
    next: &FlowState,
    input: &ApplyEvent,
) -> Result<Option<String>, WriteError> {
    if next.kind == FilingKind::CancelSubject || next.status == Status::Revoked {
        conn.execute(
            "DELETE FROM claims WHERE filing_id = $1",
            &[filing.id.into()],
        )
        .await?;
        let n = conn
            .execute(
                "UPDATE filings SET closed = 1, approved_request_id = $3, approved_on = $4, updated_at = $5, \
                 version = version + 1 WHERE id = $1 AND version = $2",
                &[
                    filing.id.into(),
                    filing.version.into(),
                    request.id.into(),
                    next.approved_on.map(|d| d.to_string()).into(),
                    input.now.into(),
                ],
            )
            .await?;
        if n != 1 {
            return Err(WriteError::Retry);
        }
        return Ok(None);
    }
    // The filing's claims become those of the new approved data: the
    // request's claims move to the filing, the rest of its claims and the
    // filing's claims no longer in the data go.
    let wanted = registry::claims_of(&next.filing, filing.id);
    let keys: Vec<(&str, &str)> = wanted
        .iter()
        .map(|c| (c.kind.name(), c.value.as_str()))
        .collect();
    let held = conn
        .fetch_all(
            "SELECT kind, value, request_id FROM claims WHERE filing_id = $1 AND (request_id IS NULL OR request_id = $2)",
            &[filing.id.into(), request.id.into()],
        )
        .await?;
    let mut have = Vec::new();
    for row in &held {
        let (kind, value) = (row.text("kind")?, row.text("value")?);
        if keys.contains(&(kind.as_str(), value.as_str())) {
            if row.opt_int("request_id")?.is_some() {
                conn.execute(
                    "UPDATE claims SET request_id = NULL WHERE kind = $1 AND value = $2",
                    &[kind.clone().into(), value.clone().into()],
                )
                .await?;
            }
            have.push((kind, value));
        } else {
            conn.execute(
                "DELETE FROM claims WHERE kind = $1 AND value = $2",
                &[kind.into(), value.into()],
            )
            .await?;
        }
    }
    let missing: Vec<Claim> = wanted
        .into_iter()
        .filter(|c| {
            !have
                .iter()
                .any(|(k, v)| k == c.kind.name() && *v == c.value)
        })
        .collect();
    insert_claims(conn, &missing, filing.id, None).await?;

    let mut password = None;
    let mut hash = filing.password_hash.clone();
    if hash.is_none() {
        if let Some((clear, hashed)) = &input.new_password {
            password = Some(clear.clone());
            hash = Some(hashed.clone());
        }
    }
    let subject = &next.filing.subject;
    let n = conn
        .execute(
            "UPDATE filings SET approved = $3, approved_request_id = $4, approved_on = $5, password_hash = $6, \
             filed_by = $7, subject_name = $8, subject_document_type = $9, subject_document_masked = $10, \
             updated_at = $11, filing_number = $12, version = version + 1 WHERE id = $1 AND version = $2",
            &[
                filing.id.into(),
                filing.version.into(),
                to_json(&next.filing)?.into(),
                request.id.into(),
                next.approved_on.map(|d| d.to_string()).into(),
                hash.into(),
                name_of(&next.filed_by).into(),
                subject.name.trim().into(),
                name_of(&subject.document_type).into(),
                mask_document(&subject.document_number).into(),
                input.now.into(),
                Some(subject.filing_number.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .or_else(|| filing.filing_number.clone())
                    .into(),
            ],
        )
        .await?;
    if n != 1 {
        return Err(WriteError::Retry);
    }
    Ok(password)
}

/// The type of the event that records a filing brought in (the flow has no
/// event for it: the filing arrives approved).
pub const IMPORT_EVENT: &str = "import";

/// A filing approved elsewhere, to bring in.
#[derive(Debug, Clone)]
pub struct ImportFiling {
    /// Who brings it in.
    pub actor: Actor,
    /// The filing, checked by [`crate::import::prepare`].
    pub imported: crate::import::Imported,
    /// Filed by the subject or by the provider.
    pub filed_by: FiledBy,
    /// The provider bringing it in.
    pub provider: String,
    /// The Argon2id hash of the filing password given, if any.
    pub password_hash: Option<String>,
    /// Unix milliseconds.
    pub now: i64,
}

/// Writes a filing approved elsewhere: approved, with its number and no
/// access of ours, after the registry's checks (1003, 1005, the number
/// held by another filing). It then takes every request an approved
/// filing takes (transfer of access, a website added, change, cancel).
pub async fn import_filing(
    conn: &mut Conn<'_>,
    input: &ImportFiling,
) -> Result<Outcome, WriteError> {
    let imported = &input.imported;
    let filing = &imported.filing;
    if let Some(other) = filing_with_number(conn, &imported.number).await? {
        return Ok(Outcome::Refused(vec![registry::number_taken(
            &imported.number,
            other,
        )]));
    }
    let claims = registry::claims_of(filing, 0);
    let (conflicts, _) = check_claims(conn, &claims, 0, None).await?;
    if service::has_error(&conflicts) {
        return Ok(Outcome::Refused(conflicts));
    }
    let subject = &filing.subject;
    let filing_id = conn
        .fetch_one(
            "INSERT INTO filings (provider, filed_by, subject_name, subject_document_type, subject_document_masked, \
             approved, approved_request_id, approved_on, password_hash, closed, filing_number, origin, \
             created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, 0, $8, $9, $10, $10, 0) RETURNING id",
            &[
                input.provider.trim().into(),
                name_of(&input.filed_by).into(),
                subject.name.trim().into(),
                name_of(&subject.document_type).into(),
                mask_document(&subject.document_number).into(),
                to_json(filing)?.into(),
                input.password_hash.clone().into(),
                imported.number.clone().into(),
                Origin::Elsewhere.name().into(),
                input.now.into(),
            ],
        )
        .await?
        .int("id")?;
    let mut state = FlowState::on_record(filing.clone(), input.filed_by, None);
    state.provider = Some(input.provider.trim().to_string()).filter(|p| !p.is_empty());
    state.last_website_number = imported.last_website_number;
    let request_id = insert_request(conn, filing_id, &state, input.now).await?;
    conn.execute(
        "UPDATE filings SET approved_request_id = $1 WHERE id = $2",
        &[request_id.into(), filing_id.into()],
    )
    .await?;
    // Keyed by the new id now (IPs are per filing; none without access).
    insert_claims(
        conn,
        &registry::claims_of(filing, filing_id),
        filing_id,
        None,
    )
    .await?;
    let record = serde_json::json!({"type": IMPORT_EVENT, "filingNumber": imported.number});
    conn.execute(
        "INSERT INTO events (request_id, type, actor_role, actor_provider, status_before, status_after, event, findings, at) \
         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8)",
        &[
            request_id.into(),
            IMPORT_EVENT.into(),
            name_of(&input.actor.role).into(),
            input.actor.provider_name().map(str::to_string).into(),
            state.status.name().into(),
            record.to_string().into(),
            to_json(&imported.findings)?.into(),
            input.now.into(),
        ],
    )
    .await?;
    note_filing(conn, filing_id, filing, &state).await?;
    Ok(Outcome::Done {
        filing_id,
        request_id,
        findings: imported.findings.clone(),
        password: None,
    })
}
