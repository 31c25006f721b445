//! WebAssembly bindings of the beian rules; built into the npm package in
//! `pkg/` (see `pkg/README.md`).
//!
//! Every function takes and returns plain JavaScript values (objects in the
//! JSON shape of the Rust types, camelCase keys); the TypeScript
//! declarations of those shapes are generated from the Rust types. Bad
//! input throws an `Error` whose `code` property is `"5001"` (the MIIT code
//! for a filing that does not match the schema) or `"EINVAL"` for a bad
//! argument; no function panics.

mod domains;
mod fast;
mod flow;
mod identifiers;
use beian_rules::{Date, FieldContext, FieldKind, Filing, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use domains::{
    plain_host_valid, registrable_domain, registrable_start, to_ascii, to_unicode, CHINESE_TLDS,
};
pub use identifiers::{is_valid_kind, KINDS};

// The functions' declarations, with optional trailing parameters (the data
// types themselves are generated from the Rust types by tsify).
#[wasm_bindgen(typescript_custom_section)]
const FUNCTIONS_TS: &str = r#"
/**
 * Checks a whole filing and returns its findings, in field order.
 * Throws an `Error` with `code: "5001"` when the value is not a filing.
 */
export function checkFiling(filing: Filing, options?: CheckOptions): Finding[];
/**
 * Checks one field. `homepage` needs `context.domains`.
 * Throws an `Error` with `code: "EINVAL"` for an unknown kind or a bad context.
 */
export function checkField(kind: FieldKind, value: string, context?: FieldContext): FieldResult;
"#;

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

/// Reads a JavaScript value through JSON, so that unknown keys and wrong
/// types are reported exactly as the server reports them.
fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| "the value cannot be written as JSON".to_string())?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

/// Writes a value to JavaScript through JSON (one string crosses, parsed by
/// `JSON.parse`: smaller and faster than building the object field by field).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| error("EINTERNAL", &e.to_string()))?;
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

/// Checks a whole filing and returns its findings, in field order.
///
/// Throws an `Error` with `code: "5001"` when the value is not a filing
/// (wrong types, unknown keys).
#[wasm_bindgen(js_name = checkFiling, skip_typescript)]
pub fn check_filing(filing: JsValue, options: Option<js_sys::Object>) -> Result<JsValue, JsValue> {
    let filing: Filing =
        from_js(&filing).map_err(|e| error("5001", &format!("not a filing: {e}")))?;
    let options: CheckOptions = match options {
        None => CheckOptions::default(),
        Some(options) => {
            from_js(&options).map_err(|e| error("EINVAL", &format!("bad options: {e}")))?
        }
    };
    let today = parse_today(options.today.as_deref())?;
    to_js(&beian_rules::check_with(&filing, &Options { today }))
}

/// Checks one field: `kind` is `"resident_id"`, `"domain"` or `"homepage"`
/// (which needs `context.domains`).
///
/// Returns `{ ok, findings, normalized }`: `ok` when no finding is an
/// error, `normalized` the canonical value or the mechanical fix.
#[wasm_bindgen(js_name = checkField, skip_typescript)]
pub fn check_field(
    kind: JsValue,
    value: &str,
    context: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let kind: FieldKind = kind
        .as_string()
        .ok_or_else(|| error("EINVAL", "kind must be a string"))?
        .parse()
        .map_err(|e: beian_rules::UnknownFieldKind| error("EINVAL", &e.to_string()))?;
    let mut context: FieldContext = match context {
        None => FieldContext::default(),
        Some(context) => {
            from_js(&context).map_err(|e| error("EINVAL", &format!("bad context: {e}")))?
        }
    };
    if context.today.is_none() {
        context.today = today();
    }
    to_js(&beian_rules::check_field(kind, value, &context))
}
