//! From a grid of cells to checked filings: the header row, rows to
//! [`Filing`]s (one per subject), the rules, conflicts inside the file, and
//! every finding put back on its row and cell.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use beian_rules::{
    check_submission, Access, AccessMethod, ContentCategory, DocumentType, Filing, Finding,
    Message, Named, Person, PreApproval, ResponsiblePersonRole, Severity, Subject, SubjectType,
    Website,
};

use crate::layout::{self, Scope, COLUMNS, WIDTH};
use crate::read::{finding, Grid, Pending, HEADER_SLACK};
use crate::tally::Tally;
use crate::{BatchError, CellFinding, Options, Report};

/// One data row: the trimmed value of each layout column.
#[derive(Debug, Clone)]
struct Record {
    number: u32,
    values: Vec<String>,
}

/// The rows of one subject.
#[derive(Debug, Clone)]
struct Group {
    /// Indexes into the records.
    rows: Vec<usize>,
    /// For each subject column, the record index whose value is used.
    source: Vec<usize>,
}

/// A file read and grouped, ready to be checked one subject at a time
/// (so that a page can show progress between groups).
///
/// ```
/// use beian_batch::{Batch, Options};
/// let csv = "主办单位证件号码,网站域名,网站首页URL\n11010519491231002X,example.com,www.example.com\n";
/// let batch = Batch::read(csv.as_bytes(), &Options::default()).unwrap();
/// assert_eq!((batch.rows(), batch.groups()), (1, 1));
/// let findings = batch.check_groups(0..batch.groups());
/// let report = batch.report(findings);
/// assert_eq!(report.rows_with_errors, 1); // the name and more are missing (5001)
/// ```
#[derive(Debug)]
pub struct Batch {
    options: Options,
    format: &'static str,
    encoding: Option<&'static str>,
    sheet: Option<String>,
    header_row: u32,
    /// File column of each layout column.
    cols: Vec<Option<u32>>,
    records: Vec<Record>,
    groups: Vec<Group>,
    /// Findings of reading, the header and the conflicts.
    file_findings: Vec<Pending>,
}

/// Splits a list cell: `;` `；` `,` `，` `、` and white space.
fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| matches!(c, ';' | '；' | ',' | '，' | '、') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Normalises a cell for comparing two rows: no spaces, ASCII upper case.
fn same_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Two cells of one subject's rows agree: equal but for spaces, case kept
/// (a lower-case `x` in one row is a different spelling, 1015).
fn same_value(a: &str, b: &str) -> bool {
    let solid = |s: &'_ str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<Vec<char>>()
    };
    a == b || solid(a) == solid(b)
}

/// The value of an enumerated column: a label of `table` or a name of
/// `T` (any case, `camelCase` or spaced English too; the names of before
/// the British spelling as well).
fn lookup<T: Named>(value: &str, table: &[(&str, &str)]) -> Option<T> {
    let v = value.trim();
    if let Some((_, name)) = table
        .iter()
        .find(|(label, name)| *label == v || name.eq_ignore_ascii_case(v))
    {
        return name.parse().ok();
    }
    // camelCase or spaced English: `publicInstitution`, `law firm`
    let snake: String = v
        .chars()
        .flat_map(|c| {
            if c.is_ascii_uppercase() {
                vec!['_', c.to_ascii_lowercase()]
            } else if c == ' ' || c == '-' {
                vec!['_']
            } else {
                vec![c]
            }
        })
        .collect();
    snake.trim_start_matches('_').parse().ok()
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "" | "否" | "无" | "n" | "no" | "false" | "0" | "f" => Some(false),
        "是" | "有" | "y" | "yes" | "true" | "1" | "t" => Some(true),
        _ => None,
    }
}

/// Reads one row's cells into filing values, with findings for values
/// that are not among the accepted ones.
struct Cells<'a> {
    batch: &'a Batch,
    record: &'a Record,
    out: &'a mut Vec<Pending>,
}

