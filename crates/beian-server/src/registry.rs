//! The registry checks: what a filing claims (its subject, domains and
//! access IPs, and the markers of pending requests), and the findings when
//! someone else holds a claim first. They need the database, so they live
//! here and not in the rules crate; their findings have the rules crate's
//! shape and style (rule id, MIIT code, path, severity, zh-CN and en).
//!
//! | claim | key | held by another filing | held by another request of the same filing |
//! |---|---|---|---|
//! | subject | document type + number (002 #27) | 1003 | (the same subject) |
//! | domain | registrable domain, IDNA ASCII | 1005 | 1039 |
//! | access IP | filing + IP (shared hosting: many filings share an IP) | — | 1040 |
//! | pending transfer of access | domain | 1029 | 1029 |
//! | pending change | filing + provider | — | 1051 |
//!
//! A request claims what it adds to the approved filing when it is
//! submitted; on approval its claims become the filing's. The primary key
//! of the `claims` table makes two holders of one claim impossible, however
//! the requests interleave.

use std::net::IpAddr;

use beian_flow::{guards, FilingKind, FlowState, PendingRequest};
use beian_rules::{domain, filing_number, DocumentType, Filing, Finding, Message, Severity};

/// What a claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimKind {
    /// The subject: document type + number.
    Subject,
    /// A listed domain.
    Domain,
    /// An access IP, within one filing.
    Ip,
    /// A pending transfer of access of the website with this domain.
    Access,
    /// A pending change through one provider, within one filing.
    Change,
}

impl ClaimKind {
    /// The name stored in the `claims.kind` column.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Subject => "subject",
            ClaimKind::Domain => "domain",
            ClaimKind::Ip => "ip",
            ClaimKind::Access => "access",
            ClaimKind::Change => "change",
        }
    }
}

/// One claim of a filing or request, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// What it is about.
    pub kind: ClaimKind,
    /// The key stored (unique per kind).
    pub value: String,
    /// The path of the field it comes from, for the finding.
    pub path: String,
    /// The value as the user knows it (a domain in Unicode, an IP).
    pub display: String,
    /// For a pending transfer: the domains of its website (for 1029).
    pub domains: Vec<String>,
}

/// Who holds a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    /// The filing.
    pub filing_id: i64,
    /// The pending request, or none for the approved filing.
    pub request_id: Option<i64>,
}

/// The key of a subject: its document type and number, the number trimmed
/// and in upper case.
///
/// ```
/// use beian_rules::DocumentType;
/// assert_eq!(beian_server::registry::subject_key(DocumentType::ResidentId, " 11010519491231002x "),
///            "resident_id:11010519491231002X");
/// ```
pub fn subject_key(document_type: DocumentType, number: &str) -> String {
    format!("{}:{}", document_type.name(), number.trim().to_uppercase())
}

/// The key of a domain: the registrable domain in IDNA ASCII, or none for
/// an invalid domain (the rules report it).
///
/// ```
/// assert_eq!(beian_server::registry::domain_key("例子.中国").as_deref(), Some("xn--fsqu00a.xn--fiqs8s"));
/// assert_eq!(beian_server::registry::domain_key("EXAMPLE.com").as_deref(), Some("example.com"));
/// assert_eq!(beian_server::registry::domain_key("not a domain"), None);
/// ```
pub fn domain_key(input: &str) -> Option<String> {
    domain::validate(input).ok().map(|d| d.ascii().to_string())
}

/// The canonical text of an IP address, or the trimmed input.
pub fn ip_text(input: &str) -> String {
    input
        .trim()
        .parse::<IpAddr>()
        .map(|ip| ip.to_string())
        .unwrap_or_else(|_| input.trim().to_string())
}

