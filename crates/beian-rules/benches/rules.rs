//! `cargo bench -p beian-rules`: the field checks and a whole filing.

use beian_rules::{check_with, domain, homepage, resident_id, uscc, Date, Filing, Options};
use divan::black_box;

fn main() {
    divan::main();
}

const IDS: [&str; 4] = [
    "11010519491231002X",
    "11010519491231002x",
    "110105194912310021",
    "110105491231002",
];
const DOMAINS: [&str; 4] = [
    "example.com",
    "www.example.com.cn",
    "例子.中国",
    "a.b.kawasaki.jp",
];

/// One valid number: the throughput target is ≥ 10 million a second.
#[divan::bench]
fn resident_id_validate_one() -> bool {
    resident_id::validate(black_box("11010519491231002X"), Date::new(2026, 11, 25)).is_ok()
}

/// A valid, a lowercase-x, a wrong-check and an old 15-digit number.
#[divan::bench]
fn resident_id_validate_mixed() {
    for id in IDS {
        black_box(resident_id::validate(black_box(id), Date::new(2026, 11, 25)).is_ok());
    }
}

#[divan::bench]
fn uscc_validate_one() -> bool {
    uscc::validate(black_box("9144030071526726XG")).is_ok()
}

#[divan::bench]
fn domain_validate() {
    for d in DOMAINS {
        black_box(domain::validate(black_box(d)).is_ok());
    }
}

#[divan::bench]
fn homepage_validate() {
    let domains = ["example.com".to_string(), "例子.中国".to_string()];
    for url in [
        "https://www.example.com/",
        "http://example.com.evil.cn",
        "www.例子.中国",
    ] {
        black_box(homepage::is_valid(black_box(url), &domains));
    }
}

#[divan::bench]
fn check_whole_filing(bencher: divan::Bencher) {
    let filing: Filing = serde_json::from_str(
        r#"{"subject":{"documentNumber":"11010519491231002x"},
            "websites":[
              {"domains":["example.com","www.example.cn","例子.中国"],"homepage":"http://www.example.com"},
              {"domains":["example.org"],"homepage":"http://www.other.cn"}]}"#,
    )
    .unwrap();
    let options = Options {
        today: Date::new(2026, 11, 25),
    };
    bencher.bench(|| check_with(black_box(&filing), &options));
}
