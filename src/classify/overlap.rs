//! Word overlap between a candidate headline and the story: a story's headline shares its
//! content words with the story, a teaser for another story does not.
//!
//! Words are hashed as they are read (lower case, no allocation). Only *content-like*
//! units count: words of at least four letters or digits in cased and spaced scripts
//! (a cheap stand-in for a stop-word list that works across languages), and pairs of
//! neighbouring letters in scripts written without spaces (Chinese, Japanese, Thai).

use super::OpenSlots;
use std::cell::{Cell, OnceCell};

/// The most units taken from the story: enough for its first screens, and a bound on the
/// work and memory for huge inputs.
const MAX_STORY_UNITS: usize = 300;

/// The shortest word (in characters) that counts as a content word.
const MIN_WORD_CHARS: usize = 4;

/// FNV-1a step.
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x0100_0000_01b3)
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// True for a letter of a script without case and without spaces between words.
fn spaceless(c: char) -> bool {
    // One test rules out everything below Thai (ASCII, Latin, Cyrillic, Arabic…).
    (c as u32) >= 0x0E00
        && matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF) // CJK compatibility ideographs
}

/// `ASCII_ALNUM_LOWER[b]`: the byte `b` in lower case when it is an ASCII letter or digit,
/// else 0.
static ASCII_ALNUM_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The mark of a lower-case code point beyond ASCII in [`Word`]'s hash: a bit that no
/// step of ASCII bytes has (their bytes are below `0x80`), so that the two kinds of steps
/// never give one integer.
const WIDE_STEP: u64 = 1 << 63;

/// The word being hashed by [`units`]: the hash of the lower case of its letters and
/// digits, code point after code point, where the ASCII ones (most) go in eight at a step.
///
/// The hash is a [`mix`] step for each eight ASCII code points of a run of them, as bytes
/// of one integer (the last step of a run fewer, padded with zeros), and one for each code
/// point beyond ASCII ([`WIDE_STEP`]); the code points of the step being filled are kept
/// aside (`pending`) until it is full and the next one comes, or the word ends. So the hash
/// is a function of the code points alone, however the text parts them into runs ("don't"
/// and "dont" hash alike), and two words of different code points get different series of
/// steps. A run of ASCII letters and digits is measured and lowered eight bytes at a time
/// ([`ascii_alnum_run`]), where a byte at a time the end of the run went either way from
/// word to word, a mispredicted branch or more a word.
struct Word {
    /// The hash of the steps taken.
    h: u64,
    /// The ASCII code points not yet hashed, as the bytes of an integer, first lowest.
    pending: u64,
    /// How many: from 0 to 8 (8 stay until a ninth comes).
    pending_len: u32,
    /// Its last letter or digit, as written.
    last: char,
    /// Its letters and digits.
    len: usize,
}

impl Word {
    const EMPTY: Word = Word {
        h: SEED,
        pending: 0,
        pending_len: 0,
        last: ' ',
        len: 0,
    };

    /// The hash of the word, of its code points but the last `cut` ASCII ones (0 or 1: the
    /// `s` of "bridges", which counts as "bridge"); those are among the pending ones.
    #[inline]
    fn hash(&self, cut: u32) -> u64 {
        let n = self.pending_len - cut;
        let kept = self.pending & crate::lex::low_bytes(n as usize);
        if n == 0 {
            self.h
        } else {
            mix(self.h, kept)
        }
    }

    /// Adds `n` (1 to 8) ASCII code points, the low bytes of `bytes` (the others zero).
    #[inline(always)]
    fn push_ascii(&mut self, bytes: u64, n: u32) {
        debug_assert!((1..=8).contains(&n) && self.pending_len <= 8);
        // Pending and new bytes as one integer of up to sixteen; past eight, the first
        // eight are a full step.
        let joined = u128::from(self.pending) | u128::from(bytes) << (8 * self.pending_len);
        let total = self.pending_len + n;
        let full = total > 8;
        let stepped = mix(self.h, joined as u64);
        self.h = if full { stepped } else { self.h };
        self.pending = if full {
            (joined >> 64) as u64
        } else {
            joined as u64
        };
        self.pending_len = if full { total - 8 } else { total };
    }

