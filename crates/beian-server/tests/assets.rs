//! The static files (issue 17): precompressed brotli and gzip copies sent to
//! browsers that accept them, the file itself to the others, and
//! `Cache-Control` by name (immutable for content-hashed names).

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use beian_server::assets::{IMMUTABLE, REVALIDATE};
use beian_server::AppConfig;
use common::{App, Reply};

const WASM: &str = "app-0123456789abcdef_bg.wasm";

/// A wizard and a package directory, each file with distinct `.br` and
/// `.gz` copies (their bytes say which one was sent).
fn app() -> (App, tempfile::TempDir, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    let pkg = tempfile::tempdir().unwrap();
    let d = dist.path();
    std::fs::write(
        d.join("index.html"),
        "<!doctype html><title>w</title><script type=\"module\">start()</script>",
    )
    .unwrap();
    std::fs::write(d.join(WASM), "plain wasm").unwrap();
    std::fs::write(d.join(format!("{WASM}.br")), "brotli wasm").unwrap();
    std::fs::write(d.join(format!("{WASM}.gz")), "gzip wasm").unwrap();
    std::fs::create_dir(pkg.path().join("dist")).unwrap();
    let p = pkg.path().join("dist");
    std::fs::write(p.join("beian_wasm.js"), "plain js").unwrap();
    std::fs::write(p.join("beian_wasm.js.gz"), "gzip js").unwrap();
    let app = App::with(AppConfig {
        dist: d.to_path_buf(),
        pkg: pkg.path().to_path_buf(),
        ..common::config(None)
    });
    (app, dist, pkg)
}

async fn get(app: &App, path: &str, accept: Option<&str>) -> Reply {
    let mut request = Request::get(path);
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT_ENCODING, accept);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

fn encoding(reply: &Reply) -> Option<&str> {
    reply
        .headers
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn the_best_accepted_copy_is_sent() {
    let (app, _d, _p) = app();
    let cases = [
        (Some("gzip, deflate, br, zstd"), Some("br"), "brotli wasm"),
        (Some("br"), Some("br"), "brotli wasm"),
        (Some("gzip"), Some("gzip"), "gzip wasm"),
        (Some("br;q=0, gzip"), Some("gzip"), "gzip wasm"),
        (Some("identity"), None, "plain wasm"),
        (None, None, "plain wasm"),
    ];
    for (accept, expected, body) in cases {
        let reply = get(&app, &format!("/{WASM}"), accept).await;
        assert_eq!(reply.status, StatusCode::OK, "{accept:?}");
        assert_eq!(encoding(&reply), expected, "{accept:?}");
        assert_eq!(reply.text(), body, "{accept:?}");
        assert_eq!(reply.headers[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(reply.headers[header::CACHE_CONTROL], IMMUTABLE);
        if expected.is_some() {
            let vary = reply.headers[header::VARY].to_str().unwrap();
            assert!(
                vary.to_ascii_lowercase().contains("accept-encoding"),
                "{vary}"
            );
        }
    }
}

#[tokio::test]
async fn the_package_is_compressed_and_revalidated() {
    let (app, _d, _p) = app();
    // Only a gzip copy: a brotli-first browser gets gzip.
    let reply = get(&app, "/pkg/dist/beian_wasm.js", Some("br, gzip")).await;
    assert_eq!(encoding(&reply), Some("gzip"));
    assert_eq!(reply.text(), "gzip js");
    assert_eq!(reply.headers[header::CACHE_CONTROL], REVALIDATE);

    // Revalidation: unchanged → 304, still with its Cache-Control.
    let modified = reply.headers[header::LAST_MODIFIED].clone();
    let again = app
        .send(
            Request::get("/pkg/dist/beian_wasm.js")
                .header(header::ACCEPT_ENCODING, "gzip")
                .header(header::IF_MODIFIED_SINCE, modified)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.headers[header::CACHE_CONTROL], REVALIDATE);
}

#[tokio::test]
async fn pages_are_plain_and_revalidated() {
    let (app, _d, _p) = app();
    for path in ["/", "/index.html", "/some/route/of/the/wizard"] {
        let reply = get(&app, path, Some("br, gzip")).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            encoding(&reply),
            None,
            "{path}: the CSP hashes need the plain page"
        );
        assert!(reply.text().contains("<title>w</title>"), "{path}");
        assert_eq!(reply.headers[header::CACHE_CONTROL], REVALIDATE, "{path}");
    }
}

#[tokio::test]
async fn missing_files_are_not_cached() {
    let (app, _d, _p) = app();
    let reply = get(&app, "/pkg/dist/nope-0123456789abcdef.js", Some("br")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(!reply.headers.contains_key(header::CACHE_CONTROL));
}

#[tokio::test]
async fn a_page_is_sent_whole_when_revalidated() {
    // A 304 would carry a CSP without the inline script's hash, and the
    // browser would refuse to run the cached page's script.
    let (app, _d, _p) = app();
    let first = get(&app, "/", None).await;
    let hash = &beian_server::security::inline_script_hashes(&first.text())[0];
    let again = app
        .send(
            Request::get("/")
                .header(
                    header::IF_MODIFIED_SINCE,
                    first.headers[header::LAST_MODIFIED].clone(),
                )
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.text(), first.text());
    let csp = again.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains(hash.as_str()), "{csp}");
}
