//! Deadlines and alerts (docs/domain.md §2.4 "Timers the app should compute").
//!
//! * [`timers`] — every timer of the §2.4 table that applies to one candidate, with start,
//!   deadline, extended deadline, done date and rule citation;
//! * [`due_items`] — the ward-wide scan: overdue items and items due within N days, sorted by
//!   urgency, plus the probation-end alerts at 90/60/30/15/7 days.
//!
//! Working-day deadlines use the ward's [`WorkingCalendar`] (build it once per ward: its
//! queries are O(1)); month lengths use [`crate::dates::add_months`]. The national parameters
//! come from the rule set in force on the timer's **start** date (a deadline is governed by the
//! rule in force when it began to run); the ward's [`LocalParams`](crate::rules::LocalParams)
//! add the local timers (Hanoi's 5 and 25 working days, recognition 15 + 15, re-resolution
//! after 45) only when set.

use crate::calendar::WorkingCalendar;
use crate::model::{Candidate, Cell, WardData};
use crate::pipeline::{
    admission_cell_resolution, admission_grassroots_resolution, dossier_baseline, probation_end_from, recognition_cell_votes,
    recognition_grassroots_votes, recognition_state, Proposal, Stage,
};
pub use crate::rules::{
    admission_decision_deadline, cell_review_deadline, ceremony_deadline, database_entry_deadline, grassroots_deadline,
    member_records_deadline, recognition_decision_deadline, recognition_reresolve_deadline, send_up_deadline, verification_deadline,
    Deadline, TimerKind, RULE_LOCAL_DATABASE, RULE_LOCAL_GRASSROOTS, RULE_LOCAL_RECOGNITION, RULE_LOCAL_SEND_UP,
};
use crate::rules::{certificate_valid_until, dossier_valid_until, fmt_date, vote_passes, NoMembers, RuleContext, RuleSets, VotingBody};
use chrono::NaiveDate;
use serde::Serialize;

/// One timer of one candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timer<'a> {
    pub kind: TimerKind,
    /// Vietnamese label, e.g. "Hạn ra quyết định kết nạp".
    pub label: &'static str,
    /// What the timer is about, when there are several (the person verified, e.g. "Bố").
    pub detail: Option<&'a str>,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    /// The longest extension allowed "in special cases" (R-294 §4.3.1), when there is one.
    pub extended_deadline: Option<NaiveDate>,
    /// When it was met (the step's date), if it was.
    pub done: Option<NaiveDate>,
    /// Citation of the rule.
    pub rule: &'a str,
    /// Set by the ward's local parameters, not by the national rules.
    pub local: bool,
}

impl Timer<'_> {
    /// The label with what it is about, for lists: "Hạn trả lời thẩm tra lý lịch (Bố)".
    pub fn title(&self) -> String {
        match self.detail {
            Some(d) => format!("{} ({d})", self.label),
            None => self.label.to_string(),
        }
    }
    pub fn is_done(&self) -> bool {
        self.done.is_some()
    }
}

impl<'a> Deadline<'a> {
    fn timer(self, kind: TimerKind, done: Option<NaiveDate>) -> Timer<'a> {
        Timer {
            kind,
            label: kind.label(),
            detail: None,
            start: self.start,
            deadline: self.deadline,
            extended_deadline: self.extended,
            done,
            rule: self.rule,
            local: self.local,
        }
    }
}

fn before_cell_vote(s: Stage) -> bool {
    matches!(
        s,
        Stage::Nguon
            | Stage::CamTinh
            | Stage::DeNghiHoc
            | Stage::DaHoc
            | Stage::DuocLamThuTuc
            | Stage::LapHoSo
            | Stage::ThamTra
            | Stage::ChungNhanLyLich
            | Stage::LayYKien
            | Stage::KhongDat
    )
}

