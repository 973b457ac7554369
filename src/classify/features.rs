//! Per-block features, computed once per block in one pass over its text.

use super::lexicon::FnvBuild;
use super::lexicon::{
    common_letter, is_common_caseless, lexicon, two_byte_utf8, FoldSink, Folder, Reading,
    SpillingFolder, WordSets,
};
use crate::model::BoilerplateReason;
use crate::scratch;
use std::cell::Cell;
use std::collections::HashMap;
use std::hash::Hasher;

/// Blocks with more words than this are not folded for phrase and word-list matching.
const MAX_FOLDED_WORDS: u32 = 60;
/// The most folded words of a block whose [`WordSets`] are found ([`with_fold`]): those
/// that the phrase search reads whole (`MAX_SEARCHED_WORDS`). A longer block is searched
/// for phrases by its anchors first, and the other walks (calls to action, credit words)
/// that its sets would spare are seldom made of it. (Nor are they found for a block of one
/// word, whose walks are short: blocks of one distinct word each paid the look-up, +5
/// instructions a byte.)
const MAX_SET_WORDS: usize = 40;
/// Length of the folded prefix compared by [`PrefixKey`].
const PREFIX_BYTES: usize = 100;
/// Blocks with more words than this are not searched for boilerplate phrases.
const MAX_PHRASE_WORDS: u32 = 120;

/// The counts of [`Features`] stop here (2^28, more than a default input holds): small
/// enough that a count times 4 (the largest factor the rules use), or a sum of a few, stays
/// a `u32`, and a block that large is classified the same whatever its exact counts.
const MAX_COUNT: u32 = 1 << 28;

/// A count of the feature pass as a [`Features`] count.
fn count(n: usize) -> u32 {
    n.min(MAX_COUNT as usize) as u32
}

/// What one block looks like.
///
/// There is one per block, so it is kept small (64 bytes): the yes-or-no features are bits
/// of one byte, read by methods of their names.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Features<'a> {
    /// Characters (code points), blanks included, but for the `\r` of a `\r\n`, and in a
    /// caseless script ([`Features::caseless_script`]) for a space right after a space: a
    /// line end counts one character, written `\n`, `\r\n` or a lone `\r`, so that a CRLF
    /// text's hard-wrapped block (its lines joined) counts what the same block with LF line
    /// ends does (a caseless script's size is its characters: a two-line headline of 80 was
    /// a candidate with LF line ends, and one of 81 too long with CRLF; a lone `\r`, a
    /// blank that parts two words, counts as any other, or [`Features::may_hold_uncounted`]
    /// missed a character: `"A\rB - C"` was told to hold no `-`), and a caseless block's
    /// run of spaces counts one, so that it counts with doubled spaces what it counts with
    /// single spaces (a Chinese site's footer of links parted by `  |  ` was body text, and
    /// took the page's other footers with it). In other blocks only the word count, not this, is
    /// read as their size.
    pub chars: u32,
    /// Words (runs of non-blank characters).
    pub words: u32,
    /// Words that start with a lower-case letter.
    pub lower: u32,
    /// Words that start with an upper-case letter.
    pub upper: u32,
    /// Letters of any script.
    pub letters: u32,
    /// Decimal digits.
    pub digits: u32,
    /// Sentence ends inside the block (`. ` followed by more text, `。`).
    pub inner_stops: u32,
    /// Commas (`,`, `，`, `、`).
    pub commas: u32,
    /// Separators typical of menus and metadata lines: `|`, `•`, `·`, `»`, `›`, `>`, `/`.
    pub separators: u32,
    /// The yes-or-no features, a bit each ([`TERMINAL`] and the others).
    flags: u16,
    /// Boilerplate reason found by phrase.
    pub reason: Option<BoilerplateReason>,
    /// Which word sets of the word walks hold some folded word ([`WordSets`]), for blocks
    /// of 2 to [`MAX_SET_WORDS`] folded words whose fold is kept ([`with_fold`]); unknown
    /// (nothing ruled out) for the others.
    pub word_sets: WordSets,
    /// Hash of the folded text (duplicates).
    pub key: u64,
    /// The folded text, for blocks of up to [`MAX_FOLDED_WORDS`] words; empty otherwise.
    /// [`features`] lends it from one buffer for all blocks.
    pub folded: &'a str,
}

// The bits of [`Features::flags`]; each has a method of its name that tells it.
/// Ends with sentence punctuation (`.`, `!`, `?`, `…`, `。`, …), closing quotes and
/// brackets aside.
const TERMINAL: u16 = 1;
/// Ends with a full stop (or `。`) rather than `!`, `?`, `:`.
const FULL_STOP: u16 = 1 << 1;
/// Ends with `:`.
const COLON: u16 = 1 << 2;
/// Looks like a link or handle: `http`, `www.`, `.com`, `@name`.
const LINKY: u16 = 1 << 3;
/// Starts with a list marker (`-`, `*`, `•`, `+`, `1.`, `(1)`).
const LIST_MARKER: u16 = 1 << 4;
/// Ends with a "more…" link: a teaser for another story.
const TEASER: u16 = 1 << 5;
/// Most letters are of a script without case (CJK, Thai, Arabic…).
const CASELESS_SCRIPT: u16 = 1 << 6;
/// No folded word is a word of the lexicon's lists or starts an entry or a phrase
/// ([`super::lexicon::Lexicon::may_hold_listed_word`]); set only where that was checked
/// (blocks of up to [`MAX_LISTED_CHECK_WORDS`] folded words), so that a block without it
/// may hold such words.
const NO_LISTED_WORD: u16 = 1 << 7;

/// The block is one word of ASCII letters, so it holds none of the marks
/// [`Features::holds_mark`] answers for (`!`, `;`, `@`). Set by the pass from its counts
/// (all its bytes are letters: [`general_feature_pass`]) and by [`plain_word_features`].
const ONE_WORD: u16 = 1 << 8;

/// Cleaning leaves the block's text as it is ([`crate::normalize::clean`] borrows it): it is
/// ASCII, with no control character, no blank but single spaces between words and no `&`
/// (which may start a character reference). Set for a word of ASCII letters ([`ONE_WORD`]),
/// which is such a text, and by the
/// pass over a huge block ([`huge_block_features`]), whose test by the assembly it spares (a
/// read of the block from memory); a block without it may be clean all the same (the
/// general pass does not tell of other blocks: its test cost real text more than the
/// assembly's test it spared).
const CLEAN: u16 = 1 << 9;

/// The block holds no ASCII colon `:` ([`Features::may_hold_colon`]). Set by every path of
/// the pass: the general one from the classes of the bytes it took ([`COLON_MARK`]), the
/// one-word ones for a word of letters.
const NO_COLON: u16 = 1 << 10;

/// The block holds a quotation mark outside ASCII that opens or closes a quotation: `“`,
/// `”`, `„`, `«` or `»` (a curly apostrophe does not). Set by the general path of the
/// pass from the classes it saw (the curly marks, among the punctuation it does not
/// decode, mark [`PLAIN_MARK`] there, which the ASCII marks of no class leave out of it)
/// and its counts of guillemets; the one-word paths meet none. (A `"` is not told: it is
/// taken on the pass's path for marks of no class, where a test of it costs every such
/// mark, the quotes of a text full of them above all.)
const WIDE_QUOTE: u16 = 1 << 11;

/// The block holds no character that the quote stage reads as a quotation mark or an
/// apostrophe ([`Features::may_hold_quote_mark`]): no ASCII mark of no class (`"`, `'` and
/// `` ` `` are among them, with hyphens and brackets), no character from U+2018 to U+201F
/// (`‘` `’` `‚` `‛` `“` `”` `„` `‟`) and no guillemet. Told only by the pass over a huge
/// block ([`huge_block_features`]), whose two searches by the quote stage it spares, each a
/// read of the block from memory: in a block that stays in the caches the searches cost
/// less than the test in the pass (the test in every block cost quote paragraphs 0.66
/// instructions a byte, web pages 0.36).
const NO_QUOTE_MARK: u16 = 1 << 12;

/// The most folded words of a block checked for listed words ([`NO_LISTED_WORD`]): the
/// tests that the check spares (phrases, tag headings, byline and credit words) look at
/// the words of short blocks; in a longer one some word is nearly always listed, and the
/// check would cost a pass over its words for nothing.
const MAX_LISTED_CHECK_WORDS: usize = 8;

impl Features<'_> {
    fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    fn set(&mut self, flag: u16, on: bool) {
        if on {
            self.flags |= flag;
        } else {
            self.flags &= !flag;
        }
    }

    /// Ends with sentence punctuation (`.`, `!`, `?`, `…`, `。`, …), closing quotes and
    /// brackets aside.
    pub fn terminal(&self) -> bool {
        self.has(TERMINAL)
    }

    /// Ends with a full stop (or `。`) rather than `!`, `?`, `:`.
    pub fn full_stop(&self) -> bool {
        self.has(FULL_STOP)
    }

    /// Ends with `:`.
    pub fn colon(&self) -> bool {
        self.has(COLON)
    }

    /// Looks like a link or handle: `http`, `www.`, `.com`, `@name`.
    pub fn linky(&self) -> bool {
        self.has(LINKY)
    }

    /// Starts with a list marker (`-`, `*`, `•`, `+`, `1.`, `(1)`).
    pub fn list_marker(&self) -> bool {
        self.has(LIST_MARKER)
    }

    /// Ends with a "more…" link: a teaser for another story.
    pub fn teaser(&self) -> bool {
        self.has(TEASER)
    }

    /// Marks the block as a teaser for another story, or not.
    pub fn set_teaser(&mut self, on: bool) {
        self.set(TEASER, on);
    }

    /// Share of cased words that start in lower case (1.0 for caseless text).
    pub fn lower_ratio(&self) -> f32 {
        let cased = self.lower + self.upper;
        if cased == 0 {
            1.0
        } else {
            self.lower as f32 / cased as f32
        }
    }

    /// False when no folded word of the block is a word of the lexicon's lists, the first
    /// word of an entry of `byline` or `credit`, or the first word of a boilerplate phrase
    /// (see [`super::lexicon::Lexicon::may_hold_listed_word`]); true when it may be.
    pub fn may_hold_listed_word(&self) -> bool {
        !self.has(NO_LISTED_WORD)
    }

    /// True when most letters are of a caseless script (Chinese, Japanese, Thai…).
    pub fn caseless_script(&self) -> bool {
        self.has(CASELESS_SCRIPT)
    }

    /// True when `s`, the block's text, holds `mark`, one of `!`, `;` and `@`: what
    /// searching the text for it answers, but a block known to hold none of them
    /// ([`ONE_WORD`]: one word of letters, as menus and tag lists have many) is answered with
    /// no search.
    pub fn holds_mark(&self, s: &str, mark: u8) -> bool {
        debug_assert!(matches!(mark, b'!' | b';' | b'@'));
        self.may_hold_uncounted() && super::has_byte(s.as_bytes(), mark)
    }

    /// False when the counts leave no room for a character outside them (a `!`, `;` or `@`,
    /// say): every character is a letter, a digit, a comma or a separator, or one of the
    /// fewest blanks that part the words. These classes do not overlap, and a word is a run
    /// of characters that are not blank, so a block has at least `words - 1` blanks (each
    /// counted, a lone `\r` too: only the `\r` of a `\r\n`, before its counted `\n`, is
    /// not, nor a caseless block's space after a space, after its counted blank); the
    /// surplus of closing guillemets the separators count takes in is made of `»`, which
    /// is none of the others. So `chars` is at least the sum of those counts and
    /// `words - 1`, and more by one at least for each other character: equal, the block
    /// has none. (A count held at [`MAX_COUNT`] may be short of the real one: such a
    /// block may hold anything.) Most short blocks of a web page (names, headings, menu
    /// entries: 17,188 of the 27,164 blocks of up to 25 words the byline test reads in the
    /// web corpus) are told with no search of their text; a word of letters
    /// ([`ONE_WORD`]) always is.
    #[inline]
    pub fn may_hold_uncounted(&self) -> bool {
        let counted = u64::from(self.letters)
            + u64::from(self.digits)
            + u64::from(self.commas)
            + u64::from(self.separators)
            + u64::from(self.words.saturating_sub(1));
        u64::from(self.chars) != counted || self.chars >= MAX_COUNT
    }

    /// True when the block is known to be one word of ASCII letters ([`ONE_WORD`]), none of
    /// them a listed word ([`Features::may_hold_listed_word`]): a menu entry, a tag, a name
    /// that no metadata list knows.
    pub fn plain_word(&self) -> bool {
        self.has(ONE_WORD) && !self.may_hold_listed_word()
    }

    /// True when the block holds a quotation mark outside ASCII that opens or closes a
    /// quotation ([`WIDE_QUOTE`]): `s.contains(['“', '”', '„', '«', '»'])` of its text, told
    /// with no search.
    pub fn wide_quote(&self) -> bool {
        self.has(WIDE_QUOTE)
    }

    /// False when the block surely holds no quotation mark nor apostrophe that the quote
    /// stage reads ([`NO_QUOTE_MARK`]): none of `"`, `'`, `` ` ``, U+2018 to U+201F, `«`,
    /// `»`. True for a block with one of them, and for some blocks with none: a hyphen or a
    /// bracket is taken as such a mark is, and only a huge block is told.
    pub fn may_hold_quote_mark(&self) -> bool {
        !self.has(NO_QUOTE_MARK)
    }

    /// False when the block holds no ASCII colon `:` ([`NO_COLON`]): a dateline's colon, say,
    /// is looked for only in a block that may hold one.
    pub fn may_hold_colon(&self) -> bool {
        !self.has(NO_COLON)
    }

    /// True when the block's text is known to be what cleaning makes of it ([`CLEAN`]):
    /// ASCII, with no control character, and no blank but single spaces between words
    /// (known of a word of ASCII letters only).
    pub fn clean(&self) -> bool {
        self.has(CLEAN)
    }

    /// Has from 1 to `n` words: `words != 0 && words <= n` as one comparison, with no
    /// branch (the gates of the line tests ask it of most blocks, and two branches there
    /// were mispredicted in turn).
    #[inline(always)]
    pub fn words_within(&self, n: u32) -> bool {
        self.words.wrapping_sub(1) < n
    }

    /// Reads like one or more sentences.
    pub fn sentence(&self) -> bool {
        self.terminal() || self.inner_stops > 0
    }

    /// How the block reads for the phrases that count in it ([`Reading`]).
    fn reading(&self) -> Reading {
        if self.sentence() && self.words >= 6 {
            Reading::Sentence
        } else if self.terminal() {
            Reading::Ended
        } else {
            Reading::Open
        }
    }

    /// A weight for the amount of prose in the block: words, or characters / 2 in a
    /// caseless script.
    pub fn size(&self) -> usize {
        let size = if self.caseless_script() {
            self.chars / 2
        } else {
            self.words
        };
        size as usize
    }
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '』' | '）' | '*' | '›'
    )
}

/// `s` without the closing marks ([`is_closing`]) and blanks at its end. Most texts end
/// with printable ASCII that is neither, told by their last byte without decoding.
#[inline(never)]
fn trim_closing_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(&b)
            if (0x21..=0x7E).contains(&b) && !matches!(b, b'"' | b'\'' | b')' | b']' | b'*') =>
        {
            s
        }
        _ => s.trim_end_matches(|c: char| is_closing(c) || crate::normalize::is_blank(c)),
    }
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '．')
}

// Character classes of the feature pass ([`block_features`]).
const BLANK: u16 = 1;
const ALPHA: u16 = 1 << 1;
const LOWER: u16 = 1 << 2;
const UPPER: u16 = 1 << 3;
/// A letter of a script without case.
const CASELESS: u16 = 1 << 4;
/// An ASCII digit.
const DIGIT: u16 = 1 << 5;
const COMMA: u16 = 1 << 6;
const SEPARATOR: u16 = 1 << 7;
/// `.` `!` `?` `…`: a blank after it ends a sentence inside the block.
const STOP: u16 = 1 << 8;
/// One of the rare classes below, or `\r` (which [`Features::chars`] leaves out before a
/// `\n`).
const RARE: u16 = 1 << 9;
const GUILLEMET_OPEN: u16 = 1 << 10;
const GUILLEMET_CLOSE: u16 = 1 << 11;
/// `。` `！` `？`: a sentence end by itself.
const WIDE_STOP: u16 = 1 << 12;
/// `.` `:`: where [`linky`] looks for a link.
const LINK_MARK: u16 = 1 << 13;

/// An ASCII mark of no other class but `@` (a quotation mark, an apostrophe, a hyphen, a
/// bracket): only the count of characters and of words sees it, and it separates words of
/// the fold.
const PLAIN_MARK: u16 = 1 << 14;
/// `:`, the only byte of this class ([`NO_COLON`]).
const COLON_MARK: u16 = 1 << 15;

/// The classes of each ASCII byte.
static ASCII_CLASS: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b'\r' {
            BLANK | RARE
        } else if c.is_ascii_whitespace() || c.is_ascii_control() {
            BLANK
        } else if c.is_ascii_lowercase() {
            ALPHA | LOWER
        } else if c.is_ascii_uppercase() {
            ALPHA | UPPER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            match c {
                b',' => COMMA,
                b'|' | b'>' | b'/' => SEPARATOR,
                b'.' => STOP | LINK_MARK,
                b':' => LINK_MARK | COLON_MARK,
                b'!' | b'?' => STOP,
                b'@' => 0,
                _ => PLAIN_MARK,
            }
        };
        b += 1;
    }
    t
};

/// The classes and the lower case of the character at byte `i` of `bytes` (`i` is a char
/// boundary of a text) when it is a letter of two bytes from U+00C0 to U+027F or from
/// U+0400 to U+047F that [`common_letter`] knows, as [`wide_class`] gives them; `None` for
/// any other character. The lower case of each such letter is of two bytes too, handed to
/// the fold as such ([`FoldSink::two_byte_lower`]).
#[inline(always)]
fn two_byte_letter(bytes: &[u8], i: usize) -> Option<(u16, char)> {
    let (&lead, &next) = (bytes.get(i)?, bytes.get(i + 1)?);
    if !crate::lex::is_latin_or_cyrillic_lead(lead) {
        return None;
    }
    let c = char::from_u32(u32::from(lead & 0x1F) << 6 | u32::from(next & 0x3F))?;
    let (lower, upper, l) = common_letter(c)?;
    let case = match (lower, upper) {
        (true, _) => LOWER,
        (_, true) => UPPER,
        _ => CASELESS,
    };
    Some((ALPHA | case, l))
}

/// What the fold takes a character outside ASCII as, which [`wide_class`] tells with its
/// classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WideFold {
    /// A letter that [`common_letter`] knows, given as its lower case
    /// ([`FoldSink::common_lower`]), without a second look-up; or a letter of no case that
    /// is its own lower case ([`is_other_caseless`]).
    Lower(char),
    /// A character that separates words of the fold wherever it comes
    /// ([`FoldSink::separator`]): what [`FoldSink::char`] would make of it.
    Separator,
    /// Any other: left to [`FoldSink::char`].
    Char,
}

/// The non-ASCII character at byte `i` of `s` (`i` is a char boundary), its classes, and
/// what the fold takes it as ([`WideFold`]).
///
/// The caseless letters of kana, CJK ideographs and Hangul syllables and the box drawing
/// characters and geometric shapes (U+2500 to U+25FF: the rules and bullets of web pages'
/// tables and menus, no letter, digit, blank nor mark of a class) are told from their three
/// bytes at once, before the general path ([`plain_wide_class`]); they are most of the
/// characters that come here from web pages (of some 19,000 a pass, 13,300 letters and
/// 3,100 box drawing characters), which took the general path at 110 instructions on
/// average.
///
/// So are, since round 50, the marks of web pages outside ASCII ([`is_wide_mark`]: the signs
/// of Latin-1 such as "«", "»", "·", "°", "£", and the marks of General Punctuation,
/// currency, CJK text and full-width forms such as "…", "•", "›", "€", "，", "。", "、";
/// some 1,700 a web pass), which the fold takes as separators; the caseless letters of
/// Arabic, Devanagari and the kana length mark ([`is_other_caseless`], some 360); and "©"
/// (some 300, left to the fold, which keeps it as a word). Of the 2,664 characters of a web
/// pass that still took the general path (~220 instructions a call) and, but for the kana
/// and CJK letters, the fold's [`FoldSink::char`] (~190), some 600 are left: one pass over
/// the web pages 82.97 → 82.80 instructions a byte (the other corpora and shapes within
/// 0.01).
#[inline(never)]
fn wide_class(s: &str, i: usize) -> Option<(char, u16, WideFold)> {
    let u = match *s.as_bytes().get(i..).unwrap_or_default() {
        [lead @ 0xE0..=0xEF, b1, b2, ..] => {
            let u = three_byte_point(lead, b1, b2);
            if let Some(letter) = run_letter(u) {
                let c = char::from_u32(u)?;
                return Some(if letter {
                    (c, ALPHA | CASELESS, WideFold::Lower(c))
                } else {
                    (c, 0, WideFold::Separator)
                });
            }
            u
        }
        [lead @ 0xC2..=0xDF, b1, ..] => u32::from(lead & 0x1F) << 6 | u32::from(b1 & 0x3F),
        _ => 0,
    };
    if is_wide_mark(u) {
        let c = char::from_u32(u)?;
        return Some((c, wide_mark_class(c), WideFold::Separator));
    }
    if is_other_caseless(u) {
        let c = char::from_u32(u)?;
        return Some((c, ALPHA | CASELESS, WideFold::Lower(c)));
    }
    if u == u32::from('©') {
        return Some(('©', 0, WideFold::Char));
    }
    plain_wide_class(s, i)
}

/// The code point of the character of three bytes `lead`, `b1`, `b2` (a lead byte from
/// `0xE0` to `0xEF` and two continuation bytes).
#[inline(always)]
fn three_byte_point(lead: u8, b1: u8, b2: u8) -> u32 {
    u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F)
}

/// Of the code point `u` of a character of three bytes, whether it is one of those the
/// feature pass takes in runs ([`wide_run`]): `Some(true)` for a caseless letter that
/// [`is_common_caseless`] knows (kana, CJK ideographs, Hangul syllables), its own lower case
/// in the fold; `Some(false)` for a box drawing character or geometric shape (U+2500 to
/// U+25FF: no letter, digit, blank nor mark of a class), a separator in the fold; `None`
/// for any other. What [`wide_class`] gives them.
#[inline(always)]
fn run_letter(u: u32) -> Option<bool> {
    if is_common_caseless(u) {
        Some(true)
    } else if (0x2500..=0x25FF).contains(&u) {
        Some(false)
    } else {
        None
    }
}

