use leptos::prelude::*;

/// Shown for a link the app does not know.
#[component]
pub fn NotFound(
    /// The unknown path, shown to the user.
    path: String,
) -> impl IntoView {
    view! {
        <div class="page">
            <h1 tabindex="-1">"Không tìm thấy trang"</h1>
            <p class="lead">
                "Địa chỉ “" <code>{path}</code> "” không có trong ứng dụng. "
                "Có thể đường dẫn bị gõ sai hoặc đã cũ."
            </p>
            <a class="button primary" href="#/">"Về trang Tổng quan"</a>
        </div>
    }
}
