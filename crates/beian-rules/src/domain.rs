//! Listed domains (1004 无效域名).
//!
//! Seed 002 #3: "备案填写的域名必须是有效的顶级域名" — a listed domain must be
//! a registrable domain under an ICANN public suffix; 002 #21: subdomains
//! need no filing of their own. IDN domains are valid and compared in their
//! IDNA (UTS #46, punycode) form, so `例子.中国` and `xn--fsqu00a.xn--fiqs8s`
//! are the same domain.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use crate::finding::{Finding, Message, RuleError, Severity};
use crate::generated::tlds;
use crate::identifier::{Context, Identifier};
use crate::psl;

/// The suffixes MIIT accepts for filing (`generated/tlds.rs`, from
/// `data/tlds/accepted.txt`), punycode.
static ACCEPTED: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| tlds::ACCEPTED.lines().collect());

/// Why a string is not a fileable domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// Nothing was entered.
    Empty,
    /// A URL (scheme, path, port or user) was entered instead of a domain;
    /// carries the host when one could be taken out of it.
    NotADomain {
        /// The host part, if the input had one.
        host: Option<String>,
    },
    /// An IP address was entered.
    IpAddress,
    /// An empty label (`a..com`, `.com`, a trailing dot).
    EmptyLabel,
    /// A label over 63 octets or a name over 253 in its ASCII form.
    TooLong,
    /// Characters or hyphens that IDNA (UTS #46, STD3 rules) rejects.
    InvalidName,
    /// The top-level domain is not in the ICANN section of the PSL.
    UnknownTld {
        /// The last label.
        tld: String,
    },
    /// The name is a public suffix itself, e.g. `com.cn`.
    PublicSuffix,
    /// A subdomain was entered; carries the registrable domain (ASCII).
    Subdomain {
        /// The registrable domain, punycode.
        registrable: String,
    },
    /// A name under a third-party registry or platform that the Public
    /// Suffix List's private section lists (`example.cn.com` under
    /// CentralNic's `cn.com`, `me.github.io`): not a domain of the
    /// applicant's, and the registry's own domain is not theirs either, so
    /// nothing is suggested.
    PrivateRegistry {
        /// The name entered, punycode.
        name: String,
        /// The registry's domain, punycode.
        registry: String,
    },
}

impl RuleError for DomainError {
    fn rule(&self) -> &'static str {
        match self {
            DomainError::Empty => "domain.required",
            DomainError::NotADomain { .. } => "domain.not_a_domain",
            DomainError::IpAddress => "domain.ip_address",
            DomainError::EmptyLabel => "domain.empty_label",
            DomainError::TooLong => "domain.too_long",
            DomainError::InvalidName => "domain.invalid_name",
            DomainError::UnknownTld { .. } => "domain.unknown_tld",
            DomainError::PublicSuffix => "domain.public_suffix",
            DomainError::Subdomain { .. } => "domain.subdomain",
            DomainError::PrivateRegistry { .. } => "domain.private_registry",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            DomainError::Empty => Some("5001"),
            _ => Some("1004"),
        }
    }

    fn message(&self) -> Message {
        match self {
            DomainError::Empty => Message::new("请填写域名。", "Enter a domain."),
            DomainError::NotADomain { .. } => Message::new(
                "这里只填域名本身，不要带 http://、路径、端口或用户名。",
                "Enter the domain only, without http://, path, port or user name.",
            ),
            DomainError::IpAddress => Message::new(
                "IP 地址不能作为备案域名，请填写已注册的域名。",
                "An IP address cannot be filed as a domain; enter a registered domain.",
            ),
            DomainError::EmptyLabel => Message::new(
                "域名中有空的部分（连续的点，或以点开头或结尾）。",
                "The domain has an empty part (two dots in a row, or a leading or trailing dot).",
            ),
            DomainError::TooLong => Message::new(
                "域名过长：每段不超过 63 个字符，全长不超过 253 个字符。",
                "The domain is too long: at most 63 characters a label and 253 in all.",
            ),
            DomainError::InvalidName => Message::new(
                "域名含有不允许的字符（只能用字母、数字、连字符和汉字等，连字符不能在开头或结尾）。",
                "The domain has characters that are not allowed (letters, digits, hyphens and \
                 Chinese characters only; no hyphen at the start or end of a label).",
            ),
            DomainError::UnknownTld { tld } => Message::new(
                format!("“{tld}”不是有效的顶级域名。"),
                format!("“{tld}” is not a valid top-level domain."),
            ),
            DomainError::PublicSuffix => Message::new(
                "这是公共后缀，不是可注册的域名；请填写您注册的域名，如 example.com.cn。",
                "This is a public suffix, not a registrable domain; enter the domain you \
                 registered, e.g. example.com.cn.",
            ),
            DomainError::Subdomain { registrable } => Message::new(
                format!(
                    "备案填写的域名必须是顶级域名（可注册的域名），子域名无需单独备案：请填写 {}。",
                    to_unicode(registrable)
                ),
                format!(
                    "A filed domain must be the registrable domain; subdomains need no filing \
                     of their own: enter {}.",
                    to_unicode(registrable)
                ),
            ),
            DomainError::PrivateRegistry { name, registry } => {
                let (name, registry) = (to_unicode(name), to_unicode(registry));
                Message::new(
                    format!(
                        "{name} 是 {registry} 下的名称：{registry} 是第三方的注册服务或平台，\
                         它下面的名称不是工信部可备案的域名。请填写您在域名注册商处注册的域名。"
                    ),
                    format!(
                        "{name} lies under {registry}, a third-party registry or platform: names \
                         under it are not domains MIIT accepts for filing. Enter a domain you \
                         registered with a domain registrar."
                    ),
                )
            }
        }
    }
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for DomainError {}

