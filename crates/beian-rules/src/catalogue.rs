//! Every rule of the crate, with its id, MIIT code, severity and text: the
//! table `crates/beian-rules/RULES.md` is generated from [`rules`], and a
//! test keeps the committed file equal to it.
//!
//! Each entry is a real finding of the rule, made by the same code that
//! makes it in a check (with an empty path and example values in the text),
//! so the table cannot drift from the code. Tests check that every rule id
//! written in the sources is listed here, and that every finding a check
//! produces has the code and severity listed for its rule.

use std::collections::BTreeMap;

use crate::finding::{canonical_form, Finding, RuleError, Severity};
use crate::homepage::HomepageError;
use crate::model::{DocumentType, Filing, SubjectType, Website};
use crate::resident_id::ResidentIdError;
use crate::travel_permit::{Permit, TravelPermitError};
use crate::{
    account, business_registration::BusinessRegistrationError, completeness, cross_field, division,
    document, domain::DomainError, email, filing_number,
    foreign_permanent_residence::ForeignPermanentResidenceError, ip, org_code::OrgCodeError,
    passport::PassportError, phone, residence_permit::ResidencePermitError, resident_id, schema,
    text_safety, uscc::UsccError, website_name,
};

fn identifiers() -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(resident_id::findings("11010519491231002x", "", None));
    out.extend(resident_id::findings(
        "身份证：11010519491231002X",
        "",
        None,
    ));
    // Region codes the division tables lack: warnings (a valid number with
    // region 999999 and a real check character).
    out.extend(resident_id::findings("999999194912310025", "", None));
    out.extend(crate::uscc::findings("9199999971526726XJ", ""));
    let first14 = "99999900000001";
    let check = crate::business_registration::check_digit(first14).unwrap_or('0');
    out.extend(crate::business_registration::findings(
        &format!("{first14}{check}"),
        "",
    ));
    let errors: Vec<Box<dyn RuleError>> = vec![
        Box::new(ResidentIdError::Empty),
        Box::new(ResidentIdError::Length { len: 17 }),
        Box::new(ResidentIdError::OldFormat {
            converted: "110105194912310021".into(),
        }),
        Box::new(ResidentIdError::Format),
        Box::new(ResidentIdError::ResidencePermit),
        Box::new(ResidentIdError::BirthDate),
        Box::new(ResidentIdError::FutureBirthDate),
        Box::new(ResidentIdError::Checksum),
        Box::new(UsccError::Empty),
        Box::new(UsccError::Length { len: 17 }),
        Box::new(UsccError::Alphabet),
        Box::new(UsccError::Authority),
        Box::new(UsccError::Type),
        Box::new(UsccError::OrganisationCode),
        Box::new(UsccError::Checksum),
        Box::new(OrgCodeError::Empty),
        Box::new(OrgCodeError::Length { len: 8 }),
        Box::new(OrgCodeError::Format),
        Box::new(OrgCodeError::Checksum),
        Box::new(BusinessRegistrationError::Empty),
        Box::new(BusinessRegistrationError::Length { len: 14 }),
        Box::new(BusinessRegistrationError::Format),
        Box::new(BusinessRegistrationError::Checksum),
        Box::new(PassportError::Empty),
        Box::new(PassportError::Format),
        Box::new(TravelPermitError::Empty),
        Box::new(TravelPermitError::Format(Permit::HkMacau)),
        Box::new(TravelPermitError::Format(Permit::Taiwan)),
        Box::new(ResidencePermitError::Empty),
        Box::new(ResidencePermitError::Length { len: 17 }),
        Box::new(ResidencePermitError::Format),
        Box::new(ResidencePermitError::Region),
        Box::new(ResidencePermitError::BirthDate),
        Box::new(ResidencePermitError::Checksum),
        Box::new(ForeignPermanentResidenceError::Empty),
        Box::new(ForeignPermanentResidenceError::Format),
        Box::new(ForeignPermanentResidenceError::Checksum),
    ];
    out.extend(errors.iter().map(|e| e.finding("")));
    for (rule, zh, en, clean) in [
        (
            "uscc.canonical_form",
            "统一社会信用代码",
            "unified social credit code",
            "9144030071526726XG",
        ),
        (
            "org_code.canonical_form",
            "组织机构代码",
            "organisation code",
            "71526726-X",
        ),
        (
            "business_registration.canonical_form",
            "营业执照注册号",
            "business registration number",
            "110105000000010",
        ),
        (
            "passport.canonical_form",
            "护照号码",
            "passport number",
            "E12345678",
        ),
        (
            "travel_permit.canonical_form",
            "通行证号码",
            "permit number",
            "H12345678",
        ),
        (
            "residence_permit.canonical_form",
            "居住证号码",
            "residence permit number",
            "810000198001010010",
        ),
        (
            "foreign_permanent_residence.canonical_form",
            "外国人永久居留身份证号码",
            "foreign permanent residence ID number",
            "USA310085020011",
        ),
    ] {
        out.push(canonical_form("", rule, zh, en, clean));
    }
    out
}

