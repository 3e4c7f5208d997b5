//! Export: the envelope, file names, cell files, sizes.

use super::*;
use serde_json::{json, Value};
use std::time::Instant;

#[test]
fn envelope_has_the_documented_fields_in_order() {
    let text = export_ward(&small());
    let v: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["app_version", "data", "exported_at", "format", "schema_version", "scope", "ward"], "(serde_json sorts keys)");
    // In the text, the envelope comes first and `data` last, so a person reading the file sees it.
    let pos = |k: &str| text.find(&format!("\"{k}\":")).unwrap();
    assert!(pos("format") < pos("schema_version") && pos("schema_version") < pos("app_version"));
    assert!(pos("scope") < pos("data"));
    assert_eq!(v["format"], "ptdv");
    assert_eq!(v["schema_version"], SCHEMA_VERSION);
    assert_eq!(v["app_version"], "0.1.0-test");
    assert_eq!(v["exported_at"], "2026-11-22T08:30:00Z");
    assert_eq!(v["ward"], json!({ "id": "dbp-hoa-an", "name": "Hòa An" }));
    assert_eq!(v["scope"], json!({ "kind": "ward" }));
    // Pretty: two-space indent; Vietnamese written as is, not as \u escapes.
    assert!(text.starts_with("{\n  \"format\": \"ptdv\""));
    assert!(text.contains("Nguyễn Văn An") && !text.contains("\\u"));
}

#[test]
fn small_and_demo_round_trip_through_both_exports() {
    for data in [small(), demo().clone()] {
        for text in [export_ward(&data), export_compact(&data, &ExportScope::Ward, "t", now()).unwrap()] {
            let loaded = load(text.as_bytes(), today()).unwrap();
            assert_eq!(loaded.data, data);
            assert_eq!(loaded.migrated_from, None);
            assert_eq!(loaded.meta.scope, ExportScope::Ward);
            assert_eq!(loaded.meta.exported_at, now());
            assert!(loaded.warnings.iter().all(|w| matches!(w, LoadWarning::VeryYoung { .. })), "{:?}", loaded.warnings);
        }
    }
}

