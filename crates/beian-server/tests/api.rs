//! The router, in process: `tower::ServiceExt::oneshot` on `router(..)`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use beian_rules::{check_with, resident_id, Date, Filing, Options};
use beian_server::{router, AppConfig, Clock, RequestLog};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const HEADLINE: &str = r#"{
    "subject": {"documentNumber": "11010519491231002x"},
    "websites": [{"domains": ["www.example.com"], "homepage": "http://www.other.cn"}]
}"#;

fn today() -> Date {
    Date::new(2026, 11, 25).unwrap()
}

fn config() -> AppConfig {
    AppConfig {
        dist: PathBuf::from("/nonexistent/beian/dist"),
        pkg: PathBuf::from("/nonexistent/beian/pkg"),
        clock: Clock::Fixed(today()),
        log: RequestLog::Off,
        ..AppConfig::default()
    }
}

fn app() -> Router {
    router(config())
}

struct Reply {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn send(app: Router, request: Request<Body>) -> Reply {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        content_type,
        body,
    }
}

fn post_json(body: impl Into<Body>) -> Request<Body> {
    Request::post("/api/v1/check")
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// The body is `{"error": {"code": .., "message": ..}}` with a non-empty message.
fn assert_json_error(reply: &Reply, status: StatusCode, code: &str) -> String {
    assert_eq!(reply.status, status, "{}", reply.text());
    assert_eq!(reply.content_type, "application/json", "{}", reply.text());
    let v = reply.json();
    let error = v["error"].as_object().expect("an error object");
    assert_eq!(error.len(), 2, "{v}");
    assert_eq!(error["code"], code, "{v}");
    let message = error["message"].as_str().expect("a message").to_string();
    assert!(!message.trim().is_empty(), "{v}");
    message
}

#[tokio::test]
async fn check_returns_the_three_headline_findings() {
    let reply = send(app(), post_json(HEADLINE)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.content_type, "application/json");
    let v = reply.json();
    assert_eq!(v.as_object().unwrap().len(), 1, "only findings: {v}");
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("1015", "/subject/documentNumber"),
            ("1004", "/websites/0/domains/0"),
            ("1041", "/websites/0/homepage"),
        ]
    );
    assert_eq!(v["findings"][0]["suggestion"], "11010519491231002X");
    assert_eq!(v["findings"][1]["suggestion"], "example.com");

    // Exactly the rules crate's answer, field for field.
    let filing: Filing = serde_json::from_str(HEADLINE).unwrap();
    let expected = check_with(
        &filing,
        &Options {
            today: Some(today()),
        },
    );
    assert_eq!(v, json!({ "findings": expected }));
}

#[tokio::test]
async fn check_passes_today_to_the_rules() {
    // Born the day after the fixed today: a future birth date.
    let first17 = "11010520261126002";
    let id = format!("{first17}{}", resident_id::check_char(first17).unwrap());
    let body = json!({
        "subject": {"documentNumber": id},
        "websites": [{"domains": ["example.com"], "homepage": "www.example.com"}]
    });
    let reply = send(app(), post_json(body.to_string())).await;
    assert_eq!(reply.status, StatusCode::OK);
    let rules: Vec<String> = reply.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, ["resident_id.future_birth_date"]);

    // A day later by the clock, the same filing is clean.
    let later = router(AppConfig {
        clock: Clock::Fixed(Date::new(2026, 11, 26).unwrap()),
        ..config()
    });
    let reply = send(later, post_json(body.to_string())).await;
    assert_eq!(reply.json(), json!({"findings": []}));
}

#[tokio::test]
async fn a_clean_filing_and_charset_parameter() {
    let body = r#"{"subject": {"documentNumber": "11010519491231002X"},
        "websites": [{"domains": ["example.com", "例子.中国"], "homepage": "https://www.example.com/"}]}"#;
    let request = Request::post("/api/v1/check")
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(body))
        .unwrap();
    let reply = send(app(), request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json(), json!({"findings": []}));
}

#[tokio::test]
async fn health_is_ok() {
    let reply = send(app(), get("/api/v1/health")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type, "application/json");
    assert_eq!(reply.json(), json!({"status": "ok"}));
}

