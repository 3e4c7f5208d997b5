//! The dropdown categories of docs/domain.md §3.2 and §4.3, stored as stable codes and shown with
//! their Vietnamese labels.

use serde::{Deserialize, Serialize};

/// Giới tính.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Nam,
    Nu,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Nam, Sex::Nu];
    pub fn label(self) -> &'static str {
        match self {
            Sex::Nam => "Nam",
            Sex::Nu => "Nữ",
        }
    }
}

/// An ethnic group by its statistical code (docs/domain.md §4.3): 1–54 the 54 groups in the
/// General Statistics Office order, 55 "Dân tộc khác", 56 "Người nước ngoài nhập quốc tịch"
/// (foreign nationals naturalised; only a Vietnamese citizen can be admitted, R-294 §1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ethnicity(pub u8);

/// Modern spellings, index = code − 1 (docs/domain.md §4.3, bracketed spellings preferred).
const ETHNIC_GROUPS: [&str; 56] = [
    "Kinh",
    "Tày",
    "Thái",
    "Hoa",
    "Khmer",
    "Mường",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ngái",
    "Ê Đê",
    "Ba Na",
    "Xơ Đăng",
    "Sán Chay",
    "Cơ Ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "M'Nông",
    "Raglay",
    "X'Tiêng",
    "Bru-Vân Kiều",
    "Thổ",
    "Giáy",
    "Cơ Tu",
    "Giẻ Triêng",
    "Mạ",
    "Khơ Mú",
    "Co",
    "Tà Ôi",
    "Chơ Ro",
    "Kháng",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "La Ha",
    "Phù Lá",
    "La Hủ",
    "Lự",
    "Lô Lô",
    "Chứt",
    "Mảng",
    "Pà Thẻn",
    "Cơ Lao",
    "Cống",
    "Bố Y",
    "Si La",
    "Pu Péo",
    "Brâu",
    "Ơ Đu",
    "Rơ Măm",
    "Dân tộc khác",
    "Người nước ngoài nhập quốc tịch",
];

impl Ethnicity {
    pub const KINH: Ethnicity = Ethnicity(1);
    pub const OTHER: Ethnicity = Ethnicity(55);
    pub const FOREIGN: Ethnicity = Ethnicity(56);

    /// All codes in statistical order.
    pub fn all() -> impl Iterator<Item = Ethnicity> {
        (1..=56u8).map(Ethnicity)
    }
    pub fn is_valid(self) -> bool {
        (1..=56).contains(&self.0)
    }
    /// The name shown, or "Không rõ" for an unknown code.
    pub fn label(self) -> &'static str {
        ETHNIC_GROUPS.get(usize::from(self.0).wrapping_sub(1)).copied().unwrap_or("Không rõ")
    }
    /// An ethnic minority for the statistics (not Kinh, not foreign).
    pub fn is_minority(self) -> bool {
        self.is_valid() && self != Self::KINH && self != Self::FOREIGN
    }
}

/// Religion (tôn giáo): "Không" or the religion's name (R-38 §1.4(9)); free text with a list of
/// common choices [U].
pub const RELIGIONS: [&str; 8] = ["Không", "Phật giáo", "Công giáo", "Tin Lành", "Cao Đài", "Phật giáo Hòa Hảo", "Hồi giáo", "Khác"];

/// Occupation: the rows of II.1 "Nghề nghiệp" of Biểu 2-BTCTW (docs/domain.md §3.2;
/// ../shared/REPORTS.md §2), row 7 split into its three sub-rows. Codes are stable; the labels are
/// the form's 2025 wording and a ward may override them ([`crate::model::WardSettings::form_labels`]) [U].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occupation {
    /// 1. State organs.
    CongChucNhaNuoc,
    /// 2. Party organs, the Front and the socio-political organisations.
    CongChucDangDoanThe,
    /// 3. The ward's (commune's) own staff, incl. its non-specialised staff.
    CanBoCapXa,
    /// 4. Non-specialised staff of a village or residential group.
    KhongChuyenTrachThon,
    /// 5. Public service units.
    VienChuc,
    /// 6. Non-public service units.
    SuNghiepNgoaiCongLap,
    /// 7a. Enterprise leaders and managers.
    QuanLyDoanhNghiep,
    /// 7b. Enterprise staff not in direct production.
    NhanVienDoanhNghiep,
    /// 7c. Workers in direct production.
    CongNhanDoanhNghiep,
    /// 8. Farming, forestry, fishing.
    NongLamNgu,
    /// 9. Army and police officers and soldiers.
    LucLuongVuTrang,
    /// 10. University and college students.
    SinhVien,
    /// 11. School pupils.
    HocSinh,
    /// 12. Other (contract work, self-employed …).
    Khac,
}

