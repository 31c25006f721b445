//! The identifiers' functions: `compact`, `isValid`, `validate` and
//! `format` of each identifier of the registry
//! ([`beian_rules::IdentifierKind`]).
//!
//! The wasm exports take the identifier as a number (its index in
//! `IdentifierKind::ALL`); `pkg/identifiers.js`, generated from the same
//! registry, builds one object per identifier from them
//! (`residentId.isValid(s)` …), so that `isValid` costs one call with a
//! string and a number in and a boolean out.

#[cfg(any(feature = "rules", feature = "id"))]
use beian_rules::filing_number::{self, Kind};
use beian_rules::identifier::Context;
#[cfg(any(feature = "rules", feature = "id"))]
use beian_rules::{residence_permit, resident_id, uscc};
use beian_rules::{Finding, IdentifierKind, Message, Severity};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{error, to_js};

// The identifiers' and field kinds' names (`IdentifierName`, `FieldKind` …),
// generated from the registry by a test of beian-rules.
#[wasm_bindgen(typescript_custom_section)]
const KINDS_TS: &str = include_str!("kinds.d.ts");

/// Where a residence permit holder comes from.
#[derive(Debug, Clone, Copy, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
// The domain's build never makes one; its `Valid` type declares them.
#[cfg_attr(not(any(feature = "rules", feature = "id")), allow(dead_code))]
pub enum Origin {
    /// 810000
    HongKong,
    /// 820000
    Macau,
    /// 830000
    Taiwan,
}

/// Sex, from the sequence number of a resident ID or residence permit.
#[derive(Debug, Clone, Copy, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
// The domain's build never makes one; its `Valid` type declares them.
#[cfg_attr(not(any(feature = "rules", feature = "id")), allow(dead_code))]
pub enum Sex {
    /// Odd sequence number.
    Male,
    /// Even sequence number.
    Female,
}

/// The kind of a filing or licence number.
#[derive(Debug, Clone, Copy, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
// The domain's build never makes one; its `Valid` type declares them.
#[cfg_attr(not(any(feature = "rules", feature = "id")), allow(dead_code))]
pub enum FilingNumberKind {
    /// 备案号, `京ICP备09051301号`.
    Filing,
    /// The older licence number, `京ICP证030173号`.
    IcpLicence,
    /// Commercial licence, `浙B2-20040180`.
    Commercial,
}

/// A valid number: its canonical form and what it says.
#[derive(Debug, Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Valid {
    /// Always `true`.
    #[tsify(type = "true")]
    pub ok: bool,
    /// The canonical form: what `format` returns (for a domain: punycode).
    pub value: String,
    /// Resident ID, residence permit: the birth date `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub birth_date: Option<String>,
    /// Resident ID, residence permit: the holder's sex.
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub sex: Option<Sex>,
    /// Resident ID: the six-digit division code of issue; USCC: the
    /// registering authority's division code.
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub region: Option<String>,
    /// Residence permit: where the holder comes from.
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub origin: Option<Origin>,
    /// USCC: the embedded organisation code (9 characters).
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub organisation_code: Option<String>,
    /// Filing number: which kind.
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub filing_kind: Option<FilingNumberKind>,
    /// Filing number: the provincial bureau's short name (`北京`); its
    /// division code is `region`.
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub province: Option<String>,
    /// Filing number: the website's index after `号-`.
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub site: Option<u32>,
    /// Filing number: the subject's number (without the website index).
    #[serde(skip_serializing_if = "no_detail")]
    #[tsify(optional)]
    pub subject_number: Option<String>,
}

/// Whether `validate` leaves a detail of [`Valid`] out of its answer: when
/// the value has none.
#[cfg(any(feature = "rules", feature = "id"))]
fn no_detail<T>(detail: &Option<T>) -> bool {
    detail.is_none()
}

/// Whether `validate` leaves a detail of [`Valid`] out of its answer:
/// always in the domain's build, which checks no number and so sets no
/// detail, so that it links no serialiser of them (the same answers).
#[cfg(not(any(feature = "rules", feature = "id")))]
fn no_detail<T>(_: &Option<T>) -> bool {
    true
}

/// An invalid number: the finding that says why (its `path` is empty).
#[derive(Debug, Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Invalid {
    /// Always `false`.
    #[tsify(type = "false")]
    pub ok: bool,
    /// The rule, MIIT code, bilingual message and, where mechanical, the fix.
    pub error: Finding,
}

/// What `validate` returns: `ok` tells which.
#[derive(Debug, Serialize, tsify::Tsify)]
#[serde(untagged)]
pub enum Validation {
    /// A valid number.
    Valid(Valid),
    /// An invalid number.
    Invalid(Invalid),
}

