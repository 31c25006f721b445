//! `POST /api/v1/site-check` against a site served on 127.0.0.1 (issue 18);
//! the findings themselves are tested in beian-site.

mod common;

use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use beian_rules::footer::{snippet, FooterStyle};
use beian_server::AppConfig;
use common::App;
use serde_json::json;

async fn site() -> u16 {
    let good = snippet("京ICP备12345678号-1", FooterStyle::Inline).unwrap();
    let page = move |footer: String| {
        format!(
            "<!doctype html><title>例子</title><main>{}</main><footer>{footer}</footer>",
            "<p>正文</p>".repeat(20)
        )
    };
    let home = page(good);
    let bare = page("© 2026".into());
    let app = Router::new()
        .route("/", get(move || async move { Html(home) }))
        .route("/bare", get(move || async move { Html(bare) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    port
}

/// The app with a database (a site check needs a credential).
async fn app(allow_private: bool) -> (App, common::Backed) {
    let b = common::sqlite().await;
    let app = App::with(AppConfig {
        site_check: beian_site::FetchOptions {
            allow_private,
            ..beian_site::FetchOptions::default()
        },
        ..common::config(Some(b.db.clone()))
    });
    (app, b)
}

#[tokio::test]
async fn a_site_with_its_number_passes_and_one_without_does_not() {
    let port = site().await;
    let (app, _b) = app(true).await;
    let url = format!("http://127.0.0.1:{port}/");
    let reply = app
        .post(
            "/api/v1/site-check",
            &json!({"url": url, "number": "京ICP备12345678号-1"}),
        )
        .await;
    reply.expect(StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["ok"], true, "{body}");
    assert_eq!(body["url"], url);
    assert_eq!(body["findings"], json!([]));

    let reply = app
        .post(
            "/api/v1/site-check",
            &json!({"url": format!("127.0.0.1:{port}/bare")}),
        )
        .await;
    let body = reply.json();
    assert_eq!(body["ok"], false);
    assert_eq!(body["findings"][0]["rule"], "site.number_missing");
    assert_eq!(body["findings"][0]["path"], "/url");
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    let port = site().await;
    let (app, _b) = app(false).await;
    let reply = app
        .post(
            "/api/v1/site-check",
            &json!({"url": format!("http://127.0.0.1:{port}/")}),
        )
        .await;
    reply.expect(StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["url"], serde_json::Value::Null);
    assert_eq!(body["findings"][0]["rule"], "site.fetch");
}

#[tokio::test]
async fn bad_bodies_are_schema_errors() {
    let (app, _b) = app(false).await;
    for body in [
        json!({}),
        json!({"url": 5}),
        json!({"url": "http://example.com/", "extra": 1}),
        json!({"url": format!("http://example.com/{}", "a".repeat(3000))}),
    ] {
        let reply = app.post("/api/v1/site-check", &body).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(reply.json()["error"]["code"], "5001", "{body}");
    }
}

/// A page showing `number` in its footer, served on 127.0.0.1.
async fn showing(number: String) -> u16 {
    let footer = snippet(&number, FooterStyle::Plain).unwrap();
    let home =
        format!("<!doctype html><title>例子</title><main>正文</main><footer>{footer}</footer>");
    let app = Router::new().route("/", get(move || async move { Html(home) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    port
}

/// Issue 18 with the registry of issue 14: a number of another domain, or
/// of a revoked filing, is wrong on this page though it looks right.
#[tokio::test]
async fn the_registry_knows_whose_number_it_is() {
    let b = common::sqlite().await;
    let local = std::net::IpAddr::from([127, 0, 0, 1]);
    let app = App::with(AppConfig {
        site_check: beian_site::FetchOptions {
            allow_private: true,
            resolve: vec![
                ("www.site1600.com".into(), local),
                ("www.stranger.cn".into(), local),
            ],
            ..beian_site::FetchOptions::default()
        },
        ..common::config(Some(b.db.clone()))
    });
    let (fid, rid, _) = app.approved(&common::filing(1600)).await;
    let filing = app.get(&format!("/api/v1/filings/{fid}")).await.json();
    let number = filing["approved"]["websites"][0]["filingNumber"]
        .as_str()
        .unwrap()
        .to_string();
    let port = showing(number.clone()).await;
    let check =
        |host: &str| json!({"url": format!("http://{host}:{port}/"), "number": number.clone()});
    let rules = |v: serde_json::Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let own = app
        .post("/api/v1/site-check", &check("www.site1600.com"))
        .await
        .json();
    assert_eq!(own["ok"], true, "{own}");
    let other = app
        .post("/api/v1/site-check", &check("www.stranger.cn"))
        .await
        .json();
    assert_eq!(other["ok"], false);
    assert_eq!(rules(other), ["site.number_other_domain"]);
    common::App::event(
        &app,
        rid,
        common::bureau(),
        json!({"type": "bureau_revoke", "reason": "虚假备案"}),
    )
    .await
    .expect(StatusCode::OK);
    let revoked = app
        .post("/api/v1/site-check", &check("www.site1600.com"))
        .await
        .json();
    assert_eq!(rules(revoked), ["site.number_cancelled"]);
}

/// Each check fetches a page elsewhere: a client address may make only so
/// many a minute (issue 18), then 429 with Retry-After.
#[tokio::test]
async fn site_checks_are_limited_per_client_address() {
    let b = common::sqlite().await;
    let app = App::with(AppConfig {
        site_checks_per_minute: 2,
        ..common::config(Some(b.db.clone()))
    });
    let body = json!({"url": "http://127.0.0.1:9/"});
    for _ in 0..2 {
        app.post("/api/v1/site-check", &body)
            .await
            .expect(StatusCode::OK);
    }
    let r = app.post("/api/v1/site-check", &body).await;
    r.expect(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    assert!(r.headers.get("retry-after").is_some());
}
