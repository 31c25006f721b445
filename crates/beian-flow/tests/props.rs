//! Random walks through filings' lives: whatever the order of events, the
//! invariants hold.
//!
//! - no website is approved without access (a website the request brings
//!   or changes, and every website shown as approved);
//! - no website is approved under a shell or cancelled subject, and a
//!   cancelled subject has only cancelled websites;
//! - statuses are consistent with the kind of request;
//! - every transition taken is a row of the table, and verification waits
//!   for every provider (000 #67);
//! - nothing approved as a new filing or a change fails a rule of the
//!   rules crate.

mod common;

use beian_flow::{
    calendar::add_working_days, Cancellation, CancellationType, Context, EntityStatus, Event,
    FiledBy, FilingKind, FlowState, Party, PendingRequest, Status, TRANSITIONS,
};
use beian_rules::{check, Date, Filing};
use common::*;
use proptest::prelude::*;

const PROVIDERS: [&str; 4] = ["A", "B", "C", "X"];
const DOMAINS: [&str; 4] = ["new1.com", "new2.cn", "new3.net", "example.com"];

#[derive(Debug, Clone)]
enum Mutation {
    Same,
    /// Back to the approved filing.
    Reset,
    /// From the approved filing, the edit the request's kind is for.
    Fitting(usize),
    AddWebsite {
        domain: usize,
        provider: Option<usize>,
    },
    RemoveWebsite(usize),
    AddAccess {
        website: usize,
        provider: usize,
    },
    RemoveAccess {
        website: usize,
        entry: usize,
    },
    Province,
    Rename,
    Address,
    BreakId,
}

#[derive(Debug, Clone)]
enum Op {
    Start {
        kind: usize,
        subject: bool,
    },
    Edit {
        subject: bool,
        provider: usize,
        mutation: Mutation,
    },
    Submit {
        subject: bool,
        password: bool,
    },
    /// Verifies by the n-th provider still awaited (or a stranger).
    Verify {
        awaited: usize,
        stranger: bool,
    },
    ProviderReturn {
        provider: usize,
    },
    Approve,
    ReturnToProvider,
    ReturnToSubject,
    SetFiledBy {
        provider: usize,
        subject: bool,
    },
    Wait {
        days: u32,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => Just(Mutation::Same),
        2 => Just(Mutation::Reset),
        4 => (0..4usize).prop_map(Mutation::Fitting),
        2 => (0..4usize, proptest::option::weighted(0.8, 0..4usize))
            .prop_map(|(domain, provider)| Mutation::AddWebsite { domain, provider }),
        1 => (0..3usize).prop_map(Mutation::RemoveWebsite),
        2 => (0..3usize, 0..4usize).prop_map(|(website, provider)| Mutation::AddAccess { website, provider }),
        2 => (0..3usize, 0..3usize).prop_map(|(website, entry)| Mutation::RemoveAccess { website, entry }),
        1 => Just(Mutation::Province),
        1 => Just(Mutation::Rename),
        2 => Just(Mutation::Address),
        1 => Just(Mutation::BreakId),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..7usize, any::<bool>()).prop_map(|(kind, subject)| Op::Start { kind, subject }),
        4 => (any::<bool>(), 0..4usize, mutation())
            .prop_map(|(subject, provider, mutation)| Op::Edit { subject, provider, mutation }),
        4 => (any::<bool>(), proptest::bool::weighted(0.9))
            .prop_map(|(subject, password)| Op::Submit { subject, password }),
        6 => (0..3usize, proptest::bool::weighted(0.1))
            .prop_map(|(awaited, stranger)| Op::Verify { awaited, stranger }),
        1 => (0..4usize).prop_map(|provider| Op::ProviderReturn { provider }),
        3 => Just(Op::Approve),
        1 => Just(Op::ReturnToProvider),
        1 => Just(Op::ReturnToSubject),
        1 => (0..4usize, any::<bool>()).prop_map(|(provider, subject)| Op::SetFiledBy { provider, subject }),
        1 => (0..5u32).prop_map(|days| Op::Wait { days }),
    ]
}

