use crate::clock;
use crate::download::download_text;
use crate::store::{SaveStatus, Store};
use leptos::prelude::*;
use ptdv_domain::format::Scope;

/// "Đã lưu lúc 09:31" / "Đang lưu…" / "Chưa lưu được" in the header (a polite live region).
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let store = Store::get();
    let text = move || match store.status.get() {
        SaveStatus::Empty => String::new(),
        SaveStatus::Saved { at } => format!("Đã lưu lúc {}", clock::local_time_label(at)),
        SaveStatus::Pending => "Đang lưu…".to_string(),
        SaveStatus::Failed(_) => "Chưa lưu được".to_string(),
    };
    view! { <p class="save-status" role="status" data-testid="save-status">{text}</p> }
}

/// The lasting banner while saving fails: what happened, and an export right there.
#[component]
pub fn SaveFailureBanner() -> impl IntoView {
    let store = Store::get();
    let export_error = RwSignal::new(None::<String>);
    let export_now = move |_| {
        let result = store
            .export(&Scope::Ward)
            .and_then(|(name, text)| download_text(&name, &text, "application/json"));
        export_error.set(result.err());
    };
    let failure = move || match store.status.get() {
        SaveStatus::Failed(f) => Some(f),
        _ => None,
    };
    view! {
        <Show when=move || failure().is_some() && store.data.with(|d| d.is_some())>
            <div class="banner danger" role="alert" data-testid="save-failure">
                <p>{move || failure().map(|f| f.message()).unwrap_or_default()}</p>
                <div class="actions">
                    <button class="button primary" on:click=export_now>"Xuất tệp sao lưu ngay"</button>
                    <button class="button" on:click=move |_| store.flush()>"Thử lưu lại"</button>
                </div>
                <Show when=move || export_error.get().is_some()>
                    <p class="error">{move || export_error.get().unwrap_or_default()}</p>
                </Show>
            </div>
        </Show>
    }
}

/// "N days without a backup" once there are edits the last export does not hold.
#[component]
pub fn ExportReminder() -> impl IntoView {
    let store = Store::get();
    view! {
        {move || store.export_reminder_days().map(|days| view! {
            <p class="notice warn" role="status" data-testid="export-reminder">
                {format!("Dữ liệu đã thay đổi mà {days} ngày nay chưa xuất tệp sao lưu. ")}
                <a href="#/du-lieu">"Xuất tệp sao lưu"</a>
            </p>
        })}
    }
}
