//! Every transition of the table, for every kind of request and both
//! kinds of filer, and the guards that refuse them.

mod common;

use std::collections::BTreeSet;

use beian_flow::{
    apply_event, next_steps, Cancellation, CancellationType, Context, EntityStatus, Event,
    EventType, FiledBy, FilingKind, FlowState, Party, PendingRequest, Status, Step, NO_VERIFIER,
    TRANSITIONS,
};
use beian_rules::{Finding, Severity};
use common::*;

type Seen = BTreeSet<(FilingKind, Status, EventType, Status)>;

/// Applies an event that must be accepted, recording the transition.
fn ok(seen: &mut Seen, state: &FlowState, event: Event) -> FlowState {
    let next = apply_event(state, &event, &ctx())
        .unwrap_or_else(|f| panic!("{:?} {:?} refused: {f:#?}", state.kind, event))
        .state;
    seen.insert((state.kind, state.status, event.event_type(), next.status));
    next
}

fn refused(state: &FlowState, event: Event, context: &Context) -> Vec<Finding> {
    let f = apply_event(state, &event, context).expect_err("should be refused");
    assert!(f.iter().any(Finding::is_error), "{f:#?}");
    f
}

fn rules(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}

/// Verifies by every provider still awaited.
fn verify_all(seen: &mut Seen, mut s: FlowState) -> FlowState {
    while s.status == Status::ProviderVerification {
        let next = next_steps(&s, &ctx(), None);
        let p = next.awaiting[0].clone();
        s = ok(seen, &s, Event::ProviderVerify { provider: p });
    }
    s
}

/// The ends a request can take from `s` without approval, each on a copy:
/// withdrawn by whoever edits it; refused by the bureau during its review.
fn ends(seen: &mut Seen, s: &FlowState, by: Party) {
    let withdrawn = ok(
        seen,
        s,
        Event::Withdraw {
            by,
            reason: "换一家接入商".into(),
        },
    );
    assert_eq!(withdrawn.status, Status::Withdrawn);
    assert_eq!(withdrawn.reason.as_deref(), Some("换一家接入商"));
    if s.status == Status::BureauReview {
        let refused = ok(
            seen,
            s,
            Event::BureauRefuse {
                reason: "网站名称不符合要求".into(),
            },
        );
        assert_eq!(refused.status, Status::Refused);
    }
}

/// The whole life of a request of `kind` filed by `filed_by`: every
/// return path once, then approval; a withdrawal and a refusal branch
/// off wherever they can happen.
fn life(seen: &mut Seen, kind: FilingKind, filed_by: FiledBy) -> FlowState {
    let by = editor(filed_by);
    let again = || edit(filed_by, proposed(kind));
    let mut s = draft(kind, filed_by);
    assert_eq!((s.kind, s.status), (kind, Status::Draft));
    s = ok(seen, &s, again());
    s = ok(
        seen,
        &s,
        Event::SetFiledBy {
            provider: "A".into(),
            filed_by,
        },
    );
    ends(seen, &s, by);
    // Provider returns during verification.
    s = ok(seen, &s, submit(by, "2025-03-03"));
    assert_eq!(s.status, Status::ProviderVerification);
    ends(seen, &s, Party::Provider);
    let first = s.verifiers()[0].clone();
    s = ok(
        seen,
        &s,
        Event::ProviderReturn {
            provider: first.clone(),
            reason: "照片不清晰".into(),
        },
    );
    assert_eq!(s.return_reason.as_deref(), Some("照片不清晰"));
    s = ok(seen, &s, again());
    // Verification by each provider in turn (000 #67).
    s = ok(seen, &s, submit(by, "2025-03-04"));
    assert!(s.verifiers().len() >= 2, "{kind:?}: {:?}", s.verifiers());
    s = ok(seen, &s, Event::ProviderVerify { provider: first });
    assert_eq!(s.status, Status::ProviderVerification);
    s = verify_all(seen, s);
    assert_eq!(s.status, Status::BureauReview);
    ends(seen, &s, by);
    // The bureau returns to the provider, who passes it to the subject.
    s = ok(
        seen,
        &s,
        Event::BureauReturnToProvider { reason: "x".into() },
    );
    ends(seen, &s, Party::Provider);
    s = ok(
        seen,
        &s,
        Event::ProviderReturn {
            provider: "A".into(),
            reason: String::new(),
        },
    );
    s = ok(seen, &s, again());
    s = ok(seen, &s, submit(by, "2025-03-05"));
    s = verify_all(seen, s);
    // The bureau returns to the provider, who corrects it (002 #57).
    s = ok(
        seen,
        &s,
        Event::BureauReturnToProvider { reason: "x".into() },
    );
    s = ok(
        seen,
        &s,
        Event::ProviderEdit {
            provider: "A".into(),
            filing: proposed(kind),
        },
    );
    s = ok(seen, &s, submit(by, "2025-03-06"));
    s = verify_all(seen, s);
    // The bureau returns to the subject.
    s = ok(
        seen,
        &s,
        Event::BureauReturnToSubject { reason: "y".into() },
    );
    ends(seen, &s, by);
    s = ok(seen, &s, again());
    s = ok(seen, &s, submit(by, "2025-03-07"));
    s = verify_all(seen, s);
    s = ok(seen, &s, approve("2025-03-20"));
    assert_eq!(s.approved_on, Some(d("2025-03-20")));
    assert_eq!(s.submitted_on, Some(d("2025-03-07")));
    if kind != FilingKind::CancelSubject {
        s = ok(
            seen,
            &s,
            Event::SetFiledBy {
                provider: "A".into(),
                filed_by,
            },
        );
        let next = ok(
            seen,
            &s,
            Event::Start {
                kind: FilingKind::Change,
                by,
            },
        );
        assert_eq!(next.approved.as_ref(), Some(&s.filing));
        assert_eq!(next.approved_on, s.approved_on);
        // The bureau revokes one website, then the whole filing (001 其它 #14).
        let domain = s.filing.websites[0].domains[0].clone();
        let one = ok(
            seen,
            &s,
            Event::BureauRevoke {
                on: d("2025-04-01"),
                reason: "虚假备案".into(),
                website: Some(domain.clone()),
            },
        );
        assert_eq!(one.status, Status::Approved);
        assert_eq!(one.filing.websites.len(), s.filing.websites.len() - 1);
        assert!(one
            .filing
            .websites
            .iter()
            .all(|w| !w.domains.contains(&domain)));
        let whole = ok(
            seen,
            &one,
            Event::BureauRevoke {
                on: d("2025-04-02"),
                reason: "虚假备案".into(),
                website: None,
            },
        );
        assert_eq!(whole.status, Status::Revoked);
        assert!(whole.is_closed());
    }
    s
}

