//! Bindings of the filing's life (crate `beian-flow`): `nextSteps`,
//! `applyEvent`, `reviewDeadline`, `annualReview` and `loadHolidays`.
//!
//! The same conventions as the rules' bindings: plain JavaScript values in
//! the JSON shape of the Rust types, read through JSON; bad input throws an
//! `Error` whose `code` is `"EINVAL"`. A guard that refuses an event is not
//! an error: `applyEvent` returns `{ ok: false, findings }`. A deadline the
//! calendar cannot tell (past 2088) throws an `Error` with
//! `code: "EUNKNOWNYEAR"` and the `year` it lacks; one that counts a day of
//! a year with no official holiday schedule is `estimated`. A holiday file
//! that `loadHolidays` refuses throws an `Error` with `code: "EHOLIDAYS"`
//! and the `line`.

use beian_flow::{Context, Event, FlowState};
use beian_rules::{Date, Finding};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{error, from_js, parse_today, to_js};

#[wasm_bindgen(typescript_custom_section)]
const FLOW_TS: &str = r#"
/**
 * The wizard's view of a request: its steps with completeness (from the
 * rules' findings, by path), who acts next, the subject's and websites'
 * statuses, the diff against the approved filing, documents and deadlines.
 * Throws an `Error` with `code: "EINVAL"` when `state` is not a FlowState.
 */
export function nextSteps(state: FlowState, options?: NextStepsOptions): NextSteps;
/**
 * Applies an event to a request. Returns `{ ok: true, state, findings }`
 * (findings: warnings and advice) or `{ ok: false, state, findings }` with
 * the unchanged state and the findings that refuse the event.
 * Throws an `Error` with `code: "EINVAL"` for a malformed state or event.
 */
export function applyEvent(state: FlowState, event: FlowEvent, context?: FlowContext): Applied;
/**
 * The last day of the bureau's review: the 20th working day after the
 * submission (`YYYY-MM-DD`), weekends and statutory holidays excluded,
 * adjusted working days counted. Where no official holiday schedule covers
 * a year yet, its statutory holidays are computed and the result is
 * `estimated: true`, with `estimatedYears`. Throws an `Error` with
 * `code: "EUNKNOWNYEAR"` (and `year`) past the years the calendar covers
 * (2000 to 2088).
 */
export function reviewDeadline(submitted: string, today?: string): ReviewDeadline;
/**
 * Loads a newer official holiday schedule for every later call of this
 * module: the text of a file in the format of the project's
 * `crates/beian-flow/data/holidays/cn.txt` (a `years FIRST LAST` line,
 * then `YYYY-MM-DD holiday|workday NAME` lines: the days off of each
 * break, weekends included, and the adjusted working days). Its years
 * override the embedded schedule and the estimate.
 * Replaces the schedule loaded before. Returns the years it covers. Throws
 * an `Error` with `code: "EHOLIDAYS"` and the `line` (0: the file as a
 * whole) when the text is not such a schedule; nothing changes then.
 */
export function loadHolidays(text: string): HolidayYears;
/** The annual review date: one year after the last approval (`YYYY-MM-DD`). */
export function annualReview(approved: string): string;
"#;

/// Options of `nextSteps`.
#[derive(Debug, Default, Deserialize, tsify::Tsify)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct NextStepsOptions {
    /// Today's date `YYYY-MM-DD`; defaults to the local date of the host.
    #[tsify(optional)]
    pub today: Option<String>,
    /// Facts from the server (pending requests, closed sites).
    #[tsify(optional, type = "FlowContext")]
    pub context: Option<Context>,
}

/// The result of `applyEvent`.
#[derive(Debug, Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// The event was applied.
    pub ok: bool,
    /// The new state, or the unchanged one when refused.
    pub state: FlowState,
    /// Advice when applied; the reasons when refused.
    pub findings: Vec<Finding>,
}

/// The result of `reviewDeadline`.
#[derive(Debug, Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ReviewDeadline {
    /// The submission date.
    #[tsify(type = "string")]
    pub submitted: Date,
    /// The last day of the review.
    #[tsify(type = "string")]
    pub deadline: Date,
    /// Working days after today up to and including the deadline (0 on
    /// the day itself, negative once passed); null when today is outside
    /// the years the calendar covers (2000 to 2088).
    #[tsify(type = "number | null")]
    pub working_days_left: Option<i64>,
    /// The deadline or the working days left count a day of a year with no
    /// official holiday schedule: computed from the statutory holidays,
    /// it may move when the schedule is published.
    pub estimated: bool,
    /// Those years, in order (empty when not estimated).
    pub estimated_years: Vec<u16>,
}

