//! The pipeline on a date and the movements of a period (docs/domain.md §3.3 item 8).

use super::scope::{CellIndex, ScopeMatcher};
use super::{admission_date, entry_date, probation_end, recognition_date, Period, Scope, Span};
use crate::model::{Candidate, ExitKind, WardData};
use crate::pipeline::Stage;
use chrono::NaiveDate;

/// The stage a candidate was in on `date` (§2.1), or `None` if not yet in the pipeline.
///
/// On or after `today` this is the recorded `stage`. Before, it is read from the history: the
/// target stage of the last step dated on or before `date`; if no step is that old, the
/// stage before the first step (or the current stage when there is no history) provided the
/// candidate had entered by then ([`entry_date`], else the day the record was created).
/// Steps recorded without history cannot be placed in time — an approximation.
pub fn stage_on(c: &Candidate, date: NaiveDate, today: NaiveDate) -> Option<Stage> {
    if date >= today {
        return Some(c.stage);
    }
    // The last step (in recorded order) dated on or before `date`.
    if let Some(step) = c.history.iter().rev().find(|s| s.date <= date) {
        return Some(step.to);
    }
    let entered = entry_date(c).unwrap_or_else(|| c.created_at.date_naive());
    if entered > date {
        return None;
    }
    Some(c.history.first().map(|s| s.from).unwrap_or(c.stage))
}

fn exited_by(c: &Candidate, date: NaiveDate) -> bool {
    c.process.exit.as_ref().is_some_and(|e| e.date <= date)
}

/// A probationary member on `date` (đảng viên dự bị, §3.3 item 8): admitted
/// ([`admission_date`]), ceremony held on or before `date` (probation starts at the ceremony,
/// T11), not recognised ([`recognition_date`]) and not exited (struck off, moved away…) by
/// `date`. Read from the process dates, so it holds for past dates too.
pub fn is_probationary_on(c: &Candidate, date: NaiveDate) -> bool {
    admission_date(c).is_some()
        && c.process.ceremony.as_ref().is_some_and(|cer| cer.date <= date)
        && recognition_date(c).is_none_or(|r| r > date)
        && !exited_by(c, date)
}

/// Counts on one date (§3.3 item 8). `by_stage` is indexed like `Stage::ALL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipelineSnapshot {
    pub date: NaiveDate,
    /// Candidates in each stage on `date` ([`stage_on`]).
    pub by_stage: [u32; Stage::ALL.len()],
    /// Candidates in a non-final stage (still followed).
    pub active: u32,
    /// On the sympathiser list: from "Cảm tình Đảng" up to "Chờ quyết định kết nạp".
    pub sympathisers: u32,
    /// Probationary members ([`is_probationary_on`]).
    pub probationary: u32,
    /// Probationary members whose 12 months ended on or before `date` ([`probation_end`]):
    /// due (or overdue) for recognition (danh sách đảng viên dự bị đến hạn xét chính thức).
    pub due_for_recognition: u32,
    /// Probationary members whose 12 months end within the ward's `due_soon_days` after `date`.
    pub due_soon: u32,
    /// Recognised as full members on or before `date` (cumulative).
    pub recognised: u32,
    /// Probationary members struck off on or before `date` (cumulative).
    pub struck_off: u32,
}

impl PipelineSnapshot {
    pub fn empty(date: NaiveDate) -> Self {
        PipelineSnapshot {
            date,
            by_stage: [0; Stage::ALL.len()],
            active: 0,
            sympathisers: 0,
            probationary: 0,
            due_for_recognition: 0,
            due_soon: 0,
            recognised: 0,
            struck_off: 0,
        }
    }

    /// Count of one stage.
    pub fn count(&self, stage: Stage) -> u32 {
        Stage::ALL.iter().position(|s| *s == stage).and_then(|i| self.by_stage.get(i).copied()).unwrap_or(0)
    }

    /// Stages with their counts, in `Stage::ALL` order.
    pub fn stages(&self) -> Vec<(Stage, u32)> {
        Stage::ALL.iter().copied().zip(self.by_stage.iter().copied()).collect()
    }

