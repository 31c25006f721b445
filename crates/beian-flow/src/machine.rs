//! The state of a request and its transitions.

use std::collections::HashSet;

use beian_rules::path::{FieldPath, WebsiteField};
use beian_rules::{check_submission, Date, Filing, Finding, Message, Options, Severity};

/// The rules crate's finding of a document missing from its checklist.
const MISSING_DOCUMENT: &str = "documents.missing";
use serde::{Deserialize, Serialize};

use crate::diff::{diff, website_changed, FilingDiff};
use crate::guards;
use crate::numbers;
use crate::{
    may_edit, Cancellation, Context, EntityStatus, Event, EventType, FiledBy, FilingKind, Party,
    Status,
};

/// One request (one filing of one kind) and where it stands: the data the
/// flow needs, nothing else. The server stores it; the browser holds it.
///
/// `filing` is the filing as it will read once the request is approved
/// (for a cancelled website or access: without it); `approved` is the
/// approved filing the request starts from (none for a new filing).
///
/// Every field has a default, so `{}` is a new filing's empty draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct FlowState {
    /// The kind of request.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub kind: FilingKind,
    /// Filed by the subject itself or by the provider (002 #57).
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub filed_by: FiledBy,
    /// Where the request stands.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub status: Status,
    /// The access provider the request is filed through, where known (for
    /// 1051 and for who verifies a change of the subject alone).
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
    pub provider: Option<String>,
    /// The proposed filing.
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub filing: Filing,
    /// The approved filing this request starts from.
    #[cfg_attr(feature = "ts", tsify(optional, type = "Filing | null"))]
    pub approved: Option<Filing>,
    /// Providers that verified since the last submission (000 #67).
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub verified_by: Vec<String>,
    /// Date of the last submission (starts the review period, 003 #1).
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
    pub submitted_on: Option<Date>,
    /// Date of the last approval (the annual review is a year later).
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
    pub approved_on: Option<Date>,
    /// Why the request was last returned.
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
    pub return_reason: Option<String>,
    /// A cancellation's type and reason, given on submission (002 #53).
    #[cfg_attr(feature = "ts", tsify(optional, type = "Cancellation | null"))]
    pub cancellation: Option<Cancellation>,
    /// Why the request was withdrawn or refused, or the filing (or one of
    /// its websites) revoked.
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
    pub reason: Option<String>,
    /// Date of the revocation of the filing or of one of its websites.
    #[cfg_attr(feature = "ts", tsify(optional, type = "string | null"))]
    pub revoked_on: Option<Date>,
    /// The highest website number (`-N`) given so far: numbers are never
    /// given twice, not even after a cancellation (002 #28).
    #[cfg_attr(feature = "ts", tsify(optional))]
    pub last_website_number: u32,
}

/// A transition that happened: the new state, and the findings that did
/// not stop it (warnings, advice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    /// The state after the event.
    pub state: FlowState,
    /// Warnings and advice.
    pub findings: Vec<Finding>,
}

/// One row of the transition table: `event` takes a request from `from`
/// to `to` when `when` holds. [`apply_event`] follows this table and
/// nothing else; the diagram in STATES.md is drawn from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Status before.
    pub from: Status,
    /// The event.
    pub event: EventType,
    /// Status after.
    pub to: Status,
    /// The condition that picks this row among rows with the same `from`
    /// and `event` (empty: always).
    pub when: &'static str,
}

const fn rule(from: Status, event: EventType, to: Status, when: &'static str) -> Rule {
    Rule {
        from,
        event,
        to,
        when,
    }
}

/// Condition of the submit that skips verification.
pub const NO_VERIFIER: &str = "no provider to verify";
/// Condition of a verification that leaves others to verify.
pub const OTHERS_TO_VERIFY: &str = "other providers still to verify";
/// Condition of the last verification.
pub const ALL_VERIFIED: &str = "every provider verified";
/// Condition of the subject's edits (002 #57).
pub const FILED_BY_SUBJECT: &str = "filed by the subject";
/// Condition of the provider's edits (002 #57).
pub const FILED_BY_PROVIDER: &str = "filed by the provider";
/// Condition of a revocation of the whole filing.
pub const WHOLE_FILING: &str = "the whole filing";
/// Condition of a revocation of one website.
pub const ONE_WEBSITE: &str = "one website";

