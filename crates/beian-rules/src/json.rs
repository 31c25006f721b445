//! A strict JSON reader (RFC 8259) for the data the rules read: a filing,
//! a field's context.
//!
//! It parses a text into a [`Json`] tree and refuses what a filing must not
//! contain: a key twice in one object (serde's derive refuses it too;
//! `serde_json::Value` would keep the last one silently), nesting deeper than
//! 128 levels (serde_json's limit), lone surrogates in `\u` escapes, control
//! characters in strings, and anything after the value. Numbers are checked
//! against the grammar and kept as written: no rule reads a number.
//!
//! It exists so that the npm package does not carry serde_json's reader, its
//! number parsing and formatting, and the visitors serde derives for every
//! model type (about 40 KB of the gzipped wasm); [`crate::Filing::from_json`]
//! reads the tree into the model with the JSON path of the first error.
//!
//! ```
//! use beian_rules::json::{self, Json};
//! let value = json::parse(r#"{"domains": ["example.com"], "today": null}"#).unwrap();
//! let Json::Object(entries) = &value else { panic!() };
//! assert_eq!(entries[0].0, "domains");
//! assert_eq!(entries[1].1, Json::Null);
//! let e = json::parse("{\"a\": 1,\n \"a\": 2}").unwrap_err();
//! assert_eq!((e.line, e.duplicate.as_deref()), (2, Some("/a")));
//! assert_eq!(json::parse("[1, 2,]").unwrap_err().to_string(), "trailing comma at line 1 column 7");
//! ```

use std::fmt;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written in the text.
    Number(String),
    /// A string, its escapes decoded.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: its entries in the order of the text, each key once.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// What kind of value this is, in zh-CN and en ("an object", "a
    /// string" …), for error messages.
    pub fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Json::Null => ("null", "null"),
            Json::Bool(_) => ("布尔值", "a boolean"),
            Json::Number(_) => ("数字", "a number"),
            Json::String(_) => ("字符串", "a string"),
            Json::Array(_) => ("数组", "an array"),
            Json::Object(_) => ("对象", "an object"),
        }
    }
}

/// Why a text is not JSON (or has a key twice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong, in English ("expected value", "trailing comma" …).
    pub message: &'static str,
    /// Line of the error, from 1.
    pub line: usize,
    /// Column of the error in characters, from 1.
    pub column: usize,
    /// For a key that appears twice in one object: the JSON pointer of that
    /// key (`/websites/0/homepage`); the text is JSON, but ambiguous.
    pub duplicate: Option<String>,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for JsonError {}

/// Nesting deeper than this is an error (serde_json's limit).
const MAX_DEPTH: usize = 128;

/// Objects with more entries than this check their keys for duplicates by
/// sorting them once at the end, not each key against the ones before.
const LINEAR_KEYS: usize = 16;

/// Parses a JSON text.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    parser.whitespace();
    let value = parser.value(&Path::Root, 0)?;
    parser.whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

