//! Reading a filing from JSON with its shape checked (5001: 数据文件格式不符合
//! 接口 XSD 规范, 002 #17).
//!
//! serde's derived `Deserialize` accepts a JSON array where a struct is
//! expected (`[]` reads as an empty [`Filing`], so does `{"subject": []}`).
//! [`Filing::from_json`] reads the tree of [`crate::json`] into the model by
//! hand: only objects for structs, arrays for lists, strings for text, enum
//! names and dates, `true`/`false` for flags and `null` only for optional
//! values; the first error is named with its JSON path
//! (`/websites/0/domains`). It accepts exactly what serde's derive accepts
//! but for those shapes, and reads the same filing (tests below and in
//! `tests/fields_total.rs`, and the fuzz target `filing_json`).

use std::fmt;

use crate::date::Date;
use crate::field::FieldContext;
use crate::finding::{Finding, Message, Severity};
use crate::json::{self, Json, Path};
use crate::limits::{self, Limit};
use crate::model::{
    Access, Attachment, AttachmentKind, ContentCategory, DocumentType, Filing, Person, PreApproval,
    ResponsiblePersonRole, Subject, SubjectType, Website,
};

/// Why a JSON text is not a filing: the data does not match the interface
/// schema (MIIT 5001).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// JSON pointer of the value at fault (`""` for the whole document).
    pub path: String,
    /// What is wrong, in zh-CN and en.
    pub message: Message,
    /// True when the text is not JSON at all (a syntax error).
    pub syntax: bool,
}

impl SchemaError {
    /// The MIIT return code: always `5001`.
    pub fn code(&self) -> &'static str {
        "5001"
    }

    /// Stable rule id: `schema.json` for a syntax error, `schema.shape`
    /// for valid JSON of the wrong shape.
    pub fn rule(&self) -> &'static str {
        if self.syntax {
            "schema.json"
        } else {
            "schema.shape"
        }
    }

    /// The error as a finding (error, 5001) at its path.
    pub fn finding(&self) -> Finding {
        Finding::new(
            self.rule(),
            Some(self.code()),
            &self.path,
            Severity::Error,
            self.message.clone(),
        )
    }
}

/// The English message, after the path when there is one (the code, 5001,
/// is [`SchemaError::code`]; the message does not repeat it).
impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message.en)
        } else {
            write!(f, "{}: {}", self.path, self.message.en)
        }
    }
}

impl std::error::Error for SchemaError {}

impl Filing {
    /// Reads a filing from JSON, rejecting every value of the wrong shape
    /// (an array or a string where an object is expected, and so on) with
    /// the JSON path of the first one; unknown keys are errors too.
    ///
    /// ```
    /// use beian_rules::Filing;
    /// let f = Filing::from_json(r#"{"websites": [{"domains": ["example.com"]}]}"#).unwrap();
    /// assert_eq!(f.websites[0].domains, ["example.com"]);
    /// let e = Filing::from_json(r#"{"subject": []}"#).unwrap_err();
    /// assert_eq!((e.code(), e.path.as_str()), ("5001", "/subject"));
    /// assert_eq!(Filing::from_json("[]").unwrap_err().path, "");
    /// let e = Filing::from_json(r#"{"websites": [{"domain": []}]}"#).unwrap_err();
    /// assert_eq!(e.path, "/websites/0/domain");
    /// ```
    pub fn from_json(text: &str) -> Result<Filing, SchemaError> {
        read(text, filing, in_filing)
    }
}

impl FieldContext {
    /// Reads a field's context from JSON (`{"domains": [...], "today":
    /// "YYYY-MM-DD" or null, "path": "..."}`, every key optional), with the
    /// same checks as [`Filing::from_json`] and messages that say only what
    /// is wrong (not "the data does not match the schema: …": a
    /// context is not filing data).
    ///
    /// ```
    /// use beian_rules::FieldContext;
    /// let c = FieldContext::from_json(r#"{"domains": ["example.com"], "today": null}"#).unwrap();
    /// assert_eq!(c.domains, ["example.com"]);
    /// let e = FieldContext::from_json(r#"{"domain": []}"#).unwrap_err();
    /// assert_eq!(e.path, "/domain");
    /// assert_eq!(e.message.en, "unknown field `domain`, expected one of `domains`, `today`, `path`.");
    /// ```
    pub fn from_json(text: &str) -> Result<FieldContext, SchemaError> {
        read(text, field_context, plain)
    }
}

