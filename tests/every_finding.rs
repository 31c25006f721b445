//! Every finding the wizard can show has a field that fixes it (issue 17).
//!
//! This test *generates* a filing for every rule of the rules catalogue
//! ([`beian_rules::catalogue::rules`]) that reaches the wizard: it starts
//! from complete, clean filings and changes one thing at a time (each text
//! to each value of a corpus of wrong values, each choice to each of its
//! values, each list emptied or doubled, each document dated wrongly …),
//! runs the wizard's own check ([`beian_flow::next_steps`], what the page
//! shows) and keeps, for each rule, a filing that makes it fire. A few
//! filings that together make every such rule fire are written to
//! `tests/data/every-finding.json`; the browser test
//! (`tests/browser/wizard.test.mjs`, "every finding links to a field")
//! opens each of them in the wizard and checks that every finding's link
//! points at an input, select or textarea of the step the link opens, and
//! that the link focuses it.
//!
//! The rules that never reach the wizard are listed in [`NOT_IN_WIZARD`]
//! with the reason; the test fails when one of them does fire (the list
//! must not hide a reachable rule) or when a catalogue rule is neither
//! generated nor listed.
//!
//! Regenerate the file: `BEIAN_REGENERATE=1 cargo test -p beian-tests --test every_finding`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use beian_flow::{next_steps, Context, FilingKind, FlowState};
use beian_rules::{Date, Filing};
use serde_json::{json, Value};

/// Catalogue rules the wizard never shows, with the reason.
const NOT_IN_WIZARD: &[(&str, &str)] = &[
    (
        "account.",
        "accounts of the server's users (sign-up), not a field of a filing",
    ),
    (
        "schema.",
        "a file that is not a filing: shown by the draft import, which has no field to link",
    ),
    (
        "email.required",
        "the check of one value (npm checkField, the server's field route): in a filing the empty field is the person's own rule (person.email_required)",
    ),
    (
        "mobile.required",
        "the check of one value: in a filing, person.mobile_required",
    ),
    (
        "landline.required",
        "the check of one value: the landline is optional in a filing",
    ),
    (
        "division.required",
        "the check of one value: in a filing, subject.province_required and the others",
    ),
    (
        "filing_number.required",
        "the check of one value: the filing numbers are optional in a filing",
    ),
    (
        "website_name.required",
        "the check of one value: in a filing, website.name_required",
    ),
    (
        "pre_approval.category_required",
        "the wizard's permit inputs always write their category (one input per category); only a file made elsewhere lacks it",
    ),
    (
        "attachment.kind_required",
        "the wizard's checklist writes each document with its kind; only a file made elsewhere lacks it",
    ),
    (
        "filing.websites_required",
        "the wizard always shows a website (an imported draft without one gets an empty one)",
    ),
    (
        "website.domains_required",
        "the wizard keeps one domain row in every website: an empty one is domain.required",
    ),
    (
        "website.access_required",
        "a new filing in the wizard keeps one access entry in every website: its fields say what is missing",
    ),
    (
        "access.ips_required",
        "a new filing in the wizard keeps one IP row in every access entry: an empty one is ip.required",
    ),
    (
        "text.control_characters",
        "a draft holding a control character is refused when read (schema), so no generated draft can carry one; the browser test types one into a field instead",
    ),
    (
        "upload.",
        "the checks of an uploaded file (beian_rules::upload::check: the server's upload route, and the form where the file is chosen), not findings of the filing's check that the review links",
    ),
    (
        "footer.",
        "the site check of a live website's footer (server and batch check)",
    ),
];

fn not_in_wizard(rule: &str) -> bool {
    NOT_IN_WIZARD
        .iter()
        .any(|(prefix, _)| rule.starts_with(prefix))
}

/// The day the wizard checks on (the browser test runs on the real day:
/// no finding below depends on it but for dates in 2099).
fn today() -> Date {
    Date::new(2026, 11, 25).unwrap()
}

fn person(name: &str, document_type: &str, number: &str) -> Value {
    json!({
        "name": name,
        "documentType": document_type,
        "documentNumber": number,
        "mobile": "13800138000",
        "phone": "010-62345678",
        "email": "zhangsan@example.com"
    })
}

fn documents(kinds: &[&str]) -> Value {
    Value::Array(
        kinds
            .iter()
            .map(|k| json!({"kind": k, "date": "2026-11-20"}))
            .collect(),
    )
}

