//! Importing a file the loader has read (Dữ liệu → Nhập dữ liệu từ tệp): merged into the
//! ward's data (the newer version of each record wins, [`format::merge`]) or replacing it
//! ([`format::replace_all`]), with what the import changed added to the change history
//! record by record ([`diff_data`]). On error nothing changes: the current data is only read.

// `LoadError` names the record and field (about 150 bytes); returned once per import, never in a
// loop, so boxing it would buy nothing (as in `format`).
#![allow(clippy::result_large_err)]

use crate::changes::diff_data;
use crate::format::{self, LoadError, Loaded};
use crate::model::{Timestamp, WardData};
use chrono::NaiveDate;

/// The user's choice in the import preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// "Gộp vào dữ liệu hiện có": same ward only.
    Merge,
    /// "Thay thế toàn bộ" / "Dùng dữ liệu trong tệp": a whole-ward file only.
    Replace,
}

/// The ward's data after importing `incoming` into `current` (`None` on a first run, where a
/// merge is a replacement). Refused: a merge of another ward's file, a replacement by one cell's
/// file, a merge whose result does not validate.
pub fn import(
    current: Option<&WardData>,
    incoming: &Loaded,
    mode: ImportMode,
    today: NaiveDate,
    now: Timestamp,
) -> Result<WardData, LoadError> {
    let mut data = match (mode, current) {
        (ImportMode::Merge, Some(current)) => format::merge(current, &incoming.data, today)?.0,
        _ => format::replace_all(incoming.clone())?,
    };
    if let Some(before) = current {
        data.changes.append(diff_data(before, &data, now));
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{CREATED, DELETED};
    use crate::demo::demo_ward;
    use crate::format::{export, load, ExportScope as Scope, RecordKind};
    use crate::model::CellId;
    use crate::records::testkit::{later, now, today};

    fn loaded(d: &WardData, scope: &Scope) -> Loaded {
        load(export(d, scope, "t", now()).unwrap().as_bytes(), today()).unwrap()
    }

    fn demo() -> WardData {
        demo_ward(today(), now())
    }

    #[test]
    fn a_merge_takes_the_newer_records_and_logs_what_changed() {
        let current = demo();
        let mut theirs = current.clone();
        theirs.candidates[0].full_name = "Tên Mới".into();
        theirs.candidates[0].updated_at = later();
        theirs.targets.pop();
        let merged = import(Some(&current), &loaded(&theirs, &Scope::Ward), ImportMode::Merge, today(), later()).unwrap();
        assert_eq!(merged.candidates[0].full_name, "Tên Mới");
        // A merge never removes a record the file lacks.
        assert_eq!(merged.targets.len(), current.targets.len());
        let logged: Vec<_> = merged.changes.entries().iter().filter(|c| c.at == later()).collect();
        assert!(logged.iter().any(|c| c.kind == RecordKind::Candidate && c.field == "full_name" && c.new.as_deref() == Some("Tên Mới")));
        assert!(logged.iter().all(|c| c.field != DELETED), "{logged:?}");
    }

    #[test]
    fn a_replacement_logs_records_added_and_removed() {
        let current = demo();
        let mut theirs = current.clone();
        let gone = theirs.targets.pop().unwrap();
        let out = import(Some(&current), &loaded(&theirs, &Scope::Ward), ImportMode::Replace, today(), later()).unwrap();
        assert_eq!(out.targets.len(), current.targets.len() - 1);
        assert!(out.changes.entries().iter().any(|c| c.at == later() && c.id == gone.id.as_str() && c.field == DELETED));
        // On a first run there is nothing to compare with: the file's data as it is.
        let first = import(None, &loaded(&theirs, &Scope::Ward), ImportMode::Merge, today(), later()).unwrap();
        assert_eq!(first, theirs);
        assert!(!first.changes.entries().iter().any(|c| c.at == later() && c.field == CREATED));
    }

    #[test]
    fn refusals_leave_the_current_data_as_it_was() {
        let current = demo();
        let before = current.clone();
        let mut other = demo();
        other.ward.id = crate::model::WardId::new("another-ward");
        let e = import(Some(&current), &loaded(&other, &Scope::Ward), ImportMode::Merge, today(), later()).unwrap_err();
        assert!(matches!(e, LoadError::OtherWard { .. }), "{e:?}");
        let cell = Scope::Cell { cell_id: CellId::new(current.cells[0].id.as_str()) };
        let e = import(Some(&current), &loaded(&current, &cell), ImportMode::Replace, today(), later()).unwrap_err();
        assert!(matches!(e, LoadError::PartialFile { .. }), "{e:?}");
        assert_eq!(current, before);
    }
}
