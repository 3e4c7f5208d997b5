//! The search box, the filters, the result count, and the list or the board.

use super::board::Board;
use super::roster::{roster_memo, Built};
use crate::route::Route;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::deadlines::DeadlineStatus;
use ptdv_domain::model::{CandidateId, CellId, SourceOrg, TargetGroup};
use ptdv_domain::pipeline::Stage;
use ptdv_domain::roster::{Roster, RosterQuery, StageFilter};
use ptdv_domain::text::{format_count, format_date};

/// Rows rendered at once; "Xem thêm" adds as many again (thousands of rows are slow to draw).
const PAGE: usize = 100;

/// List or board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    List,
    Board,
}

/// The filtered result: the roster's generation and the matching indices in display order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Found {
    pub generation: u64,
    pub indices: Vec<usize>,
}

/// The position of `v` in `all` as the text of a `<select>` value ("" for none).
fn index_of<T: PartialEq>(all: &[T], v: Option<T>) -> String {
    v.and_then(|v| all.iter().position(|x| *x == v)).map(|i| i.to_string()).unwrap_or_default()
}

/// The figure-only filters in words: "kết nạp từ 01/01/2026 đến 02/12/2026 · nữ".
fn figure_words(q: &RosterQuery) -> String {
    let mut parts = vec![];
    if let Some((a, b)) = q.admitted {
        parts.push(format!("kết nạp từ {} đến {}", format_date(a), format_date(b)));
    }
    if let Some(k) = q.cell_kind {
        parts.push(format!("chi bộ loại “{}”", k.label()));
    }
    if q.recognition_due {
        parts.push("đảng viên dự bị đến hạn xét công nhận chính thức".to_string());
    }
    if q.probationary {
        parts.push("đảng viên dự bị (từ lễ kết nạp đến khi được công nhận chính thức)".to_string());
    }
    if let Some(t) = q.admitted_trait {
        parts.push(t.label().to_lowercase());
    }
    parts.join(" · ")
}

