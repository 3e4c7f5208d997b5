//! Repair of a stored document the loader refuses, where it can be done without losing a
//! record: a text with control characters is cleaned (a line break in a name becomes a space,
//! other control and bidirectional characters go) and a text over its limit is cut to the
//! limit, ending in "…". Ids are never changed (records refer to each other by them), and
//! nothing else is repaired: a document with another problem stays as it is, and the loader's
//! error says why.
//!
//! The recovery view shows every [`Fix`] before the user applies them ([`repair`] changes
//! nothing by itself).

use super::decode::decode_text;
use super::error::{LoadError, Location, RecordRef};
use super::load::{load, parse_json, Loaded};
use super::validate::{text_kind, TextKind};
use crate::changes::Change;
use crate::model::RecordKind;
use crate::model::{Timestamp, WardData};
use crate::text::{format_count, is_forbidden_char, MAX_LONG_TEXT_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use chrono::NaiveDate;
use serde_json::Value;
use std::fmt;

/// One text the repair changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The record and field ("đảng bộ “Hòa An” (w-1), tên (name)").
    pub at: Location,
    pub problem: FixProblem,
    /// The text as stored, and as repaired.
    pub before: String,
    pub after: String,
}

/// What was wrong with a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixProblem {
    /// It held `count` control or bidirectional characters.
    ControlCharacters { count: usize },
    /// It had `chars` characters, more than `max`.
    TooLong { chars: usize, max: usize },
}

impl fmt::Display for Fix {
    /// `đảng bộ “Hòa An” (w-1), tên (name): dài 300 ký tự, cắt còn 200 ký tự.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.at)?;
        match self.problem {
            FixProblem::ControlCharacters { count } => write!(f, "bỏ {} ký tự điều khiển không hợp lệ.", format_count(count)),
            FixProblem::TooLong { chars, max } => {
                write!(f, "dài {} ký tự, cắt còn {} ký tự.", format_count(chars), format_count(max))
            }
        }
    }
}

/// A repaired document: what changed, and the document as it then loads.
#[derive(Clone, Debug)]
pub struct Repaired {
    pub fixes: Vec<Fix>,
    pub loaded: Loaded,
}

impl Repaired {
    /// The repaired data with each fix in its change history, stamped `now`.
    pub fn into_data(self, now: Timestamp) -> WardData {
        let mut data = self.loaded.data;
        let changes = self.fixes.iter().map(|fix| Change {
            at: now,
            kind: fix.at.record.kind,
            id: fix.at.record.id.clone(),
            name: fix.at.record.name.clone(),
            field: fix.at.field.clone(),
            old: Some(fix.before.clone()),
            new: Some(fix.after.clone()),
        });
        data.changes.append(changes);
        data
    }
}

/// Repairs the stored document `bytes` as described above and loads the result: a document that
/// loads as it is comes back with no fixes; `Err` with the loader's error when the document has
/// a problem the repair does not touch.
pub fn repair(bytes: &[u8], today: NaiveDate) -> Result<Repaired, LoadError> {
    let original = match load(bytes, today) {
        Ok(loaded) => return Ok(Repaired { fixes: Vec::new(), loaded }),
        Err(e) => e,
    };
    let Ok(text) = decode_text(bytes) else { return Err(original) };
    let Ok(mut doc) = parse_json(&text) else { return Err(original) };
    let mut fixes = Vec::new();
    if let Some(Value::Object(data)) = doc.get_mut("data") {
        for (key, value) in data.iter_mut() {
            let Some(kind) = RecordKind::from_key(key) else { continue };
            match value {
                Value::Array(items) => items.iter_mut().for_each(|item| repair_record(kind, item, &mut fixes)),
                record if kind == RecordKind::Ward => repair_record(kind, record, &mut fixes),
                _ => {}
            }
        }
    }
    // The envelope repeats the ward's name.
    if let Some(Value::String(s)) = doc.get_mut("ward").and_then(|w| w.get_mut("name")) {
        if let Some((_, clean)) = cleaned(s, TextKind::Name) {
            *s = clean;
        }
    }
    if fixes.is_empty() {
        return Err(original);
    }
    let Ok(text) = crate::model::write::write_text(&doc, false) else { return Err(original) };
    let loaded = load(text.as_bytes(), today)?;
    Ok(Repaired { fixes, loaded })
}

/// Cleans every text of one record, noting each fix under the record's (cleaned) id and name.
fn repair_record(kind: RecordKind, record: &mut Value, fixes: &mut Vec<Fix>) {
    let mut found = Vec::new();
    walk(record, &mut String::new(), "", &mut found);
    if found.is_empty() {
        return;
    }
    let text = |key: &str| record.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    let name = [text("full_name"), text("name")].into_iter().find(|s| !s.is_empty()).unwrap_or_default();
    let r = RecordRef::new(kind, text("id"), name);
    fixes.extend(found.into_iter().map(|(field, problem, before, after)| Fix {
        at: Location::new(r.clone(), field),
        problem,
        before,
        after,
    }));
}

type Found = (String, FixProblem, String, String);

fn walk(v: &mut Value, path: &mut String, key: &str, found: &mut Vec<Found>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let base = path.len();
                path.push_str(&format!("[{i}]"));
                walk(item, path, key, found);
                path.truncate(base);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                let base = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                walk(item, path, k, found);
                path.truncate(base);
            }
        }
        Value::String(s) => {
            // Ids are references: changing one would break them. Left for the loader to report.
            let kind = text_kind(key);
            if kind == TextKind::Id {
                return;
            }
            if let Some((problem, clean)) = cleaned(s, kind) {
                found.push((path.clone(), problem, std::mem::take(s), clean.clone()));
                *s = clean;
            }
        }
        _ => {}
    }
}

