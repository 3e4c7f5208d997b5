//! One module per screen of the navigation bar.

mod candidates;
mod cells;
mod classes;
mod dashboard;
mod data;
mod not_found;
mod reports;

pub use candidates::Candidates;
pub use cells::Cells;
pub use classes::Classes;
pub use dashboard::Dashboard;
pub use data::Data;
pub use not_found::NotFound;
pub use reports::Reports;
