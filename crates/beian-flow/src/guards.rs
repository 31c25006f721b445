//! The guards: why a request may not go on, as findings (rule id, MIIT
//! code, path, severity, zh-CN/en message), never as bare booleans.
//!
//! Each guard is a plain function of plain data, so the server can call
//! them one by one; [`crate::apply_event`] and [`crate::next_steps`] call
//! them all.

use std::collections::HashSet;

use beian_rules::path::{AccessField, FieldPath, SubjectField, WebsiteField};
use beian_rules::{Filing, Finding, Message, Severity};

use crate::diff::{norm_domain, FilingDiff};
use crate::{ChangeOp, FilingKind, PendingRequest};

fn finding(
    rule: &str,
    code: Option<&str>,
    path: &str,
    severity: Severity,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> Finding {
    Finding::new(rule, code, path, severity, Message::new(zh, en))
}

/// A cancellation gives its type and reason (002 #53: 注销类型, 注销原因):
/// an error when `submitting`, advice in a pre-check.
///
/// ```
/// use beian_flow::{guards, Cancellation, CancellationType};
/// assert_eq!(guards::cancellation(None, true)[0].rule, "flow.cancellation_required");
/// let given = Cancellation { cancellation_type: CancellationType::Discontinued, reason: "网站已停止使用".into() };
/// assert!(guards::cancellation(Some(&given), true).is_empty());
/// ```
pub fn cancellation(given: Option<&crate::Cancellation>, submitting: bool) -> Vec<Finding> {
    if given.is_some_and(|c| !c.reason.trim().is_empty()) {
        return Vec::new();
    }
    let (rule, severity) = if submitting {
        ("flow.cancellation_required", Severity::Error)
    } else {
        ("flow.cancellation_needed", Severity::Info)
    };
    vec![finding(
        rule,
        None,
        crate::CANCELLATION_PATH,
        severity,
        "注销需要选择注销类型（主动申请注销或停办）并填写原因，如“网站已停止使用”。",
        "A cancellation needs its type (on request, or discontinued) and a reason, e.g. “the website is no longer used”.",
    )]
}

/// 1046: a change may not move the subject to another province (002 #14);
/// the way is to cancel the subject and file anew there.
///
/// ```
/// let mut approved = beian_rules::Filing::default();
/// approved.subject.province = "330000".into();
/// let mut proposed = approved.clone();
/// proposed.subject.province = "310000".into();
/// let f = beian_flow::guards::province_change(&approved, &proposed);
/// assert_eq!(f[0].code.as_deref(), Some("1046"));
/// assert_eq!(f[0].rule, "flow.province_change");
/// assert_eq!(f[0].path, "/subject/province");
/// ```
pub fn province_change(approved: &Filing, proposed: &Filing) -> Vec<Finding> {
    let (a, p) = (
        approved.subject.province.trim(),
        proposed.subject.province.trim(),
    );
    if a.is_empty() || a == p {
        return Vec::new();
    }
    vec![finding(
        "flow.province_change",
        Some("1046"),
        &FieldPath::subject(SubjectField::Province).to_string(),
        Severity::Error,
        format!(
            "变更备案时不能改变主体所在省（{a} → {p}）。如需换省，请先注销主体，再在新省份重新备案。"
        ),
        format!(
            "A change may not move the subject to another province ({a} → {p}). To move, cancel the subject first, then file anew in the new province."
        ),
    )]
}

/// The subject is its document type and number (002 #27): a change that
/// alters them is returned unless it corrects a typo, and a filing cannot
/// be handed to another subject (002 #55).
pub fn subject_identity_change(diff: &FilingDiff) -> Vec<Finding> {
    [SubjectField::DocumentType, SubjectField::DocumentNumber]
        .map(|f| FieldPath::subject(f).to_string())
        .into_iter()
        .filter(|p| diff.at(p).is_some())
        .map(|path| {
            finding(
                "flow.subject_identity_change",
                None,
                &path,
                Severity::Warning,
                "主体以“证件类型+证件号码”识别，变更只能更正错误；换成另一个主体需注销后由新主体重新备案（经营性备案不可转让）。",
                "A subject is its document type and number: a change may only correct a mistake; another subject files anew after this one is cancelled (a commercial filing cannot be transferred).",
            )
        })
        .collect()
}

/// 1051: one pending change per provider and subject (002 #16). With
/// `provider` unknown, a pending change through any provider is a warning.
///
/// ```
/// use beian_flow::{FilingKind, PendingRequest};
/// let pending = [PendingRequest { kind: FilingKind::Change, provider: "A".into(), domains: vec![] }];
/// let f = beian_flow::guards::pending_change(Some("A"), &pending);
/// assert_eq!(f[0].code.as_deref(), Some("1051"));
/// assert!(beian_flow::guards::pending_change(Some("B"), &pending).is_empty());
/// ```
pub fn pending_change(provider: Option<&str>, pending: &[PendingRequest]) -> Vec<Finding> {
    let same = |p: &PendingRequest| match provider {
        Some(mine) => p.provider.trim() == mine.trim(),
        None => true,
    };
    let Some(other) = pending
        .iter()
        .find(|p| p.kind == FilingKind::Change && same(p))
    else {
        return Vec::new();
    };
    let severity = if provider.is_some() {
        Severity::Error
    } else {
        Severity::Warning
    };
    vec![finding(
        "flow.pending_change",
        Some("1051"),
        "",
        severity,
        format!(
            "该主体已有一个通过接入商 {} 提交的变更备案在审核中；同一接入商对同一主体一次只能有一个变更申请，请等审核结束后再提交。",
            other.provider
        ),
        format!(
            "A change of this subject filed through {} is still pending; one change per provider and subject at a time: wait for its decision.",
            other.provider
        ),
    )]
}

/// 1029: a website with a pending access request takes no second one
/// (002 #10). `websites` are `(path, domains)` of the websites whose access
/// this request adds.
pub fn pending_access(
    websites: &[(String, Vec<String>)],
    pending: &[PendingRequest],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (path, domains) in websites {
        let mine: HashSet<String> = domains.iter().map(|d| norm_domain(d)).collect();
        let hit = pending.iter().find(|p| {
            p.kind == FilingKind::TransferAccess
                && p.domains.iter().any(|d| mine.contains(&norm_domain(d)))
        });
        if let Some(p) = hit {
            out.push(finding(
                "flow.pending_access",
                Some("1029"),
                &format!("{path}/access"),
                Severity::Error,
                format!(
                    "该网站已有一个接入申请（接入商 {}）在审核中，同一个网站不允许有相同的接入；请等该申请审核结束。",
                    p.provider
                ),
                format!(
                    "This website already has an access request pending (provider {}); it takes no second one until that is decided.",
                    p.provider
                ),
            ));
        }
    }
    out
}

/// The filing password (备案密码) is needed to cancel a subject, transfer
/// access, add a website to an existing subject or rename the subject
/// (002 #36). The flow checks it is given; the server checks it is right
/// (1018). In a pre-check (`given` = `None`) the need is an info finding.
///
/// ```
/// use beian_flow::{guards::filing_password, FilingKind, FilingDiff};
/// let none = FilingDiff::default();
/// assert!(filing_password(FilingKind::Change, &none, Some("")).is_empty());
/// assert_eq!(filing_password(FilingKind::TransferAccess, &none, Some(""))[0].code.as_deref(), Some("1018"));
/// assert!(filing_password(FilingKind::TransferAccess, &none, Some("s3cret")).is_empty());
/// ```
pub fn filing_password(kind: FilingKind, diff: &FilingDiff, given: Option<&str>) -> Vec<Finding> {
    let renamed = kind == FilingKind::Change && diff.needs_filing_password;
    if !(kind.needs_filing_password() || renamed) {
        return Vec::new();
    }
    let why_zh = if renamed {
        "变更主办单位名称"
    } else {
        match kind {
            FilingKind::CancelSubject => "注销主体",
            FilingKind::CancelWebsite => "注销网站",
            FilingKind::CancelAccess => "取消接入",
            FilingKind::TransferAccess => "转接入",
            _ => "新增网站",
        }
    };
    let why_en = if renamed {
        "renaming the subject"
    } else {
        match kind {
            FilingKind::CancelSubject => "cancelling the subject",
            FilingKind::CancelWebsite => "cancelling a website",
            FilingKind::CancelAccess => "cancelling access",
            FilingKind::TransferAccess => "transferring access",
            _ => "adding a website to a filed subject",
        }
    };
    match given {
        Some(p) if !p.trim().is_empty() => Vec::new(),
        Some(_) => vec![finding(
            "flow.filing_password_required",
            Some("1018"),
            crate::FILING_PASSWORD_PATH,
            Severity::Error,
            format!("{why_zh}需要填写备案密码；忘记了可在工信部网站找回，或向管局申请重置。"),
            format!("{why_en} needs the filing password; a forgotten one is recovered on the MIIT site or reset by the bureau."),
        )],
        None => vec![finding(
            "flow.filing_password_needed",
            None,
            crate::FILING_PASSWORD_PATH,
            Severity::Info,
            format!("{why_zh}，提交时需要备案密码。"),
            format!("Submitting needs the filing password ({why_en})."),
        )],
    }
}

/// Cancelling a subject needs its websites closed or no longer used
/// (002 #53). A website counts as closed when every one of its domains is
/// in `closed_domains`.
pub fn cancel_subject_sites(approved: &Filing, closed_domains: &[String]) -> Vec<Finding> {
    let closed: HashSet<String> = closed_domains.iter().map(|d| norm_domain(d)).collect();
    approved
        .websites
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.domains.iter().all(|d| closed.contains(&norm_domain(d))))
        .map(|(i, w)| {
            let name = w.domains.first().cloned().unwrap_or_default();
            finding(
                "flow.cancel_subject_sites_open",
                None,
                &FieldPath::website(i, WebsiteField::Whole).to_string(),
                Severity::Error,
                format!("注销主体时，网站必须是不再使用或关闭状态：请先关闭网站 {name}；只停用部分网站请改为注销网站。"),
                format!("Cancelling the subject needs its websites closed or no longer used: close {name} first; to stop only some websites, cancel those websites instead."),
            )
        })
        .collect()
}

