//! The loader's steps beyond the corpus: migrations, unknown fields, warnings, error lists.

use super::super::load::load_with;
use super::super::migrate::Migration;
use super::*;
use serde_json::{json, Value};

fn small_value() -> Value {
    serde_json::from_slice(&read("good/v1-small.json")).unwrap()
}

fn load_value(v: &Value) -> Result<Loaded, LoadError> {
    load(serde_json::to_string(v).unwrap().as_bytes(), today())
}

// A test-only v1 → v2 step: the real one, and in this "v2" the ward's `superior` also gains a
// suffix. It exercises the loader with a chain it is given.
fn test_v1_to_v2(v: Value) -> Result<Value, String> {
    let mut v = crate::format::v1_to_v2(v)?;
    let sup = v.pointer_mut("/data/ward/superior").ok_or("thiếu data.ward.superior")?;
    *sup = Value::from(format!("{} (v2)", sup.as_str().unwrap_or("")));
    Ok(v)
}
fn failing(_: Value) -> Result<Value, String> {
    Err("dữ liệu hỏng".into())
}

#[test]
fn loader_runs_the_migration_chain() {
    let bytes = read("good/v1-small.json");
    let chain: &[Migration] = &[test_v1_to_v2];
    let l = load_with(&bytes, today(), chain, 2).unwrap();
    assert_eq!(l.migrated_from, Some(1));
    assert_eq!(l.meta.schema_version, 1);
    assert_eq!(l.data.ward.superior, "Tỉnh ủy Thái Nguyên (v2)");
    // A file already at v2 is not migrated; v3 is newer than this "app".
    let mut v2 = crate::format::v1_to_v2(small_value()).unwrap();
    v2["schema_version"] = json!(2);
    let text = serde_json::to_vec(&v2).unwrap();
    let l = load_with(&text, today(), chain, 2).unwrap();
    assert_eq!((l.migrated_from, l.data.ward.superior.as_str()), (None, "Tỉnh ủy Thái Nguyên"));
    v2["schema_version"] = json!(3);
    let err = load_with(&serde_json::to_vec(&v2).unwrap(), today(), chain, 2).unwrap_err();
    assert_eq!(err, LoadError::NewerVersion { found: 3, supported: 2, app_version: Some("0.1.0".into()) });
    // A failing step is reported with its versions.
    let err = load_with(&bytes, today(), &[failing], 2).unwrap_err();
    assert_eq!(err, LoadError::MigrationFailed { from: 1, to: 2, detail: "dữ liệu hỏng".into() });
}

#[test]
fn every_older_fixture_migrates_to_the_current_version() {
    // Today every fixture is v1 = current. When SCHEMA_VERSION is raised, the committed v1
    // fixtures must still load, now through the migrations (docs/file-format.md).
    for entry in std::fs::read_dir(corpus_dir().join("good")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(loaded) = load(&bytes, today()) else { continue };
        let expected = (loaded.meta.schema_version < SCHEMA_VERSION).then_some(loaded.meta.schema_version);
        assert_eq!(loaded.migrated_from, expected, "{}", path.display());
    }
}

#[test]
fn unknown_fields_are_reported_not_silently_dropped() {
    let mut v = small_value();
    v["data"]["candidates"][0]["nickname"] = json!("An béo");
    v["data"]["cells"][1]["process"] = json!({ "x": 1 });
    v["signature"] = json!("abc");
    v["data"]["ward"]["empty_extra"] = json!(null);
    let l = load_value(&v).unwrap();
    let unknown: Vec<_> = l.warnings.iter().filter(|w| matches!(w, LoadWarning::UnknownFields { .. })).collect();
    assert_eq!(unknown.len(), 1, "{:?}", l.warnings);
    match unknown[0] {
        LoadWarning::UnknownFields { paths, total } => {
            assert_eq!(*total, 3);
            assert!(paths.contains(&"signature".to_string()));
            assert!(paths.contains(&"data.candidates[0].nickname".to_string()));
            assert!(paths.contains(&"data.cells[1].process".to_string()));
        }
        _ => unreachable!(),
    }
    assert!(unknown[0].to_string().contains("data.candidates[0].nickname"));
}

#[test]
fn repeated_key_is_refused() {
    let err = load(&read("bad/duplicate-key.json"), today()).unwrap_err();
    assert_eq!(err, LoadError::RepeatedKey { key: "data".into(), line: 9, column: 8 });
    assert!(err.to_string().contains("“data”"), "{err}");
    // In a large object too, and with an escaped key.
    let keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\":1")).collect();
    let big = format!("{{\"format\":\"ptdv\",{},\"k\\u0033\":2}}", keys.join(","));
    assert!(matches!(load(big.as_bytes(), today()), Err(LoadError::RepeatedKey { key, .. }) if key == "k3"));
    let distinct = format!("{{\"format\":\"ptdv\",{}}}", keys.join(","));
    assert!(matches!(load(distinct.as_bytes(), today()), Err(LoadError::MissingField { field: "schema_version" })));
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert!(matches!(load(deep.as_bytes(), today()), Err(LoadError::NotJson { .. })));
    let deep_obj = format!("{{\"format\":\"ptdv\",\"x\":{}{}}}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert!(matches!(load(deep_obj.as_bytes(), today()), Err(LoadError::NotJson { .. })));
}