#[tokio::test]
async fn bad_input_is_a_4xx_with_a_json_error() {
    let deep = "[".repeat(10_000);
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "not json",
            b"not json".to_vec(),
            StatusCode::BAD_REQUEST,
            "",
        ),
        ("empty body", b"".to_vec(), StatusCode::BAD_REQUEST, ""),
        (
            "truncated",
            b"{\"subject\": {".to_vec(),
            StatusCode::BAD_REQUEST,
            "",
        ),
        ("trailing", b"{} {}".to_vec(), StatusCode::BAD_REQUEST, ""),
        (
            "invalid UTF-8 in a string",
            b"{\"subject\": {\"name\": \"\xFF\xFE\"}}".to_vec(),
            StatusCode::BAD_REQUEST,
            "",
        ),
        (
            "invalid UTF-8 outside strings",
            b"\xFF{}".to_vec(),
            StatusCode::BAD_REQUEST,
            "",
        ),
        // Unclosed (and deeper than serde_json's recursion limit): not JSON.
        ("too deep", deep.into_bytes(), StatusCode::BAD_REQUEST, ""),
        (
            "an array (serde would take a struct by position)",
            b"[{}, []]".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "expected an object",
        ),
        (
            "null",
            b"null".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
        ),
        (
            "a string",
            b"\"filing\"".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
        ),
        (
            "an array for the subject (serde's derive takes it as empty)",
            b"{\"subject\": []}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "/subject: ",
        ),
        (
            "a key twice",
            b"{\"websites\": [], \"websites\": []}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "twice",
        ),
        (
            "null subject",
            b"{\"subject\": null}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "subject",
        ),
        (
            "unknown top-level field",
            b"{\"sbject\": {}}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "sbject",
        ),
        (
            "unknown nested field",
            b"{\"websites\": [{\"domains\": [], \"homepge\": \"x\"}]}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "homepge",
        ),
        (
            "wrong type",
            b"{\"subject\": {\"documentNumber\": 110105}}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "documentNumber",
        ),
        (
            "wrong type of list",
            b"{\"websites\": {\"domains\": []}}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "websites",
        ),
        (
            "unknown enum value",
            b"{\"subject\": {\"documentType\": \"library_card\"}}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "library_card",
        ),
    ];
    for (name, body, status, mention) in cases {
        let reply = send(app(), post_json(body)).await;
        let message = assert_json_error(&reply, status, "5001");
        assert!(message.contains(mention), "{name}: {message}");
    }
}

#[tokio::test]
async fn content_type_must_be_json() {
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut request = Request::post("/api/v1/check");
        if let Some(ct) = content_type {
            request = request.header(header::CONTENT_TYPE, ct);
        }
        let reply = send(app(), request.body(Body::from(HEADLINE)).unwrap()).await;
        let message = assert_json_error(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE, "5001");
        assert!(message.contains("application/json"), "{message}");
    }
}

/// A valid filing padded with spaces to exactly `len` bytes.
fn padded_filing(len: usize) -> Vec<u8> {
    let mut body = HEADLINE.as_bytes().to_vec();
    body.resize(len, b' ');
    body
}

#[tokio::test]
async fn body_limit_is_one_mebibyte() {
    let limit = beian_server::DEFAULT_BODY_LIMIT;
    assert_eq!(limit, 1024 * 1024);
    let reply = send(app(), post_json(padded_filing(limit))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["findings"].as_array().unwrap().len(), 3);

    let reply = send(app(), post_json(padded_filing(limit + 1))).await;
    let message = assert_json_error(&reply, StatusCode::PAYLOAD_TOO_LARGE, "5001");
    assert!(message.contains(&limit.to_string()), "{message}");
}

#[tokio::test]
async fn oversized_body_without_content_length_is_413() {
    // A streamed body of 40 chunks of 64 KiB: the limit holds while reading,
    // not only by the Content-Length header.
    let chunks = (0..40).map(|_| vec![b' '; 64 * 1024]).collect();
    let body = Body::new(ChunkBody { chunks });
    let reply = send(app(), post_json(body)).await;
    assert_json_error(&reply, StatusCode::PAYLOAD_TOO_LARGE, "5001");
}

/// A body of chunks of unknown total length.
struct ChunkBody {
    chunks: std::collections::VecDeque<Vec<u8>>,
}

