//! # beian-server
//!
//! The server side of the beian ICP filing (ICP备案) pre-check. It never
//! implements a rule itself: it runs exactly the [`beian_rules`] code that
//! the browser runs, so that nothing the server accepts can fail a client
//! rule.
//!
//! - [`api`]: the HTTP router (`POST /api/v1/check`, `GET /api/v1/health`,
//!   the built wizard and the npm package as static files) and [`serve`].
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
pub mod cli;
pub mod clock;
pub mod field_cli;

pub use api::{router, serve, shutdown_signal, AppConfig, RequestLog, DEFAULT_BODY_LIMIT};
pub use clock::{today_utc8, Clock};