/// The transition table.
pub const TRANSITIONS: &[Rule] = {
    use EventType as E;
    use Status as S;
    &[
        rule(S::Draft, E::SubjectEdit, S::Draft, FILED_BY_SUBJECT),
        rule(
            S::ReturnedToSubject,
            E::SubjectEdit,
            S::Draft,
            FILED_BY_SUBJECT,
        ),
        rule(S::Draft, E::ProviderEdit, S::Draft, FILED_BY_PROVIDER),
        rule(
            S::ReturnedToSubject,
            E::ProviderEdit,
            S::Draft,
            FILED_BY_PROVIDER,
        ),
        rule(S::ReturnedToProvider, E::ProviderEdit, S::Draft, ""),
        rule(S::Draft, E::Submit, S::ProviderVerification, ""),
        rule(S::Draft, E::Submit, S::BureauReview, NO_VERIFIER),
        rule(
            S::ProviderVerification,
            E::ProviderVerify,
            S::ProviderVerification,
            OTHERS_TO_VERIFY,
        ),
        rule(
            S::ProviderVerification,
            E::ProviderVerify,
            S::BureauReview,
            ALL_VERIFIED,
        ),
        rule(
            S::ProviderVerification,
            E::ProviderReturn,
            S::ReturnedToSubject,
            "",
        ),
        rule(
            S::ReturnedToProvider,
            E::ProviderReturn,
            S::ReturnedToSubject,
            "",
        ),
        rule(S::BureauReview, E::BureauApprove, S::Approved, ""),
        rule(
            S::BureauReview,
            E::BureauReturnToProvider,
            S::ReturnedToProvider,
            "",
        ),
        rule(
            S::BureauReview,
            E::BureauReturnToSubject,
            S::ReturnedToSubject,
            "",
        ),
        rule(S::Draft, E::SetFiledBy, S::Draft, ""),
        rule(S::Approved, E::SetFiledBy, S::Approved, ""),
        rule(S::Approved, E::Start, S::Draft, ""),
        rule(S::Draft, E::Withdraw, S::Withdrawn, ""),
        rule(S::ProviderVerification, E::Withdraw, S::Withdrawn, ""),
        rule(S::BureauReview, E::Withdraw, S::Withdrawn, ""),
        rule(S::ReturnedToProvider, E::Withdraw, S::Withdrawn, ""),
        rule(S::ReturnedToSubject, E::Withdraw, S::Withdrawn, ""),
        rule(S::BureauReview, E::BureauRefuse, S::Refused, ""),
        rule(S::Approved, E::BureauRevoke, S::Revoked, WHOLE_FILING),
        rule(S::Approved, E::BureauRevoke, S::Approved, ONE_WEBSITE),
    ]
};

/// The subject and website statuses of a request (002 #49, #50).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Statuses {
    /// The subject.
    pub subject: EntityState,
    /// The websites of the proposed filing in order, then the websites the
    /// request removes.
    pub websites: Vec<WebsiteState>,
}

/// The status of the subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct EntityState {
    /// Part of this request (else it keeps its approved status).
    pub in_request: bool,
    /// The status.
    pub status: EntityStatus,
    /// The status as the filing system shows it.
    pub label: Message,
}

/// The status of one website.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WebsiteState {
    /// `/websites/N` in the proposed filing, or in the approved filing for
    /// a removed website.
    pub path: String,
    /// The website's first domain.
    pub domain: String,
    /// Missing from the proposed filing: the request removes (cancels) it
    /// when `inRequest`; otherwise this kind of request cannot remove it
    /// (its guards say so) and it keeps its approved status.
    pub removed: bool,
    /// Part of this request.
    pub in_request: bool,
    /// The status.
    pub status: EntityStatus,
    /// The status as the filing system shows it.
    pub label: Message,
}

/// What a request touches, derived from its kind and its diff.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    /// The subject is part of the request.
    pub subject: bool,
    /// Proposed websites in the request.
    pub websites: Vec<usize>,
    /// Approved websites the request removes.
    pub removed: Vec<usize>,
    /// Approved websites missing from the proposed filing, whether this
    /// kind of request may remove them or not.
    pub dropped: Vec<usize>,
    /// Providers who verify, without repeats, in order of appearance.
    pub verifiers: Vec<String>,
    /// The diff against the approved filing (empty for a new filing).
    pub diff: FilingDiff,
}

/// Names without repeats, in order of appearance: linear however many
/// websites name them.
#[derive(Default)]
struct Names {
    list: Vec<String>,
    seen: HashSet<String>,
}

impl Names {
    fn push(&mut self, name: &str) {
        let name = name.trim();
        if !name.is_empty() && !self.seen.contains(name) {
            self.seen.insert(name.to_string());
            self.list.push(name.to_string());
        }
    }
}

