//! Recognizers for the short metadata blocks around a story: bylines, date lines, photo
//! credits, related-topic headings and tag lines. Each looks at one block only.

use super::features::Features;
use super::lexicon::{folded_words, lexicon, with_fold, Lexicon, WordSets};
use crate::lex::{blank0, word};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char, space1};
use nom::combinator::{opt, recognize};
use nom::error::ParseError;
use nom::sequence::terminated;
use nom::{IResult, Offset, Parser};

/// True for a word that can be part of a person's name: starts upper case (or is a name
/// particle such as "de", "van", "al").
fn is_name_word(w: &str) -> bool {
    // Most words (every ASCII one) are told by their bytes.
    if let Some(name) = name_word_of_bytes(w.as_bytes()) {
        return name;
    }
    let w = w.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | '"' | '“' | '”'));
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            chars.all(|c| crate::lex::is_wide_alphabetic(c) || matches!(c, '.' | '-' | '\'' | '’'))
        }
        Some(_) => matches!(
            w,
            "de" | "da"
                | "del"
                | "della"
                | "di"
                | "van"
                | "von"
                | "der"
                | "den"
                | "la"
                | "le"
                | "al"
                | "bin"
                | "ibn"
                | "dos"
                | "das"
        ),
        None => false,
    }
}

/// [`is_name_word`] of a word whose ends (once the ASCII marks it trims, `,` `.` `(` `)`
/// `"`, are trimmed) are ASCII, by its bytes, with no character decoded; `None` for any
/// other word, and for one whose capital is followed by a byte outside ASCII (a letter,
/// maybe, which only the test of characters tells). Every ASCII word is told. Such a
/// word's trimmed part is the one the test of characters trims too (the curly quotes it
/// also trims are not ASCII), and an ASCII character is upper case or alphabetic exactly
/// when `is_ascii_uppercase` or `is_ascii_alphabetic` says so: the answer is the test of
/// characters' (the test `name_words_agree_with_the_char_test` checks it). The walk over
/// the rest tells on the way whether what it reads is ASCII: a test of ASCII over the
/// whole word first cost a loop whose end was mispredicted in most calls (web corpus:
/// 49K simulated mispredicts in `is_name_word`, 26K since).
#[inline]
fn name_word_of_bytes(w: &[u8]) -> Option<bool> {
    let trimmed = |b: &u8| matches!(b, b',' | b'.' | b'(' | b')' | b'"');
    let start = w.iter().position(|b| !trimmed(b)).unwrap_or(w.len());
    let end = w.iter().rposition(|b| !trimmed(b)).map_or(start, |i| i + 1);
    let t = w.get(start..end).unwrap_or_default();
    match t {
        [] => Some(false),
        [first, .., last] | [first @ last] if !first.is_ascii() || !last.is_ascii() => None,
        [first, rest @ ..] if first.is_ascii_uppercase() => {
            match rest
                .iter()
                .position(|&b| !(b.is_ascii_alphabetic() || matches!(b, b'.' | b'-' | b'\'')))
            {
                None => Some(true),
                Some(i) if rest[i].is_ascii() => Some(false),
                Some(_) => None,
            }
        }
        _ => Some(is_particle(t)),
    }
}

/// A word of a text as [`name_word_at`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameWord {
    /// No word is left.
    End,
    /// A name word ([`is_name_word`]) of ASCII, from `start` up to `end` (before the white
    /// space that ends it, or the text's end).
    Name { start: usize, end: usize },
    /// A word that is no name word.
    Not,
    /// A word that holds a byte outside ASCII the walk does not tell: the test of
    /// characters is asked ([`is_name_word`] of a word `split_whitespace` gives).
    Untold,
}

/// The class of each byte in [`name_word_at`]'s walk ([`NAME_BYTE`]), as bits: a byte that
/// may follow a name's capital (an ASCII letter, `.`, `-`, `'`), a mark the name test
/// trims from the word's ends (`,` `.` `(` `)` `"`), ASCII white space ([`is_ascii_white`])
/// and a byte outside ASCII; 0 for any other ASCII byte.
const NAME_INNER: u8 = 1;
const NAME_TRIM: u8 = 2;
const NAME_WHITE: u8 = 4;
const NAME_OUTSIDE: u8 = 8;

/// The [`NAME_INNER`], [`NAME_TRIM`], [`NAME_WHITE`] and [`NAME_OUTSIDE`] bits of every byte.
const NAME_BYTE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            NAME_OUTSIDE
        } else if is_ascii_white(c) {
            NAME_WHITE
        } else if c == b'.' {
            NAME_INNER | NAME_TRIM
        } else if c.is_ascii_alphabetic() || c == b'-' || c == b'\'' {
            NAME_INNER
        } else if matches!(c, b',' | b'(' | b')' | b'"') {
            NAME_TRIM
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The first word of `b` at or after `at` (past ASCII white space), found and told a name
/// word or not ([`is_name_word`]) in one walk over its bytes: the words of the text split
/// at ASCII white space ([`is_ascii_white`]; `split_whitespace`'s words of an ASCII text),
/// each told by [`name_word_of_bytes`] where it is ASCII and [`NameWord::Untold`] where it
/// is not, but for a word that the walk tells no name word before it meets a byte outside
/// ASCII, which it leaves there, where its end is not needed.
///
/// A word led by a capital (most name words) is read by [`NAME_BYTE`]: letters and the
/// marks a name may hold, then the marks the test trims from its end, then white space or
/// the end of the text. A word led by another ASCII byte that is no first byte of a
/// particle ([`PARTICLE_STARTS`]) and no mark the test trims is no name word, told by that
/// byte (a lower-case word, a number). A word that is no name word by an ASCII byte is no
/// name word to the test of characters either, whatever follows: the bytes before are
/// ASCII and no white space, so `split_whitespace`'s word starts where this one does and
/// holds that byte where the test neither trims it nor lets it pass. Any other word (a
/// particle, one led by a trimmed mark) is found whole and told by [`name_word_of_bytes`].
///
/// The split into words (`slice::split`) then the test of each word's bytes cost
/// `after_name` ~250 instructions a call, most of the name lines' test
/// ([`name_then_date_or_handle`]) on the web pages. The test
/// `name_words_walked_are_the_split_words` compares the walk with the split and the test
/// of each word on random texts.
#[inline]
fn name_word_at(b: &[u8], at: usize) -> NameWord {
    let Some(start) = b
        .get(at..)
        .and_then(|rest| rest.iter().position(|&c| !is_ascii_white(c)))
        .map(|i| at + i)
    else {
        return NameWord::End;
    };
    let first = b[start];
    if first.is_ascii_uppercase() {
        // The letters and marks after the capital, then the marks trimmed from its end,
        // then white space or the end of the text.
        let past = |from: usize, bits: u8| {
            b[from..]
                .iter()
                .position(|&c| NAME_BYTE[usize::from(c)] & bits == 0)
                .map_or(b.len(), |i| from + i)
        };
        let mut end = past(start + 1, NAME_INNER);
        if b.get(end)
            .is_some_and(|&c| NAME_BYTE[usize::from(c)] & NAME_TRIM != 0)
        {
            end = past(end, NAME_TRIM);
        }
        return match b.get(end).map(|&c| NAME_BYTE[usize::from(c)]) {
            None | Some(NAME_WHITE) => NameWord::Name { start, end },
            Some(NAME_OUTSIDE) => NameWord::Untold,
            Some(_) => NameWord::Not,
        };
    }
    if first.is_ascii()
        && !PARTICLE_STARTS.contains(&first)
        && NAME_BYTE[usize::from(first)] & NAME_TRIM == 0
    {
        return NameWord::Not;
    }
    let end = b[start..]
        .iter()
        .position(|&c| is_ascii_white(c))
        .map_or(b.len(), |i| start + i);
    let w = &b[start..end];
    if !w.is_ascii() {
        NameWord::Untold
    } else if name_word_of_bytes(w) == Some(true) {
        NameWord::Name { start, end }
    } else {
        NameWord::Not
    }
}

/// False when the first word of `s` (as `split_whitespace` gives it) is surely no name
/// word ([`is_name_word`]), told by the first byte alone: an ASCII byte that is no capital,
/// no first letter of a particle ([`PARTICLE_STARTS`]), none of the marks the test trims
/// (`,` `.` `(` `)` `"`) and no blank or control (before which the first word may start
/// later) starts a word that is no name word, with no walk to its end. Any other first
/// byte passes. The tests of names ([`after_name`], [`name_then_agency_at_separator`],
/// [`is_bare_name`]) read many blocks that start with a digit or a word in lower case.
#[inline]
fn may_open_with_name_word(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(&c) if c.is_ascii() => {
            c.is_ascii_uppercase()
                || PARTICLE_STARTS.contains(&c)
                || matches!(c, b',' | b'.' | b'(' | b')' | b'"')
                || c <= b' '
                || c == 0x7f
        }
        _ => true,
    }
}

/// The first bytes of the name particles ([`is_particle`]; the test
/// `name_particles_start_as_listed` checks them).
const PARTICLE_STARTS: &[u8] = b"abdilv";

/// True for a name particle ("de", "van", "al"), in lower case as it must be.
fn is_particle(w: &[u8]) -> bool {
    matches!(
        w,
        b"de"
            | b"da"
            | b"del"
            | b"della"
            | b"di"
            | b"van"
            | b"von"
            | b"der"
            | b"den"
            | b"la"
            | b"le"
            | b"al"
            | b"bin"
            | b"ibn"
            | b"dos"
            | b"das"
    )
}

/// The opening word of a byline ("By", "Par", "Por", "Von"), with an optional colon.
fn byline_prefix<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    recognize((
        opt(alt((tag("//"), tag("—"), tag("-")))),
        blank0,
        word,
        opt(char(':')),
        space1,
    ))
    .parse(input)
}

/// "Story by", "Words by", "Reporting by" → the rest.
fn byline_lead<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    recognize(terminated(
        word,
        (space1, tag_no_case("by"), opt(char(':')), space1),
    ))
    .parse(input)
}

/// "By Jane Doe": a byline word, then a name.
fn by_name(lex: &Lexicon, s: &str) -> bool {
    // The name test first: it is cheaper than folding the byline word.
    let is_byline_word = |w: &str| with_fold(w, |w| lex.is("byline", w));
    if let Ok((rest, prefix)) = byline_prefix::<nom::error::Error<&str>>(s) {
        if rest.split_whitespace().next().is_some_and(is_name_word) && is_byline_word(prefix) {
            return true;
        }
    }
    if let Ok((rest, lead)) = byline_lead::<nom::error::Error<&str>>(s) {
        let first = lead.split_whitespace().next().unwrap_or("");
        if rest.split_whitespace().next().is_some_and(is_name_word) && is_byline_word(first) {
            return true;
        }
    }
    false
}

/// The text after the name that starts `s` ("Jane Doe" of "Jane Doe - Apr 16"): two to
/// four name words, up to and including one that ends with a comma. `None` when fewer
/// than two words start the line as a name.
fn after_name(s: &str) -> Option<&str> {
    if !may_open_with_name_word(s) {
        return None;
    }
    // Words of ASCII (most) found and told by one walk over their bytes, with no character
    // decoded ([`name_word_at`]): `split_whitespace` cost some 117 instructions a word. A
    // word with a byte outside
    // ASCII may hold white space outside ASCII (U+00A0), where `split_whitespace` splits
    // it: the split of the characters is asked then. The test
    // `names_end_where_the_split_ends_them` compares the two on random texts.
    let b = s.as_bytes();
    let mut at = 0;
    let ascii_words = std::iter::from_fn(|| match name_word_at(b, at) {
        NameWord::End => None,
        NameWord::Name { end, .. } => {
            at = end;
            Some((end, Some(true), b[end - 1] == b','))
        }
        NameWord::Not => Some((at, Some(false), false)),
        NameWord::Untold => Some((at, None, false)),
    });
    let end = name_end(ascii_words).unwrap_or_else(|| {
        let words = s.split_whitespace().map(|w| {
            (
                s.offset(w) + w.len(),
                Some(is_name_word(w)),
                w.ends_with(','),
            )
        });
        name_end(words).flatten()
    })?;
    Some(s.get(end..).unwrap_or(""))
}