/// Calls `f` with every timer of the candidate (docs/domain.md §2.4). Pending timers of a final
/// stage are moot and skipped; done timers only when `include_done`. In pending-only mode
/// only the timers that can be pending at the current stage are computed (the ward scan
/// relies on this to stay fast).
pub fn visit_timers<'a>(c: &'a Candidate, ctx: &RuleContext<'a>, include_done: bool, f: &mut dyn FnMut(Timer<'a>)) {
    let stage = c.stage;
    let active = !stage.is_final();
    if !active && !include_done {
        return;
    }
    let emit = |done: Option<NaiveDate>, pending_here: bool| (done.is_some() && include_done) || (done.is_none() && active && pending_here);
    let rule_sets = ctx.rule_sets;
    let p = &c.process;
    let pre_vote = before_cell_vote(stage);
    let chain = matches!(stage, Stage::ChiBoXet | Stage::DangUyCoSoXet | Stage::ChoQuyetDinh);
    let cell_res = if include_done || chain || stage == Stage::KhongDat {
        admission_cell_resolution(c, rule_sets).map(|v| v.resolution.date)
    } else {
        None
    };

    if include_done || pre_vote {
        // Certificate and dossier validity: met by the cell resolution.
        if let Some(cert) = &p.certificate {
            let done = cell_res.filter(|d| *d >= cert.issued_on);
            if emit(done, pre_vote) {
                let rs = ctx.rule_set(cert.issued_on);
                let t = Deadline {
                    start: cert.issued_on,
                    deadline: certificate_valid_until(cert, rs),
                    extended: None,
                    rule: &rs.certificate_validity.rule,
                    local: false,
                };
                f(t.timer(TimerKind::CertificateExpiry, done));
            }
        }
        if let Some(base) = dossier_baseline(c) {
            let done = cell_res.filter(|d| *d >= base);
            if emit(done, pre_vote) {
                let rs = ctx.rule_set(base);
                let t = Deadline {
                    start: base,
                    deadline: dossier_valid_until(base, rs),
                    extended: None,
                    rule: &rs.dossier_validity.rule,
                    local: false,
                };
                f(t.timer(TimerKind::DossierStaleness, done));
            }
        }
        for v in &p.verifications {
            let done = v.returned_on;
            if emit(done, true) {
                let mut t = verification_deadline(ctx, v.sent_on, v.abroad).timer(TimerKind::VerificationReply, done);
                t.detail = Some(v.subject.as_str());
                f(t);
            }
        }
    }

    // From the cell resolution to the decision.
    if let (Some(res), true) = (cell_res, include_done || chain) {
        if !ctx.has_grassroots_committee() {
            if let Some(dl) = send_up_deadline(ctx, res) {
                let done = p.sent_up_on;
                if emit(done, chain) {
                    f(dl.timer(TimerKind::SendUp, done));
                }
            }
        } else if let Some(dl) = grassroots_deadline(ctx, res, false) {
            let done = admission_grassroots_resolution(c, rule_sets).map(|v| v.resolution.date);
            if emit(done, chain) {
                f(dl.timer(TimerKind::GrassrootsResolution, done));
            }
        }
        let done = p.decision.as_ref().map(|d| d.document.date).filter(|d| *d >= res);
        if emit(done, chain) {
            f(admission_decision_deadline(ctx, res).timer(TimerKind::AdmissionDecision, done));
        }
    }

    // After the decision.
    let admitted = matches!(stage, Stage::DaCoQuyetDinh | Stage::DuBi | Stage::XetChinhThuc);
    if !include_done && !admitted {
        return;
    }
    let Some(decision) = p.decision.as_ref().filter(|d| d.approved) else { return };
    let decided = decision.document.date;
    let ceremony = p.ceremony.as_ref().map(|c| c.date);
    if emit(ceremony, stage == Stage::DaCoQuyetDinh) {
        let received = p.decision_received_on.unwrap_or(decided);
        f(ceremony_deadline(ctx, received).timer(TimerKind::Ceremony, ceremony));
    }
    if let Some(dl) = database_entry_deadline(ctx, decided) {
        let done = p.after_admission.database_entry_on;
        if emit(done, admitted) {
            f(dl.timer(TimerKind::DatabaseEntry, done));
        }
    }
    let Some(ceremony) = ceremony else { return };
    let probation = matches!(stage, Stage::DuBi | Stage::XetChinhThuc);
    if !include_done && !probation {
        return;
    }
    let done = p.after_admission.member_records_on;
    if emit(done, probation) {
        f(member_records_deadline(ctx, ceremony).timer(TimerKind::MemberRecords, done));
    }
    let rs_c = ctx.rule_set(ceremony);
    let end = probation_end_from(ceremony, rs_c);
    let done = (ctx.today >= end || stage != Stage::DuBi).then_some(end);
    if emit(done, stage == Stage::DuBi) {
        let t = Deadline { start: ceremony, deadline: end, extended: None, rule: &rs_c.probation.rule, local: false };
        f(t.timer(TimerKind::ProbationEnd, done));
    }
    let done = recognition_cell_votes(c).map(|(_, v)| v.resolution.date).find(|d| *d >= end);
    if emit(done, probation) {
        f(cell_review_deadline(ctx, end).timer(TimerKind::RecognitionCellReview, done));
    }
    if !include_done && stage != Stage::XetChinhThuc {
        return;
    }
    let st = recognition_state(c, rule_sets, ctx.has_grassroots_committee());
    let Some((Proposal::Recognise, res_vote, true)) = st.last_cell_vote else { return };
    let res = res_vote.resolution.date;
    let pending = stage == Stage::XetChinhThuc;
    if ctx.has_grassroots_committee() {
        if let Some(dl) = grassroots_deadline(ctx, res, true) {
            let done = recognition_grassroots_votes(c)
                .filter(|(p, v)| *p == Proposal::Recognise && v.resolution.date >= res)
                .map(|(_, v)| v)
                .find(|v| vote_passes(v, VotingBody::GrassrootsCommittee, ctx.rule_set(v.resolution.date)))
                .map(|v| v.resolution.date);
            if emit(done, pending) {
                f(dl.timer(TimerKind::RecognitionGrassrootsResolution, done));
            }
        }
    }
    let done = p.recognition.decision.as_ref().map(|d| d.document.date).filter(|d| *d >= res);
    if emit(done, pending) {
        f(recognition_decision_deadline(ctx, res).timer(TimerKind::RecognitionDecision, done));
        if let Some(dl) = recognition_reresolve_deadline(ctx, res) {
            f(dl.timer(TimerKind::RecognitionReresolve, done));
        }
    }
}

