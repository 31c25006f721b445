//! E-mail addresses of responsible persons (RULES.md, contact data; 004 3:
//! 联系电话、邮箱 of the responsible person; 002 #40: the filing system sends
//! account data to the address in the filing, so it must be deliverable).
//!
//! The address is `local@domain`: a local part of at most 64 characters of
//! the RFC 5322 “dot-atom” form (letters, digits and ``!#$%&'*+/=?^_`{|}~-``,
//! dots only between them), and a domain that is a valid host name under a
//! top-level domain of the Public Suffix List (IDN domains allowed), at most
//! 254 characters in all. Quoted local parts and IP literals are refused:
//! no mailbox of a filing uses them. A malformed address is a 5001 (002 #17).

use std::borrow::Cow;
use std::fmt;

use crate::finding::{Finding, Message, RuleError, Severity};
use crate::{domain, psl, text};

/// Why a string is not an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    /// Nothing was entered.
    Empty,
    /// No `@`, or more than one.
    At,
    /// The part before `@` is empty, too long or has characters that are
    /// not allowed.
    LocalPart,
    /// The part after `@` is not a domain under a known top-level domain.
    Domain,
    /// Longer than 254 characters.
    TooLong,
}

impl RuleError for EmailError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "email.required",
            Self::At => "email.at",
            Self::LocalPart => "email.local_part",
            Self::Domain => "email.domain",
            Self::TooLong => "email.too_long",
        }
    }

    fn code(&self) -> Option<&'static str> {
        Some("5001")
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写电子邮箱。", "Enter the e-mail address."),
            Self::At => Message::new(
                "电子邮箱应为“用户名@域名”的形式，且只有一个 @。",
                "An e-mail address has the form name@domain, with exactly one @.",
            ),
            Self::LocalPart => Message::new(
                "邮箱 @ 前的部分无效：只能用字母、数字和 . _ - + 等符号，点不能在开头、结尾或连用，最多 64 个字符。",
                "The part before @ is not valid: letters, digits and . _ - + and the like only, no \
                 dot at either end or twice in a row, at most 64 characters.",
            ),
            Self::Domain => Message::new(
                "邮箱 @ 后的域名无效，如 example.com。",
                "The domain after @ is not valid, e.g. example.com.",
            ),
            Self::TooLong => Message::new(
                "电子邮箱最长 254 个字符。",
                "An e-mail address has at most 254 characters.",
            ),
        }
    }
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for EmailError {}

/// Trims, maps full-width characters (`＠`, `．`, letters) to ASCII and the
/// ideographic full stop `。` to a dot.
///
/// ```
/// assert_eq!(beian_rules::email::compact(" zs＠example．com "), "zs@example.com");
/// ```
pub fn compact(input: &str) -> String {
    input
        .trim()
        .chars()
        .map(|c| match c {
            '。' | '｡' => '.',
            c => text::halfwidth(c),
        })
        .collect()
}

const ATEXT_SYMBOLS: &str = "!#$%&'*+/=?^_`{|}~-";

fn local_part_ok(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || ATEXT_SYMBOLS.contains(c))
}

/// Validates an e-mail address after [`compact`], returning it with the
/// domain in lower case (IDN domains in their Unicode form).
///
/// ```
/// use beian_rules::email::{validate, EmailError};
/// assert_eq!(validate("Zhang.San@Example.COM").unwrap(), "Zhang.San@example.com");
/// assert_eq!(validate("zs@例子.中国").unwrap(), "zs@例子.中国");
/// assert_eq!(validate("zs.example.com"), Err(EmailError::At));
/// assert_eq!(validate("zs@localhost"), Err(EmailError::Domain));
/// ```
pub fn validate(input: &str) -> Result<String, EmailError> {
    canonical(input).map(Cow::into_owned)
}

