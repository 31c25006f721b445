//! The command line of the `beian` binary.
//!
//! - `beian serve [--addr 127.0.0.1:8080] [--dist dist] [--pkg pkg]
//!   [--database-url sqlite://beian.db] [--cors-origin ORIGIN]...
//!   [--request-timeout SECONDS] [--holidays FILE]`: the server (see
//!   [`crate::http`]); it creates and migrates the database on first start,
//!   and stops cleanly on Ctrl-C or SIGTERM.
//! - `beian credentials add --provider NAME | --bureau 浙|national`,
//!   `beian credentials list`, `beian credentials revoke ID`: API
//!   credentials ([`crate::auth`]); `add` prints the token once.
//! - `beian field --jsonl [--today YYYY-MM-DD]`: field checks, one JSON line
//!   in and one out (see [`crate::field_cli`]); exits 0 at the end of input.
//! - `beian field KIND VALUE [--domain D]... [--today YYYY-MM-DD]`: one
//!   field check, printed as one JSON line; exits 0 when the value is ok,
//!   1 when it has an error finding.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use beian_rules::{check_field, Date, FieldContext, FieldKind};
use clap::{Args, Parser, Subcommand};

use crate::clock::{today_utc8, Clock};
use crate::db::{Db, DbOptions, SqliteDurability};
use crate::http::{self as api, AppConfig};
use crate::{check_cmd, field_cli};

/// `beian`: the ICP filing (ICP备案) pre-check, on the server side.
#[derive(Debug, Parser)]
#[command(name = "beian", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the check API, the built wizard and the npm package.
    Serve(ServeArgs),
    /// Check field values: one per JSON line on stdin (--jsonl), or one given as arguments.
    Field(FieldArgs),
    /// Check spreadsheets (XLSX, CSV) or JSON filing files before upload; findings per row and cell.
    Check(check_cmd::CheckArgs),
    /// Write the batch import template (XLSX or CSV).
    Template(check_cmd::TemplateArgs),
    /// Check that a home page shows its filing number at the bottom, linked to the MIIT filing site.
    SiteCheck(SiteCheckArgs),
    /// Print the HTML that shows an approved filing number at the bottom of the home page, linked to the MIIT filing site.
    Footer(FooterArgs),
    /// Manage API credentials: add (the token is printed once), list, revoke.
    Credentials(CredentialsArgs),
    /// Where each provider's panel receives the status changes of its filings (signed JSON POSTs).
    Webhooks(crate::webhooks_cmd::WebhooksArgs),
}

/// Arguments of `beian credentials`.
#[derive(Debug, Args)]
pub struct CredentialsArgs {
    /// The registry's database, as for `beian serve`.
    #[arg(long, global = true, env = "BEIAN_DATABASE_URL", default_value = crate::db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// What to do.
    #[command(subcommand)]
    pub action: CredentialsAction,
}

/// `beian credentials add | list | revoke`.
#[derive(Debug, Subcommand)]
pub enum CredentialsAction {
    // The doc comment is clap's help text, printed as written.
    #[allow(rustdoc::invalid_html_tags)]
    /// Create a credential for an access provider or a bureau; prints its token once (bk_<id>.<secret>).
    Add {
        /// The access provider's name, as its access entries spell it.
        #[arg(long, conflicts_with = "bureau", required_unless_present = "bureau")]
        provider: Option<String>,
        /// The bureau's province: its abbreviation (浙), name (浙江) or code (330000), or `national` for every province.
        #[arg(long, value_parser = parse_bureau)]
        bureau: Option<crate::auth::BureauScope>,
    },
    /// List the credentials (never their secrets).
    List,
    /// Revoke a credential and the wizard sessions it opened (every server stops taking it within 30 seconds).
    Revoke {
        /// The credential's id (the number after bk_).
        id: i64,
    },
}

fn parse_bureau(s: &str) -> Result<crate::auth::BureauScope, String> {
    crate::auth::BureauScope::parse(s).ok_or_else(|| {
        format!("not a province abbreviation (浙), name (浙江), code (330000) or `national`: {s:?}")
    })
}

/// Arguments of `beian site-check`.
#[derive(Debug, Args)]
pub struct SiteCheckArgs {
    /// The home page (http:// is added when no scheme is given).
    pub url: String,
    /// The website's approved filing number (e.g. 京ICP备12345678号-1).
    #[arg(long)]
    pub number: Option<String>,
    /// Also fetch private, loopback and link-local addresses (for tests).
    #[arg(long)]
    pub allow_private: bool,
}

