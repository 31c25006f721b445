//! Administrative division codes (GB/T 2260, county level and above).
//!
//! Data: every code since 1981 with its successors, from the Ministry of
//! Civil Affairs' lists as compiled in `data/divisions/` (see SOURCE.md
//! there for source, licence and date). Seed: 002 #9 (1019: a county merged
//! away no longer exists; pick the new one).

pub use crate::generated::divisions::DIVISIONS;

/// Level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// 省级: province, autonomous region, municipality.
    Province,
    /// 地级: prefecture-level city, prefecture, league.
    City,
    /// 县级: county, district, county-level city, banner.
    County,
}

/// One record of a division code: a code may have several records when it
/// was retired and later reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Division {
    /// Six-digit code, e.g. `110105`.
    pub code: u32,
    /// Name, e.g. `朝阳区`.
    pub name: &'static str,
    /// Level.
    pub level: Level,
    /// First year in use.
    pub first_year: u16,
    /// Year of retirement (exclusive end of use), 0 while in use.
    pub retired_year: u16,
    /// Successor codes separated by `;`, a year in brackets where the change
    /// happened in another year than the retirement.
    pub successors: &'static str,
}

impl Division {
    /// True while the code is in use.
    pub fn in_use(&self) -> bool {
        self.retired_year == 0
    }
}

/// Every record of `code` (empty when the code never existed).
///
/// ```
/// let records = beian_rules::division::records(110103);
/// assert_eq!(records[0].name, "崇文区");
/// assert!(!records[0].in_use());
/// assert!(beian_rules::division::records(130171).is_empty()); // statistics-only code
/// ```
pub fn records(code: u32) -> &'static [Division] {
    let start = DIVISIONS.partition_point(|d| d.code < code);
    let end = DIVISIONS.partition_point(|d| d.code <= code);
    &DIVISIONS[start..end]
}

/// True when `code` has ever been a civil-affairs division code (what a
/// resident ID's region part must be: IDs keep the code of their issue).
pub fn ever_existed(code: u32) -> bool {
    !records(code).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert!(DIVISIONS
            .windows(2)
            .all(|w| (w[0].code, w[0].first_year) <= (w[1].code, w[1].first_year)));
        // 6,823 rows in result.csv of 2025-11-04.
        assert_eq!(DIVISIONS.len(), 6823);
    }

    #[test]
    fn retired_code_names_successor() {
        // 002 #9: 宣武区 was merged into 西城区 (110102) in 2010.
        let r = records(110104);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].retired_year, 2010);
        assert_eq!(r[0].successors, "110102");
    }

    #[test]
    fn unknown_codes() {
        assert!(!ever_existed(0));
        assert!(!ever_existed(999999));
        assert!(ever_existed(110000));
    }
}
