//! Báo cáo: the report of a period and scope as the ward sends it up (`ptdv_domain::ward_report`):
//! the summary in sentences, Biểu 2-BTCTW with this period beside the same period last year,
//! Biểu 2B, the pipeline counts, the table per cell and the lists. The choice is kept in the
//! address (`#/bao-cao?ky=…&pham-vi=…`).

use super::dashboard::ViewPicker;
use crate::clock;
use crate::components::{Draft, EmptyState, Page, RecordForm};
use crate::route::{hash_query, replace_hash, Route};
use crate::store::Store;
use crate::store::APP_VERSION;
use leptos::either::Either;
use leptos::prelude::*;
use ptdv_domain::form::Values;
use ptdv_domain::overview::View;
use ptdv_domain::records::report;
use ptdv_domain::text::format_count;
use ptdv_domain::ward_report::{
    workbook_request, Datum, DocumentHead, PersonLine, Table, WardReport, BIEU2B_FORM, BIEU2_FORM, TABLE_NAMES,
};
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
        // Between two performance marks: the benchmark reads the measure "ptdv:report".
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("ptdv:report-start");
        }
        let r = store.data.with(|d| d.as_ref().map(|d| Arc::new(WardReport::compute(d, &v, today, rules.rule_sets(), rules.calendar()))));
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark("ptdv:report", "ptdv:report-start");
        }
        r
    });
    // The form for the written sections depends on the view only: saving it changes the
    // ward's data and redraws the report around it, not the form (its focus and notice stay).
    let notes_key = Memo::new(move |_| view.with(View::to_query));
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
                <p class="no-print"><a href=Route::Rollup.href()>"Tổng hợp tệp của nhiều đảng bộ hoặc chi bộ"</a></p>
                {move || report.get().map(|r| view! { <ReportTop r /> })}
                {move || { let key = notes_key.get(); view! { <NotesForm key /> } }}
                {move || report.get().map(|r| view! { <ReportRest r /> })}
            </Page>
        }
        .into_any()
    }
}

/// The buttons, the printed header and section I.
#[component]
fn ReportTop(r: Arc<WardReport>) -> impl IntoView {
    let title = r.title.clone();
    let summary = r.summary.clone();
    let h = r.head.clone();
    let [top, right, bottom, left] = h.margins_mm;
    // The ward's page and type (Cài đặt › Thể thức báo cáo in) over the stylesheet's defaults.
    let page_style = format!(
        "@media print {{ @page report {{ margin: {top}mm {right}mm {bottom}mm {left}mm; }} .ward-report {{ font-family: {}; font-size: {}pt; }} }}",
        h.font_stack, h.font_pt
    );
    view! {
        <style>{page_style}</style>
        <FileButtons r=r.clone() />
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
        </article>
    }
}

/// Sections II and III as printed, the signature, and the tables.
#[component]
fn ReportRest(r: Arc<WardReport>) -> impl IntoView {
    let h = r.head.clone();
    let n = r.notes.clone();
    let paragraphs = |text: &str| {
        let lines: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
        if lines.is_empty() {
            // Never invented: an empty section prints a line to write on.
            view! { <p class="write-here">"…………………………………………………………………………"</p> }.into_any()
        } else {
            lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view().into_any()
        }
    };
    view! {
        <div class="ward-report">
            <div class="print-only notes-print" data-testid="notes-print">
                <h3>"II. Tồn tại, hạn chế và nguyên nhân"</h3>
                <p class="b">"1. Tồn tại, hạn chế"</p>
                {paragraphs(&n.shortcomings)}
                <p class="b">"2. Nguyên nhân"</p>
                {paragraphs(&n.causes)}
                <h3>"III. Phương hướng, nhiệm vụ thời gian tới"</h3>
                {paragraphs(&n.directions)}
            </div>
            <div class="print-only doc-sign" data-testid="doc-sign">
                <div class="doc-recipients">
                    <p><u>"Nơi nhận:"</u></p>
                    {h.recipients.iter().map(|l| view! { <p>{l.clone()}</p> }).collect_view()}
                </div>
                <div class="doc-signer">
                    <p class="b">{h.on_behalf.clone()}</p>
                    <p class="b">{h.signer_title.clone()}</p>
                    <p class="sign-space"></p>
                    <p class="b">{h.signer_name.clone()}</p>
                </div>
            </div>
            <Tables r=r.clone() />
        </div>
    }
}

