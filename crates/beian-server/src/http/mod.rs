//! The HTTP layer: the router, the errors, the extractors and one module
//! per resource; the static files and the server loop. It decides only
//! what is HTTP (statuses, bodies, headers): who may act is decided by
//! [`crate::auth`], the registry's checks by [`crate::registry`], the
//! writes by [`crate::store`], which never imports this module.
//!
//! | route | module | what |
//! |---|---|---|
//! | `GET /api/v1/health` | here | `{"status":"ok"}` (503 when the database does not answer) |
//! | `GET /api/v1/openapi.json` | here | the OpenAPI 3 document of this API |
//! | `POST /api/v1/check` | [`check`] | body: a JSON [`beian_rules::Filing`]; answer: `{"findings": [...]}`, exactly [`beian_rules::check_with`] with today's date (UTC+8) |
//! | `POST /api/v1/filings`, `POST /api/v1/filings/import` | [`filings`] | submit a new filing (or save a draft); bring in one approved elsewhere |
//! | `GET /api/v1/filings`, `GET /api/v1/filings/{id}` | [`filings`] | list filings, newest first; a filing with its approved data and requests |
//! | `POST /api/v1/filings/{id}/requests` | [`requests`] | start a request on an approved filing |
//! | `GET /api/v1/requests/{id}` | [`requests`] | a request with its flow state, next steps and history |
//! | `POST /api/v1/requests/{id}/events` | [`requests`] | apply an event of the flow |
//! | `POST /api/v1/registry/lookup` | [`lookup`] | are these domains or subjects already filed? |
//! | `GET /api/v1/public/lookup`, `GET /api/v1/providers` | [`public`] | is it filed? (public fields only, rate-limited); the providers' directory |
//! | `POST /api/v1/site-check` | [`site_check`] | does a home page show its filing number, linked to the MIIT filing site? ([`beian_site`]) |
//! | `POST /api/v1/sessions` | [`sessions`] | a provider's panel opens a wizard session for its customer ([`crate::auth`]) |
//! | `POST/GET /api/v1/requests/{id}/documents`, `GET/DELETE /api/v1/documents/{id}` | [`documents`] | the scans of a request's documents |
//! | `/pkg/*` | here | the npm package directory (`--pkg`) |
//! | everything else | here | the built wizard (`--dist`), `index.html` for unknown paths |
//!
//! Every route but those of [`ANONYMOUS_ROUTES`] needs `Authorization:
//! Bearer <token>`: a credential or a wizard session, read by the
//! [`crate::auth::Caller`] extractor ([`extract`]); none or a wrong one is
//! a 401 (`unauthorized`, `WWW-Authenticate: Bearer`), a role, provider,
//! province or subject the filing is not for a 403 with the finding.
//! Shared by the resources: [`error`] ([`ApiError`], [`Refusal`] and
//! [`error::refusal_status`], the HTTP status of a refusal), [`views`]
//! (the JSON of filings and requests), `guard` (who may act on a filing)
//! and `db_of`; [`log`] is the request log, [`server`] the connection
//! loop.
//! [`ROUTES`] is the table the router is built from; `openapi.json` (in the
//! crate, served as is) describes exactly these routes (a test holds both
//! to each other).
//!
//! Bad input to the API is a 4xx with a JSON body
//! `{"error": {"code": "5001", "message": "..."}}` (5001: the data does not
//! match the interface schema, as the MIIT system says it): 400 for bad JSON,
//! invalid UTF-8 or a bad path or query, 422 for wrong types, unknown or
//! misspelt fields, 415 for a missing `Content-Type: application/json`, 413
//! past the body limit, 408 past the request timeout. Unknown API paths give
//! 404 (`not_found`) and wrong methods 405 (`method_not_allowed`), in the
//! same shape. A request refused by the rules, the flow or the registry is
//! `{"error": {...}, "findings": [...]}`: 404 (1016), 403 (1048, wrong
//! role, wrong filing password), 409 (registry conflicts, the request's
//! state) or 422 (rules).
//!
//! Every body is read by one strict reader ([`body`]: no key twice,
//! no control character); a path or query string with a control character
//! is a 400 (5001) before any route. The rules and the flow run off the
//! async workers ([`cpu`]), on filings bounded by [`beian_rules::limits`],
//! and answers list at most [`beian_rules::FINDINGS_PER_RULE`] findings of
//! one rule ([`beian_rules::summarise`]).
//!
//! The log is one JSON object per line ([`RequestLog`]): each request as
//! `{"time", "method", "path", "status", "ms"}` (no query string, never a
//! body), each write as one more `{"time", "message"}`; every path and
//! message is masked ([`crate::mask`]: no ID or phone number in clear,
//! however it is spaced), and JSON escapes every control character, so no
//! client text can start a line of its own.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{delete, get, post, MethodRouter};
use axum::{Json, Router};
use beian_rules::{Date, Finding};
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeFile;
use tower_http::timeout::TimeoutLayer;

