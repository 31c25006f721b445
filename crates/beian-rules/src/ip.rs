//! Server IP addresses of an access entry (接入信息: IP 地址列表).
//!
//! RULES.md, contact data: IP lists hold IPv4 and IPv6 addresses, public
//! addresses only. A server reachable from the internet, and so one that
//! needs a filing, has a public address (000 #7, 001 其它 #2: a site reached by IP
//! only is filed too); private, loopback, link-local, documentation,
//! shared (carrier-grade NAT), multicast and reserved addresses are
//! findings that name the range in plain words (the RFC that sets it aside
//! is in the tables, not in the message). 003 #4:
//! IP lists are filled per website, one address an entry. 002 #12 (1040):
//! the same address twice in a filing's access entries is refused (once
//! per filing, RULES.md).
//!
//! Addresses are parsed with [`std::net`]; the ranges follow the IANA IPv4
//! and IPv6 Special-Purpose Address Registries (RFC 6890 and updates).

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use crate::finding::{Finding, Message, RuleError, Severity};
use crate::text;

/// An IPv4 range that is not public: first address, prefix length, name in
/// zh and en (plain words, with the addresses where that helps), and the
/// RFC.
struct Range4(u32, u8, &'static str, &'static str, &'static str);

/// An IPv6 range that is not public.
struct Range6(u128, u8, &'static str, &'static str, &'static str);

/// The name of the private network ranges 10.x, 172.16–31.x and 192.168.x
/// (RFC 1918), in zh and en.
const PRIVATE_ZH: &str = "内网地址（10.x、172.16–31.x 或 192.168.x）";
const PRIVATE_EN: &str = "private network (10.x, 172.16–31.x or 192.168.x)";

/// IPv4 special-purpose ranges (IANA registry), most specific first where
/// they nest.
const RANGES4: &[Range4] = &[
    Range4(
        0x0000_0000,
        8,
        "本网络地址（0.x）",
        "“this network” (0.x)",
        "RFC 791",
    ),
    Range4(0x0A00_0000, 8, PRIVATE_ZH, PRIVATE_EN, "RFC 1918"),
    Range4(
        0x6440_0000,
        10,
        "运营商共享地址（100.64–127.x）",
        "carrier-shared (100.64–127.x)",
        "RFC 6598",
    ),
    Range4(
        0x7F00_0000,
        8,
        "本机地址（127.x）",
        "local host (127.x)",
        "RFC 1122",
    ),
    Range4(
        0xA9FE_0000,
        16,
        "链路本地地址（169.254.x）",
        "link-local (169.254.x)",
        "RFC 3927",
    ),
    Range4(0xAC10_0000, 12, PRIVATE_ZH, PRIVATE_EN, "RFC 1918"),
    Range4(
        0xC000_0200,
        24,
        "文档示例地址（TEST-NET-1）",
        "documentation (TEST-NET-1)",
        "RFC 5737",
    ),
    Range4(
        0xC000_0000,
        24,
        "IETF 协议保留地址",
        "IETF protocol assignments",
        "RFC 6890",
    ),
    Range4(
        0xC058_6300,
        24,
        "6to4 中继任播地址（已弃用）",
        "6to4 relay anycast (deprecated)",
        "RFC 7526",
    ),
    Range4(0xC0A8_0000, 16, PRIVATE_ZH, PRIVATE_EN, "RFC 1918"),
    Range4(0xC612_0000, 15, "网络测试地址", "benchmarking", "RFC 2544"),
    Range4(
        0xC633_6400,
        24,
        "文档示例地址（TEST-NET-2）",
        "documentation (TEST-NET-2)",
        "RFC 5737",
    ),
    Range4(
        0xCB00_7100,
        24,
        "文档示例地址（TEST-NET-3）",
        "documentation (TEST-NET-3)",
        "RFC 5737",
    ),
    Range4(0xE000_0000, 4, "组播地址", "multicast", "RFC 5771"),
    Range4(
        0xFFFF_FFFF,
        32,
        "受限广播地址",
        "limited broadcast",
        "RFC 919",
    ),
    Range4(0xF000_0000, 4, "保留地址", "reserved", "RFC 1112"),
];

/// IPv6 special-purpose ranges (IANA registry), most specific first.
const RANGES6: &[Range6] = &[
    Range6(0, 128, "未指定地址", "unspecified", "RFC 4291"),
    Range6(1, 128, "本机地址（::1）", "local host (::1)", "RFC 4291"),
    Range6(
        0xffff_0000_0000,
        96,
        "IPv4 映射地址（请直接填写 IPv4 地址）",
        "IPv4-mapped (enter the IPv4 address)",
        "RFC 4291",
    ),
    Range6(
        0x0064_ff9b_0001 << 80,
        48,
        "本地 IPv4/IPv6 转换地址",
        "local-use IPv4/IPv6 translation",
        "RFC 8215",
    ),
    Range6(
        0x0064_ff9b << 96,
        96,
        "IPv4/IPv6 转换地址（NAT64）",
        "IPv4/IPv6 translation (NAT64)",
        "RFC 6052",
    ),
    Range6(0x0100 << 112, 64, "丢弃地址", "discard-only", "RFC 6666"),
    Range6(
        0x2001_0db8 << 96,
        32,
        "文档示例地址",
        "documentation",
        "RFC 3849",
    ),
    Range6(
        0x2001_0000 << 96,
        32,
        "Teredo 隧道地址",
        "Teredo",
        "RFC 4380",
    ),
    Range6(
        0x2001_0002_0000 << 80,
        48,
        "网络测试地址",
        "benchmarking",
        "RFC 5180",
    ),
    Range6(
        0x2001_0010 << 96,
        28,
        "ORCHID 地址（已弃用）",
        "ORCHID (deprecated)",
        "RFC 4843",
    ),
    Range6(
        0x2001_0020 << 96,
        28,
        "ORCHIDv2 地址",
        "ORCHIDv2",
        "RFC 7343",
    ),
    Range6(0x2002 << 112, 16, "6to4 地址", "6to4", "RFC 3056"),
    Range6(
        0x3fff << 112,
        20,
        "文档示例地址",
        "documentation",
        "RFC 9637",
    ),
    Range6(
        0xfc00 << 112,
        7,
        "IPv6 内网地址（fc 或 fd 开头）",
        "private IPv6 network (starting with fc or fd)",
        "RFC 4193",
    ),
    Range6(
        0xfe80 << 112,
        10,
        "链路本地地址（fe80 开头）",
        "link-local (starting with fe80)",
        "RFC 4291",
    ),
    Range6(
        0xfec0 << 112,
        10,
        "站点本地地址（已弃用）",
        "site-local (deprecated)",
        "RFC 3879",
    ),
    Range6(0xff00 << 112, 8, "组播地址", "multicast", "RFC 4291"),
];

fn in4(addr: u32, base: u32, len: u8) -> bool {
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    addr & mask == base & mask
}

fn in6(addr: u128, base: u128, len: u8) -> bool {
    let mask = if len == 0 {
        0
    } else {
        u128::MAX << (128 - len)
    };
    addr & mask == base & mask
}

/// The special-purpose range an address lies in, as (zh, en, RFC); `None`
/// for a public (global unicast) address.
///
/// ```
/// use beian_rules::ip::special_range;
/// assert_eq!(special_range("192.168.1.1".parse().unwrap()).map(|r| r.1),
///     Some("private network (10.x, 172.16–31.x or 192.168.x)"));
/// assert_eq!(special_range("2001:db8::1".parse().unwrap()).map(|r| r.1), Some("documentation"));
/// assert_eq!(special_range("1.2.3.4".parse().unwrap()), None);
/// ```
pub fn special_range(addr: IpAddr) -> Option<(&'static str, &'static str, &'static str)> {
    match addr {
        IpAddr::V4(v4) => {
            let a = u32::from(v4);
            RANGES4
                .iter()
                .find(|r| in4(a, r.0, r.1))
                .map(|r| (r.2, r.3, r.4))
        }
        IpAddr::V6(v6) => {
            let a = u128::from(v6);
            if let Some(r) = RANGES6.iter().find(|r| in6(a, r.0, r.1)) {
                return Some((r.2, r.3, r.4));
            }
            // Global unicast is 2000::/3; everything else is reserved.
            (!in6(a, 0x2000 << 112, 3)).then_some(("保留地址", "reserved", "RFC 4291"))
        }
    }
}

/// Why a string is not a public IP address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpError {
    /// Nothing was entered.
    Empty,
    /// Several addresses in one entry.
    Several,
    /// A network (`/24`) or range instead of one address.
    Network,
    /// Not an IPv4 or IPv6 address.
    Format,
    /// A special-purpose address that no public server has.
    NotPublic {
        /// The range's name in Chinese.
        zh: &'static str,
        /// The range's name in English.
        en: &'static str,
        /// The RFC that sets it aside (for developers: the message does
        /// not show it).
        rfc: &'static str,
    },
}

impl RuleError for IpError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "ip.required",
            Self::Several => "ip.several",
            Self::Network => "ip.network",
            Self::Format => "ip.format",
            Self::NotPublic { .. } => "ip.not_public",
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            Self::NotPublic { .. } => None,
            _ => Some("5001"),
        }
    }

    fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("请填写 IP 地址。", "Enter the IP address."),
            Self::Several => Message::new(
                "每项只填一个 IP 地址，多个地址请分开填写。",
                "Enter one IP address an entry; add an entry for each further address.",
            ),
            Self::Network => Message::new(
                "请逐个填写服务器的 IP 地址，不要填写网段或地址范围。",
                "Enter the server's addresses one by one, not a network or a range.",
            ),
            Self::Format => Message::new(
                "不是有效的 IPv4 或 IPv6 地址，如 203.119.80.1 或 240e::1。",
                "Not a valid IPv4 or IPv6 address, e.g. 203.119.80.1 or 240e::1.",
            ),
            Self::NotPublic { zh, en, .. } => Message::new(
                format!("这是{zh}，不是公网地址：请填写服务器的公网 IP 地址。"),
                format!("This is a {en} address, not a public one: enter the server's public IP address."),
            ),
        }
    }
}

