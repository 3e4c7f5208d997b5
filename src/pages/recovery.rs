use crate::clock;
use crate::download::download_text;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::text::format_date;

/// Shown instead of every page when the stored data does not load: nothing is overwritten
/// until the user has downloaded the stored text.
#[component]
pub fn Recovery() -> impl IntoView {
    let store = Store::get();
    let message = RwSignal::new(None::<String>);
    let error = move || store.recovery.with(|r| r.as_ref().map(|r| r.error.clone()).unwrap_or_default());
    let downloaded = move || store.recovery.with(|r| r.as_ref().is_some_and(|r| r.downloaded));
    let fixes =
        move || store.recovery.with(|r| r.as_ref().map(|r| r.fixes.iter().map(|f| f.to_string()).collect::<Vec<_>>()).unwrap_or_default());
    // Downloads the stored text as it is; `true` once it is on the user's machine.
    let download_old = move || -> bool {
        let raw = store.recovery.with_untracked(|r| r.as_ref().map(|r| r.raw.clone()));
        let Some(raw) = raw else { return false };
        let name = format!("ptdv_du-lieu-khong-doc-duoc_{}.json", clock::today().format("%Y-%m-%d"));
        match download_text(&name, &raw, "application/json") {
            Ok(()) => {
                store.recovery.update(|r| {
                    if let Some(r) = r.as_mut() {
                        r.downloaded = true;
                    }
                });
                true
            }
            Err(e) => {
                message.set(Some(e));
                false
            }
        }
    };
    let download = move |_| {
        download_old();
    };
    let repair = move |_| {
        if !download_old() {
            return;
        }
        match store.repair_from_recovery() {
            Ok(_) => {
                let _ = window().location().set_hash("#/");
            }
            Err(e) => message.set(Some(e)),
        }
    };
    let start_fresh = move |_| match store.start_fresh_after_recovery() {
        // Start again where a first run starts: the welcome on Tổng quan.
        Ok(()) => {
            let _ = window().location().set_hash("#/");
        }
        Err(e) => message.set(Some(e)),
    };
    view! {
        <div class="page">
            <h1 tabindex="-1">"Không đọc được dữ liệu đã lưu"</h1>
            <p class="lead">
                "Dữ liệu lưu trong trình duyệt này không mở được. Ứng dụng chưa thay đổi gì: "
                "dữ liệu cũ vẫn còn nguyên cho đến khi bạn tải nó về máy."
            </p>
            <section class="card" aria-labelledby="recovery-why">
                <h2 id="recovery-why">"Lý do"</h2>
                <p data-testid="recovery-error">{error}</p>
            </section>
            <Show when=move || !fixes().is_empty()>
                <section class="card" aria-labelledby="recovery-repair" data-testid="recovery-repair">
                    <h2 id="recovery-repair">"Có thể sửa để mở lại dữ liệu"</h2>
                    <p>"Ứng dụng tìm thấy những chỗ sau. Sửa xong, mọi chi bộ, quần chúng và hồ sơ vẫn giữ nguyên; chỉ những chữ dưới đây thay đổi:"</p>
                    <ul class="fixes">{move || fixes().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                    <p class="hint">"Trước khi sửa, ứng dụng tải bản dữ liệu cũ về máy để bạn giữ lại."</p>
                    <button class="button primary" on:click=repair>"Tải bản cũ về máy, rồi sửa và mở dữ liệu"</button>
                </section>
            </Show>
            <ol class="steps">
                <li>
                    <p>"Tải bản dữ liệu cũ về máy và gửi cho người phụ trách kỹ thuật để khôi phục."</p>
                    <button class=move || if fixes().is_empty() { "button primary" } else { "button" } on:click=download>"Tải bản dữ liệu cũ về máy"</button>
                </li>
                <li>
                    <p>"Sau khi đã tải về, bạn có thể bắt đầu lại: dùng dữ liệu mẫu, thiết lập mới, hoặc nhập một tệp sao lưu."</p>
                    <button class="button" disabled=move || !downloaded() on:click=start_fresh>
                        "Bắt đầu lại từ đầu"
                    </button>
                </li>
            </ol>
            <Show when=move || message.get().is_some()>
                <p class="error" role="alert">{move || message.get().unwrap_or_default()}</p>
            </Show>
            <p class="hint">{format!("Hôm nay: {}", format_date(clock::today()))}</p>
        </div>
    }
}
