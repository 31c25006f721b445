//! # beian-flow
//!
//! The life of an ICP filing as a state machine, shared by the browser
//! (through WebAssembly) and the server: what kind of filing it is, which
//! wizard steps it goes through and how complete each is, where it stands
//! (for the subject and each website), which events may move it, and why
//! not, as findings. Pure Rust, no I/O: the facts from outside (other
//! pending requests, closed sites) come in as plain data ([`Context`]).
//!
//! - [`FlowState`], [`Event`], [`apply_event`]: a request and its typed
//!   transitions ([`TRANSITIONS`]), guarded by the [`guards`] (1046, 1051,
//!   1029, 1048, the filing password, closed sites, shells).
//! - [`diff()`]: what a change alters in the approved filing, and which
//!   edits need the filing password or new documents.
//! - [`next_steps`]: the wizard's steps with completeness from the rules
//!   crate's findings, who acts next, statuses, documents and deadlines.
//! - [`calendar`]: the 20-working-day review deadline and the annual review.
//! - [`mermaid`], [`states_markdown`]: the diagram in `STATES.md`.
//!
//! Seeds: 002 #31 and #53 (kinds of filing), 002 #36 (filing password),
//! 002 #44, #49, #50, #57 and 000 #67 (statuses), 002 #10, #14, #16
//! (1029, 1046, 1051), 002 #37, #38 (shells), 003 #1 and 001 5.6 (deadlines).
//!
//! ```
//! use beian_flow::{steps, FilingKind, Step};
//! assert_eq!(
//!     steps(FilingKind::NewFiling),
//!     [Step::Subject, Step::Websites, Step::Access, Step::Documents, Step::Review]
//! );
//! assert!(FilingKind::TransferAccess.needs_filing_password());
//! ```
//!
//! A change may not move the subject to another province (1046):
//!
//! ```
//! use beian_flow::{apply_event, Context, Event, FiledBy, FilingKind, FlowState, Party};
//! use beian_rules::Date;
//! let approved: beian_rules::Filing = serde_json::from_str(r#"{
//!     "subject": {"documentNumber": "11010519491231002X", "province": "330000"},
//!     "websites": [{"domains": ["example.com"], "homepage": "www.example.com",
//!                   "access": [{"provider": "A"}]}]}"#).unwrap();
//! let ctx = Context::default();
//! let state = FlowState::on_record(approved, FiledBy::Subject, None);
//! let mut state = state
//!     .apply(&Event::Start { kind: FilingKind::Change, by: Party::Subject }, &ctx)
//!     .unwrap()
//!     .state;
//! state.filing.subject.province = "310000".into();
//! let submit = Event::Submit { by: Party::Subject, on: Date::parse("2025-03-03").unwrap(), filing_password: None, cancellation: None };
//! let refused = apply_event(&state, &submit, &ctx).unwrap_err();
//! let f = refused.iter().find(|f| f.rule == "flow.province_change").unwrap();
//! assert_eq!(f.code.as_deref(), Some("1046"));
//! assert_eq!(f.path, "/subject/province");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod calendar;
mod diagram;
mod diff;
mod event;
pub mod guards;
mod machine;
mod numbers;
mod status;
mod wizard;

use beian_rules::{FieldPath, Finding};
use serde::{Deserialize, Serialize};

pub use calendar::{annual_review, review_deadline, Deadline, UnknownYear};
pub use diagram::{mermaid, states_markdown};
pub use diff::{diff, ChangeOp, FieldChange, FilingDiff, RequiredDocument, WebsitePair};
pub use event::{Cancellation, CancellationType, Context, Event, EventType, PendingRequest};
pub use machine::{
    apply_event, submit_findings, EntityState, FlowState, Rule, Statuses, Transition, WebsiteState,
    ALL_VERIFIED, FILED_BY_PROVIDER, FILED_BY_SUBJECT, NO_VERIFIER, OTHERS_TO_VERIFY, TRANSITIONS,
};
pub use status::{editors, may_edit, EntityStatus, FiledBy, Party, Status};
pub use wizard::{
    deadlines, incomplete_steps, next_steps, required_documents, wizard_steps, Deadlines,
    NextSteps, StepState,
};

/// Kinds of filing (002 #31, #53).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, beian_rules::Named)]
#[beian(serde)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FilingKind {
    /// 新增备案: a subject's first filing, with its websites.
    #[default]
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
    /// True when the filing password (备案密码) is needed (002 #36: to
    /// cancel a subject, transfer access or add a website to an existing
    /// subject; 002 #53: to cancel a website or access; renaming the
    /// subject in a change needs it too, which is decided on the change's
    /// diff).
    pub fn needs_filing_password(self) -> bool {
        matches!(
            self,
            FilingKind::CancelSubject
                | FilingKind::TransferAccess
                | FilingKind::AddWebsite
                | FilingKind::CancelWebsite
                | FilingKind::CancelAccess
        )
    }

    /// True for the three cancellations (of the subject, a website, access).
    pub fn is_cancellation(self) -> bool {
        matches!(
            self,
            FilingKind::CancelSubject | FilingKind::CancelWebsite | FilingKind::CancelAccess
        )
    }
}

