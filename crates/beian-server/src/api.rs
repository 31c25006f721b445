//! The HTTP side: the check API, the static files and the server loop.
//!
//! | route | what |
//! |---|---|
//! | `POST /api/v1/check` | body: a JSON [`Filing`]; answer: `{"findings": [...]}`, exactly [`beian_rules::check_with`] with today's date (UTC+8) |
//! | `GET /api/v1/health` | `{"status":"ok"}` |
//! | `/pkg/*` | the npm package directory (`--pkg`) |
//! | everything else | the built wizard (`--dist`), `index.html` for unknown paths |
//!
//! Bad input to the API is a 4xx with a JSON body
//! `{"error": {"code": "5001", "message": "..."}}` (5001: the data does not
//! match the interface schema, as the MIIT system says it): 400 for bad JSON
//! or invalid UTF-8, 422 for wrong types, unknown or misspelt fields, 415 for
//! a missing `Content-Type: application/json`, 413 past the body limit.
//! Unknown API paths give 404 (`not_found`) and wrong methods 405
//! (`method_not_allowed`), in the same shape.
//!
//! Each request is logged as one line `METHOD PATH STATUS` (no query
//! string, never a body: filings hold ID numbers).

use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use beian_rules::{Filing, Finding, Options};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::clock::Clock;

/// The default limit of a request body: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;

/// The MIIT return code for data that does not match the interface schema.
pub const SCHEMA_ERROR_CODE: &str = "5001";

/// Where the one-line request log goes.
#[derive(Clone, Default)]
pub enum RequestLog {
    /// Standard error (the default).
    #[default]
    Stderr,
    /// Nowhere.
    Off,
    /// A function given each line (without newline).
    Sink(Arc<dyn Fn(&str) + Send + Sync>),
}

impl fmt::Debug for RequestLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestLog::Stderr => f.write_str("Stderr"),
            RequestLog::Off => f.write_str("Off"),
            RequestLog::Sink(_) => f.write_str("Sink(..)"),
        }
    }
}

impl RequestLog {
    fn write(&self, line: &str) {
        match self {
            RequestLog::Stderr => eprintln!("{line}"),
            RequestLog::Off => {}
            RequestLog::Sink(sink) => sink(line),
        }
    }
}

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
}

impl Default for AppConfig {
    /// `dist`, `pkg`, the system clock in UTC+8, 1 MiB, log to stderr.
    fn default() -> Self {
        AppConfig {
            dist: PathBuf::from("dist"),
            pkg: PathBuf::from("pkg"),
            clock: Clock::SystemUtc8,
            body_limit: DEFAULT_BODY_LIMIT,
            log: RequestLog::Stderr,
        }
    }
}

/// The answer of `POST /api/v1/check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResponse {
    /// Exactly what [`beian_rules::check_with`] found, in its order.
    pub findings: Vec<Finding>,
}

/// An API error, answered as `{"error": {"code": ..., "message": ...}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status (always 4xx for the client's mistakes).
    pub status: StatusCode,
    /// A stable code: `"5001"` for input that does not match the schema,
    /// `"not_found"`, `"method_not_allowed"`.
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
    fn from_json_rejection(rejection: JsonRejection, limit: usize) -> Self {
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

#[derive(Clone)]
struct ApiState {
    clock: Clock,
    body_limit: usize,
}

/// Builds the whole application: API, static files and request log.
pub fn router(config: AppConfig) -> Router {
    let state = ApiState {
        clock: config.clock,
        body_limit: config.body_limit,
    };
    let api = Router::new()
        .route("/v1/check", post(check))
        .route("/v1/health", get(health))
        .fallback(api_not_found)
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .with_state(state);
    let dist = Arc::new(config.dist);
    let log = config.log;
    Router::new()
        .nest("/api", api)
        .nest_service("/pkg", ServeDir::new(config.pkg))
        .fallback(move |req: Request| wizard(dist.clone(), req))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let log = log.clone();
            async move {
                let method = req.method().clone();
                let path = req.uri().path().to_string();
                let response = next.run(req).await;
                log.write(&format!("{method} {path} {}", response.status().as_u16()));
                response
            }
        }))
}

async fn check(
    State(state): State<ApiState>,
    body: Result<Json<Filing>, JsonRejection>,
) -> Result<Json<CheckResponse>, ApiError> {
    let Json(filing) = body.map_err(|r| ApiError::from_json_rejection(r, state.body_limit))?;
    let options = Options {
        today: state.clock.today(),
    };
    Ok(Json(CheckResponse {
        findings: beian_rules::check_with(&filing, &options),
    }))
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
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
    let files = ServeDir::new(dist.as_path()).fallback(ServeFile::new(index));
    match files.oneshot(req).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

fn wizard_not_built(dist: &Path) -> Response {
    let dist = html_escape(&dist.display().to_string());
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

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish.
pub async fn serve<F>(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: F,
) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            // No way to listen for Ctrl-C: never shut down on it.
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
