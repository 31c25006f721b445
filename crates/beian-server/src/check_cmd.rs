//! `beian check FILE...` and `beian template --xlsx|--csv OUT`: the batch
//! import check of `beian-batch` on the command line (issue 9).
//!
//! - `beian check [--json] [--encoding auto|utf-8|gbk] [--today YYYY-MM-DD]
//!   [--max-rows N] [--documents] [--lang en|zh] FILE...`: checks each
//!   spreadsheet (`.xlsx`, `.csv`; other names by their first bytes) or JSON
//!   filing file (`.json`: one filing or an array). Prints the findings per
//!   row and cell as a table, or with `--json` one JSON document
//!   `{"files": [{"file", "report"} | {"file", "error"}]}`. Exit code: 2 when
//!   a file cannot be read, else 1 when any finding is an error, else 0.
//! - `beian template --xlsx OUT` / `--csv OUT` writes the template (`-`:
//!   standard output).
//!
//! The subcommands are declared in [`crate::cli`].

use std::fmt::Write as _;
use std::io::{self, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use beian_batch::{BatchError, CellFinding, Encoding, Format, Options, Report, TemplateFormat};
use beian_rules::{Date, Severity};
use clap::Args;

/// Arguments of `beian check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check: .xlsx, .csv, .json (`-`: standard input).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON document instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Encoding of CSV files: auto (BOM, else UTF-8 if valid, else GBK/GB18030), utf-8, gbk.
    #[arg(long, default_value = "auto", value_parser = parse_encoding)]
    pub encoding: Encoding,
    /// Today's date, YYYY-MM-DD (default: today in UTC+8).
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// The largest number of data rows per file.
    #[arg(long, default_value_t = beian_batch::DEFAULT_MAX_ROWS)]
    pub max_rows: usize,
    /// Also report the documents (scans) each filing needs.
    #[arg(long)]
    pub documents: bool,
    /// List at most N findings of one kind (rule and column) per file; the
    /// others are counted, and summarised in one line (0: list every one).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub max_findings_per_kind: usize,
    /// Language of the messages in the table: en or zh.
    #[arg(long, default_value = "en", value_parser = ["en", "zh"])]
    pub lang: String,
}

/// Arguments of `beian template`.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct TemplateArgs {
    /// Write the XLSX template to OUT (`-`: standard output).
    #[arg(long, value_name = "OUT")]
    pub xlsx: Option<PathBuf>,
    /// Write the CSV template (UTF-8 with BOM) to OUT (`-`: standard output).
    #[arg(long, value_name = "OUT")]
    pub csv: Option<PathBuf>,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("not a date (YYYY-MM-DD): {s:?}"))
}

fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// Why a file was not checked: it could not be read from disk, or not as a batch.
enum FileError {
    Io(io::Error),
    Batch(BatchError),
}

impl From<BatchError> for FileError {
    fn from(e: BatchError) -> Self {
        FileError::Batch(e)
    }
}

impl FileError {
    fn message(&self) -> beian_rules::Message {
        match self {
            FileError::Io(e) => beian_rules::Message::new(
                format!("无法读取文件：{e}"),
                format!("cannot read the file: {e}"),
            ),
            FileError::Batch(e) => e.message(),
        }
    }

    fn detail(&self) -> serde_json::Value {
        match self {
            FileError::Io(e) => serde_json::json!({"kind": "io", "detail": e.to_string()}),
            FileError::Batch(e) => serde_json::to_value(e).unwrap_or_default(),
        }
    }
}

/// A file read and ready to be checked: nothing printed yet.
enum Opened {
    Sheet(beian_batch::Batch),
    Json(Vec<u8>),
}

