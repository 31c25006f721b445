//! The template: the layout's header row as XLSX (with a notes sheet, every
//! column formatted as text so that long ID numbers keep their digits) or
//! as CSV (UTF-8 with BOM, so that Excel opens it in the right encoding).
//!
//! The XLSX is written by hand: six small XML parts in a zip, stored.

use std::io::{Cursor, Write};

use serde::{Deserialize, Serialize};

use crate::layout::{column_letter, COLUMNS};
use crate::read::{NOTES_SHEETS, SHEET_NAMES};

/// The template's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum TemplateFormat {
    /// Excel workbook: sheet `备案信息` with the header, sheet `说明` with notes.
    Xlsx,
    /// CSV, UTF-8 with BOM: the header row.
    Csv,
}

/// The template file's bytes.
///
/// ```
/// use beian_batch::{template, TemplateFormat};
/// let csv = String::from_utf8(template(TemplateFormat::Csv)).unwrap();
/// assert!(csv.starts_with("\u{feff}主办单位性质,主办单位名称,"));
/// let xlsx = template(TemplateFormat::Xlsx);
/// assert!(xlsx.starts_with(b"PK"));
/// // An empty template reads back with no data row.
/// let report = beian_batch::check(&xlsx, &Default::default()).unwrap();
/// assert_eq!((report.rows, report.errors), (0, 0));
/// ```
pub fn template(format: TemplateFormat) -> Vec<u8> {
    match format {
        TemplateFormat::Csv => csv(),
        TemplateFormat::Xlsx => xlsx(),
    }
}

fn csv() -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.zh).collect();
    out.extend_from_slice(header.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

fn row(r: usize, cells: &[&str], style: u8) -> String {
    let mut s = format!(r#"<row r="{r}">"#);
    for (c, text) in cells.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let col = column_letter(u32::try_from(c).unwrap_or(0));
        s.push_str(&format!(
            r#"<c r="{col}{r}" t="inlineStr" s="{style}"><is><t xml:space="preserve">{}</t></is></c>"#,
            escape(text)
        ));
    }
    s.push_str("</row>");
    s
}

fn sheet(rows: &str, columns: usize, width: u32) -> String {
    format!(
        r#"{XML_HEAD}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols><col min="1" max="{columns}" width="{width}" style="1" customWidth="1"/></cols><sheetData>{rows}</sheetData></worksheet>"#
    )
}

fn xlsx() -> Vec<u8> {
    let data = sheet(
        &row(1, &COLUMNS.iter().map(|c| c.zh).collect::<Vec<_>>(), 2),
        COLUMNS.len(),
        20,
    );
    let mut notes = row(
        1,
        &[
            "列 column",
            "表头 header",
            "英文表头 key",
            "说明 description",
            "必填 required",
            "填写说明",
            "notes",
            "示例 example",
        ],
        2,
    );
    for (i, c) in COLUMNS.iter().enumerate() {
        let letter = column_letter(u32::try_from(i).unwrap_or(0));
        let required = if c.required { "是 yes" } else { "" };
        notes.push_str(&row(
            i + 2,
            &[
                &letter, c.zh, c.key, c.en, required, c.note_zh, c.note_en, c.example,
            ],
            1,
        ));
    }
    let notes = sheet(&notes, 8, 24);
    let ws = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    let parts: [(&str, String); 7] = [
        (
            "[Content_Types].xml",
            format!(
                r#"{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ws}"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="{ws}"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"{XML_HEAD}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/><sheet name="{}" sheetId="2" r:id="rId2"/></sheets></workbook>"#,
                SHEET_NAMES[0], NOTES_SHEETS[0]
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"{XML_HEAD}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/styles.xml",
            format!(
                r#"{XML_HEAD}<styleSheet xmlns="{MAIN}"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", data),
        ("xl/worksheets/sheet2.xml", notes),
    ];
    zip_stored(&parts)
}

/// A zip of `parts`, stored (not compressed).
pub(crate) fn zip_stored(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        // Writing to a Vec cannot fail.
        let _ = zip.start_file(*name, options);
        let _ = zip.write_all(text.as_bytes());
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_template_round_trips() {
        let bytes = template(TemplateFormat::Csv);
        let report = crate::check(&bytes, &crate::Options::default()).unwrap();
        assert_eq!(report.rows, 0);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        assert_eq!(report.encoding.as_deref(), Some("utf-8"));
    }

    #[test]
    fn xlsx_template_has_both_sheets() {
        use calamine::Reader;
        let bytes = template(TemplateFormat::Xlsx);
        let mut book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["备案信息", "说明"]);
        let range = book.worksheet_range("备案信息").unwrap();
        assert_eq!(range.width(), COLUMNS.len());
        let notes = book.worksheet_range("说明").unwrap();
        assert_eq!(notes.height(), COLUMNS.len() + 1);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a<b&\"c\">"), "a&lt;b&amp;&quot;c&quot;&gt;");
    }
}
