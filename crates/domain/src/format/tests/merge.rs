//! Import: preview, merge, replace. The main case: a cell secretary's file merged back.

use super::*;
use chrono::Duration;

#[test]
fn cell_file_edited_later_merges_back() {
    let ward_data = demo().clone();
    // The cell with the most active candidates.
    let cell = ward_data
        .cells
        .iter()
        .max_by_key(|c| ward_data.candidates.iter().filter(|x| x.cell_id == c.id && x.stage.is_active()).count())
        .unwrap()
        .id
        .clone();
    let scope = ExportScope::Cell { cell_id: cell.clone() };

    // 1. The ward office sends the cell file; the secretary's app loads it.
    let sent = export(&ward_data, &scope, "0.1.0", now()).unwrap();
    let mut secretary = load(sent.as_bytes(), today()).unwrap().data;

    // 2. The secretary edits two candidates, adds one, and records a class result, later.
    let t1 = now() + Duration::hours(2);
    let cell_cands: Vec<usize> = (0..secretary.candidates.len()).filter(|&i| secretary.candidates[i].cell_id == cell).collect();
    assert!(cell_cands.len() >= 3, "the demo cell has {} candidates", cell_cands.len());
    let (a, b, c) = (cell_cands[0], cell_cands[1], cell_cands[2]);
    secretary.candidates[a].residence = "Tổ dân phố số 1, ngõ 12 (sửa)".into();
    secretary.candidates[a].updated_at = t1;
    secretary.candidates[b].residence = "Sửa bởi bí thư chi bộ".into();
    secretary.candidates[b].updated_at = t1;
    let mut fresh = secretary.candidates[a].clone();
    fresh.id = CandidateId::new("qc-moi-0001");
    fresh.full_name = "Vi Thị Mới".into();
    fresh.stage = crate::pipeline::Stage::Nguon;
    fresh.process = Process::default();
    fresh.history = vec![];
    fresh.created_at = t1;
    fresh.updated_at = t1;
    secretary.candidates.push(fresh);
    let class_edit = secretary.classes.iter().position(|k| !k.learners.is_empty());
    if let Some(k) = class_edit {
        secretary.classes[k].learners[0].certificate_number = "999/GCN (bí thư ghi)".into();
        secretary.classes[k].updated_at = t1;
    }

    // 3. Meanwhile the ward office edits candidate b (even later: a conflict) and c.
    let mut office = ward_data.clone();
    let t2 = now() + Duration::hours(3);
    let idx = |d: &WardData, id: &CandidateId| d.candidates.iter().position(|x| &x.id == id).unwrap();
    let (id_a, id_b, id_c) = (secretary.candidates[a].id.clone(), secretary.candidates[b].id.clone(), secretary.candidates[c].id.clone());
    let ib = idx(&office, &id_b);
    office.candidates[ib].residence = "Sửa ở văn phòng Đảng ủy".into();
    office.candidates[ib].updated_at = t2;
    let ic = idx(&office, &id_c);
    office.candidates[ic].residence = "Văn phòng sửa, bí thư không sửa".into();
    office.candidates[ic].updated_at = t2;

    // 4. The secretary sends the cell file back; the office previews and merges.
    let back = export(&secretary, &scope, "0.1.0", t1).unwrap();
    let incoming = load(back.as_bytes(), today()).unwrap();
    let p = preview(&office, &incoming.data);
    assert!(p.same_ward);
    let cands = p.of(RecordKind::Candidate);
    let in_cell = office.candidates.iter().filter(|x| x.cell_id == cell).count();
    assert_eq!(cands.new, 1);
    assert_eq!(cands.changed, 1, "candidate a");
    assert_eq!(cands.conflicts, 2, "b changed on both sides; c changed at the office only (the file's copy is older)");
    assert_eq!(cands.unchanged, in_cell - 3);
    assert_eq!(cands.only_in_current, office.candidates.len() - in_cell);
    assert_eq!(p.of(RecordKind::Member).changed + p.of(RecordKind::Member).new, 0);
    assert_eq!(p.of(RecordKind::Ward).unchanged, 1);
    let conflict_ids: Vec<&str> = p.conflicts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(conflict_ids, [id_b.as_str(), id_c.as_str()]);
    assert_eq!(p.conflicts[0].current_updated_at, t2);
    assert_eq!(p.conflicts[0].incoming_updated_at, t1);
    if class_edit.is_some() {
        assert_eq!(p.of(RecordKind::Class).changed, 1);
    }

    let (merged, conflicts) = merge(&office, &incoming.data, today()).unwrap();
    assert_eq!(conflicts, p.conflicts);
    // Newer records from the file, office's newer records kept, others untouched.
    assert_eq!(merged.candidate(&id_a).unwrap().residence, "Tổ dân phố số 1, ngõ 12 (sửa)");
    assert_eq!(merged.candidate(&id_b).unwrap().residence, "Sửa ở văn phòng Đảng ủy");
    assert_eq!(merged.candidate(&id_c).unwrap().residence, "Văn phòng sửa, bí thư không sửa");
    assert_eq!(merged.candidate(&CandidateId::new("qc-moi-0001")).unwrap().full_name, "Vi Thị Mới");
    assert_eq!(merged.candidates.len(), office.candidates.len() + 1);
    for (before, after) in office.candidates.iter().zip(&merged.candidates) {
        if before.id != id_a {
            assert_eq!(before, after);
        }
    }
    assert_eq!(merged.members, office.members);
    assert_eq!(merged.cells, office.cells);
    assert_eq!(merged.targets, office.targets);
    // Class learners of the other cells survive the cell file's newer class record.
    for (before, after) in office.classes.iter().zip(&merged.classes) {
        assert_eq!(after.learners.len(), before.learners.len(), "{}", before.name);
        let ids = |k: &Class| k.learners.iter().map(|l| l.candidate_id.clone()).collect::<std::collections::BTreeSet<_>>();
        assert_eq!(ids(after), ids(before));
    }
    if let Some(k) = class_edit {
        let edited = &secretary.classes[k];
        let after = merged.class(&edited.id).unwrap();
        let l = after.learners.iter().find(|l| l.candidate_id == edited.learners[0].candidate_id).unwrap();
        assert_eq!(l.certificate_number, "999/GCN (bí thư ghi)");
    }
    // Merging the same file again changes nothing.
    let (again, _) = merge(&merged, &incoming.data, today()).unwrap();
    assert_eq!(again, merged);
}

