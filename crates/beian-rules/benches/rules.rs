//! `cargo bench -p beian-rules`: the field checks, registrable-domain
//! lookups (against the `psl` and `publicsuffix` crates on the same inputs)
//! and a whole filing of 3 websites × 3 domains.
//!
//! Targets (issue 4): ≥ 3 million registrable-domain lookups a second on
//! one core; a whole-filing check ≤ 20 µs. After divan's table the bench
//! prints the lookup rates of the three implementations and their ratios.

mod fixture;

use std::str::FromStr;
use std::time::{Duration, Instant};

use beian_rules::{
    check_submission, check_with, domain, homepage, psl, resident_id, uscc, Date, Filing, Options,
};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
    // The ratios only in a full run (no name filter given).
    if std::env::args().skip(1).all(|a| a.starts_with('-')) {
        ratios();
    }
}

const IDS: [&str; 4] = [
    "11010519491231002X",
    "11010519491231002x",
    "110105194912310021",
    "110105491231002",
];

/// Lower-case ASCII names, as `psl::parts` takes them: registrable domains,
/// subdomains, public suffixes, wildcard and exception rules, IDN suffixes,
/// an unlisted TLD.
const NAMES: [&str; 16] = [
    "example.com",
    "www.example.com",
    "example.com.cn",
    "www.example.com.cn",
    "blog.example.co.uk",
    "example.gov.cn",
    "a.b.kawasaki.jp",
    "city.kawasaki.jp",
    "xn--fsqu00a.xn--fiqs8s",
    "www.xn--fsqu00a.xn--fiqs8s",
    "com.cn",
    "shop.example.net",
    "deep.sub.domain.example.org",
    "example.xyz",
    "example.example",
    "a.cn",
];

/// What users type in the domain field (mixed case, IDN, subdomains).
const TYPED: [&str; 4] = [
    "example.com",
    "www.example.com.cn",
    "例子.中国",
    "a.b.kawasaki.jp",
];

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

/// The registrable-domain lookups: this crate's embedded ICANN list.
#[divan::bench(name = "registrable_domain/beian_rules")]
fn registrable_beian(bencher: Bencher) {
    bencher.counter(ItemsCount::new(NAMES.len())).bench(|| {
        for name in NAMES {
            black_box(psl::registrable_domain(black_box(name)));
        }
    });
}

/// The same lookups with the `psl` crate (compiled-in match code).
#[divan::bench(name = "registrable_domain/psl_crate")]
fn registrable_psl_crate(bencher: Bencher) {
    bencher.counter(ItemsCount::new(NAMES.len())).bench(|| {
        for name in NAMES {
            black_box(::psl::domain(black_box(name.as_bytes())));
        }
    });
}

/// The same lookups with the `publicsuffix` crate, on the same list file.
#[divan::bench(name = "registrable_domain/publicsuffix_crate")]
fn registrable_publicsuffix(bencher: Bencher) {
    use publicsuffix::Psl as _;
    let list = publicsuffix_list();
    bencher.counter(ItemsCount::new(NAMES.len())).bench(|| {
        for name in NAMES {
            black_box(list.domain(black_box(name.as_bytes())));
        }
    });
}

fn publicsuffix_list() -> publicsuffix::List {
    publicsuffix::List::from_str(include_str!("../data/psl/public_suffix_list.dat"))
        .expect("the list parses")
}

/// The whole domain-field check: IDNA, the list, the canonical form.
#[divan::bench]
fn domain_validate(bencher: Bencher) {
    bencher.counter(ItemsCount::new(TYPED.len())).bench(|| {
        for d in TYPED {
            black_box(domain::validate(black_box(d)).is_ok());
        }
    });
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

/// A complete, correct filing: an enterprise with 3 websites × 3 domains,
/// access, responsible persons, documents (no finding).
fn three_by_three() -> Filing {
    let website = |n: usize, names: [&str; 3]| {
        let title = ["资讯", "文档", "帮助"][n - 1];
        format!(
            r#"{{"name": "某某科技{title}网", "domains": ["{}", "{}", "{}"],
                "homepage": "https://www.{}/",
                "access": [{{"provider": "某某云计算有限公司", "method": "cloud",
                    "serverLocation": "440000", "ips": ["203.119.80.{n}", "240e::{n}"]}}],
                "responsiblePerson": {{"name": "王五", "documentType": "resident_id",
                    "documentNumber": "11010519491231002X", "mobile": "18612345678",
                    "email": "ww@example.cn"}},
                "contentCategories": ["company"], "domainOwner": "深圳市某某科技有限公司",
                "documents": [{{"kind": "domain_certificate"}}]}}"#,
            names[0], names[1], names[2], names[0]
        )
    };
    let json = fixture::enterprise_filing(&[
        website(1, ["example.com", "example.cn", "例子.中国"]),
        website(2, ["example.net", "example.com.cn", "example.info"]),
        website(3, ["example.xyz", "example.top", "例子.公司"]),
    ]);
    Filing::from_json(&json).expect("the bench filing reads")
}

