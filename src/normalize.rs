//! Stage 1: bytes → checked text, and the one definition of cleaned element text.
//!
//! Later stages scan the input text itself, so the offset map from the text they scan to
//! the caller's input is a constant shift (a skipped BOM) — or, when the stages scan a copy,
//! a sorted list of its edits (`OffsetMap`): the copy of text with odd blanks folded
//! (`fold_blanks`: no-break and other non-breaking spaces made spaces, zero-width
//! characters dropped), and under [`crate::Utf8Policy::Replace`] the repaired copy of
//! invalid UTF-8. Cleaning ([`clean`]) is applied once per emitted element, in the
//! assemble stage, so that an element's text is always the cleaning of the bytes under its
//! span (for a folded copy, the same as the cleaning of the input's bytes under the mapped
//! span).
//!
//! Cleaning: whitespace runs (including NBSP and line breaks) become one space, zero-width
//! and control characters are dropped, ends are trimmed, and the configured Unicode
//! normalization is applied (under NFKC, spaces that compatibility folding brings in are
//! collapsed again, so that cleaning twice changes nothing), and then, under NFC and NFKC,
//! HTML character references are decoded (`normalize/references.rs`; the copy the stages
//! read decodes them too). Text that cleaning leaves unchanged is borrowed.

use crate::error::{Error, ErrorKind};
use crate::options::{Normalization, Options};
use crate::span::Span;
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

mod references;

const BOM: &str = "\u{FEFF}";

/// True for characters that separate words and carry no text: Unicode white space,
/// zero-width characters (U+200B–U+200D, U+2060, U+FEFF), soft hyphens and control
/// characters. The "nothing is lost" guarantee covers every other character.
#[inline]
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Characters that are dropped from text without leaving a space.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// The checked input: the text the later stages scan, the byte offset of that text in
/// the caller's input (3 when a BOM was skipped), and whether it may hold an HTML character
/// reference that cleaning decodes (see [`Cleaning`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prepared<'a> {
    pub text: &'a str,
    pub base: usize,
    pub references: bool,
}

/// The checked input ([`prepare`]) and where in its text the first character starts that
/// [`fold_blanks`] folds (`None` when there is none): what the parser needs to know before
/// the stages run, kept apart from the [`Prepared`] text they are handed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checked<'a> {
    pub prepared: Prepared<'a>,
    /// The first character [`fold_blanks`] changes: an odd blank, or a combining accent
    /// when `accents` is set.
    pub odd_blank: Option<usize>,
    /// The text holds a combining accent that [`fold_blanks`] composes with the letter
    /// before it ([`first_accent`]; looked for only under a normalization that composes).
    pub accents: bool,
    /// The normalization the options ask for.
    pub form: Normalization,
    /// The text holds an HTML character reference that [`fold_blanks`] decodes under `form`
    /// ([`references::reference_at`]).
    pub references: bool,
}

/// Checks size, NUL bytes and emptiness, and skips a leading BOM.
/// Also finds the first character [`fold_blanks`] folds, in the search for NUL bytes: one
/// search for three bytes where a search for the NUL byte and one for the odd blanks' lead
/// bytes were two. The searches for accents and references go over the text with it
/// ([`sweep`]).
pub(crate) fn prepare<'a>(input: &'a str, options: &Options) -> Result<Checked<'a>, Error> {
    check_size(input.as_bytes(), options)?;
    let found = sweep(input.as_bytes(), options.normalization())?;
    let prepared = finish(input, input.len())?;
    // (A BOM holds no lead byte of an odd blank or an accent, nor an `&`: the first is past
    // it.)
    let found = found.shift_back(prepared.base);
    blank_references_only(checked(prepared, found, options), input.len())
}

/// What [`sweep`] finds in a text, as offsets in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    /// The first character [`fold_blanks`] folds as an odd blank ([`folded_at`]).
    odd_blank: Option<usize>,
    /// The first combining accent ([`first_accent`]), looked for when the normalization
    /// composes.
    accent: Option<usize>,
    /// Whether an `&` may start a reference ([`references::ampersand_may_start_in`]),
    /// looked for when the normalization decodes references.
    ampersand: bool,
}

impl Found {
    /// The same finds in the text that starts `base` bytes into the one searched.
    fn shift_back(self, base: usize) -> Self {
        Self {
            odd_blank: self.odd_blank.map(|at| at - base),
            accent: self.accent.map(|at| at - base),
            ..self
        }
    }
}

/// How many bytes [`sweep`] searches at a time: few enough that the window the first of
/// its searches read is still in the cache when the last reads it.
const SWEEP_WINDOW: usize = 64 * 1024;

/// Searches `b` for a NUL byte (a [`ErrorKind::NulByte`] error for the first), and for what
/// [`Found`] holds: its first odd blank, and under a normalization (`form`) its first
/// combining accent and an `&` that may start a reference. The searches go over the text
/// together, window by window ([`SWEEP_WINDOW`]), so that a text larger than the cache is
/// read from memory once, not once a search (cachegrind, one line of 32 MB: 1.57 million
/// cache lines read from memory, now 0.52 million). Each search but the one for NUL bytes
/// stops at what it looks for.
fn sweep(b: &[u8], form: Normalization) -> Result<Found, Error> {
    let normalizes = form != Normalization::None;
    let mut found = Found {
        odd_blank: None,
        accent: None,
        ampersand: false,
    };
    let mut lo = 0;
    while lo < b.len() {
        let window = lo..(lo + SWEEP_WINDOW).min(b.len());
        if found.odd_blank.is_none() {
            found.odd_blank = nul_or_odd_blank(b, window.clone())?;
        } else if let Some(k) = memchr::memchr(0, &b[window.clone()]) {
            return Err(ErrorKind::NulByte { offset: lo + k }.into());
        }
        if normalizes {
            accents_and_ampersands(b, window.clone(), &mut found);
        }
        lo = window.end;
    }
    Ok(found)
}

/// The searches of [`sweep`] under a normalization, in `b[window]`: for the first combining
/// accent ([`first_accent_in`]) while `found` has none, and for an `&` that may start a
/// reference ([`references::ampersand_may_start_in`]) while it has none. While both are
/// looked for, one `memchr3` search for their three bytes (`CC`, `CD`, `&`) does for the two
/// (a search of a short text costs some 100 instructions however few its bytes: two
/// searches cost the quote paragraphs, 259 bytes a text, some 0.6 instructions a byte); once
/// one is found, the other goes on alone (an accent is found where decomposed text has many,
/// and a search for all three would stop at each).
fn accents_and_ampersands(b: &[u8], window: Range<usize>, found: &mut Found) {
    let (lo, end) = (window.start, window.end);
    if found.accent.is_none() && !found.ampersand {
        let (search, w) = (accent_or_ampersand_search(), &b[..end]);
        let mut from = lo;
        let at = loop {
            let Some(at) = search.find_from(w, from) else {
                return;
            };
            let hit = if b[at] == b'&' {
                references::may_start_reference(b, at)
            } else {
                accent_at(b, at)
            };
            if hit {
                break at;
            }
            from = at + 1;
        };
        // The rest of the window (past the hit) is searched for the other alone.
        if b[at] == b'&' {
            found.ampersand = true;
            found.accent = first_accent_in(b, at + 1..end);
        } else {
            found.accent = Some(at);
            found.ampersand = references::ampersand_may_start_in(b, at + 1..end);
        }
        return;
    }
    if found.accent.is_none() {
        found.accent = first_accent_in(b, window);
    } else if !found.ampersand {
        found.ampersand = references::ampersand_may_start_in(b, window);
    }
}

/// The [`Checked`] text `prepared`, with what [`sweep`] found in it: its first odd blank,
/// its first combining accent when `options` compose, and its first reference when an `&`
/// may start one ([`references::first_reference`]).
#[inline]
fn checked<'a>(prepared: Prepared<'a>, found: Found, options: &Options) -> Checked<'a> {
    let form = options.normalization();
    // (Most texts may hold no reference: told without a call.)
    let (syntax, reference) = if found.ampersand || form == Normalization::Nfkc {
        references::first_reference(prepared.text, form, found.ampersand)
    } else {
        (false, None)
    };
    Checked {
        prepared: Prepared {
            references: syntax,
            ..prepared
        },
        odd_blank: earlier(earlier(found.odd_blank, found.accent), reference),
        accents: found.accent.is_some(),
        form,
        references: reference.is_some(),
    }
}

/// The earlier of two offsets that may be missing.
#[inline]
fn earlier(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
}

/// The offset of the first combining accent of `b` (U+0300–U+036F, the Combining
/// Diacritical Marks: `CC 80` to `CD AF` in UTF-8), which decomposed (NFD) text writes
/// after its letters ("e\u{301}" for "é"). One `memchr2` search for their lead bytes, which
/// no other character has but U+0370–U+037F (Greek letters, told by their second byte).
fn first_accent(b: &[u8]) -> Option<usize> {
    first_accent_in(b, 0..b.len())
}

/// [`first_accent`] of the accents that start in `b[window]` (read past it).
fn first_accent_in(b: &[u8], window: Range<usize>) -> Option<usize> {
    let lo = window.start;
    memchr::memchr2_iter(0xCC, 0xCD, &b[window])
        .map(|k| lo + k)
        .find(|&at| accent_at(b, at))
}

/// True when a combining accent (U+0300–U+036F) starts at `b[at]`.
#[inline]
fn accent_at(b: &[u8], at: usize) -> bool {
    matches!(
        (b.get(at), b.get(at + 1)),
        (Some(0xCC), Some(0x80..=0xBF)) | (Some(0xCD), Some(0x80..=0xAF))
    )
}

/// Defines a search for the first of a few bytes (its needles), set up once and kept (in
/// a `static`, [`std::sync::OnceLock`]): with AVX2, memchr's searcher for them, where
/// `memchr::memchr2` or `memchr3` (and each step of their iterators) picks its searcher
/// through a function pointer and sets up the needles' vectors again at each call, a good
/// part of the cost of a search of a short text. (Searched so, the searches of [`sweep`],
/// some 4 a quote paragraph, restarted at each curly quote, cost the quote paragraphs 0.45
/// instructions a byte more, quotes nested 1,000 deep 6.6 more; the line-break search of
/// `segment`, one a line longer than eight bytes, the web pages 0.15 more. Dropped: the same
/// search in [`next_lead`], whose loop came out 2 instructions a byte dearer on the
/// no-break-spaces shape.)
macro_rules! kept_search {
    ($(#[$doc:meta])* $name:ident, $avx2:ident, $memchr:ident, $($needle:ident),+) => {
        $(#[$doc])*
        pub(crate) struct $name {
            $($needle: u8,)+
            #[cfg(target_arch = "x86_64")]
            avx2: Option<memchr::arch::x86_64::avx2::memchr::$avx2>,
        }

        impl $name {
            pub(crate) fn new($($needle: u8),+) -> Self {
                $name {
                    $($needle,)+
                    #[cfg(target_arch = "x86_64")]
                    avx2: memchr::arch::x86_64::avx2::memchr::$avx2::new($($needle),+),
                }
            }

            /// The offset in `h` of the first needle in `h[from..]` (`None` too when `from`
            /// is past `h`'s end).
            #[inline(always)]
            pub(crate) fn find_from(&self, h: &[u8], from: usize) -> Option<usize> {
                let rest = h.get(from..)?;
                #[cfg(target_arch = "x86_64")]
                if let Some(avx2) = &self.avx2 {
                    return avx2.find(rest).map(|k| from + k);
                }
                memchr::$memchr($(self.$needle),+, rest).map(|k| from + k)
            }
        }
    };
}

kept_search!(
    /// A search for the first of two bytes ([`kept_search`]).
    Search2, Two, memchr2, a, b
);
kept_search!(
    /// A search for the first of three bytes ([`kept_search`]).
    Search3, Three, memchr3, a, b, c
);

/// The search for the lead bytes of combining accents and for `&` ([`accents_and_ampersands`]).
fn accent_or_ampersand_search() -> &'static Search3 {
    static SEARCH: std::sync::OnceLock<Search3> = std::sync::OnceLock::new();
    SEARCH.get_or_init(|| Search3::new(0xCC, 0xCD, b'&'))
}

/// The search for NUL bytes and the lead bytes of odd blanks ([`nul_or_odd_blank`]).
fn nul_or_lead_search() -> &'static Search3 {
    static SEARCH: std::sync::OnceLock<Search3> = std::sync::OnceLock::new();
    SEARCH.get_or_init(|| Search3::new(0, 0xC2, 0xE2))
}

/// The offset of the first character starting in `b[window]` that [`fold_blanks`] folds
/// (read past the window), or a [`ErrorKind::NulByte`] error for the first NUL byte of the
/// window. (Each curly quotation mark or dash is a stop of the search, told in a few
/// instructions: callgrind, 0.7 instructions a byte on the seed variants, where they come
/// every 250 bytes, and 20 on quotes nested 1,000 deep, where they come every five.)
fn nul_or_odd_blank(b: &[u8], window: Range<usize>) -> Result<Option<usize>, Error> {
    let nul = |offset| Error::from(ErrorKind::NulByte { offset });
    let (lo, end) = (window.start, window.end);
    let (search, w) = (nul_or_lead_search(), &b[..end]);
    let mut from = lo;
    while let Some(at) = search.find_from(w, from) {
        from = at + 1;
        if b[at] == 0 {
            return Err(nul(at));
        }
        if folded_at(b, at).is_some() {
            // No NUL byte before it; the rest of the window is searched for one alone.
            return match memchr::memchr(0, &b[at..end]) {
                Some(k) => Err(nul(at + k)),
                None => Ok(Some(at)),
            };
        }
    }
    Ok(None)
}

/// `checked`, or a [`ErrorKind::WhitespaceOnly`] error when its text holds nothing but blank
/// characters and references to white space (`&nbsp;`, or `&\u{8}nbsp;`, which cleaning
/// decodes once it has dropped the invisible character), which make no element; `len` is
/// the caller's input length, for the error. (Read up to the first other character, and
/// only in a text that may hold a reference, [`Prepared::references`].)
#[inline(always)]
fn blank_references_only(checked: Checked<'_>, len: usize) -> Result<Checked<'_>, Error> {
    if !checked.prepared.references {
        return Ok(checked);
    }
    only_blank_references(checked, len)
}

/// [`blank_references_only`] of a text that holds a reference.
#[inline(never)]
fn only_blank_references(checked: Checked<'_>, len: usize) -> Result<Checked<'_>, Error> {
    let text = checked.prepared.text;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        i += match references::reference_at(text, i, checked.form) {
            Some((n, d)) if d.is_space() => n,
            _ if is_blank(c) => c.len_utf8(),
            // The rest may still clean to nothing: references to white space spelt with
            // invisible characters inside (`&\u{8}nbsp;`), which the stages would not see.
            _ if cleans_to_nothing(&text[i..], Cleaning::any(checked.form)) => break,
            _ => return Ok(checked),
        };
    }
    Err(ErrorKind::WhitespaceOnly { len }.into())
}

/// [`prepare`] for a repaired copy of invalid UTF-8 (see [`repair_utf8`]) of `original`,
/// whose size (against the limit) and NUL bytes ([`check_nul`]) the caller checked before
/// repairing it: so the error's offsets and lengths are the caller's, the copy (up to three
/// times longer) is not held to the size limit, and an input turned away is not copied.
pub(crate) fn prepare_repaired<'a>(
    copy: &'a str,
    original: &[u8],
    options: &Options,
) -> Result<Checked<'a>, Error> {
    // The repair may lengthen the text (a bad byte becomes a 3-byte U+FFFD): the stages'
    // 32-bit offsets ([`Options::MAX_SUPPORTED_INPUT_BYTES`]) hold for the repaired text.
    if copy.len() > Options::MAX_SUPPORTED_INPUT_BYTES {
        return Err(ErrorKind::TooLarge {
            len: copy.len(),
            limit: Options::MAX_SUPPORTED_INPUT_BYTES,
        }
        .into());
    }
    let prepared = finish(copy, original.len())?;
    // (The copy holds no NUL byte: the original had none.)
    let found = sweep(prepared.text.as_bytes(), options.normalization())?;
    blank_references_only(checked(prepared, found, options), original.len())
}

/// The check of the raw input for NUL bytes (binary data, not text).
pub(crate) fn check_nul(input: &[u8]) -> Result<(), Error> {
    match memchr::memchr(0, input) {
        Some(offset) => Err(ErrorKind::NulByte { offset }.into()),
        None => Ok(()),
    }
}

/// The checks of the raw input's size: empty, too large.
fn check_size(input: &[u8], options: &Options) -> Result<(), Error> {
    if input.is_empty() {
        return Err(ErrorKind::Empty.into());
    }
    if input.len() > options.max_input_bytes() {
        return Err(ErrorKind::TooLarge {
            len: input.len(),
            limit: options.max_input_bytes(),
        }
        .into());
    }
    Ok(())
}

/// Skips a leading BOM and rejects text with nothing but blank characters; `len` is the
/// caller's input length, for the error.
fn finish(text: &str, len: usize) -> Result<Prepared<'_>, Error> {
    let (text, base) = match text.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (text, 0),
    };
    // (A text that starts on a character known not to be blank, most, is told from its
    // first bytes: decoding that character and testing it cost some 80 instructions when
    // it is a curly quote.)
    if !starts_on_text(text.as_bytes()) && text.chars().all(is_blank) {
        return Err(ErrorKind::WhitespaceOnly { len }.into());
    }
    Ok(Prepared {
        text,
        base,
        references: false,
    })
}

