//! Issue 14: a hosting panel's daily filings through the API — filings
//! approved elsewhere brought in with their numbers, numbers given on
//! approval, withdraw (撤回), refusal (不予备案), return and resubmit,
//! revocation (撤销) — on every backend.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use axum::http::StatusCode;
use beian_rules::division;
use beian_rules::filing_number::PROVINCES;
use common::{bureau, filing, filing_with, provider, resident_id, subject, App};
use serde_json::{json, Value};

fn id(v: &Value, what: &str) -> i64 {
    v[what]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no {what} id in {v}"))
}

/// Provider verification by `p`, then the bureau's review: the request is
/// with the bureau.
async fn verified(app: &App, rid: i64, p: &str) {
    let r = app
        .event(
            rid,
            provider(p),
            json!({"type": "provider_verify", "provider": p}),
        )
        .await;
    r.expect(StatusCode::OK);
    assert_eq!(
        r.json()["request"]["status"],
        "bureau_review",
        "{}",
        r.text()
    );
}

/// The complete data of a website of subject `n` with `domain` hosted by
/// `p` (what a transfer or an added website is submitted with).
fn website(n: u32, domain: &str, p: &str) -> Value {
    filing_with(n, domain, &[p])["websites"][0].clone()
}

#[tokio::test]
async fn a_filing_from_elsewhere_transfers_access_and_adds_a_website() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let n = 900;
        let brought = json!({
            "subject": {"subjectType": "individual", "name": "张三", "documentType": "resident_id",
                        "documentNumber": resident_id(n), "filingNumber": "京ICP备12345678号"},
            "websites": [{"domains": ["elsewhere.com"], "filingNumber": "京ICP备12345678号-1"}]
        });
        let body =
            json!({"filing": brought, "filingPassword": "pw-elsewhere", "filedBy": "subject"});
        let r = app.post("/api/v1/filings/import", &body).await;
        r.expect(StatusCode::CREATED);
        let v = r.json();
        let fid = id(&v, "filing");
        assert_eq!(
            v["filing"]["filingNumber"], "京ICP备12345678号",
            "{}",
            b.name
        );
        assert_eq!(v["filing"]["origin"], "elsewhere");
        assert_eq!(v["request"]["status"], "approved");
        assert_eq!(v["filing"]["hasFilingPassword"], true);
        // Found by its number, a website's number too; the internal id is
        // never what the user types.
        for number in ["京ICP备12345678号-1", " 京ICP备12345678号 "] {
            let path = format!("/api/v1/filings?number={}", common::query_escape(number));
            let list = app.get(&path).await;
            list.expect(StatusCode::OK);
            let ids: Vec<i64> = list.json()["filings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_i64().unwrap())
                .collect();
            assert_eq!(ids, [fid], "{number}");
        }
        app.get("/api/v1/filings?number=12345678")
            .await
            .expect(StatusCode::BAD_REQUEST);
        // Brought in twice: the number (and the subject, 1003) is held.
        let again = app.post("/api/v1/filings/import", &body).await;
        again.expect(StatusCode::CONFLICT);
        assert!(again
            .error_rules()
            .contains(&"registry.filing_number_taken".to_string()));
        // Its domain is filed: another subject cannot take it (1005).
        let other = app
            .submit(subject(), &filing_with(901, "elsewhere.com", &["A"]))
            .await;
        other.expect(StatusCode::CONFLICT);
        assert!(other.error_codes().contains(&"1005".to_string()));

        // Access transferred to provider B (002 #32).
        let r = app.start(fid, subject(), "transfer_access").await;
        r.expect(StatusCode::CREATED);
        let rid = id(&r.json(), "request");
        let mut proposed = r.json()["request"]["state"]["filing"].clone();
        let mut w = website(n, "elsewhere.com", "B");
        w["filingNumber"] = "京ICP备12345678号-1".into();
        proposed["websites"][0] = w;
        app.subject_edit(rid, &proposed)
            .await
            .expect(StatusCode::OK);
        let wrong = app.subject_submit(rid, Some("guess")).await;
        wrong.expect(StatusCode::FORBIDDEN);
        let r = app.subject_submit(rid, Some("pw-elsewhere")).await;
        r.expect(StatusCode::OK);
        verified(&app, rid, "B").await;
        let r = app
            .event(rid, bureau(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::OK);
        let filed = &r.json()["request"]["state"]["filing"];
        assert_eq!(filed["websites"][0]["filingNumber"], "京ICP备12345678号-1");
        assert_eq!(filed["subject"]["filingNumber"], "京ICP备12345678号");

        // A website added (002 #33) gets the next number, -2.
        let r = app.start(fid, subject(), "add_website").await;
        r.expect(StatusCode::CREATED);
        let rid = id(&r.json(), "request");
        let mut proposed = r.json()["request"]["state"]["filing"].clone();
        proposed["websites"].as_array_mut().unwrap().push({
            let mut w = website(n, "second-site.com", "B");
            w["access"][0]["ips"] = json!(["101.200.250.9"]);
            w
        });
        app.subject_edit(rid, &proposed)
            .await
            .expect(StatusCode::OK);
        app.subject_submit(rid, Some("pw-elsewhere"))
            .await
            .expect(StatusCode::OK);
        verified(&app, rid, "B").await;
        let r = app
            .event(rid, bureau(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::OK);
        let approved = &r.json()["filing"]["approved"];
        assert_eq!(
            approved["websites"][1]["filingNumber"], "京ICP备12345678号-2",
            "{}",
            b.name
        );
        assert_eq!(r.json()["filing"]["filingNumber"], "京ICP备12345678号");
    }
}

/// A city (none for a municipality's districts) and county-level
/// division in use of a province.
fn county_of(province: u32) -> (String, String) {
    let mut city = String::new();
    let mut queue = division::children(province);
    while let Some(d) = queue.first().copied() {
        if d.level == division::Level::County {
            return (city, d.code.to_string());
        }
        city = d.code.to_string();
        queue = division::children(d.code);
    }
    (city, String::new())
}

/// Seed 000 #32, 002 #28: a new filing approved by the bureau gets a
/// number of its province that our own parser accepts, in every province
/// (checked by `beian field --jsonl`, kind `filing_number`).
#[tokio::test]
async fn approval_gives_a_number_of_the_subjects_province() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let mut numbers = Vec::new();
        for (i, p) in PROVINCES.iter().enumerate() {
            let n = 1000 + i as u32;
            let mut f = filing(n);
            f["subject"]["province"] = p.code.to_string().into();
            let (city, county) = county_of(p.code);
            f["subject"]["city"] = city.into();
            f["subject"]["county"] = county.into();
            f["subject"]["address"] = format!("{}某路1号", p.name).into();
            let (fid, _, _) = app.approved(&f).await;
            let v = app.get(&format!("/api/v1/filings/{fid}")).await.json();
            let number = v["filingNumber"].as_str().unwrap().to_string();
            assert!(number.starts_with(p.filing), "{number} for {}", p.name);
            assert_eq!(
                v["approved"]["websites"][0]["filingNumber"],
                format!("{number}-1")
            );
            numbers.push(number);
        }
        // Two of one province and year: the next serial.
        assert!(
            numbers.iter().all(|n| n.contains("ICP备2026000001号")),
            "{numbers:?}"
        );
        let (fid, _, _) = app.approved(&filing(1100)).await;
        let v = app.get(&format!("/api/v1/filings/{fid}")).await.json();
        assert_eq!(v["filingNumber"], "京ICP备2026000002号", "{}", b.name);
        numbers.push(v["filingNumber"].as_str().unwrap().to_string());

        let input: String = numbers
            .iter()
            .map(|n| json!({"kind": "filing_number", "value": n}).to_string() + "\n")
            .collect();
        let mut child = Command::new(env!("CARGO_BIN_EXE_beian"))
            .args(["field", "--jsonl"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let lines: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), numbers.len());
        for (line, number) in lines.iter().zip(&numbers) {
            assert_eq!(line["ok"], true, "{number}: {line}");
            assert_eq!(line["normalized"], number.as_str());
        }
    }
}

