//! Administrative division codes (GB/T 2260, county level and above).
//!
//! Data: every code since 1981 with its successors, from the Ministry of
//! Civil Affairs' lists as compiled in `data/divisions/`, and the codes of
//! the early 1980s retired before those lists begin (see SOURCE.md there for
//! sources, licences and dates). Seed: 002 #9 (1019: a county merged
//! away no longer exists; pick the new one).

use std::sync::LazyLock;

use crate::finding::{Finding, Message, Severity};
use crate::generated::divisions as data;

/// Every record since 1980, sorted by code then first year, decoded from
/// the embedded columns at first use.
static DIVISIONS: LazyLock<Vec<Division>> = LazyLock::new(decode);

/// Reads one LEB128 number at `*at` and moves past it.
fn varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        n |= u32::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 || shift > 28 {
            break;
        }
    }
    n
}

fn year(byte: u8) -> u16 {
    if byte == 0 {
        0
    } else {
        1979 + u16::from(byte)
    }
}

/// A text made once and kept for the program's life, so that the records
/// can hold `&'static str` into it.
fn keep(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The indices of the records of the successor codes `successors` (a
/// record's), `own` (its index) left out, into `out`.
fn successor_records(codes: &[u32], successors: &[(u32, u16)], own: usize, out: &mut Vec<usize>) {
    out.clear();
    for &(code, _) in successors {
        let mut j = codes.partition_point(|&c| c < code);
        while codes.get(j) == Some(&code) {
            if j != own {
                out.push(j);
            }
            j += 1;
        }
    }
}

/// The columns of `generated/divisions.rs` (written by `beian-datagen`,
/// whose `divisions` documents them): `CODES` code deltas; `RETIREMENTS`
/// each record's retirement and number of successors; `SUCCESSOR_CODES`
/// the successors as deltas of their index among the distinct codes, with
/// `SUCCESSOR_YEARS`; `FIRST_YEARS` as `year - 1979`; `NAME_REFS` (0: the
/// next name of `NAMES`, 1 + k: the name of the k-th successor record, else
/// a name introduced that many names back, less `NAME_CANDIDATES`), and
/// `NAMES`, each a stem's characters as their indices in `NAME_CHARS` in
/// one or two bytes, ended by the index of its ending in `NAME_SUFFIXES`.
/// The level follows from the code.
fn decode() -> Vec<Division> {
    use std::fmt::Write as _;
    let n = data::COUNT;
    let mut codes = Vec::with_capacity(n);
    let (mut at, mut code) = (0, 0u32);
    for _ in 0..n {
        code += varint(data::CODES, &mut at);
        codes.push(code);
    }
    let mut distinct = codes.clone();
    distinct.dedup();
    // Each record's retirement, and its successors: a range of `successors`.
    let mut retirements = Vec::with_capacity(n);
    let mut successors: Vec<(u32, u16)> = Vec::with_capacity(data::SUCCESSOR_YEARS.len());
    let mut ranges = Vec::with_capacity(n);
    let (mut at, mut at_delta, mut index) = (0, 0, 0usize);
    for _ in 0..n {
        let value = varint(data::RETIREMENTS, &mut at);
        retirements.push(value / 16);
        let start = successors.len();
        for _ in 0..value % 16 {
            let zigzag = varint(data::SUCCESSOR_CODES, &mut at_delta) as usize;
            index = if zigzag.is_multiple_of(2) {
                index.wrapping_add(zigzag / 2)
            } else {
                index.wrapping_sub(zigzag.div_ceil(2))
            };
            let y = data::SUCCESSOR_YEARS.get(successors.len()).copied();
            let code = distinct.get(index).copied().unwrap_or_default();
            successors.push((code, year(y.unwrap_or_default())));
        }
        ranges.push(start..successors.len());
    }
    let mut first_years = Vec::with_capacity(n);
    for &y in data::FIRST_YEARS {
        first_years.push(year(y));
    }
    let mut related = Vec::new();
    let mut retired_years = Vec::with_capacity(n);
    for (i, &r) in retirements.iter().enumerate() {
        let k = (r as usize).wrapping_sub(2);
        retired_years.push(match r {
            0 => 0,
            1 => first_years.get(i + 1).copied().unwrap_or_default(),
            _ if k < data::RETIREMENT_CANDIDATES => {
                // The k-th distinct first year of the successor records.
                successor_records(&codes, &successors[ranges[i].clone()], i, &mut related);
                let mut seen: Vec<u16> = Vec::new();
                for &j in &related {
                    if !seen.contains(&first_years[j]) {
                        seen.push(first_years[j]);
                    }
                }
                seen.get(k).copied().unwrap_or_default()
            }
            _ => 1980 + (k - data::RETIREMENT_CANDIDATES) as u16,
        });
    }
    // The names of `NAMES` into one text; each record's name is one of them
    // (`own`) or the name of another record (`same_as`).
    let chars: Vec<char> = data::NAME_CHARS.chars().collect();
    let first = data::NAME_SUFFIXES.len() + 1;
    let mut text = String::with_capacity(data::NAMES.len() * 2);
    let mut own = Vec::new();
    let (mut start, mut at) = (0, 0);
    while let Some(&b) = data::NAMES.get(at) {
        let b = usize::from(b);
        at += 1;
        if b < first {
            let suffix = data::NAME_SUFFIXES.get(b.wrapping_sub(1)).copied();
            text.push_str(suffix.unwrap_or_default());
            own.push(start..text.len());
            start = text.len();
            continue;
        }
        let i = if b < first + data::NAME_ONE_BYTE {
            b - first
        } else {
            let low = usize::from(data::NAMES.get(at).copied().unwrap_or_default());
            at += 1;
            ((b - first - data::NAME_ONE_BYTE) << 8 | low) + data::NAME_ONE_BYTE
        };
        text.push(chars.get(i).copied().unwrap_or_default());
    }
    let text = keep(text);
    let mut names = Vec::with_capacity(n);
    let mut same_as = Vec::with_capacity(n);
    let (mut at, mut next) = (0, 0usize);
    for i in 0..n {
        let r = varint(data::NAME_REFS, &mut at) as usize;
        let (own_name, other) = if r == 0 {
            next += 1;
            (next - 1, None)
        } else if r <= data::NAME_CANDIDATES {
            successor_records(&codes, &successors[ranges[i].clone()], i, &mut related);
            (usize::MAX, related.get(r - 1).copied())
        } else {
            (next.wrapping_sub(r - data::NAME_CANDIDATES), None)
        };
        names.push(
            own.get(own_name)
                .and_then(|r| text.get(r.clone()))
                .unwrap_or_default(),
        );
        same_as.push(other);
    }
    // A name taken from another record: follow the chain (the generator
    // never lets one come back to its start).
    for i in 0..n {
        let mut j = i;
        for _ in 0..n {
            match same_as[j] {
                Some(next) => j = next,
                None => break,
            }
        }
        names[i] = names[j];
    }
    let mut successor_text = String::new();
    let mut successor_ranges = Vec::with_capacity(n);
    for range in &ranges {
        let begin = successor_text.len();
        for &(code, year) in &successors[range.clone()] {
            if successor_text.len() > begin {
                successor_text.push(';');
            }
            // Writing to a String cannot fail.
            let _ = write!(successor_text, "{code}");
            if year != 0 {
                let _ = write!(successor_text, "[{year}]");
            }
        }
        successor_ranges.push(begin..successor_text.len());
    }
    let successor_text = keep(successor_text);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let code = codes[i];
        out.push(Division {
            code,
            name: names[i],
            level: if code.is_multiple_of(10000) {
                Level::Province
            } else if code.is_multiple_of(100) {
                Level::City
            } else {
                Level::County
            },
            first_year: first_years.get(i).copied().unwrap_or_default(),
            retired_year: retired_years[i],
            successors: successor_text
                .get(successor_ranges[i].clone())
                .unwrap_or_default(),
        });
    }
    out
}

/// Every record of every code since 1980, sorted by code then first year.
pub fn all() -> &'static [Division] {
    &DIVISIONS
}