/// Everything `filing` claims as filing `filing_id`: its subject (when a
/// document number is given), its valid domains and its access IPs.
pub fn claims_of(filing: &Filing, filing_id: i64) -> Vec<Claim> {
    let mut out = Vec::new();
    let s = &filing.subject;
    if !s.document_number.trim().is_empty() {
        out.push(Claim {
            kind: ClaimKind::Subject,
            value: subject_key(s.document_type, &s.document_number),
            path: "/subject/documentNumber".into(),
            display: String::new(),
            domains: Vec::new(),
        });
    }
    for (i, w) in filing.websites.iter().enumerate() {
        for (j, d) in w.domains.iter().enumerate() {
            if let Some(key) = domain_key(d) {
                out.push(Claim {
                    kind: ClaimKind::Domain,
                    display: domain::to_unicode(&key),
                    value: key,
                    path: format!("/websites/{i}/domains/{j}"),
                    domains: Vec::new(),
                });
            }
        }
        for (k, a) in w.access.iter().enumerate() {
            for (l, ip) in a.ips.iter().enumerate() {
                if ip.trim().is_empty() {
                    continue;
                }
                let text = ip_text(ip);
                out.push(Claim {
                    kind: ClaimKind::Ip,
                    value: format!("{filing_id}/{text}"),
                    path: format!("/websites/{i}/access/{k}/ips/{l}"),
                    display: text,
                    domains: Vec::new(),
                });
            }
        }
    }
    dedup(out)
}

/// Keeps the first claim of each key (a filing repeating a value is the
/// rules crate's finding, not a conflict with itself).
fn dedup(claims: Vec<Claim>) -> Vec<Claim> {
    let mut seen = std::collections::HashSet::new();
    claims
        .into_iter()
        .filter(|c| seen.insert((c.kind, c.value.clone())))
        .collect()
}

/// What a submitted request claims: what its proposed filing adds to the
/// approved one, and the markers of its kind (a pending transfer of access
/// claims its websites' domains, a pending change its provider).
pub fn request_claims(state: &FlowState, filing_id: i64) -> Vec<Claim> {
    let approved: std::collections::HashSet<(ClaimKind, String)> = state
        .approved
        .as_ref()
        .map(|a| {
            claims_of(a, filing_id)
                .into_iter()
                .map(|c| (c.kind, c.value))
                .collect()
        })
        .unwrap_or_default();
    let cancel = matches!(
        state.kind,
        FilingKind::CancelSubject | FilingKind::CancelWebsite | FilingKind::CancelAccess
    );
    let mut out: Vec<Claim> = if cancel {
        Vec::new()
    } else {
        claims_of(&state.filing, filing_id)
            .into_iter()
            .filter(|c| !approved.contains(&(c.kind, c.value.clone())))
            .collect()
    };
    match state.kind {
        FilingKind::TransferAccess => {
            for (path, domains) in request_websites(state) {
                for d in &domains {
                    if let Some(key) = domain_key(d) {
                        out.push(Claim {
                            kind: ClaimKind::Access,
                            display: domain::to_unicode(&key),
                            value: key,
                            path: format!("{path}/access"),
                            domains: domains.clone(),
                        });
                    }
                }
            }
        }
        FilingKind::Change => {
            let provider = state.provider.clone().unwrap_or_default();
            out.push(Claim {
                kind: ClaimKind::Change,
                value: format!("{filing_id}/{}", provider.trim()),
                path: String::new(),
                display: provider.trim().to_string(),
                domains: Vec::new(),
            });
        }
        _ => {}
    }
    dedup(out)
}

/// The websites a request concerns: `(path, domains)`, from the flow's
/// statuses (the proposed website, or the approved one it removes).
pub fn request_websites(state: &FlowState) -> Vec<(String, Vec<String>)> {
    let statuses = state.statuses();
    statuses
        .websites
        .iter()
        .filter(|w| w.in_request)
        .filter_map(|w| {
            let index: usize = w.path.rsplit('/').next()?.parse().ok()?;
            let source = if w.removed {
                state.approved.as_ref()?
            } else {
                &state.filing
            };
            let site = source.websites.get(index)?;
            Some((w.path.clone(), site.domains.clone()))
        })
        .collect()
}

/// The request as another one sees it pending (for the flow's 1029, 1051).
pub fn as_pending(state: &FlowState) -> PendingRequest {
    PendingRequest {
        kind: state.kind,
        provider: state.provider.clone().unwrap_or_default(),
        domains: request_websites(state)
            .into_iter()
            .flat_map(|(_, d)| d)
            .collect(),
    }
}

fn finding(rule: &str, code: &str, path: &str, zh: String, en: String) -> Finding {
    Finding::new(
        rule,
        Some(code).filter(|c| !c.is_empty()),
        path,
        Severity::Error,
        Message::new(zh, en),
    )
}

