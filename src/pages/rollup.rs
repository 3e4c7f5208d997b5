//! Tổng hợp (`#/tong-hop`): several wards' or cells' files read together, read-only
//! (`ptdv_domain::rollup`). Each file goes through the import's loader; nothing is stored, and
//! the user's own ward is never changed. This first step reads plain files chosen at once and
//! shows what was left out, one line per ward and Biểu 2 of the whole set.

use super::reports::TableCard;
use crate::clock;
use crate::components::Page;
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::format::load;
use ptdv_domain::overview::{PeriodChoice, View};
use ptdv_domain::rollup::{FileIn, Rollup, RollupReport};
use ptdv_domain::statistics::{Half, Scope};
use ptdv_domain::text::format_count;
use ptdv_domain::ward_report::{bieu2_table, bieu2b_table};
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
    let classes = r.bieu2.iter().map(|row| format!("depth-{}{}", row.depth, if row.depth == 0 { " part" } else { "" })).collect();
    let classes_2b = r.bieu2b.iter().map(|l| if l.heading { "part".to_string() } else { String::new() }).collect();
    view! {
        <section class="card" aria-labelledby="rollup-set-title" data-testid="rollup-set">
            <h2 id="rollup-set-title">{format!("{} đảng bộ từ {} tệp — {}", format_count(set.wards.len()), format_count(files), label)}</h2>
            {(!aside.is_empty()).then(|| view! {
                <ul class="rollup-aside" data-testid="rollup-aside">{aside.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            })}
        </section>
        // The report's own tables, from the domain's tables of the set.
        <TableCard id="rollup-wards" table=r.wards_table() />
        <TableCard id="rollup-bieu2" table=bieu2_table(&r.bieu2) row_header=1 classes
            heading="Biểu số 2-BTCTW của cả tập tệp" />
        <TableCard id="rollup-bieu2b" table=bieu2b_table(&r.bieu2b) row_header=1 classes=classes_2b
            heading="Biểu số 2B-BTCTW của cả tập tệp" />
    }
}