impl FlowState {
    /// The empty draft of a new filing.
    pub fn new_filing(filed_by: FiledBy) -> FlowState {
        FlowState {
            filed_by,
            ..FlowState::default()
        }
    }

    /// An approved filing on record (e.g. from the registry), ready for a
    /// [`Event::Start`].
    ///
    /// ```
    /// use beian_flow::{apply_event, Context, Event, FiledBy, FilingKind, FlowState, Party, Status};
    /// let approved: beian_rules::Filing = serde_json::from_str(
    ///     r#"{"websites": [{"domains": ["example.com"], "access": [{"provider": "A"}]}]}"#).unwrap();
    /// let state = FlowState::on_record(approved, FiledBy::Subject, None);
    /// let start = Event::Start { kind: FilingKind::Change, by: Party::Subject };
    /// let next = apply_event(&state, &start, &Context::default()).unwrap().state;
    /// assert_eq!((next.kind, next.status), (FilingKind::Change, Status::Draft));
    /// ```
    pub fn on_record(filing: Filing, filed_by: FiledBy, approved_on: Option<Date>) -> FlowState {
        FlowState {
            filed_by,
            status: Status::Approved,
            filing,
            approved_on,
            ..FlowState::default()
        }
    }

    /// Applies an event; see [`apply_event`].
    pub fn apply(&self, event: &Event, ctx: &Context) -> Result<Transition, Vec<Finding>> {
        apply_event(self, event, ctx)
    }

    /// The diff against the approved filing (none for a new filing).
    pub fn diff(&self) -> Option<FilingDiff> {
        self.approved.as_ref().map(|a| diff(a, &self.filing))
    }

    /// True once a cancellation of the subject is approved or the filing
    /// revoked: the end of the filing.
    pub fn is_closed(&self) -> bool {
        (self.kind == FilingKind::CancelSubject && self.status == Status::Approved)
            || self.status == Status::Revoked
    }

    /// The providers who verify this request (000 #67: every provider of
    /// the websites it touches; for a change of the subject alone, the
    /// provider it is filed through, or else every provider).
    pub fn verifiers(&self) -> Vec<String> {
        self.scope().verifiers
    }

    /// Every provider named in the approved or proposed filing, and the
    /// one the request is filed through.
    pub fn providers(&self) -> Vec<String> {
        let mut out = Names::default();
        for f in self.approved.iter().chain(std::iter::once(&self.filing)) {
            for w in &f.websites {
                for a in &w.access {
                    out.push(&a.provider);
                }
            }
        }
        if let Some(p) = &self.provider {
            out.push(p);
        }
        out.list
    }

    pub(crate) fn scope(&self) -> Scope {
        let empty = Filing::default();
        let approved = self.approved.as_ref().unwrap_or(&empty);
        let d = diff(approved, &self.filing);
        let mut s = Scope::default();
        let mut verifiers = Names::default();
        let access_of = |w: &beian_rules::Website, v: &mut Names| {
            for a in &w.access {
                v.push(&a.provider);
            }
        };
        for pair in &d.websites {
            let (a, p) = (pair.approved, pair.proposed);
            let aw = a.map(|i| &approved.websites[i]);
            let pw = p.map(|i| &self.filing.websites[i]);
            let providers = |w: Option<&beian_rules::Website>| -> Vec<String> {
                w.map(|w| {
                    w.access
                        .iter()
                        .map(|x| x.provider.trim().to_string())
                        .collect()
                })
                .unwrap_or_default()
            };
            let (before, after) = (providers(aw), providers(pw));
            let added: Vec<&String> = after.iter().filter(|x| !before.contains(x)).collect();
            let removed: Vec<&String> = before.iter().filter(|x| !after.contains(x)).collect();
            let changed = match (aw, pw) {
                (Some(x), Some(y)) => website_changed(x, y),
                _ => true,
            };
            if let (Some(a), None) = (a, p) {
                s.dropped.push(a);
            }
            let in_request = match self.kind {
                FilingKind::NewFiling | FilingKind::CancelSubject => true,
                FilingKind::AddWebsite => a.is_none(),
                FilingKind::TransferAccess => p.is_some() && !added.is_empty(),
                FilingKind::Change => changed,
                FilingKind::CancelWebsite => p.is_none(),
                FilingKind::CancelAccess => p.is_some() && !removed.is_empty(),
            };
            if !in_request {
                continue;
            }
            match (a, p) {
                (_, Some(p)) => s.websites.push(p),
                (Some(a), None) => s.removed.push(a),
                (None, None) => {}
            }
            // Who verifies (000 #67): the providers of what the request touches.
            match self.kind {
                FilingKind::TransferAccess => added.iter().for_each(|x| verifiers.push(x)),
                FilingKind::CancelAccess => removed.iter().for_each(|x| verifiers.push(x)),
                _ => {
                    if let Some(w) = pw.or(aw) {
                        access_of(w, &mut verifiers);
                    }
                }
            }
        }
        s.subject = matches!(
            self.kind,
            FilingKind::NewFiling | FilingKind::CancelSubject | FilingKind::Change
        );
        s.websites.sort_unstable();
        s.removed.sort_unstable();
        if self.kind == FilingKind::Change {
            if let Some(p) = &self.provider {
                verifiers.push(p);
            }
            if verifiers.list.is_empty() {
                self.filing
                    .websites
                    .iter()
                    .for_each(|w| access_of(w, &mut verifiers));
            }
        }
        s.verifiers = verifiers.list;
        s.diff = d;
        s
    }