/// Arguments of `beian footer`.
#[derive(Debug, Args)]
pub struct FooterArgs {
    /// The approved filing number, best the website's own (e.g. 京ICP备12345678号-1).
    pub number: String,
    /// plain (a paragraph with class icp-filing, centred by your stylesheet) or inline (with inline styles).
    #[arg(long, default_value = "inline", value_parser = ["plain", "inline"])]
    pub style: String,
}

/// Arguments of `beian serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port; the address is printed on stderr).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Directory of the built wizard (`trunk build --release` output), served at /.
    #[arg(long, default_value = "dist")]
    pub dist: PathBuf,
    /// Directory of the npm package, served at /pkg/.
    #[arg(long, default_value = "pkg")]
    pub pkg: PathBuf,
    /// The registry's database: sqlite://PATH (created if missing) or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "BEIAN_DATABASE_URL", default_value = crate::db::DEFAULT_DATABASE_URL)]
    pub database_url: String,
    // The doc comment is clap's help text, printed as written.
    #[allow(rustdoc::bare_urls)]
    /// An origin of the embedding panel (e.g. https://panel.example.com), allowed to call the API (CORS) and frame the wizard; repeat for several.
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = parse_origin)]
    pub cors_origins: Vec<String>,
    /// Let the site check fetch private, loopback and link-local addresses (for tests only).
    #[arg(long)]
    pub site_check_allow_private: bool,
    /// Answer a host name of the site check with this address instead of the DNS's, as HOST=IP (as curl's --resolve; for tests only); repeat for several.
    #[arg(long, value_name = "HOST=IP", value_parser = parse_resolve)]
    pub site_check_resolve: Vec<(String, std::net::IpAddr)>,
    /// Let webhooks be sent to private, loopback and link-local addresses (for tests only).
    #[arg(long)]
    pub webhook_allow_private: bool,
    /// The wait before a failed webhook is sent again, in milliseconds; it doubles with each failure (at most an hour).
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
    pub webhook_retry_ms: u64,
    /// The access providers' directory: a JSON file of {"name", "licence", "provinces"} (GET /api/v1/providers searches it; submissions naming another provider get a warning).
    #[arg(long, value_name = "FILE")]
    pub providers: Option<PathBuf>,
    /// Public look-ups (GET /api/v1/public/lookup) a client address may make a minute (and at once).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..))]
    pub public_lookups_per_minute: u32,
    /// Site checks (POST /api/v1/site-check, each fetches a page elsewhere) a client address may make a minute (and at once).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub site_checks_per_minute: u32,
    /// The longest time to answer a request, in seconds (then 408).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = api::DEFAULT_BODY_LIMIT)]
    pub body_limit: usize,
    /// Database connections (SQLite: readers; the writer is one more).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub max_connections: u32,
    /// Seconds a client has to send a request's headers; a connection idle that long is closed too.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// The most connections open at once (more wait in the listen queue).
    #[arg(long, default_value_t = api::DEFAULT_MAX_CLIENTS, value_parser = parse_clients)]
    pub max_clients: usize,
    /// SQLite commits: `full` (synced to disk before the answer) or `normal` (survive a crash of the server, not of the machine).
    #[arg(long, default_value = "full", value_parser = ["full", "normal"])]
    pub sqlite_sync: String,
    /// A newer official holiday schedule for the review deadlines, in the format of crates/beian-flow/data/holidays/cn.txt: its years override the embedded schedule and the estimate. Checked at start: an error names the line.
    #[arg(long, value_name = "FILE")]
    pub holidays: Option<PathBuf>,
}

/// Loads `--holidays FILE` into the process-wide calendar of the review
/// deadlines: a line for the log, or the error that stops the start.
pub fn load_holidays(path: &std::path::Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the holiday file {}: {e}", path.display()))?;
    let (first, last) = beian_flow::calendar::load_holidays(&text)
        .map_err(|e| format!("holiday file {}: {e}", path.display()))?;
    Ok(format!(
        "official holidays {first} to {last} from {}",
        path.display()
    ))
}

fn parse_clients(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err(format!(
            "not a number of connections from 1 to 1000000: {s:?}"
        )),
    }
}

fn parse_origin(s: &str) -> Result<String, String> {
    let s = s.trim().trim_end_matches('/');
    let host = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or("");
    let ok = !host.is_empty()
        && !host.contains(['/', '*', ' ', '?', '#'])
        && axum::http::HeaderValue::from_str(s).is_ok();
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("not an origin (scheme://host[:port]): {s:?}"))
    }
}

