//! The envelope every file and the stored copy carry, and the export side: whole-ward and
//! one-cell exports, and file names.

use super::error::ExportError;
use super::{FORMAT, SCHEMA_VERSION};
use crate::model::write::write_text;
use crate::model::RecordKind;
use crate::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What a file holds: the whole ward, or one cell (a cell secretary's file).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportScope {
    Ward,
    Cell { cell_id: CellId },
}

/// The ward a file belongs to, repeated in the envelope so a file can be recognised without
/// reading its data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardRef {
    pub id: WardId,
    pub name: String,
}

impl WardRef {
    pub fn of(ward: &Ward) -> Self {
        WardRef { id: ward.id.clone(), name: ward.name.clone() }
    }
}

/// The envelope fields of a loaded file (everything but `data`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvelopeMeta {
    /// `schema_version` as written in the file (before any migration).
    pub schema_version: u32,
    pub app_version: String,
    /// When the file was exported (for the stored copy: when it was saved).
    pub exported_at: Timestamp,
    pub ward: WardRef,
    pub scope: ExportScope,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    schema_version: u32,
    app_version: &'a str,
    exported_at: &'a Timestamp,
    ward: WardRef,
    scope: &'a ExportScope,
    data: &'a WardData,
}

fn selected<'a>(data: &'a WardData, scope: &ExportScope) -> Result<std::borrow::Cow<'a, WardData>, ExportError> {
    match scope {
        ExportScope::Ward => Ok(std::borrow::Cow::Borrowed(data)),
        ExportScope::Cell { cell_id } => {
            cell_subset(data, cell_id).map(std::borrow::Cow::Owned).ok_or_else(|| ExportError::UnknownCell(cell_id.clone()))
        }
    }
}

/// The export document, pretty-printed (two-space indent): what is saved as a file. Readable
/// in any text editor, easy to compare between two backups, and the loader's "line, column"
/// points somewhere useful. It is about 1.8× the compact form (measured in the tests: demo ward
/// 3.3 MB against 1.9 MB), which does not matter for files.
///
/// For [`ExportScope::Cell`] the data is [`cell_subset`]. `now` becomes `exported_at`.
pub fn export(data: &WardData, scope: &ExportScope, app_version: &str, now: Timestamp) -> Result<String, ExportError> {
    write_envelope(data, scope, app_version, now, true)
}

/// The same document without whitespace: what the app keeps in localStorage, where the quota
/// counts characters (about 5.2 million UTF-16 code units per site). Loaded by the same
/// [`load`](super::load).
pub fn export_compact(data: &WardData, scope: &ExportScope, app_version: &str, now: Timestamp) -> Result<String, ExportError> {
    write_envelope(data, scope, app_version, now, false)
}

fn write_envelope(data: &WardData, scope: &ExportScope, app_version: &str, now: Timestamp, pretty: bool) -> Result<String, ExportError> {
    let data = selected(data, scope)?;
    let env = EnvelopeOut {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        app_version,
        exported_at: &now,
        ward: WardRef::of(&data.ward),
        scope,
        data: &data,
    };
    write_text(&env, pretty).map_err(|e| ExportError::Serialize(e.to_string()))
}

