//! The ward's record in memory and its safe keeping in localStorage.
//!
//! - Loading goes through `ptdv_domain::format::load`, the same loader as file import, reached
//!   through [`Reader`] (in the split build a part fetched when there is something to read).
//! - Stored text that fails to load is never overwritten: the store enters recovery, refuses to
//!   save, and the UI offers to download the raw text before starting again.
//! - Saves are debounced and flushed when the page is hidden or closed (`visibilitychange`,
//!   `pagehide`); a failed save (quota, storage blocked) keeps the data in memory, marks it
//!   unsaved and the UI shows a lasting banner with an export button.

use crate::clock;
use crate::reader::Reader;
use crate::storage::{self, StorageFailure, BACKUP_SINCE_KEY, BEFORE_IMPORT_KEY, BEFORE_UPGRADE_KEY, DOC_KEY, LAST_EXPORT_KEY};
use leptos::prelude::*;
use ptdv_domain::format::{self, ExportScope};
use ptdv_domain::model::WardData;
use ptdv_domain::rules::WardRules;
use std::sync::Arc;
use std::time::Duration;

mod tabs;
use tabs::Unreconciled;
pub use tabs::{fingerprint, External};

/// The app version written into every saved or exported envelope.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Days after which unexported edits bring the backup reminder.
pub const EXPORT_REMINDER_DAYS: i64 = 7;

/// When the reader's part cannot be fetched for a step that needs it.
pub const NOT_READ: &str = "Không tải được phần đọc dữ liệu của ứng dụng. Hãy kiểm tra kết nối mạng rồi tải lại trang. \
                            Dữ liệu của bạn vẫn còn nguyên trên máy này.";

/// How long edits are collected before one save.
const SAVE_DELAY: Duration = Duration::from_millis(400);

/// Where the last save stands, shown in the header.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing to save yet (first run).
    Empty,
    /// Everything is in storage.
    Saved { at: chrono::DateTime<chrono::Utc> },
    /// An edit waits for the next save.
    Pending,
    /// The last save failed: the data lives only in this page until it succeeds or is exported.
    Failed(StorageFailure),
}

fn read_time(key: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    storage::read(key).ok().flatten().and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&chrono::Utc))
}

/// Where reading the stored document at start-up stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Opening {
    /// Read (or nothing to read): the pages show the record, or the welcome.
    Done,
    /// The reader's code is being fetched (split build): no page yet, and nothing is written.
    Reading,
    /// The reader's code could not be fetched: the stored document is untouched.
    NotLoaded,
}

/// Stored text that could not be loaded: kept untouched until the user has downloaded it.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// The document as text: unpacked when the stored form unpacked (so the download and the
    /// repair read JSON), else the stored text itself.
    pub raw: String,
    /// The stored text's fingerprint (what a write must find in storage to replace it).
    pub stored: u64,
    pub error: String,
    /// The user downloaded the raw text: starting fresh is now allowed.
    pub downloaded: bool,
    /// What [`format::repair`] would change so that the text loads (shown before it is applied);
    /// empty when it cannot be repaired safely.
    pub fixes: Vec<format::Fix>,
}

/// Why the store refused an edit; every edit's error type can say it ([`Store::try_update`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// No ward is set up yet (first run, or recovery).
    NoWard,
    /// The edit would make a document the loader refuses: the loader's message.
    Unsaveable(String),
}

impl Refusal {
    pub fn message(&self) -> String {
        match self {
            Refusal::NoWard => "Chưa có dữ liệu của đảng bộ. Hãy thiết lập đảng bộ ở trang Tổng quan trước.".to_string(),
            Refusal::Unsaveable(why) => format!("Chưa lưu: dữ liệu sau khi sửa sẽ không mở lại được ({why}). Dữ liệu vẫn như trước."),
        }
    }
}

impl From<Refusal> for String {
    fn from(r: Refusal) -> String {
        r.message()
    }
}

impl From<Refusal> for Vec<ptdv_domain::form::FieldError> {
    fn from(r: Refusal) -> Self {
        vec![ptdv_domain::form::FieldError::new("", r.message())]
    }
}

