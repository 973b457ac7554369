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

    /// What [`Hasher::write`] of `len` bytes (one to eight) feeds the hasher, given their
    /// little-endian word ([`le_word`], zeros past them): a caller that has the word at hand
    /// hashes it with no load of the bytes again.
    #[inline]
    pub(crate) fn write_word(&mut self, word: u64, len: usize) {
        debug_assert!((1..=8).contains(&len));
        if len == 8 {
            self.add(word);
        } else {
            // The length keeps "a" and "a\0" apart.
            self.add(word ^ ((len as u64) << 59));
        }
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
            self.write_word(le_word(rest), rest.len());
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

    /// [`FastHasher::write_word`] (what `write` feeds for the last bytes of a text, and what
    /// the plain-word features hash a word with) keeps texts that differ only by zero bytes
    /// at their end apart ("a", "a\0", …): the length is in the word hashed.
    #[test]
    fn write_word_keeps_lengths_apart() {
        let mut bytes = *b"a\0\0\0\0\0\0\0";
        let mut seen = std::collections::HashSet::new();
        for n in 1..=8 {
            let mut w = FastHasher::default();
            w.write_word(le_word(&bytes[..n]), n);
            assert!(seen.insert(w.finish()), "{n}");
        }
        // And the word's bytes count, at every place.
        for i in 0..8 {
            bytes[i] = b'b';
            let mut w = FastHasher::default();
            w.write_word(le_word(&bytes), 8);
            assert!(seen.insert(w.finish()), "{i}");
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

    #[test]
    fn shapes_pass_every_word_of_their_set_and_rule_out_others() {
        let set = ["to", "the", "said", "©", "всё", "x"];
        let shapes = Shapes::new(set);
        for w in set {
            assert!(shapes.may_contain(w), "{w:?}");
        }
        // Another first byte, last byte or length: ruled out.
        for w in ["tx", "thee", "says", "a", "ton"] {
            assert!(!shapes.may_contain(w), "{w:?}");
        }
        assert!(shapes.may_contain(""), "the empty word passes");
        assert!(!Shapes::default().may_contain("to"));
        // The shape test is the test of the bytes.
        for w in ["to", "tx", "said", "sand", "всё", "vse"] {
            let b = w.as_bytes();
            assert_eq!(
                shapes.may_contain_shape(b[0], b[b.len() - 1], b.len()),
                shapes.may_contain_bytes(b),
                "{w:?}"
            );
        }
        // Lengths past 31 share a bit.
        let long = "t".repeat(40) + "o";
        assert!(Shapes::new([long.as_str()]).may_contain(&("t".repeat(33) + "o")));
    }
}

/// A cheap filter in front of a word set: a word whose first byte, last byte and length
/// match no word of the set is not in it, decided without hashing. Conservative: a `true`
/// says only "maybe". The default filter holds no word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shapes {
    /// Indexed by the low five bits of the first and of the last byte; bit `min(len, 31)`.
    /// A table of fixed size: a look-up checks no bounds.
    bits: Box<[u32; 1024]>,
}

impl Default for Shapes {
    fn default() -> Self {
        Shapes {
            bits: Box::new([0; 1024]),
        }
    }
}

impl Shapes {
    /// The filter of `words`.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        Self::of_bytes(words.into_iter().map(str::as_bytes))
    }

    /// The filter of `words`, given as bytes.
    pub(crate) fn of_bytes<'a>(words: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut shapes = Shapes::default();
        shapes.add_all(words);
        shapes
    }

    /// Adds to each slot `i` (as [`Shapes::key`] numbers them) the bits `bits(i)`.
    pub(crate) fn set_slots(&mut self, bits: impl Fn(usize) -> u32) {
        for (i, slot) in self.bits.iter_mut().enumerate() {
            *slot |= bits(i);
        }
    }

    /// Adds `words` to the filter.
    pub(crate) fn add_all<'a>(&mut self, words: impl IntoIterator<Item = &'a [u8]>) {
        for w in words {
            if let (Some(&first), Some(&last)) = (w.first(), w.last()) {
                let (i, bit) = Self::key(first, last, w.len());
                self.bits[i] |= bit;
            }
        }
    }

    /// The slot and the bit of a word of `len` bytes that starts with `first` and ends with
    /// `last`.
    #[inline(always)]
    fn key(first: u8, last: u8, len: usize) -> (usize, u32) {
        (
            usize::from(first & 31) << 5 | usize::from(last & 31),
            1 << len.min(31),
        )
    }

    /// False when `w` is certainly not one of the words (the empty word always passes).
    #[inline]
    pub(crate) fn may_contain(&self, w: &str) -> bool {
        self.may_contain_bytes(w.as_bytes())
    }

    /// [`Shapes::may_contain`] of the bytes of a word.
    #[inline]
    pub(crate) fn may_contain_bytes(&self, w: &[u8]) -> bool {
        match (w.first(), w.last()) {
            (Some(&first), Some(&last)) => self.may_contain_shape(first, last, w.len()),
            _ => true,
        }
    }

    /// False when no word of the filter starts with `first`, ends with `last` and is `len`
    /// bytes long: the test with the bytes and the length already at hand.
    #[inline(always)]
    pub(crate) fn may_contain_shape(&self, first: u8, last: u8, len: usize) -> bool {
        let (i, bit) = Self::key(first, last, len);
        self.bits[i] & bit != 0
    }
}