    /// Counts one candidate. No allocation.
    pub fn add(&mut self, c: &Candidate, today: NaiveDate, due_soon_days: u32) {
        let date = self.date;
        if let Some(stage) = stage_on(c, date, today) {
            if let Some(slot) = Stage::ALL.iter().position(|s| *s == stage).and_then(|i| self.by_stage.get_mut(i)) {
                *slot += 1;
            }
            if stage.is_active() {
                self.active += 1;
            }
            if matches!(stage.position(), Some(p) if (1..=11).contains(&p)) {
                self.sympathisers += 1;
            }
        }
        if is_probationary_on(c, date) {
            self.probationary += 1;
            if super::due_for_recognition_on(c, date) {
                self.due_for_recognition += 1;
            } else if let Some(cer) = &c.process.ceremony {
                if (probation_end(cer.date) - date).num_days() <= i64::from(due_soon_days) {
                    self.due_soon += 1;
                }
            }
        }
        if recognition_date(c).is_some_and(|r| r <= date) && admission_date(c).is_some() {
            self.recognised += 1;
        }
        if c.process.exit.as_ref().is_some_and(|e| e.kind == ExitKind::StruckOff && e.date <= date) {
            self.struck_off += 1;
        }
    }
}

/// The pipeline of `scope` on `date` (§3.3 item 8). `today` tells which records are current
/// (see [`stage_on`]).
pub fn pipeline_snapshot(data: &WardData, scope: &Scope, date: NaiveDate, today: NaiveDate) -> PipelineSnapshot {
    let index = CellIndex::new(&data.cells);
    let matcher = ScopeMatcher::new(scope, data, &index);
    let mut snap = PipelineSnapshot::empty(date);
    for c in &data.candidates {
        if matcher.candidate(c, index.find(&c.cell_id)) {
            snap.add(c, today, data.ward.settings.due_soon_days);
        }
    }
    snap
}

/// What happened during a period (flows), for the report text: "trong kỳ đã xem xét cảm tình
/// Đảng cho …, công nhận chính thức …, xóa tên …".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Movements {
    /// Entered the pipeline ([`entry_date`]).
    pub introduced: u32,
    /// Recognised as sympathisers (cell resolution dated in the period).
    pub new_sympathisers: u32,
    /// Awareness class certificates issued.
    pub certificates: u32,
    /// Admission decisions *not* approved (T10 "BI_TU_CHOI").
    pub rejected: u32,
    /// Admission ceremonies held.
    pub ceremonies: u32,
    /// Recognised as full members (approved recognition decisions).
    pub recognised: u32,
    /// Probationary members struck off (T15).
    pub struck_off: u32,
    /// Withdrawn from the list.
    pub withdrawn: u32,
    /// Moved away (T17).
    pub moved_away: u32,
    /// Admission decisions cancelled (T18).
    pub cancelled: u32,
}

impl Movements {
    /// Counts one candidate's events dated in `period`. No allocation.
    pub fn add(&mut self, c: &Candidate, period: &Period) {
        self.add_in(c, period.span());
    }

    /// [`Movements::add`] with the bounds already computed.
    pub fn add_in(&mut self, c: &Candidate, span: Span) {
        let p = &c.process;
        let inside = |d: NaiveDate| span.contains(d);
        if entry_date(c).is_some_and(inside) {
            self.introduced += 1;
        }
        if p.sympathiser.as_ref().is_some_and(|s| inside(s.resolution.date)) {
            self.new_sympathisers += 1;
        }
        if p.certificate.as_ref().is_some_and(|cert| inside(cert.issued_on)) {
            self.certificates += 1;
        }
        if p.decision.as_ref().is_some_and(|d| !d.approved && inside(d.document.date)) {
            self.rejected += 1;
        }
        if p.ceremony.as_ref().is_some_and(|cer| inside(cer.date)) {
            self.ceremonies += 1;
        }
        if recognition_date(c).is_some_and(inside) {
            self.recognised += 1;
        }
        if let Some(e) = p.exit.as_ref().filter(|e| inside(e.date)) {
            match e.kind {
                ExitKind::StruckOff => self.struck_off += 1,
                ExitKind::Withdrawn => self.withdrawn += 1,
                ExitKind::MovedAway => self.moved_away += 1,
                ExitKind::DecisionCancelled => self.cancelled += 1,
            }
        }
    }
}
