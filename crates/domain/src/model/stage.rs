//! The states of docs/domain.md §2.1, the kinds of step between them (§2.2) and the record of each
//! transition kept in a candidate's history. What each step does is the pipeline's
//! (`crate::pipeline`).

use super::Timestamp;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Declares a fieldless enum and its `ALL` — every variant once, in declaration order — from
/// one list, so that no variant can be left out of `ALL`.
macro_rules! enum_with_all {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every variant once, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];
        }
    };
}

enum_with_all! {
    /// Where a candidate is. Each stage is reached by the step of the same name in docs/domain.md §2.2.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Stage {
        /// Quần chúng ưu tú in the source pool.
        Nguon,
        /// Cảm tình Đảng (T1).
        CamTinh,
        /// Đề nghị đi học lớp bồi dưỡng nhận thức về Đảng (T2).
        DeNghiHoc,
        /// Đã học, có giấy chứng nhận (T2).
        DaHoc,
        /// Được làm thủ tục xem xét kết nạp (T3).
        DuocLamThuTuc,
        /// Lập hồ sơ (T4).
        LapHoSo,
        /// Thẩm tra lý lịch (T5).
        ThamTra,
        /// Lý lịch đã được chứng nhận (T6).
        ChungNhanLyLich,
        /// Đã lấy ý kiến đoàn thể và chi ủy nơi cư trú (T7).
        LayYKien,
        /// Chi bộ đã xét, đề nghị kết nạp (T8).
        ChiBoXet,
        /// Đảng ủy cơ sở đã xét (T9).
        DangUyCoSoXet,
        /// Hồ sơ đã gửi lên, chờ quyết định (T10).
        ChoQuyetDinh,
        /// Đã có quyết định kết nạp (T10).
        DaCoQuyetDinh,
        /// Đảng viên dự bị (T11, from the ceremony).
        DuBi,
        /// Đang xét công nhận chính thức (T13).
        XetChinhThuc,
        /// Đảng viên chính thức (T14).
        ChinhThuc,
        /// Chi bộ biểu quyết không đạt (T8 failed).
        KhongDat,
        /// Không được quyết định kết nạp (T10 not approved).
        BiTuChoi,
        /// Rút khỏi danh sách.
        RutKhoiDanhSach,
        /// Chuyển đi (T17).
        ChuyenDi,
        /// Xóa tên đảng viên dự bị (T15).
        XoaTenDuBi,
        /// Hủy quyết định kết nạp (T18).
        HuyQuyetDinh,
    }
}

impl Stage {
    /// The main path in order (exits and failures excluded), for boards and progress bars.
    pub const MAIN_PATH: [Stage; 16] = [
        Stage::Nguon,
        Stage::CamTinh,
        Stage::DeNghiHoc,
        Stage::DaHoc,
        Stage::DuocLamThuTuc,
        Stage::LapHoSo,
        Stage::ThamTra,
        Stage::ChungNhanLyLich,
        Stage::LayYKien,
        Stage::ChiBoXet,
        Stage::DangUyCoSoXet,
        Stage::ChoQuyetDinh,
        Stage::DaCoQuyetDinh,
        Stage::DuBi,
        Stage::XetChinhThuc,
        Stage::ChinhThuc,
    ];

    /// The Vietnamese label shown in the UI (glossary of docs/domain.md §1.3).
    pub fn label(self) -> &'static str {
        match self {
            Stage::Nguon => "Quần chúng ưu tú (nguồn)",
            Stage::CamTinh => "Cảm tình Đảng",
            Stage::DeNghiHoc => "Đề nghị đi học lớp nhận thức",
            Stage::DaHoc => "Đã học lớp nhận thức",
            Stage::DuocLamThuTuc => "Được làm thủ tục kết nạp",
            Stage::LapHoSo => "Lập hồ sơ",
            Stage::ThamTra => "Thẩm tra lý lịch",
            Stage::ChungNhanLyLich => "Đã chứng nhận lý lịch",
            Stage::LayYKien => "Đã lấy ý kiến",
            Stage::ChiBoXet => "Chi bộ đã xét",
            Stage::DangUyCoSoXet => "Đảng ủy cơ sở đã xét",
            Stage::ChoQuyetDinh => "Chờ quyết định kết nạp",
            Stage::DaCoQuyetDinh => "Đã có quyết định kết nạp",
            Stage::DuBi => "Đảng viên dự bị",
            Stage::XetChinhThuc => "Đang xét chính thức",
            Stage::ChinhThuc => "Đảng viên chính thức",
            Stage::KhongDat => "Chi bộ xét không đạt",
            Stage::BiTuChoi => "Không được kết nạp",
            Stage::RutKhoiDanhSach => "Rút khỏi danh sách",
            Stage::ChuyenDi => "Đã chuyển đi",
            Stage::XoaTenDuBi => "Xóa tên đảng viên dự bị",
            Stage::HuyQuyetDinh => "Hủy quyết định kết nạp",
        }
    }

    /// No further step is possible.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::ChinhThuc | Stage::BiTuChoi | Stage::RutKhoiDanhSach | Stage::ChuyenDi | Stage::XoaTenDuBi | Stage::HuyQuyetDinh
        )
    }

    /// Still followed by the ward (not final).
    pub fn is_active(self) -> bool {
        !self.is_final()
    }

    /// Position on the main path, if on it.
    pub fn position(self) -> Option<usize> {
        Self::MAIN_PATH.iter().position(|s| *s == self)
    }
}

