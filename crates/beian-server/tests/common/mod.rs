//! Shared by the integration tests: a database of each backend, filings
//! that pass every rule, and requests to the router (in process) or to a
//! real server on 127.0.0.1.
//!
//! Credentials (issue 15): [`credential`] makes one directly in the
//! database; [`App`] makes one per provider or bureau on first use and
//! opens wizard sessions for subjects (`POST /api/v1/sessions`), so the
//! helpers still take who acts ([`subject`], [`provider`], [`bureau`],
//! [`bureau_of`]) and send the matching `Authorization: Bearer`. A plain
//! [`App::post`] goes as provider A (every test filing's provider), a
//! plain [`App::get`] as the national bureau (it reads everything).
//!
//! PostgreSQL: the tests read `BEIAN_TEST_POSTGRES_URL` (a superuser on a
//! throwaway cluster: `crates/beian-server/scripts/postgres-for-tests.sh`
//! starts one) and make a fresh database per test. Without it they fail
//! when `CI` is set, and are skipped with a notice otherwise.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use beian_rules::{check_submission, resident_id, Date, Filing, Options};
use beian_server::auth::{self, BureauScope, NewCredential};
use beian_server::password::HashCost;
use beian_server::{router, AppConfig, Clock, Db, DbOptions, RequestLog};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sqlx::Connection;
use tower::ServiceExt;

/// The date the tests run on.
pub fn today() -> Date {
    Date::new(2026, 11, 25).unwrap()
}

/// A database of one backend, alive as long as this is.
pub struct Backed {
    /// The database.
    pub db: Db,
    /// "sqlite" or "postgres", for messages.
    pub name: &'static str,
    /// Its URL.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// A fresh SQLite file database.
pub async fn sqlite() -> Backed {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("beian.db").display());
    let db = Db::open(&DbOptions::new(url.clone())).await.unwrap();
    Backed {
        db,
        url,
        name: "sqlite",
        _dir: Some(dir),
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The URL of the test cluster, or a notice (locally) / a failure (in CI).
pub fn postgres_url() -> Option<String> {
    match std::env::var("BEIAN_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "BEIAN_TEST_POSTGRES_URL is not set, and CI is: the PostgreSQL tests must run in CI \
                 (source crates/beian-server/scripts/postgres-for-tests.sh first)"
            );
            eprintln!(
                "NOTICE: PostgreSQL tests skipped: BEIAN_TEST_POSTGRES_URL is not set \
                 (source crates/beian-server/scripts/postgres-for-tests.sh to run them)"
            );
            None
        }
    }
}

/// A fresh database on the test cluster, or none (see [`postgres_url`]).
pub async fn postgres() -> Option<Backed> {
    let base = postgres_url()?;
    let name = format!(
        "beian_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut admin = sqlx::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {base}: {e}"));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let _ = admin.close().await;
    let (prefix, _) = base.rsplit_once('/').expect("a URL with a database");
    let url = format!("{prefix}/{name}");
    let db = Db::open(&DbOptions::new(url.clone())).await.unwrap();
    Some(Backed {
        db,
        url,
        name: "postgres",
        _dir: None,
    })
}

/// SQLite, and PostgreSQL when there is a test cluster.
pub async fn backends() -> Vec<Backed> {
    let mut out = vec![sqlite().await];
    out.extend(postgres().await);
    out
}

/// The test configuration: fixed date, no log, cheap hashes, no wizard.
pub fn config(db: Option<Db>) -> AppConfig {
    AppConfig {
        dist: PathBuf::from("/nonexistent/beian/dist"),
        pkg: PathBuf::from("/nonexistent/beian/pkg"),
        clock: Clock::Fixed(today()),
        log: RequestLog::Off,
        db,
        hash_cost: HashCost::Minimal,
        ..AppConfig::default()
    }
}

/// A log that keeps its lines.
pub fn log_sink() -> (RequestLog, Arc<Mutex<Vec<String>>>) {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    (
        RequestLog::Sink(Arc::new(move |line: &str| {
            sink.lock().unwrap().push(line.to_string())
        })),
        lines,
    )
}