/// The key of row 7's heading in [`crate::model::WardSettings::form_labels`].
pub const ENTERPRISE_HEADING_KEY: &str = "doanh_nghiep";
/// Row 7's heading on Biểu 2-BTCTW.
pub const ENTERPRISE_HEADING: &str = "Lãnh đạo, quản lý và lao động trong các doanh nghiệp, chia ra:";

impl Occupation {
    pub const ALL: [Occupation; 14] = [
        Occupation::CongChucNhaNuoc,
        Occupation::CongChucDangDoanThe,
        Occupation::CanBoCapXa,
        Occupation::KhongChuyenTrachThon,
        Occupation::VienChuc,
        Occupation::SuNghiepNgoaiCongLap,
        Occupation::QuanLyDoanhNghiep,
        Occupation::NhanVienDoanhNghiep,
        Occupation::CongNhanDoanhNghiep,
        Occupation::NongLamNgu,
        Occupation::LucLuongVuTrang,
        Occupation::SinhVien,
        Occupation::HocSinh,
        Occupation::Khac,
    ];
    /// The form's wording (REPORTS.md §2), which a ward may override.
    pub fn label(self) -> &'static str {
        match self {
            Occupation::CongChucNhaNuoc => "Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên",
            Occupation::CongChucDangDoanThe => {
                "Cán bộ, công chức cơ quan Đảng, MTTQ, đoàn thể chính trị - xã hội tính từ cấp huyện trở lên"
            }
            Occupation::CanBoCapXa => "Cán bộ, công chức; người hoạt động không chuyên trách ở xã, phường, thị trấn",
            Occupation::KhongChuyenTrachThon => "Người hoạt động không chuyên trách ở thôn, tổ dân phố",
            Occupation::VienChuc => "Viên chức trong các đơn vị sự nghiệp công lập",
            Occupation::SuNghiepNgoaiCongLap => "Người lao động trong các đơn vị sự nghiệp ngoài công lập",
            Occupation::QuanLyDoanhNghiep => "Người lãnh đạo, quản lý doanh nghiệp",
            Occupation::NhanVienDoanhNghiep => "Nhân viên, người lao động gián tiếp sản xuất",
            Occupation::CongNhanDoanhNghiep => "Công nhân, lao động trực tiếp sản xuất",
            Occupation::NongLamNgu => "Người làm nông, lâm, ngư nghiệp",
            Occupation::LucLuongVuTrang => "Sĩ quan, chiến sĩ quân đội và công an (lực lượng vũ trang)",
            Occupation::SinhVien => "Sinh viên",
            Occupation::HocSinh => "Học sinh",
            Occupation::Khac => "Khác (lao động hợp đồng, tự do …)",
        }
    }
    /// The stable code, as stored ("cong_chuc_nha_nuoc"), also the key of a ward's label override.
    pub fn code(self) -> &'static str {
        match self {
            Occupation::CongChucNhaNuoc => "cong_chuc_nha_nuoc",
            Occupation::CongChucDangDoanThe => "cong_chuc_dang_doan_the",
            Occupation::CanBoCapXa => "can_bo_cap_xa",
            Occupation::KhongChuyenTrachThon => "khong_chuyen_trach_thon",
            Occupation::VienChuc => "vien_chuc",
            Occupation::SuNghiepNgoaiCongLap => "su_nghiep_ngoai_cong_lap",
            Occupation::QuanLyDoanhNghiep => "quan_ly_doanh_nghiep",
            Occupation::NhanVienDoanhNghiep => "nhan_vien_doanh_nghiep",
            Occupation::CongNhanDoanhNghiep => "cong_nhan_doanh_nghiep",
            Occupation::NongLamNgu => "nong_lam_ngu",
            Occupation::LucLuongVuTrang => "luc_luong_vu_trang",
            Occupation::SinhVien => "sinh_vien",
            Occupation::HocSinh => "hoc_sinh",
            Occupation::Khac => "khac",
        }
    }
    /// The row number on the form: "1" … "12", the enterprise sub-rows "7a", "7b", "7c".
    pub fn number(self) -> &'static str {
        match self {
            Occupation::CongChucNhaNuoc => "1",
            Occupation::CongChucDangDoanThe => "2",
            Occupation::CanBoCapXa => "3",
            Occupation::KhongChuyenTrachThon => "4",
            Occupation::VienChuc => "5",
            Occupation::SuNghiepNgoaiCongLap => "6",
            Occupation::QuanLyDoanhNghiep => "7a",
            Occupation::NhanVienDoanhNghiep => "7b",
            Occupation::CongNhanDoanhNghiep => "7c",
            Occupation::NongLamNgu => "8",
            Occupation::LucLuongVuTrang => "9",
            Occupation::SinhVien => "10",
            Occupation::HocSinh => "11",
            Occupation::Khac => "12",
        }
    }
    /// One of row 7's sub-rows (enterprises).
    pub fn in_enterprise(self) -> bool {
        matches!(self, Occupation::QuanLyDoanhNghiep | Occupation::NhanVienDoanhNghiep | Occupation::CongNhanDoanhNghiep)
    }
}