    /// The statuses of the subject and of each website (002 #49, #50): a
    /// part the request touches has the request's status; the rest stay
    /// approved; after approval, cancelled parts are cancelled, a filed
    /// website without access and a filed subject without websites are
    /// shells (002 #37, #38).
    ///
    /// ```
    /// use beian_flow::{EntityStatus, Event, FlowState, FiledBy, FilingKind, Party, Context};
    /// let approved: beian_rules::Filing = serde_json::from_str(r#"{"websites": [
    ///     {"domains": ["example.com"], "access": [{"provider": "A"}]}]}"#).unwrap();
    /// let mut state = FlowState::on_record(approved, FiledBy::Subject, None);
    /// state = state.apply(&Event::Start { kind: FilingKind::AddWebsite, by: Party::Subject },
    ///     &Context::default()).unwrap().state;
    /// state.filing.websites.push(serde_json::from_str(r#"{"domains": ["new.com"]}"#).unwrap());
    /// let s = state.statuses();
    /// assert_eq!(s.subject.status, EntityStatus::Approved); // 002 #50
    /// assert_eq!(s.websites[0].status, EntityStatus::Approved);
    /// assert_eq!(s.websites[1].status, EntityStatus::Draft);
    /// ```
    pub fn statuses(&self) -> Statuses {
        self.statuses_in(&self.scope())
    }

    /// [`FlowState::statuses`] with the scope computed already.
    pub(crate) fn statuses_in(&self, scope: &Scope) -> Statuses {
        let done = self.status == Status::Approved;
        let live = |in_request: bool, has_access: bool| -> EntityStatus {
            if self.status == Status::Revoked {
                EntityStatus::Revoked
            } else if in_request && !done {
                EntityStatus::from(self.status)
            } else if in_request && self.kind == FilingKind::CancelSubject {
                EntityStatus::Cancelled
            } else if !has_access {
                EntityStatus::Shell
            } else {
                EntityStatus::Approved
            }
        };
        // What is not in the request keeps its approved state until the
        // request is approved.
        let current = match (&self.approved, done) {
            (Some(a), false) => a,
            _ => &self.filing,
        };
        let subject_status = live(scope.subject, !current.websites.is_empty());
        let subject = EntityState {
            in_request: scope.subject,
            status: subject_status,
            label: subject_status.label(self.kind, scope.subject),
        };
        // Index vectors, not searches: linear in the number of websites.
        let mut in_scope = vec![false; self.filing.websites.len()];
        for &i in &scope.websites {
            if let Some(x) = in_scope.get_mut(i) {
                *x = true;
            }
        }
        let mut approved_of: Vec<Option<usize>> = vec![None; self.filing.websites.len()];
        for pair in scope.diff.websites.iter().rev() {
            if let Some(slot) = pair.proposed.and_then(|p| approved_of.get_mut(p)) {
                *slot = pair.approved;
            }
        }
        let removed: HashSet<usize> = scope.removed.iter().copied().collect();
        let mut websites: Vec<WebsiteState> = self
            .filing
            .websites
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let in_request = in_scope[i];
                let approved_self = approved_of[i]
                    .and_then(|a| current.websites.get(a))
                    .filter(|_| !done && !in_request);
                let has_access = !approved_self.unwrap_or(w).access.is_empty();
                let status = live(in_request, has_access);
                WebsiteState {
                    path: FieldPath::website(i, WebsiteField::Whole).to_string(),
                    domain: w.domains.first().cloned().unwrap_or_default(),
                    removed: false,
                    in_request,
                    status,
                    label: status.label(self.kind, in_request),
                }
            })
            .collect();
        if let Some(approved) = &self.approved {
            for &a in &scope.dropped {
                let in_request = removed.contains(&a);
                let status = match (in_request, done) {
                    (true, true) => EntityStatus::Cancelled,
                    (true, false) => EntityStatus::from(self.status),
                    (false, _) if approved.websites[a].access.is_empty() => EntityStatus::Shell,
                    (false, _) => EntityStatus::Approved,
                };
                websites.push(WebsiteState {
                    path: FieldPath::website(a, WebsiteField::Whole).to_string(),
                    domain: approved.websites[a]
                        .domains
                        .first()
                        .cloned()
                        .unwrap_or_default(),
                    removed: true,
                    in_request,
                    status,
                    label: status.label(self.kind, in_request),
                });
            }
        }
        Statuses { subject, websites }
    }
}

