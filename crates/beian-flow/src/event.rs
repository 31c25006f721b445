//! The events that move a request, and the outside facts the guards need.

use beian_rules::{Date, Filing, Message};
use serde::{Deserialize, Serialize};

use crate::{FiledBy, FilingKind, Party};

/// Something that happens to a request. In JSON: an object with a `type`
/// (snake_case) and camelCase fields, e.g.
/// `{"type": "provider_verify", "provider": "A"}`.
///
/// In TypeScript: `FlowEvent` (the DOM has an `Event`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "FlowEvent"))]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Event {
    /// Starts a request of `kind` on the approved filing (a change, a
    /// website added, access transferred, a cancellation).
    Start {
        /// The kind of the new request (not `new_filing`).
        kind: FilingKind,
        /// Who starts it.
        by: Party,
    },
    /// The subject saves its data (any edit, even none, brings a returned
    /// request back to draft: the seeds' "随便修改一下，保存，再提交", 002 #49).
    SubjectEdit {
        /// The whole proposed filing.
        filing: Filing,
    },
    /// An access provider saves the data (002 #57).
    ProviderEdit {
        /// The provider's name, as in the access entries.
        provider: String,
        /// The whole proposed filing.
        filing: Filing,
    },
    /// The draft is submitted for verification.
    Submit {
        /// Who submits: the party that may edit the draft.
        by: Party,
        /// The date of submission (starts the review period, 003 #1).
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        on: Date,
        /// The filing password, where the request needs it (002 #36). The
        /// flow checks that it is given; the server checks it (1018).
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
        filing_password: Option<String>,
        /// For a cancellation (of the subject, a website or access): its
        /// type and reason (002 #53).
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional, type = "Cancellation | null"))]
        cancellation: Option<Cancellation>,
    },
    /// One access provider has verified the data (接入者核实, 000 #67).
    ProviderVerify {
        /// The provider's name.
        provider: String,
    },
    /// An access provider returns the request to the subject.
    ProviderReturn {
        /// The provider's name.
        provider: String,
        /// Why.
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional))]
        reason: String,
    },
    /// The bureau approves. A new filing gets its number (`京ICP备12345678号`,
    /// checked by [`beian_rules::filing_number`]: the subject's province);
    /// every website without a number gets the next `-N` (002 #28).
    BureauApprove {
        /// The date of approval (starts the year to the annual review).
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        on: Date,
        /// The subject's filing number the bureau gives a new filing
        /// (required then; a request on a filed subject keeps its number).
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
        filing_number: Option<String>,
    },
    /// The bureau refuses the filing (不予备案): final, unlike a return.
    BureauRefuse {
        /// Why (required).
        reason: String,
    },
    /// The bureau revokes (撤销) an approved filing, or one website of it,
    /// e.g. a false filing that blocks someone's domain (001 其它 #14).
    BureauRevoke {
        /// The date of the revocation.
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        on: Date,
        /// Why (required).
        reason: String,
        /// One website, by its filing number (`…号-2`) or a domain; none:
        /// the whole filing.
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
        website: Option<String>,
    },
    /// The subject or the provider withdraws (撤回) a request not yet
    /// decided: it ends, and what it claimed is free again.
    Withdraw {
        /// Who withdraws.
        by: Party,
        /// Why.
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional))]
        reason: String,
    },
    /// The bureau returns the request to the access provider (退回接入商修改).
    BureauReturnToProvider {
        /// Why.
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional))]
        reason: String,
    },
    /// The bureau returns the request to the subject (退回网站主办者修改).
    BureauReturnToSubject {
        /// Why.
        #[serde(default)]
        #[cfg_attr(feature = "ts", tsify(optional))]
        reason: String,
    },
    /// The access provider switches who files (002 #57: 代为备案 → 自主备案).
    SetFiledBy {
        /// The provider's name.
        provider: String,
        /// The new filer.
        filed_by: FiledBy,
    },
}

/// The type of an [`Event`], without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, beian_rules::Named)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// [`Event::Start`]
    Start,
    /// [`Event::SubjectEdit`]
    SubjectEdit,
    /// [`Event::ProviderEdit`]
    ProviderEdit,
    /// [`Event::Submit`]
    Submit,
    /// [`Event::ProviderVerify`]
    ProviderVerify,
    /// [`Event::ProviderReturn`]
    ProviderReturn,
    /// [`Event::BureauApprove`]
    BureauApprove,
    /// [`Event::BureauReturnToProvider`]
    BureauReturnToProvider,
    /// [`Event::BureauReturnToSubject`]
    BureauReturnToSubject,
    /// [`Event::SetFiledBy`]
    SetFiledBy,
    /// [`Event::BureauRefuse`]
    BureauRefuse,
    /// [`Event::BureauRevoke`]
    BureauRevoke,
    /// [`Event::Withdraw`]
    Withdraw,
}

