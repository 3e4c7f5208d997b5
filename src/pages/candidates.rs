use crate::components::{EmptyState, Page};
use leptos::prelude::*;

/// Quần chúng / Hồ sơ: every candidate from the source pool to official membership.
#[component]
pub fn Candidates() -> impl IntoView {
    view! {
        <Page title="Quần chúng / Hồ sơ" lead="Theo dõi từng người từ nguồn, cảm tình Đảng, hồ sơ, kết nạp đến đảng viên chính thức.">
            <EmptyState
                title="Chưa có quần chúng nào"
                will_hold=&[
                    "Danh sách quần chúng ưu tú, cảm tình Đảng và người vào Đảng, tìm theo tên.",
                    "Bước hiện tại của từng người và hạn phải làm bước tiếp theo.",
                    "Đảng viên dự bị và thời điểm xét công nhận chính thức.",
                ]
                action=("Thiết lập đảng bộ trước", "#/du-lieu")
            />
        </Page>
    }
}
