//! Applying a step to a candidate (docs/domain.md §2.1–2.2): checks the step is allowed, the data
//! is coherent and the rules of §2.3 hold, then returns the updated candidate with a new
//! history entry. Never mutates the input.

mod admission;
mod dossier;
mod entry;
mod exits;
mod recognition;

use super::*;
use crate::model::*;
use crate::rules::*;
use chrono::NaiveDate;
use std::fmt;

/// A successful step.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The updated candidate: new stage, Process record, `updated_at = now`, one more
    /// history entry.
    pub candidate: Candidate,
    /// The warnings the user confirmed (their codes are in the history entry).
    pub warnings: Vec<Finding>,
    /// Set when the step's legal deadline had passed: allowed, but recorded as late.
    pub lateness: Option<Lateness>,
}

/// Why a step was not recorded. The candidate is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum TransitionError {
    /// The step does not follow from the current stage (docs/domain.md §2.1).
    NotAllowed { from: Stage, step: Step },
    /// The data is not coherent (date before the previous step, yes > present, missing
    /// number …): `field` is the key of the step form's field at fault ([`keys`]; the UI shows
    /// the message beside it), or [`keys::NONE`] when the error belongs to no single field;
    /// `message` says what is wrong, in Vietnamese.
    Invalid { field: &'static str, message: String },
    /// A rule forbids the step: the blocking findings first, then any warnings.
    Blocked(Vec<Finding>),
    /// Warnings to confirm: call again with their codes in `acknowledged`. All the step's
    /// warnings are listed.
    NeedsConfirmation(Vec<Finding>),
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotAllowed { from, step } => {
                write!(f, "Không thể thực hiện bước “{}” khi đang ở giai đoạn “{}”.", step.label(), from.label())
            }
            TransitionError::Invalid { message, .. } => f.write_str(message),
            TransitionError::Blocked(fs) => {
                f.write_str("Không thể ghi bước này:")?;
                for x in fs.iter().filter(|x| x.is_blocking()) {
                    write!(f, " {}", x.message)?;
                }
                Ok(())
            }
            TransitionError::NeedsConfirmation(fs) => {
                f.write_str("Cần xác nhận trước khi ghi:")?;
                for x in fs {
                    write!(f, " {}", x.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for TransitionError {}

fn invalid(field: &'static str, message: impl Into<String>) -> TransitionError {
    TransitionError::Invalid { field, message: message.into() }
}

fn require_number(field: &'static str, number: &str, what: &str) -> Result<(), TransitionError> {
    if number.trim().is_empty() {
        Err(invalid(field, format!("Chưa nhập số {what}.")))
    } else {
        Ok(())
    }
}

fn require_text(field: &'static str, text: &str, what: &str) -> Result<(), TransitionError> {
    if text.trim().is_empty() {
        Err(invalid(field, format!("Chưa ghi {what}.")))
    } else {
        Ok(())
    }
}

fn check_vote_counts(vote: &Vote, body: VotingBody) -> Result<(), TransitionError> {
    validate_vote(vote, body).map_err(|e| invalid(e.field, e.message))
}

/// The latest main-path date so far: from the history, or (imported data without history)
/// from the Process record of the current stage.
pub fn last_main_date(c: &Candidate) -> Option<(NaiveDate, Option<Step>)> {
    let from_history =
        c.history.iter().filter(|r| !is_side_record(r.step, r.from, r.to)).map(|r| (r.date, Some(r.step))).max_by_key(|(d, _)| *d);
    from_history.or_else(|| stage_date_from_process(c).map(|d| (d, None)))
}

/// The date the current stage was reached according to the Process record (for candidates
/// imported without history).
pub fn stage_date_from_process(c: &Candidate) -> Option<NaiveDate> {
    let p = &c.process;
    match c.stage {
        Stage::Nguon => p.source_pool.as_ref().map(|s| s.date),
        Stage::CamTinh => p.sympathiser.as_ref().map(|s| s.resolution.date),
        Stage::DeNghiHoc => p.class_proposal.as_ref().map(|s| s.date),
        Stage::DaHoc => p.certificate.as_ref().map(|s| s.issued_on),
        Stage::DuocLamThuTuc => p.permission.as_ref().map(|s| s.date),
        Stage::LapHoSo => p.dossier.as_ref().map(|s| s.opened_on),
        Stage::ThamTra => p.verifications.iter().map(|v| v.sent_on).min(),
        Stage::ChungNhanLyLich => p.cv_certification.as_ref().map(|s| s.date),
        Stage::LayYKien => p.opinions.as_ref().map(|s| s.date),
        Stage::ChiBoXet | Stage::KhongDat => p.cell_votes.last().map(|v| v.resolution.date),
        Stage::DangUyCoSoXet => p.grassroots_votes.last().map(|v| v.resolution.date),
        Stage::ChoQuyetDinh => p.sent_up_on,
        Stage::DaCoQuyetDinh | Stage::BiTuChoi => p.decision.as_ref().map(|d| d.document.date),
        Stage::DuBi => p.ceremony.as_ref().map(|c| c.date),
        Stage::XetChinhThuc => p.recognition.self_review_on,
        Stage::ChinhThuc => p.recognition.decision.as_ref().map(|d| d.document.date),
        Stage::RutKhoiDanhSach | Stage::ChuyenDi | Stage::XoaTenDuBi | Stage::HuyQuyetDinh => p.exit.as_ref().map(|e| e.date),
    }
}

fn late(dl: Option<Deadline<'_>>, date: NaiveDate) -> Option<Lateness> {
    let dl = dl?;
    (date > dl.deadline).then(|| Lateness { deadline: dl.deadline, rule: dl.rule.to_string() })
}

/// Working state of one application.
struct Work<'c, 'a> {
    c: Candidate,
    ctx: &'c RuleContext<'a>,
    findings: Vec<Finding>,
    lateness: Option<Lateness>,
}

impl Work<'_, '_> {
    fn add(&mut self, f: Vec<Finding>) {
        self.findings.extend(f);
    }
    fn rule_sets(&self) -> &RuleSets {
        self.ctx.rule_sets
    }
    fn cv_not_eligible(&mut self) {
        if self.c.process.cv_certification.as_ref().is_some_and(|cv| !cv.eligible) {
            self.findings.push(Finding::blocking(
                "R-CV-NOT-ELIGIBLE",
                "Cấp ủy đã kết luận lý lịch người vào Đảng không đủ điều kiện (tiêu chuẩn chính trị); không thể tiếp tục \
                 thủ tục kết nạp.",
                "R-06 §3.3b; R-HN I.2.4; DOMAIN §2.3 R-POLITICAL",
            ));
        }
    }
    fn introduction(
        &mut self,
        union: Option<&UnionIntroduction>,
        introducers: &[Introducer],
        introduced_on: NaiveDate,
        status_on: NaiveDate,
    ) {
        let rs = self.ctx.rule_set(introduced_on);
        let input = IntroductionCheck {
            union_introduction: union,
            introducers,
            introduced_on,
            status_on,
            has_youth_union: self.ctx.has_youth_union(),
        };
        let f = check_introduction(&self.c, input, self.ctx.members, rs);
        self.add(f);
    }
}

/// No acknowledged warning, for a first call of [`apply`].
pub const NO_ACKNOWLEDGEMENT: &[&str] = &[];

/// Applies one step (docs/domain.md §2.2) to `candidate`.
///
/// Order of checks: the step must be allowed from the current stage
/// ([`TransitionError::NotAllowed`]); the data must be coherent — dates not in the future
/// and not before the previous step, vote counts, required numbers
/// ([`TransitionError::Invalid`]); the rules of docs/domain.md §2.3 that run at this step must not
/// block ([`TransitionError::Blocked`]); every warning must be in `acknowledged`
/// ([`TransitionError::NeedsConfirmation`]). On success the stage, the Process record and
/// `updated_at = now` are updated and a [`StepRecord`] is appended with the id of the rule
/// set in force on the step's date, the acknowledged codes and `late` when the step's legal
/// deadline had passed (late steps are allowed but recorded). The input is never changed.
pub fn apply<S: AsRef<str>>(
    candidate: &Candidate,
    action: &Action,
    ctx: &RuleContext<'_>,
    now: Timestamp,
    acknowledged: &[S],
) -> Result<Applied, TransitionError> {
    let step = action.step();
    let from = candidate.stage;
    let rule_sets = ctx.rule_sets;
    if !is_step_allowed(candidate, step, ctx.has_grassroots_committee(), rule_sets) {
        return Err(TransitionError::NotAllowed { from, step });
    }
    let spec = step.spec();
    let (date, field) = match (action.date(), action) {
        (Some(x), _) => x,
        (None, Action::RecordAfterAdmission { record_number: Some(n), .. }) if !n.trim().is_empty() => (ctx.today, spec.date_key),
        (None, _) => return Err(invalid(spec.date_key, "Chưa nhập thông tin nào để ghi.")),
    };
    if date > ctx.today {
        return Err(invalid(field, format!("Ngày {} ở sau ngày hôm nay ({}).", fmt_date(date), fmt_date(ctx.today))));
    }
    let side = match spec.dating {
        Dating::Main => false,
        Dating::Beside => true,
        Dating::BesideAt(stage) => from == stage,
    };
    if !side {
        if let Some((prev, prev_step)) = last_main_date(candidate) {
            if date < prev {
                let what = prev_step.map(|s| format!(" “{}”", s.label())).unwrap_or_default();
                return Err(invalid(field, format!("Ngày {} trước ngày của bước trước{what} ({}).", fmt_date(date), fmt_date(prev))));
            }
        }
    }

    let mut w = Work { c: candidate.clone(), ctx, findings: Vec::new(), lateness: None };
    let to = apply_action(&mut w, action, date)?;

    let (blocking, warnings): (Vec<Finding>, Vec<Finding>) = w.findings.into_iter().partition(Finding::is_blocking);
    if !blocking.is_empty() {
        let mut all = blocking;
        all.extend(warnings);
        return Err(TransitionError::Blocked(all));
    }
    let acked = |code: &str| acknowledged.iter().any(|a| a.as_ref() == code);
    if warnings.iter().any(|f| !acked(f.code)) {
        return Err(TransitionError::NeedsConfirmation(warnings));
    }
    let mut codes: Vec<String> = Vec::new();
    for f in &warnings {
        if !codes.iter().any(|c| c == f.code) {
            codes.push(f.code.to_string());
        }
    }
    let mut c = w.c;
    c.stage = to;
    c.updated_at = now;
    c.history.push(StepRecord {
        step,
        date,
        from,
        to,
        rule_set: ctx.rule_set(date).id.clone(),
        recorded_at: now,
        late: w.lateness.clone(),
        acknowledged: codes,
    });
    Ok(Applied { candidate: c, warnings, lateness: w.lateness })
}

/// Validates the action's data, runs the rules of the step, updates the Process record and
/// returns the stage reached: one function per step, grouped by phase.
fn apply_action(w: &mut Work<'_, '_>, action: &Action, date: NaiveDate) -> Result<Stage, TransitionError> {
    match action {
        Action::AddToSourcePool { proposed_by, .. } => entry::add_to_source_pool(w, date, proposed_by),
        Action::RecogniseSympathiser { resolution, proposed_by, helpers } => {
            entry::recognise_sympathiser(w, date, resolution, proposed_by, helpers)
        }
        Action::ProposeClass { class_id, .. } => entry::propose_class(w, date, class_id.as_ref()),
        Action::RecordCertificate { certificate } => entry::record_certificate(w, certificate),
        Action::GrantPermission { document } => entry::grant_permission(w, date, document),
        Action::OpenDossier { opened_on, union_introduction, introducers } => {
            dossier::open_dossier(w, *opened_on, union_introduction.as_ref(), introducers)
        }
        Action::RenewDossier { union_introduction, introducers, .. } => {
            dossier::renew_dossier(w, date, union_introduction.as_ref(), introducers)
        }
        Action::SendVerification { subject, place, sent_on, abroad } => dossier::send_verification(w, subject, place, *sent_on, *abroad),
        Action::ReturnVerification { index, returned_on } => dossier::return_verification(w, *index, *returned_on),
        Action::CertifyCv { certification } => dossier::certify_cv(w, certification),
        Action::CollectOpinions { opinions } => dossier::collect_opinions(w, opinions),
        Action::CellVote { vote } => admission::cell_vote(w, date, vote),
        Action::SendUp { .. } => admission::send_up(w, date),
        Action::GrassrootsVote { vote } => admission::grassroots_vote(w, date, vote),
        Action::Decide { decision } => admission::decide(w, date, decision),
        Action::ReceiveDecision { .. } => admission::receive_decision(w, date),
        Action::HoldCeremony { ceremony } => admission::hold_ceremony(w, date, ceremony),
        Action::RecordAfterAdmission { member_records_on, record_number, database_entry_on, new_member_certificate } => {
            admission::record_after_admission(
                w,
                *member_records_on,
                record_number.as_deref(),
                *database_entry_on,
                new_member_certificate.as_ref(),
            )
        }
        Action::StartRecognition { self_review_on, helper_report_on, opinions_on } => {
            recognition::start_recognition(w, *self_review_on, *helper_report_on, *opinions_on)
        }
        Action::RecognitionCellVote { vote } => recognition::cell_vote(w, date, vote, VotePurpose::Recognition),
        Action::StrikeOffCellVote { vote } => recognition::cell_vote(w, date, vote, VotePurpose::StrikeOff),
        Action::RecognitionGrassrootsVote { vote } => recognition::grassroots_vote(w, date, vote, VotePurpose::Recognition),
        Action::StrikeOffGrassrootsVote { vote } => recognition::grassroots_vote(w, date, vote, VotePurpose::StrikeOff),
        Action::RecognitionDecision { decision } => recognition::decision(w, date, decision),
        Action::StrikeOff { document, vote, reason } => exits::strike_off(w, date, document, vote.as_ref(), reason),
        Action::Withdraw { reason, document, .. } => exits::withdraw(w, date, reason, document.as_ref()),
        Action::MoveAway { destination, reason, document, .. } => exits::move_away(w, date, destination, reason, document.as_ref()),
        Action::CancelDecision { document, reason, note } => exits::cancel_decision(w, date, document, *reason, note),
    }
}
