//! Tiny nom parsers and word classes shared by the stages: words, spaces, punctuation,
//! speech verbs, title words, pronouns and personal names.
//!
//! Every parser here is `complete` (our input is always whole) and generic over the nom
//! error type, so tests can ask for verbose errors while the hot path uses the cheap default.
//! The word lists are data: `src/data/speech_verbs.txt` and `src/data/titles.txt`, read
//! with `include_str!` and turned into sets once.

use crate::fasthash::{le_word, FastSet, Shapes};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1};
use nom::combinator::{recognize, verify};
use nom::error::ParseError;
use nom::IResult;
use nom::Parser;
use std::sync::OnceLock;

/// The largest char boundary ≤ `i`.
#[inline]
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary ≥ `i`.
#[inline]
pub(crate) fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// The slack bytes of `b[from..to]` ([`slack_bits`]): each `\r`, and each blank (a
/// space, a tab, a line end: [`is_run_blank`]) right after a blank other than `\r` (for
/// the first byte, the byte before `from` is looked at). A text's run of blanks counts its
/// bytes past the first, a CRLF line end its `\r`: the bytes by which a text with doubled
/// spaces, tabs after spaces, indented lines or CRLF line ends is longer than the same
/// text with single spaces and LF line ends.
pub(crate) fn slack_bytes(b: &[u8], from: usize, to: usize) -> usize {
    let Some(s) = b.get(from..to) else {
        return 0;
    };
    let mut carry = from.checked_sub(1).map_or(0, |i| lone_blank(b[i]) << 7);
    let mut chunks = s.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let (slack, next) = slack_bits(le_word(c), carry);
        n += slack.count_ones() as usize;
        carry = next;
    }
    let mut prev = carry != 0;
    for &c in chunks.remainder() {
        n += usize::from(c == b'\r' || (prev && is_run_blank(c)));
        prev = lone_blank(c) != 0;
    }
    n
}

/// Whether `b` holds a slack byte ([`slack_bytes`]) past its first byte, or a `\r`: for a
/// block, which starts on a byte that is no blank, whether its windows need widening
/// ([`widen_back`], [`widen_forward`]). A slack byte past the first is one of two blanks
/// side by side: two spaces, found by one SIMD search, or a pair with a tab or a line end,
/// found by a search for those (a few a line in a hard-wrapped block, none in most) and a
/// look at their neighbours. (Read eight bytes at a step, [`slack_bits`], the test of every
/// block with a quotation mark cost the unmatched-quotes shape 3.2 instructions a byte
/// more than these searches: 115.6 against 112.4.)
pub(crate) fn has_slack(b: &[u8]) -> bool {
    let blank_at = |i: usize| b.get(i).is_some_and(|&c| is_run_blank(c));
    two_spaces().find(b).is_some()
        || memchr::memchr3_iter(b'\t', b'\n', b'\r', b)
            .any(|i| b[i] == b'\r' || i > 0 && blank_at(i - 1) || blank_at(i + 1))
}

/// The finder of two spaces side by side ([`has_slack`], and the doubled spaces a caseless
/// block's character count leaves out).
pub(crate) fn two_spaces() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"  "))
}

/// True when `c` is a blank of [`slack_bytes`]: a space, a tab or a line end.
#[inline(always)]
pub(crate) fn is_run_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// 1 when `c` is a blank other than `\r` (a blank after it is slack), else 0.
#[inline(always)]
fn lone_blank(c: u8) -> u64 {
    u64::from(is_run_blank(c) && c != b'\r')
}

/// The slack bytes of the eight bytes `w` ([`slack_bytes`]) as the high bit (`0x80`) of
/// each, given `carry` (`0x80` when the byte before them is a blank other than `\r`), and
/// the carry for the next eight: each `\r`, and each space, tab or line feed
/// ([`ascii_range_bits`]) whose previous byte is one of those three (their flags shifted up
/// one byte, the last one carried over).
#[inline(always)]
fn slack_bits(w: u64, carry: u64) -> (u64, u64) {
    let cr = ascii_range_bits(w, b'\r', b'\r');
    let lone = ascii_range_bits(w, b' ', b' ') | ascii_range_bits(w, b'\t', b'\n');
    let slack = cr | (lone & ((lone << 8) | carry));
    (slack, (lone >> 56) & 0x80)
}

/// `lo`, the start of the window `lo..end` of `b`, moved back (not past `floor`) by one
/// byte for each slack byte in the window ([`slack_bytes`]), and again for each in the
/// bytes so taken in: the window then holds as many bytes other than slack as `lo..end`
/// holds bytes. The stages' windows of so many bytes are widened so, that a text with
/// doubled spaces or CRLF line ends reads in them what the same text with single spaces
/// and LF line ends does (a hard-wrapped paragraph's block holds its line ends).
pub(crate) fn widen_back(b: &[u8], mut lo: usize, end: usize, floor: usize) -> usize {
    let mut more = slack_bytes(b, lo, end);
    while more > 0 && lo > floor {
        let next = lo.saturating_sub(more).max(floor);
        more = slack_bytes(b, next, lo);
        lo = next;
    }
    lo
}

/// [`widen_back`] forward: `hi`, the end of the window `start..hi` of `b`, moved on (not
/// past `ceil`) by one byte for each slack byte in the window and in the bytes so taken in.
pub(crate) fn widen_forward(b: &[u8], start: usize, hi: usize, ceil: usize) -> usize {
    widen_forward_by(b, start, hi, ceil, slack_bytes)
}

/// [`widen_forward`] over the bytes `count` counts (`count(b, from, to)`: [`slack_bytes`],
/// or [`carriage_returns`] alone for a window whose plain path counts no blanks).
pub(crate) fn widen_forward_by(
    b: &[u8],
    start: usize,
    mut hi: usize,
    ceil: usize,
    count: fn(&[u8], usize, usize) -> usize,
) -> usize {
    let mut more = count(b, start, hi);
    while more > 0 && hi < ceil {
        let next = (hi + more).min(ceil);
        more = count(b, hi, next);
        hi = next;
    }
    hi
}

/// The `\r` bytes of `b[from..to]`.
pub(crate) fn carriage_returns(b: &[u8], from: usize, to: usize) -> usize {
    b.get(from..to)
        .map_or(0, |b| memchr::memchr_iter(b'\r', b).count())
}

/// Blank characters (see [`crate::normalize::is_blank`]), possibly none.
pub(crate) fn blank0<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    // `take_while(is_blank)`, with ASCII bytes tested without decoding a char (this runs
    // before every token of every body block).
    let (blank, rest) = input.split_at(blank_len(input));
    Ok((rest, blank))
}

/// Byte length of the run of blank characters that starts `s`.
pub(crate) fn blank_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if !is_ascii_blank_byte(c) {
                break;
            }
            i += 1;
            continue;
        }
        // A character of two bytes from U+00C0 (Latin letters, Cyrillic, Greek, Hebrew,
        // Arabic) is never blank.
        if matches!(c, 0xC3..=0xDF) {
            break;
        }
        match s.get(i..).and_then(|r| r.chars().next()) {
            Some(ch) if crate::normalize::is_blank(ch) => i += ch.len_utf8(),
            _ => break,
        }
    }
    i
}

/// Blank characters, at least one.
pub(crate) fn blank1<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    take_while1(crate::normalize::is_blank).parse(input)
}

/// One word: a run of letters, digits, apostrophes, hyphens and periods (for "U.S.", "Jr.").
pub(crate) fn word<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    // `take_while1(is_word_char)`, with ASCII bytes tested without decoding a char (this
    // runs for every word of every body block).
    let n = word_len(input);
    if n == 0 {
        return Err(nom::Err::Error(E::from_error_kind(
            input,
            nom::error::ErrorKind::TakeWhile1,
        )));
    }
    let (w, rest) = input.split_at(n);
    Ok((rest, w))
}

/// Byte length of the run of word characters that starts `s`.
#[inline]
pub(crate) fn word_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        // ASCII bytes tested by table, without decoding.
        if ASCII_WORD[usize::from(c)] {
            i += 1;
            continue;
        }
        if c.is_ascii() {
            break;
        }
        if is_two_byte_letter(b, i) {
            i += 2;
            continue;
        }
        match s.get(i..).and_then(|r| r.chars().next()) {
            Some(ch) if is_word_char(ch) => i += ch.len_utf8(),
            _ => break,
        }
    }
    i
}

/// True when `b` is the first byte of a character from U+00C0 to U+027F (Latin-1's letters
/// and `×` `÷`, Latin Extended, IPA) or from U+0400 to U+047F (Cyrillic): the two-byte
/// letters of the commonest scripts of news text after ASCII, which the passes tell by their
/// bytes ([`is_two_byte_letter`], the feature pass's `two_byte_letter`, [`is_title_word`]).
#[inline(always)]
pub(crate) fn is_latin_or_cyrillic_lead(b: u8) -> bool {
    matches!(b, 0xC3..=0xC9 | 0xD0..=0xD1)
}

/// The high bit (`0x80`) of each byte of `w` (eight bytes of text) that is an ASCII letter,
/// the others clear: the passes that read words eight bytes at a time (the feature pass,
/// the attribution tokenizer, the story-word units, the quote stage's word counts) measure
/// their runs of letters by it. A byte is a letter when, with bit `0x20` set (lower case),
/// it lies in `a..=z` ([`ascii_range_bits`]).
#[inline(always)]
pub(crate) fn ascii_letter_bits(w: u64) -> u64 {
    ascii_range_bits(w | (0x20 * 0x0101_0101_0101_0101), b'a', b'z')
}

/// `LOW_BYTES[n]`: the mask of the low `n` bytes of a `u64` (`n` from 0 to 8), read by
/// [`low_bytes`] and by attribution's masks of packed words: one load, where a shift by `8 *
/// n` takes a test of its width (`(1u128 << 8 * n) - 1` took some twelve instructions).
pub(crate) const LOW_BYTES: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 1;
    while n < 9 {
        t[n] = t[n - 1] << 8 | 0xFF;
        n += 1;
    }
    t
};