/// Level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// 省级: province, autonomous region, municipality.
    Province,
    /// 地级: prefecture-level city, prefecture, league.
    City,
    /// 县级: county, district, county-level city, banner.
    County,
}

/// One record of a division code: a code may have several records when it
/// was retired and later reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Division {
    /// Six-digit code, e.g. `110105`.
    pub code: u32,
    /// Name, e.g. `朝阳区`.
    pub name: &'static str,
    /// Level.
    pub level: Level,
    /// First year in use.
    pub first_year: u16,
    /// Year of retirement (exclusive end of use), 0 while in use.
    pub retired_year: u16,
    /// Successor codes separated by `;`, a year in brackets where the change
    /// happened in another year than the retirement.
    pub successors: &'static str,
}

impl Division {
    /// True while the code is in use.
    pub fn in_use(&self) -> bool {
        self.retired_year == 0
    }
}

/// Every record of `code` (empty when the code never existed).
///
/// ```
/// let records = beian_rules::division::records(110103);
/// assert_eq!(records[0].name, "崇文区");
/// assert!(!records[0].in_use());
/// assert!(beian_rules::division::records(130171).is_empty()); // statistics-only code
/// ```
pub fn records(code: u32) -> &'static [Division] {
    let all = all();
    let start = all.partition_point(|d| d.code < code);
    let end = all.partition_point(|d| d.code <= code);
    &all[start..end]
}

