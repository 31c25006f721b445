//! # beian-server
//!
//! The server side of the beian ICP filing (ICP备案) pre-check. It never
//! implements a rule itself: it runs exactly the [`beian_rules`] code that
//! the browser runs, so that nothing the server accepts can fail a client
//! rule.
//!
//! - [`api`]: the HTTP router (the API under `/api/v1`, the built wizard
//!   and the npm package as static files) and [`serve`].
//! - [`auth`]: credentials, wizard sessions, and who may act on which filing.
//! - [`body`]: one strict reader for every request body.
//! - [`routes`]: the registry's routes: filings, requests, events, look-ups.
//! - [`store`]: the registry in the database: reads and the three writes,
//!   each running the rules and the flow on the stored state.
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

pub mod api;
pub mod assets;
pub mod auth;
pub mod body;
pub mod check_cmd;
pub mod cli;
pub mod clock;
pub mod db;
pub mod documents;
pub mod field_cli;
pub mod import;
pub mod mask;
pub mod outbox;
pub mod password;
pub mod providers;
pub mod public;
pub mod ratelimit;
pub mod registry;
pub mod routes;
pub mod security;
pub mod site;
pub mod store;
pub mod webhooks_cmd;

pub use api::{
    router, serve, serve_with, shutdown_signal, AppConfig, RequestLog, ServeOptions,
    ANONYMOUS_ROUTES, DEFAULT_BODY_LIMIT, OPENAPI, ROUTES,
};
pub use clock::{today_utc8, Clock};
pub use db::{Backend, Db, DbOptions, DEFAULT_DATABASE_URL};
