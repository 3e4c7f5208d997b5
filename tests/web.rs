//! Browser tests of the app shell (wasm-bindgen-test in headless Chromium):
//! mount the app into a wrapper element, change the hash, assert the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use ptdv::route::Route;
use ptdv::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits for queued browser tasks (the `hashchange` event is dispatched as a task), then lets
/// Leptos flush its effects.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    tick().await;
}

const WELCOME: &str = "Chào mừng đến với Phát triển đảng viên";

fn wrapper() -> web_sys::HtmlElement {
    let document = document();
    let el = document.create_element("div").expect("create div");
    document.body().expect("body").append_child(&el).expect("append wrapper");
    el.unchecked_into()
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().and_then(|e| e.text_content()).unwrap_or_default()
}

async fn go(hash: &str) {
    // The app reads the ward from localStorage: these tests run on a first run.
    let _ = ptdv::storage::remove(ptdv::storage::DOC_KEY);
    window().location().set_hash(hash).expect("set hash");
    settle().await;
}

#[wasm_bindgen_test]
fn routes_parse_from_the_hash() {
    assert_eq!(Route::from_hash(""), Route::Dashboard);
    assert_eq!(Route::from_hash("#"), Route::Dashboard);
    assert_eq!(Route::from_hash("#/"), Route::Dashboard);
    assert_eq!(Route::from_hash("#/chi-bo"), Route::Cells);
    assert_eq!(Route::from_hash("#/chi-bo/"), Route::Cells);
    assert_eq!(Route::from_hash("#/ho-so?tim=an"), Route::Candidates);
    assert_eq!(Route::from_hash("#/lop-hoc"), Route::Classes);
    assert_eq!(Route::from_hash("#/bao-cao"), Route::Reports);
    assert_eq!(Route::from_hash("#/du-lieu"), Route::Data);
    assert_eq!(Route::from_hash("#/ra-soat"), Route::Review);
    assert_eq!(Route::from_hash(&Route::Review.href()), Route::Review);
    assert_eq!(Route::from_hash("#/abc"), Route::NotFound("abc".into()));
    for r in Route::NAV {
        assert_eq!(Route::from_hash(&r.href()), r, "href of {r:?} parses back");
    }
}

#[wasm_bindgen_test]
async fn every_route_renders_its_heading_and_marks_the_nav() {
    window().location().set_hash("#/").expect("set hash");
    let root = wrapper();
    let _app = mount_to(root.clone(), App);
    settle().await;
    for r in Route::NAV {
        go(&r.href()).await;
        // With no ward yet, Tổng quan is the first-run welcome.
        let heading = if r == Route::Dashboard { WELCOME } else { r.label() };
        assert_eq!(text_of(&root, "main h1"), heading, "heading on {}", r.href());
        assert_eq!(text_of(&root, "nav a[aria-current=page]"), r.label(), "current nav item on {}", r.href());
        assert_eq!(root.query_selector_all("nav a[aria-current]").expect("query").length(), 1, "exactly one current item on {}", r.href());
        assert_eq!(document().title(), format!("{} — Phát triển đảng viên", r.label()));
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn unknown_hash_shows_not_found_with_the_path() {
    // The route is read from the hash at mount: a deep link opens the right page.
    window().location().set_hash("#/khong-co").expect("set hash");
    let root = wrapper();
    let _app = mount_to(root.clone(), App);
    settle().await;
    assert_eq!(text_of(&root, "main h1"), "Không tìm thấy trang");
    assert!(text_of(&root, "main").contains("khong-co"));
    assert_eq!(root.query_selector_all("nav a[aria-current]").expect("query").length(), 0);
    go("#/").await;
    assert_eq!(text_of(&root, "main h1"), WELCOME);
    root.remove();
}

#[wasm_bindgen_test]
async fn every_page_has_an_honest_empty_state() {
    let root = wrapper();
    let _app = mount_to(root.clone(), App);
    for r in [Route::Cells, Route::Candidates, Route::Classes, Route::Reports] {
        go(&r.href()).await;
        let items = root.query_selector_all(".empty-state li").expect("query").length();
        assert!(items >= 2, "{} says what it will hold ({items} items)", r.href());
    }
    root.remove();
}
