//! The legal time limits of docs/domain.md §2.4, each computed from its start: the kinds of timer,
//! and for each the deadline (with its longest extension and its rule) under the rule set in
//! force on the start date and the ward's local parameters. The state machine checks a step
//! against them (late or not); `crate::deadlines` turns them into a candidate's timers and the
//! ward-wide list of what is due.
//!
//! Working-day deadlines use the ward's [`WorkingCalendar`](crate::calendar::WorkingCalendar);
//! the national parameters come from the rule set in force on the timer's **start** date; the
//! local timers (Hanoi's 5 and 25 working days, recognition 15 + 15, re-resolution after 45)
//! exist only when the ward's [`LocalParams`](crate::model::LocalParams) set them.

use super::{RuleContext, RuleSet, WorkingDayLimit};
use crate::calendar::WorkingCalendar;
use chrono::NaiveDate;
use serde::Serialize;

/// Citations of the local (Hanoi-style) timers.
pub const RULE_LOCAL_SEND_UP: &str = "R-HN II.1.1.3.2 (quy định địa phương)";
pub const RULE_LOCAL_GRASSROOTS: &str = "R-HN II.1.1.3.2 (quy định địa phương)";
pub const RULE_LOCAL_RECOGNITION: &str = "R-HN II.2.1.4 (quy định địa phương)";
pub const RULE_LOCAL_DATABASE: &str = "R-HN B.I.2.1 (quy định địa phương)";

/// The timers of docs/domain.md §2.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerKind {
    /// Certificate expiry: issue + 60 months (R-06 §5.4b).
    CertificateExpiry,
    /// Dossier staleness: created + 12 months (R-06 §5.4a).
    DossierStaleness,
    /// Verification reply: sent + 30 wd (90 abroad) (R-06 §3.4d).
    VerificationReply,
    /// Send the dossier up: cell resolution + 5 wd (local, R-HN).
    SendUp,
    /// Grassroots committee resolution: cell resolution + 25 wd (local, R-HN).
    GrassrootsResolution,
    /// Admission decision: cell resolution + 45 wd (+15) (R-294 §4.3.1).
    AdmissionDecision,
    /// Ceremony: decision received + 30 wd (R-294 §4.1).
    Ceremony,
    /// Member CV and sheet: ceremony + 30 wd (R-38 §2.2; R-HN).
    MemberRecords,
    /// Central database entry: decision + 30 wd (local, R-HN).
    DatabaseEntry,
    /// Probation end: ceremony + 12 months (Charter Art. 5; R-06 §4.2).
    ProbationEnd,
    /// Cell review after probation: probation end + 30 wd (R-294 §4.2.1).
    RecognitionCellReview,
    /// Grassroots committee resolution on recognition: + 25 wd (local, R-HN).
    RecognitionGrassrootsResolution,
    /// Recognition decision: cell resolution + 30 wd (+15) (R-294 §4.3.1; Hanoi 15 + 15).
    RecognitionDecision,
    /// Hanoi: after 45 wd without decision the cell must resolve again (R-HN II.2.1.4).
    RecognitionReresolve,
}

impl TimerKind {
    /// The Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            TimerKind::CertificateExpiry => "Hạn sử dụng giấy chứng nhận học lớp nhận thức về Đảng",
            TimerKind::DossierStaleness => "Hạn sử dụng giấy tờ trong hồ sơ kết nạp",
            TimerKind::VerificationReply => "Hạn trả lời thẩm tra lý lịch",
            TimerKind::SendUp => "Hạn gửi hồ sơ đề nghị kết nạp lên cấp trên",
            TimerKind::GrassrootsResolution => "Hạn đảng ủy cơ sở ra nghị quyết đề nghị kết nạp",
            TimerKind::AdmissionDecision => "Hạn ra quyết định kết nạp",
            TimerKind::Ceremony => "Hạn tổ chức lễ kết nạp",
            TimerKind::MemberRecords => "Hạn khai lý lịch đảng viên, phiếu đảng viên",
            TimerKind::DatabaseEntry => "Hạn nhập cơ sở dữ liệu đảng viên",
            TimerKind::ProbationEnd => "Ngày hết 12 tháng dự bị",
            TimerKind::RecognitionCellReview => "Hạn chi bộ xét công nhận đảng viên chính thức",
            TimerKind::RecognitionGrassrootsResolution => "Hạn đảng ủy cơ sở ra nghị quyết đề nghị công nhận chính thức",
            TimerKind::RecognitionDecision => "Hạn ra quyết định công nhận đảng viên chính thức",
            TimerKind::RecognitionReresolve => "Hạn phải họp lại ra nghị quyết khác nếu chưa có quyết định công nhận",
        }
    }

    /// Validity limits (certificate, dossier) rather than tasks: passing them means "expired".
    pub fn is_validity(self) -> bool {
        matches!(self, TimerKind::CertificateExpiry | TimerKind::DossierStaleness)
    }
}

/// A legal deadline computed from its start: what a step is checked against (late or not),
/// and what becomes a timer of `crate::deadlines`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline<'a> {
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub extended: Option<NaiveDate>,
    pub rule: &'a str,
    pub local: bool,
}