/// Every timer of docs/domain.md §2.4 that applies to the candidate's current state, done ones
/// included (for the candidate's page). Pending timers of a final stage are left out.
pub fn timers<'a>(c: &'a Candidate, ctx: &RuleContext<'a>) -> Vec<Timer<'a>> {
    let mut out = Vec::new();
    visit_timers(c, ctx, true, &mut |t| out.push(t));
    out
}

/// Where a pending deadline stands on a day: the one vocabulary of "Việc cần làm", the
/// person's page, the step form and the candidate list. Ordered by urgency (most urgent first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Past the deadline (and past the extension, when there is one); for a certificate or
    /// dossier: expired.
    Overdue,
    /// Past the deadline but within the extension allowed in special cases (R-294 §4.3.1).
    WithinExtension,
    /// Due within the ward's lead time (or a probation-end alert).
    DueSoon,
    /// Further off.
    OnTime,
}

impl DeadlineStatus {
    /// Past the deadline, extension or not.
    pub fn is_late(self) -> bool {
        matches!(self, DeadlineStatus::Overdue | DeadlineStatus::WithinExtension)
    }
}

/// A pending deadline on a day: its [`DeadlineStatus`] and the calendar days to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DeadlineState {
    pub status: DeadlineStatus,
    /// Calendar days from the day to the deadline (negative: days overdue).
    pub days_left: i64,
}

