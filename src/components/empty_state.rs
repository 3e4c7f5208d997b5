use leptos::prelude::*;

/// An honest empty state: what the page will hold once there is data, and the one thing to do.
#[component]
pub fn EmptyState(
    /// Short heading, e.g. "Chưa có chi bộ nào".
    title: &'static str,
    /// What the page will hold, one line each.
    will_hold: &'static [&'static str],
    /// The one obvious action: label and link.
    #[prop(optional)]
    action: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <section class="empty-state" aria-labelledby="empty-state-title">
            <h2 id="empty-state-title">{title}</h2>
            <p>"Khi có dữ liệu, trang này sẽ cho thấy:"</p>
            <ul>{will_hold.iter().map(|line| view! { <li>{*line}</li> }).collect_view()}</ul>
            {action.map(|(label, href)| view! { <a class="button primary" href=href>{label}</a> })}
        </section>
    }
}
