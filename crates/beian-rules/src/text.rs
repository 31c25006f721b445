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

/// True for a Chinese (Han) character: the CJK Unified Ideographs and
/// their extensions, the compatibility ideographs and 〇.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F
        | 0x30000..=0x323AF)
}

/// Lines of an embedded data file, trimmed, without `#` comments and blank
/// lines.
pub(crate) fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
}

/// True when two names are the same once full-width characters are mapped
/// to ASCII, white space is dropped and ASCII letters are lower-cased.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let norm = |c: char| {
        let c = halfwidth(c);
        (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
    };
    a == b || a.chars().filter_map(norm).eq(b.chars().filter_map(norm))
}

/// The usual clean-up of a typed document number: maps full-width
/// characters to ASCII, removes white space and the characters in
/// `remove`, upper-cases, and strips the `prefixes` (compared in the same
/// cleaned form, each with a following colon) as often as they lead.
/// Idempotent: cleaning a cleaned number changes nothing.
///
/// Seed 001 其它 #19: an old form field may carry a prefix such as "身份证：".
pub(crate) fn clean(input: &str, prefixes: &[&str], remove: &[char]) -> String {
    let cleaned = |s: &str| -> String {
        s.chars()
            .map(halfwidth)
            .filter(|c| !c.is_whitespace() && !remove.contains(c))
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    let mut s = cleaned(input);
    let prefixes: Vec<String> = prefixes.iter().map(|p| cleaned(p)).collect();
    while let Some(rest) = prefixes
        .iter()
        .filter(|p| !p.is_empty())
        .find_map(|p| s.strip_prefix(p.as_str()))
    {
        s = rest.trim_start_matches(':').to_string();
    }
    s
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
        // Idempotent, whatever case or spacing the prefix came in.
        for input in ["iD", "I D1", "ＩＤ：ID:1", "身份证 身份证：1"] {
            let once = clean(input, &["ID", "身份证"], &['-']);
            assert_eq!(clean(&once, &["ID", "身份证"], &['-']), once, "{input}");
        }
        assert_eq!(clean("I D：1", &["ID"], &[]), "1");
        assert_eq!(halfwidth('Ｘ'), 'X');
        assert_eq!(halfwidth('中'), '中');
    }

    #[test]
    fn han_and_keys() {
        assert!(is_han('中') && is_han('〇') && is_han('\u{20000}'));
        assert!(!is_han('a') && !is_han('。') && !is_han('ー'));
        assert!(same_name(" 北京（某）公司 ", "北京(某)公司"));
        assert!(same_name("ＡＢ", "a b"));
        assert!(!same_name("北京某公司", "北京某"));
        assert_eq!(
            data_lines("# c\n a # b\n\n b\n").collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn dates() {
        assert!(parse_yyyymmdd("20240229").is_some());
        assert!(parse_yyyymmdd("20230229").is_none());
        assert!(parse_yyyymmdd("2024022").is_none());
        assert!(parse_yyyymmdd("2024022９").is_none());
    }
}
