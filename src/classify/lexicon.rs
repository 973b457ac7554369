//! Word and phrase lists of the classify stage, read once from `src/data/`.
//!
//! Everything is matched on *folded* text: lower case, every run of characters that are not
//! letters or digits turned into one space (`©` and `@` are kept as words), trimmed.

// The tables hash with FastHasher (eight bytes a step): they are only looked up, never
// walked in an order that shows in the output.
use crate::fasthash::{FastBuild, FastHasher, Shapes};
use crate::model::BoilerplateReason;
use std::cell::Cell;
use std::collections::HashMap;
#[cfg(test)]
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: a fast hash for the short keys of the word lists (no untrusted keys are
/// stored; lookups with input words only read).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hasher builder for [`Fnv`].
pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;

const PHRASES: &str = include_str!("../data/boilerplate_phrases.txt");
pub(super) const WORDS: &str = include_str!("../data/classify_words.txt");

/// How a boilerplate phrase must occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The block consists of such words only.
    All,
    /// Anywhere in a short block that is not a sentence.
    Any,
    /// Anywhere in a short block that is not a sentence and does not end with sentence
    /// punctuation ([`Reading::Open`]): a reader's comment header ("Jane Doe says:"),
    /// where a story's short line ("“Never,” she says.") ends with a stop.
    Open,
    /// Anywhere in a block of up to 40 words.
    Strong,
}

/// A byte string looked for in texts, many times over ([`Lexicon::holds_long_anchor`],
/// `promo::may_urge`). On x86-64 with AVX2, by memchr's AVX2 pair searcher called
/// straight (`pair`): the one that its `memmem` searcher picks there and calls through a
/// function pointer and a dispatch on the searcher's kind, ~20 instructions a search. A
/// text shorter than the pair searcher takes, or a machine without AVX2, is left to
/// `memmem`.
#[derive(Debug)]
pub(super) struct Needle {
    finder: memchr::memmem::Finder<'static>,
    #[cfg(target_arch = "x86_64")]
    pair: Option<memchr::arch::x86_64::avx2::packedpair::Finder>,
}

impl Needle {
    pub(super) fn new(needle: &[u8]) -> Needle {
        Needle {
            finder: memchr::memmem::Finder::new(needle).into_owned(),
            #[cfg(target_arch = "x86_64")]
            pair: memchr::arch::x86_64::avx2::packedpair::Finder::new(needle),
        }
    }

    /// The bytes looked for.
    pub(super) fn needle(&self) -> &[u8] {
        self.finder.needle()
    }

    /// True when `text` holds the needle.
    #[inline]
    pub(super) fn is_in(&self, text: &[u8]) -> bool {
        #[cfg(target_arch = "x86_64")]
        if let Some(pair) = &self.pair {
            if text.len() >= pair.min_haystack_len() {
                return pair.find(text, self.needle()).is_some();
            }
        }
        self.finder.find(text).is_some()
    }
}

/// The fewest bytes an anchor of the long blocks' phrases is cut to when it is shared
/// ([`add_long_anchor`]).
const MIN_SHARED_ANCHOR: usize = 5;

/// Gives `phrase` (folded, holding no anchor of `anchors`) an anchor: its longest word, or,
/// when one of its words shares a run of [`MIN_SHARED_ANCHOR`] bytes or more with an
/// anchor, the longest such run in that anchor's place, which serves the phrases of both
/// ("right" of "copyright" and "all rights reserved"): one search of each long block fewer
/// ([`Lexicon::holds_long_anchor`]). A run of an anchor is in every text the anchor is in.
fn add_long_anchor<'a>(anchors: &mut Vec<&'a [u8]>, phrase: &'a [u8]) {
    let words = || phrase.split(|&b| b == b' ');
    let mut best: Option<(usize, &'a [u8])> = None;
    for (k, &anchor) in anchors.iter().enumerate() {
        for word in words() {
            // The longest run of `word` that `anchor` holds, the first of the longest.
            for start in 0..word.len() {
                for end in (start + MIN_SHARED_ANCHOR..=word.len()).rev() {
                    let run = &word[start..end];
                    if best.is_some_and(|(_, b)| b.len() >= run.len()) {
                        break;
                    }
                    if memchr::memmem::find(anchor, run).is_some() {
                        best = Some((k, run));
                    }
                }
            }
        }
    }
    match best {
        Some((k, run)) => anchors[k] = run,
        None => anchors.push(words().max_by_key(|w| w.len()).unwrap_or_default()),
    }
}

/// How a block reads, for the phrases that count in it ([`Lexicon::boilerplate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Neither of the others: every mode of phrase counts (in a short block).
    Open,
    /// Not a [`Reading::Sentence`], but it ends with sentence punctuation ("He says."):
    /// [`Mode::Open`] phrases do not count.
    Ended,
    /// A sentence of six words or more: only [`Mode::Strong`] phrases count.
    Sentence,
}

/// The lists, parsed.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Folded phrase (its bytes) → (reason, mode).
    phrases: HashMap<&'static [u8], (BoilerplateReason, Mode), FastBuild>,
    /// The first words of the `all` phrases.
    all_starts: Starts,
    /// The first words of the phrases that a block may merely contain: `any` and `strong`.
    contained_starts: Starts,
    /// The first words of the `strong` phrases.
    strong_starts: Starts,
    /// The first words of the `strong` phrases that count in a long block: cookie and
    /// copyright notices.
    long_starts: Starts,
    /// The longest word of each phrase of `long_starts`: a long block that holds none of
    /// them holds none of those phrases. Those of ASCII bytes alone first ("cookie",
    /// "right", "settings"), then the others ("©"), which a text of ASCII bytes cannot hold.
    long_anchors: Vec<Needle>,
    /// How many of `long_anchors` are of ASCII bytes alone (the first ones).
    ascii_long_anchors: usize,
    /// The shapes of the longest word of each `strong` phrase: a block of which no word
    /// passes them holds no strong phrase ([`Lexicon::may_hold_strong_anchor`]).
    strong_anchors: Shapes,
    /// Folded word → its kinds (`month`, `byline`, …), a bit each ([`kind_bit`]): looked
    /// up by its first eight bytes, with no hashing of the word and no comparison of kind
    /// names.
    words: PackedWords,
    /// A filter in front of `words`.
    word_shapes: Shapes,
    /// The first folded words of the entries of lists `byline` and `credit`.
    byline_heads: Heads,
    credit_heads: Heads,
    /// A filter that passes every word of the lists, every first word of an entry of
    /// `byline` or `credit`, every first word of a phrase and every word of a call to action
    /// ([`super::promo::KIND_WORDS`]): [`Lexicon::may_hold_listed_word`].
    listed: Shapes,
    /// The keys ([`word_key`]) of the words `listed` was built from: the test behind the
    /// filter. Two words of one key are possible, and only make a word pass that need not.
    listed_keys: super::KeySet,
    /// The word sets of [`WordSets`] together, for [`Lexicon::word_sets`]: entry
    /// [`word_slot`] of a word holds the bit of each set that holds a word of that entry.
    set_table: Box<[u8; WORD_SLOTS]>,
    /// The bits of [`WordSets`] every block gets: those of a list with an entry that folds
    /// to nothing ([`Heads::matches_all`]), which any text matches. (None, with the data as
    /// it is.)
    always_sets: u8,
}

/// What [`Lexicon::word_sets`] finds of each word of a block, for the phrase search
/// ([`Lexicon::boilerplate`]) made right after it: where the words start, and the sets of
/// [`WordSets`] each may be in, so that the search looks at the words that may start a
/// phrase alone ([`WordStarts::passing`]) rather than at every word.
#[derive(Debug, Clone)]
pub(crate) struct WordStarts {
    /// Where word `i` starts in the folded text, for each of its words (up to
    /// [`MAX_SEARCHED_WORDS`]), and after the last one, where a word after it would start
    /// (the text's length and one).
    at: [u32; MAX_SEARCHED_WORDS + 1],
    /// The number of words.
    words: usize,
    /// The bits of the sets word `i` may be in (its entry of [`Lexicon::set_table`]); 0
    /// past the last word.
    sets: [u8; MAX_SEARCHED_WORDS],
}

impl Default for WordStarts {
    fn default() -> Self {
        WordStarts {
            at: [0; MAX_SEARCHED_WORDS + 1],
            words: 0,
            sets: [0; MAX_SEARCHED_WORDS],
        }
    }
}

impl WordStarts {
    /// Where the `k`-th word after word `index` (`k` = 0 for that word itself) ends, counted
    /// from where word `index` starts: read off where the word after it starts (the last
    /// word's "next start" is one past the text). `index + k` must be one of the words.
    #[inline(always)]
    fn end(&self, index: usize, k: usize) -> usize {
        (self.at[index + k + 1] - 1 - self.at[index]) as usize
    }

    /// [`word_ends`] of the text from word `index` (one of the words) on, for `n` words: the
    /// ends of the words from there ([`WordStarts::end`], as the phrase search reads them,
    /// [`Lexicon::boilerplate`]), with no word measured.
    #[inline(always)]
    fn word_ends(&self, index: usize, n: usize) -> WordEnds {
        let mut ends = WordEnds {
            ends: [0; MAX_PHRASE_WORDS],
            len: n.min(MAX_PHRASE_WORDS).min(self.words - index),
        };
        for k in 0..ends.len {
            ends.ends[k] = self.end(index, k);
        }
        ends
    }

    /// The words that may be in set `bit` (one bit of [`WordSets`]): bit `i` for word `i`.
    /// Eight words at a time, with no test of any: the bit of each of eight bytes moved to
    /// bit 0 of its byte, and the eight gathered into the top byte by one multiplication
    /// (byte `j`'s bit lands on bit `56 + j`; the other products land below bit 56 with no
    /// carry into it, or past bit 63). The test `passing_words_are_those_with_the_bit`
    /// checks it against a loop over the words. Only the eights that hold a word are read
    /// (the entries past the last word are 0).
    fn passing(&self, bit: u8) -> u64 {
        const LOW: u64 = 0x0101_0101_0101_0101;
        const GATHER: u64 = 0x0102_0408_1020_4080;
        let shift = bit.trailing_zeros();
        let mut words = 0;
        for (c, chunk) in self
            .sets
            .chunks_exact(8)
            .take(self.words.div_ceil(8))
            .enumerate()
        {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            words |= ((x >> shift & LOW).wrapping_mul(GATHER) >> 56) << (8 * c);
        }
        words
    }
}

/// The entries of [`Lexicon::set_table`]: 16 KB, a fortieth of them taken by the 400-odd
/// words of its sets. (At 4 KB, a set's bit passed one word in a hundred that is not in it,
/// a third of the blocks of forty words: web pages' mispredicts in the stage 334K → 310K
/// with 16 KB, wall time the same or better.)
const WORD_SLOTS: usize = 1 << 14;

/// The entry of [`Lexicon::set_table`] of a folded word whose key ([`set_key`]) is `key`:
/// the top bits of one multiplication of it.
#[inline(always)]
fn word_slot(key: u64) -> usize {
    let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> (64 - WORD_SLOTS.trailing_zeros())) as usize
}

/// The key of a folded word (not empty) in [`Lexicon::set_table`]: the first eight bytes of
/// the word and the space after it, as an integer (little-endian), padded with zeros. A
/// word of up to seven bytes is told by its key (the space marks where it ends: a folded
/// word holds no space nor zero byte); longer words that share their first eight bytes
/// share it. That is the word's eight bytes read from the text by [`Lexicon::word_sets`],
/// cut after the first space by the flags that found it (three steps, where cutting them
/// at the word's end and mixing in its length took eight: one pass of the seed variants
/// 91.25 → 90.53 instructions a byte, web pages 96.15 → 95.60). The test
/// `word_sets_are_those_of_the_words` checks the walk against this.
fn set_key(word: &[u8]) -> u64 {
    let mut key = [0u8; 8];
    for (k, &b) in key.iter_mut().zip(word.iter().chain([&b' '])) {
        *k = b;
    }
    u64::from_le_bytes(key)
}

/// Which of a few word sets hold some word of a block's folded text, from one walk over its
/// words ([`Lexicon::word_sets`]) made in the feature pass, for the word walks made after
/// it: each of them finds nothing in a block that holds no word of its set, and asks the
/// set's bit first, so that such a block is answered with no walk. Measured on web pages,
/// those walks paid a mispredicted branch every few words (word lengths, loop exits, and
/// filters that most words of prose pass: "to", "you", "said" has the shape of "send").
///
/// The bits are known only of the blocks the walk was made for (blocks of 2 to
/// [`MAX_SEARCHED_WORDS`] folded words whose fold is kept and that may hold a listed word:
/// `features::with_fold`), from
/// exactly the folded text [`super::features::Features::folded`] holds; the default value
/// knows nothing and rules nothing out ([`WordSets::rules_out`]).
///
/// A set's bit is set when some word of the block has an entry of [`Lexicon::set_table`]
/// ([`word_slot`]) that holds the bit: every word of a set sets its bit at its own entry,
/// and other words share entries, so that a bit set says only "maybe", a bit clear "no word
/// of the block is in the set". Why a clear bit is the walk's "nothing", for each set:
///
/// * [`WordSets::STRONG_ANCHOR`]: a block holds a phrase only as a run of its own words
///   (the phrases are looked up as runs of whole folded words), so a block with no anchor
///   (one word of each strong phrase) holds no strong phrase; [`Lexicon::boilerplate`] asks
///   only when it looks for strong phrases alone.
/// * [`WordSets::CONTAINED_START`], [`WordSets::STRONG_START`]: the phrase search looks up
///   phrases only at a word that starts one of the set (its lengths are not 0, which only a
///   word of the set has), in order: it looks at the words that may be in the set alone
///   ([`WordStarts`]), in the same order, and at none when the bit is clear.
/// * [`WordSets::URGING`], [`WordSets::IMPERATIVE`]: see `promo::call_to_action`.
/// * [`WordSets::BYLINE_HEAD`], [`WordSets::CREDIT_HEAD`]: [`Heads::any_in`] is true only for
///   a text with a word of its `set` (or for any text, with an entry that folds to nothing:
///   then [`Lexicon::always_sets`] sets the bit of every block).
///
/// The tests `word_sets_are_those_of_the_words` (the bits against the sets, on generated
/// texts) and `phrase_search_finds_what_a_plain_search_finds` (the search with the sets
/// against a plain one) check this; so do the tests of the calls to action and of the
/// credit and byline recognizers against their references.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordSets(u8);

impl WordSets {
    /// The anchors of the `strong` phrases: the longest word of each (the filter of
    /// [`Lexicon::may_hold_strong_anchor`] takes their shapes).
    pub(crate) const STRONG_ANCHOR: u8 = 1;
    /// The first words of the phrases [`Lexicon::boilerplate`] looks for in a short block
    /// that is no sentence (`contained_starts`).
    pub(crate) const CONTAINED_START: u8 = 1 << 1;
    /// The first words of the phrases it looks for in any other block of up to
    /// [`MAX_SEARCHED_WORDS`] words (`strong_starts`).
    pub(crate) const STRONG_START: u8 = 1 << 2;
    /// The words that signal a call to action on their own but the bare imperatives
    /// (`promo::URGING_WORDS`: the words of the act, "here", "click").
    pub(crate) const URGING: u8 = 1 << 3;
    /// The first words of the entries of list `byline` ([`Lexicon::may_hold_byline_word`]).
    pub(crate) const BYLINE_HEAD: u8 = 1 << 4;
    /// The first words of the entries of list `credit` ([`Lexicon::may_hold_credit_word`]).
    pub(crate) const CREDIT_HEAD: u8 = 1 << 5;
    /// The imperatives of a call to action but "subscribe" and "click"
    /// (`promo::IMPERATIVE_WORDS`).
    pub(crate) const IMPERATIVE: u8 = 1 << 6;
    /// The other bits are known: the walk was made.
    const KNOWN: u8 = 1 << 7;
    /// In [`Lexicon::set_table`] and [`WordStarts::sets`] alone, the bit of [`KNOWN`]'s
    /// place: the first words of the `all` phrases. (The walk ors it into the block's sets
    /// with the others, where [`WordSets::KNOWN`] sets that bit anyway.)
    const ALL_START: u8 = Self::KNOWN;

    /// True when the walk was made and no word of the block is in set `bit`: the walk that
    /// needs such a word would find nothing.
    #[inline(always)]
    pub(crate) fn rules_out(self, bit: u8) -> bool {
        self.0 & (Self::KNOWN | bit) == Self::KNOWN
    }

    /// True when the walk was made and some word of the block may be in set `bit` (its
    /// walk would go on).
    #[inline(always)]
    pub(crate) fn passes(self, bit: u8) -> bool {
        self.0 & (Self::KNOWN | bit) == Self::KNOWN | bit
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            phrases: HashMap::default(),
            all_starts: Starts::default(),
            contained_starts: Starts::default(),
            strong_starts: Starts::default(),
            long_starts: Starts::default(),
            long_anchors: Vec::new(),
            ascii_long_anchors: 0,
            strong_anchors: Shapes::default(),
            words: PackedWords::default(),
            word_shapes: Shapes::default(),
            byline_heads: Heads::default(),
            credit_heads: Heads::default(),
            listed: Shapes::default(),
            listed_keys: super::KeySet::default(),
            set_table: Box::new([0; WORD_SLOTS]),
            always_sets: 0,
        }
    }
}

/// The key of a folded word for [`Lexicon::may_hold_listed_word`]: the hash of its bytes that
/// a block of that one word gets as its key ([`super::features::Features::key`]), never 0.
#[inline]
pub(crate) fn word_key(word: &[u8]) -> u64 {
    let mut h = crate::fasthash::FastHasher::default();
    h.write(word);
    h.write_u8(0xff);
    h.finish().max(1)
}

/// The first words of a set of phrases, each with the numbers of words of the phrases of
/// the set it starts.
#[derive(Debug, Default)]
struct Starts {
    /// First word → bit `n` set for each phrase of `n` words it starts.
    lengths: PackedWords,
    /// A filter in front of `lengths`: most words are ruled out without a look-up.
    shapes: Shapes,
}

