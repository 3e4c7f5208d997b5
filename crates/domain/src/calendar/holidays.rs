//! Statutory public holidays of Viet Nam (ngày nghỉ lễ, tết), the days that are not
//! "working days" for legal deadlines (docs/domain.md §2.2 last line, §2.4).
//!
//! Source: Bộ luật Lao động 2019 (Labour Code, Law 45/2019/QH14), **Điều 112 khoản 1**:
//!
//! | Holiday | Days | Date |
//! |---|---|---|
//! | Tết Dương lịch | 1 | 1/1 |
//! | Tết Âm lịch (Tết Nguyên đán) | 5 | fixed each year by the Prime Minister (Điều 112 khoản 3) |
//! | Ngày Chiến thắng | 1 | 30/4 |
//! | Ngày Quốc tế lao động | 1 | 1/5 |
//! | Quốc khánh | 2 | 2/9 and one adjacent day before or after, fixed by the Prime Minister |
//! | Giỗ Tổ Hùng Vương | 1 | 10/3 âm lịch |
//!
//! and **Điều 111 khoản 3**: when a weekly rest day (here Saturday or Sunday, the
//! civil-service week) coincides with a holiday, the worker gets a compensatory day off
//! (nghỉ bù) on the next working day.
//!
//! The days the Prime Minister fixes each year (Tết, the second Quốc khánh day), bridge
//! days and make-up working Saturdays are entered by the ward in
//! [`CalendarSettings`](super::CalendarSettings); this module gives the defaults.

use super::lunar;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The kind of a day off, with its Vietnamese name for the UI
/// (docs/domain.md §2.2/§2.4; Bộ luật Lao động 2019, Điều 111–112).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HolidayKind {
    /// Tết Dương lịch, 1/1 (Điều 112 khoản 1 điểm a).
    NewYear,
    /// Tết Âm lịch / Tết Nguyên đán, 5 days (Điều 112 khoản 1 điểm b).
    LunarNewYear,
    /// Ngày Chiến thắng, 30/4 (Điều 112 khoản 1 điểm c).
    VictoryDay,
    /// Ngày Quốc tế lao động, 1/5 (Điều 112 khoản 1 điểm d).
    LabourDay,
    /// Quốc khánh, 2/9 and one adjacent day (Điều 112 khoản 1 điểm đ).
    NationalDay,
    /// Giỗ Tổ Hùng Vương, 10/3 âm lịch (Điều 112 khoản 1 điểm e).
    HungKings,
    /// Nghỉ bù: compensatory day off for a holiday that falls on a weekly rest day
    /// (Điều 111 khoản 3).
    Compensatory,
    /// A day off added by the ward in [`CalendarSettings::extra_days_off`](super::CalendarSettings)
    /// (e.g. extra Tết days or a bridge day fixed by the Prime Minister).
    ExtraDayOff,
}

impl HolidayKind {
    /// The Vietnamese name shown to users, e.g. "Tết Nguyên đán", "Nghỉ bù".
    pub fn name_vi(self) -> &'static str {
        match self {
            HolidayKind::NewYear => "Tết Dương lịch",
            HolidayKind::LunarNewYear => "Tết Nguyên đán",
            HolidayKind::VictoryDay => "Ngày Chiến thắng 30/4",
            HolidayKind::LabourDay => "Quốc tế Lao động 1/5",
            HolidayKind::NationalDay => "Quốc khánh 2/9",
            HolidayKind::HungKings => "Giỗ Tổ Hùng Vương",
            HolidayKind::Compensatory => "Nghỉ bù",
            HolidayKind::ExtraDayOff => "Ngày nghỉ bổ sung",
        }
    }
}

/// One day off in a year's holiday list, for display and for the working-day calendar
/// (docs/domain.md §2.2/§2.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Holiday {
    /// The day off.
    pub date: NaiveDate,
    /// What kind of day off it is.
    pub kind: HolidayKind,
    /// Vietnamese display name. For a compensatory day it names the holiday compensated,
    /// e.g. "Nghỉ bù Quốc khánh 2/9".
    pub name: String,
    /// For [`HolidayKind::Compensatory`]: the date of the holiday it compensates.
    pub compensates_for: Option<NaiveDate>,
}

impl Holiday {
    fn new(date: NaiveDate, kind: HolidayKind) -> Holiday {
        Holiday { date, kind, name: kind.name_vi().to_string(), compensates_for: None }
    }
}

