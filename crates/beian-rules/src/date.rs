//! Calendar dates (proleptic Gregorian), just what the rules need.

use serde::{Deserialize, Serialize};

/// A calendar date. Ordered by year, month, day.
///
/// ```
/// use beian_rules::Date;
/// let d = Date::parse("2024-02-29").unwrap();
/// assert_eq!(d, Date::new(2024, 2, 29).unwrap());
/// assert!(Date::new(2023, 2, 29).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(
            num(0..4)?,
            u8::try_from(num(5..7)?).ok()?,
            u8::try_from(num(8..10)?).ok()?,
        )
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's
    /// `days_from_civil`).
    ///
    /// ```
    /// use beian_rules::Date;
    /// assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
    /// assert_eq!(Date::new(2000, 2, 29).unwrap().days_since_epoch(), 11_016);
    /// ```
    pub fn days_since_epoch(&self) -> i64 {
        let (m, day) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (the inverse of
    /// [`Date::days_since_epoch`], H. Hinnant's `civil_from_days`); `None`
    /// outside the years a `Date` holds.
    ///
    /// ```
    /// use beian_rules::Date;
    /// assert_eq!(Date::from_days_since_epoch(11_016), Date::new(2000, 2, 29));
    /// assert_eq!(Date::from_days_since_epoch(i64::MIN / 2), None);
    /// ```
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097; // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11], March-based
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = era
            .checked_mul(400)?
            .checked_add(yoe)?
            .checked_add(i64::from(month <= 2))?;
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Date, String> {
        Date::parse(&s).ok_or_else(|| format!("not a date (YYYY-MM-DD): {s:?}"))
    }
}

#[cfg(any(test, feature = "schema"))]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years() {
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 0, 1).is_none());
    }

    #[test]
    fn days_since_epoch_round_trip() {
        let first = Date::new(1900, 1, 1).unwrap().days_since_epoch();
        let last = Date::new(2100, 12, 31).unwrap().days_since_epoch();
        for n in first..=last {
            let d = Date::from_days_since_epoch(n).unwrap();
            assert_eq!(d.days_since_epoch(), n, "{d}");
        }
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
        assert_eq!(Date::from_days_since_epoch(i64::MIN), None);
    }

    #[test]
    fn parse_rejects_garbage() {
        for s in [
            "",
            "2024-2-29",
            "2024-02-30",
            "abcd-ef-gh",
            "+024-02-01",
            "2024-02-0１",
        ] {
            assert!(Date::parse(s).is_none(), "{s}");
        }
    }
}
