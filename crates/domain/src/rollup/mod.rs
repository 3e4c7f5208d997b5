//! Tổng hợp: several wards' or cells' files read together — how the level above sees the
//! whole without a server (a province's Ban Tổ chức receives its wards' files, a ward office
//! its cell secretaries'). The app loads each file with the import's loader
//! ([`crate::format::load`]); here they are sorted into wards ([`Rollup::assemble`]: the newest
//! export of a ward, its cells' files merged in with the import's own merge, what was set
//! aside and why) and their figures added up ([`RollupReport::compute`]: Biểu 2 and 2B from
//! the summed counts — a percentage is never averaged — and one line per ward).

#[cfg(test)]
mod tests;
mod workbook;

pub use workbook::{parse_rollup_request, rollup_request};

use crate::calendar::WorkingCalendar;
use crate::deadlines::{due_items, DeadlineStatus};
use crate::format::{merge, EnvelopeMeta, ExportScope, LoadError, Loaded, WardRef, SCHEMA_VERSION};
use crate::model::{Cell, CellId, Timestamp, WardData, WardId, WardSettings};
use crate::overview::View;
use crate::rules::WardRules;
use crate::statistics::{bieu2b, scope_candidates, AgeBands, Bieu2BLine, Bieu2Row, Breakdown, Organisations, Ratio, Report};
use crate::ward_report::{Bieu2Row3, Datum, Table};
use chrono::NaiveDate;
use std::sync::Arc;

/// One file as the user chose it: its name and what the loader made of it (its data shared, so
/// that a set assembled again — a file added, a passphrase given — copies no ward).
#[derive(Clone)]
pub struct FileIn {
    pub name: String,
    pub read: Result<FileData, String>,
}

/// A file's data and envelope.
#[derive(Clone)]
pub struct FileData {
    pub data: Arc<WardData>,
    pub meta: EnvelopeMeta,
}

impl FileIn {
    /// A file named `name` as the loader read it (an error is kept as its message).
    pub fn new(name: impl Into<String>, loaded: Result<Loaded, LoadError>) -> FileIn {
        let read = loaded.map(|l| FileData { data: Arc::new(l.data), meta: l.meta }).map_err(|e| e.to_string());
        FileIn { name: name.into(), read }
    }

    /// The ward kept on this machine, added to the set as a file exported `now` (so that an
    /// older export of the same ward among the files is set aside for it).
    pub fn own(name: impl Into<String>, data: WardData, app_version: &str, now: Timestamp) -> FileIn {
        let meta = EnvelopeMeta {
            schema_version: SCHEMA_VERSION,
            app_version: app_version.to_string(),
            exported_at: now,
            ward: WardRef::of(&data.ward),
            scope: ExportScope::Ward,
        };
        FileIn { name: name.into(), read: Ok(FileData { data: Arc::new(data), meta }) }
    }
}

/// A file left out of the set, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetAside {
    /// The loader refused it: its message.
    Unreadable { file: String, error: String },
    /// The same export as `kept` (the same ward, scope and moment): counted once.
    Duplicate { file: String, kept: String },
    /// An older export of the same ward (or of the same cell) than `kept`.
    Older { file: String, kept: String },
    /// A cell's file the import's merge refused against its ward: its message.
    Unmerged { file: String, error: String },
}

impl SetAside {
    /// The sentence the page shows.
    pub fn message(&self) -> String {
        match self {
            SetAside::Unreadable { file, error } => format!("“{file}”: không đọc được ({error}). Tệp này không được tính."),
            SetAside::Duplicate { file, kept } => format!("“{file}” giống hệt “{kept}”: chỉ tính một lần."),
            SetAside::Older { file, kept } => format!("“{file}” cũ hơn “{kept}” của cùng đơn vị: dùng tệp mới hơn."),
            SetAside::Unmerged { file, error } => format!("“{file}”: không ghép được vào đảng bộ ({error}). Tệp này không được tính."),
        }
    }
}

/// One ward of the set, from one whole-ward file or from its cells' files.
#[derive(Clone, Debug)]
pub struct WardSet {
    /// Shared with its file when made of one file.
    pub data: Arc<WardData>,
    /// The files it was made from, the whole-ward file first.
    pub files: Vec<String>,
    /// The newest of its files' export moments.
    pub exported_at: Timestamp,
    /// The cells whose own files were merged in.
    pub cell_files: Vec<CellId>,
    /// Made from cells' files only, without the ward's own file: the ward's other cells are
    /// not known (a cell's file lists only its cell).
    pub only_cells: bool,
}