/// True when `code` has ever been a civil-affairs division code (what a
/// resident ID's region part must be: IDs keep the code of their issue).
pub fn ever_existed(code: u32) -> bool {
    !records(code).is_empty()
}

/// The record of `code` that is in use today, if any.
///
/// ```
/// assert_eq!(beian_rules::division::current(110105).unwrap().name, "朝阳区");
/// assert!(beian_rules::division::current(110104).is_none()); // 宣武区, merged 2010
/// ```
pub fn current(code: u32) -> Option<&'static Division> {
    records(code).iter().find(|d| d.in_use())
}

/// The codes in use today that a retired code's area went to at its
/// retirement, following chains of changes (a code retired into a code that
/// was itself retired later).
///
/// ```
/// assert_eq!(beian_rules::division::successors_now(110104), [110102]);
/// assert!(beian_rules::division::successors_now(110105).is_empty());
/// ```
pub fn successors_now(code: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut todo = vec![code];
    let mut seen = vec![code];
    while let Some(c) = todo.pop() {
        if c != code && current(c).is_some() {
            if !out.contains(&c) {
                out.push(c);
            }
            continue;
        }
        for record in records(c).iter().filter(|d| !d.in_use()) {
            // Entries with a year in brackets record an earlier partial
            // change; the ones without took over at retirement.
            let entries: Vec<&str> = record
                .successors
                .split(';')
                .filter(|e| !e.is_empty())
                .collect();
            let at_retirement: Vec<&str> = entries
                .iter()
                .copied()
                .filter(|e| !e.bytes().any(|b| b == b'['))
                .collect();
            let chosen = if at_retirement.is_empty() {
                entries
            } else {
                at_retirement
            };
            for next in chosen {
                let next = next.split('[').next().unwrap_or_default().trim();
                if let Ok(n) = next.parse::<u32>() {
                    if !seen.contains(&n) {
                        seen.push(n);
                        todo.push(n);
                    }
                }
            }
        }
    }
    crate::sort_u32(&mut out);
    out
}

/// What the division tables say of the region code that opens a document
/// number: a resident ID's first six digits, a unified social credit code's
/// third to eighth characters.
///
/// Our tables may be incomplete, and offices are known to have kept issuing
/// a code after it was retired (jxlwqq/id-validator issue #58: numbers with
/// 342401, retired 1999, of people born in 2001, passed a carrier's
/// real-name check), so only [`RegionStatus::Known`] is certain; the others
/// are warnings, never errors (RULES.md: "errors only where the MIIT system
/// certainly rejects").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionStatus {
    /// The code (or, for a city's own `xxxx00` and 市辖区 `xxxx01` codes, its
    /// city) is in the tables and was in use in the year asked about.
    Known,
    /// In the tables, but retired before the year asked about.
    RetiredBefore {
        /// The year the code was retired.
        retired_year: u16,
        /// Its last name.
        name: &'static str,
    },
    /// In no table since 1980.
    Unknown,
}

