//! The registry through the API, on SQLite and on PostgreSQL: submitting,
//! the flow's events, and every registry check (1003, 1005, 1039, 1040,
//! 1016, 1018, 1048, 1029, 1051, 1046) as findings.

mod common;

use axum::http::StatusCode;
use beian_rules::Date;
use beian_server::{AppConfig, Clock};
use common::{bureau, filing, filing_with, provider, subject, App};
use serde_json::{json, Value};

fn id(v: &Value, what: &str) -> i64 {
    v[what]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no {what} id in {v}"))
}

#[tokio::test]
async fn submit_verify_approve_and_read_back() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let f = filing(1);
        let reply = app.submit(subject(), &f).await;
        reply.expect(StatusCode::CREATED);
        let v = reply.json();
        assert_eq!(
            v["request"]["status"], "provider_verification",
            "{}",
            b.name
        );
        assert_eq!(v["request"]["kind"], "new_filing");
        assert_eq!(v["request"]["label"]["zh-CN"], "报备阶段-接入者核实");
        assert_eq!(v["request"]["state"]["submittedOn"], "2026-11-25");
        // The review deadline, from the official 2026 schedule.
        let deadlines = &v["request"]["next"]["deadlines"];
        assert_eq!(deadlines["review"], "2026-12-23", "{}", b.name);
        assert_eq!(deadlines["workingDaysLeft"], 20);
        assert_eq!(deadlines["estimated"], false);
        assert_eq!(deadlines["estimatedYears"], json!([]));
        assert_eq!(v["filing"]["provider"], "A");
        assert_eq!(v["filing"]["domains"], json!(["site1.com"]));
        let masked = v["filing"]["subject"]["documentNumber"].as_str().unwrap();
        assert!(masked.contains("*****") && !masked.contains(&common::resident_id(1)[3..16]));
        assert!(v["filing"]["subject"]["documentNumber"]
            .as_str()
            .unwrap()
            .starts_with("110"));
        assert_eq!(v["findings"], json!([]));
        let (fid, rid) = (id(&v, "filing"), id(&v, "request"));

        let r = app
            .event(
                rid,
                provider("A"),
                json!({"type": "provider_verify", "provider": "A"}),
            )
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["request"]["status"], "bureau_review");
        let r = app
            .event(
                rid,
                bureau(),
                json!({"type": "bureau_approve", "on": "1999-01-01"}),
            )
            .await;
        r.expect(StatusCode::OK);
        let v = r.json();
        assert_eq!(v["request"]["status"], "approved");
        // The server's date, not the client's.
        assert_eq!(v["request"]["state"]["approvedOn"], "2026-11-25");
        let password = v["filingPassword"].as_str().unwrap().to_string();
        assert_eq!(password.len(), 12);
        assert_eq!(v["filing"]["hasFilingPassword"], true);
        assert_eq!(v["filing"]["approvedOn"], "2026-11-25");
        assert_eq!(
            v["filing"]["approved"]["websites"][0]["domains"],
            json!(["site1.com"])
        );

        // Read back: the filing, the request with its history, no password.
        let r = app.get(&format!("/api/v1/filings/{fid}")).await;
        r.expect(StatusCode::OK);
        let v = r.json();
        assert_eq!(v["requests"][0]["status"], "approved");
        assert!(!r.text().contains(&password));
        let r = app.get(&format!("/api/v1/requests/{rid}")).await;
        r.expect(StatusCode::OK);
        let v = r.json();
        let events: Vec<&str> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        assert_eq!(events, ["submit", "provider_verify", "bureau_approve"]);
        assert_eq!(v["events"][1]["actorProvider"], "A");
        assert_eq!(v["version"], 2);
        assert_eq!(v["next"]["status"], "approved");
        assert!(!r.text().contains(&password));

        // In the database: a hash, never the password.
        let mut reader = b.db.reader().await.unwrap();
        let mut conn = reader.conn();
        let row = conn
            .fetch_one(
                "SELECT password_hash FROM filings WHERE id = $1",
                &[fid.into()],
            )
            .await
            .unwrap();
        let hash = row.text("password_hash").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(beian_server::password::verify(&password, &hash));
        for table in ["filings", "requests", "events", "claims"] {
            let rows = conn
                .fetch_all(&format!("SELECT * FROM {table}"), &[])
                .await
                .unwrap();
            assert!(!rows.is_empty() || table == "claims");
        }
        let events = conn
            .fetch_all("SELECT event FROM events", &[])
            .await
            .unwrap();
        for e in events {
            assert!(!e.text("event").unwrap().contains(&password));
        }
    }
}