/// A `HOST=IP` of `--site-check-resolve`: the host in lower case.
fn parse_resolve(s: &str) -> Result<(String, std::net::IpAddr), String> {
    let (host, ip) = s
        .split_once('=')
        .ok_or_else(|| format!("not HOST=IP: {s:?}"))?;
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() || host.contains(['/', ':', ' ']) {
        return Err(format!("not a host name: {host:?}"));
    }
    let ip = ip
        .trim()
        .parse()
        .map_err(|_| format!("not an IP address: {:?}", ip.trim()))?;
    Ok((host, ip))
}

/// Arguments of `beian field`.
#[derive(Debug, Args)]
pub struct FieldArgs {
    /// Read JSON lines {"kind", "value", "domains"?, "today"?} from stdin, write one result line each.
    #[arg(long, conflicts_with_all = ["kind", "value", "domains"])]
    pub jsonl: bool,
    /// The kind of field: resident_id, unified_social_credit_code, domain, homepage … (as for --jsonl).
    #[arg(required_unless_present = "jsonl", value_parser = parse_kind)]
    pub kind: Option<FieldKind>,
    /// The value to check.
    #[arg(required_unless_present = "jsonl", allow_hyphen_values = true)]
    pub value: Option<String>,
    /// A domain of the website (for homepage); repeat for several.
    #[arg(long = "domain", value_name = "DOMAIN")]
    pub domains: Vec<String>,
    /// Today's date, YYYY-MM-DD (default: today in UTC+8); a line's own "today" wins.
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
}

fn parse_kind(s: &str) -> Result<FieldKind, String> {
    s.parse().map_err(|e| format!("{e}"))
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("not a date (YYYY-MM-DD): {s:?}"))
}

/// Runs a parsed command line; the exit code is the process's.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Serve(args) => serve(args),
        Command::Field(args) => field(args),
        Command::Check(args) => check_cmd::check(args),
        Command::Template(args) => check_cmd::template(args),
        Command::Footer(args) => footer(args),
        Command::SiteCheck(args) => site_check(args),
        Command::Credentials(args) => credentials(args),
        Command::Webhooks(args) => crate::webhooks_cmd::webhooks(args),
    }
}

fn credentials(args: CredentialsArgs) -> ExitCode {
    use crate::auth::{self, NewCredential};
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("beian: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let db = match Db::open(&DbOptions::new(args.database_url.clone())).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!(
                    "beian: cannot open the database: {}",
                    crate::mask::mask(&e.to_string())
                );
                return ExitCode::FAILURE;
            }
        };
        let result = match args.action {
            CredentialsAction::Add { provider, bureau } => {
                let who = match (provider, bureau) {
                    (Some(p), _) if !p.trim().is_empty() => NewCredential::Provider(p),
                    (_, Some(b)) => NewCredential::Bureau(b),
                    _ => {
                        eprintln!("beian: give --provider NAME or --bureau PROVINCE");
                        return ExitCode::FAILURE;
                    }
                };
                auth::add_credential(&db, &who, crate::password::HashCost::Standard)
                    .await
                    .map(|(id, token)| {
                        eprintln!("beian: credential {id} created; its token is shown only now:");
                        println!("{token}");
                        true
                    })
            }
            CredentialsAction::List => auth::list_credentials(&db).await.map(|all| {
                for c in &all {
                    println!("{}", auth::describe(c));
                }
                true
            }),
            CredentialsAction::Revoke { id } => {
                let revoked = auth::revoke_credential(&db, id).await;
                match &revoked {
                    Ok(true) => eprintln!("beian: credential {id} revoked"),
                    Ok(false) => eprintln!("beian: no active credential {id}"),
                    Err(_) => {}
                }
                revoked
            }
        };
        match result {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("beian: {}", crate::mask::mask(&e.to_string()));
                ExitCode::FAILURE
            }
        }
    })
}

