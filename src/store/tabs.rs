//! Two tabs of the app on one machine share one localStorage document. A save in one tab
//! reaches the other through the `storage` event; a tab with unsaved edits asks before taking
//! the other tab's data; and no write ever replaces a document this tab has not seen: it merges
//! record by record (the newer `updated_at` wins) instead.

use super::{Opening, SaveStatus, Store, NOT_READ};
use crate::clock;
use crate::reader::Reader;
use crate::storage::{self, DOC_KEY};
use leptos::prelude::*;
use ptdv_domain::model::WardData;

/// A document another tab saved while this tab had unsaved edits.
#[derive(Clone, Debug, PartialEq)]
pub struct External {
    pub data: WardData,
    pub raw_hash: u64,
}

/// Why a write cannot go ahead yet over a document another tab saved.
pub(super) enum Unreconciled {
    /// Refused: that document cannot be read or merged (the sentence says why).
    Refused(String),
    /// The reader's part is still being fetched (split build).
    ReaderComing,
}

/// FNV-1a over the document text: enough to tell "the text I last saw" from any other.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

impl Store {
    /// Listens for saves made in other tabs.
    pub fn install_tab_sync(&self) {
        let store = *self;
        let listener = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            // `key` is null after localStorage.clear(); then our document is gone too.
            match ev.key() {
                Some(key) if key == DOC_KEY => store.on_other_tab_saved(ev.new_value()),
                None => store.on_other_tab_saved(None),
                Some(_) => {}
            }
        });
        on_cleanup(move || listener.remove());
    }

    fn has_unsaved_edits(&self) -> bool {
        matches!(self.status.get_untracked(), SaveStatus::Pending | SaveStatus::Failed(_))
    }

    fn on_other_tab_saved(&self, text: Option<String>) {
        let Some(text) = text else {
            // Another tab started afresh. Keep what is on screen; it is saved again on the next edit.
            self.known.set_value(None);
            return;
        };
        let hash = fingerprint(&text);
        if self.known.get_value() == Some(hash) {
            return;
        }
        if self.opening.get_untracked() != Opening::Done {
            // Start-up reads the stored text once its reader is in, and so takes this save.
            return;
        }
        match Reader::now() {
            Some(reader) => self.take_other_tabs(reader, &text, hash),
            None => {
                let store = *self;
                leptos::task::spawn_local(async move {
                    if let Ok(reader) = Reader::get().await {
                        store.take_other_tabs(reader, &text, hash);
                    }
                });
            }
        }
    }

    fn take_other_tabs(&self, reader: Reader, text: &str, hash: u64) {
        if self.known.get_value() == Some(hash) {
            return;
        }
        let loaded = match (reader.load_stored)(text, clock::today()) {
            Ok((loaded, _)) => loaded,
            // Not readable here (say, a newer version of the app in the other tab): keep ours,
            // and the write guard below refuses to overwrite it blindly.
            Err(_) => return,
        };
        if self.recovery.with_untracked(|r| r.is_some()) {
            return;
        }
        if self.has_unsaved_edits() {
            self.external.set(Some(External { data: loaded.data, raw_hash: hash }));
        } else {
            self.data.set(Some(loaded.data));
            self.status.set(SaveStatus::Saved { at: loaded.meta.exported_at });
            self.known.set_value(Some(hash));
            self.synced_from_other_tab.set(true);
        }
    }

    /// The user's answer when both tabs had changes: keep both (merge, the newer version of each
    /// record wins) or take the other tab's data and drop this tab's unsaved edits.
    pub fn resolve_external(&self, merge: bool) -> Result<(), String> {
        let Some(external) = self.external.get_untracked() else { return Ok(()) };
        if merge {
            let mine = self.data.get_untracked();
            let merged = match mine {
                // The other tab's document was read, so the reader is here.
                Some(mine) => (Reader::now().ok_or_else(|| NOT_READ.to_string())?.merge)(&external.data, &mine, clock::today())
                    .map(|(m, _)| m)
                    .map_err(|e| e.to_string())?,
                None => external.data,
            };
            self.known.set_value(Some(external.raw_hash));
            self.external.set(None);
            self.set_data(merged);
            self.flush();
        } else {
            self.data.set(Some(external.data));
            self.known.set_value(Some(external.raw_hash));
            self.external.set(None);
            self.status.set(SaveStatus::Saved { at: clock::now() });
        }
        Ok(())
    }

    /// Before a write: if storage holds a document this tab has not seen (another tab saved and
    /// its event is not handled yet), returns our data merged into it; `Err` when that
    /// document cannot be read or merged, so nothing is written over it.
    pub(super) fn reconcile_before_write(&self, mine: &WardData) -> Result<Option<WardData>, Unreconciled> {
        let stored = match storage::read(DOC_KEY) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(None),
            Err(f) => return Err(Unreconciled::Refused(f.message())),
        };
        if self.known.get_value() == Some(fingerprint(&stored)) {
            return Ok(None);
        }
        let reader = Reader::now().ok_or(Unreconciled::ReaderComing)?;
        let (theirs, _) = (reader.load_stored)(&stored, clock::today())
            .map_err(|e| Unreconciled::Refused(format!("Một tab khác đã lưu dữ liệu mà tab này không đọc được ({e}). Chưa ghi đè.")))?;
        if theirs.data.ward.id != mine.ward.id {
            return Err(Unreconciled::Refused(format!(
                "Một tab khác vừa lưu dữ liệu của “{}”. Tab này không ghi đè lên dữ liệu đó; hãy xuất tệp sao lưu rồi tải lại trang.",
                theirs.data.ward.full_name()
            )));
        }
        (reader.merge)(&theirs.data, mine, clock::today()).map(|(merged, _)| Some(merged)).map_err(|e| Unreconciled::Refused(e.to_string()))
    }
}