/// The steps of the filing wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
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
/// // Attachments, of the subject or of a website, are the documents step's.
/// assert_eq!(step_of("/subject/documents/0/date"), Step::Documents);
/// assert_eq!(step_of("/websites/1/documents"), Step::Documents);
/// assert_eq!(step_of(""), Step::Review);
/// ```
///
/// A path that is no field of the filing (`/filingPassword` …) is the
/// review's.
pub fn step_of(path: &str) -> Step {
    path.parse().map_or(Step::Review, step_of_field)
}

/// The step whose form holds the field at `path`.
///
/// ```
/// use beian_flow::{step_of_field, Step};
/// use beian_rules::path::{AccessField, FieldPath};
/// assert_eq!(step_of_field(FieldPath::access(0, 1, AccessField::Provider)), Step::Access);
/// ```
pub fn step_of_field(path: FieldPath) -> Step {
    use beian_rules::path::{SubjectField as S, WebsiteField as W};
    match path {
        FieldPath::Subject(S::Documents | S::Document(..)) => Step::Documents,
        FieldPath::Subject(_) => Step::Subject,
        FieldPath::Website(_, W::Documents | W::Document(..)) => Step::Documents,
        FieldPath::Website(_, W::Access | W::AccessEntry(..)) => Step::Access,
        FieldPath::Website(..) | FieldPath::Websites => Step::Websites,
        FieldPath::Filing => Step::Review,
    }
}

/// Where a form takes the user to fix a finding (the review's and the
/// step summaries' links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAt {
    /// The input of this field of the filing.
    Field(FieldPath),
    /// The existing filing's id: the approved filing is not loaded (1016).
    FilingId,
    /// The existing filing's password (备案密码, 1018).
    FilingPassword,
    /// A cancellation's type and reason (002 #53).
    Cancellation,
    /// The confirmation that website `i` of the approved filing is closed
    /// or no longer used (cancelling the subject, 002 #53).
    ClosedWebsite(usize),
    /// No input: the finding is read in the review.
    Review,
}

/// The path of the findings about the filing password (`/filingPassword`):
/// the flow's (1018) and the server's.
pub const FILING_PASSWORD_PATH: &str = "/filingPassword";

/// The path of the findings about a cancellation's type and reason
/// (`/cancellation`).
pub const CANCELLATION_PATH: &str = "/cancellation";

/// Where the user fixes finding `f`: its field, or the input a rule of the
/// flow names.
///
/// ```
/// use beian_flow::{fix_at, FixAt};
/// use beian_rules::{FieldPath, Finding, Message, Severity};
/// let f = |rule: &str, code: Option<&str>, path: &str| {
///     Finding::new(rule, code, path, Severity::Error, Message::new("", ""))
/// };
/// let field = "/subject/name".parse::<FieldPath>().unwrap();
/// assert_eq!(fix_at(&f("subject.name_required", Some("5001"), "/subject/name")), FixAt::Field(field));
/// assert_eq!(fix_at(&f("flow.approved_required", Some("1016"), "")), FixAt::FilingId);
/// assert_eq!(fix_at(&f("flow.cancel_subject_sites_open", None, "/websites/2")), FixAt::ClosedWebsite(2));
/// assert_eq!(fix_at(&f("flow.filing_password", Some("1018"), "/filingPassword")), FixAt::FilingPassword);
/// ```
pub fn fix_at(f: &Finding) -> FixAt {
    if f.path == FILING_PASSWORD_PATH {
        return FixAt::FilingPassword;
    }
    if f.path == CANCELLATION_PATH {
        return FixAt::Cancellation;
    }
    match f.path.parse::<FieldPath>() {
        Ok(FieldPath::Filing) if f.code.as_deref() == Some("1016") => FixAt::FilingId,
        Ok(FieldPath::Website(i, _)) if f.rule == "flow.cancel_subject_sites_open" => {
            FixAt::ClosedWebsite(i)
        }
        Ok(FieldPath::Filing) | Err(_) => FixAt::Review,
        Ok(path) => FixAt::Field(path),
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
        // 002 #36, #53
        let with: Vec<FilingKind> = FilingKind::ALL
            .into_iter()
            .filter(|k| k.needs_filing_password())
            .collect();
        assert_eq!(
            with,
            [
                FilingKind::AddWebsite,
                FilingKind::TransferAccess,
                FilingKind::CancelSubject,
                FilingKind::CancelWebsite,
                FilingKind::CancelAccess
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
