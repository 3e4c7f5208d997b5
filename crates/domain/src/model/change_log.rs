//! The change history's records: one [`Change`] per change to a record, kept in the bounded
//! [`ChangeLog`] stored in [`WardData::changes`](super::WardData). The log keeps its bounds
//! itself (per record, in all, in stored size); turning a record's before and after into
//! changes, and showing them, is the work of [`crate::changes`].

use super::{RecordKind, Timestamp, MAX_ID_CHARS};
use crate::text::{is_bidi_control, one_line};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

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
    #[serde(deserialize_with = "super::iso::timestamp")]
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

/// The bounded log of changes, oldest first. Stored in
/// [`WardData::changes`](super::WardData::changes); written as a JSON array of [`Change`]s
/// (left out of the document when empty).
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
            crate::order::sort_by_key(&mut self.entries, |c| c.at);
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
        crate::order::sort_by_key(&mut out.entries, |c| c.at);
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
                    && c.id.chars().count() <= MAX_ID_CHARS
                    && !c.id.chars().any(|ch| ch.is_control() || is_bidi_control(ch))
            })
            .map(Change::normalised)
            .collect();
        if self.entries.windows(2).any(|w| w[1].at < w[0].at) {
            crate::order::sort_by_key(&mut self.entries, |c| c.at);
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
/// characters is cut, ending in "…" ([`one_line`]).
pub fn short(s: &str) -> String {
    one_line(s, MAX_VALUE_CHARS)
}
