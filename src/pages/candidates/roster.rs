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

/// The roster shared by the pages (the list, the dashboard's figures), provided by the shell:
/// built once per change of the data, the rules or the day, not once per page shown.
#[derive(Clone, Copy)]
pub struct SharedRoster(Memo<Option<Result<Built, String>>>);

impl SharedRoster {
    /// Provides the shared roster of the ward in `store` (lazy: built when a page reads it).
    pub fn provide(store: Store) {
        provide_context(SharedRoster(build_memo(store)));
    }
}

/// The roster of the store's data, in Vietnamese name order; `Err` with a message when the
/// rule sets cannot be read (then no deadline could be trusted). The shell's shared one when
/// there is a shell.
pub fn roster_memo(store: Store) -> Memo<Option<Result<Built, String>>> {
    use_context::<SharedRoster>().map(|r| r.0).unwrap_or_else(|| build_memo(store))
}

fn build_memo(store: Store) -> Memo<Option<Result<Built, String>>> {
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