impl fmt::Display for IpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for IpError {}

/// Trims and maps full-width characters (`１．２．３．４`, `。`) to ASCII.
///
/// ```
/// assert_eq!(beian_rules::ip::compact(" １．２．３．４ "), "1.2.3.4");
/// ```
pub fn compact(input: &str) -> String {
    input
        .trim()
        .chars()
        .map(|c| match c {
            '。' => '.',
            c => text::halfwidth(c),
        })
        .collect()
}

/// Validates one address: IPv4 or IPv6, public.
///
/// ```
/// use beian_rules::ip::{validate, IpError};
/// assert_eq!(validate("203.119.80.1").unwrap().to_string(), "203.119.80.1");
/// assert_eq!(validate("240E:0:0::1").unwrap().to_string(), "240e::1");
/// assert!(matches!(validate("10.0.0.1"), Err(IpError::NotPublic { rfc: "RFC 1918", .. })));
/// assert_eq!(validate("1.2.3.0/24"), Err(IpError::Network));
/// ```
pub fn validate(input: &str) -> Result<IpAddr, IpError> {
    let owned;
    let s: &str = if input.is_ascii() {
        input.trim()
    } else {
        owned = compact(input);
        &owned
    };
    if s.is_empty() {
        return Err(IpError::Empty);
    }
    if s.contains([',', ';', '，', '、', ' ', '\t', '\n']) {
        return Err(IpError::Several);
    }
    if s.contains('/') || (s.contains('-') && !s.contains(':')) {
        return Err(IpError::Network);
    }
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    let addr: IpAddr = inner.parse().map_err(|_| IpError::Format)?;
    if let Some((zh, en, rfc)) = special_range(addr) {
        return Err(IpError::NotPublic { zh, en, rfc });
    }
    Ok(addr)
}

