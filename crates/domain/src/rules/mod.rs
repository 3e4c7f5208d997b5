//! Rule sets and rule checks (docs/domain.md §2.3–2.4).
//!
//! * [`RuleSets`] — the versioned national parameters ("2016-2025", "2025"), embedded as
//!   data (`rule_sets.json`), picked by date ([`RuleSets::for_date`]).
//! * [`LocalParams`] — a ward's local overrides on top (Hanoi's 5/25 working days …).
//! * The time limits of docs/domain.md §2.4 ([`TimerKind`], [`Deadline`]): each step's legal
//!   deadline from its start, e.g. [`admission_decision_deadline`].
//! * The checks of docs/domain.md §2.3, each a function returning `Vec<Finding>`:
//!
//! | rule | function | runs at |
//! |---|---|---|
//! | R-AGE | [`check_age`] | cell vote (T8); consent at the decision (T10) |
//! | R-EDU | [`check_education`] | cell vote; consent at the decision |
//! | R-CERT | [`check_certificate`] | cell vote |
//! | R-DOCAGE | [`check_dossier_age`] | cell vote |
//! | R-INTRO | [`check_introduction`], [`check_helpers`] | dossier (T4, renewal) and cell vote |
//! | R-VOTE | [`validate_vote`], [`check_vote`], [`vote_passes`] | every vote; the deciding ballot |
//! | T16 | [`check_failed_vote`] | every failed lower-level vote |
//! | R-READMIT | [`check_readmission`] | dossier (warnings), cell vote, decision |
//!
//! The state machine ([`crate::pipeline::apply`]) runs them at the right step.

mod age;
mod certificate;
mod checkpoint;
pub mod citation;
mod context;
mod education;
mod finding;
mod introduction;
mod readmission;
mod rule_set;
#[cfg(test)]
pub(crate) mod testkit;
mod time_limits;
mod vote;
mod ward_rules;

/// Kept in the ward's settings, so defined with the records.
pub use crate::model::{LocalParams, DEFAULT_PROBATION_ALERT_DAYS};
pub use age::check_age;
pub use certificate::{certificate_valid_until, check_certificate, check_dossier_age, dossier_valid_until};
pub use checkpoint::{consent_ok, CheckPoint};
pub use context::{MemberLookup, Members, NoMembers, RuleContext};
pub use education::{check_education, school_level_label};
pub use finding::{fmt_age, fmt_date, fmt_months, has_blocking, Finding, Severity};
pub use introduction::{check_helpers, check_introduction, is_youth_age, IntroductionCheck};
pub use readmission::{check_readmission, leave_reason_label};
pub use rule_set::*;
pub use time_limits::*;
pub use vote::{check_failed_vote, check_vote, describe_vote, validate_vote, vote_passes, VoteError, VotePurpose, VotingBody};
pub use ward_rules::WardRules;
