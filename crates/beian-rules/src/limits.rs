//! How much one filing may hold: the limits [`crate::Filing::from_json`]
//! checks before any rule runs (5001 at the first item beyond one, with its
//! JSON path), so that the work of a check and the size of its answer are
//! bounded by the limits, not by what a client sends.
//!
//! The numbers come from the domain, with a wide margin: a real filing is
//! far below every one of them.
//!
//! - **Websites**: several websites of one subject go in one filing
//!   (003 #4, 000 #50) and each is numbered `-N` after the subject's number
//!   (002 #28). Bureaus ask for a site plan (网站建设方案书) beyond 20
//!   websites of one subject (Fujian) or 31 domains of an enterprise
//!   (Guangdong), and accept 1 to 5 websites in one submission (provider
//!   documentation of Volcengine and Alibaba Cloud, 2024). 1,000 is thirty
//!   times the highest of these thresholds.
//! - **Domains per website**: a website lists every domain it is reached by
//!   (001 其它 #16); since 2019 a new website has one domain, and the lists
//!   of older websites may only shrink (MIIT 工信管函〔2019〕633号, as the
//!   providers explain it). 100 holds any list of the old system.
//! - **Access entries per website**: one per provider hosting the website;
//!   every one of them verifies (000 #67). 20 providers for one website is
//!   already far more than a CDN and two clouds.
//! - **IPs per access entry**: the website's addresses at that provider
//!   (003 #4: 网站IP列表); 256 is a whole /24.
//! - **Content categories and pre-approvals per website**: there are 12
//!   categories (002 #41); 32 leaves room for repeats.
//! - **Documents** (attachments) of the subject or of a website: the
//!   checklist of 004 3 has 11 kinds; 50 leaves room for several pages.
//!
//! ```
//! use beian_rules::{limits, Filing};
//! let json = format!(r#"{{"websites": [{}]}}"#, vec!["{}"; limits::MAX_WEBSITES + 1].join(","));
//! let e = Filing::from_json(&json).unwrap_err();
//! assert_eq!((e.code(), e.path.as_str()), ("5001", "/websites/1000"));
//! assert!(Filing::from_json(r#"{"websites": [{}, {}]}"#).is_ok());
//! ```

use crate::finding::Message;
use crate::model::Filing;
use crate::schema::SchemaError;

/// The most websites one filing holds.
pub const MAX_WEBSITES: usize = 1000;
/// The most domains one website lists.
pub const MAX_DOMAINS: usize = 100;
/// The most access entries (providers) of one website.
pub const MAX_ACCESS: usize = 20;
/// The most IP addresses of one access entry.
pub const MAX_IPS: usize = 256;
/// The most content categories of one website.
pub const MAX_CATEGORIES: usize = 32;
/// The most pre-approvals of one website.
pub const MAX_PRE_APPROVALS: usize = 32;
/// The most documents (attachments) of the subject or of one website.
pub const MAX_DOCUMENTS: usize = 50;

/// One limit: how many, and what of (zh-CN, en, plural), where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    pub(crate) max: usize,
    zh: &'static str,
    en: &'static str,
}

pub(crate) const WEBSITES: Limit = Limit {
    max: MAX_WEBSITES,
    zh: "一个备案最多填写 {} 个网站",
    en: "a filing holds at most {} websites",
};
pub(crate) const DOMAINS: Limit = Limit {
    max: MAX_DOMAINS,
    zh: "一个网站最多填写 {} 个域名",
    en: "a website lists at most {} domains",
};
pub(crate) const ACCESS: Limit = Limit {
    max: MAX_ACCESS,
    zh: "一个网站最多填写 {} 条接入信息",
    en: "a website has at most {} access entries",
};
pub(crate) const IPS: Limit = Limit {
    max: MAX_IPS,
    zh: "一条接入信息最多填写 {} 个 IP 地址",
    en: "an access entry lists at most {} IP addresses",
};
pub(crate) const CATEGORIES: Limit = Limit {
    max: MAX_CATEGORIES,
    zh: "一个网站最多填写 {} 个内容类别",
    en: "a website has at most {} content categories",
};
pub(crate) const PRE_APPROVALS: Limit = Limit {
    max: MAX_PRE_APPROVALS,
    zh: "一个网站最多填写 {} 项前置审批",
    en: "a website has at most {} pre-approvals",
};
pub(crate) const DOCUMENTS: Limit = Limit {
    max: MAX_DOCUMENTS,
    zh: "最多上传 {} 份材料",
    en: "at most {} documents",
};

impl Limit {
    /// What is wrong, without the 5001 sentence around it.
    pub(crate) fn words(self) -> (String, String) {
        let n = group(self.max);
        // Not `str::replace`, whose substring searcher the wasm of
        // `beian/id` has no other use for (issue 20).
        let fill = |template: &str| {
            let at = template
                .as_bytes()
                .windows(2)
                .position(|w| w == b"{}")
                .unwrap_or(template.len());
            let head = template.get(..at).unwrap_or_default();
            [head, &n, template.get(at + 2..).unwrap_or_default()].concat()
        };
        (fill(self.zh), fill(self.en))
    }
}

