//! Party members kept as helpers, introducers and for vote counts (docs/domain.md §3.1): only what
//! the workflow needs.

use super::{CellId, MemberId, Sex, Timestamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Status of a party member (docs/domain.md §3.1; R-294 §9.3.2 for vote denominators).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Đảng viên chính thức.
    ChinhThuc,
    /// Đảng viên dự bị: cannot vote, introduce or stand for election.
    DuBi,
    /// Miễn sinh hoạt (a full member exempted from activities).
    MienSinhHoat,
    /// Tạm chuyển sinh hoạt (temporarily transferred elsewhere).
    TamChuyen,
    /// Đã chuyển đi / không còn trong chi bộ.
    DaChuyenDi,
}

impl MemberStatus {
    pub fn label(self) -> &'static str {
        match self {
            MemberStatus::ChinhThuc => "Chính thức",
            MemberStatus::DuBi => "Dự bị",
            MemberStatus::MienSinhHoat => "Miễn sinh hoạt",
            MemberStatus::TamChuyen => "Tạm chuyển sinh hoạt",
            MemberStatus::DaChuyenDi => "Đã chuyển đi",
        }
    }
    /// A full (official) member: the only kind that may introduce (R-INTRO) or help.
    pub fn is_full(self) -> bool {
        matches!(self, MemberStatus::ChinhThuc | MemberStatus::MienSinhHoat | MemberStatus::TamChuyen)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartyMember {
    pub id: MemberId,
    pub full_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    pub cell_id: CellId,
    pub status: MemberStatus,
    /// Date of the admission decision (party age counts from it, R-294 §4.5.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub admitted_on: Option<NaiveDate>,
    /// Date recognised as official member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub official_on: Option<NaiveDate>,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub created_at: Timestamp,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub updated_at: Timestamp,
}

impl PartyMember {
    /// Whether the member was a full member on `date` (recorded status, and official date if known).
    pub fn is_full_on(&self, date: NaiveDate) -> bool {
        self.status.is_full() && self.official_on.is_none_or(|d| d <= date)
    }
}