/// A valid, fileable domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Domain {
    ascii: String,
}

impl Domain {
    /// The IDNA (punycode) form, lower case: the form compared everywhere.
    pub fn ascii(&self) -> &str {
        &self.ascii
    }

    /// The Unicode form for display.
    pub fn unicode(&self) -> String {
        to_unicode(&self.ascii)
    }

    /// The public suffix, e.g. `com.cn`.
    pub fn suffix(&self) -> &str {
        psl::parts(&self.ascii).suffix
    }
}

/// Trims white space (ASCII and full-width) around the input.
///
/// ```
/// assert_eq!(beian_rules::domain::compact("\u{3000} example.com "), "example.com");
/// ```
pub fn compact(input: &str) -> &str {
    input.trim()
}

/// The IDNA (UTS #46, punycode) form of a host name, lower case, checked
/// with the STD3 rules, hyphen rules and DNS lengths.
///
/// ```
/// use beian_rules::domain::to_ascii;
/// assert_eq!(to_ascii("例子.中国").unwrap(), "xn--fsqu00a.xn--fiqs8s");
/// assert_eq!(to_ascii("WWW.Example.COM").unwrap(), "www.example.com");
/// assert!(to_ascii("a_b.com").is_err());
/// ```
pub fn to_ascii(host: &str) -> Result<String, DomainError> {
    let host = compact(host);
    if host.is_empty() {
        return Err(DomainError::Empty);
    }
    if let Some(ascii) = ascii_fast_path(host) {
        return Ok(ascii);
    }
    // Full-width and ideographic dots are label separators under UTS #46.
    if host.split(['.', '。', '．', '｡']).any(str::is_empty) {
        return Err(DomainError::EmptyLabel);
    }
    match idna::domain_to_ascii_strict(host) {
        Ok(ascii) if has_unassigned_in_plane_3(host, &ascii) => Err(DomainError::InvalidName),
        Ok(ascii) => Ok(ascii),
        Err(_) => {
            // Tell "too long" apart from bad characters.
            let lax = idna::domain_to_ascii(host).unwrap_or_default();
            if lax.len() > 253 || lax.split('.').any(|l| l.len() > 63) {
                Err(DomainError::TooLong)
            } else {
                Err(DomainError::InvalidName)
            }
        }
    }
}

/// The UTS #46 answer for an ASCII host name without calling IDNA:
/// letters of either case, digits and hyphens in labels that pass
/// [`is_plain_label`], 253 characters in all. Such a name is valid and its
/// ASCII form is the name in lower case; `None` sends anything else
/// (`xn--` labels among it) through the full processing.
fn ascii_fast_path(host: &str) -> Option<String> {
    let bytes = host.as_bytes();
    let plain = bytes.len() <= 253
        && bytes.split(|&b| b == b'.').all(|label| {
            is_plain_label(label)
                && label
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        });
    plain.then(|| host.to_ascii_lowercase())
}

use beian_host::is_plain_label;

/// True for an IPv4 address in dotted decimal: the suffix list would take
/// its last number for a top-level domain, so it is never a domain.
#[inline]
fn is_ipv4(ascii: &[u8]) -> bool {
    ascii.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        && std::str::from_utf8(ascii).is_ok_and(|a| a.parse::<std::net::Ipv4Addr>().is_ok())
}

/// True when `host` is a plain ASCII host: one that [`to_ascii`] returns
/// unchanged, known without any IDNA processing. That is a host of
/// lower-case ASCII letters, digits, hyphens and dots, at most 253 bytes,
/// whose labels are 1–63 bytes long, neither start nor end with `-` and
/// have no `--` third and fourth (so no punycode), except that the last
/// label may be an `xn--` top-level domain of the accepted-TLD table
/// (`data/tlds/accepted.txt`: 中国, 公司, 网络 …; A-labels of Chinese
/// characters, valid and left to right, which a test checks).
///
/// False for every other host, valid or not: upper case, Unicode, other
/// `xn--` labels, white space, an empty label; [`to_ascii`] decides those.
/// An IPv4 address such as `127.0.0.1` is a plain host (no IDNA changes
/// it); the caller tells addresses apart. The host may be given as a
/// `&str` or as bytes, which need not be UTF-8 (a byte that is not ASCII
/// makes it false), so a caller holding bytes needs no UTF-8 check.
///
/// ```
/// use beian_rules::domain::{is_plain_ascii_host, to_ascii};
/// assert!(is_plain_ascii_host("www.example.com.cn"));
/// assert!(is_plain_ascii_host("example.xn--fiqs8s"));
/// assert_eq!(to_ascii("example.xn--fiqs8s").unwrap(), "example.xn--fiqs8s");
/// assert!(!is_plain_ascii_host("Example.com")); // upper case
/// assert!(!is_plain_ascii_host("xn--fsqu00a.xn--fiqs8s")); // needs IDNA
/// assert!(!is_plain_ascii_host("-a.com")); // invalid
/// ```
pub fn is_plain_ascii_host(host: impl AsRef<[u8]>) -> bool {
    beian_host::is_plain_ascii_host(host.as_ref(), |tld| ACCEPTED.contains(tld))
}