/// The characters of three bytes that [`run_letter`] knows in a row from byte `i` of
/// `bytes` (a char boundary of a text), and the letters among them, each handed to `fold`
/// as [`wide_class`] gives it: the feature pass takes such a run in one step, inside a word
/// or not. Until round 53 only runs of caseless letters inside a word were taken so (since
/// round 52), and the box drawing characters (some 3,000 a web pass) and the caseless
/// letters that start a word (some 2,200) each took the pass's general path after
/// [`wide_class`] (~70 instructions a call and the general path's counts): one pass over
/// the web pages 77.91 → 77.80 instructions a byte, unmatched quote marks 103.03 → 102.69,
/// the other corpora and shapes within 0.03. Never inlined, as the loop of caseless letters
/// was not (inlined, it cost seed variants and quote paragraphs 0.05 a byte).
///
/// A caseless letter goes to the fold as its three bytes ([`FoldSink::caseless_letter`],
/// inlined here), not decoded here and encoded again by an out-of-line
/// [`FoldSink::common_lower`] (~44 instructions a letter, 13,270 letters a web pass): one
/// pass over the web pages 76.45 → 76.30 instructions a byte.
#[inline(never)]
fn wide_run(bytes: &[u8], i: usize, fold: &mut impl FoldSink) -> (usize, usize) {
    let (mut at, mut letters) = (i, 0);
    while let Some(&[lead @ 0xE2..=0xED, b1, b2]) = bytes.get(at..at + 3) {
        match run_letter(three_byte_point(lead, b1, b2)) {
            Some(true) => {
                fold.caseless_letter([lead, b1, b2]);
                letters += 1;
            }
            Some(false) => fold.separator(),
            None => break,
        }
        at += 3;
    }
    ((at - i) / 3, letters)
}

/// Whether the code point `u` is a letter of no case that [`common_letter`] does not know
/// but web pages hold a few hundred of a pass: the Arabic letters (U+0620 to U+064A), the
/// Devanagari letters and vowel signs (U+0904 to U+0939, U+093E to U+094C) and the kana
/// length mark and its neighbours (U+30FC to U+30FF, "ー"). Each is its own lower case,
/// as the fold writes it.
#[inline(always)]
fn is_other_caseless(u: u32) -> bool {
    matches!(u, 0x0620..=0x064A | 0x0904..=0x0939 | 0x093E..=0x094C | 0x30FC..=0x30FF)
}

/// Whether the code point `u` (of two or three bytes) is one of the marks [`wide_class`]
/// tells before the general path: no letter, digit nor blank, not "©" (which the fold
/// keeps as a word), so that the fold takes it as a separator and its only classes are
/// those of [`wide_mark_class`].
#[inline(always)]
fn is_wide_mark(u: u32) -> bool {
    matches!(
        u,
        0xA1..=0xA8
            | 0xAB
            | 0xAC
            | 0xAE..=0xB1
            | 0xB4
            | 0xB6..=0xB8
            | 0xBB
            | 0xBF
            | 0x200E..=0x200F
            | 0x2022..=0x2027
            | 0x202A..=0x202E
            | 0x2030..=0x205E
            | 0x20A0..=0x20C0
            | 0x2122
            | 0x3001..=0x3004
            | 0x3008..=0x3020
            | 0xFF01..=0xFF0F
            | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65
    )
}

/// The classes of a character outside ASCII that are neither a letter's nor a blank's:
/// those of the commas, separators, guillemets and stops of other scripts; 0 for any other.
#[inline(always)]
fn wide_mark_class(c: char) -> u16 {
    match c {
        '，' | '、' => COMMA,
        '•' | '·' | '›' => SEPARATOR,
        // « » are quotation marks when they come in pairs, else a breadcrumb arrow.
        '«' => RARE | GUILLEMET_OPEN,
        '»' => RARE | GUILLEMET_CLOSE,
        '。' | '！' | '？' => RARE | WIDE_STOP,
        '…' => STOP,
        _ => 0,
    }
}

/// [`wide_class`] of any character, from its tests one at a time.
#[inline(never)]
fn plain_wide_class(s: &str, i: usize) -> Option<(char, u16, WideFold)> {
    let c = s.get(i..).and_then(|r| r.chars().next())?;
    if let Some((lower, upper, l)) = common_letter(c) {
        let case = match (lower, upper) {
            (true, _) => LOWER,
            (_, true) => UPPER,
            _ => CASELESS,
        };
        return Some((c, ALPHA | case, WideFold::Lower(l)));
    }
    let mut k = 0;
    if crate::normalize::is_blank(c) {
        k |= BLANK;
    }
    if crate::lex::is_wide_alphabetic(c) {
        k |= ALPHA;
        if c.is_lowercase() {
            k |= LOWER;
        } else if c.is_uppercase() {
            k |= UPPER;
        } else {
            k |= CASELESS;
        }
    }
    k |= wide_mark_class(c);
    Some((c, k, WideFold::Char))
}

/// The classes of the mark of three bytes from U+2010 to U+2021 at `bytes[i]`
/// ([`crate::lex::is_plain_punctuation`]), and whether it is a quotation mark (U+2018 to
/// U+201F, [`NO_QUOTE_MARK`]). U+201C to U+201E (`“`, `”`, `„`) are quotation marks: marked
/// in `seen` by the class of the ASCII marks of no class, which no character the feature
/// pass takes on its general path has otherwise ([`WIDE_QUOTE`]), and which moves no count;
/// the others have no class.
#[inline(always)]
fn plain_punctuation_class(bytes: &[u8], i: usize) -> (u16, bool) {
    let third = bytes.get(i + 2);
    let k = if matches!(third, Some(0x9C..=0x9E)) {
        PLAIN_MARK
    } else {
        0
    };
    (k, matches!(third, Some(0x98..=0x9F)))
}

/// The spaces of `b` right after a space: what a caseless block's character count leaves
/// out ([`Features::chars`]). Counted after the pass, for such blocks only (few, and with
/// few spaces): counted in the pass for every block, where it leaves a space, it cost a
/// long line of prose 0.6 instructions a byte, from the pass's code generation alone.
fn doubled_spaces(b: &[u8]) -> usize {
    let finder = crate::lex::two_spaces();
    let (mut n, mut at) = (0, 0);
    while let Some(i) = finder.find(&b[at..]) {
        // The run of spaces from the pair on: all but its first.
        let run = b[at + i..].iter().take_while(|&&c| c == b' ').count();
        n += run - 1;
        at += i + run;
    }
    n
}

/// What a block that holds a `\r` needs told again, out of line: [`linky_past_returns`],
/// and its lone `\r` bytes (no `\n` after them), which [`Features::chars`] counts as the
/// line ends they are but the pass left out with the `\r` of each `\r\n`.
#[cold]
#[inline(never)]
fn past_returns(s: &str, short: bool) -> (bool, usize) {
    let b = s.as_bytes();
    let lone = b
        .iter()
        .enumerate()
        .filter(|&(at, &c)| c == b'\r' && b.get(at + 1) != Some(&b'\n'))
        .count();
    (linky_past_returns(s, short), lone)
}

/// [`linky`] of the first 200 bytes of `s` but for its `\r` bytes, for a block that holds
/// one: a CRLF block's link at the window's edge is where the LF block's is (counted in
/// bytes, the CRLF window was a byte shorter a line end). Only `\r` is left out, not the
/// other slack bytes the stages' windows leave out ([`crate::lex::slack_bytes`]): the
/// window of a block without `\r` is its first 200 bytes, counted by no pass, and a
/// count of doubled blanks there would cost every long block.
fn linky_past_returns(s: &str, short: bool) -> bool {
    let b = s.as_bytes();
    let end = if b.len() <= 200 {
        b.len()
    } else {
        crate::lex::widen_forward_by(b, 0, 200, b.len(), crate::lex::carriage_returns)
    };
    let head = s.get(..end).unwrap_or("");
    linky(head.as_bytes(), short)
}

/// True when `s` holds `http://`, `https://` or `www.`, or (`short`) `.com`, or starts
/// with `@`.
///
/// Always inlined: the feature pass has two instances ([`huge_block_features`]'s), and with
/// two callers this was left out of line in the hot one (seed +0.3 instructions a byte).
#[inline(always)]
fn linky(s: &[u8], short: bool) -> bool {
    for p in memchr::memchr2_iter(b':', b'.', s) {
        let (before, at) = s.split_at(p);
        let hit = if at.starts_with(b"://") {
            before.ends_with(b"http") || before.ends_with(b"https")
        } else {
            at[0] == b'.' && (before.ends_with(b"www") || short && at.starts_with(b".com"))
        };
        if hit {
            return true;
        }
    }
    short && s.first() == Some(&b'@')
}

/// [`linky`] of a text `s` with no `:` that is not short (`short` false): whether it holds
/// `www.`, the only link it can hold, found by one search for the four bytes rather than a
/// look at every `.` (most of them full stops, each a `memchr2` call). The feature pass
/// asks it of a block of more than three words whose classes hold no `:`
/// ([`COLON_MARK`]); one pass, seed variants 79.65 → 79.27 instructions a byte, web pages
/// 84.80 → 84.69, quote paragraphs 90.26 → 89.97. (A block with a `:` searched for `www.`
/// and then at each `:` for a web address cost about the same on web pages and more on the
/// others: 79.31, 84.67, 89.99.) The test `holds_www_is_linky_of_a_text_with_no_colon`
/// compares the two.
#[inline(never)]
fn holds_www(s: &[u8]) -> bool {
    static WWW: std::sync::OnceLock<super::lexicon::Needle> = std::sync::OnceLock::new();
    WWW.get_or_init(|| super::lexicon::Needle::new(b"www."))
        .is_in(s)
}

/// True when `word` (the text before a full stop) is an initial or a short title: one
/// upper-case ASCII letter, or two or three letters with only the first upper-case ("J",
/// "Lt", "Col", "Dr"). "US." and "UK." end sentences as often as not, so they do.
fn abbreviation(word: &[u8]) -> bool {
    (1..=3).contains(&word.len())
        && word[0].is_ascii_uppercase()
        && word[1..].iter().all(u8::is_ascii_lowercase)
}

/// True when `s` starts with one to three ASCII digits and `.` or `)` (`1.`, `12)`).
fn numbered(s: &[u8]) -> bool {
    let digits = s.iter().take(4).take_while(|b| b.is_ascii_digit()).count();
    (1..=3).contains(&digits) && matches!(s.get(digits), Some(b'.' | b')'))
}

/// The key of the first [`PREFIX_BYTES`] of a folded text (cut back to a character
/// boundary), from its first bytes: all of them, or at least `PREFIX_BYTES` and a few more;
/// 0 for a text shorter than that. Inlined: most blocks are shorter.
#[inline]
fn prefix_key(first: &[u8]) -> u64 {
    if first.len() < PREFIX_BYTES {
        return 0;
    }
    // The largest char boundary at or below PREFIX_BYTES: a continuation byte is none, and
    // (in UTF-8) at most three come one after another, so that the boundary is one of the
    // four bytes from PREFIX_BYTES back, told with no loop.
    let continuation = |at: usize| first.get(at).is_some_and(|&b| b & 0xC0 == 0x80);
    let back_1 = continuation(PREFIX_BYTES);
    let back_2 = back_1 & continuation(PREFIX_BYTES - 1);
    let back_3 = back_2 & continuation(PREFIX_BYTES - 2);
    let cut = PREFIX_BYTES - usize::from(back_1) - usize::from(back_2) - usize::from(back_3);
    // What hashing the `str` of these bytes feeds the hasher (they are UTF-8: a fold cut at
    // a char boundary), without checking them again.
    let mut p = crate::fasthash::FastHasher::default();
    write_range(&mut p, first, 0, cut);
    p.write_u8(0xff);
    p.finish().max(1)
}

/// `if on { a } else { b }`, taken from a list of the two by the flag rather than by a
/// branch, for a flag as good as random (`std::hint::select_unpredictable` is newer than
/// the crate's oldest Rust).
#[inline(always)]
fn select<T: Copy>(on: bool, a: T, b: T) -> T {
    [b, a][usize::from(on)]
}

/// Feeds `h` the bytes `b[from..to]` as [`Hasher::write`] feeds them: eight bytes a step,
/// and the last (fewer than eight) as one word with their count. Those last bytes are read
/// from the eight bytes of `b` that end at `to` (which the fold buffer nearly always has),
/// shifted, and the word is fed or not by a [`select`]: no test of how many they are,
/// where the hasher's own tail (a load of four, two or one bytes, and a test for none) was
/// mispredicted about once a block. The test `hashing_a_range_is_writing_it` checks this.
#[inline]
fn write_range(h: &mut crate::fasthash::FastHasher, b: &[u8], from: usize, to: usize) {
    let bytes = &b[from..to];
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h.write_u64(u64::from_le_bytes(c.try_into().unwrap_or_default()));
    }
    let rest = chunks.remainder().len();
    let last = match to.checked_sub(8).and_then(|at| b.get(at..to)) {
        // The last `rest` bytes at the bottom (none for a `rest` of 0: two shifts, each
        // below 64).
        Some(eight) => {
            u64::from_le_bytes(eight.try_into().unwrap_or_default()) >> (8 * (7 - rest)) >> 8
        }
        None => crate::fasthash::le_word(chunks.remainder()),
    };
    // What `FastHasher::write_word` feeds for one to seven bytes.
    let mut with_rest = *h;
    with_rest.write_u64(last ^ (rest as u64) << 59);
    *h = select(rest != 0, with_rest, *h);
}

/// A block whose folded text is long enough for a prefix key ([`prefix_key`]): a long
/// block that starts like an earlier one is a copy (a page's whole story repeated in one
/// block, say). Most blocks are shorter and have none, so the keys are listed apart from
/// the [`Features`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PrefixKey {
    /// The block.
    pub block: usize,
    /// The hash of the first [`PREFIX_BYTES`] bytes of its folded text.
    pub key: u64,
    /// The block repeats the text of an earlier one, whose features it shares.
    pub copy: bool,
}

/// The features of every block: one [`Features`] for each text read, shared by the blocks
/// that repeat it ([`features`]). A text repeated block after block (a broken scraper's
/// output) then costs one `Features`, not one a block.
#[derive(Debug, Default)]
pub(crate) struct FeatureTable<'a> {
    /// The features of the texts read, in the order of their first blocks.
    read: Vec<Features<'a>>,
    /// For each block, the place of its features in `read`; empty when no block repeats an
    /// earlier one (block `i` has `read[i]`).
    ids: Vec<u32>,
}

impl<'a> FeatureTable<'a> {
    /// Gives the table's lists back to `lent`, emptied, for the next text.
    pub fn give_back(self, lent: &mut Lent) {
        lent.read = scratch::reuse(self.read);
        let mut ids = self.ids;
        ids.clear();
        lent.ids = ids;
    }

    /// The features of every block, to read.
    pub fn view(&self) -> Feats<'_, 'a> {
        Feats {
            read: &self.read,
            ids: &self.ids,
        }
    }

    /// The features of block `i`, to change: the change holds for every block of the same
    /// text, which is what a change that depends on the text alone needs.
    pub fn shared_mut(&mut self, i: usize) -> Option<&mut Features<'a>> {
        let at = if self.ids.is_empty() {
            i
        } else {
            *self.ids.get(i)? as usize
        };
        self.read.get_mut(at)
    }

    /// Marks as duplicates the long blocks that start like an earlier one (`prefixes` in
    /// block order). A repeat whose first copy is not marked gets features of its own, shared
    /// with the later repeats of that text (which are all marked: they start like it).
    /// True when some block was marked: only the features of blocks of `prefixes` change.
    pub fn mark_repeated_prefixes(&mut self, prefixes: &[PrefixKey]) -> bool {
        // One key repeats none (a text of one long block, a quotation): no set to build.
        if prefixes.len() < 2 {
            return false;
        }
        let mut changed = false;
        let duplicate = Some(BoilerplateReason::Duplicate);
        // The keys are hashes, never 0: an open-addressing set of them hashes none again.
        let mut seen = super::KeySet::kept(prefixes.len());
        // For features shared by a first copy that is not marked, the marked copy of them.
        let mut marked: HashMap<u32, u32, FnvBuild> = HashMap::default();
        for p in prefixes {
            if seen.insert(p.key) {
                continue;
            }
            changed = true;
            let Some(&id) = self.ids.get(p.block).filter(|_| p.copy) else {
                if let Some(f) = self.shared_mut(p.block) {
                    f.reason = duplicate;
                }
                continue;
            };
            let Some(f) = self.read.get(id as usize) else {
                continue;
            };
            if f.reason == duplicate {
                continue;
            }
            let own = match marked.get(&id) {
                Some(&own) => own,
                None => {
                    let mut own = f.clone();
                    own.reason = duplicate;
                    // (Fewer features than blocks, and the blocks fit a u32: `ids` is made
                    // only then.)
                    let at = self.read.len() as u32;
                    self.read.push(own);
                    marked.insert(id, at);
                    at
                }
            };
            if let Some(slot) = self.ids.get_mut(p.block) {
                *slot = own;
            }
        }
        changed
    }
}

/// The features of every block, read from a [`FeatureTable`] (or a part of it that starts
/// at the first block): `feats[i]` are block `i`'s, as from a slice.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Feats<'f, 'a> {
    /// With `ids` empty, one for each block (and no more).
    read: &'f [Features<'a>],
    /// As [`FeatureTable::ids`], one for each block (and no more), or empty.
    ids: &'f [u32],
}

impl<'f, 'a> Feats<'f, 'a> {
    /// The features of blocks that each have their own.
    #[cfg(test)]
    pub fn plain(read: &'f [Features<'a>]) -> Self {
        Feats { read, ids: &[] }
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        if self.ids.is_empty() {
            self.read.len()
        } else {
            self.ids.len()
        }
    }

    /// The number of distinct [`Features`] the blocks have: at most [`Feats::len`], fewer
    /// when blocks share them (no more distinct keys than that).
    pub fn texts(&self) -> usize {
        self.read.len()
    }

    /// The features of block `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&'f Features<'a>> {
        if self.ids.is_empty() {
            self.read.get(i)
        } else {
            self.read.get(*self.ids.get(i)? as usize)
        }
    }

    /// The features of every block, in order.
    pub fn iter(self) -> FeatsIter<'f, 'a> {
        if self.ids.is_empty() {
            FeatsIter::Own(self.read.iter())
        } else {
            FeatsIter::Shared {
                read: self.read,
                ids: self.ids.iter(),
            }
        }
    }

    /// `f` of each block's place and features, in order, into a list ([`Feats::extend_each`]).
    #[cfg(test)]
    pub fn collect_each<T>(self, f: impl FnMut(usize, &'f Features<'a>) -> T) -> Vec<T> {
        let mut out = Vec::new();
        self.extend_each(&mut out, f);
        out
    }

    /// `f` of each block's place and features, in order, appended to `out` (a list kept
    /// from one text to the next): what `iter().enumerate().map(f)` gives, but added as
    /// fast as from a slice (the list knows the length it ends with).
    pub fn extend_each<T>(self, out: &mut Vec<T>, mut f: impl FnMut(usize, &'f Features<'a>) -> T) {
        let read = self.read;
        if self.ids.is_empty() {
            out.extend(read.iter().enumerate().map(|(i, x)| f(i, x)));
        } else {
            let ids = self.ids.iter().enumerate();
            out.extend(ids.map(|(i, &j)| f(i, &read[j as usize])));
        }
    }

    /// The features of the first `n` blocks.
    pub fn up_to(self, n: usize) -> Self {
        if self.ids.is_empty() {
            Feats {
                read: &self.read[..n.min(self.read.len())],
                ids: &[],
            }
        } else if n == 0 {
            // (Empty places would read as a block for each of the features.)
            Feats {
                read: &[],
                ids: &[],
            }
        } else {
            Feats {
                ids: &self.ids[..n.min(self.ids.len())],
                ..self
            }
        }
    }
}

impl<'f, 'a> IntoIterator for Feats<'f, 'a> {
    type Item = &'f Features<'a>;
    type IntoIter = FeatsIter<'f, 'a>;

    fn into_iter(self) -> FeatsIter<'f, 'a> {
        self.iter()
    }
}

/// The features of every block of a [`Feats`], in order.
#[derive(Debug, Clone)]
pub(crate) enum FeatsIter<'f, 'a> {
    /// Blocks with features of their own.
    Own(std::slice::Iter<'f, Features<'a>>),
    /// Blocks that share features, by their places.
    Shared {
        read: &'f [Features<'a>],
        ids: std::slice::Iter<'f, u32>,
    },
}

impl<'f, 'a> Iterator for FeatsIter<'f, 'a> {
    type Item = &'f Features<'a>;

    fn next(&mut self) -> Option<&'f Features<'a>> {
        match self {
            FeatsIter::Own(it) => it.next(),
            FeatsIter::Shared { read, ids } => read.get(*ids.next()? as usize),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            FeatsIter::Own(it) => it.size_hint(),
            FeatsIter::Shared { ids, .. } => ids.size_hint(),
        }
    }
}

impl ExactSizeIterator for FeatsIter<'_, '_> {}

impl<'a> std::ops::Index<usize> for Feats<'_, 'a> {
    type Output = Features<'a>;

    fn index(&self, i: usize) -> &Features<'a> {
        if self.ids.is_empty() {
            &self.read[i]
        } else {
            &self.read[self.ids[i] as usize]
        }
    }
}

