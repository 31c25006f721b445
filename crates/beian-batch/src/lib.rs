//! # beian-batch
//!
//! Checks a provider's whole batch-import spreadsheet (000 #45, 001 3.7:
//! providers import filings from a spreadsheet and learn of errors only
//! after upload) with the same [`beian_rules`] as the wizard, before it is
//! uploaded. Pure Rust, no I/O: bytes in, a [`Report`] out.
//!
//! - Layout ([`layout`], README.md): one row per website, the subject's
//!   columns repeated on each row; rows with the same subject document
//!   number form one filing.
//! - Reads XLSX and CSV (UTF-8 with or without BOM, UTF-16 with BOM,
//!   GBK/GB18030: [`Encoding`]).
//! - Every finding carries its row and column ([`CellFinding`]); conflicts
//!   inside the file are findings too (1003 one subject with two different
//!   data; 1005 one domain on two subjects' rows).
//! - Garbage gives a [`BatchError`] or a finding, never a panic.
//! - [`template`] writes the template (XLSX or CSV).
//!
//! ```
//! use beian_batch::{check, Options};
//! let csv = "主办单位性质,主办单位证件类型,主办单位证件号码,网站域名,网站首页URL\n\
//!            个人,居民身份证,11010519491231002x,www.example.com,http://www.example.com\n";
//! let report = check(csv.as_bytes(), &Options::default()).unwrap();
//! let f = report.findings.iter().find(|f| f.finding.code.as_deref() == Some("1015")).unwrap();
//! assert_eq!((f.row, f.column.as_deref(), f.field.as_deref()), (Some(2), Some("C"), Some("subjectDocumentNumber")));
//! assert_eq!(f.finding.suggestion.as_deref(), Some("11010519491231002X"));
//! assert!(report.findings.iter().any(|f| f.finding.code.as_deref() == Some("1004") && f.column.as_deref() == Some("D")));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod check;
mod error;
pub mod layout;
mod read;
mod tally;
mod template;

use std::collections::BTreeMap;

use beian_rules::{Date, Filing, Finding};
use serde::{Deserialize, Serialize};

pub use check::Batch;
pub use error::BatchError;
pub use read::{decode, unpacked_limit, MAX_XML_RUN, SHEET_NAMES, UNPACKED_BASE, UNPACKED_PER_ROW};
pub use tally::MORE_FINDINGS;
pub use template::{template, TemplateFormat};

/// The text encoding of a CSV file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// A BOM decides; else valid UTF-8 is UTF-8 and anything else GB18030.
    #[default]
    Auto,
    /// UTF-8 (a BOM is skipped).
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK / GB18030 (GB18030 is a superset of GBK), what Excel in China writes.
    #[serde(alias = "gb18030")]
    Gbk,
}

impl std::str::FromStr for Encoding {
    type Err = String;
    /// `auto`, `utf-8`/`utf8`, `gbk`/`gb18030`/`gb2312`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" => Ok(Encoding::Gbk),
            _ => Err(format!("unknown encoding {s:?} (auto, utf-8, gbk)")),
        }
    }
}

/// The kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML workbook (a zip).
    Xlsx,
    /// Comma-, tab- or semicolon-separated text.
    Csv,
}

impl Format {
    /// XLSX when the bytes start like a zip, else CSV.
    ///
    /// ```
    /// use beian_batch::Format;
    /// assert_eq!(Format::detect(b"PK\x03\x04..."), Format::Xlsx);
    /// assert_eq!(Format::detect("主办单位名称".as_bytes()), Format::Csv);
    /// ```
    pub fn detect(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }
}

/// Default largest file: 50 MB.
pub const DEFAULT_MAX_BYTES: usize = 50 * 1024 * 1024;
/// Default largest number of data rows.
pub const DEFAULT_MAX_ROWS: usize = 100_000;

