//! Entry point of the wizard page (built by Trunk).
//!
//! Mounts the wizard into the element `#beian-wizard` when the page has
//! one, else into `<body>`; on a page that defines the custom element
//! `<beian-wizard>` (`web/beian-wizard.js`), each element mounts its own
//! through `mountWizard` (see `web/README.md`).

fn main() {
    console_error_panic_hook::set_once();
    beian_web::mount_page();
}
