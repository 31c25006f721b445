//! The `beian` binary end to end: `field --jsonl`, `field KIND VALUE`, and
//! `serve` with a clean shutdown on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use beian_rules::{check_field, Date, FieldContext, FieldKind, IdentifierKind};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_beian");

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the beian binary starts");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        input.write_all(&stdin).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn expected(kind: FieldKind, value: &str, domains: &[&str], today: Option<Date>) -> Value {
    let context = FieldContext {
        domains: domains.iter().map(|d| d.to_string()).collect(),
        today,
        path: String::new(),
    };
    serde_json::to_value(check_field(kind, value, &context)).unwrap()
}

#[test]
fn field_jsonl_checks_each_line_and_reports_bad_ones() {
    let input = concat!(
        r#"{"kind": "resident_id", "value": "11010519491231002x"}"#,
        "\n",
        r#"{"kind": "domain", "value": "www.example.com"}"#,
        "\n",
        "\n",
        "{this is not json\n",
        r#"{"kind": "homepage", "value": "http://www.other.cn", "domains": ["example.com"]}"#,
        "\n",
        r#"{"kind": "licence_plate", "value": "京A12345"}"#,
        "\n",
        r#"{"value": "example.com"}"#,
        "\n",
        r#"{"kind": "domain", "value": ["example.com"]}"#,
        "\n",
        r#"{"kind": "homepage", "value": "https://www.example.com/", "domains": ["example.com"], "today": "2025-01-01"}"#,
        "\n",
        r#"{"kind": "domain", "value": "例子.中国"}"#,
    );
    let (code, stdout, stderr) = run_with_stdin(&["field", "--jsonl"], input.as_bytes());
    assert_eq!(code, 0, "stderr: {stderr}");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(lines.len(), 9, "{stdout}");

    let today = beian_server::today_utc8();
    assert_eq!(
        lines[0],
        expected(
            FieldKind::Identifier(IdentifierKind::ResidentId),
            "11010519491231002x",
            &[],
            today
        )
    );
    assert_eq!(lines[0]["ok"], false);
    assert_eq!(lines[0]["findings"][0]["code"], "1015");
    assert_eq!(lines[0]["normalized"], "11010519491231002X");
    assert_eq!(
        lines[1],
        expected(
            FieldKind::Identifier(IdentifierKind::Domain),
            "www.example.com",
            &[],
            today
        )
    );
    assert_eq!(lines[1]["findings"][0]["code"], "1004");
    assert_eq!(lines[1]["normalized"], "example.com");
    assert_eq!(lines[2]["error"]["line"], 4);
    assert!(lines[2]["error"]["message"].as_str().unwrap().len() > 5);
    assert_eq!(
        lines[3],
        expected(
            FieldKind::Homepage,
            "http://www.other.cn",
            &["example.com"],
            today
        )
    );
    assert_eq!(lines[3]["findings"][0]["code"], "1041");
    assert_eq!(lines[4]["error"]["line"], 6);
    assert!(lines[4]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("licence_plate"));
    assert_eq!(lines[5]["error"]["line"], 7);
    assert!(lines[5]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("kind"));
    assert_eq!(lines[6]["error"]["line"], 8);
    assert_eq!(
        lines[7],
        expected(
            FieldKind::Homepage,
            "https://www.example.com/",
            &["example.com"],
            Date::new(2025, 1, 1)
        )
    );
    assert_eq!(lines[7]["ok"], true);
    assert_eq!(
        lines[8],
        expected(
            FieldKind::Identifier(IdentifierKind::Domain),
            "例子.中国",
            &[],
            today
        )
    );
    assert_eq!(lines[8]["ok"], true);
    for line in &lines {
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert!(
            keys == ["error"] || keys == ["findings", "normalized", "ok"],
            "{line}"
        );
    }
}

#[test]
fn field_jsonl_on_empty_input_prints_nothing() {
    let (code, stdout, _) = run_with_stdin(&["field", "--jsonl"], b"");
    assert_eq!(code, 0);
    assert_eq!(stdout, "");
}

#[test]
fn field_jsonl_today_option_is_the_default_date() {
    // Born 2026-01-01: in the future on 2025-12-31, not on 2026-01-01.
    let first17 = "11010520260101002";
    let id = format!(
        "{first17}{}",
        beian_rules::resident_id::check_char(first17).unwrap()
    );
    let input = format!("{{\"kind\":\"resident_id\",\"value\":\"{id}\"}}\n");
    let (code, stdout, _) = run_with_stdin(
        &["field", "--jsonl", "--today", "2025-12-31"],
        input.as_bytes(),
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["findings"][0]["rule"], "resident_id.future_birth_date");
    let (_, stdout, _) = run_with_stdin(
        &["field", "--jsonl", "--today", "2026-01-01"],
        input.as_bytes(),
    );
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["ok"], true, "{v}");
}