/// The cleaned text and what was wrong, or `None` when `s` is fine as it is.
fn cleaned(s: &str, kind: TextKind) -> Option<(FixProblem, String)> {
    let multiline = matches!(kind, TextKind::Free | TextKind::Long);
    let max = match kind {
        TextKind::Name => MAX_NAME_CHARS,
        TextKind::Long => MAX_LONG_TEXT_CHARS,
        _ => MAX_TEXT_CHARS,
    };
    let bad = s.chars().filter(|c| is_forbidden_char(*c, multiline)).count();
    let mut out: String = if bad == 0 {
        s.to_string()
    } else {
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' if !multiline => Some(' '),
                c if is_forbidden_char(c, multiline) => None,
                c => Some(c),
            })
            .collect()
    };
    let chars = out.chars().count();
    if chars > max {
        out = out.chars().take(max - 1).collect::<String>() + "…";
    }
    match (bad, chars > max) {
        (0, false) => None,
        (_, true) => Some((FixProblem::TooLong { chars, max }, out)),
        (count, false) => Some((FixProblem::ControlCharacters { count }, out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ward;
    use crate::format::{export_compact, ExportScope as Scope};
    use chrono::{TimeZone, Utc};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }
    fn now() -> Timestamp {
        Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap()
    }

    /// The demo ward stored with a broken ward name and a broken candidate reason.
    fn broken(name: &str) -> (WardData, String) {
        let mut d = demo_ward(today(), now());
        d.ward.name = name.to_string();
        d.candidates[3].residence = "Tổ 5\u{0007}\u{202E}, phường Hòa An".into();
        (d.clone(), export_compact(&d, &Scope::Ward, "t", now()).unwrap())
    }

    #[test]
    fn an_over_long_name_and_control_characters_are_repaired_without_losing_a_record() {
        let long = "Hòa An ".repeat(43); // 301 characters
        let (d, text) = broken(&long);
        assert!(load(text.as_bytes(), today()).is_err());
        let r = repair(text.as_bytes(), today()).unwrap();
        assert_eq!(r.fixes.len(), 2, "{:?}", r.fixes);
        let name_fix = &r.fixes.iter().find(|f| f.at.record.kind == RecordKind::Ward).unwrap();
        assert_eq!(name_fix.problem, FixProblem::TooLong { chars: 301, max: MAX_NAME_CHARS });
        assert!(name_fix.to_string().contains("dài 301 ký tự, cắt còn 200 ký tự"), "{name_fix}");
        let residence = r.fixes.iter().find(|f| f.at.record.kind == RecordKind::Candidate).unwrap();
        assert_eq!(residence.problem, FixProblem::ControlCharacters { count: 2 });
        assert_eq!(residence.after, "Tổ 5, phường Hòa An");
        assert_eq!(residence.at.field, "residence");
        let data = r.into_data(now());
        assert_eq!(data.ward.name.chars().count(), MAX_NAME_CHARS);
        assert!(data.ward.name.ends_with('…'));
        assert_eq!(data.candidates[3].residence, "Tổ 5, phường Hòa An");
        // Every record is still there, otherwise as it was.
        assert_eq!((data.cells.len(), data.candidates.len(), data.members.len()), (d.cells.len(), d.candidates.len(), d.members.len()));
        assert_eq!(data.candidates[10], d.candidates[10]);
        // The fixes are in the change history, and the repaired document loads again.
        assert!(data.changes.entries().iter().any(|c| c.kind == RecordKind::Ward && c.field == "name" && c.at == now()));
        let again = export_compact(&data, &Scope::Ward, "t", now()).unwrap();
        assert_eq!(load(again.as_bytes(), today()).unwrap().data, data);
    }

    #[test]
    fn a_line_break_in_a_name_becomes_a_space() {
        let (_, text) = broken("Hòa\nAn");
        let r = repair(text.as_bytes(), today()).unwrap();
        assert_eq!(r.loaded.data.ward.name, "Hòa An");
        assert_eq!(r.loaded.meta.ward.name, "Hòa An");
    }

    #[test]
    fn what_cannot_be_repaired_safely_stays_the_loaders_error() {
        // A document that loads: nothing to repair.
        let d = demo_ward(today(), now());
        let fine = export_compact(&d, &Scope::Ward, "t", now()).unwrap();
        assert!(repair(fine.as_bytes(), today()).unwrap().fixes.is_empty());
        // A bad id is not touched; nor is broken JSON.
        let mut bad_id = d.clone();
        bad_id.cells[0].id = crate::model::CellId::new("cb\u{0007}");
        let text = export_compact(&bad_id, &Scope::Ward, "t", now()).unwrap();
        assert!(matches!(repair(text.as_bytes(), today()), Err(LoadError::ControlCharacter { .. })));
        assert!(repair(b"{\"format\": \"ptdv\"", today()).is_err());
        // A text fixed but another problem left: the remaining error.
        let mut both = d;
        both.ward.name = "A".repeat(250);
        both.candidates[0].birth_date = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let text = export_compact(&both, &Scope::Ward, "t", now()).unwrap();
        assert!(matches!(repair(text.as_bytes(), today()), Err(LoadError::DateOutOfRange { .. })));
    }
}