/// Shell subjects (a filed subject without websites, 002 #37) and shell
/// websites (a filed website without access, 002 #38), with the seeds'
/// advice. For an approved filing.
///
/// ```
/// let f: beian_rules::Filing = serde_json::from_str(
///     r#"{"websites": [{"domains": ["example.com"]}]}"#).unwrap();
/// let found = beian_flow::guards::shells(&f);
/// assert_eq!(found[0].rule, "flow.shell_website");
/// assert_eq!(found[0].path, "/websites/0/access");
/// assert!(found[0].message.en.contains("transfer"));
/// ```
pub fn shells(approved: &Filing) -> Vec<Finding> {
    if approved.websites.is_empty() {
        return vec![finding(
            "flow.shell_subject",
            None,
            &FieldPath::Websites.to_string(),
            Severity::Warning,
            "此备案只剩主体信息，没有网站和接入信息。可以：A. 向管局注销主体后重新备案；B. 新增网站（无需填写主体信息），审核通过后核对主体信息，有误及时变更（各地管局要求不同，变更可能需重新提交资料）。",
            "Only the subject of this filing is left, with no website or access. Either A. have the bureau cancel the subject, then file anew; or B. add a website (without subject data), and once approved check the subject data and file a change if it is wrong (bureaus differ: a change may need the documents again).",
        )];
    }
    approved
        .websites
        .iter()
        .enumerate()
        .filter(|(_, w)| w.access.is_empty())
        .map(|(i, w)| {
            let name = w.domains.first().cloned().unwrap_or_default();
            finding(
                "flow.shell_website",
                None,
                &FieldPath::website(i, WebsiteField::Access).to_string(),
                Severity::Warning,
                format!("网站 {name} 的备案号还在，但没有接入信息（没有接入商）。可以：A. 向管局注销原主体后按新备案办理；B. 按转接入流程办理，审核通过后核对备案信息，有误及时变更。"),
                format!("The website {name} keeps its filing number but has no access (no provider). Either A. have the bureau cancel the subject and file anew; or B. transfer access to the new provider, and once approved check the data and file a change if it is wrong."),
            )
        })
        .collect()
}