/// A shape error of a filing: the 5001 sentence (数据文件格式不符合接口 XSD
/// 规范) around what is wrong; the code itself is the finding's.
fn in_filing(zh: &str, en: &str) -> Message {
    Message::new(
        format!("数据格式不符合接口规范：{zh}。"),
        format!("The data does not match the schema: {en}."),
    )
}

/// A shape error of another value (a field's context): what is wrong alone.
fn plain(zh: &str, en: &str) -> Message {
    Message::new(format!("{zh}。"), format!("{en}."))
}

/// Parses `text` and reads the tree with `reader`; `message` words a shape
/// error ([`in_filing`] or [`plain`]).
fn read<T>(
    text: &str,
    reader: fn(&Json, &Path<'_>) -> Read<T>,
    message: fn(&str, &str) -> Message,
) -> Result<T, SchemaError> {
    let value = json::parse(text).map_err(|e| match e.duplicate {
        Some(path) => SchemaError {
            message: Message::new(
                "同一个对象中重复出现了这个字段，数据有歧义。",
                "This key appears twice in the same object: the data is ambiguous.",
            ),
            path,
            syntax: false,
        },
        None => SchemaError {
            path: String::new(),
            message: Message::new(
                format!("不是有效的 JSON（第 {} 行第 {} 列）。", e.line, e.column),
                format!("Not valid JSON: {e}."),
            ),
            syntax: true,
        },
    })?;
    reader(&value, &Path::Root).map_err(|e| SchemaError {
        message: message(&e.zh, &e.en),
        path: e.path,
        syntax: false,
    })
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let syntax = Filing::from_json("{").unwrap_err();
    let shape = Filing::from_json(r#"{"subject": []}"#).unwrap_err();
    vec![syntax.finding(), shape.finding()]
}

/// A value of the wrong shape: what is wrong, and where.
#[derive(Debug)]
struct Error {
    /// What is wrong, without the sentence around it (see [`in_filing`]).
    zh: String,
    en: String,
    path: String,
}

impl Error {
    fn new(zh: &str, en: &str, path: &Path<'_>) -> Error {
        Error {
            zh: zh.to_string(),
            en: en.to_string(),
            path: path.to_string(),
        }
    }

    fn expected(zh: &str, en: &str, found: &Json, path: &Path<'_>) -> Error {
        let (found_zh, found_en) = found.kind();
        Error::new(
            &format!("此处应为{zh}，实际是{found_zh}"),
            &format!("expected {en}, found {found_en}"),
            path,
        )
    }
}

type Read<T> = Result<T, Error>;

/// `names` quoted and joined: `` `a`, `b` ``.
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// The entries of an object.
fn object<'a>(value: &'a Json, path: &Path<'_>) -> Read<&'a [(String, Json)]> {
    match value {
        Json::Object(entries) => Ok(entries),
        other => Err(Error::expected("对象", "an object", other, path)),
    }
}

/// A key that is not one of `keys` (as serde's `deny_unknown_fields`).
fn unknown(key: &str, keys: &[&str], path: &Path<'_>) -> Error {
    let names = quoted(keys);
    Error::new(
        &format!("未知字段 `{key}`，应为以下之一：{names}"),
        &format!("unknown field `{key}`, expected one of {names}"),
        path,
    )
}

/// A text: no control character but tab and line breaks
/// ([`json::control_character`]: PostgreSQL stores no U+0000, and the
/// others are invisible in a form and forge lines in logs).
fn text(value: &Json, path: &Path<'_>) -> Read<String> {
    match value {
        Json::String(s) => match json::control_character(s) {
            None => Ok(s.clone()),
            Some(c) => Err(control(c, path)),
        },
        other => Err(Error::expected("字符串", "a string", other, path)),
    }
}

/// The error of a text holding the control character `c`.
fn control(c: char, path: &Path<'_>) -> Error {
    let code = format!("U+{:04X}", u32::from(c));
    Error::new(
        &format!("文本中有控制字符 {code}（只允许制表符和换行）"),
        &format!(
            "the text holds the control character {code} (only tab and line breaks are allowed)"
        ),
        path,
    )
}

fn flag(value: &Json, path: &Path<'_>) -> Read<bool> {
    match value {
        Json::Bool(b) => Ok(*b),
        other => Err(Error::expected(
            "true 或 false",
            "true or false",
            other,
            path,
        )),
    }
}

fn list<T>(value: &Json, path: &Path<'_>, item: fn(&Json, &Path<'_>) -> Read<T>) -> Read<Vec<T>> {
    let Json::Array(items) = value else {
        return Err(Error::expected("数组", "an array", value, path));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| item(v, &Path::Index(path, i)))
        .collect()
}

/// A list of at most `limit.max` items: a longer one is an error at its
/// first item beyond the limit, before any item is read.
fn bounded<T>(
    value: &Json,
    path: &Path<'_>,
    limit: Limit,
    item: fn(&Json, &Path<'_>) -> Read<T>,
) -> Read<Vec<T>> {
    if let Json::Array(items) = value {
        if items.len() > limit.max {
            let (zh, en) = limit.words();
            return Err(Error::new(&zh, &en, &Path::Index(path, limit.max)));
        }
    }
    list(value, path, item)
}

fn optional<T>(
    value: &Json,
    path: &Path<'_>,
    read: fn(&Json, &Path<'_>) -> Read<T>,
) -> Read<Option<T>> {
    match value {
        Json::Null => Ok(None),
        other => read(other, path).map(Some),
    }
}

fn date(value: &Json, path: &Path<'_>) -> Read<Date> {
    let s = text(value, path)?;
    Date::parse(&s).ok_or_else(|| {
        Error::new(
            &format!("不是日期（YYYY-MM-DD）：{s:?}"),
            &format!("not a date (YYYY-MM-DD): {s:?}"),
            path,
        )
    })
}

/// The variant named `value` among `names` (the enum's serde names).
fn name<T: Copy>(value: &Json, path: &Path<'_>, names: &[(&str, T)]) -> Read<T> {
    let all = || quoted(&names.iter().map(|(n, _)| *n).collect::<Vec<_>>());
    let Json::String(s) = value else {
        let all = all();
        return Err(Error::expected(
            &format!("以下名称之一：{all}"),
            &format!("one of the names {all}"),
            value,
            path,
        ));
    };
    match names.iter().find(|(n, _)| n == s) {
        Some((_, v)) => Ok(*v),
        None => {
            let all = all();
            Err(Error::new(
                &format!("未知名称 `{s}`，应为以下之一：{all}"),
                &format!("unknown variant `{s}`, expected one of {all}"),
                path,
            ))
        }
    }
}

fn subject_type(v: &Json, p: &Path<'_>) -> Read<SubjectType> {
    name(v, p, &SubjectType::NAMES)
}

fn document_type(v: &Json, p: &Path<'_>) -> Read<DocumentType> {
    name(v, p, &DocumentType::NAMES)
}

fn role(v: &Json, p: &Path<'_>) -> Read<ResponsiblePersonRole> {
    name(v, p, &ResponsiblePersonRole::NAMES)
}

fn category(v: &Json, p: &Path<'_>) -> Read<ContentCategory> {
    name(v, p, &ContentCategory::NAMES)
}

fn attachment_kind(v: &Json, p: &Path<'_>) -> Read<AttachmentKind> {
    name(v, p, &AttachmentKind::NAMES)
}

/// The keys of the JSON object read by [`filing`], as serde names them.
const FILING_KEYS: [&str; 2] = ["subject", "websites"];

fn filing(value: &Json, path: &Path<'_>) -> Read<Filing> {
    let mut f = Filing::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "subject" => f.subject = subject(v, at)?,
            "websites" => f.websites = bounded(v, at, limits::WEBSITES, website)?,
            _ => return Err(unknown(key, &FILING_KEYS, at)),
        }
    }
    Ok(f)
}

/// The keys of the JSON object read by [`person`], as serde names them.
const PERSON_KEYS: [&str; 6] = [
    "name",
    "documentType",
    "documentNumber",
    "mobile",
    "phone",
    "email",
];

fn person(value: &Json, path: &Path<'_>) -> Read<Person> {
    let mut p = Person::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "name" => p.name = text(v, at)?,
            "documentType" => p.document_type = document_type(v, at)?,
            "documentNumber" => p.document_number = text(v, at)?,
            "mobile" => p.mobile = text(v, at)?,
            "phone" => p.phone = text(v, at)?,
            "email" => p.email = text(v, at)?,
            _ => return Err(unknown(key, &PERSON_KEYS, at)),
        }
    }
    Ok(p)
}

