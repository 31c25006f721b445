//! The contact, name and number parsers on arbitrary strings: no panic,
//! every finding listed in the rules catalogue, and a canonical form that
//! is valid and stable.
#![no_main]

use beian_rules::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (s, username) = input;
    for subject_type in [None, Some(SubjectType::Individual), Some(SubjectType::Enterprise)] {
        let extra = FieldExtra {
            username: username.to_string(),
            subject_type,
        };
        for kind in FieldKind::ALL {
            let r = check_field_with(kind, s, &FieldContext::default(), &extra);
            assert_eq!(r.ok, !r.findings.iter().any(|f| f.is_error()));
            assert!(r.findings.iter().all(catalogue::is_listed));
        }
    }
    for format in [
        phone::format_mobile,
        phone::format_landline,
        email::format,
        ip::format,
        filing_number::format,
        website_name::format,
    ] {
        if let Some(clean) = format(s) {
            assert_eq!(format(&clean).as_deref(), Some(clean.as_str()));
        }
    }
    let _ = ip::list_findings(&[s.to_string(), username.to_string()], "/ips");
});
