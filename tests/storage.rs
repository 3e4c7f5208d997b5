//! Browser tests of the localStorage adapter (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use ptdv::storage::{self, StorageFailure};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FILLER_PREFIX: &str = "test:filler:";

fn clear_fillers() {
    if let Some(ls) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        for i in 0..64 {
            let _ = ls.remove_item(&format!("{FILLER_PREFIX}{i}"));
        }
    }
}

#[wasm_bindgen_test]
fn write_read_remove_round_trip() {
    let key = "test:round-trip";
    storage::write(key, "Đảng bộ phường Hòa An — ✓").expect("write");
    assert_eq!(storage::read(key).expect("read").as_deref(), Some("Đảng bộ phường Hòa An — ✓"));
    storage::remove(key).expect("remove");
    assert_eq!(storage::read(key).expect("read"), None);
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_the_previous_value_survives() {
    clear_fillers();
    let key = "test:precious";
    storage::write(key, "bản cũ").expect("first write fits");
    // Fill the site's quota (≈5.2 M UTF-16 units in Chromium) with 1 M-unit chunks.
    let chunk = "x".repeat(1_000_000);
    let mut filled = 0;
    let failure = loop {
        match storage::write(&format!("{FILLER_PREFIX}{filled}"), &chunk) {
            Ok(()) => filled += 1,
            Err(e) => break e,
        }
        assert!(filled < 64, "storage never filled up");
    };
    assert_eq!(failure, StorageFailure::Quota, "after {filled} chunks");
    // A larger write to the precious key fails as quota and leaves the old value intact.
    assert_eq!(storage::write(key, &chunk), Err(StorageFailure::Quota));
    assert_eq!(storage::read(key).expect("read").as_deref(), Some("bản cũ"));
    assert!(failure.message().contains("đã đầy"));
    let used = storage::used_units().expect("used units");
    assert!(used > 4_000_000, "quota counted in UTF-16 units: {used}");
    clear_fillers();
    storage::remove(key).expect("remove");
    assert!(storage::used_units().expect("used units") < 1_000);
}
