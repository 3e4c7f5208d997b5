//! What happens to each candidate: the admission seasons of every year (≈ 45 admitted a year,
//! docs/domain.md §4.1), the sympathisers who leave or move, the failures, and the overdue cases a
//! ward must be warned about (docs/domain.md §2.4).

use super::rng::Rng;
use super::schedule::{add, days_between, decision_date, months_before, ymd};
use super::tables::Profile;
use super::timeline::{Act, Timeline, TlOpts};
use super::{Gen, SEED};
use crate::model::ExitKind;
use crate::pipeline::Stage;
use chrono::NaiveDate;

/// How a plan fixes its dates.
#[derive(Clone, Copy, Debug)]
pub(super) enum Anchor {
    /// Admitted (or due to be admitted) on this date; the ceremony aims at the season day.
    Decision { date: NaiveDate, season: Option<NaiveDate> },
    /// Dates chosen so that `act` falls on (about) `target`.
    Place { act: Act, target: NaiveDate },
}

/// Where the path ends, besides `today`.
#[derive(Clone, Copy, Debug)]
pub(super) enum Fate {
    /// Follows the path as far as `today`.
    Natural,
    /// Stays before this act (stalled).
    Stop(Act),
    /// Stays right after this act.
    StopAfter(Act),
    /// Stops before `stop`, then leaves `days` after the later of its last step and `after`.
    Exit { kind: ExitKind, stop: Act, after: Act, days: (i64, i64) },
    /// The cell vote fails (T8 → Không đạt).
    FailCellVote,
    /// The Standing Committee does not approve (T10 → Bị từ chối).
    Rejected,
    /// Proposed for the class but did not pass it.
    ClassFailed,
    /// The father's verification request is never answered.
    StallVerification,
}

/// A particular kind of candidate (docs/domain.md §4.1 demographic mix).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hint {
    /// Anyone the cell would bring.
    Any,
    /// A final-year high-school student ("Đảng viên tuổi 18", S4).
    Student,
    /// A demobilised soldier back in his residential area.
    Veteran,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Plan {
    pub cell: usize,
    /// Who the candidate is, when the plan needs a particular kind of person.
    pub hint: Hint,
    pub anchor: Anchor,
    pub fate: Fate,
    pub force_source: bool,
}

impl Gen {
    fn cell_by_weight(&self, rng: &mut Rng) -> usize {
        let w: Vec<(usize, u32)> = self.cells.iter().enumerate().map(|(i, c)| (i, c.weight)).collect();
        rng.weighted(&w)
    }

    /// A residential cell (most special cases happen there).
    fn residential(&self, rng: &mut Rng) -> usize {
        let w: Vec<(usize, u32)> = self.cells.iter().enumerate().filter(|(_, c)| c.area.is_some()).map(|(i, c)| (i, c.weight)).collect();
        rng.weighted(&w)
    }

    fn t9_cell(&self) -> usize {
        self.cells.iter().position(|c| c.t9()).expect("one cell inside a grassroots organisation")
    }

