//! Deadlines: the 20-working-day review period and the annual review date.
//!
//! Working days are Monday to Friday, except statutory holidays, plus the
//! adjusted working days (调休上班) on weekends, from the State Council's
//! yearly notices embedded in `data/holidays/cn.txt` (see its SOURCE.md).
//! A date outside the covered years gives [`UnknownYear`], never a guess.
//!
//! Seeds: 003 #1 and 002 #43 (twenty working days from the last submission,
//! weekends and statutory holidays excluded), 001 5.6 (annual review one
//! year after the last approval).

use std::sync::OnceLock;

use beian_rules::Date;
use serde::{Deserialize, Serialize};

/// Working days the bureau has to decide, from the last submission (003 #1).
pub const REVIEW_WORKING_DAYS: u32 = 20;

const DATA: &str = include_str!("../data/holidays/cn.txt");

/// The holiday data does not cover a year the computation needs.
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

struct Calendar {
    first: u16,
    last: u16,
    /// Listed dates by day number, sorted.
    listed: Vec<(i64, bool)>,
}

/// The embedded calendar, parsed at first use. A malformed data file is a
/// build defect caught by the tests; it reads as covering no year at all,
/// so that every query answers `UnknownYear` rather than a wrong date.
fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| {
        parse(DATA).unwrap_or(Calendar {
            first: 1,
            last: 0,
            listed: Vec::new(),
        })
    })
}

fn parse(data: &str) -> Result<Calendar, String> {
    let mut years = None;
    let mut listed = Vec::new();
    for (n, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let bad = || format!("line {}: {line:?}", n + 1);
        match (words.next(), words.next(), words.next()) {
            (Some("years"), Some(a), Some(b)) => {
                years = Some((
                    a.parse::<u16>().map_err(|_| bad())?,
                    b.parse::<u16>().map_err(|_| bad())?,
                ));
            }
            (Some(date), Some(kind), Some(_name)) => {
                let date = Date::parse(date).ok_or_else(bad)?;
                let working = match kind {
                    "holiday" => false,
                    "workday" => true,
                    _ => return Err(bad()),
                };
                listed.push((day_number(date), working));
            }
            _ => return Err(bad()),
        }
    }
    let (first, last) = years.ok_or("no `years` line")?;
    listed.sort_unstable();
    Ok(Calendar {
        first,
        last,
        listed,
    })
}

/// The years the holiday data covers, first and last.
///
/// ```
/// let (first, last) = beian_flow::calendar::covered_years();
/// assert!(first <= 2024 && last >= 2026);
/// ```
pub fn covered_years() -> (u16, u16) {
    let c = calendar();
    (c.first, c.last)
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
/// assert!(day_kind(d("2099-01-05")).is_err());
/// ```
pub fn day_kind(date: Date) -> Result<DayKind, UnknownYear> {
    let c = calendar();
    if date.year() < c.first || date.year() > c.last {
        return Err(UnknownYear {
            year: date.year(),
            first: c.first,
            last: c.last,
        });
    }
    let n = day_number(date);
    let weekend = weekday(n) >= 5;
    Ok(
        match c
            .listed
            .binary_search_by_key(&n, |&(d, _)| d)
            .map(|i| c.listed[i].1)
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
pub fn is_working_day(date: Date) -> Result<bool, UnknownYear> {
    day_kind(date).map(DayKind::is_working)
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
    let mut day = day_number(date);
    let mut left = n;
    while left > 0 {
        day += 1;
        if is_working_day(date_at(day)?)? {
            left -= 1;
        }
    }
    date_at(day)
}

/// The last day of the bureau's review: the 20th working day after the
/// last submission (003 #1, 002 #43: 自备案人最近一次提交备案信息之日起20个工作日内;
/// weekends and statutory holidays excluded, adjusted working days counted).
///
/// A period that runs past the last covered year is an [`UnknownYear`].
///
/// ```
/// use beian_flow::calendar::review_deadline;
/// use beian_rules::Date;
/// let d = |s| Date::parse(s).unwrap();
/// // Submitted the Friday before the 2025 National Day / Mid-autumn break.
/// assert_eq!(review_deadline(d("2025-09-26")), Ok(d("2025-10-30")));
/// // Past the last year of holiday data: no guess.
/// let err = review_deadline(d("2026-12-15")).unwrap_err();
/// assert_eq!(err.year, 2027);
/// ```
pub fn review_deadline(submitted: Date) -> Result<Date, UnknownYear> {
    add_working_days(submitted, REVIEW_WORKING_DAYS)
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
    let (a, b) = (day_number(from), day_number(to));
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let mut count = 0;
    for n in lo + 1..=hi {
        if is_working_day(date_at(n)?)? {
            count += 1;
        }
    }
    Ok(sign * count)
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

/// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
pub(crate) fn day_number(d: Date) -> i64 {
    let (m, day) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (inverse of [`day_number`]); `None` outside
/// the years a [`Date`] holds.
pub(crate) fn from_day_number(n: i64) -> Option<Date> {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// The date of a day number inside the calendar, or `UnknownYear`.
fn date_at(n: i64) -> Result<Date, UnknownYear> {
    from_day_number(n).ok_or_else(|| {
        let (first, last) = covered_years();
        UnknownYear {
            year: if n < 0 { 0 } else { u16::MAX },
            first,
            last,
        }
    })
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
        let c = parse(DATA).unwrap();
        assert_eq!((c.first, c.last), (2004, 2026));
        assert!(c.listed.len() > 700);
        assert_eq!(covered_years(), (2004, 2026));
    }

    #[test]
    fn bad_data_is_an_error() {
        assert!(parse("2024-01-01 holiday X").is_err()); // no years line
        assert!(parse("years 2024 2024\n2024-13-01 holiday X").is_err());
        assert!(parse("years 2024 2024\n2024-01-01 party X").is_err());
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
                Ok(d(deadline)),
                "{submitted}"
            );
            assert_eq!(working_days_between(d(submitted), d(deadline)), Ok(20));
        }
    }

    #[test]
    fn unknown_years_are_errors_not_guesses() {
        let e = review_deadline(d("2026-12-10")).unwrap_err();
        assert_eq!(
            e,
            UnknownYear {
                year: 2027,
                first: 2004,
                last: 2026
            }
        );
        assert_eq!(
            e.to_string(),
            "no holiday data for 2027 (the calendar covers 2004 to 2026)"
        );
        assert_eq!(day_kind(d("2003-12-31")).unwrap_err().year, 2003);
        assert!(working_days_between(d("2026-12-30"), d("2027-01-04")).is_err());
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
