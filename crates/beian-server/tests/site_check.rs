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

fn app(allow_private: bool) -> App {
    App::with(AppConfig {
        site_check: beian_site::FetchOptions {
            allow_private,
            ..beian_site::FetchOptions::default()
        },
        ..common::config(None)
    })
}

#[tokio::test]
async fn a_site_with_its_number_passes_and_one_without_does_not() {
    let port = site().await;
    let app = app(true);
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
    let reply = app(false)
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
    let app = app(false);
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
