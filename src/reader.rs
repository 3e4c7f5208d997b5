//! The file format's reader — loading a stored document or a file, the tabs' merge, the repair —
//! as the app reaches it (issue 15's first load).
//!
//! It is the largest piece of the app (the model's whole reading code) and a first visit does
//! not need it: storage is empty then. In the split build (`--cfg ptdv_split`) it is therefore a
//! part of its own (`ward`, with Tổng quan and Việc cần làm, which need a stored ward too),
//! fetched when there is something to read: a stored document at start-up, another tab's save,
//! the demo ward. [`Reader::get`] fetches it once; [`Reader::now`] gives it to code that runs
//! only after something was read. In every other build it is simply here.

use crate::split::NotLoaded;
use chrono::NaiveDate;
use ptdv_domain::format::{self, Conflict, LoadError, Loaded, Repaired};
use ptdv_domain::model::WardData;

/// A stored document read, and whether it was in the packed form.
type ReadStored = (Loaded, bool);
/// Two wards' records merged, and where both had changed a record.
type Merged = (WardData, Vec<Conflict>);

/// The reader's functions (function pointers, so that their code lives in the part).
#[derive(Clone, Copy)]
pub struct Reader {
    /// [`format::load_stored`]: a stored document (packed or not), and whether it was packed.
    pub load_stored: fn(&str, NaiveDate) -> Result<ReadStored, LoadError>,
    /// [`format::load`]: a file's bytes.
    pub load: fn(&[u8], NaiveDate) -> Result<Loaded, LoadError>,
    /// [`format::merge`]: record by record, the newer one wins.
    pub merge: fn(&WardData, &WardData, NaiveDate) -> Result<Merged, LoadError>,
    /// [`format::repair`]: what would make an unreadable text load.
    pub repair: fn(&[u8], NaiveDate) -> Result<Repaired, LoadError>,
    /// [`format::unpack`]: the JSON inside a packed stored form.
    pub unpack: fn(&str) -> Result<String, LoadError>,
}

fn built() -> Reader {
    Reader { load_stored: format::load_stored, load: format::load, merge: format::merge, repair: format::repair, unpack: format::unpack }
}

#[cfg(ptdv_split)]
thread_local! {
    static HERE: std::cell::Cell<Option<Reader>> = const { std::cell::Cell::new(None) };
}

#[cfg(ptdv_split)]
#[leptos::wasm_split::wasm_split(ward, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch() -> Result<Reader, NotLoaded> {
    Ok(built())
}

impl Reader {
    /// The reader, if it is here already.
    #[cfg(ptdv_split)]
    pub fn now() -> Option<Reader> {
        HERE.with(std::cell::Cell::get)
    }

    /// The reader, if it is here already.
    #[cfg(not(ptdv_split))]
    pub fn now() -> Option<Reader> {
        Some(built())
    }

    /// The reader, fetched first if need be; `Err` when its part cannot be fetched.
    #[cfg(ptdv_split)]
    pub async fn get() -> Result<Reader, NotLoaded> {
        if let Some(reader) = Reader::now() {
            return Ok(reader);
        }
        let reader = fetch().await?;
        HERE.with(|here| here.set(Some(reader)));
        Ok(reader)
    }

    /// The reader, fetched first if need be; `Err` when its part cannot be fetched.
    #[cfg(not(ptdv_split))]
    pub async fn get() -> Result<Reader, NotLoaded> {
        Ok(built())
    }
}
