//! Events pushed to the providers' panels (issue 15): the outbox is written
//! with each status change and sent, signed, to the provider's webhook
//! until it answers 2xx, in order per filing, each event acknowledged once.
//! A receiver on 127.0.0.1 fails the first attempts; a server killed with
//! SIGKILL sends what it had not sent after its restart; two servers on one
//! PostgreSQL database send each event once.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use beian_server::outbox::{self, DeliveryOptions};
use common::{filing, filing_with, App};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

const SECRET: &str = "whsec_test_0123456789abcdef";

/// What the panel received.
#[derive(Debug, Default)]
struct Panel {
    /// Answer 503 to the first this many attempts.
    fail_first: usize,
    /// Answer 503 to everything while true.
    closed: bool,
    /// Every attempt, acknowledged or not.
    attempts: usize,
    /// The bodies acknowledged (2xx), in the order they came.
    acked: Vec<Value>,
    /// Attempts whose signature or id header did not check out.
    bad: Vec<String>,
}

type Shared = Arc<Mutex<Panel>>;

async fn receive(State(panel): State<Shared>, headers: HeaderMap, body: String) -> StatusCode {
    let mut p = panel.lock().unwrap();
    p.attempts += 1;
    let sig = headers
        .get(outbox::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let t: i64 = sig
        .strip_prefix("t=")
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(-1);
    let value: Value = serde_json::from_str(&body).unwrap_or_default();
    let id_header = headers
        .get(outbox::EVENT_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if outbox::signature(SECRET, t, &body) != sig
        || value["id"] != id_header.parse::<i64>().unwrap_or(-1)
    {
        p.bad.push(format!("{sig} {id_header} {body}"));
        return StatusCode::BAD_REQUEST;
    }
    if p.closed || p.attempts <= p.fail_first {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    p.acked.push(value);
    StatusCode::OK
}

/// A panel on 127.0.0.1: its state and its webhook URL.
async fn panel(fail_first: usize, closed: bool) -> (Shared, String) {
    let shared: Shared = Arc::new(Mutex::new(Panel {
        fail_first,
        closed,
        ..Panel::default()
    }));
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (shared, format!("http://{addr}/hook"))
}

fn fast() -> DeliveryOptions {
    let mut o = DeliveryOptions {
        retry_base: Duration::from_millis(10),
        ..DeliveryOptions::default()
    };
    o.fetch.allow_private = true;
    o
}

/// Waits (at most `secs`) until the panel has acknowledged `n` events.
async fn until_acked(
    panel: &Shared,
    n: usize,
    secs: u64,
    mut tick: impl FnMut() -> Option<tokio::task::JoinHandle<()>>,
) {
    let done = tokio::time::timeout(Duration::from_secs(secs), async {
        loop {
            if panel.lock().unwrap().acked.len() >= n {
                return;
            }
            if let Some(h) = tick() {
                h.await.unwrap();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    let p = panel.lock().unwrap();
    assert!(
        done.is_ok(),
        "{} of {n} events acknowledged: {p:#?}",
        p.acked.len()
    );
}

/// Every event acknowledged once, and per filing in `seq` order.
fn once_and_in_order(acked: &[Value]) {
    let mut ids: Vec<i64> = acked.iter().map(|v| v["id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "an event acknowledged twice: {acked:#?}");
    let mut last = std::collections::HashMap::new();
    for v in acked {
        let (f, seq) = (v["filingId"].as_i64().unwrap(), v["seq"].as_i64().unwrap());
        let before = last.insert(f, seq).unwrap_or(0);
        assert_eq!(
            seq,
            before + 1,
            "filing {f}: seq {seq} after {before}: {acked:#?}"
        );
    }
}

#[tokio::test]
async fn a_flaky_panel_gets_every_status_change_once_in_order() {
    for b in common::backends().await {
        let (panel, url) = panel(2, false).await;
        outbox::set(&b.db, "A", &url, SECRET).await.unwrap();
        let app = App::new(&b.db);
        // A and B run the websites' access; only A has a webhook.
        let (fid, _, _) = app
            .approved(&filing_with(1, "site1.com", &["A", "B"]))
            .await;
        let db = b.db.clone();
        until_acked(&panel, 4, 30, || {
            let db = db.clone();
            Some(tokio::spawn(async move {
                outbox::deliver_due(&db, &fast()).await.unwrap();
            }))
        })
        .await;
        {
            let p = panel.lock().unwrap();
            assert!(p.bad.is_empty(), "{}: {:#?}", b.name, p.bad);
            once_and_in_order(&p.acked);
            let types: Vec<&str> = p
                .acked
                .iter()
                .map(|v| v["type"].as_str().unwrap())
                .collect();
            // Submitted, verified by A, then by B, approved.
            assert_eq!(
                types,
                [
                    "submit",
                    "provider_verify",
                    "provider_verify",
                    "bureau_approve"
                ],
                "{}",
                b.name
            );
            let approved = &p.acked[3];
            assert_eq!(approved["filingId"], fid);
            assert_eq!(approved["status"], "approved");
            assert_eq!(approved["previousStatus"], "bureau_review");
            assert!(approved["filingNumber"].as_str().unwrap().contains("ICP备"));
            assert_eq!(approved["websites"][0]["domains"], json!(["site1.com"]));
            assert!(!approved.to_string().contains("documentNumber"));
            // The failed attempts came before; nothing more is due.
            assert_eq!(p.attempts, 6, "{}", b.name);
        }
        assert_eq!(outbox::deliver_due(&b.db, &fast()).await.unwrap(), 0);
        let hooks = outbox::list(&b.db).await.unwrap();
        assert_eq!((hooks[0].provider.as_str(), hooks[0].pending), ("A", 0));
    }
}

#[tokio::test]
async fn a_refusal_says_why_and_a_provider_without_a_webhook_gets_nothing() {
    let b = common::sqlite().await;
    let (panel, url) = panel(0, false).await;
    outbox::set(&b.db, "A", &url, SECRET).await.unwrap();
    let app = App::new(&b.db);
    // Provider C only: no webhook, nothing in the outbox.
    app.approved(&filing_with(2, "site2.com", &["C"])).await;
    assert_eq!(outbox::deliver_due(&b.db, &fast()).await.unwrap(), 0);
    // A's filing, refused by the bureau with a reason.
    let reply = app.submit(common::subject(), &filing(3)).await;
    let rid = reply.json()["request"]["id"].as_i64().unwrap();
    app.event(
        rid,
        common::provider("A"),
        json!({"type": "provider_verify", "provider": "A"}),
    )
    .await
    .expect(StatusCode::OK);
    app.event(
        rid,
        common::bureau(),
        json!({"type": "bureau_refuse", "reason": "网站名称与内容不符"}),
    )
    .await
    .expect(StatusCode::OK);
    while outbox::deliver_due(&b.db, &fast()).await.unwrap() > 0 {}
    let p = panel.lock().unwrap();
    let last = p.acked.last().unwrap();
    assert_eq!(p.acked.len(), 3);
    assert_eq!(
        (last["type"].as_str(), last["status"].as_str()),
        (Some("bureau_refuse"), Some("refused"))
    );
    assert_eq!(last["reason"], "网站名称与内容不符");
}

/// `beian serve` on the database: the child and its address.
async fn start(database_url: &str) -> (Child, SocketAddr) {
    common::serve_binary(
        database_url,
        &["--webhook-allow-private", "--webhook-retry-ms", "50"],
    )
    .await
}

/// `beian webhooks set` for provider A.
async fn set_webhook(database_url: &str, url: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_beian"))
        .args([
            "webhooks",
            "--database-url",
            database_url,
            "set",
            "--provider",
            "A",
            "--url",
            url,
            "--secret",
            SECRET,
        ])
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (said["provider"].as_str(), said["secret"].as_str()),
        (Some("A"), Some(SECRET))
    );
}

/// Provider A's and the national bureau's credentials in the database at
/// `database_url`.
struct Tokens {
    provider: String,
    bureau: String,
}

async fn tokens(database_url: &str) -> Tokens {
    let db = beian_server::Db::open(&beian_server::DbOptions::new(database_url))
        .await
        .unwrap();
    Tokens {
        provider: common::credential(&db, &common::provider("A")).await,
        bureau: common::credential(&db, &common::bureau()).await,
    }
}

/// Submits filing `n` through `addr` (provider A), verified by A and
/// approved through `approve_at`: its request id.
async fn approve(tokens: &Tokens, addr: SocketAddr, approve_at: SocketAddr, n: u32) -> i64 {
    let body = json!({"filing": filing(n)}).to_string();
    let provider = Some(tokens.provider.as_str());
    let (status, v) = common::http_as(addr, provider, "POST", "/api/v1/filings", &body).await;
    assert_eq!(status, 201, "{v}");
    let rid = v["request"]["id"].as_i64().unwrap();
    let path = format!("/api/v1/requests/{rid}/events");
    let verify = json!({"event": {"type": "provider_verify", "provider": "A"}});
    let (status, v) =
        common::http_as(approve_at, provider, "POST", &path, &verify.to_string()).await;
    assert_eq!(status, 200, "{v}");
    let approve = json!({"event": {"type": "bureau_approve"}});
    let bureau = Some(tokens.bureau.as_str());
    let (status, v) = common::http_as(addr, bureau, "POST", &path, &approve.to_string()).await;
    assert_eq!(status, 200, "{v}");
    rid
}

async fn kill_9_between_commit_and_delivery(database_url: &str) {
    let (panel, url) = panel(0, true).await;
    set_webhook(database_url, &url).await;
    let tokens = tokens(database_url).await;
    let (mut server, addr) = start(database_url).await;
    approve(&tokens, addr, addr, 11).await;
    // The server tries (the panel is down), then dies.
    until(&panel, |p| p.attempts >= 2, 60).await;
    server.start_kill().unwrap();
    server.wait().await.unwrap();
    panel.lock().unwrap().closed = false;
    let (mut server, _) = start(database_url).await;
    until_acked(&panel, 3, 60, || None).await;
    server.start_kill().unwrap();
    let p = panel.lock().unwrap();
    once_and_in_order(&p.acked);
    assert!(p.bad.is_empty(), "{:#?}", p.bad);
    let types: Vec<&str> = p
        .acked
        .iter()
        .map(|v| v["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["submit", "provider_verify", "bureau_approve"]);
}

/// Waits (at most `secs`) until `cond` holds of the panel.
async fn until(panel: &Shared, cond: impl Fn(&Panel) -> bool, secs: u64) {
    let done = tokio::time::timeout(Duration::from_secs(secs), async {
        while !cond(&panel.lock().unwrap()) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(done.is_ok(), "{:#?}", panel.lock().unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_loses_no_event_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("beian.db").display());
    kill_9_between_commit_and_delivery(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_loses_no_event_postgres() {
    let Some(b) = common::postgres().await else {
        return;
    };
    let url = b.url.clone();
    drop(b);
    kill_9_between_commit_and_delivery(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_send_each_event_once() {
    let Some(b) = common::postgres().await else {
        return;
    };
    let url = b.url.clone();
    drop(b);
    let (panel, hook) = panel(3, false).await;
    set_webhook(&url, &hook).await;
    let tokens = tokens(&url).await;
    let (mut one, a) = start(&url).await;
    let (mut two, b) = start(&url).await;
    // Six filings, their events written through both servers.
    for n in 0..6u32 {
        let (x, y) = if n % 2 == 0 { (a, b) } else { (b, a) };
        approve(&tokens, x, y, 20 + n).await;
    }
    until_acked(&panel, 18, 90, || None).await;
    one.start_kill().unwrap();
    two.start_kill().unwrap();
    let p = panel.lock().unwrap();
    assert!(p.bad.is_empty(), "{:#?}", p.bad);
    assert_eq!(p.acked.len(), 18);
    once_and_in_order(&p.acked);
}
