//! Classes run by the ward political centre (docs/domain.md §3.1 "Class", §2.2 T2 and T12;
//! R-06 §3.1, §4.1): the awareness class (lớp bồi dưỡng nhận thức về Đảng) and the new-member
//! class (lớp bồi dưỡng đảng viên mới) — the class form, its learners and their results, and
//! the certificates, recorded once for the whole class.
//!
//! Who may learn in a class:
//! * awareness class — whoever may record an awareness certificate in the pipeline
//!   ([`Step::RecordCertificate`]): sympathisers (cảm tình Đảng, đề nghị đi học) and, later in
//!   the procedure up to the cell vote, people retaking the class for a new certificate
//!   (R-CERT, 60 months);
//! * new-member class — probationary members (đảng viên dự bị, after the admission ceremony),
//!   including those under review for official membership.

use super::*;
use crate::calendar::WorkingCalendar;
use crate::form::{Field, FieldKind, Reader, Values};
use crate::model::*;
use crate::pipeline::{apply, is_step_allowed, Action, Stage, Step, TransitionError, NO_ACKNOWLEDGEMENT};
use crate::rules::{certificate_valid_until, RuleContext, RuleSets};
use crate::text::format_date;
use chrono::{Months, NaiveDate};
use std::collections::HashSet;

/// Both kinds of class.
pub const KINDS: [ClassKind; 2] = [ClassKind::NhanThuc, ClassKind::DangVienMoi];

/// The class form. Keys: `kind`, `name`, `organiser`, `start`, `end`, `venue`.
pub fn fields() -> Vec<Field> {
    vec![
        Field::new("kind", "Loại lớp", FieldKind::Choice(options(&KINDS, ClassKind::label))).required(),
        Field::new("name", "Tên lớp (khóa)", FieldKind::Text).required().hint("Ví dụ: Khóa 2 năm 2026."),
        Field::new("organiser", "Đơn vị tổ chức", FieldKind::Text),
        Field::new("start", "Ngày khai giảng", FieldKind::Date).required(),
        Field::new("end", "Ngày bế giảng", FieldKind::Date).required(),
        Field::new("venue", "Địa điểm", FieldKind::Text),
    ]
}

/// The values of a new class: organised by the ward political centre (R-06 §3.1).
pub fn new_values(data: &WardData) -> Values {
    let organiser = format!("Trung tâm chính trị {} {}", data.ward.kind.label(), data.ward.name).trim().to_string();
    Values::from([("organiser".to_string(), organiser)])
}

/// The values of `class`, to edit it.
pub fn values_of(class: &Class) -> Values {
    Values::from([
        ("kind".to_string(), code(class.kind)),
        ("name".to_string(), class.name.clone()),
        ("organiser".to_string(), class.organiser.clone()),
        ("start".to_string(), format_date(class.start)),
        ("end".to_string(), format_date(class.end)),
        ("venue".to_string(), class.venue.clone()),
    ])
}

fn put_class(data: &mut WardData, before: Option<&Class>, after: Class, now: Timestamp) {
    log(data, RecordKind::Class, after.id.as_str(), &after.name, before, &after, now);
    match data.classes.iter_mut().find(|c| c.id == after.id) {
        Some(slot) => *slot = after,
        None => data.classes.push(after),
    }
}

