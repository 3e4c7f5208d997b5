//! Vietnamese lunar calendar (âm lịch), used to place the lunar public holidays —
//! Tết Nguyên đán and Giỗ Tổ Hùng Vương — in the working-day calendar
//! (docs/domain.md §2.2 last line, §2.4; Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b, e).
//!
//! # Algorithm
//!
//! This is our own implementation of the method published by **Hồ Ngọc Đức**,
//! "Thuật toán tính âm lịch" / "Computing the Vietnamese lunar calendar"
//! (<https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html>, with the reference
//! program `amlich.js`). It follows the official rules of the Vietnamese calendar:
//!
//! * a lunar month starts on the (local) day of an astronomical **new moon**;
//! * time is reckoned at **UTC+7** (meridian 105° East). This is what makes the Vietnamese
//!   calendar differ from the Chinese one (UTC+8) in some years, e.g. Tết 1985 was on
//!   21/01/1985 in Viet Nam but on 20/02/1985 in China, and Tết 2007 on 17/02 vs 18/02;
//! * month 11 is the month that contains the **winter solstice** (sun longitude 270°);
//! * if there are 13 months from one month 11 to the next (exclusive), the first month in
//!   between that contains **no major solar term** (trung khí: the sun longitude crosses no
//!   multiple of 30°) is the **leap month** (tháng nhuận) and repeats the number of the month
//!   before it.
//!
//! New moons are computed with the series of Jean Meeus, *Astronomical Formulae for
//! Calculators* (as used by Hồ Ngọc Đức), and the sun's longitude with the low-precision
//! formula of Meeus, *Astronomical Algorithms*, ch. 25. No crate on crates.io was suitable
//! (the Vietnamese ones are single-release or bundle an almanac; `lunardate` is Chinese,
//! UTC+8), hence this module.
//!
//! Accuracy, checked while writing this module against a modern ephemeris (astropy/ERFA):
//! the UTC+7 day of 3 777 of the 3 780 new moons from 1898 to 2203 agrees; the three
//! exceptions (20/06/1944, 18/10/2085, 04/01/2125) are new moons within about one minute of
//! local midnight, where any such algorithm is uncertain. The sun's 30° sector at the start
//! of every lunar month (which decides the leap months) agrees everywhere. The results are
//! those of Hồ Ngọc Đức's published calendar, the de-facto reference in Viet Nam.
//!
//! # Supported range
//!
//! Solar dates from **1900-01-01 to 2200-12-31**, which covers every day of the lunar
//! years 1900–2199 (lunar year 1900 starts on 31/01/1900; lunar year 2199 ends early in
//! 2200). Outside that range the functions return `None`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// Time zone of the Vietnamese calendar, in hours east of UTC (UTC+7, meridian 105° E).
pub const TIME_ZONE_HOURS: f64 = 7.0;

/// Mean length of a synodic month, in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;
/// Julian day (UT) of the new moon of 1900-01-01 13:52 UT, the origin (`k = 0`) of the
/// new-moon series.
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;
/// `JDN = days from CE + this` (0001-01-01 proleptic Gregorian is JDN 1 721 426).
const JDN_MINUS_CE: i64 = 1_721_425;

/// First solar date for which conversions are defined (1900-01-01).
pub fn min_supported_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Last solar date for which conversions are defined (2200-12-31).
pub fn max_supported_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2200, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A date of the Vietnamese lunar calendar, used to place Tết and Giỗ Tổ Hùng Vương
/// (Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b, e; docs/domain.md §2.2/§2.4).
///
/// `year` is the lunar year named after the solar year in which it starts (lunar year
/// 2026 starts with Tết on 17/02/2026). `month` is 1–12 and `day` is 1–30; `leap` marks
/// the leap month (tháng nhuận), which follows the ordinary month with the same number.
/// The fields are public for convenience; [`LunarDate::new`] or [`LunarDate::to_solar`]
/// validate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LunarDate {
    /// Lunar year (năm âm lịch), named after the solar year in which its 1st day falls.
    pub year: i32,
    /// Lunar month, 1 (tháng Giêng) to 12 (tháng Chạp).
    pub month: u32,
    /// Day of the lunar month, 1 to 29 or 30.
    pub day: u32,
    /// `true` for the leap month (tháng nhuận) numbered `month`.
    pub leap: bool,
}

