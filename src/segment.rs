//! Stage 2: text → blocks.
//!
//! Lines are found eight bytes at a time, then with `memchr` (`\n`, `\r\n` and a lone `\r`
//! all end a line). Blank lines (only [`crate::normalize::is_blank`] characters) separate
//! groups. Inside a group each line
//! is its own block — the "one block per line" layout of web-text dumps — unless the lines
//! are a hard-wrapped paragraph, which is joined back into one block:
//!
//! * **wrapped text**: most lines that are followed by another line in their group have
//!   about the same length (the wrap width). A line is joined to the next when the next
//!   line's first word would not have fitted on it.
//! * **soft continuation**: in a group, a line that does not end a sentence joined to a
//!   next line that starts in lower case (in a text laid out in groups, or in a short
//!   one of a few lines; never in a long dump of one block a line).
//!
//! Block spans are trimmed of blank characters, so they start and end on text.

use crate::normalize::{ends_on_printable, holds_control, is_blank, trim_span, Search2};
use crate::span::Span;
use std::cell::Cell;
use std::sync::OnceLock;

/// Splits `text` into blocks: a paragraph, a heading, a line of junk each, trimmed, as
/// slices of `text` ([`Span::of_part`] tells where each lies). Linear in the text length.
///
/// The lines are read straight into blocks, one a line, and only then joined where they
/// are a wrapped paragraph, in place: no list of lines beside the blocks (a text of short
/// lines would pay for both).
pub(crate) fn segment(text: &str) -> Vec<&str> {
    segment_into(text, Vec::new()).blocks
}

/// The blocks of a text ([`segment`]) and what the rest of it holds.
#[derive(Debug)]
pub(crate) struct Segmented<'t> {
    /// The blocks, in order.
    pub blocks: Vec<&'t str>,
    /// No byte of the text outside the blocks is part of a control character that
    /// cleaning drops ([`crate::normalize::holds_control`]): the bytes between the blocks
    /// are line breaks and the blanks trimmed off lines, and these were all spaces, tabs
    /// and the like (as in most texts). The assemble stage then looks for control
    /// characters in the blocks alone. (False says nothing.)
    pub quiet_gaps: bool,
}

/// [`segment`], into `blocks` (emptied first): a list lent from one parse to the next
/// ([`crate::scratch`]), whose room is kept; and whether the text between the blocks is
/// free of control characters ([`Segmented::quiet_gaps`]).
pub(crate) fn segment_into<'t>(text: &'t str, blocks: Vec<&'t str>) -> Segmented<'t> {
    segment_as(text, blocks, false)
}

/// [`segment`] of text that is only body paragraphs ([`crate::Parser::quotes`]): a group of
/// lines is a hard-wrapped paragraph, or paragraphs one a line, never a web page's one block
/// a line, so a line that breaks off inside a clause goes on in the next line that starts
/// in lower case even where the text has a single group (which [`segment`] reads as a
/// page's lines), and the wrap width is told from two lines.
pub(crate) fn segment_body(text: &str) -> Vec<&str> {
    segment_as(text, Vec::new(), true).blocks
}

/// [`segment_into`], or [`segment_body`] when `body`.
fn segment_as<'t>(text: &'t str, mut blocks: Vec<&'t str>, body: bool) -> Segmented<'t> {
    blocks.clear();
    let Lines {
        mut blocks,
        mut inner,
        groups,
        quiet_gaps,
    } = lines(text, blocks);
    // Every line opens a group (the usual layout): nothing to join.
    if groups < blocks.len() {
        let layout = if body {
            Layout::Body
        } else if groups <= 1 && blocks.len() <= SHORT_TEXT_LINES {
            Layout::Short
        } else if groups >= 2 && (groups - 1) * 5 >= blocks.len() {
            Layout::Groups
        } else {
            Layout::Dump
        };
        let counter = LineCounter::new(text);
        // A short text's headline stays apart, and the wrap width is told from the lines
        // of the paragraph under it alone: a headline longer than them gave a width that
        // its lines fell short of.
        let (headed, width) = if layout == Layout::Short {
            short_text(&counter, &blocks, &mut inner)
        } else {
            (false, wrap_width(&mut inner, layout.min_wrap_lines()))
        };
        // With neither a wrap width nor soft joins no line joins ([`joins`]): the lines are
        // the blocks, as a one-block-per-line dump's are.
        if width.is_some() || layout != Layout::Dump {
            join_lines(&counter, &mut blocks, width, layout, headed);
        }
    }
    // The list lives through every later stage: its spare room (what [`lines`] made room
    // for beyond the lines it found, which for prose is most of it, and more where lines
    // were joined) is given back when it is large (a copy would cost more than it frees in
    // a short text), and when the list is too large to be kept for the next parse anyway
    // (a lent list's room, at most [`crate::scratch::MAX_KEPT_BYTES`], stays for the next).
    if blocks.capacity() - blocks.len() >= MIN_SPARE_BLOCKS
        && blocks.capacity() * std::mem::size_of::<&str>() > crate::scratch::MAX_KEPT_BYTES
    {
        blocks.shrink_to_fit();
    }
    if inner.capacity() > 0 {
        give_back_widths(inner);
    }
    // (Joined lines take in the bytes between them: what lies outside the blocks is a part
    // of what lay outside the lines.)
    Segmented { blocks, quiet_gaps }
}

thread_local! {
    /// The list of [`Lines::inner`], kept on the thread from one text to the next, empty:
    /// made fresh, it grew by doubling from four widths, some 2.5 allocations a web page.
    static INNER: Cell<Vec<usize>> = const { Cell::new(Vec::new()) };
}

/// The thread's kept list for [`Lines::inner`] ([`INNER`]), taken out (empty), or a fresh
/// one when it is gone with the thread. Asked for at a text's first inner width, and out
/// of line: most short texts (a quote paragraph of one line) have none, and taking the list
/// and giving it back for every text cost a quote paragraph some 25 instructions.
#[inline(never)]
fn kept_widths() -> Vec<usize> {
    crate::scratch::take_list(&INNER)
}

/// Gives `inner` back to the thread ([`INNER`]) for the next text, emptied, or frees it
/// when it is over [`crate::scratch::MAX_KEPT_BYTES`].
#[inline(never)]
fn give_back_widths(inner: Vec<usize>) {
    crate::scratch::give_back_list(&INNER, inner);
}

/// The spare room, in blocks, that [`segment`] gives back: some 100 KB.
const MIN_SPARE_BLOCKS: usize = 4096;

/// What [`lines`] finds.
struct Lines<'t> {
    /// A block for each non-blank line: the line, trimmed. (Whether a blank line comes
    /// before it is not kept: [`join_lines`], which alone asks, tells it from the bytes
    /// between the lines, [`gap_between`]. A flag beside each slice would make the list,
    /// which lives through every later stage, half as large again.)
    blocks: Vec<&'t str>,
    /// The lengths in characters of the lines followed by another line of their group, but
    /// for those shorter than [`MIN_WRAP_WIDTH`]: what [`wrap_width`] looks at.
    inner: Vec<usize>,
    /// How many blocks open a group (follow a blank line or the start of the text).
    groups: usize,
    /// The blanks trimmed off the lines, and the blank lines, hold no control character
    /// ([`Segmented::quiet_gaps`]).
    quiet_gaps: bool,
}

/// How the lines of a text may join ([`joins`]), told by [`segment_as`] from its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// A page's dump of one block a line (lines, and few blank lines between them): only
    /// the lines of a wrapped paragraph join, by the wrap width.
    Dump,
    /// Groups parted by blank lines: a group's lines can also be one paragraph broken by
    /// hand (soft continuation: a line that ends inside a clause, a next one in lower case).
    Groups,
    /// A short text of one group ([`SHORT_TEXT_LINES`]): a paragraph or two hard-wrapped,
    /// or a headline over them. Its first line may stay apart as a headline ([`heads`]);
    /// the rest is read as [`Layout::Body`] is (a wrap width told from two lines, and a
    /// long line that ends no sentence going on in the next), but for a byline under the
    /// headline.
    Short,
    /// Body paragraphs only ([`segment_body`]): a long line that ends no sentence goes on,
    /// and a wrap width is told from two lines.
    Body,
}

impl Layout {
    /// The fewest lines followed by another of their group that [`wrap_width`] tells a
    /// width from: three in a page, where two lines of a length are often chance; two in
    /// a short text or body text, which may be a paragraph wrapped in three lines.
    fn min_wrap_lines(self) -> usize {
        match self {
            Layout::Body | Layout::Short => 2,
            Layout::Dump | Layout::Groups => 3,
        }
    }
}

/// The most lines of a text with no blank line that [`segment`] reads as a short text (a
/// wrapped paragraph or two, maybe under a headline: [`Layout::Short`]), not as a page's dump
/// of one block a line, where such joins are wrong: a page has dozens of lines. (Short
/// texts of one group read as a dump gave the first line of a paragraph wrapped in two
/// as the headline; joins in every one-group text cost the structure eval's one-block-a-
/// line pages body F1 0.937 → 0.910.)
const SHORT_TEXT_LINES: usize = 6;

/// The shortest line that [`wrap_width`] counts as a wrapped line.
const MIN_WRAP_WIDTH: usize = 30;