/// The finding for `claim`, held by `holder`, wanted by filing `filing_id`.
/// `other_provider` is the provider of the holding request, where known.
pub fn conflict(claim: &Claim, holder: Holder, filing_id: i64, other_provider: &str) -> Finding {
    let same = holder.filing_id == filing_id;
    let d = &claim.display;
    let other = holder.filing_id;
    match (claim.kind, same) {
        (ClaimKind::Subject, _) => finding(
            "registry.subject_conflict",
            "1003",
            &claim.path,
            format!(
                "该主体（证件类型+证件号码）已有备案（备案 #{other}），一个主体只能有一个备案号。已备案的主体请用“新增网站”（无需填写主体信息）；网站已在别处备案的请用“转接入”；查不到备案号的，多半是只剩主体信息、网站都已注销的备案，请联系管局注销主体后再报备。"
            ),
            format!(
                "This subject (document type and number) is already filed (filing #{other}); a subject has one filing number. Add a website to the filed subject (without subject data), or transfer the access of a filed website; if no filing number can be found, the subject is likely left without any website: have the bureau cancel it, then file again."
            ),
        ),
        (ClaimKind::Domain, false) => finding(
            "registry.domain_conflict",
            "1005",
            &claim.path,
            format!(
                "域名 {d} 在备案信息库中已存在（备案 #{other}）。主体和域名都已备案的，请按转接入办理；原备案主体是别人的，请提供域名证书向当地管局申请注销后重新备案。"
            ),
            format!(
                "The domain {d} is already in the registry (filing #{other}). If the subject and the domain are both filed, transfer the access; if another subject filed it, have the bureau cancel that filing with your domain certificate, then file again."
            ),
        ),
        (ClaimKind::Domain, true) => {
            let request = holder
                .request_id
                .map_or_else(String::new, |r| format!("（申请 #{r}）"));
            let request_en = holder
                .request_id
                .map_or_else(String::new, |r| format!(" (request #{r})"));
            finding(
                "registry.domain_already_filed",
                "1039",
                &claim.path,
                format!("域名 {d} 已经在本主体的备案中报备{request}，无需重复报备。"),
                format!(
                    "The domain {d} is already filed for this subject{request_en}; it needs no second filing."
                ),
            )
        }
        (ClaimKind::Ip, _) => finding(
            "registry.ip_already_filed",
            "1040",
            &claim.path,
            format!("IP {d} 已经在本备案的接入信息中报备（另一个待审核的申请），无需重复报备。"),
            format!(
                "The IP {d} is already filed in this filing's access (by another pending request); it needs no second filing."
            ),
        ),
        (ClaimKind::Access, _) => {
            let pending = [PendingRequest {
                kind: FilingKind::TransferAccess,
                provider: other_provider.to_string(),
                domains: claim.domains.clone(),
            }];
            let site = claim.path.trim_end_matches("/access").to_string();
            guards::pending_access(&[(site, claim.domains.clone())], &pending)
                .into_iter()
                .next()
                .unwrap_or_else(|| {
                    finding(
                        "flow.pending_access",
                        "1029",
                        &claim.path,
                        format!("网站 {d} 已有一个接入申请在审核中。"),
                        format!("The website {d} already has an access request pending."),
                    )
                })
        }
        (ClaimKind::Change, _) => {
            let pending = [PendingRequest {
                kind: FilingKind::Change,
                provider: other_provider.to_string(),
                domains: Vec::new(),
            }];
            guards::pending_change(Some(other_provider), &pending)
                .into_iter()
                .next()
                .unwrap_or_else(|| {
                    finding(
                        "flow.pending_change",
                        "1051",
                        "",
                        "该主体已有一个变更备案在审核中。".into(),
                        "A change of this subject is still pending.".into(),
                    )
                })
        }
    }
}

/// The bureau of the subject's province (from its province code, else its
/// county's), for the numbers it gives.
pub fn province_of(filing: &Filing) -> Option<&'static filing_number::Province> {
    let s = &filing.subject;
    [&s.province, &s.city, &s.county]
        .into_iter()
        .filter_map(|c| c.trim().parse::<u32>().ok())
        .find_map(|c| filing_number::province_of_code(c / 10000 * 10000))
}

