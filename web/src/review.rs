//! The review step's list of the data to be submitted, grouped by the step
//! that holds it (issue 17): every filled field with its label (the words
//! of the form, as the import's messages name fields) and its value as the
//! form shows it (names of choices and places, not their codes).

use beian_flow::{step_of_field, Step};
use beian_rules::checklist;
use beian_rules::division;
use beian_rules::path::{text_fields, FieldPath, Holder, PersonField, SubjectField, WebsiteField};
use beian_rules::Filing;
use leptos::prelude::*;

use crate::app::{step_key, step_slug};
use crate::draft::field_in_words;
use crate::i18n::{t, Key, Lang};
use crate::steps::{document_key, CATEGORIES, METHODS, SUBJECT_TYPES};

/// The name of the division or province at code `code`, else the code.
fn place(code: &str) -> String {
    if code == beian_rules::ABROAD {
        return code.to_string();
    }
    code.trim()
        .parse::<u32>()
        .ok()
        .and_then(division::current)
        .map_or_else(|| code.to_string(), |d| d.name.to_string())
}

fn key_of<T: PartialEq + Copy>(table: &[(T, Key)], value: T) -> Option<Key> {
    table.iter().find(|(v, _)| *v == value).map(|(_, k)| *k)
}

/// (step, label, value) of every filled field of `filing`, in the form's
/// order within each step.
pub(crate) fn rows(filing: &Filing, lang: Lang) -> Vec<(Step, String, String)> {
    let mut out: Vec<(FieldPath, String)> = Vec::new();
    let s = &filing.subject;
    if let Some(k) = key_of(&SUBJECT_TYPES, s.subject_type) {
        out.push((
            FieldPath::subject(SubjectField::SubjectType),
            t(lang, k).into(),
        ));
    }
    out.push((
        FieldPath::subject(SubjectField::DocumentType),
        t(lang, document_key(s.document_type)).into(),
    ));
    if s.commercial {
        out.push((
            FieldPath::subject(SubjectField::Commercial),
            t(lang, Key::Commercial).into(),
        ));
    }
    if let Some(d) = s.filing_created_on {
        out.push((
            FieldPath::subject(SubjectField::FilingCreatedOn),
            d.to_string(),
        ));
    }
    let mut person_type = |holder: Holder| {
        if let Some(p) = holder.person_in(filing) {
            out.push((
                holder.person(PersonField::DocumentType),
                t(lang, document_key(p.document_type)).into(),
            ));
        }
    };
    person_type(Holder::Subject);
    for i in 0..filing.websites.len() {
        person_type(Holder::Website(i));
    }
    for (i, w) in filing.websites.iter().enumerate() {
        let mut names: Vec<&str> = w
            .content_categories
            .iter()
            .filter_map(|c| key_of(&CATEGORIES, *c))
            .map(|k| t(lang, k))
            .collect();
        if w.bulletin_board {
            if let Some(k) = key_of(&CATEGORIES, beian_rules::ContentCategory::BulletinBoard) {
                names.push(t(lang, k));
            }
        }
        if !names.is_empty() {
            out.push((
                FieldPath::website(i, WebsiteField::ContentCategories),
                names.join("、"),
            ));
        }
        for (j, a) in w.access.iter().enumerate() {
            if let Some(k) = a.method.and_then(|m| key_of(&METHODS, m)) {
                out.push((
                    FieldPath::access(i, j, beian_rules::path::AccessField::Method),
                    t(lang, k).into(),
                ));
            }
        }
    }
    for (path, text) in text_fields(filing) {
        if text.trim().is_empty() {
            continue;
        }
        use beian_rules::path::AccessField;
        let value = match path {
            FieldPath::Subject(
                SubjectField::Province | SubjectField::City | SubjectField::County,
            )
            | FieldPath::Website(_, WebsiteField::AccessEntry(_, AccessField::ServerLocation)) => {
                place(text)
            }
            _ => text.to_string(),
        };
        out.push((path, value));
    }
    // The documents marked ready, with their dates.
    let mut docs: Vec<(FieldPath, String)> = Vec::new();
    for item in checklist::checklist(filing)
        .into_iter()
        .filter(|i| i.present)
    {
        let Some(holder) = item.path.parse().ok().and_then(Holder::of_documents) else {
            continue;
        };
        let k = holder
            .documents_in(filing)
            .and_then(|d| d.iter().position(|a| a.kind == Some(item.kind)))
            .unwrap_or(0);
        let date = holder
            .documents_in(filing)
            .and_then(|d| d.get(k))
            .and_then(|a| a.date)
            .map(|d| format!("（{d}）"))
            .unwrap_or_default();
        docs.push((
            holder.document(k, beian_rules::path::AttachmentField::Kind),
            format!("{}{date}", item.title.get(lang.tag())),
        ));
    }
    out.sort_by_key(|(p, _)| *p);
    out.extend(docs);
    out.into_iter()
        .map(|(path, value)| {
            let label = match path {
                FieldPath::Subject(SubjectField::Document(..))
                | FieldPath::Website(_, WebsiteField::Document(..)) => {
                    t(lang, Key::StepDocuments).to_string()
                }
                _ => field_in_words(&path.to_string(), lang),
            };
            (step_of_field(path), label, value)
        })
        .collect()
}

/// The data to be submitted, a list per step of `steps` (the review step
/// itself aside).
#[component]
pub(crate) fn ReviewData(
    filing: RwSignal<Filing>,
    steps: Memo<Vec<Step>>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let all = Memo::new(move |_| filing.with(|f| rows(f, lang.get())));
    view! {
        <div id="review-data" class="review-data">
            <h3>{move || t(lang.get(), Key::ReviewData)}</h3>
            {move || {
                steps
                    .get()
                    .into_iter()
                    .filter(|s| *s != Step::Review)
                    .map(|step| {
                        let heading = format!("review-data-{}", step_slug(step));
                        let labelled_by = heading.clone();
                        let items: Vec<(String, String)> = all.with(|rows| {
                            rows.iter()
                                .filter(|(s, _, _)| *s == step)
                                .map(|(_, l, v)| (l.clone(), v.clone()))
                                .collect()
                        });
                        view! {
                            <section aria-labelledby=labelled_by data-step=step_slug(step)>
                                <h4 id=heading>{move || t(lang.get(), step_key(step))}</h4>
                                {if items.is_empty() {
                                    view! { <p class="hint">{move || t(lang.get(), Key::ReviewDataNone)}</p> }.into_any()
                                } else {
                                    view! {
                                        <dl>
                                            {items
                                                .into_iter()
                                                .map(|(l, v)| view! { <dt>{l}</dt> <dd>{v}</dd> })
                                                .collect_view()}
                                        </dl>
                                    }
                                    .into_any()
                                }}
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
