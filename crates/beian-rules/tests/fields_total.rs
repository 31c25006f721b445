//! Property tests of the contact, name and number modules and of the whole
//! filing: no panic on any input, suggestions fix what they suggest,
//! canonical forms are fixed points, `Filing::from_json` agrees with serde
//! where both accept, and every finding is listed in the rules catalogue
//! with its code and severity.

use beian_rules::{
    account, catalogue, check_field_with, check_submission, email, filing_number, ip, phone,
    website_name, Date, FieldContext, FieldExtra, FieldKind, Filing, Finding, Options, SubjectType,
};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9０-９ +()（）\\-转]{0,20}",
        "[a-zA-Z0-9.@＠_+\\-]{0,30}",
        "[0-9a-fA-F:.\\[\\]/ ]{0,40}",
        "[京沪粤蜀川港ICPicp备证号B2\\-0-9 ]{0,24}",
        "[中国张三的读书笔记企业网论坛a-z0-9. ]{0,12}",
    ]
}

/// Every finding of a check has the code and severity of its rule in the
/// catalogue.
fn listed(findings: &[Finding]) -> Result<(), TestCaseError> {
    for f in findings {
        prop_assert!(catalogue::is_listed(f), "{:?}", f);
    }
    Ok(())
}

/// A filing assembled from generated pieces, through JSON so that enum
/// names and dates are generated as text.
fn filing() -> impl Strategy<Value = Filing> {
    fn person() -> impl Strategy<Value = serde_json::Value> {
        (text(), text(), text(), text()).prop_map(|(name, mobile, phone, email)| {
            serde_json::json!({"name": name, "mobile": mobile, "phone": phone, "email": email,
                               "documentNumber": "11010519491231002X"})
        })
    }
    let subject_type =
        proptest::sample::select(vec!["individual", "enterprise", "government", "other"]);
    let category = proptest::sample::select(vec![
        "news",
        "education",
        "bulletin_board",
        "e_commerce",
        "company",
        "blog",
        "medical",
    ]);
    let kind = proptest::sample::select(vec![
        "verification_form",
        "security_agreement",
        "photo",
        "domain_certificate",
        "domain_authorisation_letter",
        "authorisation_letter",
        "name_approval",
    ]);
    let date =
        proptest::sample::select(vec!["2026-11-20", "2026-11-21", "2026-12-30", "2020-01-01"]);
    let attachment = (kind, date).prop_map(|(k, d)| serde_json::json!({"kind": k, "date": d}));
    let access = (text(), text(), proptest::collection::vec(text(), 0..3)).prop_map(|(p, l, ips)| {
        serde_json::json!({"provider": p, "serverLocation": l, "ips": ips, "method": "cloud"})
    });
    let website = (
        text(),
        proptest::collection::vec(text(), 0..3),
        text(),
        proptest::collection::vec(access, 0..3),
        person(),
        proptest::collection::vec(category.clone(), 0..3),
        any::<bool>(),
        text(),
        proptest::collection::vec(attachment.clone(), 0..2),
        proptest::collection::vec((category, text()), 0..2),
    )
        .prop_map(
            |(name, domains, homepage, access, rp, cats, bbs, owner, docs, pre)| {
                let pre: Vec<_> = pre
                    .into_iter()
                    .map(|(c, n)| serde_json::json!({"category": c, "permitNumber": n}))
                    .collect();
                serde_json::json!({"name": name, "domains": domains, "homepage": homepage,
                "access": access, "responsiblePerson": rp, "contentCategories": cats,
                "bulletinBoard": bbs, "domainOwner": owner, "documents": docs, "preApprovals": pre})
            },
        );
    let role = proptest::sample::select(vec![
        serde_json::Value::Null,
        "legal_representative".into(),
        "authorised".into(),
        "agent".into(),
    ]);
    (
        subject_type,
        text(),
        person(),
        role,
        any::<bool>(),
        text(),
        text(),
        proptest::collection::vec(attachment, 0..4),
        proptest::collection::vec(website, 0..3),
    )
        .prop_map(
            |(st, name, rp, role, commercial, licence, number, docs, websites)| {
                let json = serde_json::json!({
                    "subject": {"subjectType": st, "name": name, "responsiblePerson": rp,
                        "responsiblePersonRole": role, "commercial": commercial,
                        "licenceNumber": licence, "filingNumber": number, "documents": docs,
                        "filingCreatedOn": "2026-11-21", "province": "110000",
                        "documentNumber": "11010519491231002X"},
                    "websites": websites
                });
                Filing::from_json(&json.to_string())
                    .expect("generated filings have the right shape")
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn field_modules_never_panic(s in text(), u in text()) {
        let _ = website_name::findings(&s, "/p");
        let _ = website_name::chinese_count(&s);
        let _ = phone::compact_mobile(&s);
        let _ = phone::format_landline(&s);
        let _ = email::compact(&s);
        let _ = ip::compact(&s);
        let _ = ip::list_findings(&[s.clone(), u.clone(), s.clone()], "/ips");
        let _ = filing_number::compact(&s);
        let _ = account::username_findings(&s, "/u");
        let _ = account::password_findings(&s, &u, "/p");
        for kind in FieldKind::ALL {
            for subject_type in [None, Some(SubjectType::Individual)] {
                let extra = FieldExtra { username: u.clone(), subject_type };
                let r = check_field_with(kind, &s, &FieldContext::default(), &extra);
                prop_assert_eq!(r.ok, !r.findings.iter().any(|f| f.is_error()));
                listed(&r.findings)?;
                if kind == FieldKind::Password {
                    prop_assert!(r.normalized.is_none());
                }
            }
        }
    }

    /// A suggestion, applied, removes the finding it came with; a
    /// normalized value is valid and its own normalized value.
    #[test]
    fn suggestions_and_canonical_forms(s in text()) {
        type Findings = fn(&str, &str) -> Vec<Finding>;
        type Format = fn(&str) -> Option<String>;
        let modules: [(Findings, Format); 6] = [
            (phone::mobile_findings, phone::format_mobile),
            (phone::landline_findings, phone::format_landline),
            (email::findings, email::format),
            (ip::findings, ip::format),
            (filing_number::findings, filing_number::format),
            (website_name::findings, website_name::format),
        ];
        for (findings, format) in modules {
            for f in findings(&s, "/p") {
                if let Some(fix) = &f.suggestion {
                    prop_assert!(findings(fix, "/p").iter().all(|g| g.rule != f.rule), "{} -> {}", s, fix);
                }
            }
            if let Some(clean) = format(&s) {
                let again = format(&clean);
                prop_assert_eq!(again.as_deref(), Some(clean.as_str()));
                prop_assert!(findings(&clean, "/p").iter().all(|f| !f.is_error()), "{}", clean);
            }
        }
    }

    /// `from_json` never panics, and where serde also reads the text, both
    /// give the same filing (serde reads more: arrays as structs).
    #[test]
    fn from_json_is_total_and_agrees_with_serde(s in prop_oneof![any::<String>(), "[\\[\\]{}\":,0-9a-zA-Z ]{0,40}"]) {
        let ours = Filing::from_json(&s);
        if let Ok(f) = &ours {
            let serde: Filing = serde_json::from_str(&s).expect("serde reads what from_json reads");
            prop_assert_eq!(f, &serde);
        }
    }

    #[test]
    fn whole_filings_never_panic_and_are_listed(f in filing()) {
        let options = Options { today: Date::new(2026, 11, 25) };
        let found = check_submission(&f, &options);
        listed(&found)?;
        // Serialising and reading back gives the same filing and findings.
        let json = serde_json::to_string(&f).unwrap();
        let back = Filing::from_json(&json).unwrap();
        prop_assert_eq!(&back, &f);
        prop_assert_eq!(check_submission(&back, &options), found);
    }
}

#[test]
fn from_json_on_shapes_serde_accepts() {
    for json in [
        "[]",
        r#"{"subject": []}"#,
        r#"{"websites": [[]]}"#,
        r#"{"subject": {"responsiblePerson": []}}"#,
    ] {
        assert!(serde_json::from_str::<Filing>(json).is_ok(), "{json}");
        let e = Filing::from_json(json).unwrap_err();
        assert_eq!(e.code(), "5001");
        assert_eq!(e.finding().rule, "schema.shape");
    }
}
