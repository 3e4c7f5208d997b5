//! Probation's end (docs/domain.md §2.2 T13–T15): the self-review, the votes on recognition or on
//! striking off, the recognition decision.

use super::*;

/// T13: the self-review, only after the 12 months of probation (R-06 §4.2).
pub(super) fn start_recognition(
    w: &mut Work<'_, '_>,
    self_review_on: NaiveDate,
    helper_report_on: Option<NaiveDate>,
    opinions_on: Option<NaiveDate>,
) -> Result<Stage, TransitionError> {
    let ctx = w.ctx;
    for (field, d) in [(keys::HELPER_REPORT_ON, helper_report_on), (keys::OPINIONS_ON, opinions_on)] {
        if let Some(d) = d {
            if d > ctx.today {
                return Err(invalid(field, format!("Ngày {} ở sau ngày hôm nay.", fmt_date(d))));
            }
        }
    }
    if let Some(end) = probation_end(&w.c, w.rule_sets()) {
        if self_review_on < end {
            w.findings.push(Finding::blocking(
                "R-PROBATION-NOT-ENDED",
                format!(
                    "Bản tự kiểm điểm chỉ viết sau khi hết 12 tháng dự bị (hết ngày {}); ngày ghi là {}.",
                    fmt_date(end),
                    fmt_date(self_review_on)
                ),
                "R-06 §4.2; R-HN II.2.2; DOMAIN §2.2 T13",
            ));
        }
    }
    let r = &mut w.c.process.recognition;
    r.self_review_on = Some(self_review_on);
    r.helper_report_on = helper_report_on;
    r.opinions_on = opinions_on;
    Ok(Stage::XetChinhThuc)
}

/// T13 or T15: the cell votes on recognition or on striking off; before a recognition, the
/// documents of R-06 §4 are asked for.
pub(super) fn cell_vote(w: &mut Work<'_, '_>, date: NaiveDate, vote: &Vote, purpose: VotePurpose) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    let ctx = w.ctx;
    let rs = ctx.rule_set(date);
    check_vote_counts(vote, VotingBody::Cell)?;
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

/// T13 or T15: the grassroots committee votes on the cell's proposal, not before it.
pub(super) fn grassroots_vote(w: &mut Work<'_, '_>, date: NaiveDate, vote: &Vote, purpose: VotePurpose) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    let ctx = w.ctx;
    let rs = ctx.rule_set(date);
    check_vote_counts(vote, VotingBody::GrassrootsCommittee)?;
    let st = recognition_state(&w.c, w.rule_sets(), true);
    if let Some((_, cell, _)) = st.last_cell_vote {
        let res = cell.resolution.date;
        if date < res {
            return Err(invalid(
                keys::DATE,
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

/// T14: the recognition decision; late after 30 (+15) working days; past the local
/// re-resolution limit it is blocked.
pub(super) fn decision(w: &mut Work<'_, '_>, date: NaiveDate, decision: &Decision) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    let ctx = w.ctx;
    let rs = ctx.rule_set(date);
    if let Some(v) = &decision.vote {
        check_vote_counts(v, VotingBody::StandingCommittee)?;
    }
    if decision.approved {
        require_number(keys::NUMBER, &decision.document.number, "quyết định công nhận")?;
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