fn finding(rule: &str, code: Option<&str>, severity: Severity, zh: String, en: String) -> Finding {
    Finding::new(rule, code, "", severity, Message::new(zh, en))
}

fn not_allowed(state: &FlowState, event: EventType) -> Finding {
    let label = state.status.label(state.kind);
    let hint = match (state.status, event) {
        (Status::ProviderVerification | Status::BureauReview, EventType::SubjectEdit | EventType::ProviderEdit) => (
            "提交后不能修改：请联系接入商退回修改；已提交管局的，需等管局审核后退回。",
            "A submitted request cannot be edited: ask the provider to return it; once with the bureau, wait for its decision.",
        ),
        (Status::Approved, EventType::SubjectEdit | EventType::ProviderEdit) => (
            "已备案的信息请通过变更备案修改。",
            "Edit an approved filing by starting a change.",
        ),
        (Status::Withdrawn | Status::Refused, _) => (
            "此申请已结束；如需备案，请重新提交一份申请。",
            "This request has ended; file a new request if needed.",
        ),
        (Status::ReturnedToSubject | Status::ReturnedToProvider, EventType::Submit) => (
            "退回的申请请先修改（随便修改一下也可以）并保存，再提交。",
            "Save the returned request (any edit will do) before submitting it again.",
        ),
        _ => ("", ""),
    };
    finding(
        "flow.event_not_allowed",
        None,
        Severity::Error,
        format!(
            "当前状态（{}）下不能执行“{}”。{}",
            label.zh_cn,
            event.label().zh_cn,
            hint.0
        ),
        format!(
            "“{}” is not possible while the request is {}. {}",
            event.label().en,
            label.en,
            hint.1
        )
        .trim_end()
        .to_string(),
    )
}

fn not_editor(state: &FlowState, party: Party) -> Finding {
    // Who edits a filing filed by the provider (代为备案): 002 #57.
    let (zh, en) = match (state.filed_by, party) {
        (FiledBy::Provider, Party::Subject) => (
            "此备案为代为备案，用户不能自行修改：请联系接入商把报备类型改为自主备案。",
            "This filing is filed by the provider: the subject cannot edit it until the provider switches it to self filing.",
        ),
        (_, Party::Provider) => (
            "此申请现在不由接入商修改（自主备案的申请只在退回接入商时由接入商修改）。",
            "The provider does not edit this request now (a self-filed request is edited by the provider only when returned to it).",
        ),
        _ => (
            "现在不能由你修改或提交此申请。",
            "You may not edit or submit this request now.",
        ),
    };
    finding(
        "flow.not_editor",
        None,
        Severity::Error,
        zh.into(),
        en.into(),
    )
}

fn unknown_provider(provider: &str) -> Finding {
    finding(
        "flow.unknown_provider",
        Some("1048"),
        Severity::Error,
        format!("{provider} 不是此备案的接入商，不能操作此备案。"),
        format!("{provider} is not an access provider of this filing and may not act on it."),
    )
}

/// The findings that stop (errors) or accompany a submission of `state`:
/// the rules crate's submission check on the proposed data
/// ([`beian_rules::check_submission`]: formats, required fields, the
/// documents checklist of a new filing; for an added website or a
/// transfer, only the websites concerned), and the flow's guards (kind
/// scope, 1046, 1051, 1029, filing password, closed sites, access).
///
/// `today` is the submission date (for the rules' "not in the future");
/// `password` the filing password given, or `None` for a pre-check, where
/// its need is only advice.
pub fn submit_findings(
    state: &FlowState,
    ctx: &Context,
    today: Option<Date>,
    password: Option<&str>,
) -> Vec<Finding> {
    submit_findings_in(state, &state.scope(), ctx, today, password)
}

