//! What a home page shows: its filing numbers, whether each is linked to
//! the MIIT filing site, and whether it is in the page's footer.
//!
//! Seeds: the number at the bottom centre of the home page, linked to the
//! MIIT filing site (000 #16, #54; 001 5.3; 003 #15), checked by the filing
//! system's crawler (001 其它 #8).

use beian_rules::filing_number::{self, FilingNumber, Kind};
use beian_rules::footer::{MIIT_FILING_HOST, MIIT_FILING_SITE};
use beian_rules::{Finding, Message, Severity};
use scraper::{ElementRef, Html, Node};
use url::Url;

/// The MIIT's filing site before 2019, which no longer answers.
const OLD_MIIT_HOSTS: [&str; 2] = ["www.miitbeian.gov.cn", "miitbeian.gov.cn"];

/// The share of the page's text, from its end, that counts as its bottom
/// when no footer element or class says where the footer is.
const BOTTOM_SHARE: f64 = 0.3;

/// One filing number shown on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The number, parsed.
    pub number: FilingNumber,
    /// Where its link points, if it is inside a link (`href` resolved
    /// against the page's address).
    pub link: Option<String>,
    /// Inside a `<footer>` or an element whose id or class names a footer,
    /// or in the last part of the page's text.
    pub in_footer: bool,
}

/// What the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// The valid filing numbers (`…ICP备…号`), in page order.
    pub shown: Vec<Shown>,
    /// Text that starts like a filing number but is none (`京ICP备1234号`).
    pub malformed: Vec<String>,
}

/// Reads the filing numbers off a page's HTML; `base` resolves links.
pub fn read_page(html: &str, base: &Url) -> PageFacts {
    let doc = Html::parse_document(html);
    // Text nodes with something in them, in page order, with their length.
    let texts: Vec<(ego_tree::NodeId, &str)> = doc
        .tree
        .nodes()
        .filter_map(|n| match n.value() {
            Node::Text(t) if !t.trim().is_empty() && !in_script(n) => Some((n.id(), &**t)),
            _ => None,
        })
        .collect();
    let total: usize = texts.iter().map(|(_, t)| t.chars().count()).sum();
    let mut before = 0usize;
    let mut facts = PageFacts::default();
    for (id, text) in &texts {
        let node = doc.tree.get(*id).expect("a node of this tree");
        let position = before as f64 / total.max(1) as f64;
        before += text.chars().count();
        for candidate in candidates(text) {
            match filing_number::validate(&candidate) {
                Ok(number) if number.kind() == Kind::Filing => {
                    let mut link = None;
                    let mut footer = position >= 1.0 - BOTTOM_SHARE;
                    for ancestor in node.ancestors().filter_map(ElementRef::wrap) {
                        let el = ancestor.value();
                        if link.is_none() && el.name() == "a" {
                            link = Some(
                                el.attr("href")
                                    .and_then(|h| base.join(h.trim()).ok())
                                    .map(String::from)
                                    .unwrap_or_default(),
                            );
                        }
                        footer |= el.name() == "footer"
                            || names_footer(el.attr("id"))
                            || el.classes().any(|c| names_footer(Some(c)));
                    }
                    facts.shown.push(Shown {
                        number,
                        link,
                        in_footer: footer,
                    });
                }
                Ok(_) => {}
                Err(_) => facts.malformed.push(candidate),
            }
        }
    }
    facts
}

fn in_script(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.ancestors().filter_map(ElementRef::wrap).any(|e| {
        matches!(
            e.value().name(),
            "script" | "style" | "noscript" | "template"
        )
    })
}

fn names_footer(name: Option<&str>) -> bool {
    name.is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        ["foot", "bottom", "copyright", "beian", "icp"]
            .iter()
            .any(|w| n.contains(w))
    })
}

/// The pieces of `text` that look like a filing number: the character
/// before `ICP` (the province), `ICP` and what follows while it can belong
/// to a number (备/证, digits, 号, `-`, spaces; full-width forms too).
fn candidates(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= chars.len() {
        let icp: String = chars[i..i + 3]
            .iter()
            .collect::<String>()
            .to_ascii_uppercase();
        let icp = icp
            .replace(['Ｉ', 'ｉ'], "I")
            .replace(['Ｃ', 'ｃ'], "C")
            .replace(['Ｐ', 'ｐ'], "P");
        if icp != "ICP" {
            i += 1;
            continue;
        }
        // The province is the last character before `ICP` that is not a space.
        let start = (0..i)
            .rev()
            .find(|&j| !chars[j].is_whitespace())
            .unwrap_or(i);
        let mut end = i + 3;
        while end < chars.len() && continues_number(chars[end]) {
            end += 1;
        }
        let piece: String = chars[start..end].iter().collect();
        let piece = piece
            .trim_end_matches([' ', '\u{3000}', '-', '－'])
            .to_string();
        // Only what claims to be a filing number (备 and digits), not a
        // licence (证) nor the words 备案号 themselves.
        let digits = piece
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        if piece.contains(['备', '備']) && digits {
            out.push(piece);
        }
        i = end.max(i + 1);
    }
    out
}

