//! The document as the app keeps it in localStorage: compressed, packed into text the quota
//! counts cheaply. The exported file stays plain JSON ([`super::export`]); only the stored copy
//! (and the import's undo snapshot) take this form.
//!
//! The stored form is itself a ptdv envelope, so that every version of the app reads it
//! safely:
//!
//! ```json
//! {"format":"ptdv","schema_version":3,"app_version":"…","exported_at":"…","ward":{…},
//!  "scope":{"kind":"ward"},"packing":"zlib+15bit","packed_bytes":165000,"packed":"…"}
//! ```
//!
//! * `packed` holds the compact document ([`super::export_compact`]) compressed with zlib
//!   (deflate with an Adler-32 checksum: a damaged value is refused, never half-read) and
//!   written 15 bits per character in U+0020..U+801F — no surrogate (wasm-bindgen's UTF-8
//!   strings would mangle a lone one), no control character, two UTF-16 units for every 15
//!   bits of compressed data in any engine.
//! * `schema_version` is the packed document's own version plus one: an older app (which
//!   knows only the plain form) refuses it as made by a newer version and changes nothing, as
//!   its loader does for any newer file. This app recognises the form by `packed`, whatever
//!   the number, and loads the document inside with [`super::load`] (migrations included).
//! * Downgrading: export the ward from this version (files are plain JSON), and import that
//!   file into the older one.
//!
//! Compression is done here, synchronously (miniz_oxide), not with the browser's
//! `CompressionStream`: a save made on `pagehide` must be written before the page goes, and a
//! promise is not kept alive past it.

use super::{load, EnvelopeMeta, LoadError, Loaded, FORMAT, MAX_FILE_BYTES};
use serde::{Deserialize, Serialize};

/// The `packing` the app writes.
pub const PACKING: &str = "zlib+15bit";

/// The first character a packed value uses (lz-string's `compressToUTF16` range starts here).
const BASE: u32 = 0x20;

/// Whether `text` is a stored packed document (without reading it all).
pub fn is_packed(text: &str) -> bool {
    // The app writes the envelope's short fields first and `packed` last: `packing` is in the
    // opening (a plain document's opening is its envelope and ward, which have no such field).
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].contains("\"packing\":\"")
}

#[derive(Serialize)]
struct PackedOut<'a> {
    format: &'a str,
    schema_version: u32,
    app_version: &'a str,
    exported_at: &'a crate::model::Timestamp,
    ward: &'a super::WardRef,
    scope: &'a super::ExportScope,
    packing: &'a str,
    packed_bytes: usize,
    packed: String,
}

#[derive(Deserialize)]
struct PackedIn {
    #[serde(default)]
    packing: Option<String>,
    packed_bytes: usize,
    packed: String,
}

/// The zlib level: the best ratio for a ward's usual size; a faster one for very large wards,
/// whose saves would otherwise hold the page for seconds.
fn level_for(len: usize) -> u8 {
    if len <= 16 * 1024 * 1024 {
        6
    } else {
        3
    }
}

/// `document` (a compact export, the current schema) in its stored form. `meta` is its
/// envelope (the same fields, repeated so the stored form is recognised without unpacking).
pub fn pack(document: &str, meta: &EnvelopeMeta) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec_zlib(document.as_bytes(), level_for(document.len()));
    let out = PackedOut {
        format: FORMAT,
        schema_version: meta.schema_version + 1,
        app_version: &meta.app_version,
        exported_at: &meta.exported_at,
        ward: &meta.ward,
        scope: &meta.scope,
        packing: PACKING,
        packed_bytes: bytes.len(),
        packed: to_text(&bytes),
    };
    // Only strings and numbers: serializing cannot fail.
    crate::model::write::write_text(&out, false).unwrap_or_default()
}

/// The ward as the app keeps it in storage: the compact export ([`super::export_compact`])
/// packed ([`pack`]).
pub fn export_stored(data: &crate::model::WardData, app_version: &str, now: crate::model::Timestamp) -> Result<String, super::ExportError> {
    let document = super::export_compact(data, &super::ExportScope::Ward, app_version, now)?;
    let meta = EnvelopeMeta {
        schema_version: super::SCHEMA_VERSION,
        app_version: app_version.to_string(),
        exported_at: now,
        ward: super::WardRef::of(&data.ward),
        scope: super::ExportScope::Ward,
    };
    Ok(pack(&document, &meta))
}

