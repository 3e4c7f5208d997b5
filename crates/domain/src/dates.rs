//! Calendar-month arithmetic (R-AGE counts months; certificates and dossiers age in months).

use chrono::{Datelike, Months, NaiveDate};

/// Whole months from `from` to `to` (negative if `to` is earlier): the number of full months
/// completed, e.g. 2008-05-31 → 2026-05-30 is 215 months, → 2026-05-31 is 216.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    if to < from {
        return -months_between(to, from);
    }
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if m > 0 && add_months(from, m as u32) > to {
        m -= 1;
    }
    m
}

/// `date` plus `n` calendar months, clamped to the end of a shorter month
/// (31/01 + 1 month = 28/02 or 29/02).
pub fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    #[test]
    fn full_months() {
        assert_eq!(months_between(d(2008, 5, 31), d(2026, 5, 30)), 215);
        assert_eq!(months_between(d(2008, 5, 31), d(2026, 5, 31)), 216);
        assert_eq!(months_between(d(2008, 1, 31), d(2008, 2, 29)), 1);
        assert_eq!(months_between(d(2026, 3, 1), d(2025, 3, 1)), -12);
        assert_eq!(add_months(d(2025, 1, 31), 1), d(2025, 2, 28));
    }
}
