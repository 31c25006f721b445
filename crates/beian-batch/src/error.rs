//! Why a file could not be read at all.

use beian_rules::Message;
use serde::Serialize;

/// A file that cannot be read as a batch: nothing was checked. Everything
/// that can be pointed at a row or a cell is a finding instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BatchError {
    /// The file is larger than the limit.
    TooLarge {
        /// Size of the file in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// An XLSX that unpacks to more than [`crate::unpacked_limit`]: more
    /// than a sheet of the rows allowed needs.
    TooLargeUnpacked {
        /// The limit in bytes.
        limit: usize,
    },
    /// An XLSX part with a text (or a tag) longer than any cell can hold
    /// ([`crate::MAX_XML_RUN`]): padding built to overload the reader.
    OversizedText {
        /// The part of the zip, e.g. `xl/worksheets/sheet1.xml`.
        part: String,
    },
    /// More data rows than the limit.
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// An empty file.
    Empty,
    /// A `.xls` file (the old binary Excel format).
    OldExcel,
    /// A zip (XLSX) that cannot be read: truncated, corrupt, or not a workbook.
    Corrupt {
        /// What the reader said.
        detail: String,
    },
    /// The workbook has no sheet of the layout's name, and more than one sheet.
    NoSheet {
        /// The sheets found.
        found: Vec<String>,
    },
    /// Several sheets match the layout's names (001 ISP 1.3).
    AmbiguousSheet {
        /// The matching sheets.
        found: Vec<String>,
    },
    /// No header row: none of the first rows names known columns.
    NoHeader,
    /// The text is not in the encoding asked for.
    Encoding {
        /// The encoding asked for.
        encoding: String,
    },
    /// A JSON filing file that cannot be read.
    Json {
        /// What is wrong, with its path.
        detail: String,
    },
}

impl BatchError {
    /// What is wrong and what to do, in Chinese and English.
    ///
    /// ```
    /// let e = beian_batch::BatchError::TooLarge { size: 60_000_000, limit: 52_428_800 };
    /// assert!(e.message().en.contains("50 MB"));
    /// ```
    pub fn message(&self) -> Message {
        match self {
            BatchError::TooLarge { size, limit } => {
                let mb = |n: usize| n.div_ceil(1024 * 1024);
                Message::new(
                    format!("文件过大：{} MB，上限 {} MB。请分成几个文件检查。", mb(*size), mb(*limit)),
                    format!("The file is too large: {} MB, the limit is {} MB. Split it into several files.", mb(*size), mb(*limit)),
                )
            }
            BatchError::TooLargeUnpacked { limit } => Message::new(
                format!(
                    "XLSX 文件解压后超过 {} MB，比允许的行数所需的多得多：文件可能已损坏，或含有大量与备案数据无关的内容。请只把备案数据表另存为新的 XLSX 或 CSV 文件后再检查。",
                    limit.div_ceil(1024 * 1024)
                ),
                format!(
                    "The XLSX file unpacks to more than {} MB, far more than the rows allowed need: it is damaged or holds much besides the filing data. Save the filing sheet alone as a new XLSX or CSV file and check that.",
                    limit.div_ceil(1024 * 1024)
                ),
            ),
            BatchError::OversizedText { part } => Message::new(
                format!("XLSX 文件的 {part} 中有一段文字超过 32,767 个字符，比 Excel 一个单元格能容纳的还长：文件已损坏，或是为拖垮检查而制作的。请重新保存或改用 CSV。"),
                format!("The XLSX file's {part} holds a text longer than 32,767 characters, more than an Excel cell can hold: the file is damaged or built to overload the check. Save it again, or use CSV."),
            ),
            BatchError::TooManyRows { limit } => Message::new(
                format!("数据行过多：上限 {limit} 行。请分成几个文件检查。"),
                format!("Too many rows: the limit is {limit}. Split the file into several files."),
            ),
            BatchError::Empty => Message::new("文件是空的。", "The file is empty."),
            BatchError::OldExcel => Message::new(
                "这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再检查。",
                "This is an old Excel (.xls) file: save it as .xlsx or CSV in Excel or WPS, then check it.",
            ),
            BatchError::Corrupt { detail } => Message::new(
                format!("无法读取 XLSX 文件（文件不完整或已损坏）：{detail}。请重新保存或重新下载后再试。"),
                format!("Cannot read the XLSX file (truncated or corrupt): {detail}. Save or download it again."),
            ),
            // 001 ISP 1.3: a file unlike the template fails to import.
            BatchError::NoSheet { found } => Message::new(
                format!(
                    "找不到名为“{}”的工作表（现有：{}）。请使用模板的工作表名称：与模板不符的文件导入时会“分解出错”。",
                    crate::SHEET_NAMES[0],
                    found.join("、")
                ),
                format!(
                    "No sheet named \"{}\" or \"{}\" (found: {}). Use the template's sheet name: a file unlike the template fails to import.",
                    crate::SHEET_NAMES[0],
                    crate::SHEET_NAMES[1],
                    found.join(", ")
                ),
            ),
            BatchError::AmbiguousSheet { found } => Message::new(
                format!("有多个工作表都像备案数据表：{}。请只保留一个。", found.join("、")),
                format!("Several sheets look like the filing sheet: {}. Keep only one.", found.join(", ")),
            ),
            BatchError::NoHeader => Message::new(
                "找不到表头行：前几行中没有模板的列名（如“主办单位名称”“网站域名”）。请使用模板。",
                "No header row: none of the first rows holds the template's column names (such as 主办单位名称 or subjectName). Use the template.",
            ),
            BatchError::Encoding { encoding } => Message::new(
                format!("文件不是 {encoding} 编码。请选择其他编码，或使用自动识别。"),
                format!("The file is not {encoding}. Choose another encoding, or auto-detect."),
            ),
            BatchError::Json { detail } => Message::new(
                format!("无法读取 JSON 备案数据：{detail}"),
                format!("Cannot read the JSON filing: {detail}"),
            ),
        }
    }
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for BatchError {}
