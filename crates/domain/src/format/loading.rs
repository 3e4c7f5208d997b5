//! The loader in steps, with a fast path for a document in this version's shape.
//!
//! The careful path ([`load_text`]) parses a file three times over (repeated keys, a JSON
//! value, the records) and serializes the data once more to find the fields it would not keep.
//! A file this version exported, or its own stored copy, needs none of that. The fast path
//! reads it once, straight into the records:
//! * the envelope and the lists take exactly this version's fields (serde refuses a field given
//!   twice), each record left as text ([`RawValue`]);
//! * each record is read on its own, [`serde_ignored`] telling whether a field was passed
//!   over; serde refuses a field given twice, the model's maps a key given twice;
//! * every text of the record is checked as the validator would (control characters, lengths
//!   by the key's kind) on its text;
//! * the other checks run on the records ([`check_typed`]).
//!
//! Anything else takes the careful path from the start: an older schema, an unknown field
//! (even a blank one), a key given twice, a record that does not read, any check that fails.
//! Errors and warnings are therefore the careful path's own; native tests load every corpus
//! file, and mutations of an own file, both ways and compare.
//!
//! The steps let the page show progress and stay responsive on a large file: the skeleton
//! (one pass over the text that finds each record), then the records a batch at a time, then
//! the checks.

use super::decode::{decode_owned, decode_text};
use super::error::LoadError;
use super::load::{envelope_agrees, keeps_everything, load_text, parse_json, read_meta, warnings, Loaded};
use super::migrate::MIGRATIONS;
use super::validate::{check_typed, text_kind, TextKind};
use super::{FORMAT, MAX_FILE_BYTES, SCHEMA_VERSION};
use crate::changes::ChangeLog;
use crate::model::read::read_text;
use crate::model::*;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Map;
use std::borrow::Cow;
use std::ops::Range;

/// A file being loaded ([`Loading::start`], then [`Loading::step`] until it is done).
pub struct Loading {
    text: String,
    today: NaiveDate,
    state: State,
}

/// What a step leaves: more to do, or the outcome ([`load`](super::load)'s).
#[allow(clippy::large_enum_variant)] // the outcome comes once, and is what `load` returns
pub enum Step {
    Working(Loading),
    Done(Result<Loaded, LoadError>),
}

impl Step {
    /// Runs the remaining steps at once.
    pub fn finish(self) -> Result<Loaded, LoadError> {
        let mut step = self;
        loop {
            match step {
                Step::Done(result) => return result,
                Step::Working(loading) => step = loading.step(usize::MAX),
            }
        }
    }
}

enum State {
    /// The layout being dropped and the texts checked ([`Compacting`]).
    Compact(Box<Compacting>),
    /// The document without its layout.
    Skeleton(String),
    Records {
        skeleton: Box<Skeleton>,
        read: Box<Records>,
        done: usize,
    },
    Careful,
}

/// Where each record lies in the document without its layout, and the envelope's small values.
struct Skeleton {
    text: String,
    envelope: Map<String, serde_json::Value>,
    ward: Range<usize>,
    cells: Vec<Range<usize>>,
    members: Vec<Range<usize>>,
    candidates: Vec<Range<usize>>,
    classes: Vec<Range<usize>>,
    targets: Vec<Range<usize>>,
    changes: Option<Range<usize>>,
}

impl Skeleton {
    /// Records to read: the ward, the five lists, the change log.
    fn total(&self) -> usize {
        2 + self.cells.len() + self.members.len() + self.candidates.len() + self.classes.len() + self.targets.len()
    }
}

#[derive(Default)]
struct Records {
    ward: Option<Ward>,
    cells: Vec<Cell>,
    members: Vec<PartyMember>,
    candidates: Vec<Candidate>,
    classes: Vec<Class>,
    targets: Vec<Target>,
    changes: Option<ChangeLog>,
}

