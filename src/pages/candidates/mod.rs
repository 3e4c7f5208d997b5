//! Quần chúng / Hồ sơ: every candidate from the source pool to official membership, searched
//! and filtered as the user types, as a list or as a board by stage.
//!
//! The domain's [`Roster`](ptdv_domain::roster::Roster) is built once per change of the data
//! (with the deadlines and the Vietnamese name order); each keystroke only filters it.

mod board;
mod collation;
mod list;
mod roster;

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
                        action=("Nhập dữ liệu từ tệp", "#/du-lieu")
                    />
                }.into_any(),
                Content::Candidates => view! { <list::CandidateList /> }.into_any(),
            }}
        </Page>
    }
}
