// Derived from idna_adapter 1.2.2 (crates.io), Copyright The rust-url
// developers, licensed under the Apache License, Version 2.0 or the MIT
// license, at your option; the property tables are beian's.

//! beian's copy of [`idna_adapter`](https://docs.rs/idna_adapter/1.2.2)
//! 1.2.2, the ICU4X 2 back end of the `idna` crate, put in place of the
//! published crate by `[patch.crates-io]` in the workspace's Cargo.toml.
//!
//! The mapping and normalisation (UTS #46) are ICU4X's, called exactly as
//! 1.2.2 calls them. The three properties the `idna` crate asks about are
//! answered from smaller tables, written by `build.rs` from ICU4X's own
//! data at build time, so that they give the same answer for every code
//! point (`tests/same_answers.rs` checks all of them):
//!
//! - whether a code point is a mark (General_Category Mn, Mc or Me), the
//!   only question asked of the general category: a sorted list of the
//!   boundaries of the marks' ranges instead of the whole General_Category
//!   trie;
//! - the Bidi_Class, with the classes that no check tells apart (ES, CS,
//!   ET, ON and BN are in the same masks; the classes in no mask are one)
//!   merged, as run starts;
//! - the Joining_Type, with the types that no check tells apart merged.
//!
//! What it saves, and the other back ends measured: README.md here.

#![no_std]

use icu_normalizer::uts46::Uts46MapperBorrowed;

mod tables {
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}

// The merged classes of build.rs.
const BC_L: u8 = 1;
const BC_R: u8 = 2;
const BC_AL: u8 = 3;
const BC_AN: u8 = 4;
const BC_EN: u8 = 5;
const BC_NSM: u8 = 6;
/// ES, CS, ET, ON and BN.
const BC_NEUTRAL: u8 = 7;

const JT_D: u8 = 1;
const JT_L: u8 = 2;
const JT_R: u8 = 3;
const JT_T: u8 = 4;

const fn bit(class: u8) -> u32 {
    1 << class
}

/// The index of the run that holds `c`: `starts` is sorted and starts at 0.
#[inline]
fn run(starts: &[u32], c: char) -> usize {
    starts.partition_point(|&s| s <= c as u32) - 1
}

/// Mask for checking for both left and dual joining.
pub const LEFT_OR_DUAL_JOINING_MASK: JoiningTypeMask = JoiningTypeMask(bit(JT_L) | bit(JT_D));

/// Mask for checking for both left and dual joining.
pub const RIGHT_OR_DUAL_JOINING_MASK: JoiningTypeMask = JoiningTypeMask(bit(JT_R) | bit(JT_D));

/// Mask for checking if the domain is a bidi domain.
pub const RTL_MASK: BidiClassMask = BidiClassMask(bit(BC_R) | bit(BC_AL) | bit(BC_AN));

/// Mask for allowable bidi classes in the first character of a label
/// (either LTR or RTL) in a bidi domain.
pub const FIRST_BC_MASK: BidiClassMask = BidiClassMask(bit(BC_L) | bit(BC_R) | bit(BC_AL));

// Mask for allowable bidi classes of the last (non-Non-Spacing Mark)
// character in an LTR label in a bidi domain.
pub const LAST_LTR_MASK: BidiClassMask = BidiClassMask(bit(BC_L) | bit(BC_EN));

// Mask for allowable bidi classes of the last (non-Non-Spacing Mark)
// character in an RTL label in a bidi domain.
pub const LAST_RTL_MASK: BidiClassMask =
    BidiClassMask(bit(BC_R) | bit(BC_AL) | bit(BC_EN) | bit(BC_AN));

// Mask for allowable bidi classes of the middle characters in an LTR label in a bidi domain.
pub const MIDDLE_LTR_MASK: BidiClassMask =
    BidiClassMask(bit(BC_L) | bit(BC_EN) | bit(BC_NEUTRAL) | bit(BC_NSM));

// Mask for allowable bidi classes of the middle characters in an RTL label in a bidi domain.
pub const MIDDLE_RTL_MASK: BidiClassMask =
    BidiClassMask(bit(BC_R) | bit(BC_AL) | bit(BC_AN) | bit(BC_EN) | bit(BC_NEUTRAL) | bit(BC_NSM));

/// Value for the Joining_Type Unicode property (merged, see the crate docs).
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct JoiningType(u8);

impl JoiningType {
    /// Returns the corresponding `JoiningTypeMask`.
    #[inline(always)]
    pub fn to_mask(self) -> JoiningTypeMask {
        JoiningTypeMask(bit(self.0))
    }

