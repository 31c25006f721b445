//! `cargo bench -p beian-rules --bench size`: the whole-filing checks on
//! filings of 1, 10, 100 and 1,000 websites (the most a filing may have,
//! (`beian_rules::limits::MAX_WEBSITES`)). Every rule is linear in the
//! filing's size (issue 16): the time per website stays flat from 10 to
//! 1,000 websites (divan prints items per second: one item is a website).
//!
//! Two shapes: complete websites (3 domains, access with 2 IPs, a
//! responsible person; distinct domains and addresses) and empty ones
//! (`{}`: every rule that reports a missing field fires, the worst case
//! for the answer's size).

mod fixture;

use beian_rules::{check_submission, check_with, Date, Filing, Options};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const SIZES: [usize; 4] = [1, 10, 100, 1000];

fn options() -> Options {
    Options {
        today: Date::new(2026, 11, 25),
    }
}

/// An enterprise filing with `n` complete websites.
fn complete(n: usize) -> String {
    let website = |i: usize| {
        format!(
            r#"{{"name": "某某科技资讯网", "domains": ["example{i}.com", "example{i}.cn", "例子{i}.中国"],
                "homepage": "https://www.example{i}.com/",
                "access": [{{"provider": "某某云计算有限公司", "method": "cloud",
                    "serverLocation": "440000", "ips": ["203.119.{}.{}", "240e::{:x}"]}}],
                "responsiblePerson": {{"name": "王五", "documentType": "resident_id",
                    "documentNumber": "11010519491231002X", "mobile": "18612345678",
                    "email": "ww@example.cn"}},
                "contentCategories": ["company"], "domainOwner": "深圳市某某科技有限公司",
                "documents": [{{"kind": "domain_certificate"}}]}}"#,
            i / 250,
            i % 250 + 1,
            i + 1
        )
    };
    let websites: Vec<String> = (0..n).map(website).collect();
    fixture::enterprise_filing(&websites)
}

/// A filing of `n` empty websites.
fn empty(n: usize) -> String {
    format!(r#"{{"websites": [{}]}}"#, vec!["{}"; n].join(","))
}

/// `check_submission` (every rule, and the required fields) of `n`
/// complete websites: no finding.
#[divan::bench(args = SIZES)]
fn submission_complete(bencher: Bencher, n: usize) {
    let filing = Filing::from_json(&complete(n)).expect("reads");
    let found = check_submission(&filing, &options());
    assert!(found.is_empty(), "{:?}", found.first());
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| check_submission(black_box(&filing), &options()));
}

/// `check_with` of `n` complete websites.
#[divan::bench(args = SIZES)]
fn check_complete(bencher: Bencher, n: usize) {
    let filing = Filing::from_json(&complete(n)).expect("reads");
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| check_with(black_box(&filing), &options()));
}

/// `check_submission` of `n` empty websites: several findings each.
#[divan::bench(args = SIZES)]
fn submission_empty(bencher: Bencher, n: usize) {
    let filing = Filing::from_json(&empty(n)).expect("reads");
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| check_submission(black_box(&filing), &options()));
}

/// Reading `n` complete websites from JSON, with the shape and the limits
/// checked.
#[divan::bench(args = SIZES)]
fn from_json_complete(bencher: Bencher, n: usize) {
    let json = complete(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| Filing::from_json(black_box(&json)));
}
