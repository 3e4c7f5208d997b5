//! R-AGE (docs/domain.md §2.3): fully 18 to fully 60, counted in months, on the cell-vote date.

use super::{consent_ok, fmt_age, fmt_date, CheckPoint, Finding, RuleSet};
use crate::model::{Candidate, ConsentKind};
use chrono::NaiveDate;

/// R-AGE — docs/domain.md §2.3; R-294 §1.1.1–1.1.2; R-06 §1.1.
///
/// Age in whole months on `cell_vote_date` ([`crate::dates::months_between`]):
/// * fewer than `age.min_months` (216) → **Blocking** `R-AGE-UNDER-18`;
/// * more than `age.max_months` (720, "over 60" \[U: interpretation of "đủ 60 tuổi"]):
///   the provincial Standing Committee must consent in writing **before the decision**
///   (R-06 §1.1). So at the cell vote it is a **Warning** `R-AGE-OVER-60` when no
///   `ConsentKind::Over60` consent is recorded yet, and at the decision a **Blocking**
///   `R-AGE-OVER-60-NO-CONSENT` when no such consent dated on or before the decision exists.
pub fn check_age(candidate: &Candidate, cell_vote_date: NaiveDate, rs: &RuleSet, at: CheckPoint) -> Vec<Finding> {
    let mut out = Vec::new();
    let months = candidate.age_months_on(cell_vote_date);
    let rule_under = format!("{}; DOMAIN §2.3 R-AGE", first_part(&rs.age.rule));
    if months < rs.age.min_months as i32 {
        out.push(Finding::blocking(
            "R-AGE-UNDER-18",
            format!("Người vào Đảng chưa đủ {} tuổi vào ngày chi bộ xét ({}).", rs.age.min_months / 12, fmt_age(months)),
            rule_under,
        ));
        return out;
    }
    if months > rs.age.max_months as i32 && !consent_ok(candidate, ConsentKind::Over60, at) {
        let rule = "R-294 §1.1.2; R-06 §1.1; DOMAIN §2.3 R-AGE".to_string();
        match at {
            CheckPoint::CellVote => out.push(Finding::warning(
                "R-AGE-OVER-60",
                format!(
                    "Người vào Đảng đã trên {} tuổi vào ngày chi bộ xét ({}). Chỉ được kết nạp khi có sức khỏe, uy tín, \
                     đang công tác hoặc cư trú ở nơi chưa có tổ chức đảng, chưa có đảng viên hoặc do yêu cầu đặc biệt, \
                     và phải có văn bản đồng ý của Ban Thường vụ Tỉnh ủy, Thành ủy trước khi ra quyết định kết nạp.",
                    rs.age.max_months / 12,
                    fmt_age(months)
                ),
                rule,
            )),
            CheckPoint::Decision { on } => out.push(Finding::blocking(
                "R-AGE-OVER-60-NO-CONSENT",
                format!(
                    "Người vào Đảng trên {} tuổi ({} vào ngày chi bộ xét) nhưng chưa có văn bản đồng ý của Ban Thường vụ \
                     Tỉnh ủy, Thành ủy ghi ngày trước hoặc trong ngày ra quyết định ({}).",
                    rs.age.max_months / 12,
                    fmt_age(months),
                    fmt_date(on)
                ),
                rule,
            )),
        }
    }
    out
}

/// The regulation part of a citation ("R-294 §1.1.1; R-06 §1.1; DOMAIN …" → without DOMAIN).
pub(crate) fn first_part(rule: &str) -> &str {
    match rule.find("; DOMAIN") {
        Some(i) => &rule[..i],
        None => rule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, DocRef};
    use crate::rules::testkit::*;
    use crate::rules::RuleSets;

    fn rs() -> &'static RuleSet {
        RuleSets::builtin().unwrap().current()
    }

    #[test]
    fn exactly_216_months_passes_215_fails() {
        let mut c = candidate();
        c.birth_date = d(2008, 5, 31);
        assert!(check_age(&c, d(2026, 5, 31), rs(), CheckPoint::CellVote).is_empty());
        let f = check_age(&c, d(2026, 5, 30), rs(), CheckPoint::CellVote);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "R-AGE-UNDER-18");
        assert!(f[0].is_blocking());
        assert_eq!(f[0].message, "Người vào Đảng chưa đủ 18 tuổi vào ngày chi bộ xét (17 tuổi 11 tháng).");
        assert!(f[0].rule.contains("R-294 §1.1.1"));
    }

    #[test]
    fn under_18_message_counts_months() {
        let mut c = candidate();
        c.birth_date = d(2008, 9, 1);
        let f = check_age(&c, d(2026, 5, 10), rs(), CheckPoint::CellVote);
        assert_eq!(f[0].message, "Người vào Đảng chưa đủ 18 tuổi vào ngày chi bộ xét (17 tuổi 8 tháng).");
    }

    #[test]
    fn exactly_720_months_passes_721_needs_consent() {
        let mut c = candidate();
        c.birth_date = d(1966, 3, 10);
        assert!(check_age(&c, d(2026, 3, 10), rs(), CheckPoint::CellVote).is_empty());
        assert!(check_age(&c, d(2026, 4, 9), rs(), CheckPoint::CellVote).is_empty());
        let f = check_age(&c, d(2026, 4, 10), rs(), CheckPoint::CellVote);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "R-AGE-OVER-60");
        assert!(!f[0].is_blocking());
        let f = check_age(&c, d(2026, 4, 10), rs(), CheckPoint::Decision { on: d(2026, 5, 1) });
        assert_eq!(f[0].code, "R-AGE-OVER-60-NO-CONSENT");
        assert!(f[0].is_blocking());
    }

    #[test]
    fn over_60_with_consent_passes_only_if_dated_before_the_decision() {
        let mut c = candidate();
        c.birth_date = d(1960, 1, 1);
        c.consents.push(Consent { kind: ConsentKind::Over60, document: DocRef::on(d(2026, 5, 1)) });
        assert!(check_age(&c, d(2026, 4, 10), rs(), CheckPoint::CellVote).is_empty());
        assert!(check_age(&c, d(2026, 4, 10), rs(), CheckPoint::Decision { on: d(2026, 5, 1) }).is_empty());
        let f = check_age(&c, d(2026, 4, 10), rs(), CheckPoint::Decision { on: d(2026, 4, 30) });
        assert_eq!(f[0].code, "R-AGE-OVER-60-NO-CONSENT");
    }
}