impl Cells<'_> {
    fn get(&self, key: &str) -> &str {
        layout::index(key).map_or("", |i| self.record.values[i].as_str())
    }

    fn text(&self, key: &str) -> String {
        self.get(key).to_string()
    }

    fn bad(&mut self, key: &str, accepted: &[(&str, &str)]) {
        let Some(i) = layout::index(key) else { return };
        let labels: Vec<&str> = accepted.iter().map(|(l, _)| *l).collect();
        let names: BTreeSet<&str> = accepted.iter().map(|(_, n)| *n).collect();
        let value = self.record.values[i].clone();
        self.out.push(Pending {
            row: Some(self.record.number),
            col: self.batch.cols[i],
            value: Some(value.clone()),
            finding: finding(
                "batch.unknown_value",
                Some("5001"),
                Severity::Error,
                format!(
                    "“{value}”不是“{}”可填的值；可填：{}。",
                    COLUMNS[i].zh,
                    labels.join("、")
                ),
                format!(
                    "\"{value}\" is not a value of {}; accepted: {}.",
                    COLUMNS[i].key,
                    names.into_iter().collect::<Vec<_>>().join(", ")
                ),
            ),
        });
    }

    fn choice<T: Named>(&mut self, key: &str, table: &[(&str, &str)]) -> Option<T> {
        let v = self.get(key);
        if v.is_empty() {
            return None;
        }
        let found = lookup(v, table);
        if found.is_none() {
            self.bad(key, table);
        }
        found
    }

    fn required_choice<T: Named + Default>(&mut self, key: &str, table: &[(&str, &str)]) -> T {
        if self.get(key).is_empty() {
            if let Some(i) = layout::index(key) {
                self.out.push(Pending {
                    row: Some(self.record.number),
                    col: self.batch.cols[i],
                    value: None,
                    finding: finding(
                        "batch.value_required",
                        Some("5001"),
                        Severity::Error,
                        format!("请填写“{}”。", COLUMNS[i].zh),
                        format!("Enter {}.", COLUMNS[i].key),
                    ),
                });
            }
        }
        self.choice(key, table).unwrap_or_default()
    }

    fn flag(&mut self, key: &str) -> bool {
        let v = self.get(key);
        match parse_bool(v) {
            Some(b) => b,
            None => {
                self.bad(key, &[("是", "yes"), ("否", "no")]);
                false
            }
        }
    }

    /// `keys`: name, document type, document number, mobile, phone, e-mail.
    fn person(&mut self, keys: [&str; 6]) -> Person {
        Person {
            name: self.text(keys[0]),
            document_type: self
                .choice(keys[1], layout::DOCUMENT_TYPES)
                .unwrap_or_default(),
            document_number: self.text(keys[2]),
            mobile: self.text(keys[3]),
            phone: self.text(keys[4]),
            email: self.text(keys[5]),
        }
    }

    fn subject(&mut self) -> Subject {
        Subject {
            subject_type: self.required_choice::<SubjectType>("subjectType", layout::SUBJECT_TYPES),
            name: self.text("subjectName"),
            document_type: self
                .required_choice::<DocumentType>("subjectDocumentType", layout::DOCUMENT_TYPES),
            document_number: self.text("subjectDocumentNumber"),
            province: self.text("province"),
            city: self.text("city"),
            county: self.text("county"),
            address: self.text("address"),
            responsible_person: self.person([
                "subjectPersonName",
                "subjectPersonDocumentType",
                "subjectPersonDocumentNumber",
                "subjectPersonMobile",
                "subjectPersonPhone",
                "subjectPersonEmail",
            ]),
            responsible_person_role: self
                .choice::<ResponsiblePersonRole>("responsiblePersonRole", layout::ROLES),
            commercial: self.flag("commercial"),
            licence_number: self.text("licenceNumber"),
            filing_number: self.text("filingNumber"),
            documents: Vec::new(),
            filing_created_on: None,
        }
    }

    fn website(&mut self) -> Website {
        let mut categories = Vec::new();
        for item in split_list(self.get("contentCategories")) {
            match lookup::<ContentCategory>(&item, layout::CATEGORIES) {
                Some(c) => categories.push(c),
                None => self.bad("contentCategories", layout::CATEGORIES),
            }
        }
        let mut pre_approvals = Vec::new();
        for item in split_list(self.get("preApprovals")) {
            let (cat, permit) = item
                .split_once([':', '：'])
                .map_or(("", item.as_str()), |(a, b)| (a, b));
            let category = if cat.is_empty() {
                None
            } else {
                let c = lookup::<ContentCategory>(cat, layout::CATEGORIES);
                if c.is_none() {
                    self.bad("preApprovals", layout::CATEGORIES);
                }
                c
            };
            pre_approvals.push(PreApproval {
                category,
                permit_number: permit.trim().to_string(),
            });
        }
        let access_keys = ["accessProvider", "accessMethod", "serverLocation", "ips"];
        let access = if access_keys.iter().all(|k| self.get(k).is_empty()) {
            Vec::new()
        } else {
            vec![Access {
                provider: self.text("accessProvider"),
                method: self.choice::<AccessMethod>("accessMethod", layout::ACCESS_METHODS),
                server_location: self.text("serverLocation"),
                ips: split_list(self.get("ips")),
            }]
        };
        Website {
            name: self.text("websiteName"),
            domains: split_list(self.get("domains")),
            homepage: self.text("homepage"),
            access,
            responsible_person: self.person([
                "websitePersonName",
                "websitePersonDocumentType",
                "websitePersonDocumentNumber",
                "websitePersonMobile",
                "websitePersonPhone",
                "websitePersonEmail",
            ]),
            content_categories: categories,
            pre_approvals,
            bulletin_board: self.flag("bulletinBoard"),
            domain_owner: self.text("domainOwner"),
            documents: Vec::new(),
            // Given by the bureau on approval: no column of a new filing.
            filing_number: String::new(),
        }
    }
}

