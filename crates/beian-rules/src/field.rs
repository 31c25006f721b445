//! Checking one field on its own, as a form does while the user types.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::division::Level;
use crate::domain::Domain;
use crate::finding::{Finding, Severity};
use crate::identifier::{Context, Identifier, IdentifierKind, NumberKind};
use crate::model::SubjectType;
use crate::{
    account, completeness, division, email, homepage, ip, phone, text_safety, travel_permit,
    website_name,
};

/// The kinds of field that can be checked on their own: the identifiers of
/// the registry ([`IdentifierKind`], named by their ids) and the fields
/// that are no identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// An identifier (resident ID, unified social credit code, domain …),
    /// named by its id.
    Identifier(IdentifierKind),
    /// Either travel permit, checked as the one the value looks like
    /// (`hk_mo_tw_permit`; deprecated: `hk_macau_travel_permit` and
    /// `taiwan_travel_permit` check one each). Not in [`FieldKind::ALL`].
    EitherTravelPermit,
    /// A homepage URL, checked against the context's domains (1041).
    Homepage,
    /// A GB/T 2260 division code (province, city or county by its form) (1019).
    Division,
    /// A website name (002 #54); the subject type comes from [`FieldExtra`].
    WebsiteName,
    /// A mainland mobile number.
    Mobile,
    /// A landline number with area code.
    Landline,
    /// An e-mail address.
    Email,
    /// One server IP address (public IPv4 or IPv6).
    Ip,
    /// A password of the filing system (000 #44); the user name comes from
    /// [`FieldExtra`]. The value is never echoed back.
    Password,
    /// A user name of the filing system (001 其它 #18).
    Username,
}

/// The kinds that are no identifier, in a stable order.
const OTHER_KINDS: [FieldKind; 9] = [
    FieldKind::Homepage,
    FieldKind::Division,
    FieldKind::WebsiteName,
    FieldKind::Mobile,
    FieldKind::Landline,
    FieldKind::Email,
    FieldKind::Ip,
    FieldKind::Password,
    FieldKind::Username,
];

/// The deprecated name of [`FieldKind::EitherTravelPermit`].
const EITHER_TRAVEL_PERMIT: &str = "hk_mo_tw_permit";

impl FieldKind {
    /// Every kind, in a stable order: the identifiers of the registry, then
    /// the other fields.
    pub const ALL: [FieldKind; IdentifierKind::ALL.len() + OTHER_KINDS.len()] = {
        let mut all = [FieldKind::Homepage; IdentifierKind::ALL.len() + OTHER_KINDS.len()];
        let mut i = 0;
        while i < IdentifierKind::ALL.len() {
            all[i] = FieldKind::Identifier(IdentifierKind::ALL[i]);
            i += 1;
        }
        let mut j = 0;
        while j < OTHER_KINDS.len() {
            all[i + j] = OTHER_KINDS[j];
            j += 1;
        }
        all
    };

    /// Names of kinds still read but no longer used (the identifiers'
    /// [`IdentifierKind::ALIASES`] and `hk_mo_tw_permit`).
    pub fn deprecated_names() -> impl Iterator<Item = &'static str> {
        IdentifierKind::ALIASES
            .iter()
            .map(|(name, _)| *name)
            .chain([EITHER_TRAVEL_PERMIT])
    }

    /// The name used in JSON and on the command line, e.g. `resident_id`.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Identifier(identifier) => identifier.id(),
            FieldKind::EitherTravelPermit => EITHER_TRAVEL_PERMIT,
            FieldKind::Homepage => "homepage",
            FieldKind::Division => "division",
            FieldKind::WebsiteName => "website_name",
            FieldKind::Mobile => "mobile",
            FieldKind::Landline => "landline",
            FieldKind::Email => "email",
            FieldKind::Ip => "ip",
            FieldKind::Password => "password",
            FieldKind::Username => "username",
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
    /// A kind's name, or a deprecated one.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(kind) = FieldKind::ALL.into_iter().find(|k| k.name() == s) {
            return Ok(kind);
        }
        if s == EITHER_TRAVEL_PERMIT {
            return Ok(FieldKind::EitherTravelPermit);
        }
        s.parse::<IdentifierKind>()
            .map(FieldKind::Identifier)
            .map_err(|_| UnknownFieldKind(s.to_string()))
    }
}