fn continues_number(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '备' | '備' | '证' | '証' | '号' | '號' | '-' | '－' | ' ' | '\u{3000}'
        )
}

/// The findings of a page's facts; `expected` is the filing number the
/// site should show (a website's, with `-N`, or its subject's).
pub fn findings(facts: &PageFacts, expected: Option<&FilingNumber>) -> Vec<Finding> {
    let mut out = Vec::new();
    for bad in &facts.malformed {
        let mut f = Finding::new(
            "site.number_malformed",
            None,
            "/url",
            Severity::Error,
            Message::new(
                format!("页面上的“{bad}”不是有效的备案号：备案号如 京ICP备12345678号-1。"),
                format!("“{bad}” on the page is not a valid filing number, which reads e.g. 京ICP备12345678号-1."),
            ),
        );
        if let Ok(fixed) = filing_number::validate(&filing_number::compact(bad)) {
            f.suggestion = Some(fixed.to_string());
        }
        out.push(f);
    }
    let relevant: Vec<&Shown> = match expected {
        Some(e) => facts
            .shown
            .iter()
            .filter(|s| s.number.subject_number() == e.subject_number())
            .collect(),
        None => facts.shown.iter().collect(),
    };
    if relevant.is_empty() {
        let message = match (expected, facts.shown.first()) {
            (Some(e), Some(other)) => Message::new(
                format!("首页显示的是另一个备案号“{}”，不是“{e}”。", other.number),
                format!("The home page shows another filing number, {}, not {e}.", other.number),
            ),
            (Some(e), None) => Message::new(
                format!("首页上没有找到备案号“{e}”：请在首页底部显示它，并链接到工信部备案系统 {MIIT_FILING_SITE}。"),
                format!("The home page does not show the filing number {e}: show it at the bottom of the home page, linked to {MIIT_FILING_SITE}."),
            ),
            (None, _) => Message::new(
                format!("首页上没有找到备案号：请在首页底部显示它，并链接到工信部备案系统 {MIIT_FILING_SITE}。"),
                format!("The home page shows no filing number: show it at the bottom of the home page, linked to {MIIT_FILING_SITE}."),
            ),
        };
        let rule = if expected.is_some() && !facts.shown.is_empty() {
            "site.number_other"
        } else {
            "site.number_missing"
        };
        out.push(Finding::new(rule, None, "/url", Severity::Error, message));
        return out;
    }
    // The best showing of the number decides: linked and in the footer wins.
    let best = relevant
        .iter()
        .max_by_key(|s| {
            (
                s.link.as_deref().is_some_and(links_to_miit),
                s.link.is_some(),
                s.in_footer,
            )
        })
        .expect("not empty");
    let number = &best.number;
    match best.link.as_deref() {
        None => out.push(Finding::new(
            "site.number_not_linked",
            None,
            "/url",
            Severity::Error,
            Message::new(
                format!("备案号“{number}”没有链接：请把它链接到工信部备案系统 {MIIT_FILING_SITE}。"),
                format!("The filing number {number} is not a link: link it to the MIIT filing site, {MIIT_FILING_SITE}."),
            ),
        )),
        Some(link) if links_to_miit(link) => {}
        Some(link) => {
            let old = Url::parse(link)
                .ok()
                .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
                .is_some_and(|h| OLD_MIIT_HOSTS.contains(&h.as_str()));
            let mut f = if old {
                Finding::new(
                    "site.link_outdated",
                    None,
                    "/url",
                    Severity::Error,
                    Message::new(
                        format!("备案号链接到旧的备案网站 {link}，该网站已停用：请改为 {MIIT_FILING_SITE}。"),
                        format!("The filing number links to the old filing site {link}, which is gone: link to {MIIT_FILING_SITE}."),
                    ),
                )
            } else {
                Finding::new(
                    "site.link_elsewhere",
                    None,
                    "/url",
                    Severity::Error,
                    Message::new(
                        format!("备案号链接到“{link}”，应链接到工信部备案系统 {MIIT_FILING_SITE}。"),
                        format!("The filing number links to {link}; it should link to the MIIT filing site, {MIIT_FILING_SITE}."),
                    ),
                )
            };
            f.suggestion = Some(MIIT_FILING_SITE.to_string());
            out.push(f);
        }
    }
    if !best.in_footer {
        out.push(Finding::new(
            "site.not_in_footer",
            None,
            "/url",
            Severity::Warning,
            Message::new(
                format!("备案号“{number}”不在页面底部：请放在首页底部居中的位置。"),
                format!("The filing number {number} is not at the bottom of the page: put it at the bottom centre of the home page."),
            ),
        ));
    }
    if let Some(e) = expected.filter(|e| e.site().is_some() && e.site() != number.site()) {
        out.push(Finding::new(
            "site.website_index",
            None,
            "/number",
            Severity::Warning,
            Message::new(
                format!("首页显示“{number}”，这个网站的备案号是“{e}”。"),
                format!("The home page shows {number}; this website's filing number is {e}."),
            ),
        ));
    }
    out
}