fn documents_and_divisions() -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(document::subject_findings(
        SubjectType::Enterprise,
        DocumentType::ResidentId,
        "11010519491231002X",
        "",
        None,
    ));
    out.extend(document::subject_findings(
        SubjectType::Individual,
        DocumentType::HkMacauTravelPermit,
        "H12345678",
        "",
        None,
    ));
    out.extend(document::subject_findings(
        SubjectType::SocialOrganisation,
        DocumentType::UnifiedSocialCreditCode,
        "9144030071526726XG",
        "",
        None,
    ));
    out.extend(document::number_findings(DocumentType::Other, "", "", None));
    out.extend(document::person_findings(
        DocumentType::UnifiedSocialCreditCode,
        "",
        "",
        None,
    ));
    for (p, c, k) in [
        ("13000", "", ""),
        ("130100", "", ""),
        ("110000", "", "110104"),
        ("130000", "130100", "130171"),
        ("130000", "130200", "130102"),
    ] {
        out.extend(division::findings(p, c, k, ""));
    }
    out.extend(
        crate::check_field(
            crate::FieldKind::Division,
            "",
            &crate::FieldContext::default(),
        )
        .findings,
    );
    out
}

fn domains_and_filing() -> Vec<Finding> {
    let errors: Vec<Box<dyn RuleError>> = vec![
        Box::new(DomainError::Empty),
        Box::new(DomainError::NotADomain { host: None }),
        Box::new(DomainError::IpAddress),
        Box::new(DomainError::EmptyLabel),
        Box::new(DomainError::TooLong),
        Box::new(DomainError::InvalidName),
        Box::new(DomainError::UnknownTld {
            tld: "example".into(),
        }),
        Box::new(DomainError::PublicSuffix),
        Box::new(DomainError::Subdomain {
            registrable: "example.com".into(),
        }),
        Box::new(DomainError::PrivateRegistry {
            name: "example.cn.com".into(),
            registry: "cn.com".into(),
        }),
        Box::new(HomepageError::Empty),
        Box::new(HomepageError::Scheme),
        Box::new(HomepageError::Userinfo),
        Box::new(HomepageError::Port),
        Box::new(HomepageError::Host),
        Box::new(HomepageError::IpAddress),
        Box::new(HomepageError::NotListed {
            host: "www.other.cn".into(),
        }),
    ];
    let mut out: Vec<Finding> = errors.iter().map(|e| e.finding("")).collect();
    out.extend(crate::domain::findings("Example.COM", ""));
    out.extend(crate::domain::findings("example.de", ""));
    // The filing-level rules of lib.rs.
    let mut filing = Filing::default();
    filing.subject.document_number = "11010519491231002X".into();
    out.extend(crate::check(&filing));
    filing.websites = vec![
        Website {
            homepage: "www.example.com".into(),
            ..Website::default()
        },
        Website {
            domains: vec!["example.com".into(), "example.com".into()],
            homepage: "www.example.com".into(),
            ..Website::default()
        },
    ];
    out.extend(crate::check(&filing));
    out
}

