//! Entry point of the wizard page (built by Trunk).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(beian_web::App);
}