impl Starts {
    /// The starts of phrases given by their first words and numbers of words
    /// ([`first_and_count`]).
    fn new(phrases: impl IntoIterator<Item = (&'static [u8], usize)>) -> Self {
        let entries: Vec<(&[u8], u16)> = phrases
            .into_iter()
            .map(|(first, n)| (first, 1 << n))
            .collect();
        let lengths = PackedWords::new(&entries);
        let shapes = Shapes::of_bytes(lengths.words());
        Starts { lengths, shapes }
    }

    /// The numbers of words of the phrases of the set starting with the folded word
    /// `rest[..len]` (`rest` is the text from the word on), as bits (bit `n` for `n` words;
    /// 0 when none starts with it).
    #[inline(always)]
    fn lengths_from(&self, rest: &[u8], len: usize) -> u16 {
        match rest.get(..len) {
            Some([first, .., last]) => self.lengths_of(rest, len, *first, *last),
            Some(&[only]) => self.lengths_of(rest, len, only, only),
            _ => 0,
        }
    }

    /// [`Starts::lengths_from`] of the word `rest[..len]` (not empty), which starts with
    /// `first` and ends with `last`.
    #[inline(always)]
    fn lengths_of(&self, rest: &[u8], len: usize, first: u8, last: u8) -> u16 {
        if !self.shapes.may_contain_shape(first, last, len) {
            return 0;
        }
        self.lengths.get(rest, len)
    }

    /// [`Starts::lengths_from`] of the first word of `rest`, with its length: the word is
    /// measured as [`word_len`] measures it, and a word of up to seven bytes is told from
    /// the eight bytes that measured it, with no further load.
    #[inline(always)]
    fn first_word_lengths(&self, rest: &[u8]) -> (usize, u16) {
        let len = word_len(rest);
        let lengths = match rest.first_chunk::<8>() {
            Some(&chunk) if (1..8).contains(&len) => {
                let x = u64::from_le_bytes(chunk);
                self.lengths_of(rest, len, x as u8, (x >> (8 * (len - 1))) as u8)
            }
            _ => self.lengths_from(rest, len),
        };
        (len, lengths)
    }
}

/// A table of folded words with a `u16` each, looked up by a word's first eight bytes as
/// an integer: open addressing on one multiplication of it, in a table at most a quarter
/// full, and a word of up to eight bytes compared as that one integer (a folded word holds
/// no zero byte, so its bytes padded with zeros tell it).
#[derive(Debug, Default)]
struct PackedWords {
    /// The slots: a word's first bytes as an integer (0 for an empty slot), its length,
    /// its bytes and its value.
    slots: Vec<(u64, usize, &'static [u8], u16)>,
    /// The bits of a slot index.
    bits: u32,
}

impl PackedWords {
    /// The table of `entries`, words with their values (an empty word is left out): a word
    /// given more than once gets the OR of its values. The entries go straight into the
    /// slots of a table sized for all of them, which merges the repeats as it probes; when
    /// fewer words are left than the size was for, they are moved to a table of their
    /// size, the size a table built from the distinct words has. (Gathered in a hashed map
    /// first, with each word copied to a `Box` on every add, the first words of the 359
    /// phrases took 0.33M instructions.)
    fn new(entries: &[(&'static [u8], u16)]) -> Self {
        let mut table = PackedWords::with_room(entries.len());
        let mut words = 0;
        for &(w, v) in entries.iter().filter(|(w, _)| !w.is_empty()) {
            let head = Self::head(w, w.len());
            let mut i = table.index(head, w.len());
            loop {
                let slot = &mut table.slots[i];
                if slot.0 == 0 {
                    *slot = (head, w.len(), w, v);
                    words += 1;
                    break;
                }
                if slot.0 == head && slot.1 == w.len() && *slot.2 == *w {
                    slot.3 |= v;
                    break;
                }
                i = (i + 1) & (table.slots.len() - 1);
            }
        }
        let room = PackedWords::with_room(words);
        if room.bits == table.bits {
            return table;
        }
        let mut moved = room;
        for slot in std::mem::take(&mut table.slots) {
            if slot.0 != 0 {
                let mut i = moved.index(slot.0, slot.1);
                while moved.slots[i].0 != 0 {
                    i = (i + 1) & (moved.slots.len() - 1);
                }
                moved.slots[i] = slot;
            }
        }
        moved
    }

    /// An empty table for `n` words: at most a quarter full, of 16 slots or more.
    fn with_room(n: usize) -> Self {
        let mut bits = 4;
        while (1usize << bits) < 4 * n {
            bits += 1;
        }
        PackedWords {
            slots: vec![(0, 0, &[][..], 0); 1 << bits],
            bits,
        }
    }

    /// The words of the table.
    fn words(&self) -> impl Iterator<Item = &'static [u8]> + '_ {
        self.slots.iter().filter(|s| s.0 != 0).map(|s| s.2)
    }

    /// The first eight bytes of the word `rest[..len]` (fewer when it is shorter, padded
    /// with zeros) as an integer. A `rest` of fewer than eight bytes (a word looked up on
    /// its own, [`Lexicon::is`], most of them short) is read by loads of fixed size
    /// ([`crate::fasthash::le_word`]), not copied into a word of zeros (a call of `memcpy`
    /// for a length known only at run time).
    #[inline(always)]
    fn head(rest: &[u8], len: usize) -> u64 {
        match rest.first_chunk::<8>() {
            Some(&chunk) if len >= 8 => u64::from_le_bytes(chunk),
            Some(&chunk) => u64::from_le_bytes(chunk) & ((1u64 << (8 * len)) - 1),
            None => crate::fasthash::le_word(&rest[..len.min(rest.len())]),
        }
    }

    #[inline(always)]
    fn index(&self, head: u64, len: usize) -> usize {
        // The length tells apart long words that share their first eight bytes.
        let h = (head ^ (len as u64).rotate_right(8)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - self.bits)) as usize
    }

    /// The value of the word `rest[..len]` (not empty; `rest` is the text from the word on),
    /// 0 when it is not in the table.
    #[inline(always)]
    fn get(&self, rest: &[u8], len: usize) -> u16 {
        if self.slots.is_empty() {
            return 0;
        }
        let head = Self::head(rest, len);
        let mask = self.slots.len() - 1;
        let mut i = self.index(head, len);
        loop {
            let (h, l, word, value) = &self.slots[i];
            if *h == head && *l == len && (len <= 8 || rest.get(..len) == Some(&**word)) {
                return *value;
            }
            if *h == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The most words of a phrase with the numbers of words `lengths` (bits, as
/// [`Starts::lengths_from`] gives them).
fn most_words(lengths: u16) -> usize {
    (u16::BITS - 1).saturating_sub(lengths.leading_zeros()) as usize
}

/// The first folded words of the entries of one word list, with a shapes filter in front.
#[derive(Debug, Default)]
struct Heads {
    /// The heads (but an empty one), each with the value 1.
    set: PackedWords,
    shapes: Shapes,
    /// An entry folds to nothing, and so matches any text.
    matches_all: bool,
}

impl Heads {
    fn new(entries: impl IntoIterator<Item = &'static str>) -> Self {
        let heads: Vec<(&[u8], u16)> = entries
            .into_iter()
            .map(|e| (folded_words(e).next().unwrap_or("").as_bytes(), 1))
            .collect();
        Heads {
            set: PackedWords::new(&heads),
            shapes: Shapes::of_bytes(heads.iter().map(|&(h, _)| h)),
            matches_all: heads.iter().any(|(h, _)| h.is_empty()),
        }
    }

    /// False when no word of `folded` starts an entry: the text then holds none.
    ///
    /// A word of up to seven bytes (most) is told from the eight bytes that measured it
    /// ([`word_len`]): its first and last byte are read from them for the shapes filter,
    /// with no further load.
    fn any_in(&self, folded: &str) -> bool {
        if self.matches_all {
            return true;
        }
        let mut rest = folded.as_bytes();
        loop {
            let len = word_len(rest);
            let shaped = match rest.first_chunk::<8>() {
                Some(&chunk) if (1..8).contains(&len) => {
                    let x = u64::from_le_bytes(chunk);
                    self.shapes
                        .may_contain_shape(x as u8, (x >> (8 * (len - 1))) as u8, len)
                }
                _ => rest
                    .get(..len)
                    .is_some_and(|w| !w.is_empty() && self.shapes.may_contain_bytes(w)),
            };
            if shaped && self.set.get(rest, len) != 0 {
                return true;
            }
            match rest.get(len + 1..) {
                Some(next) => rest = next,
                None => return false,
            }
        }
    }
}

/// The bit of word list `kind` (of `src/data/classify_words.txt`) in the kinds of a word
/// ([`Lexicon::is`]); 0 for a name that is no list. A `match` on the name, so that a call
/// with a literal name comes down to a constant.
#[inline(always)]
fn kind_bit(kind: &str) -> u16 {
    match kind {
        "byline" => 1,
        "commentverb" => 1 << 1,
        "credit" => 1 << 2,
        "dateword" => 1 << 3,
        "month" => 1 << 4,
        "more" => 1 << 5,
        "tagsheading" => 1 << 6,
        "wire" => 1 << 7,
        _ => 0,
    }
}

fn reason(name: &str) -> Option<BoilerplateReason> {
    use BoilerplateReason as R;
    Some(match name {
        "promo" => R::Promo,
        "newsletter" => R::Newsletter,
        "social" => R::Social,
        "navigation" => R::Navigation,
        "sign_in" => R::SignIn,
        "comments" => R::Comments,
        "advertisement" => R::Advertisement,
        "copyright" => R::Copyright,
        "continue_reading" => R::ContinueReading,
        "related" => R::Related,
        "cookie" => R::Cookie,
        _ => return None,
    })
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build_lexicon)
}

/// [`fold`] of an entry of the lists: the entry itself when it is folded already, as all
/// but two are ("follow @", "©"), else its fold, which is kept for the life of the
/// process, as the lexicon that holds it is. The lexicon's tables hold the words and
/// phrases as slices of the lists, with no copy of each (an allocation each, 890 of them:
/// 0.18M instructions).
fn fold_listed(s: &'static str) -> &'static str {
    if is_folded(s) {
        s
    } else {
        Box::leak(fold(s).into_boxed_str())
    }
}

/// True when `s` is words of lower-case ASCII letters, digits and the letters that
/// [`common_letter`] gives as their own lower case, each word after the first after one
/// space: text that [`fold`] gives back as it is (the test `folded_text_folds_to_itself`).
fn is_folded(s: &str) -> bool {
    // At the start, a space would be a second one.
    let mut after_space = true;
    for c in s.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || !c.is_ascii() && common_letter(c).is_some_and(|(_, _, lower)| lower == c)
        {
            after_space = false;
        } else {
            return false;
        }
    }
    !after_space
}

/// `s` up to its first tab, and what follows the tab (`None` when it holds none), as
/// `split_once('\t')` gives them but for a text with no tab.
fn tab_split(s: &'static str) -> (&'static str, Option<&'static str>) {
    match memchr::memchr(b'\t', s.as_bytes()) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    }
}

/// The first word of a folded phrase and its number of words, as `split(' ')` gives them,
/// from one loop over its bytes.
fn first_and_count(phrase: &'static [u8]) -> (&'static [u8], usize) {
    let mut first = phrase.len();
    let mut n = 1;
    for (i, &b) in phrase.iter().enumerate() {
        if b == b' ' {
            first = first.min(i);
            n += 1;
        }
    }
    (&phrase[..first], n)
}

impl Mode {
    /// The mode a phrase's line of the list names in its second column (`all`, `any`,
    /// `open`; anything else is strong).
    fn of_column(m: &str) -> Mode {
        match m {
            "all" => Mode::All,
            "any" => Mode::Any,
            "open" => Mode::Open,
            _ => Mode::Strong,
        }
    }
}

/// Builds the lexicon from the lists. An entry that is folded already (all but two) is
/// not folded again, nor copied, and the tables are built from lists of their entries,
/// not gathered in hashed maps first; the phrase map is sized once. The test
/// `lexicon_is_built_as_a_plain_construction_builds_it` checks every table against one
/// made as it was first written. (It took 2.02M instructions, 0.48M of them in 575
/// folds; it takes 0.80M, 0.07M of them zeroing the filters and the set table.)
fn build_lexicon() -> Lexicon {
    // The phrases, folded, with their reasons and modes, first words and numbers of words,
    // in the order of the list.
    let mut listed: Vec<(&'static str, BoilerplateReason, Mode, &'static [u8], usize)> = Vec::new();
    for line in crate::lex::list_lines(PHRASES) {
        let (r, rest) = tab_split(line);
        let (m, rest) = tab_split(rest.unwrap_or_default());
        let (Some(rest), Some(r)) = (rest, reason(r)) else {
            continue;
        };
        let mode = Mode::of_column(m);
        let folded = fold_listed(tab_split(rest).0);
        let (first, n) = first_and_count(folded.as_bytes());
        debug_assert!(n <= MAX_PHRASE_WORDS, "{folded}");
        listed.push((folded, r, mode, first, n));
    }
    // A phrase listed twice keeps its last entry.
    let mut phrases: HashMap<&'static [u8], (BoilerplateReason, Mode), FastBuild> =
        HashMap::with_capacity_and_hasher(listed.len(), FastBuild::default());
    for &(p, r, mode, ..) in &listed {
        phrases.insert(p.as_bytes(), (r, mode));
    }
    let of_modes = |keep: fn(Mode) -> bool| {
        listed
            .iter()
            .filter(move |&&(_, _, mode, ..)| keep(mode))
            .map(|&(.., first, n)| (first, n))
    };
    let all_starts = Starts::new(of_modes(|mode| mode == Mode::All));
    let contained_starts = Starts::new(of_modes(|mode| mode != Mode::All));
    let strong_starts = Starts::new(of_modes(|mode| mode == Mode::Strong));
    // The strong phrases that count in a long block, each once, as the table holds them
    // (where a phrase listed twice keeps its last entry).
    let mut long: Vec<(&'static str, &'static [u8], usize)> = Vec::new();
    let is_long =
        |&(r, mode): &(BoilerplateReason, Mode)| mode == Mode::Strong && counts_in_long_block(r);
    for &(p, r, mode, first, n) in &listed {
        if is_long(&(r, mode))
            && phrases.get(p.as_bytes()).is_some_and(is_long)
            && !long.iter().any(|&(q, ..)| q == p)
        {
            long.push((p, first, n));
        }
    }
    let long_starts = Starts::new(long.iter().map(|&(_, first, n)| (first, n)));
    let mut long: Vec<&'static str> = long.into_iter().map(|(p, ..)| p).collect();
    // The words, folded, each with the bit of its list, in the order of the list.
    let mut entries: Vec<(&'static str, u16)> = Vec::new();
    for line in crate::lex::list_lines(WORDS) {
        if let (kind, Some(word)) = tab_split(line) {
            debug_assert_ne!(kind_bit(kind), 0, "{kind}");
            entries.push((fold_listed(word), kind_bit(kind)));
        }
    }
    let heads = |kind: &str| {
        Heads::new(
            entries
                .iter()
                .filter(|&&(_, kinds)| kinds & kind_bit(kind) != 0)
                .map(|&(w, _)| w),
        )
    };
    let (byline_heads, credit_heads) = (heads("byline"), heads("credit"));
    // (No word of the lists folds to nothing, which the table could not hold: see the
    // test `list_words_fold_to_words`.)
    let pairs: Vec<(&[u8], u16)> = entries
        .iter()
        .map(|(w, kinds)| (w.as_bytes(), *kinds))
        .collect();
    let words = PackedWords::new(&pairs);
    // One anchor serves every phrase that holds it ("cookie" serves "cookies" and "we
    // use cookies"): the phrases of fewer words first, each given an anchor when it holds
    // none yet ([`add_long_anchor`]).
    long.sort_by_key(|p| (p.split(' ').count(), *p));
    let mut anchors: Vec<&'static [u8]> = Vec::new();
    for phrase in long {
        if !anchors
            .iter()
            .any(|a| memchr::memmem::find(phrase.as_bytes(), a).is_some())
        {
            add_long_anchor(&mut anchors, phrase.as_bytes());
        }
    }
    // Those of ASCII bytes alone first, the only ones searched for in an ASCII block
    // ([`Lexicon::long_block_reason`]).
    anchors.sort_by_key(|a| !a.is_ascii());
    let ascii_long_anchors = anchors.iter().filter(|a| a.is_ascii()).count();
    let long_anchors: Vec<Needle> = anchors.into_iter().map(Needle::new).collect();
    // Rarer than the first words of the strong phrases ("to", "this", "all"), which most
    // sentences hold.
    let strong_anchors = Shapes::of_bytes(phrases.iter().filter_map(|(phrase, &(_, mode))| {
        let longest = phrase.split(|&b| b == b' ').max_by_key(|w| w.len());
        longest.filter(|_| mode == Mode::Strong)
    }));
    let word_shapes = Shapes::of_bytes(words.words());
    // Gathered once: walked three times, the tables' slots (four a word) cost more than
    // the list.
    let listed_words: Vec<&[u8]> = words
        .words()
        .chain(byline_heads.set.words())
        .chain(credit_heads.set.words())
        .chain(all_starts.lengths.words())
        .chain(contained_starts.lengths.words())
        .chain(strong_starts.lengths.words())
        .chain(long_starts.lengths.words())
        .chain(super::promo::KIND_WORDS)
        .filter(|w| !w.is_empty())
        .collect();
    let listed = Shapes::of_bytes(listed_words.iter().copied());
    let mut listed_keys = super::KeySet::with_capacity(listed_words.len());
    for w in listed_words {
        listed_keys.insert(word_key(w));
    }
    let mut lex = Lexicon {
        phrases,
        all_starts,
        contained_starts,
        strong_starts,
        long_starts,
        long_anchors,
        ascii_long_anchors,
        strong_anchors,
        words,
        word_shapes,
        byline_heads,
        credit_heads,
        listed,
        listed_keys,
        set_table: Box::new([0; WORD_SLOTS]),
        always_sets: 0,
    };
    lex.build_set_table();
    lex
}

impl Lexicon {
    /// Fills [`Lexicon::set_table`] and [`Lexicon::always_sets`] from the sets, once the
    /// tables they come from are built.
    fn build_set_table(&mut self) {
        let mut add = |bit: u8, word: &[u8]| {
            if !word.is_empty() {
                self.set_table[word_slot(set_key(word))] |= bit;
            }
        };
        for (phrase, &(_, mode)) in &self.phrases {
            // The longest word, the last of them when two are as long, as the anchors'
            // filter takes it (any one of them would do).
            if let Some(longest) = phrase.split(|&b| b == b' ').max_by_key(|w| w.len()) {
                if mode == Mode::Strong {
                    add(WordSets::STRONG_ANCHOR, longest);
                }
            }
        }
        for w in self.contained_starts.lengths.words() {
            add(WordSets::CONTAINED_START, w);
        }
        for w in self.all_starts.lengths.words() {
            add(WordSets::ALL_START, w);
        }
        for w in self.strong_starts.lengths.words() {
            add(WordSets::STRONG_START, w);
        }
        for w in super::promo::URGING_WORDS {
            add(WordSets::URGING, w);
        }
        for w in super::promo::IMPERATIVE_WORDS {
            add(WordSets::IMPERATIVE, w);
        }
        for w in self.byline_heads.set.words() {
            add(WordSets::BYLINE_HEAD, w);
        }
        for w in self.credit_heads.set.words() {
            add(WordSets::CREDIT_HEAD, w);
        }
        // An entry that folds to nothing matches any text.
        if self.byline_heads.matches_all {
            self.always_sets |= WordSets::BYLINE_HEAD;
        }
        if self.credit_heads.matches_all {
            self.always_sets |= WordSets::CREDIT_HEAD;
        }
    }

    /// The [`WordSets`] of a block's folded text of `words` words (1 to
    /// [`MAX_SEARCHED_WORDS`]), which is `buf[start..]`, and its [`WordStarts`], written to
    /// `starts` (as [`WordStarts::default`] makes it): one walk over its words that looks
    /// each up in [`Lexicon::set_table`] ([`word_slot`]) and ors in what it finds, with no
    /// test of what that is. (`buf` gets sixteen spaces after the text for the walk, and is
    /// cut back.)
    ///
    /// A word is measured sixteen bytes at a time, the space after it found in the two
    /// eight-byte halves at once (one `u128` count of trailing zeros, no branch), so that a
    /// word of up to fifteen bytes costs no branch but the loop's: [`word_len`] tests
    /// whether the word ends within eight bytes, which a varied text's words make random.
    /// Only a word of sixteen bytes or more (rare) is measured further. Its first eight
    /// bytes are those of the window, cut after its space ([`set_key`]). The spaces are found
    /// as the bytes below `!` ([`blank_flags`]: one step fewer than [`space_flags`]), and
    /// the word's bytes cut at the first flag, not by a shift of the length: 47 → 41
    /// instructions a word on web pages (seed variants 91.78 → 91.25 instructions a byte
    /// in one pass).
    ///
    /// Each word is the run of bytes from where the last one ended (past its space) to the
    /// next space, as `split(b' ')` gives them: folded text separates its words by single
    /// spaces, with none at either end, so that none is empty. The padding puts a space
    /// after the last word, where the text ends.
    #[inline(always)]
    fn word_sets(
        &self,
        buf: &mut Vec<u8>,
        start: usize,
        words: usize,
        starts: &mut WordStarts,
    ) -> WordSets {
        let end = buf.len();
        debug_assert!((1..=MAX_SEARCHED_WORDS).contains(&words) && end > start);
        debug_assert_eq!(words, buf[start..].split(|&b| b == b' ').count());
        // (The words are measured by [`blank_flags`], which takes a byte below a space for
        // one: folded text holds none.)
        debug_assert!(buf[start..].iter().all(|&b| b >= b' '));
        buf.extend_from_slice(&[b' '; 16]);
        let text = &buf[start..];
        let mut found = self.always_sets;
        let mut at = 0;
        debug_assert!(starts.sets.iter().all(|&s| s == 0));
        for i in 0..words.min(MAX_SEARCHED_WORDS) {
            let Some(window) = text.get(at..).and_then(|rest| rest.first_chunk::<16>()) else {
                break;
            };
            starts.at[i] = at as u32;
            let both = u128::from_le_bytes(*window);
            let (lo, hi) = (both as u64, (both >> 64) as u64);
            let (lo_spaces, hi_spaces) = (blank_flags(lo), blank_flags(hi));
            let spaces = u128::from(lo_spaces) | u128::from(hi_spaces) << 64;
            let len = (spaces.trailing_zeros() / 8) as usize;
            let len = if len < 16 {
                len
            } else {
                // A word of sixteen bytes or more (rare): measured on.
                len + plain_word_len(&text[at + 16..])
            };
            // The word's key ([`set_key`]): its first eight bytes and the space after it,
            // those past the space cleared. The lowest flag of the first eight (bit
            // `8 * len + 7` when the word ends among them) and the bits below it are those
            // the flags less one differ in; with no flag (0 less one), all 64.
            let key = lo & (lo_spaces ^ lo_spaces.wrapping_sub(1));
            debug_assert_eq!(key, set_key(&text[at..at + len]));
            let sets = self.set_table[word_slot(key)];
            at += len + 1;
            found |= sets;
            starts.sets[i] = sets;
        }
        starts.words = words.min(MAX_SEARCHED_WORDS);
        starts.at[starts.words] = at as u32;
        buf.truncate(end);
        WordSets(found | WordSets::KNOWN)
    }

    /// The [`WordSets`] of a block's folded text of `words` words (1 to
    /// [`MAX_SEARCHED_WORDS`]), `buf[start..]`, and its boilerplate reason
    /// ([`Lexicon::boilerplate`], `reading` as there), searched with what the walk found;
    /// for a fold of 4 GB or more (whose words' places a `u32` does not hold), no sets and
    /// the plain search.
    /// (Out of line: the feature pass, which calls it, keeps its registers for its own loop:
    /// inlined, the walk's code cost the pass's loop 0.3 instructions a byte of web's.)
    #[inline(never)]
    pub(crate) fn boilerplate_with_sets(
        &self,
        buf: &mut Vec<u8>,
        start: usize,
        words: usize,
        reading: Reading,
    ) -> (WordSets, Option<BoilerplateReason>) {
        if buf.len() - start > u32::MAX as usize {
            let none = WordSets::default();
            return (
                none,
                self.boilerplate(&buf[start..], words, reading, none, None),
            );
        }
        let mut starts = WordStarts::default();
        let sets = self.word_sets(buf, start, words, &mut starts);
        // A block where only strong phrases count, with no anchor of one, holds no phrase
        // that counts: told here from the sets, with no call (most prose), and so never
        // asked of [`Lexicon::boilerplate`], the only way known sets reach it. (With
        // [`WordStarts::passing`] reading only the eights of entries that hold words: one
        // pass of the seed variants 90.16 → 89.94 instructions a byte, web pages 95.36 →
        // 95.09.)
        if only_strong_phrases_count(words, reading) && sets.rules_out(WordSets::STRONG_ANCHOR) {
            return (sets, None);
        }
        let folded = &buf[start..];
        // So is a block with no word that may start a phrase of the set searched for
        // ([`start_set`]), unless it may consist of `all` phrases, counts aside: told here
        // too, where [`Lexicon::phrase_reason`] told it after a call (4,448 of its 13,532
        // calls a web pass), by the walk's bit of the first word ([`WordSets::ALL_START`])
        // and its first byte (a count's is a digit) rather than by a look-up: a block they
        // let through is looked at by `phrase_reason` as before.
        if (2..=MAX_SEARCHED_WORDS).contains(&words)
            && starts_no_phrase(sets, words, reading, || {
                starts.sets[0] & WordSets::ALL_START != 0
                    || folded.first().is_some_and(u8::is_ascii_digit)
            })
        {
            return (sets, None);
        }
        let reason = self.boilerplate(folded, words, reading, sets, Some(&starts));
        (sets, reason)
    }

    /// True when `word` (folded) is in list `kind`.
    #[inline]
    pub(crate) fn is(&self, kind: &str, word: &str) -> bool {
        Self::in_list(self.lists(word), kind)
    }

    /// The lists `word` (folded) is in, told by [`Lexicon::in_list`]: [`Lexicon::is`] of
    /// every list from one look-up, for a word asked about more than one (an empty word,
    /// or one of a shape no listed word has, is in none, and is not looked up).
    #[inline]
    pub(crate) fn lists(&self, word: &str) -> u16 {
        if !word.is_empty() && self.word_shapes.may_contain(word) {
            self.words.get(word.as_bytes(), word.len())
        } else {
            0
        }
    }

    /// True when `lists`, what [`Lexicon::lists`] gave of a word, holds list `kind`.
    #[inline(always)]
    pub(crate) fn in_list(lists: u16, kind: &str) -> bool {
        lists & kind_bit(kind) != 0
    }

    /// False when no word of `folded` (a block's folded text) starts an entry of list
    /// `byline`: the block then holds no byline word, and no "By …" line can match.
    pub(crate) fn may_hold_byline_word(&self, folded: &str) -> bool {
        self.byline_heads.any_in(folded)
    }

    /// False when no word of `folded` (a block's folded text) is a word of a list, the first
    /// word of an entry of `byline` or `credit`, the first word of a phrase or a word of a
    /// call to action (`promo::KIND_WORDS`): then the
    /// block holds no listed word ([`Lexicon::is`] is false for each of its words), no
    /// byline or credit word ([`Lexicon::may_hold_byline_word`],
    /// [`Lexicon::may_hold_credit_word`]) and no phrase ([`Lexicon::boilerplate`]), as
    /// every one of them starts with a word the filter passes. One pass over the words
    /// that answers for all of these tests at once: a word is ruled out by its shape
    /// (`listed`), else looked up among the keys of the listed words (`listed_keys`), so
    /// that a word that merely shares the shape of a listed word (a name, a menu entry) is
    /// ruled out too. (An empty word passes neither.)
    #[inline]
    pub(crate) fn may_hold_listed_word(&self, folded: &[u8]) -> bool {
        // An entry that folds to nothing matches any text.
        if self.byline_heads.matches_all || self.credit_heads.matches_all {
            return true;
        }
        let mut rest = folded;
        loop {
            let len = word_len(rest);
            if rest.get(..len).is_some_and(|word| self.is_listed(word)) {
                return true;
            }
            match rest.get(len + 1..) {
                Some(next) => rest = next,
                None => return false,
            }
        }
    }

    /// True when `word` (not empty) is one that [`Lexicon::may_hold_listed_word`] looks
    /// for: its shape first, then the word itself.
    #[inline(always)]
    fn is_listed(&self, word: &[u8]) -> bool {
        self.listed.may_contain_bytes(word) && self.listed_keys.contains(word_key(word))
    }

    /// [`Lexicon::may_hold_listed_word`] of `word`, the fold of a word of ASCII letters (its
    /// letters in lower case, not empty), whose key ([`word_key`]) is `key`: one word, with no
    /// space to look for, and its key at hand.
    #[inline]
    pub(crate) fn may_hold_listed_letters(&self, word: &[u8], key: u64) -> bool {
        debug_assert!(!word.is_empty() && word.iter().all(u8::is_ascii_lowercase));
        debug_assert_eq!(key, word_key(word));
        self.byline_heads.matches_all
            || self.credit_heads.matches_all
            || self.listed.may_contain_bytes(word) && self.listed_keys.contains(key)
    }

    /// False when no word of `folded` (a block's folded text) starts an entry of list
    /// `credit`.
    pub(crate) fn may_hold_credit_word(&self, folded: &str) -> bool {
        self.credit_heads.any_in(folded)
    }

    /// True when `word` in lower case is in list `kind` (for a raw word, not folded).
    pub(crate) fn is_lowered(&self, kind: &str, word: &str) -> bool {
        // Lowering an ASCII word keeps its length and the low five bits of its first and
        // last bytes, all the shapes filter looks at: most words are ruled out unlowered.
        if word.is_ascii() && !self.word_shapes.may_contain(word) {
            return false;
        }
        crate::lex::with_lower(word, |l| self.is(kind, l))
    }

    /// The boilerplate reason of a folded block, by its phrases: `words` is the number of
    /// words of `folded`, `reading` how the block reads ([`Reading`]: in a sentence only
    /// strong phrases count).
    ///
    /// The words are walked once, with no list of them built: a word is looked at further
    /// only when it may start a phrase of the set that counts here ([`Starts`]), and then the
    /// few words after it are found on the spot.
    ///
    /// `sets` are the [`WordSets`] of `folded` (or the default, which knows nothing), and
    /// `word_starts` what the same walk found of each word ([`Lexicon::boilerplate_with_sets`]),
    /// or `None`: with them, a block with no anchor of a strong phrase is told so with no
    /// walk of its own, and only the words that may start a phrase of the set are looked at,
    /// found where the walk found them, rather than all words in turn.
    ///
    /// A block of one word (not empty) is answered by one look-up
    /// ([`Lexicon::one_word_reason`]).
    #[inline]
    pub(crate) fn boilerplate(
        &self,
        folded: &[u8],
        words: usize,
        reading: Reading,
        sets: WordSets,
        word_starts: Option<&WordStarts>,
    ) -> Option<BoilerplateReason> {
        if words == 1 && !folded.is_empty() {
            return self.one_word_reason(folded, reading);
        }
        if words > MAX_SEARCHED_WORDS {
            return self.long_block_reason(folded, words, reading, false);
        }
        self.phrase_reason(folded, words, reading, sets, word_starts)
    }

    /// [`Lexicon::boilerplate`] of a block of more than [`MAX_SEARCHED_WORDS`] words, with
    /// no word sets (none are found for such a block), when `ascii` is true told that its
    /// text (and so its fold) holds no byte outside ASCII.
    ///
    /// Only cookie and copyright notices count in such a block, and a few searches of its
    /// first words' bytes for their anchors ([`Lexicon::holds_long_anchor`]) rule most long
    /// blocks out, instead of a look at each of their first words; an ASCII block is not
    /// searched for the anchors outside ASCII ("©"), which it cannot hold. The feature pass
    /// tells an ASCII block from its counts, with no work of its own (`features::with_fold`):
    /// 1,260 of the 3,014 long blocks of a web pass, 882 of the seed variants' 1,178, 1,236
    /// of the quote paragraphs' 2,773. Out of line, and [`Lexicon::phrase_reason`] called
    /// only for a block that holds an anchor (134 of the web pass's). One pass, seed
    /// variants 73.76 → 73.46 instructions a byte, web pages 76.46 → 76.17, quote
    /// paragraphs 82.92 → 82.68 (of which the searches' own share is about 0.05 on web; the
    /// rest came with the feature pass's code as it now compiles).
    #[inline(never)]
    pub(crate) fn long_block_reason(
        &self,
        folded: &[u8],
        words: usize,
        reading: Reading,
        ascii: bool,
    ) -> Option<BoilerplateReason> {
        debug_assert!(words > MAX_SEARCHED_WORDS);
        debug_assert!(!ascii || folded.is_ascii(), "{folded:?}");
        if !self.holds_long_anchor(searched_text(folded, words), ascii) {
            return None;
        }
        self.phrase_reason(folded, words, reading, WordSets::default(), None)
    }

    /// [`Lexicon::boilerplate`] by the words' walk, for any number of words. (Out of line,
    /// as `boilerplate` was before its one-word path: with that path in it, the phrase
    /// look-up of its search was left out of line, web +0.25M.)
    #[inline(never)]
    fn phrase_reason(
        &self,
        folded: &[u8],
        words: usize,
        reading: Reading,
        sets: WordSets,
        word_starts: Option<&WordStarts>,
    ) -> Option<BoilerplateReason> {
        if folded.is_empty() {
            return None;
        }
        let sentence = reading == Reading::Sentence;
        debug_assert_eq!(words, folded.split(|&b| b == b' ').count(), "{folded:?}");
        // Strong phrases are looked for in the first words of longer blocks, and there only
        // cookie and copyright notices count (a long block comes here only when it holds
        // an anchor of one: [`Lexicon::long_block_reason`]).
        let long = words > MAX_SEARCHED_WORDS;
        let short = words.min(MAX_SEARCHED_WORDS) <= 12;
        // Only strong phrases count in a sentence or a block of more than 12 words, past
        // the `all` phrases of short blocks: most such blocks (prose) hold no word that is
        // the longest of a strong phrase, and are told so by one walk over their words,
        // without the look-ups of the phrases that start with their words ("to", "this").
        // Known sets with no anchor never come here ([`Lexicon::boilerplate_with_sets`]
        // answers those blocks); known sets with one that may be there skip the walk, and
        // the search goes on (as after a walk that says "maybe").
        debug_assert!(
            long || !only_strong_phrases_count(words, reading)
                || !sets.rules_out(WordSets::STRONG_ANCHOR)
        );
        if !long
            && only_strong_phrases_count(words, reading)
            && !sets.passes(WordSets::STRONG_ANCHOR)
            && !self.may_hold_strong_anchor(folded)
        {
            return None;
        }
        // With the words' starts known, a block with no word that may start a phrase of the
        // set the search looks for ([`start_set`]) holds none, unless it may consist of `all`
        // phrases: told first (a third of the blocks that come here with sets on web pages).
        let at = word_starts.filter(|_| !long);
        if let Some(at) = at {
            if starts_no_phrase(sets, words, reading, || {
                self.may_start_all_words(folded, at.end(0, 0))
            }) {
                return None;
            }
        }
        // A block of more words holds more than `all` phrases (and counts).
        if words <= MAX_ALL_WORDS {
            if let Some(r) = self.all_words_reason(folded, at) {
                return Some(r);
            }
        }
        // Only `any`, `open` and `strong` phrases count below, and only strong ones in a
        // sentence or a longer block: where one can start is told by the first words of
        // those alone.
        let (starts, start_set) = if long {
            (&self.long_starts, 0)
        } else if !sentence && short {
            (&self.contained_starts, WordSets::CONTAINED_START)
        } else {
            (&self.strong_starts, WordSets::STRONG_START)
        };
        debug_assert!(long || start_set == self::start_set(words, reading));
        let mut best: Option<BoilerplateReason> = None;
        // The phrase `rest[..end]` (a run of whole words), if it counts here: the best reason.
        // (Always inlined: left to the compiler, it went out of line, ~15 instructions a
        // look-up more.)
        #[inline(always)]
        fn take(
            lexicon: &Lexicon,
            phrase: &[u8],
            counts: (Reading, bool, bool),
            best: &mut Option<BoilerplateReason>,
        ) {
            let (reading, long, short) = counts;
            let hit = match lexicon.phrases.get(phrase) {
                Some(&(r, mode)) if phrase_counts(r, mode, reading, long, short) => Some(r),
                _ => None,
            };
            if let Some(r) = hit {
                if best.is_none_or(|b| rank(r) < rank(b)) {
                    *best = Some(r);
                }
            }
        }
        let counts = (reading, long, short);
        if let Some(at) = at {
            // The walk of [`Lexicon::word_sets`] found the words that may start a phrase of
            // the set (the others start none: their lengths would be 0), and where the words
            // start: those alone are looked at, in the same order, with what the loop below
            // does at each, the ends of the words after them read off where the next ones
            // start ([`WordStarts::word_ends`]). (A block with sets has up to
            // [`MAX_SEARCHED_WORDS`] words, all of them searched, as the loop searches them.)
            let mut may_start = at.passing(start_set);
            while may_start != 0 {
                let index = may_start.trailing_zeros() as usize;
                may_start &= may_start - 1;
                let rest = folded.get(at.at[index] as usize..).unwrap_or_default();
                let lengths = starts.lengths_from(rest, at.end(index, 0));
                if lengths != 0 {
                    let n = most_words(lengths).min(MAX_SEARCHED_WORDS - index);
                    let count = n.min(MAX_PHRASE_WORDS).min(at.words - index);
                    // The phrases of `n + 1` words (bit `n + 1`) for `n` below `count`, by
                    // their bits alone, shortest first.
                    let mut wanted = u32::from(lengths >> 1) & ((1u32 << count) - 1);
                    while wanted != 0 {
                        let n = wanted.trailing_zeros() as usize;
                        wanted &= wanted - 1;
                        let phrase = rest.get(..at.end(index, n)).unwrap_or_default();
                        take(self, phrase, counts, &mut best);
                    }
                }
            }
            return best;
        }
        let mut rest = folded;
        for index in 0..MAX_SEARCHED_WORDS {
            let (len, lengths) = starts.first_word_lengths(rest);
            if lengths != 0 {
                // Phrases end within the searched words; only the numbers of words of a
                // phrase of the set are looked up.
                let ends = word_ends(rest, most_words(lengths).min(MAX_SEARCHED_WORDS - index));
                for (n, &end) in ends.as_slice().iter().enumerate() {
                    if lengths & (1 << (n + 1)) != 0 {
                        take(self, &rest[..end], counts, &mut best);
                    }
                }
            }
            match rest.get(len + 1..) {
                Some(next) => rest = next,
                None => break,
            }
        }
        best
    }

    /// [`Lexicon::boilerplate`] of a block of one word, `folded`: one word holds no phrase
    /// but itself, so that one look-up answers, where the steps of longer blocks measure
    /// the word, look up its first-word lengths in two tables and then the phrase (the
    /// feature pass's listed one-word blocks, 2,248 a pass of the web pages: ~400
    /// instructions each, now ~120). An `all` phrase counts as the block (as
    /// [`Lexicon::all_words_reason`] finds it), another as the search counts it
    /// ([`phrase_counts`]).
    #[inline(never)]
    fn one_word_reason(&self, folded: &[u8], reading: Reading) -> Option<BoilerplateReason> {
        match self.phrases.get(folded) {
            Some(&(r, Mode::All)) => Some(r),
            Some(&(r, mode)) if phrase_counts(r, mode, reading, false, true) => Some(r),
            _ => None,
        }
    }

    /// True when `folded` (a block's folded text) holds one of `long_anchors`, four
    /// searches a long block ([`Needle`]: with the AVX2 pair searchers called straight,
    /// one pass of the quote paragraphs 100.83 → 100.22 instructions a byte, seed variants
    /// 90.53 → 90.16, web pages 95.60 → 95.36); when `ascii` (`folded` holds no byte outside
    /// ASCII), one of those of ASCII bytes alone, the others left out.
    fn holds_long_anchor(&self, folded: &[u8], ascii: bool) -> bool {
        let n = if ascii {
            self.ascii_long_anchors
        } else {
            self.long_anchors.len()
        };
        self.long_anchors[..n].iter().any(|a| a.is_in(folded))
    }

    /// False when no word of `folded` (a block's folded text) is the longest word of a
    /// `strong` phrase (`strong_anchors`, by its shape): the block then holds no strong
    /// phrase, as each of the words of a phrase it holds is one of its words. (An empty
    /// word passes.)
    ///
    /// A word of up to seven bytes (most) is told from the eight bytes that measured it
    /// ([`word_len`]): its first and last byte are read from them, with no further load, as
    /// [`Starts::first_word_lengths`] does.
    fn may_hold_strong_anchor(&self, folded: &[u8]) -> bool {
        let mut rest = folded;
        loop {
            let len = word_len(rest);
            let anchor = match rest.first_chunk::<8>() {
                Some(&chunk) if (1..8).contains(&len) => {
                    let x = u64::from_le_bytes(chunk);
                    let last = (x >> (8 * (len - 1))) as u8;
                    self.strong_anchors.may_contain_shape(x as u8, last, len)
                }
                _ => rest
                    .get(..len)
                    .is_some_and(|w| self.strong_anchors.may_contain_bytes(w)),
            };
            if anchor {
                return true;
            }
            match rest.get(len + 1..) {
                Some(next) => rest = next,
                None => return false,
            }
        }
    }

    /// True when the first word of `folded`, `folded[..len]`, starts an `all` phrase or is a
    /// count: a block that consists of `all` phrases only, counts aside, starts with such a
    /// word ([`Lexicon::all_words_reason`]).
    #[inline(always)]
    fn may_start_all_words(&self, folded: &[u8], len: usize) -> bool {
        self.all_starts.lengths_from(folded, len) != 0
            || folded
                .get(..len)
                .is_some_and(|w| w.iter().all(u8::is_ascii_digit))
    }

    /// The reason of a block of up to [`MAX_ALL_WORDS`] words that consists of `all`
    /// phrases only (share buttons, menus), counts ("197 Shares") aside; `None` for a
    /// longer block, which is not walked at all.
    fn all_words_reason(
        &self,
        folded: &[u8],
        word_starts: Option<&WordStarts>,
    ) -> Option<BoilerplateReason> {
        // Most blocks fail at their first word: it neither starts a phrase nor is a count.
        let len = word_starts.map_or_else(|| word_len(folded), |at| at.end(0, 0));
        if !self.may_start_all_words(folded, len) {
            return None;
        }
        let ends = match word_starts {
            Some(at) => at.word_ends(0, MAX_ALL_WORDS + 1),
            None => word_ends(folded, MAX_ALL_WORDS + 1),
        };
        if ends.len > MAX_ALL_WORDS {
            return None;
        }
        let ends = ends.as_slice();
        let mut reason = None;
        // The words from `ends[i - 1] + 1` (or 0) on.
        let mut i = 0;
        'outer: while i < ends.len() {
            let from = if i == 0 { 0 } else { ends[i - 1] + 1 };
            let rest = &folded[from..];
            let first = &folded[from..ends[i]];
            let lengths = self.all_starts.lengths_from(rest, first.len());
            // The longest phrase first.
            for n in (1..=most_words(lengths).min(ends.len() - i)).rev() {
                if lengths & (1 << n) == 0 {
                    continue;
                }
                if let Some(&(r, Mode::All)) = self.phrases.get(&rest[..ends[i + n - 1] - from]) {
                    reason.get_or_insert(r);
                    i += n;
                    continue 'outer;
                }
            }
            // Counts go with the words they count.
            if first.iter().all(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            return None;
        }
        reason
    }
}

/// The most words of a block searched for phrases: longer blocks are searched in their
/// first words only.
const MAX_SEARCHED_WORDS: usize = 40;

/// The first bytes of a folded text of `words` words, more than [`MAX_SEARCHED_WORDS`], that
/// hold its first [`MAX_SEARCHED_WORDS`] words, the only ones a phrase is looked for in
/// ([`Lexicon::boilerplate`]): all but two bytes for each word past them (its space and at
/// least one byte), with no word measured. The anchors of a long block are searched for
/// there alone.
#[inline]
fn searched_text(folded: &[u8], words: usize) -> &[u8] {
    let past = words.saturating_sub(MAX_SEARCHED_WORDS);
    let end = folded.len().saturating_sub(past.saturating_mul(2));
    folded.get(..end).unwrap_or(folded)
}

/// The most words of a block that consists of `all` phrases only.
const MAX_ALL_WORDS: usize = 8;

/// Whether only strong phrases count in a block of `words` folded words (up to
/// [`MAX_SEARCHED_WORDS`]) read as `reading`: in a sentence, or a block of more than 12
/// words, past the `all` phrases of short blocks ([`Lexicon::boilerplate`]).
#[inline(always)]
fn only_strong_phrases_count(words: usize, reading: Reading) -> bool {
    words > MAX_ALL_WORDS && (reading == Reading::Sentence || words > 12)
}

/// Whether a block of `words` folded words (up to [`MAX_SEARCHED_WORDS`]) read as `reading`,
/// with sets `sets`, holds no phrase the search looks for: none of its words may start one
/// ([`start_set`]), and it cannot consist of `all` phrases, counts aside — it has more words
/// than they fill, or its first word starts none and is no count (`may_start_all` false,
/// asked only of a block of up to [`MAX_ALL_WORDS`] words). The rule of
/// [`Lexicon::phrase_reason`]'s first test, which asks the lexicon, and of
/// [`Lexicon::boilerplate_with_sets`]' answer with no call, which asks the walk's
/// [`WordSets::ALL_START`] bit: a bit that passes every word the lexicon passes.
#[inline(always)]
fn starts_no_phrase(
    sets: WordSets,
    words: usize,
    reading: Reading,
    may_start_all: impl FnOnce() -> bool,
) -> bool {
    sets.rules_out(start_set(words, reading)) && (words > MAX_ALL_WORDS || !may_start_all())
}

/// The bit of [`WordSets`] of the first words of the phrases the search looks for in a
/// block of `words` folded words (up to [`MAX_SEARCHED_WORDS`]) read as `reading`, past the
/// `all` phrases ([`Lexicon::boilerplate`]): in a short block that is no sentence those that
/// it may merely contain (`any`, `open`, `strong`), in others the `strong` ones.
#[inline(always)]
fn start_set(words: usize, reading: Reading) -> u8 {
    if reading != Reading::Sentence && words <= 12 {
        WordSets::CONTAINED_START
    } else {
        WordSets::STRONG_START
    }
}

/// The most words of a phrase (the lexicon checks its phrases against it).
const MAX_PHRASE_WORDS: usize = 12;

/// The byte length of the first word of folded text (words are separated by single spaces).
///
/// The space after a word of up to seven bytes (most words) is found in one eight-byte
/// load when the text has eight bytes there ([`first_space`]), and in a text of fewer
/// (the last word of a text, most often) from its first and last four bytes at once
/// ([`short_word_len`]). Longer words are measured byte by byte past the first eight.
#[inline]
pub(super) fn word_len(folded: &[u8]) -> usize {
    let Some(&chunk) = folded.first_chunk::<8>() else {
        return short_word_len(folded);
    };
    match first_space(u64::from_le_bytes(chunk)) {
        Some(space) => space,
        None => 8 + plain_word_len(&folded[8..]),
    }
}

/// The place of the first space among the eight bytes of `w` (in memory order,
/// little-endian), if any: the zero bytes of `w` XOR spaces are flagged by a borrowing
/// subtraction, and the lowest flag is exact (a borrow can flag only bytes above a zero).
#[inline(always)]
fn first_space(w: u64) -> Option<usize> {
    let spaces = space_flags(w);
    (spaces != 0).then_some((spaces.trailing_zeros() / 8) as usize)
}

/// The high bit of each byte of `w` that is a space, up to and with the first space (the
/// bits above it may be set by a borrow: only the lowest is exact, [`crate::lex::byte_flags`]).
#[inline(always)]
fn space_flags(w: u64) -> u64 {
    crate::lex::byte_flags(w, b' ')
}

/// The high bit (`0x80`) of each byte of `w` (eight bytes of folded text) that is a space,
/// up to and with the first space, as [`space_flags`] gives them, found as the bytes below
/// `!` by one borrowing subtraction (no XOR with spaces first): folded text holds no byte
/// below a space (its ASCII bytes are spaces, lower-case letters, digits and `@`; the
/// others are those of characters outside ASCII, from `0x80` up), so that a byte below `!`
/// is a space. Only the lowest flag is exact (a borrow may flag a byte above it), as with
/// [`space_flags`].
#[inline(always)]
fn blank_flags(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    w.wrapping_sub(ONES * u64::from(b'!')) & !w & HIGH
}

/// [`word_len`] of a text of fewer than eight bytes: one of four to seven is read as its
/// first and last four bytes (which overlap: together they are every byte of it), a
/// shorter one byte by byte.
#[inline]
fn short_word_len(folded: &[u8]) -> usize {
    match (folded.first_chunk::<4>(), folded.last_chunk::<4>()) {
        (Some(&head), Some(&tail)) => {
            let w = u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(tail)) << 32;
            match first_space(w) {
                None => folded.len(),
                Some(at) if at < 4 => at,
                // In the last four bytes, which start four before the end.
                Some(at) => folded.len() - 4 + (at - 4),
            }
        }
        _ => plain_word_len(folded),
    }
}

/// [`word_len`] byte by byte.
#[inline]
fn plain_word_len(folded: &[u8]) -> usize {
    folded
        .iter()
        .position(|&b| b == b' ')
        .unwrap_or(folded.len())
}

/// The ends of the first words of a folded text, relative to its start: each word is
/// `text[start..end]`, and a run of words from the first is `text[..end]`.
#[derive(Debug, Clone, Copy)]
struct WordEnds {
    ends: [usize; MAX_PHRASE_WORDS],
    len: usize,
}

impl WordEnds {
    fn as_slice(&self) -> &[usize] {
        &self.ends[..self.len]
    }
}

/// The ends of the first `n` words of `folded` (fewer when it has fewer; at most
/// [`MAX_PHRASE_WORDS`]).
fn word_ends(folded: &[u8], n: usize) -> WordEnds {
    let mut ends = WordEnds {
        ends: [0; MAX_PHRASE_WORDS],
        len: 0,
    };
    let mut at = 0;
    while ends.len < n.min(MAX_PHRASE_WORDS) {
        let end = at + word_len(&folded[at..]);
        ends.ends[ends.len] = end;
        ends.len += 1;
        if end == folded.len() {
            break;
        }
        at = end + 1;
    }
    ends
}

/// True when a phrase of reason `r` and mode `mode` (but [`Mode::All`]) that a block's
/// searched words hold counts in it ([`Lexicon::boilerplate`]): the block is read as
/// `reading`, `long` when it has more than [`MAX_SEARCHED_WORDS`] words, `short` when it
/// has up to 12.
#[inline(always)]
fn phrase_counts(
    r: BoilerplateReason,
    mode: Mode,
    reading: Reading,
    long: bool,
    short: bool,
) -> bool {
    match mode {
        Mode::Strong => !long || counts_in_long_block(r),
        Mode::Any => reading != Reading::Sentence && short,
        Mode::Open => reading == Reading::Open && short,
        Mode::All => false,
    }
}

/// True when a strong phrase of reason `r` marks a block of more than
/// [`MAX_SEARCHED_WORDS`] words (found in its first words): only cookie and copyright
/// notices do.
fn counts_in_long_block(r: BoilerplateReason) -> bool {
    matches!(r, BoilerplateReason::Cookie | BoilerplateReason::Copyright)
}

/// Which reason wins when a block has phrases of several (lower first): the most specific.
fn rank(r: BoilerplateReason) -> u8 {
    use BoilerplateReason as R;
    match r {
        R::Cookie => 0,
        R::Newsletter => 1,
        R::Copyright => 2,
        R::Promo => 3,
        R::ContinueReading => 4,
        R::Advertisement => 5,
        R::Comments => 6,
        R::SignIn => 7,
        R::Social => 8,
        R::Related => 9,
        R::Navigation => 10,
        _ => 11,
    }
}

/// Folds text for matching: lower case, runs of other characters one space, trimmed.
/// `©` and `@` are kept as words of their own.
pub(crate) fn fold(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    fold_append(s, &mut out);
    // Built from whole characters of `s` and ASCII: always UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// The words of folded text, as `folded.split(' ')` gives them, found by [`word_len`]: the
/// char searcher behind `split(' ')` sets up a memchr for every word, which costs more
/// than the short words it skips.
pub(crate) fn folded_words(folded: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(folded);
    std::iter::from_fn(move || {
        let s = rest?;
        let i = word_len(s.as_bytes());
        if i < s.len() {
            rest = s.get(i + 1..);
            s.get(..i)
        } else {
            rest = None;
            Some(s)
        }
    })
}

/// Calls `f` with [`fold`]`(s)`, folded into a buffer kept from call to call: the line
/// recognizers fold a word or a tail of most blocks only to look it up, and a `String`
/// each time was an allocation per block.
pub(crate) fn with_fold<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static BUF: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    }
    // Taken out of the cell, so a nested call gets a fresh buffer instead of a conflict
    // (and so does a call after the thread's exit has freed it).
    let mut buf = BUF.try_with(Cell::take).unwrap_or_default();
    buf.clear();
    fold_append(s, &mut buf);
    let r = f(std::str::from_utf8(&buf).unwrap_or_default());
    // A huge block's buffer is not kept for the life of the thread.
    if buf.capacity() <= MAX_KEPT_FOLD_BUFFER {
        let _ = BUF.try_with(|kept| kept.set(buf));
    }
    r
}

/// The largest buffer [`with_fold`] keeps for the next call, in bytes.
const MAX_KEPT_FOLD_BUFFER: usize = 4096;

/// What [`fold_append`] does with a byte: an ASCII letter or digit maps to itself in lower
/// case; other ASCII bytes to [`FOLD_SPACE`]; `@` and the bytes of other characters to
/// [`FOLD_DECODE`] (the character is decoded and looked at).
static FOLD_BYTE: [u8; 256] = {
    let mut t = [FOLD_DECODE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            // `| 0x20` lowers a letter and keeps a digit.
            c | 0x20
        } else if c == b'@' {
            FOLD_DECODE
        } else {
            FOLD_SPACE
        };
        b += 1;
    }
    t
};
const FOLD_SPACE: u8 = 0;
const FOLD_DECODE: u8 = 1;

/// Appends [`fold`]`(s)` to `out` (whatever `out` holds stays before it, untouched);
/// returns the number of words of the folded text (`fold(s).split(' ').count()`, 0 when
/// it is empty), counted as the spaces go in rather than by a second pass.
pub(crate) fn fold_append(s: &str, out: &mut Vec<u8>) -> usize {
    if s.is_ascii() {
        fold_ascii(s.as_bytes(), out)
    } else {
        fold_any(s, out)
    }
}

/// [`fold_append`] of any text.
fn fold_any(s: &str, out: &mut Vec<u8>) -> usize {
    let mut fold = Folder::new(out);
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let folded = FOLD_BYTE[usize::from(b)];
        if folded > FOLD_DECODE {
            // A run of ASCII letters and digits.
            let run = bytes[i..]
                .iter()
                .position(|&c| FOLD_BYTE[usize::from(c)] <= FOLD_DECODE)
                .unwrap_or(bytes.len() - i);
            fold.ascii_alnum(&bytes[i..], run);
            i += run;
            continue;
        }
        if folded == FOLD_SPACE || crate::lex::is_plain_punctuation(&bytes[i..]) {
            fold.separator();
            i += if folded == FOLD_SPACE { 1 } else { 3 };
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        fold.char(c);
    }
    fold.finish()
}

/// The case of a letter of the commonest scripts of news text outside ASCII, told by its
/// range without the Unicode tables: `(lower case, upper case, lower-case form)`, or `None`
/// for any other character. Latin-1 letters, basic Cyrillic, and the caseless letters of
/// kana, CJK ideographs and Hangul syllables.
#[inline]
pub(crate) fn common_letter(c: char) -> Option<(bool, bool, char)> {
    let u = u32::from(c);
    Some(match u {
        0xC0..=0xDE if u != 0xD7 => (false, true, char::from_u32(u + 0x20)?),
        0xDF..=0xFF if u != 0xF7 => (true, false, c),
        0x400..=0x40F => (false, true, char::from_u32(u + 0x50)?),
        0x410..=0x42F => (false, true, char::from_u32(u + 0x20)?),
        0x430..=0x45F => (true, false, c),
        // Latin Extended-A and -B, the other Cyrillic letters and Latin Extended Additional:
        // asked out of line, so that the letters of other scripts (Greek, Hebrew, Arabic),
        // which the match passes over, keep a short inline test.
        0x100..=0x233 | 0x460..=0x52F | 0x1E00..=0x1EFF => return extended_letter(c),
        _ if is_common_caseless(u) => (false, false, c),
        _ => return None,
    })
}

/// Whether the code point `u` is one of the caseless letters [`common_letter`] knows (kana,
/// CJK ideographs, Hangul syllables), each its own lower case.
#[inline(always)]
pub(crate) fn is_common_caseless(u: u32) -> bool {
    matches!(u, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
}

/// [`common_letter`] of the letters of Latin Extended-A and -B, the Cyrillic letters past
/// U+045F and Latin Extended Additional (Polish, Czech, Romanian, Turkish, Vietnamese,
/// Ukrainian): pairs of a capital and its small letter, the capital at the even or the odd
/// code point; `None` for the others of those blocks.
#[inline(never)]
fn extended_letter(c: char) -> Option<(bool, bool, char)> {
    let u = u32::from(c);
    Some(match u {
        0x100..=0x12F
        | 0x132..=0x137
        | 0x14A..=0x177
        | 0x1A0..=0x1A5
        | 0x1DE..=0x1EF
        | 0x218..=0x21F
        | 0x222..=0x233
        | 0x460..=0x481
        | 0x48A..=0x4BF
        | 0x4D0..=0x52F
        | 0x1E00..=0x1E95
        | 0x1EA0..=0x1EFF => match u & 1 {
            0 => (false, true, char::from_u32(u + 1)?),
            _ => (true, false, c),
        },
        0x139..=0x148 | 0x179..=0x17E | 0x1AF..=0x1B0 | 0x1CD..=0x1DC | 0x4C1..=0x4CE => {
            match u & 1 {
                1 => (false, true, char::from_u32(u + 1)?),
                _ => (true, false, c),
            }
        }
        0x131 | 0x138 | 0x149 | 0x17F => (true, false, c),
        0x178 => (false, true, '\u{FF}'),
        _ => return None,
    })
}

/// A receiver of the characters of a text that folds them ([`fold`]) as they come, for a
/// pass that reads the text anyway.
pub(crate) trait FoldSink {
    /// A character that is neither a letter, a digit, `@` nor `©`: it separates words.
    fn separator(&mut self);
    /// A run of ASCII letters and digits: the first `len` bytes of `rest` (the bytes after
    /// them may be read, as a word of eight bytes is, but are not taken).
    fn ascii_alnum(&mut self, rest: &[u8], len: usize);
    /// A separator and then a run of ASCII letters and digits, as [`FoldSink::ascii_alnum`]
    /// takes it: the commonest step of prose, a space and a word.
    #[inline]
    fn separated_ascii_alnum(&mut self, rest: &[u8], len: usize) {
        self.separator();
        self.ascii_alnum(rest, len);
    }
    /// Whether the feature pass hands this sink the runs of spaced words of ASCII letters
    /// eight bytes at a time ([`FoldSink::spaced_chunk`]); else it hands them a word at a
    /// time, and the three methods below are never called.
    const CHUNKS: bool = false;
    /// A run of spaced words starts (with a space): what [`FoldSink::spaced_end`] is given
    /// back.
    fn spaced_start(&mut self) -> usize {
        0
    }
    /// Eight bytes of a run of spaced words, already folded (lowered); those past the run
    /// are cut off at its end.
    fn spaced_chunk(&mut self, _lowered: u64) {}
    /// The run that started at `mark` is the first `len` bytes handed over since (from its
    /// space to the last letter of its last word), with `spaces` spaces (those of
    /// [`FoldSink::spaced_join`] are counted there).
    fn spaced_end(&mut self, _mark: usize, _len: usize, _spaces: usize) {}
    /// The run that started at `mark` has a mark (a separator) after its first `len` bytes
    /// handed over: those past them are cut off, and it goes on with the space after the
    /// mark.
    fn spaced_cut(&mut self, _mark: usize, _len: usize) {}
    /// The run that started at `mark` has a mark inside a word (a separator) after its
    /// first `len` bytes handed over: those past them are cut off, a space is written (and
    /// counted) for the mark, and it goes on with the letter after the mark.
    fn spaced_join(&mut self, _mark: usize, _len: usize) {}
    /// Any other character.
    fn char(&mut self, c: char);
    /// [`FoldSink::char`] of a letter that [`common_letter`] knows, given as the lower case
    /// that it gives.
    fn common_lower(&mut self, lower: char);
    /// [`FoldSink::common_lower`] of a caseless letter of three bytes that
    /// [`is_common_caseless`] knows (kana, CJK ideographs, Hangul syllables: each its own
    /// lower case), given as its bytes, which are written as they are.
    fn caseless_letter(&mut self, bytes: [u8; 3]);
    /// [`FoldSink::common_lower`] of a letter of two bytes whose lower case is of two bytes
    /// too, given as the lower case's bytes ([`two_byte_utf8`]), which are written as they
    /// are.
    fn two_byte_lower(&mut self, bytes: [u8; 2]);
}

/// The UTF-8 bytes of `c`, a character of two bytes (U+0080 to U+07FF), encoded by hand:
/// what [`char::encode_utf8`] gives it, without its tests of the length.
#[inline(always)]
pub(crate) fn two_byte_utf8(c: char) -> [u8; 2] {
    let u = u32::from(c);
    debug_assert!((0x80..0x800).contains(&u), "{c:?}");
    [0xC0 | (u >> 6 & 0x1F) as u8, 0x80 | (u & 0x3F) as u8]
}

/// Writes the fold of a text into a buffer, after what the buffer holds; what
/// [`fold_append`] writes, a character at a time.
#[derive(Debug)]
pub(crate) struct Folder<'b> {
    out: &'b mut Vec<u8>,
    /// Where the folded text starts in `out`.
    base: usize,
    /// A separator came since the last word character.
    space: bool,
    /// Separator spaces written: the words are one more, when there are any.
    spaces: usize,
}

impl<'b> Folder<'b> {
    pub(crate) fn new(out: &'b mut Vec<u8>) -> Self {
        let base = out.len();
        Folder {
            out,
            base,
            space: false,
            spaces: 0,
        }
    }

