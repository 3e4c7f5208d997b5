use crate::components::Page;
use crate::pages::{DueList, Welcome};
use crate::store::Store;
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::statistics::{Period, Report, Scope};
use ptdv_domain::text::{format_date, format_int};

/// The figures on the dashboard, computed from the ward's record.
#[derive(Clone, PartialEq)]
struct Summary {
    year: i32,
    admitted: u32,
    target: Option<(u32, String)>,
    active: u32,
    probationary: u32,
    overdue: usize,
    due_soon: usize,
    cells: usize,
}

/// Tổng quan: the year's progress and what is due; the welcome on first run.
#[component]
pub fn Dashboard() -> impl IntoView {
    let store = Store::get();
    let due = DueList::get();
    let summary = Memo::new(move |_| {
        let today = store.today.get();
        store.data.with(|d| {
            let d = d.as_ref()?;
            let report = Report::compute(d, Period::Year { year: today.year() }, &Scope::Ward, today);
            Some(Summary {
                year: today.year(),
                admitted: report.admitted.total,
                target: report.year_target.map(|t| (t.target, t.ratio.percent_text())),
                active: report.pipeline.active,
                probationary: report.pipeline.probationary,
                overdue: due.overdue(),
                due_soon: due.due_soon(),
                cells: d.cells.iter().filter(|c| !c.archived).count(),
            })
        })
    });
    move || match summary.get() {
        None => view! { <Welcome /> }.into_any(),
        Some(s) => view! {
            <Page title="Tổng quan" lead="Tình hình phát triển đảng viên của đảng bộ trong năm.">
                <crate::pages::ReviewNotice />
                <ul class="tiles" aria-label="Số liệu chính">
                    <li class="tile">
                        <span class="tile-label">{format!("Kết nạp năm {}", s.year)}</span>
                        <span class="tile-value" data-testid="admitted">{format_int(s.admitted)}</span>
                        <span class="tile-note">{match &s.target {
                            Some((t, pct)) => format!("Chỉ tiêu {}: đạt {}", format_int(*t), pct),
                            None => "Chưa có chỉ tiêu năm".to_string(),
                        }}</span>
                    </li>
                    <li class="tile">
                        <span class="tile-label">"Đang theo dõi"</span>
                        <span class="tile-value">{format_int(s.active)}</span>
                        <span class="tile-note">{format!("trong đó {} đảng viên dự bị", format_int(s.probationary))}</span>
                    </li>
                    <li class={if s.overdue > 0 { "tile alert" } else { "tile" }}>
                        <span class="tile-label">"Việc quá hạn"</span>
                        <span class="tile-value" data-testid="overdue">{format_int(s.overdue as u32)}</span>
                        <span class="tile-note">{format!("{} việc sắp đến hạn", format_int(s.due_soon as u32))}</span>
                    </li>
                    <li class="tile">
                        <span class="tile-label">"Chi bộ"</span>
                        <span class="tile-value">{format_int(s.cells as u32)}</span>
                        <span class="tile-note">{format!("Số liệu đến ngày {}", format_date(store.today.get()))}</span>
                    </li>
                </ul>
                <p class="hint">"Danh sách việc cần làm, hồ sơ từng người và báo cáo chi tiết đang được xây dựng."</p>
            </Page>
        }
        .into_any(),
    }
}
