//! Statuses of a request, of the subject and of each website; who may edit.
//!
//! Seeds: 002 #44 (the statuses and what each means), 002 #39 (who edits
//! after a submission), 002 #49, #50 (a website's status differs from the
//! subject's), 002 #57 (filed by self or by the provider), 000 #67 (every
//! provider verifies).

use beian_rules::Message;
use serde::{Deserialize, Serialize};

use crate::FilingKind;

/// Where a request (one filing of one [`FilingKind`]) stands (002 #44).
///
/// A change's statuses mirror a new filing's (变更阶段未提交, 变更阶段待接入商修改 …):
/// the same values, labelled by [`Status::label`] with the request's kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, beian_rules::Named)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 信息提交 / 尚未提交: being filled in, not submitted.
    #[default]
    Draft,
    /// 接入者核实: waiting for every access provider to verify (000 #67).
    ProviderVerification,
    /// 管局审核: with the bureau.
    BureauReview,
    /// 退回接入商修改: returned by the bureau to the access provider.
    ReturnedToProvider,
    /// 退回网站主办者修改: returned to the subject to correct.
    ReturnedToSubject,
    /// 备案完成 / 审核通过: approved (for a cancellation: the cancellation is).
    Approved,
    /// 已撤回: withdrawn by the subject or the provider before a decision;
    /// final for this request.
    Withdrawn,
    /// 不予备案: refused by the bureau, with a reason; final for this
    /// request (a new request may follow).
    Refused,
    /// 已撤销: the approved filing was revoked by the bureau; its number is
    /// withdrawn and nothing follows.
    Revoked,
}

impl Status {
    /// True while the request is undecided: neither approved nor ended
    /// (withdrawn, refused, revoked).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Status::Approved | Status::Withdrawn | Status::Refused | Status::Revoked
        )
    }

    /// True when nothing more happens to the request: withdrawn, refused
    /// or revoked.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Withdrawn | Status::Refused | Status::Revoked)
    }

    /// The status as the filing system shows it for a request of `kind`
    /// (002 #44, #57: 报备阶段-…, 变更阶段…).
    ///
    /// ```
    /// use beian_flow::{FilingKind, Status};
    /// assert_eq!(Status::Draft.label(FilingKind::NewFiling).zh_cn, "报备阶段-信息提交");
    /// assert_eq!(Status::Draft.label(FilingKind::Change).zh_cn, "变更阶段未提交");
    /// assert_eq!(Status::ReturnedToProvider.label(FilingKind::Change).zh_cn, "变更阶段待接入商修改");
    /// ```
    pub fn label(self, kind: FilingKind) -> Message {
        let phase = Phase::of(kind);
        let (zh, en): (&str, &str) = match (phase, self) {
            (Phase::Change, Status::Draft) => ("变更阶段未提交", "Change not submitted"),
            (Phase::Change, Status::ReturnedToProvider) => {
                ("变更阶段待接入商修改", "Change returned to the provider")
            }
            (_, Status::Revoked) => ("备案已撤销", "Filing revoked"),
            (_, Status::Approved) => match kind {
                FilingKind::CancelSubject | FilingKind::CancelWebsite => {
                    ("注销完成", "Cancellation approved")
                }
                FilingKind::CancelAccess => ("取消接入完成", "Access cancelled"),
                _ => ("备案完成", "Approved"),
            },
            (_, status) => {
                let (zh, en) = status.stage_label();
                return Message::new(
                    format!("{}-{zh}", phase.zh()),
                    format!("{}: {en}", phase.en()),
                );
            }
        };
        Message::new(zh, en)
    }

    fn stage_label(self) -> (&'static str, &'static str) {
        match self {
            Status::Draft => ("信息提交", "not submitted"),
            Status::ProviderVerification => ("接入者核实", "provider verification"),
            Status::BureauReview => ("管局审核", "bureau review"),
            Status::ReturnedToProvider => ("退回接入商修改", "returned to the provider"),
            Status::ReturnedToSubject => ("退回网站主办者修改", "returned to the subject"),
            Status::Approved => ("审核通过", "approved"),
            Status::Withdrawn => ("已撤回", "withdrawn"),
            Status::Refused => ("不予备案", "refused"),
            Status::Revoked => ("已撤销", "revoked"),
        }
    }
}

