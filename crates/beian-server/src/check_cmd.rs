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
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use beian_batch::{BatchError, Encoding, Format, Options, Report, TemplateFormat};
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

fn check_file(path: &Path, options: &Options) -> Result<Report, FileError> {
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
        "json" => return Ok(beian_batch::check_json(&bytes, options)?),
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        "csv" | "tsv" | "txt" => Some(Format::Csv),
        _ if looks_json => return Ok(beian_batch::check_json(&bytes, options)?),
        _ => None,
    };
    Ok(beian_batch::check(
        &bytes,
        &Options {
            format,
            ..options.clone()
        },
    )?)
}

/// Runs `beian check`: the exit code is 2 when a file cannot be read,
/// else 1 when any finding is an error, else 0.
pub fn check(args: CheckArgs) -> ExitCode {
    let options = Options {
        encoding: args.encoding,
        today: args.today.or_else(crate_today),
        max_rows: args.max_rows,
        documents: args.documents,
        ..Options::default()
    };
    let mut unreadable = false;
    let mut errors = false;
    let mut files = Vec::new();
    let mut text = String::new();
    for path in &args.files {
        let shown = path.display().to_string();
        match check_file(path, &options) {
            Ok(report) => {
                errors |= report.has_errors();
                if args.json {
                    files.push(serde_json::json!({"file": shown, "report": report}));
                } else {
                    table(&mut text, &shown, &report, &args.lang);
                }
            }
            Err(e) => {
                unreadable = true;
                let message = e.message();
                eprintln!("beian: {shown}: {}", message.get(&args.lang));
                if args.json {
                    files.push(serde_json::json!({
                        "file": shown,
                        "error": {"detail": e.detail(), "message": message},
                    }));
                }
            }
        }
    }
    let out = if args.json {
        serde_json::json!({ "files": files }).to_string() + "\n"
    } else {
        text
    };
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("beian: {e}");
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn crate_today() -> Option<Date> {
    crate::clock::today_utc8()
}

/// The human table of one report.
fn table(out: &mut String, file: &str, report: &Report, lang: &str) {
    let _ = write!(out, "{file}: {}", report.format);
    if let Some(enc) = &report.encoding {
        let _ = write!(out, " ({enc})");
    }
    if let Some(sheet) = &report.sheet {
        let _ = write!(out, ", sheet {sheet}");
    }
    let _ = writeln!(
        out,
        ", {} rows: {} ok, {} with errors; {} subjects; {} errors, {} warnings",
        report.rows,
        report.rows_ok,
        report.rows_with_errors,
        report.subjects,
        report.errors,
        report.warnings
    );
    if report.findings.is_empty() {
        let _ = writeln!(out, "  no findings");
        return;
    }
    let rows: Vec<[String; 6]> = report
        .findings
        .iter()
        .map(|f| {
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
        })
        .collect();
    let heads = ["ROW", "COL", "FIELD", "SEVERITY", "CODE", "RULE  MESSAGE"];
    let mut widths = heads.map(str::len);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.iter()).take(5) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut String, cells: [&str; 6]| {
        let _ = write!(out, " ");
        for (i, c) in cells.iter().enumerate() {
            if i < 5 {
                let pad = widths[i].saturating_sub(c.chars().count());
                let _ = write!(out, " {c}{}", " ".repeat(pad));
            } else {
                let _ = write!(out, " {c}");
            }
        }
        out.push('\n');
    };
    line(out, heads);
    for r in &rows {
        line(out, [&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]);
    }
    let codes: Vec<String> = report
        .by_code
        .iter()
        .map(|(c, n)| format!("{c}×{n}"))
        .collect();
    if !codes.is_empty() {
        let _ = writeln!(out, "  by MIIT code: {}", codes.join(", "));
    }
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
