//! Every public function of the rules is total: no panic on any input.

use beian_rules::{
    check, check_field, domain, homepage, json, psl, resident_id, Date, FieldContext, FieldKind,
    Filing, Subject, Website,
};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9xX０-９ ]{0,20}",
        "[a-zA-Z0-9.:/@\\-_\\[\\]例子中国。]{0,40}",
        "(https?://)?([a-z0-9例]{1,5}\\.){0,4}(com|cn|中国|com\\.cn)(:[0-9]{1,6})?(/[a-z]{0,3})?",
    ]
}

/// URL-like text: a scheme or none, the separators browsers accept,
/// userinfo, an IP literal, a listed-looking or odd host, a port, a path,
/// tabs, newlines and an ideographic space.
fn url_like() -> impl Strategy<Value = String> {
    concat!(
        r"[ \t]{0,2}((?i:https?)|ftp|mailto|javascript|a\.b)?(:|://|:/|:\\\\|:\\/)?",
        r"([a-z]{0,3}(:[a-z]{0,3})?@)?",
        r"(\[[0-9a-f:.]{0,12}\]|(www\.)?(example|例子)\.(com|cn|中国)",
        r"|[a-z0-9%._\-例\t\n]{0,12}\.(com|cn|中国|1|0x7f|256))?",
        r"(:[0-9]{0,6})?([/\\?#][a-z0-9/\\@.%]{0,8})?[ \t\x{3000}]{0,2}",
    )
}

/// A URL-like homepage built around a domain, and that domain (or another
/// one): the accepted case is common, not a lucky draw.
fn homepage_and_domain() -> impl Strategy<Value = (String, String)> {
    let domain = r"(example|例子|xn--fsqu00a|EXAMPLE)\.(com|cn|中国|com\.cn)";
    (
        r"[ \t]{0,2}((?i:https?)|ftp|a\.b)?(:|://|:/|:\\\\|:\\/)?([a-z]{0,2}(:[a-z]{0,2})?@)?",
        r"((www|[a-z0-9%_\-例\t]{0,4})\.)?",
        domain,
        r"(:[0-9]{0,6})?([/\\?#][a-z0-9/\\@.%]{0,8})?[ \t\x{3000}]{0,2}",
        domain,
        any::<bool>(),
    )
        .prop_map(|(pre, sub, host, post, other, same)| {
            let url = format!("{pre}{sub}{host}{post}");
            (url, if same { host } else { other })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn identifiers_never_panic(s in text()) {
        let _ = resident_id::compact(&s);
        let _ = resident_id::validate(&s, Date::new(2026, 11, 25));
        let _ = resident_id::findings(&s, "/p", None);
        let _ = resident_id::format(&s);
        let _ = resident_id::check_char(&s);
        let _ = resident_id::convert_old(&s);
    }

    #[test]
    fn domains_never_panic(s in text(), d in text()) {
        let _ = domain::validate(&s);
        let _ = domain::findings(&s, "/p");
        let _ = domain::to_ascii(&s);
        let _ = domain::to_unicode(&s);
        let _ = domain::is_plain_ascii_host(&s);
        let _ = domain::registrable_domain(&s);
        let _ = domain::registrable_start(s.as_bytes());
        let _ = psl::parts(&s);
        let _ = homepage::validate(&s, std::slice::from_ref(&d));
        let _ = homepage::findings(&s, &[d], "/p");
        let _ = homepage::host_of(&s);
        let _ = homepage::url_host(&s);
        let _ = homepage::canonical(&s);
    }

    /// Homepage URLs as people and attackers write them: any scheme or none,
    /// `\\` for `/`, userinfo, brackets, percent-escapes, tabs, ports. No
    /// panic; an accepted homepage is read the same again from its
    /// canonical form, which is stable.
    #[test]
    fn homepages_never_panic_and_canonical_is_stable(
        (s, d) in prop_oneof![(text(), text()), (url_like(), text()), homepage_and_domain()],
    ) {
        let domains = [d];
        let _ = homepage::findings(&s, &domains, "/p");
        let _ = homepage::host_of(&s);
        let host = homepage::url_host(&s);
        let canonical = homepage::canonical(&s);
        if let Ok(h) = homepage::validate(&s, &domains) {
            prop_assert_eq!(host.as_deref(), Ok(h.as_str()));
            prop_assert_eq!(homepage::validate(&canonical, &domains), Ok(h.clone()));
            prop_assert_eq!(homepage::canonical(&canonical), canonical);
        }
    }

    #[test]
    fn fields_and_filings_never_panic(id in text(), d in text(), h in text()) {
        for kind in FieldKind::ALL {
            let ctx = FieldContext { domains: vec![d.clone()], ..FieldContext::default() };
            let r = check_field(kind, &id, &ctx);
            // ok is exactly "no error finding".
            prop_assert_eq!(r.ok, !r.findings.iter().any(|f| f.is_error()));
        }
        let filing = Filing {
            subject: Subject { document_number: id, ..Subject::default() },
            websites: vec![Website { domains: vec![d], homepage: h, ..Website::default() }],
        };
        let _ = check(&filing);
    }

    #[test]
    fn json_readers_never_panic(s in prop_oneof![text(), "[\\[\\]{}\":,0-9a-z\\\\ ]{0,60}"]) {
        let _ = json::parse(&s);
        let _ = Filing::from_json(&s);
        let _ = FieldContext::from_json(&s);
        let _ = beian_rules::path_in_words(&s);
    }

    /// A suggestion, applied, removes the finding it came with.
    #[test]
    fn suggestions_fix_what_they_suggest(s in text()) {
        for f in domain::findings(&s, "/p") {
            if let Some(fix) = &f.suggestion {
                prop_assert!(domain::findings(fix, "/p").iter().all(|g| g.rule != f.rule), "{} -> {}", s, fix);
            }
        }
        for f in resident_id::findings(&s, "/p", None) {
            if let Some(fix) = &f.suggestion {
                prop_assert!(resident_id::findings(fix, "/p", None).is_empty(), "{} -> {}", s, fix);
            }
        }
    }
}