/// True when the host, as typed or as punycode, holds a code point of
/// plane 3 that Unicode 16 leaves unassigned (see [`unassigned_in_plane_3`]).
fn has_unassigned_in_plane_3(host: &str, ascii: &str) -> bool {
    (!host.is_ascii() && host.chars().any(unassigned_in_plane_3))
        || (host
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"xn--"))
            && to_unicode(ascii).chars().any(unassigned_in_plane_3))
}

/// Code points of plane 3 that Unicode 16 leaves unassigned (it assigns
/// CJK Extension G, U+30000–U+3134A, and H, U+31350–U+323AF). UTS #46
/// disallows them (status V7 in IdnaTestV2), but the `idna` crate's data
/// (ICU4X 2) lets all of plane 3 through; no registry sells such a name.
fn unassigned_in_plane_3(c: char) -> bool {
    matches!(c as u32, 0x3134B..=0x3134F | 0x323B0..=0x3FFFF)
}

/// The Unicode form of an ASCII (punycode) domain, for display; the input
/// itself where it cannot be decoded.
///
/// ```
/// assert_eq!(beian_rules::domain::to_unicode("xn--fsqu00a.xn--fiqs8s"), "例子.中国");
/// ```
pub fn to_unicode(ascii: &str) -> String {
    match idna::domain_to_unicode(ascii) {
        (unicode, Ok(())) => unicode,
        (_, Err(_)) => ascii.to_string(),
    }
}

/// The registrable domain of any host name by the ICANN section of the
/// Public Suffix List (a private suffix such as `github.io` does not
/// count), in the form of the input: punycode for ASCII input, Unicode
/// for Unicode input; lower case. `None` for a public suffix itself, an
/// IPv4 address or a name IDNA ([`to_ascii`]) rejects; a top-level domain
/// not in the list counts as a suffix. The npm package's
/// `registrableDomain`.
///
/// ```
/// use beian_rules::domain::registrable_domain;
/// assert_eq!(registrable_domain("WWW.Example.com.cn").as_deref(), Some("example.com.cn"));
/// assert_eq!(registrable_domain("www.例子.中国").as_deref(), Some("例子.中国"));
/// assert_eq!(registrable_domain("foo.github.io").as_deref(), Some("github.io"));
/// assert_eq!(registrable_domain("com.cn"), None);
/// assert_eq!(registrable_domain("127.0.0.1"), None);
/// ```
pub fn registrable_domain(host: &str) -> Option<String> {
    let ascii = to_ascii(host).ok()?;
    if is_ipv4(ascii.as_bytes()) {
        return None;
    }
    let r = psl::registrable_domain(&ascii)?;
    Some(if host.is_ascii() {
        r.to_string()
    } else {
        to_unicode(r)
    })
}

/// Where [`registrable_domain`] starts in a plain ASCII host given as bytes
/// ([`is_plain_ascii_host`], the host is its own ASCII form): a byte
/// offset. `None` when it has none (a public suffix, an IPv4 address) and
/// for every host that is not plain ASCII, which `registrable_domain`
/// answers. The npm package's fast path: no UTF-8 check, no string made.
///
/// ```
/// use beian_rules::domain::registrable_start;
/// assert_eq!(registrable_start(b"www.example.com.cn"), Some(4));
/// assert_eq!(registrable_start(b"com.cn"), None);
/// assert_eq!(registrable_start(b"127.0.0.1"), None);
/// assert_eq!(registrable_start(b"WWW.example.com"), None); // not plain
/// ```
// `#[inline]`: without it the npm package's registrable-domain row
// measured about 10% slower (opt-level "z" keeps the call).
#[inline]
pub fn registrable_start(host: &[u8]) -> Option<usize> {
    if !is_plain_ascii_host(host) || is_ipv4(host) {
        return None;
    }
    psl::registrable_start(host)
}

