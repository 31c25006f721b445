//! The batch import bindings (feature `batch`, npm entry `beian/batch`):
//! `checkBatch` and `batchTemplate`, over `beian-batch`. The spreadsheet
//! is read and checked in the page: nothing is uploaded.

use beian_batch::{Batch, CellFinding, Encoding, Format, Options, Report, TemplateFormat};
use wasm_bindgen::prelude::*;

use super::{error, from_js, parse_today, to_js};

#[wasm_bindgen(typescript_custom_section)]
const BATCH_TS: &str = r#"
/**
 * Checks a batch import file (XLSX, CSV in UTF-8 or GBK/GB18030, or JSON
 * filings) and returns the report: rows ok / with errors, counts by MIIT
 * code, and every finding with its row and column.
 * Throws an `Error` with `code: "EFILE"` (and `kind`, `zh`: the message in
 * Chinese) when the file cannot be read at all, `code: "EINVAL"` for bad
 * options.
 */
export function checkBatch(bytes: Uint8Array, options?: BatchOptions): Report;
/**
 * Reads a batch import file like `checkBatch` and returns a job that checks
 * it a few subjects at a time, for a progress bar: call `step(n)` until it
 * returns `true` (yielding to the event loop in between), then `report()`.
 */
export function openBatch(bytes: Uint8Array, options?: BatchOptions): BatchJob;
/** The batch import template: `"xlsx"` (sheets 备案信息 and 说明) or `"csv"` (UTF-8 with BOM). */
export function batchTemplate(format: TemplateFormat): Uint8Array;
"#;

/// Options of `checkBatch`.
#[derive(Debug, Default, serde::Deserialize, tsify::Tsify)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchOptions {
    /// `"xlsx"`, `"csv"` or `"json"`; by default by the first bytes.
    #[tsify(optional, type = "\"xlsx\" | \"csv\" | \"json\"")]
    pub format: Option<String>,
    /// Encoding of a CSV file; default `"auto"`.
    #[tsify(optional)]
    pub encoding: Option<Encoding>,
    /// Today's date `YYYY-MM-DD`; defaults to the local date of the host.
    #[tsify(optional)]
    pub today: Option<String>,
    /// The largest number of data rows (default 100,000).
    #[tsify(optional)]
    pub max_rows: Option<usize>,
    /// The largest file in bytes (default 50 MB).
    #[tsify(optional)]
    pub max_bytes: Option<usize>,
    /// Also report the documents (scans) each filing needs.
    #[tsify(optional)]
    pub documents: Option<bool>,
}

fn file_error(e: &beian_batch::BatchError) -> JsValue {
    let message = e.message();
    let err = error("EFILE", &message.en);
    let kind = serde_json::to_value(e)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str().map(str::to_string)))
        .unwrap_or_default();
    // Setting properties on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"kind".into(), &kind.into());
    let _ = js_sys::Reflect::set(&err, &"zh".into(), &message.zh_cn.into());
    err
}

fn parse_options(options: Option<js_sys::Object>) -> Result<(Options, Option<String>), JsValue> {
    let o: BatchOptions = match options {
        None => BatchOptions::default(),
        Some(o) => from_js(&o).map_err(|e| error("EINVAL", &format!("bad options: {e}")))?,
    };
    let defaults = Options::default();
    let format = match o.format.as_deref() {
        None | Some("json") => None,
        Some("xlsx") => Some(Format::Xlsx),
        Some("csv") => Some(Format::Csv),
        Some(other) => {
            return Err(error(
                "EINVAL",
                &format!("format must be \"xlsx\", \"csv\" or \"json\", not {other:?}"),
            ))
        }
    };
    let options = Options {
        format,
        encoding: o.encoding.unwrap_or_default(),
        today: parse_today(o.today.as_deref())?,
        max_rows: o.max_rows.unwrap_or(defaults.max_rows),
        max_bytes: o.max_bytes.unwrap_or(defaults.max_bytes),
        documents: o.documents.unwrap_or(false),
        ..defaults
    };
    Ok((options, o.format))
}

