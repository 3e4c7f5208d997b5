//! The kinds of record a ward keeps, as the change log and the loader's messages name them.

use serde::{Deserialize, Serialize};

/// The six kinds of record in [`WardData`](crate::model::WardData). Written in the change log
/// as `"ward"`, `"cell"`, `"member"`, `"candidate"`, `"class"`, `"target"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Ward,
    Cell,
    Member,
    Candidate,
    Class,
    Target,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] =
        [RecordKind::Ward, RecordKind::Cell, RecordKind::Member, RecordKind::Candidate, RecordKind::Class, RecordKind::Target];

    /// "đảng bộ", "chi bộ", "đảng viên", "quần chúng", "lớp bồi dưỡng", "chỉ tiêu".
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Ward => "đảng bộ",
            RecordKind::Cell => "chi bộ",
            RecordKind::Member => "đảng viên",
            RecordKind::Candidate => "quần chúng",
            RecordKind::Class => "lớp bồi dưỡng",
            RecordKind::Target => "chỉ tiêu",
        }
    }

    /// The key in the file: `ward`, `cells`, `members`, `candidates`, `classes`, `targets`.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Ward => "ward",
            RecordKind::Cell => "cells",
            RecordKind::Member => "members",
            RecordKind::Candidate => "candidates",
            RecordKind::Class => "classes",
            RecordKind::Target => "targets",
        }
    }

    /// The kind whose records live under `key` in `data`.
    pub fn from_key(key: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.key() == key)
    }
}
