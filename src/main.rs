//! Entry point: mount the app into <body>.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ptdv::App);
}