/// The document inside a stored packed form, as text.
pub fn unpack(stored: &str) -> Result<String, LoadError> {
    let bad = |detail: &str| LoadError::BadEnvelope { field: "packed".into(), detail: detail.to_string() };
    let p: PackedIn = serde_json::from_str(stored).map_err(|e| bad(&format!("không đọc được phần nén ({e})")))?;
    if p.packing.as_deref().is_some_and(|k| k != PACKING) {
        return Err(bad("cách nén không được hỗ trợ"));
    }
    let bytes = from_text(&p.packed, p.packed_bytes).ok_or_else(|| bad("phần nén bị hỏng"))?;
    let plain = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_FILE_BYTES)
        .map_err(|_| bad("phần nén bị hỏng hoặc quá lớn"))?;
    String::from_utf8(plain).map_err(|_| bad("phần nén không phải văn bản UTF-8"))
}

/// Loads what the app keeps in storage: a packed document ([`unpack`], then [`load`]) or a
/// plain one as older versions kept it (`Loaded::packed` tells them apart).
pub fn load_stored(text: &str, today: chrono::NaiveDate) -> Result<(Loaded, bool), LoadError> {
    if is_packed(text) {
        let inner = unpack(text)?;
        return load(inner.as_bytes(), today).map(|l| (l, true));
    }
    load(text.as_bytes(), today).map(|l| (l, false))
}

/// Bytes as characters, 15 bits each, in U+0020..U+801F; the last carries the rest, padded.
pub fn to_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(&mut out, (acc >> bits) & 0x7FFF);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push(&mut out, (acc << (15 - bits)) & 0x7FFF);
    }
    out
}

fn push(out: &mut String, v: u32) {
    // BASE + v ≤ 0x801F: never a surrogate (0xD800..), always a char.
    if let Some(c) = char::from_u32(BASE + v) {
        out.push(c);
    }
}

/// The inverse of [`to_text`]: `len` bytes, or `None` when a character is out of the range
/// or there are too few.
pub fn from_text(text: &str, len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        let v = u32::from(c).checked_sub(BASE).filter(|v| *v <= 0x7FFF)?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (out.len() == len).then_some(out)
}

/// UTF-16 code units of `text`: what the localStorage quota counts.
pub fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The browser's localStorage quota for one site, in UTF-16 code units: 5 MiB of them in
/// Chromium and Firefox (TECH-NOTES D) \[U: no browser tells a page its quota; Safari's is the
/// same\].
pub const QUOTA_UNITS: usize = 5_242_880;

/// Units a candidate takes in the stored form when the ward has none to measure by: the demo
/// ward with a full change log (`format::tests::sizes`).
pub const UNITS_PER_CANDIDATE: usize = 430;

/// How full this site's storage is, and about how many more candidates fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageRoom {
    /// Units used by every key of the site (drafts and the undo snapshot included).
    pub used: usize,
    pub quota: usize,
    /// Units a candidate of this ward takes (its stored document ÷ its candidates).
    pub per_candidate: usize,
    /// Candidates that would still fit, at that rate.
    pub more_candidates: usize,
}

impl StorageRoom {
    /// From the units used, the stored document's units and its candidates.
    pub fn of(used: usize, quota: usize, document_units: usize, candidates: usize) -> StorageRoom {
        let per_candidate = if candidates >= 20 { document_units.div_ceil(candidates).max(1) } else { UNITS_PER_CANDIDATE };
        let more_candidates = quota.saturating_sub(used) / per_candidate;
        StorageRoom { used, quota, per_candidate, more_candidates }
    }

    /// The share used, as a ratio.
    pub fn share(&self) -> crate::statistics::Ratio {
        crate::statistics::Ratio::new(self.used as u64, self.quota as u64)
    }

    /// At 80 % or more: time to export and make room before a save fails.
    pub fn nearly_full(&self) -> bool {
        self.used * 5 >= self.quota * 4
    }
}

