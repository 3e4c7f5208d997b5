//! The ward's calendar of classes and admission seasons (docs/domain.md §4.1: two awareness classes a
//! year of about 30 learners; admissions clustered around 3/2, 19/5, 2/9 and the year end).

use super::rng::Rng;
use super::tables::{NEW_CENTRE, OLD_CENTRE};
use crate::model::ClassKind;
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

pub(super) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub(super) fn add(d: NaiveDate, days: i64) -> NaiveDate {
    d + TimeDelta::days(days)
}

pub(super) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// The same day `n` years earlier (29/02 → 28/02).
pub(super) fn years_before(d: NaiveDate, n: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() - n, d.month(), d.day()).unwrap_or_else(|| ymd(d.year() - n, 2, 28))
}

/// `d` minus `n` calendar months (clamped to the month end).
pub(super) fn months_before(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(chrono::Months::new(n)).expect("date in range")
}

/// First day of the 2025 rule set: 294-QĐ/TW in force (docs/domain.md §0).
pub(super) fn rules_2025_from() -> NaiveDate {
    ymd(2025, 7, 1)
}

/// Rule-set id stored on each step (docs/domain.md §2.4 "Rule-set versions").
pub(super) fn rule_set(d: NaiveDate) -> &'static str {
    if d >= rules_2025_from() {
        "2025"
    } else {
        "2016-2025"
    }
}

/// Who ran the classes and issued certificates on `d` (docs/domain.md §0: the ward political centre
/// since 2025, the district-level centre before).
pub(super) fn centre(d: NaiveDate) -> &'static str {
    if d >= rules_2025_from() {
        NEW_CENTRE
    } else {
        OLD_CENTRE
    }
}

fn monday_on_or_after(d: NaiveDate) -> NaiveDate {
    let wd = d.weekday().num_days_from_monday() as i64;
    if d.weekday() == Weekday::Mon {
        d
    } else {
        add(d, 7 - wd)
    }
}

/// One class of the political centre.
#[derive(Clone, Debug)]
pub(super) struct Slot {
    pub id: String,
    pub year: i32,
    pub n: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Certificates issued a week after the last day.
    pub cert: NaiveDate,
}

impl Slot {
    fn new(kind: ClassKind, year: i32, n: u32, month: u32, day: u32) -> Slot {
        let start = monday_on_or_after(ymd(year, month, day));
        let end = add(start, 4);
        let id = match kind {
            ClassKind::NhanThuc => format!("lop-{year}-{n}"),
            ClassKind::DangVienMoi => format!("lop-dvm-{year}-{n}"),
        };
        Slot { id, year, n, start, end, cert: add(end, 7) }
    }
}

/// Awareness classes in April and October, new-member classes in June and November [U].
pub(super) struct Schedule {
    pub awareness: Vec<Slot>,
    pub new_member: Vec<Slot>,
}

impl Schedule {
    pub(super) fn new(first_year: i32, last_year: i32) -> Schedule {
        let mut awareness = vec![];
        let mut new_member = vec![];
        for y in first_year..=last_year {
            awareness.push(Slot::new(ClassKind::NhanThuc, y, 1, 4, 6));
            awareness.push(Slot::new(ClassKind::NhanThuc, y, 2, 10, 12));
            new_member.push(Slot::new(ClassKind::DangVienMoi, y, 1, 6, 8));
            new_member.push(Slot::new(ClassKind::DangVienMoi, y, 2, 11, 9));
        }
        Schedule { awareness, new_member }
    }

    /// The latest awareness class whose certificates were issued on or before `date`.
    pub(super) fn awareness_by(&self, date: NaiveDate) -> usize {
        self.awareness.iter().rposition(|s| s.cert <= date).unwrap_or(0)
    }

    /// The first new-member class starting on or after `date`.
    pub(super) fn new_member_from(&self, date: NaiveDate) -> Option<usize> {
        self.new_member.iter().position(|s| s.start >= date)
    }

    pub(super) fn slot(&self, kind: ClassKind, i: usize) -> &Slot {
        match kind {
            ClassKind::NhanThuc => &self.awareness[i],
            ClassKind::DangVienMoi => &self.new_member[i],
        }
    }
}

/// The admission seasons: ceremonies are held around these days, decisions a few weeks
/// before (docs/domain.md §4.1 "Admissions by month cluster around 3/2, 19/5, 2/9 and year-end" [U];
/// 22/12 is used for the year end).
pub(super) fn season_days(year: i32) -> [NaiveDate; 4] {
    [ymd(year, 2, 3), ymd(year, 5, 19), ymd(year, 9, 2), ymd(year, 12, 22)]
}

/// A decision date of `year` and the ceremony day it aims at. `school`: students are admitted
/// for 19/5, once 18 and before they graduate (S4).
pub(super) fn decision_date(rng: &mut Rng, year: i32, school: bool) -> (NaiveDate, Option<NaiveDate>) {
    if !school && rng.chance(0.1) {
        // Out of season.
        return (add(ymd(year, 1, 1), rng.range(10, 350)), None);
    }
    let weights: [(usize, u32); 4] = if school { [(0, 0), (1, 1), (2, 0), (3, 0)] } else { [(0, 26), (1, 26), (2, 26), (3, 22)] };
    let season = season_days(year)[rng.weighted(&weights)];
    (add(season, -rng.range(3, 28)), Some(season))
}