impl EventType {
    /// What the event does, in the words of the filing system's pages, for
    /// messages (the JSON name is for developers).
    ///
    /// ```
    /// use beian_flow::EventType;
    /// assert_eq!(EventType::ProviderVerify.label().zh_cn, "接入商核实");
    /// assert!(EventType::ALL.iter().all(|e| !e.label().en.contains('_')));
    /// ```
    pub fn label(self) -> Message {
        let (zh, en) = match self {
            EventType::Start => ("开始申请", "start the request"),
            EventType::SubjectEdit => ("网站主办者修改", "edit (website owner)"),
            EventType::ProviderEdit => ("接入商修改", "edit (access provider)"),
            EventType::Submit => ("提交", "submit"),
            EventType::ProviderVerify => ("接入商核实", "verify (access provider)"),
            EventType::ProviderReturn => ("退回网站主办者修改", "return to the website owner"),
            EventType::BureauApprove => ("审核通过", "approve"),
            EventType::BureauReturnToProvider => {
                ("退回接入商修改", "return to the access provider")
            }
            EventType::BureauReturnToSubject => {
                ("退回网站主办者修改", "return to the website owner")
            }
            EventType::SetFiledBy => ("更改报备类型", "change who files"),
            EventType::BureauRefuse => ("不予备案", "refuse"),
            EventType::BureauRevoke => ("撤销备案", "revoke"),
            EventType::Withdraw => ("撤回", "withdraw"),
        };
        Message::new(zh, en)
    }

    /// Who acts.
    pub fn party(self) -> Option<Party> {
        match self {
            EventType::Start | EventType::Submit | EventType::Withdraw => None,
            EventType::SubjectEdit => Some(Party::Subject),
            EventType::ProviderEdit
            | EventType::ProviderVerify
            | EventType::ProviderReturn
            | EventType::SetFiledBy => Some(Party::Provider),
            EventType::BureauApprove
            | EventType::BureauRefuse
            | EventType::BureauRevoke
            | EventType::BureauReturnToProvider
            | EventType::BureauReturnToSubject => Some(Party::Bureau),
        }
    }
}

impl Event {
    /// The event's type.
    pub fn event_type(&self) -> EventType {
        match self {
            Event::Start { .. } => EventType::Start,
            Event::SubjectEdit { .. } => EventType::SubjectEdit,
            Event::ProviderEdit { .. } => EventType::ProviderEdit,
            Event::Submit { .. } => EventType::Submit,
            Event::ProviderVerify { .. } => EventType::ProviderVerify,
            Event::ProviderReturn { .. } => EventType::ProviderReturn,
            Event::BureauApprove { .. } => EventType::BureauApprove,
            Event::BureauReturnToProvider { .. } => EventType::BureauReturnToProvider,
            Event::BureauReturnToSubject { .. } => EventType::BureauReturnToSubject,
            Event::SetFiledBy { .. } => EventType::SetFiledBy,
            Event::BureauRefuse { .. } => EventType::BureauRefuse,
            Event::BureauRevoke { .. } => EventType::BureauRevoke,
            Event::Withdraw { .. } => EventType::Withdraw,
        }
    }
}

/// The type and reason of a cancellation (002 #53: 注销类型, 注销原因).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cancellation {
    /// The type.
    #[serde(rename = "type")]
    pub cancellation_type: CancellationType,
    /// The reason, in the applicant's words (required), e.g. “该主体已有另一个备案号”.
    pub reason: String,
}

/// The type of a cancellation (002 #53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, beian_rules::Named)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum CancellationType {
    /// 主动申请注销: asked for by the applicant (e.g. the subject holds
    /// another number).
    Voluntary,
    /// 停办: the website or service has stopped.
    Discontinued,
}

impl CancellationType {
    /// The type as the filing system's form names it.
    ///
    /// ```
    /// use beian_flow::CancellationType;
    /// assert_eq!(CancellationType::Discontinued.label().zh_cn, "停办");
    /// ```
    pub fn label(self) -> Message {
        match self {
            CancellationType::Voluntary => Message::new("主动申请注销", "cancellation on request"),
            CancellationType::Discontinued => Message::new("停办", "service discontinued"),
        }
    }
}

/// Facts from outside the request that the guards need, as plain data (the
/// server fills them from its database; the browser may leave them empty).
/// In TypeScript: `FlowContext`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), tsify(rename = "FlowContext"))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Context {
    /// The subject's other requests still pending (not yet approved or
    /// abandoned), for 1051 and 1029.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub pending: Vec<PendingRequest>,
    /// Domains whose websites are confirmed closed or no longer used, for
    /// cancelling the subject (002 #53).
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub closed_domains: Vec<String>,
}

/// Another pending request of the same subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PendingRequest {
    /// Its kind.
    pub kind: FilingKind,
    /// The access provider it was filed through.
    pub provider: String,
    /// The domains of the websites it concerns.
    #[serde(default)]
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub domains: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape() {
        let e: Event = serde_json::from_str(
            r#"{"type":"submit","by":"subject","on":"2025-03-03","filingPassword":"x"}"#,
        )
        .unwrap();
        assert_eq!(e.event_type(), EventType::Submit);
        let e: Event =
            serde_json::from_str(r#"{"type":"set_filed_by","provider":"A","filedBy":"subject"}"#)
                .unwrap();
        assert_eq!(
            e,
            Event::SetFiledBy {
                provider: "A".into(),
                filed_by: FiledBy::Subject
            }
        );
        let e: Event = serde_json::from_str(r#"{"type":"bureau_return_to_provider"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"type":"bureau_return_to_provider","reason":""}"#
        );
        assert!(serde_json::from_str::<Event>(r#"{"type":"submit","by":"subject"}"#).is_err());
        assert!(serde_json::from_str::<Event>(r#"{"type":"approve"}"#).is_err());
        assert!(serde_json::from_str::<Event>(
            r#"{"type":"provider_verify","provider":"A","extra":1}"#
        )
        .is_err());
    }

    #[test]
    fn names_match_serde() {
        for t in EventType::ALL {
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.name())
            );
        }
    }
}
