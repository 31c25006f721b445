//! `GET /api/v1/requests/{id}`, `POST /api/v1/filings/{id}/requests`
//! (start a request) and `POST /api/v1/requests/{id}/events` (the flow's
//! events).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_flow::{Event, FilingKind};
use serde::Deserialize;
use serde_json::Value;

use crate::auth::{self, Caller};
use crate::clock::now_millis;
use crate::db::{write_fn, DbError};
use crate::http::body::Strict;
use crate::http::error::{not_found, path_id, refused, schema_error, ApiError, Failure};
use crate::http::views::*;
use crate::http::{db_error, db_of, filing_of_request, guard, today, ApiState};
use crate::password;
use crate::service;
use crate::store::{self, ApplyEvent, Outcome, StartRequest};

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
    // The server's date, whatever the client says.
    service::stamp_server_date(object, today);
    if let Some(filing) = object.get("filing") {
        // The edited filing's shape, as strictly as a new filing's.
        let raw =
            serde_json::value::to_raw_value(filing).map_err(|e| schema_error(e.to_string()))?;
        let edited = crate::http::error::strict_filing(raw.get(), "/event/filing")?;
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
            if approving && service::hands_out_password(kind, hash.is_some()) {
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