/// Creates a class (`editing` = `None`, id `lop-<slug>-<time>`) or edits one.
///
/// Checks: kind, name, start and end required; the end not before the start; neither more
/// than a year after today (Vietnam date of `now`; what the file loader accepts for recorded
/// events). The kind of a class that has learners cannot change. Learners and certificates
/// are kept.
pub fn save_class(data: &mut WardData, editing: Option<&ClassId>, values: &Values, now: Timestamp) -> Result<ClassId, Vec<FieldError>> {
    let before = match editing {
        Some(id) => Some(data.class(id).cloned().ok_or_else(|| not_found("lớp"))?),
        None => None,
    };
    let mut r = Reader::new(values);
    let kind = required_category(&mut r, "kind", "loại lớp", &KINDS);
    if let (Some(k), Some(b)) = (kind, &before) {
        if k != b.kind && !b.learners.is_empty() {
            r.error("kind", "Lớp đã có học viên nên không thể đổi loại lớp.");
        }
    }
    let name = r.required_text("name", "tên lớp");
    check_name(&mut r, "name", &name);
    let organiser = free_text(&mut r, "organiser");
    let start = r.date("start", "ngày khai giảng");
    let end = r.date("end", "ngày bế giảng");
    let venue = free_text(&mut r, "venue");
    let latest = local_today(now).checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX);
    for (key, d) in [("start", start), ("end", end)] {
        if let Some(d) = d.filter(|d| *d > latest) {
            r.error(key, format!("Ngày {} quá xa: chỉ ghi lớp học trong vòng một năm tới (đến {}).", format_date(d), format_date(latest)));
        }
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            r.error("end", format!("Ngày bế giảng ({}) trước ngày khai giảng ({}).", format_date(e), format_date(s)));
        }
    }
    let (kind, (start, end)) = r.finish(kind.zip(start.zip(end)))?;
    let after = match &before {
        Some(b) => Class { kind, name, organiser, start, end, venue, updated_at: now, ..b.clone() },
        None => Class {
            id: ClassId::new(new_id("lop", &name, Some(now), |id| data.classes.iter().any(|c| c.id.as_str() == id))),
            kind,
            name,
            organiser,
            start,
            end,
            venue,
            learners: vec![],
            certificate_date: None,
            certificate_issuer: String::new(),
            created_at: now,
            updated_at: now,
        },
    };
    let id = after.id.clone();
    if let Some(b) = &before {
        if *b == (Class { updated_at: b.updated_at, ..after.clone() }) {
            return Ok(id);
        }
    }
    put_class(data, before.as_ref(), after, now);
    Ok(id)
}

/// Whether a candidate's record refers to the class (proposal, certificates).
fn refers_to(c: &Candidate, id: &ClassId) -> bool {
    let p = &c.process;
    p.class_proposal.as_ref().and_then(|x| x.class_id.as_ref()) == Some(id)
        || p.certificate.as_ref().and_then(|x| x.class_id.as_ref()) == Some(id)
        || p.after_admission.new_member_certificate.as_ref().and_then(|x| x.class_id.as_ref()) == Some(id)
}

/// Deletes a class entered by mistake: refused once it has learners or a candidate's record
/// names it.
pub fn delete_class(data: &mut WardData, id: &ClassId, now: Timestamp) -> Result<(), String> {
    let class = data.class(id).cloned().ok_or_else(|| "Không tìm thấy lớp.".to_string())?;
    if !class.learners.is_empty() {
        return Err(format!("Lớp “{}” đã có {} học viên nên không thể xóa.", class.name, class.learners.len()));
    }
    let named: Vec<&str> = data.candidates.iter().filter(|c| refers_to(c, id)).map(|c| c.full_name.as_str()).collect();
    if !named.is_empty() {
        return Err(format!("Lớp “{}” đã được ghi trong hồ sơ của {} nên không thể xóa.", class.name, name_list(&named, 5)));
    }
    data.classes.retain(|c| &c.id != id);
    data.changes.append([deleted(RecordKind::Class, id.as_str(), &class.name, now)]);
    Ok(())
}

// --- learners -----------------------------------------------------------------------------

/// The certificate of `kind` the candidate holds.
fn certificate_of(c: &Candidate, kind: ClassKind) -> Option<&Certificate> {
    match kind {
        ClassKind::NhanThuc => c.process.certificate.as_ref(),
        ClassKind::DangVienMoi => c.process.after_admission.new_member_certificate.as_ref(),
    }
}

/// The certificate this class gave the candidate, if it was recorded.
fn recorded_from(c: &Candidate, class: &Class) -> Option<String> {
    certificate_of(c, class.kind).filter(|x| x.class_id.as_ref() == Some(&class.id)).map(|x| x.number.clone())
}