    /// A word character comes: the space for the separators before it, unless it starts
    /// the text.
    #[inline]
    fn word_char(&mut self) {
        if self.space && self.out.len() > self.base {
            self.out.push(b' ');
            self.spaces += 1;
        }
        self.space = false;
    }

    /// The number of words written (0 when nothing was).
    pub(crate) fn finish(self) -> usize {
        if self.out.len() == self.base {
            0
        } else {
            self.spaces + 1
        }
    }
}

impl FoldSink for Folder<'_> {
    #[inline]
    fn separator(&mut self) {
        self.space = true;
    }

    #[inline(always)]
    fn ascii_alnum(&mut self, rest: &[u8], len: usize) {
        self.word_char();
        // `| 0x20` lowers a letter and keeps a digit. A run of up to eight bytes (most
        // words) is lowered and written as one word of eight bytes when the text has them,
        // and the bytes past the run are cut off again.
        const LOWER: u64 = 0x2020_2020_2020_2020;
        if len <= 8 {
            if let Some(&word) = rest.first_chunk::<8>() {
                let lowered = (u64::from_le_bytes(word) | LOWER).to_le_bytes();
                self.out.extend_from_slice(&lowered);
                self.out.truncate(self.out.len() - (8 - len));
                return;
            }
        }
        let run = rest.get(..len).unwrap_or(rest);
        self.out.extend(run.iter().map(|&b| b | 0x20));
    }