/// The default statutory days off of solar year `year`, sorted by date
/// (Bộ luật Lao động 2019, Điều 112 khoản 1 and Điều 111 khoản 3; docs/domain.md §2.2/§2.4).
///
/// Contains every holiday (also those falling on a Saturday or Sunday, so the UI can show
/// them) followed in date order by their compensatory days:
///
/// * Tết Dương lịch 1/1;
/// * Tết Nguyên đán: by default the last day of the previous lunar year (29 or 30 tháng
///   Chạp) and lunar 1/1–4/1, i.e. 5 consecutive days. The Prime Minister fixes the real
///   days each year (Điều 112 khoản 3); enter deviations in the settings;
/// * Giỗ Tổ Hùng Vương, 10/3 âm lịch;
/// * Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5;
/// * Quốc khánh 2/9 plus one adjacent day. **Assumption:** the default adjacent day is
///   1/9 (the day before), as in 2025; the Prime Minister may choose 3/9 instead
///   (as in 2024) — the ward corrects it in the settings;
/// * **Nghỉ bù** (Điều 111 khoản 3): every holiday day falling on Saturday or Sunday gives
///   a compensatory day off on the next Monday–Friday day that is not itself a holiday or
///   an earlier compensatory day. This is applied to every holiday, Tết days included, as
///   the article does; for Tết the Prime Minister's yearly schedule usually rearranges the
///   days instead, and the ward then enters that schedule in the settings.
///   **Assumption:** two holidays on the same date (possible in a rare year for Giỗ Tổ
///   and 30/4 or 1/5) likewise give one compensatory day; the Labour Code does not say.
///
/// The lunar holidays (Tết, Giỗ Tổ) are only included for years 1900–2200, the range of the
/// lunar calendar ([`lunar`]); other years contain only the solar holidays.
pub fn statutory_holidays(year: i32) -> Vec<Holiday> {
    let mut days: Vec<Holiday> = Vec::with_capacity(16);
    let solar = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let fixed = [
        (solar(1, 1), HolidayKind::NewYear),
        (solar(4, 30), HolidayKind::VictoryDay),
        (solar(5, 1), HolidayKind::LabourDay),
        (solar(9, 1), HolidayKind::NationalDay),
        (solar(9, 2), HolidayKind::NationalDay),
    ];
    days.extend(fixed.into_iter().filter_map(|(d, k)| d.map(|d| Holiday::new(d, k))));
    if let Some(tet) = lunar::tet(year) {
        // The last day of the previous lunar year, then mùng 1 to mùng 4.
        let first = tet.pred_opt();
        days.extend(first.into_iter().flat_map(|f| f.iter_days().take(5)).map(|d| Holiday::new(d, HolidayKind::LunarNewYear)));
    }
    if let Some(gio_to) = lunar::lunar_to_solar(year, 3, 10, false) {
        days.push(Holiday::new(gio_to, HolidayKind::HungKings));
    }
    crate::order::sort_by_key(&mut days, |h| h.date);

    // Nghỉ bù, in date order of the holidays compensated.
    let mut taken: Vec<NaiveDate> = days.iter().map(|h| h.date).collect();
    let mut compensations = Vec::new();
    for (i, h) in days.iter().enumerate() {
        let on_weekend = is_weekend(h.date);
        let duplicate = i > 0 && days[i - 1].date == h.date;
        if !(on_weekend || duplicate) {
            continue;
        }
        let next = h.date.iter_days().skip(1).take(60).find(|d| !is_weekend(*d) && !taken.contains(d));
        if let Some(d) = next {
            taken.push(d);
            compensations.push(Holiday {
                date: d,
                kind: HolidayKind::Compensatory,
                name: format!("{} {}", HolidayKind::Compensatory.name_vi(), h.kind.name_vi()),
                compensates_for: Some(h.date),
            });
        }
    }
    days.extend(compensations);
    crate::order::sort_by_key(&mut days, |h| (h.date, h.kind));
    days
}