/// Where a value is in the document, as a chain up to the root: written
/// out as a JSON pointer (`/websites/0/domains`, `~` and `/` of keys
/// escaped) only when an error needs it, so that reading valid data builds
/// no path strings.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'p> {
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

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl Parser<'_> {
    /// An error at the current position.
    fn error(&self, message: &'static str) -> JsonError {
        let pos = self.pos.min(self.bytes.len());
        let mut start = pos;
        while start > 0 && !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &self.text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        JsonError {
            message,
            line,
            column: before[line_start..].chars().count() + 1,
            duplicate: None,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self, path: &Path<'_>, depth: usize) -> Result<Json, JsonError> {
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.object(path, depth + 1),
            Some(b'[') => self.array(path, depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        for &b in word.as_bytes() {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(c) if c == b => self.pos += 1,
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        Ok(Json::Number(self.text[start..self.pos].to_string()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) => (b as char).to_digit(16),
            };
            match digit {
                Some(d) => n = n * 16 + d,
                None => return Err(self.error("invalid escape")),
            }
            self.pos += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes, so both ends are char boundaries.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escape = self.peek();
                    self.pos += 1;
                    match escape {
                        None => return Err(self.error("EOF while parsing a string")),
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        Some(_) => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape"));
                        }
                    }
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    /// The character of a `\u` escape (its `\u` read), with the second half
    /// of a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            n => n,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn array(&mut self, path: &Path<'_>, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.pos += 1; // [
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.whitespace();
            if self.peek() == Some(b']') {
                return Err(self.error("trailing comma"));
            }
            let item = self.value(&Path::Index(path, items.len()), depth)?;
            items.push(item);
            self.whitespace();
            match self.peek() {
                None => return Err(self.error("EOF while parsing a list")),
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, path: &Path<'_>, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.pos += 1; // {
        let mut entries: Vec<(String, Json)> = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(entries));
        }
        loop {
            self.whitespace();
            match self.peek() {
                None => return Err(self.error("EOF while parsing an object")),
                Some(b'"') => {}
                Some(b'}') => return Err(self.error("trailing comma")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key_at = self.pos;
            let key = self.string()?;
            if entries.len() < LINEAR_KEYS && entries.iter().any(|(k, _)| *k == key) {
                self.pos = key_at;
                let mut e = self.error("duplicate key");
                e.duplicate = Some(Path::Key(path, &key).to_string());
                return Err(e);
            }
            self.whitespace();
            match self.peek() {
                None => return Err(self.error("EOF while parsing an object")),
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.error("expected `:`")),
            }
            self.whitespace();
            let value = self.value(&Path::Key(path, &key), depth)?;
            entries.push((key, value));
            self.whitespace();
            match self.peek() {
                None => return Err(self.error("EOF while parsing an object")),
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
        if entries.len() > LINEAR_KEYS {
            if let Some(key) = duplicate(&entries) {
                let mut e = self.error("duplicate key");
                e.duplicate = Some(Path::Key(path, key).to_string());
                return Err(e);
            }
        }
        Ok(Json::Object(entries))
    }
}

/// A value of the model read from a [`Json`] tree, strictly: only objects
/// for structs, arrays for lists, strings for text, names and dates,
/// `true`/`false` for flags and `null` only for optional values; an error
/// names the JSON path of the value at fault. Derived for the model's
/// structs and enums by `beian_derive::FromJson` from their serde
/// attributes ([`crate::Filing::from_json`] reads a whole filing).
pub(crate) trait FromJson: Sized {
    /// Reads the value at `path`.
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError>;
}

/// A value of the wrong shape: what is wrong (without the 5001 sentence
/// around it), and where.
#[derive(Debug)]
pub(crate) struct ReadError {
    pub(crate) zh: String,
    pub(crate) en: String,
    pub(crate) path: String,
}

impl ReadError {
    fn new(zh: &str, en: &str, path: &Path<'_>) -> ReadError {
        ReadError {
            zh: zh.to_string(),
            en: en.to_string(),
            path: path.to_string(),
        }
    }

    fn expected(zh: &str, en: &str, found: &Json, path: &Path<'_>) -> ReadError {
        let (found_zh, found_en) = found.kind();
        ReadError::new(
            &format!("此处应为{zh}，实际是{found_zh}"),
            &format!("expected {en}, found {found_en}"),
            path,
        )
    }

    /// A field given twice in one object, under two of its names (serde
    /// refuses it as [`parse`] refuses a key twice). Only a field with a
    /// `#[serde(alias)]` has two names: none of the model's has today.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn duplicate(path: &Path<'_>) -> ReadError {
        ReadError::new(
            "同一个对象中重复出现了这个字段，数据有歧义",
            "this key appears twice in the same object: the data is ambiguous",
            path,
        )
    }
}

/// `names` quoted and joined: `` `a`, `b` ``.
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    crate::join(&quoted, ", ")
}

/// The entries of an object.
pub(crate) fn object<'a>(
    value: &'a Json,
    path: &Path<'_>,
) -> Result<&'a [(String, Json)], ReadError> {
    match value {
        Json::Object(entries) => Ok(entries),
        other => Err(ReadError::expected("对象", "an object", other, path)),
    }
}

