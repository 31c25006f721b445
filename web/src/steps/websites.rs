//! The websites step: every website of the subject with its name,
//! domains, homepage, domain owner, content categories and their permits,
//! and responsible person.

use beian_flow::FilingKind;
use beian_rules::checklist;
use beian_rules::path::{FieldPath, Holder, PreApprovalField, WebsiteField};
use beian_rules::{ContentCategory, PreApproval};
use leptos::prelude::*;

use super::person::PersonFields;
use crate::draft::input_id;
use crate::fields::{focus_later, Binding, FindingList, Form, Remove, TextField};
use crate::i18n::{t, tn, Key};

pub(crate) const CATEGORIES: [(ContentCategory, Key); 12] = [
    (ContentCategory::Blog, Key::CatBlog),
    (ContentCategory::Company, Key::CatCompany),
    (ContentCategory::News, Key::CatNews),
    (ContentCategory::Publishing, Key::CatPublishing),
    (ContentCategory::Education, Key::CatEducation),
    (ContentCategory::Medical, Key::CatMedical),
    (
        ContentCategory::DrugsAndMedicalDevices,
        Key::CatDrugsAndMedicalDevices,
    ),
    (ContentCategory::Culture, Key::CatCulture),
    (ContentCategory::RadioFilmTv, Key::CatRadioFilmTv),
    (ContentCategory::BulletinBoard, Key::CatBulletinBoard),
    (ContentCategory::ECommerce, Key::CatECommerce),
    (ContentCategory::Other, Key::CatOther),
];

/// The websites step's form: every website of the subject (003 #4).
#[component]
pub(crate) fn WebsitesForm(form: Form) -> impl IntoView {
    let lang = form.lang;
    let count = Memo::new(move |_| form.wizard.filing.with(|f| f.websites.len()));
    let add = move |_| {
        let i = form.wizard.add_website();
        focus_later(format!(
            "#{}",
            input_id(&FieldPath::website(i, WebsiteField::Name).to_string())
        ));
    };
    view! {
        <FindingList id="findings-websites".to_string() findings=form.findings_at(FieldPath::Websites) lang on_apply=None />
        <For each=move || 0..count.get() key=|i| *i let:i>
            <WebsiteForm form i count />
        </For>
        <button type="button" class="secondary" id="add-website" on:click=add>
            {move || t(lang.get(), Key::AddWebsite)}
        </button>
    }
}

#[component]
fn WebsiteForm(form: Form, i: usize, count: Memo<usize>) -> impl IntoView {
    let lang = form.lang;
    let path = move |f| FieldPath::website(i, f);
    let domains = Memo::new(move |_| {
        form.wizard
            .filing
            .with(|f| f.websites.get(i).map_or(0, |w| w.domains.len()))
    });
    let add_domain = move |_| {
        let j = form.wizard.add_domain(i);
        focus_later(format!(
            "#{}",
            input_id(&path(WebsiteField::Domain(j)).to_string())
        ));
    };
    let remove_website = move |_| {
        form.wizard.remove_website(i);
        focus_later("#add-website".to_string());
    };
    let website_number = Memo::new(move |_| {
        form.wizard.filing.with(|f| {
            f.websites
                .get(i)
                .map(|w| w.filing_number.clone())
                .unwrap_or_default()
        })
    });
    let heading_id = format!("website-{i}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <fieldset class="website" id=format!("website-{i}") aria-labelledby=labelled_by>
            <div class="card-head">
                <h3 id=heading_id>{move || tn(lang.get(), Key::WebsiteN, i + 1)}</h3>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("remove-website-{i}")
                    disabled=move || count.get() <= 1
                    on:click=remove_website
                >
                    {move || tn(lang.get(), Key::RemoveWebsiteN, i + 1)}
                </button>
            </div>
            <TextField form path=path(WebsiteField::Name) label=form.tx(Key::WebsiteName) hint=Key::WebsiteNameHint required=true />
            <div class="field" role="group" aria-labelledby=format!("domains-{i}-label") aria-describedby=format!("hint-domains-{i}")>
                <span class="label" id=format!("domains-{i}-label")>{move || t(lang.get(), Key::Domains)}</span>
                <p class="hint" id=format!("hint-domains-{i}")>{move || t(lang.get(), Key::DomainsHint)}</p>
                <FindingList id=format!("findings-websites-{i}-domains") findings=form.findings_at(path(WebsiteField::Domains)) lang on_apply=None />
                <ol class="rows">
                    <For each=move || 0..domains.get() key=|j| *j let:j>
                        <li>
                            <TextField
                                form
                                path=path(WebsiteField::Domain(j))
                                label=form.txn(Key::DomainN, move || j + 1)
                                inputmode="url"
                                placeholder="example.com"
                                required=true
                                remove=Remove {
                                    label: form.txn(Key::RemoveDomainN, move || j + 1),
                                    enabled: Signal::derive(move || domains.get() > 1),
                                    run: Callback::new(move |_| {
                                        form.wizard.remove_domain(i, j);
                                        focus_later(format!("#add-domain-{i}"));
                                    }),
                                }
                            />
                        </li>
                    </For>
                </ol>
                <button type="button" class="secondary" id=format!("add-domain-{i}") on:click=add_domain>
                    {move || t(lang.get(), Key::AddDomain)}
                </button>
            </div>
            <TextField form path=path(WebsiteField::Homepage) label=form.tx(Key::Homepage) hint=Key::HomepageHint input_type="url" inputmode="url" placeholder="https://www.example.com" required=true />
            <TextField form path=path(WebsiteField::DomainOwner) label=form.tx(Key::DomainOwner) hint=Key::DomainOwnerHint />
            <Categories form i />
            <Show when=move || form.wizard.kind.get() != FilingKind::NewFiling || !website_number.with(String::is_empty)>
                <TextField form path=path(WebsiteField::FilingNumber) label=form.tx(Key::WebsiteFilingNumber) />
            </Show>
            <fieldset class="group">
                <legend>{move || t(lang.get(), Key::WebsitePerson)}</legend>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("copy-person-{i}")
                    on:click=move |_| {
                        form.wizard.copy_person(i);
                    }
                >
                    {move || t(lang.get(), Key::CopyPerson)}
                </button>
                <PersonFields form at=Holder::Website(i) />
            </fieldset>
        </fieldset>
    }
}

