//! # beian-site
//!
//! The site check: does a website's home page show its ICP filing number at
//! the bottom, linked to the MIIT filing site, as the filing system's
//! crawler expects (000 #16, #54; 001 5.3; 001 其它 #8; 003 #15)? Used by
//! `beian site-check URL [--number N]` and `POST /api/v1/site-check`.
//!
//! - [`fetch()`]: the home page, over HTTP or HTTPS, public addresses only,
//!   redirects within the same registrable domain (at most 5), 10 s and
//!   2 MiB in all ([`FetchOptions`]).
//! - [`page::read_page`] and [`page::findings`]: the filing numbers a page
//!   shows (parsed by the HTML standard's parser, html5ever), their links
//!   and places, and what is wrong.
//!
//! | rule | severity | when |
//! |---|---|---|
//! | `site.number_missing` | error | no filing number on the page (or not the one given) |
//! | `site.number_other` | error | the page shows another filing's number |
//! | `site.number_malformed` | error | text like a filing number that is none |
//! | `site.number_not_linked` | error | the number is not a link |
//! | `site.link_elsewhere` | error | the link goes elsewhere than `https://beian.miit.gov.cn/` |
//! | `site.link_outdated` | error | the link goes to the old `www.miitbeian.gov.cn` |
//! | `site.not_in_footer` | warning | not in the footer nor at the bottom of the page |
//! | `site.website_index` | warning | the subject's number with another website's `-N` |
//! | `site.fetch` | error | the page could not be fetched (with why) |
//! | `site.number_other_domain` | error | the registry's filing of the number lists other domains ([`registry`]) |
//! | `site.number_cancelled` | error | the number's filing (or website) is cancelled or revoked ([`registry`]) |
//!
//! ```
//! use beian_site::page::{findings, read_page};
//! let base = url::Url::parse("https://www.example.com/").unwrap();
//! let facts = read_page("<footer>京ICP备12345678号-1</footer>", &base);
//! let found = findings(&facts, None);
//! assert_eq!(found[0].rule, "site.number_not_linked");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod fetch;
pub mod page;
pub mod registry;

use beian_rules::filing_number::{self, FilingNumber, Kind};
use beian_rules::footer::FooterError;
use beian_rules::{Finding, Message, RuleError, Severity};

pub use fetch::{fetch, post_json, FetchError, FetchOptions, Page};

/// The result of a site check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The page checked, after redirects (none when it was not fetched).
    pub url: Option<String>,
    /// Its host (none when it was not fetched).
    pub host: Option<String>,
    /// What is wrong; empty when the page shows the number as it should.
    pub findings: Vec<Finding>,
    /// The filing numbers the page shows, in page order, each once.
    pub shown: Vec<FilingNumber>,
}

/// Fetches the home page at `url` and checks the filing number on it;
/// `number` is the website's approved filing number, if known.
pub async fn check(url: &str, number: Option<&str>, options: &FetchOptions) -> Report {
    let mut findings = Vec::new();
    let expected = match number.map(str::trim).filter(|n| !n.is_empty()) {
        None => None,
        Some(n) => match filing_number::validate(n) {
            Ok(parsed) if parsed.kind() == Kind::Filing => Some(parsed),
            Ok(_) => {
                findings.push(FooterError::NotAFilingNumber.finding("/number"));
                None
            }
            Err(e) => {
                findings.push(e.finding("/number"));
                None
            }
        },
    };
    match fetch(url, options).await {
        Ok(page) => {
            let facts = page::read_page(&page.html, &page.url);
            findings.extend(page::findings(&facts, expected.as_ref()));
            let mut shown: Vec<FilingNumber> = Vec::new();
            for s in facts.shown {
                if !shown.contains(&s.number) {
                    shown.push(s.number);
                }
            }
            Report {
                host: page.url.host_str().map(str::to_string),
                url: Some(page.url.to_string()),
                findings,
                shown,
            }
        }
        Err(e) => {
            findings.push(fetch_finding(&e));
            Report {
                url: None,
                host: None,
                findings,
                shown: Vec::new(),
            }
        }
    }
}

/// The finding of a failed fetch.
pub fn fetch_finding(e: &FetchError) -> Finding {
    let (zh, en) = match e {
        FetchError::Url(u) => (
            format!("“{u}”不是网站首页的地址（http:// 或 https://）。"),
            format!("“{u}” is not the address of a home page (http:// or https://)."),
        ),
        FetchError::NotPublic(h) => (
            format!("{h} 是内网或本机地址，不检查：请填写公网可以访问的首页地址。"),
            format!("{h} is a private or local address and is not checked: give the home page's public address."),
        ),
        FetchError::Unreachable(why) => (
            format!("无法访问首页：{why}。"),
            format!("The home page could not be reached: {why}."),
        ),
        FetchError::RedirectElsewhere(to) => (
            format!("首页跳转到了其他网站 {to}：备案号应显示在本网站的首页上。"),
            format!("The home page redirects to another site, {to}: the filing number belongs on this site's own home page."),
        ),
        FetchError::TooManyRedirects(n) => (
            format!("首页跳转超过 {n} 次。"),
            format!("The home page redirects more than {n} times."),
        ),
        FetchError::Status(code) => (
            format!("首页返回 HTTP {code}，不是页面。"),
            format!("The home page answered HTTP {code}, not a page."),
        ),
        FetchError::NotHtml(mime) => (
            format!("首页不是网页（{mime}）。"),
            format!("The home page is not a web page ({mime})."),
        ),
        FetchError::TooLarge(limit) => (
            format!("首页超过 {} MB，未检查。", limit >> 20),
            format!("The home page is larger than {} MB and was not checked.", limit >> 20),
        ),
        FetchError::Timeout(t) => (
            format!("首页在 {} 秒内没有加载完。", t.as_secs()),
            format!("The home page did not load within {} seconds.", t.as_secs()),
        ),
    };
    Finding::new(
        "site.fetch",
        None,
        "/url",
        Severity::Error,
        Message::new(zh, en),
    )
}
