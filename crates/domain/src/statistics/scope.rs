//! Report scopes (docs/domain.md §3.3: "all per ward, per cell, per cell type", and per source
//! organisation for the sources' own targets, §3.1 "Target").

use crate::model::{Candidate, Cell, CellId, CellKind, SourceOrg, WardData};
use serde::{Deserialize, Serialize};

/// Whose figures a report shows.
///
/// * Candidates belong to a cell scope by their **current** `cell_id`; a candidate whose cell
///   is not in the ward's list counts only for `Ward` and `Source`.
/// * `Source` selects the candidates introduced by that organisation; its cell-based
///   measures (members at the start of the year, coverage) use the whole ward.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scope")]
pub enum Scope {
    /// Toàn Đảng bộ.
    Ward,
    /// One cell.
    Cell { cell_id: CellId },
    /// All cells of one kind (§3.2 cell types).
    CellKind { kind: CellKind },
    /// A chosen set of cells, e.g. those a committee member is in charge of.
    Cells { cell_ids: Vec<CellId> },
    /// The candidates introduced by one source organisation (nguồn).
    Source { source: SourceOrg },
}

impl Scope {
    pub fn cell(id: impl Into<String>) -> Self {
        Scope::Cell { cell_id: CellId::new(id) }
    }

    /// The Vietnamese label: "Toàn Đảng bộ", "Chi bộ Tổ dân phố số 1", "Loại chi bộ: Trường
    /// học", "3 chi bộ", "Nguồn: Đoàn Thanh niên".
    pub fn label(&self, data: &WardData) -> String {
        match self {
            Scope::Ward => "Toàn Đảng bộ".to_string(),
            Scope::Cell { cell_id } => data.cell(cell_id).map(|c| c.name.clone()).unwrap_or_else(|| format!("Chi bộ {cell_id}")),
            Scope::CellKind { kind } => format!("Loại chi bộ: {}", kind.label()),
            Scope::Cells { cell_ids } => format!("{} chi bộ", cell_ids.len()),
            Scope::Source { source } => format!("Nguồn: {}", source.label()),
        }
    }
}

/// Cell ids by a cheap key, sorted for binary search: one allocation per report, none per candidate.
/// (Ids are UUIDs or readable ids that may share long prefixes, so the strings themselves are
/// compared only to confirm a hash match.)
pub(crate) struct CellIndex<'a> {
    sorted: Vec<(u64, &'a str, usize)>,
}

/// A cheap key of an id: its length and its first and last 8 bytes, mixed. O(1) whatever the
/// id's length; equal keys are confirmed by comparing the strings.
fn id_hash(s: &str) -> u64 {
    let b = s.as_bytes();
    let word = |bytes: &[u8]| bytes.iter().fold(0u64, |acc, x| (acc << 8) | u64::from(*x));
    let head = word(&b[..b.len().min(8)]);
    let tail = word(&b[b.len().saturating_sub(8)..]);
    (head.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ tail.rotate_left(29) ^ b.len() as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

impl<'a> CellIndex<'a> {
    pub(crate) fn new(cells: &'a [Cell]) -> Self {
        let mut sorted: Vec<(u64, &str, usize)> =
            cells.iter().enumerate().map(|(i, c)| (id_hash(c.id.as_str()), c.id.as_str(), i)).collect();
        crate::order::sort(&mut sorted);
        CellIndex { sorted }
    }
    /// Position in `WardData::cells` (the first one if an id is duplicated).
    pub(crate) fn find(&self, id: &CellId) -> Option<usize> {
        let key = id.as_str();
        let h = id_hash(key);
        let start = self.sorted.partition_point(|(k, _, _)| *k < h);
        self.sorted[start..].iter().take_while(|(k, _, _)| *k == h).filter(|(_, s, _)| *s == key).map(|(_, _, i)| *i).min()
    }
}

/// A scope resolved against one ward's cells.
pub(crate) struct ScopeMatcher {
    /// Per cell (index of `WardData::cells`): inside the scope.
    cells: Vec<bool>,
    /// `Some` for `Scope::Source`.
    source: Option<SourceOrg>,
    /// Candidates of any cell (Ward, Source).
    any_cell: bool,
}

impl ScopeMatcher {
    pub(crate) fn new(scope: &Scope, data: &WardData, index: &CellIndex<'_>) -> Self {
        let n = data.cells.len();
        match scope {
            Scope::Ward => ScopeMatcher { cells: vec![true; n], source: None, any_cell: true },
            Scope::Source { source } => ScopeMatcher { cells: vec![true; n], source: Some(*source), any_cell: true },
            Scope::Cell { cell_id } => {
                let mut cells = vec![false; n];
                if let Some(slot) = index.find(cell_id).and_then(|i| cells.get_mut(i)) {
                    *slot = true;
                }
                ScopeMatcher { cells, source: None, any_cell: false }
            }
            Scope::Cells { cell_ids } => {
                let mut cells = vec![false; n];
                for id in cell_ids {
                    if let Some(slot) = index.find(id).and_then(|i| cells.get_mut(i)) {
                        *slot = true;
                    }
                }
                ScopeMatcher { cells, source: None, any_cell: false }
            }
            Scope::CellKind { kind } => {
                ScopeMatcher { cells: data.cells.iter().map(|c| c.kind == *kind).collect(), source: None, any_cell: false }
            }
        }
    }

    /// Whether cell number `i` is in the scope (all cells for Ward and Source).
    pub(crate) fn cell(&self, i: usize) -> bool {
        self.cells.get(i).copied().unwrap_or(false)
    }

    /// Whether the candidate is in the scope; `cell` is the position of its cell, if known.
    pub(crate) fn candidate(&self, c: &Candidate, cell: Option<usize>) -> bool {
        if let Some(s) = self.source {
            return c.sources.contains(&s);
        }
        if self.any_cell {
            return true;
        }
        cell.is_some_and(|i| self.cell(i))
    }
}