/// Content categories → required permits (002 #41, 001 #8, 001 其它 #15).
#[component]
fn Categories(form: Form, i: usize) -> impl IntoView {
    let lang = form.lang;
    let findings = form.findings_where(FieldPath::website(i, WebsiteField::Whole), move |p| {
        use WebsiteField as W;
        matches!(p, FieldPath::Website(n, W::Whole | W::ContentCategories | W::ContentCategory(_) | W::BulletinBoard) if n == i)
    });
    let list_id = format!("findings-websites-{i}-content-categories");
    let described = format!("hint-categories-{i} {list_id}");
    view! {
        <fieldset class="group categories" aria-describedby=described>
            <legend>{move || t(lang.get(), Key::ContentCategories)}</legend>
            <p class="hint" id=format!("hint-categories-{i}")>{move || t(lang.get(), Key::ContentCategoriesHint)}</p>
            <div class="checks">
                {CATEGORIES
                    .into_iter()
                    .map(|(c, key)| {
                        let id = crate::targets::category_id(i, c);
                        let on = Memo::new(move |_| {
                            form.wizard.filing.with(|f| {
                                f.websites.get(i).is_some_and(|w| {
                                    w.content_categories.contains(&c)
                                        || (c == ContentCategory::BulletinBoard && w.bulletin_board)
                                })
                            })
                        });
                        view! {
                            <span class="check">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    prop:checked=move || on.get()
                                    on:change=move |ev| {
                                        let checked = event_target_checked(&ev);
                                        form.wizard.set_category(i, c, checked);
                                    }
                                />
                                <label for=id>{move || t(lang.get(), key)}</label>
                            </span>
                        }
                    })
                    .collect_view()}
            </div>
            <FindingList id=list_id findings lang on_apply=None />
            {CATEGORIES
                .into_iter()
                .filter(|(c, _)| checklist::permit(*c).is_some())
                .map(|(c, key)| {
                    let needed = move || {
                        form.wizard.filing.with(|f| crate::targets::has_permit_input(f, i, c))
                    };
                    view! {
                        <Show when=needed>
                            <PermitField form i c key />
                        </Show>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The permit number of one pre-approval category (002 #41).
#[component]
fn PermitField(form: Form, i: usize, c: ContentCategory, key: Key) -> impl IntoView {
    let lang = form.lang;
    // The entry of this category (added on first input).
    let index = Memo::new(move |_| {
        form.wizard
            .filing
            .with(|f| crate::targets::permit_index(f.websites.get(i), c))
    });
    let permit = checklist::permit(c);
    let label = Signal::derive(move || {
        let lang = lang.get();
        let name = permit
            .as_ref()
            .map_or("", |m| m.get(lang.tag()))
            .to_string();
        format!("{}（{}）{}", t(lang, key), name, t(lang, Key::PermitNumber))
    });
    view! {
        {move || {
            let j = index.get();
            view! {
                <TextField
                    form
                    path=FieldPath::website(i, WebsiteField::PreApproval(j, PreApprovalField::PermitNumber))
                    label
                    bind=Binding::new(
                        move |f| {
                            f.websites
                                .get(i)
                                .and_then(|w| w.pre_approvals.iter().find(|p| p.category == Some(c)))
                                .map(|p| p.permit_number.clone())
                                .unwrap_or_default()
                        },
                        move |f, v| {
                            if let Some(w) = f.websites.get_mut(i) {
                                match w.pre_approvals.iter_mut().find(|p| p.category == Some(c)) {
                                    Some(p) => p.permit_number = v,
                                    None => w.pre_approvals.push(PreApproval { category: Some(c), permit_number: v }),
                                }
                            }
                        },
                    )
                />
            }
        }}
    }
}
