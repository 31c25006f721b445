//! Browser tests of the wizard's pieces that need no mounted page: the
//! text catalogue, the mapping of finding paths to fields, the draft and
//! its localStorage round trip, and today's date from `js_sys::Date`.
//!
//! Run with `wasm-bindgen-test-runner` (see the project's README/CI).

#![cfg(target_arch = "wasm32")]

use std::collections::HashSet;

use beian_rules::{check_with, Options};
use beian_web::draft::{self, date_from_js, findings_id, input_id, Draft, DRAFT_KEY};
use beian_web::i18n::{review_texts, t, tn, Key, Lang};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn catalogue_has_every_key_in_both_languages() {
    let mut seen = HashSet::new();
    for &key in Key::ALL {
        assert!(seen.insert(key), "{key:?} listed twice in Key::ALL");
        let zh = t(Lang::ZhCn, key);
        let en = t(Lang::En, key);
        assert!(!zh.trim().is_empty(), "{key:?}: empty zh-CN text");
        assert!(!en.trim().is_empty(), "{key:?}: empty en text");
        for p in key.placeholders() {
            assert!(zh.contains(p), "{key:?}: zh-CN text lacks {p}");
            assert!(en.contains(p), "{key:?}: en text lacks {p}");
        }
        if key.placeholders().is_empty() {
            assert!(
                !zh.contains('{') && !en.contains('{'),
                "{key:?}: stray placeholder"
            );
        }
        // The Chinese text is Chinese, and the English text has none.
        let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        assert!(
            zh.chars().any(is_cjk),
            "{key:?}: zh-CN text has no Chinese: {zh}"
        );
        assert!(
            !en.chars().any(is_cjk),
            "{key:?}: en text has Chinese: {en}"
        );
    }
    assert_eq!(tn(Lang::En, Key::DomainN, 2), "Domain 2");
    assert_eq!(tn(Lang::ZhCn, Key::DomainN, 2), "域名 2");
}

/// The review deadline after a submission, and the note when the server
/// estimated it (issue 13: the 2027 schedule was not published).
#[wasm_bindgen_test]
fn review_deadline_texts() {
    let exact = beian_flow::Deadlines {
        review: beian_rules::Date::parse("2026-12-23"),
        ..beian_flow::Deadlines::default()
    };
    let (due, note) = review_texts(Lang::ZhCn, &exact).unwrap();
    assert_eq!(
        due,
        "管局应在 2026-12-23（含）前完成审核：自提交之日起 20 个工作日。"
    );
    assert_eq!(note, None);
    let estimated = beian_flow::Deadlines {
        review: beian_rules::Date::parse("2028-01-10"),
        estimated: true,
        estimated_years: vec![2027, 2028],
        ..beian_flow::Deadlines::default()
    };
    let (_, note) = review_texts(Lang::ZhCn, &estimated).unwrap();
    assert_eq!(
        note.as_deref(),
        Some("预计：2027、2028 年节假日安排尚未公布，按法定节假日推算，日期可能变动。")
    );
    let (_, note) = review_texts(Lang::En, &estimated).unwrap();
    assert_eq!(
        note.as_deref(),
        Some("Estimated: the 2027 and 2028 holiday schedule is not yet published; the date counts the statutory holidays and may move.")
    );
    assert_eq!(
        review_texts(Lang::En, &beian_flow::Deadlines::default()),
        None
    );
}

#[wasm_bindgen_test]
fn language_tags_round_trip() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
    assert_eq!(Lang::default(), Lang::ZhCn);
    assert_eq!(Lang::from_tag("fr"), None);
}

#[wasm_bindgen_test]
fn every_finding_of_the_headline_filing_lands_on_its_field() {
    let mut d = Draft::default();
    d.filing.subject.document_number = "11010519491231002x".into();
    d.filing.websites[0].domains = vec!["example.com".into(), "www.example.cn".into()];
    d.filing.websites[0].homepage = "http://www.other.cn".into();
    // A new website starts with one access entry with one empty IP row.
    assert_eq!(d.filing.websites[0].access[0].ips, vec![String::new()]);
    d.filing.websites[0].access.clear();
    let findings = check_with(&d.to_filing(), &Options::default());
    let placed: Vec<(String, Option<String>)> = findings
        .iter()
        .map(|f| (input_id(&f.path), f.code.clone()))
        .collect();
    assert_eq!(
        placed,
        vec![
            ("subject-document-number".to_string(), Some("1015".into())),
            ("websites-0-domains-1".to_string(), Some("1004".into())),
            ("websites-0-homepage".to_string(), Some("1041".into())),
        ]
    );
    assert_eq!(
        findings_id("/websites/0/domains/1"),
        "findings-websites-0-domains-1"
    );
    assert_eq!(
        input_id("/websites/1/access/0/serverLocation"),
        "websites-1-access-0-server-location"
    );
}

