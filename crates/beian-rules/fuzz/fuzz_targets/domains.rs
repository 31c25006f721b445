//! Domain and homepage parsing on arbitrary strings: no panic, and a valid
//! domain's ASCII form is itself valid.
#![no_main]

use beian_rules::{domain, homepage, psl};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (a, b) = input;
    if let Ok(d) = domain::validate(a) {
        assert!(domain::is_valid(d.ascii()));
        assert_eq!(psl::registrable_domain(d.ascii()), Some(d.ascii()));
    }
    let _ = domain::findings(a, "/p");
    let _ = psl::parts(a);
    let _ = homepage::findings(b, &[a.to_string()], "/p");
    let _ = homepage::host_of(b);
});