#[tokio::test]
async fn subject_and_domain_conflicts_1003_1005() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        app.submit(subject(), &filing(1))
            .await
            .expect(StatusCode::CREATED);

        // Same subject, another domain: 1003 at the document number.
        let mut same_subject = filing_with(2, "other2.com", &["A"]);
        same_subject["subject"]["documentNumber"] = filing(1)["subject"]["documentNumber"].clone();
        same_subject["subject"]["responsiblePerson"] =
            filing(1)["subject"]["responsiblePerson"].clone();
        same_subject["websites"][0]["responsiblePerson"] =
            filing(1)["websites"][0]["responsiblePerson"].clone();
        let r = app.submit(subject(), &same_subject).await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_codes(), ["1003"], "{}", b.name);
        let v = r.json();
        assert_eq!(v["error"]["code"], "1003");
        assert_eq!(v["findings"][0]["path"], "/subject/documentNumber");
        assert_eq!(v["findings"][0]["rule"], "registry.subject_conflict");
        assert!(v["findings"][0]["message"]["zh-CN"]
            .as_str()
            .unwrap()
            .contains("新增网站"));

        // Another subject, the same domain (another case): 1005 at the domain.
        let r = app
            .submit(subject(), &filing_with(3, "SITE1.com", &["A"]))
            .await;
        // The rules take the upper case first.
        if r.status == StatusCode::UNPROCESSABLE_ENTITY {
            let r = app
                .submit(subject(), &filing_with(3, "site1.com", &["A"]))
                .await;
            r.expect(StatusCode::CONFLICT);
            assert_eq!(r.error_codes(), ["1005"]);
        } else {
            r.expect(StatusCode::CONFLICT);
            assert_eq!(r.error_codes(), ["1005"]);
        }
        let r = app
            .submit(subject(), &filing_with(3, "site1.com", &["A"]))
            .await;
        let v = r.json();
        assert_eq!(v["findings"][0]["path"], "/websites/0/domains/0");
        assert!(v["findings"][0]["message"]["en"]
            .as_str()
            .unwrap()
            .contains("transfer"));

        // Both at once: both findings, nothing written.
        let mut both = filing(1);
        both["websites"][0]["access"][0]["ips"] = json!(["47.95.0.7"]);
        let r = app.submit(subject(), &both).await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_codes(), ["1003", "1005"]);
        let list = app.get("/api/v1/filings").await.json();
        assert_eq!(list["filings"].as_array().unwrap().len(), 1, "{}", b.name);

        // The look-up tells the same.
        let r = app
            .post(
                "/api/v1/registry/lookup",
                &json!({"domains": ["www.site1.com", "free.cn", "bad..", "site3.com"],
                        "subjects": [{"documentType": "resident_id",
                                      "documentNumber": common::resident_id(1).to_lowercase()},
                                     {"documentType": "resident_id",
                                      "documentNumber": common::resident_id(9)}]}),
            )
            .await;
        r.expect(StatusCode::OK);
        let v = r.json();
        let filed: Vec<bool> = v["domains"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["filed"].as_bool().unwrap())
            .collect();
        assert_eq!(filed, [true, false, false, false]);
        assert_eq!(v["domains"][0]["key"], "site1.com");
        assert_eq!(v["domains"][0]["pending"], true);
        assert_eq!(v["domains"][2]["key"], Value::Null);
        assert_eq!(v["subjects"][0]["filed"], true);
        assert_eq!(v["subjects"][1]["filed"], false);
        // No document number echoed back.
        assert!(!r.text().contains(&common::resident_id(9)));
    }
}