impl WardSet {
    /// With cells' files merged into the ward's own file: the ward's cells (not archived)
    /// whose file is not in the set. Empty when no cell's file came, or when the ward is made
    /// of cells' files only ([`WardSet::only_cells`]: its other cells are unknown).
    pub fn missing_cells(&self) -> Vec<&Cell> {
        if self.cell_files.is_empty() || self.only_cells {
            return Vec::new();
        }
        self.data.cells.iter().filter(|c| !c.archived && !self.cell_files.contains(&c.id)).collect()
    }
}

/// The files sorted into wards.
#[derive(Clone, Debug, Default)]
pub struct Rollup {
    /// In the order of their first file.
    pub wards: Vec<WardSet>,
    pub set_aside: Vec<SetAside>,
}

struct Good<'a> {
    name: &'a str,
    loaded: &'a FileData,
}

fn cell_of(l: &FileData) -> Option<&CellId> {
    match &l.meta.scope {
        ExportScope::Cell { cell_id } => Some(cell_id),
        ExportScope::Ward => None,
    }
}

impl Rollup {
    /// Sorts `files` into wards (by ward id, never by name): per ward the newest whole-ward
    /// export, then the newest file of each cell merged into it ([`merge`]: the newer version
    /// of each record wins); a ward with cells' files only is made of those. `today` is the
    /// merge's validation day.
    pub fn assemble(files: &[FileIn], today: NaiveDate) -> Rollup {
        let mut out = Rollup::default();
        let mut groups: Vec<(WardId, Vec<Good>)> = Vec::new();
        for f in files {
            match &f.read {
                Err(e) => out.set_aside.push(SetAside::Unreadable { file: f.name.clone(), error: e.clone() }),
                Ok(loaded) => {
                    let id = loaded.data.ward.id.clone();
                    let good = Good { name: &f.name, loaded };
                    match groups.iter_mut().find(|(w, _)| *w == id) {
                        Some((_, g)) => g.push(good),
                        None => groups.push((id, vec![good])),
                    }
                }
            }
        }
        for (_, group) in groups {
            if let Some(w) = assemble_ward(group, today, &mut out.set_aside) {
                out.wards.push(w);
            }
        }
        out
    }
}

/// One ward from its files.
fn assemble_ward(mut group: Vec<Good<'_>>, today: NaiveDate, set_aside: &mut Vec<SetAside>) -> Option<WardSet> {
    // Newest first (a stable sort keeps the user's order among equals): for each unit (the
    // ward, or one cell), the first file is kept and the others set aside.
    crate::order::sort_by_key(&mut group, |g| std::cmp::Reverse(g.loaded.meta.exported_at));
    let mut kept: Vec<Good<'_>> = Vec::new();
    for g in group {
        let unit = cell_of(g.loaded).cloned();
        match kept.iter().find(|k| cell_of(k.loaded) == unit.as_ref()) {
            Some(k) => {
                let same = k.loaded.meta.exported_at == g.loaded.meta.exported_at && k.loaded.data == g.loaded.data;
                let (file, kept) = (g.name.to_string(), k.name.to_string());
                set_aside.push(if same { SetAside::Duplicate { file, kept } } else { SetAside::Older { file, kept } });
            }
            None => kept.push(g),
        }
    }
    // The whole-ward file first, then the cells' files.
    crate::order::sort_by_key(&mut kept, |g| cell_of(g.loaded).is_some());
    let mut files = kept.into_iter();
    let first = files.next()?;
    let first_cell = cell_of(first.loaded).cloned();
    let mut set = WardSet {
        exported_at: first.loaded.meta.exported_at,
        files: vec![first.name.to_string()],
        data: Arc::clone(&first.loaded.data),
        only_cells: first_cell.is_some(),
        cell_files: first_cell.into_iter().collect(),
    };
    for g in files {
        match merge(&set.data, &g.loaded.data, today) {
            Ok((data, _conflicts)) => {
                set.data = Arc::new(data);
                set.exported_at = set.exported_at.max(g.loaded.meta.exported_at);
                if let Some(c) = cell_of(g.loaded) {
                    set.cell_files.push(c.clone());
                }
                set.files.push(g.name.to_string());
            }
            Err(e) => set_aside.push(SetAside::Unmerged { file: g.name.to_string(), error: e.to_string() }),
        }
    }
    Some(set)
}

/// One ward's line in the roll-up.
#[derive(Clone, Debug, PartialEq)]
pub struct WardLine {
    pub ward_id: WardId,
    /// "Đảng bộ phường Hòa An".
    pub name: String,
    pub admitted: u32,
    /// The year's target, when the period lies in one year and the ward has one.
    pub target: Option<u32>,
    /// Admitted in the year to the period's end ÷ the target.
    pub attainment: Ratio,
    /// Admitted in the same period a year earlier.
    pub same_period: u32,
    /// Admitted ÷ members at the start of the year.
    pub development: Ratio,
    /// Followed and not yet admitted on the report's day.
    pub in_pipeline: u32,
    /// Overdue steps today; none when the period ended before today (a past report's overdue
    /// steps are not known).
    pub overdue: Option<u32>,
    /// Cells that admitted no one in the period.
    pub cells_without_admission: u32,
    /// Its Biểu 2 (this period and the same period a year earlier) in its own wording; the
    /// total's is the set's.
    pub bieu2: Vec<Bieu2Row3>,
}

