//! Filings approved elsewhere, brought in (issue 14): most customers of a
//! hosting company already hold a filing number from another provider and
//! transfer access to us (002 #32), add a website (002 #33), change or
//! cancel part of it. The provider records what the customer has: the
//! filing number, the subject's document type and number and name, the
//! websites with their `-N` numbers and domains, and the filing password
//! (002 #36). Nothing here needs the database: the write
//! ([`crate::store::import_filing`]) adds the registry's checks (1003,
//! 1005, a number held already).

use beian_rules::filing_number::{self, Kind};
use beian_rules::path::{FieldPath, SubjectField, WebsiteField};
use beian_rules::{check_submission, Filing, Finding, Message, Options, Severity};

/// A filing brought in: its data as stored, and the highest website number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The filing, numbers in their canonical form, the subject's province
    /// from its number where it was not given.
    pub filing: Filing,
    /// The subject's filing number (`京ICP备12345678号`).
    pub number: String,
    /// The highest `-N` of its websites.
    pub last_website_number: u32,
    /// Warnings and advice on the data given.
    pub findings: Vec<Finding>,
}

/// True for the fields a filing brought in is made of: the rules crate's
/// findings elsewhere concern data the customer need not give here.
fn given(path: &str) -> bool {
    match path.parse::<FieldPath>() {
        Ok(FieldPath::Websites) => true,
        Ok(FieldPath::Subject(f)) => matches!(
            f,
            SubjectField::Name
                | SubjectField::DocumentType
                | SubjectField::DocumentNumber
                | SubjectField::FilingNumber
        ),
        Ok(FieldPath::Website(_, f)) => matches!(
            f,
            WebsiteField::Domains | WebsiteField::Domain(_) | WebsiteField::FilingNumber
        ),
        _ => false,
    }
}

fn error(rule: &str, path: FieldPath, zh: String, en: String) -> Finding {
    Finding::new(
        rule,
        None,
        &path.to_string(),
        Severity::Error,
        Message::new(zh, en),
    )
}