/// A shell subject or a shell website cancelled: nobody to verify, the
/// request goes to the bureau directly (002 #37: cancel a shell at the
/// bureau).
fn without_verifiers(seen: &mut Seen, kind: FilingKind) {
    let mut base = approved();
    match kind {
        FilingKind::CancelSubject => base.websites.clear(),
        FilingKind::CancelWebsite => base.websites[1].access.clear(),
        _ => unreachable!(),
    }
    let mut proposed = base.clone();
    if kind == FilingKind::CancelWebsite {
        proposed.websites.remove(1);
    }
    let record = FlowState::on_record(base, FiledBy::Subject, None);
    let start = Event::Start {
        kind,
        by: Party::Subject,
    };
    let mut s = ok(seen, &record, start);
    s = ok(seen, &s, Event::SubjectEdit { filing: proposed });
    assert!(s.verifiers().is_empty());
    s = ok(seen, &s, submit(Party::Subject, "2025-03-03"));
    assert_eq!(s.status, Status::BureauReview);
}

#[test]
fn every_transition_of_every_kind() {
    let mut seen = Seen::new();
    for kind in FilingKind::ALL {
        for filed_by in [FiledBy::Subject, FiledBy::Provider] {
            life(&mut seen, kind, filed_by);
        }
    }
    for kind in [FilingKind::CancelSubject, FilingKind::CancelWebsite] {
        without_verifiers(&mut seen, kind);
    }
    let mut missing = Vec::new();
    for kind in FilingKind::ALL {
        for r in TRANSITIONS {
            // Never nobody to verify: the websites these kinds bring, cut
            // or resubmit (a change resubmits them all) name their
            // providers, as the rules crate requires.
            let impossible = r.when == NO_VERIFIER
                && matches!(
                    kind,
                    FilingKind::NewFiling
                        | FilingKind::AddWebsite
                        | FilingKind::TransferAccess
                        | FilingKind::Change
                        | FilingKind::CancelAccess
                );
            // Nothing follows a cancelled subject.
            let closed = kind == FilingKind::CancelSubject && r.from == Status::Approved;
            let hit = seen.contains(&(kind, r.from, r.event, r.to));
            if !hit && !impossible && !closed {
                missing.push((kind, r.from, r.event, r.to));
            }
            assert!(!(hit && closed), "{kind:?} {r:?} after a cancelled subject");
        }
    }
    assert!(missing.is_empty(), "transitions never taken: {missing:#?}");
    // And nothing outside the table was ever taken.
    for (kind, from, event, to) in &seen {
        assert!(
            TRANSITIONS
                .iter()
                .any(|r| r.from == *from && r.event == *event && r.to == *to),
            "{kind:?} {from:?} {event:?} {to:?}"
        );
    }
}

#[test]
fn events_outside_the_table_are_refused_in_every_status() {
    let mut seen = Seen::new();
    // One state in each status.
    let draft = draft(FilingKind::NewFiling, FiledBy::Subject);
    let pv = ok(&mut seen, &draft, submit(Party::Subject, "2025-03-03"));
    let br = verify_all(&mut seen, pv.clone());
    let rtp = ok(
        &mut seen,
        &br,
        Event::BureauReturnToProvider {
            reason: String::new(),
        },
    );
    let rts = ok(
        &mut seen,
        &br,
        Event::BureauReturnToSubject {
            reason: String::new(),
        },
    );
    let approved = ok(&mut seen, &br, approve("2025-03-10"));
    let events = [
        Event::Start {
            kind: FilingKind::Change,
            by: Party::Subject,
        },
        Event::SubjectEdit {
            filing: proposed(FilingKind::NewFiling),
        },
        Event::ProviderEdit {
            provider: "A".into(),
            filing: proposed(FilingKind::NewFiling),
        },
        submit(Party::Subject, "2025-03-11"),
        Event::ProviderVerify {
            provider: "A".into(),
        },
        Event::ProviderReturn {
            provider: "A".into(),
            reason: String::new(),
        },
        approve("2025-03-11"),
        Event::BureauReturnToProvider {
            reason: String::new(),
        },
        Event::BureauReturnToSubject {
            reason: String::new(),
        },
        Event::SetFiledBy {
            provider: "A".into(),
            filed_by: FiledBy::Subject,
        },
    ];
    for state in [&draft, &pv, &br, &rtp, &rts, &approved] {
        for event in &events {
            let in_table = TRANSITIONS
                .iter()
                .any(|r| r.from == state.status && r.event == event.event_type());
            if !in_table {
                let f = refused(state, event.clone(), &ctx());
                assert_eq!(rules(&f), ["flow.event_not_allowed"], "{:?}", state.status);
            }
        }
    }
    // Editing under review points to the way out (002 #39).
    let f = refused(&br, events[1].clone(), &ctx());
    assert!(f[0].message.en.contains("return"), "{}", f[0].message.en);
    // A returned request is saved before it is submitted again.
    let f = refused(&rts, submit(Party::Subject, "2025-03-12"), &ctx());
    assert!(f[0].message.zh_cn.contains("随便修改"));
}

