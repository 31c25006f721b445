//! Where the wizard lives, and the only way it looks itself up.
//!
//! Three homes (see `web/README.md`): its own page (mounted into `<body>`),
//! a host page's mount element `#beian-wizard` (configured by `data-*`
//! attributes), or the Shadow DOM of the custom element `<beian-wizard>`
//! (`web/beian-wizard.js` defines it and calls [`mount_wizard`]). Every
//! lookup of the wizard's own elements (focus moves, the finding links)
//! searches its root: the shadow root or the mount element, never the
//! host's document, so an id of the host page is never found nor focused.
//! Embedded (the last two), the wizard leaves the host page as it is: no
//! `document.title`, no `lang` on `<html>`, no `<main>`, `<h1>` or banner of
//! its own (a labelled section and an `h2`), no global styles.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Config;

/// The name of the custom element (`web/beian-wizard.js`).
pub const ELEMENT: &str = "beian-wizard";

/// The wizard's home on the page.
#[derive(Clone)]
pub(crate) struct Root {
    /// Where its events go (`beian:step` …): the custom element or the
    /// mount element (`<body>` on its own page).
    host: web_sys::HtmlElement,
    /// The element the wizard is rendered into (its theme colour is set
    /// there).
    mount: web_sys::HtmlElement,
    /// Where its elements are looked up.
    search: Search,
    /// Whether it is embedded in a host page.
    embedded: bool,
    /// Its configuration, read from the host's attributes.
    config: Config,
}

#[derive(Clone)]
enum Search {
    Element(web_sys::Element),
    Shadow(web_sys::ShadowRoot),
}

thread_local! {
    static ROOT: RefCell<Option<Root>> = const { RefCell::new(None) };
}

fn current() -> Option<Root> {
    ROOT.with(|r| r.borrow().clone())
}

/// The element the wizard's events are dispatched on.
pub(crate) fn host() -> Option<web_sys::HtmlElement> {
    current().map(|r| r.host)
}

/// The element the wizard is rendered into.
pub(crate) fn mount() -> Option<web_sys::HtmlElement> {
    current().map(|r| r.mount)
}

/// Whether the wizard is embedded in a host page (a mount element or the
/// custom element), not on its own page.
pub(crate) fn embedded() -> bool {
    current().is_some_and(|r| r.embedded)
}

/// The configuration the host gave (attributes of the custom element, or
/// `data-*` of the mount element).
pub(crate) fn config() -> Config {
    current().map(|r| r.config).unwrap_or_default()
}

/// The first of the wizard's own elements matching `selector`.
pub(crate) fn query(selector: &str) -> Option<web_sys::Element> {
    match current()?.search {
        Search::Element(e) => e.query_selector(selector).ok().flatten(),
        Search::Shadow(s) => s.query_selector(selector).ok().flatten(),
    }
}

/// The mount element of a host page's `data-*` mount: `#beian-wizard`, if
/// the page has one, else `<body>`.
pub fn mount_element() -> Option<web_sys::HtmlElement> {
    let doc = web_sys::window()?.document()?;
    doc.get_element_by_id("beian-wizard")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| doc.body())
}

/// Whether the page defines the custom element `<beian-wizard>`: then its
/// loader mounts the wizard (through [`mount_wizard`]), not `main`.
pub fn custom_element_defined() -> bool {
    web_sys::window()
        .map(|w| w.custom_elements().get(ELEMENT))
        .is_some_and(|c| !c.is_undefined())
}

/// Mounts the wizard on its page: into `#beian-wizard` (embedded, with its
/// `data-*` configuration) or `<body>` (its own page). Nothing when the page
/// defines `<beian-wizard>`: each such element mounts its own.
pub fn mount_page() {
    if custom_element_defined() {
        return;
    }
    let Some(el) = mount_element() else {
        return;
    };
    let embedded = el.id() == "beian-wizard";
    let mut config = Config::from_element(&el);
    if !embedded {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        config = with_query(config, &search);
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        if let Some(token) = session_from_fragment(&hash) {
            config.session_token = Some(token);
            // Out of the address bar: not in a bookmark, a shared link or
            // the history (a fragment never reaches a server or a Referer).
            if let Some(w) = web_sys::window() {
                let path = w.location().pathname().unwrap_or_default();
                let url = format!("{path}{search}");
                if let Ok(history) = w.history() {
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
                }
            }
        }
    }
    set(Root {
        host: el.clone(),
        mount: el.clone(),
        search: Search::Element(el.clone().into()),
        embedded,
        config,
    });
    if embedded {
        leptos::mount::mount_to(el, crate::App).forget();
    } else {
        leptos::mount::mount_to_body(crate::App);
    }
}

