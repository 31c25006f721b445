//! Homepage URL (1041 网站首页 URL 中必须包含域名中的其中一项).
//!
//! Seed 002 #13: "首页地址中的域名不在域名列表项中" — the homepage's host must be
//! one of the website's listed domains or a subdomain of one (usually
//! `www.` + domain, 004), compared after IDNA. `https`, a port, a path and
//! upper case are fine; userinfo (`example.com@evil.cn`) and suffix tricks
//! (`example.com.evil.cn`, `notexample.com`) do not match.

use crate::domain::{self, to_unicode};
use crate::finding::{Finding, Message, RuleError};
use url::Host;

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

impl RuleError for HomepageError {
    fn rule(&self) -> &'static str {
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

    fn code(&self) -> Option<&'static str> {
        match self {
            HomepageError::Empty => Some("5001"),
            _ => Some("1041"),
        }
    }

    fn message(&self) -> Message {
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

/// The scheme of `text` (already without tabs and newlines) as the URL
/// Standard reads it, in lower case, and the text after its `:`; `None`
/// when the text does not start with `letter (letter | digit | + - .)* :`.
fn scheme(text: &str) -> Option<(String, &str)> {
    let colon = text.find(':')?;
    let scheme = &text[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    valid.then(|| (scheme.to_ascii_lowercase(), &text[colon + 1..]))
}

/// A homepage URL as the URL Standard's basic URL parser reads an `http` or
/// `https` URL without a base, in the parts the filing rules look at.
#[derive(Debug)]
struct Parsed<'a> {
    /// `http` or `https`.
    scheme: &'static str,
    /// A user name or password is present (not empty).
    userinfo: bool,
    host: Host,
    /// `None`: no port, or the scheme's default.
    port: Option<u16>,
    /// Path, query and fragment as written (tabs and newlines removed).
    rest: &'a str,
}

/// Leading and trailing white space and C0 controls off, tabs and newlines
/// out (the URL Standard's first steps; all Unicode white space is trimmed
/// too, such as an ideographic space after a pasted URL).
fn clean(input: &str) -> String {
    input
        .trim_matches(|c: char| c <= ' ' || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Reads a homepage as a browser's address bar would: by the WHATWG URL
/// Standard, with `http://` put in front when there is no scheme (004: the
/// homepage is usually written `www.` + domain). A "scheme" with a dot in
/// it is a host with a port (`www.example.com:8080`), not a scheme.
///
/// The authority is split by the standard's states for special URLs
/// (slashes and backslashes skipped, the authority ending at `/ \ ? #`,
/// userinfo up to the last `@`, the port after the first `:` outside
/// brackets) and the host read by the `url` crate's host parser (IDNA,
/// percent-decoding, IPv4 in any of its forms, IPv6, forbidden code
/// points); `tests/wpt_url.rs` holds both to the standard's tests. Only
/// these parts are parsed: the whole of `url::Url` would add 14 KB
/// (gzipped) to the wasm for a path, query and fragment nobody checks.
fn parse(text: &str) -> Result<Parsed<'_>, HomepageError> {
    if text.is_empty() {
        return Err(HomepageError::Empty);
    }
    let (scheme, after) = match scheme(text) {
        Some((s, after)) if s == "http" => ("http", after),
        Some((s, after)) if s == "https" => ("https", after),
        Some((s, _)) if !s.contains('.') => return Err(HomepageError::Scheme),
        _ => ("http", text),
    };
    read_authority(scheme, after)
}

/// The standard's states from "special authority slashes" on, for the
/// text after `scheme:`.
fn read_authority<'a>(scheme: &'static str, after: &'a str) -> Result<Parsed<'a>, HomepageError> {
    let after = after.trim_start_matches(['/', '\\']);
    let end = after.find(['/', '\\', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (&authority[..i], &authority[i + 1..]),
        None => ("", authority),
    };
    let mut in_brackets = false;
    let colon = hostport.char_indices().find_map(|(i, c)| {
        match c {
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            ':' if !in_brackets => return Some(i),
            _ => {}
        }
        None
    });
    let (host, port) = match colon {
        Some(i) => (&hostport[..i], &hostport[i + 1..]),
        None => (hostport, ""),
    };
    if host.is_empty() {
        return Err(HomepageError::Host);
    }
    let port = if port.is_empty() {
        None
    } else {
        if !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HomepageError::Port);
        }
        let digits = port.trim_start_matches('0');
        if digits.len() > 5 {
            return Err(HomepageError::Port);
        }
        let n = digits.parse::<u32>().unwrap_or(0);
        Some(u16::try_from(n).map_err(|_| HomepageError::Port)?)
    };
    let default = if scheme == "https" { 443 } else { 80 };
    Ok(Parsed {
        scheme,
        userinfo: !userinfo.is_empty() && userinfo != ":",
        host: Host::parse(host).map_err(|_| HomepageError::Host)?,
        port: port.filter(|&p| p != default),
        rest,
    })
}

/// The host of a URL or URL-like string (scheme optional; any scheme
/// followed by `//`), as the URL Standard reads a host: ASCII, lower case,
/// IPv6 in brackets. `None` when the text is not a URL with a host.
///
/// ```
/// use beian_rules::homepage::host_of;
/// assert_eq!(host_of("https://www.example.com:8443/a?b").as_deref(), Some("www.example.com"));
/// assert_eq!(host_of("www.example.com/index.html").as_deref(), Some("www.example.com"));
/// assert_eq!(host_of("http://example.com@evil.cn/").as_deref(), Some("evil.cn"));
/// assert_eq!(host_of("ftp://Example.com/").as_deref(), Some("example.com"));
/// assert_eq!(host_of("http:///"), None);
/// ```
pub fn host_of(input: &str) -> Option<String> {
    let text = clean(input);
    let parsed = match parse(&text) {
        Ok(parsed) => parsed,
        Err(HomepageError::Scheme) => {
            let (_, after) = scheme(&text)?;
            if !after.starts_with("//") {
                return None;
            }
            read_authority("http", after).ok()?
        }
        Err(_) => return None,
    };
    Some(parsed.host.to_string())
}

/// The host a browser visits for a homepage URL (scheme optional; `http`
/// or `https`), serialised by the URL Standard: ASCII, lower case, an IPv4
/// address in dotted decimal, an IPv6 address in brackets. The errors are
/// those of reading the URL (empty, scheme, port, host); the filing rules
/// (userinfo, IP address, listed domain) are [`validate`]'s.
///
/// ```
/// use beian_rules::homepage::{url_host, HomepageError};
/// assert_eq!(url_host("HTTP://WWW.例子.中国/").unwrap(), "www.xn--fsqu00a.xn--fiqs8s");
/// assert_eq!(url_host("http:\\\\www.example.com\\a").unwrap(), "www.example.com");
/// assert_eq!(url_host("http://0x7f.1/").unwrap(), "127.0.0.1");
/// assert_eq!(url_host("http://[www.example.com]/"), Err(HomepageError::Host));
/// assert_eq!(url_host("mailto:a@example.com"), Err(HomepageError::Scheme));
/// ```
pub fn url_host(input: &str) -> Result<String, HomepageError> {
    Ok(parse(&clean(input))?.host.to_string())
}

/// Validates a homepage URL against the website's listed domains, returning
/// the host in ASCII form.
///
/// The URL is read by the WHATWG URL Standard, as a browser reads it (tabs
/// and newlines dropped, `\` taken for `/`, percent-encoded and
/// full-width host names decoded, `http://0x7f.1` an IP address), with
/// `http://` put in front when it has no scheme. Listed domains are
/// compared in their IDNA form; an entry that is not a valid host is
/// ignored here (its own 1004 finding explains it).
///
/// ```
/// use beian_rules::homepage::{validate, HomepageError};
/// let domains = ["example.com".to_string()];
/// assert_eq!(validate("https://WWW.Example.com:8443/index.html", &domains).unwrap(), "www.example.com");
/// assert_eq!(validate("www.example.com", &domains).unwrap(), "www.example.com");
/// assert!(matches!(validate("http://example.com.evil.cn", &domains), Err(HomepageError::NotListed { .. })));
/// assert_eq!(validate("http://example.com@evil.cn", &domains), Err(HomepageError::Userinfo));
/// assert_eq!(validate("http://[example.com]/", &domains), Err(HomepageError::Host));
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
    let text = clean(input);
    let url = parse(&text)?;
    if url.userinfo {
        return Err(HomepageError::Userinfo);
    }
    // The standard allows port 0; no server listens there.
    if url.port == Some(0) {
        return Err(HomepageError::Port);
    }
    let host = match &url.host {
        Host::Domain(host) => host,
        Host::Ipv4(_) | Host::Ipv6(_) => return Err(HomepageError::IpAddress),
    };
    // A host name the standard lets through (`a_b`, `a!b`, `-a-`) is still
    // not a domain name.
    let host = domain::to_ascii(host).map_err(|_| HomepageError::Host)?;
    if listed(&host) {
        Ok(host)
    } else {
        Err(HomepageError::NotListed { host })
    }
}