#[wasm_bindgen_test]
fn draft_survives_local_storage_and_json() {
    LocalStorage::delete(DRAFT_KEY);
    assert_eq!(Draft::load(), None);
    let mut d = Draft::default();
    d.filing.subject.document_number = "11010519491231002X".into();
    d.filing.websites[0].domains = vec!["example.com".into(), String::new()];
    d.save();
    assert_eq!(Draft::load(), Some(d.clone()));
    assert_eq!(Draft::from_json(&d.to_json()), Ok(d.clone()));
    // Issue 14: the filing number, the cancellation and the submitted
    // request (its status page after a reload) are kept with the draft.
    d.kind = beian_flow::FilingKind::CancelWebsite;
    d.filing_number = "京ICP备12345678号-1".into();
    d.filing_id = "42".into();
    d.cancellation_type = Some(beian_flow::CancellationType::Discontinued);
    d.cancellation_reason = "网站已停止使用".into();
    d.request = Some(draft::RequestRef {
        id: 7,
        filing_id: "42".into(),
        kind: beian_flow::FilingKind::CancelWebsite,
        returned: Some("材料不清晰".into()),
    });
    d.save();
    assert_eq!(Draft::load(), Some(d.clone()));
    assert!(!d.request.as_ref().unwrap().shows_status());
    assert_eq!(Draft::from_json(&d.to_json()), Ok(d));
    // The first version's draft is read into the filing.
    LocalStorage::set(
        DRAFT_KEY,
        serde_json::json!({"documentNumber": "1", "domains": [], "homepage": "h"}),
    )
    .unwrap();
    let old = Draft::load().unwrap();
    assert_eq!(old.filing.subject.document_number, "1");
    assert_eq!(old.filing.websites[0].domains, vec![String::new()]);
    assert_eq!(old.filing.websites[0].homepage, "h");
    LocalStorage::delete(DRAFT_KEY);
    // A bare filing imports; a broken file names the field by the labels of
    // the form, not by its JSON path or the format's names.
    let bare = Draft::from_json(r#"{"subject": {"name": "张三"}}"#).unwrap();
    assert_eq!(bare.filing.subject.name, "张三");
    assert_eq!(bare.filing.websites.len(), 1);
    assert!(Draft::from_json("not json").is_err());
    let wrong = Draft::from_json(r#"{"subject": {"nmae": "x"}}"#).unwrap_err();
    assert!(wrong.en.contains("“Subject › nmae”"), "{}", wrong.en);
    assert!(wrong.zh_cn.contains("“主体信息 › nmae”"), "{}", wrong.zh_cn);
    let json = r#"{"websites": [{}, {"responsiblePerson": {"documentType": "ResidentId"}}]}"#;
    let wrong = Draft::from_json(json).unwrap_err();
    assert_eq!(
        wrong.zh_cn,
        "文件不是可导入的备案草稿：“网站 2 › 网站负责人 › 证件类型”一项的内容不符合草稿的格式。"
    );
    assert!(
        wrong
            .en
            .contains("“Website 2 › Website's responsible person › Document type”"),
        "{}",
        wrong.en
    );
    assert!(
        !wrong.en.contains('/') && !wrong.en.contains("ResidentId"),
        "{}",
        wrong.en
    );

    draft::save_lang(Lang::En);
    assert_eq!(draft::load_lang(), Some(Lang::En));
    LocalStorage::delete(draft::LANG_KEY);
    assert_eq!(draft::load_lang(), None);
}

#[wasm_bindgen_test]
fn today_comes_from_the_browser_clock() {
    assert_eq!(
        date_from_js(2024, 1, 29).map(|d| (d.year(), d.month(), d.day())),
        Some((2024, 2, 29))
    );
    assert_eq!(date_from_js(2023, 1, 29), None);
    let today = draft::today().expect("the browser's date is a valid date");
    assert!(today.year() >= 2024);
}

#[wasm_bindgen_test]
fn a_saved_draft_with_a_control_character_comes_back_without_it() {
    use beian_web::draft::{strip_controls, Draft};
    let raw = r#"{"kind": "new_filing", "filing": {"subject": {"name": "张\u0007三", "address": "北京市\t朝阳区"}, "websites": []}}"#;
    assert!(Draft::from_json(raw).is_err(), "the reader refuses it");
    let mut value: serde_json::Value = serde_json::from_str(raw).unwrap();
    strip_controls(&mut value);
    let draft = Draft::from_json(&value.to_string()).unwrap();
    assert_eq!(draft.filing.subject.name, "张三");
    assert_eq!(draft.filing.subject.address, "北京市\t朝阳区");
}
