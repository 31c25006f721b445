//! Deadlines: the 20-working-day review period and the annual review date.
//!
//! Working days are Monday to Friday, except the days off of statutory
//! holidays, plus the adjusted working days (调休上班) on weekends.
//!
//! - **Official years**: the State Council's yearly notices, embedded in
//!   `data/holidays/cn.txt` (see its SOURCE.md), or a newer schedule in the
//!   same format loaded at run time with [`load_holidays`]; a loaded year
//!   overrides the embedded one.
//! - **Estimated years**: every other year of the lunar table (2000 to
//!   2088): the statutory holidays of the State Council's rules, computed
//!   by [`statutory_days`] (see the `estimate` module), with a make-up day
//!   for each one on a weekend and no adjusted working day. A result that
//!   counted a day of an estimated year says so ([`Deadline::estimated`]).
//! - A date outside the lunar table gives [`UnknownYear`], never a guess.
//!
//! [`Calendar`] holds one such calendar; the free functions use the
//! process-wide one ([`current`]).
//!
//! Seeds: 003 #1 and 002 #43 (twenty working days from the last submission,
//! weekends and statutory holidays excluded), 001 5.6 (annual review one
//! year after the last approval).

mod estimate;
mod schedule;

use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use beian_rules::Date;
use serde::{Deserialize, Serialize};

pub use estimate::{statutory_days, Festival};
pub use schedule::HolidayFileError;

/// Working days the bureau has to decide, from the last submission (003 #1).
pub const REVIEW_WORKING_DAYS: u32 = 20;

const DATA: &str = include_str!("../../data/holidays/cn.txt");

/// A year the calendar cannot tell: outside the years of the lunar table
/// and of any official schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UnknownYear {
    /// The year that is not covered.
    pub year: u16,
    /// The first covered year.
    pub first: u16,
    /// The last covered year.
    pub last: u16,
}

impl std::fmt::Display for UnknownYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no holiday data for {} (the calendar covers {} to {})",
            self.year, self.first, self.last
        )
    }
}

impl std::error::Error for UnknownYear {}

/// What kind of day a date is in China's working calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day (Monday to Friday).
    Workday,
    /// A Saturday or Sunday that is not an adjusted working day.
    Weekend,
    /// A day off of a statutory holiday break (法定节假日).
    Holiday,
    /// A weekend day that is a working day (调休上班).
    AdjustedWorkday,
}

impl DayKind {
    /// True for the days the bureau works.
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::AdjustedWorkday)
    }
}

/// The last day of a review period, and whether it is an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// The date.
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub date: Date,
    /// Some day counted lies in a year with no official holiday schedule:
    /// the date is computed from the statutory holidays and may move when
    /// the schedule is published.
    pub estimated: bool,
    /// Those years, in order (empty when not estimated).
    pub estimated_years: Vec<u16>,
}

/// One year of a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Year {
    /// From an official schedule (else the estimate).
    official: bool,
    /// (day number, working) of the days that are not what the day of the
    /// week says, by day number.
    listed: Vec<(i64, bool)>,
}

/// A working calendar: official schedules where there are, the estimate
/// elsewhere, for the years of the lunar table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    first: u16,
    years: Vec<Year>,
}

impl Calendar {
    /// The embedded official schedule and the estimate. A malformed
    /// embedded file is a build defect caught by the tests; it reads as no
    /// official year at all (every year then an estimate, and said so).
    ///
    /// ```
    /// use beian_flow::calendar::Calendar;
    /// let c = Calendar::embedded();
    /// assert!(c.is_official(2026) && !c.is_official(2030));
    /// ```
    pub fn embedded() -> Calendar {
        let (first, last) = estimate::years();
        let official = schedule::parse(DATA, (first, last)).ok();
        Calendar::build(official.iter())
    }