/// The [`RegionStatus`] of `code` for a number issued to someone born in
/// `year` (a resident ID), or for any year (`None`: a code that ever
/// existed is known). City-level codes (`xxxx00`) and their 市辖区 codes
/// (`xxxx01`), which city offices used, count as their city.
///
/// ```
/// use beian_rules::division::{document_region, RegionStatus};
/// assert_eq!(document_region(110104, Some(1980)), RegionStatus::Known); // 宣武区, retired 2010
/// assert!(matches!(document_region(110104, Some(2015)), RegionStatus::RetiredBefore { retired_year: 2010, .. }));
/// assert_eq!(document_region(440101, None), RegionStatus::Known); // 广州市 市辖区
/// assert_eq!(document_region(140120, Some(1981)), RegionStatus::Known); // 太原市 市区, 1980–1983
/// assert_eq!(document_region(999999, None), RegionStatus::Unknown);
/// ```
pub fn document_region(code: u32, year: Option<u16>) -> RegionStatus {
    let city = (code % 100 <= 1 && !code.is_multiple_of(10000)).then_some(code / 100 * 100);
    let mut candidates = records(code)
        .iter()
        .chain(city.map(records).unwrap_or_default());
    let Some(year) = year else {
        return if candidates.next().is_some() {
            RegionStatus::Known
        } else {
            RegionStatus::Unknown
        };
    };
    let mut latest: Option<&Division> = None;
    for d in candidates {
        if d.in_use() || d.retired_year >= year {
            return RegionStatus::Known;
        }
        if latest.is_none_or(|l| d.retired_year > l.retired_year) {
            latest = Some(d);
        }
    }
    match latest {
        Some(d) => RegionStatus::RetiredBefore {
            retired_year: d.retired_year,
            name: d.name,
        },
        None => RegionStatus::Unknown,
    }
}

/// The warning for a region code that is not [`RegionStatus::Known`], at
/// `path`, with the rule id `rule`; `document` names the document in both
/// languages, `born` the birth year of a resident ID.
pub(crate) fn region_warning(
    rule: &str,
    path: &str,
    document: (&str, &str),
    code: &str,
    born: Option<u16>,
    status: RegionStatus,
) -> Option<Finding> {
    let (zh, en) = document;
    let message = match status {
        RegionStatus::Known => return None,
        RegionStatus::Unknown => Message::new(
            format!(
                "{zh}中的地区代码 {code} 不在 1980 年以来的行政区划代码表中。\
                 如果证件上的号码就是这样，可以照常提交；否则请逐位核对。"
            ),
            format!(
                "The region code {code} in the {en} is not in the division code tables since \
                 1980. If your document shows this number, it is fine; otherwise compare it \
                 digit by digit."
            ),
        ),
        RegionStatus::RetiredBefore { retired_year, name } => {
            let (born_zh, born_en) = match born {
                Some(y) => (
                    format!("，早于出生年份 {y}"),
                    format!(", before the birth year {y}"),
                ),
                None => (String::new(), String::new()),
            };
            Message::new(
                format!(
                    "{zh}中的地区代码 {code}（{name}）已于 {retired_year} 年撤销{born_zh}。\
                     有些地方撤销后仍沿用旧代码：如果证件上的号码就是这样，可以照常提交。"
                ),
                format!(
                    "The region code {code} ({name}) in the {en} was retired in \
                     {retired_year}{born_en}. Some offices kept using old codes: if your \
                     document shows this number, it is fine."
                ),
            )
        }
    };
    Some(Finding::new(rule, None, path, Severity::Warning, message))
}

/// The province-level divisions in use, by code.
pub fn provinces() -> Vec<&'static Division> {
    all()
        .iter()
        .filter(|d| d.in_use() && d.level == Level::Province)
        .collect()
}

/// The divisions in use directly below `parent`: for a province its cities
/// and the county-level units it administers directly (as the districts of
/// Beijing); for a city its counties.
///
/// ```
/// use beian_rules::division::children;
/// assert!(children(110000).iter().any(|d| d.name == "朝阳区"));
/// assert!(children(130000).iter().any(|d| d.name == "石家庄市"));
/// assert!(children(130100).iter().any(|d| d.name == "正定县"));
/// ```
pub fn children(parent: u32) -> Vec<&'static Division> {
    all()
        .iter()
        .filter(|d| d.in_use() && d.code != parent && parent_of(d) == Some(parent))
        .collect()
}

/// The parent in use of a division record in use: a county's city, or its
/// province when no city of its prefix is in use; a city's province.
fn parent_of(d: &Division) -> Option<u32> {
    let province = d.code / 10000 * 10000;
    let city = d.code / 100 * 100;
    match d.level {
        Level::Province => None,
        Level::City => Some(province),
        Level::County => Some(
            if city != d.code && current(city).is_some_and(|c| c.level == Level::City) {
                city
            } else {
                province
            },
        ),
    }
}

