//! The subject step: type, document, name, place (with the division
//! search), address, commercial licence, responsible person.

use beian_rules::division::{self, Division, Level};
use beian_rules::path::{FieldPath, Holder, SubjectField};
use beian_rules::{document, ResponsiblePersonRole, SubjectType};
use leptos::prelude::*;

use super::person::PersonFields;
use super::{division_options, document_key, options_of};
use crate::fields::{
    focus_later, from_slug, slug, Binding, FindingList, Form, SelectField, TextField,
};
use crate::i18n::{t, Key};
use crate::initials;

pub(crate) const SUBJECT_TYPES: [(SubjectType, Key); 9] = [
    (SubjectType::Individual, Key::StIndividual),
    (SubjectType::Enterprise, Key::StEnterprise),
    (SubjectType::Government, Key::StGovernment),
    (SubjectType::PublicInstitution, Key::StPublicInstitution),
    (SubjectType::SocialOrganisation, Key::StSocialOrganisation),
    (
        SubjectType::PrivateNonEnterprise,
        Key::StPrivateNonEnterprise,
    ),
    (SubjectType::Foundation, Key::StFoundation),
    (SubjectType::LawFirm, Key::StLawFirm),
    (SubjectType::Other, Key::StOther),
];

/// A division code as typed in a select (six digits).
fn code(s: &str) -> Option<u32> {
    let s = s.trim();
    (s.len() == 6).then(|| s.parse().ok()).flatten()
}

