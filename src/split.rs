//! The pages whose code is fetched the first time they are opened, so that the first visit
//! downloads only the frame, the welcome and what every page shares (issue 15).
//!
//! In the release build (`--cfg ptdv_split`, made by `scripts/split.mjs`) each page below is a
//! split point: `wasm-split-cli` cuts its code out of the main wasm into a part of its own, which
//! the page fetches through the parts' loader the first time it is shown ("Đang tải trang…"
//! meanwhile). The service worker keeps every part for offline use from the first visit on. In
//! every other build (`trunk serve`, the browser tests) the page is simply called.

use crate::pages;
use leptos::prelude::*;

/// A page as the frame shows it: the page itself, or, in the split build, the page once its
/// code is in.
macro_rules! pages_loaded_later {
    ($($part:ident { $($name:ident($($arg:ident: $ty:ty),*) => $page:expr;)* })*) => {$($(
        #[cfg(not(ptdv_split))]
        pub fn $name($($arg: $ty),*) -> AnyView {
            $page.into_any()
        }

        #[cfg(ptdv_split)]
        pub fn $name($($arg: $ty),*) -> AnyView {
            #[leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $name($($arg: $ty),*) -> Result<AnyView, NotLoaded> {
                Ok($page.into_any())
            }
            when_loaded($name($($arg),*))
        }
    )*)*};
}

pages_loaded_later! {
    // Each part holds the pages listed under it (code several parts share goes to parts of its
    // own, fetched with the first page that needs it).
    ward {
        // With the file format's reader (`crate::reader`): what a stored ward needs first.
        dashboard() => pages::Dashboard();
        due() => pages::Due();
        recovery() => pages::Recovery();
    }
    records {
        cells() => pages::Cells();
        new_cell() => pages::NewCell();
        cell(id: String) => view! { <pages::Cell id /> };
        candidates() => pages::Candidates();
        new_candidate() => pages::NewCandidate();
        candidate(id: String) => view! { <pages::Candidate id /> };
        classes() => pages::Classes();
        new_class() => pages::NewClass();
        class(id: String) => view! { <pages::Class id /> };
        review() => pages::Review();
    }
    reports {
        reports() => pages::Reports();
    }
    rollup {
        rollup() => pages::RollupPage();
        rollup_ward(id: String) => view! { <pages::RollupWard id /> };
    }
    data {
        data() => pages::Data();
    }
}

/// The part of a page could not be fetched: the app was never opened with a connection since
/// this version came out, or a newer version replaced this one on the server.
#[derive(Debug)]
pub struct NotLoaded;

#[cfg(ptdv_split)]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// The page once its part is in; meanwhile a line saying it is coming, and if it cannot come,
/// what to do.
#[cfg(ptdv_split)]
fn when_loaded(page: impl std::future::Future<Output = Result<AnyView, NotLoaded>> + 'static) -> AnyView {
    // The page's future holds browser objects (not `Send`); it runs on this thread only.
    let page = send_wrapper::SendWrapper::new(page);
    let shown = Suspend::new(async move {
        match page.await {
            Ok(view) => {
                crate::shell::page_shown();
                view
            }
            Err(NotLoaded) => view! { <NotLoadedBanner /> }.into_any(),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="page-loading" role="status">"Đang tải trang…"</p> }>{shown}</Suspense>
    }
    .into_any()
}

/// What to do when a part cannot be fetched (a page's, or the reader's at start-up).
#[component]
pub fn NotLoadedBanner() -> impl IntoView {
    view! {
        <div class="banner danger" role="alert" data-testid="page-not-loaded">
            <p>
                "Không tải được trang này. Hãy kiểm tra kết nối mạng rồi tải lại trang. "
                "Dữ liệu của bạn vẫn còn nguyên trên máy này."
            </p>
            <button class="button primary" type="button" on:click=|_| { let _ = window().location().reload(); }>"Tải lại trang"</button>
        </div>
    }
}