/// Maps offsets in a copy of the input that the later stages scan back to offsets in the
/// text it was made from: a repaired copy of invalid UTF-8 (each invalid sequence replaced
/// by a U+FFFD, [`repair_utf8`]) or a folded one (odd blanks made plain, [`fold_blanks`]).
/// Between its edits the copy is the same as the original.
///
/// The edits come in runs of like edits with nothing between them, so that input of
/// nothing but invalid bytes (or zero-width spaces) takes one entry, not one a character.
/// A run is one `u32` ([`run_word`]): the unchanged bytes since the last run ended, how many
/// edits and their lengths; every [`BLOCK`]th run's start is kept whole, and a lookup walks
/// forward from the mark before it. A text with every space a no-break space has a run a
/// word: at 32 bytes a run (two `usize` offsets and three `u32`s) the map was most of the
/// parse's peak heap, 7.6 bytes an input byte (bench_report, the `no-break-spaces` shape at
/// 100 MB); at 12 (`u32` offsets, a list of `usize` ones past 4 GiB) 3.8; at 6 (this: no
/// list of its own for texts past 4 GiB, and a lookup 2.2 instructions an input byte
/// dearer on that shape, 73.7 against 71.5) 3.0.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    /// The runs, in order, each a [`run_word`].
    runs: Vec<u32>,
    /// Where every [`BLOCK`]th run (the first, the 9th, …) starts, in the copy and in the
    /// original.
    marks: Vec<(usize, usize)>,
    /// Where the last run ends in the copy (where an edit of its kind that follows it
    /// straight on starts). Where it ends in the original is not kept: the bytes between
    /// runs are the same in both, so an edit that follows the run in the copy follows it
    /// in the original.
    end: usize,
    /// The run the last lookup landed on (the last that starts before its offset): its
    /// index, and where it starts in the copy and in the original; `None` before any
    /// lookup and after one that landed before the first run. The article's spans are
    /// mapped list by list, each list in text order, so most lookups land on or just after
    /// the last one's run: the next walks on from there when its offset is in the same
    /// block ([`OffsetMap::map_by`]), else it searches the marks from there
    /// ([`OffsetMap::marks_before`]).
    landed: Cell<Option<(usize, usize, usize)>>,
    /// The last span [`OffsetMap::map_span`] mapped, and what it mapped it to. An element's
    /// text and span are mapped one after the other ([`crate::model::Remap`]), and the text's
    /// span in the copy is most often the element's: the second is answered from the first.
    last: Cell<Option<(Span, Span)>>,
    /// The length of the original, when the map is made for it in one pass: the lists then
    /// grow to what the rest of it takes at the rate of runs so far
    /// ([`OffsetMap::reserve_for_rest`]); 0 when not known.
    len: usize,
}

/// The runs between two marks of an [`OffsetMap`]: a lookup walks half as many on average.
/// (8: the marks cost 2 bytes a run. At 16 they cost 1, but the walks 1.9 instructions an
/// input byte more on the `no-break-spaces` shape: 75.6 against 73.7.)
const BLOCK: usize = 8;

/// The bits of a [`run_word`] that give its edits' lengths.
const KIND_BITS: u32 = 7;

/// The bits of a [`run_word`] that count its edits.
const COUNT_BITS: u32 = 8;

/// The most edits a run holds; a longer one is two runs or more.
const MAX_COUNT: usize = (1 << COUNT_BITS) - 1;

/// The most unchanged bytes a [`run_word`] puts before its run; more are put before runs of
/// no edits first.
const MAX_GAP: usize = (1 << (32 - KIND_BITS - COUNT_BITS)) - 1;

/// The bytes of U+FFFD in UTF-8.
const REPLACEMENT_LEN: usize = '\u{FFFD}'.len_utf8();

/// A run of `count` like edits after `gap` unchanged bytes, each of `len` bytes of the
/// original (1 to 15) written as `copy_len` bytes in the copy (0 to 4): a U+FFFD for an
/// invalid sequence, a space for a no-break space, nothing for a zero-width character, a
/// composed letter for a letter and its combining accents, the character of an HTML
/// character reference. The gap above [`KIND_BITS`] + [`COUNT_BITS`], the count above
/// [`KIND_BITS`], the lengths in the low bits: four for the original's, three for the
/// copy's.
fn run_word(gap: usize, count: usize, len: usize, copy_len: usize) -> u32 {
    debug_assert!(gap <= MAX_GAP && count <= MAX_COUNT && len <= 15 && copy_len <= 7);
    ((gap << (KIND_BITS + COUNT_BITS)) | (count << KIND_BITS) | (len << 3) | copy_len) as u32
}

/// The parts of a [`run_word`]: its gap, count, and the lengths of each edit in the original
/// and in the copy.
#[inline]
fn run_parts(w: u32) -> (usize, usize, usize, usize) {
    let w = w as usize;
    (
        w >> (KIND_BITS + COUNT_BITS),
        (w >> KIND_BITS) & MAX_COUNT,
        (w >> 3) & 15,
        w & 7,
    )
}

/// `offset` (at or past the start in the copy, `copy`, of the run `w`, which starts at
/// `orig` in the original) in the original. An offset at a run of deletions, which stands
/// for both ends of the deleted text, is taken after them.
#[inline]
fn map_in_run(w: u32, copy: usize, orig: usize, offset: usize) -> usize {
    let (_, count, len, copy_len) = run_parts(w);
    let inside = offset - copy;
    // The edits wholly before `offset` stand for their originals, the rest is the same in
    // both.
    let done = match copy_len {
        0 => count,
        n => (inside / n).min(count),
    };
    orig + done * len + (inside - done * copy_len)
}

impl OffsetMap {
    /// An empty map of a copy of an original `len` bytes long.
    fn for_len(len: usize) -> Self {
        OffsetMap {
            len,
            ..OffsetMap::default()
        }
    }

    /// Maps an offset in the copy to the original; an offset where characters were
    /// deleted maps to before them (the end of what comes before).
    pub fn map(&self, offset: usize) -> usize {
        self.map_by(offset, |copy| copy < offset)
    }

    /// [`OffsetMap::map`], but an offset where characters were deleted maps to after them
    /// (the start of what follows).
    fn map_start(&self, offset: usize) -> usize {
        self.map_by(offset, |copy| copy <= offset)
    }

    /// `offset` by the last run whose start in the copy is `before` it, or unmoved when none
    /// is: a walk over the runs of its block, from the run the last lookup landed on when
    /// that run starts `before` it and the next block's mark does not
    /// ([`OffsetMap::landed`]), else from the last mark that is `before` it. (The article's
    /// spans come in text order, the next span's start most often on the run of the last
    /// one's end: 7,590 of the 8,417 span look-ups a pass of the `no-break-spaces` shape,
    /// and each span's end in its start's block in 2,368. A search of the marks and a walk
    /// from the block's first run took some 190 instructions an end.)
    #[inline]
    fn map_by(&self, offset: usize, before: impl Fn(usize) -> bool) -> usize {
        let (mut i, mut copy, mut orig) = match self.landed.get() {
            Some((i, copy, orig))
                if before(copy)
                    && self
                        .marks
                        .get(i / BLOCK + 1)
                        .is_none_or(|&(c, _)| !before(c)) =>
            {
                (i, copy, orig)
            }
            _ => {
                let Some(k) = self.marks_before(&before).checked_sub(1) else {
                    self.landed.set(None);
                    return offset;
                };
                let (copy, orig) = self.marks[k];
                (k * BLOCK, copy, orig)
            }
        };
        let end = self.runs.len().min((i / BLOCK + 1) * BLOCK);
        let mut at = self.runs[i];
        for &w in &self.runs[i + 1..end] {
            let (_, count, len, copy_len) = run_parts(at);
            let gap = run_parts(w).0;
            let next = copy + count * copy_len + gap;
            if !before(next) {
                break;
            }
            (copy, orig, at, i) = (next, orig + count * len + gap, w, i + 1);
        }
        self.landed.set(Some((i, copy, orig)));
        map_in_run(at, copy, orig, offset)
    }

    /// How many marks start `before` in the copy (a prefix of them does): what
    /// `self.marks.partition_point` gives, searched from the last lookup's answer (the
    /// marks up to its run's, [`OffsetMap::landed`]; [`crate::lex::partition_point_near`]).
    /// A lookup near the last
    /// one reads a few marks next to each other, where a search of the whole list read
    /// some 20 far apart: at 100 MB of text with a zero-width space after every word, each
    /// a cache miss.
    fn marks_before(&self, before: impl Fn(usize) -> bool) -> usize {
        let near = self.landed.get().map_or(0, |(i, ..)| i / BLOCK + 1);
        crate::lex::partition_point_near(&self.marks, near, |&(copy, _)| before(copy))
    }

    /// Maps a span, keeping it non-empty when the copy's span was. Deleted characters at
    /// its ends are left out of it, those inside kept. The span last mapped is answered
    /// from [`OffsetMap::last`], inline; another is looked up out of line
    /// ([`OffsetMap::look_up_span`]).
    #[inline]
    pub fn map_span(&self, span: Span) -> Span {
        match self.last.get() {
            Some((copy, orig)) if copy == span => orig,
            _ => self.look_up_span(span),
        }
    }

    /// [`OffsetMap::map_span`] of a span other than the last one, which it then is.
    #[inline(never)]
    fn look_up_span(&self, span: Span) -> Span {
        let start = self.map_start(span.start);
        let orig = Span::new(start, self.map(span.end).max(start));
        self.last.set(Some((span, orig)));
        orig
    }

    /// Notes that the `len` bytes at `orig` (1 to 15) were written as the `copy_len` bytes at
    /// `copy` (0 to 4): one more of the last run when it follows it straight on, edit for
    /// edit; else a run of its own. (Inlined, but for long gaps: called out of line, once
    /// a word of the `no-break-spaces` shape, it took some 60 instructions a call.)
    #[inline(always)]
    fn push(&mut self, copy: usize, orig: usize, len: usize, copy_len: usize) {
        // (An edit is of 1 to 15 bytes in the original, 0 to 4 in the copy: a folded odd
        // blank or a replaced invalid sequence, which is at most 3 bytes, a letter and its
        // accents, composed into one character, or a reference, decoded.)
        debug_assert!((1..=15).contains(&len) && copy_len <= 4, "{len} {copy_len}");
        let kind = run_word(0, 0, len & 15, copy_len & 7);
        let step = 1 << KIND_BITS;
        // (The gap is as long in the original.)
        let mut gap = copy - self.end;
        self.end = copy + copy_len;
        if let Some(last) = self.runs.last_mut() {
            if gap == 0
                && *last & (step - 1) == kind
                && (1..MAX_COUNT).contains(&run_parts(*last).1)
            {
                *last += step;
                return;
            }
        }
        if gap > MAX_GAP {
            gap = self.push_gaps(copy - gap, orig - gap, gap);
        }
        self.push_word((copy, orig), run_word(gap, 1, len & 15, copy_len & 7));
    }

    /// Notes runs of no edits for all but the last [`MAX_GAP`] or fewer bytes of a `gap`
    /// that starts at `copy` and `orig`, and returns what is left of it.
    #[cold]
    #[inline(never)]
    fn push_gaps(&mut self, copy: usize, orig: usize, gap: usize) -> usize {
        let mut done = 0;
        while gap - done > MAX_GAP {
            done += MAX_GAP;
            self.push_word((copy + done, orig + done), run_word(MAX_GAP, 0, 0, 0));
        }
        gap - done
    }

    /// Adds the run `w`, which starts at `start` (in the copy, in the original), with a
    /// mark when it is the first of a block.
    #[inline(always)]
    fn push_word(&mut self, start: (usize, usize), w: u32) {
        if self.runs.len() == self.runs.capacity() {
            self.reserve_for_rest(start.1);
        }
        if self.runs.len() % BLOCK == 0 {
            self.marks.push(start);
        }
        self.runs.push(w);
    }

    /// Makes room in the full lists for the runs still to come when a run starts at `orig`
    /// in the original: doubled up to 64 runs, then as many as the rest of the original
    /// ([`OffsetMap::len`]) holds at the rate so far and a quarter more, at least half as
    /// many as there are (each growth copies them all), at most one a two bytes of the rest
    /// (a folded copy's runs are at least that long; a longer map grows again). Grown by
    /// doubling alone, the lists took 31 `realloc`s a pass of the `no-break-spaces` shape,
    /// 1.04M instructions copying; this takes 0.67 an input byte off it and 0.52 off
    /// `zero-width-spaces` (an estimate from the first 8 runs fell short, and the growth it
    /// then needed copied them all near the end: 0.20 off).
    #[cold]
    #[inline(never)]
    fn reserve_for_rest(&mut self, orig: usize) {
        let done = self.runs.len();
        let rest = self.len.saturating_sub(orig);
        let more = if done < 64 {
            done.max(8)
        } else {
            let rate = done.saturating_mul(rest) / orig.max(1);
            (rate.saturating_add(rate / 4).max(done / 2) + 8).min(rest / 2 + 8)
        };
        self.runs.reserve_exact(more);
        self.marks.reserve_exact(more / BLOCK + 1);
    }

    /// The count of each run of edits, in order.
    #[cfg(test)]
    fn counts(&self) -> Vec<usize> {
        self.runs
            .iter()
            .map(|&w| run_parts(w).1)
            .filter(|&n| n > 0)
            .collect()
    }
}

/// `text`, a text of an article parsed from `repaired` (the repair of `input`, `map` its
/// offset map), borrowed from `input` where it can be: when it is a slice of `repaired` that
/// the repair left as it was in `input` (the same bytes there); otherwise owned. A text that
/// cleaning changed is owned already, and a slice that holds a replaced sequence is not in
/// the input: both are owned, all others borrowed, rather than every text copied.
pub(crate) fn rebase<'a>(
    text: Cow<'_, str>,
    repaired: &str,
    input: &'a [u8],
    map: &OffsetMap,
) -> Cow<'a, str> {
    rebase_with(text, repaired, map, |at, s| {
        input
            .get(at.start..at.end)
            .filter(|orig| *orig == s.as_bytes())
            .and_then(|orig| std::str::from_utf8(orig).ok())
    })
}

/// [`rebase`] for a text of an article parsed from `folded`, the copy [`fold_blanks`] made
/// of `text`: a slice of `text` needs no check of its UTF-8.
pub(crate) fn rebase_folded<'a>(
    t: Cow<'_, str>,
    folded: &str,
    text: &'a str,
    map: &OffsetMap,
) -> Cow<'a, str> {
    rebase_with(t, folded, map, |at, s| {
        text.get(at.start..at.end).filter(|orig| *orig == s)
    })
}

/// `text`, borrowed from the original where `original` gives it the slice under the span
/// that `map` maps `text`'s span in `copy` to (when `text` is a slice of `copy`, and the
/// original's bytes there are its bytes), owned otherwise.
fn rebase_with<'a>(
    text: Cow<'_, str>,
    copy: &str,
    map: &OffsetMap,
    original: impl Fn(Span, &str) -> Option<&'a str>,
) -> Cow<'a, str> {
    if let Cow::Borrowed(s) = text {
        if let Some(at) = Span::of_part(copy, s) {
            if let Some(orig) = original(map.map_span(at), s) {
                return Cow::Borrowed(orig);
            }
        }
    }
    Cow::Owned(text.into_owned())
}

