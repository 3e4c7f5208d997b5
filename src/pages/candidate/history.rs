//! "Quá trình": every step with its dates, document numbers and votes; "Lịch sử thay đổi":
//! who changed what, when (the domain's change log for this record).

use crate::clock;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::changes::display::history_lines;
use ptdv_domain::format::RecordKind;
use ptdv_domain::model::CandidateId;
use ptdv_domain::pipeline::timeline::timeline;
use ptdv_domain::rules::citation;
use ptdv_domain::text::format_date;

/// Quá trình: the person's steps, oldest first.
#[component]
pub fn Timeline(id: CandidateId) -> impl IntoView {
    let store = Store::get();
    let entries =
        Memo::new(move |_| store.data.with(|d| d.as_ref().and_then(|d| d.candidate(&id).map(|c| timeline(c, d))).unwrap_or_default()));
    view! {
        <section class="card" aria-labelledby="timeline-title" data-testid="timeline">
            <h2 id="timeline-title">"Quá trình"</h2>
            {move || {
                let list = entries.get();
                if list.is_empty() {
                    return view! { <p>"Chưa ghi bước nào."</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {list.into_iter().map(|e| { let is_late = e.late.is_some(); view! {
                            <li class:late=is_late>
                                <p class="timeline-head">
                                    <span class="timeline-date">{format_date(e.date)}</span>
                                    <strong>{e.title}</strong>
                                </p>
                                {e.late.map(|l| view! {
                                    <p class="timeline-late">{format!(
                                        "Ghi muộn: hạn là {} ({}).",
                                        format_date(l.deadline),
                                        citation::for_people(&l.rule)
                                    )}</p>
                                })}
                                {(!e.details.is_empty()).then(|| view! {
                                    <dl class="timeline-details">
                                        {e.details.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                                    </dl>
                                })}
                                {(!e.acknowledged.is_empty()).then(|| view! {
                                    <p class="hint">"Đã xác nhận các lưu ý khi ghi bước này."</p>
                                })}
                            </li>
                        }}).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

/// Lịch sử thay đổi: the log entries of this record, newest first.
#[component]
pub fn Changes(id: CandidateId) -> impl IntoView {
    let store = Store::get();
    let rows = Memo::new(move |_| {
        store.data.with(|d| {
            let Some(d) = d.as_ref() else { return vec![] };
            history_lines(&d.changes, RecordKind::Candidate, id.as_str())
                .into_iter()
                .map(|l| (clock::local_datetime_label(l.at), l.what, l.change))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card no-print" aria-labelledby="changes-title" data-testid="changes">
            <h2 id="changes-title">"Lịch sử thay đổi"</h2>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! { <p>"Chưa có thay đổi nào được ghi trên máy này."</p> }.into_any();
                }
                let count = rows.len();
                view! {
                    <details>
                        <summary>{format!("Xem {count} thay đổi gần nhất")}</summary>
                        <table class="changes">
                            <caption class="visually-hidden">"Các thay đổi của hồ sơ, mới nhất trước"</caption>
                            <thead><tr><th scope="col">"Lúc"</th><th scope="col">"Nội dung"</th><th scope="col">"Thay đổi"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(at, what, change)| view! {
                                    <tr><td>{at}</td><td>{what}</td><td>{change}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </details>
                }
                .into_any()
            }}
        </section>
    }
}
