//! The identifiers: one contract ([`Identifier`]) that every identifier
//! module implements, and one registry ([`IdentifierKind`]) of them, from
//! which the field kinds ([`crate::FieldKind`]), the npm package's
//! identifier objects and its TypeScript names are derived.
//!
//! Each identifier has one snake_case id, used everywhere: in
//! `checkField` and `beian field --jsonl` kinds, and as the wire name of
//! its [`DocumentType`] where it has one (`resident_id`,
//! `unified_social_credit_code` …). Its JavaScript name is the id in
//! camelCase ([`IdentifierKind::js_name`]). Earlier names are read as
//! deprecated aliases ([`IdentifierKind::ALIASES`]).
//!
//! The trait is implemented on the valid value's type where the module has
//! one ([`resident_id::ResidentId`], [`uscc::Uscc`], [`domain::Domain`],
//! [`filing_number::FilingNumber`]), else on a unit type named after the
//! identifier ([`org_code::OrganisationCode`], the two travel permits
//! [`travel_permit::HkMacauTravelPermit`] and
//! [`travel_permit::TaiwanTravelPermit`] …).
//!
//! ```
//! use beian_rules::identifier::{Context, Identifier, IdentifierKind};
//! use beian_rules::resident_id::ResidentId;
//! assert_eq!(ResidentId::compact(" 11010519491231002x "), "11010519491231002X");
//! assert_eq!(ResidentId::format("11010519491231002x").as_deref(), Some("11010519491231002X"));
//! let kind: IdentifierKind = "business_licence".parse().unwrap();
//! assert_eq!(kind, IdentifierKind::BusinessRegistrationNumber);
//! assert_eq!(kind.js_name(), "businessRegistrationNumber");
//! let uscc: IdentifierKind = "uscc".parse().unwrap();
//! assert_eq!(uscc.id(), "unified_social_credit_code");
//! assert_eq!(uscc.format(" 9144 0300 7152 6726 xg ").as_deref(), Some("9144030071526726XG"));
//! assert_eq!(uscc.findings("9144030071526726XA", "/p", Context::default())[0].rule, "uscc.checksum");
//! ```

use std::fmt;
use std::str::FromStr;

use crate::date::Date;
use crate::finding::{Finding, RuleError};
use crate::model::DocumentType;
use crate::{
    business_registration, domain, filing_number, foreign_permanent_residence, org_code, passport,
    residence_permit, resident_id, travel_permit, uscc,
};

/// What an identifier's check may need besides the value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// Today's date: a birth date after it is an error (resident ID,
    /// residence permit). `None`: not compared.
    pub today: Option<Date>,
}

/// The contract of an identifier module: clean-up, validation, canonical
/// form and findings, total on every input.
pub trait Identifier {
    /// A valid value and what it says.
    type Valid;
    /// Why a value is not valid; its rule id, MIIT code and message.
    type Error: RuleError;

    /// The clean-up every check starts with: white space, separators and
    /// known prefixes removed, full-width characters mapped, upper case
    /// (`text::clean`; a domain is only trimmed, see [`domain::compact`]).
    /// Idempotent.
    fn compact(input: &str) -> String;

    /// Validates the value after [`Identifier::compact`].
    fn validate(input: &str, context: Context) -> Result<Self::Valid, Self::Error>;

    /// The canonical text of a valid value.
    fn canonical(valid: &Self::Valid) -> String;

    /// True when [`Identifier::validate`] accepts the value (no date
    /// compared with today).
    fn is_valid(input: &str) -> bool {
        Self::validate(input, Context::default()).is_ok()
    }

    /// The canonical form of a valid value, `None` when invalid.
    fn format(input: &str) -> Option<String> {
        Self::validate(input, Context::default())
            .ok()
            .map(|v| Self::canonical(&v))
    }

    /// The findings for the value at `path`: its error, or, for a value
    /// valid only after clean-up, the canonical-form finding with the
    /// clean value suggested, and the warnings of a valid value.
    fn findings(input: &str, path: &str, context: Context) -> Vec<Finding>;
}

