//! Counting a report's findings as they go past, so that a report can be
//! streamed ([`crate::Batch::check_each`]) without keeping its findings,
//! and the cap on the findings listed of one kind
//! ([`crate::Options::max_findings_per_kind`]): beyond it a kind is
//! summarised in one line ("and 9,950 more findings like this").

use std::collections::{BTreeMap, BTreeSet, HashMap};

use beian_rules::{Finding, Message, Severity};

use crate::CellFinding;

/// The rule id of the line that stands for the findings of one kind left
/// out of the list.
pub const MORE_FINDINGS: &str = "batch.more_findings";

struct Kind {
    listed: usize,
    omitted: usize,
    /// The first finding of the kind (its place, code and severity).
    first: CellFinding,
}

/// The counts of the findings seen, and the kinds capped.
pub(crate) struct Tally {
    cap: Option<usize>,
    /// Index into `order` by rule, then column.
    kinds: HashMap<String, HashMap<Option<String>, usize>>,
    order: Vec<Kind>,
    pub errors: usize,
    pub warnings: usize,
    pub by_code: BTreeMap<String, usize>,
    /// Rows with an error finding.
    pub error_rows: BTreeSet<u32>,
    /// Rows with an error finding about the subject.
    pub subject_error_rows: BTreeSet<u32>,
}

impl Tally {
    pub fn new(cap: Option<usize>) -> Tally {
        Tally {
            cap,
            kinds: HashMap::new(),
            order: Vec::new(),
            errors: 0,
            warnings: 0,
            by_code: BTreeMap::new(),
            error_rows: BTreeSet::new(),
            subject_error_rows: BTreeSet::new(),
        }
    }

    /// Counts `f`; gives it back when it is to be listed (not beyond the
    /// cap of its kind).
    pub fn admit(&mut self, f: CellFinding) -> Option<CellFinding> {
        match f.finding.severity {
            Severity::Error => {
                self.errors += 1;
                if let Some(r) = f.row {
                    self.error_rows.insert(r);
                    if f.finding.path.starts_with("/subject") {
                        self.subject_error_rows.insert(r);
                    }
                }
            }
            Severity::Warning => self.warnings += 1,
            Severity::Info => {}
        }
        if let Some(code) = &f.finding.code {
            match self.by_code.get_mut(code) {
                Some(n) => *n += 1,
                None => {
                    self.by_code.insert(code.clone(), 1);
                }
            }
        }
        let Some(cap) = self.cap else {
            return Some(f);
        };
        // Looked up by reference: no key is built for a kind already seen.
        let found = self
            .kinds
            .get(f.finding.rule.as_str())
            .and_then(|by_column| by_column.get(&f.column))
            .copied();
        let kind = match found {
            Some(i) => &mut self.order[i],
            None => {
                self.kinds
                    .entry(f.finding.rule.clone())
                    .or_default()
                    .insert(f.column.clone(), self.order.len());
                self.order.push(Kind {
                    listed: 0,
                    omitted: 0,
                    first: CellFinding {
                        value: None,
                        ..f.clone()
                    },
                });
                self.order.last_mut()?
            }
        };
        if kind.listed < cap {
            kind.listed += 1;
            Some(f)
        } else {
            kind.omitted += 1;
            None
        }
    }

    /// One line per kind with findings left out, in the order the kinds
    /// were first seen.
    pub fn summaries(&self) -> Vec<CellFinding> {
        self.order
            .iter()
            .filter(|k| k.omitted > 0)
            .map(|k| more_like_this(&k.first, k.omitted))
            .collect()
    }
}

/// The line standing for `n` findings like `first` left out of the list.
fn more_like_this(first: &CellFinding, n: usize) -> CellFinding {
    let rule = &first.finding.rule;
    let count = beian_rules::limits::group(n);
    let (zh_col, en_col) = match &first.column {
        Some(c) => (format!("，{c} 列"), format!(", column {c}")),
        None => (String::new(), String::new()),
    };
    CellFinding {
        row: None,
        column: first.column.clone(),
        field: first.field.clone(),
        header: first.header.clone(),
        value: None,
        finding: Finding::new(
            MORE_FINDINGS,
            first.finding.code.as_deref(),
            "",
            first.finding.severity,
            Message::new(
                format!("另有 {count} 条同类问题（{rule}{zh_col}）未逐条列出，已计入上面的统计；修改方法与已列出的相同。"),
                format!("And {count} more findings like this ({rule}{en_col}), not listed one by one but counted in the totals; fix them the same way as the ones listed."),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(rule: &str, row: u32, column: &str, severity: Severity) -> CellFinding {
        CellFinding {
            row: Some(row),
            column: Some(column.into()),
            field: Some("websiteName".into()),
            header: Some("网站名称".into()),
            value: Some("x".into()),
            finding: Finding::new(
                rule,
                Some("5001"),
                "/websites/0/name",
                severity,
                Message::new("zh", "en"),
            ),
        }
    }

    #[test]
    fn counts_everything_and_lists_up_to_the_cap_per_kind() {
        let mut t = Tally::new(Some(2));
        let mut listed = Vec::new();
        for row in 2..12 {
            listed.extend(t.admit(cell("a", row, "S", Severity::Error)));
            listed.extend(t.admit(cell("a", row, "T", Severity::Warning)));
        }
        listed.extend(t.admit(cell("b", 3, "S", Severity::Error)));
        assert_eq!((t.errors, t.warnings, t.by_code["5001"]), (11, 10, 21));
        assert_eq!(t.error_rows.len(), 10);
        assert!(t.subject_error_rows.is_empty());
        assert_eq!(listed.len(), 5);
        assert_eq!(t.order.iter().map(|k| k.omitted).sum::<usize>(), 16);
        let more = t.summaries();
        assert_eq!(more.len(), 2);
        assert_eq!(more[0].finding.rule, MORE_FINDINGS);
        assert_eq!(more[0].column.as_deref(), Some("S"));
        assert_eq!(more[0].row, None);
        assert_eq!(more[0].finding.code.as_deref(), Some("5001"));
        assert!(more[0]
            .finding
            .message
            .en
            .starts_with("And 8 more findings like this (a, column S)"));
        assert!(more[1]
            .finding
            .message
            .zh_cn
            .contains("另有 8 条同类问题（a，T 列）"));
        assert_eq!(more[1].finding.severity, Severity::Warning);
    }

    #[test]
    fn no_cap_lists_all() {
        let mut t = Tally::new(None);
        assert!((0..1000).all(|r| t.admit(cell("a", r, "S", Severity::Error)).is_some()));
        assert!(t.summaries().is_empty());
        let mut t = Tally::new(Some(0));
        assert!(t.admit(cell("a", 1, "S", Severity::Info)).is_none());
        assert_eq!(t.summaries().len(), 1);
    }
}