use self::error::refused;
use crate::auth::FilingScope;
use crate::clock::Clock;
use crate::db::{Db, DbError};
use crate::mask::mask;
use crate::password::HashCost;
use crate::store;
use crate::{assets, security};

pub mod body;
pub mod check;
pub mod documents;
pub mod error;
pub mod extract;
pub mod filings;
pub mod log;
pub mod lookup;
pub mod public;
pub mod requests;
pub mod server;
pub mod sessions;
pub mod site_check;
pub mod views;

pub use self::check::CheckResponse;
pub use self::error::{ApiError, Failure, Refusal, SCHEMA_ERROR_CODE};
pub use self::log::RequestLog;
pub use self::server::{
    serve, serve_with, shutdown_signal, ServeOptions, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CLIENTS,
};

/// The default limit of the time to answer a request: 30 seconds.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The OpenAPI 3 document of the API, served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// Every API route: (method, path as in the OpenAPI document). The router
/// is built from this table.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/openapi.json"),
    ("POST", "/api/v1/check"),
    ("POST", "/api/v1/filings"),
    ("POST", "/api/v1/filings/import"),
    ("GET", "/api/v1/filings"),
    ("GET", "/api/v1/filings/{id}"),
    ("POST", "/api/v1/filings/{id}/requests"),
    ("GET", "/api/v1/requests/{id}"),
    ("POST", "/api/v1/requests/{id}/events"),
    ("POST", "/api/v1/registry/lookup"),
    ("GET", "/api/v1/public/lookup"),
    ("GET", "/api/v1/providers"),
    ("POST", "/api/v1/site-check"),
    ("POST", "/api/v1/sessions"),
    ("POST", "/api/v1/requests/{id}/documents"),
    ("GET", "/api/v1/requests/{id}/documents"),
    ("GET", "/api/v1/documents/{id}"),
    ("DELETE", "/api/v1/documents/{id}"),
];

/// The API routes that answer without a credential: everything else
/// needs `Authorization: Bearer …` ([`crate::auth`]).
pub const ANONYMOUS_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/openapi.json"),
    ("POST", "/api/v1/check"),
    ("GET", "/api/v1/public/lookup"),
    ("GET", "/api/v1/providers"),
];

/// The default limit of a request body: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;

/// Settings of the [`router`].
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The built wizard (`trunk build --release` output), served at `/`.
    pub dist: PathBuf,
    /// The npm package directory, served at `/pkg/`.
    pub pkg: PathBuf,
    /// Where today's date comes from.
    pub clock: Clock,
    /// The largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Where the request log goes.
    pub log: RequestLog,
    /// The registry's database; without one only the check API works (the
    /// other routes answer 503).
    pub db: Option<Db>,
    /// Origins of the embedding panel allowed to call the API from a
    /// browser (CORS) and to frame the wizard; none: same origin only.
    pub cors_origins: Vec<String>,
    /// The longest time to answer a request (then 408).
    pub request_timeout: Duration,
    /// The cost of new filing password hashes.
    pub hash_cost: HashCost,
    /// The limits of the site check's fetches (private addresses refused
    /// unless allowed, for tests).
    pub site_check: beian_site::FetchOptions,
    /// The public lookup's rate per client address: requests a minute
    /// (and as many at once).
    pub public_lookups_per_minute: u32,
    /// Site checks (each fetches a page elsewhere) per client address a
    /// minute (and at once).
    pub site_checks_per_minute: u32,
    /// The access providers' directory (`--providers FILE`), if any.
    pub providers: Option<Arc<crate::providers::Directory>>,
}

