//! `GET /api/v1/public/lookup?q=…`: is it filed? (000 #42, 003 #20) — by
//! filing number, domain (or a home page address) or subject name, for
//! anyone, without credentials: only what the MIIT's public lookup shows
//! (numbers, subject name and type, website names and domains, approval
//! date), nothing personal, approved filings only, rate-limited per client
//! address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use beian_rules::filing_number::{self, Kind};
use beian_rules::{Date, SubjectType};
use serde::{Deserialize, Serialize};

use crate::db::{Conn, DbError};
use crate::http::error::{ApiError, SCHEMA_ERROR_CODE};
use crate::http::ApiState;
use crate::http::{db_error, db_of};
use crate::registry::ClaimKind;
use crate::store::{self, FilingRow};

/// The longest query.
pub const MAX_QUERY: usize = 256;
/// The most filings one answer lists (a subject name shared by many).
pub const MAX_RESULTS: i64 = 20;

/// The client's address, where the server knows it (`beian serve` puts it
/// on every request; in-process tests have none).
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

/// The query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicQuery {
    /// A filing number (`京ICP备12345678号`, `…号-1`), a domain or home page
    /// address, or a subject's name.
    pub q: String,
}

/// What the query was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LookupBy {
    /// A filing number.
    Number,
    /// A domain (its registrable domain).
    Domain,
    /// A subject's name, exactly.
    Subject,
}

/// A website as the public sees it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicWebsite {
    /// Its filing number (`…号-N`).
    pub filing_number: String,
    /// Its name.
    pub name: String,
    /// Its domains (Unicode).
    pub domains: Vec<String>,
}

/// A filing as the public sees it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicFiling {
    /// The subject's filing number.
    pub filing_number: String,
    /// The subject's name (主办单位名称).
    pub subject_name: String,
    /// The subject's type (主办单位性质).
    pub subject_type: SubjectType,
    /// The last approval.
    pub approved_on: Option<Date>,
    /// The websites.
    pub websites: Vec<PublicWebsite>,
}

/// The answer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicAnswer {
    /// The query, as given.
    pub query: String,
    /// What it was read as.
    pub by: LookupBy,
    /// The approved filings found (none: not filed, as far as this registry knows).
    pub filings: Vec<PublicFiling>,
}

/// What `q` is: a filing number (its subject's number), else a domain or
/// address (its registrable domain, IDNA ASCII), else a name.
///
/// ```
/// use beian_server::http::public::{classify, LookupBy};
/// assert_eq!(classify("京ICP备12345678号-2"), (LookupBy::Number, "京ICP备12345678号".into()));
/// assert_eq!(classify("https://WWW.例子.中国/about"), (LookupBy::Domain, "xn--fsqu00a.xn--fiqs8s".into()));
/// assert_eq!(classify(" 杭州某某科技有限公司 "), (LookupBy::Subject, "杭州某某科技有限公司".into()));
/// ```
pub fn classify(q: &str) -> (LookupBy, String) {
    let q = q.trim();
    if let Ok(n) = filing_number::validate(q) {
        if n.kind() == Kind::Filing {
            return (LookupBy::Number, n.subject_number());
        }
    }
    let host = q.split_once("://").map_or(q, |(_, rest)| rest);
    let host = host.split(['/', '?', '#']).next().unwrap_or(host);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    if host.contains('.') {
        if let Some(ascii) = beian_rules::domain::registrable_domain(host)
            .and_then(|r| beian_rules::domain::to_ascii(&r).ok())
        {
            return (LookupBy::Domain, ascii.to_ascii_lowercase());
        }
    }
    (LookupBy::Subject, q.to_string())
}

fn public_filing(f: &FilingRow) -> Option<PublicFiling> {
    let approved = f.approved.as_ref()?;
    Some(PublicFiling {
        filing_number: f.filing_number.clone().unwrap_or_default(),
        subject_name: approved.subject.name.trim().to_string(),
        subject_type: approved.subject.subject_type,
        approved_on: f.approved_on,
        websites: approved
            .websites
            .iter()
            .map(|w| PublicWebsite {
                filing_number: w.filing_number.clone(),
                name: w.name.trim().to_string(),
                domains: w
                    .domains
                    .iter()
                    .map(|d| beian_rules::domain::to_unicode(d.trim()))
                    .collect(),
            })
            .collect(),
    })
}