/// Counts the characters of a text's lines, a run of blanks counting one
/// ([`chars_sans_slack`]), where the text may hold such runs: told once, at the first line
/// counted, by two searches of the whole text (for two spaces, and for a tab). A text with
/// neither (most) has its lines' characters counted alone: the slack count of every line
/// cost the web pages 1.8 instructions a byte, where the two searches cost 0.3 (and a text
/// of 1 MB with no such run, read to its end, 0.8).
struct LineCounter<'t> {
    text: &'t str,
    /// Whether `text` holds two spaces or a tab; `None` until asked.
    spaced: Cell<Option<bool>>,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text,
            spaced: Cell::new(None),
        }
    }

    /// [`chars_sans_slack`] of `line`, a line of the counter's text.
    fn chars(&self, line: &str) -> usize {
        let spaced = self.spaced.get().unwrap_or_else(|| {
            let b = self.text.as_bytes();
            let spaced =
                crate::lex::two_spaces().find(b).is_some() || memchr::memchr(b'\t', b).is_some();
            self.spaced.set(Some(spaced));
            spaced
        });
        if spaced {
            chars_sans_slack(line)
        } else {
            char_count(line)
        }
    }
}

/// Characters (code points) in the line `s`, a run of blanks counting one (the slack
/// bytes, [`crate::lex::slack_bytes`], left out). A line's length counted so is the one a
/// wrapper gave it, whether the text's spaces were doubled after it was wrapped or not:
/// counted with every blank, the lines of a text wrapped and then double-spaced are as
/// long as their words are many, and the lines of long words fell short of the wrap width
/// (of the quote paragraphs wrapped at 72 columns, then double-spaced, 555 parsed
/// otherwise than on one line, where 325 do wrapped alone). std counts the characters a
/// word of bytes at a time, and the slack is counted a word at a time too.
fn chars_sans_slack(s: &str) -> usize {
    char_count(s) - crate::lex::slack_bytes(s.as_bytes(), 0, s.len())
}

/// The characters of `s` (`s.chars().count()`): its bytes but the continuation bytes
/// (`0x80` to `0xBF`), which are counted 64 bytes at a step into a byte's count (a loop
/// the compiler makes a vector one, some 0.4 instructions a byte), then eight at a step,
/// then the last few bytes as one word. (std's count, a word at a step with its ends
/// aligned a byte at a time, cost the lines of the web pages some 240 instructions each,
/// most of [`LineCounter::chars`].)
fn char_count(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each continuation byte of `w` (high bit set, the next bit clear).
    let continuation = |w: u64| w & !(w << 1) & HIGH;
    let b = s.as_bytes();
    let mut n = 0;
    let mut chunks = b.chunks_exact(64);
    for chunk in &mut chunks {
        // (At most 64: no overflow of the byte.)
        let mut k = 0u8;
        for &c in chunk {
            k += u8::from((c as i8) < -64);
        }
        n += usize::from(k);
    }
    let mut words = chunks.remainder().chunks_exact(8);
    // Each byte of `lanes` counts the continuation bytes of its place in the words: at
    // most 8, so that one multiplication adds them up in the top byte.
    let mut lanes = 0u64;
    for w in &mut words {
        lanes += continuation(word_at(w, 0)) >> 7;
    }
    lanes += continuation(crate::fasthash::le_word(words.remainder())) >> 7;
    let n = n + (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    b.len() - n
}

/// The most sentence ends of a line ([`stops_before_space`]) that [`joins`] counts as a
/// character more in its length against the wrap width: a wrapper that puts two spaces
/// after a sentence's end counts them both, where [`chars_sans_slack`] counts one. (Told
/// from the stops rather than from the text's spaces, a line's length is the same whether
/// its spaces are single, doubled after the wrapping, or doubled after its stops only.)
const MAX_WRAPPER_STOPS: usize = 2;

/// The sentence ends of `line` followed by a space (`. `, `? `, `! `), counted up to
/// [`MAX_WRAPPER_STOPS`].
fn stops_before_space(line: &str) -> usize {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'.', b'?', b'!', b)
        .filter(|&i| b.get(i + 1) == Some(&b' '))
        .take(MAX_WRAPPER_STOPS)
        .count()
}

/// Where the first line of `rest` ends (`\n` or `\r`), how many `\n` and `\r` bytes
/// follow from there (at least one), and whether they hold an empty line ([`run_is_gap`]):
/// the line's end and the empty lines after it, found together. The first eight bytes are
/// looked at together ([`other_than_breaks`]): a short line (a text of one-word blocks)
/// ends there, most often with its run of breaks, and a vector search costs more to set up
/// than the few bytes it would look at. Longer lines are searched by `memchr`.
// (Inlined into the loop of [`lines`].)
#[inline(always)]
fn line_end(rest: &[u8]) -> Option<(usize, usize, bool)> {
    let Some(&word) = rest.first_chunk::<8>() else {
        let at = rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
        return Some(run_at(rest, at));
    };
    let word = u64::from_le_bytes(word);
    let other = other_than_breaks(word);
    // The first byte that is a break: the lowest byte without its high bit in `other`.
    let at = ((!other & HIGH).trailing_zeros() / 8) as usize;
    if at == 8 {
        let at = break_past_eight(rest)?;
        return Some(run_at(rest, at));
    }
    // The bytes from the break on, moved down to the bottom of the word: the bytes shifted
    // in at the top read as breaks, and are only counted when the run reaches them.
    match other >> (8 * at) {
        0 => Some(with_gap(rest, at, 8 - at + line_breaks_len(&rest[8..]))),
        other => {
            // The run ends inside the word: its first two bytes are there too.
            let breaks = (other.trailing_zeros() / 8) as usize;
            Some((at, breaks, run_is_gap(breaks, (word >> (8 * at)) as u16)))
        }
    }
}

/// The offset in `rest` of the first line break (`\n` or `\r`) past the eight bytes
/// [`line_end`] looks at first: in the next [`SSE2_BYTES`] by memchr's SSE2 searcher, which
/// needs no set-up kept (SSE2 is a baseline feature of the target: built at each call, and
/// inlined here, it is one vector test of the bytes), then past them by a search set up
/// once ([`crate::normalize::Search2`]; the web pages 85.10 → 84.95 instructions a byte
/// against `memchr::memchr2`), with AVX2, which costs some 21 instructions more than the
/// test of the next bytes where it finds the break there (the next sixteen bytes end 23,680
/// of the web pages' 41,450 lines that reach here: 77.90 → 77.67 instructions a byte). (The
/// SSE2 searcher for the whole rest cost the texts of long lines more: seed variants +0.25,
/// quote paragraphs +0.25, web pages only −0.05. A word test of the next sixteen bytes in a
/// loop, with the lowest byte below 0x0E, cost more than the search it saved: web pages
/// +0.15.) Out of line: inlined into the loop of [`lines`] it saved more (web pages 84.70)
/// but cost every line of the one-word-block shapes 2 instructions more (+0.33 and +0.36 a
/// byte).
#[inline(never)]
fn break_past_eight(rest: &[u8]) -> Option<usize> {
    static SEARCH: OnceLock<Search2> = OnceLock::new();
    #[cfg(target_arch = "x86_64")]
    if let (Some(sse2), Some(next)) = (
        memchr::arch::x86_64::sse2::memchr::Two::new(b'\n', b'\r'),
        rest.get(8..8 + SSE2_BYTES),
    ) {
        if let Some(k) = sse2.find(next) {
            return Some(8 + k);
        }
        return SEARCH
            .get_or_init(|| Search2::new(b'\n', b'\r'))
            .find_from(rest, 8 + SSE2_BYTES);
    }
    SEARCH
        .get_or_init(|| Search2::new(b'\n', b'\r'))
        .find_from(rest, 8)
}

/// The bytes after the first eight that [`break_past_eight`] looks at first: one SSE2
/// vector.
const SSE2_BYTES: usize = 16;

/// [`line_end`] of a line that ends in the eight bytes `word` (the first of the text from
/// the line on, as a little-endian word) in the usual way alone: by one `\n` or by two (a
/// blank line after it), with a byte that is no control byte after them in the word. `None`
/// for any other word, which [`line_end`] reads. Told with fewer steps than [`line_end`]'s
/// exact test of every byte ([`other_than_breaks`]): the lowest byte below 0x0E, which a
/// break is (borrows may mark bytes above it too, never one below), and the two after it.
#[inline(always)]
fn short_line_in_word(word: u64) -> Option<(usize, usize, bool)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = word.wrapping_sub(0x0e * ONES) & !word & HIGH;
    if low == 0 {
        return None;
    }
    let at = (low.trailing_zeros() / 8) as usize;
    // The bytes from the break on (zeros shifted in at the top: control bytes).
    let run = word >> (8 * at);
    let byte = |k: u32| (run >> (8 * k)) as u8;
    if byte(0) != b'\n' {
        return None;
    }
    if byte(1) >= 0x0e {
        return Some((at, 1, false));
    }
    (byte(1) == b'\n' && byte(2) >= 0x0e).then_some((at, 2, true))
}

