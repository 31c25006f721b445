//! `POST /api/v1/site-check` and `beian site-check`: does a website's home
//! page show its filing number, linked to the MIIT filing site
//! ([`beian_site`])?

use axum::extract::State;
use axum::Json;
use beian_rules::{Finding, Severity};
use serde::{Deserialize, Serialize};

use crate::api::{ApiError, ApiState, SCHEMA_ERROR_CODE};
use crate::body::Strict;

/// The longest address accepted.
pub const MAX_URL: usize = 2048;

/// The body of `POST /api/v1/site-check`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SiteCheckBody {
    /// The home page: `https://www.example.com/` (`http://` when no scheme).
    pub url: String,
    /// The website's approved filing number, if known.
    #[serde(default)]
    pub number: Option<String>,
}

/// The answer: the page checked (after redirects) and what is wrong.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCheckResponse {
    /// The address checked after redirects, or `null` when it was not fetched.
    pub url: Option<String>,
    /// True when no finding is an error.
    pub ok: bool,
    /// The findings (`site.*`, and the number's own).
    pub findings: Vec<Finding>,
}

impl From<beian_site::Report> for SiteCheckResponse {
    fn from(report: beian_site::Report) -> Self {
        SiteCheckResponse {
            url: report.url,
            ok: !report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error),
            findings: report.findings,
        }
    }
}

/// `POST /api/v1/site-check`.
pub async fn site_check(
    State(state): State<ApiState>,
    Strict(body): Strict<SiteCheckBody>,
) -> Result<Json<SiteCheckResponse>, ApiError> {
    if body.url.len() > MAX_URL || body.number.as_ref().is_some_and(|n| n.len() > 256) {
        return Err(ApiError {
            status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            code: SCHEMA_ERROR_CODE,
            message: format!("url: at most {MAX_URL} bytes; number: at most 256"),
        });
    }
    let report = beian_site::check(&body.url, body.number.as_deref(), &state.site_check).await;
    Ok(Json(report.into()))
}