/// The headline filing with 3 × 3 domains, some wrong (findings made).
fn three_by_three_with_findings() -> Filing {
    let mut f = three_by_three();
    f.subject.document_number = "9144030071526726xg".into();
    f.websites[0].domains[0] = "www.example.com".into();
    f.websites[1].homepage = "http://www.other.cn".into();
    f.websites[2].domains[2] = "example.com".into();
    f
}

fn options() -> Options {
    Options {
        today: Date::new(2026, 11, 25),
    }
}

/// Target: ≤ 20 µs.
#[divan::bench]
fn check_whole_filing_3x3(bencher: Bencher) {
    let filing = three_by_three();
    let found = check_with(&filing, &options());
    assert!(found.is_empty(), "{found:?}");
    bencher.bench(|| check_with(black_box(&filing), &options()));
}

#[divan::bench]
fn check_whole_filing_3x3_with_findings(bencher: Bencher) {
    let filing = three_by_three_with_findings();
    assert!(!check_with(&filing, &options()).is_empty());
    bencher.bench(|| check_with(black_box(&filing), &options()));
}

#[divan::bench]
fn check_submission_3x3(bencher: Bencher) {
    let filing = three_by_three();
    let found = check_submission(&filing, &options());
    assert!(found.is_empty(), "{found:?}");
    bencher.bench(|| check_submission(black_box(&filing), &options()));
}

/// Reading the 3×3 filing from its JSON with the shape checked (5001), as
/// the server and the npm package's `checkFiling` do before the rules.
#[divan::bench]
fn from_json_3x3(bencher: Bencher) {
    let json = serde_json::to_string(&three_by_three()).unwrap();
    assert!(Filing::from_json(&json).is_ok());
    bencher.bench(|| Filing::from_json(black_box(&json)));
}

/// Lookups a second of `f` over [`NAMES`], run for about `time`.
fn rate(time: Duration, mut f: impl FnMut(&str)) -> f64 {
    let mut lookups = 0u64;
    let start = Instant::now();
    while start.elapsed() < time {
        for _ in 0..1000 {
            for name in NAMES {
                f(black_box(name));
            }
        }
        lookups += 1000 * NAMES.len() as u64;
    }
    lookups as f64 / start.elapsed().as_secs_f64()
}

/// Prints the three implementations' lookup rates on [`NAMES`] and their
/// ratios, one after the other in this process.
fn ratios() {
    use publicsuffix::Psl as _;
    let time = Duration::from_millis(700);
    let list = publicsuffix_list();
    let ours = rate(time, |n| {
        black_box(psl::registrable_domain(n));
    });
    let psl_crate = rate(time, |n| {
        black_box(::psl::domain(n.as_bytes()));
    });
    let publicsuffix = rate(time, |n| {
        black_box(list.domain(n.as_bytes()));
    });
    println!();
    println!(
        "registrable-domain lookups on {} names, one core:",
        NAMES.len()
    );
    println!("  beian-rules   {:>6.2} M/s", ours / 1e6);
    println!(
        "  psl crate     {:>6.2} M/s   (beian-rules / psl = {:.2})",
        psl_crate / 1e6,
        ours / psl_crate
    );
    println!(
        "  publicsuffix  {:>6.2} M/s   (beian-rules / publicsuffix = {:.2})",
        publicsuffix / 1e6,
        ours / publicsuffix
    );
}
