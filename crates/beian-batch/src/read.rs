//! Reading bytes into a grid of cells: CSV (UTF-8 with or without BOM,
//! UTF-16 with BOM, GBK/GB18030) and XLSX (streamed, so that a sparse
//! sheet with a cell at XFD1048576 costs nothing).

use std::collections::BTreeMap;
use std::io::Cursor;

use beian_rules::{Finding, Message, Severity};
use calamine::{DataRef, Reader, Xlsx};

use crate::{BatchError, Encoding, Options};

/// A finding made while reading, at a zero-based column (if any).
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    /// 1-based row number as the spreadsheet shows it.
    pub row: Option<u32>,
    /// 0-based column.
    pub col: Option<u32>,
    pub value: Option<String>,
    pub finding: Finding,
}

/// The non-empty cells of one sheet.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// The sheet's name (XLSX only).
    pub sheet: Option<String>,
    /// The encoding the text was read in (CSV only).
    pub encoding: Option<&'static str>,
    /// Non-empty rows, by 1-based row number; each cell (0-based column, value).
    pub rows: BTreeMap<u32, Vec<(u32, String)>>,
    pub findings: Vec<Pending>,
}

/// Spreadsheet columns beyond this are ignored (Excel's last is XFD = 16383).
const MAX_COL: u32 = 16_384;

pub(crate) fn finding(
    rule: &str,
    code: Option<&str>,
    severity: Severity,
    zh: String,
    en: String,
) -> Finding {
    Finding::new(rule, code, "", severity, Message::new(zh, en))
}

impl Grid {
    fn push(&mut self, row: u32, col: u32, value: String, limit: usize) -> Result<(), BatchError> {
        if col >= MAX_COL || value.trim().is_empty() {
            return Ok(());
        }
        let len = self.rows.len();
        // Cells come row by row: the last row, without a lookup.
        let cells = match self.rows.last_entry() {
            Some(e) if *e.key() == row => e.into_mut(),
            _ => self.rows.entry(row).or_default(),
        };
        if cells.is_empty() && len > limit {
            return Err(BatchError::TooManyRows {
                limit: limit.saturating_sub(HEADER_SLACK),
            });
        }
        cells.push((col, value));
        Ok(())
    }
}

/// Rows above the data that may hold a title and the header.
pub(crate) const HEADER_SLACK: usize = 10;

/// Decodes CSV bytes to text: a BOM decides; else `encoding`; `Auto` reads
/// valid UTF-8 as UTF-8 and anything else as GB18030 (a superset of GBK,
/// what Excel in China writes).
///
/// ```
/// use beian_batch::{decode, Encoding};
/// let gbk = [0xd6, 0xd0, 0xce, 0xc4]; // 中文 in GBK
/// assert_eq!(decode(&gbk, Encoding::Auto).unwrap(), ("中文".to_string(), "gb18030"));
/// assert_eq!(decode("\u{feff}中文".as_bytes(), Encoding::Auto).unwrap().0, "中文");
/// assert!(decode(&gbk, Encoding::Utf8).is_err());
/// ```
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<(String, &'static str), BatchError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), "utf-8")),
            Err(_) => Err(BatchError::Encoding {
                encoding: "UTF-8".into(),
            }),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, used, _) = encoding_rs::UTF_16LE.decode(bytes);
        let name = if used == encoding_rs::UTF_16BE {
            "utf-16be"
        } else {
            "utf-16le"
        };
        return Ok((text.into_owned(), name));
    }
    let gb = || {
        let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        (text.into_owned(), "gb18030")
    };
    match encoding {
        Encoding::Auto => Ok(match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), "utf-8"),
            Err(_) => gb(),
        }),
        Encoding::Utf8 => std::str::from_utf8(bytes)
            .map(|s| (s.to_string(), "utf-8"))
            .map_err(|_| BatchError::Encoding {
                encoding: "UTF-8".into(),
            }),
        Encoding::Gbk => Ok(gb()),
    }
}

/// The delimiter of a CSV text: the most frequent of `,` `\t` `;` in the
/// first line (comma on a tie).
fn delimiter(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or("");
    let count = |c: char| line.matches(c).count();
    let (comma, tab, semi) = (count(','), count('\t'), count(';'));
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma && semi > tab {
        b';'
    } else {
        b','
    }
}