impl Serialize for FieldKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for FieldKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// What a field check may need besides the value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, beian_derive::FromJson)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldContext {
    /// The website's listed domains (for `homepage`).
    #[beian(max = crate::limits::DOMAINS)]
    pub domains: Vec<String>,
    /// Today's date (`YYYY-MM-DD`), for "not in the future" checks.
    #[cfg_attr(feature = "ts", tsify(type = "string | null", optional))]
    pub today: Option<Date>,
    /// Path to put in the findings (empty by default).
    pub path: String,
}

/// Context some field kinds need besides [`FieldContext`]: kept apart so
/// that code building a `FieldContext` field by field keeps compiling.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldExtra {
    /// The account's user name (for `password`).
    pub username: String,
    /// The subject's type (for `website_name`).
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub subject_type: Option<SubjectType>,
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
/// use beian_rules::{check_field, FieldContext, FieldKind, IdentifierKind};
/// let r = check_field(FieldKind::Identifier(IdentifierKind::ResidentId), "11010519491231002x", &FieldContext::default());
/// assert!(!r.ok);
/// assert_eq!(r.normalized.as_deref(), Some("11010519491231002X"));
/// let r = check_field(FieldKind::Identifier(IdentifierKind::Domain), "www.example.com", &FieldContext::default());
/// assert_eq!(r.normalized.as_deref(), Some("example.com"));
/// ```
pub fn check_field(kind: FieldKind, value: &str, context: &FieldContext) -> FieldResult {
    check_field_with(kind, value, context, &FieldExtra::default())
}

/// Checks one field value with the extra context of [`FieldExtra`] (the
/// user name for `password`, the subject type for `website_name`).
///
/// ```
/// use beian_rules::{check_field_with, FieldContext, FieldExtra, FieldKind, SubjectType};
/// let extra = FieldExtra { username: "zhangsan1".into(), ..FieldExtra::default() };
/// let r = check_field_with(FieldKind::Password, "zhangsan1", &FieldContext::default(), &extra);
/// assert_eq!(r.findings[0].rule, "account.password_same_as_username");
/// assert_eq!(r.normalized, None);
/// let extra = FieldExtra { subject_type: Some(SubjectType::Individual), ..FieldExtra::default() };
/// let r = check_field_with(FieldKind::WebsiteName, "某某企业网", &FieldContext::default(), &extra);
/// assert!(!r.ok);
/// ```
pub fn check_field_with(
    kind: FieldKind,
    value: &str,
    context: &FieldContext,
    extra: &FieldExtra,
) -> FieldResult {
    let path = context.path.as_str();
    let (findings, canonical) = match kind {
        FieldKind::Identifier(IdentifierKind::Domain) => domain_field(value, path),
        FieldKind::Identifier(identifier) => match NumberKind::new(identifier) {
            Some(number) => number_field(number, value, path, context),
            None => domain_field(value, path),
        },
        FieldKind::EitherTravelPermit => either_travel_permit_field(value, path),
        FieldKind::Homepage => homepage_field(value, context),
        FieldKind::Division => division_field(value, path),
        FieldKind::WebsiteName => {
            let name_context = website_name::NameContext {
                subject_type: extra.subject_type,
                ..website_name::NameContext::default()
            };
            let mut findings = website_name::findings_with(value, path, &name_context);
            // What the whole-filing check adds for the same value at its
            // place: the length and character limits of its text fields.
            findings.extend(completeness::text_findings(
                value,
                completeness::WEBSITE_NAME,
                path,
            ));
            (
                findings,
                website_name::validate(value, &name_context)
                    .ok()
                    .map(str::to_string),
            )
        }
        FieldKind::Mobile => (
            phone::mobile_findings(value, path),
            phone::format_mobile(value),
        ),
        FieldKind::Landline => (
            phone::landline_findings(value, path),
            phone::format_landline(value),
        ),
        FieldKind::Email => (email::findings(value, path), email::format(value)),
        FieldKind::Ip => (ip::findings(value, path), ip::format(value)),
        FieldKind::Password => (
            account::password_findings(value, &extra.username, path),
            None,
        ),
        FieldKind::Username => (
            account::username_findings(value, path),
            account::validate_username(value).ok().map(str::to_string),
        ),
    };
    finish(kind, value, path, findings, canonical)
}