/// The app's single source of truth, shared through context.
#[derive(Clone, Copy)]
pub struct Store {
    /// The ward's record; `None` before a ward is set up (first run) or during recovery.
    pub data: RwSignal<Option<WardData>>,
    pub status: RwSignal<SaveStatus>,
    /// Whether the stored document is read yet ([`Opening::Reading`] only while the reader's
    /// part is fetched).
    pub opening: RwSignal<Opening>,
    pub recovery: RwSignal<Option<Recovery>>,
    /// Whether an import can be undone (a snapshot is in storage).
    pub can_undo_import: RwSignal<bool>,
    /// When the whole ward was last exported on this machine.
    pub last_export: RwSignal<Option<chrono::DateTime<chrono::Utc>>>,
    /// When this machine started keeping the ward (the reminder's start before any export).
    backup_since: RwSignal<Option<chrono::DateTime<chrono::Utc>>>,
    /// A document another tab saved while this one had unsaved edits: the user decides.
    pub external: RwSignal<Option<External>>,
    /// The last update came from another tab (a short notice says so).
    pub synced_from_other_tab: RwSignal<bool>,
    /// The ward's rules (rule sets, local parameters, working calendar), rebuilt only when the
    /// ward's settings change; `Err` when the built-in rule sets cannot be read.
    pub rules: Memo<Option<Result<Arc<WardRules>, String>>>,
    /// Today where the user is: every deadline, age and "this year" on screen reads it, and it
    /// changes at midnight, so a page left open overnight shows the new day's deadlines.
    pub today: RwSignal<chrono::NaiveDate>,
    /// The stored document was written by an older app and upgraded on this open: the
    /// version it had, and whether the upgraded text is saved and read back (`Err` says why
    /// not; the old text is then still under [`BEFORE_UPGRADE_KEY`]).
    pub upgraded: RwSignal<Option<(u32, Result<(), String>)>>,
    /// Fingerprint of the stored text this tab last loaded or wrote.
    known: StoredValue<Option<u64>>,
    /// Why this page must not write the stored document (an upgrade that did not read back).
    hold_writes: StoredValue<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

impl Store {
    /// Reads storage once at start-up.
    pub fn open() -> Self {
        let data = RwSignal::new(None::<WardData>);
        let settings = Memo::new(move |_| data.with(|d| d.as_ref().map(|d| d.ward.settings.clone())));
        let rules = Memo::new(move |_| settings.with(|s| s.as_ref().map(|s| WardRules::new(s).map(Arc::new).map_err(|e| e.to_string()))));
        let store = Store {
            data,
            rules,
            status: RwSignal::new(SaveStatus::Empty),
            opening: RwSignal::new(Opening::Done),
            recovery: RwSignal::new(None),
            can_undo_import: RwSignal::new(matches!(storage::read(BEFORE_IMPORT_KEY), Ok(Some(_)))),
            last_export: RwSignal::new(read_time(LAST_EXPORT_KEY)),
            backup_since: RwSignal::new(read_time(BACKUP_SINCE_KEY)),
            external: RwSignal::new(None),
            synced_from_other_tab: RwSignal::new(false),
            upgraded: RwSignal::new(None),
            today: RwSignal::new(clock::today()),
            known: StoredValue::new(None),
            hold_writes: StoredValue::new(None),
            timer: StoredValue::new_local(None),
        };
        match storage::read(DOC_KEY) {
            Ok(None) => {}
            Ok(Some(raw)) => match Reader::now() {
                Some(reader) => store.open_stored(reader, raw),
                None => {
                    store.opening.set(Opening::Reading);
                    leptos::task::spawn_local(async move {
                        match Reader::get().await {
                            // The text as it is now (another tab may have saved meanwhile).
                            Ok(reader) => match storage::read(DOC_KEY) {
                                Ok(Some(raw)) => store.open_stored(reader, raw),
                                Ok(None) => {}
                                Err(failure) => store.status.set(SaveStatus::Failed(failure)),
                            },
                            Err(_) => return store.opening.set(Opening::NotLoaded),
                        }
                        store.opening.set(Opening::Done);
                    });
                }
            },
            Err(failure) => store.status.set(SaveStatus::Failed(failure)),
        }
        store
    }