fn open_file(path: &Path, options: &Options) -> Result<Opened, FileError> {
    let meta_len = std::fs::metadata(path).map(|m| m.len()).ok();
    if let Some(len) = meta_len.and_then(|l| usize::try_from(l).ok()) {
        if len > options.max_bytes {
            return Err(BatchError::TooLarge {
                size: len,
                limit: options.max_bytes,
            }
            .into());
        }
    }
    let bytes = read_input(path).map_err(FileError::Io)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let trimmed = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let looks_json = trimmed
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[');
    let format = match ext.as_str() {
        "json" => return Ok(Opened::Json(bytes)),
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        "csv" | "tsv" | "txt" => Some(Format::Csv),
        _ if looks_json => return Ok(Opened::Json(bytes)),
        _ => None,
    };
    let batch = beian_batch::Batch::read(
        &bytes,
        &Options {
            format,
            ..options.clone()
        },
    )?;
    Ok(Opened::Sheet(batch))
}

/// Standard output, buffered; after the first failed write (a closed
/// pipe) nothing more is written.
struct Out {
    w: io::BufWriter<io::StdoutLock<'static>>,
    failed: bool,
}

impl Out {
    fn put(&mut self, text: &str) {
        if !self.failed && self.w.write_all(text.as_bytes()).is_err() {
            self.failed = true;
        }
    }

    fn json(&mut self, value: &impl serde::Serialize) {
        if !self.failed && serde_json::to_writer(&mut self.w, value).is_err() {
            self.failed = true;
        }
    }

    fn flush(&mut self) {
        if !self.failed {
            if let Err(e) = self.w.flush() {
                self.failed = true;
                if e.kind() != io::ErrorKind::BrokenPipe {
                    eprintln!("beian: {e}");
                }
            }
        }
    }
}

/// Runs `beian check`: the exit code is 2 when a file cannot be read,
/// else 1 when any finding is an error, else 0.
///
/// Findings are written as they are found, none kept: with `--json` one
/// JSON document `{"files": [...]}` written piece by piece, each file's
/// `report` starting with its `findings` (one per line) and ending with its
/// counts; as a table, a file's findings, then its counts.
pub fn check(args: CheckArgs) -> ExitCode {
    let options = Options {
        encoding: args.encoding,
        today: args.today.or_else(crate_today),
        max_rows: args.max_rows,
        documents: args.documents,
        max_findings_per_kind: (args.max_findings_per_kind > 0)
            .then_some(args.max_findings_per_kind),
        ..Options::default()
    };
    let mut unreadable = false;
    let mut errors = false;
    let mut out = Out {
        w: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        failed: false,
    };
    if args.json {
        out.put("{\"files\":[");
    }
    for (i, path) in args.files.iter().enumerate() {
        let shown = path.display().to_string();
        if args.json && i > 0 {
            out.put(",");
        }
        let report = match open_file(path, &options) {
            Ok(opened) if args.json => json_report(&mut out, &shown, &opened, &options),
            Ok(opened) => table_report(&mut out, &shown, &opened, &options, &args.lang),
            Err(e) => Err(e),
        };
        match report {
            Ok(report) => errors |= report.has_errors(),
            Err(e) => {
                unreadable = true;
                let message = e.message();
                eprintln!("beian: {shown}: {}", message.get(&args.lang));
                if args.json {
                    out.json(&serde_json::json!({
                        "file": shown,
                        "error": {"detail": e.detail(), "message": message},
                    }));
                }
            }
        }
        out.put(if args.json { "\n" } else { "" });
    }
    if args.json {
        out.put("]}\n");
    }
    out.flush();
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks an opened file, handing each finding to `sink`.
fn check_opened(
    opened: &Opened,
    options: &Options,
    sink: impl FnMut(CellFinding),
) -> Result<Report, FileError> {
    match opened {
        Opened::Sheet(batch) => Ok(batch.check_each(sink)),
        Opened::Json(bytes) => Ok(beian_batch::check_json_each(bytes, options, sink)?),
    }
}

/// One file of the JSON document: `{"file": …, "report": {"findings": [ …
/// ], counts…}}`, or nothing when the file cannot be checked (a JSON file
/// is read through before its first finding).
fn json_report(
    out: &mut Out,
    file: &str,
    opened: &Opened,
    options: &Options,
) -> Result<Report, FileError> {
    let head = |out: &mut Out| {
        out.put("{\"file\":");
        out.json(&file);
        out.put(",\"report\":{\"findings\":[");
    };
    let mut first = true;
    let report = check_opened(opened, options, |f| {
        if first {
            head(out);
        } else {
            out.put(",");
        }
        out.put("\n");
        out.json(&f);
        first = false;
    })?;
    if first {
        head(out);
    }
    out.put("]");
    if let Ok(serde_json::Value::Object(counts)) = serde_json::to_value(&report) {
        for (key, value) in counts.iter().filter(|(k, _)| *k != "findings") {
            out.put(",");
            out.json(key);
            out.put(":");
            out.json(value);
        }
    }
    out.put("}}");
    Ok(report)
}

/// One file as a table: a line naming the file, its findings as they come,
/// then its counts.
fn table_report(
    out: &mut Out,
    file: &str,
    opened: &Opened,
    options: &Options,
    lang: &str,
) -> Result<Report, FileError> {
    let mut title = format!("{file}: ");
    match opened {
        Opened::Sheet(batch) => {
            let _ = write!(title, "{}", batch.format());
            if let Some(enc) = batch.encoding() {
                let _ = write!(title, " ({enc})");
            }
            if let Some(sheet) = batch.sheet() {
                let _ = write!(title, ", sheet {sheet}");
            }
        }
        Opened::Json(_) => title.push_str("json"),
    }
    let mut any = false;
    let report = check_opened(opened, options, |f| {
        if !any {
            out.put(&title);
            out.put("\n");
            out.put(&table_line(HEADS.map(str::to_string)));
            any = true;
        }
        out.put(&table_line(table_cells(&f, lang)));
    })?;
    if !any {
        out.put(&title);
        out.put("\n  no findings\n");
    }
    out.put(&format!(
        "  {} rows: {} ok, {} with errors; {} subjects; {} errors, {} warnings\n",
        report.rows,
        report.rows_ok,
        report.rows_with_errors,
        report.subjects,
        report.errors,
        report.warnings
    ));
    let codes: Vec<String> = report
        .by_code
        .iter()
        .map(|(c, n)| format!("{c}×{n}"))
        .collect();
    if !codes.is_empty() {
        out.put(&format!("  by MIIT code: {}\n", codes.join(", ")));
    }
    Ok(report)
}

fn crate_today() -> Option<Date> {
    crate::clock::today_utc8()
}

const HEADS: [&str; 6] = ["ROW", "COL", "FIELD", "SEVERITY", "CODE", "RULE  MESSAGE"];
/// Widths of the first five columns: a row number, a column letter, the
/// longest layout key (`websitePersonDocumentNumber`), a severity, a code.
/// Findings are written as they come, so the widths are fixed; a longer
/// cell (a path) moves the rest of its line.
const WIDTHS: [usize; 5] = [6, 3, 27, 8, 4];

/// The cells of one finding in the table.
fn table_cells(f: &CellFinding, lang: &str) -> [String; 6] {
    let sev = match f.finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let mut msg = f.finding.message.get(lang).to_string();
    if let Some(s) = &f.finding.suggestion {
        let _ = write!(msg, " → {s}");
    }
    [
        f.row.map_or_else(|| "-".into(), |r| r.to_string()),
        f.column.clone().unwrap_or_else(|| "-".into()),
        f.field.clone().unwrap_or_else(|| {
            if f.finding.path.is_empty() {
                "-".into()
            } else {
                f.finding.path.clone()
            }
        }),
        sev.to_string(),
        f.finding.code.clone().unwrap_or_else(|| "-".into()),
        format!("{}  {msg}", f.finding.rule),
    ]
}

fn table_line(cells: [String; 6]) -> String {
    let mut line = String::from(" ");
    for (i, c) in cells.iter().enumerate() {
        line.push(' ');
        line.push_str(c);
        if let Some(w) = WIDTHS.get(i) {
            let pad = w.saturating_sub(c.chars().count());
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    line.push('\n');
    line
}

/// Runs `beian template`.
pub fn template(args: TemplateArgs) -> ExitCode {
    let (format, path) = match (args.xlsx, args.csv) {
        (Some(p), _) => (TemplateFormat::Xlsx, p),
        (None, Some(p)) => (TemplateFormat::Csv, p),
        (None, None) => {
            eprintln!("beian: give --xlsx OUT or --csv OUT");
            return ExitCode::from(2);
        }
    };
    let bytes = beian_batch::template(format);
    let result = if path.as_os_str() == "-" {
        let mut stdout = io::stdout().lock();
        stdout.write_all(&bytes).and_then(|()| stdout.flush())
    } else {
        std::fs::write(&path, &bytes)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("beian: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
