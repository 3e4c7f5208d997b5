//! Browser tests of the store's one write path: an edit goes through `try_update`, which never
//! keeps (or saves) a change the loader would refuse; and a stored document the loader refuses
//! is offered a repair that loses no record.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::{GetUntracked, Set, Update, WithUntracked};
use ptdv::storage::{self, BEFORE_UPGRADE_KEY, DOC_KEY};
use ptdv::store::{Refusal, SaveStatus, Store, APP_VERSION};
use ptdv_domain::format::{self, ExportScope, MAX_NAME_CHARS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stored() -> Option<String> {
    storage::read(DOC_KEY).expect("read")
}

#[wasm_bindgen_test]
fn an_edit_the_loader_would_refuse_is_refused_and_nothing_changes() {
    let _ = storage::remove(DOC_KEY);
    let store = Store::open();
    // Before a ward exists, no edit.
    let e = store.try_update(|_| Ok::<_, String>(())).expect_err("no ward");
    assert!(e.contains("Chưa có dữ liệu"), "{e}");

    let demo = ptdv_domain::demo::demo_ward(ptdv::clock::today(), ptdv::clock::now());
    store.set_data(demo.clone());
    store.flush();
    let saved = stored();
    let e = store
        .try_update(|d| {
            d.ward.name = "A".repeat(300);
            Ok::<_, Refusal>(())
        })
        .expect_err("refused");
    assert!(matches!(&e, Refusal::Unsaveable(why) if why.contains("vượt giới hạn 200 ký tự")), "{e:?}");
    assert!(e.message().starts_with("Chưa lưu:"), "{}", e.message());
    store.data.with_untracked(|d| assert_eq!(d.as_ref(), Some(&demo), "the record is as it was"));
    assert!(matches!(store.status.get_untracked(), SaveStatus::Saved { .. }), "nothing waits to be saved");
    store.flush();
    assert_eq!(stored(), saved, "the stored document is untouched");

    // An ordinary edit goes through and is saved.
    store
        .try_update(|d| {
            d.ward.name = "Hòa An Mới".into();
            Ok::<_, String>(())
        })
        .expect("saved");
    store.flush();
    let loaded = format::load(stored().expect("document").as_bytes(), ptdv::clock::today()).expect("loads");
    assert_eq!(loaded.data.ward.name, "Hòa An Mới");
    let _ = storage::remove(DOC_KEY);
}

#[wasm_bindgen_test]
fn a_stored_document_with_an_over_long_name_is_repaired_without_losing_a_record() {
    let _ = storage::remove(DOC_KEY);
    let mut demo = ptdv_domain::demo::demo_ward(ptdv::clock::today(), ptdv::clock::now());
    demo.ward.name = "Hòa An ".repeat(43);
    let text = format::export_compact(&demo, &ExportScope::Ward, APP_VERSION, ptdv::clock::now()).expect("export");
    storage::write(DOC_KEY, &text).expect("write");

    let store = Store::open();
    let recovery = store.recovery.get_untracked().expect("recovery");
    assert_eq!(recovery.fixes.len(), 1, "{:?}", recovery.fixes);
    assert!(store.data.with_untracked(Option::is_none));
    // Not before the old text is on the user's machine.
    assert!(store.repair_from_recovery().is_err());
    assert_eq!(stored().as_deref(), Some(text.as_str()), "untouched");

    store.recovery.update(|r| r.as_mut().expect("recovery").downloaded = true);
    assert_eq!(store.repair_from_recovery(), Ok(1));
    assert!(store.recovery.get_untracked().is_none());
    let loaded = format::load(stored().expect("document").as_bytes(), ptdv::clock::today()).expect("the repaired document loads");
    assert_eq!(loaded.data.ward.name.chars().count(), MAX_NAME_CHARS);
    assert_eq!(loaded.data.candidates, demo.candidates, "every candidate as it was");
    assert_eq!(loaded.data.cells, demo.cells);
    store.data.set(None);
    let _ = storage::remove(DOC_KEY);
}

#[wasm_bindgen_test]
fn the_wards_rules_are_built_once_per_settings_change() {
    let _ = storage::remove(DOC_KEY);
    let store = Store::open();
    assert!(store.ward_rules_untracked().is_err(), "no ward, no rules");
    store.set_data(ptdv_domain::demo::demo_ward(ptdv::clock::today(), ptdv::clock::now()));
    let first = store.ward_rules_untracked().expect("rules");
    store
        .try_update(|d| {
            d.candidates[0].residence = "Tổ 9".into();
            Ok::<_, String>(())
        })
        .expect("edit");
    assert!(std::sync::Arc::ptr_eq(&first, &store.ward_rules_untracked().expect("rules")), "an edit of a person keeps the rules");
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    store
        .try_update(|d| {
            d.ward.settings.calendar.extra_days_off.push(monday);
            Ok::<_, String>(())
        })
        .expect("edit");
    let second = store.ward_rules_untracked().expect("rules");
    assert!(!std::sync::Arc::ptr_eq(&first, &second), "a new day off rebuilds them");
    assert!(!second.calendar().is_working_day(monday));
    store.data.set(None);
    let _ = storage::remove(DOC_KEY);
}

const V1_FILE: &str = include_str!("corpus/good/v1-occupations.json");

fn fill_storage_leaving(room: usize) -> usize {
    // Chunks of decreasing size, until not even `room` units more fit.
    let mut n = 0;
    for size in [1_000_000, 100_000, 10_000, 1_000, 100] {
        if size < room {
            break;
        }
        while storage::write(&format!("test:filler:{n}"), &"x".repeat(size)).is_ok() {
            n += 1;
        }
    }
    n
}

fn clear_fillers(n: usize) {
    for i in 0..n {
        let _ = storage::remove(&format!("test:filler:{i}"));
    }
}

#[wasm_bindgen_test]
fn a_stored_v1_document_is_upgraded_on_first_open_and_the_old_text_goes_only_once_the_new_reads_back() {
    let _ = storage::remove(DOC_KEY);
    storage::write(DOC_KEY, V1_FILE).expect("write v1");
    let store = Store::open();
    assert_eq!(store.upgraded.get_untracked(), Some((1, Ok(()))));
    let text = stored().expect("document");
    let loaded = format::load(text.as_bytes(), ptdv::clock::today()).expect("loads");
    assert_eq!((loaded.meta.schema_version, loaded.migrated_from), (format::SCHEMA_VERSION, None));
    store.data.with_untracked(|d| assert_eq!(d.as_ref(), Some(&loaded.data), "what is stored is what is in memory"));
    assert_eq!(loaded.data.candidates.len(), 18);
    assert_eq!(loaded.data.candidates.iter().filter(|c| c.occupation_review.is_some()).count(), 13);
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None, "the old copy went after the check");
    // Opened again: nothing to upgrade.
    let again = Store::open();
    assert_eq!(again.upgraded.get_untracked(), None);
    let _ = storage::remove(DOC_KEY);
}