/// Reads on from `rest` the lines that end in their first eight bytes in the usual way
/// ([`short_line_in_word`]) and start and end on printable ASCII, pushing each onto `blocks`
/// as [`lines`] does (`gap`: a blank line or the text's start comes before the line;
/// `groups`: the lines that open a group), and stops at the first line that is not such a
/// line, is empty, or follows a line of [`MIN_WRAP_WIDTH`] bytes or more in its group (whose
/// characters [`lines`] counts), leaving `rest` at that line; or when `blocks` is full, and
/// then returns true, for the caller to make room and call again (a push that may grow the
/// list is a call, around which the loop's state would be kept on the stack). A loop with
/// no call in it, for the texts that start with such lines (all of a text of one-word
/// blocks): the loop of [`lines`] took 91 instructions a line there.
#[inline(never)]
fn short_lines<'t>(
    rest: &mut &'t str,
    blocks: &mut Vec<&'t str>,
    gap: &mut bool,
    groups: &mut usize,
) -> bool {
    let (mut r, mut g, mut n) = (*rest, *gap, *groups);
    let mut full = false;
    loop {
        if blocks.len() == blocks.capacity() {
            full = true;
            break;
        }
        let Some(&word) = r.as_bytes().first_chunk::<8>() else {
            break;
        };
        let Some((at @ 1.., breaks, gap_after)) = short_line_in_word(u64::from_le_bytes(word))
        else {
            break;
        };
        let Some((line, after)) = r.split_at_checked(at) else {
            break;
        };
        let Some(after) = after.get(breaks..) else {
            break;
        };
        if !ends_on_printable(line, Span::new(0, line.len()))
            || !g
                && blocks
                    .last()
                    .is_some_and(|prev| prev.len() >= MIN_WRAP_WIDTH)
        {
            break;
        }
        n += usize::from(g);
        blocks.push(line);
        g = gap_after;
        r = after;
    }
    (*rest, *gap, *groups) = (r, g, n);
    full
}

/// Whether `b` starts with a line that [`short_lines`] reads ([`short_line_in_word`]).
#[inline(always)]
fn starts_short(b: &[u8]) -> bool {
    b.first_chunk::<8>()
        .is_some_and(|&w| short_line_in_word(u64::from_le_bytes(w)).is_some())
}

/// `(at, breaks)` and whether the run of `breaks` breaks at `at` in `rest` holds an empty
/// line ([`run_is_gap`]).
fn with_gap(rest: &[u8], at: usize, breaks: usize) -> (usize, usize, bool) {
    let byte = |i: usize| u16::from(rest.get(i).copied().unwrap_or(0));
    (at, breaks, run_is_gap(breaks, byte(at) | byte(at + 1) << 8))
}

/// True when a run of `breaks` line breaks (`\n` and `\r` bytes) whose first two bytes are
/// `pair` (the first in the low byte) holds an empty line: more than two breaks, or two
/// that are not one `\r\n`.
fn run_is_gap(breaks: usize, pair: u16) -> bool {
    breaks > 2 || breaks == 2 && pair != u16::from_le_bytes(*b"\r\n")
}

/// `(at, breaks, gap)` of the run of line breaks at `at` in `rest`, which holds one: how
/// many `\n` and `\r` bytes follow from `at` on, and whether they hold an empty line
/// ([`run_is_gap`]), told together byte by byte for the usual runs. One break (a line that
/// ends a line) holds none, two (a blank line between paragraphs) hold one unless they are
/// a `\r\n`, and longer runs, counted eight bytes a step, always do. (Counted first and
/// then tested as any run, with the run's first two bytes read again, the break of a line
/// longer than eight bytes cost some 17 instructions more.)
fn run_at(rest: &[u8], at: usize) -> (usize, usize, bool) {
    let is_break = |i: usize| matches!(rest.get(i), Some(b'\n' | b'\r'));
    if !is_break(at + 1) {
        (at, 1, false)
    } else if !is_break(at + 2) {
        (at, 2, rest.get(at..at + 2) != Some(b"\r\n"))
    } else {
        let more = line_breaks_len(rest.get(at + 3..).unwrap_or_default());
        (at, 3 + more, true)
    }
}

/// The length of the run of `\n` and `\r` bytes that starts `b`: empty lines, however
/// they end (`\n`, `\r\n` or a lone `\r`). Eight bytes are looked at a step.
fn line_breaks_len(b: &[u8]) -> usize {
    // Sixteen bytes a step while they are all breaks (a long run of empty lines), then
    // eight to find where the run ends.
    let mut n = 0;
    for c in b.chunks_exact(16) {
        let (lo, hi) = (word_at(c, 0), word_at(c, 8));
        if !(all_breaks(lo) & all_breaks(hi)) {
            break;
        }
        n += 16;
    }
    let mut chunks = b[n..].chunks_exact(8);
    for c in &mut chunks {
        let w = word_at(c, 0);
        if !all_breaks(w) {
            return n + (other_than_breaks(w).trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + chunks
        .remainder()
        .iter()
        .position(|&c| c != b'\n' && c != b'\r')
        .unwrap_or(chunks.remainder().len())
}

/// The eight bytes of `c` from `at` on as a little-endian word (`c` holds them).
fn word_at(c: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&c[at..at + 8]);
    u64::from_le_bytes(w)
}

/// True when every byte of `w` is `\n` or `\r` (what the loop of [`line_breaks_len`] asks
/// of each word, in fewer steps than [`other_than_breaks`]). A byte's xor with `\n` is 0
/// for `\n` and 7 for `\r`: no bit above the low three, and the low three plus one has
/// neither of the bits 1 and 2 (no carry leaves a byte: at most 7 + 1).
fn all_breaks(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let y = w ^ (u64::from(b'\n') * ONES);
    (y & (0xf8 * ONES)) | (((y & (0x07 * ONES)) + ONES) & (0x06 * ONES)) == 0
}

/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that is neither `\n` nor `\r`, and no other bit.
fn other_than_breaks(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The high bit of each nonzero byte of `x`, exactly: the low seven bits are carried
    // into the high bit, with no carry from one byte to the next.
    let nonzero = |x: u64| (((x & !HIGH) + !HIGH) | x) & HIGH;
    nonzero(w ^ (u64::from(b'\n') * ONES)) & nonzero(w ^ (u64::from(b'\r') * ONES))
}

/// The bytes of text per block that [`lines`] makes room for at once: fewer than most
/// texts have (a web dump of one block a line has a non-blank line per 40 to 60 bytes,
/// prose one per hundreds), so that the list seldom grows.
const BYTES_PER_BLOCK: usize = 32;

/// The most blocks [`lines`] makes room for at once (1.5 MB of room, for a text of 2 MB):
/// the list of a longer text grows as it needs, so that a text of one huge line (or few)
/// does not have room for millions of blocks reserved, which the heap counts whether or not
/// the pages are touched.
const MAX_FIRST_BLOCKS: usize = 1 << 16;

/// The non-blank lines of `text`, trimmed, each a block of one line, in the room of
/// `blocks` (empty: a list lent from one text to the next), and their inner widths in the
/// thread's kept list ([`kept_widths`]), taken at the first.
fn lines<'t>(text: &'t str, mut blocks: Vec<&'t str>) -> Lines<'t> {
    // Room for a block per BYTES_PER_BLOCK bytes from the start, rather than growing by
    // doubling (a copy of the list at each step); [`segment`] gives back what is left over
    // when it is large. (`blocks` comes empty, with the room it kept.)
    blocks.reserve((text.len() / BYTES_PER_BLOCK + 1).min(MAX_FIRST_BLOCKS));
    let mut out = Lines {
        blocks,
        inner: Vec::new(),
        groups: 0,
        quiet_gaps: true,
    };
    // (A local of its own, written only out of line, by [`trim_line`]: a field of `out`
    // tested in the loop cost each line of a text of one-word blocks 8 instructions.)
    let mut quiet_gaps = true;
    let counter = LineCounter::new(text);
    // The text from the line on. (Lines are cut from what is left of the text, not from
    // the text at their offsets: a line and the rest after its breaks are two tests of a
    // character boundary, where the offsets took four, with the text's start and end and
    // the line's kept in the loop; the loop came to 99 instructions a line of distinct
    // one-word blocks from 111, the web pages' segmenting 13.44M → 12.44M.)
    let mut rest = text;
    let mut gap = true;
    // The short lines that start the text (all of a text of one-word blocks), read by a
    // loop of their own ([`short_lines`]), which stops when the list is full for it to
    // grow. (Called only when the first line is one: a text of one paragraph paid some 80
    // instructions for the call.)
    if starts_short(rest.as_bytes()) {
        while short_lines(&mut rest, &mut out.blocks, &mut gap, &mut out.groups) {
            out.blocks.reserve(1);
        }
    }
    loop {
        // The line, and the rest of the text past the line's break and any empty lines
        // after it, which mark a gap (a `\r\n` is one break); none after the last line.
        let (line, after, gap_after) = match line_end(rest.as_bytes()) {
            Some((at, breaks, gap)) => {
                // (A line's break is ASCII, on a character boundary on both sides.)
                let (line, after) = rest.split_at_checked(at).unwrap_or((rest, ""));
                (line, after.get(breaks..), gap)
            }
            None => (rest, None, false),
        };
        // An empty line (at the start of the text) needs no trimming, nor does one that
        // starts and ends on printable ASCII (most), told from the line's slice with no test
        // of bounds. (Where it was told from the eight bytes [`line_end`] read, for a line
        // that ended among them, and from the text at the line's offsets for a longer one,
        // the loop took 9 instructions more a line of distinct one-word blocks.)
        let line = if line.is_empty() || ends_on_printable(line, Span::new(0, line.len())) {
            line
        } else {
            trim_line(line, &mut quiet_gaps)
        };
        if line.is_empty() {
            gap = true;
        } else {
            if gap {
                out.groups += 1;
            } else if let Some(prev) = out.blocks.last() {
                // The line before goes on in this line: an inner line of its group. It has
                // no more characters than bytes, so a short one is not counted.
                if prev.len() >= MIN_WRAP_WIDTH {
                    let n = counter.chars(prev);
                    if n >= MIN_WRAP_WIDTH {
                        if out.inner.capacity() == 0 {
                            out.inner = kept_widths();
                        }
                        out.inner.push(n);
                    }
                }
            }
            out.blocks.push(line);
            gap = false;
        }
        gap |= gap_after;
        match after {
            Some(after) => rest = after,
            None => break,
        }
    }
    out.quiet_gaps = quiet_gaps;
    out
}

/// The line `line` trimmed ([`trim_span`]; empty when it is blank), where it does not
/// start and end on printable ASCII ([`ends_on_printable`]); clears `quiet` when the blanks
/// trimmed off it (the whole line when it is blank) hold a control character that cleaning drops
/// ([`crate::normalize::holds_control`]; such characters are blank), which then lies
/// between blocks. Out of line: most lines start and end on printable ASCII.
#[inline(never)]
fn trim_line<'t>(line: &'t str, quiet: &mut bool) -> &'t str {
    let whole = Span::new(0, line.len());
    let span = trim_span(line, whole);
    let bytes = line.as_bytes();
    if span != whole {
        *quiet &= !(holds_control(&bytes[..span.start]) || holds_control(&bytes[span.end..]));
    }
    span.get(line).unwrap_or_default()
}