/// Complete, clean filings to start from: an individual, and a
/// commercial enterprise with a filing number.
fn bases() -> Vec<Value> {
    let individual_person = person("张三", "resident_id", "11010519491231002X");
    let individual = json!({
        "subject": {
            "subjectType": "individual",
            "name": "张三",
            "documentType": "resident_id",
            "documentNumber": "11010519491231002X",
            "province": "110000", "city": "110100", "county": "110105",
            "address": "北京市朝阳区建国路 1 号",
            "responsiblePerson": individual_person,
            "documents": documents(&["subject_document", "responsible_person_document", "security_agreement", "verification_form", "photo"]),
            "filingCreatedOn": "2026-11-01"
        },
        "websites": [{
            "name": "山水摄影笔记",
            "domains": ["example.com"],
            "homepage": "http://www.example.com",
            "contentCategories": ["blog"],
            "responsiblePerson": individual_person,
            "access": [{"provider": "Example Cloud", "method": "cloud", "serverLocation": "110000", "ips": ["101.200.30.40"]}],
            "documents": documents(&["domain_certificate"])
        }]
    });
    let legal = person("李四", "resident_id", "11010519491231002X");
    let enterprise = json!({
        "subject": {
            "subjectType": "enterprise",
            "name": "杭州山水科技有限公司",
            "documentType": "unified_social_credit_code",
            "documentNumber": "9144030071526726XG",
            "province": "330000", "city": "330100", "county": "330106",
            "address": "杭州市西湖区文三路 1 号",
            "responsiblePerson": legal,
            "responsiblePersonRole": "legal_representative",
            "commercial": true,
            "licenceNumber": "浙B2-20040180",
            "filingNumber": "浙ICP备09051301号",
            "documents": documents(&["subject_document", "responsible_person_document", "security_agreement", "verification_form", "photo"]),
            "filingCreatedOn": "2026-11-01"
        },
        "websites": [{
            "name": "山水科技官网",
            "domains": ["example.cn"],
            "homepage": "https://www.example.cn/",
            "contentCategories": ["company"],
            "responsiblePerson": legal,
            "domainOwner": "杭州山水科技有限公司",
            "filingNumber": "浙ICP备09051301号-1",
            "access": [{"provider": "Example Cloud", "method": "cloud", "serverLocation": "330000", "ips": ["101.200.30.41"]}],
            "documents": documents(&["domain_certificate"])
        }]
    });
    vec![individual, enterprise]
}