/// Saturday or Sunday: the weekly rest days of the civil-service week (docs/domain.md §2.2:
/// working days are Monday–Friday).
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn list(year: i32) -> Vec<(NaiveDate, HolidayKind)> {
        statutory_holidays(year).into_iter().map(|h| (h.date, h.kind)).collect()
    }

    use HolidayKind::*;

    #[test]
    fn holidays_2025() {
        // 2025: 1/1 Wed. Tết 29/01 (Wed): 28/01 (last day of Giáp Thìn) .. 01/02 (Sat);
        // 01/02 is a Saturday → nghỉ bù Monday 03/02. Giỗ Tổ 07/04 (Mon). 30/4 Wed, 1/5 Thu.
        // Quốc khánh 01/09 (Mon) + 02/09 (Tue) — the days the Prime Minister fixed in 2025.
        assert_eq!(
            list(2025),
            vec![
                (ymd(2025, 1, 1), NewYear),
                (ymd(2025, 1, 28), LunarNewYear),
                (ymd(2025, 1, 29), LunarNewYear),
                (ymd(2025, 1, 30), LunarNewYear),
                (ymd(2025, 1, 31), LunarNewYear),
                (ymd(2025, 2, 1), LunarNewYear),
                (ymd(2025, 2, 3), Compensatory),
                (ymd(2025, 4, 7), HungKings),
                (ymd(2025, 4, 30), VictoryDay),
                (ymd(2025, 5, 1), LabourDay),
                (ymd(2025, 9, 1), NationalDay),
                (ymd(2025, 9, 2), NationalDay),
            ]
        );
    }

    #[test]
    fn holidays_2026() {
        // 2026: 1/1 Thu. Tết 17/02 (Tue): default 16/02 (Mon, 29 tháng Chạp) .. 20/02 (Fri,
        // mùng 4) — the same weekdays as the announced 2026 break (14–22/02 including the
        // weekends). Giỗ Tổ 26/04 is a Sunday → nghỉ bù Monday 27/04. 30/4 Thu, 1/5 Fri.
        // Quốc khánh default 01/09 (Tue) + 02/09 (Wed).
        assert_eq!(
            list(2026),
            vec![
                (ymd(2026, 1, 1), NewYear),
                (ymd(2026, 2, 16), LunarNewYear),
                (ymd(2026, 2, 17), LunarNewYear),
                (ymd(2026, 2, 18), LunarNewYear),
                (ymd(2026, 2, 19), LunarNewYear),
                (ymd(2026, 2, 20), LunarNewYear),
                (ymd(2026, 4, 26), HungKings),
                (ymd(2026, 4, 27), Compensatory),
                (ymd(2026, 4, 30), VictoryDay),
                (ymd(2026, 5, 1), LabourDay),
                (ymd(2026, 9, 1), NationalDay),
                (ymd(2026, 9, 2), NationalDay),
            ]
        );
        let h = statutory_holidays(2026);
        let bu = h.iter().find(|h| h.kind == Compensatory).unwrap();
        assert_eq!(bu.name, "Nghỉ bù Giỗ Tổ Hùng Vương");
        assert_eq!(bu.compensates_for, Some(ymd(2026, 4, 26)));
        assert_eq!(h[0].name, "Tết Dương lịch");
        assert_eq!(h[1].name, "Tết Nguyên đán");
    }

    #[test]
    fn weekend_compensation() {
        // 2022: 1/1 Sat → Mon 3/1; Giỗ Tổ 10/4 Sun → Mon 11/4; 30/4 Sat and 1/5 Sun →
        // Mon 2/5 and Tue 3/5 (as the 2022 official schedule).
        let c2022: Vec<_> = list(2022).into_iter().filter(|h| h.1 == Compensatory).collect();
        assert!(c2022.contains(&(ymd(2022, 1, 3), Compensatory)));
        assert!(c2022.contains(&(ymd(2022, 4, 11), Compensatory)));
        assert!(c2022.contains(&(ymd(2022, 5, 2), Compensatory)));
        assert!(c2022.contains(&(ymd(2022, 5, 3), Compensatory)));
        // 2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon (holiday) → nghỉ bù Tue 2/5 and Wed 3/5,
        // as the 2023 official schedule; 2/9 Sat → Mon 4/9 (1/9 Fri is the other day).
        let h2023 = statutory_holidays(2023);
        let bu: Vec<_> = h2023.iter().filter(|h| h.kind == Compensatory).map(|h| (h.date, h.compensates_for)).collect();
        assert!(bu.contains(&(ymd(2023, 5, 2), Some(ymd(2023, 4, 29)))));
        assert!(bu.contains(&(ymd(2023, 5, 3), Some(ymd(2023, 4, 30)))));
        assert!(bu.contains(&(ymd(2023, 9, 4), Some(ymd(2023, 9, 2)))));
        // 2023: 1/1 Sun → Mon 2/1.
        assert!(bu.contains(&(ymd(2023, 1, 2), Some(ymd(2023, 1, 1)))));
        // Compensatory days are always weekdays and never holidays themselves.
        for y in 1990..2100 {
            let h = statutory_holidays(y);
            for c in h.iter().filter(|h| h.kind == Compensatory) {
                assert!(!is_weekend(c.date));
                assert_eq!(h.iter().filter(|x| x.date == c.date).count(), 1, "{y}: {c:?}");
                assert_eq!(c.date.year(), y);
            }
        }
    }

    #[test]
    fn every_year_has_eleven_holiday_days() {
        for y in 1900..=2200 {
            let h = statutory_holidays(y);
            let holidays = h.iter().filter(|h| h.kind != Compensatory).count();
            assert_eq!(holidays, 11, "{y}");
            assert!(h.windows(2).all(|w| w[0].date <= w[1].date));
        }
        // Outside the lunar range only the 5 solar days remain (1/1, 30/4, 1/5, 1/9, 2/9).
        assert_eq!(statutory_holidays(1800).iter().filter(|h| h.kind != Compensatory).count(), 5);
        assert!(!statutory_holidays(i32::MAX).iter().any(|h| h.kind == LunarNewYear));
    }
}