    // (This and `ascii_alnum` are always inlined: the feature pass has two instances
    // ([`SpillingFolder`]), and with two callers, these steps of prose were left out of
    // line in the [`Folder`]'s: web +4.7 instructions a byte.)
    #[inline(always)]
    fn separated_ascii_alnum(&mut self, rest: &[u8], len: usize) {
        // A run of up to eight bytes after what was written (the feature pass hands no
        // longer one): the space and the run, lowered, written as sixteen bytes (the space
        // and seven bytes, then the eighth), and the bytes past the run cut off again. (No
        // test of whether the run fits in eight bytes with its space: a word of eight
        // letters is common enough that such a test was mispredicted 73,000 times on web.)
        if len <= 8 && self.out.len() > self.base {
            if let Some(&word) = rest.first_chunk::<8>() {
                const LOWER: u64 = 0x2020_2020_2020_2020;
                let lowered = u64::from_le_bytes(word) | LOWER;
                let spaced = u128::from(lowered) << 8 | u128::from(b' ');
                self.out.extend_from_slice(&spaced.to_le_bytes());
                self.out.truncate(self.out.len() - (15 - len));
                self.spaces += 1;
                self.space = false;
                return;
            }
        }
        self.separator();
        self.ascii_alnum(rest, len);
    }

