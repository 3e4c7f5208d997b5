//! The roster of the current data, rebuilt only when the data changes.

use super::collation;
use crate::store::Store;
use leptos::prelude::*;
use ptdv_domain::roster::Roster;
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
        let rules = match store.rules.get()? {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        store.data.with(|d| {
            let d = d.as_ref()?;
            let mut roster = Roster::build(d, rules.rule_sets(), rules.calendar(), today);
            if let Some(cmp) = collation::vietnamese() {
                roster.sort_by_names(cmp);
            }
            Some(Ok(Built { roster: Arc::new(roster), generation: GENERATION.fetch_add(1, Ordering::Relaxed) }))
        })
    })
}