fn wd<'a>(cal: &WorkingCalendar, start: NaiveDate, days: u32, ext: u32, rule: &'a str, local: bool) -> Deadline<'a> {
    let deadline = cal.add_working_days(start, days);
    let extended = (ext > 0).then(|| cal.add_working_days(start, days.saturating_add(ext)));
    Deadline { start, deadline, extended, rule, local }
}

fn national<'a>(ctx: &RuleContext<'a>, start: NaiveDate, pick: fn(&RuleSet) -> &WorkingDayLimit) -> Deadline<'a> {
    let l = pick(ctx.rule_set(start));
    wd(ctx.calendar, start, l.working_days, l.extension_working_days, &l.rule, false)
}

/// Admission decision: within 45 (+15) working days of the cell resolution; 60 (+30) under
/// the 2016–2025 rules (R-294 §4.3.1; docs/domain.md §2.4).
pub fn admission_decision_deadline<'a>(ctx: &RuleContext<'a>, cell_resolution: NaiveDate) -> Deadline<'a> {
    national(ctx, cell_resolution, |r| &r.admission_decision)
}

/// Local: send the dossier up within N working days of the cell resolution (R-HN: 5).
pub fn send_up_deadline<'a>(ctx: &RuleContext<'a>, cell_resolution: NaiveDate) -> Option<Deadline<'a>> {
    let n = ctx.local.send_up_wd?;
    Some(wd(ctx.calendar, cell_resolution, n, 0, RULE_LOCAL_SEND_UP, true))
}

/// Local: the grassroots committee resolves within N working days of the cell resolution
/// (R-HN: 25); used for admission and for recognition.
pub fn grassroots_deadline<'a>(ctx: &RuleContext<'a>, cell_resolution: NaiveDate, recognition: bool) -> Option<Deadline<'a>> {
    let n = ctx.local.grassroots_resolution_wd?;
    let rule = if recognition { RULE_LOCAL_RECOGNITION } else { RULE_LOCAL_GRASSROOTS };
    Some(wd(ctx.calendar, cell_resolution, n, 0, rule, true))
}

/// Ceremony within 30 working days of receiving the decision (R-294 §4.1).
pub fn ceremony_deadline<'a>(ctx: &RuleContext<'a>, received: NaiveDate) -> Deadline<'a> {
    national(ctx, received, |r| &r.ceremony)
}

/// Member CV and sheet within 30 working days of the ceremony (R-38 §2.2; R-HN).
pub fn member_records_deadline<'a>(ctx: &RuleContext<'a>, ceremony: NaiveDate) -> Deadline<'a> {
    national(ctx, ceremony, |r| &r.member_records)
}

/// Local: central database entry within N working days of the decision (R-HN: 30).
pub fn database_entry_deadline<'a>(ctx: &RuleContext<'a>, decision: NaiveDate) -> Option<Deadline<'a>> {
    let n = ctx.local.database_entry_wd?;
    Some(wd(ctx.calendar, decision, n, 0, RULE_LOCAL_DATABASE, true))
}

/// Verification reply within 30 working days, 90 abroad (R-06 §3.4d). Counted from the
/// sending date (\[U\]: the regulation counts from receipt, which the app does not know).
pub fn verification_deadline<'a>(ctx: &RuleContext<'a>, sent_on: NaiveDate, abroad: bool) -> Deadline<'a> {
    if abroad {
        national(ctx, sent_on, |r| &r.verification_abroad)
    } else {
        national(ctx, sent_on, |r| &r.verification_domestic)
    }
}

/// The cell considers recognition within 30 working days of the end of probation
/// (R-294 §4.2.1).
pub fn cell_review_deadline<'a>(ctx: &RuleContext<'a>, probation_end: NaiveDate) -> Deadline<'a> {
    national(ctx, probation_end, |r| &r.cell_review_after_probation)
}

/// Recognition decision within 30 (+15) working days of the cell resolution (R-294 §4.3.1;
/// 2016–2025: 30 + 30); a ward's local value replaces it (Hanoi 15 + 15, R-HN II.2.1.4).
pub fn recognition_decision_deadline<'a>(ctx: &RuleContext<'a>, cell_resolution: NaiveDate) -> Deadline<'a> {
    let l = &ctx.rule_set(cell_resolution).recognition_decision;
    match ctx.local.recognition_decision_wd {
        Some(n) => {
            let ext = ctx.local.recognition_decision_ext_wd.unwrap_or(l.extension_working_days);
            wd(ctx.calendar, cell_resolution, n, ext, RULE_LOCAL_RECOGNITION, true)
        }
        None => wd(ctx.calendar, cell_resolution, l.working_days, l.extension_working_days, &l.rule, false),
    }
}

/// Local: after N working days without a recognition decision the cell and the grassroots
/// committee must resolve again (R-HN II.2.1.4: 45).
pub fn recognition_reresolve_deadline<'a>(ctx: &RuleContext<'a>, cell_resolution: NaiveDate) -> Option<Deadline<'a>> {
    let n = ctx.local.recognition_reresolve_after_wd?;
    Some(wd(ctx.calendar, cell_resolution, n, 0, RULE_LOCAL_RECOGNITION, true))
}