/// [`check_field`] of the kinds of the document and filing numbers and the
/// divisions (every identifier but the domain, `hk_mo_tw_permit`,
/// `division`), `None` for the other kinds: the same answers, without
/// linking the other fields' rules (the npm entry `beian/id`).
///
/// ```
/// use beian_rules::{check_number_field, FieldContext, FieldKind, IdentifierKind};
/// let kind = FieldKind::Identifier(IdentifierKind::ResidentId);
/// let r = check_number_field(kind, "11010519491231002x", &FieldContext::default()).unwrap();
/// assert_eq!(r.normalized.as_deref(), Some("11010519491231002X"));
/// assert_eq!(check_number_field(FieldKind::Homepage, "http://a.cn", &FieldContext::default()), None);
/// ```
pub fn check_number_field(
    kind: FieldKind,
    value: &str,
    context: &FieldContext,
) -> Option<FieldResult> {
    let path = context.path.as_str();
    let (findings, canonical) = match kind {
        FieldKind::Identifier(identifier) => {
            number_field(NumberKind::new(identifier)?, value, path, context)
        }
        FieldKind::EitherTravelPermit => either_travel_permit_field(value, path),
        FieldKind::Division => division_field(value, path),
        _ => return None,
    };
    Some(finish(kind, value, path, findings, canonical))
}

/// [`check_field`] of the domain's kinds (`domain`, `homepage`), `None` for
/// the other kinds: the same answers, without linking the other fields'
/// rules (the npm entry `beian/domain`).
///
/// ```
/// use beian_rules::{check_domain_field, FieldContext, FieldKind, IdentifierKind};
/// let kind = FieldKind::Identifier(IdentifierKind::Domain);
/// let r = check_domain_field(kind, "www.example.com", &FieldContext::default()).unwrap();
/// assert_eq!(r.normalized.as_deref(), Some("example.com"));
/// assert_eq!(check_domain_field(FieldKind::Division, "110000", &FieldContext::default()), None);
/// ```
pub fn check_domain_field(
    kind: FieldKind,
    value: &str,
    context: &FieldContext,
) -> Option<FieldResult> {
    let path = context.path.as_str();
    let (findings, canonical) = match kind {
        FieldKind::Identifier(IdentifierKind::Domain) => domain_field(value, path),
        FieldKind::Homepage => homepage_field(value, context),
        _ => return None,
    };
    Some(finish(kind, value, path, findings, canonical))
}

/// The domain identifier's findings, with the warnings of text_safety on
/// the Unicode form of an IDN (as the whole-filing check).
///
/// The domain's [`Identifier`] methods, not [`IdentifierKind`]'s, whose
/// match over every identifier would link the numbers' code into a build
/// that checks only domains (the npm entry `beian/domain`).
fn domain_field(value: &str, path: &str) -> (Vec<Finding>, Option<String>) {
    let context = Context::default();
    let mut findings = Domain::findings(value, path, context);
    let valid = Domain::validate(value, context).ok();
    if let Some(d) = valid.as_ref().filter(|d| d.ascii().contains("xn--")) {
        findings.extend(text_safety::domain_findings(&d.unicode(), path));
    }
    (findings, valid.map(|d| Domain::canonical(&d)))
}

/// Either travel permit's format; findings of the one the value looks like.
fn either_travel_permit_field(value: &str, path: &str) -> (Vec<Finding>, Option<String>) {
    let permit = if travel_permit::compact(value).starts_with(['H', 'M']) {
        IdentifierKind::HkMacauTravelPermit
    } else {
        IdentifierKind::TaiwanTravelPermit
    };
    // A number: its methods without the domain's code (`beian/id`).
    let Some(permit) = NumberKind::new(permit) else {
        return (Vec::new(), None);
    };
    (
        permit.findings(value, path, Context::default()),
        permit.canonical(value, Context::default()),
    )
}

/// The homepage's findings, with the length and character limits of the
/// filing's text field.
fn homepage_field(value: &str, context: &FieldContext) -> (Vec<Finding>, Option<String>) {
    let path = context.path.as_str();
    let mut findings = homepage::findings(value, &context.domains, path);
    findings.extend(completeness::text_findings(
        value,
        completeness::DOMAIN_OR_URL,
        path,
    ));
    (
        findings,
        homepage::validate(value, &context.domains)
            .ok()
            .map(|_| homepage::canonical(value)),
    )
}

