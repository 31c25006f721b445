//! The static files: the wizard (`--dist`) and the npm package (`--pkg`),
//! compressed and cached.
//!
//! - **Compressed ahead of time.** Trunk's post-build hook and the npm
//!   build write `<file>.br` and `<file>.gz` beside each file
//!   (`web/scripts/precompress.mjs`); a request that accepts brotli or gzip
//!   gets that copy with `Content-Encoding` and `Vary: Accept-Encoding`, and
//!   one that accepts neither gets the file itself. Nothing is compressed
//!   while answering. HTML pages are never precompressed: the security
//!   headers read each page to allow its inline scripts by hash.
//! - **Cached by name.** A file whose name carries Trunk's content hash
//!   (`beian-web-e941016859f3574a_bg.wasm`) never changes:
//!   `Cache-Control: public, max-age=31536000, immutable`. Everything else
//!   (the page, the npm package's files, whose names do not change between
//!   releases) is `no-cache`: the browser keeps it and asks again with
//!   `If-Modified-Since`, and gets `304 Not Modified` while it is unchanged.
//! - **Shared with the panel.** With `--cors-origin`, the static files answer
//!   those origins' CORS requests (`Access-Control-Allow-Origin`, GET and
//!   HEAD): a control panel on another origin loads `beian-wizard.js`, the
//!   wizard's module and `.wasm`, and the npm package from `beian serve`
//!   ([`crate::http::router`]).

use axum::http::HeaderValue;
use tower_http::services::ServeDir;

/// Whether `path` asks for an HTML page of the wizard: the root, an
/// `.html` file, or a route of the single-page app (no extension), which
/// is answered with `index.html`.
///
/// A page is always sent whole, never as `304 Not Modified`: its
/// Content-Security-Policy allows its inline scripts by their hashes,
/// computed from the body, and a `304` carries the policy but no body.
///
/// ```
/// use beian_server::assets::is_page;
/// assert!(is_page("/") && is_page("/index.html") && is_page("/status/12"));
/// assert!(!is_page("/beian-web-e941016859f3574a.js"));
/// ```
pub fn is_page(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    name.is_empty() || name.ends_with(".html") || !name.contains('.')
}

/// `Cache-Control` of a file whose name holds its content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of every other static file: kept, but revalidated.
pub const REVALIDATE: &str = "no-cache";

/// A directory served with its precompressed brotli and gzip copies.
pub fn serve_dir(dir: &std::path::Path) -> ServeDir {
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}

/// Whether `path` is named by its content hash as Trunk writes it: `-` and
/// 16 lower-case hex digits before the extension (or before `_bg.wasm`),
/// or in the name of a directory (Trunk's `snippets/beian-web-<hash>/`).
///
/// ```
/// use beian_server::assets::is_hashed;
/// assert!(is_hashed("/beian-web-e941016859f3574a_bg.wasm"));
/// assert!(is_hashed("/style-22d92748ff498629.css"));
/// assert!(!is_hashed("/index.html"));
/// assert!(!is_hashed("/pkg/dist/beian_wasm_bg.wasm"));
/// assert!(!is_hashed("/beian-web-E941016859F3574A.js"));
/// ```
pub fn is_hashed(path: &str) -> bool {
    let mut segments = path.rsplit('/');
    let name = segments.next().unwrap_or("");
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    ends_with_hash(stem.strip_suffix("_bg").unwrap_or(stem)) || segments.any(ends_with_hash)
}

/// `-` and 16 lower-case hex digits at the end of `stem`.
fn ends_with_hash(stem: &str) -> bool {
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == 16 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// The `Cache-Control` of a static file at `path`.
pub fn cache_control(path: &str) -> HeaderValue {
    HeaderValue::from_static(if is_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        for yes in [
            "/beian-web-e941016859f3574a.js",
            "/a/b/x-0000000000000000.txt",
            "/beian-web-e941016859f3574a_bg.wasm",
            "/snippets/beian-web-45c0123456789af4/inline0.js",
        ] {
            assert!(is_hashed(yes), "{yes}");
        }
        for no in [
            "",
            "/",
            "/index.html",
            "/division-initials.txt",
            "/x-e941016859f3574.js",
            "/x-e941016859f3574ab.js",
            "/xe941016859f3574a.js",
            "/x-e941016859f3574g.js",
            "/x-e941016859f3574a",
            "/pkg/flow/dist/beian_flow_bg.wasm",
            "/snippets/beian-web-45c0123456789af4/",
            "/snippets/beian-web-45c0123456789af4",
        ] {
            assert!(!is_hashed(no), "{no}");
        }
    }

    #[test]
    fn headers() {
        assert_eq!(cache_control("/a-0123456789abcdef.js"), IMMUTABLE);
        assert_eq!(cache_control("/"), REVALIDATE);
    }
}