/// One finding of every rule, sorted by rule id, with an empty path.
///
/// ```
/// let rules = beian_rules::catalogue::rules();
/// let r = rules.iter().find(|f| f.rule == "filing.duplicate_domain").unwrap();
/// assert_eq!(r.code.as_deref(), Some("1039"));
/// assert!(rules.windows(2).all(|w| w[0].rule < w[1].rule));
/// ```
pub fn rules() -> Vec<Finding> {
    let mut all = identifiers();
    all.extend(documents_and_divisions());
    all.extend(domains_and_filing());
    all.extend(website_name::examples());
    all.extend(phone::examples());
    all.extend(email::examples());
    all.extend(ip::examples());
    all.extend(filing_number::examples());
    all.extend(crate::footer::examples());
    all.extend(crate::upload::examples());
    all.extend(account::examples());
    all.extend(cross_field::examples());
    all.extend(completeness::examples());
    all.extend(schema::examples());
    all.extend(text_safety::examples());
    let mut by_rule: BTreeMap<String, Finding> = BTreeMap::new();
    for f in all {
        by_rule.entry(f.rule.clone()).or_insert(Finding {
            path: String::new(),
            suggestion: None,
            ..f
        });
    }
    by_rule.into_values().collect()
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The rules table as Markdown: the text of `crates/beian-rules/RULES.md`.
///
/// ```
/// let md = beian_rules::catalogue::markdown();
/// assert!(md.contains("| `filing.duplicate_domain` | 1039 | error |"));
/// ```
pub fn markdown() -> String {
    let rules = rules();
    let mut md = String::from(
        "# Rules of beian-rules\n\n\
         <!-- Generated from the code (`beian_rules::catalogue::markdown`); do not edit.\n     \
         Regenerate: BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue -->\n\n\
         Every rule the crate checks, one line each: the stable rule id of its findings, the MIIT\n\
         return code where the filing system has one, the severity, and the English text of an\n\
         example finding (the Chinese text is in the code; example values such as a length or a\n\
         name vary with the input). The seed questions each rule follows are cited in the doc\n\
         comments of its module and in the project's RULES.md.\n\n\
         ## Error or warning: never block a real applicant\n\n\
         A finding is an **error** (it stops the filing) only where the MIIT filing system\n\
         certainly rejects the value: a wrong length, a character that is not allowed, a check\n\
         character that does not match, an impossible or future date, a lower-case `x`, a\n\
         subdomain or a registry's name where a registrable domain is wanted. Where the answer\n\
         rests on data of ours that may be incomplete, the finding is a **warning** that says what\n\
         we know:\n\n\
         - a region code of a document number (resident ID, unified social credit code, business\n  \
           registration number) that no division table since 1980 lists, or that was retired\n  \
           before the holder's birth year (offices kept issuing old codes; real numbers with such\n  \
           codes pass the real-name checks): `*.region` warns, with no MIIT code, and the number\n  \
           is valid;\n\
         - a top-level domain missing from the list of suffixes MIIT accepts\n  \
           (`domain.suffix_not_accepted`: the bureau may return it with 1004, and the warning\n  \
           says so).\n\n\
         The division codes of an *address* are different: the form offers the codes in use, and\n\
         a retired or unknown address code is the 1019 error the filing system returns.\n\n",
    );
    md.push_str(&format!("{} rules.\n\n", rules.len()));
    md.push_str("| rule | MIIT code | severity | message (en) |\n|---|---|---|---|\n");
    for f in &rules {
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        md.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            f.rule,
            f.code.as_deref().unwrap_or(""),
            severity,
            cell(&f.message.en)
        ));
    }
    md.push_str(&crate::limits::markdown());
    md
}

/// The rule ids of the catalogue with their code and severity, for checks
/// of findings against it.
pub(crate) fn index() -> BTreeMap<String, (Option<String>, Severity)> {
    rules()
        .into_iter()
        .map(|f| (f.rule, (f.code, f.severity)))
        .collect()
}

/// True when `finding` has the code and severity its rule is listed with.
///
/// ```
/// let f = beian_rules::domain::findings("www.example.com", "/p").remove(0);
/// assert!(beian_rules::catalogue::is_listed(&f));
/// ```
pub fn is_listed(finding: &Finding) -> bool {
    static INDEX: std::sync::LazyLock<BTreeMap<String, (Option<String>, Severity)>> =
        std::sync::LazyLock::new(index);
    INDEX
        .get(&finding.rule)
        .is_some_and(|(code, severity)| *code == finding.code && *severity == finding.severity)
}

