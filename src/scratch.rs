//! Buffers kept from one parse to the next on each thread.
//!
//! A parse of a short text (a quote paragraph of a few hundred bytes) made some fourteen
//! allocations, most of them lists that live only while the stages run (the blocks, their
//! features and labels, the body spans, the found quotes) and die with the parse: in
//! callgrind about 1,800 instructions of the 29,600 such a paragraph costs went to `malloc`
//! and `free`. The stages now fill lists they are lent, emptied, from a set kept in a
//! thread-local cell between parses; each stage keeps its own inner lists the same way.
//!
//! The helpers here keep that memory bounded: a list that grew past [`MAX_KEPT_BYTES`] (a
//! huge text's) is freed rather than kept for the life of the thread, and [`reuse`] hands a
//! list's allocation on to the same type under the next text's lifetime, with no `unsafe`.

use std::cell::{Cell, RefCell};
use std::thread::LocalKey;

/// Runs `f` on the thread's kept lists in `key`, or on fresh ones (`T::default()`) when
/// those are in use (a call from inside `f`, which the stages never make) or gone (a parse
/// from another thread-local value's destructor, after the thread's exit has freed them).
/// The lists stay in their cell: taking them out and putting them back copied the whole
/// set (a `memcpy` of 100 to 250 bytes each way, about 30 instructions) for every stage of
/// every parse.
pub(crate) fn with_kept<T: Default, R>(
    key: &'static LocalKey<RefCell<T>>,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    let mut f = Some(f);
    let lent = key.try_with(|cell| {
        let mut kept = cell.try_borrow_mut().ok()?;
        f.take().map(|f| f(&mut kept))
    });
    match (lent, f) {
        (Ok(Some(out)), _) => out,
        (_, Some(f)) => f(&mut T::default()),
        // (`f` is taken only where its result is returned.)
        (_, None) => unreachable!("the kept lists' call returned nothing"),
    }
}

/// Largest list, in bytes of room, that is kept for the next parse: a huge text's lists
/// are freed with it, not kept for the life of the thread. (A page's few thousand blocks
/// fit: 256 KiB is 16,384 block slices.)
pub(crate) const MAX_KEPT_BYTES: usize = 256 << 10;

/// Empties `v` for the next parse, and frees it when its room is over [`MAX_KEPT_BYTES`].
pub(crate) fn recycle<T>(v: &mut Vec<T>) {
    v.clear();
    if v.capacity().saturating_mul(std::mem::size_of::<T>()) > MAX_KEPT_BYTES {
        *v = Vec::new();
    }
}

/// The list kept on the thread in `key` ([`give_back_list`]: empty), taken out of its cell,
/// or a fresh one when it is in use (taken out already) or gone with the thread. For a
/// stage's own list that is lent across calls, where [`with_kept`]'s borrow cannot be.
#[inline]
pub(crate) fn take_list<T>(key: &'static LocalKey<Cell<Vec<T>>>) -> Vec<T> {
    key.try_with(Cell::take).unwrap_or_default()
}

/// Gives `v` back to the thread's cell `key` for the next parse ([`take_list`]), emptied,
/// or frees it when its room is over [`MAX_KEPT_BYTES`] ([`recycle`]).
#[inline]
pub(crate) fn give_back_list<T>(key: &'static LocalKey<Cell<Vec<T>>>, mut v: Vec<T>) {
    recycle(&mut v);
    let _ = key.try_with(|kept| kept.set(v));
}

/// Empties `s` for the next parse, and frees it when its room is over [`MAX_KEPT_BYTES`]:
/// [`recycle`] of a kept string.
pub(crate) fn recycle_text(s: &mut String) {
    s.clear();
    if s.capacity() > MAX_KEPT_BYTES {
        *s = String::new();
    }
}

/// `v` emptied, as a list of `U`, on the same allocation when `T` and `U` have one size
/// and alignment (a type under another lifetime: the blocks of one text, `&'a str`, kept
/// as `&'static str` until the next): the standard library collects a list's own iterator
/// in place. A list over [`MAX_KEPT_BYTES`] is freed instead ([`recycle`]).
pub(crate) fn reuse<T, U>(mut v: Vec<T>) -> Vec<U> {
    const {
        assert!(
            std::mem::size_of::<T>() == std::mem::size_of::<U>()
                && std::mem::align_of::<T>() == std::mem::align_of::<U>(),
            "reuse keeps an allocation only for a type of the same layout"
        );
    }
    recycle(&mut v);
    // Nothing is left to map: the closure never runs.
    v.into_iter().map(|_| unreachable!()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The allocation goes on to the other type: same room, same address.
    #[test]
    fn reuse_keeps_the_allocation() {
        let text = String::from("one two three");
        let mut v: Vec<&str> = Vec::with_capacity(100);
        v.extend(text.split(' '));
        let at = v.as_ptr() as usize;
        let w: Vec<&'static str> = reuse(v);
        assert!(w.is_empty());
        assert_eq!(w.capacity(), 100);
        assert_eq!(w.as_ptr() as usize, at);
        let back: Vec<(usize, usize)> = reuse(vec![(1_usize, 2_usize); 3]);
        assert!(back.is_empty() && back.capacity() == 3);
    }

    /// The kept lists are lent to one call at a time: a call from inside gets fresh ones,
    /// and what the outer call leaves in them is there for the next.
    #[test]
    fn kept_lists_are_lent_once_at_a_time() {
        thread_local! {
            static KEPT: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        }
        with_kept(&KEPT, |outer| {
            outer.push(1);
            with_kept(&KEPT, |inner| {
                assert!(inner.is_empty());
                inner.push(2);
            });
            outer.push(3);
        });
        with_kept(&KEPT, |kept| assert_eq!(kept, &[1, 3]));
    }

    /// A list given back is taken again empty, on its room; one taken while the kept one
    /// is out is fresh; one over the bound is freed rather than kept.
    #[test]
    fn given_back_lists_are_taken_again_empty() {
        thread_local! {
            static KEPT: Cell<Vec<u32>> = const { Cell::new(Vec::new()) };
        }
        let mut v = take_list(&KEPT);
        v.extend([1, 2, 3]);
        let room = v.capacity();
        assert_eq!(take_list(&KEPT).capacity(), 0);
        give_back_list(&KEPT, v);
        let again = take_list(&KEPT);
        assert!(again.is_empty());
        assert_eq!(again.capacity(), room);
        give_back_list(&KEPT, vec![0; MAX_KEPT_BYTES / 4 + 1]);
        assert_eq!(take_list(&KEPT).capacity(), 0);
    }

    /// A list over the bound is freed; one at it is kept.
    #[test]
    fn large_lists_are_not_kept() {
        let mut big = vec![0_u64; MAX_KEPT_BYTES / 8 + 1];
        recycle(&mut big);
        assert_eq!(big.capacity(), 0);
        let mut kept = vec![0_u64; MAX_KEPT_BYTES / 8];
        recycle(&mut kept);
        assert!(kept.is_empty());
        assert_eq!(kept.capacity(), MAX_KEPT_BYTES / 8);
        let w: Vec<u64> = reuse(vec![0_u64; MAX_KEPT_BYTES / 8 + 1]);
        assert_eq!(w.capacity(), 0);
        let mut big = "x".repeat(MAX_KEPT_BYTES + 1);
        recycle_text(&mut big);
        assert_eq!(big.capacity(), 0);
        let mut kept = "x".repeat(MAX_KEPT_BYTES);
        recycle_text(&mut kept);
        assert!(kept.is_empty());
        assert_eq!(kept.capacity(), MAX_KEPT_BYTES);
    }
}