/// Computes the features of every block, `raw` its texts, and the prefix keys of those
/// that have one, in block order (none for a text of one block, which repeats none). The folded texts that are kept (blocks of up to
/// [`MAX_FOLDED_WORDS`] words) are written one after another into `arena`, which the
/// features borrow: one buffer for all blocks rather than a `String` each.
///
/// `same[i]` is an earlier block with the same text as block `i` (or `i`): the features
/// are a function of the text alone, so such a block shares that block's rather than
/// getting a pass of its own. `room` is what is read ([`Room::of`]), reserved at once: a
/// smaller one only costs growing the lists.
///
/// The lists are made on the room of those in `lent`, which are left empty (the table and
/// the prefix keys hold them until [`FeatureTable::give_back`] and [`Lent::prefixes`]).
pub(crate) fn features<'a>(
    raw: &[&str],
    same: &[u32],
    room: Room,
    arena: &'a mut String,
    lent: &mut Lent,
) -> (FeatureTable<'a>, Vec<PrefixKey>) {
    let mut buf = std::mem::take(arena).into_bytes();
    buf.clear();
    // Only the first copy of each text is read: the lists of what is read get room for
    // those (one for a text of one block repeated), not for every block.
    // The folded texts are no longer than the text but for rare marks (`@`): room for all
    // of them at once rather than growing block by block.
    buf.reserve(room.bytes + 64);
    let mut read: Vec<Features<'a>> = scratch::reuse(std::mem::take(&mut lent.read));
    read.reserve(room.texts);
    let mut prefixes = std::mem::take(&mut lent.prefixes);
    prefixes.clear();
    // The length of the folded text of each text read in `buf`; it starts where the one of
    // the text read before it ends.
    let mut lens = FoldLengths::with_room(std::mem::take(&mut lent.lens), room.texts);
    // Whether a block repeats an earlier one (`same` lists every block of a text of many).
    let mut repeats = false;
    // (`same` holds no more blocks than `raw`.)
    let same = same.get(..raw.len()).unwrap_or(same);
    let mut i = 0;
    while let Some(&s) = raw.get(i) {
        if same.get(i).is_some_and(|&j| (j as usize) < i) {
            // A repeat shares its first copy's features (its place is found after the
            // walk, [`places`]) and prefix key; so do the repeats after it.
            repeats = true;
            i = past_repeats(same, i, &mut prefixes);
            continue;
        }
        let before = buf.len();
        // (Each path pushes its own features: one move into the list, not two.)
        if let Some(f) = plain_word_features(s, &mut buf) {
            read.push(f);
        } else {
            let prefix = block_features_into(s, &mut buf, &mut read);
            // A text of one block repeats none: its key is not listed (no list allocated),
            // as [`FeatureTable::mark_repeated_prefixes`] needs two keys to mark any.
            if prefix != 0 && raw.len() > 1 {
                prefixes.push(PrefixKey {
                    block: i,
                    key: prefix,
                    copy: false,
                });
            }
        }
        lens.push(buf.len() - before);
        i += 1;
    }
    // Folded from whole characters and ASCII, block after block: always UTF-8.
    *arena = String::from_utf8(buf).unwrap_or_default();
    // Cut off the front of the arena text by text: one character boundary checked a text
    // (where it ends), where slicing the arena checks both ends. (Each folded text ends
    // with a whole character, so no cut fails.)
    let mut rest: &'a str = arena;
    for (f, len) in read.iter_mut().zip(lens.iter()) {
        let (folded, after) = rest.split_at_checked(len).unwrap_or(("", rest));
        f.folded = folded;
        rest = after;
    }
    lent.lens = lens.into_short();
    let mut ids = std::mem::take(&mut lent.ids);
    ids.clear();
    if repeats {
        ids = places(same, raw.len(), ids);
    }
    (FeatureTable { read, ids }, prefixes)
}

/// The first block from block `i` on that repeats no earlier one (`same` as in
/// [`features`]), each repeat before it given its first copy's prefix key, if that has one.
/// A run of repeats (a scraper's repeats come in runs) is passed in this loop of its own,
/// out of line: in the walk of [`features`], which keeps its state on the stack across the
/// reading of a text, a repeat cost ~19 instructions, here ~5 when no block read so far
/// has a prefix key (one-word blocks) and ~9 when one has. The test
/// `past_repeats_gives_the_keys_of_the_walk` checks the keys against those of a walk
/// block by block.
#[inline(never)]
fn past_repeats(same: &[u32], mut i: usize, prefixes: &mut Vec<PrefixKey>) -> usize {
    if prefixes.is_empty() {
        // No key to share (no block read so far is long enough for one; one-word blocks).
        while same.get(i).is_some_and(|&j| (j as usize) < i) {
            i += 1;
        }
        return i;
    }
    while let Some(&j) = same.get(i) {
        let first = j as usize;
        if first >= i {
            break;
        }
        if let Ok(at) = prefixes.binary_search_by_key(&first, |p: &PrefixKey| p.block) {
            let key = prefixes[at].key;
            prefixes.push(PrefixKey {
                block: i,
                key,
                copy: true,
            });
        }
        i += 1;
    }
    i
}

/// The place in [`FeatureTable::read`] of the features of each of `n` blocks, `same[i]`
/// the first block with the text of block `i` ([`features`]), in `ids` (emptied first); or
/// an empty list when no block repeats an earlier one (block `i` has `read[i]`,
/// [`FeatureTable::ids`]). The blocks that are the first of their text are read in order,
/// so the first copies' places count up from 0, and a repeat takes its first copy's place.
/// Made in a walk of its own after [`features`]' walk, which only skips a repeat
/// ([`past_repeats`]) and pushes no place for a text read: there, with the list's room
/// tested and its length kept in memory across the reading of a text, the places and the
/// test of whether they were made cost ~27 instructions a repeat and a few a text read.
/// Both together, one pass: one-word blocks 59.07 → 57.66 instructions a byte, distinct
/// one-word blocks 95.75 → 94.76. (Pushed here rather than written in place, they cost
/// one-word blocks 0.8 a byte more; the list's zeros, written first, cost ~4 instructions
/// a block under callgrind.) The test `places_are_those_of_the_walk` checks them against
/// places pushed block by block. Out of line (called once a text with a repeat): inlined,
/// one-word blocks cost 0.25 a byte more.
#[inline(never)]
fn places(same: &[u32], n: usize, mut ids: Vec<u32>) -> Vec<u32> {
    ids.clear();
    // (`same` is made only for blocks that a u32 counts.)
    if same.is_empty() || n > u32::MAX as usize {
        return ids;
    }
    // Written in place, each block's after the blocks before it: no room tested a block.
    ids.resize(n, 0);
    let places = ids.as_mut_slice();
    let listed = same.len().min(places.len());
    let mut next = 0u32;
    for i in 0..listed {
        let j = same[i] as usize;
        places[i] = if j < i {
            places[j]
        } else {
            next += 1;
            next - 1
        };
    }
    // The blocks past the end of `same` are the first of their texts.
    for place in &mut places[listed..] {
        *place = next;
        next += 1;
    }
    if next as usize == n {
        // No repeat after all.
        ids.clear();
    }
    ids
}

/// The lists [`features`] fills, lent by its caller and kept from text to text
/// ([`crate::scratch`]): empty, with the room the last text gave them, and under no text's
/// lifetime while kept.
#[derive(Debug, Default)]
pub(crate) struct Lent {
    /// The list of [`FeatureTable::read`].
    read: Vec<Features<'static>>,
    /// The list of [`FeatureTable::ids`].
    ids: Vec<u32>,
    /// The lengths of the folded texts ([`FoldLengths::short`]).
    lens: Vec<u32>,
    /// The list of the prefix keys: [`features`] gives it back filled; its caller puts it
    /// back when done with it.
    pub prefixes: Vec<PrefixKey>,
}

impl Lent {
    /// No lists (nothing allocated).
    pub const EMPTY: Lent = Lent {
        read: Vec::new(),
        ids: Vec::new(),
        lens: Vec::new(),
        prefixes: Vec::new(),
    };

    /// Empties every list for the next text, freeing those over
    /// [`crate::scratch::MAX_KEPT_BYTES`].
    pub fn recycle(&mut self) {
        scratch::recycle(&mut self.read);
        scratch::recycle(&mut self.ids);
        scratch::recycle(&mut self.lens);
        scratch::recycle(&mut self.prefixes);
    }
}

/// The lengths of the folded texts of [`features`], one a text read, in order: a `u32`
/// each, half the room of a `usize` in a list as long as the text has blocks, but for a
/// length that does not fit (`u32::MAX` or more), which is kept apart.
#[derive(Debug, Default)]
struct FoldLengths {
    /// The lengths, `u32::MAX` for one kept in `long`.
    short: Vec<u32>,
    /// The lengths that do not fit a `u32`, in order.
    long: Vec<usize>,
}

impl FoldLengths {
    /// An empty list on `short`'s allocation (emptied), with room for `n` lengths.
    fn with_room(mut short: Vec<u32>, n: usize) -> Self {
        short.clear();
        short.reserve(n);
        FoldLengths {
            short,
            long: Vec::new(),
        }
    }

    /// The list of the short lengths, emptied, to be lent again.
    fn into_short(self) -> Vec<u32> {
        let mut short = self.short;
        short.clear();
        short
    }

    /// Adds `len` at the end.
    fn push(&mut self, len: usize) {
        match u32::try_from(len) {
            Ok(short) if short != u32::MAX => self.short.push(short),
            _ => {
                self.short.push(u32::MAX);
                self.long.push(len);
            }
        }
    }

    /// The lengths, in order.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let mut long = self.long.iter();
        self.short.iter().map(move |&len| match len {
            u32::MAX => long.next().copied().unwrap_or_default(),
            _ => len as usize,
        })
    }
}

/// The room [`features`] needs for what it reads: the number of blocks that are the first
/// of their text, and their total length in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Room {
    pub texts: usize,
    pub bytes: usize,
}

impl Room {
    /// The room of the blocks of `raw` that are the first of their text (`same` as in
    /// [`features`]: a block past its end is one).
    pub fn of(raw: &[&str], same: &[u32]) -> Room {
        let mut room = Room::default();
        for (i, s) in raw.iter().enumerate() {
            if same.get(i).is_none_or(|&j| j as usize == i) {
                room.add(s);
            }
        }
        room
    }

    /// Counts `s` as one more text read.
    pub fn add(&mut self, s: &str) {
        self.texts += 1;
        // A huge block's fold is spilled as it is written ([`huge_block_features`]) and
        // needs no more room than this; one that is not grows the buffer.
        self.bytes += s.len().min(SPILL_BLOCK_BYTES);
    }
}

/// The features of one block's text, its folded text kept in `buf`.
pub(crate) fn block_features<'a>(s: &str, buf: &'a mut String) -> Features<'a> {
    let mut bytes = std::mem::take(buf).into_bytes();
    bytes.clear();
    let (mut f, _) = block_features_in(s, &mut bytes);
    *buf = String::from_utf8(bytes).unwrap_or_default();
    f.folded = buf;
    f
}

/// The features of one block's text, but for `folded`, which is left empty, and its prefix
/// key ([`prefix_key`], 0 for none): the folded text is appended to `buf` when it is kept
/// (up to [`MAX_FOLDED_WORDS`] words), else `buf` is left as it was.
///
/// The text is folded in the same pass as the counts whatever its length: a huge block's
/// fold goes into the room [`features`] reserved for every text read ([`Room`]) and is cut
/// off again once its keys are taken ([`with_fold`]), which costs less than a second pass
/// that folds it piece by piece.
///
/// For a block read alone ([`block_features`], the tests): [`features`] has
/// [`block_features_into`] push them onto its list.
fn block_features_in<'a>(s: &str, buf: &mut Vec<u8>) -> (Features<'a>, u64) {
    thread_local! {
        /// The list of one that [`block_features_in`] lends [`block_features_into`], kept on
        /// the thread: made fresh at each call, it was an allocation a call (the date rule's
        /// [`block_features`], 0.6 an article of the web pages).
        static ONE: Cell<Vec<Features<'static>>> = const { Cell::new(Vec::new()) };
    }
    let mut one: Vec<Features<'a>> = scratch::reuse(scratch::take_list(&ONE));
    let prefix = block_features_into(s, buf, &mut one);
    let f = one.pop().unwrap_or_default();
    scratch::give_back_list(&ONE, scratch::reuse(one));
    (f, prefix)
}

/// [`block_features_in`], its features pushed onto `read` by the pass itself rather than
/// given back and pushed by [`features`]: the 64 bytes of [`Features`] given back were
/// copied twice by the caller, once out of the returned value and once into the list (16
/// instructions a block; the push in here copies them once, and the pass's code came out
/// better too: one pass seed variants 76.16 → 75.99 instructions a byte, web pages 81.00 →
/// 80.72, quote paragraphs 85.02 → 84.93).
fn block_features_into<'a>(s: &str, buf: &mut Vec<u8>, read: &mut Vec<Features<'a>>) -> u64 {
    if s.len() >= SPILL_BLOCK_BYTES && more_blanks_than(s, MAX_PHRASE_WORDS as usize) {
        if let Some((f, prefix)) = huge_block_features(s, buf) {
            read.push(f);
            return prefix;
        }
    }
    let start = buf.len();
    let mut folder = Folder::new(buf);
    let f = feature_pass::<false>(s, &mut folder);
    let words = folder.finish();
    let (f, prefix) = with_fold(f, s, buf, start, words);
    read.push(f);
    prefix
}

/// True when `s` may hold more than `n` blank characters ([`crate::normalize::is_blank`]):
/// false only when it surely holds `n` or fewer. A huge block of so few holds no more than
/// `n + 1` words, too few for [`huge_block_features`], which would read it whole only to
/// give it back to the usual pass (one 10 MB word of U+FFFD cost 8.4 billion instructions;
/// now 5.2). The same features either way.
///
/// Bytes are counted, not characters decoded: an ASCII blank or control, or the first two
/// bytes of the only other blanks (U+0080–U+00AD, U+1680, U+2000–U+207F, U+3000, U+FEFF),
/// so that some other characters count too (an em dash), and no blank is missed. The count
/// stops past `n`.
fn more_blanks_than(s: &str, n: usize) -> bool {
    let b = s.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time past those that start no blank (letters, most of all).
        if let Some(word) = b.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            if !may_start_blank(word) {
                i += 8;
                continue;
            }
        }
        let next = b.get(i + 1).copied();
        let blank = match b[i] {
            0..=0x20 | 0x7f => true,
            0xc2 => matches!(next, Some(0x80..=0xad)),
            0xe1 => next == Some(0x9a),
            0xe2 => matches!(next, Some(0x80 | 0x81)),
            0xe3 => next == Some(0x80),
            0xef => next == Some(0xbb),
            _ => false,
        };
        if blank {
            count += 1;
            if count > n {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Whether one of the eight bytes of `word` (a SWAR test) is one [`more_blanks_than`] looks
/// at: below `0x21`, `0x7f`, or the first byte of a non-ASCII blank (`0xc2`, `0xe1` to
/// `0xe3`, `0xef`). It may say so of a word with none; never the other way.
#[inline]
fn may_start_blank(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The bytes equal to one ([`crate::lex::byte_flags`]: may also flag a byte above an
    // equal one, which only costs a look).
    let at = |v: u8| crate::lex::byte_flags(word, v);
    let below_21 = word.wrapping_sub(0x21 * ONES) & !word & HIGH;
    // 0xe1..=0xe3: the byte with its low two bits cleared is 0xe0 (0xe0 itself is let in).
    let e0_to_e3 = crate::lex::byte_flags(word & (0xfc * ONES), 0xe0);
    (below_21 | at(0x7f) | at(0xc2) | e0_to_e3 | at(0xef)) != 0
}

// A spilled fold's first bytes are all the prefix key reads: its `PREFIX_BYTES` and the
// byte after them, where [`prefix_key`] looks for a character boundary.
const _: () = assert!(super::lexicon::SPILL_HEAD_BYTES > PREFIX_BYTES);

/// The shortest block, in bytes, that [`huge_block_features`] reads: 8 MB. Below that a
/// whole fold is cheaper. The spilling instance of the pass costs 1.4 to 2.7 more
/// instructions a byte than the usual one (measured on one-block shapes of 1 MB), and a
/// fold buffer of a few MB is reused from call to call by the allocator, where glibc maps
/// one of more than 32 MB afresh (and has the kernel zero its pages) at every parse.
const SPILL_BLOCK_BYTES: usize = 8 << 20;

/// [`block_features_in`] of a huge block (from [`SPILL_BLOCK_BYTES`]) whose fold is never
/// kept nor looked up, but only hashed: a block of more than [`MAX_PHRASE_WORDS`] words
/// (and so more than [`MAX_FOLDED_WORDS`] and [`MAX_LISTED_CHECK_WORDS`]). Its fold goes
/// through a [`SpillingFolder`], so that it needs a buffer of 64 KB and its longest run
/// without a space (most often a word), not one as
/// long as the block: one endless paragraph of 100 MB no longer writes (and has the kernel
/// map) 100 MB of fold. `None`, with `buf` as it was, for a block that has few words
/// after all (a few huge words, say) or no space to spill at: [`block_features_in`] then
/// reads it again as any other. (That second pass is rare, and leaves [`with_fold`] one
/// caller, which the hot path's code generation needs.)
///
/// The key, prefix key and teaser test are what [`with_fold`] gives: the hasher fed the
/// spilled bytes and then the rest gives the key of the whole fold, the prefix key is taken
/// from the fold's first bytes, and the last word is in the rest. The test
/// `huge_block_features_is_with_fold` checks this.
#[inline(never)]
fn huge_block_features<'a>(s: &str, buf: &mut Vec<u8>) -> Option<(Features<'a>, u64)> {
    let start = buf.len();
    let mut folder = SpillingFolder::new(buf);
    let mut f = feature_pass::<true>(s, &mut folder);
    let spilled = folder.finish();
    let Some(mut h) = spilled
        .hasher
        .filter(|_| f.words > MAX_PHRASE_WORDS && spilled.words > MAX_LISTED_CHECK_WORDS)
    else {
        buf.truncate(start);
        return None;
    };
    let rest = &buf[start..];
    h.write(rest);
    h.write_u8(0xff);
    // Something was spilled, so the fold is not empty.
    f.key = h.finish().max(1);
    f.set_teaser(f.words > 3 && ends_like_teaser(s) && ends_with_more(rest));
    // More words than any check of listed words or phrases reads: none is looked for.
    f.set(NO_LISTED_WORD, false);
    buf.truncate(start);
    Some((f, prefix_key(&spilled.head)))
}

/// True when the last word of the folded text `folded` is "more" (or another word of the
/// lexicon's list of them): the end of a "read more" link ([`with_fold`]'s teaser test).
fn ends_with_more(folded: &[u8]) -> bool {
    lexicon().is(
        "more",
        std::str::from_utf8(folded.rsplit(|&b| b == b' ').next().unwrap_or_default())
            .unwrap_or_default(),
    )
}

/// The case bit of each of eight ASCII letters read as one integer: or-ed in, it lowers
/// them all ([`plain_word_features`], [`fold_letters`]).
const ASCII_LOWER_BITS: u64 = 0x2020_2020_2020_2020;

/// The longest block, in bytes, that [`plain_word_features`] reads.
const MAX_PLAIN_WORD_BYTES: usize = 16;

/// [`block_features_in`] of a block `s` of one short word of ASCII letters (up to
/// [`MAX_PLAIN_WORD_BYTES`]: a menu entry, a tag, a name), or `None`, with `buf` as it
/// was, for any other block. Such a block has the features the pass gives a word of ASCII
/// letters (one word, of as many letters as characters, cased by its first letter, every
/// flag off but [`ONE_WORD`], [`CLEAN`] and [`NO_COLON`]) and the key of its folded text, its letters in lower case; of the rest of
/// [`with_fold`] only the listed-word test can find something in it: it has no prefix key
/// (it is shorter than [`PREFIX_BYTES`]) and is no teaser (one word). A word that no list
/// of the lexicon may hold (most) gets [`NO_LISTED_WORD`] and no phrase is looked for; any
/// other is looked up as a phrase of one word, as [`with_fold`] does. So what a block of many
/// such words costs is a test, a fold and a hash, with no pass and no `Features` copied
/// from call to call.
/// The test `plain_word_features_is_block_features_in` checks this, and debug builds
/// compare the two on every such block.
#[inline]
fn plain_word_features<'a>(s: &str, buf: &mut Vec<u8>) -> Option<Features<'a>> {
    let bytes = s.as_bytes();
    let len = bytes.len();
    let &first = bytes.first()?;
    if len > MAX_PLAIN_WORD_BYTES || !first.is_ascii_alphabetic() {
        return None;
    }
    // The folded text is hashed as [`with_fold`] hashes it.
    let mut h = crate::fasthash::FastHasher::default();
    let start = buf.len();
    if len <= 8 {
        // One integer (most such words): tested, lowered, written and hashed as such. The
        // zeros past the word are no letters, so the letters lead the word when all of it
        // is letters.
        let word = crate::fasthash::le_word(bytes);
        if leading_ascii_letters(word) < len {
            return None;
        }
        let lowered = (word | ASCII_LOWER_BITS) & (u64::MAX >> (64 - 8 * len));
        buf.extend_from_slice(&lowered.to_le_bytes());
        buf.truncate(start + len);
        h.write_word(lowered, len);
    } else {
        if !all_ascii_letters(bytes) {
            return None;
        }
        fold_letters(bytes, buf);
        h.write(&buf[start..]);
    }
    h.write_u8(0xff);
    let folded = &buf[start..];
    // (Fetched here, not for every text: a text with no such block, one endless line say,
    // has no need of the lexicon, and does not build it.)
    let lex = lexicon();
    let key = h.finish().max(1);
    let listed = lex.may_hold_listed_letters(folded, key);
    let f = Features {
        chars: count(bytes.len()),
        words: 1,
        lower: u32::from(first.is_ascii_lowercase()),
        upper: u32::from(first.is_ascii_uppercase()),
        letters: count(bytes.len()),
        flags: if listed {
            ONE_WORD | CLEAN | NO_COLON
        } else {
            ONE_WORD | NO_LISTED_WORD | CLEAN | NO_COLON
        },
        // One word, no sentence.
        reason: if listed {
            lex.boilerplate(folded, 1, Reading::Open, WordSets::default(), None)
        } else {
            None
        },
        key,
        ..Features::default()
    };
    debug_assert!(
        block_features_in(s, &mut Vec::new()) == (f.clone(), 0),
        "plain_word_features differs from block_features_in on {s:?}"
    );
    Some(f)
}

/// Appends the fold of `word`, a word of ASCII letters of up to
/// [`MAX_PLAIN_WORD_BYTES`], to `buf`: its letters in lower case. The word is read as one
/// or two integers (eight bytes that overlap for a word of nine to fifteen), lowered
/// together and written whole, and what is written past the word is cut off again.
#[inline]
fn fold_letters(word: &[u8], buf: &mut Vec<u8>) {
    debug_assert!(word.len() <= MAX_PLAIN_WORD_BYTES);
    let end = buf.len() + word.len();
    let lowered = |b: &[u8]| (crate::fasthash::le_word(b) | ASCII_LOWER_BITS).to_le_bytes();
    buf.extend_from_slice(&lowered(word));
    if let Some(last) = word.last_chunk::<8>().filter(|_| word.len() > 8) {
        buf.truncate(end - 8);
        buf.extend_from_slice(&lowered(last));
    }
    buf.truncate(end);
}

/// True when `s` ends with an ellipsis or an arrow, as a "more…" link does.
///
/// Always inlined, as [`linky`] is: [`with_fold`] and [`huge_block_features`] both call it,
/// and left out of line it cost the first a call.
#[inline(always)]
fn ends_like_teaser(s: &str) -> bool {
    match s.as_bytes().last() {
        // Neither a closing mark nor a blank, so nothing is trimmed: a text that ends with a
        // letter or digit ends with none of them, and one that ends with `.` with `...`
        // alone.
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(b'.') => s.ends_with("..."),
        _ => trimmed_ends_like_teaser(s),
    }
}

/// [`ends_like_teaser`] of any text, its closing marks and blanks trimmed.
fn trimmed_ends_like_teaser(s: &str) -> bool {
    let tail = trim_closing_end(s);
    tail.ends_with('…') || tail.ends_with("...") || s.trim_end().ends_with(['»', '›', '>'])
}

/// Completes the features `f` of `s` from its folded text, `buf[start..]` (`words` words):
/// the keys, the teaser test and the phrases, and gives the prefix key too; the folded text
/// is dropped from `buf` unless it is kept.
fn with_fold<'a>(
    mut f: Features<'a>,
    s: &str,
    buf: &mut Vec<u8>,
    start: usize,
    words: usize,
) -> (Features<'a>, u64) {
    // Read as bytes: the folded text is UTF-8 (whole characters and ASCII), and checking
    // that for every block cost more than the uses below; the arena is checked once.
    // The keys only ever meet each other (equality, set and map keys), so any good 64-bit
    // hash does: the fast one reads eight bytes a step where FNV reads one. Fed what
    // hashing the folded `str` feeds it.
    let mut h = crate::fasthash::FastHasher::default();
    write_range(&mut h, buf, start, buf.len());
    h.write_u8(0xff);
    let folded = &buf[start..];
    let prefix = prefix_key(folded);
    // Blocks with no letters or digits ("•", "—") are never duplicates.
    // (A mask, not a branch: whether a block folds to nothing is as good as random.)
    f.key = h.finish().max(1) & u64::from(!folded.is_empty()).wrapping_neg();
    f.set_teaser(f.words > 3 && ends_like_teaser(s) && ends_with_more(folded));
    f.set(
        NO_LISTED_WORD,
        words <= MAX_LISTED_CHECK_WORDS && !lexicon().may_hold_listed_word(folded),
    );
    // A block with no listed word holds no phrase.
    if f.words <= MAX_PHRASE_WORDS && f.may_hold_listed_word() {
        let reading = f.reading();
        // One walk over the words of a block whose fold is kept tells the walks after it
        // which of them can find nothing ([`WordSets`]), the phrase search first; a block
        // with no listed word needs none of them.
        if f.words <= MAX_FOLDED_WORDS && (2..=MAX_SET_WORDS).contains(&words) {
            (f.word_sets, f.reason) = lexicon().boilerplate_with_sets(buf, start, words, reading);
        } else if words > MAX_SET_WORDS {
            // A long block: searched for the anchors of its phrases first, those outside
            // ASCII left out when its counts tell it ASCII ([`counts_as_ascii`]).
            let ascii = counts_as_ascii(&f, s);
            f.reason = lexicon().long_block_reason(&buf[start..], words, reading, ascii);
        } else {
            let unknown = WordSets::default();
            f.reason = lexicon().boilerplate(&buf[start..], words, reading, unknown, None);
        }
    }
    if f.words > MAX_FOLDED_WORDS {
        buf.truncate(start);
    }
    (f, prefix)
}

/// True when the features `f` of `s` tell that `s` holds no byte outside ASCII, with no
/// look at its bytes: it counts as many characters as bytes ([`Features::chars`]), which
/// only a text of ASCII bytes alone does (a character outside ASCII counts one for two bytes
/// or more, a `\r\n` one for two, and no byte counts more than one). False for some ASCII
/// texts (those with a `\r\n`, and those of [`MAX_COUNT`] bytes or more), never for any
/// other. (Long blocks, whose fold is then searched for fewer phrase anchors:
/// [`super::lexicon::Lexicon::long_block_reason`].)
#[inline(always)]
fn counts_as_ascii(f: &Features, s: &str) -> bool {
    f.chars as usize == s.len()
}

/// The length of the run of ASCII letters that starts `b`: the first eight bytes are
/// tested at once when there are eight (most words end within them), the rest one by one.
#[inline]
fn ascii_letters(b: &[u8]) -> usize {
    let Some(&word) = b.first_chunk::<8>() else {
        return b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    };
    let n = leading_ascii_letters(u64::from_le_bytes(word));
    if n < 8 {
        return n;
    }
    8 + b[8..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
}

/// The length of the run of ASCII letters that starts `b`, up to eight: its first eight
/// bytes (fewer near the end of `b`) tested at once, with no test of whether the run goes on
/// past them. The feature pass takes each run of letters with it; the rest of a longer word
/// (of eight letters or more) comes back to the top of the pass as a run after a letter,
/// which moves no count but that of letters. [`ascii_letters`]' test of whether the run
/// went on past eight letters was mispredicted about a word in six on web (84,000 times),
/// and the top of the pass tells a letter from a space or a mark anyway.
#[inline(always)]
fn ascii_letters_up_to_8(b: &[u8]) -> usize {
    match b.first_chunk::<8>() {
        Some(&word) => leading_ascii_letters(u64::from_le_bytes(word)),
        None => b.iter().take_while(|c| c.is_ascii_alphabetic()).count(),
    }
}

/// The length of the run of ASCII digits that starts `b`, up to eight: its first eight bytes
/// (fewer near the end of `b`, read as zeros past it, which are no digits) tested at once, as
/// [`ascii_letters_up_to_8`] tests letters.
#[inline(always)]
fn ascii_digits_up_to_8(b: &[u8]) -> usize {
    let w = crate::fasthash::le_word(b);
    leading_flagged(crate::lex::ascii_range_bits(w, b'0', b'9'))
}

/// True for the classes of an ASCII mark, the bytes that are no blank, letter, digit nor
/// `@` (whose class is none, and which the fold keeps as a word of its own).
#[inline(always)]
fn is_ascii_mark(k: u16) -> bool {
    k != 0 && k & (BLANK | ALPHA | DIGIT) == 0
}

/// True when `b` is ASCII letters only, and not empty: [`ascii_letters`] of it is its
/// length. A `b` of four to seven bytes (most one-word blocks) is told at once, from its
/// first and last four bytes (which overlap: together they are every byte of it), rather
/// than a byte at a time.
#[inline]
fn all_ascii_letters(b: &[u8]) -> bool {
    match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (Some(&head), Some(&tail)) if b.len() < 8 => {
            let head = u64::from(u32::from_le_bytes(head));
            let tail = u64::from(u32::from_le_bytes(tail));
            leading_ascii_letters(head | tail << 32) == 8
        }
        _ => !b.is_empty() && ascii_letters(b) == b.len(),
    }
}

/// How many of the bytes of `w` (in memory order, little-endian) are ASCII letters before
/// the first that is not ([`crate::lex::ascii_letter_bits`]).
#[inline]
fn leading_ascii_letters(w: u64) -> usize {
    leading_flagged(crate::lex::ascii_letter_bits(w))
}

/// How many bytes lead `flags` (eight bytes, in memory order) with their high bit set,
/// before the first with it clear.
#[inline(always)]
fn leading_flagged(flags: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    ((!flags & HIGH).trailing_zeros() / 8) as usize
}

/// The features of `s` that one pass over its bytes gives (all but the keys, the teaser
/// test and the phrases), handing its characters to `fold` on the way. `HUGE` is the pass
/// over a huge block ([`huge_block_features`]), which tells what spares the later stages a
/// read of the block: whether it holds a quotation mark ([`NO_QUOTE_MARK`]) and whether its
/// text is clean ([`CLEAN`]).
///
/// Only a block of [`MAX_COUNT`] bytes or more can have a count to cap (no count passes the
/// block's bytes: the test `no_count_passes_the_blocks_bytes`), so the caps are decided
/// once a block, by its length: the pass over a shorter one takes its counts as they are
/// ([`pass_count`]), and a longer one (always a huge one) has an instance of its own, out
/// of line. The ten caps cost the pass some 32 instructions a block (a compare and a
/// conditional move each, with spills around them): one pass seed variants 76.34 → 76.17
/// instructions a byte, web pages 81.21 → 81.00, quote paragraphs 85.14 → 85.02.
fn feature_pass<'a, const HUGE: bool>(s: &str, fold: &mut impl FoldSink) -> Features<'a> {
    if HUGE || s.len() >= MAX_COUNT as usize {
        capped_feature_pass::<HUGE, _>(s, fold)
    } else {
        general_feature_pass::<HUGE, true, false, _>(s, fold)
    }
}

/// [`feature_pass`] of a block of [`MAX_COUNT`] bytes or more, or of a huge one
/// ([`huge_block_features`]): its counts capped ([`count`]).
#[cold]
#[inline(never)]
fn capped_feature_pass<'a, const HUGE: bool, F: FoldSink>(s: &str, fold: &mut F) -> Features<'a> {
    general_feature_pass::<HUGE, true, true, _>(s, fold)
}

/// A count of [`general_feature_pass`] as a [`Features`] count: [`count`] when `CAP`, else
/// as it is (a block shorter than [`MAX_COUNT`] bytes: [`feature_pass`]).
#[inline(always)]
fn pass_count<const CAP: bool>(n: usize) -> u32 {
    debug_assert!(CAP || n < MAX_COUNT as usize, "a count of {n} not capped");
    if CAP {
        count(n)
    } else {
        n as u32
    }
}

/// A run of spaced words of ASCII letters ([`spaced_letters`]): its length in bytes, its
/// spaces (one before each word), the words among them that start with a lower-case
/// letter, and where its last word starts (from the run's start; only when a full stop or
/// a letter follows the run, else its end: the pass asks where a word starts only at a
/// full stop); and the marks inside it (each right after a word and before a space:
/// [`continues_past_mark`]; or inside a word: [`joining_mark`]), packed ([`SpacedMarks`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SpacedRun {
    len: usize,
    spaces: usize,
    lower: usize,
    last_word: usize,
    marks: SpacedMarks,
}

