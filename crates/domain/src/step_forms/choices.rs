//! The choices the forms offer and the values they stand for: the ward's full members, its
//! classes, the verification requests waiting for a reply, the unions that introduce, the
//! reasons to cancel a decision, the two introducers.

use super::*;

/// Full members of the ward (only they help and introduce, docs/domain.md §1.2, R-INTRO), the
/// candidate's cell first, as "Name — cell".
pub(super) fn member_options(c: &Candidate, data: &WardData) -> Vec<(String, String)> {
    let option = |m: &crate::model::PartyMember| {
        let cell = data.cell(&m.cell_id).map(|x| x.name.as_str()).unwrap_or(m.cell_id.as_str());
        (m.id.to_string(), format!("{} — {cell}", m.full_name))
    };
    let full = data.members.iter().filter(|m| m.status.is_full());
    let (mine, others): (Vec<_>, Vec<_>) = full.partition(|m| m.cell_id == c.cell_id);
    mine.into_iter().chain(others).map(option).collect()
}

/// The ward's classes of `kind`, newest first, as "Name (start – end)".
pub(super) fn class_options(data: &WardData, kind: ClassKind) -> Vec<(String, String)> {
    let mut classes: Vec<_> = data.classes.iter().filter(|k| k.kind == kind).collect();
    crate::order::sort_by_key(&mut classes, |k| std::cmp::Reverse(k.start));
    classes.into_iter().map(|k| (k.id.to_string(), format!("{} ({} – {})", k.name, format_date(k.start), format_date(k.end)))).collect()
}

/// The verification requests still waiting for a reply, by their position in
/// `Process::verifications`, as "subject — place, gửi dd/mm/yyyy".
pub(super) fn verification_options(c: &Candidate) -> Vec<(String, String)> {
    c.process
        .verifications
        .iter()
        .enumerate()
        .filter(|(_, v)| v.returned_on.is_none())
        .map(|(i, v)| {
            let place = if v.place.trim().is_empty() { String::new() } else { format!(" — {}", v.place.trim()) };
            (i.to_string(), format!("{}{place}, gửi {}", v.subject, format_date(v.sent_on)))
        })
        .collect()
}

pub(super) const UNION_BODIES: [UnionBody; 2] = [UnionBody::DoanThanhNien, UnionBody::CongDoan];

pub(super) fn union_value(b: UnionBody) -> &'static str {
    match b {
        UnionBody::DoanThanhNien => "doan_thanh_nien",
        UnionBody::CongDoan => "cong_doan",
    }
}

pub(super) fn union_label(b: UnionBody) -> &'static str {
    match b {
        UnionBody::DoanThanhNien => "Ban Chấp hành Đoàn Thanh niên cơ sở",
        UnionBody::CongDoan => "Ban Chấp hành Công đoàn cơ sở",
    }
}

pub(super) const CANCEL_REASONS: [CancelReason; 2] = [CancelReason::Criteria, CancelReason::MovedBeforeDecision];

pub(super) fn cancel_reason_value(r: CancelReason) -> &'static str {
    match r {
        CancelReason::Criteria => "criteria",
        CancelReason::MovedBeforeDecision => "moved_before_decision",
    }
}

pub(super) fn cancel_reason_of(v: &str) -> Option<CancelReason> {
    CANCEL_REASONS.into_iter().find(|r| cancel_reason_value(*r) == v)
}

/// The two member introducers: their keys, and "thứ nhất", "thứ hai".
pub(super) const INTRODUCERS: [(IntroducerKeys, &str); 2] = [(keys::INTRODUCERS[0], "thứ nhất"), (keys::INTRODUCERS[1], "thứ hai")];
