//! Sorting through one compiled sort.
//!
//! Each `sort_by`/`sort_by_key`/`sort` call with its own element or closure
//! type is a separate copy of the standard library's sort, a few kilobytes
//! of wasm each: the page carried over a hundred of them. These sort a list
//! of indices with a single, non-generic sort and then move the items into
//! place, so each call site costs only the small generic part. Stable, like
//! `slice::sort_by`. Use them instead of the slice methods in the engine
//! and the page.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &mut |a, b| compare(&items[a], &items[b]));
    apply(items, order);
}

/// Sorts `items` by the key `key` gives each, keeping equal keys in order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one instance of the standard library's sort.
#[inline(never)]
fn sort_indices(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Puts the item that was at `order[i]` at `i`, following each cycle of
/// the permutation with swaps (no copy of the items).
fn apply<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        if order[start] == DONE {
            continue;
        }
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_equal_items_in_order() {
        // Every permutation of a small list with repeated keys.
        let items: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i))
            .collect();
        let mut seed = 7u64;
        for _ in 0..500 {
            let mut shuffled = items.clone();
            for i in (1..shuffled.len()).rev() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                shuffled.swap(i, (seed >> 33) as usize % (i + 1));
            }
            let mut ours = shuffled.clone();
            let mut theirs = shuffled.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            theirs.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, theirs);
            let mut natural = shuffled.clone();
            sort(&mut natural);
            let mut expected = shuffled;
            expected.sort();
            assert_eq!(natural, expected);
        }
    }

    #[test]
    fn short_lists_and_non_copy_items() {
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        let mut one = vec!["b".to_string()];
        sort(&mut one);
        assert_eq!(one, ["b"]);
        let mut words: Vec<String> = ["pear", "fig", "apple", "fig"].map(String::from).to_vec();
        sort_by(&mut words, |a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        assert_eq!(words, ["fig", "fig", "pear", "apple"]);
    }
}