#[test]
fn demo_ward_validates() {
    let r = check(demo(), today(), 20);
    assert!(r.errors.is_empty(), "{}", r.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"));
}

#[test]
fn file_names() {
    let d = small();
    let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    assert_eq!(export_file_name(&d, &ExportScope::Ward, day), "ptdv_hoa-an_2026-11-22.json");
    let cell = ExportScope::Cell { cell_id: CellId::new("cb-tdp01") };
    assert_eq!(export_file_name(&d, &cell, day), "ptdv_hoa-an_tdp01_2026-11-22.json");
    let mut no_code = d.clone();
    no_code.cells[0].code.clear();
    assert_eq!(export_file_name(&no_code, &cell, day), "ptdv_hoa-an_chi-bo-to-dan-pho-so-1_2026-11-22.json");
    let mut odd = d.clone();
    odd.ward.name = "  “Đặc khu” Côn Đảo!! ".into();
    assert_eq!(export_file_name(&odd, &ExportScope::Ward, day), "ptdv_dac-khu-con-dao_2026-11-22.json");
    odd.ward.name = "中文".into();
    assert_eq!(export_file_name(&odd, &ExportScope::Ward, day), "ptdv_dang-bo_2026-11-22.json");
    // Decomposed (NFD) input folds the same.
    assert_eq!(slug("Ho\u{0300}a An"), "hoa-an");
    assert_eq!(slug("Phường Thượng Đình"), "phuong-thuong-dinh");
    assert!(slug(&"Tổ dân phố ".repeat(20)).len() <= 40);
    assert!(!slug(&"Tổ dân phố ".repeat(20)).ends_with('-'));
}

#[test]
fn cell_file_holds_the_cell_and_what_it_needs() {
    let d = demo();
    // The cell with the most candidates.
    let cell = d.cells.iter().max_by_key(|c| d.candidates.iter().filter(|x| x.cell_id == c.id).count()).unwrap();
    let scope = ExportScope::Cell { cell_id: cell.id.clone() };
    let text = export(d, &scope, "t", now()).unwrap();
    let loaded = load(text.as_bytes(), today()).unwrap();
    assert_eq!(loaded.meta.scope, scope);
    let sub = &loaded.data;
    assert_eq!(sub.ward, d.ward);
    assert!(sub.candidates.iter().all(|c| c.cell_id == cell.id));
    assert_eq!(sub.candidates.len(), d.candidates.iter().filter(|c| c.cell_id == cell.id).count());
    assert!(!sub.candidates.is_empty());
    assert_eq!(sub.members.iter().filter(|m| m.cell_id == cell.id).count(), d.members.iter().filter(|m| m.cell_id == cell.id).count());
    for k in &sub.classes {
        assert!(k.learners.iter().all(|l| sub.candidate(&l.candidate_id).is_some()));
    }
    assert!(sub.targets.iter().all(|t| t.scope == TargetScope::Cell { cell_id: cell.id.clone() }));
    assert!(loaded.warnings.iter().all(|w| matches!(w, LoadWarning::VeryYoung { .. })), "{:?}", loaded.warnings);
    println!(
        "cell file of {} ({}): {} candidates, {} members, {} cells, {} classes, {} bytes (whole ward {} bytes)",
        cell.name,
        cell.id,
        sub.candidates.len(),
        sub.members.len(),
        sub.cells.len(),
        sub.classes.len(),
        text.len(),
        export_ward(d).len()
    );
}

#[test]
fn unknown_cell_is_not_exported() {
    let err = export(&small(), &ExportScope::Cell { cell_id: CellId::new("cb-99") }, "t", now()).unwrap_err();
    assert_eq!(err, ExportError::UnknownCell(CellId::new("cb-99")));
    assert!(err.to_string().contains("cb-99"));
}

#[test]
fn markup_is_kept_as_text_through_load_and_export() {
    // Strings are data: the UI escapes them when it shows them (Leptos text nodes and
    // attributes are escaped). The file format keeps them byte for byte.
    let loaded = load(&read("good/markup-in-names.json"), today()).unwrap();
    let d = &loaded.data;
    assert_eq!(d.candidates[0].full_name, r#"<script>alert("xss")</script>"#);
    assert_eq!(d.candidates[0].residence, r#"<img src=x onerror=alert(1)> & "quotes" 'single' </textarea>"#);
    assert_eq!(d.cells[0].name, "Chi bộ <b>Tổ dân phố</b> số 1 {{template}} ${expr}");
    assert_eq!(d.members[0].full_name, r#""; DROP TABLE members; --"#);
    assert_eq!(d.classes[0].venue, "&lt;already escaped&gt; &amp;");
    let text = export_ward(d);
    assert!(text.contains("<script>alert(\\\"xss\\\")</script>"), "only JSON escaping is applied");
    assert_eq!(&load(text.as_bytes(), today()).unwrap().data, d);
}

/// Sizes of the exported document, printed for the record (`cargo test … -- --nocapture`).
/// The 10,000-candidate case, per candidate and with a change log, is `sizes.rs`.
#[test]
fn export_sizes() {
    let d = demo();
    let mut rows = Vec::new();
    for (label, data) in
        [("small fixture".to_string(), small()), ("demo ward".to_string(), d.clone()), ("demo ×3".to_string(), crate::demo::scale(d, 3))]
    {
        let pretty = export_ward(&data);
        let compact = export_compact(&data, &ExportScope::Ward, "t", now()).unwrap();
        let units = compact.encode_utf16().count();
        let started = Instant::now();
        let loaded = load(compact.as_bytes(), today());
        let took = started.elapsed();
        if compact.len() <= MAX_FILE_BYTES {
            assert_eq!(loaded.unwrap().data, data);
        }
        rows.push(format!(
            "{label:>14}: {:>5} candidates, {:>5} members | pretty {:>10} B | compact {:>10} B | {:>10} UTF-16 units ({:.1} % of the 5,242,880 localStorage quota) | load {took:?}",
            data.candidates.len(),
            data.members.len(),
            pretty.len(),
            compact.len(),
            units,
            units as f64 * 100.0 / 5_242_880.0
        ));
    }
    println!("{}", rows.join("\n"));
}

/// The one formatter that writes both layouts (`envelope::Layout`) gives serde_json's own texts:
/// the pretty one of `to_string_pretty`, the compact one of `to_string`, byte for byte.
#[test]
fn both_layouts_are_serde_jsons_own() {
    let data = demo().clone();
    let pretty = export_ward(&data);
    let compact = export_compact(&data, &ExportScope::Ward, "0.1.0-test", now()).unwrap();
    let v: Value = serde_json::from_str(&pretty).unwrap();
    // serde_json's Value sorts keys; the envelope's own order is checked above. Compared here:
    // the same value, and the layout of each against serde_json's for that value.
    assert_eq!(serde_json::from_str::<Value>(&compact).unwrap(), v);
    let reordered = |text: &str| serde_json::from_str::<Value>(text).unwrap();
    assert_eq!(serde_json::to_string_pretty(&reordered(&pretty)).unwrap(), serde_json::to_string_pretty(&v).unwrap());
    // Key order aside (the same keys, so the same length), each text is serde_json's.
    let theirs_pretty = serde_json::to_string_pretty(&v).unwrap();
    assert_eq!((pretty.len(), pretty.matches('\n').count()), (theirs_pretty.len(), theirs_pretty.matches('\n').count()));
    assert_eq!(compact.len(), serde_json::to_string(&v).unwrap().len());
    assert!(!compact.contains('\n'));
}
