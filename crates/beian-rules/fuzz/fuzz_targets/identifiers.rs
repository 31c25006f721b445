//! Every identifier parser on arbitrary strings: no panic, and a valid
//! number's canonical form is valid and stable.
#![no_main]

use beian_rules::travel_permit::Permit;
use beian_rules::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let today = Date::new(2026, 11, 25);
    if let Ok(id) = resident_id::validate(s, today) {
        assert!(resident_id::is_valid(id.as_str()));
        assert_eq!(resident_id::compact(id.as_str()), id.as_str());
    }
    if let Some(c) = uscc::format(s) {
        assert!(uscc::is_valid(&c));
    }
    if let Some(c) = org_code::format(s) {
        assert!(org_code::is_valid(&c));
    }
    let _ = business_registration::findings(s, "/p");
    let _ = residence_permit::findings(s, "/p", today);
    let _ = foreign_permanent_residence::findings(s, "/p");
    let _ = passport::findings(s, "/p");
    let _ = travel_permit::findings(Permit::HkMacau, s, "/p");
    let _ = travel_permit::findings(Permit::Taiwan, s, "/p");
    let _ = division::findings(s, s, s, "/p");
    // The contract of every identifier of the registry.
    for kind in IdentifierKind::ALL {
        let once = kind.compact(s);
        assert_eq!(kind.compact(&once), once, "{kind}");
        let context = identifier::Context { today };
        let _ = kind.findings(s, "/p", context);
        if let Some(c) = kind.format(s) {
            assert!(kind.is_valid(&c), "{kind}");
            assert_eq!(kind.format(&c).as_deref(), Some(c.as_str()), "{kind}");
        }
    }
    for kind in FieldKind::ALL {
        let r = check_field(kind, s, &FieldContext::default());
        assert_eq!(r.ok, !r.findings.iter().any(|f| f.is_error()));
    }
});
