use crate::components::{EmptyState, Page};
use leptos::prelude::*;

/// Tổng quan: progress against the year's target and what is due.
#[component]
pub fn Dashboard() -> impl IntoView {
    view! {
        <Page title="Tổng quan" lead="Tình hình phát triển đảng viên của đảng bộ trong năm.">
            <EmptyState
                title="Chưa có dữ liệu của đảng bộ"
                will_hold=&[
                    "Số đảng viên đã kết nạp so với chỉ tiêu năm và chỉ tiêu nhiệm kỳ.",
                    "Các việc quá hạn và sắp đến hạn theo quy định.",
                    "Số quần chúng ở từng bước, từ cảm tình Đảng đến đảng viên chính thức.",
                ]
                action=("Bắt đầu: thiết lập đảng bộ", "#/du-lieu")
            />
        </Page>
    }
}
