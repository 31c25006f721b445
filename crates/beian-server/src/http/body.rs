//! One strict reader for every request body (issue 16): the rules crate's
//! JSON reader ([`beian_rules::json`]), which refuses a key twice in one
//! object, then a refusal of control characters in any key or text, then
//! serde into the route's type. So `{"type": "provider_return", "type":
//! "provider_verify"}` is refused on the events route as on `/check`, and
//! no U+0000 reaches a database (PostgreSQL stores none).
//!
//! Every refusal is an [`ApiError`] with code 5001: 415 without
//! `Content-Type: application/json`, 413 past the body limit, 400 for bytes
//! that are not UTF-8 or text that is not JSON, 422 for JSON of the wrong
//! shape (a repeated key, a control character, not an object, wrong types,
//! unknown fields), the message starting with the JSON pointer at fault.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use beian_rules::json::{self, Json};
use serde::de::DeserializeOwned;

use crate::http::error::{ApiError, SCHEMA_ERROR_CODE};
use crate::http::ApiState;

/// A request body as UTF-8 text, with its content type and size checked.
#[derive(Debug, Clone)]
pub struct JsonText(pub String);

/// A request body read strictly into `T` (see the module docs).
#[derive(Debug, Clone)]
pub struct Strict<T>(pub T);

fn error(status: StatusCode, message: impl Into<String>) -> ApiError {
    ApiError {
        status,
        code: SCHEMA_ERROR_CODE,
        message: message.into(),
    }
}

/// `application/json` or `application/…+json`, as axum's `Json` accepts.
fn is_json(req: &Request) -> bool {
    let Some(value) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl FromRequest<ApiState> for JsonText {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &ApiState) -> Result<Self, ApiError> {
        if !is_json(&req) {
            return Err(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send the body with `Content-Type: application/json`.",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "The request body is larger than the limit of {} bytes.",
                        state.body_limit
                    ),
                )
            } else {
                error(StatusCode::BAD_REQUEST, r.body_text())
            }
        })?;
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Ok(JsonText(text)),
            Err(e) => Err(error(
                StatusCode::BAD_REQUEST,
                format!(
                    "The body is not UTF-8 (at byte {}).",
                    e.utf8_error().valid_up_to()
                ),
            )),
        }
    }
}

/// Reads `text` strictly into `T`: the rules crate's JSON reader (no key
/// twice), no control character in any key or text, an object, then serde.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let tree = json::parse(text).map_err(|e| match &e.duplicate {
        Some(path) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{path}: this key appears twice in the same object: the data is ambiguous."),
        ),
        None => error(StatusCode::BAD_REQUEST, format!("Not valid JSON: {e}.")),
    })?;
    if let Some((path, c)) = json::find_control(&tree) {
        return Err(control(&path, c));
    }
    if !matches!(tree, Json::Object(_)) {
        let (_, found) = tree.kind();
        return Err(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("The body must be a JSON object, not {found}."),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("The body does not fit: {e}."),
        )
    })
}

/// The refusal of a control character at `path` (a JSON pointer, or a
/// query parameter's name).
pub fn control(path: &str, c: char) -> ApiError {
    let at = if path.is_empty() { "the body" } else { path };
    error(
        StatusCode::UNPROCESSABLE_ENTITY,
        format!(
            "{at}: the text holds the control character U+{:04X} (only tab and line breaks are allowed).",
            u32::from(c)
        ),
    )
}

impl<T: DeserializeOwned + Send + 'static> FromRequest<ApiState> for Strict<T> {
    type Rejection = ApiError;

    /// Reads on the blocking pool ([`crate::http::cpu`]): a large body is
    /// work, and the async workers stay free for other requests.
    async fn from_request(req: Request, state: &ApiState) -> Result<Self, ApiError> {
        let JsonText(text) = JsonText::from_request(req, state).await?;
        crate::http::cpu(state, move || read(&text).map(Strict)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        #[allow(dead_code)]
        r#type: String,
    }

    #[test]
    fn repeated_keys_controls_and_shapes() {
        let e = read::<Body>(r#"{"type":"provider_return","type":"provider_verify"}"#).unwrap_err();
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.message.starts_with("/type: "), "{}", e.message);
        let e = read::<Body>(r#"{"type":"a\u0000b"}"#).unwrap_err();
        assert!(e.message.starts_with("/type: "), "{}", e.message);
        assert!(e.message.contains("U+0000"), "{}", e.message);
        assert_eq!(
            read::<Body>("[]").unwrap_err().status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            read::<Body>("{").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            read::<Body>(r#"{"typ": ""}"#).unwrap_err().status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert!(read::<Body>(r#"{"type": "line\nbreak"}"#).is_ok());
    }
}