impl Default for AppConfig {
    /// `dist`, `pkg`, the system clock in UTC+8, 1 MiB, log to stderr, no
    /// database, no CORS, 30 s, standard Argon2id.
    fn default() -> Self {
        AppConfig {
            dist: PathBuf::from("dist"),
            pkg: PathBuf::from("pkg"),
            clock: Clock::SystemUtc8,
            body_limit: DEFAULT_BODY_LIMIT,
            log: RequestLog::Stderr,
            db: None,
            cors_origins: Vec::new(),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            hash_cost: HashCost::Standard,
            site_check: beian_site::FetchOptions::default(),
            public_lookups_per_minute: 60,
            site_checks_per_minute: 10,
            providers: None,
        }
    }
}

/// What the API handlers share.
#[derive(Clone)]
pub struct ApiState {
    /// Where today's date comes from.
    pub clock: Clock,
    /// The body limit (for messages).
    pub body_limit: usize,
    /// The registry's database.
    pub db: Option<Db>,
    /// The log (lines are masked before they are written).
    pub log: RequestLog,
    /// The cost of new password hashes.
    pub hash_cost: HashCost,
    /// The limits of the site check's fetches.
    pub site_check: beian_site::FetchOptions,
    /// Permits to run CPU-heavy work (the rules, the flow): one per core.
    pub cpu: Arc<Semaphore>,
    /// The public lookup's requests per client address.
    pub public_limit: Arc<crate::ratelimit::RateLimit>,
    /// The site checks per client address.
    pub site_check_limit: Arc<crate::ratelimit::RateLimit>,
    /// The access providers' directory, when the deployer loaded one.
    pub providers: Option<Arc<crate::providers::Directory>>,
    /// The tokens verified lately ([`crate::auth`]).
    pub auth: Arc<crate::auth::Cache>,
}

/// Runs CPU-heavy work (the rules and the flow on a filing) on the blocking
/// pool, at most one piece per core at a time, so that the async workers
/// stay free for other requests (`/health` answers while checks run). A
/// request that times out or whose client hangs up while it waits for a
/// permit never runs; one that runs is bounded by the limits of a filing
/// ([`beian_rules::limits`]: a few milliseconds), and its answer is
/// dropped.
pub async fn cpu<T: Send + 'static>(
    state: &ApiState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let busy = || ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        code: "busy",
        message: "The server is shutting down; try again.".into(),
    };
    let permit = state
        .cpu
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| busy())?;
    tokio::task::spawn_blocking(move || {
        let out = work();
        drop(permit);
        out
    })
    .await
    .map_err(|_| busy())
}

/// The handler of one row of [`ROUTES`].
fn route_handler(method: &str, path: &str) -> MethodRouter<ApiState> {
    match (method, path) {
        ("GET", "/api/v1/health") => get(health),
        ("GET", "/api/v1/openapi.json") => get(openapi),
        ("POST", "/api/v1/check") => post(check::check),
        ("POST", "/api/v1/filings") => post(filings::create_filing),
        ("POST", "/api/v1/filings/import") => post(filings::import_filing),
        ("GET", "/api/v1/filings") => get(filings::list_filings),
        ("GET", "/api/v1/filings/{id}") => get(filings::read_filing),
        ("POST", "/api/v1/filings/{id}/requests") => post(requests::start_request),
        ("GET", "/api/v1/requests/{id}") => get(requests::read_request),
        ("POST", "/api/v1/requests/{id}/events") => post(requests::apply_event),
        ("POST", "/api/v1/registry/lookup") => post(lookup::lookup),
        ("GET", "/api/v1/public/lookup") => get(public::public_lookup),
        ("GET", "/api/v1/providers") => get(public::providers),
        ("POST", "/api/v1/site-check") => post(site_check::site_check),
        ("POST", "/api/v1/sessions") => post(sessions::open_session),
        ("POST", "/api/v1/requests/{id}/documents") => {
            post(documents::upload).layer(DefaultBodyLimit::max(documents::BODY_LIMIT))
        }
        ("GET", "/api/v1/requests/{id}/documents") => get(documents::list),
        ("GET", "/api/v1/documents/{id}") => get(documents::read),
        ("DELETE", "/api/v1/documents/{id}") => delete(documents::remove),
        // A row without a handler answers 405 to every method: the route
        // coverage test fails on it.
        _ => MethodRouter::new(),
    }
}

