//! One cell (chi bộ): its details, member counts and target per year, its party members (the
//! directory used by the candidate forms for helpers and introducers), archive. Also the form
//! that creates a cell.

use crate::clock;
use crate::components::{Draft, Page, RecordForm};
use crate::route::Route;
use crate::store::Store;
use chrono::Datelike;
use leptos::prelude::*;
use ptdv_domain::form::{FieldError, Values};
use ptdv_domain::model::{CellId, MemberId};
use ptdv_domain::records::{cells, members};
use ptdv_domain::text::{format_date_opt, format_int};

/// Goes to `route` (a hash change: the shell follows it).
fn go(route: Route) {
    let _ = window().location().set_hash(&route.href());
}

/// Thêm chi bộ.
#[component]
pub fn NewCell() -> impl IntoView {
    let store = Store::get();
    let Some(fields) = store.data.with_untracked(|d| d.as_ref().map(cells::fields)) else {
        return view! {
            <Page title="Thêm chi bộ" lead="Thiết lập đảng bộ trước khi thêm chi bộ.">
                <p><a class="button primary" href="#/">"Thiết lập đảng bộ"</a></p>
            </Page>
        }
        .into_any();
    };
    let save = Callback::new(move |vals: Values| {
        let id = store.try_update(|d| cells::save_cell(d, None, &vals, clock::now()))?;
        go(Route::Cell(id.as_str().to_string()));
        Ok(())
    });
    view! {
        <Page title="Thêm chi bộ" lead="Nhập tên, loại hình và cấp ủy viên phụ trách của chi bộ mới.">
            <p class="back"><a href=Route::Cells.href()>"← Danh sách chi bộ"</a></p>
            <section class="card">
                <RecordForm form_id="cell" draft=Draft::new("chi-bo:moi") fields initial=cells::new_values()
                    submit_label="Lưu chi bộ" save on_cancel=Callback::new(|_| go(Route::Cells)) />
            </section>
        </Page>
    }
    .into_any()
}

/// One member of the directory, as listed.
#[derive(Clone, PartialEq)]
struct MemberRow {
    id: MemberId,
    name: String,
    status: &'static str,
    admitted: String,
}

/// What the cell page shows.
#[derive(Clone, PartialEq)]
struct CellView {
    name: String,
    kind: &'static str,
    level: String,
    in_charge: String,
    secretary: String,
    areas: String,
    archived: bool,
    years: Vec<(i32, u32, u32, Option<u32>)>,
    members: Vec<MemberRow>,
    candidates: usize,
}

fn cell_view(d: &ptdv_domain::model::WardData, id: &CellId) -> Option<CellView> {
    let c = d.cell(id)?;
    let targets = cells::yearly_targets(d, id);
    let mut years: Vec<(i32, u32, u32, Option<u32>)> =
        c.members_by_year.iter().map(|(y, v)| (*y, v.full_members, v.probationary_members, targets.get(y).copied())).collect();
    for (y, t) in &targets {
        if !c.members_by_year.contains_key(y) {
            years.push((*y, 0, 0, Some(*t)));
        }
    }
    ptdv_domain::order::sort_by_key(&mut years, |y| std::cmp::Reverse(y.0));
    Some(CellView {
        name: c.name.clone(),
        kind: c.kind.label(),
        level: match &c.grassroots {
            Some(g) if !g.is_empty() => format!("Thuộc {g}"),
            _ => "Trực thuộc đảng ủy".to_string(),
        },
        in_charge: c.committee_member_in_charge.clone(),
        secretary: c.secretary.clone(),
        areas: c.residential_areas.join(", "),
        archived: c.archived,
        years,
        members: members::members_of_cell(d, id)
            .into_iter()
            .map(|m| MemberRow {
                id: m.id.clone(),
                name: m.full_name.clone(),
                status: m.status.label(),
                admitted: format_date_opt(m.admitted_on),
            })
            .collect(),
        candidates: d.candidates.iter().filter(|x| &x.cell_id == id).count(),
    })
}