/// A key that is not one of `keys` (as serde's `deny_unknown_fields`).
pub(crate) fn unknown_key(key: &str, keys: &[&str], path: &Path<'_>) -> ReadError {
    let names = quoted(keys);
    ReadError::new(
        &format!("未知字段 `{key}`，应为以下之一：{names}"),
        &format!("unknown field `{key}`, expected one of {names}"),
        path,
    )
}

/// A text: no control character but tab and line breaks
/// ([`control_character`]: PostgreSQL stores no U+0000, and the others are
/// invisible in a form and forge lines in logs).
impl FromJson for String {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<String, ReadError> {
        match value {
            Json::String(s) => match control_character(s) {
                None => Ok(s.clone()),
                Some(c) => Err(control(c, path)),
            },
            other => Err(ReadError::expected("字符串", "a string", other, path)),
        }
    }
}

/// The error of a text holding the control character `c`.
fn control(c: char, path: &Path<'_>) -> ReadError {
    let code = format!("U+{:04X}", u32::from(c));
    ReadError::new(
        &format!("文本中有控制字符 {code}（只允许制表符和换行）"),
        &format!(
            "the text holds the control character {code} (only tab and line breaks are allowed)"
        ),
        path,
    )
}

impl FromJson for bool {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<bool, ReadError> {
        match value {
            Json::Bool(b) => Ok(*b),
            other => Err(ReadError::expected(
                "true 或 false",
                "true or false",
                other,
                path,
            )),
        }
    }
}

/// A list of at most `limit.max` items: a longer one is an error at its
/// first item beyond the limit, before any item is read.
pub(crate) fn bounded<T: FromJson>(
    value: &Json,
    path: &Path<'_>,
    limit: crate::limits::Limit,
) -> Result<Vec<T>, ReadError> {
    let Json::Array(items) = value else {
        return Err(ReadError::expected("数组", "an array", value, path));
    };
    if items.len() > limit.max {
        let (zh, en) = limit.words();
        return Err(ReadError::new(&zh, &en, &Path::Index(path, limit.max)));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, v)| T::from_json(v, &Path::Index(path, i)))
        .collect()
}

/// `null` or a value.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Option<T>, ReadError> {
        match value {
            Json::Null => Ok(None),
            other => T::from_json(other, path).map(Some),
        }
    }
}

/// A date, `YYYY-MM-DD`.
impl FromJson for crate::Date {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<crate::Date, ReadError> {
        let s = String::from_json(value, path)?;
        crate::Date::parse(&s).ok_or_else(|| {
            ReadError::new(
                &format!("不是日期（YYYY-MM-DD）：{s:?}"),
                &format!("not a date (YYYY-MM-DD): {s:?}"),
                path,
            )
        })
    }
}

/// `null` and `""` as none, another value as a `T`: for a field that was
/// a text before it held a name (the access method), so that the drafts and
/// stored filings of then, which hold `""`, still read.
pub(crate) fn empty_is_none<T: FromJson>(
    value: &Json,
    path: &Path<'_>,
) -> Result<Option<T>, ReadError> {
    match value {
        Json::String(s) if s.is_empty() => Ok(None),
        other => Option::<T>::from_json(other, path),
    }
}

/// The index of `text` among `names`, or of the variant an alias of
/// `aliases` (alias, index) stands for: the look-up of a derived
/// [`Named`] enum's `FromStr`, one function for every enum.
#[doc(hidden)]
pub fn lookup(names: &[&str], aliases: &[(&str, usize)], text: &str) -> Option<usize> {
    names.iter().position(|n| *n == text).or_else(|| {
        aliases
            .iter()
            .find(|(alias, _)| *alias == text)
            .map(|(_, i)| *i)
    })
}

