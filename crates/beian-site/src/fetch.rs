//! Fetching a home page, carefully: HTTP or HTTPS only, public addresses
//! only (unless allowed, for tests), redirects only within the same
//! registrable domain and at most five, ten seconds and 2 MiB in all.
//!
//! The address is resolved once and vetted; the connection goes to that
//! vetted address (the name is not resolved again, so a second answer
//! cannot point it elsewhere).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full, Limited};
use hyper::header;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use url::{Host, Url};

/// Limits of a fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Allow private, loopback and link-local addresses (tests only).
    pub allow_private: bool,
    /// Redirects followed at most.
    pub max_redirects: usize,
    /// Time for the whole fetch, redirects included.
    pub timeout: Duration,
    /// The largest page read.
    pub max_body: usize,
    /// Host names answered with these addresses instead of the DNS's (as
    /// curl's `--resolve`; tests serve a site's name on 127.0.0.1). The
    /// addresses are vetted like any other.
    pub resolve: Vec<(String, IpAddr)>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            allow_private: false,
            max_redirects: 5,
            timeout: Duration::from_secs(10),
            max_body: 2 << 20,
            resolve: Vec::new(),
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where it was found, after redirects.
    pub url: Url,
    /// The addresses it went through, the first one first.
    pub redirects: Vec<Url>,
    /// The HTML, decoded by its charset (UTF-8, GBK … as the server or the
    /// page says).
    pub html: String,
}

/// Why no page was fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Not an `http://` or `https://` address with a host.
    Url(String),
    /// The host has no public address (private, loopback, link-local …).
    NotPublic(String),
    /// The name did not resolve, or the connection or TLS failed.
    Unreachable(String),
    /// A redirect to another site.
    RedirectElsewhere(Url),
    /// More than the allowed redirects.
    TooManyRedirects(usize),
    /// An answer other than 200 (or a redirect).
    Status(u16),
    /// Not HTML.
    NotHtml(String),
    /// The page is larger than the limit.
    TooLarge(usize),
    /// The time limit passed.
    Timeout(Duration),
}

/// Fetches `url` (a home page) within `options`.
pub async fn fetch(url: &str, options: &FetchOptions) -> Result<Page, FetchError> {
    let url = parse(url)?;
    match tokio::time::timeout(options.timeout, follow(url, options)).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout(options.timeout)),
    }
}

