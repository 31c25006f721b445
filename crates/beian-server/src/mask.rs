//! Personal data out of the logs: ID numbers, passport numbers and phone
//! numbers are masked before anything is written to a log.
//!
//! A "number" is a run of letters and digits (ASCII or full-width) with at
//! least six digits in it: resident IDs, passports, permits, mobile and
//! landline numbers all are. Runs joined by the separators the rules' own
//! clean-up removes (white space, the ideographic space, `-`, `(`, `)`,
//! `+`, in ASCII or full width) count as one number when each of them
//! holds a digit or is a single letter, so `1101-0519-4912-3100-2X`,
//! `1 1 0 1 0 5 …` and `+86 138 1234 5678` are masked as the rules would
//! read them. A number keeps its first three and last two letters or
//! digits; the others become `*` (separators stay). Short numbers
//! (database ids, years, HTTP statuses) and words stay as they are.

/// Masks every number in `text` (see the module docs).
///
/// ```
/// use beian_server::mask::mask;
/// assert_eq!(mask("POST /api/v1/filings/12 201"), "POST /api/v1/filings/12 201");
/// assert_eq!(mask("id 11010519491231002X"), "id 110*************2X");
/// assert_eq!(mask("mobile 13812345678."), "mobile 138******78.");
/// assert_eq!(mask("passport E12345678"), "passport E12****78");
/// assert_eq!(mask("１３８１２３４５６７８"), "１３８******７８");
/// assert_eq!(mask("id 1101-0519-4912-3100-2X"), "id 110*-****-****-****-2X");
/// assert_eq!(mask("/138-1234-5678"), "/138-****-**78");
/// assert_eq!(mask("filing 12 request 345 submitted"), "filing 12 request 345 submitted");
/// ```
pub fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let groups = groups(&chars);
    let mut hidden = vec![false; chars.len()];
    for (start, end) in groups {
        let alnum: Vec<usize> = (start..end).filter(|&k| is_alnum(chars[k])).collect();
        let digits = alnum.iter().filter(|&&k| is_digit(chars[k])).count();
        if digits >= 6 {
            let keep_end = alnum.len().saturating_sub(2);
            for (n, &k) in alnum.iter().enumerate() {
                hidden[k] = n >= 3 && n < keep_end;
            }
        }
    }
    chars
        .iter()
        .zip(hidden)
        .map(|(&c, h)| if h { '*' } else { c })
        .collect()
}

/// The numbers of `chars`: `(start, end)` of runs of letters and digits,
/// joined across separators while both sides are number-like.
fn groups(chars: &[char]) -> Vec<(usize, usize)> {
    // Runs of letters and digits.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_alnum(chars[i]) {
            let start = i;
            while i < chars.len() && is_alnum(chars[i]) {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let numberish = |(s, e): (usize, usize)| e - s == 1 || chars[s..e].iter().any(|&c| is_digit(c));
    let mut out: Vec<(usize, usize)> = Vec::new();
    for run in runs {
        if let Some(last) = out.last_mut() {
            let gap = &chars[last.1..run.0];
            let joined = !gap.is_empty()
                && gap.len() <= 3
                && gap.iter().all(|&c| is_separator(c))
                && numberish(*last)
                && numberish(run);
            if joined {
                last.1 = run.1;
                continue;
            }
        }
        out.push(run);
    }
    out
}

/// A separator the rules' clean-up removes from a number.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '(' | ')' | '+' | '－' | '（' | '）' | '＋')
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

    /// No six digits of a number are left, whatever separates them.
    fn assert_masked(masked: &str) {
        let digits: Vec<char> = masked
            .chars()
            .filter(|&c| is_digit(c) || c == '*')
            .collect();
        let mut run = 0;
        for c in digits {
            run = if c == '*' { 0 } else { run + 1 };
            assert!(run < 6, "{masked}");
        }
    }

    #[test]
    fn ids_and_phones_never_survive() {
        let samples = [
            "11010519491231002X",
            "110105491231002",
            "13812345678",
            "010-12345678",
            "+86 138 1234 5678",
            "9144030071526726XG",
            // Issue 16: separators, spaces and full width, as the rules read them.
            "1101-0519-4912-3100-2X",
            "1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X",
            "１１０１０５　１９４９１２３１　００２Ｘ",
            "138－1234－5678",
            "(010) 1234 5678",
            "E 1234 5678",
        ];
        for s in samples {
            let line = format!("subject {s} submitted");
            let masked = mask(&line);
            assert!(!masked.contains(s), "{masked}");
            assert_masked(&masked);
            assert!(masked.starts_with("subject ") && masked.ends_with(" submitted"));
        }
    }

    #[test]
    fn short_numbers_and_words_stay() {
        for line in [
            "/api/v1/requests/12345",
            "filing 12 request 34 submitted: 3 website(s), 3 domain(s)",
            "subject resident_id 110*************2X, 1 website(s)",
        ] {
            assert_eq!(mask(line), line);
        }
        assert_eq!(
            mask("request 123456789012 provider_verify"),
            "request 123*******12 provider_verify"
        );
        // Digits joined by separators count together (a date is 8 digits).
        assert_eq!(mask("12 200"), "12 200");
        assert_eq!(mask("2026-11-25"), "202*-**-25");
    }
}
