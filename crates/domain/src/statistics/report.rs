//! The report: every measure of docs/domain.md §3.3 for one period and scope, in one pass.

use super::period::{dec31, jan1};
use super::scope::{CellIndex, ScopeMatcher};
use super::targets::cell_targets;
use super::*;
use crate::model::{Cell, CellId, SourceOrg, TargetPeriod, Term, WardData};
use crate::text;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Settings of the computation that a ward may change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportOptions {
    pub age_bands: AgeBands,
}

/// Same-period comparison, "so với cùng kỳ" (§3.3 item 3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SamePeriod {
    /// The same period one year earlier ([`Period::same_period_last_year`]).
    pub period: Period,
    pub current: u32,
    pub previous: u32,
    /// current ÷ previous (45 ÷ 12 = "375 %"); denominator 0 when nothing was admitted then.
    pub ratio: Ratio,
}

impl SamePeriod {
    pub fn new(period: Period, current: u32, previous: u32) -> Self {
        SamePeriod { period, current, previous, ratio: Ratio::new(current.into(), previous.into()) }
    }
    /// current − previous.
    pub fn difference(&self) -> i64 {
        i64::from(self.current) - i64::from(self.previous)
    }
}

/// Where a development rate stands against the NQ 21-NQ/TW benchmark (3–4 %/year).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BenchmarkStatus {
    Below,
    Within,
    Above,
}

impl BenchmarkStatus {
    pub fn label(self) -> &'static str {
        match self {
            BenchmarkStatus::Below => "Thấp hơn mức 3–4 %/năm",
            BenchmarkStatus::Within => "Đạt mức 3–4 %/năm",
            BenchmarkStatus::Above => "Cao hơn mức 3–4 %/năm",
        }
    }
}

/// Development rate (tỷ lệ phát triển đảng viên, §3.3 item 4): admitted ÷ members at the start
/// of the year.
#[derive(Clone, Debug, PartialEq)]
pub struct DevelopmentRate {
    /// The year whose start-of-year member count is the base (the first year of the period).
    pub year: i32,
    /// Full + probationary members at the start of `year` ([`members_at_start_of_year`]).
    pub members_at_start: u64,
    /// Admitted in the period (a half-year gives the half-year rate, as docs/domain.md §3.4 reads
    /// Điện Biên Đông's "113/2,430 = 4.65 % in half a year").
    pub admitted: u32,
    pub rate: Ratio,
    /// `ward.settings.development_benchmark`, percent per year.
    pub benchmark: (f64, f64),
    /// The period is a whole calendar year, so the benchmark applies as is.
    pub full_year: bool,
}

impl DevelopmentRate {
    /// Admissions a year needs to reach the low and high benchmark, rounded up
    /// (1,700 members × 3–4 % → 51 and 68; 1,720 → 52 and 69, docs/domain.md §3.4, §4.1).
    pub fn benchmark_counts(&self) -> (u64, u64) {
        let need = |pct: f64| -> u64 {
            let x = self.members_at_start as f64 * pct / 100.0;
            if x.is_finite() && x > 0.0 {
                (x - 1e-9).ceil() as u64
            } else {
                0
            }
        };
        (need(self.benchmark.0), need(self.benchmark.1))
    }

    /// Below, within or above the benchmark; `None` without members at the start of the year
    /// or when the period is not a whole year (the benchmark is annual).
    pub fn status(&self) -> Option<BenchmarkStatus> {
        if !self.full_year {
            return None;
        }
        let p = self.rate.percent()?;
        let (low, high) = self.benchmark;
        Some(if p + 1e-9 < low {
            BenchmarkStatus::Below
        } else if p > high + 1e-9 {
            BenchmarkStatus::Above
        } else {
            BenchmarkStatus::Within
        })
    }
}

/// Conversion rate of one source (§3.3 item 5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceConversion {
    pub source: SourceOrg,
    /// Entered the pipeline in the period with this source ([`entry_date`]).
    pub introduced: u32,
    /// Admitted in the period with this source.
    pub admitted: u32,
    /// admitted ÷ introduced.
    pub rate: Ratio,
}

/// Conversion of introductions into admissions (§3.3 item 5), \[U\]: see [`entry_date`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversion {
    pub introduced: u32,
    pub admitted: u32,
    /// All sources together: admitted ÷ introduced.
    pub overall: Ratio,
    /// Every source of `SourceOrg::ALL`, in order.
    pub by_source: Vec<SourceConversion>,
}