/// The canonical address, borrowed from the input when the input is it.
fn canonical(input: &str) -> Result<Cow<'_, str>, EmailError> {
    let s: Cow<'_, str> = if input.is_ascii() {
        Cow::Borrowed(input.trim())
    } else {
        Cow::Owned(compact(input))
    };
    if s.is_empty() {
        return Err(EmailError::Empty);
    }
    if s.chars().count() > 254 {
        return Err(EmailError::TooLong);
    }
    let Some((local, host)) = s.split_once('@') else {
        return Err(EmailError::At);
    };
    if host.contains('@') {
        return Err(EmailError::At);
    }
    if !local_part_ok(local) {
        return Err(EmailError::LocalPart);
    }
    let ascii = domain::to_ascii(host).map_err(|_| EmailError::Domain)?;
    if !ascii.contains('.')
        || !psl::parts(&ascii).listed
        || ascii.parse::<std::net::Ipv4Addr>().is_ok()
    {
        return Err(EmailError::Domain);
    }
    if host.is_ascii() {
        if ascii == host {
            // Already canonical: no new string.
            return Ok(s);
        }
        return Ok(Cow::Owned(format!("{local}@{ascii}")));
    }
    Ok(Cow::Owned(format!(
        "{local}@{}",
        domain::to_unicode(&ascii)
    )))
}

/// True when [`validate`] accepts the address.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The canonical form of a valid address (see [`validate`]).
pub fn format(input: &str) -> Option<String> {
    validate(input).ok()
}

fn canonical_form(path: &str, clean: &str) -> Finding {
    Finding::new(
        "email.canonical_form",
        Some("5001"),
        path,
        Severity::Error,
        Message::new(
            format!("电子邮箱中有空格、全角字符或大写的域名，请填写为：{clean}"),
            format!("The e-mail address has spaces, full-width characters or an upper-case domain; enter it as: {clean}"),
        ),
    )
    .with_suggestion(clean)
}

/// Findings for an e-mail address at `path`.
///
/// ```
/// let f = beian_rules::email::findings("zs＠example.com", "/p");
/// assert_eq!(f[0].suggestion.as_deref(), Some("zs@example.com"));
/// assert!(beian_rules::email::findings("zs@example.com", "/p").is_empty());
/// ```
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    match canonical(input) {
        Err(e) => vec![e.finding(path)],
        Ok(clean) if clean == input => Vec::new(),
        Ok(clean) => vec![canonical_form(path, &clean)],
    }
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out: Vec<Finding> = [
        EmailError::Empty,
        EmailError::At,
        EmailError::LocalPart,
        EmailError::Domain,
        EmailError::TooLong,
    ]
    .iter()
    .map(|e| e.finding(""))
    .collect();
    out.push(canonical_form("", "zs@example.com"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses() {
        for a in [
            "zs@example.com",
            "zhang.san+beian@mail.example.com.cn",
            "a_b-c@qq.com",
            "12345@163.com",
            "zs@例子.中国",
            "zs@xn--fsqu00a.xn--fiqs8s",
        ] {
            assert!(is_valid(a), "{a}");
            assert!(findings(a, "").is_empty(), "{a}");
        }
    }

    #[test]
    fn errors() {
        assert_eq!(validate("  "), Err(EmailError::Empty));
        assert_eq!(validate("a@b@example.com"), Err(EmailError::At));
        assert_eq!(validate("@example.com"), Err(EmailError::LocalPart));
        assert_eq!(validate(".zs@example.com"), Err(EmailError::LocalPart));
        assert_eq!(validate("z..s@example.com"), Err(EmailError::LocalPart));
        assert_eq!(validate("张三@example.com"), Err(EmailError::LocalPart));
        assert_eq!(validate("\"z s\"@example.com"), Err(EmailError::LocalPart));
        assert_eq!(validate("zs@"), Err(EmailError::Domain));
        assert_eq!(validate("zs@example"), Err(EmailError::Domain));
        assert_eq!(validate("zs@example.invalidtld"), Err(EmailError::Domain));
        assert_eq!(validate("zs@1.2.3.4"), Err(EmailError::Domain));
        assert_eq!(validate("zs@[1.2.3.4]"), Err(EmailError::Domain));
        assert_eq!(validate("zs@exa mple.com"), Err(EmailError::Domain));
        let long = format!("{}@{}.com", "a".repeat(64), "b".repeat(200));
        assert_eq!(validate(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn canonical_form_is_suggested() {
        let f = findings("ZS@EXAMPLE.COM", "/p");
        assert_eq!(f[0].suggestion.as_deref(), Some("ZS@example.com"));
        let f = findings(" zs@example.com", "/p");
        assert_eq!(f[0].rule, "email.canonical_form");
    }
}