/// A copy of the prepared text with its odd blanks made plain, and the map from the copy's
/// offsets back to the text's; `None` when there are none (most text: [`prepare`] found
/// none), with nothing allocated.
///
/// The later stages read bytes, and take a space, a tab or a line end for a blank between
/// words; a no-break space or a zero-width character between words is a letter to them, so
/// that "said.\u{A0}He" holds no sentence end and a byline with a zero-width space after
/// each space has no capitalised words. Cleaning ([`clean`]) makes the white space among
/// these one space and drops the invisible ones, so the copy does the same to them before
/// the stages read it: white space that does not break lines (U+00A0, U+2000–U+200A,
/// U+202F, U+205F) becomes a space, and the zero-width characters (U+200B–U+200D), the word
/// joiner and the soft hyphen are dropped. Cleaning the copy's part under a span then gives
/// what cleaning the original under the mapped span gives, since cleaning treats a space as
/// it treats these. Left as they are: line separators and NEL (line breaks, which the
/// stages read as text: as before), control characters (reported as diagnostics where they
/// are), and U+1680, U+3000 and U+FEFF inside the text, whose lead bytes (`E1`, `E3`, `EF`)
/// are also those of much East Asian text, which the search for the others (in the search
/// for NUL bytes, [`prepare`]) would then stop at a character at a time.
pub(crate) fn fold_blanks(checked: &Checked<'_>) -> Option<(String, OffsetMap)> {
    let (text, from) = (checked.prepared.text, checked.odd_blank?);
    if checked.accents || checked.references {
        return Some(fold_with_accents(text, from, checked.form));
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::for_len(text.len());
    let (mut copied, mut next) = (0, from);
    while let Some(at) = next_lead(b, next) {
        if map.runs.len() == DENSE_EDITS && is_dense(at) {
            return Some(fold_dense(text, out, map, copied));
        }
        let Some((len, with)) = folded_at(b, at) else {
            next = at + 1;
            continue;
        };
        // (The edit's length, 2 or 3, and its text, a space or nothing, each a constant
        // where the edit is pushed: with them read at run time, the push tested the text's
        // length and byte and made the run's kind each time, and the loop kept more values
        // on the stack: 50.76 against 48.45 instructions an input byte of the
        // `no-break-spaces` shape with the text alone a constant, 47.75 with both; 39.78,
        // 38.60 and 37.96 of `zero-width-spaces`.)
        debug_assert!(matches!((len, with), (2 | 3, "" | " ")));
        copied = match (len, with.is_empty()) {
            (2, true) => push_edit(text, copied, at, 2, "", &mut out, &mut map),
            (2, false) => push_edit(text, copied, at, 2, " ", &mut out, &mut map),
            (_, true) => push_edit(text, copied, at, 3, "", &mut out, &mut map),
            (_, false) => push_edit(text, copied, at, 3, " ", &mut out, &mut map),
        };
        next = copied;
    }
    out.push_str(&text[copied..]);
    Some((out, map))
}

/// The runs of edits after which [`fold_blanks`] tells whether its text is dense with odd
/// blanks ([`is_dense`]).
const DENSE_EDITS: usize = 64;

/// Whether a text whose [`DENSE_EDITS`]th run of edits starts at `at` is dense with odd
/// blanks: a run every 32 bytes or more often. Such a text is folded on by [`fold_dense`],
/// which saves some 30 instructions an edit but checks the copy's UTF-8 once at the end
/// (1.98M instructions for the 1.2 MB of the `no-break-spaces` shape, some 12 an edit
/// there): a text with a no-break space or a zero-width space between every two words has
/// a run every 6 to 8 bytes, and a text with few odd blanks keeps the plain loop.
#[inline(always)]
fn is_dense(at: usize) -> bool {
    at <= DENSE_EDITS * 32
}

/// The bytes [`fold_dense`] copies as one block: a gap up to this long is copied as a
/// block of this many bytes and cut back, with no call of `memcpy`.
const DENSE_BLOCK: usize = 16;

/// [`fold_blanks`] of a text dense with odd blanks ([`is_dense`]), from `copied`, where
/// the copy `out` and the `map` stand: the same edits, written into the copy's bytes, made
/// as long as the text (a copy of the text with odd blanks folded is never longer than the
/// text), with its length kept apart and cut to it at the end. The text between two edits
/// is copied as a block of [`DENSE_BLOCK`] bytes, cut back to the gap by the length, when
/// the gap is no longer (the `memcpy` of each gap into the `String`, with the values kept
/// around it, cost some 40 instructions an edit of the `no-break-spaces` shape). The copy
/// is the text with whole characters replaced, so it is valid UTF-8: checked once at the
/// end, and never repaired (`from_utf8_lossy` of valid UTF-8 is the text itself).
#[inline(never)]
fn fold_dense(
    text: &str,
    out: String,
    mut map: OffsetMap,
    mut copied: usize,
) -> (String, OffsetMap) {
    let b = text.as_bytes();
    // (Made zeroed, not grown from the copy so far, which the switch then drops: a large
    // one is then fresh pages, where filling it cost the `no-break-spaces` shape 1.95M
    // instructions, 1.6 a byte.)
    let mut len = out.len();
    let mut out = {
        let mut bytes = vec![0; b.len()];
        bytes[..len].copy_from_slice(out.as_bytes());
        drop(out);
        bytes
    };
    let mut next = copied;
    while let Some(at) = next_lead(b, next) {
        let Some((n, with)) = folded_at(b, at) else {
            next = at + 1;
            continue;
        };
        debug_assert!(matches!((n, with), (2 | 3, "" | " ")));
        let edit = (copied, at, len);
        (copied, len) = match (n, with.is_empty()) {
            (2, true) => push_dense_edit(b, edit, 2, b"", &mut out, &mut map),
            (2, false) => push_dense_edit(b, edit, 2, b" ", &mut out, &mut map),
            (_, true) => push_dense_edit(b, edit, 3, b"", &mut out, &mut map),
            (_, false) => push_dense_edit(b, edit, 3, b" ", &mut out, &mut map),
        };
        next = copied;
    }
    let rest = &b[copied..];
    out[len..len + rest.len()].copy_from_slice(rest);
    out.truncate(len + rest.len());
    let out = match String::from_utf8(out) {
        Ok(out) => out,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    (out, map)
}

/// [`push_edit`] into the bytes `out` of [`fold_dense`]'s copy, for the edit at `at` of the
/// text `b` when the copy stands at `copied` in it and is `len` bytes long: the gap copied
/// as a block of [`DENSE_BLOCK`] bytes when it is no longer and the text holds the block
/// (the bytes past the gap are written over by what follows, or cut off at the end), the
/// `n` bytes at `at` written as `with`. Returns where the copy then stands in `b` and its
/// length. (The copy is never longer than the text it stands at, so every write fits.)
#[inline(always)]
fn push_dense_edit(
    b: &[u8],
    (copied, at, len): (usize, usize, usize),
    n: usize,
    with: &[u8],
    out: &mut [u8],
    map: &mut OffsetMap,
) -> (usize, usize) {
    let gap = at - copied;
    match (
        b.get(copied..copied + DENSE_BLOCK),
        out.get_mut(len..len + DENSE_BLOCK),
    ) {
        (Some(block), Some(to)) if gap <= DENSE_BLOCK => to.copy_from_slice(block),
        _ => out[len..len + gap].copy_from_slice(&b[copied..at]),
    }
    let len = len + gap;
    map.push(len, at, n, with.len());
    out[len..len + with.len()].copy_from_slice(with);
    (at + n, len + with.len())
}

/// Writes into the copy `out` the text from `copied` (where the copy stands in `text`) up
/// to the edit at `at`, then `with` in place of the `len` bytes there, and notes the edit in
/// `map`; returns where the copy goes on in `text`.
#[inline(always)]
fn push_edit(
    text: &str,
    copied: usize,
    at: usize,
    len: usize,
    with: &str,
    out: &mut String,
    map: &mut OffsetMap,
) -> usize {
    out.push_str(&text[copied..at]);
    map.push(out.len(), at, len, with.len());
    // (A space pushed as a character, and nothing for a deletion: `push_str` called
    // `memcpy` for each, some 15 instructions a word of the `no-break-spaces` shape.)
    match with.as_bytes() {
        [] => {}
        &[c] if c.is_ascii() => out.push(char::from(c)),
        _ => out.push_str(with),
    }
    at + len
}

/// [`fold_blanks`] of a text that holds combining accents (decomposed text, NFD) or HTML
/// character references, which are decoded ([`references::reference_at`]), from
/// `from`, its first odd blank, accent or reference: the odd blanks folded, and each letter with the
/// run of accents after it composed into the one character NFC makes of them ("e\u{301}"
/// becomes "é"), so that the stages read decomposed text as they read composed text (a
/// word broke at each accent, and a word of the lexicon with one was not found). A run
/// that NFC makes more than three bytes of, one of more than seven bytes, and an accent
/// with no letter before it (at the start, or after an odd blank) are left as they are. Cleaning composes the same characters, so the copy's parts clean to
/// what the original's do. Out of line, and slower than the odd blanks' loop: few texts
/// are decomposed.
#[inline(never)]
fn fold_with_accents(text: &str, from: usize, form: Normalization) -> (String, OffsetMap) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::for_len(text.len());
    let (mut copied, mut next) = (0, from);
    // The next candidate of each kind at or past `next`, found again only once passed.
    let (mut blank, mut accent) = (next_lead(b, next), next_accent(b, next));
    let mut reference = references::next_reference(text, next, form);
    loop {
        if blank.is_some_and(|at| at < next) {
            blank = next_lead(b, next);
        }
        if accent.is_some_and(|at| at < next) {
            accent = next_accent(b, next);
        }
        if reference.is_some_and(|(at, ..)| at < next) {
            reference = references::next_reference(text, next, form);
        }
        let Some(at) = [blank, accent, reference.map(|(at, ..)| at)]
            .into_iter()
            .flatten()
            .min()
        else {
            break;
        };
        // (An `&` starts no odd blank or accent.)
        if let Some((_, len, d)) = reference.filter(|&(r, ..)| r == at) {
            copied = push_edit(text, copied, at, len, d.as_str(), &mut out, &mut map);
            next = copied;
            continue;
        }
        if accent == Some(at) {
            let mut end = at;
            while accent_at(b, end) {
                end += 2;
            }
            next = end;
            // The letter before the run: its first byte, the last byte before the run that is
            // no continuation byte.
            let Some(letter) = b[..at].iter().rposition(|&c| c & 0xC0 != 0x80) else {
                continue;
            };
            if letter < copied || end - letter > 7 {
                continue;
            }
            let run = &text[letter..end];
            let mut composed = [0u8; 3];
            let mut len = 0;
            for c in run.nfc() {
                let n = c.len_utf8();
                if len + n > composed.len() {
                    len = usize::MAX;
                    break;
                }
                c.encode_utf8(&mut composed[len..]);
                len += n;
            }
            let Some(composed) = composed
                .get(..len)
                .and_then(|c| std::str::from_utf8(c).ok())
            else {
                continue;
            };
            if composed != run {
                copied = push_edit(
                    text,
                    copied,
                    letter,
                    run.len(),
                    composed,
                    &mut out,
                    &mut map,
                );
            }
            continue;
        }
        let Some((len, with)) = folded_at(b, at) else {
            next = at + 1;
            continue;
        };
        copied = push_edit(text, copied, at, len, with, &mut out, &mut map);
        next = copied;
    }
    out.push_str(&text[copied..]);
    (out, map)
}

/// The offset of the first combining accent in `b` at or past `from` ([`first_accent`]).
fn next_accent(b: &[u8], from: usize) -> Option<usize> {
    first_accent(b.get(from..)?).map(|k| from + k)
}

/// The offset of the first byte `C2` or `E2` (the lead bytes of the odd blanks) in `b` at or
/// past `from`. The 16 bytes at `from` are tested as two words first, then `memchr2`
/// searches the rest: in text dense with odd blanks the next is most often in the first
/// word, and a `memchr2` started afresh for each cost some 60 instructions (callgrind, a
/// word of the `no-break-spaces` shape), the word's test some 15. (With one word, 33,745 of
/// the shape's 168,563 searches, the words of 8 bytes or more, called `memchr2`, at ~51
/// instructions each: the second word's test cut that shape by 1.0 an input byte, and
/// `zero-width-spaces` by 1.2.)
#[inline]
fn next_lead(b: &[u8], from: usize) -> Option<usize> {
    let Some(word) = b.get(from..from + 8) else {
        return memchr::memchr2(0xC2, 0xE2, b.get(from..)?).map(|k| from + k);
    };
    if let Some(k) = lead_in_word(word) {
        return Some(from + k);
    }
    let from = from + 8;
    let Some(word) = b.get(from..from + 8) else {
        return memchr::memchr2(0xC2, 0xE2, &b[from..]).map(|k| from + k);
    };
    if let Some(k) = lead_in_word(word) {
        return Some(from + k);
    }
    memchr::memchr2(0xC2, 0xE2, &b[from + 8..]).map(|k| from + 8 + k)
}

/// The offset in `word` (8 bytes) of its first byte `C2` or `E2`, if any.
#[inline(always)]
fn lead_in_word(word: &[u8]) -> Option<usize> {
    let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
    // `C2` and `E2` differ in one bit, `0x20`: with it set in every byte they are the
    // bytes equal to `E2`, one test for both. The lowest flag is exact
    // ([`crate::lex::byte_flags`]).
    let hits = crate::lex::byte_flags(w | 0x2020_2020_2020_2020, 0xE2);
    (hits != 0).then(|| (hits.trailing_zeros() / 8) as usize)
}

/// The character at `b[i]` (a lead byte `C2` or `E2` of valid UTF-8) when
/// [`fold_blanks`] folds it: its length and what the copy holds in its place.
#[inline]
fn folded_at(b: &[u8], i: usize) -> Option<(usize, &'static str)> {
    let next = |k: usize| b.get(i + k).copied();
    match (b[i], next(1)?) {
        // U+00A0 no-break space, U+00AD soft hyphen.
        (0xC2, 0xA0) => Some((2, " ")),
        (0xC2, 0xAD) => Some((2, "")),
        (0xE2, 0x80) => match next(2)? {
            // U+2000–U+200A (en quad to hair space), U+202F narrow no-break space.
            0x80..=0x8A | 0xAF => Some((3, " ")),
            // U+200B–U+200D: zero-width space, non-joiner, joiner.
            0x8B..=0x8D => Some((3, "")),
            _ => None,
        },
        (0xE2, 0x81) => match next(2)? {
            // U+205F medium mathematical space.
            0x9F => Some((3, " ")),
            // U+2060 word joiner.
            0xA0 => Some((3, "")),
            _ => None,
        },
        _ => None,
    }
}

/// Replaces invalid UTF-8 with U+FFFD (one for each maximal invalid sequence, as
/// `String::from_utf8_lossy` does), returning the repaired text, the offset map and the
/// spans (in the original) of the runs of replaced sequences: sequences with no valid byte
/// between them make one span. (A span and a map entry a sequence took 32 bytes for each
/// invalid byte of input: 64 MB of them held 4 GB.)
pub(crate) fn repair_utf8(bytes: &[u8]) -> (String, OffsetMap, Vec<Span>) {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut map = OffsetMap::default();
    let mut bad: Vec<Span> = Vec::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        let orig = invalid.as_ptr() as usize - bytes.as_ptr() as usize;
        map.push(out.len(), orig, invalid.len(), REPLACEMENT_LEN);
        out.push('\u{FFFD}');
        let span = Span::new(orig, orig + invalid.len());
        match bad.last_mut() {
            Some(last) if last.end == span.start => last.end = span.end,
            _ => bad.push(span),
        }
    }
    (out, map, bad)
}

/// The spans of the runs of control characters in `text` that cleaning drops (C0 and C1
/// controls and DEL, other than the whitespace ones: tab, line feed, vertical tab, form feed,
/// carriage return and NEL): the reference that [`push_control_runs`] finds part by part
/// (which debug builds check it against).
pub(crate) fn control_runs(text: &str) -> Vec<Span> {
    push_control_runs(text, Span::new(0, text.len()), Vec::new())
}

/// Pushes onto `runs` the spans of the runs of control characters in the part `span` of
/// `text` that cleaning drops (C0 and C1 controls and DEL, other than the whitespace ones:
/// tab, line feed, vertical tab, form feed, carriage return and NEL), at their offsets in
/// `text`. One byte scan; the assemble stage reports each run as a diagnostic, so that
/// dropping them is never silent.
///
/// A run never takes in a byte of a character that is no control character, so the runs
/// of the parts that such characters separate are those of the whole text: a caller may
/// pass over parts it knows to hold none (text that [`clean`] leaves unchanged).
pub(crate) fn push_control_runs(text: &str, span: Span, runs: Vec<Span>) -> Vec<Span> {
    let Some(b) = text.as_bytes().get(span.start..span.end) else {
        return runs;
    };
    if !holds_control(b) {
        return runs;
    }
    control_runs_in(b, span.start, runs)
}

/// True when the bytes `b` hold a control character that cleaning drops, where
/// [`push_control_runs`] finds a run. Most texts hold none: branch-free passes over the
/// whole of `b` (which the compiler vectorizes) tell. The first, byte by byte, finds no
/// candidate in most; the second reads the bytes in pairs, to pass over NBSPs and Latin-1
/// letters.
pub(crate) fn holds_control(b: &[u8]) -> bool {
    let candidate = b
        .iter()
        .fold(false, |any, &c| any | is_control_candidate(c));
    candidate && has_control(b)
}

/// [`push_control_runs`] of the bytes `b` by their scan, moved right by `base`, pushed onto
/// `runs`.
fn control_runs_in(b: &[u8], base: usize, mut runs: Vec<Span>) -> Vec<Span> {
    let mut i = 0;
    // Bytes are looked at one by one only inside 32-byte blocks that hold a candidate (a
    // control byte other than tab to carriage return, DEL, or the 0xC2 lead of a C1
    // control); other blocks are passed over with one test each.
    let mut checked_to = 0;
    while i < b.len() {
        if i >= checked_to {
            let end = (i + 32).min(b.len());
            let candidate = b[i..end]
                .iter()
                .fold(false, |any, &c| any | is_control_candidate(c));
            if !candidate {
                i = end;
                continue;
            }
            checked_to = end;
        }
        let len = match b[i] {
            0x01..=0x08 | 0x0E..=0x1F | 0x7F => 1,
            0xC2 if matches!(b.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9F)) => 2,
            _ => 0,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        match runs.last_mut() {
            Some(last) if last.end == base + i => last.end = base + i + len,
            _ => runs.push(Span::new(base + i, base + i + len)),
        }
        i += len;
    }
    runs
}

/// True when NFC leaves `c` alone wherever it stands (canonical combining class 0, quick
/// check yes), told by its range for the characters of news text: below U+0300; the
/// letters of Greek, Cyrillic and Armenian, Hebrew, Arabic, Devanagari, Thai, Georgian and
/// Ethiopic; Latin Extended Additional (precomposed Vietnamese); the general punctuation
/// (dashes, quotes, `…`) and currency signs; arrows, mathematical operators, box drawing,
/// geometric shapes and dingbats (but U+2329 and U+232A, which NFC maps); the CJK
/// punctuation, kana, CJK ideographs, Hangul syllables and the fullwidth forms. (Box drawing
/// and CJK punctuation took the Unicode tables' check some 3,500 times a pass over the web
/// pages, some 200 instructions each.) The test `nfc_stable_characters_are` checks every
/// one. (Before round 19 only Latin, Cyrillic and the East Asian ranges were listed, and
/// each Greek, Hebrew or Arabic letter took the Unicode tables' quick check.)
#[inline]
fn is_nfc_stable(c: char) -> bool {
    // Latin, Greek and Cyrillic first: the others' ranges cost them nothing.
    matches!(c, '\0'..='\u{2ff}' | '\u{388}'..='\u{482}') || is_other_nfc_stable(c)
}

/// [`is_nfc_stable`] past Latin, Greek and Cyrillic.
#[inline(never)]
fn is_other_nfc_stable(c: char) -> bool {
    matches!(
        c,
        '\u{488}'..='\u{590}'
            | '\u{5ca}'..='\u{60f}'
            | '\u{61b}'..='\u{64a}'
            | '\u{671}'..='\u{6d5}'
            | '\u{900}'..='\u{93b}'
            | '\u{de0}'..='\u{e37}'
            | '\u{108e}'..='\u{1160}'
            | '\u{11c3}'..='\u{135c}'
            | '\u{1e00}'..='\u{1f70}'
            | '\u{2002}'..='\u{20cf}'
            | '\u{2190}'..='\u{2328}'
            | '\u{232b}'..='\u{27bf}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3030}'..='\u{3096}'
            | '\u{30a1}'..='\u{30fa}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ac00}'..='\u{d7a3}'
            | '\u{ff01}'..='\u{ffee}'
    )
}

/// True when `b` holds a control character that cleaning drops (a byte `0x01`–`0x08`,
/// `0x0E`–`0x1F` or `0x7F`, or a C1 control: `0xC2` then `0x80`–`0x9F` but NEL's `0x85`),
/// where [`push_control_runs`] finds a run. Each byte is read with the one after it, and every
/// pair is tested, with no exit at the first hit: a pass the compiler vectorizes, that
/// answers text with NBSPs and Latin-1 letters (lead byte `0xC2` or `0xC3`) as quickly as
/// plain ASCII.
fn has_control(b: &[u8]) -> bool {
    let c0 = |c: u8| (c.wrapping_sub(0x01) < 0x08) | (c.wrapping_sub(0x0e) < 0x12) | (c == 0x7f);
    let next = b.get(1..).unwrap_or_default();
    let pairs = b.iter().zip(next).fold(false, |any, (&c, &d)| {
        any | c0(c) | ((c == 0xc2) & (d.wrapping_sub(0x80) < 0x20) & (d != 0x85))
    });
    pairs | b.last().is_some_and(|&c| c0(c))
}

/// True when the byte `c` may start a control character that cleaning drops: a C0 control
/// other than tab to carriage return, DEL, or the 0xC2 lead of a C1 control.
#[inline]
fn is_control_candidate(c: u8) -> bool {
    (c < 0x09) | (c.wrapping_sub(0x0e) < 0x12) | (c == 0x7f) | (c == 0xc2)
}

/// True when cleaning leaves `raw` unchanged: single inner spaces as the only blanks, and
/// already in the normalization `form`. One pass over the bytes: runs of ASCII are checked
/// without decoding, and the Unicode quick check runs only when a character outside the ranges
/// NFC never changes (below U+0300; dashes, quotes and `…` of U+2010–U+2027) is present.
#[inline(always)]
fn is_clean(raw: &str, cleaning: Cleaning) -> bool {
    let b = raw.as_bytes();
    let form = cleaning.form;
    if b.len() <= SHORT_TEXT {
        if let Some(clean) = short_ascii_is_clean(b) {
            return clean && !(cleaning.references && references::may_hold_reference(b, form));
        }
    }
    is_clean_by_runs(raw, form) && !(cleaning.references && references::may_hold_reference(b, form))
}