/// The URL with `http://` put in front when it has no scheme, the scheme,
/// host and port as the URL Standard writes them (lower case, the host in
/// ASCII, no default port, no empty `@`), `\` in the path as `/` and `/`
/// for an empty path; the query and fragment as written. Text that is no
/// homepage URL is only trimmed, with its scheme in lower case or `http://`
/// put in front.
///
/// ```
/// use beian_rules::homepage::canonical;
/// assert_eq!(canonical(" www.example.com/a "), "http://www.example.com/a");
/// assert_eq!(canonical("HTTPS://www.example.com:443"), "https://www.example.com/");
/// assert_eq!(canonical("http:\\\\www.example.com\\a?b\\c"), "http://www.example.com/a?b\\c");
/// assert_eq!(canonical("http://www.例子.中国/"), "http://www.xn--fsqu00a.xn--fiqs8s/");
/// ```
pub fn canonical(input: &str) -> String {
    let text = clean(input);
    if let Ok(url) = parse(&text) {
        let split = url.rest.find(['?', '#']).unwrap_or(url.rest.len());
        let (path, query) = url.rest.split_at(split);
        let path = if path.is_empty() {
            "/".to_string()
        } else {
            path.replace('\\', "/")
        };
        let port = url.port.map(|p| format!(":{p}")).unwrap_or_default();
        return format!("{}://{}{port}{path}{query}", url.scheme, url.host);
    }
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
    result_findings(validate(input, domains), first_valid(domains), path)
}

