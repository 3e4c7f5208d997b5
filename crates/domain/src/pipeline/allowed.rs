//! Which steps may follow the current state (docs/domain.md §2.1–2.2): the transition table.

use super::{recognition_state, Offer, Proposal, Stage, Step};
use crate::model::{Candidate, Cell, CellLevel};
use crate::rules::{vote_passes, RuleContext, RuleSets, VotingBody};

/// Stages before the admission decision, from which a person may be removed from the list.
fn before_decision(s: Stage) -> bool {
    s.position().is_some_and(|p| p <= Stage::ChoQuyetDinh.position().unwrap_or(0)) || s == Stage::KhongDat
}

/// Stages from the dossier to the cell vote, where a new certificate (retaken class, R-CERT)
/// or renewed documents (R-DOCAGE) may be recorded.
fn dossier_open(s: Stage) -> bool {
    matches!(s, Stage::LapHoSo | Stage::ThamTra | Stage::ChungNhanLyLich | Stage::LayYKien | Stage::KhongDat)
}

/// The T16 threshold in force (rule set of the latest lower-level vote, or the newest set).
fn failed_votes_limit(c: &Candidate, rule_sets: &RuleSets) -> usize {
    let last = c.process.recognition.cell_votes.iter().chain(&c.process.recognition.grassroots_votes).map(|v| v.resolution.date).max();
    let rs = match last {
        Some(d) => rule_sets.for_date(d),
        None => rule_sets.current(),
    };
    rs.failed_votes_report.count as usize
}

/// A grassroots committee votes on a proposal after the cell passed it (T13, T15).
fn grassroots_may_vote(c: &Candidate, want: Proposal, has_grassroots: bool, rule_sets: &RuleSets) -> bool {
    let st = recognition_state(c, rule_sets, has_grassroots);
    has_grassroots && matches!(st.last_cell_vote, Some((p, _, true)) if p == want)
}

/// The competent committee decides on a complete proposal, or the superior committee after 3
/// failed votes (T16, R-294 §4.2.3).
fn may_decide(c: &Candidate, want: Proposal, has_grassroots: bool, rule_sets: &RuleSets) -> bool {
    let st = recognition_state(c, rule_sets, has_grassroots);
    st.ready == Some(want) || st.failed_votes >= failed_votes_limit(c, rule_sets)
}

/// Whether `step` may be taken from the candidate's current state. Data checks (dates,
/// counts, rules) come after, in [`apply`](super::apply).
pub fn is_step_allowed(c: &Candidate, step: Step, has_grassroots: bool, rule_sets: &RuleSets) -> bool {
    use Stage as S;
    use Step as T;
    let s = c.stage;
    if s.is_final() {
        return false;
    }
    match step {
        T::AddToSourcePool => s == S::Nguon && c.process.source_pool.is_none(),
        T::RecogniseSympathiser => s == S::Nguon,
        T::ProposeClass => s == S::CamTinh,
        T::RecordCertificate => matches!(s, S::CamTinh | S::DeNghiHoc | S::DaHoc | S::DuocLamThuTuc) || dossier_open(s),
        T::GrantPermission => s == S::DaHoc,
        T::OpenDossier => s == S::DuocLamThuTuc,
        T::RenewDossier => dossier_open(s) && c.process.dossier.is_some(),
        T::SendVerification => matches!(s, S::LapHoSo | S::ThamTra),
        T::ReturnVerification => s == S::ThamTra && c.process.verifications.iter().any(|v| v.returned_on.is_none()),
        T::CertifyCv => s == S::ThamTra,
        T::CollectOpinions => s == S::ChungNhanLyLich,
        T::CellVote => matches!(s, S::LayYKien | S::KhongDat),
        T::SendUp => (s == S::ChiBoXet && !has_grassroots) || s == S::DangUyCoSoXet,
        T::GrassrootsVote => s == S::ChiBoXet && has_grassroots,
        T::Decide => {
            matches!(s, S::ChoQuyetDinh | S::KhongDat)
                // A failed grassroots vote is reported to the competent committee (R-06 §5.1).
                || (s == S::ChiBoXet
                    && has_grassroots
                    && c.process
                        .grassroots_votes
                        .iter()
                        .any(|v| !vote_passes(v, VotingBody::GrassrootsCommittee, rule_sets.for_date(v.resolution.date))))
        }
        T::ReceiveDecision => s == S::DaCoQuyetDinh && c.process.decision_received_on.is_none(),
        T::HoldCeremony => s == S::DaCoQuyetDinh,
        T::RecordAfterAdmission => matches!(s, S::DaCoQuyetDinh | S::DuBi | S::XetChinhThuc),
        T::StartRecognition => s == S::DuBi,
        T::RecognitionCellVote => s == S::XetChinhThuc,
        T::StrikeOffCellVote => matches!(s, S::DuBi | S::XetChinhThuc),
        T::RecognitionGrassrootsVote => s == S::XetChinhThuc && grassroots_may_vote(c, Proposal::Recognise, has_grassroots, rule_sets),
        T::StrikeOffGrassrootsVote => {
            matches!(s, S::DuBi | S::XetChinhThuc) && grassroots_may_vote(c, Proposal::StrikeOff, has_grassroots, rule_sets)
        }
        T::RecognitionDecision => s == S::XetChinhThuc && may_decide(c, Proposal::Recognise, has_grassroots, rule_sets),
        T::StrikeOff => matches!(s, S::DuBi | S::XetChinhThuc) && may_decide(c, Proposal::StrikeOff, has_grassroots, rule_sets),
        T::Withdraw => before_decision(s),
        T::MoveAway => true,
        T::CancelDecision => matches!(s, S::DaCoQuyetDinh | S::DuBi | S::XetChinhThuc),
    }
}

