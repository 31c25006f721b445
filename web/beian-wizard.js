// <beian-wizard>: the ICP filing wizard as a custom element, for a hosting
// provider's control panel on any origin (issue 17; web/README.md).
//
//   <script type="module" src="https://beian.example/beian-wizard.js"></script>
//   <beian-wizard provider="Example Cloud" api-base="https://beian.example"
//                 lang="zh-CN" hide-batch hide-json-tools></beian-wizard>
//
// The element shows a loading line at once, loads the wizard's module and
// stylesheet from the origin this file came from (`import.meta.url`), and
// mounts the wizard into its Shadow DOM with the stylesheet inside the
// shadow root: nothing global, the host page's title, landmarks and styles
// stay as they are. If the module or the stylesheet cannot be loaded, it
// shows a short message instead and dispatches `beian:error` (bubbling,
// composed; `detail.message`). The wizard's events (`beian:step`,
// `beian:findings`, `beian:submitted`) are dispatched on the element.
//
// Attributes, read when the element is added: provider, api-base, lang,
// server-location, theme-color, hide-batch, hide-json-tools.
//
// Built by Trunk's post-build hook (web/scripts/embed-loader.mjs), which
// writes the names of the hashed files below; this source alone (FILES is
// null) only reports that it was not built.

const FILES = null;

const WORDS = {
  zh: { loading: '正在加载备案向导…', failed: '备案向导未能加载，请刷新页面重试。' },
  en: { loading: 'Loading the filing wizard…', failed: 'The filing wizard could not be loaded. Reload the page to try again.' },
};

// The placeholder's looks, before the wizard's stylesheet is there
// (a constructed sheet: no inline style for the host's CSP to refuse).
let baseSheet = null;
function base() {
  if (baseSheet === null && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    baseSheet = new CSSStyleSheet();
    baseSheet.replaceSync(
      ':host{display:block}:host([hidden]){display:none}' +
        '.beian-loading,.beian-failed{margin:0;padding:16px;font:16px/1.5 system-ui,sans-serif;color:#57606a}' +
        '.beian-failed{color:#b42318}',
    );
  }
  return baseSheet ? [baseSheet] : [];
}

const url = (name) => new URL(name, import.meta.url).href;

// The wizard's module, loaded once for the page (and again after a failure).
let module = null;
function load() {
  module ??= (async () => {
    if (!FILES) throw new Error('beian-wizard.js was not built (trunk build)');
    const mod = await import(url(FILES.module));
    await mod.default({ module_or_path: url(FILES.wasm) });
    return mod;
  })().catch((e) => {
    module = null;
    throw e;
  });
  return module;
}

/** Resolves once `link` has loaded its stylesheet; rejects if it cannot. */
function loaded(link) {
  return new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => reject(new Error(`stylesheet not loaded: ${link.href}`)), { once: true });
  });
}

class BeianWizard extends HTMLElement {
  connectedCallback() {
    // Moved within the page: the wizard stays as it is.
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = base();
    const tag = this.getAttribute('lang') || document.documentElement.lang || 'zh-CN';
    const words = /^en\b/i.test(tag) ? WORDS.en : WORDS.zh;
    const status = document.createElement('p');
    status.className = 'beian-loading';
    status.setAttribute('role', 'status');
    status.textContent = words.loading;
    root.append(status);
    let css = null;
    if (FILES) {
      css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = url(FILES.css);
      root.prepend(css);
    }
    Promise.all([load(), css ? loaded(css) : null])
      .then(([mod]) => {
        mod.mountWizard(this, root);
        status.remove();
      })
      .catch((e) => {
        status.className = 'beian-failed';
        status.setAttribute('role', 'alert');
        status.textContent = words.failed;
        this.dispatchEvent(
          new CustomEvent('beian:error', {
            bubbles: true,
            composed: true,
            detail: { message: String((e && e.message) || e) },
          }),
        );
      });
  }
}

if (!customElements.get('beian-wizard')) customElements.define('beian-wizard', BeianWizard);