/// An identifier this build checks: any in the rules' build, else the
/// numbers (`id`) or the domain (`domain`), so that a build links only its
/// family's code.
#[derive(Debug, Clone, Copy)]
enum Known {
    /// Any identifier (`rules`).
    #[cfg(feature = "rules")]
    Any(IdentifierKind),
    /// A document or filing number (`id`).
    #[cfg(all(feature = "id", not(feature = "rules")))]
    Number(beian_rules::NumberKind),
    /// The domain (`domain`).
    #[cfg(all(feature = "domain", not(feature = "rules")))]
    Domain,
}

/// Runs `$body` with `$k` the identifier as a value with the methods of
/// [`IdentifierKind`] (`compact`, `is_valid`, `canonical`, `findings`).
macro_rules! with_kind {
    ($known:expr, $k:ident => $body:expr) => {
        match $known {
            #[cfg(feature = "rules")]
            Known::Any($k) => $body,
            #[cfg(all(feature = "id", not(feature = "rules")))]
            Known::Number($k) => $body,
            #[cfg(all(feature = "domain", not(feature = "rules")))]
            Known::Domain => {
                let $k = DomainOnly;
                $body
            }
        }
    };
}

/// The domain's [`Identifier`](beian_rules::Identifier) with the methods
/// of [`IdentifierKind`], for the domain's build.
#[cfg(all(feature = "domain", not(feature = "rules")))]
#[derive(Debug, Clone, Copy)]
struct DomainOnly;

#[cfg(all(feature = "domain", not(feature = "rules")))]
impl DomainOnly {
    fn compact(self, input: &str) -> String {
        <beian_rules::domain::Domain as beian_rules::Identifier>::compact(input)
    }
    fn is_valid(self, input: &str) -> bool {
        <beian_rules::domain::Domain as beian_rules::Identifier>::is_valid(input)
    }
    fn canonical(self, input: &str, context: Context) -> Option<String> {
        use beian_rules::domain::Domain;
        use beian_rules::Identifier as _;
        Domain::validate(input, context)
            .ok()
            .map(|v| Domain::canonical(&v))
    }
    fn findings(self, input: &str, path: &str, context: Context) -> Vec<Finding> {
        <beian_rules::domain::Domain as beian_rules::Identifier>::findings(input, path, context)
    }
}

impl Known {
    fn kind(self) -> IdentifierKind {
        match self {
            #[cfg(feature = "rules")]
            Known::Any(k) => k,
            #[cfg(all(feature = "id", not(feature = "rules")))]
            Known::Number(k) => k.kind(),
            #[cfg(all(feature = "domain", not(feature = "rules")))]
            Known::Domain => IdentifierKind::Domain,
        }
    }
    fn compact(self, input: &str) -> String {
        with_kind!(self, k => k.compact(input))
    }
    fn is_valid(self, input: &str) -> bool {
        with_kind!(self, k => k.is_valid(input))
    }
    fn format(self, input: &str) -> Option<String> {
        with_kind!(self, k => k.canonical(input, Context::default()))
    }
    fn findings(self, input: &str, path: &str, context: Context) -> Vec<Finding> {
        with_kind!(self, k => k.findings(input, path, context))
    }
}

/// The identifier numbered `n` (its index in `IdentifierKind::ALL`), if
/// this build checks it.
fn numbered(n: u32) -> Option<Known> {
    let kind = IdentifierKind::ALL.get(n as usize).copied()?;
    #[cfg(feature = "rules")]
    return Some(Known::Any(kind));
    #[cfg(not(feature = "rules"))]
    {
        #[cfg(feature = "domain")]
        if kind == IdentifierKind::Domain {
            return Some(Known::Domain);
        }
        #[cfg(feature = "id")]
        if let Some(number) = beian_rules::NumberKind::new(kind) {
            return Some(Known::Number(number));
        }
        None
    }
}

fn kind(n: u32) -> Result<Known, JsValue> {
    numbered(n).ok_or_else(|| error("EINVAL", "unknown identifier"))
}

/// The identifiers' JavaScript names, comma-separated, in the order of
/// their numbers.
#[wasm_bindgen(js_name = __identifierKinds, skip_typescript)]
pub fn identifier_kinds() -> String {
    // By hand: `[String]::join` would be a second `join` in the wasm.
    let mut names = String::new();
    for k in IdentifierKind::ALL {
        if !names.is_empty() {
            names.push(',');
        }
        names.push_str(&k.js_name());
    }
    names
}

/// `compact` of identifier `kind`: white space, separators and prefixes
/// removed, full-width characters mapped, upper case.
#[wasm_bindgen(js_name = __compact, skip_typescript)]
pub fn compact(kind_: u32, value: &str) -> Result<String, JsValue> {
    Ok(kind(kind_)?.compact(value))
}