/// Runs `$body` with `$T` the [`Identifier`] type of registry entry
/// `$kind`: the one place that pairs each entry with its module. A match
/// per use, not a table of trait objects, so that a build links only the
/// functions it calls (the npm modules stay small).
///
/// `domain => $expr` puts `$expr` in the domain's place: what
/// [`NumberKind`] answers, so that its methods link no domain code.
macro_rules! dispatch {
    ($kind:expr, $T:ident => $body:expr) => {
        dispatch!($kind, $T => $body, domain => {
            type $T = domain::Domain;
            $body
        })
    };
    ($kind:expr, $T:ident => $body:expr, domain => $domain:expr) => {
        match $kind {
            IdentifierKind::ResidentId => {
                type $T = resident_id::ResidentId;
                $body
            }
            IdentifierKind::UnifiedSocialCreditCode => {
                type $T = uscc::Uscc;
                $body
            }
            IdentifierKind::OrganisationCode => {
                type $T = org_code::OrganisationCode;
                $body
            }
            IdentifierKind::BusinessRegistrationNumber => {
                type $T = business_registration::BusinessRegistrationNumber;
                $body
            }
            IdentifierKind::HkMacauTaiwanResidencePermit => {
                type $T = residence_permit::HkMacauTaiwanResidencePermit;
                $body
            }
            IdentifierKind::ForeignPermanentResidenceId => {
                type $T = foreign_permanent_residence::ForeignPermanentResidenceId;
                $body
            }
            IdentifierKind::HkMacauTravelPermit => {
                type $T = travel_permit::HkMacauTravelPermit;
                $body
            }
            IdentifierKind::TaiwanTravelPermit => {
                type $T = travel_permit::TaiwanTravelPermit;
                $body
            }
            IdentifierKind::Passport => {
                type $T = passport::Passport;
                $body
            }
            IdentifierKind::Domain => $domain,
            IdentifierKind::FilingNumber => {
                type $T = filing_number::FilingNumber;
                $body
            }
        }
    };
}

/// The registry: every identifier, in the order of its number in the
/// npm package's wasm calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdentifierKind {
    /// 居民身份证号码 ([`resident_id`]).
    ResidentId,
    /// 统一社会信用代码 ([`uscc`]).
    UnifiedSocialCreditCode,
    /// 组织机构代码 ([`org_code`]).
    OrganisationCode,
    /// 工商营业执照注册号, 15 digits ([`business_registration`]).
    BusinessRegistrationNumber,
    /// 港澳台居民居住证 ([`residence_permit`]).
    HkMacauTaiwanResidencePermit,
    /// 外国人永久居留身份证 ([`foreign_permanent_residence`]).
    ForeignPermanentResidenceId,
    /// 港澳居民来往内地通行证 ([`travel_permit`]).
    HkMacauTravelPermit,
    /// 台湾居民来往大陆通行证 ([`travel_permit`]).
    TaiwanTravelPermit,
    /// Passport ([`passport`]).
    Passport,
    /// A listed domain ([`domain`]).
    Domain,
    /// A filing or licence number ([`filing_number`]).
    FilingNumber,
}

impl IdentifierKind {
    /// Every identifier, in the order of their numbers.
    pub const ALL: [IdentifierKind; 11] = [
        IdentifierKind::ResidentId,
        IdentifierKind::UnifiedSocialCreditCode,
        IdentifierKind::OrganisationCode,
        IdentifierKind::BusinessRegistrationNumber,
        IdentifierKind::HkMacauTaiwanResidencePermit,
        IdentifierKind::ForeignPermanentResidenceId,
        IdentifierKind::HkMacauTravelPermit,
        IdentifierKind::TaiwanTravelPermit,
        IdentifierKind::Passport,
        IdentifierKind::Domain,
        IdentifierKind::FilingNumber,
    ];

