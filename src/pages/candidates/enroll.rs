//! Enrolling the people ticked in the list in a class, together.

use crate::clock;
use crate::route::Route;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::model::CandidateId;
use ptdv_domain::records::classes;
use ptdv_domain::text::{format_count, format_date};

/// The bar shown once people are ticked: the class to enrol them in, and the result.
#[component]
pub fn EnrollSelected(selected: RwSignal<Vec<CandidateId>>) -> impl IntoView {
    let store = Store::get();
    // Classes that have not ended long ago, newest first: (id, label).
    let choices = Memo::new(move |_| {
        store.data.with(|d| {
            let Some(d) = d.as_ref() else { return vec![] };
            let mut list: Vec<&ptdv_domain::model::Class> = d.classes.iter().collect();
            ptdv_domain::order::sort_by_key(&mut list, |c| std::cmp::Reverse(c.start));
            list.into_iter()
                .take(12)
                .map(|c| (c.id.to_string(), format!("{} — {} ({})", c.name, c.kind.label(), format_date(c.start))))
                .collect::<Vec<_>>()
        })
    });
    let class = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<(String, String), String>>);
    let enroll = move |_| {
        let ids = selected.get_untracked();
        let chosen = class.get_untracked();
        if chosen.is_empty() {
            outcome.set(Some(Err("Chưa chọn lớp.".into())));
            return;
        }
        let class_id = ptdv_domain::model::ClassId::new(chosen);
        let result = store.try_update(|d| classes::enroll(d, &class_id, &ids, clock::now()));
        outcome.set(Some(result.map(|n| {
            selected.set(vec![]);
            (format!("Đã ghi tên {} người vào lớp.", format_count(n)), Route::Class(class_id.to_string()).href())
        })));
    };
    view! {
        <div role="status" data-testid="enroll-result">
            {move || outcome.get().map(|o| match o {
                Ok((m, href)) => view! { <p class="notice ok">{m}" "<a href=href>"Xem lớp"</a></p> }.into_any(),
                Err(e) => view! { <p class="notice error">{e}</p> }.into_any(),
            })}
        </div>
        <Show when=move || selected.with(|s| !s.is_empty())
            fallback=|| view! { <p class="hint">"Đánh dấu ô trước tên để ghi tên nhiều người cùng lúc vào một lớp bồi dưỡng."</p> }>
            <div class="enroll-bar card" data-testid="enroll-bar">
                <p><strong>{move || format!("Đã chọn {} người.", format_count(selected.with(Vec::len)))}</strong></p>
                <div class="field">
                    <label for="enroll-class">"Ghi tên vào lớp"</label>
                    <select id="enroll-class" prop:value=move || class.get()
                        on:change:target=move |ev| class.set(ev.target().value())>
                        <option value="">"— Chọn lớp —"</option>
                        {move || choices.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="actions">
                    <button class="button primary" type="button" on:click=enroll>"Ghi tên vào lớp"</button>
                    <button class="button" type="button" on:click=move |_| { selected.set(vec![]); outcome.set(None); }>"Bỏ chọn"</button>
                </div>
            </div>
        </Show>
    }
}
