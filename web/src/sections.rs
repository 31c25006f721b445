//! The forms of the steps: subject, websites, access, documents. Each
//! input is bound to its field of the filing by the finding path.

use beian_rules::checklist::{self, ChecklistItem};
use beian_rules::division::{self, Division, Level};
use beian_rules::path::{
    AccessField, AttachmentField, FieldPath, Holder, PersonField, PreApprovalField, SubjectField,
    WebsiteField,
};
use beian_rules::{
    document, Access, Attachment, AttachmentKind, ContentCategory, Date, DocumentType, PreApproval,
    ResponsiblePersonRole, SubjectType, ABROAD,
};
use leptos::prelude::*;

use crate::draft::{empty_website, input_id};
use crate::fields::{
    focus_later, from_slug, slug, Binding, FindingList, Form, Remove, SelectField, TextField,
};
use crate::i18n::{t, tn, Key, Lang};
use crate::initials;

const SUBJECT_TYPES: [(SubjectType, Key); 9] = [
    (SubjectType::Individual, Key::StIndividual),
    (SubjectType::Enterprise, Key::StEnterprise),
    (SubjectType::Government, Key::StGovernment),
    (SubjectType::PublicInstitution, Key::StPublicInstitution),
    (SubjectType::SocialOrganization, Key::StSocialOrganization),
    (
        SubjectType::PrivateNonEnterprise,
        Key::StPrivateNonEnterprise,
    ),
    (SubjectType::Foundation, Key::StFoundation),
    (SubjectType::LawFirm, Key::StLawFirm),
    (SubjectType::Other, Key::StOther),
];

fn document_key(d: DocumentType) -> Key {
    match d {
        DocumentType::ResidentId => Key::DtResidentId,
        DocumentType::Passport => Key::DtPassport,
        DocumentType::HkMacauTravelPermit => Key::DtHkMacauTravelPermit,
        DocumentType::TaiwanTravelPermit => Key::DtTaiwanTravelPermit,
        DocumentType::HkMacauTaiwanResidencePermit => Key::DtHkMacauTaiwanResidencePermit,
        DocumentType::ForeignPermanentResidenceId => Key::DtForeignPermanentResidenceId,
        DocumentType::UnifiedSocialCreditCode => Key::DtUnifiedSocialCreditCode,
        DocumentType::OrganizationCode => Key::DtOrganizationCode,
        DocumentType::BusinessRegistrationNumber => Key::DtBusinessRegistrationNumber,
        DocumentType::Other => Key::DtOther,
    }
}

const CATEGORIES: [(ContentCategory, Key); 12] = [
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

const METHODS: [(&str, Key); 4] = [
    ("cloud", Key::MethodCloud),
    ("virtual_host", Key::MethodVirtualHost),
    ("colocation", Key::MethodColocation),
    ("dedicated", Key::MethodDedicated),
];

fn options_of<T: Copy + serde::Serialize + Send + Sync + 'static>(
    lang: RwSignal<Lang>,
    items: impl Fn() -> Vec<(T, Key)> + Send + Sync + 'static,
) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let lang = lang.get();
        items()
            .into_iter()
            .map(|(v, k)| (slug(v), t(lang, k).to_string()))
            .collect()
    })
}

fn division_options(list: Vec<&'static Division>) -> Vec<(String, String)> {
    list.into_iter()
        .map(|d| (format!("{:06}", d.code), d.name.to_string()))
        .collect()
}

fn code(s: &str) -> Option<u32> {
    let s = s.trim();
    (s.len() == 6).then(|| s.parse().ok()).flatten()
}

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
        <TextField form path=path(PersonField::Name) label=form.tx(Key::PersonName) autocomplete="name" />
        <SelectField
            form
            path=path(PersonField::DocumentType)
            label=form.tx(Key::PersonDocumentType)
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
        <TextField form path=path(PersonField::DocumentNumber) label=form.tx(Key::PersonDocumentNumber) />
        <TextField form path=path(PersonField::Mobile) label=form.tx(Key::Mobile) input_type="tel" inputmode="tel" autocomplete="tel" />
        <TextField form path=path(PersonField::Phone) label=form.tx(Key::Phone) input_type="tel" inputmode="tel" />
        <TextField form path=path(PersonField::Email) label=form.tx(Key::Email) input_type="email" inputmode="email" autocomplete="email" />
    }
}