    /// Adds the run of ASCII letters and digits of `bytes` that starts at `from` (not
    /// empty), up to eight of them; returns where they end, and whether the word ended
    /// there too, with the byte after the run, which was passed: the word is one of
    /// up to seven bytes that was empty.
    #[inline(always)]
    fn push_ascii_run(&mut self, bytes: &[u8], from: usize) -> (usize, bool) {
        let rest = bytes.get(from..).unwrap_or_default();
        let w = crate::fasthash::le_word(rest);
        let (lowered, n) = ascii_alnum_run(w);
        debug_assert!(n > 0);
        let n = n.max(1);
        if n < 8 && self.len == 0 && ends_word_after_ascii((w >> (8 * n)) as u8) {
            // A whole word of up to seven ASCII letters and digits (most words of prose):
            // the pending bytes of a word that was empty (no step of [`Word::push_ascii`]
            // to take), and the byte after it, which ends it, passed at once (read again,
            // it would end the word, now empty, again): on the seed variants 11,506 of the
            // story's 15,383 runs, one turn of the loop of [`units`] fewer each. One pass,
            // with the lowering of [`ascii_alnum_run`] by bit 0x20: seed variants 82.64 →
            // 82.25 instructions a byte, web pages 88.83 → 88.63.
            (self.pending, self.pending_len, self.len) = (lowered, n as u32, n);
            self.last = char::from((w >> (8 * (n - 1))) as u8);
            return (from + n + 1, true);
        }
        self.push_ascii(lowered, n as u32);
        self.last = char::from(rest[n - 1]);
        self.len += n;
        (from + n, false)
    }

    /// Adds a letter or digit that is not ASCII: its lower case may be several code points
    /// ("İ"), each hashed in (an ASCII one as the ASCII runs are: the Kelvin sign's "k").
    fn push_wide(&mut self, c: char) {
        self.last = c;
        for l in c.to_lowercase() {
            if l.is_ascii() {
                self.push_ascii(u64::from(l as u32), 1);
            } else {
                self.push_wide_lower(l);
            }
        }
        self.len += 1;
    }

    /// Adds a letter `c` whose lower case is the one code point `lower`, beyond ASCII (a
    /// [`common_wide_letter`]): what [`Word::push_wide`] does for it, with no look-up.
    #[inline(always)]
    fn push_common_wide(&mut self, c: char, lower: char) {
        self.last = c;
        self.push_wide_lower(lower);
        self.len += 1;
    }

    /// Hashes in `l`, a code point of a lower case beyond ASCII, after the pending ones.
    #[inline(always)]
    fn push_wide_lower(&mut self, l: char) {
        if self.pending_len > 0 {
            self.h = mix(self.h, self.pending);
            (self.pending, self.pending_len) = (0, 0);
        }
        self.h = mix(self.h, u64::from(l) | WIDE_STEP);
    }

    /// Ends the word: emits its unit when it is a content word; false when `emit` asks to
    /// stop. The next word starts empty (its `last` is set before it is read).
    #[inline]
    fn end(&mut self, emit: &mut impl FnMut(u64) -> bool) -> bool {
        let go = if self.len >= MIN_WORD_CHARS {
            emit(self.hash(u32::from(self.last == 's' && self.len > MIN_WORD_CHARS)))
        } else {
            true
        };
        (self.h, self.pending, self.pending_len, self.len) = (SEED, 0, 0, 0);
        go
    }
}

/// The ASCII letters and digits that `w` (eight bytes of text, first lowest) starts with:
/// their bytes in lower case (the others zero), and how many. The letters are
/// [`crate::lex::ascii_letter_bits`], the digits the bytes from `0` to `9`
/// ([`crate::lex::ascii_range_bits`]).
#[inline(always)]
fn ascii_alnum_run(w: u64) -> (u64, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let letters = crate::lex::ascii_letter_bits(w);
    let digits = crate::lex::ascii_range_bits(w, b'0', b'9');
    let n = ((!(letters | digits) & HIGH).trailing_zeros() / 8) as usize;
    // Bit 0x20 lowers a letter, and a digit has it: the run's bytes, all set, are lowered.
    let lowered = w | 0x2020_2020_2020_2020;
    (lowered & crate::lex::low_bytes(n), n)
}

/// True when the byte `b`, met after a run of ASCII letters and digits, surely ends the
/// word there: every ASCII byte but `'` and `-`, which a word goes on past ("don't",
/// "well-known"; [`units`] takes them for spaces only between words). False for a byte
/// outside ASCII, which [`units`] decodes. (0, which [`crate::fasthash::le_word`] reads past
/// a text's end, ends the word, as the end of the text does.)
#[inline(always)]
fn ends_word_after_ascii(b: u8) -> bool {
    b < 0x80 && b != b'\'' && b != b'-'
}

