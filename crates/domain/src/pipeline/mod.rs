//! The pipeline as a state machine (docs/domain.md §2.1–2.2).
//!
//! * [`Step::spec`] — each step described once (label, exit, dating, voting body, timers …);
//!   the types [`Stage`], [`Step`], [`StepRecord`], [`Lateness`] are the model's;
//! * [`keys`] — the form keys that [`TransitionError::Invalid`] names;
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
pub mod keys;
mod resolutions;
mod spec;
pub mod timeline;
mod transition;

pub use action::*;
pub use allowed::*;
pub use invariants::*;
pub use resolutions::*;
pub use spec::*;
pub use transition::*;

#[cfg(test)]
pub(crate) mod tests;