/// JSON filings: asked for, or no format asked and the text starts like JSON.
fn is_json(bytes: &[u8], format: Option<&str>) -> bool {
    match format {
        Some(f) => f == "json",
        None => {
            let first = bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(bytes)
                .iter()
                .find(|b| !b.is_ascii_whitespace());
            matches!(first, Some(b'{' | b'['))
        }
    }
}

/// Checks a batch import file; see the TypeScript declaration.
#[wasm_bindgen(js_name = checkBatch, skip_typescript)]
pub fn check_batch(bytes: &[u8], options: Option<js_sys::Object>) -> Result<JsValue, JsValue> {
    let (options, format) = parse_options(options)?;
    let report = if is_json(bytes, format.as_deref()) {
        beian_batch::check_json(bytes, &options)
    } else {
        Batch::read(bytes, &options).map(|b| b.report(b.check_groups(0..b.groups())))
    };
    to_js(&report.map_err(|e| file_error(&e))?)
}

enum Job {
    Sheet {
        batch: Batch,
        next: usize,
        findings: Vec<CellFinding>,
    },
    Done(Report),
}

/// A batch check in steps (`openBatch`), for a progress bar.
#[wasm_bindgen]
pub struct BatchJob {
    job: Job,
}

#[wasm_bindgen]
impl BatchJob {
    /// Data rows in the file.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> usize {
        match &self.job {
            Job::Sheet { batch, .. } => batch.rows(),
            Job::Done(r) => r.rows,
        }
    }

    /// Subjects (filings) to check.
    #[wasm_bindgen(getter)]
    pub fn subjects(&self) -> usize {
        match &self.job {
            Job::Sheet { batch, .. } => batch.groups(),
            Job::Done(r) => r.subjects,
        }
    }

    /// Subjects checked so far.
    #[wasm_bindgen(getter)]
    pub fn checked(&self) -> usize {
        match &self.job {
            Job::Sheet { next, .. } => *next,
            Job::Done(r) => r.subjects,
        }
    }

    /// Checks up to `n` more subjects; `true` when every one is checked.
    pub fn step(&mut self, n: usize) -> bool {
        match &mut self.job {
            Job::Sheet {
                batch,
                next,
                findings,
            } => {
                let end = next.saturating_add(n.max(1)).min(batch.groups());
                findings.extend(batch.check_groups(*next..end));
                *next = end;
                end == batch.groups()
            }
            Job::Done(_) => true,
        }
    }

    /// The report (the subjects not yet checked are checked first).
    pub fn report(&mut self) -> Result<JsValue, JsValue> {
        while !self.step(1024) {}
        match &mut self.job {
            Job::Sheet {
                batch, findings, ..
            } => to_js(&batch.report(std::mem::take(findings))),
            Job::Done(r) => to_js(r),
        }
    }
}

/// Reads a batch import file for a check in steps; see the TypeScript declaration.
#[wasm_bindgen(js_name = openBatch, skip_typescript)]
pub fn open_batch(bytes: &[u8], options: Option<js_sys::Object>) -> Result<BatchJob, JsValue> {
    let (options, format) = parse_options(options)?;
    let job = if is_json(bytes, format.as_deref()) {
        Job::Done(beian_batch::check_json(bytes, &options).map_err(|e| file_error(&e))?)
    } else {
        Job::Sheet {
            batch: Batch::read(bytes, &options).map_err(|e| file_error(&e))?,
            next: 0,
            findings: Vec::new(),
        }
    };
    Ok(BatchJob { job })
}

/// The batch import template; see the TypeScript declaration.
#[wasm_bindgen(js_name = batchTemplate, skip_typescript)]
pub fn batch_template(format: JsValue) -> Result<Vec<u8>, JsValue> {
    let format: TemplateFormat =
        from_js(&format).map_err(|_| error("EINVAL", "format must be \"xlsx\" or \"csv\""))?;
    Ok(beian_batch::template(format))
}
