//! Reading a filing from JSON with its shape checked (5001: 数据文件格式不符合
//! 接口 XSD 规范, 002 #17).
//!
//! serde's derived `Deserialize` accepts a JSON array where a struct is
//! expected (`[]` reads as an empty [`Filing`], so does `{"subject": []}`).
//! [`Filing::from_json`] reads the tree of [`crate::json`] into the model
//! with the readers `beian_derive::FromJson` generates from the model's
//! serde attributes: only objects for structs, arrays for lists, strings
//! for text, enum names and dates, `true`/`false` for flags and `null` only
//! for optional values; the first error is named with its JSON path
//! (`/websites/0/domains`). It accepts exactly what serde's derive accepts
//! but for those shapes, and reads the same filing (tests below and in
//! `tests/fields_total.rs`, and the fuzz target `filing_json`).

use std::fmt;

use crate::field::FieldContext;
use crate::finding::{Finding, Message, Severity};
use crate::json::{self, FromJson, Path};
use crate::model::Filing;

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
        read(text, in_filing)
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
        read(text, plain)
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

/// Parses `text` and reads the tree as a `T`; `message` words a shape
/// error ([`in_filing`] or [`plain`]).
fn read<T: FromJson>(text: &str, message: fn(&str, &str) -> Message) -> Result<T, SchemaError> {
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
    T::from_json(&value, &Path::Root).map_err(|e| SchemaError {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::limits;
    use crate::model::{
        Access, AccessMethod, Attachment, AttachmentKind, ContentCategory, DocumentType, Person,
        PreApproval, ResponsiblePersonRole, Subject, SubjectType, Website,
    };
    use crate::Named;

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

    /// The generated name table of `T` is serde's: each name is what serde
    /// writes and reads, `name()` and `FromStr` agree with it, and the
    /// JSON Schema lists exactly these names.
    fn check_names<T>()
    where
        T: Named + serde::Serialize + serde::de::DeserializeOwned + schemars::JsonSchema,
        T: PartialEq + fmt::Debug,
    {
        assert_eq!(T::ALL.len(), T::NAMES.len());
        for (variant, name) in T::ALL.iter().zip(T::NAMES) {
            assert_eq!(serde_json::to_value(variant).unwrap(), *name);
            assert_eq!(
                serde_json::from_value::<T>((*name).into()).unwrap(),
                *variant
            );
            assert_eq!(variant.name(), *name);
            assert_eq!(name.parse::<T>(), Ok(*variant));
        }
        let mut all = Vec::new();
        schema_names(
            &serde_json::to_value(schemars::schema_for!(T)).unwrap(),
            &mut all,
        );
        let mut ours: Vec<String> = T::NAMES.iter().map(|n| n.to_string()).collect();
        all.sort();
        ours.sort();
        assert_eq!(ours, all, "{}", std::any::type_name::<T>());
    }

    #[test]
    fn enum_names_are_serdes_names_all_of_them() {
        check_names::<SubjectType>();
        check_names::<DocumentType>();
        check_names::<ResponsiblePersonRole>();
        check_names::<ContentCategory>();
        check_names::<AttachmentKind>();
        check_names::<AccessMethod>();
    }

    /// One spelling for wire names, British (RULES.md's glossary): the
    /// names of before are still read, by serde and by `from_json`, so that
    /// stored filings, saved drafts and older clients keep working; the
    /// new names are written.
    #[test]
    fn old_spellings_are_read_new_ones_written() {
        let old = r#"{"subject": {"subjectType": "social_organization",
            "documentType": "organization_code"}}"#;
        let ours = Filing::from_json(old).unwrap();
        assert_eq!(ours.subject.subject_type, SubjectType::SocialOrganisation);
        assert_eq!(ours.subject.document_type, DocumentType::OrganisationCode);
        assert_eq!(serde_json::from_str::<Filing>(old).unwrap(), ours);
        let written = serde_json::to_string(&ours.subject).unwrap();
        assert!(
            written.contains(r#""subjectType":"social_organisation""#),
            "{written}"
        );
        assert!(
            written.contains(r#""documentType":"organisation_code""#),
            "{written}"
        );
        assert_eq!(
            "organization_code".parse(),
            Ok(DocumentType::OrganisationCode)
        );
        assert_eq!(DocumentType::OrganisationCode.name(), "organisation_code");
        // The error lists the names of now only.
        let e = "organisation".parse::<SubjectType>().unwrap_err();
        assert!(e.to_string().contains("`social_organisation`"), "{e}");
        assert!(!e.to_string().contains("organization"), "{e}");
        let mut every = Vec::new();
        for names in [
            &SubjectType::NAMES[..],
            &DocumentType::NAMES[..],
            &ResponsiblePersonRole::NAMES[..],
            &ContentCategory::NAMES[..],
            &AttachmentKind::NAMES[..],
            &AccessMethod::NAMES[..],
            &Filing::KEYS[..],
            &Subject::KEYS[..],
            &Person::KEYS[..],
            &Website::KEYS[..],
            &Access::KEYS[..],
            &PreApproval::KEYS[..],
            &Attachment::KEYS[..],
            &FieldContext::KEYS[..],
        ] {
            every.extend(names.iter().copied());
        }
        for american in ["ization", "icense", "color", "center"] {
            assert!(
                every.iter().all(|n| !n.to_lowercase().contains(american)),
                "{american}: {every:?}"
            );
        }
    }

    /// The access method was a text: `""` (a select at its placeholder,
    /// in drafts and stored filings) still reads, as none, by both readers;
    /// none is not written.
    #[test]
    fn an_empty_access_method_is_none() {
        let json = r#"{"websites": [{"access": [{"method": ""}, {"method": null}, {"method": "virtual_host"}]}]}"#;
        let ours = Filing::from_json(json).unwrap();
        assert_eq!(serde_json::from_str::<Filing>(json).unwrap(), ours);
        let methods: Vec<_> = ours.websites[0].access.iter().map(|a| a.method).collect();
        assert_eq!(methods, [None, None, Some(AccessMethod::VirtualHost)]);
        assert_eq!(
            serde_json::to_string(&ours.websites[0].access[0]).unwrap(),
            r#"{"provider":"","serverLocation":"","ips":[]}"#
        );
        let e =
            Filing::from_json(r#"{"websites": [{"access": [{"method": "ftp"}]}]}"#).unwrap_err();
        assert_eq!(e.path, "/websites/0/access/0/method");
        assert!(
            e.message
                .en
                .contains("unknown variant `ftp`, expected one of `cloud`"),
            "{e}"
        );
        assert!(serde_json::from_str::<Filing>(
            r#"{"websites": [{"access": [{"method": "ftp"}]}]}"#
        )
        .is_err());
        assert_eq!(
            path(r#"{"websites": [{"access": [{"method": 1}]}]}"#),
            "/websites/0/access/0/method"
        );
        assert!(
            serde_json::from_str::<Filing>(r#"{"websites": [{"access": [{"method": 1}]}]}"#)
                .is_err()
        );
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
        assert_eq!(ours(&Filing::KEYS), properties(&schema));
        for (name, keys) in [
            ("Subject", &Subject::KEYS[..]),
            ("Person", &Person::KEYS[..]),
            ("Website", &Website::KEYS[..]),
            ("Access", &Access::KEYS[..]),
            ("PreApproval", &PreApproval::KEYS[..]),
            ("Attachment", &Attachment::KEYS[..]),
        ] {
            assert_eq!(ours(keys), properties(&schema["$defs"][name]), "{name}");
        }
        // Every struct of the schema is one of those.
        let defs = schema["$defs"].as_object().unwrap();
        let structs: Vec<&String> = defs
            .keys()
            .filter(|k| defs[*k].get("properties").is_some())
            .collect();
        assert_eq!(structs.len(), 6, "{structs:?}");
        // FieldContext has no JSON Schema; serde writes every one of its keys.
        let context = serde_json::to_value(FieldContext::default()).unwrap();
        let context = context.as_object().unwrap().keys().cloned();
        assert_eq!(ours(&FieldContext::KEYS), sorted(context));
    }

    /// Issue 19: a field added to a model struct is one line in
    /// `model.rs` (plus its rule): its reader, its key in the unknown-key
    /// error and the JSON Schema follow from the serde attributes. `Grown`
    /// is a struct of the model's kind with one field more,
    /// `cancellation_reason`, and one key renamed with its old name kept.
    #[test]
    fn a_new_field_is_one_line() {
        #[derive(
            Debug,
            Default,
            PartialEq,
            serde::Serialize,
            serde::Deserialize,
            schemars::JsonSchema,
            beian_derive::FromJson,
        )]
        #[serde(default, rename_all = "camelCase", deny_unknown_fields)]
        struct Grown {
            name: String,
            #[beian(max = limits::DOMAINS)]
            domains: Vec<String>,
            cancellation_reason: String,
            #[serde(alias = "formerName")]
            kind: Option<AttachmentKind>,
        }
        let json = r#"{"name": "a", "cancellationReason": "关闭网站", "formerName": "photo"}"#;
        let ours: Grown = read(json, plain).unwrap();
        assert_eq!(ours.cancellation_reason, "关闭网站");
        assert_eq!(ours.kind, Some(AttachmentKind::Photo));
        assert_eq!(serde_json::from_str::<Grown>(json).unwrap(), ours);
        // The keys, the JSON Schema's properties and the unknown-key error.
        assert_eq!(
            Grown::KEYS,
            ["name", "domains", "cancellationReason", "kind"]
        );
        let schema = serde_json::to_value(schemars::schema_for!(Grown)).unwrap();
        let mut properties: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        properties.sort_unstable();
        let mut keys = Grown::KEYS;
        keys.sort_unstable();
        assert_eq!(properties, keys);
        let e = read::<Grown>(r#"{"cancelationReason": ""}"#, plain).unwrap_err();
        assert_eq!(e.path, "/cancelationReason");
        assert!(e.message.en.contains("`cancellationReason`"), "{e}");
        // Its shape and its limit are checked as every other field's.
        assert_eq!(
            read::<Grown>(r#"{"cancellationReason": []}"#, plain)
                .unwrap_err()
                .to_string(),
            "/cancellationReason: expected a string, found an array."
        );
        let many = format!(r#"{{"domains": [{}]}}"#, vec![r#""a.cn""#; 101].join(","));
        assert_eq!(
            read::<Grown>(&many, plain).unwrap_err().path,
            "/domains/100"
        );
        // Both names of one field in one object: serde refuses it, so do we.
        let twice = r#"{"kind": "photo", "formerName": "other"}"#;
        assert!(serde_json::from_str::<Grown>(twice).is_err());
        assert_eq!(read::<Grown>(twice, plain).unwrap_err().path, "/formerName");
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
                    method: Some(AccessMethod::Colocation),
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
                filing_number: "京ICP备12345678号-1".into(),
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