/// Checks a filing to bring in: the rules crate's checks of the fields
/// given (formats, the document number, the domains) and the numbers: the
/// subject's (`-N` is dropped) and each website's, its subject's with a
/// `-N` of its own. `Err` holds the findings that refuse it.
///
/// ```
/// let filing: beian_rules::Filing = serde_json::from_str(r#"{
///   "subject": {"subjectType": "individual", "name": "张三", "documentType": "resident_id",
///               "documentNumber": "11010519491231002X", "filingNumber": "京ICP备12345678号-1"},
///   "websites": [{"domains": ["example.com"], "filingNumber": "京ICP备12345678号-1"}]}"#).unwrap();
/// let imported = beian_server::import::prepare(filing).unwrap();
/// assert_eq!(imported.number, "京ICP备12345678号");
/// assert_eq!(imported.filing.subject.province, "110000");
/// assert_eq!(imported.last_website_number, 1);
/// ```
pub fn prepare(mut filing: Filing) -> Result<Imported, Vec<Finding>> {
    let mut errors = Vec::new();
    let subject_path = FieldPath::subject(SubjectField::FilingNumber);
    let number = match filing_number::validate(&filing.subject.filing_number) {
        Ok(n) if n.kind() == Kind::Filing => Some(n),
        Ok(_) => {
            errors.push(error(
                "import.filing_number",
                subject_path,
                "请填写 ICP 备案号（如 京ICP备12345678号），不是经营许可证号。".into(),
                "Enter the ICP filing number (e.g. 京ICP备12345678号), not a licence number."
                    .into(),
            ));
            None
        }
        Err(e) => {
            let m = beian_rules::RuleError::message(&e);
            errors.push(error("import.filing_number", subject_path, m.zh_cn, m.en));
            None
        }
    };
    let subject_number = number.as_ref().map(|n| n.subject_number());
    if let Some(n) = &number {
        filing.subject.filing_number = n.subject_number();
        if filing.subject.province.trim().is_empty() {
            filing.subject.province = n.province().code.to_string();
        }
    }
    let mut last = 0;
    let mut seen = Vec::new();
    for (i, w) in filing.websites.iter_mut().enumerate() {
        let path = FieldPath::website(i, WebsiteField::FilingNumber);
        let site = filing_number::validate(&w.filing_number)
            .ok()
            .filter(|n| Some(n.subject_number()) == subject_number)
            .and_then(|n| Some((n.site()?, n)));
        match site {
            Some((n, parsed)) if !seen.contains(&n) => {
                seen.push(n);
                last = last.max(n);
                w.filing_number = parsed.to_string();
            }
            Some((n, _)) => errors.push(error(
                "import.website_number",
                path,
                format!("网站备案号 -{n} 重复了：每个网站的序号不同。"),
                format!("The website number -{n} is given twice: each website has its own."),
            )),
            None => {
                let example = subject_number.as_deref().unwrap_or("京ICP备12345678号");
                errors.push(error(
                    "import.website_number",
                    path,
                    format!("请填写此网站的网站备案号：主体备案号加“-序号”，如 {example}-1。"),
                    format!(
                        "Enter this website's filing number: the subject's number and -N, e.g. {example}-1."
                    ),
                ));
            }
        }
    }
    let checked = check_submission(&filing, &Options::default());
    let (rules_errors, findings): (Vec<Finding>, Vec<Finding>) = checked
        .into_iter()
        .filter(|f| given(&f.path))
        .partition(Finding::is_error);
    errors.extend(rules_errors);
    match subject_number {
        Some(number) if errors.is_empty() => Ok(Imported {
            filing,
            number,
            last_website_number: last,
            findings,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing(json: serde_json::Value) -> Filing {
        serde_json::from_value(json).unwrap()
    }

    fn base() -> serde_json::Value {
        serde_json::json!({
            "subject": {"subjectType": "enterprise", "name": "杭州某某科技有限公司",
                        "documentType": "unified_social_credit_code", "documentNumber": "91440101MA59ABCD1D",
                        "filingNumber": "浙ICP备12345678号"},
            "websites": [
                {"domains": ["example.com"], "filingNumber": "浙ICP备12345678号-1"},
                {"domains": ["例子.中国"], "filingNumber": "浙ICP备12345678号－3"}
            ]
        })
    }

    fn rules(r: Result<Imported, Vec<Finding>>) -> Vec<(String, String)> {
        r.unwrap_err()
            .into_iter()
            .map(|f| (f.rule, f.path))
            .collect()
    }

    #[test]
    fn numbers_are_canonical_and_the_last_is_kept() {
        let got = prepare(filing(base())).unwrap_or_else(|f| panic!("{f:#?}"));
        assert_eq!(got.number, "浙ICP备12345678号");
        assert_eq!(got.filing.websites[1].filing_number, "浙ICP备12345678号-3");
        assert_eq!(got.last_website_number, 3);
        assert_eq!(got.filing.subject.province, "330000");
    }

    #[test]
    fn what_refuses_an_import() {
        let mut v = base();
        v["subject"]["filingNumber"] = "浙B2-20040180".into();
        assert!(rules(prepare(filing(v))).contains(&(
            "import.filing_number".into(),
            "/subject/filingNumber".into()
        )));
        let mut v = base();
        v["websites"][1]["filingNumber"] = "浙ICP备12345678号-1".into();
        assert!(rules(prepare(filing(v))).contains(&(
            "import.website_number".into(),
            "/websites/1/filingNumber".into()
        )));
        let mut v = base();
        v["websites"][0]["filingNumber"] = "浙ICP备99999999号-1".into();
        assert!(rules(prepare(filing(v))).contains(&(
            "import.website_number".into(),
            "/websites/0/filingNumber".into()
        )));
        let mut v = base();
        v["websites"][0]["domains"] = serde_json::json!([]);
        v["subject"]["name"] = "".into();
        let r = rules(prepare(filing(v)));
        assert!(
            r.contains(&(
                "website.domains_required".into(),
                "/websites/0/domains".into()
            )),
            "{r:?}"
        );
        assert!(
            r.contains(&("subject.name_required".into(), "/subject/name".into())),
            "{r:?}"
        );
        let mut v = base();
        v["websites"] = serde_json::json!([]);
        assert!(rules(prepare(filing(v)))
            .iter()
            .any(|(_, p)| p == "/websites"));
    }
}