/// Wrong (and some right) values for any text field.
fn corpus() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        " ",
        "x",
        "张三",
        "张",
        "abc",
        "Example Site",
        "12345",
        "中国山水网",
        "中华摄影",
        "北京",
        "张三企业网",
        "example.com",
        "http://example.com",
        "山水abc网",
        // resident IDs (002 #6)
        "11010519491231002x",
        "身份证：11010519491231002X",
        "999999194912310025",
        "1101051949123100",
        "110105491231002",
        "1101051949123A002X",
        "810000198001010010",
        "110105194913310020",
        "110105209912310029",
        "110105194912310021",
        "110105194912310020",
        // other documents
        "9144030071526726XG",
        "9144030071526726X",
        "9144030071526726XI",
        "9199999971526726XJ",
        "Z144030071526726XG",
        "9Z44030071526726XG",
        "91440300ZZZZZZZZXG",
        "9144030071526726X0",
        "9144030071526726xg",
        "71526726-X",
        "71526726-0",
        "7152672",
        "7152672!-X",
        "71526726x",
        "110105000000010",
        "110105000000011",
        "11010500000001",
        "11010500000001A",
        "999999000000010",
        "110105000000010 ",
        "E12345678",
        "e12345678",
        "!!",
        "H12345678",
        "h12345678",
        "C12345678",
        "1234567",
        "12345678",
        "810000198001010010",
        "81000019800101001",
        "81000019800101001A",
        "820000198013010010",
        "810000198001010011",
        "840000198001010010",
        "USA310085020011",
        "usa310085020011",
        "USA310085020012",
        "123",
        "933310198001010017",
        // divisions (1019)
        "13000",
        "130100",
        "130171",
        "130102",
        "999999",
        "110000",
        "330000",
        // domains (1004)
        "Example.COM",
        "www.example.com",
        "example.de",
        "example.example",
        "com.cn",
        "1.2.3.4",
        "example..com",
        "exam_ple.com",
        "example.cn.com",
        "exаmple.com",
        "例子.中国",
        "ex例ample.com",
        "a.example.com",
        // homepages (1041)
        "www.example.com",
        "ftp://www.example.com",
        "http://user@www.example.com",
        "http://www.example.com:8080",
        "http://",
        "http://1.2.3.4",
        "http://www.other.cn",
        "http://www.example.cn",
        "https://www.example.cn/",
        // IPs
        "10.0.0.1",
        "101.200.30.40",
        "101.200.30.041",
        "101.200.30",
        "101.200.30.0/24",
        "101.200.30.40, 101.200.30.42",
        "2001:DB8::1",
        "240e::1",
        "240E:0::1",
        // phones
        "1380013800",
        "138001380001",
        "10800138000",
        "138 0013 8000",
        "1380013800a",
        "19900138000",
        "+86 13800138000",
        "62345678",
        "010-6234567",
        "0999-62345678",
        "001-62345678",
        "010 62345678",
        "010-623456789",
        "010-1234567a",
        "13800138000",
        "010-62345678",
        // e-mail
        "zhangsan",
        "zhangsan@",
        "@example.com",
        "zhang san@example.com",
        "zhangsan@example",
        "ZhangSan@Example.COM",
        "zhangsan@exa_mple.com",
        // filing numbers (002 #28, #29)
        "京ICP备09051301号",
        "京ICP备09051301号-1",
        "京ICP备09051301",
        "京ICP备0905130号",
        "京ICP备09051301号-0",
        "京ICP证030173号",
        "浙B2-20040180",
        "浙ICP备09051301号",
        "浙ICP备09051301号-1",
        "浙ICP备19051301号-1",
        "浙ICP备09051301号-2",
        "京公网安备11010502030143号",
        "ICP备09051301号",
        "X ICP备09051301号",
        "京icp备09051301号",
        "京 ICP 备 09051301 号",
        "沪ICP备09051301号",
        // dates
        "2099-01-01",
        "2026-11-19",
        "2026-10-01",
        // text safety
        "张\u{0}三",
        "张\u{202e}三",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    // Numbers with a right check character over a wrong part.
    for first17 in ["91440300715267260", "A14403007152672", "99999900715267263"] {
        if let Some(c) = beian_rules::uscc::check_char(first17) {
            out.push(format!("{first17}{c}"));
        }
    }
    for first17 in [
        "A1440300715267260",
        "B1440300715267260",
        "E1440300715267260",
    ] {
        out.push(format!("{first17}0"));
    }
    for first14 in ["99999900000001", "11010500000002"] {
        if let Some(c) = beian_rules::business_registration::check_digit(first14) {
            out.push(format!("{first14}{c}"));
            out.push(format!("{} {}", &first14[..6], &first14[6..]) + &c.to_string());
        }
    }
    for first17 in [
        "81000019800101001",
        "82000019800101001",
        "83000019800101001",
    ] {
        if let Some(c) = beian_rules::resident_id::check_char(first17) {
            out.push(format!("{first17}{c}"));
            out.push(format!("{} {}{c}", &first17[..6], &first17[6..]));
        }
    }
    out.extend([
        "８１００００１９８００１０１００１０".to_string(),
        "１１０１０５００００００００１０".to_string(),
        "gοοgle中文.cn".to_string(),
        "北京市".to_string(),
        "乌鲁木齐".to_string(),
        "张三丰".to_string(),
        "其它".to_string(),
        "美国".to_string(),
        "110104".to_string(),
        "140120".to_string(),
        "14000138000".to_string(),
        "14100138000".to_string(),
        "16000138000".to_string(),
        "17400138000".to_string(),
        "19000138000".to_string(),
        "14900138000".to_string(),
    ]);
    out.push("张".repeat(2000));
    out.push(format!("{}.com", "a".repeat(70)));
    out.push(format!("{}.com", ["abcdefghij"; 26].join(".")));
    out
}

