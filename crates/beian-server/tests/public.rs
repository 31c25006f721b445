//! `GET /api/v1/public/lookup` (issue 15, 000 #42, 003 #20): is it filed?
//! By number, domain or subject name; public fields only; rate-limited per
//! client address.

mod common;

use axum::http::StatusCode;
use beian_server::AppConfig;
use common::{filing, subject, App};
use serde_json::Value;

async fn lookup(app: &App, q: &str) -> Value {
    let r = app
        .get(&format!(
            "/api/v1/public/lookup?q={}",
            common::query_escape(q)
        ))
        .await;
    r.expect(StatusCode::OK);
    r.json()
}

#[tokio::test]
async fn approved_filings_by_number_domain_or_name_with_public_fields_only() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let f = filing(1700);
        let (fid, _, _) = app.approved(&f).await;
        let number = app.get(&format!("/api/v1/filings/{fid}")).await.json()["filingNumber"]
            .as_str()
            .unwrap()
            .to_string();
        // A submitted, not yet approved filing is not public.
        app.submit(subject(), &filing(1701))
            .await
            .expect(StatusCode::CREATED);
        for (q, by) in [
            (number.clone(), "number"),
            (format!("{number}-1"), "number"),
            ("site1700.com".to_string(), "domain"),
            ("https://WWW.site1700.com/about?x=1".to_string(), "domain"),
            ("张三".to_string(), "subject"),
        ] {
            let v = lookup(&app, &q).await;
            assert_eq!(v["by"], by, "{q}");
            let filings = v["filings"].as_array().unwrap();
            assert_eq!(filings.len(), 1, "{q} on {}: {v}", b.name);
            let found = &filings[0];
            assert_eq!(found["filingNumber"], number.as_str());
            assert_eq!(found["subjectName"], "张三");
            assert_eq!(found["subjectType"], "individual");
            assert_eq!(found["approvedOn"], "2026-11-25");
            assert_eq!(found["websites"][0]["domains"][0], "site1700.com");
            assert_eq!(found["websites"][0]["filingNumber"], format!("{number}-1"));
            // Nothing personal: no document number, mobile or e-mail.
            let text = found.to_string();
            for private in [
                f["subject"]["documentNumber"].as_str().unwrap(),
                "13812345678",
                "zhang@example.com",
            ] {
                assert!(!text.contains(private), "{text}");
            }
        }
        for q in ["site1701.com", "京ICP备99999999号", "李四"] {
            assert_eq!(
                lookup(&app, q).await["filings"],
                serde_json::json!([]),
                "{q}"
            );
        }
        app.get("/api/v1/public/lookup")
            .await
            .expect(StatusCode::BAD_REQUEST);
        app.get(&format!("/api/v1/public/lookup?q={}", "a".repeat(300)))
            .await
            .expect(StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn look_ups_are_limited_per_client_address() {
    let b = common::sqlite().await;
    let app = App::with(AppConfig {
        public_lookups_per_minute: 2,
        ..common::config(Some(b.db.clone()))
    });
    for _ in 0..2 {
        app.get("/api/v1/public/lookup?q=example.com")
            .await
            .expect(StatusCode::OK);
    }
    let r = app.get("/api/v1/public/lookup?q=example.com").await;
    r.expect(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    assert_eq!(r.headers.get("retry-after").unwrap(), "30");

    // Over a real connection the limit is per address: 127.0.0.2 still may.
    let server = common::spawn(beian_server::router(AppConfig {
        public_lookups_per_minute: 1,
        ..common::config(Some(b.db.clone()))
    }))
    .await;
    let from = |ip: [u8; 4]| async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket
            .bind((std::net::Ipv4Addr::from(ip), 0).into())
            .unwrap();
        let mut stream = socket.connect(server).await.unwrap();
        let request = format!(
            "GET /api/v1/public/lookup?q=example.com HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.unwrap();
        String::from_utf8_lossy(&raw)[9..12].to_string()
    };
    assert_eq!(from([127, 0, 0, 1]).await, "200");
    assert_eq!(from([127, 0, 0, 1]).await, "429");
    assert_eq!(from([127, 0, 0, 2]).await, "200");
}

/// Issue 15, 000 #58, #60: the providers' directory the deployer loads —
/// searched by the wizard, and a warning (never a refusal) for a provider
/// it does not list.
#[tokio::test]
async fn the_providers_directory() {
    let b = common::sqlite().await;
    let directory = beian_server::providers::Directory::parse(
        r#"[{"name": "A", "licence": "浙B1-20080011", "provinces": ["浙"]},
            {"name": "杭州某某网络有限公司", "licence": "浙B2-20040180", "provinces": ["330000", "沪"]}]"#,
    )
    .unwrap();
    let app = App::with(AppConfig {
        providers: Some(std::sync::Arc::new(directory)),
        ..common::config(Some(b.db.clone()))
    });
    let v = app
        .get(&format!(
            "/api/v1/providers?q={}",
            common::query_escape("某某")
        ))
        .await
        .json();
    assert_eq!(v["loaded"], true);
    assert_eq!(v["providers"][0]["name"], "杭州某某网络有限公司");
    assert_eq!(v["providers"][0]["licence"], "浙B2-20040180");
    assert_eq!(
        v["providers"][0]["provinces"],
        serde_json::json!([330000, 310000])
    );
    let warnings = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "registry.provider_unlisted")
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    // Listed: no warning.
    let r = app.submit(subject(), &filing(1800)).await;
    r.expect(StatusCode::CREATED);
    assert_eq!(warnings(&r.json()), Vec::<String>::new());
    // Not listed: filed all the same, with a warning on the field.
    let r = app
        .submit(
            subject(),
            &common::filing_with(1801, "site1801.com", &["无名公司"]),
        )
        .await;
    r.expect(StatusCode::CREATED);
    assert_eq!(warnings(&r.json()), ["/websites/0/access/0/provider"]);
    // Without a directory the route says so.
    let bare = App::new(&b.db);
    let v = bare.get("/api/v1/providers?q=x").await.json();
    assert_eq!(v["loaded"], false);
}
