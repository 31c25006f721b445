//! Today's date in China (UTC+8, no daylight saving), from the system clock,
//! without a date-time crate.

use std::time::{SystemTime, UNIX_EPOCH};

use beian_rules::Date;

/// The offset of China Standard Time from UTC, in seconds.
pub const UTC8_OFFSET_SECONDS: i64 = 8 * 3600;

/// Where "today" comes from for the "not in the future" rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock, read in UTC+8 at each check.
    #[default]
    SystemUtc8,
    /// A fixed date (tests, reproducible runs).
    Fixed(Date),
}

impl Clock {
    /// Today's date by this clock (`None` only if the system clock is set
    /// before 1970 or past year 65535).
    pub fn today(&self) -> Option<Date> {
        match self {
            Clock::SystemUtc8 => today_utc8(),
            Clock::Fixed(date) => Some(*date),
        }
    }
}

/// Today's date in UTC+8 by the system clock.
pub fn today_utc8() -> Option<Date> {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    date_from_unix_seconds(i64::try_from(secs).ok()?.checked_add(UTC8_OFFSET_SECONDS)?)
}

/// Milliseconds since 1970-01-01T00:00:00Z, by the system clock.
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A time in milliseconds since the epoch as RFC 3339 in UTC, e.g.
/// `2026-11-25T08:30:00.123Z`.
///
/// ```
/// assert_eq!(beian_server::clock::rfc3339(0), "1970-01-01T00:00:00.000Z");
/// assert_eq!(beian_server::clock::rfc3339(1_751_299_199_123), "2025-06-30T15:59:59.123Z");
/// ```
pub fn rfc3339(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let ms = millis.rem_euclid(1000);
    let day = secs.rem_euclid(86_400);
    let date =
        date_from_unix_seconds(secs).map_or_else(|| "0000-00-00".to_string(), |d| d.to_string());
    format!(
        "{date}T{:02}:{:02}:{:02}.{ms:03}Z",
        day / 3600,
        day % 3600 / 60,
        day % 60
    )
}

/// The calendar date of a count of seconds since 1970-01-01T00:00:00 (in
/// whatever offset the seconds are already shifted to).
///
/// ```
/// use beian_rules::Date;
/// use beian_server::clock::date_from_unix_seconds;
/// assert_eq!(date_from_unix_seconds(0), Date::new(1970, 1, 1));
/// assert_eq!(date_from_unix_seconds(951_782_400), Date::new(2000, 2, 29));
/// ```
pub fn date_from_unix_seconds(secs: i64) -> Option<Date> {
    Date::from_days_since_epoch(secs.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn known_dates() {
        assert_eq!(date_from_unix_seconds(0), d(1970, 1, 1));
        assert_eq!(date_from_unix_seconds(86_399), d(1970, 1, 1));
        assert_eq!(date_from_unix_seconds(86_400), d(1970, 1, 2));
        assert_eq!(date_from_unix_seconds(-1), d(1969, 12, 31));
        assert_eq!(date_from_unix_seconds(951_782_400), d(2000, 2, 29));
        assert_eq!(date_from_unix_seconds(951_868_800), d(2000, 3, 1));
        assert_eq!(date_from_unix_seconds(1_709_164_800), d(2024, 2, 29));
        assert_eq!(date_from_unix_seconds(1_735_689_599), d(2024, 12, 31));
        assert_eq!(date_from_unix_seconds(1_735_689_600), d(2025, 1, 1));
    }

    #[test]
    fn utc8_turns_the_day_at_16_00_utc() {
        // 2025-06-30T15:59:59Z is 23:59:59 in Beijing; one second later it is July.
        let utc = 1_751_299_199;
        assert_eq!(
            date_from_unix_seconds(utc + UTC8_OFFSET_SECONDS),
            d(2025, 6, 30)
        );
        assert_eq!(
            date_from_unix_seconds(utc + 1 + UTC8_OFFSET_SECONDS),
            d(2025, 7, 1)
        );
    }

    #[test]
    fn four_centuries_of_days_without_gap() {
        // Strictly increasing over 146,096 steps and landing exactly 146,096
        // days later: no day skipped, none repeated.
        let mut prev = date_from_unix_seconds(0).unwrap();
        for day in 1..146_097 {
            let next = date_from_unix_seconds(day * 86_400).unwrap();
            assert!(next > prev, "{prev} then {next}");
            prev = next;
        }
        assert_eq!(prev, Date::new(2369, 12, 31).unwrap());
    }

    #[test]
    fn fixed_clock_is_fixed() {
        let date = Date::new(2026, 11, 25).unwrap();
        assert_eq!(Clock::Fixed(date).today(), Some(date));
        assert!(Clock::SystemUtc8.today().is_some());
    }
}
