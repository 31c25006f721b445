//! The directory of access providers (接入服务提供单位) the deployer loads
//! (`beian serve --providers FILE`, issue 15): the filing system offers its
//! providers as a list to search by two or three characters (000 #58), and
//! a provider missing from it is added by the bureau on request (000 #60).
//! The wizard searches it (`GET /api/v1/providers?q=`), and the server
//! warns when an access entry names a provider it does not list — a
//! warning, as the deployer's list may lack one the bureau knows.
//!
//! The file is JSON, one object per provider:
//!
//! ```json
//! [{"name": "杭州某某网络有限公司", "licence": "浙B1-20080011", "provinces": ["浙", "330000"]}]
//! ```
//!
//! `licence` is its telecommunications licence (`浙B1-…`, `浙B2-…`, or
//! `京ICP证…号`), `provinces` where it may host (abbreviations or codes).

use beian_rules::filing_number::{self, Kind};
use beian_rules::path::{AccessField, FieldPath, WebsiteField};
use beian_rules::{Filing, Finding, Message, Severity};
use serde::{Deserialize, Serialize};

/// One access provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    /// Its registered name, exactly as the filing system lists it.
    pub name: String,
    /// Its licence number, canonical (`浙B1-20080011`).
    pub licence: String,
    /// The provinces (GB/T 2260 codes) where it may host.
    pub provinces: Vec<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    licence: String,
    provinces: Vec<String>,
}

/// The directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    providers: Vec<Provider>,
}

/// Why a directory file was refused: the entry (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The entry, from 1 (0: the file as a whole).
    pub entry: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.entry {
            0 => write!(f, "providers file: {}", self.message),
            n => write!(f, "providers file, entry {n}: {}", self.message),
        }
    }
}

/// A B1 (IDC) licence, which the filing number parser does not know:
/// abbreviation, `B1-`, eight digits.
fn b1_licence(text: &str) -> Option<String> {
    let compact = filing_number::compact(text);
    let mut chars = compact.chars();
    let abbreviation = chars.next()?;
    filing_number::province(abbreviation)?;
    let rest: String = chars.collect();
    let digits = rest.strip_prefix("B1-")?;
    (digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{abbreviation}B1-{digits}"))
}

fn province_code(text: &str) -> Option<u32> {
    let t = text.trim();
    if let Ok(code) = t.parse::<u32>() {
        return filing_number::province_of_code(code / 10000 * 10000).map(|p| p.code);
    }
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => filing_number::province(c).map(|p| p.code),
        _ => filing_number::PROVINCES
            .iter()
            .find(|p| p.name == t)
            .map(|p| p.code),
    }
}

/// The form a name is compared in: trimmed, full width folded, no inner
/// white space.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

impl Directory {
    /// Reads and checks a directory file.
    ///
    /// ```
    /// use beian_server::providers::Directory;
    /// let d = Directory::parse(r#"[{"name": "杭州某某网络有限公司", "licence": "浙B1-20080011", "provinces": ["浙"]}]"#).unwrap();
    /// assert!(d.knows(" 杭州某某网络有限公司 "));
    /// let e = Directory::parse(r#"[{"name": "某公司", "licence": "B2-1", "provinces": ["浙"]}]"#).unwrap_err();
    /// assert_eq!(e.entry, 1);
    /// ```
    pub fn parse(text: &str) -> Result<Directory, LoadError> {
        let entries: Vec<Entry> = serde_json::from_str(text).map_err(|e| LoadError {
            entry: 0,
            message: e.to_string(),
        })?;
        let mut providers: Vec<Provider> = Vec::with_capacity(entries.len());
        for (i, e) in entries.into_iter().enumerate() {
            let fail = |message: String| LoadError {
                entry: i + 1,
                message,
            };
            let name = e.name.trim().to_string();
            if name.is_empty() {
                return Err(fail("the name is empty".into()));
            }
            if providers.iter().any(|p| key(&p.name) == key(&name)) {
                return Err(fail(format!("{name} is listed twice")));
            }
            let licence = match filing_number::validate(&e.licence) {
                Ok(n) if matches!(n.kind(), Kind::Commercial | Kind::IcpLicence) => n.to_string(),
                _ => b1_licence(&e.licence).ok_or_else(|| {
                    fail(format!(
                        "“{}” is no licence number (浙B1-20080011, 浙B2-20040180, 京ICP证030173号)",
                        e.licence
                    ))
                })?,
            };
            if e.provinces.is_empty() {
                return Err(fail("no province".into()));
            }
            let mut provinces = Vec::new();
            for p in &e.provinces {
                let code = province_code(p)
                    .ok_or_else(|| fail(format!("“{p}” is no province (浙, 330000, 浙江)")))?;
                if !provinces.contains(&code) {
                    provinces.push(code);
                }
            }
            providers.push(Provider {
                name,
                licence,
                provinces,
            });
        }
        Ok(Directory { providers })
    }

