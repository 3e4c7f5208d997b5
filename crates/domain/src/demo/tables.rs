//! The demo ward's fixed data, as tables (docs/domain.md §4.1–4.3). Every person and the ward, the
//! schools, the enterprise and the former city are invented; only the province (Thái Nguyên,
//! required by the brief) and generic place words are real.

use crate::model::{CellKind, Ethnicity};

pub(super) const WARD_ID: &str = "dbp-hoa-an";
pub(super) const WARD_NAME: &str = "Hòa An";
pub(super) const WARD_COMMITTEE: &str = "Đảng ủy phường Hòa An";
/// The ward's superior since 01/7/2025 (R-294 §10.1–10.2).
pub(super) const SUPERIOR: &str = "Tỉnh ủy Thái Nguyên";
/// The district-level city that decided admissions before 01/7/2025 (invented name;
/// docs/domain.md §2.4 "Who decides admission … 2016–2025").
pub(super) const OLD_SUPERIOR: &str = "Thành ủy Hòa Giang";
/// Invented deputy secretary who signed the old city's decisions.
pub(super) const OLD_CITY_SIGNER: &str = "Hà Văn Khiêm";
/// Ward party secretary of the 2020–2025 term (signed before 01/7/2025).
pub(super) const OLD_WARD_SECRETARY: &str = "Trịnh Xuân Bảo";
/// Secretary of the grassroots party committee that contains the T9 cell.
pub(super) const GRASSROOTS_SECRETARY: &str = "Phan Thị Thu Hiền";
/// Members of that grassroots committee (the T9 vote denominator).
pub(super) const GRASSROOTS_COMMITTEE_SIZE: u32 = 7;
pub(super) const OLD_CENTRE: &str = "Trung tâm Chính trị thành phố Hòa Giang";
pub(super) const NEW_CENTRE: &str = "Trung tâm Chính trị phường Hòa An";
pub(super) const CLASS_VENUE: &str = "Hội trường Đảng ủy phường Hòa An";
/// Province letters of the member record number ("000123TN", docs/domain.md §1.3).
pub(super) const PROVINCE_CODE: &str = "TN";

/// Ward committee (Ban Chấp hành) of 15, with the first 7 the Standing Committee
/// (docs/domain.md §4.1 last paragraph). Invented names.
pub(super) const COMMITTEE: [(&str, &str); 15] = [
    ("Lương Văn Quyết", "Bí thư Đảng ủy phường"),
    ("Trần Thị Minh Nguyệt", "Phó Bí thư Thường trực Đảng ủy"),
    ("Đặng Quang Huy", "Phó Bí thư Đảng ủy, Chủ tịch UBND phường"),
    ("Vũ Thị Hải Yến", "Ủy viên BTV, Trưởng Ban Xây dựng Đảng"),
    ("Phạm Đức Toàn", "Ủy viên BTV, Chủ nhiệm Ủy ban Kiểm tra"),
    ("Hoàng Văn Lộc", "Ủy viên BTV, Chủ tịch Ủy ban MTTQ phường"),
    ("Ngô Thị Kim Dung", "Ủy viên BTV, Phó Chủ tịch UBND phường"),
    ("Bùi Xuân Trường", "Đảng ủy viên, Chỉ huy trưởng Quân sự phường"),
    ("Đinh Công Thuận", "Đảng ủy viên, Trưởng Công an phường"),
    ("Lê Thị Phương Thảo", "Đảng ủy viên, Bí thư Đoàn phường"),
    ("Mai Hữu Nghĩa", "Đảng ủy viên, Phó Trưởng Ban Xây dựng Đảng"),
    ("Dương Thị Thanh Tâm", "Đảng ủy viên, Chủ tịch Hội LHPN phường"),
    ("Tạ Quang Vinh", "Đảng ủy viên, Chủ tịch Hội CCB phường"),
    ("Nông Văn Thịnh", "Đảng ủy viên, Chánh Văn phòng Đảng ủy"),
    ("Cao Thị Lan Phương", "Đảng ủy viên, Phó Chủ tịch Ủy ban MTTQ phường"),
];
pub(super) const WARD_SECRETARY: usize = 0;
pub(super) const WARD_DEPUTY: usize = 1;
pub(super) const YOUTH_SECRETARY: usize = 9;
/// Members of the ward Standing Committee (BTV) after 2025; the old city's had 13.
pub(super) const BTV_SIZE: u32 = 7;
pub(super) const OLD_BTV_SIZE: u32 = 13;