/// Where [`registrable_domain`] starts in a host of Chinese labels, given
/// as UTF-8 bytes, without the UTS #46 processing: a host whose labels are
/// plain ASCII labels (as in [`is_plain_ascii_host`]) and labels of CJK
/// ideographs (U+4E00–U+9FFF, with lower-case ASCII letters, digits and
/// hyphens where UTS #46 allows them), these written in Unicode
/// (`www.例子.中国`) or, in an ASCII host, as their canonical punycode
/// (`www.xn--fsqu00a.xn--fiqs8s`). The offset counts UTF-16 code units of
/// the host (its characters are all in the BMP), so it slices a JavaScript
/// string. `Some(None)` when the host has no registrable domain (a public
/// suffix, an IPv4 address); `None` for every other host (upper case,
/// other scripts, punycode in a Unicode host, an invalid label), which
/// `registrable_domain` answers. Every plain ASCII host
/// ([`is_plain_ascii_host`]) is taken too: the npm package's fast path for
/// every host that needs no UTS #46 processing (issue 20).
///
/// ```
/// use beian_rules::domain::idn_registrable_start;
/// assert_eq!(idn_registrable_start("www.例子.中国".as_bytes()), Some(Some(4)));
/// assert_eq!(idn_registrable_start(b"www.xn--fsqu00a.xn--fiqs8s"), Some(Some(4)));
/// assert_eq!(idn_registrable_start("中国".as_bytes()), Some(None));
/// assert_eq!(idn_registrable_start(b"www.example.com.cn"), Some(Some(4)));
/// assert_eq!(idn_registrable_start(b"127.0.0.1"), Some(None));
/// assert_eq!(idn_registrable_start("WWW.例子.中国".as_bytes()), None); // upper case
/// assert_eq!(idn_registrable_start("пример.рф".as_bytes()), None); // not CJK
/// ```
pub fn idn_registrable_start(host: &[u8]) -> Option<Option<usize>> {
    // An ASCII host is read once (a byte beyond ASCII ends that pass), an
    // IPv4 address has no registrable domain.
    if psl::is_punycode_host(host) {
        return Some(if is_ipv4(host) {
            None
        } else {
            psl::registrable_start(host)
        });
    }
    if host.is_ascii() {
        return None;
    }
    psl::unicode_registrable_start(host)
}

/// Validates a listed domain: it must be a registrable domain under an ICANN
/// public suffix.
///
/// ```
/// use beian_rules::domain::{validate, DomainError};
/// assert_eq!(validate("Example.com.cn").unwrap().ascii(), "example.com.cn");
/// assert_eq!(validate("例子.中国").unwrap().ascii(), "xn--fsqu00a.xn--fiqs8s");
/// assert_eq!(
///     validate("www.example.com"),
///     Err(DomainError::Subdomain { registrable: "example.com".into() })
/// );
/// assert_eq!(validate("com.cn"), Err(DomainError::PublicSuffix));
/// ```
pub fn validate(input: &str) -> Result<Domain, DomainError> {
    checked(input).result
}

/// The outcome of [`validate`] with the ASCII form of the host where it
/// could be made even though the domain is not fileable (a subdomain, an
/// unknown TLD …): the form a homepage is compared with.
pub(crate) struct Checked {
    pub(crate) result: Result<Domain, DomainError>,
    ascii: Option<String>,
}

impl Checked {
    /// The host's ASCII form, if it has one.
    pub(crate) fn ascii(&self) -> Option<&str> {
        match &self.result {
            Ok(d) => Some(d.ascii()),
            Err(_) => self.ascii.as_deref(),
        }
    }
}

/// [`validate`], keeping the ASCII form of a host that is not fileable.
pub(crate) fn checked(input: &str) -> Checked {
    let fail = |e: DomainError, ascii: Option<String>| Checked {
        result: Err(e),
        ascii,
    };
    let input = compact(input);
    if input.is_empty() {
        return fail(DomainError::Empty, None);
    }
    if input.contains(['/', ':', '@', '?', '#', '\\']) || input.contains(char::is_whitespace) {
        if input.parse::<std::net::IpAddr>().is_ok() {
            return fail(DomainError::IpAddress, None);
        }
        let host = crate::homepage::host_of(input).and_then(|h| to_ascii(&h).ok());
        return fail(DomainError::NotADomain { host }, None);
    }
    let ascii = match to_ascii(input) {
        Ok(a) => a,
        Err(e) => return fail(e, None),
    };
    if ascii.parse::<std::net::Ipv4Addr>().is_ok() {
        return fail(DomainError::IpAddress, Some(ascii));
    }
    let parts = psl::parts(&ascii);
    if !parts.listed {
        let tld = ascii.rsplit('.').next().unwrap_or_default();
        let error = DomainError::UnknownTld {
            tld: to_unicode(tld),
        };
        return fail(error, Some(ascii));
    }
    let error = match parts.registrable {
        None => DomainError::PublicSuffix,
        Some(r) if r != ascii => match psl::private_registry(&ascii) {
            Some(registry) => DomainError::PrivateRegistry {
                name: ascii.clone(),
                registry: registry.to_string(),
            },
            None => DomainError::Subdomain {
                registrable: r.to_string(),
            },
        },
        Some(_) => {
            return Checked {
                result: Ok(Domain { ascii }),
                ascii: None,
            }
        }
    };
    fail(error, Some(ascii))
}

/// True when [`validate`] accepts the input.
///
/// ```
/// assert!(beian_rules::domain::is_valid("example.com"));
/// assert!(!beian_rules::domain::is_valid("www.example.com"));
/// ```
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// True when the domain's suffix is one MIIT accepts for filing (the data
/// table in `data/tlds/`, see its SOURCE.md).
///
/// ```
/// let d = beian_rules::domain::validate("example.com").unwrap();
/// assert!(beian_rules::domain::is_accepted_suffix(&d));
/// let d = beian_rules::domain::validate("example.de").unwrap();
/// assert!(!beian_rules::domain::is_accepted_suffix(&d));
/// ```
pub fn is_accepted_suffix(domain: &Domain) -> bool {
    // Every proper suffix of the name that starts at a label boundary.
    let mut rest = domain.ascii();
    while let Some(dot) = rest.find('.') {
        rest = &rest[dot + 1..];
        if ACCEPTED.contains(rest) {
            return true;
        }
    }
    false
}

