//! Small text helpers shared by the identifier modules.

/// Maps a full-width ASCII variant (U+FF01–U+FF5E) and the ideographic space
/// to its ASCII character; other characters are returned unchanged.
pub(crate) fn halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The usual clean-up of a typed document number: trims, strips one of
/// `prefixes` (with a following colon), maps full-width characters to ASCII,
/// removes white space and the characters in `remove`, upper-cases.
pub(crate) fn clean(input: &str, prefixes: &[&str], remove: &[char]) -> String {
    let mut s = input.trim();
    for prefix in prefixes {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
            break;
        }
    }
    s.chars()
        .map(halfwidth)
        .filter(|c| !c.is_whitespace() && !remove.contains(c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Parses `YYYYMMDD` (ASCII digits) into a date.
pub(crate) fn parse_yyyymmdd(s: &str) -> Option<crate::Date> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    crate::Date::new(
        s[..4].parse().ok()?,
        s[4..6].parse().ok()?,
        s[6..].parse().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_maps_and_strips() {
        assert_eq!(clean(" 证件：ａｂ－１ ２ ", &["证件"], &['-']), "AB12");
        assert_eq!(clean("", &[], &[]), "");
        assert_eq!(halfwidth('Ｘ'), 'X');
        assert_eq!(halfwidth('中'), '中');
    }

    #[test]
    fn dates() {
        assert!(parse_yyyymmdd("20240229").is_some());
        assert!(parse_yyyymmdd("20230229").is_none());
        assert!(parse_yyyymmdd("2024022").is_none());
        assert!(parse_yyyymmdd("2024022９").is_none());
    }
}