    // `true` iff this value is the Transparent value.
    #[inline(always)]
    pub fn is_transparent(self) -> bool {
        self.0 == JT_T
    }
}

/// A mask representing potentially multiple `JoiningType`
/// values.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct JoiningTypeMask(u32);

impl JoiningTypeMask {
    /// `true` iff both masks have at `JoiningType` in common.
    #[inline(always)]
    pub fn intersects(self, other: JoiningTypeMask) -> bool {
        self.0 & other.0 != 0
    }
}

/// Value for the Bidi_Class Unicode property (merged, see the crate docs).
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct BidiClass(u8);

impl BidiClass {
    /// Returns the corresponding `BidiClassMask`.
    #[inline(always)]
    pub fn to_mask(self) -> BidiClassMask {
        BidiClassMask(bit(self.0))
    }

    /// `true` iff this value is Left_To_Right
    #[inline(always)]
    pub fn is_ltr(self) -> bool {
        self.0 == BC_L
    }

    /// `true` iff this value is Nonspacing_Mark
    #[inline(always)]
    pub fn is_nonspacing_mark(self) -> bool {
        self.0 == BC_NSM
    }

    /// `true` iff this value is European_Number
    #[inline(always)]
    pub fn is_european_number(self) -> bool {
        self.0 == BC_EN
    }

    /// `true` iff this value is Arabic_Number
    #[inline(always)]
    pub fn is_arabic_number(self) -> bool {
        self.0 == BC_AN
    }
}

/// A mask representing potentially multiple `BidiClass`
/// values.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct BidiClassMask(u32);

impl BidiClassMask {
    /// `true` iff both masks have at `BidiClass` in common.
    #[inline(always)]
    pub fn intersects(self, other: BidiClassMask) -> bool {
        self.0 & other.0 != 0
    }
}

/// An adapter between a Unicode back end an the `idna` crate.
pub struct Adapter {
    mapper: Uts46MapperBorrowed<'static>,
}

#[cfg(feature = "compiled_data")]
impl Default for Adapter {
    fn default() -> Self {
        Self::new()
    }
}

impl Adapter {
    /// Constructor using data compiled into the binary.
    #[cfg(feature = "compiled_data")]
    #[inline(always)]
    pub const fn new() -> Self {
        Self {
            mapper: Uts46MapperBorrowed::new(),
        }
    }

    /// `true` iff the Canonical_Combining_Class of `c` is Virama.
    #[inline(always)]
    pub fn is_virama(&self, c: char) -> bool {
        self.mapper.is_virama(c)
    }

    /// `true` iff the General_Category of `c` is Mark, i.e. any of Nonspacing_Mark,
    /// Spacing_Mark, or Enclosing_Mark.
    #[inline(always)]
    pub fn is_mark(&self, c: char) -> bool {
        // Marks are the runs after an odd number of boundaries.
        tables::MARK.partition_point(|&b| b <= c as u32) % 2 == 1
    }

    /// Returns the Bidi_Class of `c`.
    #[inline(always)]
    pub fn bidi_class(&self, c: char) -> BidiClass {
        BidiClass(tables::BIDI_CLASS[run(&tables::BIDI_START, c)])
    }

    /// Returns the Joining_Type of `c`.
    #[inline(always)]
    pub fn joining_type(&self, c: char) -> JoiningType {
        JoiningType(tables::JOIN_TYPE[run(&tables::JOIN_START, c)])
    }

    /// See the [method of the same name in `icu_normalizer`][1] for the
    /// exact semantics.
    ///
    /// [1]: https://docs.rs/icu_normalizer/latest/icu_normalizer/uts46/struct.Uts46Mapper.html#method.map_normalize
    #[inline(always)]
    pub fn map_normalize<'delegate, I: Iterator<Item = char> + 'delegate>(
        &'delegate self,
        iter: I,
    ) -> impl Iterator<Item = char> + 'delegate {
        self.mapper.map_normalize(iter)
    }

    /// See the [method of the same name in `icu_normalizer`][1] for the
    /// exact semantics.
    ///
    /// [1]: https://docs.rs/icu_normalizer/latest/icu_normalizer/uts46/struct.Uts46Mapper.html#method.normalize_validate
    #[inline(always)]
    pub fn normalize_validate<'delegate, I: Iterator<Item = char> + 'delegate>(
        &'delegate self,
        iter: I,
    ) -> impl Iterator<Item = char> + 'delegate {
        self.mapper.normalize_validate(iter)
    }
}