/// Where the name [`after_name`] reads ends, from the first words of a text, each as its
/// end in the text, whether it is a name word ([`is_name_word`]; `None` when that cannot be
/// told) and whether it ends with a comma: two to four name words, up to and including one
/// that ends with a comma. `Some(None)` when fewer than two words start the text as a name,
/// and `None` when a word that is read cannot be told.
fn name_end(words: impl Iterator<Item = (usize, Option<bool>, bool)>) -> Option<Option<usize>> {
    let mut name_words = 0;
    let mut end = 0;
    for (word_end, name, comma) in words.take(4) {
        if !name? {
            break;
        }
        name_words += 1;
        end = word_end;
        if comma {
            break;
        }
    }
    Some((name_words >= 2).then_some(end))
}

/// Strings [`name_then_date_or_handle`] writes into, kept on the thread from one block to
/// the next: made fresh they were 2.4 allocations per web page (a fold for every
/// byline-like block whose tail has a digit, and a single-spaced copy of some tails).
#[derive(Debug, Default)]
struct Kept {
    /// The single-spaced tail.
    spaced: String,
    /// Its fold ([`super::features::block_features`]'s arena).
    fold: String,
}

thread_local! {
    /// The thread's [`Kept`] strings.
    static KEPT: std::cell::RefCell<Kept> = std::cell::RefCell::new(Kept::default());
    /// The lower-case block of [`credit_by_word`], kept from one block to the next (made
    /// fresh, 1.3 allocations per web page). Taken out of the cell while in use, as
    /// [`with_fold`]'s buffer is: [`credit_by_word`] lends it across its loop.
    static LOWER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// The thread's kept lower-case string, taken out of its cell (a fresh one when it is in
/// use or gone with the thread).
fn taken_lower() -> String {
    LOWER.try_with(std::cell::Cell::take).unwrap_or_default()
}

/// Puts `lower` back for the next block ([`taken_lower`]), unless it is a huge block's.
fn give_back_lower(mut lower: String) {
    crate::scratch::recycle_text(&mut lower);
    if lower.capacity() > 0 {
        let _ = LOWER.try_with(|kept| kept.set(lower));
    }
}

/// `s.to_lowercase()`, written into `buf` (emptied) and given back. `str::to_lowercase`
/// lowers each character as `char::to_lowercase` does but for `Σ` (a final sigma at a
/// word's end): a block with one is lowered by it.
fn lower_case_in(s: &str, mut buf: String) -> String {
    crate::scratch::recycle_text(&mut buf);
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else if s.contains('Σ') {
        buf.push_str(&s.to_lowercase());
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
    }
    buf
}

/// `s` with its words joined by single spaces: `s` itself when it already is, else written
/// into `buf`.
fn single_spaced_in<'b>(s: &'b str, buf: &'b mut String) -> &'b str {
    let mut after_space = true;
    let already = s.chars().all(|c| {
        let space = c.is_whitespace();
        let ok = !space || c == ' ' && !after_space;
        after_space = space;
        ok
    }) && !after_space;
    if already {
        return s;
    }
    crate::scratch::recycle_text(buf);
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(w);
    }
    buf
}

/// "Jane Doe - Apr 16, 2015 8:02 pm UTC", "Jane Doe 1 day ago", "Jane Doe, @janedoe": a
/// name, then a date or a handle.
fn name_then_date_or_handle(s: &str) -> bool {
    let Some(rest) = tail_after_name(s) else {
        return false;
    };
    // A date line has ASCII digits ([`is_date`]): the features of the rest are computed
    // only when it has some ([`ascii_date_tail`], which counts a tail's digits anyway,
    // tells most tails with no search for one). The fold is written into room made for it
    // at once, not grown from nothing: the fold is no longer than the text, and sixteen
    // bytes after it take both a short word written whole and the padding of the word-set
    // walk ([`super::lexicon::Lexicon::boilerplate_with_sets`]; with eight, that walk grew
    // the buffer again, 1.3 allocations a web page).
    // (Both strings are the thread's kept ones: [`Kept`].)
    if ascii_date_tail(rest).unwrap_or_else(|| {
        rest.bytes().any(|b| b.is_ascii_digit())
            && crate::scratch::with_kept(&KEPT, |kept| {
                let fold = &mut kept.fold;
                crate::scratch::recycle_text(fold);
                fold.reserve(rest.len() + 16);
                is_date(
                    rest,
                    &super::features::block_features(
                        single_spaced_in(rest, &mut kept.spaced),
                        fold,
                    ),
                )
            })
    }) {
        return true;
    }
    rest.starts_with('@') && rest.split_whitespace().count() == 1
}

/// What follows the name that starts `s` ([`after_name`]) past the separators and blanks
/// after it; `None` when no name starts `s` or nothing follows it.
fn tail_after_name(s: &str) -> Option<&str> {
    let rest = after_name(s)?.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '•' | '·' | ',')
    });
    (!rest.is_empty()).then_some(rest)
}

/// [`is_date`] of `rest`, the text after a name ([`name_then_date_or_handle`]), with the
/// features of its single-spaced text, for a tail of printable ASCII and ASCII whitespace
/// (most tails), told with no feature pass (some 2,500 instructions a tail, for a test that
/// most tails, the rest of a title-case headline, fail); `None` for any other tail.
///
/// Such a tail's single-spaced words are each a word of the features (no blank inside),
/// its characters are their bytes and the spaces between them, its letters and digits
/// its ASCII ones, its fold is [`super::lexicon::fold`] of the tail (whitespace folds to a
/// space however it is spaced), and it is in no caseless script. [`dated_by_words`] is
/// told whether a listed word may be held only to skip [`date_tokens`] when it cannot
/// pass, so a tail is asked as one that may hold one. The test
/// `the_ascii_date_tail_is_the_feature_pass_test` compares the two on random tails.
fn ascii_date_tail(rest: &str) -> Option<bool> {
    let TailCounts {
        words,
        word_bytes,
        letters,
        digits,
    } = tail_counts(rest.as_bytes())?;
    // `words_within(16)`, a digit (which makes a fold that is not empty), no price.
    if !(1..=16).contains(&words) || digits == 0 || is_price(rest) {
        return Some(false);
    }
    let chars = word_bytes + words - 1;
    // A date of digits alone ("2021-03-10 09:58"); no CJK date is ASCII.
    if letters == 0 && digits >= 6 && chars <= 40 {
        return Some(true);
    }
    Some(dated_by_words(letters, digits, true, || {
        with_fold(rest, |folded| date_tokens(lexicon(), folded))
    }))
}

/// What [`ascii_date_tail`] counts of a tail: its words (parted by ASCII white space), the
/// bytes of its words, its ASCII letters and its ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TailCounts {
    words: usize,
    word_bytes: usize,
    letters: u64,
    digits: u64,
}

/// The class of each byte in a tail that [`ascii_date_tail`] reads ([`TAIL_BYTE`]): white
/// space ([`is_ascii_white`]), a letter, a digit, or another printable ASCII byte; 0 for
/// any other byte (a control, DEL, a byte outside ASCII).
const TAIL_WHITE: u8 = 1;
const TAIL_LETTER: u8 = 2;
const TAIL_DIGIT: u8 = 4;
const TAIL_MARK: u8 = 8;

/// [`TAIL_WHITE`], [`TAIL_LETTER`], [`TAIL_DIGIT`] or [`TAIL_MARK`] of every byte, 0 for a
/// byte that rules out a tail of printable ASCII and ASCII white space.
const TAIL_BYTE: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b as usize] = if is_ascii_white(b) {
            TAIL_WHITE
        } else if b.is_ascii_alphabetic() {
            TAIL_LETTER
        } else if b.is_ascii_digit() {
            TAIL_DIGIT
        } else if b > 0x20 && b < 0x7f {
            TAIL_MARK
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The counts of `tail` ([`TailCounts`]) when it is made of printable ASCII and ASCII
/// white space, else `None`. One look-up of [`TAIL_BYTE`] a byte and sums with no branch
/// (~12 instructions a byte, where the tests of each byte one by one took ~26: a web pass
/// reads some 20,000 bytes of tails). The test `tail_counts_are_the_byte_tests` compares
/// it with those tests.
fn tail_counts(tail: &[u8]) -> Option<TailCounts> {
    let (mut words, mut word_bytes, mut letters, mut digits) = (0usize, 0usize, 0u64, 0u64);
    let mut in_word = 0usize;
    for &c in tail {
        let class = TAIL_BYTE[usize::from(c)];
        if class == 0 {
            return None;
        }
        let word = usize::from(class != TAIL_WHITE);
        words += word & !in_word;
        word_bytes += word;
        letters += u64::from(class == TAIL_LETTER);
        digits += u64::from(class == TAIL_DIGIT);
        in_word = word;
    }
    Some(TailCounts {
        words,
        word_bytes,
        letters,
        digits,
    })
}

/// "Jane Doe | Reuters", "Jane Doe, Reuters", "Jane Doe, Staff Reporter": a name of two to
/// four words, a separator, then a wire service or a reporter's title. ([`is_byline`] asks
/// its two parts itself, the first one together with its own tests of the counts.)
#[cfg(test)]
fn name_then_agency(lex: &Lexicon, s: &str, f: &Features) -> bool {
    may_part_name_and_agency(s, f) && name_then_agency_at_separator(lex, s)
}

/// False when the block (text `s`, features `f`) holds none of the separators of
/// [`name_then_agency`]: a `|` (a separator the features count), a comma (counted too) or
/// a dash `—` `–` (not ASCII: then the block has fewer characters than bytes). Counted
/// with no branch: most blocks stop here.
#[inline(always)]
fn may_part_name_and_agency(s: &str, f: &Features) -> bool {
    ((f.separators | f.commas) != 0) | (f.chars as usize != s.len())
}

/// [`name_then_agency`] once the block may hold its separator.
fn name_then_agency_at_separator(lex: &Lexicon, s: &str) -> bool {
    // (The name starts the block.)
    if !may_open_with_name_word(s) {
        return false;
    }
    let Some((name, tail)) = split_at_agency_separator(s) else {
        return false;
    };
    if !is_short_name(name) {
        return false;
    }
    with_fold(tail, |tail| {
        !tail.is_empty()
            && (folded_words(tail).any(|w| lex.is("wire", w))
                || matches!(
                    tail,
                    "reporter"
                        | "staff reporter"
                        | "correspondent"
                        | "staff writer"
                        | "editor"
                        | "contributor"
                ))
    })
}

/// True when `name` is two to four words, each a name word ([`is_name_word`]). An ASCII
/// name's words are found and told by one walk over its bytes ([`name_word_at`]), not by
/// `split_whitespace` (some 117 instructions a word). The test `short_names_agree_with_the_split` compares
/// the two on random texts.
fn is_short_name(name: &str) -> bool {
    let (words, all_names) = if name.is_ascii() {
        let b = name.as_bytes();
        let (mut words, mut at) = (0, 0);
        loop {
            match name_word_at(b, at) {
                NameWord::End => break (words, true),
                NameWord::Name { end, .. } => (words, at) = (words + 1, end),
                // (No ASCII word is untold.)
                NameWord::Not | NameWord::Untold => break (words, false),
            }
        }
    } else {
        let words = name.split_whitespace();
        (words.clone().count(), words.clone().all(is_name_word))
    };
    (2..=4).contains(&words) && all_names
}

/// `s.split_once(['|', ',', '—', '–'])`, by a search for the bytes that start the
/// separators (`memchr3`, rather than a look at every byte or a decoding of every
/// character).
fn split_at_agency_separator(s: &str) -> Option<(&str, &str)> {
    let bytes = s.as_bytes();
    let (at, len) = memchr::memchr3_iter(b'|', b',', 0xE2, bytes).find_map(|i| match bytes[i] {
        b'|' | b',' => Some((i, 1)),
        // `–` is E2 80 93, `—` E2 80 94.
        _ if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])) => Some((i, 3)),
        _ => None,
    })?;
    Some((s.get(..at)?, s.get(at + len..)?))
}

