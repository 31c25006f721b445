//! Filing numbers given on approval (002 #28): the subject's
//! `<province>ICP备<serial>号`, given by the bureau to a new filing, and each
//! website's `-N`, in order, never given twice (not even after a
//! cancellation).

use beian_rules::filing_number::{self, Kind};
use beian_rules::{Filing, Finding, Message, Severity};

use crate::{FilingKind, FlowState};

fn error(rule: &str, zh: String, en: String) -> Box<Finding> {
    Box::new(Finding::new(
        rule,
        None,
        "",
        Severity::Error,
        Message::new(zh, en),
    ))
}

/// The website `N` of a number that belongs to `subject` (`…号-N`).
fn site_of(number: &str, subject: &str) -> Option<u32> {
    let n = filing_number::validate(number).ok()?;
    (n.subject_number() == subject).then_some(n.site()?)
}

/// Gives the approved filing `next` its numbers: the subject's (a new
/// filing's from `given`, checked by our own parser against the subject's
/// province; another kind keeps the approved one) and `-N` to each website
/// without one. A request on a filing approved before numbers were kept
/// (no number on record, none given) gets none.
pub(crate) fn assign(
    state: &FlowState,
    given: Option<&str>,
    next: &mut FlowState,
) -> Result<(), Box<Finding>> {
    let given = given.map(str::trim).filter(|g| !g.is_empty());
    let current = state
        .approved
        .as_ref()
        .map(|a| a.subject.filing_number.trim())
        .filter(|n| !n.is_empty() && state.kind != FilingKind::NewFiling);
    let subject = match (current, given) {
        (Some(c), Some(g)) if filing_number::compact(g) != filing_number::compact(c) => {
            return Err(error(
                "flow.filing_number_fixed",
                format!("此主体的备案号是 {c}，审核通过不改变备案号。"),
                format!("This subject's filing number is {c}; an approval does not change it."),
            ))
        }
        (Some(c), _) => c.to_string(),
        (None, Some(g)) => checked(g, &state.filing)?,
        (None, None) if state.kind == FilingKind::NewFiling => return Err(error(
            "flow.filing_number_required",
            "新增备案审核通过时须给出主体备案号，如 京ICP备12345678号。".into(),
            "Approving a new filing gives the subject its filing number, e.g. 京ICP备12345678号."
                .into(),
        )),
        (None, None) => return Ok(()),
    };
    // The highest number given so far, also where the state does not keep
    // it (a filing brought in from elsewhere, or approved before).
    let mut last = state.last_website_number;
    for w in state.approved.iter().flat_map(|f| &f.websites) {
        last = last.max(site_of(&w.filing_number, &subject).unwrap_or(0));
    }
    // A website of the approved filing keeps its number, whatever the
    // proposed data says; every other website gets the next one.
    let mut kept: Vec<Option<String>> = vec![None; next.filing.websites.len()];
    if let Some(approved) = &state.approved {
        for pair in &crate::diff::diff(approved, &state.filing).websites {
            let (Some(a), Some(p)) = (pair.approved, pair.proposed) else {
                continue;
            };
            let number = &approved.websites[a].filing_number;
            if let (Some(slot), Some(_)) = (kept.get_mut(p), site_of(number, &subject)) {
                *slot = Some(number.clone());
            }
        }
    }
    next.filing.subject.filing_number = subject.clone();
    for (w, kept) in next.filing.websites.iter_mut().zip(kept) {
        w.filing_number = kept.unwrap_or_else(|| {
            last += 1;
            format!("{subject}-{last}")
        });
    }
    next.last_website_number = last;
    Ok(())
}

/// A new filing's number as the bureau typed it: a filing number (not a
/// licence), without `-N`, of the subject's province.
fn checked(given: &str, filing: &Filing) -> Result<String, Box<Finding>> {
    let number = filing_number::validate(given).map_err(|e| {
        let m = beian_rules::RuleError::message(&e);
        error("flow.filing_number_invalid", m.zh_cn, m.en)
    })?;
    if number.kind() != Kind::Filing || number.site().is_some() {
        return Err(error(
            "flow.filing_number_invalid",
            format!("主体备案号的格式为“省简称+ICP备+序号+号”，不带“-序号”：{given}"),
            format!("A subject's filing number reads abbreviation + ICP备 + serial + 号, without -N: {given}"),
        ));
    }
    let province = filing.subject.province.trim().parse::<u32>().ok();
    if let Some(p) = province.and_then(|p| filing_number::province_of_code(p / 10000 * 10000)) {
        if p.code != number.province().code {
            return Err(error(
                "flow.filing_number_province",
                format!(
                    "备案号由主体所在省（{}）的管局发放，应以“{}”开头。",
                    p.name, p.filing
                ),
                format!(
                    "The filing number is given by the bureau of the subject's province ({}) and starts with {}.",
                    p.name, p.filing
                ),
            ));
        }
    }
    Ok(number.to_string())
}

