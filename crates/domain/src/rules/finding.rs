//! What a rule check reports (docs/domain.md §2.3): a finding with a stable code, a plain
//! Vietnamese message and the citation of the rule.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The step cannot be recorded (the regulation forbids it).
    Blocking,
    /// The step may be recorded once the user confirms (acknowledges the code).
    Warning,
}

/// One result of a rule check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code, e.g. "R-AGE-UNDER-18"; the UI sends it back to acknowledge a warning.
    pub code: &'static str,
    /// Plain Vietnamese for a non-technical user.
    pub message: String,
    /// Citation, e.g. "R-294 §1.1.1; docs/domain.md §2.3 R-AGE".
    pub rule: String,
}

impl Finding {
    pub fn blocking(code: &'static str, message: impl Into<String>, rule: impl Into<String>) -> Self {
        Finding { severity: Severity::Blocking, code, message: message.into(), rule: rule.into() }
    }
    pub fn warning(code: &'static str, message: impl Into<String>, rule: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, code, message: message.into(), rule: rule.into() }
    }
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Blocking
    }
}

/// Whether any finding blocks.
pub fn has_blocking(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_blocking)
}

/// "05/03/2026": the date format of Vietnamese documents.
pub fn fmt_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// "17 tuổi 8 tháng", "18 tuổi".
pub fn fmt_age(months: i32) -> String {
    let m = months.max(0);
    let (y, r) = (m / 12, m % 12);
    if r == 0 {
        format!("{y} tuổi")
    } else {
        format!("{y} tuổi {r} tháng")
    }
}

/// "3 năm 2 tháng", "11 tháng" (durations in months).
pub fn fmt_months(months: i32) -> String {
    let m = months.max(0);
    let (y, r) = (m / 12, m % 12);
    match (y, r) {
        (0, r) => format!("{r} tháng"),
        (y, 0) => format!("{y} năm"),
        (y, r) => format!("{y} năm {r} tháng"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn formats() {
        assert_eq!(fmt_date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "05/03/2026");
        assert_eq!(fmt_age(212), "17 tuổi 8 tháng");
        assert_eq!(fmt_age(216), "18 tuổi");
        assert_eq!(fmt_months(11), "11 tháng");
        assert_eq!(fmt_months(38), "3 năm 2 tháng");
        assert_eq!(fmt_months(24), "2 năm");
    }
}