/// The phase a kind of request belongs to, for status labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Filing,
    Change,
    Cancel,
}

impl Phase {
    fn of(kind: FilingKind) -> Phase {
        match kind {
            FilingKind::NewFiling | FilingKind::AddWebsite | FilingKind::TransferAccess => {
                Phase::Filing
            }
            FilingKind::Change => Phase::Change,
            FilingKind::CancelSubject | FilingKind::CancelWebsite | FilingKind::CancelAccess => {
                Phase::Cancel
            }
        }
    }
    fn zh(self) -> &'static str {
        match self {
            Phase::Filing => "报备阶段",
            Phase::Change => "变更阶段",
            Phase::Cancel => "注销阶段",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Phase::Filing => "Filing",
            Phase::Change => "Change",
            Phase::Cancel => "Cancellation",
        }
    }
}

/// Where the subject or one website stands. It can differ from the
/// request's status and between websites (002 #49, #50): a website the
/// request does not touch stays approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum EntityStatus {
    /// In a request that is being filled in.
    Draft,
    /// In a request waiting for provider verification.
    ProviderVerification,
    /// In a request with the bureau.
    BureauReview,
    /// In a request returned to the access provider.
    ReturnedToProvider,
    /// In a request returned to the subject.
    ReturnedToSubject,
    /// Filed, with its filing number.
    Approved,
    /// Cancelled (注销): the filing number is withdrawn.
    Cancelled,
    /// Filed but empty: a shell subject (no websites, 002 #37) or a shell
    /// website (no access, 002 #38).
    Shell,
    /// In a request that was withdrawn.
    Withdrawn,
    /// In a request the bureau refused.
    Refused,
    /// Revoked by the bureau: the filing number is withdrawn.
    Revoked,
}

impl From<Status> for EntityStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Draft => EntityStatus::Draft,
            Status::ProviderVerification => EntityStatus::ProviderVerification,
            Status::BureauReview => EntityStatus::BureauReview,
            Status::ReturnedToProvider => EntityStatus::ReturnedToProvider,
            Status::ReturnedToSubject => EntityStatus::ReturnedToSubject,
            Status::Approved => EntityStatus::Approved,
            Status::Withdrawn => EntityStatus::Withdrawn,
            Status::Refused => EntityStatus::Refused,
            Status::Revoked => EntityStatus::Revoked,
        }
    }
}

impl EntityStatus {
    /// The label, as part of a request of `kind` when `in_request`.
    pub fn label(self, kind: FilingKind, in_request: bool) -> Message {
        let request = match self {
            EntityStatus::Draft => Status::Draft,
            EntityStatus::ProviderVerification => Status::ProviderVerification,
            EntityStatus::BureauReview => Status::BureauReview,
            EntityStatus::ReturnedToProvider => Status::ReturnedToProvider,
            EntityStatus::ReturnedToSubject => Status::ReturnedToSubject,
            EntityStatus::Withdrawn => Status::Withdrawn,
            EntityStatus::Refused => Status::Refused,
            EntityStatus::Revoked => return Message::new("已撤销", "Revoked"),
            EntityStatus::Approved if in_request => Status::Approved,
            EntityStatus::Approved => return Message::new("备案完成", "Approved"),
            EntityStatus::Cancelled => return Message::new("已注销", "Cancelled"),
            EntityStatus::Shell => return Message::new("已备案，无接入", "Filed, no access"),
        };
        request.label(kind)
    }
}

