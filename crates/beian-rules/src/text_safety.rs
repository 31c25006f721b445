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
//!   Mechanisms", through the `unicode-security` crate):
//!   `xn--80ak6aa92e.com` displays as аррӏе.com, Cyrillic letters that
//!   look like apple.com. A label is "mixed script" when it is beyond
//!   UTS #39's *highly restrictive* level (which allows one script, or
//!   Latin with Han and Japanese, Korean or Bopomofo, so that `qq邮箱`
//!   passes), and "confusable" when it has letters of a script other than
//!   Latin and its UTS #39 skeleton is an ASCII name.
//!
//! [`findings`] looks at one value, [`domain_findings`] at one domain,
//! [`filing_findings`] at every text of a filing.

use unicode_script::{Script, UnicodeScript};
use unicode_security::{skeleton, RestrictionLevel, RestrictionLevelDetection};

use crate::finding::{Finding, Message, Severity};
use crate::model::{Filing, Person};

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

fn label(label: &str) -> Option<Label> {
    if label.is_ascii() {
        return None;
    }
    // Letters of another script than Latin: a Latin label with accents
    // (café, straße) is not a look-alike of its ASCII letters.
    let foreign = label.chars().any(|c| {
        !matches!(
            c.script(),
            Script::Latin | Script::Common | Script::Inherited
        )
    });
    let skeleton: String = skeleton(label).collect();
    if foreign
        && skeleton
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Some(Label::Confusable(skeleton.to_ascii_lowercase()));
    }
    // Hyphens and digits are common to every script; the restriction level
    // is of the letters.
    let letters: String = label
        .chars()
        .filter(|c| *c != '-' && !c.is_ascii_digit())
        .collect();
    (letters.as_str().detect_restriction_level() > RestrictionLevel::HighlyRestrictive)
        .then_some(Label::MixedScript)
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
fn person_texts<'a>(person: &'a Person, base: &str, f: &mut dyn FnMut(&'a str, String)) {
    for (value, key) in [
        (&person.name, "name"),
        (&person.document_number, "documentNumber"),
        (&person.mobile, "mobile"),
        (&person.phone, "phone"),
        (&person.email, "email"),
    ] {
        if value.chars().any(is_bidi_control) {
            f(value, format!("{base}/{key}"));
        }
    }
}

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
    let mut out = Vec::new();
    let mut push = |value: &str, path: String| out.push(bidi_finding(&path, value));
    let s = &filing.subject;
    for (value, key) in [
        (&s.name, "name"),
        (&s.document_number, "documentNumber"),
        (&s.province, "province"),
        (&s.city, "city"),
        (&s.county, "county"),
        (&s.address, "address"),
        (&s.licence_number, "licenceNumber"),
        (&s.filing_number, "filingNumber"),
    ] {
        if value.chars().any(is_bidi_control) {
            push(value, format!("/subject/{key}"));
        }
    }
    person_texts(
        &s.responsible_person,
        "/subject/responsiblePerson",
        &mut push,
    );
    for (i, w) in filing.websites.iter().enumerate() {
        let base = || format!("/websites/{i}");
        for (value, key) in [
            (&w.name, "name"),
            (&w.homepage, "homepage"),
            (&w.domain_owner, "domainOwner"),
        ] {
            if value.chars().any(is_bidi_control) {
                push(value, format!("{}/{key}", base()));
            }
        }
        for (j, d) in w.domains.iter().enumerate() {
            if d.chars().any(is_bidi_control) {
                push(d, format!("{}/domains/{j}", base()));
            }
        }
        for (j, a) in w.access.iter().enumerate() {
            for (value, key) in [
                (&a.provider, "provider"),
                (&a.method, "method"),
                (&a.server_location, "serverLocation"),
            ] {
                if value.chars().any(is_bidi_control) {
                    push(value, format!("{}/access/{j}/{key}", base()));
                }
            }
            for (k, ip) in a.ips.iter().enumerate() {
                if ip.chars().any(is_bidi_control) {
                    push(ip, format!("{}/access/{j}/ips/{k}", base()));
                }
            }
        }
        for (j, p) in w.pre_approvals.iter().enumerate() {
            if p.permit_number.chars().any(is_bidi_control) {
                push(
                    &p.permit_number,
                    format!("{}/preApprovals/{j}/permitNumber", base()),
                );
            }
        }
        person_texts(
            &w.responsible_person,
            &format!("{}/responsiblePerson", base()),
            &mut push,
        );
    }
    out
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