/// Residential cells TDP01…TDP21: members at the start of the current year (sum 1,495; TDP16
/// has 119 as in S1's example) and the committee member in charge (index into COMMITTEE).
pub(super) const RESIDENTIAL: [(u32, usize); 21] = [
    (78, 1),
    (64, 1),
    (85, 3),
    (52, 3),
    (112, 2),
    (70, 4),
    (47, 4),
    (91, 5),
    (58, 5),
    (66, 7),
    (74, 8),
    (39, 9),
    (83, 10),
    (61, 10),
    (55, 11),
    (119, 0),
    (72, 12),
    (44, 12),
    (68, 13),
    (80, 14),
    (77, 14),
];

/// How the non-residential cells recruit (drives the candidates' profiles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Profile {
    Residential,
    PartyOffice,
    Government,
    Military,
    Police,
    Preschool,
    School,
    /// The high school: teachers and "Đảng viên tuổi 18" students (S4).
    HighSchool,
    Health,
    Enterprise,
}

pub(super) struct OtherCell {
    pub code: &'static str,
    pub id: &'static str,
    pub name: &'static str,
    pub kind: CellKind,
    pub profile: Profile,
    pub members: u32,
    pub in_charge: usize,
    pub venue: &'static str,
    /// Admission weight (the residential cells weigh their target, 1 or 2).
    pub weight: u32,
    /// Name of the grassroots party organisation when the cell sits inside one (T9).
    pub grassroots: Option<&'static str>,
}

/// The ten cells of agencies, armed forces, schools, health and enterprise (docs/domain.md §4.1),
/// all with a target of 2 a year. The high-school cell sits inside the school's grassroots
/// party organisation (≥ 30 members makes a đảng bộ cơ sở, R-HN I.1.2), so its candidates
/// pass the grassroots committee vote (T9).
pub(super) const OTHER_CELLS: [OtherCell; 10] = [
    OtherCell {
        code: "CQD",
        id: "cb-cqd",
        name: "Chi bộ Cơ quan Đảng – Mặt trận – đoàn thể phường",
        kind: CellKind::CoQuanDang,
        profile: Profile::PartyOffice,
        members: 30,
        in_charge: 0,
        venue: "Hội trường Đảng ủy phường",
        weight: 2,
        grassroots: None,
    },
    OtherCell {
        code: "UBND",
        id: "cb-ubnd",
        name: "Chi bộ Ủy ban nhân dân phường",
        kind: CellKind::ChinhQuyen,
        profile: Profile::Government,
        members: 35,
        in_charge: 2,
        venue: "Hội trường Ủy ban nhân dân phường",
        weight: 2,
        grassroots: None,
    },
    OtherCell {
        code: "QS",
        id: "cb-qs",
        name: "Chi bộ Quân sự phường",
        kind: CellKind::QuanSu,
        profile: Profile::Military,
        members: 12,
        in_charge: 7,
        venue: "Ban Chỉ huy Quân sự phường",
        // A small cell (≈ 12): one militia member a year is planned apart, sometimes two.
        weight: 1,
        grassroots: None,
    },
    OtherCell {
        code: "CA",
        id: "cb-ca",
        name: "Chi bộ Công an phường",
        kind: CellKind::CongAn,
        profile: Profile::Police,
        members: 25,
        in_charge: 8,
        venue: "Trụ sở Công an phường",
        weight: 2,
        grassroots: None,
    },
    OtherCell {
        code: "MN",
        id: "cb-mn",
        name: "Chi bộ Trường Mầm non Hoa Sen",
        kind: CellKind::TruongHoc,
        profile: Profile::Preschool,
        members: 14,
        in_charge: 6,
        venue: "Trường Mầm non Hoa Sen",
        weight: 2,
        grassroots: None,
    },
    OtherCell {
        code: "TH",
        id: "cb-th",
        name: "Chi bộ Trường Tiểu học Hòa An",
        kind: CellKind::TruongHoc,
        profile: Profile::School,
        members: 20,
        in_charge: 6,
        venue: "Trường Tiểu học Hòa An",
        weight: 2,
        grassroots: None,
    },
    OtherCell {
        code: "THCS",
        id: "cb-thcs",
        name: "Chi bộ Trường THCS Hòa An",
        kind: CellKind::TruongHoc,
        profile: Profile::School,
        members: 24,
        in_charge: 9,
        venue: "Trường THCS Hòa An",
        weight: 2,
        grassroots: None,
    },
    OtherCell {
        code: "THPT",
        id: "cb-thpt",
        name: "Chi bộ Trường THPT Lê Quý Đôn",
        kind: CellKind::TruongHoc,
        profile: Profile::HighSchool,
        members: 40,
        in_charge: 3,
        venue: "Hội trường Trường THPT Lê Quý Đôn",
        // Teachers; the students are planned apart (plans.rs).
        weight: 2,
        grassroots: Some("Đảng bộ Trường THPT Lê Quý Đôn"),
    },
    OtherCell {
        code: "TYT",
        id: "cb-tyt",
        name: "Chi bộ Trạm Y tế phường",
        kind: CellKind::YTe,
        profile: Profile::Health,
        members: 10,
        in_charge: 11,
        venue: "Trạm Y tế phường",
        weight: 2,
        grassroots: None,
    },
    OtherCell {
        code: "BBHA",
        id: "cb-bbha",
        name: "Chi bộ Công ty cổ phần Bao bì Hòa An",
        kind: CellKind::DoanhNghiepNgoaiNhaNuoc,
        profile: Profile::Enterprise,
        members: 15,
        in_charge: 13,
        venue: "Văn phòng Công ty cổ phần Bao bì Hòa An",
        weight: 2,
        grassroots: None,
    },
];

