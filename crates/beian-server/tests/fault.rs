//! Nothing lost: the `beian` binary is killed with SIGKILL in the middle of
//! a load of submissions; after a restart every submission that got a 201
//! is in the database, whole (filing, request, event, claims), and nothing
//! is half-written. On SQLite (the group commit) and on PostgreSQL.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use beian_server::{Db, DbOptions};
use serde_json::json;
use tokio::process::Child;

/// `beian serve` on the database: the child and its address.
async fn start(database_url: &str) -> (Child, SocketAddr) {
    common::serve_binary(database_url, &[]).await
}

async fn kill_during_submissions(database_url: &str) {
    // Provider A's credential, made in the database before the server starts.
    let token: &'static str = {
        let db = Db::open(&DbOptions::new(database_url)).await.unwrap();
        let token = common::credential(&db, &common::provider("A")).await;
        drop(db);
        Box::leak(token.into_boxed_str())
    };
    let (mut server, addr) = start(database_url).await;
    let accepted = Arc::new(Mutex::new(Vec::<(u32, i64)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for worker in 0..8u32 {
        let accepted = accepted.clone();
        let stop = stop.clone();
        clients.push(tokio::spawn(async move {
            let mut n = 1000 + worker;
            while !stop.load(Ordering::Relaxed) {
                let body = json!({"filing": common::filing(n)}).to_string();
                let sent = tokio::time::timeout(
                    Duration::from_secs(5),
                    try_post(addr, token, "/api/v1/filings", &body),
                )
                .await;
                match sent {
                    Ok(Some((201, v))) => {
                        accepted
                            .lock()
                            .unwrap()
                            .push((n, v["filing"]["id"].as_i64().unwrap()));
                    }
                    Ok(Some((status, v))) => panic!("{status}: {v}"),
                    // The server is gone.
                    _ => break,
                }
                n += 8;
            }
        }));
    }
    // Let the load run until a good number of submissions have been
    // answered (however slow the machine), then kill -9 in the middle of it.
    let loaded = tokio::time::timeout(Duration::from_secs(120), async {
        while accepted.lock().unwrap().len() < 24 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(
        loaded.is_ok(),
        "the server answered too few submissions in 120 s"
    );
    server.start_kill().unwrap();
    server.wait().await.unwrap();
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.await.unwrap();
    }
    let accepted = accepted.lock().unwrap().clone();
    assert!(
        accepted.len() >= 24,
        "too few submissions before the kill: {}",
        accepted.len()
    );

    // Restart on the same database: every 201 is there.
    let (mut server, addr) = start(database_url).await;
    for (n, id) in &accepted {
        let (status, v) = try_get(addr, token, &format!("/api/v1/filings/{id}"))
            .await
            .unwrap();
        assert_eq!(status, 200, "filing {id} (submission {n}) is lost: {v}");
        assert_eq!(v["domains"], json!([format!("site{n}.com")]));
        assert_eq!(v["requests"][0]["status"], "provider_verification");
    }
    server.start_kill().unwrap();
    server.wait().await.unwrap();

    // Nothing half-written: every filing has its request, its event and its claims.
    let db = Db::open(&DbOptions::new(database_url)).await.unwrap();
    let mut reader = db.reader().await.unwrap();
    let mut conn = reader.conn();
    let count = |rows: Vec<beian_server::db::Row>| rows.len();
    let filings = count(conn.fetch_all("SELECT id FROM filings", &[]).await.unwrap());
    assert!(filings >= accepted.len());
    let checks = [
        "SELECT f.id FROM filings f WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.filing_id = f.id)",
        "SELECT r.id FROM requests r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.request_id = r.id)",
        "SELECT f.id FROM filings f WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.filing_id = f.id AND c.kind = 'domain')",
        "SELECT f.id FROM filings f WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.filing_id = f.id AND c.kind = 'subject')",
        "SELECT c.value FROM claims c WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = c.request_id)",
    ];
    for sql in checks {
        let orphans = count(conn.fetch_all(sql, &[]).await.unwrap());
        assert_eq!(orphans, 0, "half-written rows: {sql}");
    }
    eprintln!(
        "fault test: {} submissions answered 201 before the kill, {filings} filings after it",
        accepted.len()
    );
}

async fn try_post(
    addr: SocketAddr,
    token: &str,
    path: &str,
    body: &str,
) -> Option<(u16, serde_json::Value)> {
    raw(addr, token, "POST", path, body).await
}

async fn try_get(addr: SocketAddr, token: &str, path: &str) -> Option<(u16, serde_json::Value)> {
    raw(addr, token, "GET", path, "").await
}

/// One request on a fresh connection; none when the connection breaks.
async fn raw(
    addr: SocketAddr,
    token: &str,
    method: &str,
    path: &str,
    body: &str,
) -> Option<(u16, serde_json::Value)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Authorization: Bearer {token}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.ok()?;
    let text = String::from_utf8_lossy(&raw);
    let status: u16 = text.get(9..12)?.parse().ok()?;
    let (_, rest) = text.split_once("\r\n\r\n")?;
    Some((status, serde_json::from_str(rest).ok()?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_loses_no_accepted_submission_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("beian.db").display());
    kill_during_submissions(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_loses_no_accepted_submission_postgres() {
    let Some(b) = common::postgres().await else {
        return;
    };
    // The database exists and is migrated; the binary opens it by URL.
    let url = b.url.clone();
    drop(b);
    kill_during_submissions(&url).await;
}