fn step_allowed(c: &Candidate, step: Step) -> bool {
    // The transition table does not depend on the rule sets for these steps; the embedded
    // sets always parse (a unit test checks them).
    RuleSets::builtin().is_ok_and(|rs| is_step_allowed(c, step, false, rs))
}

/// Why `c` may not learn in a class of `kind` (`None`: may).
pub fn unfit_reason(c: &Candidate, kind: ClassKind) -> Option<String> {
    let ok = match kind {
        ClassKind::NhanThuc => step_allowed(c, Step::RecordCertificate),
        ClassKind::DangVienMoi => c.process.ceremony.is_some() && step_allowed(c, Step::RecordAfterAdmission),
    };
    (!ok).then(|| format!("{} (giai đoạn “{}”)", c.full_name, c.stage.label()))
}

/// Who the class is for, for messages.
fn audience(kind: ClassKind) -> &'static str {
    match kind {
        ClassKind::NhanThuc => "cảm tình Đảng và người cần học lại để được cấp giấy chứng nhận mới (trước khi chi bộ xét kết nạp)",
        ClassKind::DangVienMoi => "đảng viên dự bị (đã tổ chức lễ kết nạp)",
    }
}

/// The candidates who may be added to `class` and need it, in name order: not yet learners
/// of it, at a stage that fits, and without a certificate of that kind — for an awareness
/// class, or with one no longer valid on the class's last day (R-CERT). [`enroll`] also
/// accepts anyone who fits (to retake the class early).
pub fn eligible_for_class<'a>(data: &'a WardData, class: &Class) -> Vec<&'a Candidate> {
    let enrolled: HashSet<&CandidateId> = class.learners.iter().map(|l| &l.candidate_id).collect();
    let rule_sets = RuleSets::builtin().ok();
    let needs = |c: &Candidate| match (certificate_of(c, class.kind), class.kind, rule_sets) {
        (None, _, _) => true,
        (Some(cert), ClassKind::NhanThuc, Some(rs)) => certificate_valid_until(cert, rs.for_date(cert.issued_on)) < class.end,
        (Some(_), _, _) => false,
    };
    let mut out: Vec<&Candidate> =
        data.candidates.iter().filter(|c| !enrolled.contains(&c.id) && unfit_reason(c, class.kind).is_none() && needs(c)).collect();
    crate::order::sort_by_cached_key(&mut out, |c| name_key(&c.full_name));
    out
}

/// Adds candidates to a class's learners, in the given order. Idempotent: those already in
/// the class (or listed twice) are skipped; returns how many were added. All or nothing: if
/// one is unknown or does not fit the class (see the module notes), nothing is added and the
/// message names them.
pub fn enroll(data: &mut WardData, class_id: &ClassId, candidate_ids: &[CandidateId], now: Timestamp) -> Result<usize, String> {
    let before = data.class(class_id).cloned().ok_or_else(|| "Không tìm thấy lớp.".to_string())?;
    let mut after = before.clone();
    let mut unfit = Vec::new();
    let mut unknown = Vec::new();
    for id in candidate_ids {
        if after.learners.iter().any(|l| &l.candidate_id == id) {
            continue;
        }
        match data.candidate(id) {
            None => unknown.push(id.to_string()),
            Some(c) => match unfit_reason(c, before.kind) {
                Some(why) => unfit.push(why),
                None => after.learners.push(Learner { candidate_id: id.clone(), result: None, certificate_number: String::new() }),
            },
        }
    }
    if !unknown.is_empty() {
        return Err(format!("Không tìm thấy quần chúng có mã {}.", unknown.join(", ")));
    }
    if !unfit.is_empty() {
        let names: Vec<&str> = unfit.iter().map(String::as_str).collect();
        return Err(format!(
            "Không thể ghi tên vào lớp: {}. {} dành cho {}.",
            name_list(&names, 10),
            before.kind.label(),
            audience(before.kind)
        ));
    }
    let added = after.learners.len() - before.learners.len();
    if added > 0 {
        after.updated_at = now;
        put_class(data, Some(&before), after, now);
    }
    Ok(added)
}

