//! The pipeline as a state machine (DOMAIN.md §2.1–2.2).
//!
//! * [`Stage`], [`Step`] (with Vietnamese labels), [`StepRecord`], [`Lateness`];
//! * [`Action`] — the data each step records;
//! * [`apply`] — checks and records one step, returning [`Applied`] or a [`TransitionError`];
//! * [`allowed_steps`] — the steps the next-step form offers (the forms themselves are
//!   [`crate::step_forms`]);
//! * [`check_invariants`] — what always holds after a successful [`apply`];
//! * what the records amount to: [`admission_cell_resolution`], [`recognition_state`],
//!   [`probation_end`], [`official_date`] …

mod action;
mod allowed;
mod invariants;
mod resolutions;
mod stage;
pub mod timeline;
mod transition;

pub use action::*;
pub use allowed::*;
pub use invariants::*;
pub use resolutions::*;
pub use stage::*;
pub use transition::*;

#[cfg(test)]
pub(crate) mod tests;
