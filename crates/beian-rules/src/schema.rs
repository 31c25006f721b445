//! Reading a filing from JSON with its shape checked (5001: 数据文件格式不符合
//! 接口 XSD 规范, 002 #17).
//!
//! serde's derived `Deserialize` accepts a JSON array where a struct is
//! expected (`[]` reads as an empty [`Filing`], so does `{"subject": []}`).
//! [`Filing::from_json`] reads through a deserializer of its own over a
//! parsed [`serde_json::Value`] that accepts only objects for structs,
//! arrays for lists, strings for text and enum names, `true`/`false` for
//! flags and `null` only for optional values, and that names the JSON path
//! of the first error (`/websites/0/domains`).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::finding::{Finding, Message, Severity};
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

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{} (5001)", self.message.en)
        } else {
            write!(f, "{}: {} (5001)", self.path, self.message.en)
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
    pub fn from_json(json: &str) -> Result<Filing, SchemaError> {
        let duplicate = Cell::new(None);
        let mut reader = serde_json::Deserializer::from_str(json);
        let value = ValueSeed {
            path: Path::Root,
            duplicate: &duplicate,
        }
        .deserialize(&mut reader)
        .and_then(|v| reader.end().map(|()| v))
        .map_err(|e| match duplicate.take() {
            Some(path) => SchemaError {
                message: Message::new(
                    "同一个对象中重复出现了这个字段，数据有歧义（5001）。",
                    "This key appears twice in the same object: the data is ambiguous (5001).",
                ),
                path,
                syntax: false,
            },
            None => SchemaError {
                path: String::new(),
                message: Message::new(
                    format!(
                        "不是有效的 JSON（第 {} 行第 {} 列）。",
                        e.line(),
                        e.column()
                    ),
                    format!("Not valid JSON: {e}."),
                ),
                syntax: true,
            },
        })?;
        Filing::deserialize(ValueDe {
            value: &value,
            path: Path::Root,
        })
        .map_err(|e| SchemaError {
            path: e.path.unwrap_or_default(),
            message: e.message,
            syntax: false,
        })
    }
}

/// Reads a JSON value as `serde_json::Value` does, but refuses a key that
/// appears twice in one object (serde's derive refuses it too; `Value`
/// would keep the last silently), noting its path in `duplicate`.
struct ValueSeed<'c, 'p> {
    path: Path<'p>,
    duplicate: &'c Cell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueSeed {
            path: Path::Index(&self.path, items.len()),
            duplicate: self.duplicate,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = Path::Key(&self.path, &key);
            if object.contains_key(&key) {
                self.duplicate.set(Some(path.to_string()));
                return Err(de::Error::custom("duplicate key"));
            }
            let value = map.next_value_seed(ValueSeed {
                path,
                duplicate: self.duplicate,
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// One finding of every rule of this module, for the rules table.
pub(crate) fn examples() -> Vec<Finding> {
    let syntax = Filing::from_json("{").unwrap_err();
    let shape = Filing::from_json(r#"{"subject": []}"#).unwrap_err();
    vec![syntax.finding(), shape.finding()]
}

/// The error of the deserializer: a message and, once known, the path.
#[derive(Debug)]
struct Error {
    message: Message,
    path: Option<String>,
}

impl Error {
    /// Puts the path in when the error has none yet (the innermost wins).
    fn at(mut self, path: &Path<'_>) -> Error {
        if self.path.is_none() {
            self.path = Some(path.to_string());
        }
        self
    }

    fn expected(zh: &str, en: &str, found: &Value, path: &Path<'_>) -> Error {
        let (found_zh, found_en) = kind(found);
        Error {
            message: Message::new(
                format!("数据格式不符合接口规范：此处应为{zh}，实际是{found_zh}（5001）。"),
                format!(
                    "The data does not match the schema: expected {en}, found {found_en} (5001)."
                ),
            ),
            path: Some(path.to_string()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: Message::new(
                format!("数据格式不符合接口规范：{msg}（5001）。"),
                format!("The data does not match the schema: {msg} (5001)."),
            ),
            path: None,
        }
    }
}

fn kind(value: &Value) -> (&'static str, &'static str) {
    match value {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("布尔值", "a boolean"),
        Value::Number(_) => ("数字", "a number"),
        Value::String(_) => ("字符串", "a string"),
        Value::Array(_) => ("数组", "an array"),
        Value::Object(_) => ("对象", "an object"),
    }
}

/// Where a value is in the document, as a chain up to the root: written
/// out as a JSON pointer (`/websites/0/domains`, `~` and `/` of keys
/// escaped) only when an error needs it, so that reading a valid filing
/// builds no path strings.
#[derive(Debug, Clone, Copy)]
enum Path<'p> {
    /// The whole document.
    Root,
    /// The value of `key` in the object at the parent.
    Key(&'p Path<'p>, &'p str),
    /// Item `i` of the array at the parent.
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                write!(f, "{parent}/")?;
                for c in key.chars() {
                    match c {
                        '~' => f.write_str("~0")?,
                        '/' => f.write_str("~1")?,
                        c => write!(f, "{c}")?,
                    }
                }
                Ok(())
            }
            Path::Index(parent, i) => write!(f, "{parent}/{i}"),
        }
    }
}

/// A deserializer over a borrowed JSON value that knows its path.
struct ValueDe<'a, 'p> {
    value: &'a Value,
    path: Path<'p>,
}

impl<'de> ValueDe<'de, '_> {
    fn object<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => visitor
                .visit_map(Entries {
                    iter: map.iter(),
                    value: None,
                    path: &self.path,
                })
                .map_err(|e: Error| e.at(&self.path)),
            other => Err(Error::expected("对象", "an object", other, &self.path)),
        }
    }
}

