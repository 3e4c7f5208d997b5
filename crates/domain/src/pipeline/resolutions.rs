//! What the recorded votes and resolutions of a candidate amount to (docs/domain.md §2.2 T8–T10,
//! T13–T16): the cell resolution that starts the decision deadline, the state of the
//! lower-level votes on a probationary member, failed votes for T16, the dossier date for
//! R-DOCAGE, the end of probation and the official date.

use super::{Stage, Step, StepRecord};
use crate::dates::add_months;
use crate::model::{Candidate, Vote};
use crate::rules::{vote_passes, OfficialDateConvention, RuleSet, RuleSets, VotingBody};
use chrono::NaiveDate;

fn passes(vote: &Vote, body: VotingBody, rule_sets: &RuleSets) -> bool {
    vote_passes(vote, body, rule_sets.for_date(vote.resolution.date))
}

/// The cell resolution proposing admission (T8): the last passing cell vote. Its date starts
/// the send-up, grassroots and decision deadlines (R-294 §4.3.1).
pub fn admission_cell_resolution<'a>(c: &'a Candidate, rule_sets: &RuleSets) -> Option<&'a Vote> {
    c.process.cell_votes.iter().rev().find(|v| passes(v, VotingBody::Cell, rule_sets))
}

/// The grassroots committee's resolution proposing admission (T9): the last passing
/// grassroots vote on or after the cell resolution.
pub fn admission_grassroots_resolution<'a>(c: &'a Candidate, rule_sets: &RuleSets) -> Option<&'a Vote> {
    let cell = admission_cell_resolution(c, rule_sets)?;
    c.process
        .grassroots_votes
        .iter()
        .rev()
        .find(|v| v.resolution.date >= cell.resolution.date && passes(v, VotingBody::GrassrootsCommittee, rule_sets))
}

/// Failed lower-level votes on admission (cell and grassroots), for T16 / R-06 §5.1.
pub fn failed_admission_votes(c: &Candidate, rule_sets: &RuleSets) -> usize {
    let cell = c.process.cell_votes.iter().filter(|v| !passes(v, VotingBody::Cell, rule_sets)).count();
    let gr = c.process.grassroots_votes.iter().filter(|v| !passes(v, VotingBody::GrassrootsCommittee, rule_sets)).count();
    cell + gr
}

/// Date from which the dossier documents age (R-DOCAGE): creation, or the last renewal.
pub fn dossier_baseline(c: &Candidate) -> Option<NaiveDate> {
    let opened = c.process.dossier.as_ref()?.opened_on;
    let renewed = c.history.iter().rev().find(|r| r.step == Step::RenewDossier).map(|r| r.date);
    Some(renewed.map_or(opened, |r| r.max(opened)))
}

/// What a lower-level vote on a probationary member proposes (T13 / T15).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Proposal {
    /// Công nhận đảng viên chính thức.
    Recognise,
    /// Xóa tên đảng viên dự bị.
    StrikeOff,
}

/// Pairs the votes of `votes` with the proposals of the history records of the two steps, in
/// order (votes without a matching record — e.g. imported data — count as recognition).
fn tagged<'a>(
    votes: &'a [Vote],
    history: &'a [StepRecord],
    recognise: Step,
    strike: Step,
) -> impl Iterator<Item = (Proposal, &'a Vote)> + 'a {
    let tags = history
        .iter()
        .filter_map(move |r| {
            if r.step == recognise {
                Some(Proposal::Recognise)
            } else if r.step == strike {
                Some(Proposal::StrikeOff)
            } else {
                None
            }
        })
        .chain(std::iter::repeat(Proposal::Recognise));
    // Votes first: no history scan when there is no vote.
    votes.iter().zip(tags).map(|(v, t)| (t, v))
}

/// Cell votes on a probationary member with what each proposed.
pub fn recognition_cell_votes(c: &Candidate) -> impl Iterator<Item = (Proposal, &Vote)> + '_ {
    tagged(&c.process.recognition.cell_votes, &c.history, Step::RecognitionCellVote, Step::StrikeOffCellVote)
}

/// Grassroots committee votes on a probationary member with what each proposed.
pub fn recognition_grassroots_votes(c: &Candidate) -> impl Iterator<Item = (Proposal, &Vote)> + '_ {
    tagged(&c.process.recognition.grassroots_votes, &c.history, Step::RecognitionGrassrootsVote, Step::StrikeOffGrassrootsVote)
}

/// Where the lower-level votes on a probationary member stand (T13–T16).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct RecognitionState<'a> {
    /// The last cell vote, what it proposed, and whether it passed.
    pub last_cell_vote: Option<(Proposal, &'a Vote, bool)>,
    /// The proposal whose lower-level chain is complete: a passing cell vote and, where a
    /// grassroots committee votes, a passing grassroots vote after it. The competent
    /// committee may then decide.
    pub ready: Option<Proposal>,
    /// The passing cell resolution of the last chain (starts the decision deadline).
    pub cell_resolution: Option<&'a Vote>,
    /// Failed lower-level votes (cell and grassroots, both proposals): from the 3rd on the
    /// superior committee decides (T16, R-294 §4.2.3).
    pub failed_votes: usize,
}

/// The state of the lower-level votes on a probationary member.
pub fn recognition_state<'a>(c: &'a Candidate, rule_sets: &RuleSets, has_grassroots: bool) -> RecognitionState<'a> {
    let mut st = RecognitionState::default();
    for (p, v) in recognition_cell_votes(c) {
        let ok = passes(v, VotingBody::Cell, rule_sets);
        if !ok {
            st.failed_votes += 1;
        }
        st.last_cell_vote = Some((p, v, ok));
    }
    let mut grassroots_ok_after = None;
    for (p, v) in recognition_grassroots_votes(c) {
        let ok = passes(v, VotingBody::GrassrootsCommittee, rule_sets);
        if !ok {
            st.failed_votes += 1;
        }
        if let Some((cp, cv, true)) = st.last_cell_vote {
            if p == cp && v.resolution.date >= cv.resolution.date {
                grassroots_ok_after = Some(ok);
            }
        }
    }
    if let Some((p, v, true)) = st.last_cell_vote {
        st.cell_resolution = Some(v);
        if !has_grassroots || grassroots_ok_after == Some(true) {
            st.ready = Some(p);
        }
    }
    st
}

/// End of the probation that started on `ceremony` (R-06 §4.2: 12 months from the
/// ceremony; which day exactly is the \[U\] convention of the rule set).
pub fn probation_end_from(ceremony: NaiveDate, rs: &RuleSet) -> NaiveDate {
    let end = add_months(ceremony, rs.probation.months);
    match rs.official_date.convention {
        OfficialDateConvention::SameDay => end,
        OfficialDateConvention::DayBefore => end.pred_opt().unwrap_or(end),
    }
}

/// End of the candidate's probation, once the ceremony is recorded (rule set in force on the
/// ceremony date).
pub fn probation_end(c: &Candidate, rule_sets: &RuleSets) -> Option<NaiveDate> {
    let ceremony = c.process.ceremony.as_ref()?.date;
    Some(probation_end_from(ceremony, rule_sets.for_date(ceremony)))
}

/// The date the member became official: the end of the 12 months of probation, even if the
/// cell or the committee acted late (R-294 §4.2.2; docs/domain.md §2.2 T14). `None` unless the stage
/// is `ChinhThuc`.
pub fn official_date(c: &Candidate, rule_sets: &RuleSets) -> Option<NaiveDate> {
    if c.stage != Stage::ChinhThuc {
        return None;
    }
    probation_end(c, rule_sets)
}