/// True when a valid domain is written in its own Unicode form: lower-case
/// ASCII letters, digits, hyphens, dots and CJK unified ideographs only,
/// which UTS #46 maps to themselves (so no IDNA round trip is needed to
/// know that the canonical form is the input).
fn is_own_unicode_form(input: &str) -> bool {
    input.chars().all(|c| {
        c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || c == '-'
            || c == '.'
            || matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2A6DF)
    })
}

/// The display form of an ASCII domain: Unicode when the user wrote
/// Unicode, ASCII otherwise.
fn display_like(input: &str, ascii: &str) -> String {
    if input.is_ascii() {
        ascii.to_string()
    } else {
        to_unicode(ascii)
    }
}

/// Findings for one listed domain at `path`.
///
/// ```
/// let f = beian_rules::domain::findings("www.example.com", "/websites/0/domains/0");
/// assert_eq!(f[0].code.as_deref(), Some("1004"));
/// assert_eq!(f[0].suggestion.as_deref(), Some("example.com"));
/// assert!(beian_rules::domain::findings("example.com", "").is_empty());
/// ```
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    findings_from(input, &validate(input), path)
}

/// [`findings`] of an input already validated.
pub(crate) fn findings_from(
    input: &str,
    result: &Result<Domain, DomainError>,
    path: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    match result {
        Ok(domain) => {
            let differs = if input.is_ascii() {
                input != domain.ascii()
            } else {
                !is_own_unicode_form(input) && to_unicode(domain.ascii()) != input
            };
            if differs {
                let canonical = display_like(input, domain.ascii());
                out.push(
                    Finding::new(
                        "domain.canonical_form",
                        None,
                        path,
                        Severity::Warning,
                        Message::new(
                            format!("请按规范写法填写：{canonical}（小写，无空格和多余符号）。"),
                            format!(
                                "Write the domain in its canonical form: {canonical} \
                                 (lower case, no spaces)."
                            ),
                        ),
                    )
                    .with_suggestion(canonical.clone()),
                );
            }
            if !is_accepted_suffix(domain) {
                out.push(Finding::new(
                    "domain.suffix_not_accepted",
                    Some("1004"),
                    path,
                    Severity::Warning,
                    Message::new(
                        format!(
                            "后缀 .{} 不在工信部批准可备案的域名后缀列表中，管局可能以“无效域名”退回；请先向接入商确认。",
                            to_unicode(domain.suffix())
                        ),
                        format!(
                            "The suffix .{} is not on the list of suffixes MIIT accepts for \
                             filing; the bureau may return it as an invalid domain. Check with your provider.",
                            domain.suffix()
                        ),
                    ),
                ));
            }
        }
        Err(error) => {
            let suggestion = match &error {
                DomainError::Subdomain { registrable } => Some(display_like(input, registrable)),
                DomainError::NotADomain { host: Some(host) } => match validate(host) {
                    Ok(d) => Some(display_like(input, d.ascii())),
                    Err(DomainError::Subdomain { registrable }) => {
                        Some(display_like(input, &registrable))
                    }
                    Err(_) => None,
                },
                _ => None,
            };
            // The suggestion (a subdomain's registrable domain, a URL's
            // host) is written as the input was: Unicode or ASCII.
            let finding = error.finding(path);
            out.push(match suggestion {
                Some(s) => finding.with_suggestion(s),
                None => finding,
            });
        }
    }
    out
}