/// How the texts of one article are cleaned: the normalization, and whether its text may
/// hold an HTML character reference at all ([`Cleaning::of`]), which only then is looked
/// for in each text cleaned (a search a text cost the web pages 1.6 instructions a byte).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cleaning {
    pub form: Normalization,
    pub references: bool,
}

impl Cleaning {
    /// The cleaning of the texts of `prepared` (those of slices of it) under `form`.
    pub(crate) fn of(prepared: &Prepared<'_>, form: Normalization) -> Self {
        Self {
            form,
            references: prepared.references,
        }
    }

    /// The cleaning of any text under `form`.
    pub(crate) fn any(form: Normalization) -> Self {
        Self {
            form,
            references: true,
        }
    }
}

/// [`is_clean`] by runs: the whole text in wide passes for control characters and double
/// spaces, then the characters outside ASCII one by one, the ASCII runs between them passed
/// over eight bytes at a step.
#[inline(never)]
fn is_clean_by_runs(raw: &str, form: Normalization) -> bool {
    let b = raw.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Bytes outside ASCII are no control bytes, and two spaces in a row can only meet inside
    // a run of ASCII: one pass over the whole text tells both, with no set-up for each run.
    let (clean_ascii, all_ascii) = ascii_scan(b);
    if !clean_ascii {
        return false;
    }
    // ASCII text is in every normalization form.
    if all_ascii {
        return true;
    }
    // The NFC quick check of the text, made on the way over the characters that may fail it
    // ([`NfcQuick`]). Dashes and curly quotation marks are passed over: not blank or
    // invisible, and left alone by NFC (NFKC still has its quick check below: it maps
    // U+2011 and U+2017).
    let mut nfc = NfcQuick::default();
    if !for_each_unusual_char(raw, |ch, at| {
        if !is_nfc_stable(ch) {
            nfc.unstable(ch, at);
        }
        !(ch.is_whitespace() || is_invisible(ch))
    }) {
        return false;
    }
    match form {
        Normalization::Nfc => nfc.is_yes(),
        Normalization::Nfkc => is_nfkc_quick(raw.chars()) == IsNormalized::Yes,
        Normalization::None => true,
    }
}

/// The NFC quick check of a text (`is_nfc_quick` of its characters) made from the
/// characters NFC may change alone ([`is_nfc_stable`] false: the rest are of combining class
/// 0 and quick check yes), handed over in order with their places, rather than by a second
/// pass that decodes every character. The check keeps the combining class of the character
/// before (a mark out of order fails it) and what the characters' own quick checks say;
/// every other character (ASCII, the stable ones) only sets the class before to 0, which a
/// character that does not follow the one handed over before (`at` is not where that one
/// ends) is told by.
#[derive(Debug, Default)]
struct NfcQuick {
    /// Where the character handed over last ends (0 before the first).
    end: usize,
    /// The combining class of the character before the next one handed over, when that is
    /// the one handed over last (else 0).
    last_cc: u8,
    /// Some character's quick check is maybe.
    maybe: bool,
    /// The check fails: a character's quick check is no, or a mark is out of order.
    no: bool,
}

impl NfcQuick {
    /// Takes the character `ch` at byte `at`, one that [`is_nfc_stable`] is false for.
    #[cold]
    #[inline(never)]
    fn unstable(&mut self, ch: char, at: usize) {
        let last_cc = if at == self.end { self.last_cc } else { 0 };
        let cc = unicode_normalization::char::canonical_combining_class(ch);
        if last_cc > cc && cc != 0 {
            self.no = true;
        }
        // A character alone: its own quick check (no mark before it to be out of order).
        match is_nfc_quick(std::iter::once(ch)) {
            IsNormalized::Yes => {}
            IsNormalized::Maybe => self.maybe = true,
            IsNormalized::No => self.no = true,
        }
        self.last_cc = cc;
        self.end = at + ch.len_utf8();
    }

    /// True when the quick check of the whole text is yes.
    fn is_yes(&self) -> bool {
        !self.no && !self.maybe
    }
}

/// The length up to which [`is_clean`] first tries [`short_ascii_is_clean`]: the names,
/// verbs and short quotations that most elements are, where the set-up of the wide passes
/// below costs more than a byte at a time.
const SHORT_TEXT: usize = 64;

/// [`is_clean`] of an ASCII `b` in one pass, a byte at a time, or `None` when `b` holds a
/// byte outside ASCII. ASCII text is in every normalization form, so it is clean when it
/// holds no control character (line breaks and tabs included) and its spaces are single
/// inner ones.
#[inline]
fn short_ascii_is_clean(b: &[u8]) -> Option<bool> {
    if b.len() <= TINY_TEXT {
        return tiny_ascii_is_clean(b);
    }
    if b.len() <= SMALL_TEXT {
        return small_ascii_is_clean(b);
    }
    wide_short_ascii_is_clean(b)
}

/// The length up to which [`short_ascii_is_clean`] reads the text as two words: the second
/// word overlaps the first by at least one byte, so that every pair of neighbouring bytes
/// lies in one of them.
const SMALL_TEXT: usize = 15;

/// [`short_ascii_is_clean`] of [`TINY_TEXT`] + 1 to [`SMALL_TEXT`] bytes, read as two words
/// (the first eight bytes and the last eight), with no branch but for the answer.
#[inline]
fn small_ascii_is_clean(b: &[u8]) -> Option<bool> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(b.get(at..at + 8)?);
        Some(u64::from_le_bytes(w))
    };
    let (first, last) = (word(0)?, word(b.len().checked_sub(8)?)?);
    if (first | last) & HIGH != 0 {
        return None;
    }
    let (bad_first, space_first) = ascii_word_flags(first, HIGH);
    let (bad_last, space_last) = ascii_word_flags(last, HIGH);
    // A leading or trailing space.
    let ends = (space_first & 0x80) | ((space_last >> 56) & 0x80);
    Some(bad_first | bad_last | ends == 0)
}

/// For a word of ASCII bytes, of which `present` marks those to test (by their high bit):
/// the high bits of the control bytes and of the spaces that follow a space (nonzero when
/// there is one), and the high bits of the spaces.
#[inline]
fn ascii_word_flags(w: u64, present: u64) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // With every byte below 0x80, adding to each byte never carries into the next: a byte
    // plus 0x60 reaches the high bit when it is at least 0x20, plus 1 when it is 0x7f.
    let control = (!(w + 0x60 * ONES) | (w + ONES)) & present;
    // Spaces: the bytes equal to 0x20, found exactly (the low seven bits of the other
    // bytes, plus 0x7f, carry into their high bit; no carry leaves a byte).
    let x = w ^ (0x20 * ONES);
    let space = !(((x & !HIGH) + !HIGH) | x) & present;
    (control | (space & (space >> 8)), space)
}

/// [`short_ascii_is_clean`] of more than [`SMALL_TEXT`] bytes (and at most
/// [`SHORT_TEXT`]), read as words that start seven bytes apart, and the text's last eight
/// bytes, so that every pair of neighbouring bytes lies in one of them: the tests of
/// [`small_ascii_is_clean`] on each, with no set-up of a pass over the bytes (which costs
/// more up to some 64 bytes).
#[inline(never)]
fn wide_short_ascii_is_clean(b: &[u8]) -> Option<bool> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let last = b.len().checked_sub(8)?;
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    // The words' flags, each told of a word of ASCII bytes only.
    let flags = |w: u64| (w & HIGH == 0).then(|| ascii_word_flags(w, HIGH).0);
    let end = word(last);
    let mut bad = flags(end)?;
    let mut at = 0;
    while at < last {
        bad |= flags(word(at))?;
        at += 7;
    }
    // A leading or trailing space.
    let ends = (b[0] == b' ') | (end >> 56 == 0x20);
    Some(bad == 0 && !ends)
}

/// The length up to which [`short_ascii_is_clean`] reads the text as one word: a word or
/// two, too few bytes for the wide passes to pay for their set-up.
const TINY_TEXT: usize = 8;

/// [`short_ascii_is_clean`] of at most [`TINY_TEXT`] bytes, read into one word
/// ([`tiny_word`]) and tested byte by byte in it, with no branch but for the answer.
#[inline]
fn tiny_ascii_is_clean(b: &[u8]) -> Option<bool> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = tiny_word(b);
    if w & HIGH != 0 {
        return None;
    }
    // The high bit of each byte of the text (the word's bytes above it are zero).
    let present = HIGH
        .checked_shr(8 * (TINY_TEXT - b.len()) as u32)
        .unwrap_or(0);
    let (bad, space) = ascii_word_flags(w, present);
    // A leading or trailing space.
    let ends = (space & 0x80) | (space & (present ^ (present >> 8)));
    Some(bad | ends == 0)
}

/// The bytes of `b` (at most [`TINY_TEXT`]) as a little-endian word, zero above them: two
/// loads that may overlap, or three single bytes for a text of fewer than four.
#[inline]
fn tiny_word(b: &[u8]) -> u64 {
    let n = b.len();
    let word = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=TINY_TEXT => word(0) | word(n - 4) << (8 * (n - 4)),
        _ => 0,
    }
}

/// [`tiny_ascii_is_clean`] a byte at a time: the reference it is tested against.
#[cfg(test)]
fn tiny_ascii_is_clean_by_bytes(b: &[u8]) -> Option<bool> {
    // Whether the byte before is a space, or the text's start (where a space is a leading
    // one, and so not clean).
    let mut after_space = true;
    let mut clean = true;
    for &c in b {
        if c >= 0x80 {
            return None;
        }
        let space = c == b' ';
        clean &= !(space & after_space) & (c >= 0x20) & (c != 0x7f);
        after_space = space;
    }
    // The empty text is clean; a last space is a trailing one.
    Some(clean && (b.is_empty() || !after_space))
}

/// The length of the run of ASCII bytes that starts `b`, found eight bytes at a step.
fn ascii_len(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let high = u64::from_le_bytes(w) & HIGH;
        if high != 0 {
            // The first byte with its high bit set, in memory order.
            return n + (high.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + chunks
        .remainder()
        .iter()
        .position(|&c| c >= 0x80)
        .unwrap_or(chunks.remainder().len())
}

/// Whether the bytes `b` hold no ASCII control character (line breaks and tabs included)
/// and no two spaces in a row (bytes outside ASCII are neither), and whether all of `b` is
/// ASCII, in one branch-free pass the compiler vectorizes. A text of more than
/// [`SCAN_WINDOW`] bytes is read 32 bytes (with the one after them) a step
/// ([`scan_window`]), each byte's place in the windows kept apart until the end, and its
/// last window overlaps the one before, so that no byte is left to a loop of fewer: one
/// fold over all the pairs was vectorized 32 bytes a step too, but then took the last bytes
/// eight at a step and then one at a time (is_clean_by_runs, callgrind, one pass: web pages
/// 9.40M → 8.60M instructions, quote paragraphs 3.68M → 3.28M, seed variants 1.71M →
/// 1.46M). What is kept of each byte is what takes the fewest vector steps
/// ([`ScanLanes`]): the least byte (the bytes below 0x20, most of the control bytes, are
/// told from it at the end), the bits of all of them, and the marks of [`is_marked_pair`]
/// (a window took 38 instructions with a flag for each byte's whole test, and takes 25:
/// is_clean_by_runs, one web pass, 6.70M → 6.09M instructions).
fn ascii_scan(b: &[u8]) -> (bool, bool) {
    let last = b.last().copied();
    let (bad, bits) = match b.len().checked_sub(SCAN_WINDOW + 1) {
        None => ascii_scan_pairs(b),
        Some(final_start) => {
            // What each byte's place in the windows took, kept apart (in vector registers)
            // until the end.
            let mut lanes = ScanLanes {
                least: [u8::MAX; SCAN_WINDOW],
                bits: [0; SCAN_WINDOW],
                marks: [0; SCAN_WINDOW],
            };
            let mut at = 0;
            while at < final_start {
                scan_window(&b[at..at + SCAN_WINDOW + 1], &mut lanes);
                at += SCAN_WINDOW;
            }
            scan_window(&b[final_start..], &mut lanes);
            let least = lanes.least.iter().fold(u8::MAX, |a, &x| a.min(x));
            let marks = lanes.marks.iter().fold(0, |a, &x| a | x);
            (
                least < 0x20 || marks != 0,
                lanes.bits.iter().fold(0, |a, &x| a | x),
            )
        }
    };
    (
        !bad && !last.is_some_and(is_control_byte),
        (bits | last.unwrap_or(0)) < 0x80,
    )
}

/// The bytes [`ascii_scan`] reads a step.
const SCAN_WINDOW: usize = 32;

/// What [`ascii_scan`] keeps of the pairs of bytes of each place of its windows (each byte
/// with the byte after it): the least byte, the bits of all of them, and whether a pair is
/// marked ([`pair_mark`]). The bytes are clean when the least is no control byte (0x20 or
/// more) and no pair is marked (nor the text's last byte, which no pair starts, a control
/// byte); all ASCII when no byte has its high bit.
struct ScanLanes {
    least: [u8; SCAN_WINDOW],
    bits: [u8; SCAN_WINDOW],
    marks: [u8; SCAN_WINDOW],
}

/// [`ScanLanes`] of the [`SCAN_WINDOW`] pairs of `w` (one byte more than
/// [`SCAN_WINDOW`]), each into its place of `lanes`. (The bytes and the bytes after them are
/// taken as two arrays: from one, the compiler made the second by shifting the first, 44
/// instructions a window where this took some 30.)
#[inline(always)]
fn scan_window(w: &[u8], lanes: &mut ScanLanes) {
    let bytes: &[u8; SCAN_WINDOW] = w[..SCAN_WINDOW].try_into().unwrap_or(&[0; SCAN_WINDOW]);
    let next: &[u8; SCAN_WINDOW] = w[1..].try_into().unwrap_or(&[0; SCAN_WINDOW]);
    for i in 0..SCAN_WINDOW {
        let (c, d) = (bytes[i], next[i]);
        lanes.least[i] = lanes.least[i].min(c);
        lanes.bits[i] |= c;
        lanes.marks[i] |= pair_mark(c, d);
    }
}

/// For each byte of `b` but the last (with the byte after it): whether one is an ASCII
/// control character or a space before a space, and the bits of all of them. (A fold of
/// [`ScanLanes`]' three was not vectorized: a text of up to [`SCAN_WINDOW`] bytes took
/// some 22 instructions a byte.)
#[inline(always)]
fn ascii_scan_pairs(b: &[u8]) -> (bool, u8) {
    let next = b.get(1..).unwrap_or_default();
    b.iter()
        .zip(next)
        .fold((false, 0u8), |(bad, all), (&c, &d)| {
            (bad | (c < 0x20) | is_marked_pair(c, d), all | c)
        })
}

/// [`is_marked_pair`] as a byte mask (0xFF or 0, with no branch: the scans are vectorized).
#[inline(always)]
fn pair_mark(c: u8, d: u8) -> u8 {
    0u8.wrapping_sub(u8::from(is_marked_pair(c, d)))
}

/// Whether byte `c`, followed by `d`, is what [`ascii_scan`] looks for but a byte below 0x20
/// (which its windows tell from the least byte): DEL, or a space before a space. A space next
/// to a NUL is marked too (two bytes whose bits are those of a space alone: one test of the
/// two together), which changes no answer: the NUL is a control byte, found as such.
#[inline(always)]
fn is_marked_pair(c: u8, d: u8) -> bool {
    (c == 0x7f) | ((c | d) == b' ')
}

/// Whether `c` is an ASCII control character (`u8::is_ascii_control`, with no branch).
#[inline(always)]
fn is_control_byte(c: u8) -> bool {
    (c < 0x20) | (c == 0x7f)
}

/// Cleans an element's raw text (see the module docs). Borrows when nothing changes.
///
/// ```
/// use copydesk::{normalize::clean, Normalization};
/// assert_eq!(clean("  two\u{a0}\u{a0}words\r\n", Normalization::Nfc), "two words");
/// assert_eq!(clean("e\u{301}t\u{200b}e\u{301}", Normalization::Nfc), "été");
/// assert!(matches!(clean("plain text", Normalization::Nfc), std::borrow::Cow::Borrowed(_)));
/// assert_eq!(clean("&ldquo;Yes,&rdquo; she&nbsp;said", Normalization::Nfc), "“Yes,” she said");
/// ```
pub fn clean(raw: &str, form: Normalization) -> Cow<'_, str> {
    clean_noting(raw, Cleaning::any(form)).0
}

/// [`clean`] of `raw`, a slice of the text `cleaning` was made for.
pub(crate) fn clean_in(raw: &str, cleaning: Cleaning) -> Cow<'_, str> {
    clean_noting(raw, cleaning).0
}

/// True when cleaning makes nothing of `raw` (a block, a quotation's words, the rest of a
/// text: trimmed of blanks or not) under `cleaning`: references to white space spelt with
/// invisible characters inside (`&\u{8}nbsp;`), which the copy the stages read keeps as
/// written ([`references`] reads a reference spelt plainly) and cleaning decodes once it
/// has dropped them. Only a text whose first character past the blank and invisible ones is
/// an `&`, and all of whose characters may make up such a text ([`may_clean_away`]), is
/// cleaned to tell; any other holds text, which the look at its characters finds where it
/// starts (`&quot;We win,` at its comma), not at the end of the text.
pub(crate) fn cleans_to_nothing(raw: &str, cleaning: Cleaning) -> bool {
    cleaning.references
        && raw.chars().find(|&c| !is_blank(c)) == Some('&')
        && raw.chars().all(|c| may_clean_away(c, cleaning.form))
        && clean_in(raw, cleaning).is_empty()
}

/// True when `c` may be part of a text that cleaning under `form` makes nothing of: a blank
/// or invisible character, a character that a reference to white space is spelt with (`&`,
/// `#`, `;`, an ASCII letter or digit: `&nbsp;`, `&#x2003;`, `&amp;nbsp;`), or one outside
/// ASCII that the normalization may change (into such a character: `\u{37E}` is `;` under
/// NFC). Any other character is still there once the text is cleaned.
fn may_clean_away(c: char, form: Normalization) -> bool {
    is_blank(c)
        || c.is_ascii_alphanumeric()
        || matches!(c, '&' | '#' | ';')
        || (!c.is_ascii() && !references::stays(c, form))
}

/// [`clean`], and whether `raw` was clean already: then so is every part of it that
/// neither starts nor ends with a space, which [`clean_part_of_clean`] tells without reading
/// it.
#[inline]
pub(crate) fn clean_noting(raw: &str, cleaning: Cleaning) -> (Cow<'_, str>, bool) {
    // The common case, plain or curly-quoted text that cleaning leaves unchanged: borrowed
    // without building the copy.
    if is_clean(raw, cleaning) {
        return (Cow::Borrowed(raw), true);
    }
    (clean_changed(raw, cleaning), false)
}

