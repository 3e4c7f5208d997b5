//! R-READMIT (docs/domain.md §2.3): re-admission of a former member.

use super::{consent_ok, fmt_date, fmt_months, CheckPoint, Finding, RuleSet};
use crate::dates::{add_months, months_between};
use crate::model::{Candidate, ConsentKind, LeaveReason};
use chrono::NaiveDate;

/// "tự bỏ sinh hoạt đảng" …
pub fn leave_reason_label(r: LeaveReason) -> &'static str {
    match r {
        LeaveReason::ResignedHardship => "xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn",
        LeaveReason::Resigned => "làm đơn xin ra khỏi Đảng",
        LeaveReason::DroppedOut => "tự bỏ sinh hoạt đảng",
        LeaveReason::SeriousDisunity => "gây mất đoàn kết nội bộ nghiêm trọng",
        LeaveReason::Corruption => "bị kết án hình sự vì tội tham nhũng",
        LeaveReason::SeriousCrime => "bị kết án hình sự về tội phạm nghiêm trọng trở lên",
        LeaveReason::MinorCrime => "bị kết án hình sự về tội phạm ít nghiêm trọng",
        LeaveReason::Other => "lý do khác",
    }
}

/// R-READMIT — docs/domain.md §2.3; R-294 §3.5.
///
/// Applies only when `candidate.readmission` is set. On `on` (the cell vote, or the dossier
/// date as an early warning — see `at`):
/// * **Blocking** `R-READMIT-EXCLUDED`: left by dropping out, by resigning (except severe
///   family hardship), for serious disunity, corruption or a serious crime (R-294 §3.5.2);
/// * **Blocking** `R-READMIT-ONCE`: already re-admitted once (R-294 §3.5.3);
/// * **Blocking** `R-READMIT-TOO-SOON`: fewer than `wait_months` (36) since leaving;
/// * **Blocking** `R-READMIT-CLEARANCE-MISSING` / `R-READMIT-TOO-SOON-AFTER-CLEARANCE`:
///   minor crime — `after_minor_crime_months` (60) after the record was cleared;
/// * consent of the provincial Standing Committee (R-294 §3.5.1b): **Warning**
///   `R-READMIT-CONSENT` at the cell vote if none recorded, **Blocking**
///   `R-READMIT-NO-CONSENT` at the decision without one dated on or before it.
///
/// `early` = true (at the dossier, T4) turns the waiting-time findings into warnings: the
/// waiting time is judged when the cell considers the case.
pub fn check_readmission(candidate: &Candidate, on: NaiveDate, rs: &RuleSet, at: CheckPoint, early: bool) -> Vec<Finding> {
    let Some(r) = &candidate.readmission else { return vec![] };
    let mut out = Vec::new();
    let rule = "R-294 §3.5; DOMAIN §2.3 R-READMIT";
    let timing = |code: &'static str, msg: String| {
        if early {
            Finding::warning(code, msg, rule)
        } else {
            Finding::blocking(code, msg, rule)
        }
    };
    match r.reason {
        LeaveReason::DroppedOut
        | LeaveReason::Resigned
        | LeaveReason::SeriousDisunity
        | LeaveReason::Corruption
        | LeaveReason::SeriousCrime => out.push(Finding::blocking(
            "R-READMIT-EXCLUDED",
            format!("Không xem xét kết nạp lại người đã ra khỏi Đảng vì lý do: {}.", leave_reason_label(r.reason)),
            "R-294 §3.5.2; DOMAIN §2.3 R-READMIT",
        )),
        _ => {}
    }
    if r.readmitted_before {
        out.push(Finding::blocking(
            "R-READMIT-ONCE",
            "Người này đã được kết nạp lại một lần; chỉ được kết nạp lại một lần.",
            "R-294 §3.5.3; DOMAIN §2.3 R-READMIT",
        ));
    }
    if add_months(r.left_on, rs.readmission.wait_months) > on {
        out.push(timing(
            "R-READMIT-TOO-SOON",
            format!(
                "Mới {} kể từ khi ra khỏi Đảng ({}); phải ít nhất {} tháng mới được xem xét kết nạp lại.",
                fmt_months(months_between(r.left_on, on)),
                fmt_date(r.left_on),
                rs.readmission.wait_months
            ),
        ));
    }
    if r.reason == LeaveReason::MinorCrime {
        match r.record_cleared_on {
            None => out.push(timing(
                "R-READMIT-CLEARANCE-MISSING",
                format!(
                    "Người bị án hình sự về tội phạm ít nghiêm trọng: cần ghi ngày được xóa án tích (phải sau {} tháng kể từ ngày đó).",
                    rs.readmission.after_minor_crime_months
                ),
            )),
            Some(c) if add_months(c, rs.readmission.after_minor_crime_months) > on => out.push(timing(
                "R-READMIT-TOO-SOON-AFTER-CLEARANCE",
                format!(
                    "Mới {} kể từ ngày được xóa án tích ({}); phải sau {} tháng mới được xem xét kết nạp lại.",
                    fmt_months(months_between(c, on)),
                    fmt_date(c),
                    rs.readmission.after_minor_crime_months
                ),
            )),
            Some(_) => {}
        }
    }
    if !consent_ok(candidate, ConsentKind::Readmission, at) {
        match at {
            CheckPoint::CellVote => out.push(Finding::warning(
                "R-READMIT-CONSENT",
                "Kết nạp lại phải được Ban Thường vụ Tỉnh ủy, Thành ủy đồng ý bằng văn bản trước khi ra quyết định; hồ sơ chưa ghi văn bản này.",
                "R-294 §3.5.1b; DOMAIN §2.3 R-READMIT",
            )),
            CheckPoint::Decision { on } => out.push(Finding::blocking(
                "R-READMIT-NO-CONSENT",
                format!(
                    "Chưa có văn bản đồng ý kết nạp lại của Ban Thường vụ Tỉnh ủy, Thành ủy ghi ngày trước hoặc trong ngày ra quyết định ({}).",
                    fmt_date(on)
                ),
                "R-294 §3.5.1b; DOMAIN §2.3 R-READMIT",
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, DocRef, Readmission};
    use crate::rules::testkit::*;
    use crate::rules::RuleSets;

    fn rs() -> &'static RuleSet {
        RuleSets::builtin().unwrap().current()
    }
    fn readmit(reason: LeaveReason, left: NaiveDate) -> crate::model::Candidate {
        let mut c = candidate();
        c.readmission = Some(Readmission { left_on: left, reason, record_cleared_on: None, readmitted_before: false });
        c.consents.push(Consent { kind: ConsentKind::Readmission, document: DocRef::on(d(2026, 1, 1)) });
        c
    }
    fn codes(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.code).collect()
    }

    #[test]
    fn not_a_readmission_passes() {
        assert!(check_readmission(&candidate(), d(2026, 1, 1), rs(), CheckPoint::CellVote, false).is_empty());
    }

    #[test]
    fn thirty_six_months_boundary() {
        let c = readmit(LeaveReason::Other, d(2023, 1, 10));
        assert!(check_readmission(&c, d(2026, 1, 10), rs(), CheckPoint::CellVote, false).is_empty());
        let f = check_readmission(&c, d(2026, 1, 9), rs(), CheckPoint::CellVote, false);
        assert_eq!(codes(&f), ["R-READMIT-TOO-SOON"]);
        assert!(f[0].is_blocking());
        let f = check_readmission(&c, d(2026, 1, 9), rs(), CheckPoint::CellVote, true);
        assert!(!f[0].is_blocking());
    }

    #[test]
    fn excluded_reasons_and_only_once() {
        for r in [
            LeaveReason::DroppedOut,
            LeaveReason::Resigned,
            LeaveReason::SeriousDisunity,
            LeaveReason::Corruption,
            LeaveReason::SeriousCrime,
        ] {
            let c = readmit(r, d(2015, 1, 1));
            assert_eq!(codes(&check_readmission(&c, d(2026, 1, 1), rs(), CheckPoint::CellVote, false)), ["R-READMIT-EXCLUDED"]);
        }
        let c = readmit(LeaveReason::ResignedHardship, d(2015, 1, 1));
        assert!(check_readmission(&c, d(2026, 1, 1), rs(), CheckPoint::CellVote, false).is_empty());
        let mut c = readmit(LeaveReason::Other, d(2015, 1, 1));
        c.readmission.as_mut().unwrap().readmitted_before = true;
        assert_eq!(codes(&check_readmission(&c, d(2026, 1, 1), rs(), CheckPoint::CellVote, false)), ["R-READMIT-ONCE"]);
    }

    #[test]
    fn minor_crime_sixty_months_after_clearance() {
        let mut c = readmit(LeaveReason::MinorCrime, d(2015, 1, 1));
        assert_eq!(codes(&check_readmission(&c, d(2026, 1, 1), rs(), CheckPoint::CellVote, false)), ["R-READMIT-CLEARANCE-MISSING"]);
        c.readmission.as_mut().unwrap().record_cleared_on = Some(d(2021, 1, 1));
        assert!(check_readmission(&c, d(2026, 1, 1), rs(), CheckPoint::CellVote, false).is_empty());
        assert_eq!(
            codes(&check_readmission(&c, d(2025, 12, 31), rs(), CheckPoint::CellVote, false)),
            ["R-READMIT-TOO-SOON-AFTER-CLEARANCE"]
        );
    }

    #[test]
    fn consent_before_decision() {
        let mut c = readmit(LeaveReason::Other, d(2015, 1, 1));
        c.consents.clear();
        assert_eq!(codes(&check_readmission(&c, d(2026, 1, 1), rs(), CheckPoint::CellVote, false)), ["R-READMIT-CONSENT"]);
        let f = check_readmission(&c, d(2026, 1, 1), rs(), CheckPoint::Decision { on: d(2026, 2, 1) }, false);
        assert_eq!(codes(&f), ["R-READMIT-NO-CONSENT"]);
        assert!(f[0].is_blocking());
    }
}
