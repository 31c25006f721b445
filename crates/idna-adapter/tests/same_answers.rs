//! Every answer of the adapter is the one idna_adapter 1.2.2 gives from
//! ICU4X's data, for every code point: its masks (copied from 1.2.2's
//! src/lib.rs as lists of the ICU4X values) against ours.
use icu_properties::props::{BidiClass as B, GeneralCategory as G, JoiningType as J};
use icu_properties::CodePointMapData;
use idna_adapter::*;

const RTL: &[B] = &[B::RightToLeft, B::ArabicLetter, B::ArabicNumber];
const FIRST: &[B] = &[B::LeftToRight, B::RightToLeft, B::ArabicLetter];
const LAST_LTR: &[B] = &[B::LeftToRight, B::EuropeanNumber];
const LAST_RTL: &[B] = &[
    B::RightToLeft,
    B::ArabicLetter,
    B::EuropeanNumber,
    B::ArabicNumber,
];
const MIDDLE_LTR: &[B] = &[
    B::LeftToRight,
    B::EuropeanNumber,
    B::EuropeanSeparator,
    B::CommonSeparator,
    B::EuropeanTerminator,
    B::OtherNeutral,
    B::BoundaryNeutral,
    B::NonspacingMark,
];
const MIDDLE_RTL: &[B] = &[
    B::RightToLeft,
    B::ArabicLetter,
    B::ArabicNumber,
    B::EuropeanNumber,
    B::EuropeanSeparator,
    B::CommonSeparator,
    B::EuropeanTerminator,
    B::OtherNeutral,
    B::BoundaryNeutral,
    B::NonspacingMark,
];

fn chars() -> impl Iterator<Item = char> {
    (0..=0x10FFFF).filter_map(char::from_u32)
}

#[test]
fn is_mark_is_the_general_category_mark() {
    let gc = CodePointMapData::<G>::new();
    let adapter = Adapter::new();
    for c in chars() {
        let want = matches!(
            gc.get(c),
            G::NonspacingMark | G::SpacingMark | G::EnclosingMark
        );
        assert_eq!(adapter.is_mark(c), want, "U+{:04X}", c as u32);
    }
}

#[test]
fn bidi_class_answers_every_mask_as_icu4x() {
    let bc = CodePointMapData::<B>::new();
    let adapter = Adapter::new();
    let masks = [
        (RTL_MASK, RTL),
        (FIRST_BC_MASK, FIRST),
        (LAST_LTR_MASK, LAST_LTR),
        (LAST_RTL_MASK, LAST_RTL),
        (MIDDLE_LTR_MASK, MIDDLE_LTR),
        (MIDDLE_RTL_MASK, MIDDLE_RTL),
    ];
    for c in chars() {
        let want = bc.get(c);
        let got = adapter.bidi_class(c);
        for (i, (mask, members)) in masks.iter().enumerate() {
            assert_eq!(
                got.to_mask().intersects(*mask),
                members.contains(&want),
                "U+{:04X} mask {i}",
                c as u32
            );
        }
        assert_eq!(got.is_ltr(), want == B::LeftToRight, "U+{:04X}", c as u32);
        assert_eq!(got.is_nonspacing_mark(), want == B::NonspacingMark);
        assert_eq!(got.is_european_number(), want == B::EuropeanNumber);
        assert_eq!(got.is_arabic_number(), want == B::ArabicNumber);
    }
}

#[test]
fn joining_type_answers_every_mask_as_icu4x() {
    let jt = CodePointMapData::<J>::new();
    let adapter = Adapter::new();
    for c in chars() {
        let want = jt.get(c);
        let got = adapter.joining_type(c);
        assert_eq!(
            got.to_mask().intersects(LEFT_OR_DUAL_JOINING_MASK),
            matches!(want, J::LeftJoining | J::DualJoining),
            "U+{:04X}",
            c as u32
        );
        assert_eq!(
            got.to_mask().intersects(RIGHT_OR_DUAL_JOINING_MASK),
            matches!(want, J::RightJoining | J::DualJoining),
            "U+{:04X}",
            c as u32
        );
        assert_eq!(
            got.is_transparent(),
            want == J::Transparent,
            "U+{:04X}",
            c as u32
        );
    }
}