/// The marks inside a run of [`spaced_letters`], packed in a `u64` (one register through
/// the walk). In the low byte, the bytes they cut out of the fold: one for each mark
/// between words, which the fold leaves out (the space after it separates the words), and
/// two for each mark of three bytes inside a word, which folds as one space, and all the
/// bytes of each mark that opens a word after a space; in the second,
/// the commas among them; in the third, the stops among them that end a sentence
/// ([`ends_sentence`]); in the fourth, their bytes in the text; their classes together from
/// bit 32; and from bit 56 the continuation bytes of the marks of three bytes inside words.
/// (Up to [`MAX_SPACED_MARKS`] bytes of marks: no count passes its byte.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct SpacedMarks(u64);

impl SpacedMarks {
    /// With one mark more between words, of classes `k`, that ends a sentence when `stop`.
    #[inline(always)]
    fn with(self, k: u16, stop: bool) -> Self {
        let counts = 1 | u64::from(k & COMMA != 0) << 8 | u64::from(stop) << 16 | 1 << 24;
        SpacedMarks((self.0 + counts) | u64::from(k) << 32)
    }

    /// With one mark more inside a word ([`joining_mark`]), of classes `k`, `width` bytes
    /// long (1 or 3): a separator of the fold in its place, its bytes past the first cut.
    #[inline(always)]
    fn joined(self, k: u16, width: usize) -> Self {
        let wide = (width - 1) as u64;
        let counts = wide | (width as u64) << 24 | wide << 56;
        SpacedMarks((self.0 + counts) | u64::from(k) << 32)
    }

    /// With one mark more at a word's start, right after a space ([`joining_mark`]), of
    /// classes `k`, `width` bytes long (1 or 3): all its bytes cut from the fold (the space
    /// before it separates the words).
    #[inline(always)]
    fn opened(self, k: u16, width: usize) -> Self {
        let wide = (width - 1) as u64;
        let counts = width as u64 | (width as u64) << 24 | wide << 56;
        SpacedMarks((self.0 + counts) | u64::from(k) << 32)
    }

    /// The bytes they cut out of the fold.
    #[inline(always)]
    fn cut(self) -> usize {
        (self.0 & 0xFF) as usize
    }

    /// How many of them are commas.
    #[inline(always)]
    fn commas(self) -> usize {
        (self.0 >> 8 & 0xFF) as usize
    }

    /// How many of them end a sentence.
    #[inline(always)]
    fn stops(self) -> usize {
        (self.0 >> 16 & 0xFF) as usize
    }

    /// Their bytes in the text.
    #[inline(always)]
    fn bytes(self) -> usize {
        (self.0 >> 24 & 0xFF) as usize
    }

    /// Their bytes that are no characters of their own (continuation bytes).
    #[inline(always)]
    fn continuations(self) -> usize {
        (self.0 >> 56) as usize
    }

    /// Their classes together.
    #[inline(always)]
    fn seen(self) -> u16 {
        (self.0 >> 32) as u16
    }
}

/// The classes and width of the mark that starts with `m` and `second` at `b[at..]`, right
/// after a letter, when an ASCII letter follows it: an ASCII mark of no class (`'` of
/// "don't", `-` of "well-known"; no trace in `seen`) or a mark of three bytes from U+2010
/// to U+2021 (`’` of "don’t": [`plain_punctuation_class`]). The feature pass takes such a
/// mark inside a word with no count moved but the characters' (and `seen`), as a separator
/// of the fold, and the letters after it as the same word's: [`spaced_letters`] goes on
/// past it.
#[inline(always)]
fn joining_mark(m: u8, second: u8, b: &[u8], at: usize) -> Option<(u16, usize)> {
    if m < 0x80 {
        // (The letter first: most ASCII marks that end a run are followed by none.)
        let joins = second.is_ascii_alphabetic() && ASCII_CLASS[usize::from(m)] == PLAIN_MARK;
        return joins.then_some((0, 1));
    }
    match b.get(at..at + 4)? {
        rest @ &[_, _, _, next] if crate::lex::is_plain_punctuation(rest) => next
            .is_ascii_alphabetic()
            .then(|| (plain_punctuation_class(b, at).0, 3)),
        _ => None,
    }
}

