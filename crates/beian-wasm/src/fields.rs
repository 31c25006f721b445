//! `checkField` of the entries `beian/id` and `beian/domain`: the kinds of
//! their family (the numbers and `division`; `domain` and `homepage`), with
//! the answers of the whole package's `checkField`
//! ([`beian_rules::check_number_field`], [`beian_rules::check_domain_field`]);
//! the other kinds are an `EINVAL` error that names the entry to use.

use beian_rules::{FieldContext, FieldKind, FieldResult};
use wasm_bindgen::prelude::*;

use super::{error, to_js};

#[cfg(feature = "id")]
#[wasm_bindgen(typescript_custom_section)]
const ID_TS: &str = r#"
/**
 * Checks one field of a document or filing number, or a division code
 * (`resident_id`, `unified_social_credit_code` … `filing_number`,
 * `hk_mo_tw_permit`, `division`), as `checkField` of `beian` does.
 * Throws an `Error` with `code: "EINVAL"` for another kind (`domain`,
 * `homepage` are in `beian/domain`, the others in `beian`) or a bad context.
 */
export function checkField(kind: FieldKind | DeprecatedFieldKind, value: string, context?: FieldContext): FieldResult;
"#;

#[cfg(all(feature = "domain", not(feature = "id")))]
#[wasm_bindgen(typescript_custom_section)]
const DOMAIN_TS: &str = r#"
/**
 * Checks a `domain` or a `homepage` (which needs `context.domains`), as
 * `checkField` of `beian` does. Throws an `Error` with `code: "EINVAL"` for
 * another kind (the numbers and `division` are in `beian/id`, the others in
 * `beian`) or a bad context.
 */
export function checkField(kind: FieldKind | DeprecatedFieldKind, value: string, context?: FieldContext): FieldResult;
"#;

/// The field check of this build's kinds, `None` for the others.
fn check(kind: FieldKind, value: &str, context: &FieldContext) -> Option<FieldResult> {
    #[cfg(feature = "id")]
    if let Some(result) = beian_rules::check_number_field(kind, value, context) {
        return Some(result);
    }
    #[cfg(feature = "domain")]
    if let Some(result) = beian_rules::check_domain_field(kind, value, context) {
        return Some(result);
    }
    None
}

/// `checkField` of this entry (see the TypeScript declaration).
#[wasm_bindgen(js_name = checkField, skip_typescript)]
pub fn check_field(
    kind: JsValue,
    value: &str,
    context: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let (kind, context) = super::field_args(kind, context)?;
    let result = check(kind, value, &context).ok_or_else(|| {
        error(
            "EINVAL",
            &format!("this entry does not check {kind}; `checkField` of `beian` checks every kind"),
        )
    })?;
    to_js(&result)
}