// ---- Names (docs/domain.md §4.2) ----

/// Kinh family names with rough weights (percent).
pub(super) const FAMILY_KINH: [(&str, u32); 22] = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 1),
    ("Vũ", 3),
    ("Võ", 1),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lý", 1),
    ("Phan", 2),
    ("Hồ", 1),
    ("Đinh", 2),
    ("Trịnh", 1),
    ("Mai", 1),
    ("Cao", 1),
    ("Lương", 1),
    ("Tạ", 1),
];
pub(super) const FAMILY_TAY_NUNG: [&str; 7] = ["Hoàng", "Nông", "Lương", "Ma", "Lục", "Hà", "Triệu"];
pub(super) const FAMILY_DAO: [&str; 4] = ["Triệu", "Bàn", "Đặng", "Lý"];
pub(super) const FAMILY_SAN_DIU: [&str; 4] = ["Diệp", "Lâm", "Trương", "Tạ"];
pub(super) const FAMILY_SAN_CHAY: [&str; 4] = ["Hoàng", "La", "Lý", "Trần"];
pub(super) const FAMILY_HOA: [&str; 4] = ["Lâm", "Trương", "Quách", "Lưu"];
pub(super) const FAMILY_MUONG: [&str; 4] = ["Bùi", "Đinh", "Quách", "Hà"];

pub(super) const MIDDLE_MALE: [&str; 9] = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Tiến", "Xuân", "Thành", "Công"];
/// Without "Thị", which is drawn separately (less often for young women, docs/domain.md §4.2).
pub(super) const MIDDLE_FEMALE: [&str; 8] = ["Thu", "Ngọc", "Thanh", "Hồng", "Phương", "Minh", "Bảo", "Khánh"];
pub(super) const GIVEN_MALE: [&str; 25] = [
    "Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Sơn", "Thắng", "Cường", "Hiếu", "Duy", "Khoa", "Phúc", "Quân", "Trung", "Đạt", "Bình",
    "Khánh", "Thịnh", "Vinh", "Huy", "Kiên", "Lâm", "Tùng", "Việt",
];
pub(super) const GIVEN_FEMALE: [&str; 25] = [
    "Lan", "Hương", "Hà", "Trang", "Linh", "Huyền", "Ngân", "Thảo", "Mai", "Yến", "Nhung", "Vy", "Anh", "Hạnh", "Quyên", "Thủy", "Hoa",
    "Nga", "Giang", "Loan", "Duyên", "Hằng", "Oanh", "Chi", "Thư",
];