pub(crate) fn read_csv(bytes: &[u8], options: &Options) -> Result<Grid, BatchError> {
    let (text, name) = decode(bytes, options.encoding)?;
    let mut grid = Grid {
        encoding: Some(name),
        ..Grid::default()
    };
    if text.contains('\u{FFFD}') && name == "gb18030" {
        grid.findings.push(Pending {
            row: None,
            col: None,
            value: None,
            finding: finding(
                "batch.encoding",
                None,
                Severity::Warning,
                "文件中有无法按 GBK/GB18030 解码的字节，已显示为 �。请确认文件编码。".into(),
                "Some bytes are not GBK/GB18030 and show as �. Check the file's encoding.".into(),
            ),
        });
    }
    let limit = options.max_rows.saturating_add(HEADER_SLACK);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut formulas: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    // Rows are numbered by line, as a spreadsheet opening the file numbers
    // them (blank lines count; a cell with line breaks makes them differ).
    let (mut row, mut counted) = (1u32, 0usize);
    for record in reader.records() {
        if let Some(mut at) = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.byte() as usize)
        {
            // The position is where reading started: skip the blank lines.
            while text
                .as_bytes()
                .get(at)
                .is_some_and(|b| *b == b'\n' || *b == b'\r')
            {
                at += 1;
            }
            let lines = text
                .as_bytes()
                .get(counted..at)
                .map_or(0, |s| s.iter().filter(|b| **b == b'\n').count());
            row = row.saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
            counted = at.max(counted);
        } else {
            row = row.saturating_add(1);
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                grid.findings.push(Pending {
                    row: Some(row),
                    col: None,
                    value: None,
                    finding: finding(
                        "batch.csv",
                        Some("5001"),
                        Severity::Error,
                        format!("CSV 格式错误，其后的行未读取：{e}"),
                        format!("Malformed CSV; the rest of the file was not read: {e}"),
                    ),
                });
                break;
            }
        };
        for (c, field) in record.iter().enumerate() {
            let col = u32::try_from(c).unwrap_or(u32::MAX);
            let mut value = field.to_string();
            // ="0123": Excel's way to keep a text, not a formula.
            if let Some(inner) = value.strip_prefix("=\"").and_then(|v| v.strip_suffix('"')) {
                if !inner.contains('"') {
                    value = inner.to_string();
                }
            } else if value.starts_with('=') && value.len() > 1 {
                let e = formulas.entry(col).or_insert((row, 0));
                e.1 += 1;
            }
            grid.push(row, col, value, limit)?;
        }
    }
    formula_findings(&mut grid, formulas);
    Ok(grid)
}

fn formula_findings(grid: &mut Grid, formulas: BTreeMap<u32, (u32, usize)>) {
    for (col, (row, n)) in formulas {
        grid.findings.push(Pending {
            row: Some(row),
            col: Some(col),
            value: None,
            finding: finding(
                "batch.formula",
                None,
                Severity::Warning,
                format!("此列有 {n} 个单元格是公式（第一个在本行）：检查的是公式的结果；上传前请改为“选择性粘贴→数值”。"),
                format!("{n} cells of this column hold formulas (the first on this row): their results were checked; paste them as values before uploading."),
            ),
        });
    }
}

/// Names of the data sheet (the template's first), in order of preference.
pub const SHEET_NAMES: [&str; 2] = ["备案信息", "filings"];
/// Names of the template's notes sheet, never read as data.
pub(crate) const NOTES_SHEETS: [&str; 2] = ["说明", "notes"];

fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b)
}

fn excel_float(f: f64) -> (String, bool) {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        (format!("{}", f as i64), false)
    } else {
        (format!("{f}"), f.is_finite() && f.abs() >= 1e15)
    }
}

/// Unpacked size a workbook may have besides its rows: the template's
/// parts take 30 KB; styles, a theme, a notes sheet and Excel's other
/// parts stay well within this.
pub const UNPACKED_BASE: usize = 4 * 1024 * 1024;
/// Unpacked size per data row: a row of the template's 35 columns, every
/// one filled with a realistic value, takes about 1.6 KB as Excel writes it
/// (shared strings, a style on each cell) and 2.5 KB with inline strings
/// (what streaming writers write); 4 KB leaves a margin.
pub const UNPACKED_PER_ROW: usize = 4096;
/// The longest text between two XML tags, or the longest tag, in an
/// unpacked part: an Excel cell holds at most 32,767 characters, each at
/// most 10 bytes as XML (`&#x10FFFF;`). Longer runs are padding built to
/// make the reader buffer them.
pub const MAX_XML_RUN: usize = 32_767 * 10;

