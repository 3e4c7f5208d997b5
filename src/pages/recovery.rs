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
    let download = move |_| {
        let raw = store.recovery.with_untracked(|r| r.as_ref().map(|r| r.raw.clone()));
        if let Some(raw) = raw {
            let name = format!("ptdv_du-lieu-khong-doc-duoc_{}.json", clock::today().format("%Y-%m-%d"));
            match download_text(&name, &raw, "application/json") {
                Ok(()) => store.recovery.update(|r| {
                    if let Some(r) = r.as_mut() {
                        r.downloaded = true;
                    }
                }),
                Err(e) => message.set(Some(e)),
            }
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
            <ol class="steps">
                <li>
                    <p>"Tải bản dữ liệu cũ về máy và gửi cho người phụ trách kỹ thuật để khôi phục."</p>
                    <button class="button primary" on:click=download>"Tải bản dữ liệu cũ về máy"</button>
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