/// The high bit (`0x80`) of each byte of `w` that is an ASCII space, exactly (no borrow
/// reaches the next byte: the high bits are cleared before the addition).
#[inline(always)]
fn space_bits(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w ^ 0x2020_2020_2020_2020;
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// The sum of the eight bytes of `x`, each read as a number (in two halves of four
/// sums of two, so that no sum passes its sixteen bits).
#[inline(always)]
fn byte_sum(x: u64) -> usize {
    const EVEN: u64 = 0x00FF_00FF_00FF_00FF;
    let pairs = (x & EVEN) + (x >> 8 & EVEN);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// The most bytes of marks inside a run of [`spaced_letters`] (as many marks or fewer:
/// [`SpacedMarks::bytes`]).
const MAX_SPACED_MARKS: usize = 31;

/// The most bytes [`spaced_letters`] reads in one run: its counts are kept a byte for
/// each of the eight places of a word, each counting up to one a step (255 steps), and
/// each mark inside the run may cost a step more (the eight bytes after it are read from
/// the byte after it).
const MAX_SPACED_BYTES: usize = (255 - MAX_SPACED_MARKS - 1) * 8;

/// True for the marks that a run of [`spaced_letters`] goes on past, right after a word
/// and before a space and a letter: `,` `.` `:` `!` `?`, the ASCII bytes of the classes
/// that the general pass counts with no branch of their own (no blank, letter, digit,
/// rare byte, separator nor mark of no class).
#[inline(always)]
fn continues_past_mark(b: u8) -> bool {
    matches!(b, b',' | b'.' | b':' | b'!' | b'?')
}

/// True when the mark `b` of classes `k` at `bytes[at]`, after the word that starts at
/// `word_start()` (asked only of a full stop), ends a sentence when a blank follows it: a
/// stop, but a full stop after a short capitalised word ("Lt. Col.", "J. Doe", "Dr.") ends
/// an abbreviation, not a sentence. (The general pass and [`spaced_letters`] ask it.)
#[inline(always)]
fn ends_sentence(
    k: u16,
    b: u8,
    bytes: &[u8],
    word_start: impl FnOnce() -> usize,
    at: usize,
) -> bool {
    k & STOP != 0 && !(b == b'.' && abbreviation(&bytes[word_start()..at]))
}

/// Where the last word of `b[..len]` starts, `b` a run of [`spaced_letters`] (a space and a
/// letter first): after the last space of the four bytes before `len` (the run has them
/// when it is longer than three); when they hold none, the word is four letters or longer,
/// and any start four bytes back or more tells the same (an abbreviation is up to three:
/// [`abbreviation`]).
#[inline(always)]
fn spaced_last_word(b: &[u8], len: usize) -> usize {
    match b.get(len.wrapping_sub(4)..len) {
        Some(four) => {
            let tail = space_bits(crate::fasthash::le_word(four)) as u32;
            len - 4 + (32 - tail.leading_zeros() as usize).div_ceil(8)
        }
        None => 1,
    }
}

/// The longest start of `b` (a space and an ASCII letter, then anything) that is words of
/// ASCII letters, each after one space (and marks inside it, below): " the Smith plan", up
/// to [`MAX_SPACED_BYTES`]. Read eight bytes at a time: a mask of the letters and one of
/// the spaces, the run ending at the first byte that is neither or at a second space in a
/// row (and then before the space that ends it). The counts come from the masks: the
/// spaces are the run's words, the letters after a space with bit `0x20` set its words in
/// lower case, the rest of its bytes letters. Its fold is the run itself with its letters
/// lowered (its spaces are single):
/// each eight bytes read are handed to `fold` lowered, and what is past the run is cut off
/// again at its end ([`FoldSink::spaced_chunk`]).
///
/// The general pass took such words a space and a word at a time, about 78 instructions a
/// word; this walk costs about 45 instructions for eight bytes and about 150 for a run (its
/// call, the end of the run, the counts, the last word's start). Instructions a byte
/// (callgrind, `callgrind_driver`, one pass minus none), without → with the walk: seed
/// variants 98.55 → 94.69, web pages 100.36 → 98.33, quote paragraphs 105.91 → 103.01,
/// article text 39.70 → 37.01, one long line 16.75 → 9.79; one-word blocks and distinct
/// one-word blocks the same (64.43, 101.8). Text of short runs pays the run's cost: quoted
/// verbs and names (runs of two or three words) 185.69 → 189.3, unmatched quote marks
/// 112.4 → 112.9.
///
/// Never inlined: inlined into the pass it was about as fast on the real corpora (seed
/// −0.1, web +0.1, quotes −0.1) but moved the code of the pass's other steps (unmatched
/// quote marks 114.56, +2.2 on the base).
///
/// A run goes on past a mark ([`continues_past_mark`]: `,` `.` `:` `!` `?`) right after a
/// word when a space and a letter follow it (", the", ". He"), up to
/// [`MAX_SPACED_MARKS`] of them: the mark is counted as the general pass counts it, the
/// fold is cut back to before it ([`FoldSink::spaced_cut`]: a separator there, which the
/// space after it writes), and the walk reads on from the space, its counts kept as they
/// are. The pass would take the mark on its general path and call the walk again at the
/// space: 23,664 of the 79,068 runs of a pass over the web pages ended so, each at the cost
/// of the end of a run, the mark's steps on the general path and a call (about 130
/// instructions in the pass alone). Instructions a byte (one pass, with the read position
/// a `u32`): seed variants 84.94 → 84.40, web pages 92.04 → 91.09, quote paragraphs 96.62
/// → 95.38, speech verbs and names 13.54 → 11.05, quoted verbs and names 184.15 → 181.84;
/// one long line (no mark) 9.80 → 9.99 and unmatched quote marks 107.14 → 107.64 (code
/// generation: three register moves more on the pass's path of a word after a quotation
/// mark). With the read position a `usize` (`p + 8` tested for overflow at each step) the
/// eight bytes cost three instructions more: seed 84.99, web 91.71, quotes 96.07.
///
/// A run goes on past a mark inside a word too ([`joining_mark`]: an ASCII mark of no
/// class, `'` `-` `"`…, or one of three bytes from U+2010 to U+2021, `’` `“` `—`…) when a
/// letter follows it ("don't", "well-known", "don’t"): the fold gets a separator in its
/// place ([`FoldSink::spaced_join`]), the letters after it are the same word's, and the
/// mark's bytes and continuation bytes are counted ([`SpacedMarks::joined`]). The pass
/// would return from the walk, take the mark and the letters after it a step each, and
/// call the walk again at the next space: of the 55,404 runs of a pass over the web pages,
/// 8,738 ended so (3,756 at `’`, 2,934 at `-`, 2,048 at `'`), of the seed variants' 2,368,
/// of the quote paragraphs' 6,735. Instructions a byte (one pass): seed variants 77.06 →
/// 76.68, web pages 82.25 → 81.75, quote paragraphs 87.19 → 86.45, article text 30.64 →
/// 30.44. A run that ends at a mark with no space after it pays the test for a mark inside
/// a word (some ten instructions): quoted verbs and names (`win,"` in every sentence)
/// 171.55 → 172.04, quotes nested 1,000 deep 26.79 → 27.02. (With the fold's separator
/// counted at the run's end rather than by [`FoldSink::spaced_join`], and the marks' bytes
/// added up there, each run paid for it: 76.76 / 81.85 / 86.52, quoted verbs and names
/// 172.18.)
///
/// A run goes on past a mark that opens a word right after a space, too (the same marks as
/// inside a word, [`joining_mark`]: `"` `(` `[` `'` `“` `‘`…) when a letter follows it (` “The`,
/// ` (and`): the space counted the word, the mark is cut out of the fold (the space before
/// it separates), and the walk reads on from the letter as if right after the space
/// (`prev` with the high bit of its last byte set), so that the letter cases the word
/// ([`SpacedMarks::opened`]). The pass took the mark and the word after it a step each and
/// called the walk again at the next space. Instructions a byte (one pass): seed variants
/// 75.27 → 75.26, web pages 78.48 → 78.40, quote paragraphs 84.49 → 84.03, quoted verbs and
/// names 170.39 → 169.49, the rest within 0.02. (A first try, `prev` set from a constant of
/// its own, cost every eight bytes of every run an instruction more, the high bits' constant
/// no longer kept in a register: seed 75.32, one long line 9.31 → 9.43.)
#[inline(never)]
fn spaced_letters(b: &[u8], fold: &mut impl FoldSink) -> SpacedRun {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOWER: u64 = 0x2020_2020_2020_2020;
    debug_assert!(b.first() == Some(&b' ') && b.get(1).is_some_and(u8::is_ascii_alphabetic));
    // (`text` goes on past the bytes read, for the test of what follows the run.)
    let (text, b) = (b, &b[..b.len().min(MAX_SPACED_BYTES)]);
    let mark = fold.spaced_start();
    // Where the next eight bytes are read: a `u32` (`b` is shorter), so that `p + 8`
    // cannot overflow, and reading them is one test of `b`'s length.
    let mut p = 0u32;
    let mut prev = 0u64;
    // The spaces and the lower-case first letters, by place in the eight bytes.
    let (mut spaces, mut lower) = (0u64, 0u64);
    // The marks inside the run, with their counts.
    let mut marks = SpacedMarks::default();
    loop {
        let at = p as usize;
        let w = match b.get(at..at + 8) {
            Some(w) => crate::fasthash::le_word(w),
            // (Zeros past the end: no letters nor spaces, so the run ends before them.)
            None => crate::fasthash::le_word(b.get(at..).unwrap_or_default()),
        };
        let letters = crate::lex::ascii_letter_bits(w);
        let s = space_bits(w);
        // The bytes after a space, the words' first letters.
        let after = s << 8 | prev >> 56;
        let stop = !(letters | s) & HIGH | s & after;
        // (Bit 0x20 of each byte moved to its high bit: a lower-case letter's. Every byte
        // after a space before the run stops is a letter, so no test of `letters` here: what
        // is past the stop is masked off at the end. The step is two instructions shorter
        // without the test: one pass seed variants 82.29 → 82.05 instructions a byte, web
        // pages 87.21 → 87.02, quote paragraphs 93.37 → 93.12.)
        let starts_lower = after & w << 2;
        fold.spaced_chunk(w | LOWER);
        if stop != 0 {
            // The run ends before the first byte that stops it (the bit of its place is
            // `t`, the high bit of that byte), and before a space there (a space that the
            // bit of `after` there tells).
            let t = stop.trailing_zeros();
            let keep = (1u64 << t) - 1;
            let trailing = (after >> t & 1) as usize;
            spaces += (s & keep) >> 7;
            lower += (starts_lower & keep) >> 7;
            let end = at + (t / 8) as usize;
            if let (0, Some(&[m, second, next])) = (trailing, b.get(end..end + 3)) {
                if second == b' ' {
                    if continues_past_mark(m)
                        && next.is_ascii_alphabetic()
                        && marks.bytes() < MAX_SPACED_MARKS
                    {
                        // A mark after a word, and a space and a letter after it: counted,
                        // cut out of the fold, and the walk goes on at the space.
                        let k = ASCII_CLASS[usize::from(m)];
                        let stop = ends_sentence(k, m, b, || spaced_last_word(b, end), end);
                        fold.spaced_cut(mark, end - marks.cut());
                        marks = marks.with(k, stop);
                        prev = 0;
                        p = end as u32 + 1;
                        continue;
                    }
                } else if let Some((k, width)) = joining_mark(m, second, b, end) {
                    if marks.bytes() < MAX_SPACED_MARKS {
                        // A mark inside a word, and a letter after it: a separator of the
                        // fold in its place, and the walk goes on at the letter, which
                        // starts no word.
                        fold.spaced_join(mark, end - marks.cut());
                        marks = marks.joined(k, width);
                        prev = 0;
                        p = (end + width) as u32;
                        continue;
                    }
                }
            } else if let (1, Some(&[m, second])) = (trailing, b.get(end..end + 2)) {
                if let Some((k, width)) = joining_mark(m, second, b, end) {
                    if marks.bytes() < MAX_SPACED_MARKS {
                        // A mark that opens a word after a space (`"`, `(`, `“`), and a
                        // letter after it: cut out of the fold (the space before it
                        // separates), and the walk goes on at the letter as if right after
                        // the space, which counted the word (and the letter its case).
                        fold.spaced_cut(mark, end - marks.cut());
                        marks = marks.opened(k, width);
                        // (Any `prev` with the high bit of its last byte set: this one is
                        // in a register already.)
                        prev = HIGH;
                        p = (end + width) as u32;
                        continue;
                    }
                }
            }
            let spaces = byte_sum(spaces) - trailing;
            let lower = byte_sum(lower);
            let len = end - trailing;
            fold.spaced_end(mark, len - marks.cut(), spaces);
            return SpacedRun {
                len,
                spaces,
                lower,
                last_word: match text.get(len) {
                    Some(&c) if c == b'.' || c.is_ascii_alphabetic() => spaced_last_word(b, len),
                    // A full stop later in the word has a byte that is no ASCII letter
                    // before it, at `len`: no abbreviation, wherever the word starts from
                    // there back ([`abbreviation`]). (The four bytes' look-up for every
                    // run cost seed 0.20 instructions a byte, web 0.30, quotes 0.23.)
                    _ => len,
                },
                marks,
            };
        }
        spaces += s >> 7;
        lower += starts_lower >> 7;
        prev = s;
        p += 8;
    }
}

/// [`feature_pass`] of any text. `WALK` is whether the pass takes its shortcuts: runs of
/// spaced words of ASCII letters by [`spaced_letters`], runs of ASCII digits in one step, and
/// every ASCII mark on the path of the marks of no class (the tests compare the pass with
/// and without them). `CAP` is whether its counts are capped at [`MAX_COUNT`]
/// ([`pass_count`]): needed only for a block of that many bytes ([`feature_pass`]).
fn general_feature_pass<'a, const HUGE: bool, const WALK: bool, const CAP: bool, F: FoldSink>(
    s: &str,
    fold: &mut F,
) -> Features<'a> {
    let mut f = Features::default();
    // One pass over the bytes: ASCII from a table, other characters decoded once; the
    // counts live in locals until the end.
    // The characters are the bytes but for the continuation bytes of those outside ASCII,
    // which only the paths of such characters count: the ASCII steps of prose move no count
    // of characters.
    let (mut continuations, mut words, mut lower, mut upper) = (0usize, 0usize, 0usize, 0usize);
    let (mut letters, mut caseless, mut digits) = (0usize, 0usize, 0usize);
    let (mut commas, mut separators, mut inner_stops) = (0usize, 0usize, 0usize);
    let mut guillemets = (0usize, 0usize);
    // The `\r` bytes: a rare class, counted on its path (LF text, most, has none), and
    // left out of [`Features::chars`] here; a block that holds one has its lone ones (no
    // `\n` after them), which are characters, counted back after the pass, out of line
    // ([`past_returns`]). (Searched for after the pass in a block with a rare character
    // instead, the `\r` bytes cost web pages 0.04 instructions a byte more: the pass's code
    // came out otherwise; so did a count of the lone ones in the pass, 0.13–0.20 on every
    // real corpus, which holds none.)
    let mut carriage_returns = 0usize;
    // The words that start with an ASCII letter after a space (which `words` leaves out),
    // and those of them in lower case.
    let (mut spaced_words, mut spaced_lower) = (0usize, 0usize);
    // The classes of the bytes taken by the general path, together.
    let mut seen = 0u16;
    // With `HUGE` only: a mark of no class or a character from U+2018 to U+201F was taken
    // ([`NO_QUOTE_MARK`]; guillemets are counted), and a byte that cleaning would change
    // (two spaces in a row, any other blank or control character, `&`: [`CLEAN`]; bytes
    // outside ASCII are counted).
    let (mut quote_marks, mut unclean) = (false, false);
    let mut in_word = false;
    let mut pending_case = false;
    // The previous character was `.` `!` `?` or `…`.
    let mut prev_stop = false;
    // Where the current word starts.
    let mut word_start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at = i;
        let b = bytes[i];
        // The two commonest bytes of prose first, each with only the counts it moves (what
        // the general path below would do with it).
        if b == b' ' {
            inner_stops += usize::from(prev_stop);
            prev_stop = false;
            if WALK && !HUGE && F::CHUNKS && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                // The run of spaced words of ASCII letters that starts here, from masks of
                // eight bytes at a time ([`spaced_letters`]). (Only into a [`Folder`]: a
                // huge block's [`SpillingFolder`] takes its words one at a time, and
                // tests whether to spill at each.)
                let run = spaced_letters(&bytes[i..], fold);
                spaced_words += run.spaces;
                spaced_lower += run.lower;
                letters += run.len - run.spaces - run.marks.bytes();
                continuations += run.marks.continuations();
                seen |= run.marks.seen();
                commas += run.marks.commas();
                inner_stops += run.marks.stops();
                word_start = i + run.last_word;
                pending_case = false;
                in_word = true;
                i += run.len;
                continue;
            }
            // A space and a run of ASCII letters after it, the commonest step of prose, are
            // taken together: the run starts a word, whose case its first letter decides.
            // So is a space after the word (most often), and the word after it, here, with
            // no return to the top of the pass for each word (web -0.5 instructions a byte;
            // the simulated mispredictions of what follows a word are much the same tested
            // here as at the top).
            loop {
                i += 1;
                let Some(&first) = bytes.get(i).filter(|b| b.is_ascii_alphabetic()) else {
                    unclean |= HUGE && bytes.get(i) == Some(&b' ');
                    in_word = false;
                    fold.separator();
                    break;
                };
                let run = ascii_letters_up_to_8(&bytes[i..]);
                fold.separated_ascii_alnum(&bytes[i..], run);
                word_start = i;
                pending_case = false;
                // A letter: lower case when bit 0x20 is set, else upper case (counted once
                // the pass is done, from the words that start so).
                spaced_words += 1;
                spaced_lower += usize::from(first >> 5 & 1);
                letters += run;
                in_word = true;
                i += run;
                if bytes.get(i) != Some(&b' ') {
                    break;
                }
            }
            continue;
        }
        if b.is_ascii_alphabetic() {
            // A run of ASCII letters (up to eight: the rest of a longer one is taken here
            // again, as a run after a letter): no punctuation, and only its first letter can
            // start a word or decide the word's case.
            let run = ascii_letters_up_to_8(&bytes[at..]);
            fold.ascii_alnum(&bytes[at..], run);
            // (Counted with no branch, here and below: whether a word starts, or waits for
            // its case, at such a byte was mispredicted often.)
            let starts = !in_word;
            word_start = select(starts, at, word_start);
            words += usize::from(starts);
            // A word that starts here, or waits for its case, is cased by this letter:
            // lower case when bit 0x20 is set.
            let cased = usize::from(starts | pending_case);
            let lower_bit = usize::from(b >> 5 & 1);
            lower += cased & lower_bit;
            upper += cased & (lower_bit ^ 1);
            pending_case = false;
            letters += run;
            prev_stop = false;
            in_word = true;
            i += run;
            continue;
        }
        if in_word && !pending_case && b >= 0xC3 {
            // A letter of two bytes inside a word whose case is counted (most letters of
            // Cyrillic and of the Latin languages' words): a character and a letter, with
            // no other count moved (what the general path below would do with it).
            if let Some((_, lower)) = two_byte_letter(bytes, i) {
                continuations += 1;
                letters += 1;
                prev_stop = false;
                fold.two_byte_lower(two_byte_utf8(lower));
                i += 2;
                continue;
            }
            if WALK && crate::lex::is_plain_punctuation(&bytes[i..]) {
                // A mark of three bytes from U+2010 to U+2021 inside a word (`’` of "don’t",
                // `”` after a comma), as the general path below takes it: no count but the
                // characters', and `seen` for a quotation mark ([`WIDE_QUOTE`]). (On the
                // general path, some 60 instructions more a mark: one pass seed variants
                // 82.05 → 81.89 instructions a byte, quote paragraphs 93.12 → 92.79, web
                // pages 87.00 → 87.02. Taken there for any word, or at the top of the pass,
                // such marks cost unmatched quote marks 1.3 to 1.8 more: the pass's code
                // came out otherwise.)
                let (k, quote) = plain_punctuation_class(bytes, i);
                quote_marks |= HUGE && quote;
                seen |= k;
                continuations += 2;
                prev_stop = false;
                fold.separator();
                i += 3;
                continue;
            }
            if WALK {
                // A run of caseless letters of three bytes and box drawing characters inside
                // a word whose case is counted ([`wide_run`]), as the path of such runs below
                // takes it: no count but the characters' and the letters'. (Some 11,400 of
                // the 13,600 caseless letters of a web pass come inside a word; taken by that
                // path alone, the pass's code came out otherwise and cost every corpus some
                // 0.12 instructions a byte.)
                let (n, run_letters) = wide_run(bytes, i, fold);
                if n > 0 {
                    letters += run_letters;
                    caseless += run_letters;
                    continuations += 2 * n;
                    seen |= select(run_letters > 0, ALPHA | CASELESS, 0);
                    prev_stop = false;
                    i += 3 * n;
                    continue;
                }
            }
        }
        let k = if b < 0x80 {
            i += 1;
            let k = ASCII_CLASS[usize::from(b)];
            if k == PLAIN_MARK || WALK && is_ascii_mark(k) {
                // An ASCII mark (not `@`), with only the counts it moves: the start of a word
                // when it comes first, no case; it separates words of the fold. Most are of
                // no class (a quotation mark, an apostrophe, a hyphen, a bracket), which
                // move no other count; the rest are stops, commas, colons and separators,
                // which took the general path below (some 100 instructions a mark) until
                // round 48: one pass seed variants 82.89 → 82.43 instructions a byte, web
                // pages 89.05 → 88.80, quote paragraphs 94.49 → 94.01. (The reference of
                // the tests, with no `WALK`, takes only the marks of no class here.)
                if k == PLAIN_MARK {
                    // (No trace in `seen`, where their class is that of the wide quotation
                    // marks: [`WIDE_QUOTE`].)
                    prev_stop = false;
                    quote_marks |= HUGE;
                    unclean |= HUGE && b == b'&';
                } else {
                    prev_stop = ends_sentence(k, b, bytes, || word_start, at);
                    commas += usize::from(k & COMMA != 0);
                    separators += usize::from(k & SEPARATOR != 0);
                    seen |= k;
                }
                let starts = !in_word;
                word_start = select(starts, at, word_start);
                words += usize::from(starts);
                pending_case |= starts;
                in_word = true;
                fold.separator();
                continue;
            }
            if WALK && k == DIGIT {
                // A run of ASCII digits (up to eight: the rest of a longer one is taken
                // here again, inside its word), in one step: the start of a word when it
                // comes first, which its first digit cases as neither lower nor upper case.
                // On the general path below each digit cost some 130 instructions (web
                // pages: 45,000 digits, most in runs of two to four): one pass seed
                // variants 82.43 → 82.28 instructions a byte, web pages 88.80 → 87.22,
                // quote paragraphs 94.01 → 93.37.
                let run = ascii_digits_up_to_8(&bytes[at..]);
                fold.ascii_alnum(&bytes[at..], run);
                let starts = !in_word;
                word_start = select(starts, at, word_start);
                words += usize::from(starts);
                pending_case = false;
                digits += run;
                prev_stop = false;
                in_word = true;
                i = at + run;
                continue;
            }
            k
        } else if let Some((k, lower)) = two_byte_letter(bytes, i) {
            // A letter of two bytes that [`common_letter`] knows (Latin-1, Latin Extended,
            // Cyrillic), decoded from its bytes: what `wide_class` gives it.
            i += 2;
            fold.two_byte_lower(two_byte_utf8(lower));
            k
        } else if crate::lex::is_plain_punctuation(&bytes[i..]) {
            let (k, quote) = plain_punctuation_class(bytes, i);
            quote_marks |= HUGE && quote;
            i += 3;
            fold.separator();
            k
        } else if let (n @ 1.., run_letters) = if WALK {
            wide_run(bytes, i, fold)
        } else {
            (0, 0)
        } {
            // A run of caseless letters of three bytes and box drawing characters
            // ([`run_letter`]), as the general path below takes each: a character; a letter
            // and a caseless one, which cases a word that waits for its case; the start of a
            // word when it comes first (the box drawing characters are no blank); no other
            // count moved.
            let starts = !in_word;
            word_start = select(starts, at, word_start);
            words += usize::from(starts);
            pending_case = (pending_case | starts) & (run_letters == 0);
            letters += run_letters;
            caseless += run_letters;
            continuations += 2 * n;
            seen |= select(run_letters > 0, ALPHA | CASELESS, 0);
            prev_stop = false;
            in_word = true;
            i += 3 * n;
            continue;
        } else if let Some((c, k, folded)) = wide_class(s, i) {
            i += c.len_utf8();
            match folded {
                WideFold::Lower(l) => fold.common_lower(l),
                WideFold::Separator => fold.separator(),
                WideFold::Char => fold.char(c),
            }
            k
        } else {
            i += 1;
            0
        };
        continuations += i - at - 1;
        seen |= k;
        // (The blanks here are all but the ASCII space.)
        unclean |= HUGE && k & BLANK != 0;
        let blank = k & BLANK != 0;
        inner_stops += usize::from(blank & prev_stop);
        prev_stop = ends_sentence(k, b, bytes, || word_start, at);
        commas += usize::from(k & COMMA != 0);
        separators += usize::from(k & SEPARATOR != 0);
        if k & RARE != 0 {
            carriage_returns += usize::from(b == b'\r');
            guillemets.0 += usize::from(k & GUILLEMET_OPEN != 0);
            guillemets.1 += usize::from(k & GUILLEMET_CLOSE != 0);
            inner_stops += usize::from(k & WIDE_STOP != 0);
        }
        let starts = !blank & !in_word;
        word_start = select(starts, at, word_start);
        words += usize::from(starts);
        pending_case |= starts;
        let cased = pending_case & (k & (ALPHA | DIGIT) != 0);
        lower += usize::from(cased & (k & LOWER != 0));
        upper += usize::from(cased & (k & UPPER != 0));
        pending_case &= !cased;
        letters += usize::from(k & ALPHA != 0);
        caseless += usize::from(k & CASELESS != 0);
        digits += usize::from(k & DIGIT != 0);
        in_word = !blank;
        // (ASCII letters took the path above.)
        if b < 0x80 {
            if k & DIGIT != 0 {
                fold.ascii_alnum(&bytes[at..], 1);
            } else if b == b'@' {
                fold.char('@');
            } else {
                fold.separator();
            }
        }
    }
    let count = pass_count::<CAP>;
    f.chars = count(bytes.len() - continuations - carriage_returns);
    f.words = count(words + spaced_words);
    f.lower = count(lower + spaced_lower);
    f.upper = count(upper + (spaced_words - spaced_lower));
    f.letters = count(letters);
    let caseless = count(caseless);
    f.set(CASELESS_SCRIPT, caseless * 2 > f.letters && f.letters > 0);
    if f.caseless_script() {
        f.chars = count((f.chars as usize).saturating_sub(doubled_spaces(bytes)));
    }
    f.digits = count(digits);
    f.commas = count(commas);
    f.inner_stops = count(inner_stops);
    f.separators = count(separators + guillemets.1.saturating_sub(guillemets.0));
    f.set(WIDE_QUOTE, seen & PLAIN_MARK != 0 || guillemets != (0, 0));
    f.set(NO_QUOTE_MARK, HUGE && !quote_marks && guillemets == (0, 0));
    f.set(
        CLEAN,
        HUGE && !unclean && continuations == 0 && !s.starts_with(' ') && !s.ends_with(' '),
    );
    f.flags |= end_flags(s);
    let lower = s.get(..s.len().min(200)).unwrap_or("");
    // No `.` or `:` in the block, none in its first bytes, where `linky` looks.
    // Of the links of a block of more than three words with no `:`, only `www.` is left,
    // searched for as such ([`holds_www`]).
    let link = (seen & LINK_MARK != 0 || s.starts_with('@')) && {
        let short = f.words <= 3;
        if short || seen & COLON_MARK != 0 {
            linky(lower.as_bytes(), short)
        } else {
            holds_www(lower.as_bytes())
        }
    };
    // A block that holds a `\r` is looked at again, out of line ([`past_returns`]):
    // the window computed here for every block cost web pages 0.1 instructions a byte.
    let link = if carriage_returns == 0 {
        link
    } else {
        let (link, lone) = past_returns(s, f.words <= 3);
        f.chars = count(f.chars as usize + lone);
        link
    };
    f.set(LINKY, link);
    f.set(NO_COLON, seen & COLON_MARK == 0);
    f.set(LIST_MARKER, starts_like_list(s));
    // A block of ASCII letters alone (a menu entry, a tag, a heading of one word: "Sport",
    // "Advertisement") is one word of letters ([`ONE_WORD`]) and clean ([`CLEAN`]), told by
    // its counts: a letter counts one letter, any other character none or for more than one
    // byte, so the letters are as many as the bytes only when every byte is an ASCII letter.
    // (Until round 49 a test of the block's bytes before the pass sent such a block to a
    // path of its own, which gave what the pass gives it and these flags; the test cost
    // nearly every other block that starts with a letter some 30 instructions: one pass,
    // seed variants 79.78 → 79.64 instructions a byte, web pages 85.11 → 84.80, quote
    // paragraphs 90.33 → 90.26.)
    if letters == bytes.len() && !bytes.is_empty() {
        f.flags |= ONE_WORD | CLEAN;
    }
    f
}

/// The flags of [`general_feature_pass`] that the end of `s` tells ([`TERMINAL`],
/// [`FULL_STOP`], [`COLON`]; none of the others). A text that ends with an ASCII letter or
/// digit (a heading, a menu entry, a name) has none of them, told by its last byte with no
/// call of [`trim_closing_end`] nor character decoded: about 25 instructions fewer for
/// such a block; one pass over the web pages 85.59 → 85.40 instructions a byte (seed
/// variants and quote paragraphs within 0.03). (The test
/// `end_flags_agree_with_mark_end_flags` compares the two paths.)
#[inline(always)]
fn end_flags(s: &str) -> u16 {
    if s.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) {
        return 0;
    }
    mark_end_flags(s)
}

/// [`end_flags`] of any text: read from its last character past the closing marks and
/// blanks ([`trim_closing_end`]).
#[inline(always)]
fn mark_end_flags(s: &str) -> u16 {
    let tail = trim_closing_end(s);
    let last = tail.chars().next_back();
    let mut flags = 0;
    if last.is_some_and(|c| is_stop(c) || c == ';') {
        flags |= TERMINAL;
    }
    if last.is_some_and(|c| matches!(c, '.' | '。' | '．')) && !tail.ends_with("..")
        || last == Some('…')
    {
        flags |= FULL_STOP;
    }
    if last.is_some_and(|c| c == ':' || c == '：') {
        flags |= COLON;
    }
    flags
}

/// True when `s` starts like an item of a list ([`LIST_MARKER`]): past its blanks, a dash
/// or bullet, a number of one to three digits and `.` or `)` ([`numbered`]), or `(`. A text
/// that starts with an ASCII letter (most blocks) starts like none, told by its first byte
/// with no character decoded: about 25 instructions fewer for such a block; one pass, seed
/// variants 80.26 → 80.16 instructions a byte, web pages 85.84 → 85.59, quote paragraphs
/// 90.42 → 90.37. (The test `starts_like_list_agrees_with_list_start` compares the two
/// paths.)
#[inline(always)]
fn starts_like_list(s: &str) -> bool {
    if s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    list_start(super::trim_start(s))
}

/// [`starts_like_list`] of a text `first` that starts past its blanks.
#[inline(always)]
fn list_start(first: &str) -> bool {
    first.starts_with(['-', '*', '•', '+', '–', '—', '·', '▪', '►'])
        || numbered(first.as_bytes())
        || first.starts_with('(')
}

#[cfg(test)]
mod tests {
    /// [`more_blanks_than`] counts every blank character (so is never false where more
    /// than `n` are), on random texts of blanks of every kind and characters that share
    /// their first bytes.
    #[test]
    fn more_blanks_than_misses_no_blank() {
        let parts = [
            "a", "é", " ", "\t", "\n", "\u{1}", "\u{7f}", "\u{85}", "\u{9f}", "\u{a0}", "\u{ad}",
            "\u{ae}", "\u{1680}", "\u{1681}", "\u{2000}", "\u{200b}", "\u{2014}", "\u{2060}",
            "\u{2080}", "\u{3000}", "\u{3001}", "\u{feff}", "\u{fffd}", "日",
        ];
        let mut rng = crate::testgen::Rng::new(0xb1a2_c3d4);
        for round in 0..5000 {
            let text = rng.text(&parts, round % 40);
            let blanks = text
                .chars()
                .filter(|&c| crate::normalize::is_blank(c))
                .count();
            for n in 0..blanks {
                assert!(more_blanks_than(&text, n), "{n} of {blanks} in {text:?}");
            }
        }
        // Characters whose first bytes start no blank are not counted (U+FFFD among them:
        // the huge blocks of it this spares).
        let plain = ["a", "é", "日", "\u{fffd}", "\u{ae}", "\u{2080}"];
        for round in 0..500 {
            let text = rng.text(&plain, round % 40);
            assert!(!more_blanks_than(&text, 0), "{text:?}");
        }
    }