/// True when [`validate`] accepts the address.
pub fn is_valid(input: &str) -> bool {
    validate(input).is_ok()
}

/// The canonical text of a valid address (IPv6 compressed, lower case).
///
/// ```
/// assert_eq!(beian_rules::ip::format("2400:3200:0000::0001").as_deref(), Some("2400:3200::1"));
/// ```
pub fn format(input: &str) -> Option<String> {
    validate(input).ok().map(|a| a.to_string())
}

fn canonical_form(path: &str, clean: &str) -> Finding {
    Finding::new(
        "ip.canonical_form",
        None,
        path,
        Severity::Warning,
        Message::new(
            format!("请按规范写法填写 IP 地址：{clean}"),
            format!("Write the IP address in its canonical form: {clean}"),
        ),
    )
    .with_suggestion(clean)
}

/// True when `addr` displays as `text` (RFC 5952 form), compared while it
/// is formatted: no string is made.
fn displays_as(addr: &std::net::Ipv6Addr, text: &str) -> bool {
    struct Compare<'a>(&'a [u8]);
    impl fmt::Write for Compare<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            match self.0.strip_prefix(s.as_bytes()) {
                Some(rest) => {
                    self.0 = rest;
                    Ok(())
                }
                None => Err(fmt::Error),
            }
        }
    }
    let mut rest = Compare(text.as_bytes());
    fmt::write(&mut rest, format_args!("{addr}")).is_ok() && rest.0.is_empty()
}