/// What a cell secretary's file holds, so that it loads on its own and merges back without
/// loss:
///
/// * the ward record (unchanged, settings included);
/// * the cell, its members, its candidates, and its targets;
/// * members of other cells that its candidates name as helpers or introducers, with their
///   cells (so no reference dangles; they merge back unchanged);
/// * the classes its candidates attended or were proposed for, with the learner lists cut
///   down to this cell's candidates ([`merge`](super::merge) unites learner lists, so the
///   other cells' learners are not lost when the file comes back);
/// * the change-log entries of these records (a merge unites the logs).
///
/// `None` if the cell is not in `data`.
pub fn cell_subset(data: &WardData, cell_id: &CellId) -> Option<WardData> {
    data.cell(cell_id)?;
    let candidates: Vec<Candidate> = data.candidates.iter().filter(|c| &c.cell_id == cell_id).cloned().collect();
    let candidate_ids: BTreeSet<&CandidateId> = candidates.iter().map(|c| &c.id).collect();

    let mut member_ids: BTreeSet<&MemberId> = BTreeSet::new();
    let mut class_ids: BTreeSet<&ClassId> = BTreeSet::new();
    for c in &candidates {
        let p = &c.process;
        if let Some(s) = &p.sympathiser {
            member_ids.extend(s.helpers.iter());
        }
        if let Some(d) = &p.dossier {
            member_ids.extend(d.introducers.iter().map(|i| &i.member_id));
        }
        if let Some(cer) = &p.ceremony {
            member_ids.extend(cer.helpers.iter());
        }
        let class_refs = [
            p.class_proposal.as_ref().and_then(|x| x.class_id.as_ref()),
            p.certificate.as_ref().and_then(|x| x.class_id.as_ref()),
            p.after_admission.new_member_certificate.as_ref().and_then(|x| x.class_id.as_ref()),
        ];
        class_ids.extend(class_refs.into_iter().flatten());
    }
    let members: Vec<PartyMember> = data.members.iter().filter(|m| &m.cell_id == cell_id || member_ids.contains(&m.id)).cloned().collect();
    let cell_ids: BTreeSet<&CellId> = std::iter::once(cell_id).chain(members.iter().map(|m| &m.cell_id)).collect();
    let cells: Vec<Cell> = data.cells.iter().filter(|c| cell_ids.contains(&c.id)).cloned().collect();
    let classes: Vec<Class> = data
        .classes
        .iter()
        .filter(|k| class_ids.contains(&k.id) || k.learners.iter().any(|l| candidate_ids.contains(&l.candidate_id)))
        .map(|k| {
            let mut k = k.clone();
            k.learners.retain(|l| candidate_ids.contains(&l.candidate_id));
            k
        })
        .collect();
    let targets: Vec<Target> =
        data.targets.iter().filter(|t| matches!(&t.scope, TargetScope::Cell { cell_id: c } if c == cell_id)).cloned().collect();
    // The log entries of the records the file holds.
    let mut changes = data.changes.clone();
    {
        let ids = |kind: RecordKind| -> BTreeSet<&str> {
            match kind {
                RecordKind::Ward => BTreeSet::from([data.ward.id.as_str()]),
                RecordKind::Cell => cells.iter().map(|x| x.id.as_str()).collect(),
                RecordKind::Member => members.iter().map(|x| x.id.as_str()).collect(),
                RecordKind::Candidate => candidates.iter().map(|x| x.id.as_str()).collect(),
                RecordKind::Class => classes.iter().map(|x| x.id.as_str()).collect(),
                RecordKind::Target => targets.iter().map(|x| x.id.as_str()).collect(),
            }
        };
        let kept: Vec<(RecordKind, BTreeSet<&str>)> = RecordKind::ALL.iter().map(|&k| (k, ids(k))).collect();
        changes.retain_records(|kind, id| kept.iter().any(|(k, set)| *k == kind && set.contains(id)));
    }
    // The committee's own writing for its reports stays with the ward.
    let ward = crate::model::Ward { report_notes: vec![], ..data.ward.clone() };
    Some(WardData { ward, cells, members, candidates, classes, targets, changes })
}

/// ASCII slug of a name: Vietnamese marks folded away ([`fold`](crate::text::fold)), other
/// characters turned into `-`, at most 40 characters. `"Hòa An"` → `"hoa-an"`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `ptdv_<ward>_<YYYY-MM-DD>.json`, or `ptdv_<ward>_<cell>_<YYYY-MM-DD>.json` for a cell file
/// (the cell's code, or its name when it has no code). `ptdv_hoa-an_2026-11-22.json`.
pub fn export_file_name(data: &WardData, scope: &ExportScope, date: NaiveDate) -> String {
    let ward = match slug(&data.ward.name) {
        s if s.is_empty() => "dang-bo".to_string(),
        s => s,
    };
    let day = date.format("%Y-%m-%d");
    match scope {
        ExportScope::Ward => format!("ptdv_{ward}_{day}.json"),
        ExportScope::Cell { cell_id } => {
            let cell = data
                .cell(cell_id)
                .map(|c| if c.code.trim().is_empty() { slug(&c.name) } else { slug(&c.code) })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| match slug(cell_id.as_str()) {
                    s if s.is_empty() => "chi-bo".to_string(),
                    s => s,
                });
            format!("ptdv_{ward}_{cell}_{day}.json")
        }
    }
}
