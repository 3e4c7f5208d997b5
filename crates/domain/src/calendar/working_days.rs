//! [`WorkingCalendar`]: working-day arithmetic for legal deadlines
//! (docs/domain.md §2.2 last line, §2.4; holidays per Bộ luật Lao động 2019, Điều 111–112).

use super::holidays::{statutory_holidays, Holiday, HolidayKind};
use super::CalendarSettings;
use chrono::{Datelike, Days, NaiveDate};
use std::fmt;
use std::sync::Arc;

/// First year of the precomputed table of [`WorkingCalendar::new`].
pub const DEFAULT_TABLE_FIRST_YEAR: i32 = 2000;
/// Last year of the precomputed table of [`WorkingCalendar::new`].
pub const DEFAULT_TABLE_LAST_YEAR: i32 = 2060;

/// The working-day calendar used to compute legal deadlines (docs/domain.md §2.2 last line,
/// §2.4): working days are Monday–Friday, minus the statutory holidays and compensatory
/// days of [`statutory_holidays`] (Bộ luật Lao động 2019, Điều 111 khoản 3, Điều 112),
/// adjusted by the ward's [`CalendarSettings`].
///
/// At construction it precomputes, for a range of whole years (by default
/// 2000–2060), the prefix counts of working days and the list of working days, so that
/// [`is_working_day`](Self::is_working_day), [`add_working_days`](Self::add_working_days)
/// and [`working_days_between`](Self::working_days_between) are O(1) inside the table.
/// Outside it they fall back to a correct year-by-year scan (one year's holidays at a
/// time), costing O(number of years crossed).
///
/// Cloning is cheap (an `Arc`); the calendar is immutable, `Send` and `Sync`.
#[derive(Clone)]
pub struct WorkingCalendar {
    inner: Arc<Inner>,
}

struct Inner {
    /// The settings as given (returned by [`WorkingCalendar::settings`]).
    settings: CalendarSettings,
    /// `settings.extra_days_off`, sorted and deduplicated.
    extra_days_off: Vec<NaiveDate>,
    /// `settings.extra_working_days`, sorted and deduplicated.
    extra_working_days: Vec<NaiveDate>,
    table: Option<Table>,
}

/// Precomputed working days for the whole years `first_year..=last_year`.
struct Table {
    first_year: i32,
    last_year: i32,
    /// Days-from-CE number of 1 January of `first_year` (day index 0).
    first_ce: i32,
    /// Days-from-CE number of 31 December of `last_year`.
    last_ce: i32,
    /// `prefix[i]` = number of working days among day indices `0..i`; `len + 1` entries.
    prefix: Vec<u32>,
    /// Day indices of the working days, ascending.
    working: Vec<u32>,
}

impl Table {
    /// Number of working days from the table's first day through the day `ce`
    /// (`first_ce - 1 <= ce <= last_ce`).
    fn through(&self, ce: i32) -> u32 {
        let i = usize::try_from(i64::from(ce) - i64::from(self.first_ce) + 1).unwrap_or(0);
        self.prefix.get(i).copied().unwrap_or(0)
    }

    /// Whether the day after `ce` lies in the table.
    fn holds_day_after(&self, ce: i32) -> bool {
        ce >= self.first_ce - 1 && ce < self.last_ce
    }
}

/// The working days of one solar year, one bit per day (bit `ordinal0`).
struct YearMask {
    jan1: NaiveDate,
    dec31: NaiveDate,
    days: u32,
    bits: [u64; 6],
}

impl YearMask {
    fn set(&mut self, pos: u32, on: bool) {
        if pos < self.days {
            let (w, b) = ((pos / 64) as usize, pos % 64);
            if on {
                self.bits[w] |= 1 << b;
            } else {
                self.bits[w] &= !(1 << b);
            }
        }
    }

    fn get(&self, pos: u32) -> bool {
        pos < self.days && self.bits[(pos / 64) as usize] & (1 << (pos % 64)) != 0
    }