/// One division code at `path`, of `level` (the findings of [`findings`]
/// without the place of one code in another): a finding when the code is
/// not six digits, of another level, retired (naming the code in use now)
/// or unknown, else nothing. An empty code has no finding.
///
/// ```
/// use beian_rules::division::{code_findings, Level};
/// let f = code_findings("110104", Level::County, "/division");
/// assert_eq!((f[0].rule.as_str(), f[0].path.as_str()), ("division.retired", "/division"));
/// assert_eq!(f[0].suggestion.as_deref(), Some("110102"));
/// assert!(code_findings("110105", Level::County, "").is_empty());
/// assert_eq!(code_findings("110105", Level::City, "")[0].rule, "division.level");
/// ```
pub fn code_findings(code: &str, level: Level, path: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let code = code.trim();
    if !code.is_empty() {
        check_code(code, path, level, &mut out);
    }
    out
}

/// Checks the trimmed, non-empty division code `value` at `path` as one of
/// `level`: its findings go to `out`; the division when it is in use at
/// that level.
fn check_code(
    value: &str,
    path: &str,
    level: Level,
    out: &mut Vec<Finding>,
) -> Option<&'static Division> {
    let code = match value.parse::<u32>() {
        Ok(c) if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) => c,
        _ => {
            out.push(error(
                path,
                "division.format",
                Message::new(
                    format!("“{value}”不是 6 位数字的行政区划代码。"),
                    format!("“{value}” is not a 6-digit division code."),
                ),
                None,
            ));
            return None;
        }
    };
    if let Some(d) = current(code) {
        if d.level != level {
            out.push(error(
                path,
                "division.level",
                Message::new(
                    format!("{code}（{}）不是{}级行政区划。", d.name, level_zh(level)),
                    format!(
                        "{code} ({}) is not a {}-level division.",
                        d.name,
                        level_en(level)
                    ),
                ),
                None,
            ));
            return None;
        }
        return Some(d);
    }
    match records(code).last() {
        Some(old) => {
            let now = successors_now(code);
            let names: Vec<String> = now
                .iter()
                .filter_map(|c| current(*c).map(|d| format!("{}（{c}）", d.name)))
                .collect();
            let finding = error(path, "division.retired", Message::new(
                format!(
                    "{code}（{}）已于 {} 年撤销或变更，请改选现行的区划：{}。",
                    old.name, old.retired_year, if names.is_empty() { "请重新选择".to_string() } else { crate::join(&names, "、") }
                ),
                format!(
                    "{code} ({}) was retired or changed in {}; choose the division in use now: {}.",
                    old.name, old.retired_year, if names.is_empty() { "choose again".to_string() } else { crate::join(&names, ", ") }
                ),
            ), (now.len() == 1).then(|| now[0].to_string()));
            out.push(finding);
        }
        None => out.push(error(path, "division.unknown", Message::new(
            format!("{code} 不是民政部公布的行政区划代码（统计用的开发区等代码不能用于备案）。"),
            format!("{code} is not a division code of the Ministry of Civil Affairs (statistics-only codes such as development zones cannot be used)."),
        ), None)),
    }
    None
}

/// The division codes of an address (province, city, county) as chosen in a
/// form, at `base` (e.g. `/subject`, giving `/subject/province` …).
///
/// Seed 002 #9 (1019 省市县代码错误): "可能这个县或区已做合并，不存在了。选择新的区后提交"
/// — a retired code is a 1019 error naming the code in use now; a code that
/// never was a civil-affairs code (e.g. a statistics-bureau development zone
/// such as 130171) is one too, and so is a county outside its city or
/// province. Empty fields are not checked here (whether they must be filled
/// is a completeness rule of the form).
///
/// ```
/// let f = beian_rules::division::findings("110000", "", "110104", "/subject");
/// assert_eq!(f[0].code.as_deref(), Some("1019"));
/// assert_eq!(f[0].suggestion.as_deref(), Some("110102"));
/// assert!(beian_rules::division::findings("110000", "", "110105", "/subject").is_empty());
/// ```
pub fn findings(province: &str, city: &str, county: &str, base: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut parse = |value: &str, field: &str, level: Level| -> Option<&'static Division> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        check_code(value, &format!("{base}/{field}"), level, &mut out)
    };
    let p = parse(province, "province", Level::Province);
    let c = parse(city, "city", Level::City);
    let k = parse(county, "county", Level::County);
    let inside = |child: &Division, parent: &Division| {
        child.code / 10000 == parent.code / 10000
            && (parent.level == Level::Province || child.code / 100 == parent.code / 100)
    };
    if let (Some(c), Some(p)) = (c, p) {
        if !inside(c, p) {
            out.push(outside(&format!("{base}/city"), c, p));
        }
    }
    if let Some(k) = k {
        match parent_of(k).and_then(current) {
            Some(parent) if parent.level == Level::City => {
                if let Some(c) = c.filter(|c| c.code != parent.code) {
                    out.push(outside(&format!("{base}/county"), k, c));
                } else if let Some(p) = p.filter(|p| !inside(k, p)) {
                    out.push(outside(&format!("{base}/county"), k, p));
                }
            }
            _ => {
                // Administered by the province directly: no city, or the province.
                if let Some(p) = p.filter(|p| !inside(k, p)) {
                    out.push(outside(&format!("{base}/county"), k, p));
                } else if let Some(c) = c {
                    out.push(outside(&format!("{base}/county"), k, c));
                }
            }
        }
    }
    out
}

