//! The change history (issue "Data safety", item 6): every change to a record is kept as an
//! entry — what, when, old and new value — in a bounded log stored with the data
//! ([`WardData::changes`]), which the candidate page shows.
//!
//! * [`diff_record`] turns one record's before and after into entries, one per changed leaf
//!   (`"process.ceremony.date"`), with one entry per step appended to a candidate's `history`
//!   and a single [`CREATED`] entry for a new record.
//! * [`diff_data`] does it for a whole ward, after an import (merge or replace): records are
//!   matched by id and only those that differ are diffed.
//! * [`ChangeLog::append`] keeps the bounds, the oldest entries dropped first: at most
//!   [`MAX_PER_RECORD`] entries per record, [`MAX_ENTRIES`] in all, and at most
//!   [`MAX_LOG_UNITS`] UTF-16 code units in the stored copy — 15 % of the browser's quota, so
//!   the log is never what fills the storage. Measured on the demo ward, an entry takes about
//!   165 code units (the record's id and name, the path, both values, the time), so the size
//!   bound is the one that holds first: about 4,700 entries, 14 per candidate of the demo ward.
//!   [`ChangeLog::trim_to_units`] frees more when storage runs out.
//!
//! Values are short texts for people, not data: dates as dd/mm/yyyy, times as
//! dd/mm/yyyy hh:mm (Vietnam time), other values as written or as compact JSON, cut to
//! [`MAX_VALUE_CHARS`] characters. Nothing is ever restored from the log.
//!
//! The app records a change like this:
//!
//! ```
//! # use ptdv_domain::changes::*;
//! # use ptdv_domain::format::RecordKind;
//! # fn f(data: &mut ptdv_domain::model::WardData, before: ptdv_domain::model::Candidate, now: ptdv_domain::model::Timestamp) {
//! let after = &data.candidates[0];
//! let changes = diff_record(RecordKind::Candidate, after.id.as_str(), &after.full_name, Some(&before), after, now);
//! data.changes.append(changes);
//! # }
//! ```

use crate::format::RecordKind;
use crate::model::*;
use crate::pipeline::StepRecord;
use crate::text::format_date;
use chrono::{FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap, HashSet};

pub mod display;
#[cfg(test)]
mod tests;

/// Entries kept per record (the oldest dropped first): a candidate's last steps and edits.
pub const MAX_PER_RECORD: usize = 40;
/// Entries kept in all (the oldest dropped first); bounds the work of [`ChangeLog::append`].
pub const MAX_ENTRIES: usize = 10_000;
/// Size of the log in the stored (compact) copy, in UTF-16 code units — what the localStorage
/// quota of 5,242,880 units counts: 786,432 is 15 % of it. The oldest entries are dropped first.
pub const MAX_LOG_UNITS: usize = 786_432;
/// Longest `name`, `field`, `old` or `new` text, in characters ("…" ends a cut text).
pub const MAX_VALUE_CHARS: usize = 120;
/// `field` of the entry for a new record.
pub const CREATED: &str = "tạo mới";
/// `field` of the entry for a record that is no longer there (a replace by an older file).
pub const DELETED: &str = "xóa";
/// `field` of the entry for a step appended to a candidate's history (`new` says which).
pub const NEW_STEP: &str = "history";

/// One change to one record.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Change {
    /// When it was made (the app's clock).
    pub at: Timestamp,
    pub kind: RecordKind,
    /// The record's id.
    pub id: String,
    /// The record's name at the time (a deleted record is still named).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// What changed: a path such as `"process.ceremony.date"` or `"process.cell_votes[0].yes"`,
    /// or [`CREATED`], [`DELETED`], [`NEW_STEP`].
    pub field: String,
    /// The value before, as display text; `None` when there was none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The value after, as display text; `None` when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

