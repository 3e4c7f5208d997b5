//! The migrations (docs/file-format.md, "Versions and migrations"): a fixture per mapping, a
//! test per step, every step run on a committed fixture, older fixtures load, newer refused.

use super::super::migrate::{migrate_with, v1_to_v2, MIGRATIONS};
use super::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn raw(rel: &str) -> Value {
    serde_json::from_slice(&read(rel)).unwrap()
}

fn candidate<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["data"]["candidates"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id}"))
}

/// Every way a v1 occupation migrates, one candidate each (tests/corpus/good/v1-occupations.json):
/// (id, v1 code, v2 code, marked for review).
const MAPPINGS: [(&str, &str, &str, bool); 18] = [
    ("qc-0001", "vien_chuc", "vien_chuc", false),
    ("qc-0002", "nong_dan", "nong_lam_ngu", false),
    // A "Lực lượng vũ trang" introduced by the militia: not row 9.
    ("qc-0003", "luc_luong_vu_trang", "khac", true),
    ("qc-0004", "chu_doanh_nghiep", "quan_ly_doanh_nghiep", false),
    ("qc-0005", "huu_tri", "khac", false),
    ("qc-0006", "khac", "khac", false),
    // "Khác" introduced by the non-specialised staff: row 4.
    ("qc-0007", "khac", "khong_chuyen_trach_thon", true),
    // "Cán bộ, công chức" in the ward's party-agency cell, its government cell: row 3.
    ("qc-0008", "can_bo_cong_chuc", "can_bo_cap_xa", true),
    ("qc-0009", "can_bo_cong_chuc", "can_bo_cap_xa", true),
    // … in a residential cell: row 1, unless introduced as non-specialised staff (row 3).
    ("qc-0010", "can_bo_cong_chuc", "cong_chuc_nha_nuoc", true),
    ("qc-0011", "can_bo_cong_chuc", "can_bo_cap_xa", true),
    // "Công nhân, người lao động": 7c, or 7b with a degree.
    ("qc-0012", "cong_nhan_lao_dong", "cong_nhan_doanh_nghiep", true),
    ("qc-0013", "cong_nhan_lao_dong", "nhan_vien_doanh_nghiep", true),
    ("qc-0014", "cong_nhan_lao_dong", "cong_nhan_doanh_nghiep", true),
    // "Học sinh, sinh viên": by group or source, else by schooling finished.
    ("qc-0015", "hoc_sinh_sinh_vien", "hoc_sinh", true),
    ("qc-0016", "hoc_sinh_sinh_vien", "sinh_vien", true),
    ("qc-0017", "hoc_sinh_sinh_vien", "sinh_vien", true),
    ("qc-0018", "hoc_sinh_sinh_vien", "hoc_sinh", true),
];

#[test]
fn v1_to_v2_maps_every_old_occupation_to_its_row() {
    let before = raw("good/v1-occupations.json");
    let after = v1_to_v2(before.clone()).unwrap();
    let old_codes: BTreeSet<&str> = MAPPINGS.iter().map(|m| m.1).collect();
    assert_eq!(old_codes.len(), crate::format::V1_OCCUPATIONS.len(), "the fixture covers every v1 occupation");
    for (id, old, new, marked) in MAPPINGS {
        assert_eq!(candidate(&before, id)["occupation"], old, "{id} in the fixture");
        let c = candidate(&after, id);
        assert_eq!(c["occupation"], new, "{id}");
        let review = &c["occupation_review"];
        assert_eq!(!review.is_null(), marked, "{id}: {review}");
        if marked {
            let was = crate::format::V1_OCCUPATIONS.iter().find(|(c, _)| *c == old).unwrap().1;
            assert_eq!(review["was"], was, "{id}");
            assert!(review["reason"].as_str().unwrap().len() > 20, "{id}: {review}");
        }
    }
    // The private entrepreneur keeps being counted under I "Chủ doanh nghiệp tư nhân".
    assert_eq!(candidate(&after, "qc-0004")["groups"], json!(["chu_doanh_nghiep"]));
    // The whole file loads, and the typed records say the same.
    let loaded = load(&read("good/v1-occupations.json"), today()).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    let marked = loaded.data.candidates.iter().filter(|c| c.occupation_review.is_some()).count();
    assert_eq!(marked, MAPPINGS.iter().filter(|m| m.3).count());
}

/// The armed forces of v1: row 9, unless militia or reserve (tests/corpus/good/v1-occupations-more.json).
#[test]
fn v1_to_v2_keeps_the_armed_forces_and_marks_militia_and_reserve() {
    let after = v1_to_v2(raw("good/v1-occupations-more.json")).unwrap();
    let row = |id: &str| {
        (candidate(&after, id)["occupation"].as_str().unwrap().to_string(), !candidate(&after, id)["occupation_review"].is_null())
    };
    assert_eq!(row("qc-0101"), ("luc_luong_vu_trang".into(), false));
    assert_eq!(row("qc-0102"), ("khac".into(), true)); // group "Dân quân tự vệ"
    assert_eq!(row("qc-0103"), ("khac".into(), true)); // source "Dự bị động viên"
}

