//! Each [`Step`] described once (docs/domain.md §2.2): its label, whether it is a way out, how its
//! date is ordered, where the next-step choice offers it, who votes, the timers of §2.4 it
//! completes and the form key of its legal date. [`Step::spec`] is one exhaustive `match`:
//! adding a step makes the compiler ask for its description here, and for its data
//! ([`Action`](super::Action)), its checks ([`apply`](super::apply)), when it is allowed
//! ([`is_step_allowed`](super::is_step_allowed)), its form (`crate::step_forms`) and its
//! timeline entry ([`timeline`](super::timeline)).
//!
//! The types themselves ([`Stage`], [`Step`], [`StepRecord`], [`Lateness`]) are the records'
//! and live in [`crate::model`].

use super::keys;
use crate::model::ExitKind;
pub use crate::model::{Lateness, Stage, Step, StepRecord};
use crate::rules::{TimerKind, VotingBody};

/// What one step is and does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepSpec {
    /// The Vietnamese label, for the next-step form and the history (glossary of docs/domain.md
    /// §1.3).
    pub label: &'static str,
    /// A way out of the pipeline (docs/domain.md §2.1 "Exits"), offered apart from the others.
    pub exit: Option<ExitStep>,
    /// How its date is ordered among the candidate's other steps.
    pub dating: Dating,
    /// Where the next-step choice offers it.
    pub offer: Offer,
    /// Who votes: the body of a vote step, or the Standing Committee whose optional ballot a
    /// decision records.
    pub voting_body: Option<VotingBody>,
    /// The timers of docs/domain.md §2.4 the step meets (`step_forms::step_deadline`).
    pub completes: &'static [TimerKind],
    /// The form key of its legal date ([`keys::DATE`]), or [`keys::NONE`] when the step records
    /// several dates and its date is the latest of them.
    pub date_key: &'static str,
}

/// How a step leads out of the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStep {
    /// A vote on a way out (striking a probationary member off): the decision comes after.
    Vote,
    /// It ends the pipeline and writes this exit record (`Process::exit`).
    Ends(ExitKind),
}

/// How a step's date is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dating {
    /// On the main path: not before the date of the previous main-path step.
    Main,
    /// A record beside the main path, in any order once its stage is reached (verification
    /// replies, after-admission records).
    Beside,
    /// On the main path when it moves the person on; beside it when taken at this stage, the
    /// one it leads to (a further verification request: its record has `from == to`).
    BesideAt(Stage),
}

/// Where the next-step choice ([`next_steps`](super::next_steps)) offers a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offer {
    /// Among the steps that move the person on.
    Onward,
    /// After them, as a record kept beside the main path.
    Beside,
    /// Beside the main path, except from these stages, where it moves the person on.
    BesideExceptFrom(&'static [Stage]),
}

impl StepSpec {
    /// An ordinary step on the main path: offered onward, dated after the previous step on
    /// the date field, no vote, no timer, no exit. Each step's spec says how it differs.
    const fn main(label: &'static str) -> StepSpec {
        StepSpec { label, exit: None, dating: Dating::Main, offer: Offer::Onward, voting_body: None, completes: &[], date_key: keys::DATE }
    }
}