impl Change {
    /// The same change with its texts made safe and short ([`short`]). Idempotent: what the
    /// log writes, it reads back unchanged.
    /// Its size in the stored copy, in UTF-16 code units: the compact JSON object and the comma
    /// that separates it from the next (exact for what [`short`] leaves).
    pub fn units(&self) -> usize {
        // `"abc"` with `"` and `\` escaped; no control characters are left by `short`.
        fn text(s: &str) -> usize {
            2 + s.encode_utf16().count() + s.chars().filter(|c| matches!(c, '"' | '\\')).count()
        }
        let nanos = chrono::Timelike::nanosecond(&self.at);
        let time = 22
            + match nanos {
                0 => 0,
                n if n % 1_000_000 == 0 => 4,
                n if n % 1_000 == 0 => 7,
                _ => 10,
            };
        let kind = text(match self.kind {
            RecordKind::Ward => "ward",
            RecordKind::Cell => "cell",
            RecordKind::Member => "member",
            RecordKind::Candidate => "candidate",
            RecordKind::Class => "class",
            RecordKind::Target => "target",
        });
        // {"at":…,"kind":…,"id":…,"name":…,"field":…,"old":…,"new":…},
        let mut n = 2 + 5 + time + 8 + kind + 6 + text(&self.id) + 9 + text(&self.field) + 1;
        if !self.name.is_empty() {
            n += 8 + text(&self.name);
        }
        if let Some(old) = &self.old {
            n += 7 + text(old);
        }
        if let Some(new) = &self.new {
            n += 7 + text(new);
        }
        n
    }

    fn normalised(self) -> Change {
        Change {
            name: short(&self.name),
            field: short(&self.field),
            old: self.old.as_deref().map(short),
            new: self.new.as_deref().map(short),
            ..self
        }
    }
}

/// The bounded log of changes, oldest first. Stored in [`WardData::changes`]; written as a
/// JSON array of [`Change`]s (left out of the document when empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChangeLog {
    entries: Vec<Change>,
}

impl ChangeLog {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Every entry, oldest first.
    pub fn entries(&self) -> &[Change] {
        &self.entries
    }

    /// Its size in the stored copy, in UTF-16 code units (about: the entries' [`Change::units`]).
    pub fn units(&self) -> usize {
        self.entries.iter().map(Change::units).sum()
    }

    /// Adds `changes` (texts shortened, kept in time order), then drops the oldest entries
    /// beyond [`MAX_PER_RECORD`] for a record, [`MAX_ENTRIES`] and [`MAX_LOG_UNITS`] in all.
    pub fn append(&mut self, changes: impl IntoIterator<Item = Change>) {
        let start = self.entries.len();
        self.entries.extend(changes.into_iter().map(Change::normalised));
        if self.entries.len() == start {
            return;
        }
        let from = start.saturating_sub(1);
        if self.entries[from..].windows(2).any(|w| w[1].at < w[0].at) {
            // A clock set back, or entries appended out of order: keep the log sorted
            // (stable, so entries of one moment keep their order).
            self.entries.sort_by_key(|c| c.at);
        }
        self.enforce_bounds();
    }