/// The wrap width of hard-wrapped text, or `None` when the lines are not wrapped.
///
/// `inner` holds the lengths of the lines that are followed by another line of their group
/// ([`Lines::inner`]): in wrapped text most of them are nearly as long as the longest of
/// them. `None` too for fewer than `min_lines` ([`Layout::min_wrap_lines`]).
fn wrap_width(inner: &mut [usize], min_lines: usize) -> Option<usize> {
    if inner.len() < min_lines {
        return None;
    }
    inner.sort_unstable();
    let width = inner[(inner.len() * 9) / 10 - usize::from(inner.len() * 9 % 10 == 0)];
    if width > 160 {
        return None;
    }
    let near = inner.iter().filter(|&&n| n + 25 >= width).count();
    (near * 10 >= inner.len() * 7).then_some(width)
}

/// Joins each line of `blocks` (one block a line) that goes on from the line before onto
/// that line's block ([`joins`]), moving the blocks that stay down over the joined ones.
fn join_lines<'t>(
    counter: &LineCounter<'t>,
    blocks: &mut Vec<&'t str>,
    width: Option<usize>,
    layout: Layout,
    headed: bool,
) {
    let text = counter.text;
    let mut kept: usize = 0;
    // The line before, as it was read.
    let mut prev: Option<Span> = None;
    // The span of the block kept last, and whether lines were joined onto it: its slice is
    // then cut anew, once, when it is done.
    let mut last = Span::default();
    let mut joined = false;
    for i in 0..blocks.len() {
        let line = blocks[i];
        let span = Span::of_part(text, line).unwrap_or_default();
        // A short text's headline ([`heads`]) stays apart from the line under it.
        let join = !(headed && i == 1)
            && prev.is_some_and(|p| {
                !gap_between(text, p, span) && joins(counter, p, span, width, layout)
            });
        if join {
            last.end = span.end;
            joined = true;
        } else {
            close_joined(text, blocks, kept, last, joined);
            blocks[kept] = line;
            kept += 1;
            (last, joined) = (span, false);
        }
        prev = Some(span);
    }
    close_joined(text, blocks, kept, last, joined);
    blocks.truncate(kept);
}

/// Whether a short text's first line stays apart from the rest as a headline
/// ([`heads`]), and its wrap width: told from the lines under a headline alone, or else
/// from `inner` ([`Lines::inner`]) as in any text. Out of line: few texts are short texts
/// of more than one line.
#[inline(never)]
fn short_text(
    counter: &LineCounter<'_>,
    lines: &[&str],
    inner: &mut [usize],
) -> (bool, Option<usize>) {
    // The lines' lengths, each counted once (a short text has at most
    // [`SHORT_TEXT_LINES`]).
    let mut lens = [0; SHORT_TEXT_LINES];
    for (len, line) in lens.iter_mut().zip(lines) {
        *len = counter.chars(line);
    }
    let lens = &lens[..lines.len().min(SHORT_TEXT_LINES)];
    if !heads(lines, lens) {
        return (false, wrap_width(inner, Layout::Short.min_wrap_lines()));
    }
    let mut widths = [0; SHORT_TEXT_LINES];
    let mut n = 0;
    for &len in &lens[1..lens.len() - 1] {
        if len >= MIN_WRAP_WIDTH {
            widths[n] = len;
            n += 1;
        }
    }
    (
        true,
        wrap_width(&mut widths[..n], Layout::Short.min_wrap_lines()),
    )
}

/// Whether the first line of a short text's lines `lines` (of `lens` characters,
/// [`LineCounter::chars`]) stays apart from the second as
/// a headline over it: the second starts a sentence (a capital, maybe after an opening
/// quotation mark), the first ends no clause midway (no comma, no function word), and the
/// first is in title case, or is no wrapped line by the lengths of the lines after it
/// ([`FirstLine::Apart`]), or holds no break between clauses ([`holds_clause_break`]) and
/// is no wrapped line that ends with a name going on in the next ([`ends_in_capital`]).
///
/// Measured on short texts made of a headline of the structure eval's `dev` pages over a
/// quote paragraph wrapped at 72 columns (4,660 of at most 6 lines), and on the quote
/// paragraphs wrapped alone (5,756): read right, 3,484 and 5,467 by the guard before this
/// (a second line starting with a capital, and no comma or stop in the first), 4,231 and
/// 5,606 now. (A wrapped first line that ends with a lower-case word stays apart too:
/// let join, such lines cost 247 headlines for 34 paragraphs.)
fn heads(lines: &[&str], lens: &[usize]) -> bool {
    let (Some(&first), Some(&second)) = (lines.first(), lines.get(1)) else {
        return false;
    };
    let opens = second
        .trim_start_matches(['"', '\'', '“', '‘', '«', '„', '(', '['])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let end = first.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    if !opens || end.ends_with([',', ';']) || ends_in_function_word(first) {
        return false;
    }
    let reading = first_line(lines, lens);
    title_case(first)
        || reading == FirstLine::Apart
        || (!holds_clause_break(first)
            && (reading != FirstLine::Wrapped || !ends_in_capital(first)))
}

/// Whether `line` holds a comma, a semicolon or a stop before a blank: a break between
/// clauses, which a headline seldom holds ("Node.js" and "U.S.-Israeli" hold none).
fn holds_clause_break(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr3_iter(b',', b';', b'.', b)
        .any(|i| b[i] != b'.' || b.get(i + 1).is_none_or(|&c| crate::lex::is_run_blank(c)))
}

/// Whether the last word of `line` starts with a capital: with a capitalized next line, a
/// name broken across the lines ("… a New York Times report that Donald" / "Trump had
/// …"), when the line is wrapped.
fn ends_in_capital(line: &str) -> bool {
    let last = line.rsplit(is_blank).next().unwrap_or_default();
    last.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// What the lengths of a short text's lines tell of its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstLine {
    /// No wrapped line: a later line is longer than it and the next line's first word
    /// together (a wrapper would have put the word on it), or it is longer than the later
    /// lines that are followed by another (a wrapper gives no line more than its width).
    Apart,
    /// A wrapped line: no more than 2 characters shorter than the longest later line
    /// followed by another, nor more than 8 longer, with no room left for the next line's
    /// first word (the test of [`joins`]). (A line shorter than them, however much room it left, is not told
    /// wrapped: so told, 70 of the headlines over a wrapped paragraph were lost for 17
    /// broken names.)
    Wrapped,
    /// Neither told (a text of two lines whose second is no longer than the first).
    Unknown,
}

/// [`FirstLine`] of the short text of `lines` (two or more, of `lens` characters).
fn first_line(lines: &[&str], lens: &[usize]) -> FirstLine {
    let first = lens[0] + stops_before_space(lines[0]);
    let next_word = first_word_chars(lines[1]);
    let longest_later = lens[1..].iter().copied().max().unwrap_or(0);
    // The later lines followed by another.
    let inner = lens[1..lens.len() - 1].iter().copied().max();
    if longest_later > first + 1 + next_word + 2 || inner.is_some_and(|w| first > w + 8) {
        return FirstLine::Apart;
    }
    match inner {
        Some(width) if first + 2 >= width && first + 1 + next_word > width.saturating_sub(2) => {
            FirstLine::Wrapped
        }
        _ => FirstLine::Unknown,
    }
}