impl http_body::Body for ChunkBody {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let chunk = self.chunks.pop_front();
        std::task::Poll::Ready(chunk.map(|c| Ok(http_body::Frame::data(c.into()))))
    }
}

#[tokio::test]
async fn configured_body_limit_applies() {
    let small = router(AppConfig {
        body_limit: 64,
        ..config()
    });
    let reply = send(small, post_json(padded_filing(HEADLINE.len().max(65)))).await;
    assert_json_error(&reply, StatusCode::PAYLOAD_TOO_LARGE, "5001");
}

#[tokio::test]
async fn unknown_api_routes_and_methods_are_json_errors() {
    let reply = send(app(), get("/api/v1/nope")).await;
    assert_json_error(&reply, StatusCode::NOT_FOUND, "not_found");
    let reply = send(app(), get("/api/v1/check")).await;
    assert_json_error(&reply, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let request = Request::builder()
        .method(Method::DELETE)
        .uri("/api/v1/health")
        .body(Body::empty())
        .unwrap();
    let reply = send(app(), request).await;
    assert_json_error(&reply, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

#[tokio::test]
async fn without_a_built_wizard_root_says_how_to_build_it() {
    for uri in ["/", "/index.html", "/some/route"] {
        let reply = send(app(), get(uri)).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(reply.content_type.starts_with("text/html"), "{uri}");
        assert!(reply.text().contains("trunk build --release"), "{uri}");
    }
    // The API still works.
    let reply = send(app(), get("/api/v1/health")).await;
    assert_eq!(reply.status, StatusCode::OK);
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("beian-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn serves_the_wizard_and_the_package() {
    let dist = temp_dir("dist");
    let pkg = temp_dir("pkg");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>wizard</title>",
    )
    .unwrap();
    std::fs::write(dist.join("app.js"), "console.log('app')").unwrap();
    std::fs::write(pkg.join("beian_wasm.js"), "export {}").unwrap();
    std::fs::write(pkg.join("beian_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let app = || {
        router(AppConfig {
            dist: dist.clone(),
            pkg: pkg.clone(),
            ..config()
        })
    };

    for uri in ["/", "/index.html", "/step/2", "/no-such-file.txt"] {
        let reply = send(app(), get(uri)).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert!(reply.content_type.starts_with("text/html"), "{uri}");
        assert!(reply.text().contains("<title>wizard</title>"), "{uri}");
    }
    let reply = send(app(), get("/app.js")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.content_type.contains("javascript"),
        "{}",
        reply.content_type
    );
    assert_eq!(reply.text(), "console.log('app')");

    let reply = send(app(), get("/pkg/beian_wasm.js")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.text(), "export {}");
    let reply = send(app(), get("/pkg/beian_wasm_bg.wasm")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type, "application/wasm");
    let reply = send(app(), get("/pkg/missing.js")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // No escape from the served directories.
    let reply = send(app(), get("/pkg/../Cargo.toml")).await;
    assert_ne!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn one_log_line_per_request_without_bodies_or_queries() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = lines.clone();
    let logged = || {
        router(AppConfig {
            log: RequestLog::Sink(Arc::new({
                let sink = sink.clone();
                move |line: &str| sink.lock().unwrap().push(line.to_string())
            })),
            ..config()
        })
    };
    send(logged(), post_json(HEADLINE)).await;
    send(
        logged(),
        post_json(r#"{"subject": {"documentNumber": 110105194912310021}}"#),
    )
    .await;
    send(logged(), get("/api/v1/health?id=110105194912310021")).await;
    send(logged(), get("/")).await;
    let lines = lines.lock().unwrap().clone();
    // One JSON object per line: method, path (no query), status, time.
    let seen: Vec<(String, String, u64)> = lines
        .iter()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert!(v["time"].as_str().unwrap().ends_with('Z'), "{l}");
            assert!(v["ms"].as_f64().unwrap() >= 0.0, "{l}");
            (
                v["method"].as_str().unwrap().to_string(),
                v["path"].as_str().unwrap().to_string(),
                v["status"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("POST", "/api/v1/check", 200),
        ("POST", "/api/v1/check", 422),
        ("GET", "/api/v1/health", 200),
        ("GET", "/", 404),
    ]
    .map(|(m, p, s)| (m.to_string(), p.to_string(), s));
    assert_eq!(seen, expected);
}