async fn find(conn: &mut Conn<'_>, by: LookupBy, key: &str) -> Result<Vec<FilingRow>, DbError> {
    let ids: Vec<i64> = match by {
        LookupBy::Number => store::filing_with_number(conn, key)
            .await?
            .into_iter()
            .collect(),
        LookupBy::Domain => store::holder_of(conn, ClaimKind::Domain, key)
            .await?
            .filter(|(h, _)| h.request_id.is_none())
            .map(|(h, _)| h.filing_id)
            .into_iter()
            .collect(),
        LookupBy::Subject => store::filings_named(conn, key, MAX_RESULTS).await?,
    };
    let mut out = Vec::new();
    for id in ids {
        if let Some(f) = store::load_filing(conn, id).await? {
            if !f.closed && f.approved.is_some() {
                out.push(f);
            }
        }
    }
    Ok(out)
}

/// The query of `GET /api/v1/providers`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvidersQuery {
    /// Part of the name (two or three characters are enough, 000 #58).
    #[serde(default)]
    pub q: String,
}

/// The answer of `GET /api/v1/providers`.
#[derive(Debug, Serialize)]
pub struct ProvidersAnswer {
    /// A directory is loaded (`beian serve --providers FILE`).
    pub loaded: bool,
    /// The providers found, at most 20.
    pub providers: Vec<crate::providers::Provider>,
}

/// `GET /api/v1/providers?q=…`: the access providers whose name contains
/// `q`, for the wizard's provider field (public data: company names and
/// licences).
pub async fn providers(
    State(state): State<ApiState>,
    query: Result<Query<ProvidersQuery>, QueryRejection>,
) -> Result<Json<ProvidersAnswer>, ApiError> {
    let Query(query) = query.map_err(|r| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: SCHEMA_ERROR_CODE,
        message: r.body_text(),
    })?;
    if query.q.len() > MAX_QUERY {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: SCHEMA_ERROR_CODE,
            message: format!("q: at most {MAX_QUERY} bytes"),
        });
    }
    Ok(Json(match &state.providers {
        None => ProvidersAnswer {
            loaded: false,
            providers: Vec::new(),
        },
        Some(d) => ProvidersAnswer {
            loaded: true,
            providers: d.search(&query.q, 20).into_iter().cloned().collect(),
        },
    }))
}

/// Takes a token of `client`'s bucket: `None`, or the 429 answer (with
/// `Retry-After`) when the address has made too many `what` (an unknown
/// address shares one bucket).
pub fn rate_limited(
    limit: &crate::ratelimit::RateLimit,
    client: Option<IpAddr>,
    what: &str,
) -> Option<Response> {
    let client = client.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let wait = limit.take(client, Instant::now()).err()?.as_secs().max(1);
    let mut r = ApiError {
        status: StatusCode::TOO_MANY_REQUESTS,
        code: "rate_limited",
        message: format!("Too many {what} from this address; try again in {wait} s."),
    }
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    Some(r)
}

/// `GET /api/v1/public/lookup?q=…`.
pub async fn public_lookup(
    State(state): State<ApiState>,
    ClientAddr(client): ClientAddr,
    query: Result<Query<PublicQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    if let Some(refused) = rate_limited(&state.public_limit, client, "look-ups") {
        return Ok(refused);
    }
    let Query(query) = query.map_err(|r| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: SCHEMA_ERROR_CODE,
        message: r.body_text(),
    })?;
    if query.q.trim().is_empty() || query.q.len() > MAX_QUERY {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: SCHEMA_ERROR_CODE,
            message: format!(
                "q: a filing number, domain or subject name of 1 to {MAX_QUERY} bytes"
            ),
        });
    }
    let db = db_of(&state)?;
    let (by, key) = classify(&query.q);
    let rows = async {
        let mut reader = db.reader().await?;
        find(&mut reader.conn(), by, &key).await
    }
    .await
    .map_err(|e| db_error(&state, e))?;
    Ok(Json(PublicAnswer {
        query: query.q,
        by,
        filings: rows.iter().filter_map(public_filing).collect(),
    })
    .into_response())
}
