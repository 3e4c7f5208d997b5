//! "Bảng theo bước": one column per stage of the main path with its count and the first
//! names (of the same filtered list), then one column for those who left the main path.

use super::list::Found;
use super::roster::Built;
use crate::route::Route;
use leptos::prelude::*;
use ptdv_domain::text::format_count;

/// Names shown in each column; the rest are counted.
const NAMES_PER_COLUMN: usize = 8;

#[derive(Clone, PartialEq)]
struct Column {
    key: String,
    title: String,
    count: usize,
    /// (link, name) of the first people of the column.
    names: Vec<(String, String)>,
}

#[component]
pub fn Board(built: Memo<Option<Result<Built, String>>>, found: Memo<Found>) -> impl IntoView {
    let columns = Memo::new(move |_| {
        built.with(|b| {
            let Some(Ok(b)) = b else { return Vec::new() };
            let r = &b.roster;
            found.with(|f| {
                let (main, rest) = r.by_main_stage(&f.indices);
                let column = |key: String, title: String, ix: &[usize]| Column {
                    key,
                    title,
                    count: ix.len(),
                    names: ix
                        .iter()
                        .take(NAMES_PER_COLUMN)
                        .map(|&i| {
                            let e = r.entry(i);
                            (Route::Candidate(e.id.as_str().to_string()).href(), e.full_name.clone())
                        })
                        .collect(),
                };
                let mut cols: Vec<Column> = main.iter().map(|(s, ix)| column(format!("{s:?}"), s.label().to_string(), ix)).collect();
                cols.push(column("Other".into(), "Dừng lại, rút, chuyển đi".into(), &rest));
                cols
            })
        })
    });
    view! {
        <section class="board" role="region" aria-labelledby="board-title" tabindex="0" data-testid="board">
            <h2 id="board-title" class="visually-hidden">"Bảng theo bước"</h2>
            {move || columns.get().into_iter().map(|c| {
                let id = format!("board-col-{}", c.key);
                let more = c.count.saturating_sub(c.names.len());
                let list_label = id.clone();
                view! {
                    <section class="board-col" aria-labelledby=id.clone() data-testid="board-col">
                        <h3 id=id.clone()>{c.title.clone()}</h3>
                        <p class="board-count"><span data-testid="board-count">{format_count(c.count)}</span>" người"</p>
                        {if c.names.is_empty() {
                            view! { <p class="muted">"Không có ai"</p> }.into_any()
                        } else {
                            view! {
                                <ul aria-labelledby=list_label>
                                    {c.names.iter().map(|(href, n)| view! { <li><a href=href.clone()>{n.clone()}</a></li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {(more > 0).then(|| view! { <p class="hint">{format!("và {} người khác", format_count(more))}</p> })}
                    </section>
                }
            }).collect_view()}
        </section>
    }
}
