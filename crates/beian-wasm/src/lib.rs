//! WebAssembly bindings of the beian rules; built into the npm package in
//! `pkg/` (see `pkg/README.md`).
//!
//! Every function takes and returns plain JavaScript values (objects in the
//! JSON shape of the Rust types, camelCase keys); the TypeScript
//! declarations of those shapes are generated from the Rust types. Bad
//! input throws an `Error` whose `code` property is `"5001"` (the MIIT code
//! for a filing that does not match the schema) or `"EINVAL"` for a bad
//! argument; no function panics.

#[cfg(feature = "batch")]
mod batch;
#[cfg(any(feature = "rules", feature = "domain"))]
mod domains;
#[cfg(any(feature = "rules", feature = "id", feature = "domain"))]
mod fast;
#[cfg(all(any(feature = "id", feature = "domain"), not(feature = "rules")))]
mod fields;
#[cfg(feature = "flow")]
mod flow;
#[cfg(any(feature = "rules", feature = "id", feature = "domain"))]
mod identifiers;
#[cfg(feature = "rules")]
mod rules;
#[cfg(any(test, not(any(feature = "flow", feature = "batch"))))]
mod write;
use beian_rules::Date;
use wasm_bindgen::prelude::*;

/// The wasm build's allocator: smaller than std's (see [`beian_heap`]).
/// Not in `beian/batch`: its blocks of whole powers of two made a large
/// spreadsheet's check peak about 30% higher in memory than dlmalloc, for
/// 3 KB of a 680 KB module.
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    not(feature = "batch")
))]
#[global_allocator]
static HEAP: beian_heap::Heap = beian_heap::Heap::new();

#[cfg(any(feature = "rules", feature = "domain"))]
pub use domains::{registrable_domain, registrable_start, to_ascii, to_unicode};
#[cfg(any(feature = "rules", feature = "id", feature = "domain"))]
pub use identifiers::is_valid_kind;
#[cfg(feature = "rules")]
pub use rules::{check_field, check_filing, CheckOptions};

/// An `Error` with a `code` property.
fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

/// Reads a JavaScript value through JSON, so that unknown keys and wrong
/// types are reported exactly as the server reports them.
#[cfg(any(feature = "flow", feature = "batch"))]
fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| "the value cannot be written as JSON".to_string())?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

/// The JSON text of a JavaScript value (`JSON.stringify`), or an `EINVAL`
/// error when it has none (a function, a cycle, a BigInt).
#[cfg(any(feature = "rules", feature = "id", feature = "domain"))]
fn json_of(value: &JsValue) -> Result<String, JsValue> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error("EINVAL", "the value cannot be written as JSON"))
}

/// The arguments of every entry's `checkField`: the field kind (its JSON
/// name) and the context (today's date where it gives none). A bad kind or
/// context is an `EINVAL` error.
#[cfg(any(feature = "rules", feature = "id", feature = "domain"))]
fn field_args(
    kind: JsValue,
    context: Option<js_sys::Object>,
) -> Result<(beian_rules::FieldKind, beian_rules::FieldContext), JsValue> {
    let kind: beian_rules::FieldKind = kind
        .as_string()
        .ok_or_else(|| error("EINVAL", "kind must be a string"))?
        .parse()
        .map_err(|e: beian_rules::UnknownFieldKind| error("EINVAL", &e.to_string()))?;
    let mut context = match context {
        None => beian_rules::FieldContext::default(),
        Some(context) => beian_rules::FieldContext::from_json(&json_of(&context)?)
            .map_err(|e| error("EINVAL", &format!("bad context: {e}")))?,
    };
    if context.today.is_none() {
        context.today = today();
    }
    Ok((kind, context))
}

/// Reads a filing as the server does ([`Filing::from_json`]): an array or a
/// number where an object or a text is expected, an unknown key is an
/// `Error` with `code: "5001"`, `path` (the JSON pointer of the value at
/// fault) and a message that starts with that path.
#[cfg(feature = "rules")]
fn filing_from_js(value: &JsValue) -> Result<beian_rules::Filing, JsValue> {
    let json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| error("5001", "not a filing: the value cannot be written as JSON"))?;
    beian_rules::Filing::from_json(&json).map_err(|e| {
        let err = error("5001", &format!("not a filing: {e}"));
        let _ = js_sys::Reflect::set(&err, &"path".into(), &e.path.as_str().into());
        err
    })
}

/// Writes a value to JavaScript through JSON (one string crosses, parsed by
/// `JSON.parse`: smaller and faster than building the object field by field).
#[cfg(any(feature = "flow", feature = "batch"))]
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Our types always serialise (string keys, no failing impls); the fixed
    // message keeps serde_json's error texts out of the rules' module.
    let json = serde_json::to_string(value)
        .map_err(|_| error("EINTERNAL", "the result cannot be written as JSON"))?;
    js_sys::JSON::parse(&json).map_err(|_| error("EINTERNAL", "JSON.parse failed"))
}

/// [`to_js`] of `beian`, `beian/id` and `beian/domain`: the same JSON text,
/// written by [`write`] without serde_json.
#[cfg(not(any(feature = "flow", feature = "batch")))]
fn to_js<T: write::ToJson>(value: &T) -> Result<JsValue, JsValue> {
    let json = write::to_json(value)
        .ok_or_else(|| error("EINTERNAL", "the result cannot be written as JSON"))?;
    js_sys::JSON::parse(&json).map_err(|_| error("EINTERNAL", "JSON.parse failed"))
}

/// Today's local date from the JavaScript clock.
fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        u16::try_from(now.get_full_year()).ok()?,
        u8::try_from(now.get_month() + 1).ok()?,
        u8::try_from(now.get_date()).ok()?,
    )
}

#[cfg(any(feature = "rules", feature = "flow", feature = "batch"))]
fn parse_today(value: Option<&str>) -> Result<Option<Date>, JsValue> {
    match value {
        None => Ok(today()),
        Some(s) => Date::parse(s).map(Some).ok_or_else(|| {
            error(
                "EINVAL",
                &format!("today must be a date YYYY-MM-DD, not {s:?}"),
            )
        }),
    }
}