#[test]
fn ties_keep_the_current_record_and_report_it() {
    let current = small();
    let mut incoming = current.clone();
    incoming.candidates[0].residence = "Khác nhưng cùng thời điểm".into();
    let (merged, conflicts) = merge(&current, &incoming, today()).unwrap();
    assert_eq!(merged, current);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].kind, RecordKind::Candidate);
    assert_eq!(conflicts[0].name, "Nguyễn Văn An");
    assert_eq!(conflicts[0].record().to_string(), "quần chúng “Nguyễn Văn An” (qc-0001)");
}

#[test]
fn ward_record_merges_by_updated_at() {
    let current = small();
    let mut incoming = current.clone();
    incoming.ward.superior = "Thành ủy Hòa Giang".into();
    incoming.ward.updated_at = now();
    let (merged, conflicts) = merge(&current, &incoming, today()).unwrap();
    assert_eq!(merged.ward.superior, "Thành ủy Hòa Giang");
    assert!(conflicts.is_empty());
    assert_eq!(preview(&current, &incoming).of(RecordKind::Ward).changed, 1);
}

#[test]
fn what_people_wrote_for_reports_survives_a_merge_and_stays_out_of_cell_files() {
    let note = |report: &str, text: &str| ReportNotes { report: report.into(), shortcomings: text.into(), ..Default::default() };
    let mut current = small();
    current.ward.report_notes = vec![note("ky=nam-2026", "A viết cho năm 2026")];
    let mut incoming = small();
    incoming.ward.report_notes = vec![note("ky=6-thang-dau-2026", "B viết cho 6 tháng"), note("ky=nam-2026", "B sửa năm 2026")];
    incoming.ward.updated_at = now();
    // The newer ward wins its notes; the older side's note for another report is kept.
    let (merged, _) = merge(&current, &incoming, today()).unwrap();
    assert_eq!(merged.ward.notes_for("ky=nam-2026").map(|n| n.shortcomings.as_str()), Some("B sửa năm 2026"));
    assert_eq!(merged.ward.notes_for("ky=6-thang-dau-2026").map(|n| n.shortcomings.as_str()), Some("B viết cho 6 tháng"));
    let (merged_back, _) = merge(&incoming, &current, today()).unwrap();
    assert_eq!(merged_back.ward.report_notes.len(), 2, "nothing lost either way");
    current.ward.report_notes.push(note("ky=quy-1-2026", "chỉ ở A"));
    let (merged, _) = merge(&current, &incoming, today()).unwrap();
    assert_eq!(merged.ward.notes_for("ky=quy-1-2026").map(|n| n.shortcomings.as_str()), Some("chỉ ở A"));
    // A cell's file carries none of the committee's writing.
    let cell = current.cells[0].id.clone();
    let text = export(&current, &ExportScope::Cell { cell_id: cell }, "t", now()).unwrap();
    assert!(load(text.as_bytes(), today()).unwrap().data.ward.report_notes.is_empty());
    assert!(!text.contains("chỉ ở A"));
}

