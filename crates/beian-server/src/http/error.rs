//! The API's errors: [`ApiError`] (`{"error": {"code", "message"}}`),
//! [`Refusal`] (refused by findings) and the HTTP status a refusal gets
//! ([`refusal_status`]: chosen here, not by the store).

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_rules::{summarise, Filing, Finding, Severity, FINDINGS_PER_RULE};
use serde::Serialize;

/// The MIIT return code for data that does not match the interface schema.
pub const SCHEMA_ERROR_CODE: &str = "5001";

/// An API error, answered as `{"error": {"code": ..., "message": ...}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status (always 4xx for the client's mistakes).
    pub status: StatusCode,
    /// A stable code: `"5001"` for input that does not match the schema,
    /// `"not_found"`, `"method_not_allowed"`, `"timeout"`, `"no_database"`,
    /// `"database"`, `"unauthorized"` (401, [`crate::auth`]).
    pub code: &'static str,
    /// What is wrong, in English.
    pub message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: &self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

impl ApiError {
    /// The error for a body that could not be read as JSON of the right shape.
    pub fn from_json_rejection(rejection: JsonRejection, limit: usize) -> Self {
        let status = rejection.status();
        let message = match &rejection {
            _ if status == StatusCode::PAYLOAD_TOO_LARGE => {
                format!("The request body is larger than the limit of {limit} bytes.")
            }
            JsonRejection::MissingJsonContentType(_) => {
                "Send the filing with `Content-Type: application/json`.".to_string()
            }
            _ => rejection.body_text(),
        };
        // Any other failure to read the body is still the client's input.
        let status = if status.is_client_error() {
            status
        } else {
            StatusCode::BAD_REQUEST
        };
        ApiError {
            status,
            code: SCHEMA_ERROR_CODE,
            message,
        }
    }
}

/// Reads a filing with its shape checked by [`Filing::from_json`]: an
/// array or a number where an object or a text is expected, an unknown or
/// a repeated key is a 422 with code 5001 whose message starts with the
/// JSON pointer of the value at fault (`prefix` is where the filing sits in
/// the body, e.g. `/filing`), never a serde error string.
pub fn strict_filing(json: &str, prefix: &str) -> Result<Filing, ApiError> {
    Filing::from_json(json).map_err(|e| {
        let path = format!("{prefix}{}", e.path);
        let message = if path.is_empty() {
            e.message.en
        } else {
            format!("{path}: {}", e.message.en)
        };
        ApiError {
            // Text that is not JSON (a lone surrogate escape) is a 400,
            // JSON of the wrong shape a 422, as for the other routes.
            status: if e.syntax {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
            code: SCHEMA_ERROR_CODE,
            message,
        }
    })
}

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
        let status = refusal_status(&findings);
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

/// A refusal by one finding.
pub(crate) fn refused(finding: Finding) -> Failure {
    Failure::Refused(Refusal::new(vec![finding]))
}

pub(crate) fn not_found(message: &str) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: message.to_string(),
    }
}

/// The HTTP status of a refusal by `findings`, from the worst of the
/// errors: 404 (1016: no such filing or request), 403 (1048, a role, a
/// province, a subject or a filing password the caller lacks), 409 (the
/// registry or the request's state stands in the way) or 422 (the data
/// breaks a rule).
pub fn refusal_status(findings: &[Finding]) -> StatusCode {
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let code = |c: &str| errors.iter().any(|f| f.code.as_deref() == Some(c));
    let rule = |r: &str| errors.iter().any(|f| f.rule == r);
    if code("1016") {
        StatusCode::NOT_FOUND
    } else if code("1048")
        || errors.iter().any(|f| f.rule.starts_with("auth."))
        || rule("registry.actor_role")
        || rule("flow.not_editor")
        || rule("registry.filing_password_wrong")
    {
        StatusCode::FORBIDDEN
    } else if ["1003", "1005", "1039", "1040", "1029", "1051"]
        .iter()
        .any(|c| code(c))
        || rule("registry.stale_version")
        || rule("registry.superseded")
        || rule("registry.filing_number_taken")
        || rule("flow.event_not_allowed")
        || rule("flow.filing_revoked")
        || rule("flow.subject_cancelled")
        || rule("documents.request_closed")
    {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;

    #[test]
    fn the_status_of_a_refusal_is_its_worst_error() {
        let missing = registry::request_missing(3);
        let wrong_password = registry::wrong_filing_password();
        let stale = registry::stale_version(1, 2);
        assert_eq!(
            refusal_status(std::slice::from_ref(&missing)),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            refusal_status(std::slice::from_ref(&wrong_password)),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            refusal_status(std::slice::from_ref(&stale)),
            StatusCode::CONFLICT
        );
        // 404 before 403 before 409.
        assert_eq!(
            refusal_status(&[stale.clone(), wrong_password, missing]),
            StatusCode::NOT_FOUND
        );
        // Anything else, the rules' own findings: 422.
        assert_eq!(refusal_status(&[]), StatusCode::UNPROCESSABLE_ENTITY);
        let mut warning = stale;
        warning.severity = Severity::Warning;
        assert_eq!(refusal_status(&[warning]), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