/// [`findings`] against listed domains already in their ASCII form.
pub(crate) fn findings_ascii(input: &str, domains: &[&str], path: &str) -> Vec<Finding> {
    result_findings(validate_ascii(input, domains), first_valid(domains), path)
}

/// The first of `domains` that is a valid registrable domain, in its
/// Unicode form.
fn first_valid<S: AsRef<str>>(domains: &[S]) -> Option<String> {
    domains.iter().find_map(|d| {
        crate::domain::validate(d.as_ref())
            .ok()
            .map(|v| v.unicode())
    })
}

/// A homepage not under a listed domain (1041) gets the usual homepage of
/// the first domain as its fix, `https://www.<first domain>/` (004; issue
/// 17: one click fixes it).
fn result_findings(
    result: Result<String, HomepageError>,
    first_domain: Option<String>,
    path: &str,
) -> Vec<Finding> {
    match result {
        Ok(_) => Vec::new(),
        Err(e @ HomepageError::NotListed { .. }) => {
            let f = e.finding(path);
            vec![match first_domain {
                Some(d) => f.with_suggestion(format!("https://www.{d}/")),
                None => f,
            }]
        }
        Err(e) => vec![e.finding(path)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str, domains: &[&str]) -> Result<String, HomepageError> {
        let domains: Vec<String> = domains.iter().map(|d| d.to_string()).collect();
        validate(url, &domains)
    }

    /// 002 #13, issue 17: 1041 suggests the first domain's usual homepage.
    #[test]
    fn not_listed_suggests_the_first_domains_homepage() {
        let domains = [
            "www.example.net".to_string(),
            "example.com".to_string(),
            "example.org".to_string(),
        ];
        let f = findings("http://www.other.cn", &domains, "/websites/0/homepage");
        assert_eq!(f[0].rule, "homepage.not_listed");
        assert_eq!(f[0].suggestion.as_deref(), Some("https://www.example.com/"));
        let f = findings("http://www.other.cn", &[], "/websites/0/homepage");
        assert_eq!(f[0].suggestion, None);
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

    /// Read as a browser reads them (issue 13): the host checked is the one
    /// the URL Standard yields.
    #[test]
    fn read_by_the_url_standard() {
        let ok = |url: &str, host: &str| {
            assert_eq!(check(url, &["example.com"]).as_deref(), Ok(host), "{url}")
        };
        ok("http:\\\\www.example.com\\a", "www.example.com");
        ok("https:www.example.com/", "www.example.com");
        ok("http:/www.example.com/", "www.example.com");
        ok("http://www.exa\tmple.com\n/", "www.example.com");
        ok("http://www.%65xample.com/", "www.example.com");
        ok("http://ＷＷＷ．ｅｘａｍｐｌｅ．ｃｏｍ/", "www.example.com");
        ok("www.example.com:8080/a", "www.example.com");
        ok("http://@www.example.com/", "www.example.com");
        ok("http://www.example.com:80/", "www.example.com");
        for url in [
            "http://[www.example.com]/",
            "http://exa mple.com/",
            "http://example.com%2f/",
            "http://example.1/",
        ] {
            assert_eq!(
                check(url, &["example.com"]),
                Err(HomepageError::Host),
                "{url}"
            );
        }
        for url in [
            "http://256",
            "http://0x7f.1",
            "http://%31%32%37.0.0.1/",
            "http://[::ffff:1.2.3.4]",
        ] {
            assert_eq!(
                check(url, &["example.com"]),
                Err(HomepageError::IpAddress),
                "{url}"
            );
        }
        assert_eq!(
            check("http://example.com:0/", &["example.com"]),
            Err(HomepageError::Port)
        );
        assert_eq!(
            check("http://example.com:65536/", &["example.com"]),
            Err(HomepageError::Port)
        );
        assert_eq!(
            check("localhost:8080", &["example.com"]),
            Err(HomepageError::Scheme)
        );
        assert_eq!(
            check("http://a_b.example.com/", &["example.com"]),
            Err(HomepageError::Host)
        );
    }

    #[test]
    fn canonical_writes_scheme_host_and_port_as_the_standard() {
        assert_eq!(canonical("www.example.com"), "http://www.example.com/");
        assert_eq!(
            canonical("https:www.example.com"),
            "https://www.example.com/"
        );
        assert_eq!(
            canonical("http://www.exa\tmple.com:80/a b"),
            "http://www.example.com/a b"
        );
        assert_eq!(
            canonical("http://@www.example.com:0080?q"),
            "http://www.example.com/?q"
        );
        assert_eq!(
            canonical("https://www.example.com:80#f"),
            "https://www.example.com:80/#f"
        );
        // Not a URL: only trimmed, scheme in lower case or `http://` in front.
        assert_eq!(canonical(" HTTP://[x]/ "), "http://[x]/");
        assert_eq!(canonical("//[x]"), "http://[x]");
    }

    #[test]
    fn host_of_any_scheme() {
        assert_eq!(
            host_of("ftp://Example.com/").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_of("example.com:8080").as_deref(), Some("example.com"));
        assert_eq!(host_of("http://[::1]/").as_deref(), Some("[::1]"));
        assert_eq!(host_of("mailto:a@example.com"), None);
        assert_eq!(host_of("exa mple.com/"), None);
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
