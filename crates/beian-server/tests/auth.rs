//! Issue 15, authentication and roles: the caller comes from the Bearer
//! credential or wizard session, never from the body; a provider sees and
//! changes only its filings (1048), a bureau only its province's (000 #19,
//! #61; 001 #16), a session only its subject's; without a credential every
//! route but the public ones is a 401. On SQLite and on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use beian_server::{ANONYMOUS_ROUTES, OPENAPI};
use common::{bureau, bureau_of, filing, provider, subject, subject_key, App};
use serde_json::{json, Value};

fn id(v: &Value, what: &str) -> i64 {
    v[what]["id"].as_i64().unwrap()
}

/// A filing of subject `n` (Beijing, 京) in bureau review: (filing, request).
async fn in_review(app: &App, n: u32) -> (i64, i64) {
    let v = app.submit(subject(), &filing(n)).await;
    v.expect(StatusCode::CREATED);
    let v = v.json();
    let rid = id(&v, "request");
    app.event(
        rid,
        provider("A"),
        json!({"type": "provider_verify", "provider": "A"}),
    )
    .await
    .expect(StatusCode::OK);
    (id(&v, "filing"), rid)
}

#[tokio::test]
async fn a_provider_credential_cannot_approve() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (_, rid) = in_review(&app, 1).await;
        let r = app
            .event(rid, provider("A"), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_rules(), ["registry.actor_role"], "{}", b.name);
        // Whatever the body says: it has no actor any more.
        let token = app.token(&provider("A")).await;
        let r = app
            .post_as(
                &token,
                &format!("/api/v1/requests/{rid}/events"),
                &json!({"actor": {"role": "bureau"}, "event": {"type": "bureau_approve"}}),
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        let v = app.get(&format!("/api/v1/requests/{rid}")).await.json();
        assert_eq!(v["status"], "bureau_review", "{}", b.name);
    }
}

#[tokio::test]
async fn a_zhejiang_bureau_cannot_act_on_a_beijing_filing() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (fid, rid) = in_review(&app, 1).await;
        let zj = app.token(&bureau_of("浙")).await;
        // Neither approve, nor read, nor list it.
        let r = app
            .event(rid, bureau_of("浙"), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_rules(), ["auth.bureau_province"], "{}", b.name);
        let message = &r.json()["findings"][0]["message"];
        assert!(message.to_string().contains("北京"), "{message}");
        for path in [
            format!("/api/v1/filings/{fid}"),
            format!("/api/v1/requests/{rid}"),
        ] {
            let r = app.get_with(Some(&zj), &path).await;
            r.expect(StatusCode::FORBIDDEN);
            assert_eq!(r.error_rules(), ["auth.bureau_province"]);
        }
        let list = app.get_with(Some(&zj), "/api/v1/filings").await.json();
        assert_eq!(list["filings"], json!([]), "{}", b.name);
        // The Beijing bureau does all of it.
        let bj = app.token(&bureau_of("京")).await;
        let list = app.get_with(Some(&bj), "/api/v1/filings").await.json();
        assert_eq!(list["filings"].as_array().unwrap().len(), 1);
        let r = app
            .event(rid, bureau_of("京"), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["request"]["status"], "approved", "{}", b.name);
        assert_eq!(r.json()["request"]["events"][2]["actorRole"], "bureau");
    }
}

#[tokio::test]
async fn a_provider_cannot_read_another_providers_filing() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (fid, rid) = in_review(&app, 1).await;
        let other = app.token(&provider("B")).await;
        for path in [
            format!("/api/v1/filings/{fid}"),
            format!("/api/v1/requests/{rid}"),
        ] {
            let r = app.get_with(Some(&other), &path).await;
            r.expect(StatusCode::FORBIDDEN);
            assert_eq!(r.error_codes(), ["1048"], "{}", b.name);
            assert!(!r.text().contains(&common::resident_id(1)));
        }
        let list = app.get_with(Some(&other), "/api/v1/filings").await.json();
        assert_eq!(list["filings"], json!([]), "{}", b.name);
        // Nor change it.
        let r = app.start(fid, provider("B"), "change").await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_codes(), ["1048"]);
        let r = app
            .event(
                rid,
                provider("B"),
                json!({"type": "provider_return", "provider": "B", "reason": "x"}),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        // Its own provider reads and lists it.
        let mine = app.token(&provider("A")).await;
        app.get_with(Some(&mine), &format!("/api/v1/filings/{fid}"))
            .await
            .expect(StatusCode::OK);
        let list = app.get_with(Some(&mine), "/api/v1/filings").await.json();
        assert_eq!(list["filings"][0]["id"], fid, "{}", b.name);
        // A provider's own filing: B files one, A does not see it.
        let theirs = app
            .file(
                provider("B"),
                &json!({"filing": common::filing_with(2, "site2.com", &["B"])}),
            )
            .await;
        theirs.expect(StatusCode::CREATED);
        assert_eq!(theirs.json()["filing"]["provider"], "B");
        let list = app.get_with(Some(&mine), "/api/v1/filings").await.json();
        assert_eq!(list["filings"].as_array().unwrap().len(), 1, "{}", b.name);
    }
}

