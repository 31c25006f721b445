//! Fixtures shared by the integration tests.
#![allow(dead_code)]

use beian_flow::{
    Cancellation, CancellationType, Context, Event, FiledBy, FilingKind, FlowState, Party,
};
use beian_rules::{Access, Date, Filing, Website};

/// A correct approved filing, with its documents: an individual in
/// Beijing with two websites, each hosted by A and B.
pub fn approved() -> Filing {
    let person = serde_json::json!({
        "name": "张三", "documentNumber": "11010519491231002X",
        "mobile": "13800000000", "email": "zs@example.com",
    });
    let access = |provider: &str, ip: &str| serde_json::json!({"provider": provider, "method": "cloud", "serverLocation": "110000", "ips": [ip]});
    let website = |name: &str, domain: &str, ips: [&str; 2]| {
        serde_json::json!({
            "name": name, "domains": [domain], "homepage": format!("www.{domain}"),
            "access": [access("A", ips[0]), access("B", ips[1])],
            "responsiblePerson": person,
            "documents": [{"kind": "domain_certificate"}],
        })
    };
    serde_json::from_value(serde_json::json!({
        "subject": {
            "name": "张三", "documentNumber": "11010519491231002X",
            "province": "110000", "city": "", "county": "110105", "address": "北京市朝阳区某路1号",
            "responsiblePerson": person,
            "documents": [
                {"kind": "subject_document"}, {"kind": "responsible_person_document"},
                {"kind": "security_agreement", "date": "2023-12-01"},
                {"kind": "verification_form", "date": "2023-12-01"},
                {"kind": "photo", "date": "2023-12-01"},
            ],
        },
        "websites": [
            website("张三的博客", "example.com", ["1.2.3.4", "5.6.7.8"]),
            website("张三的相册", "other.cn", ["1.2.3.5", "5.6.7.9"]),
        ],
    }))
    .unwrap()
}

pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// An access entry of `provider`, with an IP address used nowhere else.
pub fn access(provider: &str) -> Access {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let ip = format!("9.9.{}.{}", n / 250 % 250, n % 250 + 1);
    // Through JSON, so that fields added to the model take their defaults.
    serde_json::from_value(serde_json::json!({
        "provider": provider, "method": "cloud", "serverLocation": "110000", "ips": [ip]
    }))
    .unwrap()
}

pub fn website(domain: &str, providers: &[&str]) -> Website {
    let mut w: Website = serde_json::from_value(serde_json::json!({
        "name": "新的网站", "domains": [domain], "homepage": format!("www.{domain}"),
        "documents": [{"kind": "domain_certificate"}],
    }))
    .unwrap();
    w.access = providers.iter().map(|p| access(p)).collect();
    w.responsible_person = approved().subject.responsible_person;
    w
}

/// The proposed filing of a valid request of `kind` on [`approved`], with
/// two verifiers wherever the kind allows it.
pub fn proposed(kind: FilingKind) -> Filing {
    let mut f = approved();
    match kind {
        FilingKind::NewFiling | FilingKind::CancelSubject => {}
        FilingKind::AddWebsite => f.websites.push(website("new.com", &["C", "D"])),
        FilingKind::TransferAccess => {
            f.websites[0].access.push(access("C"));
            f.websites[0].access.push(access("D"));
        }
        FilingKind::Change => f.subject.address = "北京市朝阳区某路2号".into(),
        FilingKind::CancelWebsite => {
            f.websites.remove(1);
        }
        FilingKind::CancelAccess => {
            f.websites[0].access.remove(0); // A leaves example.com
            f.websites[1].access.remove(1); // B leaves other.cn
        }
    }
    f
}

pub fn editor(filed_by: FiledBy) -> Party {
    match filed_by {
        FiledBy::Subject => Party::Subject,
        FiledBy::Provider => Party::Provider,
    }
}

/// An edit by whoever edits a request filed by `filed_by`.
pub fn edit(filed_by: FiledBy, filing: Filing) -> Event {
    match filed_by {
        FiledBy::Subject => Event::SubjectEdit { filing },
        FiledBy::Provider => Event::ProviderEdit {
            provider: "A".into(),
            filing,
        },
    }
}

/// The context under which every request of the fixtures is accepted.
pub fn ctx() -> Context {
    Context {
        pending: vec![],
        closed_domains: vec!["example.com".into(), "other.cn".into()],
    }
}

pub fn submit(by: Party, on: &str) -> Event {
    Event::Submit {
        by,
        on: d(on),
        filing_password: Some("s3cret".into()),
        cancellation: Some(Cancellation {
            cancellation_type: CancellationType::Discontinued,
            reason: "网站已停止使用".into(),
        }),
    }
}

/// The number the bureau gives the fixtures' (Beijing) subject.
pub const NUMBER: &str = "京ICP备2025000001号";

/// The bureau's approval on `on`, with the number of a new filing.
pub fn approve(on: &str) -> Event {
    Event::BureauApprove {
        on: d(on),
        filing_number: Some(NUMBER.into()),
    }
}

/// A draft of `kind` on the approved filing (or a new filing's draft).
pub fn draft(kind: FilingKind, filed_by: FiledBy) -> FlowState {
    let by = editor(filed_by);
    let state = if kind == FilingKind::NewFiling {
        FlowState::new_filing(filed_by)
    } else {
        let record = FlowState::on_record(approved(), filed_by, Some(d("2024-06-03")));
        record
            .apply(&Event::Start { kind, by }, &ctx())
            .unwrap_or_else(|f| panic!("start {kind:?}: {f:#?}"))
            .state
    };
    state
        .apply(&edit(filed_by, proposed(kind)), &ctx())
        .unwrap_or_else(|f| panic!("edit {kind:?}: {f:#?}"))
        .state
}

/// Renames an individual subject: the responsible persons are the subject
/// (004), so they are renamed too.
pub fn rename(f: &mut Filing, name: &str) {
    f.subject.name = name.into();
    f.subject.responsible_person.name = name.into();
    for w in &mut f.websites {
        w.responsible_person.name = name.into();
    }
}
