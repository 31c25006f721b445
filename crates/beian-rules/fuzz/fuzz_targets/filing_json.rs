//! Arbitrary bytes as a JSON filing: parse errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(filing) = serde_json::from_slice::<beian_rules::Filing>(data) {
        let _ = beian_rules::check(&filing);
    }
});
