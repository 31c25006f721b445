//! Homepage URL (1041 网站首页 URL 中必须包含域名中的其中一项).
//!
//! Seed 002 #13: "首页地址中的域名不在域名列表项中" — the homepage's host must be
//! one of the website's listed domains or a subdomain of one (usually
//! `www.` + domain, 004), compared after IDNA. `https`, a port, a path and
//! upper case are fine; userinfo (`example.com@evil.cn`) and suffix tricks
//! (`example.com.evil.cn`, `notexample.com`) do not match.

use crate::domain::{self, to_unicode};
use crate::finding::{Finding, Message, Severity};

/// Why a homepage URL is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomepageError {
    /// Nothing was entered.
    Empty,
    /// A scheme other than http or https.
    Scheme,
    /// The URL carries a user name or password before `@`.
    Userinfo,
    /// The port is not a number from 1 to 65535.
    Port,
    /// The host is missing or not a valid host name.
    Host,
    /// The host is an IP address.
    IpAddress,
    /// The host is under none of the listed domains; carries the host.
    NotListed {
        /// The URL's host, ASCII.
        host: String,
    },
}

impl HomepageError {
    /// Stable rule id.
    pub fn rule(&self) -> &'static str {
        match self {
            HomepageError::Empty => "homepage.required",
            HomepageError::Scheme => "homepage.scheme",
            HomepageError::Userinfo => "homepage.userinfo",
            HomepageError::Port => "homepage.port",
            HomepageError::Host => "homepage.host",
            HomepageError::IpAddress => "homepage.ip_address",
            HomepageError::NotListed { .. } => "homepage.not_listed",
        }
    }

    /// The MIIT code the bureau would return.
    pub fn code(&self) -> &'static str {
        match self {
            HomepageError::Empty => "5001",
            _ => "1041",
        }
    }

    /// What is wrong and how to fix it.
    pub fn message(&self) -> Message {
        match self {
            HomepageError::Empty => Message::new("请填写网站首页 URL。", "Enter the homepage URL."),
            HomepageError::Scheme => Message::new(
                "首页 URL 只能以 http:// 或 https:// 开头。",
                "The homepage URL must start with http:// or https://.",
            ),
            HomepageError::Userinfo => Message::new(
                "首页 URL 中不能含有“用户名@”，“@”后面的才是真正访问的网站。",
                "The homepage URL may not contain a user name before “@”: the site after “@” \
                 is the one actually visited.",
            ),
            HomepageError::Port => Message::new(
                "首页 URL 的端口号无效。",
                "The homepage URL has an invalid port.",
            ),
            HomepageError::Host => Message::new(
                "首页 URL 中的主机名无效。",
                "The homepage URL's host name is not valid.",
            ),
            HomepageError::IpAddress => Message::new(
                "首页 URL 必须使用备案的域名，不能使用 IP 地址。",
                "The homepage URL must use a listed domain, not an IP address.",
            ),
            HomepageError::NotListed { host } => Message::new(
                format!(
                    "首页地址中的域名 {} 不在本网站的域名列表中：首页 URL 必须是所填域名或其子域名，如 www.+域名。",
                    to_unicode(host)
                ),
                format!(
                    "The homepage's host {} is not one of this website's domains: the homepage \
                     must be on a listed domain or a subdomain of one, e.g. www. + domain.",
                    to_unicode(host)
                ),
            ),
        }
    }
}

impl std::fmt::Display for HomepageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for HomepageError {}

/// The parts of a URL this module looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Url<'a> {
    scheme: Option<&'a str>,
    userinfo: Option<&'a str>,
    host: &'a str,
    port: Option<&'a str>,
}