/// Findings for one address at `path`.
///
/// ```
/// let f = beian_rules::ip::findings("192.168.1.10", "/websites/0/access/0/ips/0");
/// assert_eq!(f[0].rule, "ip.not_public");
/// assert!(f[0].message.en.contains("private"));
/// assert!(beian_rules::ip::findings("203.119.80.1", "").is_empty());
/// ```
pub fn findings(input: &str, path: &str) -> Vec<Finding> {
    result_findings(input, &validate(input), path)
}

/// [`findings`] of an input already validated.
pub(crate) fn result_findings(
    input: &str,
    result: &Result<IpAddr, IpError>,
    path: &str,
) -> Vec<Finding> {
    match result {
        Err(e) => vec![e.finding(path)],
        Ok(addr) => {
            // std parses IPv4 only as four decimal numbers without leading
            // zeros: digits and dots as typed are the canonical text.
            let canonical = match addr {
                IpAddr::V4(_) => input.bytes().all(|b| b.is_ascii_digit() || b == b'.'),
                IpAddr::V6(v6) => displays_as(v6, input),
            };
            if canonical {
                Vec::new()
            } else {
                vec![canonical_form(path, &addr.to_string())]
            }
        }
    }
}

/// The 1040 finding for an address listed twice in a filing's access
/// (002 #12); `first` is the path of its first entry, named in words.
pub(crate) fn duplicate(path: &str, first: &str, addr: &IpAddr) -> Finding {
    let first = crate::finding::path_in_words(first);
    Finding::new(
        "access.duplicate_ip",
        Some("1040"),
        path,
        Severity::Error,
        Message::new(
            format!("IP 地址 {addr} 在本备案的接入信息中已填写过（{}），每个地址在一个备案中只能出现一次。", first.zh_cn),
            format!("The IP address {addr} is already listed in this filing's access ({}); each address appears once per filing.", first.en),
        ),
    )
}

