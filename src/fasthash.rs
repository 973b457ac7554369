//! A small, fast, deterministic hasher for the word lists and block keys.
//!
//! The keys are short words and phrases from our own data files, looked up millions of
//! times; SipHash (the std default) costs more than the rest of a look-up. This is the
//! multiply-rotate hash of rustc's `FxHasher`, eight bytes at a time, with a final mix so
//! that the high bits hashbrown uses for its tags depend on every input byte. It is not
//! DoS-resistant, and need not be: the tables are built from our data, not from the input.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// The hasher; see the module docs.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The length keeps "a" and "a\0" apart.
            self.add(le_word(rest) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // Fold the well-mixed high bits into the low ones too.
        let h = self.hash;
        (h ^ (h >> 29)).wrapping_mul(K).rotate_left(26)
    }
}

/// The first eight bytes of `b` as a little-endian integer, padded with zeros when `b` is
/// shorter: a text shorter than a word is read by two loads of fixed size that overlap
/// ([`le_short`]), with no call of a copy of a length known only at run time (`memcpy`,
/// which costs more than the few bytes).
#[inline]
pub(crate) fn le_word(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(&w) => u64::from_le_bytes(w),
        None => le_short(b),
    }
}

/// [`le_word`] of fewer than eight bytes: the first and the last four (or two) bytes, each
/// loaded as one integer, the last shifted to their place; where the two overlap they hold
/// the same bytes, so OR-ing them gives each byte once.
#[inline]
fn le_short(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!(n < 8);
    if let (Some(&first), Some(&last)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(first))
            | u64::from(u32::from_le_bytes(last)) << (8 * (n - 4));
    }
    if let (Some(&first), Some(&last)) = (b.first_chunk::<2>(), b.last_chunk::<2>()) {
        return u64::from(u16::from_le_bytes(first))
            | u64::from(u16::from_le_bytes(last)) << (8 * (n - 2));
    }
    b.first().map_or(0, |&byte| u64::from(byte))
}

/// Builds [`FastHasher`]s.
pub(crate) type FastBuild = BuildHasherDefault<FastHasher>;
/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<T> = HashSet<T, FastBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    /// [`le_word`] reads the bytes that a copy into a word of zeros would hold.
    #[test]
    fn le_word_pads_with_zeros() {
        let bytes: Vec<u8> = (1..=12).collect();
        for n in 0..=bytes.len() {
            let b = &bytes[..n];
            let mut w = [0u8; 8];
            w[..n.min(8)].copy_from_slice(&b[..n.min(8)]);
            assert_eq!(le_word(b), u64::from_le_bytes(w), "{n}");
        }
    }

    /// [`le_short`] reads every byte once, in its place, for each length it is for and
    /// bytes of every value (high bits set or not, zeros).
    #[test]
    fn le_short_reads_each_byte_in_its_place() {
        for seed in [0u8, 1, 0x7f, 0x80, 0xfe, 0xff] {
            let bytes: Vec<u8> = (0..8u8)
                .map(|i| seed.wrapping_add(i.wrapping_mul(37)))
                .collect();
            for n in 0..8 {
                let b = &bytes[..n];
                let want = b
                    .iter()
                    .enumerate()
                    .fold(0u64, |w, (i, &x)| w | u64::from(x) << (8 * i));
                assert_eq!(le_short(b), want, "{b:?}");
            }
        }
    }

    fn h<T: Hash + ?Sized>(t: &T) -> u64 {
        FastBuild::default().hash_one(t)
    }

    #[test]
    fn distinguishes_close_keys() {
        let keys = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "a\0",
            "said",
            "says",
            "share on",
            "share on facebook",
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(h(*a), h(*b), "{a:?} vs {b:?}");
            }
        }
        assert_eq!(h("said"), h("said"));
    }
}

/// A cheap filter in front of a word set: a word whose first byte, last byte and length
/// match no word of the set is not in it, decided without hashing. Conservative: a `true`
/// says only "maybe". The default filter holds no word.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shapes {
    /// Indexed by the low five bits of the first and of the last byte; bit `min(len, 31)`.
    bits: Vec<u32>,
}

impl Shapes {
    /// The filter of `words`.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = vec![0u32; 1024];
        for w in words {
            if let Some((i, bit)) = Self::key(w.as_bytes()) {
                bits[i] |= bit;
            }
        }
        Shapes { bits }
    }

    #[inline]
    fn key(w: &[u8]) -> Option<(usize, u32)> {
        let (&first, &last) = (w.first()?, w.last()?);
        let i = usize::from(first & 31) << 5 | usize::from(last & 31);
        Some((i, 1 << w.len().min(31)))
    }

    /// False when `w` is certainly not one of the words (the empty word always passes).
    #[inline]
    pub(crate) fn may_contain(&self, w: &str) -> bool {
        self.may_contain_bytes(w.as_bytes())
    }

    /// [`Shapes::may_contain`] of the bytes of a word.
    #[inline]
    pub(crate) fn may_contain_bytes(&self, w: &[u8]) -> bool {
        match Self::key(w) {
            Some((i, bit)) => self.bits.get(i).is_some_and(|b| b & bit != 0),
            None => true,
        }
    }
}
