//! The filing number on the website: the HTML a site puts at the bottom of
//! its home page once the filing is approved.
//!
//! Seeds: the number is shown at the bottom centre of the home page and
//! links to the MIIT filing site (000 #16, #54; 001 5.3; 003 #15); a site
//! without it can be fined (001 #13), and the filing system's crawler checks
//! the number and the link (001 其它 #8). The link text is the number
//! itself, in its canonical form (`京ICP备12345678号-1`).
//!
//! ```
//! use beian_rules::footer::{snippet, FooterStyle};
//! let html = snippet("京ICP备12345678号-1", FooterStyle::Plain).unwrap();
//! assert_eq!(
//!     html,
//!     "<p class=\"icp-filing\"><a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" \
//!      rel=\"noopener noreferrer\">京ICP备12345678号-1</a></p>"
//! );
//! assert!(snippet("京ICP备1234号", FooterStyle::Plain).is_err());
//! ```

use std::fmt;

use crate::filing_number::{self, FilingNumberError, Kind};
use crate::finding::{Message, RuleError};

/// The MIIT filing site the number links to.
pub const MIIT_FILING_SITE: &str = "https://beian.miit.gov.cn/";

/// The host of [`MIIT_FILING_SITE`].
pub const MIIT_FILING_HOST: &str = "beian.miit.gov.cn";

/// The CSS that centres the [`FooterStyle::Plain`] snippet, for the site's
/// stylesheet.
pub const PLAIN_CSS: &str = ".icp-filing { text-align: center; }";

/// Which HTML to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FooterStyle {
    /// A paragraph with the class `icp-filing`, for a site with its own
    /// stylesheet (centre it with [`PLAIN_CSS`]).
    Plain,
    /// The same with minimal inline styles: centred, small, the link in the
    /// surrounding text colour.
    Inline,
}

/// Why no snippet was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FooterError {
    /// The number is not a valid filing number.
    Number(FilingNumberError),
    /// A licence number (`浙B2-20040180`, `京ICP证030173号`): the snippet
    /// shows the filing number (`…ICP备…号`).
    NotAFilingNumber,
}

impl RuleError for FooterError {
    fn rule(&self) -> &'static str {
        match self {
            FooterError::Number(e) => e.rule(),
            FooterError::NotAFilingNumber => "footer.licence_number",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            FooterError::Number(e) => e.code(),
            FooterError::NotAFilingNumber => None,
        }
    }

    fn message(&self) -> Message {
        match self {
            FooterError::Number(e) => e.message(),
            FooterError::NotAFilingNumber => Message::new(
                "这是经营许可证号；网站底部链接到备案系统的是备案号（如 京ICP备12345678号-1）。",
                "This is a licence number; the footer shows the filing number (e.g. \
                 京ICP备12345678号-1), linked to the MIIT filing site.",
            ),
        }
    }

    fn suggestion(&self) -> Option<String> {
        match self {
            FooterError::Number(e) => e.suggestion(),
            FooterError::NotAFilingNumber => None,
        }
    }
}

impl fmt::Display for FooterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for FooterError {}

/// The footer HTML for an approved filing `number` (a subject's or, better,
/// the website's with `-N`), in its canonical form.
///
/// ```
/// use beian_rules::footer::{snippet, FooterStyle};
/// let html = snippet(" 京icp备12345678号－1 ", FooterStyle::Inline).unwrap();
/// assert!(html.starts_with("<p style=\"text-align:center;"));
/// assert!(html.contains(">京ICP备12345678号-1</a>"));
/// ```
pub fn snippet(number: &str, style: FooterStyle) -> Result<String, FooterError> {
    let parsed = filing_number::validate(number).map_err(FooterError::Number)?;
    if parsed.kind() != Kind::Filing {
        return Err(FooterError::NotAFilingNumber);
    }
    let text = escape_html(&parsed.to_string());
    let link = |style_attr: &str| {
        format!(
            "<a href=\"{MIIT_FILING_SITE}\" target=\"_blank\" rel=\"noopener noreferrer\"{style_attr}>{text}</a>"
        )
    };
    Ok(match style {
        FooterStyle::Plain => format!("<p class=\"icp-filing\">{}</p>", link("")),
        FooterStyle::Inline => format!(
            "<p style=\"text-align:center;font-size:12px;margin:8px 0\">{}</p>",
            link(" style=\"color:inherit\"")
        ),
    })
}

/// One finding of every rule of this module, for the rules table (the
/// number's own rules are `filing_number`'s).
pub(crate) fn examples() -> Vec<crate::Finding> {
    vec![FooterError::NotAFilingNumber.finding("")]
}

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references,
/// safe in HTML text and quoted attribute values.
///
/// ```
/// assert_eq!(beian_rules::footer::escape_html("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_styles_link_the_canonical_number() {
        for style in [FooterStyle::Plain, FooterStyle::Inline] {
            for (input, shown) in [
                ("京ICP备12345678号-1", "京ICP备12345678号-1"),
                ("京ICP备12345678号", "京ICP备12345678号"),
                ("蜀ICP备13008743号-7", "蜀ICP备13008743号-7"),
                (" 粤 icp 备 2021012345 号 － 3", "粤ICP备2021012345号-3"),
            ] {
                let html = snippet(input, style).unwrap();
                assert!(html.contains(&format!(">{shown}</a>")), "{html}");
                assert!(html.contains("href=\"https://beian.miit.gov.cn/\""));
                assert!(html.contains("target=\"_blank\""));
                assert!(html.contains("rel=\"noopener noreferrer\""));
                assert!(html.starts_with("<p ") && html.ends_with("</a></p>"));
            }
        }
    }

    #[test]
    fn what_is_refused() {
        assert_eq!(
            snippet("浙B2-20040180", FooterStyle::Plain),
            Err(FooterError::NotAFilingNumber)
        );
        assert_eq!(
            snippet("京ICP证030173号", FooterStyle::Plain),
            Err(FooterError::NotAFilingNumber)
        );
        for bad in [
            "",
            "<script>",
            "京ICP备12345678号\"><script>",
            "ICP备12345678号",
        ] {
            let e = snippet(bad, FooterStyle::Inline).unwrap_err();
            assert!(matches!(e, FooterError::Number(_)), "{bad}: {e:?}");
            assert!(!e.message().zh_cn.is_empty());
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_html("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }
}