/// The subject step's form: type, document, name, place, address,
/// responsible person (004 3; 002 #6, #9, #27).
#[component]
pub(crate) fn SubjectForm(form: Form) -> impl IntoView {
    let lang = form.lang;
    let subject_type = Memo::new(move |_| form.wizard.filing.with(|f| f.subject.subject_type));
    let path = FieldPath::subject;
    let province = Memo::new(move |_| form.wizard.filing.with(|f| f.subject.province.clone()));
    let city = Memo::new(move |_| form.wizard.filing.with(|f| f.subject.city.clone()));
    let types = options_of(lang, || SUBJECT_TYPES.to_vec());
    // Subject type → the document types it may file with (004 3).
    let doc_types = options_of(lang, move || {
        document::allowed(subject_type.get())
            .iter()
            .map(|d| (*d, document_key(*d)))
            .collect()
    });
    let provinces = Signal::derive(|| division_options(division::provinces()));
    let cities = Signal::derive(move || {
        code(&province.get())
            .map(|p| {
                division::children(p)
                    .into_iter()
                    .filter(|d| d.level == Level::City)
                    .collect()
            })
            .map(division_options)
            .unwrap_or_default()
    });
    let counties = Signal::derive(move || {
        let parent = code(&city.get()).or_else(|| code(&province.get()));
        parent
            .map(|p| {
                division::children(p)
                    .into_iter()
                    .filter(|d| d.level == Level::County)
                    .collect()
            })
            .map(division_options)
            .unwrap_or_default()
    });
    let organisation = move || subject_type.get() != SubjectType::Individual;
    let roles = options_of(lang, || {
        vec![
            (ResponsiblePersonRole::LegalRepresentative, Key::RoleLegal),
            (ResponsiblePersonRole::Authorised, Key::RoleAuthorised),
            (ResponsiblePersonRole::Agent, Key::RoleAgent),
        ]
    });
    let commercial = Memo::new(move |_| form.wizard.filing.with(|f| f.subject.commercial));
    let licence = Memo::new(move |_| {
        form.wizard
            .filing
            .with(|f| f.subject.licence_number.clone())
    });
    view! {
        <SelectField
            form
            path=path(SubjectField::SubjectType)
            label=form.tx(Key::SubjectType)
            options=types
            bind=Binding::new(
                |f| slug(f.subject.subject_type),
                |f, v| {
                    if let Some(st) = from_slug(&v) {
                        document::set_subject_type(&mut f.subject, st);
                    }
                },
            )
        />
        <SelectField
            form
            path=path(SubjectField::DocumentType)
            label=form.tx(Key::DocumentType)
            hint=Key::DocumentTypeHint
            required=true
            options=doc_types
            bind=Binding::new(
                |f| slug(f.subject.document_type),
                |f, v| {
                    if let Some(d) = from_slug(&v) {
                        f.subject.document_type = d;
                    }
                },
            )
        />
        <TextField form path=path(SubjectField::DocumentNumber) label=form.tx(Key::DocumentNumber) hint=Key::DocumentNumberHint required=true />
        <TextField form path=path(SubjectField::Name) label=form.tx(Key::SubjectName) hint=Key::SubjectNameHint autocomplete="organization" required=true />
        <fieldset class="group" aria-describedby="hint-place">
            <legend>{move || t(lang.get(), Key::Place)}</legend>
            <p class="hint" id="hint-place">{move || t(lang.get(), Key::DivisionHint)}</p>
            <DivisionSearch form />
            <SelectField
                form
                path=path(SubjectField::Province)
                label=form.tx(Key::Province)
                required=true
                options=provinces
                bind=Binding::new(
                    |f| f.subject.province.clone(),
                    |f, v| {
                        f.subject.province = v;
                        f.subject.city.clear();
                        f.subject.county.clear();
                    },
                )
            />
            <SelectField
                form
                path=path(SubjectField::City)
                label=form.tx(Key::City)
                required=true
                options=cities
                empty=Signal::derive(move || {
                    if province.with(String::is_empty) || !cities.with(Vec::is_empty) {
                        Key::Choose
                    } else {
                        Key::NoCity
                    }
                })
                bind=Binding::new(
                    |f| f.subject.city.clone(),
                    |f, v| {
                        f.subject.city = v;
                        f.subject.county.clear();
                    },
                )
            />
            <SelectField
                form
                path=path(SubjectField::County)
                label=form.tx(Key::County)
                required=true
                options=counties
            />
        </fieldset>
        <TextField form path=path(SubjectField::Address) label=form.tx(Key::Address) hint=Key::AddressHint autocomplete="street-address" required=true />
        <div class="field check">
            <input
                type="checkbox"
                id="subject-commercial"
                prop:checked=move || commercial.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    form.wizard.filing.update(|f| f.subject.commercial = on);
                    form.touch(path(SubjectField::Commercial));
                }
                aria-describedby="findings-subject-commercial"
            />
            <label for="subject-commercial">{move || t(lang.get(), Key::Commercial)}</label>
            <FindingList id="findings-subject-commercial".to_string() findings=form.findings_at(path(SubjectField::Commercial)) lang on_apply=None />
        </div>
        <Show when=move || commercial.get() || !licence.with(String::is_empty)>
            <TextField form path=path(SubjectField::LicenceNumber) label=form.tx(Key::LicenceNumber) hint=Key::LicenceNumberHint required=true />
        </Show>
        <TextField form path=path(SubjectField::FilingNumber) label=form.tx(Key::SubjectFilingNumber) hint=Key::SubjectFilingNumberHint />
        <TextField
            form
            path=path(SubjectField::FilingCreatedOn)
            label=form.tx(Key::FilingCreatedOn)
            hint=Key::FilingCreatedOnHint
            input_type="date"
            bind=Binding::new(
                |f| f.subject.filing_created_on.map(|d| d.to_string()).unwrap_or_default(),
                |f, v| f.subject.filing_created_on = beian_rules::Date::parse(&v),
            )
        />
        <fieldset class="group">
            <legend>{move || t(lang.get(), Key::SubjectPerson)}</legend>
            <Show when=organisation>
                <SelectField
                    form
                    path=path(SubjectField::ResponsiblePersonRole)
                    label=form.tx(Key::PersonRole)
                    hint=Key::PersonRoleHint
                    required=true
                    options=roles
                    bind=Binding::new(
                        |f| f.subject.responsible_person_role.map(slug).unwrap_or_default(),
                        |f, v| f.subject.responsible_person_role = from_slug(&v),
                    )
                />
            </Show>
            <PersonFields form at=Holder::Subject />
        </fieldset>
    }
}

