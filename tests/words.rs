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

/// Files whose texts are not read here: `diagram.rs` makes the developer
/// document `crates/beian-flow/STATES.md`, which cites the seeds on
/// purpose; `catalogue.rs` holds the matcher itself (its words are the
/// ones it looks for) and checks every finding it lists, with its code,
/// in its own test.
const DEVELOPER_DOCUMENTS: [&str; 2] = [
    "crates/beian-flow/src/diagram.rs",
    "crates/beian-rules/src/catalogue.rs",
];

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

/// The literals of a source file, outside comments (the matcher of
/// unplain words is `beian_rules::catalogue::words_problem`, tested there).
#[test]
fn literals_are_found() {
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
                if let Some(why) = beian_rules::catalogue::words_problem(&literal) {
                    bad.push(format!("{name}:{line} {why}: {literal}"));
                }
            }
        }
    }
    assert!(files > 60, "{files} files read");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
