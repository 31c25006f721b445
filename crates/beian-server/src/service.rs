//! The service layer: the decisions of the registry's writes that need no
//! database, as pure functions over the stored state (the findings that
//! refuse a write, or what to write), unit-tested without a database like
//! [`crate::registry`]. [`crate::store`] loads the rows, asks these
//! functions, and runs the SQL; [`crate::http`] turns a refusal into its
//! HTTP status. This module imports neither.

use beian_flow::{
    apply_event, Context, Event, EventType, FiledBy, FilingKind, FlowState, Party, Status,
};
use beian_rules::{Date, Filing, Finding};
use serde::Serialize;
use serde_json::Value;

use crate::registry::{self, Claim, Holder};

/// Who acts, as the flow and the events record it: a role, and for a
/// provider its name (as in the access entries). Made from the caller's
/// credential ([`crate::auth::Caller::actor`]), never read from a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The role: `subject`, `provider` or `bureau`.
    pub role: Party,
    /// The provider's name for the provider role, none otherwise.
    pub provider: Option<String>,
}

impl Actor {
    /// The provider's name, for the provider role.
    pub fn provider_name(&self) -> Option<&str> {
        match self.role {
            Party::Provider => self.provider.as_deref().map(str::trim),
            _ => None,
        }
    }
}

/// A new filing.
#[derive(Debug, Clone)]
pub struct NewFiling {
    /// Who submits it.
    pub actor: Actor,
    /// The data.
    pub filing: Filing,
    /// Filed by the subject or by the provider.
    pub filed_by: FiledBy,
    /// The provider it is filed through.
    pub provider: String,
    /// Store as a draft, without submitting.
    pub draft: bool,
    /// Today (UTC+8): the date of the submission.
    pub today: Date,
    /// Unix milliseconds.
    pub now: i64,
    /// The access providers' directory, for its warnings.
    pub providers: Option<std::sync::Arc<crate::providers::Directory>>,
}

/// Whether any finding is an error.
pub fn has_error(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

/// The checks of the actor against an event on `state` (1048, roles).
pub fn actor_findings(actor: &Actor, event: &Event, state: &FlowState) -> Vec<Finding> {
    let et = event.event_type();
    let role = actor.role.name().to_string();
    let needed = match event {
        Event::Submit { by, .. } | Event::Start { by, .. } | Event::Withdraw { by, .. } => {
            Some(*by)
        }
        _ => et.party(),
    };
    if let Some(needed) = needed {
        if needed != actor.role {
            return vec![registry::wrong_role(et.name(), &role, needed.name())];
        }
    }
    let Some(me) = actor.provider_name() else {
        return Vec::new();
    };
    let named = match event {
        Event::ProviderEdit { provider, .. }
        | Event::ProviderVerify { provider }
        | Event::ProviderReturn { provider, .. }
        | Event::SetFiledBy { provider, .. } => Some(provider.trim()),
        _ => None,
    };
    if let Some(named) = named {
        if named != me {
            return vec![registry::not_provider(me, Some(named))];
        }
    }
    // A provider that brings a website or its access is new to the filing.
    let brings = matches!(
        event,
        Event::Start {
            kind: FilingKind::TransferAccess | FilingKind::AddWebsite,
            ..
        }
    ) || (matches!(event, Event::Submit { .. })
        && matches!(
            state.kind,
            FilingKind::TransferAccess | FilingKind::AddWebsite
        ));
    let providers = state.providers();
    if !brings && !providers.is_empty() && !providers.iter().any(|p| p == me) {
        return vec![registry::not_provider(me, None)];
    }
    Vec::new()
}

/// What decides whether an event may still act on a request: its version
/// and whether a later approval superseded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// The request.
    pub request_id: i64,
    /// Its version (bumped by every event).
    pub version: i64,
    /// Its status.
    pub status: Status,
    /// The request whose approval gave the filing its approved data.
    pub approved_request_id: Option<i64>,
}

/// Refuses an event on a request that changed since the client read it
/// (`expected` is not its version) or whose approval a later request
/// superseded.
pub fn version_refused(expected: Option<i64>, request: &Version) -> Option<Finding> {
    if let Some(expected) = expected.filter(|e| *e != request.version) {
        return Some(registry::stale_version(expected, request.version));
    }
    if request.status == Status::Approved && request.approved_request_id != Some(request.request_id)
    {
        return Some(registry::superseded(
            request.request_id,
            request.approved_request_id,
        ));
    }
    None
}

/// True when submitting `state` needs the filing password (the flow
/// decides: its guard asks for it in a pre-check).
pub fn needs_filing_password(state: &FlowState) -> bool {
    let diff = state.diff().unwrap_or_default();
    !beian_flow::guards::filing_password(state.kind, &diff, None).is_empty()
}

/// The filing password check of a submission that needs it (1018):
/// refused when none is on record, or when the one given did not match
/// (`given_ok`: the Argon2 verification, run before the write).
pub fn password_refused(on_record: bool, given_ok: Option<bool>) -> Option<Finding> {
    match (on_record, given_ok) {
        (false, _) => Some(registry::no_filing_password()),
        (true, Some(true)) => None,
        (true, _) => Some(registry::wrong_filing_password()),
    }
}

