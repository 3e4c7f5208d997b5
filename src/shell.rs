//! The app frame: header, navigation, the current page, footer.

use crate::components::{ExportReminder, OtherTabDialog, SaveFailureBanner, SaveIndicator, StorageWarning};
use crate::pages;
use crate::route::{current_hash, Route};
use crate::split;
use crate::store::{Opening, Store};
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
    let offline = crate::offline::Offline::install(Signal::derive(move || store.opening.get() != Opening::Reading));
    // Drafts count against the quota: those left for a month go.
    crate::components::Draft::clean_old(crate::clock::now());
    let ward_name = move || {
        store.data.with(|d| match d {
            Some(d) => d.ward.full_name(),
            // Stored, but not read yet (or its reader could not be fetched, or it does not load).
            None if store.opening.get() != Opening::Done || store.recovery.with(Option::is_some) => String::new(),
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
    });
    // Rendered once the stored ward is read (at once when there is none).
    Effect::new(move |_| {
        if store.opening.get() != Opening::Reading {
            mark_rendered();
        }
    });
    let has_ward = Memo::new(move |_| store.data.with(Option::is_some));

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
                split::recovery()
            } else { match store.opening.get() {
                // No page (and so no edit) before the stored ward is read.
                Opening::Reading => view! { <p class="page-loading" role="status">"Đang mở dữ liệu…"</p> }.into_any(),
                Opening::NotLoaded => view! { <split::NotLoadedBanner /> }.into_any(),
                Opening::Done => match route.get() {
                Route::Dashboard => view! {
                    // The welcome on first run is part of the first load; Tổng quan comes with the reader.
                    <Show when=move || has_ward.get() fallback=pages::Welcome>{split::dashboard}</Show>
                }.into_any(),
                Route::Due => split::due(),
                Route::Cells => split::cells(),
                Route::Candidates => split::candidates(),
                Route::Classes => split::classes(),
                Route::Reports => split::reports(),
                Route::Rollup => split::rollup(),
                Route::RollupWard(id) => split::rollup_ward(id),
                Route::Data => split::data(),
                Route::Review => split::review(),
                Route::Candidate(id) => split::candidate(id),
                Route::NewCandidate => split::new_candidate(),
                Route::Cell(id) => split::cell(id),
                Route::NewCell => split::new_cell(),
                Route::Class(id) => split::class(id),
                Route::NewClass => split::new_class(),
                Route::NotFound(path) => view! { <pages::NotFound path /> }.into_any(),
            }}}}
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

thread_local! {
    /// A navigation's focus move still owed: the new page's code was being fetched
    /// (`crate::split`), so it had no heading yet.
    static FOCUS_OWED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn focus_page_heading() {
    let focused = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h1| h1.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|h1| h1.focus().is_ok());
    FOCUS_OWED.with(|owed| owed.set(!focused));
}

/// A page whose code came later is shown: the focus a navigation owed it goes to its heading
/// once it is drawn.
#[cfg_attr(not(ptdv_split), allow(dead_code))]
pub(crate) fn page_shown() {
    if FOCUS_OWED.with(|owed| owed.replace(false)) {
        request_animation_frame(focus_page_heading);
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