/// Every website the request brings or changes has access, each entry
/// naming its provider: a website without access is a shell website
/// (002 #38), and the providers named are the ones who verify (000 #67).
/// `websites` are indices into `proposed`.
pub fn access_required(proposed: &Filing, websites: &[usize]) -> Vec<Finding> {
    let mut out = Vec::new();
    for &i in websites {
        let Some(w) = proposed.websites.get(i) else {
            continue;
        };
        if w.access.is_empty() {
            out.push(finding(
                "flow.access_required",
                Some("5001"),
                &FieldPath::website(i, WebsiteField::Access).to_string(),
                Severity::Error,
                "请填写网站的接入信息（接入商、接入方式、服务器放置地、IP）：每个网站都要有接入信息。",
                "Enter the website's access (provider, method, server location, IPs): every website needs one.",
            ));
        }
        for (j, a) in w.access.iter().enumerate() {
            if a.provider.trim().is_empty() {
                out.push(finding(
                    "flow.access_provider_required",
                    Some("5001"),
                    &FieldPath::access(i, j, AccessField::Provider).to_string(),
                    Severity::Error,
                    "请填写接入商名称；每个接入商都要核实后才会提交管局。服务器在境外的填写“其它”。",
                    "Enter the access provider; every provider verifies before the bureau reviews. For a server abroad enter \"其它\".",
                ));
            }
        }
    }
    out
}