/// Whether `line` is in title case: of its words of four letters or more, at least three,
/// and all but one in five, start with a capital.
fn title_case(line: &str) -> bool {
    let (mut long, mut capital) = (0, 0);
    for word in line.split(is_blank) {
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if word.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            capital += usize::from(word.chars().next().is_some_and(char::is_uppercase));
        }
    }
    long >= 3 && capital * 5 >= long * 4
}

/// True when `line` ends with a word that ends no headline nor sentence: an article, a
/// preposition, a conjunction or a pronoun that the next line's words must follow ("… a
/// fact-check on" / "Donald Trump's claim …"), which only a line broken inside a sentence
/// ends with.
fn ends_in_function_word(line: &str) -> bool {
    const WORDS: [&str; 24] = [
        "a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "but", "that", "with", "by",
        "at", "from", "as", "his", "her", "their", "its", "is", "was", "said",
    ];
    let last = line.rsplit(is_blank).next().unwrap_or_default();
    WORDS.contains(&last)
}

/// Cuts the slice of the block kept last (`kept` blocks are kept) at its span `last` when
/// lines were `joined` onto it.
fn close_joined<'t>(text: &'t str, blocks: &mut [&'t str], kept: usize, last: Span, joined: bool) {
    if let Some(block) = kept.checked_sub(1).and_then(|i| blocks.get_mut(i)) {
        if joined {
            *block = last.get(text).unwrap_or(*block);
        }
    }
}

/// True when a blank line lies between the line `before` and the next non-blank line
/// `after`, as [`lines`] reads them: the bytes between the two (blank characters and line
/// breaks only) hold two line ends or more, a `\r\n` counting as one — a run of breaks
/// that holds an empty line ([`run_is_gap`]), or a line of blank characters between two
/// breaks.
fn gap_between(text: &str, before: Span, after: Span) -> bool {
    let between = text
        .as_bytes()
        .get(before.end..after.start)
        .unwrap_or_default();
    // (Most often a line's one break: told without a loop.)
    if let [_] | [] = between {
        return false;
    }
    let mut ends = 0;
    let mut after_cr = false;
    for &b in between {
        if b == b'\r' || b == b'\n' && !after_cr {
            ends += 1;
        }
        after_cr = b == b'\r';
    }
    ends >= 2
}

/// Characters in the first word of `s`.
fn first_word_chars(s: &str) -> usize {
    s.chars().take_while(|&c| !is_blank(c)).count()
}

/// True when `s` ends a sentence: with a full stop, `!`, `?`, `:`, `;` or `…` (or their
/// full-width forms), maybe followed by closing quotation marks and brackets. Most lines
/// end on an ASCII byte that is none of the closers: the byte answers alone, without the
/// decoding and matching of characters from the end ([`ends_sentence_by_chars`]).
fn ends_sentence(s: &str) -> bool {
    match s.as_bytes().last() {
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')' | b']') => {
            matches!(b, b'.' | b'!' | b'?' | b':' | b';')
        }
        _ => ends_sentence_by_chars(s),
    }
}

/// [`ends_sentence`] character by character: the closers trimmed, then the last character.
fn ends_sentence_by_chars(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '」', '』', '）']);
    trimmed.ends_with(['.', '!', '?', ':', '…', ';', '。', '！', '？'])
}

/// True when the first word of `s` has more than `n` characters: [`first_word_chars`]
/// that stops counting past `n`.
fn first_word_longer_than(s: &str, n: usize) -> bool {
    s.chars().take_while(|&c| !is_blank(c)).take(n + 1).count() > n
}

