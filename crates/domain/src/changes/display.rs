//! The change history as people read it on a record's page: one line per step recorded (the
//! step's details are in the timeline), and one line per other field changed, named in
//! Vietnamese, with codes shown by their labels.

use super::{Change, ChangeLog, CREATED, DELETED, NEW_STEP};
use crate::model::{field_name, AcademicTitle, CellKind, MemberStatus, Occupation, Qualification, RecordKind, Sex, Stage, Timestamp};

/// One line of the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryLine {
    pub at: Timestamp,
    /// What changed: "Ghi bước", "Tạo hồ sơ", or the field's name ("Nơi cư trú").
    pub what: String,
    /// The change: the step and its date, or "old → new".
    pub change: String,
}

/// A code shown by its label, if `field` holds one of the enums the log keeps as codes.
fn label_of(field: &str, code: &str) -> Option<String> {
    use crate::model::parse_code as parse;
    let last = field.rsplit('.').next().unwrap_or(field);
    Some(match last {
        "stage" => parse::<Stage>(code)?.label().to_string(),
        "sex" => parse::<Sex>(code)?.label().to_string(),
        "occupation" => parse::<Occupation>(code)?.label().to_string(),
        "qualification" => parse::<Qualification>(code)?.label().to_string(),
        "academic_title" => parse::<AcademicTitle>(code)?.label().to_string(),
        "status" => parse::<MemberStatus>(code)?.label().to_string(),
        "kind" => parse::<CellKind>(code)?.label().to_string(),
        _ => return None,
    })
}

/// A value of the log as text: absent as "(trống)", true/false as "có"/"không", codes by
/// their labels; a list or an object (kept as JSON in the log) as "(đã ghi)".
fn value_text(field: &str, value: Option<&str>) -> String {
    let Some(v) = value else { return "(trống)".to_string() };
    if let Some(label) = label_of(field, v) {
        return label;
    }
    match v {
        "true" => "có".to_string(),
        "false" => "không".to_string(),
        _ if v.starts_with('{') || v.starts_with('[') => "(đã ghi)".to_string(),
        _ => v.to_string(),
    }
}

/// The name of a changed field, capitalised ("Nơi cư trú"); "Thông tin khác" when unknown.
fn what_of(field: &str) -> String {
    let name = field_name(field).unwrap_or("thông tin khác");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The history of the record `kind`/`id`, newest first. The field changes made together with
/// a recorded step (its process record, the new stage) are folded into the step's line.
pub fn history_lines(log: &ChangeLog, kind: RecordKind, id: &str) -> Vec<HistoryLine> {
    let entries: Vec<&Change> = log.for_record(kind, id).collect();
    let step_moments: Vec<Timestamp> = entries.iter().filter(|c| c.field == NEW_STEP).map(|c| c.at).collect();
    let folded = |c: &Change| {
        step_moments.contains(&c.at) && (c.field == "stage" || c.field.starts_with("process.") || c.field.starts_with("process["))
    };
    entries
        .into_iter()
        .rev()
        .filter(|c| !folded(c))
        .map(|c| {
            let (what, change) = match c.field.as_str() {
                f if f == CREATED => ("Tạo mới".to_string(), String::new()),
                f if f == DELETED => ("Xóa".to_string(), String::new()),
                f if f == NEW_STEP => ("Ghi bước".to_string(), c.new.clone().unwrap_or_default()),
                f => (what_of(f), format!("{} → {}", value_text(f, c.old.as_deref()), value_text(f, c.new.as_deref()))),
            };
            HistoryLine { at: c.at, what, change }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2026, 11, 22, 2, minute, 0).single().expect("time")
    }

    fn change(minute: u32, field: &str, old: Option<&str>, new: Option<&str>) -> Change {
        Change {
            at: at(minute),
            kind: RecordKind::Candidate,
            id: "qc-1".into(),
            name: "Trần Văn Bình".into(),
            field: field.into(),
            old: old.map(String::from),
            new: new.map(String::from),
        }
    }

    #[test]
    fn a_step_is_one_line_and_other_edits_read_in_vietnamese() {
        let mut log = ChangeLog::default();
        log.append([
            change(1, CREATED, None, None),
            change(2, NEW_STEP, None, Some("Chi bộ xét cảm tình Đảng, 06/01/2025")),
            change(2, "stage", Some("NGUON"), Some("CAM_TINH")),
            change(2, "process.sympathiser.resolution.number", None, Some("1-NQ/CB")),
            change(2, "process.sympathiser", None, Some("{\"a\":1}")),
            change(3, "residence", Some("Tổ 1"), Some("Tổ 9")),
            change(3, "occupation", Some("nong_lam_ngu"), Some("cong_nhan_doanh_nghiep")),
            change(4, "stage", Some("CAM_TINH"), Some("DE_NGHI_HOC")),
            change(4, "youth_union_member", None, Some("true")),
            change(4, "groups", None, Some("[\"sinh_vien\"]")),
        ]);
        let lines = history_lines(&log, RecordKind::Candidate, "qc-1");
        let text: Vec<(&str, String)> = lines.iter().map(|l| (l.what.as_str(), l.change.clone())).collect();
        let expected: Vec<(&str, String)> = vec![
            ("Đối tượng", "(trống) → (đã ghi)".into()),
            ("Đoàn viên Đoàn Thanh niên", "(trống) → có".into()),
            ("Giai đoạn", format!("{} → {}", Stage::CamTinh.label(), Stage::DeNghiHoc.label())),
            ("Nghề nghiệp", format!("{} → {}", Occupation::NongLamNgu.label(), Occupation::CongNhanDoanhNghiep.label())),
            ("Nơi cư trú", "Tổ 1 → Tổ 9".into()),
            ("Ghi bước", "Chi bộ xét cảm tình Đảng, 06/01/2025".into()),
            ("Tạo mới", String::new()),
        ];
        assert_eq!(text, expected);
        assert!(lines.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
    }
}
