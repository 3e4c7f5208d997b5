use crate::components::{EmptyState, Page};
use leptos::prelude::*;

/// Dữ liệu: import, export and settings.
#[component]
pub fn Data() -> impl IntoView {
    view! {
        <Page title="Dữ liệu" lead="Sao lưu, chia sẻ và cài đặt dữ liệu của đảng bộ.">
            <EmptyState
                title="Chưa có dữ liệu để sao lưu"
                will_hold=&[
                    "Xuất toàn bộ dữ liệu ra tệp để sao lưu hoặc gửi cho người khác.",
                    "Nhập tệp dữ liệu, xem trước thay đổi và hoàn tác nếu cần.",
                    "Cài đặt tên đảng bộ, nhiệm kỳ, ngày nghỉ và các thời hạn của địa phương.",
                ]
            />
        </Page>
    }
}