#[test]
fn who_may_edit_002_57() {
    // Filed by the provider: the subject can neither edit nor submit nor
    // start a change.
    let s = draft(FilingKind::NewFiling, FiledBy::Provider);
    let f = refused(
        &s,
        Event::SubjectEdit {
            filing: proposed(FilingKind::NewFiling),
        },
        &ctx(),
    );
    assert_eq!(rules(&f), ["flow.not_editor"]);
    assert!(f[0].message.zh_cn.contains("自主备案"));
    refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    let record = FlowState::on_record(approved(), FiledBy::Provider, None);
    let f = refused(
        &record,
        Event::Start {
            kind: FilingKind::Change,
            by: Party::Subject,
        },
        &ctx(),
    );
    assert_eq!(rules(&f), ["flow.not_editor"]);
    // The provider switches it to self filing; then the subject may.
    let record = record
        .apply(
            &Event::SetFiledBy {
                provider: "B".into(),
                filed_by: FiledBy::Subject,
            },
            &ctx(),
        )
        .unwrap()
        .state;
    assert_eq!(record.filed_by, FiledBy::Subject);
    record
        .apply(
            &Event::Start {
                kind: FilingKind::Change,
                by: Party::Subject,
            },
            &ctx(),
        )
        .unwrap();
    // Filed by self: the provider edits only what the bureau returned to it.
    let s = draft(FilingKind::Change, FiledBy::Subject);
    let f = refused(
        &s,
        Event::ProviderEdit {
            provider: "A".into(),
            filing: proposed(FilingKind::Change),
        },
        &ctx(),
    );
    assert_eq!(rules(&f), ["flow.not_editor"]);
    // Nobody else switches the filer: 1048.
    let f = refused(
        &s,
        Event::SetFiledBy {
            provider: "X".into(),
            filed_by: FiledBy::Provider,
        },
        &ctx(),
    );
    assert_eq!(f[0].code.as_deref(), Some("1048"));
    // The bureau submits nothing.
    refused(&s, submit(Party::Bureau, "2025-03-03"), &ctx());
}

#[test]
fn providers_act_only_on_their_filings_1048() {
    let s = draft(FilingKind::NewFiling, FiledBy::Subject)
        .apply(&submit(Party::Subject, "2025-03-03"), &ctx())
        .unwrap()
        .state;
    for event in [
        Event::ProviderVerify {
            provider: "X".into(),
        },
        Event::ProviderReturn {
            provider: "X".into(),
            reason: String::new(),
        },
    ] {
        let f = refused(&s, event, &ctx());
        assert_eq!(f[0].code.as_deref(), Some("1048"));
    }
    let s = s
        .apply(
            &Event::ProviderVerify {
                provider: " A ".into(),
            },
            &ctx(),
        )
        .unwrap()
        .state;
    assert_eq!(s.verified_by, ["A"]);
    let f = refused(
        &s,
        Event::ProviderVerify {
            provider: "A".into(),
        },
        &ctx(),
    );
    assert_eq!(rules(&f), ["flow.already_verified"]);
    // A provider not among the verifiers of a transfer is a stranger to it.
    let t = draft(FilingKind::TransferAccess, FiledBy::Subject)
        .apply(&submit(Party::Subject, "2025-03-03"), &ctx())
        .unwrap()
        .state;
    assert_eq!(t.verifiers(), ["C", "D"]);
    let f = refused(
        &t,
        Event::ProviderVerify {
            provider: "A".into(),
        },
        &ctx(),
    );
    assert_eq!(f[0].code.as_deref(), Some("1048"));
}