/// Findings for a list of addresses (`base` is the list's path, e.g.
/// `/websites/0/access/0/ips`), including addresses listed twice (1040).
///
/// ```
/// let ips = ["203.119.80.1".to_string(), "203.119.80.1".to_string()];
/// let f = beian_rules::ip::list_findings(&ips, "/ips");
/// assert_eq!(f[0].code.as_deref(), Some("1040"));
/// assert_eq!(f[0].path, "/ips/1");
/// ```
pub fn list_findings(ips: &[String], base: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: HashMap<IpAddr, usize> = HashMap::new();
    for (k, ip) in ips.iter().enumerate() {
        let path = format!("{base}/{k}");
        let result = validate(ip);
        out.extend(result_findings(ip, &result, &path));
        if let Ok(addr) = result {
            match seen.get(&addr) {
                Some(first) => out.push(duplicate(&path, &format!("{base}/{first}"), &addr)),
                None => {
                    seen.insert(addr, k);
                }
            }
        }
    }
    out
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let mut out: Vec<Finding> = [
        IpError::Empty,
        IpError::Several,
        IpError::Network,
        IpError::Format,
        IpError::NotPublic {
            zh: PRIVATE_ZH,
            en: PRIVATE_EN,
            rfc: "RFC 1918",
        },
    ]
    .iter()
    .map(|e| e.finding(""))
    .collect();
    out.push(canonical_form("", "240e::1"));
    out.push(duplicate(
        "",
        "/websites/0/access/0/ips/0",
        &IpAddr::V4(Ipv4Addr::new(203, 119, 80, 1)),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(s: &str) -> Option<&'static str> {
        special_range(s.parse().unwrap()).map(|r| r.1)
    }

    #[test]
    fn every_ipv4_range_is_named() {
        for (ip, name) in [
            ("0.1.2.3", "“this network” (0.x)"),
            (
                "10.1.2.3",
                "private network (10.x, 172.16–31.x or 192.168.x)",
            ),
            ("100.64.0.1", "carrier-shared (100.64–127.x)"),
            ("100.127.255.255", "carrier-shared (100.64–127.x)"),
            ("127.0.0.1", "local host (127.x)"),
            ("169.254.1.1", "link-local (169.254.x)"),
            (
                "172.16.0.1",
                "private network (10.x, 172.16–31.x or 192.168.x)",
            ),
            (
                "172.31.255.255",
                "private network (10.x, 172.16–31.x or 192.168.x)",
            ),
            ("192.0.0.8", "IETF protocol assignments"),
            ("192.0.2.1", "documentation (TEST-NET-1)"),
            ("192.88.99.1", "6to4 relay anycast (deprecated)"),
            (
                "192.168.0.1",
                "private network (10.x, 172.16–31.x or 192.168.x)",
            ),
            ("198.18.0.1", "benchmarking"),
            ("198.19.255.1", "benchmarking"),
            ("198.51.100.7", "documentation (TEST-NET-2)"),
            ("203.0.113.9", "documentation (TEST-NET-3)"),
            ("224.0.0.1", "multicast"),
            ("239.255.255.250", "multicast"),
            ("240.0.0.1", "reserved"),
            ("255.255.255.255", "limited broadcast"),
        ] {
            assert_eq!(range(ip), Some(name), "{ip}");
        }
        for ip in [
            "1.2.3.4",
            "100.63.255.255",
            "100.128.0.0",
            "172.32.0.1",
            "203.119.80.1",
            "223.5.5.5",
            "8.8.8.8",
        ] {
            assert_eq!(range(ip), None, "{ip}");
        }
    }

    #[test]
    fn every_ipv6_range_is_named() {
        for (ip, name) in [
            ("::", "unspecified"),
            ("::1", "local host (::1)"),
            ("::ffff:1.2.3.4", "IPv4-mapped (enter the IPv4 address)"),
            ("64:ff9b::1.2.3.4", "IPv4/IPv6 translation (NAT64)"),
            ("64:ff9b:1::1", "local-use IPv4/IPv6 translation"),
            ("100::1", "discard-only"),
            ("2001:db8::1", "documentation"),
            ("2001::1", "Teredo"),
            ("2001:2::1", "benchmarking"),
            ("2001:10::1", "ORCHID (deprecated)"),
            ("2001:20::1", "ORCHIDv2"),
            ("2002::1", "6to4"),
            ("3fff::1", "documentation"),
            ("fc00::1", "private IPv6 network (starting with fc or fd)"),
            (
                "fd12:3456::1",
                "private IPv6 network (starting with fc or fd)",
            ),
            ("fe80::1", "link-local (starting with fe80)"),
            ("fec0::1", "site-local (deprecated)"),
            ("ff02::1", "multicast"),
            ("4000::1", "reserved"),
            ("::1.2.3.4", "reserved"),
        ] {
            assert_eq!(range(ip), Some(name), "{ip}");
        }
        for ip in [
            "240e::1",
            "2400:3200::1",
            "2001:4860:4860::8888",
            "2408:8000::1",
        ] {
            assert_eq!(range(ip), None, "{ip}");
        }
    }

    #[test]
    fn entry_errors() {
        assert_eq!(validate(""), Err(IpError::Empty));
        assert_eq!(validate("1.2.3.4, 5.6.7.8"), Err(IpError::Several));
        assert_eq!(validate("1.2.3.4-1.2.3.9"), Err(IpError::Network));
        assert_eq!(validate("1.2.3.0/24"), Err(IpError::Network));
        assert_eq!(validate("1.2.3"), Err(IpError::Format));
        assert_eq!(validate("1.2.3.256"), Err(IpError::Format));
        assert_eq!(validate("01.2.3.4"), Err(IpError::Format));
        assert_eq!(validate("example.com"), Err(IpError::Format));
        assert!(validate("[240e::1]").is_ok());
        assert_eq!(
            findings("１．２．３．４", "/p")[0].suggestion.as_deref(),
            Some("1.2.3.4")
        );
    }

    #[test]
    fn duplicates_compare_addresses_not_text() {
        let ips: Vec<String> = ["240e::1", "240E:0::1", "1.2.3.4"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let f: Vec<_> = list_findings(&ips, "/ips")
            .into_iter()
            .filter(|f| f.rule == "access.duplicate_ip")
            .collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/ips/1");
    }
}
