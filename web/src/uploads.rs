//! The scans of a request's documents, uploaded from the status page while
//! the provider verifies the request (issue 17): one file input for each
//! document the flow asks for (beian-flow's `RequiredDocument`; the domain
//! certificate once per website), each file checked in the page by
//! beian-rules' `upload` (its type by content, its size, an image's
//! pixels) before it is sent, and checked again by the server
//! (`POST {apiBase}/api/v1/requests/{id}/documents`).

use beian_flow::RequiredDocument;
use beian_rules::{Filing, Finding};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::fields::FindingList;
use crate::i18n::{t, tn, Key, Lang};
use crate::submit::{delete_document, list_documents, upload_document, UploadFailed, Uploaded};

/// One file input: a document, of a website or of the subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The document.
    pub document: RequiredDocument,
    /// The website's index, for a website's own document.
    pub website: Option<u32>,
}

impl Slot {
    /// The element id's stem: `photo`, `domain_certificate-0`.
    pub fn id(self) -> String {
        let kind = self.document.attachment_kind().name();
        match self.website {
            Some(i) => format!("{kind}-{i}"),
            None => kind.to_string(),
        }
    }

    /// The findings' path (the checklist's).
    pub fn path(self) -> String {
        match self.website {
            Some(i) => format!("/websites/{i}/documents"),
            None => "/subject/documents".into(),
        }
    }

    /// True when `doc` was uploaded for this slot.
    fn holds(self, doc: &Uploaded) -> bool {
        doc.kind == self.document.attachment_kind().name() && doc.website == self.website
    }
}

/// The file inputs of `documents` for `filing`: a website's own document
/// once for each website.
pub(crate) fn slots(documents: &[RequiredDocument], filing: &Filing) -> Vec<Slot> {
    let mut out = Vec::new();
    for &document in documents {
        if document.per_website() {
            for i in 0..filing.websites.len() {
                out.push(Slot {
                    document,
                    website: u32::try_from(i).ok(),
                });
            }
        } else {
            out.push(Slot {
                document,
                website: None,
            });
        }
    }
    out
}

/// The bytes of the file chosen in `input`, with its name.
async fn chosen(input: &web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// The uploads of request `rid`.
#[component]
pub(crate) fn Uploads(
    rid: i64,
    slots: Vec<Slot>,
    filing: Filing,
    lang: RwSignal<Lang>,
    api_base: StoredValue<String>,
) -> impl IntoView {
    let uploaded = RwSignal::new(Vec::<Uploaded>::new());
    let error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        match list_documents(&api_base.get_value(), rid).await {
            Ok(list) => uploaded.set(list),
            Err(m) => error.set(Some(m)),
        }
    });
    let blocks = slots
        .into_iter()
        .map(|slot| {
            let domains = slot
                .website
                .and_then(|i| filing.websites.get(i as usize))
                .map(|w| w.domains.join("、"));
            view! { <UploadSlot rid=rid place=slot domains=domains uploaded=uploaded lang=lang api_base=api_base /> }
        })
        .collect_view();
    let error_text = move || {
        error
            .get()
            .map(|m| format!("{} {m}", t(lang.get(), Key::StatusFailed)))
            .unwrap_or_default()
    };
    view! {
        <section id="status-documents" class="uploads" aria-labelledby="uploads-heading">
            <h3 id="uploads-heading">{move || t(lang.get(), Key::UploadsHeading)}</h3>
            <p class="hint">{move || t(lang.get(), Key::UploadsIntro)}</p>
            {blocks}
            <p id="uploads-error" class="error" role="status">{error_text}</p>
        </section>
    }
}