/// The row of the grid that names the most columns, among the first rows.
fn header(grid: &Grid) -> Option<(u32, Vec<(u32, String)>)> {
    let mut best: Option<(usize, u32)> = None;
    for (row, cells) in grid.rows.iter().take(HEADER_SLACK) {
        let known: BTreeSet<usize> = cells
            .iter()
            .filter_map(|(_, v)| layout::header_column(v))
            .collect();
        if known.len() >= 2 && best.is_none_or(|(n, _)| known.len() > n) {
            best = Some((known.len(), *row));
        }
    }
    let (_, row) = best?;
    Some((row, grid.rows[&row].clone()))
}

fn pending(row: u32, col: Option<u32>, value: Option<String>, finding: Finding) -> Pending {
    Pending {
        row: Some(row),
        col,
        value,
        finding,
    }
}

impl Batch {
    /// Reads a file: XLSX (a zip) or CSV, by its first bytes or
    /// [`Options::format`]; finds the header row and groups the rows by
    /// subject. Errors are files that cannot be read at all.
    pub fn read(bytes: &[u8], options: &Options) -> Result<Batch, BatchError> {
        if bytes.len() > options.max_bytes {
            return Err(BatchError::TooLarge {
                size: bytes.len(),
                limit: options.max_bytes,
            });
        }
        if bytes.is_empty() {
            return Err(BatchError::Empty);
        }
        let format = options
            .format
            .unwrap_or_else(|| crate::Format::detect(bytes));
        let grid = match format {
            crate::Format::Xlsx => crate::read::read_xlsx(bytes, options)?,
            crate::Format::Csv => {
                if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
                    return Err(BatchError::OldExcel);
                }
                crate::read::read_csv(bytes, options)?
            }
        };
        Batch::from_grid(grid, format.name(), options)
    }

    fn from_grid(
        mut grid: Grid,
        format: &'static str,
        options: &Options,
    ) -> Result<Batch, BatchError> {
        if grid.rows.is_empty() {
            return Err(BatchError::Empty);
        }
        let (header_row, header_cells) = header(&grid).ok_or(BatchError::NoHeader)?;
        let mut findings = std::mem::take(&mut grid.findings);
        let mut cols: Vec<Option<u32>> = vec![None; WIDTH];
        let mut file_to_layout: BTreeMap<u32, usize> = BTreeMap::new();
        for (col, text) in &header_cells {
            match layout::header_column(text) {
                Some(i) if cols[i].is_none() => {
                    cols[i] = Some(*col);
                    file_to_layout.insert(*col, i);
                }
                Some(i) => findings.push(pending(
                    header_row,
                    Some(*col),
                    Some(text.clone()),
                    finding(
                        "batch.duplicate_column",
                        Some("5001"),
                        Severity::Error,
                        format!(
                            "“{}”列出现了两次：只读取第一列（{}）。",
                            COLUMNS[i].zh,
                            layout::column_letter(cols[i].unwrap_or(0))
                        ),
                        format!(
                            "The column {} appears twice: only the first ({}) is read.",
                            COLUMNS[i].key,
                            layout::column_letter(cols[i].unwrap_or(0))
                        ),
                    ),
                )),
                None => findings.push(pending(
                    header_row,
                    Some(*col),
                    Some(text.clone()),
                    finding(
                        "batch.unknown_column",
                        None,
                        Severity::Warning,
                        format!("“{text}”不是模板中的列，已忽略。"),
                        format!("\"{text}\" is not a column of the template: ignored."),
                    ),
                )),
            }
        }
        for (i, c) in COLUMNS.iter().enumerate() {
            if c.required && cols[i].is_none() {
                findings.push(Pending {
                    row: Some(header_row),
                    col: None,
                    value: None,
                    finding: finding(
                        "batch.missing_column",
                        Some("5001"),
                        Severity::Error,
                        format!("缺少“{}”列（{}）：每一行都会缺少该字段。", c.zh, c.key),
                        format!(
                            "The column {} ({}) is missing: every row lacks this field.",
                            c.key, c.zh
                        ),
                    ),
                });
            }
        }
        let mut records = Vec::new();
        let data = grid.rows.split_off(&header_row.saturating_add(1));
        for (row, cells) in data {
            let mut values = vec![String::new(); WIDTH];
            let mut any = false;
            for (col, v) in cells {
                if let Some(&i) = file_to_layout.get(&col) {
                    let t = v.trim();
                    any |= !t.is_empty();
                    values[i] = if t.len() == v.len() { v } else { t.to_string() };
                }
            }
            if any {
                records.push(Record {
                    number: row,
                    values,
                });
            }
        }
        if records.len() > options.max_rows {
            return Err(BatchError::TooManyRows {
                limit: options.max_rows,
            });
        }
        // Rows are attributed to filing findings by record; keep only the
        // reading findings on rows that are read (or on no row).
        let mut batch = Batch {
            options: options.clone(),
            format,
            encoding: grid.encoding,
            sheet: grid.sheet,
            header_row,
            cols,
            records,
            groups: Vec::new(),
            file_findings: findings,
        };
        batch.group();
        batch.domain_conflicts();
        Ok(batch)
    }

    fn group(&mut self) {
        let number = layout::index("subjectDocumentNumber").unwrap_or(0);
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        for (r, rec) in self.records.iter().enumerate() {
            let key = same_key(&rec.values[number]);
            let g = if key.is_empty() {
                None
            } else {
                by_key.get(&key).copied()
            };
            match g {
                Some(g) => groups[g].rows.push(r),
                None => {
                    if !key.is_empty() {
                        by_key.insert(key, groups.len());
                    }
                    groups.push(Group {
                        rows: vec![r],
                        source: vec![r; WIDTH],
                    });
                }
            }
        }
        let mut out = Vec::new();
        for group in &mut groups {
            // The value of each subject column: the first row that fills it;
            // a later row may leave it empty, not give another value (1003).
            for (i, c) in COLUMNS.iter().enumerate() {
                if c.scope != Scope::Subject {
                    continue;
                }
                let Some(&first) = group
                    .rows
                    .iter()
                    .find(|&&r| !self.records[r].values[i].is_empty())
                else {
                    continue;
                };
                group.source[i] = first;
                let reference = &self.records[first].values[i];
                for &r in &group.rows {
                    let v = &self.records[r].values[i];
                    if !v.is_empty() && v != reference && !same_value(v, reference) {
                        let first_row = self.records[first].number;
                        let doc = &self.records[first].values[number];
                        out.push(pending(
                            self.records[r].number,
                            self.cols[i],
                            Some(v.clone()),
                            finding(
                                "batch.subject_conflict",
                                Some("1003"),
                                Severity::Error,
                                format!("同一主体（证件号码 {doc}）的“{}”在第 {first_row} 行是“{reference}”，本行不同：同一主体的各行主体信息必须一致，否则会作为另一个主体重复备案。", c.zh),
                                format!("The same subject (document number {doc}) has {} \"{reference}\" on row {first_row} and another value here: a subject's rows must agree, or it is filed twice.", c.key),
                            )
                            // The rows agree once this one takes the first
                            // row's value (which the rules check there).
                            .with_suggestion(reference.clone()),
                        ));
                    }
                }
            }
            // The rows of one subject together (003 #4: one filing).
            if let Some(w) = group.rows.windows(2).find(|w| w[1] != w[0] + 1) {
                let (before, at) = (self.records[w[0]].number, self.records[w[1]].number);
                out.push(pending(
                    at,
                    self.cols[number],
                    Some(self.records[w[1]].values[number].clone()),
                    finding(
                        "batch.subject_split",
                        Some("1003"),
                        Severity::Warning,
                        format!("此主体的行不连续（上一行在第 {before} 行，中间有其他主体）：已合并为一个备案检查；请把同一主体的网站放在相邻的行，按行导入时才不会把同一主体备案两次。"),
                        format!("This subject's rows are not together (its previous row is {before}, other subjects between): checked as one filing; keep a subject's websites on adjacent rows so that an import reading rows in order does not file the subject twice."),
                    ),
                ));
            }
        }
        self.groups = groups;
        self.file_findings.append(&mut out);
    }

    /// 1005 inside the file: one domain on rows of two subjects.
    fn domain_conflicts(&mut self) {
        let Some(di) = layout::index("domains") else {
            return;
        };
        let mut group_of = vec![0; self.records.len()];
        for (g, group) in self.groups.iter().enumerate() {
            for &r in &group.rows {
                group_of[r] = g;
            }
        }
        let mut seen: HashMap<String, (usize, u32)> = HashMap::new();
        let mut out = Vec::new();
        for (r, rec) in self.records.iter().enumerate() {
            for d in split_list(&rec.values[di]) {
                let Ok(valid) = beian_rules::domain::validate(&d) else {
                    continue;
                };
                let key = valid.ascii().to_string();
                match seen.get(&key) {
                    Some(&(g, first)) if g != group_of[r] => out.push(pending(
                        rec.number,
                        self.cols[di],
                        Some(d.clone()),
                        finding(
                            "batch.domain_conflict",
                            Some("1005"),
                            Severity::Error,
                            format!("域名 {d} 在第 {first} 行已由另一个主体填写：一个域名只能由一个主体备案。"),
                            format!("The domain {d} is already listed by another subject on row {first}: a domain is filed by one subject only."),
                        ),
                    )),
                    Some(_) => {}
                    None => {
                        seen.insert(key, (group_of[r], rec.number));
                    }
                }
            }
        }
        self.file_findings.append(&mut out);
    }

    /// `xlsx` or `csv`.
    pub fn format(&self) -> &str {
        self.format
    }

    /// The encoding a CSV file was read in.
    pub fn encoding(&self) -> Option<&str> {
        self.encoding
    }

    /// The sheet read (XLSX).
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// Number of data rows.
    pub fn rows(&self) -> usize {
        self.records.len()
    }

    /// Number of subjects (filings): checked one at a time by
    /// [`Batch::check_groups`].
    pub fn groups(&self) -> usize {
        self.groups.len()
    }

    /// The filing of group `g` (its subject and one website per row).
    pub fn filing(&self, g: usize) -> Option<Filing> {
        let group = self.groups.get(g)?;
        Some(self.build(group, &mut Vec::new()))
    }

    fn build(&self, group: &Group, out: &mut Vec<Pending>) -> Filing {
        // The subject's record: each subject column from its source row.
        let first = group.rows[0];
        let mut merged = self.records[first].clone();
        for (i, c) in COLUMNS.iter().enumerate() {
            if c.scope == Scope::Subject {
                merged.values[i].clone_from(&self.records[group.source[i]].values[i]);
            }
        }
        let subject = Cells {
            batch: self,
            record: &merged,
            out,
        }
        .subject();
        // Findings of values are on the row the value came from.
        for p in out.iter_mut() {
            if let Some(i) = p
                .col
                .and_then(|c| self.cols.iter().position(|x| *x == Some(c)))
            {
                p.row = Some(self.records[group.source[i]].number);
            }
        }
        let websites = group
            .rows
            .iter()
            .map(|&r| {
                Cells {
                    batch: self,
                    record: &self.records[r],
                    out,
                }
                .website()
            })
            .collect();
        Filing { subject, websites }
    }

    /// Checks every subject: [`Batch::check_groups`] over all of them, split
    /// over the cores natively (in WebAssembly on the calling thread).
    pub fn check_all(&self) -> Vec<CellFinding> {
        self.check_range(0..self.groups.len())
            .into_iter()
            .flatten()
            .collect()
    }

    /// The findings of each subject of `range`, natively split over the
    /// cores when there are many.
    fn check_range(&self, range: std::ops::Range<usize>) -> Vec<Vec<CellFinding>> {
        let groups = self.groups.get(range).unwrap_or_default();
        #[cfg(not(target_family = "wasm"))]
        {
            let threads = std::thread::available_parallelism().map_or(1, |t| t.get().min(8));
            let n = groups.len();
            if threads > 1 && n >= 512 {
                let chunk = n.div_ceil(threads);
                return std::thread::scope(|s| {
                    let handles: Vec<_> = groups
                        .chunks(chunk)
                        .map(|part| {
                            s.spawn(move || {
                                part.iter().map(|g| self.check_group(g)).collect::<Vec<_>>()
                            })
                        })
                        .collect();
                    handles
                        .into_iter()
                        .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                        .collect()
                });
            }
        }
        groups.iter().map(|g| self.check_group(g)).collect()
    }

    /// Checks the subjects `range` (see [`Batch::groups`]): each one's
    /// filing with [`check_submission`], every finding on its row and cell.
    /// Subject findings are on the row the value came from.
    pub fn check_groups(&self, range: std::ops::Range<usize>) -> Vec<CellFinding> {
        let groups = self.groups.get(range).unwrap_or_default();
        groups.iter().flat_map(|g| self.check_group(g)).collect()
    }

    /// Checks every subject like [`Batch::check_all`] and hands each finding
    /// to `sink` as soon as its subject is checked, keeping none: the report
    /// returned has the counts and no findings. Memory stays bounded
    /// whatever the number of findings (a few thousand subjects are checked
    /// at a time).
    ///
    /// Order: the findings about the whole file first, then subject by
    /// subject in the order of their first rows, each subject's by row and
    /// column, with the findings of reading and of conflicts inside the
    /// file on a row put before the subject that starts after it; that is
    /// row order unless a subject's rows are apart. Last, the lines of
    /// [`crate::Options::max_findings_per_kind`].
    ///
    /// ```
    /// use beian_batch::{Batch, Options};
    /// let csv = "主办单位证件号码,网站域名\n11010519491231002x,www.example.com\n";
    /// let batch = Batch::read(csv.as_bytes(), &Options::default()).unwrap();
    /// let mut codes = Vec::new();
    /// let report = batch.check_each(|f| codes.extend(f.finding.code));
    /// assert!(codes.iter().any(|c| c == "1015") && codes.iter().any(|c| c == "1004"));
    /// assert_eq!(report.errors, codes.len());
    /// assert!(report.findings.is_empty());
    /// ```
    pub fn check_each(&self, mut sink: impl FnMut(CellFinding)) -> Report {
        /// Subjects checked at a time.
        const CHUNK: usize = 4096;
        let mut tally = Tally::new(self.options.max_findings_per_kind);
        let mut file: Vec<CellFinding> = self
            .file_findings
            .iter()
            .cloned()
            .map(|p| self.cell(p))
            .collect();
        sort_findings(&mut file);
        let mut file = file.into_iter().peekable();
        let mut emit = |tally: &mut Tally, f: CellFinding| {
            if let Some(f) = tally.admit(f) {
                sink(f);
            }
        };
        let n = self.groups.len();
        for start in (0..n).step_by(CHUNK) {
            let end = start.saturating_add(CHUNK).min(n);
            for (group, found) in self.groups[start..end]
                .iter()
                .zip(self.check_range(start..end))
            {
                let first = self.records[group.rows[0]].number;
                while let Some(f) = file.next_if(|f| f.row.is_none_or(|r| r <= first)) {
                    emit(&mut tally, f);
                }
                for f in found {
                    emit(&mut tally, f);
                }
            }
        }
        for f in file {
            emit(&mut tally, f);
        }
        tally.summaries().into_iter().for_each(&mut sink);
        self.finish(&tally)
    }

    /// The findings of one subject, by row and column.
    fn check_group(&self, group: &Group) -> Vec<CellFinding> {
        let rules = beian_rules::Options {
            today: self.options.today,
        };
        let mut pend = Vec::new();
        let filing = self.build(group, &mut pend);
        for f in check_submission(&filing, &rules) {
            if !self.options.documents
                && (f.path.contains("/documents") || f.path.ends_with("/filingCreatedOn"))
            {
                continue;
            }
            let (col, site) = layout::path_column(&f.path);
            let r = match (site, col) {
                (Some(w), _) => group.rows.get(w).copied().unwrap_or(group.rows[0]),
                (None, Some(i)) => group.source[i],
                (None, None) => group.rows[0],
            };
            let value = col
                .map(|i| self.records[r].values[i].clone())
                .filter(|v| !v.is_empty());
            let finding = Finding {
                message: Message::new(
                    self.cells_for_places(group, &filing, &f.message.zh_cn, true),
                    self.cells_for_places(group, &filing, &f.message.en, false),
                ),
                ..f
            };
            pend.push(Pending {
                row: Some(self.records[r].number),
                col: col.and_then(|i| self.cols[i]),
                value,
                finding,
            });
        }
        let mut out: Vec<CellFinding> = pend.into_iter().map(|p| self.cell(p)).collect();
        sort_findings(&mut out);
        out
    }

    /// `text` with the earlier place that 1039 and 1040 name in brackets
    /// (“（第 1 个网站的第 2 个 IP 地址）”, see [`beian_rules::path_in_words`])
    /// written as the spreadsheet's row and column, in Chinese (`zh`) or
    /// English: the places of `filing`'s domains and IP addresses are
    /// tried, each in its brackets, so “domain 1” never matches inside
    /// “domain 10”.
    fn cells_for_places(&self, group: &Group, filing: &Filing, text: &str, zh: bool) -> String {
        let (open, close) = if zh { ('（', '）') } else { ('(', ')') };
        if !text.contains(open) || !text.contains(if zh { "个网站的" } else { "website " }) {
            return text.to_string();
        }
        let mut out = text.to_string();
        for (i, website) in filing.websites.iter().enumerate() {
            use beian_rules::path::{AccessField, FieldPath, WebsiteField};
            let mut paths: Vec<String> = (0..website.domains.len())
                .map(|j| FieldPath::website(i, WebsiteField::Domain(j)).to_string())
                .collect();
            for (a, access) in website.access.iter().enumerate() {
                paths.extend(
                    (0..access.ips.len())
                        .map(|k| FieldPath::access(i, a, AccessField::Ip(k)).to_string()),
                );
            }
            for path in paths {
                let words = beian_rules::path_in_words(&path);
                let words = if zh { words.zh_cn } else { words.en };
                let bracketed = format!("{open}{words}{close}");
                if out.contains(&bracketed) {
                    if let Some(name) = self.cell_name(group, &path, zh) {
                        out = out.replace(&bracketed, &format!("{open}{name}{close}"));
                    }
                }
            }
        }
        out
    }

    /// "第 12 行 K 列" / "row 12, column K" for a website value's path.
    fn cell_name(&self, group: &Group, path: &str, zh: bool) -> Option<String> {
        let (col, site) = layout::path_column(path);
        let row = self.records.get(*group.rows.get(site?)?)?.number;
        let letter = col
            .and_then(|i| *self.cols.get(i)?)
            .map(layout::column_letter);
        Some(match (zh, letter) {
            (true, Some(l)) => format!("第 {row} 行 {l} 列"),
            (true, None) => format!("第 {row} 行"),
            (false, Some(l)) => format!("row {row}, column {l}"),
            (false, None) => format!("row {row}"),
        })
    }

    fn cell(&self, p: Pending) -> CellFinding {
        let field = p
            .col
            .and_then(|c| self.cols.iter().position(|x| *x == Some(c)));
        CellFinding {
            row: p.row,
            column: p.col.map(layout::column_letter),
            field: field.map(|i| COLUMNS[i].key.to_string()),
            header: field.map(|i| COLUMNS[i].zh.to_string()),
            value: p.value,
            finding: p.finding,
        }
    }

    /// The report: the findings of reading and of conflicts, then
    /// `findings` (from [`Batch::check_groups`]), sorted by row and column,
    /// with the counts (the findings beyond
    /// [`crate::Options::max_findings_per_kind`] of a kind counted and
    /// summarised at the end).
    pub fn report(&self, findings: Vec<CellFinding>) -> Report {
        let mut all: Vec<CellFinding> = self
            .file_findings
            .iter()
            .cloned()
            .map(|p| self.cell(p))
            .collect();
        all.extend(findings);
        sort_findings(&mut all);
        let mut tally = Tally::new(self.options.max_findings_per_kind);
        let mut listed: Vec<CellFinding> = all.into_iter().filter_map(|f| tally.admit(f)).collect();
        listed.extend(tally.summaries());
        Report {
            findings: listed,
            ..self.finish(&tally)
        }
    }

    /// The report's counts, without findings.
    fn finish(&self, tally: &Tally) -> Report {
        // A subject's error is an error of every one of its rows.
        let mut bad = vec![false; self.records.len()];
        for group in &self.groups {
            let subject_bad = group
                .rows
                .iter()
                .any(|&r| tally.subject_error_rows.contains(&self.records[r].number));
            for &r in &group.rows {
                bad[r] = subject_bad || tally.error_rows.contains(&self.records[r].number);
            }
        }
        let rows_with_errors = bad.iter().filter(|b| **b).count();
        Report {
            format: self.format.to_string(),
            encoding: self.encoding.map(str::to_string),
            sheet: self.sheet.clone(),
            header_row: self.header_row,
            rows: self.records.len(),
            rows_ok: self.records.len() - rows_with_errors,
            rows_with_errors,
            subjects: self.groups.len(),
            errors: tally.errors,
            warnings: tally.warnings,
            by_code: tally.by_code.clone(),
            findings: Vec::new(),
        }
    }
}