/// Settings of a batch check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The kind of file (`None`: by its first bytes).
    pub format: Option<Format>,
    /// The encoding of a CSV file.
    pub encoding: Encoding,
    /// The largest file, in bytes (what an XLSX may unpack to follows from
    /// `max_rows`: [`unpacked_limit`]).
    pub max_bytes: usize,
    /// The largest number of data rows.
    pub max_rows: usize,
    /// Today, for "not in the future" rules.
    pub today: Option<Date>,
    /// Also report the documents (scans) each filing needs (004 3). Off by
    /// default: the spreadsheet carries data, the scans are uploaded apart.
    pub documents: bool,
    /// List at most this many findings of one kind (rule and column); the
    /// rest of the kind are counted and summarised in one finding of rule
    /// [`MORE_FINDINGS`] ("and 9,950 more findings like this"). `None`
    /// (the default): every finding is listed.
    pub max_findings_per_kind: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: None,
            encoding: Encoding::Auto,
            max_bytes: DEFAULT_MAX_BYTES,
            max_rows: DEFAULT_MAX_ROWS,
            today: None,
            documents: false,
            max_findings_per_kind: None,
        }
    }
}

/// A finding with the place in the file it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CellFinding {
    /// Row number as the spreadsheet shows it (the header is usually 1);
    /// for a JSON file, the filing's 1-based position. `None`: the whole file.
    pub row: Option<u32>,
    /// Column letter (`A`, `B`, …), if the finding is about one cell.
    pub column: Option<String>,
    /// The layout column's key (e.g. `subjectDocumentNumber`).
    pub field: Option<String>,
    /// The layout column's Chinese header.
    pub header: Option<String>,
    /// The cell's value, where it helps.
    pub value: Option<String>,
    /// The finding (rule, MIIT code, filing path, severity, message, suggestion).
    #[serde(flatten)]
    pub finding: Finding,
}

/// The result of checking one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// `xlsx`, `csv` or `json`.
    pub format: String,
    /// The encoding a CSV file was read in.
    pub encoding: Option<String>,
    /// The sheet read (XLSX).
    pub sheet: Option<String>,
    /// The header's row number (0 for JSON).
    pub header_row: u32,
    /// Data rows (JSON: filings).
    pub rows: usize,
    /// Rows without an error finding.
    pub rows_ok: usize,
    /// Rows with at least one error finding, their subject's included.
    pub rows_with_errors: usize,
    /// Subjects, i.e. filings.
    pub subjects: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Findings by MIIT return code.
    pub by_code: BTreeMap<String, usize>,
    /// Every finding, by row and column.
    pub findings: Vec<CellFinding>,
}