/// The warnings of text_safety (but never on a password, which is not
/// echoed back), `ok`, and the normalized value.
fn finish(
    kind: FieldKind,
    value: &str,
    path: &str,
    mut findings: Vec<Finding>,
    canonical: Option<String>,
) -> FieldResult {
    if kind != FieldKind::Password {
        findings.extend(text_safety::findings(value, path));
    }
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

/// A document or filing number's findings and canonical form.
fn number_field(
    number: NumberKind,
    value: &str,
    path: &str,
    context: &FieldContext,
) -> (Vec<Finding>, Option<String>) {
    let context = Context {
        today: context.today,
    };
    (
        number.findings(value, path, context),
        number.canonical(value, context),
    )
}

/// A division code on its own: its level follows from its form (`xx0000`
/// province, `xxxx00` city, else county). One code, so none of the checks
/// of one code in another ([`division::findings`]): the same findings.
fn division_field(value: &str, path: &str) -> (Vec<Finding>, Option<String>) {
    let code = value.trim();
    let level = if code.len() == 6 && code.ends_with("0000") {
        Level::Province
    } else if code.len() == 6 && code.ends_with("00") {
        Level::City
    } else {
        Level::County
    };
    let mut findings = division::code_findings(code, level, path);
    if code.is_empty() {
        findings.push(Finding::new(
            "division.required",
            Some("5001"),
            path,
            Severity::Error,
            crate::Message::new("请选择行政区划。", "Choose a division."),
        ));
    }
    let canonical = findings.is_empty().then(|| code.to_string());
    (findings, canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_narrow_checks_answer_as_check_field() {
        let context = FieldContext {
            domains: vec!["example.com".into(), "例子.中国".into()],
            today: Date::new(2026, 12, 5),
            path: "/p".into(),
        };
        let values = [
            "",
            "11010519491231002x",
            "11010519491231002X",
            "110105194912310021",
            "9144030071526726XG",
            "71526726-X",
            "H1234567890",
            "京ICP备09051301号-1",
            "110000",
            "110105",
            "www.example.com",
            "xn--fsqu00a.xn--fiqs8s",
            "http://www.例子.中国/a",
            "https://other.cn",
            "а.com",
        ];
        for kind in FieldKind::ALL {
            let number = matches!(kind, FieldKind::EitherTravelPermit | FieldKind::Division)
                || matches!(kind, FieldKind::Identifier(k) if k != IdentifierKind::Domain);
            let domain = matches!(
                kind,
                FieldKind::Homepage | FieldKind::Identifier(IdentifierKind::Domain)
            );
            for value in values {
                let all = check_field(kind, value, &context);
                let n = check_number_field(kind, value, &context);
                let d = check_domain_field(kind, value, &context);
                assert_eq!(n.as_ref(), number.then_some(&all), "{kind} {value:?}");
                assert_eq!(d.as_ref(), domain.then_some(&all), "{kind} {value:?}");
            }
        }
    }

    #[test]
    fn all_kinds_listed_and_named_as_in_json() {
        // serde's name and `name()` agree, and parse back.
        for kind in FieldKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.name()));
            assert_eq!(kind.name().parse::<FieldKind>(), Ok(kind));
            assert_eq!(serde_json::from_str::<FieldKind>(&json).unwrap(), kind);
        }
        // Every variant is in ALL but the deprecated one: this match fails
        // to compile when one is added, and the count below fails when ALL
        // misses it.
        let count = |k: FieldKind| match k {
            FieldKind::Identifier(_) => 1,
            FieldKind::EitherTravelPermit => 100,
            FieldKind::Homepage
            | FieldKind::Division
            | FieldKind::WebsiteName
            | FieldKind::Mobile
            | FieldKind::Landline
            | FieldKind::Email
            | FieldKind::Ip
            | FieldKind::Password
            | FieldKind::Username => 1,
        };
        let n = IdentifierKind::ALL.len() + 9;
        assert_eq!(FieldKind::ALL.iter().map(|k| count(*k)).sum::<usize>(), n);
        let unique: std::collections::HashSet<_> = FieldKind::ALL.iter().collect();
        assert_eq!(unique.len(), n);
    }

    #[test]
    fn deprecated_kind_names_still_work() {
        let ctx = FieldContext::default();
        for (old, new) in [
            ("uscc", "unified_social_credit_code"),
            ("org_code", "organisation_code"),
            ("business_licence", "business_registration_number"),
            ("residence_permit", "hk_macau_taiwan_residence_permit"),
            (
                "foreign_permanent_residence",
                "foreign_permanent_residence_id",
            ),
        ] {
            let kind: FieldKind = old.parse().unwrap();
            assert_eq!(kind.name(), new);
        }
        for name in FieldKind::deprecated_names() {
            let kind: FieldKind = name.parse().unwrap();
            assert!(!FieldKind::ALL.iter().any(|k| k.name() == name), "{name}");
            let _ = check_field(kind, "x", &ctx);
        }
        let e = "uscc_code".parse::<FieldKind>().unwrap_err().to_string();
        assert!(
            e.contains("unknown field kind \"uscc_code\"")
                && e.contains("unified_social_credit_code"),
            "{e}"
        );
        // Either permit, by its form.
        let r = check_field(FieldKind::EitherTravelPermit, "12345678", &ctx);
        assert_eq!(r.normalized.as_deref(), Some("12345678"));
    }

    #[test]
    fn identifier_kinds_normalize() {
        let ctx = FieldContext::default();
        let r = check_field(
            FieldKind::Identifier(IdentifierKind::UnifiedSocialCreditCode),
            "9144030071526726xg",
            &ctx,
        );
        assert_eq!(r.normalized.as_deref(), Some("9144030071526726XG"));
        let r = check_field(FieldKind::Division, "110104", &ctx);
        assert_eq!((r.ok, r.normalized.as_deref()), (false, Some("110102")));
        let r = check_field(FieldKind::EitherTravelPermit, "h12345678", &ctx);
        assert_eq!(r.normalized.as_deref(), Some("H12345678"));
        let r = check_field(
            FieldKind::Identifier(IdentifierKind::OrganisationCode),
            "71526726-X",
            &ctx,
        );
        assert_eq!((r.ok, r.normalized.as_deref()), (true, Some("71526726-X")));
    }

    #[test]
    fn contact_and_number_kinds_normalize() {
        let ctx = FieldContext::default();
        for (kind, input, ok, normalized) in [
            (
                FieldKind::WebsiteName,
                " 张三的读书笔记 ",
                true,
                Some("张三的读书笔记"),
            ),
            (FieldKind::WebsiteName, "abc", false, None),
            (
                FieldKind::Mobile,
                "138 0013 8000",
                false,
                Some("13800138000"),
            ),
            (FieldKind::Mobile, "13800138000", true, Some("13800138000")),
            (
                FieldKind::Landline,
                "(0571)87654321",
                false,
                Some("0571-87654321"),
            ),
            (
                FieldKind::Email,
                "zs＠example.com",
                false,
                Some("zs@example.com"),
            ),
            (FieldKind::Ip, "240E::1", true, Some("240e::1")),
            (FieldKind::Ip, "10.0.0.1", false, None),
            (
                FieldKind::Identifier(IdentifierKind::FilingNumber),
                "京ICP备09051301号-1",
                true,
                Some("京ICP备09051301号-1"),
            ),
            (
                FieldKind::Identifier(IdentifierKind::FilingNumber),
                "京ICP备09051301",
                false,
                Some("京ICP备09051301号"),
            ),
            (FieldKind::Password, "123456", false, None),
            (FieldKind::Password, "s3cret!", true, None),
            (FieldKind::Username, "张三_01", true, Some("张三_01")),
        ] {
            let r = check_field(kind, input, &ctx);
            assert_eq!(
                (r.ok, r.normalized.as_deref()),
                (ok, normalized),
                "{kind} {input}"
            );
        }
    }

    #[test]
    fn field_extra_reads_camel_case_json() {
        let extra: FieldExtra =
            serde_json::from_str(r#"{"username": "zs", "subjectType": "enterprise"}"#).unwrap();
        assert_eq!(extra.subject_type, Some(SubjectType::Enterprise));
        assert!(serde_json::from_str::<FieldExtra>(r#"{"user": "zs"}"#).is_err());
    }
}

#[cfg(test)]
mod agreement {
    use super::*;
    use crate::model::{Access, Filing, Website};

    /// Puts a value where a field kind goes in a filing; its path.
    type Place = fn(&mut Filing, &str) -> &'static str;

    /// A field checked on its own gives what the whole-filing check gives
    /// at the field's place (a 300-character website name is too long in
    /// both; issue 16). Empty values differ on purpose: a field reports
    /// "required" as it is typed, the filing on submission.
    #[test]
    fn a_field_on_its_own_and_in_the_filing_agree() {
        let long = "网".repeat(300);
        let very_long = "a".repeat(3000);
        let values = [
            "11010519491231002X",
            "11010519491231002x",
            " 11010519491231002X ",
            "abc",
            "a\tb",
            "a\u{202E}b",
            "example.com",
            "www.example.com",
            "xn--80ak6aa92e.com",
            "pаypal.com",
            "http://www.example.com/",
            "http://www.example.com/\u{202E}",
            "13800138000",
            "0571-87654321",
            "zs@example.com",
            "203.119.80.1",
            "10.0.0.1",
            "京ICP备09051301号",
            "张三的读书笔记",
            long.as_str(),
            very_long.as_str(),
        ];
        let kinds: [(FieldKind, Place); 9] = [
            (FieldKind::Identifier(IdentifierKind::ResidentId), |f, v| {
                f.websites[0].responsible_person.document_number = v.into();
                "/websites/0/responsiblePerson/documentNumber"
            }),
            (FieldKind::Identifier(IdentifierKind::Domain), |f, v| {
                f.websites[0].domains = vec![v.into()];
                "/websites/0/domains/0"
            }),
            (FieldKind::Homepage, |f, v| {
                f.websites[0].homepage = v.into();
                "/websites/0/homepage"
            }),
            (FieldKind::WebsiteName, |f, v| {
                f.websites[0].name = v.into();
                "/websites/0/name"
            }),
            (FieldKind::Mobile, |f, v| {
                f.websites[0].responsible_person.mobile = v.into();
                "/websites/0/responsiblePerson/mobile"
            }),
            (FieldKind::Landline, |f, v| {
                f.websites[0].responsible_person.phone = v.into();
                "/websites/0/responsiblePerson/phone"
            }),
            (FieldKind::Email, |f, v| {
                f.websites[0].responsible_person.email = v.into();
                "/websites/0/responsiblePerson/email"
            }),
            (FieldKind::Ip, |f, v| {
                f.websites[0].access = vec![Access {
                    ips: vec![v.into()],
                    ..Access::default()
                }];
                "/websites/0/access/0/ips/0"
            }),
            (
                FieldKind::Identifier(IdentifierKind::FilingNumber),
                |f, v| {
                    f.subject.filing_number = v.into();
                    "/subject/filingNumber"
                },
            ),
        ];
        let extra = FieldExtra {
            subject_type: Some(SubjectType::Individual),
            ..FieldExtra::default()
        };
        for (kind, place) in kinds {
            for v in values {
                let mut filing = Filing {
                    websites: vec![Website {
                        domains: vec!["example.com".into()],
                        homepage: "www.example.com".into(),
                        ..Website::default()
                    }],
                    ..Filing::default()
                };
                let path = place(&mut filing, v);
                let ctx = FieldContext {
                    domains: vec!["example.com".into()],
                    path: path.into(),
                    ..FieldContext::default()
                };
                let rules = |found: Vec<Finding>| {
                    let mut r: Vec<(String, Severity)> = found
                        .into_iter()
                        .filter(|f| f.path == path)
                        .map(|f| (f.rule, f.severity))
                        .collect();
                    r.sort();
                    r
                };
                assert_eq!(
                    rules(check_field_with(kind, v, &ctx, &extra).findings),
                    rules(crate::check(&filing)),
                    "{kind} {v:?}"
                );
            }
        }
    }

    #[test]
    fn a_long_website_name_is_too_long_on_its_own() {
        let r = check_field(
            FieldKind::WebsiteName,
            &"网".repeat(300),
            &FieldContext::default(),
        );
        assert!(!r.ok);
        assert_eq!(r.findings[0].rule, "text.too_long");
        assert_eq!(r.normalized, None);
    }

    #[test]
    fn look_alike_domains_and_direction_controls_warn() {
        let ctx = FieldContext::default();
        let r = check_field(
            FieldKind::Identifier(IdentifierKind::Domain),
            "xn--80ak6aa92e.com",
            &ctx,
        );
        assert!(r.ok);
        assert_eq!(r.findings[0].rule, "domain.confusable");
        assert_eq!(r.normalized.as_deref(), Some("xn--80ak6aa92e.com"));
        let r = check_field(FieldKind::Username, "zhang\u{202E}san", &ctx);
        assert!(r.findings.iter().any(|f| f.rule == "text.bidi_control"));
        let r = check_field(FieldKind::Password, "pass\u{202E}word1", &ctx);
        assert!(r.findings.iter().all(|f| f.rule != "text.bidi_control"));
    }
}
