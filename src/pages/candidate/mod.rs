//! Hồ sơ quần chúng: one person's page — who they are, where they stand, the deadlines that
//! run, every step so far, the next step as a form, and the change history. Prints as a
//! one-page summary.

mod history;
mod identity;
mod step;

use crate::components::Page;
use crate::route::Route;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::deadlines::timers;
use ptdv_domain::model::{CandidateId, WardData};
use ptdv_domain::rules::{citation, WardRules};
use ptdv_domain::text::format_date;

/// One open deadline of the person, for the "Thời hạn" list.
#[derive(Clone, Debug, PartialEq)]
struct OpenDeadline {
    label: String,
    deadline: String,
    when: String,
    late: bool,
    rule: String,
}

/// The person's open (not yet met) deadlines on `today`.
fn open_deadlines(data: &WardData, rules: &WardRules, id: &CandidateId, today: chrono::NaiveDate) -> Vec<OpenDeadline> {
    let Some(c) = data.candidate(id) else { return vec![] };
    let ctx = rules.context(data, c, today);
    timers(c, &ctx)
        .into_iter()
        .filter(|t| t.done.is_none())
        .map(|t| {
            let state = t.state(today, rules.due_soon_days());
            let label = t.title();
            let deadline = match t.extended_deadline {
                Some(e) if e != t.deadline => format!("{} (gia hạn đến {})", format_date(t.deadline), format_date(e)),
                _ => format_date(t.deadline),
            };
            OpenDeadline { label, deadline, when: state.line(), late: state.status.is_late(), rule: citation::for_people(t.rule) }
        })
        .collect()
}

/// The page for the person `id`.
#[component]
pub fn Candidate(id: String) -> impl IntoView {
    let store = Store::get();
    let id = CandidateId::new(id);
    let id2 = id.clone();
    let name = Memo::new(move |_| store.data.with(|d| d.as_ref().and_then(|d| d.candidate(&id2)).map(|c| c.full_name.clone())));
    // The document title names the person (the shell sets the route's label first).
    Effect::new(move |_| {
        if let Some(n) = name.get() {
            document().set_title(&format!("{n} — Hồ sơ quần chúng — Phát triển đảng viên"));
        }
    });
    let id3 = id.clone();
    let deadlines = Memo::new(move |_| {
        let today = store.today.get();
        let Some(rules) = store.ward_rules() else { return vec![] };
        store.data.with(|d| d.as_ref().map(|d| open_deadlines(d, &rules, &id3, today)).unwrap_or_default())
    });
    move || match name.get() {
        None => view! {
            <Page title="Không tìm thấy hồ sơ" lead="Không có quần chúng nào với đường dẫn này trong dữ liệu trên máy.">
                <p><a class="button" href=Route::Candidates.href()>"Về danh sách quần chúng"</a></p>
            </Page>
        }
        .into_any(),
        Some(full_name) => {
            let id = id.clone();
            view! {
                <Page title=full_name lead="Thông tin, thời hạn, quá trình và bước tiếp theo của người này.">
                    <p class="back no-print"><a href=Route::Candidates.href()>"← Danh sách quần chúng"</a></p>
                    <p class="print-only">{move || store.data.with(|d| d.as_ref().map(|d| format!(
                        "{} — in ngày {}", d.ward.full_name(), format_date(store.today.get())
                    )))}</p>
                    <identity::Identity id=id.clone() />
                    <section class="card" aria-labelledby="deadlines-title" data-testid="candidate-deadlines">
                        <h2 id="deadlines-title">"Thời hạn đang chạy"</h2>
                        {move || {
                            let list = deadlines.get();
                            if list.is_empty() {
                                view! { <p>"Không có thời hạn nào đang chạy."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="due-list">
                                        {list.into_iter().map(|d| view! {
                                            <li class=if d.late { "due-item late" } else { "due-item soon" }>
                                                <p class="due-when"><strong>{d.when}</strong>{format!(" — hạn {}", d.deadline)}</p>
                                                <p class="due-what">{d.label}</p>
                                                <p class="due-rule">{format!("Quy định: {}", d.rule)}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                        }}
                    </section>
                    <step::NextStep id=id.clone() />
                    <history::Timeline id=id.clone() />
                    <history::Changes id />
                    <p class="no-print">
                        <button class="button" type="button" on:click=move |_| { let _ = window().print(); }>
                            "In trang tóm tắt"
                        </button>
                    </p>
                </Page>
            }
            .into_any()
        }
    }
}