/// Why a text a website owner reads is not in their words, if it is not:
/// it cites the project's seed FAQ (“002 #6”, “（004 3）”: the citations
/// belong in code comments), shows a MIIT code in brackets or after 返回码
/// (the finding's badge shows its code, once), or says 空壳 (shell subject),
/// the trade's word. Used by the catalogue's test on every finding and by
/// the workspace's test of every text the crates show people.
///
/// ```
/// use beian_rules::catalogue::words_problem;
/// assert!(words_problem("请填写网站名称（002 #6）。").is_some());
/// assert!(words_problem("无效身份证号码（1015）").is_some());
/// assert_eq!(words_problem("京ICP备09051301号"), None);
/// ```
pub fn words_problem(text: &str) -> Option<String> {
    if cites_seed(text) {
        return Some("cites a seed question".into());
    }
    if let Some(code) = bracketed_code(text) {
        return Some(format!("shows the code {code} in the text"));
    }
    ["空壳", "shell subject", "shell website"]
        .iter()
        .find(|w| text.contains(*w))
        .map(|w| format!("says {w:?}"))
}

/// True when `text` cites a question of the seed FAQ (“002 #6”, “（004
/// 3）”, “004 其它 6”, “001 ISP 1.3”, also in full-width digits): 000–004
/// standing alone, an optional space, then `#`, 其它, “other” or “ISP”, or a
/// space and a digit.
fn cites_seed(text: &str) -> bool {
    let c: Vec<char> = text.chars().map(crate::text::halfwidth).collect();
    (0..c.len()).any(|i| {
        let alone = i == 0 || !(c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '_');
        if !(alone && c[i..].starts_with(&['0', '0']) && matches!(c.get(i + 2), Some('0'..='4'))) {
            return false;
        }
        let rest: String = c[i + 3..].iter().take(7).collect();
        let spaced = rest.strip_prefix(' ');
        let word = |r: &str| {
            r.starts_with('#')
                || ["其它", "其他", "other", "ISP"]
                    .iter()
                    .any(|w| r.starts_with(w))
        };
        // A digit counts only after the space (“004 3”, never “0001”).
        word(&rest)
            || spaced.is_some_and(|r| word(r) || r.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The MIIT code (10xx, 50xx) that `text` puts in brackets or after 返回码
/// or 代码, if any: “（1015 无效身份证号码）”, “(1019)”, “返回码 5001”.
fn bracketed_code(text: &str) -> Option<String> {
    let c: Vec<char> = text.chars().map(crate::text::halfwidth).collect();
    (0..c.len().saturating_sub(3)).find_map(|i| {
        let number: String = c[i..i + 4].iter().collect();
        let is_code = (number.starts_with("10") || number.starts_with("50"))
            && number.chars().all(|d| d.is_ascii_digit());
        let alone = (i == 0 || !c[i - 1].is_ascii_digit())
            && !c.get(i + 4).is_some_and(|d| d.is_ascii_digit());
        if !(is_code && alone) {
            return None;
        }
        let before: String = c[..i].iter().collect();
        let before = before.trim_end_matches([' ', ':']);
        let opened =
            before.ends_with('(') || before.ends_with("返回码") || before.ends_with("代码");
        let closed = matches!(c.get(i + 4), Some(')'));
        (opened || closed).then_some(number)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(path: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    /// Compares a committed generated file with its generated text, or
    /// writes it when `BEIAN_REGENERATE` is set.
    fn committed(path: &str, generated: &str) {
        let file = manifest(path);
        if std::env::var_os("BEIAN_REGENERATE").is_some() {
            std::fs::write(&file, generated).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is out of date: run `BEIAN_REGENERATE=1 cargo test -p beian-rules --lib catalogue`",
            file.display()
        );
    }

    #[test]
    fn catalogue_rules_md_is_up_to_date() {
        committed("RULES.md", &markdown());
    }

    /// The names the npm package takes from the identifier registry.
    #[test]
    fn catalogue_identifier_files_are_up_to_date() {
        use crate::identifier::generated;
        committed(
            "../beian-wasm/src/kinds.d.ts",
            &generated::wasm_typescript(),
        );
        committed("../../pkg/identifiers.js", &generated::package_javascript());
        committed(
            "../../pkg/identifiers.d.ts",
            &generated::package_typescript(),
        );
        committed("../../pkg/id/identifiers.js", &generated::id_javascript());
        committed("../../pkg/id/identifiers.d.ts", &generated::id_typescript());
        committed(
            "../../pkg/domain/identifiers.js",
            &generated::domain_javascript(),
        );
        committed(
            "../../pkg/domain/identifiers.d.ts",
            &generated::domain_typescript(),
        );
    }

    /// Writes each list's `maxItems` (from the `#[beian(max = …)]` the
    /// reader enforces, `MAX_ITEMS`) into the schema object `object`.
    fn max_items(object: &mut serde_json::Value, limits: &[(&str, usize)]) {
        for (key, max) in limits {
            let property = &mut object["properties"][*key];
            assert_eq!(property["type"], "array", "{key}");
            property["maxItems"] = (*max).into();
        }
    }

    #[test]
    fn catalogue_filing_schema_is_up_to_date() {
        use crate::model::{Access, Attachment, Person, PreApproval, Subject};
        let mut schema = serde_json::to_value(schemars::schema_for!(Filing)).unwrap();
        max_items(&mut schema, &Filing::MAX_ITEMS);
        let defs = &mut schema["$defs"];
        max_items(&mut defs["Subject"], &Subject::MAX_ITEMS);
        max_items(&mut defs["Person"], &Person::MAX_ITEMS);
        max_items(&mut defs["Website"], &Website::MAX_ITEMS);
        max_items(&mut defs["Access"], &Access::MAX_ITEMS);
        max_items(&mut defs["PreApproval"], &PreApproval::MAX_ITEMS);
        max_items(&mut defs["Attachment"], &Attachment::MAX_ITEMS);
        // Every list of the schema got its limit (a new struct with a list
        // needs its line above).
        fn unbounded(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(o) => {
                    if o.get("type") == Some(&"array".into()) && !o.contains_key("maxItems") {
                        out.push(at.to_string());
                    }
                    for (k, v) in o {
                        unbounded(v, &format!("{at}/{k}"), out);
                    }
                }
                serde_json::Value::Array(a) => {
                    for (i, v) in a.iter().enumerate() {
                        unbounded(v, &format!("{at}/{i}"), out);
                    }
                }
                _ => {}
            }
        }
        let mut missing = Vec::new();
        unbounded(&schema, "", &mut missing);
        assert!(missing.is_empty(), "lists without maxItems: {missing:?}");
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        committed("../../pkg/filing.schema.json", &text);
    }

    /// Every `"module.rule"` string in the sources (outside comments) is a
    /// rule of the catalogue, and every rule of the catalogue is in the
    /// sources.
    #[test]
    fn catalogue_lists_every_rule_id_of_the_sources() {
        let rules = index();
        let prefixes: std::collections::BTreeSet<&str> =
            rules.keys().filter_map(|r| r.split('.').next()).collect();
        let mut in_sources = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(manifest("src")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                let code = line.split("//").next().unwrap_or_default();
                for piece in code.split('"').skip(1).step_by(2) {
                    let Some((prefix, name)) = piece.split_once('.') else {
                        continue;
                    };
                    if prefixes.contains(prefix)
                        && !name.is_empty()
                        && name
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit())
                    {
                        in_sources.insert(piece.to_string());
                    }
                }
            }
        }
        let listed: std::collections::BTreeSet<String> = rules.keys().cloned().collect();
        let unlisted: Vec<_> = in_sources.difference(&listed).collect();
        assert!(
            unlisted.is_empty(),
            "rule ids not in the catalogue: {unlisted:?}"
        );
        assert!(listed.len() > 150, "{}", listed.len());
    }

    /// True when `number` stands in `text` as a number of its own (no digit
    /// right before or after it).
    fn has_number(text: &str, number: &str) -> bool {
        text.match_indices(number).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + number.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    }

    /// What is wrong with a text a website owner reads, if anything: a seed
    /// citation, the finding's own MIIT code (the badge shows it), or a
    /// word of the trade.
    fn unplain(text: &str, code: Option<&str>) -> Option<String> {
        if let Some(why) = words_problem(text) {
            return Some(why);
        }
        if let Some(code) = code.filter(|c| has_number(text, c)) {
            return Some(format!("repeats its code {code}"));
        }
        ["RFC", "/subject/", "/websites/"]
            .iter()
            .find(|w| text.contains(*w))
            .map(|w| format!("says {w:?}"))
    }

    #[test]
    fn catalogue_words_matcher() {
        for cited in [
            "（002 #6）",
            "(000 #44)",
            "(004 3)",
            "（004 其它 6）",
            "(004 other 3–5)",
            "(001 ISP 1.3)",
            "（００２ ＃６）",
            "002 #28",
            "(1046, 002 #14)",
        ] {
            assert!(cites_seed(cited), "{cited}");
        }
        for plain in [
            "110000",
            "京ICP备09051301号",
            "浙B2-20040180",
            "(1015)",
            "2004 年",
            "005 #1",
            "0.0.0.0",
            "0000-00-00",
            "0001_registry.sql",
        ] {
            assert!(!cites_seed(plain), "{plain}");
        }
        for coded in [
            "（1015 无效身份证号码）",
            "(1019)",
            "返回码 5001",
            "（1046，",
            "x (5001 missing field)",
        ] {
            assert!(bracketed_code(coded).is_some(), "{coded}");
        }
        for plain in [
            "110105194912310150",
            "最多 1000 个字符",
            "(10 digits)",
            "1015",
        ] {
            assert_eq!(bracketed_code(plain), None, "{plain}");
        }
        assert!(words_problem("空壳主体").is_some());
        assert!(has_number("无效（1015）", "1015"));
        assert!(!has_number("110105194912310150", "1015"));
        assert!(unplain("这是私有地址（RFC 1918）", None).is_some());
    }

    /// Words a website owner understands: no finding cites the seed FAQ,
    /// repeats its own MIIT code (shown once, as the badge), or speaks the
    /// trade's jargon; nor does a checklist text.
    #[test]
    fn catalogue_messages_speak_to_website_owners() {
        let mut bad = Vec::new();
        for f in rules() {
            for text in [&f.message.zh_cn, &f.message.en] {
                if let Some(why) = unplain(text, f.code.as_deref()) {
                    bad.push(format!("{} {why}: {text}", f.rule));
                }
            }
        }
        let mut texts: Vec<crate::Message> = Vec::new();
        for kind in crate::model::AttachmentKind::ALL {
            texts.push(crate::checklist::title(kind));
        }
        for category in crate::model::ContentCategory::ALL {
            texts.extend(crate::checklist::permit(category));
        }
        let mut full = Filing::default();
        full.subject.subject_type = SubjectType::Enterprise;
        full.subject.name = "某某有限公司".into();
        full.subject.responsible_person_role =
            Some(crate::model::ResponsiblePersonRole::Authorised);
        full.websites.push(Website {
            name: "中国某某网".into(),
            domain_owner: "张三".into(),
            content_categories: crate::model::ContentCategory::ALL.to_vec(),
            ..Website::default()
        });
        let mut lists = vec![crate::checklist::checklist(&full)];
        for subject_type in crate::model::SubjectType::ALL {
            lists.push(crate::checklist::for_subject_type(subject_type));
        }
        for item in lists.into_iter().flatten() {
            texts.push(item.title);
            texts.push(item.note);
        }
        for m in texts {
            for text in [&m.zh_cn, &m.en] {
                if let Some(why) = unplain(text, None) {
                    bad.push(format!("checklist {why}: {text}"));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn catalogue_entries_have_both_languages() {
        for f in rules() {
            assert!(
                !f.message.zh_cn.trim().is_empty() && !f.message.en.trim().is_empty(),
                "{}",
                f.rule
            );
            assert!(f.path.is_empty());
        }
    }
}
