//! Classes run by the ward political centre (docs/domain.md §3.1 "Class"; R-06 §3.1, §4.1):
//! the awareness class before admission and the new-member class during probation.

use super::{CandidateId, ClassId, Timestamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassKind {
    /// Lớp bồi dưỡng nhận thức về Đảng.
    NhanThuc,
    /// Lớp bồi dưỡng đảng viên mới.
    DangVienMoi,
}

impl ClassKind {
    pub fn label(self) -> &'static str {
        match self {
            ClassKind::NhanThuc => "Lớp bồi dưỡng nhận thức về Đảng",
            ClassKind::DangVienMoi => "Lớp bồi dưỡng đảng viên mới",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassResult {
    Dat,
    KhongDat,
    VangMat,
}

impl ClassResult {
    pub fn label(self) -> &'static str {
        match self {
            ClassResult::Dat => "Đạt",
            ClassResult::KhongDat => "Không đạt",
            ClassResult::VangMat => "Vắng mặt",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learner {
    pub candidate_id: CandidateId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ClassResult>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub certificate_number: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Class {
    pub id: ClassId,
    pub kind: ClassKind,
    /// Course name or number, e.g. "Khóa 2 năm 2026".
    pub name: String,
    /// Organiser, e.g. "Trung tâm chính trị phường Hòa An".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organiser: String,
    #[serde(deserialize_with = "super::iso::date")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "super::iso::date")]
    pub end: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learners: Vec<Learner>,
    /// Certificates are recorded once for the whole class: issue date and issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "super::iso::date_opt")]
    pub certificate_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub certificate_issuer: String,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub created_at: Timestamp,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub updated_at: Timestamp,
}
