//! One module per screen of the navigation bar.

mod candidate;
mod candidates;
mod cell;
mod cells;
mod classes;
mod dashboard;
mod data;
mod due;
mod not_found;
mod recovery;
mod reports;
mod review;
mod rollup;
mod settings;
mod welcome;

pub use candidate::Candidate;
pub use candidates::{Candidates, NewCandidate, SharedRoster};
pub use cell::{Cell, NewCell};
pub use cells::Cells;
pub use classes::{Class, Classes, NewClass};
pub use dashboard::Dashboard;
pub use data::Data;
pub use due::{Due, DueList};
pub use not_found::NotFound;
pub use recovery::Recovery;
pub use reports::Reports;
pub use review::{Review, ReviewNotice};
pub use rollup::{RollupPage, RollupState, RollupWard};
pub use settings::{DocumentSettingsForm, FormLabelsForm, WardSettingsForm};
pub use welcome::Welcome;
