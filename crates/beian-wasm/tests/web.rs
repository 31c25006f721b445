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
