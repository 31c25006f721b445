//! The rules' bindings: `checkFiling` and `checkField`.

use beian_rules::json::{self, Json};
use beian_rules::{Filing, Options};
use wasm_bindgen::prelude::*;

use super::{error, filing_from_js, json_of, parse_today, to_js};

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
 * Throws an `Error` with `code: "EINVAL"` for an unknown kind (its message
 * lists the kinds) or a bad context. The earlier kind names
 * (`DeprecatedFieldKind`: `uscc`, `business_licence` …) are still read.
 */
export function checkField(kind: FieldKind | DeprecatedFieldKind, value: string, context?: FieldContext): FieldResult;
/**
 * The HTML that shows an approved filing number at the bottom of the home
 * page, linked to the MIIT filing site (https://beian.miit.gov.cn/).
 * `"inline"` (the default) carries its own centring; `"plain"` is a
 * `<p class="icp-filing">` for the site's stylesheet.
 * Throws an `Error` with `code: "EINVAL"`, the `rule` and a `fix` (when the
 * fix is mechanical) for a number that is not a filing number.
 */
export function footerSnippet(number: string, style?: "plain" | "inline"): string;
"#;

/// The footer HTML of an approved filing number (`beian_rules::footer`).
#[wasm_bindgen(js_name = footerSnippet, skip_typescript)]
pub fn footer_snippet(number: &str, style: Option<String>) -> Result<String, JsValue> {
    use beian_rules::footer::{snippet, FooterStyle};
    use beian_rules::RuleError as _;
    let style = match style.as_deref() {
        None | Some("inline") => FooterStyle::Inline,
        Some("plain") => FooterStyle::Plain,
        Some(other) => {
            return Err(error(
                "EINVAL",
                &format!("style must be \"plain\" or \"inline\", not {other:?}"),
            ))
        }
    };
    snippet(number, style).map_err(|e| {
        let js = error("EINVAL", &e.message().en);
        let _ = js_sys::Reflect::set(&js, &"rule".into(), &e.rule().into());
        if let Some(fix) = e.suggestion() {
            let _ = js_sys::Reflect::set(&js, &"fix".into(), &fix.into());
        }
        js
    })
}

/// Options of `checkFiling`.
#[derive(Debug, Default, tsify::Tsify)]
pub struct CheckOptions {
    /// Today's date `YYYY-MM-DD`; defaults to the local date of the host.
    #[tsify(optional)]
    pub today: Option<String>,
}

/// Checks a whole filing and returns its findings, in field order; at most
/// 20 findings of one rule, then one that counts the rest (as the server's
/// answers: `beian_rules::summarise`).
///
/// Throws an `Error` with `code: "5001"` when the value is not a filing
/// (wrong types, unknown keys).
#[wasm_bindgen(js_name = checkFiling, skip_typescript)]
pub fn check_filing(filing: JsValue, options: Option<js_sys::Object>) -> Result<JsValue, JsValue> {
    let filing: Filing = filing_from_js(&filing)?;
    let options = match options {
        None => CheckOptions::default(),
        Some(options) => CheckOptions::from_js(&options)?,
    };
    let today = parse_today(options.today.as_deref())?;
    let found = beian_rules::check_with(&filing, &Options { today });
    to_js(&beian_rules::summarise(
        found,
        beian_rules::FINDINGS_PER_RULE,
    ))
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
    let (kind, context) = super::field_args(kind, context)?;
    to_js(&beian_rules::check_field(kind, value, &context))
}

impl CheckOptions {
    /// Reads `{ today?: string }` (through JSON, as the filing).
    fn from_js(options: &js_sys::Object) -> Result<CheckOptions, JsValue> {
        let bad = |message: String| error("EINVAL", &format!("bad options: {message}"));
        let value = json::parse(&json_of(options)?).map_err(|e| bad(e.to_string()))?;
        let Json::Object(entries) = value else {
            return Err(bad(format!("expected an object, found {}", value.kind().1)));
        };
        let mut options = CheckOptions::default();
        for (key, value) in entries {
            match (key.as_str(), value) {
                ("today", Json::String(s)) => options.today = Some(s),
                ("today", Json::Null) => options.today = None,
                ("today", other) => {
                    return Err(bad(format!(
                        "today: expected a string, found {}",
                        other.kind().1
                    )))
                }
                (key, _) => return Err(bad(format!("unknown field `{key}`, expected `today`"))),
            }
        }
        Ok(options)
    }
}
