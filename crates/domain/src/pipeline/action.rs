//! The data each step records (docs/domain.md §2.2, column "Data to record"): one [`Action`] per
//! [`Step`], given to [`apply`](super::apply).

use super::Step;
use crate::model::{
    Ceremony, Certificate, ClassId, CvCertification, Decision, DocRef, Introducer, MemberId, Opinions, UnionIntroduction, Vote,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why an admission decision is cancelled (T18; R-294 §4.4; R-38 §I.3; R-06 §3.9c).
///
/// A decision that was only *procedurally* wrong (wrong authority or procedure, person
/// qualified) is not cancelled this way: R-38 §I.3b has the faulty step redone and the
/// admission kept — record the corrected documents instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelReason {
    /// Not meeting the standards and conditions of Charter Art. 1 (political standard,
    /// ethics, age, untruthful CV, wrongful re-admission): cancel and strike off
    /// (R-294 §4.4.1; R-38 §I.3a).
    Criteria,
    /// The decision was issued more than 30 working days after the person moved: the old
    /// place cancels it and forwards the dossier (R-06 §3.9c).
    MovedBeforeDecision,
}

impl CancelReason {
    pub fn label(self) -> &'static str {
        match self {
            CancelReason::Criteria => "Không đúng tiêu chuẩn, điều kiện (Điều 1 Điều lệ Đảng)",
            CancelReason::MovedBeforeDecision => "Quyết định ban hành quá 30 ngày làm việc sau khi người vào Đảng chuyển đi",
        }
    }
    /// The rule cited.
    pub fn rule(self) -> &'static str {
        match self {
            CancelReason::Criteria => "R-294 §4.4.1; R-38 §I.3a; DOMAIN §2.2 T18",
            CancelReason::MovedBeforeDecision => "R-06 §3.9c; DOMAIN §2.2 T17–T18",
        }
    }
}

/// One step with exactly the data it records (docs/domain.md §2.2). Dates are the legal dates
/// (resolution, decision, ceremony …), not when the user typed them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Action {
    /// Added to the source pool (quần chúng ưu tú).
    AddToSourcePool {
        date: NaiveDate,
        #[serde(default)]
        proposed_by: String,
    },
    /// T1: cell resolution (number, date = ngày được xét là cảm tình Đảng), proposer,
    /// members assigned to help (R-38 §1.1d).
    RecogniseSympathiser {
        resolution: DocRef,
        #[serde(default)]
        proposed_by: String,
        #[serde(default)]
        helpers: Vec<MemberId>,
    },
    /// T2: proposed for the awareness class.
    ProposeClass {
        date: NaiveDate,
        #[serde(default)]
        class_id: Option<ClassId>,
    },
    /// T2: the awareness certificate (number, issue date, issuer); later, a new certificate
    /// after retaking the class (R-CERT).
    RecordCertificate { certificate: Certificate },
    /// T3: decision/notice allowing the admission procedure.
    GrantPermission { document: DocRef },
    /// T4: the dossier: date created, union resolution (if any), member introducers.
    OpenDossier {
        opened_on: NaiveDate,
        #[serde(default)]
        union_introduction: Option<UnionIntroduction>,
        #[serde(default)]
        introducers: Vec<Introducer>,
    },
    /// R-DOCAGE: the documents redone after 12 months (new introduction).
    RenewDossier {
        date: NaiveDate,
        #[serde(default)]
        union_introduction: Option<UnionIntroduction>,
        #[serde(default)]
        introducers: Vec<Introducer>,
    },
    /// T5: a verification request sent.
    SendVerification {
        subject: String,
        #[serde(default)]
        place: String,
        sent_on: NaiveDate,
        #[serde(default)]
        abroad: bool,
    },
    /// T5: the reply to request number `index` (position in `Process::verifications`).
    ReturnVerification { index: usize, returned_on: NaiveDate },
    /// T6: CV certified, with the conclusion.
    CertifyCv { certification: CvCertification },
    /// T7: opinions of mass organisations and the residence cell.
    CollectOpinions { opinions: Opinions },
    /// T8: the cell's vote (resolution no./date, convened, present, yes, no).
    CellVote { vote: Vote },
    /// Dossier sent up to the ward.
    SendUp { date: NaiveDate },
    /// T9: the grassroots committee's vote.
    GrassrootsVote { vote: Vote },
    /// T10: the admission decision (approved or not), with the Standing Committee's ballot.
    Decide { decision: Decision },
    /// The cell received the decision.
    ReceiveDecision { date: NaiveDate },
    /// T11: the ceremony (date, place, late consent, helpers for the probation).
    HoldCeremony { ceremony: Ceremony },
    /// T12: records after admission; only the given fields are updated.
    RecordAfterAdmission {
        #[serde(default)]
        member_records_on: Option<NaiveDate>,
        #[serde(default)]
        record_number: Option<String>,
        #[serde(default)]
        database_entry_on: Option<NaiveDate>,
        #[serde(default)]
        new_member_certificate: Option<Certificate>,
    },
    /// T13: self-review written after the 12 months, helper report and opinions.
    StartRecognition {
        self_review_on: NaiveDate,
        #[serde(default)]
        helper_report_on: Option<NaiveDate>,
        #[serde(default)]
        opinions_on: Option<NaiveDate>,
    },
    /// T13: the cell's vote on recognition.
    RecognitionCellVote { vote: Vote },
    /// T13: the grassroots committee's vote on recognition.
    RecognitionGrassrootsVote { vote: Vote },
    /// T14: the recognition decision (approved or not).
    RecognitionDecision { decision: Decision },
    /// T15: the cell's vote on striking the probationary member off.
    StrikeOffCellVote { vote: Vote },
    /// T15: the grassroots committee's vote on striking off.
    StrikeOffGrassrootsVote { vote: Vote },
    /// T15: the strike-off decision, with the Standing Committee's ballot and the reason.
    StrikeOff {
        document: DocRef,
        #[serde(default)]
        vote: Option<Vote>,
        reason: String,
    },
    /// Removed from the sympathiser list, with the reason.
    Withdraw {
        date: NaiveDate,
        reason: String,
        #[serde(default)]
        document: Option<DocRef>,
    },
    /// T17: moved away; the data stay, the destination is recorded.
    MoveAway {
        date: NaiveDate,
        destination: String,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        document: Option<DocRef>,
    },
    /// T18: the admission decision cancelled.
    CancelDecision {
        document: DocRef,
        reason: CancelReason,
        #[serde(default)]
        note: String,
    },
}