/// The index in `names` of the name `value` holds (see [`lookup`]): a
/// string, one of the names or aliases; the errors list the names.
pub(crate) fn read_name(
    value: &Json,
    path: &Path<'_>,
    names: &[&str],
    aliases: &[(&str, usize)],
) -> Result<usize, ReadError> {
    let Json::String(text) = value else {
        let all = quoted(names);
        return Err(ReadError::expected(
            &format!("以下名称之一：{all}"),
            &format!("one of the names {all}"),
            value,
            path,
        ));
    };
    lookup(names, aliases, text).ok_or_else(|| {
        let all = quoted(names);
        ReadError::new(
            &format!("未知名称 `{text}`，应为以下之一：{all}"),
            &format!("unknown variant `{text}`, expected one of {all}"),
            path,
        )
    })
}

/// serde's side of a [`Named`] enum derived with `#[beian(serde)]`: a
/// string, one of its names or aliases (serde's error otherwise), one
/// small function per enum and format where serde's derive makes a
/// visitor of every variant.
#[doc(hidden)]
pub fn deserialize_name<'de, T: Named, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct Name<T>(std::marker::PhantomData<T>);
    impl<T: Named> serde::de::Visitor<'_> for Name<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "one of {}", quoted(T::NAMES))
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            match lookup(T::NAMES, T::ALIASES, text) {
                Some(i) => Ok(T::ALL[i]),
                None => Err(E::unknown_variant(text, T::NAMES)),
            }
        }
    }
    deserializer.deserialize_str(Name(std::marker::PhantomData))
}

/// An enum whose values are named in JSON by strings (serde's names of its
/// unit variants): derived by `beian_derive::Named`, which also writes the
/// inherent `ALL`, `NAMES`, `name()` and `FromStr` (aliases accepted).
///
/// ```
/// use beian_rules::{DocumentType, Named};
/// assert_eq!(DocumentType::Passport.name(), "passport");
/// assert_eq!("passport".parse(), Ok(DocumentType::Passport));
/// assert_eq!(<DocumentType as Named>::ALL.len(), DocumentType::NAMES.len());
/// let e = "pasport".parse::<DocumentType>().unwrap_err();
/// assert!(e.to_string().starts_with("unknown variant `pasport`, expected one of `resident_id`"));
/// ```
pub trait Named: Copy + std::str::FromStr<Err = UnknownName> + 'static {
    /// Every variant, in the order of the declaration.
    const ALL: &'static [Self];
    /// Each variant's name in JSON, in the order of `ALL`.
    const NAMES: &'static [&'static str];
    /// The other names read (serde's aliases: the spellings of before),
    /// each with the index of its variant in `ALL`.
    const ALIASES: &'static [(&'static str, usize)];
    /// The variant's name in JSON.
    fn name(self) -> &'static str;
}

/// A text that names no variant of an enum (its [`Named::NAMES`] listed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The text.
    pub text: String,
    /// The names that exist.
    pub expected: &'static [&'static str],
}

impl UnknownName {
    /// The error for `text`, not one of `expected`.
    pub fn new(text: &str, expected: &'static [&'static str]) -> UnknownName {
        UnknownName {
            text: text.to_string(),
            expected,
        }
    }
}

/// `` unknown variant `x`, expected one of `a`, `b` `` (serde's words).
impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown variant `{}`, expected one of {}",
            self.text,
            quoted(self.expected)
        )
    }
}

impl std::error::Error for UnknownName {}

