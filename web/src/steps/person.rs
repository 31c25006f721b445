//! The fields of a responsible person (the subject's and each website's).

use beian_rules::document;
use beian_rules::path::{Holder, PersonField};
use leptos::prelude::*;

use super::{document_key, options_of};
use crate::fields::{from_slug, slug, Binding, Form, SelectField, TextField};
use crate::i18n::Key;

/// The fields of a responsible person.
#[component]
pub(crate) fn PersonFields(form: Form, at: Holder) -> impl IntoView {
    let path = move |f| at.person(f);
    let doc_types = options_of(form.lang, || {
        document::allowed_for_person()
            .iter()
            .map(|d| (*d, document_key(*d)))
            .collect()
    });
    view! {
        <TextField form path=path(PersonField::Name) label=form.tx(Key::PersonName) autocomplete="name" required=true />
        <SelectField
            form
            path=path(PersonField::DocumentType)
            label=form.tx(Key::PersonDocumentType)
            required=true
            options=doc_types
            bind=Binding::new(
                move |f| at.person_in(f).map(|p| slug(p.document_type)).unwrap_or_default(),
                move |f, v| {
                    if let (Some(p), Some(d)) = (at.person_in_mut(f), from_slug(&v)) {
                        p.document_type = d;
                    }
                },
            )
        />
        <TextField form path=path(PersonField::DocumentNumber) label=form.tx(Key::PersonDocumentNumber) required=true />
        <TextField form path=path(PersonField::Mobile) label=form.tx(Key::Mobile) input_type="tel" inputmode="tel" autocomplete="tel" required=true />
        <TextField form path=path(PersonField::Phone) label=form.tx(Key::Phone) input_type="tel" inputmode="tel" />
        <TextField form path=path(PersonField::Email) label=form.tx(Key::Email) input_type="email" inputmode="email" autocomplete="email" required=true />
    }
}
