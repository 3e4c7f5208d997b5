//! Browser tests of the store's one write path: an edit goes through `try_update`, which never
//! keeps (or saves) a change the loader would refuse; and a stored document the loader refuses
//! is offered a repair that loses no record.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::{GetUntracked, Set, Update, WithUntracked};
use ptdv::storage::{self, BEFORE_IMPORT_KEY, BEFORE_UPGRADE_KEY, DOC_KEY};
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
    let loaded = stored_loaded();
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
    let loaded = stored_loaded();
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

/// What is stored, loaded (packed or plain).
fn stored_loaded() -> format::Loaded {
    let text = stored().expect("document");
    let (loaded, packed) = format::load_stored(&text, ptdv::clock::today()).expect("loads");
    assert!(packed, "the stored document is packed");
    loaded
}

fn clean() {
    storage::clear_faults();
    for key in [DOC_KEY, BEFORE_UPGRADE_KEY, BEFORE_IMPORT_KEY] {
        let _ = storage::remove(key);
    }
}

#[wasm_bindgen_test]
fn a_stored_v1_document_is_upgraded_on_first_open_and_the_old_text_goes_only_once_the_new_reads_back() {
    clean();
    storage::write(DOC_KEY, V1_FILE).expect("write v1");
    let store = Store::open();
    assert_eq!(store.upgraded.get_untracked(), Some((1, Ok(()))));
    let loaded = stored_loaded();
    assert_eq!((loaded.meta.schema_version, loaded.migrated_from), (format::SCHEMA_VERSION, None));
    store.data.with_untracked(|d| assert_eq!(d.as_ref(), Some(&loaded.data), "what is stored is what is in memory"));
    assert_eq!(loaded.data.candidates.len(), 18);
    assert_eq!(loaded.data.candidates.iter().filter(|c| c.occupation_review.is_some()).count(), 13);
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None, "the old copy went after the check");
    // Opened again: nothing to upgrade.
    let again = Store::open();
    assert_eq!(again.upgraded.get_untracked(), None);
    clean();
}

/// The demo ward as the previous version stored it: plain compact JSON.
fn plain_demo() -> (String, ptdv_domain::model::WardData) {
    let data = ptdv_domain::demo::demo_ward(ptdv::clock::today(), ptdv::clock::now());
    (format::export_compact(&data, &ExportScope::Ward, "0.1.0", ptdv::clock::now()).expect("export"), data)
}

#[wasm_bindgen_test]
fn a_plain_stored_document_is_packed_on_first_open_read_back_and_only_then_the_plain_copy_goes() {
    clean();
    let (plain, data) = plain_demo();
    storage::write(DOC_KEY, &plain).expect("write plain");
    let store = Store::open();
    assert_eq!(store.upgraded.get_untracked(), Some((format::SCHEMA_VERSION, Ok(()))));
    assert_eq!(stored_loaded().data, data);
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None);
    let units = format::units(&stored().expect("document"));
    assert!(units * 10 < format::units(&plain), "packed: {units} units against {}", format::units(&plain));
    assert!(units * 100 < 3 * 5_242_880, "the demo ward under 3 % of the quota: {units} units");
    // An older app meets the packed form: its loader (the plain one) refuses it as newer.
    assert!(matches!(
        format::load(stored().expect("document").as_bytes(), ptdv::clock::today()),
        Err(format::LoadError::NewerVersion { .. })
    ));
    clean();
}

#[wasm_bindgen_test]
fn with_no_room_for_the_spare_copy_the_upgrade_still_checks_what_it_wrote() {
    clean();
    let (plain, data) = plain_demo();
    storage::write(DOC_KEY, &plain).expect("write plain");
    storage::inject(BEFORE_UPGRADE_KEY, storage::Fault::Quota, 1);
    let store = Store::open();
    assert_eq!(store.upgraded.get_untracked(), Some((format::SCHEMA_VERSION, Ok(()))));
    assert_eq!(stored_loaded().data, data);
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None);
    clean();
}

#[wasm_bindgen_test]
fn an_upgrade_whose_write_fails_leaves_the_old_document_as_it_was() {
    clean();
    let (plain, data) = plain_demo();
    storage::write(DOC_KEY, &plain).expect("write plain");
    // The packed write fails, with and without the spare copy beside it.
    storage::inject(DOC_KEY, storage::Fault::Quota, 2);
    let store = Store::open();
    let (_, result) = store.upgraded.get_untracked().expect("an upgrade was tried");
    assert!(result.as_ref().is_err_and(|e| e.contains("đã đầy")), "{result:?}");
    assert!(matches!(store.status.get_untracked(), SaveStatus::Failed(_)));
    assert_eq!(stored().as_deref(), Some(plain.as_str()), "the plain document is untouched");
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None, "no copy left behind");
    store.data.with_untracked(|d| assert_eq!(d.as_ref(), Some(&data)));
    // Once storage takes it, the next save writes the packed form.
    store
        .try_update(|d| {
            d.ward.name = "Hòa An".into();
            Ok::<_, String>(())
        })
        .expect("edit");
    store.flush();
    assert_eq!(stored_loaded().data.candidates.len(), data.candidates.len());
    clean();
}