/// The letter of two bytes of UTF-8 at the start of `bytes` (led by `bytes[0]`, which is
/// `0xC0` to `0xDF`) and its lower case, when it is a letter of the Latin-1 Supplement, of
/// Latin Extended-A or of basic Cyrillic (`U+0400` to `U+045F`) whose lower case is one
/// code point (all but "İ", "ĸ", "ŉ", "Ÿ", "ſ", which go the general way); `None` for any
/// other character. These are most letters beyond ASCII of web pages' stories (Russian
/// pages, accents), where the decoding, the Unicode tests and `char::to_lowercase` cost
/// ~170 instructions a letter: on web pages 5,452 letters a pass, [`read_story`] 5.33M →
/// 4.7M. The rules are compared with the Unicode tables for every character of two bytes
/// (`common_wide_letters_agree_with_the_unicode_tables`).
#[inline(always)]
fn common_wide_letter(bytes: &[u8]) -> Option<(char, char)> {
    let (&lead, &next) = (bytes.first()?, bytes.get(1)?);
    let cp = u32::from(lead & 0x1F) << 6 | u32::from(next & 0x3F);
    let lower = match cp {
        0xC0..=0xD6 | 0xD8..=0xDE => cp + 0x20,
        0xDF..=0xF6 | 0xF8..=0xFF => cp,
        // Pairs of an even capital and an odd small letter.
        0x100..=0x12F | 0x131..=0x137 | 0x14A..=0x177 => cp | 1,
        // Pairs of an odd capital and an even small letter.
        0x139..=0x148 | 0x179..=0x17E => cp + (cp & 1),
        0x400..=0x40F => cp + 0x50,
        0x410..=0x42F => cp + 0x20,
        0x430..=0x45F => cp,
        _ => return None,
    };
    Some((char::from_u32(cp)?, char::from_u32(lower)?))
}

/// Calls `emit` with the hash of every content unit of `s`, in order; stops when `emit`
/// returns false.
pub(crate) fn units(s: &str, mut emit: impl FnMut(u64) -> bool) {
    let mut word = Word::EMPTY;
    let mut prev_spaceless: Option<char> = None;
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            // ASCII, without decoding: never a spaceless letter.
            prev_spaceless = None;
            // The table that the run is hashed from tells letters and digits too.
            if ASCII_ALNUM_LOWER[usize::from(b)] != 0 {
                let ended;
                (i, ended) = word.push_ascii_run(bytes, i);
                if ended && !word.end(&mut emit) {
                    return;
                }
                continue;
            }
            i += 1;
            if (ends_word_after_ascii(b) || word.len == 0) && !word.end(&mut emit) {
                return;
            }
            continue;
        }
        if b < 0xE0 {
            if let Some((c, lower)) = common_wide_letter(&bytes[i..]) {
                prev_spaceless = None;
                word.push_common_wide(c, lower);
                i += 2;
                continue;
            }
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if spaceless(c) {
            if !word.end(&mut emit) {
                return;
            }
            if let Some(p) = prev_spaceless {
                if !emit(mix(mix(SEED ^ 1, u64::from(p)), u64::from(c))) {
                    return;
                }
            }
            prev_spaceless = Some(c);
            continue;
        }
        prev_spaceless = None;
        if crate::lex::is_wide_alphanumeric(c) {
            word.push_wide(c);
        } else if (c != '’' || word.len == 0) && !word.end(&mut emit) {
            return;
        }
    }
    word.end(&mut emit);
}

/// A set of units (hashes already): an [`OpenSlots`] table probed from a multiple of the
/// unit, where a `HashSet` hashes it again and probes a group of tags. The unit 0 (which a
/// table slot cannot hold) is kept by a flag.
struct UnitSet {
    slots: OpenSlots,
    /// The unit 0 is in the set.
    zero: bool,
}

impl UnitSet {
    /// A set for up to `n` insertions (of new units or not), in the slots of an earlier
    /// set kept on the thread ([`KEPT_SLOTS`]) when there is one.
    fn with_capacity(n: usize) -> Self {
        UnitSet {
            slots: OpenSlots::in_kept_room(&KEPT_SLOTS, n),
            zero: false,
        }
    }

    /// Adds `unit`. No more insertions than the capacity asked for are allowed.
    fn insert(&mut self, unit: u64) {
        if unit == 0 {
            self.zero = true;
        } else {
            // (The table spreads the unit's bits over its slots itself.)
            self.slots.find_or_put(unit, |k| k == unit, unit);
        }
    }