    /// The entries of one record, oldest first (`.rev()` for newest first).
    pub fn for_record<'a>(&'a self, kind: RecordKind, id: &'a str) -> impl DoubleEndedIterator<Item = &'a Change> + 'a {
        self.entries.iter().filter(move |c| c.kind == kind && c.id == id)
    }

    /// Both logs in one (for a merge): the entries of `self`, and those of `other` not already
    /// there, in time order, then the bounds. An entry is "already there" when an equal one
    /// is: same moment, record and field — and same values, because two steps recorded in one
    /// edit share the moment, the record and the field ([`NEW_STEP`]).
    pub fn union(&self, other: &ChangeLog) -> ChangeLog {
        let have: HashSet<&Change> = self.entries.iter().collect();
        let extra: Vec<Change> = other.entries.iter().filter(|c| !have.contains(c)).cloned().collect();
        let mut out = self.clone();
        if extra.is_empty() {
            return out;
        }
        out.entries.extend(extra);
        out.entries.sort_by_key(|c| c.at);
        out.enforce_bounds();
        out
    }

    /// Keeps the entries of the records `keep` accepts (a cell file carries its records' log).
    pub fn retain_records(&mut self, mut keep: impl FnMut(RecordKind, &str) -> bool) {
        self.entries.retain(|c| keep(c.kind, &c.id));
    }

    /// What the loader does with a log read from a file: texts made safe and short, entries
    /// without a usable id dropped, time order, bounds. A log this app wrote is unchanged.
    pub(crate) fn normalise(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        self.entries = entries
            .into_iter()
            .filter(|c| {
                !c.id.trim().is_empty()
                    && c.id.chars().count() <= crate::format::MAX_ID_CHARS
                    && !c.id.chars().any(|ch| ch.is_control() || crate::format::is_bidi_control(ch))
            })
            .map(Change::normalised)
            .collect();
        if self.entries.windows(2).any(|w| w[1].at < w[0].at) {
            self.entries.sort_by_key(|c| c.at);
        }
        self.enforce_bounds();
    }

    /// Drops the oldest entries until the log takes at most `max_units` UTF-16 code units:
    /// for the app to free room when the browser's storage is full.
    pub fn trim_to_units(&mut self, max_units: usize) {
        self.enforce(max_units);
    }

    /// Drops the oldest entries beyond the bounds (newest kept, counted from the end).
    fn enforce_bounds(&mut self) {
        self.enforce(MAX_LOG_UNITS);
    }

    fn enforce(&mut self, max_units: usize) {
        let n = self.entries.len();
        let keep: Vec<bool> = {
            let mut keep = vec![false; n];
            let mut per_record: HashMap<(RecordKind, &str), usize> = HashMap::new();
            let (mut kept, mut units) = (0usize, 0usize);
            for (i, c) in self.entries.iter().enumerate().rev() {
                let count = per_record.entry((c.kind, c.id.as_str())).or_default();
                if *count == MAX_PER_RECORD {
                    continue;
                }
                let size = c.units();
                if kept == MAX_ENTRIES || units + size > max_units {
                    // Full: this entry and every older one go.
                    break;
                }
                *count += 1;
                keep[i] = true;
                kept += 1;
                units += size;
            }
            if kept == n {
                return;
            }
            keep
        };
        let mut flags = keep.into_iter();
        self.entries.retain(|_| flags.next().unwrap_or(false));
    }
}

/// A text made safe to show on one line and short: line breaks and tabs become spaces, other
/// control characters and bidirectional overrides "�", and a text over [`MAX_VALUE_CHARS`]
/// characters is cut, ending in "…".
pub fn short(s: &str) -> String {
    let clean = |c: char| match c {
        '\n' | '\r' | '\t' => ' ',
        c if c.is_control() || crate::format::is_bidi_control(c) => '\u{FFFD}',
        c => c,
    };
    if s.chars().nth(MAX_VALUE_CHARS).is_none() {
        s.chars().map(clean).collect()
    } else {
        let mut out: String = s.chars().take(MAX_VALUE_CHARS - 1).map(clean).collect();
        out.push('…');
        out
    }
}

// --- diff -------------------------------------------------------------------------------------

/// The changes from `before` to `after` of one record, stamped `now`:
///
/// * `before` is `None` (a new record): one entry, field [`CREATED`];
/// * otherwise one entry per changed leaf of the serialized record, by path
///   (`"process.ceremony.date"`, `"process.cell_votes[0].yes"`); an object that appears or
///   disappears gives its leaves; a list of plain values (helpers, sources) changes as a
///   whole; an element added to or removed from a list of objects is one entry;
/// * steps appended to `history` are one entry each (field [`NEW_STEP`], the step and its
///   date as `new`), not their fields; `updated_at` is ignored.
///
/// Empty and absent are the same (the stored copy leaves out empty values).
pub fn diff_record<T: Serialize>(kind: RecordKind, id: &str, name: &str, before: Option<&T>, after: &T, now: Timestamp) -> Vec<Change> {
    let entry = |field: String, old: Option<String>, new: Option<String>| Change {
        at: now,
        kind,
        id: id.to_string(),
        name: short(name),
        field: short(&field),
        old,
        new,
    };
    let Some(before) = before else {
        return vec![entry(CREATED.to_string(), None, None)];
    };
    let (Ok(a), Ok(b)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        // The model always serializes; a foreign type that does not is not diffed.
        return Vec::new();
    };
    let mut leaves: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    match (&a, &b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in keys(x, y) {
                if key == "updated_at" {
                    continue;
                }
                let (va, vb) = (x.get(key), y.get(key));
                if key == "history" {
                    if let Some(steps) = appended(va, vb) {
                        leaves.extend(steps.iter().map(|s| (NEW_STEP.to_string(), None, Some(step_summary(s)))));
                        continue;
                    }
                }
                diff_value(&mut key.to_string(), va, vb, &mut leaves);
            }
        }
        _ => diff_value(&mut String::new(), Some(&a), Some(&b), &mut leaves),
    }
    leaves.into_iter().map(|(field, old, new)| entry(field, old, new)).collect()
}