/// False when no part of the block can be a "By …" line ([`by_name`]): the byline word of
/// such a part is its first word (after a dash), whole. Without a `|` or `•` (separators
/// the features count) the block is one part, and its first folded word is that byline
/// word; else any folded word may be.
///
/// A byline word is a listed word ([`Features::may_hold_listed_word`]), and a folded word
/// that heads an entry of list `byline` (a word the list holds whole is its own entry's
/// head): a block with no such word, told by the feature pass's walk
/// ([`Features::word_sets`]) when it was made, is ruled out with no walk and no look-up.
/// (For a block of one part too, where the first word's look-up cost ~62 instructions:
/// 14,028 look-ups a web pass, web pages −0.38 instructions a byte.) Inlined, that test
/// before the call of [`byline_word_in_parts`]: most blocks stop there (left to the
/// compiler, the whole test was called for 22,932 blocks a web pass).
#[inline(always)]
fn may_open_with_byline_word(lex: &Lexicon, f: &Features) -> bool {
    f.may_hold_listed_word()
        && !f.word_sets.rules_out(WordSets::BYLINE_HEAD)
        && byline_word_in_parts(lex, f)
}

/// [`may_open_with_byline_word`] of a block that may hold a byline word.
fn byline_word_in_parts(lex: &Lexicon, f: &Features) -> bool {
    if f.separators == 0 {
        folded_words(f.folded)
            .next()
            .is_some_and(|w| lex.is("byline", w))
    } else {
        lex.may_hold_byline_word(f.folded)
    }
}

/// True when `s` (one block) is a byline: "By Jane Doe", "By Jane Doe and John Roe",
/// "Jane Doe, Reporter", "Jane Doe | Reuters", "Al Jazeera and wire services", "by Jane Doe
/// March 3, 2020". `f` are the block's features.
///
/// Inlined into the caller: most blocks fail its first, cheap tests, which cost no more
/// than the call did.
#[inline]
pub(crate) fn is_byline(s: &str, f: &Features) -> bool {
    // `words == 0 || words > 25 || full_stop && words > 8`, with no branch but one (the
    // counts are pure): most blocks stop here or pass, as prose or not, which the tests
    // one by one mispredicted in turn.
    if !f.words_within(25) | (f.full_stop() & (f.words > 8)) {
        return false;
    }
    let lex = lexicon();
    // "By …" in any of several languages, also as one part of "Site | date | By …". The
    // byline word ("By", "Par", "Story" of "Story by") is whole words of the block, so
    // its folded words rule out most blocks before any part is parsed. A part that
    // matches holds two words at least, parted by a space or tab (the byline word, then
    // the first word of the name): both are words the features count.
    if f.words >= 2
        && may_open_with_byline_word(lex, f)
        && s.split(['|', '•'])
            .take(4)
            .any(|part| by_name(lex, part.trim()))
    {
        return true;
    }
    let folded = &f.folded;
    // "Our Foreign Staff", "Staff and agencies"; "Al Jazeera and wire services",
    // "Newsagencies". Asked only of a folded text whose first or last four bytes may
    // start or end such a line ([`may_be_staff_or_agencies`]: one branch, rarely taken,
    // where the tests of the ends took several for every block), and before the name
    // tests below rather than after them (all are pure: their order changes no answer).
    if may_be_staff_or_agencies(folded.as_bytes())
        && (f.words <= 4 && (folded.ends_with(" staff") || folded.starts_with("staff "))
            || folded.ends_with("wire services")
            || folded.ends_with("news agencies")
            || folded.ends_with("agencies") && f.words <= 6)
    {
        return true;
    }
    // A date after the name has an ASCII digit, a handle an `@`. And the name has two
    // words at least ([`after_name`]), each of them words the features count: a name word
    // starts with a capital or is a particle, so it holds a character that is not blank,
    // and blanks (`is_blank`, whitespace and more) part it from the next.
    if f.words >= 2 && (f.digits > 0 || f.holds_mark(s, b'@')) && name_then_date_or_handle(s) {
        return true;
    }
    // `words <= 8 && !terminal` and the separator test of [`name_then_agency`], with one
    // branch: the counts are pure.
    (f.words <= 8) & !f.terminal() & may_part_name_and_agency(s, f)
        && name_then_agency_at_separator(lex, s)
}

/// False when the folded text `folded` neither starts with "staff " nor ends with
/// " staff", "wire services" or "agencies" (what [`is_byline`] asks of its ends): told
/// by its first and last four bytes ("staf"; "taff", "ices", "cies"), with no branch but
/// for a text of fewer than four bytes, which none of those fits.
#[inline]
fn may_be_staff_or_agencies(folded: &[u8]) -> bool {
    match (folded.first_chunk::<4>(), folded.last_chunk::<4>()) {
        (Some(&head), Some(&tail)) => {
            let tail = u32::from_le_bytes(tail);
            (u32::from_le_bytes(head) == u32::from_le_bytes(*b"staf"))
                | (tail == u32::from_le_bytes(*b"taff"))
                | (tail == u32::from_le_bytes(*b"ices"))
                | (tail == u32::from_le_bytes(*b"cies"))
        }
        _ => false,
    }
}

/// True when `s` is a bare personal name (2–4 name words, nothing else): a byline when it
/// sits between the headline and the story.
///
/// Inlined, the test of the counts ([`may_be_bare_name`]) before the call of
/// [`bare_name_words`]: most blocks asked (a header's candidate headlines, of more than
/// four words) stop there.
#[inline(always)]
pub(crate) fn is_bare_name(s: &str, f: &Features) -> bool {
    may_be_bare_name(f) && bare_name_words(s, f)
}

/// [`is_bare_name`] of a block whose counts allow a bare name.
fn bare_name_words(s: &str, f: &Features) -> bool {
    if !may_open_with_name_word(s) {
        return false;
    }
    // Every word a name word, and none a lone capital ("A"): one pass over the words
    // (both tests are pure, so testing them word by word gives the same answer).
    if f.chars as usize == s.len() {
        // As many characters as bytes: ASCII (most blocks), read by its bytes.
        return ascii_bare_name(s.as_bytes());
    }
    s.split_whitespace()
        .all(|w| is_name_word(w) && (w.len() > 1 || w.chars().any(char::is_lowercase)))
}

/// False when the counts of a block rule out a bare name ([`is_bare_name`]): two to four
/// words, no terminal mark, no digit, no boilerplate reason.
#[inline(always)]
pub(crate) fn may_be_bare_name(f: &Features) -> bool {
    (2..=4).contains(&f.words) && !f.terminal() && f.digits == 0 && f.reason.is_none()
}

/// The word test of [`is_bare_name`] of an ASCII text `b`, with no character decoded: its
/// words found and told by one walk over its bytes ([`name_word_at`]), and none a lone
/// capital (a name word of one byte: no particle has one letter). `split_whitespace` found the words' ends at some 117 instructions a word (web
/// pages: 6,948 words a pass in [`is_bare_name`]). The test
/// `ascii_bare_names_agree_with_the_split` compares the two on random ASCII texts.
fn ascii_bare_name(b: &[u8]) -> bool {
    debug_assert!(b.is_ascii());
    let mut at = 0;
    loop {
        match name_word_at(b, at) {
            NameWord::End => return true,
            NameWord::Name { start, end } if end - start > 1 => at = end,
            // A lone capital; no ASCII word is untold.
            NameWord::Name { .. } | NameWord::Not | NameWord::Untold => return false,
        }
    }
}

