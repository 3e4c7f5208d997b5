//! Applying a step to a candidate (DOMAIN.md §2.1–2.2): checks the step is allowed, the data
//! is coherent and the rules of §2.3 hold, then returns the updated candidate with a new
//! history entry. Never mutates the input.

use super::*;
use crate::model::*;
use crate::rules::*;
use chrono::NaiveDate;
use std::fmt;

/// A successful step.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The updated candidate: new stage, Process record, `updated_at = now`, one more
    /// history entry.
    pub candidate: Candidate,
    /// The warnings the user confirmed (their codes are in the history entry).
    pub warnings: Vec<Finding>,
    /// Set when the step's legal deadline had passed: allowed, but recorded as late.
    pub lateness: Option<Lateness>,
}

/// Why a step was not recorded. The candidate is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum TransitionError {
    /// The step does not follow from the current stage (DOMAIN.md §2.1).
    NotAllowed { from: Stage, step: Step },
    /// The data is not coherent (date before the previous step, yes > present, missing
    /// number …): `field` names the field, `message` says what is wrong, in Vietnamese.
    Invalid { field: &'static str, message: String },
    /// A rule forbids the step: the blocking findings first, then any warnings.
    Blocked(Vec<Finding>),
    /// Warnings to confirm: call again with their codes in `acknowledged`. All the step's
    /// warnings are listed.
    NeedsConfirmation(Vec<Finding>),
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotAllowed { from, step } => {
                write!(f, "Không thể thực hiện bước “{}” khi đang ở giai đoạn “{}”.", step.label(), from.label())
            }
            TransitionError::Invalid { message, .. } => f.write_str(message),
            TransitionError::Blocked(fs) => {
                f.write_str("Không thể ghi bước này:")?;
                for x in fs.iter().filter(|x| x.is_blocking()) {
                    write!(f, " {}", x.message)?;
                }
                Ok(())
            }
            TransitionError::NeedsConfirmation(fs) => {
                f.write_str("Cần xác nhận trước khi ghi:")?;
                for x in fs {
                    write!(f, " {}", x.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for TransitionError {}

fn invalid(field: &'static str, message: impl Into<String>) -> TransitionError {
    TransitionError::Invalid { field, message: message.into() }
}

fn require_number(field: &'static str, number: &str, what: &str) -> Result<(), TransitionError> {
    if number.trim().is_empty() {
        Err(invalid(field, format!("Chưa nhập số {what}.")))
    } else {
        Ok(())
    }
}

fn require_text(field: &'static str, text: &str, what: &str) -> Result<(), TransitionError> {
    if text.trim().is_empty() {
        Err(invalid(field, format!("Chưa ghi {what}.")))
    } else {
        Ok(())
    }
}

fn check_vote_counts(vote: &Vote, body: VotingBody) -> Result<(), TransitionError> {
    validate_vote(vote, body).map_err(|e| invalid(e.field, e.message))
}

/// History records that sit beside the main path and may be recorded in any order after the
/// stage was entered (more verification letters and replies, after-admission records). All
/// other records must have non-decreasing dates.
pub fn is_side_record(step: Step, from: Stage, to: Stage) -> bool {
    matches!(step, Step::ReturnVerification | Step::RecordAfterAdmission) || (step == Step::SendVerification && from == to)
}

/// The latest main-path date so far: from the history, or (imported data without history)
/// from the Process record of the current stage.
pub fn last_main_date(c: &Candidate) -> Option<(NaiveDate, Option<Step>)> {
    let from_history =
        c.history.iter().filter(|r| !is_side_record(r.step, r.from, r.to)).map(|r| (r.date, Some(r.step))).max_by_key(|(d, _)| *d);
    from_history.or_else(|| stage_date_from_process(c).map(|d| (d, None)))
}

/// The date the current stage was reached according to the Process record (for candidates
/// imported without history).
pub fn stage_date_from_process(c: &Candidate) -> Option<NaiveDate> {
    let p = &c.process;
    match c.stage {
        Stage::Nguon => p.source_pool.as_ref().map(|s| s.date),
        Stage::CamTinh => p.sympathiser.as_ref().map(|s| s.resolution.date),
        Stage::DeNghiHoc => p.class_proposal.as_ref().map(|s| s.date),
        Stage::DaHoc => p.certificate.as_ref().map(|s| s.issued_on),
        Stage::DuocLamThuTuc => p.permission.as_ref().map(|s| s.date),
        Stage::LapHoSo => p.dossier.as_ref().map(|s| s.opened_on),
        Stage::ThamTra => p.verifications.iter().map(|v| v.sent_on).min(),
        Stage::ChungNhanLyLich => p.cv_certification.as_ref().map(|s| s.date),
        Stage::LayYKien => p.opinions.as_ref().map(|s| s.date),
        Stage::ChiBoXet | Stage::KhongDat => p.cell_votes.last().map(|v| v.resolution.date),
        Stage::DangUyCoSoXet => p.grassroots_votes.last().map(|v| v.resolution.date),
        Stage::ChoQuyetDinh => p.sent_up_on,
        Stage::DaCoQuyetDinh | Stage::BiTuChoi => p.decision.as_ref().map(|d| d.document.date),
        Stage::DuBi => p.ceremony.as_ref().map(|c| c.date),
        Stage::XetChinhThuc => p.recognition.self_review_on,
        Stage::ChinhThuc => p.recognition.decision.as_ref().map(|d| d.document.date),
        Stage::RutKhoiDanhSach | Stage::ChuyenDi | Stage::XoaTenDuBi | Stage::HuyQuyetDinh => p.exit.as_ref().map(|e| e.date),
    }
}

fn late(dl: Option<Deadline<'_>>, date: NaiveDate) -> Option<Lateness> {
    let dl = dl?;
    (date > dl.deadline).then(|| Lateness { deadline: dl.deadline, rule: dl.rule.to_string() })
}

/// Working state of one application.
struct Work<'c, 'a> {
    c: Candidate,
    ctx: &'c RuleContext<'a>,
    findings: Vec<Finding>,
    lateness: Option<Lateness>,
}

impl Work<'_, '_> {
    fn add(&mut self, f: Vec<Finding>) {
        self.findings.extend(f);
    }
    fn rule_sets(&self) -> &RuleSets {
        self.ctx.rule_sets
    }
    fn cv_not_eligible(&mut self) {
        if self.c.process.cv_certification.as_ref().is_some_and(|cv| !cv.eligible) {
            self.findings.push(Finding::blocking(
                "R-CV-NOT-ELIGIBLE",
                "Cấp ủy đã kết luận lý lịch người vào Đảng không đủ điều kiện (tiêu chuẩn chính trị); không thể tiếp tục \
                 thủ tục kết nạp.",
                "R-06 §3.3b; R-HN I.2.4; DOMAIN §2.3 R-POLITICAL",
            ));
        }
    }
    fn introduction(
        &mut self,
        union: Option<&UnionIntroduction>,
        introducers: &[Introducer],
        introduced_on: NaiveDate,
        status_on: NaiveDate,
    ) {
        let rs = self.ctx.rule_set(introduced_on);
        let input = IntroductionCheck {
            union_introduction: union,
            introducers,
            introduced_on,
            status_on,
            has_youth_union: self.ctx.has_youth_union(),
        };
        let f = check_introduction(&self.c, input, self.ctx.members, rs);
        self.add(f);
    }
}

/// No acknowledged warning, for a first call of [`apply`].
pub const NO_ACKNOWLEDGEMENT: &[&str] = &[];

/// Applies one step (DOMAIN.md §2.2) to `candidate`.
///
/// Order of checks: the step must be allowed from the current stage
/// ([`TransitionError::NotAllowed`]); the data must be coherent — dates not in the future
/// and not before the previous step, vote counts, required numbers
/// ([`TransitionError::Invalid`]); the rules of DOMAIN.md §2.3 that run at this step must not
/// block ([`TransitionError::Blocked`]); every warning must be in `acknowledged`
/// ([`TransitionError::NeedsConfirmation`]). On success the stage, the Process record and
/// `updated_at = now` are updated and a [`StepRecord`] is appended with the id of the rule
/// set in force on the step's date, the acknowledged codes and `late` when the step's legal
/// deadline had passed (late steps are allowed but recorded). The input is never changed.
pub fn apply<S: AsRef<str>>(
    candidate: &Candidate,
    action: &Action,
    ctx: &RuleContext<'_>,
    now: Timestamp,
    acknowledged: &[S],
) -> Result<Applied, TransitionError> {
    let step = action.step();
    let from = candidate.stage;
    let rule_sets = ctx.rule_sets;
    if !is_step_allowed(candidate, step, ctx.has_grassroots_committee(), rule_sets) {
        return Err(TransitionError::NotAllowed { from, step });
    }
    let (date, field) = match (action.date(), action) {
        (Some(x), _) => x,
        (None, Action::RecordAfterAdmission { record_number: Some(n), .. }) if !n.trim().is_empty() => (ctx.today, "date"),
        (None, _) => return Err(invalid("date", "Chưa nhập thông tin nào để ghi.")),
    };
    if date > ctx.today {
        return Err(invalid(field, format!("Ngày {} ở sau ngày hôm nay ({}).", fmt_date(date), fmt_date(ctx.today))));
    }
    let side =
        matches!(step, Step::ReturnVerification | Step::RecordAfterAdmission) || (step == Step::SendVerification && from == Stage::ThamTra);
    if !side {
        if let Some((prev, prev_step)) = last_main_date(candidate) {
            if date < prev {
                let what = prev_step.map(|s| format!(" “{}”", s.label())).unwrap_or_default();
                return Err(invalid(field, format!("Ngày {} trước ngày của bước trước{what} ({}).", fmt_date(date), fmt_date(prev))));
            }
        }
    }

    let mut w = Work { c: candidate.clone(), ctx, findings: Vec::new(), lateness: None };
    let to = apply_action(&mut w, action, date)?;

    let (blocking, warnings): (Vec<Finding>, Vec<Finding>) = w.findings.into_iter().partition(Finding::is_blocking);
    if !blocking.is_empty() {
        let mut all = blocking;
        all.extend(warnings);
        return Err(TransitionError::Blocked(all));
    }
    let acked = |code: &str| acknowledged.iter().any(|a| a.as_ref() == code);
    if warnings.iter().any(|f| !acked(f.code)) {
        return Err(TransitionError::NeedsConfirmation(warnings));
    }
    let mut codes: Vec<String> = Vec::new();
    for f in &warnings {
        if !codes.iter().any(|c| c == f.code) {
            codes.push(f.code.to_string());
        }
    }
    let mut c = w.c;
    c.stage = to;
    c.updated_at = now;
    c.history.push(StepRecord {
        step,
        date,
        from,
        to,
        rule_set: ctx.rule_set(date).id.clone(),
        recorded_at: now,
        late: w.lateness.clone(),
        acknowledged: codes,
    });
    Ok(Applied { candidate: c, warnings, lateness: w.lateness })
}

/// Validates the action's data, runs the rules of the step, updates the Process record and
/// returns the stage reached.
fn apply_action(w: &mut Work<'_, '_>, action: &Action, date: NaiveDate) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    let ctx = w.ctx;
    let rs = ctx.rule_set(date);
    match action {
        Action::AddToSourcePool { proposed_by, .. } => {
            w.c.process.source_pool = Some(SourceEntry { date, proposed_by: proposed_by.clone() });
            Ok(Stage::Nguon)
        }
        Action::RecogniseSympathiser { resolution, proposed_by, helpers } => {
            w.add(check_helpers(helpers, date, ctx.members));
            if helpers.is_empty() {
                w.findings.push(Finding::warning(
                    "R-HELPER-MISSING",
                    "Nghị quyết chưa phân công đảng viên chính thức giúp đỡ cảm tình Đảng.",
                    "R-38 §1.1d; DOMAIN §2.2 T1",
                ));
            }
            w.c.process.sympathiser =
                Some(Sympathiser { resolution: resolution.clone(), proposed_by: proposed_by.clone(), helpers: helpers.clone() });
            Ok(Stage::CamTinh)
        }
        Action::ProposeClass { class_id, .. } => {
            w.c.process.class_proposal = Some(ClassProposal { date, class_id: class_id.clone() });
            Ok(Stage::DeNghiHoc)
        }
        Action::RecordCertificate { certificate } => {
            require_number("certificate.number", &certificate.number, "giấy chứng nhận")?;
            w.c.process.certificate = Some(certificate.clone());
            Ok(if matches!(from, Stage::CamTinh | Stage::DeNghiHoc) { Stage::DaHoc } else { from })
        }
        Action::GrantPermission { document } => {
            match &w.c.process.certificate {
                None => w.add(check_certificate(None, date, rs)),
                Some(cert) if date > certificate_valid_until(cert, ctx.rule_set(cert.issued_on)) => {
                    w.findings.push(Finding::warning(
                        "R-CERT-EXPIRED-AT-PERMISSION",
                        format!(
                            "Giấy chứng nhận học lớp nhận thức về Đảng cấp ngày {} đã quá {} tháng; người vào Đảng phải học lại \
                             trước khi chi bộ xét kết nạp.",
                            fmt_date(cert.issued_on),
                            rs.certificate_validity.months
                        ),
                        "R-06 §5.4b; DOMAIN §2.3 R-CERT",
                    ));
                }
                Some(_) => {}
            }
            w.c.process.permission = Some(document.clone());
            Ok(Stage::DuocLamThuTuc)
        }
        Action::OpenDossier { opened_on, union_introduction, introducers } => {
            w.introduction(union_introduction.as_ref(), introducers, *opened_on, *opened_on);
            let f = check_readmission(&w.c, *opened_on, rs, CheckPoint::CellVote, true);
            w.add(f);
            w.c.process.dossier =
                Some(Dossier { opened_on: *opened_on, union_introduction: union_introduction.clone(), introducers: introducers.clone() });
            Ok(Stage::LapHoSo)
        }
        Action::RenewDossier { union_introduction, introducers, .. } => {
            w.introduction(union_introduction.as_ref(), introducers, date, date);
            let Some(d) = w.c.process.dossier.as_mut() else {
                return Err(invalid("date", "Chưa có hồ sơ để làm lại."));
            };
            d.union_introduction = union_introduction.clone();
            d.introducers = introducers.clone();
            Ok(from)
        }
        Action::SendVerification { subject, place, sent_on, abroad } => {
            require_text("subject", subject, "người được thẩm tra")?;
            if let Some(d) = &w.c.process.dossier {
                if *sent_on < d.opened_on {
                    return Err(invalid(
                        "sent_on",
                        format!("Ngày gửi thẩm tra ({}) trước ngày lập hồ sơ ({}).", fmt_date(*sent_on), fmt_date(d.opened_on)),
                    ));
                }
            }
            w.c.process.verifications.push(Verification {
                subject: subject.clone(),
                place: place.clone(),
                sent_on: *sent_on,
                abroad: *abroad,
                returned_on: None,
            });
            Ok(Stage::ThamTra)
        }
        Action::ReturnVerification { index, returned_on } => {
            let n = w.c.process.verifications.len();
            let Some(v) = w.c.process.verifications.get(*index) else {
                return Err(invalid("index", format!("Không có yêu cầu thẩm tra số {} (chỉ có {n}).", index.saturating_add(1))));
            };
            if v.returned_on.is_some() {
                return Err(invalid("returned_on", format!("Yêu cầu thẩm tra “{}” đã có ngày trả lời.", v.subject)));
            }
            if *returned_on < v.sent_on {
                return Err(invalid(
                    "returned_on",
                    format!("Ngày nhận kết quả ({}) trước ngày gửi thẩm tra ({}).", fmt_date(*returned_on), fmt_date(v.sent_on)),
                ));
            }
            w.lateness = late(Some(verification_deadline(ctx, v.sent_on, v.abroad)), *returned_on);
            if let Some(v) = w.c.process.verifications.get_mut(*index) {
                v.returned_on = Some(*returned_on);
            }
            Ok(from)
        }
        Action::CertifyCv { certification } => {
            let vs = &w.c.process.verifications;
            let pending: Vec<&str> = vs.iter().filter(|v| v.returned_on.is_none()).map(|v| v.subject.as_str()).collect();
            if !pending.is_empty() {
                let msg = format!(
                    "Chưa nhận đủ kết quả thẩm tra lý lịch (còn: {}); chỉ chứng nhận lý lịch sau khi thẩm tra xong.",
                    pending.join(", ")
                );
                w.findings.push(Finding::blocking("R-VERIFY-PENDING", msg, "R-06 §3.3b; R-38 §1.4; DOMAIN §2.2 T6"));
            }
            if let Some(last) = w.c.process.verifications.iter().filter_map(|v| v.returned_on).max() {
                if certification.date < last {
                    return Err(invalid(
                        "certification.date",
                        format!(
                            "Ngày chứng nhận lý lịch ({}) trước ngày nhận kết quả thẩm tra ({}).",
                            fmt_date(certification.date),
                            fmt_date(last)
                        ),
                    ));
                }
            }
            w.c.process.cv_certification = Some(certification.clone());
            Ok(Stage::ChungNhanLyLich)
        }
        Action::CollectOpinions { opinions } => {
            w.cv_not_eligible();
            if opinions.organisations.iter().all(|o| o.trim().is_empty()) {
                w.findings.push(Finding::warning(
                    "R-OPINIONS-EMPTY",
                    "Chưa ghi tổ chức nào đã được lấy ý kiến: phải lấy ý kiến đoàn thể chính trị - xã hội mà người vào Đảng là \
                     thành viên và chi ủy nơi cư trú.",
                    "R-06 §3.5; DOMAIN §2.2 T7",
                ));
            }
            w.c.process.opinions = Some(opinions.clone());
            Ok(Stage::LayYKien)
        }
        Action::CellVote { vote } => {
            check_vote_counts(vote, VotingBody::Cell)?;
            let passed = vote_passes(vote, VotingBody::Cell, rs);
            if passed {
                w.cv_not_eligible();
                let c = &w.c;
                let mut f = check_age(c, date, rs, CheckPoint::CellVote);
                f.extend(check_education(c, rs, CheckPoint::CellVote));
                f.extend(check_certificate(c.process.certificate.as_ref(), date, rs));
                let baseline = dossier_baseline(c);
                if let Some(b) = baseline {
                    f.extend(check_dossier_age(b, date, rs));
                }
                f.extend(check_readmission(c, date, rs, CheckPoint::CellVote, false));
                w.add(f);
                if let Some(d) = w.c.process.dossier.clone() {
                    let introduced_on = baseline.unwrap_or(d.opened_on);
                    w.introduction(d.union_introduction.as_ref(), &d.introducers, introduced_on, date);
                }
            } else {
                let failed = failed_admission_votes(&w.c, w.rule_sets()) + 1;
                w.add(check_failed_vote(vote, failed, VotingBody::Cell, VotePurpose::Admission, rs));
            }
            w.c.process.cell_votes.push(vote.clone());
            Ok(if passed { Stage::ChiBoXet } else { Stage::KhongDat })
        }
        Action::SendUp { .. } => {
            if let Some(res) = admission_cell_resolution(&w.c, w.rule_sets()).map(|v| v.resolution.date) {
                let dl = if ctx.has_grassroots_committee() { grassroots_deadline(ctx, res, false) } else { send_up_deadline(ctx, res) };
                w.lateness = late(dl, date);
            }
            w.c.process.sent_up_on = Some(date);
            Ok(Stage::ChoQuyetDinh)
        }
        Action::GrassrootsVote { vote } => {
            check_vote_counts(vote, VotingBody::GrassrootsCommittee)?;
            let passed = vote_passes(vote, VotingBody::GrassrootsCommittee, rs);
            if let Some(res) = admission_cell_resolution(&w.c, w.rule_sets()).map(|v| v.resolution.date) {
                w.lateness = late(grassroots_deadline(ctx, res, false), date);
            }
            if !passed {
                let failed = failed_admission_votes(&w.c, w.rule_sets()) + 1;
                w.add(check_failed_vote(vote, failed, VotingBody::GrassrootsCommittee, VotePurpose::Admission, rs));
            }
            w.c.process.grassroots_votes.push(vote.clone());
            Ok(if passed { Stage::DangUyCoSoXet } else { Stage::ChiBoXet })
        }
        Action::Decide { decision } => {
            if let Some(v) = &decision.vote {
                check_vote_counts(v, VotingBody::StandingCommittee)?;
            }
            let res = admission_cell_resolution(&w.c, w.rule_sets()).map(|v| v.resolution.date);
            if decision.approved {
                require_number("decision.document.number", &decision.document.number, "quyết định kết nạp")?;
                if from != Stage::ChoQuyetDinh {
                    w.findings.push(Finding::blocking(
                        "R-DECISION-NO-PROPOSAL",
                        "Chưa có nghị quyết của chi bộ (và đảng ủy cơ sở) đề nghị kết nạp đạt tỷ lệ quy định đã gửi lên; \
                         không thể ra quyết định kết nạp.",
                        "R-294 §9.3.4; R-06 §3.6–3.7; DOMAIN §2.3 R-VOTE",
                    ));
                }
                if let Some(v) = &decision.vote {
                    w.add(check_vote(v, VotingBody::StandingCommittee, rs));
                }
                let on = CheckPoint::Decision { on: date };
                let vote_date = res.unwrap_or(date);
                let rs_vote = ctx.rule_set(vote_date);
                let c = &w.c;
                let mut f = check_age(c, vote_date, rs_vote, on);
                f.extend(check_education(c, rs_vote, on));
                f.extend(check_readmission(c, date, rs, on, false));
                w.add(f);
            }
            if from == Stage::ChoQuyetDinh {
                if let Some(res) = res {
                    w.lateness = late(Some(admission_decision_deadline(ctx, res)), date);
                }
            }
            w.c.process.decision = Some(decision.clone());
            Ok(if decision.approved { Stage::DaCoQuyetDinh } else { Stage::BiTuChoi })
        }
        Action::ReceiveDecision { .. } => {
            w.c.process.decision_received_on = Some(date);
            Ok(from)
        }
        Action::HoldCeremony { ceremony } => {
            w.add(check_helpers(&ceremony.helpers, date, ctx.members));
            if ceremony.helpers.is_empty() {
                w.findings.push(Finding::warning(
                    "R-CEREMONY-NO-HELPER",
                    "Chưa ghi đảng viên chính thức được phân công giúp đỡ đảng viên dự bị (chi ủy phân công tại lễ kết nạp).",
                    "R-06 §3.8c; DOMAIN §2.2 T11",
                ));
            }
            let p = &w.c.process;
            if let Some(dec) = p.decision.as_ref() {
                let received = p.decision_received_on.unwrap_or(dec.document.date);
                let dl = ceremony_deadline(ctx, received);
                w.lateness = late(Some(dl), date);
                if w.lateness.is_some() && ceremony.late_consent.is_none() {
                    let msg = format!(
                        "Lễ kết nạp quá {} ngày làm việc kể từ ngày nhận quyết định ({}; hạn {}): phải báo cáo và được cấp ủy \
                         cấp trên trực tiếp đồng ý. Hồ sơ chưa ghi văn bản đồng ý.",
                        ctx.rule_set(received).ceremony.working_days,
                        fmt_date(received),
                        fmt_date(dl.deadline)
                    );
                    w.findings.push(Finding::warning("R-CEREMONY-LATE", msg, "R-294 §4.1; DOMAIN §2.2 T11"));
                }
            }
            w.c.process.ceremony = Some(ceremony.clone());
            Ok(Stage::DuBi)
        }
        Action::RecordAfterAdmission { member_records_on, record_number, database_entry_on, new_member_certificate } => {
            let ceremony = w.c.process.ceremony.as_ref().map(|c| c.date);
            let decided = w.c.process.decision.as_ref().map(|d| d.document.date);
            let need_ceremony = |field: &'static str, d: NaiveDate, what: &str| -> Result<NaiveDate, TransitionError> {
                match ceremony {
                    None => Err(invalid(field, format!("Chưa tổ chức lễ kết nạp; chưa thể ghi {what}."))),
                    Some(c) if d < c => {
                        Err(invalid(field, format!("Ngày {what} ({}) trước ngày lễ kết nạp ({}).", fmt_date(d), fmt_date(c))))
                    }
                    Some(c) => Ok(c),
                }
            };
            let mut lateness = None;
            if let Some(d) = member_records_on {
                let c = need_ceremony("member_records_on", *d, "khai lý lịch đảng viên")?;
                lateness = lateness.or_else(|| late(Some(member_records_deadline(ctx, c)), *d));
            }
            if let Some(cert) = new_member_certificate {
                require_number("new_member_certificate.number", &cert.number, "giấy chứng nhận lớp đảng viên mới")?;
                need_ceremony("new_member_certificate.issued_on", cert.issued_on, "cấp giấy chứng nhận lớp đảng viên mới")?;
            }
            if let Some(d) = database_entry_on {
                if let Some(dec) = decided {
                    if *d < dec {
                        return Err(invalid(
                            "database_entry_on",
                            format!("Ngày nhập cơ sở dữ liệu ({}) trước ngày quyết định kết nạp ({}).", fmt_date(*d), fmt_date(dec)),
                        ));
                    }
                    lateness = lateness.or_else(|| late(database_entry_deadline(ctx, dec), *d));
                }
            }
            w.lateness = lateness;
            let a = &mut w.c.process.after_admission;
            if member_records_on.is_some() {
                a.member_records_on = *member_records_on;
            }
            if let Some(n) = record_number {
                a.record_number = n.trim().to_string();
            }
            if database_entry_on.is_some() {
                a.database_entry_on = *database_entry_on;
            }
            if new_member_certificate.is_some() {
                a.new_member_certificate = new_member_certificate.clone();
            }
            Ok(from)
        }
        Action::StartRecognition { self_review_on, helper_report_on, opinions_on } => {
            for (field, d) in [("helper_report_on", helper_report_on), ("opinions_on", opinions_on)] {
                if let Some(d) = d {
                    if *d > ctx.today {
                        return Err(invalid(field, format!("Ngày {} ở sau ngày hôm nay.", fmt_date(*d))));
                    }
                }
            }
            if let Some(end) = probation_end(&w.c, w.rule_sets()) {
                if *self_review_on < end {
                    w.findings.push(Finding::blocking(
                        "R-PROBATION-NOT-ENDED",
                        format!(
                            "Bản tự kiểm điểm chỉ viết sau khi hết 12 tháng dự bị (hết ngày {}); ngày ghi là {}.",
                            fmt_date(end),
                            fmt_date(*self_review_on)
                        ),
                        "R-06 §4.2; R-HN II.2.2; DOMAIN §2.2 T13",
                    ));
                }
            }
            let r = &mut w.c.process.recognition;
            r.self_review_on = Some(*self_review_on);
            r.helper_report_on = *helper_report_on;
            r.opinions_on = *opinions_on;
            Ok(Stage::XetChinhThuc)
        }
        Action::RecognitionCellVote { vote } | Action::StrikeOffCellVote { vote } => {
            check_vote_counts(vote, VotingBody::Cell)?;
            let purpose =
                if matches!(action, Action::RecognitionCellVote { .. }) { VotePurpose::Recognition } else { VotePurpose::StrikeOff };
            let passed = vote_passes(vote, VotingBody::Cell, rs);
            if passed && purpose == VotePurpose::Recognition {
                let p = &w.c.process;
                if p.after_admission.new_member_certificate.is_none() {
                    w.findings.push(Finding::warning(
                        "R-RECOGNITION-NEW-MEMBER-CERT",
                        "Chưa ghi giấy chứng nhận học lớp bồi dưỡng đảng viên mới (bắt buộc trong hồ sơ công nhận chính thức).",
                        "R-06 §4.1; DOMAIN §2.2 T13",
                    ));
                }
                if p.recognition.helper_report_on.is_none() {
                    w.findings.push(Finding::warning(
                        "R-RECOGNITION-HELPER-REPORT",
                        "Chưa ghi bản nhận xét của đảng viên chính thức được phân công giúp đỡ.",
                        "R-06 §4.3; DOMAIN §2.2 T13",
                    ));
                }
                if p.recognition.opinions_on.is_none() {
                    w.findings.push(Finding::warning(
                        "R-RECOGNITION-OPINIONS",
                        "Chưa ghi bản tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú.",
                        "R-06 §4.4; DOMAIN §2.2 T13",
                    ));
                }
            }
            if !passed {
                let st = recognition_state(&w.c, w.rule_sets(), ctx.has_grassroots_committee());
                w.add(check_failed_vote(vote, st.failed_votes + 1, VotingBody::Cell, purpose, rs));
            }
            if let Some(end) = probation_end(&w.c, w.rule_sets()) {
                if date >= end {
                    w.lateness = late(Some(cell_review_deadline(ctx, end)), date);
                }
            }
            w.c.process.recognition.cell_votes.push(vote.clone());
            Ok(from)
        }
        Action::RecognitionGrassrootsVote { vote } | Action::StrikeOffGrassrootsVote { vote } => {
            check_vote_counts(vote, VotingBody::GrassrootsCommittee)?;
            let purpose =
                if matches!(action, Action::RecognitionGrassrootsVote { .. }) { VotePurpose::Recognition } else { VotePurpose::StrikeOff };
            let st = recognition_state(&w.c, w.rule_sets(), true);
            if let Some((_, cell, _)) = st.last_cell_vote {
                let res = cell.resolution.date;
                if date < res {
                    return Err(invalid(
                        "vote.resolution.date",
                        format!("Ngày đảng ủy cơ sở biểu quyết ({}) trước ngày chi bộ ra nghị quyết ({}).", fmt_date(date), fmt_date(res)),
                    ));
                }
                w.lateness = late(grassroots_deadline(ctx, res, true), date);
            }
            if !vote_passes(vote, VotingBody::GrassrootsCommittee, rs) {
                w.add(check_failed_vote(vote, st.failed_votes + 1, VotingBody::GrassrootsCommittee, purpose, rs));
            }
            w.c.process.recognition.grassroots_votes.push(vote.clone());
            Ok(from)
        }
        Action::RecognitionDecision { decision } => {
            if let Some(v) = &decision.vote {
                check_vote_counts(v, VotingBody::StandingCommittee)?;
            }
            if decision.approved {
                require_number("decision.document.number", &decision.document.number, "quyết định công nhận")?;
                if let Some(v) = &decision.vote {
                    w.add(check_vote(v, VotingBody::StandingCommittee, rs));
                }
            }
            let st = recognition_state(&w.c, w.rule_sets(), ctx.has_grassroots_committee());
            if st.ready == Some(Proposal::Recognise) {
                if let Some(res) = st.cell_resolution.map(|v| v.resolution.date) {
                    w.lateness = late(Some(recognition_decision_deadline(ctx, res)), date);
                    if let Some(dl) = recognition_reresolve_deadline(ctx, res) {
                        if date > dl.deadline {
                            w.findings.push(Finding::blocking(
                                "R-HN-RERESOLVE",
                                format!(
                                    "Đã quá {} ngày làm việc kể từ ngày chi bộ ra nghị quyết ({}) mà chưa có quyết định công nhận: \
                                     chi bộ và đảng ủy cơ sở phải họp lại, ra nghị quyết khác thay thế.",
                                    ctx.local.recognition_reresolve_after_wd.unwrap_or(0),
                                    fmt_date(res)
                                ),
                                dl.rule,
                            ));
                        }
                    }
                }
            }
            w.c.process.recognition.decision = Some(decision.clone());
            Ok(if decision.approved { Stage::ChinhThuc } else { from })
        }
        Action::StrikeOff { document, vote, reason } => {
            require_number("document.number", &document.number, "quyết định xóa tên")?;
            require_text("reason", reason, "lý do xóa tên")?;
            if let Some(v) = vote {
                check_vote_counts(v, VotingBody::StandingCommittee)?;
                w.add(check_vote(v, VotingBody::StandingCommittee, rs));
            }
            w.c.process.recognition.decision = Some(Decision { document: document.clone(), vote: vote.clone(), approved: false });
            w.c.process.exit = Some(Exit {
                kind: ExitKind::StruckOff,
                date,
                reason: reason.trim().to_string(),
                document: Some(document.clone()),
                destination: String::new(),
            });
            Ok(Stage::XoaTenDuBi)
        }
        Action::Withdraw { reason, document, .. } => {
            require_text("reason", reason, "lý do rút khỏi danh sách")?;
            w.c.process.exit = Some(Exit {
                kind: ExitKind::Withdrawn,
                date,
                reason: reason.trim().to_string(),
                document: document.clone(),
                destination: String::new(),
            });
            Ok(Stage::RutKhoiDanhSach)
        }
        Action::MoveAway { destination, reason, document, .. } => {
            require_text("destination", destination, "nơi chuyển đến")?;
            match from {
                Stage::ChoQuyetDinh => w.findings.push(Finding::warning(
                    "R-MOVE-FORWARD-DOSSIER",
                    "Hồ sơ đã gửi lên nhưng chưa có quyết định kết nạp: trong 15 ngày làm việc cấp ủy có thẩm quyền phải gửi \
                     công văn kèm hồ sơ đến cấp ủy có thẩm quyền nơi chuyển đến.",
                    "R-06 §3.9b; DOMAIN §2.2 T17",
                )),
                Stage::DaCoQuyetDinh => w.findings.push(Finding::warning(
                    "R-MOVE-NO-CEREMONY",
                    "Đã có quyết định kết nạp nhưng chưa tổ chức lễ: không tổ chức kết nạp ở nơi chuyển đi; gửi quyết định và hồ \
                     sơ đến nơi chuyển đến (nếu quyết định ban hành sau 30 ngày làm việc kể từ khi chuyển thì phải hủy).",
                    "R-06 §3.9c; DOMAIN §2.2 T17",
                )),
                _ => {}
            }
            w.c.process.exit = Some(Exit {
                kind: ExitKind::MovedAway,
                date,
                reason: reason.trim().to_string(),
                document: document.clone(),
                destination: destination.trim().to_string(),
            });
            Ok(Stage::ChuyenDi)
        }
        Action::CancelDecision { document, reason, note } => {
            require_number("document.number", &document.number, "quyết định hủy")?;
            let text = if note.trim().is_empty() { reason.label().to_string() } else { format!("{}: {}", reason.label(), note.trim()) };
            w.c.process.exit = Some(Exit {
                kind: ExitKind::DecisionCancelled,
                date,
                reason: text,
                document: Some(document.clone()),
                destination: String::new(),
            });
            Ok(Stage::HuyQuyetDinh)
        }
    }
}
