//! The [`Caller`] extractor: who sends a request, from its
//! `Authorization: Bearer …` token ([`crate::auth`]); none or a wrong one is
//! a 401 with `WWW-Authenticate: Bearer`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::{
    credential_row, session_row, sha256_hex, split_token, Caller, CACHE_MILLIS, CREDENTIAL_PREFIX,
};
use crate::clock::now_millis;
use crate::http::error::ApiError;
use crate::http::{db_error, db_of, ApiState};
use crate::password;

/// Why a request carries no usable credential.
#[derive(Debug)]
pub enum AuthError {
    /// No token, or one that is wrong, revoked or expired: 401.
    Unauthorized(&'static str),
    /// No database, or it failed.
    Api(ApiError),
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        match self {
            AuthError::Unauthorized(message) => {
                let mut response = ApiError {
                    status: StatusCode::UNAUTHORIZED,
                    code: "unauthorized",
                    message: message.to_string(),
                }
                .into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer realm=\"beian\""),
                );
                response
            }
            AuthError::Api(e) => e.into_response(),
        }
    }
}

const NO_TOKEN: &str =
    "This route needs an API credential or a wizard session: send `Authorization: Bearer <token>`.";
const BAD_TOKEN: &str =
    "The Bearer token is not a valid credential or session (wrong, revoked or expired).";

/// Resolves `token` (without `Bearer `) to its caller: from the cache, or
/// from the database (then cached).
pub async fn resolve(state: &ApiState, token: &str) -> Result<Caller, AuthError> {
    let Some((prefix, id, secret)) = split_token(token) else {
        return Err(AuthError::Unauthorized(BAD_TOKEN));
    };
    let key = sha256_hex(token);
    let now = now_millis();
    if let Some(caller) = state.auth.get(&key, now) {
        return Ok(caller);
    }
    let db = db_of(state).map_err(AuthError::Api)?;
    let found = async {
        let mut reader = db.reader().await?;
        let mut conn = reader.conn();
        if prefix == CREDENTIAL_PREFIX {
            credential_row(&mut conn, id).await
        } else {
            session_row(&mut conn, id).await
        }
    }
    .await
    .map_err(|e| AuthError::Api(db_error(state, e)))?;
    let Some(row) = found else {
        return Err(AuthError::Unauthorized(BAD_TOKEN));
    };
    if row.revoked || row.expires_at.is_some_and(|t| t <= now) {
        return Err(AuthError::Unauthorized(BAD_TOKEN));
    }
    let ok = match prefix {
        CREDENTIAL_PREFIX => {
            password::verify_blocking(secret.to_string(), row.secret_hash.clone()).await
        }
        _ => sha256_hex(secret) == row.secret_hash,
    };
    if !ok {
        return Err(AuthError::Unauthorized(BAD_TOKEN));
    }
    let until = row
        .expires_at
        .map_or(now + CACHE_MILLIS, |t| t.min(now + CACHE_MILLIS));
    state.auth.put(key, row.caller.clone(), until);
    Ok(row.caller)
}

/// The Bearer token of a request, if any (`None`: no Authorization
/// header; `Some(Err)`: one that is not `Bearer …`).
fn bearer(parts: &Parts) -> Option<Result<&str, AuthError>> {
    let value = parts.headers.get(header::AUTHORIZATION)?;
    let text = value.to_str().unwrap_or("").trim();
    let token = text
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    Some(token.ok_or(AuthError::Unauthorized(NO_TOKEN)))
}

impl FromRequestParts<ApiState> for Caller {
    type Rejection = AuthError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, AuthError> {
        // Without a database no credential can be checked: say so first.
        db_of(state).map_err(AuthError::Api)?;
        match bearer(parts) {
            None => Err(AuthError::Unauthorized(NO_TOKEN)),
            Some(token) => resolve(state, token?).await,
        }
    }
}