/// The mask of the low `n` bytes of a `u64` (`n` from 0 to 8; more is 8), from [`LOW_BYTES`].
#[inline(always)]
pub(crate) fn low_bytes(n: usize) -> u64 {
    LOW_BYTES[if n < 8 { n } else { 8 }]
}

/// The high bit (`0x80`) of each byte of `w` (eight bytes) that equals `b`, found as the
/// zero bytes of `w ^ b…b` by a borrowing subtraction. The lowest flag is exact, and so is
/// whether there is one; a flag above it may be a borrow's (a byte that follows one equal
/// to `b`), so only the first match's place, or whether there is any, may be read off.
#[inline(always)]
pub(crate) fn byte_flags(w: u64, b: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w ^ (u64::from(b) * ONES);
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The high bit (`0x80`) of each byte of `w` (eight bytes of text) that is an ASCII byte
/// from `lo` to `hi` (`lo <= hi < 0x80`), the others clear: two additions carry into the
/// high bit of each byte, from `lo` on and past `hi`, with the high bits cleared first so
/// that no carry crosses into the next byte; a byte with its own high bit set is in no
/// range. (The letters, digits and word bytes of the passes that read eight bytes at a
/// time are such ranges.)
#[inline(always)]
pub(crate) fn ascii_range_bits(w: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    debug_assert!(lo <= hi && hi < 0x80);
    let x = w & !HIGH;
    let from_lo = x + (0x80 - u64::from(lo)) * ONES;
    let past_hi = x + (0x7F - u64::from(hi)) * ONES;
    from_lo & !past_hi & !w & HIGH
}

/// True when the character at byte `i` of `b` (a character boundary of a text) is a letter
/// of two bytes from U+00C0 to U+027F (Latin-1 and Latin Extended but `×` `÷`, IPA) or from
/// U+0400 to U+047F (Cyrillic), told by its bytes.
#[inline(always)]
fn is_two_byte_letter(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(0xC3) => !matches!(b.get(i + 1), Some(0x97 | 0xB7)),
        Some(&lead) => is_latin_or_cyrillic_lead(lead),
        None => false,
    }
}

/// Byte length of the run of blank characters that ends `s`: `trim_end_matches(is_blank)`
/// with ASCII bytes tested without decoding a char (quote marks look back from each mark).
pub(crate) fn blank_len_back(s: &str) -> usize {
    len_back(s, is_ascii_blank_byte, crate::normalize::is_blank)
}

/// Byte length of the run of word characters that ends `s` ([`word_len`] from the back).
pub(crate) fn word_len_back(s: &str) -> usize {
    // Its ASCII word bytes counted in a loop of their own (most words have no other); the
    // run measured with decoding when a byte outside ASCII stops them.
    let b = s.as_bytes();
    let n = ascii_word_len_back(b);
    if b.len() > n && !b[b.len() - n - 1].is_ascii() {
        return len_back(s, is_ascii_word_byte, is_word_char);
    }
    n
}

/// Byte length of the run of ASCII word bytes ([`is_ascii_word_byte`]) that ends `b`.
fn ascii_word_len_back(b: &[u8]) -> usize {
    b.iter()
        .rev()
        .take_while(|&&c| is_ascii_word_byte(c))
        .count()
}

/// Byte length of the run that ends `s` of characters `is_char` holds for: an ASCII byte is
/// asked of `is_ascii` (which agrees with `is_char` on ASCII), another char is decoded.
#[inline]
fn len_back(s: &str, is_ascii: impl Fn(u8) -> bool, is_char: impl Fn(char) -> bool) -> usize {
    let b = s.as_bytes();
    let mut i = b.len();
    while let Some(&c) = i.checked_sub(1).and_then(|j| b.get(j)) {
        if c.is_ascii() {
            if !is_ascii(c) {
                break;
            }
            i -= 1;
            continue;
        }
        match s.get(..i).and_then(|r| r.chars().next_back()) {
            Some(ch) if is_char(ch) => i -= ch.len_utf8(),
            _ => break,
        }
    }
    b.len() - i
}

/// `slice.partition_point(pred)`, searched from index `near` outward (a search the stages
/// share, whose look-ups in a long block come in text order): steps of 1, 2, 4, …
/// bracket the point, then a binary search inside the bracket. The same answer, but its
/// cost grows with the distance from `near`, and it reads memory near `near`: a quote's
/// tokens are a few among the hundreds of thousands of a long block, and a binary search
/// over all of them missed the cache at almost every step. Inlined: its look-ups are
/// short, and each caller's predicate is a comparison or two.
#[inline]
pub(crate) fn partition_point_near<T>(
    slice: &[T],
    near: usize,
    pred: impl Fn(&T) -> bool,
) -> usize {
    let near = near.min(slice.len());
    // Every index below `lo` holds `pred`; `hi` is the length or an index that does not.
    let (mut lo, mut hi) = (0, slice.len());
    let mut step = 1;
    if slice.get(near).is_some_and(&pred) {
        lo = near + 1;
        while let Some(probe) = near.checked_add(step).filter(|&p| p < slice.len()) {
            if !pred(&slice[probe]) {
                hi = probe;
                break;
            }
            lo = probe + 1;
            step *= 2;
        }
    } else {
        hi = near;
        while let Some(probe) = near.checked_sub(step) {
            if pred(&slice[probe]) {
                lo = probe + 1;
                break;
            }
            hi = probe;
            step *= 2;
        }
    }
    lo + slice[lo..hi].partition_point(pred)
}

/// True when the byte `b` is an ASCII word character (a letter, a digit, `'`, `-` or
/// `.`); false for every byte outside ASCII.
#[inline]
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    ASCII_WORD[usize::from(b)]
}

/// The high bit (`0x80`) of each byte of `w` (eight bytes of text) that is an ASCII word
/// byte ([`is_ascii_word_byte`]: a letter, a digit, `'`, `-` or `.`), the others clear.
#[inline(always)]
pub(crate) fn ascii_word_bits(w: u64) -> u64 {
    ascii_letter_bits(w)
        | ascii_range_bits(w, b'0', b'9')
        | ascii_range_bits(w, b'\'', b'\'')
        | ascii_range_bits(w, b'-', b'.')
}

/// The end of the run of ASCII word bytes ([`is_ascii_word_byte`]) of `b` from `i` (the
/// first byte from `i` on that is none, or the end of `b`): eight bytes at a time while
/// eight are left ([`ascii_word_bits`]), with no branch on how many of them the run takes
/// (word lengths vary from word to word: the exit of a test at each byte was mispredicted
/// at most words' ends), then byte by byte.
#[inline(always)]
pub(crate) fn ascii_word_end(b: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let n =
            ((ascii_word_bits(u64::from_le_bytes(*chunk)) ^ HIGH).trailing_zeros() / 8) as usize;
        i += n;
        if n < 8 {
            return i;
        }
    }
    while b.get(i).is_some_and(|&c| is_ascii_word_byte(c)) {
        i += 1;
    }
    i
}

/// True when the byte `b` is an ASCII blank for [`blank_len`]: the space and the control
/// characters.
#[inline]
pub(crate) const fn is_ascii_blank_byte(b: u8) -> bool {
    b <= b' ' || b == 0x7f
}

/// `ASCII_WORD[b]`: the byte `b` is an ASCII word character (a letter, a digit, `'`, `-`
/// or `.`); false for every byte outside ASCII.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'-' | b'.');
        b += 1;
    }
    t
};

/// Characters that may appear inside a word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    is_alphanumeric(c) || matches!(c, '\'' | '’' | '-' | '.' | '‐')
}

/// `c.is_alphabetic()`, quicker for the non-ASCII characters most frequent in news text.
///
/// The standard test looks every non-ASCII character up in a table, a few hundred
/// instructions each. NBSP and the General Punctuation block (U+2000–U+206F: curly quotes,
/// dashes, bullets, the ellipsis, special and zero-width spaces) hold no letter or digit,
/// and the Latin-1 letters (U+00C0–U+00FF but `×` and `÷`) are all letters: those are
/// answered without the table.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphabetic(),
        '\u{a0}' | '\u{2000}'..='\u{206f}' => false,
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        _ => table_class(c, false),
    }
}

/// `c.is_alphanumeric()`, quicker for frequent non-ASCII characters (see [`is_alphabetic`]).
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{a0}' | '\u{2000}'..='\u{206f}' => false,
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        _ => table_class(c, true),
    }
}

/// Characters below this have their classes remembered in [`LETTER_MEMO`].
const LETTER_MEMO_END: u32 = 0x3_0000;

/// `c.is_alphabetic()` and `c.is_alphanumeric()` of each character below
/// [`LETTER_MEMO_END`] once looked up: for character `cp` and class `k` (0 alphabetic,
/// 1 alphanumeric), entry `2 * cp + k` is two bits of word `entry / 32`, at `2 * (entry % 32)`:
/// "known", then the answer. A character is looked up in the Unicode table once per
/// process (threads that look it up at once set the same bits).
///
/// The standard test (`char::is_alphabetic`) scans a run of its table from the run's start:
/// a few comparisons for Latin, but 100–130 ns a character from Tamil to Hangul Jamo
/// (U+0B80–U+11FF: Thai, Tibetan, Myanmar, Georgian) and in the SMP from U+11000, and the
/// quote and attribution passes test each character of the words they read: it was most of
/// the time of texts in those scripts (Georgian prose 112 ns/B, with quotation marks
/// 245 ns/B, of the parse alone). Remembered, a test is a load and two shifts.
static LETTER_MEMO: [std::sync::atomic::AtomicU64; (LETTER_MEMO_END / 16) as usize] =
    [const { std::sync::atomic::AtomicU64::new(0) }; (LETTER_MEMO_END / 16) as usize];