/// The number the server gives a new filing: the province's
/// abbreviation, `ICP备`, the year and a six-digit serial, `号`
/// (`粤ICP备2026000001号`, the ten-digit form of RULES.md); none past the
/// 999,999th of a year.
///
/// ```
/// let zhejiang = beian_rules::filing_number::province('浙').unwrap();
/// let n = beian_server::registry::generated_number(zhejiang, 2026, 42).unwrap();
/// assert_eq!(n, "浙ICP备2026000042号");
/// assert!(beian_rules::filing_number::is_valid(&n));
/// assert_eq!(beian_server::registry::generated_number(zhejiang, 2026, 1_000_000), None);
/// ```
pub fn generated_number(
    province: &filing_number::Province,
    year: u16,
    serial: i64,
) -> Option<String> {
    (1..=999_999)
        .contains(&serial)
        .then(|| format!("{}ICP备{year:04}{serial:06}号", province.filing))
}

/// A filing number another filing holds already.
pub fn number_taken(number: &str, other: i64) -> Finding {
    finding(
        "registry.filing_number_taken",
        "",
        "/subject/filingNumber",
        format!("备案号 {number} 已属于备案 #{other}：备案号不能重复发放。"),
        format!(
            "The filing number {number} belongs to filing #{other}: a number is never given twice."
        ),
    )
}

/// 1016: the filing a request refers to is not in the registry.
pub fn filing_missing(id: i64) -> Finding {
    finding(
        "registry.filing_missing",
        "1016",
        "",
        format!("备案 #{id} 在备案信息库中不存在，请核实后再次报备。"),
        format!("Filing #{id} is not in the registry; check the reference and try again."),
    )
}

/// 1016: the request an event refers to is not in the registry.
pub fn request_missing(id: i64) -> Finding {
    finding(
        "registry.request_missing",
        "1016",
        "",
        format!("申请 #{id} 在备案信息库中不存在，请核实后再次报备。"),
        format!("Request #{id} is not in the registry; check the reference and try again."),
    )
}

/// 1018: the filing password given is not the filing's.
pub fn wrong_filing_password() -> Finding {
    finding(
        "registry.filing_password_wrong",
        "1018",
        "/filingPassword",
        "ICP 备案密码错误。请到工信部网站找回备案密码后重新提交；无法找回的，携带证件、域名证书和密码重置申请表向当地管局申请重置。".into(),
        "Wrong filing password. Recover it on the MIIT site and submit again; if it cannot be recovered, ask the local bureau to reset it, with your documents, the domain certificate and the reset form.".into(),
    )
}

/// 1018: the filing has no filing password on record to check against.
pub fn no_filing_password() -> Finding {
    finding(
        "registry.filing_password_unknown",
        "1018",
        "/filingPassword",
        "备案信息库中没有此备案的备案密码，无法核对；请向当地管局申请重置备案密码。".into(),
        "The registry holds no filing password for this filing to check against; ask the local bureau to reset it.".into(),
    )
}

/// 1048: a provider acts on a filing it does not serve, or in another
/// provider's name.
pub fn not_provider(actor: &str, named: Option<&str>) -> Finding {
    let (zh, en) = match named {
        Some(other) => (
            format!("接入商 {actor} 不能以接入商 {other} 的名义操作。"),
            format!("The provider {actor} may not act in the name of {other}."),
        ),
        None => (
            format!("您试图操作的不是您接入的备案：{actor} 不是此备案的接入商。"),
            format!("{actor} is not an access provider of this filing and may not act on it."),
        ),
    };
    finding("registry.not_provider", "1048", "", zh, en)
}

/// The actor's role is not the one the event is for; `event` is its JSON
/// name, said in words where it is known.
pub fn wrong_role(event: &str, role: &str, needed: &str) -> Finding {
    let label = beian_flow::EventType::ALL
        .into_iter()
        .find(|e| e.name() == event)
        .map_or_else(|| Message::new(event, event), |e| e.label());
    let (event_zh, event_en) = (label.zh_cn, label.en);
    Finding::new(
        "registry.actor_role",
        None,
        "",
        Severity::Error,
        Message::new(
            format!(
                "“{event_zh}”只能由{}操作，当前身份是{}。",
                zh_role(needed),
                zh_role(role)
            ),
            format!("“{event_en}” is for the {needed}; you act as the {role}."),
        ),
    )
}

