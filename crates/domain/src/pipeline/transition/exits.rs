//! The ways out (docs/domain.md §2.1 "Exits"): struck off, withdrawn, moved away, decision
//! cancelled.

use super::*;

/// T15: the strike-off decision, kept as the recognition decision (not approved) and as the exit.
pub(super) fn strike_off(
    w: &mut Work<'_, '_>,
    date: NaiveDate,
    document: &DocRef,
    vote: Option<&Vote>,
    reason: &str,
) -> Result<Stage, TransitionError> {
    let rs = w.ctx.rule_set(date);
    require_number(keys::NUMBER, &document.number, "quyết định xóa tên")?;
    require_text(keys::REASON, reason, "lý do xóa tên")?;
    if let Some(v) = vote {
        check_vote_counts(v, VotingBody::StandingCommittee)?;
        w.add(check_vote(v, VotingBody::StandingCommittee, rs));
    }
    w.c.process.recognition.decision = Some(Decision { document: document.clone(), vote: vote.cloned(), approved: false });
    w.c.process.exit = Some(Exit {
        kind: ExitKind::StruckOff,
        date,
        reason: reason.trim().to_string(),
        document: Some(document.clone()),
        destination: String::new(),
    });
    Ok(Stage::XoaTenDuBi)
}

/// Removed from the list, with the reason.
pub(super) fn withdraw(w: &mut Work<'_, '_>, date: NaiveDate, reason: &str, document: Option<&DocRef>) -> Result<Stage, TransitionError> {
    require_text(keys::REASON, reason, "lý do rút khỏi danh sách")?;
    w.c.process.exit = Some(Exit {
        kind: ExitKind::Withdrawn,
        date,
        reason: reason.trim().to_string(),
        document: document.cloned(),
        destination: String::new(),
    });
    Ok(Stage::RutKhoiDanhSach)
}

/// T17: moved away; what happens to a dossier sent up or a decision not yet handed over
/// (R-06 §3.9).
pub(super) fn move_away(
    w: &mut Work<'_, '_>,
    date: NaiveDate,
    destination: &str,
    reason: &str,
    document: Option<&DocRef>,
) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    require_text(keys::DESTINATION, destination, "nơi chuyển đến")?;
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
        // Before the dossier is sent up, and after the ceremony, nothing particular.
        Stage::Nguon
        | Stage::CamTinh
        | Stage::DeNghiHoc
        | Stage::DaHoc
        | Stage::DuocLamThuTuc
        | Stage::LapHoSo
        | Stage::ThamTra
        | Stage::ChungNhanLyLich
        | Stage::LayYKien
        | Stage::ChiBoXet
        | Stage::DangUyCoSoXet
        | Stage::KhongDat
        | Stage::DuBi
        | Stage::XetChinhThuc
        | Stage::ChinhThuc
        | Stage::BiTuChoi
        | Stage::RutKhoiDanhSach
        | Stage::ChuyenDi
        | Stage::XoaTenDuBi
        | Stage::HuyQuyetDinh => {}
    }
    w.c.process.exit = Some(Exit {
        kind: ExitKind::MovedAway,
        date,
        reason: reason.trim().to_string(),
        document: document.cloned(),
        destination: destination.trim().to_string(),
    });
    Ok(Stage::ChuyenDi)
}

/// T18: the admission decision cancelled.
pub(super) fn cancel_decision(
    w: &mut Work<'_, '_>,
    date: NaiveDate,
    document: &DocRef,
    reason: CancelReason,
    note: &str,
) -> Result<Stage, TransitionError> {
    require_number(keys::NUMBER, &document.number, "quyết định hủy")?;
    let text = if note.trim().is_empty() { reason.label().to_string() } else { format!("{}: {}", reason.label(), note.trim()) };
    w.c.process.exit =
        Some(Exit { kind: ExitKind::DecisionCancelled, date, reason: text, document: Some(document.clone()), destination: String::new() });
    Ok(Stage::HuyQuyetDinh)
}
