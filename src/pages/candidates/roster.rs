//! The roster of the current data, rebuilt only when the data changes.

use super::collation;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::calendar::WorkingCalendar;
use ptdv_domain::roster::Roster;
use ptdv_domain::rules::RuleSets;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

static GENERATION: AtomicU64 = AtomicU64::new(1);

/// A built roster and its generation: every rebuild gets a new one, so rows keyed on it are
/// redrawn after any change of the data (TECH-NOTES G, trap 6).
#[derive(Clone, Debug)]
pub struct Built {
    pub roster: Arc<Roster>,
    pub generation: u64,
}

impl PartialEq for Built {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

/// The roster of the store's data, in Vietnamese name order; `Err` with a message when the
/// rule sets cannot be read (then no deadline could be trusted).
pub fn roster_memo(store: Store) -> Memo<Option<Result<Built, String>>> {
    Memo::new(move |_| {
        let today = store.today.get();
        store.data.with(|d| {
            let d = d.as_ref()?;
            let rules = match RuleSets::builtin() {
                Ok(r) => r,
                Err(e) => return Some(Err(e.to_string())),
            };
            let calendar = WorkingCalendar::new(&d.ward.settings.calendar);
            let mut roster = Roster::build(d, rules, &calendar, today);
            if let Some(cmp) = collation::vietnamese() {
                roster.sort_by_names(cmp);
            }
            Some(Ok(Built { roster: Arc::new(roster), generation: GENERATION.fetch_add(1, Ordering::Relaxed) }))
        })
    })
}
