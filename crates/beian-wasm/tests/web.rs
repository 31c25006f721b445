//! The bindings in a real browser (headless Chromium through chromedriver).

use beian_wasm::{check_field, check_filing};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

fn parse(s: &str) -> JsValue {
    js_sys::JSON::parse(s).unwrap()
}

#[wasm_bindgen_test]
fn check_filing_finds_the_three_headline_codes() {
    let filing = parse(
        r#"{"subject":{"documentNumber":"11010519491231002x"},
            "websites":[{"domains":["www.example.com"],"homepage":"http://www.other.cn"}]}"#,
    );
    let out = json(&check_filing(filing, None).unwrap());
    for code in ["\"1015\"", "\"1004\"", "\"1041\""] {
        assert!(out.contains(code), "{code} missing in {out}");
    }
    assert!(
        out.contains(r#""suggestion":"11010519491231002X""#),
        "{out}"
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_error_with_code() {
    let err = check_filing(parse(r#"{"subject":{"documentNumber":5}}"#), None).unwrap_err();
    let code = js_sys::Reflect::get(&err, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("5001"));
    assert!(err.is_instance_of::<js_sys::Error>());
    let err = check_field("nope".into(), "x", None).unwrap_err();
    let code = js_sys::Reflect::get(&err, &"code".into()).unwrap();
    assert_eq!(code.as_string().as_deref(), Some("EINVAL"));
}

#[wasm_bindgen_test]
fn check_field_normalizes() {
    let out = json(&check_field("domain".into(), "www.例子.中国", None).unwrap());
    assert!(out.contains(r#""normalized":"例子.中国""#), "{out}");
    assert!(out.contains(r#""ok":false"#), "{out}");
}

#[wasm_bindgen_test]
fn plain_host_fast_path_agrees_with_idna() {
    use beian_wasm::{registrable_domain, registrable_start};
    // Every host of up to 6 characters over a small alphabet, and long ones.
    let alphabet = ['a', '1', '-', '.', 'x', 'n'];
    let mut hosts: Vec<String> = vec![String::new()];
    let mut frontier = vec![String::new()];
    for _ in 0..6 {
        let mut next = Vec::new();
        for h in &frontier {
            for c in alphabet {
                next.push(format!("{h}{c}"));
            }
        }
        hosts.extend(next.iter().cloned());
        frontier = next;
    }
    for n in [62, 63, 64] {
        hosts.push(format!("{}.com", "a".repeat(n)));
        hosts.push(format!("{}.example.com", "b".repeat(n)));
    }
    for n in [240, 249, 250, 251, 260] {
        hosts.push(format!("{}.com", "a.".repeat(n / 2)));
    }
    hosts.extend(
        [
            "ab--c.com",
            "a--b.com",
            "xn--fiqs8s",
            "example.xn--fiqs8s",
            "www.example.com.cn",
            "127.0.0.1",
            "1.2.3.4.5",
            "a.b.kawasaki.jp",
            "-a.com",
            "a-.com",
            "xn--fiqs8s.com",
            "a.xn--fiqs8s.xn--fiqs8s",
            "xn--fsqu00a.xn--fiqs8s",
        ]
        .map(String::from),
    );
    // Some of the accepted Chinese top-level domains (the rules' tests
    // check them all).
    for tld in ["xn--fiqs8s", "xn--55qx5d", "xn--io0a7i", "xn--3ds443g"] {
        for host in [
            format!("www.example.{tld}"),
            format!("a-b.{tld}"),
            format!("-a.{tld}"),
            tld.to_string(),
        ] {
            hosts.push(host);
        }
    }
    // Hosts of Chinese labels take the IDN fast path (issue 20); the others
    // here are left to the full path.
    for host in [
        "www.例子.中国",
        "例子.公司",
        "淘宝.com.cn",
        "a例-1.cn",
        "中国",
        "WWW.例子.中国",
        "www.xn--fsqu00a.中国",
        "пример.рф",
        "例--子.cn",
        "例。子.cn",
    ] {
        hosts.push(host.to_string());
    }
    for host in &hosts {
        let start = registrable_start(host.as_bytes());
        let plain = beian_rules::domain::is_plain_ascii_host(host);
        let idn = beian_rules::domain::idn_registrable_start(host.as_bytes()).is_some();
        assert_eq!(start == -2, !plain && !idn, "{host:?}");
        if idn && !plain {
            // An offset in UTF-16 code units (the characters: all in the BMP).
            let got = usize::try_from(start)
                .ok()
                .map(|s| host.chars().skip(s).collect::<String>());
            assert_eq!(got, registrable_domain(host), "{host:?}");
        }
        if plain {
            let slow = beian_rules::domain::to_ascii(host);
            assert_eq!(slow.as_deref(), Ok(host.as_str()), "{host:?}");
            let want = registrable_domain(host);
            let got = usize::try_from(start).ok().map(|s| host[s..].to_string());
            assert_eq!(got, want, "{host:?}");
        }
    }
}

#[wasm_bindgen_test]
fn identifiers_answer_as_the_rules() {
    use beian_rules::IdentifierKind;
    use beian_wasm::is_valid_kind;
    assert_eq!(IdentifierKind::ALL[0], IdentifierKind::ResidentId);
    for s in [
        "11010519491231002X",
        "11010519491231002x",
        "110105194912310021",
        "",
        "x",
    ] {
        assert_eq!(
            is_valid_kind(0, s),
            beian_rules::resident_id::is_valid(s),
            "{s}"
        );
    }
    assert!(is_valid_kind(1, "91350100M000100Y43"));
    assert!(is_valid_kind(10, "京ICP备09051301号-1"));
    let n = IdentifierKind::ALL.len() as u32;
    assert!(!is_valid_kind(n, "x"));
    for (i, kind) in IdentifierKind::ALL.into_iter().enumerate() {
        assert_eq!(
            is_valid_kind(i as u32, "9144030071526726XG"),
            kind.is_valid("9144030071526726XG")
        );
    }
}
