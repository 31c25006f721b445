//! Words a website owner understands, in every crate that speaks to one:
//! no text of the rules, the flow, the server, the batch check, the npm
//! package or the wizard cites the project's seed FAQ (“002 #6”, “（004
//! 3）”: those citations belong in code comments and RULES.md), puts a MIIT
//! code in brackets (the finding's `code` is shown once, as the badge or
//! the CLI's column), or says “空壳” (“RFC 1918”: see the rules' catalogue
//! test).
//!
//! The test reads the sources: every string literal outside comments and
//! outside the `#[cfg(test)]` module at the end of a file. The rules crate
//! checks its findings themselves, with their codes, in
//! `beian_rules::catalogue`'s tests.

use std::path::{Path, PathBuf};

/// The source folders of the crates whose texts reach people.
const SOURCES: [&str; 6] = [
    "crates/beian-rules/src",
    "crates/beian-flow/src",
    "crates/beian-server/src",
    "crates/beian-batch/src",
    "crates/beian-wasm/src",
    "web/src",
];

/// Files that write developer documents, which cite the seeds on purpose:
/// `diagram.rs` makes `crates/beian-flow/STATES.md`, as `catalogue.rs`
/// makes RULES.md (the catalogue's own test module holds the examples of
/// the matcher).
const DEVELOPER_DOCUMENTS: [&str; 1] = ["crates/beian-flow/src/diagram.rs"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The string literals of Rust source `src` outside comments, each with the
/// line it starts on; escapes are kept as written, a line continuation
/// (`\` at the end of a line) is dropped with the next line's indent.
fn literals(src: &str) -> Vec<(usize, String)> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < b.len() && !(b[i] == '*' && b.get(i + 1) == Some(&'/')) {
                line += usize::from(b[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && (i == 0
                || !is_ident(b[i - 1])
                || (b[i - 1] == 'b' && (i < 2 || !is_ident(b[i - 2]))))
            && matches!(next, Some('"' | '#'))
        {
            let mut j = i + 1;
            while b.get(j) == Some(&'#') {
                j += 1;
            }
            let hashes = j - i - 1;
            if b.get(j) != Some(&'"') {
                i = j;
                continue;
            }
            let start = j + 1;
            let mut k = start;
            while k < b.len() && !(b[k] == '"' && (1..=hashes).all(|h| b.get(k + h) == Some(&'#')))
            {
                k += 1;
            }
            let text: String = b[start..k.min(b.len())].iter().collect();
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = k + 1 + hashes;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{3000}', '\'') or a lifetime.
            if next == Some('\\') {
                let mut k = i + 3;
                while k < b.len() && b[k] != '\'' {
                    k += 1;
                }
                i = k + 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == '"' {
            let start_line = line;
            let mut text = String::new();
            let mut k = i + 1;
            while k < b.len() && b[k] != '"' {
                if b[k] == '\\' && b.get(k + 1) == Some(&'\n') {
                    k += 1;
                    while k < b.len() && b[k].is_whitespace() {
                        line += usize::from(b[k] == '\n');
                        k += 1;
                    }
                } else if b[k] == '\\' {
                    text.extend(&b[k..(k + 2).min(b.len())]);
                    k += 2;
                } else {
                    line += usize::from(b[k] == '\n');
                    text.push(b[k]);
                    k += 1;
                }
            }
            out.push((start_line, text));
            i = k + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space as ASCII.
fn halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// True when `text` cites a question of the seed FAQ (“002 #6”, “（004
/// 3）”, “004 其它 6”, “001 ISP 1.3”, also in full-width digits): 000–004
/// standing alone, an optional space, then `#`, 其它, “other” or “ISP”, or a
/// space and a digit.
fn cites_seed(text: &str) -> bool {
    let c: Vec<char> = text.chars().map(halfwidth).collect();
    (0..c.len()).any(|i| {
        let alone = i == 0 || !(c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '_');
        if !(alone && c[i..].starts_with(&['0', '0']) && matches!(c.get(i + 2), Some('0'..='4'))) {
            return false;
        }
        let rest: String = c[i + 3..].iter().take(7).collect();
        let spaced = rest.strip_prefix(' ');
        let word = |r: &str| {
            r.starts_with('#')
                || ["其它", "其他", "other", "ISP"]
                    .iter()
                    .any(|w| r.starts_with(w))
        };
        // A digit counts only after the space (“004 3”, never “0001”).
        word(&rest)
            || spaced.is_some_and(|r| word(r) || r.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The MIIT code (10xx, 50xx) that `text` puts in brackets or after 返回码
/// or 代码, if any: “（1015 无效身份证号码）”, “(1019)”, “返回码 5001”.
fn bracketed_code(text: &str) -> Option<String> {
    let c: Vec<char> = text.chars().map(halfwidth).collect();
    (0..c.len().saturating_sub(3)).find_map(|i| {
        let number: String = c[i..i + 4].iter().collect();
        let is_code = (number.starts_with("10") || number.starts_with("50"))
            && number.chars().all(|d| d.is_ascii_digit());
        let alone = (i == 0 || !c[i - 1].is_ascii_digit())
            && !c.get(i + 4).is_some_and(|d| d.is_ascii_digit());
        if !(is_code && alone) {
            return None;
        }
        let before: String = c[..i].iter().collect();
        let before = before.trim_end_matches([' ', ':']);
        let opened =
            before.ends_with('(') || before.ends_with("返回码") || before.ends_with("代码");
        let closed = matches!(c.get(i + 4), Some(')'));
        (opened || closed).then_some(number)
    })
}

/// What is wrong with a text a website owner may read, if anything.
fn unplain(text: &str) -> Option<String> {
    if cites_seed(text) {
        return Some("cites a seed question".into());
    }
    if let Some(code) = bracketed_code(text) {
        return Some(format!("shows the code {code} in the text"));
    }
    // (“RFC 1918” is checked on the rules' findings by the catalogue's test:
    // here the range table's RFC column, data for developers, would match.)
    ["空壳", "shell subject", "shell website"]
        .iter()
        .find(|w| text.contains(*w))
        .map(|w| format!("says {w:?}"))
}

#[test]
fn words_matchers() {
    for cited in [
        "（002 #6）",
        "(000 #44)",
        "(004 3)",
        "（004 其它 6）",
        "(004 other 3–5)",
        "(001 ISP 1.3)",
        "（００２ ＃６）",
        "(1046, 002 #14)",
    ] {
        assert!(cites_seed(cited), "{cited}");
    }
    for plain in [
        "110000",
        "京ICP备09051301号",
        "浙B2-20040180",
        "2004 年",
        "005 #1",
        "0000-00-00",
        "0001_registry.sql",
    ] {
        assert!(!cites_seed(plain), "{plain}");
    }
    for coded in [
        "（1015 无效身份证号码）",
        "(1019)",
        "返回码 5001",
        "（1046，",
        "x (5001 missing field)",
    ] {
        assert!(bracketed_code(coded).is_some(), "{coded}");
    }
    for plain in [
        "110105194912310150",
        "最多 1000 个字符",
        "(10 digits)",
        "1015",
    ] {
        assert_eq!(bracketed_code(plain), None, "{plain}");
    }
    let src = "// \"（002 #6）\" in a comment\nlet a = '\"'; let b = \"x（1015）\\\n    y\";\nlet c = r#\"z\"#; /* \"（004 3）\" */ fn f<'a>(s: &'a str) {}";
    let found: Vec<(usize, String)> = literals(src);
    assert_eq!(found, [(2, "x（1015）y".to_string()), (4, "z".to_string())]);
}

#[test]
fn texts_speak_to_website_owners() {
    let root = root();
    let mut bad = Vec::new();
    let mut files = 0;
    for dir in SOURCES {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .strip_prefix(&root)
                .expect("inside the workspace")
                .to_string_lossy()
                .replace('\\', "/");
            if DEVELOPER_DOCUMENTS.contains(&name.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            let code = text
                .find("\n#[cfg(test)]\n")
                .map_or(text.as_str(), |end| &text[..end]);
            files += 1;
            for (line, literal) in literals(code) {
                if let Some(why) = unplain(&literal) {
                    bad.push(format!("{name}:{line} {why}: {literal}"));
                }
            }
        }
    }
    assert!(files > 60, "{files} files read");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