impl LunarDate {
    /// A validated lunar date: `None` if the month or day does not exist in that lunar year
    /// (e.g. day 30 of a 29-day month, or `leap = true` for a month that is not the leap
    /// month) or if the date lies outside the supported range.
    pub fn new(year: i32, month: u32, day: u32, leap: bool) -> Option<LunarDate> {
        lunar_to_solar(year, month, day, leap).map(|_| LunarDate { year, month, day, leap })
    }

    /// The lunar date of a solar date; same as [`solar_to_lunar`].
    pub fn from_solar(date: NaiveDate) -> Option<LunarDate> {
        solar_to_lunar(date)
    }

    /// The solar date of this lunar date; same as [`lunar_to_solar`].
    pub fn to_solar(&self) -> Option<NaiveDate> {
        lunar_to_solar(self.year, self.month, self.day, self.leap)
    }
}

/// Converts a Vietnamese lunar date to the solar (Gregorian) date.
///
/// Returns `None` for a date that does not exist (month not in 1–12, day beyond the length
/// of the month, `leap` for a month that is not that year's leap month) or whose solar date
/// lies outside 1900-01-01 – 2200-12-31.
pub fn lunar_to_solar(year: i32, month: u32, day: u32, leap: bool) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let (start, len) = month_bounds(year, month, leap)?;
    if i64::from(day) > len {
        return None;
    }
    let date = from_jdn(start + i64::from(day) - 1)?;
    in_supported_range(date).then_some(date)
}

/// Converts a solar (Gregorian) date to the Vietnamese lunar date.
///
/// Returns `None` outside 1900-01-01 – 2200-12-31.
pub fn solar_to_lunar(date: NaiveDate) -> Option<LunarDate> {
    if !in_supported_range(date) {
        return None;
    }
    let day_number = jdn(date);
    let mut cycle = Cycle::compute(date.year());
    if day_number < cycle.starts[0] {
        cycle = Cycle::compute(date.year() - 1);
    }
    let i = (0..cycle.len).find(|&i| day_number < cycle.starts[i + 1])?;
    let (month, leap) = cycle.labels[i];
    let month = u32::from(month);
    // Months 11 and 12 open the cycle and belong to the lunar year named after the cycle's
    // solar year; months 1–10 belong to the next lunar year.
    let year = if month >= 11 { cycle.solar_year } else { cycle.solar_year + 1 };
    let day = u32::try_from(day_number - cycle.starts[i] + 1).ok()?;
    Some(LunarDate { year, month, day, leap })
}

/// Tết Nguyên đán: the solar date of the 1st day of the 1st month of lunar year `year`
/// (the anchor of the Tết holidays, Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b;
/// docs/domain.md §2.2/§2.4). `None` outside the supported range.
pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(year, 1, 1, false)
}

/// The leap month (tháng nhuận) of lunar year `year`, if it has one.
///
/// Returns `None` both when the year has no leap month and when it is outside the supported
/// range (check the range with [`tet`] if the difference matters).
pub fn leap_month(year: i32) -> Option<u32> {
    tet(year)?; // range check
                // Leap months 1–10 lie in the cycle from the previous solar year's month 11, leap
                // months 11–12 in the cycle of this solar year.
    let find = |cycle: Cycle, wanted: fn(u8) -> bool| {
        cycle.labels[..cycle.len].iter().find(|&&(m, leap)| leap && wanted(m)).map(|&(m, _)| u32::from(m))
    };
    find(Cycle::compute(year - 1), |m| m <= 10).or_else(|| find(Cycle::compute(year), |m| m >= 11))
}

/// Number of days (29 or 30) of lunar month `month` (leap month if `leap`) of lunar year
/// `year`; `None` if that month does not exist or is out of range.
pub fn month_length(year: i32, month: u32, leap: bool) -> Option<u32> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let (start, len) = month_bounds(year, month, leap)?;
    // The month must start inside the supported range.
    in_supported_range(from_jdn(start)?).then_some(())?;
    u32::try_from(len).ok()
}

// ---------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------

fn in_supported_range(date: NaiveDate) -> bool {
    date >= min_supported_date() && date <= max_supported_date()
}

/// Julian day number of a solar date.
fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_MINUS_CE
}