    const CHUNKS: bool = true;

    #[inline(always)]
    fn spaced_start(&mut self) -> usize {
        self.out.len()
    }

    #[inline(always)]
    fn spaced_chunk(&mut self, lowered: u64) {
        // (From the array, not a slice: the length is kept in a register over the
        // walk's eight-byte steps rather than read back after each store, one instruction
        // a step: one pass seed variants 73.44 → 73.37 instructions a byte, web pages 75.57
        // → 75.50, quote paragraphs 82.67 → 82.57.)
        self.out.extend(lowered.to_le_bytes());
    }

    #[inline(always)]
    fn spaced_cut(&mut self, mark: usize, len: usize) {
        self.out.truncate(mark + len);
    }

    #[inline(always)]
    fn spaced_join(&mut self, mark: usize, len: usize) {
        self.out.truncate(mark + len);
        self.out.push(b' ');
        self.spaces += 1;
    }

    #[inline(always)]
    fn spaced_end(&mut self, mark: usize, len: usize, spaces: usize) {
        // The run as it is but for its letters lowered (its spaces are single), without its
        // first space when it starts the fold.
        self.out.truncate(mark + len);
        self.spaces += spaces;
        self.space = false;
        if mark == self.base {
            self.out.remove(mark);
            self.spaces -= 1;
        }
    }

    fn char(&mut self, c: char) {
        if let Some((_, _, lower)) = common_letter(c) {
            self.common_lower(lower);
            return;
        }
        self.rare_char(c);
    }

    #[inline]
    fn common_lower(&mut self, lower: char) {
        let mut buf = [0u8; 4];
        self.word_char();
        // Two or three bytes, written as such: a copy of a length known only at run time
        // is a call to memcpy.
        match *lower.encode_utf8(&mut buf).as_bytes() {
            [a, b] => self.out.extend_from_slice(&[a, b]),
            [a, b, c] => self.out.extend_from_slice(&[a, b, c]),
            ref other => self.out.extend_from_slice(other),
        }
    }

    // (Always inlined, into the feature pass's run of such letters: decoded there and
    // encoded again by an out-of-line `common_lower`, a letter cost ~44 instructions, some
    // 13,000 letters a web pass.)
    #[inline(always)]
    fn caseless_letter(&mut self, bytes: [u8; 3]) {
        self.word_char();
        self.out.extend_from_slice(&bytes);
    }

    // (Through the out-of-line `common_lower`, which saves five registers, zeroes a buffer
    // and tests the length of the encoding, a letter of two bytes cost ~37 instructions,
    // some 21,600 letters a web pass; this one, a letter inside a word with room in the
    // buffer, ~12, the rest left to `spaced_bytes`: one pass on web 75.57 → 75.44
    // instructions a byte. Out of line: inlined into the feature pass, it cost seed +0.2,
    // web +0.15.)
    #[inline(never)]
    fn two_byte_lower(&mut self, bytes: [u8; 2]) {
        if !self.space && self.out.capacity() - self.out.len() >= 2 {
            self.out.extend_from_slice(&bytes);
        } else {
            self.spaced_bytes(&bytes);
        }
    }
}

impl Folder<'_> {
    /// The bytes of a word's character, after the space for the separators before it:
    /// out of line, so that [`FoldSink::two_byte_lower`] saves no registers.
    #[inline(never)]
    fn spaced_bytes(&mut self, bytes: &[u8]) {
        self.word_char();
        self.out.extend_from_slice(bytes);
    }

    /// Composes the combining accent `mark` with the last character written (a word's, not
    /// a space), when the two compose; otherwise writes nothing.
    fn compose_last(&mut self, mark: char) {
        let written = &self.out[self.base..];
        // The last character's first byte: the last byte that is no continuation byte.
        let Some(at) = written.iter().rposition(|&b| b & 0xc0 != 0x80) else {
            return;
        };
        let last = std::str::from_utf8(&written[at..])
            .ok()
            .and_then(|s| s.chars().next());
        if let Some(composed) = last.and_then(|l| unicode_normalization::char::compose(l, mark)) {
            self.out.truncate(self.base + at);
            for l in composed.to_lowercase() {
                let mut buf = [0u8; 4];
                self.out
                    .extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        }
    }

    /// [`FoldSink::char`] of a character that is no letter [`common_letter`] knows: out of
    /// line, so that the common letters' path saves few registers.
    #[inline(never)]
    fn rare_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        if matches!(c, '\u{300}'..='\u{36f}') && !self.space && self.out.len() > self.base {
            // A combining accent inside a word (decomposed text, NFD): composed with the
            // letter before it, as NFC would ("e\u{301}" folds as "é"), or else dropped, so
            // that the word folds as it does composed rather than falling apart at it.
            self.compose_last(c);
            return;
        }
        if !(crate::lex::is_wide_alphanumeric(c) || c == '©' || c == '@') {
            self.space = true;
            return;
        }
        if c == '©'
            && !self.space
            && self.out.len() >= self.base + 2
            && self.out.ends_with("ã".as_bytes())
        {
            // "Ã©" inside a word is mojibake of "é" (its UTF-8 bytes read as Latin-1:
            // "protegÃ©s", "LibÃ©ration"), not a copyright sign: a letter of the word.
            self.word_char();
            self.out
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            return;
        }
        self.word_char();
        if c == '©' || c == '@' {
            // A word of its own: after a space (one only), and a space is due after it.
            if self.out.len() > self.base && self.out.last() != Some(&b' ') {
                self.out.push(b' ');
                self.spaces += 1;
            }
            self.out
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            self.space = true;
            return;
        }
        for l in c.to_lowercase() {
            self.out
                .extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// How many bytes a [`SpillingFolder`] writes before it hands them to its hasher.
pub(crate) const SPILL_BYTES: usize = 64 * 1024;

/// How many of the first bytes of its folded text a [`SpillingFolder`] keeps when it spills
/// them: enough for a prefix key (its hundred bytes and the few of a character cut).
pub(crate) const SPILL_HEAD_BYTES: usize = 128;

/// A [`Folder`] for a huge text, which need not keep the text's whole fold: once what it
/// has written passes [`SPILL_BYTES`], the bytes up to its last space (cut back to a
/// multiple of eight) are fed to a [`FastHasher`] and dropped, and only the rest stays in
/// the buffer. As the hasher reads eight bytes a step, feeding it the fold in pieces of a
/// multiple of eight gives what feeding it the whole fold at once gives: the text's key is
/// the same, from a buffer of 64 KB and the longest run of the text without a space
/// (most often a word) rather than one as long as the text. What is
/// left in the buffer holds the fold's last space and all after it, so its last word is
/// whole; its first [`SPILL_HEAD_BYTES`] bytes are kept apart for the prefix key.
#[derive(Debug)]
pub(crate) struct SpillingFolder<'b> {
    inner: Folder<'b>,
    /// The hasher, fed the bytes spilled so far.
    hasher: FastHasher,
    /// The first bytes of the fold, once any are spilled (the first spill keeps some:
    /// it comes after [`SPILL_BYTES`] are written); empty until then.
    head: Vec<u8>,
    /// How many bytes of what is written hold no space: a spill looks for one after them
    /// only, so that a huge run with no space (and a separator after every byte of it) is
    /// searched once, not at every separator.
    no_space: usize,
    /// How many bytes the searches for a space read, all told: about as many as are
    /// written (the test `spills_search_each_byte_about_once` checks it).
    scanned: usize,
}

/// What a [`SpillingFolder`] leaves: its number of words and, when it spilled any bytes,
/// the hasher fed them and the fold's first bytes. The rest of the fold is in the buffer.
#[derive(Debug)]
pub(crate) struct Spilled {
    /// The number of words written, as [`Folder::finish`] gives it.
    pub words: usize,
    /// The hasher fed the spilled bytes; `None` when nothing was spilled (the whole fold is
    /// in the buffer).
    pub hasher: Option<FastHasher>,
    /// The first [`SPILL_HEAD_BYTES`] bytes of the fold (empty when nothing was spilled).
    pub head: Vec<u8>,
}

impl<'b> SpillingFolder<'b> {
    pub(crate) fn new(out: &'b mut Vec<u8>) -> Self {
        SpillingFolder {
            inner: Folder::new(out),
            hasher: FastHasher::default(),
            head: Vec::new(),
            no_space: 0,
            scanned: 0,
        }
    }

    /// Spills when [`SPILL_BYTES`] are written (tested word by word).
    #[inline]
    fn check(&mut self) {
        if self.inner.out.len() - self.inner.base >= SPILL_BYTES {
            self.spill();
        }
    }

    /// Feeds the hasher the written bytes up to the last space, cut back to a multiple of
    /// eight, and drops them from the buffer; nothing when that is none (no space yet).
    #[inline(never)]
    fn spill(&mut self) {
        let base = self.inner.base;
        let written = &self.inner.out[base..];
        self.scanned += written.len() - self.no_space;
        let Some(last_space) = memchr::memrchr(b' ', &written[self.no_space..]) else {
            self.no_space = written.len();
            return;
        };
        let cut = (self.no_space + last_space) / 8 * 8;
        // What is left holds no space to cut at: the last space (and any before it) lies
        // within eight bytes of where it starts. The next search starts after it, so that
        // a long run of separators after a long word is not searched again at each one.
        self.no_space = written.len() - cut;
        if cut == 0 {
            return;
        }
        if self.head.is_empty() {
            self.head
                .extend_from_slice(&written[..written.len().min(SPILL_HEAD_BYTES)]);
        }
        self.hasher.write(&written[..cut]);
        self.inner.out.drain(base..base + cut);
    }

    /// How many bytes the searches for a space have read so far.
    #[cfg(test)]
    pub(crate) fn scanned(&self) -> usize {
        self.scanned
    }

    /// The number of words and what was spilled ([`Spilled`]).
    pub(crate) fn finish(self) -> Spilled {
        let spilled = !self.head.is_empty();
        Spilled {
            words: self.inner.finish(),
            hasher: spilled.then_some(self.hasher),
            head: self.head,
        }
    }
}

impl FoldSink for SpillingFolder<'_> {
    #[inline]
    fn separator(&mut self) {
        self.inner.separator();
        self.check();
    }

    #[inline]
    fn ascii_alnum(&mut self, rest: &[u8], len: usize) {
        self.inner.ascii_alnum(rest, len);
    }

    #[inline]
    fn separated_ascii_alnum(&mut self, rest: &[u8], len: usize) {
        self.check();
        self.inner.separated_ascii_alnum(rest, len);
    }

    #[inline]
    fn char(&mut self, c: char) {
        self.inner.char(c);
    }

    #[inline]
    fn common_lower(&mut self, lower: char) {
        self.inner.common_lower(lower);
    }

    #[inline]
    fn caseless_letter(&mut self, bytes: [u8; 3]) {
        self.inner.caseless_letter(bytes);
    }

    #[inline]
    fn two_byte_lower(&mut self, bytes: [u8; 2]) {
        self.inner.two_byte_lower(bytes);
    }
}

/// A [`FoldSink`] that keeps nothing (the tests compare passes without a fold).
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct NoFold;

#[cfg(test)]
impl FoldSink for NoFold {
    #[inline]
    fn separator(&mut self) {}
    #[inline]
    fn ascii_alnum(&mut self, _: &[u8], _: usize) {}
    #[inline]
    fn char(&mut self, _: char) {}
    #[inline]
    fn common_lower(&mut self, _: char) {}
    #[inline]
    fn caseless_letter(&mut self, _: [u8; 3]) {}
    #[inline]
    fn two_byte_lower(&mut self, _: [u8; 2]) {}
}

/// Texts longer than this get room for their fold by an exact count ([`fold_ascii`]).
const EXACT_ROOM_BYTES: usize = 4096;

/// [`fold_append`] of ASCII text, written by index into room made first (a byte becomes
/// at most three: `@` is a word of its own, " @ "), which keeps the write position in a
/// register rather than a `Vec` length.
fn fold_ascii(bytes: &[u8], out: &mut Vec<u8>) -> usize {
    let base = out.len();
    // The exact bound for a long text (one huge word must not cost three times its size),
    // the cheap one for a short text.
    let room = if bytes.len() > EXACT_ROOM_BYTES {
        bytes.len() + 2 * memchr::memchr_iter(b'@', bytes).count()
    } else {
        3 * bytes.len()
    };
    out.resize(base + room, 0);
    let dst = &mut out[base..];
    let (mut j, mut spaces, mut space) = (0, 0, false);
    for &b in bytes {
        let folded = FOLD_BYTE[usize::from(b)];
        if folded > FOLD_DECODE {
            if space && j > 0 {
                dst[j] = b' ';
                j += 1;
                spaces += 1;
            }
            space = false;
            dst[j] = folded;
            j += 1;
        } else if folded == FOLD_SPACE {
            space = true;
        } else {
            // `@`: after a space (one only), and a space is due after it.
            if j > 0 && dst[j - 1] != b' ' {
                dst[j] = b' ';
                j += 1;
                spaces += 1;
            }
            dst[j] = b'@';
            j += 1;
            space = true;
        }
    }
    out.truncate(base + j);
    if j == 0 {
        0
    } else {
        spaces + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the word lists ([`kind_bit`]).
    const KINDS: [&str; 8] = [
        "byline",
        "commentverb",
        "credit",
        "dateword",
        "month",
        "more",
        "tagsheading",
        "wire",
    ];

    /// [`Lexicon::lists`] (and so [`Lexicon::is`]) of every word of the lists' data and of
    /// some unlisted words is what the data says: list `kind` holds the folded word when a
    /// line `kind<TAB>word` of it folds to that word.
    #[test]
    fn lists_are_those_of_the_data() {
        let lex = lexicon();
        let lines: Vec<(&str, String)> = WORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(kind, word)| (kind, fold(word)))
            .collect();
        // Every list of the data is among those checked.
        assert!(lines.iter().all(|(kind, _)| KINDS.contains(kind)));
        let unlisted = ["", "x", "the", "zebra", "mays", "photos"].map(String::from);
        let mut listed = 0;
        for w in lines.iter().map(|(_, w)| w).chain(&unlisted) {
            let lists = lex.lists(w);
            for kind in KINDS {
                let want = lines.iter().any(|(k, x)| *k == kind && x == w);
                listed += usize::from(want);
                assert_eq!(Lexicon::in_list(lists, kind), want, "{w} {kind}");
                assert_eq!(lex.is(kind, w), want, "{w} {kind}");
            }
        }
        assert!(listed > 100, "{listed}");
    }

    #[test]
    fn first_word_lengths_are_lengths_from_the_word_len() {
        let lex = lexicon();
        let texts = [
            "",
            " ",
            "a",
            "e",
            "to",
            "we use cookies",
            "this website uses cookies today",
            "all rights reserved",
            "© 2024 copyright",
            "cookie",
            "cookies",
            "copyright",
            "privacy settings",
            "advertisement x",
            "newsletter sign up",
            "leave a comment",
            "всё права защищены",
            "abcdefgh ijk",
            "abcdefg hij",
            "x y",
        ];
        for starts in [
            &lex.all_starts,
            &lex.contained_starts,
            &lex.strong_starts,
            &lex.long_starts,
        ] {
            for text in texts {
                let rest = text.as_bytes();
                let len = word_len(rest);
                assert_eq!(
                    starts.first_word_lengths(rest),
                    (len, starts.lengths_from(rest, len)),
                    "{text:?}"
                );
            }
        }
    }
    use BoilerplateReason as R;

    /// Every word of the word lists folds to a word ([`PackedWords`] holds no empty one),
    /// and every list has a bit ([`kind_bit`]).
    #[test]
    fn list_words_fold_to_words() {
        for line in WORDS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((kind, word)) = line.split_once('\t') {
                assert!(!fold(word).is_empty(), "{line:?}");
                assert_ne!(kind_bit(kind), 0, "{line:?}");
            }
        }
        let lex = lexicon();
        assert!(lex.is("month", "march") && lex.is("byline", "by") && !lex.is("month", "by"));
        assert!(!lex.is("month", "") && !lex.is("no such list", "march"));
    }

