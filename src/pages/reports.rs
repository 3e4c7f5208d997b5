use crate::components::{EmptyState, Page};
use leptos::prelude::*;

/// Báo cáo: 6-month and annual reports, charts, spreadsheets.
#[component]
pub fn Reports() -> impl IntoView {
    view! {
        <Page title="Báo cáo" lead="Số liệu báo cáo 6 tháng, báo cáo năm và so sánh cùng kỳ.">
            <EmptyState
                title="Chưa có số liệu để báo cáo"
                will_hold=&[
                    "Kết quả kết nạp so với chỉ tiêu và so với cùng kỳ năm trước.",
                    "Cơ cấu đảng viên mới theo giới tính, dân tộc, độ tuổi, nguồn.",
                    "Biểu đồ và tệp Excel để gửi cấp trên.",
                ]
                action=("Thiết lập đảng bộ trước", "#/du-lieu")
            />
        </Page>
    }
}