fn mutate(state: &FlowState, m: &Mutation) -> Filing {
    let mut f = state.filing.clone();
    let n = f.websites.len();
    match *m {
        Mutation::Same => {}
        Mutation::Reset => f = state.approved.clone().unwrap_or_else(approved),
        Mutation::Fitting(k) => {
            f = state.approved.clone().unwrap_or_else(approved);
            let n = f.websites.len();
            match state.kind {
                FilingKind::NewFiling | FilingKind::CancelSubject => {}
                FilingKind::AddWebsite => f.websites.push(website(DOMAINS[k % 3], &[PROVIDERS[k]])),
                FilingKind::TransferAccess if n > 0 => {
                    f.websites[k % n].access.push(access(PROVIDERS[k]))
                }
                FilingKind::Change => f.subject.address = format!("{k}号"),
                FilingKind::CancelWebsite if n > 1 => {
                    f.websites.remove(k % n);
                }
                FilingKind::CancelAccess if n > 0 && !f.websites[k % n].access.is_empty() => {
                    f.websites[k % n].access.remove(0);
                }
                _ => {}
            }
        }
        Mutation::AddWebsite { domain, provider } => {
            let providers: Vec<&str> = provider.map(|p| PROVIDERS[p]).into_iter().collect();
            f.websites.push(website(DOMAINS[domain], &providers));
        }
        Mutation::RemoveWebsite(i) if n > 0 => {
            f.websites.remove(i % n);
        }
        Mutation::AddAccess { website, provider } if n > 0 => {
            f.websites[website % n]
                .access
                .push(access(PROVIDERS[provider]));
        }
        Mutation::RemoveAccess { website, entry } if n > 0 => {
            let w = &mut f.websites[website % n];
            if !w.access.is_empty() {
                let len = w.access.len();
                w.access.remove(entry % len);
            }
        }
        Mutation::Province => {
            f.subject.province = "310000".into();
            f.subject.county = "310101".into();
        }
        Mutation::Rename => rename(&mut f, "张叁"),
        Mutation::Address => f.subject.address = format!("{}号", f.subject.address.len()),
        Mutation::BreakId => f.subject.document_number = "11010519491231002x".into(),
        _ => {}
    }
    f
}

fn party(subject: bool) -> Party {
    if subject {
        Party::Subject
    } else {
        Party::Provider
    }
}

/// Turns an op into an event for the current state.
fn event(state: &FlowState, op: &Op, today: Date) -> Event {
    match op {
        Op::Start { kind, subject } => Event::Start {
            kind: FilingKind::ALL[*kind],
            by: party(*subject),
        },
        Op::Edit {
            subject,
            provider,
            mutation,
        } => {
            let filing = mutate(state, mutation);
            if *subject {
                Event::SubjectEdit { filing }
            } else {
                Event::ProviderEdit {
                    provider: PROVIDERS[*provider].into(),
                    filing,
                }
            }
        }
        Op::Submit { subject, password } => Event::Submit {
            by: party(*subject),
            on: today,
            filing_password: password.then(|| "s3cret".to_string()),
            cancellation: Some(Cancellation {
                cancellation_type: CancellationType::Voluntary,
                reason: "该主体已有另一个备案号".into(),
            }),
        },
        Op::Verify { awaited, stranger } => {
            let waiting: Vec<String> = state
                .verifiers()
                .into_iter()
                .filter(|v| !state.verified_by.contains(v))
                .collect();
            let provider = if *stranger || waiting.is_empty() {
                "X".to_string()
            } else {
                waiting[awaited % waiting.len()].clone()
            };
            Event::ProviderVerify { provider }
        }
        Op::ProviderReturn { provider } => Event::ProviderReturn {
            provider: PROVIDERS[*provider].into(),
            reason: String::new(),
        },
        Op::Approve => Event::BureauApprove {
            on: today,
            // The bureau of the subject's province gives the number.
            filing_number: state
                .filing
                .subject
                .province
                .parse::<u32>()
                .ok()
                .and_then(|p| beian_rules::filing_number::province_of_code(p / 10000 * 10000))
                .map(|p| format!("{}ICP备2025000001号", p.filing)),
        },
        Op::ReturnToProvider => Event::BureauReturnToProvider {
            reason: String::new(),
        },
        Op::ReturnToSubject => Event::BureauReturnToSubject {
            reason: String::new(),
        },
        Op::SetFiledBy { provider, subject } => Event::SetFiledBy {
            provider: PROVIDERS[*provider].into(),
            filed_by: if *subject {
                FiledBy::Subject
            } else {
                FiledBy::Provider
            },
        },
        Op::Wait { .. } => unreachable!(),
    }
}

