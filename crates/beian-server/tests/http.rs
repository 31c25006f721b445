//! The HTTP envelope: security headers and the wizard's CSP, CORS for the
//! embedding panel, the request timeout.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use beian_server::AppConfig;
use common::App;

#[tokio::test]
async fn api_answers_carry_security_headers() {
    let app = App::with(common::config(None));
    for reply in [
        app.get("/api/v1/health").await,
        app.get("/api/v1/nope").await,
        app.post_raw("/api/v1/check", b"nope".to_vec()).await,
    ] {
        let h = &reply.headers;
        assert_eq!(
            h[header::CONTENT_SECURITY_POLICY],
            "default-src 'none'; frame-ancestors 'none'"
        );
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer");
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        assert!(!h.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    }
}

#[tokio::test]
async fn the_wizard_page_allows_exactly_its_inline_script() {
    let dist = tempfile::tempdir().unwrap();
    let script = "\nimport init from '/app.js';\nawait init({ module_or_path: '/app_bg.wasm' });\n";
    std::fs::write(
        dist.path().join("index.html"),
        format!("<!doctype html><title>wizard</title><script type=\"module\">{script}</script>"),
    )
    .unwrap();
    std::fs::write(dist.path().join("app.js"), "export default () => 1").unwrap();
    let app = App::with(AppConfig {
        dist: dist.path().to_path_buf(),
        cors_origins: vec!["https://panel.example.com".into()],
        ..common::config(None)
    });
    let reply = app.get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().contains(script), "the page is served whole");
    let csp = reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    let expected = beian_server::security::inline_script_hashes(&reply.text());
    assert_eq!(expected.len(), 1);
    assert!(
        csp.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' {}",
            expected[0]
        )),
        "{csp}"
    );
    assert!(
        csp.contains("frame-ancestors 'self' https://panel.example.com"),
        "{csp}"
    );
    assert!(
        csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"),
        "{csp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    let reply = app.get("/app.js").await;
    assert!(reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .starts_with("default-src 'self'"));
    assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn cors_for_the_panel_origin_only() {
    let app = App::with(AppConfig {
        cors_origins: vec!["https://panel.example.com".into()],
        ..common::config(None)
    });
    let preflight = |origin: &str| {
        Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/v1/check")
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
            .body(Body::empty())
            .unwrap()
    };
    let reply = app.send(preflight("https://panel.example.com")).await;
    assert!(reply.status.is_success(), "{}", reply.status);
    assert_eq!(
        reply.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://panel.example.com"
    );
    let methods = reply.headers[header::ACCESS_CONTROL_ALLOW_METHODS]
        .to_str()
        .unwrap();
    assert!(methods.contains("POST"), "{methods}");
    let reply = app.send(preflight("https://evil.example.com")).await;
    assert!(!reply
        .headers
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));

    let request = Request::post("/api/v1/check")
        .header(header::ORIGIN, "https://panel.example.com")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(common::filing(1).to_string()))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://panel.example.com"
    );

    // Without --cors-origin, no CORS at all.
    let app = App::with(common::config(None));
    let reply = app.send(preflight("https://panel.example.com")).await;
    assert!(!reply
        .headers
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
    assert_eq!(reply.json()["error"]["code"], "method_not_allowed");
}

/// A panel on another origin loads the custom element's loader, the
/// wizard's module and .wasm and the npm package across origins (module
/// scripts and `fetch` are CORS requests; issue 17): the static files answer
/// the `--cors-origin` origins, and no other.
#[tokio::test]
async fn static_files_for_the_panel_origin_only() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>w</title>",
    )
    .unwrap();
    std::fs::write(dist.path().join("beian-wizard.js"), "export {}").unwrap();
    std::fs::write(
        dist.path().join("beian-web-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    let pkg = tempfile::tempdir().unwrap();
    std::fs::write(pkg.path().join("index.js"), "export {}").unwrap();
    let config = |origins: Vec<String>| AppConfig {
        dist: dist.path().to_path_buf(),
        pkg: pkg.path().to_path_buf(),
        cors_origins: origins,
        ..common::config(None)
    };
    let app = App::with(config(vec!["https://panel.example.com".into()]));
    let get = |path: &str, origin: &str| {
        Request::get(path)
            .header(header::ORIGIN, origin)
            .body(Body::empty())
            .unwrap()
    };
    for path in [
        "/beian-wizard.js",
        "/beian-web-0123456789abcdef_bg.wasm",
        "/pkg/index.js",
        "/",
    ] {
        let reply = app.send(get(path, "https://panel.example.com")).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            reply.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "https://panel.example.com",
            "{path}"
        );
        assert!(reply.headers.contains_key(header::CACHE_CONTROL), "{path}");
        let reply = app.send(get(path, "https://evil.example.com")).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            !reply
                .headers
                .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "{path}"
        );
    }
    // Without --cors-origin, none.
    let app = App::with(config(Vec::new()));
    let reply = app
        .send(get("/beian-wizard.js", "https://panel.example.com"))
        .await;
    assert!(!reply
        .headers
        .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
}

/// A body that never sends anything.
struct Stalled;

impl http_body::Body for Stalled {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn a_stalled_request_times_out_with_a_json_error() {
    let app = App::with(AppConfig {
        request_timeout: Duration::from_millis(100),
        ..common::config(None)
    });
    let request = Request::post("/api/v1/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::new(Stalled))
        .unwrap();
    let started = std::time::Instant::now();
    let reply = app.send(request).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(reply.status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(reply.content_type(), "application/json");
    assert_eq!(reply.json()["error"]["code"], "timeout");
}

#[tokio::test]
async fn without_a_database_the_registry_routes_say_so() {
    let app = App::with(common::config(None));
    let reply = app.get("/api/v1/filings").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.json()["error"]["code"], "no_database");
    // The check needs none.
    let reply = app.post("/api/v1/check", &common::filing(1)).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn health_goes_through_the_database() {
    let b = common::sqlite().await;
    let reply = App::new(&b.db).get("/api/v1/health").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), serde_json::json!({"status": "ok"}));
}