/// The wizard's own page (framed by a panel, say) takes what it shows from
/// its address, as the custom element's attributes: `?lang=en&provider=…
/// &server-location=…&theme-color=…&hide-batch&hide-json-tools`. Never the
/// API base: a link must not send the filing elsewhere (the page's API is
/// its own server's).
fn with_query(mut config: Config, search: &str) -> Config {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else {
        return config;
    };
    let get = |name: &str| {
        params
            .get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(lang) = get("lang").and_then(|tag| crate::i18n::Lang::from_tag(&tag)) {
        config.lang = Some(lang);
    }
    config.provider_name = get("provider").or(config.provider_name);
    config.server_location = get("server-location").or(config.server_location);
    config.theme_color = get("theme-color").or(config.theme_color);
    config.hide_batch |= params.has("hide-batch");
    config.hide_json_tools |= params.has("hide-json-tools");
    config
}

/// The wizard session's token from the wizard page's address fragment
/// (`#session-token=bs_…`): how a panel that frames the page gives it
/// (web/README.md); a fragment is never sent to a server.
fn session_from_fragment(hash: &str) -> Option<String> {
    let params = web_sys::UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()?;
    params
        .get("session-token")
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn set(root: Root) {
    ROOT.with(|r| *r.borrow_mut() = Some(root));
}

/// Mounts the wizard into `shadow`, the shadow root of the custom element
/// `host` (`<beian-wizard provider="…" api-base="…" lang="…" hide-batch
/// hide-json-tools>`), configured by `host`'s attributes. Called by
/// `web/beian-wizard.js` once the module is loaded; the stylesheet is the
/// loader's `<link>` in `shadow`. One wizard per page (they share the
/// saved draft): a second element is refused with an error.
#[wasm_bindgen(js_name = mountWizard)]
pub fn mount_wizard(
    host: web_sys::HtmlElement,
    shadow: web_sys::ShadowRoot,
) -> Result<(), JsValue> {
    if current().is_some() {
        return Err(JsValue::from_str(
            "beian-wizard: one wizard per page (they share the saved draft)",
        ));
    }
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let mount: web_sys::HtmlElement = doc.create_element("div")?.dyn_into()?;
    mount.set_class_name("beian-root");
    shadow.append_child(&mount)?;
    set(Root {
        host: host.clone(),
        mount: mount.clone(),
        search: Search::Shadow(shadow),
        embedded: true,
        config: Config::from_custom_element(&host),
    });
    leptos::mount::mount_to(mount, crate::App).forget();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_page_address_configures_what_it_shows_never_the_api() {
        let base = Config {
            provider_name: Some("From body".into()),
            ..Config::default()
        };
        let c = with_query(
            base.clone(),
            "?lang=en&provider=Example%20Cloud&server-location=330000&hide-batch&hide-json-tools&api-base=https://evil.example",
        );
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.provider_name.as_deref(), Some("Example Cloud"));
        assert_eq!(c.server_location.as_deref(), Some("330000"));
        assert!(c.hide_batch && c.hide_json_tools);
        assert_eq!(c.api_base, None);
        // Nothing in the address: the body's configuration as it was.
        assert_eq!(with_query(base.clone(), ""), base);
        assert_eq!(with_query(base.clone(), "?provider=%20&lang=xx"), base);
        // The session token comes in the fragment, never in the query.
        assert_eq!(c.session_token, None);
        let c = with_query(base.clone(), "?session-token=bs_1.x");
        assert_eq!(c.session_token, None);
    }

    #[wasm_bindgen_test]
    fn the_session_token_comes_from_the_fragment() {
        assert_eq!(
            session_from_fragment("#session-token=bs_17.abc-_d").as_deref(),
            Some("bs_17.abc-_d")
        );
        assert_eq!(
            session_from_fragment("#x=1&session-token=bs_2.y").as_deref(),
            Some("bs_2.y")
        );
        assert_eq!(session_from_fragment(""), None);
        assert_eq!(session_from_fragment("#session-token="), None);
    }
}