    /// Number of working days at positions `lo..hi`.
    fn count(&self, lo: u32, hi: u32) -> u32 {
        let hi = hi.min(self.days);
        let mut total = 0;
        let mut p = lo;
        while p < hi {
            let (w, b) = ((p / 64) as usize, p % 64);
            let end = hi.min((p / 64 + 1) * 64);
            let width = end - p;
            let mask = if width == 64 { u64::MAX } else { ((1u64 << width) - 1) << b };
            total += (self.bits[w] & mask).count_ones();
            p = end;
        }
        total
    }

    /// Position of the `r`-th (1-based) working day at a position `>= lo`.
    fn select(&self, lo: u32, mut r: u32) -> Option<u32> {
        let mut w = (lo / 64) as usize;
        let mut word = self.bits.get(w)? & (u64::MAX << (lo % 64));
        loop {
            let ones = word.count_ones();
            if r <= ones && r > 0 {
                for _ in 1..r {
                    word &= word - 1; // drop the lowest set bit
                }
                let pos = w as u32 * 64 + word.trailing_zeros();
                return (pos < self.days).then_some(pos);
            }
            r -= ones;
            w += 1;
            word = *self.bits.get(w)?;
        }
    }
}

impl WorkingCalendar {
    /// Builds the calendar from the ward's settings, with the table for
    /// [`DEFAULT_TABLE_FIRST_YEAR`]..=[`DEFAULT_TABLE_LAST_YEAR`] (2000–2060).
    ///
    /// Takes about 1 ms in an optimised native build (≈ 2.5 ms unoptimised) — 61 years of
    /// holidays including the lunar computations — and ≈ 150 KB of memory.
    pub fn new(settings: &CalendarSettings) -> WorkingCalendar {
        WorkingCalendar::with_table_years(settings, DEFAULT_TABLE_FIRST_YEAR, DEFAULT_TABLE_LAST_YEAR)
    }

    /// Like [`new`](Self::new) with the table covering the whole years
    /// `first_year..=last_year`. If `first_year > last_year`, or the span exceeds 1 000
    /// years or the range of `chrono::NaiveDate`, no table is built and every query uses
    /// the (correct, slower) year-by-year computation. The results never depend on the
    /// table range, only the speed does.
    pub fn with_table_years(settings: &CalendarSettings, first_year: i32, last_year: i32) -> WorkingCalendar {
        let mut extra_days_off = settings.extra_days_off.clone();
        crate::order::sort(&mut extra_days_off);
        extra_days_off.dedup();
        let mut extra_working_days = settings.extra_working_days.clone();
        crate::order::sort(&mut extra_working_days);
        extra_working_days.dedup();
        let mut inner = Inner { settings: settings.clone(), extra_days_off, extra_working_days, table: None };
        let span_ok = first_year <= last_year && i64::from(last_year) - i64::from(first_year) < 1000;
        if span_ok {
            inner.table = build_table(&inner, first_year, last_year);
        }
        WorkingCalendar { inner: Arc::new(inner) }
    }

    /// The settings this calendar was built from.
    pub fn settings(&self) -> &CalendarSettings {
        &self.inner.settings
    }

    /// The years covered by the precomputed table, if any (default `(2000, 2060)`).
    pub fn table_years(&self) -> Option<(i32, i32)> {
        self.inner.table.as_ref().map(|t| (t.first_year, t.last_year))
    }

