//! The JSON text of the results of `beian`, `beian/id` and `beian/domain`
//! (`checkFiling`, `validate`, `checkField`), written by hand: the same
//! text, byte for byte, as `serde_json::to_string` writes from their
//! `Serialize` impls (the tests below compare the two on many values),
//! without serde_json's serializer in those modules (issue 20). The
//! entries `beian/flow` and `beian/batch` write their results with
//! serde_json.

use beian_rules::{FieldResult, Finding, Severity};

use super::identifiers::{FilingNumberKind, Origin, Sex, Validation};

/// A value with a JSON text.
pub trait ToJson {
    /// Appends the value's JSON text to `out`.
    fn write_json(&self, out: &mut Vec<u8>);
}

/// The JSON text of `value`.
pub fn to_json<T: ToJson>(value: &T) -> Option<String> {
    let mut out = Vec::new();
    value.write_json(&mut out);
    // Every byte written is ASCII or comes whole from a `str`.
    String::from_utf8(out).ok()
}

/// A JSON string: `"`, `\` and the control characters escaped as
/// serde_json escapes them, every other character as it is.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for &b in s.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            0..=0x1f => {
                let hex = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(hex[usize::from(b >> 4)]);
                out.push(hex[usize::from(b & 15)]);
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

/// `,"key":` (`{"key":` for the first key of an object).
fn key(out: &mut Vec<u8>, first: bool, key: &str) {
    out.push(if first { b'{' } else { b',' });
    string(out, key);
    out.push(b':');
}

