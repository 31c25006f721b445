//! The site check end to end against a site served on 127.0.0.1 (issue 18):
//! each finding, a redirect chain, redirects to another site, a slow server,
//! an oversized page, a GBK page, and the footer snippet passing.

use std::time::Duration;

use beian_rules::footer::{snippet, FooterStyle};
use beian_site::{check, fetch, FetchError, FetchOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn page(footer: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>例子</title></head>\
         <body><main>{}</main><footer>{footer}</footer></body></html>",
        "<p>欢迎光临</p>".repeat(50)
    )
}

/// The test site: answers by path; `port` is its own, for absolute redirects.
async fn respond(path: &str, port: u16) -> Option<Vec<u8>> {
    let ok = |body: String, ctype: &str| {
        let mut r = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {ctype}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend(body.into_bytes());
        r
    };
    let redirect = |to: String| {
        format!("HTTP/1.1 302 Found\r\nlocation: {to}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .into_bytes()
    };
    let good = snippet("京ICP备12345678号-1", FooterStyle::Inline).unwrap();
    Some(match path {
        "/good" => ok(page(&good), "text/html; charset=utf-8"),
        "/plain" => ok(
            page(&snippet("京ICP备12345678号-1", FooterStyle::Plain).unwrap()),
            "text/html",
        ),
        "/missing" => ok(page("© 2026 例子"), "text/html"),
        "/unlinked" => ok(page("京ICP备12345678号-1"), "text/html"),
        "/elsewhere" => ok(
            page("<a href=\"https://www.example.org/\">京ICP备12345678号-1</a>"),
            "text/html",
        ),
        "/malformed" => ok(page("京ICP备1234号"), "text/html"),
        "/top" => ok(
            format!(
                "<!doctype html><body><header>{good}</header><main>{}</main></body>",
                "<p>欢迎光临，这是一个很长的首页。</p>".repeat(100)
            ),
            "text/html",
        ),
        "/gbk" => {
            let text = page(&good).replace("utf-8", "gbk");
            let (body, _, _) = encoding_rs::GBK.encode(&text);
            let mut r = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\r\n",
                body.len()
            )
            .into_bytes();
            r.extend_from_slice(&body);
            r
        }
        "/image" => ok("GIF89a".into(), "image/gif"),
        "/huge" => ok(page(&"<p>x</p>".repeat(400_000)), "text/html"),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return None;
        }
        "/gone" => b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_vec(),
        "/elsewhere-redirect" => redirect(format!("http://localhost:{port}/good")),
        "/ftp-redirect" => redirect("ftp://127.0.0.1/".into()),
        p if p.starts_with("/hop/") => {
            let n: u32 = p[5..].parse().unwrap();
            if n == 0 {
                redirect("/good".into())
            } else {
                // Relative and absolute locations, alternately.
                if n.is_multiple_of(2) {
                    redirect(format!("/hop/{}", n - 1))
                } else {
                    redirect(format!("http://127.0.0.1:{port}/hop/{}", n - 1))
                }
            }
        }
        _ => b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_vec(),
    })
}

async fn serve() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request);
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
                if let Some(answer) = respond(&path, port).await {
                    let _ = stream.write_all(&answer).await;
                    let _ = stream.shutdown().await;
                }
            });
        }
    });
    port
}

fn options() -> FetchOptions {
    FetchOptions {
        allow_private: true,
        ..FetchOptions::default()
    }
}

async fn rules(port: u16, path: &str, number: Option<&str>) -> Vec<String> {
    let report = check(
        &format!("http://127.0.0.1:{port}{path}"),
        number,
        &options(),
    )
    .await;
    report.findings.into_iter().map(|f| f.rule).collect()
}

#[tokio::test]
async fn the_snippet_in_a_footer_passes() {
    let port = serve().await;
    for path in ["/good", "/plain", "/gbk"] {
        assert_eq!(
            rules(port, path, Some("京ICP备12345678号-1")).await,
            Vec::<String>::new(),
            "{path}"
        );
        assert_eq!(
            rules(port, path, None).await,
            Vec::<String>::new(),
            "{path}"
        );
    }
}