/// The first control character of `text` that no text of the data may
/// hold: every character of Unicode's category Cc (C0 controls U+0000 to
/// U+001F, DEL, C1 controls U+0080 to U+009F) but tab, line feed and
/// carriage return. U+0000 is stored by no PostgreSQL text column, the
/// others are invisible in every form and forge lines in logs; tab and
/// line breaks come with text pasted from a spreadsheet and are white space
/// to the rules' clean-up.
///
/// ```
/// use beian_rules::json::control_character;
/// assert_eq!(control_character("A\u{0}B"), Some('\u{0}'));
/// assert_eq!(control_character("a\u{1b}[31m"), Some('\u{1b}'));
/// assert_eq!(control_character("line\r\nnext\tcell"), None);
/// assert_eq!(control_character("北京\u{85}"), Some('\u{85}'));
/// ```
pub fn control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The JSON pointer of the first key or string of `value` (in document
/// order) that holds a [`control_character`], with that character.
///
/// ```
/// use beian_rules::json::{find_control, parse};
/// let v = parse(r#"{"actor": {"provider": "A\u0000B"}}"#).unwrap();
/// assert_eq!(find_control(&v), Some(("/actor/provider".to_string(), '\u{0}')));
/// assert_eq!(find_control(&parse(r#"{"a": ["x\ty"]}"#).unwrap()), None);
/// ```
pub fn find_control(value: &Json) -> Option<(String, char)> {
    control_in(value, &Path::Root)
}

fn control_in(value: &Json, path: &Path<'_>) -> Option<(String, char)> {
    match value {
        Json::String(s) => control_character(s).map(|c| (path.to_string(), c)),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| control_in(v, &Path::Index(path, i))),
        Json::Object(entries) => entries.iter().find_map(|(k, v)| {
            let at = Path::Key(path, k);
            match control_character(k) {
                Some(c) => Some((at.to_string(), c)),
                None => control_in(v, &at),
            }
        }),
        Json::Null | Json::Bool(_) | Json::Number(_) => None,
    }
}

