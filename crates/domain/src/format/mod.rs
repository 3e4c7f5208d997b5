//! The ptdv file format: export, load (for the stored copy and for imported files alike),
//! migrations, validation, the encrypted envelope, and import (preview, merge, replace).
//! Described for people in `docs/file-format.md`; as a JSON Schema in
//! `docs/ptdv-file.schema.json`.
//!
//! ```json
//! { "format": "ptdv", "schema_version": 2, "app_version": "0.2.0",
//!   "exported_at": "2026-11-22T08:30:00Z", "ward": { "id": "…", "name": "Hòa An" },
//!   "scope": { "kind": "ward" },            // or { "kind": "cell", "cell_id": "…" }
//!   "data": { "ward": {…}, "cells": […], "members": […], "candidates": […],
//!             "classes": […], "targets": […], "changes": […] } }   // `changes`: crate::changes
//! ```
//!
//! * [`export`] / [`export_compact`] write it (pretty for files, compact for localStorage);
//!   [`export_file_name`] names the file.
//! * [`load`] reads it: size, encoding, JSON, format, version, migrations, records, validation;
//!   each failure is a typed [`LoadError`] with a Vietnamese message saying where.
//! * [`validate`] / [`check`] are the data checks on their own.
//! * [`preview`], [`merge`], [`replace_all`] import a loaded file.
//! * [`parse_encrypted`] / [`build_encrypted`] handle the passphrase-protected envelope whose
//!   crypto runs in the browser.
//!
//! Strings are kept exactly as written (markup such as `<script>` included): the UI escapes
//! them when it shows them.

// `LoadError` carries the record, field and values it names (about 150 bytes); it is returned
// once per load or merge, never in a loop, so boxing it would buy nothing.
#![allow(clippy::result_large_err)]

mod base64;
mod decode;
mod encrypted;
mod envelope;
mod error;
mod load;
mod loading;
mod merge;
mod migrate;
mod repair;
mod stored;
mod validate;

pub use crate::model::{field_name, RecordKind, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
pub use base64::{decode as base64_decode, encode as base64_encode, Base64Error};
pub use decode::{decode_owned, decode_text};
pub use encrypted::{
    build_encrypted, check_new_passphrase, encrypted_file_name, parse_encrypted, Cipher, EncryptedEnvelope, EncryptedFile, Kdf,
    DEFAULT_ITERATIONS, ENCRYPTED_FORMAT, ENCRYPTED_VERSION, IV_LEN, MAX_ITERATIONS, MIN_ITERATIONS, MIN_PASSPHRASE_CHARS, SALT_LEN,
    TAG_LEN,
};
pub use envelope::{cell_subset, export, export_compact, export_file_name, slug, EnvelopeMeta, ExportScope, WardRef};
pub use error::{field_label, DateProblem, EncryptedProblem, ExportError, LoadError, LoadWarning, Location, RecordRef};
pub use load::{load, Loaded};
pub use loading::{Loading, Step};
pub use merge::{merge, preview, replace_all, Conflict, ImportPreview, KindCounts};
pub use migrate::{v1_to_v2, Migration, MIGRATIONS, V1_OCCUPATIONS};
pub use repair::{repair, Fix, FixProblem, Repaired};
pub use stored::{
    export_stored, from_text, import_fits, is_packed, load_stored, pack, to_text, units, unpack, StorageRoom, PACKING, QUOTA_UNITS,
    UNITS_PER_CANDIDATE,
};
pub(crate) use validate::target_title;
pub use validate::{check, min_date, validate, validate_edit, CheckReport, MAX_YEAR, MIN_YEAR, YOUNG_AGE_YEARS};

/// The `format` of a plain file.
pub const FORMAT: &str = "ptdv";

/// The schema version this app writes, and the newest it reads. Version 1 is the first
/// released format; version 2 has the occupations of Biểu 2-BTCTW. Raise it with a migration:
/// see `docs/file-format.md`.
pub const SCHEMA_VERSION: u32 = 2;

/// Largest input [`load`] accepts: 128 MiB.
///
/// Why: a file of 10,000 candidates — the size the app must import (and be measured on) —
/// loads as it is exported, pretty-printed, with its change log full, and a wrong file is still
/// refused before it is decoded or parsed. Measured (`format::tests::sizes`): the demo ward ×30
/// (10,140 candidates) with a full change log exports to 92.4 MiB pretty (91.2 MiB without the
/// log), and loads in 4.7 s natively (release); 128 MiB leaves 38 % more. Indentation is 44 %
/// of that file (the compact form is 52.3 MiB): a pipeline history sits six levels deep.
///
/// Everything the app can keep is far below: localStorage holds 5,242,880 UTF-16 code units
/// per site (Chromium, Firefox), about 5.4 MB of UTF-8 for this mostly ASCII text, so a full
/// store exports to about 10 MB pretty, 13 MB encrypted. The UI should also check `File.size`
/// against this before reading a file into memory.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;

#[cfg(test)]
mod strategies;
#[cfg(test)]
mod tests;
