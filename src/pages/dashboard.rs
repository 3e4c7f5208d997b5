//! Tổng quan: where the ward stands for a chosen period and scope — the figures, each opening
//! the list behind it, and the charts (plotters SVG with a focusable overlay, a data table
//! under each). Everything comes from one `ptdv_domain::overview::Overview` in one memo.

use super::candidates::roster_memo;
use crate::charts::{self, Chart, MonthDatum, YearDatum};
use crate::components::Page;
use crate::route::{go_to, hash_query, replace_hash, Route};
use crate::store::Store;
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::model::{CellKind, SourceOrg};
use ptdv_domain::overview::{mid_term_end, scope_code, scope_from_code, Figure, Overview, PeriodChoice, View};
use ptdv_domain::roster::RosterQuery;
use ptdv_domain::statistics::{Half, Quarter, Scope};
use ptdv_domain::text::{format_date, format_int, parse_date};
use std::sync::Arc;

/// The data table of the chart `key` (head, rows), as the domain writes it.
fn table_of(o: &Overview, key: &str) -> (Vec<String>, Vec<Vec<String>>) {
    o.table(key).map(|t| (t.head.clone(), t.rows.clone())).unwrap_or_default()
}

/// The link to the candidate list filtered by `q`.
fn list_href(q: &RosterQuery) -> String {
    let query = q.to_query();
    if query.is_empty() {
        Route::Candidates.href()
    } else {
        format!("{}?{query}", Route::Candidates.href())
    }
}

/// Tổng quan (the shell shows the welcome instead before a ward exists).
#[component]
pub fn Dashboard() -> impl IntoView {
    let store = Store::get();
    let view = RwSignal::new(View::from_query(&hash_query(), store.today.get_untracked()));
    let has_ward = Memo::new(move |_| store.data.with(Option::is_some));
    // The address follows the choice (a view can be bookmarked and sent); not on first run.
    Effect::new(move |_| {
        if has_ward.get() {
            replace_hash(&format!("#/tong-quan?{}", view.with(View::to_query)));
        }
    });
    let built = roster_memo(store);
    let overview = Memo::new(move |_| {
        let today = store.today.get();
        let v = view.get();
        let roster = built.with(|b| b.as_ref().and_then(|b| b.as_ref().ok()).map(|b| b.roster.clone()))?;
        store.data.with(|d| d.as_ref().map(|d| Arc::new(Overview::compute(d, &v, today, &roster))))
    });
    move || {
        if !has_ward.get() {
            return ().into_any();
        }
        view! {
            <Page title="Tổng quan" lead="Tình hình phát triển đảng viên: chọn kỳ và phạm vi, bấm vào số liệu để xem danh sách.">
                <crate::pages::ReviewNotice />
                <ViewPicker view />
                {move || match overview.get() {
                    None if store.rules.with(|r| matches!(r, Some(Err(_)))) => view! {
                        <p class="notice error" role="alert">"Không đọc được bộ quy định nên chưa tính được số liệu. Hãy tải lại trang; nếu vẫn lỗi, báo người phụ trách kỹ thuật."</p>
                    }.into_any(),
                    None => view! { <p class="notice" role="status">"Đang tính số liệu…"</p> }.into_any(),
                    Some(o) => {
                        let label = store.data.with_untracked(|d| d.as_ref().map(|d| o.view.label(d))).unwrap_or_default();
                        view! { <OverviewBody o view label /> }.into_any()
                    }
                }}
            </Page>
        }
        .into_any()
    }
}