/// At an approval, a claim of the approved data held by `holder`: a
/// conflict unless the holder is this filing and, if pending, this
/// request.
pub fn approval_conflict(
    claim: &Claim,
    holder: Holder,
    holder_provider: &str,
    filing_id: i64,
    request_id: i64,
) -> Option<Finding> {
    let other_request = holder.request_id.is_some_and(|r| r != request_id);
    (holder.filing_id != filing_id || other_request)
        .then(|| registry::conflict(claim, holder, filing_id, holder_provider))
}

/// A new filing, checked (rules, flow, actor) and serialised before the
/// write, so that the write itself (one at a time on SQLite) only checks
/// the registry and inserts.
#[derive(Debug, Clone)]
pub struct PreparedFiling {
    pub(crate) input: NewFiling,
    pub(crate) state: FlowState,
    pub(crate) state_json: String,
    pub(crate) event: Event,
    pub(crate) event_json: String,
    pub(crate) before: Option<Status>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) findings_json: String,
    pub(crate) claims: Vec<Claim>,
}

/// Checks a new filing as far as it can be without the database: the
/// actor, and for a submission the rules and the flow's submit guards.
/// `Err` holds the findings that refuse it.
pub fn decide_create(input: NewFiling) -> Result<PreparedFiling, Vec<Finding>> {
    let mut state = FlowState::new_filing(input.filed_by);
    state.provider = Some(input.provider.clone()).filter(|p| !p.trim().is_empty());
    state.filing = input.filing.clone();
    let mut findings = Vec::new();
    let event = Event::Submit {
        by: input.actor.role,
        on: input.today,
        filing_password: None,
        cancellation: None,
    };
    let mut before = None;
    let mut claims = Vec::new();
    if !input.draft {
        let actor = actor_findings(&input.actor, &event, &state);
        if has_error(&actor) {
            return Err(actor);
        }
        let t = apply_event(&state, &event, &Context::default())?;
        before = Some(state.status);
        state = t.state;
        findings = t.findings;
        // Keyed by filing 0 for now: the IPs' keys get the new id.
        claims = registry::request_claims(&state, 0);
        if let Some(d) = &input.providers {
            findings.extend(d.findings(&state.filing));
        }
    }
    Ok(PreparedFiling {
        state_json: json(&state),
        event_json: json(&event),
        findings_json: json(&findings),
        input,
        state,
        event,
        before,
        findings,
        claims,
    })
}

/// The events whose date (`on`) is the server's, whatever the client says.
pub const SERVER_DATED: [EventType; 3] = [
    EventType::Submit,
    EventType::BureauApprove,
    EventType::BureauRevoke,
];

/// Sets today's date (UTC+8) as `on` of an event, still as JSON, of a type
/// in [`SERVER_DATED`]; leaves any other event as it is.
pub fn stamp_server_date(event: &mut serde_json::Map<String, Value>, today: Date) {
    let kind = event.get("type").and_then(Value::as_str).unwrap_or("");
    if SERVER_DATED.iter().any(|e| e.name() == kind) {
        event.insert("on".into(), Value::String(today.to_string()));
    }
}

/// Whether the approval of a request of `kind` hands out a new filing
/// password (once, then only its hash is kept): a new filing's, when none
/// is on record.
pub fn hands_out_password(kind: FilingKind, on_record: bool) -> bool {
    kind == FilingKind::NewFiling && !on_record
}