impl Loading {
    /// Checks the size and decodes the text (step 1 and 2 of [`load`](super::load)).
    pub fn start(bytes: &[u8], today: NaiveDate) -> Step {
        Self::started(bytes.len(), || decode_text(bytes).map(Cow::into_owned), today)
    }

    /// [`Loading::start`] keeping the bytes as the text when they are UTF-8 (no copy of a large
    /// file).
    pub fn start_owned(bytes: Vec<u8>, today: NaiveDate) -> Step {
        Self::started(bytes.len(), || decode_owned(bytes), today)
    }

    /// The size check, then the text `decode` gives.
    fn started(size: usize, decode: impl FnOnce() -> Result<String, LoadError>, today: NaiveDate) -> Step {
        if size > MAX_FILE_BYTES {
            return Step::Done(Err(LoadError::TooLarge { size, limit: MAX_FILE_BYTES }));
        }
        match decode() {
            Ok(text) => Step::Working(Loading { text, today, state: State::Compact(Box::default()) }),
            Err(e) => Step::Done(Err(e)),
        }
    }

    /// Records read so far and in all (0 of 0 until the skeleton is read).
    pub fn progress(&self) -> (usize, usize) {
        match &self.state {
            State::Records { skeleton, done, .. } => (*done, skeleton.total()),
            _ => (0, 0),
        }
    }

    /// Whether the fast path was given up (tests).
    #[cfg(test)]
    pub(crate) fn is_careful(&self) -> bool {
        matches!(self.state, State::Careful)
    }

    /// One step: the layout, the skeleton, up to `budget` records, or the checks.
    pub fn step(mut self, budget: usize) -> Step {
        match std::mem::replace(&mut self.state, State::Careful) {
            State::Compact(mut pass) => {
                let until = pass.at.saturating_add(COMPACT_STEP_BYTES);
                match pass.advance(&self.text, until) {
                    Some(false) => self.state = State::Compact(pass),
                    Some(true) => self.state = State::Skeleton(pass.finish()),
                    None => {}
                }
                Step::Working(self)
            }
            State::Skeleton(text) => {
                if let Some(skeleton) = Skeleton::read(text) {
                    self.state = State::Records { skeleton: Box::new(skeleton), read: Box::default(), done: 0 };
                }
                Step::Working(self)
            }
            State::Records { skeleton, mut read, done } => {
                let end = done.saturating_add(budget.max(1)).min(skeleton.total());
                if !read.records(&skeleton, done..end) {
                    return Step::Working(self);
                }
                if end < skeleton.total() {
                    self.state = State::Records { skeleton, read, done: end };
                    return Step::Working(self);
                }
                match checked(*skeleton, *read, self.today) {
                    Some(loaded) => Step::Done(Ok(loaded)),
                    None => Step::Working(self),
                }
            }
            State::Careful => Step::Done(load_text(&self.text, self.today, MIGRATIONS, SCHEMA_VERSION)),
        }
    }
}

/// The checks on the records read: the envelope, then [`check_typed`]. `None` sends the file
/// the careful way, which finds the same problem and words it.
fn checked(skeleton: Skeleton, read: Records, today: NaiveDate) -> Option<Loaded> {
    let meta = read_meta(&skeleton.envelope, SCHEMA_VERSION).ok()?;
    let data = WardData {
        ward: read.ward?,
        cells: read.cells,
        members: read.members,
        candidates: read.candidates,
        classes: read.classes,
        targets: read.targets,
        changes: read.changes.unwrap_or_default(),
    };
    envelope_agrees(&meta, &data).ok()?;
    let report = check_typed(&data, today);
    if !report.errors.is_empty() {
        return None;
    }
    let warnings = warnings(&meta, &data, report, None, today);
    Some(Loaded { data, meta, migrated_from: None, warnings })
}

// --- the skeleton -----------------------------------------------------------------------------