    use super::*;
    use crate::classify::lexicon::{NoFold, SpillingFolder, SPILL_BYTES};
    use std::hash::Hash;

    /// The keys of `s` computed from its whole folded text, as short blocks get them.
    fn whole_keys(s: &str) -> (u64, u64, String) {
        let folded = super::super::lexicon::fold(s);
        let mut h = crate::fasthash::FastHasher::default();
        folded.hash(&mut h);
        let mut prefix_key = 0;
        if folded.len() >= PREFIX_BYTES {
            let mut cut = PREFIX_BYTES;
            while !folded.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut p = crate::fasthash::FastHasher::default();
            folded[..cut].hash(&mut p);
            prefix_key = p.finish().max(1);
        }
        let key = if folded.is_empty() {
            0
        } else {
            h.finish().max(1)
        };
        let last = folded.rsplit(' ').next().unwrap_or("").to_string();
        (key, prefix_key, last)
    }

    /// A long block (hundreds of words, one endless word, nothing to fold) gets the keys of
    /// its whole fold, and its fold is not kept when it has too many words.
    #[test]
    fn long_blocks_get_the_keys_of_their_whole_fold() {
        let parts = [
            "word",
            " ",
            "\n",
            "\t",
            "Été",
            "@",
            "©",
            "--",
            "!!!",
            "日本語",
            "x",
            "  ",
            "Ab1",
        ];
        let mut rng = crate::testgen::Rng::new(0x9e37_79b9);
        let mut cut = 0;
        for round in 0..40 {
            let mut s = String::new();
            let target = 4_000 + round * 1_500;
            while s.len() < target {
                s.push_str(rng.pick(&parts));
            }
            let mut buf = b"kept".to_vec();
            let (f, prefix) = block_features_in(&s, &mut buf);
            let (key, prefix_key, _) = whole_keys(&s);
            assert_eq!((f.key, prefix), (key, prefix_key), "round {round}");
            if f.words > MAX_FOLDED_WORDS {
                assert_eq!(buf, b"kept", "round {round}");
                cut += 1;
            }
        }
        assert!(cut > 30, "{cut}");
        // Nothing to fold, and one endless word.
        let mut buf = Vec::new();
        let (f, prefix) = block_features_in(&"- ".repeat(20_000), &mut buf);
        assert_eq!((f.key, prefix), (0, 0));
        let word = "a".repeat(24 << 10);
        let (f, prefix) = block_features_in(&word, &mut buf);
        let (key, prefix_key, _) = whole_keys(&word);
        assert_eq!((f.key, prefix), (key, prefix_key));
        // The teaser test reads the last word of a fold that is not kept.
        buf.clear();
        let teaser = format!("{}Read more…", "word ".repeat(5_000));
        assert!(block_features_in(&teaser, &mut buf).0.teaser());
        assert!(buf.is_empty());
        let not = format!("{}Read on…", "word ".repeat(5_000));
        assert!(!block_features_in(&not, &mut buf).0.teaser());
    }

    #[test]
    fn fold_lengths_are_given_back_in_order() {
        let wide = u32::MAX as usize;
        let all = [0, 5, wide - 1, wide, 7, wide + 3, usize::MAX, 1];
        // On a lent list that held lengths of a text before.
        let mut lens = FoldLengths::with_room(vec![3, 4], 2);
        for len in all {
            lens.push(len);
        }
        assert!(lens.iter().eq(all));
        assert_eq!(lens.long, [wide, wide + 3, usize::MAX]);
        assert_eq!(FoldLengths::default().iter().count(), 0);
        let short = lens.into_short();
        assert!(short.is_empty() && short.capacity() >= all.len());
    }