/// `c.is_alphanumeric()` (`numeric`) or `c.is_alphabetic()`, remembered in [`LETTER_MEMO`]
/// for the characters it covers.
///
/// Blocks of letters only, frequent in news text (Latin Extended-A and -B, the Cyrillic
/// letters, Latin Extended Additional), are told by a range test first ([`memo_class`] the
/// others).
#[inline(never)]
fn table_class(c: char, numeric: bool) -> bool {
    if matches!(u32::from(c), 0x100..=0x24f | 0x400..=0x481 | 0x48a..=0x52f | 0x1e00..=0x1eff) {
        return true;
    }
    memo_class(c, numeric)
}

/// [`table_class`] of the characters past its range test, from [`LETTER_MEMO`].
#[inline(always)]
fn memo_class(c: char, numeric: bool) -> bool {
    use std::sync::atomic::Ordering;
    let cp = u32::from(c);
    let look_up = || {
        if numeric {
            c.is_alphanumeric()
        } else {
            c.is_alphabetic()
        }
    };
    if cp >= LETTER_MEMO_END {
        return look_up();
    }
    let entry = 2 * cp as usize + usize::from(numeric);
    let (slot, shift) = (&LETTER_MEMO[entry / 32], 2 * (entry % 32));
    let bits = slot.load(Ordering::Relaxed) >> shift;
    if bits & 1 != 0 {
        return bits & 2 != 0;
    }
    let answer = look_up();
    slot.fetch_or((1 | u64::from(answer) << 1) << shift, Ordering::Relaxed);
    answer
}

/// [`is_alphabetic`], out of line, with more characters answered without the Unicode
/// table: the Latin-1 signs and the blocks that [`letter_block`] knows. For the callers
/// that test characters outside ASCII one at a time (the fold, the words of the story):
/// web text holds many such characters (Cyrillic, CJK, box drawing) that the inline test
/// leaves to the table. It is not the inline test itself, as a larger one compiled worse in
/// the quote finder's loops (instr/byte: unmatched quotes 108.7->108.9, quoted verbs and
/// names 168.9->169.1).
#[inline(never)]
pub(crate) fn is_wide_alphabetic(c: char) -> bool {
    match c {
        // The signs of Latin-1 ("©", "«", "»", "·"): three of them are letters.
        '\u{80}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º'),
        _ => letter_block(c).unwrap_or_else(|| is_alphabetic(c)),
    }
}

/// [`is_alphanumeric`], out of line, with more characters answered without the Unicode
/// table (see [`is_wide_alphabetic`]).
#[inline(never)]
pub(crate) fn is_wide_alphanumeric(c: char) -> bool {
    match c {
        // The signs of Latin-1: three letters, and the digits and fractions "²" "¼".
        '\u{80}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        _ => letter_block(c).unwrap_or_else(|| is_alphanumeric(c)),
    }
}

/// Whether `c` is a letter, for the blocks of characters frequent in web text that are
/// letters throughout (Latin Extended, the Cyrillic and Arabic letters, the Devanagari
/// letters and vowel signs, kana, CJK ideographs, Hangul syllables) or hold no letter and
/// no digit (box drawing and geometric shapes, CJK and full-width punctuation); `None` for
/// any other character. The Unicode table costs a few hundred instructions a character;
/// these are a few comparisons.
fn letter_block(c: char) -> Option<bool> {
    match c {
        '\u{100}'..='\u{24f}'
        | '\u{400}'..='\u{481}'
        | '\u{48a}'..='\u{52f}'
        | '\u{620}'..='\u{64a}'
        | '\u{904}'..='\u{939}'
        | '\u{93e}'..='\u{94c}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{30fc}'..='\u{30ff}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}' => Some(true),
        '\u{2500}'..='\u{25ff}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}' => Some(false),
        _ => None,
    }
}

/// A speech verb from the lexicon, written in lower case ("said", "told", "tweeted").
pub(crate) fn speech_verb<'a, E: ParseError<&'a str>>(
    input: &'a str,
) -> IResult<&'a str, &'a str, E> {
    verify(word, |w: &str| is_speech_verb(w)).parse(input)
}

/// A multi-word attribution cue that is not a verb: "according to", "in a statement".
pub(crate) fn cue_phrase<'a, E: ParseError<&'a str>>(
    input: &'a str,
) -> IResult<&'a str, &'a str, E> {
    alt((
        recognize((tag_no_case("according"), blank1, tag("to"))),
        recognize((
            tag("in"),
            blank1,
            alt((tag("a"), tag("an"))),
            blank1,
            statement_noun,
        )),
    ))
    .parse(input)
}

/// The finder of "ccording", the part of "according" and "According" both hold.
fn ccording() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"ccording"))
}

/// False when `b` holds no "according" nor "According" (it holds no "ccording"): no
/// "according to" cue ([`cue_phrase`]) starts in it.
pub(crate) fn may_say_according(b: &[u8]) -> bool {
    ccording().find(b).is_some()
}

/// True when `s` holds "according to" as [`cue_phrase`] reads it in a cue shorter than 16
/// bytes, in lower case: "according", one to four blanks, then "to" (or a word that
/// starts so, as the search for "according to" this replaced took). Blanks rather than
/// one space, so that a text with doubled spaces or a hard-wrapped line end there holds
/// the cue the text with one space does. ("According to" at a sentence's start as a cue
/// too matched 6 more of the quotes eval's 7,516 quotes, but with wrong speakers enough to
/// take speaker accuracy from 0.9202 to 0.9200, under its target of 0.92.)
pub(crate) fn holds_according_to(s: &str) -> bool {
    let b = s.as_bytes();
    ccording().find_iter(b).any(|i| {
        let rest = &b[i + "ccording".len()..];
        let blanks = rest.iter().take_while(|&&c| is_ascii_blank_byte(c)).count();
        i > 0 && b[i - 1] == b'a' && (1..=4).contains(&blanks) && rest[blanks..].starts_with(b"to")
    })
}

/// The nouns of "in a statement", "in an interview".
fn statement_noun<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    alt((
        tag("statement"),
        tag("interview"),
        tag("email"),
        tag("e-mail"),
        tag("tweet"),
        tag("post"),
        tag("speech"),
        tag("letter"),
        tag("memo"),
        tag("op-ed"),
    ))
    .parse(input)
}

/// A word with a trailing possessive or period removed, for lexicon look-ups.
fn bare(w: &str) -> &str {
    // Trailing `.` `,` trimmed bytewise (they are ASCII).
    let n = w
        .bytes()
        .rposition(|b| !matches!(b, b'.' | b','))
        .map_or(0, |i| i + 1);
    let w = w.get(..n).unwrap_or("");
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// [`bare`] of an ASCII word as it is cut from the word in lower case (`'S` is a
/// possessive there too), so that `bare(lower) == lower(bare_any_case(w))`.
fn bare_any_case(w: &str) -> &str {
    let w = w.trim_end_matches(['.', ',']);
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("'S"))
        .unwrap_or(w)
}

/// The words of a list as a set, sized for them before the first is put in (grown from
/// empty, the title set was rehashed six times).
fn lexicon(data: &'static str) -> FastSet<&'static str> {
    let mut set = FastSet::with_capacity_and_hasher(list_words(data).count(), Default::default());
    set.extend(list_words(data));
    set
}

/// The lines of a list that are no comment (that start with `#`), as `lines` gives them,
/// each line's end found by `memchr` (`lines` searches with a char searcher, a call more a
/// line).
pub(crate) fn list_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = data;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
    .filter(|line| !line.starts_with('#'))
}

/// The words of a word list's text, in order: those of its lines that are no comment
/// ([`list_lines`]), split at ASCII whitespace. On the lists, which are ASCII, this splits
/// as `split_whitespace` does (the test `list_words_split_as_split_whitespace`), with no
/// character decoded.
fn list_words(data: &'static str) -> impl Iterator<Item = &'static str> {
    list_lines(data).flat_map(str::split_ascii_whitespace)
}

/// True when `w` is a speech verb form of the lexicon. Only lower-case forms count, so
/// "States" or "Post" never read as verbs.
pub(crate) fn is_speech_verb(w: &str) -> bool {
    // Every form starts with a lower-case letter or a hyphen: other words are decided at
    // once (`w` trimmed below still starts with its first byte, or is empty).
    if !w
        .as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_lowercase() || b == b'-')
    {
        return false;
    }
    let w = without_trailing_marks(w);
    !w.is_empty() && speech_verb_table().contains(w.as_bytes())
}

/// [`is_speech_verb`] as first written, with the hashed set: the reference that
/// [`ShapeTable`] is tested against.
#[cfg(test)]
fn is_speech_verb_plain(w: &str) -> bool {
    if !w
        .as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_lowercase() || b == b'-')
    {
        return false;
    }
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| speech_verb_words().collect());
    let w = without_trailing_marks(w);
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && set.contains(w)
}

/// The words of the speech verb list, as [`lexicon`] was first written to read them.
#[cfg(test)]
fn speech_verb_words() -> impl Iterator<Item = &'static str> {
    SPEECH_VERBS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
}

/// The forms of the speech verb lexicon made only of lower-case ASCII letters and hyphens
/// (the forms [`is_speech_verb`] can accept), in a [`ShapeTable`].
fn speech_verb_table() -> &'static ShapeTable {
    &speech_verbs().verbs
}