/// Builds the whole application: API, static files, request log, security
/// headers, CORS and the request timeout.
pub fn router(config: AppConfig) -> Router {
    let state = ApiState {
        clock: config.clock,
        body_limit: config.body_limit,
        db: config.db,
        log: config.log.clone(),
        hash_cost: config.hash_cost,
        site_check: config.site_check,
        public_limit: Arc::new(crate::ratelimit::RateLimit::new(
            config.public_lookups_per_minute,
            config.public_lookups_per_minute,
        )),
        site_check_limit: Arc::new(crate::ratelimit::RateLimit::new(
            config.site_checks_per_minute,
            config.site_checks_per_minute,
        )),
        providers: config.providers,
        auth: crate::auth::cache(),
        cpu: Arc::new(Semaphore::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
    };
    let mut api = Router::new();
    for (method, path) in ROUTES {
        let inner = path.strip_prefix("/api").unwrap_or(path);
        api = api.route(inner, route_handler(method, path));
    }
    let mut api = api
        .fallback(api_not_found)
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .with_state(state);
    let dist = Arc::new(config.dist);
    let mut files = Router::new()
        .nest_service("/pkg", assets::serve_dir(&config.pkg))
        .fallback(move |req: Request| wizard(dist.clone(), req));
    if !config.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = config
            .cors_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o.trim()).ok())
            .collect();
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins.clone()))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
                .max_age(Duration::from_secs(600)),
        );
        // The static files too: a panel on such an origin loads the
        // custom element's loader, the wizard's module and .wasm (module
        // scripts and `fetch` are CORS requests across origins) and the
        // npm package (issue 17). Reading only.
        files = files.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::HEAD])
                .max_age(Duration::from_secs(600)),
        );
    }
    let log = config.log;
    let frames = Arc::new(config.cors_origins);
    Router::new()
        .nest("/api", api)
        .merge(files)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(middleware::from_fn(no_controls))
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let frames = frames.clone();
            async move {
                let path = req.uri().path().to_string();
                let response = next.run(req).await;
                security::add_headers(&path, response, &frames).await
            }
        }))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let log = log.clone();
            async move {
                let started = Instant::now();
                let method = req.method().clone();
                let path = req.uri().path().to_string();
                let response = next.run(req).await;
                log.request(
                    method.as_str(),
                    &path,
                    response.status().as_u16(),
                    started.elapsed(),
                );
                response
            }
        }))
}

/// The bytes of a percent-encoded URL part (`+` stays: it is a space only
/// in form bodies, and a space is no control character either way).
fn percent_decoded(part: &str) -> Vec<u8> {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// API paths and query strings with a control character (`%00`, `%0A` …:
/// Unicode's category Cc, tab and line breaks included) are refused with
/// 5001 before any route sees them: no such text reaches a database or a
/// log.
async fn no_controls(req: Request, next: Next) -> Response {
    let uri = req.uri();
    if uri.path().starts_with("/api/") {
        for (what, part) in [("path", Some(uri.path())), ("query", uri.query())] {
            let Some(part) = part else { continue };
            let decoded = percent_decoded(part);
            let text = String::from_utf8_lossy(&decoded);
            // Not even tab or a line break: no name or id in a URL has one.
            if let Some(c) = text.chars().find(|c| c.is_control()) {
                return ApiError {
                    status: StatusCode::BAD_REQUEST,
                    code: SCHEMA_ERROR_CODE,
                    message: format!(
                        "The {what} holds the control character U+{:04X}.",
                        u32::from(c)
                    ),
                }
                .into_response();
            }
        }
    }
    next.run(req).await
}

/// API errors that a layer answered without a body (a timeout, a limit)
/// get the API's JSON error body.
async fn json_errors(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (code, message) = match status {
        StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            "The request took too long and was stopped.".to_string(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            SCHEMA_ERROR_CODE,
            "The request body is too large.".to_string(),
        ),
        s => (
            "http",
            format!("{} {}", s.as_u16(), s.canonical_reason().unwrap_or("error")),
        ),
    };
    ApiError {
        status,
        code,
        message,
    }
    .into_response()
}

async fn health(State(state): State<ApiState>) -> Response {
    if let Some(db) = &state.db {
        let alive = async {
            let mut reader = db.reader().await?;
            reader.conn().fetch_one("SELECT 1 AS one", &[]).await
        }
        .await;
        if let Err(e) = alive {
            state.log.write(&mask(&format!("health: {e}")));
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable" })),
            )
                .into_response();
        }
    }
    Json(serde_json::json!({ "status": "ok" })).into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn api_not_found(req: Request) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: format!("No API route {}.", req.uri().path()),
    }
}