#[test]
fn check_lists_several_errors_and_validate_returns_the_first() {
    let mut d = small();
    d.candidates[0].cell_id = CellId::new("cb-99");
    d.candidates[1].full_name = "A\u{0000}B".into();
    d.classes[0].end = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let r = check(&d, today(), 10);
    let names: Vec<&str> = r.errors.iter().map(LoadError::variant).collect();
    assert_eq!(names, ["ControlCharacter", "DatesOutOfOrder", "DanglingReference"]);
    assert_eq!(validate(&d, today()).unwrap_err(), r.errors[0]);
    assert_eq!(check(&d, today(), 2).errors.len(), 2);
}

#[test]
fn warnings_for_clock_problems_young_people_and_settings() {
    let mut d = small();
    let tomorrow_plus = chrono::Utc.with_ymd_and_hms(2027, 2, 1, 0, 0, 0).unwrap();
    d.candidates[0].updated_at = tomorrow_plus;
    d.candidates[0].birth_date = NaiveDate::from_ymd_opt(2012, 5, 1).unwrap();
    d.ward.settings.local.cells_without_youth_union = vec![CellId::new("cb-da-giai-the")];
    let text = export(&d, &ExportScope::Ward, "t", tomorrow_plus).unwrap();
    let l = load(text.as_bytes(), today()).unwrap();
    let kinds: Vec<&str> = l
        .warnings
        .iter()
        .map(|w| match w {
            LoadWarning::ExportedInFuture { .. } => "ExportedInFuture",
            LoadWarning::TimestampInFuture { .. } => "TimestampInFuture",
            LoadWarning::VeryYoung { .. } => "VeryYoung",
            LoadWarning::SettingsUnknownCell { .. } => "SettingsUnknownCell",
            LoadWarning::UnknownFields { .. } => "UnknownFields",
            LoadWarning::OutsideScope { .. } => "OutsideScope",
        })
        .collect();
    assert_eq!(kinds, ["ExportedInFuture", "VeryYoung", "TimestampInFuture", "SettingsUnknownCell"]);
    for w in &l.warnings {
        println!("{w}");
    }
    // More than a year ahead is an error, not a warning.
    d.candidates[0].updated_at = chrono::Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
    assert!(matches!(validate(&d, today()), Err(LoadError::DateOutOfRange { .. })));
}

#[test]
fn cell_file_with_another_cells_candidate_warns() {
    let mut v: Value = serde_json::from_slice(&read("good/cell-thcs.json")).unwrap();
    let mut stray = small_value()["data"]["candidates"][0].clone();
    stray["cell_id"] = json!("cb-thcs-2");
    let mut cell2 = v["data"]["cells"][0].clone();
    cell2["id"] = json!("cb-thcs-2");
    v["data"]["cells"].as_array_mut().unwrap().push(cell2);
    v["data"]["candidates"].as_array_mut().unwrap().push(stray);
    let l = load_value(&v).unwrap();
    assert!(matches!(&l.warnings[..], [LoadWarning::OutsideScope { record }] if record.id == "qc-0001"), "{:?}", l.warnings);
}

#[test]
fn records_that_do_not_read_are_named() {
    let mut v = small_value();
    v["data"]["candidates"][1]["process"]["cell_votes"] =
        json!([{ "resolution": { "date": "2026-06-01" }, "convened": 10, "present": 3.5, "yes": 1, "no": 0 }]);
    let err = load_value(&v).unwrap_err();
    assert!(matches!(&err, LoadError::BadRecord { at, .. } if at.record.id == "qc-0002" && at.record.index == Some(1)), "{err:?}");
    assert!(err.to_string().contains("Lò Thị Hoa"), "{err}");

    let mut v = small_value();
    v["data"]["members"][0].as_object_mut().unwrap().remove("id");
    let err = load_value(&v).unwrap_err();
    assert!(err.to_string().contains("thứ 1 trong danh sách"), "{err}");
    assert!(err.to_string().contains("thiếu trường bắt buộc “id”"), "{err}");

    let mut v = small_value();
    v["data"]["classes"] = json!({ "not": "a list" });
    assert!(matches!(load_value(&v), Err(LoadError::BadEnvelope { field, .. }) if field == "data.classes"));
}
