//! `POST /api/v1/sessions`: a provider's panel opens a wizard session for
//! its customer ([`crate::auth`]).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_rules::DocumentType;
use serde::{Deserialize, Serialize};

use crate::auth::{
    insert_session, provider_only, secret, sha256_hex, Caller, NewSession, SESSION_LIFETIME,
    SESSION_PREFIX,
};
use crate::clock::{now_millis, rfc3339};
use crate::db::write_fn;
use crate::http::body::Strict;
use crate::http::error::{ApiError, Failure, Refusal, SCHEMA_ERROR_CODE};
use crate::http::{db_error, db_of, ApiState};
use crate::registry;

// ----- POST /api/v1/sessions ---------------------------------------------------

/// The body of `POST /api/v1/sessions`: the subject the wizard acts for.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionBody {
    /// The subject's document type.
    pub document_type: DocumentType,
    /// The subject's document number.
    pub document_number: String,
}

/// The answer of `POST /api/v1/sessions`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionResponse {
    /// `bs_<id>.<secret>`: give it to the wizard (`data-session-token`).
    pub token: String,
    /// When it stops working (RFC 3339, UTC).
    pub expires_at: String,
}

/// `POST /api/v1/sessions`: a provider's panel opens a wizard session for
/// its customer, the subject.
pub async fn open_session(
    State(state): State<ApiState>,
    caller: Caller,
    body: Result<Strict<SessionBody>, ApiError>,
) -> Result<Response, Failure> {
    let Caller::Provider {
        credential, name, ..
    } = caller
    else {
        return Err(Failure::Refused(Refusal::new(vec![provider_only(
            "open a wizard session",
        )])));
    };
    let Strict(body) = body?;
    if body.document_number.trim().is_empty() {
        return Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: SCHEMA_ERROR_CODE,
            message: "documentNumber: the subject's document number is empty".into(),
        }
        .into());
    }
    let db = db_of(&state)?;
    let subject = registry::subject_key(body.document_type, &body.document_number);
    let secret = secret();
    let hash = sha256_hex(&secret);
    let now = now_millis();
    let expires = now + SESSION_LIFETIME.as_millis() as i64;
    let id = db
        .write(write_fn(move |conn| {
            let session = NewSession {
                credential,
                provider: name.clone(),
                subject_key: subject.clone(),
                secret_hash: hash.clone(),
                now,
                expires_at: expires,
            };
            Box::pin(async move { insert_session(conn, &session).await })
        }))
        .await
        .map_err(|e| db_error(&state, e))?;
    let body = SessionResponse {
        token: format!("{SESSION_PREFIX}{id}.{secret}"),
        expires_at: rfc3339(expires),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