    /// Names used before the registry, read as the identifier they meant
    /// (deprecated): the field kinds of `checkField` and `beian field`
    /// (`uscc`, `business_licence` …) and, in camelCase, the npm objects
    /// (`orgCode`, `hkMacauPermit` …).
    pub const ALIASES: [(&'static str, IdentifierKind); 8] = [
        ("uscc", IdentifierKind::UnifiedSocialCreditCode),
        ("org_code", IdentifierKind::OrganisationCode),
        (
            "business_licence",
            IdentifierKind::BusinessRegistrationNumber,
        ),
        (
            "business_registration",
            IdentifierKind::BusinessRegistrationNumber,
        ),
        (
            "residence_permit",
            IdentifierKind::HkMacauTaiwanResidencePermit,
        ),
        (
            "foreign_permanent_residence",
            IdentifierKind::ForeignPermanentResidenceId,
        ),
        ("hk_macau_permit", IdentifierKind::HkMacauTravelPermit),
        ("taiwan_permit", IdentifierKind::TaiwanTravelPermit),
    ];

    /// The snake_case id: the [`DocumentType`] wire name where there is
    /// one.
    pub fn id(self) -> &'static str {
        match self {
            IdentifierKind::ResidentId => "resident_id",
            IdentifierKind::UnifiedSocialCreditCode => "unified_social_credit_code",
            IdentifierKind::OrganisationCode => "organisation_code",
            IdentifierKind::BusinessRegistrationNumber => "business_registration_number",
            IdentifierKind::HkMacauTaiwanResidencePermit => "hk_macau_taiwan_residence_permit",
            IdentifierKind::ForeignPermanentResidenceId => "foreign_permanent_residence_id",
            IdentifierKind::HkMacauTravelPermit => "hk_macau_travel_permit",
            IdentifierKind::TaiwanTravelPermit => "taiwan_travel_permit",
            IdentifierKind::Passport => "passport",
            IdentifierKind::Domain => "domain",
            IdentifierKind::FilingNumber => "filing_number",
        }
    }

    /// The JavaScript name: the id in camelCase (`residentId`).
    pub fn js_name(self) -> String {
        camel_case(self.id())
    }

    /// What the identifier is, for documentation: its Chinese name and an
    /// English description.
    pub fn title(self) -> &'static str {
        match self {
            IdentifierKind::ResidentId => "居民身份证号码: mainland resident ID number (GB 11643).",
            IdentifierKind::UnifiedSocialCreditCode => {
                "统一社会信用代码: unified social credit code (GB 32100)."
            }
            IdentifierKind::OrganisationCode => "组织机构代码: organisation code (GB 11714).",
            IdentifierKind::BusinessRegistrationNumber => {
                "工商营业执照注册号: 15-digit business registration number."
            }
            IdentifierKind::HkMacauTaiwanResidencePermit => {
                "港澳台居民居住证号码: Hong Kong/Macau/Taiwan residence permit number."
            }
            IdentifierKind::ForeignPermanentResidenceId => {
                "外国人永久居留身份证号码: foreign permanent residence ID number."
            }
            IdentifierKind::HkMacauTravelPermit => {
                "港澳居民来往内地通行证号码: Hong Kong/Macau travel permit number."
            }
            IdentifierKind::TaiwanTravelPermit => {
                "台湾居民来往大陆通行证号码: Taiwan travel permit number."
            }
            IdentifierKind::Passport => "护照号码: passport number.",
            IdentifierKind::Domain => {
                "A domain to file: a registrable domain under an ICANN public suffix (`format` gives its punycode form)."
            }
            IdentifierKind::FilingNumber => {
                "备案号 / 许可证号: a filing or licence number (`京ICP备09051301号-1`, `京ICP证030173号`, `浙B2-20040180`)."
            }
        }
    }

    /// The document type whose number this is, if any.
    pub fn document_type(self) -> Option<DocumentType> {
        Some(match self {
            IdentifierKind::ResidentId => DocumentType::ResidentId,
            IdentifierKind::UnifiedSocialCreditCode => DocumentType::UnifiedSocialCreditCode,
            IdentifierKind::OrganisationCode => DocumentType::OrganisationCode,
            IdentifierKind::BusinessRegistrationNumber => DocumentType::BusinessRegistrationNumber,
            IdentifierKind::HkMacauTaiwanResidencePermit => {
                DocumentType::HkMacauTaiwanResidencePermit
            }
            IdentifierKind::ForeignPermanentResidenceId => {
                DocumentType::ForeignPermanentResidenceId
            }
            IdentifierKind::HkMacauTravelPermit => DocumentType::HkMacauTravelPermit,
            IdentifierKind::TaiwanTravelPermit => DocumentType::TaiwanTravelPermit,
            IdentifierKind::Passport => DocumentType::Passport,
            IdentifierKind::Domain | IdentifierKind::FilingNumber => return None,
        })
    }

    /// The identifier of a document type's number, `None` for
    /// [`DocumentType::Other`] (no number format).
    pub fn of_document(document: DocumentType) -> Option<IdentifierKind> {
        IdentifierKind::ALL
            .into_iter()
            .find(|k| k.document_type() == Some(document))
    }

    /// [`Identifier::compact`] of this identifier.
    pub fn compact(self, input: &str) -> String {
        dispatch!(self, T => T::compact(input))
    }

    /// [`Identifier::is_valid`] of this identifier.
    pub fn is_valid(self, input: &str) -> bool {
        dispatch!(self, T => T::is_valid(input))
    }

    /// The canonical text of the value when [`Identifier::validate`]
    /// accepts it with `context`.
    pub fn canonical(self, input: &str, context: Context) -> Option<String> {
        dispatch!(self, T => T::validate(input, context).ok().map(|v| T::canonical(&v)))
    }

    /// [`Identifier::format`] of this identifier.
    pub fn format(self, input: &str) -> Option<String> {
        // The same code as `canonical` (one copy per identifier in a build).
        self.canonical(input, Context::default())
    }

    /// [`Identifier::findings`] of this identifier.
    pub fn findings(self, input: &str, path: &str, context: Context) -> Vec<Finding> {
        dispatch!(self, T => T::findings(input, path, context))
    }
}