fn context() -> Context {
    Context {
        pending: vec![PendingRequest {
            kind: FilingKind::TransferAccess,
            provider: "E".into(),
            domains: vec!["new3.net".into()],
        }],
        closed_domains: DOMAINS
            .iter()
            .chain(&["other.cn"])
            .map(|d| d.to_string())
            .collect(),
    }
}

fn is_cancel(kind: FilingKind) -> bool {
    matches!(
        kind,
        FilingKind::CancelSubject | FilingKind::CancelWebsite | FilingKind::CancelAccess
    )
}

/// The invariants of one state.
fn check_invariants(s: &FlowState) -> Result<(), String> {
    let st = s.statuses();
    let approved = s.status == Status::Approved;
    // No approved filing without access: the data a website's status
    // stands for is the proposed one once approved or while in the
    // request, the approved one otherwise.
    let pairs = s.diff().map(|d| d.websites).unwrap_or_default();
    for w in &st.websites {
        let i: usize = w.path["/websites/".len()..].parse().unwrap();
        let data = if w.removed {
            &s.approved.as_ref().unwrap().websites[i]
        } else if approved || w.in_request {
            &s.filing.websites[i]
        } else {
            pairs
                .iter()
                .find(|p| p.proposed == Some(i))
                .and_then(|p| p.approved)
                .map_or(&s.filing.websites[i], |a| {
                    &s.approved.as_ref().unwrap().websites[a]
                })
        };
        let has_access = !data.access.is_empty();
        if w.status == EntityStatus::Approved && !has_access {
            return Err(format!("{} approved without access", w.path));
        }
        if approved && !is_cancel(s.kind) && w.in_request && !has_access {
            return Err(format!("{} brought in without access", w.path));
        }
    }
    // No website approved under a shell or cancelled subject.
    if matches!(
        st.subject.status,
        EntityStatus::Shell | EntityStatus::Cancelled
    ) && st
        .websites
        .iter()
        .any(|w| w.status == EntityStatus::Approved)
    {
        return Err("a website approved under a shell or cancelled subject".into());
    }
    if st.subject.status == EntityStatus::Cancelled
        && st
            .websites
            .iter()
            .any(|w| w.status != EntityStatus::Cancelled)
    {
        return Err("a website outlives its cancelled subject".into());
    }
    // Statuses consistent with the kind.
    let settled = |e: EntityStatus| matches!(e, EntityStatus::Approved | EntityStatus::Shell);
    let subject_in = matches!(
        s.kind,
        FilingKind::NewFiling | FilingKind::Change | FilingKind::CancelSubject
    );
    if st.subject.in_request != subject_in {
        return Err(format!(
            "{:?}: subject in request = {}",
            s.kind, st.subject.in_request
        ));
    }
    if !subject_in && !settled(st.subject.status) {
        return Err(format!("{:?}: subject {:?}", s.kind, st.subject.status));
    }
    if subject_in && !approved && st.subject.status != EntityStatus::from(s.status) {
        return Err(format!(
            "{:?}: subject {:?} in a {:?} request",
            s.kind, st.subject.status, s.status
        ));
    }
    for w in &st.websites {
        if !w.in_request && !settled(w.status) {
            return Err(format!("{} untouched but {:?}", w.path, w.status));
        }
        if w.in_request && !approved && w.status != EntityStatus::from(s.status) {
            return Err(format!(
                "{} {:?} in a {:?} request",
                w.path, w.status, s.status
            ));
        }
        if w.status == EntityStatus::Cancelled
            && !(approved
                && matches!(
                    s.kind,
                    FilingKind::CancelSubject | FilingKind::CancelWebsite
                ))
        {
            return Err(format!("{} cancelled by a {:?} request", w.path, s.kind));
        }
        if w.removed
            && w.in_request
            && !matches!(
                s.kind,
                FilingKind::CancelWebsite | FilingKind::Change | FilingKind::CancelSubject
            )
        {
            return Err(format!("{} removed by a {:?} request", w.path, s.kind));
        }
    }
    if s.kind == FilingKind::NewFiling && s.approved.is_some() {
        return Err("a new filing with an approved filing".into());
    }
    if s.kind != FilingKind::NewFiling && s.approved.is_none() {
        return Err(format!("{:?} without the approved filing", s.kind));
    }
    // Verification.
    let verifiers = s.verifiers();
    if s.verified_by.iter().any(|v| !verifiers.contains(v)) {
        return Err(format!(
            "verified by {:?}, verifiers {verifiers:?}",
            s.verified_by
        ));
    }
    if s.status == Status::ProviderVerification
        && verifiers.iter().all(|v| s.verified_by.contains(v))
    {
        return Err("every provider verified but still waiting".into());
    }
    // Nothing approved fails a client rule.
    if approved && matches!(s.kind, FilingKind::NewFiling | FilingKind::Change) {
        let errors: Vec<_> = check(&s.filing)
            .into_iter()
            .filter(|f| f.is_error())
            .collect();
        if !errors.is_empty() {
            return Err(format!("approved with rule errors: {errors:?}"));
        }
    }
    Ok(())
}

