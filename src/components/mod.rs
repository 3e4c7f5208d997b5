//! Small building blocks shared by the pages.

mod empty_state;
mod form;
mod page;
mod save_status;

pub use empty_state::EmptyState;
pub use form::{keep_draft, values_with_draft, ConfirmBox, Draft, FormFields, RecordForm};
pub use page::Page;
pub use save_status::{ExportReminder, OtherTabDialog, SaveFailureBanner, SaveIndicator, StorageWarning};

/// Moves the keyboard focus to the element `id` once the page has drawn its next frame: after
/// an action redraws what held the focus, the focus goes to what says what happened.
pub fn focus_after_redraw(id: impl Into<String>) {
    let id = id.into();
    leptos::prelude::request_animation_frame(move || {
        let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
        if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = el.focus();
        }
    });
}