    /// All plans, in a fixed order.
    pub(super) fn plans(&self) -> Vec<Plan> {
        let mut rng = Rng::fork(SEED, 2);
        let mut v = vec![];
        let today = self.today;
        let y0 = self.y0;

        // Admissions: 43–45 a year (plus the special cases below, ≈ 45) from four years back (so that the first full year already
        // has probationary members and recognitions) to two years ahead (the early pipeline).
        // Five or six of them are high-school students admitted for 19/5 (10–15 %), one a
        // demobilised soldier and one a militia member of the military cell (≈ 5 %).
        let high_school = self.cells.iter().position(|c| c.profile == Profile::HighSchool).expect("high school");
        let military = self.cells.iter().position(|c| c.profile == Profile::Military).expect("military cell");
        for year in (y0 - 4)..=(y0 + 2) {
            let n = 44 + rng.range(-1, 1);
            let students = 5 + rng.range(0, 1);
            for k in 0..n {
                let hint = if k < students {
                    Hint::Student
                } else if k == students {
                    Hint::Veteran
                } else {
                    Hint::Any
                };
                let cell = match hint {
                    Hint::Student => high_school,
                    Hint::Veteran => self.residential(&mut rng),
                    Hint::Any if k == students + 1 => military,
                    Hint::Any => self.cell_by_weight(&mut rng),
                };
                let (date, season) = decision_date(&mut rng, year, hint == Hint::Student);
                let anchor = Anchor::Decision { date, season };
                v.push(Plan { cell, hint, anchor, fate: Fate::Natural, force_source: false });
            }
        }

        // Sympathisers who leave the list or move away, spread over the last three years and this one.
        for year in (y0 - 3)..=y0 {
            let from = ymd(year, 1, 1);
            let to = ymd(year, 12, 31).min(add(today, -5));
            if to <= from {
                continue;
            }
            let span = days_between(from, to);
            let scale = |n: u32| ((n as i64 * span + 364) / 365) as u32;
            let exit = |rng: &mut Rng, v: &mut Vec<Plan>, kind, stop, after, lead: i64, days| {
                let target = add(add(from, rng.range(0, span)), -lead);
                let cell = self.residential(rng);
                let fate = Fate::Exit { kind, stop, after, days };
                v.push(Plan { cell, hint: Hint::Any, anchor: Anchor::Place { act: after, target }, fate, force_source: false });
            };
            for _ in 0..scale(5) {
                exit(&mut rng, &mut v, ExitKind::Withdrawn, Act::Proposal, Act::Sympathiser, 130, (60, 200));
            }
            for _ in 0..scale(1) {
                exit(&mut rng, &mut v, ExitKind::Withdrawn, Act::Certificate, Act::Certificate, 35, (10, 60));
            }
            for _ in 0..scale(2) {
                exit(&mut rng, &mut v, ExitKind::Withdrawn, Act::Permission, Act::Certificate, 160, (90, 240));
            }
            for _ in 0..scale(1) {
                exit(&mut rng, &mut v, ExitKind::MovedAway, Act::Proposal, Act::Sympathiser, 90, (30, 150));
                exit(&mut rng, &mut v, ExitKind::MovedAway, Act::Permission, Act::Certificate, 120, (60, 180));
            }
            // And, once the dossier is open, one moves away and one withdraws a year.
            for _ in 0..scale(1) {
                exit(&mut rng, &mut v, ExitKind::MovedAway, Act::CvCert, Act::Send(0), 40, (10, 40));
                exit(&mut rng, &mut v, ExitKind::Withdrawn, Act::CvCert, Act::Dossier, 40, (20, 50));
            }
        }

        let place = |rng: &mut Rng, cell: usize, act: Act, days_ago: i64, fate: Fate| Plan {
            cell,
            hint: Hint::Any,
            anchor: Anchor::Place { act, target: add(today, -days_ago - rng.range(0, 2)) },
            fate,
            force_source: matches!(act, Act::Source),
        };
        let mut one = |rng: &mut Rng, act: Act, days_ago: i64, fate: Fate| {
            let cell = self.residential(rng);
            v.push(place(rng, cell, act, days_ago, fate));
        };
        // Failures (T8, T10) and the exits of admitted people (T15, T17, T18).
        one(&mut rng, Act::CellVote, 420, Fate::FailCellVote);
        one(&mut rng, Act::CellVote, 75, Fate::FailCellVote);
        one(&mut rng, Act::Decide, 230, Fate::Rejected);
        one(&mut rng, Act::SendUp, 300, Fate::Exit { kind: ExitKind::MovedAway, stop: Act::Decide, after: Act::SendUp, days: (5, 20) });
        for days_ago in [800, 250] {
            let exit = Fate::Exit { kind: ExitKind::StruckOff, stop: Act::RecCellVote, after: Act::StartRecognition, days: (10, 30) };
            one(&mut rng, Act::StartRecognition, days_ago, exit);
        }
        one(
            &mut rng,
            Act::Ceremony,
            520,
            Fate::Exit { kind: ExitKind::DecisionCancelled, stop: Act::StartRecognition, after: Act::Ceremony, days: (100, 160) },
        );
        one(&mut rng, Act::Proposal, 160, Fate::ClassFailed);

        // Overdue (docs/domain.md §2.4): decision pending > 45 wd after the cell vote; ceremony not
        // held 40+ days after the decision; probation ended two months ago without review; a
        // verification sent three months ago not answered; a dossier older than 12 months
        // (R-DOCAGE); a recognition decision pending 50 days.
        one(&mut rng, Act::CellVote, 72, Fate::Stop(Act::Decide));
        one(&mut rng, Act::Decide, 48, Fate::Stop(Act::Ceremony));
        let probation_ended = days_between(months_before(today, 12), today) + 62;
        one(&mut rng, Act::Ceremony, probation_ended, Fate::Stop(Act::StartRecognition));
        one(&mut rng, Act::Send(1), 92, Fate::StallVerification);
        one(&mut rng, Act::Dossier, 400, Fate::Stop(Act::CellVote));
        one(&mut rng, Act::RecCellVote, 50, Fate::Stop(Act::RecDecision));
        // People waiting: sympathisers not yet proposed for a class, certificate holders not yet
        // allowed to start, and outstanding people in the source pool.
        for days_ago in [300, 190] {
            one(&mut rng, Act::Sympathiser, days_ago, Fate::Stop(Act::Proposal));
        }
        for days_ago in [250, 120] {
            one(&mut rng, Act::Certificate, days_ago, Fate::Stop(Act::Permission));
        }
        for days_ago in [20, 60, 120] {
            one(&mut rng, Act::Source, days_ago, Fate::Stop(Act::Sympathiser));
        }
        v
    }