async fn api_method_not_allowed(req: Request) -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: format!("{} is not allowed on {}.", req.method(), req.uri().path()),
    }
}

/// Serves the built wizard, or a page saying how to build it.
async fn wizard(dist: Arc<PathBuf>, req: Request) -> Response {
    let index = dist.join("index.html");
    let built = tokio::fs::metadata(&index)
        .await
        .map(|m| m.is_file())
        .unwrap_or(false);
    if !built {
        return wizard_not_built(&dist);
    }
    let mut req = req;
    if assets::is_page(req.uri().path()) {
        // Sent whole: the CSP's script hashes need the body (assets::is_page).
        req.headers_mut().remove(header::IF_MODIFIED_SINCE);
        req.headers_mut().remove(header::IF_NONE_MATCH);
    }
    let files = assets::serve_dir(dist.as_path()).fallback(ServeFile::new(index));
    match files.oneshot(req).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

fn wizard_not_built(dist: &Path) -> Response {
    let dist = beian_rules::footer::escape_html(&dist.display().to_string());
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>beian: wizard not built</title></head><body>\n\
         <h1>The wizard is not built</h1>\n\
         <p>There is no <code>index.html</code> in <code>{dist}</code>. \
         Build the wizard with <code>trunk build --release</code> (in <code>web/</code>), \
         then start the server with <code>beian serve --dist web/dist</code> \
         (or the directory Trunk wrote to).</p>\n\
         <p>The API works without it: <code>POST /api/v1/check</code>, \
         <code>GET /api/v1/health</code>.</p>\n</body></html>\n"
    );
    (
        StatusCode::NOT_FOUND,
        [(header::CACHE_CONTROL, "no-store")],
        Html(page),
    )
        .into_response()
}

pub(crate) fn db_of(state: &ApiState) -> Result<&Db, ApiError> {
    state.db.as_ref().ok_or_else(|| ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        code: "no_database",
        message: "This server runs without a database: only /api/v1/check works.".into(),
    })
}

pub(crate) fn db_error(state: &ApiState, error: DbError) -> ApiError {
    state.log.write(&mask(&format!("database error: {error}")));
    let (status, message) = match error {
        DbError::Closed => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The database is shutting down; try again.",
        ),
        DbError::Sqlx(sqlx::Error::PoolTimedOut) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The database is busy; try again.",
        ),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "The database failed; the request was not written.",
        ),
    };
    ApiError {
        status,
        code: "database",
        message: message.into(),
    }
}

pub(crate) fn today(state: &ApiState) -> Result<Date, ApiError> {
    state.clock.today().ok_or_else(|| ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        code: "clock",
        message: "The server's clock is not set; no date for the request.".into(),
    })
}

/// Refuses the caller on filing `id` with the finding `refusal` gives, if
/// any (a filing that does not exist is left to the route: 404).
pub(crate) async fn guard(
    state: &ApiState,
    db: &Db,
    id: i64,
    refusal: impl FnOnce(&FilingScope) -> Option<Finding>,
) -> Result<(), Failure> {
    let scope = async {
        let mut reader = db.reader().await?;
        store::filing_scope(&mut reader.conn(), id).await
    }
    .await
    .map_err(|e| db_error(state, e))?;
    match scope.as_ref().and_then(refusal) {
        Some(finding) => Err(refused(finding)),
        None => Ok(()),
    }
}

/// The filing of request `id`, if there is such a request.
pub(crate) async fn filing_of_request(
    state: &ApiState,
    db: &Db,
    id: i64,
) -> Result<Option<i64>, Failure> {
    async {
        let mut reader = db.reader().await?;
        Ok::<_, DbError>(
            store::load_request(&mut reader.conn(), id)
                .await?
                .map(|r| r.filing_id),
        )
    }
    .await
    .map_err(|e| db_error(state, e).into())
}