fn from_jdn(day_number: i64) -> Option<NaiveDate> {
    let ce = i32::try_from(day_number - JDN_MINUS_CE).ok()?;
    NaiveDate::from_num_days_from_ce_opt(ce)
}

/// Julian day number of 31 December of `year` (pure arithmetic, no range limit within i32).
fn jdn_dec31(year: i32) -> i64 {
    // Standard Gregorian formula with month = 12, day = 31 (a = 0 for December).
    let y = i64::from(year) + 4800;
    let m = 12 - 3;
    31 + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) - 32045
}

/// Julian day (UT, fractional) of the `k`-th new moon after the one of 1900-01-01
/// (Meeus, *Astronomical Formulae for Calculators*, as used by Hồ Ngọc Đức).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85; // Julian centuries from 1900 January 0.5
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin(); // mean new moon
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3; // sun's mean anomaly
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3; // moon's mean anomaly
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3; // moon's argument of latitude
    let s = |deg: f64| (deg * dr).sin();
    let c1 = (0.1734 - 0.000_393 * t) * s(m) + 0.0021 * s(2.0 * m) - 0.4068 * s(mpr) + 0.0161 * s(2.0 * mpr) - 0.0004 * s(3.0 * mpr)
        + 0.0104 * s(2.0 * f)
        - 0.0051 * s(m + mpr)
        - 0.0074 * s(m - mpr)
        + 0.0004 * s(2.0 * f + m)
        - 0.0004 * s(2.0 * f - m)
        - 0.0006 * s(2.0 * f + mpr)
        + 0.0010 * s(2.0 * f - mpr)
        + 0.0005 * s(2.0 * mpr + m);
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// Longitude of the sun (mean equinox of date, without nutation and aberration), in
/// radians in [0, 2π), at Julian day `jd` (UT) (Meeus, *Astronomical Algorithms*, ch. 25,
/// low precision).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0; // Julian centuries from J2000.0
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2; // mean anomaly
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2; // mean longitude
    let dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin()
        + (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin()
        + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Local (UTC+7) day number on which the `k`-th new moon falls.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i64
}

/// Which 30° sector (0–11) the sun is in at the start (local midnight, UTC+7) of day
/// `day_number`. A month whose start and end lie in the same sector has no major term.
fn sun_sector(day_number: i64) -> i64 {
    let jd = day_number as f64 - 0.5 - TIME_ZONE_HOURS / 24.0;
    (sun_longitude(jd) / PI * 6.0).floor() as i64
}