/// The website index of a finding's path (`/websites/3/name` → 3).
fn website_of(path: &str) -> Option<usize> {
    match path.parse() {
        Ok(FieldPath::Website(i, _)) => Some(i),
        _ => None,
    }
}

/// [`submit_findings`] with the scope computed already.
pub(crate) fn submit_findings_in(
    state: &FlowState,
    scope: &Scope,
    ctx: &Context,
    today: Option<Date>,
    password: Option<&str>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let cancel = state.kind.is_cancellation();
    if !cancel {
        // The rules crate's whole submission check: formats, cross-field
        // rules, required fields and the documents checklist.
        let rules = check_submission(&state.filing, &Options { today });
        let in_scope: HashSet<usize> = scope.websites.iter().copied().collect();
        let in_request = |path: &str| website_of(path).is_some_and(|i| in_scope.contains(&i));
        out.extend(rules.into_iter().filter(|f| match state.kind {
            FilingKind::NewFiling => true,
            // The checklist is a new filing's: other kinds need what
            // `required_documents` lists, except a new website's own.
            FilingKind::AddWebsite => in_request(&f.path),
            FilingKind::TransferAccess => in_request(&f.path) && f.rule != MISSING_DOCUMENT,
            _ => f.rule != MISSING_DOCUMENT,
        }));
    }
    match &state.approved {
        None if state.kind != FilingKind::NewFiling => out.push(Finding::new(
            "flow.approved_required",
            Some("1016"),
            "",
            Severity::Error,
            Message::new(
                "此类申请基于已备案的信息，但缺少已备案的数据。",
                "This kind of request starts from the approved filing, which is missing.",
            ),
        )),
        None => {}
        Some(approved) => {
            out.extend(guards::kind_scope(state.kind, &scope.diff, &state.filing));
            if state.kind == FilingKind::Change {
                out.extend(guards::province_change(approved, &state.filing));
                out.extend(guards::subject_identity_change(&scope.diff));
            }
            if state.kind == FilingKind::CancelSubject {
                out.extend(guards::cancel_subject_sites(approved, &ctx.closed_domains));
            }
        }
    }
    out.extend(guards::filing_password(state.kind, &scope.diff, password));
    if cancel {
        out.extend(guards::cancellation(
            state.cancellation.as_ref(),
            password.is_some(),
        ));
    }
    if state.kind == FilingKind::Change {
        out.extend(guards::pending_change(
            state.provider.as_deref(),
            &ctx.pending,
        ));
    }
    if state.kind == FilingKind::TransferAccess {
        let websites: Vec<(String, Vec<String>)> = scope
            .websites
            .iter()
            .map(|&i| {
                (
                    FieldPath::website(i, WebsiteField::Whole).to_string(),
                    state.filing.websites[i].domains.clone(),
                )
            })
            .collect();
        out.extend(guards::pending_access(&websites, &ctx.pending));
    }
    if !cancel {
        // Where the rules crate has not said it already.
        let flow = guards::access_required(&state.filing, &scope.websites);
        let said: HashSet<String> = out.iter().map(|f| f.path.clone()).collect();
        out.extend(flow.into_iter().filter(|f| !said.contains(&f.path)));
    }
    out
}