/// Takes a learner out of a class (enrolled by mistake). Refused once the class's certificate
/// was recorded for them.
pub fn unenroll(data: &mut WardData, class_id: &ClassId, candidate_id: &CandidateId, now: Timestamp) -> Result<(), String> {
    let before = data.class(class_id).cloned().ok_or_else(|| "Không tìm thấy lớp.".to_string())?;
    if !before.learners.iter().any(|l| &l.candidate_id == candidate_id) {
        return Ok(());
    }
    if let Some(c) = data.candidate(candidate_id) {
        if recorded_from(c, &before).is_some() {
            return Err(format!("Đã ghi giấy chứng nhận của lớp này cho {}; không thể bỏ tên khỏi lớp.", c.full_name));
        }
    }
    let mut after = before.clone();
    after.learners.retain(|l| &l.candidate_id != candidate_id);
    after.updated_at = now;
    put_class(data, Some(&before), after, now);
    Ok(())
}

/// Records the learners' results (`None` clears one). All or nothing: every candidate must be
/// a learner of the class, and a learner whose certificate from this class is already
/// recorded keeps the result "Đạt".
pub fn record_results(
    data: &mut WardData,
    class_id: &ClassId,
    results: &[(CandidateId, Option<ClassResult>)],
    now: Timestamp,
) -> Result<(), String> {
    let before = data.class(class_id).cloned().ok_or_else(|| "Không tìm thấy lớp.".to_string())?;
    let mut after = before.clone();
    for (id, result) in results {
        let name = data.candidate(id).map(|c| c.full_name.clone()).unwrap_or_else(|| id.to_string());
        let Some(l) = after.learners.iter_mut().find(|l| &l.candidate_id == id) else {
            return Err(format!("{name} không có trong danh sách học viên của lớp."));
        };
        if l.result == *result {
            continue;
        }
        if data.candidate(id).is_some_and(|c| recorded_from(c, &before).is_some()) {
            return Err(format!("Đã ghi giấy chứng nhận của lớp này cho {name}; không thể đổi kết quả."));
        }
        l.result = *result;
    }
    if after != before {
        after.updated_at = now;
        put_class(data, Some(&before), after, now);
    }
    Ok(())
}

// --- certificates -------------------------------------------------------------------------

/// The certificate form of a class. Keys: `certificate_date`, `certificate_issuer`,
/// `first_number`.
pub fn certificate_fields() -> Vec<Field> {
    vec![
        Field::new("certificate_date", "Ngày cấp giấy chứng nhận", FieldKind::Date).required(),
        Field::new("certificate_issuer", "Nơi cấp", FieldKind::Text).hint("Ví dụ: Trung tâm chính trị phường Hòa An."),
        Field::new("first_number", "Số giấy chứng nhận đầu tiên", FieldKind::DocNumber).hint(
            "Các học viên đạt được đánh số liên tiếp theo thứ tự danh sách lớp, bắt đầu từ số này (ví dụ 125, hoặc 125-CN/TTCT: \
             nhóm chữ số đầu tiên tăng dần). Học viên đã có số giữ nguyên số của mình.",
        ),
    ]
}

/// The certificate values of `class`: its date and issuer once recorded, else the organiser
/// as issuer.
pub fn certificate_values(class: &Class) -> Values {
    let issuer = if class.certificate_date.is_some() { class.certificate_issuer.clone() } else { class.organiser.clone() };
    let mut v = Values::from([("certificate_issuer".to_string(), issuer)]);
    if let Some(d) = class.certificate_date {
        v.insert("certificate_date".into(), format_date(d));
    }
    v
}

/// A typed first number: the first group of digits counts up, the text around it stays
/// ("125-CN/TTCT" → "126-CN/TTCT"; "007" → "008", the width kept).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Numbering {
    prefix: String,
    start: u64,
    width: usize,
    suffix: String,
}

