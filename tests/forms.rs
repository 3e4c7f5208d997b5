//! Browser tests of the form components (wasm-bindgen-test in headless Chromium): every
//! control labelled, typed values reach the signal, errors stand beside their field and clear
//! when the field is edited, the date picker writes dd/mm/yyyy, drafts survive and clear, the
//! confirmation box appears only when asked for.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use ptdv::components::{keep_draft, values_with_draft, ConfirmBox, Draft, FormFields};
use ptdv_domain::form::{Field, FieldError, FieldKind, Values};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    tick().await;
}

fn wrapper() -> web_sys::HtmlElement {
    let el = document().create_element("div").expect("create div");
    document().body().expect("body").append_child(&el).expect("append wrapper");
    el.unchecked_into()
}

fn input(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlInputElement {
    root.query_selector(selector).ok().flatten().unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().and_then(|e| e.text_content()).unwrap_or_default()
}

/// Types `value` into an input as a user would (value, then an `input` event).
fn type_into(el: &web_sys::HtmlInputElement, value: &str) {
    el.set_value(value);
    let ev = web_sys::Event::new("input").expect("event");
    el.dispatch_event(&ev).expect("dispatch");
}

fn fields() -> Vec<Field> {
    vec![
        Field::new("name", "Họ và tên", FieldKind::Text).required(),
        Field::new("date", "Ngày họp", FieldKind::Date).required().hint("Ngày ghi trên nghị quyết."),
        Field::new("count", "Số có mặt", FieldKind::Count),
        Field::new("ok", "Đủ điều kiện", FieldKind::Check),
        Field::new("pick", "Chi bộ", FieldKind::Choice(vec![("a".into(), "Chi bộ A".into()), ("b".into(), "Chi bộ B".into())])),
        Field::new("many", "Người giúp đỡ", FieldKind::MultiChoice(vec![("m1".into(), "Hoa".into()), ("m2".into(), "Hùng".into())])),
        Field::new("lines", "Đoàn thể", FieldKind::Lines),
    ]
}

#[wasm_bindgen_test]
async fn every_control_is_labelled_and_typing_reaches_the_values() {
    let root = wrapper();
    let values = RwSignal::new(Values::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let _h = mount_to(root.clone(), move || view! { <FormFields id="t" fields=fields() values errors /> });
    settle().await;
    // Every input, select and textarea has a label (for=id, a wrapping label, or aria-label).
    let controls = root.query_selector_all("input, select, textarea").expect("query");
    assert!(controls.length() >= 9, "controls rendered: {}", controls.length());
    for i in 0..controls.length() {
        let el: web_sys::Element = controls.item(i).expect("item").unchecked_into();
        let id = el.id();
        let by_for = !id.is_empty() && root.query_selector(&format!("label[for='{id}']")).ok().flatten().is_some();
        let wrapped = el.closest("label").ok().flatten().is_some();
        let aria = el.get_attribute("aria-label").is_some_and(|s| !s.is_empty());
        assert!(by_for || wrapped || aria, "control #{id} has no label");
    }
    assert_eq!(text(&root, "label[for='t-name']"), "Họ và tên (bắt buộc)");
    assert_eq!(text(&root, "#t-date-hint"), "Ngày ghi trên nghị quyết.");
    assert_eq!(input(&root, "#t-date").get_attribute("aria-describedby").as_deref(), Some("t-date-hint t-date-error"));

    type_into(&input(&root, "#t-name"), "Nguyễn Văn An");
    let many = input(&root, "#t-many-1");
    many.set_checked(true);
    many.dispatch_event(&web_sys::Event::new("change").expect("event")).expect("dispatch");
    settle().await;
    assert_eq!(values.with_untracked(|v| v.get("name").cloned()), Some("Nguyễn Văn An".into()));
    assert_eq!(values.with_untracked(|v| v.get("many").cloned()), Some("m2".into()));
}

#[wasm_bindgen_test]
async fn errors_stand_beside_their_field_and_clear_when_it_is_edited() {
    let root = wrapper();
    let values = RwSignal::new(Values::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let _h = mount_to(root.clone(), move || view! { <FormFields id="e" fields=fields() values errors /> });
    settle().await;
    errors.set(vec![FieldError::new("date", "Chưa nhập ngày họp."), FieldError::new("", "Không tìm thấy hồ sơ này nữa.")]);
    settle().await;
    assert_eq!(text(&root, "#e-date-error"), "Chưa nhập ngày họp.");
    assert_eq!(input(&root, "#e-date").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(text(&root, ".form-errors"), "Không tìm thấy hồ sơ này nữa.", "an error of no field shows on top");
    assert_eq!(text(&root, "#e-name-error"), "");
    type_into(&input(&root, "#e-date"), "1/2/2026");
    settle().await;
    assert_eq!(text(&root, "#e-date-error"), "", "editing the field clears its error");
    assert_eq!(input(&root, "#e-date").get_attribute("aria-invalid"), None);
    assert_eq!(errors.with_untracked(Vec::len), 1);
}

#[wasm_bindgen_test]
async fn the_date_picker_writes_day_month_year_and_follows_typing() {
    let root = wrapper();
    let values = RwSignal::new(Values::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let _h = mount_to(root.clone(), move || view! { <FormFields id="d" fields=fields() values errors /> });
    settle().await;
    let picker = input(&root, "#d-date + input[type=date]");
    assert_eq!(picker.get_attribute("aria-label").as_deref(), Some("Chọn ngày họp trên lịch"));
    picker.set_value("2026-03-05");
    picker.dispatch_event(&web_sys::Event::new("change").expect("event")).expect("dispatch");
    settle().await;
    assert_eq!(input(&root, "#d-date").value(), "05/03/2026");
    assert_eq!(values.with_untracked(|v| v.get("date").cloned()), Some("05/03/2026".into()));
    type_into(&input(&root, "#d-date"), "7/8/2025");
    settle().await;
    assert_eq!(picker.value(), "2025-08-07");
}

#[wasm_bindgen_test]
async fn a_half_filled_form_is_kept_as_a_draft_until_cleared() {
    let draft = Draft::new("test:form");
    draft.clear();
    let initial = Values::from([("name".to_string(), String::new())]);
    let (start, restored) = values_with_draft(&draft, initial.clone());
    assert!(!restored);
    let root = wrapper();
    let values = RwSignal::new(start);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let d2 = draft.clone();
    let _h = mount_to(root.clone(), move || {
        keep_draft(d2.clone(), values);
        view! { <FormFields id="k" fields=fields() values errors /> }
    });
    settle().await;
    assert_eq!(draft.load(), None, "opening a form writes no draft");
    type_into(&input(&root, "#k-name"), "Lê Thị Mai");
    settle().await;
    let kept = draft.load().expect("draft kept after typing");
    assert_eq!(kept.get("name").map(String::as_str), Some("Lê Thị Mai"));
    // Reopening the form (a reload, another page and back) restores it.
    let (again, restored) = values_with_draft(&draft, initial);
    assert!(restored);
    assert_eq!(again, kept);
    draft.clear();
    assert_eq!(draft.load(), None);
}

#[wasm_bindgen_test]
async fn the_confirmation_box_appears_only_when_an_error_asks_for_it() {
    let root = wrapper();
    let values = RwSignal::new(Values::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let _h = mount_to(root.clone(), move || {
        view! { <ConfirmBox values errors on_key="full_name" confirm_key="confirm_duplicate" label="Đây là một người khác" /> }
    });
    settle().await;
    assert!(root.query_selector("input").expect("query").is_none());
    errors.set(vec![FieldError::new("full_name", "Chưa nhập họ và tên.")]);
    settle().await;
    assert!(root.query_selector("input").expect("query").is_none(), "a plain error asks nothing");
    errors.set(vec![FieldError::new("full_name", "Hãy xác nhận lại họ và tên.")]);
    settle().await;
    assert!(root.query_selector("input").expect("query").is_none(), "the error's kind decides, not its wording");
    errors.set(vec![FieldError::confirm("full_name", "Đã có người cùng họ tên; hãy xác nhận để vẫn lưu.")]);
    settle().await;
    let b = input(&root, "input[type=checkbox]");
    b.set_checked(true);
    b.dispatch_event(&web_sys::Event::new("change").expect("event")).expect("dispatch");
    settle().await;
    assert_eq!(values.with_untracked(|v| v.get("confirm_duplicate").cloned()), Some("true".into()));
    assert!(errors.with_untracked(Vec::is_empty), "confirming lifts the question");
    assert!(root.query_selector("input").expect("query").is_some(), "the ticked box stays");
}
