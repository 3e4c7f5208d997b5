//! The pipeline as a state machine (DOMAIN.md §2.1–2.2).

mod stage;

pub use stage::*;
