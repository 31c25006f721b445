//! The states and events as a Mermaid diagram and tables, drawn from the
//! transition table and the kinds, so that the documentation cannot drift.
//!
//! `STATES.md` in this crate is this module's output; regenerate it with
//! `cargo run -q -p beian-flow --example states > crates/beian-flow/STATES.md`
//! (a test fails when it is out of date).

use std::fmt::Write;

use crate::machine::TRANSITIONS;
use crate::{editors, steps, FiledBy, FilingKind, Party, Status};

fn id(s: Status) -> &'static str {
    s.name()
}

/// The request's statuses and events as a Mermaid `stateDiagram-v2`.
///
/// ```
/// let m = beian_flow::mermaid();
/// assert!(m.starts_with("stateDiagram-v2\n"));
/// assert!(m.contains("bureau_review --> approved : bureau_approve"));
/// ```
pub fn mermaid() -> String {
    let mut out = String::from("stateDiagram-v2\n");
    for s in Status::ALL {
        let label = s.label(FilingKind::NewFiling);
        let _ = writeln!(
            out,
            "    state \"{} {}\" as {}",
            s.name(),
            label.zh_cn,
            id(s)
        );
    }
    let _ = writeln!(out, "    [*] --> {} : new filing", id(Status::Draft));
    for r in TRANSITIONS {
        let when = if r.when.is_empty() {
            String::new()
        } else {
            format!(", if {}", r.when)
        };
        let _ = writeln!(
            out,
            "    {} --> {} : {}{}",
            id(r.from),
            id(r.to),
            r.event.name(),
            when
        );
    }
    let _ = writeln!(
        out,
        "    {} --> [*] : after cancel_subject",
        id(Status::Approved)
    );
    out
}

fn kind_name(kind: FilingKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn party_name(p: Party) -> &'static str {
    match p {
        Party::Subject => "subject",
        Party::Provider => "provider",
        Party::Bureau => "bureau",
    }
}

fn touches(kind: FilingKind) -> &'static str {
    match kind {
        FilingKind::NewFiling => "the subject and every website",
        FilingKind::AddWebsite => "the added websites",
        FilingKind::TransferAccess => "the websites whose access is added",
        FilingKind::Change => "the subject and the changed or added websites",
        FilingKind::CancelSubject => "the subject and every website",
        FilingKind::CancelWebsite => "the removed websites",
        FilingKind::CancelAccess => "the websites whose access is removed",
    }
}

/// The whole of `STATES.md`: the diagram, the transition table, the kinds
/// and who edits.
pub fn states_markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "# The filing's life: statuses and events\n\n\
         Generated from `crates/beian-flow` (`beian_flow::states_markdown()`); do not edit.\n\
         Regenerate with\n\
         `cargo run -q -p beian-flow --example states > crates/beian-flow/STATES.md`;\n\
         `cargo test -p beian-flow` fails while this file is out of date.\n\n\
         A request (one filing of one kind) moves through these statuses. The\n\
         subject and each website show the request's status while the request\n\
         touches them, and stay approved otherwise (002 #49, #50). Every event\n\
         can still be refused by its guards, with findings.\n\n",
    );
    out.push_str("```mermaid\n");
    out.push_str(&mermaid());
    out.push_str("```\n\n## Transitions\n\n| from | event | to | when |\n|---|---|---|---|\n");
    for r in TRANSITIONS {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            r.from.name(),
            r.event.name(),
            r.to.name(),
            r.when
        );
    }
    out.push_str(
        "\n## Kinds\n\n| kind | wizard steps | filing password | the request touches | draft shows as |\n|---|---|---|---|---|\n",
    );
    for kind in FilingKind::ALL {
        let st: Vec<String> = steps(kind)
            .into_iter()
            .map(|s| match serde_json::to_value(s) {
                Ok(serde_json::Value::String(s)) => s,
                _ => String::new(),
            })
            .collect();
        let password = if kind.needs_filing_password() {
            "yes"
        } else if kind == FilingKind::Change {
            "to rename the subject"
        } else {
            "no"
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            kind_name(kind),
            st.join(" → "),
            password,
            touches(kind),
            Status::Draft.label(kind).zh_cn
        );
    }
    out.push_str(
        "\nThe documents step is left out when the request needs no document.\n\n\
         ## Who edits (002 #57)\n\n| status | filed by the subject (自主备案) | filed by the provider (代为备案) |\n|---|---|---|\n",
    );
    for s in Status::ALL {
        let who = |f| {
            let e: Vec<&str> = editors(f, s).into_iter().map(party_name).collect();
            if e.is_empty() {
                "nobody".to_string()
            } else {
                e.join(", ")
            }
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            s.name(),
            who(FiledBy::Subject),
            who(FiledBy::Provider)
        );
    }
    out.push_str("\n## Labels\n\n| status | filing (报备阶段) | change (变更阶段) | cancellation (注销) |\n|---|---|---|---|\n");
    for s in Status::ALL {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            s.name(),
            s.label(FilingKind::NewFiling).zh_cn,
            s.label(FilingKind::Change).zh_cn,
            s.label(FilingKind::CancelWebsite).zh_cn
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn states_md_is_up_to_date() {
        let committed = include_str!("../STATES.md");
        assert!(
            committed == super::states_markdown(),
            "crates/beian-flow/STATES.md is out of date: run \
             `cargo run -q -p beian-flow --example states > crates/beian-flow/STATES.md`"
        );
    }
}