/// The most an XLSX may unpack to for `options`: [`UNPACKED_BASE`] and
/// [`UNPACKED_PER_ROW`] for each row allowed (with the rows above the
/// header). 100,000 rows: 405 MB.
///
/// ```
/// let limit = beian_batch::unpacked_limit(&beian_batch::Options::default());
/// assert_eq!(limit, 4 * 1024 * 1024 + 100_010 * 4096);
/// ```
pub fn unpacked_limit(options: &Options) -> usize {
    UNPACKED_BASE.saturating_add(
        options
            .max_rows
            .saturating_add(HEADER_SLACK)
            .saturating_mul(UNPACKED_PER_ROW),
    )
}

/// Parts not scanned for [`MAX_XML_RUN`] (their bytes still count towards
/// the unpacked size): pictures and other binary parts.
fn binary_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".bin", ".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".tif", ".tiff", ".bmp",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// Inflates every part of the workbook once, streamed and kept nowhere,
/// before the reader parses any: counts the bytes they really unpack to
/// (the sizes a zip declares may lie) against `limit`, refuses a run of
/// text longer than [`MAX_XML_RUN`], and tells whether a worksheet holds
/// merged cells (`<mergeCell`).
fn scan(bytes: &[u8], limit: usize) -> Result<bool, BatchError> {
    use std::io::Read;
    const NEEDLE: &[u8] = b"<mergeCell";
    let corrupt = |e: &dyn std::fmt::Display| BatchError::Corrupt {
        detail: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
    let mut total = 0usize;
    let mut merges = false;
    let mut buf = vec![0u8; 1 << 16];
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| corrupt(&e))?;
        let name = file.name().unwrap_or_default().to_string();
        let sheet = name.starts_with("xl/worksheets/");
        let text = !binary_part(&name);
        let mut run = 0usize;
        let mut carry = 0;
        loop {
            let n = match file.read(&mut buf[carry..]) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(corrupt(&e)),
            };
            total = total.saturating_add(n);
            if total > limit {
                return Err(BatchError::TooLargeUnpacked { limit });
            }
            let filled = carry + n;
            if text {
                for &b in &buf[carry..filled] {
                    if b == b'<' || b == b'>' {
                        run = 0;
                    } else {
                        run += 1;
                        if run > MAX_XML_RUN {
                            return Err(BatchError::OversizedText { part: name });
                        }
                    }
                }
            }
            if sheet && !merges {
                merges = buf[..filled].windows(NEEDLE.len()).any(|w| w == NEEDLE);
                carry = (NEEDLE.len() - 1).min(filled);
                buf.copy_within(filled - carry..filled, 0);
            } else {
                carry = 0;
            }
        }
    }
    Ok(merges)
}

