//! R-CERT and R-DOCAGE (docs/domain.md §2.3): how long the awareness certificate and the
//! dossier documents stay usable.

use super::age::first_part;
use super::{fmt_date, Finding, RuleSet};
use crate::dates::add_months;
use crate::model::Certificate;
use chrono::NaiveDate;

/// Last day the awareness certificate may be used: issue date + 60 months (R-06 §5.4b:
/// "quá 60 tháng" — so the day 60 months on is still valid).
pub fn certificate_valid_until(cert: &Certificate, rs: &RuleSet) -> NaiveDate {
    add_months(cert.issued_on, rs.certificate_validity.months)
}

/// R-CERT — docs/domain.md §2.3; R-06 §5.4b (and §3.1 for the issuer).
///
/// At the cell vote (T8) the awareness-class certificate must exist (**Blocking**
/// `R-CERT-MISSING`), be issued on or before the vote (**Blocking**
/// `R-CERT-AFTER-VOTE`) and not be more than `certificate_validity` (60) months old on the
/// vote date (**Blocking** `R-CERT-EXPIRED`: the cell must send the person to the class again
/// and record the new certificate). A transferred-in sympathiser may reuse a still-valid
/// certificate (R-HN II.1.1.1.1) — nothing to check for that.
pub fn check_certificate(cert: Option<&Certificate>, vote_date: NaiveDate, rs: &RuleSet) -> Vec<Finding> {
    let rule = format!("{}; DOMAIN §2.3 R-CERT", first_part(&rs.certificate_validity.rule));
    let Some(cert) = cert else {
        return vec![Finding::blocking(
            "R-CERT-MISSING",
            "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng; chi bộ chưa thể xét kết nạp.",
            rule,
        )];
    };
    if cert.issued_on > vote_date {
        return vec![Finding::blocking(
            "R-CERT-AFTER-VOTE",
            format!(
                "Giấy chứng nhận học lớp nhận thức về Đảng cấp ngày {}, sau ngày chi bộ xét ({}).",
                fmt_date(cert.issued_on),
                fmt_date(vote_date)
            ),
            rule,
        )];
    }
    let until = certificate_valid_until(cert, rs);
    if vote_date > until {
        return vec![Finding::blocking(
            "R-CERT-EXPIRED",
            format!(
                "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng cấp ngày {} đã quá {} tháng vào ngày chi bộ xét \
                 (hết hạn sau ngày {}). Chi bộ phải giới thiệu người vào Đảng học lại để được cấp giấy chứng nhận mới.",
                fmt_date(cert.issued_on),
                rs.certificate_validity.months,
                fmt_date(until)
            ),
            rule,
        )];
    }
    vec![]
}

/// Last day the dossier documents may be used: creation (or last renewal) + 12 months.
pub fn dossier_valid_until(baseline: NaiveDate, rs: &RuleSet) -> NaiveDate {
    add_months(baseline, rs.dossier_validity.months)
}

/// R-DOCAGE — docs/domain.md §2.3; R-06 §5.4a (also R-HN II.1.1.3.1).
///
/// If the cell votes more than `dossier_validity` (12) months after the dossier was created
/// (`baseline` = creation, or the last [`Step::RenewDossier`](crate::pipeline::Step) date),
/// the documents must be redone: introducer letter(s), the Youth/Trade Union resolution,
/// supplementary CV verification if anything changed, supplementary opinions.
///
/// **Decision: Warning** `R-DOCAGE-STALE`, not Blocking. R-06 §5.4a does not bar the
/// admission — it orders these documents to be *redone* ("phải làm lại các tài liệu sau"),
/// and they are paper documents the app does not hold. The user either records the renewal
/// (step "Làm lại hồ sơ", which resets the baseline) or confirms that the documents were
/// redone; the confirmation is kept in the step's `acknowledged` list as the audit trail.
pub fn check_dossier_age(baseline: NaiveDate, vote_date: NaiveDate, rs: &RuleSet) -> Vec<Finding> {
    let until = dossier_valid_until(baseline, rs);
    if vote_date <= until {
        return vec![];
    }
    vec![Finding::warning(
        "R-DOCAGE-STALE",
        format!(
            "Hồ sơ lập ngày {} đã quá {} tháng vào ngày chi bộ xét ({}). Phải làm lại: giấy giới thiệu của đảng viên \
             chính thức; nghị quyết giới thiệu của Đoàn Thanh niên hoặc Công đoàn (nếu có); thẩm tra bổ sung lý lịch nếu \
             có thay đổi; ý kiến nhận xét bổ sung của đoàn thể và chi ủy nơi cư trú. Xác nhận các giấy tờ này đã được làm lại.",
            fmt_date(baseline),
            rs.dossier_validity.months,
            fmt_date(vote_date)
        ),
        format!("{}; R-HN II.1.1.3.1; DOMAIN §2.3 R-DOCAGE", first_part(&rs.dossier_validity.rule)),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;
    use crate::rules::RuleSets;

    fn rs() -> &'static RuleSet {
        RuleSets::builtin().unwrap().current()
    }
    fn cert(issued: NaiveDate) -> Certificate {
        Certificate { number: "12/CN".into(), issued_on: issued, issuer: String::new(), class_id: None }
    }

    #[test]
    fn certificate_60_months_boundary() {
        let c = cert(d(2021, 3, 10));
        assert!(check_certificate(Some(&c), d(2026, 3, 10), rs()).is_empty());
        let f = check_certificate(Some(&c), d(2026, 3, 11), rs());
        assert_eq!(f[0].code, "R-CERT-EXPIRED");
        assert!(f[0].is_blocking());
        assert!(f[0].message.contains("10/03/2021"));
        assert!(f[0].rule.contains("R-06 §5.4b"));
    }

    #[test]
    fn certificate_missing_or_after_vote() {
        assert_eq!(check_certificate(None, d(2026, 1, 1), rs())[0].code, "R-CERT-MISSING");
        let c = cert(d(2026, 1, 2));
        assert_eq!(check_certificate(Some(&c), d(2026, 1, 1), rs())[0].code, "R-CERT-AFTER-VOTE");
        assert!(check_certificate(Some(&c), d(2026, 1, 2), rs()).is_empty());
    }

    #[test]
    fn dossier_12_months_boundary() {
        assert!(check_dossier_age(d(2025, 1, 31), d(2026, 1, 31), rs()).is_empty());
        let f = check_dossier_age(d(2025, 1, 31), d(2026, 2, 1), rs());
        assert_eq!(f[0].code, "R-DOCAGE-STALE");
        assert!(!f[0].is_blocking());
        assert!(f[0].rule.contains("R-06 §5.4a"));
        // Clamped months: 29/02/2024 + 12 months = 28/02/2025.
        assert!(check_dossier_age(d(2024, 2, 29), d(2025, 2, 28), rs()).is_empty());
        assert_eq!(check_dossier_age(d(2024, 2, 29), d(2025, 3, 1), rs()).len(), 1);
    }
}