#[test]
fn field_with_arguments_checks_one_value() {
    let (code, stdout, _) = run_with_stdin(
        &[
            "field",
            "homepage",
            "http://www.other.cn",
            "--domain",
            "example.com",
        ],
        b"",
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["findings"][0]["code"], "1041");
    let (code, stdout, _) = run_with_stdin(&["field", "domain", "example.com"], b"");
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        v,
        json!({"ok": true, "findings": [], "normalized": "example.com"})
    );
    let (code, _, stderr) = run_with_stdin(&["field", "phone", "1"], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("known kinds"), "{stderr}");
}

/// `beian field` applies the length limits of the filing check (issue 16:
/// it accepted a 300-character website name that /check refuses) and warns
/// of look-alike domains.
#[test]
fn field_has_the_filing_checks_limits_and_warnings() {
    let long = "网".repeat(300);
    let (code, stdout, _) = run_with_stdin(&["field", "website_name", &long], b"");
    assert_eq!(code, 1, "{stdout}");
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["findings"][0]["rule"], "text.too_long", "{v}");
    assert_eq!(v["findings"][0]["code"], "5001", "{v}");
    let (code, stdout, _) = run_with_stdin(&["field", "domain", "xn--80ak6aa92e.com"], b"");
    assert_eq!(code, 0, "{stdout}");
    let v: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["findings"][0]["rule"], "domain.confusable", "{v}");
    assert_eq!(v["findings"][0]["severity"], "warning", "{v}");
}

/// One HTTP/1.1 request over a fresh connection; the status and the body.
fn http(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

#[cfg(unix)]
#[test]
fn serve_answers_then_shuts_down_on_ctrl_c() {
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent/beian/dist",
            "--pkg",
            "/nonexistent/beian/pkg",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let addr = loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            let _ = child.kill();
            panic!("the server ended before listening: {seen}");
        }
        seen.push_str(&line);
        if let Some(addr) = line.trim().strip_prefix("beian: listening on http://") {
            break addr.to_string();
        }
    };
    assert!(seen.contains("trunk build --release"), "{seen}");

    let (status, body) = http(&addr, "GET", "/api/v1/health", "");
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
    let filing = r#"{"subject": {"documentNumber": "11010519491231002x"},
        "websites": [{"domains": ["www.example.com"], "homepage": "http://www.other.cn"}]}"#;
    let (status, body) = http(&addr, "POST", "/api/v1/check", filing);
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["1015", "1004", "1041"]);
    let (status, body) = http(&addr, "POST", "/api/v1/check", "{");
    assert_eq!(status, 400);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["error"]["code"],
        "5001"
    );

    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "exit {status:?}; stderr: {seen}{rest}");
    // The request log: one JSON object per line; then the shutdown notice.
    let lines: Vec<String> = rest
        .lines()
        .map(|l| match serde_json::from_str::<Value>(l) {
            Ok(v) => format!(
                "{} {} {}",
                v["method"].as_str().unwrap(),
                v["path"].as_str().unwrap(),
                v["status"]
            ),
            Err(_) => l.to_string(),
        })
        .collect();
    assert_eq!(
        lines,
        [
            "GET /api/v1/health 200",
            "POST /api/v1/check 200",
            "POST /api/v1/check 400",
            "beian: shut down",
        ]
    );
    assert!(!rest.contains("11010519491231002"), "no ID in the log");
}