/// True when `validate` would say `ok` (no date compared with today);
/// false for an identifier this build does not check.
pub fn is_valid_kind(kind: u32, value: &str) -> bool {
    numbered(kind).is_some_and(|k| k.is_valid(value))
}

/// `isValid` of identifier `kind`.
#[wasm_bindgen(js_name = __isValid, skip_typescript)]
pub fn is_valid(kind: u32, value: &str) -> bool {
    is_valid_kind(kind, value)
}

/// `format` of identifier `kind`: the canonical form, `undefined` when
/// invalid.
#[wasm_bindgen(js_name = __format, skip_typescript)]
pub fn format(kind_: u32, value: &str) -> Result<Option<String>, JsValue> {
    Ok(kind(kind_)?.format(value))
}

fn valid(value: String) -> Valid {
    Valid {
        ok: true,
        value,
        birth_date: None,
        sex: None,
        region: None,
        origin: None,
        organisation_code: None,
        filing_kind: None,
        province: None,
        site: None,
        subject_number: None,
    }
}

/// The birth date and sex of an 18-character number (resident ID,
/// residence permit) that validated.
#[cfg(any(feature = "rules", feature = "id"))]
fn birth_and_sex(n: &str) -> (Option<String>, Option<Sex>) {
    let b = n.as_bytes();
    let date = n.get(6..14).map(|d| [&d[..4], &d[4..6], &d[6..]].join("-"));
    let sex = b
        .get(16)
        .map(|d| if d % 2 == 1 { Sex::Male } else { Sex::Female });
    (date, sex)
}

/// The canonical value and details of a valid input, `None` when invalid.
fn validated(known: Known, value: &str) -> Option<Valid> {
    Some(match known.kind() {
        #[cfg(any(feature = "rules", feature = "id"))]
        IdentifierKind::ResidentId => {
            let id = resident_id::validate(value, None).ok()?;
            let (birth_date, sex) = birth_and_sex(id.as_str());
            Valid {
                birth_date,
                sex,
                region: Some(id.as_str()[..6].to_string()),
                ..valid(id.as_str().to_string())
            }
        }
        #[cfg(any(feature = "rules", feature = "id"))]
        IdentifierKind::UnifiedSocialCreditCode => {
            let code = uscc::validate(value).ok()?;
            Valid {
                region: Some(code.region().to_string()),
                organisation_code: Some(code.organisation_code().to_string()),
                ..valid(code.as_str().to_string())
            }
        }
        #[cfg(any(feature = "rules", feature = "id"))]
        IdentifierKind::HkMacauTaiwanResidencePermit => {
            let (n, origin) = residence_permit::validate(value, None).ok()?;
            let (birth_date, sex) = birth_and_sex(&n);
            Valid {
                birth_date,
                sex,
                origin: Some(match origin {
                    residence_permit::Origin::HongKong => Origin::HongKong,
                    residence_permit::Origin::Macau => Origin::Macau,
                    residence_permit::Origin::Taiwan => Origin::Taiwan,
                }),
                ..valid(n)
            }
        }
        #[cfg(any(feature = "rules", feature = "id"))]
        IdentifierKind::FilingNumber => {
            let n = filing_number::validate(value).ok()?;
            Valid {
                filing_kind: Some(match n.kind() {
                    Kind::Filing => FilingNumberKind::Filing,
                    Kind::IcpLicence => FilingNumberKind::IcpLicence,
                    Kind::Commercial => FilingNumberKind::Commercial,
                }),
                province: Some(n.province().name.to_string()),
                region: Some(n.province().code.to_string()),
                site: n.site(),
                subject_number: Some(n.subject_number()),
                ..valid(n.to_string())
            }
        }
        _ => valid(known.format(value)?),
    })
}

/// The first error finding of an invalid input.
fn first_error(kind: Known, value: &str) -> Finding {
    kind.findings(value, "", Context::default())
        .into_iter()
        .find(Finding::is_error)
        .unwrap_or_else(|| {
            Finding::new(
                "identifier.invalid",
                None,
                "",
                Severity::Error,
                Message::new("号码无效。", "The number is not valid."),
            )
        })
}

/// What `validate` of identifier `kind` returns, `None` for an identifier
/// this build does not check.
pub(crate) fn validation(kind: u32, value: &str) -> Option<Validation> {
    let kind = numbered(kind)?;
    Some(match validated(kind, value) {
        Some(v) => Validation::Valid(v),
        None => Validation::Invalid(Invalid {
            ok: false,
            error: first_error(kind, value),
        }),
    })
}

/// `validate` of identifier `kind`.
#[wasm_bindgen(js_name = __validate, skip_typescript)]
pub fn validate(kind_: u32, value: &str) -> Result<JsValue, JsValue> {
    to_js(&validation(kind_, value).ok_or_else(|| error("EINVAL", "unknown identifier"))?)
}