/// Period and scope. `set`: for several wards (Tổng hợp) — each ward's own term, and no
/// single cell.
#[component]
pub(crate) fn ViewPicker(view: RwSignal<View>, #[prop(optional)] set: bool) -> impl IntoView {
    let store = Store::get();
    let today = store.today.get_untracked();
    let term = store.data.with_untracked(|d| d.as_ref().filter(|_| !set).map(|d| d.ward.term)).unwrap_or_default();
    let years: Vec<i32> = ((term.start_year - 5).min(today.year() - 5)..=today.year() + 1).rev().collect();
    let kind = move || view.with(|v| v.period.kind());
    let year = move || match view.with(|v| v.period) {
        PeriodChoice::Year(y) | PeriodChoice::Half(y, _) | PeriodChoice::Quarter(y, _) | PeriodChoice::Month(y, _) => y,
        _ => today.year(),
    };
    let set_period = move |p: PeriodChoice| view.update(|v| v.period = p);
    let on_kind = move |k: String| set_period(PeriodChoice::of_kind(&k, today));
    let on_year = move |y: String| {
        let Ok(y) = y.parse::<i32>() else { return };
        set_period(match view.with_untracked(|v| v.period) {
            PeriodChoice::Half(_, h) => PeriodChoice::Half(y, h),
            PeriodChoice::Quarter(_, q) => PeriodChoice::Quarter(y, q),
            PeriodChoice::Month(_, m) => PeriodChoice::Month(y, m),
            _ => PeriodChoice::Year(y),
        });
    };
    let part = move || match view.with(|v| v.period) {
        PeriodChoice::Half(_, Half::First) => "1".to_string(),
        PeriodChoice::Half(_, Half::Second) => "2".to_string(),
        PeriodChoice::Quarter(_, q) => (Quarter::ALL.iter().position(|x| *x == q).unwrap_or(0) + 1).to_string(),
        PeriodChoice::Month(_, m) => m.to_string(),
        _ => String::new(),
    };
    let on_part = move |s: String| {
        let Ok(n) = s.parse::<usize>() else { return };
        let y = year();
        set_period(match view.with_untracked(|v| v.period) {
            PeriodChoice::Half(..) => PeriodChoice::Half(y, if n == 1 { Half::First } else { Half::Second }),
            PeriodChoice::Quarter(..) => PeriodChoice::Quarter(y, Quarter::ALL.get(n.saturating_sub(1)).copied().unwrap_or(Quarter::Q1)),
            PeriodChoice::Month(..) => PeriodChoice::Month(y, n.clamp(1, 12) as u32),
            other => other,
        });
    };
    let (from_text, to_text) = match view.get_untracked().period {
        PeriodChoice::Range(a, b) => (format_date(a), format_date(b)),
        _ => (format!("01/01/{}", today.year()), format_date(today)),
    };
    let from = RwSignal::new(from_text);
    let to = RwSignal::new(to_text);
    let range_error = RwSignal::new(None::<String>);
    let apply_range = move |_| match (parse_date(&from.get_untracked()), parse_date(&to.get_untracked())) {
        (Ok(a), Ok(b)) if a <= b => {
            range_error.set(None);
            set_period(PeriodChoice::Range(a, b));
        }
        (Ok(_), Ok(_)) => range_error.set(Some("Ngày bắt đầu phải trước ngày kết thúc.".into())),
        _ => range_error.set(Some("Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 01/01/2026.".into())),
    };
    let scope_value = move || view.with(|v| scope_code(&v.scope).unwrap_or_default());
    let on_scope = move |code: String| {
        if let Some(s) = scope_from_code(&code) {
            view.update(|v| v.scope = s);
        }
    };
    let cells = store.data.with_untracked(|d| {
        d.as_ref()
            .filter(|_| !set)
            .map(|d| d.cells.iter().filter(|c| !c.archived).map(|c| (format!("chi-bo:{}", c.id), c.name.clone())).collect::<Vec<_>>())
    });
    view! {
        <form class="view-picker" aria-label="Chọn kỳ và phạm vi" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="view-kind">"Kỳ"</label>
                <select id="view-kind" on:change:target=move |ev| on_kind(ev.target().value())>
                    {[
                        ("nam", "Cả năm".to_string()),
                        ("6-thang", "6 tháng".to_string()),
                        ("quy", "Quý".to_string()),
                        ("thang", "Tháng".to_string()),
                        ("nhiem-ky", if set { "Cả nhiệm kỳ của từng đảng bộ".to_string() } else { format!("Cả nhiệm kỳ {}–{}", term.start_year, term.end_year) }),
                        ("giua-nhiem-ky", if set { "Giữa nhiệm kỳ của từng đảng bộ".to_string() } else { format!("Giữa nhiệm kỳ (đến {})", format_date(mid_term_end(&term))) }),
                        ("tuy-chon", "Từ ngày … đến ngày …".to_string()),
                    ].into_iter().map(|(v, l)| view! { <option value=v prop:selected=move || kind() == v>{l}</option> }).collect_view()}
                </select>
            </div>
            <Show when=move || !matches!(kind(), "nhiem-ky" | "giua-nhiem-ky" | "tuy-chon")>
                <div class="field">
                    <label for="view-year">"Năm"</label>
                    <select id="view-year" on:change:target=move |ev| on_year(ev.target().value())>
                        {years.iter().map(|y| {
                            let y = *y;
                            view! { <option value=y.to_string() prop:selected=move || year() == y>{y.to_string()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <Show when=move || matches!(kind(), "6-thang" | "quy" | "thang")>
                <div class="field">
                    <label for="view-part">{move || match kind() { "6-thang" => "Nửa năm", "quy" => "Quý", _ => "Tháng" }}</label>
                    <select id="view-part" on:change:target=move |ev| on_part(ev.target().value())>
                        {move || match kind() {
                            "6-thang" => vec![("1", "6 tháng đầu năm".to_string()), ("2", "6 tháng cuối năm".to_string())],
                            "quy" => vec![("1", "Quý I".into()), ("2", "Quý II".into()), ("3", "Quý III".into()), ("4", "Quý IV".into())],
                            _ => ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"].into_iter().map(|m| (m, format!("Tháng {m}"))).collect(),
                        }.into_iter().map(|(v, l)| view! { <option value=v prop:selected=move || part() == v>{l}</option> }).collect_view()}
                    </select>
                </div>
            </Show>
            <Show when=move || kind() == "tuy-chon">
                <div class="field">
                    <label for="view-from">"Từ ngày"</label>
                    <input id="view-from" type="text" inputmode="numeric" placeholder="dd/mm/yyyy" prop:value=move || from.get()
                        aria-invalid=move || range_error.with(Option::is_some).to_string()
                        aria-describedby=move || range_error.with(Option::is_some).then_some("view-range-error")
                        on:input:target=move |ev| from.set(ev.target().value()) />
                </div>
                <div class="field">
                    <label for="view-to">"Đến ngày"</label>
                    <input id="view-to" type="text" inputmode="numeric" placeholder="dd/mm/yyyy" prop:value=move || to.get()
                        aria-invalid=move || range_error.with(Option::is_some).to_string()
                        aria-describedby=move || range_error.with(Option::is_some).then_some("view-range-error")
                        on:input:target=move |ev| to.set(ev.target().value()) />
                </div>
                <button type="button" class="button" on:click=apply_range>"Xem"</button>
                {move || range_error.get().map(|e| view! { <p class="error" role="alert" id="view-range-error">{e}</p> })}
            </Show>
            <div class="field">
                <label for="view-scope">"Phạm vi"</label>
                <select id="view-scope" on:change:target=move |ev| on_scope(ev.target().value())>
                    <option value="" prop:selected=move || scope_value().is_empty()>{if set { "Toàn bộ các đảng bộ" } else { "Toàn Đảng bộ" }}</option>
                    {cells.map(|cells| view! {
                        <optgroup label="Một chi bộ">
                            {cells.into_iter().map(|(v, l)| {
                                let v2 = v.clone();
                                view! { <option value=v prop:selected=move || scope_value() == v2>{l}</option> }
                            }).collect_view()}
                        </optgroup>
                    })}
                    <optgroup label="Một loại chi bộ">
                        {CellKind::ALL.iter().map(|k| {
                            let v = scope_code(&Scope::CellKind { kind: *k }).unwrap_or_default();
                            let v2 = v.clone();
                            view! { <option value=v prop:selected=move || scope_value() == v2>{k.label()}</option> }
                        }).collect_view()}
                    </optgroup>
                    <optgroup label="Một nguồn giới thiệu">
                        {SourceOrg::ALL.iter().map(|s| {
                            let v = scope_code(&Scope::Source { source: *s }).unwrap_or_default();
                            let v2 = v.clone();
                            view! { <option value=v prop:selected=move || scope_value() == v2>{s.label()}</option> }
                        }).collect_view()}
                    </optgroup>
                </select>
            </div>
        </form>
    }
}

/// The figures and charts of one overview. `read_only`: another ward's (Tổng hợp), whose
/// lists and cells are not on this machine — nothing opens a list or a cell.
#[component]
pub(crate) fn OverviewBody(
    o: Arc<Overview>,
    view: RwSignal<View>,
    /// "Năm 2026 · Toàn Đảng bộ".
    label: String,
    #[prop(optional)] read_only: bool,
) -> impl IntoView {
    let figures = o.figures.clone();
    let empty = o.report.admitted.total == 0;
    view! {
        <p class="view-label" id="view-label" tabindex="-1" data-testid="view-label">{label}</p>
        <ul class="figures" aria-label="Số liệu chính" data-testid="figures">
            {figures.into_iter().map(|f| view! { <FigureCard f read_only /> }).collect_view()}
        </ul>
        <div class="charts">
            <MonthsChart o=o.clone() />
            <CellsChart o=o.clone() view read_only />
            <FunnelChart o=o.clone() read_only />
            {o.breakdowns.iter().map(|b| {
                let rows: Vec<(String, u32, String)> = b.bars.iter().map(|bar| (bar.label.clone(), bar.value, format!("{}: {} người", bar.label, format_int(bar.value)))).collect();
                let links: Vec<Option<String>> = b.bars.iter().map(|bar| bar.list.as_ref().map(list_href)).collect();
                let active: Vec<bool> = links.iter().map(Option::is_some).collect();
                let (head, table) = table_of(&o, b.key);
                let chart = (!empty).then(|| charts::bars(&rows, None)).flatten();
                let key = b.key;
                view! {
                    <ChartCard key title=format!("Người được kết nạp {}", b.title.to_lowercase()) chart
                        empty=empty.then_some("Không có ai được kết nạp trong kỳ này.")
                        head table active
                        action=(!read_only).then(|| Callback::new(move |i: usize| if let Some(Some(h)) = links.get(i) { go_to(h) })) />
                }
            }).collect_view()}
            <TrendChart o=o.clone() />
        </div>
    }
}

#[component]
fn FigureCard(f: Figure, read_only: bool) -> impl IntoView {
    let class = if f.alert { "figure alert" } else { "figure" };
    let testid = format!("figure-{}", f.key);
    let count = f.count.map(|c| c.to_string()).unwrap_or_default();
    let body = view! {
        <span class="figure-label">{f.label.clone()}</span>
        <span class="figure-value">{f.value.clone()}</span>
        <span class="figure-note">{f.note.clone()}</span>
    };
    let inner = match (f.list.as_ref().filter(|_| !read_only), f.items.is_empty()) {
        (Some(q), _) => view! { <a class="figure-link" href=list_href(q)>{body}</a> }.into_any(),
        (None, false) => {
            let items = f.items.clone();
            view! {
                <div class="figure-static">{body}</div>
                <details class="figure-items">
                    <summary>{format!("Xem {} nơi", items.len())}</summary>
                    <ul>
                        {items.into_iter().map(|(name, id)| match id.filter(|_| !read_only) {
                            Some(id) => view! { <li><a href=Route::Cell(id.to_string()).href()>{name}</a></li> }.into_any(),
                            None => view! { <li>{name}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                </details>
            }
            .into_any()
        }
        (None, true) => view! { <div class="figure-static">{body}</div> }.into_any(),
    };
    view! { <li class=class data-testid=testid data-count=count>{inner}</li> }
}

/// A chart with its overlay, tooltip, legend and data table.
#[component]
pub(crate) fn ChartCard(
    key: &'static str,
    #[prop(into)] title: String,
    chart: Option<Chart>,
    /// Said in words instead of an empty axis.
    empty: Option<&'static str>,
    head: Vec<String>,
    table: Vec<Vec<String>>,
    /// What activating mark `i` does (none: the marks only show their value).
    action: Option<Callback<usize>>,
    /// Which marks `action` applies to (all when empty).
    #[prop(optional)]
    active: Vec<bool>,
    #[prop(optional)] legend: Option<AnyView>,
) -> impl IntoView {
    let tip = RwSignal::new(None::<usize>);
    let copied = RwSignal::new(false);
    let title_id = format!("chart-{key}-title");
    let tsv = std::iter::once(head.join("\t")).chain(table.iter().map(|r| r.join("\t"))).collect::<Vec<_>>().join("\n");
    let copy = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&tsv);
            copied.set(true);
        }
    };
    let drawn = match (empty, chart) {
        (Some(message), _) => view! { <p class="chart-empty">{message}</p> }.into_any(),
        (None, None) => view! { <p class="chart-empty">"Không vẽ được biểu đồ; số liệu ở bảng dưới đây."</p> }.into_any(),
        (None, Some(c)) => {
            let (w, h) = (f64::from(c.width), f64::from(c.height));
            let marks = c.marks.clone();
            let marks2 = c.marks.clone();
            let acts = move |i: usize| action.is_some() && active.get(i).copied().unwrap_or(active.is_empty());
            view! {
                <div class="chart-box">
                    <div class="chart-svg" aria-hidden="true" inner_html=c.svg></div>
                    <svg class="chart-overlay" viewBox=format!("0 0 {} {}", c.width, c.height) role="group" aria-labelledby=title_id.clone()>
                        {marks.into_iter().map(|m| {
                            let i = m.index;
                            let on = acts(i);
                            let activate = move || if let (true, Some(a)) = (on, action) { a.run(i) };
                            view! {
                                <rect class=if on { "mark active" } else { "mark" } x=m.x y=m.y width=m.w height=m.h tabindex="0"
                                    role=if on { "button" } else { "img" } aria-label=m.text.clone()
                                    on:mouseenter=move |_| tip.set(Some(i)) on:mouseleave=move |_| tip.set(None)
                                    on:focus=move |_| tip.set(Some(i)) on:blur=move |_| tip.set(None)
                                    on:click=move |_| activate()
                                    on:keydown=move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
                                        "Enter" | " " => { ev.prevent_default(); activate() }
                                        "Escape" => tip.set(None),
                                        _ => {}
                                    } />
                            }
                        }).collect_view()}
                    </svg>
                    {move || tip.get().and_then(|i| marks2.iter().find(|m| m.index == i).cloned()).map(|m| {
                        let left = (m.x + m.w / 2.0) / w * 100.0;
                        let top = m.y / h * 100.0;
                        view! { <div class="chart-tip" aria-hidden="true" style=format!("left:{left:.1}%;top:{top:.1}%")>{m.text}</div> }
                    })}
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="card chart-card" aria-labelledby=title_id.clone() data-testid=format!("chart-{key}")>
            <h2 id=title_id.clone()>{title}</h2>
            {drawn}
            {legend}
            <details class="chart-table">
                <summary>"Xem bảng số liệu"</summary>
                <table class="data-table">
                    <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {table.into_iter().map(|r| view! {
                            <tr>{r.into_iter().enumerate().map(|(i, c)| if i == 0 {
                                view! { <th scope="row">{c}</th> }.into_any()
                            } else {
                                view! { <td>{c}</td> }.into_any()
                            }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p>
                    <button type="button" class="button" on:click=copy>"Chép bảng"</button>
                    <Show when=move || copied.get()><span role="status">" Đã chép, có thể dán vào Excel."</span></Show>
                </p>
            </details>
        </section>
    }
}

#[component]
fn MonthsChart(o: Arc<Overview>) -> impl IntoView {
    // Labels that never overlap: every month up to a year, then the quarters, then the years.
    let n = o.monthly.len();
    let data: Vec<MonthDatum> = o
        .monthly
        .iter()
        .map(|m| MonthDatum {
            label: match n {
                0..=12 => format!("T{}", m.month),
                13..=24 => format!("{}/{}", m.month, m.year % 100),
                _ => m.year.to_string(),
            },
            admitted: m.admitted,
            cumulative: m.cumulative,
            last_year: m.last_year_cumulative,
            future: m.future,
            text: format!(
                "Tháng {}/{}: kết nạp {}, cộng dồn {}; cùng kỳ năm trước cộng dồn {}",
                m.month,
                m.year,
                format_int(m.admitted),
                format_int(m.cumulative),
                format_int(m.last_year_cumulative)
            ),
        })
        .collect();
    let (head, table) = table_of(&o, "thang");
    let nothing = o.monthly.iter().all(|m| m.admitted == 0 && m.last_year_cumulative == 0);
    let chart = (!nothing).then(|| charts::months(&data, o.target_line)).flatten();
    let legend = view! {
        <ul class="chart-legend">
            <li><span class="swatch bar-light" aria-hidden="true"></span>"Kết nạp trong tháng"</li>
            <li><span class="swatch line-solid" aria-hidden="true"></span>"Cộng dồn từ đầu kỳ"</li>
            <li><span class="swatch line-dashed" aria-hidden="true"></span>"Cộng dồn cùng kỳ năm trước"</li>
            {o.target_line.map(|t| view! { <li><span class="swatch line-target" aria-hidden="true"></span>{format!("Chỉ tiêu: {}", format_int(t))}</li> })}
        </ul>
    }
    .into_any();
    view! {
        <ChartCard key="thang" title="Kết nạp theo tháng, cộng dồn so với chỉ tiêu" chart
            empty=nothing.then_some("Không có ai được kết nạp trong kỳ này và cùng kỳ năm trước.")
            head table action=None legend />
    }
}

#[component]
fn CellsChart(o: Arc<Overview>, view: RwSignal<View>, read_only: bool) -> impl IntoView {
    let cells = o.cells.clone();
    let rows: Vec<(String, u32, String)> = cells
        .iter()
        .map(|c| {
            let text = match c.target {
                Some(t) => format!("{}: {} / chỉ tiêu {} ({})", c.name, format_int(c.admitted), format_int(t), c.ratio.percent_text()),
                None => format!("{}: {} (chưa có chỉ tiêu)", c.name, format_int(c.admitted)),
            };
            (c.name.clone(), c.admitted, text)
        })
        .collect();
    let targets: Vec<Option<u32>> = cells.iter().map(|c| c.target).collect();
    let (head, table) = table_of(&o, "chi-bo");
    let chart = (!rows.is_empty()).then(|| charts::bars(&rows, Some(&targets))).flatten();
    let ids: Vec<_> = cells.iter().map(|c| c.cell_id.clone()).collect();
    let action = Callback::new(move |i: usize| {
        if let Some(id) = ids.get(i) {
            view.update(|v| v.scope = Scope::Cell { cell_id: id.clone() });
            // The page is drawn again for the cell: the focus goes to the line saying which.
            crate::components::focus_after_redraw("view-label");
        }
    });
    let year = o.cells_year;
    let legend = view! {
        <ul class="chart-legend">
            <li><span class="swatch bar" aria-hidden="true"></span>{format!("Kết nạp từ 01/01/{year}")}</li>
            <li><span class="swatch tick" aria-hidden="true"></span>"Chỉ tiêu năm của chi bộ"</li>
            {(!read_only).then(|| view! { <li>"Bấm vào một chi bộ để xem riêng chi bộ đó."</li> })}
        </ul>
    }
    .into_any();
    view! {
        <ChartCard key="chi-bo" title=format!("Từng chi bộ so với chỉ tiêu năm {year} (chậm nhất ở trên)") chart
            empty=rows.is_empty().then_some("Phạm vi này không có chi bộ nào.")
            head table action=(!read_only).then_some(action) legend />
    }
}

#[component]
fn FunnelChart(o: Arc<Overview>, read_only: bool) -> impl IntoView {
    let rows: Vec<(String, u32, String)> =
        o.funnel.iter().map(|b| (b.label.clone(), b.value, format!("{}: {} người", b.label, format_int(b.value)))).collect();
    let links: Vec<Option<String>> = o.funnel.iter().map(|b| b.list.as_ref().map(list_href)).collect();
    let active: Vec<bool> = links.iter().map(Option::is_some).collect();
    let (head, table) = table_of(&o, "giai-doan");
    let nothing = o.funnel.iter().all(|b| b.value == 0);
    let chart = (!nothing).then(|| charts::bars(&rows, None)).flatten();
    view! {
        <ChartCard key="giai-doan" title=format!("Người đang ở từng bước, ngày {}", format_date(o.report.as_of)) chart
            empty=nothing.then_some("Không có ai đang ở các bước trong phạm vi này.")
            head table active
            action=(!read_only).then(|| Callback::new(move |i: usize| if let Some(Some(h)) = links.get(i) { go_to(h) })) />
    }
}

#[component]
fn TrendChart(o: Arc<Overview>) -> impl IntoView {
    let data: Vec<YearDatum> = o
        .trend
        .iter()
        .map(|y| YearDatum {
            year: y.year,
            rate: y.rate.percent(),
            text: format!(
                "Năm {}: kết nạp {} trên {} đảng viên đầu năm, tỷ lệ {}",
                y.year,
                format_int(y.admitted),
                format_int(y.members_at_start),
                y.rate.percent_text()
            ),
        })
        .collect();
    let (head, table) = table_of(&o, "xu-huong");
    let nothing = o.trend.iter().all(|y| y.members_at_start == 0);
    let chart = (!nothing).then(|| charts::trend(&data, o.benchmark)).flatten();
    let legend = view! {
        <ul class="chart-legend">
            <li><span class="swatch line-solid" aria-hidden="true"></span>"Tỷ lệ phát triển đảng viên trong năm"</li>
            <li><span class="swatch band" aria-hidden="true"></span>"Mức 3–4 %/năm (Nghị quyết 21-NQ/TW)"</li>
        </ul>
    }
    .into_any();
    view! {
        <ChartCard key="xu-huong" title="Kết nạp và tỷ lệ phát triển qua các năm" chart
            empty=nothing.then_some("Chưa có số đảng viên đầu năm của các chi bộ để tính tỷ lệ.")
            head table action=None legend />
    }
}
