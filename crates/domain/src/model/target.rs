//! Admission targets (chỉ tiêu kết nạp), docs/domain.md §3.1, §3.3 items 2 and 9.

use super::{CellId, SourceOrg, TargetId, Timestamp};
use serde::{Deserialize, Serialize};

/// What a target covers in time: a year, or a committee term (inclusive years).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TargetPeriod {
    Year { year: i32 },
    Term { start_year: i32, end_year: i32 },
}

/// Who a target is assigned to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TargetScope {
    Ward,
    Cell {
        cell_id: CellId,
    },
    /// A source organisation's number of outstanding people to introduce or have admitted.
    Source {
        source: SourceOrg,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub id: TargetId,
    pub period: TargetPeriod,
    pub scope: TargetScope,
    pub value: u32,
    /// Who assigned it, e.g. "Tỉnh ủy", "Đảng ủy phường".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assigned_by: String,
    /// Document reference, e.g. "Số 12-NQ/ĐU ngày 10/01/2026".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub created_at: Timestamp,
    #[serde(deserialize_with = "super::iso::timestamp")]
    pub updated_at: Timestamp,
}

impl Target {
    /// "năm 2026" / "nhiệm kỳ 2025–2030": how messages and the change history name a target.
    pub fn title(&self) -> String {
        match self.period {
            TargetPeriod::Year { year } => format!("năm {year}"),
            TargetPeriod::Term { start_year, end_year } => format!("nhiệm kỳ {start_year}–{end_year}"),
        }
    }
}