/// The bureau may type the number; our parser and the subject's province
/// check it, and a number is never given twice.
#[tokio::test]
async fn a_number_typed_by_the_bureau() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let mut ids = Vec::new();
        for n in [1200, 1201] {
            let r = app.submit(subject(), &filing(n)).await;
            let rid = id(&r.json(), "request");
            verified(&app, rid, "A").await;
            ids.push(rid);
        }
        let approve = |number: &str| json!({"type": "bureau_approve", "filingNumber": number});
        let r = app
            .event(ids[0], bureau(), approve("沪ICP备2026123456号"))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.error_rules(), ["flow.filing_number_province"]);
        let r = app
            .event(ids[0], bureau(), approve("京ICP备2026123456号-1"))
            .await;
        assert_eq!(r.error_rules(), ["flow.filing_number_invalid"]);
        let r = app
            .event(ids[0], bureau(), approve("京ICP备 2026123456 号"))
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(
            r.json()["filing"]["filingNumber"],
            "京ICP备2026123456号",
            "{}",
            b.name
        );
        let r = app
            .event(ids[1], bureau(), approve("京ICP备2026123456号"))
            .await;
        r.expect(StatusCode::CONFLICT);
        assert_eq!(r.error_rules(), ["registry.filing_number_taken"]);
    }
}