/// An answer.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn content_type(&self) -> String {
        self.headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }

    /// The MIIT codes (or rule ids) of the error findings of a refusal.
    pub fn error_codes(&self) -> Vec<String> {
        self.json()["findings"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|f| f["severity"] == "error")
                    .map(|f| {
                        f["code"]
                            .as_str()
                            .unwrap_or(f["rule"].as_str().unwrap())
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The rules of the error findings of a refusal.
    pub fn error_rules(&self) -> Vec<String> {
        self.json()["findings"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|f| f["severity"] == "error")
                    .map(|f| f["rule"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts the status, with the body in the message.
    #[track_caller]
    pub fn expect(&self, status: StatusCode) -> &Self {
        assert_eq!(self.status, status, "{}", self.text());
        self
    }
}

/// Creates a credential directly in the database: its token.
pub async fn credential(db: &Db, who: &Value) -> String {
    let new = match who["role"].as_str() {
        Some("provider") => NewCredential::Provider(who["provider"].as_str().unwrap().to_string()),
        Some("bureau") => NewCredential::Bureau(
            BureauScope::parse(who["province"].as_str().unwrap_or("national")).unwrap(),
        ),
        _ => panic!("no credential for {who}"),
    };
    auth::add_credential(db, &new, HashCost::Minimal)
        .await
        .unwrap()
        .1
}

/// The subject key of a filing in JSON (document type + number).
pub fn subject_key(filing: &Value) -> String {
    let document_type = serde_json::from_value(filing["subject"]["documentType"].clone()).unwrap();
    beian_server::registry::subject_key(
        document_type,
        filing["subject"]["documentNumber"].as_str().unwrap_or(""),
    )
}

/// The first access provider of a filing in JSON ("A" if none).
pub fn first_provider(filing: &Value) -> String {
    filing["websites"][0]["access"][0]["provider"]
        .as_str()
        .unwrap_or("A")
        .to_string()
}

/// The router, called in process, with the credentials it made (one per
/// provider or bureau, made on first use).
#[derive(Clone)]
pub struct App {
    pub router: Router,
    pub db: Option<Db>,
    tokens: Arc<tokio::sync::Mutex<HashMap<String, String>>>,
}

impl App {
    pub fn new(db: &Db) -> App {
        App::with(config(Some(db.clone())))
    }

    pub fn with(config: AppConfig) -> App {
        App {
            db: config.db.clone(),
            router: router(config),
            tokens: Arc::default(),
        }
    }

    fn db(&self) -> &Db {
        self.db.as_ref().expect("an App with a database")
    }

    /// The token of `who`: `provider(name)`, `bureau()` (national),
    /// `bureau_of("浙")`, or `subject()` with `"subject"` (its key) and
    /// `"provider"` (who opens the session) filled in.
    pub async fn token(&self, who: &Value) -> String {
        if who["role"] == "subject" {
            let key = who["subject"].as_str().expect("a subject key");
            let provider = who["provider"].as_str().unwrap_or("A");
            return self.session(provider, key).await;
        }
        self.credential_token(who).await
    }

    /// The token of a provider's or a bureau's credential (made once).
    pub async fn credential_token(&self, who: &Value) -> String {
        let name = who.to_string();
        let mut tokens = self.tokens.lock().await;
        if let Some(t) = tokens.get(&name) {
            return t.clone();
        }
        let token = credential(self.db(), who).await;
        tokens.insert(name, token.clone());
        token
    }

    /// A wizard session for `subject_key`, opened by `provider` through
    /// `POST /api/v1/sessions`.
    pub async fn session(&self, provider_name: &str, subject_key: &str) -> String {
        let name = format!("session {provider_name} {subject_key}");
        if let Some(t) = self.tokens.lock().await.get(&name) {
            return t.clone();
        }
        let (document_type, number) = subject_key.split_once(':').unwrap();
        let token = self.credential_token(&provider(provider_name)).await;
        let reply = self
            .post_as(
                &token,
                "/api/v1/sessions",
                &json!({"documentType": document_type, "documentNumber": number}),
            )
            .await;
        reply.expect(StatusCode::CREATED);
        let session = reply.json()["token"].as_str().unwrap().to_string();
        self.tokens.lock().await.insert(name, session.clone());
        session
    }

    /// The token of `actor` on filing `filing_id`: a subject acts through
    /// a session for the filing's subject, opened by its provider.
    pub async fn token_on_filing(&self, actor: &Value, filing_id: i64) -> String {
        if actor["role"] != "subject" || actor.get("subject").is_some() {
            return self.token(actor).await;
        }
        let mut reader = self.db().reader().await.unwrap();
        let row = reader
            .conn()
            .fetch_optional(
                "SELECT subject_key, provider FROM filings WHERE id = $1",
                &[filing_id.into()],
            )
            .await
            .unwrap();
        drop(reader);
        // No such filing: any session will do (the answer is 404).
        let Some(row) = row else {
            return self.session("A", "resident_id:0").await;
        };
        let key = row.opt_text("subject_key").unwrap().unwrap_or_default();
        let provider = row.text("provider").unwrap();
        let provider = if provider.is_empty() {
            "A".to_string()
        } else {
            provider
        };
        self.session(&provider, &key).await
    }

    /// The token of `actor` on request `request`.
    pub async fn token_on_request(&self, actor: &Value, request: i64) -> String {
        if actor["role"] != "subject" || actor.get("subject").is_some() {
            return self.token(actor).await;
        }
        let filing = {
            let mut reader = self.db().reader().await.unwrap();
            reader
                .conn()
                .fetch_optional(
                    "SELECT filing_id FROM requests WHERE id = $1",
                    &[request.into()],
                )
                .await
                .unwrap()
                .map(|r| r.int("filing_id").unwrap())
        };
        match filing {
            Some(f) => self.token_on_filing(actor, f).await,
            // No such request: any session will do (the answer is 404).
            None => self.session("A", "resident_id:0").await,
        }
    }

    /// The token of `actor` filing `filing` (a subject: a session for its
    /// subject, opened by its first access provider).
    pub async fn token_for_filing(&self, actor: &Value, filing: &Value) -> String {
        if actor["role"] != "subject" || actor.get("subject").is_some() {
            return self.token(actor).await;
        }
        self.session(&first_provider(filing), &subject_key(filing))
            .await
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    /// POST with provider A's credential (every test filing's provider;
    /// the routes that need another caller use [`App::post_as`]).
    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.post_raw(path, body.to_string().into_bytes()).await
    }

    /// POST without a credential.
    pub async fn post_anonymous(&self, path: &str, body: &Value) -> Reply {
        self.post_raw_with(None, path, body.to_string().into_bytes())
            .await
    }

    pub async fn post_as(&self, token: &str, path: &str, body: &Value) -> Reply {
        self.post_raw_with(Some(token), path, body.to_string().into_bytes())
            .await
    }

    /// [`App::post`] of bytes.
    pub async fn post_raw(&self, path: &str, body: Vec<u8>) -> Reply {
        let token = match &self.db {
            Some(_) => Some(self.token(&provider("A")).await),
            None => None,
        };
        self.post_raw_with(token.as_deref(), path, body).await
    }

    pub async fn post_raw_with(&self, token: Option<&str>, path: &str, body: Vec<u8>) -> Reply {
        let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// GET with the national bureau's credential (it reads everything).
    pub async fn get(&self, path: &str) -> Reply {
        let token = match &self.db {
            Some(_) => Some(self.token(&bureau()).await),
            None => None,
        };
        self.get_with(token.as_deref(), path).await
    }

    pub async fn get_with(&self, token: Option<&str>, path: &str) -> Reply {
        let mut request = Request::get(path);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Submits `filing` as `actor` (a subject: through a session its first
    /// access provider opened): the reply.
    pub async fn submit(&self, actor: Value, filing: &Value) -> Reply {
        self.file(actor, &json!({"filing": filing})).await
    }

    /// `POST /api/v1/filings` with `body` as `actor` (a subject: as for
    /// [`App::submit`]).
    pub async fn file(&self, actor: Value, body: &Value) -> Reply {
        let token = self.token_for_filing(&actor, &body["filing"]).await;
        self.post_as(&token, "/api/v1/filings", body).await
    }

    /// An event on a request.
    pub async fn event(&self, request: i64, actor: Value, event: Value) -> Reply {
        self.event_body(request, actor, &json!({"event": event}))
            .await
    }

    /// `POST /api/v1/requests/{request}/events` with `body` as `actor`.
    pub async fn event_body(&self, request: i64, actor: Value, body: &Value) -> Reply {
        let token = self.token_on_request(&actor, request).await;
        self.post_as(&token, &format!("/api/v1/requests/{request}/events"), body)
            .await
    }

    /// The subject saves `filing` as the request's proposed data.
    pub async fn subject_edit(&self, request: i64, filing: &Value) -> Reply {
        self.event(
            request,
            subject(),
            json!({"type": "subject_edit", "filing": filing}),
        )
        .await
    }

    /// The subject submits the request, with the filing password if given.
    pub async fn subject_submit(&self, request: i64, password: Option<&str>) -> Reply {
        let mut event = json!({"type": "submit", "by": "subject"});
        if let Some(p) = password {
            event["filingPassword"] = p.into();
        }
        self.event(request, subject(), event).await
    }

    /// A new request on a filing.
    pub async fn start(&self, filing: i64, actor: Value, kind: &str) -> Reply {
        self.start_with(filing, actor, kind, None).await
    }

    /// [`App::start`] with the filing password (a provider new to the
    /// filing needs it).
    pub async fn start_with(
        &self,
        filing: i64,
        actor: Value,
        kind: &str,
        password: Option<&str>,
    ) -> Reply {
        let token = self.token_on_filing(&actor, filing).await;
        let mut body = json!({"kind": kind});
        if let Some(p) = password {
            body["filingPassword"] = p.into();
        }
        self.post_as(&token, &format!("/api/v1/filings/{filing}/requests"), &body)
            .await
    }

    /// Submits filing `n` (provider A), has A verify it and the bureau
    /// approve it: (filing id, request id, filing password).
    pub async fn approved(&self, filing: &Value) -> (i64, i64, String) {
        let reply = self.submit(subject(), filing).await;
        reply.expect(StatusCode::CREATED);
        let v = reply.json();
        let (fid, rid) = (
            v["filing"]["id"].as_i64().unwrap(),
            v["request"]["id"].as_i64().unwrap(),
        );
        let mut status = v["request"]["status"].as_str().unwrap().to_string();
        let providers: Vec<String> = filing["websites"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|w| w["access"].as_array().unwrap().clone())
            .map(|a| a["provider"].as_str().unwrap().to_string())
            .collect();
        for p in providers {
            if status != "provider_verification" {
                break;
            }
            let r = self
                .event(
                    rid,
                    provider(&p),
                    json!({"type": "provider_verify", "provider": p}),
                )
                .await;
            if r.status == StatusCode::OK {
                status = r.json()["request"]["status"].as_str().unwrap().to_string();
            }
        }
        assert_eq!(status, "bureau_review");
        let r = self
            .event(rid, bureau(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::OK);
        let password = r.json()["filingPassword"].as_str().unwrap().to_string();
        (fid, rid, password)
    }
}

/// Percent-encodes a query value (every byte but letters, digits and
/// `-._`).
pub fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn subject() -> Value {
    json!({"role": "subject"})
}

pub fn provider(name: &str) -> Value {
    json!({"role": "provider", "provider": name})
}

/// The national bureau (every province).
pub fn bureau() -> Value {
    json!({"role": "bureau"})
}

/// A provincial bureau: `浙`, `京` …
pub fn bureau_of(province: &str) -> Value {
    json!({"role": "bureau", "province": province})
}

/// The subject `key` (document type + number), through a session opened
/// by `provider`.
pub fn subject_of(key: &str, provider: &str) -> Value {
    json!({"role": "subject", "subject": key, "provider": provider})
}

/// A valid resident ID, different for each `n` below 50,000.
pub fn resident_id(n: u32) -> String {
    let first17 = format!("110105{}0101{:03}", 1950 + (n / 1000) % 50, n % 1000);
    format!("{first17}{}", resident_id::check_char(&first17).unwrap())
}

/// A filing that passes every rule: subject `n` (a resident ID), the
/// domain `site{n}.com`, access by provider A with one IP.
pub fn filing(n: u32) -> Value {
    filing_with(n, &format!("site{n}.com"), &["A"])
}

/// A clean and complete filing of subject `n` with `domain`, access by
/// `providers` (it passes `check_submission`: fields and documents).
pub fn filing_with(n: u32, domain: &str, providers: &[&str]) -> Value {
    let id = resident_id(n);
    let person = json!({
        "name": "张三",
        "documentType": "resident_id",
        "documentNumber": id,
        "mobile": "13812345678",
        "email": "zhang@example.com"
    });
    let access: Vec<Value> = providers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({
                "provider": p,
                "method": "cloud",
                "serverLocation": "330000",
                "ips": [format!("101.200.{}.{}", (n as usize * 3 + i) / 250 % 250 + 1, (n as usize * 3 + i) % 250 + 1)]
            })
        })
        .collect();
    let v = json!({
        "subject": {
            "subjectType": "individual",
            "name": "张三",
            "documentType": "resident_id",
            "documentNumber": id,
            "province": "110000",
            "county": "110105",
            "address": "北京市朝阳区某路1号",
            "responsiblePerson": person,
            "documents": [
                {"kind": "subject_document"},
                {"kind": "responsible_person_document"},
                {"kind": "security_agreement", "date": "2026-11-20"},
                {"kind": "verification_form", "date": "2026-11-20"}
            ]
        },
        "websites": [{
            "name": "张三的博客网",
            "domains": [domain],
            "homepage": format!("http://www.{domain}"),
            "access": access,
            "responsiblePerson": person,
            "documents": [{"kind": "domain_certificate"}]
        }]
    });
    let parsed: Filing = serde_json::from_value(v.clone()).unwrap();
    let findings = check_submission(
        &parsed,
        &Options {
            today: Some(today()),
        },
    );
    assert!(
        findings.iter().all(|f| !f.is_error()),
        "the test filing no longer passes the rules: {findings:#?}"
    );
    v
}

/// A minimal HTTP/1.1 client for a real server: one request per
/// connection; (status, body).
pub async fn http(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> (u16, Value) {
    http_as(addr, None, method, path, body).await
}

/// [`http`] with `Authorization: Bearer <token>`.
pub async fn http_as(
    addr: std::net::SocketAddr,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: &str,
) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         {auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw);
    let status: u16 = text[9..12].parse().unwrap();
    let (_, rest) = text.split_once("\r\n\r\n").unwrap();
    // The server answers with Content-Length (no chunking) for JSON.
    let value = serde_json::from_str(rest).unwrap_or(Value::Null);
    (status, value)
}

/// Serves `app` on 127.0.0.1 (any port) in the background.
pub async fn spawn(app: Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = beian_server::serve(listener, app, std::future::pending()).await;
    });
    addr
}

/// Starts the `beian serve` binary on `database_url` (any free port), with
/// `extra` arguments: the child (killed when dropped) and its address, once
/// it listens. Its log is drained so that it never blocks on a full pipe.
pub async fn serve_binary(
    database_url: &str,
    extra: &[&str],
) -> (tokio::process::Child, std::net::SocketAddr) {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_beian"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent/beian/dist",
        ])
        .args(["--database-url", database_url])
        .args(extra)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(a) = line.strip_prefix("beian: listening on http://") {
                return a.parse::<std::net::SocketAddr>().unwrap();
            }
        }
        panic!("the server stopped before listening");
    })
    .await
    .expect("the server did not start");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, addr)
}
