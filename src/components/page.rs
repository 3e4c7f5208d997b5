use leptos::prelude::*;

/// A page: its heading (focus target after navigation) and a one-line lead, then the content.
#[component]
pub fn Page(
    /// The page heading.
    #[prop(into)]
    title: String,
    /// One sentence under the heading saying what the page is for.
    #[prop(into)]
    lead: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="page">
            <h1 tabindex="-1">{title}</h1>
            <p class="lead">{lead}</p>
            {children()}
        </div>
    }
}