/// Should the line `next` be joined onto the block that ends with the line `prev`?
///
/// By the wrap width when there is one, then by the rules of the text's `layout`: none in
/// a page's dump, whose lines are never one paragraph broken by hand.
fn joins(
    counter: &LineCounter<'_>,
    prev: Span,
    next: Span,
    width: Option<usize>,
    layout: Layout,
) -> bool {
    let text = counter.text;
    let prev_text = &text[prev.start..prev.end];
    let next_text = &text[next.start..next.end];
    // A line of unspaced script (Chinese, Japanese) that ends a sentence is not wrapped.
    if ends_sentence(prev_text) && first_word_longer_than(next_text, 20) {
        return false;
    }
    if let Some(width) = width {
        // The wrapper would have put the next word on this line had it fitted (had it
        // put two spaces after each stop, the line was longer by a character a stop).
        let prev_chars = counter.chars(prev_text);
        let wrapped_len = prev_chars + stops_before_space(prev_text);
        if wrapped_len + 1 + first_word_chars(next_text) > width.saturating_sub(2)
            && prev_chars * 10 >= width * 6
        {
            return true;
        }
    }
    // A sentence broken in the middle: the line ends inside a clause (a lower-case word or
    // a comma) and the next goes on in lower case — but not with "by", which opens a byline
    // under a headline.
    let starts_lower = || next_text.chars().next().is_some_and(char::is_lowercase);
    let mid_clause = || {
        prev_text
            .chars()
            .next_back()
            .is_some_and(|c| c.is_lowercase() || c == ',')
    };
    // The next line's first word in lower case, compared without collecting it (a String
    // per line pair).
    let first_word = || {
        next_text
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
    };
    let byline = || {
        ["by", "par", "por", "von", "di"]
            .iter()
            .any(|b| first_word().eq(b.chars()))
    };
    // A line of 40 characters or more (one of fewer than 40 bytes has fewer: not counted).
    let long = || prev_text.len() >= 40 && counter.chars(prev_text) >= 40;
    // In body text, and in a short text under its headline if it has one, a long line that
    // ends no sentence goes on in the next whatever its first letter (a name, a quotation
    // mark): a heading is shorter, and body text has no byline (a short text's may follow
    // its headline). (In a short text only lines that went on in lower case, or after a
    // function word, joined: of the quote paragraphs wrapped at 72 columns, those whose
    // second line started with a capital or a quotation mark fell apart.)
    if layout == Layout::Body {
        return !ends_sentence(prev_text) && long();
    }
    if layout == Layout::Short {
        return !ends_sentence(prev_text) && long() && !byline();
    }
    layout != Layout::Dump && starts_lower() && mid_clause() && long() && !byline()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs of random words and sentences, each wrapped greedily at `width`
    /// characters, `after_stop` spaces after a sentence's end counted in the width as the
    /// wrapper writes them; paragraphs parted by a blank line.
    fn wrapped_paragraphs(
        rng: &mut crate::testgen::Rng,
        width: usize,
        after_stop: usize,
    ) -> String {
        const WORDS: [&str; 12] = [
            "the",
            "council",
            "said",
            "a",
            "budget",
            "would",
            "be",
            "approved",
            "on",
            "Thursday",
            "residents",
            "neighbourhood",
        ];
        let mut out = Vec::new();
        for _ in 0..6 {
            let mut lines = vec![String::new()];
            let mut gap = 0;
            for w in 0..40 + rng.below(40) {
                let mut word = rng.pick(&WORDS).to_string();
                let stop = w % 9 == 8 || rng.below(7) == 0;
                if stop {
                    word.push('.');
                }
                let line = lines.last_mut().unwrap();
                if !line.is_empty() && line.chars().count() + gap + word.len() > width {
                    lines.push(word);
                } else {
                    line.push_str(&" ".repeat(if line.is_empty() { 0 } else { gap }));
                    line.push_str(&word);
                }
                gap = if stop { after_stop } else { 1 };
            }
            out.push(lines.join("\n"));
        }
        out.join("\n\n")
    }

    /// A block's text with each run of blanks one space.
    fn spaced(block: &str) -> String {
        block.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_text_double_spaced_after_wrapping_joins_as_it_does_single_spaced() {
        let mut rng = crate::testgen::Rng::new(0xd0b1_e5ac);
        for round in 0..40 {
            let text = wrapped_paragraphs(&mut rng, 60 + round % 20, 1);
            let want: Vec<String> = segment(&text).into_iter().map(spaced).collect();
            assert_eq!(want.len(), 6, "{text}");
            for doubled in [text.replace(' ', "  "), text.replace(' ', " \t")] {
                let got: Vec<String> = segment(&doubled).into_iter().map(spaced).collect();
                assert_eq!(got, want, "{doubled}");
            }
        }
    }

    #[test]
    fn a_text_wrapped_with_two_spaces_after_each_sentence_joins() {
        let mut rng = crate::testgen::Rng::new(0x2_5ace);
        for round in 0..40 {
            let text = wrapped_paragraphs(&mut rng, 60 + round % 20, 2);
            let blocks = segment(&text);
            assert_eq!(blocks.len(), 6, "{text}");
            assert!(blocks.iter().all(|b| b.contains("  ")), "{text}");
        }
    }

    #[test]
    fn ends_sentence_by_the_last_byte_agrees_with_the_characters() {
        let parts = [
            "word", ".", "!", "?", ":", ";", "…", "。", "！", "？", "\"", "'", "”", "’", ")", "]",
            "»", "」", "』", "）", ",", " ", "é", "-",
        ];
        let mut rng = crate::testgen::Rng::new(0x5e17_e9ce);
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 6);
            assert_eq!(ends_sentence(&s), ends_sentence_by_chars(&s), "{s:?}");
        }
    }

    #[test]
    fn first_word_longer_than_counts_characters() {
        for s in ["", "a", "abc def", "東京都庁舎の", "ab\u{a0}cd", "ééé"] {
            for n in 0..8 {
                assert_eq!(
                    first_word_longer_than(s, n),
                    first_word_chars(s) > n,
                    "{s:?} {n}"
                );
            }
        }
    }

    /// [`char_count`] is `chars().count()`, on random texts of every length up to some
    /// 200 bytes, of characters of one to four bytes.
    #[test]
    fn char_count_is_the_count_of_chars() {
        let parts = [
            "a",
            " ",
            "\u{e9}",
            "\u{201c}",
            "\u{1f600}",
            "\u{7f}",
            "\u{bf}",
        ];
        let mut rng = crate::testgen::Rng::new(0x11ee_b8ec);
        for round in 0..20_000 {
            let text = rng.text(&parts, round % 150);
            assert_eq!(char_count(&text), text.chars().count(), "{text:?}");
        }
    }

    #[test]
    fn line_end_finds_the_first_break_and_its_run() {
        let bytes = [
            b'a', b'\n', b'\r', b'\n', b'\n', 0x0b, 0x8a, 0x8d, 0xff, 0x00, b'\t', 0x0e,
        ];
        let mut rng = crate::testgen::Rng::new(0x11ee_b8ea);
        for round in 0..40_000 {
            let s: Vec<u8> = (0..round % 24)
                .map(|_| bytes[rng.below(bytes.len())])
                .collect();
            let want = s.iter().position(|&b| b == b'\n' || b == b'\r').map(|at| {
                let run = s[at..]
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                let gap = run > 2 || run == 2 && s[at..at + 2] != *b"\r\n";
                (at, run, gap)
            });
            assert_eq!(line_end(&s), want, "{s:?}");
        }
    }

    /// [`break_past_eight`] is the first break from the eighth byte on, found byte by byte:
    /// random texts of letters, bytes outside ASCII, control bytes and few breaks, of every
    /// length to 56 bytes, with the break in the first sixteen bytes it looks at, past them,
    /// or nowhere.
    #[test]
    fn break_past_eight_is_the_first_break_from_the_eighth_byte() {
        let bytes = [
            b'a', b'a', b'a', b'a', b'a', b'a', b' ', b'\n', b'\r', 0x00, 0x09, 0x0b, 0x0c, 0x0e,
            0x8a, 0x8d, 0xff,
        ];
        let mut rng = crate::testgen::Rng::new(0xb7ea_c8e8);
        let mut found = [0usize; 3];
        for round in 0..100_000 {
            let s: Vec<u8> = (0..round % 57)
                .map(|_| bytes[rng.below(bytes.len())])
                .collect();
            let want = s
                .iter()
                .skip(8)
                .position(|&b| b == b'\n' || b == b'\r')
                .map(|k| 8 + k);
            found[want.map_or(2, |at| usize::from(at >= 8 + SSE2_BYTES))] += 1;
            assert_eq!(break_past_eight(&s), want, "{s:?}");
        }
        assert!(found.iter().all(|&n| n > 5_000), "{found:?}");
    }

    /// [`short_line_in_word`], where it answers, is [`line_end`] of the word, and it answers
    /// for the usual ends: random words of breaks, the bytes below and about 0x0E, and
    /// letters.
    #[test]
    fn short_line_in_word_is_line_end() {
        let bytes = [
            b'a', b'a', b'\n', b'\n', b'\r', 0x00, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x8a, 0xff,
        ];
        let mut rng = crate::testgen::Rng::new(0x5407_71e5);
        let mut answered = 0;
        for _ in 0..200_000 {
            let w: [u8; 8] = std::array::from_fn(|_| bytes[rng.below(bytes.len())]);
            if let Some(found) = short_line_in_word(u64::from_le_bytes(w)) {
                answered += 1;
                assert_eq!(Some(found), line_end(&w), "{w:?}");
            }
            // The usual ends: a `\n` or two, a letter after them, in every place.
            let at = rng.below(6);
            let breaks = 1 + rng.below(2);
            let mut u = *b"abcdefgh";
            u[at..at + breaks].fill(b'\n');
            let found = short_line_in_word(u64::from_le_bytes(u));
            assert_eq!(found, line_end(&u), "{u:?}");
            assert!(found.is_some(), "{u:?}");
        }
        assert!(answered > 10_000, "{answered}");
    }

    /// [`run_at`] is the run of breaks counted byte by byte, tested as any run
    /// ([`with_gap`]): random bytes, mostly breaks, from every break on.
    #[test]
    fn run_at_is_the_counted_run_and_its_gap() {
        let bytes = [b'\n', b'\r', b'\n', b'\r', b'a', 0x8a, 0x8d, 0x0b];
        let mut rng = crate::testgen::Rng::new(0x4a7e_5eed);
        let mut runs = [0usize; 4];
        for round in 0..40_000 {
            let s: Vec<u8> = (0..1 + round % 30)
                .map(|_| bytes[rng.below(bytes.len())])
                .collect();
            for at in 0..s.len() {
                if s[at] != b'\n' && s[at] != b'\r' {
                    continue;
                }
                let run = s[at..]
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                runs[run.min(3)] += 1;
                assert_eq!(run_at(&s, at), with_gap(&s, at, run), "{s:?} at {at}");
            }
        }
        // Runs of one, two and more breaks were all met.
        assert!(runs[1..].iter().all(|&n| n > 1000), "{runs:?}");
    }

    #[test]
    fn all_breaks_is_no_other_byte() {
        // Every byte in every place, among breaks.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = *b"\n\r\n\n\r\r\n\r";
                w[at] = b;
                let w = u64::from_le_bytes(w);
                assert_eq!(all_breaks(w), other_than_breaks(w) == 0, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn line_breaks_len_is_the_run_of_breaks() {
        let breaks = [b'\n', b'\r'];
        let others = [b'a', b' ', 0x8a, 0x8d, 0x0b, 0x0c, 0x2a, 0x2d];
        let mut rng = crate::testgen::Rng::new(0xb1a4_c0de);
        for round in 0..20_000 {
            // Runs of breaks of every length, other bytes now and then.
            let s: Vec<u8> = (0..round % 40)
                .map(|_| match rng.below(12) {
                    0 => others[rng.below(others.len())],
                    _ => breaks[rng.below(2)],
                })
                .collect();
            let want = s
                .iter()
                .position(|&b| b != b'\n' && b != b'\r')
                .unwrap_or(s.len());
            assert_eq!(line_breaks_len(&s), want, "{s:?}");
        }
    }

    #[test]
    fn lines_count_groups_and_inner_widths() {
        let long = "x".repeat(35);
        let wide = "é".repeat(20);
        let text = format!("{long}\n{long}\nshort\n\n{wide}\nend\n\n\n{long}");
        let found = lines(&text, Vec::new());
        assert_eq!(found.blocks.len(), 6);
        assert_eq!(found.groups, 3);
        // The last line of a group is not inner; "é" x 20 is 40 bytes but 20 characters.
        assert_eq!(found.inner, [35, 35]);
        let spans: Vec<Span> = found
            .blocks
            .iter()
            .map(|b| Span::of_part(&text, b).unwrap_or_default())
            .collect();
        let gaps: Vec<bool> = spans
            .windows(2)
            .map(|w| gap_between(&text, w[0], w[1]))
            .collect();
        assert_eq!(gaps, [false, false, true, false, true]);
    }

    #[test]
    fn no_line_joins_without_a_width_or_soft_joins() {
        // What segment relies on to leave such lines as they are read.
        let parts = [
            "word",
            " ",
            "a",
            "by",
            "The",
            "end.",
            ",",
            "é",
            "町議会は",
            "”",
            "\n",
            "\u{a0}",
        ];
        let mut rng = crate::testgen::Rng::new(0x501f);
        for round in 0..5_000 {
            let (a, b) = (rng.text(&parts, round % 30), rng.text(&parts, round % 7));
            let text = format!("{a}\n{b}");
            let (prev, next) = (Span::new(0, a.len()), Span::new(a.len() + 1, text.len()));
            assert!(
                !joins(&LineCounter::new(&text), prev, next, None, Layout::Dump),
                "{text:?}"
            );
            let mut blocks = vec![&text[..a.len()], &text[a.len() + 1..]];
            join_lines(
                &LineCounter::new(&text),
                &mut blocks,
                None,
                Layout::Dump,
                false,
            );
            assert_eq!(blocks.len(), 2, "{text:?}");
        }
    }

    #[test]
    fn lines_room_grows_is_capped_and_is_given_back() {
        // Lines of a dozen bytes: more blocks than the room made, which grows as needed.
        let text = "A short line\n".repeat(500);
        let blocks = segment(&text);
        assert_eq!(blocks.len(), 500);
        assert!(blocks.iter().all(|b| b.len() == 12));
        // A long text of few lines gives its room back when it is more than a list kept
        // for the next parse may hold ([`crate::scratch::MAX_KEPT_BYTES`]: 16,384 slices)...
        let long = format!("{}.\nEnd", "word ".repeat(120_000));
        let blocks = segment(&long);
        assert_eq!(blocks.len(), 2);
        assert!(blocks.capacity() < MIN_SPARE_BLOCKS);
        // ... and keeps it when it is not (6,251 slices).
        let shorter = format!("{}.\nEnd", "word ".repeat(40_000));
        let blocks = segment(&shorter);
        assert_eq!(blocks.len(), 2);
        assert!(blocks.capacity() > MIN_SPARE_BLOCKS);
        // A list lent for the blocks is used with its room: the same blocks, in it.
        let lent: Vec<&str> = Vec::with_capacity(1_000);
        let at = lent.as_ptr();
        let blocks = segment_into(&text, lent).blocks;
        assert_eq!(blocks, segment(&text));
        assert_eq!(blocks.as_ptr(), at);
        // (And one that still holds blocks is emptied first.)
        assert_eq!(segment_into(&text, vec!["stale"]).blocks, segment(&text));
        // A text of 5 MB on one line has room made for no more than MAX_FIRST_BLOCKS.
        let huge = "word ".repeat(1 << 20);
        assert!(lines(&huge, Vec::new()).blocks.capacity() <= MAX_FIRST_BLOCKS);
    }

    /// The widths' list kept on the thread ([`INNER`]) is kept, empty, after a text of
    /// wrapped lines, and freed after one of more than [`crate::scratch::MAX_KEPT_BYTES`] of
    /// widths.
    #[test]
    fn the_kept_widths_are_empty_and_small() {
        let kept = || {
            INNER.with(|k| {
                let v = k.take();
                let out = (v.len(), v.capacity());
                k.set(v);
                out
            })
        };
        let line = format!("{}\n", "wrapped words ".repeat(4));
        segment(&line.repeat(100));
        let (len, room) = kept();
        assert_eq!(len, 0);
        assert!(room >= 99, "{room}");
        segment(&line.repeat(40_000));
        assert_eq!(kept(), (0, 0));
    }

    #[test]
    fn blocks_are_the_slices_of_the_text_at_their_spans_with_no_room_to_spare() {
        // Many blocks: the room made beyond them as the list grew is given back.
        let text = "word\n\n".repeat(100_000);
        let blocks = segment(&text);
        assert_eq!(blocks.len(), 100_000);
        assert!(blocks.capacity() - blocks.len() < MIN_SPARE_BLOCKS);
        for (i, &b) in blocks.iter().enumerate() {
            assert_eq!(Span::of_part(&text, b), Some(Span::new(6 * i, 6 * i + 4)));
        }
    }

    #[test]
    fn gap_between_finds_the_blank_lines_a_reading_line_by_line_finds() {
        // The text cut into lines at every `\r\n`, `\r` and `\n`: a non-blank line has a
        // gap before it when a blank (or empty) line comes between it and the one before.
        let parts = [
            "a", "b c", " ", "\t", "\u{a0}", "\u{2028}", "\n", "\r", "\r\n",
        ];
        let mut rng = crate::testgen::Rng::new(0x6a9_be71);
        for round in 0..20_000 {
            let text = rng.text(&parts, round % 16);
            let mut want = Vec::new();
            let mut blank_since = false;
            for (_, line) in lines_at_offsets(&text) {
                if line.chars().all(is_blank) {
                    blank_since = true;
                } else {
                    want.push(blank_since);
                    blank_since = false;
                }
            }
            let blocks = lines(&text, Vec::new()).blocks;
            assert_eq!(blocks.len(), want.len(), "{text:?}");
            let spans: Vec<Span> = blocks
                .iter()
                .map(|b| Span::of_part(&text, b).unwrap_or_default())
                .collect();
            for (i, w) in spans.windows(2).enumerate() {
                assert_eq!(gap_between(&text, w[0], w[1]), want[i + 1], "{text:?} {i}");
            }
        }
    }

    /// The reference reading of a text line by line: each line's offset and text, a line
    /// ended by `\r\n`, `\r` or `\n` (the text's end ends the last), for the tests to compare
    /// [`lines`] with.
    fn lines_at_offsets(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let rest = &text[at..];
            let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
            out.push((at, &rest[..end]));
            at += match rest.as_bytes().get(end..end + 2) {
                Some(b"\r\n") => end + 2,
                _ => end + 1,
            };
        }
        out
    }

    /// [`lines`], which cuts each line from the rest of the text, finds the lines, groups
    /// and quiet gaps of a reading line by line at offsets (`\r\n`, `\r` and `\n` each
    /// ending a line), each line trimmed by `trim_matches(is_blank)`, on random texts of
    /// short and long lines, blanks, control characters and characters of several bytes.
    #[test]
    fn lines_are_a_reading_line_by_line_at_offsets() {
        let long = "a line long enough to be a wrapped line of a paragraph";
        let parts = [
            "a", "word", "b c", long, " ", "\t", "\u{a0}", "\u{2028}", "\u{1}", "\u{85}", "é",
            "\n", "\n", "\r", "\r\n", "\n\n",
        ];
        let mut rng = crate::testgen::Rng::new(0x11e5_0f7e);
        for round in 0..30_000 {
            let text = rng.text(&parts, round % 24);
            let (mut want, mut groups, mut quiet) = (Vec::new(), 0, true);
            let mut gap = true;
            for (at, line) in lines_at_offsets(&text) {
                let trimmed = line.trim_matches(is_blank);
                let lead = line.len() - line.trim_start_matches(is_blank).len();
                if trimmed.is_empty() {
                    quiet &= !holds_control(line.as_bytes());
                    gap = true;
                } else {
                    quiet &= !(holds_control(&line.as_bytes()[..lead])
                        || holds_control(&line.as_bytes()[lead + trimmed.len()..]));
                    groups += usize::from(gap);
                    want.push(Span::new(at + lead, at + lead + trimmed.len()));
                    gap = false;
                }
            }
            let found = lines(&text, Vec::new());
            // The inner widths: the lines followed by another of their group, counted.
            let mut inner = Vec::new();
            for pair in want.windows(2) {
                let (line, next) = (pair[0].get(&text).unwrap_or_default(), pair[1]);
                let n = chars_sans_slack(line);
                if n >= MIN_WRAP_WIDTH && !gap_between(&text, pair[0], next) {
                    inner.push(n);
                }
            }
            assert_eq!(found.inner, inner, "{text:?}");
            let spans: Vec<Span> = found
                .blocks
                .iter()
                .map(|b| Span::of_part(&text, b).unwrap_or_default())
                .collect();
            assert_eq!(spans, want, "{text:?}");
            assert_eq!(found.groups, groups, "{text:?}");
            assert_eq!(found.quiet_gaps, quiet, "{text:?}");
        }
    }

    #[test]
    fn joined_lines_close_up() {
        let text = "a\nb\nc\n\nd";
        let mut blocks = lines(text, Vec::new()).blocks;
        // Every line joins (a width of 1 is always overrun).
        join_lines(
            &LineCounter::new(text),
            &mut blocks,
            Some(1),
            Layout::Dump,
            false,
        );
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks, ["a\nb\nc", "d"]);
        assert_eq!(Span::of_part(text, blocks[0]), Some(Span::new(0, 5)));
        assert_eq!(Span::of_part(text, blocks[1]), Some(Span::new(7, 8)));
    }

    #[test]
    fn blank_lines_separate_blocks() {
        assert_eq!(
            segment("One.\n\nTwo.\n\n\nThree."),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(
            segment("One.\r\n\r\nTwo.\rThree."),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn one_block_per_line() {
        assert_eq!(
            segment("Headline here\nBy Jane Doe\nFirst paragraph."),
            ["Headline here", "By Jane Doe", "First paragraph."]
        );
    }

    #[test]
    fn blank_lines_with_nbsp_and_zero_width_are_blank() {
        assert_eq!(segment("A.\n \u{a0}\u{200b}\nB."), ["A.", "B."]);
        let text = "A.\n \u{a0}\nB.";
        assert!(gap_between(text, Span::new(0, 2), Span::new(7, 9)));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "The council voted on Tuesday to close the old bridge to all traffic\n\
                    after inspectors found cracks in two of its supporting piers, the\n\
                    mayor said in a statement released late in the evening.\n\
                    \n\
                    Residents were told to expect long detours for at least six months\n\
                    while engineers assess whether the structure can be repaired at a\n\
                    reasonable cost.\n\
                    \n\
                    A short line.";
        let got = segment(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].ends_with("late in the evening."));
        assert!(got[1].starts_with("Residents") && got[1].ends_with("cost."));
        assert_eq!(got[0].lines().count(), 3);
    }

    #[test]
    fn lowercase_continuation_joins() {
        assert_eq!(
            segment("This sentence was broken by a careless editor in\nthe middle of a clause.\n\nNext."),
            [
                "This sentence was broken by a careless editor in\nthe middle of a clause.",
                "Next."
            ]
        );
    }

    #[test]
    fn no_soft_joins_in_one_block_per_line_dumps() {
        // A page's lines, one block each: no line goes on in the next, even one that ends
        // inside a clause before a line in lower case.
        let text = "Home\nNews\nSport\n\
                    A headline that is long enough to be joined by mistake\n\
                    by Jane Doe\n\
                    First paragraph of the story, which goes on for a while and\n\
                    ends here.";
        assert_eq!(segment(text).len(), 7);
    }

    #[test]
    fn a_short_text_of_one_group_reads_as_wrapped_paragraphs() {
        // A paragraph wrapped in two lines, or three, and no blank line: one block (read
        // as a page's lines, its first line was taken for a headline).
        let two = "\"It was frightening,\" said resident Tom Hale, who has lived in the\n\
                   town for forty years and never seen such a storm.";
        assert_eq!(segment(two), [two]);
        let three = "The storm came ashore on Tuesday night, flooding streets and cutting\n\
                     power to thousands of homes across the county, officials said on\n\
                     Wednesday morning.";
        assert_eq!(segment(three), [three]);
        // A line that ends with a word no sentence ends with goes on before a capital.
        let named = "The mayor said on Tuesday that the plan would be put to the\n\
                     Council of Ministers next week.";
        assert_eq!(segment(named), [named]);
        // A headline over it, as long as its lines but with no comma or stop, stays apart,
        // and so does a byline.
        let headed = "Council votes to close the old bridge after inspectors find cracks\n\
                      The council voted on Tuesday to close the old bridge at once, after a\n\
                      debate that ran for three hours.";
        assert_eq!(segment(headed).len(), 2);
        // Body text has no headline: there the same lines are one paragraph.
        assert_eq!(segment_body(headed), [headed]);
        let bylined = "A headline that is long enough to be joined by mistake\n\
                       by Jane Doe\n\
                       First paragraph of the story, which goes on for a while and\n\
                       ends here.";
        assert_eq!(segment(bylined).len(), 3);
        // Past a few lines, the same lines are a page's, one block each.
        let page = format!("Home\nNews\nSport\nWeather\n{three}");
        assert_eq!(segment(&page).len(), 7);
    }

    #[test]
    fn a_short_texts_headline_is_told_from_its_wrapped_first_line() {
        let paragraph = "The council voted on Tuesday to close the old bridge at once and for good.\n\
                         Inspectors found cracks in two of its piers last month, and repairs would\n\
                         cost more than a new bridge, the mayor said.";
        // A headline in title case stays apart, comma and all, over a line as long as it
        // or shorter.
        let titled = "Storm Hits Coast, Thousands Without Power as Rivers Burst Their Banks\n\
                      The storm came ashore on Tuesday night.";
        assert_eq!(segment(titled).len(), 2);
        // And one with a stop only inside a word.
        let dotted = "Why Node.js developers are moving to the new runtime this year\n\
                      A survey of 2,000 developers found that most had tried it.";
        assert_eq!(segment(dotted).len(), 2);
        // So does one longer than the paragraph's lines: no wrapped line.
        let long = format!(
            "Council votes to close the old bridge, citing cracks found by inspectors last month\n\
             {paragraph}"
        );
        assert_eq!(segment(&long).len(), 2);
        // And the paragraph under a headline is wrapped at its own width: a headline of
        // 101 characters gave none, and the paragraph's lines that end a sentence stayed
        // apart.
        let longer = format!(
            "Council votes to close the old bridge after inspectors find deep cracks in two \
             of its piers last month\n{paragraph}"
        );
        assert_eq!(segment(&longer).len(), 2);
        // A wrapped line that ends with a name broken across the lines is no headline,
        // comma or not; nor is one whose next line opens no sentence.
        let named = "Hillary Clinton is seizing upon a New York Times report that Donald\n\
                     Trump had a net loss of more than $900 million in 1995, and may not\n\
                     have paid federal income taxes for years.";
        assert_eq!(segment(named), [named]);
        let quoted = "The mayor told reporters on Tuesday that the old bridge was unsafe and\n\
                      \u{201c}will not reopen this year,\u{201d} whatever the council decides.";
        assert_eq!(segment(quoted), [quoted]);
    }

    #[test]
    fn body_text_joins_a_paragraph_wrapped_before_a_name_or_a_mark() {
        // One group of two lines, so no wrap width: in body text, and in a short text whose
        // first line is no headline (its second opens no sentence), the line that ends no
        // sentence goes on.
        let wrapped = "The council said on Tuesday that the old bridge had to close at once\n\
                       \u{201c}because two piers are cracked,\u{201d} said Mayor Ann Lee.";
        assert_eq!(segment(wrapped), [wrapped]);
        assert_eq!(segment_body(wrapped), [wrapped]);
        // Paragraphs one a line end their sentences; a short line is a heading.
        let lines = "The council voted on Tuesday to close the old bridge at once, after a debate \
                     that ran for three hours and ended with a vote of seven to two.\n\
                     Background of the vote\n\
                     Inspectors found cracks in two piers last month.\n\
                     The mayor said the repairs would take at least half a year and cost more \
                     than the town spends on its roads in a year, a sum the council has not found";
        assert_eq!(segment_body(lines), lines.lines().collect::<Vec<_>>());
    }

    #[test]
    fn body_text_tells_a_wrap_width_from_two_lines() {
        // Lines that end sentences, wrapped at 69 columns: the next word never fits.
        let text = "The bridge will close on Monday for repairs, the council said today.\n\
                    Engineers found deep cracks in two of its piers during an inspection.\n\
                    Nobody was hurt.";
        assert_eq!(segment_body(text), [text]);
        // So is a short text's ([`SHORT_TEXT_LINES`]), but not a page's.
        assert_eq!(segment(text), [text]);
        assert_eq!(
            segment(&format!("Home\nNews\nSport\nWeather\n{text}")).len(),
            7
        );
    }

    #[test]
    fn tag_lines_stay_separate() {
        assert_eq!(
            segment("Related News\n\nRussia, Syria\nISIL, Syria's War, War"),
            ["Related News", "Russia, Syria", "ISIL, Syria's War, War"]
        );
    }

    #[test]
    fn unspaced_sentences_are_not_wrapped_lines() {
        let text = "町議会は火曜日の夜、点検で二本の橋脚に深いひびが見つかったことを受けて、古い橋を通行止めにした。\n\
                    三時間に及ぶ議論の末の決定で、東岸の住民は市場まで車で二十分余計にかかることになる。\n\
                    技術者によると、修理には少なくとも半年かかり、費用は町の年間の道路予算を上回る見込みだという。\n\
                    町は来月、改めて会議を開き、工事の費用をどう賄うかを決める予定だ。";
        assert_eq!(segment(text).len(), 4);
    }

    #[test]
    fn a_single_long_line_is_one_block() {
        let text = "word ".repeat(10_000);
        let blocks = segment(&text);
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            Span::of_part(&text, blocks[0]),
            Some(Span::new(0, text.len() - 1))
        );
    }

    /// [`Segmented::quiet_gaps`] on random texts of words, blanks, control characters and
    /// line breaks: when it is set, every run of control characters lies inside a block;
    /// it is set on every text whose lines start and end on text (the blanks between the
    /// blocks are spaces, tabs, NBSPs and the like), and not on one with a control character
    /// at a line's edge or on a blank line.
    #[test]
    fn quiet_gaps_hold_no_control_character() {
        let mut rng = crate::testgen::Rng::new(0xc0_e7a1);
        let words = [
            "word", "Name", "x\u{1}y", "a\u{7f}b", "c\u{9c}d", "\u{85}e", "said.",
        ];
        let blanks = [" ", "  ", "\t", "\u{a0}", "\u{200b}", "\u{3000}", "\u{c}"];
        let controls = ["\u{1}", "\u{1f}", "\u{7f}", "\u{9c}", "\u{80}"];
        let breaks = ["\n", "\n\n", "\r\n", "\r", "\n \n", "\n\u{a0}\n"];
        let (mut quiet, mut loud) = (0, 0);
        for _ in 0..3_000 {
            let mut text = String::new();
            let mut edge_control = false;
            for _ in 0..rng.below(12) + 1 {
                // A line: blanks, words with blanks between, blanks; a control character at
                // either edge now and then, or a blank line of blanks and controls.
                let edge = |rng: &mut crate::testgen::Rng, text: &mut String| {
                    let n = rng.below(2);
                    text.push_str(&rng.text(&blanks, n));
                    if rng.below(8) == 0 {
                        text.push_str(rng.pick(&controls));
                        true
                    } else {
                        false
                    }
                };
                edge_control |= edge(&mut rng, &mut text);
                for w in 0..rng.below(4) {
                    if w > 0 {
                        text.push_str(rng.pick(&blanks));
                    }
                    text.push_str(rng.pick(&words));
                }
                edge_control |= edge(&mut rng, &mut text);
                text.push_str(rng.pick(&breaks));
            }
            let Segmented { blocks, quiet_gaps } = segment_into(&text, Vec::new());
            assert_eq!(blocks, segment(&text));
            let spans: Vec<Span> = blocks
                .iter()
                .map(|b| Span::of_part(&text, b).unwrap())
                .collect();
            if quiet_gaps {
                for run in crate::normalize::control_runs(&text) {
                    assert!(
                        spans
                            .iter()
                            .any(|s| s.start <= run.start && run.end <= s.end),
                        "{text:?}: {run:?} lies outside the blocks {spans:?}"
                    );
                }
            }
            // Edges with no control character, and blank lines of blanks alone, leave the
            // gaps quiet whatever the words hold.
            assert_eq!(quiet_gaps, !edge_control, "{text:?}");
            quiet += usize::from(quiet_gaps);
            loud += usize::from(!quiet_gaps);
        }
        assert!(quiet > 100 && loud > 100, "{quiet} {loud}");
    }
}