/// A key that appears twice among `entries`, found by sorting 32-bit
/// hashes of the keys (`sort_u32`, which the division module uses too)
/// and comparing the keys of equal hashes.
fn duplicate(entries: &[(String, Json)]) -> Option<&str> {
    // FNV-1a.
    let hash = |key: &str| {
        key.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
    };
    let mut hashes: Vec<u32> = entries.iter().map(|(k, _)| hash(k)).collect();
    crate::sort_u32(&mut hashes);
    for pair in hashes.windows(2).filter(|pair| pair[0] == pair[1]) {
        let same: Vec<&str> = entries
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| hash(k) == pair[0])
            .collect();
        for (i, key) in same.iter().enumerate() {
            if same[..i].contains(key) {
                return Some(key);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn values() {
        assert_eq!(parse(" null ").unwrap(), Json::Null);
        assert_eq!(parse("true").unwrap(), Json::Bool(true));
        assert_eq!(
            parse("-0.5e+3").unwrap(),
            Json::Number("-0.5e+3".to_string())
        );
        assert_eq!(
            parse(r#""a\"\\\/\b\f\n\r\t\u4e2d\ud83d\ude00""#).unwrap(),
            Json::String("a\"\\/\u{8}\u{c}\n\r\t中😀".to_string())
        );
        assert_eq!(
            parse(r#"{"a": [], "b": {}}"#).unwrap(),
            Json::Object(vec![
                ("a".to_string(), Json::Array(vec![])),
                ("b".to_string(), Json::Object(vec![])),
            ])
        );
    }

    #[test]
    fn errors_say_what_and_where() {
        assert_eq!(err(""), "EOF while parsing a value at line 1 column 1");
        assert_eq!(
            err("{\n \"subject\": }"),
            "expected value at line 2 column 13"
        );
        assert_eq!(err("[1 2]"), "expected `,` or `]` at line 1 column 4");
        assert_eq!(err("{\"a\" 1}"), "expected `:` at line 1 column 6");
        assert_eq!(err("{1: 2}"), "key must be a string at line 1 column 2");
        assert_eq!(err("{\"a\": 1,}"), "trailing comma at line 1 column 9");
        assert_eq!(err("01"), "invalid number at line 1 column 2");
        assert_eq!(err("1."), "invalid number at line 1 column 3");
        assert_eq!(err("-"), "invalid number at line 1 column 2");
        assert_eq!(err("1e"), "invalid number at line 1 column 3");
        assert_eq!(err("nul"), "EOF while parsing a value at line 1 column 4");
        assert_eq!(err("nulL"), "expected ident at line 1 column 4");
        assert_eq!(err("{} x"), "trailing characters at line 1 column 4");
        assert_eq!(err(r#""\x""#), "invalid escape at line 1 column 3");
        assert_eq!(err(r#""\u12G4""#), "invalid escape at line 1 column 6");
        assert_eq!(
            err(r#""\ud800x""#),
            "lone leading surrogate in hex escape at line 1 column 8"
        );
        assert_eq!(
            err(r#""\udc00""#),
            "lone trailing surrogate in hex escape at line 1 column 8"
        );
        assert!(err("\"a\tb\"").starts_with("control character"));
        assert_eq!(
            err("\"中文"),
            "EOF while parsing a string at line 1 column 4"
        );
        assert_eq!(
            err(&"[".repeat(129)),
            "recursion limit exceeded at line 1 column 129"
        );
        assert!(parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_ok());
    }

    #[test]
    fn duplicate_keys_name_their_path() {
        let e = parse(r#"{"w": [{"h": 1, "h": 2}]}"#).unwrap_err();
        assert_eq!(e.duplicate.as_deref(), Some("/w/0/h"));
        assert_eq!(e.message, "duplicate key");
        // A big object is checked once, at its end.
        let mut keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        assert!(parse(&format!("{{{}}}", keys.join(","))).is_ok());
        keys.push("\"k/7\": 1".to_string());
        keys.push("\"k/7\": 2".to_string());
        let e = parse(&format!("{{\"o\": {{{}}}}}", keys.join(","))).unwrap_err();
        assert_eq!(e.duplicate.as_deref(), Some("/o/k~17"));
        // Different keys of the same FNV-1a hash are not duplicates.
        let (a, b) = ("costarring", "liquid"); // a known FNV-1a 32 collision
        let entries: Vec<(String, Json)> = (0..20)
            .map(|i| (format!("k{i}"), Json::Null))
            .chain([(a.to_string(), Json::Null), (b.to_string(), Json::Null)])
            .collect();
        assert_eq!(duplicate(&entries), None);
        let mut twice = entries.clone();
        twice.push((b.to_string(), Json::Null));
        assert_eq!(duplicate(&twice), Some(b));
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_json() {
        for text in [
            "[]",
            "{}",
            "0",
            "-0",
            "1E5",
            "1e-5",
            "\"\\u0000\"",
            " [ 1 , { } ] ",
            "[1,]",
            "{,}",
            "[,1]",
            "+1",
            ".5",
            "1.e5",
            "\"\\u00e9\"",
            "tru",
            "[\"\u{7f}\"]",
            "\u{feff}[]",
        ] {
            assert_eq!(
                parse(text).is_ok(),
                serde_json::from_str::<serde_json::Value>(text).is_ok(),
                "{text:?}"
            );
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn to_serde(value: &Json) -> serde_json::Value {
        match value {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(n) => serde_json::from_str(n).unwrap_or(serde_json::Value::Null),
            Json::String(s) => serde_json::Value::String(s.clone()),
            Json::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Json::Object(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), to_serde(v)))
                    .collect(),
            ),
        }
    }

    proptest! {
        /// Any text: no panic, and JSON exactly when serde_json says so
        /// (duplicate keys aside, which serde_json's `Value` accepts), with
        /// the same value.
        #[test]
        fn same_as_serde_json(text in r#"[\[\]{}",:0-9.eE+\- \\ntrufalsu\u{4e2d}a/]{0,40}"#) {
            let serde = serde_json::from_str::<serde_json::Value>(&text);
            match parse(&text) {
                // serde_json refuses numbers beyond f64 (RFC 8259 allows them).
                Ok(value) => match serde {
                    Ok(v) => prop_assert_eq!(to_serde(&value), v),
                    Err(e) => prop_assert!(e.to_string().contains("out of range"), "{}", e),
                },
                // Refused at the second key: the rest is not read.
                Err(e) if e.duplicate.is_some() => {}
                Err(_) => prop_assert!(serde.is_err(), "{:?}", text),
            }
        }

        /// Any serde_json value written out reads back as itself.
        #[test]
        fn reads_what_serde_json_writes(value in json_value()) {
            let text = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(to_serde(&parse(&text).unwrap()), value);
        }
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            ".*".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(".{0,3}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