impl DeadlineState {
    /// The state of `deadline` (extendable to `extended`) on `today`, "due soon" within
    /// `due_soon_days` calendar days.
    pub fn of(deadline: NaiveDate, extended: Option<NaiveDate>, today: NaiveDate, due_soon_days: u32) -> DeadlineState {
        let days_left = (deadline - today).num_days();
        let status = if today > deadline {
            match extended {
                Some(ext) if today <= ext => DeadlineStatus::WithinExtension,
                _ => DeadlineStatus::Overdue,
            }
        } else if days_left <= i64::from(due_soon_days) {
            DeadlineStatus::DueSoon
        } else {
            DeadlineStatus::OnTime
        };
        DeadlineState { status, days_left }
    }

    /// The one line every screen shows: "Quá hạn 3 ngày", "Quá hạn 3 ngày, đang trong thời gian
    /// gia hạn", "Đến hạn hôm nay", "Còn 5 ngày".
    pub fn line(&self) -> String {
        match (self.status, self.days_left) {
            (DeadlineStatus::WithinExtension, d) => format!("Quá hạn {} ngày, đang trong thời gian gia hạn", -d),
            (_, d) if d < 0 => format!("Quá hạn {} ngày", -d),
            (_, 0) => "Đến hạn hôm nay".to_string(),
            (_, d) => format!("Còn {d} ngày"),
        }
    }

    /// Calendar days overdue (0 when not overdue).
    pub fn days_overdue(&self) -> i64 {
        (-self.days_left).max(0)
    }
}

impl Timer<'_> {
    /// Where this timer stands on `today` (a ward's "due soon" lead time `due_soon_days`).
    pub fn state(&self, today: NaiveDate, due_soon_days: u32) -> DeadlineState {
        DeadlineState::of(self.deadline, self.extended_deadline, today, due_soon_days)
    }
}

/// One line of the ward's "what is due" list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueItem<'a> {
    #[serde(skip)]
    pub candidate: &'a Candidate,
    pub timer: Timer<'a>,
    /// Never [`DeadlineStatus::OnTime`]: such timers are not listed. A probation-end alert is
    /// [`DeadlineStatus::DueSoon`] whatever the lead time.
    pub state: DeadlineState,
    /// For probation-end alerts: the alert step reached (90, 60, 30, 15 or 7 days).
    pub alert_days: Option<u32>,
}

impl DueItem<'_> {
    /// Plain Vietnamese for the list, e.g. "Quá hạn 5 ngày — Hạn ra quyết định kết nạp
    /// (hạn 12/03/2026)".
    pub fn message(&self) -> String {
        format!("{} — {} (hạn {})", self.state.line(), self.timer.title(), fmt_date(self.timer.deadline))
    }
}

/// Classifies a pending timer on `today`; `None` when nothing to show yet.
fn classify(t: &Timer<'_>, today: NaiveDate, due_soon_days: u32, alerts: &[u32]) -> Option<(DeadlineState, Option<u32>)> {
    let state = t.state(today, due_soon_days);
    if t.kind == TimerKind::ProbationEnd {
        if state.days_left < 0 {
            return None;
        }
        let alert = alerts.iter().copied().filter(|a| i64::from(*a) >= state.days_left).min()?;
        return Some((DeadlineState { status: DeadlineStatus::DueSoon, ..state }, Some(alert)));
    }
    (state.status != DeadlineStatus::OnTime).then_some((state, None))
}