/// True for an ASCII byte that is white space as `char::is_whitespace` tells (tab, line
/// feed, vertical tab, form feed, carriage return, space): `u8::is_ascii_whitespace` leaves
/// out the vertical tab.
pub(super) const fn is_ascii_white(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The number of words of `folded`, a block's folded text that is not empty: its spaces
/// and one, as the fold parts its words by one space each and neither starts nor ends
/// with one (so that it holds no empty word). One count over its bytes, which needs no
/// walk from word to word.
fn fold_word_count(folded: &str) -> usize {
    debug_assert!(!folded.is_empty());
    folded.bytes().filter(|&b| b == b' ').count() + 1
}

/// Counts the tokens of a folded line (not empty) that belong to date lines: `(total,
/// date-like, a month, a number, "ago")`; `None` once too many are not date-like for a
/// date line. The words are walked once: their number is counted from the spaces
/// ([`fold_word_count`]), and "ago" is looked for on the way.
fn date_tokens(lex: &Lexicon, folded: &str) -> Option<(usize, usize, bool, bool, bool)> {
    let total = fold_word_count(folded);
    let (mut seen, mut datey, mut month, mut number, mut ago) = (0, 0, false, false, false);
    for w in folded_words(folded) {
        seen += 1;
        // Both tests of digits below need a word that starts with one (or an empty word,
        // for which both hold): the first byte tells them false for a word of letters,
        // most of them, with no walk over its bytes (the tests are pure, so asking it
        // first changes no answer).
        let digit_led = w.as_bytes().first().is_none_or(u8::is_ascii_digit);
        // Digits first: no listed word is one, and they cost no look-up.
        if digit_led && w.bytes().all(|b| b.is_ascii_digit()) {
            datey += 1;
            number = true;
            continue;
        }
        ago |= w == "ago";
        // One look-up for both lists.
        let lists = lex.lists(w);
        if Lexicon::in_list(lists, "month") {
            datey += 1;
            month = true;
        } else if digit_led
            && w.bytes().take(2).all(|b| b.is_ascii_digit())
            && w.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
            || Lexicon::in_list(lists, "dateword")
        {
            // "3rd", "12h36", "2pm".
            datey += 1;
        } else if (seen - datey) * 10 > total * 3 {
            // More than three in ten tokens are not date-like: no date line ([`is_date`]).
            return None;
        }
    }
    Some((total, datey, month, number, ago))
}

/// True when `s` is a date or time line: "October 1, 2015", "Updated 3:57 PM ET",
/// "04.05.2015 à 13h36", "2017-03-10 09:58"; a price ("$39.99") is not one.
#[inline]
pub(crate) fn is_date(s: &str, f: &Features) -> bool {
    // Tested inline, with one branch (the tests are pure): most blocks stop here.
    f.words_within(16) & (f.digits != 0) & !f.folded.is_empty() && is_date_line(s, f)
}

/// [`is_date`] once the block's size and digits allow a date.
fn is_date_line(s: &str, f: &Features) -> bool {
    if is_price(s) {
        return false;
    }
    // "2021年3月3日", "2021-03-10 09:58".
    if f.caseless_script() || f.letters <= 4 {
        let cjk = f.folded.contains('年') && f.folded.contains('月');
        if (cjk || f.letters == 0 && f.digits >= 6) && f.chars <= 40 {
            return true;
        }
    }
    dated_by_words(
        u64::from(f.letters),
        u64::from(f.digits),
        f.may_hold_listed_word(),
        || date_tokens(lexicon(), f.folded),
    )
}

/// The test of [`is_date_line`] by its counts of `letters` and `digits` and the words of
/// its fold, [`date_tokens`] (asked of `tokens` only when needed): a numeric date, a month
/// and a number, or a number and "ago", in words most of which are date-like.
/// `may_hold_listed` is false for a text known to hold no listed word: a month and "ago"
/// are listed words ([`Features::may_hold_listed_word`]), so such a text is a date line
/// only by its digits, and its words need no walk.
fn dated_by_words(
    letters: u64,
    digits: u64,
    may_hold_listed: bool,
    tokens: impl FnOnce() -> Option<(usize, usize, bool, bool, bool)>,
) -> bool {
    let numeric_date = digits >= 4 && letters <= 2 * digits;
    if !numeric_date && !may_hold_listed {
        return false;
    }
    let Some((total, datey, month, number, ago)) = tokens() else {
        return false;
    };
    let relative = number && ago;
    (month && number || numeric_date || relative) && datey * 10 >= total * 7
}

/// True when the block reads as a photo credit or a caption ending in a credit:
/// "Homs Media Center / AP", "Photo: Jane Doe/Reuters", "Whale expert J. Doe. Photograph:
/// Jane Roe for the Post", "(Photo: J. Doe)".
///
/// Inlined into the caller: most blocks fail its first, cheap tests, which cost no more
/// than the call did.
#[inline]
pub(crate) fn is_credit(s: &str, f: &Features) -> bool {
    if is_bracketed_source(s, f) || is_gallery_caption(s, f) {
        return true;
    }
    // `words == 0 || words > 45 || full_stop && words > 12`, or no folded text, with one
    // branch (the tests are pure; `!folded.is_empty()`, which the first asked too, is
    // implied once the last holds false).
    if !f.words_within(45) | (f.full_stop() & (f.words > 12)) | f.folded.is_empty() {
        return false;
    }
    let lex = lexicon();
    // Most blocks hold no credit word: then only a slash credit or a bracketed credit at
    // the end can match ([`credit_by_word`] is false without one).
    if !may_hold_credit_word(lex, s, f) {
        // Both need a `/`, one of the separators the features count.
        return f.separators > 0 && (slash_credit(lex, s, f) || trailing_credit(s, f));
    }
    credit_by_word(lex, s, f) || slash_credit(lex, s, f) || trailing_credit(s, f)
}

/// True for a block of more than 45 words, or of more than 16 that ends with a full stop
/// (long prose): its counts alone make every metadata test false but the gallery
/// caption's, which has no bound on its words. A byline needs 25 words at most and 8 with
/// a full stop ([`is_byline`]); a date 16 at most ([`is_date`]); a credit 45 at most and
/// 12 with a full stop, a bracketed source 5 ([`is_credit`]); a tag heading 3
/// ([`is_tag_heading`]); a tag line 30 and no terminal mark, which a full stop is
/// ([`is_tag_line`]). The test `long_prose_is_no_metadata_but_a_gallery_caption` compares
/// [`super::meta`] with the tests in turn.
#[inline(always)]
pub(crate) fn too_long_for_metadata(f: &Features) -> bool {
    (f.words > 45) | (f.full_stop() & (f.words > 16))
}

/// False when no word of the block can be a credit word (list `credit`): no folded word
/// starts an entry, and no `Σ` (whose lower case differs from its fold) hides one.
fn may_hold_credit_word(lex: &Lexicon, s: &str, f: &Features) -> bool {
    // `f.chars` counts code points: equal to the byte length, the block is ASCII and holds
    // no `Σ`.
    // The first word of an entry is a listed word ([`Features::may_hold_listed_word`]).
    // No folded word that heads an entry: told by the feature pass's walk
    // ([`Features::word_sets`]), when it was made, with no walk here.
    f.may_hold_listed_word()
        && !f.word_sets.rules_out(WordSets::CREDIT_HEAD)
        && lex.may_hold_credit_word(f.folded)
        || f.chars as usize != s.len() && s.contains('Σ')
}

/// Room for the credit words [`credit_by_word`] has searched a block for: more than the
/// lexicon's list of them (26).
const MAX_CREDIT_WORDS: usize = 32;

#[cfg(test)]
thread_local! {
    /// The searches [`credit_by_word`] made of a block for a credit word, on this thread.
    static CREDIT_SEARCHES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The credit tests that need a credit word (list `credit`) in the block: a marked one, a
/// picture agency, one at the start, a caption label, a lower-case one at the end. All
/// false when [`may_hold_credit_word`] is: each needs a raw word whose lower case is in
/// the list (found only when it is true), or a folded word that is ("getty", "caption":
/// see the test `credit_word_tests_need_a_credit_word`).
fn credit_by_word(lex: &Lexicon, s: &str, f: &Features) -> bool {
    // The folded words, as an iterator: the tests below stop early, and collecting them
    // was an allocation per block.
    let tokens = || folded_words(f.folded);
    let is_credit_word =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && lex.is_lowered("credit", w);
    // The raw words (runs of letters and digits), in one pass: is one of the first two a
    // credit word, is a credit word marked as one, and the last two. Each raw word in lower
    // case is one of the folded words (`str::to_lowercase` differs from folding only at a
    // final `Σ`), so without a credit word among those the pass is skipped.
    let (mut credit_first, mut marked) = (false, false);
    // The block in lower case, made at its first credit word, in the thread's kept string
    // (taken out of its cell, and put back below).
    let mut lower: Option<String> = None;
    // The credit words searched for so far, as first met: the search's answer depends on
    // the word in lower case alone, so each word of the list is searched for once a block.
    // (A block of `Photo-Photo-…`, one word to the word count, searched the whole block for
    // each of its thousands of credit words: 100 KB took 4.5 s.) Room for every word of the
    // list, with no allocation.
    let mut searched = [""; MAX_CREDIT_WORDS];
    let mut n_searched = 0;
    let mut last_two: (Option<&str>, Option<&str>) = (None, None);
    for (i, w) in alnum_words(s).enumerate() {
        if is_credit_word(w) {
            credit_first |= i < 2;
            // A credit word marked as one: "Photograph: …", "(Photo: Jane Doe)", "Photo by
            // …". Tested here rather than in a second walk over the words, which tested
            // each word for a credit word again; no more once one is.
            marked = marked || {
                let lower = lower.get_or_insert_with(|| lower_case_in(s, taken_lower()));
                crate::lex::with_lower(w, |l| {
                    let seen = |t: &&str| crate::lex::with_lower(t, |t| t == l);
                    if searched[..n_searched].iter().any(seen) {
                        return false;
                    }
                    // (Full only past the list's words: then searched again, as before.)
                    if let Some(slot) = searched.get_mut(n_searched) {
                        *slot = w;
                        n_searched += 1;
                    }
                    #[cfg(test)]
                    CREDIT_SEARCHES.with(|n| n.set(n.get() + 1));
                    followed_by_credit_mark(lower, l)
                })
            };
        }
        last_two = (last_two.1, Some(w));
    }
    if let Some(lower) = lower {
        give_back_lower(lower);
    }
    // A picture agency anywhere.
    let agency =
        || tokens().any(|w| matches!(w, "getty" | "shutterstock" | "istock" | "istockphoto"));
    // "Image caption …", "Photo by …", "Credit Jane Doe".
    let at_start = credit_first
        && (f.words <= 6
            || tokens()
                .take(3)
                .any(|w| matches!(w, "caption" | "by" | "credit")));
    // "Media caption …", "Video caption …": a caption label of two words.
    let label = f.words >= 3 && tokens().nth(1) == Some("caption");
    // "Jane Doe Submitted photo", "File photo": a short line ending in a credit word in
    // lower case after a capitalized one (a title-case heading capitalizes both).
    let tail_word = f.words <= 8
        && !f.terminal()
        && match last_two {
            (Some(before), Some(last)) => {
                last.chars().next().is_some_and(char::is_lowercase)
                    && lex.is_lowered("credit", last)
                    && before.chars().next().is_some_and(char::is_uppercase)
            }
            _ => false,
        };
    marked || at_start || label || tail_word || agency()
}

/// "Name / AGENCY", "NAME/AGENCY/Getty Images": a short line with a slash and a wire or
/// credit word.
#[inline]
fn slash_credit(lex: &Lexicon, s: &str, f: &Features) -> bool {
    // A `/` is one of the separators the features count.
    f.words <= 12
        && !f.linky()
        && f.separators > 0
        && memchr::memchr(b'/', s.as_bytes()).is_some()
        // (Wire and credit words are listed words.)
        && f.may_hold_listed_word()
        && folded_words(f.folded).any(|w| lex.is("wire", w) || lex.is("credit", w))
}

/// The runs of letters and digits of `s`, as
/// `s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())` gives them, with
/// ASCII bytes tested without decoding a char.
fn alnum_words(s: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + alnum_run(s.get(at..)?, false);
        let end = start + alnum_run(s.get(start..)?, true);
        at = end;
        (end > start).then(|| s.get(start..end)).flatten()
    })
}

/// Byte length of the run of characters at the start of `s` that are (`alnum`) or are
/// not letters or digits. An ASCII byte is told by [`ALNUM_BYTE`] in a loop of ~7
/// instructions a byte, where its tests took ~17 (a web pass: ~36,000 bytes over 9,900
/// runs of [`credit_by_word`]'s words); only the other characters are decoded. The test
/// `alnum_runs_are_the_byte_tests` compares it with the tests of each byte.
fn alnum_run(s: &str, alnum: bool) -> usize {
    let b = s.as_bytes();
    let want = u8::from(alnum);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let class = ALNUM_BYTE[usize::from(c)];
        if class == want {
            i += 1;
            continue;
        }
        if class != ALNUM_OUTSIDE_ASCII {
            break;
        }
        match s.get(i..).and_then(|r| r.chars().next()) {
            Some(ch) if crate::lex::is_alphanumeric(ch) == alnum => i += ch.len_utf8(),
            _ => break,
        }
    }
    i
}

/// [`ALNUM_BYTE`] of a byte outside ASCII, whose character [`alnum_run`] decodes.
const ALNUM_OUTSIDE_ASCII: u8 = 2;

/// What [`alnum_run`] reads of a byte: 1 for an ASCII letter or digit, 0 for any other
/// ASCII byte, [`ALNUM_OUTSIDE_ASCII`] for a byte outside ASCII.
const ALNUM_BYTE: [u8; 256] = {
    let mut table = [ALNUM_OUTSIDE_ASCII; 256];
    let mut b: u8 = 0;
    while b < 0x80 {
        table[b as usize] = b.is_ascii_alphanumeric() as u8;
        b += 1;
    }
    table
};