#[tokio::test]
async fn drafts_claim_nothing_until_submitted() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let r = app
            .file(subject(), &json!({"filing": filing(1), "draft": true}))
            .await;
        r.expect(StatusCode::CREATED);
        let v = r.json();
        assert_eq!(v["request"]["status"], "draft");
        assert_eq!(v["filing"]["domains"], json!([]));
        let rid = id(&v, "request");
        // Another subject may still take the domain …
        app.submit(subject(), &filing_with(2, "site1.com", &["A"]))
            .await
            .expect(StatusCode::CREATED);
        // … and then the draft's submission is the one that conflicts.
        let r = app
            .event(rid, subject(), json!({"type": "submit", "by": "subject"}))
            .await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_codes(), ["1005"], "{}", b.name);
        // A draft with errors is kept; its submission reports the rules.
        let mut bad = filing(3);
        bad["websites"][0]["domains"] = json!(["www.site3.com"]);
        let r = app
            .file(subject(), &json!({"filing": bad, "draft": true}))
            .await;
        r.expect(StatusCode::CREATED);
        let rid = id(&r.json(), "request");
        let r = app
            .event(rid, subject(), json!({"type": "submit", "by": "subject"}))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.error_codes().contains(&"1004".to_string()),
            "{}",
            r.text()
        );
    }
}

