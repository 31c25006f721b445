//! Loading a holiday schedule at run time into the process-wide calendar
//! (its own test binary: the calendar is global to the process).

use beian_flow::calendar::{self, is_official, load_holidays, DayKind};
use beian_rules::Date;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn a_loaded_schedule_overrides_the_estimate_and_a_bad_one_changes_nothing() {
    assert!(!is_official(2027));
    let before = calendar::review_deadline(d("2026-12-04")).unwrap();
    assert!(before.estimated);

    // A bad file: an error with the line, and the calendar unchanged.
    let e =
        load_holidays("years 2027 2027\n2027-01-01 holiday New Year's Day\n2027-01-32 holiday X\n")
            .unwrap_err();
    assert_eq!(e.line, 3);
    assert_eq!(
        e.to_string(),
        "line 3: \"2027-01-32\" is not a date (YYYY-MM-DD)"
    );
    assert!(!is_official(2027));

    // The embedded file itself loads (as a deployer would reload it).
    let embedded = include_str!("../data/holidays/cn.txt");
    assert_eq!(load_holidays(embedded), Ok((2004, 2026)));
    assert_eq!(calendar::review_deadline(d("2026-12-04")).unwrap(), before);

    // A 2027 schedule: exact from now on, with its own days.
    let text = "# test\nyears 2027 2027\n2027-01-01 holiday New Year's Day\n2027-01-04 holiday New Year's Day\n";
    assert_eq!(load_holidays(text), Ok((2027, 2027)));
    assert!(is_official(2027) && is_official(2026) && !is_official(2028));
    assert_eq!(calendar::day_kind(d("2027-01-04")), Ok(DayKind::Holiday));
    let after = calendar::review_deadline(d("2026-12-04")).unwrap();
    assert_eq!(after.date, d("2027-01-05"));
    assert!(!after.estimated);
    // The flow's deadlines use it too.
    let mut state = beian_flow::FlowState {
        status: beian_flow::Status::BureauReview,
        submitted_on: Some(d("2026-12-04")),
        ..Default::default()
    };
    let deadlines = beian_flow::deadlines(&state, Some(d("2026-12-04")));
    assert_eq!(deadlines.review, Some(d("2027-01-05")));
    assert!(!deadlines.estimated);
    state.submitted_on = Some(d("2027-12-20"));
    let deadlines = beian_flow::deadlines(&state, None);
    assert!(deadlines.estimated);
    assert_eq!(deadlines.estimated_years, [2028]);
}