/// A compact v1 document (as the v1 app stored it) whose upgrade is longer than itself: every
/// candidate a "Học sinh, sinh viên", which the upgrade marks for review.
fn compact_v1_all_students() -> String {
    let data = format::load(V1_FILE.as_bytes(), ptdv::clock::today()).expect("v1 file").data;
    let text = format::export_compact(&data, &ExportScope::Ward, "0.1.0", ptdv::clock::now()).expect("export");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["schema_version"] = 1.into();
    for c in v["data"]["candidates"].as_array_mut().expect("candidates") {
        let c = c.as_object_mut().expect("candidate");
        c.remove("occupation_review");
        c.insert("occupation".into(), "hoc_sinh_sinh_vien".into());
    }
    v.to_string()
}

#[wasm_bindgen_test]
fn with_no_room_for_the_spare_copy_the_upgrade_still_checks_what_it_wrote() {
    let _ = storage::remove(DOC_KEY);
    // The pretty v1 file upgrades to a shorter compact text: it fits, but its copy does not.
    storage::write(DOC_KEY, V1_FILE).expect("write v1");
    let fillers = fill_storage_leaving(200);
    let store = Store::open();
    let outcome = store.upgraded.get_untracked();
    let text = stored();
    clear_fillers(fillers);
    assert_eq!(outcome, Some((1, Ok(()))));
    let loaded = format::load(text.expect("document").as_bytes(), ptdv::clock::today()).expect("loads");
    assert_eq!(loaded.meta.schema_version, format::SCHEMA_VERSION);
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None);
    let _ = storage::remove(DOC_KEY);
}