/// Chức danh khoa học (Biểu 2-BTCTW II.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcademicTitle {
    PhoGiaoSu,
    GiaoSu,
}

impl AcademicTitle {
    pub const ALL: [AcademicTitle; 2] = [AcademicTitle::PhoGiaoSu, AcademicTitle::GiaoSu];
    pub fn label(self) -> &'static str {
        match self {
            AcademicTitle::PhoGiaoSu => "Phó Giáo sư",
            AcademicTitle::GiaoSu => "Giáo sư",
        }
    }
}

/// Source organisations (nguồn) that introduce outstanding people (docs/domain.md §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceOrg {
    DoanThanhNien,
    HoiPhuNu,
    HoiNongDan,
    HoiCuuChienBinh,
    CongDoan,
    MatTran,
    DanQuanTuVe,
    DuBiDongVien,
    QuanNhanXuatNgu,
    HocSinhThpt,
    SinhVien,
    YTeThonBan,
    CanBoKhongChuyenTrach,
    ChuDoanhNghiep,
    Khac,
}

impl SourceOrg {
    pub const ALL: [SourceOrg; 15] = [
        SourceOrg::DoanThanhNien,
        SourceOrg::HoiPhuNu,
        SourceOrg::HoiNongDan,
        SourceOrg::HoiCuuChienBinh,
        SourceOrg::CongDoan,
        SourceOrg::MatTran,
        SourceOrg::DanQuanTuVe,
        SourceOrg::DuBiDongVien,
        SourceOrg::QuanNhanXuatNgu,
        SourceOrg::HocSinhThpt,
        SourceOrg::SinhVien,
        SourceOrg::YTeThonBan,
        SourceOrg::CanBoKhongChuyenTrach,
        SourceOrg::ChuDoanhNghiep,
        SourceOrg::Khac,
    ];
    pub fn label(self) -> &'static str {
        match self {
            SourceOrg::DoanThanhNien => "Đoàn Thanh niên",
            SourceOrg::HoiPhuNu => "Hội Liên hiệp Phụ nữ",
            SourceOrg::HoiNongDan => "Hội Nông dân",
            SourceOrg::HoiCuuChienBinh => "Hội Cựu chiến binh",
            SourceOrg::CongDoan => "Công đoàn",
            SourceOrg::MatTran => "Mặt trận Tổ quốc",
            SourceOrg::DanQuanTuVe => "Dân quân tự vệ",
            SourceOrg::DuBiDongVien => "Dự bị động viên",
            SourceOrg::QuanNhanXuatNgu => "Quân nhân hoàn thành nghĩa vụ",
            SourceOrg::HocSinhThpt => "Học sinh THPT",
            SourceOrg::SinhVien => "Sinh viên, học sinh trung cấp",
            SourceOrg::YTeThonBan => "Y tế thôn, tổ dân phố",
            SourceOrg::CanBoKhongChuyenTrach => "Cán bộ không chuyên trách",
            SourceOrg::ChuDoanhNghiep => "Chủ doanh nghiệp",
            SourceOrg::Khac => "Khác",
        }
    }
}