impl Report {
    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// Checks a spreadsheet (XLSX or CSV): [`Batch::read`], then every subject
/// ([`Batch::check_all`]: natively on every core).
pub fn check(bytes: &[u8], options: &Options) -> Result<Report, BatchError> {
    let batch = Batch::read(bytes, options)?;
    let findings = batch.check_all();
    Ok(batch.report(findings))
}

/// Checks a JSON file of filings: one filing (an object) or an array of
/// them, each with [`beian_rules::check_submission`]. A filing of the wrong
/// shape is a finding (5001) on its row; text that is not JSON is an error.
///
/// ```
/// let json = br#"[{"subject": {"documentNumber": "11010519491231002x"}}, 5]"#;
/// let report = beian_batch::check_json(json, &beian_batch::Options::default()).unwrap();
/// assert_eq!(report.rows, 2);
/// assert!(report.findings.iter().any(|f| f.row == Some(1) && f.finding.code.as_deref() == Some("1015")));
/// assert!(report.findings.iter().any(|f| f.row == Some(2) && f.finding.code.as_deref() == Some("5001")));
/// assert!(beian_batch::check_json(b"{", &Default::default()).is_err());
/// ```
pub fn check_json(bytes: &[u8], options: &Options) -> Result<Report, BatchError> {
    let mut findings = Vec::new();
    let mut report = check_json_each(bytes, options, |f| findings.push(f))?;
    report.findings = findings;
    Ok(report)
}

/// Checks a JSON file of filings like [`check_json`], handing each finding
/// to `sink` as soon as its filing is checked (in the order of the
/// filings; the lines of [`Options::max_findings_per_kind`] last). The
/// report returned has the counts and no findings. The text is read twice,
/// once to check it is JSON and count the filings (so that nothing is
/// handed to `sink` for a file that turns out unreadable), then one filing
/// at a time: the whole file is never held as a tree.
///
/// ```
/// let json = br#"[{"subject": {"documentNumber": "11010519491231002x"}}, 5]"#;
/// let mut rows = Vec::new();
/// let report = beian_batch::check_json_each(json, &Default::default(), |f| rows.push(f.row)).unwrap();
/// assert_eq!((report.rows, report.rows_with_errors), (2, 2));
/// assert!(report.findings.is_empty());
/// assert!(rows.contains(&Some(1)) && rows.contains(&Some(2)));
/// ```
pub fn check_json_each(
    bytes: &[u8],
    options: &Options,
    mut sink: impl FnMut(CellFinding),
) -> Result<Report, BatchError> {
    if bytes.len() > options.max_bytes {
        return Err(BatchError::TooLarge {
            size: bytes.len(),
            limit: options.max_bytes,
        });
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(
        |_| BatchError::Encoding {
            encoding: "UTF-8".into(),
        },
    )?;
    let json_error = |e: serde_json::Error| BatchError::Json {
        detail: e.to_string(),
    };
    let count = json_items(text, &mut |_, _| {}).map_err(json_error)?;
    if count > options.max_rows {
        return Err(BatchError::TooManyRows {
            limit: options.max_rows,
        });
    }
    let rules = beian_rules::Options {
        today: options.today,
    };
    let mut tally = tally::Tally::new(options.max_findings_per_kind);
    let mut with_errors = 0;
    json_items(text, &mut |i, item| {
        let row = Some(u32::try_from(i + 1).unwrap_or(u32::MAX));
        let found: Vec<Finding> = match Filing::from_json(&item.to_string()) {
            Ok(filing) => beian_rules::check_submission(&filing, &rules)
                .into_iter()
                .filter(|f| {
                    options.documents
                        || !(f.path.contains("/documents") || f.path.ends_with("/filingCreatedOn"))
                })
                .collect(),
            Err(e) => vec![e.finding()],
        };
        with_errors += usize::from(found.iter().any(Finding::is_error));
        for finding in found {
            let cell = CellFinding {
                row,
                column: None,
                field: None,
                header: None,
                value: None,
                finding,
            };
            if let Some(f) = tally.admit(cell) {
                sink(f);
            }
        }
    })
    .map_err(json_error)?;
    tally.summaries().into_iter().for_each(&mut sink);
    Ok(Report {
        format: "json".into(),
        encoding: None,
        sheet: None,
        header_row: 0,
        rows: count,
        rows_ok: count - with_errors,
        rows_with_errors: with_errors,
        subjects: count,
        errors: tally.errors,
        warnings: tally.warnings,
        by_code: tally.by_code,
        findings: Vec::new(),
    })
}

/// Reads `text` as one JSON value or an array of them, handing each (with
/// its 0-based index) to `each` as it is read; the number of them.
fn json_items(
    text: &str,
    each: &mut dyn FnMut(usize, serde_json::Value),
) -> Result<usize, serde_json::Error> {
    use serde::de::{Deserializer as _, SeqAccess, Visitor};
    struct Items<'a>(&'a mut dyn FnMut(usize, serde_json::Value));
    impl<'de> Visitor<'de> for Items<'_> {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a filing or an array of filings")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut n = 0;
            while let Some(item) = seq.next_element::<serde_json::Value>()? {
                (self.0)(n, item);
                n += 1;
            }
            Ok(n)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let trimmed = text.trim_start();
    let n = if trimmed.starts_with('[') {
        de.deserialize_seq(Items(each))?
    } else {
        let value: serde_json::Value = serde::Deserialize::deserialize(&mut de)?;
        each(0, value);
        1
    };
    de.end()?;
    Ok(n)
}