    /// Whether `date` is a working day (docs/domain.md §2.2 last line): an
    /// `extra_working_days` entry always is; an `extra_days_off` entry never is; otherwise
    /// Monday–Friday that is neither a statutory holiday nor a compensatory day
    /// (Bộ luật Lao động 2019, Điều 111 khoản 3, Điều 112).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        let ce = date.num_days_from_ce();
        if let Some(t) = &self.inner.table {
            if ce >= t.first_ce && ce <= t.last_ce {
                return t.through(ce) > t.through(ce - 1);
            }
        }
        self.inner.year_mask(date.year()).is_some_and(|m| m.get(date.ordinal0()))
    }

    /// The deadline "within `n` working days of `start`" (docs/domain.md §2.2, §2.4): the `n`-th
    /// working day strictly after `start`. `start` itself is never counted, whether or not
    /// it is a working day; `n = 0` returns `start` unchanged. For `n >= 1` the result is
    /// always a working day.
    ///
    /// Example: 45 working days after Thursday 15/01/2026 is Thursday 26/03/2026 (it would
    /// be 19/03 without the Tết 2026 holidays 16–20/02).
    ///
    /// Saturates at `NaiveDate::MAX` if the deadline is beyond chrono's range (only
    /// possible for absurd inputs); use [`checked_add_working_days`](Self::checked_add_working_days)
    /// to detect that.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        self.checked_add_working_days(start, n).unwrap_or(NaiveDate::MAX)
    }

    /// Like [`add_working_days`](Self::add_working_days), but `None` if the deadline lies
    /// beyond the range of `chrono::NaiveDate`.
    ///
    /// O(1) when `start` and the result lie in the table; otherwise O(years crossed
    /// outside the table).
    pub fn checked_add_working_days(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        if n == 0 {
            return Some(start);
        }
        let mut cur = start;
        let mut rem = u64::from(n);
        loop {
            let ce = cur.num_days_from_ce();
            if let Some(t) = self.inner.table.as_ref().filter(|t| t.holds_day_after(ce)) {
                let done = u64::from(t.through(ce));
                let total = t.working.len() as u64;
                if done + rem <= total {
                    let idx = usize::try_from(done + rem - 1).ok()?;
                    let offset = i32::try_from(*t.working.get(idx)?).ok()?;
                    return NaiveDate::from_num_days_from_ce_opt(t.first_ce + offset);
                }
                rem -= total - done;
                cur = NaiveDate::from_num_days_from_ce_opt(t.last_ce)?;
                continue;
            }
            let next = cur.succ_opt()?;
            let mask = self.inner.year_mask(next.year())?;
            let lo = next.ordinal0();
            let available = u64::from(mask.count(lo, mask.days));
            if rem <= available {
                let pos = mask.select(lo, u32::try_from(rem).ok()?)?;
                return mask.jan1.checked_add_days(Days::new(u64::from(pos)));
            }
            rem -= available;
            cur = mask.dec31;
        }
    }

    /// The first working day strictly after `date` (e.g. the day a compensatory rest
    /// ends); same as `add_working_days(date, 1)` (docs/domain.md §2.2/§2.4).
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        self.add_working_days(date, 1)
    }

    /// Number of working days in the half-open interval `(a, b]`, i.e. counted the legal
    /// way: `a` itself excluded, `b` included (docs/domain.md §2.2/§2.4). So
    /// `working_days_between(d, add_working_days(d, n)) == n`.
    ///
    /// Returns 0 when `a == b`, and when `b < a` the negative of the count in `(b, a]`
    /// (so the function is antisymmetric and additive:
    /// `between(a, b) + between(b, c) == between(a, c)`). A deadline is overdue on `today`
    /// when `working_days_between(start, today) > n`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        match a.cmp(&b) {
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => -self.count_after(b, a),
            std::cmp::Ordering::Less => self.count_after(a, b),
        }
    }

    /// The days off of solar year `year` under this calendar, sorted by date, for display
    /// (docs/domain.md §2.2/§2.4): the statutory holidays and compensatory days of
    /// [`statutory_holidays`] that the settings do not turn into working days, plus the
    /// settings' `extra_days_off` (kind [`HolidayKind::ExtraDayOff`]) not already listed.
    /// Holidays falling on a Saturday or Sunday are listed too.
    pub fn holidays_in_year(&self, year: i32) -> Vec<Holiday> {
        let inner = &self.inner;
        let mut list: Vec<Holiday> =
            statutory_holidays(year).into_iter().filter(|h| inner.extra_working_days.binary_search(&h.date).is_err()).collect();
        for &d in in_year(&inner.extra_days_off, year) {
            let overridden = inner.extra_working_days.binary_search(&d).is_ok();
            if !overridden && !list.iter().any(|h| h.date == d) {
                list.push(Holiday {
                    date: d,
                    kind: HolidayKind::ExtraDayOff,
                    name: HolidayKind::ExtraDayOff.name_vi().to_string(),
                    compensates_for: None,
                });
            }
        }
        crate::order::sort_by_key(&mut list, |h| (h.date, h.kind));
        list
    }

    /// Working days in `(a, b]` for `a < b`.
    fn count_after(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let b_ce = b.num_days_from_ce();
        let mut cur = a;
        let mut total = 0i64;
        while cur < b {
            let ce = cur.num_days_from_ce();
            if let Some(t) = self.inner.table.as_ref().filter(|t| t.holds_day_after(ce)) {
                let end = b_ce.min(t.last_ce);
                total += i64::from(t.through(end)) - i64::from(t.through(ce));
                match NaiveDate::from_num_days_from_ce_opt(end) {
                    Some(d) => cur = d,
                    None => break,
                }
                continue;
            }
            let Some(next) = cur.succ_opt() else { break };
            let Some(mask) = self.inner.year_mask(next.year()) else {
                break;
            };
            let end = b.min(mask.dec31);
            total += i64::from(mask.count(next.ordinal0(), end.ordinal0() + 1));
            cur = end;
        }
        total
    }
}