/// Exact membership in a small word set without hashing: the words are grouped by their
/// shape (the low five bits of the first and of the last byte, and the length, capped at
/// 31), and a word is compared only with the few of its group. A shape's group is found
/// by rank: `base` counts the shapes of all earlier first/last pairs, and the lengths
/// present for the word's pair (a bit set each) below its own are counted by `count_ones`.
#[derive(Debug)]
struct ShapeTable {
    /// Per first/last pair (`first & 31) << 5 | last & 31`, below 1024: the index is in
    /// bounds by its form): bit `min(len, 31)` set for each length a word of that pair has,
    /// and the number of groups of the pairs before it.
    pairs: Box<[(u32, u16); 1024]>,
    /// Per group, in pair then length order: its range in `words`.
    groups: Vec<(u16, u16)>,
    /// The words, in group order: each as [`ShapeTable::packed`] and whole (for a word
    /// longer than 16 bytes).
    words: Vec<([u64; 2], &'static str)>,
}

impl ShapeTable {
    /// The pair index and length bit of a word, `None` for the empty word.
    #[inline]
    fn key(w: &[u8]) -> Option<(usize, u32)> {
        let (&first, &last) = (w.first()?, w.last()?);
        Some((
            usize::from(first & 31) << 5 | usize::from(last & 31),
            1 << w.len().min(31),
        ))
    }

    /// The table of `words` (the empty word is left out, and a word given twice is held
    /// once), built by a counting sort of the words into their groups; `room` is a guess of
    /// how many there are.
    fn new(words: impl IntoIterator<Item = &'static str>, room: usize) -> Self {
        // Each word's pair index and length bit, then its group in their place.
        let mut keyed: Vec<(usize, u32, &'static str)> = Vec::with_capacity(room);
        keyed.extend(
            words
                .into_iter()
                .filter_map(|w| Self::key(w.as_bytes()).map(|(i, bit)| (i, bit, w))),
        );
        let mut pairs = Box::new([(0u32, 0u16); 1024]);
        for &(i, bit, _) in &keyed {
            pairs[i].0 |= bit;
        }
        let mut n = 0u32;
        for (bits, base) in pairs.iter_mut() {
            *base = u16::try_from(n).expect("fewer than 65536 shapes");
            if *bits != 0 {
                n += bits.count_ones();
            }
        }
        // The size of each group, then where each starts.
        let mut ends = vec![0u16; n as usize];
        for k in &mut keyed {
            k.0 = Self::group(pairs[k.0], k.1);
            ends[k.0] += 1;
        }
        let mut groups = Vec::with_capacity(ends.len());
        let mut start = 0u16;
        for size in ends {
            groups.push((start, start));
            start += size;
        }
        let mut words = vec![([0u64; 2], ""); keyed.len()];
        let mut repeats = false;
        for &(g, _, w) in &keyed {
            let g = &mut groups[g];
            let packed = Self::packed(w.as_bytes());
            // (Words of one length up to 16 bytes are equal when their packed forms are.)
            let group = &words[usize::from(g.0)..usize::from(g.1)];
            if group
                .iter()
                .any(|&(q, x)| q == packed && (w.len() <= 16 || x == w))
            {
                repeats = true;
                continue;
            }
            words[usize::from(g.1)] = (packed, w);
            g.1 += 1;
        }
        // The places left by the repeats, at the ends of their groups, closed up.
        if repeats {
            let mut to = 0;
            for g in &mut groups {
                let (from, end) = (usize::from(g.0), usize::from(g.1));
                g.0 = to as u16;
                for k in from..end {
                    words[to] = words[k];
                    to += 1;
                }
                g.1 = to as u16;
            }
            words.truncate(to);
        }
        ShapeTable {
            pairs,
            groups,
            words,
        }
    }

    /// The words, group by group.
    fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().map(|&(_, w)| w)
    }

    /// The [`Shapes`] filter of the words: its bits are those of `pairs`.
    fn shapes(&self) -> Shapes {
        let mut shapes = Shapes::default();
        shapes.set_slots(|i| self.pairs[i].0);
        shapes
    }

    /// The group of the words of length bit `bit` of a pair (its length bits and base).
    #[inline]
    fn group((bits, base): (u32, u16), bit: u32) -> usize {
        usize::from(base) + (bits & (bit - 1)).count_ones() as usize
    }

    /// True when `w` is one of the words.
    #[inline]
    fn contains(&self, w: &[u8]) -> bool {
        let Some((i, bit)) = Self::key(w) else {
            return false;
        };
        let pair = self.pairs[i & 1023];
        if pair.0 & bit == 0 {
            return false;
        }
        let Some(&(from, to)) = self.groups.get(Self::group(pair, bit)) else {
            return false;
        };
        let Some(group) = self.words.get(usize::from(from)..usize::from(to)) else {
            return false;
        };
        // The words of a group have the length of `w` (below 31 bytes): up to 16 bytes,
        // equal packed words are equal words. Up to 8 bytes, the second halves are zeros
        // for all of them: the first halves are compared alone.
        if w.len() <= 8 {
            let p = le_word(w);
            group.iter().any(|&(q, _)| q[0] == p)
        } else if w.len() <= 16 {
            let p = Self::packed(w);
            group.iter().any(|&(q, _)| q == p)
        } else {
            group.iter().any(|&(_, x)| x.as_bytes() == w)
        }
    }

    /// The first 16 bytes of `w` as two little-endian integers, padded with zeros: two
    /// words of one length up to 16 are equal when their packed forms are.
    #[inline]
    fn packed(w: &[u8]) -> [u64; 2] {
        let (lo, hi) = w.split_at(w.len().min(8));
        [le_word(lo), le_word(hi)]
    }
}

/// A filter ahead of [`is_speech_verb`] for a loop over many words: the lexicon's
/// [`Shapes`] fetched once, and a word tested inline by its first byte, last byte and
/// length. Conservative: `false` means `is_speech_verb` is false for the word; `true` means
/// only "ask `is_speech_verb`".
#[derive(Clone, Copy)]
pub(crate) struct SpeechVerbFilter(&'static Shapes);

impl SpeechVerbFilter {
    /// The filter of the speech verb lexicon.
    pub(crate) fn new() -> Self {
        SpeechVerbFilter(&speech_verbs().shapes)
    }

    /// False when `is_speech_verb` is certainly false for the word of bytes `w`. A word
    /// ending in a mark that [`is_speech_verb`] trims (`.` `,` `:`) is left to it.
    #[inline]
    pub(crate) fn may_match(self, w: &[u8]) -> bool {
        match (w.first(), w.last()) {
            (_, Some(b'.' | b',' | b':')) => true,
            (Some(&first), Some(_)) => {
                (first.is_ascii_lowercase() || first == b'-') && self.0.may_contain_bytes(w)
            }
            _ => false,
        }
    }
}

/// `with_lower(w, is_speech_verb)`: a capitalized word opening a clause ("Says …") read
/// as a verb. The shapes filter ignores ASCII case, so an ASCII word whose shape is not
/// in the lexicon's is decided without lowering it.
pub(crate) fn is_speech_verb_any_case(w: &str) -> bool {
    if w.is_ascii() && !speech_verbs().shapes.may_contain(without_trailing_marks(w)) {
        return false;
    }
    with_lower(w, is_speech_verb)
}

/// Every form of the speech verb lexicon (as read by [`is_speech_verb`]).
pub(crate) fn speech_verb_forms() -> impl Iterator<Item = &'static str> {
    let verbs = speech_verbs();
    verbs.verbs.words().chain(verbs.others.iter().copied())
}

/// `w` as written, with its first byte in upper case, in upper case and in lower case: the
/// casings the tests of the word lists try each word in.
#[cfg(test)]
pub(crate) fn four_casings(w: &str) -> [String; 4] {
    let mut capitalized = w.to_owned();
    if let Some(first) = capitalized.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    [
        w.to_owned(),
        capitalized,
        w.to_uppercase(),
        w.to_lowercase(),
    ]
}

/// Every word of the title lexicon (as read, in lower case, by [`is_title_word`]).
pub(crate) fn title_words() -> impl Iterator<Item = &'static str> {
    titles().0.iter().copied()
}

/// The speech verb list.
const SPEECH_VERBS: &str = include_str!("data/speech_verbs.txt");

/// The speech verb lexicon: its forms, each once, and their [`Shapes`] filter.
struct SpeechVerbs {
    /// The forms made of lower-case ASCII letters and hyphens (all of them, with the list
    /// as it is).
    verbs: ShapeTable,
    /// The other forms, each once.
    others: Vec<&'static str>,
    /// The filter of all the forms.
    shapes: Shapes,
}

/// The speech verb lexicon, read once. The forms go straight into a [`ShapeTable`], which
/// holds each once: no hashed set is built for them. (The hashed set, grown from empty,
/// took 0.35M instructions and the table made from it 0.23M; this takes 0.33M.)
fn speech_verbs() -> &'static SpeechVerbs {
    static SET: OnceLock<SpeechVerbs> = OnceLock::new();
    SET.get_or_init(|| {
        let is_verb = |w: &&str| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        // One pass over the list: a form that is no verb is kept aside as it goes by.
        let mut others: Vec<&'static str> = Vec::new();
        let verbs = list_words(SPEECH_VERBS).filter(|w| {
            let verb = is_verb(w);
            if !verb && !others.contains(w) {
                others.push(w);
            }
            verb
        });
        // About nine bytes of the list a form.
        let verbs = ShapeTable::new(verbs, SPEECH_VERBS.len() / 8);
        let mut shapes = verbs.shapes();
        shapes.add_all(others.iter().map(|w| w.as_bytes()));
        SpeechVerbs {
            verbs,
            others,
            shapes,
        }
    })
}

/// `w` without trailing `.` `,` `:`, trimmed bytewise (they are ASCII).
fn without_trailing_marks(w: &str) -> &str {
    let n = w
        .bytes()
        .rposition(|b| !matches!(b, b'.' | b',' | b':'))
        .map_or(0, |i| i + 1);
    w.get(..n).unwrap_or("")
}

/// A word set with its [`Shapes`] filter.
fn with_shapes(set: FastSet<&'static str>) -> (FastSet<&'static str>, Shapes) {
    let shapes = Shapes::new(set.iter().copied());
    (set, shapes)
}