fn perf() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// The list of candidates with its search and filters.
#[component]
pub fn CandidateList() -> impl IntoView {
    let store = Store::get();
    let built = roster_memo(store);

    // The filters start from the address (`#/ho-so?…`: a bookmark, or a figure of Tổng quan).
    let start = RosterQuery::from_query(&crate::route::hash_query());
    let text = RwSignal::new(start.text.clone());
    let cell = RwSignal::new(start.cell.as_ref().map(|c| c.to_string()).unwrap_or_default());
    let stage = RwSignal::new(start.stage.map(|s| s.code()).unwrap_or_default());
    let source = RwSignal::new(index_of(&SourceOrg::ALL, start.source));
    let group = RwSignal::new(index_of(&TargetGroup::ALL, start.group));
    let overdue_only = RwSignal::new(start.overdue_only);
    // The filters only a figure sets (admitted in a period, a kind of cell, due for
    // recognition, a trait of the admitted): shown as one line with a button to drop them.
    let figure = RwSignal::new(RosterQuery {
        text: String::new(),
        cell: None,
        stage: None,
        source: None,
        group: None,
        overdue_only: false,
        ..start.clone()
    });
    let limit = RwSignal::new(PAGE);
    let mode = RwSignal::new(Mode::List);
    // People ticked in the list, to enrol in a class together.
    let selected = RwSignal::new(Vec::<CandidateId>::new());

    let query = Memo::new(move |_| RosterQuery {
        text: text.get(),
        cell: Some(cell.get()).filter(|c| !c.is_empty()).map(CellId::new),
        stage: StageFilter::from_code(&stage.get()),
        source: source.get().parse::<usize>().ok().and_then(|i| SourceOrg::ALL.get(i).copied()),
        group: group.get().parse::<usize>().ok().and_then(|i| TargetGroup::ALL.get(i).copied()),
        overdue_only: overdue_only.get(),
        ..figure.get()
    });
    // … and the address follows the filters, so that the view can be bookmarked.
    Effect::new(move |_| {
        let q = query.with(RosterQuery::to_query);
        let hash = if q.is_empty() { Route::Candidates.href() } else { format!("{}?{q}", Route::Candidates.href()) };
        crate::route::replace_hash(&hash);
    });
    let found = Memo::new(move |_| {
        built.with(|b| match b {
            Some(Ok(b)) => Found { generation: b.generation, indices: b.roster.filter(&query.get()) },
            _ => Found::default(),
        })
    });
    let any_filter = move || query.with(|q| *q != RosterQuery::default());
    let changed = move || limit.set(PAGE);
    let clear = move |_| {
        text.set(String::new());
        cell.set(String::new());
        stage.set(String::new());
        source.set(String::new());
        group.set(String::new());
        overdue_only.set(false);
        figure.set(RosterQuery::default());
        limit.set(PAGE);
    };

    // Keystroke → list drawn: the input handler marks "ptdv:search-input"; once the new
    // result has been rendered (after the reactive updates of this turn), measure from it.
    Effect::new(move |_| {
        found.track();
        limit.track();
        mode.track();
        set_timeout(
            move || {
                if let Some(p) = perf() {
                    if p.get_entries_by_name_with_entry_type("ptdv:search-input", "mark").length() > 0 {
                        let _ = p.measure_with_start_mark("ptdv:search", "ptdv:search-input");
                        p.clear_marks_with_mark_name("ptdv:search-input");
                    }
                }
            },
            std::time::Duration::ZERO,
        );
    });

    let cells = Memo::new(move |_| {
        store.data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.cells
                        .iter()
                        .map(|c| {
                            let label = if c.archived { format!("{} (đã lưu trữ)", c.name) } else { c.name.clone() };
                            (c.id.to_string(), label)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });

    let count_text = move || {
        let n = found.with(|f| f.indices.len());
        let total = built.with(|b| match b {
            Some(Ok(b)) => b.roster.len(),
            _ => 0,
        });
        if n == total {
            format!("Tìm thấy {} người (tất cả)", format_count(n))
        } else {
            format!("Tìm thấy {} người trong {} người", format_count(n), format_count(total))
        }
    };

    view! {
        <form class="roster-filters" role="search" aria-label="Tìm và lọc quần chúng"
            on:submit=|ev| ev.prevent_default()>
            <div class="roster-top">
                <div class="field roster-search">
                    <label for="roster-text">"Tìm theo tên"</label>
                    <input id="roster-text" type="search" autocomplete="off" spellcheck="false"
                        aria-describedby="roster-text-hint"
                        prop:value=move || text.get()
                        on:input:target=move |ev| {
                            if let Some(p) = perf() {
                                let _ = p.mark("ptdv:search-input");
                            }
                            text.set(ev.target().value());
                            changed();
                        } />
                    <p class="hint" id="roster-text-hint">
                        "Gõ không dấu cũng được, ví dụ “nguyen van an”; tìm cả theo chi bộ, nơi cư trú."
                    </p>
                </div>
                <div class="roster-options">
                    <label class="checkbox">
                        <input type="checkbox" prop:checked=move || overdue_only.get()
                            on:change:target=move |ev| { overdue_only.set(ev.target().checked()); changed(); } />
                        "Chỉ hiện người có việc quá hạn"
                    </label>
                    <Show when=any_filter>
                        <button type="button" class="button" on:click=clear>"Xóa bộ lọc"</button>
                    </Show>
                </div>
            </div>
            <div class="roster-selects">
                <div class="field">
                    <label for="roster-cell">"Chi bộ"</label>
                    <select id="roster-cell" prop:value=move || cell.get()
                        on:change:target=move |ev| { cell.set(ev.target().value()); changed(); }>
                        <option value="">"Tất cả chi bộ"</option>
                        {move || cells.get().into_iter().map(|(id, name)| {
                            let v = id.clone();
                            view! { <option value=id prop:selected=move || cell.get() == v>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="roster-stage">"Bước"</label>
                    <select id="roster-stage" prop:value=move || stage.get()
                        on:change:target=move |ev| { stage.set(ev.target().value()); changed(); }>
                        <option value="">"Tất cả các bước"</option>
                        <optgroup label="Nhóm bước">
                            {StageFilter::GROUPS.into_iter().map(|f| view! {
                                <option value=f.code() prop:selected=move || stage.get() == f.code()>{f.label()}</option>
                            }).collect_view()}
                        </optgroup>
                        <optgroup label="Từng bước">
                            {Stage::ALL.into_iter().map(|s| {
                                let f = StageFilter::Stage(s);
                                view! { <option value=f.code() prop:selected=move || stage.get() == f.code()>{f.label()}</option> }
                            }).collect_view()}
                        </optgroup>
                    </select>
                </div>
                <div class="field">
                    <label for="roster-source">"Nguồn"</label>
                    <select id="roster-source" prop:value=move || source.get()
                        on:change:target=move |ev| { source.set(ev.target().value()); changed(); }>
                        <option value="">"Tất cả các nguồn"</option>
                        {SourceOrg::ALL.iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() prop:selected=move || source.get() == i.to_string()>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="roster-group">"Đối tượng"</label>
                    <select id="roster-group" prop:value=move || group.get()
                        on:change:target=move |ev| { group.set(ev.target().value()); changed(); }>
                        <option value="">"Tất cả đối tượng"</option>
                        {TargetGroup::ALL.iter().enumerate().map(|(i, g)| view! {
                            <option value=i.to_string() prop:selected=move || group.get() == i.to_string()>{g.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
        </form>

        {move || {
            let f = figure.get();
            (f != RosterQuery::default()).then(|| view! {
                <p class="notice roster-figure" data-testid="roster-figure">
                    {format!("Đang lọc: {}. ", figure_words(&f))}
                    <button type="button" class="button" on:click=move |_| { figure.set(RosterQuery::default()); changed(); }>
                        "Bỏ điều kiện này"
                    </button>
                </p>
            })
        }}

        <div class="roster-bar">
            <p class="roster-count" role="status" data-testid="roster-count">{count_text}</p>
            <div class="view-toggle" role="group" aria-label="Cách xem">
                <button type="button" class="button" aria-pressed=move || (mode.get() == Mode::List).to_string()
                    on:click=move |_| mode.set(Mode::List)>"Danh sách"</button>
                <button type="button" class="button" aria-pressed=move || (mode.get() == Mode::Board).to_string()
                    on:click=move |_| mode.set(Mode::Board)>"Bảng theo bước"</button>
            </div>
        </div>

        {move || built.with(|b| match b {
            Some(Err(e)) => Some(view! {
                <p class="notice error" role="alert">{format!("Không đọc được bộ quy định để tính thời hạn: {e}")}</p>
            }.into_any()),
            _ => None,
        })}

        <super::enroll::EnrollSelected selected />

        {move || match mode.get() {
            Mode::List => view! { <Table built found limit selected /> }.into_any(),
            Mode::Board => view! { <Board built found /> }.into_any(),
        }}
    }
}

/// The table of the first `limit` matches and the "Xem thêm" button.
#[component]
fn Table(
    built: Memo<Option<Result<Built, String>>>,
    found: Memo<Found>,
    limit: RwSignal<usize>,
    selected: RwSignal<Vec<CandidateId>>,
) -> impl IntoView {
    let shown = move || found.with(|f| f.indices.iter().take(limit.get()).map(|&i| (f.generation, i)).collect::<Vec<_>>());
    let remaining = move || found.with(|f| f.indices.len()).saturating_sub(limit.get());
    let row = move |(_, i): (u64, usize)| {
        built.with_untracked(|b| match b {
            Some(Ok(b)) => Some(row_view(&b.roster, i, selected)),
            _ => None,
        })
    };
    view! {
        <Show when=move || found.with(|f| !f.indices.is_empty())
            fallback=|| view! { <p class="notice" data-testid="roster-none">"Không có ai khớp với điều kiện tìm. Hãy bỏ bớt điều kiện hoặc gõ ít chữ hơn."</p> }>
            <div class="table-wrap">
                <table class="data-table roster-table" data-testid="roster-table">
                    <caption class="visually-hidden">"Danh sách quần chúng và người vào Đảng, xếp theo tên"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="text"><span class="visually-hidden">"Chọn"</span></th>
                            <th scope="col">"Họ và tên"</th>
                            <th scope="col">"Chi bộ"</th>
                            <th scope="col">"Bước hiện tại"</th>
                            <th scope="col">"Hạn tiếp theo"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=shown key=|k| *k children=row />
                    </tbody>
                </table>
            </div>
            <Show when=move || { remaining() > 0 }>
                <p class="roster-more">
                    <button type="button" class="button" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {move || format!("Xem thêm {} người", format_count(remaining().min(PAGE)))}
                    </button>
                    <span class="hint">{move || format!(" Đang hiện {} người đầu, còn {} người.", format_count(limit.get()), format_count(remaining()))}</span>
                </p>
            </Show>
        </Show>
    }
}

fn row_view(roster: &Roster, i: usize, selected: RwSignal<Vec<CandidateId>>) -> impl IntoView {
    let e = roster.entry(i);
    let id = e.id.clone();
    let id2 = e.id.clone();
    let pick_label = format!("Chọn {}", e.full_name);
    let overdue = e.is_overdue();
    let deadline = match &e.next {
        None => view! { <span class="muted">"Không có hạn đang chờ"</span> }.into_any(),
        Some(n) => {
            let class = match n.state.status {
                DeadlineStatus::Overdue | DeadlineStatus::WithinExtension => "due-flag late",
                DeadlineStatus::DueSoon => "due-flag soon",
                DeadlineStatus::OnTime => "due-flag",
            };
            let when = n.state.line();
            let icon = if n.is_overdue() { "⚠ " } else { "" };
            view! {
                <span class=class><span aria-hidden="true">{icon}</span>{when}</span>
                <span class="due-what">{format!("{}: hạn {}", n.label, format_date(n.deadline))}</span>
            }
            .into_any()
        }
    };
    view! {
        <tr data-overdue=overdue.to_string() class:overdue=overdue>
            <td class="text pick">
                <input type="checkbox" aria-label=pick_label
                    prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        selected.update(|s| {
                            s.retain(|x| x != &id2);
                            if on { s.push(id2.clone()); }
                        });
                    } />
            </td>
            <th scope="row"><a href=Route::Candidate(e.id.as_str().to_string()).href()>{e.full_name.clone()}</a></th>
            <td>{e.cell_name.clone()}</td>
            <td>{e.stage.label()}</td>
            <td class="due-cell">{deadline}</td>
        </tr>
    }
}
