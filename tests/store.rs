//! Browser tests of the store's one write path: an edit goes through `try_update`, which never
//! keeps (or saves) a change the loader would refuse; and a stored document the loader refuses
//! is offered a repair that loses no record.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::{GetUntracked, Set, Update, WithUntracked};
use ptdv::storage::{self, DOC_KEY};
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