/// An identifier other than [`IdentifierKind::Domain`]: a document number
/// or a filing number. Its methods are those of [`IdentifierKind`] without
/// the domain's code (the Public Suffix List, IDNA), so that a build that
/// checks only numbers (the npm entry `beian/id`) does not link it.
///
/// ```
/// use beian_rules::identifier::{IdentifierKind, NumberKind};
/// assert_eq!(NumberKind::new(IdentifierKind::Domain), None);
/// let id = NumberKind::new(IdentifierKind::ResidentId).unwrap();
/// assert_eq!(id.kind(), IdentifierKind::ResidentId);
/// assert_eq!(id.format("11010519491231002x").as_deref(), Some("11010519491231002X"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumberKind(IdentifierKind);

impl NumberKind {
    /// `kind` unless it is the domain.
    pub fn new(kind: IdentifierKind) -> Option<NumberKind> {
        (kind != IdentifierKind::Domain).then_some(NumberKind(kind))
    }

    /// The identifier.
    pub fn kind(self) -> IdentifierKind {
        self.0
    }

    // The `domain =>` answers below are never reached (`new` refuses the
    // domain); they keep its code out.

    /// [`IdentifierKind::compact`].
    pub fn compact(self, input: &str) -> String {
        dispatch!(self.0, T => T::compact(input), domain => String::new())
    }

    /// [`IdentifierKind::is_valid`].
    pub fn is_valid(self, input: &str) -> bool {
        dispatch!(self.0, T => T::is_valid(input), domain => false)
    }

    /// [`IdentifierKind::canonical`].
    pub fn canonical(self, input: &str, context: Context) -> Option<String> {
        dispatch!(
            self.0,
            T => T::validate(input, context).ok().map(|v| T::canonical(&v)),
            domain => None
        )
    }

    /// [`IdentifierKind::format`].
    pub fn format(self, input: &str) -> Option<String> {
        self.canonical(input, Context::default())
    }

    /// [`IdentifierKind::findings`].
    pub fn findings(self, input: &str, path: &str, context: Context) -> Vec<Finding> {
        dispatch!(self.0, T => T::findings(input, path, context), domain => Vec::new())
    }
}

impl fmt::Display for IdentifierKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A name that is no identifier's id or alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownIdentifier(pub String);

impl fmt::Display for UnknownIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = IdentifierKind::ALL.iter().map(|k| k.id()).collect();
        write!(
            f,
            "unknown identifier {:?}; known identifiers: {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownIdentifier {}

impl FromStr for IdentifierKind {
    type Err = UnknownIdentifier;
    /// The id, or a deprecated alias.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IdentifierKind::ALL
            .into_iter()
            .find(|k| k.id() == s)
            .or_else(|| {
                IdentifierKind::ALIASES
                    .into_iter()
                    .find(|(alias, _)| *alias == s)
                    .map(|(_, k)| k)
            })
            .ok_or_else(|| UnknownIdentifier(s.to_string()))
    }
}

