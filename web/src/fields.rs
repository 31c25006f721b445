//! The form's building blocks: the shared state of the form ([`Form`]),
//! labelled inputs and selects bound to one field of the
//! [`Filing`](beian_rules::Filing) by its finding path, and the list of a
//! field's findings. No rule lives here: the findings come from
//! `beian-flow`/`beian-rules` and land under the input whose path they name.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use beian_flow::{step_of, Step};
use beian_rules::{FieldPath, Filing, Finding, Severity};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::draft::input_id;
use crate::i18n::{t, tn, Key, Lang};
use crate::model::Wizard;

/// The form's shared state (cheap to copy into every component).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Form {
    /// The wizard's state: the draft and the fields typed into.
    pub wizard: Wizard,
    /// The page's language.
    pub lang: RwSignal<Lang>,
    /// Steps whose "next" was pressed: all their findings show.
    pub checked: RwSignal<Vec<Step>>,
    /// "Check all" pressed (or the server answered): every finding shows.
    pub check_all: RwSignal<bool>,
    /// Every finding (local and the server's), by path.
    pub by_path: Memo<HashMap<String, Vec<Finding>>>,
}

impl Form {
    /// The text of `key`, following the language.
    pub fn tx(self, key: Key) -> Signal<String> {
        let lang = self.lang;
        Signal::derive(move || t(lang.get(), key).to_string())
    }

    /// The text of `key` with `{n}`, following the language.
    pub fn txn(self, key: Key, n: impl Fn() -> usize + Send + Sync + 'static) -> Signal<String> {
        let lang = self.lang;
        Signal::derive(move || tn(lang.get(), key, n()))
    }

    /// True when the findings at `path` are shown (tracked).
    pub fn shown(self, path: &str) -> bool {
        self.check_all.get()
            || self.checked.with(|c| c.contains(&step_of(path)))
            || self.wizard.touched.with(|t| t.contains(path))
    }

    /// Marks the field at `path` as typed into.
    pub fn touch(self, path: FieldPath) {
        self.wizard.touch(path);
    }

    /// Marks the filing password (no field of the filing) as typed into.
    pub fn touch_password(self) {
        self.wizard.touch_key(FILING_PASSWORD.to_string());
    }

    /// The shown findings at exactly `path`.
    pub fn findings_at(self, path: FieldPath) -> Memo<Vec<Finding>> {
        self.findings_at_key(path.to_string())
    }

    /// The shown findings about a cancellation's type and reason.
    pub fn cancellation_findings(self) -> Memo<Vec<Finding>> {
        self.findings_at_key(beian_flow::CANCELLATION_PATH.to_string())
    }

    /// The shown findings about the filing password.
    pub fn password_findings(self) -> Memo<Vec<Finding>> {
        self.findings_at_key(FILING_PASSWORD.to_string())
    }

    fn findings_at_key(self, path: String) -> Memo<Vec<Finding>> {
        Memo::new(move |_| {
            if !self.shown(&path) {
                return Vec::new();
            }
            self.by_path
                .with(|m| m.get(&path).cloned().unwrap_or_default())
        })
    }

    /// The shown findings (once `base` is shown) of the fields for which
    /// `wanted` holds (a group of checkboxes), in the order of their paths.
    pub fn findings_where(
        self,
        base: FieldPath,
        wanted: impl Fn(FieldPath) -> bool + Send + Sync + 'static,
    ) -> Memo<Vec<Finding>> {
        let base = base.to_string();
        Memo::new(move |_| {
            if !self.shown(&base) {
                return Vec::new();
            }
            self.by_path.with(|m| {
                let mut out: Vec<(String, Finding)> = m
                    .iter()
                    .filter(|(p, _)| p.parse().is_ok_and(&wanted))
                    .flat_map(|(p, fs)| fs.iter().map(move |f| (p.clone(), f.clone())))
                    .collect();
                out.sort_by(|a, b| a.0.cmp(&b.0));
                out.into_iter().map(|(_, f)| f).collect()
            })
        })
    }
}

