//! Text that shows something other than what it is (warnings, no MIIT
//! code: the filing system does not check this, but a reviewer, a visitor
//! or the owner reading the filing later may be misled).
//!
//! - Bidirectional control characters (U+202A–U+202E, U+2066–U+2069,
//!   U+200E, U+200F, U+061C) in any text of the filing: invisible, they
//!   make the characters after them display in another order than they are
//!   stored, so that a name or a number reads differently from what is
//!   filed ("Trojan Source", CVE-2021-42574). Pasted text brings them
//!   along unseen; nothing a website owner types needs them.
//! - Domain labels that mix scripts or are made of look-alike letters of
//!   another script (Unicode Technical Standard #39, "Unicode Security
//!   Mechanisms"): `xn--80ak6aa92e.com` displays as аррӏе.com, Cyrillic
//!   letters that look like apple.com. A label is "mixed script" when it
//!   is beyond UTS #39's *highly restrictive* level (one script, or Latin
//!   with Han and Japanese, Korean or Bopomofo, so that `qq邮箱` passes),
//!   and "confusable" when it has letters of a script other than Latin (and
//!   other than the scripts of Chinese, Japanese and Korean) and every
//!   letter's UTS #39 skeleton is ASCII: the label then displays as that
//!   ASCII name.
//!
//! The UTS #39 data comes from the maintained crates `unicode-script`
//! (Scripts.txt) and `unicode-security` (confusables.txt), through tables
//! that `beian-datagen` makes from them (`generated/scripts.rs`, a few KB):
//! linking those crates into the rules cost the npm package 22 KB gzipped
//! for the scripts and 103 KB for the skeleton (its normalisation and
//! confusables tables), against 224 KB for the whole package. A test
//! compares these tables' answers with the crates' own.
//!
//! [`findings`] looks at one value, [`domain_findings`] at one domain,
//! [`filing_findings`] at every text of a filing.

use crate::finding::{Finding, Message, Severity};
use crate::generated::scripts::{LATIN_LOOKALIKES, SCRIPT_CLASSES, SCRIPT_STARTS};
use crate::model::Filing;

/// True for a bidirectional control character: the embeddings and
/// overrides U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E
/// (LRM), U+200F (RLM) and U+061C (ALM).
///
/// ```
/// use beian_rules::text_safety::is_bidi_control;
/// assert!(is_bidi_control('\u{202E}') && is_bidi_control('\u{2067}') && is_bidi_control('\u{61C}'));
/// assert!(!is_bidi_control('a') && !is_bidi_control('中') && !is_bidi_control('\u{200D}'));
/// ```
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn bidi_finding(path: &str, value: &str) -> Finding {
    let cleaned: String = value.chars().filter(|c| !is_bidi_control(*c)).collect();
    Finding::new(
        "text.bidi_control",
        None,
        path,
        Severity::Warning,
        Message::new(
            "内容中有看不见的文字方向控制字符（如 U+202E）：它们会让后面的文字倒过来或换个顺序显示，看到的和实际填写的不一样，常被用来伪装名称或号码。请删除这些字符（复制粘贴时常被一起带入）。",
            "The text holds invisible text-direction control characters (such as U+202E): they make the characters after them display reversed or reordered, so what is shown differs from what is filed, a common trick to disguise a name or number. Remove them (copying and pasting often brings them along).",
        ),
    )
    .with_suggestion(cleaned)
}

/// The warning for bidirectional control characters in one text value
/// (none when it has none), with the value without them as the suggestion.
///
/// ```
/// let found = beian_rules::text_safety::findings("张三\u{202E}的博客", "/websites/0/name");
/// assert_eq!(found[0].rule, "text.bidi_control");
/// assert_eq!(found[0].suggestion.as_deref(), Some("张三的博客"));
/// assert!(beian_rules::text_safety::findings("张三的博客", "").is_empty());
/// ```
pub fn findings(value: &str, path: &str) -> Vec<Finding> {
    if value.chars().any(is_bidi_control) {
        vec![bidi_finding(path, value)]
    } else {
        Vec::new()
    }
}