/// Day number of the first day of the lunar month 11 that contains the winter solstice of
/// solar year `year`.
fn month11_start(year: i32) -> i64 {
    let off = jdn_dec31(year) - 2_415_021;
    let k = (off as f64 / SYNODIC_MONTH).floor() as i64;
    let nm = new_moon_day(k);
    // If the sun is already past 270° at that new moon, the solstice is in the month before.
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// The months from the month 11 of solar year `solar_year` (inclusive) to the month 11 of
/// the next solar year (exclusive): 12 months, or 13 with one leap month.
struct Cycle {
    solar_year: i32,
    /// Day numbers of the first day of each month; `starts[len]` is the next month 11.
    starts: [i64; 14],
    /// (month number, is leap) of each month.
    labels: [(u8, bool); 13],
    len: usize,
}

impl Cycle {
    fn compute(solar_year: i32) -> Cycle {
        let a11 = month11_start(solar_year);
        let b11 = month11_start(solar_year + 1);
        let k = ((a11 as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5).floor() as i64;
        let len = if b11 - a11 > 365 { 13 } else { 12 };
        let mut starts = [0i64; 14];
        for (i, s) in starts.iter_mut().enumerate().take(len + 1) {
            *s = new_moon_day(k + i as i64);
        }
        // Leap month: the first month after month 11 without a major term, i.e. whose start
        // and next start lie in the same sun sector.
        let leap_offset = if len == 13 { (1..len).find(|&i| sun_sector(starts[i]) == sun_sector(starts[i + 1])) } else { None };
        let mut labels = [(0u8, false); 13];
        let mut month = 11u8;
        labels[0] = (11, false);
        for (i, label) in labels.iter_mut().enumerate().take(len).skip(1) {
            if Some(i) == leap_offset {
                *label = (month, true);
            } else {
                month = if month == 12 { 1 } else { month + 1 };
                *label = (month, false);
            }
        }
        Cycle { solar_year, starts, labels, len }
    }
}

/// First day number and length (days) of a lunar month, without range checks on the result.
fn month_bounds(year: i32, month: u32, leap: bool) -> Option<(i64, i64)> {
    // Generous guard so the astronomy is never asked about absurd years.
    if !(1898..=2201).contains(&year) {
        return None;
    }
    let month = u8::try_from(month).ok()?;
    let cycle = Cycle::compute(if month >= 11 { year } else { year - 1 });
    let i = (0..cycle.len).find(|&i| cycle.labels[i] == (month, leap))?;
    Some((cycle.starts[i], cycle.starts[i + 1] - cycle.starts[i]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Tết (1 tháng Giêng) in Viet Nam. Every date here is a published Vietnamese Tết date
    /// and agrees with the algorithm (UTC+7). 1968 (29/01 in the North, which had moved to
    /// UTC+7, vs 30/01 at UTC+8), 1985 (21/01 vs China's 20/02) and 2007 (17/02 vs China's
    /// 18/02) are classic years in which the Vietnamese and Chinese calendars differ; 2030
    /// is another (see below).
    const TET: &[(i32, u32, u32)] = &[
        (1968, 1, 29),
        (1985, 1, 21),
        (2007, 2, 17),
        (2015, 2, 19),
        (2016, 2, 8),
        (2017, 1, 28),
        (2018, 2, 16),
        (2019, 2, 5),
        (2020, 1, 25),
        (2021, 2, 12),
        (2022, 2, 1),
        (2023, 1, 22),
        (2024, 2, 10),
        (2025, 1, 29),
        (2026, 2, 17),
        (2027, 2, 6),
        (2028, 1, 26),
        (2029, 2, 13),
        // Not 03/02 (the Chinese date, quoted in some lists): the new moon is at 16:07 UT
        // on 02/02/2030, i.e. 23:07 at UTC+7 but 00:07 on 03/02 at UTC+8 (checked against
        // a modern ephemeris), so Tết Canh Tuất is Saturday 02/02/2030 in Viet Nam.
        (2030, 2, 2),
    ];

    #[test]
    fn tet_known_years() {
        for &(y, m, d) in TET {
            assert_eq!(tet(y), Some(ymd(y, m, d)), "Tết {y}");
            assert_eq!(solar_to_lunar(ymd(y, m, d)), Some(LunarDate { year: y, month: 1, day: 1, leap: false }));
        }
    }

    /// Giỗ Tổ Hùng Vương, 10/3 âm lịch, as published for each year.
    #[test]
    fn gio_to_known_years() {
        let known = [
            (2020, ymd(2020, 4, 2)),
            (2021, ymd(2021, 4, 21)),
            (2022, ymd(2022, 4, 10)),
            (2023, ymd(2023, 4, 29)),
            (2024, ymd(2024, 4, 18)),
            (2025, ymd(2025, 4, 7)),
            (2026, ymd(2026, 4, 26)),
        ];
        for (y, date) in known {
            assert_eq!(lunar_to_solar(y, 3, 10, false), Some(date), "Giỗ Tổ {y}");
        }
    }

    #[test]
    fn leap_month_agrees_with_month_bounds() {
        for y in 1900..=2199 {
            let slow = (1..=12).find(|&m| month_bounds(y, m, true).is_some());
            assert_eq!(leap_month(y), slow, "{y}");
        }
    }

    #[test]
    fn known_leap_months() {
        // 2020: tháng 4 nhuận; 2023: tháng 2 nhuận; 2025: tháng 6 nhuận; 2024, 2026: none.
        assert_eq!(leap_month(2020), Some(4));
        assert_eq!(leap_month(2023), Some(2));
        assert_eq!(leap_month(2025), Some(6));
        assert_eq!(leap_month(2024), None);
        assert_eq!(leap_month(2026), None);
        // The leap month follows the ordinary month of the same number.
        let (s, l) = month_bounds(2023, 2, false).unwrap();
        let (s2, _) = month_bounds(2023, 2, true).unwrap();
        assert_eq!(s + l, s2);
    }

    #[test]
    fn invalid_dates_are_rejected() {
        assert_eq!(lunar_to_solar(2024, 0, 1, false), None);
        assert_eq!(lunar_to_solar(2024, 13, 1, false), None);
        assert_eq!(lunar_to_solar(2024, 1, 0, false), None);
        assert_eq!(lunar_to_solar(2024, 1, 31, false), None);
        assert_eq!(lunar_to_solar(2024, 4, 1, true), None); // 2024 has no leap month
        assert_eq!(lunar_to_solar(2020, 5, 1, true), None); // 2020's leap month is 4
        assert!(lunar_to_solar(2020, 4, 1, true).is_some());
        assert_eq!(lunar_to_solar(1800, 1, 1, false), None);
        assert_eq!(lunar_to_solar(2300, 1, 1, false), None);
        assert_eq!(lunar_to_solar(i32::MAX, 1, 1, false), None);
        assert_eq!(lunar_to_solar(i32::MIN, 12, 1, false), None);
        assert_eq!(solar_to_lunar(ymd(1899, 12, 31)), None);
        assert_eq!(solar_to_lunar(ymd(2201, 1, 1)), None);
        assert_eq!(solar_to_lunar(NaiveDate::MAX), None);
        assert_eq!(solar_to_lunar(NaiveDate::MIN), None);
        // A 29-day month has no day 30.
        for y in 2000..2030 {
            for m in 1..=12 {
                if month_length(y, m, false) == Some(29) {
                    assert_eq!(lunar_to_solar(y, m, 30, false), None);
                }
            }
        }
    }

    /// Internal consistency over the whole range: month 11 is where the cycle says, the
    /// cycle ends where the next one starts, months have 29–30 days, a 13-month cycle has a
    /// leap month.
    #[test]
    fn cycles_are_consistent() {
        for y in 1898..=2200 {
            let c = Cycle::compute(y);
            assert_eq!(c.starts[0], month11_start(y), "{y}");
            assert_eq!(c.starts[c.len], month11_start(y + 1), "{y}");
            for i in 0..c.len {
                let len = c.starts[i + 1] - c.starts[i];
                assert!(len == 29 || len == 30, "{y} month {i}: {len}");
            }
            assert_eq!(c.len == 13, c.labels.iter().any(|l| l.1), "{y}");
            assert_eq!(c.labels[c.len - 1].0, 10, "{y}"); // may be a leap 10th month (2165)
        }
    }

    /// Lunar → solar → lunar for the 1st (and last) day of every month of 1900–2199,
    /// and solar dates of consecutive lunar days are consecutive.
    #[test]
    fn round_trip_every_month_1900_2199() {
        let mut prev_last: Option<NaiveDate> = None;
        for y in 1900..=2199 {
            for m in 1..=12u32 {
                for leap in [false, true] {
                    let Some(first) = lunar_to_solar(y, m, 1, leap) else {
                        assert!(leap, "{y}/{m} must exist");
                        continue;
                    };
                    let lunar = LunarDate { year: y, month: m, day: 1, leap };
                    assert_eq!(solar_to_lunar(first), Some(lunar));
                    if let Some(p) = prev_last {
                        assert_eq!(p.succ_opt(), Some(first), "{lunar:?}");
                    }
                    let len = month_length(y, m, leap).unwrap();
                    let last = lunar_to_solar(y, m, len, leap).unwrap();
                    assert_eq!(solar_to_lunar(last), Some(LunarDate { year: y, month: m, day: len, leap }));
                    prev_last = Some(last);
                }
            }
        }
    }

    proptest! {
        /// Property (d): lunar → solar → lunar is the identity, and so is solar → lunar → solar.
        #[test]
        fn prop_round_trip(offset in 0u64..110_000) {
            let date = min_supported_date() + chrono::Days::new(offset);
            prop_assume!(date <= max_supported_date());
            let lunar = solar_to_lunar(date).unwrap();
            prop_assert_eq!(lunar.to_solar(), Some(date));
            prop_assert_eq!(LunarDate::new(lunar.year, lunar.month, lunar.day, lunar.leap), Some(lunar));
        }

        #[test]
        fn prop_lunar_round_trip(y in 1900i32..=2199, m in 1u32..=12, d in 1u32..=30, leap: bool) {
            if let Some(solar) = lunar_to_solar(y, m, d, leap) {
                prop_assert_eq!(solar_to_lunar(solar), Some(LunarDate { year: y, month: m, day: d, leap }));
            }
        }
    }
}
