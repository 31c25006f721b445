//! The batch check (issue 9): a provider's whole import spreadsheet (XLSX,
//! CSV in UTF-8 or GBK, JSON filings) checked in the browser, never
//! uploaded. The checking code is the npm package's `beian/batch` entry
//! (crates/beian-wasm, feature `batch`; the package `beian-batch` in
//! pkg/batch/), loaded from `/pkg/batch/dist/batch.js` only when a file is
//! chosen, so that the wizard's own wasm does not grow.
//! Subjects are checked a few hundred at a time, yielding to the event loop
//! between chunks, with a progress bar.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{t, Key, Lang};

/// Where `beian serve` serves the npm package's batch entry (the browsers'
/// file of `beian-batch`: `beian/batch` re-exports it by its package name,
/// which a page without an import map cannot resolve).
const MODULE: &str = "/pkg/batch/dist/batch.js";
/// Findings shown in the table (all of them are in the CSV download).
const SHOWN: usize = 2000;
/// Subjects checked between two yields to the event loop.
const CHUNK: u32 = 250;

#[wasm_bindgen(inline_js = r#"
let loaded = null;
export function batchLoad(url) {
  if (!loaded) loaded = import(url).catch((e) => { loaded = null; throw e; });
  return loaded;
}
export function batchCall(target, name, args) { return target[name](...args); }
export function batchGet(target, name) { return target[name]; }
export function batchYield() { return new Promise((resolve) => setTimeout(resolve, 0)); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = batchLoad)]
    fn batch_load(url: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = batchCall, catch)]
    fn batch_call(target: &JsValue, name: &str, args: js_sys::Array) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = batchGet)]
    fn batch_get(target: &JsValue, name: &str) -> JsValue;
    #[wasm_bindgen(js_name = batchYield)]
    fn batch_yield() -> js_sys::Promise;
}

/// The message of a thrown error: the Chinese one (`zh`) or `message`.
fn error_text(e: &JsValue, lang: Lang) -> String {
    let zh = batch_get(e, "zh").as_string();
    let en = batch_get(e, "message").as_string();
    match lang {
        Lang::En => en.or(zh),
        _ => zh.or(en),
    }
    .unwrap_or_else(|| format!("{e:?}"))
}

fn to_value(js: &JsValue) -> Value {
    js_sys::JSON::stringify(js)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null)
}

/// Offers `bytes` as a download named `name`.
fn download(bytes: &[u8], name: &str, mime: &str) {
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &props) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn field<'a>(f: &'a Value, key: &str) -> &'a str {
    f.get(key).and_then(Value::as_str).unwrap_or("")
}

fn row_text(f: &Value) -> String {
    f.get("row")
        .and_then(Value::as_u64)
        .map_or_else(String::new, |r| r.to_string())
}