impl Inner {
    /// The working days of solar year `year`, settings applied. `None` only outside
    /// chrono's date range.
    fn year_mask(&self, year: i32) -> Option<YearMask> {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let dec31 = NaiveDate::from_ymd_opt(year, 12, 31)?;
        let days = dec31.ordinal();
        let mut mask = YearMask { jan1, dec31, days, bits: [0; 6] };
        let w0 = jan1.weekday().num_days_from_monday();
        for pos in 0..days {
            mask.set(pos, (w0 + pos) % 7 < 5);
        }
        for h in statutory_holidays(year) {
            if h.date.year() == year {
                mask.set(h.date.ordinal0(), false);
            }
        }
        for d in in_year(&self.extra_days_off, year) {
            mask.set(d.ordinal0(), false);
        }
        for d in in_year(&self.extra_working_days, year) {
            mask.set(d.ordinal0(), true);
        }
        Some(mask)
    }
}

/// The sub-slice of a sorted date list that falls in solar year `year`.
fn in_year(sorted: &[NaiveDate], year: i32) -> &[NaiveDate] {
    let lo = sorted.partition_point(|d| d.year() < year);
    let hi = sorted.partition_point(|d| d.year() <= year);
    sorted.get(lo..hi).unwrap_or(&[])
}

fn build_table(inner: &Inner, first_year: i32, last_year: i32) -> Option<Table> {
    let first_ce = NaiveDate::from_ymd_opt(first_year, 1, 1)?.num_days_from_ce();
    let last_ce = NaiveDate::from_ymd_opt(last_year, 12, 31)?.num_days_from_ce();
    let len = usize::try_from(last_ce - first_ce + 1).ok()?;
    let mut prefix = Vec::with_capacity(len + 1);
    let mut working = Vec::with_capacity(len * 5 / 7 + 1);
    prefix.push(0u32);
    let mut index = 0u32;
    for year in first_year..=last_year {
        let mask = inner.year_mask(year)?;
        for pos in 0..mask.days {
            if mask.get(pos) {
                working.push(index);
            }
            prefix.push(u32::try_from(working.len()).ok()?);
            index += 1;
        }
    }
    Some(Table { first_year, last_year, first_ce, last_ce, prefix, working })
}

impl Default for WorkingCalendar {
    /// The statutory calendar without adjustments (`CalendarSettings::default()`).
    fn default() -> Self {
        WorkingCalendar::new(&CalendarSettings::default())
    }
}

impl PartialEq for WorkingCalendar {
    /// Two calendars are equal when they give the same answers: same (normalised) settings.
    /// The table range only affects speed and is ignored.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
            || (self.inner.extra_days_off == other.inner.extra_days_off && self.inner.extra_working_days == other.inner.extra_working_days)
    }
}

impl Eq for WorkingCalendar {}

