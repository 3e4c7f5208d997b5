use crate::components::{EmptyState, Page};
use leptos::prelude::*;

/// Lớp bồi dưỡng: awareness and new-member classes.
#[component]
pub fn Classes() -> impl IntoView {
    view! {
        <Page title="Lớp bồi dưỡng" lead="Lớp bồi dưỡng nhận thức về Đảng và lớp bồi dưỡng đảng viên mới.">
            <EmptyState
                title="Chưa có lớp nào"
                will_hold=&[
                    "Các khóa học, thời gian, nơi tổ chức và danh sách học viên.",
                    "Kết quả học tập và số giấy chứng nhận của từng học viên.",
                    "Giấy chứng nhận sắp hết hạn 60 tháng.",
                ]
                action=("Thiết lập đảng bộ trước", "#/du-lieu")
            />
        </Page>
    }
}