#[test]
fn a_change_may_not_move_the_province_1046() {
    let mut s = draft(FilingKind::Change, FiledBy::Subject);
    s.filing.subject.province = "310000".into();
    s.filing.subject.city = String::new();
    s.filing.subject.county = "310101".into();
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    let found: Vec<(&str, Option<&str>, &str)> = f
        .iter()
        .filter(|f| f.is_error())
        .map(|f| (f.rule.as_str(), f.code.as_deref(), f.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [("flow.province_change", Some("1046"), "/subject/province")]
    );
    assert!(f[0].message.zh_cn.contains("注销主体"));
}

#[test]
fn one_pending_change_per_provider_and_subject_1051() {
    let pending = |provider: &str| Context {
        pending: vec![PendingRequest {
            kind: FilingKind::Change,
            provider: provider.into(),
            domains: vec![],
        }],
        ..ctx()
    };
    let mut s = draft(FilingKind::Change, FiledBy::Subject);
    s.provider = Some("A".into());
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &pending("A"));
    assert_eq!(f[0].code.as_deref(), Some("1051"));
    assert!(s
        .apply(&submit(Party::Subject, "2025-03-03"), &pending("B"))
        .is_ok());
    // Known at the start already.
    let mut record = FlowState::on_record(approved(), FiledBy::Subject, None);
    record.provider = Some("A".into());
    let start = Event::Start {
        kind: FilingKind::Change,
        by: Party::Subject,
    };
    assert_eq!(
        refused(&record, start.clone(), &pending("A"))[0]
            .code
            .as_deref(),
        Some("1051")
    );
    // Through an unknown provider: a warning, not a refusal.
    record.provider = None;
    let t = record.apply(&start, &pending("A")).unwrap();
    assert_eq!(t.findings[0].severity, Severity::Warning);
    assert_eq!(t.findings[0].code.as_deref(), Some("1051"));
    // Other kinds are not limited by 1051.
    let s = draft(FilingKind::AddWebsite, FiledBy::Subject);
    assert!(s
        .apply(&submit(Party::Subject, "2025-03-03"), &pending("C"))
        .is_ok());
}

#[test]
fn no_second_access_request_while_one_is_pending_1029() {
    let s = draft(FilingKind::TransferAccess, FiledBy::Subject);
    let pending = Context {
        pending: vec![PendingRequest {
            kind: FilingKind::TransferAccess,
            provider: "E".into(),
            domains: vec!["Example.COM".into()],
        }],
        ..ctx()
    };
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &pending);
    assert_eq!(f[0].code.as_deref(), Some("1029"));
    assert_eq!(f[0].path, "/websites/0/access");
    let elsewhere = Context {
        pending: vec![PendingRequest {
            domains: vec!["other.cn".into()],
            ..pending.pending[0].clone()
        }],
        ..ctx()
    };
    assert!(s
        .apply(&submit(Party::Subject, "2025-03-03"), &elsewhere)
        .is_ok());
}

#[test]
fn the_filing_password_002_36() {
    let no_password = |by| Event::Submit {
        by,
        on: d("2025-03-03"),
        filing_password: None,
        cancellation: Some(Cancellation {
            cancellation_type: CancellationType::Voluntary,
            reason: "该主体已有另一个备案号".into(),
        }),
    };
    for kind in FilingKind::ALL {
        let s = draft(kind, FiledBy::Subject);
        let r = s.apply(&no_password(Party::Subject), &ctx());
        if kind.needs_filing_password() {
            let f = r.expect_err("password needed");
            assert_eq!(rules(&f), ["flow.filing_password_required"], "{kind:?}");
            assert_eq!(f[0].code.as_deref(), Some("1018"));
        } else {
            assert!(r.is_ok(), "{kind:?}: {:#?}", r.unwrap_err());
        }
    }
    // Renaming the subject in a change needs it too.
    let mut s = draft(FilingKind::Change, FiledBy::Subject);
    rename(&mut s.filing, "张叁");
    let f = refused(&s, no_password(Party::Subject), &ctx());
    assert!(rules(&f).contains(&"flow.filing_password_required"));
    assert!(s
        .apply(&submit(Party::Subject, "2025-03-03"), &ctx())
        .is_ok());
}

#[test]
fn cancelling_the_subject_needs_its_sites_closed_002_53() {
    let s = draft(FilingKind::CancelSubject, FiledBy::Subject);
    let open = Context {
        closed_domains: vec!["other.cn".into()],
        ..ctx()
    };
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &open);
    assert_eq!(rules(&f), ["flow.cancel_subject_sites_open"]);
    assert_eq!(f[0].path, "/websites/0");
    // Approved: everything is cancelled and nothing follows.
    let mut seen = Seen::new();
    let s = life(&mut seen, FilingKind::CancelSubject, FiledBy::Subject);
    let st = s.statuses();
    assert_eq!(st.subject.status, EntityStatus::Cancelled);
    assert!(st
        .websites
        .iter()
        .all(|w| w.status == EntityStatus::Cancelled));
    assert!(s.is_closed());
    let f = refused(
        &s,
        Event::Start {
            kind: FilingKind::NewFiling,
            by: Party::Subject,
        },
        &ctx(),
    );
    assert_eq!(rules(&f), ["flow.subject_cancelled"]);
    let next = next_steps(&s, &ctx(), None);
    assert!(next.events.is_empty());
    assert_eq!(next.deadlines.annual_review, None);
}