/// One document's file input, its findings and its uploaded files.
#[component]
fn UploadSlot(
    rid: i64,
    place: Slot,
    domains: Option<String>,
    uploaded: RwSignal<Vec<Uploaded>>,
    lang: RwSignal<Lang>,
    api_base: StoredValue<String>,
) -> impl IntoView {
    let slot = place;
    let id = slot.id();
    let findings = RwSignal::new(Vec::<Finding>::new());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let on_change = move |_| {
        let Some(input) = input_ref.get_untracked() else {
            return;
        };
        let input: web_sys::HtmlInputElement = input.unchecked_into();
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let Some((name, bytes)) = chosen(&input).await else {
                busy.set(false);
                return;
            };
            // The page's own check first: nothing refused is sent.
            let (scan, found) = beian_rules::upload::check(&name, &bytes, &slot.path());
            findings.set(found.clone());
            if scan.is_some() {
                let kind = slot.document.attachment_kind();
                match upload_document(
                    &api_base.get_value(),
                    rid,
                    kind,
                    slot.website,
                    &name,
                    &bytes,
                )
                .await
                {
                    Ok((doc, warnings)) => {
                        let new: Vec<Finding> = warnings
                            .into_iter()
                            .filter(|w| !all_has(&found, w))
                            .collect();
                        let mut all = found;
                        all.extend(new);
                        findings.set(all);
                        uploaded.update(|list| {
                            if !list.iter().any(|d| d.id == doc.id) {
                                list.push(doc);
                            }
                        });
                    }
                    Err(UploadFailed::Refused(server)) => findings.set(server),
                    Err(UploadFailed::Failed(m)) => failed.set(Some(m)),
                }
            }
            input.set_value("");
            busy.set(false);
        });
    };
    let label = move || {
        let l = lang.get();
        let what = slot.document.label().get(l.tag()).to_string();
        match &domains {
            Some(d) => format!("{what}{}", tn(l, Key::UploadForWebsite, d)),
            None => what,
        }
    };
    let mine = move || {
        uploaded.with(|list| {
            list.iter()
                .filter(|d| slot.holds(d))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let status = move || {
        let l = lang.get();
        if busy.get() {
            t(l, Key::Uploading).to_string()
        } else if let Some(m) = failed.get() {
            format!("{} {m}", t(l, Key::StatusFailed))
        } else {
            String::new()
        }
    };
    view! {
        <div class="upload" id=format!("upload-{id}") data-kind=slot.document.attachment_kind().name()>
            <label for=format!("upload-input-{id}")>{label}</label>
            <input
                type="file"
                id=format!("upload-input-{id}")
                accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
                aria-describedby=format!("upload-findings-{id} upload-status-{id}")
                disabled=move || busy.get()
                node_ref=input_ref
                on:change=on_change
            />
            <p id=format!("upload-status-{id}") class="hint" role="status">{status}</p>
            <FindingList id=format!("upload-findings-{id}") findings=findings lang=lang on_apply=None />
            <ul id=format!("uploaded-{id}") class="uploaded">
                {move || mine().into_iter().map(|doc| {
                    let doc_id = doc.id;
                    let remove = move |_| {
                        leptos::task::spawn_local(async move {
                            match delete_document(&api_base.get_value(), doc_id).await {
                                Ok(()) => uploaded.update(|l| l.retain(|d| d.id != doc_id)),
                                Err(m) => failed.set(Some(m)),
                            }
                        });
                    };
                    view! {
                        <li data-document=doc_id>
                            {move || tn(lang.get(), Key::UploadDone, &doc.name)}
                            " "
                            <button type="button" class="secondary" on:click=remove>{move || t(lang.get(), Key::UploadRemove)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// True when `all` has a finding of `f`'s rule (the page's and the
/// server's checks are the same: each said once).
fn all_has(all: &[Finding], f: &Finding) -> bool {
    all.iter().any(|a| a.rule == f.rule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_website_document_has_a_slot_per_website() {
        let mut filing = Filing::default();
        filing.websites.push(Default::default());
        filing.websites.push(Default::default());
        let s = slots(
            &[RequiredDocument::Photo, RequiredDocument::DomainCertificate],
            &filing,
        );
        let ids: Vec<String> = s.iter().map(|s| s.id()).collect();
        assert_eq!(
            ids,
            ["photo", "domain_certificate-0", "domain_certificate-1"]
        );
        assert_eq!(s[2].path(), "/websites/1/documents");
        assert_eq!(s[0].path(), "/subject/documents");
    }
}
