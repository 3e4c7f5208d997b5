//! Báo cáo: the report of a period and scope as the ward sends it up (`ptdv_domain::ward_report`):
//! the summary in sentences, Biểu 2-BTCTW with this period beside the same period last year,
//! Biểu 2B, the pipeline counts, the table per cell and the lists. The choice is kept in the
//! address (`#/bao-cao?ky=…&pham-vi=…`).

use super::dashboard::ViewPicker;
use crate::components::{EmptyState, Page};
use crate::route::{hash_query, replace_hash, Route};
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::overview::View;
use ptdv_domain::text::{format_count, format_int};
use ptdv_domain::ward_report::{PersonLine, WardReport};
use std::sync::Arc;

/// Báo cáo.
#[component]
pub fn Reports() -> impl IntoView {
    let store = Store::get();
    let view = RwSignal::new(View::from_query(&hash_query(), store.today.get_untracked()));
    let has_ward = Memo::new(move |_| store.data.with(Option::is_some));
    Effect::new(move |_| {
        if has_ward.get() {
            replace_hash(&format!("{}?{}", Route::Reports.href(), view.with(View::to_query)));
        }
    });
    let report = Memo::new(move |_| {
        let today = store.today.get();
        let v = view.get();
        let rules = store.ward_rules()?;
        store.data.with(|d| d.as_ref().map(|d| Arc::new(WardReport::compute(d, &v, today, rules.rule_sets(), rules.calendar()))))
    });
    move || {
        if !has_ward.get() {
            return view! {
                <Page title="Báo cáo" lead="Báo cáo 6 tháng, năm, nhiệm kỳ và các biểu thống kê gửi cấp trên.">
                    <EmptyState
                        title="Chưa có số liệu để báo cáo"
                        will_hold=&[
                            "Kết quả kết nạp so với chỉ tiêu và so với cùng kỳ năm trước.",
                            "Biểu 2-BTCTW, Biểu 2B-BTCTW và các số liệu về quần chúng, đảng viên dự bị.",
                            "Bảng từng chi bộ và danh sách người được kết nạp.",
                        ]
                        action=("Thiết lập đảng bộ trước", "#/du-lieu")
                    />
                </Page>
            }
            .into_any();
        }
        view! {
            <Page title="Báo cáo" lead="Số liệu của kỳ báo cáo theo các biểu thống kê gửi cấp trên, so với cùng kỳ năm trước.">
                <ViewPicker view />
                {move || report.get().map(|r| view! { <ReportBody r /> })}
            </Page>
        }
        .into_any()
    }
}

#[component]
fn ReportBody(r: Arc<WardReport>) -> impl IntoView {
    let title = r.title.clone();
    let summary = r.summary.clone();
    let h = r.head.clone();
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <p class="no-print actions">
            <button type="button" class="button primary" on:click=print>"In / Lưu PDF"</button>
            <span class="hint">" Khổ A4, theo thể thức văn bản của Đảng; các biểu in khổ ngang."</span>
        </p>
        <CsvButtons r=r.clone() />
        <article class="ward-report" data-testid="ward-report">
            <div class="print-only doc-head" data-testid="doc-head">
                <div class="doc-left">
                    <p>{h.superior.clone()}</p>
                    <p class="b">{h.issuer.clone()}</p>
                    <p>"*"</p>
                    <p>{h.number.clone()}</p>
                </div>
                <div class="doc-right">
                    <p class="b doc-party">"ĐẢNG CỘNG SẢN VIỆT NAM"</p>
                    <p class="i">{h.place_date.clone()}</p>
                </div>
            </div>
            <p class="print-only doc-type">"BÁO CÁO"</p>
            <p class="print-only doc-subject">{h.subject.clone()}</p>
            <section class="card" aria-labelledby="report-title">
                <h2 id="report-title" class="no-print" data-testid="report-title">{title}</h2>
                <h3>"I. Kết quả thực hiện"</h3>
                <ol class="report-summary" data-testid="report-summary">
                    {summary.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ol>
            </section>
            <Bieu2 r=r.clone() />
            <Bieu2B r=r.clone() />
            <PipelineTable r=r.clone() />
            <CellsTable r=r.clone() />
            <People key="ket-nap" title="Danh sách đảng viên mới kết nạp trong kỳ"
                head=&["Quyết định số", "Ngày quyết định", "Ngày lễ kết nạp"] rows=r.admitted.clone()
                empty="Không có ai được kết nạp trong kỳ." />
            <People key="den-han" title="Đảng viên dự bị đến hạn xét công nhận chính thức"
                head=&["Ngày lễ kết nạp", "Đủ 12 tháng ngày"] rows=r.due_for_recognition.clone()
                empty="Không có đảng viên dự bị nào đến hạn." />
            <People key="qua-han" title="Việc quá hạn"
                head=&["Việc", "Hạn", "Tình trạng"] rows=r.overdue.clone()
                empty="Không có việc nào quá hạn (hoặc kỳ báo cáo đã qua: xem trang Việc cần làm)." />
            <div class="print-only doc-sign" data-testid="doc-sign">
                <div class="doc-recipients">
                    <p><u>"Nơi nhận:"</u></p>
                    {h.recipients.iter().map(|l| view! { <p>{l.clone()}</p> }).collect_view()}
                </div>
                <div class="doc-signer">
                    <p class="b">{h.on_behalf.clone()}</p>
                    <p class="b">{h.signer_title.clone()}</p>
                    <p class="sign-space"></p>
                </div>
            </div>
        </article>
    }
}

