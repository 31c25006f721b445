//! `beian check FILE...` and `beian template` end to end (issue 9).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_beian");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("the beian binary starts");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const HEADER: &str = "主办单位性质,主办单位名称,主办单位证件类型,主办单位证件号码,省,县,通信地址,主体负责人姓名,主体负责人证件号码,主体负责人手机号码,主体负责人电子邮箱,网站名称,网站域名,网站首页URL,域名所有者,网站负责人姓名,网站负责人证件号码,网站负责人手机号码,网站负责人电子邮箱,接入服务商,接入方式,服务器放置地,服务器IP";
const GOOD: &str = "个人,张三,居民身份证,11010519491231002X,110000,110105,北京市朝阳区某路1号,张三,11010519491231002X,13800138000,zs@example.com,张三的读书笔记,example.com,https://www.example.com/,张三,张三,11010519491231002X,13800138000,zs@example.com,某某云计算有限公司,cloud,110000,203.119.80.1";

fn bad_row() -> String {
    GOOD.replacen("11010519491231002X", "11010519491231002x", 1)
        .replace(",example.com,", ",www.example.net,")
        .replace("https://www.example.com/", "http://www.other.cn")
}

#[test]
fn a_clean_csv_exits_0() {
    let d = dir();
    let f = write(d.path(), "ok.csv", format!("{HEADER}\n{GOOD}\n").as_bytes());
    let (code, out, err) = run(&["check", "--today", "2026-11-25", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 rows: 1 ok, 0 with errors"), "{out}");
    assert!(out.contains("no findings"), "{out}");
}

#[test]
fn findings_per_row_and_cell_as_a_table_and_as_json() {
    let d = dir();
    let f = write(
        d.path(),
        "bad.csv",
        format!("{HEADER}\n{}\n", bad_row()).as_bytes(),
    );
    let (code, out, _) = run(&["check", "--today", "2026-11-25", f.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("ROW"), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("resident_id.lowercase_x"))
        .unwrap();
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        &cells[..5],
        ["2", "D", "subjectDocumentNumber", "error", "1015"],
        "{line}"
    );
    assert!(line.contains("→ 11010519491231002X"), "{line}");
    // The code once, in its column: the message does not repeat it.
    assert_eq!(line.matches("1015").count(), 1, "{line}");
    assert!(out.contains("by MIIT code:"), "{out}");
    // Chinese messages on request.
    let (_, zh, _) = run(&[
        "check",
        "--lang",
        "zh",
        "--today",
        "2026-11-25",
        f.to_str().unwrap(),
    ]);
    assert!(zh.contains("身份证"), "{zh}");

    let (code, out, _) = run(&[
        "check",
        "--json",
        "--today",
        "2026-11-25",
        f.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let report = &v["files"][0]["report"];
    assert_eq!(report["rows"], 1);
    assert_eq!(report["rowsWithErrors"], 1);
    let codes: Vec<(&Value, &Value, &Value)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (&f["row"], &f["column"], &f["code"]))
        .collect();
    assert!(
        codes.contains(&(&Value::from(2), &Value::from("D"), &Value::from("1015"))),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(&Value::from(2), &Value::from("M"), &Value::from("1004"))),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(&Value::from(2), &Value::from("N"), &Value::from("1041"))),
        "{codes:?}"
    );
}

#[test]
fn gbk_csv_auto_and_explicit() {
    let d = dir();
    let text = format!("{HEADER}\r\n{GOOD}\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let f = write(d.path(), "gbk.csv", &gbk);
    let path = f.to_str().unwrap();
    let (code, out, _) = run(&["check", "--today", "2026-11-25", path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("csv (gb18030)"), "{out}");
    assert_eq!(
        run(&["check", "--encoding", "gbk", "--today", "2026-11-25", path]).0,
        0
    );
    let (code, _, err) = run(&["check", "--encoding", "utf-8", path]);
    assert_eq!(code, 2);
    assert!(err.contains("not UTF-8"), "{err}");
    assert_eq!(run(&["check", "--encoding", "latin1", path]).0, 2);
}

#[test]
fn json_filings_one_or_an_array() {
    let d = dir();
    let one = write(
        d.path(),
        "one.json",
        br#"{"subject": {"documentNumber": "11010519491231002x"}}"#,
    );
    let (code, out, _) = run(&["check", "--json", one.to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["report"]["format"], "json");
    assert!(out.contains("\"code\":\"1015\""));
    let many = write(
        d.path(),
        "many.json",
        br#"[{"subject": {}}, {"subject": {"bogus": 1}}]"#,
    );
    let (code, out, _) = run(&["check", "--json", many.to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["report"]["rows"], 2);
    let broken = write(d.path(), "broken.json", b"{\"subject\":");
    let (code, _, err) = run(&["check", broken.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.json"), "{err}");
}

#[test]
fn unreadable_files_exit_2_and_the_others_are_still_checked() {
    let d = dir();
    let good = write(d.path(), "ok.csv", format!("{HEADER}\n{GOOD}\n").as_bytes());
    let truncated = write(d.path(), "cut.xlsx", &{
        let mut t = Vec::new();
        let (_, _, _) = run(&[
            "template",
            "--xlsx",
            d.path().join("t.xlsx").to_str().unwrap(),
        ]);
        t.extend_from_slice(&std::fs::read(d.path().join("t.xlsx")).unwrap());
        t.truncate(t.len() / 2);
        t
    });
    let missing = d.path().join("missing.csv");
    let (code, out, err) = run(&[
        "check",
        "--json",
        "--today",
        "2026-11-25",
        good.to_str().unwrap(),
        truncated.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["report"]["rowsOk"], 1);
    assert_eq!(v["files"][1]["error"]["detail"]["kind"], "corrupt");
    assert!(v["files"][1]["error"]["message"]["zh-CN"]
        .as_str()
        .unwrap()
        .contains("XLSX"));
    assert_eq!(v["files"][2]["error"]["detail"]["kind"], "io");
    assert!(v["files"][2]["error"]["message"]["en"]
        .as_str()
        .unwrap()
        .starts_with("cannot read the file"));
    assert!(
        err.contains("cut.xlsx") && err.contains("missing.csv"),
        "{err}"
    );
    // No file at all: a usage error.
    assert_eq!(run(&["check"]).0, 2);
}

#[test]
fn templates_are_written_and_read_back_clean() {
    let d = dir();
    let x = d.path().join("t.xlsx");
    let c = d.path().join("t.csv");
    assert_eq!(run(&["template", "--xlsx", x.to_str().unwrap()]).0, 0);
    assert_eq!(run(&["template", "--csv", c.to_str().unwrap()]).0, 0);
    assert!(std::fs::read(&x).unwrap().starts_with(b"PK"));
    assert!(std::fs::read(&c)
        .unwrap()
        .starts_with("\u{feff}主办单位性质".as_bytes()));
    let (code, out, _) = run(&["check", x.to_str().unwrap(), c.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("0 rows").count(), 2, "{out}");
    let (code, out, _) = run(&["template", "--csv", "-"]);
    assert_eq!(code, 0);
    assert!(out.contains("网站域名"));
    // Exactly one of --xlsx / --csv.
    assert_eq!(run(&["template"]).0, 2);
    assert_eq!(run(&["template", "--xlsx", "a", "--csv", "b"]).0, 2);
    // The other commands still work.
    assert_eq!(run(&["field", "domain", "example.com"]).0, 0);
}

/// Issue 16: 100,000 near-empty rows gave 1.9 million findings, all kept
/// (2.2 GB; 9.1 GB with --json). Findings are now written as they come and
/// at most 100 of one kind are listed per file, the rest summarised; the
/// counts stay whole. (Memory itself is measured by
/// crates/beian-server/scripts/check-memory.sh, not in a test.)
#[test]
fn many_findings_of_one_kind_are_summarised_and_the_json_stays_one_document() {
    let d = dir();
    let mut text = format!("{HEADER}\n");
    for i in 0..250 {
        // Only the website name (column L of HEADER): about 20 findings a row.
        text.push_str(&",".repeat(11));
        text.push_str(&format!("网站{i}"));
        text.push_str(&",".repeat(11));
        text.push('\n');
    }
    let f = write(d.path(), "empty.csv", text.as_bytes());
    let good = write(d.path(), "ok.csv", format!("{HEADER}\n{GOOD}\n").as_bytes());
    let path = f.to_str().unwrap();
    let args = [
        "check",
        "--json",
        "--today",
        "2026-11-25",
        path,
        good.to_str().unwrap(),
    ];
    let (code, out, err) = run(&args);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let report = &v["files"][0]["report"];
    assert_eq!(report["rows"], 250);
    assert_eq!(report["rowsWithErrors"], 250);
    let findings = report["findings"].as_array().unwrap();
    let more: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule"] == "batch.more_findings")
        .collect();
    assert!(!more.is_empty());
    let listed = findings.len() - more.len();
    let summarised: u64 = more
        .iter()
        .map(|f| {
            let en = f["message"]["en"].as_str().unwrap();
            en["And ".len()..en.find(" more").unwrap()]
                .parse::<u64>()
                .unwrap()
        })
        .sum();
    let errors = report["errors"].as_u64().unwrap();
    assert_eq!(listed as u64 + summarised, errors);
    let mut per_kind = std::collections::HashMap::new();
    for f in findings {
        *per_kind
            .entry((f["rule"].to_string(), f["column"].to_string()))
            .or_insert(0) += 1;
    }
    assert!(per_kind.values().all(|n| *n <= 100), "{per_kind:?}");
    // The second file follows in the same document.
    assert_eq!(v["files"][1]["report"]["rowsOk"], 1);
    assert_eq!(v["files"][1]["report"]["findings"], Value::Array(vec![]));

    // --max-findings-per-kind: 0 lists every one, 3 three of each kind.
    let (_, out, _) = run(&["check", "--json", "--max-findings-per-kind", "0", path]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let all = v["files"][0]["report"]["findings"]
        .as_array()
        .unwrap()
        .len();
    assert!(all as u64 >= errors && !out.contains("batch.more_findings"));
    let (_, out, _) = run(&["check", "--json", "--max-findings-per-kind", "3", path]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["files"][0]["report"]["findings"]
            .as_array()
            .unwrap()
            .len()
            < 200
    );

    // The table: the summary lines, then the counts.
    let (code, out, _) = run(&["check", "--today", "2026-11-25", path]);
    assert_eq!(code, 1);
    assert!(out.contains("And 150 more findings like this"), "{out}");
    assert!(out.contains("250 rows: 0 ok, 250 with errors"), "{out}");
}