    #[test]
    fn all_ascii_letters_is_a_test_of_every_byte() {
        let parts = [
            "a", "Z", "q", "m", "@", "[", "`", "{", "1", " ", "é", "\u{80}", "ß",
        ];
        let mut rng = crate::testgen::Rng::new(0x5bd1_e995);
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 12);
            let b = s.as_bytes();
            let plain = !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic);
            assert_eq!(all_ascii_letters(b), plain, "{s:?}");
        }
        // Every byte value in every place of a short word.
        for len in 1..=9 {
            for at in 0..len {
                for x in 0..=255u8 {
                    let mut b = vec![b'k'; len];
                    b[at] = x;
                    assert_eq!(all_ascii_letters(&b), x.is_ascii_alphabetic(), "{b:?}");
                }
            }
        }
        assert!(!all_ascii_letters(b""));
    }

    /// [`plain_word_features`] gives what [`block_features_in`] gives, for every block it
    /// takes (listed words such as "more" and phrases such as "Advertisement" too), leaves
    /// the buffer as it was for every other, and takes every short word of letters.
    /// The features of `s` the one way that writes its whole fold: a [`Folder`] and
    /// [`with_fold`], after `kept` in the buffer; with the buffer left.
    fn features_with_whole_fold(s: &str, kept: &[u8]) -> ((Features<'static>, u64), Vec<u8>) {
        let mut buf = kept.to_vec();
        let mut folder = Folder::new(&mut buf);
        let f = feature_pass::<false>(s, &mut folder);
        let words = folder.finish();
        let got = with_fold(f, s, &mut buf, kept.len(), words);
        (got, buf)
    }

    /// The searches of a [`SpillingFolder`] for a space read each byte of the fold about
    /// once, whatever follows a long run without one: a word of 70 KB or 300 KB after a
    /// short one (whose space cannot be cut at, within eight bytes of the start) or after
    /// prose (a spill leaves the same), then a separator at every byte, or plain spaces.
    #[test]
    fn spills_search_each_byte_about_once() {
        let prose = "Officials said the plan would start soon. ".repeat(3_000);
        for s in [
            format!("ab {}{}", "y".repeat(70_000), "-".repeat(600_000)),
            format!("ab {}{}", "y".repeat(300_000), "-".repeat(600_000)),
            format!("{prose}{}{} z", "y".repeat(200_000), " ".repeat(600_000)),
            format!("{prose}{}{}", "y".repeat(200_000), ", ".repeat(300_000)),
        ] {
            let mut buf = Vec::new();
            let mut folder = SpillingFolder::new(&mut buf);
            feature_pass::<true>(&s, &mut folder);
            assert!(
                folder.scanned() <= 2 * s.len(),
                "{} of {}",
                folder.scanned(),
                s.len()
            );
        }
    }

    /// [`huge_block_features`] gives what [`with_fold`] gives from the whole fold (the key,
    /// prefix key and teaser test of a fold spilled piece by piece), leaves the buffer as
    /// it does, and declines (`None`, the buffer as it was) a huge block of few words.
    #[test]
    fn huge_block_features_is_with_fold() {
        let prose = "Officials said the plan, which costs \u{20ac}3.5bn, would start in Z\u{fc}rich \
                     \u{2014} \"soon\" \u{2014} at 9am. \u{a9} @press d'Aubign\u{e9} \u{201c}OK\u{201d} ";
        // (huge_block_features reads any block it is given: these are a few hundred KB, not
        // the SPILL_BLOCK_BYTES from which block_features_in hands it a block.)
        const HUGE: usize = 4 * SPILL_BYTES;
        let long = prose.repeat(HUGE / prose.len() + 1);
        let spilled = [
            format!("{long}Read more\u{2026}"),
            format!("{long}More stories \u{bb}"),
            long.clone(),
            format!("{long}{}", "x".repeat(3 * SPILL_BYTES)),
            format!("{}{long}", "\u{c9}t\u{e9} ".repeat(40)),
        ];
        // The flags that the pass over a huge block tells and the usual one does not
        // ([`NO_QUOTE_MARK`], [`CLEAN`]): set on none of these, which hold quotation marks
        // and characters outside ASCII.
        let untold = |(f, key): (Features<'static>, u64)| {
            assert!(f.may_hold_quote_mark() && !f.clean());
            (f, key)
        };
        for s in &spilled {
            let (want, want_buf) = features_with_whole_fold(s, b"kept");
            let mut buf = b"kept".to_vec();
            assert_eq!(
                huge_block_features(s, &mut buf).map(untold),
                Some(want.clone()),
                "{}",
                &s[..40]
            );
            assert_eq!(buf, want_buf);
            let mut buf = b"kept".to_vec();
            assert_eq!(block_features_in(s, &mut buf), want);
        }
        // And through block_features_in, which hands it a block from SPILL_BLOCK_BYTES.
        let longest = format!(
            "{}Read more\u{2026}",
            prose.repeat(SPILL_BLOCK_BYTES / prose.len() + 1)
        );
        let (want, _) = features_with_whole_fold(&longest, b"");
        assert!(want.0.teaser());
        assert_eq!(block_features_in(&longest, &mut Vec::new()), want);
        // The teaser test reads the last word after the spills.
        let mut buf = Vec::new();
        assert!(huge_block_features(&spilled[0], &mut buf).is_some_and(|(f, _)| f.teaser()));
        // A hundred huge words, spilled: read as any other block.
        let few = format!("{} ", "y".repeat(HUGE / 90)).repeat(100);
        let mut buf = b"kept".to_vec();
        assert!(huge_block_features(&few, &mut buf).is_none());
        assert_eq!(buf, b"kept");
        assert_eq!(
            block_features_in(&few, &mut buf),
            features_with_whole_fold(&few, b"kept").0
        );
        // No space to spill at, before or after a run of separators (each of which looks
        // for one): read as any other block.
        for s in [
            format!("{}{}", "y".repeat(HUGE), "-".repeat(SPILL_BYTES)),
            format!("{}{} z", "y".repeat(HUGE), "-".repeat(SPILL_BYTES)),
        ] {
            let mut buf = b"kept".to_vec();
            assert!(huge_block_features(&s, &mut buf).is_none());
            assert_eq!(buf, b"kept");
            assert_eq!(
                block_features_in(&s, &mut buf),
                features_with_whole_fold(&s, b"kept").0
            );
        }
    }

    /// The word sets ([`Features::word_sets`]) are known of the blocks of 2 to
    /// [`MAX_SET_WORDS`] folded words whose fold is kept and that may hold a listed word,
    /// and of no other: not of a block of one word, of none, of more words, of one whose
    /// fold is dropped (more than [`MAX_FOLDED_WORDS`] words), nor of a short one with no
    /// listed word (whose walks are spared by that). Where known, they are those of the
    /// fold the features keep.
    #[test]
    fn word_sets_are_known_where_the_fold_is_kept() {
        let known = |s: &str| {
            let mut buf = String::new();
            let f = block_features(s, &mut buf);
            let sets = f.word_sets;
            (sets != WordSets::default(), f.folded.to_string(), f.words)
        };
        let words = |n: usize| vec!["share"; n].join(" ");
        assert!(!known("Share").0);
        assert!(!known("").0);
        assert!(!known("— • —").0);
        assert!(known("Share this").0);
        assert!(known("Share-this").0);
        assert!(known(&words(MAX_SET_WORDS)).0);
        assert!(!known(&words(MAX_SET_WORDS + 1)).0);
        // Few folded words, but more blank-separated words than a kept fold has.
        let dropped = vec!["share —"; MAX_FOLDED_WORDS as usize / 2 + 1].join(" ");
        let (sets, folded, raw) = known(&dropped);
        assert!(
            !sets && folded.is_empty() && raw > MAX_FOLDED_WORDS,
            "{raw}"
        );
        assert!(known(&vec!["share —"; MAX_FOLDED_WORDS as usize / 2].join(" ")).0);
        // No listed word in a short block: nothing asks.
        assert!(!known("Zanzibar Quartet").0);
        // The sets are those of the kept fold.
        let mut rng = crate::testgen::Rng::new(0x5e75_f01d);
        let parts = [
            "Share ",
            "this ",
            "Photo: ",
            "Getty ",
            "by ",
            "the mayor ",
            "“",
            "!",
            "é",
        ];
        for round in 0..2_000 {
            let s = rng.text(&parts, 1 + round % 20);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            if f.word_sets != WordSets::default() {
                let words = f.folded.split(' ').count();
                let mut fold = f.folded.as_bytes().to_vec();
                let (sets, _) = lexicon().boilerplate_with_sets(&mut fold, 0, words, Reading::Open);
                assert_eq!(f.word_sets, sets, "{s:?}");
            }
        }
    }

    /// A long block (more than [`MAX_SET_WORDS`] folded words) gets the reason of the
    /// phrase search of its whole fold with every anchor searched for, though its anchors
    /// outside ASCII ("©") are not searched for when [`counts_as_ascii`] says it is ASCII:
    /// which it says of no block that holds a byte outside ASCII (blocks of words of several
    /// scripts, marks, `\r\n` and lone `\r`), and of most ASCII blocks (all with no
    /// `\r\n`). On 4,000 random blocks of 30 to 130 words, half of them ASCII.
    #[test]
    fn long_blocks_get_the_reasons_of_every_anchor_searched() {
        let common = ["the ", "mayor ", "said, ", "2024 ", "set-up. ", "I ", "ok "];
        let ascii_parts = [
            &common[..],
            &[
                "cookie ",
                "Copyright ",
                "All Rights Reserved ",
                "privacy settings ",
                "bright ",
            ],
            &["\r\n", "\r", "(c) ", "@home "],
        ]
        .concat();
        let wide_parts = [
            &ascii_parts[..],
            &[
                "© ",
                "©2024 ",
                "Ã© ",
                "é ",
                "« ",
                "東京 ",
                "naïve ",
                "— ",
                "Ünïcode ",
            ],
        ]
        .concat();
        let mut rng = crate::testgen::Rng::new(0xa5c1_1f0d);
        let (mut told, mut copyright) = (0, 0);
        for round in 0..4_000 {
            let parts = if round % 2 == 0 {
                &ascii_parts
            } else {
                &wide_parts
            };
            // Mostly common words, so that many blocks hold one anchor or none.
            let n = 30 + rng.below(100);
            let s: String = (0..n)
                .map(|_| {
                    if rng.below(8) == 0 {
                        rng.pick(parts)
                    } else {
                        rng.pick(&common)
                    }
                })
                .collect();
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            assert!(!counts_as_ascii(&f, &s) || s.is_ascii(), "{s:?}");
            let folded = super::super::lexicon::fold(&s);
            let words = folded.split(' ').count();
            if words <= MAX_SET_WORDS || f.words > MAX_PHRASE_WORDS {
                continue;
            }
            let want = lexicon().boilerplate(
                folded.as_bytes(),
                words,
                f.reading(),
                WordSets::default(),
                None,
            );
            assert_eq!(f.reason, want, "{s:?}");
            told += usize::from(counts_as_ascii(&f, &s));
            copyright +=
                usize::from(want == Some(BoilerplateReason::Copyright) && !counts_as_ascii(&f, &s));
            if s.is_ascii() && !s.contains("\r\n") {
                assert!(counts_as_ascii(&f, &s), "{s:?}");
            }
        }
        assert!(told > 700 && copyright > 300, "{told} {copyright}");
    }

    /// [`places`] gives the places the walk of [`features`] pushed block by block (before
    /// they were made in a walk of their own): none until the first repeat, then the
    /// places of the blocks before it and one for each block after, a repeat its first
    /// copy's, a text read its own. On 20,000 lists of first copies, full or cut after the
    /// last repeat, with blocks past their end, of one block to 40.
    #[test]
    fn places_are_those_of_the_walk() {
        let mut rng = crate::testgen::Rng::new(0x51d5_0a7e);
        for round in 0..20_000 {
            let n = 1 + rng.below(40);
            let pool = 1 + rng.below(8);
            let texts: Vec<usize> = (0..n).map(|_| rng.below(pool)).collect();
            let mut same: Vec<u32> = (0..n)
                .map(|i| texts.iter().position(|&t| t == texts[i]).unwrap() as u32)
                .collect();
            // As `first_copies` makes it: cut after the last repeat (empty for none), or
            // sometimes shorter still (later repeats then read on their own).
            let last = same
                .iter()
                .enumerate()
                .rposition(|(i, &j)| (j as usize) < i);
            same.truncate(last.map_or(0, |l| l + 1));
            if round % 3 == 0 {
                same.truncate(rng.below(same.len() + 1));
            }
            let mut ids: Vec<u32> = Vec::new();
            let mut read = 0u32;
            for i in 0..n {
                let first = same.get(i).map_or(i, |&j| j as usize);
                if first < i {
                    if ids.is_empty() {
                        ids.extend(0..i as u32);
                    }
                    ids.push(ids[first]);
                    continue;
                }
                if !ids.is_empty() {
                    ids.push(read);
                }
                read += 1;
            }
            let kept = vec![7; rng.below(5)];
            assert_eq!(places(&same, n, kept), ids, "{same:?} of {n}");
        }
    }

    /// The walk of [`features`] with [`past_repeats`] gives the prefix keys of the walk
    /// block by block: a first copy's own (here one of a few keys, or none), and a repeat
    /// its first copy's, in block order. On 20,000 lists of first copies of one block to
    /// 40, with and without keys.
    #[test]
    fn past_repeats_gives_the_keys_of_the_walk() {
        let mut rng = crate::testgen::Rng::new(0x7e9e_a75a);
        for round in 0..20_000 {
            let n = 1 + rng.below(40);
            let pool = 1 + rng.below(8);
            let texts: Vec<usize> = (0..n).map(|_| rng.below(pool)).collect();
            let mut same: Vec<u32> = (0..n)
                .map(|i| texts.iter().position(|&t| t == texts[i]).unwrap() as u32)
                .collect();
            if round % 3 == 0 {
                same.truncate(rng.below(n + 1));
            }
            // Some texts have a prefix key (none in one round of four).
            let keyed: Vec<bool> = (0..pool)
                .map(|_| round % 4 != 0 && rng.below(2) == 0)
                .collect();
            let own = |i: usize| {
                keyed[texts[i]].then_some(PrefixKey {
                    block: i,
                    key: 1 + texts[i] as u64,
                    copy: false,
                })
            };
            let mut walked: Vec<PrefixKey> = Vec::new();
            for i in 0..n {
                let first = same.get(i).map_or(i, |&j| j as usize);
                if first < i {
                    if let Ok(at) = walked.binary_search_by_key(&first, |p| p.block) {
                        let key = walked[at].key;
                        walked.push(PrefixKey {
                            block: i,
                            key,
                            copy: true,
                        });
                    }
                } else {
                    walked.extend(own(i));
                }
            }
            let mut got: Vec<PrefixKey> = Vec::new();
            let mut i = 0;
            while i < n {
                if same.get(i).is_some_and(|&j| (j as usize) < i) {
                    i = past_repeats(&same, i, &mut got);
                    continue;
                }
                got.extend(own(i));
                i += 1;
            }
            assert_eq!(got, walked, "{same:?}");
        }
    }

    #[test]
    fn plain_word_features_is_block_features_in() {
        let parts = [
            "a",
            "Z",
            "word",
            "Sport",
            "more",
            "ADVERTISEMENT",
            "Reuters",
            "by",
            "xq",
            " ",
            ".",
            "1",
            "é",
            "-",
        ];
        let mut rng = crate::testgen::Rng::new(0x9a1d);
        let mut taken = 0;
        for i in 0..5000 {
            let pool = if i % 4 == 0 { &parts[..] } else { &parts[..9] };
            let n = 1 + rng.below(4);
            let s = rng.text(pool, n);
            let mut buf = b"kept".to_vec();
            match plain_word_features(&s, &mut buf) {
                Some(f) => {
                    taken += 1;
                    let mut want = b"kept".to_vec();
                    assert_eq!(block_features_in(&s, &mut want), (f, 0), "{s:?}");
                    assert_eq!(buf, want, "{s:?}");
                }
                None => assert_eq!(buf, b"kept", "{s:?}"),
            }
        }
        assert!(taken > 100, "{taken}");
        for w in ["kqzv", "Zzxq", "abcdefghijklmnop", "more", "Advertisement"] {
            assert!(plain_word_features(w, &mut Vec::new()).is_some(), "{w}");
        }
        for w in ["abcdefghijklmnopq", "ab1", "a b", ""] {
            assert!(plain_word_features(w, &mut Vec::new()).is_none(), "{w}");
        }
    }

    /// [`fold_letters`] appends the letters in lower case, for every length it takes.
    #[test]
    fn fold_letters_lowers_each_letter() {
        let word = b"AbCdEfGhIjKlMnOpQ";
        for len in 1..=MAX_PLAIN_WORD_BYTES {
            let mut buf = b"kept".to_vec();
            fold_letters(&word[..len], &mut buf);
            let mut want = b"kept".to_vec();
            want.extend(word[..len].iter().map(u8::to_ascii_lowercase));
            assert_eq!(buf, want, "{len}");
        }
    }

    /// [`Lexicon::may_hold_listed_letters`] of the fold of a word of letters is
    /// [`Lexicon::may_hold_listed_word`] of it.
    #[test]
    fn may_hold_listed_letters_is_of_the_fold() {
        let lex = lexicon();
        let words = [
            "more",
            "More",
            "ADVERTISEMENT",
            "by",
            "By",
            "Reuters",
            "photo",
            "kqzv",
            "Zzxq",
            "a",
            "Sport",
            "comments",
            "share",
            "Follow",
            "abcdefghijklmnopqrstuvwxyzabcdefgh",
        ];
        for w in words {
            let folded = w.to_ascii_lowercase();
            let key = crate::classify::lexicon::word_key(folded.as_bytes());
            assert_eq!(
                lex.may_hold_listed_letters(folded.as_bytes(), key),
                lex.may_hold_listed_word(folded.as_bytes()),
                "{w}"
            );
        }
    }

    /// [`holds_www`] is [`linky`] of a text with no `:` that is not short, on random texts
    /// of the marks and words `linky` looks at, as long as its window and longer (where the
    /// search of `www.` takes the pair searcher).
    #[test]
    fn holds_www_is_linky_of_a_text_with_no_colon() {
        let parts = [
            "www", ".", "w", "ww", "com", ".com", " ", "http", "https", "//", "/", "@", "a", "W",
            "x", "é", "WWW", "www.", "\n",
        ];
        let mut rng = crate::testgen::Rng::new(0x5eed_3141);
        let mut hits = 0;
        for round in 0..20_000 {
            let text = rng.text(&parts, round % 90);
            let b = text.as_bytes();
            assert_eq!(holds_www(b), linky(b, false), "{text:?}");
            hits += usize::from(holds_www(b));
        }
        assert!(hits > 1000, "{hits}");
    }

    /// What the pass gave a block `bytes` of ASCII letters alone on a path of its own, with
    /// no pass, until round 49: one word, of as many letters as characters, cased by its
    /// first letter, which the fold gets whole; every flag off but [`ONE_WORD`], [`CLEAN`]
    /// and [`NO_COLON`] (and [`NO_QUOTE_MARK`] in the pass over a huge block).
    fn one_word_of_letters<'a>(bytes: &[u8], fold: &mut impl FoldSink, huge: bool) -> Features<'a> {
        fold.ascii_alnum(bytes, bytes.len());
        let first = bytes.first().copied().unwrap_or_default();
        let mut f = Features {
            chars: count(bytes.len()),
            words: 1,
            lower: u32::from(first.is_ascii_lowercase()),
            upper: u32::from(first.is_ascii_uppercase()),
            letters: count(bytes.len()),
            flags: ONE_WORD | CLEAN | NO_COLON,
            ..Features::default()
        };
        f.set(NO_QUOTE_MARK, huge);
        f
    }

    /// The pass tells a block of ASCII letters alone from its counts ([`ONE_WORD`],
    /// [`CLEAN`]), and gives it the features and the fold that its former path of its own
    /// gave ([`one_word_of_letters`]); a block with anything else is neither; texts of
    /// letters and of letters with something else, both instances of the pass.
    #[test]
    fn words_of_letters_get_what_their_own_path_gave() {
        let parts = [
            "a",
            "Z",
            "word",
            "Sport",
            "ADVERTISEMENT",
            "x",
            "abcdefghijklmnopq",
            "q",
            " ",
            ".",
            "@",
            "1",
            "é",
            "-",
            ":",
            "日",
            "\r",
        ];
        let mut rng = crate::testgen::Rng::new(0x0ddba11);
        let mut short = 0;
        let long = "Abcdefghij".repeat(30);
        for i in 0..5001 {
            // Letters alone most of the time; last, one longer than the eight bytes of a step.
            let pool = if i % 4 == 0 { &parts[..] } else { &parts[..8] };
            let n = 1 + rng.below(6);
            let s = if i == 5000 {
                long.clone()
            } else {
                rng.text(pool, n)
            };
            let (mut a, mut b) = (b"kept".to_vec(), b"kept".to_vec());
            let mut fa = Folder::new(&mut a);
            let x = feature_pass::<false>(&s, &mut fa);
            let wa = fa.finish();
            let told = feature_pass::<true>(&s, &mut NoFold);
            let letters_only = !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphabetic());
            assert_eq!(x.has(ONE_WORD), letters_only, "{s:?}");
            assert_eq!(x.clean(), letters_only, "{s:?}");
            assert_eq!(told.has(ONE_WORD), letters_only, "{s:?}");
            if letters_only {
                let mut fb = Folder::new(&mut b);
                let y = one_word_of_letters(s.as_bytes(), &mut fb, false);
                let wb = fb.finish();
                assert_eq!(format!("{x:?}"), format!("{y:?}"), "{s:?}");
                assert_eq!((wa, &a), (wb, &b), "{s:?}");
                let y = one_word_of_letters(s.as_bytes(), &mut NoFold, true);
                assert_eq!(format!("{told:?}"), format!("{y:?}"), "{s:?}");
                short += 1;
            }
        }
        assert!(short > 1000, "{short}");
    }

    #[test]
    fn the_pass_folds_as_fold_does() {
        let parts = [
            "Word",
            "eightish",
            "Internationally",
            " ",
            "\n",
            "Été",
            "ÉTÉ",
            "@",
            "a@b",
            "©",
            "--",
            "“",
            "”",
            "—",
            "!!",
            "日本語",
            "x",
            "Ab1",
            "42",
            "İ",
            "ß",
            "\u{a0}",
            "\u{200b}",
            "«",
            "»",
            "。",
            "…",
            "Lt.",
            // Decomposed accents, and mojibake of "é" composed and not.
            "\u{301}",
            "e\u{301}",
            "A\u{303}",
            "Ã",
        ];
        let mut rng = crate::testgen::Rng::new(0x9e37_79b9);
        for round in 0..6_000 {
            let s = rng.text(&parts, round % 40);
            let mut buf = Vec::new();
            let (f, prefix) = block_features_in(&s, &mut buf);
            let (key, prefix_key, _) = whole_keys(&s);
            assert_eq!((f.key, prefix), (key, prefix_key), "{s:?}");
            if f.words <= MAX_FOLDED_WORDS {
                assert_eq!(buf, super::super::lexicon::fold(&s).as_bytes(), "{s:?}");
            } else {
                assert!(buf.is_empty(), "{s:?}");
            }
        }
        // A long text of few words: its fold kept whole.
        let s = format!("Huge {} Words@Here", "x".repeat(16 << 10));
        let mut buf = String::new();
        let f = block_features(&s, &mut buf);
        assert_eq!(f.folded, super::super::lexicon::fold(&s));
        assert_eq!(f.key, whole_keys(&s).0);
    }

    /// The counts of [`feature_pass`], a character at a time from their definitions
    /// (`caseless`: the block is in a caseless script, as the pass tells).
    fn plain_counts(s: &str, caseless: bool) -> [u32; 7] {
        let (mut chars, mut words, mut lower, mut upper) = (0, 0, 0, 0);
        let (mut letters, mut digits, mut inner_stops) = (0, 0, 0);
        let (mut in_word, mut pending_case, mut prev_stop, mut word_start) =
            (false, false, false, 0);
        let mut prev = None;
        for (at, c) in s.char_indices() {
            // The `\r` of a `\r\n` is no character ([`Features::chars`]), nor in a caseless
            // script a space right after a space.
            let doubled = caseless && c == ' ' && prev == Some(' ');
            let crlf = c == '\r' && s.as_bytes().get(at + 1) == Some(&b'\n');
            prev = Some(c);
            chars += u32::from(!crlf && !doubled);
            let blank = crate::normalize::is_blank(c);
            if blank && prev_stop {
                inner_stops += 1;
            }
            prev_stop = matches!(c, '.' | '!' | '?' | '…')
                && !(c == '.' && abbreviation(&s.as_bytes()[word_start..at]));
            if matches!(c, '。' | '！' | '？') {
                inner_stops += 1;
            }
            if !blank && !in_word {
                word_start = at;
                words += 1;
                pending_case = true;
            }
            let alpha = crate::lex::is_alphabetic(c);
            let digit = c.is_ascii_digit();
            if pending_case && (alpha || digit) {
                pending_case = false;
                lower += u32::from(alpha && c.is_lowercase());
                upper += u32::from(alpha && !c.is_lowercase() && c.is_uppercase());
            }
            letters += u32::from(alpha);
            digits += u32::from(digit);
            in_word = !blank;
        }
        [chars, words, lower, upper, letters, digits, inner_stops]
    }

    #[test]
    fn two_byte_letters_are_what_wide_class_gives() {
        let mut seen = 0;
        for c in ('\u{80}'..='\u{7ff}').chain(['a', '\u{800}', '\u{1e00}']) {
            let s = format!("{c}x");
            if let Some((k, l)) = two_byte_letter(s.as_bytes(), 0) {
                let (got, wk, wl) = wide_class(&s, 0).unwrap();
                assert_eq!((got, k, WideFold::Lower(l)), (c, wk, wl), "{c:?}");
                // (A cased letter: in a word, the fast path counts no caseless letter.)
                assert!(k & ALPHA != 0 && k & CASELESS == 0 && k & (LOWER | UPPER) != 0);
                // The fold of the letter, as its lower case's two bytes, is what the fold
                // makes of the letter and of its lower case as a character, in a word and
                // at its start.
                for before in ["", "a", "\u{e9}", "a "] {
                    let mut fast = Vec::new();
                    let mut f = Folder::new(&mut fast);
                    before.chars().for_each(|b| f.char(b));
                    f.two_byte_lower(two_byte_utf8(l));
                    f.char('x');
                    let fast_words = f.finish();
                    assert_eq!(
                        (fast, fast_words),
                        fold_with(before, c, WideFold::Char),
                        "{c:?}"
                    );
                    assert_eq!(
                        fold_with(before, c, WideFold::Lower(l)),
                        fold_with(before, c, WideFold::Char),
                        "{c:?}"
                    );
                }
                seen += 1;
            }
        }
        assert!(seen > 350, "{seen}");
    }

    /// The fold of `before`, then of `c` as `folded` says ([`WideFold`]), then of `x`: the
    /// bytes and the count of words.
    fn fold_with(before: &str, c: char, folded: WideFold) -> (Vec<u8>, usize) {
        let mut out = Vec::new();
        let mut f = Folder::new(&mut out);
        before.chars().for_each(|b| f.char(b));
        match folded {
            WideFold::Lower(l) => f.common_lower(l),
            WideFold::Separator => f.separator(),
            WideFold::Char => f.char(c),
        }
        f.char('x');
        let words = f.finish();
        (out, words)
    }

    #[test]
    fn wide_class_is_plain_wide_class_and_folds_as_char_does() {
        // Every character outside ASCII, alone and before a letter: the same character,
        // classes and fold (after nothing, a word, a space and an "ã", which "©" joins)
        // as the general path gives, and as the fold takes it by itself.
        let mut fast = 0;
        for c in ('\u{80}'..=char::MAX).chain(['日', '─']) {
            let (one, two) = (c.to_string(), format!("{c}x"));
            for s in [&one, &two] {
                let (got, k, folded) = wide_class(s, 0).unwrap();
                let (plain, pk, plain_folded) = plain_wide_class(s, 0).unwrap();
                assert_eq!((got, k), (plain, pk), "{c:?}");
                fast += usize::from(folded != plain_folded);
                if folded == plain_folded && !matches!(folded, WideFold::Lower(_)) {
                    continue;
                }
                for before in ["", "word", "word ", "ã"] {
                    let want = fold_with(before, c, WideFold::Char);
                    assert_eq!(fold_with(before, c, folded), want, "{c:?} after {before:?}");
                }
            }
        }
        assert!(fast > 500, "{fast}");
    }

    #[test]
    fn wide_class_gives_the_lower_case_of_common_letters() {
        for c in [
            'É', 'é', 'Ж', 'ж', 'Ё', 'ひ', '日', '서', 'İ', 'ǅ', 'Σ', '…', '«', '\u{a0}', '—',
        ] {
            let s = c.to_string();
            let (got, _, folded) = wide_class(&s, 0).unwrap();
            assert_eq!(got, c);
            let lower = match folded {
                WideFold::Lower(l) => Some(l),
                _ => None,
            };
            assert_eq!(lower, common_letter(c).map(|(_, _, l)| l), "{c:?}");
        }
        assert_eq!(wide_class("Ж", 0).unwrap().2, WideFold::Lower('ж'));
        assert_eq!(wide_class("─", 0).unwrap().2, WideFold::Separator);
    }

    #[test]
    fn the_colon_flag_is_whether_the_text_holds_a_colon() {
        let parts = [
            "word", "Word", " ", ":", "：", "12:45", "DELHI:", "http://x", "é", "—", ".", "日本",
            "@", "\n", "a:b",
        ];
        let mut rng = crate::testgen::Rng::new(0xc0_1015);
        let mut with = 0;
        for round in 0..4_000 {
            let s = rng.text(&parts, round % 12);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            assert_eq!(f.may_hold_colon(), s.contains(':'), "{s:?}");
            with += usize::from(s.contains(':'));
        }
        assert!(with > 1_000, "{with}");
        // The one-word paths: a word of letters, short or long.
        for s in ["Sport", "Advertisement", "Internationalization"] {
            let mut buf = String::new();
            assert!(!block_features(s, &mut buf).may_hold_colon(), "{s}");
        }
    }

    /// The pass with the walk over spaced words of letters ([`spaced_letters`]) gives the
    /// features, the fold and the number of words that the pass without it gives: random
    /// texts of words in both cases, letters outside ASCII, digits, marks (between words and
    /// inside them, of one byte and of three), full stops after short words
    /// (abbreviations), doubled spaces, tabs and line ends, from one byte to
    /// several hundred (runs across the eight-byte steps, and ending at every place of
    /// one), after a fold that holds something already or nothing.
    #[test]
    fn the_walk_over_spaced_words_is_the_pass_without_it() {
        let words = [
            "a",
            "I",
            "the",
            "Smith",
            "said",
            "McCain",
            "iPhone",
            "NATO",
            "Dr",
            "J",
            "Lt",
            "R",
            "according",
            "administration",
            "abcdefghijklmnopqrstuvwxyz",
            // Marks inside words, which the walk goes on past ([`joining_mark`]).
            "don't",
            "well-known",
            "don’t",
            "rock’n’roll",
            "a“b”c",
            "x—Yz",
            // Marks that open a word after a space, which the walk goes on past too.
            "\"Hello",
            "(the",
            "“Dr",
            "‘a",
            "[I",
            "“x’y",
            "—J",
            "O'Neil-Smith",
            "é",
            "Éric",
            "naïve",
            "straße",
            "Москва",
            "東京",
            // Runs of caseless letters of three bytes, alone, after letters and marks of
            // other kinds and before them ([`wide_run`]).
            "中文字",
            "한국어",
            "ひらがなカタカナ",
            "aの",
            "Éの",
            "中a",
            "東京。",
            "東ー京",
            "“日本”",
            // Box drawing characters and geometric shapes, in runs, alone, inside words and
            // with caseless letters ([`wide_run`]); caseless letters after marks that open
            // a word.
            "━━━",
            "│",
            "a│b",
            "■",
            "▶Ab",
            "╔═╗",
            "─中─",
            "中─a",
            "「東京」",
            "(東",
            "1",
            "2019",
            "F-16",
            "1,000",
            "'",
            "\"",
            "“",
            "”",
            "’",
            "-",
            "—",
            "…",
            "(",
            ")",
            "@",
            "&",
            "|",
            "/",
            "»",
            "«",
            "e\u{301}",
            "©",
            "U.S.",
        ];
        let seps = [
            " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", ". ", ", ", "  ", "", "\t",
            "\n", "\r\n", ".", "!", "? ", ";", ":", "'", "\u{a0}", "   ", " - ",
        ];
        let mut rng = crate::testgen::Rng::new(0x5ace_d0c5);
        for i in 0..20_000 {
            // Mostly ASCII words and single spaces (long runs), else any of them.
            let pool = if i % 3 == 0 { &words[..] } else { &words[..28] };
            let n = 1 + rng.below(if i % 5 == 0 { 120 } else { 16 });
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(rng.pick(pool));
                s.push_str(rng.pick(&seps));
            }
            // Any start and end.
            let (from, to) = (rng.below(2), s.len() - rng.below(2));
            let s = s.get(from..to).unwrap_or(&s);
            assert_walk_is_the_plain_pass(s, if i % 2 == 0 { b"" } else { b"kept" });
        }
        // Every length of a run of one or more words, and every end; and runs longer than
        // one walk reads ([`MAX_SPACED_BYTES`]), cut anywhere near where it stops.
        let long = [
            " a".repeat(1100),
            " ab".repeat(800),
            " abcdefg".repeat(300),
            " Abcdefghijklmnop".repeat(150),
            // Marks inside runs, past the most a run takes ([`MAX_SPACED_MARKS`]).
            " ab,".repeat(600),
            " Ab. cd: Efg! hi? Jr. x".repeat(100),
            // Marks inside words, of one and of three bytes, past the most a run takes.
            " a'b".repeat(600),
            " don’t-stop".repeat(200),
            " Ab’c. d-E, f".repeat(150),
            // Marks that open words, of one and of three bytes, past the most a run takes.
            " \"ab".repeat(600),
            " “Ab (c ‘d".repeat(200),
            " a".repeat(888) + " “Dr “J (Lt \"Ab “Cd Efg Hi (J K L Mr",
            // Short capitalised words where a run is cut (before a full stop).
            " a".repeat(888) + " Dr Col J Lt Ab Cd Efg Hi J K L Mr",
            " a".repeat(889) + " Dr Col J Lt Ab Cd Efg Hi J K L Mr",
            " ab".repeat(594) + " Dr Col J Lt Ab Cd Efg Hi J K L Mr",
        ];
        let near = |n: usize| n - 20..n + 20;
        let tries = (1..40)
            .flat_map(|len| (0..len).map(move |cut| (len, cut)))
            .chain(
                [near(128), near(MAX_SPACED_BYTES), 2000..2060]
                    .into_iter()
                    .flatten()
                    .flat_map(|len| (0..8).map(move |cut| (len, cut))),
            );
        for (len, cut) in tries {
            for words in long.iter().map(String::as_str).chain(std::iter::once(
                "ab Cd e fgh ijklmnopq rs t uvwx yz Ab cdefghijkl m no ",
            )) {
                let Some(words) = words.get(..len) else {
                    continue;
                };
                let mut s = String::from(" ");
                s.push_str(words);
                s.push_str([",", "  x", ".", "é", "", "1", " ", ". x"][cut % 8]);
                assert_walk_is_the_plain_pass(&s, b"");
            }
        }
    }

    /// Panics unless the pass over `s` gives the same features and fold with its shortcuts
    /// (`WALK`) as without them, after a fold that holds `kept`.
    fn assert_walk_is_the_plain_pass(s: &str, kept: &[u8]) {
        let (mut a, mut b) = (kept.to_vec(), kept.to_vec());
        let mut fa = Folder::new(&mut a);
        let x = general_feature_pass::<false, true, false, _>(s, &mut fa);
        let wa = fa.finish();
        let mut fb = Folder::new(&mut b);
        let y = general_feature_pass::<false, false, false, _>(s, &mut fb);
        let wb = fb.finish();
        assert_eq!(format!("{x:?}"), format!("{y:?}"), "{s:?}");
        assert_eq!((wa, &a), (wb, &b), "{s:?}");
    }

    /// The runs of ASCII digits, each taken in one step, and the ASCII marks, each taken on
    /// the path of the marks of no class, count and fold as the general path does: random
    /// texts of digits, marks and words (digits and marks after letters, marks and blanks,
    /// before them, at either end; stops after short capitalised words), and runs of every
    /// length to 20 digits in every place.
    #[test]
    fn digit_runs_and_marks_are_the_pass_without_them() {
        let parts = [
            "1",
            "2019",
            "12345678",
            "123456789",
            "007",
            "F",
            "x",
            "Dr",
            "J",
            "the",
            "Said",
            "é",
            "Ж",
            "“",
            "”",
            "’",
            "«",
            "»",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{a0}",
            ".",
            ". ",
            ",",
            ", ",
            ":",
            ";",
            "!",
            "?",
            "|",
            ">",
            "/",
            "'",
            "\"",
            "-",
            "(",
            ")",
            "&",
            "@",
            "#",
            "%",
            "$",
            "…",
            "。",
        ];
        let mut rng = crate::testgen::Rng::new(0xd161_7a11);
        for i in 0..20_000 {
            let n = 1 + rng.below(if i % 7 == 0 { 80 } else { 12 });
            let s = rng.text(&parts, n);
            assert_walk_is_the_plain_pass(&s, if i % 2 == 0 { b"" } else { b"kept" });
        }
        let places = [
            "", " ", "a", "A", ".", "(", "-", "“", "é", "\n", "x1", "Dr.",
        ];
        for len in 1..=20 {
            let digits: String = (0..len)
                .map(|d| char::from(b'0' + (d * 7 % 10) as u8))
                .collect();
            for before in places {
                for after in places {
                    assert_walk_is_the_plain_pass(&format!("{before}{digits}{after}"), b"");
                    assert_walk_is_the_plain_pass(&format!("{before}{digits}{after} x"), b"k");
                }
            }
        }
    }

    #[test]
    fn the_pass_counts_as_the_definitions_do() {
        let parts = [
            "word",
            "Word",
            // Runs of eight letters and more, taken eight at a time.
            "eightish",
            "Internationally",
            " ",
            "  ",
            "\n",
            "\t",
            "Été",
            "éte",
            "“",
            "\"",
            "(",
            "'s",
            "-)",
            // Marks that open a word after a space (taken by the walk).
            " “Lt.",
            " (J.",
            " \"Word",
            " ‘x",
            "@",
            "—",
            ".",
            ". ",
            "Lt.",
            "J.",
            "US.",
            "!",
            "?",
            "…",
            "。",
            "日本",
            "42",
            "x1",
            "\u{a0}",
            "\u{200b}",
            "\u{7f}",
            ",",
            "İ",
            "ǅ",
            "Москва",
            "ЁЖ",
            "서울",
            "ひらがな",
            "カタカナ",
            "Ÿ",
            "ß",
        ];
        let mut rng = crate::testgen::Rng::new(0x5eed_1234);
        for round in 0..6_000 {
            let s = rng.text(&parts, round % 30);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            let got = [
                f.chars,
                f.words,
                f.lower,
                f.upper,
                f.letters,
                f.digits,
                f.inner_stops,
            ];
            assert_eq!(got, plain_counts(&s, f.caseless_script()), "{s:?}");
        }
    }

    /// [`feature_pass`] caps no count of a block shorter than [`MAX_COUNT`] bytes, which needs
    /// that no count passes the block's bytes: random texts of every kind of character the
    /// pass counts (marks inside and between spaced words, guillemets that are separators,
    /// sentence ends of both kinds, `\r`, caseless scripts), each count against the text's
    /// length (the count of caseless letters, not kept, counts characters, one each), and
    /// the pass with its caps ([`capped_feature_pass`]) against the pass without.
    #[test]
    fn no_count_passes_the_blocks_bytes() {
        let parts = [
            "a",
            "I",
            "word",
            "Word",
            "eightish",
            "Internationally",
            "don't",
            "well-known",
            "don’t",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "\u{200b}",
            "é",
            "Été",
            "Ж",
            "日本",
            "。",
            "、",
            "，",
            "42",
            "x1",
            ".",
            ". ",
            "a. ",
            ",",
            ", ",
            ":",
            ";",
            "!",
            "?",
            "…",
            "|",
            "•",
            "·",
            "»",
            "›",
            "«",
            "‹",
            ">",
            "/",
            "@",
            "-",
            "—",
            "“",
            "”",
            "\"",
            "'",
            "(",
            ")",
            "ひらがな",
            "서울",
            "\u{600}",
            "ـ",
            "©",
        ];
        let mut rng = crate::testgen::Rng::new(0xc0a7_5eed);
        for round in 0..20_000 {
            let s = rng.text(&parts, 1 + round % 40);
            let mut folded = String::new();
            let f = block_features(&s, &mut folded);
            let counts = [
                f.chars,
                f.words,
                f.lower,
                f.upper,
                f.letters,
                f.digits,
                f.commas,
                f.separators,
                f.inner_stops,
            ];
            assert!(
                counts.iter().all(|&n| n as usize <= s.len()),
                "{s:?}: {counts:?}"
            );
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let capped = general_feature_pass::<false, true, true, _>(&s, &mut Folder::new(&mut a));
            let plain = general_feature_pass::<false, true, false, _>(&s, &mut Folder::new(&mut b));
            assert_eq!((capped, a), (plain, b), "{s:?}");
        }
    }

    #[test]
    fn the_teaser_end_test_reads_the_last_byte_as_the_trim_does() {
        for s in [
            "",
            "Read more",
            "Read more...",
            "Read more..",
            "Read more.",
            "more…",
            "more…\"",
            "more...\u{201d}",
            "next »",
            "next › ",
            "a > ",
            "a>",
            "2024",
            "x.",
            "...",
            "x...)",
            "plain text",
            "end\u{2026} ",
            "»",
            "a.\u{a0}",
        ] {
            assert_eq!(ends_like_teaser(s), trimmed_ends_like_teaser(s), "{s:?}");
        }
    }

    #[test]
    fn ascii_letters_counts_the_run() {
        for b in 0..=255u8 {
            for at in 0..12 {
                for len in [at + 1, 9, 12, 20] {
                    let mut s = vec![b'q'; len.max(at + 1)];
                    s[at] = b;
                    let want = s.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                    assert_eq!(ascii_letters(&s), want, "{b:#x} at {at} of {len}");
                }
            }
        }
        assert_eq!(ascii_letters(b""), 0);
        assert_eq!(ascii_letters(b"AbcdefghIJKLMNOPqrstuvwxyZ "), 26);
    }

    /// [`ascii_letters_up_to_8`] is the run of letters cut at eight, for every byte value in
    /// every place of texts of every length to twelve, and on random texts.
    #[test]
    fn ascii_letters_up_to_8_is_the_run_cut_at_eight() {
        let plain = |s: &[u8]| {
            s.iter()
                .take(8)
                .take_while(|c| c.is_ascii_alphabetic())
                .count()
        };
        for b in 0..=255u8 {
            for len in 1..=12 {
                for at in 0..len {
                    let mut s = vec![b'q'; len];
                    s[at] = b;
                    assert_eq!(
                        ascii_letters_up_to_8(&s),
                        plain(&s),
                        "{b:#x} at {at} of {len}"
                    );
                }
            }
        }
        let parts = [
            "a", "Z", "word", "Letters", " ", "@", "[", "`", "{", "1", "\u{e9}", "\0",
        ];
        let mut rng = crate::testgen::Rng::new(0x6a09_e667);
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 16);
            assert_eq!(
                ascii_letters_up_to_8(s.as_bytes()),
                plain(s.as_bytes()),
                "{s:?}"
            );
        }
        assert_eq!(ascii_letters_up_to_8(b""), 0);
    }

    /// [`write_range`] feeds the hasher what writing the bytes does, for ranges of every
    /// length at every place of a buffer, near its start too (fewer than eight bytes
    /// before the range's end).
    #[test]
    fn hashing_a_range_is_writing_it() {
        let buf: Vec<u8> = (0..64u8).map(|b| b.wrapping_mul(151) ^ 0x5a).collect();
        for from in 0..24 {
            for to in from..buf.len() {
                let mut want = crate::fasthash::FastHasher::default();
                want.write(&buf[from..to]);
                let mut got = crate::fasthash::FastHasher::default();
                write_range(&mut got, &buf, from, to);
                assert_eq!(got.finish(), want.finish(), "{from}..{to}");
            }
        }
    }

    #[test]
    fn links_are_looked_for_where_they_can_be() {
        let parts = [
            "http", "https", "://", ":", ".", "www", ".com", "com", "@", "x", " ", "Été", "é", "…",
            "\u{a0}",
        ];
        let mut rng = crate::testgen::Rng::new(0x1234_5678);
        for round in 0..6_000 {
            let s = rng.text(&parts, round % 12);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            let first = s.get(..s.len().min(200)).unwrap_or("");
            assert_eq!(f.linky(), linky(first.as_bytes(), f.words <= 3), "{s:?}");
        }
    }

    #[test]
    fn end_flags_agree_with_mark_end_flags() {
        let parts = [
            "a", "Z", "7", ".", "..", "…", "!", "?", ";", ":", "：", "。", "．", "\"", "”", ")",
            "»", " ", "\u{a0}", "é", "word", "1", "-", "*", "'",
        ];
        let mut rng = crate::testgen::Rng::new(0x3e1d_f1a9);
        let mut flagged = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 7);
            assert_eq!(end_flags(&s), mark_end_flags(&s), "{s:?}");
            flagged += usize::from(end_flags(&s) != 0);
        }
        // Every character as the last one, after a word and alone.
        for c in (0..0x3100).filter_map(char::from_u32) {
            for s in [format!("a{c}"), format!("{c}"), format!("x.{c}")] {
                assert_eq!(end_flags(&s), mark_end_flags(&s), "{s:?}");
            }
        }
        assert!(flagged > 1_000, "{flagged}");
    }

    #[test]
    fn starts_like_list_agrees_with_list_start() {
        let parts = [
            "a", "Z", "7", "12", "123", "1234", ".", ")", "(", "-", "*", "•", "+", "–", "—", "·",
            "▪", "►", " ", "\u{a0}", "\t", "é", "word", "“",
        ];
        let mut rng = crate::testgen::Rng::new(0x1157_57a7);
        let mut lists = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 6);
            let plain = list_start(super::super::trim_start(&s));
            assert_eq!(starts_like_list(&s), plain, "{s:?}");
            lists += usize::from(plain);
        }
        // Every character as the first one, before a word and alone.
        for c in (0..0x3100).filter_map(char::from_u32) {
            for s in [format!("{c}a"), format!("{c}"), format!("{c} 1.")] {
                let plain = list_start(super::super::trim_start(&s));
                assert_eq!(starts_like_list(&s), plain, "{s:?}");
            }
        }
        assert!(lists > 1_000, "{lists}");
    }

    #[test]
    fn ends_are_trimmed_as_trim_end_matches_trims() {
        let plain = |s: &str| {
            s.trim_end_matches(|c: char| is_closing(c) || crate::normalize::is_blank(c))
                .len()
        };
        for c in (0..0x3000).filter_map(char::from_u32) {
            for s in [
                format!("a{c}"),
                format!("{c}"),
                format!("x {c})"),
                format!("{c} "),
            ] {
                assert_eq!(trim_closing_end(&s).len(), plain(&s), "{s:?}");
            }
        }
        assert_eq!(trim_closing_end(""), "");
    }

    /// [`Features::words_within`] is the two comparisons it stands for, counts at the
    /// ends of `u32` among them.
    #[test]
    fn words_within_is_one_to_n_words() {
        for words in (0..100).chain([u32::MAX - 1, u32::MAX]) {
            for n in (0..60).chain([u32::MAX - 1, u32::MAX]) {
                let f = Features {
                    words,
                    ..Features::default()
                };
                assert_eq!(f.words_within(n), words != 0 && words <= n, "{words} {n}");
            }
        }
    }

    /// [`features`] of `raw` (`same` as there) into fresh lists.
    fn fresh_features<'a>(
        raw: &[&str],
        same: &[u32],
        arena: &'a mut String,
    ) -> (FeatureTable<'a>, Vec<PrefixKey>) {
        features(raw, same, Room::default(), arena, &mut Lent::default())
    }

    /// Blocks that repeat none get a table with no list of places; a repeat keeps it.
    #[test]
    fn a_text_without_repeats_has_no_places() {
        let mut arena = String::new();
        let (table, _) = fresh_features(&["a", "b", "c"], &[0, 1, 2], &mut arena);
        assert!(table.ids.is_empty());
        assert_eq!(table.view()[2].folded, "c");
        let mut arena = String::new();
        let (table, _) = fresh_features(&["a", "b", "a"], &[0, 1, 0], &mut arena);
        assert_eq!(table.ids, [0, 1, 0]);
        assert_eq!(table.view()[2].folded, "a");
    }

    #[test]
    fn a_text_of_one_block_lists_no_prefix_key() {
        let long = "The council met on Tuesday to weigh the plan for the new bridge over the river, which has been argued over for years.";
        assert!(long.len() > PREFIX_BYTES);
        let mut arena = String::new();
        let (_, one) = fresh_features(&[long], &[], &mut arena);
        assert!(one.is_empty());
        let (_, two) = fresh_features(&[long, "Next."], &[], &mut arena);
        assert_eq!(two.len(), 1);
        assert_eq!((two[0].block, two[0].copy), (0, false));
        assert_ne!(two[0].key, 0);
    }

    #[test]
    fn repeated_prefixes_mark_blocks_not_texts() {
        // Blocks: A, A again, B (starts like A), B again, A a third time.
        let mut table = FeatureTable {
            read: vec![Features::default(), Features::default()],
            ids: vec![0, 0, 1, 1, 0],
        };
        let key = 7;
        let prefix = |block, copy| PrefixKey { block, key, copy };
        let prefixes = [
            prefix(0, false),
            prefix(1, true),
            prefix(2, false),
            prefix(3, true),
            prefix(4, true),
        ];
        table.mark_repeated_prefixes(&prefixes);
        let marked: Vec<bool> = table
            .view()
            .iter()
            .map(|f| f.reason == Some(BoilerplateReason::Duplicate))
            .collect();
        assert_eq!(marked, [false, true, true, true, true]);
        // The repeats of A share one marked copy of A's features; B's are marked in place.
        assert_eq!(table.read.len(), 3);
        assert_eq!(table.ids, [0, 2, 1, 1, 2]);
    }

    #[test]
    fn a_part_of_the_features_reads_as_a_slice_would() {
        let mut read = vec![Features::default(), Features::default()];
        (read[0].words, read[1].words) = (1, 2);
        let table = FeatureTable {
            read,
            ids: vec![0, 1, 1, 0],
        };
        let words = |f: Feats| -> Vec<u32> { f.iter().map(|f| f.words).collect() };
        let all = table.view();
        assert_eq!(words(all), [1, 2, 2, 1]);
        assert_eq!(words(all.up_to(3)), [1, 2, 2]);
        assert_eq!(words(all.up_to(0)), [] as [u32; 0]);
        assert_eq!(all.up_to(9).len(), 4);
        assert_eq!((all[2].words, all.get(4).map(|f| f.words)), (2, None));
        assert_eq!(
            all.collect_each(|i, f| i as u32 * 10 + f.words),
            [1, 12, 22, 31]
        );
        let plain = Feats::plain(&table.read);
        assert_eq!((words(plain), words(plain.up_to(1))), (vec![1, 2], vec![1]));
    }

    #[test]
    fn features_stay_small() {
        // One per block: a text of many short blocks holds millions.
        assert_eq!(std::mem::size_of::<Features>(), 64);
    }

    /// The features answer for the marks as a search of the text does, in blocks of every
    /// path of the pass: one word of letters, prose, other scripts, long blocks.
    #[test]
    fn holds_mark_agrees_with_a_search() {
        let mut rng = crate::testgen::Rng::new(0x1d87_2f4b);
        let parts = [
            "word", "Word", " ", "!", ";", "@", ".", ",", "1", "é", "東京", "—", "«", "\n", "Σ",
            "»", "|", "•", "·", "›", "，", "、", "\u{a0}", "\t", "  ", "/", ">", "Ab", "x",
            // Blanks of every kind, a lone `\r` (no `\n` after it) above all.
            "\r", "\r\n", "\x0b", "\x0c", "\u{85}", "\u{2028}", "\u{3000}",
        ];
        // Blocks told with no search (no room for a mark in their counts), and with one.
        let (mut told, mut searched) = (0, 0);
        for round in 0..3_000 {
            let n = if round % 100 == 0 { 8_000 } else { round % 12 };
            let s = rng.text(&parts, n);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            for mark in [b'!', b';', b'@'] {
                assert_eq!(
                    f.holds_mark(&s, mark),
                    s.as_bytes().contains(&mark),
                    "{s:?}"
                );
            }
            if f.may_hold_uncounted() {
                searched += 1;
            } else {
                told += 1;
                assert!(!s.contains(['!', ';', '@', '.', '—', '«']), "{s:?}");
            }
        }
        assert!(told > 300 && searched > 300, "{told} {searched}");
        let mut buf = String::new();
        let f = block_features("Subscribe", &mut buf);
        assert!(!f.holds_mark("Subscribe", b'!'));
        // A lone `\r` parts words as a space does, and counts as one.
        for s in ["A\rB!", "Σ\r!", "Σ\r\r!", "A\r\nB!"] {
            assert!(block_features(s, &mut buf).holds_mark(s, b'!'), "{s:?}");
        }
    }

    /// The pass over a huge block ([`NO_QUOTE_MARK`]) says that a block holds no quotation mark
    /// only when it holds none of the characters the quote stage reads, on both paths of the
    /// pass (one word of letters, and the general one: prose, other scripts), and says so of
    /// a block with none of them and no other ASCII mark of no class; blocks of over 8 MB
    /// are told so, and no other block is.
    #[test]
    fn may_hold_quote_mark_misses_no_mark() {
        let mut rng = crate::testgen::Rng::new(0x4a91_c03e);
        let quote_chars = crate::quotes::MARK_CHARS;
        let parts = [
            "word", "Word", " ", "\"", "'", "`", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "«", "»",
            "—", "–", "‹", "›", "…", "é", "µ", "東京", ".", ",", "1", "\n", "\u{a0}", "-", "(",
            "Ab", "x", "it's",
        ];
        let (mut none, mut some) = (0, 0);
        for round in 0..4_000 {
            let n = if round % 200 == 0 { 3_000 } else { round % 10 };
            let s = rng.text(&parts, n);
            let f = feature_pass::<true>(&s, &mut NoFold);
            let holds = s.contains(quote_chars);
            if f.may_hold_quote_mark() {
                some += 1;
            } else {
                none += 1;
                assert!(!holds, "{s:?}");
            }
            if !holds && !s.contains(['-', '(']) {
                assert!(!f.may_hold_quote_mark(), "{s:?}");
            }
            // The usual pass tells nothing.
            let mut buf = String::new();
            assert!(block_features(&s, &mut buf).may_hold_quote_mark(), "{s:?}");
        }
        assert!(none > 300 && some > 300, "{none} {some}");
        // A huge block takes the pass that tells.
        let huge = "plain words without a mark ".repeat((9 << 20) / 27);
        let mut buf = String::new();
        assert!(!block_features(&huge, &mut buf).may_hold_quote_mark());
        let marked = format!("{huge}“said”");
        assert!(block_features(&marked, &mut buf).may_hold_quote_mark());
    }

    /// A text marked clean is one cleaning leaves as it is, under every normalization; a
    /// word of ASCII letters (the one path that marks) is marked.
    #[test]
    fn the_clean_mark_agrees_with_cleaning() {
        use crate::options::Normalization;
        let mut rng = crate::testgen::Rng::new(0x5c1e_a4d7);
        let parts = [
            "word",
            "Word",
            "x",
            "Abcdefghijk",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{7f}",
            "\u{1}",
            ".",
            "1",
            "é",
            "\u{a0}",
            "—",
        ];
        let mut marked = 0;
        for round in 0..5_000 {
            // Letters alone most of the time.
            let pool = if round % 3 == 0 {
                &parts[..]
            } else {
                &parts[..4]
            };
            let s = rng.text(pool, 1 + round % 3);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            let forms = [Normalization::Nfc, Normalization::Nfkc, Normalization::None];
            let unchanged = forms
                .iter()
                .all(|&form| crate::normalize::clean(&s, form) == s.as_str());
            assert!(!f.clean() || unchanged, "{s:?}");
            assert_eq!(
                f.clean(),
                s.bytes().all(|b| b.is_ascii_alphabetic()),
                "{s:?}"
            );
            marked += usize::from(f.clean());
        }
        assert!(marked > 1_000, "{marked}");
    }

    /// The pass over a huge block tells a clean text ([`CLEAN`]) exactly: ASCII, no
    /// control character, no blank but single spaces between words, no `&`; and such a text
    /// is one cleaning leaves as it is, under every normalization.
    #[test]
    fn the_huge_pass_tells_clean_texts() {
        use crate::options::Normalization;
        let mut rng = crate::testgen::Rng::new(0x3e6f_19d2);
        let parts = [
            "word", "Word", "x", "said,", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{7f}",
            "\u{1}", ".", "1", "&", "&amp;", "\"", "é", "\u{a0}", "—", "\u{200b}",
        ];
        let mut told = 0;
        for round in 0..6_000 {
            let n = if round % 300 == 0 {
                3_000
            } else {
                1 + round % 9
            };
            // Words and single spaces alone half the time.
            let pool = if round % 2 == 0 {
                &parts[..]
            } else {
                &parts[..5]
            };
            let s = rng.text(pool, n);
            let f = feature_pass::<true>(&s, &mut NoFold);
            let forms = [Normalization::Nfc, Normalization::Nfkc, Normalization::None];
            let unchanged = forms
                .iter()
                .all(|&form| crate::normalize::clean(&s, form) == s.as_str());
            let b = s.as_bytes();
            let plain = s.is_ascii()
                && !b.iter().any(|&c| c < 0x20 || c == 0x7f || c == b'&')
                && !s.contains("  ")
                && !s.starts_with(' ')
                && !s.ends_with(' ');
            assert_eq!(f.clean(), plain, "{s:?}");
            assert!(!f.clean() || unchanged, "{s:?}");
            told += usize::from(f.clean());
        }
        assert!(told > 500, "{told}");
        // The usual pass tells no text of more than one word.
        let mut buf = String::new();
        assert!(!block_features("plain words", &mut buf).clean());
    }

    #[test]
    fn flags_are_set_and_cleared_alone() {
        let mut f = Features::default();
        f.set(TERMINAL, true);
        f.set_teaser(true);
        assert!(f.terminal() && f.teaser() && !f.colon() && !f.linky());
        f.set_teaser(false);
        assert!(f.terminal() && !f.teaser());
        let mut buf = String::new();
        let f = block_features("東京で新しい橋が開通した。", &mut buf);
        assert!(f.caseless_script() && f.terminal() && f.full_stop() && !f.list_marker());
    }

    #[test]
    fn counts_words_case_and_punctuation() {
        let mut buf = String::new();
        let f = block_features("The council met. It voted, then left.", &mut buf);
        assert_eq!((f.words, f.lower, f.upper), (7, 5, 2));
        assert!(f.terminal() && f.full_stop());
        assert_eq!((f.inner_stops, f.commas), (1, 1));
        let mut buf = String::new();
        let f = block_features("Possible Iranian escalation", &mut buf);
        assert!(!f.terminal() && !f.sentence());
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let mut buf = String::new();
        let f = block_features(
            "Lt. Col. Ann Lee: 'I will be fine for telling the truth'",
            &mut buf,
        );
        assert!(!f.sentence(), "{f:?}");
        let mut buf = String::new();
        let f = block_features("The council met. It voted", &mut buf);
        assert_eq!(f.inner_stops, 1);
        let mut buf = String::new();
        let f = block_features("Ferries were sent back to the US. Reuters", &mut buf);
        assert_eq!(f.inner_stops, 1);
    }

    #[test]
    fn japanese_sentences_count() {
        let mut buf = String::new();
        let f = block_features("東京で新しい橋が開通した。多くの人が訪れた。", &mut buf);
        assert!(f.caseless_script());
        assert!(f.terminal() && f.sentence());
        assert_eq!(f.inner_stops, 2);
    }

    #[test]
    fn closing_quotes_do_not_hide_the_stop() {
        assert!(block_features("“It works,” she said.”", &mut String::new()).terminal());
        assert!(block_features("He asked: «Why?»", &mut String::new()).terminal());
    }

    #[test]
    fn links_and_list_markers() {
        assert!(block_features("Read it at https://example.org/x", &mut String::new()).linky());
        assert!(block_features("- first item", &mut String::new()).list_marker());
        assert!(block_features("2. second item", &mut String::new()).list_marker());
        assert!(!block_features("2015 was a year.", &mut String::new()).list_marker());
    }

    #[test]
    fn features_do_not_count_carriage_returns() {
        // A block of lines joined (a hard-wrapped paragraph) has the features with CRLF
        // line ends that it has with LF ones, on random texts of words of every script,
        // marks and line ends, and the same prefix key ([`PREFIX_BYTES`] of the fold, which
        // holds a space for any run of blanks). (`chars` counted the `\r` bytes: a
        // caseless block's size.)
        let parts = [
            "word", "Word", "中文", "新闻", " ", "\n", "\n", ".", ":", ",", "www", ".com", "é",
            "1", "“", "»", "。", "@",
        ];
        let mut rng = crate::testgen::Rng::new(0x0c2f_1f00);
        let mut keyed = 0;
        for round in 0..6_000 {
            let lf = rng.text(&parts, 1 + round % 120);
            let crlf = lf.replace('\n', "\r\n");
            let (mut a, mut b) = (String::new(), String::new());
            let want = block_features(&lf, &mut a);
            assert_eq!(block_features(&crlf, &mut b), want, "{lf:?}");
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let want = block_features_in(&lf, &mut a).1;
            assert_eq!(block_features_in(&crlf, &mut b).1, want, "{lf:?}");
            keyed += usize::from(want != 0);
        }
        assert!(keyed > 500, "{keyed} prefix keys");
    }

    #[test]
    fn features_do_not_count_doubled_spaces() {
        // A block with its spaces doubled has the features of the block with single spaces,
        // on random texts of words of every script and marks, `chars` above all in a
        // caseless block (its size: a Chinese footer of links parted by `  |  ` was body
        // text).
        let parts = [
            "word", "Word", "中文", "新闻", " ", " ", ".", ":", ",", "|", "é", "1", "“", "»", "。",
            "@",
        ];
        let mut rng = crate::testgen::Rng::new(0x00d0_b1e5);
        let mut caseless = 0;
        for round in 0..6_000 {
            let single = rng.text(&parts, 1 + round % 30);
            let single = single
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>();
            let single = single.join(" ");
            let doubled = single.replace(' ', "  ");
            let (mut a, mut b) = (String::new(), String::new());
            let want = block_features(&single, &mut a);
            let mut got = block_features(&doubled, &mut b);
            if !want.caseless_script() {
                // Only a caseless block's size is its characters.
                let doubled_spaces = doubled.len() - single.len();
                assert_eq!(got.chars as usize, want.chars as usize + doubled_spaces);
                got.chars = want.chars;
            }
            assert_eq!(got, want, "{doubled:?}");
            caseless += usize::from(want.caseless_script());
        }
        assert!(caseless > 500, "{caseless} caseless blocks");
    }

    #[test]
    fn the_link_window_does_not_count_carriage_returns() {
        // A link swept across the end of the first 200 bytes, where [`linky`] looks, with
        // 1-3 line ends before it: the CRLF block is linky when the LF block is.
        let (links, others) = crate::testgen::crlf_sweep(
            120..200,
            |lines, pad| {
                format!(
                    "{}{} see www.example.org now",
                    "Some words here\n".repeat(lines),
                    "x".repeat(pad)
                )
            },
            |s| block_features(s, &mut String::new()).linky(),
        );
        assert!(links > 20 && others > 20, "{links} links, {others} others");
    }
}