#[component]
fn Bieu2(r: Arc<WardReport>) -> impl IntoView {
    let rows = r.bieu2.clone();
    view! {
        <section class="card form-print" aria-labelledby="bieu2-title" data-testid="bieu2">
            <h2 id="bieu2-title">"Biểu số 2-BTCTW — Thống kê đảng viên mới kết nạp"</h2>
            <p class="hint">"Đơn vị tính: người"</p>
            <div class="table-wrap">
                <table class="data-table form-table">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">"Tiêu chí"</th>
                            <th scope="colgroup" colspan="3" class="center">"Thực hiện"</th>
                        </tr>
                        <tr>
                            <th scope="col">"Kỳ này"</th>
                            <th scope="col">"Cùng kỳ năm trước"</th>
                            <th scope="col">"(%) kỳ này so với cùng kỳ năm trước"</th>
                        </tr>
                        <tr class="numbering">
                            <td>"1"</td><td>"2"</td><td>"3"</td><td>"4 = 2 × 100 / 3"</td>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let label = if row.number.is_empty() { row.label.clone() } else { format!("{}. {}", row.number, row.label) };
                            let class = format!("depth-{}{}", row.depth, if row.depth == 0 { " part" } else { "" });
                            view! {
                                <tr class=class>
                                    <th scope="row">{label}</th>
                                    <td>{row.this.text()}</td>
                                    <td>{row.last.text()}</td>
                                    <td>{row.percent.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Bieu2B(r: Arc<WardReport>) -> impl IntoView {
    let rows = r.bieu2b.clone();
    view! {
        <section class="card form-print" aria-labelledby="bieu2b-title" data-testid="bieu2b">
            <h2 id="bieu2b-title">"Biểu số 2B-BTCTW — Đảng viên mới kết nạp chia theo dân tộc, tôn giáo"</h2>
            <div class="table-wrap">
                <table class="data-table form-table">
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
                        {rows.into_iter().map(|l| view! {
                            <tr class=if l.heading { "part" } else { "" }>
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

#[component]
fn PipelineTable(r: Arc<WardReport>) -> impl IntoView {
    let (a, b) = (&r.pipeline, &r.pipeline_last);
    let rows = [
        ("Số đảng viên dự bị được công nhận chính thức", a.recognised, b.recognised),
        ("Số đảng viên dự bị không được công nhận (xóa tên)", a.not_recognised, b.not_recognised),
        ("Số tổ chức cơ sở đảng không kết nạp được đảng viên", a.organisations_without_admission, b.organisations_without_admission),
        ("Số quần chúng ưu tú được xét là cảm tình Đảng", a.new_sympathisers, b.new_sympathisers),
        ("Số cảm tình Đảng dự lớp bồi dưỡng nhận thức về Đảng", a.class_attendance, b.class_attendance),
    ];
    view! {
        <section class="card" aria-labelledby="pipeline-title" data-testid="pipeline-counts">
            <h2 id="pipeline-title">"Quần chúng, cảm tình Đảng và đảng viên dự bị"</h2>
            <table class="data-table">
                <thead><tr><th scope="col">"Chỉ tiêu"</th><th scope="col">"Kỳ này"</th><th scope="col">"Cùng kỳ năm trước"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, x, y)| view! {
                        <tr><th scope="row">{label}</th><td>{format_int(x)}</td><td>{format_int(y)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn CellsTable(r: Arc<WardReport>) -> impl IntoView {
    let cells = r.cells.clone();
    let idle = cells.iter().filter(|c| c.idle()).count();
    view! {
        <section class="card" aria-labelledby="cells-title" data-testid="report-cells">
            <h2 id="cells-title">"Kết quả từng chi bộ"</h2>
            <p class="hint">{format!("{} chi bộ chưa kết nạp được đảng viên trong kỳ (đánh dấu ⚠).", format_count(idle))}</p>
            <div class="table-wrap">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">"Chi bộ"</th>
                            <th scope="col">"Đảng viên đầu năm"</th>
                            <th scope="col">"Chỉ tiêu năm"</th>
                            <th scope="col">"Kết nạp trong kỳ"</th>
                            <th scope="col">"Kết nạp từ đầu năm"</th>
                            <th scope="col">"% chỉ tiêu"</th>
                            <th scope="col">"Đang bồi dưỡng"</th>
                            <th scope="col">"Dự bị"</th>
                            <th scope="col">"Công nhận chính thức"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {cells.into_iter().map(|c| {
                            let name = if c.idle() { format!("⚠ {}", c.name) } else { c.name.clone() };
                            view! {
                                <tr class:idle=c.idle()>
                                    <th scope="row"><a href=Route::Cell(c.cell_id.to_string()).href()>{name}</a></th>
                                    <td>{format_int(c.members_at_start)}</td>
                                    <td>{c.target.map(format_int).unwrap_or_else(|| "—".into())}</td>
                                    <td>{format_int(c.admitted)}</td>
                                    <td>{format_int(c.admitted_year_to_date)}</td>
                                    <td>{c.attainment.percent_text()}</td>
                                    <td>{format_int(c.in_pipeline)}</td>
                                    <td>{format_int(c.probationary)}</td>
                                    <td>{format_int(c.recognised)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn People(
    key: &'static str,
    title: &'static str,
    head: &'static [&'static str],
    rows: Vec<PersonLine>,
    empty: &'static str,
) -> impl IntoView {
    let id = format!("list-{key}");
    let heading_id = id.clone();
    view! {
        <section class="card" aria-labelledby=id data-testid=format!("report-{key}")>
            <h2 id=heading_id>{format!("{title} ({})", format_count(rows.len()))}</h2>
            {if rows.is_empty() {
                view! { <p class="hint">{empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">"TT"</th>
                                    <th scope="col">"Họ và tên"</th>
                                    <th scope="col">"Chi bộ"</th>
                                    {head.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().enumerate().map(|(i, p)| view! {
                                    <tr>
                                        <td>{(i + 1).to_string()}</td>
                                        <th scope="row"><a href=Route::Candidate(p.id.clone()).href()>{p.name.clone()}</a></th>
                                        <td class="text">{p.cell.clone()}</td>
                                        {p.details.into_iter().map(|d| view! { <td>{d}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// One button per table: a CSV file that Excel on a Vietnamese Windows opens as columns.
#[component]
fn CsvButtons(r: Arc<WardReport>) -> impl IntoView {
    let store = Store::get();
    let ward = store.data.with_untracked(|d| d.as_ref().map(|d| ptdv_domain::format::slug(&d.ward.name))).unwrap_or_default();
    let period = ptdv_domain::format::slug(&r.report.period.label());
    let error = RwSignal::new(None::<String>);
    let label = |stem: &str| match stem {
        "bieu-2-btctw" => "Biểu 2-BTCTW",
        "bieu-2b-btctw" => "Biểu 2B-BTCTW",
        "tung-chi-bo" => "Bảng từng chi bộ",
        _ => "Danh sách kết nạp",
    };
    view! {
        <div class="no-print actions csv-buttons" role="group" aria-label="Tải bảng dạng CSV (mở bằng Excel)">
            <span class="hint">"Tải CSV (mở bằng Excel):"</span>
            {r.csv_files().into_iter().map(|f| {
                let name = format!("ptdv_{ward}_{period}_{}.csv", f.stem);
                let text = f.text;
                view! {
                    <button type="button" class="button" on:click=move |_| {
                        error.set(crate::download::download_text(&name, &text, "text/csv;charset=utf-8").err());
                    }>{label(f.stem)}</button>
                }
            }).collect_view()}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