impl ToJson for str {
    fn write_json(&self, out: &mut Vec<u8>) {
        string(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut Vec<u8>) {
        string(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut digits = [0u8; 10];
        let mut n = *self;
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.extend_from_slice(&digits[i..]);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.write_json(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl ToJson for Severity {
    fn write_json(&self, out: &mut Vec<u8>) {
        string(
            out,
            match self {
                Severity::Info => "info",
                Severity::Warning => "warning",
                Severity::Error => "error",
            },
        );
    }
}

impl ToJson for Finding {
    fn write_json(&self, out: &mut Vec<u8>) {
        key(out, true, "rule");
        self.rule.write_json(out);
        key(out, false, "code");
        self.code.write_json(out);
        key(out, false, "path");
        self.path.write_json(out);
        key(out, false, "severity");
        self.severity.write_json(out);
        key(out, false, "message");
        key(out, true, "zh-CN");
        self.message.zh_cn.write_json(out);
        key(out, false, "en");
        self.message.en.write_json(out);
        out.push(b'}');
        key(out, false, "suggestion");
        self.suggestion.write_json(out);
        out.push(b'}');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item.write_json(out);
        }
        out.push(b']');
    }
}

impl ToJson for FieldResult {
    fn write_json(&self, out: &mut Vec<u8>) {
        key(out, true, "ok");
        self.ok.write_json(out);
        key(out, false, "findings");
        self.findings.write_json(out);
        key(out, false, "normalized");
        self.normalized.write_json(out);
        out.push(b'}');
    }
}

impl ToJson for Sex {
    fn write_json(&self, out: &mut Vec<u8>) {
        string(
            out,
            match self {
                Sex::Male => "male",
                Sex::Female => "female",
            },
        );
    }
}

impl ToJson for Origin {
    fn write_json(&self, out: &mut Vec<u8>) {
        string(
            out,
            match self {
                Origin::HongKong => "hong_kong",
                Origin::Macau => "macau",
                Origin::Taiwan => "taiwan",
            },
        );
    }
}

impl ToJson for FilingNumberKind {
    fn write_json(&self, out: &mut Vec<u8>) {
        string(
            out,
            match self {
                FilingNumberKind::Filing => "filing",
                FilingNumberKind::IcpLicence => "icp_licence",
                FilingNumberKind::Commercial => "commercial",
            },
        );
    }
}

/// `,"key":value` when `value` is `Some` (serde's `skip_serializing_if =
/// "Option::is_none"`).
#[cfg(any(test, feature = "rules", feature = "id"))]
fn optional<T: ToJson>(out: &mut Vec<u8>, name: &str, value: &Option<T>) {
    if let Some(v) = value {
        key(out, false, name);
        v.write_json(out);
    }
}

impl ToJson for Validation {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Validation::Valid(v) => {
                key(out, true, "ok");
                v.ok.write_json(out);
                key(out, false, "value");
                v.value.write_json(out);
                // The numbers' details; none in the domain's build, which
                // checks no number.
                #[cfg(any(test, feature = "rules", feature = "id"))]
                {
                    optional(out, "birthDate", &v.birth_date);
                    optional(out, "sex", &v.sex);
                    optional(out, "region", &v.region);
                    optional(out, "origin", &v.origin);
                    optional(out, "organisationCode", &v.organisation_code);
                    optional(out, "filingKind", &v.filing_kind);
                    optional(out, "province", &v.province);
                    optional(out, "site", &v.site);
                    optional(out, "subjectNumber", &v.subject_number);
                }
            }
            Validation::Invalid(v) => {
                key(out, true, "ok");
                v.ok.write_json(out);
                key(out, false, "error");
                v.error.write_json(out);
            }
        }
        out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use beian_rules::{FieldContext, FieldKind, IdentifierKind};

    use super::*;

    /// Inputs of every kind: valid numbers, fixable ones, wrong ones, and
    /// texts with the characters JSON escapes.
    const INPUTS: [&str; 24] = [
        "11010519491231002X",
        "11010519491231002x",
        "110105194912310021",
        "110105491231002",
        "810000199001010010",
        "830000199406259537",
        "91350100M000100Y43",
        "9144030071526726XA",
        "京ICP备09051301号-3",
        "京 ICP 备 09051301 号",
        "京ICP证030173号",
        "浙B2-20040180",
        "110105",
        "A1234567",
        "www.example.com",
        "www.例子.中国",
        "xn--fiqs8s",
        "http://www.example.com/",
        "",
        "\"quoted\" \\ back",
        "tab\there\nline\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
        "全角１１０１０５",
        "😀 emoji 𝒳",
        "1101051949123100\u{0}2X",
    ];

    fn same<T: ToJson + serde::Serialize>(value: &T) {
        assert_eq!(
            to_json(value).unwrap(),
            serde_json::to_string(value).unwrap()
        );
    }

    #[test]
    fn validations_are_written_as_serde_json_writes_them() {
        let mut valid = 0;
        for n in 0..IdentifierKind::ALL.len() as u32 {
            for input in INPUTS {
                let v = crate::identifiers::validation(n, input).unwrap();
                valid += usize::from(matches!(v, Validation::Valid(_)));
                same(&v);
            }
        }
        // The valid ones write the optional keys.
        assert!(valid >= 10, "{valid}");
    }

    #[test]
    fn field_results_are_written_as_serde_json_writes_them() {
        let context = FieldContext {
            domains: vec!["example.com".to_string()],
            ..FieldContext::default()
        };
        let mut findings = 0;
        for kind in FieldKind::ALL {
            for input in INPUTS {
                let r = beian_rules::check_field(kind, input, &context);
                findings += r.findings.len();
                same(&r);
            }
        }
        assert!(findings > 100, "{findings}");
        let r = FieldResult {
            ok: false,
            findings: vec![Finding {
                suggestion: Some("a\"b\\c\u{1}".to_string()),
                ..beian_rules::check_field(
                    FieldKind::Identifier(IdentifierKind::ResidentId),
                    "1",
                    &context,
                )
                .findings[0]
                    .clone()
            }],
            normalized: Some("\u{2028}".to_string()),
        };
        same(&r);
        same(&Vec::<Finding>::new());
        same(&4_294_967_295u32);
        same(&0u32);
    }

    #[test]
    fn filings_findings_are_written_as_serde_json_writes_them() {
        let filings = [
            r#"{"subject":{"documentNumber":"11010519491231002x"},
                "websites":[{"domains":["www.example.com"],"homepage":"http://www.other.cn"}]}"#,
            r#"{"subject":{"name":"a\"b\\c\t","documentNumber":"91350100M000100Y43"},
                "websites":[{"name":"😀","domains":["例子.中国","a_b.cn"]}]}"#,
            "{}",
        ];
        let mut findings = 0;
        for json in filings {
            let filing = beian_rules::Filing::from_json(json).unwrap_or_else(|e| panic!("{e}"));
            let found =
                beian_rules::summarise(beian_rules::check(&filing), beian_rules::FINDINGS_PER_RULE);
            findings += found.len();
            same(&found);
        }
        assert!(findings >= 8, "{findings}");
    }
}