fn level_zh(level: Level) -> &'static str {
    match level {
        Level::Province => "省",
        Level::City => "地市",
        Level::County => "区县",
    }
}

fn level_en(level: Level) -> &'static str {
    match level {
        Level::Province => "province",
        Level::City => "city",
        Level::County => "county",
    }
}

fn error(path: &str, rule: &str, message: Message, suggestion: Option<String>) -> Finding {
    let f = Finding::new(rule, Some("1019"), path, Severity::Error, message);
    match suggestion {
        Some(s) => f.with_suggestion(s),
        None => f,
    }
}

fn outside(path: &str, child: &Division, parent: &Division) -> Finding {
    error(
        path,
        "division.outside_parent",
        Message::new(
            format!(
                "{}（{}）不属于{}（{}），请重新选择。",
                child.name, child.code, parent.name, parent.code
            ),
            format!(
                "{} ({}) does not lie in {} ({}); choose again.",
                child.name, child.code, parent.name, parent.code
            ),
        ),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One code on its own has the findings of [`findings`] with only that
    /// code filled in (`checkField` of `division` uses [`code_findings`]),
    /// for codes in use, retired, unknown and malformed, at each level.
    #[test]
    fn one_code_has_the_findings_of_an_address_of_one_code() {
        let mut codes: Vec<String> = all()
            .iter()
            .step_by(37)
            .map(|d| d.code.to_string())
            .collect();
        codes.extend(
            [
                "",
                " ",
                " 110105 ",
                "110104",
                "130171",
                "999999",
                "11010",
                "1101050",
                "abcdef",
                "１１０１０５",
            ]
            .map(String::from),
        );
        for code in &codes {
            for (level, field) in [
                (Level::Province, "province"),
                (Level::City, "city"),
                (Level::County, "county"),
            ] {
                let (p, c, k) = match level {
                    Level::Province => (code.as_str(), "", ""),
                    Level::City => ("", code.as_str(), ""),
                    Level::County => ("", "", code.as_str()),
                };
                let path = format!("/s/{field}");
                assert_eq!(
                    code_findings(code, level, &path),
                    findings(p, c, k, "/s"),
                    "{code:?} {field}"
                );
            }
        }
    }

    #[test]
    fn table_is_sorted_and_complete() {
        assert!(all()
            .windows(2)
            .all(|w| (w[0].code, w[0].first_year) <= (w[1].code, w[1].first_year)));
        // 6,823 rows in result.csv of 2025-11-04 and 132 retired records of
        // the early 1980s from stdnum-loc.dat: none lost in parsing.
        assert_eq!(all().len(), 6823 + 132);
        assert_eq!(data::COUNT, 6823 + 132);
        let names: std::collections::HashSet<&str> = all().iter().map(|d| d.name).collect();
        assert_eq!(names.len(), 4429 + 10);
    }

    #[test]
    fn decoded_records_are_the_csv_rows() {
        let csv = include_str!("../data/divisions/result.csv");
        let mut rows: Vec<(u32, &str, Level, u16, u16, &str)> = csv
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let c: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
                let level = match c[4] {
                    "省级" => Level::Province,
                    "地级" => Level::City,
                    _ => Level::County,
                };
                let retired = if c[5] == "在用" {
                    0
                } else {
                    c[7].parse().unwrap()
                };
                (
                    c[0].parse().unwrap(),
                    c[3],
                    level,
                    c[6].parse().unwrap(),
                    retired,
                    c[8],
                )
            })
            .collect();
        rows.sort_by_key(|r| (r.0, r.3));
        let in_csv: std::collections::HashSet<u32> = rows.iter().map(|r| r.0).collect();
        // The records added from the 1980 tables: codes the CSV lacks, all
        // retired, none with successors.
        let early: Vec<&Division> = all().iter().filter(|d| !in_csv.contains(&d.code)).collect();
        assert_eq!(early.len(), 132);
        for d in &early {
            assert!(
                d.first_year >= 1980 && d.retired_year >= d.first_year,
                "{d:?}"
            );
            assert!(d.successors.is_empty() && !d.name.is_empty(), "{d:?}");
        }
        let decoded: Vec<_> = all()
            .iter()
            .filter(|d| in_csv.contains(&d.code))
            .map(|d| {
                (
                    d.code,
                    d.name,
                    d.level,
                    d.first_year,
                    d.retired_year,
                    d.successors,
                )
            })
            .collect();
        assert_eq!(decoded, rows);
    }

    #[test]
    fn early_codes_from_the_1980_tables() {
        // stdnum-loc.dat: 140120 太原市市区 [-1983], 110201 昌平县 [-1982].
        let r = records(140120);
        assert_eq!(r.len(), 1);
        assert_eq!(
            (r[0].name, r[0].first_year, r[0].retired_year),
            ("市区", 1980, 1983)
        );
        assert_eq!(records(110201)[0].name, "昌平县");
        // Groupings (市辖区) and statistics codes still in use are not taken.
        assert!(records(440101).is_empty());
        assert!(records(500157).is_empty());
        // An address with such a code is 1019 (retired), as any retired code.
        let f = findings("140000", "140100", "140120", "/s");
        assert_eq!(f[0].rule, "division.retired");
    }

    #[test]
    fn retired_code_names_successor() {
        // 002 #9: 宣武区 was merged into 西城区 (110102) in 2010.
        let r = records(110104);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].retired_year, 2010);
        assert_eq!(r[0].successors, "110102");
    }

    #[test]
    fn retired_county_names_its_successor() {
        // 002 #9: a merged county gives 1019 naming the code in use now.
        let f = findings("110000", "", "110104", "/subject");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "division.retired");
        assert_eq!(f[0].path, "/subject/county");
        assert!(
            f[0].message.zh_cn.contains("西城区（110102）"),
            "{}",
            f[0].message.zh_cn
        );
        // 栾城县 (130124) became 栾城区 (130111) in 2014.
        let f = findings("130000", "130100", "130124", "/subject");
        assert_eq!(f[0].suggestion.as_deref(), Some("130111"));
    }

    #[test]
    fn statistics_codes_and_bad_input() {
        let f = findings("130000", "130100", "130171", "/s");
        assert_eq!(f[0].rule, "division.unknown");
        assert_eq!(findings("13000", "", "", "/s")[0].rule, "division.format");
        assert_eq!(
            findings("１３００００", "", "", "/s")[0].rule,
            "division.format"
        );
        assert_eq!(findings("130100", "", "", "/s")[0].rule, "division.level");
    }

    #[test]
    fn parent_child_consistency() {
        assert!(findings("130000", "130100", "130102", "/s").is_empty());
        assert!(findings("110000", "", "110105", "/s").is_empty());
        assert!(findings("110000", "110000", "110105", "/s")
            .iter()
            .any(|f| f.rule == "division.level"));
        let f = findings("130000", "130200", "130102", "/s");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "division.outside_parent");
        assert_eq!(f[0].path, "/s/county");
        let f = findings("110000", "130100", "", "/s");
        assert_eq!(f[0].path, "/s/city");
        // 济源市 (419001) is administered by Henan directly.
        assert!(findings("410000", "", "419001", "/s").is_empty());
    }

    #[test]
    fn current_tree() {
        assert_eq!(provinces().len(), 34);
        for p in provinces() {
            assert!(
                !children(p.code).is_empty() || p.code >= 710000,
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn unknown_codes() {
        assert!(!ever_existed(0));
        assert!(!ever_existed(999999));
        assert!(ever_existed(110000));
    }
}