#[wasm_bindgen_test]
fn an_upgrade_whose_text_does_not_read_back_puts_the_old_one_back_and_writes_nothing_more() {
    clean();
    let (plain, data) = plain_demo();
    storage::write(DOC_KEY, &plain).expect("write plain");
    storage::inject(DOC_KEY, storage::Fault::Damage, 1);
    let store = Store::open();
    let (_, result) = store.upgraded.get_untracked().expect("an upgrade was tried");
    assert!(result.is_err(), "{result:?}");
    assert_eq!(stored().as_deref(), Some(plain.as_str()), "the plain document is back");
    store.data.with_untracked(|d| assert_eq!(d.as_ref(), Some(&data)));
    // This page writes nothing more over it.
    let _ = store.try_update(|d| {
        d.ward.name = "Hòa An".into();
        Ok::<_, String>(())
    });
    store.flush();
    assert_eq!(stored().as_deref(), Some(plain.as_str()));
    // A next open (the tab reloaded) upgrades it.
    let again = Store::open();
    assert_eq!(again.upgraded.get_untracked(), Some((format::SCHEMA_VERSION, Ok(()))));
    assert_eq!(stored_loaded().data, data);
    clean();
}

#[wasm_bindgen_test]
fn an_upgrade_cut_short_at_any_step_finds_a_complete_document_on_the_next_open() {
    clean();
    let (plain, data) = plain_demo();
    // Closed after the spare copy: both plain.
    storage::write(BEFORE_UPGRADE_KEY, &plain).expect("spare");
    storage::write(DOC_KEY, &plain).expect("doc");
    let store = Store::open();
    assert_eq!(store.upgraded.get_untracked(), Some((format::SCHEMA_VERSION, Ok(()))));
    assert_eq!(stored_loaded().data, data);
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None);
    // Closed after the packed write, before the check: the packed one loads, the copy goes.
    let packed = stored().expect("document");
    storage::write(BEFORE_UPGRADE_KEY, &plain).expect("spare");
    let store = Store::open();
    assert_eq!(store.upgraded.get_untracked(), None);
    store.data.with_untracked(|d| assert_eq!(d.as_ref(), Some(&data)));
    assert_eq!(stored().as_deref(), Some(packed.as_str()));
    assert_eq!(storage::read(BEFORE_UPGRADE_KEY).expect("read"), None, "the leftover copy went");
    // A leftover that is not a document stays (it may be someone's only copy of something).
    storage::write(BEFORE_UPGRADE_KEY, "{ pas un document").expect("spare");
    let _ = Store::open();
    assert!(storage::read(BEFORE_UPGRADE_KEY).expect("read").is_some());
    clean();
}

/// Each step of the 10,000-candidate test is its own task: the unoptimised build takes seconds per
/// step, and a page that does not answer the test driver for 30 s is taken for dead.
async fn step<T>(label: &str, work: impl FnOnce() -> T) -> T {
    ptdv::clock::next_task().await;
    let start = ptdv::clock::monotonic_ms();
    let out = work();
    let ms = ptdv::clock::monotonic_ms() - start;
    web_sys::console::log_1(&format!("10,000 candidates, {label}: {ms:.0} ms").into());
    out
}

#[wasm_bindgen_test]
async fn ten_thousand_candidates_are_saved_packed_and_read_back() {
    clean();
    let big = step("made", || {
        let demo = ptdv_domain::demo::demo_ward(ptdv::clock::today(), ptdv::clock::now());
        ptdv_domain::demo::scale(&demo, 30)
    })
    .await;
    assert!(big.candidates.len() >= 10_000);
    let store = step("opened", Store::open).await;
    step("set", || store.set_data(big.clone())).await;
    step("saved", || store.flush()).await;
    assert!(matches!(store.status.get_untracked(), SaveStatus::Saved { .. }), "{:?}", store.status.get_untracked());
    let units = format::units(&stored().expect("document"));
    assert!(units < 5_242_880 * 6 / 10, "{units} units: the ward fits, with room for edits");
    let again = step("read back", Store::open).await;
    again.data.with_untracked(|d| assert_eq!(d.as_ref(), Some(&big)));
    web_sys::console::log_1(&format!("10,000-candidate ward stored: {units} UTF-16 units").into());
    clean();
}