/// True when `w` is a title or role word ("Secretary", "spokesman", "Gen.", "Mr.").
///
/// Most words asked are told no here, by a short test that keeps few values, without
/// [`is_title_word_full`] and its set-up (~180 instructions a call, ~4,600 calls a pass of
/// the quote paragraphs): an ASCII word of at most 24 bytes whose last byte is none of `.`
/// `,` `s` `S` is its own bare form ([`bare_any_case`] cuts nothing off it), so the shapes
/// filter of the word alone says whether it may be a title, as it does in
/// [`is_title_word_full`] (`title_word_shape_test_agrees_with_the_full_test`). Not inlined:
/// inlined at its eighteen calls, it cost `np_after_toks` ~29 instructions a call more in
/// registers kept (quoted verbs and names 167.78 → 168.33 a byte one pass).
#[inline(never)]
pub(crate) fn is_title_word(w: &str) -> bool {
    let b = w.as_bytes();
    if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
        if b.len() <= 24
            && !matches!(last, b'.' | b',' | b's' | b'S')
            && !titles().1.may_contain_shape(first, last, b.len())
            && b.is_ascii()
        {
            return false;
        }
    }
    is_title_word_full(w)
}

/// [`is_title_word`] of any word: the full test, out of line.
fn is_title_word_full(w: &str) -> bool {
    let (set, shapes) = titles();
    if w.len() > 24 {
        return false;
    }
    // Every title is ASCII, and a letter of Latin-1, Latin Extended, Cyrillic or Latin
    // Extended Additional is not in lower case (nor is it cut off by `bare`): a word with one
    // is none, told without lowering it into a `String`.
    if !w.is_ascii() && w.bytes().any(is_lead_of_non_ascii_lower) {
        return false;
    }
    // The shapes filter ignores ASCII case: an ASCII word whose shape and bare shape it
    // both lacks is no title, and is not lowered.
    if w.is_ascii() && !shapes.may_contain(w) && !shapes.may_contain(bare_any_case(w)) {
        return false;
    }
    let has = |w: &str| shapes.may_contain(w) && set.contains(w);
    // `bare` mostly leaves the word as it is: it is looked up once then.
    with_lower(w, |lower| {
        has(lower) || {
            let b = bare(lower);
            b.len() < lower.len() && has(b)
        }
    })
}

/// True for the first byte of a character from U+00C0 to U+027F, U+0400 to U+047F or
/// U+1000 to U+1FFF: the lower case of each holds a character outside ASCII.
fn is_lead_of_non_ascii_lower(b: u8) -> bool {
    is_latin_or_cyrillic_lead(b) || b == 0xE1
}

/// The title lexicon, with its [`Shapes`] filter.
fn titles() -> &'static (FastSet<&'static str>, Shapes) {
    static SET: OnceLock<(FastSet<&'static str>, Shapes)> = OnceLock::new();
    SET.get_or_init(|| with_shapes(lexicon(include_str!("data/titles.txt"))))
}

/// Calls `f` with `w` in lower case: short ASCII words are lowered on the stack (the
/// common case), others in a `String`.
pub(crate) fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    // Most words are ASCII in lower case already: no copy then.
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(w);
    }
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return f(std::str::from_utf8(b).unwrap_or_default());
    }
    f(&w.to_lowercase())
}

/// True for honorifics that are not a role: "Mr.", "Mrs.", "Ms.", "Dr.".
pub(crate) fn is_honorific(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "Sir" | "Dame"
    )
}

/// The words of [`is_honorific`], without their period (a test checks that they agree).
pub(crate) const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame"];

/// The word without a contracted verb: "He’s" → "He", "they'd" → "they".
#[inline]
pub(crate) fn uncontract(w: &str) -> &str {
    // Each suffix is `'` or `’` and one or two letters: without an apostrophe (or the last
    // byte of `’`) two or three bytes from the end, the word has none.
    let b = w.as_bytes();
    let apostrophe_before = |k: usize| {
        b.len()
            .checked_sub(k + 1)
            .is_some_and(|i| matches!(b[i], b'\'' | 0x99))
    };
    if !apostrophe_before(1) && !apostrophe_before(2) {
        return w;
    }
    for suffix in [
        "'s", "’s", "'d", "’d", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'m", "’m",
    ] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return stem;
        }
    }
    w
}

/// True for personal pronouns that can be the subject of a speech verb (also contracted:
/// "he’s", "they’d").
#[inline]
pub(crate) fn is_pronoun(w: &str) -> bool {
    matches!(
        uncontract(w),
        "he" | "she"
            | "they"
            | "I"
            | "we"
            | "He"
            | "She"
            | "They"
            | "We"
            | "it"
            | "It"
            | "you"
            | "You"
    )
}

/// True for pronouns that point back to one person ("he", "she").
pub(crate) fn is_personal_pronoun(w: &str) -> bool {
    matches!(uncontract(w), "he" | "she" | "He" | "She")
}

/// Capitalized words that are not names: function words that start sentences, days,
/// months and the like.
pub(crate) fn is_capitalized_stopword(w: &str) -> bool {
    static SET: OnceLock<(FastSet<&'static str>, Shapes)> = OnceLock::new();
    let (set, shapes) =
        SET.get_or_init(|| with_shapes(CAPITALIZED_STOPWORDS.iter().copied().collect()));
    // Most names fail the shape filter (first and last byte, length) at once.
    let w = bare(w);
    shapes.may_contain(w) && set.contains(w)
}

/// The words of [`is_capitalized_stopword`].
pub(crate) const CAPITALIZED_STOPWORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "By",
    "To",
    "From",
    "With",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "Then",
    "That",
    "This",
    "These",
    "Those",
    "There",
    "Here",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Its",
    "Still",
    "Also",
    "Meanwhile",
    "However",
    "Later",
    "Earlier",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Asked",
    "According",
    "Speaking",
    "Like",
    "Even",
    "Instead",
    "Although",
    "Though",
    "Because",
    "Since",
    "Until",
    "During",
    "Under",
    "Over",
    "About",
    "Among",
    "Despite",
    "Why",
    "What",
    "Who",
    "How",
    "Where",
    "No",
    "Not",
    "Yes",
    "Republican",
    "Democratic",
    "Democrat",
    "Republicans",
    "Democrats",
];

/// True when `w` can be part of a personal name: capitalized, not a stopword, not a title.
pub(crate) fn is_name_word(w: &str) -> bool {
    // Every word that passes starts with an upper-case letter: a word starting with another
    // ASCII byte (most words) is decided at once.
    if w.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return false;
    }
    let Some(first) = w.chars().next() else {
        return false;
    };
    // The cheap tests first; the title look-up last.
    first.is_uppercase()
        && !w.ends_with(['.', ','])
        && w.chars().any(char::is_lowercase)
        && !is_honorific(w)
        && !is_capitalized_stopword(w)
        && !is_title_word(w)
        || is_initial(w)
        || matches!(w, "II" | "III" | "IV" | "Jr." | "Sr." | "Jr" | "Sr")
}

/// A middle or first initial: "J.", "H.W.".
pub(crate) fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && b.len() <= 5
        && b.chunks(2)
            .all(|c| c.len() == 2 && c[0].is_ascii_uppercase() && c[1] == b'.')
}

/// Lower-case particles allowed inside a name: "de", "van", "bin".
pub(crate) fn is_name_particle(w: &str) -> bool {
    // All are two or three lower-case letters: capitalized words are decided at once.
    w.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && matches!(
            w,
            "de" | "da" | "del" | "van" | "von" | "der" | "den" | "bin" | "al" | "la" | "le" | "du"
        )
}

/// A word of at most four bytes as one integer (its bytes and its length), to compare it
/// to several such words at once.
const fn short_key(w: &[u8]) -> u64 {
    let mut key = (w.len() as u64) << 32;
    let mut i = 0;
    while i < w.len() && i < 4 {
        key |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// The abbreviations [`ends_sentence`] reads before a period that ends no sentence, as
/// written (each of at most four bytes): the honorifics ([`HONORIFICS`]), titles, months,
/// "Inc", "vs"... (The tokenizer's word table marks them, to tell most short words before
/// a period without asking [`ends_sentence`].)
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Gen", "Lt", "Col", "Sgt", "Capt", "Maj",
    "Adm", "Cmdr", "Sen", "Rep", "Gov", "Rev", "Prof", "St", "Jr", "Sr", "Inc", "Corp", "Co", "No",
    "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "vs", "Ft", "Mt", "Pres", "Atty",
    "Supt", "Insp", "Det", "Sens", "Reps",
];

/// The index in [`ABBREVIATIONS`] of `w` (a word without its period), if it is one of
/// them, compared by its key ([`short_key`]) as [`ends_sentence`] compares it.
pub(crate) fn abbreviation_index(w: &[u8]) -> Option<usize> {
    if !(1..=4).contains(&w.len()) {
        return None;
    }
    let key = short_key(w);
    ABBREVIATION_KEYS.iter().position(|&k| k == key)
}

/// The keys ([`short_key`]) of the [`ABBREVIATIONS`], which [`ends_sentence`] compares a
/// word's key with.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = short_key(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    keys
};

/// The shape bit of a [`short_key`]: the low five bits of its first byte, and whether its
/// length is odd, as one of 64 bits.
const fn shape_bit(key: u64) -> u64 {
    1 << ((key & 31) | ((key >> 32) & 1) << 5)
}

/// The shape bits ([`shape_bit`]) of the abbreviations that [`ends_sentence`] compares a
/// word with: a word whose bit is not set is none of them, and is told so without the
/// comparisons ("Lee", "Kyiv").
const ABBREVIATION_SHAPES: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < ABBREVIATION_KEYS.len() {
        bits |= shape_bit(ABBREVIATION_KEYS[i]);
        i += 1;
    }
    bits
};