/// What is wrong with one label of a domain, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    /// Letters of several scripts beyond UTS #39's highly restrictive level.
    MixedScript,
    /// Non-ASCII, with an ASCII skeleton: looks like this ASCII label.
    Confusable(String),
}

/// The script class of `c` (see `generated/scripts.rs`): 0 none (Common,
/// Inherited), 1 Latin, 2 Han, 3 Hiragana, 4 Katakana, 5 Hangul,
/// 6 Bopomofo, 7 and up the other scripts.
fn script_class(c: char) -> u8 {
    let i = SCRIPT_STARTS.partition_point(|&s| s <= c as u32);
    i.checked_sub(1)
        .and_then(|i| SCRIPT_CLASSES.get(i))
        .copied()
        .unwrap_or(0)
}

/// The ASCII skeleton of a letter of another script that looks like
/// Latin letters or digits.
fn lookalike(c: char) -> Option<&'static str> {
    LATIN_LOOKALIKES
        .binary_search_by(|(k, _)| k.cmp(&c))
        .ok()
        .map(|i| LATIN_LOOKALIKES[i].1)
}

/// UTS #39's highly restrictive level: the scripts of the label (classes
/// above 0) are one script, or Latin, Han, Hiragana and Katakana, or
/// Latin, Han and Bopomofo, or Latin, Han and Hangul.
fn highly_restrictive(classes: &[u8]) -> bool {
    let within = |allowed: &[u8]| classes.iter().all(|c| allowed.contains(c));
    classes.windows(2).all(|w| w[0] == w[1])
        || within(&[1, 2, 3, 4])
        || within(&[1, 2, 6])
        || within(&[1, 2, 5])
}

fn label(label: &str) -> Option<Label> {
    if label.is_ascii() {
        return None;
    }
    let classes: Vec<u8> = label.chars().map(script_class).filter(|c| *c > 0).collect();
    // Letters of a script other than Latin (and not of Chinese, Japanese
    // or Korean), each of them a look-alike of ASCII: the label displays as
    // its skeleton.
    if classes.iter().any(|c| *c > 6) {
        let skeleton: Option<String> = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    Some(c.to_ascii_lowercase().to_string())
                } else {
                    lookalike(c).map(str::to_string)
                }
            })
            .collect();
        if let Some(skeleton) = skeleton {
            return Some(Label::Confusable(skeleton));
        }
    }
    (!highly_restrictive(&classes)).then_some(Label::MixedScript)
}

/// Warnings for the labels of a domain in its Unicode form (as
/// [`crate::domain::Domain::unicode`] gives it) that mix scripts or are
/// look-alikes of an ASCII name (UTS #39); at most one per label.
///
/// ```
/// use beian_rules::text_safety::domain_findings;
/// let found = domain_findings("аррӏе.com", "/websites/0/domains/0");
/// assert_eq!(found[0].rule, "domain.confusable");
/// assert!(found[0].message.en.contains("apple"));
/// assert_eq!(domain_findings("pаypal.com", "")[0].rule, "domain.confusable");
/// assert_eq!(domain_findings("gοοgle中文.cn", "")[0].rule, "domain.mixed_script");
/// assert!(domain_findings("例子.中国", "").is_empty());
/// assert!(domain_findings("qq邮箱.com", "").is_empty());
/// assert!(domain_findings("example.com", "").is_empty());
/// ```
pub fn domain_findings(unicode: &str, path: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for part in unicode.split('.') {
        match label(part) {
            None => {}
            Some(Label::Confusable(looks_like)) => out.push(Finding::new(
                "domain.confusable",
                None,
                path,
                Severity::Warning,
                Message::new(
                    format!("域名 {unicode} 中的“{part}”由其他文字中与拉丁字母形状相同的字母组成，显示出来几乎就是“{looks_like}”，是仿冒网站常用的手法。请确认这是您注册的域名；如果本想填写“{looks_like}”，请重新输入。"),
                    format!("In the domain {unicode}, \"{part}\" is made of letters of another script that look like Latin letters: it displays almost exactly as \"{looks_like}\", a common trick of spoofing sites. Check that this is the domain you registered; if you meant \"{looks_like}\", type it again."),
                ),
            )),
            Some(Label::MixedScript) => out.push(Finding::new(
                "domain.mixed_script",
                None,
                path,
                Severity::Warning,
                Message::new(
                    format!("域名 {unicode} 中的“{part}”混用了几种文字的字母（如拉丁字母和西里尔字母），看起来可能和另一个域名一样，是仿冒网站常用的手法。请确认这是您注册的域名。"),
                    format!("In the domain {unicode}, \"{part}\" mixes letters of several scripts (such as Latin and Cyrillic) and may look the same as another domain, a common trick of spoofing sites. Check that this is the domain you registered."),
                ),
            )),
        }
    }
    out
}