impl Numbering {
    fn parse(s: &str) -> Option<Numbering> {
        let from = s.find(|c: char| c.is_ascii_digit())?;
        let len = s[from..].find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len() - from);
        let start = s[from..from + len].parse::<u64>().ok().filter(|n| n.checked_add(100_000).is_some())?;
        Some(Numbering { prefix: s[..from].to_string(), start, width: len, suffix: s[from + len..].to_string() })
    }
    fn format(&self, n: u64) -> String {
        format!("{}{:0width$}{}", self.prefix, n, self.suffix, width = self.width)
    }
}

/// What happened to one learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertificateOutcome {
    /// The certificate was recorded now, with this number (and the pipeline step).
    Recorded { number: String },
    /// Recorded by an earlier run: nothing done again.
    AlreadyRecorded { number: String },
    /// Not passed (not passed, absent, or no result yet): no certificate.
    NotPassed { result: Option<ClassResult> },
    /// Could not be recorded: the reason, a Vietnamese sentence. The candidate is unchanged.
    Failed { reason: String },
}

impl CertificateOutcome {
    /// One sentence for the report.
    pub fn message(&self) -> String {
        match self {
            CertificateOutcome::Recorded { number } => format!("Đã ghi giấy chứng nhận số {number}."),
            CertificateOutcome::AlreadyRecorded { number } if number.is_empty() => "Đã ghi từ trước.".to_string(),
            CertificateOutcome::AlreadyRecorded { number } => format!("Đã ghi từ trước (số {number})."),
            CertificateOutcome::NotPassed { result: Some(r) } => format!("Không cấp: kết quả “{}”.", r.label()),
            CertificateOutcome::NotPassed { result: None } => "Không cấp: chưa có kết quả học tập.".to_string(),
            CertificateOutcome::Failed { reason } => reason.clone(),
        }
    }
}

/// One learner's line of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnerOutcome {
    pub candidate_id: CandidateId,
    /// The name ("" when the candidate is not found).
    pub full_name: String,
    pub outcome: CertificateOutcome,
}

/// What [`issue_certificates`] did, learner by learner in the class's order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CertificateReport {
    pub learners: Vec<LearnerOutcome>,
}

impl CertificateReport {
    fn count(&self, f: impl Fn(&CertificateOutcome) -> bool) -> usize {
        self.learners.iter().filter(|l| f(&l.outcome)).count()
    }
    /// Certificates recorded by this run.
    pub fn recorded(&self) -> usize {
        self.count(|o| matches!(o, CertificateOutcome::Recorded { .. }))
    }
    /// Certificates recorded before.
    pub fn already_recorded(&self) -> usize {
        self.count(|o| matches!(o, CertificateOutcome::AlreadyRecorded { .. }))
    }
    /// Learners without a certificate because they did not pass.
    pub fn not_passed(&self) -> usize {
        self.count(|o| matches!(o, CertificateOutcome::NotPassed { .. }))
    }
    /// Learners whose certificate could not be recorded.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, CertificateOutcome::Failed { .. }))
    }
    /// "Đã ghi giấy chứng nhận cho 3 học viên; 1 học viên đã ghi từ trước; 2 học viên không
    /// được cấp; 1 học viên chưa ghi được."
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("Đã ghi giấy chứng nhận cho {} học viên", self.recorded())];
        for (n, what) in [
            (self.already_recorded(), "đã ghi từ trước"),
            (self.not_passed(), "không được cấp (không đạt, vắng mặt hoặc chưa có kết quả)"),
            (self.failed(), "chưa ghi được"),
        ] {
            if n > 0 {
                parts.push(format!("{n} học viên {what}"));
            }
        }
        parts.join("; ") + "."
    }
}