/// `snake_case` → `camelCase`.
pub(crate) fn camel_case(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut upper = false;
    for c in id.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod generated {
    use super::{camel_case, IdentifierKind, NumberKind};
    use crate::FieldKind;

    const HEADER: &str =
        "// Generated from the registry beian_rules::identifier::IdentifierKind; do not edit.\n\
        // Regenerate: BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue\n";

    fn union<'a>(names: impl Iterator<Item = &'a str>) -> String {
        let quoted: Vec<String> = names.map(|n| format!("\"{n}\"")).collect();
        quoted.join(" | ")
    }

    /// The earlier JavaScript names: the aliases in camelCase.
    fn js_aliases() -> impl Iterator<Item = (String, IdentifierKind)> {
        IdentifierKind::ALIASES
            .iter()
            .map(|(alias, kind)| (camel_case(alias), *kind))
    }

    /// `crates/beian-wasm/src/kinds.d.ts`: the type names, put into the
    /// wasm module's declarations (`dist/beian_wasm.d.ts`).
    pub(crate) fn wasm_typescript() -> String {
        let names: Vec<String> = IdentifierKind::ALL.iter().map(|k| k.js_name()).collect();
        let old_names: Vec<String> = js_aliases().map(|(a, _)| a).collect();
        format!(
            "\n{HEADER}\
             /** The JavaScript names of the identifiers, as keys of `identifiers`. */\n\
             export type IdentifierName = {};\n\
             /** Earlier names of identifiers, still exported (deprecated: use `IdentifierName`). */\n\
             export type DeprecatedIdentifierName = {};\n\
             /** The kinds of `checkField`: the identifiers' ids and the other fields. */\n\
             export type FieldKind = {};\n\
             /** Earlier names of kinds, still read (deprecated: use `FieldKind`). */\n\
             export type DeprecatedFieldKind = {};\n",
            union(names.iter().map(String::as_str)),
            union(old_names.iter().map(String::as_str)),
            union(FieldKind::ALL.iter().map(|k| k.name())),
            union(FieldKind::deprecated_names()),
        )
    }

    /// `pkg/identifiers.js`: one object per identifier, numbered as the
    /// registry numbers them, the deprecated names, and `identifiers`.
    pub(crate) fn package_javascript() -> String {
        entry_javascript("./module.js", |_| true)
    }

    /// `pkg/id/identifiers.js`: the same for the numbers (`beian/id`),
    /// every identifier but the domain.
    pub(crate) fn id_javascript() -> String {
        entry_javascript("./module.js", |k| NumberKind::new(k).is_some())
    }

    /// `pkg/domain/identifiers.js`: the domain's object (`beian/domain`).
    pub(crate) fn domain_javascript() -> String {
        entry_javascript("./module.js", |k| NumberKind::new(k).is_none())
    }

    /// The objects of the identifiers `keep` takes, over the module whose
    /// `identifier` maker `module` exports; the deprecated names and the
    /// map `identifiers` when the entry has more than one.
    fn entry_javascript(module: &str, keep: impl Fn(IdentifierKind) -> bool) -> String {
        let kinds: Vec<(usize, IdentifierKind)> = IdentifierKind::ALL
            .into_iter()
            .enumerate()
            .filter(|(_, k)| keep(*k))
            .collect();
        let mut js = format!("{HEADER}import {{ identifier }} from '{module}';\n\n");
        for (n, kind) in &kinds {
            js += &format!("export const {} = identifier({n});\n", kind.js_name());
        }
        if kinds.len() == 1 {
            return js;
        }
        let aliases: Vec<(String, IdentifierKind)> =
            js_aliases().filter(|(_, k)| keep(*k)).collect();
        js += "\n// Earlier names (deprecated).\n";
        for (alias, kind) in &aliases {
            js += &format!("export const {alias} = {};\n", kind.js_name());
        }
        js += "\n/** Every identifier by its name (the earlier names too, not enumerated). */\n\
               export const identifiers = {\n";
        for (_, kind) in &kinds {
            js += &format!("  {},\n", kind.js_name());
        }
        js += "};\n";
        for (alias, _) in &aliases {
            js +=
                &format!("Object.defineProperty(identifiers, '{alias}', {{ value: {alias} }});\n");
        }
        js += "Object.freeze(identifiers);\n";
        js
    }

    /// `pkg/identifiers.d.ts`: the declarations of `pkg/identifiers.js`.
    pub(crate) fn package_typescript() -> String {
        entry_typescript("./dist/beian_wasm.js", "./identifier.js", |_| true)
    }

    /// `pkg/id/identifiers.d.ts`: the declarations of `pkg/id/identifiers.js`.
    pub(crate) fn id_typescript() -> String {
        entry_typescript("../dist/beian_id.js", "../identifier.js", |k| {
            NumberKind::new(k).is_some()
        })
    }

    /// `pkg/domain/identifiers.d.ts`: the declaration of
    /// `pkg/domain/identifiers.js`.
    pub(crate) fn domain_typescript() -> String {
        entry_typescript("../dist/beian_domain.js", "../identifier.js", |k| {
            NumberKind::new(k).is_none()
        })
    }

    /// The declarations of [`entry_javascript`]'s objects: the names'
    /// types from the glue's declarations `glue`, `Identifier` from
    /// `identifier`.
    fn entry_typescript(
        glue: &str,
        identifier: &str,
        keep: impl Fn(IdentifierKind) -> bool,
    ) -> String {
        let kinds: Vec<IdentifierKind> = IdentifierKind::ALL
            .into_iter()
            .filter(|k| keep(*k))
            .collect();
        let aliases: Vec<(String, IdentifierKind)> =
            js_aliases().filter(|(_, k)| keep(*k)).collect();
        let all = kinds.len() == IdentifierKind::ALL.len();
        let mut ts = HEADER.to_string();
        if kinds.len() > 1 {
            ts += &format!(
                "import type {{ DeprecatedIdentifierName, IdentifierName }} from '{glue}';\n"
            );
        }
        ts += &format!("import type {{ Identifier }} from '{identifier}';\n\n");
        for kind in &kinds {
            ts += &format!(
                "/** {} */\nexport declare const {}: Identifier;\n",
                kind.title(),
                kind.js_name()
            );
        }
        if kinds.len() == 1 {
            return ts;
        }
        for (alias, kind) in &aliases {
            ts += &format!(
                "/** @deprecated Use `{}`. */\nexport declare const {alias}: Identifier;\n",
                kind.js_name()
            );
        }
        // The names of this entry's identifiers: the glue's union without
        // the others.
        let left_out: Vec<String> = IdentifierKind::ALL
            .into_iter()
            .filter(|k| !keep(*k))
            .map(|k| format!("\"{}\"", k.js_name()))
            .collect();
        let names = if all {
            "IdentifierName".to_string()
        } else {
            format!("Exclude<IdentifierName, {}>", left_out.join(" | "))
        };
        ts += &format!(
            "\n/** Every identifier by its name (the earlier names too, deprecated). */\n\
             export declare const identifiers: Readonly<Record<{names}, Identifier>> &\n  \
             Readonly<Record<DeprecatedIdentifierName, Identifier>>;\n"
        );
        ts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The wire name of a document type, as the filing's JSON writes it.
    fn wire_name(document: DocumentType) -> String {
        serde_json::to_value(document)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn every_document_type_with_a_number_format_is_in_the_registry() {
        let documents = DocumentType::ALL;
        for document in documents {
            // Only `other` has no number format.
            let Some(kind) = IdentifierKind::of_document(document) else {
                assert_eq!(document, DocumentType::Other);
                continue;
            };
            // The id is the document type's wire name.
            let wire = wire_name(document);
            assert_eq!(kind.id(), wire, "{kind:?}");
        }
    }

    #[test]
    fn ids_names_and_aliases_are_one_each() {
        let mut seen = std::collections::HashSet::new();
        for kind in IdentifierKind::ALL {
            assert!(seen.insert(kind.id().to_string()), "{kind:?}");
            assert_eq!(kind.id().parse::<IdentifierKind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.id());
            assert!(kind
                .id()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(!kind.js_name().contains('_'));
            assert!(!kind.title().is_empty());
        }
        for (alias, kind) in IdentifierKind::ALIASES {
            assert!(seen.insert(alias.to_string()), "{alias} is taken");
            assert_eq!(alias.parse::<IdentifierKind>(), Ok(kind));
        }
        assert_eq!(
            camel_case("business_registration_number"),
            "businessRegistrationNumber"
        );
        assert_eq!(camel_case("domain"), "domain");
        let e = "iban".parse::<IdentifierKind>().unwrap_err().to_string();
        assert!(
            e.starts_with("unknown identifier \"iban\"; known identifiers: resident_id,"),
            "{e}"
        );
    }

    #[test]
    fn the_old_names_keep_their_checks() {
        let v = [
            ("uscc", "9144030071526726XG"),
            ("org_code", "71526726-X"),
            ("business_licence", "110105000000010"),
            ("residence_permit", "810000199001010019"),
            ("foreign_permanent_residence", "USA310085020011"),
        ];
        for (alias, value) in v {
            let kind: IdentifierKind = alias.parse().unwrap();
            assert_eq!(
                kind.findings(value, "/p", Context::default()),
                kind.id().parse::<IdentifierKind>().unwrap().findings(
                    value,
                    "/p",
                    Context::default()
                )
            );
        }
    }

    #[test]
    fn today_is_passed_on() {
        let first17 = "11010521000101002";
        let id = format!("{first17}{}", resident_id::check_char(first17).unwrap());
        let today = Context {
            today: Date::new(2026, 11, 25),
        };
        let kind = IdentifierKind::ResidentId;
        assert!(kind.is_valid(&id));
        assert_eq!(kind.canonical(&id, today), None);
        assert_eq!(
            kind.findings(&id, "/p", today)[0].rule,
            "resident_id.future_birth_date"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every identifier: `compact` is idempotent; `is_valid`, `format`
        /// and the findings agree; the canonical form is valid, its own
        /// canonical form, and has no error finding. No input panics.
        #[test]
        fn every_identifier_keeps_the_contract(
            input in prop_oneof![
                any::<String>(),
                "[0-9Xx \\-：:身份证号码ＩＤ]{0,24}",
                "[0-9A-Za-z（）()\\- ]{0,20}",
                "[京粤浙ICPcp备証号B2\\-0-9 ]{0,24}",
                "[a-z0-9.\\-例子中国 ]{0,24}",
            ]
        ) {
            for kind in IdentifierKind::ALL {
                let once = kind.compact(&input);
                prop_assert_eq!(kind.compact(&once), once.clone(), "{:?}", kind);
                let format = kind.format(&input);
                prop_assert_eq!(kind.is_valid(&input), format.is_some(), "{:?}", kind);
                let findings = kind.findings(&input, "/p", Context::default());
                if format.is_some() {
                    // A valid value's only errors are the canonical-form
                    // ones, which suggest the clean value.
                    prop_assert!(
                        findings.iter().all(|f| !f.is_error() || f.suggestion.is_some()),
                        "{:?} {:?}", kind, findings
                    );
                }
                if let Some(canonical) = format {
                    prop_assert!(kind.is_valid(&canonical), "{:?} {:?}", kind, canonical);
                    prop_assert_eq!(kind.format(&canonical), Some(canonical.clone()));
                    let errors: Vec<_> = kind
                        .findings(&canonical, "/p", Context::default())
                        .into_iter()
                        .filter(|f| f.is_error())
                        .collect();
                    prop_assert!(errors.is_empty(), "{:?} {:?}: {:?}", kind, canonical, errors);
                } else {
                    prop_assert!(findings.iter().any(|f| f.is_error()), "{:?}", kind);
                }
                // The numbers' methods without the domain's code answer the same.
                if let Some(number) = NumberKind::new(kind) {
                    prop_assert_eq!(number.kind(), kind);
                    prop_assert_eq!(number.compact(&input), once.clone());
                    prop_assert_eq!(number.is_valid(&input), kind.is_valid(&input));
                    prop_assert_eq!(number.format(&input), kind.format(&input));
                    prop_assert_eq!(
                        number.findings(&input, "/p", Context::default()),
                        findings.clone()
                    );
                } else {
                    prop_assert_eq!(kind, IdentifierKind::Domain);
                }
            }
        }
    }
}