/// The website of `filing` named by its number or one of its domains.
pub(crate) fn website_named(filing: &Filing, name: &str) -> Option<usize> {
    let number = filing_number::compact(name);
    let domain = beian_rules::domain::to_ascii(name.trim()).unwrap_or_default();
    filing.websites.iter().position(|w| {
        (!w.filing_number.is_empty() && filing_number::compact(&w.filing_number) == number)
            || w.domains.iter().any(|d| {
                d.trim().eq_ignore_ascii_case(name.trim())
                    || (!domain.is_empty()
                        && beian_rules::domain::to_ascii(d.trim()).is_ok_and(|a| a == domain))
            })
    })
}

/// No website of the filing has that number or domain.
pub(crate) fn unknown_website(name: &str) -> Finding {
    *error(
        "flow.website_unknown",
        format!("此备案没有网站备案号或域名为“{name}”的网站。"),
        format!("This filing has no website with the number or domain “{name}”."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(kind: FilingKind, province: &str, websites: &[&str]) -> FlowState {
        let mut f = Filing::default();
        f.subject.province = province.into();
        for (i, n) in websites.iter().enumerate() {
            f.websites.push(beian_rules::Website {
                filing_number: n.to_string(),
                domains: vec![format!("site{i}.com")],
                ..Default::default()
            });
        }
        FlowState {
            kind,
            filing: f,
            ..FlowState::default()
        }
    }

    /// 002 #28: the subject's number from the bureau, `-1`, `-2` … in order.
    #[test]
    fn new_filing_numbers_002_28() {
        let s = state(FilingKind::NewFiling, "110105", &["", ""]);
        let mut next = s.clone();
        assign(&s, Some(" 京ICP备2026000001号 "), &mut next).unwrap();
        assert_eq!(next.filing.subject.filing_number, "京ICP备2026000001号");
        let numbers: Vec<&str> = next
            .filing
            .websites
            .iter()
            .map(|w| w.filing_number.as_str())
            .collect();
        assert_eq!(numbers, ["京ICP备2026000001号-1", "京ICP备2026000001号-2"]);
        assert_eq!(next.last_website_number, 2);
        for given in [
            None,
            Some(""),
            Some("沪ICP备2026000001号"),
            Some("京ICP备2026000001号-1"),
            Some("京B2-20040180"),
            Some("ICP备1号"),
        ] {
            let mut next = s.clone();
            assert!(assign(&s, given, &mut next).is_err(), "{given:?}");
        }
    }

    /// 002 #28: numbers are never given twice, not even after a cancellation.
    #[test]
    fn website_numbers_are_not_reused() {
        // A filing brought in with -1 and -3 (-2 was cancelled elsewhere).
        let mut s = state(
            FilingKind::AddWebsite,
            "330106",
            &["浙ICP备12345678号-1", "浙ICP备12345678号-3", ""],
        );
        let mut approved = s.filing.clone();
        approved.websites.pop();
        approved.subject.filing_number = "浙ICP备12345678号".into();
        s.approved = Some(approved);
        let mut next = s.clone();
        assign(&s, None, &mut next).unwrap();
        assert_eq!(next.filing.websites[2].filing_number, "浙ICP备12345678号-4");
        assert_eq!(next.filing.subject.filing_number, "浙ICP备12345678号");
        // The state remembers -5 was given, though that website is gone now.
        s.last_website_number = 5;
        let mut next = s.clone();
        assign(&s, None, &mut next).unwrap();
        assert_eq!(next.filing.websites[2].filing_number, "浙ICP备12345678号-6");
        // The bureau cannot change a filed subject's number.
        let mut next = s.clone();
        assert_eq!(
            assign(&s, Some("浙ICP备99999999号"), &mut next)
                .unwrap_err()
                .rule,
            "flow.filing_number_fixed"
        );
        assert!(assign(&s, Some("浙ICP备12345678号"), &mut next).is_ok());
    }

    #[test]
    fn websites_by_number_or_domain() {
        let mut f = Filing::default();
        for (n, d) in [
            ("京ICP备1号-1", "a.com"),
            ("京ICP备12345678号-2", "例子.中国"),
        ] {
            f.websites.push(beian_rules::Website {
                filing_number: n.into(),
                domains: vec![d.into()],
                ..Default::default()
            });
        }
        assert_eq!(website_named(&f, "京ICP备12345678号－2"), Some(1));
        assert_eq!(website_named(&f, "A.com"), Some(0));
        assert_eq!(website_named(&f, "xn--fsqu00a.xn--fiqs8s"), Some(1));
        assert_eq!(website_named(&f, "b.com"), None);
        assert_eq!(website_named(&f, ""), None);
    }
}
