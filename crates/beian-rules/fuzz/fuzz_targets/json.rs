//! Arbitrary bytes as JSON: `beian_rules::json::parse` never panics, says
//! "JSON" exactly when serde_json does (but for a key twice in one object,
//! which it refuses and serde_json's `Value` keeps, and numbers beyond f64,
//! which RFC 8259 allows and serde_json refuses), and reads the same value.
//! (Found with it: the first draft of this target asserted that a text with
//! a duplicate key is otherwise valid JSON; the reader stops at the key.)
#![no_main]

use beian_rules::json::{self, Json};
use libfuzzer_sys::fuzz_target;

fn to_serde(value: &Json) -> serde_json::Value {
    match value {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => serde_json::Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n).unwrap_or(serde_json::Value::Null),
        Json::String(s) => serde_json::Value::String(s.clone()),
        Json::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

fuzz_target!(|text: &str| {
    let serde = serde_json::from_str::<serde_json::Value>(text);
    match json::parse(text) {
        Ok(value) => match serde {
            Ok(v) => assert_eq!(to_serde(&value), v),
            Err(e) => assert!(e.to_string().contains("out of range"), "{e}"),
        },
        // Refused at the second key, before what follows is read (serde's
        // derive does the same), so the rest of the text may be anything.
        Err(e) if e.duplicate.is_some() => {}
        // serde_json stops at 128 levels too, but may meet another error
        // first; everything else it must refuse as well.
        Err(e) => assert!(serde.is_err() || e.message == "recursion limit exceeded", "{e}"),
    }
});