/// `1000` → `1,000`: a count as people read it.
///
/// ```
/// assert_eq!(beian_rules::limits::group(0), "0");
/// assert_eq!(beian_rules::limits::group(1234567), "1,234,567");
/// assert_eq!(beian_rules::limits::group(999), "999");
/// ```
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The first list of `filing` longer than its limit, as the 5001 error at
/// its first item beyond the limit (the error [`Filing::from_json`] gives
/// for the same filing in JSON). For filings built without JSON, e.g. from
/// a spreadsheet.
///
/// ```
/// use beian_rules::{limits, Filing, Website};
/// let mut f = Filing::default();
/// f.websites = vec![Website::default(); 2];
/// f.websites[1].domains = vec!["example.com".to_string(); limits::MAX_DOMAINS + 1];
/// let e = limits::check(&f).unwrap_err();
/// assert_eq!(e.path, "/websites/1/domains/100");
/// ```
pub fn check(filing: &Filing) -> Result<(), SchemaError> {
    use crate::path::{AccessField, FieldPath, Holder, WebsiteField as W};
    let over = |len: usize, limit: Limit, list: FieldPath| match list.item(limit.max) {
        Some(item) if len > limit.max => Err(error(limit, item.to_string())),
        _ => Ok(()),
    };
    over(
        filing.subject.documents.len(),
        DOCUMENTS,
        Holder::Subject.documents(),
    )?;
    over(filing.websites.len(), WEBSITES, FieldPath::Websites)?;
    for (i, w) in filing.websites.iter().enumerate() {
        let at = |f| FieldPath::website(i, f);
        over(w.domains.len(), DOMAINS, at(W::Domains))?;
        over(w.access.len(), ACCESS, at(W::Access))?;
        for (j, a) in w.access.iter().enumerate() {
            over(a.ips.len(), IPS, FieldPath::access(i, j, AccessField::Ips))?;
        }
        over(
            w.content_categories.len(),
            CATEGORIES,
            at(W::ContentCategories),
        )?;
        over(w.pre_approvals.len(), PRE_APPROVALS, at(W::PreApprovals))?;
        over(w.documents.len(), DOCUMENTS, at(W::Documents))?;
    }
    Ok(())
}

/// The 5001 error of a list beyond `limit`, at `path` (its first item
/// beyond the limit); the code is the error's, not in the text.
pub(crate) fn error(limit: Limit, path: String) -> SchemaError {
    let (zh, en) = limit.words();
    SchemaError {
        path,
        message: Message::new(
            format!("数据格式不符合接口规范：{zh}。"),
            format!("The data does not match the schema: {en}."),
        ),
        syntax: false,
    }
}

/// The limits as a Markdown section of `RULES.md`.
pub(crate) fn markdown() -> String {
    let mut md = String::from(
        "\n## Limits\n\n\
         Checked by `Filing::from_json` (and `limits::check`) before any rule runs: a list longer\n\
         than its limit is a 5001 `schema.shape` error at its first item beyond the limit\n\
         (`/websites/1000`). Every limit is far above a real filing; the reasons, with the seed\n\
         questions and provider documents they come from, are in `src/limits.rs`. Answers list at\n\
         most `FINDINGS_PER_RULE` findings of one rule, then one that counts the rest (`summarise`).\n\n\
         | list | at most |\n|---|---|\n",
    );
    for (list, max) in [
        ("websites of a filing", MAX_WEBSITES),
        ("domains of a website", MAX_DOMAINS),
        ("access entries of a website", MAX_ACCESS),
        ("IP addresses of an access entry", MAX_IPS),
        ("content categories of a website", MAX_CATEGORIES),
        ("pre-approvals of a website", MAX_PRE_APPROVALS),
        ("documents of the subject or of a website", MAX_DOCUMENTS),
        (
            "findings of one rule in an answer",
            crate::FINDINGS_PER_RULE,
        ),
    ] {
        md.push_str(&format!("| {list} | {} |\n", group(max)));
    }
    md.push_str(
        "\nTexts hold no control character (Unicode Cc: U+0000–U+001F, U+007F–U+009F) but tab,\n\
         line feed and carriage return: 5001 at the text's path.\n",
    );
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(group(0), "0");
        assert_eq!(group(100), "100");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(9950), "9,950");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn every_limit_has_its_path_and_message() {
        let mut f = Filing::default();
        assert!(check(&f).is_ok());
        f.websites = vec![Default::default(); MAX_WEBSITES];
        assert!(check(&f).is_ok());
        f.websites.push(Default::default());
        let e = check(&f).unwrap_err();
        assert_eq!(e.path, "/websites/1000");
        assert_eq!(
            e.message.en,
            "The data does not match the schema: a filing holds at most 1,000 websites."
        );
        assert!(e.message.zh_cn.contains("1,000 个网站"), "{e}");
        f.websites.truncate(3);
        f.websites[2].access = vec![Default::default(); 2];
        f.websites[2].access[1].ips = vec![String::new(); MAX_IPS + 1];
        assert_eq!(check(&f).unwrap_err().path, "/websites/2/access/1/ips/256");
        f.websites[2].access = vec![Default::default(); MAX_ACCESS + 1];
        assert_eq!(check(&f).unwrap_err().path, "/websites/2/access/20");
        f.websites[2].access.clear();
        f.websites[0].documents = vec![Default::default(); MAX_DOCUMENTS + 1];
        assert_eq!(check(&f).unwrap_err().path, "/websites/0/documents/50");
        f.subject.documents = vec![Default::default(); MAX_DOCUMENTS + 1];
        assert_eq!(check(&f).unwrap_err().path, "/subject/documents/50");
    }
}