#[tokio::test]
async fn withdrawn_or_refused_requests_free_their_domains_at_once() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        // Withdrawn by the subject during verification.
        let r = app.submit(subject(), &filing(1300)).await;
        let rid = id(&r.json(), "request");
        let stranger = app
            .event(
                rid,
                provider("X"),
                json!({"type": "withdraw", "by": "provider"}),
            )
            .await;
        stranger.expect(StatusCode::FORBIDDEN);
        let r = app
            .event(
                rid,
                subject(),
                json!({"type": "withdraw", "by": "subject", "reason": "换了域名"}),
            )
            .await;
        r.expect(StatusCode::OK);
        let v = r.json();
        assert_eq!(v["request"]["status"], "withdrawn", "{}", b.name);
        assert_eq!(v["request"]["pending"], false);
        assert_eq!(v["request"]["state"]["reason"], "换了域名");
        app.submit(subject(), &filing_with(1301, "site1300.com", &["A"]))
            .await
            .expect(StatusCode::CREATED);
        // Nothing follows a withdrawal.
        app.subject_submit(rid, None)
            .await
            .expect(StatusCode::CONFLICT);

        // Withdrawn by its provider while with the bureau.
        let r = app.submit(subject(), &filing(1302)).await;
        let rid = id(&r.json(), "request");
        verified(&app, rid, "A").await;
        app.event(
            rid,
            provider("A"),
            json!({"type": "withdraw", "by": "provider"}),
        )
        .await
        .expect(StatusCode::OK);
        app.submit(subject(), &filing_with(1303, "site1302.com", &["A"]))
            .await
            .expect(StatusCode::CREATED);

        // Refused by the bureau, with a reason: not a return.
        let r = app.submit(subject(), &filing(1304)).await;
        let rid = id(&r.json(), "request");
        verified(&app, rid, "A").await;
        let r = app
            .event(
                rid,
                bureau(),
                json!({"type": "bureau_refuse", "reason": ""}),
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.error_rules(), ["flow.reason_required"]);
        let r = app
            .event(
                rid,
                bureau(),
                json!({"type": "bureau_refuse", "reason": "网站名称不符合要求"}),
            )
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["request"]["status"], "refused");
        assert_eq!(r.json()["request"]["label"]["zh-CN"], "报备阶段-不予备案");
        app.subject_edit(rid, &filing(1304))
            .await
            .expect(StatusCode::CONFLICT);
        app.submit(subject(), &filing_with(1305, "site1304.com", &["A"]))
            .await
            .expect(StatusCode::CREATED);
        // The subject of a refused new filing may file again.
        app.submit(subject(), &filing_with(1304, "other1304.com", &["A"]))
            .await
            .expect(StatusCode::CREATED);
    }
}