fn operations() -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(OPENAPI).unwrap();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let anonymous = ANONYMOUS_ROUTES
                .iter()
                .any(|(m, p)| m.eq_ignore_ascii_case(method) && p == path);
            // The document says the same as the table.
            assert_eq!(
                op["security"] == json!([]),
                anonymous,
                "{method} {path}: security in openapi.json"
            );
            if !anonymous {
                assert!(
                    op["responses"]["401"].is_object(),
                    "{method} {path}: no 401"
                );
                out.push((method.to_uppercase(), path.replace("{id}", "1")));
            }
        }
    }
    out
}

#[tokio::test]
async fn no_credential_is_401_on_every_route_but_the_public_ones() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        in_review(&app, 1).await;
        let routes = operations();
        assert!(routes.len() >= 9, "{routes:?}");
        let bad = [
            None,
            Some("Bearer"),
            Some("Basic YTpi"),
            Some("Bearer bk_1.wrong"),
            Some("Bearer bk_999.x"),
            Some("Bearer bs_1.x"),
            Some("Bearer nonsense"),
        ];
        for (method, path) in &routes {
            for authorization in bad {
                let mut request = Request::builder()
                    .method(Method::from_bytes(method.as_bytes()).unwrap())
                    .uri(path)
                    .header(header::CONTENT_TYPE, "application/json");
                if let Some(a) = authorization {
                    request = request.header(header::AUTHORIZATION, a);
                }
                let reply = app.send(request.body(Body::from("{}")).unwrap()).await;
                reply.expect(StatusCode::UNAUTHORIZED);
                assert_eq!(
                    reply.json()["error"]["code"],
                    "unauthorized",
                    "{method} {path}"
                );
                let challenge = reply.headers[header::WWW_AUTHENTICATE].to_str().unwrap();
                assert!(challenge.starts_with("Bearer"), "{method} {path}");
            }
        }
        // The public routes answer without one.
        let r = app.post_anonymous("/api/v1/check", &filing(3)).await;
        r.expect(StatusCode::OK);
        for path in [
            "/api/v1/health",
            "/api/v1/providers",
            "/api/v1/public/lookup?domain=site1.com",
        ] {
            let r = app.get_with(None, path).await;
            assert!(r.status != StatusCode::UNAUTHORIZED, "{path}: {}", r.text());
        }
    }
}

#[tokio::test]
async fn a_revoked_credential_stops_working() {
    for b in common::backends().await {
        let token = common::credential(&b.db, &provider("A")).await;
        let app = App::new(&b.db);
        app.get_with(Some(&token), "/api/v1/filings")
            .await
            .expect(StatusCode::OK);
        let id: i64 = token[3..token.find('.').unwrap()].parse().unwrap();
        assert!(beian_server::auth::revoke_credential(&b.db, id)
            .await
            .unwrap());
        // A server that has not seen it yet (another process) refuses it
        // at once; this one within the cache's 30 seconds.
        let fresh = App::new(&b.db);
        fresh
            .get_with(Some(&token), "/api/v1/filings")
            .await
            .expect(StatusCode::UNAUTHORIZED);
        let listed = beian_server::auth::list_credentials(&b.db).await.unwrap();
        assert!(listed[0].revoked_at.is_some(), "{}", b.name);
    }
}