    /// Takes the stored document `raw` as the record, upgrading an older form; or, when it does
    /// not load, enters recovery.
    fn open_stored(&self, reader: Reader, raw: String) {
        match (reader.load_stored)(&raw, clock::today()) {
            Ok((loaded, packed)) => {
                self.known.set_value(Some(fingerprint(&raw)));
                let from = loaded.migrated_from;
                let at = loaded.meta.exported_at;
                self.data.set(Some(loaded.data));
                self.status.set(SaveStatus::Saved { at });
                if from.is_some() || !packed {
                    // An older format, or the plain form older versions kept: written again
                    // in the packed form, safely.
                    let result = self.upgrade_stored(reader, &raw);
                    self.upgraded.set(Some((from.unwrap_or(format::SCHEMA_VERSION), result)));
                } else {
                    self.drop_upgrade_leftover(reader, at);
                }
            }
            Err(e) => {
                let stored = fingerprint(&raw);
                // A packed form that unpacks is shown and repaired as the JSON inside it.
                let raw = if format::is_packed(&raw) { (reader.unpack)(&raw).unwrap_or(raw) } else { raw };
                let fixes = (reader.repair)(raw.as_bytes(), clock::today()).map(|r| r.fixes).unwrap_or_default();
                self.recovery.set(Some(Recovery { raw, stored, error: e.to_string(), downloaded: false, fixes }));
            }
        }
    }

    /// Writes the document just migrated from an older file format (`raw`, as it was stored)
    /// in the current one, without a moment where neither is safe: the old text goes under
    /// [`BEFORE_UPGRADE_KEY`] first, then the new one is written, read back and loaded; only
    /// when it gives the same record does the old copy go. If the new text does not read back,
    /// the old one is put back under [`DOC_KEY`] (this tab keeps working on the upgraded record
    /// in memory, with the save marked failed). If storage cannot take the extra copy (quota),
    /// the old text is still in this page's memory for that check.
    fn upgrade_stored(&self, reader: Reader, raw: &str) -> Result<(), String> {
        let mut kept = storage::write(BEFORE_UPGRADE_KEY, raw).is_ok();
        self.status.set(SaveStatus::Pending);
        self.flush();
        if kept && matches!(self.status.get_untracked(), SaveStatus::Failed(_)) {
            // The spare copy took the room the new text needed: the old text is still in
            // place (a failed write changes nothing) and in this page's memory; try without it.
            let _ = storage::remove(BEFORE_UPGRADE_KEY);
            kept = false;
            self.status.set(SaveStatus::Pending);
            self.flush();
        }
        if let SaveStatus::Failed(failure) = self.status.get_untracked() {
            // Nothing was written over the old text.
            return Err(failure.message());
        }
        let same = match storage::read(DOC_KEY) {
            Ok(Some(text)) => {
                let back = (reader.load_stored)(&text, clock::today()).ok().filter(|(_, packed)| *packed).map(|(l, _)| l.data);
                self.data.with_untracked(|d| back.is_some() && back.as_ref() == d.as_ref())
            }
            _ => false,
        };
        if same {
            if kept {
                let _ = storage::remove(BEFORE_UPGRADE_KEY);
            }
            return Ok(());
        }
        // The new text does not give the same record back: put the old text back and write
        // nothing more from this page (every later save would write the same kind of text).
        let why = "Chưa lưu: bản nâng cấp dữ liệu đọc lại không khớp, nên dữ liệu cũ được giữ nguyên trong trình duyệt. \
                   Hãy xuất tệp sao lưu và báo người phụ trách kỹ thuật."
            .to_string();
        if storage::write(DOC_KEY, raw).is_ok() {
            self.known.set_value(Some(fingerprint(raw)));
        }
        self.hold_writes.set_value(Some(why.clone()));
        self.status.set(SaveStatus::Failed(StorageFailure::Refused(why.clone())));
        Err(why)
    }

    /// A copy kept by an upgrade that was cut short after the new form was written (the tab
    /// closed between the write and the check): it goes once the stored document, which loaded,
    /// holds the same record or a later one.
    fn drop_upgrade_leftover(&self, reader: Reader, stored_at: chrono::DateTime<chrono::Utc>) {
        let Ok(Some(old)) = storage::read(BEFORE_UPGRADE_KEY) else { return };
        let superseded = match (reader.load_stored)(&old, clock::today()) {
            Ok((l, _)) => l.meta.exported_at < stored_at || self.data.with_untracked(|d| d.as_ref() == Some(&l.data)),
            // Not readable as a document: it cannot be the only good copy of anything.
            Err(_) => false,
        };
        if superseded {
            let _ = storage::remove(BEFORE_UPGRADE_KEY);
        }
    }