/// The keys of the JSON object read by [`subject`], as serde names them.
const SUBJECT_KEYS: [&str; 15] = [
    "subjectType",
    "name",
    "documentType",
    "documentNumber",
    "province",
    "city",
    "county",
    "address",
    "responsiblePerson",
    "responsiblePersonRole",
    "commercial",
    "licenceNumber",
    "filingNumber",
    "documents",
    "filingCreatedOn",
];

fn subject(value: &Json, path: &Path<'_>) -> Read<Subject> {
    let mut s = Subject::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "subjectType" => s.subject_type = subject_type(v, at)?,
            "name" => s.name = text(v, at)?,
            "documentType" => s.document_type = document_type(v, at)?,
            "documentNumber" => s.document_number = text(v, at)?,
            "province" => s.province = text(v, at)?,
            "city" => s.city = text(v, at)?,
            "county" => s.county = text(v, at)?,
            "address" => s.address = text(v, at)?,
            "responsiblePerson" => s.responsible_person = person(v, at)?,
            "responsiblePersonRole" => s.responsible_person_role = optional(v, at, role)?,
            "commercial" => s.commercial = flag(v, at)?,
            "licenceNumber" => s.licence_number = text(v, at)?,
            "filingNumber" => s.filing_number = text(v, at)?,
            "documents" => s.documents = bounded(v, at, limits::DOCUMENTS, attachment)?,
            "filingCreatedOn" => s.filing_created_on = optional(v, at, date)?,
            _ => return Err(unknown(key, &SUBJECT_KEYS, at)),
        }
    }
    Ok(s)
}