#[tokio::test]
async fn each_finding() {
    let port = serve().await;
    let cases: [(&str, Option<&str>, &[&str]); 9] = [
        ("/missing", None, &["site.number_missing"]),
        ("/unlinked", None, &["site.number_not_linked"]),
        ("/elsewhere", None, &["site.link_elsewhere"]),
        (
            "/malformed",
            None,
            &["site.number_malformed", "site.number_missing"],
        ),
        ("/top", None, &["site.not_in_footer"]),
        ("/good", Some("沪ICP备87654321号-1"), &["site.number_other"]),
        (
            "/good",
            Some("京ICP备12345678号-3"),
            &["site.website_index"],
        ),
        ("/good", Some("京ICP备1234"), &["filing_number.serial"]),
        ("/gone", None, &["site.fetch"]),
    ];
    for (path, number, expected) in cases {
        assert_eq!(
            rules(port, path, number).await,
            expected,
            "{path} {number:?}"
        );
    }
}

#[tokio::test]
async fn redirects_within_the_site_are_followed_five_times() {
    let port = serve().await;
    let page = fetch(&format!("http://127.0.0.1:{port}/hop/4"), &options())
        .await
        .unwrap();
    assert_eq!(page.url.path(), "/good");
    assert_eq!(page.redirects.len(), 5, "{:?}", page.redirects);
    let e = fetch(&format!("http://127.0.0.1:{port}/hop/5"), &options())
        .await
        .unwrap_err();
    assert_eq!(e, FetchError::TooManyRedirects(5));
    let e = fetch(
        &format!("http://127.0.0.1:{port}/elsewhere-redirect"),
        &options(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, FetchError::RedirectElsewhere(ref u) if u.host_str() == Some("localhost")),
        "{e:?}"
    );
    let e = fetch(&format!("http://127.0.0.1:{port}/ftp-redirect"), &options())
        .await
        .unwrap_err();
    assert!(matches!(e, FetchError::RedirectElsewhere(_)), "{e:?}");
}

#[tokio::test]
async fn slow_large_and_odd_pages() {
    let port = serve().await;
    let quick = FetchOptions {
        timeout: Duration::from_millis(300),
        ..options()
    };
    let e = fetch(&format!("http://127.0.0.1:{port}/slow"), &quick)
        .await
        .unwrap_err();
    assert_eq!(e, FetchError::Timeout(Duration::from_millis(300)));
    let e = fetch(&format!("http://127.0.0.1:{port}/huge"), &options())
        .await
        .unwrap_err();
    assert_eq!(e, FetchError::TooLarge(2 << 20));
    let e = fetch(&format!("http://127.0.0.1:{port}/image"), &options())
        .await
        .unwrap_err();
    assert_eq!(e, FetchError::NotHtml("image/gif".into()));
    // Without the tests' flag, the same local site is refused.
    let e = fetch(
        &format!("http://127.0.0.1:{port}/good"),
        &FetchOptions::default(),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, FetchError::NotPublic(_)), "{e:?}");
    // Nobody listening.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead = closed.local_addr().unwrap().port();
    drop(closed);
    let e = fetch(&format!("http://127.0.0.1:{dead}/"), &options())
        .await
        .unwrap_err();
    assert!(matches!(e, FetchError::Unreachable(_)), "{e:?}");
}

/// The webhooks' POST (the server's outbox) goes through the same vetting:
/// its status, private addresses refused unless allowed, the time limit,
/// and no redirect followed.
#[tokio::test]
async fn post_json_answers_the_status_under_the_same_guard() {
    use beian_site::post_json;
    let port = serve().await;
    let headers = [("beian-event-id", "1".to_string())];
    let body = br#"{"id":1}"#.to_vec();
    let at = |path: &str| format!("http://127.0.0.1:{port}{path}");
    assert_eq!(
        post_json(&at("/good"), &headers, body.clone(), &options()).await,
        Ok(200)
    );
    assert_eq!(
        post_json(&at("/gone"), &headers, body.clone(), &options()).await,
        Ok(404)
    );
    // A redirect is an answer, not followed.
    assert_eq!(
        post_json(&at("/hop/1"), &headers, body.clone(), &options()).await,
        Ok(302)
    );
    let strict = FetchOptions::default();
    assert!(matches!(
        post_json(&at("/good"), &headers, body.clone(), &strict).await,
        Err(FetchError::NotPublic(_))
    ));
    let hurried = FetchOptions {
        timeout: Duration::from_millis(300),
        ..options()
    };
    assert!(matches!(
        post_json(&at("/slow"), &headers, body.clone(), &hurried).await,
        Err(FetchError::Timeout(_))
    ));
    assert!(matches!(
        post_json("ftp://127.0.0.1/", &headers, body, &options()).await,
        Err(FetchError::Url(_))
    ));
}
