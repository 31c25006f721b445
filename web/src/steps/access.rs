//! The access step: every website's access entries (provider, method,
//! server location, IPs).

use beian_rules::division;
use beian_rules::path::{AccessField, FieldPath, WebsiteField};
use beian_rules::{AccessMethod, ABROAD};
use leptos::prelude::*;

use super::division_options;
use crate::draft::input_id;
use crate::fields::{focus_later, Binding, FindingList, Form, Remove, SelectField, TextField};
use crate::i18n::{t, tn, Key};

pub(crate) const METHODS: [(AccessMethod, Key); 4] = [
    (AccessMethod::Cloud, Key::MethodCloud),
    (AccessMethod::VirtualHost, Key::MethodVirtualHost),
    (AccessMethod::Colocation, Key::MethodColocation),
    (AccessMethod::Dedicated, Key::MethodDedicated),
];

/// The access step's form: every website's access entries (provider,
/// method, server location, IPs; 003 #10, 002 #12).
#[component]
pub(crate) fn AccessForm(form: Form) -> impl IntoView {
    let count = Memo::new(move |_| form.wizard.filing.with(|f| f.websites.len()));
    view! {
        <For each=move || 0..count.get() key=|i| *i let:i>
            <WebsiteAccess form i />
        </For>
    }
}

#[component]
fn WebsiteAccess(form: Form, i: usize) -> impl IntoView {
    let lang = form.lang;
    let entries = Memo::new(move |_| {
        form.wizard
            .filing
            .with(|f| f.websites.get(i).map_or(0, |w| w.access.len()))
    });
    let title = Memo::new(move |_| {
        form.wizard.filing.with(|f| {
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
        let j = form.wizard.add_access(i);
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
        form.wizard.filing.with(|f| {
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
            .map(|(v, k)| (v.name().to_string(), t(lang, *k).to_string()))
            .collect::<Vec<_>>()
    });
    // The method is an enum: read and written by its name.
    let method = Binding::new(
        move |f| {
            f.websites
                .get(i)
                .and_then(|w| w.access.get(j))
                .and_then(|a| a.method)
                .map_or("", AccessMethod::name)
                .to_string()
        },
        move |f, v| {
            if let Some(a) = f.websites.get_mut(i).and_then(|w| w.access.get_mut(j)) {
                a.method = v.parse().ok();
            }
        },
    );
    let locations = Signal::derive(move || {
        let lang = lang.get();
        let mut out = division_options(division::provinces());
        out.push((ABROAD.to_string(), t(lang, Key::Abroad).to_string()));
        out
    });
    let remove = move |_| {
        form.wizard.remove_access(i, j);
        focus_later(format!("#add-access-{i}"));
    };
    let add_ip = move |_| {
        let k = form.wizard.add_ip(i, j);
        focus_later(format!(
            "#{}",
            input_id(&path(AccessField::Ip(k)).to_string())
        ));
    };
    // A website keeps one access entry (its fields say what is missing),
    // except when access is being cancelled.
    let only = Memo::new(move |_| {
        form.wizard.kind.get() != beian_flow::FilingKind::CancelAccess
            && form
                .wizard
                .filing
                .with(|f| f.websites.get(i).map_or(0, |w| w.access.len()))
                <= 1
    });
    let heading_id = format!("access-{i}-{j}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <fieldset class="group access" aria-labelledby=labelled_by>
            <div class="card-head">
                <h4 id=heading_id>{move || tn(lang.get(), Key::AccessN, j + 1)}</h4>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("remove-access-{i}-{j}")
                    disabled=move || only.get()
                    on:click=remove
                >
                    {move || tn(lang.get(), Key::RemoveAccessN, j + 1)}
                </button>
            </div>
            <TextField form path=path(AccessField::Provider) label=form.tx(Key::Provider) required=true />
            <SelectField form path=path(AccessField::Method) label=form.tx(Key::Method) options=methods bind=method required=true />
            <SelectField form path=path(AccessField::ServerLocation) label=form.tx(Key::ServerLocation) options=locations required=true />
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
                                required=true
                                remove=Remove {
                                    label: form.txn(Key::RemoveIpN, move || k + 1),
                                    enabled: Signal::derive(move || ips.get() > 1),
                                    run: Callback::new(move |_| {
                                        form.wizard.remove_ip(i, j, k);
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