impl Conversion {
    pub fn source(&self, s: SourceOrg) -> Option<&SourceConversion> {
        self.by_source.iter().find(|c| c.source == s)
    }
}

/// Coverage (§3.3 item 7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// Cells that admitted ≥ 1 in the period ÷ active cells of the scope. Active = not
    /// archived, or archived but admitted someone in the period \[U: archive dates are not kept\].
    pub cells_admitting: Ratio,
    /// Residential areas covered by a cell with members ÷ all residential areas \[U\]: the areas
    /// are the names listed in `residential_areas` of the scope's non-archived cells
    /// (accent-, case- and space-insensitive, each counted once); an area is covered when a
    /// cell listing it had members at the start of the period's first year.
    pub residential_areas: Ratio,
    /// Cells that met their own year target ÷ cells with a year target (period within one
    /// year; admissions from 1 January to the end of the period). 0/0 otherwise.
    pub cells_meeting_target: Ratio,
}

/// One cell's line in the report table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRow {
    pub cell_id: CellId,
    pub archived: bool,
    /// Admitted in the period (candidates of the scope).
    pub admitted: u32,
    /// Admitted from 1 January of the period's year to the end of the period (0 when the
    /// period spans several years).
    pub admitted_year_to_date: u32,
    /// The cell's own target for the period's year.
    pub year_target: Option<u32>,
    /// Members at the start of the period's first year.
    pub members_at_start: u32,
}

impl CellRow {
    pub fn meets_target(&self) -> Option<bool> {
        self.year_target.map(|t| self.admitted_year_to_date >= t)
    }
}

/// Every measure of docs/domain.md §3.3 for one period and scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub period: Period,
    pub scope: Scope,
    /// Date of the pipeline snapshot: `today`, or the end of the period if that is earlier.
    pub as_of: NaiveDate,
    pub age_bands: AgeBands,
    /// §3.3 item 1: the admitted of the period with every breakdown.
    pub admitted: Breakdown,
    /// §3.3 item 2: admitted from 1 January to the end of the period ÷ the year target of
    /// the scope; `None` without a target or when the period spans several years.
    pub year_target: Option<Attainment>,
    /// §3.3 item 3.
    pub same_period: SamePeriod,
    /// §3.3 item 4.
    pub development: DevelopmentRate,
    /// §3.3 item 5.
    pub conversion: Conversion,
    /// §3.3 item 6: admitted who are Youth Union members ÷ all admitted.
    pub youth_union_share: Ratio,
    /// §3.3 item 7.
    pub coverage: Coverage,
    /// The scope's cells (all cells for Ward and Source), in the ward's order; archived cells
    /// only if they admitted someone in the period.
    pub cells: Vec<CellRow>,
    /// §3.3 item 8: stocks on `as_of`.
    pub pipeline: PipelineSnapshot,
    /// §3.3 item 8: flows during the period.
    pub movements: Movements,
    /// §3.3 item 9: the ward's current term; `None` if the period ends before it starts.
    pub term: Option<TermProgress>,
}

/// Members at the start of `year` (§3.3 item 4): the sum over the scope's cells of
/// `members_by_year` (full + probationary). A live cell without a figure for that year uses
/// its latest earlier figure ([`Cell::members_in`]); an archived cell counts only with a
/// figure for that very year. `Source` scopes use the whole ward.
pub fn members_at_start_of_year(data: &WardData, year: i32, scope: &Scope) -> u64 {
    let index = CellIndex::new(&data.cells);
    let matcher = ScopeMatcher::new(scope, data, &index);
    data.cells.iter().enumerate().filter(|(i, _)| matcher.cell(*i)).map(|(_, c)| u64::from(cell_members(c, year))).sum()
}

fn cell_members(c: &Cell, year: i32) -> u32 {
    if c.archived {
        c.members_by_year.get(&year).map(|y| y.total()).unwrap_or(0)
    } else {
        c.members_in(year).map(|y| y.total()).unwrap_or(0)
    }
}

