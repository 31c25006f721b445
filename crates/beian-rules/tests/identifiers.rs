//! Property tests of the identifier modules: generated valid numbers pass,
//! single-character changes fail (or get a mechanical fix), `compact` is
//! idempotent, and nothing panics on any string.

use beian_rules::travel_permit::Permit;
use beian_rules::{
    business_registration, division, foreign_permanent_residence, org_code, passport,
    residence_permit, resident_id, travel_permit, uscc, Date,
};
use proptest::prelude::*;

fn county_in_use() -> impl Strategy<Value = u32> {
    let codes: Vec<u32> = division::all()
        .iter()
        .filter(|d| d.in_use() && d.level == division::Level::County)
        .map(|d| d.code)
        .collect();
    proptest::sample::select(codes)
}

fn birth_date() -> impl Strategy<Value = (u16, u8, u8)> {
    (1900u16..2026, 1u8..=12, 1u8..=28)
}

fn resident_id_number() -> impl Strategy<Value = String> {
    (county_in_use(), birth_date(), 0u32..1000).prop_map(|(region, (y, m, d), seq)| {
        let first17 = format!("{region:06}{y:04}{m:02}{d:02}{seq:03}");
        format!("{first17}{}", resident_id::check_char(&first17).unwrap())
    })
}

fn uscc_number() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = uscc::ALPHABET.chars().collect();
    let authority = proptest::sample::select(vec![
        ('9', '1'),
        ('9', '2'),
        ('9', '3'),
        ('1', '1'),
        ('5', '1'),
        ('N', '2'),
        ('Y', '1'),
    ]);
    let body = proptest::collection::vec(proptest::sample::select(alphabet), 8);
    (authority, county_in_use(), body).prop_filter_map(
        "organisation code body",
        |((a, t), region, body)| {
            let body: String = body.into_iter().collect();
            let org = format!("{body}{}", org_code::check_char(&body)?);
            let first17 = format!("{a}{t}{region:06}{org}");
            Some(format!("{first17}{}", uscc::check_char(&first17)?))
        },
    )
}

/// Every other character at position `i`, from `chars`.
fn substitutions(s: &str, chars: &str) -> Vec<String> {
    let v: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for i in 0..v.len() {
        for c in chars.chars() {
            if v[i] != c {
                let mut w = v.clone();
                w[i] = c;
                out.push(w.into_iter().collect());
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_resident_ids_pass(n in resident_id_number()) {
        prop_assert!(resident_id::is_valid(&n), "{}", n);
        prop_assert!(resident_id::findings(&n, "/p", Date::new(2026, 11, 25)).is_empty());
        prop_assert_eq!(resident_id::format(&n.to_lowercase()), Some(n.clone()));
    }

    #[test]
    fn resident_id_substitutions_fail_or_get_a_fix(n in resident_id_number()) {
        for s in substitutions(&n, "0123456789Xx") {
            let f = resident_id::findings(&s, "/p", None);
            if resident_id::compact(&s) == n {
                // Only the case of the last character changed: a fix is offered.
                prop_assert_eq!(f[0].suggestion.as_deref(), Some(n.as_str()));
            } else {
                prop_assert!(!resident_id::is_valid(&s), "{} from {}", s, n);
            }
        }
    }

    #[test]
    fn generated_usccs_pass_and_substitutions_fail(n in uscc_number()) {
        prop_assert!(uscc::is_valid(&n), "{}", n);
        for s in substitutions(&n, uscc::ALPHABET) {
            prop_assert!(!uscc::is_valid(&s), "{} from {}", s, n);
        }
        prop_assert!(org_code::is_valid(&n[8..17]));
    }

    #[test]
    fn residence_permits_and_new_foreign_ids(origin in proptest::sample::select(vec!["810000", "820000", "830000"]), (y, m, d) in birth_date(), seq in 0u32..1000) {
        let first17 = format!("{origin}{y:04}{m:02}{d:02}{seq:03}");
        let n = format!("{first17}{}", resident_id::check_char(&first17).unwrap());
        prop_assert!(residence_permit::is_valid(&n));
        for s in substitutions(&n, "0123456789X") {
            prop_assert!(!residence_permit::is_valid(&s), "{}", s);
        }
        let first17 = format!("9{}", &first17[1..]);
        let n = format!("{first17}{}", resident_id::check_char(&first17).unwrap());
        prop_assert!(foreign_permanent_residence::is_valid(&n));
    }

    #[test]
    fn business_registration_numbers(region in county_in_use(), seq in 0u64..100_000_000) {
        let first14 = format!("{region:06}{seq:08}");
        let n = format!("{first14}{}", business_registration::check_digit(&first14).unwrap());
        prop_assert!(business_registration::is_valid(&n));
        for s in substitutions(&n[6..], "0123456789") {
            let s = format!("{}{}", &n[..6], s);
            prop_assert!(!business_registration::is_valid(&s), "{}", s);
        }
    }

    #[test]
    fn compact_is_idempotent(s in any::<String>()) {
        for compact in [resident_id::compact, uscc::compact, org_code::compact, business_registration::compact,
                        residence_permit::compact, foreign_permanent_residence::compact, passport::compact, travel_permit::compact] {
            let once = compact(&s);
            prop_assert_eq!(compact(&once), once.clone());
        }
    }

    #[test]
    fn nothing_panics(s in prop_oneof![any::<String>(), "[0-9A-Za-zＸ０-９身份证号码：\\-() 啊]{0,24}"]) {
        let today = Date::new(2026, 11, 25);
        let _ = resident_id::validate(&s, today);
        let _ = uscc::validate(&s);
        let _ = uscc::findings(&s, "/p");
        let _ = uscc::check_char(&s);
        let _ = org_code::findings(&s, "/p");
        let _ = org_code::check_char(&s);
        let _ = org_code::format(&s);
        let _ = business_registration::findings(&s, "/p");
        let _ = business_registration::check_digit(&s);
        let _ = residence_permit::findings(&s, "/p", today);
        let _ = foreign_permanent_residence::findings(&s, "/p");
        let _ = passport::findings(&s, "/p");
        let _ = passport::is_chinese(&s);
        let _ = travel_permit::findings(Permit::HkMacau, &s, "/p");
        let _ = travel_permit::findings(Permit::Taiwan, &s, "/p");
        let _ = division::findings(&s, &s, &s, "/p");
        let _ = division::successors_now(s.len() as u32);
    }
}

/// A popular Rust ID crate panics on this input (multi-byte characters
/// where digits are expected).
#[test]
fn multibyte_input_is_an_error_not_a_panic() {
    assert!(resident_id::validate("身份证号码啊", None).is_err());
    assert!(resident_id::validate("11010519491231002啊", None).is_err());
    assert!(uscc::validate("9144030071526726X啊").is_err());
}
