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
    format!(
        r#"{{"subject": {{"subjectType": "enterprise", "name": "深圳市某某科技有限公司",
            "documentType": "unified_social_credit_code", "documentNumber": "9144030071526726XG",
            "province": "440000", "city": "440300", "county": "440305", "address": "深圳市南山区某路2号",
            "responsiblePerson": {{"name": "李四", "documentType": "resident_id",
                "documentNumber": "11010519491231002X", "mobile": "13800138000",
                "phone": "0755-86013388", "email": "lisi@example.cn"}},
            "responsiblePersonRole": "legal_representative", "filingCreatedOn": "2026-11-20",
            "documents": [{{"kind": "subject_document"}}, {{"kind": "responsible_person_document"}},
                {{"kind": "security_agreement", "date": "2026-11-24"}},
                {{"kind": "verification_form", "date": "2026-11-24"}},
                {{"kind": "photo", "date": "2026-11-24"}}]}},
          "websites": [{}]}}"#,
        websites.join(",")
    )
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
