//! Writes the three property tables the `idna` crate asks about (see
//! src/lib.rs) from ICU4X's own data, as sorted run starts.
use icu_properties::props::{BidiClass, GeneralCategory, JoiningType};
use icu_properties::CodePointMapData;
use std::fmt::Write;

/// Run starts of `f` over all code points (surrogates take the value before them).
fn runs<V: PartialEq + Copy>(f: impl Fn(char) -> V) -> Vec<(u32, V)> {
    let mut out: Vec<(u32, V)> = Vec::new();
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let v = f(c);
        if out.last().is_none_or(|&(_, last)| last != v) {
            out.push((cp, v));
        }
    }
    out
}

fn main() {
    let gc = CodePointMapData::<GeneralCategory>::new();
    let bc = CodePointMapData::<BidiClass>::new();
    let jt = CodePointMapData::<JoiningType>::new();
    let mut src = String::new();

    let mark = runs(|c| {
        matches!(
            gc.get(c),
            GeneralCategory::NonspacingMark
                | GeneralCategory::SpacingMark
                | GeneralCategory::EnclosingMark
        )
    });
    assert!(!mark[0].1);
    writeln!(
        src,
        "pub(crate) static MARK: [u32; {}] = {:?};",
        mark.len() - 1,
        mark[1..].iter().map(|r| r.0).collect::<Vec<_>>()
    )
    .unwrap();

    let bidi = runs(|c| {
        use BidiClass as B;
        match bc.get(c) {
            B::LeftToRight => 1u8,
            B::RightToLeft => 2,
            B::ArabicLetter => 3,
            B::ArabicNumber => 4,
            B::EuropeanNumber => 5,
            B::NonspacingMark => 6,
            B::EuropeanSeparator
            | B::CommonSeparator
            | B::EuropeanTerminator
            | B::OtherNeutral
            | B::BoundaryNeutral => 7,
            _ => 0,
        }
    });
    writeln!(
        src,
        "pub(crate) static BIDI_START: [u32; {}] = {:?};",
        bidi.len(),
        bidi.iter().map(|r| r.0).collect::<Vec<_>>()
    )
    .unwrap();
    writeln!(
        src,
        "pub(crate) static BIDI_CLASS: [u8; {}] = {:?};",
        bidi.len(),
        bidi.iter().map(|r| r.1).collect::<Vec<_>>()
    )
    .unwrap();

    let join = runs(|c| {
        use JoiningType as J;
        match jt.get(c) {
            J::DualJoining => 1u8,
            J::LeftJoining => 2,
            J::RightJoining => 3,
            J::Transparent => 4,
            _ => 0,
        }
    });
    writeln!(
        src,
        "pub(crate) static JOIN_START: [u32; {}] = {:?};",
        join.len(),
        join.iter().map(|r| r.0).collect::<Vec<_>>()
    )
    .unwrap();
    writeln!(
        src,
        "pub(crate) static JOIN_TYPE: [u8; {}] = {:?};",
        join.len(),
        join.iter().map(|r| r.1).collect::<Vec<_>>()
    )
    .unwrap();

    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("tables.rs");
    std::fs::write(out, src).unwrap();
    println!("cargo:rerun-if-changed=build.rs");
    eprintln!(
        "mark {} bidi {} join {}",
        mark.len(),
        bidi.len(),
        join.len()
    );
}