/// The set's figures for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct RollupReport {
    /// Biểu 2B of the whole set.
    pub bieu2b: Vec<Bieu2BLine>,
    /// One line per ward, in the set's order.
    pub wards: Vec<WardLine>,
    /// The set's totals, ratios from the summed counts (the target and its % over the wards
    /// that have one). Its `bieu2` is Biểu 2-BTCTW of the whole set: every row from the summed
    /// counts, with the form's own wording (a ward's own wording of a row is its own).
    pub total: WardLine,
    /// The wards without a year's target for the period, left out of the total's target.
    pub without_target: Vec<String>,
}

impl RollupReport {
    /// The figures of `view` for every ward of the set, each with its own term, rules and
    /// calendar, on `today`. The scope applies in each ward (a kind of cell, a source; one
    /// cell's id means nothing across wards and is read as the whole ward).
    pub fn compute(set: &Rollup, view: &View, today: NaiveDate) -> RollupReport {
        let scope = match view.scope {
            crate::statistics::Scope::Cell { .. } | crate::statistics::Scope::Cells { .. } => crate::statistics::Scope::Ward,
            ref s => s.clone(),
        };
        let mut admitted = Breakdown::new(&AgeBands::default());
        let mut orgs = Organisations::default();
        let mut admitted_last = Breakdown::new(&AgeBands::default());
        let mut orgs_last = Organisations::default();
        let mut wards = Vec::with_capacity(set.wards.len());
        let mut members = 0u64;
        let mut year_admitted = 0u64;
        let mut targets: Option<u64> = None;
        let mut without_target = Vec::new();
        for w in &set.wards {
            let data = &w.data;
            let period = view.period(&data.ward.term);
            let report = Report::compute(data, period, &scope, today);
            let previous = report.same_period.previous;
            let own_orgs = Organisations::of_report(&report, data);
            add_orgs(&mut orgs, &own_orgs);
            admitted.merge(&report.admitted);
            let last = Report::compute(data, period.same_period_last_year(), &scope, today);
            let own_orgs_last = Organisations::of_report(&last, data);
            add_orgs(&mut orgs_last, &own_orgs_last);
            admitted_last.merge(&last.admitted);
            let own_bieu2 = Bieu2Row::all()
                .into_iter()
                .map(|row| {
                    let label = row.label(&data.ward.settings);
                    Bieu2Row3::new(row, label, row.value(&report.admitted, &own_orgs), row.value(&last.admitted, &own_orgs_last))
                })
                .collect();
            members += report.development.members_at_start;
            match &report.year_target {
                Some(t) => {
                    *targets.get_or_insert(0) += u64::from(t.target);
                    year_admitted += u64::from(t.admitted);
                }
                None => without_target.push(data.ward.full_name()),
            }
            let overdue = match WardRules::new(&data.ward.settings) {
                Ok(rules) if report.as_of == today => Some(overdue_count(data, &scope, &rules, today)),
                _ => None,
            };
            wards.push(WardLine {
                ward_id: data.ward.id.clone(),
                name: data.ward.full_name(),
                admitted: report.admitted.total,
                target: report.year_target.as_ref().map(|t| t.target),
                attainment: report.year_target.as_ref().map(|t| t.ratio).unwrap_or(Ratio::new(0, 0)),
                same_period: previous,
                development: report.development.rate,
                in_pipeline: report.pipeline.active.saturating_sub(report.pipeline.probationary),
                overdue,
                cells_without_admission: report.cells.iter().filter(|c| c.admitted == 0).count() as u32,
                bieu2: own_bieu2,
            });
        }
        let sum = |f: fn(&WardLine) -> u32| wards.iter().map(f).sum::<u32>();
        let total_admitted = sum(|w| w.admitted);
        let total = WardLine {
            ward_id: WardId::new(""),
            name: format!("Cộng {} đảng bộ", wards.len()),
            admitted: total_admitted,
            target: targets.map(|t| t as u32),
            attainment: targets.map(|t| Ratio::new(year_admitted, t)).unwrap_or(Ratio::new(0, 0)),
            same_period: sum(|w| w.same_period),
            development: Ratio::new(u64::from(total_admitted), members),
            in_pipeline: sum(|w| w.in_pipeline),
            overdue: wards.iter().map(|w| w.overdue).sum(),
            cells_without_admission: sum(|w| w.cells_without_admission),
            bieu2: Bieu2Row::all()
                .into_iter()
                .map(|row| Bieu2Row3::new(row, Self::label(row), row.value(&admitted, &orgs), row.value(&admitted_last, &orgs_last)))
                .collect(),
        };
        RollupReport { bieu2b: bieu2b(&admitted), wards, total, without_target }
    }

