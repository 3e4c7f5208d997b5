use crate::clock;
use crate::download::download_text;
use crate::store::{SaveStatus, Store};
use leptos::prelude::*;
use ptdv_domain::format::ExportScope;

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
        let result = store.export(&ExportScope::Ward).and_then(|(name, text)| download_text(&name, &text, "application/json"));
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

/// At 80 % of the storage quota: say so on every page, before a save fails.
#[component]
pub fn StorageWarning() -> impl IntoView {
    let store = Store::get();
    let room = Memo::new(move |_| store.room());
    view! {
        <Show when=move || room.get().nearly_full() && store.data.with(|d| d.is_some())>
            <div class="banner warn" role="status" data-testid="storage-warning">
                <p>{move || format!(
                    "Bộ nhớ trình duyệt dành cho trang này đã dùng {}: còn chỗ cho khoảng {} quần chúng nữa. \
                     Hãy xuất tệp sao lưu; xem ở trang Dữ liệu.",
                    room.get().share().percent_text(),
                    ptdv_domain::text::format_count(room.get().more_candidates)
                )}</p>
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

/// Another tab saved while this one had unsaved edits: the user chooses, nothing is lost.
#[component]
pub fn OtherTabDialog() -> impl IntoView {
    let store = Store::get();
    let error = RwSignal::new(None::<String>);
    let choose = move |merge: bool| error.set(store.resolve_external(merge).err());
    view! {
        <Show when=move || store.external.with(|e| e.is_some())>
            <section class="banner warn" role="alertdialog" aria-labelledby="other-tab-title"
                aria-describedby="other-tab-text" data-testid="other-tab">
                <h2 id="other-tab-title">"Dữ liệu vừa thay đổi ở một tab khác"</h2>
                <p id="other-tab-text">
                    "Một tab khác của ứng dụng vừa lưu dữ liệu, trong khi tab này còn thay đổi chưa lưu. "
                    "Gộp hai bản thì giữ được thay đổi của cả hai tab (với mỗi hồ sơ, bản sửa sau được giữ)."
                </p>
                <div class="actions">
                    <button class="button primary" on:click=move |_| choose(true)>"Gộp hai bản (nên chọn)"</button>
                    <button class="button" on:click=move |_| choose(false)>"Dùng dữ liệu của tab kia, bỏ thay đổi ở tab này"</button>
                </div>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
            </section>
        </Show>
        <Show when=move || store.synced_from_other_tab.get()>
            <p class="notice ok" role="status" data-testid="synced">
                "Đã cập nhật dữ liệu vừa lưu ở một tab khác. "
                <button class="link-button" on:click=move |_| store.synced_from_other_tab.set(false)>"Đóng"</button>
            </p>
        </Show>
    }
}