/// The admitted of `period` in `scope` with their breakdowns (§3.3 item 1).
pub fn admitted_breakdown(data: &WardData, period: &Period, scope: &Scope, bands: &AgeBands) -> Breakdown {
    let index = CellIndex::new(&data.cells);
    let matcher = ScopeMatcher::new(scope, data, &index);
    let mut b = Breakdown::new(bands);
    let span = period.span();
    for c in &data.candidates {
        let Some(d) = admission_date(c) else { continue };
        if !span.contains(d) {
            continue;
        }
        let ci = index.find(&c.cell_id);
        if matcher.candidate(c, ci) {
            b.add(c, d, ci.and_then(|i| data.cells.get(i)).map(|cell| cell.kind), bands);
        }
    }
    b
}

/// Number admitted in `period` in `scope` (§3.3 item 1).
pub fn admitted_count(data: &WardData, period: &Period, scope: &Scope) -> u32 {
    let index = CellIndex::new(&data.cells);
    let matcher = ScopeMatcher::new(scope, data, &index);
    let span = period.span();
    data.candidates
        .iter()
        .filter(|c| admission_date(c).is_some_and(|d| span.contains(d)))
        .filter(|c| matcher.candidate(c, index.find(&c.cell_id)))
        .count() as u32
}

/// Development rate of a calendar year (§3.3 item 4).
pub fn development_rate(data: &WardData, year: i32, scope: &Scope) -> DevelopmentRate {
    let admitted = admitted_count(data, &Period::year(year), scope);
    let members = members_at_start_of_year(data, year, scope);
    DevelopmentRate {
        year,
        members_at_start: members,
        admitted,
        rate: Ratio::new(admitted.into(), members),
        benchmark: data.ward.settings.development_benchmark,
        full_year: true,
    }
}

