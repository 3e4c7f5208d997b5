use crate::clock;
use crate::components::{Draft, RecordForm};
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::model::WardId;
use ptdv_domain::records::ward::{self, WardForm};

/// First run: use the demo ward, or set up one's own ward.
#[component]
pub fn Welcome() -> impl IntoView {
    let store = Store::get();
    // The demo ward is made by the worker (`crate::worker`), so the first load does not carry
    // its generator.
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let use_demo = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let today = clock::today();
        let request = ptdv_domain::demo::demo_request(today, clock::now());
        // The reader's part (split build) comes while the worker makes the demo.
        leptos::task::spawn_local(async {
            let _ = crate::reader::Reader::get().await;
        });
        leptos::task::spawn_local(async move {
            let made = match crate::worker::demo(request).await {
                // The worker writes the demo as a file; the app reads it as it reads any file.
                Ok(doc) => match crate::reader::Reader::get().await {
                    Ok(reader) => (reader.load)(doc.as_bytes(), today).map(|l| l.data).map_err(|e| e.to_string()),
                    Err(_) => Err(crate::store::NOT_READ.to_string()),
                },
                Err(e) => Err(e),
            };
            busy.set(false);
            match made {
                Ok(data) => store.set_data(data),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let create = Callback::new(move |vals| {
        let data = ward::create(&vals, WardId::new(clock::new_id()), clock::now())?;
        store.set_data(data);
        Ok(())
    });
    view! {
        <div class="page">
            <h1 tabindex="-1">"Chào mừng đến với Phát triển đảng viên"</h1>
            <p class="lead">"Ứng dụng lưu dữ liệu ngay trong trình duyệt trên máy này. Hãy chọn cách bắt đầu."</p>
            <div class="choices">
                <section class="card" aria-labelledby="choice-demo">
                    <h2 id="choice-demo">"Xem thử với dữ liệu mẫu"</h2>
                    <p>"Đảng bộ phường Hòa An (tên giả định): 31 chi bộ, khoảng 1.720 đảng viên, ba năm công tác phát triển đảng viên."</p>
                    <button class="button primary" on:click=use_demo aria-busy=move || busy.get().to_string()>
                        {move || if busy.get() { "Đang tạo dữ liệu mẫu…" } else { "Dùng dữ liệu mẫu" }}
                    </button>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                </section>
                <section class="card" aria-labelledby="choice-own">
                    <h2 id="choice-own">"Bắt đầu với đảng bộ của tôi"</h2>
                    <RecordForm form_id="ward" draft=Draft::new("dang-bo:moi") fields=ward::fields(WardForm::Setup)
                        initial=ward::new_values() submit_label="Tạo đảng bộ" save=create />
                </section>
            </div>
        </div>
    }
}