/// True when `w` ends a sentence when followed by a period: not "Mr", "U.S", "Gen" or an
/// initial.
pub(crate) fn ends_sentence(w: &str) -> bool {
    // Periods are ASCII: trimmed and looked for bytewise.
    let n = w.bytes().rposition(|b| b != b'.').map_or(0, |i| i + 1);
    let w = w.get(..n).unwrap_or("");
    let b = w.as_bytes();
    if b.is_empty() || b.contains(&b'.') {
        return false;
    }
    // A single capital: an initial (a word of more than one byte that starts with an
    // ASCII one is more than one char).
    if b.len() == 1 || !b[0].is_ascii() {
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_uppercase() {
                return false;
            }
        }
    }
    // A party and state: "R-Ky.", "D-Calif.".
    if matches!(w.as_bytes(), [b'R' | b'D' | b'I', b'-', c, ..] if c.is_ascii_uppercase())
        && w.len() <= 8
    {
        return false;
    }
    // Every abbreviation is at most four bytes long and starts with a capital, but "vs":
    // most words are decided without comparing them to any.
    if w.len() > 4 || (w.as_bytes()[0].is_ascii_lowercase() && w != "vs") {
        return true;
    }
    // An honorific or another abbreviation, compared as one integer each ([`short_key`]
    // of the word, read as one load), once its shape is one of theirs.
    let key = le_word(b) | (b.len() as u64) << 32;
    if ABBREVIATION_SHAPES & shape_bit(key) == 0 {
        return true;
    }
    !ABBREVIATION_KEYS.contains(&key)
}