/// Sections II and III, which only people can write, as a form (kept with the ward's data for
/// this period and scope, exported with it; printed by [`ReportRest`] once saved).
#[component]
fn NotesForm(key: String) -> impl IntoView {
    let store = Store::get();
    let saved = RwSignal::new(false);
    let initial = store.data.with_untracked(|d| d.as_ref().map(|d| report::notes_values(&d.ward, &key))).unwrap_or_default();
    let save_key = key.clone();
    let save = Callback::new(move |vals: Values| {
        saved.set(false);
        store.try_update(|d| report::save_notes(d, &save_key, &vals, clock::now()))?;
        saved.set(true);
        Ok(())
    });
    view! {
        <section class="card report-notes no-print" aria-labelledby="notes-title" data-testid="report-notes">
            <h2 id="notes-title">"Phần do đảng ủy viết"</h2>
            <p class="hint">"Ứng dụng không tự viết các phần này. Nội dung được lưu cùng dữ liệu của đảng bộ cho đúng kỳ báo cáo và phạm vi đang chọn, có trong tệp xuất, và được in sau phần kết quả."</p>
            <RecordForm form_id="report-notes" draft=Draft::new(format!("bao-cao:{key}")) fields=report::notes_fields() initial
                submit_label="Lưu nội dung" save />
            // In the page from the start, so that a screen reader announces the text when it comes.
            <p role="status" data-testid="notes-saved" class:notice=move || saved.get() class:ok=move || saved.get()>
                {move || if saved.get() { "Đã lưu nội dung." } else { "" }}
            </p>
        </section>
    }
}

/// Biểu 2-BTCTW's own head: "Thực hiện" over its three columns, and the numbering row.
fn bieu2_head() -> AnyView {
    view! {
        <tr>
            <th scope="col" rowspan="2">"TT"</th>
            <th scope="col" rowspan="2">"Tiêu chí"</th>
            <th scope="colgroup" colspan="3" class="center">"Thực hiện"</th>
        </tr>
        <tr>
            <th scope="col">"Kỳ này"</th>
            <th scope="col">"Cùng kỳ năm trước"</th>
            <th scope="col">"(%) kỳ này so với cùng kỳ năm trước"</th>
        </tr>
        <tr class="numbering">
            <td></td><td>"1"</td><td>"2"</td><td>"3"</td><td>"4 = 2 × 100 / 3"</td>
        </tr>
    }
    .into_any()
}

/// The forms, the counts, the table per cell and the lists: every table of the report
/// (`WardReport::tables`) through one [`TableCard`].
#[component]
fn Tables(r: Arc<WardReport>) -> impl IntoView {
    let bieu2_classes = r.bieu2.iter().map(|row| format!("depth-{}{}", row.depth, if row.depth == 0 { " part" } else { "" })).collect();
    let bieu2b_classes = r.bieu2b.iter().map(|l| if l.heading { "part".to_string() } else { String::new() }).collect();
    let idle = r.cells.iter().filter(|c| c.idle()).count();
    let cell_links = r.cells.iter().map(|c| Route::Cell(c.cell_id.to_string()).href()).collect();
    let cell_classes = r.cells.iter().map(|c| if c.idle() { "idle".to_string() } else { String::new() }).collect();
    let person_links = |people: &[PersonLine]| people.iter().map(|p| Route::Candidate(p.id.clone()).href()).collect::<Vec<_>>();
    let [admitted, due, overdue] = r.people_tables();
    let form = |(number, title): (&'static str, &'static str)| FormFrame { number, title, period: r.form_period(), head: r.head.clone() };
    view! {
        <TableCard id="bieu2" table=r.bieu2_table() frame=form(BIEU2_FORM) row_header=1 classes=bieu2_classes head=bieu2_head()
            heading="Biểu số 2-BTCTW — Thống kê đảng viên mới kết nạp" hint="Đơn vị tính: người" />
        <TableCard id="bieu2b" table=r.bieu2b_table() frame=form(BIEU2B_FORM) row_header=1 classes=bieu2b_classes
            heading="Biểu số 2B-BTCTW — Đảng viên mới kết nạp chia theo dân tộc, tôn giáo" />
        <TableCard id="pipeline-counts" table=r.pipeline_table() />
        <TableCard id="report-cells" table=r.cells_table() row_header=1 links=cell_links classes=cell_classes
            hint=format!("{} chi bộ chưa kết nạp được đảng viên trong kỳ (đánh dấu ⚠).", format_count(idle)) />
        <TableCard id="report-ket-nap" table=admitted row_header=1 links=person_links(&r.admitted) count=true
            empty="Không có ai được kết nạp trong kỳ." />
        <TableCard id="report-den-han" table=due row_header=1 links=person_links(&r.due_for_recognition) count=true
            empty="Không có đảng viên dự bị nào đến hạn." />
        <TableCard id="report-qua-han" table=overdue row_header=1 links=person_links(&r.overdue) count=true
            empty="Không có việc nào quá hạn (hoặc kỳ báo cáo đã qua: xem trang Việc cần làm)." />
    }
}