    /// A folded text that [`Lexicon::may_hold_listed_word`] rules out holds no phrase, no
    /// byline or credit word and no word of any list: texts of list words, phrase words and
    /// others, of up to five words.
    #[test]
    fn no_listed_word_rules_out_every_lookup() {
        let lex = lexicon();
        let mut parts: Vec<String> = WORDS
            .lines()
            .chain(PHRASES.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.rsplit('\t').next())
            .flat_map(|p| fold(p).split(' ').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect();
        parts.extend(
            [
                "baaa",
                "zq",
                "storm",
                "x",
                "4",
                "1234",
                "©",
                "@",
                "abcdefghijk",
                "é",
            ]
            .map(String::from),
        );
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let mut rng = crate::testgen::Rng::new(0x51ed);
        let mut ruled_out = 0;
        for _ in 0..20_000 {
            let n = 1 + rng.below(5);
            let words: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
            let folded = words.join(" ");
            if lex.may_hold_listed_word(folded.as_bytes()) {
                continue;
            }
            ruled_out += 1;
            for reading in [Reading::Open, Reading::Ended, Reading::Sentence] {
                assert_eq!(
                    lex.boilerplate(folded.as_bytes(), n, reading, WordSets::default(), None),
                    None,
                    "{folded:?}"
                );
            }
            assert!(!lex.may_hold_byline_word(&folded), "{folded:?}");
            assert!(!lex.may_hold_credit_word(&folded), "{folded:?}");
            for w in &words {
                assert!(KINDS.iter().all(|k| !lex.is(k, w)), "{w:?}");
            }
        }
        assert!(ruled_out > 100, "{ruled_out}");
        // The first word of every entry and phrase passes on its own.
        for l in WORDS.lines().chain(PHRASES.lines()) {
            let Some(entry) = l.rsplit('\t').next().filter(|_| !l.starts_with('#')) else {
                continue;
            };
            let first = fold(entry).split(' ').next().unwrap_or("").to_string();
            assert!(lex.may_hold_listed_word(first.as_bytes()), "{l:?}");
        }
        for w in super::super::promo::KIND_WORDS {
            assert!(lex.may_hold_listed_word(w), "{w:?}");
        }
    }

    /// Words that share the shape of a listed word (first and last letter, length) but are
    /// none are ruled out by the look-up behind the filter; the key of a word is the one a
    /// block of that word gets.
    #[test]
    fn words_of_a_listed_shape_are_looked_up() {
        let lex = lexicon();
        let mut rng = crate::testgen::Rng::new(0x7e57_11ed);
        let (mut shaped, mut ruled_out) = (0, 0);
        for _ in 0..20_000 {
            let len = 2 + rng.below(7);
            let w: Vec<u8> = (0..len).map(|_| b'a' + rng.below(26) as u8).collect();
            if !lex.listed.may_contain_bytes(&w) {
                continue;
            }
            shaped += 1;
            if !lex.may_hold_listed_word(&w) {
                ruled_out += 1;
                let s = std::str::from_utf8(&w).unwrap_or_default();
                assert!(lex.words.get(&w, w.len()) == 0, "{s}");
                assert!(!super::super::promo::KIND_WORDS.contains(&&w[..]), "{s}");
                // Nor is it a byline or credit word, nor a phrase of one word: the filter
                // answers for all of these tests.
                assert!(!lex.may_hold_byline_word(s), "{s}");
                assert!(!lex.may_hold_credit_word(s), "{s}");
                for reading in [Reading::Open, Reading::Ended, Reading::Sentence] {
                    assert_eq!(
                        lex.boilerplate(&w, 1, reading, WordSets::default(), None),
                        None,
                        "{s}"
                    );
                }
            }
            let mut buf = String::new();
            let f = super::super::features::block_features(
                std::str::from_utf8(&w).unwrap_or_default(),
                &mut buf,
            );
            assert_eq!(f.key, word_key(&w));
        }
        assert!(
            shaped > 1_000 && ruled_out * 2 > shaped,
            "{shaped} {ruled_out}"
        );
    }

    #[test]
    fn the_ascii_fold_is_the_general_fold() {
        let words = [
            "Share", "@daily", "a@b", "@", " ", "  ", "9", "x", "!", "--", "\t", "ÉTÉ",
        ];
        let mut rng = crate::testgen::Rng::new(0x2545_f491);
        for _ in 0..3000 {
            let n = rng.below(9);
            let s = rng.text(&words[..words.len() - 1], n);
            let (mut a, mut b) = (b"kept".to_vec(), b"kept".to_vec());
            let n = fold_ascii(s.as_bytes(), &mut a);
            assert_eq!((n, &a), (fold_any(&s, &mut b), &b), "{s:?}");
        }
        // Past the exact-room length, with the most room `@` needs.
        for s in [
            "@".repeat(3 * EXACT_ROOM_BYTES),
            "a@".repeat(EXACT_ROOM_BYTES),
        ] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let n = fold_ascii(s.as_bytes(), &mut a);
            assert_eq!((n, &a), (fold_any(&s, &mut b), &b));
        }
    }

    #[test]
    fn a_separated_run_is_a_separator_and_the_run() {
        let text = b"Sentences of Prose1 x ABCDEFGHIJKLMNOP";
        // Runs of every length from 1 to 16, with and without eight bytes after their
        // start, first in the text or after a word.
        for start in 0..text.len() {
            for len in 1..=16.min(text.len() - start) {
                for before in [&b""[..], b"kept", b"a"] {
                    let rest = &text[start..];
                    let (mut a, mut b) = (b"buf".to_vec(), b"buf".to_vec());
                    let (mut fa, mut fb) = (Folder::new(&mut a), Folder::new(&mut b));
                    fa.ascii_alnum(before, before.len());
                    fb.ascii_alnum(before, before.len());
                    fa.separated_ascii_alnum(rest, len);
                    fb.separator();
                    fb.ascii_alnum(rest, len);
                    let (wa, wb) = (fa.finish(), fb.finish());
                    assert_eq!((wa, &a), (wb, &b), "{before:?} {len}");
                }
            }
        }
    }

    /// Asserts that `fast`, called on a folder after each text of `befores`, writes what
    /// [`FoldSink::common_lower`] of `lower` writes there, and that a letter after it folds
    /// the same way too.
    fn folds_as_common_lower(befores: &[&str], fast: impl Fn(&mut Folder), lower: char) {
        for before in befores {
            let (mut a, mut b) = (b"buf".to_vec(), b"buf".to_vec());
            let (mut fa, mut fb) = (Folder::new(&mut a), Folder::new(&mut b));
            for f in [&mut fa, &mut fb] {
                before.chars().for_each(|x| f.char(x));
            }
            fast(&mut fa);
            fb.common_lower(lower);
            fa.char('x');
            fb.char('x');
            let (wa, wb) = (fa.finish(), fb.finish());
            assert_eq!((wa, &a), (wb, &b), "{before:?} {lower:?}");
        }
    }

    #[test]
    fn two_byte_letters_are_encoded_as_utf8_says() {
        // Every character of two bytes, encoded by hand, and the fold of each letter that
        // `common_letter` knows there, given as its lower case's bytes, after nothing, a
        // word or a letter of two bytes, with and without a separator: what `common_lower`
        // of its lower case writes.
        let mut seen = 0;
        for c in '\u{80}'..='\u{7FF}' {
            let mut buf = [0u8; 4];
            assert_eq!(
                &two_byte_utf8(c)[..],
                c.encode_utf8(&mut buf).as_bytes(),
                "{c:?}"
            );
            let Some((_, _, l)) = common_letter(c) else {
                continue;
            };
            let befores = ["", " ", "kept", "kept ", "\u{e9}", "\u{416} "];
            folds_as_common_lower(&befores, |f| f.two_byte_lower(two_byte_utf8(l)), l);
            seen += 1;
        }
        assert!(seen > 500, "{seen}");
    }

    #[test]
    fn a_caseless_letter_folds_as_its_lower_case() {
        // Every caseless letter `is_common_caseless` knows, given as its bytes, after
        // nothing, a word or another such letter, each with and without a separator after
        // it: what `common_lower` of the letter writes, and then a letter after it.
        let mut seen = 0;
        for c in (0x3000..=0xD7FF).filter_map(char::from_u32) {
            if !is_common_caseless(u32::from(c)) {
                continue;
            }
            let mut buf = [0u8; 4];
            let &[a0, a1, a2] = c.encode_utf8(&mut buf).as_bytes() else {
                panic!("{c:?} is not of three bytes");
            };
            let befores = ["", " ", "kept", "kept ", "日", "日 "];
            folds_as_common_lower(&befores, |f| f.caseless_letter([a0, a1, a2]), c);
            seen += 1;
        }
        assert!(seen > 30_000, "{seen}");
    }

    #[test]
    fn common_letters_are_what_unicode_says() {
        let mut seen = 0;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let Some((lower, upper, l)) = common_letter(c) else {
                continue;
            };
            seen += 1;
            assert!(c.is_alphabetic(), "{c:?}");
            assert_eq!(
                (lower, upper),
                (c.is_lowercase(), c.is_uppercase()),
                "{c:?}"
            );
            assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
        }
        assert!(seen > 30_000);
    }