enum_with_all! {
    /// The kinds of step (transitions) of docs/domain.md §2.2, named for the history, declared in
    /// pipeline order (the order of `ALL`, of the next-step choice). Each has a matching
    /// `Action` (`crate::pipeline::Action`) carrying the data it records, and one description
    /// of what it is and does (`Step::spec`, in `crate::pipeline`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Step {
        /// NGUON: added to the source pool (quần chúng ưu tú).
        AddToSourcePool,
        /// T1: cell resolution → CAM_TINH.
        RecogniseSympathiser,
        /// T2: proposed for the awareness class → DE_NGHI_HOC.
        ProposeClass,
        /// T2: certificate → DA_HOC (later: a new certificate after retaking the class, R-CERT).
        RecordCertificate,
        /// T3: permission to start the admission procedure → DUOC_LAM_THU_TUC.
        GrantPermission,
        /// T4: application, CV, introduction → LAP_HO_SO.
        OpenDossier,
        /// R-DOCAGE: dossier documents redone after 12 months (introductions, union resolution,
        /// supplementary verification and opinions); the 12 months count again from it.
        RenewDossier,
        /// T5: verification request sent → THAM_TRA.
        SendVerification,
        /// T5: verification reply received.
        ReturnVerification,
        /// T6: CV certified → CHUNG_NHAN_LY_LICH.
        CertifyCv,
        /// T7: opinions collected → LAY_Y_KIEN.
        CollectOpinions,
        /// T8: cell vote → CHI_BO_XET or KHONG_DAT.
        CellVote,
        /// Dossier sent up to the ward → CHO_QUYET_DINH.
        SendUp,
        /// T9: grassroots committee vote (cells inside a đảng bộ cơ sở) → DANG_UY_CO_SO_XET.
        GrassrootsVote,
        /// T10: admission decision → DA_CO_QUYET_DINH or BI_TU_CHOI.
        Decide,
        /// The cell received the decision (starts the ceremony timer).
        ReceiveDecision,
        /// T11: ceremony → DU_BI.
        HoldCeremony,
        /// T12: member records, database entry, new-member class.
        RecordAfterAdmission,
        /// T13: self-review after the 12 months → XET_CHINH_THUC.
        StartRecognition,
        /// T13: cell vote on recognition.
        RecognitionCellVote,
        /// T13: grassroots committee vote on recognition.
        RecognitionGrassrootsVote,
        /// T14: recognition decision → CHINH_THUC.
        RecognitionDecision,
        /// T15: cell vote on a proposal to strike a probationary member off.
        StrikeOffCellVote,
        /// T15: grassroots committee vote on a proposal to strike off.
        StrikeOffGrassrootsVote,
        /// T15: strike-off decision → XOA_TEN_DU_BI.
        StrikeOff,
        /// Exit: removed from the sympathiser list → RUT_KHOI_DANH_SACH.
        Withdraw,
        /// T17: moved away → CHUYEN_DI.
        MoveAway,
        /// T18: admission decision cancelled → HUY_QUYET_DINH.
        CancelDecision,
    }
}

/// Why a step counts as late: its legal deadline and the rule that sets it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lateness {
    #[serde(deserialize_with = "super::iso::date")]
    pub deadline: NaiveDate,
    /// Rule key, e.g. "R-294 §4.3.1".
    pub rule: String,
}

/// One entry of a candidate's pipeline history. A step done late is allowed but recorded as
/// late (issue: "A step done late is allowed but recorded as late").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    pub step: Step,
    /// The legal date of the step (resolution date, ceremony date …).
    #[serde(deserialize_with = "super::iso::date")]
    pub date: NaiveDate,
    pub from: Stage,
    pub to: Stage,
    /// Id of the rule set that applied on `date`, e.g. "2025".
    pub rule_set: String,
    /// When the user recorded it.
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub recorded_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late: Option<Lateness>,
    /// Codes of the warnings the user confirmed to go ahead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::{Stage, Step};

    /// `ALL` is made with the enum (`enum_with_all!`), so it cannot miss a variant; this pins
    /// that it holds each once, in declaration order.
    #[test]
    fn all_lists_every_variant_once_in_declaration_order() {
        for (i, s) in Stage::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i, "{s:?}");
        }
        for (i, s) in Step::ALL.into_iter().enumerate() {
            assert_eq!(s as usize, i, "{s:?}");
        }
        assert_eq!((Stage::ALL.len(), Step::ALL.len()), (22, 28));
        // The main path is the first stages, in order.
        assert_eq!(Stage::MAIN_PATH[..], Stage::ALL[..Stage::MAIN_PATH.len()]);
    }
}