/// The keys of the JSON object read by [`pre_approval`], as serde names them.
const PRE_APPROVAL_KEYS: [&str; 2] = ["category", "permitNumber"];

fn pre_approval(value: &Json, path: &Path<'_>) -> Read<PreApproval> {
    let mut p = PreApproval::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "category" => p.category = optional(v, at, category)?,
            "permitNumber" => p.permit_number = text(v, at)?,
            _ => return Err(unknown(key, &PRE_APPROVAL_KEYS, at)),
        }
    }
    Ok(p)
}

/// The keys of the JSON object read by [`attachment`], as serde names them.
const ATTACHMENT_KEYS: [&str; 2] = ["kind", "date"];

fn attachment(value: &Json, path: &Path<'_>) -> Read<Attachment> {
    let mut a = Attachment::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "kind" => a.kind = optional(v, at, attachment_kind)?,
            "date" => a.date = optional(v, at, date)?,
            _ => return Err(unknown(key, &ATTACHMENT_KEYS, at)),
        }
    }
    Ok(a)
}

/// The keys of the JSON object read by [`website`], as serde names them.
const WEBSITE_KEYS: [&str; 10] = [
    "name",
    "domains",
    "homepage",
    "access",
    "responsiblePerson",
    "contentCategories",
    "preApprovals",
    "bulletinBoard",
    "domainOwner",
    "documents",
];

fn website(value: &Json, path: &Path<'_>) -> Read<Website> {
    let mut w = Website::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "name" => w.name = text(v, at)?,
            "domains" => w.domains = bounded(v, at, limits::DOMAINS, text)?,
            "homepage" => w.homepage = text(v, at)?,
            "access" => w.access = bounded(v, at, limits::ACCESS, access)?,
            "responsiblePerson" => w.responsible_person = person(v, at)?,
            "contentCategories" => {
                w.content_categories = bounded(v, at, limits::CATEGORIES, category)?
            }
            "preApprovals" => {
                w.pre_approvals = bounded(v, at, limits::PRE_APPROVALS, pre_approval)?
            }
            "bulletinBoard" => w.bulletin_board = flag(v, at)?,
            "domainOwner" => w.domain_owner = text(v, at)?,
            "documents" => w.documents = bounded(v, at, limits::DOCUMENTS, attachment)?,
            _ => return Err(unknown(key, &WEBSITE_KEYS, at)),
        }
    }
    Ok(w)
}

