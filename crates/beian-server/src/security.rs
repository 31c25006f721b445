//! Security headers, and the Content Security Policy the wizard works
//! under.
//!
//! - Every response: `X-Content-Type-Options: nosniff`,
//!   `Referrer-Policy: no-referrer`.
//! - API responses: `Content-Security-Policy: default-src 'none';
//!   frame-ancestors 'none'` and `Cache-Control: no-store` (they hold
//!   personal data).
//! - The wizard and the package: scripts, styles, images, fonts and
//!   connections from the server's own origin only, WebAssembly compiled
//!   (`'wasm-unsafe-eval'`, not `'unsafe-eval'`), no plugins, no `<base>`,
//!   forms posting to the origin only, framed only by the origin and the
//!   embedding panel's origins (`--cors-origin`). Trunk's page starts the
//!   wasm with an inline module script: each inline script of a served HTML
//!   page is allowed by its SHA-256 hash, computed from the page as served
//!   (no `'unsafe-inline'`). Their `Cache-Control` comes from
//!   [`crate::assets`]: immutable for files named by their content hash,
//!   revalidated for the rest.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The largest HTML page whose inline scripts are hashed; a larger page
/// gets the policy without hashes (its inline scripts do not run).
pub const MAX_HASHED_PAGE: usize = 2 << 20;

/// The policy of API responses.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// The `'sha256-…'` sources of the inline scripts of an HTML page: the text
/// between `<script …>` (without `src`) and `</script>`, as the browser
/// hashes it.
///
/// ```
/// let page = "<p><script type=\"module\">go()</script><script src=\"/a.js\"></script>";
/// let hashes = beian_server::security::inline_script_hashes(page);
/// assert_eq!(hashes.len(), 1);
/// assert!(hashes[0].starts_with("'sha256-"));
/// ```
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| i + at) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let tag = &lower[start..tag_end];
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else {
            break;
        };
        if !has_src(tag) {
            let body = &html[tag_end + 1..close];
            let digest = Sha256::digest(body.as_bytes());
            let source = format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            );
            if !out.contains(&source) {
                out.push(source);
            }
        }
        at = close + "</script".len();
    }
    out
}

fn has_src(tag: &str) -> bool {
    tag.split(|c: char| c.is_whitespace())
        .any(|attr| attr.starts_with("src=") || attr == "src")
}

/// The policy of the wizard's pages and files.
///
/// ```
/// let csp = beian_server::security::wizard_csp(&["'sha256-abc'".into()], &["https://panel.example".into()]);
/// assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'"));
/// assert!(csp.contains("frame-ancestors 'self' https://panel.example"));
/// assert!(!csp.contains("unsafe-inline"));
/// ```
pub fn wizard_csp(script_hashes: &[String], frame_origins: &[String]) -> String {
    let mut scripts = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        scripts.push(' ');
        scripts.push_str(h);
    }
    let mut frames = String::from("'self'");
    for o in frame_origins {
        frames.push(' ');
        frames.push_str(o);
    }
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors {frames}"
    )
}

/// Adds the headers to a response of `path`. HTML bodies are read to hash
/// their inline scripts (they are small: the wizard's page).
pub async fn add_headers(
    path: &str,
    response: Response<Body>,
    frame_origins: &[String],
) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let h = &mut parts.headers;
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if path.starts_with("/api/") || path == "/api" {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_CSP),
        );
        if !h.contains_key(header::CACHE_CONTROL) {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        return Response::from_parts(parts, body);
    }
    let cacheable = parts.status.is_success() || parts.status == StatusCode::NOT_MODIFIED;
    if cacheable && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, crate::assets::cache_control(path));
    }
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let (hashes, body) = if html {
        match axum::body::to_bytes(body, MAX_HASHED_PAGE).await {
            Ok(bytes) => (
                inline_script_hashes(&String::from_utf8_lossy(&bytes)),
                Body::from(bytes),
            ),
            Err(_) => (Vec::new(), Body::empty()),
        }
    } else {
        (Vec::new(), body)
    };
    if let Ok(v) = HeaderValue::from_str(&wizard_csp(&hashes, frame_origins)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_of_the_trunk_page() {
        let page = "<head>\n<script type=\"module\">\nimport init from '/a.js';\nawait init();\n</script>\n\
                    <link rel=\"modulepreload\" href=\"/a.js\"></head><body><SCRIPT>x()</SCRIPT>\
                    <script src='/b.js'></script><script>x()</script></body>";
        let hashes = inline_script_hashes(page);
        assert_eq!(hashes.len(), 2, "{hashes:?}");
        let digest = Sha256::digest("\nimport init from '/a.js';\nawait init();\n".as_bytes());
        assert_eq!(
            hashes[0],
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        );
    }

    #[test]
    fn broken_pages_do_not_loop() {
        assert!(inline_script_hashes("<script").is_empty());
        assert!(inline_script_hashes("<script>never closed").is_empty());
        assert!(inline_script_hashes("").is_empty());
    }
}