/// [`clean`] of `part`, a slice of a text that [`clean_noting`] found clean under the same
/// `form`. Such a text's only blanks are single inner spaces, and each of its characters
/// passes the normalization's quick check where it stands (the check of a character looks
/// at the one before only to find marks out of order, and there are none), or is one NFC
/// leaves alone anywhere: so a part is clean too unless a space starts or ends it.
pub(crate) fn clean_part_of_clean(part: &str, cleaning: Cleaning) -> Cow<'_, str> {
    if part_of_clean_is_clean(part) {
        return Cow::Borrowed(part);
    }
    clean_in(part, cleaning)
}

/// Whether `part`, a slice of a text that [`clean_noting`] found clean, is clean as it
/// stands: it neither starts nor ends with a space (see [`clean_part_of_clean`]).
#[inline(always)]
pub(crate) fn part_of_clean_is_clean(part: &str) -> bool {
    let b = part.as_bytes();
    b.first() != Some(&b' ') && b.last() != Some(&b' ')
}

/// [`clean`] of a text that [`is_clean`] did not find clean.
#[inline(never)]
fn clean_changed(raw: &str, cleaning: Cleaning) -> Cow<'_, str> {
    let form = cleaning.form;
    let out = collapse(raw);
    // ASCII text is in every form: told a word at a time, without decoding it.
    if out.is_ascii() {
        let out = with_references_decoded(out, cleaning);
        return if out == raw {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(out)
        };
    }
    let out = match form {
        Normalization::Nfc
            if !is_nfc_stable_text(&out) && is_nfc_quick(out.chars()) != IsNormalized::Yes =>
        {
            out.nfc().collect()
        }
        Normalization::Nfkc if is_nfkc_quick(out.chars()) != IsNormalized::Yes => {
            // Compatibility forms can bring in spaces ("¨" is " \u{308}"): collapse again so
            // that cleaning stays idempotent. Collapsing only trims, merges or maps spaces,
            // which keeps the text in NFKC.
            let folded: String = out.nfkc().collect();
            if folded.contains(char::is_whitespace) {
                collapse(&folded)
            } else {
                folded
            }
        }
        _ => out,
    };
    let out = with_references_decoded(out, cleaning);
    if out == raw {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(out)
    }
}

/// `s`, a text collapsed and normalized, with its HTML character references decoded
/// ([`references`]), collapsed again when one of them was white space. The characters
/// decoded stay as they are under the normalization, and nothing after them combines with
/// them, so the text stays normalized; and decoding leaves no reference to decode, so
/// cleaning stays idempotent.
fn with_references_decoded(s: String, cleaning: Cleaning) -> String {
    if !cleaning.references {
        return s;
    }
    match references::decode(&s, cleaning.form) {
        None => s,
        Some((decoded, true)) => collapse(&decoded),
        Some((decoded, false)) => decoded,
    }
}

/// True when every character of `s` is one NFC leaves alone wherever it stands
/// ([`is_nfc_stable`]), so that `s` is in NFC: its ASCII runs passed over eight bytes at a
/// step, dashes and curly quotation marks told by their bytes, the other characters decoded.
fn is_nfc_stable_text(s: &str) -> bool {
    for_each_unusual_char(s, |ch, _| is_nfc_stable(ch))
}

/// Calls `f` on each character of `s` outside ASCII other than the punctuation from U+2010
/// to U+2027 and U+2030 to U+203F (dashes, curly quotation marks, `…`; not the line and
/// paragraph separators, bidirectional controls and narrow no-break space between), the
/// signs from U+00A1 to U+00BF but the soft hyphen, and the letters from U+00C0 to U+02FF,
/// U+0400 to U+047F and U+1E00 to U+1EFF, and the East Asian characters of
/// [`is_common_wide`] (which every caller's `f` passes: NFC-stable, not blank, not
/// invisible), with its byte offset, in order, while it returns true; returns false at the
/// first character it returns false for. The ASCII runs between are passed over eight bytes
/// at a step, the punctuation told by its bytes.
#[inline(always)]
fn for_each_unusual_char(s: &str, mut f: impl FnMut(char, usize) -> bool) -> bool {
    let b = s.as_bytes();
    let mut i = ascii_len(b);
    while i < b.len() {
        if matches!(&b[i..], [0xE2, 0x80, 0x90..=0xA7 | 0xB0..=0xBF, ..]) {
            // The dashes, quotation marks, bullets, `…` and the like of U+2010 to U+2027
            // and U+2030 to U+203F (the commonest characters outside ASCII of English news
            // text, so tested first: after the letters' test, it cost the quote paragraphs
            // 0.09 instructions a byte): NFC-stable, not blank and not invisible, so what
            // `f` says of every character of the callers.
            i += 3;
        } else if matches!(b[i], 0xC3..=0xCB | 0xD0..=0xD1) {
            // A letter of two bytes from U+00C0 to U+02FF or from U+0400 to U+047F (Latin-1
            // and Latin Extended, the basic Cyrillic letters): the same. (`i` is a
            // character boundary, so a continuation byte follows.) A word of them is
            // stepped over at once.
            i += 2;
            while matches!(b.get(i), Some(0xC3..=0xCB | 0xD0..=0xD1)) {
                i += 2;
            }
        } else if matches!(&b[i..], [0xC2, 0xA1..=0xAC | 0xAE..=0xBF, ..]) {
            // The signs of U+00A1 to U+00BF (`©`, `«`, `»`, `°`, `·`) but the soft hyphen:
            // the same.
            i += 2;
        } else if matches!(&b[i..], [0xE1, 0xB8..=0xBB, ..]) {
            // Latin Extended Additional (U+1E00 to U+1EFF, Vietnamese): the same.
            i += 3;
        } else {
            // The ideographs, kana, Hangul and box drawing of East Asian pages, a run at once
            // ([`common_wide_len`]), and any other character decoded and handed to `f`.
            let wide = common_wide_len(&b[i..]);
            if wide > 0 {
                i += wide;
            } else {
                // `i` is a character boundary: ASCII runs and whole characters are stepped
                // over.
                let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
                    return false;
                };
                if !f(ch, i) {
                    return false;
                }
                i += ch.len_utf8();
            }
        }
        i += ascii_len(&b[i..]);
    }
    true
}

/// The length of the run of three-byte characters that starts `b` (at a character
/// boundary) and that are [`is_common_wide`]: stepped over by [`for_each_unusual_char`] as
/// its letters of two bytes are, told from their bytes with no decoding. (They are most of
/// the characters that took its general path on the web pages, some 17,600 a pass at some
/// 100 instructions each: a `char` decoded, [`is_nfc_stable`] out of line, the tests for
/// blanks and invisible characters.)
#[inline(always)]
fn common_wide_len(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(&[lead @ 0xE0..=0xEF, b1, b2]) = b.get(n..n + 3) {
        let u = u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
        if !is_common_wide(u) {
            break;
        }
        n += 3;
    }
    n
}

/// Whether the code point `u` is one of the characters of three bytes that East Asian web
/// pages are mostly made of: CJK ideographs, Hangul syllables, box drawing and geometric
/// shapes (U+2500 to U+25FF), the CJK punctuation but the ideographic space and the
/// combining marks, kana, and the full-width forms. Each is NFC-stable ([`is_nfc_stable`]),
/// not blank and not invisible, as every caller of [`for_each_unusual_char`] asks.
#[inline(always)]
fn is_common_wide(u: u32) -> bool {
    matches!(
        u,
        0x4E00..=0x9FFF
            | 0xAC00..=0xD7A3
            | 0x2500..=0x25FF
            | 0x3001..=0x3029
            | 0x3030..=0x3096
            | 0x30A1..=0x30FA
            | 0xFF01..=0xFFEE
    )
}

/// Whitespace runs become one space, invisible characters are dropped, ends are trimmed.
///
/// Runs of printable ASCII words with single spaces between them ([`plain_words_len`]),
/// which stay as they are, are copied whole; other characters are decoded one by one.
fn collapse(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < b.len() {
        let run = plain_words_len(&b[i..]);
        let (c, len) = if run > 0 {
            // A plain run is text: it ends a pending space like any other character.
            match raw.get(i..i + run) {
                Some(plain) => (Err(plain), run),
                None => break,
            }
        } else {
            match raw.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (Ok(c), c.len_utf8()),
                None => break,
            }
        };
        i += len;
        match c {
            Ok(c) if c.is_whitespace() => pending_space = !out.is_empty(),
            Ok(c) if is_invisible(c) => {}
            text => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                match text {
                    Ok(c) => out.push(c),
                    Err(plain) => out.push_str(plain),
                }
            }
        }
    }
    out
}

/// The length of the run of words of [`plain_len`] bytes joined by single spaces that starts
/// `b`: text that [`collapse`] leaves as it is (a space between two printable characters
/// stays one space), so prose is copied a run of words at a time, not word by word.
fn plain_words_len(b: &[u8]) -> usize {
    let mut n = plain_len(b);
    while n > 0 && b.get(n) == Some(&b' ') {
        match plain_len(&b[n + 1..]) {
            0 => break,
            word => n += 1 + word,
        }
    }
    n
}

/// The length of the run of printable ASCII bytes other than the space (`0x21`–`0x7e`) that
/// starts `b`, found eight bytes at a step.
fn plain_len(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        // Per byte below 0x80: plus 0x5f reaches the high bit when it is at least 0x21, plus
        // 1 when it is 0x7f. A byte of 0x80 or more is flagged by its own high bit; the
        // carries its sums may make reach only the bytes above it.
        let other = (w | !w.wrapping_add(0x5f * ONES) | w.wrapping_add(ONES)) & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .position(|c| !(0x21..0x7f).contains(c))
        .unwrap_or(b.len() - n)
}