/// JSON of a value of this crate's types (they always serialise).
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(name: &str) -> Actor {
        Actor {
            role: Party::Provider,
            provider: Some(name.into()),
        }
    }

    fn bureau() -> Actor {
        Actor {
            role: Party::Bureau,
            provider: None,
        }
    }

    /// A request in bureau review, filed through provider `A`.
    fn in_review() -> FlowState {
        let mut state = FlowState::new_filing(FiledBy::Subject);
        state.provider = Some("A".into());
        state.status = Status::BureauReview;
        state
    }

    fn rules(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.rule.as_str()).collect()
    }

    #[test]
    fn a_provider_cannot_approve_the_bureau_can() {
        let approve = Event::BureauApprove {
            on: Date::new(2026, 12, 5).unwrap(),
            filing_number: None,
        };
        let refused = actor_findings(&provider("A"), &approve, &in_review());
        assert_eq!(rules(&refused), ["registry.actor_role"]);
        assert!(actor_findings(&bureau(), &approve, &in_review()).is_empty());
    }

    #[test]
    fn a_provider_acts_only_in_its_own_name_on_its_filings() {
        // 1048: naming another provider, or acting on a filing it does not serve.
        let verify_as_b = Event::ProviderVerify {
            provider: "B".into(),
        };
        let refused = actor_findings(&provider("A"), &verify_as_b, &in_review());
        assert_eq!(refused[0].code.as_deref(), Some("1048"));
        let verify = Event::ProviderVerify {
            provider: "B".into(),
        };
        let stranger = actor_findings(&provider("B"), &verify, &in_review());
        assert_eq!(stranger[0].code.as_deref(), Some("1048"));
        let own = Event::ProviderVerify {
            provider: " A ".into(),
        };
        assert!(actor_findings(&provider("A"), &own, &in_review()).is_empty());
    }

    #[test]
    fn a_provider_may_start_a_transfer_of_access_on_a_filing_it_does_not_serve() {
        let start = Event::Start {
            kind: FilingKind::TransferAccess,
            by: Party::Provider,
        };
        let mut approved = in_review();
        approved.status = Status::Approved;
        assert!(actor_findings(&provider("B"), &start, &approved).is_empty());
    }

    #[test]
    fn a_stale_or_superseded_request_is_refused() {
        let request = Version {
            request_id: 7,
            version: 3,
            status: Status::BureauReview,
            approved_request_id: None,
        };
        assert_eq!(version_refused(None, &request), None);
        assert_eq!(version_refused(Some(3), &request), None);
        let stale = version_refused(Some(2), &request).unwrap();
        assert_eq!(stale.rule, "registry.stale_version");
        let superseded = Version {
            status: Status::Approved,
            approved_request_id: Some(9),
            ..request
        };
        assert_eq!(
            version_refused(None, &superseded).unwrap().rule,
            "registry.superseded"
        );
        let current = Version {
            approved_request_id: Some(7),
            ..superseded
        };
        assert_eq!(version_refused(None, &current), None);
    }

    #[test]
    fn the_filing_password_decides_1018() {
        assert_eq!(password_refused(true, Some(true)), None);
        let wrong = password_refused(true, Some(false)).unwrap();
        assert_eq!(wrong.rule, "registry.filing_password_wrong");
        assert_eq!(wrong.code.as_deref(), Some("1018"));
        assert_eq!(
            password_refused(true, None).unwrap().rule,
            "registry.filing_password_wrong"
        );
        assert_eq!(
            password_refused(false, Some(true)).unwrap().rule,
            "registry.filing_password_unknown"
        );
    }

    #[test]
    fn an_approval_conflicts_only_with_other_holders() {
        let claim = Claim {
            kind: registry::ClaimKind::Domain,
            value: "example.com".into(),
            path: "/websites/0/domains/0".into(),
            display: "example.com".into(),
            domains: Vec::new(),
        };
        let mine = Holder {
            filing_id: 1,
            request_id: Some(5),
        };
        assert_eq!(approval_conflict(&claim, mine, "A", 1, 5), None);
        let approved = Holder {
            filing_id: 1,
            request_id: None,
        };
        assert_eq!(approval_conflict(&claim, approved, "A", 1, 5), None);
        let other_request = Holder {
            filing_id: 1,
            request_id: Some(6),
        };
        assert!(approval_conflict(&claim, other_request, "A", 1, 5).is_some());
        let other_filing = Holder {
            filing_id: 2,
            request_id: None,
        };
        // 1005: the domain is another subject's.
        let f = approval_conflict(&claim, other_filing, "B", 1, 5).unwrap();
        assert!(f.is_error());
    }

    #[test]
    fn a_draft_is_kept_without_checks_a_submission_is_checked() {
        let input = NewFiling {
            actor: provider("A"),
            filing: Filing::default(),
            filed_by: FiledBy::Provider,
            provider: "A".into(),
            draft: true,
            today: Date::new(2026, 12, 5).unwrap(),
            now: 0,
            providers: None,
        };
        let draft = decide_create(input.clone()).expect("a draft is stored as it is");
        assert_eq!(draft.before, None);
        assert!(draft.claims.is_empty());
        // An empty filing submitted: refused by the rules.
        let submitted = NewFiling {
            draft: false,
            ..input
        };
        let refused = decide_create(submitted).expect_err("refused");
        assert!(refused.iter().any(Finding::is_error));
    }

    #[test]
    fn the_server_dates_submissions_approvals_and_revocations() {
        let today = Date::new(2026, 12, 5).unwrap();
        for (kind, dated) in [
            (EventType::Submit, true),
            (EventType::BureauApprove, true),
            (EventType::BureauRevoke, true),
            (EventType::ProviderVerify, false),
        ] {
            let mut event = serde_json::Map::new();
            event.insert("type".into(), Value::String(kind.name().into()));
            event.insert("on".into(), Value::String("1999-01-01".into()));
            stamp_server_date(&mut event, today);
            let on = if dated {
                today.to_string()
            } else {
                "1999-01-01".into()
            };
            assert_eq!(event["on"], Value::String(on), "{}", kind.name());
        }
        let mut untyped = serde_json::Map::new();
        stamp_server_date(&mut untyped, today);
        assert!(untyped.is_empty());
    }

    #[test]
    fn only_a_new_filing_without_a_password_gets_one() {
        assert!(hands_out_password(FilingKind::NewFiling, false));
        assert!(!hands_out_password(FilingKind::NewFiling, true));
        assert!(!hands_out_password(FilingKind::AddWebsite, false));
    }
}
