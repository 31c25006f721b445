//! The wizard: which steps a request goes through, how complete each is,
//! what happens next and by when.
//!
//! Completeness comes from findings only (the rules crate's submission
//! check, [`beian_rules::check_submission`], and the flow's guards), mapped
//! to steps by path with [`step_of`]: the wizard never hard-codes which
//! fields a step needs.

use beian_rules::{Date, Filing, Finding, Message, Severity};
use serde::{Deserialize, Serialize};

use crate::calendar::{self, UnknownYear};
use crate::machine::{submit_findings_in, TRANSITIONS};
use crate::{
    editors, guards, step_of, steps, Context, EventType, FilingDiff, FilingKind, FlowState, Party,
    RequiredDocument, Status, Statuses, Step,
};

/// One wizard step and how complete it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StepState {
    /// The step.
    pub step: Step,
    /// No error finding belongs to it (for the review step: none at all).
    pub complete: bool,
    /// The findings that belong to it, in field order.
    pub findings: Vec<Finding>,
}

/// The deadlines of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Deadlines {
    /// The last day of the bureau's review (20 working days from the last
    /// submission), while the request is being verified or reviewed.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub review: Option<Date>,
    /// Working days after today up to and including the review deadline
    /// (0 on the deadline itself, negative once it has passed), when today
    /// is known.
    #[cfg_attr(feature = "ts", tsify(type = "number | null"))]
    pub working_days_left: Option<i64>,
    /// The annual review date: a year after the last approval.
    #[cfg_attr(feature = "ts", tsify(type = "string | null"))]
    pub annual_review: Option<Date>,
    /// The review deadline or the working days left count a day of a year
    /// with no official holiday schedule yet: estimated from the statutory
    /// holidays, the date may move when the schedule is published.
    pub estimated: bool,
    /// Those years, in order (empty when not estimated).
    pub estimated_years: Vec<u16>,
    /// Set when a deadline cannot be computed: the year is past what the
    /// calendar covers.
    #[cfg_attr(feature = "ts", tsify(type = "UnknownYear | null"))]
    pub unknown_year: Option<UnknownYear>,
}

/// Everything the wizard and the status page show about a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NextSteps {
    /// The kind of request.
    pub kind: FilingKind,
    /// Where it stands.
    pub status: Status,
    /// The status as the filing system shows it.
    pub label: Message,
    /// Who may edit now (002 #57).
    pub editors: Vec<Party>,
    /// The events the transition table allows now (guards may still refuse).
    pub events: Vec<EventType>,
    /// The wizard's steps for this kind and data, with completeness.
    pub steps: Vec<StepState>,
    /// The first incomplete step, or the review step when all are complete.
    pub current: Step,
    /// True when nothing stops a submission (while the request is editable).
    pub ready: bool,
    /// The subject's and the websites' statuses.
    pub statuses: Statuses,
    /// The changes against the approved filing (none for a new filing).
    #[cfg_attr(feature = "ts", tsify(type = "FilingDiff | null"))]
    pub diff: Option<FilingDiff>,
    /// The documents to hand in.
    pub documents: Vec<RequiredDocument>,
    /// The providers who verify.
    pub verifiers: Vec<String>,
    /// The providers still to verify, during provider verification.
    pub awaiting: Vec<String>,
    /// Deadlines.
    pub deadlines: Deadlines,
}

/// The documents a request needs (004 3): the whole checklist for a new
/// filing; for a change, what its edits need (see [`crate::diff()`]); a new
/// provider's verification form and photo when a website is added or its
/// access transferred (002 #32, #46); none to cancel.
pub fn required_documents(state: &FlowState) -> Vec<RequiredDocument> {
    required_documents_in(state, state.diff().as_ref())
}