#[tokio::test]
async fn missing_references_are_1016() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let r = app
            .event(999, bureau(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::NOT_FOUND);
        assert_eq!(r.error_codes(), ["1016"], "{}", b.name);
        assert_eq!(r.json()["findings"][0]["rule"], "registry.request_missing");
        let r = app.start(999, subject(), "change").await;
        r.expect(StatusCode::NOT_FOUND);
        assert_eq!(r.error_codes(), ["1016"]);
        assert_eq!(
            app.get("/api/v1/filings/999").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get("/api/v1/requests/999").await.status,
            StatusCode::NOT_FOUND
        );
        let r = app.get("/api/v1/requests/999").await;
        assert_eq!(r.json()["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn actors_1048_and_roles() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let v = app.submit(subject(), &filing(1)).await.json();
        let rid = id(&v, "request");

        // A provider that is not the filing's.
        let r = app
            .event(
                rid,
                provider("X"),
                json!({"type": "provider_verify", "provider": "X"}),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_codes(), ["1048"], "{}", b.name);
        assert_eq!(r.json()["findings"][0]["rule"], "registry.not_provider");
        // A provider acting in another's name.
        let r = app
            .file(
                provider("X"),
                &json!({"filing": filing(2), "provider": "A"}),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_codes(), ["1048"]);
        assert!(r.json()["findings"][0]["message"]["en"]
            .as_str()
            .unwrap()
            .contains("name of A"));
        // The subject cannot approve, the bureau cannot verify.
        let r = app
            .event(rid, subject(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_rules(), ["registry.actor_role"]);
        let r = app
            .event(
                rid,
                bureau(),
                json!({"type": "provider_verify", "provider": "A"}),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        // The flow's own word: nothing to approve before verification.
        let r = app
            .event(rid, bureau(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_rules(), ["flow.event_not_allowed"]);
        // Nothing of this was written.
        let v = app.get(&format!("/api/v1/requests/{rid}")).await.json();
        assert_eq!(v["version"], 0);
        assert_eq!(v["events"].as_array().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn filing_password_1018() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (fid, _, password) = app.approved(&filing(1)).await;

        // Provider B takes over the access (transfer: the password is
        // needed, first to start it: B does not serve the filing yet).
        let r = app.start(fid, provider("B"), "transfer_access").await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_rules(), ["auth.filing_password_to_start"]);
        assert!(!r.text().contains(&common::resident_id(1)));
        let r = app
            .start_with(fid, provider("B"), "transfer_access", Some("wrong"))
            .await;
        r.expect(StatusCode::FORBIDDEN);
        let r = app
            .start_with(fid, provider("B"), "transfer_access", Some(&password))
            .await;
        r.expect(StatusCode::CREATED);
        let v = r.json();
        let rid = id(&v, "request");
        assert_eq!(v["request"]["kind"], "transfer_access");
        assert_eq!(v["request"]["status"], "draft");
        let mut proposed: Value = v["request"]["state"]["filing"].clone();
        proposed["websites"][0]["access"]
            .as_array_mut()
            .unwrap()
            .push(json!({"provider": "B", "method": "cloud", "serverLocation": "330000", "ips": ["47.95.0.20"]}));
        // Filed by the subject: the subject edits and submits (002 #57).
        let r = app
            .event(
                rid,
                subject(),
                json!({"type": "subject_edit", "filing": proposed}),
            )
            .await;
        r.expect(StatusCode::OK);

        let submit = |pw: Option<&str>| {
            let mut e = json!({"type": "submit", "by": "subject"});
            if let Some(pw) = pw {
                e["filingPassword"] = json!(pw);
            }
            e
        };
        // Without it: the flow asks for it (1018, 422).
        let r = app.event(rid, subject(), submit(None)).await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.error_rules(),
            ["flow.filing_password_required"],
            "{}",
            b.name
        );
        // A wrong one: the registry refuses it (1018, 403).
        let r = app
            .event(rid, subject(), submit(Some("wrong-password")))
            .await;
        r.expect(StatusCode::FORBIDDEN);
        assert_eq!(r.error_codes(), ["1018"]);
        assert_eq!(
            r.json()["findings"][0]["rule"],
            "registry.filing_password_wrong"
        );
        assert_eq!(r.json()["findings"][0]["path"], "/filingPassword");
        // The right one.
        let r = app.event(rid, subject(), submit(Some(&password))).await;
        r.expect(StatusCode::OK);
        let v = r.json();
        assert_eq!(v["request"]["status"], "provider_verification");
        // Never stored in clear, never shown.
        assert!(!r.text().contains(&password));
        let mut reader = b.db.reader().await.unwrap();
        let rows = reader
            .conn()
            .fetch_all("SELECT event FROM events", &[])
            .await
            .unwrap();
        assert!(rows
            .iter()
            .all(|r| !r.text("event").unwrap().contains(&password)));
    }
}

#[tokio::test]
async fn pending_access_1029_and_ip_1040() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (fid, _, password) = app.approved(&filing(1)).await;
        let transfer = |who: &'static str, ip: &'static str| {
            let app = app.clone();
            let password = password.clone();
            async move {
                let v = app
                    .start_with(fid, provider(who), "transfer_access", Some(&password))
                    .await
                    .json();
                let rid = id(&v, "request");
                let mut proposed = v["request"]["state"]["filing"].clone();
                proposed["websites"][0]["access"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"provider": who, "method": "cloud", "serverLocation": "330000", "ips": [ip]}));
                app.event(
                    rid,
                    subject(),
                    json!({"type": "subject_edit", "filing": proposed}),
                )
                .await
                .expect(StatusCode::OK);
                app.event(
                    rid,
                    subject(),
                    json!({"type": "submit", "by": "subject", "filingPassword": password}),
                )
                .await
            }
        };
        transfer("B", "47.95.0.20").await.expect(StatusCode::OK);
        // A second transfer of the same website while the first is pending.
        let r = transfer("C", "47.95.0.30").await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_codes(), ["1029"], "{}", b.name);
        assert_eq!(r.json()["findings"][0]["path"], "/websites/0/access");

        // A change by A that adds the IP B's pending transfer adds: 1040.
        let v = app.start(fid, provider("A"), "change").await.json();
        let rid = id(&v, "request");
        let mut proposed = v["request"]["state"]["filing"].clone();
        proposed["websites"][0]["access"][0]["ips"]
            .as_array_mut()
            .unwrap()
            .push(json!("47.95.0.20"));
        app.event(
            rid,
            subject(),
            json!({"type": "subject_edit", "filing": proposed}),
        )
        .await
        .expect(StatusCode::OK);
        let r = app
            .event(rid, subject(), json!({"type": "submit", "by": "subject"}))
            .await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_codes(), ["1040"]);
        assert_eq!(
            r.json()["findings"][0]["path"],
            "/websites/0/access/0/ips/1"
        );
    }
}

