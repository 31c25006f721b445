//! Holiday schedule files: the format of `data/holidays/cn.txt`, read and
//! checked line by line.
//!
//! ```text
//! # a comment
//! years 2026 2027
//! 2027-01-01 holiday New Year's Day
//! 2027-02-07 workday Spring Festival
//! ```
//!
//! One `years FIRST LAST` line: the years the file is the official
//! schedule of. Then one line per date: `holiday` (a day off of a holiday
//! break, weekend days included) or `workday` (an adjusted working day,
//! 调休上班, a Saturday or Sunday), and the name of the holiday. A date not
//! listed in those years is a working day from Monday to Friday and a rest
//! day on Saturday and Sunday.

use beian_rules::Date;
use serde::{Deserialize, Serialize};

use super::{day_number, weekday};

/// A holiday schedule that cannot be used: the line (1 for the first,
/// 0 for the file as a whole) and what is wrong with it.
///
/// ```
/// let e = beian_flow::calendar::Calendar::with_schedule("years 2027 2027\n2027-02-30 holiday X")
///     .unwrap_err();
/// assert_eq!(e.line, 2);
/// assert_eq!(e.to_string(), "line 2: \"2027-02-30\" is not a date (YYYY-MM-DD)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HolidayFileError {
    /// The line, counted from 1; 0 when the file as a whole is wrong.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for HolidayFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

impl std::error::Error for HolidayFileError {}

/// A checked schedule: its years and its listed dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Schedule {
    pub first: u16,
    pub last: u16,
    /// (day number, working) by day number.
    pub listed: Vec<(i64, bool)>,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Reads a schedule whose years must lie within `supported`.