    /// The embedded calendar with the official schedule `text` (the format
    /// of `data/holidays/cn.txt`) over it: the years of its `years` line
    /// are taken from it.
    ///
    /// ```
    /// use beian_flow::calendar::{Calendar, DayKind};
    /// use beian_rules::Date;
    /// let c = Calendar::with_schedule(
    ///     "years 2027 2027\n2027-01-01 holiday New Year's Day\n2027-02-07 workday Spring Festival",
    /// )
    /// .unwrap();
    /// assert!(c.is_official(2027));
    /// assert_eq!(c.day_kind(Date::parse("2027-02-07").unwrap()), Ok(DayKind::AdjustedWorkday));
    /// let e = Calendar::with_schedule("years 2027 2027\n2027-01-01 holday X").unwrap_err();
    /// assert_eq!(e.to_string(), "line 2: \"holday\" is neither `holiday` nor `workday`");
    /// ```
    pub fn with_schedule(text: &str) -> Result<Calendar, HolidayFileError> {
        let (first, last) = estimate::years();
        let loaded = schedule::parse(text, (first, last))?;
        let embedded = schedule::parse(DATA, (first, last)).ok();
        Ok(Calendar::build(embedded.iter().chain([&loaded])))
    }

    /// Later schedules override earlier ones.
    fn build<'a>(schedules: impl Iterator<Item = &'a schedule::Schedule> + Clone) -> Calendar {
        let (first, last) = estimate::years();
        let years = (first..=last)
            .map(|y| {
                let official = schedules
                    .clone()
                    .filter(|s| s.first <= y && y <= s.last)
                    .last();
                match official {
                    Some(s) => Year {
                        official: true,
                        listed: s
                            .listed
                            .iter()
                            .copied()
                            .filter(|&(n, _)| from_day_number(n).map(|d| d.year()) == Some(y))
                            .collect(),
                    },
                    None => Year {
                        official: false,
                        listed: estimate::days_off(y)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|n| (n, false))
                            .collect(),
                    },
                }
            })
            .collect();
        Calendar { first, years }
    }

    /// The years the calendar covers, first and last.
    pub fn years(&self) -> (u16, u16) {
        match u16::try_from(self.years.len()) {
            Ok(n) if n > 0 => (self.first, self.first + (n - 1)),
            _ => (1, 0),
        }
    }

    /// True when `year` is from an official schedule (embedded or loaded).
    pub fn is_official(&self, year: u16) -> bool {
        self.year(year).is_ok_and(|y| y.official)
    }

    fn year(&self, year: u16) -> Result<&Year, UnknownYear> {
        year.checked_sub(self.first)
            .and_then(|i| self.years.get(usize::from(i)))
            .ok_or_else(|| {
                let (first, last) = self.years();
                UnknownYear { year, first, last }
            })
    }

    /// What kind of day `date` is.
    pub fn day_kind(&self, date: Date) -> Result<DayKind, UnknownYear> {
        let year = self.year(date.year())?;
        let n = day_number(date);
        let weekend = weekday(n) >= 5;
        Ok(
            match year
                .listed
                .binary_search_by_key(&n, |&(d, _)| d)
                .map(|i| year.listed[i].1)
            {
                Ok(false) => DayKind::Holiday,
                Ok(true) if weekend => DayKind::AdjustedWorkday,
                Ok(true) => DayKind::Workday,
                Err(_) if weekend => DayKind::Weekend,
                Err(_) => DayKind::Workday,
            },
        )
    }

    /// True when the bureau works on `date`.
    pub fn is_working_day(&self, date: Date) -> Result<bool, UnknownYear> {
        self.day_kind(date).map(DayKind::is_working)
    }

    /// The `n`-th working day after `date`; see [`add_working_days`].
    pub fn add_working_days(&self, date: Date, n: u32) -> Result<Date, UnknownYear> {
        let mut day = day_number(date);
        let mut left = n;
        while left > 0 {
            day += 1;
            if self.is_working_day(self.date_at(day)?)? {
                left -= 1;
            }
        }
        self.date_at(day)
    }

    /// The last day of the bureau's review; see [`review_deadline`].
    pub fn review_deadline(&self, submitted: Date) -> Result<Deadline, UnknownYear> {
        let date = self.add_working_days(submitted, REVIEW_WORKING_DAYS)?;
        let estimated_years = self.estimated_years(submitted, date);
        Ok(Deadline {
            date,
            estimated: !estimated_years.is_empty(),
            estimated_years,
        })
    }

    /// Working days after `from` up to and including `to`; see
    /// [`working_days_between`].
    pub fn working_days_between(&self, from: Date, to: Date) -> Result<i64, UnknownYear> {
        let (a, b) = (day_number(from), day_number(to));
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut count = 0;
        for n in lo + 1..=hi {
            if self.is_working_day(self.date_at(n)?)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }

    /// The estimated years among those of the days after `from` up to and
    /// including `to` (either order), in order: the days
    /// [`Calendar::working_days_between`] counts.
    ///
    /// ```
    /// use beian_flow::calendar::Calendar;
    /// use beian_rules::Date;
    /// let d = |s| Date::parse(s).unwrap();
    /// let c = Calendar::embedded();
    /// assert_eq!(c.estimated_years(d("2026-12-31"), d("2028-01-01")), [2027, 2028]);
    /// assert!(c.estimated_years(d("2026-01-01"), d("2026-12-31")).is_empty());
    /// // From 31 December: that day is not counted, 1 January is.
    /// assert_eq!(c.estimated_years(d("2027-01-01"), d("2026-12-31")), [2027]);
    /// assert!(c.estimated_years(d("2026-12-30"), d("2026-12-31")).is_empty());
    /// ```
    pub fn estimated_years(&self, from: Date, to: Date) -> Vec<u16> {
        let (lo, hi) = if from <= to { (from, to) } else { (to, from) };
        let Some(start) = from_day_number(day_number(lo) + 1) else {
            return Vec::new();
        };
        if start > hi {
            return Vec::new();
        }
        (start.year()..=hi.year())
            .filter(|&y| self.year(y).is_ok_and(|y| !y.official))
            .collect()
    }

    /// The date of a day number inside the calendar, or `UnknownYear`.
    fn date_at(&self, n: i64) -> Result<Date, UnknownYear> {
        from_day_number(n).ok_or_else(|| {
            let (first, last) = self.years();
            UnknownYear {
                year: if n < 0 { 0 } else { u16::MAX },
                first,
                last,
            }
        })
    }
}