    /// A plan that puts one candidate in `stage` (used only if the natural plans miss it).
    pub(super) fn pinned(&self, stage: Stage, attempt: u64) -> Plan {
        let mut rng = Rng::fork(SEED ^ 0x77, stage as u64 * 16 + attempt);
        let mut cell = self.residential(&mut rng);
        let days = 3 + 7 * attempt as i64;
        let (act, fate) = match stage {
            Stage::Nguon => (Act::Source, Fate::Stop(Act::Sympathiser)),
            Stage::CamTinh => (Act::Sympathiser, Fate::StopAfter(Act::Sympathiser)),
            Stage::DeNghiHoc => (Act::Proposal, Fate::StopAfter(Act::Proposal)),
            Stage::DaHoc => (Act::Certificate, Fate::StopAfter(Act::Certificate)),
            Stage::DuocLamThuTuc => (Act::Permission, Fate::StopAfter(Act::Permission)),
            Stage::LapHoSo => (Act::Dossier, Fate::StopAfter(Act::Dossier)),
            Stage::ThamTra => (Act::Send(0), Fate::Stop(Act::CvCert)),
            Stage::ChungNhanLyLich => (Act::CvCert, Fate::StopAfter(Act::CvCert)),
            Stage::LayYKien => (Act::Opinions, Fate::StopAfter(Act::Opinions)),
            Stage::ChiBoXet => (Act::CellVote, Fate::StopAfter(Act::CellVote)),
            Stage::DangUyCoSoXet => {
                cell = self.t9_cell();
                (Act::GrassrootsVote, Fate::StopAfter(Act::GrassrootsVote))
            }
            Stage::ChoQuyetDinh => (Act::SendUp, Fate::StopAfter(Act::SendUp)),
            Stage::DaCoQuyetDinh => (Act::Receive, Fate::Stop(Act::Ceremony)),
            Stage::DuBi => (Act::Ceremony, Fate::Stop(Act::StartRecognition)),
            Stage::XetChinhThuc => (Act::StartRecognition, Fate::Stop(Act::RecDecision)),
            Stage::ChinhThuc => (Act::RecDecision, Fate::Natural),
            Stage::KhongDat => (Act::CellVote, Fate::FailCellVote),
            Stage::BiTuChoi => (Act::Decide, Fate::Rejected),
            Stage::RutKhoiDanhSach => {
                (Act::Sympathiser, Fate::Exit { kind: ExitKind::Withdrawn, stop: Act::Proposal, after: Act::Sympathiser, days: (20, 40) })
            }
            Stage::ChuyenDi => {
                (Act::Sympathiser, Fate::Exit { kind: ExitKind::MovedAway, stop: Act::Proposal, after: Act::Sympathiser, days: (20, 40) })
            }
            Stage::XoaTenDuBi => (
                Act::StartRecognition,
                Fate::Exit { kind: ExitKind::StruckOff, stop: Act::RecCellVote, after: Act::StartRecognition, days: (5, 15) },
            ),
            Stage::HuyQuyetDinh => (
                Act::Ceremony,
                Fate::Exit { kind: ExitKind::DecisionCancelled, stop: Act::StartRecognition, after: Act::Ceremony, days: (100, 160) },
            ),
        };
        // Exits need room after the anchor act.
        let extra = match fate {
            Fate::Exit { days, .. } => days.1 + 60,
            _ => 0,
        };
        Plan {
            cell,
            hint: Hint::Any,
            anchor: Anchor::Place { act, target: add(self.today, -days - extra) },
            fate,
            force_source: act == Act::Source,
        }
    }

    /// The timeline of a plan: from its decision date, or searched so that the anchor act falls
    /// on its target date (within a day or two; class dates make it jump).
    pub(super) fn timeline(&self, plan: &Plan, rng: &Rng) -> Timeline {
        let cell = &self.cells[plan.cell];
        let opts = |season| TlOpts { t9: cell.t9(), force_source: plan.force_source, ceremony_target: season };
        let make = |date: NaiveDate, season| Timeline::new(&self.sched, date, opts(season), &mut rng.clone());
        match plan.anchor {
            Anchor::Decision { date, season } => make(date, season),
            Anchor::Place { act, target } => {
                let mut d = target;
                let mut best: Option<(i64, Timeline)> = None;
                let consider = |d: NaiveDate, best: &mut Option<(i64, Timeline)>| -> i64 {
                    let tl = make(d, None);
                    let err = days_between(tl.date_of(act), target);
                    // Prefer a date not after the target (the act must have happened).
                    let score = if err >= 0 { err } else { 1000 - err };
                    if best.as_ref().is_none_or(|(s, _)| score < *s) {
                        *best = Some((score, tl));
                    }
                    err
                };
                for _ in 0..8 {
                    let err = consider(d, &mut best);
                    if (0..=1).contains(&err) {
                        break;
                    }
                    d = add(d, err);
                }
                if best.as_ref().is_some_and(|(s, _)| *s > 3) {
                    let centre = d;
                    for k in -90..=90 {
                        consider(add(centre, k), &mut best);
                    }
                }
                best.expect("at least one timeline").1
            }
        }
    }
}