fn split(input: &str) -> Url<'_> {
    let (scheme, rest) = match input.find("://") {
        Some(i) => (Some(&input[..i]), &input[i + 3..]),
        None => match input.strip_prefix("//") {
            Some(rest) => (None, rest),
            None => (None, input),
        },
    };
    // Browsers treat `\` like `/` in http(s) URLs.
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
        None => (None, authority),
    };
    let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
        match inner.find(']') {
            Some(i) => (&inner[..i], inner[i + 1..].strip_prefix(':')),
            None => (hostport, None),
        }
    } else {
        match hostport.rfind(':') {
            Some(i) => (&hostport[..i], Some(&hostport[i + 1..])),
            None => (hostport, None),
        }
    };
    Url {
        scheme,
        userinfo,
        host,
        port,
    }
}

/// The host of a URL or URL-like string (scheme optional), as written.
///
/// ```
/// use beian_rules::homepage::host_of;
/// assert_eq!(host_of("https://www.example.com:8443/a?b").as_deref(), Some("www.example.com"));
/// assert_eq!(host_of("www.example.com/index.html").as_deref(), Some("www.example.com"));
/// assert_eq!(host_of("http://example.com@evil.cn/").as_deref(), Some("evil.cn"));
/// assert_eq!(host_of("http:///"), None);
/// ```
pub fn host_of(input: &str) -> Option<String> {
    let url = split(input.trim());
    (!url.host.is_empty()).then(|| url.host.to_string())
}

/// Validates a homepage URL against the website's listed domains, returning
/// the host in ASCII form.
///
/// Listed domains are compared in their IDNA form; an entry that is not a
/// valid host is ignored here (its own 1004 finding explains it).
///
/// ```
/// use beian_rules::homepage::{validate, HomepageError};
/// let domains = ["example.com".to_string()];
/// assert_eq!(validate("https://WWW.Example.com:8443/index.html", &domains).unwrap(), "www.example.com");
/// assert!(matches!(validate("http://example.com.evil.cn", &domains), Err(HomepageError::NotListed { .. })));
/// assert_eq!(validate("http://example.com@evil.cn", &domains), Err(HomepageError::Userinfo));
/// ```
pub fn validate(input: &str, domains: &[String]) -> Result<String, HomepageError> {
    validate_with(input, |host| {
        domains
            .iter()
            .filter_map(|d| domain::to_ascii(d).ok())
            .any(|d| under(host, &d))
    })
}

/// True when `host` is `domain` or a subdomain of it (both ASCII).
fn under(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// [`validate`] against listed domains already in their ASCII form.
pub(crate) fn validate_ascii(input: &str, domains: &[&str]) -> Result<String, HomepageError> {
    validate_with(input, |host| domains.iter().any(|d| under(host, d)))
}

fn validate_with(input: &str, listed: impl FnOnce(&str) -> bool) -> Result<String, HomepageError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(HomepageError::Empty);
    }
    let url = split(input);
    if let Some(scheme) = url.scheme {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(HomepageError::Scheme);
        }
    } else if input.contains(':') && !input.contains('.') {
        // `mailto:x` and the like: a scheme without `//`.
        return Err(HomepageError::Scheme);
    }
    if url.userinfo.is_some() {
        return Err(HomepageError::Userinfo);
    }
    if let Some(port) = url.port {
        if !port.is_empty() && port.parse::<u16>().map_or(true, |p| p == 0) {
            return Err(HomepageError::Port);
        }
    }
    if url.host.parse::<std::net::IpAddr>().is_ok() {
        return Err(HomepageError::IpAddress);
    }
    let host = domain::to_ascii(url.host).map_err(|_| HomepageError::Host)?;
    if host.parse::<std::net::Ipv4Addr>().is_ok() {
        return Err(HomepageError::IpAddress);
    }
    if listed(&host) {
        Ok(host)
    } else {
        Err(HomepageError::NotListed { host })
    }
}

/// The URL trimmed, with `http://` put in front when it has no scheme and
/// the scheme in lower case.
///
/// ```
/// assert_eq!(beian_rules::homepage::canonical(" www.example.com/a "), "http://www.example.com/a");
/// assert_eq!(beian_rules::homepage::canonical("HTTPS://www.example.com"), "https://www.example.com");
/// ```
pub fn canonical(input: &str) -> String {
    let input = input.trim();
    match input.find("://") {
        Some(i) => format!("{}{}", input[..i].to_ascii_lowercase(), &input[i..]),
        None => format!("http://{}", input.trim_start_matches('/')),
    }
}