/// Loads `--providers FILE`: the directory, or what is wrong (naming the
/// entry).
pub fn load_providers(path: &std::path::Path) -> Result<crate::providers::Directory, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the providers file {}: {e}", path.display()))?;
    crate::providers::Directory::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn serve(args: ServeArgs) -> ExitCode {
    if let Some(path) = &args.holidays {
        match load_holidays(path) {
            Ok(line) => eprintln!("beian: {line}"),
            Err(e) => {
                eprintln!("beian: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let providers = match &args.providers {
        None => None,
        Some(path) => match load_providers(path) {
            Ok(d) => {
                eprintln!(
                    "beian: {} access providers from {}",
                    d.len(),
                    path.display()
                );
                Some(std::sync::Arc::new(d))
            }
            Err(e) => {
                eprintln!("beian: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("beian: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(&args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("beian: cannot listen on {}: {e}", args.addr);
                return ExitCode::FAILURE;
            }
        };
        let shown = listener
            .local_addr()
            .map_or_else(|_| args.addr.clone(), |a| a.to_string());
        if !args.dist.join("index.html").is_file() {
            eprintln!(
                "beian: no wizard in {} (build it with `trunk build --release`); serving the API only",
                args.dist.display()
            );
        }
        let options = DbOptions {
            max_connections: args.max_connections,
            sqlite_durability: if args.sqlite_sync == "normal" {
                SqliteDurability::Normal
            } else {
                SqliteDurability::Full
            },
            ..DbOptions::new(args.database_url.clone())
        };
        let db = match Db::open(&options).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!("beian: cannot open the database: {}", crate::mask::mask(&e.to_string()));
                return ExitCode::FAILURE;
            }
        };
        eprintln!("beian: database {:?} ready", db.backend());
        // The outbox's events go out for as long as the server runs.
        let delivery = crate::outbox::DeliveryOptions {
            fetch: beian_site::FetchOptions {
                allow_private: args.webhook_allow_private,
                ..crate::outbox::DeliveryOptions::default().fetch
            },
            retry_base: std::time::Duration::from_millis(args.webhook_retry_ms),
            ..crate::outbox::DeliveryOptions::default()
        };
        tokio::spawn(crate::outbox::run(db.clone(), delivery));
        eprintln!("beian: listening on http://{shown}");
        let config = AppConfig {
            dist: args.dist,
            pkg: args.pkg,
            clock: Clock::SystemUtc8,
            db: Some(db),
            cors_origins: args.cors_origins,
            request_timeout: std::time::Duration::from_secs(args.request_timeout),
            body_limit: args.body_limit,
            site_check: beian_site::FetchOptions {
                allow_private: args.site_check_allow_private,
                resolve: args.site_check_resolve,
                ..beian_site::FetchOptions::default()
            },
            public_lookups_per_minute: args.public_lookups_per_minute,
            site_checks_per_minute: args.site_checks_per_minute,
            providers,
            ..AppConfig::default()
        };
        let options = api::ServeOptions {
            header_timeout: std::time::Duration::from_secs(args.header_timeout),
            max_clients: args.max_clients,
        };
        match api::serve_with(listener, api::router(config), api::shutdown_signal(), options).await {
            Ok(()) => {
                eprintln!("beian: shut down");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("beian: server error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn field(args: FieldArgs) -> ExitCode {
    let today = args.today.or_else(today_utc8);
    if args.jsonl {
        let result = field_cli::run_jsonl(io::stdin().lock(), io::stdout().lock(), today);
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            // The reader went away: nothing more to say to anyone.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("beian: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let (Some(kind), Some(value)) = (args.kind, args.value) else {
        // clap requires both unless --jsonl.
        eprintln!("beian: give KIND and VALUE, or --jsonl");
        return ExitCode::from(2);
    };
    let context = FieldContext {
        domains: args.domains,
        today,
        path: String::new(),
    };
    let result = check_field(kind, &value, &context);
    match serde_json::to_string(&result) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("beian: {e}");
            return ExitCode::FAILURE;
        }
    }
    if result.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn site_check(args: SiteCheckArgs) -> ExitCode {
    let options = beian_site::FetchOptions {
        allow_private: args.allow_private,
        ..beian_site::FetchOptions::default()
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("beian: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = runtime.block_on(beian_site::check(
        &args.url,
        args.number.as_deref(),
        &options,
    ));
    let answer = crate::http::site_check::SiteCheckResponse::from(report);
    match serde_json::to_string(&answer) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("beian: {e}");
            return ExitCode::FAILURE;
        }
    }
    if answer.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn footer(args: FooterArgs) -> ExitCode {
    use beian_rules::footer::{snippet, FooterStyle, PLAIN_CSS};
    use beian_rules::RuleError as _;
    let style = if args.style == "plain" {
        FooterStyle::Plain
    } else {
        FooterStyle::Inline
    };
    match snippet(&args.number, style) {
        Ok(html) => {
            println!("{html}");
            if style == FooterStyle::Plain {
                eprintln!("beian: centre it with this CSS: {PLAIN_CSS}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let m = e.message();
            eprintln!("beian: {} {}", m.zh_cn, m.en);
            if let Some(fixed) = e.suggestion() {
                eprintln!("beian: did you mean {fixed}?");
            }
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn site_check_resolve_is_host_equals_ip() {
        assert_eq!(
            parse_resolve(" WWW.Example.com.=127.0.0.1"),
            Ok(("www.example.com".to_string(), [127, 0, 0, 1].into()))
        );
        assert_eq!(
            parse_resolve("a.cn=::1").unwrap().1,
            std::net::IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1])
        );
        for bad in [
            "www.example.com",
            "=127.0.0.1",
            "a.cn=localhost",
            "a.cn:80=127.0.0.1",
            "a/b=1.2.3.4",
        ] {
            assert!(parse_resolve(bad).is_err(), "{bad}");
        }
        let cli = Cli::try_parse_from(["beian", "serve", "--site-check-resolve", "a.cn=10.0.0.1"])
            .unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(
            args.site_check_resolve,
            [("a.cn".to_string(), [10, 0, 0, 1].into())]
        );
    }

    #[test]
    fn defaults_of_serve() {
        let cli = Cli::try_parse_from(["beian", "serve"]).unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(args.addr, "127.0.0.1:8080");
        assert_eq!(args.dist, PathBuf::from("dist"));
        assert_eq!(args.pkg, PathBuf::from("pkg"));
        assert_eq!(args.database_url, "sqlite://beian.db");
        assert!(args.cors_origins.is_empty());
        assert_eq!(args.request_timeout, 30);
        assert_eq!(args.sqlite_sync, "full");
        assert_eq!(args.holidays, None);
        let cli = Cli::try_parse_from(["beian", "serve", "--holidays", "h.txt"]).unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(args.holidays, Some(PathBuf::from("h.txt")));
    }

    /// Only refused files here: a loaded one would change the calendar of
    /// every test of this binary (tests/cli.rs loads one into a server).
    #[test]
    fn a_bad_holiday_file_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("holidays.txt");
        std::fs::write(
            &path,
            "years 2027 2027\n2027-01-01 holiday New Year's Day\n2027-01-01 holiday New Year's Day\n",
        )
        .unwrap();
        let e = load_holidays(&path).unwrap_err();
        assert_eq!(
            e,
            format!(
                "holiday file {}: line 3: 2027-01-01 is listed twice (first on line 2)",
                path.display()
            )
        );
        assert!(!beian_flow::calendar::is_official(2027));
        let e = load_holidays(&dir.path().join("missing.txt")).unwrap_err();
        assert!(e.starts_with("cannot read the holiday file "), "{e}");
    }

    #[test]
    fn cors_origins_are_origins() {
        let cli = Cli::try_parse_from([
            "beian",
            "serve",
            "--cors-origin",
            "https://panel.example.com/",
            "--cors-origin",
            "http://127.0.0.1:3000",
        ])
        .unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(
            args.cors_origins,
            ["https://panel.example.com", "http://127.0.0.1:3000"]
        );
        for bad in [
            "*",
            "panel.example.com",
            "https://panel.example.com/path",
            "ftp://x",
        ] {
            assert!(
                Cli::try_parse_from(["beian", "serve", "--cors-origin", bad]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn field_needs_jsonl_or_kind_and_value() {
        assert!(Cli::try_parse_from(["beian", "field"]).is_err());
        assert!(Cli::try_parse_from(["beian", "field", "domain"]).is_err());
        assert!(Cli::try_parse_from(["beian", "field", "phone", "1"]).is_err());
        assert!(Cli::try_parse_from(["beian", "field", "--jsonl", "domain", "x"]).is_err());
        assert!(
            Cli::try_parse_from(["beian", "field", "--today", "2025-02-30", "--jsonl"]).is_err()
        );
        let cli =
            Cli::try_parse_from(["beian", "field", "--jsonl", "--today", "2025-01-02"]).unwrap();
        let Command::Field(args) = cli.command else {
            panic!("not field")
        };
        assert!(args.jsonl);
        assert_eq!(args.today, Date::new(2025, 1, 2));
        let cli = Cli::try_parse_from([
            "beian",
            "field",
            "homepage",
            "http://www.other.cn",
            "--domain",
            "example.com",
        ])
        .unwrap();
        let Command::Field(args) = cli.command else {
            panic!("not field")
        };
        assert_eq!(args.kind, Some(FieldKind::Homepage));
        assert_eq!(args.domains, ["example.com"]);
    }
}
