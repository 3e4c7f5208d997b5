//! Report periods (docs/domain.md §1.3 "Báo cáo 6 tháng / báo cáo năm", §3.3 "per period").

use crate::model::Term;
use crate::text;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Half {
    /// 6 tháng đầu năm: January–June.
    First,
    /// 6 tháng cuối năm: July–December.
    Second,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quarter {
    Q1,
    Q2,
    Q3,
    Q4,
}

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4];
    fn first_month(self) -> u32 {
        match self {
            Quarter::Q1 => 1,
            Quarter::Q2 => 4,
            Quarter::Q3 => 7,
            Quarter::Q4 => 10,
        }
    }
    fn roman(self) -> &'static str {
        match self {
            Quarter::Q1 => "I",
            Quarter::Q2 => "II",
            Quarter::Q3 => "III",
            Quarter::Q4 => "IV",
        }
    }
}

/// A reporting period: every bound is inclusive. A month outside 1–12 is clamped into it;
/// a `Range` whose `from` is after `to` is empty (contains no date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Period {
    Year { year: i32 },
    Half { year: i32, half: Half },
    Quarter { year: i32, quarter: Quarter },
    Month { year: i32, month: u32 },
    Range { from: NaiveDate, to: NaiveDate },
}

/// A date from parts that may be out of chrono's range: never panics.
pub(crate) fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    let month = month.clamp(1, 12);
    let day = day.clamp(1, text::days_in_month(year, month).max(1));
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(if year < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// 1 January of `year`.
pub(crate) fn jan1(year: i32) -> NaiveDate {
    ymd(year, 1, 1)
}

/// 31 December of `year`.
pub(crate) fn dec31(year: i32) -> NaiveDate {
    ymd(year, 12, 31)
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    ymd(year, month, 31) // clamped to the length of the month
}

/// Inclusive bounds computed once, for hot loops (`Period::contains` rebuilds its dates).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    #[inline]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

impl Period {
    /// The inclusive bounds.
    pub fn span(&self) -> Span {
        Span { from: self.start(), to: self.end() }
    }

    pub fn year(year: i32) -> Self {
        Period::Year { year }
    }
    pub fn half(year: i32, half: Half) -> Self {
        Period::Half { year, half }
    }
    pub fn quarter(year: i32, quarter: Quarter) -> Self {
        Period::Quarter { year, quarter }
    }
    pub fn month(year: i32, month: u32) -> Self {
        Period::Month { year, month }
    }
    pub fn range(from: NaiveDate, to: NaiveDate) -> Self {
        Period::Range { from, to }
    }
    /// The years of a committee term, 1 January of the first to 31 December of the last.
    pub fn term(term: &Term) -> Self {
        Period::Range { from: jan1(term.start_year), to: dec31(term.end_year) }
    }

    /// First day (inclusive).
    pub fn start(&self) -> NaiveDate {
        match *self {
            Period::Year { year } => jan1(year),
            Period::Half { year, half: Half::First } => jan1(year),
            Period::Half { year, half: Half::Second } => ymd(year, 7, 1),
            Period::Quarter { year, quarter } => ymd(year, quarter.first_month(), 1),
            Period::Month { year, month } => ymd(year, month, 1),
            Period::Range { from, .. } => from,
        }
    }

    /// Last day (inclusive).
    pub fn end(&self) -> NaiveDate {
        match *self {
            Period::Year { year } => dec31(year),
            Period::Half { year, half: Half::First } => ymd(year, 6, 30),
            Period::Half { year, half: Half::Second } => dec31(year),
            Period::Quarter { year, quarter } => last_of_month(year, quarter.first_month() + 2),
            Period::Month { year, month } => last_of_month(year, month),
            Period::Range { to, .. } => to,
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    pub fn is_empty(&self) -> bool {
        self.start() > self.end()
    }

    /// The year of the first day: the year whose start-of-year member count is the base of
    /// the development rate (§3.3 item 4).
    pub fn first_year(&self) -> i32 {
        self.start().year()
    }

    /// The year, when the period lies within one calendar year.
    pub fn single_year(&self) -> Option<i32> {
        let (s, e) = (self.start(), self.end());
        (s <= e && s.year() == e.year()).then(|| s.year())
    }

    /// Whether the period is exactly one calendar year.
    pub fn is_full_year(&self) -> bool {
        let (s, e) = (self.start(), self.end());
        s.year() == e.year() && s == jan1(s.year()) && e == dec31(e.year())
    }

    /// "Cùng kỳ": the same period one year earlier (§3.3 item 3). A range moves both ends back
    /// twelve calendar months (29/02 becomes 28/02).
    pub fn same_period_last_year(&self) -> Period {
        match *self {
            Period::Year { year } => Period::Year { year: year.saturating_sub(1) },
            Period::Half { year, half } => Period::Half { year: year.saturating_sub(1), half },
            Period::Quarter { year, quarter } => Period::Quarter { year: year.saturating_sub(1), quarter },
            Period::Month { year, month } => Period::Month { year: year.saturating_sub(1), month },
            Period::Range { from, to } => {
                let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
                Period::Range { from: back(from), to: back(to) }
            }
        }
    }

    /// The period cut after `last_of_first`: `[start, last_of_first]` and
    /// `[last_of_first + 1, end]`, or `None` if that date is not inside the period or is its
    /// last day.
    pub fn split_after(&self, last_of_first: NaiveDate) -> Option<(Period, Period)> {
        let (s, e) = (self.start(), self.end());
        if last_of_first < s || last_of_first >= e {
            return None;
        }
        let next = last_of_first.succ_opt()?;
        Some((Period::Range { from: s, to: last_of_first }, Period::Range { from: next, to: e }))
    }

    /// Two halves: a year into its 6-month halves, any other period at its middle day.
    pub fn halves(&self) -> Option<(Period, Period)> {
        match *self {
            Period::Year { year } => Some((Period::Half { year, half: Half::First }, Period::Half { year, half: Half::Second })),
            _ => {
                let (s, e) = (self.start(), self.end());
                let days = (e - s).num_days();
                if days < 1 {
                    return None;
                }
                self.split_after(s + chrono::Duration::days((days - 1) / 2))
            }
        }
    }

    /// The Vietnamese label: "Năm 2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026",
    /// "Quý II năm 2026", "Tháng 3 năm 2026", "Từ 01/02/2026 đến 31/03/2026".
    pub fn label(&self) -> String {
        match *self {
            Period::Year { year } => format!("Năm {year}"),
            Period::Half { year, half: Half::First } => format!("6 tháng đầu năm {year}"),
            Period::Half { year, half: Half::Second } => format!("6 tháng cuối năm {year}"),
            Period::Quarter { year, quarter } => format!("Quý {} năm {year}", quarter.roman()),
            Period::Month { year, month } => format!("Tháng {} năm {year}", month.clamp(1, 12)),
            Period::Range { from, to } => {
                format!("Từ {} đến {}", text::format_date(from), text::format_date(to))
            }
        }
    }
}