/// True when `hay` contains `word` followed by a credit's mark: `:` right after it or
/// after blanks ("photo:", "photo :"), or blanks and then `by` and a blank ("photo by …")
/// or `credit` ("photo credit"). Blanks ([`crate::lex::is_run_blank`]) rather than one
/// space, so that a caption with doubled spaces, or hard-wrapped at the mark, reads as the
/// same caption with single spaces does (with doubled spaces, "(Photo  Credit  :  PTI)"
/// was no credit). The same as [`credit_mark_by_spacing`], the search in `hay` with each
/// run of blanks made one space, in one search for the occurrences of `word`.
fn followed_by_credit_mark(hay: &str, word: &str) -> bool {
    let b = hay.as_bytes();
    let mut from = 0;
    while let Some(i) = b.get(from..).and_then(|h| find_bytes(h, word.as_bytes())) {
        let end = from + i + word.len();
        let rest = &b[end..];
        let blanks = rest
            .iter()
            .take_while(|&&c| crate::lex::is_run_blank(c))
            .count();
        let after = &rest[blanks..];
        let spaced = blanks > 0
            && (after.starts_with(b"credit")
                || after.starts_with(b"by")
                    && after.get(2).is_some_and(|&c| crate::lex::is_run_blank(c)));
        if after.starts_with(b":") || spaced {
            return true;
        }
        // Occurrences may overlap: go on from the next character.
        from += i + hay
            .get(from + i..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
    }
    false
}

/// The first place of `word` in `hay`, as `str::find` gives it for text (a match of UTF-8
/// starts on a character's first byte), by a search for the word's first byte and a
/// comparison at each place found: `str::find` set up a two-way searcher at every call,
/// which cost more than the search of a block (a caption, a credit line) did.
fn find_bytes(hay: &[u8], word: &[u8]) -> Option<usize> {
    let Some(&first) = word.first() else {
        return Some(0);
    };
    memchr::memchr_iter(first, hay).find(|&i| hay.get(i..).is_some_and(|h| h.starts_with(word)))
}

/// [`followed_by_credit_mark`] by its definition: `hay` with each run of blanks made one
/// space, searched for `word` joined to each mark. (Its reference, and the credit
/// recognizer's in [`equivalence`].)
#[cfg(test)]
fn credit_mark_by_spacing(hay: &str, word: &str) -> bool {
    let mut spaced = String::new();
    let mut in_run = false;
    for c in hay.chars() {
        let blank = c.is_ascii() && crate::lex::is_run_blank(c as u8);
        if !(blank && in_run) {
            spaced.push(if blank { ' ' } else { c });
        }
        in_run = blank;
    }
    [":", " :", " by ", " credit"]
        .iter()
        .any(|after| spaced.contains(&format!("{word}{after}")))
}

/// True when a caption ends with a credit in brackets: "The map of the moon. (NASA/JPL)",
/// "Fans at the gate (Jane Doe/Daily Post)" — a slash between capitalized names, at most
/// six words inside ([`bracketed_credit`]), in a block whose features count a separator
/// (the slash is one).
fn trailing_credit(s: &str, f: &Features) -> bool {
    f.separators > 0 && bracketed_credit(s)
}

/// [`trailing_credit`] by the text alone (the recognizer [`equivalence`] keeps as its
/// reference): the brackets at the end of `s` hold a slash with no blank on either side,
/// and at most six words, each starting with a capital or a digit. Blanks are any white
/// space, so that a caption with tabs for spaces reads as the same caption does.
fn bracketed_credit(s: &str) -> bool {
    let Some(inner) = s
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('(').map(|(_, i)| i))
    else {
        return false;
    };
    let slash = inner.split_once('/').is_some_and(|(a, b)| {
        !a.ends_with(char::is_whitespace) && !b.starts_with(char::is_whitespace) && !a.is_empty()
    });
    slash
        && inner.split_whitespace().count() <= 6
        && inner
            .split(|c: char| c == '/' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
}

/// True for the header of a reader's comment: "Jane Doe on May 3, 2020 at 4:47 pm said:",
/// "Sam Roe, 12.03.2021 22:15 schrieb:" — a colon after a verb of saying or writing, and a
/// time stamp (three digits or more). Inlined: most blocks stop at its first tests.
#[inline]
pub(crate) fn is_comment_header(f: &Features) -> bool {
    if !f.colon() || f.digits < 3 || !(3..=20).contains(&f.words) || f.folded.is_empty() {
        return false;
    }
    let last = f.folded.rsplit(' ').next().unwrap_or("");
    lexicon().is("commentverb", last)
}

/// True for a heading of related-topic tags: "Related News", "Tags:", "Topics", "Filed under".
#[inline]
pub(crate) fn is_tag_heading(f: &Features) -> bool {
    // Tested inline: most blocks stop here.
    // A heading's words are listed words ([`Features::may_hold_listed_word`]).
    // (The tests of the counts with one branch: they are pure.)
    // Its first word is a word of the list: most blocks that get this far (menu entries:
    // "Contact us", "Home", "Privacy policy") are ruled out by that word's shape
    // ([`may_be_tag_heading_word`]) with no call.
    f.words_within(3) & !f.terminal() & !f.folded.is_empty() & f.may_hold_listed_word()
        && may_be_tag_heading_word(first_folded_word(f.folded))
        && is_tag_heading_words(f)
}

/// The first word of folded text (its bytes up to the first space).
#[inline(always)]
fn first_folded_word(folded: &str) -> &[u8] {
    let b = folded.as_bytes();
    b.get(..super::lexicon::word_len(b)).unwrap_or(b)
}

/// [`is_tag_heading`] once the block's size and ending allow one and its first word may
/// be a word of the list. A word of a shape no word of the list has
/// ([`may_be_tag_heading_word`]) is told no with no look-up. (Web pages: 7,580 blocks a
/// pass got this far at ~130 instructions each, most of them menu entries whose first
/// word was looked up.)
fn is_tag_heading_words(f: &Features) -> bool {
    let lex = lexicon();
    let words = || folded_words(f.folded);
    words().all(|w| may_be_tag_heading_word(w.as_bytes()) && lex.is("tagsheading", w))
        && words().any(|w| !matches!(w, "news" | "more" | "in" | "on" | "under"))
}

/// The shapes of the words of list `tagsheading` ([`list_shapes`]).
const TAG_HEADING_SHAPES: [u64; 256] = list_shapes(b"tagsheading");

/// False when no word of list `tagsheading` is `w`, told by its first byte, last byte and
/// length ([`TAG_HEADING_SHAPES`]): the lexicon holds each word of the list as its fold,
/// which for every word of the list is the word itself (the test
/// `tag_heading_shapes_pass_every_word_of_the_list` checks both), so a word of another
/// shape is no word of the list. An empty word is none.
#[inline(always)]
fn may_be_tag_heading_word(w: &[u8]) -> bool {
    match (w.first(), w.last()) {
        (Some(&first), Some(&last)) => {
            let firsts = TAG_HEADING_SHAPES[usize::from(first)];
            let lasts = TAG_HEADING_SHAPES[usize::from(last)] >> 32;
            firsts & lasts & shape_bit(w.len()) != 0
        }
        _ => false,
    }
}

/// The bit of a word of `len` bytes in a table of [`list_shapes`]: bit `len`, and bit 31
/// for every word of 31 bytes or more.
const fn shape_bit(len: usize) -> u64 {
    1 << if len < 31 { len } else { 31 }
}

/// The shapes of the words of list `kind` of the lexicon's word lists
/// ([`super::lexicon::WORDS`], lines `kind<TAB>word`, read at compile time as the lexicon
/// reads them: a line up to its line feed, a `\r` before it left out): for each byte, the
/// [`shape_bit`]s of the lengths of the words that start with it (low 32 bits) and of the
/// words that end with it (high 32 bits).
const fn list_shapes(kind: &[u8]) -> [u64; 256] {
    let data = super::lexicon::WORDS.as_bytes();
    let mut shapes = [0u64; 256];
    let mut start = 0;
    while start < data.len() {
        let mut end = start;
        while end < data.len() && data[end] != b'\n' {
            end += 1;
        }
        let next = end + 1;
        if end > start && data[end - 1] == b'\r' {
            end -= 1;
        }
        // The line is `kind`, a tab and a word of at least one byte.
        let word = start + kind.len() + 1;
        if word < end && data[word - 1] == b'\t' {
            let mut i = 0;
            while i < kind.len() && data[start + i] == kind[i] {
                i += 1;
            }
            if i == kind.len() {
                let bit = shape_bit(end - word);
                shapes[data[word] as usize] |= bit;
                shapes[data[end - 1] as usize] |= bit << 32;
            }
        }
        start = next;
    }
    shapes
}

/// True for a line of tags: at least two short capitalized items separated by commas,
/// pipes, semicolons or bullets, with no sentence punctuation.
#[inline]
pub(crate) fn is_tag_line(s: &str, f: &Features) -> bool {
    // Tested inline: most blocks stop here. Two items need a separator: the features
    // count commas, pipes and bullets.
    // (The tests of the counts with one branch: they are pure.)
    !f.terminal() & f.words_within(30)
        && ((f.commas | f.separators) != 0 || f.holds_mark(s, b';'))
        && is_tag_line_of_items(s)
}

/// [`is_tag_line`] once the block's size, ending and separators allow one: every item
/// between the separators (`,` `|` `;` `•` `·`) that is not blank starts with a capital, a
/// digit or a non-ASCII character that is no letter, and has at most four words; there are
/// at least two. One walk over the characters (an ASCII byte read as it is, only the other
/// characters decoded) counts the words of each item as it goes and stops at the first item
/// that fails, rather than splitting the items, trimming each and splitting its words.
/// (The reference `equivalence::is_tag_line_of_items` splits and tests them so.)
fn is_tag_line_of_items(s: &str) -> bool {
    let mut items = 0;
    // The words of the current item so far (none before its first character), and whether
    // the last character was in a word.
    let (mut words, mut in_word) = (0, false);
    let mut i = 0;
    while let Some(&b) = s.as_bytes().get(i) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            s[i..].chars().next().unwrap_or_default()
        };
        i += c.len_utf8();
        if matches!(c, ',' | '|' | ';' | '•' | '·') {
            items += usize::from(words > 0);
            (words, in_word) = (0, false);
        } else if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if words == 0 && !starts_tag_item(c) || words == 4 {
                return false;
            }
            (words, in_word) = (words + 1, true);
            // The word's ASCII bytes that follow change nothing: skipped by a table.
            while s
                .as_bytes()
                .get(i)
                .is_some_and(|&b| TAG_WORD_BYTE[usize::from(b)])
            {
                i += 1;
            }
        }
    }
    items + usize::from(words > 0) >= 2
}

/// The ASCII bytes that go on with a word of a tag line's item: neither white space
/// ([`is_ascii_white`]) nor a separator. [`is_tag_line_of_items`] steps over them after
/// a word's first character in a loop of ~7 instructions a byte, where its walk over the
/// characters took ~25 (a web pass: 57,346 characters over 2,394 calls, ~38,000 of them
/// inside a word).
const TAG_WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b as usize] = !is_ascii_white(b) && !matches!(b, b',' | b'|' | b';');
        b += 1;
    }
    table
};

/// True when `c` may start an item of a tag line: a capital, a digit, or a character of a
/// script without letters in the ASCII sense that is no letter (a symbol, an emoji).
fn starts_tag_item(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic() && !c.is_ascii()
}