impl Identifier for Domain {
    type Valid = Domain;
    type Error = DomainError;
    /// Trimmed only: a domain's canonical form is lower case (IDNA), and
    /// white space inside it makes it no domain ([`DomainError::NotADomain`]),
    /// so the document numbers' clean-up (`text::clean`) does not apply.
    fn compact(input: &str) -> String {
        compact(input).to_string()
    }
    fn validate(input: &str, _: Context) -> Result<Domain, DomainError> {
        validate(input)
    }
    fn canonical(valid: &Domain) -> String {
        valid.ascii.clone()
    }
    fn findings(input: &str, path: &str, _: Context) -> Vec<Finding> {
        findings(input, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IDN fast path's answer as a string of the host, `None` when it
    /// leaves the host to the full path.
    fn idn_fast(host: &str) -> Option<Option<String>> {
        idn_registrable_start(host.as_bytes())
            .map(|start| start.map(|n| host.chars().skip(n).collect::<String>()))
    }

    #[test]
    fn the_idn_fast_path_takes_every_ideograph_as_idna_does() {
        // Every code point of U+4E00–U+9FFF, alone and among others, in
        // Unicode and as punycode.
        for cp in 0x4E00..=0x9FFF_u32 {
            let c = char::from_u32(cp).unwrap();
            for host in [
                format!("www.{c}.中国"),
                format!("a{c}-1.com.cn"),
                format!("{c}{c}"),
            ] {
                let full = registrable_domain(&host);
                assert_eq!(idn_fast(&host), Some(full.clone()), "{host}");
                let ascii = to_ascii(&host).unwrap();
                assert_eq!(
                    idn_fast(&ascii),
                    Some(registrable_domain(&ascii)),
                    "{ascii}"
                );
            }
        }
    }

    #[test]
    fn the_idn_fast_path_answers_as_registrable_domain() {
        let labels = [
            "www",
            "例子",
            "中国",
            "中國",
            "公司",
            "网络",
            "com",
            "cn",
            "uk",
            "co",
            "jp",
            "xn--fsqu00a",
            "xn--fiqs8s",
            "xn--FSQU00A",
            "xn--55qx5d",
            "xn--abc",
            "xn--",
            "xn--a",
            "-例",
            "例-",
            "例--子",
            "ab--例",
            "a-例",
            "例子1",
            "WWW",
            "Example",
            "пример",
            "рф",
            "例。子",
            "",
            "a_b",
            "1",
            "2",
            "xn--fsqu00a-",
            "xn--0",
            "\u{3007}",
            "\u{9FFF}",
            "\u{4DFF}",
            "\u{A000}",
            "ｗｗｗ",
            "例\u{200D}",
        ];
        let mut seed = 20261205_u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let long = format!("{}.中国", "例".repeat(20));
        let mut hosts = vec![
            long.clone(),
            to_ascii(&long).unwrap_or_default(),
            "1.2.3.4".into(),
        ];
        for _ in 0..20000 {
            let n = 1 + next(4);
            hosts.push(
                (0..n)
                    .map(|_| labels[next(labels.len())])
                    .collect::<Vec<_>>()
                    .join("."),
            );
        }
        for host in hosts {
            if let Some(fast) = idn_fast(&host) {
                assert_eq!(fast, registrable_domain(&host), "{host:?}");
            }
        }
        // What the fast path must take (the hosts of issue 20's bench).
        for host in [
            "www.例子.中国",
            "例子.公司",
            "xn--fsqu00a.xn--fiqs8s",
            "m.百度.com",
            "淘宝.com.cn",
        ] {
            assert!(idn_fast(host).is_some(), "{host}");
            assert!(idn_fast(&to_ascii(host).unwrap()).is_some(), "{host}");
        }
    }

    fn rule(input: &str) -> Option<&'static str> {
        validate(input).err().map(|e| e.rule())
    }

    #[test]
    fn valid_domains() {
        for d in [
            "example.com",
            "example.com.cn",
            "example.gov.cn",
            "例子.中国",
            "xn--fsqu00a.xn--fiqs8s",
            "a.cn",
            "例子.公司",
        ] {
            assert!(is_valid(d), "{d}");
        }
    }

    #[test]
    fn ascii_fast_path_agrees_with_idna() {
        for host in [
            "example.com",
            "EXAMPLE.Com",
            "a-b.c-d.cn",
            "ab--c.com",
            "a.b.c.d.e.f",
            "123.com",
            "x.y",
        ] {
            assert_eq!(
                ascii_fast_path(host),
                idna::domain_to_ascii_strict(host).ok(),
                "{host}"
            );
        }
        for host in [
            "-a.com",
            "a-.com",
            "ab--cd.com",
            "xn--fsqu00a.cn",
            "a_b.com",
            "a..b",
            "例子.cn",
        ] {
            assert_eq!(ascii_fast_path(host), None, "{host}");
        }
        assert_eq!(ascii_fast_path(&format!("{}.com", "a".repeat(64))), None);
    }

    /// The `xn--` top-level domains [`is_plain_ascii_host`] takes as they
    /// are: the single-label `xn--` entries of the accepted-TLD table.
    fn accepted_idn_tlds() -> Vec<&'static str> {
        tlds::ACCEPTED
            .lines()
            .filter(|t| t.starts_with("xn--") && !t.contains('.'))
            .collect()
    }

    #[test]
    fn plain_ascii_hosts() {
        for host in [
            "example.com",
            "www.example.com.cn",
            "a-b.c-d.cn",
            "a--b.com",
            "123.com",
            "127.0.0.1",
            "a",
            "xn--fiqs8s",
            "www.example.xn--fiqs8s",
            "a.xn--55qx5d",
        ] {
            assert!(is_plain_ascii_host(host), "{host}");
            assert_eq!(to_ascii(host).as_deref(), Ok(host), "{host}");
        }
        for host in [
            "",
            ".",
            "a..com",
            ".com",
            "example.com.",
            "Example.com",
            "例子.cn",
            "a_b.com",
            "-a.com",
            "a-.com",
            "ab--c.com",
            "xn--fsqu00a.xn--fiqs8s",
            "xn--fiqs8s.com",
            "example.xn--abc",
            "example.xn--55qw42g.cn",
            " example.com",
            "example.com\n",
        ] {
            assert!(!is_plain_ascii_host(host), "{host:?}");
        }
        // Bytes, not UTF-8 or not.
        assert!(is_plain_ascii_host(b"example.com"));
        assert!(!is_plain_ascii_host(b"a\xff.com"));
        assert!(!is_plain_ascii_host([0xe4, 0xbe, 0x8b, b'.', b'c', b'n']));
        let label = |n: usize| "a".repeat(n);
        assert!(is_plain_ascii_host(format!("{}.com", label(63))));
        assert!(!is_plain_ascii_host(format!("{}.com", label(64))));
        // 253 bytes in all, and one more.
        let long = format!("{}.{}.{}.{}", label(63), label(63), label(63), label(61));
        assert_eq!(long.len(), 253);
        assert!(is_plain_ascii_host(&long));
        assert!(!is_plain_ascii_host(format!("a{long}")));
    }

