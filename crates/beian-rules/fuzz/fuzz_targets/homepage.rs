//! Homepage URLs on arbitrary strings: no panic, and an accepted homepage
//! is read the same way again from its canonical form.
#![no_main]

use beian_rules::homepage;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (domain, url) = input;
    let domains = [domain.to_string()];
    let _ = homepage::findings(url, &domains, "/p");
    let _ = homepage::host_of(url);
    let host = homepage::url_host(url);
    let canonical = homepage::canonical(url);
    if let Ok(h) = homepage::validate(url, &domains) {
        assert_eq!(host.as_deref(), Ok(h.as_str()));
        assert_eq!(homepage::validate(&canonical, &domains), Ok(h.clone()));
        assert_eq!(homepage::canonical(&canonical), canonical);
    }
});