/// Walks `ops` from `start`; returns the kinds approved on the way.
fn walk(start: FlowState, ops: &[Op]) -> Result<Vec<FilingKind>, String> {
    let ctx = context();
    let mut state = start;
    let mut day = 0u32;
    let mut approved = Vec::new();
    check_invariants(&state)?;
    for op in ops {
        if let Op::Wait { days } = op {
            day += days;
            continue;
        }
        let today = add_working_days(d("2024-01-02"), day).unwrap();
        let e = event(&state, op, today);
        match state.apply(&e, &ctx) {
            Ok(t) => {
                let (from, to) = (state.status, t.state.status);
                if !TRANSITIONS
                    .iter()
                    .any(|r| r.from == from && r.event == e.event_type() && r.to == to)
                {
                    return Err(format!(
                        "{from:?} --{:?}--> {to:?} not in the table",
                        e.event_type()
                    ));
                }
                if t.findings.iter().any(|f| f.is_error()) {
                    return Err(format!("accepted with errors: {:?}", t.findings));
                }
                if to == Status::Approved && from != Status::Approved {
                    approved.push(t.state.kind);
                }
                state = t.state;
                check_invariants(&state).map_err(|m| format!("after {e:?}: {m}"))?;
            }
            Err(findings) => {
                if !findings.iter().any(|f| f.is_error()) {
                    return Err(format!("refused without an error: {findings:?}"));
                }
            }
        }
        day += 1;
    }
    Ok(approved)
}

fn starts() -> impl Strategy<Value = FlowState> {
    prop_oneof![
        any::<bool>().prop_map(|subject| {
            let filed_by = if subject {
                FiledBy::Subject
            } else {
                FiledBy::Provider
            };
            FlowState {
                filing: approved(),
                ..FlowState::new_filing(filed_by)
            }
        }),
        any::<bool>().prop_map(|subject| {
            let filed_by = if subject {
                FiledBy::Subject
            } else {
                FiledBy::Provider
            };
            FlowState::on_record(approved(), filed_by, Some(d("2023-12-01")))
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_random_walks(start in starts(), ops in proptest::collection::vec(op(), 0..60)) {
        if let Err(m) = walk(start, &ops) {
            prop_assert!(false, "{}", m);
        }
    }
}

/// The walks do get somewhere: with a fixed generator, every kind of
/// request is approved at least once (so the invariants above are not
/// vacuous).
#[test]
fn random_walks_reach_every_kind() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..600 {
        let start = starts().new_tree(&mut runner).unwrap().current();
        let ops = proptest::collection::vec(op(), 0..80)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        seen.extend(walk(start, &ops).unwrap());
    }
    let all: std::collections::BTreeSet<FilingKind> = FilingKind::ALL.into_iter().collect();
    assert_eq!(seen, all);
}