pub(crate) fn read_xlsx(bytes: &[u8], options: &Options) -> Result<Grid, BatchError> {
    let corrupt = |e: &dyn std::fmt::Display| BatchError::Corrupt {
        detail: e.to_string(),
    };
    // A zip bomb is refused before anything is inflated.
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
    let limit = unpacked_limit(options);
    if archive.decompressed_size().unwrap_or(u128::MAX) > limit as u128 {
        return Err(BatchError::TooLargeUnpacked { limit });
    }
    drop(archive);
    // Then what the parts really unpack to, and their longest texts.
    let merges = scan(bytes, limit)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
    let names = book.sheet_names();
    let mut grid = Grid::default();
    let matching: Vec<&String> = names
        .iter()
        .filter(|n| SHEET_NAMES.iter().any(|s| same_name(n, s)))
        .collect();
    let sheet = match matching.as_slice() {
        [one] => (*one).clone(),
        [] => {
            let data: Vec<&String> = names
                .iter()
                .filter(|n| !NOTES_SHEETS.iter().any(|s| same_name(n, s)))
                .collect();
            let [one] = data.as_slice() else {
                return Err(BatchError::NoSheet {
                    found: names.clone(),
                });
            };
            grid.findings.push(Pending {
                row: None,
                col: None,
                value: None,
                // The template's sheet name: 001 ISP 1.3.
                finding: finding(
                    "batch.sheet_name",
                    None,
                    Severity::Warning,
                    format!("工作表名称是“{one}”，模板中为“{}”：已按唯一的数据表读取；上传前请改回模板名称。", SHEET_NAMES[0]),
                    format!("The sheet is named \"{one}\", the template's is \"{}\": read as the only data sheet; rename it before uploading.", SHEET_NAMES[0]),
                ),
            });
            (*one).clone()
        }
        _ => {
            return Err(BatchError::AmbiguousSheet {
                found: matching.into_iter().cloned().collect(),
            })
        }
    };
    grid.sheet = Some(sheet.clone());
    // Reading the merged regions parses the whole sheet once more: only
    // when some sheet has any.
    let merged = if merges {
        book.merge_cells_by_sheet_name(&sheet)
            .map_err(|e| corrupt(&e))?
    } else {
        Vec::new()
    };
    let limit = options.max_rows.saturating_add(HEADER_SLACK);
    let mut formulas: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    let mut pending = Vec::new();
    {
        let mut reader = book
            .worksheet_cells_reader(&sheet)
            .map_err(|e| corrupt(&e))?;
        while let Some(cell) = reader.next_cell_with_formula().map_err(|e| corrupt(&e))? {
            let (r, col) = cell.pos;
            let row = r.saturating_add(1);
            if cell.formula.is_some() {
                let e = formulas.entry(col).or_insert((row, 0));
                e.1 += 1;
            }
            let value = match cell.value {
                DataRef::Empty => continue,
                DataRef::Int(i) => i.to_string(),
                DataRef::Float(f) => {
                    let (s, lost) = excel_float(f);
                    if lost {
                        pending.push(Pending {
                            row: Some(row),
                            col: Some(col),
                            value: Some(s.clone()),
                            finding: finding(
                                "batch.lost_digits",
                                Some("5001"),
                                Severity::Error,
                                "此单元格是数字格式，超过 15 位的数字已被 Excel 改写（末位变成 0）。请把该列设为文本格式后重新输入。".into(),
                                "This cell is a number: Excel keeps only 15 digits, the last ones are lost. Format the column as text and enter the value again.".into(),
                            ),
                        });
                    }
                    s
                }
                DataRef::String(s) => s,
                DataRef::SharedString(s) => s.to_string(),
                DataRef::Bool(b) => if b { "TRUE" } else { "FALSE" }.to_string(),
                DataRef::DateTime(d) => excel_float(d.as_f64()).0,
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s,
                DataRef::Error(e) => {
                    pending.push(Pending {
                        row: Some(row),
                        col: Some(col),
                        value: Some(e.to_string()),
                        finding: finding(
                            "batch.cell_error",
                            Some("5001"),
                            Severity::Error,
                            format!("单元格的值是错误 {e}（公式出错）：请填写实际的值。"),
                            format!("The cell holds the error {e} (a failed formula): enter the actual value."),
                        ),
                    });
                    continue;
                }
            };
            grid.push(row, col, value, limit)?;
        }
    }
    // Merged cells: the value of the top-left cell is read into each row of
    // the region that holds other data, with a warning.
    for region in merged {
        let (top, left) = region.start;
        let (bottom, _) = region.end;
        if bottom <= top {
            continue;
        }
        let (top1, bottom1) = (top.saturating_add(1), bottom.saturating_add(1));
        let value = grid
            .rows
            .get(&top1)
            .and_then(|cells| cells.iter().find(|(c, _)| *c == left))
            .map(|(_, v)| v.clone());
        if let Some(value) = value {
            for (_, cells) in grid.rows.range_mut(top1 + 1..=bottom1) {
                if !cells.iter().any(|(c, _)| *c == left) {
                    cells.push((left, value.clone()));
                }
            }
        }
        let range = format!(
            "{}{}:{}{}",
            crate::layout::column_letter(left),
            top1,
            crate::layout::column_letter(region.end.1),
            bottom1
        );
        pending.push(Pending {
            row: Some(top1),
            col: Some(left),
            value: None,
            finding: finding(
                "batch.merged_cells",
                None,
                Severity::Warning,
                format!("合并单元格 {range}：已把左上角的值用于区域内的每一行；备案系统的导入模板不接受合并单元格，上传前请取消合并并逐行填写。"),
                format!("Merged cells {range}: the top-left value was used for every row of the region; the filing system's import template does not take merged cells: unmerge and fill each row before uploading."),
            ),
        });
    }
    grid.findings.append(&mut pending);
    formula_findings(&mut grid, formulas);
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_are_found_across_chunks() {
        let data = format!("{}<mergeCell ref=\"A1:A2\"/>", " ".repeat((1 << 16) - 5));
        let parts = [("xl/worksheets/sheet1.xml", data)];
        assert_eq!(
            scan(&crate::template::zip_stored(&parts), 1 << 20),
            Ok(true)
        );
        let template = crate::template::template(crate::TemplateFormat::Xlsx);
        assert_eq!(scan(&template, 1 << 20), Ok(false));
    }

    #[test]
    fn scan_counts_the_real_size_and_refuses_long_runs() {
        let template = crate::template::template(crate::TemplateFormat::Xlsx);
        // The template unpacks to about 30 KB.
        assert_eq!(scan(&template, 64 * 1024), Ok(false));
        assert_eq!(
            scan(&template, 16 * 1024),
            Err(BatchError::TooLargeUnpacked { limit: 16 * 1024 })
        );
        // A cell of Excel's longest text passes; a longer run does not,
        // wherever the chunks of inflating split it.
        let cell = |n: usize| format!("<c><is><t>{}</t></is></c>", "&#x10FFFF;".repeat(n / 10));
        let ok = [("xl/worksheets/sheet1.xml", cell(MAX_XML_RUN))];
        assert_eq!(scan(&crate::template::zip_stored(&ok), 1 << 30), Ok(false));
        let long = [(
            "xl/sharedStrings.xml",
            format!("<sst>{}</sst>", " ".repeat(MAX_XML_RUN + 1)),
        )];
        assert_eq!(
            scan(&crate::template::zip_stored(&long), 1 << 30),
            Err(BatchError::OversizedText {
                part: "xl/sharedStrings.xml".into()
            })
        );
        // Pictures are counted, not read as text.
        let picture = [("xl/media/image1.png", "x".repeat(MAX_XML_RUN + 1))];
        assert_eq!(
            scan(&crate::template::zip_stored(&picture), 1 << 30),
            Ok(false)
        );
    }

    #[test]
    fn delimiters() {
        assert_eq!(delimiter("a,b,c\n"), b',');
        assert_eq!(delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(delimiter("a;b;c\n"), b';');
        assert_eq!(delimiter(""), b',');
    }

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("主办单位名称,网站域名");
        assert_eq!(decode(&gbk, Encoding::Auto).unwrap().1, "gb18030");
        assert_eq!(
            decode(&gbk, Encoding::Gbk).unwrap().0,
            "主办单位名称,网站域名"
        );
        assert!(matches!(
            decode(&gbk, Encoding::Utf8),
            Err(BatchError::Encoding { .. })
        ));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("中,a".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(
            decode(&utf16, Encoding::Auto).unwrap(),
            ("中,a".to_string(), "utf-16le")
        );
        // A BOM wins over the option.
        assert_eq!(decode(b"\xEF\xBB\xBFab", Encoding::Gbk).unwrap().0, "ab");
    }

    #[test]
    fn floats() {
        assert_eq!(excel_float(110000.0), ("110000".into(), false));
        assert_eq!(excel_float(13800138000.0), ("13800138000".into(), false));
        assert!(excel_float(110105194912310000.0).1);
        assert_eq!(excel_float(1.5).0, "1.5");
        assert!(!excel_float(f64::NAN).1);
    }

    #[test]
    fn csv_rows_are_lines() {
        let g = read_csv("t\n\na,b\r\n\r\n1,2\n".as_bytes(), &Options::default()).unwrap();
        assert_eq!(g.rows.keys().copied().collect::<Vec<_>>(), [1, 3, 5]);
    }

    #[test]
    fn csv_formulas_and_text_trick() {
        let g = read_csv("a,b\n=\"0123\",=A1+1\n".as_bytes(), &Options::default()).unwrap();
        assert_eq!(
            g.rows[&2],
            vec![(0, "0123".to_string()), (1, "=A1+1".to_string())]
        );
        assert_eq!(g.findings.len(), 1);
        assert_eq!(g.findings[0].finding.rule, "batch.formula");
        assert_eq!(g.findings[0].col, Some(1));
    }

    #[test]
    fn row_limit() {
        let opts = Options {
            max_rows: 3,
            ..Options::default()
        };
        let text = "a\n".repeat(3 + HEADER_SLACK + 2);
        assert!(matches!(
            read_csv(text.as_bytes(), &opts),
            Err(BatchError::TooManyRows { limit: 3 })
        ));
    }
}
