//! `POST /api/v1/site-check` and `beian site-check`: does a website's home
//! page show its filing number, linked to the MIIT filing site
//! ([`beian_site`])?

use axum::extract::State;
use axum::Json;
use beian_rules::{Finding, Severity};
use serde::{Deserialize, Serialize};

use axum::response::{IntoResponse, Response};

use crate::db::{Conn, Db, DbError};
use crate::http::body::Strict;
use crate::http::error::{ApiError, SCHEMA_ERROR_CODE};
use crate::http::public::{rate_limited, ClientAddr};
use crate::http::ApiState;
use crate::store;

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
    /// `ok` holds when no finding (the page's or the registry's) is an error.
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
    _caller: crate::auth::Caller,
    ClientAddr(client): ClientAddr,
    Strict(body): Strict<SiteCheckBody>,
) -> Result<Response, ApiError> {
    if body.url.len() > MAX_URL || body.number.as_ref().is_some_and(|n| n.len() > 256) {
        return Err(ApiError {
            status: axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            code: SCHEMA_ERROR_CODE,
            message: format!("url: at most {MAX_URL} bytes; number: at most 256"),
        });
    }
    // Each check fetches a page elsewhere: a client may not make many.
    if let Some(refused) = rate_limited(&state.site_check_limit, client, "site checks") {
        return Ok(refused);
    }
    let mut report = beian_site::check(&body.url, body.number.as_deref(), &state.site_check).await;
    // What the registry knows of the numbers shown (when there is one).
    if let (Some(db), Some(host)) = (&state.db, &report.host) {
        match registry_findings(db, host, &report.shown).await {
            Ok(found) => report.findings.extend(found),
            // The page's own findings stand; the registry's are left out.
            Err(e) => state
                .log
                .write(&format!("site-check: registry unavailable: {e}")),
        }
    }
    Ok(Json(SiteCheckResponse::from(report)).into_response())
}

/// The registry's findings on the numbers a page at `host` shows.
async fn registry_findings(
    db: &Db,
    host: &str,
    shown: &[beian_rules::filing_number::FilingNumber],
) -> Result<Vec<Finding>, DbError> {
    let mut reader = db.reader().await?;
    let mut conn = reader.conn();
    let mut out = Vec::new();
    for number in shown {
        if let Some(known) = known(&mut conn, &number.subject_number()).await? {
            out.extend(beian_site::registry::findings(host, number, &known));
        }
    }
    Ok(out)
}

/// What the registry knows of the filing with subject number `number`.
async fn known(
    conn: &mut Conn<'_>,
    number: &str,
) -> Result<Option<beian_site::registry::Known>, DbError> {
    let Some(id) = store::filing_with_number(conn, number).await? else {
        return Ok(None);
    };
    let Some(filing) = store::load_filing(conn, id).await? else {
        return Ok(None);
    };
    let websites = filing
        .approved
        .map(|f| {
            f.websites
                .into_iter()
                .map(|w| (w.filing_number, w.domains))
                .collect()
        })
        .unwrap_or_default();
    Ok(Some(beian_site::registry::Known {
        number: number.to_string(),
        closed: filing.closed,
        websites,
    }))
}