/// The envelope as this version writes it, every record left as text. No other field is
/// allowed (the careful path would warn about it), and serde refuses a field written twice.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Outline<'a> {
    format: &'a str,
    schema_version: u32,
    #[serde(borrow)]
    app_version: &'a RawValue,
    #[serde(borrow)]
    exported_at: &'a RawValue,
    #[serde(borrow)]
    ward: &'a RawValue,
    #[serde(borrow)]
    scope: &'a RawValue,
    #[serde(borrow)]
    data: OutlineData<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutlineData<'a> {
    #[serde(borrow)]
    ward: &'a RawValue,
    #[serde(borrow)]
    cells: Vec<&'a RawValue>,
    #[serde(borrow)]
    members: Vec<&'a RawValue>,
    #[serde(borrow)]
    candidates: Vec<&'a RawValue>,
    #[serde(borrow)]
    classes: Vec<&'a RawValue>,
    #[serde(borrow)]
    targets: Vec<&'a RawValue>,
    /// Absent when empty; `null` is not absent (the careful path refuses it).
    #[serde(borrow, default, deserialize_with = "present")]
    changes: Option<&'a RawValue>,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&'de RawValue>::deserialize(d).map(Some)
}

impl Skeleton {
    /// `None` when the text is not a document of this version in this version's shape.
    fn read(text: String) -> Option<Skeleton> {
        let outline: Outline = serde_json::from_str(&text).ok()?;
        if outline.format != FORMAT || outline.schema_version != SCHEMA_VERSION {
            return None;
        }
        let base = text.as_ptr() as usize;
        let at = |raw: &RawValue| {
            let start = raw.get().as_ptr() as usize - base;
            start..start + raw.get().len()
        };
        let mut envelope = Map::new();
        for (key, raw) in
            [("app_version", outline.app_version), ("exported_at", outline.exported_at), ("ward", outline.ward), ("scope", outline.scope)]
        {
            envelope.insert(key.to_string(), parse_json(raw.get()).ok()?);
        }
        let d = outline.data;
        let ranges = |list: &[&RawValue]| list.iter().map(|r| at(r)).collect::<Vec<_>>();
        let (ward, cells, members, candidates, classes, targets, changes) = (
            at(d.ward),
            ranges(&d.cells),
            ranges(&d.members),
            ranges(&d.candidates),
            ranges(&d.classes),
            ranges(&d.targets),
            d.changes.map(at),
        );
        Some(Skeleton { text, envelope, ward, cells, members, candidates, classes, targets, changes })
    }
}

// --- the records ------------------------------------------------------------------------------

impl Records {
    /// Reads records `range` (numbered ward, cells, members, candidates, classes, targets, the
    /// change log); `false` at the first that is not exactly as this version writes it.
    fn records(&mut self, s: &Skeleton, range: Range<usize>) -> bool {
        let text = s.text.as_str();
        // Where each list's numbers start (the ward is 0).
        let mut starts = [1usize; 5];
        for i in 1..5 {
            starts[i] = starts[i - 1] + [s.cells.len(), s.members.len(), s.candidates.len(), s.classes.len()][i - 1];
        }
        for n in range {
            let ok = if n == 0 {
                exact::<Ward>(text, &s.ward).map(|w| self.ward = Some(w)).is_some()
            } else if n == s.total() - 1 {
                match &s.changes {
                    None => true,
                    // A log the loader would change (a hand-made one) goes the careful way,
                    // which compares it with what it writes back.
                    Some(r) => exact::<ChangeLog>(text, r)
                        .and_then(|log| {
                            let mut normal = log.clone();
                            normal.normalise();
                            (normal == log).then(|| self.changes = Some(log))
                        })
                        .is_some(),
                }
            } else {
                let Some(list) = starts.iter().rposition(|&start| n >= start) else { return false };
                let i = n - starts[list];
                match list {
                    0 => push(&mut self.cells, text, &s.cells[i]),
                    1 => push(&mut self.members, text, &s.members[i]),
                    2 => push(&mut self.candidates, text, &s.candidates[i]),
                    3 => push(&mut self.classes, text, &s.classes[i]),
                    _ => {
                        push(&mut self.targets, text, &s.targets[i])
                            && self.targets.last().is_some_and(|t| whole_target(text, &s.targets[i], t))
                    }
                }
            };
            if !ok {
                return false;
            }
        }
        true
    }
}