    /// The one pass of the npm package's fast path
    /// ([`idn_registrable_start`] of an ASCII host) takes every plain ASCII
    /// host, and answers it as [`registrable_start`] does.
    #[test]
    fn the_punycode_pass_takes_every_plain_ascii_host() {
        let mut hosts: Vec<String> = accepted_idn_tlds()
            .iter()
            .flat_map(|t| [t.to_string(), format!("www.example.{t}")])
            .collect();
        hosts.extend(
            [
                "example.com",
                "www.example.com.cn",
                "a-b.c-d.cn",
                "a--b.com",
                "127.0.0.1",
                "1.2.3",
                "com.cn",
                "a",
            ]
            .map(String::from),
        );
        for host in &hosts {
            assert!(is_plain_ascii_host(host), "{host}");
            let plain = registrable_start(host.as_bytes());
            let want = if is_ipv4(host.as_bytes()) {
                None
            } else {
                psl::registrable_start(host.as_bytes())
            };
            assert_eq!(plain, want, "{host}");
            assert_eq!(idn_registrable_start(host.as_bytes()), Some(want), "{host}");
        }
    }

    #[test]
    fn accepted_idn_tlds_are_plain_chinese_a_labels() {
        let idn = accepted_idn_tlds();
        assert_eq!(idn.len(), 23);
        for tld in idn {
            // Chinese characters only: left to right, so the Bidi rule
            // never applies to a host that ends in one.
            let unicode = to_unicode(tld);
            assert!(
                unicode
                    .chars()
                    .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{tld} {unicode}"
            );
            for host in [tld.to_string(), format!("www.a-1.{tld}")] {
                assert!(is_plain_ascii_host(&host), "{host}");
                assert_eq!(to_ascii(&host).as_deref(), Ok(host.as_str()));
                assert_eq!(
                    idna::domain_to_ascii_strict(&host).ok().as_deref(),
                    Some(host.as_str())
                );
            }
            assert!(!is_plain_ascii_host(format!("-a.{tld}")));
            assert!(to_ascii(&format!("-a.{tld}")).is_err());
        }
    }