impl<'de> de::Deserializer<'de> for ValueDe<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Null => visitor.visit_unit::<Error>(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(_) => return self.deserialize_seq(visitor),
            Value::Object(_) => return self.object(visitor),
        };
        result.map_err(|e: Error| e.at(&self.path))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(*b).map_err(|e: Error| e.at(&self.path)),
            other => Err(Error::expected(
                "true 或 false",
                "true or false",
                other,
                &self.path,
            )),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor
                .visit_borrowed_str(s)
                .map_err(|e: Error| e.at(&self.path)),
            other => Err(Error::expected("字符串", "a string", other, &self.path)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none().map_err(|e: Error| e.at(&self.path)),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit().map_err(|e: Error| e.at(&self.path)),
            other => Err(Error::expected("null", "null", other, &self.path)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => visitor
                .visit_seq(Items {
                    iter: items.iter().enumerate(),
                    path: &self.path,
                })
                .map_err(|e: Error| e.at(&self.path)),
            other => Err(Error::expected("数组", "an array", other, &self.path)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.object(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => {
                let access = de::value::BorrowedStrDeserializer::<Error>::new(s);
                visitor
                    .visit_enum(access)
                    .map_err(|e: Error| e.at(&self.path))
            }
            other => {
                let names = variants.join(", ");
                Err(Error::expected(
                    &format!("以下名称之一：{names}"),
                    &format!("one of the names {names}"),
                    other,
                    &self.path,
                ))
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
    }
}

/// The entries of an object.
struct Entries<'a, 'p> {
    iter: serde_json::map::Iter<'a>,
    value: Option<(&'a String, &'a Value)>,
    path: &'p Path<'p>,
}

impl<'de> MapAccess<'de> for Entries<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let de = de::value::BorrowedStrDeserializer::<Error>::new(key);
        seed.deserialize(de)
            .map(Some)
            .map_err(|e| e.at(&Path::Key(self.path, key)))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        let path = Path::Key(self.path, key);
        seed.deserialize(ValueDe { value, path })
            .map_err(|e| e.at(&path))
    }
}

/// The items of an array.
struct Items<'a, 'p> {
    iter: std::iter::Enumerate<std::slice::Iter<'a, Value>>,
    path: &'p Path<'p>,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, value)) = self.iter.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, i);
        seed.deserialize(ValueDe { value, path })
            .map(Some)
            .map_err(|e| e.at(&path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
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

    #[test]
    fn syntax_errors_say_where() {
        let e = Filing::from_json("{\n \"subject\": }").unwrap_err();
        assert!(e.syntax);
        assert_eq!(e.rule(), "schema.json");
        assert!(e.message.zh_cn.contains("第 2 行"), "{e}");
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
