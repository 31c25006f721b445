//! The documents step: the rules crate's checklist, each item marked
//! ready with its date.

use beian_rules::checklist::ChecklistItem;
use beian_rules::path::{AttachmentField, Holder};
use beian_rules::{AttachmentKind, Date};
use leptos::prelude::*;

use crate::fields::{slug, Binding, Form, TextField};
use crate::i18n::{t, Key};

/// The documents step: the rules crate's checklist (004 3), each item
/// marked ready with its date (004 其它 6).
#[component]
pub(crate) fn DocumentsForm(form: Form, items: Memo<Vec<ChecklistItem>>) -> impl IntoView {
    view! {
        <ul class="checklist" id="checklist">
            <For
                each=move || items.get()
                key=|item| (item.path.clone(), slug(item.kind), item.required)
                let:item
            >
                <DocumentItem form item />
            </For>
        </ul>
    }
}

#[component]
fn DocumentItem(form: Form, item: ChecklistItem) -> impl IntoView {
    let lang = form.lang;
    let kind: AttachmentKind = item.kind;
    let place = item.path.clone();
    let id = crate::targets::document_id(&place, kind);
    let title = item.title.clone();
    let note = item.note.clone();
    let required = item.required;
    let dated = item.dated;
    let at = place
        .parse()
        .ok()
        .and_then(Holder::of_documents)
        .unwrap_or(Holder::Subject);
    let index = Memo::new(move |_| {
        form.wizard.filing.with(|f| {
            at.documents_in(f)
                .and_then(|d| d.iter().position(|a| a.kind == Some(kind)))
        })
    });
    let toggle = move |on: bool| {
        form.wizard.set_attached(at, kind, on);
    };
    let title_id = format!("{id}-title");
    let note_id = format!("{id}-note");
    view! {
        <li data-kind=format!("{kind:?}") data-path=place.clone()>
            <p>
                <strong id=title_id.clone()>{move || title.get(lang.get().tag()).to_string()}</strong>
                " "
                <span class=if required { "badge required" } else { "badge" }>
                    {move || t(lang.get(), if required { Key::Required } else { Key::Optional })}
                </span>
            </p>
            <p class="hint" id=note_id.clone()>{move || note.get(lang.get().tag()).to_string()}</p>
            <span class="check">
                <input
                    type="checkbox"
                    id=id.clone()
                    aria-describedby=format!("{title_id} {note_id}")
                    prop:checked=move || index.get().is_some()
                    on:change=move |ev| toggle(event_target_checked(&ev))
                />
                <label for=id.clone()>{move || t(lang.get(), Key::Attached)}</label>
            </span>
            {move || {
                let k = index.get()?;
                if !dated {
                    return None;
                }
                Some(view! {
                    <TextField
                        form
                        path=at.document(k, AttachmentField::Date)
                        label=form.tx(Key::DocumentDate)
                        input_type="date"
                        bind=Binding::new(
                            move |f| {
                                at.documents_in(f).and_then(|d| d.get(k)).and_then(|a| a.date).map(|d| d.to_string()).unwrap_or_default()
                            },
                            move |f, v| {
                                if let Some(a) = at.documents_in_mut(f).and_then(|d| d.get_mut(k)) {
                                    a.date = Date::parse(&v);
                                }
                            },
                        )
                    />
                })
            }}
        </li>
    }
}