/// [`collapse`] a character at a time: the reference it is tested against.
#[cfg(test)]
fn collapse_by_chars(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if is_invisible(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// True when the three bytes `c` are the UTF-8 of a character from U+200E to U+2027: the
/// dashes, curly quotation marks, bullets and ellipsis of General Punctuation, none of them
/// blank ([`is_blank`]: the blanks about them are U+2000–U+200D and U+2028 on).
#[inline(always)]
fn is_punctuation_2000(c: [u8; 3]) -> bool {
    (c[0] == 0xe2) & (c[1] == 0x80) & (0x8e..=0xa7).contains(&c[2])
}

/// True when `b` (UTF-8) starts with a character known not to be blank ([`is_blank`]) from
/// its bytes alone: printable ASCII or [`is_punctuation_2000`]. False says nothing.
#[inline(always)]
pub(crate) fn starts_on_text(b: &[u8]) -> bool {
    b.first().is_some_and(|c| (0x21..0x7f).contains(c))
        || b.first_chunk::<3>()
            .is_some_and(|&c| is_punctuation_2000(c))
}

/// True when `b` (UTF-8) ends with a character known not to be blank, as
/// [`starts_on_text`] tells of its first.
#[inline(always)]
pub(crate) fn ends_on_text(b: &[u8]) -> bool {
    b.last().is_some_and(|c| (0x21..0x7f).contains(c))
        || b.last_chunk::<3>().is_some_and(|&c| is_punctuation_2000(c))
}

/// `s.trim_start_matches(is_blank)`, with nothing decoded when `s` starts on a character
/// known not to be blank from its bytes ([`starts_on_text`]: often one end of a span that
/// [`trim_span`] cannot pass over whole is printable ASCII, and the other a curly quote, as
/// in most quote paragraphs), which saves the generic trim's set-up (some 60 instructions
/// a call). (Out of line, as the generic trim's call was: inlined into [`trim_span`], the
/// tests made the line walk of [`crate::segment`], which inlines it, cost 4 instructions
/// more a line of one-word blocks, which never come here.)
#[inline(never)]
fn trim_start_blank(s: &str) -> &str {
    if starts_on_text(s.as_bytes()) {
        return s;
    }
    s.trim_start_matches(is_blank)
}

/// `s.trim_end_matches(is_blank)`, with nothing decoded when `s` ends on a character known
/// not to be blank from its bytes ([`ends_on_text`]; see [`trim_start_blank`]).
#[inline(never)]
fn trim_end_blank(s: &str) -> &str {
    if ends_on_text(s.as_bytes()) {
        return s;
    }
    s.trim_end_matches(is_blank)
}

/// True when `text[span]` is not empty and starts and ends on printable ASCII, which is
/// never blank: [`trim_span`] leaves it as it is (most spans), told from the two bytes
/// alone. An ASCII byte starts a character, and so does the byte after it: such a span lies
/// on character boundaries, with no need to test them.
#[inline(always)]
pub(crate) fn ends_on_printable(text: &str, span: Span) -> bool {
    let printable = |i: usize| {
        text.as_bytes()
            .get(i)
            .is_some_and(|b| (0x21..0x7f).contains(b))
    };
    span.start < span.end && printable(span.start) && printable(span.end - 1)
}

/// Trims blank characters (see [`is_blank`]) from both ends of `text[span]`, returning the
/// narrowed span (empty at `span.start` when all of it is blank).
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    if ends_on_printable(text, span) {
        return span;
    }
    let Some(s) = span.get(text) else {
        return Span::new(span.start, span.start);
    };
    let lead = s.len() - trim_start_blank(s).len();
    let trimmed = trim_end_blank(s);
    if trimmed.len() <= lead {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cleans_to_nothing() {
        let any = Cleaning::any(Normalization::Nfc);
        for (block, nothing) in [
            ("&\u{8}nbsp;", true),
            ("\u{200b}&\u{8}nbsp; &#\u{7f}32;&amp;\u{200b}nbsp;", true),
            ("&nbsp;", true),
            ("&\u{8}nbsp; x", false),
            ("&\u{8}quot;", false),
            ("x &\u{8}nbsp;", false),
            ("&", false),
            // Blanks before the first `&` are passed over, as the invisible characters are.
            (" \u{200b} &\u{8}nbsp; ", true),
            // Text, found at its first character that no reference to white space is spelt
            // with: the comma, the quotation mark, the letter outside ASCII.
            ("&quot;We win,&quot; she said", false),
            ("&\u{8}nbsp; \"", false),
            ("&\u{8}nbsp;é", false),
            ("&\u{8}nbsp;\u{37e}", false),
            ("&quot;我们赢了。", false),
        ] {
            assert_eq!(cleans_to_nothing(block, any), nothing, "{block:?}");
        }
        // Only in a text that may hold a reference, and under a form that decodes them.
        let no_references = Cleaning {
            form: Normalization::Nfc,
            references: false,
        };
        assert!(!cleans_to_nothing("&\u{8}nbsp;", no_references));
        assert!(!cleans_to_nothing(
            "&\u{8}nbsp;",
            Cleaning::any(Normalization::None)
        ));
    }

    #[test]
    fn cleaning_decodes_references_and_stays_idempotent() {
        use Normalization::{Nfc, Nfkc};
        assert_eq!(
            clean("&quot;Yes,&quot; she&nbsp; said&#8230;", Nfc),
            "\"Yes,\" she said…"
        );
        assert_eq!(clean("&nbsp;x&#32;", Nfc), "x");
        assert_eq!(clean("&amp;ｑｕｏｔ；", Nfkc), "\"");
        // Decoded once the invisible characters are dropped.
        assert_eq!(clean("&\u{8}#538;", Nfc), "Ț");
        assert_eq!(clean("&quot;", Normalization::None), "&quot;");
        // A text that holds a reference is not known clean, even when nothing is decoded.
        assert!(!clean_noting("&#101;\u{301}", Cleaning::any(Nfc)).1);
        for raw in [
            "&amp;\u{200b}quot;",
            "&#xFF06;quot;",
            "&amp;ｑｕｏｔ；",
            "&#101;\u{301}",
            "&quot\u{37e}",
            "&#4352;\u{1161}",
            "&amp;amp;amp;quot;x",
            "&lt;&#x3B; &#38;&#35;34; &nbsp; &#10;&#9;",
            "&hellip;&hellip;\u{301} &#xFF06;&#xFF06;quot; &#x2126;\u{301} &uml;",
        ] {
            for form in [Nfc, Nfkc, Normalization::None] {
                let once = clean(raw, form);
                assert_eq!(clean(&once, form), once, "{raw:?} {form:?}");
            }
        }
    }

    #[test]
    fn the_copy_decodes_references_and_maps_them_back() {
        let text = "a&amp;#128512;b&amp;amp;c&eacute;\u{301}";
        let checked = prepare(text, &Options::default()).expect("prepared");
        let (copy, map) = fold_blanks(&checked).expect("a reference to decode");
        // The one before an accent is left as it is, and the accent composed with nothing.
        assert_eq!(copy, "a😀b&c&eacute;\u{301}");
        assert_eq!(map.map_span(Span::new(1, 5)), Span::new(1, 14));
        assert_eq!(map.map_span(Span::new(5, 6)), Span::new(14, 15));
        assert_eq!(map.map_span(Span::new(6, 7)), Span::new(15, 24));
        assert_eq!(map.map(copy.len()), text.len());
        // The reference left as it is marks the copy as a text cleaning may change: a part
        // of it cut right after the reference decodes it.
        assert!(checked.prepared.references);
        let cleaning = Cleaning::of(&checked.prepared, Normalization::Nfc);
        assert!(!clean_noting(&copy, cleaning).1);
        assert_eq!(clean_in(&copy[..copy.len() - 2], cleaning), "a😀b&cé");
        for (t, want) in [
            ("no ampersand", false),
            ("AT&T and Q&A; R&D", true),
            ("x &shy; y", true),
            ("x &eacute;\u{301}", true),
            ("&quot;", true),
        ] {
            let p = prepare(t, &Options::default()).expect("prepared").prepared;
            assert_eq!(p.references, want, "{t:?}");
        }
        let none = Options::default().with_normalization(Normalization::None);
        assert!(
            !prepare("&quot;", &none)
                .expect("prepared")
                .prepared
                .references
        );
    }

    #[test]
    fn nfc_stable_characters_are() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if is_nfc_stable(c) {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            }
        }
    }

    #[test]
    fn is_clean_is_what_cleaning_leaves_alone() {
        let parts = [
            "word", " ", "  ", "\t", "\n", "\r", "\u{7f}", "\u{85}", "\u{a0}", "\u{200b}",
            "\u{ad}", "“", "—", "‑", "é", "e\u{301}", "\u{301}", "日本", "x.", "12345678",
        ];
        let mut rng = crate::testgen::Rng::new(0x1234_5678);
        for round in 0..5_000 {
            let s = rng.text(&parts, round % 23);
            let unchanged = collapse(&s) == s;
            assert_eq!(
                is_clean(&s, Cleaning::any(Normalization::Nfc)),
                unchanged && is_nfc_quick(s.chars()) == IsNormalized::Yes,
                "{s:?}"
            );
            assert_eq!(
                is_clean(&s, Cleaning::any(Normalization::Nfkc)),
                unchanged && is_nfkc_quick(s.chars()) == IsNormalized::Yes,
                "{s:?}"
            );
            assert_eq!(
                is_clean(&s, Cleaning::any(Normalization::None)),
                unchanged,
                "{s:?}"
            );
        }
    }

    #[test]
    fn parts_of_clean_texts_clean_as_clean_does() {
        let parts = [
            "word",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{200b}",
            "“",
            "—",
            "‑",
            "é",
            "e\u{301}",
            "\u{301}",
            "\u{323}",
            "日本",
            "ﬁ",
            "x.",
            "\u{1100}\u{1161}",
            "\u{11a8}",
        ];
        let mut rng = crate::testgen::Rng::new(0x9a47_0f0c);
        let mut parts_checked = 0;
        for round in 0..5_000 {
            let s = rng.text(&parts, round % 17);
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            for form in [Normalization::Nfc, Normalization::Nfkc, Normalization::None] {
                let (whole, was_clean) = clean_noting(&s, Cleaning::any(form));
                assert_eq!(whole, clean(&s, form), "{s:?}");
                assert_eq!(was_clean, is_clean(&s, Cleaning::any(form)), "{s:?}");
                if !was_clean {
                    continue;
                }
                for _ in 0..8 {
                    let (a, b) = (
                        bounds[rng.below(bounds.len())],
                        bounds[rng.below(bounds.len())],
                    );
                    let part = &s[a.min(b)..a.max(b)];
                    let want = clean(part, form);
                    let got = clean_part_of_clean(part, Cleaning::any(form));
                    assert_eq!(got, want, "{part:?} of {s:?}");
                    assert_eq!(
                        matches!(got, Cow::Borrowed(_)),
                        matches!(want, Cow::Borrowed(_)),
                        "{part:?} of {s:?}"
                    );
                    parts_checked += 1;
                }
            }
        }
        assert!(parts_checked > 10_000, "{parts_checked} parts");
    }

    #[test]
    fn ascii_scan_is_a_byte_by_byte_test() {
        let plain = |t: &[u8]| {
            let control = |c: &u8| *c < 0x20 || *c == 0x7f;
            let clean = !t.iter().any(control) && !t.windows(2).any(|w| w == b"  ");
            (clean, t.is_ascii())
        };
        let bytes = [b'a', b' ', b'\t', 0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xff];
        let mut rng = crate::testgen::Rng::new(0x5ca7_a5c1);
        let mut clean = 0;
        for round in 0..40_000 {
            // Texts of every length up to four windows, of letters and spaces with one odd
            // byte in `odd` (from one in one to one in some 300), so that clean ones come
            // too.
            let odd = 1 + rng.below(3 * (round % 100) + 3);
            let t: Vec<u8> = (0..round % 130)
                .map(|_| match rng.below(odd) {
                    0 => bytes[rng.below(bytes.len())],
                    _ => [b'a', b'a', b'a', b'a', b'a', b'a', b'a', b' '][rng.below(8)],
                })
                .collect();
            assert_eq!(ascii_scan(&t), plain(&t), "{t:?}");
            clean += usize::from(ascii_scan(&t).0 && t.len() > SCAN_WINDOW);
        }
        assert!(clean > 1_000, "{clean} clean texts past a window");
    }

    /// The characters outside ASCII that [`for_each_unusual_char`] steps over by their bytes.
    const STEPPED: [std::ops::RangeInclusive<char>; 13] = [
        '\u{a1}'..='\u{ac}',
        '\u{ae}'..='\u{2ff}',
        '\u{400}'..='\u{47f}',
        '\u{1e00}'..='\u{1eff}',
        '\u{2010}'..='\u{2027}',
        '\u{2030}'..='\u{203f}',
        '\u{2500}'..='\u{25ff}',
        '\u{3001}'..='\u{3029}',
        '\u{3030}'..='\u{3096}',
        '\u{30a1}'..='\u{30fa}',
        '\u{4e00}'..='\u{9fff}',
        '\u{ac00}'..='\u{d7a3}',
        '\u{ff01}'..='\u{ffee}',
    ];

    /// The letters and signs that [`for_each_unusual_char`] steps over by their bytes are
    /// what every caller's `f` passes: NFC-stable, not blank, not invisible; and every
    /// other character outside ASCII of the blocks they lie in is handed to `f`.
    #[test]
    fn letters_stepped_over_are_stable_and_visible() {
        let ranges = STEPPED;
        let stepped = |c: char| ranges.iter().any(|r| r.contains(&c));
        for c in ('\u{80}'..='\u{47f}').chain('\u{1e00}'..='\u{ffff}') {
            if stepped(c) {
                continue;
            }
            let s = format!("a{c}b");
            let mut seen = Vec::new();
            for_each_unusual_char(&s, |ch, at| {
                seen.push((ch, at));
                true
            });
            assert_eq!(seen, [(c, 1)], "{c:?}");
        }
        for c in ranges.into_iter().flatten() {
            assert!(
                is_nfc_stable(c) && !c.is_whitespace() && !is_invisible(c),
                "{c:?}"
            );
            let s = format!("a{c}b");
            let mut seen = Vec::new();
            assert!(for_each_unusual_char(&s, |ch, _| {
                seen.push(ch);
                true
            }));
            assert!(seen.is_empty(), "{c:?}");
        }
    }

    /// [`for_each_unusual_char`] hands `f` the characters outside ASCII that it does not
    /// step over ([`STEPPED`]), at their offsets, in texts of runs of both kinds (East Asian
    /// runs stepped over at once, next to blanks, marks and characters of three bytes that
    /// are not stepped over), and stops where `f` says false.
    #[test]
    fn unusual_chars_are_those_not_stepped_over() {
        let parts = [
            "a",
            " ",
            "日本",
            "한국어",
            "│",
            "■",
            "。",
            "「",
            "\u{3000}",
            "ア",
            "ー",
            "ひ",
            "\u{3099}",
            "é",
            "—",
            "\u{301}",
            "Ω",
            "€",
            "ｱ",
            "\u{ffa0}",
            "\u{ffef}",
            "𝄞",
            "\u{4dff}",
            "\u{d7a4}",
            "\u{2600}",
            "\u{24ff}",
            "\u{302a}",
        ];
        let stepped = |c: char| STEPPED.iter().any(|r| r.contains(&c));
        let mut rng = crate::testgen::Rng::new(0x3a57_0c1e);
        let mut handed = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 13);
            let want: Vec<(char, usize)> = s
                .char_indices()
                .filter(|&(_, c)| !c.is_ascii() && !stepped(c))
                .map(|(at, c)| (c, at))
                .collect();
            let mut seen = Vec::new();
            assert!(for_each_unusual_char(&s, |ch, at| {
                seen.push((ch, at));
                true
            }));
            assert_eq!(seen, want, "{s:?}");
            handed += want.len();
            // Stopped at the first: only it is seen.
            let mut first = Vec::new();
            let all = for_each_unusual_char(&s, |ch, at| {
                first.push((ch, at));
                false
            });
            assert_eq!(all, want.is_empty(), "{s:?}");
            assert_eq!(first, want.get(..1).unwrap_or_default(), "{s:?}");
        }
        assert!(handed > 50_000, "{handed}");
    }

    /// [`NfcQuick`] fed the unstable characters that [`for_each_unusual_char`] finds says
    /// what the quick check of the whole text says: marks in and out of order, next to each
    /// other or apart (ASCII, stable letters, dashes between), characters whose own check is
    /// no or maybe.
    #[test]
    fn nfc_quick_of_the_unstable_characters_is_that_of_the_text() {
        const PIECES: &[&str] = &[
            "e\u{301}",
            "\u{301}",
            "\u{316}",
            "\u{301}\u{316}",
            "\u{316}\u{301}",
            "\u{300}",
            "\u{344}",
            "\u{212B}",
            "\u{1100}\u{1161}",
            "\u{1161}",
            "a",
            "s",
            " ",
            "é",
            "—",
            "’",
            "€",
            "ﬁ",
            "가",
            "Ω",
            "\u{5b0}\u{5b1}",
            "\u{5b1}\u{5b0}",
        ];
        let mut rng = crate::testgen::Rng::new(0x0c0f_fee5);
        let (mut yes, mut not) = (0, 0);
        for round in 0..20_000 {
            let s = rng.text(PIECES, 1 + round % 9);
            let mut nfc = NfcQuick::default();
            for_each_unusual_char(&s, |ch, at| {
                if !is_nfc_stable(ch) {
                    nfc.unstable(ch, at);
                }
                true
            });
            let want = is_nfc_quick(s.chars()) == IsNormalized::Yes;
            assert_eq!(nfc.is_yes(), want, "{s:?}");
            yes += usize::from(want);
            not += usize::from(!want);
        }
        assert!(yes > 1_000 && not > 1_000, "{yes} {not}");
    }

    #[test]
    fn nfc_stable_text_is_in_nfc_and_is_every_char_stable() {
        let parts = [
            "word ", "“", "—", "…", "é", "e\u{301}", "\u{301}", "日本", "Å", "\u{212b}", "ω",
            "\u{1e9b}", "ﬁ", "한",
        ];
        let mut rng = crate::testgen::Rng::new(0x2fc5_7ab1);
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 9);
            let stable = is_nfc_stable_text(&s);
            assert_eq!(stable, s.chars().all(is_nfc_stable), "{s:?}");
            if stable {
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{s:?}");
            }
        }
    }

    #[test]
    fn plain_words_len_is_the_run_of_single_spaced_words() {
        let bytes = [b'a', b'.', b' ', b' ', b'\n', b'\t', 0x7f, 0xc3];
        let mut rng = crate::testgen::Rng::new(0x9a1d_5ace);
        for round in 0..20_000 {
            let b: Vec<u8> = (0..round % 30)
                .map(|_| bytes[rng.below(bytes.len())])
                .collect();
            let plain = |c: u8| (0x21..0x7f).contains(&c);
            // Plain bytes, and spaces between two plain bytes.
            let want = (0..b.len())
                .position(|i| {
                    !(plain(b[i])
                        || (b[i] == b' '
                            && i > 0
                            && plain(b[i - 1])
                            && b.get(i + 1).is_some_and(|&c| plain(c))))
                })
                .unwrap_or(b.len());
            let want = if b.first().is_some_and(|&c| plain(c)) {
                want
            } else {
                0
            };
            assert_eq!(plain_words_len(&b), want, "{b:?}");
        }
    }

    #[test]
    fn collapse_is_collapse_by_chars() {
        let parts = [
            "word",
            "Longer-words.",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{7f}",
            "\u{1}",
            "\u{85}",
            "\u{a0}",
            "\u{200b}",
            "\u{ad}",
            "“",
            "—",
            "é",
            "日本",
            "~!",
            "0123456789",
        ];
        let mut rng = crate::testgen::Rng::new(0xc011_a95e);
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 19);
            assert_eq!(collapse(&s), collapse_by_chars(&s), "{s:?}");
        }
        let bytes: Vec<u8> = (0..=0x7f).collect();
        for (i, &c) in bytes.iter().enumerate() {
            let s = format!("abcdefgh{}ijklmnopq", char::from(c));
            assert_eq!(collapse(&s), collapse_by_chars(&s), "{i}");
            assert_eq!(
                plain_len(s.as_bytes()),
                if (0x21..0x7f).contains(&c) {
                    s.len()
                } else {
                    8
                }
            );
        }
    }

    #[test]
    fn tiny_ascii_is_clean_is_the_byte_test() {
        // Every text of up to five bytes from these, and texts of six to eight.
        let bytes = [b'a', b' ', b'\t', 0x1f, 0x7f, 0x21, 0x60, 0x80, 0xc3];
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|t| bytes.iter().map(move |&c| [t.as_slice(), &[c]].concat()))
                .collect();
            texts.extend(last.iter().cloned());
        }
        let mut rng = crate::testgen::Rng::new(0x7171_0808);
        for round in 0..30_000 {
            texts.push(
                (0..6 + round % 3)
                    .map(|_| bytes[rng.below(bytes.len())])
                    .collect(),
            );
        }
        for round in 0..30_000 {
            let t: Vec<u8> = (0..9 + round % 7)
                .map(|_| bytes[rng.below(bytes.len())])
                .collect();
            assert_eq!(
                small_ascii_is_clean(&t),
                tiny_ascii_is_clean_by_bytes(&t),
                "{t:?}"
            );
        }
        for round in 0..30_000 {
            let t: Vec<u8> = (0..16 + round % 49)
                .map(|_| bytes[rng.below(bytes.len())])
                .collect();
            assert_eq!(
                wide_short_ascii_is_clean(&t),
                tiny_ascii_is_clean_by_bytes(&t),
                "{t:?}"
            );
        }
        for t in &texts {
            assert_eq!(
                tiny_ascii_is_clean(t),
                tiny_ascii_is_clean_by_bytes(t),
                "{t:?}"
            );
            let mut w = [0u8; 8];
            w[..t.len()].copy_from_slice(t);
            assert_eq!(tiny_word(t), u64::from_le_bytes(w), "{t:?}");
        }
    }

    #[test]
    fn short_ascii_is_clean_is_is_clean_by_runs() {
        let parts = [
            "a", "Bc", " ", "  ", "\t", "\n", "\r", "\u{7f}", "\u{1}", "x.", "\"", "é",
        ];
        let mut rng = crate::testgen::Rng::new(0x5151_2020);
        let mut ascii = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 12);
            let by_runs = is_clean_by_runs(&s, Normalization::Nfc);
            match short_ascii_is_clean(s.as_bytes()) {
                Some(clean) => {
                    ascii += 1;
                    assert_eq!(clean, by_runs, "{s:?}");
                }
                None => assert!(!s.is_ascii(), "{s:?}"),
            }
            assert_eq!(
                is_clean(&s, Cleaning::any(Normalization::Nfc)),
                by_runs,
                "{s:?}"
            );
        }
        assert!(ascii > 5_000, "{ascii} ASCII texts");
    }

    #[test]
    fn clean_table() {
        let nfc = Normalization::Nfc;
        let table: &[(&str, &str)] = &[
            ("plain", "plain"),
            (" lead and trail ", "lead and trail"),
            ("a\u{a0}b", "a b"),
            ("a\r\nb", "a b"),
            ("hard\nwrapped\nline", "hard wrapped line"),
            ("zero\u{200b}width", "zerowidth"),
            ("ctrl\u{7}char", "ctrlchar"),
            ("\u{feff}bom", "bom"),
            ("cafe\u{301}", "café"),
            ("curly “quotes” stay", "curly “quotes” stay"),
        ];
        for (raw, want) in table {
            assert_eq!(clean(raw, nfc), *want, "cleaning {raw:?}");
        }
    }

    #[test]
    fn dashes_and_curly_quotes_are_clean_under_nfc_only() {
        for c in '\u{2010}'..='\u{2021}' {
            let s = format!("a{c}b");
            assert!(
                matches!(clean(&s, Normalization::Nfc), Cow::Borrowed(_)),
                "{c:?}"
            );
        }
        assert_eq!(clean("a\u{2011}b", Normalization::Nfkc), "a\u{2010}b");
        assert_eq!(clean("a\u{2011}b", Normalization::Nfc), "a\u{2011}b");
    }

    #[test]
    fn clean_borrows_when_unchanged() {
        assert!(matches!(
            clean("Moscow’s airstrikes", Normalization::Nfc),
            Cow::Borrowed(_)
        ));
        assert!(matches!(clean("a  b", Normalization::Nfc), Cow::Owned(_)));
    }

    #[test]
    fn clean_is_idempotent() {
        // "¨" and "´" fold to a space and a combining mark under NFKC (found while writing the
        // fuzz invariants: cleaning twice used to trim that space).
        for raw in [
            "a \u{a0} b\u{200b}c",
            "e\u{301}\n\nx",
            "ﬁ ligature",
            "¨",
            "a ¨",
            "¨ ´ x",
        ] {
            for form in [Normalization::Nfc, Normalization::Nfkc, Normalization::None] {
                let once = clean(raw, form).into_owned();
                assert_eq!(clean(&once, form), once);
            }
        }
    }

    #[test]
    fn nfkc_folds_ligatures() {
        assert_eq!(clean("ﬁne", Normalization::Nfkc), "fine");
        assert_eq!(clean("ﬁne", Normalization::Nfc), "ﬁne");
    }

    /// What [`sweep`] finds in `b`, found by searches of the whole text, one a find.
    fn found_by_whole_searches(b: &[u8], form: Normalization) -> Found {
        Found {
            odd_blank: memchr::memchr2_iter(0xC2, 0xE2, b).find(|&at| folded_at(b, at).is_some()),
            accent: (form != Normalization::None)
                .then(|| first_accent(b))
                .flatten(),
            ampersand: form != Normalization::None
                && references::ampersand_may_start_in(b, 0..b.len()),
        }
    }

    /// [`sweep`]'s one search for accents and ampersands together
    /// ([`accents_and_ampersands`]), and each alone once the other is found, find what two
    /// searches of the whole text find: random short texts of accents, `&`s that start a
    /// reference or not, and the Greek characters that share the accents' lead byte; and
    /// long texts with a few of these anywhere in three windows.
    #[test]
    fn sweep_searches_accents_and_ampersands_together_as_apart() {
        let parts = [
            "a", " ", "&", "&quot;", "AT&T", "e\u{301}", "\u{300}", "\u{36f}", "\u{370}",
            "\u{37e}", "\u{a0}",
        ];
        let mut rng = crate::testgen::Rng::new(0x5eed_ac75);
        for round in 0..20_000 {
            let text = rng.text(&parts, round % 12);
            let b = text.as_bytes();
            for form in [Normalization::Nfc, Normalization::None] {
                let found = sweep(b, form).unwrap();
                assert_eq!(found, found_by_whole_searches(b, form), "{text:?} {form:?}");
            }
        }
        let w = SWEEP_WINDOW;
        for _ in 0..300 {
            let mut text = "a".repeat(3 * w);
            for _ in 0..1 + rng.below(3) {
                let mut at = rng.below(3 * w);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.replace_range(at..at, parts[2 + rng.below(parts.len() - 3)]);
            }
            let b = text.as_bytes();
            let found = sweep(b, Normalization::Nfc).unwrap();
            assert_eq!(found, found_by_whole_searches(b, Normalization::Nfc));
        }
    }

    /// [`checked`], which tells a text that may hold no reference without a call, finds
    /// what the plain steps find (the first reference asked for whatever the sweep found,
    /// the earliest of the three finds): random texts of references, `&`s that start none,
    /// compatibility ampersands, odd blanks and accents, under every normalization.
    #[test]
    fn checked_is_the_plain_steps() {
        let parts = [
            "a",
            " ",
            "&",
            "&quot;",
            "AT&T",
            "&#x2003;",
            "\u{ff06}quot;",
            "e\u{301}",
            "\u{a0}",
            "\u{200b}",
        ];
        let mut rng = crate::testgen::Rng::new(0x5eed_c4ec);
        for round in 0..20_000 {
            let text = format!("x{}", rng.text(&parts, round % 10));
            for form in [Normalization::Nfc, Normalization::Nfkc, Normalization::None] {
                let options = Options::default().with_normalization(form);
                let found = sweep(text.as_bytes(), form).unwrap();
                let prepared = finish(&text, text.len()).unwrap();
                let got = checked(prepared, found, &options);
                let (syntax, reference) = references::first_reference(&text, form, found.ampersand);
                let odd_blank = [found.odd_blank, found.accent, reference]
                    .into_iter()
                    .flatten()
                    .min();
                assert_eq!(
                    (got.prepared.references, got.odd_blank, got.references),
                    (syntax, odd_blank, reference.is_some()),
                    "{text:?} {form:?}"
                );
            }
        }
    }

    /// The kept searches ([`kept_search`]) find what `memchr2` and `memchr3` find: random
    /// texts of up to 150 bytes (across the vector widths of the searches), with the needles
    /// dense or sparse, searched from every offset and one past the end.
    #[test]
    fn kept_searches_find_what_memchr_finds() {
        let (two, three) = (Search2::new(b'\n', b'\r'), Search3::new(0, 0xC2, 0xE2));
        let bytes = [b'\n', b'\r', 0, 0xC2, 0xE2, 0xA0, b' ', b'a'];
        let mut rng = crate::testgen::Rng::new(0x5eed_5ea3);
        let mut found = [0; 2];
        for round in 0..6_000 {
            let len = round % 150;
            let sparse = 1 + 40 * rng.below(2);
            let h: Vec<u8> = (0..len)
                .map(|_| match rng.below(sparse) {
                    0 => bytes[rng.below(bytes.len())],
                    _ => b'a',
                })
                .collect();
            for from in 0..=len + 1 {
                let rest = h.get(from..);
                let want = rest.and_then(|r| memchr::memchr2(b'\n', b'\r', r));
                assert_eq!(
                    two.find_from(&h, from),
                    want.map(|k| from + k),
                    "{h:?} {from}"
                );
                let want = rest.and_then(|r| memchr::memchr3(0, 0xC2, 0xE2, r));
                assert_eq!(
                    three.find_from(&h, from),
                    want.map(|k| from + k),
                    "{h:?} {from}"
                );
                found[usize::from(want.is_some())] += 1;
            }
        }
        assert!(found.iter().all(|&n| n > 10_000), "{found:?}");
    }

    #[test]
    fn sweep_finds_what_searches_of_the_whole_text_find() {
        let w = SWEEP_WINDOW;
        let whole = found_by_whole_searches;
        // Each find with its first byte just before a window's end, the rest in the next.
        for piece in ["\u{a0}", "\u{200b}", "e\u{301}", "&quot;", "x"] {
            for at in [0, w - 3, w - 2, w - 1, w, 2 * w - 1, 3 * w - 2] {
                let mut text = "a".repeat(3 * w);
                text.replace_range(at..at, piece);
                let b = text.as_bytes();
                for form in [Normalization::Nfc, Normalization::None] {
                    let found = sweep(b, form).unwrap();
                    assert_eq!(found, whole(b, form), "{piece:?} at {at}, {form:?}");
                    let any =
                        found.odd_blank.is_some() || found.accent.is_some() || found.ampersand;
                    assert_eq!(
                        any,
                        piece != "x"
                            && (form == Normalization::Nfc
                                || piece.contains('\u{a0}')
                                || piece.contains('\u{200b}')),
                        "{piece:?} at {at}, {form:?}"
                    );
                }
            }
        }
        // The first NUL byte, before or after the first odd blank, in its window or a later one.
        for (nbsp, nul) in [
            (5, 9),
            (5, 2 * w + 7),
            (2 * w + 7, 5),
            (w - 1, w + 1),
            (w + 3, w - 1),
        ] {
            let mut b = vec![b'a'; 3 * w];
            b[nbsp..nbsp + 2].copy_from_slice(&[0xC2, 0xA0]);
            b[nul] = 0;
            let err = sweep(&b, Normalization::Nfc).unwrap_err();
            assert_eq!(
                err.kind(),
                &ErrorKind::NulByte { offset: nul },
                "{nbsp} {nul}"
            );
        }
    }

    #[test]
    fn prepare_rejects_bad_input() {
        let o = Options::default();
        assert_eq!(prepare("", &o).unwrap_err().kind(), &ErrorKind::Empty);
        assert!(matches!(
            prepare(" \n\u{a0}\u{200b}", &o).unwrap_err().kind(),
            ErrorKind::WhitespaceOnly { .. }
        ));
        assert_eq!(
            prepare("ab\0c", &o).unwrap_err().kind(),
            &ErrorKind::NulByte { offset: 2 }
        );
        let small = Options::default().with_max_input_bytes(3);
        assert!(matches!(
            prepare("abcd", &small).unwrap_err().kind(),
            ErrorKind::TooLarge { len: 4, limit: 3 }
        ));
        let p = prepare("\u{feff}Hi", &o).unwrap();
        assert_eq!((p.prepared.text, p.prepared.base), ("Hi", 3));
    }

    /// What [`fold_blanks`] should do with `c`: the white space cleaning makes a space
    /// (but line breaks), the invisible characters it drops (but controls), among the
    /// characters of lead byte `C2` or `E2`.
    fn folds_to(c: char) -> Option<&'static str> {
        let mut lead = [0; 4];
        let lead = c.encode_utf8(&mut lead).as_bytes()[0];
        if !matches!(lead, 0xC2 | 0xE2) || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
            None
        } else if c.is_whitespace() {
            Some(" ")
        } else if is_invisible(c) && !c.is_control() {
            Some("")
        } else {
            None
        }
    }

    #[test]
    fn odd_blanks_are_those_cleaning_folds() {
        let o = Options::default();
        let mut folded = 0;
        for c in ('\u{80}'..='\u{2FFF}').filter(|c| c.len_utf8() > 1) {
            let text = format!("a{c}b");
            let want = folds_to(c);
            assert_eq!(
                folded_at(text.as_bytes(), 1),
                want.map(|w| (c.len_utf8(), w)),
                "{c:?}"
            );
            let prepared = prepare(&text, &o).unwrap();
            if matches!(c, '\u{300}'..='\u{36f}') {
                // A combining accent: composed with the letter before it, when NFC makes
                // at most three bytes of the two (U+0344 makes four).
                assert_eq!(prepared.odd_blank, Some(1), "{c:?}");
                let composed: String = format!("a{c}").nfc().collect();
                let want = if composed.len() <= 3 {
                    format!("{composed}b")
                } else {
                    text.clone()
                };
                let copy = fold_blanks(&prepared).map(|(copy, _)| copy);
                assert_eq!(copy, Some(want), "{c:?}");
                continue;
            }
            assert_eq!(prepared.odd_blank, want.map(|_| 1), "{c:?}");
            match fold_blanks(&prepared) {
                Some((copy, _)) => assert_eq!(Some(&copy[1..copy.len() - 1]), want),
                None => assert_eq!(want, None, "{c:?}"),
            }
            folded += usize::from(want.is_some());
        }
        // U+00A0, U+00AD, U+2000–U+200D, U+202F, U+205F, U+2060.
        assert_eq!(folded, 19);
    }

    #[test]
    fn folded_offsets_map_back_leaving_dropped_characters_out_of_span_ends() {
        let text = "a\u{200b}b\u{a0}c\u{ad}";
        let prepared = prepare(text, &Options::default()).unwrap();
        let (copy, map) = fold_blanks(&prepared).unwrap();
        assert_eq!(copy, "ab c");
        let at = |s, e| map.map_span(Span::new(s, e));
        assert_eq!(at(0, 1), Span::new(0, 1)); // "a", not the zero-width space after it
        assert_eq!(at(1, 2), Span::new(4, 5)); // "b", not the one before it
        assert_eq!(at(0, 2), Span::new(0, 5)); // both, and the one between them
        assert_eq!(at(2, 3), Span::new(5, 7)); // the no-break space
        assert_eq!(at(3, 4), Span::new(7, 8)); // "c", not the soft hyphen after it
        assert_eq!(at(4, 4), Span::new(10, 10)); // the end, past the soft hyphen
    }

    /// Decomposed letters are composed in the copy, each with the run of accents after it,
    /// and their spans map back to the letter and its accents whole; an accent with no
    /// letter before it, a run NFC makes no one character of three bytes or fewer, and any
    /// accent under a normalization that does not compose are left as they are.
    #[test]
    fn decomposed_letters_are_composed_in_the_copy() {
        let text = "Re\u{301}sume\u{301} \u{301}x \u{438}\u{306}\u{a0}e\u{323}\u{302}!";
        let prepared = prepare(text, &Options::default()).unwrap();
        assert!(prepared.accents);
        assert_eq!(prepared.odd_blank, Some(2));
        let (copy, map) = fold_blanks(&prepared).unwrap();
        assert_eq!(copy, "Résumé \u{301}x й ệ!");
        let at = |s: &str| {
            let start = copy.find(s).unwrap();
            let span = map.map_span(Span::new(start, start + s.len()));
            &text[span.start..span.end]
        };
        assert_eq!(at("é"), "e\u{301}");
        assert_eq!(at("Résumé"), "Re\u{301}sume\u{301}");
        assert_eq!(at("\u{301}x"), "\u{301}x");
        assert_eq!(at("й"), "\u{438}\u{306}");
        assert_eq!(at("ệ!"), "e\u{323}\u{302}!");
        // Four bytes of NFC ("ä" and an acute accent: U+0344 is the two), and a run of more
        // than seven bytes: as they are.
        for kept in ["a\u{344}", "e\u{301}\u{301}\u{301}\u{301}"] {
            let prepared = prepare(kept, &Options::default()).unwrap();
            assert_eq!(fold_blanks(&prepared).unwrap().0, kept);
        }
        let none = Options::default().with_normalization(Normalization::None);
        let prepared = prepare(text, &none).unwrap();
        assert!(!prepared.accents);
        assert_eq!(
            fold_blanks(&prepared).unwrap().0,
            text.replace('\u{a0}', " ")
        );
    }

    #[test]
    fn the_folded_copy_cleans_as_the_text_it_was_made_from() {
        let parts = [
            "a",
            "Bc",
            " ",
            "\n",
            "\u{a0}",
            "\u{200b}",
            "\u{200d}",
            "\u{ad}",
            "\u{2009}",
            "\u{202f}",
            "\u{2060}",
            "\u{205f}",
            "e\u{301}",
            "\u{301}",
            "\u{1e9b}",
            "“",
            ".",
            "\u{2028}",
            "\u{85}",
            "\u{feff}",
            "\u{3000}",
            "\u{1}",
            "\u{a8}",
            "’",
            "\u{323}",
            "\u{302}",
            "\u{438}\u{306}",
            "\u{3b9}\u{308}\u{301}",
            "A\u{303}\u{a9}",
            "\u{316}",
        ];
        let o = Options::default();
        let mut rng = crate::testgen::Rng::new(0xf01d_b1a5);
        let (mut folded, mut spans) = (0, 0);
        for round in 0..3_000 {
            let text = rng.text(&parts, 1 + round % 40);
            let Ok(prepared) = prepare(&text, &o) else {
                continue;
            };
            let want = text
                .chars()
                .any(|c| folds_to(c).is_some() || matches!(c, '\u{300}'..='\u{36f}'));
            let Some((copy, map)) = fold_blanks(&prepared) else {
                assert!(!want, "{text:?}");
                continue;
            };
            assert!(want, "{text:?}");
            assert!(!copy.chars().any(|c| folds_to(c).is_some()), "{copy:?}");
            folded += 1;
            let ends: Vec<usize> = (0..=copy.len())
                .filter(|&i| copy.is_char_boundary(i))
                .collect();
            for _ in 0..8 {
                let (a, b) = (ends[rng.below(ends.len())], ends[rng.below(ends.len())]);
                let span = Span::new(a.min(b), a.max(b));
                let at = map.map_span(span);
                let orig = &prepared.prepared.text[at.start..at.end];
                for form in [Normalization::Nfc, Normalization::Nfkc] {
                    assert_eq!(
                        clean(&copy[span.start..span.end], form),
                        clean(orig, form),
                        "{text:?} {span:?} {form:?}"
                    );
                }
                spans += 1;
            }
        }
        assert!(
            folded > 1_000 && spans > 8_000,
            "{folded} folded, {spans} spans"
        );
    }

    /// [`next_lead`] is the first `C2` or `E2` byte at or past the offset, found byte by
    /// byte, on random bytes with those and other high bytes at every place in either of
    /// the two words it tests and past them, from every offset; among them the bytes one
    /// bit away from `C2` or `E2` (`42`, `62`, `D2`, `F2`, `C0`, `E6`, …), which a test of
    /// the bytes with a bit more or less set would take for them.
    #[test]
    fn next_lead_is_the_first_lead_byte_by_bytes() {
        let bytes = [
            b'a', b' ', 0xC2, 0xE2, 0xC3, 0xE3, 0x82, 0xA0, 0x00, 0xFF, 0x42, 0x62, 0xD2, 0xF2,
            0xC0, 0xE6, 0xCA, 0xA2,
        ];
        let mut rng = crate::testgen::Rng::new(0x1ead_b7e5);
        let mut found = [0; 17];
        for round in 0..3_000 {
            let n = rng.below(if round % 10 == 0 { 80 } else { 24 });
            // Mostly plain bytes, so that a lead byte may be anywhere in a word or past it.
            let b: Vec<u8> = (0..n)
                .map(|_| match rng.below(8) {
                    0 => bytes[rng.below(bytes.len())],
                    k => bytes[k % 2],
                })
                .collect();
            for from in 0..=n {
                let want = (from..n).find(|&i| matches!(b[i], 0xC2 | 0xE2));
                assert_eq!(next_lead(&b, from), want, "from {from} in {b:?}");
                if let Some(i) = want.filter(|&i| i - from < 16 && from + 16 <= n) {
                    found[i - from] += 1;
                } else if want.is_some() {
                    found[16] += 1;
                }
            }
        }
        assert!(found.iter().all(|&k| k > 100), "{found:?}");
    }

    /// The folded copy is the text with each odd blank replaced, character by character,
    /// and its map takes the start of every character of the copy to that of the character
    /// it came from, on random text dense with odd blanks and with other characters of the
    /// same lead bytes.
    #[test]
    fn the_folded_copy_is_the_text_folded_by_characters() {
        let parts = [
            "a", "Bc", " ", "\u{a0}", "\u{200b}", "\u{ad}", "\u{2009}", "\u{2060}", "\u{205f}",
            "“", "—", "é", "\u{b7}", "\u{2028}", "wordy",
        ];
        let o = Options::default();
        let mut rng = crate::testgen::Rng::new(0xf01d_c4a2);
        let mut folded = 0;
        for round in 0..3_000 {
            let text = rng.text(&parts, 1 + round % 60);
            let Ok(prepared) = prepare(&text, &o) else {
                continue;
            };
            let Some((copy, map)) = fold_blanks(&prepared) else {
                assert!(!text.chars().any(|c| folds_to(c).is_some()), "{text:?}");
                continue;
            };
            assert_folded_by_characters(&text, &copy, &map);
            folded += 1;
        }
        assert!(folded > 2_000, "{folded}");
    }

    /// Asserts that `copy` is `text` folded character by character ([`folds_to`]) and that
    /// `map` maps the start of each character it holds back to the character's place.
    fn assert_folded_by_characters(text: &str, copy: &str, map: &OffsetMap) {
        let (mut want, mut starts) = (String::new(), Vec::new());
        for (i, c) in text.char_indices() {
            match folds_to(c) {
                Some(with) => {
                    if !with.is_empty() {
                        starts.push((want.len(), i));
                    }
                    want.push_str(with);
                }
                None => {
                    starts.push((want.len(), i));
                    want.push(c);
                }
            }
        }
        assert_eq!(copy, want, "{text:?}");
        for (at, orig) in starts {
            assert_eq!(map.map_start(at), orig, "{at} in {copy:?} of {text:?}");
        }
    }

    #[test]
    fn dense_folds_are_folds_by_characters() {
        // Gaps of every length around the block's (words of 1 to 21 bytes, accents and
        // curly quotes in them), odd blanks of each kind, runs of them.
        let parts = [
            "a",
            "Bc",
            " ",
            "\u{a0}",
            "\u{a0}",
            "\u{200b}",
            "\u{ad}",
            "\u{2009}",
            "\u{2060}",
            "\u{205f}",
            "“",
            "—",
            "é",
            "\u{2028}",
            "wordy",
            "fifteen letters",
            "sixteen letters!",
            "seventeen letters",
            "twenty-one characters",
        ];
        let o = Options::default();
        let mut rng = crate::testgen::Rng::new(0xde45_e0f1);
        let mut dense = 0;
        for round in 0..2_000 {
            let text = rng.text(&parts, 1 + round % 400);
            // The dense fold from the start, of any text.
            let (copy, map) = fold_dense(&text, String::new(), OffsetMap::for_len(text.len()), 0);
            assert_folded_by_characters(&text, &copy, &map);
            // The plain fold, which goes on densely past its first runs in a long text.
            let Ok(prepared) = prepare(&text, &o) else {
                continue;
            };
            if let Some((copy, map)) = fold_blanks(&prepared) {
                assert_folded_by_characters(&text, &copy, &map);
                // (Where the run after the first [`DENSE_EDITS`] starts, near where the fold
                // tells its text dense.)
                let switch = map.marks.get(DENSE_EDITS / BLOCK);
                dense += usize::from(switch.is_some_and(|&(_, orig)| is_dense(orig)));
            }
        }
        assert!(dense > 500, "{dense}");
    }

    #[test]
    fn the_first_nul_byte_is_found_before_and_after_odd_blanks() {
        let o = Options::default();
        let parts = ["a", " ", "\0", "\u{a0}", "“", "\u{200b}", "é", "\u{2014}"];
        let mut rng = crate::testgen::Rng::new(0x0b1a_4c00);
        for round in 0..3_000 {
            let text = rng.text(&parts, 1 + round % 30);
            let want_nul = text.find('\0');
            let want_odd = text.char_indices().find(|&(_, c)| folds_to(c).is_some());
            match prepare(&text, &o) {
                Err(e) => match e.kind() {
                    ErrorKind::NulByte { offset } => assert_eq!(Some(*offset), want_nul),
                    _ => assert!(text.chars().all(is_blank), "{text:?}"),
                },
                Ok(p) => {
                    assert_eq!(want_nul, None, "{text:?}");
                    assert_eq!(p.odd_blank, want_odd.map(|(i, _)| i), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn repair_maps_offsets_back() {
        let bytes = b"ab\xffcd\xe2\x80xyz";
        let (text, map, bad) = repair_utf8(bytes);
        assert_eq!(text, "ab\u{FFFD}cd\u{FFFD}xyz");
        assert_eq!(bad, vec![Span::new(2, 3), Span::new(5, 7)]);
        // "cd" is at 5..7 in the copy and 3..5 in the original.
        assert_eq!(map.map_span(Span::new(5, 7)), Span::new(3, 5));
        // "xyz" is at 10..13 in the copy and 7..10 in the original.
        assert_eq!(map.map_span(Span::new(10, 13)), Span::new(7, 10));
        assert_eq!(map.map(1), 1);
    }

    /// The repair as first written: a map point (offset in the copy just after a U+FFFD,
    /// offset in the original there) and a span for every replaced sequence.
    fn repair_by_points(bytes: &[u8]) -> (String, Vec<(usize, usize)>, Vec<Span>) {
        let (mut out, mut points, mut bad) = (String::new(), Vec::new(), Vec::new());
        let mut rest = bytes;
        let mut pos = 0;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    return (out, points, bad);
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    out.push_str(std::str::from_utf8(&rest[..good]).unwrap());
                    let bad_len = e.error_len().unwrap_or(rest.len() - good).max(1);
                    out.push('\u{FFFD}');
                    let end = pos + good + bad_len;
                    bad.push(Span::new(pos + good, end));
                    points.push((out.len(), end));
                    pos = end;
                    rest = &rest[good + bad_len..];
                }
            }
        }
    }

    /// The runs of replacements map every offset of the copy (mid-character ones too) as
    /// the points did, and the spans are the sequences' with touching ones joined, on
    /// random bytes of valid characters, lone and cut sequences, overlong forms and
    /// surrogates, alone and in runs.
    #[test]
    fn repair_runs_map_as_points_did() {
        let parts: [&[u8]; 12] = [
            b"a",
            b" ",
            "\u{e9}".as_bytes(),
            "\u{201c}".as_bytes(),
            b"\xff",
            b"\xfe\xfe",
            b"\xe2\x80",
            b"\xc0\xaf",
            b"\xed\xa0\x80",
            b"\x80",
            b"\xf0\x9f\x98",
            b"\n",
        ];
        let mut rng = crate::testgen::Rng::new(0x0ff5_e7a9);
        let mut longest_run = 0;
        for round in 0..3000 {
            let n = rng.below(if round % 10 == 0 { 200 } else { 20 });
            let bytes: Vec<u8> = (0..n)
                .flat_map(|_| parts[rng.below(parts.len())].iter().copied())
                .collect();
            let (text, map, bad) = repair_utf8(&bytes);
            let (want_text, points, sequences) = repair_by_points(&bytes);
            assert_eq!(text, want_text);
            for offset in 0..=text.len() {
                let i = points.partition_point(|&(copy, _)| copy <= offset);
                let want = i
                    .checked_sub(1)
                    .map_or(offset, |i| points[i].1 + (offset - points[i].0));
                assert_eq!(map.map(offset), want, "offset {offset} of {bytes:?}");
            }
            let mut joined: Vec<Span> = Vec::new();
            for s in sequences {
                match joined.last_mut() {
                    Some(last) if last.end == s.start => last.end = s.end,
                    _ => joined.push(s),
                }
            }
            assert_eq!(bad, joined, "{bytes:?}");
            longest_run = longest_run.max(map.counts().into_iter().max().unwrap_or(0));
        }
        assert!(longest_run > 3, "no run of replacements: {longest_run}");
    }

    /// `offset` in the original by `edits` (copy, original, length there, length in the
    /// copy) one at a time, in a walk from the first: the plain reference of the runs of an
    /// [`OffsetMap`]. The last edit that starts before `offset` (`at`: at or before it)
    /// places it; a deletion stands for the text after it.
    fn map_by_edits(edits: &[(usize, usize, usize, usize)], offset: usize, at: bool) -> usize {
        let mut mapped = offset;
        for &(copy, orig, len, copy_len) in edits {
            if copy > offset || (copy == offset && !at) {
                break;
            }
            let inside = offset - copy;
            if copy_len == 0 || inside >= copy_len {
                mapped = orig + len + (inside - copy_len);
            } else {
                mapped = orig + inside;
            }
        }
        mapped
    }

    /// The runs of a map, found from the marks by a walk, map every offset (mid-edit ones
    /// too) as the edits one at a time do, on random edits of every kind (folded blanks,
    /// dropped characters, replaced sequences), alone and in runs, with runs longer than a
    /// word holds and gaps longer than one puts before its run (where only the offsets
    /// near edits and a few others are checked).
    #[test]
    fn runs_map_as_single_edits_do() {
        const KINDS: [(usize, usize); 13] = [
            (2, 1),
            (3, 1),
            (2, 0),
            (3, 0),
            (1, 3),
            (2, 3),
            (3, 3),
            // Letters and accents composed.
            (3, 2),
            (4, 2),
            (5, 2),
            (5, 3),
            (6, 2),
            (7, 3),
        ];
        let mut rng = crate::testgen::Rng::new(0x0ed1_7a95);
        let (mut merged, mut long_runs, mut long_gaps) = (0, 0, 0);
        for round in 0..3_000 {
            let n = rng.below(if round % 10 == 0 { 150 } else { 12 });
            let (mut copy, mut orig) = (0, 0);
            let mut kind = KINDS[0];
            let mut edits = Vec::new();
            for _ in 0..n {
                // Often no gap and the same kind: a run; now and then a run too long for a
                // word, or a gap too long for one.
                let gap = match rng.below(60) {
                    0 if round % 50 == 0 => MAX_GAP * (1 + rng.below(3)) + rng.below(3),
                    1 => MAX_GAP - 1 + rng.below(3),
                    k => [0, 0, 0, 1, 2, 7, 40][k % 7],
                };
                if rng.below(3) == 0 {
                    kind = KINDS[rng.below(KINDS.len())];
                }
                let repeat = if rng.below(40) == 0 {
                    MAX_COUNT + rng.below(20)
                } else {
                    1
                };
                (copy, orig) = (copy + gap, orig + gap);
                for _ in 0..repeat {
                    edits.push((copy, orig, kind.0, kind.1));
                    (copy, orig) = (copy + kind.1, orig + kind.0);
                }
                long_gaps += usize::from(gap > MAX_GAP);
                long_runs += usize::from(repeat > MAX_COUNT);
            }
            let end = copy + 3;
            let mut map = OffsetMap::default();
            for &(c, o, len, copy_len) in &edits {
                map.push(c, o, len, copy_len);
            }
            let offsets: Vec<usize> = if end < 5_000 {
                (0..=end).collect()
            } else {
                let near = edits.iter().flat_map(|&(c, ..)| c.saturating_sub(3)..c + 6);
                let some = (0..200).map(|_| rng.below(end + 1));
                near.chain(some).chain([0, end]).collect()
            };
            for offset in offsets {
                for at in [false, true] {
                    let got = if at {
                        map.map_start(offset)
                    } else {
                        map.map(offset)
                    };
                    assert_eq!(
                        got,
                        map_by_edits(&edits, offset, at),
                        "offset {offset} at {at} of {edits:?}"
                    );
                }
            }
            let counts = map.counts();
            assert_eq!(counts.iter().sum::<usize>(), edits.len());
            merged += usize::from(counts.len() < edits.len());
        }
        assert!(
            merged > 1_000 && long_runs > 100 && long_gaps > 20,
            "{merged} merged, {long_runs} long runs, {long_gaps} long gaps"
        );
    }

    /// A map made for the length of its original ([`OffsetMap::for_len`]) holds what one
    /// grown by doubling holds, on random edits at an even rate, denser or sparser later,
    /// or in bursts; at an even rate its lists take at most half again the room they need
    /// (or 72 runs), where doubling may take twice, and never more than a run every two
    /// bytes of the original.
    #[test]
    fn a_map_made_for_its_length_holds_what_a_doubled_one_holds() {
        let mut rng = crate::testgen::Rng::new(0x5eed_0fa9);
        for round in 0..400 {
            let shape = round % 4;
            let n = 1 + rng.below(if round % 20 == 0 { 40_000 } else { 2_000 });
            let mut edits = Vec::new();
            let (mut copy, mut orig) = (0, 0);
            let gap = 1 + rng.below(12);
            for i in 0..n {
                let g = match shape {
                    0 => gap + rng.below(3),
                    1 if i < n / 2 => 1 + rng.below(2),
                    1 => gap * 20 + rng.below(3),
                    2 if i < n / 2 => gap * 20 + rng.below(3),
                    2 => 1,
                    _ => [1, 1, 1, 200][rng.below(4)],
                };
                let (len, copy_len) = [(2, 1), (3, 0)][rng.below(2)];
                (copy, orig) = (copy + g, orig + g);
                edits.push((copy, orig, len, copy_len));
                (copy, orig) = (copy + copy_len, orig + len);
            }
            let len = orig + rng.below(10);
            let (mut made, mut doubled) = (OffsetMap::for_len(len), OffsetMap::default());
            for &(c, o, l, cl) in &edits {
                made.push(c, o, l, cl);
                doubled.push(c, o, l, cl);
            }
            assert_eq!(made.runs, doubled.runs);
            assert_eq!(made.marks, doubled.marks);
            assert_eq!(made.end, doubled.end);
            let (runs, room) = (made.runs.len(), made.runs.capacity());
            assert!(
                room <= runs.max(len / 2 + 8 + 64),
                "{room} for {runs} in {len}"
            );
            if shape == 0 {
                assert!(room <= runs + runs / 2 + 72, "{room} for {runs} in {len}");
            }
        }
    }

    /// [`OffsetMap::marks_before`], which searches from the last lookup's answer, finds
    /// what a search of all the marks finds, and the lookups (which walk on from the run
    /// the last one landed on when they can, [`OffsetMap::landed`]) map as the edits one at
    /// a time do ([`map_by_edits`]), whatever the order of the lookups: forward (as the
    /// article's lists are mapped), backward, at random, in small steps either way (on the
    /// last one's run, in its block and the next), far from the last one and next to it,
    /// and past either end of the map.
    #[test]
    fn lookups_from_the_last_one_find_what_a_search_of_all_finds() {
        let mut rng = crate::testgen::Rng::new(0x41f7_c0de);
        for round in 0..200 {
            let mut map = OffsetMap::default();
            let (mut copy, mut orig) = (0, 0);
            let mut edits = Vec::new();
            // Edits of two kinds in turn, so that each is a run of its own and a mark
            // falls every [`BLOCK`] runs; from none to some thousands of marks.
            let n = [0, 1, 7, 8, 9, 100, 5_000][round % 7] + rng.below(20);
            for i in 0..n {
                let gap = 1 + rng.below(30);
                (copy, orig) = (copy + gap, orig + gap);
                let (len, copy_len) = if i % 2 == 0 { (2, 1) } else { (3, 0) };
                map.push(copy, orig, len, copy_len);
                edits.push((copy, orig, len, copy_len));
                (copy, orig) = (copy + copy_len, orig + len);
            }
            let end = copy + 40;
            let mut offsets: Vec<usize> = (0..300).map(|_| rng.below(end + 1)).collect();
            match round % 5 {
                0 => offsets.sort_unstable(),
                1 => offsets.sort_unstable_by(|a, b| b.cmp(a)),
                2 => offsets.extend([0, end, 0, end / 2, end / 2 + 1, end]),
                3 => {
                    // A walk in small steps, mostly forward, from anywhere.
                    let mut at = rng.below(end + 1);
                    for o in &mut offsets {
                        at = (at + rng.below(60)).saturating_sub(15).min(end);
                        *o = at;
                    }
                }
                _ => {}
            }
            for &offset in &offsets {
                for at in [false, true] {
                    let before = |c: usize| if at { c <= offset } else { c < offset };
                    let want = map.marks.partition_point(|&(c, _)| before(c));
                    assert_eq!(
                        map.marks_before(before),
                        want,
                        "{offset} {at}, round {round}"
                    );
                    let got = if at {
                        map.map_start(offset)
                    } else {
                        map.map(offset)
                    };
                    let want = map_by_edits(&edits, offset, at);
                    assert_eq!(got, want, "{offset} {at}, round {round}");
                }
            }
            // Spans between the offsets, some mapped twice in a row (the second from the
            // last span's answer, [`OffsetMap::last`]) and some sharing an end with the last
            // one, each against its ends mapped by the edits.
            for pair in offsets.windows(2) {
                let (a, b) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
                for span in [
                    Span::new(a, b),
                    Span::new(a, b),
                    Span::new(a, a),
                    Span::new(b, b),
                ] {
                    let start = map_by_edits(&edits, span.start, true);
                    let want = Span::new(start, map_by_edits(&edits, span.end, false).max(start));
                    assert_eq!(map.map_span(span), want, "{span:?}, round {round}");
                }
            }
        }
    }

    /// [`starts_on_text`] and [`ends_on_text`] hold only of texts whose first (last)
    /// character is not blank, and hold of every one that is printable ASCII or from
    /// U+200E to U+2027.
    #[test]
    fn text_ends_are_not_blank() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let one = c.to_string();
            let s = format!("{c}é{c}");
            let sure = (c.is_ascii_graphic()) || ('\u{200e}'..='\u{2027}').contains(&c);
            assert_eq!(starts_on_text(one.as_bytes()), sure, "{c:?}");
            assert_eq!(starts_on_text(s.as_bytes()), sure, "{c:?}");
            assert_eq!(ends_on_text(one.as_bytes()), sure, "{c:?}");
            assert_eq!(ends_on_text(s.as_bytes()), sure, "{c:?}");
            assert!(!sure || !is_blank(c), "{c:?}");
        }
        assert!(!starts_on_text(b"") && !ends_on_text(b""));
    }

    #[test]
    fn trim_span_trims_blank() {
        let t = "\u{a0} hi \u{200b}\n";
        let s = trim_span(t, Span::new(0, t.len()));
        assert_eq!(s.get(t), Some("hi"));
        assert!(trim_span("  ", Span::new(0, 2)).is_empty());
    }

    /// [`trim_span`] trims what `str::trim_matches(is_blank)` trims, on spans of every
    /// part of random texts whose ends are blanks of every kind, printable ASCII, or other
    /// characters (the ends it tells by their one character).
    #[test]
    fn trim_span_is_trim_matches_of_blanks() {
        let parts = [
            " ", "\t", "\n", "\u{a0}", "\u{200b}", "\u{200d}", "\u{feff}", "\u{ad}", "\u{85}",
            "\u{1}", "\u{3000}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{2060}", "\u{200e}",
            "\u{2027}", "a", "~", "é", "“", "”", "—", "…",
        ];
        let mut rng = crate::testgen::Rng::new(0x7e1a);
        for round in 0..5_000 {
            let text = rng.text(&parts, round % 6);
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let got = trim_span(&text, Span::new(start, end));
                    let part = &text[start..end];
                    let want = part.trim_matches(is_blank);
                    if want.is_empty() {
                        assert_eq!(got, Span::new(start, start), "{part:?}");
                    } else {
                        let lead = part.len() - part.trim_start_matches(is_blank).len();
                        let at = start + lead;
                        assert_eq!(got, Span::new(at, at + want.len()), "{part:?}");
                    }
                }
            }
        }
    }
    #[test]
    fn has_control_is_whether_control_runs_finds_one() {
        let parts = [
            "a", " ", "\0", "\x01", "\x08", "\t", "\n", "\r", "\x0e", "\x1f", "\x7f", "\u{80}",
            "\u{84}", "\u{85}", "\u{86}", "\u{9f}", "\u{a0}", "é", "Â", "—",
        ];
        let mut rng = crate::testgen::Rng::new(0xc0c0_c1c1);
        let mut with = 0;
        for round in 0..20_000 {
            let text = rng.text(&parts, round % 7);
            let by_scan = control_runs_in(text.as_bytes(), 0, Vec::new());
            let found = !by_scan.is_empty();
            assert_eq!(has_control(text.as_bytes()), found, "{text:?}");
            assert_eq!(control_runs(&text), by_scan, "{text:?}");
            with += usize::from(found);
        }
        assert!(with > 2_000 && with < 18_000, "{with}");
    }

    #[test]
    fn control_runs_of_parts_cut_at_other_characters_are_those_of_the_whole() {
        let parts = [
            "a", " ", "\x01", "\x7f", "\t", "\n", "\u{80}", "\u{85}", "\u{9f}", "\u{a0}", "é", "—",
        ];
        let mut rng = crate::testgen::Rng::new(0x0c0c_5e57);
        for round in 0..10_000 {
            let text = rng.text(&parts, round % 13);
            // Cut before and after characters that are no control characters, and pass over
            // those characters.
            let mut cuts: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| !c.is_control() && rng.below(3) == 0)
                .flat_map(|(i, c)| [i, i + c.len_utf8()])
                .collect();
            cuts.insert(0, 0);
            cuts.push(text.len());
            let mut runs = Vec::new();
            for pair in cuts.windows(2).step_by(2) {
                runs = push_control_runs(&text, Span::new(pair[0], pair[1]), runs);
            }
            assert_eq!(runs, control_runs(&text), "{text:?} cut at {cuts:?}");
        }
    }

    #[test]
    fn control_runs_find_dropped_controls_only() {
        let table: &[(&str, &[(usize, usize)])] = &[
            ("plain text\r\n\twith whitespace\x0b\x0c", &[]),
            ("a\x01\x02b", &[(1, 3)]),
            ("\x1b[0m text \x7f", &[(0, 1), (10, 11)]),
            ("c1 \u{85} is whitespace, \u{9c} is not", &[(21, 23)]),
            ("\u{80}\u{9f}\x1f", &[(0, 5)]),
            ("é and \u{a0} are text", &[]),
        ];
        for (text, want) in table {
            let got: Vec<(usize, usize)> = control_runs(text)
                .into_iter()
                .map(|s| (s.start, s.end))
                .collect();
            assert_eq!(&got, want, "{text:?}");
            for &(start, end) in *want {
                let run = &text[start..end];
                assert!(
                    run.chars().all(|c| c.is_control() && !c.is_whitespace()),
                    "{run:?}"
                );
            }
        }
    }
}