/// A fact as shown: "Chưa ghi" when empty.
fn or_unset(s: &str) -> String {
    if s.trim().is_empty() {
        "Chưa ghi".to_string()
    } else {
        s.to_string()
    }
}

/// Which form is open on the cell page.
#[derive(Clone, PartialEq)]
enum Editing {
    None,
    Details,
    Year(i32),
    Member(Option<MemberId>),
}

/// The page of the cell `id`.
#[component]
pub fn Cell(id: String) -> impl IntoView {
    let store = Store::get();
    let id = CellId::new(id);
    let id2 = id.clone();
    let view_data = Memo::new(move |_| store.data.with(|d| d.as_ref().and_then(|d| cell_view(d, &id2))));
    let editing = RwSignal::new(Editing::None);
    let message = RwSignal::new(None::<(bool, String)>);
    move || {
        let Some(v) = view_data.get() else {
            return view! {
                <Page title="Không tìm thấy chi bộ" lead="Không có chi bộ nào với đường dẫn này trong dữ liệu trên máy.">
                    <p><a class="button" href=Route::Cells.href()>"Về danh sách chi bộ"</a></p>
                </Page>
            }
            .into_any();
        };
        let id = id.clone();
        let this_year = store.today.get_untracked().year();
        let archive = {
            let id = id.clone();
            move |_| {
                let archived = !view_data.with_untracked(|v| v.as_ref().is_some_and(|v| v.archived));
                let result = store.try_update(|d| cells::set_archived(d, &id, archived, clock::now()));
                message.set(Some(match result {
                    Ok(()) if archived => (true, "Đã lưu trữ chi bộ. Hồ sơ của chi bộ vẫn được giữ nguyên.".into()),
                    Ok(()) => (true, "Đã đưa chi bộ trở lại danh sách.".into()),
                    Err(e) => (false, e),
                }));
            }
        };
        let delete = {
            let id = id.clone();
            move |_| {
                if !window().confirm_with_message("Xóa hẳn chi bộ này khỏi dữ liệu?").unwrap_or(false) {
                    return;
                }
                match store.try_update(|d| cells::delete_cell(d, &id, clock::now())) {
                    Ok(()) => go(Route::Cells),
                    Err(e) => message.set(Some((false, e))),
                }
            }
        };
        let title = if v.archived { format!("{} (đã lưu trữ)", v.name) } else { v.name.clone() };
        let years = v.years.clone();
        let member_rows = v.members.clone();
        view! {
            <Page title lead="Thông tin chi bộ, số đảng viên và chỉ tiêu theo năm, đảng viên giúp đỡ và giới thiệu.">
                <p class="back"><a href=Route::Cells.href()>"← Danh sách chi bộ"</a></p>
                <div role="status" data-testid="cell-message">
                    {move || message.get().map(|(ok, m)| view! { <p class=if ok { "notice ok" } else { "notice error" }>{m}</p> })}
                </div>
                <section class="card" aria-labelledby="cell-details-title">
                    <h2 id="cell-details-title">"Thông tin chi bộ"</h2>
                    <dl class="facts">
                        <dt>"Loại hình"</dt><dd>{v.kind}</dd>
                        <dt>"Cấp"</dt><dd>{v.level.clone()}</dd>
                        <dt>"Cấp ủy viên phụ trách"</dt><dd>{or_unset(&v.in_charge)}</dd>
                        <dt>"Bí thư chi bộ"</dt><dd>{or_unset(&v.secretary)}</dd>
                        <dt>"Địa bàn"</dt><dd>{or_unset(&v.areas)}</dd>
                        <dt>"Quần chúng, người vào Đảng"</dt><dd>{format_int(v.candidates as u64)}</dd>
                    </dl>
                    {
                        let id = id.clone();
                        move || (editing.get() == Editing::Details).then(|| view! { <CellDetailsForm id=id.clone() editing message /> })
                    }
                    <div class="actions">
                        <button class="button" type="button" on:click=move |_| editing.set(Editing::Details)>"Sửa thông tin chi bộ"</button>
                        <button class="button" type="button" on:click=archive>
                            {if v.archived { "Đưa trở lại danh sách" } else { "Lưu trữ chi bộ" }}
                        </button>
                        {(v.candidates == 0 && v.members.is_empty()).then(|| view! {
                            <button class="button" type="button" on:click=delete.clone()>"Xóa chi bộ"</button>
                        })}
                    </div>
                </section>
                <section class="card" aria-labelledby="cell-years-title">
                    <h2 id="cell-years-title">"Số đảng viên và chỉ tiêu kết nạp theo năm"</h2>
                    {if years.is_empty() {
                        view! { <p>"Chưa nhập số đảng viên năm nào."</p> }.into_any()
                    } else {
                        view! {
                            <table class="data-table" data-testid="cell-years">
                                <caption class="visually-hidden">"Số đảng viên đầu năm và chỉ tiêu kết nạp"</caption>
                                <thead><tr>
                                    <th scope="col">"Năm"</th><th scope="col">"Chính thức"</th>
                                    <th scope="col">"Dự bị"</th><th scope="col">"Chỉ tiêu kết nạp"</th><th scope="col"><span class="visually-hidden">"Sửa"</span></th>
                                </tr></thead>
                                <tbody>
                                    {years.into_iter().map(|(y, full, prob, target)| view! {
                                        <tr>
                                            <th scope="row">{y.to_string()}</th>
                                            <td>{format_int(full)}</td>
                                            <td>{format_int(prob)}</td>
                                            <td>{target.map(format_int).unwrap_or_else(|| "–".into())}</td>
                                            <td><button class="button" type="button" on:click=move |_| editing.set(Editing::Year(y))>
                                                {format!("Sửa năm {y}")}
                                            </button></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    {
                        let id = id.clone();
                        move || match editing.get() {
                            Editing::Year(y) => Some(view! { <CellYearForm id=id.clone() year=y editing message /> }),
                            _ => None,
                        }
                    }
                    <p>
                        <button class="button" type="button" on:click=move |_| editing.set(Editing::Year(this_year))>
                            {format!("Nhập số đảng viên, chỉ tiêu năm {this_year}")}
                        </button>
                    </p>
                </section>
                <section class="card" aria-labelledby="cell-members-title" data-testid="cell-members">
                    <h2 id="cell-members-title">"Đảng viên giúp đỡ, giới thiệu"</h2>
                    <p class="hint">"Danh sách đảng viên của chi bộ được chọn làm người giúp đỡ, người giới thiệu trong hồ sơ quần chúng."</p>
                    {if member_rows.is_empty() {
                        view! { <p>"Chưa có đảng viên nào trong danh sách."</p> }.into_any()
                    } else {
                        view! {
                            <table class="data-table">
                                <caption class="visually-hidden">"Đảng viên của chi bộ"</caption>
                                <thead><tr>
                                    <th scope="col">"Họ và tên"</th><th scope="col" class="text">"Tình trạng"</th>
                                    <th scope="col">"Ngày vào Đảng"</th><th scope="col"><span class="visually-hidden">"Sửa"</span></th>
                                </tr></thead>
                                <tbody>
                                    {member_rows.into_iter().map(|m| {
                                        let mid = m.id.clone();
                                        let label = format!("Sửa {}", m.name);
                                        view! {
                                            <tr>
                                                <th scope="row">{m.name}</th>
                                                <td class="text">{m.status}</td>
                                                <td>{m.admitted}</td>
                                                <td><button class="button" type="button" aria-label=label
                                                    on:click=move |_| editing.set(Editing::Member(Some(mid.clone())))>"Sửa"</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    {
                        let id = id.clone();
                        move || match editing.get() {
                            Editing::Member(m) => Some(view! { <MemberForm cell=id.clone() member=m editing message /> }),
                            _ => None,
                        }
                    }
                    <p>
                        <button class="button primary" type="button" on:click=move |_| editing.set(Editing::Member(None))>
                            "Thêm đảng viên"
                        </button>
                    </p>
                </section>
            </Page>
        }
        .into_any()
    }
}

/// A form on the cell page: saved, it closes and says so.
#[component]
fn InlineForm(
    form_id: &'static str,
    title: String,
    draft: Draft,
    fields: Vec<ptdv_domain::form::Field>,
    initial: Values,
    save: Callback<Values, Result<String, Vec<FieldError>>>,
    editing: RwSignal<Editing>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let save = Callback::new(move |vals: Values| {
        let done = save.run(vals)?;
        editing.set(Editing::None);
        message.set(Some((true, done)));
        Ok(())
    });
    view! {
        <RecordForm form_id title draft fields initial submit_label="Lưu" save on_cancel=Callback::new(move |_| editing.set(Editing::None)) />
    }
}

#[component]
fn CellDetailsForm(id: CellId, editing: RwSignal<Editing>, message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let store = Store::get();
    let Some((fields, initial)) = store.data.with_untracked(|d| {
        let d = d.as_ref()?;
        Some((cells::fields(d), cells::values_of(d.cell(&id)?)))
    }) else {
        return ().into_any();
    };
    let draft = Draft::new(format!("chi-bo:{}", id.as_str()));
    let save = Callback::new(move |vals: Values| {
        store.try_update(|d| cells::save_cell(d, Some(&id), &vals, clock::now())).map(|_| "Đã lưu thông tin chi bộ.".to_string())
    });
    view! { <InlineForm form_id="cell" title="Sửa thông tin chi bộ".into() draft fields initial save editing message /> }.into_any()
}

#[component]
fn CellYearForm(id: CellId, year: i32, editing: RwSignal<Editing>, message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let store = Store::get();
    let Some(initial) = store.data.with_untracked(|d| d.as_ref().map(|d| cells::year_values(d, &id, year))) else {
        return ().into_any();
    };
    let draft = Draft::new(format!("chi-bo-nam:{}:{year}", id.as_str()));
    let save = Callback::new(move |vals: Values| {
        store
            .try_update(|d| cells::save_cell_year(d, &id, year, &vals, clock::now()))
            .map(|_| format!("Đã lưu số đảng viên và chỉ tiêu năm {year}."))
    });
    view! {
        <InlineForm form_id="cell-year" title=format!("Năm {year}") draft fields=cells::year_fields() initial save editing message />
    }
    .into_any()
}

#[component]
fn MemberForm(
    cell: CellId,
    member: Option<MemberId>,
    editing: RwSignal<Editing>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let store = Store::get();
    let Some((fields, initial)) = store.data.with_untracked(|d| {
        let d = d.as_ref()?;
        let initial = match &member {
            Some(m) => members::values_of(d.member(m)?),
            None => members::new_values(Some(&cell)),
        };
        Some((members::fields(d, member.as_ref()), initial))
    }) else {
        return ().into_any();
    };
    let draft = Draft::new(match &member {
        Some(m) => format!("dang-vien:{}", m.as_str()),
        None => format!("dang-vien:moi:{}", cell.as_str()),
    });
    let title = if member.is_some() { "Sửa thông tin đảng viên" } else { "Thêm đảng viên" }.to_string();
    let save = Callback::new(move |vals: Values| {
        store.try_update(|d| members::save_member(d, member.as_ref(), &vals, clock::now())).map(|_| "Đã lưu đảng viên.".to_string())
    });
    view! { <InlineForm form_id="member" title draft fields initial save editing message /> }.into_any()
}
