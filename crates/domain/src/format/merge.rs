//! Import: preview, merge by id, or replace.
//!
//! Merge rules (per record, matched by id within its type):
//!
//! * only in the file → added (appended after the current records, in the file's order);
//! * only in the current data → kept (nothing is ever deleted by a merge);
//! * in both and equal → unchanged;
//! * in both and different → the one with the later `updated_at` wins; on a tie the current
//!   one is kept. When the current one is kept although the file's differs, that is a
//!   [`Conflict`], listed with both `updated_at` so the user can see what was not taken.
//! * class learner lists are united by candidate id (the winner's entries first, then the
//!   other's entries for candidates it lacks), because a cell file carries only that cell's
//!   learners: the other cells' learners must survive a newer class record from a cell file.
//!
//! The ward record merges by `updated_at` too. A file of another ward (different ward id) is
//! refused. The change logs are united ([`ChangeLog::union`](crate::changes::ChangeLog::union):
//! by moment, record and field, then the bounds); what the import itself changed is for the
//! caller to add ([`diff_data`](crate::changes::diff_data)). The merge result is validated; an
//! error is returned, never silently kept.

use super::envelope::ExportScope;
use super::error::{LoadError, RecordRef};
use super::load::Loaded;
use super::validate::{self, target_title};
use crate::model::RecordKind;
use crate::model::*;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A record kept from the current data although the file's version differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub kind: RecordKind,
    pub id: String,
    /// Display name (the current record's).
    pub name: String,
    pub current_updated_at: Timestamp,
    pub incoming_updated_at: Timestamp,
}

impl Conflict {
    /// The record, as named in messages.
    pub fn record(&self) -> RecordRef {
        RecordRef::new(self.kind, self.id.clone(), self.name.clone())
    }
}

/// Counts for one record type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindCounts {
    pub kind: RecordKind,
    /// Only in the file: will be added.
    pub new: usize,
    /// In both, the file's is newer and differs: will be updated.
    pub changed: usize,
    /// In both with the same content (or the file's adds nothing).
    pub unchanged: usize,
    /// In both, different, the current one is newer or as new: kept (see [`Conflict`]).
    pub conflicts: usize,
    /// Only in the current data: kept by a merge, removed by a replace.
    pub only_in_current: usize,
}

impl KindCounts {
    fn new(kind: RecordKind) -> Self {
        KindCounts { kind, new: 0, changed: 0, unchanged: 0, conflicts: 0, only_in_current: 0 }
    }
}

/// What an import would do, for the confirmation screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    /// Whether the file belongs to the same ward (same ward id). A merge of another ward's
    /// file is refused.
    pub same_ward: bool,
    /// One entry per record type, in [`RecordKind::ALL`] order (the ward record first).
    pub counts: Vec<KindCounts>,
    pub conflicts: Vec<Conflict>,
}

impl ImportPreview {
    /// The counts of one record type.
    pub fn of(&self, kind: RecordKind) -> KindCounts {
        self.counts.iter().copied().find(|c| c.kind == kind).unwrap_or(KindCounts::new(kind))
    }
    /// Records a merge would add or update.
    pub fn total_changes(&self) -> usize {
        self.counts.iter().map(|c| c.new + c.changed).sum()
    }
    /// Records a replace would remove (only in the current data).
    pub fn total_only_in_current(&self) -> usize {
        self.counts.iter().map(|c| c.only_in_current).sum()
    }
}

/// A record that merges by id and `updated_at`.
trait Mergeable: Clone + PartialEq {
    const KIND: RecordKind;
    fn key(&self) -> &str;
    fn stamp(&self) -> Timestamp;
    fn title(&self) -> String;
    /// The merged record when `winner` is taken over `other` (default: the winner as is).
    fn combine(winner: &Self, _other: &Self) -> Self {
        winner.clone()
    }
    /// Whether keeping `current` loses nothing of `incoming` (default: they are equal).
    fn adds_nothing(current: &Self, incoming: &Self) -> bool {
        current == incoming
    }
}

/// The plain cases: a record with an `id`, an `updated_at` and a name field.
macro_rules! mergeable {
    ($($ty:ty => $kind:ident, $name:ident;)*) => {$(
        impl Mergeable for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            fn key(&self) -> &str {
                self.id.as_str()
            }
            fn stamp(&self) -> Timestamp {
                self.updated_at
            }
            fn title(&self) -> String {
                self.$name.clone()
            }
        }
    )*};
}

mergeable! {
    Ward => Ward, name;
    Cell => Cell, name;
    PartyMember => Member, full_name;
    Candidate => Candidate, full_name;
}

impl Mergeable for Class {
    const KIND: RecordKind = RecordKind::Class;
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn stamp(&self) -> Timestamp {
        self.updated_at
    }
    fn title(&self) -> String {
        self.name.clone()
    }
    fn combine(winner: &Self, other: &Self) -> Self {
        let mut out = winner.clone();
        let have: HashSet<CandidateId> = out.learners.iter().map(|l| l.candidate_id.clone()).collect();
        out.learners.extend(other.learners.iter().filter(|l| !have.contains(&l.candidate_id)).cloned());
        out
    }
    /// A cell file's class (learners cut down to that cell) adds nothing when everything but
    /// the learners is equal and each of its learners is in the current list as it is.
    fn adds_nothing(current: &Self, incoming: &Self) -> bool {
        let strip = |c: &Self| Class { learners: Vec::new(), ..c.clone() };
        strip(current) == strip(incoming) && incoming.learners.iter().all(|l| current.learners.contains(l))
    }
}

impl Mergeable for Target {
    const KIND: RecordKind = RecordKind::Target;
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn stamp(&self) -> Timestamp {
        self.updated_at
    }
    fn title(&self) -> String {
        target_title(self)
    }
}

