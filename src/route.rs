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
    /// Tổng hợp: several wards' or cells' files read together (`#/tong-hop`).
    Rollup,
    /// One ward of the roll-up's set, its overview read-only (`#/tong-hop/<ward id>`).
    RollupWard(String),
    Data,
    /// One candidate's page: identity, timeline, next step (`#/ho-so/<id>`).
    Candidate(String),
    /// Adding a person to the source pool (`#/ho-so/moi`).
    NewCandidate,
    /// One cell: details, yearly counts and target, its party members (`#/chi-bo/<id>`).
    Cell(String),
    /// Creating a cell (`#/chi-bo/moi`).
    NewCell,
    /// One class: learners, results, certificates (`#/lop-hoc/<id>`).
    Class(String),
    /// Creating a class (`#/lop-hoc/moi`).
    NewClass,
    /// Cần rà soát: records whose occupation the file upgrade could only guess (`#/ra-soat`).
    Review,
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
            "tong-hop" => Route::Rollup,
            "du-lieu" => Route::Data,
            "ra-soat" => Route::Review,
            "ho-so/moi" => Route::NewCandidate,
            "chi-bo/moi" => Route::NewCell,
            "lop-hoc/moi" => Route::NewClass,
            other => match other.split_once('/') {
                Some(("ho-so", id)) if !id.is_empty() && !id.contains('/') => Route::Candidate(decode(id)),
                Some(("chi-bo", id)) if !id.is_empty() && !id.contains('/') => Route::Cell(decode(id)),
                Some(("lop-hoc", id)) if !id.is_empty() && !id.contains('/') => Route::Class(decode(id)),
                Some(("tong-hop", id)) if !id.is_empty() && !id.contains('/') => Route::RollupWard(decode(id)),
                _ => Route::NotFound(other.to_string()),
            },
        }
    }

    /// The link to this screen.
    pub fn href(&self) -> String {
        match self {
            Route::Candidate(id) => return format!("#/ho-so/{}", encode(id)),
            Route::Cell(id) => return format!("#/chi-bo/{}", encode(id)),
            Route::Class(id) => return format!("#/lop-hoc/{}", encode(id)),
            Route::RollupWard(id) => return format!("#/tong-hop/{}", encode(id)),
            _ => {}
        }
        match self {
            Route::Dashboard => "#/",
            Route::Due => "#/viec-can-lam",
            Route::Cells => "#/chi-bo",
            Route::Candidates => "#/ho-so",
            Route::Classes => "#/lop-hoc",
            Route::Reports => "#/bao-cao",
            Route::Rollup => "#/tong-hop",
            Route::Data => "#/du-lieu",
            Route::Review => "#/ra-soat",
            Route::NewCandidate => "#/ho-so/moi",
            Route::NewCell => "#/chi-bo/moi",
            Route::NewClass => "#/lop-hoc/moi",
            Route::NotFound(_) | Route::Candidate(_) | Route::Cell(_) | Route::Class(_) | Route::RollupWard(_) => "#/khong-tim-thay",
        }
        .to_string()
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
            Route::Rollup => "Tổng hợp",
            Route::RollupWard(_) => "Tổng hợp — một đảng bộ",
            Route::Data => "Dữ liệu",
            Route::Candidate(_) => "Hồ sơ quần chúng",
            Route::NewCandidate => "Thêm quần chúng vào nguồn",
            Route::Cell(_) => "Chi bộ",
            Route::NewCell => "Thêm chi bộ",
            Route::Class(_) => "Lớp bồi dưỡng",
            Route::NewClass => "Mở lớp bồi dưỡng",
            Route::Review => "Cần rà soát nghề nghiệp",
            Route::NotFound(_) => "Không tìm thấy trang",
        }
    }

    /// Whether the navigation item for `self` is the current one.
    pub fn is_current(&self, current: &Route) -> bool {
        self == current
            || matches!(
                (self, current),
                (Route::Candidates, Route::Candidate(_) | Route::NewCandidate)
                    | (Route::Cells, Route::Cell(_) | Route::NewCell)
                    | (Route::Classes, Route::Class(_) | Route::NewClass)
                    | (Route::Reports, Route::Rollup | Route::RollupWard(_))
            )
    }
}

/// The part of `location.hash` after `?` ("" when none): a page's own state (filters, period).
pub fn hash_query() -> String {
    current_hash().split_once('?').map(|(_, q)| q.to_string()).unwrap_or_default()
}

/// Puts `hash` in the address without a new history entry and without a `hashchange` (the
/// page stays as it is), so that what the page shows can be bookmarked; does nothing when it
/// is already there.
pub fn replace_hash(hash: &str) {
    let Some(w) = web_sys::window() else { return };
    if w.location().hash().ok().as_deref() == Some(hash) {
        return;
    }
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Goes to `hash` (a new history entry; the page changes on `hashchange`).
pub fn go_to(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// The current `location.hash`, or "" when it cannot be read.
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Ids in links: the characters of generated ids pass as they are; anything else is
/// percent-encoded (imported files may carry any id).
fn encode(id: &str) -> String {
    ptdv_domain::text::percent_encode(id)
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s).ok().and_then(|v| v.as_string()).unwrap_or_else(|| s.to_string())
}