/// The keys of the JSON object read by [`field_context`], as serde names them.
const FIELD_CONTEXT_KEYS: [&str; 3] = ["domains", "today", "path"];

fn field_context(value: &Json, path: &Path<'_>) -> Read<FieldContext> {
    let mut c = FieldContext::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "domains" => c.domains = bounded(v, at, limits::DOMAINS, text)?,
            "today" => c.today = optional(v, at, date)?,
            "path" => c.path = text(v, at)?,
            _ => return Err(unknown(key, &FIELD_CONTEXT_KEYS, at)),
        }
    }
    Ok(c)
}

/// The keys of the JSON object read by [`access`], as serde names them.
const ACCESS_KEYS: [&str; 4] = ["provider", "method", "serverLocation", "ips"];

fn access(value: &Json, path: &Path<'_>) -> Read<Access> {
    let mut a = Access::default();
    for (key, v) in object(value, path)? {
        let at = &Path::Key(path, key);
        match key.as_str() {
            "provider" => a.provider = text(v, at)?,
            "method" => a.method = text(v, at)?,
            "serverLocation" => a.server_location = text(v, at)?,
            "ips" => a.ips = bounded(v, at, limits::IPS, text)?,
            _ => return Err(unknown(key, &ACCESS_KEYS, at)),
        }
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(json: &str) -> String {
        Filing::from_json(json).unwrap_err().path
    }

    #[test]
    fn arrays_and_scalars_where_objects_are_expected() {
        assert_eq!(path("[]"), "");
        assert_eq!(path("null"), "");
        assert_eq!(path("\"x\""), "");
        assert_eq!(path(r#"{"subject": []}"#), "/subject");
        assert_eq!(
            path(r#"{"subject": {"responsiblePerson": [1]}}"#),
            "/subject/responsiblePerson"
        );
        assert_eq!(path(r#"{"websites": [[]]}"#), "/websites/0");
        assert_eq!(
            path(r#"{"websites": [{"access": [[]]}]}"#),
            "/websites/0/access/0"
        );
        assert_eq!(path(r#"{"websites": {}}"#), "/websites");
    }

    #[test]
    fn wrong_scalars_and_names() {
        assert_eq!(
            path(r#"{"subject": {"documentNumber": 1}}"#),
            "/subject/documentNumber"
        );
        assert_eq!(path(r#"{"subject": {"name": null}}"#), "/subject/name");
        assert_eq!(
            path(r#"{"websites": [{"domains": ["a", 2]}]}"#),
            "/websites/0/domains/1"
        );
        assert_eq!(
            path(r#"{"subject": {"subjectType": "robot"}}"#),
            "/subject/subjectType"
        );
        assert_eq!(
            path(r#"{"subject": {"subjectType": {"individual": null}}}"#),
            "/subject/subjectType"
        );
        assert_eq!(
            path(r#"{"subject": {"commercial": "yes"}}"#),
            "/subject/commercial"
        );
        assert_eq!(
            path(r#"{"subject": {"filingCreatedOn": "2024-02-30"}}"#),
            "/subject/filingCreatedOn"
        );
        assert_eq!(path(r#"{"subject": {"nmae": ""}}"#), "/subject/nmae");
        assert_eq!(path(r#"{"a/b~": 1}"#), "/a~1b~0");
        // A key twice in one object: serde's derive refuses it, and so do we.
        let twice = r#"{"websites": [{"homepage": "a", "homepage": "b"}]}"#;
        assert!(serde_json::from_str::<Filing>(twice).is_err());
        assert_eq!(path(twice), "/websites/0/homepage");
        assert!(!Filing::from_json(twice).unwrap_err().syntax);
        let e = Filing::from_json(r#"{"subject": {"subjectType": "robot"}}"#).unwrap_err();
        assert!(e.message.en.contains("robot"), "{e}");
        assert_eq!(e.finding().code.as_deref(), Some("5001"));
    }

    /// Issue 16: the limits are checked before any rule runs, at the first
    /// item beyond them; a filing at the limits reads.
    #[test]
    fn limits_refuse_the_first_item_beyond() {
        let many = |n: usize, item: &str| vec![item; n].join(",");
        let at_limit = format!(r#"{{"websites": [{}]}}"#, many(1000, "{}"));
        assert_eq!(Filing::from_json(&at_limit).unwrap().websites.len(), 1000);
        // The body of the issue: 16,000 empty websites.
        let e =
            Filing::from_json(&format!(r#"{{"websites": [{}]}}"#, many(16000, "{}"))).unwrap_err();
        assert_eq!((e.code(), e.path.as_str()), ("5001", "/websites/1000"));
        assert!(!e.syntax);
        assert!(e.message.en.contains("at most 1,000 websites"), "{e}");
        let one = |website: String| format!(r#"{{"websites": [{{}}, {website}]}}"#);
        for (website, at) in [
            (
                format!(r#"{{"domains": [{}]}}"#, many(101, r#""a.cn""#)),
                "/websites/1/domains/100",
            ),
            (
                format!(r#"{{"access": [{}]}}"#, many(21, "{}")),
                "/websites/1/access/20",
            ),
            (
                format!(
                    r#"{{"access": [{{"ips": [{}]}}]}}"#,
                    many(257, r#""1.2.3.4""#)
                ),
                "/websites/1/access/0/ips/256",
            ),
            (
                format!(r#"{{"contentCategories": [{}]}}"#, many(33, r#""news""#)),
                "/websites/1/contentCategories/32",
            ),
            (
                format!(r#"{{"preApprovals": [{}]}}"#, many(33, "{}")),
                "/websites/1/preApprovals/32",
            ),
            (
                format!(r#"{{"documents": [{}]}}"#, many(51, "{}")),
                "/websites/1/documents/50",
            ),
        ] {
            assert_eq!(path(&one(website)), at);
        }
        let subject = format!(r#"{{"subject": {{"documents": [{}]}}}}"#, many(51, "{}"));
        assert_eq!(path(&subject), "/subject/documents/50");
        let context = format!(r#"{{"domains": [{}]}}"#, many(101, r#""a.cn""#));
        assert_eq!(
            FieldContext::from_json(&context).unwrap_err().path,
            "/domains/100"
        );
        // The same error from a filing built without JSON.
        let filing = Filing {
            websites: vec![Website::default(); 1001],
            ..Filing::default()
        };
        assert_eq!(limits::check(&filing).unwrap_err().path, "/websites/1000");
    }

    /// Issue 16: U+0000 and the other control characters are refused in
    /// every text, tab and line breaks kept.
    #[test]
    fn control_characters_are_refused() {
        let e = Filing::from_json(r#"{"subject": {"name": "A\u0000B"}}"#).unwrap_err();
        assert_eq!((e.code(), e.path.as_str()), ("5001", "/subject/name"));
        assert!(e.message.en.contains("U+0000"), "{e}");
        for (json, at) in [
            (
                r#"{"websites": [{"domains": ["a\u001b.cn"]}]}"#,
                "/websites/0/domains/0",
            ),
            (
                r#"{"subject": {"documentNumber": "1101\u0085"}}"#,
                "/subject/documentNumber",
            ),
            (
                r#"{"subject": {"filingCreatedOn": "2024-01-01\u007f"}}"#,
                "/subject/filingCreatedOn",
            ),
            (
                r#"{"websites": [{"access": [{"ips": ["1.2.3.4\u0000"]}]}]}"#,
                "/websites/0/access/0/ips/0",
            ),
        ] {
            assert_eq!(path(json), at, "{json}");
        }
        let ok = Filing::from_json(r#"{"subject": {"address": "北京市\r\n朝阳区\t1号"}}"#).unwrap();
        assert_eq!(ok.subject.address, "北京市\r\n朝阳区\t1号");
    }

    #[test]
    fn syntax_errors_say_where() {
        let e = Filing::from_json("{\n \"subject\": }").unwrap_err();
        assert!(e.syntax);
        assert_eq!(e.rule(), "schema.json");
        assert!(e.message.zh_cn.contains("第 2 行"), "{e}");
    }

    /// Every string a value of the JSON Schema may take (`const`, `enum`).
    fn schema_names(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("const", serde_json::Value::String(s)) => out.push(s.clone()),
                        ("enum", serde_json::Value::Array(items)) => {
                            out.extend(items.iter().filter_map(|i| i.as_str().map(String::from)))
                        }
                        _ => schema_names(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| schema_names(i, out)),
            _ => {}
        }
    }

    fn check_names<T>(names: &[(&str, T)])
    where
        T: serde::Serialize + schemars::JsonSchema + PartialEq + fmt::Debug,
    {
        for (name, variant) in names {
            assert_eq!(serde_json::to_value(variant).unwrap(), *name);
        }
        let mut all = Vec::new();
        schema_names(
            &serde_json::to_value(schemars::schema_for!(T)).unwrap(),
            &mut all,
        );
        let mut ours: Vec<String> = names.iter().map(|(n, _)| n.to_string()).collect();
        all.sort();
        ours.sort();
        assert_eq!(ours, all, "{}", std::any::type_name::<T>());
    }

    #[test]
    fn enum_names_are_serdes_names_all_of_them() {
        check_names(&SubjectType::NAMES);
        check_names(&DocumentType::NAMES);
        check_names(&ResponsiblePersonRole::NAMES);
        check_names(&ContentCategory::NAMES);
        check_names(&AttachmentKind::NAMES);
    }

    /// The keys of each reader are the properties serde knows for its type
    /// (through schemars, which follows serde's attributes): a field added
    /// to the model and not to its reader fails here.
    #[test]
    fn keys_are_serdes_fields_all_of_them() {
        fn sorted(keys: impl IntoIterator<Item = String>) -> Vec<String> {
            let mut keys: Vec<String> = keys.into_iter().collect();
            keys.sort();
            keys
        }
        fn properties(schema: &serde_json::Value) -> Vec<String> {
            let map = schema["properties"].as_object().expect("properties");
            sorted(map.keys().cloned())
        }
        fn ours(keys: &[&str]) -> Vec<String> {
            sorted(keys.iter().map(|k| k.to_string()))
        }
        let schema = serde_json::to_value(schemars::schema_for!(Filing)).unwrap();
        assert_eq!(ours(&FILING_KEYS), properties(&schema));
        for (name, keys) in [
            ("Subject", &SUBJECT_KEYS[..]),
            ("Person", &PERSON_KEYS[..]),
            ("Website", &WEBSITE_KEYS[..]),
            ("Access", &ACCESS_KEYS[..]),
            ("PreApproval", &PRE_APPROVAL_KEYS[..]),
            ("Attachment", &ATTACHMENT_KEYS[..]),
        ] {
            assert_eq!(ours(keys), properties(&schema["$defs"][name]), "{name}");
        }
        // FieldContext has no JSON Schema; serde writes every one of its keys.
        let context = serde_json::to_value(FieldContext::default()).unwrap();
        let context = context.as_object().unwrap().keys().cloned();
        assert_eq!(ours(&FIELD_CONTEXT_KEYS), sorted(context));
    }

    /// A filing with every field away from its default, written by serde,
    /// reads back as itself: every key has its match arm.
    #[test]
    fn every_field_reads_back() {
        let date = Date::new(2024, 5, 1);
        let person = Person {
            name: "张三".into(),
            document_type: DocumentType::Passport,
            document_number: "E12345678".into(),
            mobile: "13800138000".into(),
            phone: "010-12345678".into(),
            email: "a@example.com".into(),
        };
        let attachment = Attachment {
            kind: Some(AttachmentKind::Photo),
            date,
        };
        let filing = Filing {
            subject: Subject {
                subject_type: SubjectType::Enterprise,
                name: "某某有限公司".into(),
                document_type: DocumentType::UnifiedSocialCreditCode,
                document_number: "91350100M000100Y43".into(),
                province: "110000".into(),
                city: "110100".into(),
                county: "110105".into(),
                address: "北京市朝阳区".into(),
                responsible_person: person.clone(),
                responsible_person_role: Some(ResponsiblePersonRole::Agent),
                commercial: true,
                licence_number: "京B2-20240001".into(),
                filing_number: "京ICP备12345678号".into(),
                documents: vec![attachment.clone()],
                filing_created_on: date,
            },
            websites: vec![Website {
                name: "读书笔记网".into(),
                domains: vec!["example.com".into()],
                homepage: "www.example.com".into(),
                access: vec![Access {
                    provider: "A".into(),
                    method: "cloud".into(),
                    server_location: "110000".into(),
                    ips: vec!["1.2.3.4".into()],
                }],
                responsible_person: person,
                content_categories: vec![ContentCategory::News],
                pre_approvals: vec![PreApproval {
                    category: Some(ContentCategory::News),
                    permit_number: "10120170001".into(),
                }],
                bulletin_board: true,
                domain_owner: "张三".into(),
                documents: vec![attachment],
            }],
        };
        let json = serde_json::to_string(&filing).unwrap();
        assert_eq!(Filing::from_json(&json), Ok(filing));
        let context = FieldContext {
            domains: vec!["example.com".into()],
            today: date,
            path: "/websites/0/homepage".into(),
        };
        let json = serde_json::to_string(&context).unwrap();
        assert_eq!(FieldContext::from_json(&json), Ok(context));
    }

    #[test]
    fn messages_name_the_fault() {
        let e = Filing::from_json(r#"{"subject": {"nmae": ""}}"#).unwrap_err();
        assert!(
            e.message
                .en
                .contains("unknown field `nmae`, expected one of `subjectType`"),
            "{e}"
        );
        assert!(e.message.zh_cn.contains("未知字段 `nmae`"), "{e}");
        let e = Filing::from_json(r#"{"subject": {"subjectType": 1}}"#).unwrap_err();
        assert!(
            e.message
                .en
                .contains("expected one of the names `individual`"),
            "{e}"
        );
        assert!(e.message.en.contains("found a number"), "{e}");
        let e = Filing::from_json(r#"{"subject": {"filingCreatedOn": "2024-02-30"}}"#).unwrap_err();
        assert!(
            e.message
                .en
                .contains("not a date (YYYY-MM-DD): \"2024-02-30\""),
            "{e}"
        );
        let e = Filing::from_json(r#"{"subject": []}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "/subject: The data does not match the schema: expected an object, found an array."
        );
        let e = FieldContext::from_json("[]").unwrap_err();
        assert_eq!(e.to_string(), "expected an object, found an array.");
        let e = Filing::from_json("{\"subject\": {}} x").unwrap_err();
        assert_eq!(
            e.message.en,
            "Not valid JSON: trailing characters at line 1 column 17."
        );
        // Document order, as serde: the first fault wins.
        assert_eq!(
            path(r#"{"subject": {"name": 1, "nmae": ""}}"#),
            "/subject/name"
        );
        assert_eq!(
            path(r#"{"subject": {"nmae": "", "name": 1}}"#),
            "/subject/nmae"
        );
    }

    #[test]
    fn good_json_reads_as_serde_does() {
        let json = r#"{"subject": {"subjectType": "enterprise", "documentType": "unified_social_credit_code",
            "filingCreatedOn": "2024-05-01", "responsiblePersonRole": null, "commercial": true,
            "documents": [{"kind": "photo", "date": "2024-05-01"}]},
            "websites": [{"name": "读书笔记网", "domains": ["example.com"], "homepage": "www.example.com",
            "access": [{"provider": "A", "ips": ["1.2.3.4"]}], "contentCategories": ["news"],
            "preApprovals": [{"category": "news", "permitNumber": "10120170001"}]}]}"#;
        let ours = Filing::from_json(json).unwrap();
        let serde: Filing = serde_json::from_str(json).unwrap();
        assert_eq!(ours, serde);
        assert_eq!(Filing::from_json("{}").unwrap(), Filing::default());
    }
}
