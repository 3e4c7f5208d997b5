//! Tổng hợp (`#/tong-hop`): several wards' or cells' files read together, read-only
//! (`ptdv_domain::rollup`). Each file goes through the import's loader; nothing is stored, and
//! the user's own ward is never changed. This first step reads plain files chosen at once and
//! shows what was left out, one line per ward and Biểu 2 of the whole set.

use crate::clock;
use crate::components::Page;
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::format::load;
use ptdv_domain::overview::{PeriodChoice, View};
use ptdv_domain::rollup::{FileIn, Rollup, RollupReport};
use ptdv_domain::statistics::{Half, Scope};
use ptdv_domain::text::{format_count, format_int};
use wasm_bindgen::JsCast;

/// Tổng hợp.
#[component]
pub fn RollupPage() -> impl IntoView {
    let set = RwSignal::new(None::<std::sync::Arc<Rollup>>);
    let busy = RwSignal::new(None::<(usize, usize)>);
    let today = clock::today();
    let period = RwSignal::new(PeriodChoice::Year(today.year()));
    let read = move |list: web_sys::FileList| {
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        if files.is_empty() || busy.get_untracked().is_some() {
            return;
        }
        leptos::task::spawn_local(async move {
            let today = clock::today();
            let mut read = Vec::with_capacity(files.len());
            for (i, file) in files.iter().enumerate() {
                busy.set(Some((i, files.len())));
                let name = file.name();
                let loaded = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => load(&js_sys::Uint8Array::new(&buf).to_vec(), today),
                    Err(_) => Err(ptdv_domain::format::LoadError::Empty),
                };
                read.push(FileIn { name, loaded });
            }
            busy.set(None);
            set.set(Some(std::sync::Arc::new(Rollup::assemble(read, today))));
        });
    };
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(list) = input.files() {
            read(list);
        }
        input.set_value("");
    };
    // Files dropped anywhere on the card are read like files chosen.
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            read(list);
        }
    };
    let y = today.year();
    let periods = [
        PeriodChoice::Year(y),
        PeriodChoice::Half(y, Half::First),
        PeriodChoice::Half(y, Half::Second),
        PeriodChoice::Year(y - 1),
        PeriodChoice::Year(y - 2),
        PeriodChoice::Term,
    ];
    view! {
        <Page title="Tổng hợp" lead="Đọc cùng lúc tệp của nhiều đảng bộ (hoặc của các chi bộ) để cộng số liệu. Chỉ xem: không lưu, không thay đổi dữ liệu của đảng bộ trên máy này.">
            <section class="card drop-zone" class:dragging=move || dragging.get() aria-labelledby="rollup-files-title" data-testid="rollup-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <h2 id="rollup-files-title">"Chọn các tệp"</h2>
                <p class="hint">"Chọn nhiều tệp cùng lúc, hoặc kéo các tệp thả vào khung này. Tệp của các chi bộ cùng một đảng bộ được ghép lại."</p>
                <div class="field">
                    <label for="rollup-files">"Tệp xuất của các đảng bộ hoặc chi bộ (.json), chọn nhiều tệp cùng lúc"</label>
                    <input id="rollup-files" type="file" multiple accept=".json,application/json" on:change=on_files />
                </div>
                <div class="field">
                    <label for="rollup-period">"Kỳ"</label>
                    <select id="rollup-period" on:change:target=move |ev| {
                        if let Some(p) = PeriodChoice::from_code(&ev.target().value()) {
                            period.set(p);
                        }
                    }>
                        {periods.into_iter().map(|p| {
                            let label = if p == PeriodChoice::Term { "Cả nhiệm kỳ".to_string() } else { p.label(&Default::default()) };
                            view! { <option value=p.code() prop:selected=move || period.get() == p>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {move || busy.get().map(|(i, n)| view! {
                    <p role="status" data-testid="rollup-progress">{format!("Đang đọc tệp {} / {}…", i + 1, n)}</p>
                })}
            </section>
            {move || set.get().map(|s| {
                let view = View { period: period.get(), scope: Scope::Ward };
                let r = RollupReport::compute(&s, &view, today);
                let label = if view.period == PeriodChoice::Term { "cả nhiệm kỳ".to_string() } else { view.period.label(&Default::default()) };
                view! { <RollupBody set=s r label /> }
            })}
        </Page>
    }
}

#[component]
fn RollupBody(set: std::sync::Arc<Rollup>, r: RollupReport, label: String) -> impl IntoView {
    let aside = set.set_aside.iter().map(|a| a.message()).collect::<Vec<_>>();
    let files = set.wards.iter().map(|w| w.files.len()).sum::<usize>();
    view! {
        <section class="card" aria-labelledby="rollup-set-title" data-testid="rollup-set">
            <h2 id="rollup-set-title">{format!("{} đảng bộ từ {} tệp — {}", format_count(set.wards.len()), format_count(files), label)}</h2>
            {(!aside.is_empty()).then(|| view! {
                <ul class="rollup-aside" data-testid="rollup-aside">{aside.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            })}
            <div class="table-wrap">
                <table class="data-table" data-testid="rollup-wards">
                    <thead>
                        <tr>
                            <th scope="col">"Đảng bộ"</th>
                            <th scope="col">"Kết nạp"</th>
                            <th scope="col">"Chỉ tiêu năm"</th>
                            <th scope="col">"% chỉ tiêu"</th>
                            <th scope="col">"Cùng kỳ năm trước"</th>
                            <th scope="col">"Tỷ lệ phát triển"</th>
                            <th scope="col">"Đang bồi dưỡng"</th>
                            <th scope="col">"Việc quá hạn"</th>
                            <th scope="col">"Chi bộ chưa kết nạp"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.wards.iter().chain(std::iter::once(&r.total)).map(|w| view! {
                            <tr>
                                <th scope="row">{w.name.clone()}</th>
                                <td>{format_int(w.admitted)}</td>
                                <td>{w.target.map(format_int).unwrap_or_else(|| "—".into())}</td>
                                <td>{w.attainment.percent_text()}</td>
                                <td>{format_int(w.same_period)}</td>
                                <td>{w.development.percent_text()}</td>
                                <td>{format_int(w.in_pipeline)}</td>
                                <td>{format_int(w.overdue)}</td>
                                <td>{format_int(w.cells_without_admission)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card" aria-labelledby="rollup-bieu2-title">
            <h2 id="rollup-bieu2-title">"Biểu số 2-BTCTW của cả tập tệp"</h2>
            <div class="table-wrap">
                <table class="data-table form-table" data-testid="rollup-bieu2">
                    <thead>
                        <tr>
                            <th scope="col">"TT"</th>
                            <th scope="col">"Tiêu chí"</th>
                            <th scope="col">"Kỳ này"</th>
                            <th scope="col">"Cùng kỳ năm trước"</th>
                            <th scope="col">"(%) kỳ này so với cùng kỳ năm trước"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.bieu2.iter().map(|s| view! {
                            <tr class=format!("depth-{}", s.row.depth())>
                                <td>{s.row.number()}</td>
                                <th scope="row">{RollupReport::label(s.row)}</th>
                                <td>{s.this.text()}</td>
                                <td>{s.last.text()}</td>
                                <td>{s.percent()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="card" aria-labelledby="rollup-bieu2b-title">
            <h2 id="rollup-bieu2b-title">"Biểu số 2B-BTCTW của cả tập tệp"</h2>
            <div class="table-wrap">
                <table class="data-table form-table" data-testid="rollup-bieu2b">
                    <thead>
                        <tr>
                            <th scope="col">"TT"</th>
                            <th scope="col">"Tên dân tộc, tôn giáo"</th>
                            <th scope="col">"Tổng số"</th>
                            <th scope="col">"Trong đó: nữ"</th>
                            <th scope="col">"Tỷ lệ (%)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.bieu2b.iter().map(|l| view! {
                            <tr class:part=l.heading>
                                <td>{l.number.clone()}</td>
                                <th scope="row">{l.label.clone()}</th>
                                <td>{format_int(l.total)}</td>
                                <td>{format_int(l.women)}</td>
                                <td>{l.share.percent_text()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