/// General schooling as written on the CV, e.g. "12/12" or "7/10" (R-38 §1.4(11)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GeneralEducation {
    /// Highest grade completed (0 = none).
    pub grade: u8,
    /// The school system: 12 (since 1981) or 10 (the older northern system).
    pub system: u8,
}

/// School level reached, for R-EDU (docs/domain.md §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolLevel {
    None,
    /// Completed primary school (tốt nghiệp tiểu học).
    Primary,
    /// Completed lower secondary (tốt nghiệp THCS).
    LowerSecondary,
    /// Completed upper secondary (tốt nghiệp THPT).
    UpperSecondary,
}

impl GeneralEducation {
    pub fn level(self) -> SchoolLevel {
        let (primary, lower, upper) = if self.system == 10 { (4, 7, 10) } else { (5, 9, 12) };
        match self.grade {
            g if g >= upper => SchoolLevel::UpperSecondary,
            g if g >= lower => SchoolLevel::LowerSecondary,
            g if g >= primary => SchoolLevel::Primary,
            _ => SchoolLevel::None,
        }
    }
    /// "12/12".
    pub fn label(self) -> String {
        format!("{}/{}", self.grade, self.system)
    }
}

/// Professional qualification (chuyên môn nghiệp vụ), R-38 §1.4(11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualification {
    SoCap,
    TrungCap,
    CaoDang,
    DaiHoc,
    ThacSi,
    TienSi,
}

impl Qualification {
    pub const ALL: [Qualification; 6] = [
        Qualification::SoCap,
        Qualification::TrungCap,
        Qualification::CaoDang,
        Qualification::DaiHoc,
        Qualification::ThacSi,
        Qualification::TienSi,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Qualification::SoCap => "Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp",
            Qualification::TrungCap => "Trung cấp",
            Qualification::CaoDang => "Cao đẳng",
            Qualification::DaiHoc => "Đại học",
            Qualification::ThacSi => "Thạc sĩ",
            Qualification::TienSi => "Tiến sĩ",
        }
    }
}

/// Where the education exception of R-EDU applies (R-294 §1.2; R-06 §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaException {
    /// Mountainous, border, island, ethnic-minority or extremely difficult area, or a fisherman
    /// working at sea: completed primary school suffices.
    DifficultArea,
    /// Village elder, head or prestigious person in such an area: must read and write
    /// Vietnamese, and needs the provincial Standing Committee's written consent.
    VillageElder,
}

impl AreaException {
    pub fn label(self) -> &'static str {
        match self {
            AreaException::DifficultArea => {
                "Vùng cao, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn hoặc ngư dân"
            }
            AreaException::VillageElder => "Già làng, trưởng bản, người có uy tín ở vùng đặc biệt khó khăn",
        }
    }
}

/// Target groups followed separately in the reports (docs/domain.md §3.2–3.3; the "Đảng viên tuổi
/// 18" model for high-school students, S4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetGroup {
    HocSinhThpt,
    SinhVien,
    QuanNhanXuatNgu,
    DanQuanTuVe,
    ChuDoanhNghiep,
    NguoiCoDao,
}

impl TargetGroup {
    pub const ALL: [TargetGroup; 6] = [
        TargetGroup::HocSinhThpt,
        TargetGroup::SinhVien,
        TargetGroup::QuanNhanXuatNgu,
        TargetGroup::DanQuanTuVe,
        TargetGroup::ChuDoanhNghiep,
        TargetGroup::NguoiCoDao,
    ];
    pub fn label(self) -> &'static str {
        match self {
            TargetGroup::HocSinhThpt => "Học sinh THPT",
            TargetGroup::SinhVien => "Sinh viên",
            TargetGroup::QuanNhanXuatNgu => "Quân nhân xuất ngũ",
            TargetGroup::DanQuanTuVe => "Dân quân tự vệ",
            TargetGroup::ChuDoanhNghiep => "Chủ doanh nghiệp tư nhân",
            TargetGroup::NguoiCoDao => "Người có đạo",
        }
    }
}