/// What a request of `kind` may change in the approved filing.
///
/// - add a website: only whole websites added (002 #33: no subject data);
/// - transfer access: only access entries added (002 #32);
/// - change: anything but removing a website (that is a cancellation);
/// - cancel subject: nothing (the whole subject goes);
/// - cancel website: only whole websites removed, and not the last one
///   (002 #45, #53: then cancel the subject);
/// - cancel access: only access entries removed.
///
/// A request that changes nothing is refused too.
pub fn kind_scope(kind: FilingKind, diff: &FilingDiff, proposed: &Filing) -> Vec<Finding> {
    let mut out = Vec::new();
    let is_website = |p: &str| segments(p) == 2;
    let is_access = |p: &str| segments(p) == 4 && p.split('/').nth(3) == Some("access");
    let allowed = |op: ChangeOp, path: &str| match kind {
        FilingKind::NewFiling => true,
        FilingKind::AddWebsite => op == ChangeOp::Added && is_website(path),
        FilingKind::TransferAccess => op == ChangeOp::Added && is_access(path),
        FilingKind::Change => !(op == ChangeOp::Removed && is_website(path)),
        FilingKind::CancelSubject => false,
        FilingKind::CancelWebsite => op == ChangeOp::Removed && is_website(path),
        FilingKind::CancelAccess => op == ChangeOp::Removed && is_access(path),
    };
    // Filling in a field the approved data left empty is no change of it:
    // a filing brought in from elsewhere holds only its numbers, subject
    // and domains, and its first request completes the rest.
    let fills = |c: &crate::FieldChange| {
        c.op == ChangeOp::Modified
            && c.before.as_deref().is_none_or(|b| b.trim().is_empty())
            && !kind.is_cancellation()
    };
    let (zh, en) = kind_names(kind);
    for c in &diff.changes {
        if !allowed(c.op, &c.path) && !fills(c) {
            let (hint_zh, hint_en) = if kind == FilingKind::Change {
                (
                    "删除整个网站请用注销网站。",
                    "To remove a whole website, cancel it.",
                )
            } else {
                (
                    "其他修改请另行提交变更备案。",
                    "File other edits as a change.",
                )
            };
            out.push(finding(
                "flow.kind_scope",
                None,
                &c.path,
                Severity::Error,
                format!("{zh}不能包含这项修改。{hint_zh}"),
                format!("A request to {en} cannot include this edit. {hint_en}"),
            ));
        }
    }
    if kind != FilingKind::NewFiling && kind != FilingKind::CancelSubject && diff.is_empty() {
        out.push(finding(
            "flow.nothing_to_file",
            None,
            "",
            Severity::Error,
            format!("{zh}没有任何内容：请先填写要申请的内容。"),
            format!("This request to {en} contains nothing yet."),
        ));
    }
    if kind == FilingKind::CancelWebsite && proposed.websites.is_empty() && !diff.is_empty() {
        out.push(finding(
            "flow.cancel_last_website",
            None,
            &FieldPath::Websites.to_string(),
            Severity::Error,
            "主体下只有这些网站时不能全部注销网站：整个备案不再需要时请申请注销主体。",
            "The subject's last website cannot be cancelled on its own: when the whole filing is no longer needed, cancel the subject.",
        ));
    }
    if kind == FilingKind::CancelAccess {
        for (i, w) in proposed.websites.iter().enumerate() {
            if w.access.is_empty() {
                let name = w.domains.first().cloned().unwrap_or_default();
                out.push(finding(
                    "flow.leaves_shell_website",
                    None,
                    &FieldPath::website(i, WebsiteField::Access).to_string(),
                    Severity::Warning,
                    format!("取消接入后网站 {name} 的备案号还在，但没有任何接入信息；网站转到新接入商的，请由新接入商办理转接入。"),
                    format!("Once its access is cancelled, {name} keeps its filing number but has no access left; if it moved, its new provider files a transfer of access."),
                ));
            }
        }
    }
    out
}