/// Whether an import fits before it starts: the site's other keys, the new document and the
/// undo snapshot (a copy of the current stored document) together within the quota. `Err`
/// gives the units it would need.
pub fn import_fits(used: usize, quota: usize, document_units: usize, snapshot_units: usize, new_units: usize) -> Result<(), usize> {
    // The current document is replaced, an older snapshot is replaced by the new one.
    let others = used.saturating_sub(document_units + snapshot_units);
    let needed = others + new_units + document_units;
    if needed <= quota {
        Ok(())
    } else {
        Err(needed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{export_compact, ExportScope, SCHEMA_VERSION};
    use chrono::{NaiveDate, TimeZone, Utc};
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    proptest! {
        #[test]
        fn any_bytes_come_back(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let text = to_text(&bytes);
            prop_assert!(text.chars().all(|c| (0x20..=0x801F).contains(&u32::from(c))));
            prop_assert_eq!(from_text(&text, bytes.len()), Some(bytes.clone()));
            prop_assert_eq!(units(&text), (bytes.len() * 8).div_ceil(15));
        }
    }

    #[test]
    fn the_demo_ward_packs_to_a_small_share_of_the_quota_and_loads_back_the_same() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap();
        let data = crate::demo::demo_ward(today(), now);
        let doc = export_compact(&data, &ExportScope::Ward, "t", now).unwrap();
        let (plain, _) = load_stored(&doc, today()).unwrap();
        let stored = pack(&doc, &plain.meta);
        assert_eq!(export_stored(&data, "t", now).unwrap(), stored);
        assert!(is_packed(&stored) && !is_packed(&doc));
        let (loaded, packed) = load_stored(&stored, today()).unwrap();
        assert!(packed);
        assert_eq!(loaded.data, data);
        assert_eq!(loaded.meta, plain.meta);
        // Under 3 % of Chromium's 5,242,880 units (the plain form takes about 35 %).
        let share = units(&stored) as f64 / 5_242_880.0;
        assert!(share < 0.03, "{:.2} %", share * 100.0);
        assert!(units(&doc) > 10 * units(&stored));
        // An older app's loader (this loader, for the plain form) refuses it as newer.
        match load(stored.as_bytes(), today()) {
            Err(LoadError::NewerVersion { found, supported, .. }) => assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
            other => panic!("an older app must refuse the stored form as newer: {:?}", other.map(|l| l.meta)),
        }
    }

    #[test]
    fn a_damaged_stored_form_is_refused_never_half_read() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap();
        let data = crate::demo::demo_ward(today(), now);
        let doc = export_compact(&data, &ExportScope::Ward, "t", now).unwrap();
        let stored = pack(&doc, &load(doc.as_bytes(), today()).unwrap().meta);
        // One character changed in the middle of the packed text: the checksum refuses it.
        let at = stored.char_indices().nth(stored.chars().count() / 2).unwrap().0;
        let c = stored[at..].chars().next().unwrap();
        let other = if c == 'a' { 'b' } else { 'a' };
        let damaged = format!("{}{}{}", &stored[..at], other, &stored[at + c.len_utf8()..]);
        assert!(load_stored(&damaged, today()).is_err());
        // Cut short.
        let cut: String = stored.chars().take(stored.chars().count() - 40).collect();
        assert!(load_stored(&cut, today()).is_err());
        let short = stored.replace("\"packed_bytes\":", "\"packed_bytes\":1");
        assert!(load_stored(&short, today()).is_err());
    }

    #[test]
    fn the_room_left_and_whether_an_import_fits() {
        let r = StorageRoom::of(1_000_000, QUOTA_UNITS, 140_000, 338);
        assert_eq!(r.per_candidate, 415);
        assert_eq!(r.more_candidates, (QUOTA_UNITS - 1_000_000) / 415);
        assert!(!r.nearly_full());
        assert!(StorageRoom::of(QUOTA_UNITS * 4 / 5, QUOTA_UNITS, 0, 0).nearly_full());
        assert_eq!(StorageRoom::of(10, QUOTA_UNITS, 10, 0).per_candidate, UNITS_PER_CANDIDATE, "no ward to measure by");
        assert_eq!(StorageRoom::of(QUOTA_UNITS + 5, QUOTA_UNITS, 0, 0).more_candidates, 0);
        // 1,000 units of drafts, a 2,000,000-unit ward, no snapshot yet: a 2,000,000 one fits
        // beside its snapshot (5,001,000 ≤ quota), a 2,200,000 one does not.
        assert_eq!(import_fits(2_001_000, QUOTA_UNITS, 2_000_000, 0, 2_000_000), Ok(()));
        assert_eq!(import_fits(2_001_000, QUOTA_UNITS, 2_000_000, 0, 3_300_000), Err(5_301_000));
        // An old snapshot is replaced, not added to.
        assert_eq!(import_fits(4_001_000, QUOTA_UNITS, 2_000_000, 2_000_000, 2_000_000), Ok(()));
    }
}