/// [`required_documents`] with the diff computed already.
fn required_documents_in(state: &FlowState, diff: Option<&FilingDiff>) -> Vec<RequiredDocument> {
    use RequiredDocument::*;
    let mut docs = match state.kind {
        FilingKind::NewFiling => vec![
            SubjectCertificate,
            ResponsiblePersonId,
            SecurityAgreement,
            VerificationForm,
            DomainCertificate,
            Photo,
        ],
        FilingKind::AddWebsite | FilingKind::TransferAccess => {
            let mut d = diff.map(|d| d.documents.clone()).unwrap_or_default();
            d.extend([VerificationForm, Photo]);
            d
        }
        FilingKind::Change => diff.map(|d| d.documents.clone()).unwrap_or_default(),
        FilingKind::CancelSubject | FilingKind::CancelWebsite | FilingKind::CancelAccess => {
            Vec::new()
        }
    };
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// The wizard steps of a request: those of its kind ([`steps`]), without
/// the documents step when no document is needed, and with the steps
/// whose data the approved filing lacks ([`incomplete_steps`]) for a
/// request that is not a cancellation.
pub fn wizard_steps(state: &FlowState) -> Vec<Step> {
    wizard_steps_of(state, &required_documents(state))
}

fn wizard_steps_of(state: &FlowState, docs: &[RequiredDocument]) -> Vec<Step> {
    let mut out: Vec<Step> = steps(state.kind)
        .into_iter()
        .filter(|s| *s != Step::Documents || !docs.is_empty())
        .collect();
    let cancellation = matches!(
        state.kind,
        FilingKind::CancelSubject | FilingKind::CancelWebsite | FilingKind::CancelAccess
    );
    if let Some(approved) = state.approved.as_ref().filter(|_| !cancellation) {
        for step in incomplete_steps(approved) {
            if !out.contains(&step) {
                out.push(step);
            }
        }
        out.sort();
    }
    out
}

/// The steps whose required data the approved filing lacks: a filing
/// brought in from elsewhere has its numbers, subject and domains, but not
/// always its websites' names, homepages and people, which its first
/// request (a transfer of access …) must fill in. (The subject's own data
/// is checked only by the kinds that show the subject step.)
///
/// ```
/// use beian_flow::Step;
/// let mut approved = beian_rules::Filing::default();
/// assert!(beian_flow::incomplete_steps(&approved).is_empty());
/// approved.websites.push(Default::default());
/// assert_eq!(beian_flow::incomplete_steps(&approved), [Step::Websites]);
/// ```
pub fn incomplete_steps(approved: &Filing) -> Vec<Step> {
    let empty = |s: &str| s.trim().is_empty();
    let website = |w: &beian_rules::Website| {
        empty(&w.name) || empty(&w.homepage) || empty(&w.responsible_person.name)
    };
    if approved.websites.iter().any(website) {
        vec![Step::Websites]
    } else {
        Vec::new()
    }
}

/// The wizard's view of a request: steps and their completeness, who acts
/// next, statuses, the diff, documents and deadlines.
///
/// `today` is used for the rules' date checks and the working days left.
///
/// ```
/// use beian_flow::{next_steps, Context, FlowState, Step};
/// let state: FlowState = serde_json::from_str(r#"{"filing": {
///     "subject": {"documentNumber": "11010519491231002x"},
///     "websites": [{"domains": ["example.com"], "homepage": "www.example.com"}]}}"#).unwrap();
/// let next = next_steps(&state, &Context::default(), None);
/// let subject = &next.steps[0];
/// assert_eq!(subject.step, Step::Subject);
/// assert!(!subject.complete);
/// assert_eq!(subject.findings[0].code.as_deref(), Some("1015"));
/// // No access entry: a shell website (002 #38), in the access step.
/// assert_eq!(next.steps[2].findings[0].rule, "website.access_required");
/// assert_eq!(next.current, Step::Subject);
/// assert!(!next.ready);
/// ```
pub fn next_steps(state: &FlowState, ctx: &Context, today: Option<Date>) -> NextSteps {
    // The scope (with the diff) once: every part below reads it.
    let scope = state.scope();
    let diff = state.approved.as_ref().map(|_| &scope.diff);
    let documents = required_documents_in(state, diff);
    let wizard = wizard_steps_of(state, &documents);
    let editable = matches!(
        state.status,
        Status::Draft | Status::ReturnedToSubject | Status::ReturnedToProvider
    );
    let mut findings = if editable {
        submit_findings_in(state, &scope, ctx, today, None)
    } else {
        Vec::new()
    };
    // Advice on shells of the approved filing (002 #37, #38).
    let base = match (&state.approved, state.status) {
        (_, Status::Approved) => Some(&state.filing),
        (Some(a), _) => Some(a),
        (None, _) => None,
    };
    if let Some(base) = base.filter(|_| !state.is_closed()) {
        findings.extend(guards::shells(base).into_iter().map(|mut f| {
            f.severity = Severity::Info;
            f
        }));
    }
    // A step the kind does not list, where the approved data is incomplete
    // (a filing brought in, whose websites' names and homepages the first
    // request fills in: listed while it is filled in, not only while an
    // error shows), or where an error must be fixed: listed too, in its
    // place, so that every error has its form (issue 14).
    let mut wizard = wizard;
    let needed = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| step_of(&f.path));
    for step in needed {
        if !wizard.contains(&step) {
            wizard.push(step);
        }
    }
    wizard.sort();
    let mut by_step: Vec<StepState> = wizard
        .iter()
        .map(|&step| StepState {
            step,
            complete: true,
            findings: Vec::new(),
        })
        .collect();
    let review = by_step.len() - 1; // every kind ends in review
    for f in &findings {
        let step = step_of(&f.path);
        let i = by_step
            .iter()
            .position(|s| s.step == step)
            .unwrap_or(review);
        by_step[i].findings.push(f.clone());
    }
    let any_error = findings.iter().any(Finding::is_error);
    for s in &mut by_step {
        s.complete = !s.findings.iter().any(Finding::is_error);
    }
    by_step[review].complete = !any_error;
    let current = by_step
        .iter()
        .find(|s| !s.complete)
        .map_or(Step::Review, |s| s.step);
    let mut events: Vec<EventType> = TRANSITIONS
        .iter()
        .filter(|r| r.from == state.status)
        .map(|r| r.event)
        .collect();
    events.dedup();
    if state.is_closed() {
        events.clear();
    }
    let verifiers = scope.verifiers.clone();
    let awaiting = if state.status == Status::ProviderVerification {
        verifiers
            .iter()
            .filter(|v| !state.verified_by.contains(v))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    NextSteps {
        kind: state.kind,
        status: state.status,
        label: state.status.label(state.kind),
        editors: editors(state.filed_by, state.status),
        events,
        steps: by_step,
        current,
        ready: editable && !any_error,
        statuses: state.statuses_in(&scope),
        diff: diff.cloned(),
        documents,
        verifiers,
        awaiting,
        deadlines: deadlines(state, today),
    }
}

/// The deadlines of `state` on `today`.
pub fn deadlines(state: &FlowState, today: Option<Date>) -> Deadlines {
    let mut out = Deadlines::default();
    let in_review = matches!(
        state.status,
        Status::ProviderVerification | Status::BureauReview
    );
    if let (true, Some(submitted)) = (in_review, state.submitted_on) {
        let cal = calendar::current();
        match cal.review_deadline(submitted) {
            Ok(d) => {
                out.review = Some(d.date);
                out.estimated_years = d.estimated_years;
                if let Some(today) = today {
                    match cal.working_days_between(today, d.date) {
                        Ok(n) => {
                            out.working_days_left = Some(n);
                            // The days of both counts: after the earlier of
                            // submission and today, up to the later of the
                            // deadline and today.
                            out.estimated_years =
                                cal.estimated_years(submitted.min(today), d.date.max(today));
                        }
                        Err(e) => out.unknown_year = Some(e),
                    }
                }
                out.estimated = !out.estimated_years.is_empty();
            }
            Err(e) => out.unknown_year = Some(e),
        }
    }
    if !state.is_closed() {
        out.annual_review = state.approved_on.and_then(calendar::annual_review);
    }
    out
}