impl Action {
    /// The step this action records.
    pub fn step(&self) -> Step {
        match self {
            Action::AddToSourcePool { .. } => Step::AddToSourcePool,
            Action::RecogniseSympathiser { .. } => Step::RecogniseSympathiser,
            Action::ProposeClass { .. } => Step::ProposeClass,
            Action::RecordCertificate { .. } => Step::RecordCertificate,
            Action::GrantPermission { .. } => Step::GrantPermission,
            Action::OpenDossier { .. } => Step::OpenDossier,
            Action::RenewDossier { .. } => Step::RenewDossier,
            Action::SendVerification { .. } => Step::SendVerification,
            Action::ReturnVerification { .. } => Step::ReturnVerification,
            Action::CertifyCv { .. } => Step::CertifyCv,
            Action::CollectOpinions { .. } => Step::CollectOpinions,
            Action::CellVote { .. } => Step::CellVote,
            Action::SendUp { .. } => Step::SendUp,
            Action::GrassrootsVote { .. } => Step::GrassrootsVote,
            Action::Decide { .. } => Step::Decide,
            Action::ReceiveDecision { .. } => Step::ReceiveDecision,
            Action::HoldCeremony { .. } => Step::HoldCeremony,
            Action::RecordAfterAdmission { .. } => Step::RecordAfterAdmission,
            Action::StartRecognition { .. } => Step::StartRecognition,
            Action::RecognitionCellVote { .. } => Step::RecognitionCellVote,
            Action::RecognitionGrassrootsVote { .. } => Step::RecognitionGrassrootsVote,
            Action::RecognitionDecision { .. } => Step::RecognitionDecision,
            Action::StrikeOffCellVote { .. } => Step::StrikeOffCellVote,
            Action::StrikeOffGrassrootsVote { .. } => Step::StrikeOffGrassrootsVote,
            Action::StrikeOff { .. } => Step::StrikeOff,
            Action::Withdraw { .. } => Step::Withdraw,
            Action::MoveAway { .. } => Step::MoveAway,
            Action::CancelDecision { .. } => Step::CancelDecision,
        }
    }

    /// The legal date of the step, and the form key of its field ([`StepSpec::date_key`](super::StepSpec),
    /// for [`TransitionError::Invalid`](super::TransitionError)). `None` for
    /// `RecordAfterAdmission` without any date.
    pub fn date(&self) -> Option<(NaiveDate, &'static str)> {
        let date = match self {
            Action::AddToSourcePool { date, .. } => *date,
            Action::RecogniseSympathiser { resolution, .. } => resolution.date,
            Action::ProposeClass { date, .. } => *date,
            Action::RecordCertificate { certificate } => certificate.issued_on,
            Action::GrantPermission { document } => document.date,
            Action::OpenDossier { opened_on, .. } => *opened_on,
            Action::RenewDossier { date, .. } => *date,
            Action::SendVerification { sent_on, .. } => *sent_on,
            Action::ReturnVerification { returned_on, .. } => *returned_on,
            Action::CertifyCv { certification } => certification.date,
            Action::CollectOpinions { opinions } => opinions.date,
            Action::CellVote { vote }
            | Action::GrassrootsVote { vote }
            | Action::RecognitionCellVote { vote }
            | Action::RecognitionGrassrootsVote { vote }
            | Action::StrikeOffCellVote { vote }
            | Action::StrikeOffGrassrootsVote { vote } => vote.resolution.date,
            Action::SendUp { date } => *date,
            Action::Decide { decision } | Action::RecognitionDecision { decision } => decision.document.date,
            Action::ReceiveDecision { date } => *date,
            Action::HoldCeremony { ceremony } => ceremony.date,
            Action::RecordAfterAdmission { member_records_on, database_entry_on, new_member_certificate, .. } => {
                [*member_records_on, *database_entry_on, new_member_certificate.as_ref().map(|c| c.issued_on)]
                    .into_iter()
                    .flatten()
                    .max()?
            }
            Action::StartRecognition { self_review_on, .. } => *self_review_on,
            Action::StrikeOff { document, .. } => document.date,
            Action::Withdraw { date, .. } => *date,
            Action::MoveAway { date, .. } => *date,
            Action::CancelDecision { document, .. } => document.date,
        };
        Some((date, self.step().spec().date_key))
    }
}