fn has_error(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

/// Applies `event` to `state`: the new state and its advice, or the
/// findings that refuse it (at least one error; the state is unchanged).
///
/// The transitions are the rows of [`TRANSITIONS`]; the guards are those of
/// the [`guards`] module.
///
/// ```
/// use beian_flow::{apply_event, Context, Event, FlowState, Party, Status};
/// use beian_rules::Date;
/// // A submitted new filing, hosted by two providers.
/// let s: FlowState = serde_json::from_str(r#"{"status": "provider_verification",
///     "submittedOn": "2025-03-03", "filing": {"websites": [{"domains": ["example.com"],
///     "access": [{"provider": "A"}, {"provider": "B"}]}]}}"#).unwrap();
/// let ctx = Context::default();
/// // 000 #67: one provider's verification is not enough.
/// let verify_a = Event::ProviderVerify { provider: "A".into() };
/// let s = apply_event(&s, &verify_a, &ctx).unwrap().state;
/// assert_eq!(s.status, Status::ProviderVerification);
/// // A stranger is refused with 1048, as a finding.
/// let refused = s.apply(&Event::ProviderVerify { provider: "X".into() }, &ctx).unwrap_err();
/// assert_eq!(refused[0].code.as_deref(), Some("1048"));
/// let s = s.apply(&Event::ProviderVerify { provider: "B".into() }, &ctx).unwrap().state;
/// assert_eq!(s.status, Status::BureauReview);
///
/// // An empty draft is not submitted: the rules crate's findings say why.
/// let submit = Event::Submit { by: Party::Subject, on: Date::parse("2025-03-03").unwrap(),
///     filing_password: None, cancellation: None };
/// let refused = apply_event(&FlowState::default(), &submit, &ctx).unwrap_err();
/// assert!(refused.iter().any(|f| f.rule == "filing.websites_required"));
/// ```
pub fn apply_event(
    state: &FlowState,
    event: &Event,
    ctx: &Context,
) -> Result<Transition, Vec<Finding>> {
    let et = event.event_type();
    if state.is_closed() {
        return Err(vec![closed(state)]);
    }
    if !TRANSITIONS
        .iter()
        .any(|r| r.from == state.status && r.event == et)
    {
        return Err(vec![not_allowed(state, et)]);
    }
    let mut next = state.clone();
    let mut findings = Vec::new();
    let known_provider = |p: &str| {
        let all = state.providers();
        all.is_empty() || all.iter().any(|x| x == p.trim())
    };
    match event {
        Event::Start { kind, by } => {
            start_guards(state, *kind, *by, ctx, &mut findings);
            next = FlowState {
                kind: *kind,
                filed_by: state.filed_by,
                status: Status::Draft,
                provider: state.provider.clone(),
                filing: state.filing.clone(),
                approved: Some(state.filing.clone()),
                verified_by: Vec::new(),
                submitted_on: None,
                approved_on: state.approved_on,
                return_reason: None,
                cancellation: None,
                reason: None,
                revoked_on: None,
                last_website_number: state.last_website_number,
            };
        }
        Event::SubjectEdit { filing } => {
            if !may_edit(state.filed_by, state.status, Party::Subject) {
                findings.push(not_editor(state, Party::Subject));
            }
            next.filing = filing.clone();
            next.status = Status::Draft;
        }
        Event::ProviderEdit { provider, filing } => {
            if !known_provider(provider) {
                findings.push(unknown_provider(provider));
            } else if !may_edit(state.filed_by, state.status, Party::Provider) {
                findings.push(not_editor(state, Party::Provider));
            }
            next.filing = filing.clone();
            next.status = Status::Draft;
        }
        Event::Submit {
            by,
            on,
            filing_password,
            cancellation,
        } => {
            if !may_edit(state.filed_by, state.status, *by) {
                findings.push(not_editor(state, *by));
            }
            if cancellation.is_some() && state.kind.is_cancellation() {
                next.cancellation = cancellation.clone();
            }
            findings.extend(submit_findings(
                &next,
                ctx,
                Some(*on),
                Some(filing_password.as_deref().unwrap_or("")),
            ));
            next.submitted_on = Some(*on);
            next.verified_by.clear();
            next.return_reason = None;
            next.status = if state.verifiers().is_empty() {
                Status::BureauReview
            } else {
                Status::ProviderVerification
            };
        }
        Event::ProviderVerify { provider } => {
            let verifiers = state.verifiers();
            let name = provider.trim();
            if !verifiers.iter().any(|v| v == name) {
                findings.push(unknown_provider(provider));
            } else if state.verified_by.iter().any(|v| v == name) {
                findings.push(finding(
                    "flow.already_verified",
                    None,
                    Severity::Error,
                    format!("{name} 已经核实过此申请。"),
                    format!("{name} has already verified this request."),
                ));
            }
            next.verified_by.push(name.to_string());
            let all = verifiers
                .iter()
                .all(|v| next.verified_by.iter().any(|x| x == v));
            next.status = if all {
                Status::BureauReview
            } else {
                Status::ProviderVerification
            };
        }
        Event::ProviderReturn { provider, reason } => {
            if !known_provider(provider) {
                findings.push(unknown_provider(provider));
            }
            next.status = Status::ReturnedToSubject;
            next.verified_by.clear();
            next.return_reason = Some(reason.clone());
        }
        Event::BureauApprove { on, filing_number } => {
            if state.submitted_on.is_some_and(|s| *on < s) {
                findings.push(finding(
                    "flow.date_order",
                    None,
                    Severity::Error,
                    "审核通过日期早于提交日期。".into(),
                    "The approval date is before the submission date.".into(),
                ));
            }
            // The invariant the submit guards keep: nothing is approved
            // without access (a cancellation of access excepted).
            if !state.kind.is_cancellation() {
                findings.extend(guards::access_required(
                    &state.filing,
                    &state.scope().websites,
                ));
            }
            if !state.kind.is_cancellation() {
                if let Err(f) = numbers::assign(state, filing_number.as_deref(), &mut next) {
                    findings.push(*f);
                }
            }
            next.status = Status::Approved;
            next.approved_on = Some(*on);
            next.return_reason = None;
        }
        Event::BureauRefuse { reason } => {
            findings.extend(reason_required(reason));
            next.status = Status::Refused;
            next.reason = Some(reason.trim().to_string());
        }
        Event::BureauRevoke {
            on,
            reason,
            website,
        } => {
            findings.extend(reason_required(reason));
            next.reason = Some(reason.trim().to_string());
            next.revoked_on = Some(*on);
            match website.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
                None => next.status = Status::Revoked,
                Some(w) => match numbers::website_named(&state.filing, w) {
                    Some(i) => {
                        next.filing.websites.remove(i);
                    }
                    None => findings.push(numbers::unknown_website(w)),
                },
            }
        }
        Event::Withdraw { by, reason } => {
            if *by == Party::Bureau {
                findings.push(finding(
                    "flow.not_editor",
                    None,
                    Severity::Error,
                    "管局不撤回申请：请退回或不予备案。".into(),
                    "The bureau does not withdraw a request: it returns or refuses it.".into(),
                ));
            }
            next.status = Status::Withdrawn;
            next.reason = Some(reason.trim().to_string()).filter(|r| !r.is_empty());
        }
        Event::BureauReturnToProvider { reason } => {
            next.status = Status::ReturnedToProvider;
            next.verified_by.clear();
            next.return_reason = Some(reason.clone());
        }
        Event::BureauReturnToSubject { reason } => {
            next.status = Status::ReturnedToSubject;
            next.verified_by.clear();
            next.return_reason = Some(reason.clone());
        }
        Event::SetFiledBy { provider, filed_by } => {
            if !known_provider(provider) {
                findings.push(unknown_provider(provider));
            }
            next.filed_by = *filed_by;
        }
    }
    if has_error(&findings) {
        return Err(findings);
    }
    debug_assert!(
        TRANSITIONS
            .iter()
            .any(|r| r.from == state.status && r.event == et && r.to == next.status),
        "{:?} --{:?}--> {:?} is not in the table",
        state.status,
        et,
        next.status
    );
    Ok(Transition {
        state: next,
        findings,
    })
}