fn global() -> &'static RwLock<Arc<Calendar>> {
    static CAL: OnceLock<RwLock<Arc<Calendar>>> = OnceLock::new();
    CAL.get_or_init(|| RwLock::new(Arc::new(Calendar::embedded())))
}

/// The process-wide calendar: the embedded one, or the one
/// [`load_holidays`] made.
pub fn current() -> Arc<Calendar> {
    global()
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// Loads a newer official schedule at run time (the format of
/// `data/holidays/cn.txt`) into the process-wide calendar: its years
/// override the embedded schedule and the estimate. Replaces the schedule
/// loaded before, if any. Answers the years the file covers; a file with
/// any error changes nothing.
///
/// ```no_run
/// let text = std::fs::read_to_string("holidays-2027.txt").unwrap();
/// match beian_flow::calendar::load_holidays(&text) {
///     Ok((first, last)) => println!("official holidays {first} to {last}"),
///     Err(e) => eprintln!("holidays-2027.txt: {e}"),
/// }
/// ```
pub fn load_holidays(text: &str) -> Result<(u16, u16), HolidayFileError> {
    let (first, last) = estimate::years();
    let loaded = schedule::parse(text, (first, last))?;
    let years = (loaded.first, loaded.last);
    let embedded = schedule::parse(DATA, (first, last)).ok();
    let calendar = Calendar::build(embedded.iter().chain([&loaded]));
    *global().write().unwrap_or_else(PoisonError::into_inner) = Arc::new(calendar);
    Ok(years)
}

/// The years the calendar covers, first and last: official schedules and
/// the estimate (see [`is_official`]).
///
/// ```
/// let (first, last) = beian_flow::calendar::covered_years();
/// assert!(first <= 2004 && last >= 2050);
/// ```
pub fn covered_years() -> (u16, u16) {
    current().years()
}

/// True when the holidays of `year` come from an official schedule
/// (embedded or loaded), false for an estimated or unknown year.
///
/// ```
/// use beian_flow::calendar::is_official;
/// assert!(is_official(2025));
/// assert!(!is_official(2040)); // estimated
/// assert!(!is_official(2200)); // unknown
/// ```
pub fn is_official(year: u16) -> bool {
    current().is_official(year)
}

/// What kind of day `date` is.
///
/// ```
/// use beian_flow::calendar::{day_kind, DayKind};
/// use beian_rules::Date;
/// let d = |s| Date::parse(s).unwrap();
/// assert_eq!(day_kind(d("2025-10-01")), Ok(DayKind::Holiday)); // National Day
/// assert_eq!(day_kind(d("2025-09-28")), Ok(DayKind::AdjustedWorkday)); // a Sunday
/// assert_eq!(day_kind(d("2025-09-27")), Ok(DayKind::Weekend));
/// assert_eq!(day_kind(d("2025-09-26")), Ok(DayKind::Workday));
/// assert_eq!(day_kind(d("2040-10-01")), Ok(DayKind::Holiday)); // estimated
/// assert!(day_kind(d("2099-01-05")).is_err());
/// ```
pub fn day_kind(date: Date) -> Result<DayKind, UnknownYear> {
    current().day_kind(date)
}

/// True when the bureau works on `date`.
pub fn is_working_day(date: Date) -> Result<bool, UnknownYear> {
    current().is_working_day(date)
}

/// The `n`-th working day after `date` (the day itself not counted, as
/// periods in days are counted in Chinese law: 民法典 art. 201).
///
/// ```
/// use beian_flow::calendar::add_working_days;
/// use beian_rules::Date;
/// let d = |s| Date::parse(s).unwrap();
/// // Friday before National Day 2025: the break and its adjusted Sunday.
/// assert_eq!(add_working_days(d("2025-09-26"), 1), Ok(d("2025-09-28")));
/// assert_eq!(add_working_days(d("2025-09-26"), 3), Ok(d("2025-09-30")));
/// assert_eq!(add_working_days(d("2025-09-26"), 4), Ok(d("2025-10-09")));
/// ```
pub fn add_working_days(date: Date, n: u32) -> Result<Date, UnknownYear> {
    current().add_working_days(date, n)
}

/// The last day of the bureau's review: the 20th working day after the
/// last submission (003 #1, 002 #43: 自备案人最近一次提交备案信息之日起20个工作日内;
/// weekends and statutory holidays excluded, adjusted working days counted).
///
/// A period that runs into a year with no official schedule is counted
/// with the estimate and marked [`Deadline::estimated`]; one past the
/// covered years is an [`UnknownYear`].
///
/// ```
/// use beian_flow::calendar::review_deadline;
/// use beian_rules::Date;
/// let d = |s| Date::parse(s).unwrap();
/// // Submitted the Friday before the 2025 National Day / Mid-autumn break.
/// let exact = review_deadline(d("2025-09-26")).unwrap();
/// assert_eq!((exact.date, exact.estimated), (d("2025-10-30"), false));
/// // Into 2027, before its schedule is published (embedded data only).
/// # if !beian_flow::calendar::is_official(2027) {
/// let estimated = review_deadline(d("2026-12-15")).unwrap();
/// assert_eq!(estimated.date, d("2027-01-13")); // 1 January off
/// assert!(estimated.estimated);
/// assert_eq!(estimated.estimated_years, [2027]);
/// # }
/// // Past the covered years: no guess.
/// assert_eq!(review_deadline(d("2088-12-20")).unwrap_err().year, 2089);
/// ```
pub fn review_deadline(submitted: Date) -> Result<Deadline, UnknownYear> {
    current().review_deadline(submitted)
}

/// Working days after `from` up to and including `to` (negative when `to`
/// is before `from`): on the deadline day itself, one working day is left.
///
/// ```
/// use beian_flow::calendar::working_days_between;
/// use beian_rules::Date;
/// let d = |s| Date::parse(s).unwrap();
/// assert_eq!(working_days_between(d("2025-09-26"), d("2025-10-09")), Ok(4));
/// assert_eq!(working_days_between(d("2025-10-09"), d("2025-09-26")), Ok(-4));
/// ```
pub fn working_days_between(from: Date, to: Date) -> Result<i64, UnknownYear> {
    current().working_days_between(from, to)
}

/// The annual review date (年审): one year after the last approval (001
/// 5.6: 最后一审核成功的日期往后推一年). A 29 February approval is reviewed on
/// 28 February (民法典 art. 202: no corresponding day, the month's last).
///
/// ```
/// use beian_flow::calendar::annual_review;
/// use beian_rules::Date;
/// let d = |s| Date::parse(s).unwrap();
/// assert_eq!(annual_review(d("2025-03-14")), Some(d("2026-03-14")));
/// assert_eq!(annual_review(d("2024-02-29")), Some(d("2025-02-28")));
/// ```
pub fn annual_review(last_approved: Date) -> Option<Date> {
    let year = last_approved.year().checked_add(1)?;
    Date::new(year, last_approved.month(), last_approved.day())
        .or_else(|| Date::new(year, last_approved.month(), last_approved.day() - 1))
}

/// Days since 1970-01-01.
pub(crate) fn day_number(d: Date) -> i64 {
    d.days_since_epoch()
}

/// The date of a day number (inverse of [`day_number`]); `None` outside
/// the years a [`Date`] holds.
pub(crate) fn from_day_number(n: i64) -> Option<Date> {
    Date::from_days_since_epoch(n)
}

/// 0 = Monday … 6 = Sunday.
fn weekday(day_number: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    (day_number + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_data_file_parses() {
        let c = schedule::parse(DATA, (2000, 2088)).unwrap();
        assert_eq!((c.first, c.last), (2004, 2026));
        assert!(c.listed.len() > 700);
        assert_eq!(covered_years(), (2000, 2088));
        let official: Vec<u16> = (1990..2100).filter(|&y| is_official(y)).collect();
        assert_eq!(official, (2004..=2026).collect::<Vec<_>>());
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(d("1970-01-01")), 0);
        assert_eq!(weekday(day_number(d("2025-11-24"))), 0); // a Monday
        for n in (day_number(d("1999-12-25"))..day_number(d("2031-01-10"))).step_by(7) {
            assert_eq!(day_number(from_day_number(n).unwrap()), n);
        }
    }

    /// Working days per year as `chinese_calendar.is_workday` counts them
    /// (computed when the data was extracted, see SOURCE.md).
    #[test]
    fn working_days_per_year_match_the_source() {
        let expected = [
            (2004, 252),
            (2005, 250),
            (2006, 251),
            (2007, 249),
            (2008, 251),
            (2009, 250),
            (2010, 250),
            (2011, 250),
            (2012, 249),
            (2013, 250),
            (2014, 250),
            (2015, 249),
            (2016, 250),
            (2017, 249),
            (2018, 250),
            (2019, 250),
            (2020, 249),
            (2021, 250),
            (2022, 249),
            (2023, 249),
            (2024, 251),
            (2025, 248),
            (2026, 248),
        ];
        for (year, days) in expected {
            let from = Date::new(year - 1, 12, 31).unwrap();
            let to = Date::new(year, 12, 31).unwrap();
            // The day before 2004 is outside the data, but not counted.
            assert_eq!(working_days_between(from, to), Ok(days), "{year}");
        }
    }

    #[test]
    fn deadlines_match_the_source() {
        // Computed with chinese_calendar.is_workday: the 20th working day after.
        for (submitted, deadline) in [
            ("2025-09-26", "2025-10-30"),
            ("2025-01-20", "2025-02-21"),
            ("2024-12-20", "2025-01-20"),
            ("2026-02-10", "2026-03-16"),
            ("2025-04-30", "2025-06-03"),
            ("2026-12-01", "2026-12-29"),
            ("2026-11-27", "2026-12-25"),
        ] {
            assert_eq!(
                review_deadline(d(submitted)),
                Ok(Deadline {
                    date: d(deadline),
                    estimated: false,
                    estimated_years: Vec::new()
                }),
                "{submitted}"
            );
            assert_eq!(working_days_between(d(submitted), d(deadline)), Ok(20));
        }
    }

    #[test]
    fn years_past_the_lunar_table_are_errors_not_guesses() {
        let e = review_deadline(d("2088-12-20")).unwrap_err();
        assert_eq!(
            e,
            UnknownYear {
                year: 2089,
                first: 2000,
                last: 2088
            }
        );
        assert_eq!(
            e.to_string(),
            "no holiday data for 2089 (the calendar covers 2000 to 2088)"
        );
        assert_eq!(day_kind(d("1999-12-31")).unwrap_err().year, 1999);
        assert!(working_days_between(d("2088-12-30"), d("2089-01-04")).is_err());
    }

    /// Issue 13: on 2026-12-04 every deadline into 2027 failed.
    #[test]
    fn a_submission_on_2026_12_04() {
        let c = Calendar::embedded();
        // December 2026 has no holiday; 1 January 2027 (a Friday) is off.
        let deadline = c.review_deadline(d("2026-12-04")).unwrap();
        assert_eq!(deadline.date, d("2027-01-04"));
        assert!(deadline.estimated);
        assert_eq!(deadline.estimated_years, [2027]);
        assert_eq!(
            c.working_days_between(d("2026-12-04"), d("2027-01-04")),
            Ok(20)
        );
        assert_eq!(c.day_kind(d("2027-01-01")), Ok(DayKind::Holiday));
        // Submitted earlier, the period ends in 2026: exact.
        let exact = c.review_deadline(d("2026-11-27")).unwrap();
        assert_eq!((exact.date, exact.estimated), (d("2026-12-25"), false));
    }

    #[test]
    fn a_submission_in_2030() {
        let c = Calendar::embedded();
        // Friday 27 September 2030: National Day 1–3 October (Tuesday to
        // Thursday) is off, no adjusted working day is guessed.
        let deadline = c.review_deadline(d("2030-09-27")).unwrap();
        assert_eq!(deadline.date, d("2030-10-30"));
        assert_eq!(deadline.estimated_years, [2030]);
        assert!(deadline.estimated);
        // Spring Festival 2030: 除夕 (Saturday 2 February) to 初三 (Tuesday
        // 5th), with two make-up days, Wednesday 6 and Thursday 7.
        for s in ["2030-02-01", "2030-02-08"] {
            assert_eq!(c.day_kind(d(s)), Ok(DayKind::Workday), "{s}");
        }
        for s in ["2030-02-04", "2030-02-05", "2030-02-06", "2030-02-07"] {
            assert_eq!(c.day_kind(d(s)), Ok(DayKind::Holiday), "{s}");
        }
        assert_eq!(c.day_kind(d("2030-02-02")), Ok(DayKind::Holiday));
        assert_eq!(c.day_kind(d("2030-02-09")), Ok(DayKind::Weekend));
    }

    /// Every date from 2004 to 2050 has a review deadline, 20 working days
    /// later, a working day itself, estimated exactly when a day counted
    /// lies in a year with no official schedule.
    #[test]
    fn every_date_from_2004_to_2050_has_a_deadline() {
        let c = Calendar::embedded();
        let mut estimated = 0;
        for n in day_number(d("2004-01-01"))..=day_number(d("2050-12-31")) {
            let submitted = from_day_number(n).unwrap();
            let deadline = c.review_deadline(submitted).unwrap();
            assert!(deadline.date > submitted);
            assert_eq!(c.working_days_between(submitted, deadline.date), Ok(20));
            assert_eq!(c.is_working_day(deadline.date), Ok(true), "{submitted}");
            let years: Vec<u16> = (submitted.year()..=deadline.date.year())
                .filter(|&y| !c.is_official(y))
                .filter(|&y| y > submitted.year() || submitted.month() < 12 || submitted.day() < 31)
                .collect();
            assert_eq!(deadline.estimated_years, years, "{submitted}");
            assert_eq!(deadline.estimated, !years.is_empty());
            estimated += usize::from(deadline.estimated);
        }
        // From December 2026 on.
        assert!(estimated > 365 * 24, "{estimated}");
    }

    /// The estimate against the official schedules of 2004 to 2026 (the
    /// rules of each year's revision): the statutory days themselves, and
    /// the working days each holiday takes.
    ///
    /// 1. Every statutory day the estimate computes is a day off in the
    ///    official schedule, named after its holiday where listed (a day of
    ///    two holidays after either).
    /// 2. Each holiday takes as many working days (days off Monday to
    ///    Friday, less its adjusted working days on weekends) as it has
    ///    statutory days: the notices move days, they do not add any. The
    ///    notices merge Mid-Autumn into National Day's break when they are
    ///    close, so both count together. Two years differ, for reasons the
    ///    rules do not foresee: 2020, whose Spring Festival break was
    ///    extended to 2 February (COVID-19, 国办发明电〔2020〕1号); 2006,
    ///    whose New Year break (1–3 January) has no adjusted working day
    ///    in the source data. The 2015 Anti-Fascist day was a one-off.
    #[test]
    fn the_estimate_reproduces_the_official_statutory_holidays() {
        let official = Calendar::embedded();
        // (date, kind, name) of cn.txt.
        let rows: Vec<(Date, bool, &str)> = DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("years"))
            .map(|l| {
                let mut w = l.splitn(3, ' ');
                let date = d(w.next().unwrap());
                let working = w.next() == Some("workday");
                (date, working, w.next().unwrap())
            })
            .collect();
        fn group(name: &str) -> &str {
            match name {
                "Mid-autumn Festival" => "National Day",
                n => n,
            }
        }
        let mut lost: std::collections::HashMap<(u16, &str), i64> = Default::default();
        for &(date, working, name) in &rows {
            let break_year = if name == "New Year's Day" && date.month() == 12 {
                date.year() + 1
            } else {
                date.year()
            };
            let weekend = weekday(day_number(date)) >= 5;
            let change = match (working, weekend) {
                (false, false) => 1,
                (true, true) => -1,
                _ => 0,
            };
            *lost.entry((break_year, group(name))).or_default() += change;
        }
        for year in 2004..=2026 {
            let days = statutory_days(year).unwrap();
            for &(date, festival) in &days {
                assert_eq!(official.is_working_day(date), Ok(false), "{date}");
                if let Some(&(_, _, name)) = rows.iter().find(|r| r.0 == date) {
                    let same_day: Vec<&str> = days
                        .iter()
                        .filter(|x| x.0 == date)
                        .map(|x| x.1.name())
                        .collect();
                    assert!(same_day.contains(&name), "{date} {festival:?} {name}");
                }
            }
            for festival in [
                Festival::NewYear,
                Festival::SpringFestival,
                Festival::Qingming,
                Festival::LabourDay,
                Festival::DragonBoat,
                Festival::NationalDay,
            ] {
                let name = festival.name();
                let statutory = days.iter().filter(|x| group(x.1.name()) == name).count();
                let extra = match (year, festival) {
                    (2006, Festival::NewYear) => 1,
                    (2020, Festival::SpringFestival) => 2,
                    _ => 0,
                };
                let official_lost = lost.get(&(year, name)).copied().unwrap_or(0);
                assert_eq!(official_lost, statutory as i64 + extra, "{year} {name}");
            }
        }
    }

    #[test]
    fn a_loaded_schedule_overrides_the_estimate() {
        let text = "years 2027 2027\n\
                    2027-01-01 holiday New Year's Day\n\
                    2027-01-04 holiday New Year's Day\n\
                    2027-01-09 workday New Year's Day\n";
        let c = Calendar::with_schedule(text).unwrap();
        assert!(c.is_official(2027) && c.is_official(2026) && !c.is_official(2028));
        assert_eq!(c.day_kind(d("2027-01-04")), Ok(DayKind::Holiday));
        assert_eq!(c.day_kind(d("2027-01-09")), Ok(DayKind::AdjustedWorkday));
        // Nothing else of 2027 is off: the file is the whole schedule.
        assert_eq!(c.day_kind(d("2027-02-08")), Ok(DayKind::Workday));
        // The deadline of issue 13: 4 January is off, Saturday the 9th is
        // worked.
        let deadline = c.review_deadline(d("2026-12-04")).unwrap();
        assert_eq!(
            deadline,
            Deadline {
                date: d("2027-01-05"),
                estimated: false,
                estimated_years: Vec::new()
            }
        );
        let later = c.review_deadline(d("2027-12-20")).unwrap();
        assert_eq!(later.estimated_years, [2028]);
        // The embedded years stay, and a loaded year overrides one.
        assert_eq!(c.day_kind(d("2025-10-01")), Ok(DayKind::Holiday));
        let over =
            Calendar::with_schedule("years 2025 2025\n2025-01-01 holiday New Year's Day").unwrap();
        assert_eq!(over.day_kind(d("2025-10-01")), Ok(DayKind::Workday));
        assert_eq!(over.day_kind(d("2024-10-01")), Ok(DayKind::Holiday));
        // A bad file is an error with its line.
        let e =
            Calendar::with_schedule("years 2027 2027\n2027-01-01 holiday X\n2027-01-06 workday X")
                .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("Wednesday"), "{e}");
    }

    #[test]
    fn adjusted_working_days_count() {
        // 2026 Spring Festival: Saturday 14 and Saturday 28 February are worked.
        assert_eq!(day_kind(d("2026-02-14")), Ok(DayKind::AdjustedWorkday));
        assert_eq!(day_kind(d("2026-02-16")), Ok(DayKind::Holiday));
        assert_eq!(day_kind(d("2026-02-28")), Ok(DayKind::AdjustedWorkday));
        assert_eq!(add_working_days(d("2026-02-13"), 1), Ok(d("2026-02-14")));
        assert_eq!(add_working_days(d("2026-02-14"), 1), Ok(d("2026-02-24")));
        assert_eq!(add_working_days(d("2026-02-13"), 0), Ok(d("2026-02-13")));
    }

    #[test]
    fn annual_review_dates() {
        assert_eq!(annual_review(d("2023-12-31")), Some(d("2024-12-31")));
        assert_eq!(annual_review(d("2024-02-29")), Some(d("2025-02-28")));
        assert_eq!(annual_review(d("2027-06-01")), Some(d("2028-06-01")));
    }
}
