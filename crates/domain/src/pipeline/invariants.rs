//! What must always hold for a candidate produced by [`apply`](super::apply)
//! (docs/domain.md §2.1–2.2): the stage agrees with the Process record, dates run forward along
//! the path, the history is a chain ending at the current stage, and final stages take no
//! further step.

use super::*;
use crate::model::{Candidate, ExitKind};
use crate::rules::{validate_vote, vote_passes, RuleSets, VotingBody};

/// Checks the invariants with the embedded rule sets. `Err` names the first broken one.
pub fn check_invariants(c: &Candidate) -> Result<(), String> {
    let rule_sets = RuleSets::builtin().map_err(|e| e.to_string())?;
    check_invariants_with(c, rule_sets)
}

/// [`check_invariants`] with given rule sets (vote thresholds decide what a vote achieved).
pub fn check_invariants_with(c: &Candidate, rule_sets: &RuleSets) -> Result<(), String> {
    use Stage as S;
    let p = &c.process;
    let s = c.stage;
    let pos = |x: Stage| x.position().unwrap_or(usize::MAX);
    let at_least = |x: Stage| s.position().is_some_and(|q| q >= pos(x));
    let fail = |what: &str| Err(format!("{}: {what}", s.label()));

    // Votes are coherent.
    let votes = [
        (&p.cell_votes, VotingBody::Cell),
        (&p.grassroots_votes, VotingBody::GrassrootsCommittee),
        (&p.recognition.cell_votes, VotingBody::Cell),
        (&p.recognition.grassroots_votes, VotingBody::GrassrootsCommittee),
    ];
    for (vs, body) in votes {
        for v in vs.iter() {
            if let Err(e) = validate_vote(v, body) {
                return fail(&format!("phiếu biểu quyết không hợp lệ: {}", e.message));
            }
        }
    }
    for v in &p.verifications {
        if v.returned_on.is_some_and(|r| r < v.sent_on) {
            return fail("ngày trả lời thẩm tra trước ngày gửi");
        }
    }

    // Exit record iff exit stage, with the matching kind.
    let exit_kind = match s {
        S::RutKhoiDanhSach => Some(ExitKind::Withdrawn),
        S::ChuyenDi => Some(ExitKind::MovedAway),
        S::XoaTenDuBi => Some(ExitKind::StruckOff),
        S::HuyQuyetDinh => Some(ExitKind::DecisionCancelled),
        S::Nguon
        | S::CamTinh
        | S::DeNghiHoc
        | S::DaHoc
        | S::DuocLamThuTuc
        | S::LapHoSo
        | S::ThamTra
        | S::ChungNhanLyLich
        | S::LayYKien
        | S::ChiBoXet
        | S::DangUyCoSoXet
        | S::ChoQuyetDinh
        | S::DaCoQuyetDinh
        | S::DuBi
        | S::XetChinhThuc
        | S::ChinhThuc
        | S::KhongDat
        | S::BiTuChoi => None,
    };
    match (exit_kind, &p.exit) {
        (Some(k), Some(e)) if e.kind == k => {}
        (Some(_), _) => return fail("thiếu hoặc sai bản ghi rời khỏi danh sách"),
        (None, Some(_)) => return fail("có bản ghi rời khỏi danh sách nhưng giai đoạn không phải là giai đoạn kết thúc"),
        (None, None) => {}
    }

    // Stage agrees with the Process record (records needed to reach the stage by apply).
    let fresh = c.history.is_empty() && s == S::Nguon;
    if !fresh && exit_kind.is_none() {
        if s == S::Nguon && p.source_pool.is_none() {
            return fail("thiếu bản ghi đưa vào nguồn");
        }
        if (at_least(S::CamTinh) || s == S::KhongDat || s == S::BiTuChoi) && p.sympathiser.is_none() {
            return fail("thiếu nghị quyết cảm tình Đảng");
        }
        if s == S::DeNghiHoc && p.class_proposal.is_none() {
            return fail("thiếu đề nghị đi học");
        }
        let admission_path = at_least(S::DaHoc) || s == S::KhongDat || s == S::BiTuChoi;
        if admission_path && p.certificate.is_none() {
            return fail("thiếu giấy chứng nhận học lớp nhận thức");
        }
        let after_permission = at_least(S::DuocLamThuTuc) || s == S::KhongDat || s == S::BiTuChoi;
        if after_permission && p.permission.is_none() {
            return fail("thiếu quyết định cho làm thủ tục");
        }
        let after_dossier = at_least(S::LapHoSo) || s == S::KhongDat || s == S::BiTuChoi;
        if after_dossier && p.dossier.is_none() {
            return fail("thiếu hồ sơ");
        }
        let after_verif = at_least(S::ThamTra) || s == S::KhongDat || s == S::BiTuChoi;
        if after_verif && p.verifications.is_empty() {
            return fail("thiếu thẩm tra lý lịch");
        }
        let after_cv = at_least(S::ChungNhanLyLich) || s == S::KhongDat || s == S::BiTuChoi;
        if after_cv && p.cv_certification.is_none() {
            return fail("thiếu chứng nhận lý lịch");
        }
        let after_opinions = at_least(S::LayYKien) || s == S::KhongDat || s == S::BiTuChoi;
        if after_opinions && p.opinions.is_none() {
            return fail("thiếu ý kiến đoàn thể");
        }
        let cell_passed = admission_cell_resolution(c, rule_sets).is_some();
        let last_cell_passed = p.cell_votes.last().is_some_and(|v| vote_passes(v, VotingBody::Cell, rule_sets.for_date(v.resolution.date)));
        if s == S::KhongDat && (p.cell_votes.is_empty() || last_cell_passed) {
            return fail("lần biểu quyết cuối của chi bộ phải không đạt");
        }
        if at_least(S::ChiBoXet) && !last_cell_passed {
            return fail("thiếu nghị quyết chi bộ đề nghị kết nạp đạt tỷ lệ");
        }
        if s == S::DangUyCoSoXet && admission_grassroots_resolution(c, rule_sets).is_none() {
            return fail("thiếu nghị quyết đảng ủy cơ sở đạt tỷ lệ");
        }
        if at_least(S::ChoQuyetDinh) && p.sent_up_on.is_none() {
            return fail("thiếu ngày gửi hồ sơ lên");
        }
        if at_least(S::DaCoQuyetDinh) && !p.decision.as_ref().is_some_and(|d| d.approved) {
            return fail("thiếu quyết định kết nạp");
        }
        if s == S::BiTuChoi && p.decision.as_ref().is_none_or(|d| d.approved) {
            return fail("thiếu quyết định không kết nạp");
        }
        if s == S::BiTuChoi && !cell_passed && p.cell_votes.is_empty() {
            return fail("không kết nạp khi chưa có biểu quyết");
        }
        if at_least(S::DuBi) && p.ceremony.is_none() {
            return fail("thiếu lễ kết nạp");
        }
        if at_least(S::XetChinhThuc) && p.recognition.self_review_on.is_none() {
            return fail("thiếu bản tự kiểm điểm");
        }
        if s == S::ChinhThuc && !p.recognition.decision.as_ref().is_some_and(|d| d.approved) {
            return fail("thiếu quyết định công nhận chính thức");
        }
        if s != S::ChinhThuc && s != S::XetChinhThuc && p.recognition.decision.is_some() {
            return fail("có quyết định công nhận nhưng chưa xét chính thức");
        }
    }

    // History: a chain from → to ending at the current stage; nothing after a final stage.
    for (i, r) in c.history.iter().enumerate() {
        if i > 0 && c.history[i - 1].to != r.from {
            return fail(&format!("lịch sử đứt đoạn ở bước {} (“{}”)", i + 1, r.step.label()));
        }
        if r.from.is_final() {
            return fail(&format!("có bước “{}” sau giai đoạn kết thúc", r.step.label()));
        }
        if rule_sets.get(&r.rule_set).is_none() {
            return fail(&format!("bước “{}” ghi bộ quy định không có: {}", r.step.label(), r.rule_set));
        }
    }
    if let Some(last) = c.history.last() {
        if last.to != s {
            return fail("giai đoạn hiện tại khác với bước cuối trong lịch sử");
        }
    }
    // Dates: main-path records do not go back in time.
    let mut prev: Option<(chrono::NaiveDate, Step)> = None;
    for r in c.history.iter().filter(|r| !is_side_record(r.step, r.from, r.to)) {
        if let Some((d, step)) = prev {
            if r.date < d {
                return fail(&format!("bước “{}” có ngày trước bước “{}”", r.step.label(), step.label()));
            }
        }
        prev = Some((r.date, r.step));
    }
    if s.is_final() && !allowed_steps(c, None, rule_sets).is_empty() {
        return fail("giai đoạn kết thúc nhưng vẫn còn bước tiếp theo");
    }
    Ok(())
}
