//! Arbitrary bytes as a JSON filing: parse errors are fine, panics are not.
//! Both readers run: serde's derive and `Filing::from_json`, which must
//! accept only what serde accepts and give the same filing; then the
//! whole-filing checks, whose findings are all in the rules catalogue.
#![no_main]

use beian_rules::{catalogue, check_submission, check_with, Date, Filing, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = Options {
        today: Date::new(2026, 11, 25),
    };
    let serde = serde_json::from_slice::<Filing>(data);
    if let Ok(filing) = &serde {
        let _ = beian_rules::check(filing);
        for f in check_submission(filing, &options) {
            assert!(catalogue::is_listed(&f), "{f:?}");
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        match Filing::from_json(text) {
            Ok(filing) => {
                assert_eq!(serde.as_ref().ok(), Some(&filing));
                let _ = check_with(&filing, &options);
            }
            Err(e) => assert_eq!(e.code(), "5001"),
        }
    }
});
