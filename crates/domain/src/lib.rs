//! ptdv-domain: the pure domain of ward-level party-member development
//! (công tác phát triển đảng viên). No browser, no UI: everything here is tested natively.
//!
//! The specification is `docs/domain.md`; every rule cites its section there and, where
//! it has one, the regulation key (R-294, R-06, R-38, R-HN).

// Tests may sort and write JSON the standard way (clippy.toml: the app's code has one way each).
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod calendar;
pub mod changes;
pub mod dates;
pub mod deadlines;
pub mod demo;
pub mod form;
pub mod format;
pub mod model;
pub mod order;
pub mod overview;
pub mod pipeline;
pub mod records;
pub mod rollup;
pub mod roster;
pub mod rules;
pub mod statistics;
pub mod step_forms;
pub mod text;
pub mod ward_report;