/// True when `rest` starts with one of U+2010 to U+2021 (dashes, curly quotation marks,
/// daggers): punctuation, not blank, no letter or digit, and so common in news text that
/// the byte passes of classify skip decoding it. `rest` starts a character of a `str`.
pub(crate) fn is_plain_punctuation(rest: &[u8]) -> bool {
    matches!(rest, [0xE2, 0x80, 0x90..=0xA1, ..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::error::Error;

    /// [`LOW_BYTES`] holds the masks the shift of a `u128` gives.
    #[test]
    fn low_bytes_are_the_shifted_masks() {
        for n in 0..=8 {
            assert_eq!(low_bytes(n), ((1u128 << (8 * n)) - 1) as u64, "{n}");
        }
        assert_eq!(low_bytes(9), u64::MAX);
    }

    /// [`ascii_word_end`] ends where a walk of [`is_ascii_word_byte`] a byte at a time
    /// ends, from every place of random texts of word bytes, the bytes about their ranges
    /// and bytes outside ASCII.
    #[test]
    fn ascii_word_end_is_the_byte_by_byte_walk() {
        let parts = [
            "a",
            "Zq",
            "9",
            "'",
            "-",
            ".",
            "/",
            ",",
            " ",
            "@",
            "[",
            "`",
            "{",
            ":",
            "é",
            "’",
            "abcdefgh",
            "ADMINISTRATION",
            "U.S.",
            "don't",
            "1,000",
        ];
        let mut rng = crate::testgen::Rng::new(23);
        for n in 0..300 {
            let t = rng.text(&parts, n % 30);
            let b = t.as_bytes();
            for i in 0..=b.len() + 1 {
                let mut end = i;
                while b.get(end).is_some_and(|&c| is_ascii_word_byte(c)) {
                    end += 1;
                }
                assert_eq!(ascii_word_end(b, i), end, "{t:?} {i}");
            }
        }
    }

    /// [`ascii_letter_bits`] marks the bytes `is_ascii_alphabetic` is true for, every byte
    /// value in every place of the word, beside bytes that carry into it (letters, `0xFF`).
    #[test]
    fn ascii_letter_bits_are_the_letters() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0u8, b'z', b'A', 0xff, 0x80, b'@'] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = b;
                    let bits = ascii_letter_bits(u64::from_le_bytes(bytes));
                    for (k, &c) in bytes.iter().enumerate() {
                        let set = bits >> (8 * k) & 0xff;
                        assert_eq!(set, u64::from(c.is_ascii_alphabetic()) << 7, "{bytes:?}");
                    }
                }
            }
        }
    }

    /// [`byte_flags`]' lowest flag is the first byte equal to the one asked for, and it
    /// flags some byte exactly when one is equal: every byte value in every place, among
    /// bytes of every kind (equal ones among them).
    #[test]
    fn byte_flags_find_the_first_equal_byte() {
        for target in [0u8, b' ', b'"', 0x80, 0xE2, 0xFF] {
            for b in 0..=255u8 {
                for lane in 0..8 {
                    for fill in [0u8, 1, b' ', target, target.wrapping_add(1), 0xFF] {
                        let mut bytes = [fill; 8];
                        bytes[lane] = b;
                        let flags = byte_flags(u64::from_le_bytes(bytes), target);
                        let first = bytes.iter().position(|&c| c == target);
                        let got = (flags != 0).then(|| flags.trailing_zeros() as usize / 8);
                        assert_eq!(got, first, "{bytes:?} {target}");
                    }
                }
            }
        }
    }

    /// [`ascii_range_bits`] marks the bytes in its range, for ranges at the ends of ASCII
    /// and inside it, every byte value in every place beside bytes that carry.
    #[test]
    fn ascii_range_bits_are_the_bytes_in_range() {
        for (lo, hi) in [
            (0, 0x7F),
            (0, 0),
            (0x7F, 0x7F),
            (b'0', b'9'),
            (b'-', b'.'),
            (b'\'', b'\''),
        ] {
            for b in 0..=255u8 {
                for lane in 0..8 {
                    for fill in [0u8, 0x7F, 0xff, 0x80, lo, hi] {
                        let mut bytes = [fill; 8];
                        bytes[lane] = b;
                        let bits = ascii_range_bits(u64::from_le_bytes(bytes), lo, hi);
                        for (k, &c) in bytes.iter().enumerate() {
                            let set = bits >> (8 * k) & 0xff;
                            assert_eq!(set, u64::from((lo..=hi).contains(&c)) << 7, "{bytes:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn titles_are_ascii_and_the_lower_case_of_some_leads_is_not() {
        assert!(titles().0.iter().all(|t| t.is_ascii()));
        let mut seen = 0;
        for c in (0x80..=0xFFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            if is_lead_of_non_ascii_lower(s.as_bytes()[0]) {
                assert!(!c.to_lowercase().collect::<String>().is_ascii(), "{c:?}");
                assert_eq!(bare(&format!("x{s}")), format!("x{s}"), "{c:?}");
                seen += 1;
            }
        }
        assert!(seen > 4_000, "{seen}");
    }

    #[test]
    fn two_byte_letters_and_blanks_are_told_by_their_bytes() {
        for c in '\u{80}'..='\u{7ff}' {
            let s = format!("{c}");
            assert_eq!(
                is_two_byte_letter(s.as_bytes(), 0),
                c.is_alphabetic() && matches!(c, '\u{c0}'..='\u{27f}' | '\u{400}'..='\u{47f}'),
                "{c:?}"
            );
            if s.as_bytes()[0] >= 0xC3 {
                assert!(!crate::normalize::is_blank(c), "{c:?}");
            }
        }
    }

    #[test]
    fn quick_letter_tests_agree_with_std() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_wide_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_wide_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        // Asked again: every answer below LETTER_MEMO_END now comes from the memo, and
        // each class's bits are its own.
        for c in (0..=0x10_FFFF).rev().filter_map(char::from_u32) {
            assert_eq!(table_class(c, false), c.is_alphabetic(), "{c:?}");
            assert_eq!(table_class(c, true), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn word_len_agrees_with_is_word_char() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let s = format!("{c}{c}x");
            let n = if is_word_char(c) {
                2 * c.len_utf8() + 1
            } else {
                0
            };
            assert_eq!(word_len(&s), n, "{c:?}");
        }
    }

    #[test]
    fn lengths_from_the_back_are_those_of_trimming() {
        let parts = [
            "a", "Z", "9", " ", "\t", "\n", "'", "’", "-", ".", ",", "\"", "“", "\u{a0}",
            "\u{200b}", "\u{ad}", "é", "日本", "\u{2010}", "\u{7f}", "\u{1}",
        ];
        let mut rng = crate::testgen::Rng::new(0x0bac_0001);
        let blank = crate::normalize::is_blank;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 11);
            assert_eq!(
                blank_len_back(&s),
                s.len() - s.trim_end_matches(blank).len(),
                "{s:?}"
            );
            assert_eq!(
                word_len_back(&s),
                s.len() - s.trim_end_matches(is_word_char).len(),
                "{s:?}"
            );
        }
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let s = format!("x{c}{c}");
            let n = if is_word_char(c) {
                2 * c.len_utf8() + 1
            } else {
                0
            };
            assert_eq!(word_len_back(&s), n, "{c:?}");
            let n = if blank(c) { 2 * c.len_utf8() } else { 0 };
            assert_eq!(blank_len_back(&s), n, "{c:?}");
        }
    }

    #[test]
    fn ascii_word_lengths_from_the_back() {
        for (b, n) in [
            (&b""[..], 0),
            (b"ab", 2),
            (b"a b.c", 3),
            (b"x\xc3\xa9", 0),
            (b"\xc3\xa9x-'", 3),
        ] {
            assert_eq!(ascii_word_len_back(b), n, "{b:?}");
        }
    }

    #[test]
    fn partition_point_near_is_partition_point() {
        let mut rng = crate::testgen::Rng::new(0x9a27_0001);
        for round in 0..3_000 {
            let len = rng.below(40 + round % 200);
            let mut v: Vec<usize> = (0..len).map(|_| rng.below(100)).collect();
            v.sort_unstable();
            let t = rng.below(110);
            let want = v.partition_point(|&x| x < t);
            for near in 0..=len + 2 {
                assert_eq!(
                    partition_point_near(&v, near, |&x| x < t),
                    want,
                    "{v:?} {t} {near}"
                );
            }
        }
    }

    #[test]
    fn title_word_shape_test_agrees_with_the_full_test() {
        let mut words: Vec<String> = Vec::new();
        let suffixes = [
            "", ".", ",", "'s", "'S", "’s", "s", "S", ".,", "x", "é", "\u{212a}",
        ];
        for t in title_words() {
            for form in [t.to_owned(), t.to_uppercase(), {
                let mut c = t.to_owned();
                c[..1].make_ascii_uppercase();
                c
            }] {
                for s in suffixes {
                    words.push(format!("{form}{s}"));
                    words.push(format!("{s}{form}"));
                }
                // Every cut of the word too.
                for n in 0..=form.len() {
                    words.extend(form.get(..n).map(str::to_owned));
                }
            }
        }
        let mut rng = crate::testgen::Rng::new(0x7171_e5ed);
        let parts = [
            "a", "e", "r", "s", "S", "t", "n", "G", "M", ".", ",", "'", "’", "é", "É", "\u{212a}",
            "ing", "gen", "ceo", "chief", "-",
        ];
        for _ in 0..100_000 {
            let n = 1 + rng.below(12);
            words.push(rng.text(&parts, n));
        }
        words.push("x".repeat(24));
        words.push("x".repeat(25));
        words.push("president-".repeat(3));
        for w in &words {
            assert_eq!(is_title_word(w), is_title_word_full(w), "{w:?}");
        }
    }

    #[test]
    fn title_words_in_any_case() {
        for w in [
            "Secretary",
            "SECRETARY",
            "secretary",
            "Spokesman's",
            "SPOKESMAN'S",
            "Gen.",
            "GEN.",
            "Mr.",
            "MR",
            "Lt.,",
            "Peskov",
            "The",
            "president's",
            "PRESIDENT'S.",
            "'S",
            "",
            "S",
        ] {
            let lower = w.to_lowercase();
            let set_has = |x: &str| lexicon(include_str!("data/titles.txt")).contains(x);
            assert_eq!(
                is_title_word(w),
                set_has(&lower) || set_has(bare(&lower)),
                "{w}"
            );
        }
        assert!(is_title_word("SPOKESMAN'S") && is_title_word("Gen."));
    }

    #[test]
    fn speech_verbs_in_any_case() {
        for w in [
            "Says", "SAID", "Told.", "Added:", "States", "The", "Smith", "", ".", "Co-Wrote",
        ] {
            assert_eq!(
                is_speech_verb_any_case(w),
                with_lower(w, is_speech_verb),
                "{w}"
            );
        }
        assert!(is_speech_verb_any_case("Says") && is_speech_verb_any_case("SAID"));
    }

    #[test]
    fn contractions() {
        for (w, stem) in [
            ("he's", "he"),
            ("He’s", "He"),
            ("they'd", "they"),
            ("we’ll", "we"),
            ("you're", "you"),
            ("I'm", "I"),
            ("I’ve", "I"),
            ("she", "she"),
            ("'s", ""),
            ("s", "s"),
            ("’", "’"),
            ("", ""),
        ] {
            assert_eq!(uncontract(w), stem, "{w}");
        }
    }

    #[test]
    fn word_and_blank() {
        assert_eq!(
            word::<Error<&str>>("U.S.-led coalition"),
            Ok((" coalition", "U.S.-led"))
        );
        assert_eq!(blank0::<Error<&str>>("\u{a0} x"), Ok(("x", "\u{a0} ")));
        assert!(word::<Error<&str>>(" x").is_err());
    }

    #[test]
    fn speech_verb_filter_passes_every_speech_verb() {
        let filter = SpeechVerbFilter::new();
        let mut words: Vec<String> = speech_verb_forms().map(String::from).collect();
        for form in speech_verb_forms() {
            for tail in [".", ",", ":", "..", "'s", "-", "s"] {
                words.push(format!("{form}{tail}"));
            }
            words.push(form.to_uppercase());
            words.push(form[1..].to_string());
            words.push(form[..form.len() - 1].to_string());
        }
        words.extend(
            [
                "", ".", "-", "open", "pen", "the", "Said", "said-", "-said", "a.b.", "éclat",
            ]
            .map(String::from),
        );
        for w in &words {
            if is_speech_verb(w) {
                assert!(filter.may_match(w.as_bytes()), "{w:?}");
            }
        }
        assert!(!filter.may_match(b"open"));
        assert!(!filter.may_match(b"Said"));
        assert!(!filter.may_match(b""));
        assert!(filter.may_match(b"said"));
        assert!(filter.may_match(b"said."));
    }

    /// The table answers as the hashed set on the lexicon's forms, cut, extended,
    /// re-cased and marked, and on other words of every shape.
    #[test]
    fn is_speech_verb_agrees_with_the_plain_set() {
        let mut words: Vec<String> = speech_verb_forms().map(String::from).collect();
        for form in speech_verb_forms() {
            for tail in [".", ",", ":", "..", ".,:", "'s", "-", "s", "d", "ed", "é"] {
                words.push(format!("{form}{tail}"));
                words.push(format!("{tail}{form}"));
            }
            words.push(form.to_uppercase());
            let mut cap = form.to_string();
            cap[..1].make_ascii_uppercase();
            words.push(cap);
            for i in 0..form.len() {
                words.push(form[i..].to_string());
                words.push(form[..i].to_string());
                let mut b = form.as_bytes().to_vec();
                b[i] = b[i].wrapping_add(1) & 0x7f;
                words.extend(String::from_utf8(b).ok());
            }
        }
        words.extend(
            [
                "",
                ".",
                ",",
                ":",
                "-",
                "--",
                "a",
                "the",
                "open",
                "pen",
                "Said",
                "said-",
                "-said",
                "a.b.",
                "éclat",
                "s\u{e9}d",
                "acknowledgingacknowledging",
                "x-x-x-x-x-x-x-x-x",
                "said\0",
                "sa\u{301}id",
                "ssssssssssssssssssssssssssssssssssss",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(is_speech_verb(w), is_speech_verb_plain(w), "{w:?}");
        }
        assert!(words.iter().any(|w| is_speech_verb(w)));
    }

    /// [`list_words`] reads the lists as `lines` and `split_whitespace` read them, and so
    /// do the sets and the tables made from it: the speech verb forms are the list's forms,
    /// each once, with the filter of the set of them, and the table holds those of
    /// lower-case letters and hyphens.
    #[test]
    fn list_words_split_as_split_whitespace() {
        let plain = |data: &'static str| -> Vec<&'static str> {
            data.lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::split_whitespace)
                .collect()
        };
        for data in [
            SPEECH_VERBS,
            include_str!("data/titles.txt"),
            "",
            "a",
            "#a b\nc d",
            "a\r\n#b\r\n c  d\te\x0cf\n\n#",
            " #a\n##\nabcdefghijklmnopq rstuvwxyz0123456789 x",
            "é ü\n日本 ж",
        ] {
            assert_eq!(
                list_words(data).collect::<Vec<_>>(),
                plain(data),
                "{data:?}"
            );
        }
        let data = include_str!("data/titles.txt");
        let set: FastSet<&str> = plain(data).into_iter().collect();
        assert_eq!(lexicon(data), set);
        assert_eq!(titles().1, Shapes::new(set.iter().copied()));
        let set: FastSet<&str> = plain(SPEECH_VERBS).into_iter().collect();
        let mut forms: Vec<&str> = speech_verb_forms().collect();
        assert_eq!(forms.len(), set.len());
        forms.sort_unstable();
        let mut want: Vec<&str> = set.iter().copied().collect();
        want.sort_unstable();
        assert_eq!(forms, want);
        assert_eq!(speech_verbs().shapes, Shapes::new(set.iter().copied()));
        for w in set {
            let verb = w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            assert_eq!(speech_verb_table().contains(w.as_bytes()), verb, "{w}");
        }
    }

    /// A table holds its words, in groups of one shape or several, and no other word.
    #[test]
    fn shape_table_holds_exactly_its_words() {
        let set = [
            "a",
            "ab",
            "ba",
            "abc",
            "axc",
            "ayc",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnopqrstuvwxyz0123456789",
            "a",
        ];
        let table = ShapeTable::new(set, 0);
        for w in set {
            assert!(table.contains(w.as_bytes()), "{w}");
        }
        // Each word once ("a" is given twice), the groups' ranges closed up.
        let mut words: Vec<&str> = table.words().collect();
        words.sort_unstable();
        let mut want = set.to_vec();
        want.sort_unstable();
        want.dedup();
        assert_eq!(words, want);
        assert_eq!(
            table.groups.last().map(|g| usize::from(g.1)),
            Some(want.len())
        );
        assert!(table.groups.windows(2).all(|g| g[0].1 == g[1].0));
        let twice: Vec<&'static str> = set.iter().chain(set.iter()).copied().collect();
        let doubled = ShapeTable::new(twice, 0);
        assert_eq!(doubled.words, table.words);
        assert_eq!(doubled.groups, table.groups);
        for w in [
            "",
            "b",
            "aa",
            "abd",
            "azc",
            "abcdefgx",
            "abcdefghx",
            "abcdefghijklmnox",
            "xbcdefghijklmnopq",
            "abcdefghijklmnopqrstuvwxyz012345678x",
            "A",
            "Ab",
        ] {
            assert!(!table.contains(w.as_bytes()), "{w}");
        }
        assert!(!ShapeTable::new([], 0).contains(b"a"));
    }

    /// Packed words of one length up to 16 bytes are equal when the words are.
    #[test]
    fn packed_words_of_one_length_are_equal_when_the_words_are() {
        let a: Vec<u8> = (b'a'..=b'q').collect();
        for n in 0..=16 {
            let x = &a[..n];
            assert_eq!(ShapeTable::packed(x), ShapeTable::packed(x));
            for i in 0..n {
                let mut y = x.to_vec();
                y[i] ^= 0x20;
                assert_ne!(ShapeTable::packed(x), ShapeTable::packed(&y), "{n} {i}");
            }
        }
    }

    #[test]
    fn speech_verbs_from_the_lexicon() {
        for w in [
            "said",
            "says",
            "told",
            "added",
            "asked",
            "wrote",
            "tweeted",
            "described",
        ] {
            assert!(is_speech_verb(w), "{w}");
        }
        for w in ["States", "Said", "table", "the", ""] {
            assert!(!is_speech_verb(w), "{w}");
        }
        assert_eq!(
            speech_verb::<Error<&str>>("said Mr. X"),
            Ok((" Mr. X", "said"))
        );
        assert!(speech_verb::<Error<&str>>("sad").is_err());
    }

    /// [`slack_bytes`] by its definition, a byte at a time.
    fn slack_by_bytes(b: &[u8], from: usize, to: usize) -> usize {
        let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
        (from..to)
            .filter(|&i| {
                b[i] == b'\r' || blank(b[i]) && i > 0 && blank(b[i - 1]) && b[i - 1] != b'\r'
            })
            .count()
    }

    #[test]
    fn slack_bytes_are_those_counted_byte_by_byte() {
        let parts = [
            "a", " ", "  ", "\t", "\r\n", "\r", "\n", "é", "\x7f", "\x01", "!", "word ",
        ];
        let mut rng = crate::testgen::Rng::new(0x51ac_4b17);
        let mut any = [0, 0];
        for round in 0..20_000 {
            let text = rng.text(&parts, round % 40);
            let b = text.as_bytes();
            let from = rng.below(b.len() + 1);
            let to = from + rng.below(b.len() + 1 - from);
            assert_eq!(
                slack_bytes(b, from, to),
                slack_by_bytes(b, from, to),
                "{text:?} {from}..{to}"
            );
            // The whole text: any slack past the first byte, or a `\r` (at the first).
            let want = slack_by_bytes(b, 0, b.len()) > 0;
            assert_eq!(has_slack(b), want, "{text:?}");
            any[usize::from(want)] += 1;
        }
        assert!(any[0] > 1_000 && any[1] > 1_000, "{any:?}");
        assert_eq!(slack_bytes(b"a  b", 3, 2), 0);
        assert_eq!(slack_bytes(b"a  b", 0, 9), 0);
    }

    #[test]
    fn according_to_is_held_as_cue_phrase_reads_it() {
        let parts = [
            "according",
            "to",
            "ccording",
            " ",
            "  ",
            "\n",
            "\t",
            "x",
            "a",
            "é",
        ];
        let mut rng = crate::testgen::Rng::new(0x00ac_c02d);
        let mut held = 0;
        for round in 0..20_000 {
            let text = rng.text(&parts, 1 + round % 12);
            // By its definition: `cue_phrase` (lower case, under 16 bytes) read at any
            // "according".
            let want = text.match_indices("according").any(|(i, _)| {
                cue_phrase::<nom::error::Error<&str>>(&text[i..])
                    .is_ok_and(|(_, cue)| cue.len() < 16 && cue.starts_with('a'))
            });
            assert_eq!(holds_according_to(&text), want, "{text:?}");
            held += usize::from(want);
        }
        assert!(held > 500, "{held}");
        assert!(holds_according_to("x according  to y"));
        assert!(holds_according_to("according\nto y"));
        assert!(!holds_according_to("According to y"));
        assert!(!holds_according_to("according, to y"));
    }

    #[test]
    fn cue_phrases() {
        assert_eq!(
            cue_phrase::<Error<&str>>("according to X"),
            Ok((" X", "according to"))
        );
        assert_eq!(
            cue_phrase::<Error<&str>>("in a statement."),
            Ok((".", "in a statement"))
        );
        assert!(cue_phrase::<Error<&str>>("in a way").is_err());
    }

    #[test]
    fn honorifics_are_the_listed_words() {
        for h in HONORIFICS {
            assert!(is_honorific(h) && is_honorific(&format!("{h}.")), "{h}");
        }
        let words = CAPITALIZED_STOPWORDS
            .iter()
            .copied()
            .chain(title_words())
            .chain(speech_verb_forms())
            .chain([
                "Mr", "Mrs.", "Dr.", "Sir", "Dame", "Miss", "Ms.", "Mx", "Prof.", "Lady",
            ]);
        for w in words {
            assert_eq!(
                is_honorific(w),
                HONORIFICS.contains(&w.trim_end_matches('.')),
                "{w}"
            );
        }
    }

    /// [`ends_sentence`] as first written, with `str` searches and no early answer.
    fn ends_sentence_by_chars(w: &str) -> bool {
        let w = w.trim_end_matches('.');
        if w.is_empty() {
            return false;
        }
        if w.contains('.') || (w.chars().count() == 1 && w.chars().all(char::is_uppercase)) {
            return false;
        }
        if matches!(w.as_bytes(), [b'R' | b'D' | b'I', b'-', c, ..] if c.is_ascii_uppercase())
            && w.len() <= 8
        {
            return false;
        }
        !(is_honorific(w)
            || matches!(
                w,
                "Gen"
                    | "Lt"
                    | "Col"
                    | "Sgt"
                    | "Capt"
                    | "Maj"
                    | "Adm"
                    | "Cmdr"
                    | "Sen"
                    | "Rep"
                    | "Gov"
                    | "Rev"
                    | "Prof"
                    | "St"
                    | "Jr"
                    | "Sr"
                    | "Inc"
                    | "Corp"
                    | "Co"
                    | "No"
                    | "Jan"
                    | "Feb"
                    | "Aug"
                    | "Sept"
                    | "Sep"
                    | "Oct"
                    | "Nov"
                    | "Dec"
                    | "vs"
                    | "Ft"
                    | "Mt"
                    | "Pres"
                    | "Atty"
                    | "Supt"
                    | "Insp"
                    | "Det"
                    | "Sens"
                    | "Reps"
            ))
    }

    #[test]
    fn abbreviation_shapes_hold_every_abbreviation() {
        // Every abbreviation ends no sentence (as the reference by characters reads it),
        // and so does every honorific, each of which is listed.
        for w in ABBREVIATIONS {
            let v = format!("{w}.");
            assert!(
                w.len() <= 4 && !ends_sentence(&v) && !ends_sentence_by_chars(&v),
                "{w}"
            );
        }
        for w in HONORIFICS {
            assert!(ABBREVIATIONS.contains(w), "{w}");
        }
        for w in ABBREVIATIONS {
            let key = short_key(w.as_bytes());
            assert_ne!(ABBREVIATION_SHAPES & shape_bit(key), 0, "{w}");
            assert_eq!(key, le_word(w.as_bytes()) | (w.len() as u64) << 32, "{w}");
        }
        // Words of other shapes are told at once.
        for w in ["Lee", "Kyiv", "Bob"] {
            assert_eq!(
                ABBREVIATION_SHAPES & shape_bit(short_key(w.as_bytes())),
                0,
                "{w}"
            );
            assert!(ends_sentence(&format!("{w}.")), "{w}");
        }
    }

    #[test]
    fn ends_sentence_reads_periods_bytewise() {
        for w in [
            "", ".", "..", "ISIL.", "ISIL", "Mr.", "Mr", "U.S.", "U.S", "J.", "J", "j.", "É.", "É",
            "é.", "ÉÉ.", "a.m.", "R-Ky.", "D-Calif.", "Gen.", "Jan.", "said.", "said..", "x.y",
            "Ⅻ.", "ǅ.", "5.", "Lee.", "Lee", "vs.", "vs", "Vs.", "Sept.", "Sepp.", "Insp.", "sen.",
            "Reps.", "Repss.", "Dame.", "Miss.", "Mrs.", "Dr.", "Sir.",
        ] {
            assert_eq!(ends_sentence(w), ends_sentence_by_chars(w), "{w:?}");
        }
        let words = CAPITALIZED_STOPWORDS
            .iter()
            .copied()
            .chain(HONORIFICS.iter().copied())
            .chain(title_words())
            .chain(speech_verb_forms())
            .chain(ABBREVIATIONS.iter().copied());
        for w in words {
            for v in four_casings(w) {
                let v = format!("{v}.");
                assert_eq!(ends_sentence(&v), ends_sentence_by_chars(&v), "{v:?}");
            }
        }
    }

    #[test]
    fn word_classes() {
        assert!(is_title_word("Secretary"));
        assert!(is_title_word("spokesman"));
        assert!(is_title_word("Gen."));
        assert!(is_title_word("Lt."));
        assert!(!is_title_word("Peskov"));
        assert!(is_name_word("Peskov"));
        assert!(is_name_word("J."));
        assert!(!is_name_word("The"));
        assert!(!is_name_word("Sen."));
        assert!(!is_name_word("said"));
        assert!(is_pronoun("he") && is_personal_pronoun("She") && !is_pronoun("the"));
        assert!(ends_sentence("ISIL.") && !ends_sentence("Mr.") && !ends_sentence("U.S."));
        assert!(!ends_sentence("J."));
    }

    #[test]
    fn plain_punctuation_is_what_it_claims() {
        let mut buf = [0u8; 4];
        for c in '\u{2000}'..='\u{206F}' {
            let plain = is_plain_punctuation(c.encode_utf8(&mut buf).as_bytes());
            assert_eq!(plain, ('\u{2010}'..='\u{2021}').contains(&c), "{c:?}");
            if plain {
                assert!(
                    !crate::normalize::is_blank(c) && !c.is_alphanumeric(),
                    "{c:?}"
                );
                assert!(!matches!(c, '•' | '…' | '›' | '©' | '@'), "{c:?}");
            }
        }
        assert!(!is_plain_punctuation(b"\xE2\x80") && !is_plain_punctuation(b"-"));
    }
}
