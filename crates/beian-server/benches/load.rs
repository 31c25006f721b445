//! A load generator for the `beian` server, on loopback only, bounded in
//! time (at most 60 s): requests per second and latency percentiles of
//! `POST /api/v1/check` (`check`: one website with one domain; `check3x3`:
//! an enterprise with 3 websites × 3 domains) and of durable submissions
//! (`POST /api/v1/filings`).
//!
//! ```text
//! cargo bench -p beian-server --bench load -- --scenario check  --seconds 10 --connections 32
//! cargo bench -p beian-server --bench load -- --scenario check3x3 --seconds 10 --connections 32
//! cargo bench -p beian-server --bench load -- --scenario submit --seconds 10 --connections 64
//! cargo bench -p beian-server --bench load -- --scenario submit --database postgres   # BEIAN_TEST_POSTGRES_URL
//! ```
//!
//! It starts the `beian` binary (built with the bench profile) on
//! 127.0.0.1 with a fresh database (an SQLite file in a temp dir, or a new
//! database on the PostgreSQL cluster of `BEIAN_TEST_POSTGRES_URL`), opens
//! `--connections` keep-alive HTTP/1.1 connections, sends for `--seconds`,
//! prints the numbers and stops the server. Every submission is a new
//! subject with a new domain, so each one is written (and, on SQLite with
//! the default `--sqlite-sync full`, synced to disk before its 201).
//! Submissions carry provider A's credential (`beian credentials add`,
//! made before the server starts): authentication is on, as in
//! production; the check is anonymous.

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::Command;

struct Args {
    scenario: String,
    database: String,
    seconds: u64,
    connections: usize,
    sqlite_sync: String,
}

fn args() -> Args {
    let mut a = Args {
        scenario: "check".into(),
        database: "sqlite".into(),
        seconds: 10,
        connections: 32,
        sqlite_sync: "full".into(),
    };
    let argv: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < argv.len() {
        let value = argv.get(i + 1).cloned().unwrap_or_default();
        match argv[i].as_str() {
            "--scenario" => a.scenario = value,
            "--database" => a.database = value,
            "--seconds" => a.seconds = value.parse().unwrap_or(10),
            "--connections" => a.connections = value.parse().unwrap_or(32),
            "--sqlite-sync" => a.sqlite_sync = value,
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    a.seconds = a.seconds.clamp(1, 60);
    a.connections = a.connections.clamp(1, 512);
    a
}

/// A valid resident ID for `n`.
fn resident_id(n: u32) -> String {
    let first17 = format!(
        "110105{}{:02}{:02}{:03}",
        1950 + n / 336_000 % 50,
        1 + n / 28_000 % 12,
        1 + n / 1000 % 28,
        n % 1000
    );
    format!(
        "{first17}{}",
        beian_rules::resident_id::check_char(&first17).unwrap()
    )
}

/// A filing that passes every rule, subject and domain `n`.
fn filing(n: u32) -> String {
    let id = resident_id(n);
    let ip = format!(
        "101.{}.{}.{}",
        200 + n / 62_500 % 50,
        n / 250 % 250 + 1,
        n % 250 + 1
    );
    format!(
        r#"{{"subject":{{"subjectType":"individual","name":"张三","documentType":"resident_id","documentNumber":"{id}",
"province":"110000","county":"110105","address":"北京市朝阳区某路1号",
"responsiblePerson":{{"name":"张三","documentType":"resident_id","documentNumber":"{id}","mobile":"13812345678","email":"zhang@example.com"}},
"documents":[{{"kind":"subject_document"}},{{"kind":"responsible_person_document"}},{{"kind":"security_agreement","date":"2026-11-20"}},{{"kind":"verification_form","date":"2026-11-20"}}]}},
"websites":[{{"name":"张三的博客网","domains":["load{n}.com"],"homepage":"http://www.load{n}.com",
"access":[{{"provider":"A","method":"cloud","serverLocation":"330000","ips":["{ip}"]}}],
"responsiblePerson":{{"name":"张三","documentType":"resident_id","documentNumber":"{id}","mobile":"13812345678","email":"zhang@example.com"}},
"documents":[{{"kind":"domain_certificate"}}]}}]}}"#
    )
}

/// The check scenario of issue 16: a complete enterprise filing of 3
/// websites × 3 domains (the rules bench's `check_whole_filing_3x3`).
fn filing_3x3() -> String {
    let website = |n: usize, names: [&str; 3]| {
        let title = ["资讯", "文档", "帮助"][n - 1];
        format!(
            r#"{{"name":"某某科技{title}网","domains":["{}","{}","{}"],"homepage":"https://www.{}/",
"access":[{{"provider":"某某云计算有限公司","method":"cloud","serverLocation":"440000","ips":["203.119.80.{n}","240e::{n}"]}}],
"responsiblePerson":{{"name":"王五","documentType":"resident_id","documentNumber":"11010519491231002X","mobile":"18612345678","email":"ww@example.cn"}},
"contentCategories":["company"],"domainOwner":"深圳市某某科技有限公司","documents":[{{"kind":"domain_certificate"}}]}}"#,
            names[0], names[1], names[2], names[0]
        )
    };
    format!(
        r#"{{"subject":{{"subjectType":"enterprise","name":"深圳市某某科技有限公司","documentType":"unified_social_credit_code",
"documentNumber":"9144030071526726XG","province":"440000","city":"440300","county":"440305","address":"深圳市南山区某路2号",
"responsiblePerson":{{"name":"李四","documentType":"resident_id","documentNumber":"11010519491231002X","mobile":"13800138000","phone":"0755-86013388","email":"lisi@example.cn"}},
"responsiblePersonRole":"legal_representative","filingCreatedOn":"2026-11-20",
"documents":[{{"kind":"subject_document"}},{{"kind":"responsible_person_document"}},{{"kind":"security_agreement","date":"2026-11-24"}},{{"kind":"verification_form","date":"2026-11-24"}},{{"kind":"photo","date":"2026-11-24"}}]}},
"websites":[{},{},{}]}}"#,
        website(1, ["example.com", "example.cn", "例子.中国"]),
        website(2, ["example.net", "example.com.cn", "example.info"]),
        website(3, ["example.xyz", "example.top", "例子.公司"]),
    )
}