pub(crate) fn parse(text: &str, supported: (u16, u16)) -> Result<Schedule, HolidayFileError> {
    let err = |line: usize, message: String| HolidayFileError { line, message };
    // (first, last, line)
    let mut years: Option<(u16, u16, usize)> = None;
    // (date, working, line)
    let mut rows: Vec<(Date, bool, usize)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words[0] == "years" {
            if let Some((_, _, first_line)) = years {
                return Err(err(
                    n,
                    format!("a second `years` line (the first is line {first_line})"),
                ));
            }
            let year = |w: Option<&&str>| {
                w.filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|w| w.parse::<u16>().ok())
            };
            let (Some(a), Some(b), 3) = (year(words.get(1)), year(words.get(2)), words.len())
            else {
                return Err(err(
                    n,
                    format!("expected `years FIRST LAST` (two years), not {line:?}"),
                ));
            };
            if a > b {
                return Err(err(n, format!("the first year {a} is after the last {b}")));
            }
            if a < supported.0 || b > supported.1 {
                return Err(err(
                    n,
                    format!(
                        "years {a} to {b}: the calendar supports {} to {}",
                        supported.0, supported.1
                    ),
                ));
            }
            years = Some((a, b, n));
            continue;
        }
        let Some(date) = Date::parse(words[0]) else {
            return Err(err(
                n,
                if words[0].starts_with(|c: char| c.is_ascii_digit()) {
                    format!("{:?} is not a date (YYYY-MM-DD)", words[0])
                } else {
                    format!(
                        "expected `years FIRST LAST` or `YYYY-MM-DD holiday|workday NAME`, not {line:?}"
                    )
                },
            ));
        };
        let working = match words.get(1) {
            Some(&"holiday") => false,
            Some(&"workday") => true,
            Some(other) => {
                return Err(err(
                    n,
                    format!("{other:?} is neither `holiday` nor `workday`"),
                ))
            }
            None => return Err(err(n, format!("{date}: `holiday` or `workday` missing"))),
        };
        if words.len() < 3 {
            return Err(err(
                n,
                format!("{date}: the name of the holiday is missing"),
            ));
        }
        let day = weekday(day_number(date));
        if working && day < 5 {
            return Err(err(
                n,
                format!(
                    "{date} is a {}: an adjusted working day (`workday`) is a Saturday or Sunday",
                    WEEKDAYS[day as usize]
                ),
            ));
        }
        rows.push((date, working, n));
    }
    let Some((first, last, years_line)) = years else {
        return Err(err(0, "no `years FIRST LAST` line".to_string()));
    };
    rows.sort_unstable_by_key(|&(date, _, n)| (date, n));
    for pair in rows.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(err(
                pair[1].2,
                format!(
                    "{} is listed twice (first on line {})",
                    pair[1].0, pair[0].2
                ),
            ));
        }
    }
    if let Some(&(date, _, n)) = rows
        .iter()
        .find(|(d, _, _)| d.year() < first || d.year() > last)
    {
        return Err(err(
            n,
            format!("{date} is outside the years {first} to {last} (line {years_line})"),
        ));
    }
    if let Some(year) = (first..=last).find(|&y| !rows.iter().any(|(d, w, _)| d.year() == y && !w))
    {
        return Err(err(
            years_line,
            format!("{year} lists no holiday: each year of a schedule lists its holidays"),
        ));
    }
    Ok(Schedule {
        first,
        last,
        listed: rows
            .into_iter()
            .map(|(date, working, _)| (day_number(date), working))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: (u16, u16) = (2000, 2088);

    fn error(text: &str) -> String {
        parse(text, ALL).unwrap_err().to_string()
    }

    #[test]
    fn a_good_file_parses() {
        let s = parse(
            "# comment\n\nyears 2027 2027\n2027-01-01 holiday New Year's Day\n2027-02-07 workday Spring Festival\n",
            ALL,
        )
        .unwrap();
        assert_eq!((s.first, s.last), (2027, 2027));
        assert_eq!(s.listed.len(), 2);
        assert!(!s.listed[0].1 && s.listed[1].1);
    }

    #[test]
    fn errors_say_where_and_what() {
        let cases = [
            ("2027-01-01 holiday X", "no `years FIRST LAST` line"),
            (
                "years 2027\n2027-01-01 holiday X",
                "line 1: expected `years FIRST LAST` (two years), not \"years 2027\"",
            ),
            (
                "years 2027 2027 2028\n2027-01-01 holiday X",
                "line 1: expected `years FIRST LAST` (two years), not \"years 2027 2027 2028\"",
            ),
            (
                "years 2028 2027",
                "line 1: the first year 2028 is after the last 2027",
            ),
            (
                "years 2027 2099",
                "line 1: years 2027 to 2099: the calendar supports 2000 to 2088",
            ),
            (
                "years 2027 2027\nyears 2027 2027",
                "line 2: a second `years` line (the first is line 1)",
            ),
            (
                "years 2027 2027\n2027-13-01 holiday X",
                "line 2: \"2027-13-01\" is not a date (YYYY-MM-DD)",
            ),
            (
                "years 2027 2027\nholiday 2027-01-01 X",
                "line 2: expected `years FIRST LAST` or `YYYY-MM-DD holiday|workday NAME`, not \"holiday 2027-01-01 X\"",
            ),
            (
                "years 2027 2027\n2027-01-01 party X",
                "line 2: \"party\" is neither `holiday` nor `workday`",
            ),
            (
                "years 2027 2027\n2027-01-01",
                "line 2: 2027-01-01: `holiday` or `workday` missing",
            ),
            (
                "years 2027 2027\n2027-01-01 holiday",
                "line 2: 2027-01-01: the name of the holiday is missing",
            ),
            (
                "years 2027 2027\n2027-01-01 holiday X\n2027-02-03 workday Spring Festival",
                "line 3: 2027-02-03 is a Wednesday: an adjusted working day (`workday`) is a Saturday or Sunday",
            ),
            (
                "years 2027 2027\n2027-01-01 holiday X\n# c\n2027-01-01 holiday X",
                "line 4: 2027-01-01 is listed twice (first on line 2)",
            ),
            (
                "years 2027 2027\n2027-01-01 holiday X\n2028-01-01 holiday X",
                "line 3: 2028-01-01 is outside the years 2027 to 2027 (line 1)",
            ),
            (
                "years 2026 2027\n2027-01-01 holiday X",
                "line 1: 2026 lists no holiday: each year of a schedule lists its holidays",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(error(text), message, "{text}");
        }
    }

    proptest::proptest! {
        /// Any text is read or refused, never a panic; what is read keeps
        /// its years and dates.
        #[test]
        fn any_text_is_read_or_refused(
            lines in proptest::collection::vec(
                "(years 20[0-9]{2} 20[0-9]{2}|20[0-9]{2}-[01][0-9]-[0-3][0-9] (holiday|workday|x)( [A-Za-z]{0,3})?|#.*|[ -~]{0,12})",
                0..8,
            )
        ) {
            let text = lines.join("\n");
            if let Ok(s) = parse(&text, ALL) {
                proptest::prop_assert!(s.first <= s.last);
                proptest::prop_assert!(s.listed.windows(2).all(|w| w[0].0 < w[1].0));
            }
        }
    }
}