    /// Every host of up to 5 characters over a small alphabet: a plain host
    /// is its own ASCII form, and every host of lower-case letters, digits,
    /// hyphens and dots without an `xn--` label that is its own ASCII form
    /// is a plain host.
    #[test]
    fn plain_ascii_host_agrees_with_to_ascii_on_short_hosts() {
        let mut hosts = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            frontier = frontier
                .iter()
                .flat_map(|h| ['a', '1', '-', '.', 'x', 'n'].map(|c| format!("{h}{c}")))
                .collect();
            hosts.extend(frontier.iter().cloned());
        }
        for host in &hosts {
            let own_form = to_ascii(host).as_deref() == Ok(host.as_str());
            if is_plain_ascii_host(host) {
                assert!(own_form, "{host:?}");
            } else if !host.split('.').any(|l| l.starts_with("xn--")) {
                assert!(!own_form, "{host:?}");
            }
        }
    }

    fn host_label() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            4 => "[a-z0-9-]{0,8}",
            1 => "[a-zA-Z0-9_-]{0,4}",
            1 => "[a-z]{62,64}",
            1 => "xn--[a-z0-9-]{0,8}",
            1 => proptest::sample::select(accepted_idn_tlds()).prop_map(String::from),
            1 => "[a-z例子é]{1,3}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// A plain ASCII host is its own ASCII form, by `to_ascii` and by
        /// IDNA itself (`to_ascii` answers most plain hosts without IDNA);
        /// and a host without `xn--` labels that is its own ASCII form is
        /// plain.
        #[test]
        fn plain_ascii_host_agrees_with_to_ascii(
            labels in proptest::collection::vec(host_label(), 1..6),
            any in proptest::prelude::any::<String>(),
        ) {
            for host in [labels.join("."), any] {
                let own_form = to_ascii(&host).as_deref() == Ok(host.as_str());
                if is_plain_ascii_host(&host) {
                    proptest::prop_assert!(own_form, "{:?}", host);
                    let idna = idna::domain_to_ascii_strict(&host).ok();
                    proptest::prop_assert_eq!(idna.as_deref(), Some(host.as_str()));
                } else if own_form {
                    // Only an `xn--` label other than an accepted TLD.
                    proptest::prop_assert!(host.split('.').any(|l| l.starts_with("xn--")), "{:?}", host);
                }
            }
        }

        /// The IDN fast path answers as `registrable_domain` wherever it
        /// takes a host, for labels of Chinese characters up to and over
        /// the length limits (the A-label length bound), in Unicode and as
        /// punycode, and for any string.
        #[test]
        fn idn_fast_path_agrees_with_registrable_domain(
            labels in proptest::collection::vec(
                "[例子中国測試网络公司一鿿]{1,24}|[a-z0-9-]{1,6}|[例a-][-例a]{0,4}|中国|公司|cn|com|xn--fiqs8s",
                1..5,
            ),
            any in proptest::prelude::any::<String>(),
        ) {
            let host = labels.join(".");
            let ascii = to_ascii(&host).unwrap_or_default();
            for h in [host, ascii, any] {
                if let Some(fast) = idn_fast(&h) {
                    proptest::prop_assert_eq!(fast, registrable_domain(&h), "{:?}", h);
                }
            }
        }

        /// The fast path's offset is where `registrable_domain` starts, for
        /// every plain host (IPv4 addresses and public suffixes: none).
        #[test]
        fn registrable_start_agrees_with_registrable_domain(
            labels in proptest::collection::vec(host_label(), 1..6),
            octets in proptest::prelude::any::<[u8; 4]>(),
        ) {
            let ip = octets.map(|o| o.to_string()).join(".");
            for host in [labels.join("."), ip] {
                let start = registrable_start(host.as_bytes());
                if is_plain_ascii_host(&host) {
                    let whole = registrable_domain(&host);
                    proptest::prop_assert_eq!(start.map(|s| &host[s..]), whole.as_deref(), "{:?}", host);
                } else {
                    proptest::prop_assert_eq!(start, None);
                }
            }
        }
    }

    #[test]
    fn idn_forms_are_the_same_domain() {
        assert_eq!(validate("例子.中国"), validate("xn--fsqu00a.xn--fiqs8s"));
        assert_eq!(
            validate("例子。中国").unwrap().ascii(),
            "xn--fsqu00a.xn--fiqs8s"
        );
    }

    #[test]
    fn each_error_kind() {
        assert_eq!(rule(""), Some("domain.required"));
        assert_eq!(rule("   "), Some("domain.required"));
        assert_eq!(rule("http://example.com"), Some("domain.not_a_domain"));
        assert_eq!(rule("example.com/path"), Some("domain.not_a_domain"));
        assert_eq!(rule("example.com:8080"), Some("domain.not_a_domain"));
        assert_eq!(rule("1.2.3.4"), Some("domain.ip_address"));
        assert_eq!(rule("::1"), Some("domain.ip_address"));
        assert_eq!(rule("a..com"), Some("domain.empty_label"));
        assert_eq!(rule(".com"), Some("domain.empty_label"));
        assert_eq!(rule("example.com."), Some("domain.empty_label"));
        assert_eq!(
            rule(&format!("{}.com", "a".repeat(64))),
            Some("domain.too_long")
        );
        assert_eq!(rule("a_b.com"), Some("domain.invalid_name"));
        assert_eq!(rule("-ab.com"), Some("domain.invalid_name"));
        assert_eq!(rule("example.example"), Some("domain.unknown_tld"));
        assert_eq!(rule("com.cn"), Some("domain.public_suffix"));
        assert_eq!(rule("com"), Some("domain.public_suffix"));
        assert_eq!(rule("www.example.com"), Some("domain.subdomain"));
        // Private-section suffixes do not make a name fileable.
        assert_eq!(rule("foo.github.io"), Some("domain.private_registry"));
    }

    #[test]
    fn names_under_a_private_registry_suggest_nothing() {
        // Issue 13: `example.cn.com` was told to file `cn.com`, CentralNic's
        // registry. The finding names the registry and suggests nothing.
        for (name, registry) in [
            ("example.cn.com", "cn.com"),
            ("me.github.io", "github.io"),
            ("a.b.github.io", "github.io"),
            ("bucket.s3.amazonaws.com", "amazonaws.com"),
            ("www.example.cn.com", "cn.com"),
        ] {
            let f = findings(name, "/p");
            assert_eq!(f.len(), 1, "{name}: {f:?}");
            assert_eq!(f[0].rule, "domain.private_registry", "{name}");
            assert_eq!(f[0].code.as_deref(), Some("1004"));
            assert_eq!(f[0].suggestion, None, "{name}");
            assert!(f[0].message.en.contains(registry), "{}", f[0].message.en);
        }
        // The registry's own domain is a registrable domain like any other.
        assert!(findings("cn.com", "/p").is_empty());
        assert!(findings("github.io", "/p")
            .iter()
            .all(|f| f.severity != Severity::Error));
        // A URL whose host lies under a registry suggests nothing either.
        let f = findings("https://me.github.io/", "/p");
        assert_eq!(f[0].suggestion, None);
        // Ordinary subdomains keep their suggestion.
        assert_eq!(
            findings("www.example.com", "/p")[0].suggestion.as_deref(),
            Some("example.com")
        );
    }

    #[test]
    fn subdomain_suggests_registrable_domain_in_users_script() {
        let f = findings("www.例子.中国", "/websites/0/domains/0");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "domain.subdomain");
        assert_eq!(f[0].suggestion.as_deref(), Some("例子.中国"));
        let f = findings("https://www.example.com.cn/index.html", "");
        assert_eq!(f[0].suggestion.as_deref(), Some("example.com.cn"));
    }

    #[test]
    fn canonical_form_and_accepted_suffix_are_warnings() {
        let f = findings("Example.COM", "/p");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].suggestion.as_deref(), Some("example.com"));
        let f = findings("example.de", "/p");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "domain.suffix_not_accepted");
        assert_eq!(f[0].severity, Severity::Warning);
    }
}
