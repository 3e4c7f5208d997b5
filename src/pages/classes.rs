//! Lớp bồi dưỡng: awareness and new-member classes with their learners and results;
//! enrolling candidates; certificates recorded once for the whole class.

use crate::clock;
use crate::components::{Draft, EmptyState, Page, RecordForm};
use crate::route::Route;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::form::{FieldError, Values};
use ptdv_domain::model::{CandidateId, ClassId, ClassResult, WardData};
use ptdv_domain::records::classes;
use ptdv_domain::text::{format_count, format_date, format_date_opt, SearchQuery};

fn go(route: Route) {
    let _ = window().location().set_hash(&route.href());
}

#[derive(Clone, PartialEq)]
struct ClassRow {
    href: String,
    kind: &'static str,
    name: String,
    dates: String,
    learners: usize,
    certificates: String,
}

fn class_rows(d: &WardData) -> Vec<ClassRow> {
    let mut list: Vec<&ptdv_domain::model::Class> = d.classes.iter().collect();
    ptdv_domain::order::sort_by_key(&mut list, |c| std::cmp::Reverse(c.start));
    list.into_iter()
        .map(|c| ClassRow {
            href: Route::Class(c.id.as_str().to_string()).href(),
            kind: c.kind.label(),
            name: c.name.clone(),
            dates: format!("{} – {}", format_date(c.start), format_date(c.end)),
            learners: c.learners.len(),
            certificates: match c.certificate_date {
                Some(d) => format!("Đã cấp ngày {}", format_date(d)),
                None => "Chưa cấp".to_string(),
            },
        })
        .collect()
}