/// The subject step's form: type, document, name, place, address,
/// responsible person (004 3; 002 #6, #9, #27).
#[component]
pub(crate) fn SubjectForm(form: Form) -> impl IntoView {
    let lang = form.lang;
    let subject_type = Memo::new(move |_| form.filing.with(|f| f.subject.subject_type));
    let path = FieldPath::subject;
    let province = Memo::new(move |_| form.filing.with(|f| f.subject.province.clone()));
    let city = Memo::new(move |_| form.filing.with(|f| f.subject.city.clone()));
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
    let commercial = Memo::new(move |_| form.filing.with(|f| f.subject.commercial));
    view! {
        <SelectField
            form
            path=path(SubjectField::SubjectType)
            label=form.tx(Key::SubjectType)
            options=types
            bind=Binding::new(
                |f| slug(f.subject.subject_type),
                |f, v| {
                    if let Some(st) = from_slug::<SubjectType>(&v) {
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
        <TextField form path=path(SubjectField::DocumentNumber) label=form.tx(Key::DocumentNumber) hint=Key::DocumentNumberHint />
        <TextField form path=path(SubjectField::Name) label=form.tx(Key::SubjectName) hint=Key::SubjectNameHint autocomplete="organization" />
        <fieldset class="group" aria-describedby="hint-place">
            <legend>{move || t(lang.get(), Key::Place)}</legend>
            <p class="hint" id="hint-place">{move || t(lang.get(), Key::DivisionHint)}</p>
            <DivisionSearch form />
            <SelectField
                form
                path=path(SubjectField::Province)
                label=form.tx(Key::Province)
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
                options=counties
            />
        </fieldset>
        <TextField form path=path(SubjectField::Address) label=form.tx(Key::Address) hint=Key::AddressHint autocomplete="street-address" />
        <div class="field check">
            <input
                type="checkbox"
                id="subject-commercial"
                prop:checked=move || commercial.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    form.filing.update(|f| f.subject.commercial = on);
                    form.touch(path(SubjectField::Commercial));
                }
                aria-describedby="findings-subject-commercial"
            />
            <label for="subject-commercial">{move || t(lang.get(), Key::Commercial)}</label>
            <FindingList id="findings-subject-commercial".to_string() findings=form.findings_at(path(SubjectField::Commercial)) lang on_apply=None />
        </div>
        <Show when=move || commercial.get()>
            <TextField form path=path(SubjectField::LicenceNumber) label=form.tx(Key::LicenceNumber) hint=Key::LicenceNumberHint />
        </Show>
        <fieldset class="group">
            <legend>{move || t(lang.get(), Key::SubjectPerson)}</legend>
            <Show when=organisation>
                <SelectField
                    form
                    path=path(SubjectField::ResponsiblePersonRole)
                    label=form.tx(Key::PersonRole)
                    hint=Key::PersonRoleHint
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
            />
            <ul id="division-results" class="results" aria-label=move || t(lang.get(), Key::DivisionResults)>
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
                                            form.filing.update(|f| {
                                                f.subject.province = fmt(p);
                                                f.subject.city = fmt(c);
                                                f.subject.county = fmt(k);
                                            });
                                            for field in [SubjectField::Province, SubjectField::City, SubjectField::County] {
                                                form.touch(FieldPath::subject(field));
                                            }
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

/// The websites step's form: every website of the subject (003 #4).
#[component]
pub(crate) fn WebsitesForm(form: Form, access_default: Access) -> impl IntoView {
    let lang = form.lang;
    let count = Memo::new(move |_| form.filing.with(|f| f.websites.len()));
    let access_default = StoredValue::new(access_default);
    let add = move |_| {
        let mut website = empty_website();
        website.access = vec![access_default.get_value()];
        form.filing.update(|f| f.websites.push(website));
        let i = count.get_untracked() - 1;
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
        form.filing
            .with(|f| f.websites.get(i).map_or(0, |w| w.domains.len()))
    });
    let add_domain = move |_| {
        form.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                w.domains.push(String::new());
            }
        });
        let j = domains.get_untracked().saturating_sub(1);
        focus_later(format!(
            "#{}",
            input_id(&path(WebsiteField::Domain(j)).to_string())
        ));
    };
    let remove_website = move |_| {
        form.filing.update(|f| {
            if f.websites.len() > 1 && i < f.websites.len() {
                f.websites.remove(i);
            }
        });
        form.forget_item(FieldPath::Websites, i);
        focus_later("#add-website".to_string());
    };
    let subject_type = Memo::new(move |_| form.filing.with(|f| f.subject.subject_type));
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
            <TextField form path=path(WebsiteField::Name) label=form.tx(Key::WebsiteName) hint=Key::WebsiteNameHint />
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
                                remove=Remove {
                                    label: form.txn(Key::RemoveDomainN, move || j + 1),
                                    enabled: Signal::derive(move || domains.get() > 1),
                                    run: Callback::new(move |_| {
                                        form.filing.update(|f| {
                                            if let Some(w) = f.websites.get_mut(i) {
                                                if w.domains.len() > 1 && j < w.domains.len() {
                                                    w.domains.remove(j);
                                                }
                                            }
                                        });
                                        form.forget_item(path(WebsiteField::Domains), j);
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
            <TextField form path=path(WebsiteField::Homepage) label=form.tx(Key::Homepage) hint=Key::HomepageHint input_type="url" inputmode="url" placeholder="https://www.example.com" />
            <TextField form path=path(WebsiteField::DomainOwner) label=form.tx(Key::DomainOwner) hint=Key::DomainOwnerHint />
            <Categories form i subject_type />
            <fieldset class="group">
                <legend>{move || t(lang.get(), Key::WebsitePerson)}</legend>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("copy-person-{i}")
                    on:click=move |_| {
                        form.filing.update(|f| {
                            let p = f.subject.responsible_person.clone();
                            if let Some(w) = f.websites.get_mut(i) {
                                w.responsible_person = p;
                            }
                        });
                        for field in PersonField::ALL {
                            form.touch(Holder::Website(i).person(field));
                        }
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
fn Categories(form: Form, i: usize, subject_type: Memo<SubjectType>) -> impl IntoView {
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
                        let id = format!("websites-{i}-category-{}", slug(c));
                        let on = Memo::new(move |_| {
                            form.filing.with(|f| {
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
                                        form.filing.update(|f| {
                                            if let Some(w) = f.websites.get_mut(i) {
                                                w.content_categories.retain(|x| *x != c);
                                                if c == ContentCategory::BulletinBoard {
                                                    w.bulletin_board = false;
                                                }
                                                if checked {
                                                    w.content_categories.push(c);
                                                } else {
                                                    w.pre_approvals.retain(|p| p.category != Some(c));
                                                }
                                            }
                                        });
                                        form.touch(FieldPath::website(i, WebsiteField::ContentCategories));
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
                .filter(|(c, _)| checklist::permit(*c).is_some() && *c != ContentCategory::BulletinBoard)
                .map(|(c, key)| {
                    let needed = move || {
                        form.filing.with(|f| {
                            f.websites.get(i).is_some_and(|w| w.content_categories.contains(&c))
                        }) && checklist::needs_pre_approval(c, subject_type.get())
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
        form.filing.with(|f| {
            f.websites.get(i).map_or(0, |w| {
                w.pre_approvals
                    .iter()
                    .position(|p| p.category == Some(c))
                    .unwrap_or(w.pre_approvals.len())
            })
        })
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

/// The access step's form: every website's access entries (provider,
/// method, server location, IPs; 003 #10, 002 #12).
#[component]
pub(crate) fn AccessForm(form: Form, access_default: Access) -> impl IntoView {
    let count = Memo::new(move |_| form.filing.with(|f| f.websites.len()));
    let access_default = StoredValue::new(access_default);
    view! {
        <For each=move || 0..count.get() key=|i| *i let:i>
            <WebsiteAccess form i access_default />
        </For>
    }
}

#[component]
fn WebsiteAccess(form: Form, i: usize, access_default: StoredValue<Access>) -> impl IntoView {
    let lang = form.lang;
    let entries = Memo::new(move |_| {
        form.filing
            .with(|f| f.websites.get(i).map_or(0, |w| w.access.len()))
    });
    let title = Memo::new(move |_| {
        form.filing.with(|f| {
            f.websites
                .get(i)
                .map(|w| {
                    let name = w.name.trim();
                    if name.is_empty() {
                        w.domains.first().cloned().unwrap_or_default()
                    } else {
                        name.to_string()
                    }
                })
                .unwrap_or_default()
        })
    });
    let add = move |_| {
        let entry = access_default.get_value();
        form.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                w.access.push(entry);
            }
        });
        let j = entries.get_untracked().saturating_sub(1);
        focus_later(format!(
            "#{}",
            input_id(&FieldPath::access(i, j, AccessField::Provider).to_string())
        ));
    };
    let heading_id = format!("access-website-{i}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="website" aria-labelledby=labelled_by>
            <h3 id=heading_id>
                {move || tn(lang.get(), Key::WebsiteN, i + 1)}
                {move || {
                    let t = title.get();
                    if t.is_empty() { String::new() } else { format!(" · {t}") }
                }}
            </h3>
            <FindingList id=format!("findings-websites-{i}-access") findings=form.findings_at(FieldPath::website(i, WebsiteField::Access)) lang on_apply=None />
            <For each=move || 0..entries.get() key=|j| *j let:j>
                <AccessEntry form i j />
            </For>
            <button type="button" class="secondary" id=format!("add-access-{i}") on:click=add>
                {move || t(lang.get(), Key::AddAccess)}
            </button>
        </section>
    }
}

#[component]
fn AccessEntry(form: Form, i: usize, j: usize) -> impl IntoView {
    let lang = form.lang;
    let path = move |f| FieldPath::access(i, j, f);
    let ips = Memo::new(move |_| {
        form.filing.with(|f| {
            f.websites
                .get(i)
                .and_then(|w| w.access.get(j))
                .map_or(0, |a| a.ips.len())
        })
    });
    let methods = Signal::derive(move || {
        let lang = lang.get();
        METHODS
            .iter()
            .map(|(v, k)| (v.to_string(), t(lang, *k).to_string()))
            .collect::<Vec<_>>()
    });
    let locations = Signal::derive(move || {
        let lang = lang.get();
        let mut out = division_options(division::provinces());
        out.push((ABROAD.to_string(), t(lang, Key::Abroad).to_string()));
        out
    });
    let remove = move |_| {
        form.filing.update(|f| {
            if let Some(w) = f.websites.get_mut(i) {
                if j < w.access.len() {
                    w.access.remove(j);
                }
            }
        });
        form.forget_item(FieldPath::website(i, WebsiteField::Access), j);
        focus_later(format!("#add-access-{i}"));
    };
    let add_ip = move |_| {
        form.filing.update(|f| {
            if let Some(a) = f.websites.get_mut(i).and_then(|w| w.access.get_mut(j)) {
                a.ips.push(String::new());
            }
        });
        let k = ips.get_untracked().saturating_sub(1);
        focus_later(format!(
            "#{}",
            input_id(&path(AccessField::Ip(k)).to_string())
        ));
    };
    let heading_id = format!("access-{i}-{j}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <fieldset class="group access" aria-labelledby=labelled_by>
            <div class="card-head">
                <h4 id=heading_id>{move || tn(lang.get(), Key::AccessN, j + 1)}</h4>
                <button type="button" class="secondary small" id=format!("remove-access-{i}-{j}") on:click=remove>
                    {move || tn(lang.get(), Key::RemoveAccessN, j + 1)}
                </button>
            </div>
            <TextField form path=path(AccessField::Provider) label=form.tx(Key::Provider) />
            <SelectField form path=path(AccessField::Method) label=form.tx(Key::Method) options=methods />
            <SelectField form path=path(AccessField::ServerLocation) label=form.tx(Key::ServerLocation) options=locations />
            <div class="field" role="group" aria-labelledby=format!("ips-{i}-{j}-label") aria-describedby=format!("hint-ips-{i}-{j}")>
                <span class="label" id=format!("ips-{i}-{j}-label")>{move || t(lang.get(), Key::Ips)}</span>
                <p class="hint" id=format!("hint-ips-{i}-{j}")>{move || t(lang.get(), Key::IpsHint)}</p>
                <FindingList id=format!("findings-websites-{i}-access-{j}-ips") findings=form.findings_at(path(AccessField::Ips)) lang on_apply=None />
                <ol class="rows">
                    <For each=move || 0..ips.get() key=|k| *k let:k>
                        <li>
                            <TextField
                                form
                                path=path(AccessField::Ip(k))
                                label=form.txn(Key::IpN, move || k + 1)
                                inputmode="decimal"
                                placeholder="203.0.113.10"
                                remove=Remove {
                                    label: form.txn(Key::RemoveIpN, move || k + 1),
                                    enabled: Signal::derive(move || ips.get() > 1),
                                    run: Callback::new(move |_| {
                                        form.filing.update(|f| {
                                            if let Some(a) = f.websites.get_mut(i).and_then(|w| w.access.get_mut(j)) {
                                                if a.ips.len() > 1 && k < a.ips.len() {
                                                    a.ips.remove(k);
                                                }
                                            }
                                        });
                                        form.forget_item(path(AccessField::Ips), k);
                                        focus_later(format!("#add-ip-{i}-{j}"));
                                    }),
                                }
                            />
                        </li>
                    </For>
                </ol>
                <button type="button" class="secondary" id=format!("add-ip-{i}-{j}") on:click=add_ip>
                    {move || t(lang.get(), Key::AddIp)}
                </button>
            </div>
        </fieldset>
    }
}

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
    let id = format!("{}-{}", input_id(&place), slug(kind));
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
        form.filing.with(|f| {
            at.documents_in(f)
                .and_then(|d| d.iter().position(|a| a.kind == Some(kind)))
        })
    });
    let toggle = move |on: bool| {
        form.filing.update(|f| {
            if let Some(d) = at.documents_in_mut(f) {
                d.retain(|a| a.kind != Some(kind));
                if on {
                    d.push(Attachment {
                        kind: Some(kind),
                        date: None,
                    });
                }
            }
        });
        form.touch(at.documents());
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
