//! What the pipeline knows of each [`Step`] beyond its name: its label and whether it is a
//! way out. The types themselves ([`Stage`], [`Step`], [`StepRecord`], [`Lateness`]) are the
//! records' and live in [`crate::model`].

pub use crate::model::{Lateness, Stage, Step, StepRecord};

impl Step {
    /// A way out of the pipeline (DOMAIN.md §2.1 "Exits"): withdrawn, moved away, struck off
    /// (with its votes), decision cancelled.
    pub fn is_exit(self) -> bool {
        matches!(
            self,
            Step::Withdraw
                | Step::MoveAway
                | Step::StrikeOffCellVote
                | Step::StrikeOffGrassrootsVote
                | Step::StrikeOff
                | Step::CancelDecision
        )
    }

    /// The Vietnamese label of the step, for the next-step form and the history
    /// (glossary of DOMAIN.md §1.3).
    pub fn label(self) -> &'static str {
        match self {
            Step::AddToSourcePool => "Đưa vào nguồn quần chúng ưu tú",
            Step::RecogniseSympathiser => "Chi bộ xét cảm tình Đảng",
            Step::ProposeClass => "Đề nghị đi học lớp bồi dưỡng nhận thức về Đảng",
            Step::RecordCertificate => "Ghi giấy chứng nhận học lớp nhận thức về Đảng",
            Step::GrantPermission => "Quyết định cho làm thủ tục xem xét kết nạp",
            Step::OpenDossier => "Lập hồ sơ xin vào Đảng (đơn, lý lịch, giới thiệu)",
            Step::RenewDossier => "Làm lại giấy tờ hồ sơ quá 12 tháng",
            Step::SendVerification => "Gửi thẩm tra lý lịch",
            Step::ReturnVerification => "Nhận kết quả thẩm tra lý lịch",
            Step::CertifyCv => "Chứng nhận lý lịch người xin vào Đảng",
            Step::CollectOpinions => "Lấy ý kiến đoàn thể và chi ủy nơi cư trú",
            Step::CellVote => "Chi bộ họp xét, đề nghị kết nạp",
            Step::SendUp => "Gửi hồ sơ đề nghị kết nạp lên Đảng ủy",
            Step::GrassrootsVote => "Đảng ủy cơ sở xét, đề nghị kết nạp",
            Step::Decide => "Quyết định kết nạp đảng viên",
            Step::ReceiveDecision => "Chi bộ nhận quyết định kết nạp",
            Step::HoldCeremony => "Tổ chức lễ kết nạp",
            Step::RecordAfterAdmission => "Ghi hồ sơ đảng viên sau kết nạp",
            Step::StartRecognition => "Tự kiểm điểm sau 12 tháng dự bị",
            Step::RecognitionCellVote => "Chi bộ xét công nhận đảng viên chính thức",
            Step::RecognitionGrassrootsVote => "Đảng ủy cơ sở xét công nhận đảng viên chính thức",
            Step::RecognitionDecision => "Quyết định công nhận đảng viên chính thức",
            Step::StrikeOffCellVote => "Chi bộ xét đề nghị xóa tên đảng viên dự bị",
            Step::StrikeOffGrassrootsVote => "Đảng ủy cơ sở xét đề nghị xóa tên đảng viên dự bị",
            Step::StrikeOff => "Quyết định xóa tên đảng viên dự bị",
            Step::Withdraw => "Rút khỏi danh sách",
            Step::MoveAway => "Chuyển đi nơi khác",
            Step::CancelDecision => "Hủy quyết định kết nạp",
        }
    }
}