/// Merges one list; returns the merged list, the counts and the conflicts.
fn merge_list<R: Mergeable>(current: &[R], incoming: &[R]) -> (Vec<R>, KindCounts, Vec<Conflict>) {
    let mut counts = KindCounts::new(R::KIND);
    let mut conflicts = Vec::new();
    let mut merged: Vec<R> = current.to_vec();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, r) in current.iter().enumerate() {
        index.entry(r.key().to_string()).or_insert(i);
    }
    let mut matched: HashSet<usize> = HashSet::new();
    for inc in incoming {
        match index.get(inc.key()).copied() {
            None => {
                counts.new += 1;
                index.insert(inc.key().to_string(), merged.len());
                matched.insert(merged.len());
                merged.push(inc.clone());
            }
            Some(i) => {
                matched.insert(i);
                let cur = merged[i].clone();
                if &cur == inc {
                    counts.unchanged += 1;
                } else if inc.stamp() > cur.stamp() {
                    let m = R::combine(inc, &cur);
                    if m == cur {
                        counts.unchanged += 1;
                    } else {
                        counts.changed += 1;
                        merged[i] = m;
                    }
                } else {
                    // The current record is as new or newer: kept. A conflict when the file's
                    // version carries something the current one lacks.
                    if R::adds_nothing(&cur, inc) {
                        counts.unchanged += 1;
                    } else {
                        counts.conflicts += 1;
                        conflicts.push(Conflict {
                            kind: R::KIND,
                            id: cur.key().to_string(),
                            name: cur.title(),
                            current_updated_at: cur.stamp(),
                            incoming_updated_at: inc.stamp(),
                        });
                    }
                    let m = R::combine(&cur, inc);
                    if m != cur {
                        merged[i] = m;
                    }
                }
            }
        }
    }
    counts.only_in_current = (0..current.len()).filter(|i| !matched.contains(i)).count();
    (merged, counts, conflicts)
}

/// What importing `incoming` into `current` would do (see the module doc for the rules).
pub fn preview(current: &WardData, incoming: &WardData) -> ImportPreview {
    let (_, counts, conflicts) = merge_all(current, incoming);
    ImportPreview { same_ward: current.ward.id == incoming.ward.id, counts, conflicts }
}

fn merge_all(current: &WardData, incoming: &WardData) -> (WardData, Vec<KindCounts>, Vec<Conflict>) {
    let mut counts = Vec::new();
    let mut conflicts = Vec::new();
    // The ward record is compared without what people wrote for reports (a cell's file has
    // none of it); the notes of both sides are united below.
    let unwritten = |w: &crate::model::Ward| crate::model::Ward { report_notes: vec![], ..w.clone() };
    let (ward, c, x) = merge_list(&[unwritten(&current.ward)], &[unwritten(&incoming.ward)]);
    counts.push(c);
    conflicts.extend(x);
    let (cells, c, x) = merge_list(&current.cells, &incoming.cells);
    counts.push(c);
    conflicts.extend(x);
    let (members, c, x) = merge_list(&current.members, &incoming.members);
    counts.push(c);
    conflicts.extend(x);
    let (candidates, c, x) = merge_list(&current.candidates, &incoming.candidates);
    counts.push(c);
    conflicts.extend(x);
    let (classes, c, x) = merge_list(&current.classes, &incoming.classes);
    counts.push(c);
    conflicts.extend(x);
    let (targets, c, x) = merge_list(&current.targets, &incoming.targets);
    counts.push(c);
    conflicts.extend(x);
    // Same ward id (checked by the callers that keep the result): exactly one ward record.
    let mut ward = ward.into_iter().next().unwrap_or_else(|| unwritten(&current.ward));
    // What people wrote for reports is kept from both sides: the kept ward's note for a
    // report, and the note of every report only the other side wrote for.
    let incoming_kept = ward != unwritten(&current.ward);
    let (first, second) = if incoming_kept { (&incoming.ward, &current.ward) } else { (&current.ward, &incoming.ward) };
    for n in first.report_notes.iter().chain(&second.report_notes) {
        if ward.notes_for(&n.report).is_none() {
            ward.report_notes.push(n.clone());
        }
    }
    // The change logs: united (an entry is the same when its moment, record and field are),
    // in time order, then bounded.
    let changes = current.changes.union(&incoming.changes);
    (WardData { ward, cells, members, candidates, classes, targets, changes }, counts, conflicts)
}

/// Merges `incoming` into `current` (see the module doc), validates the result as of `today`,
/// and returns it with the conflicts (records kept from `current` although the file's differ).
///
/// Errors: [`LoadError::OtherWard`] for another ward's file; any validation error of the
/// result (a reference that does not resolve, …).
pub fn merge(current: &WardData, incoming: &WardData, today: NaiveDate) -> Result<(WardData, Vec<Conflict>), LoadError> {
    if current.ward.id != incoming.ward.id {
        return Err(LoadError::OtherWard { current: current.ward.name.clone(), incoming: incoming.ward.name.clone() });
    }
    let (data, _, conflicts) = merge_all(current, incoming);
    validate::validate(&data, today)?;
    Ok((data, conflicts))
}

/// Replaces all current data by a loaded whole-ward file (the UI keeps the previous data for
/// undo). A cell file cannot replace the ward: [`LoadError::PartialFile`].
pub fn replace_all(incoming: Loaded) -> Result<WardData, LoadError> {
    match incoming.meta.scope {
        ExportScope::Ward => Ok(incoming.data),
        ExportScope::Cell { cell_id } => Err(LoadError::PartialFile { cell_id }),
    }
}
