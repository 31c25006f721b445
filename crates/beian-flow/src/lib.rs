//! # beian-flow
//!
//! The life of an ICP filing: what kind of filing it is, which wizard steps
//! it goes through, and (to come) the statuses and the guarded transitions
//! between them. Pure Rust; depends on the rules crate only.
//!
//! Seeds: 002 #31 and #53 (kinds of filing), 002 #36 (filing password).
//!
//! ```
//! use beian_flow::{steps, FilingKind, Step};
//! assert_eq!(
//!     steps(FilingKind::NewFiling),
//!     [Step::Subject, Step::Websites, Step::Access, Step::Documents, Step::Review]
//! );
//! assert!(FilingKind::TransferAccess.needs_filing_password());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use beian_rules::Finding;
use serde::{Deserialize, Serialize};

/// Kinds of filing (002 #31, #53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingKind {
    /// 新增备案: a subject's first filing, with its websites.
    NewFiling,
    /// 新增网站: a website added to an already filed subject, at a new provider.
    AddWebsite,
    /// 新增接入 / 转接入: access of a filed website moved to this provider.
    TransferAccess,
    /// 变更备案: change of subject, website or access data.
    Change,
    /// 注销主体: cancel the subject (and with it the filing number).
    CancelSubject,
    /// 注销网站: cancel one website.
    CancelWebsite,
    /// 取消接入: end this provider's access of a website.
    CancelAccess,
}

impl FilingKind {
    /// Every kind, in a stable order.
    pub const ALL: [FilingKind; 7] = [
        FilingKind::NewFiling,
        FilingKind::AddWebsite,
        FilingKind::TransferAccess,
        FilingKind::Change,
        FilingKind::CancelSubject,
        FilingKind::CancelWebsite,
        FilingKind::CancelAccess,
    ];

    /// True when the filing password (备案密码) is needed (002 #36: to
    /// cancel a subject, transfer access or add a website to an existing
    /// subject; renaming the subject in a change needs it too, which is
    /// decided on the change's diff).
    pub fn needs_filing_password(self) -> bool {
        matches!(
            self,
            FilingKind::CancelSubject | FilingKind::TransferAccess | FilingKind::AddWebsite
        )
    }
}

/// The steps of the filing wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The subject (主体信息).
    Subject,
    /// The websites (网站信息).
    Websites,
    /// Access entries (接入信息).
    Access,
    /// Documents checklist (资料上传).
    Documents,
    /// Review of the whole filing before it is submitted.
    Review,
}

/// The wizard steps of a kind of filing, in order.
pub fn steps(kind: FilingKind) -> Vec<Step> {
    use Step::*;
    match kind {
        FilingKind::NewFiling | FilingKind::Change => {
            vec![Subject, Websites, Access, Documents, Review]
        }
        FilingKind::AddWebsite => vec![Websites, Access, Documents, Review],
        FilingKind::TransferAccess => vec![Access, Documents, Review],
        FilingKind::CancelSubject | FilingKind::CancelWebsite => vec![Review],
        FilingKind::CancelAccess => vec![Access, Review],
    }
}

/// The step whose form holds the field at `path` (a finding's path).
///
/// ```
/// use beian_flow::{step_of, Step};
/// assert_eq!(step_of("/subject/documentNumber"), Step::Subject);
/// assert_eq!(step_of("/websites/0/domains/1"), Step::Websites);
/// assert_eq!(step_of("/websites/2/access/0/ips/1"), Step::Access);
/// assert_eq!(step_of(""), Step::Review);
/// ```
pub fn step_of(path: &str) -> Step {
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("subject"), _, _) => Step::Subject,
        (Some("websites"), Some(_), Some("access")) => Step::Access,
        (Some("websites"), _, _) => Step::Websites,
        (Some("documents"), _, _) => Step::Documents,
        _ => Step::Review,
    }
}

/// The findings that belong to `step`.
pub fn findings_of(step: Step, findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| step_of(&f.path) == step)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use beian_rules::{check, Filing};

    #[test]
    fn every_kind_ends_in_review() {
        for kind in FilingKind::ALL {
            let s = steps(kind);
            assert_eq!(s.last(), Some(&Step::Review), "{kind:?}");
            assert!(
                s.windows(2).all(|w| w[0] < w[1]),
                "{kind:?} steps out of order"
            );
        }
    }

    #[test]
    fn filing_password_kinds() {
        // 002 #36
        let with: Vec<FilingKind> = FilingKind::ALL
            .into_iter()
            .filter(|k| k.needs_filing_password())
            .collect();
        assert_eq!(
            with,
            [
                FilingKind::AddWebsite,
                FilingKind::TransferAccess,
                FilingKind::CancelSubject
            ]
        );
    }

    #[test]
    fn findings_go_to_their_steps() {
        let filing: Filing = serde_json::from_str(
            r#"{"subject":{"documentNumber":"11010519491231002x"},
                "websites":[{"domains":["www.example.com"],"homepage":"www.example.com"}]}"#,
        )
        .unwrap();
        let findings = check(&filing);
        assert_eq!(findings_of(Step::Subject, &findings).len(), 1);
        assert_eq!(findings_of(Step::Websites, &findings).len(), 1);
        assert!(findings_of(Step::Access, &findings).is_empty());
    }
}
