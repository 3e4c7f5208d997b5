//! Sorting with one copy of the sort's code in the app.
//!
//! The standard library's sort is generic: every element type and comparator that calls
//! `sort_by` gets its own copy of the whole algorithm (about 5–8 KB of wasm each, more than
//! 150 KB over the app's thirty-odd sorts before this module). Here the algorithm runs once, on
//! indices, with the comparison behind a `dyn` call; each caller keeps only the small step that
//! moves its items into that order. Same results as `slice::sort_by` (stable), a little slower
//! per comparison, which no list of this app's size notices.

use std::cmp::Ordering;

/// The stable order of `n` items under `cmp`, which compares two items by their indices:
/// `order[k]` is the index of the item that goes to place `k`. The only instance of the sort.
#[allow(clippy::disallowed_methods)] // the one call of the standard sort (clippy.toml)
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves the items of `v` so that place `k` holds what was at `order[k]`, following each cycle
/// of the permutation with swaps (no copy of the items, no `Clone`).
fn apply<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `v` by `cmp`, keeping equal items in their order: `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    apply(v, order);
}

/// Sorts `v` by the key `key` gives each item (computed once per comparison side):
/// `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by a key computed once per item: `slice::sort_by_cached_key`.
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = permutation(v.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    apply(v, order);
}

/// Sorts `v` in its natural order: `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys included: each item
        /// carries its first place, so a sort that swapped two equal keys would show.
        #[test]
        fn same_as_the_standard_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut want = items.clone();
            want.sort_by_key(|x| x.0);
            let mut got = items.clone();
            sort_by_key(&mut got, |x| x.0);
            prop_assert_eq!(&got, &want);
            let mut got = items.clone();
            sort_by_cached_key(&mut got, |x| x.0);
            prop_assert_eq!(&got, &want);
            let mut got = items.clone();
            sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            want.sort_by_key(|b| std::cmp::Reverse(b.0));
            prop_assert_eq!(&got, &want);
            let mut got = items;
            sort(&mut got);
            want.sort();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn moves_items_that_cannot_be_cloned() {
        struct Named(String);
        let mut v = vec![Named("c".into()), Named("a".into()), Named("b".into())];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v.iter().map(|n| n.0.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    }
}