fn closed(state: &FlowState) -> Finding {
    if state.status == Status::Revoked {
        return finding(
            "flow.filing_revoked",
            None,
            Severity::Error,
            "此备案已被管局撤销，备案号已取消；如需备案请重新提交新增备案。".into(),
            "The bureau revoked this filing and withdrew its number; file anew if needed.".into(),
        );
    }
    finding(
        "flow.subject_cancelled",
        None,
        Severity::Error,
        "主体已注销，备案号已取消；如需备案请重新提交新增备案。".into(),
        "The subject is cancelled and its filing number withdrawn; file anew if needed.".into(),
    )
}

/// A refusal or revocation says why.
fn reason_required(reason: &str) -> Option<Finding> {
    reason.trim().is_empty().then(|| {
        finding(
            "flow.reason_required",
            None,
            Severity::Error,
            "请填写原因：申请人会看到它。".into(),
            "Give the reason: the applicant sees it.".into(),
        )
    })
}

fn start_guards(
    state: &FlowState,
    kind: FilingKind,
    by: Party,
    ctx: &Context,
    out: &mut Vec<Finding>,
) {
    if kind == FilingKind::NewFiling {
        out.push(finding(
            "flow.subject_already_filed",
            Some("1003"),
            Severity::Error,
            "该主体已有备案号，不能再新增备案：新网站请用新增网站（无需主体信息），已备案的网站转过来请用转接入。".into(),
            "This subject is already filed: add a website to it (without subject data), or transfer the access of a filed website.".into(),
        ));
    }
    if by == Party::Bureau {
        out.push(finding(
            "flow.not_editor",
            None,
            Severity::Error,
            "管局不提交备案申请。".into(),
            "The bureau does not start requests.".into(),
        ));
    }
    if kind == FilingKind::Change && by == Party::Subject && state.filed_by == FiledBy::Provider {
        out.push(not_editor(state, Party::Subject));
    }
    if kind == FilingKind::Change {
        out.extend(guards::pending_change(
            state.provider.as_deref(),
            &ctx.pending,
        ));
    }
    // Advice on shells of the filing the request starts from (002 #37, #38).
    out.extend(guards::shells(&state.filing).into_iter().map(|mut f| {
        f.severity = Severity::Info;
        f
    }));
}
