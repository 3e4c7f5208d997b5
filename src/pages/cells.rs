use crate::clock;
use crate::components::{EmptyState, Page};
use crate::route::Route;
use crate::store::Store;
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::statistics::{target_balance, Period, Report, Scope, TargetBalance};
use ptdv_domain::text::{format_count, format_int, format_ratio_percent};

/// One row of the cells table.
#[derive(Clone, PartialEq)]
struct Row {
    href: String,
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

fn table(data: &ptdv_domain::model::WardData, today: chrono::NaiveDate) -> Table {
    let year = today.year();
    let report = Report::compute(data, Period::Year { year }, &Scope::Ward, today);
    let rows = report
        .cells
        .iter()
        .filter_map(|r| {
            let c = data.cell(&r.cell_id)?;
            Some(Row {
                href: Route::Cell(c.id.as_str().to_string()).href(),
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
    let sum = format!("Tổng chỉ tiêu năm {year} của {} chi bộ: {}", format_count(b.cells_with_target), format_int(b.cells_sum));
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
    let data = Memo::new(move |_| {
        let today = store.today.get();
        store.data.with(|d| d.as_ref().map(|d| table(d, today)))
    });
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
        }
        .into_any(),
        Some(t) => {
            let (balanced, line) = balance_line(&t.balance, t.year);
            let archived_count = t.rows.iter().filter(|r| r.archived).count();
            let rows = t.rows.clone();
            let year = t.year;
            view! {
                <Page title="Chi bộ" lead="Các chi bộ trực thuộc, số đảng viên và chỉ tiêu kết nạp của từng chi bộ.">
                    <p class="page-actions"><a class="button primary" href=Route::NewCell.href()>"Thêm chi bộ"</a></p>
                    <p class=if balanced { "notice ok" } else { "notice warn" } data-testid="target-balance">{line}</p>
                    <WardTarget year />
                    <p class="hint">"Bấm vào tên chi bộ để sửa thông tin, nhập số đảng viên và chỉ tiêu theo năm, danh sách đảng viên giúp đỡ và giới thiệu, hoặc lưu trữ chi bộ."</p>
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
                                <th scope="col" class="text">"Mã"</th>
                                <th scope="col">"Chi bộ"</th>
                                <th scope="col" class="text">"Loại hình"</th>
                                <th scope="col" class="text">"Cấp ủy viên phụ trách"</th>
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
                                            <td class="text">{r.code.clone()}</td>
                                            <th scope="row"><a href=r.href.clone()>{r.name.clone()}</a>{r.archived.then_some(" (đã lưu trữ)")}</th>
                                            <td class="text">{r.kind}</td>
                                            <td class="text">{r.in_charge.clone()}</td>
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
                </Page>
            }.into_any()
        }
    }
}

/// The ward's own admission target for `year` (assigned by the superior committee).
#[component]
fn WardTarget(year: i32) -> impl IntoView {
    use crate::components::{Draft, RecordForm};
    use ptdv_domain::records::cells;
    let store = Store::get();
    let open = RwSignal::new(false);
    let save = Callback::new(move |vals| {
        store.try_update(|d| cells::save_ward_target(d, year, &vals, clock::now()))?;
        open.set(false);
        Ok(())
    });
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <p><button class="button" type="button" on:click=move |_| open.set(true)>{format!("Nhập chỉ tiêu của đảng bộ năm {year}")}</button></p>
        }>
            <section class="card">
                <RecordForm form_id="ward-target" title=format!("Chỉ tiêu kết nạp của đảng bộ năm {year}")
                    draft=Draft::new(format!("chi-tieu-dang-bo:{year}")) fields=cells::ward_target_fields()
                    initial=store.data.with_untracked(|d| d.as_ref().map(|d| cells::ward_target_values(d, year))).unwrap_or_default()
                    submit_label="Lưu chỉ tiêu" save on_cancel=Callback::new(move |_| open.set(false)) />
            </section>
        </Show>
    }
}
