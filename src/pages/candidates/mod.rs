//! Quần chúng / Hồ sơ: every candidate from the source pool to official membership, searched
//! and filtered as the user types, as a list or as a board by stage.
//!
//! The domain's [`Roster`](ptdv_domain::roster::Roster) is built once per change of the data
//! (with the deadlines and the Vietnamese name order); each keystroke only filters it.

mod board;
pub(crate) mod collation;
mod enroll;
mod list;
mod roster;

pub(crate) use roster::roster_memo;
pub use roster::SharedRoster;

use crate::components::{EmptyState, Page};
use crate::store::Store;
use leptos::prelude::*;

/// What the page can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Content {
    /// No ward yet (first run).
    NoWard,
    /// A ward without any candidate.
    NoCandidates,
    /// The list.
    Candidates,
}

/// Quần chúng / Hồ sơ.
#[component]
pub fn Candidates() -> impl IntoView {
    let store = Store::get();
    // Only the kind of content: the list below keeps its filters while the data changes.
    let content = Memo::new(move |_| {
        store.data.with(|d| match d {
            None => Content::NoWard,
            Some(d) if d.candidates.is_empty() => Content::NoCandidates,
            Some(_) => Content::Candidates,
        })
    });
    view! {
        <Page title="Quần chúng / Hồ sơ" lead="Theo dõi từng người từ nguồn, cảm tình Đảng, hồ sơ, kết nạp đến đảng viên chính thức.">
            {move || match content.get() {
                Content::NoWard => view! {
                    <EmptyState
                        title="Chưa có quần chúng nào"
                        will_hold=&[
                            "Danh sách quần chúng ưu tú, cảm tình Đảng và người vào Đảng, tìm theo tên.",
                            "Bước hiện tại của từng người và hạn phải làm bước tiếp theo.",
                            "Đảng viên dự bị và thời điểm xét công nhận chính thức.",
                        ]
                        action=("Bắt đầu: thiết lập đảng bộ", "#/")
                    />
                }.into_any(),
                Content::NoCandidates => view! {
                    <EmptyState
                        title="Đảng bộ chưa có quần chúng nào"
                        will_hold=&[
                            "Danh sách quần chúng ưu tú, cảm tình Đảng và người vào Đảng, tìm theo tên.",
                            "Bước hiện tại của từng người và hạn phải làm bước tiếp theo.",
                            "Bảng theo bước: mỗi bước có bao nhiêu người.",
                        ]
                        action=("Thêm quần chúng vào nguồn", "#/ho-so/moi")
                    />
                }.into_any(),
                Content::Candidates => view! {
                    <p class="page-actions"><a class="button primary" href="#/ho-so/moi">"Thêm quần chúng vào nguồn"</a></p>
                    <list::CandidateList />
                }.into_any(),
            }}
        </Page>
    }
}

/// Thêm quần chúng vào nguồn: the identity the workflow needs and the date the person joined
/// the source pool; then the person's page.
#[component]
pub fn NewCandidate() -> impl IntoView {
    use crate::clock;
    use crate::components::{Draft, RecordForm};
    use crate::route::Route;
    use ptdv_domain::form::Values;
    use ptdv_domain::records::candidates;

    let store = Store::get();
    let Some(fields) = store.data.with_untracked(|d| d.as_ref().map(|d| candidates::fields(d, None))) else {
        return view! {
            <Page title="Thêm quần chúng vào nguồn" lead="Thiết lập đảng bộ trước khi thêm quần chúng.">
                <p><a class="button primary" href="#/">"Thiết lập đảng bộ"</a></p>
            </Page>
        }
        .into_any();
    };
    let save = Callback::new(move |vals: Values| {
        let id = store.try_update(|d| candidates::add_candidate(d, &vals, clock::today(), clock::now()))?;
        let _ = window().location().set_hash(&Route::Candidate(id.as_str().to_string()).href());
        Ok(())
    });
    let back = || {
        let _ = window().location().set_hash(&Route::Candidates.href());
    };
    view! {
        <Page title="Thêm quần chúng vào nguồn" lead="Ghi người được giới thiệu vào nguồn quần chúng ưu tú. Hồ sơ giấy vẫn giữ ở chi bộ; ở đây chỉ ghi những gì cần để theo dõi.">
            <p class="back"><a href=Route::Candidates.href()>"← Danh sách quần chúng"</a></p>
            <section class="card">
                <RecordForm form_id="candidate" draft=Draft::new("quan-chung:moi") fields initial=candidates::new_values(None)
                    submit_label="Thêm vào nguồn" save on_cancel=Callback::new(move |_| back())
                    confirm=("full_name", candidates::CONFIRM_DUPLICATE, "Đây là một người khác, vẫn thêm vào nguồn") />
            </section>
        </Page>
    }
    .into_any()
}
