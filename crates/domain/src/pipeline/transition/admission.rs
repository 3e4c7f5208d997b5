//! From the cell's vote to the new member's records (docs/domain.md §2.2 T8–T12): votes, the
//! dossier sent up, the decision, the ceremony, the records after admission.

use super::*;

/// T8: the cell votes; on a pass the admission rules run (R-AGE, R-EDU, R-CERT, R-DOCAGE,
/// R-INTRO, R-READMIT), on a fail T16 counts.
pub(super) fn cell_vote(w: &mut Work<'_, '_>, date: NaiveDate, vote: &Vote) -> Result<Stage, TransitionError> {
    let rs = w.ctx.rule_set(date);
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

/// The dossier sent up; late after the local limit.
pub(super) fn send_up(w: &mut Work<'_, '_>, date: NaiveDate) -> Result<Stage, TransitionError> {
    let ctx = w.ctx;
    if let Some(res) = admission_cell_resolution(&w.c, w.rule_sets()).map(|v| v.resolution.date) {
        let dl = if ctx.has_grassroots_committee() { grassroots_deadline(ctx, res, false) } else { send_up_deadline(ctx, res) };
        w.lateness = late(dl, date);
    }
    w.c.process.sent_up_on = Some(date);
    Ok(Stage::ChoQuyetDinh)
}

/// T9: the grassroots committee votes (cells inside a đảng bộ cơ sở).
pub(super) fn grassroots_vote(w: &mut Work<'_, '_>, date: NaiveDate, vote: &Vote) -> Result<Stage, TransitionError> {
    let ctx = w.ctx;
    let rs = ctx.rule_set(date);
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

/// T10: the admission decision: only on a complete proposal; the consents of R-AGE, R-EDU,
/// R-READMIT; late after 45 (+15) working days.
pub(super) fn decide(w: &mut Work<'_, '_>, date: NaiveDate, decision: &Decision) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    let ctx = w.ctx;
    let rs = ctx.rule_set(date);
    if let Some(v) = &decision.vote {
        check_vote_counts(v, VotingBody::StandingCommittee)?;
    }
    let res = admission_cell_resolution(&w.c, w.rule_sets()).map(|v| v.resolution.date);
    if decision.approved {
        require_number(keys::NUMBER, &decision.document.number, "quyết định kết nạp")?;
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

/// The cell received the decision (the ceremony timer starts).
pub(super) fn receive_decision(w: &mut Work<'_, '_>, date: NaiveDate) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    w.c.process.decision_received_on = Some(date);
    Ok(from)
}

/// T11: the ceremony, late after 30 working days from the decision received (R-294 §4.1).
pub(super) fn hold_ceremony(w: &mut Work<'_, '_>, date: NaiveDate, ceremony: &Ceremony) -> Result<Stage, TransitionError> {
    let ctx = w.ctx;
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

/// T12: the records after admission; only those given are written, none before the ceremony
/// (the database entry: not before the decision).
pub(super) fn record_after_admission(
    w: &mut Work<'_, '_>,
    member_records_on: Option<NaiveDate>,
    record_number: Option<&str>,
    database_entry_on: Option<NaiveDate>,
    new_member_certificate: Option<&Certificate>,
) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    let ctx = w.ctx;
    let ceremony = w.c.process.ceremony.as_ref().map(|c| c.date);
    let decided = w.c.process.decision.as_ref().map(|d| d.document.date);
    let need_ceremony = |field: &'static str, d: NaiveDate, what: &str| -> Result<NaiveDate, TransitionError> {
        match ceremony {
            None => Err(invalid(field, format!("Chưa tổ chức lễ kết nạp; chưa thể ghi {what}."))),
            Some(c) if d < c => Err(invalid(field, format!("Ngày {what} ({}) trước ngày lễ kết nạp ({}).", fmt_date(d), fmt_date(c)))),
            Some(c) => Ok(c),
        }
    };
    let mut lateness = None;
    if let Some(d) = member_records_on {
        let c = need_ceremony(keys::MEMBER_RECORDS_ON, d, "khai lý lịch đảng viên")?;
        lateness = lateness.or_else(|| late(Some(member_records_deadline(ctx, c)), d));
    }
    if let Some(cert) = new_member_certificate {
        require_number(keys::CERTIFICATE_NUMBER, &cert.number, "giấy chứng nhận lớp đảng viên mới")?;
        need_ceremony(keys::CERTIFICATE_DATE, cert.issued_on, "cấp giấy chứng nhận lớp đảng viên mới")?;
    }
    if let Some(d) = database_entry_on {
        if let Some(dec) = decided {
            if d < dec {
                return Err(invalid(
                    keys::DATABASE_ENTRY_ON,
                    format!("Ngày nhập cơ sở dữ liệu ({}) trước ngày quyết định kết nạp ({}).", fmt_date(d), fmt_date(dec)),
                ));
            }
            lateness = lateness.or_else(|| late(database_entry_deadline(ctx, dec), d));
        }
    }
    w.lateness = lateness;
    let a = &mut w.c.process.after_admission;
    if member_records_on.is_some() {
        a.member_records_on = member_records_on;
    }
    if let Some(n) = record_number {
        a.record_number = n.trim().to_string();
    }
    if database_entry_on.is_some() {
        a.database_entry_on = database_entry_on;
    }
    if new_member_certificate.is_some() {
        a.new_member_certificate = new_member_certificate.cloned();
    }
    Ok(from)
}