impl Step {
    /// What the step is and does. One arm per step (no catch-all): a new step must be
    /// described here.
    pub const fn spec(self) -> StepSpec {
        use StepSpec as S;
        use TimerKind as T;
        match self {
            Step::AddToSourcePool => S::main("Đưa vào nguồn quần chúng ưu tú"),
            Step::RecogniseSympathiser => S::main("Chi bộ xét cảm tình Đảng"),
            Step::ProposeClass => S::main("Đề nghị đi học lớp bồi dưỡng nhận thức về Đảng"),
            Step::RecordCertificate => S {
                // From a sympathiser it moves on (→ DA_HOC); later it records a new certificate.
                offer: Offer::BesideExceptFrom(&[Stage::CamTinh, Stage::DeNghiHoc]),
                ..S::main("Ghi giấy chứng nhận học lớp nhận thức về Đảng")
            },
            Step::GrantPermission => S::main("Quyết định cho làm thủ tục xem xét kết nạp"),
            Step::OpenDossier => S::main("Lập hồ sơ xin vào Đảng (đơn, lý lịch, giới thiệu)"),
            Step::RenewDossier => S { offer: Offer::Beside, ..S::main("Làm lại giấy tờ hồ sơ quá 12 tháng") },
            Step::SendVerification => S { dating: Dating::BesideAt(Stage::ThamTra), ..S::main("Gửi thẩm tra lý lịch") },
            Step::ReturnVerification => {
                S { dating: Dating::Beside, completes: &[T::VerificationReply], ..S::main("Nhận kết quả thẩm tra lý lịch") }
            }
            Step::CertifyCv => S::main("Chứng nhận lý lịch người xin vào Đảng"),
            Step::CollectOpinions => S::main("Lấy ý kiến đoàn thể và chi ủy nơi cư trú"),
            Step::CellVote => S {
                voting_body: Some(VotingBody::Cell),
                // The cell resolution must come while the certificate and the dossier are valid
                // (R-CERT, R-DOCAGE).
                completes: &[T::CertificateExpiry, T::DossierStaleness],
                ..S::main("Chi bộ họp xét, đề nghị kết nạp")
            },
            Step::SendUp => S { completes: &[T::SendUp], ..S::main("Gửi hồ sơ đề nghị kết nạp lên Đảng ủy") },
            Step::GrassrootsVote => S {
                voting_body: Some(VotingBody::GrassrootsCommittee),
                completes: &[T::GrassrootsResolution],
                ..S::main("Đảng ủy cơ sở xét, đề nghị kết nạp")
            },
            Step::Decide => S {
                voting_body: Some(VotingBody::StandingCommittee),
                completes: &[T::AdmissionDecision],
                ..S::main("Quyết định kết nạp đảng viên")
            },
            Step::ReceiveDecision => S::main("Chi bộ nhận quyết định kết nạp"),
            Step::HoldCeremony => S { completes: &[T::Ceremony], ..S::main("Tổ chức lễ kết nạp") },
            Step::RecordAfterAdmission => S {
                dating: Dating::Beside,
                offer: Offer::Beside,
                completes: &[T::MemberRecords, T::DatabaseEntry],
                date_key: keys::NONE,
                ..S::main("Ghi hồ sơ đảng viên sau kết nạp")
            },
            Step::StartRecognition => S::main("Tự kiểm điểm sau 12 tháng dự bị"),
            Step::RecognitionCellVote => S {
                voting_body: Some(VotingBody::Cell),
                completes: &[T::RecognitionCellReview],
                ..S::main("Chi bộ xét công nhận đảng viên chính thức")
            },
            Step::RecognitionGrassrootsVote => S {
                voting_body: Some(VotingBody::GrassrootsCommittee),
                completes: &[T::RecognitionGrassrootsResolution],
                ..S::main("Đảng ủy cơ sở xét công nhận đảng viên chính thức")
            },
            Step::RecognitionDecision => S {
                voting_body: Some(VotingBody::StandingCommittee),
                completes: &[T::RecognitionDecision],
                ..S::main("Quyết định công nhận đảng viên chính thức")
            },
            Step::StrikeOffCellVote => S {
                exit: Some(ExitStep::Vote),
                voting_body: Some(VotingBody::Cell),
                completes: &[T::RecognitionCellReview],
                ..S::main("Chi bộ xét đề nghị xóa tên đảng viên dự bị")
            },
            Step::StrikeOffGrassrootsVote => S {
                exit: Some(ExitStep::Vote),
                voting_body: Some(VotingBody::GrassrootsCommittee),
                ..S::main("Đảng ủy cơ sở xét đề nghị xóa tên đảng viên dự bị")
            },
            Step::StrikeOff => S {
                exit: Some(ExitStep::Ends(ExitKind::StruckOff)),
                voting_body: Some(VotingBody::StandingCommittee),
                ..S::main("Quyết định xóa tên đảng viên dự bị")
            },
            Step::Withdraw => S { exit: Some(ExitStep::Ends(ExitKind::Withdrawn)), ..S::main("Rút khỏi danh sách") },
            Step::MoveAway => S { exit: Some(ExitStep::Ends(ExitKind::MovedAway)), ..S::main("Chuyển đi nơi khác") },
            Step::CancelDecision => {
                S { exit: Some(ExitStep::Ends(ExitKind::DecisionCancelled)), ..S::main("Hủy quyết định kết nạp") }
            }
        }
    }

    /// The Vietnamese label of the step ([`StepSpec::label`]).
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// A way out of the pipeline (docs/domain.md §2.1 "Exits"): withdrawn, moved away, struck off
    /// (with its votes), decision cancelled.
    pub fn is_exit(self) -> bool {
        self.spec().exit.is_some()
    }

    /// The exit record the step writes, if it ends the pipeline.
    pub fn exit_kind(self) -> Option<ExitKind> {
        match self.spec().exit {
            Some(ExitStep::Ends(kind)) => Some(kind),
            Some(ExitStep::Vote) | None => None,
        }
    }

    /// The step that writes an exit record of `kind`.
    pub fn ending(kind: ExitKind) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.exit_kind() == Some(kind))
    }
}

/// A record dated beside the main path (more verification letters and replies,
/// after-admission records), which may be recorded in any order after its stage was entered.
/// All other records must have non-decreasing dates.
pub fn is_side_record(step: Step, from: Stage, to: Stage) -> bool {
    match step.spec().dating {
        Dating::Main => false,
        Dating::Beside => true,
        Dating::BesideAt(_) => from == to,
    }
}
