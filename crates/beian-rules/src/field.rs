//! Checking one field on its own, as a form does while the user types.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::finding::{Finding, Severity};
use crate::{domain, homepage, resident_id};

/// The kinds of field that can be checked on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Mainland resident ID number (1015).
    ResidentId,
    /// A listed domain (1004).
    Domain,
    /// A homepage URL, checked against the context's domains (1041).
    Homepage,
}

impl FieldKind {
    /// Every kind, in a stable order.
    pub const ALL: [FieldKind; 3] = [
        FieldKind::ResidentId,
        FieldKind::Domain,
        FieldKind::Homepage,
    ];

    /// The name used in JSON and on the command line, e.g. `resident_id`.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::ResidentId => "resident_id",
            FieldKind::Domain => "domain",
            FieldKind::Homepage => "homepage",
        }
    }
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown field kind name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFieldKind(pub String);

impl fmt::Display for UnknownFieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = FieldKind::ALL.iter().map(|k| k.name()).collect();
        write!(
            f,
            "unknown field kind {:?}; known kinds: {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownFieldKind {}

impl FromStr for FieldKind {
    type Err = UnknownFieldKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FieldKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownFieldKind(s.to_string()))
    }
}

/// What a field check may need besides the value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldContext {
    /// The website's listed domains (for `homepage`).
    pub domains: Vec<String>,
    /// Today's date (`YYYY-MM-DD`), for "not in the future" checks.
    #[cfg_attr(feature = "ts", tsify(type = "string | null", optional))]
    pub today: Option<Date>,
    /// Path to put in the findings (empty by default).
    pub path: String,
}

/// The result of checking one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct FieldResult {
    /// True when no finding is an error (warnings allowed).
    pub ok: bool,
    /// What was found.
    pub findings: Vec<Finding>,
    /// The canonical form of a valid value, or the mechanical fix of an
    /// invalid one, else `None`.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub normalized: Option<String>,
}

/// Checks one field value.
///
/// ```
/// use beian_rules::{check_field, FieldContext, FieldKind};
/// let r = check_field(FieldKind::ResidentId, "11010519491231002x", &FieldContext::default());
/// assert!(!r.ok);
/// assert_eq!(r.normalized.as_deref(), Some("11010519491231002X"));
/// let r = check_field(FieldKind::Domain, "www.example.com", &FieldContext::default());
/// assert_eq!(r.normalized.as_deref(), Some("example.com"));
/// ```
pub fn check_field(kind: FieldKind, value: &str, context: &FieldContext) -> FieldResult {
    let path = context.path.as_str();
    let (findings, canonical) = match kind {
        FieldKind::ResidentId => (
            resident_id::findings(value, path, context.today),
            resident_id::validate(value, context.today)
                .ok()
                .map(|id| id.as_str().to_string()),
        ),
        FieldKind::Domain => (
            domain::findings(value, path),
            domain::validate(value).ok().map(|d| d.ascii().to_string()),
        ),
        FieldKind::Homepage => (
            homepage::findings(value, &context.domains, path),
            homepage::validate(value, &context.domains)
                .ok()
                .map(|_| homepage::canonical(value)),
        ),
    };
    let ok = !findings.iter().any(|f| f.severity == Severity::Error);
    let normalized = if ok {
        canonical
    } else {
        findings
            .iter()
            .filter(|f| f.is_error())
            .find_map(|f| f.suggestion.clone())
    };
    FieldResult {
        ok,
        findings,
        normalized,
    }
}