/// What a statistical form prints around its table (REPORTS.md §2): the reporting body top
/// left, the title and period in the centre, the form's number top right, the unit; below,
/// the place and date, "NGƯỜI LẬP BIỂU" and the signer.
pub(crate) struct FormFrame {
    number: &'static str,
    title: &'static str,
    period: String,
    head: DocumentHead,
}

impl FormFrame {
    fn top(&self) -> impl IntoView {
        let h = &self.head;
        view! {
            <div class="print-only form-top">
                <div><p>{h.superior.clone()}</p><p class="b">{h.issuer.clone()}</p><p>"*"</p></div>
                <div class="form-title"><p class="b">{self.title}</p><p class="b">{self.period.clone()}</p></div>
                <div class="form-number"><p class="b">{self.number}</p><p class="i">"Đơn vị tính: người"</p></div>
            </div>
        }
    }
    fn footer(&self) -> impl IntoView {
        let h = &self.head;
        view! {
            <div class="print-only form-foot">
                <div><p class="b">"NGƯỜI LẬP BIỂU"</p><p class="i">"(Ký, ghi rõ họ tên, số điện thoại)"</p></div>
                <div>
                    <p class="i">{h.place_date.clone()}</p>
                    <p class="b">{h.on_behalf.clone()}</p>
                    <p class="b">{h.signer_title.clone()}</p>
                    <p class="i">"(Ký, đóng dấu, ghi rõ họ tên)"</p>
                    <p class="sign-space"></p>
                    <p class="b">{h.signer_name.clone()}</p>
                </div>
            </div>
        }
    }
}

/// Rows of a list shown at once, and added by "Hiện thêm".
const LIST_PAGE: usize = 50;