impl fmt::Debug for WorkingCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkingCalendar").field("settings", &self.inner.settings).field("table_years", &self.table_years()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::holidays::is_weekend;
    use super::*;
    use proptest::prelude::*;
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;
    use std::time::Instant;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn default_cal() -> &'static WorkingCalendar {
        static CAL: OnceLock<WorkingCalendar> = OnceLock::new();
        CAL.get_or_init(WorkingCalendar::default)
    }

    fn no_table_cal() -> &'static WorkingCalendar {
        static CAL: OnceLock<WorkingCalendar> = OnceLock::new();
        CAL.get_or_init(|| WorkingCalendar::with_table_years(&CalendarSettings::default(), 1, 0))
    }

    /// Reference implementation, straight from the rules, one day at a time.
    struct Reference {
        settings: CalendarSettings,
        holidays: HashMap<i32, HashSet<NaiveDate>>,
    }

    impl Reference {
        fn new(settings: &CalendarSettings) -> Self {
            Reference { settings: settings.clone(), holidays: HashMap::new() }
        }

        fn is_working(&mut self, d: NaiveDate) -> bool {
            if self.settings.extra_working_days.contains(&d) {
                return true;
            }
            if self.settings.extra_days_off.contains(&d) || is_weekend(d) {
                return false;
            }
            let h = self.holidays.entry(d.year()).or_insert_with(|| statutory_holidays(d.year()).into_iter().map(|h| h.date).collect());
            !h.contains(&d)
        }

        fn add(&mut self, start: NaiveDate, n: u32) -> NaiveDate {
            let mut d = start;
            let mut left = n;
            while left > 0 {
                d = d.succ_opt().unwrap();
                if self.is_working(d) {
                    left -= 1;
                }
            }
            d
        }

        fn between(&mut self, a: NaiveDate, b: NaiveDate) -> i64 {
            if b < a {
                return -self.between(b, a);
            }
            let mut n = 0;
            let mut d = a;
            while d < b {
                d = d.succ_opt().unwrap();
                n += i64::from(self.is_working(d));
            }
            n
        }
    }

    #[test]
    fn send_sync_clone() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<WorkingCalendar>();
        let c = default_cal().clone();
        assert_eq!(&c, default_cal());
        assert_eq!(c.table_years(), Some((2000, 2060)));
    }

    #[test]
    fn construction_time() {
        let t = Instant::now();
        let cal = WorkingCalendar::new(&CalendarSettings::default());
        let elapsed = t.elapsed();
        println!("WorkingCalendar::new (2000–2060 table): {elapsed:?}");
        assert!(cal.is_working_day(ymd(2026, 3, 2)));
        // Generous bound: unoptimised test builds on a slow CI machine.
        assert!(elapsed.as_millis() < 500, "construction took {elapsed:?}");
    }

    #[test]
    fn performance_100k_deadlines() {
        let cal = default_cal();
        let base = ymd(2018, 1, 1);
        let t = Instant::now();
        let mut acc = 0i64;
        for i in 0..100_000u32 {
            let start = base + Days::new(u64::from(i % 3000));
            let d = cal.add_working_days(start, 5 + i % 90);
            acc += i64::from(d.num_days_from_ce());
        }
        let elapsed = t.elapsed();
        println!("100 000 add_working_days in the table: {elapsed:?} (checksum {acc})");
        let t = Instant::now();
        let mut acc2 = 0i64;
        for i in 0..100_000u32 {
            let a = base + Days::new(u64::from(i % 3000));
            let b = a + Days::new(u64::from(i % 120));
            acc2 += cal.working_days_between(a, b);
        }
        println!("100 000 working_days_between in the table: {:?} (checksum {acc2})", t.elapsed());
        // Outside the table (2070): one year's holidays are recomputed per call.
        let t = Instant::now();
        let far = ymd(2070, 3, 2);
        for i in 0..1_000u32 {
            acc += i64::from(cal.add_working_days(far, 1 + i % 90).num_days_from_ce());
        }
        println!("1 000 add_working_days outside the table: {:?} ({acc})", t.elapsed());
        // Unoptimised builds are ~5x slower than release; still far below this bound.
        assert!(elapsed.as_millis() < 1000, "{elapsed:?}");
    }

    #[test]
    fn working_days_default_calendar() {
        let cal = default_cal();
        assert!(cal.is_working_day(ymd(2026, 2, 13))); // Friday before Tết
        for d in 14..=22 {
            assert!(!cal.is_working_day(ymd(2026, 2, d)), "{d}/02/2026"); // weekend + Tết
        }
        assert!(cal.is_working_day(ymd(2026, 2, 23)));
        assert!(!cal.is_working_day(ymd(2026, 4, 27))); // nghỉ bù Giỗ Tổ
        assert!(!cal.is_working_day(ymd(2026, 4, 30)));
        assert!(!cal.is_working_day(ymd(2026, 5, 1)));
        assert!(!cal.is_working_day(ymd(2026, 9, 1)));
        assert!(!cal.is_working_day(ymd(2026, 9, 2)));
        assert!(cal.is_working_day(ymd(2026, 9, 3)));
        assert!(!cal.is_working_day(ymd(2025, 2, 3))); // nghỉ bù for Sat 01/02/2025 (Tết)
                                                       // Outside the table the same rules hold.
        assert!(!cal.is_working_day(ymd(2100, 1, 1)));
        assert!(!cal.is_working_day(ymd(1999, 9, 2)));
        assert!(!cal.is_working_day(NaiveDate::MAX) || NaiveDate::MAX.weekday().num_days_from_monday() < 5);
    }

    #[test]
    fn add_working_days_across_tet_2026() {
        let cal = default_cal();
        // Start Thursday 15/01/2026, n = 45, counted by hand (start not counted):
        //   Fri 16/01                         →  1
        //   19–23/01, 26–30/01                →  2–11
        //   02–06/02, 09–13/02                → 12–21
        //   16–20/02 Tết (29 Tết .. mùng 4)   →  —
        //   23–27/02                          → 22–26
        //   02–06/03, 09–13/03, 16–20/03      → 27–41
        //   23, 24, 25, 26/03                 → 42–45
        // ⇒ Thursday 26/03/2026 (19/03 without the five Tết days).
        assert_eq!(cal.add_working_days(ymd(2026, 1, 15), 45), ymd(2026, 3, 26));
        assert_eq!(cal.working_days_between(ymd(2026, 1, 15), ymd(2026, 3, 26)), 45);
        // 5 working days after Friday 13/02/2026 (send the dossier up, R-HN): Mon 23 .. Fri 27/02.
        assert_eq!(cal.add_working_days(ymd(2026, 2, 13), 5), ymd(2026, 2, 27));
        // Start on a holiday (mùng 1): counting starts the next working day, Mon 23/02.
        assert_eq!(cal.add_working_days(ymd(2026, 2, 17), 1), ymd(2026, 2, 23));
        // 30 working days after Monday 20/04/2026, by hand:
        //   21–24/04 → 1–4; 27/04 nghỉ bù Giỗ Tổ; 28, 29/04 → 5, 6; 30/04, 01/05 holidays;
        //   04–08/05 → 7–11; 11–15/05 → 12–16; 18–22/05 → 17–21; 25–29/05 → 22–26;
        //   01–04/06 → 27–30  ⇒ Thursday 04/06/2026.
        assert_eq!(cal.add_working_days(ymd(2026, 4, 20), 30), ymd(2026, 6, 4));
    }

    #[test]
    fn zero_and_negative_handling() {
        let cal = default_cal();
        let sat = ymd(2026, 3, 7);
        assert_eq!(cal.add_working_days(sat, 0), sat); // n = 0: unchanged even on a Saturday
        assert_eq!(cal.next_working_day(sat), ymd(2026, 3, 9));
        assert_eq!(cal.next_working_day(ymd(2026, 3, 9)), ymd(2026, 3, 10));
        assert_eq!(cal.working_days_between(sat, sat), 0);
        assert_eq!(cal.working_days_between(ymd(2026, 3, 9), ymd(2026, 3, 2)), -5);
        assert_eq!(cal.working_days_between(ymd(2026, 3, 2), ymd(2026, 3, 9)), 5);
        assert_eq!(cal.working_days_between(ymd(2026, 3, 6), sat), 0);
        assert_eq!(cal.checked_add_working_days(NaiveDate::MAX, 1), None);
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(cal.checked_add_working_days(NaiveDate::MAX - Days::new(400), u32::MAX), None);
    }

    #[test]
    fn settings_overrides() {
        // A hypothetical schedule: 02/05/2025 (Fri) off, made up on Saturday 26/04/2025;
        // Quốc khánh 2025 moved from 01/09 to 03/09; 05/01/2026 a bridge day.
        let settings = CalendarSettings {
            extra_days_off: vec![ymd(2025, 5, 2), ymd(2025, 9, 3), ymd(2026, 1, 5), ymd(2025, 5, 2)],
            extra_working_days: vec![ymd(2025, 4, 26), ymd(2025, 9, 1)],
        };
        let cal = WorkingCalendar::new(&settings);
        assert!(cal.is_working_day(ymd(2025, 4, 26)));
        assert!(!cal.is_working_day(ymd(2025, 5, 2)));
        assert!(cal.is_working_day(ymd(2025, 9, 1)));
        assert!(!cal.is_working_day(ymd(2025, 9, 3)));
        assert!(!cal.is_working_day(ymd(2026, 1, 5)));
        // Extra working days override everything, even an extra day off on the same date.
        let both = CalendarSettings {
            extra_days_off: vec![ymd(2026, 3, 3), ymd(2070, 3, 4)],
            extra_working_days: vec![ymd(2026, 3, 3), ymd(2026, 3, 8), ymd(2070, 3, 4), ymd(2070, 3, 8)],
        };
        let cal2 = WorkingCalendar::new(&both);
        assert!(cal2.is_working_day(ymd(2026, 3, 3)));
        assert!(cal2.is_working_day(ymd(2026, 3, 8))); // a Sunday
        assert!(cal2.is_working_day(ymd(2070, 3, 4))); // outside the table too
        assert!(cal2.is_working_day(ymd(2070, 3, 8)));
        assert_eq!(cal2.next_working_day(ymd(2026, 3, 7)), ymd(2026, 3, 8));
        // Deadlines move accordingly: Fri 25/04/2025 + 1 = Sat 26/04 (make-up day);
        // Tue 29/04 + 1 = Mon 05/05 (30/4, 1/5 holidays, 2/5 extra day off).
        assert_eq!(cal.add_working_days(ymd(2025, 4, 25), 1), ymd(2025, 4, 26));
        assert_eq!(cal.add_working_days(ymd(2025, 4, 29), 1), ymd(2025, 5, 5));
        // The display list reflects the settings.
        let list = cal.holidays_in_year(2025);
        assert!(!list.iter().any(|h| h.date == ymd(2025, 9, 1)));
        assert!(list.iter().any(|h| h.date == ymd(2025, 9, 3) && h.kind == HolidayKind::ExtraDayOff));
        assert!(list.iter().any(|h| h.date == ymd(2025, 5, 2) && h.name == "Ngày nghỉ bổ sung"));
        assert_eq!(list.iter().filter(|h| h.date == ymd(2025, 5, 2)).count(), 1);
        assert_eq!(cal, WorkingCalendar::with_table_years(&settings, 1990, 1995));
        assert_ne!(&cal, default_cal());
        // Settings round-trip through JSON; missing fields default to empty.
        let json = serde_json::to_string(&settings).unwrap();
        assert_eq!(serde_json::from_str::<CalendarSettings>(&json).unwrap(), settings);
        assert_eq!(serde_json::from_str::<CalendarSettings>("{}").unwrap(), CalendarSettings::default());
    }

    #[test]
    fn table_edges_match_reference() {
        let cal = default_cal();
        let mut r = Reference::new(&CalendarSettings::default());
        for start in [ymd(1999, 12, 1), ymd(1999, 12, 31), ymd(2060, 11, 20), ymd(2060, 12, 31), ymd(2060, 12, 30)] {
            for n in [0u32, 1, 2, 5, 22, 23, 45, 300] {
                let fast = cal.add_working_days(start, n);
                assert_eq!(fast, r.add(start, n), "{start} + {n}");
                assert_eq!(no_table_cal().add_working_days(start, n), fast);
                assert_eq!(cal.working_days_between(start, fast), i64::from(n));
            }
        }
        // Whole table span: 61 years.
        let a = ymd(1999, 6, 1);
        let b = ymd(2061, 6, 1);
        assert_eq!(cal.working_days_between(a, b), no_table_cal().working_days_between(a, b));
        assert_eq!(cal.working_days_between(a, b), r.between(a, b));
    }

    fn date_in(lo: i32, hi: i32) -> impl Strategy<Value = NaiveDate> {
        let lo_ce = ymd(lo, 1, 1).num_days_from_ce();
        let hi_ce = ymd(hi, 12, 31).num_days_from_ce();
        (lo_ce..=hi_ce).prop_map(|ce| NaiveDate::from_num_days_from_ce_opt(ce).unwrap())
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        prop_oneof![
            3 => date_in(2000, 2060),
            1 => date_in(1990, 2003),
            1 => date_in(2057, 2075),
            1 => date_in(1890, 2210),
        ]
    }

    proptest! {
        /// Property (a): for n ≥ 1 the deadline is a working day, strictly after the start.
        #[test]
        fn prop_deadline_is_working_day(d in any_date(), n in 1u32..400) {
            let cal = default_cal();
            let due = cal.add_working_days(d, n);
            prop_assert!(due > d);
            prop_assert!(cal.is_working_day(due));
        }

        /// Property (b): working_days_between(d, add_working_days(d, n)) == n.
        #[test]
        fn prop_between_inverts_add(d in any_date(), n in 0u32..400) {
            let cal = default_cal();
            let due = cal.add_working_days(d, n);
            prop_assert_eq!(cal.working_days_between(d, due), i64::from(n));
            prop_assert_eq!(cal.working_days_between(due, d), -i64::from(n));
        }

        /// Property (c): the table path equals the table-free path and the day-by-day
        /// reference, in and out of the table range.
        #[test]
        fn prop_table_equals_slow(d in any_date(), n in 0u32..300, span in 0u64..500) {
            let fast = default_cal().add_working_days(d, n);
            prop_assert_eq!(fast, no_table_cal().add_working_days(d, n));
            let mut r = Reference::new(&CalendarSettings::default());
            prop_assert_eq!(fast, r.add(d, n));
            let e = d + Days::new(span);
            prop_assert_eq!(default_cal().working_days_between(d, e), r.between(d, e));
            prop_assert_eq!(default_cal().is_working_day(e), r.is_working(e));
            prop_assert_eq!(default_cal().working_days_between(e, d), no_table_cal().working_days_between(e, d));
        }

        /// Additivity of working_days_between.
        #[test]
        fn prop_between_additive(a in any_date(), b in any_date(), c in any_date()) {
            let cal = default_cal();
            prop_assert_eq!(
                cal.working_days_between(a, b) + cal.working_days_between(b, c),
                cal.working_days_between(a, c)
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Property (c) with random settings: table, table-free and reference agree.
        #[test]
        fn prop_settings_table_equals_slow(
            off in prop::collection::vec(date_in(1998, 2063), 0..40),
            work in prop::collection::vec(date_in(1998, 2063), 0..40),
            starts in prop::collection::vec((date_in(1998, 2063), 0u32..200), 10),
        ) {
            let settings = CalendarSettings { extra_days_off: off, extra_working_days: work };
            let cal = WorkingCalendar::new(&settings);
            let slow = WorkingCalendar::with_table_years(&settings, 1, 0);
            let mut r = Reference::new(&settings);
            for (d, n) in starts {
                let fast = cal.add_working_days(d, n);
                prop_assert_eq!(fast, slow.add_working_days(d, n));
                prop_assert_eq!(fast, r.add(d, n));
                prop_assert_eq!(cal.working_days_between(d, fast), i64::from(n));
                prop_assert_eq!(cal.is_working_day(d), r.is_working(d));
            }
            for d in &settings.extra_working_days {
                prop_assert!(cal.is_working_day(*d));
            }
        }
    }
}
