//! The next-step form as data (docs/domain.md §2.2, column "Data to record"): for each [`Step`]
//! the [`Field`]s it asks ([`fields`]), the values worth prefilling ([`prefill`]), the
//! [`Action`] read back from the typed values ([`build`]), and the legal deadline the step
//! would meet ([`step_deadline`], docs/domain.md §2.4). An error of [`apply`](crate::pipeline::apply)
//! names the field it belongs to with the same keys ([`keys`]).
//!
//! [`build`] only checks the form: required fields typed, dates and numbers readable, vote
//! counts coherent (`yes + no ≤ present ≤ convened`, R-VOTE counts). Every rule of docs/domain.md
//! §2.3 (thresholds, R-INTRO, ages, certificates …) stays in [`apply`](crate::pipeline::apply).
//!
//! Field keys are shared by every step and defined once in [`keys`] (the UI and its
//! end-to-end tests rely on them): one document is `number`, `date`, `signer`, and `date` is
//! also the legal date of the steps that record only a date; a vote adds `convened`,
//! `present`, `yes`, `no`; the others name their own data.
//!
//! In parts: [`fields`](fields()) and the choices they offer (`fields.rs`, `choices.rs`),
//! [`prefill`] (`prefill.rs`), [`build`] (`read.rs`), the tests (`tests.rs`).

mod choices;
mod fields;
mod prefill;
mod read;
#[cfg(test)]
pub(crate) mod tests;

use crate::deadlines::{timers, Timer};
use crate::form::{join_multi, Field, FieldError, FieldKind, Reader, Values};
use crate::model::{
    Candidate, Ceremony, Certificate, ClassId, ClassKind, ClassResult, CvCertification, Decision, DocRef, Introducer, MemberId, Opinions,
    UnionBody, UnionIntroduction, Vote, WardData,
};
use crate::pipeline::keys::{self, IntroducerKeys};
use crate::pipeline::{Action, CancelReason, Step};
use crate::rules::{validate_vote, RuleContext, RuleSets, VotingBody};
use crate::text::format_date;
use choices::*;
use chrono::NaiveDate;
use fields::*;
pub use prefill::prefill;
pub use read::build;

/// The fields the form for `step` asks: exactly what docs/domain.md §2.2 says the step records.
/// The choices come from the ward (full members, classes) and from the candidate (the
/// verification requests still waiting for a reply).
pub fn fields(step: Step, c: &Candidate, data: &WardData) -> Vec<Field> {
    form(step, &Options::of(step, c, data))
}

/// The open legal deadline (docs/domain.md §2.4) that this step would meet: among the candidate's
/// timers not yet done whose kind the step completes, the one due first. `None` when the step
/// has no deadline or none is running.
pub fn step_deadline<'a>(step: Step, c: &'a Candidate, ctx: &RuleContext<'a>) -> Option<Timer<'a>> {
    let kinds = step.spec().completes;
    if kinds.is_empty() {
        return None;
    }
    timers(c, ctx).into_iter().filter(|t| !t.is_done() && kinds.contains(&t.kind)).min_by_key(|t| t.deadline)
}