/// The path of the flow's and the server's findings about the filing
/// password (not a field of the filing).
pub(crate) const FILING_PASSWORD: &str = beian_flow::FILING_PASSWORD_PATH;

/// Removes the paths of item `k` of the list at `list` from `paths` and
/// moves the later items' paths down by one (`/websites/2/name` →
/// `/websites/1/name` when website 1 goes); paths of no field stay.
pub(crate) fn forget_item(paths: &mut HashSet<String>, list: FieldPath, k: usize) {
    *paths = paths
        .drain()
        .filter_map(|p| match p.parse::<FieldPath>() {
            Ok(field) => field.after_removal(list, k).map(|n| n.to_string()),
            Err(_) => Some(p),
        })
        .collect();
}

/// How an input reads and writes its field: by default the text at its
/// path ([`Binding::text`]); enums, dates and entries found by their
/// category have their own.
#[derive(Clone)]
pub(crate) struct Binding {
    get: Arc<Getter>,
    set: Arc<Setter>,
}

type Getter = dyn Fn(&Filing) -> String + Send + Sync;
type Setter = dyn Fn(&mut Filing, String) + Send + Sync;

impl Binding {
    /// The text at `path`.
    pub fn text(path: FieldPath) -> Binding {
        Binding::new(
            move |f| path.text(f).unwrap_or_default().to_string(),
            move |f, v| {
                if let Some(t) = path.text_mut(f) {
                    *t = v;
                }
            },
        )
    }

    /// A reader and a writer of its own.
    pub fn new(
        get: impl Fn(&Filing) -> String + Send + Sync + 'static,
        set: impl Fn(&mut Filing, String) + Send + Sync + 'static,
    ) -> Binding {
        Binding {
            get: Arc::new(get),
            set: Arc::new(set),
        }
    }
}

/// A remove button beside an input of a list.
#[derive(Clone)]
pub(crate) struct Remove {
    /// Its accessible name ("Remove domain 2").
    pub label: Signal<String>,
    /// False for the last row, which cannot go.
    pub enabled: Signal<bool>,
    /// What it does.
    pub run: Callback<()>,
}

/// What a field's input shares with its label, hint and findings: the
/// ids, the value, the findings and the writer (which also marks the field
/// touched, so that its findings show).
struct Bound {
    id: String,
    list_id: String,
    hint_id: String,
    described: String,
    value: Memo<String>,
    findings: Memo<Vec<Finding>>,
    write: Callback<String>,
}

/// Binds the field at `path` of the form's filing (through `binding`, by
/// default its text); ids start with `prefix` (a second form of the page).
fn bind(form: Form, path: FieldPath, hint: bool, binding: Option<Binding>, prefix: &str) -> Bound {
    let Binding { get, set } = binding.unwrap_or_else(|| Binding::text(path));
    let key = path.to_string();
    let id = format!("{prefix}{}", input_id(&key));
    let list_id = format!("findings-{id}");
    let hint_id = format!("hint-{id}");
    let described = if hint {
        format!("{hint_id} {list_id}")
    } else {
        list_id.clone()
    };
    Bound {
        id,
        list_id,
        hint_id,
        described,
        value: Memo::new(move |_| form.wizard.filing.with(|f| get(f))),
        findings: form.findings_at_key(key.clone()),
        write: Callback::new(move |v: String| {
            form.wizard.filing.update(|f| set(f, v));
            form.wizard.touch_key(key.clone());
        }),
    }
}

