//! Issue 17, document uploads: the server checks a scan again as the
//! wizard does (type by content, size, pixels), stores it by SHA-256, and
//! gives it back only to the filing's subject and providers. On SQLite and
//! on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use beian_rules::upload::{tests_png, MAX_BYTES};
use common::{bureau, filing, provider, subject, subject_key, App};
use serde_json::{json, Value};

/// Filing `n` submitted by its subject (in provider verification):
/// (request id, the subject's session token).
async fn submitted(app: &App, n: u32) -> (i64, String) {
    let f = filing(n);
    let r = app.submit(subject(), &f).await;
    r.expect(StatusCode::CREATED);
    let rid = r.json()["request"]["id"].as_i64().unwrap();
    let session = app.session("A", &subject_key(&f)).await;
    (rid, session)
}

async fn upload(
    app: &App,
    token: Option<&str>,
    rid: i64,
    query: &str,
    bytes: Vec<u8>,
) -> common::Reply {
    let mut request = Request::post(format!("/api/v1/requests/{rid}/documents?{query}"))
        .header(header::CONTENT_TYPE, "application/octet-stream");
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    app.send(request.body(Body::from(bytes)).unwrap()).await
}

fn rules(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn scans_are_checked_stored_and_read_back_by_their_parties_only() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (rid, session) = submitted(&app, 1).await;
        let png = tests_png(1654, 2339);

        // A valid scan: stored, typed by content.
        let r = upload(
            &app,
            Some(&session),
            rid,
            "kind=photo&name=%E7%85%A7%E7%89%87.png",
            png.clone(),
        )
        .await;
        r.expect(StatusCode::CREATED);
        let v = r.json();
        assert_eq!(rules(&v), Vec::<String>::new(), "{}", b.name);
        let doc = &v["document"];
        assert_eq!(
            (doc["kind"].as_str(), doc["mediaType"].as_str()),
            (Some("photo"), Some("image/png"))
        );
        assert_eq!(
            (doc["width"].as_i64(), doc["height"].as_i64()),
            (Some(1654), Some(2339))
        );
        assert_eq!(doc["name"], "照片.png");
        assert_eq!(doc["uploadedBy"], "subject");
        let photo = doc["id"].as_i64().unwrap();

        // A PNG renamed .pdf: a PNG, with a warning.
        let r = upload(
            &app,
            Some(&session),
            rid,
            "kind=security_agreement&name=agreement.pdf",
            png.clone(),
        )
        .await;
        r.expect(StatusCode::CREATED);
        let v = r.json();
        assert_eq!(rules(&v), ["upload.name_mismatch"]);
        assert_eq!(v["document"]["mediaType"], "image/png");
        // Stored once: the same content has one blob.
        assert_eq!(v["document"]["sha256"], doc["sha256"]);

        // Over the size, another type, damaged: refused with the rule.
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        let r = upload(
            &app,
            Some(&session),
            rid,
            "kind=verification_form&name=form.pdf",
            big,
        )
        .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(rules(&r.json()), ["upload.too_large"]);
        let r = upload(
            &app,
            Some(&session),
            rid,
            "kind=photo&name=x.gif",
            b"GIF89a\x01\x00".to_vec(),
        )
        .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(rules(&r.json()), ["upload.type"]);
        let r = upload(&app, Some(&session), rid, "kind=photo", png[..20].to_vec()).await;
        assert_eq!(rules(&r.json()), ["upload.unreadable"]);
        // Far over the limit: 413 before anything is read.
        let r = upload(
            &app,
            Some(&session),
            rid,
            "kind=photo",
            vec![0; MAX_BYTES + 64 * 1024],
        )
        .await;
        r.expect(StatusCode::PAYLOAD_TOO_LARGE);
        // A name longer than the API's `maxLength` (found by schemathesis,
        // 2026-12-05: it was cut and stored).
        let long = "0".repeat(beian_server::http::documents::NAME_MAX_CHARS + 1);
        let r = upload(
            &app,
            Some(&session),
            rid,
            &format!("kind=photo&name={long}"),
            png.clone(),
        )
        .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["code"], "5001", "{}", b.name);
        // A kind that is no document, a website the request lacks.
        upload(&app, Some(&session), rid, "kind=selfie", png.clone())
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        let r = upload(
            &app,
            Some(&session),
            rid,
            "kind=domain_certificate&website=3",
            png.clone(),
        )
        .await;
        assert_eq!(rules(&r.json()), ["documents.no_such_website"]);
        // The website's own certificate.
        upload(
            &app,
            Some(&session),
            rid,
            "kind=domain_certificate&website=0",
            png.clone(),
        )
        .await
        .expect(StatusCode::CREATED);

        // Listed and read back by the subject and by provider A.
        let a = app.token(&provider("A")).await;
        let list = app
            .get_with(Some(&a), &format!("/api/v1/requests/{rid}/documents"))
            .await;
        list.expect(StatusCode::OK);
        let listed = list.json();
        let kinds: Vec<&str> = listed["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["photo", "security_agreement", "domain_certificate"],
            "{}",
            b.name
        );
        for token in [&a, &session] {
            let r = app
                .get_with(Some(token), &format!("/api/v1/documents/{photo}"))
                .await;
            r.expect(StatusCode::OK);
            assert_eq!(r.body, png);
            assert_eq!(r.headers[header::CONTENT_TYPE], "image/png");
            assert!(r.headers[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment"));
            assert_eq!(r.headers["x-content-type-options"], "nosniff");
        }

        // Nobody else: another provider, the bureau, another subject, no one.
        let other = app.token(&provider("B")).await;
        let bureau = app.token(&bureau()).await;
        let stranger = app.session("A", &subject_key(&filing(2))).await;
        for token in [&other, &bureau, &stranger] {
            let r = app
                .get_with(Some(token), &format!("/api/v1/documents/{photo}"))
                .await;
            r.expect(StatusCode::FORBIDDEN);
            assert_ne!(r.body, png);
            app.get_with(Some(token), &format!("/api/v1/requests/{rid}/documents"))
                .await
                .expect(StatusCode::FORBIDDEN);
            upload(&app, Some(token), rid, "kind=photo", png.clone())
                .await
                .expect(StatusCode::FORBIDDEN);
        }
        app.get_with(None, &format!("/api/v1/documents/{photo}"))
            .await
            .expect(StatusCode::UNAUTHORIZED);
        upload(&app, None, rid, "kind=photo", png.clone())
            .await
            .expect(StatusCode::UNAUTHORIZED);

        // Removed while the request can change.
        let del = app
            .send(
                Request::delete(format!("/api/v1/documents/{photo}"))
                    .header(header::AUTHORIZATION, format!("Bearer {session}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        del.expect(StatusCode::NO_CONTENT);
        app.get_with(Some(&a), &format!("/api/v1/documents/{photo}"))
            .await
            .expect(StatusCode::NOT_FOUND);

        // Once the bureau reviews it, the documents no longer change.
        app.event(
            rid,
            provider("A"),
            json!({"type": "provider_verify", "provider": "A"}),
        )
        .await
        .expect(StatusCode::OK);
        let r = upload(&app, Some(&session), rid, "kind=photo", png.clone()).await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(rules(&r.json()), ["documents.request_closed"]);
    }
}