#[tokio::test]
async fn pending_change_1051_and_province_1046() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (fid, _, _) = app.approved(&filing(1)).await;
        let v = app.start(fid, provider("A"), "change").await.json();
        let rid = id(&v, "request");
        let mut proposed = v["request"]["state"]["filing"].clone();
        proposed["subject"]["address"] = json!("北京市海淀区某路2号");
        app.event(
            rid,
            subject(),
            json!({"type": "subject_edit", "filing": proposed}),
        )
        .await
        .expect(StatusCode::OK);
        app.event(rid, subject(), json!({"type": "submit", "by": "subject"}))
            .await
            .expect(StatusCode::OK);
        // A second change through the same provider while one is pending.
        let r = app.start(fid, provider("A"), "change").await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_codes(), ["1051"], "{}", b.name);

        // Another filing: a change may not move the subject's province.
        let (fid2, _, _) = app.approved(&filing(2)).await;
        let v = app.start(fid2, subject(), "change").await.json();
        let rid2 = id(&v, "request");
        let mut moved = v["request"]["state"]["filing"].clone();
        moved["subject"]["province"] = json!("310000");
        moved["subject"]["county"] = json!("310101");
        app.event(
            rid2,
            subject(),
            json!({"type": "subject_edit", "filing": moved}),
        )
        .await
        .expect(StatusCode::OK);
        let r = app
            .event(rid2, subject(), json!({"type": "submit", "by": "subject"}))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.error_codes().contains(&"1046".to_string()),
            "{}",
            r.text()
        );
    }
}

#[tokio::test]
async fn same_subject_filing_twice_1039() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (fid, _, password) = app.approved(&filing(1)).await;
        let add = |domain: &'static str, ip: &'static str| {
            let app = app.clone();
            let password = password.clone();
            async move {
                let v = app.start(fid, subject(), "add_website").await.json();
                let rid = id(&v, "request");
                let mut proposed = v["request"]["state"]["filing"].clone();
                let mut site = proposed["websites"][0].clone();
                site["domains"] = json!([domain]);
                site["homepage"] = json!(format!("http://www.{domain}"));
                site["name"] = json!("张三的相册网");
                // An address of its own: one address once per filing (1040).
                site["access"][0]["ips"] = json!([ip]);
                proposed["websites"].as_array_mut().unwrap().push(site);
                app.event(
                    rid,
                    subject(),
                    json!({"type": "subject_edit", "filing": proposed}),
                )
                .await
                .expect(StatusCode::OK);
                app.event(
                    rid,
                    subject(),
                    json!({"type": "submit", "by": "subject", "filingPassword": password}),
                )
                .await
            }
        };
        add("new1.com", "101.251.0.1").await.expect(StatusCode::OK);
        let r = add("new1.com", "101.251.0.2").await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_codes(), ["1039"], "{}", b.name);
        assert_eq!(r.json()["findings"][0]["path"], "/websites/1/domains/0");
    }
}

#[tokio::test]
async fn cancelling_the_subject_frees_its_claims() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let (fid, _, password) = app.approved(&filing(1)).await;
        let v = app.start(fid, subject(), "cancel_subject").await.json();
        let rid = id(&v, "request");
        // The websites must be closed first (002 #53).
        let r = app
            .event(
                rid,
                subject(),
                json!({"type": "submit", "by": "subject", "filingPassword": password,
                        "cancellation": {"type": "discontinued", "reason": "网站已停止使用"}}),
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.error_rules(),
            ["flow.cancel_subject_sites_open"],
            "{}",
            b.name
        );
        let r = app
            .event_body(
                rid,
                subject(),
                &json!({"event": {"type": "submit", "by": "subject", "filingPassword": password,
                                  "cancellation": {"type": "voluntary", "reason": "该主体已有另一个备案号"}},
                        "closedDomains": ["site1.com"]}),
            )
            .await;
        r.expect(StatusCode::OK);
        app.event(
            rid,
            provider("A"),
            json!({"type": "provider_verify", "provider": "A"}),
        )
        .await
        .expect(StatusCode::OK);
        let r = app
            .event(rid, bureau(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["filing"]["closed"], true);
        // The subject and its domain can be filed anew.
        app.submit(subject(), &filing(1))
            .await
            .expect(StatusCode::CREATED);
        // The cancelled filing takes no more requests.
        let r = app.start(fid, subject(), "change").await;
        assert!(r.status.is_client_error(), "{}", r.text());
        assert_eq!(r.error_rules(), ["flow.subject_cancelled"]);
    }
}