/// The parts of `s` between the separators of a tag line, as
/// `s.split([',', '|', ';', '•', '·'])` gives them, found by a byte scan rather than by
/// decoding every character (`•` is E2 80 A2, `·` C2 B7: lead bytes start characters only).
/// The items of the reference `equivalence::is_tag_line_of_items`.
#[cfg(test)]
fn tag_items(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        let b = r.as_bytes();
        let cut = b.iter().enumerate().find_map(|(i, &c)| match c {
            b',' | b'|' | b';' => Some((i, 1)),
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0xA2]) => Some((i, 3)),
            0xC2 if b.get(i + 1) == Some(&0xB7) => Some((i, 2)),
            _ => None,
        });
        match cut {
            Some((at, len)) => {
                rest = r.get(at + len..);
                r.get(..at)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// True for a single tag under a tags heading: a short capitalized item ("Local Government").
pub(crate) fn is_tag_item(s: &str, f: &Features) -> bool {
    (1..=4).contains(&f.words)
        && !f.terminal()
        && f.reason.is_none()
        && f.digits == 0
        && s.chars().next().is_some_and(char::is_uppercase)
}

/// True for a gallery or pager counter: "1 of 6", "3/12". Inlined: most blocks stop at its
/// first test.
#[inline]
pub(crate) fn is_counter(s: &str, f: &Features) -> bool {
    // Two numbers hold two ASCII digits at least: most blocks stop here. A counter is
    // one word ("3/12") or three ("1 of 6"), of digits, `/` and letters only: as many
    // words as the features count.
    if (f.digits < 2) | !((f.words == 1) | (f.words == 3)) {
        return false;
    }
    let number = |w: &str| (1..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let mut words = s.split_whitespace();
    match (words.next(), words.next(), words.next(), words.next()) {
        (Some(a), Some("of" | "von" | "de" | "sur" | "из"), Some(b), None) => {
            number(a) && number(b)
        }
        (Some(w), None, None, None) => w
            .split_once('/')
            .is_some_and(|(a, b)| number(a) && number(b)),
        _ => false,
    }
}

/// The most words of a bracketed source line ([`is_bracketed_source`]).
const MAX_SOURCE_WORDS: u32 = 5;

/// True for a short name in square brackets on its own line ("[The Daily Post]"): the
/// source of the passage above or below it, not prose.
///
/// The opening bracket is asked first, inline: a block's first byte tells it for most
/// blocks, which costs less than the tests of the features (all the tests are pure, so
/// their order does not change the answer).
#[inline]
fn is_bracketed_source(s: &str, f: &Features) -> bool {
    super::trim_start(s).starts_with('[')
        && f.words <= MAX_SOURCE_WORDS
        && !f.sentence()
        && s.trim_end().ends_with(']')
        && s.matches('[').count() == 1
}

/// True for a gallery caption led by its counter ("2 of 4 A shopper looks at…", or glued
/// to it: "2of4A shopper…"). Inlined, with the test of the digits (two numbers of ASCII
/// digits, which the features count) before the call of [`led_by_gallery_counter`]: most
/// blocks stop there. (Left to the compiler, the whole test was called for every block
/// that asks it: 26,586 calls a web pass.)
#[inline(always)]
pub(crate) fn is_gallery_caption(s: &str, f: &Features) -> bool {
    f.digits >= 2 && led_by_gallery_counter(s)
}

/// [`is_gallery_caption`] of a block with two digits or more: its text starts with the
/// counter and a capital after it.
fn led_by_gallery_counter(s: &str) -> bool {
    let s = super::trim_start(s);
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    let a = digits(s);
    if !(1..=3).contains(&a) {
        return false;
    }
    let rest = s[a..].trim_start();
    let Some(rest) = rest.strip_prefix("of") else {
        return false;
    };
    let rest = rest.trim_start();
    let b = digits(rest);
    (1..=3).contains(&b)
        && rest[b..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// True for a price: a currency sign next to the number ("$39.99", "€ 12,50", "12 £").
fn is_price(s: &str) -> bool {
    // A text that starts and ends with a visible ASCII byte other than `$` (most) has no
    // blank to trim at either end, and no currency sign there: told with no character
    // decoded.
    if let (Some(&first), Some(&last)) = (s.as_bytes().first(), s.as_bytes().last()) {
        let plain = |b: u8| b.is_ascii_graphic() && b != b'$';
        if plain(first) && plain(last) {
            return false;
        }
    }
    let s = s.trim();
    let currency = |c: char| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₫');
    s.starts_with(currency) || s.ends_with(currency)
}

#[cfg(test)]
mod equivalence;

#[cfg(test)]
mod tests {
    use super::super::features::block_features;
    use super::*;

    fn check(f: fn(&str, &Features) -> bool, s: &str) -> bool {
        f(s, &block_features(s, &mut String::new()))
    }

    /// The lower case and the single spacing written into kept strings are
    /// `str::to_lowercase` and the words joined by spaces, on random texts (a final `Σ`,
    /// characters whose lower case is longer or shorter, blanks of every kind), the strings
    /// kept from the earlier, often longer, texts.
    #[test]
    fn kept_strings_hold_what_fresh_ones_would() {
        let parts = [
            "Photo",
            "ΟΔΟΣ",
            "Σ",
            "σ",
            "İstanbul",
            "ẞ",
            "K",
            "Ⱥ",
            "by",
            ":",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "Jane",
            "DOE",
            "2021",
            "é",
            "É",
        ];
        let mut rng = crate::testgen::Rng::new(0x10e5);
        let (mut lower, mut spaced) = (String::new(), String::new());
        for _ in 0..20_000 {
            let n = rng.below(12);
            let s = rng.text(&parts, n);
            lower = lower_case_in(&s, lower);
            assert_eq!(lower, s.to_lowercase(), "{s:?}");
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced_in(&s, &mut spaced), joined, "{s:?}");
        }
    }

    /// The separator search is `split_once` of the four separators: random texts of them,
    /// other dashes and characters that share their first byte (`…` is E2 80 A6), letters
    /// and blanks.
    #[test]
    fn agency_separators_split_as_split_once() {
        let parts = [
            "Jane", " ", "|", ",", "—", "–", "‒", "…", "•", "é", "x", ".", "-",
        ];
        let mut rng = crate::testgen::Rng::new(0x5e9a_7a70);
        let mut split = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 12);
            let want = s.split_once(['|', ',', '—', '–']);
            assert_eq!(split_at_agency_separator(&s), want, "{s:?}");
            split += usize::from(want.is_some());
        }
        assert!(split > 5_000, "{split}");
    }

    /// The price test told from the end bytes is the test of the trimmed text: random texts
    /// of currency signs, digits, letters, blanks of every kind and marks at both ends.
    #[test]
    fn prices_are_told_as_by_the_trimmed_text() {
        let parts = [
            "$", "€", "£", "¥", "₹", "39.99", "x", " ", "\t", "\n", "\u{a0}", "\u{3000}", ".", "-",
            "é", "(", "",
        ];
        let plain = |s: &str| {
            let s = s.trim();
            let currency =
                |c: char| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺' | '₫');
            s.starts_with(currency) || s.ends_with(currency)
        };
        let mut rng = crate::testgen::Rng::new(0x9e1c_e5a1);
        let mut prices = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 7);
            let want = plain(&s);
            assert_eq!(is_price(&s), want, "{s:?}");
            prices += usize::from(want);
        }
        assert!(prices > 2_000, "{prices}");
    }

    /// Every particle starts with a byte of [`PARTICLE_STARTS`], and a first word that
    /// [`may_open_with_name_word`] rules out is no name word: random words of ASCII marks,
    /// digits, letters of both cases, particles and characters outside ASCII.
    #[test]
    fn name_particles_start_as_listed() {
        for p in [
            "de", "da", "del", "della", "di", "van", "von", "der", "den", "la", "le", "al", "bin",
            "ibn", "dos", "das",
        ] {
            assert!(is_particle(p.as_bytes()), "{p}");
            assert!(PARTICLE_STARTS.contains(&p.as_bytes()[0]), "{p}");
        }
        let parts = [
            "a", "b", "d", "e", "i", "l", "v", "x", "z", "A", "J", "Q", "1", "9", "-", "@", "#",
            "(", "\"", ".", ",", "'", " ", "\t", "\u{1}", "\u{a0}", "é", "É", "Σ", "de", "van",
            "al", "bin", "Doe", "“", "”",
        ];
        let mut rng = crate::testgen::Rng::new(0x0a3e_5747);
        let mut ruled_out = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, 1 + round % 5);
            if !may_open_with_name_word(&s) {
                ruled_out += 1;
                let first = s.split_whitespace().next().unwrap_or("");
                assert!(!is_name_word(first), "{s:?}");
            }
        }
        assert!(ruled_out > 5_000, "{ruled_out}");
    }

    /// [`name_then_date_or_handle`] as it was before [`ascii_date_tail`]: the features of
    /// every tail with a digit are computed and asked.
    fn name_then_date_or_handle_unfiltered(s: &str) -> bool {
        let Some(rest) = tail_after_name(s) else {
            return false;
        };
        let mut spaced = String::new();
        if rest.bytes().any(|b| b.is_ascii_digit())
            && is_date(
                rest,
                &block_features(single_spaced_in(rest, &mut spaced), &mut String::new()),
            )
        {
            return true;
        }
        rest.starts_with('@') && rest.split_whitespace().count() == 1
    }

    /// [`tail_counts`] by its table counts what the tests of each byte count, and refuses
    /// the same tails: every tail of up to two bytes (all 256 values), and random tails of
    /// up to 40 bytes drawn from blanks, letters, digits, marks, controls and bytes outside
    /// ASCII.
    #[test]
    fn tail_counts_are_the_byte_tests() {
        fn by_bytes(tail: &[u8]) -> Option<TailCounts> {
            let (mut words, mut word_bytes, mut letters, mut digits) = (0, 0, 0, 0);
            let mut in_word = false;
            for &c in tail {
                let white = is_ascii_white(c);
                if !white && !(0x21..0x7f).contains(&c) {
                    return None;
                }
                words += usize::from(!white && !in_word);
                word_bytes += usize::from(!white);
                letters += u64::from(c.is_ascii_alphabetic());
                digits += u64::from(c.is_ascii_digit());
                in_word = !white;
            }
            Some(TailCounts {
                words,
                word_bytes,
                letters,
                digits,
            })
        }
        for a in 0..=255u8 {
            assert_eq!(tail_counts(&[a]), by_bytes(&[a]), "{a}");
            for b in 0..=255u8 {
                assert_eq!(tail_counts(&[a, b]), by_bytes(&[a, b]), "{a} {b}");
            }
        }
        let pool = b" \t\n\x0b\x0c\raZk09$:-.,@\x00\x1f\x7f\x80\xc3\xa9\xff";
        let mut rng = crate::testgen::Rng::new(0x7a11_c0de);
        let mut some = 0;
        for _ in 0..100_000 {
            let tail: Vec<u8> = (0..rng.below(41))
                .map(|_| pool[rng.below(pool.len())])
                .collect();
            let want = by_bytes(&tail);
            assert_eq!(tail_counts(&tail), want, "{tail:?}");
            some += usize::from(want.is_some());
        }
        assert!(some > 1_000, "{some}");
    }

    /// The date test of ASCII tails with no feature pass changes no answer: names followed
    /// by random tails of date words, numbers, headline words, prices, handles, CJK dates
    /// and bare digits, with blanks of every kind, controls and characters outside ASCII.
    #[test]
    fn the_ascii_date_tail_is_the_feature_pass_test() {
        let names = [
            "Jane Doe",
            "Jane de Doe",
            "J. Doe",
            "Jane Q. Doe,",
            "Apple Stock Rises",
        ];
        let seps = [" ", " - ", " | ", ", ", "  —  ", "\t", " • "];
        let parts = [
            "Apr",
            "April",
            "16",
            "2015",
            "8:02",
            "pm",
            "UTC",
            "day",
            "days",
            "ago",
            "Updated",
            "After",
            "Earnings",
            "5%",
            "$39.99",
            "年",
            "3月",
            "3rd",
            "12h36",
            "@janedoe",
            "-",
            "2021-03-10",
            "09:58",
            "123456",
            "à",
            "é",
            "Σ",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            ",",
            ".",
            ":",
            "|",
            "/",
            "hours",
            "min",
            "read",
            "x",
            "\u{1}",
            "\u{7f}",
            "\u{b}",
            "\r",
            "€",
            "£5",
            "Jan.",
            "2pm",
            "yesterday",
            "March",
            "1234567",
            "2021年3月3日",
            "11",
            "7",
            "Mon",
            "ET",
            "am",
            "Oct",
            "h",
        ];
        let mut rng = crate::testgen::Rng::new(0xda7e_7a11);
        let (mut yes, mut no, mut dates) = (0, 0, 0);
        for round in 0..30_000 {
            let s = format!(
                "{}{}{}",
                rng.pick(&names),
                rng.pick(&seps),
                rng.text(&parts, 1 + round % 12)
            );
            let want = name_then_date_or_handle_unfiltered(&s);
            assert_eq!(name_then_date_or_handle(&s), want, "{s:?}");
            yes += usize::from(want);
            no += usize::from(!want);
            // The tail alone, whatever the name before it.
            let tail = rng.text(&parts, round % 20);
            if let Some(date) = ascii_date_tail(&tail) {
                let (mut spaced, mut fold) = (String::new(), String::new());
                let f = block_features(single_spaced_in(&tail, &mut spaced), &mut fold);
                assert_eq!(date, is_date(&tail, &f), "{tail:?}");
                dates += usize::from(date);
            }
        }
        assert!(
            yes > 1_000 && no > 1_000 && dates > 1_000,
            "{yes} {no} {dates}"
        );
    }

    /// A byline with a date, read after blocks that grew the kept strings (a long tail with
    /// a date, a long block with a credit word), reads as it does on a fresh thread.
    #[test]
    fn bylines_after_longer_ones_read_as_on_a_fresh_thread() {
        // (Not a date line: too long. Its tail is spaced again and folded all the same.)
        let long = format!("Jane Doe -  Apr 16,  2015 {}", "word ".repeat(500));
        let credit = format!("Photo: Jane Doe {}", "x ".repeat(400));
        let blocks = [
            "Jane Doe - Apr 16, 2015 8:02 pm UTC",
            "Jane Doe  -  1 day\tago",
            "Jane Doe, @janedoe",
            "Photograph: Jane Roe for the Post",
            "Jane Doe Submitted photo",
        ];
        let read = |s: &str| {
            (
                name_then_date_or_handle(s),
                check(is_byline, s),
                check(is_credit, s),
            )
        };
        let fresh: Vec<_> = std::thread::spawn(move || blocks.map(read))
            .join()
            .unwrap()
            .into();
        assert!(fresh.iter().filter(|r| r.0).count() >= 2, "{fresh:?}");
        assert!(fresh.iter().any(|r| r.2), "{fresh:?}");
        assert!(!name_then_date_or_handle(&long));
        // (Lowered at its first credit word, whatever the answer.)
        credit_by_word(
            lexicon(),
            &credit,
            &block_features(&credit, &mut String::new()),
        );
        for (s, want) in blocks.iter().zip(fresh) {
            assert_eq!(read(s), want, "{s}");
        }
    }

    /// A block of thousands of credit words, one word to the word count (`Photo-Photo-…`),
    /// is searched once for each word of the list it holds, not once a word: the answer
    /// depends on the word alone. A credit word marked later in the block is still found.
    /// [`credit_by_word`] has room for every credit word of the lexicon's list.
    #[test]
    fn every_credit_word_fits_the_searched_list() {
        let words = include_str!("../data/classify_words.txt")
            .lines()
            .filter(|l| l.starts_with("credit\t"))
            .count();
        assert!((1..=MAX_CREDIT_WORDS).contains(&words), "{words}");
    }

    /// [`is_date_line`] walks the words of a block with no listed word only when its digits
    /// make it a date: every month and "ago" are listed words, which such a block lacks, and
    /// a date line with a block of each kind still reads as one.
    #[test]
    fn months_and_ago_are_listed_words() {
        let lex = super::super::lexicon::lexicon();
        let months: Vec<&str> = include_str!("../data/classify_words.txt")
            .lines()
            .filter_map(|l| l.strip_prefix("month\t"))
            .collect();
        assert!(months.len() >= 12, "{months:?}");
        for w in months.iter().chain(&["ago"]) {
            assert!(lex.may_hold_listed_word(w.as_bytes()), "{w}");
        }
        for s in [
            "October 1, 2015",
            "3 days ago",
            "2017-03-10 09:58",
            "04.05.2015",
        ] {
            assert!(check(is_date, s), "{s}");
        }
        assert!(!check(is_date, "Chapter 12 of 30"));
    }

    #[test]
    fn credit_words_are_searched_for_once_a_block() {
        let lex = super::super::lexicon::lexicon();
        for (s, want) in [
            // (A credit word first: a credit line whether marked or not.)
            ("Photo-".repeat(2000), true),
            (format!("The{}Photo: Jane Doe", "-Photo".repeat(2000)), true),
            (
                format!("The{}Photo by Jane Doe", "-Picture-Photo".repeat(1000)),
                true,
            ),
        ] {
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            let before = CREDIT_SEARCHES.with(std::cell::Cell::get);
            assert_eq!(credit_by_word(lex, &s, &f), want, "{}", &s[s.len() - 30..]);
            let searches = CREDIT_SEARCHES.with(std::cell::Cell::get) - before;
            assert!(searches <= 2, "{searches} searches of one block");
        }
    }

    #[test]
    fn bylines() {
        for s in [
            "By Jane Doe",
            "By JANE DOE and John Roe",
            "by Jane Doe March 3, 2020 11:00 PM PST",
            "Par Marie Curie et Pierre Curie — 24 novembre 2017 à 18:42",
            "Por César Salza",
            "Jane Doe | Reuters",
            "Jane Doe, Staff Reporter",
            "The Daily Post and wire services",
            "// By Sam Roe • Nov 11, 2020",
            "Sam Roe - Apr 16, 2015 8:02 pm UTC",
            "Sam Roe 1 day ago",
            "Daily Post | 04.05.2015 à 13h36 | Par Sam Roe",
            "Our Foreign Staff",
            "Sam Roe, @samroe",
            "Story by Ann Lee",
        ] {
            assert!(check(is_byline, s), "{s}");
        }
        for s in [
            "By the time the vote came, the council had left.",
            "Bylaws",
            "Possible Iranian escalation",
            "Share on Facebook",
            "By far the best option",
        ] {
            assert!(!check(is_byline, s), "{s}");
        }
    }

    #[test]
    fn alnum_words_split_like_split() {
        for s in [
            "",
            "Photo: Jane Doe/AP",
            "  Ünïcode—words ©2024 x",
            "a",
            "-",
        ] {
            assert_eq!(
                alnum_words(s).collect::<Vec<_>>(),
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
            );
        }
    }

    /// [`alnum_run`] by its table ends each run where the tests of each byte end it, from
    /// every character of random texts of ASCII letters, digits, marks and blanks and of
    /// letters, digits, marks and blanks outside ASCII, for runs of both kinds.
    #[test]
    fn alnum_runs_are_the_byte_tests() {
        fn by_bytes(s: &str, alnum: bool) -> usize {
            let b = s.as_bytes();
            let mut i = 0;
            while let Some(&c) = b.get(i) {
                if c < 0x80 {
                    if c.is_ascii_alphanumeric() != alnum {
                        break;
                    }
                    i += 1;
                    continue;
                }
                match s.get(i..).and_then(|r| r.chars().next()) {
                    Some(ch) if crate::lex::is_alphanumeric(ch) == alnum => i += ch.len_utf8(),
                    _ => break,
                }
            }
            i
        }
        let parts = [
            "a", "Z", "q", "0", "9", " ", "\t", ":", "/", "-", "_", "\u{7f}", "\0", "é", "Ü", "Σ",
            "ж", "٣", "２", "中", "—", "©", "\u{a0}", "\u{200b}", "’", "😀", "ǅ",
        ];
        let mut rng = crate::testgen::Rng::new(0xa1_0e_b7);
        let mut runs = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 24);
            for (at, _) in s.char_indices() {
                for alnum in [false, true] {
                    let want = by_bytes(&s[at..], alnum);
                    assert_eq!(alnum_run(&s[at..], alnum), want, "{s:?} {at} {alnum}");
                    runs += usize::from(want > 0);
                }
            }
        }
        assert!(runs > 100_000, "{runs}");
    }

    #[test]
    fn credit_marks_are_found_as_in_single_spaced_text() {
        let hays = [
            "",
            "photo: jane doe",
            "photo : x",
            "photo by jane",
            "photo credit",
            "photophoto:",
            "telephoto: x",
            "photo",
            "photo by",
            "ph:oto",
            "é photo é: photo by x",
            "photo creditphoto",
            "aaa:",
            "photo  credit  :  pti",
            "photo\tby\tjane",
            "photo \r\n  by x",
            "photo\ncredit",
            "photo  by",
            "photo  bye",
        ];
        let words = ["photo", "a", "aa", "é", "", "credit", "by"];
        for hay in hays {
            for word in words {
                assert_eq!(
                    followed_by_credit_mark(hay, word),
                    credit_mark_by_spacing(hay, word),
                    "{hay:?} {word:?}"
                );
            }
        }
        // Random texts of those parts and blanks.
        let parts = [
            "photo", "credit", "by", ":", " ", "  ", "\t", "\n", "\r\n", "é", "x",
        ];
        let mut rng = crate::testgen::Rng::new(0x00c4_ed17);
        let (mut found, mut spaced_only) = (0, 0);
        for _ in 0..20_000 {
            let n = rng.below(10);
            let hay = rng.text(&parts, n);
            let word = words[rng.below(words.len())];
            let got = followed_by_credit_mark(&hay, word);
            assert_eq!(got, credit_mark_by_spacing(&hay, word), "{hay:?} {word:?}");
            found += usize::from(got);
            // Found only because a run of blanks counts as one space.
            spaced_only += usize::from(
                got && ![":", " :", " by ", " credit"]
                    .iter()
                    .any(|a| hay.contains(&format!("{word}{a}"))),
            );
        }
        assert!(found > 1_000 && spaced_only > 100, "{found} {spaced_only}");
    }

    /// [`may_open_with_byline_word`] is its plain test (no word sets asked): random blocks
    /// of byline words (of one part and more), names, other listed words, separators and
    /// blanks.
    #[test]
    fn byline_openings_agree_with_the_plain_test() {
        let plain = |f: &Features| {
            let lex = lexicon();
            f.may_hold_listed_word()
                && if f.separators == 0 {
                    folded_words(f.folded)
                        .next()
                        .is_some_and(|w| lex.is("byline", w))
                } else {
                    lex.may_hold_byline_word(f.folded)
                }
        };
        let parts = [
            "By ",
            "by ",
            "BY ",
            "Par ",
            "Story ",
            "Words ",
            "Автор ",
            "Jane ",
            "Doe ",
            "photo ",
            "Share ",
            "March ",
            "staff ",
            "| ",
            "• ",
            "— ",
            ", ",
            "bye ",
            "Byline ",
            "\u{a0}",
            "É ",
            "2021 ",
        ];
        let mut rng = crate::testgen::Rng::new(0xb1_0e_a0);
        let (mut buf, mut known, mut yes) = (String::new(), 0, 0);
        for round in 0..20_000 {
            let s = rng.text(&parts, 1 + round % 8);
            buf.clear();
            let f = block_features(&s, &mut buf);
            let want = plain(&f);
            assert_eq!(may_open_with_byline_word(lexicon(), &f), want, "{s:?}");
            known += usize::from(f.word_sets != WordSets::default());
            yes += usize::from(want);
        }
        assert!(known > 5_000 && yes > 2_000, "{known} {yes}");
    }

    /// [`is_short_name`] is the test of the words `split_whitespace` gives: random texts of
    /// names, particles, lower-case words, marks, blanks of every kind and letters outside
    /// ASCII.
    #[test]
    fn short_names_agree_with_the_split() {
        let plain = |s: &str| {
            let words = s.split_whitespace().count();
            (2..=4).contains(&words) && s.split_whitespace().all(is_name_word)
        };
        let parts = [
            "Jane", "Doe", "de", "van", "x", "A", "J.", "2021", ",", ".", "\"", " ", "  ", "\t",
            "\u{b}", "\u{a0}", "É", "é", "Zoë", "-",
        ];
        let mut rng = crate::testgen::Rng::new(0x5407_7a3e);
        let mut names = 0;
        for round in 0..40_000 {
            let s = rng.text(&parts, round % 9);
            let want = plain(&s);
            assert_eq!(is_short_name(&s), want, "{s:?}");
            names += usize::from(want);
        }
        assert!(names > 2_000, "{names}");
    }

    /// The words of `b` split at the bytes that are white space as `char::is_whitespace`
    /// tells ASCII ([`is_ascii_white`]): `split_whitespace`'s words of an ASCII text, and of
    /// the part of any text before its first byte outside ASCII (the split
    /// [`name_word_at`]'s walk replaced).
    fn ascii_words(b: &[u8]) -> impl Iterator<Item = &[u8]> {
        b.split(|&c| is_ascii_white(c)).filter(|w| !w.is_empty())
    }

    /// [`name_word_at`]'s walk finds the words of the split at ASCII white space
    /// ([`ascii_words`]) and tells each as [`name_word_of_bytes`] does where it is ASCII,
    /// up to the first word that is no name word; a word with a byte outside ASCII is
    /// untold, or no name word where `split_whitespace`'s word there is none to the test of
    /// characters ([`is_name_word`]). Random texts of names, particles, marks, blanks of
    /// every kind and bytes outside ASCII.
    #[test]
    fn name_words_walked_are_the_split_words() {
        let parts = [
            "Jane", "Jane ", "Doe ", "Doe, ", "de ", " ", " ", "Jane", "Doe", "de", "van", "della",
            "x", "A", "J.", "O'Neil", "Mc-Do", "2021", ",", ".", "(", ")", "\"", "'", "-", "&",
            "@", "Jo&", "Doe)x", "(Jr.)", " ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1c}",
            "\u{7f}", "\u{a0}", "\u{3000}", "É", "é", "Zoë", "—", "“", "”", "’",
        ];
        let mut rng = crate::testgen::Rng::new(0x7a1c_0de5);
        let (mut names, mut nots, mut untold) = (0, 0, 0);
        for round in 0..60_000 {
            let s = rng.text(&parts, 1 + round % 10);
            let b = s.as_bytes();
            let mut at = 0;
            for w in ascii_words(b) {
                let start = b.offset(w);
                let walked = name_word_at(b, at);
                if !w.is_ascii() {
                    // Untold, or no name word to the test of characters.
                    if walked == NameWord::Not {
                        let first = s[start..].split_whitespace().next().unwrap_or("");
                        assert!(!is_name_word(first), "{s:?} {first:?}");
                        nots += 1;
                    } else {
                        assert_eq!(walked, NameWord::Untold, "{s:?}");
                        untold += 1;
                    }
                    break;
                }
                if name_word_of_bytes(w) != Some(true) {
                    assert_eq!(walked, NameWord::Not, "{s:?}");
                    nots += 1;
                    break;
                }
                let end = start + w.len();
                assert_eq!(walked, NameWord::Name { start, end }, "{s:?}");
                names += 1;
                at = end;
            }
            if ascii_words(b).all(|w| w.is_ascii() && name_word_of_bytes(w) == Some(true)) {
                assert_eq!(name_word_at(b, at), NameWord::End, "{s:?}");
            }
        }
        assert!(
            names > 10_000 && nots > 15_000 && untold > 10_000,
            "{names} {nots} {untold}"
        );
    }

    /// [`after_name`] is the name test of the words `split_whitespace` gives: random texts of
    /// names, particles, lower-case words, commas, blanks of every kind (white space
    /// outside ASCII among them) and letters outside ASCII.
    #[test]
    fn names_end_where_the_split_ends_them() {
        fn plain(s: &str) -> Option<&str> {
            if !may_open_with_name_word(s) {
                return None;
            }
            let (mut name_words, mut end) = (0, 0);
            for w in s.split_whitespace().take(4) {
                if !is_name_word(w) {
                    break;
                }
                name_words += 1;
                end = s.offset(w) + w.len();
                if w.ends_with(',') {
                    break;
                }
            }
            (name_words >= 2).then(|| s.get(end..).unwrap_or(""))
        }
        let parts = [
            "Jane", "Doe", "de", "van", "x", "A", "J.", "2021", ",", ".", "(", "\"", " ", "  ",
            "\t", "\n", "\u{b}", "\u{a0}", "\u{3000}", "É", "é", "Zoë", "—", "-", "@", "&", ")",
            "”", "’", "Jane ", "Doe ", "J. ", " ",
        ];
        let mut rng = crate::testgen::Rng::new(0x0a_f7e4);
        let mut named = 0;
        for round in 0..40_000 {
            let s = rng.text(&parts, round % 12);
            let want = plain(&s);
            assert_eq!(after_name(&s), want, "{s:?}");
            named += usize::from(want.is_some());
        }
        assert!(named > 2_000, "{named}");
    }

    #[test]
    fn ascii_bare_names_agree_with_the_split() {
        let parts = [
            "Sarah", "Archer", "de", "la", "A", "a", "x", "Mc-Do", "O'Neil", "J.", "(Jr.)",
            "\"Jo\"", "van", "bin", "lower", "UPPER", "2020", "x1", " ", "  ", "\t", "\n", "\u{b}",
            "\u{c}", "\r", ",", ".", "-", "'", "(", ")",
        ];
        let mut rng = crate::testgen::Rng::new(0x0ba4_e5a1);
        let (mut names, mut tried) = (0, 0);
        for round in 0..30_000 {
            let s = rng.text(&parts, 1 + round % 9);
            let plain = s
                .split_whitespace()
                .all(|w| is_name_word(w) && (w.len() > 1 || w.chars().any(char::is_lowercase)));
            assert_eq!(ascii_bare_name(s.as_bytes()), plain, "{s:?}");
            names += usize::from(plain);
            tried += 1;
        }
        assert!(names > 1_000 && tried - names > 1_000, "{names} of {tried}");
        // Every ASCII byte is white space to both or to neither.
        for c in 0..0x80u8 {
            assert_eq!(is_ascii_white(c), char::from(c).is_whitespace(), "{c:#x}");
        }
    }

    #[test]
    fn bare_names() {
        assert!(check(is_bare_name, "Sarah Archer"));
        assert!(check(is_bare_name, "Ana de la Torre"));
        assert!(!check(
            is_bare_name,
            "Possible Iranian escalation of fighting"
        ));
        assert!(!check(is_bare_name, "Share"));
    }

    /// The count from the spaces is the number of words of the fold, empty ones left out,
    /// for folds of texts with runs of blanks and marks at either end and between words.
    #[test]
    fn fold_word_count_counts_the_words_of_a_fold() {
        for s in [
            "x",
            "3 hours ago",
            "  -- Updated 3:57 PM ET,  Thu (October 1), 2015 -- ",
            "« 04.05.2015 à 13h36 »",
            "a  b\t\tc\n d",
            "...word...",
            "@handle 2015",
        ] {
            let mut buf = String::new();
            let f = block_features(s, &mut buf);
            let want = folded_words(f.folded).filter(|w| !w.is_empty()).count();
            assert!(want > 0, "{s:?}");
            assert_eq!(fold_word_count(f.folded), want, "{s:?}");
        }
    }

    #[test]
    fn dates() {
        for s in [
            "October 1, 2015",
            "Updated 3:57 PM ET, Thu October 1, 2015",
            "04.05.2015 à 13h36",
            "2017-03-10 09:58",
            "1 de diciembre de 2017 3:00 AM PST",
            "16 November 2017 • 2:15pm",
            "3 hours ago",
            "2021年3月3日 10:00",
        ] {
            assert!(is_date(s, &block_features(s, &mut String::new())), "{s}");
        }
        for s in [
            "Hundreds of troops arrived in 2015.",
            "Top 10 stories",
            "Russia, Syria",
        ] {
            assert!(!is_date(s, &block_features(s, &mut String::new())), "{s}");
        }
    }

    #[test]
    fn credits() {
        for s in [
            "Homs Media Center / AP",
            "Photo: Jane Doe/Reuters",
            "JANE DOE/AFP/Getty Images",
            "Whale expert Hori Tane. Photograph: Jane Doe for the Post",
            "Fans gather outside the stadium (Photo: Jane Doe)",
            "Photo by Jane Doe",
            "Image caption The mayor at the opening of the bridge on Tuesday",
            "Media caption The mayor says the bridge will reopen in May",
            "The first full map of the moon's far side. (Space Agency/Jane Doe)",
            "Jane Doe Submitted photo",
        ] {
            assert!(check(is_credit, s), "{s}");
            // With tabs or doubled spaces for its spaces, as some scrapers write them.
            for blank in ["\t", "  "] {
                let respaced = s.replace(' ', blank);
                assert!(check(is_credit, &respaced), "{respaced:?}");
            }
        }
        // A credit in brackets after a caption, told by the brackets alone, with any blanks.
        // (A slash with blanks around it parts no credit.)
        for blank in [" ", "\t", "  "] {
            let s = "Fleas live on rats and rabbits. ( Jane Doe/Science Picture Desk)";
            let respaced = s.replace(' ', blank);
            assert!(check(trailing_credit, &respaced), "{respaced:?}");
            let spaced =
                "Fleas live on rats. (Jane Doe / Science Picture Desk)".replace(' ', blank);
            assert!(!check(trailing_credit, &spaced), "{spaced:?}");
        }
        for s in [
            "The AP reported that the council met on Tuesday to discuss the photo of the mayor.",
            "Possible Iranian escalation",
            "Russia, Syria",
            "How Engineers Rebuilt the Bridge in 2020: A Video Report on the Works",
            "The council voted on the plan (yes/no) on Tuesday.",
            "Prices rose sharply (see chart/table)",
            "The Story Behind The Photo",
        ] {
            assert!(!check(is_credit, s), "{s}");
        }
    }

    #[test]
    fn comment_headers() {
        for s in [
            "Jane Doe on March 3, 2021 at 4:47 pm said:",
            "Sam Roe, 12.03.2021 22:15 schrieb:",
            "Ana Ruiz el 3 de marzo de 2021 a las 10:15 dijo:",
        ] {
            assert!(
                is_comment_header(&block_features(s, &mut String::new())),
                "{s}"
            );
        }
        for s in [
            "Jane Doe said:",
            "The mayor said on Tuesday that the bridge would close.",
            "In a statement, the council said:",
        ] {
            assert!(
                !is_comment_header(&block_features(s, &mut String::new())),
                "{s}"
            );
        }
    }

    #[test]
    fn tags() {
        assert!(is_tag_heading(&block_features(
            "Related News",
            &mut String::new()
        )));
        assert!(is_tag_heading(&block_features("Tags:", &mut String::new())));
        assert!(!is_tag_heading(&block_features("News", &mut String::new())));
        assert!(check(is_tag_line, "Russia, Syria"));
        assert!(check(is_tag_line, "ISIL, Syria's War, War"));
        assert!(!check(is_tag_line, "Moscow, which backs Assad, said so."));
        assert!(!check(is_tag_line, "Possible Iranian escalation"));
    }

    /// The words of list `kind` of the lexicon's word lists, as written there.
    fn list_words(kind: &str) -> Vec<&'static str> {
        crate::lex::list_lines(super::super::lexicon::WORDS)
            .filter_map(|line| line.split_once('\t'))
            .filter(|&(k, _)| k == kind)
            .map(|(_, w)| w)
            .collect()
    }

    #[test]
    fn tag_heading_shapes_pass_every_word_of_the_list() {
        let lex = lexicon();
        let words = list_words("tagsheading");
        assert!(words.len() >= 20, "{words:?}");
        for w in &words {
            // The lexicon holds each word as its fold: the word itself.
            let folded = super::super::lexicon::fold(w);
            assert_eq!(&folded, w);
            assert!(lex.is("tagsheading", &folded), "{w:?}");
            assert!(may_be_tag_heading_word(folded.as_bytes()), "{w:?}");
        }
        // Words of every shape about the list's: its words cut, grown and changed at
        // either end, and random words of letters in and outside ASCII. A word the
        // filter rules out is never in the list, and the heading test with the filter
        // answers as the look-ups alone do.
        let mut rng = crate::testgen::Rng::new(0x7a9_4ead);
        let ends = [
            "", "s", "e", "n", "y", "a", "é", "и", "1", "x", "d", "r", "c", "ы",
        ];
        let mut pieces: Vec<String> = Vec::new();
        for w in &words {
            for end in ends {
                pieces.push(format!("{w}{end}"));
                pieces.push(format!("{end}{w}"));
                let mut cut = w.to_string();
                cut.pop();
                pieces.push(format!("{cut}{end}"));
                pieces.push(format!("{end}{}", w.chars().skip(1).collect::<String>()));
            }
        }
        let letters = [
            "a", "e", "t", "s", "o", "n", "r", "é", "т", "и", "g", "c", "k",
        ];
        for _ in 0..2_000 {
            let n = 1 + rng.below(11);
            pieces.push(rng.text(&letters, n));
        }
        let (mut ruled_out, mut headings) = (0, 0);
        for p in &pieces {
            let folded = super::super::lexicon::fold(p);
            for w in folded_words(&folded) {
                if !may_be_tag_heading_word(w.as_bytes()) {
                    assert!(!lex.is("tagsheading", w), "{w:?}");
                    ruled_out += 1;
                }
            }
        }
        let plain = |f: &Features| {
            let words = || folded_words(f.folded);
            words().all(|w| lex.is("tagsheading", w))
                && words().any(|w| !matches!(w, "news" | "more" | "in" | "on" | "under"))
        };
        let seps = [" ", ": ", " - ", "  ", " / "];
        for _ in 0..60_000 {
            let mut s = String::new();
            for i in 0..1 + rng.below(3) {
                if i > 0 {
                    s.push_str(rng.pick(&seps));
                }
                let w = if rng.below(3) == 0 {
                    rng.pick(&words).to_string()
                } else {
                    pieces[rng.below(pieces.len())].clone()
                };
                s.push_str(&if rng.below(2) == 0 {
                    w.to_uppercase()
                } else {
                    w
                });
            }
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            if f.folded.is_empty() {
                continue;
            }
            let want = plain(&f);
            assert_eq!(is_tag_heading_words(&f), want, "{s:?}");
            let counts = f.words_within(3) & !f.terminal() & f.may_hold_listed_word();
            assert_eq!(is_tag_heading(&f), counts && want, "{s:?}");
            headings += usize::from(counts && want);
        }
        assert!(
            ruled_out > 2_500 && headings > 5_000,
            "{ruled_out} {headings}"
        );
    }

    #[test]
    fn tag_items_split_like_split() {
        for s in [
            "",
            ",",
            "a,b",
            "Russia, Syria",
            "a|b;c•d·e",
            "•",
            "··",
            "a,,b",
            "Été · Hiver",
            "x—y",
            "a•",
            ";b",
            "日本, 東京 | Osaka",
        ] {
            assert_eq!(
                tag_items(s).collect::<Vec<_>>(),
                s.split([',', '|', ';', '•', '·']).collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn counters() {
        for s in ["1 of 6", "12 of 140", "3/12", "2 von 5"] {
            assert!(is_counter(s, &block_features(s, &mut String::new())), "{s}");
        }
        for s in [
            "one of six",
            "1 of",
            "of 6",
            "2024/25 season",
            "1 of 6 photos",
            "12345 of 6",
        ] {
            assert!(
                !is_counter(s, &block_features(s, &mut String::new())),
                "{s}"
            );
        }
    }
}