/// A labelled one-line input bound to the field at `path`, with its hint
/// and findings; a finding's suggestion can be applied with one click.
#[component]
#[allow(clippy::too_many_arguments)]
pub(crate) fn TextField(
    form: Form,
    path: FieldPath,
    label: Signal<String>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] bind: Option<Binding>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] remove: Option<Remove>,
    #[prop(optional)] id_prefix: &'static str,
) -> impl IntoView {
    let Bound {
        id,
        list_id,
        hint_id,
        described,
        value,
        findings,
        write,
    } = self::bind(form, path, hint.is_some(), bind, id_prefix);
    let invalid = move || findings.with(|f| f.iter().any(Finding::is_error));
    let lang = form.lang;
    let input = view! {
        <input
            id=id.clone()
            type=input_type
            inputmode=inputmode
            placeholder=placeholder
            autocomplete=autocomplete
            autocapitalize="off"
            spellcheck="false"
            prop:value=move || value.get()
            aria-invalid=move || if invalid() { "true" } else { "false" }
            aria-describedby=described
            on:input=move |ev| write.run(event_target_value(&ev))
        />
    };
    let row = match remove {
        Some(r) => view! {
            <div class="row">
                {input}
                <button
                    type="button"
                    class="remove"
                    aria-label=move || r.label.get()
                    title=move || r.label.get()
                    disabled=move || !r.enabled.get()
                    on:click=move |_| r.run.run(())
                >
                    "×"
                </button>
            </div>
        }
        .into_any(),
        None => input.into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || t(lang.get(), h)}</p> })}
            {row}
            <FindingList id=list_id findings lang on_apply=Some(write) />
        </div>
    }
}

/// A labelled select bound to the field at `path`; `options` are
/// (value, text) pairs, after an empty "choose" option.
#[component]
#[allow(clippy::too_many_arguments)]
pub(crate) fn SelectField(
    form: Form,
    path: FieldPath,
    label: Signal<String>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] bind: Option<Binding>,
    #[prop(optional, into)] empty: Option<Signal<Key>>,
    #[prop(optional)] id_prefix: &'static str,
) -> impl IntoView {
    let Bound {
        id,
        list_id,
        hint_id,
        described,
        value,
        findings,
        write,
    } = self::bind(form, path, hint.is_some(), bind, id_prefix);
    let invalid = move || findings.with(|f| f.iter().any(Finding::is_error));
    let lang = form.lang;
    let empty = empty.unwrap_or(Signal::stored(Key::Choose));
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || t(lang.get(), h)}</p> })}
            <select
                id=id
                prop:value=move || value.get()
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=described
                on:change=move |ev| write.run(event_target_value(&ev))
            >
                <option value="" selected=move || value.with(String::is_empty)>
                    {move || t(lang.get(), empty.get())}
                </option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = {
                                let v = v.clone();
                                move || value.with(|cur| *cur == v)
                            };
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FindingList id=list_id findings lang on_apply=Some(write) />
        </div>
    }
}

/// A button with a text following the language; while `busy` it is
/// disabled and says so (one component for many buttons: a smaller page).
#[component]
pub(crate) fn Button(
    #[prop(into)] id: String,
    class: &'static str,
    label: Signal<String>,
    #[prop(optional)] busy: Option<Signal<bool>>,
    on_click: Callback<()>,
) -> impl IntoView {
    let busy = move || busy.is_some_and(|b| b.get());
    view! {
        <button
            type="button"
            id=id
            class=class
            disabled=busy
            aria-busy=move || if busy() { "true" } else { "false" }
            on:click=move |_| on_click.run(())
        >
            {label}
        </button>
    }
}

/// The findings of one field (an empty list when there are none, so that
/// `aria-describedby` always points at something). With `on_apply`, a
/// finding's suggestion gets a button that writes it into the field.
#[component]
pub(crate) fn FindingList(
    #[prop(into)] id: Signal<String>,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    lang: RwSignal<Lang>,
    on_apply: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <ul id=move || id.get() class="findings" aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| finding_view(f, lang, on_apply))
                    .collect_view()
            }}
        </ul>
    }
}