#[tokio::test]
async fn two_providers_verify_and_stale_versions() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let v = app
            .submit(subject(), &filing_with(1, "site1.com", &["A", "B"]))
            .await
            .json();
        let rid = id(&v, "request");
        let r = app
            .post(
                &format!("/api/v1/requests/{rid}/events"),
                &json!({"expectedVersion": 5,
                        "event": {"type": "provider_verify", "provider": "A"}}),
            )
            .await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_rules(), ["registry.stale_version"], "{}", b.name);
        let r = app
            .post(
                &format!("/api/v1/requests/{rid}/events"),
                &json!({"expectedVersion": 0,
                        "event": {"type": "provider_verify", "provider": "A"}}),
            )
            .await;
        r.expect(StatusCode::OK);
        // 000 #67: one of two providers is not enough.
        assert_eq!(r.json()["request"]["status"], "provider_verification");
        let r = app
            .event(
                rid,
                provider("B"),
                json!({"type": "provider_verify", "provider": "B"}),
            )
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["request"]["status"], "bureau_review");
        assert_eq!(r.json()["request"]["version"], 2);
    }
}

#[tokio::test]
async fn list_filter_and_pages() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        for n in 1..=5 {
            let providers: &[&str] = if n % 2 == 0 { &["B"] } else { &["A"] };
            app.submit(
                subject(),
                &filing_with(n, &format!("site{n}.com"), providers),
            )
            .await
            .expect(StatusCode::CREATED);
        }
        let v = app.get("/api/v1/filings?limit=2").await.json();
        let ids: Vec<i64> = v["filings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 2, "{}", b.name);
        assert!(ids[0] > ids[1], "newest first");
        let next = v["nextBefore"].as_i64().unwrap();
        let v = app
            .get(&format!("/api/v1/filings?limit=2&before={next}"))
            .await
            .json();
        assert_eq!(v["filings"].as_array().unwrap().len(), 2);
        let v = app.get("/api/v1/filings?limit=200").await.json();
        assert_eq!(v["filings"].as_array().unwrap().len(), 5);
        assert_eq!(v["nextBefore"], Value::Null);
        let v = app.get("/api/v1/filings?provider=B").await.json();
        assert_eq!(v["filings"].as_array().unwrap().len(), 2);
        let v = app
            .get("/api/v1/filings?status=provider_verification&provider=A")
            .await
            .json();
        assert_eq!(v["filings"].as_array().unwrap().len(), 3);
        let v = app.get("/api/v1/filings?status=approved").await.json();
        assert_eq!(v["filings"], json!([]));
        // Lists never show a document number in clear.
        let text = app.get("/api/v1/filings").await.text();
        for n in 1..=5 {
            assert!(!text.contains(&common::resident_id(n)));
        }
    }
}

#[tokio::test]
async fn logs_never_hold_id_or_phone_numbers() {
    let b = common::sqlite().await;
    let (log, lines) = common::log_sink();
    let app = App::with(beian_server::AppConfig {
        log,
        ..common::config(Some(b.db.clone()))
    });
    let f = filing(7);
    let (fid, _, _) = app.approved(&f).await;
    app.submit(subject(), &f).await.expect(StatusCode::CONFLICT);
    app.get(&format!("/api/v1/filings/{fid}")).await;
    // An ID number in the path and the body of bad requests.
    let id = common::resident_id(7);
    app.get(&format!("/api/v1/filings/{id}")).await;
    app.post_raw(
        "/api/v1/filings",
        format!("{{\"x\": \"{id}\"}}").into_bytes(),
    )
    .await;
    app.post(
        "/api/v1/registry/lookup",
        &json!({"subjects": [{"documentType": "resident_id", "documentNumber": id}]}),
    )
    .await;
    let lines = lines.lock().unwrap().clone();
    assert!(lines.len() >= 8, "{lines:#?}");
    for line in &lines {
        assert!(!line.contains(&id), "{line}");
        assert!(!line.contains("13812345678"), "{line}");
        assert!(!line.contains("19570101"), "a birth date in clear: {line}");
    }
    assert!(
        lines.iter().any(|l| l.contains("subject resident_id 110")),
        "{lines:#?}"
    );
}