/// `serve --holidays FILE`: a bad file stops the start with its line; a
/// good one is announced, then the server listens.
#[cfg(unix)]
#[test]
fn serve_loads_a_holiday_file_or_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "years 2027 2027\n2027-01-01 holiday New Year's Day\n2027-01-06 workday X\n",
    )
    .unwrap();
    let db = format!("sqlite://{}", dir.path().join("beian.db").display());
    let serve = |holidays: &std::path::Path| {
        Command::new(BIN)
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--database-url",
                &db,
                "--holidays",
            ])
            .arg(holidays)
            .args([
                "--dist",
                "/nonexistent/beian/dist",
                "--pkg",
                "/nonexistent/beian/pkg",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let out = serve(&bad).wait_with_output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        format!(
            "beian: holiday file {}: line 3: 2027-01-06 is a Wednesday: an adjusted working day (`workday`) is a Saturday or Sunday",
            bad.display()
        )
    );

    let good = dir.path().join("good.txt");
    std::fs::write(
        &good,
        "years 2027 2027\n2027-01-01 holiday New Year's Day\n2027-01-04 holiday New Year's Day\n",
    )
    .unwrap();
    let mut child = serve(&good);
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let addr = loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            let _ = child.kill();
            panic!("the server ended before listening: {seen}");
        }
        seen.push_str(&line);
        if let Some(addr) = line.trim().strip_prefix("beian: listening on http://") {
            break addr.to_string();
        }
    };
    assert!(
        seen.starts_with(&format!(
            "beian: official holidays 2027 to 2027 from {}\n",
            good.display()
        )),
        "{seen}"
    );
    let (status, _) = http(&addr, "GET", "/api/v1/health", "");
    assert_eq!(status, 200);
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(child.wait().unwrap().success());
}

#[test]
fn footer_prints_the_snippet_or_says_why_not() {
    let (code, out, _) = run_with_stdin(&["footer", " 京icp备12345678号－1"], b"");
    assert_eq!(code, 0);
    assert_eq!(
        out.trim_end(),
        beian_rules::footer::snippet(
            "京ICP备12345678号-1",
            beian_rules::footer::FooterStyle::Inline
        )
        .unwrap()
    );
    let (code, out, err) =
        run_with_stdin(&["footer", "--style", "plain", "京ICP备12345678号-2"], b"");
    assert_eq!(code, 0);
    assert!(out.starts_with("<p class=\"icp-filing\">"), "{out}");
    assert!(err.contains("text-align: center"), "{err}");
    // A missing 号: the mechanical fix is offered, nothing is printed on stdout.
    let (code, out, err) = run_with_stdin(&["footer", "京ICP备12345678-1"], b"");
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("京ICP备12345678号-1"), "{err}");
    let (code, _, err) = run_with_stdin(&["footer", "浙B2-20040180"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("licence number"), "{err}");
    let (code, _, _) = run_with_stdin(&["footer", "--style", "fancy", "京ICP备12345678号"], b"");
    assert_eq!(code, 2);
}

/// `beian serve --providers FILE` refuses a bad directory at start, naming
/// the entry, before it opens anything.
#[test]
fn serve_refuses_a_bad_providers_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("providers.json");
    std::fs::write(
        &path,
        r#"[{"name": "甲", "licence": "浙B1-20080011", "provinces": ["浙"]},
            {"name": "乙", "licence": "B2", "provinces": ["浙"]}]"#,
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--providers"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("entry 2"), "{stderr}");
}

#[test]
fn credentials_add_list_revoke() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("beian.db").display());
    let run = |args: &[&str]| {
        let mut all = vec!["credentials", "--database-url", &url];
        all.extend_from_slice(args);
        run_with_stdin(&all, b"")
    };
    let (code, provider, err) = run(&["add", "--provider", "Example Cloud"]);
    assert_eq!(code, 0, "{err}");
    assert!(provider.starts_with("bk_1."), "{provider}");
    assert!(err.contains("shown only now"), "{err}");
    let (code, bureau, _) = run(&["add", "--bureau", "浙"]);
    assert_eq!(code, 0);
    assert!(bureau.starts_with("bk_2."));
    assert_eq!(run(&["add", "--bureau", "national"]).0, 0);
    let (code, list, _) = run(&["list"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    assert!(
        lines[0].starts_with("1\tprovider Example Cloud\t"),
        "{list}"
    );
    assert!(lines[1].contains("bureau 浙江 (浙)") && lines[1].ends_with("active"));
    assert!(lines[2].contains("bureau national"));
    // The secrets are never listed.
    let secret = provider.trim().split_once('.').unwrap().1;
    assert!(!list.contains(secret));
    assert_eq!(run(&["revoke", "1"]).0, 0);
    assert_eq!(run(&["revoke", "1"]).0, 1, "revoked twice");
    assert!(run(&["list"]).1.lines().next().unwrap().contains("revoked"));
    // Neither an unknown province nor both at once.
    assert_eq!(run(&["add", "--bureau", "港"]).0, 2);
    assert_eq!(run(&["add", "--provider", "A", "--bureau", "浙"]).0, 2);
    assert_eq!(run(&["add"]).0, 2);
}