fn push<T: DeserializeOwned>(out: &mut Vec<T>, text: &str, at: &Range<usize>) -> bool {
    exact(text, at).map(|r| out.push(r)).is_some()
}

/// The record at `at`, when it holds no field this version does not know ([`serde_ignored`]
/// tells; serde refuses a field given twice, the model's maps a key given twice). Its texts
/// were checked with the layout ([`Compacting`]).
fn exact<T: DeserializeOwned>(text: &str, at: &Range<usize>) -> Option<T> {
    let raw = text.get(at.clone())?;
    let mut unknown = false;
    let record: T = read_text(raw, &mut |_| unknown = true).ok()?;
    (!unknown).then_some(record)
}

/// A target's period and scope are read through serde's buffer for tagged enums, which
/// [`serde_ignored`] does not see into: its text is compared with what this version writes
/// back, as the careful path does (targets are few).
fn whole_target(text: &str, at: &Range<usize>, target: &Target) -> bool {
    let input = text.get(at.clone()).and_then(|raw| serde_json::from_str::<serde_json::Value>(raw).ok());
    match (input, crate::model::write::write_value(target)) {
        (Some(input), Ok(written)) => keeps_everything(&input, &written),
        _ => false,
    }
}

/// The pass that drops the document's layout, every text of its records checked on the way.
///
/// A pretty-printed export is about 45 % spaces and line breaks; serde would step over them
/// once for the skeleton and once more for each record. This pass drops them (JSON's four
/// whitespace bytes outside strings; the careful path reads the original, so its messages keep
/// their lines and columns) and refuses a gap between two bytes that would run together into
/// one token (`1 2`, `true false`), so that nothing invalid becomes valid.
///
/// Texts are checked as the validator does: control characters and length, by the kind of
/// the nearest key ([`text_kind`]). The validator walks the records as this version writes
/// them back; the text read holds the same texts when no field was passed over (a blank one
/// left out on writing passes either way). Checked: every text from the third level down
/// (the records and anything deeper), but the change log's (the validator words its own
/// rules for those). A key written with an escape is refused (the validator reads keys
/// decoded).
///
/// It runs in slices ([`Compacting::advance`]) so that the page can draw between them.
#[derive(Default)]
struct Compacting {
    out: String,
    /// The open containers, outermost first.
    open: Vec<Open>,
    /// Bytes are copied a run at a time: from `run` up to the next whitespace.
    run: usize,
    /// Where the pass stands in the text.
    at: usize,
}

/// An open container: the last key of an object (as a range of the text; arrays have none),
/// and whether it is an array.
struct Open {
    key: Range<usize>,
    array: bool,
}

/// Bytes of text the layout pass reads in one step (about 30 ms in the browser).
const COMPACT_STEP_BYTES: usize = 8 << 20;