    #[test]
    fn fold_lowers_every_common_letter() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            if common_letter(c).is_none() {
                continue;
            }
            let lower: String = c.to_lowercase().collect();
            assert_eq!(
                fold(&format!("x{c}Y, {c}")),
                format!("x{lower}y {lower}"),
                "{c:?}"
            );
        }
    }

    #[test]
    fn fold_lowers_and_collapses() {
        assert_eq!(fold("  Share on Facebook!! "), "share on facebook");
        assert_eq!(fold("©2024 Daily News"), "© 2024 daily news");
        assert_eq!(fold("Отправить — Поделиться"), "отправить поделиться");
        // "Ã©" inside a word is mojibake of "é", no copyright sign; after a space, or
        // after another letter, "©" is one.
        assert_eq!(fold("LibÃ©ration"), "libã©ration");
        assert_eq!(fold("protegÃ©s ©2024"), "protegã©s © 2024");
        assert_eq!(fold("Ã ©"), "ã ©");
        assert_eq!(fold("a©"), "a ©");
        assert_eq!(fold("©"), "©");
        // Decomposed text (NFD) folds as composed text does: its accents compose with the
        // letter before them, or else are dropped; an accent that starts a word is a
        // separator, as before.
        assert_eq!(fold("Re\u{301}sume\u{301}"), fold("Résumé"));
        assert_eq!(fold("droits re\u{301}serve\u{301}s"), "droits réservés");
        assert_eq!(fold("LibA\u{303}\u{a9}ration"), "libã©ration");
        assert_eq!(fold("x\u{301}y \u{301}z"), "xy z");
    }

    #[test]
    fn a_head_is_the_word_padded_with_zeros() {
        let text = b"abcdefghijkl";
        for end in 0..=text.len() {
            let rest = &text[..end];
            for len in 0..=end {
                let mut b = [0u8; 8];
                let n = len.min(8);
                b[..n].copy_from_slice(&rest[..n]);
                assert_eq!(
                    PackedWords::head(rest, len),
                    u64::from_le_bytes(b),
                    "{end} {len}"
                );
            }
        }
    }

    #[test]
    fn folded_words_split_like_split() {
        let long = [
            "newsletters on facebook",
            "abcdefgh ijklmnopq r",
            "abcdefg hijklmno",
            "отправить поделиться",
            "a b c d e f g h i j",
            "abcdefghijklmnop",
        ];
        for s in ["", "a", "share on facebook", " a  b ", "© 2024"]
            .into_iter()
            .chain(long)
        {
            assert_eq!(
                folded_words(s).collect::<Vec<_>>(),
                s.split(' ').collect::<Vec<_>>()
            );
        }
    }

    /// [`Lexicon::boilerplate`] by brute force: every run of the searched words looked up.
    fn plain_boilerplate(
        lex: &Lexicon,
        folded: &str,
        words: usize,
        reading: Reading,
    ) -> Option<BoilerplateReason> {
        if folded.is_empty() {
            return None;
        }
        let sentence = reading == Reading::Sentence;
        let toks: Vec<&str> = folded.split(' ').take(MAX_SEARCHED_WORDS).collect();
        let long = words > MAX_SEARCHED_WORDS;
        let short = words.min(MAX_SEARCHED_WORDS) <= 12;
        let phrase = |i: usize, n: usize| {
            lex.phrases
                .get(toks[i..i + n].join(" ").as_bytes())
                .copied()
        };
        let count = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if toks.len() <= MAX_ALL_WORDS && short {
            // Longest `all` phrase first, from the left; counts go with them.
            let (mut i, mut reason, mut all) = (0, None, true);
            while i < toks.len() && all {
                match (1..=toks.len() - i).rev().find_map(|n| match phrase(i, n) {
                    Some((r, Mode::All)) => Some((r, n)),
                    _ => None,
                }) {
                    Some((r, n)) => {
                        reason.get_or_insert(r);
                        i += n;
                    }
                    None if count(toks[i]) => i += 1,
                    None => all = false,
                }
            }
            if all && reason.is_some() {
                return reason;
            }
        }
        let mut best: Option<BoilerplateReason> = None;
        for i in 0..toks.len() {
            for n in 1..=toks.len() - i {
                let hit = match phrase(i, n) {
                    Some((r, Mode::Strong)) if !long || counts_in_long_block(r) => Some(r),
                    Some((r, Mode::Any)) if !sentence && short => Some(r),
                    Some((r, Mode::Open)) if reading == Reading::Open && short => Some(r),
                    _ => None,
                };
                if let Some(r) = hit {
                    if best.is_none_or(|b| rank(r) < rank(b)) {
                        best = Some(r);
                    }
                }
            }
        }
        best
    }

    /// The one-word path of [`Lexicon::boilerplate`] against the plain search and against
    /// the walk it stands in for ([`Lexicon::phrase_reason`]), on every word of every phrase
    /// (each phrase of one word among them), counts, and random words, in each reading.
    #[test]
    fn one_word_reasons_are_those_of_the_search() {
        let lex = lexicon();
        let mut words: Vec<Vec<u8>> = lex
            .phrases
            .keys()
            .flat_map(|p| p.split(|&b| b == b' '))
            .map(<[u8]>::to_vec)
            .collect();
        words.extend(
            ["", "12", "2024", "the", "x", "©", "@", "council"].map(|w| w.as_bytes().to_vec()),
        );
        let mut rng = crate::testgen::Rng::new(0x51_0e_0d);
        for _ in 0..2_000 {
            let len = 1 + rng.below(12);
            words.push((0..len).map(|_| b"abcdeinorstu0"[rng.below(13)]).collect());
        }
        let mut found = 0;
        for w in &words {
            let s = std::str::from_utf8(w).unwrap_or_default();
            for reading in [Reading::Open, Reading::Ended, Reading::Sentence] {
                let got = lex.boilerplate(w, 1, reading, WordSets::default(), None);
                assert_eq!(
                    got,
                    plain_boilerplate(lex, s, 1, reading),
                    "{s:?} {reading:?}"
                );
                let walked = lex.phrase_reason(w, 1, reading, WordSets::default(), None);
                assert_eq!(got, walked, "{s:?} {reading:?}");
                found += usize::from(got.is_some());
            }
        }
        assert!(found > 10, "{found}");
    }

    #[test]
    fn phrase_search_finds_what_a_plain_search_finds() {
        let lex = lexicon();
        // Words of the phrases, digits, and words of no phrase.
        let phrases: Vec<&str> = lex
            .phrases
            .keys()
            .map(|p| std::str::from_utf8(p).unwrap())
            .collect();
        let mut vocab: Vec<&str> = phrases.iter().flat_map(|p| p.split(' ')).collect();
        vocab.sort_unstable();
        vocab.dedup();
        vocab.extend(["12", "the", "council", "voted", "x", "©", "@"]);
        let mut rng = crate::testgen::Rng::new(0x0bad_cafe);
        let mut next = |n: usize| rng.below(n);
        for round in 0..6_000 {
            let len = [1, 2, 3, 5, 8, 9, 12, 13, 39, 40, 41, 60][round % 12];
            let mut parts: Vec<&str> = Vec::new();
            while parts.len() < len {
                // Whole phrases now and then, so that runs of them occur.
                if next(3) == 0 {
                    parts.extend(phrases[next(phrases.len())].split(' '));
                } else {
                    parts.push(vocab[next(vocab.len())]);
                }
            }
            let folded = parts.join(" ");
            let words = parts.len();
            for reading in [Reading::Open, Reading::Ended, Reading::Sentence] {
                let want = plain_boilerplate(lex, &folded, words, reading);
                let unknown = WordSets::default();
                assert_eq!(
                    lex.boilerplate(folded.as_bytes(), words, reading, unknown, None),
                    want,
                    "{folded:?} {reading:?}"
                );
                // The search with the sets of the block's words, where they are found.
                if (1..=MAX_SEARCHED_WORDS).contains(&words) {
                    let mut buf = b"before ".to_vec();
                    buf.extend_from_slice(folded.as_bytes());
                    let (_, reason) = lex.boilerplate_with_sets(&mut buf, 7, words, reading);
                    assert_eq!(reason, want, "{folded:?} {reading:?} (with sets)");
                }
            }
        }
        assert!(phrases
            .iter()
            .all(|p| p.split(' ').count() <= MAX_PHRASE_WORDS));
    }

    /// The search with the walk's word starts ([`Lexicon::boilerplate_with_sets`]) against
    /// the search without them, on blocks of 2 to 40 words drawn mostly from the words of
    /// the `all` phrases, counts and words of no phrase: the answer "no phrase" for a block
    /// whose sets rule out the words that start a phrase of the searched set ([`start_set`])
    /// and that starts with no `all` phrase nor count, the lengths of the words that may
    /// start one read off their starts, and the `all` phrases found from the starts
    /// ([`Lexicon::all_words_reason`]).
    #[test]
    fn reasons_with_word_starts_are_those_without() {
        let lex = lexicon();
        let mut all_words: Vec<&str> = Vec::new();
        let mut other_words: Vec<&str> = Vec::new();
        for (p, &(_, mode)) in &lex.phrases {
            let words = std::str::from_utf8(p).unwrap().split(' ');
            if mode == Mode::All {
                all_words.extend(words);
            } else {
                other_words.extend(words);
            }
        }
        let plain = [
            "the",
            "council",
            "voted",
            "x",
            "a",
            "longerthansixteenbytes",
        ];
        let counts = ["1", "12", "2024", "300000"];
        let mut rng = crate::testgen::Rng::new(0x52_1e_c5);
        let (mut ruled_out, mut all_found) = (0, 0);
        for round in 0..20_000 {
            let words = [2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 20, 40][round % 12];
            let parts: Vec<&str> = (0..words)
                .map(|_| match rng.below(10) {
                    0..=4 => all_words[rng.below(all_words.len())],
                    5 | 6 => counts[rng.below(counts.len())],
                    7 | 8 => plain[rng.below(plain.len())],
                    _ => other_words[rng.below(other_words.len())],
                })
                .collect();
            let folded = parts.join(" ");
            let mut buf = b"before ".to_vec();
            buf.extend_from_slice(folded.as_bytes());
            let mut starts = WordStarts::default();
            let sets = lex.word_sets(&mut buf, 7, words, &mut starts);
            if words <= MAX_ALL_WORDS {
                let got = lex.all_words_reason(folded.as_bytes(), Some(&starts));
                assert_eq!(
                    got,
                    lex.all_words_reason(folded.as_bytes(), None),
                    "{folded:?}"
                );
                all_found += usize::from(got.is_some());
            }
            for reading in [Reading::Open, Reading::Ended, Reading::Sentence] {
                let unknown = WordSets::default();
                let want = lex.boilerplate(folded.as_bytes(), words, reading, unknown, None);
                assert_eq!(
                    want,
                    plain_boilerplate(lex, &folded, words, reading),
                    "{folded:?}"
                );
                let (_, got) = lex.boilerplate_with_sets(&mut buf, 7, words, reading);
                assert_eq!(got, want, "{folded:?} {reading:?}");
                ruled_out += usize::from(sets.rules_out(start_set(words, reading)));
            }
        }
        assert!(
            ruled_out > 1_000 && all_found > 100,
            "{ruled_out} {all_found}"
        );
    }

    /// The words and values of a table, from its slots, each checked by a look-up.
    fn packed_entries(table: &PackedWords) -> HashMap<Vec<u8>, u16> {
        let mut entries = HashMap::new();
        for &(head, len, word, value) in &table.slots {
            if head != 0 {
                assert_eq!((head, len), (PackedWords::head(word, len), word.len()));
                assert_eq!(table.get(word, len), value);
                assert!(entries.insert(word.to_vec(), value).is_none(), "{word:?}");
            }
        }
        // At most a quarter full, of 16 slots or more, as it was sized from its words.
        let mut bits = 4;
        while (1usize << bits) < 4 * entries.len() {
            bits += 1;
        }
        assert_eq!(table.slots.len(), 1 << bits);
        entries
    }

    /// The lexicon as it was first built, from hashed maps of owned folds of every entry:
    /// the phrases, the starts (all, contained, strong, long), the words with their lists,
    /// the byline and credit heads, the long anchors' needles, and the words of `listed`.
    #[allow(clippy::type_complexity)]
    fn plain_lexicon() -> (
        HashMap<Vec<u8>, (BoilerplateReason, Mode)>,
        [HashMap<Vec<u8>, u16>; 4],
        HashMap<Vec<u8>, u16>,
        [HashSet<String>; 2],
        Vec<Vec<u8>>,
        HashSet<Vec<u8>>,
    ) {
        let mut phrases = HashMap::new();
        let mut starts: [HashMap<Vec<u8>, u16>; 4] = Default::default();
        let mut add = |set: usize, phrase: &str| {
            let n = phrase.split(' ').count();
            let first = phrase.split(' ').next().unwrap_or("");
            *starts[set].entry(first.as_bytes().to_vec()).or_default() |= 1 << n;
        };
        for line in PHRASES.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t');
            let (Some(r), Some(m), Some(p)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let mode = Mode::of_column(m);
            if let Some(r) = reason(r) {
                let folded = fold(p);
                if mode == Mode::All {
                    add(0, &folded);
                }
                if mode != Mode::All {
                    add(1, &folded);
                }
                if mode == Mode::Strong {
                    add(2, &folded);
                }
                phrases.insert(folded.into_bytes(), (r, mode));
            }
        }
        let mut long: Vec<String> = Vec::new();
        for (phrase, &(r, mode)) in &phrases {
            let phrase = String::from_utf8(phrase.clone()).unwrap();
            if mode == Mode::Strong && counts_in_long_block(r) {
                add(3, &phrase);
                long.push(phrase);
            }
        }
        long.sort_by_key(|p| (p.split(' ').count(), p.clone()));
        let mut anchors: Vec<Vec<u8>> = Vec::new();
        for phrase in long {
            if anchors
                .iter()
                .any(|a| memchr::memmem::find(phrase.as_bytes(), a).is_some())
            {
                continue;
            }
            // Its longest word, unless a run of five bytes or more of one of its words is
            // in an anchor: then the longest such run (the first) takes that anchor's place.
            let mut shared: Vec<(usize, Vec<u8>)> = Vec::new();
            for (k, a) in anchors.iter().enumerate() {
                for w in phrase.split(' ').map(str::as_bytes) {
                    for i in 0..w.len() {
                        for j in i + 5..=w.len() {
                            if memchr::memmem::find(a, &w[i..j]).is_some() {
                                shared.push((k, w[i..j].to_vec()));
                            }
                        }
                    }
                }
            }
            match shared.into_iter().rev().max_by_key(|(_, run)| run.len()) {
                Some((k, run)) => anchors[k] = run,
                None => {
                    let longest = phrase.split(' ').max_by_key(|w| w.len()).unwrap_or("");
                    anchors.push(longest.as_bytes().to_vec());
                }
            }
        }
        let mut words: HashMap<String, u16> = HashMap::new();
        for line in WORDS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((kind, word)) = line.split_once('\t') {
                *words.entry(fold(word)).or_default() |= kind_bit(kind);
            }
        }
        let heads = |kind: &str| -> HashSet<String> {
            words
                .iter()
                .filter(|(_, &kinds)| kinds & kind_bit(kind) != 0)
                .map(|(w, _)| folded_words(w).next().unwrap_or("").to_string())
                .collect()
        };
        let heads = [heads("byline"), heads("credit")];
        let mut listed: HashSet<Vec<u8>> = words.keys().map(|w| w.as_bytes().to_vec()).collect();
        for h in heads.iter().flatten() {
            listed.insert(h.as_bytes().to_vec());
        }
        for set in &starts {
            listed.extend(set.keys().cloned());
        }
        listed.extend(super::super::promo::KIND_WORDS.iter().map(|w| w.to_vec()));
        listed.remove(&b""[..]);
        let words = words
            .into_iter()
            .map(|(w, k)| (w.into_bytes(), k))
            .collect();
        (phrases, starts, words, heads, anchors, listed)
    }

    /// Every table of the lexicon holds what the plain construction gives
    /// ([`plain_lexicon`]), entry by entry, with the same filters and sizes.
    #[test]
    fn lexicon_is_built_as_a_plain_construction_builds_it() {
        let lex = lexicon();
        let (phrases, starts, words, heads, anchors, listed) = plain_lexicon();
        assert_eq!(lex.phrases.len(), phrases.len());
        for (p, v) in &phrases {
            assert_eq!(lex.phrases.get(&p[..]), Some(v), "{p:?}");
        }
        let lex_starts = [
            &lex.all_starts,
            &lex.contained_starts,
            &lex.strong_starts,
            &lex.long_starts,
        ];
        for (got, want) in lex_starts.iter().zip(&starts) {
            assert_eq!(&packed_entries(&got.lengths), want);
            assert_eq!(got.shapes, Shapes::of_bytes(want.keys().map(Vec::as_slice)));
        }
        assert_eq!(packed_entries(&lex.words), words);
        assert_eq!(
            lex.word_shapes,
            Shapes::of_bytes(words.keys().map(Vec::as_slice))
        );
        for (got, want) in [&lex.byline_heads, &lex.credit_heads].iter().zip(&heads) {
            let set: HashMap<Vec<u8>, u16> = want
                .iter()
                .filter(|h| !h.is_empty())
                .map(|h| (h.as_bytes().to_vec(), 1))
                .collect();
            assert_eq!(packed_entries(&got.set), set);
            assert_eq!(got.shapes, Shapes::new(want.iter().map(String::as_str)));
            assert_eq!(got.matches_all, want.contains(""));
        }
        let needles: Vec<&[u8]> = lex.long_anchors.iter().map(|a| a.needle()).collect();
        // Those of ASCII bytes alone first, each in its order.
        let (ascii, wide): (Vec<_>, Vec<_>) = anchors.iter().partition(|a| a.is_ascii());
        assert_eq!(needles, [ascii.clone(), wide].concat());
        assert_eq!(lex.ascii_long_anchors, ascii.len());
        assert_eq!(
            lex.strong_anchors,
            Shapes::of_bytes(phrases.iter().filter_map(|(p, &(_, mode))| {
                let longest = p.split(|&b| b == b' ').max_by_key(|w| w.len());
                longest.filter(|_| mode == Mode::Strong)
            }))
        );
        assert_eq!(
            lex.listed,
            Shapes::of_bytes(listed.iter().map(Vec::as_slice))
        );
        // The keys' set: the keys of the listed words, in slots for every listed word
        // counted once a table or list it is in.
        let counted = words.len()
            + starts.iter().map(HashMap::len).sum::<usize>()
            + heads.iter().flatten().filter(|h| !h.is_empty()).count()
            + super::super::promo::KIND_WORDS.len();
        let slots = &lex.listed_keys.0.slots;
        assert_eq!(slots.len(), super::super::OpenSlots::slots_for(counted));
        let keys: HashSet<u64> = listed.iter().map(|w| word_key(w)).collect();
        assert_eq!(slots.iter().filter(|&&k| k != 0).count(), keys.len());
        assert!(keys.iter().all(|&k| lex.listed_keys.contains(k)));
        // The set table, from the plain sets.
        let mut table = vec![0u8; WORD_SLOTS];
        let mut add = |bit: u8, word: &[u8]| {
            table[word_slot(set_key(word))] |= bit;
        };
        for (p, &(_, mode)) in &phrases {
            let longest = p.split(|&b| b == b' ').max_by_key(|w| w.len());
            if let Some(longest) = longest.filter(|_| mode == Mode::Strong) {
                add(WordSets::STRONG_ANCHOR, longest);
            }
        }
        for w in starts[1].keys() {
            add(WordSets::CONTAINED_START, w);
        }
        for w in starts[0].keys() {
            add(WordSets::ALL_START, w);
        }
        for w in starts[2].keys() {
            add(WordSets::STRONG_START, w);
        }
        for w in super::super::promo::URGING_WORDS {
            add(WordSets::URGING, w);
        }
        for w in super::super::promo::IMPERATIVE_WORDS {
            add(WordSets::IMPERATIVE, w);
        }
        for (bit, set) in [WordSets::BYLINE_HEAD, WordSets::CREDIT_HEAD]
            .iter()
            .zip(&heads)
        {
            for h in set.iter().filter(|h| !h.is_empty()) {
                add(*bit, h.as_bytes());
            }
        }
        assert!(lex.set_table[..] == table[..]);
        assert_eq!(lex.always_sets, 0);
    }

    /// [`is_folded`] says "folded" only of text that [`fold`] leaves as it is: every entry
    /// of the lists, and generated texts of letters of both cases, digits, spaces and
    /// marks, in ASCII and out of it.
    #[test]
    fn folded_text_folds_to_itself() {
        let entries: Vec<&str> = PHRASES
            .lines()
            .chain(WORDS.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.rsplit('\t').next())
            .collect();
        let mut folded = 0;
        for e in &entries {
            if is_folded(e) {
                assert_eq!(fold(e), *e);
                folded += 1;
            }
            assert_eq!(fold_listed(e), fold(e));
        }
        // All but "follow @" and "©".
        assert_eq!(folded, entries.len() - 2);
        let parts = [
            "a", "z", "0", "9", " ", "  ", "A", "-", "@", "©", "é", "É", "ж", "Ж", "ё", "日",
            "\u{301}", "ß", "ÿ", "÷", "ő", "Ő", "’", "ạ",
        ];
        let mut rng = crate::testgen::Rng::new(0xf01d_ed00);
        let mut seen = [0; 2];
        for round in 0..20_000 {
            let text: String = (0..1 + round % 7).map(|_| rng.pick(&parts)).collect();
            let is = is_folded(&text);
            if is {
                assert_eq!(fold(&text), text, "{text:?}");
            }
            // Folded text is folded, but where it is empty or holds `@` or `©` (kept as
            // words, which `is_folded` leaves to `fold`).
            let f = fold(&text);
            let plain = !f.is_empty() && !f.contains(['@', '©']);
            assert_eq!(is_folded(&f), plain, "{f:?}");
            seen[usize::from(is)] += 1;
        }
        assert!(seen[0] > 1_000 && seen[1] > 1_000, "{seen:?}");
    }

    /// [`crate::lex::list_lines`], [`tab_split`] and [`first_and_count`] split as `lines`,
    /// `split_once` and `split` do.
    #[test]
    fn lists_are_split_as_the_std_splits_split_them() {
        for data in [
            PHRASES,
            WORDS,
            "",
            "\n",
            "a",
            "a\n",
            "#a\nb\n#c",
            "a\r\nb\r",
            "\r\n\r\n#\r\nx",
            " #a\n\n##\n\tb\t",
        ] {
            let want: Vec<&str> = data.lines().filter(|l| !l.starts_with('#')).collect();
            assert_eq!(
                crate::lex::list_lines(data).collect::<Vec<_>>(),
                want,
                "{data:?}"
            );
            for line in want {
                let mut rest = Some(line);
                while let Some(r) = rest {
                    let (head, tail) = tab_split(r);
                    match r.split_once('\t') {
                        Some((h, t)) => assert_eq!((head, tail), (h, Some(t))),
                        None => assert_eq!((head, tail), (r, None)),
                    }
                    let folded = fold_listed(head);
                    let (first, n) = first_and_count(folded.as_bytes());
                    assert_eq!(n, folded.split(' ').count());
                    assert_eq!(first, folded.split(' ').next().unwrap_or("").as_bytes());
                    rest = tail;
                }
            }
        }
    }

    #[test]
    fn packed_words_find_what_a_map_finds() {
        let words = [
            "a",
            "ab",
            "to",
            "share",
            "newsletter",
            "newsletters",
            "newslett",
            "newslette",
            "abcdefgh",
            "abcdefghi",
            "abcdefghij",
            "©",
            "отправить",
            "12",
            "e",
        ];
        let mut entries: Vec<(&'static [u8], u16)> = Vec::new();
        let mut map = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            let v = 1u16 << (i % 13);
            entries.push((w.as_bytes(), v));
            *map.entry(w.as_bytes().to_vec()).or_insert(0) |= v;
        }
        // Added twice: the values join.
        entries.push((b"to", 1 << 14));
        *map.entry(b"to".to_vec()).or_insert(0) |= 1 << 14;
        let table = PackedWords::new(&entries);
        // At most a quarter full: 64 slots for its 15 words.
        assert_eq!(table.slots.len(), 64);
        assert_eq!(table.words().count(), words.len());
        // Many repeats: moved to a table of the words' size.
        let repeats: Vec<(&'static [u8], u16)> = (0..40u16)
            .map(|i| (words[usize::from(i % 3)].as_bytes(), 1 << (i % 7)))
            .collect();
        let small = PackedWords::new(&repeats);
        assert_eq!(small.slots.len(), 16);
        for w in &words[..3] {
            assert_eq!(small.get(w.as_bytes(), w.len()), 0x7f, "{w}");
        }
        assert_eq!(small.get(b"share", 5), 0);
        let mut probes: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        probes.extend(
            [
                "b",
                "sharf",
                "newsletterz",
                "abcdefgi",
                "abcdefghik",
                "отправит",
            ]
            .map(String::from),
        );
        for w in &probes {
            let want = map.get(w.as_bytes()).copied().unwrap_or(0);
            // At the end of the text, and followed by more words.
            for text in [w.clone(), format!("{w} more words"), format!("{w} x")] {
                assert_eq!(table.get(text.as_bytes(), w.len()), want, "{text:?}");
            }
        }
    }

    #[test]
    fn heads_are_found_as_a_plain_search_finds_them() {
        // Folded entries, as the word lists hold them.
        let entries = [
            "by",
            "staff writer",
            "reuters",
            "afp getty images",
            "photographer",
        ];
        let heads = Heads::new(entries);
        let plain: Vec<&str> = entries
            .iter()
            .map(|e| e.split(' ').next().unwrap_or(""))
            .collect();
        let vocab = [
            "by",
            "staff",
            "writer",
            "reuters",
            "afp",
            "getty",
            "photographer",
            "photographers",
            "x",
            "the",
            "©",
            "12",
            "отправить",
        ];
        let mut rng = crate::testgen::Rng::new(0x7e57_ab1e);
        for round in 0..3_000 {
            let words: Vec<&str> = (0..round % 14).map(|_| rng.pick(&vocab)).collect();
            let folded = words.join(" ");
            let want = folded.split(' ').any(|w| plain.contains(&w));
            assert_eq!(heads.any_in(&folded), want, "{folded:?}");
        }
        assert!(Heads::new(["by", ""]).any_in("anything"));
    }

    #[test]
    fn blank_flags_find_the_first_space_of_folded_text() {
        // Every byte folded text may hold (a space, a lower-case letter, a digit, `@`, a
        // byte of a character outside ASCII) at every place of eight, around a first space
        // at every place (or none): the first flag is the first space's, as
        // `space_flags` finds it, and the eight bytes cut after that flag, as `word_sets`
        // cuts them, are the word's key.
        let folded_bytes: Vec<u8> = (0..=255u8)
            .filter(|&b| b == b' ' || b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'@')
            .chain(0x80..=0xff)
            .collect();
        let mut rng = crate::testgen::Rng::new(0x00b1_a4c5);
        for round in 0..200_000 {
            let mut bytes = [0u8; 8];
            for b in &mut bytes {
                *b = folded_bytes[rng.below(folded_bytes.len())];
            }
            // A first space at a chosen place (or none), the bytes before it no space.
            let first = round % 9;
            for b in &mut bytes[..first.min(8)] {
                if *b == b' ' {
                    *b = b'a';
                }
            }
            if first < 8 {
                bytes[first] = b' ';
            }
            let w = u64::from_le_bytes(bytes);
            let (blank, space) = (blank_flags(w), space_flags(w));
            assert_eq!(blank.trailing_zeros(), space.trailing_zeros(), "{bytes:?}");
            let len = plain_word_len(&bytes);
            let cut = w & (blank ^ blank.wrapping_sub(1));
            assert_eq!(cut, set_key(&bytes[..len]), "{bytes:?}");
        }
    }

    #[test]
    fn word_len_finds_the_first_space() {
        for b in 0..=255u8 {
            for at in 0..12 {
                for len in [at + 1, 8, 9, 12, 20] {
                    let mut s = vec![b'q'; len.max(at + 1)];
                    s[at] = b;
                    assert_eq!(word_len(&s), plain_word_len(&s), "{b:#x} at {at} of {len}");
                    // And with a space after it.
                    let space = (at + 3).min(s.len() - 1);
                    s[space] = b' ';
                    assert_eq!(word_len(&s), plain_word_len(&s), "{b:#x} at {at} of {len}");
                }
            }
        }
        // Every place of a space in texts of up to 30 bytes, and none.
        for len in 0..30 {
            for at in (0..len).map(Some).chain([None]) {
                let mut s = vec![b'w'; len];
                if let Some(at) = at {
                    s[at] = b' ';
                    // A second space after it changes nothing.
                    if at + 2 < len {
                        s[at + 2] = b' ';
                    }
                }
                assert_eq!(word_len(&s), plain_word_len(&s), "{at:?} of {len}");
                assert_eq!(
                    short_word_len(&s[..len.min(7)]),
                    plain_word_len(&s[..len.min(7)])
                );
            }
        }
        assert_eq!(word_len(b""), 0);
        assert_eq!(word_len(b" a"), 0);
        assert_eq!(word_len(b"abcdefghijk lm"), 11);
    }

    #[test]
    fn every_phrase_of_a_long_block_holds_an_anchor() {
        let lex = lexicon();
        let mut seen = 0;
        for (phrase, &(r, mode)) in &lex.phrases {
            if mode == Mode::Strong && counts_in_long_block(r) {
                seen += 1;
                assert!(
                    lex.long_anchors.iter().any(|a| a.is_in(phrase)),
                    "{:?}",
                    std::str::from_utf8(phrase)
                );
            }
        }
        assert!(seen > lex.long_anchors.len());
    }

    /// Every phrase holds an anchor once [`add_long_anchor`] has given one to it and to the
    /// phrases before it, whether it was given its longest word or a run it shares with an
    /// anchor (which then serves the phrases that anchor served): random phrases of words
    /// that share runs.
    #[test]
    fn shared_long_anchors_serve_every_phrase() {
        let parts = [
            "right", "copy", "s", "reserved", "cook", "ie", "ab", "served", " ",
        ];
        let mut rng = crate::testgen::Rng::new(0x5ba_4ed);
        let (mut shared, mut own) = (0, 0);
        for _ in 0..3_000 {
            let n = 1 + rng.below(6);
            let phrases: Vec<String> = (0..n)
                .map(|_| {
                    let k = 1 + rng.below(4);
                    let p = rng.text(&parts, k);
                    let p: Vec<&str> = p.split(' ').filter(|w| !w.is_empty()).collect();
                    if p.is_empty() {
                        "ab".to_string()
                    } else {
                        p.join(" ")
                    }
                })
                .collect();
            let mut anchors: Vec<&[u8]> = Vec::new();
            for (i, p) in phrases.iter().enumerate() {
                let holds = |q: &str, anchors: &[&[u8]]| {
                    anchors
                        .iter()
                        .any(|a| memchr::memmem::find(q.as_bytes(), a).is_some())
                };
                if !holds(p, &anchors) {
                    let before = anchors.len();
                    add_long_anchor(&mut anchors, p.as_bytes());
                    if anchors.len() == before {
                        shared += 1;
                    } else {
                        own += 1;
                    }
                }
                for q in &phrases[..=i] {
                    assert!(holds(q, &anchors), "{q:?} {phrases:?}");
                }
            }
        }
        assert!(shared > 300 && own > 3_000, "{shared} {own}");
    }

    /// [`searched_text`] holds the first [`MAX_SEARCHED_WORDS`] words of a long block's
    /// folded text, as `split` gives them, with words of one byte after them (where it is
    /// tightest) or longer ones; and a long block's phrase that ends at the last of those
    /// words, one-byte words after it, is found as the plain search finds it.
    #[test]
    fn searched_text_holds_the_searched_words() {
        let lex = lexicon();
        let parts = ["x", "7", "ab", "the", "reserved", "©", "cookies"];
        let mut rng = crate::testgen::Rng::new(0x5ea_c4ed);
        for round in 0..4_000 {
            let n = MAX_SEARCHED_WORDS + 1 + round % 100;
            let tail = if round % 2 == 0 {
                &parts[..2]
            } else {
                &parts[..]
            };
            let words: Vec<&str> = (0..n)
                .map(|i| {
                    if i < MAX_SEARCHED_WORDS {
                        rng.pick(&parts)
                    } else {
                        rng.pick(tail)
                    }
                })
                .collect();
            let folded = words.join(" ");
            let first = words[..MAX_SEARCHED_WORDS].join(" ");
            let searched = searched_text(folded.as_bytes(), n);
            assert!(folded.as_bytes().starts_with(searched), "{folded:?}");
            assert!(searched.starts_with(first.as_bytes()), "{folded:?}");
        }
        for tail in 1..60 {
            let mut words = vec!["x"; MAX_SEARCHED_WORDS - 3];
            words.extend(["all", "rights", "reserved"]);
            words.extend(vec!["x"; tail]);
            let folded = words.join(" ");
            let want = plain_boilerplate(lex, &folded, words.len(), Reading::Sentence);
            assert_eq!(want, Some(BoilerplateReason::Copyright));
            let got = lex.boilerplate(
                folded.as_bytes(),
                words.len(),
                Reading::Sentence,
                WordSets::default(),
                None,
            );
            assert_eq!(got, want, "{folded:?}");
        }
    }

    /// [`Needle::is_in`] answers as a `memmem` search, for needles of one byte (no pair
    /// searcher) to past a pair searcher's reach, on texts shorter and longer than the
    /// shortest the pair searcher takes, with the needle whole, cut, or at either end.
    #[test]
    fn needles_are_found_as_memmem_finds_them() {
        let needles = [
            "a",
            "ab",
            " here",
            "click to",
            "cookie",
            "copyright ©",
            "x aé",
        ];
        let parts = [
            "a", "b", "ab", " ", "here", "click", "to", "cooki", "e", "é", "©", "x",
        ];
        let mut rng = crate::testgen::Rng::new(0x4ee_d1e5);
        let (mut found, mut not, mut long) = (0, 0, 0);
        for needle in needles {
            let n = Needle::new(needle.as_bytes());
            assert_eq!(n.needle(), needle.as_bytes());
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") {
                assert_eq!(n.pair.is_some(), needle.len() > 1, "{needle:?}");
            }
            for round in 0..6_000 {
                let s = rng.text(&parts, round % 50);
                let want = memchr::memmem::find(s.as_bytes(), needle.as_bytes()).is_some();
                assert_eq!(n.is_in(s.as_bytes()), want, "{needle:?} in {s:?}");
                (found, not) = if want {
                    (found + 1, not)
                } else {
                    (found, not + 1)
                };
                long += usize::from(s.len() > 64);
            }
        }
        assert!(
            found > 5_000 && not > 5_000 && long > 10_000,
            "{found} {not} {long}"
        );
    }

    /// [`Lexicon::holds_long_anchor`] (with the AVX2 pair searchers, where there are) is a
    /// `memmem` search of each anchor, on texts of every length from none to past 40 words,
    /// with and without anchors (whole, cut, at either end).
    #[test]
    fn long_anchors_are_found_as_memmem_finds_them() {
        let lex = lexicon();
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            assert!(lex.long_anchors.iter().all(|a| a.pair.is_some()));
        }
        let parts = [
            "©",
            "cookie",
            "cooki",
            "copyright",
            "copyrigh",
            "reserved",
            "settings",
            "setting",
            "the",
            "a",
            " ",
            "2024",
            "é",
            "ª",
            "µ",
            "privacy",
            "rights",
        ];
        let mut rng = crate::testgen::Rng::new(0x10c0_a9c2);
        let (mut found, mut not) = (0, 0);
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 60);
            let want = lex
                .long_anchors
                .iter()
                .any(|a| memchr::memmem::find(s.as_bytes(), a.needle()).is_some());
            assert_eq!(lex.holds_long_anchor(s.as_bytes(), false), want, "{s:?}");
            if s.is_ascii() {
                assert_eq!(lex.holds_long_anchor(s.as_bytes(), true), want, "{s:?}");
            }
            (found, not) = if want {
                (found + 1, not)
            } else {
                (found, not + 1)
            };
        }
        assert!(found > 1_000 && not > 1_000, "{found} {not}");
    }

    /// [`Lexicon::long_block_reason`] of an ASCII block told so (its anchors outside ASCII
    /// not searched for) is the plain search's reason, as it is of any long block not told
    /// so: random blocks of 41 to 140 words of the long blocks' phrases, their words, words
    /// that hold an anchor and no phrase, and others, ASCII or not.
    #[test]
    fn long_blocks_told_ascii_get_the_plain_reasons() {
        let lex = lexicon();
        let common = ["the", "mayor", "said", "2024", "x", "ab", "reserve"];
        let parts = [
            "cookie",
            "cookies",
            "cookie policy",
            "we use cookies",
            "copyright",
            "all rights reserved",
            "privacy settings",
            "bright",
            "settings",
            "rights",
            "©",
            "ã©",
            "é",
            "все права защищены",
        ];
        let mut rng = crate::testgen::Rng::new(0x10_a5c1);
        let (mut ascii, mut found) = (0, 0);
        for round in 0..6_000 {
            let n = MAX_SEARCHED_WORDS + 1 + round % 100;
            let mut words: Vec<&str> = Vec::new();
            while words.len() < n {
                let part = if rng.below(10) == 0 {
                    rng.pick(&parts)
                } else {
                    rng.pick(&common)
                };
                words.extend(part.split(' '));
            }
            let folded = words.join(" ");
            let n = words.len();
            let is_ascii = folded.is_ascii();
            for reading in [Reading::Open, Reading::Ended, Reading::Sentence] {
                let want = plain_boilerplate(lex, &folded, n, reading);
                let got = lex.long_block_reason(folded.as_bytes(), n, reading, is_ascii);
                assert_eq!(got, want, "{folded:?} {reading:?}");
                assert_eq!(
                    lex.long_block_reason(folded.as_bytes(), n, reading, false),
                    want,
                    "{folded:?} {reading:?}"
                );
                found += usize::from(is_ascii && want.is_some());
            }
            ascii += usize::from(is_ascii);
        }
        assert!(ascii > 500 && found > 1_000, "{ascii} {found}");
    }

    #[test]
    fn strong_phrases_hold_a_strong_anchor() {
        let lex = lexicon();
        let mut seen = 0;
        for (phrase, &(_, mode)) in &lex.phrases {
            if mode == Mode::Strong {
                seen += 1;
                let mut prose = b"the council voted ".to_vec();
                prose.extend_from_slice(phrase);
                prose.extend_from_slice(b" on tuesday");
                assert!(
                    lex.may_hold_strong_anchor(phrase) && lex.may_hold_strong_anchor(&prose),
                    "{:?}",
                    std::str::from_utf8(phrase)
                );
            }
        }
        assert!(seen > 20);
        // The first words of strong phrases ("to", "all", "this", "we", "your") anchor none:
        // a sentence of them is ruled out, and has no reason.
        let prose = b"we voted to approve all of this plan for your town on tuesday";
        assert!(!lex.may_hold_strong_anchor(prose));
        assert_eq!(
            lex.boilerplate(prose, 13, Reading::Sentence, WordSets::default(), None),
            None
        );
    }

    /// The anchor walk reads a short word's first and last byte from the eight bytes that
    /// measured it: it answers as a test of each word by its bytes does, for words of every
    /// length, at every place (the last word of a text, most often shorter than eight bytes
    /// from the end).
    #[test]
    fn the_anchor_walk_tests_each_word() {
        let lex = lexicon();
        let parts = [
            "a",
            "to",
            "we",
            "use",
            "all",
            "this",
            "cookie",
            "cookies",
            "privacy",
            "settings",
            "reserved",
            "copyright",
            "newsletter",
            "subscribe",
            "x",
            "council",
            "tuesday",
        ];
        let mut rng = crate::testgen::Rng::new(0x0a4c_4e70);
        let mut anchored = 0;
        for round in 0..20_000 {
            let n = 1 + round % 9;
            let words: Vec<&str> = (0..n).map(|_| parts[rng.below(parts.len())]).collect();
            let text = words.join(" ");
            let want = text
                .split(' ')
                .any(|w| lex.strong_anchors.may_contain_bytes(w.as_bytes()));
            assert_eq!(
                lex.may_hold_strong_anchor(text.as_bytes()),
                want,
                "{text:?}"
            );
            anchored += usize::from(want);
        }
        assert!((2_000..18_000).contains(&anchored), "{anchored}");
    }

    #[test]
    fn phrases_give_reasons() {
        let lex = lexicon();
        let reason = |s: &str, reading| {
            let f = fold(s);
            let words = f.split(' ').count();
            lex.boilerplate(f.as_bytes(), words, reading, WordSets::default(), None)
        };
        assert_eq!(reason("Share Tweet Email", Reading::Open), Some(R::Social));
        assert_eq!(
            reason("Sign up for our weekly newsletter", Reading::Open),
            Some(R::Newsletter)
        );
        assert_eq!(
            reason("Get email updates from The Daily Post", Reading::Open),
            Some(R::Newsletter)
        );
        assert_eq!(
            reason("Find The Daily Post on your TV", Reading::Open),
            Some(R::Promo)
        );
        assert_eq!(
            reason("Continue reading the main story", Reading::Open),
            Some(R::ContinueReading)
        );
        assert_eq!(
            reason("© 2024 Daily Post. All rights reserved.", Reading::Sentence),
            Some(R::Copyright)
        );
        assert_eq!(reason("He declined to comment.", Reading::Sentence), None);
        assert_eq!(
            reason("Facebook shares fell sharply on Monday", Reading::Open),
            None
        );
        // A reader's comment header, and a story's short line with the same verb: an
        // `open` phrase counts only in a block that ends with no sentence punctuation.
        assert_eq!(reason("Jane Doe says:", Reading::Open), Some(R::Comments));
        assert_eq!(reason("“Never,” she says.", Reading::Ended), None);
        // An `any` phrase counts in either.
        assert_eq!(
            reason("Comments are closed.", Reading::Ended),
            Some(R::Comments)
        );
    }

    /// The words of each set of [`WordSets`], as the lexicon's tables give them.
    fn word_sets_of(lex: &Lexicon) -> Vec<(u8, Vec<Vec<u8>>)> {
        let anchors = lex
            .phrases
            .iter()
            .filter(|(_, &(_, mode))| mode == Mode::Strong)
            .filter_map(|(p, _)| p.split(|&b| b == b' ').max_by_key(|w| w.len()))
            .map(<[u8]>::to_vec)
            .collect();
        let words = |w: &PackedWords| w.words().map(<[u8]>::to_vec).collect();
        vec![
            (WordSets::STRONG_ANCHOR, anchors),
            (
                WordSets::CONTAINED_START,
                words(&lex.contained_starts.lengths),
            ),
            (WordSets::STRONG_START, words(&lex.strong_starts.lengths)),
            (
                WordSets::URGING,
                super::super::promo::URGING_WORDS
                    .map(<[u8]>::to_vec)
                    .to_vec(),
            ),
            (
                WordSets::IMPERATIVE,
                super::super::promo::IMPERATIVE_WORDS
                    .map(<[u8]>::to_vec)
                    .to_vec(),
            ),
            (WordSets::BYLINE_HEAD, words(&lex.byline_heads.set)),
            (WordSets::CREDIT_HEAD, words(&lex.credit_heads.set)),
        ]
    }

    /// [`Lexicon::word_sets`] of generated folded texts: the place and entry of each word are
    /// those a plain split and look-up give; a set's bit is clear only when no word of the
    /// text is in the set; the walks that the bits spare (credit and byline heads) find
    /// nothing where a bit is clear; the buffer is left as it was. The texts mix words of
    /// the sets, words one byte off them, long words (8, 15, 16, 17 and 40 bytes, past the
    /// walk's window of 16), words outside ASCII, digits, `@` and `©`.
    #[test]
    fn word_sets_are_those_of_the_words() {
        let lex = lexicon();
        let sets = word_sets_of(lex);
        let mut vocab: Vec<Vec<u8>> = Vec::new();
        for (_, words) in &sets {
            for w in words {
                vocab.push(w.clone());
                let mut off = w.clone();
                off[0] ^= 1;
                vocab.push(off);
                let mut longer = w.clone();
                longer.push(b's');
                vocab.push(longer);
            }
        }
        for w in [
            "the",
            "said",
            "send",
            "council",
            "x",
            "12",
            "@",
            "©",
            "всё",
            "café",
            "日本語の記事",
            "abcdefgh",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "subscriptionsxyz",
            "abcdefghijklmnopq",
            "newsletterssssssssssssssssssssssssssssss",
        ] {
            vocab.push(w.as_bytes().to_vec());
        }
        let mut rng = crate::testgen::Rng::new(0x5e75_0f0d);
        let mut ruled_out = [0usize; 8];
        for round in 0..20_000 {
            let n = 1 + round % MAX_SEARCHED_WORDS;
            let words: Vec<&[u8]> = (0..n).map(|_| &vocab[rng.below(vocab.len())][..]).collect();
            let folded = words.join(&b' ');
            let mut buf = b"some text before".to_vec();
            let start = buf.len();
            buf.extend_from_slice(&folded);
            let mut starts = WordStarts::default();
            let found = lex.word_sets(&mut buf, start, n, &mut starts);
            assert_eq!(&buf[..start], b"some text before");
            assert_eq!(&buf[start..], &folded[..]);
            let shown = String::from_utf8_lossy(&folded);
            let mut at = 0;
            for (i, w) in words.iter().enumerate() {
                assert_eq!(starts.at[i] as usize, at, "{shown:?} word {i}");
                let slot = word_slot(set_key(w));
                assert_eq!(starts.sets[i], lex.set_table[slot], "{shown:?} word {i}");
                at += w.len() + 1;
            }
            assert!(starts.sets[n..].iter().all(|&s| s == 0));
            for index in 0..n {
                let rest = &folded[starts.at[index] as usize..];
                for k in [1, 2, 3, 7, MAX_PHRASE_WORDS, MAX_SEARCHED_WORDS] {
                    let want = word_ends(rest, k);
                    let got = starts.word_ends(index, k);
                    assert_eq!(got.as_slice(), want.as_slice(), "{shown:?} {index} {k}");
                }
            }
            for (bit, set) in &sets {
                let bit = *bit;
                let held = words.iter().any(|w| set.iter().any(|s| s == w));
                assert!(!(held && found.rules_out(bit)), "{shown:?} bit {bit}");
                let any = starts.sets[..n].iter().any(|s| s & bit != 0);
                assert_eq!(found.passes(bit), any, "{shown:?} bit {bit}");
                assert_eq!(found.rules_out(bit), !any, "{shown:?} bit {bit}");
                ruled_out[bit.trailing_zeros() as usize] += usize::from(!any);
            }
            let text = std::str::from_utf8(&folded).unwrap();
            if found.rules_out(WordSets::CREDIT_HEAD) {
                assert!(!lex.may_hold_credit_word(text), "{shown:?}");
            }
            if found.rules_out(WordSets::BYLINE_HEAD) {
                assert!(!lex.may_hold_byline_word(text), "{shown:?}");
            }
        }
        // Each set was ruled out of some texts (and so tested both ways).
        for (bit, _) in &sets {
            assert!(
                ruled_out[bit.trailing_zeros() as usize] > 100,
                "{bit} {ruled_out:?}"
            );
        }
        // Unknown sets rule nothing out.
        assert!(!WordSets::default().rules_out(WordSets::CREDIT_HEAD));
        assert!(!WordSets::default().passes(WordSets::CREDIT_HEAD));
    }

    /// A list with an entry that folds to nothing matches any text: every block's sets then
    /// hold its heads' bit ([`Lexicon::always_sets`]).
    #[test]
    fn a_list_that_matches_all_is_in_every_blocks_sets() {
        let mut lex = Lexicon {
            credit_heads: Heads::new(["photo", ""]),
            ..Lexicon::default()
        };
        lex.build_set_table();
        let mut buf = b"no such word".to_vec();
        let found = lex.word_sets(&mut buf, 0, 3, &mut WordStarts::default());
        assert!(found.passes(WordSets::CREDIT_HEAD));
        assert!(found.rules_out(WordSets::BYLINE_HEAD));
        assert!(lex.may_hold_credit_word("no such word"));
    }

    /// The early answer of [`Lexicon::boilerplate_with_sets`] for a block with no word that
    /// may start a phrase of the set searched for: the walk's [`WordSets::ALL_START`] bit of
    /// the first word, or a digit first byte, passes every first word that
    /// [`Lexicon::may_start_all_words`] passes (every first word of an `all` phrase, every
    /// count), on the phrases' words, counts, and words of no phrase and cut or grown ones.
    /// (`phrase_search_finds_what_a_plain_search_finds` compares the whole search with the
    /// plain one.)
    #[test]
    fn all_start_bit_passes_every_word_that_may_start_all_words() {
        let lex = lexicon();
        let mut vocab: Vec<Vec<u8>> = lex
            .phrases
            .keys()
            .flat_map(|p| p.split(|&b| b == b' '))
            .map(<[u8]>::to_vec)
            .collect();
        for w in vocab.clone() {
            vocab.push([&w[..], b"s"].concat());
            vocab.push(w[..w.len() - 1].to_vec());
        }
        vocab.extend(["1", "197", "2024x", "x1", "the", "council", "sharesx"].map(|w| w.into()));
        let mut rng = crate::testgen::Rng::new(0x0a11_5e75);
        for _ in 0..2_000 {
            let w: Vec<u8> = (0..1 + rng.below(12))
                .map(|_| b"abcdefghijklmnopqrstuvwxyz0123456789"[rng.below(36)])
                .collect();
            vocab.push(w);
        }
        let mut passed = 0;
        for w in vocab.iter().filter(|w| !w.is_empty()) {
            let mut buf = [&w[..], b" more"].concat();
            let mut starts = WordStarts::default();
            lex.word_sets(&mut buf, 0, 2, &mut starts);
            if lex.may_start_all_words(&buf, w.len()) {
                let shown = String::from_utf8_lossy(w);
                assert!(
                    starts.sets[0] & WordSets::ALL_START != 0 || w[0].is_ascii_digit(),
                    "{shown:?}"
                );
                passed += 1;
            }
        }
        assert!(passed > 50, "{passed}");
    }

    /// [`WordStarts::passing`] is a loop over the words that tests the bit of each.
    #[test]
    fn passing_words_are_those_with_the_bit() {
        let mut rng = crate::testgen::Rng::new(0x0b17_5e75);
        for _ in 0..5_000 {
            let mut starts = WordStarts::default();
            let n = rng.below(MAX_SEARCHED_WORDS + 1);
            starts.words = n;
            for s in &mut starts.sets[..n] {
                *s = rng.below(256) as u8;
            }
            for b in 0..8 {
                let bit = 1u8 << b;
                let want = (0..MAX_SEARCHED_WORDS)
                    .filter(|&i| starts.sets[i] & bit != 0)
                    .fold(0u64, |m, i| m | 1 << i);
                assert_eq!(starts.passing(bit), want, "{:?} bit {bit}", starts.sets);
            }
        }
    }
}