/// `Authorization: Bearer …\r\n` of the submissions (empty for checks).
static AUTHORIZATION: OnceLock<String> = OnceLock::new();

/// Provider A's credential in the database at `database_url`: its token.
async fn credential(database_url: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_beian"))
        .args([
            "credentials",
            "--database-url",
            database_url,
            "add",
            "--provider",
            "A",
        ])
        .stderr(Stdio::null())
        .output()
        .await
        .expect("beian credentials add");
    assert!(out.status.success(), "beian credentials add failed");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

async fn start_server(
    database_url: &str,
    sqlite_sync: &str,
) -> (tokio::process::Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_beian"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent/beian/dist",
            "--database-url",
            database_url,
            "--sqlite-sync",
            sqlite_sync,
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start beian");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut addr = None;
    while let Some(line) = lines.next_line().await.unwrap() {
        if let Some(a) = line.strip_prefix("beian: listening on http://") {
            addr = Some(a.parse().unwrap());
            break;
        }
        eprintln!("{line}");
    }
    // The request log goes to stderr: drain it.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, addr.expect("the server did not start"))
}

/// One request on a keep-alive connection: the status.
async fn request(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    path: &str,
    body: &str,
) -> std::io::Result<u16> {
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{}Content-Length: {}\r\n\r\n",
        AUTHORIZATION.get().map_or("", String::as_str),
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let (head_end, length) = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            break (end + 4, length);
        }
    };
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(String::from_utf8_lossy(&buf[9..12]).parse().unwrap_or(0))
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i]) / 1000.0
}

#[tokio::main]
async fn main() {
    let a = args();
    let dir = tempfile::tempdir().unwrap();
    let url = match a.database.as_str() {
        "postgres" => {
            let base = std::env::var("BEIAN_TEST_POSTGRES_URL")
                .expect("set BEIAN_TEST_POSTGRES_URL (source crates/beian-server/scripts/postgres-for-tests.sh)");
            let name = format!("beian_bench_{}", std::process::id());
            use sqlx::Connection;
            let mut admin = sqlx::PgConnection::connect(&base).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .unwrap();
            let (prefix, _) = base.rsplit_once('/').unwrap();
            format!("{prefix}/{name}")
        }
        _ => format!("sqlite://{}", dir.path().join("bench.db").display()),
    };
    if a.scenario == "submit" {
        let token = credential(&url).await;
        let _ = AUTHORIZATION.set(format!("Authorization: Bearer {token}\r\n"));
    }
    let (mut server, addr) = start_server(&url, &a.sqlite_sync).await;
    let (path, fixed) = match a.scenario.as_str() {
        "submit" => ("/api/v1/filings", None),
        "check3x3" => ("/api/v1/check", Some(Arc::new(filing_3x3()))),
        _ => ("/api/v1/check", Some(Arc::new(filing(0)))),
    };
    // One request first: a refusal here means the fixture broke a rule.
    {
        let body = match &fixed {
            Some(b) => b.as_str().to_string(),
            None => format!(r#"{{"filing":{}}}"#, filing(0)),
        };
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let mut buf = Vec::new();
        let status = request(&mut stream, &mut buf, path, &body).await.unwrap();
        if !(200..300).contains(&status) {
            eprintln!(
                "the first request got {status}: {}",
                String::from_utf8_lossy(&buf)
            );
            server.start_kill().ok();
            std::process::exit(1);
        }
    }
    let counter = Arc::new(AtomicU32::new(1));
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..a.connections {
        let fixed = fixed.clone();
        let counter = counter.clone();
        workers.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream.set_nodelay(true).unwrap();
            let mut buf = Vec::with_capacity(64 * 1024);
            let mut latencies: Vec<u32> = Vec::new();
            let (mut ok, mut other) = (0u64, 0u64);
            while Instant::now() < deadline {
                let body = match &fixed {
                    Some(b) => b.as_str().to_string(),
                    None => format!(
                        r#"{{"filing":{}}}"#,
                        filing(counter.fetch_add(1, Ordering::Relaxed))
                    ),
                };
                let t = Instant::now();
                match request(&mut stream, &mut buf, path, &body).await {
                    Ok(status) if (200..300).contains(&status) => ok += 1,
                    Ok(_) => other += 1,
                    Err(_) => break,
                }
                latencies.push(t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
            }
            (latencies, ok, other)
        }));
    }
    let mut latencies = Vec::new();
    let (mut ok, mut other) = (0u64, 0u64);
    for w in workers {
        let (l, o, x) = w.await.unwrap();
        latencies.extend(l);
        ok += o;
        other += x;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    server.start_kill().ok();
    let _ = server.wait().await;
    println!(
        "scenario={} database={} sqlite_sync={} connections={} seconds={:.1}",
        a.scenario, a.database, a.sqlite_sync, a.connections, elapsed
    );
    println!(
        "requests={} 2xx={ok} other={other} rate={:.0}/s p50={:.2}ms p90={:.2}ms p99={:.2}ms max={:.2}ms",
        latencies.len(),
        ok as f64 / elapsed,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
    );
}
