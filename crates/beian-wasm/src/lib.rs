//! WebAssembly bindings of the beian rules; built into the npm package in
//! `pkg/` (see `pkg/README.md`).
//!
//! Every function takes and returns plain JavaScript values (objects in the
//! JSON shape of the Rust types, camelCase keys); the TypeScript
//! declarations of those shapes are generated from the Rust types. Bad
//! input throws an `Error` whose `code` property is `"5001"` (the MIIT code
//! for a filing that does not match the schema) or `"EINVAL"` for a bad
//! argument; no function panics.

use beian_rules::{Date, FieldContext, FieldKind, Filing, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Options of `checkFiling`.
#[derive(Debug, Default, serde::Deserialize, tsify::Tsify)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckOptions {
    /// Today's date `YYYY-MM-DD`; defaults to the local date of the host.
    #[tsify(optional)]
    pub today: Option<String>,
}

/// An `Error` with a `code` property.
fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error("EINTERNAL", &e.to_string()))
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

fn parse_today(value: Option<&str>) -> Result<Option<Date>, JsValue> {
    match value {
        None => Ok(today()),
        Some(s) => Date::parse(s)
            .map(Some)
            .ok_or_else(|| error("EINVAL", &format!("today must be a date YYYY-MM-DD, not {s:?}"))),
    }
}

/// Checks a whole filing and returns its findings, in field order.
///
/// Throws an `Error` with `code: "5001"` when the value is not a filing
/// (wrong types, unknown keys).
#[wasm_bindgen(js_name = checkFiling, unchecked_return_type = "Finding[]")]
pub fn check_filing(
    #[wasm_bindgen(unchecked_param_type = "Filing")] filing: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let filing: Filing = serde_wasm_bindgen::from_value(filing)
        .map_err(|e| error("5001", &format!("not a filing: {e}")))?;
    let options: CheckOptions = if options.is_undefined() || options.is_null() {
        CheckOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| error("EINVAL", &format!("bad options: {e}")))?
    };
    let today = parse_today(options.today.as_deref())?;
    to_js(&beian_rules::check_with(&filing, &Options { today }))
}

/// Checks one field: `kind` is `"resident_id"`, `"domain"` or `"homepage"`
/// (which needs `context.domains`).
///
/// Returns `{ ok, findings, normalized }`: `ok` when no finding is an
/// error, `normalized` the canonical value or the mechanical fix.
#[wasm_bindgen(js_name = checkField, unchecked_return_type = "FieldResult")]
pub fn check_field(
    #[wasm_bindgen(unchecked_param_type = "FieldKind")] kind: JsValue,
    value: &str,
    #[wasm_bindgen(unchecked_param_type = "FieldContext | undefined")] context: JsValue,
) -> Result<JsValue, JsValue> {
    let kind: FieldKind = kind
        .as_string()
        .ok_or_else(|| error("EINVAL", "kind must be a string"))?
        .parse()
        .map_err(|e: beian_rules::UnknownFieldKind| error("EINVAL", &e.to_string()))?;
    let mut context: FieldContext = if context.is_undefined() || context.is_null() {
        FieldContext::default()
    } else {
        serde_wasm_bindgen::from_value(context)
            .map_err(|e| error("EINVAL", &format!("bad context: {e}")))?
    };
    if context.today.is_none() {
        context.today = today();
    }
    to_js(&beian_rules::check_field(kind, value, &context))
}

/// The version of the embedded Public Suffix List.
#[wasm_bindgen(js_name = pslVersion)]
pub fn psl_version() -> String {
    beian_rules::psl::VERSION.to_string()
}
