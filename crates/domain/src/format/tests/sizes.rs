//! Sizes of the stored (compact) document per candidate, with and without a realistic change
//! log, printed for the record (`cargo test -p ptdv-domain sizes -- --nocapture`), and the
//! load of a 10,000-candidate export.

use super::*;
use crate::changes::{diff_record, Change, ChangeLog, MAX_LOG_UNITS};
use chrono::Duration;
use serde_json::Value;
use std::time::Instant;

/// localStorage quota per site, in UTF-16 code units (Chromium, Firefox).
const QUOTA_UNITS: usize = 5_242_880;
/// Edits per candidate in the "realistic" log.
const EDITS: usize = 20;
/// The demo ward ×30: 10,140 candidates.
const FACTOR: u32 = 30;

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// JSON pointers of the text, number and boolean leaves of a candidate a user could edit.
fn editable_leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if !matches!(k.as_str(), "id" | "created_at" | "updated_at" | "history" | "recorded_at") {
                    editable_leaves(x, format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                if !matches!(x, Value::String(_)) {
                    editable_leaves(x, format!("{at}/{i}"), out);
                }
            }
        }
        _ => out.push(at),
    }
}

/// One edit of a leaf: a date a day later, a text with a character more, a count one more, a
/// flag flipped.
fn edit(v: &mut Value) {
    match v {
        Value::String(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => *s = (d + Duration::days(1)).format("%Y-%m-%d").to_string(),
            Err(_) => s.push('.'),
        },
        Value::Number(n) => *v = Value::from(n.as_u64().unwrap_or(0) + 1),
        Value::Bool(b) => *b = !*b,
        _ => {}
    }
}

/// `EDITS` edits of every candidate, each diffed as the app would, one field at a time: the
/// entries before the bounds.
fn realistic_edits(data: &WardData) -> Vec<Change> {
    let mut all: Vec<Change> = Vec::new();
    for (i, c) in data.candidates.iter().enumerate() {
        let mut v = serde_json::to_value(c).unwrap();
        let mut leaves = Vec::new();
        editable_leaves(&v, String::new(), &mut leaves);
        for k in 0..EDITS {
            let before = v.clone();
            let ptr = &leaves[(i * 7 + k * 13) % leaves.len()];
            edit(v.pointer_mut(ptr).unwrap());
            let at = now() - Duration::hours((EDITS - k) as i64 * 24) + Duration::seconds(i as i64);
            all.extend(diff_record(RecordKind::Candidate, c.id.as_str(), &c.full_name, Some(&before), &v, at));
        }
    }
    all
}

fn demo_edits() -> &'static Vec<Change> {
    static E: OnceLock<Vec<Change>> = OnceLock::new();
    E.get_or_init(|| realistic_edits(demo()))
}

/// The demo edits for the scaled ward: the same edits for each copy (ids "-x2" …).
fn scaled_edits(edits: &[Change], factor: u32) -> Vec<Change> {
    let mut all: Vec<Change> = edits.to_vec();
    for k in 2..=factor {
        all.extend(edits.iter().map(|c| Change { id: format!("{}-x{k}", c.id), at: c.at + Duration::minutes(k.into()), ..c.clone() }));
    }
    all
}

pub(super) fn demo_with_log() -> &'static WardData {
    static D: OnceLock<WardData> = OnceLock::new();
    D.get_or_init(|| {
        let mut d = demo().clone();
        d.changes.append(demo_edits().iter().cloned());
        d
    })
}

fn big_with_log() -> &'static WardData {
    static D: OnceLock<WardData> = OnceLock::new();
    D.get_or_init(|| {
        let mut d = crate::demo::scale(demo(), FACTOR);
        d.changes.append(scaled_edits(demo_edits(), FACTOR));
        d
    })
}

struct Row {
    units: usize,
    bytes: usize,
}

fn stored(data: &WardData) -> Row {
    let compact = export_compact(data, &ExportScope::Ward, "0.1.0", now()).unwrap();
    Row { units: units(&compact), bytes: compact.len() }
}