/// The steps possible from the candidate's current state, for the next-step form
/// ([`Step::label`] gives the Vietnamese label). `cell` decides whether a grassroots
/// committee votes (only for [`CellLevel::TrongDangBoCoSo`]); `None` = directly under the ward.
pub fn allowed_steps(c: &Candidate, cell: Option<&Cell>, rule_sets: &RuleSets) -> Vec<Step> {
    let has_grassroots = cell.is_some_and(|c| c.level == CellLevel::TrongDangBoCoSo);
    Step::ALL.into_iter().filter(|s| is_step_allowed(c, *s, has_grassroots, rule_sets)).collect()
}

/// [`allowed_steps`] with the cell and rule sets of a context.
pub fn allowed_steps_in(c: &Candidate, ctx: &RuleContext<'_>) -> Vec<Step> {
    allowed_steps(c, ctx.cell, ctx.rule_sets)
}

/// The steps possible now, as the person's page offers them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NextSteps {
    /// Steps on the way: the one that moves the person on first, then the records kept beside
    /// the main path (a new certificate, renewed documents, after-admission records).
    pub onward: Vec<Step>,
    /// Ways out ([`Step::is_exit`]), offered apart.
    pub exits: Vec<Step>,
}

/// A record kept beside the main path at `stage` (offered after the step that moves on):
/// [`StepSpec::offer`](super::StepSpec).
fn is_side_step(step: Step, stage: Stage) -> bool {
    match step.spec().offer {
        Offer::Onward => false,
        Offer::Beside => true,
        Offer::BesideExceptFrom(stages) => !stages.contains(&stage),
    }
}

/// [`allowed_steps`] split and ordered for the next-step choice.
pub fn next_steps(c: &Candidate, cell: Option<&Cell>, rule_sets: &RuleSets) -> NextSteps {
    let (exits, mut onward): (Vec<Step>, Vec<Step>) = allowed_steps(c, cell, rule_sets).into_iter().partition(|s| s.is_exit());
    // Stable: pipeline order otherwise.
    crate::order::sort_by_key(&mut onward, |s| is_side_step(*s, c.stage));
    NextSteps { onward, exits }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::tests::{walk_to, Env};

    #[test]
    fn the_step_that_moves_on_comes_first_and_exits_apart() {
        let env = Env::new(CellLevel::TrucThuoc);
        let c = walk_to(&env, Stage::DuocLamThuTuc);
        let next = next_steps(&c, Some(&env.cell), env.rule_sets);
        assert_eq!(next.onward.first(), Some(&Step::OpenDossier));
        assert!(next.onward.contains(&Step::RecordCertificate), "a new certificate stays possible");
        assert_eq!(next.exits, [Step::Withdraw, Step::MoveAway]);
        let sympathiser = walk_to(&env, Stage::CamTinh);
        let next = next_steps(&sympathiser, Some(&env.cell), env.rule_sets);
        assert_eq!(next.onward.first(), Some(&Step::ProposeClass));
        let probation = walk_to(&env, Stage::DuBi);
        let next = next_steps(&probation, Some(&env.cell), env.rule_sets);
        assert_eq!(next.onward, [Step::StartRecognition, Step::RecordAfterAdmission]);
        assert!(next.exits.contains(&Step::StrikeOffCellVote) && next.exits.contains(&Step::CancelDecision));
    }
}