/// Calls `f` with every text of a person and its path.
/// The bidirectional-control warning of every text of `filing` that has
/// any, in the order of the fields. Paths are built only for those.
///
/// ```
/// let mut filing = beian_rules::Filing::default();
/// filing.subject.name = "北京\u{202E}某某公司".into();
/// let found = beian_rules::text_safety::filing_findings(&filing);
/// assert_eq!(found.len(), 1);
/// assert_eq!((found[0].rule.as_str(), found[0].path.as_str()), ("text.bidi_control", "/subject/name"));
/// ```
pub fn filing_findings(filing: &Filing) -> Vec<Finding> {
    crate::path::text_fields(filing)
        .into_iter()
        .filter(|(_, value)| value.chars().any(is_bidi_control))
        .map(|(path, value)| bidi_finding(&path.to_string(), value))
        .collect()
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out = findings("\u{202E}abc", "");
    out.extend(domain_findings("аррӏе.com", ""));
    out.extend(domain_findings("gοοgle中文.cn", ""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Access, Website};
    use proptest::prelude::*;

    #[test]
    fn every_bidi_control_of_the_issue_is_found() {
        for c in ('\u{202A}'..='\u{202E}')
            .chain('\u{2066}'..='\u{2069}')
            .chain(['\u{200E}', '\u{200F}', '\u{061C}'])
        {
            let text = format!("abc{c}def");
            let found = findings(&text, "/p");
            assert_eq!(found.len(), 1, "{c:?}");
            assert_eq!(found[0].severity, Severity::Warning);
            assert_eq!(found[0].code, None);
            assert_eq!(found[0].suggestion.as_deref(), Some("abcdef"));
        }
        // Joiners and other invisible characters are not direction controls.
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{2065}', '\u{2029}',
        ] {
            assert!(findings(&format!("a{c}b"), "").is_empty(), "{c:?}");
        }
    }

    #[test]
    fn the_issues_domain_is_a_look_alike_of_apple() {
        // xn--80ak6aa92e.com is the IDNA form of аррӏе.com (Cyrillic).
        let d = crate::domain::validate("xn--80ak6aa92e.com").unwrap();
        assert_eq!(d.unicode(), "аррӏе.com");
        let found = domain_findings(&d.unicode(), "/websites/0/domains/0");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "domain.confusable");
        assert_eq!(found[0].path, "/websites/0/domains/0");
        assert!(found[0].message.zh_cn.contains("“apple”"));
    }

    #[test]
    fn labels() {
        // One script, or Latin with Han: real Chinese domains pass.
        for ok in [
            "例子",
            "中国",
            "qq邮箱",
            "百度baidu",
            "北京2024",
            "a-b",
            "xn--abc",
            "café",
            "straße",
            "日本語テキスト",
            "한국어",
            "ελληνικά",
        ] {
            assert_eq!(label(ok), None, "{ok}");
        }
        assert_eq!(label("pаypal"), Some(Label::Confusable("paypal".into())));
        assert_eq!(label("аррӏе"), Some(Label::Confusable("apple".into())));
        // Latin and Cyrillic, not all look-alikes.
        assert_eq!(label("яндексyandex"), Some(Label::MixedScript));
        // Han and Cyrillic.
        assert_eq!(label("中文д"), Some(Label::MixedScript));
        // Greek omicrons among Latin and Han letters.
        assert_eq!(label("gοοgle中文"), Some(Label::MixedScript));
    }

    #[test]
    fn every_text_of_a_filing_is_looked_at() {
        let rlo = "x\u{202E}y".to_string();
        let mut filing = Filing::default();
        filing.subject.address = rlo.clone();
        filing.subject.responsible_person.email = rlo.clone();
        filing.websites = vec![Website {
            domains: vec!["example.com".into(), rlo.clone()],
            access: vec![Access {
                ips: vec!["1.1.1.1".into(), rlo.clone()],
                server_location: rlo.clone(),
                ..Access::default()
            }],
            ..Website::default()
        }];
        filing.websites[0].responsible_person.name = rlo;
        let paths: Vec<String> = filing_findings(&filing)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            [
                "/subject/address",
                "/subject/responsiblePerson/email",
                "/websites/0/domains/1",
                "/websites/0/access/0/serverLocation",
                "/websites/0/access/0/ips/1",
                "/websites/0/responsiblePerson/name",
            ]
        );
        assert!(filing_findings(&Filing::default()).is_empty());
    }

    /// The tables answer as the crates they are made from: the mixed-script
    /// test as `unicode-security`'s restriction level, the look-alikes as
    /// its skeleton.
    #[test]
    fn the_tables_agree_with_unicode_security() {
        use unicode_security::{RestrictionLevel, RestrictionLevelDetection};
        for l in [
            "例子",
            "中国",
            "qq邮箱",
            "百度baidu",
            "日本語テキスト",
            "한국어",
            "한국어abc",
            "中文한국어",
            "ελληνικά",
            "русский",
            "pаypal",
            "яндексyandex",
            "中文д",
            "gοοgle中文",
            "ひらがなカタカナ漢字abc",
            "abcαβγ",
            "中文ελλ",
            "հայերեն",
            "עברית",
            "עבריתabc",
            "ไทย",
            "ไทยabc",
            "café",
            "straße",
        ] {
            let level = l.detect_restriction_level();
            let ours = label(l);
            if ours == Some(Label::MixedScript) || level > RestrictionLevel::HighlyRestrictive {
                // A look-alike label may be mixed too: then it is reported as the
                // look-alike.
                assert!(
                    matches!(ours, Some(Label::MixedScript | Label::Confusable(_)))
                        && level > RestrictionLevel::HighlyRestrictive,
                    "{l}: {ours:?} {level:?}"
                );
            }
        }
        for (c, skeleton) in LATIN_LOOKALIKES {
            let theirs: String = unicode_security::skeleton(&c.to_string()).collect();
            assert_eq!(theirs.to_ascii_lowercase(), *skeleton, "{c}");
            assert!(!matches!(
                unicode_script::UnicodeScript::script(c),
                unicode_script::Script::Latin | unicode_script::Script::Han
            ));
        }
        for c in ['a', '中', 'あ', 'ア', '한', 'ㄅ', 'а', 'α', '-', '1'] {
            let class = script_class(c);
            let script = unicode_script::UnicodeScript::script(&c);
            let expected = match script {
                unicode_script::Script::Common => 0,
                unicode_script::Script::Latin => 1,
                unicode_script::Script::Han => 2,
                unicode_script::Script::Hiragana => 3,
                unicode_script::Script::Katakana => 4,
                unicode_script::Script::Hangul => 5,
                unicode_script::Script::Bopomofo => 6,
                _ => class.max(7),
            };
            assert_eq!(class, expected, "{c}");
        }
        assert_eq!(script_class('\u{10FFFF}'), 0);
    }

    proptest! {
        #[test]
        fn total_on_any_text(s in "\\PC*") {
            let _ = findings(&s, "");
            let _ = domain_findings(&s, "");
            let found = findings(&s, "");
            prop_assert_eq!(found.is_empty(), !s.chars().any(is_bidi_control));
        }
    }
}
