//! Hash-based routes ("#/chi-bo"), so that deep links work on any static host, under any
//! sub-path, with no server rewrite rules. leptos_router has no hash mode (TECH-NOTES B), so
//! the current route is a signal synced to `location.hash`.

/// A screen of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    /// Việc cần làm: every overdue and due-soon deadline across the ward.
    Due,
    Cells,
    Candidates,
    Classes,
    Reports,
    Data,
    /// Any hash the app does not know; carries the path for the message.
    NotFound(String),
}

impl Route {
    /// The screens in the navigation bar, in order.
    pub const NAV: [Route; 7] =
        [Route::Dashboard, Route::Due, Route::Cells, Route::Candidates, Route::Classes, Route::Reports, Route::Data];

    /// Parse `location.hash` ("", "#", "#/", "#/chi-bo", "#/chi-bo/", "#/ho-so?x=1").
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path.trim_matches('/');
        match path {
            "" | "tong-quan" => Route::Dashboard,
            "viec-can-lam" => Route::Due,
            "chi-bo" => Route::Cells,
            "ho-so" => Route::Candidates,
            "lop-hoc" => Route::Classes,
            "bao-cao" => Route::Reports,
            "du-lieu" => Route::Data,
            other => Route::NotFound(other.to_string()),
        }
    }

    /// The link to this screen.
    pub fn href(&self) -> &'static str {
        match self {
            Route::Dashboard => "#/",
            Route::Due => "#/viec-can-lam",
            Route::Cells => "#/chi-bo",
            Route::Candidates => "#/ho-so",
            Route::Classes => "#/lop-hoc",
            Route::Reports => "#/bao-cao",
            Route::Data => "#/du-lieu",
            Route::NotFound(_) => "#/khong-tim-thay",
        }
    }

    /// The label in the navigation bar and the page heading.
    pub fn label(&self) -> &'static str {
        match self {
            Route::Dashboard => "Tổng quan",
            Route::Due => "Việc cần làm",
            Route::Cells => "Chi bộ",
            Route::Candidates => "Quần chúng / Hồ sơ",
            Route::Classes => "Lớp bồi dưỡng",
            Route::Reports => "Báo cáo",
            Route::Data => "Dữ liệu",
            Route::NotFound(_) => "Không tìm thấy trang",
        }
    }

    /// Whether the navigation item for `self` is the current one.
    pub fn is_current(&self, current: &Route) -> bool {
        self == current
    }
}

/// The current `location.hash`, or "" when it cannot be read.
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}