/// Records the certificates of a class once for the whole class.
///
/// The form ([`certificate_fields`]) gives the issue date (required, not after `today`, not
/// before the class's last day), the issuer and the first number. Every learner who passed
/// ("Đạt") and whose certificate from this class is not yet recorded gets a number — their
/// own if the class list already has one, else the next from the first number, skipping
/// numbers other learners of the class hold — and the pipeline step is recorded through
/// [`apply`] with a context built for the learner's cell: `RecordCertificate` for an
/// awareness class (the stage moves to "Đã học" from "Cảm tình Đảng" / "Đề nghị đi học"),
/// `RecordAfterAdmission` with the new-member certificate for a new-member class. Warnings are
/// not acknowledged (these steps have none today).
///
/// A learner whose step is refused (stage, date before their previous step …) is reported
/// with the reason and left unchanged; so is a learner who already holds a certificate of
/// that kind issued on or after this date by another class (a retake is never overwritten).
/// The others are recorded, and their numbers written in the class list. The class keeps the date and issuer. A second run records nothing again:
/// those learners are reported as already recorded.
///
/// Whole-form errors: the date or the issuer differ from those already recorded for some
/// learners; no first number while a passed learner has none; a first number without digits.
pub fn issue_certificates(
    data: &mut WardData,
    class_id: &ClassId,
    values: &Values,
    rule_sets: &RuleSets,
    calendar: &WorkingCalendar,
    today: NaiveDate,
    now: Timestamp,
) -> Result<CertificateReport, Vec<FieldError>> {
    let class = data.class(class_id).cloned().ok_or_else(|| vec![FieldError::new("", "Không tìm thấy lớp.")])?;
    let mut r = Reader::new(values);
    let date = r.date("certificate_date", "ngày cấp giấy chứng nhận");
    let issuer = free_text(&mut r, "certificate_issuer");
    let first = r.text("first_number");
    check_name(&mut r, "first_number", &first);
    if let Some(d) = date {
        if d > today {
            r.error("certificate_date", format!("Ngày cấp ({}) ở sau ngày hôm nay ({}).", format_date(d), format_date(today)));
        } else if d < class.end {
            r.error("certificate_date", format!("Ngày cấp ({}) trước ngày bế giảng lớp ({}).", format_date(d), format_date(class.end)));
        }
    }
    let numbering = if first.is_empty() {
        None
    } else {
        let n = Numbering::parse(&first);
        if n.is_none() {
            r.error("first_number", "Số đầu tiên phải có chữ số, ví dụ 125 hoặc 125-CN/TTCT.");
        }
        n
    };
    let candidate_of = |l: &Learner| data.candidate(&l.candidate_id);
    let passed = |l: &&Learner| l.result == Some(ClassResult::Dat);
    let recorded =
        class.learners.iter().filter(passed).filter(|l| candidate_of(l).is_some_and(|c| recorded_from(c, &class).is_some())).count();
    if recorded > 0 {
        if let (Some(d), Some(old)) = (date, class.certificate_date) {
            if d != old {
                r.error(
                    "certificate_date",
                    format!("Lớp đã ghi giấy chứng nhận ngày {} cho {recorded} học viên; ngày cấp phải giữ nguyên.", format_date(old)),
                );
            }
        }
        if issuer != class.certificate_issuer {
            r.error(
                "certificate_issuer",
                format!("Lớp đã ghi giấy chứng nhận cho {recorded} học viên; nơi cấp phải giữ nguyên (“{}”).", class.certificate_issuer),
            );
        }
    }
    let unnumbered = class
        .learners
        .iter()
        .filter(passed)
        .filter(|l| l.certificate_number.trim().is_empty() && candidate_of(l).is_some_and(|c| recorded_from(c, &class).is_none()))
        .count();
    if unnumbered > 0 && first.is_empty() {
        r.error("first_number", format!("Chưa nhập số giấy chứng nhận đầu tiên: {unnumbered} học viên đạt chưa có số."));
    }
    let date = r.finish(date)?;

    // Work out every learner before changing anything.
    let mut used: HashSet<String> =
        class.learners.iter().map(|l| l.certificate_number.trim().to_string()).filter(|n| !n.is_empty()).collect();
    let mut next = numbering.as_ref().map(|n| n.start).unwrap_or(0);
    let mut report = CertificateReport::default();
    let mut updated: Vec<Candidate> = Vec::new();
    let mut numbers: Vec<(CandidateId, String)> = Vec::new();
    let base = RuleContext::new(rule_sets, &data.ward.settings.local, calendar, &*data, today);
    for l in &class.learners {
        let Some(c) = data.candidate(&l.candidate_id) else {
            report.learners.push(LearnerOutcome {
                candidate_id: l.candidate_id.clone(),
                full_name: String::new(),
                outcome: CertificateOutcome::Failed {
                    reason: format!("Không tìm thấy hồ sơ quần chúng (mã {}).", l.candidate_id)
                },
            });
            continue;
        };
        let outcome = if l.result != Some(ClassResult::Dat) {
            CertificateOutcome::NotPassed { result: l.result }
        } else if let Some(number) = recorded_from(c, &class) {
            CertificateOutcome::AlreadyRecorded { number }
        } else if let Some(newer) = certificate_of(c, class.kind).filter(|x| x.issued_on >= date) {
            // Retook another class since: never overwrite the newer certificate.
            let number = if newer.number.is_empty() { String::new() } else { format!(" số {}", newer.number) };
            CertificateOutcome::Failed {
                reason: format!("Đã có giấy chứng nhận{number} cấp ngày {} (lớp khác); không ghi đè.", format_date(newer.issued_on)),
            }
        } else {
            let own = l.certificate_number.trim();
            let (number, counted) = match (&numbering, own.is_empty()) {
                (_, false) => (own.to_string(), None),
                (Some(n), true) => {
                    let mut k = next;
                    while used.contains(&n.format(k)) {
                        k += 1;
                    }
                    (n.format(k), Some(k))
                }
                // Checked above: a first number is given whenever a passed learner has none.
                (None, true) => (String::new(), None),
            };
            let certificate =
                Certificate { number: number.clone(), issued_on: date, issuer: issuer.clone(), class_id: Some(class.id.clone()) };
            let action = match class.kind {
                ClassKind::NhanThuc => Action::RecordCertificate { certificate },
                ClassKind::DangVienMoi => Action::RecordAfterAdmission {
                    member_records_on: None,
                    record_number: None,
                    database_entry_on: None,
                    new_member_certificate: Some(certificate),
                },
            };
            let ctx = match data.cell(&c.cell_id) {
                Some(cell) => base.with_cell(cell),
                None => base,
            };
            match apply(c, &action, &ctx, now, NO_ACKNOWLEDGEMENT) {
                Ok(applied) => {
                    if let Some(k) = counted {
                        next = k + 1;
                    }
                    used.insert(number.clone());
                    updated.push(applied.candidate);
                    if own.is_empty() {
                        numbers.push((c.id.clone(), number.clone()));
                    }
                    CertificateOutcome::Recorded { number }
                }
                Err(e) => CertificateOutcome::Failed { reason: reason(&e, c.stage) },
            }
        };
        report.learners.push(LearnerOutcome { candidate_id: c.id.clone(), full_name: c.full_name.clone(), outcome });
    }

    // Then write: the class (date, issuer, new numbers) and the learners recorded.
    let mut after = class.clone();
    after.certificate_date = Some(date);
    after.certificate_issuer = issuer;
    for (id, number) in numbers {
        if let Some(l) = after.learners.iter_mut().find(|l| l.candidate_id == id) {
            l.certificate_number = number;
        }
    }
    if after != class {
        after.updated_at = now;
        put_class(data, Some(&class), after, now);
    }
    for c in updated {
        let before = data.candidate(&c.id).cloned();
        log(data, RecordKind::Candidate, c.id.as_str(), &c.full_name, before.as_ref(), &c, now);
        if let Some(slot) = data.candidates.iter_mut().find(|x| x.id == c.id) {
            *slot = c;
        }
    }
    Ok(report)
}

/// The Vietnamese reason a step was refused.
fn reason(e: &TransitionError, stage: Stage) -> String {
    match e {
        TransitionError::NotAllowed { .. } => {
            format!("Đang ở giai đoạn “{}”: không ghi được giấy chứng nhận của lớp này.", stage.label())
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