/// The address as given, or with `http://` added when it has no scheme.
pub fn parse(input: &str) -> Result<Url, FetchError> {
    let input = input.trim();
    let with_scheme = if input.contains("://") {
        input.to_string()
    } else {
        format!("http://{input}")
    };
    let url = Url::parse(&with_scheme).map_err(|e| FetchError::Url(format!("{input}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(FetchError::Url(input.to_string()));
    }
    Ok(url)
}

/// The site of a URL: its registrable domain, or the host itself (an IP
/// address, or a name with no registrable domain).
fn site(url: &Url) -> Option<String> {
    match url.host()? {
        Host::Domain(d) => Some(
            beian_rules::domain::registrable_domain(d).unwrap_or_else(|| d.to_ascii_lowercase()),
        ),
        Host::Ipv4(ip) => Some(ip.to_string()),
        Host::Ipv6(ip) => Some(ip.to_string()),
    }
}

async fn follow(mut url: Url, options: &FetchOptions) -> Result<Page, FetchError> {
    let origin_site = site(&url);
    let mut redirects = vec![url.clone()];
    loop {
        let answer = get(&url, options).await?;
        match answer {
            Answer::Redirect(next) => {
                if redirects.len() > options.max_redirects {
                    return Err(FetchError::TooManyRedirects(options.max_redirects));
                }
                let next = url
                    .join(&next)
                    .map_err(|e| FetchError::Url(format!("{next}: {e}")))?;
                if !matches!(next.scheme(), "http" | "https") || site(&next) != origin_site {
                    return Err(FetchError::RedirectElsewhere(next));
                }
                redirects.push(next.clone());
                url = next;
            }
            Answer::Page(html) => {
                redirects.pop();
                return Ok(Page {
                    url,
                    redirects,
                    html,
                });
            }
        }
    }
}

enum Answer {
    Redirect(String),
    Page(String),
}

/// The vetted addresses of a URL's host.
async fn addresses(url: &Url, options: &FetchOptions) -> Result<Vec<SocketAddr>, FetchError> {
    let allow_private = options.allow_private;
    let port = url.port_or_known_default().unwrap_or(80);
    let fixed = |d: &str| {
        options
            .resolve
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(d))
            .map(|(_, ip)| SocketAddr::new(*ip, port))
            .collect::<Vec<_>>()
    };
    let found: Vec<SocketAddr> = match url.host() {
        Some(Host::Ipv4(ip)) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
        Some(Host::Ipv6(ip)) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
        Some(Host::Domain(d)) if !fixed(d).is_empty() => fixed(d),
        Some(Host::Domain(d)) => tokio::net::lookup_host((d, port))
            .await
            .map_err(|e| FetchError::Unreachable(format!("{d}: {e}")))?
            .collect(),
        None => return Err(FetchError::Url(url.to_string())),
    };
    let public: Vec<SocketAddr> = found
        .iter()
        .copied()
        .filter(|a| allow_private || beian_rules::ip::special_range(a.ip()).is_none())
        .collect();
    if public.is_empty() {
        let host = url.host_str().unwrap_or_default().to_string();
        return Err(if found.is_empty() {
            FetchError::Unreachable(host)
        } else {
            let ip = found[0].ip().to_string();
            FetchError::NotPublic(if host.trim_matches(['[', ']']) == ip {
                host
            } else {
                format!("{host} ({ip})")
            })
        });
    }
    Ok(public)
}

async fn connect(addrs: &[SocketAddr]) -> Result<TcpStream, FetchError> {
    let mut last = String::new();
    for addr in addrs {
        match TcpStream::connect(addr).await {
            Ok(s) => return Ok(s),
            Err(e) => last = format!("{addr}: {e}"),
        }
    }
    Err(FetchError::Unreachable(last))
}

fn tls() -> Arc<rustls::ClientConfig> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring supports the default protocol versions")
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// A request to `url` (its path and query), with its `Host`.
fn request_to(url: &Url, method: hyper::Method) -> hyper::http::request::Builder {
    let host = url.host_str().unwrap_or_default();
    let authority = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    };
    let mut path = url.path().to_string();
    if let Some(q) = url.query() {
        path = format!("{path}?{q}");
    }
    hyper::Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, authority)
}

/// Sends `request` to `url`'s vetted address (over TLS for `https`).
async fn exchange<B>(
    url: &Url,
    options: &FetchOptions,
    request: hyper::Request<B>,
) -> Result<hyper::Response<hyper::body::Incoming>, FetchError>
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let addrs = addresses(url, options).await?;
    let tcp = connect(&addrs).await?;
    if url.scheme() == "https" {
        let host = url.host_str().unwrap_or_default().to_string();
        let name = rustls::pki_types::ServerName::try_from(host.clone())
            .map_err(|e| FetchError::Unreachable(format!("{host}: {e}")))?;
        let stream = tokio_rustls::TlsConnector::from(tls())
            .connect(name, tcp)
            .await
            .map_err(|e| FetchError::Unreachable(format!("{host}: TLS: {e}")))?;
        send(TokioIo::new(stream), request).await
    } else {
        send(TokioIo::new(tcp), request).await
    }
}

/// Posts `body` (JSON) to `url` with `headers`, under `options`' vetting
/// of addresses and time limit, following no redirect: the answer's
/// status. (The server's webhooks use it: a provider's URL gets the same
/// guard against private destinations as a home page.)
pub async fn post_json(
    url: &str,
    headers: &[(&str, String)],
    body: Vec<u8>,
    options: &FetchOptions,
) -> Result<u16, FetchError> {
    let url = parse(url)?;
    let run = async {
        let mut request = request_to(&url, hyper::Method::POST)
            .header(header::USER_AGENT, "beian-webhook/0.1")
            .header(header::CONTENT_TYPE, "application/json");
        for (name, value) in headers {
            request = request.header(*name, value.as_str());
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| FetchError::Url(e.to_string()))?;
        let response = exchange(&url, options, request).await?;
        let status = response.status().as_u16();
        // The answer's body is read (up to the limit) and dropped.
        let _ = Limited::new(response.into_body(), options.max_body)
            .collect()
            .await;
        Ok(status)
    };
    match tokio::time::timeout(options.timeout, run).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout(options.timeout)),
    }
}