#[tokio::test]
async fn a_returned_request_is_edited_and_submitted_again() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let f = filing(1400);
        let r = app.submit(subject(), &f).await;
        let rid = id(&r.json(), "request");
        verified(&app, rid, "A").await;
        let r = app
            .event(
                rid,
                bureau(),
                json!({"type": "bureau_return_to_subject", "reason": "网站名称请与内容一致"}),
            )
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(
            r.json()["request"]["state"]["returnReason"],
            "网站名称请与内容一致"
        );
        // Submitting unchanged is refused: save first (any edit).
        app.subject_submit(rid, None)
            .await
            .expect(StatusCode::CONFLICT);
        let mut edited = f.clone();
        edited["websites"][0]["name"] = "张三的读书笔记网".into();
        app.subject_edit(rid, &edited).await.expect(StatusCode::OK);
        let r = app.subject_submit(rid, None).await;
        r.expect(StatusCode::OK);
        assert_eq!(
            r.json()["request"]["status"],
            "provider_verification",
            "{}",
            b.name
        );
        verified(&app, rid, "A").await;
        let r = app
            .event(rid, bureau(), json!({"type": "bureau_approve"}))
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(
            r.json()["filing"]["approved"]["websites"][0]["name"],
            "张三的读书笔记网"
        );
    }
}

#[tokio::test]
async fn the_bureau_revokes_a_website_then_the_filing() {
    for b in common::backends().await {
        let app = App::new(&b.db);
        let mut f = filing(1500);
        let mut second = website(1500, "site1500b.com", "A");
        second["access"][0]["ips"] = json!(["101.200.250.7"]);
        f["websites"].as_array_mut().unwrap().push(second);
        let (fid, rid, _) = app.approved(&f).await;
        let v = app.get(&format!("/api/v1/filings/{fid}")).await.json();
        let number = v["filingNumber"].as_str().unwrap().to_string();
        let revoke = |reason: &str, website: Option<String>| json!({"type": "bureau_revoke", "reason": reason, "website": website});
        app.event(rid, bureau(), revoke("", None))
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        app.event(rid, subject(), revoke("虚假备案", None))
            .await
            .expect(StatusCode::FORBIDDEN);
        // One website, by its number (001 其它 #14: a false filing that
        // blocks someone's domain): the domain is free at once.
        let r = app
            .event(
                rid,
                bureau(),
                revoke("虚假备案", Some(format!("{number}-2"))),
            )
            .await;
        r.expect(StatusCode::OK);
        let v = r.json();
        assert_eq!(v["request"]["status"], "approved", "{}", b.name);
        assert_eq!(
            v["filing"]["approved"]["websites"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        app.submit(subject(), &filing_with(1501, "site1500b.com", &["A"]))
            .await
            .expect(StatusCode::CREATED);
        // The whole filing: closed, its number withdrawn, its domains free.
        let r = app.event(rid, bureau(), revoke("虚假备案", None)).await;
        r.expect(StatusCode::OK);
        let v = r.json();
        assert_eq!(v["request"]["status"], "revoked");
        assert_eq!(v["filing"]["closed"], true);
        assert_eq!(v["request"]["label"]["zh-CN"], "备案已撤销");
        app.start(fid, subject(), "change")
            .await
            .expect(StatusCode::CONFLICT);
        app.submit(subject(), &filing_with(1502, "site1500.com", &["A"]))
            .await
            .expect(StatusCode::CREATED);
    }
}