/// The keys of two objects, each once, in order.
fn keys<'a>(x: &'a Map<String, Value>, y: &'a Map<String, Value>) -> BTreeSet<&'a String> {
    x.keys().chain(y.keys()).collect()
}

/// The elements `b` adds at the end of `a` (absent = empty), if `b` starts with `a`.
fn appended<'a>(a: Option<&'a Value>, b: Option<&'a Value>) -> Option<&'a [Value]> {
    let list = |v: Option<&'a Value>| -> Option<&'a [Value]> {
        match v {
            None | Some(Value::Null) => Some(&[]),
            Some(Value::Array(items)) => Some(items.as_slice()),
            Some(_) => None,
        }
    };
    let (a, b) = (list(a)?, list(b)?);
    (a.len() <= b.len() && b[..a.len()] == *a).then(|| &b[a.len()..])
}

/// "Tổ chức lễ kết nạp, 02/02/2024" (", muộn" when recorded late).
fn step_summary(v: &Value) -> String {
    match StepRecord::deserialize(v) {
        Ok(r) => {
            let late = if r.late.is_some() { ", muộn" } else { "" };
            short(&format!("{}, {}{late}", r.step.label(), format_date(r.date)))
        }
        Err(_) => display(v).unwrap_or_default(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// Recursive diff of two values at `path`; absent and `null` are the same.
fn diff_value(path: &mut String, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<(String, Option<String>, Option<String>)>) {
    let a = a.filter(|v| !v.is_null());
    let b = b.filter(|v| !v.is_null());
    if a == b {
        return;
    }
    let object_or_none = |v: Option<&Value>| matches!(v, None | Some(Value::Object(_)));
    let list_or_none = |v: Option<&Value>| matches!(v, None | Some(Value::Array(_)));
    if object_or_none(a) && object_or_none(b) {
        // Two objects, or an object that appears or disappears: its leaves.
        let empty = Map::new();
        let x = match a {
            Some(Value::Object(m)) => m,
            _ => &empty,
        };
        let y = match b {
            Some(Value::Object(m)) => m,
            _ => &empty,
        };
        for key in keys(x, y) {
            let base = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
            diff_value(path, x.get(key), y.get(key), out);
            path.truncate(base);
        }
        return;
    }
    if list_or_none(a) && list_or_none(b) {
        let x: &[Value] = match a {
            Some(Value::Array(items)) => items,
            _ => &[],
        };
        let y: &[Value] = match b {
            Some(Value::Array(items)) => items,
            _ => &[],
        };
        if x.iter().chain(y).all(is_scalar) {
            // Helpers, sources, groups …: the list as a whole.
            leaf(path, a, b, out);
            return;
        }
        for i in 0..x.len().max(y.len()) {
            let base = path.len();
            path.push_str(&format!("[{i}]"));
            match (x.get(i), y.get(i)) {
                (Some(u), Some(v)) => diff_value(path, Some(u), Some(v), out),
                (u, v) => leaf(path, u, v, out),
            }
            path.truncate(base);
        }
        return;
    }
    leaf(path, a, b, out);
}

/// One entry for a changed value (nothing when both show the same).
fn leaf(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<(String, Option<String>, Option<String>)>) {
    // The stored copy leaves out `false`: absent next to a boolean is `false`.
    let show = |v: Option<&Value>, other: Option<&Value>| match (v, other) {
        (None, Some(Value::Bool(_))) => Some("false".to_string()),
        (Some(v), _) => display(v),
        (None, _) => None,
    };
    let (old, new) = (show(a, b), show(b, a));
    if old != new {
        out.push((path.to_string(), old, new));
    }
}

/// A value as short display text; `None` for nothing (`null`, `""`, `[]`, `{}`).
fn display(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(short(&display_text(s))),
        Value::Array(a) if a.is_empty() => None,
        Value::Object(o) if o.is_empty() => None,
        other => Some(short(&other.to_string())),
    }
}

/// A date `YYYY-MM-DD` as dd/mm/yyyy, an RFC 3339 time as dd/mm/yyyy hh:mm in Vietnam time
/// (UTC+7), any other text as it is.
fn display_text(s: &str) -> String {
    if s.len() == 10 {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return format_date(d);
        }
    }
    if s.len() >= 20 && s.as_bytes().get(10) == Some(&b'T') {
        if let (Ok(t), Some(vn)) = (chrono::DateTime::parse_from_rfc3339(s), FixedOffset::east_opt(7 * 3600)) {
            let t = t.with_timezone(&vn);
            return format!("{} {}", format_date(t.date_naive()), t.format("%H:%M"));
        }
    }
    s.to_string()
}

/// A record that [`diff_data`] matches by id.
trait Keyed: Serialize + PartialEq {
    const KIND: RecordKind;
    fn key(&self) -> &str;
    fn title(&self) -> String;
    fn stamp(&self) -> Timestamp;
}

macro_rules! keyed {
    ($($ty:ty => $kind:ident, $name:ident;)*) => {$(
        impl Keyed for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            fn key(&self) -> &str {
                self.id.as_str()
            }
            fn title(&self) -> String {
                self.$name.clone()
            }
            fn stamp(&self) -> Timestamp {
                self.updated_at
            }
        }
    )*};
}

