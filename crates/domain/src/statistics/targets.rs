//! Admission targets (chỉ tiêu kết nạp), docs/domain.md §3.1 "Target", §3.3 items 2, 7 and 9.

use super::scope::{CellIndex, ScopeMatcher};
use super::{Ratio, Scope};
use crate::model::{Target, TargetPeriod, TargetScope, Term, Timestamp, WardData};
use chrono::NaiveDate;

/// Admitted against a target (§3.3 item 2): `ratio` = admitted ÷ target (× 100 when shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attainment {
    pub target: u32,
    pub admitted: u32,
    /// Admissions are counted up to this day (inclusive).
    pub up_to: NaiveDate,
    pub ratio: Ratio,
}

impl Attainment {
    pub fn new(admitted: u32, target: u32, up_to: NaiveDate) -> Self {
        Attainment { target, admitted, up_to, ratio: Ratio::new(admitted.into(), target.into()) }
    }
    /// Target reached (a target of 0 is always reached).
    pub fn met(&self) -> bool {
        self.admitted >= self.target
    }
    /// Admissions still missing (0 once met).
    pub fn remaining(&self) -> u32 {
        self.target.saturating_sub(self.admitted)
    }
}

/// Term progress (§3.3 item 9): admitted since the start of the term ÷ the term target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermProgress {
    pub term: Term,
    /// The term target of the scope, if assigned.
    pub target: Option<u32>,
    /// Admitted from 1 January of the term's first year up to `up_to` \[U: the term's exact
    /// start date — the congress — is not recorded].
    pub admitted: u32,
    pub up_to: NaiveDate,
    /// admitted ÷ target (denominator 0 when there is no target).
    pub ratio: Ratio,
}

fn scope_matches(t: &TargetScope, scope: &Scope) -> bool {
    match (t, scope) {
        (TargetScope::Ward, Scope::Ward) => true,
        (TargetScope::Cell { cell_id: a }, Scope::Cell { cell_id: b }) => a == b,
        (TargetScope::Source { source: a }, Scope::Source { source: b }) => a == b,
        _ => false,
    }
}

/// The latest (by `updated_at`, then list order) of several targets for the same thing:
/// duplicates are data-entry slips, the newest wins like everywhere in the file merge.
fn newest<'a>(it: impl Iterator<Item = &'a Target>) -> Option<&'a Target> {
    let mut best: Option<&Target> = None;
    for t in it {
        if best.is_none_or(|b| t.updated_at >= b.updated_at) {
            best = Some(t);
        }
    }
    best
}

/// The target assigned to `scope` for `period` (§3.1 "Target", §3.3 item 2).
///
/// Ward, cell and source scopes read their own target. A cell kind or a set of cells has no
/// target of its own: its target is the **sum of its cells' targets** ("per-cell targets; sum
/// = ward target", docs/domain.md §3.4), `None` if none of them has one. When a scope has several
/// targets for the same period the newest (`updated_at`) counts.
/// A source organisation's target is read as a number of *admissions* from that source \[U:
/// docs/domain.md §3.1 allows it to count people to introduce; compare it with
/// [`super::Conversion`] then\].
pub fn target_value(data: &WardData, scope: &Scope, period: TargetPeriod) -> Option<u32> {
    match scope {
        Scope::Ward | Scope::Cell { .. } | Scope::Source { .. } => {
            newest(data.targets.iter().filter(|t| t.period == period && scope_matches(&t.scope, scope))).map(|t| t.value)
        }
        Scope::CellKind { .. } | Scope::Cells { .. } => {
            let index = CellIndex::new(&data.cells);
            let matcher = ScopeMatcher::new(scope, data, &index);
            let per_cell = cell_targets(data, &index, period);
            let mut sum: Option<u32> = None;
            for (i, t) in per_cell.iter().enumerate() {
                if let (true, Some((v, _))) = (matcher.cell(i), t) {
                    sum = Some(sum.unwrap_or(0).saturating_add(*v));
                }
            }
            sum
        }
    }
}

/// The term target of `scope` (§3.3 item 9): a target for exactly this term, or failing that
/// the newest term target whose years contain `year`.
pub fn term_target(data: &WardData, scope: &Scope, term: Term, year: i32) -> Option<u32> {
    let exact = TargetPeriod::Term { start_year: term.start_year, end_year: term.end_year };
    target_value(data, scope, exact).or_else(|| {
        let candidates: Vec<TargetPeriod> = data
            .targets
            .iter()
            .filter_map(|t| match t.period {
                TargetPeriod::Term { start_year, end_year } if (start_year..=end_year).contains(&year) => Some(t.period),
                _ => None,
            })
            .collect();
        candidates.into_iter().rev().find_map(|p| target_value(data, scope, p))
    })
}

/// Per cell (index of `WardData::cells`): its target for `period` with the target's
/// `updated_at`, newest wins. One pass over the targets.
pub(crate) fn cell_targets(data: &WardData, index: &CellIndex<'_>, period: TargetPeriod) -> Vec<Option<(u32, Timestamp)>> {
    let mut out: Vec<Option<(u32, Timestamp)>> = vec![None; data.cells.len()];
    for t in &data.targets {
        if t.period != period {
            continue;
        }
        if let TargetScope::Cell { cell_id } = &t.scope {
            if let Some(slot) = index.find(cell_id).and_then(|i| out.get_mut(i)) {
                if slot.is_none_or(|(_, at)| t.updated_at >= at) {
                    *slot = Some((t.value, t.updated_at));
                }
            }
        }
    }
    out
}

/// Whether the cells' own year targets add up to the ward's (docs/domain.md §3.4: "per-cell targets;
/// sum = ward target"). Shown to the user with the difference; it never blocks anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TargetBalance {
    /// Sum of the year targets of the cells that are not archived.
    pub cells_sum: u32,
    /// How many of those cells have a year target.
    pub cells_with_target: usize,
    /// Cells not archived.
    pub cells: usize,
    /// The ward's own year target, if set.
    pub ward: Option<u32>,
}

impl TargetBalance {
    /// Cells' sum minus the ward's target (negative: the cells' targets fall short).
    pub fn difference(&self) -> Option<i64> {
        self.ward.map(|w| i64::from(self.cells_sum) - i64::from(w))
    }
}

/// The [`TargetBalance`] of `year`.
pub fn target_balance(data: &WardData, year: i32) -> TargetBalance {
    let period = TargetPeriod::Year { year };
    let (mut cells_sum, mut cells_with_target, mut cells) = (0u32, 0usize, 0usize);
    for cell in data.cells.iter().filter(|c| !c.archived) {
        cells += 1;
        if let Some(v) = target_value(data, &Scope::Cell { cell_id: cell.id.clone() }, period) {
            cells_sum = cells_sum.saturating_add(v);
            cells_with_target += 1;
        }
    }
    TargetBalance { cells_sum, cells_with_target, cells, ward: target_value(data, &Scope::Ward, period) }
}