    /// The number of providers.
    pub fn len(&self) -> usize {
        self.providers.len()
    }

    /// True when it lists none.
    pub fn is_empty(&self) -> bool {
        self.providers.is_empty()
    }

    /// True when it lists a provider of that name.
    pub fn knows(&self, name: &str) -> bool {
        let k = key(name);
        self.providers.iter().any(|p| key(&p.name) == k)
    }

    /// The providers whose name contains `q` (two or three characters are
    /// enough, 000 #58), at most `limit`, in the file's order.
    pub fn search(&self, q: &str, limit: usize) -> Vec<&Provider> {
        let k = key(q);
        self.providers
            .iter()
            .filter(|p| k.is_empty() || key(&p.name).contains(&k))
            .take(limit)
            .collect()
    }

    /// Warnings on the access entries of `filing` that name a provider the
    /// directory does not list.
    pub fn findings(&self, filing: &Filing) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, w) in filing.websites.iter().enumerate() {
            for (j, a) in w.access.iter().enumerate() {
                let name = a.provider.trim();
                if name.is_empty() || self.knows(name) {
                    continue;
                }
                let path =
                    FieldPath::website(i, WebsiteField::AccessEntry(j, AccessField::Provider));
                out.push(Finding::new(
                    "registry.provider_unlisted",
                    None,
                    &path.to_string(),
                    Severity::Warning,
                    Message::new(
                        format!("接入服务提供单位“{name}”不在本系统的接入商名单中：请向接入商确认准确的单位名称；名单中仍然没有的，由通信管理局添加。"),
                        format!("The access provider “{name}” is not in this system's list of providers: ask the provider for its exact registered name; if it is still missing, the bureau adds it."),
                    ),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"[
        {"name": "杭州某某网络有限公司", "licence": "浙B1-20080011", "provinces": ["浙", "330000", "浙江"]},
        {"name": "北京某某云计算有限公司", "licence": "京B2-20090059", "provinces": ["110000", "沪"]},
        {"name": "某某信息港", "licence": "京ICP证030173号", "provinces": ["京"]}
    ]"#;

    #[test]
    fn loads_checks_and_searches() {
        let d = Directory::parse(FILE).unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d.providers[0].provinces, [330000]);
        assert_eq!(d.providers[1].provinces, [110000, 310000]);
        assert!(d.knows("杭州某某网络有限公司"));
        assert!(d.knows("杭州某某网络 有限公司"));
        assert!(!d.knows("杭州某某网络"));
        let names =
            |q: &str| -> Vec<String> { d.search(q, 10).iter().map(|p| p.name.clone()).collect() };
        assert_eq!(names("云计算"), ["北京某某云计算有限公司"]);
        assert_eq!(names("某某").len(), 3);
        assert_eq!(d.search("某某", 2).len(), 2);
    }

    #[test]
    fn refuses_a_bad_file_naming_the_entry() {
        for (text, entry) in [
            ("{", 0),
            (
                r#"[{"name": "", "licence": "浙B1-20080011", "provinces": ["浙"]}]"#,
                1,
            ),
            (
                r#"[{"name": "甲", "licence": "浙B1-2008", "provinces": ["浙"]}]"#,
                1,
            ),
            (
                r#"[{"name": "甲", "licence": "京ICP备12345678号", "provinces": ["浙"]}]"#,
                1,
            ),
            (
                r#"[{"name": "甲", "licence": "浙B1-20080011", "provinces": []}]"#,
                1,
            ),
            (
                r#"[{"name": "甲", "licence": "浙B1-20080011", "provinces": ["火星"]}]"#,
                1,
            ),
            (
                r#"[{"name": "甲", "licence": "浙B1-20080011", "provinces": ["浙"]}, {"name": " 甲", "licence": "浙B1-20080011", "provinces": ["浙"]}]"#,
                2,
            ),
            (
                r#"[{"name": "甲", "licence": "浙B1-20080011", "provinces": ["浙"], "x": 1}]"#,
                0,
            ),
        ] {
            assert_eq!(Directory::parse(text).unwrap_err().entry, entry, "{text}");
        }
    }

    #[test]
    fn warns_of_unlisted_providers() {
        let d = Directory::parse(FILE).unwrap();
        let filing: Filing = serde_json::from_str(
            r#"{"websites": [{"access": [{"provider": "杭州某某网络有限公司"}, {"provider": "无名公司"}, {"provider": ""}]}]}"#,
        )
        .unwrap();
        let f = d.findings(&filing);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/websites/0/access/1/provider");
        assert_eq!(f[0].severity, Severity::Warning);
    }
}