fn message(f: &Value, lang: Lang) -> String {
    let m = f.get("message");
    let key = if lang == Lang::En { "en" } else { "zh-CN" };
    m.and_then(|m| m.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn matches(f: &Value, query: &str, severity: &str, lang: Lang) -> bool {
    (severity.is_empty() || field(f, "severity") == severity)
        && (query.is_empty() || {
            let q = query.to_lowercase();
            [
                field(f, "code"),
                field(f, "rule"),
                field(f, "field"),
                field(f, "header"),
                field(f, "column"),
                &message(f, lang),
                &row_text(f),
            ]
            .iter()
            .any(|s| s.to_lowercase().contains(&q))
        })
}

/// The findings as CSV (UTF-8 with BOM, for Excel).
fn findings_csv(findings: &[Value], lang: Lang) -> String {
    let mut out = String::from(
        "\u{feff}row,column,field,header,severity,code,rule,message,suggestion,value\r\n",
    );
    for f in findings {
        let cells = [
            row_text(f),
            field(f, "column").to_string(),
            field(f, "field").to_string(),
            field(f, "header").to_string(),
            field(f, "severity").to_string(),
            field(f, "code").to_string(),
            field(f, "rule").to_string(),
            message(f, lang),
            field(f, "suggestion").to_string(),
            field(f, "value").to_string(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

async fn load() -> Result<JsValue, JsValue> {
    JsFuture::from(batch_load(MODULE)).await
}

/// Reads and checks `file`, updating `progress` between chunks.
async fn run(
    file: web_sys::File,
    encoding: String,
    progress: RwSignal<Option<(u32, u32)>>,
) -> Result<Value, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let module = load().await?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"encoding".into(), &encoding.into())?;
    let job = batch_call(&module, "openBatch", js_sys::Array::of2(&bytes, &options))?;
    let total = batch_get(&job, "subjects").as_f64().unwrap_or(0.0) as u32;
    progress.set(Some((0, total)));
    loop {
        let done = batch_call(&job, "step", js_sys::Array::of1(&CHUNK.into()))?;
        let checked = batch_get(&job, "checked").as_f64().unwrap_or(0.0) as u32;
        progress.set(Some((checked, total)));
        // Let the page paint the bar and stay responsive.
        JsFuture::from(batch_yield()).await?;
        if done.as_bool().unwrap_or(true) {
            break;
        }
    }
    let report = batch_call(&job, "report", js_sys::Array::new())?;
    Ok(to_value(&report))
}

/// The batch check section.
#[component]
pub fn BatchPage(lang: RwSignal<Lang>) -> impl IntoView {
    let progress: RwSignal<Option<(u32, u32)>> = RwSignal::new(None);
    let report: RwSignal<Option<Value>> = RwSignal::new(None);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let encoding = RwSignal::new("auto".to_string());
    let query = RwSignal::new(String::new());
    let severity = RwSignal::new(String::new());
    let busy = RwSignal::new(false);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = event_target::<web_sys::HtmlInputElement>(&ev)
            .files()
            .and_then(|files| files.get(0))
        else {
            return;
        };
        report.set(None);
        failure.set(None);
        busy.set(true);
        let enc = encoding.get_untracked();
        leptos::task::spawn_local(async move {
            match run(file, enc, progress).await {
                Ok(r) => report.set(Some(r)),
                Err(e) => failure.set(Some(error_text(&e, lang.get_untracked()))),
            }
            busy.set(false);
        });
    };

    let template = move |format: &'static str| {
        leptos::task::spawn_local(async move {
            let result = match load().await {
                Ok(module) => {
                    batch_call(&module, "batchTemplate", js_sys::Array::of1(&format.into()))
                }
                Err(e) => Err(e),
            };
            match result {
                Ok(bytes) => {
                    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
                    let mime = if format == "xlsx" {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    } else {
                        "text/csv"
                    };
                    download(&bytes, &format!("beian-batch-template.{format}"), mime);
                }
                Err(e) => failure.set(Some(error_text(&e, lang.get_untracked()))),
            }
        });
    };

    let filtered = move || -> Vec<Value> {
        let l = lang.get();
        let q = query.get();
        let s = severity.get();
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.get("findings"))
                .and_then(Value::as_array)
                .map(|all| {
                    all.iter()
                        .filter(|f| matches(f, &q, &s, l))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        })
    };

    let summary = move || {
        let l = lang.get();
        report.get().map(|r| {
            let n = |k: &str| r.get(k).and_then(Value::as_u64).unwrap_or(0);
            let codes: Vec<String> = r
                .get("byCode")
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(c, n)| format!("{c} × {n}")).collect())
                .unwrap_or_default();
            view! {
                <div id="batch-summary" class="batch-summary">
                    <p>
                        <span id="batch-rows">{n("rows")}</span> " " {t(l, Key::BatchRowsCount)}
                        <span id="batch-rows-ok" class="ok">{n("rowsOk")}</span> " " {t(l, Key::BatchRowsOk)}
                        <span id="batch-rows-errors" class="error">{n("rowsWithErrors")}</span> " " {t(l, Key::BatchRowsWithErrors)}
                        {n("subjects")} " " {t(l, Key::BatchSubjectsCount)}
                    </p>
                    <p id="batch-codes">{t(l, Key::BatchByCode)} {codes.join(", ")}</p>
                </div>
            }
        })
    };

    view! {
        <section id="batch" class="batch">
            <h2>{move || t(lang.get(), Key::BatchHeading)}</h2>
            <p class="hint">
                {move || t(lang.get(), Key::BatchIntro)}
            </p>
            <p class="batch-templates">
                {move || t(lang.get(), Key::BatchTemplate)}
                <button type="button" class="secondary" id="batch-template-xlsx" on:click=move |_| template("xlsx")>"XLSX"</button>
                " "
                <button type="button" class="secondary" id="batch-template-csv" on:click=move |_| template("csv")>"CSV"</button>
            </p>
            <label for="batch-encoding">{move || t(lang.get(), Key::BatchCsvEncoding)}</label>
            <select
                id="batch-encoding"
                prop:value=move || encoding.get()
                on:change=move |ev| encoding.set(event_target_value(&ev))
            >
                <option value="auto">{move || t(lang.get(), Key::BatchAutoDetect)}</option>
                <option value="utf-8">"UTF-8"</option>
                <option value="gbk">"GBK / GB18030"</option>
            </select>
            <label for="batch-file">{move || t(lang.get(), Key::BatchFile)}</label>
            <input
                type="file"
                id="batch-file"
                class="batch-drop"
                accept=".xlsx,.csv,.txt,.json"
                prop:disabled=move || busy.get()
                on:change=on_file
            />
            {move || progress.get().map(|(done, total)| view! {
                <progress id="batch-progress" aria-label=move || t(lang.get(), Key::BatchProgress) max=total.max(1) value=done></progress>
                <span id="batch-progress-text">{format!("{done} / {total}")}</span>
            })}
            {move || failure.get().map(|m| view! { <p id="batch-error" class="error" role="alert">{m}</p> })}
            {summary}
            {move || report.get().is_some().then(|| view! {
                <div class="batch-filter">
                    <input
                        type="search"
                        id="batch-filter"
                        aria-label=move || t(lang.get(), Key::BatchFilterTheFindings)
                        placeholder=move || t(lang.get(), Key::BatchFilterCodeColumnText)
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                    <select
                        id="batch-severity"
                        aria-label=move || t(lang.get(), Key::BatchSeverity)
                        prop:value=move || severity.get()
                        on:change=move |ev| severity.set(event_target_value(&ev))
                    >
                        <option value="">{move || t(lang.get(), Key::BatchAll)}</option>
                        <option value="error">{move || t(lang.get(), Key::BatchErrors)}</option>
                        <option value="warning">{move || t(lang.get(), Key::BatchWarnings)}</option>
                    </select>
                    <button
                        type="button"
                        class="secondary"
                        id="batch-download"
                        on:click=move |_| {
                            let csv = findings_csv(&filtered(), lang.get_untracked());
                            download(csv.as_bytes(), "beian-batch-findings.csv", "text/csv");
                        }
                    >
                        {move || t(lang.get(), Key::BatchDownloadCsv)}
                    </button>
                </div>
                {move || {
                    let n = filtered().len();
                    (n > SHOWN).then(|| view! {
                        <p id="batch-more" class="hint">
                            {format!("{SHOWN} / {n} ")}
                            {t(lang.get(), Key::BatchShownDownloadCsv)}
                        </p>
                    })
                }}
                <table id="batch-findings" class="batch-findings">
                    <thead>
                        <tr>
                            <th>{move || t(lang.get(), Key::BatchRow)}</th>
                            <th>{move || t(lang.get(), Key::BatchCol)}</th>
                            <th>{move || t(lang.get(), Key::BatchField)}</th>
                            <th>{move || t(lang.get(), Key::BatchCode)}</th>
                            <th>{move || t(lang.get(), Key::BatchMessage)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            filtered()
                                .into_iter()
                                .take(SHOWN)
                                .map(|f| {
                                    let class = field(&f, "severity").to_string();
                                    let suggestion = field(&f, "suggestion").to_string();
                                    view! {
                                        <tr class=class>
                                            <td>{row_text(&f)}</td>
                                            <td>{field(&f, "column").to_string()}</td>
                                            <td>{field(&f, "header").to_string()}</td>
                                            <td class="code">{field(&f, "code").to_string()}</td>
                                            <td>
                                                {message(&f, l)}
                                                {(!suggestion.is_empty()).then(|| view! { " → " <code>{suggestion}</code> })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            })}
        </section>
    }
}