/// Who files (报备类型, 002 #57): it decides who may edit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, beian_rules::Named)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FiledBy {
    /// 自主备案: filed by the subject itself, who edits its own data.
    #[default]
    Subject,
    /// 代为备案: filed by the access provider on the subject's behalf; the
    /// subject cannot edit until the provider switches it to self filing.
    Provider,
}

/// A party to a filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, beian_rules::Named)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The subject (网站主办者).
    Subject,
    /// An access provider (接入商).
    Provider,
    /// The bureau (管局).
    Bureau,
}

/// True when `party` may edit (and then submit) a request in `status`
/// filed by `filed_by` (002 #39, #57):
///
/// - draft or returned to the subject: the subject when filed by self, the
///   provider when filed by the provider;
/// - returned to the provider: the provider;
/// - during provider verification and bureau review nobody: ask for it to
///   be returned (002 #39); an approved filing is edited by starting a
///   change.
///
/// ```
/// use beian_flow::{may_edit, FiledBy, Party, Status};
/// assert!(may_edit(FiledBy::Subject, Status::ReturnedToSubject, Party::Subject));
/// assert!(!may_edit(FiledBy::Provider, Status::Draft, Party::Subject));
/// assert!(may_edit(FiledBy::Subject, Status::ReturnedToProvider, Party::Provider));
/// assert!(!may_edit(FiledBy::Subject, Status::BureauReview, Party::Subject));
/// ```
pub fn may_edit(filed_by: FiledBy, status: Status, party: Party) -> bool {
    match status {
        Status::Draft | Status::ReturnedToSubject => matches!(
            (filed_by, party),
            (FiledBy::Subject, Party::Subject) | (FiledBy::Provider, Party::Provider)
        ),
        Status::ReturnedToProvider => party == Party::Provider,
        Status::ProviderVerification
        | Status::BureauReview
        | Status::Approved
        | Status::Withdrawn
        | Status::Refused
        | Status::Revoked => false,
    }
}

/// Who may edit a request in `status` filed by `filed_by`.
pub fn editors(filed_by: FiledBy, status: Status) -> Vec<Party> {
    [Party::Subject, Party::Provider, Party::Bureau]
        .into_iter()
        .filter(|p| may_edit(filed_by, status, *p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for s in Status::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.name())
            );
        }
    }

    #[test]
    fn every_status_has_a_label_for_every_kind() {
        for kind in FilingKind::ALL {
            for s in Status::ALL {
                let l = s.label(kind);
                assert!(!l.zh_cn.is_empty() && !l.en.is_empty(), "{kind:?} {s:?}");
            }
        }
        assert_eq!(
            Status::ProviderVerification
                .label(FilingKind::NewFiling)
                .zh_cn,
            "报备阶段-接入者核实"
        );
        assert_eq!(
            Status::ReturnedToSubject.label(FilingKind::Change).en,
            "Change: returned to the subject"
        );
        assert_eq!(
            Status::Approved.label(FilingKind::CancelSubject).zh_cn,
            "注销完成"
        );
    }

    #[test]
    fn who_edits_002_57() {
        use Party::*;
        assert_eq!(editors(FiledBy::Subject, Status::Draft), [Subject]);
        assert_eq!(editors(FiledBy::Provider, Status::Draft), [Provider]);
        assert_eq!(
            editors(FiledBy::Provider, Status::ReturnedToSubject),
            [Provider]
        );
        assert_eq!(
            editors(FiledBy::Subject, Status::ReturnedToProvider),
            [Provider]
        );
        assert_eq!(
            editors(FiledBy::Provider, Status::ReturnedToProvider),
            [Provider]
        );
        for s in [
            Status::ProviderVerification,
            Status::BureauReview,
            Status::Approved,
            Status::Withdrawn,
            Status::Refused,
            Status::Revoked,
        ] {
            assert!(editors(FiledBy::Subject, s).is_empty());
            assert!(editors(FiledBy::Provider, s).is_empty());
        }
    }
}
