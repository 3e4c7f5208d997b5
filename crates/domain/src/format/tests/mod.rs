//! Tests of the file format. The bad-file corpus and the good fixtures are in `tests/corpus/`
//! at the repository root (the browser tests use them too).

mod corpus;
mod edit;
mod export;
mod load;
mod loading;
mod merge;
mod messages;
mod migration;
mod props;
mod schema;
mod sizes;

use super::*;
use crate::model::*;
use chrono::{NaiveDate, TimeZone, Utc};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The `today` of every test (the corpus was written against it).
pub(crate) fn today() -> NaiveDate {
    super::strategies::today()
}

pub(crate) fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 30, 0).unwrap()
}

pub(crate) fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

pub(crate) fn read(rel: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The small hand-made fixture, loaded.
pub(crate) fn small() -> WardData {
    load(&read("good/v1-small.json"), today()).unwrap().data
}

/// The demo ward as of `today()` (built once: it takes a moment in debug builds).
pub(crate) fn demo() -> &'static WardData {
    static DEMO: OnceLock<WardData> = OnceLock::new();
    DEMO.get_or_init(|| crate::demo::demo_ward(today(), now()))
}

pub(crate) fn export_ward(d: &WardData) -> String {
    export(d, &ExportScope::Ward, "0.1.0-test", now()).unwrap()
}