    /// True when `unit` was added.
    fn contains(&self, unit: u64) -> bool {
        if unit == 0 {
            self.zero
        } else {
            self.slots.find(unit, |k| k == unit).is_some()
        }
    }
}

thread_local! {
    /// The slots of the last story's set, kept on the thread for the next one (a set's
    /// slots made fresh were an allocation in two web pages in five): a set is always made
    /// for [`MAX_STORY_UNITS`], 4 KiB of slots. A second set while one is in use gets fresh
    /// slots.
    static KEPT_SLOTS: Cell<Vec<u64>> = const { Cell::new(Vec::new()) };
}

impl<I> Drop for StoryWords<I> {
    /// Gives the set's slots back to the thread ([`KEPT_SLOTS`]).
    fn drop(&mut self) {
        if let Some(mut set) = self.set.take() {
            set.slots.give_back(&KEPT_SLOTS);
        }
    }
}

/// The content units of the story's prose, collected on first use: most texts never ask
/// (few stories run on across a box of related links), and collecting them was a quarter
/// of the parse of short texts. The headline's contenders read the story as far as they
/// need it, with no set ([`read_story`]).
pub(crate) struct StoryWords<I> {
    /// The story's prose blocks, until the units are collected.
    blocks: Cell<Option<I>>,
    /// The units (already hashes: the fast hasher is enough).
    set: OnceCell<UnitSet>,
}

impl<'a, I: Iterator<Item = &'a str>> StoryWords<I> {
    /// The units of `blocks` (the story's prose, in order), up to [`MAX_STORY_UNITS`].
    pub(crate) fn new(blocks: impl IntoIterator<IntoIter = I>) -> Self {
        StoryWords {
            blocks: Cell::new(Some(blocks.into_iter())),
            set: OnceCell::new(),
        }
    }

    /// The units, collected on the first call.
    fn set(&self) -> &UnitSet {
        self.set.get_or_init(|| {
            // Sized for the most units at once: no regrowth while it fills.
            let mut set = UnitSet::with_capacity(MAX_STORY_UNITS);
            let mut taken = 0usize;
            for s in self.blocks.take().into_iter().flatten() {
                units(s, |u| {
                    set.insert(u);
                    taken += 1;
                    taken < MAX_STORY_UNITS
                });
                if taken >= MAX_STORY_UNITS {
                    break;
                }
            }
            set
        })
    }

    /// The share of the content units of `s` that occur in the story, and how many
    /// units `s` has.
    pub(crate) fn share(&self, s: &str) -> (f32, usize) {
        let (mut hits, mut total) = (0usize, 0usize);
        let set = self.set();
        units(s, |u| {
            total += 1;
            hits += usize::from(set.contains(u));
            total < MAX_TEXT_UNITS
        });
        if total == 0 {
            (0.0, 0)
        } else {
            (hits as f32 / total as f32, total)
        }
    }
}

/// The most content units of a text that count in its share of the story
/// ([`StoryWords::share`], [`Tally`]).
const MAX_TEXT_UNITS: usize = 64;

/// The content units of a few texts (a headline's contenders), and how many units of each
/// text the story holds, counted as [`read_story`] reads the story: the counts
/// [`StoryWords::share`] gives once the story is read to its end (or to its
/// [`MAX_STORY_UNITS`]). Kept on the thread with the headline's lists, emptied by
/// [`Tally::clear`].
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// The units of each text in turn, up to [`MAX_TEXT_UNITS`] a text.
    units: Vec<u64>,
    /// Where the units of each text end in `units`.
    ends: Vec<usize>,
    /// How many units of each text the story read holds.
    hits: Vec<usize>,
    /// The units of all the texts, sorted, each once, and whether the story read holds it.
    distinct: Vec<(u64, bool)>,
    /// A filter of `distinct` ([`Tally::may_hold`]): most story units are in no text, and
    /// are told so by one bit.
    filter: [u64; 16],
    /// The story is read to its end or to its [`MAX_STORY_UNITS`]: the counts are final.
    complete: bool,
}

impl Tally {
    /// No text (nothing allocated).
    pub(crate) const EMPTY: Tally = Tally {
        units: Vec::new(),
        ends: Vec::new(),
        hits: Vec::new(),
        distinct: Vec::new(),
        filter: [0; 16],
        complete: false,
    };