#[test]
fn nothing_is_deleted() {
    let current = small();
    let mut incoming = current.clone();
    incoming.candidates.clear();
    incoming.members.truncate(1);
    let p = preview(&current, &incoming);
    assert_eq!(p.of(RecordKind::Candidate).only_in_current, 3);
    assert_eq!(p.total_only_in_current(), 5);
    assert_eq!(p.total_changes(), 0);
    let (merged, _) = merge(&current, &incoming, today()).unwrap();
    assert_eq!(merged, current);
}

#[test]
fn a_merged_dangling_reference_is_reported() {
    // An incoming record pointing at a cell that neither side has (data that was never
    // validated, e.g. built in memory): the merge result is refused, not kept.
    let current = small();
    let mut incoming = current.clone();
    incoming.candidates[0].cell_id = CellId::new("cb-99");
    incoming.candidates[0].updated_at = now();
    let err = merge(&current, &incoming, today()).unwrap_err();
    assert!(matches!(&err, LoadError::DanglingReference { id, .. } if id == "cb-99"), "{err:?}");
}

#[test]
fn another_wards_file_is_not_merged() {
    let current = small();
    let mut incoming = current.clone();
    incoming.ward.id = WardId::new("dbp-khac");
    incoming.ward.name = "Yên Thế".into();
    assert!(!preview(&current, &incoming).same_ward);
    let err = merge(&current, &incoming, today()).unwrap_err();
    assert_eq!(err.to_string(), "Tệp là dữ liệu của đảng bộ “Yên Thế”, khác với đảng bộ đang mở “Hòa An”: không gộp được.");
}

#[test]
fn replace_all_takes_a_whole_ward_file_only() {
    let whole = load(&read("good/v1-small.json"), today()).unwrap();
    assert_eq!(replace_all(whole.clone()).unwrap(), whole.data);
    let cell = load(&read("good/cell-thcs.json"), today()).unwrap();
    assert_eq!(replace_all(cell).unwrap_err(), LoadError::PartialFile { cell_id: CellId::new("cb-thcs") });
}

/// The change logs travel with the data: a cell file carries its records' entries, the
/// secretary's edits are logged in their app, and the merge unites both logs; the ward office
/// then logs what the import changed with `diff_data`.
#[test]
fn change_logs_travel_with_cell_files_and_merge() {
    use crate::changes::{diff_data, diff_record, CREATED};
    let mut ward_data = small();
    let t0 = now();
    let first = ward_data.candidates[0].clone();
    let other_cell = ward_data.candidates.iter().find(|c| c.cell_id != first.cell_id).unwrap().clone();
    for c in [&first, &other_cell] {
        ward_data.changes.append(diff_record(RecordKind::Candidate, c.id.as_str(), &c.full_name, None, c, t0));
    }
    let scope = ExportScope::Cell { cell_id: first.cell_id.clone() };
    let sent = export(&ward_data, &scope, "t", t0).unwrap();
    let mut secretary = load(sent.as_bytes(), today()).unwrap().data;
    // Only the entries of the records in the file.
    assert_eq!(secretary.changes.len(), 1);
    assert_eq!(secretary.changes.entries()[0].id, first.id.as_str());

    let t1 = t0 + Duration::hours(1);
    let before = secretary.candidates[0].clone();
    secretary.candidates[0].residence = "Tổ dân phố số 2".into();
    secretary.candidates[0].updated_at = t1;
    let after = secretary.candidates[0].clone();
    secretary.changes.append(diff_record(RecordKind::Candidate, after.id.as_str(), &after.full_name, Some(&before), &after, t1));
    let back = export(&secretary, &scope, "t", t1).unwrap();
    let incoming = load(back.as_bytes(), today()).unwrap().data;

    let t2 = t1 + Duration::hours(1);
    let (mut merged, conflicts) = merge(&ward_data, &incoming, today()).unwrap();
    assert!(conflicts.is_empty());
    let fields: Vec<&str> = merged.changes.for_record(RecordKind::Candidate, first.id.as_str()).map(|c| c.field.as_str()).collect();
    assert_eq!(fields, [CREATED, "residence"]);
    assert_eq!(merged.changes.len(), 3, "the other cell's entry is kept");
    // What the import changed, logged by the ward office.
    let import = diff_data(&ward_data, &merged, t2);
    assert_eq!(import.len(), 1);
    assert_eq!((import[0].field.as_str(), import[0].at), ("residence", t2));
    merged.changes.append(import);
    // Merging the same file again adds nothing.
    let (again, _) = merge(&merged, &incoming, today()).unwrap();
    assert_eq!(again, merged);
    // And the whole thing round-trips.
    let text = export_ward(&merged);
    assert_eq!(load(text.as_bytes(), today()).unwrap().data, merged);
}