#[test]
fn requests_stay_within_their_kind() {
    // A new filing on a filed subject is 1003's advice.
    let record = FlowState::on_record(approved(), FiledBy::Subject, None);
    let f = refused(
        &record,
        Event::Start {
            kind: FilingKind::NewFiling,
            by: Party::Subject,
        },
        &ctx(),
    );
    assert_eq!(f[0].code.as_deref(), Some("1003"));
    // An added website that also edits the subject.
    let mut s = draft(FilingKind::AddWebsite, FiledBy::Subject);
    s.filing.subject.address = "别处".into();
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    assert_eq!(rules(&f), ["flow.kind_scope"]);
    assert_eq!(f[0].path, "/subject/address");
    // Cancelling the last website is cancelling the subject (002 #45).
    let mut s = draft(FilingKind::CancelWebsite, FiledBy::Subject);
    s.filing.websites.clear();
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    assert_eq!(rules(&f), ["flow.cancel_last_website"]);
    // A change that removes a website is a cancellation.
    let mut s = draft(FilingKind::Change, FiledBy::Subject);
    s.filing.websites.remove(0);
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    assert_eq!(rules(&f), ["flow.kind_scope"]);
    // An empty request.
    let mut s = draft(FilingKind::TransferAccess, FiledBy::Subject);
    s.filing = approved();
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    assert_eq!(rules(&f), ["flow.nothing_to_file"]);
    // A request other than a new filing needs the approved filing (1016).
    let s = FlowState {
        kind: FilingKind::Change,
        filing: approved(),
        ..FlowState::default()
    };
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    assert!(f.iter().any(|f| f.code.as_deref() == Some("1016")));
}

#[test]
fn a_website_without_access_is_not_submitted_002_38() {
    let mut s = draft(FilingKind::NewFiling, FiledBy::Subject);
    s.filing.websites[1].access.clear();
    s.filing.websites[0].access[1].provider = " ".into();
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    let found: Vec<(&str, &str)> = f
        .iter()
        .map(|f| (f.rule.as_str(), f.path.as_str()))
        .collect();
    // The rules crate says it (5001); the flow does not say it twice.
    assert_eq!(
        found,
        [
            ("access.provider_required", "/websites/0/access/1/provider"),
            ("website.access_required", "/websites/1/access"),
        ]
    );
    // The flow's own guard says the same where the rules crate does not.
    let own = beian_flow::guards::access_required(&s.filing, &[0, 1]);
    let own: Vec<(&str, &str)> = own
        .iter()
        .map(|f| (f.rule.as_str(), f.path.as_str()))
        .collect();
    assert_eq!(
        own,
        [
            (
                "flow.access_provider_required",
                "/websites/0/access/1/provider"
            ),
            ("flow.access_required", "/websites/1/access"),
        ]
    );
    // Rules findings stop a submission too (5001 and the rest): the
    // rules crate's lower-case x.
    let mut s = draft(FilingKind::NewFiling, FiledBy::Subject);
    s.filing.subject.document_number = "11010519491231002x".into();
    let f = refused(&s, submit(Party::Subject, "2025-03-03"), &ctx());
    assert_eq!(f[0].code.as_deref(), Some("1015"));
}

#[test]
fn cancelling_access_leaves_a_shell_website_with_advice() {
    let record = FlowState::on_record(approved(), FiledBy::Subject, None);
    let mut s = record
        .apply(
            &Event::Start {
                kind: FilingKind::CancelAccess,
                by: Party::Provider,
            },
            &ctx(),
        )
        .unwrap()
        .state;
    s.filing.websites[1].access.clear();
    let t = s
        .apply(&submit(Party::Subject, "2025-03-03"), &ctx())
        .unwrap();
    assert_eq!(rules(&t.findings), ["flow.leaves_shell_website"]);
    let mut s = t.state;
    for p in ["A", "B"] {
        s = s
            .apply(&Event::ProviderVerify { provider: p.into() }, &ctx())
            .unwrap()
            .state;
    }
    s = s.apply(&approve("2025-03-10"), &ctx()).unwrap().state;
    let st = s.statuses();
    assert_eq!(st.subject.status, EntityStatus::Approved);
    assert_eq!(st.websites[0].status, EntityStatus::Approved);
    assert_eq!(st.websites[1].status, EntityStatus::Shell);
    // The next request shows the seeds' advice (002 #38), and a transfer
    // of access is the way out.
    let t = s
        .apply(
            &Event::Start {
                kind: FilingKind::TransferAccess,
                by: Party::Subject,
            },
            &ctx(),
        )
        .unwrap();
    assert_eq!(rules(&t.findings), ["flow.shell_website"]);
    assert_eq!(t.findings[0].severity, Severity::Info);
    let mut s = t.state;
    s.filing.websites[1].access.push(access("C"));
    let s = s
        .apply(&submit(Party::Subject, "2025-03-11"), &ctx())
        .unwrap()
        .state;
    let s = s
        .apply(
            &Event::ProviderVerify {
                provider: "C".into(),
            },
            &ctx(),
        )
        .unwrap()
        .state;
    let s = s.apply(&approve("2025-03-12"), &ctx()).unwrap().state;
    assert_eq!(s.statuses().websites[1].status, EntityStatus::Approved);
}

#[test]
fn statuses_of_subject_and_websites_differ_002_49_50() {
    let s = draft(FilingKind::AddWebsite, FiledBy::Subject)
        .apply(&submit(Party::Subject, "2025-03-03"), &ctx())
        .unwrap()
        .state;
    let st = s.statuses();
    assert_eq!(st.subject.status, EntityStatus::Approved);
    assert_eq!(st.subject.label.zh_cn, "备案完成");
    let w: Vec<(EntityStatus, bool, &str)> = st
        .websites
        .iter()
        .map(|w| (w.status, w.in_request, w.label.zh_cn.as_str()))
        .collect();
    assert_eq!(
        w,
        [
            (EntityStatus::Approved, false, "备案完成"),
            (EntityStatus::Approved, false, "备案完成"),
            (
                EntityStatus::ProviderVerification,
                true,
                "报备阶段-接入者核实"
            ),
        ]
    );
    // A change: the subject carries the change status, untouched websites
    // stay approved, the changed one is in the change.
    let mut s = draft(FilingKind::Change, FiledBy::Subject);
    s.filing.websites[1].name = "张三的照片".into();
    let st = s.statuses();
    assert_eq!(st.subject.label.zh_cn, "变更阶段未提交");
    assert_eq!(st.websites[0].status, EntityStatus::Approved);
    assert_eq!(st.websites[1].status, EntityStatus::Draft);
    // A website being cancelled is listed after the others, by its
    // approved path.
    let st = draft(FilingKind::CancelWebsite, FiledBy::Subject).statuses();
    assert_eq!(st.websites.len(), 2);
    assert!(st.websites[1].removed);
    assert_eq!(st.websites[1].path, "/websites/1");
    assert_eq!(st.websites[1].domain, "other.cn");
}