    /// No text, and a story not read.
    pub(crate) fn clear(&mut self) {
        self.units.clear();
        self.ends.clear();
        self.hits.clear();
        self.distinct.clear();
        self.complete = false;
    }

    /// Adds text `s`, the next one.
    pub(crate) fn add(&mut self, s: &str) {
        let (list, mut n) = (&mut self.units, 0);
        units(s, |u| {
            list.push(u);
            n += 1;
            n < MAX_TEXT_UNITS
        });
        self.ends.push(self.units.len());
        self.hits.push(0);
    }

    /// How many content units text `t` (the `t`-th added) has, up to [`MAX_TEXT_UNITS`].
    pub(crate) fn total(&self, t: usize) -> usize {
        self.ends[t] - t.checked_sub(1).map_or(0, |p| self.ends[p])
    }

    /// How many of them the story read so far holds (each occurrence counts).
    pub(crate) fn hits(&self, t: usize) -> usize {
        self.hits[t]
    }

    /// True when the story is read to its end (or to its [`MAX_STORY_UNITS`]), so that
    /// [`Tally::hits`] are final.
    pub(crate) fn complete(&self) -> bool {
        self.complete
    }

    /// The bit of `unit` in [`Tally::filter`]: the high ten bits of its product with an
    /// odd constant, which depend on all its bits. (The unit's own high ten bits, those of
    /// one FNV step, hang mostly on a few bits of the third byte of a short word's step: on
    /// web pages 3,312 of 18,568 story units passed the filter of no text, where 266 do now,
    /// [`Tally::see`] asked 4,736 times a pass → 1,690; one pass seed variants 74.89 →
    /// 74.72 instructions a byte, web pages 77.80 → 77.73.)
    #[inline]
    fn bit(unit: u64) -> (usize, u64) {
        let k = (unit.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize;
        (k >> 6, 1 << (k & 63))
    }

    /// Makes the list of distinct units and their filter, once the texts are added.
    fn prepare(&mut self) {
        self.distinct.extend(self.units.iter().map(|&u| (u, false)));
        self.distinct.sort_unstable_by_key(|&(u, _)| u);
        self.distinct.dedup();
        self.filter = [0; 16];
        for &(u, _) in &self.distinct {
            let (word, bit) = Self::bit(u);
            self.filter[word] |= bit;
        }
    }

    /// False when no text has `unit` (told by one bit); true when one may.
    #[inline]
    fn may_hold(&self, unit: u64) -> bool {
        let (word, bit) = Self::bit(unit);
        self.filter[word] & bit != 0
    }

    /// Counts story unit `unit`: true when it is a unit of a text that the story had not
    /// held so far (the hits of the texts that have it go up).
    ///
    /// (Never inlined: asked only of the few units that pass the filter, it kept the
    /// closure [`read_story`] hands [`units`] out of line, a call for every unit.)
    #[inline(never)]
    fn see(&mut self, unit: u64) -> bool {
        let Ok(j) = self.distinct.binary_search_by_key(&unit, |&(u, _)| u) else {
            return false;
        };
        if std::mem::replace(&mut self.distinct[j].1, true) {
            return false;
        }
        let mut from = 0;
        for (hits, &end) in self.hits.iter_mut().zip(&self.ends) {
            *hits += self.units[from..end].iter().filter(|&&u| u == unit).count();
            from = end;
        }
        true
    }
}

/// Reads the content units of `blocks` (a story's prose, in order), up to
/// [`MAX_STORY_UNITS`] as [`StoryWords`] takes them, into `tally`, whose texts are all
/// added; `enough` is asked before the first unit, after each unit that raises a text's
/// hits, and, unless it said yes before, once the story is read (the tally complete): the
/// reading stops at its first yes. A headline's contenders ask for as much of the story as
/// tells the winner: on web pages 18,568 story units were read in place of 30,182, and
/// 5 stories of 133 not at all.
pub(crate) fn read_story<'a>(
    blocks: impl Iterator<Item = &'a str>,
    tally: &mut Tally,
    mut enough: impl FnMut(&Tally) -> bool,
) {
    tally.prepare();
    if enough(tally) {
        return;
    }
    let (mut taken, mut stop) = (0usize, false);
    for s in blocks {
        units(s, |u| {
            taken += 1;
            stop = tally.may_hold(u) && tally.see(u) && enough(tally);
            !stop && taken < MAX_STORY_UNITS
        });
        if stop {
            return;
        }
        if taken >= MAX_STORY_UNITS {
            break;
        }
    }
    tally.complete = true;
    enough(tally);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<u64> {
        let mut v = Vec::new();
        units(s, |u| {
            v.push(u);
            true
        });
        v
    }

    /// [`units`] as it was before its ASCII fast path.
    /// Calls `emit` with the hash of every content unit of `s`, in order; stops when `emit`
    /// returns false.
    fn units_reference(s: &str, mut emit: impl FnMut(u64) -> bool) {
        let mut h = SEED;
        // The hash before the last character: "bridges" counts as "bridge".
        let mut before_last = SEED;
        let mut last = ' ';
        let mut len = 0usize;
        let mut prev_spaceless: Option<char> = None;
        let flush = |h: u64,
                     before_last: u64,
                     last: char,
                     len: usize,
                     emit: &mut dyn FnMut(u64) -> bool| {
            if len >= MIN_WORD_CHARS {
                emit(if last == 's' && len > MIN_WORD_CHARS {
                    before_last
                } else {
                    h
                })
            } else {
                true
            }
        };
        for c in s.chars() {
            if spaceless(c) {
                if !flush(h, before_last, last, len, &mut emit) {
                    return;
                }
                (h, len) = (SEED, 0);
                if let Some(p) = prev_spaceless {
                    if !emit(mix(mix(SEED ^ 1, u64::from(p)), u64::from(c))) {
                        return;
                    }
                }
                prev_spaceless = Some(c);
                continue;
            }
            prev_spaceless = None;
            if crate::lex::is_alphanumeric(c) {
                before_last = h;
                last = c;
                if c.is_ascii() {
                    h = mix(h, u64::from(c.to_ascii_lowercase()));
                } else {
                    for l in c.to_lowercase() {
                        h = mix(h, u64::from(l));
                    }
                }
                len += 1;
            } else if c != '\'' && c != '’' && c != '-' || len == 0 {
                if !flush(h, before_last, last, len, &mut emit) {
                    return;
                }
                (h, len) = (SEED, 0);
            }
        }
        flush(h, before_last, last, len, &mut emit);
    }

    fn all_reference(s: &str) -> Vec<u64> {
        let mut v = Vec::new();
        units_reference(s, |u| {
            v.push(u);
            true
        });
        v
    }

    #[test]
    fn units_agree_with_the_reference() {
        const PIECES: &[&str] = &[
            "Bridges",
            "bridge",
            "COUNCIL",
            "don't",
            "don’t",
            "well-known",
            "-",
            "'",
            "’",
            " ",
            "  ",
            "東京",
            "の",
            "橋",
            "Москва",
            "İstanbul",
            "ÉTÉS",
            "s",
            "S",
            "1234",
            "x",
            ",",
            ".",
            "—",
            "“",
            "ß",
            "ﬁ",
            "a",
            "ab",
            "abcs",
            "\n",
            "\u{200B}",
            "ไทย",
            "한국",
            // The Kelvin sign, whose lower case is the ASCII "k".
            "\u{212A}",
            "k",
            "elvin",
            "abcdefgh",
            "ABCDEFGHs",
            "abcdefg",
            "Abcdefs",
            "abcs-",
            "abcs'",
            "abcs’",
            "\u{0}",
            "9",
            "é",
            "ÀÞßÿ",
            "×÷",
            "ĲĳĸĹŉŊŸŹžſ",
            "ЀЏАЯаяѐџѠ",
            "Ελλάδα",
            "ª²",
        ];
        // The units are hashes of other steps than the reference's ([`Word`]): they agree
        // with its units one for one, over all the texts: as many, in order, and two of them
        // equal exactly when the reference's are.
        let mut to_reference = std::collections::HashMap::new();
        let mut from_reference = std::collections::HashMap::new();
        let mut agree = |a: &[u64], b: &[u64], s: &str| {
            assert_eq!(a.len(), b.len(), "{s:?}");
            for (&x, &y) in a.iter().zip(b) {
                assert_eq!(*to_reference.entry(x).or_insert(y), y, "{s:?}");
                assert_eq!(*from_reference.entry(y).or_insert(x), x, "{s:?}");
            }
        };
        let mut rng = crate::testgen::Rng::new(0x9e37_79b9);
        for _ in 0..20_000 {
            let n = 1 + rng.below(12);
            let s = rng.text(PIECES, n);
            agree(&all(&s), &all_reference(&s), &s);
            // Stopping early stops at the same unit.
            for stop in 1..4 {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                units(&s, |u| {
                    a.push(u);
                    a.len() < stop
                });
                units_reference(&s, |u| {
                    b.push(u);
                    b.len() < stop
                });
                agree(&a, &b, &s);
            }
        }
        // Enough texts that a unit made wrongly would have met another.
        assert!(to_reference.len() > 1000, "{}", to_reference.len());
    }

    /// [`common_wide_letter`] answers, for every character of two bytes of UTF-8, either
    /// nothing or a letter as [`units`]' general way takes it: alphanumeric, of a script
    /// with spaces, with the one code point of its lower case beyond ASCII; and it answers
    /// for the letters of the ranges it names.
    #[test]
    fn common_wide_letters_agree_with_the_unicode_tables() {
        let mut answered = 0;
        for cp in 0x80..0x800u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            // Whatever follows the character.
            for tail in [&b""[..], b"a", b"\xc3\xa9"] {
                let text = [bytes, tail].concat();
                let Some((d, lower)) = common_wide_letter(&text) else {
                    continue;
                };
                answered += 1;
                assert_eq!(d, c, "{c:?}");
                assert!(
                    crate::lex::is_wide_alphanumeric(c) && !spaceless(c),
                    "{c:?}"
                );
                let plain: Vec<char> = c.to_lowercase().collect();
                assert_eq!(plain, [lower], "{c:?}");
                assert!(!lower.is_ascii(), "{c:?}");
            }
        }
        // The Latin-1 and Latin Extended-A letters but ×, ÷, İ, ĸ, ŉ, Ÿ, ſ and the 96
        // basic Cyrillic ones, after each tail.
        assert_eq!(answered, 3 * (62 + 128 - 5 + 96));
    }

    /// [`ascii_alnum_run`] of every byte at every place of eight bytes of letters, and of
    /// random bytes, is what a look at each byte finds.
    #[test]
    fn ascii_alnum_run_is_a_byte_walk() {
        let plain = |w: u64| {
            let bytes = w.to_le_bytes();
            let n = bytes
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let mut lowered = [0u8; 8];
            for (l, b) in lowered.iter_mut().zip(&bytes[..n]) {
                *l = b.to_ascii_lowercase();
            }
            (u64::from_le_bytes(lowered), n)
        };
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"AbcdeFgh";
                bytes[at] = b;
                let w = u64::from_le_bytes(bytes);
                assert_eq!(ascii_alnum_run(w), plain(w), "{b:#x} at {at}");
            }
        }
        let mut rng = crate::testgen::Rng::new(0xa1);
        for _ in 0..100_000 {
            let w = (0..8).fold(0u64, |w, _| {
                let b = match rng.below(4) {
                    0 => rng.below(256) as u8,
                    1 => b"0129@[`{/:AZaz"[rng.below(14)],
                    _ => b'a' + rng.below(26) as u8,
                };
                w << 8 | u64::from(b)
            });
            assert_eq!(ascii_alnum_run(w), plain(w), "{w:#x}");
        }
    }

    /// [`UnitSet`] holds what a `HashSet` holds, for units that repeat, units that share
    /// their first slot, the unit 0, and sets given as many insertions as they allow.
    #[test]
    fn unit_set_is_a_hash_set() {
        let mut rng = crate::testgen::Rng::new(5);
        for n in [1usize, 2, 3, 7, 8, 9, 100, MAX_STORY_UNITS, 1000] {
            let mut set = UnitSet::with_capacity(n);
            let mut plain = std::collections::HashSet::new();
            let pick = |rng: &mut crate::testgen::Rng| match rng.below(8) {
                0 => 0,
                1 => u64::MAX,
                // Small units, which differ in their low bits only.
                2 => (rng.below(16) as u64) << 3,
                _ => all(&rng.text(&["bridge", "Council", "harbour", " ", "東京"], 3))
                    .first()
                    .copied()
                    .unwrap_or(7),
            };
            for _ in 0..n {
                let u = pick(&mut rng);
                set.insert(u);
                plain.insert(u);
            }
            for _ in 0..2 * n {
                let u = pick(&mut rng);
                assert_eq!(set.contains(u), plain.contains(&u), "n {n}, unit {u:x}");
            }
            for &u in &plain {
                assert!(set.contains(u));
            }
        }
    }

    /// A [`Tally`] of a story read to its end counts what [`StoryWords::share`] gives each
    /// text, and one stopped early counts no more than that; with one tally kept from case
    /// to case.
    #[test]
    fn tally_counts_what_share_gives() {
        const WORDS: &[&str] = &[
            "bridge ", "Bridges ", "harbour ", "river ", "the ", "東京", "の", "橋", "2024 ", ", ",
            "alpha ", "gamma ", "Council ",
        ];
        let mut rng = crate::testgen::Rng::new(0x7a11);
        let mut tally = Tally::EMPTY;
        for _ in 0..5_000 {
            let texts: Vec<String> = (0..rng.below(5))
                .map(|_| {
                    let words = if rng.below(10) == 0 { 80 } else { rng.below(8) };
                    rng.text(WORDS, words)
                })
                .collect();
            let story: Vec<String> = (0..rng.below(4))
                .map(|_| {
                    let most = if rng.below(5) == 0 { 600 } else { 30 };
                    let words = rng.below(most);
                    rng.text(WORDS, words)
                })
                .collect();
            let whole = StoryWords::new(story.iter().map(String::as_str));
            let stop = rng.below(4);
            for full in [true, false] {
                tally.clear();
                for t in &texts {
                    tally.add(t);
                }
                let mut asked = 0;
                read_story(story.iter().map(String::as_str), &mut tally, |_| {
                    asked += 1;
                    !full && asked > stop
                });
                assert!(tally.complete() || !full);
                for (k, t) in texts.iter().enumerate() {
                    let (share, n) = whole.share(t);
                    assert_eq!(tally.total(k), n, "{t:?}");
                    let hits = tally.hits(k);
                    if tally.complete() {
                        assert_eq!(hits as f32 / n.max(1) as f32, share, "{t:?} {story:?}");
                    } else {
                        assert!(hits as f32 / n.max(1) as f32 <= share, "{t:?} {story:?}");
                    }
                }
            }
        }
    }

    /// [`Tally`]'s filter lets few story units of no text through: units of words that
    /// differ from the texts' in one letter or more (the filter's bits spread them).
    #[test]
    fn tally_filter_passes_few_strangers() {
        let mut rng = crate::testgen::Rng::new(0xf17);
        let word = |rng: &mut crate::testgen::Rng| -> String {
            let n = 4 + rng.below(6);
            (0..n)
                .map(|_| char::from(b'a' + rng.below(26) as u8))
                .collect()
        };
        let mut tally = Tally::EMPTY;
        let (mut passed, mut asked) = (0, 0);
        for _ in 0..50 {
            tally.clear();
            let texts: Vec<String> = (0..3)
                .map(|_| (0..10).map(|_| word(&mut rng) + " ").collect())
                .collect();
            for t in &texts {
                tally.add(t);
            }
            tally.prepare();
            let own: Vec<u64> = texts.iter().flat_map(|t| all(t)).collect();
            for _ in 0..400 {
                let u = all(&word(&mut rng))[0];
                if !own.contains(&u) {
                    asked += 1;
                    passed += usize::from(tally.may_hold(u));
                }
            }
        }
        // Thirty units in 1,024 bits: about 3% pass.
        assert!(passed * 100 < 6 * asked, "{passed} of {asked}");
    }

    #[test]
    fn content_words_only() {
        // "the", "of", "a" are too short; "Bridges" folds to "bridge".
        assert_eq!(all("the bridge of a town").len(), 2);
        assert_eq!(all("Bridges"), all("bridge"));
        assert_eq!(all("COUNCIL"), all("council"));
        assert_eq!(all("Ciudad"), all("ciudad"));
        assert_eq!(all("Москва"), all("москва"));
        assert_eq!(all("don't stop"), all("dont stop"));
    }

    #[test]
    fn spaceless_scripts_give_pairs() {
        assert_eq!(all("東京の橋").len(), 3);
        assert_eq!(all("東京").len(), 1);
    }

    #[test]
    fn headline_shares_words_with_its_story() {
        let story = StoryWords::new([
            "The city council voted on Tuesday to close the old harbour bridge.",
            "Inspectors found cracks in two piers of the bridge last month.",
        ]);
        let (own, n) = story.share("Council closes the old harbour bridge");
        assert!(n >= 3 && own >= 0.75, "{own}");
        let (other, _) = story.share("Ten recipes for summer picnics");
        assert!(other < 0.1, "{other}");
        let jp = StoryWords::new(["東京で新しい橋が開通した。多くの人が訪れた。"]);
        assert!(jp.share("東京の新しい橋").0 >= 0.5);
        assert!(jp.share("大阪城の桜祭り").0 < 0.2);
    }
}
