//! Browser test of the store's write guard: a save never replaces a document that another tab
//! wrote after this tab last looked (the `storage` event may not have arrived yet).
#![cfg(target_arch = "wasm32")]

use chrono::Duration;
use leptos::prelude::GetUntracked;
use ptdv::storage::{self, DOC_KEY};
use ptdv::store::{SaveStatus, Store, APP_VERSION};
use ptdv_domain::format::{self, ExportScope};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_save_merges_into_a_document_written_meanwhile_by_another_tab() {
    let _ = storage::remove(DOC_KEY);
    let now = ptdv::clock::now();
    let today = ptdv::clock::today();
    let store = Store::open();
    let demo = ptdv_domain::demo::demo_ward(today, now);
    store.set_data(demo.clone());
    store.flush();
    assert!(matches!(store.status.get_untracked(), SaveStatus::Saved { .. }));

    // Another tab saves an edit of candidate 1 (no storage event reaches this document).
    let mut theirs = demo.clone();
    theirs.candidates[1].full_name = "Sửa ở tab khác".into();
    theirs.candidates[1].updated_at = now + Duration::hours(1);
    let text = format::export_compact(&theirs, &ExportScope::Ward, APP_VERSION, now).expect("export");
    storage::write(DOC_KEY, &text).expect("write");

    // This tab edits candidate 0 and saves.
    store
        .try_update(|d| {
            d.candidates[0].full_name = "Sửa ở tab này".into();
            d.candidates[0].updated_at = now + Duration::hours(2);
            Ok::<_, String>(())
        })
        .expect("edit");
    store.flush();

    let stored = storage::read(DOC_KEY).expect("read").expect("document");
    let (loaded, packed) = format::load_stored(&stored, today).expect("loads");
    assert!(packed, "written packed over the other tab's plain document (an older version's)");
    assert_eq!(loaded.data.candidates[0].full_name, "Sửa ở tab này");
    assert_eq!(loaded.data.candidates[1].full_name, "Sửa ở tab khác", "the other tab's edit survives");
    let _ = storage::remove(DOC_KEY);
}

#[wasm_bindgen_test]
fn a_document_of_another_ward_is_never_overwritten() {
    let _ = storage::remove(DOC_KEY);
    let now = ptdv::clock::now();
    let today = ptdv::clock::today();
    let store = Store::open();
    let demo = ptdv_domain::demo::demo_ward(today, now);
    store.set_data(demo.clone());
    store.flush();

    let mut other = demo.clone();
    other.ward.id = ptdv_domain::model::WardId::new("another-ward");
    other.ward.name = "Tân Lập".into();
    let text = format::export_compact(&other, &ExportScope::Ward, APP_VERSION, now).expect("export");
    storage::write(DOC_KEY, &text).expect("write");

    store
        .try_update(|d| {
            d.candidates[0].full_name = "Sửa ở tab này".into();
            Ok::<_, String>(())
        })
        .expect("edit");
    store.flush();
    assert!(matches!(store.status.get_untracked(), SaveStatus::Failed(_)), "refused, with a message");
    assert_eq!(storage::read(DOC_KEY).expect("read").as_deref(), Some(text.as_str()), "untouched");
    let _ = storage::remove(DOC_KEY);
}