keyed! {
    Ward => Ward, name;
    Cell => Cell, name;
    PartyMember => Member, full_name;
    Candidate => Candidate, full_name;
    Class => Class, name;
}

impl Keyed for Target {
    const KIND: RecordKind = RecordKind::Target;
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> String {
        crate::format::target_title(self)
    }
    fn stamp(&self) -> Timestamp {
        self.updated_at
    }
}

/// The changes an import made, from `before` to `after`, stamped `now`: per record type,
/// matched by id, a [`CREATED`] entry for a new record, a [`DELETED`] entry for one that is
/// gone, and [`diff_record`] for one whose `updated_at` or content differs (records are
/// compared field by field before anything is serialized, so an import touching a few
/// records of thousands costs little). The log itself (`changes`) is not compared.
///
/// After `merge` or `replace_all`: `after.changes.append(diff_data(&before, &after, now))`.
pub fn diff_data(before: &WardData, after: &WardData, now: Timestamp) -> Vec<Change> {
    let mut out = Vec::new();
    diff_list(std::slice::from_ref(&before.ward), std::slice::from_ref(&after.ward), now, &mut out);
    diff_list(&before.cells, &after.cells, now, &mut out);
    diff_list(&before.members, &after.members, now, &mut out);
    diff_list(&before.candidates, &after.candidates, now, &mut out);
    diff_list(&before.classes, &after.classes, now, &mut out);
    diff_list(&before.targets, &after.targets, now, &mut out);
    out
}

fn diff_list<R: Keyed>(before: &[R], after: &[R], now: Timestamp, out: &mut Vec<Change>) {
    let index: HashMap<&str, &R> = before.iter().map(|r| (r.key(), r)).collect();
    for r in after {
        match index.get(r.key()) {
            None => out.extend(diff_record(R::KIND, r.key(), &r.title(), None, r, now)),
            Some(old) if old.stamp() != r.stamp() || *old != r => {
                out.extend(diff_record(R::KIND, r.key(), &r.title(), Some(*old), r, now));
            }
            Some(_) => {}
        }
    }
    let kept: HashSet<&str> = after.iter().map(|r| r.key()).collect();
    for r in before.iter().filter(|r| !kept.contains(r.key())) {
        out.push(Change {
            at: now,
            kind: R::KIND,
            id: r.key().to_string(),
            name: short(&r.title()),
            field: DELETED.to_string(),
            old: None,
            new: None,
        });
    }
}