/// The list of classes.
#[component]
pub fn Classes() -> impl IntoView {
    let store = Store::get();
    let rows = Memo::new(move |_| store.data.with(|d| d.as_ref().map(class_rows)));
    move || {
        match rows.get() {
        None => view! {
            <Page title="Lớp bồi dưỡng" lead="Lớp bồi dưỡng nhận thức về Đảng và lớp bồi dưỡng đảng viên mới.">
                <EmptyState
                    title="Chưa có lớp nào"
                    will_hold=&[
                        "Các khóa học, thời gian, nơi tổ chức và danh sách học viên.",
                        "Kết quả học tập và số giấy chứng nhận của từng học viên.",
                        "Giấy chứng nhận sắp hết hạn 60 tháng.",
                    ]
                    action=("Thiết lập đảng bộ trước", "#/")
                />
            </Page>
        }
        .into_any(),
        Some(rows) => view! {
            <Page title="Lớp bồi dưỡng" lead="Lớp bồi dưỡng nhận thức về Đảng và lớp bồi dưỡng đảng viên mới.">
                <p class="page-actions"><a class="button primary" href=Route::NewClass.href()>"Mở lớp mới"</a></p>
                {if rows.is_empty() {
                    view! { <p class="notice">"Chưa có lớp nào. Bấm “Mở lớp mới” để ghi một khóa học."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Bảng các lớp">
                            <table class="data-table" data-testid="classes-table">
                                <caption class="visually-hidden">"Các lớp bồi dưỡng, mới nhất trước"</caption>
                                <thead><tr>
                                    <th scope="col">"Lớp"</th><th scope="col" class="text">"Loại lớp"</th><th scope="col" class="text">"Thời gian"</th>
                                    <th scope="col">"Học viên"</th><th scope="col" class="text">"Giấy chứng nhận"</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <th scope="row"><a href=r.href>{r.name}</a></th>
                                            <td class="text">{r.kind}</td><td class="text">{r.dates}</td>
                                            <td>{format_count(r.learners)}</td><td class="text">{r.certificates}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </Page>
        }
        .into_any(),
    }
    }
}

/// Mở lớp mới.
#[component]
pub fn NewClass() -> impl IntoView {
    let store = Store::get();
    let Some(initial) = store.data.with_untracked(|d| d.as_ref().map(classes::new_values)) else {
        return view! {
            <Page title="Mở lớp bồi dưỡng" lead="Thiết lập đảng bộ trước khi mở lớp.">
                <p><a class="button primary" href="#/">"Thiết lập đảng bộ"</a></p>
            </Page>
        }
        .into_any();
    };
    let save = Callback::new(move |vals: Values| {
        let id = store.try_update(|d| classes::save_class(d, None, &vals, clock::now()))?;
        go(Route::Class(id.as_str().to_string()));
        Ok(())
    });
    view! {
        <Page title="Mở lớp bồi dưỡng" lead="Ghi khóa học: loại lớp, thời gian, nơi tổ chức. Sau đó ghi tên học viên.">
            <p class="back"><a href=Route::Classes.href()>"← Danh sách lớp"</a></p>
            <section class="card">
                <RecordForm form_id="class" draft=Draft::new("lop:moi") fields=classes::fields() initial
                    submit_label="Lưu lớp" save on_cancel=Callback::new(|_| go(Route::Classes)) />
            </section>
        </Page>
    }
    .into_any()
}

/// A learner as listed.
#[derive(Clone, PartialEq)]
struct LearnerRow {
    id: CandidateId,
    name: String,
    stage: &'static str,
    result: Option<ClassResult>,
    number: String,
}

#[derive(Clone, PartialEq)]
struct ClassView {
    name: String,
    kind: &'static str,
    facts: Vec<(&'static str, String)>,
    learners: Vec<LearnerRow>,
    certified: bool,
}

fn class_view(d: &WardData, id: &ClassId) -> Option<ClassView> {
    let c = d.class(id)?;
    let learners = c
        .learners
        .iter()
        .map(|l| {
            let person = d.candidate(&l.candidate_id);
            LearnerRow {
                id: l.candidate_id.clone(),
                name: person.map(|p| p.full_name.clone()).unwrap_or_else(|| l.candidate_id.as_str().to_string()),
                stage: person.map(|p| p.stage.label()).unwrap_or(""),
                result: l.result,
                number: l.certificate_number.clone(),
            }
        })
        .collect();
    let mut facts =
        vec![("Loại lớp", c.kind.label().to_string()), ("Thời gian", format!("{} – {}", format_date(c.start), format_date(c.end)))];
    if !c.organiser.is_empty() {
        facts.push(("Đơn vị tổ chức", c.organiser.clone()));
    }
    if !c.venue.is_empty() {
        facts.push(("Địa điểm", c.venue.clone()));
    }
    facts.push((
        "Giấy chứng nhận",
        match c.certificate_date {
            Some(_) => format!("Cấp ngày {}, {}", format_date_opt(c.certificate_date), c.certificate_issuer),
            None => "Chưa cấp".to_string(),
        },
    ));
    Some(ClassView { name: c.name.clone(), kind: c.kind.label(), facts, learners, certified: c.certificate_date.is_some() })
}

fn result_code(r: Option<ClassResult>) -> &'static str {
    match r {
        None => "",
        Some(ClassResult::Dat) => "dat",
        Some(ClassResult::KhongDat) => "khong_dat",
        Some(ClassResult::VangMat) => "vang_mat",
    }
}

fn parse_result(s: &str) -> Option<ClassResult> {
    match s {
        "dat" => Some(ClassResult::Dat),
        "khong_dat" => Some(ClassResult::KhongDat),
        "vang_mat" => Some(ClassResult::VangMat),
        _ => None,
    }
}

/// One class: details, learners with their results, enrolling, certificates.
#[component]
pub fn Class(id: String) -> impl IntoView {
    let store = Store::get();
    let id = ClassId::new(id);
    let id2 = id.clone();
    let data = Memo::new(move |_| store.data.with(|d| d.as_ref().and_then(|d| class_view(d, &id2))));
    let message = RwSignal::new(None::<(bool, String)>);
    let adding = RwSignal::new(false);
    let certifying = RwSignal::new(false);
    move || {
        let Some(v) = data.get() else {
            return view! {
                <Page title="Không tìm thấy lớp" lead="Không có lớp nào với đường dẫn này trong dữ liệu trên máy.">
                    <p><a class="button" href=Route::Classes.href()>"Về danh sách lớp"</a></p>
                </Page>
            }
            .into_any();
        };
        let id = id.clone();
        // Results as chosen in the table, saved together.
        let results = RwSignal::new(v.learners.iter().map(|l| (l.id.clone(), l.result)).collect::<Vec<_>>());
        let save_results = {
            let id = id.clone();
            move |_| {
                let chosen = results.get_untracked();
                let r = store.try_update(|d| classes::record_results(d, &id, &chosen, clock::now()));
                message.set(Some(match r {
                    Ok(()) => (true, "Đã lưu kết quả học tập.".to_string()),
                    Err(e) => (false, e),
                }));
            }
        };
        let has_learners = !v.learners.is_empty();
        view! {
            <Page title=v.name.clone() lead=v.kind>
                <p class="back"><a href=Route::Classes.href()>"← Danh sách lớp"</a></p>
                <div role="status" data-testid="class-message">
                    {move || message.get().map(|(ok, m)| view! { <p class=if ok { "notice ok" } else { "notice error" }>{m}</p> })}
                </div>
                <section class="card" aria-labelledby="class-facts-title">
                    <h2 id="class-facts-title">"Thông tin lớp"</h2>
                    <dl class="facts">{v.facts.into_iter().map(|(k, x)| view! { <dt>{k}</dt><dd>{x}</dd> }).collect_view()}</dl>
                </section>
                <section class="card" aria-labelledby="learners-title" data-testid="learners">
                    <h2 id="learners-title">{format!("Học viên ({})", format_count(v.learners.len()))}</h2>
                    {if has_learners {
                        view! {
                            <table class="data-table">
                                <caption class="visually-hidden">"Học viên, kết quả và số giấy chứng nhận"</caption>
                                <thead><tr>
                                    <th scope="col">"Họ và tên"</th><th scope="col" class="text">"Giai đoạn"</th>
                                    <th scope="col" class="text">"Kết quả"</th><th scope="col" class="text">"Số giấy chứng nhận"</th>
                                </tr></thead>
                                <tbody>
                                    {v.learners.into_iter().enumerate().map(|(i, l)| {
                                        let select_id = format!("result-{i}");
                                        let label = format!("Kết quả của {}", l.name);
                                        view! {
                                            <tr>
                                                <th scope="row"><a href=Route::Candidate(l.id.as_str().to_string()).href()>{l.name.clone()}</a></th>
                                                <td class="text">{l.stage}</td>
                                                <td class="text">
                                                    <select id=select_id aria-label=label
                                                        on:change=move |ev| {
                                                            let r = parse_result(&event_target_value(&ev));
                                                            results.update(|rs| if let Some(x) = rs.get_mut(i) { x.1 = r; });
                                                        }>
                                                        <option value="" selected=l.result.is_none()>"Chưa có"</option>
                                                        {[ClassResult::Dat, ClassResult::KhongDat, ClassResult::VangMat].into_iter().map(|r| view! {
                                                            <option value=result_code(Some(r)) selected=l.result == Some(r)>{r.label()}</option>
                                                        }).collect_view()}
                                                    </select>
                                                </td>
                                                <td class="text">{l.number.clone()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <p><button class="button" type="button" on:click=save_results>"Lưu kết quả học tập"</button></p>
                        }.into_any()
                    } else {
                        view! { <p>"Lớp chưa có học viên."</p> }.into_any()
                    }}
                    {
                        let id = id.clone();
                        move || if adding.get() {
                            view! { <Enroll id=id.clone() adding message /> }.into_any()
                        } else {
                            view! { <p><button class="button primary" type="button" on:click=move |_| adding.set(true)>"Ghi tên học viên"</button></p> }.into_any()
                        }
                    }
                </section>
                {has_learners.then(|| view! {
                    <section class="card" aria-labelledby="certificates-title">
                        <h2 id="certificates-title">"Giấy chứng nhận"</h2>
                        <p class="hint">"Ghi một lần cho cả lớp: ngày cấp, nơi cấp và số giấy của từng học viên đạt. Với lớp nhận thức về Đảng, bước “Ghi giấy chứng nhận” được ghi vào hồ sơ của từng người."</p>
                        {
                            let id = id.clone();
                            move || if certifying.get() {
                                view! { <Certificates id=id.clone() certifying message /> }.into_any()
                            } else {
                                view! { <p><button class="button" type="button" on:click=move |_| certifying.set(true)>
                                    {if v.certified { "Ghi giấy chứng nhận cho học viên còn lại" } else { "Ghi giấy chứng nhận cho cả lớp" }}
                                </button></p> }.into_any()
                            }
                        }
                    </section>
                })}
            </Page>
        }
        .into_any()
    }
}

/// Choosing who to enroll among those who need the class.
#[component]
fn Enroll(id: ClassId, adding: RwSignal<bool>, message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let store = Store::get();
    let id2 = id.clone();
    let people = store.data.with_untracked(|d| {
        let Some(d) = d.as_ref() else { return vec![] };
        let Some(class) = d.class(&id2) else { return vec![] };
        classes::eligible_for_class(d, class)
            .into_iter()
            .map(|c| {
                let cell = d.cell(&c.cell_id).map(|x| x.name.clone()).unwrap_or_default();
                (c.id.clone(), c.full_name.clone(), format!("{} · {}", cell, c.stage.label()))
            })
            .collect::<Vec<_>>()
    });
    let total = people.len();
    let filter = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<CandidateId>::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids = chosen.get_untracked();
        if ids.is_empty() {
            error.set(Some("Chưa chọn ai.".into()));
            return;
        }
        match store.try_update(|d| classes::enroll(d, &id, &ids, clock::now())) {
            Ok(n) => {
                adding.set(false);
                message.set(Some((true, format!("Đã ghi tên {} học viên vào lớp.", format_count(n)))));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let visible = move || {
        let q = SearchQuery::new(&filter.get());
        people.iter().filter(|(_, name, _)| q.matches(name)).take(200).cloned().collect::<Vec<_>>()
    };
    view! {
        <form class="step-form" on:submit=submit novalidate data-testid="enroll-form" aria-labelledby="enroll-title">
            <h3 id="enroll-title">"Ghi tên học viên"</h3>
            {if total == 0 {
                view! { <p>"Không còn ai cần học lớp này: mọi người đủ điều kiện đã có tên trong lớp hoặc đã có giấy chứng nhận còn hạn."</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{format!("{} người cần học lớp này. Đánh dấu những người được cử đi học.", format_count(total))}</p>
                    <div class="field">
                        <label for="enroll-filter">"Tìm theo tên"</label>
                        <input id="enroll-filter" type="search" autocomplete="off" prop:value=move || filter.get()
                            on:input=move |ev| filter.set(event_target_value(&ev)) />
                    </div>
                    <fieldset class="field multi">
                        <legend>"Người cần học"</legend>
                        <div class="multi-options scroll">
                            <For each=visible key=|(id, _, _)| id.clone() let((cid, name, detail))>
                                {
                                    let box_id = format!("enroll-{}", cid.as_str());
                                    let box_for = box_id.clone();
                                    let cid2 = cid.clone();
                                    view! {
                                        <label class="checkbox" for=box_for>
                                            <input id=box_id type="checkbox"
                                                prop:checked=move || chosen.with(|c| c.contains(&cid2))
                                                on:change:target=move |ev| {
                                                    let on = ev.target().checked();
                                                    chosen.update(|c| {
                                                        c.retain(|x| x != &cid);
                                                        if on { c.push(cid.clone()); }
                                                    });
                                                } />
                                            {name}<span class="hint">{format!(" — {detail}")}</span>
                                        </label>
                                    }
                                }
                            </For>
                        </div>
                    </fieldset>
                }.into_any()
            }}
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button class="button primary" type="submit">{move || format!("Ghi tên {} người đã chọn", format_count(chosen.with(Vec::len)))}</button>
                <button class="button" type="button" on:click=move |_| adding.set(false)>"Đóng"</button>
            </div>
        </form>
    }
}

/// Certificates for the whole class, once.
#[component]
fn Certificates(id: ClassId, certifying: RwSignal<bool>, message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let store = Store::get();
    let initial = store.data.with_untracked(|d| d.as_ref().and_then(|d| d.class(&id)).map(classes::certificate_values)).unwrap_or_default();
    let draft = Draft::new(format!("giay-chung-nhan:{}", id.as_str()));
    let save = Callback::new(move |vals: Values| {
        let rules = store.ward_rules_untracked().map_err(|_| vec![FieldError::new("", "Không đọc được bộ quy định.")])?;
        let report = store.try_update(|d| {
            classes::issue_certificates(d, &id, &vals, rules.rule_sets(), rules.calendar(), clock::today(), clock::now())
        })?;
        certifying.set(false);
        message.set(Some((true, report.summary())));
        Ok(())
    });
    view! {
        <RecordForm form_id="certificate" title="Ghi giấy chứng nhận cho cả lớp" draft fields=classes::certificate_fields() initial
            submit_label="Ghi giấy chứng nhận" save on_cancel=Callback::new(move |_| certifying.set(false)) cancel_label="Đóng" />
    }
}
