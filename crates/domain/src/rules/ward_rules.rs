//! The rules a ward works under, built once: the national rule sets (picked by each step's
//! date), the ward's local parameters, and the working-day calendar built from the ward's own
//! days off and working days. The app keeps one in a memo keyed on the ward's settings and
//! every page reads it, instead of each building its own calendar.

use super::{LocalParams, RuleContext, RuleSetError, RuleSets};
use crate::calendar::WorkingCalendar;
use crate::model::{Candidate, WardData, WardSettings};
use chrono::NaiveDate;

/// A ward's rules: rule sets, local parameters, calendar.
#[derive(Clone)]
pub struct WardRules {
    rule_sets: &'static RuleSets,
    settings: WardSettings,
    calendar: WorkingCalendar,
}

impl WardRules {
    /// The rules of a ward with `settings` (the built-in rule sets; the calendar takes about a
    /// millisecond to build).
    pub fn new(settings: &WardSettings) -> Result<WardRules, RuleSetError> {
        Ok(WardRules { rule_sets: RuleSets::builtin()?, settings: settings.clone(), calendar: WorkingCalendar::new(&settings.calendar) })
    }

    pub fn rule_sets(&self) -> &'static RuleSets {
        self.rule_sets
    }

    pub fn calendar(&self) -> &WorkingCalendar {
        &self.calendar
    }

    pub fn local(&self) -> &LocalParams {
        &self.settings.local
    }

    /// The "due soon" lead time, in calendar days.
    pub fn due_soon_days(&self) -> u32 {
        self.settings.due_soon_days
    }

    /// Whether these are the rules of a ward with `settings` (the memo's key).
    pub fn is_for(&self, settings: &WardSettings) -> bool {
        self.settings == *settings
    }

    /// The context of the person `c` of `data` on `today` (its cell, the ward's members).
    pub fn context<'a>(&'a self, data: &'a WardData, c: &Candidate, today: NaiveDate) -> RuleContext<'a> {
        RuleContext::for_candidate(data, c, self.rule_sets, &self.calendar, today)
    }
}

/// Two ward rules are equal when they were built from the same settings.
impl PartialEq for WardRules {
    fn eq(&self, other: &Self) -> bool {
        self.settings == other.settings && std::ptr::eq(self.rule_sets, other.rule_sets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_calendar_follows_the_wards_days_off() {
        let mut settings = WardSettings::default();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let plain = WardRules::new(&settings).unwrap();
        assert!(plain.calendar().is_working_day(monday));
        settings.calendar.extra_days_off.push(monday);
        let rules = WardRules::new(&settings).unwrap();
        assert!(!rules.calendar().is_working_day(monday));
        assert!(rules.is_for(&settings) && !plain.is_for(&settings));
        assert!(rules != plain);
        assert!(rules == WardRules::new(&settings).unwrap());
        assert_eq!(rules.due_soon_days(), 14);
    }
}