#[test]
fn next_steps_follow_kind_and_data() {
    // A change of contact data only needs no documents: no documents step.
    let mut s = draft(FilingKind::Change, FiledBy::Subject);
    s.filing = approved();
    s.filing.subject.responsible_person.mobile = "13900000000".into();
    let next = next_steps(&s, &ctx(), None);
    let steps: Vec<Step> = next.steps.iter().map(|s| s.step).collect();
    assert_eq!(
        steps,
        [Step::Subject, Step::Websites, Step::Access, Step::Review]
    );
    assert!(next.ready);
    assert_eq!(next.current, Step::Review);
    assert_eq!(next.editors, [Party::Subject]);
    assert!(next.events.contains(&EventType::Submit));
    // A rename: documents, and the password as advice on the review step.
    rename(&mut s.filing, "张叁");
    let next = next_steps(&s, &ctx(), None);
    assert!(next.steps.iter().any(|s| s.step == Step::Documents));
    let review = next.steps.last().unwrap();
    assert_eq!(review.findings[0].rule, "flow.filing_password_needed");
    assert!(review.complete);
    // 1046 lands on the subject step.
    s.filing.subject.province = "310000".into();
    s.filing.subject.county = "310101".into();
    let next = next_steps(&s, &ctx(), None);
    assert_eq!(next.current, Step::Subject);
    assert_eq!(next.steps[0].findings[0].code.as_deref(), Some("1046"));
    assert!(!next.steps.last().unwrap().complete);
    assert!(!next.ready);
    // A transfer has access, documents and review; an error in a step the
    // kind does not show brings that step in, in its place, where it is
    // fixed (here: the address a transfer may not change goes back).
    let mut t = draft(FilingKind::TransferAccess, FiledBy::Subject);
    let next = next_steps(&t, &ctx(), None);
    let steps: Vec<Step> = next.steps.iter().map(|s| s.step).collect();
    assert_eq!(steps, [Step::Access, Step::Documents, Step::Review]);
    t.filing.subject.address = "别处".into();
    let next = next_steps(&t, &ctx(), None);
    let steps: Vec<Step> = next.steps.iter().map(|s| s.step).collect();
    assert_eq!(
        steps,
        [Step::Subject, Step::Access, Step::Documents, Step::Review]
    );
    assert_eq!(next.current, Step::Subject);
    assert_eq!(next.steps[0].findings[0].rule, "flow.kind_scope");
}

#[test]
fn a_transfer_of_a_filing_brought_in_lists_the_websites_step_up_front() {
    // A filing approved elsewhere is brought in with what the customer
    // has: the numbers, the subject, the websites' domains. Its first
    // transfer fills in the website's name, homepage and person
    // (kind_scope lets a request fill in what the approved data left
    // empty), so the websites step is listed before any submission.
    let mut approved = approved();
    approved.websites.truncate(1);
    let w = &mut approved.websites[0];
    w.name.clear();
    w.homepage.clear();
    w.responsible_person = Default::default();
    let mut t = draft(FilingKind::TransferAccess, FiledBy::Subject);
    t.approved = Some(approved.clone());
    t.filing = approved;
    t.filing.websites[0].access.push(access("C"));
    let next = next_steps(&t, &ctx(), None);
    let steps: Vec<Step> = next.steps.iter().map(|s| s.step).collect();
    assert!(
        steps.starts_with(&[Step::Websites, Step::Access]),
        "{steps:?}"
    );
    assert_eq!(next.current, Step::Websites);
    let websites = &next.steps[0];
    assert!(!websites.complete);
    assert!(
        websites
            .findings
            .iter()
            .any(|f| f.is_error() && f.path == "/websites/0/name"),
        "{:#?}",
        websites.findings
    );
    // Filled in: the step stays complete, and the request is ready.
    let full = approved_websites_0();
    t.filing.websites[0].name = full.name;
    t.filing.websites[0].homepage = full.homepage;
    t.filing.websites[0].responsible_person = full.responsible_person;
    let next = next_steps(&t, &ctx(), None);
    assert!(next.steps.iter().all(|s| s.complete), "{:#?}", next.steps);
    assert_eq!(next.steps[0].step, Step::Websites);
    assert!(next.ready);
    // A cancellation needs none of it: no websites step.
    let mut c = draft(FilingKind::CancelWebsite, FiledBy::Subject);
    c.approved = t.approved.clone();
    assert_eq!(beian_flow::wizard_steps(&c), [Step::Review]);
}

/// The first website of [`approved`], whole.
fn approved_websites_0() -> beian_rules::Website {
    approved().websites.remove(0)
}