/// Whether `link` is the MIIT filing site (http or https, any path).
pub fn links_to_miit(link: &str) -> bool {
    Url::parse(link).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https")
            && u.host_str()
                .is_some_and(|h| h.eq_ignore_ascii_case(MIIT_FILING_HOST))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://www.example.com/").unwrap()
    }

    fn rules(html: &str, expected: Option<&str>) -> Vec<String> {
        let expected = expected.map(|e| filing_number::validate(e).unwrap());
        findings(&read_page(html, &base()), expected.as_ref())
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    fn page(body: &str) -> String {
        format!("<!doctype html><html><head><title>t</title></head><body><main><p>{}</p></main>{body}</body></html>", "正文".repeat(200))
    }

    #[test]
    fn the_snippet_in_a_footer_passes() {
        use beian_rules::footer::{snippet, FooterStyle};
        for style in [FooterStyle::Plain, FooterStyle::Inline] {
            let html = page(&format!(
                "<footer>{}</footer>",
                snippet("京ICP备12345678号-1", style).unwrap()
            ));
            assert_eq!(
                rules(&html, Some("京ICP备12345678号-1")),
                Vec::<String>::new()
            );
            assert_eq!(rules(&html, None), Vec::<String>::new());
        }
    }

    #[test]
    fn each_failure() {
        let linked = |href: &str| {
            format!("<div class=\"site-footer\"><a href=\"{href}\">京ICP备12345678号-1</a></div>")
        };
        assert_eq!(rules(&page(""), None), ["site.number_missing"]);
        assert_eq!(
            rules(&page(""), Some("京ICP备12345678号-1")),
            ["site.number_missing"]
        );
        assert_eq!(
            rules(&page("<footer>京ICP备12345678号-1</footer>"), None),
            ["site.number_not_linked"]
        );
        assert_eq!(
            rules(&page(&linked("https://example.org/")), None),
            ["site.link_elsewhere"]
        );
        assert_eq!(
            rules(&page(&linked("http://www.miitbeian.gov.cn/")), None),
            ["site.link_outdated"]
        );
        assert_eq!(
            rules(
                &page(&linked("http://beian.miit.gov.cn/#/Integrated/index")),
                None
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            rules(&page(&linked("//beian.miit.gov.cn")), None),
            Vec::<String>::new()
        );
        assert_eq!(
            rules(&page("<footer>京ICP备1234号</footer>"), None),
            ["site.number_malformed", "site.number_missing"]
        );
        assert_eq!(
            rules(
                &page(&linked("https://beian.miit.gov.cn/")),
                Some("沪ICP备87654321号")
            ),
            ["site.number_other"]
        );
        assert_eq!(
            rules(
                &page(&linked("https://beian.miit.gov.cn/")),
                Some("京ICP备12345678号-2")
            ),
            ["site.website_index"]
        );
        // At the top of a long page, outside any footer.
        let top = format!(
            "<!doctype html><body><div><a href=\"https://beian.miit.gov.cn/\">京ICP备12345678号-1</a></div><p>{}</p></body>",
            "正文".repeat(500)
        );
        assert_eq!(rules(&top, None), ["site.not_in_footer"]);
    }

    #[test]
    fn where_numbers_are_found() {
        let facts = read_page(
            "<body><script>var x='京ICP备11111111号'</script><p>Copyright © 2024 例子 ｜ 京ｉｃｐ备１２３４５６７８号－１ ｜ 粤B2-20040180</p></body>",
            &base(),
        );
        assert_eq!(facts.shown.len(), 1, "{facts:?}");
        assert_eq!(facts.shown[0].number.to_string(), "京ICP备12345678号-1");
        assert!(facts.malformed.is_empty());
        assert_eq!(
            candidates("京ICP备12345678号 京ICP证030173号"),
            ["京ICP备12345678号"]
        );
        assert_eq!(candidates("ICP备12345678号"), ["ICP备12345678号"]);
        assert_eq!(
            candidates("© 京 ICP 备 12345678 号"),
            ["京 ICP 备 12345678 号"]
        );
        assert!(candidates("").is_empty() && candidates("ICP").is_empty());
        assert_eq!(
            candidates("ICP备案号：京ICP备12345678号-1"),
            ["京ICP备12345678号-1"]
        );
    }
}