#[wasm_bindgen_test]
fn an_upgrade_that_storage_cannot_hold_leaves_the_old_document_as_it_was() {
    let _ = storage::remove(DOC_KEY);
    let v1 = compact_v1_all_students();
    storage::write(DOC_KEY, &v1).expect("write v1");
    // The upgraded text is longer (18 review marks): leave less room than that.
    let fillers = fill_storage_leaving(200);
    let store = Store::open();
    let outcome = store.upgraded.get_untracked();
    clear_fillers(fillers);
    let (from, result) = outcome.expect("an upgrade was tried");
    assert_eq!(from, 1);
    assert!(result.as_ref().is_err_and(|e| e.contains("đã đầy")), "{result:?}");
    assert!(matches!(store.status.get_untracked(), SaveStatus::Failed(_)));
    assert_eq!(stored().as_deref(), Some(v1.as_str()), "the v1 document is untouched");
    // The record is upgraded in memory, and saves once there is room.
    store.data.with_untracked(|d| assert_eq!(d.as_ref().map(|d| d.candidates.len()), Some(18)));
    store
        .try_update(|d| {
            d.ward.name = "Hòa An".into();
            Ok::<_, String>(())
        })
        .expect("edit");
    store.flush();
    let loaded = format::load(stored().expect("document").as_bytes(), ptdv::clock::today()).expect("loads");
    assert_eq!(loaded.meta.schema_version, format::SCHEMA_VERSION);
    let _ = storage::remove(DOC_KEY);
    let _ = storage::remove(BEFORE_UPGRADE_KEY);
}

#[wasm_bindgen_test]
fn when_the_spare_copy_takes_the_room_the_upgrade_needs_it_goes_and_the_upgrade_succeeds() {
    let _ = storage::remove(DOC_KEY);
    let v1 = compact_v1_all_students();
    let units = |s: &str| s.encode_utf16().count();
    let data = format::load(v1.as_bytes(), ptdv::clock::today()).expect("v1").data;
    let v2 = format::export_compact(&data, &ExportScope::Ward, APP_VERSION, ptdv::clock::now()).expect("export");
    let (d1, d2) = (units(&v1), units(&v2));
    assert!(d2 > d1 + 2_000, "the upgrade must be longer: {d1} → {d2}");
    storage::write(DOC_KEY, &v1).expect("write v1");
    // Room for the spare copy (d1) but not for the copy and the longer text together.
    storage::write("test:pad", &"x".repeat(d1 + 1_000)).expect("pad");
    let fillers = fill_storage_leaving(200);
    let _ = storage::remove("test:pad");
    let store = Store::open();
    let outcome = store.upgraded.get_untracked();
    let text = stored();
    let spare = storage::read(BEFORE_UPGRADE_KEY).expect("read");
    clear_fillers(fillers);
    assert_eq!(outcome, Some((1, Ok(()))));
    assert_eq!(spare, None, "the spare copy went to make room");
    let loaded = format::load(text.expect("document").as_bytes(), ptdv::clock::today()).expect("loads");
    assert_eq!(loaded.meta.schema_version, format::SCHEMA_VERSION);
    assert_eq!(loaded.data.candidates.iter().filter(|c| c.occupation_review.is_some()).count(), 18);
    let _ = storage::remove(DOC_KEY);
}
