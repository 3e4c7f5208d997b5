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

pub use crate::model::change_log::{
    short, Change, ChangeLog, CREATED, DELETED, MAX_ENTRIES, MAX_LOG_UNITS, MAX_PER_RECORD, MAX_VALUE_CHARS, NEW_STEP,
};
use crate::model::*;
use crate::text::format_date;
use chrono::{FixedOffset, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap, HashSet};

pub mod display;
#[cfg(test)]
mod tests;

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
    let (Ok(a), Ok(b)) = (crate::model::write::write_value(before), crate::model::write::write_value(after)) else {
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
    match crate::model::read::read_value::<StepRecord>(v) {
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
        Target::title(self)
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
