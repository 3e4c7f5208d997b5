use crate::clock;
use crate::components::{EmptyState, Page};
use crate::store::Store;
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::statistics::{target_balance, Period, Report, Scope, TargetBalance};
use ptdv_domain::text::{format_count, format_int, format_ratio_percent};

/// One row of the cells table.
#[derive(Clone, PartialEq)]
struct Row {
    code: String,
    name: String,
    kind: &'static str,
    in_charge: String,
    members: u32,
    target: Option<u32>,
    admitted: u32,
    archived: bool,
}

#[derive(Clone, PartialEq)]
struct Table {
    year: i32,
    rows: Vec<Row>,
    balance: TargetBalance,
}

fn table(data: &ptdv_domain::model::WardData) -> Table {
    let today = clock::today();
    let year = today.year();
    let report = Report::compute(data, Period::Year { year }, &Scope::Ward, today);
    let rows = report
        .cells
        .iter()
        .filter_map(|r| {
            let c = data.cell(&r.cell_id)?;
            Some(Row {
                code: c.code.clone(),
                name: c.name.clone(),
                kind: c.kind.label(),
                in_charge: c.committee_member_in_charge.clone(),
                members: r.members_at_start,
                target: r.year_target,
                admitted: r.admitted_year_to_date,
                archived: c.archived,
            })
        })
        .collect();
    Table { year, rows, balance: target_balance(data, year) }
}

/// The sentence comparing the cells' targets with the ward's: shown, never blocking.
fn balance_line(b: &TargetBalance, year: i32) -> (bool, String) {
    let sum = format!(
        "Tổng chỉ tiêu năm {year} của {} chi bộ: {}",
        format_count(b.cells_with_target),
        format_int(b.cells_sum)
    );
    match (b.ward, b.difference()) {
        (Some(w), Some(0)) => (true, format!("{sum}, bằng chỉ tiêu của đảng bộ ({}).", format_int(w))),
        (Some(w), Some(d)) if d < 0 => (false, format!("{sum}, ít hơn chỉ tiêu của đảng bộ ({}) là {}.", format_int(w), format_int(-d))),
        (Some(w), Some(d)) => (true, format!("{sum}, nhiều hơn chỉ tiêu của đảng bộ ({}) là {}.", format_int(w), format_int(d))),
        _ => (false, format!("{sum}. Đảng bộ chưa có chỉ tiêu năm {year}.")),
    }
}

/// Chi bộ: the ward's party cells with members, committee member in charge, this year's target
/// and admissions so far, and whether the cells' targets add up to the ward's.
#[component]
pub fn Cells() -> impl IntoView {
    let store = Store::get();
    let data = Memo::new(move |_| store.data.with(|d| d.as_ref().map(table)));
    let show_archived = RwSignal::new(false);
    move || match data.get() {
        None => view! {
            <Page title="Chi bộ" lead="Các chi bộ trực thuộc, số đảng viên và chỉ tiêu kết nạp của từng chi bộ.">
                <EmptyState
                    title="Chưa có chi bộ nào"
                    will_hold=&[
                        "Danh sách chi bộ với loại hình, số đảng viên, cấp ủy viên phụ trách.",
                        "Chỉ tiêu kết nạp năm nay và số đã kết nạp của từng chi bộ.",
                        "Danh sách đảng viên giúp đỡ, giới thiệu người vào Đảng.",
                    ]
                    action=("Thiết lập đảng bộ trước", "#/")
                />
            </Page>
        }.into_any(),
        Some(t) => {
            let (balanced, line) = balance_line(&t.balance, t.year);
            let archived_count = t.rows.iter().filter(|r| r.archived).count();
            let rows = t.rows.clone();
            let year = t.year;
            view! {
                <Page title="Chi bộ" lead="Các chi bộ trực thuộc, số đảng viên và chỉ tiêu kết nạp của từng chi bộ.">
                    <p class=if balanced { "notice ok" } else { "notice warn" } data-testid="target-balance">{line}</p>
                    {(archived_count > 0).then(|| view! {
                        <label class="checkbox">
                            <input type="checkbox" prop:checked=move || show_archived.get()
                                on:change:target=move |ev| show_archived.set(ev.target().checked()) />
                            {format!("Hiện cả {} chi bộ đã lưu trữ", format_count(archived_count))}
                        </label>
                    })}
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Bảng các chi bộ">
                        <table class="data-table cells-table" data-testid="cells-table">
                            <caption>{format!("Các chi bộ, số đảng viên đầu năm và kết nạp năm {year}")}</caption>
                            <thead><tr>
                                <th scope="col">"Mã"</th>
                                <th scope="col">"Chi bộ"</th>
                                <th scope="col">"Loại hình"</th>
                                <th scope="col">"Cấp ủy viên phụ trách"</th>
                                <th scope="col">"Đảng viên"</th>
                                <th scope="col">"Chỉ tiêu"</th>
                                <th scope="col">"Đã kết nạp"</th>
                                <th scope="col">"Đạt"</th>
                            </tr></thead>
                            <tbody>
                                {move || rows.iter().filter(|r| show_archived.get() || !r.archived).map(|r| {
                                    let pct = r.target.and_then(|t| format_ratio_percent(u64::from(r.admitted), u64::from(t))).unwrap_or_else(|| "–".into());
                                    view! {
                                        <tr class:archived=r.archived>
                                            <td>{r.code.clone()}</td>
                                            <th scope="row">{r.name.clone()}{r.archived.then_some(" (đã lưu trữ)")}</th>
                                            <td>{r.kind}</td>
                                            <td>{r.in_charge.clone()}</td>
                                            <td>{format_int(r.members)}</td>
                                            <td>{r.target.map(format_int).unwrap_or_else(|| "–".into())}</td>
                                            <td>{format_int(r.admitted)}</td>
                                            <td>{pct}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="hint">"Thêm, sửa và lưu trữ chi bộ, số đảng viên theo năm và danh sách đảng viên giúp đỡ, giới thiệu sẽ có ở bước sau."</p>
                </Page>
            }.into_any()
        }
    }
}