/// The step on the small fixture: before → after, and nothing else changes.
#[test]
fn v1_to_v2_on_the_small_fixture_changes_only_the_occupations() {
    let before = raw("good/v1-small.json");
    let mut after = v1_to_v2(before.clone()).unwrap();
    let expected = [
        ("qc-0001", "vien_chuc", None),
        ("qc-0002", "cong_nhan_doanh_nghiep", Some("Công nhân, người lao động")),
        ("qc-0003", "cong_chuc_nha_nuoc", Some("Cán bộ, công chức")),
    ];
    for (id, occupation, was) in expected {
        let c = candidate(&after, id);
        assert_eq!(c["occupation"], occupation, "{id}");
        assert_eq!(c["occupation_review"]["was"].as_str(), was, "{id}");
    }
    // Put the old values back: the rest of the envelope is untouched.
    for c in after["data"]["candidates"].as_array_mut().unwrap() {
        let id = c["id"].as_str().unwrap().to_string();
        let old = candidate(&before, &id)["occupation"].clone();
        let obj = c.as_object_mut().unwrap();
        obj.remove("occupation_review");
        obj.insert("occupation".into(), old);
    }
    assert_eq!(after, before);
}

#[test]
fn v1_to_v2_shows_old_codes_of_the_change_log_by_their_old_labels() {
    let mut v = raw("good/v1-small.json");
    v["data"]["changes"] = json!([
        { "at": "2026-01-02T03:04:05Z", "kind": "candidate", "id": "qc-0001", "field": "occupation",
          "old": "nong_dan", "new": "hoc_sinh_sinh_vien" },
        { "at": "2026-01-02T03:04:05Z", "kind": "candidate", "id": "qc-0001", "field": "residence",
          "old": "khac", "new": "Tổ 2" },
    ]);
    let after = v1_to_v2(v).unwrap();
    let changes = &after["data"]["changes"];
    assert_eq!((&changes[0]["old"], &changes[0]["new"]), (&json!("Nông dân"), &json!("Học sinh, sinh viên")));
    assert_eq!(changes[1]["old"], "khac", "another field keeps its text");
    let log: crate::model::ChangeLog = serde_json::from_value(changes.clone()).unwrap();
    let lines = crate::changes::display::history_lines(&log, RecordKind::Candidate, "qc-0001");
    assert!(lines.iter().any(|l| l.change == "Nông dân → Học sinh, sinh viên"), "{lines:?}");
}

#[test]
fn v1_to_v2_leaves_what_it_cannot_read_to_the_loader() {
    // No data: the loader names the missing field, not the migration.
    let v = json!({ "format": "ptdv", "schema_version": 1 });
    assert_eq!(v1_to_v2(v.clone()).unwrap(), v);
    // An occupation v1 did not have is left as it is, for the record check to name.
    let mut v = raw("good/v1-small.json");
    v["data"]["candidates"][0]["occupation"] = json!("phi_hanh_gia");
    let after = v1_to_v2(v).unwrap();
    assert_eq!(after["data"]["candidates"][0]["occupation"], "phi_hanh_gia");
}

/// The good fixtures older than the current version, with their version.
fn older_fixtures() -> Vec<(String, u32)> {
    let dir = corpus_dir().join("good");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = format!("good/{}", entry.unwrap().file_name().to_string_lossy());
        let Ok(v) = serde_json::from_slice::<Value>(&read(&name)) else { continue }; // UTF-16 copies
        if v["format"] != FORMAT {
            continue; // the encrypted envelope
        }
        let version = v["schema_version"].as_u64().unwrap() as u32;
        if version < SCHEMA_VERSION {
            out.push((name, version));
        }
    }
    out.sort();
    out
}

#[test]
fn every_older_fixture_migrates_to_the_current_version() {
    let older = older_fixtures();
    assert!(older.len() >= 4, "{older:?}");
    for (file, version) in older {
        let l = load(&read(&file), today()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(l.migrated_from, Some(version), "{file}");
        assert!(l.warnings.is_empty(), "{file}: {:?}", l.warnings);
        // Exported again, it is a current file that loads unchanged.
        let again = load(export_ward_or_cell(&l).as_bytes(), today()).unwrap();
        assert_eq!((again.migrated_from, &again.data), (None, &l.data), "{file}");
    }
}

fn export_ward_or_cell(l: &Loaded) -> String {
    let scope = match &l.meta.scope {
        ExportScope::Ward => ExportScope::Ward,
        ExportScope::Cell { cell_id } => ExportScope::Cell { cell_id: cell_id.clone() },
    };
    export(&l.data, &scope, "0.1.0-test", now()).unwrap()
}

/// Every migration step ran at least once on a committed fixture (a step without its fixture
/// is a step nobody has seen work).
#[test]
fn every_migration_runs_on_a_committed_fixture() {
    let mut ran = BTreeSet::new();
    for (file, version) in older_fixtures() {
        let mut v = raw(&file);
        for step in version..SCHEMA_VERSION {
            v = migrate_with(MIGRATIONS, v, step, step + 1).unwrap_or_else(|e| panic!("{file}: {e}"));
            ran.insert(step);
        }
    }
    let all: BTreeSet<u32> = (1..SCHEMA_VERSION).collect();
    assert_eq!(ran, all, "steps (from version) run on the fixtures");
}

#[test]
fn a_file_newer_than_the_app_is_refused_as_too_new() {
    let mut v = raw("good/v2-small.json");
    assert_eq!(v["schema_version"], SCHEMA_VERSION);
    assert!(load(v.to_string().as_bytes(), today()).unwrap().migrated_from.is_none());
    v["schema_version"] = json!(SCHEMA_VERSION + 1);
    let err = load(v.to_string().as_bytes(), today()).unwrap_err();
    assert!(matches!(err, LoadError::NewerVersion { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION));
}
