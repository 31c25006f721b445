//! Simultaneous requests over real HTTP connections to a server on
//! 127.0.0.1, on SQLite and on PostgreSQL: of two (or twelve) submissions
//! of the same domain or subject exactly one wins and the others get 1005
//! or 1003; the database decides (unique constraints in a transaction),
//! not a lock in the server.

mod common;

use std::net::SocketAddr;

use common::{filing, filing_with, provider, subject, App};
use serde_json::{json, Value};

const RACERS: u32 = 12;

async fn race(addr: SocketAddr, bodies: Vec<(String, String, String)>) -> Vec<(u16, Value)> {
    race_at(
        bodies
            .into_iter()
            .map(|(p, t, b)| (addr, p, t, b))
            .collect(),
    )
    .await
}

/// [`race`], each body to its own server.
async fn race_at(bodies: Vec<(SocketAddr, String, String, String)>) -> Vec<(u16, Value)> {
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(bodies.len()));
    let tasks: Vec<_> = bodies
        .into_iter()
        .map(|(addr, path, token, body)| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                common::http_as(addr, Some(&token), "POST", &path, &body).await
            })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn codes(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["severity"] == "error")
                .map(|f| f["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn count(b: &common::Backed, sql: &str) -> i64 {
    let mut reader = b.db.reader().await.unwrap();
    reader
        .conn()
        .fetch_one(sql, &[])
        .await
        .unwrap()
        .int("n")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_domain_one_winner() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let addr = common::spawn(app.router.clone()).await;
        let mut bodies = Vec::new();
        for n in 0..RACERS {
            let f = filing_with(100 + n, "contested.com", &["A"]);
            bodies.push((
                "/api/v1/filings".to_string(),
                app.token_for_filing(&subject(), &f).await,
                json!({"filing": f}).to_string(),
            ));
        }
        let results = race(addr, bodies).await;
        let won = results.iter().filter(|(s, _)| *s == 201).count();
        assert_eq!(won, 1, "{}: {results:#?}", b.name);
        for (status, body) in results.iter().filter(|(s, _)| *s != 201) {
            assert_eq!(*status, 409, "{}: {body}", b.name);
            assert_eq!(codes(body), ["1005"], "{}: {body}", b.name);
        }
        assert_eq!(count(&b, "SELECT COUNT(*) AS n FROM filings").await, 1);
        assert_eq!(
            count(&b, "SELECT COUNT(*) AS n FROM claims WHERE kind = 'domain'").await,
            1
        );
        // The losers left nothing behind.
        assert_eq!(count(&b, "SELECT COUNT(*) AS n FROM requests").await, 1);
        assert_eq!(count(&b, "SELECT COUNT(*) AS n FROM events").await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_subject_one_winner() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let addr = common::spawn(app.router.clone()).await;
        let same = filing(7);
        let mut bodies = Vec::new();
        for n in 0..RACERS {
            let mut f = filing_with(7, &format!("racer{n}.com"), &["A"]);
            f["subject"] = same["subject"].clone();
            f["websites"][0]["responsiblePerson"] =
                same["websites"][0]["responsiblePerson"].clone();
            bodies.push((
                "/api/v1/filings".to_string(),
                app.token_for_filing(&subject(), &f).await,
                json!({"filing": f}).to_string(),
            ));
        }
        let results = race(addr, bodies).await;
        let won = results.iter().filter(|(s, _)| *s == 201).count();
        assert_eq!(won, 1, "{}: {results:#?}", b.name);
        for (status, body) in results.iter().filter(|(s, _)| *s != 201) {
            assert_eq!(*status, 409, "{}: {body}", b.name);
            assert_eq!(codes(body), ["1003"], "{}: {body}", b.name);
        }
        assert_eq!(count(&b, "SELECT COUNT(*) AS n FROM filings").await, 1);
        assert_eq!(
            count(&b, "SELECT COUNT(*) AS n FROM claims WHERE kind = 'domain'").await,
            1
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_providers_verify_at_once() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let addr = common::spawn(app.router.clone()).await;
        let v = app
            .submit(subject(), &filing_with(1, "site1.com", &["A", "B"]))
            .await
            .json();
        let rid = v["request"]["id"].as_i64().unwrap();
        let path = format!("/api/v1/requests/{rid}/events");
        let mut bodies = Vec::new();
        for p in ["A", "B"] {
            bodies.push((
                path.clone(),
                app.token(&provider(p)).await,
                json!({"event": {"type": "provider_verify", "provider": p}}).to_string(),
            ));
        }
        let results = race(addr, bodies).await;
        for (status, body) in &results {
            assert_eq!(*status, 200, "{}: {body}", b.name);
        }
        let v = app.get(&format!("/api/v1/requests/{rid}")).await.json();
        assert_eq!(v["status"], "bureau_review", "{}", b.name);
        assert_eq!(v["version"], 2);
        let mut by: Vec<String> = serde_json::from_value(v["state"]["verifiedBy"].clone()).unwrap();
        by.sort();
        assert_eq!(by, ["A", "B"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_changes_through_one_provider_one_pending() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let addr = common::spawn(app.router.clone()).await;
        let (fid, _, _) = app.approved(&filing(1)).await;
        let mut requests = Vec::new();
        for address in ["北京市海淀区某路2号", "北京市海淀区某路3号"] {
            let v = app.start(fid, provider("A"), "change").await.json();
            let rid = v["request"]["id"].as_i64().unwrap();
            let mut proposed = v["request"]["state"]["filing"].clone();
            proposed["subject"]["address"] = json!(address);
            app.event(
                rid,
                subject(),
                json!({"type": "subject_edit", "filing": proposed}),
            )
            .await
            .expect(axum::http::StatusCode::OK);
            requests.push(rid);
        }
        let token = app.token_on_filing(&subject(), fid).await;
        let bodies = requests
            .iter()
            .map(|rid| {
                (
                    format!("/api/v1/requests/{rid}/events"),
                    token.clone(),
                    json!({"event": {"type": "submit", "by": "subject"}}).to_string(),
                )
            })
            .collect();
        let results = race(addr, bodies).await;
        let won = results.iter().filter(|(s, _)| *s == 200).count();
        assert_eq!(won, 1, "{}: {results:#?}", b.name);
        let (status, body) = results.iter().find(|(s, _)| *s != 200).unwrap();
        assert_eq!(*status, 409, "{}: {body}", b.name);
        assert_eq!(codes(body), ["1051"], "{}: {body}", b.name);
    }
}

/// Two `beian serve` processes on one PostgreSQL database: of twelve
/// submissions of one domain, sent half to each, exactly one wins; the
/// database decides, not a lock in either server.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgres_one_domain_one_winner() {
    let Some(b) = common::postgres().await else {
        return;
    };
    let app = App::new(&b.db);
    let (mut one, a) = common::serve_binary(&b.url, &[]).await;
    let (mut two, c) = common::serve_binary(&b.url, &[]).await;
    let mut bodies = Vec::new();
    for n in 0..RACERS {
        let f = filing_with(300 + n, "contested-by-two.com", &["A"]);
        bodies.push((
            if n % 2 == 0 { a } else { c },
            "/api/v1/filings".to_string(),
            app.token_for_filing(&subject(), &f).await,
            json!({"filing": f}).to_string(),
        ));
    }
    let results = race_at(bodies).await;
    let won = results.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(won, 1, "{results:#?}");
    for (status, body) in results.iter().filter(|(s, _)| *s != 201) {
        assert_eq!(*status, 409, "{body}");
        assert_eq!(codes(body), ["1005"], "{body}");
    }
    assert_eq!(
        count(&b, "SELECT COUNT(*) AS n FROM claims WHERE kind = 'domain'").await,
        1
    );
    assert_eq!(count(&b, "SELECT COUNT(*) AS n FROM requests").await, 1);
    one.start_kill().unwrap();
    two.start_kill().unwrap();
}