/// The result of `loadHolidays`: the years of the loaded schedule.
#[derive(Debug, Serialize, tsify::Tsify)]
pub struct HolidayYears {
    /// The first year.
    pub first: u16,
    /// The last year.
    pub last: u16,
}

fn date(name: &str, value: &str) -> Result<Date, JsValue> {
    Date::parse(value).ok_or_else(|| {
        error(
            "EINVAL",
            &format!("{name} must be a date YYYY-MM-DD, not {value:?}"),
        )
    })
}

fn unknown_year(e: beian_flow::UnknownYear) -> JsValue {
    let err = error("EUNKNOWNYEAR", &e.to_string());
    // Setting properties on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"year".into(), &e.year.into());
    err
}

fn state_of(state: &JsValue) -> Result<FlowState, JsValue> {
    from_js(state).map_err(|e| error("EINVAL", &format!("not a flow state: {e}")))
}

/// The wizard's view of a request (see the TypeScript declaration).
#[wasm_bindgen(js_name = nextSteps, skip_typescript)]
pub fn next_steps(state: JsValue, options: Option<js_sys::Object>) -> Result<JsValue, JsValue> {
    let state = state_of(&state)?;
    let options: NextStepsOptions = match options {
        None => NextStepsOptions::default(),
        Some(o) => from_js(&o).map_err(|e| error("EINVAL", &format!("bad options: {e}")))?,
    };
    let today = parse_today(options.today.as_deref())?;
    let context = options.context.unwrap_or_default();
    to_js(&beian_flow::next_steps(&state, &context, today))
}

/// Applies an event to a request (see the TypeScript declaration).
#[wasm_bindgen(js_name = applyEvent, skip_typescript)]
pub fn apply_event(
    state: JsValue,
    event: JsValue,
    context: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let state = state_of(&state)?;
    let event: Event =
        from_js(&event).map_err(|e| error("EINVAL", &format!("not an event: {e}")))?;
    let context: Context = match context {
        None => Context::default(),
        Some(c) => from_js(&c).map_err(|e| error("EINVAL", &format!("bad context: {e}")))?,
    };
    let applied = match beian_flow::apply_event(&state, &event, &context) {
        Ok(t) => Applied {
            ok: true,
            state: t.state,
            findings: t.findings,
        },
        Err(findings) => Applied {
            ok: false,
            state,
            findings,
        },
    };
    to_js(&applied)
}

/// The review deadline of a submission (see the TypeScript declaration).
#[wasm_bindgen(js_name = reviewDeadline, skip_typescript)]
pub fn review_deadline(submitted: &str, today: Option<String>) -> Result<JsValue, JsValue> {
    let submitted = date("submitted", submitted)?;
    let today = parse_today(today.as_deref())?;
    let calendar = beian_flow::calendar::current();
    let deadline = calendar.review_deadline(submitted).map_err(unknown_year)?;
    let mut estimated_years = deadline.estimated_years;
    let working_days_left = today.and_then(|t| {
        let n = calendar.working_days_between(t, deadline.date).ok()?;
        // The days of both counts (see beian_flow::deadlines).
        estimated_years = calendar.estimated_years(submitted.min(t), deadline.date.max(t));
        Some(n)
    });
    to_js(&ReviewDeadline {
        submitted,
        deadline: deadline.date,
        working_days_left,
        estimated: !estimated_years.is_empty(),
        estimated_years,
    })
}

/// Loads a newer official holiday schedule (see the TypeScript declaration).
#[wasm_bindgen(js_name = loadHolidays, skip_typescript)]
pub fn load_holidays(text: &str) -> Result<JsValue, JsValue> {
    let (first, last) = beian_flow::calendar::load_holidays(text).map_err(|e| {
        let err = error("EHOLIDAYS", &e.to_string());
        // Setting properties on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &"line".into(), &(e.line as f64).into());
        err
    })?;
    to_js(&HolidayYears { first, last })
}

/// The annual review date (see the TypeScript declaration).
#[wasm_bindgen(js_name = annualReview, skip_typescript)]
pub fn annual_review(approved: &str) -> Result<String, JsValue> {
    let approved = date("approved", approved)?;
    beian_flow::annual_review(approved)
        .map(|d| d.to_string())
        .ok_or_else(|| error("EINVAL", "no date a year after that one"))
}
