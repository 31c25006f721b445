//! What the registry of filings adds to a site check (issue 18): the number
//! a page shows is checked against the filing that holds it — a number of
//! a cancelled or revoked filing, or of a website whose domains do not
//! include the page's, is wrong on this page even when it looks right.
//! The caller looks the number up (the server's `filings` table); this
//! module only decides, so it is tested without a database.

use beian_rules::domain::{registrable_domain, to_ascii};
use beian_rules::filing_number::FilingNumber;
use beian_rules::{Finding, Message, Severity};

/// What the registry knows of the filing that holds a number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// The subject's number (`京ICP备12345678号`).
    pub number: String,
    /// Cancelled (注销) or revoked (撤销): its numbers are withdrawn.
    pub closed: bool,
    /// Its approved websites: number (`…号-N`) and domains.
    pub websites: Vec<(String, Vec<String>)>,
}

fn error(rule: &str, zh: String, en: String) -> Finding {
    Finding::new(rule, None, "", Severity::Error, Message::new(zh, en))
}

/// The findings for `shown`, a number on the page at `host`, held by the
/// filing `known`.
///
/// ```
/// use beian_site::registry::{findings, Known};
/// let known = Known {
///     number: "京ICP备12345678号".into(),
///     closed: false,
///     websites: vec![("京ICP备12345678号-1".into(), vec!["example.com".into()])],
/// };
/// let shown = beian_rules::filing_number::validate("京ICP备12345678号-1").unwrap();
/// assert!(findings("www.example.com", &shown, &known).is_empty());
/// assert_eq!(findings("www.other.cn", &shown, &known)[0].rule, "site.number_other_domain");
/// ```
pub fn findings(host: &str, shown: &FilingNumber, known: &Known) -> Vec<Finding> {
    let number = shown.to_string();
    if known.closed {
        return vec![error(
            "site.number_cancelled",
            format!("备案号 {number} 已注销或被撤销，不能再显示：请按新的备案号修改页面，或重新备案。"),
            format!("The filing number {number} is cancelled or revoked and may no longer be shown: show the current number, or file again."),
        )];
    }
    // Registrable domains in ASCII, lower case: `例子.中国` is `xn--fsqu00a.xn--fiqs8s`.
    let key = |h: &str| {
        registrable_domain(h.trim())
            .and_then(|r| to_ascii(&r).ok())
            .map(|a| a.to_ascii_lowercase())
    };
    let Some(mine) = key(host) else {
        return Vec::new();
    };
    let domain = beian_rules::domain::to_unicode(&mine);
    let same = |d: &String| key(d).as_deref() == Some(mine.as_str());
    let websites: Vec<&(String, Vec<String>)> = match shown.site() {
        None => known.websites.iter().collect(),
        Some(_) => match known.websites.iter().find(|(n, _)| *n == number) {
            Some(w) => vec![w],
            None => {
                return vec![error(
                    "site.number_cancelled",
                    format!("网站备案号 {number} 不在备案中（已注销、被撤销或不存在）：请显示本网站的备案号。"),
                    format!("The website number {number} is not in the filing (cancelled, revoked or never given): show this website's number."),
                )]
            }
        },
    };
    if websites.iter().any(|(_, domains)| domains.iter().any(same)) {
        return Vec::new();
    }
    let this_site = known
        .websites
        .iter()
        .find(|(_, domains)| domains.iter().any(same))
        .map(|(n, _)| n.as_str());
    let (hint_zh, hint_en) = match this_site {
        Some(n) => (
            format!("本网站的备案号是 {n}。"),
            format!("This website's number is {n}."),
        ),
        None => (String::new(), String::new()),
    };
    vec![error(
        "site.number_other_domain",
        format!("备案号 {number} 属于其他域名的网站，不是 {domain} 的。{hint_zh}"),
        format!("The filing number {number} belongs to a website of another domain, not {domain}. {hint_en}")
            .trim_end()
            .to_string(),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known {
            number: "浙ICP备12345678号".into(),
            closed: false,
            websites: vec![
                (
                    "浙ICP备12345678号-1".into(),
                    vec!["example.com".into(), "例子.中国".into()],
                ),
                ("浙ICP备12345678号-3".into(), vec!["shop.com.cn".into()]),
            ],
        }
    }

    fn rules(host: &str, shown: &str, k: &Known) -> Vec<String> {
        let shown = beian_rules::filing_number::validate(shown).unwrap();
        findings(host, &shown, k)
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn the_number_of_this_site() {
        let k = known();
        assert!(rules("www.example.com", "浙ICP备12345678号-1", &k).is_empty());
        assert!(rules("xn--fsqu00a.xn--fiqs8s", "浙ICP备12345678号-1", &k).is_empty());
        assert!(rules("m.shop.com.cn", "浙ICP备12345678号-3", &k).is_empty());
        // The subject's number on any of its websites.
        assert!(rules("shop.com.cn", "浙ICP备12345678号", &k).is_empty());
        // An address without a registrable domain: nothing to compare.
        assert!(rules("127.0.0.1", "浙ICP备12345678号-1", &k).is_empty());
    }

    #[test]
    fn another_domain_or_a_cancelled_number() {
        let k = known();
        assert_eq!(
            rules("shop.com.cn", "浙ICP备12345678号-1", &k),
            ["site.number_other_domain"]
        );
        assert_eq!(
            rules("www.other.cn", "浙ICP备12345678号", &k),
            ["site.number_other_domain"]
        );
        // -2 was cancelled: it is no longer in the filing.
        assert_eq!(
            rules("www.example.com", "浙ICP备12345678号-2", &k),
            ["site.number_cancelled"]
        );
        let closed = Known {
            closed: true,
            ..known()
        };
        assert_eq!(
            rules("www.example.com", "浙ICP备12345678号-1", &closed),
            ["site.number_cancelled"]
        );
        let shown = beian_rules::filing_number::validate("浙ICP备12345678号-1").unwrap();
        let f = findings("shop.com.cn", &shown, &k);
        assert!(
            f[0].message.en.contains("浙ICP备12345678号-3"),
            "{}",
            f[0].message.en
        );
    }
}