    /// What the set's figures are of: "Năm 2026", "Cả nhiệm kỳ của từng đảng bộ",
    /// "Năm 2026 · Nguồn: Đoàn Thanh niên".
    pub fn view_label(view: &View) -> String {
        let period = match view.period {
            crate::overview::PeriodChoice::Term => "Cả nhiệm kỳ của từng đảng bộ".to_string(),
            crate::overview::PeriodChoice::MidTerm => "Giữa nhiệm kỳ của từng đảng bộ".to_string(),
            p => p.label(&Default::default()),
        };
        match &view.scope {
            crate::statistics::Scope::CellKind { kind } => format!("{period} · Loại chi bộ: {}", kind.label()),
            crate::statistics::Scope::Source { source } => format!("{period} · Nguồn: {}", source.label()),
            _ => period,
        }
    }

    /// The wards' lines sorted by column `column` of [`RollupReport::wards_table`] (0 the
    /// name, in the order of `names`, a collation's comparison; then the figures), largest
    /// first when `descending`; equal lines keep the set's order. A percentage sorts by its
    /// value, a ward without a target last.
    pub fn sort_wards(&mut self, column: usize, descending: bool, mut names: impl FnMut(&str, &str) -> std::cmp::Ordering) {
        use std::cmp::Ordering;
        let ratio = |r: &Ratio| if r.denominator == 0 { None } else { Some(r.numerator as f64 / r.denominator as f64) };
        let key = |w: &WardLine| -> Option<f64> {
            match column {
                1 => Some(f64::from(w.admitted)),
                2 => w.target.map(f64::from),
                3 => ratio(&w.attainment),
                4 => Some(f64::from(w.same_period)),
                5 => ratio(&w.development),
                6 => Some(f64::from(w.in_pipeline)),
                7 => w.overdue.map(f64::from),
                8 => Some(f64::from(w.cells_without_admission)),
                _ => None,
            }
        };
        crate::order::sort_by(&mut self.wards, |a, b| {
            let order = if column == 0 {
                names(&a.name, &b.name)
            } else {
                match (key(a), key(b)) {
                    (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
                    // Nothing to compare sorts last either way.
                    (Some(_), None) => return Ordering::Less,
                    (None, Some(_)) => return Ordering::Greater,
                    (None, None) => Ordering::Equal,
                }
            };
            if descending {
                order.reverse()
            } else {
                order
            }
        });
    }

    /// A row's label with the form's own wording.
    pub fn label(row: Bieu2Row) -> String {
        row.label(&WardSettings::default())
    }

    /// One line per ward and the set's total, as a table.
    pub fn wards_table(&self) -> Table {
        let rows = self
            .wards
            .iter()
            .chain(std::iter::once(&self.total))
            .map(|w| {
                vec![
                    Datum::Text(w.name.clone()),
                    Datum::int(w.admitted),
                    w.target.map(Datum::int).unwrap_or(Datum::Empty),
                    Datum::percent(w.attainment),
                    Datum::int(w.same_period),
                    Datum::percent(w.development),
                    Datum::int(w.in_pipeline),
                    w.overdue.map(Datum::int).unwrap_or(Datum::Empty),
                    Datum::int(w.cells_without_admission),
                ]
            })
            .collect();
        Table {
            stem: "tung-dang-bo",
            title: "Kết quả từng đảng bộ",
            head: vec![
                "Đảng bộ",
                "Kết nạp",
                "Chỉ tiêu năm",
                "% chỉ tiêu năm (lũy kế đến hết kỳ)",
                "Cùng kỳ năm trước",
                "Tỷ lệ phát triển",
                "Đang bồi dưỡng",
                "Việc quá hạn",
                "Chi bộ chưa kết nạp",
            ],
            rows,
        }
    }
}

fn add_orgs(sum: &mut Organisations, o: &Organisations) {
    sum.committees += o.committees;
    sum.cells += o.cells;
    sum.admitting += o.admitting;
    sum.no_masses_left += o.no_masses_left;
}

fn overdue_count(data: &WardData, scope: &crate::statistics::Scope, rules: &WardRules, today: NaiveDate) -> u32 {
    let calendar: &WorkingCalendar = rules.calendar();
    let in_scope = scope_candidates(data, scope);
    due_items(data, rules.rule_sets(), calendar, today, data.ward.settings.due_soon_days)
        .into_iter()
        .filter(|i| in_scope.contains(i.candidate.id.as_str()))
        .filter(|i| matches!(i.state.status, DeadlineStatus::Overdue | DeadlineStatus::WithinExtension))
        .count() as u32
}
