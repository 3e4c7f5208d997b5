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
    serde_json::to_string(&out).unwrap_or_default()
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
}