/// True when [`validate`] accepts the URL.
pub fn is_valid(input: &str, domains: &[String]) -> bool {
    validate(input, domains).is_ok()
}

/// Findings for a homepage URL at `path`, given the website's domains.
///
/// ```
/// let domains = ["example.com".to_string()];
/// let f = beian_rules::homepage::findings("http://www.other.cn", &domains, "/websites/0/homepage");
/// assert_eq!(f[0].code.as_deref(), Some("1041"));
/// ```
pub fn findings(input: &str, domains: &[String], path: &str) -> Vec<Finding> {
    result_findings(validate(input, domains), path)
}

/// [`findings`] against listed domains already in their ASCII form.
pub(crate) fn findings_ascii(input: &str, domains: &[&str], path: &str) -> Vec<Finding> {
    result_findings(validate_ascii(input, domains), path)
}

fn result_findings(result: Result<String, HomepageError>, path: &str) -> Vec<Finding> {
    match result {
        Ok(_) => Vec::new(),
        Err(e) => vec![Finding::new(
            e.rule(),
            Some(e.code()),
            path,
            Severity::Error,
            e.message(),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str, domains: &[&str]) -> Result<String, HomepageError> {
        let domains: Vec<String> = domains.iter().map(|d| d.to_string()).collect();
        validate(url, &domains)
    }

    #[test]
    fn accepted_forms() {
        for url in [
            "example.com",
            "www.example.com",
            "http://www.example.com",
            "https://www.example.com/",
            "HTTPS://WWW.EXAMPLE.COM:8443/index.html?x=1#top",
            "  http://blog.www.example.com ",
            "//www.example.com",
        ] {
            assert!(check(url, &["example.com"]).is_ok(), "{url}");
        }
    }

    #[test]
    fn idn_hosts_match_in_either_form() {
        assert!(check("http://www.例子.中国", &["xn--fsqu00a.xn--fiqs8s"]).is_ok());
        assert!(check("http://www.xn--fsqu00a.xn--fiqs8s", &["例子.中国"]).is_ok());
    }

    #[test]
    fn tricks_rejected() {
        assert_eq!(
            check("http://example.com@evil.cn", &["example.com"]),
            Err(HomepageError::Userinfo)
        );
        assert_eq!(
            check("http://user:pw@example.com", &["example.com"]),
            Err(HomepageError::Userinfo)
        );
        for url in [
            "http://example.com.evil.cn",
            "http://notexample.com",
            "http://evil.cn/example.com",
            "http://evil.cn?example.com",
            "http://evil.cn\\@example.com",
        ] {
            assert!(
                matches!(
                    check(url, &["example.com"]),
                    Err(HomepageError::NotListed { .. }) | Err(HomepageError::Userinfo)
                ),
                "{url}"
            );
        }
    }

    #[test]
    fn other_errors() {
        assert_eq!(check("", &["example.com"]), Err(HomepageError::Empty));
        assert_eq!(
            check("ftp://example.com", &["example.com"]),
            Err(HomepageError::Scheme)
        );
        assert_eq!(
            check("javascript:alert(1)", &["example.com"]),
            Err(HomepageError::Scheme)
        );
        assert_eq!(
            check("http://example.com:99999", &["example.com"]),
            Err(HomepageError::Port)
        );
        assert_eq!(
            check("http://1.2.3.4/", &["example.com"]),
            Err(HomepageError::IpAddress)
        );
        assert_eq!(
            check("http://[::1]/", &["example.com"]),
            Err(HomepageError::IpAddress)
        );
        assert_eq!(check("http://", &["example.com"]), Err(HomepageError::Host));
        assert!(matches!(
            check("http://example.com", &[]),
            Err(HomepageError::NotListed { .. })
        ));
    }
}