#[tokio::test]
async fn a_session_acts_as_its_subject_only() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let mine = filing(1);
        let key = subject_key(&mine);
        let session = app.session("A", &key).await;
        assert!(session.starts_with("bs_"));
        // It files for its subject; the filing's provider is the one that
        // opened the session.
        let r = app
            .post_as(&session, "/api/v1/filings", &json!({"filing": mine}))
            .await;
        r.expect(StatusCode::CREATED);
        let v = r.json();
        assert_eq!(v["filing"]["provider"], "A", "{}", b.name);
        assert_eq!(v["filing"]["filedBy"], "subject");
        assert_eq!(v["request"]["events"][0]["actorRole"], "subject");
        let fid = id(&v, "filing");
        app.get_with(Some(&session), &format!("/api/v1/filings/{fid}"))
            .await
            .expect(StatusCode::OK);
        // … but not in another provider's name.
        let r = app
            .post_as(
                &session,
                "/api/v1/filings",
                &json!({"filing": mine, "provider": "B"}),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_codes(), ["1048"]);
        // Not for another subject, nor on another subject's filing.
        let r = app
            .post_as(&session, "/api/v1/filings", &json!({"filing": filing(2)}))
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_rules(), ["auth.session_subject"], "{}", b.name);
        let other = app.submit(subject(), &filing(3)).await.json();
        let (ofid, orid) = (id(&other, "filing"), id(&other, "request"));
        for path in [
            format!("/api/v1/filings/{ofid}"),
            format!("/api/v1/requests/{orid}"),
        ] {
            let r = app.get_with(Some(&session), &path).await;
            r.expect(StatusCode::FORBIDDEN);
            assert_eq!(r.error_rules(), ["auth.session_subject"]);
        }
        let list = app.get_with(Some(&session), "/api/v1/filings").await.json();
        assert_eq!(list["filings"].as_array().unwrap().len(), 1, "{}", b.name);
        assert_eq!(list["filings"][0]["id"], fid);
        // Never a provider's or a bureau's step.
        let (_, review) = in_review(&app, 4).await;
        let theirs = app.session("A", &subject_key(&filing(4))).await;
        let r = app
            .post_as(
                &theirs,
                &format!("/api/v1/requests/{review}/events"),
                &json!({"event": {"type": "bureau_approve"}}),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_rules(), ["registry.actor_role"]);
        // Only a provider's credential opens sessions.
        for token in [session.clone(), app.token(&bureau()).await] {
            let r = app
                .post_as(
                    &token,
                    "/api/v1/sessions",
                    &json!({"documentType": "resident_id", "documentNumber": "x"}),
                )
                .await;
            r.expect(StatusCode::FORBIDDEN);
            assert_eq!(r.error_rules(), ["auth.provider_only"]);
        }
        // Expired: 401 (on a server that has not cached it).
        let mut reader = b.db.reader().await.unwrap();
        reader
            .conn()
            .execute("UPDATE sessions SET expires_at = 0", &[])
            .await
            .unwrap();
        drop(reader);
        App::new(&b.db)
            .get_with(Some(&session), "/api/v1/filings")
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
}

/// `filing` with the subject's document number changed by `delta`.
fn filing_for(filing: &Value, delta: u32) -> Value {
    let mut f = filing.clone();
    f["subject"]["documentNumber"] = json!(common::resident_id(500 + delta));
    f
}

#[tokio::test]
async fn a_session_cannot_move_a_filing_to_another_subject() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let mine = filing(1);
        let key = subject_key(&mine);
        let session = app.session("A", &key).await;
        let r = app
            .post_as(
                &session,
                "/api/v1/filings",
                &json!({"filing": mine, "draft": true}),
            )
            .await;
        r.expect(StatusCode::CREATED);
        let rid = id(&r.json(), "request");
        let r = app
            .post_as(
                &session,
                &format!("/api/v1/requests/{rid}/events"),
                &json!({"event": {"type": "subject_edit", "filing": filing_for(&mine, 1)}}),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_rules(), ["auth.session_subject"], "{}", b.name);
    }
}

/// Sessions and credentials live in the database: a session opened on one
/// server works on another server of the same database (two `beian serve`
/// on one PostgreSQL), and so does a credential.
#[tokio::test]
async fn two_servers_share_sessions() {
    for b in common::backends().await {
        let one = App::new(&b.db);
        let other = App::new(&b.db);
        let f = filing(1);
        let session = one.session("A", &subject_key(&f)).await;
        let r = other
            .post_as(&session, "/api/v1/filings", &json!({"filing": f}))
            .await;
        r.expect(StatusCode::CREATED);
        let fid = id(&r.json(), "filing");
        one.get_with(Some(&session), &format!("/api/v1/filings/{fid}"))
            .await
            .expect(StatusCode::OK);
        let provider_token = one.token(&provider("A")).await;
        other
            .get_with(Some(&provider_token), &format!("/api/v1/filings/{fid}"))
            .await
            .expect(StatusCode::OK);
        // Only the hashes are stored.
        let mut reader = b.db.reader().await.unwrap();
        let mut conn = reader.conn();
        let secret = session.split_once('.').unwrap().1;
        let stored = conn
            .fetch_one("SELECT secret_hash FROM sessions", &[])
            .await
            .unwrap()
            .text("secret_hash")
            .unwrap();
        assert!(!stored.contains(secret), "{}", b.name);
        let stored = conn
            .fetch_all("SELECT secret_hash FROM credentials", &[])
            .await
            .unwrap();
        for row in stored {
            let hash = row.text("secret_hash").unwrap();
            assert!(hash.starts_with("$argon2id$"), "{hash}");
            assert!(!hash.contains(provider_token.split_once('.').unwrap().1));
        }
    }
}