/// Focuses the element `next` finds from the keyboard event's target;
/// true when it did.
fn arrow_from(
    ev: &leptos::ev::KeyboardEvent,
    next: impl FnOnce(web_sys::Element) -> Option<web_sys::Element>,
) -> bool {
    use wasm_bindgen::JsCast;
    let Some(from) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match next(from).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Search of a county or city by name: a pick sets province, city and
/// county at once.
#[component]
fn DivisionSearch(form: Form) -> impl IntoView {
    let lang = form.lang;
    let query = RwSignal::new(String::new());
    // Pinyin initials, fetched when the first Latin letter is typed.
    let initials = RwSignal::new(None::<initials::Initials>);
    let loading = StoredValue::new(false);
    Effect::new(move |_| {
        let wanted = query.with(|q| initials::query_letters(q).is_some());
        if !wanted || loading.get_value() || initials.with_untracked(Option::is_some) {
            return;
        }
        loading.set_value(true);
        leptos::task::spawn_local(async move {
            // A failed fetch leaves the search by name; the next letter
            // tries again.
            if let Some(table) = initials::load().await {
                initials.set(Some(table));
            }
            loading.set_value(false);
        });
    });
    let results = Memo::new(move |_| {
        let q = query.get();
        let q = q.trim();
        if q.is_empty() {
            return Vec::new();
        }
        let letters = initials::query_letters(q);
        initials.with(|table| {
            let by_initials = |d: &Division| match (&letters, table) {
                (Some(l), Some(t)) => t.get(d.code).is_some_and(|i| i.starts_with(l.as_str())),
                _ => false,
            };
            division::all()
                .iter()
                .filter(|d| {
                    d.in_use()
                        && d.level != Level::Province
                        && (d.name.contains(q) || by_initials(d))
                })
                .take(8)
                .map(|d| {
                    let province = d.code / 10000 * 10000;
                    let city = match d.level {
                        Level::City => d.code,
                        _ => {
                            let c = d.code / 100 * 100;
                            if c != d.code
                                && division::current(c).is_some_and(|x| x.level == Level::City)
                            {
                                c
                            } else {
                                0
                            }
                        }
                    };
                    let name = |c: u32| division::current(c).map_or("", |d| d.name);
                    let mut full = name(province).to_string();
                    if city != 0 && city != province {
                        full.push(' ');
                        full.push_str(name(city));
                    }
                    if d.level == Level::County {
                        full.push(' ');
                        full.push_str(d.name);
                    }
                    let county = if d.level == Level::County { d.code } else { 0 };
                    (full, province, city, county)
                })
                .collect::<Vec<_>>()
        })
    });
    let fmt = |c: u32| {
        if c == 0 {
            String::new()
        } else {
            format!("{c:06}")
        }
    };
    view! {
        <div class="field search">
            <label for="division-search">{move || t(lang.get(), Key::DivisionSearch)}</label>
            <p class="hint" id="hint-division-search">{move || t(lang.get(), Key::DivisionSearchHint)}</p>
            <input
                id="division-search"
                type="search"
                autocomplete="off"
                aria-describedby="hint-division-search"
                aria-controls="division-results"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    // ArrowDown enters the results (issue 17).
                    if ev.key() == "ArrowDown" && arrow_from(&ev, |input| {
                        input.parent_element()?.query_selector("ul button").ok()?
                    }) {
                        ev.prevent_default();
                    }
                }
            />
            <ul
                id="division-results"
                class="results"
                aria-label=move || t(lang.get(), Key::DivisionResults)
                on:keydown=move |ev| {
                    // Up and down move between the results; up from the
                    // first, or Escape, goes back to the search.
                    let item = |button: web_sys::Element| button.closest("li").ok().flatten();
                    let moved = match ev.key().as_str() {
                        "ArrowDown" => arrow_from(&ev, |b| {
                            item(b)?.next_element_sibling()?.query_selector("button").ok()?
                        }),
                        "ArrowUp" => arrow_from(&ev, |b| {
                            match item(b.clone())?.previous_element_sibling() {
                                Some(li) => li.query_selector("button").ok()?,
                                None => b.closest(".search").ok()??.query_selector("input").ok()?,
                            }
                        }),
                        "Escape" => arrow_from(&ev, |b| b.closest(".search").ok()??.query_selector("input").ok()?),
                        _ => false,
                    };
                    if moved {
                        ev.prevent_default();
                    }
                }
            >
                {move || {
                    results
                        .get()
                        .into_iter()
                        .map(|(full, p, c, k)| {
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="link"
                                        on:click=move |_| {
                                            form.wizard.set_place(fmt(p), fmt(c), fmt(k));
                                            query.set(String::new());
                                            focus_later(if k == 0 { "#subject-county".into() } else { "#subject-address".into() });
                                        }
                                    >
                                        {full}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