fn zh_role(role: &str) -> &'static str {
    match role {
        "subject" => "网站主办者",
        "provider" => "接入商",
        "bureau" => "管局",
        _ => "其他身份",
    }
}

/// The request changed since the client read it.
pub fn stale_version(expected: i64, actual: i64) -> Finding {
    Finding::new(
        "registry.stale_version",
        None,
        "",
        Severity::Error,
        Message::new(
            format!("此申请在您读取后已被修改（版本 {expected} → {actual}），请刷新后再操作。"),
            format!("The request changed since you read it (version {expected}, now {actual}): reload it and try again."),
        ),
    )
}

/// An approved request that a later approval replaced.
pub fn superseded(request: i64, current: Option<i64>) -> Finding {
    let now = current.map_or_else(String::new, |c| format!(" #{c}"));
    Finding::new(
        "registry.superseded",
        None,
        "",
        Severity::Error,
        Message::new(
            format!("申请 #{request} 已被之后审核通过的申请{now}取代，请在当前的备案上操作。"),
            format!("Request #{request} was replaced by a later approval{now}: act on the current filing."),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing() -> Filing {
        serde_json::from_str(
            r#"{"subject": {"documentNumber": "11010519491231002X"},
                "websites": [
                  {"domains": ["example.com", "例子.中国", "EXAMPLE.com"],
                   "access": [{"provider": "A", "ips": ["203.0.113.1", " 2001:DB8::1 "]}]},
                  {"domains": ["www.bad..", "other.cn"]}
                ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn claims_of_a_filing() {
        let claims = claims_of(&filing(), 7);
        let keys: Vec<(&str, &str, &str)> = claims
            .iter()
            .map(|c| (c.kind.name(), c.value.as_str(), c.path.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                (
                    "subject",
                    "resident_id:11010519491231002X",
                    "/subject/documentNumber"
                ),
                ("domain", "example.com", "/websites/0/domains/0"),
                ("domain", "xn--fsqu00a.xn--fiqs8s", "/websites/0/domains/1"),
                ("ip", "7/203.0.113.1", "/websites/0/access/0/ips/0"),
                ("ip", "7/2001:db8::1", "/websites/0/access/0/ips/1"),
                ("domain", "other.cn", "/websites/1/domains/1"),
            ]
        );
        assert_eq!(claims[2].display, "例子.中国");
    }

    #[test]
    fn a_change_claims_only_what_it_adds_and_its_marker() {
        let approved = filing();
        let mut state = FlowState::on_record(approved.clone(), beian_flow::FiledBy::Subject, None);
        state.kind = FilingKind::Change;
        state.approved = Some(approved);
        state.provider = Some("A".into());
        state.filing.websites[1].domains.push("new.cn".into());
        let claims = request_claims(&state, 7);
        let keys: Vec<(&str, &str)> = claims
            .iter()
            .map(|c| (c.kind.name(), c.value.as_str()))
            .collect();
        assert_eq!(keys, [("domain", "new.cn"), ("change", "7/A")]);
    }

    #[test]
    fn conflicts_have_codes_and_paths() {
        let claims = claims_of(&filing(), 7);
        let other = Holder {
            filing_id: 3,
            request_id: None,
        };
        let same = Holder {
            filing_id: 7,
            request_id: Some(9),
        };
        assert_eq!(
            conflict(&claims[0], other, 7, "").code.as_deref(),
            Some("1003")
        );
        let f = conflict(&claims[1], other, 7, "");
        assert_eq!(
            (f.code.as_deref(), f.path.as_str()),
            (Some("1005"), "/websites/0/domains/0")
        );
        assert!(f.message.en.contains("transfer"));
        let f = conflict(&claims[2], same, 7, "");
        assert_eq!(f.code.as_deref(), Some("1039"));
        assert!(f.message.zh_cn.contains("例子.中国"));
        assert_eq!(
            conflict(&claims[3], same, 7, "").code.as_deref(),
            Some("1040")
        );
    }
}
