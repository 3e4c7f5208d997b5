//! Working-day calendar for legal deadlines (docs/domain.md §2.2 last line, §2.4).
//!
//! Deadlines in the party-member development process are counted in **working days**
//! (ngày làm việc): Monday–Friday, excluding the public holidays of the Labour Code
//! (Bộ luật Lao động 2019, Điều 112; compensatory days per Điều 111 khoản 3). The holiday
//! calendar is configurable by the ward, because the Prime Minister fixes the Tết days
//! and the second Quốc khánh day every year and may swap days (make-up Saturdays).
//!
//! * [`lunar`] — Vietnamese lunar calendar (Hồ Ngọc Đức's algorithm, UTC+7), 1900–2199.
//! * [`holidays`] — the default statutory holidays of a year, with Vietnamese names.
//! * [`WorkingCalendar`] — `is_working_day`, `add_working_days`, `working_days_between`,
//!   `next_working_day`, built from [`CalendarSettings`], with a precomputed table.

pub mod holidays;
pub mod lunar;
mod working_days;

pub use holidays::{statutory_holidays, Holiday, HolidayKind};
pub use lunar::{lunar_to_solar, solar_to_lunar, LunarDate};
pub use working_days::{WorkingCalendar, DEFAULT_TABLE_FIRST_YEAR, DEFAULT_TABLE_LAST_YEAR};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The ward's adjustments to the statutory holiday calendar (docs/domain.md §2.2 last line:
/// "configurable holiday calendar incl. Tết and make-up days").
///
/// Precedence, from strongest: a date in `extra_working_days` is always a working day
/// (even a Saturday, Sunday or holiday); a date in `extra_days_off` is never a working day;
/// otherwise Monday–Friday minus the statutory holidays of [`statutory_holidays`].
/// Duplicates and order do not matter. `Default` is empty (the statutory calendar as is).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarSettings {
    /// Additional days off: e.g. the extra Tết days or bridge days fixed by the Prime
    /// Minister, a Quốc khánh day other than the default 1/9.
    pub extra_days_off: Vec<NaiveDate>,
    /// Days that are working days whatever else applies: make-up working Saturdays
    /// (ngày làm bù), or a default holiday/compensatory day that does not apply this year.
    pub extra_working_days: Vec<NaiveDate>,
}
