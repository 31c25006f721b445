//! `POST /api/v1/filings`, `POST /api/v1/filings/import`, `GET
//! /api/v1/filings`, `GET /api/v1/filings/{id}`.

use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_flow::{FiledBy, Party, Status};
use serde::{Deserialize, Serialize};

use crate::auth::{self, Caller};
use crate::clock::now_millis;
use crate::db::{write_fn, DbError};
use crate::http::body::Strict;
use crate::http::error::{
    not_found, path_id, refused, ApiError, Failure, Refusal, SCHEMA_ERROR_CODE,
};
use crate::http::views::*;
use crate::http::{cpu, db_error, db_of, guard, today, ApiState};
use crate::mask::mask;
use crate::password;
use crate::registry::{self};
use crate::store::{self, ImportFiling, ListScope, NewFiling, Outcome};

/// The most filings one page of the list has.
pub const MAX_PAGE: i64 = 200;

// ----- POST /api/v1/filings --------------------------------------------------

/// The body of `POST /api/v1/filings`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewFilingBody {
    /// The filing, read by [`crate::http::error::strict_filing`].
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
    let filing = crate::http::error::strict_filing(body.filing.get(), "/filing")?;
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
    let prepared = match cpu(&state, move || crate::service::decide_create(input)).await? {
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
    let filing = crate::http::error::strict_filing(body.filing.get(), "/filing")?;
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
