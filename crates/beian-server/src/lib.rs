//! # beian-server
//!
//! The server side of the beian ICP filing (ICP备案) pre-check. It never
//! implements a rule itself: it runs exactly the [`beian_rules`] code that
//! the browser runs, so that nothing the server accepts can fail a client
//! rule.
//!
//! Three layers: [`http`] uses the service and the store; the store asks
//! the service's pure functions inside its transactions; neither imports
//! [`http`] (the crate README's "Code layout").
//!
//! - [`http`]: the HTTP side: the router built from [`ROUTES`] (the API
//!   under `/api/v1`, the built wizard and the npm package as static
//!   files), [`serve`], the errors and the HTTP status of a refusal
//!   ([`http::error`]), the extractors ([`http::body`], [`http::extract`]),
//!   and one module per resource: [`http::check`], [`http::filings`],
//!   [`http::requests`] (with events), [`http::lookup`],
//!   [`http::documents`], [`http::sessions`], [`http::site_check`],
//!   [`http::public`].
//! - [`service`]: the decisions of the writes that need no database (who
//!   may act, the version, the filing password, the claims of an
//!   approval, a new filing's checks), unit-tested without one.
//! - [`auth`]: credentials, wizard sessions, and who may act on which
//!   filing (pure decisions, and the rows of credentials and sessions).
//! - [`store`]: the registry in the database: reads and the three writes,
//!   each running the rules and the flow on the stored state.
//! - [`documents`]: the scans of a request's documents in the database.
//! - [`registry`]: the registry checks (1003, 1005, 1039, 1040, 1016, 1018,
//!   1048, 1029/1051) as findings.
//! - [`db`]: one async layer over SQLite (default) and PostgreSQL, with
//!   migrations and group commit.
//! - [`password`]: filing passwords as Argon2id hashes.
//! - [`mask`]: personal data out of the logs.
//! - [`security`]: security headers and the wizard's CSP.
//! - [`field_cli`]: `beian field`, one field check per JSON line.
//! - [`clock`]: today's date in China (UTC+8), for "not in the future" rules.
//! - [`cli`]: the command line of the `beian` binary.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let app = beian_server::router(beian_server::AppConfig::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! beian_server::serve(listener, app, beian_server::shutdown_signal()).await
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod assets;
pub mod auth;
pub mod check_cmd;
pub mod cli;
pub mod clock;
pub mod db;
pub mod documents;
pub mod field_cli;
pub mod http;
pub mod import;
pub mod mask;
pub mod outbox;
pub mod password;
pub mod providers;
pub mod ratelimit;
pub mod registry;
pub mod security;
pub mod service;
pub mod store;
pub mod webhooks_cmd;

pub use clock::{today_utc8, Clock};
pub use db::{Backend, Db, DbOptions, DEFAULT_DATABASE_URL};
pub use http::{
    router, serve, serve_with, shutdown_signal, AppConfig, RequestLog, ServeOptions,
    ANONYMOUS_ROUTES, DEFAULT_BODY_LIMIT, OPENAPI, ROUTES,
};