fn segments(path: &str) -> usize {
    path.trim_start_matches('/').split('/').count()
}

fn kind_names(kind: FilingKind) -> (&'static str, &'static str) {
    match kind {
        FilingKind::NewFiling => ("新增备案", "file anew"),
        FilingKind::AddWebsite => ("新增网站", "add a website"),
        FilingKind::TransferAccess => ("转接入", "transfer access"),
        FilingKind::Change => ("变更备案", "change the filing"),
        FilingKind::CancelSubject => ("注销主体", "cancel the subject"),
        FilingKind::CancelWebsite => ("注销网站", "cancel a website"),
        FilingKind::CancelAccess => ("取消接入", "cancel access"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff;
    use beian_rules::{Access, Website};

    fn approved() -> Filing {
        serde_json::from_str(
            r#"{"subject": {"name": "张三", "province": "110000"},
                "websites": [
                  {"domains": ["example.com"], "access": [{"provider": "A"}]},
                  {"domains": ["other.cn"], "access": [{"provider": "A"}, {"provider": "B"}]}
                ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn province_unchanged_or_unknown_is_fine() {
        let a = approved();
        assert!(province_change(&a, &a).is_empty());
        let mut none = a.clone();
        none.subject.province.clear();
        assert!(province_change(&none, &a).is_empty());
    }

    #[test]
    fn pending_change_without_provider_is_a_warning() {
        let pending = [PendingRequest {
            kind: FilingKind::Change,
            provider: "A".into(),
            domains: vec![],
        }];
        assert_eq!(
            pending_change(None, &pending)[0].severity,
            Severity::Warning
        );
        let other_kind = [PendingRequest {
            kind: FilingKind::AddWebsite,
            ..pending[0].clone()
        }];
        assert!(pending_change(Some("A"), &other_kind).is_empty());
    }

    #[test]
    fn pending_access_matches_by_domain() {
        let pending = [PendingRequest {
            kind: FilingKind::TransferAccess,
            provider: "B".into(),
            domains: vec!["EXAMPLE.com".into()],
        }];
        let mine = [("/websites/0".to_string(), vec!["example.com".to_string()])];
        let f = pending_access(&mine, &pending);
        assert_eq!(f[0].code.as_deref(), Some("1029"));
        assert_eq!(f[0].path, "/websites/0/access");
        let other = [("/websites/1".to_string(), vec!["other.cn".to_string()])];
        assert!(pending_access(&other, &pending).is_empty());
    }

    #[test]
    fn password_for_rename_and_pre_check() {
        let a = approved();
        let mut p = a.clone();
        p.subject.name = "李四".into();
        let d = diff(&a, &p);
        assert_eq!(
            filing_password(FilingKind::Change, &d, None)[0].severity,
            Severity::Info
        );
        assert_eq!(
            filing_password(FilingKind::Change, &d, Some(" "))[0].rule,
            "flow.filing_password_required"
        );
        assert!(filing_password(FilingKind::NewFiling, &d, Some("")).is_empty());
        // 002 #53: cancelling a website or access needs it.
        for k in [FilingKind::CancelWebsite, FilingKind::CancelAccess] {
            assert_eq!(
                filing_password(k, &d, Some(""))[0].rule,
                "flow.filing_password_required",
                "{k:?}"
            );
        }
    }

    /// A filing brought in holds only its numbers, subject and domains: a
    /// transfer of access fills in the rest, but changes nothing filled.
    #[test]
    fn a_transfer_fills_in_empty_fields() {
        let a = approved();
        let mut p = a.clone();
        p.websites[0].name = "张三的博客网".into();
        p.websites[0]
            .access
            .push(serde_json::from_str(r#"{"provider": "C"}"#).unwrap());
        assert!(kind_scope(FilingKind::TransferAccess, &diff(&a, &p), &p).is_empty());
        let mut renamed = p.clone();
        renamed.subject.name = "李四".into();
        let f = kind_scope(FilingKind::TransferAccess, &diff(&a, &renamed), &renamed);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/subject/name");
        // A cancellation fills in nothing.
        let mut cancel = p.clone();
        cancel.websites.remove(1);
        let f = kind_scope(FilingKind::CancelWebsite, &diff(&a, &cancel), &cancel);
        assert!(f.iter().any(|f| f.path == "/websites/0/name"));
    }

    #[test]
    fn closed_sites_002_53() {
        let a = approved();
        let f = cancel_subject_sites(&a, &["example.com".into()]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/websites/1");
        assert!(cancel_subject_sites(&a, &["example.com".into(), "OTHER.cn".into()]).is_empty());
    }

    #[test]
    fn shell_subject_advice() {
        let f = shells(&Filing::default());
        assert_eq!(f[0].rule, "flow.shell_subject");
        assert!(f[0].message.zh_cn.contains("注销主体"));
        assert!(shells(&approved()).is_empty());
    }

    #[test]
    fn scopes_of_kinds() {
        let a = approved();
        let rules = |k, p: &Filing| -> Vec<String> {
            kind_scope(k, &diff(&a, p), p)
                .into_iter()
                .map(|f| f.rule)
                .collect()
        };
        let mut added = a.clone();
        added.websites.push(Website {
            domains: vec!["new.com".into()],
            ..Website::default()
        });
        assert!(rules(FilingKind::AddWebsite, &added).is_empty());
        assert_eq!(
            rules(FilingKind::TransferAccess, &added),
            ["flow.kind_scope"]
        );
        assert!(rules(FilingKind::Change, &added).is_empty());

        let mut transfer = a.clone();
        transfer.websites[0].access.push(Access {
            provider: "C".into(),
            ..Access::default()
        });
        assert!(rules(FilingKind::TransferAccess, &transfer).is_empty());
        assert_eq!(
            rules(FilingKind::AddWebsite, &transfer),
            ["flow.kind_scope"]
        );

        let mut cancel = a.clone();
        cancel.websites.remove(0);
        assert!(rules(FilingKind::CancelWebsite, &cancel).is_empty());
        assert_eq!(rules(FilingKind::Change, &cancel), ["flow.kind_scope"]);
        assert_eq!(
            rules(FilingKind::CancelSubject, &cancel),
            ["flow.kind_scope"]
        );
        cancel.websites.clear();
        assert_eq!(
            rules(FilingKind::CancelWebsite, &cancel),
            ["flow.cancel_last_website"]
        );

        let mut cut = a.clone();
        cut.websites[0].access.clear();
        assert_eq!(
            rules(FilingKind::CancelAccess, &cut),
            ["flow.leaves_shell_website"]
        );
        assert_eq!(rules(FilingKind::CancelWebsite, &cut), ["flow.kind_scope"]);

        for k in [
            FilingKind::AddWebsite,
            FilingKind::TransferAccess,
            FilingKind::Change,
            FilingKind::CancelWebsite,
            FilingKind::CancelAccess,
        ] {
            assert_eq!(rules(k, &a), ["flow.nothing_to_file"], "{k:?}");
        }
        assert!(rules(FilingKind::CancelSubject, &a).is_empty());
    }
}