    /// The ward's rules, tracked (a page re-renders when the ward's settings change); `None`
    /// before a ward exists or when the built-in rule sets cannot be read.
    pub fn ward_rules(&self) -> Option<Arc<WardRules>> {
        self.rules.with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned()))
    }

    /// [`Store::ward_rules`] without tracking, for event handlers.
    pub fn ward_rules_untracked(&self) -> Result<Arc<WardRules>, String> {
        self.rules.with_untracked(|r| match r {
            Some(r) => r.clone(),
            None => Err(Refusal::NoWard.message()),
        })
    }

    /// The store provided by `App`.
    pub fn get() -> Self {
        expect_context::<Store>()
    }

    /// Replaces the whole record (first run, demo, import) and saves it.
    pub fn set_data(&self, data: WardData) {
        if self.data.with_untracked(|d| d.is_none()) && self.last_export.get_untracked().is_none() {
            // The backup reminder counts from the day this machine started keeping the ward.
            let now = clock::now();
            let _ = storage::write(BACKUP_SINCE_KEY, &now.to_rfc3339());
            self.backup_since.set(Some(now));
        }
        self.data.set(Some(data));
        self.schedule_save();
    }

    /// The only way an edit reaches the ward's record: `edit` (a `records::` function or
    /// `record_step`) runs on a copy; when it succeeds and what it changed passes the loader's
    /// own checks ([`format::validate_edit`]), the copy becomes the record and is saved. On any
    /// error the record is as it was and nothing is notified or saved: the edit's own error,
    /// or a [`Refusal`] (no ward yet; a change the stored document could not hold).
    pub fn try_update<T, E: From<Refusal>>(&self, edit: impl FnOnce(&mut WardData) -> Result<T, E>) -> Result<T, E> {
        let Some(mut next) = self.data.get_untracked() else { return Err(Refusal::NoWard.into()) };
        let value = edit(&mut next)?;
        let checked = self.data.with_untracked(|current| match current {
            Some(current) => format::validate_edit(current, &next, clock::today()).map_err(|e| Refusal::Unsaveable(e.to_string())),
            None => Err(Refusal::NoWard),
        });
        checked?;
        self.data.set(Some(next));
        self.schedule_save();
        Ok(value)
    }

    fn schedule_save(&self) {
        self.status.set(SaveStatus::Pending);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let store = *self;
        let handle = set_timeout_with_handle(move || store.flush(), SAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// Writes the record now if an edit is waiting (also on `pagehide`/`visibilitychange`).
    pub fn flush(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        let waiting = matches!(self.status.get_untracked(), SaveStatus::Pending | SaveStatus::Failed(_));
        if !waiting || self.recovery.with_untracked(|r| r.is_some()) {
            return;
        }
        if let Some(why) = self.hold_writes.get_value() {
            self.status.set(SaveStatus::Failed(StorageFailure::Refused(why)));
            return;
        }
        let Some(mine) = self.data.get_untracked() else { return };
        // Never write over a document this tab has not seen: merge into it first.
        let data = match self.reconcile_before_write(&mine) {
            Ok(Some(merged)) => {
                self.data.set(Some(merged.clone()));
                merged
            }
            Ok(None) => mine,
            Err(Unreconciled::Refused(message)) => {
                self.status.set(SaveStatus::Failed(StorageFailure::Refused(message)));
                return;
            }
            Err(Unreconciled::ReaderComing) => {
                // The edit stays waiting until the reader's part is in; then the save reads
                // the other tab's document and merges into it.
                let store = *self;
                leptos::task::spawn_local(async move {
                    match Reader::get().await {
                        Ok(_) => store.flush(),
                        Err(_) => store.status.set(SaveStatus::Failed(StorageFailure::Refused(NOT_READ.to_string()))),
                    }
                });
                return;
            }
        };
        let now = clock::now();
        let result = match format::export_stored(&data, APP_VERSION, now) {
            Ok(text) => storage::write(DOC_KEY, &text).map(|()| fingerprint(&text)),
            Err(e) => Err(StorageFailure::Other(e.to_string())),
        };
        match result {
            Ok(hash) => {
                self.known.set_value(Some(hash));
                self.status.set(SaveStatus::Saved { at: now });
                storage::request_persistence();
            }
            Err(failure) => self.status.set(SaveStatus::Failed(failure)),
        }
    }

    /// How full this site's storage is (read again on each save: tracked by the save status).
    pub fn room(&self) -> format::StorageRoom {
        self.status.track();
        let used = storage::used_units().unwrap_or(0);
        let candidates = self.data.with_untracked(|d| d.as_ref().map_or(0, |d| d.candidates.len()));
        format::StorageRoom::of(used, format::QUOTA_UNITS, storage::units_of(DOC_KEY), candidates)
    }

    /// Whether importing `next` (the ward after the import) fits beside the undo snapshot;
    /// `Err` is the sentence to show.
    pub fn import_fits(&self, next: &WardData) -> Result<(), String> {
        let new_units = format::export_stored(next, APP_VERSION, clock::now()).map(|t| format::units(&t)).map_err(|e| e.to_string())?;
        let used = storage::used_units().map_err(|f| f.message())?;
        let has_data = self.data.with_untracked(Option::is_some);
        let (document, snapshot) = if has_data { (storage::units_of(DOC_KEY), storage::units_of(BEFORE_IMPORT_KEY)) } else { (0, 0) };
        format::import_fits(used, format::QUOTA_UNITS, document, snapshot, new_units).map_err(|needed| {
            format!(
                "Chưa nhập: bộ nhớ trình duyệt không đủ chỗ cho dữ liệu sau khi nhập cùng bản giữ lại để hoàn tác \
                 (cần khoảng {} ký tự, bộ nhớ có {}). Không có gì thay đổi. Hãy xuất tệp sao lưu trước, \
                 rồi nhập tệp này vào một trình duyệt hoặc máy còn trống.",
                ptdv_domain::text::format_count(needed),
                ptdv_domain::text::format_count(format::QUOTA_UNITS)
            )
        })
    }

    /// The record as an export file: (file name, text).
    pub fn export(&self, scope: &ExportScope) -> Result<(String, String), String> {
        self.data.with_untracked(|d| {
            let d = d.as_ref().ok_or_else(|| "Chưa có dữ liệu để xuất.".to_string())?;
            let text = format::export(d, scope, APP_VERSION, clock::now()).map_err(|e| e.to_string())?;
            Ok((format::export_file_name(d, scope, clock::today()), text))
        })
    }

    /// Remembers a successful export of the whole ward (for the reminder).
    pub fn note_export(&self) {
        let now = clock::now();
        let _ = storage::write(LAST_EXPORT_KEY, &now.to_rfc3339());
        self.last_export.set(Some(now));
    }

    /// Days since the last export (or since the ward was created, if never exported) when there
    /// are edits saved after it and at least [`EXPORT_REMINDER_DAYS`] have passed.
    pub fn export_reminder_days(&self) -> Option<i64> {
        let saved_at = match self.status.get() {
            SaveStatus::Saved { at } => at,
            SaveStatus::Pending | SaveStatus::Failed(_) => clock::now(),
            SaveStatus::Empty => return None,
        };
        let since = self.last_export.get().or_else(|| self.backup_since.get())?;
        let days = (clock::now() - since).num_days();
        (saved_at >= since && days >= EXPORT_REMINDER_DAYS).then_some(days)
    }

    /// Keeps the current stored document aside so an import can be undone. Fails (and the
    /// import must not go ahead silently) when storage cannot take the copy.
    pub fn snapshot_before_import(&self) -> Result<(), StorageFailure> {
        self.flush();
        let text = match storage::read(DOC_KEY)? {
            Some(text) => text,
            None => return Ok(()),
        };
        storage::write(BEFORE_IMPORT_KEY, &text)?;
        self.can_undo_import.set(true);
        Ok(())
    }

    /// Replaces the record with an import's result: the current stored document kept first
    /// for "Hoàn tác nhập", then the new one saved at once. If either write fails, the record
    /// and the stored document are as they were, and the sentence says why.
    pub fn apply_import(&self, next: WardData) -> Result<(), String> {
        let previous = self.data.get_untracked();
        if previous.is_some() {
            self.snapshot_before_import().map_err(|f| {
                format!("Chưa nhập: không giữ được bản dữ liệu hiện tại để hoàn tác ({}). Hãy xuất tệp sao lưu trước.", f.message())
            })?;
        }
        let status = self.status.get_untracked();
        self.set_data(next);
        self.flush();
        if let SaveStatus::Failed(failure) = self.status.get_untracked() {
            // Nothing was written over the stored document: back to it, in memory too.
            self.data.set(previous);
            self.status.set(status);
            return Err(format!("Chưa nhập: {} Dữ liệu trên máy vẫn như trước khi nhập.", failure.message()));
        }
        Ok(())
    }

    /// Restores the document kept before the last import ("Hoàn tác nhập").
    pub fn undo_import(&self, reader: Reader) -> Result<(), String> {
        let raw = storage::read(BEFORE_IMPORT_KEY)
            .map_err(|f| f.message())?
            .ok_or_else(|| "Không còn bản dữ liệu trước lần nhập để hoàn tác.".to_string())?;
        let (loaded, _) = (reader.load_stored)(&raw, clock::today()).map_err(|e| e.to_string())?;
        storage::write(DOC_KEY, &raw).map_err(|f| f.message())?;
        self.known.set_value(Some(fingerprint(&raw)));
        self.data.set(Some(loaded.data));
        self.status.set(SaveStatus::Saved { at: clock::now() });
        let _ = storage::remove(BEFORE_IMPORT_KEY);
        self.can_undo_import.set(false);
        Ok(())
    }

    /// Leaves recovery after the raw text was downloaded: the unreadable text is removed and
    /// the app starts as on first run.
    pub fn start_fresh_after_recovery(&self) -> Result<(), String> {
        let downloaded = self.recovery.with_untracked(|r| r.as_ref().is_some_and(|r| r.downloaded));
        if !downloaded {
            return Err("Hãy tải bản dữ liệu cũ về máy trước khi bắt đầu lại.".into());
        }
        storage::remove(DOC_KEY).map_err(|f| f.message())?;
        self.known.set_value(None);
        self.recovery.set(None);
        self.data.set(None);
        self.status.set(SaveStatus::Empty);
        Ok(())
    }

    /// Leaves recovery by applying the repairs the recovery view listed: the repaired record
    /// (each fix in its change history) replaces the unreadable text, which the user has just
    /// downloaded (`downloaded` must be set first).
    pub fn repair_from_recovery(&self) -> Result<usize, String> {
        let Some(recovery) = self.recovery.get_untracked() else { return Err("Không có dữ liệu nào cần sửa.".into()) };
        if !recovery.downloaded {
            return Err("Hãy tải bản dữ liệu cũ về máy trước khi sửa.".into());
        }
        // Recovery is entered only by reading, so the reader is here.
        let reader = Reader::now().ok_or_else(|| NOT_READ.to_string())?;
        let repaired = (reader.repair)(recovery.raw.as_bytes(), clock::today()).map_err(|e| format!("Không sửa được: {e}"))?;
        let fixed = repaired.fixes.len();
        let data = repaired.into_data(clock::now());
        // The unreadable text is the one this tab has seen: the write below replaces it.
        self.known.set_value(Some(recovery.stored));
        self.recovery.set(None);
        self.data.set(Some(data));
        self.status.set(SaveStatus::Pending);
        self.flush();
        Ok(fixed)
    }

    /// Moves [`Store::today`] to the new day: at the next midnight (a timer, re-armed each day),
    /// and whenever the page is shown again (a sleeping computer delays timers).
    pub fn install_day_change(&self) {
        let store = *self;
        store.arm_midnight();
        let visible = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                store.check_day();
            }
        });
        let focus = window_event_listener(leptos::ev::focus, move |_| store.check_day());
        on_cleanup(move || {
            visible.remove();
            focus.remove();
        });
    }

    fn check_day(&self) {
        let today = clock::today();
        if self.today.get_untracked() != today {
            self.today.set(today);
        }
    }

    fn arm_midnight(&self) {
        let store = *self;
        let wait = Duration::from_millis(clock::millis_to_next_midnight() + 1_000);
        let _ = set_timeout_with_handle(
            move || {
                store.check_day();
                store.arm_midnight();
            },
            wait,
        );
    }

    /// Flush on the page's lifecycle edges, so closing the tab right after an edit loses nothing.
    pub fn install_lifecycle_flush(&self) {
        let store = *self;
        let hide = window_event_listener(leptos::ev::pagehide, move |_| store.flush());
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                store.flush();
            }
        });
        on_cleanup(move || {
            hide.remove();
            visibility.remove();
        });
    }
}
