//! Entry point of the wizard page (built by Trunk).
//!
//! Mounts the wizard into the element `#beian-wizard` when the page has
//! one, else into `<body>` (see `web/README.md`).

fn main() {
    console_error_panic_hook::set_once();
    match beian_web::mount_element() {
        Some(el) => leptos::mount::mount_to(el, beian_web::App).forget(),
        None => leptos::mount::mount_to_body(beian_web::App),
    }
}