/// The ward-wide scan (docs/domain.md §2.4): every active candidate's pending timers that are
/// overdue or due within `due_soon_days` calendar days of `today`, plus the probation-end
/// alerts (90/60/30/15/7 days, or the ward's own list), most urgent first (overdue, then in
/// extension, then due soon; earliest deadline first within each; ties in the ward's
/// candidate order).
///
/// Builds nothing per candidate but a context of references; build the calendar once.
pub fn due_items<'a>(
    data: &'a WardData,
    rule_sets: &'a RuleSets,
    calendar: &'a WorkingCalendar,
    today: NaiveDate,
    due_soon_days: u32,
) -> Vec<DueItem<'a>> {
    let local = &data.ward.settings.local;
    let alerts = local.probation_alerts();
    // Cells sorted by id for a binary search, plus the last hit (candidates of one cell are
    // often listed together).
    let mut cells: Vec<(&str, &'a Cell)> = data.cells.iter().map(|c| (c.id.as_str(), c)).collect();
    crate::order::sort_by(&mut cells, |a, b| a.0.cmp(b.0));
    let mut last: Option<&'a Cell> = None;
    let base = RuleContext::new(rule_sets, local, calendar, &NoMembers, today);
    let mut out = Vec::with_capacity(data.candidates.len() / 8);
    for c in &data.candidates {
        if c.stage.is_final() {
            continue;
        }
        // The cell matters only where a grassroots committee may vote (T9, T13); looking it up
        // for every candidate would touch one more heap string each.
        let needs_cell = matches!(c.stage, Stage::ChiBoXet | Stage::DangUyCoSoXet | Stage::ChoQuyetDinh | Stage::XetChinhThuc);
        let cell = if needs_cell {
            let id = c.cell_id.as_str();
            let found = match last {
                Some(l) if l.id.as_str() == id => Some(l),
                _ => cells.binary_search_by(|(k, _)| (*k).cmp(id)).ok().map(|i| cells[i].1),
            };
            last = found.or(last);
            found
        } else {
            None
        };
        let ctx = RuleContext { cell, ..base };
        visit_timers(c, &ctx, false, &mut |t| {
            if let Some((state, alert_days)) = classify(&t, today, due_soon_days, alerts) {
                out.push(DueItem { candidate: c, timer: t, state, alert_days });
            }
        });
    }
    // Stable sort on a compact key; ties keep the ward's candidate order.
    crate::order::sort_by_key(&mut out, |i| (i.state.status, i.timer.deadline, i.timer.kind));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellLevel, Ward, WardData, WardId};
    use crate::pipeline::tests::{ok, walk_to, Env};
    use crate::pipeline::{Action, Stage};
    use crate::rules::testkit::*;
    use crate::rules::LocalParams;

    fn kinds(ts: &[Timer<'_>]) -> Vec<TimerKind> {
        ts.iter().map(|t| t.kind).collect()
    }
    fn find<'a>(ts: &'a [Timer<'a>], k: TimerKind) -> &'a Timer<'a> {
        ts.iter().find(|t| t.kind == k).unwrap_or_else(|| panic!("no {k:?} in {:?}", kinds(ts)))
    }

    #[test]
    fn admission_decision_timer_after_the_cell_resolution() {
        let env = Env::new(CellLevel::TrucThuoc);
        let c = walk_to(&env, Stage::ChoQuyetDinh);
        let ctx = env.ctx();
        let ts = timers(&c, &ctx);
        let t = find(&ts, TimerKind::AdmissionDecision);
        assert_eq!(t.label, "Hạn ra quyết định kết nạp");
        assert_eq!(t.start, d(2025, 11, 3));
        assert_eq!(t.deadline, env.calendar.add_working_days(d(2025, 11, 3), 45));
        assert_eq!(t.extended_deadline, Some(env.calendar.add_working_days(d(2025, 11, 3), 60)));
        assert_eq!(t.done, None);
        assert!(t.rule.contains("R-294 §4.3.1"));
        // Validity timers are met by the cell resolution; the verification reply too.
        assert_eq!(find(&ts, TimerKind::CertificateExpiry).done, Some(d(2025, 11, 3)));
        assert_eq!(find(&ts, TimerKind::DossierStaleness).done, Some(d(2025, 11, 3)));
        assert_eq!(find(&ts, TimerKind::VerificationReply).done, Some(d(2025, 10, 20)));
        assert_eq!(find(&ts, TimerKind::VerificationReply).detail, Some("Bản thân"));
        // No local timers without local parameters.
        assert!(!kinds(&ts).contains(&TimerKind::SendUp));
        assert!(!kinds(&ts).contains(&TimerKind::DatabaseEntry));
    }

    #[test]
    fn local_timers_only_when_the_ward_sets_them() {
        let mut env = Env::new(CellLevel::TrucThuoc);
        env.local = LocalParams::hanoi();
        let c = walk_to(&env, Stage::ChiBoXet);
        let ctx = env.ctx();
        let ts = timers(&c, &ctx);
        let t = find(&ts, TimerKind::SendUp);
        assert!(t.local);
        assert_eq!(t.deadline, env.calendar.add_working_days(d(2025, 11, 3), 5));
        assert!(!kinds(&ts).contains(&TimerKind::GrassrootsResolution));
        let mut env2 = Env::new(CellLevel::TrongDangBoCoSo);
        env2.local = LocalParams::hanoi();
        let c2 = walk_to(&env2, Stage::ChiBoXet);
        let ctx2 = env2.ctx();
        let ts2 = timers(&c2, &ctx2);
        assert_eq!(find(&ts2, TimerKind::GrassrootsResolution).deadline, env2.calendar.add_working_days(d(2025, 11, 3), 25));
        assert!(!kinds(&ts2).contains(&TimerKind::SendUp));
    }

    #[test]
    fn probation_timers() {
        let mut env = Env::new(CellLevel::TrucThuoc);
        env.today = d(2026, 10, 1);
        let c = walk_to(&env, Stage::DuBi);
        let ctx = env.ctx();
        let ts = timers(&c, &ctx);
        assert_eq!(find(&ts, TimerKind::Ceremony).done, Some(d(2025, 12, 10)));
        // The walk stops at the ceremony: member records not yet recorded.
        let mr = find(&ts, TimerKind::MemberRecords);
        assert_eq!((mr.done, mr.deadline), (None, env.calendar.add_working_days(d(2025, 12, 10), 30)));
        let end = find(&ts, TimerKind::ProbationEnd);
        assert_eq!((end.start, end.deadline, end.done), (d(2025, 12, 10), d(2026, 12, 10), None));
        let review = find(&ts, TimerKind::RecognitionCellReview);
        assert_eq!(review.start, d(2026, 12, 10));
        assert_eq!(review.deadline, env.calendar.add_working_days(d(2026, 12, 10), 30));
    }

    #[test]
    fn recognition_decision_timer_national_and_hanoi() {
        let env = Env::new(CellLevel::TrucThuoc);
        let c = walk_to(&env, Stage::XetChinhThuc);
        let c = ok(&env, &c, Action::RecognitionCellVote { vote: vote(d(2026, 12, 15), 12, 12, 11, 1) });
        let ctx = env.ctx();
        let ts = timers(&c, &ctx);
        let t = find(&ts, TimerKind::RecognitionDecision);
        assert_eq!(t.deadline, env.calendar.add_working_days(d(2026, 12, 15), 30));
        assert_eq!(t.extended_deadline, Some(env.calendar.add_working_days(d(2026, 12, 15), 45)));
        assert!(!kinds(&ts).contains(&TimerKind::RecognitionReresolve));
        let mut env2 = Env::new(CellLevel::TrucThuoc);
        env2.local = LocalParams::hanoi();
        let ctx2 = env2.ctx();
        let ts2 = timers(&c, &ctx2);
        let t = find(&ts2, TimerKind::RecognitionDecision);
        assert_eq!(t.deadline, env2.calendar.add_working_days(d(2026, 12, 15), 15));
        assert_eq!(t.extended_deadline, Some(env2.calendar.add_working_days(d(2026, 12, 15), 30)));
        assert_eq!(find(&ts2, TimerKind::RecognitionReresolve).deadline, env2.calendar.add_working_days(d(2026, 12, 15), 45));
    }

    #[test]
    fn final_stage_has_no_pending_timer() {
        let env = Env::new(CellLevel::TrucThuoc);
        let c = walk_to(&env, Stage::ChinhThuc);
        let ctx = env.ctx();
        assert!(timers(&c, &ctx).iter().all(|t| t.is_done()));
        let c = walk_to(&env, Stage::ChiBoXet);
        let c = ok(&env, &c, Action::Withdraw { date: d(2025, 11, 4), reason: "Xin rút".into(), document: None });
        assert!(timers(&c, &ctx).iter().all(|t| t.is_done()));
    }

    fn ward(env: &Env, candidates: Vec<Candidate>) -> WardData {
        let mut w = WardData::new(Ward {
            id: WardId::new("w"),
            name: "Hòa An".into(),
            kind: Default::default(),
            superior: String::new(),
            term: Default::default(),
            settings: Default::default(),
            report_notes: Default::default(),
            created_at: ts(),
            updated_at: ts(),
        });
        w.cells.push(env.cell.clone());
        w.members = env.members.clone();
        w.candidates = candidates;
        w
    }

    #[test]
    fn one_status_and_one_line_for_every_screen() {
        let deadline = d(2026, 11, 20);
        let state = |today, ext| DeadlineState::of(deadline, ext, today, 14);
        let line = |s: DeadlineState| (s.status, s.line());
        assert_eq!(line(state(d(2026, 11, 23), None)), (DeadlineStatus::Overdue, "Quá hạn 3 ngày".to_string()));
        assert_eq!(
            line(state(d(2026, 11, 23), Some(d(2026, 12, 1)))),
            (DeadlineStatus::WithinExtension, "Quá hạn 3 ngày, đang trong thời gian gia hạn".to_string())
        );
        assert_eq!(line(state(d(2026, 12, 2), Some(d(2026, 12, 1)))).0, DeadlineStatus::Overdue);
        assert_eq!(line(state(deadline, None)), (DeadlineStatus::DueSoon, "Đến hạn hôm nay".to_string()));
        assert_eq!(line(state(d(2026, 11, 6), None)), (DeadlineStatus::DueSoon, "Còn 14 ngày".to_string()));
        assert_eq!(line(state(d(2026, 11, 5), None)), (DeadlineStatus::OnTime, "Còn 15 ngày".to_string()));
        assert!(state(d(2026, 11, 23), None).status.is_late() && !state(deadline, None).status.is_late());
        assert_eq!(state(d(2026, 11, 23), None).days_overdue(), 3);
        assert!(DeadlineStatus::Overdue < DeadlineStatus::WithinExtension && DeadlineStatus::DueSoon < DeadlineStatus::OnTime);
    }

    #[test]
    fn ward_scan_sorted_by_urgency_with_probation_alerts() {
        let env = Env::new(CellLevel::TrucThuoc);
        let mut waiting = walk_to(&env, Stage::ChoQuyetDinh); // decision due 45 wd after 03/11/2025
        waiting.full_name = "Trần Thị Bình".into();
        let mut probation = walk_to(&env, Stage::DuBi); // probation ends 10/12/2026
        probation.full_name = "Lê Văn Cường".into();
        let mut fresh = walk_to(&env, Stage::DaHoc); // certificate valid until 01/09/2030
        fresh.full_name = "Phạm Thu Dung".into();
        let data = ward(&env, vec![probation, waiting, fresh]);
        let rule_sets = env.rule_sets;

        let decision_deadline = env.calendar.add_working_days(d(2025, 11, 3), 45);
        let extended = env.calendar.add_working_days(d(2025, 11, 3), 60);
        // Within the extension.
        let items = due_items(&data, rule_sets, &env.calendar, decision_deadline.succ_opt().unwrap(), 14);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].state.status, DeadlineStatus::WithinExtension);
        // Past the extension; probation ends in 43 days → the 60-day alert.
        let today = d(2026, 10, 28);
        assert!(today > extended);
        let items = due_items(&data, rule_sets, &env.calendar, today, 14);
        let summary: Vec<(TimerKind, DeadlineStatus, Option<u32>)> =
            items.iter().map(|i| (i.timer.kind, i.state.status, i.alert_days)).collect();
        assert_eq!(
            summary,
            vec![
                (TimerKind::AdmissionDecision, DeadlineStatus::Overdue, None),
                (TimerKind::MemberRecords, DeadlineStatus::Overdue, None),
                (TimerKind::ProbationEnd, DeadlineStatus::DueSoon, Some(60)),
            ]
        );
        assert_eq!(items[0].candidate.full_name, "Trần Thị Bình");
        assert!(items[0].message().starts_with("Quá hạn"));
        assert!(items[0].message().contains("Hạn ra quyết định kết nạp"));
        assert_eq!(items[2].state.days_left, 43);
        // 7 days before the end: the 7-day alert.
        let items = due_items(&data, rule_sets, &env.calendar, d(2026, 12, 3), 0);
        let p = items.iter().find(|i| i.timer.kind == TimerKind::ProbationEnd).unwrap();
        assert_eq!(p.alert_days, Some(7));
        // Certificate expiring soon: due-soon window.
        let items = due_items(&data, rule_sets, &env.calendar, d(2030, 8, 25), 14);
        assert!(items.iter().any(|i| i.timer.kind == TimerKind::CertificateExpiry && i.state.status == DeadlineStatus::DueSoon));
    }

    /// A synthetic ward of `n` candidates spread over the stages.
    fn big_ward(env: &Env, n: usize) -> WardData {
        let stages = [
            Stage::CamTinh,
            Stage::DaHoc,
            Stage::ThamTra,
            Stage::LayYKien,
            Stage::ChiBoXet,
            Stage::ChoQuyetDinh,
            Stage::DaCoQuyetDinh,
            Stage::DuBi,
            Stage::DuBi,
            Stage::XetChinhThuc,
            Stage::ChinhThuc,
        ];
        let protos: Vec<Candidate> = stages.iter().map(|s| walk_to(env, *s)).collect();
        let mut v = Vec::with_capacity(n);
        for i in 0..n {
            let mut c = protos[i % protos.len()].clone();
            c.id = crate::model::CandidateId::new(format!("c{i}"));
            v.push(c);
        }
        let mut data = ward(env, v);
        data.ward.settings.local = LocalParams::hanoi();
        data
    }

    #[test]
    fn ward_scan_of_10000_candidates_smoke() {
        let env = Env::new(CellLevel::TrucThuoc);
        let data = big_ward(&env, 10_000);
        let items = due_items(&data, env.rule_sets, &env.calendar, d(2026, 11, 20), 14);
        assert!(!items.is_empty());
        assert!(items.windows(2).all(|w| (w[0].state.status, w[0].timer.deadline) <= (w[1].state.status, w[1].timer.deadline)));
    }

    /// `cargo test --release -p ptdv-domain -- --ignored --nocapture due_scan_benchmark`
    #[test]
    #[ignore]
    fn due_scan_benchmark() {
        let env = Env::new(CellLevel::TrucThuoc);
        let data = big_ward(&env, 10_000);
        let cal = WorkingCalendar::new(&data.ward.settings.calendar);
        let mut best = std::time::Duration::MAX;
        let mut count = 0;
        for _ in 0..50 {
            let t0 = std::time::Instant::now();
            let items = due_items(&data, env.rule_sets, &cal, d(2026, 11, 20), 14);
            best = best.min(t0.elapsed());
            count = items.len();
        }
        eprintln!("due_items over 10,000 candidates: best {best:?}, {count} items");
        assert!(best < std::time::Duration::from_millis(5));
    }
}