fn area_key(name: &str) -> String {
    text::fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Report {
    /// The report of `scope` over `period`, with the default options. `today` is supplied by
    /// the caller (the domain never reads the clock).
    pub fn compute(data: &WardData, period: Period, scope: &Scope, today: NaiveDate) -> Report {
        Self::compute_with(data, period, scope, today, &ReportOptions::default())
    }

    /// [`Report::compute`] with options. One pass over the candidates, none per candidate
    /// allocated; cells and targets are read once.
    pub fn compute_with(data: &WardData, period: Period, scope: &Scope, today: NaiveDate, options: &ReportOptions) -> Report {
        let bands = &options.age_bands;
        let index = CellIndex::new(&data.cells);
        let matcher = ScopeMatcher::new(scope, data, &index);
        let ncells = data.cells.len();

        let as_of = today.min(period.end());
        let span = period.span();
        let previous_period = period.same_period_last_year();
        let previous_span = previous_period.span();
        let single_year = period.single_year();
        // Year to date: 1 January of the period's year to the end of the period.
        let ytd = single_year.map(|y| (jan1(y), period.end()));
        let term: Term = data.ward.term;
        let term_start = jan1(term.start_year);
        let term_up_to = period.end().min(dec31(term.end_year));
        let due_soon_days = data.ward.settings.due_soon_days;

        let mut admitted = Breakdown::new(bands);
        let mut previous = 0u32;
        let mut ytd_count = 0u32;
        let mut term_count = 0u32;
        let mut introduced = [0u32; SourceOrg::ALL.len()];
        let mut introduced_total = 0u32;
        let mut cell_admitted = vec![0u32; ncells];
        let mut cell_ytd = vec![0u32; ncells];
        let mut pipeline = PipelineSnapshot::empty(as_of);
        let mut movements = Movements::default();

        for c in &data.candidates {
            let ci = index.find(&c.cell_id);
            if !matcher.candidate(c, ci) {
                continue;
            }
            if let Some(d) = admission_date(c) {
                if span.contains(d) {
                    let kind = ci.and_then(|i| data.cells.get(i)).map(|cell| cell.kind);
                    admitted.add(c, d, kind, bands);
                    if let Some(slot) = ci.and_then(|i| cell_admitted.get_mut(i)) {
                        *slot += 1;
                    }
                }
                if previous_span.contains(d) {
                    previous += 1;
                }
                if let Some((from, to)) = ytd {
                    if from <= d && d <= to {
                        ytd_count += 1;
                        if let Some(slot) = ci.and_then(|i| cell_ytd.get_mut(i)) {
                            *slot += 1;
                        }
                    }
                }
                if term_start <= d && d <= term_up_to {
                    term_count += 1;
                }
            }
            if entry_date(c).is_some_and(|e| span.contains(e)) {
                introduced_total += 1;
                for (k, s) in c.sources.iter().enumerate() {
                    if c.sources[..k].contains(s) {
                        continue;
                    }
                    if let Some(slot) = SourceOrg::ALL.iter().position(|x| x == s).and_then(|i| introduced.get_mut(i)) {
                        *slot += 1;
                    }
                }
            }
            pipeline.add(c, today, due_soon_days);
            movements.add_in(c, span);
        }

        // §3.3 item 2.
        let year_target = single_year
            .and_then(|y| target_value(data, scope, TargetPeriod::Year { year: y }).map(|t| Attainment::new(ytd_count, t, period.end())));

        // §3.3 item 3.
        let same_period = SamePeriod::new(previous_period, admitted.total, previous);

        // §3.3 item 4.
        let year = period.first_year();
        let members_at_start: u64 =
            data.cells.iter().enumerate().filter(|(i, _)| matcher.cell(*i)).map(|(_, c)| u64::from(cell_members(c, year))).sum();
        let development = DevelopmentRate {
            year,
            members_at_start,
            admitted: admitted.total,
            rate: Ratio::new(admitted.total.into(), members_at_start),
            benchmark: data.ward.settings.development_benchmark,
            full_year: period.is_full_year(),
        };

        // §3.3 item 5.
        let by_source = SourceOrg::ALL
            .iter()
            .zip(introduced.iter())
            .map(|(s, intro)| {
                let adm = admitted.source_count(*s);
                SourceConversion { source: *s, introduced: *intro, admitted: adm, rate: Ratio::new(adm.into(), (*intro).into()) }
            })
            .collect();
        let conversion = Conversion {
            introduced: introduced_total,
            admitted: admitted.total,
            overall: Ratio::new(admitted.total.into(), introduced_total.into()),
            by_source,
        };

        // §3.3 item 6.
        let youth_union_share = Ratio::new(admitted.youth_union.into(), admitted.total.into());

        // §3.3 item 7 and the cell table.
        let targets = match single_year {
            Some(y) => cell_targets(data, &index, TargetPeriod::Year { year: y }),
            None => vec![None; ncells],
        };
        let mut cells = Vec::new();
        let (mut active, mut admitting, mut with_target, mut meeting) = (0u64, 0u64, 0u64, 0u64);
        let mut areas: BTreeMap<String, bool> = BTreeMap::new();
        for (i, cell) in data.cells.iter().enumerate() {
            if !matcher.cell(i) {
                continue;
            }
            let adm = cell_admitted.get(i).copied().unwrap_or(0);
            let ytd_adm = cell_ytd.get(i).copied().unwrap_or(0);
            let members = cell_members(cell, year);
            if !cell.archived || adm > 0 {
                active += 1;
                if adm > 0 {
                    admitting += 1;
                }
                let target = targets.get(i).copied().flatten().map(|(v, _)| v);
                if let Some(t) = target {
                    with_target += 1;
                    if ytd_adm >= t {
                        meeting += 1;
                    }
                }
                cells.push(CellRow {
                    cell_id: cell.id.clone(),
                    archived: cell.archived,
                    admitted: adm,
                    admitted_year_to_date: ytd_adm,
                    year_target: target,
                    members_at_start: members,
                });
            }
            if !cell.archived {
                for area in &cell.residential_areas {
                    let key = area_key(area);
                    if key.is_empty() {
                        continue;
                    }
                    let covered = areas.entry(key).or_insert(false);
                    *covered |= members > 0;
                }
            }
        }
        let covered_areas = areas.values().filter(|c| **c).count() as u64;
        let coverage = Coverage {
            cells_admitting: Ratio::new(admitting, active),
            residential_areas: Ratio::new(covered_areas, areas.len() as u64),
            cells_meeting_target: Ratio::new(meeting, with_target),
        };

        // §3.3 item 9.
        let term_progress = (term_up_to >= term_start).then(|| {
            let target = term_target(data, scope, term, term_up_to.year());
            TermProgress {
                term,
                target,
                admitted: term_count,
                up_to: term_up_to,
                ratio: Ratio::new(term_count.into(), target.map(u64::from).unwrap_or(0)),
            }
        });

        Report {
            period,
            scope: scope.clone(),
            as_of,
            age_bands: bands.clone(),
            admitted,
            year_target,
            same_period,
            development,
            conversion,
            youth_union_share,
            coverage,
            cells,
            pipeline,
            movements,
            term: term_progress,
        }
    }
}