/// By row (the whole file's first), then column (`B` before `AA`).
fn sort_findings(findings: &mut [CellFinding]) {
    findings.sort_by(|a, b| {
        fn order(c: &Option<String>) -> Option<(usize, &str)> {
            c.as_ref().map(|s| (s.len(), s.as_str()))
        }
        (a.row, order(&a.column)).cmp(&(b.row, order(&b.column)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert_eq!(
            split_list("a.com; b.com，c.com\n d.com、e.com"),
            ["a.com", "b.com", "c.com", "d.com", "e.com"]
        );
        assert!(split_list("  ").is_empty());
    }

    #[test]
    fn choices() {
        assert_eq!(
            lookup::<SubjectType>("企业", layout::SUBJECT_TYPES),
            Some(SubjectType::Enterprise)
        );
        assert_eq!(
            lookup::<SubjectType>("Public_Institution", layout::SUBJECT_TYPES),
            Some(SubjectType::PublicInstitution)
        );
        assert_eq!(
            lookup::<SubjectType>("publicInstitution", layout::SUBJECT_TYPES),
            Some(SubjectType::PublicInstitution)
        );
        assert_eq!(
            lookup::<SubjectType>("law firm", layout::SUBJECT_TYPES),
            Some(SubjectType::LawFirm)
        );
        assert_eq!(lookup::<SubjectType>("公司", layout::SUBJECT_TYPES), None);
        // The names of before the British spelling still read.
        assert_eq!(
            lookup::<SubjectType>("social_organization", layout::SUBJECT_TYPES),
            Some(SubjectType::SocialOrganisation)
        );
        assert_eq!(
            lookup::<AccessMethod>("虚拟主机", layout::ACCESS_METHODS),
            Some(AccessMethod::VirtualHost)
        );
        assert_eq!(
            lookup::<AccessMethod>("virtual host", layout::ACCESS_METHODS),
            Some(AccessMethod::VirtualHost)
        );
        assert_eq!(lookup::<AccessMethod>("ftp", layout::ACCESS_METHODS), None);
        assert_eq!(parse_bool("是"), Some(true));
        assert_eq!(parse_bool(""), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }
}