#[test]
fn stored_size_per_candidate() {
    let started = Instant::now();
    let edits = demo_edits();
    let unbounded: usize = edits.iter().map(Change::units).sum();
    println!(
        "{EDITS} edits per candidate of the demo ward: {} entries, {unbounded} UTF-16 units before the bounds \
         ({} units/entry, {:.1} % of the quota)",
        edits.len(),
        unbounded / edits.len(),
        unbounded as f64 * 100.0 / QUOTA_UNITS as f64
    );
    for (label, with_log) in [("demo ward", demo_with_log()), ("demo ×30", big_with_log())] {
        let n = with_log.candidates.len();
        let mut without = with_log.clone();
        without.changes = ChangeLog::default();
        let (a, b) = (stored(&without), stored(with_log));
        let log_units = b.units - a.units;
        println!(
            "{label}: {n} candidates, {} log entries kept ({:.1} per candidate)\n  \
             without log: {:>10} UTF-16 units ({:>10} B) = {:>6.1} % of quota, {} units/candidate\n  \
             with log:    {:>10} UTF-16 units ({:>10} B) = {:>6.1} % of quota, {} units/candidate; \
             log {} units = {:.1} % of the document, {:.1} % of the quota, {} units/entry",
            with_log.changes.len(),
            with_log.changes.len() as f64 / n as f64,
            a.units,
            a.bytes,
            a.units as f64 * 100.0 / QUOTA_UNITS as f64,
            a.units / n,
            b.units,
            b.bytes,
            b.units as f64 * 100.0 / QUOTA_UNITS as f64,
            b.units / n,
            log_units,
            log_units as f64 * 100.0 / b.units as f64,
            log_units as f64 * 100.0 / QUOTA_UNITS as f64,
            log_units / with_log.changes.len().max(1),
        );
        // The log's own count of its size is what it takes in the document (`"changes":[…]`).
        assert!(log_units.abs_diff(with_log.changes.units()) <= 16, "{log_units} vs {}", with_log.changes.units());
        // The bound holds: the log is at most 15 % of the quota, whatever the ward's size.
        assert!(log_units <= MAX_LOG_UNITS + 16, "{log_units}");
    }
    println!("[{:?}]", started.elapsed());
}

/// The export→load identity holds with a log, on the demo ward with its realistic log.
#[test]
fn demo_with_a_log_round_trips() {
    let d = demo_with_log();
    let compact = export_compact(d, &ExportScope::Ward, "t", now()).unwrap();
    let loaded = load(compact.as_bytes(), today()).unwrap();
    assert_eq!(&loaded.data, d);
    assert!(loaded.warnings.iter().all(|w| matches!(w, LoadWarning::VeryYoung { .. })), "{:?}", loaded.warnings);
}

/// A file of 10,140 candidates, as exported (pretty) with a full change log, is under
/// [`MAX_FILE_BYTES`] and loads. Slow in the unoptimised test build (it reads 97 MB):
/// `cargo test --release -p ptdv-domain ten_thousand -- --ignored --nocapture`.
#[test]
#[ignore]
fn ten_thousand_candidates_load_as_exported() {
    let d = big_with_log();
    let started = Instant::now();
    let pretty = export_ward(d);
    let exported = started.elapsed();
    println!(
        "{} candidates, {} log entries: pretty export {} B ({:.1} MiB, {:.0} % of MAX_FILE_BYTES) in {exported:?}",
        d.candidates.len(),
        d.changes.len(),
        pretty.len(),
        pretty.len() as f64 / 1_048_576.0,
        pretty.len() as f64 * 100.0 / MAX_FILE_BYTES as f64
    );
    assert!(pretty.len() < MAX_FILE_BYTES);
    let started = Instant::now();
    let loaded = load(pretty.as_bytes(), today()).unwrap();
    println!("loaded in {:?}", started.elapsed());
    assert_eq!(&loaded.data, d);
}

/// The stored (packed) form against the plain one, per candidate, and the largest ward that
/// fits with its undo snapshot beside it. Slow in the unoptimised test build (it compresses
/// 55 MB): `cargo test --release -p ptdv-domain packed_storage -- --ignored --nocapture`.
#[test]
#[ignore]
fn packed_storage_per_candidate_and_the_largest_ward_that_fits() {
    for (label, d) in [("demo ward", demo_with_log()), ("demo ×30", big_with_log())] {
        let n = d.candidates.len();
        let plain = stored(d);
        let started = Instant::now();
        let packed = crate::format::export_stored(d, "0.1.0", now()).unwrap();
        let took = started.elapsed();
        let p = units(&packed);
        println!(
            "{label}: {n} candidates with their log: plain {} units ({} /candidate, {:.1} % of the quota) → packed {p} units \
             ({} /candidate, {:.2} % of the quota) in {took:?}; largest ward that fits alone ≈ {} candidates, with its \
             undo snapshot ≈ {}",
            plain.units,
            plain.units / n,
            plain.units as f64 * 100.0 / QUOTA_UNITS as f64,
            p / n,
            p as f64 * 100.0 / QUOTA_UNITS as f64,
            QUOTA_UNITS * n / p,
            QUOTA_UNITS * n / p / 2,
        );
        assert_eq!(&crate::format::load_stored(&packed, today()).unwrap().0.data, d);
        if n >= 10_000 {
            // The ward fits with room to spare; its undo snapshot beside it does not (an import
            // into such a ward says so first and offers an export instead).
            assert!(p < QUOTA_UNITS * 6 / 10, "10,000 candidates with their log fit in one ward's storage");
        } else {
            assert!(p * 100 < QUOTA_UNITS * 3, "the demo ward with its log under 3 % of the quota");
        }
    }
}
