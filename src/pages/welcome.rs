use crate::clock;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::model::{Term, UnitKind, Ward, WardData, WardId, WardSettings};

/// First run: use the demo ward, or set up one's own ward.
#[component]
pub fn Welcome() -> impl IntoView {
    let store = Store::get();
    let use_demo = move |_| {
        let data = ptdv_domain::demo::demo_ward(clock::today(), clock::now());
        store.set_data(data);
    };
    let kind = RwSignal::new(UnitKind::Phuong);
    let name = RwSignal::new(String::new());
    let superior = RwSignal::new(String::new());
    let start_year = RwSignal::new("2025".to_string());
    let end_year = RwSignal::new("2030".to_string());
    let name_error = RwSignal::new(None::<&'static str>);
    let term_error = RwSignal::new(None::<&'static str>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        name_error.set(n.is_empty().then_some("Hãy nhập tên đảng bộ, ví dụ: Hòa An."));
        let term = Term::parse(&start_year.get_untracked(), &end_year.get_untracked()).ok();
        term_error.set(term.is_none().then_some(Term::INVALID));
        let (Some(term), false) = (term, n.is_empty()) else { return };
        let now = clock::now();
        let ward = Ward {
            id: WardId::new(clock::new_id()),
            name: n,
            kind: kind.get_untracked(),
            superior: superior.get_untracked().trim().to_string(),
            term,
            settings: WardSettings::default(),
            created_at: now,
            updated_at: now,
        };
        store.set_data(WardData::new(ward));
    };
    view! {
        <div class="page">
            <h1 tabindex="-1">"Chào mừng đến với Phát triển đảng viên"</h1>
            <p class="lead">"Ứng dụng lưu dữ liệu ngay trong trình duyệt trên máy này. Hãy chọn cách bắt đầu."</p>
            <div class="choices">
                <section class="card" aria-labelledby="choice-demo">
                    <h2 id="choice-demo">"Xem thử với dữ liệu mẫu"</h2>
                    <p>"Đảng bộ phường Hòa An (tên giả định): 31 chi bộ, khoảng 1.720 đảng viên, ba năm công tác phát triển đảng viên."</p>
                    <button class="button primary" on:click=use_demo>"Dùng dữ liệu mẫu"</button>
                </section>
                <section class="card" aria-labelledby="choice-own">
                    <h2 id="choice-own">"Bắt đầu với đảng bộ của tôi"</h2>
                    <form on:submit=create novalidate>
                        <fieldset>
                            <legend>"Cấp đảng bộ"</legend>
                            {UnitKind::ALL.into_iter().map(|k| view! {
                                <label class="radio">
                                    <input type="radio" name="unit-kind" prop:checked=move || kind.get() == k
                                        on:change=move |_| kind.set(k) />
                                    {format!("Đảng bộ {}", k.label())}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <div class="field">
                            <label for="ward-name">"Tên đảng bộ"</label>
                            <input id="ward-name" type="text" autocomplete="off" placeholder="Ví dụ: Hòa An"
                                aria-describedby="ward-name-error" aria-invalid=move || name_error.get().is_some().then_some("true")
                                prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value()) />
                            <p id="ward-name-error" class="field-error">{move || name_error.get()}</p>
                        </div>
                        <div class="field">
                            <label for="ward-superior">"Cấp ủy cấp trên trực tiếp"</label>
                            <input id="ward-superior" type="text" autocomplete="off" placeholder="Ví dụ: Tỉnh ủy Thái Nguyên"
                                prop:value=move || superior.get() on:input:target=move |ev| superior.set(ev.target().value()) />
                        </div>
                        <fieldset class="inline" aria-describedby="term-error">
                            <legend>"Nhiệm kỳ"</legend>
                            <label for="term-start">"Từ năm"</label>
                            <input id="term-start" type="text" inputmode="numeric" size="5"
                                prop:value=move || start_year.get() on:input:target=move |ev| start_year.set(ev.target().value()) />
                            <label for="term-end">"đến năm"</label>
                            <input id="term-end" type="text" inputmode="numeric" size="5"
                                prop:value=move || end_year.get() on:input:target=move |ev| end_year.set(ev.target().value()) />
                            <p id="term-error" class="field-error">{move || term_error.get()}</p>
                        </fieldset>
                        <button class="button primary" type="submit">"Tạo đảng bộ"</button>
                    </form>
                </section>
            </div>
        </div>
    }
}