#[test]
fn next_steps_during_review_show_who_and_when() {
    let s = draft(FilingKind::NewFiling, FiledBy::Subject)
        .apply(&submit(Party::Subject, "2025-09-26"), &ctx())
        .unwrap()
        .state
        .apply(
            &Event::ProviderVerify {
                provider: "B".into(),
            },
            &ctx(),
        )
        .unwrap()
        .state;
    let next = next_steps(&s, &ctx(), Some(d("2025-10-09")));
    assert_eq!(next.label.zh_cn, "报备阶段-接入者核实");
    assert_eq!(next.verifiers, ["A", "B"]);
    assert_eq!(next.awaiting, ["A"]);
    assert!(next.editors.is_empty());
    assert!(!next.ready);
    assert_eq!(next.deadlines.review, Some(d("2025-10-30")));
    assert_eq!(next.deadlines.working_days_left, Some(16));
    assert_eq!(next.deadlines.unknown_year, None);
    assert!(!next.deadlines.estimated);
    // Into 2027, whose schedule is not published (issue 13): estimated
    // from the statutory holidays (1 January off).
    let mut late = s.clone();
    late.submitted_on = Some(d("2026-12-20"));
    if !beian_flow::calendar::is_official(2027) {
        let next = next_steps(&late, &ctx(), Some(d("2027-01-05")));
        assert_eq!(next.deadlines.review, Some(d("2027-01-18")));
        assert_eq!(next.deadlines.working_days_left, Some(9));
        assert!(next.deadlines.estimated);
        assert_eq!(next.deadlines.estimated_years, [2027]);
        assert_eq!(next.deadlines.unknown_year, None);
    }
    // Past the years the calendar covers: unknown, not guessed.
    late.submitted_on = Some(d("2088-12-20"));
    let next = next_steps(&late, &ctx(), None);
    assert_eq!(next.deadlines.review, None);
    assert_eq!(next.deadlines.unknown_year.map(|u| u.year), Some(2089));
    // Approved: the annual review.
    let mut seen = Seen::new();
    let s = life(&mut seen, FilingKind::Change, FiledBy::Subject);
    let next = next_steps(&s, &ctx(), None);
    assert_eq!(next.deadlines.annual_review, Some(d("2026-03-20")));
    assert_eq!(next.deadlines.review, None);
    assert_eq!(next.label.zh_cn, "备案完成");
}

