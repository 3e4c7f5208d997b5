use crate::components::{EmptyState, Page};
use crate::route::Route;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::deadlines::{due_items, DeadlineStatus};
use ptdv_domain::model::WardData;
use ptdv_domain::rules::WardRules;
use ptdv_domain::text::{format_count, format_date};

/// One line of the list, computed from the domain's due scan.
#[derive(Clone, PartialEq)]
pub struct DueLine {
    pub status: DeadlineStatus,
    pub person: String,
    /// Link to the person's page.
    pub href: String,
    pub cell: String,
    pub stage: &'static str,
    pub what: String,
    pub deadline: String,
    pub when: String,
    pub rule: String,
}

/// Every overdue and due-soon deadline of the ward on `today`, most urgent first.
fn due_lines(data: &WardData, rules: &WardRules, today: chrono::NaiveDate) -> Vec<DueLine> {
    let cell_name = |id: &ptdv_domain::model::CellId| data.cell(id).map(|c| c.name.clone()).unwrap_or_default();
    due_items(data, rules.rule_sets(), rules.calendar(), today, rules.due_soon_days())
        .into_iter()
        .map(|item| DueLine {
            status: item.state.status,
            person: item.candidate.full_name.clone(),
            href: Route::Candidate(item.candidate.id.as_str().to_string()).href(),
            cell: cell_name(&item.candidate.cell_id),
            stage: item.candidate.stage.label(),
            what: item.timer.title(),
            deadline: format_date(item.timer.deadline),
            when: item.state.line(),
            rule: ptdv_domain::rules::citation::for_people(item.timer.rule),
        })
        .collect()
}

/// The ward's due list, computed once per data change and shared (provided by the shell): the
/// navigation badge, this page and the dashboard all read it.
#[derive(Clone, Copy)]
pub struct DueList(pub Memo<Option<Vec<DueLine>>>);

impl DueList {
    /// Provides the shared list for the ward in `store`.
    pub fn provide(store: Store) -> Self {
        let list = DueList(Memo::new(move |_| {
            let today = store.today.get();
            let rules = store.ward_rules()?;
            store.data.with(|d| d.as_ref().map(|d| due_lines(d, &rules, today)))
        }));
        provide_context(list);
        list
    }
    pub fn get() -> Self {
        expect_context::<DueList>()
    }
    /// Overdue items (within an allowed extension included), for the badge and the dashboard.
    pub fn overdue(&self) -> usize {
        self.0.with(|l| l.as_deref().map(overdue_count).unwrap_or(0))
    }
    /// Items due soon.
    pub fn due_soon(&self) -> usize {
        self.0.with(|l| l.as_ref().map(|l| l.len() - overdue_count(l)).unwrap_or(0))
    }
}

/// The number shown beside "Việc cần làm" in the navigation: overdue items (past any extension
/// included).
fn overdue_count(lines: &[DueLine]) -> usize {
    lines.iter().filter(|l| l.status.is_late()).count()
}

/// Việc cần làm: every overdue and due-soon deadline across the ward, grouped by urgency.
#[component]
pub fn Due() -> impl IntoView {
    let lines = DueList::get().0;
    move || match lines.get() {
        None => view! {
            <Page title="Việc cần làm" lead="Các việc quá hạn và sắp đến hạn theo quy định.">
                <EmptyState
                    title="Chưa có dữ liệu của đảng bộ"
                    will_hold=&[
                        "Các việc đã quá hạn theo quy định, việc nào trễ nhất lên đầu.",
                        "Các việc sắp đến hạn trong hai tuần tới.",
                        "Với mỗi việc: người, chi bộ, hạn chót và quy định áp dụng.",
                    ]
                    action=("Bắt đầu: thiết lập đảng bộ", "#/")
                />
            </Page>
        }
        .into_any(),
        Some(lines) => {
            let group = |status: DeadlineStatus, title: &'static str, id: &'static str| {
                let rows: Vec<DueLine> = lines.iter().filter(|l| l.status == status).cloned().collect();
                (!rows.is_empty()).then(|| {
                    view! {
                        <section class="due-group" aria-labelledby=id data-testid=id>
                            <h2 id=id>{format!("{title} ({})", format_count(rows.len()))}</h2>
                            <ul class="due-list">
                                {rows.into_iter().map(|l| view! {
                                    <li class=if l.status.is_late() { "due-item late" } else { "due-item soon" }>
                                        <p class="due-when"><strong>{l.when}</strong>{format!(" — hạn {}", l.deadline)}</p>
                                        <p class="due-what">{l.what}</p>
                                        <p class="due-who"><a href=l.href>{l.person}</a>{format!(" · {} · {}", l.cell, l.stage)}</p>
                                        <p class="due-rule">{format!("Quy định: {}", l.rule)}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                })
            };
            let empty = lines.is_empty();
            let (overdue, extension, soon) = (
                group(DeadlineStatus::Overdue, "Quá hạn", "due-overdue"),
                group(DeadlineStatus::WithinExtension, "Quá hạn, còn trong thời gian được gia hạn", "due-extension"),
                group(DeadlineStatus::DueSoon, "Sắp đến hạn", "due-soon"),
            );
            view! {
                <Page title="Việc cần làm" lead="Các việc quá hạn và sắp đến hạn theo quy định, tính theo ngày làm việc.">
                    {empty.then(|| view! { <p class="notice ok">"Không có việc nào quá hạn hay sắp đến hạn."</p> })}
                    {overdue}
                    {extension}
                    {soon}
                </Page>
            }
            .into_any()
        }
    }
}
