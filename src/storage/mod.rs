//! The browser's localStorage, wrapped so that no failure is silent: every call returns a typed
//! `StorageFailure` that the UI turns into a Vietnamese message, and a failed write leaves the
//! stored value as it was (the browser writes nothing on `QuotaExceededError`).
//!
//! Calls go to `web_sys::Storage` directly: the exact DOMException must be told apart (quota
//! vs. disabled storage), and reaching `window.localStorage` can itself throw (storage
//! disabled, some private modes) — gloo-storage's `LocalStorage::raw()` panics in that case,
//! so it is never assumed to exist.

use wasm_bindgen::JsCast;

/// The ward's document (the versioned envelope of `ptdv_domain::format`).
pub const DOC_KEY: &str = "ptdv:doc";
/// The document as it was before the last import, for "Hoàn tác nhập".
pub const BEFORE_IMPORT_KEY: &str = "ptdv:doc:before-import";
/// The stored document as an older app wrote it, kept while the app upgrades it to the current
/// file format, until the upgraded text is saved and reads back the same.
pub const BEFORE_UPGRADE_KEY: &str = "ptdv:doc:before-upgrade";
/// When the whole ward was last exported (RFC 3339), for the backup reminder.
pub const LAST_EXPORT_KEY: &str = "ptdv:last-export";
/// When this machine started keeping the ward (RFC 3339): the reminder's start before any export.
pub const BACKUP_SINCE_KEY: &str = "ptdv:backup-since";

/// Why a storage call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageFailure {
    /// localStorage cannot be reached at all (disabled, blocked, private mode).
    Unavailable(String),
    /// The browser's quota for this site is full; nothing was written.
    Quota,
    /// Any other error the browser reported.
    Other(String),
    /// The app itself declined to write, to protect data it could not merge; says why.
    Refused(String),
}

impl StorageFailure {
    /// The sentence shown to the user.
    pub fn message(&self) -> String {
        match self {
            StorageFailure::Unavailable(_) => "Trình duyệt đang chặn bộ nhớ của trang này, nên dữ liệu không lưu lại được \
                 trên máy. Bạn vẫn làm việc được, nhưng hãy xuất tệp sao lưu trước khi đóng trang."
                .to_string(),
            StorageFailure::Quota => "Bộ nhớ trình duyệt dành cho trang này đã đầy, thay đổi mới chưa được lưu. \
                 Dữ liệu vẫn còn nguyên trên màn hình: hãy xuất tệp sao lưu ngay."
                .to_string(),
            StorageFailure::Refused(why) => why.clone(),
            StorageFailure::Other(detail) => {
                format!("Trình duyệt không lưu được dữ liệu ({detail}). Hãy xuất tệp sao lưu ngay.")
            }
        }
    }
}

fn local_storage() -> Result<web_sys::Storage, StorageFailure> {
    let window = web_sys::window().ok_or_else(|| StorageFailure::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageFailure::Unavailable("localStorage is null".into())),
        Err(e) => Err(StorageFailure::Unavailable(describe(&e))),
    }
}

fn describe(e: &wasm_bindgen::JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        format!("{}: {}", ex.name(), ex.message())
    } else if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        String::from(err.message())
    } else {
        e.as_string().unwrap_or_else(|| "lỗi không rõ".into())
    }
}

/// Whether a thrown value is the quota error (standard name, plus the legacy Firefox name and
/// the legacy codes 22 and 1014 that older engines used).
fn is_quota_error(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>().is_some_and(|ex| {
        matches!(ex.name().as_str(), "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") || matches!(ex.code(), 22 | 1014)
    })
}

/// Reads a key; `Ok(None)` when it is absent.
pub fn read(key: &str) -> Result<Option<String>, StorageFailure> {
    local_storage()?.get_item(key).map_err(|e| StorageFailure::Other(describe(&e)))
}

/// A failure the browser tests inject into [`write`] to prove each step of a save or an
/// upgrade safe (nothing else calls [`inject`]; without it nothing changes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The write fails as on a full quota (nothing written).
    Quota,
    /// The write "succeeds" but keeps only the first half of the text (a damaged engine).
    Damage,
}

thread_local! {
    static FAULTS: std::cell::RefCell<Vec<(String, Fault, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes the next `times` writes to `key` meet `fault`.
pub fn inject(key: &str, fault: Fault, times: usize) {
    FAULTS.with(|f| f.borrow_mut().push((key.to_string(), fault, times)));
}

/// Removes every injected fault.
pub fn clear_faults() {
    FAULTS.with(|f| f.borrow_mut().clear());
}

fn fault_for(key: &str) -> Option<Fault> {
    FAULTS.with(|f| {
        let mut faults = f.borrow_mut();
        let i = faults.iter().position(|(k, _, n)| k == key && *n > 0)?;
        faults[i].2 -= 1;
        Some(faults[i].1)
    })
}

/// Writes a key. On any error nothing was written and the previous value is intact.
pub fn write(key: &str, value: &str) -> Result<(), StorageFailure> {
    match fault_for(key) {
        Some(Fault::Quota) => return Err(StorageFailure::Quota),
        Some(Fault::Damage) => {
            let half: String = value.chars().take(value.chars().count() / 2).collect();
            return local_storage()?.set_item(key, &half).map_err(|e| StorageFailure::Other(describe(&e)));
        }
        None => {}
    }
    local_storage()?.set_item(key, value).map_err(|e| {
        if is_quota_error(&e) {
            StorageFailure::Quota
        } else {
            StorageFailure::Other(describe(&e))
        }
    })
}

/// Removes a key (absent keys are fine).
pub fn remove(key: &str) -> Result<(), StorageFailure> {
    local_storage()?.remove_item(key).map_err(|e| StorageFailure::Other(describe(&e)))
}

/// Every key of this site.
pub fn keys() -> Result<Vec<String>, StorageFailure> {
    let storage = local_storage()?;
    let len = storage.length().map_err(|e| StorageFailure::Other(describe(&e)))?;
    Ok((0..len).filter_map(|i| storage.key(i).ok().flatten()).collect())
}

/// UTF-16 code units of one key's value (0 when absent), counted by the browser: the value
/// is not copied into the page's memory (the stored ward can be millions of units, read after
/// every save for the meter).
pub fn units_of(key: &str) -> usize {
    let Ok(storage) = local_storage() else { return 0 };
    let getter = js_sys::Reflect::get(&storage, &wasm_bindgen::JsValue::from_str("getItem")).ok();
    let value = getter
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&storage, &wasm_bindgen::JsValue::from_str(key)).ok());
    value.and_then(|v| v.dyn_into::<js_sys::JsString>().ok()).map_or(0, |s| s.length() as usize)
}

/// UTF-16 code units used by this site's keys and values: what the ≈5,242,880-unit quota
/// counts (TECH-NOTES D).
pub fn used_units() -> Result<usize, StorageFailure> {
    let storage = local_storage()?;
    let len = storage.length().map_err(|e| StorageFailure::Other(describe(&e)))?;
    let mut units = 0usize;
    for i in 0..len {
        if let Ok(Some(key)) = storage.key(i) {
            units += key.encode_utf16().count() + units_of(&key);
        }
    }
    Ok(units)
}

/// Asks the browser, once per page, to keep this site's storage when space runs low
/// (`navigator.storage.persist()`), called after the first successful save (there is data).
/// Fire and forget: the answer only changes eviction odds, so the promise is not awaited.
pub fn request_persistence() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static ASKED: AtomicBool = AtomicBool::new(false);
    if ASKED.swap(true, Ordering::Relaxed) {
        return;
    }
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().storage().persist();
    }
}