/// Issue 13: submitted on 2026-12-04, the review runs into 2027, whose
/// holiday schedule is not embedded: the deadline is answered all the
/// same, marked estimated (exact once a 2027 schedule is embedded).
#[tokio::test]
async fn review_deadlines_into_an_unpublished_year_are_estimated() {
    let on = Date::new(2026, 12, 4).unwrap();
    let expected = beian_flow::calendar::review_deadline(on).unwrap();
    assert!(expected.estimated || beian_flow::calendar::is_official(2027));
    for b in common::backends().await {
        let app = App::with(AppConfig {
            clock: Clock::Fixed(on),
            ..common::config(Some(b.db.clone()))
        });
        let reply = app.submit(subject(), &filing(1)).await;
        reply.expect(StatusCode::CREATED);
        let v = reply.json();
        assert_eq!(v["request"]["state"]["submittedOn"], "2026-12-04");
        let deadlines = &v["request"]["next"]["deadlines"];
        assert_eq!(deadlines["review"], expected.date.to_string(), "{}", b.name);
        assert_eq!(deadlines["workingDaysLeft"], 20);
        assert_eq!(deadlines["estimated"], expected.estimated);
        assert_eq!(deadlines["estimatedYears"], json!(expected.estimated_years));
        assert_eq!(deadlines["unknownYear"], Value::Null);
        if expected.estimated {
            assert_eq!(deadlines["review"], "2027-01-04");
            assert_eq!(deadlines["estimatedYears"], json!([2027]));
        }
        // Read back: the same.
        let rid = id(&v, "request");
        let r = app.get(&format!("/api/v1/requests/{rid}")).await;
        r.expect(StatusCode::OK);
        assert_eq!(&r.json()["next"]["deadlines"], deadlines);
    }
}

/// Issue 19: `organization_code` became `organisation_code`. A database of
/// before holds the old name in the filing's column and in the subject's
/// registry key; the migration renames both, so that the subject is still
/// found, whichever spelling a client sends.
#[tokio::test]
async fn the_migration_renames_the_names_of_before() {
    use sqlx::Connection;
    let b = common::sqlite().await;
    let app = App::new(&b.db);
    let f = filing(1);
    let reply = app.submit(subject(), &f).await;
    reply.expect(StatusCode::CREATED);
    let fid = id(&reply.json(), "filing");
    let number = common::resident_id(1);
    // The rows as the server of before wrote them for an organisation code.
    let mut conn = sqlx::SqliteConnection::connect(&b.url).await.unwrap();
    sqlx::query("UPDATE filings SET subject_document_type = 'organization_code'")
        .execute(&mut conn)
        .await
        .unwrap();
    let old_key = format!("organization_code:{number}");
    sqlx::query("UPDATE claims SET value = ? WHERE kind = 'subject'")
        .bind(&old_key)
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::raw_sql(include_str!("../migrations/sqlite/0002_british_names.sql"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (column,): (String,) = sqlx::query_as("SELECT subject_document_type FROM filings")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(column, "organisation_code");
    let (key,): (String,) = sqlx::query_as("SELECT value FROM claims WHERE kind = 'subject'")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(key, format!("organisation_code:{number}"));
    conn.close().await.unwrap();
    let v = app.get(&format!("/api/v1/filings/{fid}")).await.json();
    assert_eq!(v["subject"]["documentType"], "organisation_code", "{v}");
    for spelling in ["organisation_code", "organization_code"] {
        let r = app
            .post(
                "/api/v1/registry/lookup",
                &json!({"subjects": [{"documentType": spelling, "documentNumber": number}]}),
            )
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["subjects"][0]["filed"], true, "{spelling}");
    }
}