#[test]
fn state_and_events_round_trip_through_json() {
    let mut seen = Seen::new();
    let s = life(&mut seen, FilingKind::AddWebsite, FiledBy::Provider);
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r#""filedBy":"provider""#), "{json}");
    assert!(json.contains(r#""kind":"add_website""#));
    let back: FlowState = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let empty: FlowState = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, FlowState::new_filing(FiledBy::Subject));
    assert!(serde_json::from_str::<FlowState>(r#"{"stauts":"draft"}"#).is_err());
    let next = serde_json::to_value(next_steps(&s, &ctx(), None)).unwrap();
    assert_eq!(next["status"], "approved");
    assert_eq!(next["statuses"]["subject"]["status"], "approved");
    assert!(next["deadlines"]["annualReview"].is_string());
}

/// 002 #53: a cancellation gives its type and reason, and (for a website
/// or access too) the filing password.
#[test]
fn cancellations_give_type_reason_and_password_002_53() {
    for kind in [
        FilingKind::CancelSubject,
        FilingKind::CancelWebsite,
        FilingKind::CancelAccess,
    ] {
        let s = draft(kind, FiledBy::Subject);
        let without = Event::Submit {
            by: Party::Subject,
            on: d("2025-03-03"),
            filing_password: Some("s3cret".into()),
            cancellation: None,
        };
        let f = refused(&s, without, &ctx());
        assert_eq!(rules(&f), ["flow.cancellation_required"], "{kind:?}");
        assert_eq!(f[0].path, beian_flow::CANCELLATION_PATH);
        let blank = Event::Submit {
            by: Party::Subject,
            on: d("2025-03-03"),
            filing_password: Some("s3cret".into()),
            cancellation: Some(Cancellation {
                cancellation_type: CancellationType::Discontinued,
                reason: " ".into(),
            }),
        };
        assert_eq!(
            rules(&refused(&s, blank, &ctx())),
            ["flow.cancellation_required"]
        );
        let next = ok(&mut Seen::new(), &s, submit(Party::Subject, "2025-03-03"));
        assert_eq!(
            next.cancellation.map(|c| c.cancellation_type),
            Some(CancellationType::Discontinued)
        );
        // In a pre-check it is advice.
        let pre = beian_flow::submit_findings(&s, &ctx(), None, None);
        assert!(pre
            .iter()
            .any(|f| f.rule == "flow.cancellation_needed" && !f.is_error()));
    }
    // Other kinds ignore a cancellation given with them.
    let s = draft(FilingKind::Change, FiledBy::Subject);
    assert_eq!(
        ok(&mut Seen::new(), &s, submit(Party::Subject, "2025-03-03")).cancellation,
        None
    );
}

/// 002 #28: approval gives a new filing the bureau's number, checked
/// against the subject's province, and its websites -1, -2 …; a website
/// added later gets the next number.
#[test]
fn approval_gives_filing_numbers_002_28() {
    let mut seen = Seen::new();
    let s = draft(FilingKind::NewFiling, FiledBy::Subject);
    let s = ok(&mut seen, &s, submit(Party::Subject, "2025-03-03"));
    let s = verify_all(&mut seen, s);
    for (number, rule) in [
        (None, "flow.filing_number_required"),
        (Some("沪ICP备2025000001号"), "flow.filing_number_province"),
        (Some("京ICP备2025000001号-1"), "flow.filing_number_invalid"),
        (Some("京B2-20250001"), "flow.filing_number_invalid"),
        (Some("京ICP备12号"), "flow.filing_number_invalid"),
    ] {
        let event = Event::BureauApprove {
            on: d("2025-03-20"),
            filing_number: number.map(str::to_string),
        };
        assert_eq!(rules(&refused(&s, event, &ctx())), [rule], "{number:?}");
    }
    let s = ok(&mut seen, &s, approve("2025-03-20"));
    assert_eq!(s.filing.subject.filing_number, NUMBER);
    let numbers: Vec<String> = s
        .filing
        .websites
        .iter()
        .map(|w| w.filing_number.clone())
        .collect();
    assert_eq!(numbers, [format!("{NUMBER}-1"), format!("{NUMBER}-2")]);
    // The numbers pass the rules crate's own check.
    assert!(beian_rules::check(&s.filing)
        .iter()
        .all(|f| !f.rule.contains("filing_number")));
    // A website added later is -3, also after -2 was revoked.
    let s = ok(
        &mut seen,
        &s,
        Event::BureauRevoke {
            on: d("2025-04-01"),
            reason: "网站已关闭".into(),
            website: Some(format!("{NUMBER}-2")),
        },
    );
    let mut add = ok(
        &mut seen,
        &s,
        Event::Start {
            kind: FilingKind::AddWebsite,
            by: Party::Subject,
        },
    );
    let mut new = proposed(FilingKind::AddWebsite).websites.pop().unwrap();
    new.filing_number.clear();
    add.filing.websites.push(new);
    let add = ok(&mut seen, &add, submit(Party::Subject, "2025-05-06"));
    let add = verify_all(&mut seen, add);
    // The number of a filed subject stays; the bureau need not repeat it.
    let approved = ok(
        &mut seen,
        &add,
        Event::BureauApprove {
            on: d("2025-05-20"),
            filing_number: None,
        },
    );
    let last = approved.filing.websites.last().unwrap();
    assert_eq!(last.filing_number, format!("{NUMBER}-3"));
    assert_eq!(
        approved.filing.websites[0].filing_number,
        format!("{NUMBER}-1")
    );
}

/// Withdraw (撤回), refuse (不予备案), revoke (撤销): their guards, and
/// nothing follows a final status.
#[test]
fn withdraw_refuse_revoke_guards() {
    let mut seen = Seen::new();
    let s = draft(FilingKind::NewFiling, FiledBy::Subject);
    let pv = ok(&mut seen, &s, submit(Party::Subject, "2025-03-03"));
    // The bureau does not withdraw; refusals and revocations say why.
    let f = refused(
        &pv,
        Event::Withdraw {
            by: Party::Bureau,
            reason: String::new(),
        },
        &ctx(),
    );
    assert_eq!(rules(&f), ["flow.not_editor"]);
    let br = verify_all(&mut seen, pv.clone());
    let f = refused(&br, Event::BureauRefuse { reason: " ".into() }, &ctx());
    assert_eq!(rules(&f), ["flow.reason_required"]);
    // Refusal is no return: the request cannot be edited or resubmitted.
    let r = ok(
        &mut seen,
        &br,
        Event::BureauRefuse {
            reason: "主办者证件无效".into(),
        },
    );
    assert_eq!(r.reason.as_deref(), Some("主办者证件无效"));
    assert!(!r.status.is_open() && r.status.is_final());
    let w = ok(
        &mut seen,
        &pv,
        Event::Withdraw {
            by: Party::Subject,
            reason: String::new(),
        },
    );
    assert_eq!(w.reason, None);
    for ended in [&r, &w] {
        for event in [
            edit(FiledBy::Subject, proposed(FilingKind::NewFiling)),
            submit(Party::Subject, "2025-03-04"),
            approve("2025-03-05"),
            Event::Withdraw {
                by: Party::Subject,
                reason: String::new(),
            },
        ] {
            let f = refused(ended, event, &ctx());
            assert_eq!(rules(&f), ["flow.event_not_allowed"]);
        }
    }
    let a = ok(&mut seen, &br, approve("2025-03-10"));
    let revoke = |website: Option<&str>, reason: &str| Event::BureauRevoke {
        on: d("2025-04-01"),
        reason: reason.into(),
        website: website.map(str::to_string),
    };
    assert_eq!(
        rules(&refused(&a, revoke(None, ""), &ctx())),
        ["flow.reason_required"]
    );
    assert_eq!(
        rules(&refused(&a, revoke(Some("nowhere.cn"), "虚假备案"), &ctx())),
        ["flow.website_unknown"]
    );
    let gone = ok(&mut seen, &a, revoke(None, "虚假备案"));
    let st = gone.statuses();
    assert_eq!(st.subject.status, EntityStatus::Revoked);
    assert!(st
        .websites
        .iter()
        .all(|w| w.status == EntityStatus::Revoked));
    let f = refused(
        &gone,
        Event::Start {
            kind: FilingKind::Change,
            by: Party::Subject,
        },
        &ctx(),
    );
    assert_eq!(rules(&f), ["flow.filing_revoked"]);
}