/// One table of the report on a card: its values as the page writes them, the `row_header`
/// column as each row's header (a link where `links` has one), a class per row.
#[component]
pub(crate) fn TableCard(
    /// The card's test id; its heading is `{id}-title`.
    id: &'static str,
    table: Table,
    /// A statistical form: its own frame in print, on a landscape page.
    #[prop(optional)]
    frame: Option<FormFrame>,
    /// The heading, when not the table's title.
    #[prop(optional)]
    heading: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] row_header: usize,
    #[prop(optional)] links: Vec<String>,
    #[prop(optional)] classes: Vec<String>,
    /// The form's own head rows, instead of one row of the table's head.
    #[prop(optional)]
    head: Option<AnyView>,
    /// Shows the number of rows in the heading.
    #[prop(optional)]
    count: bool,
    /// What an empty list says, instead of an empty table.
    #[prop(optional)]
    empty: Option<&'static str>,
) -> impl IntoView {
    let form = frame.is_some();
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let mut title = heading.unwrap_or(table.title).to_string();
    if count {
        title = format!("{title} ({})", format_count(table.rows.len()));
    }
    let head = head
        .unwrap_or_else(|| view! { <tr>{table.head.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr> }.into_any());
    let total = table.rows.len();
    // A long list shows its first rows and a button for more: the page stays quick with a
    // ward of thousands (the .xlsx and CSV files hold every row).
    let shown = RwSignal::new(if count { LIST_PAGE.min(total) } else { total });
    // A printed list is whole, however it is printed (the button, Ctrl+P, the browser's menu).
    if count && total > LIST_PAGE {
        let handle = window_event_listener_untyped("beforeprint", move |_| shown.set(total));
        on_cleanup(move || handle.remove());
    }
    let body = match empty.filter(|_| total == 0) {
        Some(text) => view! { <p class="hint">{text}</p> }.into_any(),
        None => {
            let (rows, links, classes) = (StoredValue::new(table.rows), StoredValue::new(links), StoredValue::new(classes));
            let row_view = move |i: usize, row: &[Datum]| {
                let link = links.with_value(|l| l.get(i).cloned());
                // Either, not AnyView: a report of thousands of cells redraws without boxing each.
                let cells = row.iter().enumerate().map(|(c, d)| {
                    let text = d.text();
                    if c != row_header {
                        return Either::Left(view! { <td class:text=matches!(d, Datum::Text(_))>{text}</td> });
                    }
                    Either::Right(match link.clone() {
                        Some(href) => Either::Left(view! { <th scope="row"><a href=href>{text}</a></th> }),
                        None => Either::Right(view! { <th scope="row">{text}</th> }),
                    })
                });
                view! { <tr class=classes.with_value(|c| c.get(i).cloned().unwrap_or_default())>{cells.collect_view()}</tr> }
            };
            let body =
                move || rows.with_value(|rows| rows.iter().take(shown.get()).enumerate().map(|(i, r)| row_view(i, r)).collect_view());
            let more = move || {
                let left = total - shown.get();
                (left > 0).then(|| {
                    let next = left.min(LIST_PAGE);
                    view! {
                        <p class="no-print actions">
                            <button type="button" class="button" on:click=move |_| shown.update(|n| *n += next)>
                                {format!("Hiện thêm {} người (còn {})", format_count(next), format_count(left))}
                            </button>
                        </p>
                        <p class="print-only hint">{format!("… và {} người nữa: danh sách đầy đủ trong tệp Excel.", format_count(left))}</p>
                    }
                })
            };
            view! {
                <div class="table-wrap">
                    <table class="data-table" class:form-table=form>
                        <thead>{head}</thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                {more}
            }
            .into_any()
        }
    };
    view! {
        <section class="card" class:form-print=form aria-labelledby=labelled_by data-testid=id>
            {frame.as_ref().map(FormFrame::top)}
            <h2 id=title_id class:no-print=form>{title}</h2>
            {hint.map(|h| view! { <p class="hint" class:no-print=form>{h}</p> })}
            {body}
            {frame.as_ref().map(FormFrame::footer)}
        </section>
    }
}

/// The report out of the app: printed (or saved as PDF) as a Party document; one .xlsx with a
/// sheet per form and table (the writer is loaded only now, `crate::worker`); and, folded away,
/// one CSV per table that Excel on a Vietnamese Windows opens as columns.
#[component]
fn FileButtons(r: Arc<WardReport>) -> impl IntoView {
    let store = Store::get();
    let ward = store.data.with_untracked(|d| d.as_ref().map(|d| ptdv_domain::format::slug(&d.ward.name))).unwrap_or_default();
    let period = ptdv_domain::format::slug(&r.report.period.label());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let xlsx_name = format!("ptdv_{ward}_{period}.xlsx");
    let view_key = r.notes_key.clone();
    let make_xlsx = move |_| {
        if busy.get_untracked() {
            return;
        }
        let document = store.data.with_untracked(|d| {
            d.as_ref().map(|d| ptdv_domain::format::export_compact(d, &ptdv_domain::format::ExportScope::Ward, APP_VERSION, clock::now()))
        });
        let Some(Ok(document)) = document else {
            error.set(Some("Không đọc được dữ liệu để tạo tệp Excel.".into()));
            return;
        };
        let request = workbook_request(&view_key, store.today.get_untracked(), &document);
        let name = xlsx_name.clone();
        crate::worker::save_xlsx(request, name, busy, error);
    };
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="no-print actions file-buttons" role="group" aria-label="In và tải báo cáo">
            <button type="button" class="button primary" on:click=print>"In / Lưu PDF"</button>
            <button type="button" class="button" on:click=make_xlsx aria-busy=move || busy.get().to_string()>
                {move || if busy.get() { "Đang tạo tệp Excel…" } else { "Tải Excel (.xlsx)" }}
            </button>
            <span class="hint">"In khổ A4 theo thể thức văn bản của Đảng, các biểu in khổ ngang. Tệp Excel có mỗi biểu một trang tính."</span>
        </div>
        {move || error.get().map(|e| view! { <p class="error no-print" role="alert">{e}</p> })}
        <details class="no-print csv-files">
            <summary>"Tải từng bảng dạng CSV"</summary>
            <div class="actions" role="group" aria-label="Tải từng bảng dạng CSV">
                {TABLE_NAMES.into_iter().map(|(stem, title)| {
                    // Written on the click: a redraw of the report makes no file.
                    let name = format!("ptdv_{ward}_{period}_{stem}.csv");
                    let r = r.clone();
                    view! {
                        <button type="button" class="button" on:click=move |_| {
                            let file = r.csv_file(stem).ok_or_else(|| "Không có bảng này.".to_string());
                            error.set(file.and_then(|f| crate::download::download_text(&name, &f.text, "text/csv;charset=utf-8")).err());
                        }>{title}</button>
                    }
                }).collect_view()}
            </div>
        </details>
    }
}