/// Names of well-known public figures that the generator could otherwise produce: never used.
pub(super) const FAMOUS: [&str; 40] = [
    "Nguyễn Xuân Phúc",
    "Nguyễn Văn Thắng",
    "Nguyễn Văn Hùng",
    "Trần Đức Thắng",
    "Trần Văn Sơn",
    "Nguyễn Văn Bình",
    "Nguyễn Đức Hải",
    "Lê Minh Hưng",
    "Đỗ Văn Chiến",
    "Trần Thanh Mẫn",
    "Phạm Minh Chính",
    "Tô Lâm",
    "Nguyễn Văn Nên",
    "Lê Thành Long",
    "Nguyễn Thị Hồng",
    "Võ Văn Thưởng",
    "Nguyễn Minh Triết",
    "Nguyễn Tấn Dũng",
    "Trương Tấn Sang",
    "Lương Cường",
    "Phan Văn Giang",
    "Nguyễn Hòa Bình",
    "Bùi Thanh Sơn",
    "Nguyễn Thị Kim Ngân",
    "Vương Đình Huệ",
    "Trần Hồng Hà",
    "Hồ Đức Phớc",
    "Lê Minh Khái",
    "Nguyễn Chí Dũng",
    "Nguyễn Mạnh Hùng",
    "Nguyễn Kim Sơn",
    "Đào Ngọc Dung",
    "Nguyễn Văn Thể",
    "Trần Quốc Vượng",
    "Nguyễn Văn Linh",
    "Lê Văn Thành",
    "Nguyễn Thanh Long",
    "Đinh Tiến Dũng",
    "Nguyễn Duy Ngọc",
    "Võ Nguyên Giáp",
];

/// Ethnic mix of new admissions for a Thái Nguyên-type ward (docs/domain.md §4.1): 88 % Kinh,
/// 6 % Tày, 3 % Nùng, 3 % Sán Dìu/Dao/Sán Chay/Hoa/Mường (codes of §4.3).
pub(super) const ETHNIC_MIX: [(Ethnicity, u32); 8] = [
    (Ethnicity(1), 880),
    (Ethnicity(2), 60),
    (Ethnicity(7), 30),
    (Ethnicity(18), 10),
    (Ethnicity(9), 6),
    (Ethnicity(15), 5),
    (Ethnicity(4), 5),
    (Ethnicity(6), 4),
];

// ---- Places (invented or generic) ----

/// Committees asked to verify relatives' CVs (T5).
pub(super) const VERIFY_PLACES: [&str; 10] = [
    "Đảng ủy xã Tân Thịnh, tỉnh Thái Nguyên",
    "Đảng ủy xã Phúc Hà, tỉnh Thái Nguyên",
    "Đảng ủy phường Đồng Tiến, tỉnh Thái Nguyên",
    "Đảng ủy xã Minh Đức, tỉnh Tuyên Quang",
    "Đảng ủy xã Yên Lạc, tỉnh Phú Thọ",
    "Đảng ủy phường Bình Minh, tỉnh Bắc Ninh",
    "Đảng ủy xã Hợp Thành, tỉnh Thái Nguyên",
    "Đảng ủy xã Thịnh Đức, tỉnh Lạng Sơn",
    "Đảng ủy phường Quang Vinh, thành phố Hà Nội",
    "Đảng ủy xã Kim Phượng, tỉnh Cao Bằng",
];
pub(super) const VERIFY_ABROAD: &str = "Đảng ủy Ngoài nước (Chi bộ tại Hàn Quốc)";
/// Residences outside the ward, for workplace cells' candidates.
pub(super) const OUTSIDE_RESIDENCES: [&str; 5] =
    ["Phường Đồng Tiến", "Xã Tân Thịnh", "Xã Phúc Hà", "Phường Bình Minh (tỉnh Bắc Ninh)", "Xã Hợp Thành"];
/// Where movers went (T17).
pub(super) const MOVE_DESTINATIONS: [&str; 5] = [
    "Đảng ủy phường Đồng Tiến, tỉnh Thái Nguyên",
    "Đảng ủy xã Tân Thịnh, tỉnh Thái Nguyên",
    "Đảng bộ Công ty TNHH Điện tử Minh Long, tỉnh Bắc Ninh",
    "Đảng ủy phường Quang Vinh, thành phố Hà Nội",
    "Đảng bộ Trường Đại học Sư phạm (cơ sở 2)",
];
pub(super) const WITHDRAW_REASONS: [&str; 4] = [
    "Đi làm ăn xa, không tiếp tục phấn đấu",
    "Không còn đủ tiêu chuẩn cảm tình Đảng",
    "Xin rút vì hoàn cảnh gia đình",
    "Đi học dài hạn ở nước ngoài",
];
