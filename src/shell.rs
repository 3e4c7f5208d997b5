//! The app frame: header, navigation, the current page, footer.

use crate::components::{ExportReminder, OtherTabDialog, SaveFailureBanner, SaveIndicator, StorageWarning};
use crate::pages;
use crate::route::{current_hash, Route};
use crate::store::Store;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const APP_NAME: &str = "Phát triển đảng viên";

/// The whole app. Mounted into <body> by `main`, into a wrapper element by the browser tests.
#[component]
pub fn App() -> impl IntoView {
    let store = Store::open();
    provide_context(store);
    store.install_lifecycle_flush();
    store.install_tab_sync();
    store.install_day_change();
    // Offline use of the hosted app, its updates, and the network state (src/offline.rs).
    let offline = crate::offline::Offline::install();
    // Drafts count against the quota: those left for a month go.
    crate::components::Draft::clean_old(crate::clock::now());
    let ward_name = move || {
        store.data.with(|d| match d {
            Some(d) => d.ward.full_name(),
            None => "Chưa thiết lập đảng bộ".to_string(),
        })
    };
    // The overdue count beside "Việc cần làm".
    let due = pages::DueList::provide(store);
    pages::SharedRoster::provide(store);
    // Tổng hợp's files stay read while the user looks at one ward or another page.
    pages::RollupState::provide();
    let overdue = move || due.overdue();
    let (route, set_route) = signal(Route::from_hash(&current_hash()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::from_hash(&current_hash()));
    });
    on_cleanup(move || listener.remove());

    // Keep the document title in step with the page, and move focus to the new page's heading
    // after a navigation (not on first load) so screen-reader and keyboard users land on it.
    Effect::new(move |previous: Option<()>| {
        let r = route.get();
        document().set_title(&format!("{} — {}", r.label(), APP_NAME));
        if previous.is_some() {
            focus_page_heading();
        }
        mark_rendered();
    });

    view! {
        <a class="skip-link" href="#noi-dung" on:click=move |ev| {
            ev.prevent_default();
            focus_page_heading();
        }>"Bỏ qua, đến nội dung chính"</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"★"</span>
                <span class="brand-name">{APP_NAME}</span>
            </div>
            <div class="header-right">
                <p class="ward-name" data-testid="ward-name">{ward_name}</p>
                <SaveIndicator />
            </div>
        </header>
        <nav class="app-nav" aria-label="Các trang chính">
            <ul>
                {Route::NAV
                    .into_iter()
                    .map(|r| {
                        let href = r.href();
                        let label = r.label();
                        let is_due = r == Route::Due;
                        let current = move || r.is_current(&route.get()).then_some("page");
                        let badge = is_due.then(|| view! {
                            <Show when=move || { overdue() > 0 }>
                                <span class="nav-badge" data-testid="due-count">
                                    {overdue}
                                    <span class="visually-hidden">" việc quá hạn"</span>
                                </span>
                            </Show>
                        });
                        view! {
                            <li>
                                <a href=href aria-current=current>{label}{badge}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <main id="noi-dung" class="app-main">
            <crate::offline::ConnectionNotices offline />
            <OtherTabDialog />
            <SaveFailureBanner />
            <StorageWarning />
            <ExportReminder />
            {move || if store.recovery.with(|r| r.is_some()) {
                // Stored data that does not load blocks every page until it is saved away.
                view! { <pages::Recovery /> }.into_any()
            } else { match route.get() {
                Route::Dashboard => pages::Dashboard().into_any(),
                Route::Due => pages::Due().into_any(),
                Route::Cells => pages::Cells().into_any(),
                Route::Candidates => pages::Candidates().into_any(),
                Route::Classes => pages::Classes().into_any(),
                Route::Reports => pages::Reports().into_any(),
                Route::Rollup => pages::RollupPage().into_any(),
                Route::RollupWard(id) => view! { <pages::RollupWard id /> }.into_any(),
                Route::Data => pages::Data().into_any(),
                Route::Review => pages::Review().into_any(),
                Route::Candidate(id) => view! { <pages::Candidate id /> }.into_any(),
                Route::NewCandidate => pages::NewCandidate().into_any(),
                Route::Cell(id) => view! { <pages::Cell id /> }.into_any(),
                Route::NewCell => pages::NewCell().into_any(),
                Route::Class(id) => view! { <pages::Class id /> }.into_any(),
                Route::NewClass => pages::NewClass().into_any(),
                Route::NotFound(path) => view! { <pages::NotFound path /> }.into_any(),
            }}}
        </main>
        <footer class="app-footer">
            <p>
                "Dữ liệu chỉ lưu trong trình duyệt trên máy này và không gửi đi đâu. "
                "Hãy xuất tệp sao lưu thường xuyên ở trang Dữ liệu."
            </p>
            <p class="version">{concat!("Phiên bản ", env!("CARGO_PKG_VERSION"))}</p>
        </footer>
    }
}

fn focus_page_heading() {
    if let Some(h1) = document().query_selector("main h1").ok().flatten() {
        if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
            let _ = h1.focus();
        }
    }
}

/// A performance mark the benchmark and tests read: the shell has rendered.
fn mark_rendered() {
    if let Some(perf) = window().performance() {
        if perf.get_entries_by_name("ptdv:rendered").length() == 0 {
            let _ = perf.mark("ptdv:rendered");
        }
    }
    if let Some(loading) = document().get_element_by_id("app-loading") {
        loading.remove();
    }
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-ready", "1");
    }
}