/// One finding: severity, message, MIIT code, and its suggestion.
pub(crate) fn finding_view(
    f: Finding,
    lang: RwSignal<Lang>,
    on_apply: Option<Callback<String>>,
) -> impl IntoView {
    let (class, severity) = match f.severity {
        Severity::Error => ("finding error", Key::Error),
        Severity::Warning => ("finding warning", Key::Warning),
        Severity::Info => ("finding info", Key::Info),
    };
    let message = f.message;
    let code = f.code.clone().map(|code| {
        view! { <span class="code">{move || t(lang.get(), Key::Code)} " " {code}</span> }
    });
    let suggestion = f.suggestion.zip(on_apply).map(|(s, on_apply)| {
        let value = s.clone();
        view! {
            <button
                type="button"
                class="apply-suggestion"
                on:click=move |_| on_apply.run(value.clone())
            >
                {move || t(lang.get(), Key::ApplySuggestion)}
                " "
                <code>{s}</code>
            </button>
        }
    });
    let severity_name = format!("{:?}", f.severity).to_lowercase();
    view! {
        <li class=class data-rule=f.rule data-code=f.code data-severity=severity_name>
            <p>
                <span class="severity">{move || t(lang.get(), severity)}</span>
                " "
                <span class="message">{move || message.get(lang.get().tag()).to_string()}</span>
                " "
                {code}
            </p>
            {suggestion}
        </li>
    }
}

/// The value of an enum as serde writes it (`resident_id`).
pub(crate) fn slug<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The enum value written as `slug` by serde.
pub(crate) fn from_slug<T: serde::de::DeserializeOwned>(slug: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(slug.to_string())).ok()
}

/// The paths of every non-empty text and every list item in `filing`: the
/// fields of a restored or imported draft count as typed into.
pub(crate) fn filled_paths(filing: &Filing) -> HashSet<String> {
    fn walk(v: &serde_json::Value, path: &mut String, out: &mut HashSet<String>) {
        match v {
            serde_json::Value::String(s) if !s.is_empty() => {
                out.insert(path.clone());
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("/{i}"));
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    let len = path.len();
                    path.push('/');
                    path.push_str(k);
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = HashSet::new();
    if let Ok(v) = serde_json::to_value(filing) {
        walk(&v, &mut String::new(), &mut out);
    }
    out
}

/// Focuses the first element matching one of `selectors` (tried in order,
/// among the wizard's own elements: `crate::root`) once the DOM is updated.
pub(crate) fn focus_first(selectors: Vec<String>) {
    request_animation_frame(move || {
        for selector in selectors {
            if let Some(el) = crate::root::query(&selector) {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                    return;
                }
            }
        }
    });
}

/// Focuses the first element matching `selector` once the DOM is updated.
pub(crate) fn focus_later(selector: String) {
    focus_first(vec![selector]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn removing_an_item_moves_the_later_paths_down() {
        let mut paths: HashSet<String> = [
            "/subject/name",
            "/websites/0/name",
            "/websites/1/name",
            "/websites/2/domains/0",
            "/websites/2",
            "/filingPassword",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        forget_item(&mut paths, FieldPath::Websites, 1);
        let mut got: Vec<&str> = paths.iter().map(String::as_str).collect();
        got.sort_unstable();
        assert_eq!(
            got,
            [
                "/filingPassword",
                "/subject/name",
                "/websites/0/name",
                "/websites/1",
                "/websites/1/domains/0"
            ]
        );
    }

    #[wasm_bindgen_test]
    fn the_filled_fields_of_a_filing_count_as_touched() {
        let mut filing = Filing::default();
        filing.subject.name = "张三".into();
        filing.websites.push(beian_rules::Website {
            domains: vec![String::new(), "example.com".into()],
            ..beian_rules::Website::default()
        });
        let paths = filled_paths(&filing);
        assert!(paths.contains("/subject/name"));
        assert!(paths.contains("/websites/0/domains/1"));
        assert!(!paths.contains("/websites/0/domains/0"));
        assert!(!paths.contains("/subject/address"));
    }

    #[wasm_bindgen_test]
    fn enums_round_trip_through_their_slugs() {
        assert_eq!(
            slug(beian_rules::SubjectType::PublicInstitution),
            "public_institution"
        );
        assert_eq!(
            from_slug::<beian_rules::DocumentType>("unified_social_credit_code"),
            Some(beian_rules::DocumentType::UnifiedSocialCreditCode)
        );
        assert_eq!(from_slug::<beian_rules::DocumentType>("nope"), None);
    }
}
