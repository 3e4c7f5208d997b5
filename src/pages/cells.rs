use crate::components::{EmptyState, Page};
use leptos::prelude::*;

/// Chi bộ: the ward's party cells.
#[component]
pub fn Cells() -> impl IntoView {
    view! {
        <Page title="Chi bộ" lead="Các chi bộ trực thuộc, số đảng viên và chỉ tiêu kết nạp của từng chi bộ.">
            <EmptyState
                title="Chưa có chi bộ nào"
                will_hold=&[
                    "Danh sách chi bộ với loại hình, số đảng viên, cấp ủy viên phụ trách.",
                    "Chỉ tiêu kết nạp năm nay và số đã kết nạp của từng chi bộ.",
                    "Danh sách đảng viên giúp đỡ, giới thiệu người vào Đảng.",
                ]
                action=("Thiết lập đảng bộ trước", "#/du-lieu")
            />
        </Page>
    }
}