impl Compacting {
    /// Reads on from where the last slice stopped to about `until`; `Some(true)` when the
    /// whole text is read, `None` when the file must go the careful way.
    fn advance(&mut self, json: &str, until: usize) -> Option<bool> {
        let b = json.as_bytes();
        if self.out.capacity() == 0 {
            self.out.reserve(b.len() / 2 + 1024);
        }
        let Compacting { out, open, run: run_at, at } = self;
        let (mut i, mut run) = (*at, *run_at);
        let key_is = |open: &[Open], level: usize, name: &str| open.get(level).is_some_and(|o| json.get(o.key.clone()) == Some(name));
        let joins = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.');
        while let Some(&c) = b.get(i) {
            if i >= until {
                (*at, *run_at) = (i, run);
                return Some(false);
            }
            match c {
                b' ' | b'\n' | b'\r' | b'\t' => {
                    out.push_str(json.get(run..i)?);
                    while b.get(i).is_some_and(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t')) {
                        i += 1;
                    }
                    if b.get(i).is_some_and(|&c| joins(c)) && out.as_bytes().last().is_some_and(|&p| joins(p)) {
                        return None;
                    }
                    run = i;
                    continue;
                }
                b'"' => {
                    // A string: printable ASCII (most of them: dates, codes, ids) is only measured.
                    let start = i + 1;
                    let (mut j, mut plain, mut has_escape) = (start, true, false);
                    loop {
                        match *b.get(j)? {
                            b'"' => break,
                            b'\\' => {
                                has_escape = true;
                                plain = false;
                                j += 2;
                                continue;
                            }
                            0x20..=0x7E => {}
                            _ => plain = false,
                        }
                        j += 1;
                    }
                    let end = j;
                    let mut next = end + 1;
                    while b.get(next).is_some_and(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t')) {
                        next += 1;
                    }
                    if b.get(next) == Some(&b':') {
                        if has_escape {
                            return None;
                        }
                        if let Some(o) = open.last_mut() {
                            o.key = start..end;
                        }
                    } else if (!plain || end - start > MIN_MAX_CHARS)
                        && open.len() >= 3
                        && !(key_is(open, 0, "data") && key_is(open, 1, "changes"))
                    {
                        // In an array the text is checked by the strictest rule (an id's): a list
                        // of texts keeps its key's kind, but a record written as an array (which
                        // serde reads) would put its texts under other keys when written back.
                        let kind = match open.last() {
                            Some(Open { array: false, key }) => text_kind(json.get(key.clone()).unwrap_or("")),
                            _ => TextKind::Id,
                        };
                        if !text_passes(json.get(start..end)?, has_escape, kind) {
                            return None;
                        }
                    }
                    i = end;
                }
                b'{' | b'[' => open.push(Open { key: 0..0, array: c == b'[' }),
                b'}' | b']' => {
                    open.pop();
                }
                _ => {}
            }
            i += 1;
        }
        out.push_str(json.get(run..)?);
        *at = i;
        Some(true)
    }

    /// The text without its layout.
    fn finish(self) -> String {
        self.out
    }
}

/// The layout pass over `json` in slices of `slice` bytes (tests: the outcome does not depend
/// on where the slices end).
#[cfg(test)]
pub(crate) fn compacted_in_slices(json: &str, slice: usize) -> Option<String> {
    let mut pass = Compacting::default();
    while !pass.advance(json, pass.at.saturating_add(slice))? {}
    Some(pass.finish())
}

/// The shortest length limit of a text (an id's): a printable ASCII text no longer passes.
const MIN_MAX_CHARS: usize = MAX_ID_CHARS;
const _: () = assert!(MIN_MAX_CHARS <= MAX_NAME_CHARS && MIN_MAX_CHARS <= MAX_TEXT_CHARS && MIN_MAX_CHARS <= MAX_LONG_TEXT_CHARS);

fn text_passes(content: &str, has_escape: bool, kind: TextKind) -> bool {
    let decoded: std::borrow::Cow<str> = if has_escape {
        // Rare (a line break in a note, a quote): let serde_json undo the escapes.
        match serde_json::from_str::<String>(&format!("\"{content}\"")) {
            Ok(s) => s.into(),
            Err(_) => return false,
        }
    } else {
        content.into()
    };
    let max = kind.max_chars();
    if decoded.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return decoded.len() <= max;
    }
    let mut chars = 0;
    for c in decoded.chars() {
        chars += 1;
        if kind.refuses(c) {
            return false;
        }
    }
    chars <= max
}