async fn get(url: &Url, options: &FetchOptions) -> Result<Answer, FetchError> {
    let request = request_to(url, hyper::Method::GET)
        .header(
            header::USER_AGENT,
            "beian-site-check/0.1 (+https://beian.miit.gov.cn/ footer check)",
        )
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::ACCEPT_ENCODING, "identity")
        .body(Empty::<Bytes>::new())
        .map_err(|e| FetchError::Url(e.to_string()))?;
    let response = exchange(url, options, request).await?;
    let status = response.status();
    if status.is_redirection() {
        if let Some(location) = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
        {
            return Ok(Answer::Redirect(location.to_string()));
        }
    }
    if status != hyper::StatusCode::OK {
        return Err(FetchError::Status(status.as_u16()));
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    if !(mime.is_empty() || mime == "text/html" || mime == "application/xhtml+xml") {
        return Err(FetchError::NotHtml(mime));
    }
    let body = Limited::new(response.into_body(), options.max_body)
        .collect()
        .await
        .map_err(|e| {
            if e.is::<http_body_util::LengthLimitError>() {
                FetchError::TooLarge(options.max_body)
            } else {
                FetchError::Unreachable(e.to_string())
            }
        })?
        .to_bytes();
    Ok(Answer::Page(decode(&body, &content_type)))
}

async fn send<S, B>(
    io: TokioIo<S>,
    request: hyper::Request<B>,
) -> Result<hyper::Response<hyper::body::Incoming>, FetchError>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| FetchError::Unreachable(e.to_string()))?;
    tokio::spawn(async move {
        // The connection ends with the response or the timeout.
        let _ = connection.await;
    });
    sender
        .send_request(request)
        .await
        .map_err(|e| FetchError::Unreachable(e.to_string()))
}

/// The page's text by the charset of its `Content-Type`, else of its
/// `<meta charset>` (in the first 1,024 bytes), else UTF-8; bad bytes
/// become U+FFFD.
pub fn decode(body: &[u8], content_type: &str) -> String {
    let label = charset_param(content_type).or_else(|| meta_charset(&body[..body.len().min(1024)]));
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(body);
    text.into_owned()
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn meta_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = text.find("charset=")? + "charset=".len();
    let value: String = text[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_parsed_with_http_by_default() {
        assert_eq!(
            parse("www.example.com").unwrap().as_str(),
            "http://www.example.com/"
        );
        assert_eq!(
            parse(" https://例子.中国/a ").unwrap().host_str(),
            Some("xn--fsqu00a.xn--fiqs8s")
        );
        for bad in [
            "",
            "ftp://example.com",
            "https://",
            "javascript:alert(1)",
            "http://a b",
        ] {
            assert!(matches!(parse(bad), Err(FetchError::Url(_))), "{bad}");
        }
    }

    #[test]
    fn sites() {
        let s = |u: &str| site(&Url::parse(u).unwrap());
        assert_eq!(
            s("https://www.example.com.cn/"),
            Some("example.com.cn".into())
        );
        assert_eq!(s("https://example.com.cn/x"), Some("example.com.cn".into()));
        assert_eq!(s("http://127.0.0.1:8080/"), Some("127.0.0.1".into()));
    }

    #[test]
    fn charsets() {
        let (gbk, _, _) = encoding_rs::GBK.encode("京ICP备12345678号");
        assert_eq!(decode(&gbk, "text/html; charset=GBK"), "京ICP备12345678号");
        let page = [b"<meta charset=\"gb2312\"><p>".as_slice(), &gbk].concat();
        assert!(decode(&page, "text/html").ends_with("京ICP备12345678号"));
        assert_eq!(decode("京".as_bytes(), ""), "京");
        assert_eq!(decode(b"\xff", "text/html; charset=nonsense"), "\u{fffd}");
    }

    #[tokio::test]
    async fn private_addresses_are_refused_by_default() {
        let options = FetchOptions::default();
        for url in [
            "http://127.0.0.1:9/",
            "http://[::1]:9/",
            "http://169.254.169.254/latest/",
            "http://10.0.0.1/",
        ] {
            let e = fetch(url, &options).await.unwrap_err();
            assert!(matches!(e, FetchError::NotPublic(_)), "{url}: {e:?}");
        }
    }
}
