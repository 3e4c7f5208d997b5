//! Cần rà soát: the people whose occupation the file format upgrade could only guess (one old
//! value, several rows of Biểu 2-BTCTW). Each is confirmed or corrected here, after which the
//! mark goes (`records::candidates::confirm_occupation`).

use crate::clock;
use crate::components::{EmptyState, Page};
use crate::route::Route;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::model::{CandidateId, WardData};
use ptdv_domain::records::candidates::{self, occupation_options};
use ptdv_domain::text::format_count;

/// One person to look at.
#[derive(Clone, PartialEq)]
struct ReviewLine {
    id: CandidateId,
    name: String,
    cell: String,
    was: String,
    reason: String,
    /// The row chosen by the upgrade (its code).
    guess: String,
}

fn review_lines(d: &WardData) -> Vec<ReviewLine> {
    candidates::needing_review(d)
        .into_iter()
        .filter_map(|c| {
            let r = c.occupation_review.as_ref()?;
            Some(ReviewLine {
                id: c.id.clone(),
                name: c.full_name.clone(),
                cell: d.cell(&c.cell_id).map(|x| x.name.clone()).unwrap_or_default(),
                was: r.was.clone(),
                reason: r.reason.clone(),
                guess: ptdv_domain::model::code_of(c.occupation),
            })
        })
        .collect()
}

/// How many records are marked "cần rà soát nghề nghiệp" (0 without a ward).
pub fn review_count(store: Store) -> usize {
    store.data.with(|d| d.as_ref().map(|d| d.candidates.iter().filter(|c| c.occupation_review.is_some()).count()).unwrap_or(0))
}

/// A notice with the number of records to review and the link to the list; nothing when none.
#[component]
pub fn ReviewNotice() -> impl IntoView {
    let store = Store::get();
    let count = Memo::new(move |_| review_count(store));
    move || {
        let n = count.get();
        (n > 0).then(|| {
            view! {
                <div class="notice warn review-notice" role="status" data-testid="review-notice">
                    <p>
                        <strong>{format!("Có {} quần chúng cần rà soát nghề nghiệp. ", format_count(n))}</strong>
                        "Nghề nghiệp nay theo đúng các dòng của Biểu 2-BTCTW; với những người này, khi nâng cấp dữ liệu ứng dụng chỉ đoán được dòng phù hợp nhất."
                    </p>
                    <p><a class="button" href=Route::Review.href()>"Mở danh sách cần rà soát"</a></p>
                </div>
            }
        })
    }
}

/// Cần rà soát nghề nghiệp.
#[component]
pub fn Review() -> impl IntoView {
    let store = Store::get();
    let lines = Memo::new(move |_| store.data.with(|d| d.as_ref().map(review_lines)));
    let options = Memo::new(move |_| store.data.with(|d| d.as_ref().map(|d| occupation_options(&d.ward.settings)).unwrap_or_default()));
    let done = RwSignal::new(None::<String>);
    move || {
        match lines.get() {
        None => view! {
            <Page title="Cần rà soát nghề nghiệp" lead="Những người cần xác nhận lại nghề nghiệp theo Biểu 2-BTCTW.">
                <EmptyState title="Chưa có dữ liệu của đảng bộ"
                    will_hold=&["Những người mà ứng dụng chỉ đoán được nghề nghiệp khi nâng cấp dữ liệu, để xác nhận hoặc sửa."]
                    action=("Bắt đầu: thiết lập đảng bộ", "#/") />
            </Page>
        }
        .into_any(),
        Some(lines) => view! {
            <Page title="Cần rà soát nghề nghiệp"
                lead="Nghề nghiệp nay chia theo đúng các dòng của Biểu 2-BTCTW. Với mỗi người dưới đây, hãy xác nhận dòng ứng dụng đã chọn hoặc chọn dòng đúng.">
                {move || done.get().map(|m| view! { <p class="notice ok" role="status" id="review-done" tabindex="-1" data-testid="review-done">{m}</p> })}
                {if lines.is_empty() {
                    view! { <p class="notice ok" data-testid="review-empty">"Không còn ai cần rà soát nghề nghiệp."</p> }.into_any()
                } else {
                    view! {
                        <p data-testid="review-count">{format!("Còn {} người cần rà soát.", format_count(lines.len()))}</p>
                        <ul class="review-list" data-testid="review-list">
                            {lines.into_iter().map(|l| view! { <ReviewItem line=l options done /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Page>
        }
        .into_any(),
    }
    }
}

#[component]
fn ReviewItem(line: ReviewLine, options: Memo<Vec<(String, String)>>, done: RwSignal<Option<String>>) -> impl IntoView {
    let store = Store::get();
    let chosen = RwSignal::new(line.guess.clone());
    let error = RwSignal::new(None::<String>);
    let select_id = format!("review-{}", line.id.as_str());
    let error_id = format!("{select_id}-error");
    let (id, name) = (line.id.clone(), line.name.clone());
    let confirm = move |_| {
        let code = chosen.get_untracked();
        match store.try_update(|d| candidates::confirm_occupation(d, &id, &code, clock::now())) {
            Ok(()) => {
                error.set(None);
                done.set(Some(format!("Đã xác nhận nghề nghiệp của {name}.")));
                // The item is gone with its button: the focus goes to the message saying so.
                crate::components::focus_after_redraw("review-done");
            }
            Err(errors) => error.set(Some(errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join(" "))),
        }
    };
    let href = Route::Candidate(line.id.as_str().to_string()).href();
    let guess = line.guess.clone();
    view! {
        <li class="review-item" data-testid="review-item">
            <p class="review-who"><a href=href>{line.name.clone()}</a>{format!(" · {}", line.cell)}</p>
            <p class="review-why">{format!("Trước đây ghi “{}”; {}.", line.was, line.reason)}</p>
            <div class="review-action">
            <div class="field">
                <label for=select_id.clone()>{format!("Nghề nghiệp của {}", line.name)}</label>
                <select id=select_id.clone() aria-describedby=move || error.get().map(|_| error_id.clone())
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {move || options.get().into_iter().map(|(value, label)| {
                        let selected = value == guess;
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button class="button primary" type="button" on:click=confirm>"Xác nhận"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error" id=format!("review-{}-error", line.id.as_str())>{e}</p> })}
        </li>
    }
}