/// Every value of the enums the form offers, by the JSON key that holds
/// them (serde's names).
fn enum_values() -> BTreeMap<&'static str, Vec<Value>> {
    fn all<T: beian_rules::Named>() -> Vec<Value> {
        T::NAMES
            .iter()
            .map(|n| Value::String((*n).to_string()))
            .collect()
    }
    use beian_rules::{
        AccessMethod, ContentCategory, DocumentType, ResponsiblePersonRole, SubjectType,
    };
    BTreeMap::from([
        ("subjectType", all::<SubjectType>()),
        ("documentType", all::<DocumentType>()),
        ("responsiblePersonRole", all::<ResponsiblePersonRole>()),
        ("method", all::<AccessMethod>()),
        ("contentCategories", all::<ContentCategory>()),
    ])
}

/// The JSON pointer of every leaf (string, bool, number, null) of `v`.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, item) in map {
                leaves(item, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

fn lists(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, item) in map {
                lists(item, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            out.push(at.clone());
            for (i, item) in items.iter().enumerate() {
                lists(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `v` with the value at `pointer` replaced (or added to its object).
fn set(mut v: Value, pointer: &str, value: Value) -> Value {
    if let Some(slot) = v.pointer_mut(pointer) {
        *slot = value;
    } else if let Some((parent, key)) = pointer.rsplit_once('/') {
        if let Some(Value::Object(map)) = v.pointer_mut(parent) {
            map.insert(key.to_string(), value);
        }
    }
    v
}

/// A change of a filing: values set at JSON pointers, in order.
type Change = Vec<(String, Value)>;

fn apply(base: &Value, change: &Change) -> Value {
    change
        .iter()
        .fold(base.clone(), |v, (p, value)| set(v, p, value.clone()))
}

fn one(p: impl Into<String>, v: Value) -> Change {
    vec![(p.into(), v)]
}

/// The changes of `base` that each make one thing wrong (or different).
fn variants(base: &Value) -> Vec<Change> {
    let corpus = corpus();
    let enums = enum_values();
    let mut out: Vec<Change> = vec![Vec::new()];
    let mut at = Vec::new();
    leaves(base, String::new(), &mut at);
    for p in &at {
        let key = p.rsplit('/').next().unwrap_or_default();
        let key = if key.parse::<usize>().is_ok() {
            p.rsplit('/').nth(1).unwrap_or_default()
        } else {
            key
        };
        match base.pointer(p) {
            Some(Value::String(_)) => {
                if let Some(values) = enums.get(key) {
                    out.push(one(p, Value::Null));
                    for e in values {
                        out.push(one(p, e.clone()));
                    }
                } else {
                    for c in &corpus {
                        out.push(one(p, Value::String(c.clone())));
                    }
                }
            }
            Some(Value::Bool(b)) => out.push(one(p, Value::Bool(!b))),
            _ => {}
        }
    }
    // A document type with each number (the numbers' own rules), for the
    // subject and the responsible persons.
    for holder in [
        "/subject",
        "/subject/responsiblePerson",
        "/websites/0/responsiblePerson",
    ] {
        for t in &enums["documentType"] {
            let typed = (format!("{holder}/documentType"), t.clone());
            out.push(vec![typed.clone()]);
            for c in &corpus {
                out.push(vec![
                    typed.clone(),
                    (format!("{holder}/documentNumber"), Value::String(c.clone())),
                ]);
            }
        }
    }
    // Each subject type, commercial or not, with each content category and
    // the bulletin board (002 #41, 004 其它 3–5).
    for t in &enums["subjectType"] {
        for commercial in [false, true] {
            let s: Change = vec![
                ("/subject/subjectType".into(), t.clone()),
                ("/subject/commercial".into(), Value::Bool(commercial)),
            ];
            let with = |more: &[(&str, Value)]| -> Change {
                let mut c = s.clone();
                c.extend(more.iter().map(|(p, v)| (p.to_string(), v.clone())));
                c
            };
            out.push(s.clone());
            out.push(with(&[("/subject/licenceNumber", json!(""))]));
            for c in &enums["contentCategories"] {
                out.push(with(&[("/websites/0/contentCategories", json!([c]))]));
            }
            out.push(with(&[("/websites/0/bulletinBoard", json!(true))]));
            out.push(with(&[
                ("/websites/0/bulletinBoard", json!(true)),
                ("/subject/licenceNumber", json!("")),
            ]));
            for role in &enums["responsiblePersonRole"] {
                out.push(with(&[("/subject/responsiblePersonRole", role.clone())]));
            }
            out.push(with(&[("/websites/0/domainOwner", json!("王五"))]));
            out.push(with(&[("/subject/responsiblePersonRole", Value::Null)]));
        }
    }
    // Lists emptied, their first item doubled, an item removed.
    let mut ls = Vec::new();
    lists(base, String::new(), &mut ls);
    for p in &ls {
        out.push(one(p, json!([])));
        if let Some(Value::Array(items)) = base.pointer(p) {
            if let Some(first) = items.first() {
                let mut doubled = items.clone();
                doubled.push(first.clone());
                out.push(one(p, Value::Array(doubled)));
            }
            for k in 0..items.len() {
                let mut fewer = items.clone();
                fewer.remove(k);
                out.push(one(p, Value::Array(fewer)));
            }
        }
    }
    // Documents of unknown kind or without a date.
    for k in 0..5 {
        out.push(one(format!("/subject/documents/{k}/date"), Value::Null));
    }
    // The county merged away (1019, 002 #9); a website named after a
    // person of the filing (002 #54); a pre-approval without its number;
    // the domain owner is the legal representative (not the subject);
    // abroad (003 #10).
    out.push(vec![
        ("/subject/province".into(), json!("110000")),
        ("/subject/city".into(), json!("110100")),
        ("/subject/county".into(), json!("110104")),
    ]);
    out.push(
        [
            "/subject/responsiblePerson/name",
            "/websites/0/responsiblePerson/name",
            "/websites/0/name",
        ]
        .into_iter()
        .map(|p| (p.to_string(), json!("张三丰")))
        .collect(),
    );
    for category in ["news", "medical"] {
        out.push(vec![
            ("/websites/0/contentCategories".into(), json!([category])),
            (
                "/websites/0/preApprovals".into(),
                json!([{"category": category, "permitNumber": ""}]),
            ),
        ]);
    }
    let owner_name = base
        .pointer("/subject/responsiblePerson/name")
        .cloned()
        .unwrap_or(Value::Null);
    out.push(vec![
        ("/subject/commercial".into(), json!(false)),
        ("/websites/0/domainOwner".into(), owner_name),
    ]);
    out.push(one(
        "/websites/0/access/0/provider",
        json!(beian_rules::ABROAD),
    ));
    out.push(one(
        "/websites/0/access/0/serverLocation",
        json!(beian_rules::ABROAD),
    ));
    // A second website with the same IP (1040 across websites).
    if let Some(w) = base.pointer("/websites/0") {
        let mut w = w.clone();
        w["domains"] = json!(["example.org"]);
        w["homepage"] = json!("http://www.example.org");
        out.push(one("/websites/1", w));
    }
    out
}

/// True when no pointer of `a` is one of `b`'s or inside it (or around it).
fn disjoint(a: &Change, b: &Change) -> bool {
    let related = |p: &str, q: &str| {
        p == q || p.starts_with(&format!("{q}/")) || q.starts_with(&format!("{p}/"))
    };
    a.iter().all(|(p, _)| b.iter().all(|(q, _)| !related(p, q)))
}

/// `filing` as the wizard holds it once loaded (`Draft::normalise` of
/// beian-web): a website, and in every website a domain row and an access
/// entry with an IP row.
fn as_in_wizard(mut filing: Filing) -> Filing {
    if filing.websites.is_empty() {
        filing.websites.push(beian_rules::Website::default());
    }
    for w in &mut filing.websites {
        if w.domains.is_empty() {
            w.domains.push(String::new());
        }
        if w.access.is_empty() {
            w.access.push(beian_rules::Access::default());
        }
        for a in &mut w.access {
            if a.ips.is_empty() {
                a.ips.push(String::new());
            }
        }
    }
    filing
}

/// The rules the wizard shows for `filing` (a new filing).
fn wizard_rules(filing: &Filing) -> BTreeSet<String> {
    let state = FlowState {
        kind: FilingKind::NewFiling,
        filing: filing.clone(),
        ..FlowState::default()
    };
    next_steps(&state, &Context::default(), Some(today()))
        .steps
        .iter()
        .flat_map(|s| s.findings.iter().map(|f| f.rule.clone()))
        .collect()
}

/// A few filings that together make every reachable catalogue rule fire
/// in the wizard: (rules it is kept for, filing JSON). For each rule the
/// first change that makes it fire; changes of one base on different
/// fields are then put together while the filing they make still shows
/// every rule each was kept for.
fn generate() -> (Vec<(Vec<String>, Value)>, BTreeSet<String>) {
    let catalogue: BTreeSet<String> = beian_rules::catalogue::rules()
        .into_iter()
        .map(|f| f.rule)
        .collect();
    let rules_of = |v: &Value| -> Option<BTreeSet<String>> {
        // Read as the wizard reads a saved draft (which refuses control
        // characters, unlike serde).
        let filing = as_in_wizard(Filing::from_json(&v.to_string()).ok()?);
        Some(
            wizard_rules(&filing)
                .into_iter()
                .filter(|r| catalogue.contains(r))
                .collect(),
        )
    };
    let bases = bases();
    // (rule → (base, change)), the first change that shows it.
    let mut first: BTreeMap<String, (usize, Change)> = BTreeMap::new();
    for (b, base) in bases.iter().enumerate() {
        for change in variants(base) {
            let Some(rules) = rules_of(&apply(base, &change)) else {
                continue;
            };
            for r in rules {
                first.entry(r).or_insert_with(|| (b, change.clone()));
            }
        }
    }
    let reached: BTreeSet<String> = first.keys().cloned().collect();
    // Packs: (base, changes put together, rules kept for).
    let mut packs: Vec<(usize, Change, Vec<String>)> = Vec::new();
    for (rule, (b, change)) in &first {
        if let Some(pack) = packs.iter_mut().find(|(pb, pc, kept)| {
            if *pb != *b {
                return false;
            }
            if pc == change {
                return true;
            }
            if !disjoint(pc, change) {
                return false;
            }
            let mut merged = pc.clone();
            merged.extend(change.iter().cloned());
            rules_of(&apply(&bases[*b], &merged))
                .is_some_and(|rs| rs.contains(rule) && kept.iter().all(|k| rs.contains(k)))
        }) {
            if pack.1 != *change {
                pack.1.extend(change.iter().cloned());
            }
            pack.2.push(rule.clone());
            continue;
        }
        packs.push((*b, change.clone(), vec![rule.clone()]));
    }
    let chosen = packs
        .into_iter()
        .map(|(b, change, kept)| (kept, apply(&bases[b], &change)))
        .collect();
    (chosen, reached)
}

#[test]
fn every_catalogue_rule_reaching_the_wizard_has_a_filing() {
    let (chosen, reached) = generate();
    let catalogue: BTreeSet<String> = beian_rules::catalogue::rules()
        .into_iter()
        .map(|f| f.rule)
        .collect();
    let listed_but_reached: Vec<&String> = reached.iter().filter(|r| not_in_wizard(r)).collect();
    assert!(
        listed_but_reached.is_empty(),
        "listed as not in the wizard, yet the wizard shows them: {listed_but_reached:?}"
    );
    let missing: Vec<&String> = catalogue
        .iter()
        .filter(|r| !reached.contains(*r) && !not_in_wizard(r))
        .collect();
    assert!(
        missing.is_empty(),
        "no generated filing makes these rules fire in the wizard (add a value or a change to \
         tests/every_finding.rs, or list the rule in NOT_IN_WIZARD with the reason): {missing:?}"
    );
    let draft_kind = serde_json::to_value(FilingKind::NewFiling).unwrap();
    let file = json!({
        "comment": "Generated by tests/every_finding.rs (BEIAN_REGENERATE=1 cargo test -p beian-tests --test every_finding): drafts that together make every catalogue rule that reaches the wizard fire; tests/browser/wizard.test.mjs opens each.",
        "notInWizard": NOT_IN_WIZARD.iter().map(|(p, why)| json!({"rules": p, "why": why})).collect::<Vec<_>>(),
        "drafts": chosen.iter().map(|(rules, filing)| json!({
            "rules": rules,
            "draft": {"kind": draft_kind, "filing": filing},
        })).collect::<Vec<_>>(),
    });
    let text = serde_json::to_string_pretty(&file).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/every-finding.json");
    if std::env::var_os("BEIAN_REGENERATE").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "tests/data/every-finding.json is not up to date: BEIAN_REGENERATE=1 cargo test -p beian-tests --test every_finding"
    );
}
