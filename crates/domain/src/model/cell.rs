//! Party cells (chi bộ), docs/domain.md §1.1, §3.1, §3.2.

use super::{CellId, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Cell types (docs/domain.md §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// Tổ dân phố / khu dân cư / thôn.
    KhuDanCu,
    /// Cơ quan Đảng – Mặt trận – đoàn thể.
    CoQuanDang,
    /// Cơ quan chính quyền (Ủy ban nhân dân).
    ChinhQuyen,
    QuanSu,
    CongAn,
    TruongHoc,
    YTe,
    DoanhNghiepNhaNuoc,
    DoanhNghiepNgoaiNhaNuoc,
    HopTacXa,
    Khac,
}

impl CellKind {
    pub const ALL: [CellKind; 11] = [
        CellKind::KhuDanCu,
        CellKind::CoQuanDang,
        CellKind::ChinhQuyen,
        CellKind::QuanSu,
        CellKind::CongAn,
        CellKind::TruongHoc,
        CellKind::YTe,
        CellKind::DoanhNghiepNhaNuoc,
        CellKind::DoanhNghiepNgoaiNhaNuoc,
        CellKind::HopTacXa,
        CellKind::Khac,
    ];
    pub fn label(self) -> &'static str {
        match self {
            CellKind::KhuDanCu => "Tổ dân phố, khu dân cư",
            CellKind::CoQuanDang => "Cơ quan Đảng, Mặt trận, đoàn thể",
            CellKind::ChinhQuyen => "Cơ quan chính quyền",
            CellKind::QuanSu => "Quân sự",
            CellKind::CongAn => "Công an",
            CellKind::TruongHoc => "Trường học",
            CellKind::YTe => "Y tế",
            CellKind::DoanhNghiepNhaNuoc => "Doanh nghiệp nhà nước",
            CellKind::DoanhNghiepNgoaiNhaNuoc => "Doanh nghiệp ngoài nhà nước",
            CellKind::HopTacXa => "Hợp tác xã",
            CellKind::Khac => "Khác",
        }
    }
    /// Residential cells cover residential areas (for the coverage statistics).
    pub fn is_residential(self) -> bool {
        self == CellKind::KhuDanCu
    }
}

/// Where the cell sits in the ward's tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CellLevel {
    /// Chi bộ trực thuộc Đảng ủy phường — every residential cell (R-294 §20.2.2).
    #[default]
    TrucThuoc,
    /// A cell inside a grassroots party organisation (đảng bộ cơ sở): its grassroots committee
    /// votes before the ward (T9, R-06 §3.6c).
    TrongDangBoCoSo,
}

/// Member counts of one year, at the start of the year (for the development rate, §3.3 item 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct CellYear {
    /// Đảng viên chính thức.
    pub full_members: u32,
    /// Đảng viên dự bị.
    pub probationary_members: u32,
}

impl CellYear {
    pub fn total(&self) -> u32 {
        self.full_members + self.probationary_members
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub id: CellId,
    /// Short code used in lists, e.g. "TDP01".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// "Chi bộ Tổ dân phố số 1".
    pub name: String,
    pub kind: CellKind,
    #[serde(default)]
    pub level: CellLevel,
    /// Name of the grassroots party organisation when level is `TrongDangBoCoSo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grassroots: Option<String>,
    /// Cấp ủy viên phụ trách chi bộ (name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub committee_member_in_charge: String,
    /// Bí thư chi bộ (name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub secretary: String,
    /// Residential areas covered (tổ dân phố, khu dân cư, thôn).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residential_areas: Vec<String>,
    /// Member counts by year (at the start of that year).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "super::no_repeated_keys")]
    pub members_by_year: BTreeMap<i32, CellYear>,
    /// "Không còn quần chúng": everyone who could join here already has (Biểu 2-BTCTW III);
    /// set by the ward, since no record can tell \[U\].
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub no_masses_left: bool,
    /// Archived cells are hidden from lists but keep their records; cells are never deleted
    /// while records point at them.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub archived: bool,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub created_at: Timestamp,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub updated_at: Timestamp,
}

impl Cell {
    /// Member counts for a year, falling back to the latest earlier year recorded.
    pub fn members_in(&self, year: i32) -> Option<CellYear> {
        self.members_by_year.range(..=year).next_back().map(|(_, v)| *v)
    }
}
