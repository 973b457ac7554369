//! Stage 5: quotations → who said them.
//!
//! Each body block is tokenized once outside its quotations (words, commas, sentence ends,
//! colons, brackets), which cuts it into *frames*: the text before the first quotation,
//! between two quotations, after the last. A quotation's attribution is looked for in the
//! frame after it and the frame before it, in an order set by its punctuation (a content
//! ending in `,` `?` `!` looks right first: `"…," she said`), with these patterns:
//!
//! * verb first: `said Kremlin spokesman Dmitry Peskov`, `according to the statement`;
//! * subject first: `Secretary of State John Kerry said`, `he told reporters`,
//!   `Doug Jones, a spokesman for the mayor, said`, `X, 45, said`;
//! * in the sentence before: `X said, "…"`, `X said: "…"`,
//!   `Earnest described the strikes as "…"` (the last speech verb of the sentence, and the
//!   subject before it, with a leading name and an appositive split apart); the cue
//!   nearest the quote wins, climbing out of nested reports (`X says he feels …` → X), a
//!   relative pronoun is its own mention (`…, who called it "…"`), and a possessive speech
//!   noun (`Trump's claim that "…"`) is a last resort. Also: transcript labels
//!   (`"HOST: …"`), dash credits (`"…" ― Jane Doe`), `From the report: "…"`, and a
//!   clause-final attribution ending the sentence before (`…, Schiff said. "…"`).
//! * no cue at all: a quote inside a sentence falls back to the sentence's subject when
//!   it is a person or a short noun phrase (`Clinton opposes "arbitrary pay freezes"`).
//!
//! Lower-case role words lead a name (`political scientist Jane Doe told`, `said party
//! boss John Doe`); a speech word after a determiner or an adjective is a noun (`the
//! claims`, `Republican claims`); a subject pronoun right before the verb is its subject
//! (`in which he says`); a fronted phrase ending in a comma (`As for his attacks, she
//! said`) is no report of its own.
//!
//! The mention is then split into a descriptor (title and role words) and a personal name
//! ([`split_mention`]) and resolved: a full name is explicit; a pronoun is resolved to the
//! most recent speech subject (else person) named in the look-back window; a bare surname
//! to the last full name ending in it. Both carry the descriptor written with that name
//! (`White House press secretary Josh Earnest` … `Earnest said` → descriptor `White House
//! press secretary`) unless the mention has its own. Quotes left without a speaker inherit one as
//! continuations: from an earlier quote of the same block, from the quote a re-opened
//! quotation continues, from the previous block when the block is only a quotation, or
//! from a later quote of the same block.
//!
//! Windows are bounded: frames keep at most [`MAX_FRAME_TOKENS`] tokens next to the quote,
//! and the person registry is searched at most [`MAX_REGISTRY_SCAN`] entries back.
//!
//! The registry is filled lazily ([`LazyRegistry`]): the people of the blocks are read, in
//! text order, only when a pronoun or a surname asks for them, so a text whose quotes all
//! name their speaker in full reads none, and a block without quotes is tokenized only
//! when its people are needed.

use crate::fasthash::FastBuild;
use crate::lex;
use crate::model::Resolution;
use crate::options::Options;
use crate::quotes::FoundQuote;
use crate::scratch::{recycle, MAX_KEPT_BYTES};
use crate::span::{Span, Span32};
use nom::Parser;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::OnceLock;

/// An attribution; every span is in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundAttribution {
    /// The resolved speaker's name (or the mention itself when it names no one).
    pub speaker: Span,
    /// The speaker as written near the quote.
    pub mention: Option<Span>,
    /// The role or title split off the name.
    pub descriptor: Option<Span>,
    /// The speech verb or cue.
    pub verb: Option<Span>,
    /// How the speaker was found.
    pub resolution: Resolution,
}

/// The attributions of a text's quotes, one entry per quote ([`attribute`]), stored small:
/// a text of dense quotes has one for every few dozen bytes, and each lives, with the found
/// quotes and the article's quotes, until the article is built. The offsets are kept in 32
/// bits ([`NarrowAttribution`]: 36 bytes, not 96).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attributions(Vec<Option<NarrowAttribution>>);

impl Attributions {
    /// No quotes (nothing allocated).
    pub const EMPTY: Attributions = Attributions(Vec::new());

    /// `n` quotes without attribution, on the room of `lent`'s list (a list lent from one
    /// parse to the next, [`crate::scratch`]).
    fn none_in(n: usize, lent: Attributions) -> Self {
        let mut v = lent.0;
        v.clear();
        v.resize(n, None);
        Attributions(v)
    }

    /// Empties the list for the next parse, freeing it when over
    /// [`MAX_KEPT_BYTES`] ([`crate::scratch`]).
    pub fn recycle(&mut self) {
        recycle(&mut self.0);
    }

    /// How many quotes.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.len()
    }

    /// The attribution of quote `i` (`None` when it has none, or past the end).
    #[inline]
    fn get(&self, i: usize) -> Option<FoundAttribution> {
        self.0
            .get(i)
            .copied()
            .flatten()
            .map(NarrowAttribution::wide)
    }

    /// Sets the attribution of quote `i` (a quote of the text it was made for).
    #[inline]
    fn set(&mut self, i: usize, a: Option<FoundAttribution>) {
        self.0[i] = a.map(NarrowAttribution::narrow);
    }

    /// Whether quote `i` has an attribution ([`Attributions::get`] is `Some`), told without
    /// reading it.
    #[inline]
    fn is_attributed(&self, i: usize) -> bool {
        self.0[i].is_some()
    }

    /// Every quote's attribution, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Option<FoundAttribution>> + '_ {
        self.0.iter().map(|a| a.map(NarrowAttribution::wide))
    }
}

/// A [`FoundAttribution`] with its offsets in 32 bits ([`Span32`]; the text is never
/// longer than [`Options::MAX_SUPPORTED_INPUT_BYTES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NarrowAttribution {
    speaker: Span32,
    mention: Span32,
    descriptor: Span32,
    verb: Span32,
    resolution: Resolution,
}

impl NarrowAttribution {
    /// `a`, its offsets within [`Options::MAX_SUPPORTED_INPUT_BYTES`].
    #[inline]
    fn narrow(a: FoundAttribution) -> Self {
        NarrowAttribution {
            speaker: Span32::new(a.speaker),
            mention: Span32::of(a.mention),
            descriptor: Span32::of(a.descriptor),
            verb: Span32::of(a.verb),
            resolution: a.resolution,
        }
    }

    /// The attribution.
    #[inline]
    pub(crate) fn wide(self) -> FoundAttribution {
        FoundAttribution {
            speaker: self.speaker.span(),
            mention: self.mention.get(),
            descriptor: self.descriptor.get(),
            verb: self.verb.get(),
            resolution: self.resolution,
        }
    }
}

/// Tokens kept on each side of a quotation.
const MAX_FRAME_TOKENS: usize = 64;
/// Registry entries searched back for a pronoun or surname.
const MAX_REGISTRY_SCAN: usize = 256;
/// Most tokens reserved ahead for a block (3 MB of them).
const MAX_RESERVED_TOKENS: usize = 1 << 18;
/// Longest speaker mention, in words.
const MAX_MENTION_WORDS: usize = 14;

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tk {
    Word,
    Comma,
    /// `.` `!` `?` `;` ending a sentence.
    End,
    Colon,
    /// Brackets, dashes and anything else.
    Other,
}

/// A token, with the word classes of its text looked up once when it is made (each is
/// asked of most tokens, often several times).
#[derive(Debug, Clone, Copy)]
struct Tok {
    /// Where the token lies in the text ([`Tok::span`]), in 32 bits an end, so that a token
    /// is 12 bytes, not 24 (a block of a million words holds a million tokens).
    at: Span32,
    kind: Tk,
    /// The word classes of the text, as bits ([`TOK_NAME`] … [`TOK_SUBJECT_END`]): one byte
    /// written when the token is made, read by [`Tok::name`] … [`Tok::pronoun`].
    classes: u8,
}

/// [`Tok::classes`] bit: [`lex::is_name_word`] of the text.
const TOK_NAME: u8 = 1;
/// [`Tok::classes`] bit: [`lex::is_speech_verb`] of the text.
const TOK_VERB: u8 = 2;
/// [`Tok::classes`] bit: [`is_speech_noun`] of the text.
const TOK_NOUN: u8 = 4;
/// [`Tok::classes`] bit: the text may make a cue ([`cue_at`]) outside a sentence-initial
/// capital: a speech verb or noun, "according", or the head of a phrasal cue ("shot back").
const TOK_CUE: u8 = 8;
/// [`Tok::classes`] bit: [`lex::is_pronoun`] of the text.
const TOK_PRONOUN: u8 = 16;
/// [`Tok::classes`] bit: [`lex::is_capitalized_stopword`] of the text ("The", "But", "He"),
/// read from the [`WordTable`] look-up the token's other classes come from, so that the
/// readers asking it of a phrase's first word ([`np_after`], [`plausible_subject`], …) need
/// no look-up of their own.
const TOK_STOPWORD: u8 = 32;
/// [`Tok::classes`] bit: [`ends_subject_any_case`] of the text ("in", "And", "BECAUSE"),
/// read from the [`WordTable`] look-up of most words, so that [`np_at_end`]'s walk back over
/// a subject (a name's title, at every name the registry reads) needs no test of its own.
const TOK_SUBJECT_END: u8 = 64;

impl Tok {
    /// Where the token lies in the text.
    #[inline(always)]
    fn span(&self) -> Span {
        self.at.span()
    }

    /// [`lex::is_name_word`] of the text.
    #[inline(always)]
    fn name(&self) -> bool {
        self.classes & TOK_NAME != 0
    }

    /// [`lex::is_speech_verb`] of the text.
    #[inline(always)]
    fn verb(&self) -> bool {
        self.classes & TOK_VERB != 0
    }

    /// [`is_speech_noun`] of the text.
    #[inline(always)]
    fn noun(&self) -> bool {
        self.classes & TOK_NOUN != 0
    }

    /// The text may make a cue ([`TOK_CUE`]).
    #[inline(always)]
    fn cue_word(&self) -> bool {
        self.classes & TOK_CUE != 0
    }

    /// [`lex::is_pronoun`] of the text.
    #[inline(always)]
    fn pronoun(&self) -> bool {
        self.classes & TOK_PRONOUN != 0
    }

    /// [`lex::is_capitalized_stopword`] of the text.
    #[inline(always)]
    fn stopword(&self) -> bool {
        self.classes & TOK_STOPWORD != 0
    }

    /// [`ends_subject_any_case`] of the text.
    #[inline(always)]
    fn subject_end(&self) -> bool {
        self.classes & TOK_SUBJECT_END != 0
    }

    /// The token of kind `kind` at `span`, whose text is `s`.
    #[inline]
    fn new(s: &str, span: Span, kind: Tk) -> Tok {
        Tok::with_classes(span, kind, Classes::of(s))
    }

    /// The token of kind `kind` at `span`, whose text has the classes `c`.
    #[inline(always)]
    fn with_classes(span: Span, kind: Tk, c: Classes) -> Tok {
        Tok::with_bits(span, kind, c.bits())
    }

    /// The token of kind `kind` at `span`, whose text has the [`Tok::classes`] bits `classes`.
    /// Only a word has any (every other token is made with none, [`Tok::mark`]): a class
    /// bit tells a word with no test of the kind ([`name_runs`]).
    #[inline(always)]
    fn with_bits(span: Span, kind: Tk, classes: u8) -> Tok {
        debug_assert!(kind == Tk::Word || classes == 0, "{kind:?} {classes}");
        Tok {
            at: Span32::new(span),
            kind,
            classes,
        }
    }

    /// A punctuation token: a single character that is no word character is in no word
    /// class.
    fn mark(span: Span, kind: Tk) -> Tok {
        Tok {
            at: Span32::new(span),
            kind,
            classes: 0,
        }
    }

    /// The token at `span` of `text`.
    fn at(text: &str, span: Span, kind: Tk) -> Tok {
        Tok::new(span.get(text).unwrap_or(""), span, kind)
    }
}

/// Words other than speech verbs and nouns that start a cue: "according to", "shot back",
/// "puts it", "went on".
const CUE_HEADS: &[&str] = &[
    "according",
    "According",
    "shot",
    "fired",
    "shoots",
    "fires",
    "put",
    "puts",
    "went",
    "goes",
];

/// True when `w` is one of [`CUE_HEADS`].
fn is_cue_head(w: &str) -> bool {
    CUE_HEADS.contains(&w)
}

/// The word classes a token keeps ([`Tok`]), of one text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Classes {
    name: bool,
    verb: bool,
    noun: bool,
    cue_word: bool,
    pronoun: bool,
    stopword: bool,
    subject_end: bool,
}

impl Classes {
    /// The classes as [`Tok::classes`] bits.
    #[inline(always)]
    fn bits(self) -> u8 {
        (u8::from(self.name) * TOK_NAME)
            | (u8::from(self.verb) * TOK_VERB)
            | (u8::from(self.noun) * TOK_NOUN)
            | (u8::from(self.cue_word) * TOK_CUE)
            | (u8::from(self.pronoun) * TOK_PRONOUN)
            | (u8::from(self.stopword) * TOK_STOPWORD)
            | (u8::from(self.subject_end) * TOK_SUBJECT_END)
    }

    /// The classes of [`Tok::classes`] bits.
    fn from_bits(bits: u8) -> Classes {
        Classes {
            name: bits & TOK_NAME != 0,
            verb: bits & TOK_VERB != 0,
            noun: bits & TOK_NOUN != 0,
            cue_word: bits & TOK_CUE != 0,
            pronoun: bits & TOK_PRONOUN != 0,
            stopword: bits & TOK_STOPWORD != 0,
            subject_end: bits & TOK_SUBJECT_END != 0,
        }
    }

    /// The classes of `s`: for most words (ASCII, at most the first letter in upper case,
    /// no trailing period or possessive) one look-up in [`WordTable`]; the class tests
    /// themselves ([`Classes::of_tests`]) for the rest.
    #[inline]
    fn of(s: &str) -> Classes {
        let c = Classes::by_table(s)
            .or_else(|| Classes::of_capitalized(s))
            .or_else(|| Classes::of_initials(s))
            .unwrap_or_else(|| Classes::of_tests(s));
        debug_assert_eq!(c, Classes::of_tests(s), "{s:?}");
        c
    }

    /// The classes of `s` when it is a capitalized ASCII word of letters with a possessive
    /// or a contracted verb, or with another capital, or both ("Trump’s", "It’s", "That's",
    /// "I’m", "McCain", "HuffPost", "CNN’s", "ABC's": a capital, then letters, then one of
    /// [`CONTRACTIONS`] or none, cut as [`lex::is_pronoun`] cuts it), read from the
    /// [`WordTable`] as the class tests read such a word; `None` for other words and for
    /// the few the table cannot tell. Such words, with [`Classes::of_initials`]', were
    /// most of those the tokenizer left to the class tests (~550 instructions each; 905
    /// calls a quote paragraphs pass → 251). One pass, against the possessives of
    /// capitalized words alone: seed variants 74.92 → 74.91, web pages 77.90 → 77.79,
    /// quote paragraphs 83.87 → 83.72 instructions a byte.
    ///
    /// * None is a verb, noun or cue head (each is written in lower case, or as
    ///   "According"), and none with a suffix is a subject end (each is written without an
    ///   apostrophe).
    /// * With lower-case letters only after its capital (or none), the word without its
    ///   suffix is looked up: the word is a pronoun when that is one, a stopword when that
    ///   is one and the suffix is `’s` or `'s` (which [`lex::is_capitalized_stopword`]
    ///   cuts, and no other), a name word when it is no stopword and, with `’s` or `'s`,
    ///   when the word without it is no stopword, honorific or title word either
    ///   ([`NOT_NAME`]; one that is an honorific or title word and no stopword is left to
    ///   the tests).
    /// * With another capital (then with a lower-case letter or a suffix: a word of
    ///   capitals alone is [`Classes::of_capitals`]'), it is no pronoun, stopword or
    ///   honorific (each is a capital and lower-case letters); a name word unless a title
    ///   word is read in it, which the table tells of its capitalized lower-case form
    ///   ("Mccain"; one that is [`NOT_NAME`] is left to the tests, but with a suffix other
    ///   than `’s` or `'s`, which the title test does not cut); a subject end as
    ///   [`ends_subject_any_case`] tells ("ThAt").
    #[inline(never)]
    fn of_capitalized(s: &str) -> Option<Classes> {
        let b = s.as_bytes();
        if !b.first()?.is_ascii_uppercase() {
            return None;
        }
        // The letters after the capital, and the classes of their bytes or-ed together.
        let (mut k, mut letters) = (1, 0u8);
        while let Some(&c) = b.get(k) {
            let class = BYTE_CLASS[usize::from(c)];
            if class & (UPPER_BYTE | LOWER_BYTE) == 0 {
                break;
            }
            letters |= class;
            k += 1;
        }
        let (stem, suffix) = s.split_at_checked(k)?;
        // (A word of letters and one of the suffixes is cut there by `lex::uncontract` too.)
        let possessive = matches!(suffix, "’s" | "'s");
        let contracted = !suffix.is_empty();
        if contracted && !possessive && !CONTRACTIONS.contains(&suffix) {
            return None;
        }
        debug_assert!(!contracted || lex::uncontract(s) == stem, "{s:?}");
        if letters & UPPER_BYTE == 0 {
            if !contracted {
                return None;
            }
            let bits = word_table().get(stem);
            let stopword = possessive && bits & STOPWORD != 0;
            if possessive && !stopword && bits & NOT_NAME != 0 {
                return None;
            }
            return Some(Classes {
                name: !stopword,
                pronoun: bits & PRONOUN != 0,
                stopword,
                ..Classes::default()
            });
        }
        if !contracted && letters & LOWER_BYTE == 0 {
            return None;
        }
        let mut lowered = [0u8; PACKED_MAX];
        let lowered = lowered.get_mut(..k)?;
        lowered.copy_from_slice(stem.as_bytes());
        lowered[1..].make_ascii_lowercase();
        if (possessive || !contracted) && word_table().get_bytes(lowered) & NOT_NAME != 0 {
            return None;
        }
        Some(Classes {
            name: true,
            subject_end: !contracted && ends_subject_any_case(s),
            ..Classes::default()
        })
    }

    /// The classes of `s` when it is initials ("W.", "U.S.", "D.C.": [`lex::is_initial`]):
    /// a name word, a stopword as "A." or "I." (whose period the stopword test cuts:
    /// [`Classes::of_capitals`] of the letter), of no other class; `None` for other words.
    #[inline(never)]
    fn of_initials(s: &str) -> Option<Classes> {
        lex::is_initial(s).then(|| Classes {
            name: true,
            stopword: s.len() == 2 && s.get(..1).is_some_and(|c| Classes::of_capitals(c).stopword),
            ..Classes::default()
        })
    }

    /// The classes from the class tests, one by one.
    #[cold]
    #[inline(never)]
    fn of_tests(s: &str) -> Classes {
        let verb = lex::is_speech_verb(s);
        let noun = is_speech_noun(s);
        Classes {
            name: lex::is_name_word(s),
            verb,
            noun,
            cue_word: verb || noun || is_cue_head(s),
            pronoun: lex::is_pronoun(s),
            stopword: lex::is_capitalized_stopword(s),
            subject_end: ends_subject_any_case(s),
        }
    }

    /// The classes of `s` from [`WordTable`], or `None` when the table cannot tell them.
    ///
    /// * A word starting with an ASCII lower-case letter or `-` is no name word; it is a
    ///   speech verb, noun or cue head as written, unless a trailing `.` `,` `:` (which
    ///   the verb test trims) ends it.
    /// * A word starting with an ASCII capital is no verb nor noun; when it is all ASCII,
    ///   with no other capital and no trailing `.` `,` `'s`, its lower-case form is its
    ///   first letter lowered, so it is a name word when it has a lower-case letter and
    ///   is no stopword, honorific or capitalized title word as written ("Jr" and "Sr"
    ///   always are).
    /// * A word starting with another ASCII byte (a digit, an apostrophe) is in no class.
    #[inline(always)]
    fn by_table(s: &str) -> Option<Classes> {
        let b = s.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        if first.is_ascii_lowercase() || first == b'-' {
            if matches!(last, b'.' | b',' | b':') {
                return None;
            }
            return Some(Classes::lower_from_table(s));
        }
        if first.is_ascii_uppercase() {
            let mut lower = false;
            for &c in &b[1..] {
                if !c.is_ascii() || c.is_ascii_uppercase() {
                    return None;
                }
                lower |= c.is_ascii_lowercase();
            }
            if matches!(last, b'.' | b',') || s.ends_with("'s") {
                return None;
            }
            if !lower {
                // No name word ("A", "I"), and no cue head.
                return Some(Classes::of_capitals(s));
            }
            return Some(Classes::capitalized_from_table(s));
        }
        first.is_ascii().then(Classes::default)
    }

    /// The classes of `s`, a word starting with an ASCII lower-case letter or `-` and not
    /// ending in `.` `,` `:`, from [`WordTable`] ([`Classes::by_table`]).
    #[inline(always)]
    fn lower_from_table(s: &str) -> Classes {
        let bits = word_table().get(s);
        Classes {
            name: false,
            verb: bits & VERB != 0,
            noun: bits & NOUN != 0,
            cue_word: bits & (VERB | NOUN | CUE_HEAD) != 0,
            pronoun: bits & PRONOUN != 0,
            // Every stopword is capitalized ("A", "The"): the table holds none in lower case.
            stopword: bits & STOPWORD != 0,
            // Asked of the word itself: its other letters may be capitals ("aND").
            subject_end: ends_subject_any_case(s),
        }
    }

    /// The classes of `s`, an ASCII word of an upper-case letter and then no upper-case
    /// letter but at least one lower-case one, not ending in `.` `,` `'s`, from
    /// [`WordTable`] ([`Classes::by_table`]).
    #[inline(always)]
    fn capitalized_from_table(s: &str) -> Classes {
        let bits = word_table().get(s);
        Classes {
            name: bits & NOT_NAME == 0 || matches!(s, "Jr" | "Sr"),
            verb: false,
            noun: false,
            cue_word: bits & CUE_HEAD != 0,
            pronoun: bits & PRONOUN != 0,
            stopword: bits & STOPWORD != 0,
            subject_end: bits & SUBJECT_END != 0,
        }
    }

    /// The classes of `s`, an ASCII word of capitals and no lower-case letter ("A", "I",
    /// "ISIL", "NATO"): no verb, noun or cue head (each is written with a lower-case
    /// letter); a name word only as the Roman numeral of a name ("II", "III", "IV"), a
    /// pronoun only as "I" (no contracted pronoun is all capitals), a stopword only as "A"
    /// or "I" (every other stopword has a lower-case letter:
    /// `stopwords_of_capitals_are_a_and_i` checks it).
    #[inline(always)]
    fn of_capitals(s: &str) -> Classes {
        Classes {
            name: matches!(s, "II" | "III" | "IV"),
            pronoun: s == "I",
            stopword: matches!(s, "A" | "I"),
            subject_end: ends_subject_any_case(s),
            ..Classes::default()
        }
    }

    /// The [`Tok::classes`] bits of `s`, a word starting with an ASCII lower-case letter
    /// or `-` and not ending in `.` `,` `:`: those of [`Classes::lower_from_table`], mapped
    /// from the bits of `table` (the [`WordTable`]) by one look-up ([`LOWER_TOK_BITS`]).
    #[cfg(test)]
    fn lower_bits_from_table(table: &WordTable, s: &[u8]) -> u8 {
        Classes::lower_bits_packed(table, s, PackedWord::new(s))
    }

    /// [`Classes::lower_bits_from_table`] of `s`, packed as `p` (`None` when too long):
    /// the bits kept in its slot ([`WordTable::lower_tok_bits`]).
    #[inline(always)]
    fn lower_bits_packed(table: &WordTable, s: &[u8], p: Option<PackedWord>) -> u8 {
        match p {
            Some(p) => table.lower_tok_bits(p),
            None => lower_tok_bits_of(table.get_long(s)),
        }
    }

    /// The [`Tok::classes`] bits of [`Classes::capitalized_from_table`] of `s`, mapped from
    /// the bits of `table` (the [`WordTable`]) by one look-up ([`CAPITALIZED_TOK_BITS`]).
    #[cfg(test)]
    fn capitalized_bits_from_table(table: &WordTable, s: &[u8]) -> u8 {
        Classes::capitalized_bits_packed(table, s, PackedWord::new(s))
    }

    /// [`Classes::capitalized_bits_from_table`] of `s`, packed as `p` (`None` when too
    /// long): the bits kept in its slot ([`WordTable::capitalized_tok_bits`]).
    #[inline(always)]
    fn capitalized_bits_packed(table: &WordTable, s: &[u8], p: Option<PackedWord>) -> u8 {
        match p {
            Some(p) => table.capitalized_tok_bits(p),
            None => capitalized_tok_bits_of(table.get_long(s), s),
        }
    }

    /// [`Classes::of`] of `s`, a word of ASCII word bytes that does not end in `.`, given
    /// `rest`, the [`BYTE_CLASS`] bits of its bytes after the first or-ed together: the
    /// steps of [`Classes::by_table`], with its scan of a capitalized word's letters read
    /// from `rest` (no byte of `s` is outside ASCII, none is `,` or `:`). A word of capitals
    /// and no lower-case letter ("NATO", "CEO", "F-16") is read by [`Classes::of_capitals`]
    /// whatever its other capitals, not by the class tests.
    /// The classes come as [`Tok::classes`] bits; `table` is the [`WordTable`] (taken
    /// once by the tokenizer, not at every word). The word comes as its bytes, which the
    /// tokenizer cuts with no test of character boundaries; the text of the rare words
    /// that the steps read as text is made by [`ascii_text`].
    #[inline(always)]
    fn of_ascii_word(table: &WordTable, s: &[u8], rest: u8) -> u8 {
        Classes::of_ascii_word_packed(table, s, PackedWord::new(s), rest)
    }

    /// [`Classes::of_ascii_word`] of `s`, packed as `p` ([`PackedWord::new`] of `s`:
    /// the tokenizer packs it from the bytes it reads it from, [`PackedWord::at`]).
    #[inline(always)]
    fn of_ascii_word_packed(table: &WordTable, s: &[u8], p: Option<PackedWord>, rest: u8) -> u8 {
        let first = s.first().copied().unwrap_or(b' ');
        let c = if first.is_ascii_lowercase() || first == b'-' {
            if rest & UPPER_BYTE != 0 {
                // "aND": the table holds the subject ends in lower case and capitalized only.
                (Classes::lower_bits_packed(table, s, p) & !TOK_SUBJECT_END)
                    | (u8::from(ends_subject_any_case(ascii_text(s))) * TOK_SUBJECT_END)
            } else {
                Classes::lower_bits_packed(table, s, p)
            }
        } else if first.is_ascii_uppercase() {
            if rest & LOWER_BYTE == 0 {
                Classes::of_capitals(ascii_text(s)).bits()
            } else if rest & UPPER_BYTE != 0 || s.ends_with(b"'s") {
                let s = ascii_text(s);
                Classes::of_capitalized(s)
                    .unwrap_or_else(|| Classes::of_tests(s))
                    .bits()
            } else {
                Classes::capitalized_bits_packed(table, s, p)
            }
        } else {
            0
        };
        debug_assert_eq!(
            Classes::from_bits(c),
            Classes::of_tests(ascii_text(s)),
            "{s:?}"
        );
        c
    }
}

impl Classes {
    /// [`Classes::of_ascii_word_packed`] of a word of the window walk ([`tokenize_with`]):
    /// the `len` bytes of `text` from `pos`, an ASCII letter (a capital when `capital`)
    /// and then lower-case letters only, packed as `p`. Such a word is read by one branch
    /// on its first letter's case, told by the walk's mask: no slice of its bytes is cut
    /// (with its bounds test) but for a word too long to pack, and its first byte is not
    /// read again; its bits are those its slot keeps ("Jr" and "Sr" too:
    /// [`WordTable::capitalized_tok_bits`]); a capital alone ("A", "I") is read by
    /// [`Classes::of_capitals`]. Instructions a byte in one pass against the
    /// general steps of [`Classes::of_ascii_word_packed`] on a slice of the word: seed
    /// variants 91.77 → 90.38, web pages 96.53 → 95.62, quote paragraphs 101.46 → 99.64,
    /// quoted verbs and names 188.02 → 184.82 (the walk's loop keeps more of its values in
    /// registers).
    #[inline(always)]
    fn of_walked_word(
        table: &WordTable,
        text: &[u8],
        pos: usize,
        len: usize,
        p: Option<PackedWord>,
        capital: bool,
    ) -> u8 {
        let Some(p) = p else {
            return Classes::of_long_walked_word(table, text, pos, len, capital);
        };
        let c = if !capital {
            table.lower_tok_bits(p)
        } else if len == 1 {
            Classes::of_capital_letter(p.head as u8)
        } else {
            table.capitalized_tok_bits(p)
        };
        debug_assert_eq!(
            c,
            Classes::of_ascii_word_packed(
                table,
                &text[pos..pos + len],
                Some(p),
                u8::from(len > 1) * (WORD_BYTE | ALNUM_BYTE | LOWER_BYTE)
            )
        );
        c
    }

    /// [`Classes::of_walked_word`] of a word too long to pack (rare: out of line).
    #[cold]
    #[inline(never)]
    fn of_long_walked_word(
        table: &WordTable,
        text: &[u8],
        pos: usize,
        len: usize,
        capital: bool,
    ) -> u8 {
        let s = text.get(pos..pos + len).unwrap_or_default();
        debug_assert_eq!(capital, s.first().is_some_and(u8::is_ascii_uppercase));
        let rest = u8::from(len > 1) * (WORD_BYTE | ALNUM_BYTE | LOWER_BYTE);
        Classes::of_ascii_word_packed(table, s, None, rest)
    }

    /// The [`Tok::classes`] bits of the word of one ASCII capital `c` ("A", "I"): those of
    /// [`Classes::of_capitals`] (out of line: a few words in a hundred).
    #[inline(never)]
    fn of_capital_letter(c: u8) -> u8 {
        Classes::of_capitals(ascii_text(&[c])).bits()
    }
}

/// The text of `b`, bytes of ASCII (a word the tokenizer cut as bytes,
/// [`Classes::of_ascii_word`]); empty for bytes that are no text, which it never gets.
#[inline]
fn ascii_text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

/// [`BYTE_CLASS`] bit: an ASCII word byte ([`lex::is_ascii_word_byte`]).
const WORD_BYTE: u8 = 1;
/// [`BYTE_CLASS`] bit: an ASCII letter or digit.
const ALNUM_BYTE: u8 = 2;
/// [`BYTE_CLASS`] bit: an ASCII upper-case letter.
const UPPER_BYTE: u8 = 4;
/// [`BYTE_CLASS`] bit: an ASCII lower-case letter.
const LOWER_BYTE: u8 = 8;
/// [`BYTE_CLASS`] bit: an ASCII blank ([`lex::is_ascii_blank_byte`]; never a word byte, so
/// never in the bits of a word's bytes).
const BLANK_BYTE: u8 = 16;

/// [`BYTE_CLASS`] bit: an ASCII byte that is no word byte (a plain word may end at it).
const PLAIN_END: u8 = 32;

/// [`BYTE_CLASS`] bit: the ASCII space, which the tokenizer's walk steps over after a word
/// ([`tokenize_with`]), asked of the class it reads of the byte after the word anyway
/// rather than of the byte (the walk keeps the class, not the byte; one pass, against the
/// byte: seed variants 80.17 → 80.11, web pages 85.81 → 85.77, quote paragraphs 90.33 →
/// 90.26 instructions a byte).
const SPACE_BYTE: u8 = 64;

/// The classes of a byte that the tokenizer's ASCII words are read with ([`tokenize_with`]);
/// 0 for every byte outside ASCII.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let word = c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'-' | b'.');
        t[b] = if word { WORD_BYTE } else { 0 }
            | if c.is_ascii_alphanumeric() {
                ALNUM_BYTE
            } else {
                0
            }
            | if c.is_ascii_uppercase() {
                UPPER_BYTE
            } else {
                0
            }
            | if c.is_ascii_lowercase() {
                LOWER_BYTE
            } else {
                0
            }
            | if lex::is_ascii_blank_byte(c) {
                BLANK_BYTE
            } else {
                0
            }
            | if word { 0 } else { PLAIN_END }
            | if c == b' ' { SPACE_BYTE } else { 0 };
        b += 1;
    }
    t
};

/// Every [`WordTable`] bit of a word class (all but [`ABBREVIATION`]).
const TABLE_BITS: u8 = VERB | NOUN | CUE_HEAD | NOT_NAME | PRONOUN;

/// The [`Tok::classes`] bits of a word starting with a lower-case letter, by its
/// [`WordTable`] bits: as [`Classes::lower_from_table`] reads them.
static LOWER_TOK_BITS: [u8; 32] = {
    let mut t = [0u8; 32];
    let mut b = 0;
    while b < 32 {
        let bits = b as u8;
        t[b] = if bits & VERB != 0 { TOK_VERB } else { 0 }
            | if bits & NOUN != 0 { TOK_NOUN } else { 0 }
            | if bits & (VERB | NOUN | CUE_HEAD) != 0 {
                TOK_CUE
            } else {
                0
            }
            | if bits & PRONOUN != 0 { TOK_PRONOUN } else { 0 };
        b += 1;
    }
    t
};

/// The [`Tok::classes`] bits of a capitalized word, by its [`WordTable`] bits: as
/// [`Classes::capitalized_from_table`] reads them, but for its "Jr" and "Sr" (indexed by
/// the bits of [`TABLE_BITS`] and [`STOPWORD`]; those of [`ABBREVIATION`] are left out).
static CAPITALIZED_TOK_BITS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let bits = b as u8;
        t[b] = if bits & NOT_NAME == 0 { TOK_NAME } else { 0 }
            | if bits & CUE_HEAD != 0 { TOK_CUE } else { 0 }
            | if bits & PRONOUN != 0 { TOK_PRONOUN } else { 0 }
            | if bits & STOPWORD != 0 {
                TOK_STOPWORD
            } else {
                0
            };
        b += 1;
    }
    t
};

/// [`WordTable`] bit: a speech verb form ([`lex::is_speech_verb`]).
const VERB: u8 = 1;
/// [`WordTable`] bit: a speech noun ([`SPEECH_NOUNS`]).
const NOUN: u8 = 2;
/// [`WordTable`] bit: a cue head ([`CUE_HEADS`]).
const CUE_HEAD: u8 = 4;
/// [`WordTable`] bit: a pronoun ([`lex::is_pronoun`]): one of [`PRONOUNS`], alone or with
/// one of [`CONTRACTIONS`].
const PRONOUN: u8 = 16;
/// [`WordTable`] bit: a capitalized word that is no name word: a stopword, an honorific,
/// or a title word with its first letter in upper case ("Secretary").
const NOT_NAME: u8 = 8;
/// [`WordTable`] bit: an abbreviation before whose period no sentence ends
/// ([`lex::ABBREVIATIONS`]: "Mr", "Gen", "Jan").
const ABBREVIATION: u8 = 32;
/// [`WordTable`] bit: a capitalized stopword ([`lex::CAPITALIZED_STOPWORDS`]), as written
/// (each is also [`NOT_NAME`]).
const STOPWORD: u8 = 64;
/// [`WordTable`] bit: a word of [`SUBJECT_ENDS`], in lower case or capitalized ("in", "In").
/// (`Classes::of_capitalized` reads past it: "Only's" is a name word like "Smith's".)
const SUBJECT_END: u8 = 128;

/// The [`TOK_SUBJECT_END`] bit of a word whose [`WordTable`] bits are `bits`.
#[inline(always)]
fn subject_end_tok_bit(bits: u8) -> u8 {
    if bits & SUBJECT_END != 0 {
        TOK_SUBJECT_END
    } else {
        0
    }
}

/// The [`Tok::classes`] bits of a word starting with a lower-case letter whose
/// [`WordTable`] bits are `bits`: as [`Classes::lower_from_table`] reads them.
#[inline(always)]
fn lower_tok_bits_of(bits: u8) -> u8 {
    LOWER_TOK_BITS[usize::from(bits & TABLE_BITS)] | subject_end_tok_bit(bits)
}

/// The [`Tok::classes`] bits of `w`, a capitalized word ([`Classes::capitalized_from_table`])
/// whose [`WordTable`] bits are `bits` ("Jr" and "Sr" are name words whatever their bits).
#[inline(always)]
fn capitalized_tok_bits_of(bits: u8, w: &[u8]) -> u8 {
    CAPITALIZED_TOK_BITS[usize::from(bits & (TABLE_BITS | STOPWORD))]
        | subject_end_tok_bit(bits)
        | (u8::from(matches!(w, b"Jr" | b"Sr")) * TOK_NAME)
}

/// The pronouns of [`lex::is_pronoun`].
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "I", "we", "He", "She", "They", "We", "it", "It", "you", "You",
];

/// The contracted verbs a pronoun of [`lex::is_pronoun`] may carry ("he’s", "they'd").
const CONTRACTIONS: &[&str] = &[
    "'s", "’s", "'d", "’d", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'m", "’m",
];

/// The words of the lexicons a token's classes come from, each as written, with the bits
/// of its classes: one look-up instead of one per class.
///
/// A word of at most [`PACKED_MAX`] bytes is looked up by its [`PackedWord`] in an
/// open-addressing table (no hashing of the bytes, no string comparison); a longer one in
/// a hash map.
#[derive(Debug)]
struct WordTable {
    /// [`WORD_SLOTS`] slots, at most a quarter of them used; an empty slot has length 0.
    /// (A fixed number: a slot's index, masked, needs no bounds test.) Each holds a word,
    /// its bits, and whether a word put in after it probed past it (then a word looked
    /// up there may be further on; otherwise it is there or nowhere): the bits in the low
    /// byte of a `u32`, [`PASSED`] above them (one load gives both), and the word's
    /// [`Tok::classes`] bits worked out from them once ([`WordTable::put`]) in its two
    /// high bytes: [`lower_tok_bits_of`] the bits from [`LOWER_TOK_SHIFT`] and
    /// [`capitalized_tok_bits_of`] them and the word, [`TOK_NAME`] flipped, from
    /// [`CAPITALIZED_TOK_SHIFT`] (so that a word in no slot, 0, reads as a name word).
    slots: Box<[(PackedWord, u32); WORD_SLOTS]>,
    /// Words longer than [`PACKED_MAX`] bytes, by their bytes (as the tokenizer cuts them).
    long: HashMap<Box<[u8]>, u8, FastBuild>,
}

/// [`WordTable::slots`] flag: a word put in after the slot's probed past it.
const PASSED: u32 = 1 << 8;

/// Where a [`WordTable`] slot keeps the [`Tok::classes`] bits of its word read in lower
/// case ([`WordTable::lower_tok_bits`]).
const LOWER_TOK_SHIFT: u32 = 16;

/// Where a [`WordTable`] slot keeps the [`Tok::classes`] bits of its word read
/// capitalized, [`TOK_NAME`] flipped ([`WordTable::capitalized_tok_bits`]).
const CAPITALIZED_TOK_SHIFT: u32 = 24;

/// Longest word [`PackedWord`] holds.
const PACKED_MAX: usize = 16;

/// The masks of the first `len` of sixteen bytes, at index `len`: those of the first eight
/// and those of the last eight, each read as a little-endian `u64` ([`PackedWord::at`]:
/// two loads in place of a shift of a `u128` by the word's length), from
/// [`lex::LOW_BYTES`].
static PACKED_MASKS: [(u64, u64); PACKED_MAX + 1] = {
    let mut t = [(0u64, 0u64); PACKED_MAX + 1];
    let mut len = 0;
    while len <= PACKED_MAX {
        t[len] = if len <= 8 {
            (lex::LOW_BYTES[len], 0)
        } else {
            (u64::MAX, lex::LOW_BYTES[len - 8])
        };
        len += 1;
    }
    t
};

/// The number of slots of [`WordTable`]: a power of two, at least four times its words
/// (about 1,500 in all; [`WordTable::new`] asserts it).
const WORD_SLOTS: usize = 1 << 13;

/// A word of 1 to [`PACKED_MAX`] bytes as two numbers and its length: its bytes as one
/// little-endian number of sixteen bytes, zeros after them, split into its head (the
/// first eight) and tail (the rest; 0 for a word of up to eight bytes). The tokenizer
/// packs most words from the sixteen bytes at their start, masked, with no branch on
/// their length ([`PackedWord::at`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct PackedWord {
    head: u64,
    tail: u64,
    len: usize,
}

/// The odd multiplier of [`PackedWord::slot`]'s hash. Any odd number spreads the table's
/// words over its slots about as well (some 1,240 packed words, about 100 slots passed);
/// this one was drawn, among 3,000 random odd numbers of 28 to 36 set bits, as one whose
/// passed slots ([`PASSED`]) are the first slots of few of the common words that the
/// tokenizer looks up, so that fewer look-ups leave the one-slot path for
/// [`WordTable::get_past`] (with the golden-ratio multiplier before it, "a", "he", "on",
/// "at" and "it" started at a slot passed by a verb: 8,189 calls a pass of the quote
/// paragraphs). Which slot a word starts at changes no answer of the table: a look-up
/// probes from there to the word or an empty slot.
const SLOT_MULTIPLIER: u64 = 0x611e_c19f_53a0_df35;

impl PackedWord {
    /// The packed `w`, or `None` when it is empty or longer than [`PACKED_MAX`] bytes.
    #[inline]
    fn new(w: &[u8]) -> Option<PackedWord> {
        let len = w.len();
        let (head, tail) = match len {
            // The first, middle and last bytes, or the first and last four, overlapping:
            // each byte at its place.
            1..=3 => (
                u64::from(w[0])
                    | u64::from(w[len / 2]) << (8 * (len / 2))
                    | u64::from(w[len - 1]) << (8 * (len - 1)),
                0,
            ),
            4..=7 => (
                u64::from(u32::from_le_bytes(*w.first_chunk::<4>()?))
                    | u64::from(u32::from_le_bytes(*w.last_chunk::<4>()?)) << (8 * (len - 4)),
                0,
            ),
            8 => (u64::from_le_bytes(*w.first_chunk::<8>()?), 0),
            // The bytes after the eighth are the top ones of the last eight.
            9..=PACKED_MAX => (
                u64::from_le_bytes(*w.first_chunk::<8>()?),
                u64::from_le_bytes(*w.last_chunk::<8>()?) >> (8 * (PACKED_MAX - len)),
            ),
            _ => return None,
        };
        Some(PackedWord { head, tail, len })
    }

    /// [`PackedWord::new`] of the `len` bytes of `text` from `pos`. When sixteen bytes of
    /// `text` are there, with no branch on the word's length (which varies from word to
    /// word: [`PackedWord::new`]'s steps by length were mispredicted at most words): the
    /// sixteen bytes with those past the word masked off. The word's length is asked
    /// first, by the bounds of the table of masks, then whether sixteen bytes are there,
    /// each by a branch of its own, rather than by one branch on both answers worked out
    /// apart (one pass: seed variants 76.27 → 76.20, web pages 81.19 → 81.14, quote
    /// paragraphs 85.04 → 84.95 instructions a byte).
    #[inline(always)]
    fn at(text: &[u8], pos: usize, len: usize) -> Option<PackedWord> {
        let Some((head_mask, tail_mask)) = PACKED_MASKS.get(len).copied().filter(|_| len != 0)
        else {
            return PackedWord::new(text.get(pos..pos + len)?);
        };
        let Some(block) = text
            .get(pos..pos.wrapping_add(16))
            .and_then(<[u8]>::first_chunk::<16>)
        else {
            return PackedWord::new(text.get(pos..pos + len)?);
        };
        let (head, tail) = block.split_at(8);
        Some(PackedWord {
            head: u64::from_le_bytes(head.try_into().unwrap_or_default()) & head_mask,
            tail: u64::from_le_bytes(tail.try_into().unwrap_or_default()) & tail_mask,
            len,
        })
    }

    /// [`PackedWord::at`] of the `len` bytes from `o`, less than 64, of `window`, the
    /// [`WINDOW_BYTES`] bytes of a text from a window's start ([`window_bytes`]): the
    /// sixteen bytes from `o` are in `window`, so there is no test of the text's end (nor
    /// of an overflow) at each word as [`PackedWord::at`] makes; only the word's length
    /// is asked (`o & 63` is `o`: it tells the compiler that the sixteen bytes are there).
    /// 81.7K of the 96K words walked a pass of the quote paragraphs are packed so (the rest
    /// lie in a text's last 80 bytes). One pass, against [`PackedWord::at`] at every word
    /// of the tokenizer's walk: seed variants 75.58 → 75.47, web pages 79.69 → 79.61, quote
    /// paragraphs 84.45 → 84.40, quoted verbs and names 170.19 → 170.02 instructions a
    /// byte.
    #[inline(always)]
    fn in_window(window: &[u8; WINDOW_BYTES], o: usize, len: usize) -> Option<PackedWord> {
        let (head_mask, tail_mask) = PACKED_MASKS.get(len).copied().filter(|_| len != 0)?;
        let block = window.get(o & 63..)?.first_chunk::<16>()?;
        let (head, tail) = block.split_at(8);
        Some(PackedWord {
            head: u64::from_le_bytes(head.try_into().unwrap_or_default()) & head_mask,
            tail: u64::from_le_bytes(tail.try_into().unwrap_or_default()) & tail_mask,
            len,
        })
    }

    /// [`PackedWord::new`] of `w` with its first byte, an ASCII capital, in lower case
    /// (its case bit, `0x20`, set in the head's low byte: no tail holds the first byte),
    /// so that a capitalized word is looked up in lower case without a copy.
    #[inline]
    fn new_first_lowered(w: &[u8]) -> Option<PackedWord> {
        debug_assert!(w.first().is_some_and(u8::is_ascii_uppercase));
        let mut p = PackedWord::new(w)?;
        p.head |= 0x20;
        Some(p)
    }

    /// True when `self` and `other` are the same word: their fields compared with no
    /// branch for each.
    #[inline(always)]
    fn same(&self, other: &PackedWord) -> bool {
        (self.head ^ other.head) | (self.tail ^ other.tail) | (self.len ^ other.len) as u64 == 0
    }

    /// [`PackedWord::same`] of two words of no NUL byte: their bytes alone compared. Such
    /// a word's length is in its bytes (the highest of its sixteen that is not 0 is its
    /// last), so two of them with the same bytes have the same length; a word with a NUL
    /// byte may not (`"a\0"` packs as `"a"` does).
    #[inline(always)]
    fn same_bytes(&self, other: &PackedWord) -> bool {
        (self.head ^ other.head) | (self.tail ^ other.tail) == 0
    }

    /// The slot to start probing at in a table of `mask + 1` slots, from the word's bytes
    /// only: its length, which the look-up compares, is left out of the hash (words of
    /// other lengths differ in their bytes; one instruction less at every look-up, and
    /// fewer words put past on the tokenizer's probes: one pass, seed variants 82.23 →
    /// 82.12, web pages 88.59 → 88.53, quote paragraphs 93.48 → 93.30 instructions a
    /// byte). The slot is the product's top bits (as many as a table of
    /// [`WORD_SLOTS`] slots, the one table here, needs), so that no mask is applied after
    /// the shift: one instruction less at every
    /// look-up, though more of the quote paragraphs' words start at a passed slot
    /// (`get_past` 6,479 → 8,189 calls a pass). One pass, against bits 40 to 52 masked:
    /// seed variants 75.47 → 75.42, web pages 79.61 → 79.59, quote paragraphs 84.40 →
    /// 84.38, quoted verbs and names 170.02 → 169.90 instructions a byte.
    #[inline]
    fn slot(&self, mask: usize) -> usize {
        let x = (self.head ^ self.tail.rotate_left(29)).wrapping_mul(SLOT_MULTIPLIER);
        (x >> (64 - WORD_SLOTS.trailing_zeros())) as usize & mask
    }
}

impl WordTable {
    fn new() -> WordTable {
        let mut owned: Vec<String> = Vec::new();
        // The verb test reads only forms of lower-case ASCII letters and hyphens.
        let verbs = lex::speech_verb_forms()
            .filter(|v| v.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            .map(|v| (v, VERB));
        let nouns = SPEECH_NOUNS.iter().map(|&n| (n, NOUN));
        let heads = CUE_HEADS.iter().map(|&h| (h, CUE_HEAD));
        let not_names = lex::HONORIFICS.iter().map(|&x| (x, NOT_NAME));
        let stopwords = lex::CAPITALIZED_STOPWORDS
            .iter()
            .map(|&x| (x, NOT_NAME | STOPWORD));
        // A capitalized word whose lower-case form is a title word: the title test reads
        // words of at most 24 bytes.
        for t in lex::title_words() {
            if t.len() <= 24 && t.bytes().next().is_some_and(|b| b.is_ascii_lowercase()) {
                let mut capitalized = t.to_owned();
                capitalized[..1].make_ascii_uppercase();
                owned.push(capitalized);
            }
        }
        let titles = owned.iter().map(|t| (t.as_str(), NOT_NAME));
        // The contracted pronouns, written one after another into one string.
        let mut contracted = String::new();
        let mut ends = Vec::with_capacity(PRONOUNS.len() * CONTRACTIONS.len());
        for p in PRONOUNS {
            for c in CONTRACTIONS {
                contracted.push_str(p);
                contracted.push_str(c);
                ends.push(contracted.len());
            }
        }
        let contracted_words = ends.iter().scan(0, |start, &end| {
            let word = contracted.get(*start..end);
            *start = end;
            word
        });
        let pronouns = PRONOUNS
            .iter()
            .copied()
            .chain(contracted_words)
            .map(|p| (p, PRONOUN));
        let abbreviations = lex::ABBREVIATIONS.iter().map(|&a| (a, ABBREVIATION));
        // The subject ends in lower case, then capitalized.
        let mut capitalized_ends: Vec<String> = Vec::with_capacity(SUBJECT_ENDS.len());
        for e in SUBJECT_ENDS {
            let mut c = (*e).to_owned();
            c[..1].make_ascii_uppercase();
            capitalized_ends.push(c);
        }
        let subject_ends = SUBJECT_ENDS
            .iter()
            .copied()
            .chain(capitalized_ends.iter().map(String::as_str))
            .map(|e| (e, SUBJECT_END));
        let entries = verbs
            .chain(abbreviations)
            .chain(nouns)
            .chain(heads)
            .chain(not_names)
            .chain(stopwords)
            .chain(titles)
            .chain(pronouns)
            .chain(subject_ends);
        let mut table = WordTable::empty();
        // Each entry goes straight into its slot (the bits of a word listed twice are
        // joined there): no map of the words first.
        let mut words = 0;
        for (w, bit) in entries {
            words += usize::from(table.put(w.as_bytes(), bit));
        }
        assert!(words * 4 <= WORD_SLOTS, "{words} words");
        table
    }

    /// A table of no word.
    fn empty() -> WordTable {
        WordTable {
            slots: vec![(PackedWord::default(), 0u32); WORD_SLOTS]
                .into_boxed_slice()
                .try_into()
                .unwrap_or_else(|_| unreachable!("a list of WORD_SLOTS slots")),
            long: HashMap::default(),
        }
    }

    /// Adds `bits` (not 0) to the bits of the word `w`; true when `w` was not in the table
    /// yet.
    fn put(&mut self, w: &[u8], bits: u8) -> bool {
        debug_assert!(bits != 0, "a word of no class");
        // The tokenizer's look-ups compare a word's bytes, not its length
        // ([`WordTable::word_slot_of`]).
        debug_assert!(!w.contains(&0), "a word with a NUL byte: {w:?}");
        let Some(p) = PackedWord::new(w) else {
            let known = self.long.entry(w.into()).or_insert(0);
            let new = *known == 0;
            *known |= bits;
            return new;
        };
        let mask = WORD_SLOTS - 1;
        let mut i = p.slot(mask);
        // A word put in after the words it probes past marks their slots ([`PASSED`]).
        while self.slots[i].0.len != 0 && self.slots[i].0 != p {
            self.slots[i].1 |= PASSED;
            i = (i + 1) & mask;
        }
        let new = self.slots[i].0.len == 0;
        let (word, meta) = &mut self.slots[i];
        *word = p;
        // The word's bits joined, and its token bits worked out from them again.
        let joined = *meta as u8 | bits;
        *meta = (*meta & PASSED)
            | u32::from(joined)
            | u32::from(lower_tok_bits_of(joined)) << LOWER_TOK_SHIFT
            | u32::from(capitalized_tok_bits_of(joined, w) ^ TOK_NAME) << CAPITALIZED_TOK_SHIFT;
        new
    }

    /// The bits of `w` as written (0 for a word of no class).
    #[inline(always)]
    fn get(&self, w: &str) -> u8 {
        self.get_bytes(w.as_bytes())
    }

    /// The bits of the word whose bytes are `w` ([`WordTable::get`] of its text).
    #[inline(always)]
    fn get_bytes(&self, w: &[u8]) -> u8 {
        let Some(p) = PackedWord::new(w) else {
            return self.get_long(w);
        };
        self.get_packed(p)
    }

    /// The bits of the word packed as `p` ([`WordTable::get_bytes`] of a word of at most
    /// [`PACKED_MAX`] bytes).
    #[inline(always)]
    fn get_packed(&self, p: PackedWord) -> u8 {
        self.slot_of(p) as u8
    }

    /// The [`Tok::classes`] bits of the word packed as `p`, a word starting with an ASCII
    /// lower-case letter or `-` and not ending in `.` `,` `:`: [`lower_tok_bits_of`]
    /// [`WordTable::get_packed`], kept in its slot. Against mapping the bits
    /// ([`LOWER_TOK_BITS`], [`CAPITALIZED_TOK_BITS`]) at each word, for both readers, one
    /// pass: seed variants 82.79 → 82.48, web pages 88.91 → 88.71, quote paragraphs 94.27
    /// → 93.85 instructions a byte.
    #[inline(always)]
    fn lower_tok_bits(&self, p: PackedWord) -> u8 {
        (self.word_slot_of(p) >> LOWER_TOK_SHIFT) as u8
    }

    /// The [`Tok::classes`] bits of the word packed as `p`, an ASCII capital and then no
    /// upper-case letter but at least one lower-case one, not ending in `.` `,` `'s`:
    /// [`capitalized_tok_bits_of`] [`WordTable::get_packed`], kept in its slot.
    #[inline(always)]
    fn capitalized_tok_bits(&self, p: PackedWord) -> u8 {
        (self.word_slot_of(p) >> CAPITALIZED_TOK_SHIFT) as u8 ^ TOK_NAME
    }

    /// The slot's bits ([`WordTable::slots`]) of the word packed as `p`; 0 for a word in
    /// no slot. ([`PASSED`] may be set: no reader of the slot's bytes reads it.)
    #[inline(always)]
    fn slot_of(&self, p: PackedWord) -> u32 {
        self.slot_by(p, PackedWord::same)
    }

    /// [`WordTable::slot_of`] of `p`, a word of the tokenizer's (ASCII word bytes, so no
    /// NUL byte, as no word of the table has: [`WordTable::put`]), whose bytes tell its
    /// length: compared with the slot's word by its bytes alone ([`PackedWord::same_bytes`]),
    /// two instructions fewer at each of the tokenizer's look-ups. One pass, against the
    /// length compared too: seed variants 76.34 → 76.27, web pages 81.24 → 81.19, quote
    /// paragraphs 85.14 → 85.04 instructions a byte.
    #[inline(always)]
    fn word_slot_of(&self, p: PackedWord) -> u32 {
        let bits = self.slot_by(p, PackedWord::same_bytes);
        debug_assert_eq!(bits, self.slot_of(p), "{p:?}");
        bits
    }

    /// [`WordTable::slot_of`] of `p`, with `same` telling whether a slot holds it.
    #[inline(always)]
    fn slot_by(&self, p: PackedWord, same: impl Fn(&PackedWord, &PackedWord) -> bool) -> u32 {
        let i = p.slot(WORD_SLOTS - 1);
        let (q, meta) = self.slots[i];
        if meta & PASSED != 0 {
            return self.get_past(p.head, p.tail, p.len, i);
        }
        // Most words end their probe at their first slot (no word was put past it): the
        // word is there or in no slot, told with no branch (whether a word is in the
        // table varies from word to word).
        // (`meta` is loaded already for the test above: no load to skip by a branch.)
        meta & 0u32.wrapping_sub(u32::from(same(&q, &p)))
    }

    /// [`WordTable::slot_of`] of `p`, whose first slot `i` a word was put past: the
    /// probe, slot by slot, until the word or an empty slot. Out of line (a few words in
    /// ten).
    /// (The word comes as its fields, in registers.)
    #[inline(never)]
    fn get_past(&self, head: u64, tail: u64, len: usize, mut i: usize) -> u32 {
        let p = PackedWord { head, tail, len };
        let mask = WORD_SLOTS - 1;
        loop {
            let (q, meta) = self.slots[i];
            if q == p {
                return meta;
            }
            if q.len == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }

    /// [`WordTable::get`] of a word that is empty or too long to pack (rare: out of line).
    #[cold]
    #[inline(never)]
    fn get_long(&self, w: &[u8]) -> u8 {
        self.long.get(w).copied().unwrap_or(0)
    }
}

/// The [`WordTable`], built once.
fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(WordTable::new)
}

/// Tokenizes `seg` of `text`, appending to `out`. Each step consumes at least one char.
/// (The parse reads blocks by [`tokenize_block`]; this is the tokenizer of one segment.)
#[cfg(test)]
fn tokenize(text: &str, seg: Span, out: &mut Vec<Tok>) {
    // Taken once here: its `OnceLock` is not asked again at every word.
    tokenize_with::<true>(word_table(), text, seg, out);
}

/// Tokenizes `seg` of `text`, appending to `out`, with `table` the [`WordTable`]. Each step
/// consumes at least one char. Inlined into its one loop in [`tokenize_block`], which reads
/// every segment of a block with the table taken once and no call for each (a block of
/// many short quotes has as many segments); the tests' [`tokenize`] calls it too.
///
/// With `WINDOWS` (the parse's and [`tokenize`]'s), most words are read by a walk over a
/// mask of the lower-case letters of 64 bytes ([`lower_window`]): a word of an ASCII
/// letter and lower-case letters ("the", "Smith", "A") ends at the next clear bit, and
/// when an ASCII byte that is no word byte follows it ([`PLAIN_END`]) it is pushed with
/// its classes and the walk goes on to the word after one space. Any other word ("U.S.",
/// "don't", "McCain", "Lee.", "1,000", "é") and a word that may run past the window are
/// read by the per-word steps below, from the word's start, as without `WINDOWS` (the
/// tests compare the two). Instructions a byte against the per-word steps alone: seed
/// variants 99.90 → 98.55, web pages 101.35 → 100.35, quote paragraphs 107.57 → 105.91,
/// quoted verbs and names 185.97 → 185.69 (`tokenize_block` on the seed variants 11.2M →
/// 10.1M). A mask of the letters and one of the lower-case letters instead (the rest of
/// the class tests as before) cost more on the quoted verbs and names (+2.2: two masks of
/// 64 bytes for a segment of a few words); so did reading a window only up to the end of
/// the segment (a loop of eight-byte steps: seed +0.2).
#[inline(always)]
fn tokenize_with<const WINDOWS: bool>(
    table: &WordTable,
    text: &str,
    seg: Span,
    out: &mut Vec<Tok>,
) {
    // The text up to the segment's end, read by offsets in `text` (`i`), not in the
    // segment: one boundary test at each of the segment's ends, as `seg.get(text)` would
    // make, but no segment start to add at each token nor to keep for it (one pass,
    // against offsets in the segment: seed variants 76.26 → 76.20, web pages 81.15 →
    // 81.14, quote paragraphs 85.03 → 84.95, quoted verbs and names 171.87 → 171.55
    // instructions a byte).
    let Some(s) = text.get(..seg.end) else {
        return;
    };
    if seg.start > seg.end || !text.is_char_boundary(seg.start) {
        return;
    }
    // The bytes of the 64 bytes of `text` from `at` that are no ASCII lower-case letters
    // (bit `k` for byte `at + k`; all from the segment's end on: `!`[`lower_window`]); no
    // window at first. (The walk reads the gaps between the lower-case letters, not the
    // letters: kept so, it keeps one mask, not the mask and its complement.)
    let mut at = usize::MAX / 2;
    let mut gaps = !0u64;
    // The 80 bytes of `text` from `at`, when it has them ([`window_bytes`]): every word of
    // the window packed from them ([`PackedWord::in_window`]).
    let mut bytes_at: Option<&[u8; WINDOW_BYTES]> = None;
    // The text up to the segment's end (the walk's bytes after words).
    let to_end = s.as_bytes();
    // `i` is the byte offset in `text` (and in `s`).
    let mut i = seg.start;
    'bytes: while let Some(&byte) = s.as_bytes().get(i) {
        // ASCII blanks and punctuation are decided from their byte, other characters as
        // by `lex::blank_len` and `lex::word_len`. The byte's class tells a word byte (the
        // most common first byte) at once, then a blank.
        let mut first = byte;
        let mut class = BYTE_CLASS[usize::from(first)];
        if class & WORD_BYTE == 0 {
            if first.is_ascii() {
                if class & BLANK_BYTE != 0 {
                    i += 1;
                } else if first != b'(' {
                    // A mark of one byte (`,` `"` `:` …), as [`mark`] reads it: its
                    // token, its kind from a table, with no call (all but `(`, which may
                    // open an aside to skip). One pass, against the call for every mark:
                    // seed variants 82.89 → 82.79, web pages 89.05 → 88.91, quote
                    // paragraphs 94.49 → 94.27 instructions a byte.
                    out.push(Tok::mark(Span::new(i, i + 1), ascii_mark_kind(first)));
                    i += 1;
                } else {
                    i += mark(s, i, out);
                }
                continue;
            }
            let blanks = lex::blank_len(&s[i..]);
            if blanks > 0 {
                i += blanks;
                continue;
            }
        } else {
            if WINDOWS && class & (UPPER_BYTE | LOWER_BYTE) != 0 {
                // The window walk: words of a letter and lower-case letters, from word to
                // word while each ends at an ASCII byte that is no word byte. The window
                // is kept while the walk is in it (the walk leaves it at a mark, a blank
                // run or another word, and comes back after it); a word at its 64th byte
                // gets a window from its start. (It reads by places in the text, the
                // window's start `at` and `to_end`, the text up to the segment's end: one
                // pointer for the bytes after words and those packed, and no segment start
                // to add: fewer values to keep on the stack and load again at each word.)
                let mut o = i.wrapping_sub(at);
                if o >= 63 {
                    at = i;
                    gaps = !lower_window(text.as_bytes(), at, seg.end);
                    bytes_at = window_bytes(text.as_bytes(), at);
                    o = 0;
                }
                loop {
                    let e = o + 1 + (gaps >> (o + 1)).trailing_zeros() as usize;
                    if e >= 64 {
                        // The word may go on past the window: a window from its start.
                        if o == 0 {
                            break;
                        }
                        at += o;
                        gaps = !lower_window(text.as_bytes(), at, seg.end);
                        bytes_at = window_bytes(text.as_bytes(), at);
                        o = 0;
                        continue;
                    }
                    // The class of the byte after the word; the segment's end is read as a
                    // 0 byte (an ASCII byte that is no word byte and no space: the word
                    // ends there, and no space is skipped), with no test of an `Option` at
                    // each word.
                    let after = BYTE_CLASS[usize::from(to_end.get(at + e).copied().unwrap_or(0))];
                    if after & PLAIN_END == 0 {
                        break;
                    }
                    let len = e - o;
                    let pos = at + o;
                    let packed = match bytes_at {
                        Some(window) => PackedWord::in_window(window, o, len),
                        None => PackedWord::at(text.as_bytes(), pos, len),
                    };
                    let capital = gaps >> o & 1 != 0;
                    out.push(Tok::with_bits(
                        Span::new(pos, pos + len),
                        Tk::Word,
                        Classes::of_walked_word(table, text.as_bytes(), pos, len, packed, capital),
                    ));
                    o = e + usize::from(after & SPACE_BYTE != 0);
                    // The next word is walked when it starts with a letter: a lower-case one
                    // is told by the mask, with no read of its byte (most words; one pass,
                    // against reading the byte of every next word: seed variants 90.38 →
                    // 89.94, web pages 95.62 → 95.32, quote paragraphs 99.64 → 99.07
                    // instructions a byte).
                    if o >= 63
                        || gaps >> o & 1 != 0
                            && to_end
                                .get(at + o)
                                .is_none_or(|&c| BYTE_CLASS[usize::from(c)] & UPPER_BYTE == 0)
                    {
                        i = at + o;
                        continue 'bytes;
                    }
                }
                i = at + o;
                let bytes = s.as_bytes();
                // (The byte the walk stopped at: the first of a word it leaves to the steps.)
                first = bytes.get(i).copied().unwrap_or(first);
                class = BYTE_CLASS[usize::from(first)];
            }
            // Most words are ASCII words followed by an ASCII blank or mark: read in one
            // pass with their classes. (`lex::word_len` would stop at the same byte, so the
            // word is `s[i..j]`; it is its own core when it ends in neither `'` nor `.`, and
            // has an ASCII letter or digit when its bytes' classes say so.)
            let bytes = s.as_bytes();
            let (j, rest, last) = word_bytes_end(bytes, i + 1, first);
            let ascii_after = bytes.get(j).is_none_or(u8::is_ascii);
            let alnum = (class | rest) & ALNUM_BYTE != 0;
            // A space mostly follows a word: skipped here, as the blank step above would.
            let after_space = if bytes.get(j) == Some(&b' ') {
                j + 1
            } else {
                j
            };
            if ascii_after && !matches!(last, b'.' | b'\'') && alnum {
                // (Cut as bytes: they are ASCII, on character boundaries.)
                let word = &bytes[i..j];
                let packed = PackedWord::at(text.as_bytes(), i, j - i);
                out.push(Tok::with_bits(
                    Span::new(i, j),
                    Tk::Word,
                    Classes::of_ascii_word_packed(table, word, packed, rest),
                ));
                i = after_space;
                continue;
            }
            // A word ending a sentence ("reporters."): the word and the period, as the
            // steps below would read them. (The period adds no letter class to `rest`.)
            if ascii_after && last == b'.' && alnum {
                if let Some(stem) = sentence_final_stem(table, &s[i..j]) {
                    let end = i + stem.len();
                    out.push(Tok::with_bits(
                        Span::new(i, end),
                        Tk::Word,
                        Classes::of_ascii_word(table, stem.as_bytes(), rest),
                    ));
                    out.push(Tok::mark(Span::new(end, end + 1), Tk::End));
                    i = after_space;
                    continue;
                }
                // An abbreviation before its period ("Sen.", "Mr.", "Jan."), which ends no
                // sentence: the word with its period, as the steps below read it, its
                // classes read back from [`ABBREVIATION_CLASSES`] rather than found by the
                // class tests and the steps (some 700 instructions a word).
                if let Some(classes) = abbreviation_classes(&s[i..j]) {
                    out.push(Tok::with_bits(Span::new(i, j), Tk::Word, classes));
                    i = after_space;
                    continue;
                }
            }
        }
        let rest = &s[i..];
        let pos = i;
        let n = lex::word_len(rest);
        #[cfg(test)]
        WORD_BYTES_MEASURED.with(|m| m.set(m.get() + n));
        if n > 0 {
            let core = without_closing_quotes(&rest[..n]);
            if core.len() > 1 && core.ends_with('.') && lex::ends_sentence(core) {
                let end = pos + core.len() - 1;
                out.push(Tok::new(
                    &core[..core.len() - 1],
                    Span::new(pos, end),
                    Tk::Word,
                ));
                out.push(Tok::mark(Span::new(end, end + 1), Tk::End));
            } else if has_alphanumeric(core) {
                out.push(Tok::new(core, Span::new(pos, pos + core.len()), Tk::Word));
            } else if core.starts_with('-') && core.bytes().all(|b| b == b'-') {
                // A dash typed as hyphens ("(UPI) -- Former President …", "…" - Jane
                // Doe"): a mark, as `—` is, rather than a word of no letter (skipped).
                out.push(Tok::mark(Span::new(pos, pos + core.len()), Tk::Other));
                i += core.len();
                continue;
            } else if first == b'.' {
                // An end mark for each period the word starts with, as re-scanning after
                // each period would give them (the word from the next period is the rest of
                // this one, with no letter or digit either, and ends no sentence): one pass
                // over a run of periods rather than a scan of the rest of the run for each
                // of its periods (quadratic: 160 KB of "....." took 19 s).
                let dots = core.bytes().take_while(|&b| b == b'.').count().max(1);
                for k in 0..dots {
                    out.push(Tok::mark(Span::new(pos + k, pos + k + 1), Tk::End));
                }
                i += dots;
                continue;
            }
            i += n;
            continue;
        }
        i += mark(s, i, out);
    }
}

/// How many bytes of a text from a window's start the tokenizer's walk packs its words
/// from: the window's 64 and the 16 a word at its end packs.
const WINDOW_BYTES: usize = 80;

/// The [`WINDOW_BYTES`] bytes of `bytes` from `at`, or `None` near the end of `bytes`.
#[inline(always)]
fn window_bytes(bytes: &[u8], at: usize) -> Option<&[u8; WINDOW_BYTES]> {
    bytes.get(at..)?.first_chunk::<WINDOW_BYTES>()
}

/// The ASCII lower-case letters of the 64 bytes of `bytes` from `base` as the bits of a
/// mask (bit `k` for byte `base + k`; none for the bytes from `end` on, the end of the
/// segment). `bytes` is the whole text, so that a window near the end of a segment reads
/// the bytes after it and masks them off, with no copy (copying the rest of every short
/// segment cost 0.7M instructions on the seed variants).
///
/// A segment with at most 16 or 32 bytes left (a third of the windows of the quote
/// paragraphs and the seed variants, a sixth of the web pages': the words between and
/// after short quotes) reads only 16 or 32 bytes ([`lower_bits_from`]), and a window at
/// the end of a text reads the text's last bytes, not a copy. One pass, against 64 bytes
/// for every window: seed variants 82.48 → 82.35, web pages 88.71 → 88.71, quote
/// paragraphs 93.85 → 93.67 instructions a byte (32 bytes only, no 16: 82.37, 88.71,
/// 93.70).
#[inline(always)]
fn lower_window(bytes: &[u8], base: usize, end: usize) -> u64 {
    let n = end.saturating_sub(base);
    let lower = if n <= 16 {
        lower_bits_from::<16>(bytes, base)
    } else if n <= 32 {
        lower_bits_from::<32>(bytes, base)
    } else {
        lower_bits_from::<64>(bytes, base)
    };
    lower
        & u64::MAX
            .checked_shl(n as u32)
            .map_or(u64::MAX, |past| !past)
}

/// The ASCII lower-case letters of the `N` bytes of `bytes` from `base` (those past its
/// end none) as the bits of a mask ([`lower_bits`]). Near the end of `bytes` the last `N`
/// bytes are read and the mask shifted to `base`, with no copy; only a text of fewer than
/// `N` bytes is copied ([`lower_window_tail`]).
#[inline(always)]
fn lower_bits_from<const N: usize>(bytes: &[u8], base: usize) -> u64 {
    let from = base.min(bytes.len().saturating_sub(N));
    match bytes.get(from..).and_then(<[u8]>::first_chunk::<N>) {
        Some(block) => lower_bits(block) >> (base - from),
        None => lower_window_tail(bytes.get(base..).unwrap_or_default()),
    }
}

/// [`lower_window`] of `rest`, fewer than 64 bytes (the end of a text shorter than the
/// window): read from a copy with zeros after them.
#[cold]
#[inline(never)]
fn lower_window_tail(rest: &[u8]) -> u64 {
    let mut block = [0u8; 64];
    let n = rest.len().min(64);
    block[..n].copy_from_slice(&rest[..n]);
    lower_bits(&block)
}

/// The ASCII lower-case letters of `block` (`N` bytes, at most 64, a multiple of eight)
/// as the bits of a mask: eight bytes at a time ([`lex::ascii_range_bits`]), the high bit
/// of each byte gathered into one byte by a multiplication.
#[inline(always)]
fn lower_bits<const N: usize>(block: &[u8; N]) -> u64 {
    let mut lower = 0u64;
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // The high bit of each byte, gathered into the low byte.
        let bits =
            (lex::ascii_range_bits(w, b'a', b'z') >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        lower |= bits << (8 * k);
    }
    lower
}

/// The end of the run of ASCII word bytes of `bytes` that starts at `j` (the first byte
/// from `j` on that is none), the [`BYTE_CLASS`] bits of its bytes or-ed together, and the
/// last byte of the word that ends there, whose byte before `j` is `before` (the byte
/// before the end: `before` for an empty run). When eight bytes are left, the ASCII
/// letters they start with are read at once ([`leading_letters`]), with no branch on how
/// many there are (word lengths vary from word to word: a test at each byte was
/// mispredicted at most words' ends); most words end at the byte after them. The bytes
/// after a run of letters that does not (a digit, `'`, `-`, `.`, or a ninth letter) are
/// read one by one.
#[inline(always)]
fn word_bytes_end(bytes: &[u8], mut j: usize, before: u8) -> (usize, u8, u8) {
    let mut rest = 0u8;
    let mut last = before;
    if let Some(block) = bytes.get(j..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*block);
        let (n, letters) = leading_letters(w);
        rest = letters;
        // The last letter, read whatever `n` (a choice, not a branch: one-letter words
        // are common).
        let c = w.wrapping_shr((8 * n as u32).wrapping_sub(8)) as u8;
        last = if n == 0 { before } else { c };
        j += n;
        if let Some(&c) = block.get(n) {
            if BYTE_CLASS[usize::from(c)] & WORD_BYTE == 0 {
                return (j, rest, last);
            }
            // A sentence's last word ("Lee."): its period and no word byte after it, told
            // here, before the eight-byte reads below (which cost 0.5 instructions a byte
            // more on the quoted verbs and names, with a "Lee." every 50 bytes; the quote
            // paragraphs' tokenizer mispredicts are the same either way).
            if c == b'.'
                && block
                    .get(n + 1)
                    .is_some_and(|&d| BYTE_CLASS[usize::from(d)] & WORD_BYTE == 0)
            {
                return (j + 1, rest | BYTE_CLASS[usize::from(b'.')], b'.');
            }
        }
    }
    // The rest of a longer word, or of one with a digit or word mark ("reporters.",
    // "don't", "administration"), eight bytes at a time while eight are left: a test at
    // each byte was mispredicted at most such words' ends (22K mispredicts of the 1.5 MB of
    // quote paragraphs, one at each "Lee." of the quoted verbs and names).
    while let Some(block) = bytes.get(j..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*block);
        let (n, bits) = leading_word_bytes(w);
        rest |= bits;
        // The last word byte, read whatever `n` (a choice, not a branch).
        let c = w.wrapping_shr((8 * n as u32).wrapping_sub(8)) as u8;
        last = if n == 0 { last } else { c };
        j += n;
        if n < 8 {
            return (j, rest, last);
        }
    }
    for &c in bytes.get(j..).unwrap_or_default() {
        let k = BYTE_CLASS[usize::from(c)];
        if k & WORD_BYTE == 0 {
            break;
        }
        rest |= k;
        last = c;
        j += 1;
    }
    (j, rest, last)
}

/// How many of the bytes of `w` (in memory order, little-endian) are ASCII word bytes
/// (letters, digits, `'`, `-`, `.`: [`WORD_BYTE`]) before the first that is not (8 when
/// all are), and their [`BYTE_CLASS`] bits or-ed together: [`leading_letters`] for the
/// word bytes that are no letter too.
#[inline(always)]
fn leading_word_bytes(w: u64) -> (usize, u8) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let letters = lex::ascii_letter_bits(w);
    let digits = lex::ascii_range_bits(w, b'0', b'9');
    let marks = lex::ascii_range_bits(w, b'\'', b'\'') | lex::ascii_range_bits(w, b'-', b'.');
    // (The mask of `lex::ascii_word_bits`, written out: the letters and digits are needed
    // apart, and calling it besides cost quote paragraphs 0.05 instructions a byte.)
    let word = letters | digits | marks;
    let ends = word ^ HIGH;
    let n = (ends.trailing_zeros() / 8) as usize;
    // The high bits of the bytes before the first that is no word byte.
    let before_end = ((ends & ends.wrapping_neg()) >> 7).wrapping_sub(1);
    let lead = letters & before_end;
    let lower_case = w << 2;
    // A class when any of `bits` is set (a product, not a branch).
    let any = |bits: u64, class: u8| u8::from(bits != 0) * class;
    let classes = any(word & before_end, WORD_BYTE)
        | any((letters | digits) & before_end, ALNUM_BYTE)
        | any(lead & !lower_case, UPPER_BYTE)
        | any(lead & lower_case, LOWER_BYTE);
    (n, classes)
}

/// How many of the bytes of `w` (in memory order, little-endian) are ASCII letters before
/// the first that is not (8 when all are), and their [`BYTE_CLASS`] bits or-ed together.
/// The letters are [`lex::ascii_letter_bits`]; a letter's case is its bit `0x20`.
#[inline(always)]
fn leading_letters(w: u64) -> (usize, u8) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let letters = lex::ascii_letter_bits(w);
    let ends = letters ^ HIGH;
    let n = (ends.trailing_zeros() / 8) as usize;
    // The letters before the first byte that is none (all of them when there is none).
    let lead = letters & ((ends & ends.wrapping_neg()) >> 7).wrapping_sub(1);
    let lower_case = w << 2;
    // The bits by whether a capital and a lower-case letter are among them.
    const BITS: [u8; 4] = [
        0,
        WORD_BYTE | ALNUM_BYTE | UPPER_BYTE,
        WORD_BYTE | ALNUM_BYTE | LOWER_BYTE,
        WORD_BYTE | ALNUM_BYTE | UPPER_BYTE | LOWER_BYTE,
    ];
    let case = usize::from(lead & !lower_case != 0) | usize::from(lead & lower_case != 0) << 1;
    let bits = BITS[case];
    (n, bits)
}

/// The word `word` (ASCII word bytes, ending in `.`) without its period, when that period
/// ends a sentence and the word has no other: `lex::ends_sentence(word)`, with the words
/// most sentences end in decided without its steps (a lower-case word but "vs", a word of
/// five bytes or more but a party and state such as "D-Calif", a word of two to four
/// bytes starting with a letter or digit but a party and state by its [`ABBREVIATION`] bit
/// in `table`, the [`WordTable`]: "Lee" ends one, "Gen" none); `None` otherwise.
#[inline]
fn sentence_final_stem<'a>(table: &WordTable, word: &'a str) -> Option<&'a str> {
    let stem = word.strip_suffix('.')?;
    let b = stem.as_bytes();
    let &first = b.first()?;
    if b.contains(&b'.') {
        return None;
    }
    let party = matches!(b, [b'R' | b'D' | b'I', b'-', c, ..] if c.is_ascii_uppercase());
    let ends = if first.is_ascii_lowercase() {
        stem != "vs"
    } else if b.len() > 4 {
        !party || b.len() > 8
    } else if b.len() > 1 && !party && first.is_ascii_alphanumeric() {
        !(may_be_abbreviation(b) && is_abbreviation(table, stem))
    } else {
        lex::ends_sentence(word)
    };
    debug_assert_eq!(ends, lex::ends_sentence(word), "{word:?}");
    ends.then_some(stem)
}

/// The [`Tok::classes`] bits of each of the [`lex::ABBREVIATIONS`] with its period, in their
/// order, each found the first time it is asked ([`abbreviation_classes`]).
static ABBREVIATION_CLASSES: [OnceLock<u8>; lex::ABBREVIATIONS.len()] =
    [const { OnceLock::new() }; lex::ABBREVIATIONS.len()];

/// The [`Tok::classes`] bits of `word` (ASCII word bytes, ending in `.`) when it is one of
/// the [`lex::ABBREVIATIONS`] followed by its period ("Sen.": none; "Jr.": a name word;
/// "Jan.": a stopword), which [`lex::ends_sentence`] tells ends no sentence: those of
/// [`Classes::of`] of the word, found once for each abbreviation. `None` for any other word.
/// (Out of line: the tokenizer's loop keeps its registers for its other words.)
#[inline(never)]
fn abbreviation_classes(word: &str) -> Option<u8> {
    let i = lex::abbreviation_index(word.as_bytes().strip_suffix(b".")?)?;
    let classes = *ABBREVIATION_CLASSES[i].get_or_init(|| Classes::of(word).bits());
    debug_assert_eq!(classes, Classes::of(word).bits(), "{word:?}");
    Some(classes)
}

/// The first and last bytes of the [`lex::ABBREVIATIONS`]: bit `l & 31` of entry `f & 31`
/// is set when an abbreviation starts with `f` and ends with `l`.
static ABBREVIATION_ENDS: [u32; 32] = {
    let mut t = [0u32; 32];
    let mut i = 0;
    while i < lex::ABBREVIATIONS.len() {
        let w = lex::ABBREVIATIONS[i].as_bytes();
        t[(w[0] & 31) as usize] |= 1 << (w[w.len() - 1] & 31);
        i += 1;
    }
    t
};

/// False when the bytes `b` are none of the [`lex::ABBREVIATIONS`] by their first and
/// last byte ([`ABBREVIATION_ENDS`]): a sentence's last word ("Lee", "Iraq") is told so
/// without a look-up in the [`WordTable`].
#[inline]
fn may_be_abbreviation(b: &[u8]) -> bool {
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => ABBREVIATION_ENDS[usize::from(f & 31)] >> (l & 31) & 1 != 0,
        _ => false,
    }
}

/// True when `w` is one of [`lex::ABBREVIATIONS`], by its bit in `table`, the [`WordTable`].
/// Out of line: the tokenizer's loop keeps its registers for its other words.
#[inline(never)]
fn is_abbreviation(table: &WordTable, w: &str) -> bool {
    table.get(w) & ABBREVIATION != 0
}

/// The longest bracketed aside [`mark`] skips, in bytes other than slack (`\r`, and blanks
/// after a blank: [`aside_past_slack`]).
const ASIDE_BYTES: usize = 80;

/// The bytes of a bracketed aside at the start of `rest` whose `)` lies past the first
/// [`ASIDE_BYTES`] bytes but within as many bytes other than slack
/// ([`crate::lex::widen_forward`]): an aside that runs over a line end of a hard-wrapped
/// paragraph is skipped with CRLF line ends when it is with LF ones, and one with doubled
/// spaces when it is with single ones (counted in bytes, one of 80 with LF line ends was
/// read word by word with CRLF). Out of line: most `(` close within the window.
#[cold]
#[inline(never)]
fn aside_past_slack(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let hi = crate::lex::widen_forward(b, 0, ASIDE_BYTES, b.len());
    memchr::memchr(b')', &b[ASIDE_BYTES..hi]).map(|close| ASIDE_BYTES + close + 1)
}

/// Reads the character at byte `i` of `s` (the text up to a segment's end), which is no
/// blank and no word character: pushes its mark token to `out`, or skips a short
/// bracketed aside ("(R-Texas)", "(D)") as a whole. Returns the bytes read.
fn mark(s: &str, i: usize, out: &mut Vec<Tok>) -> usize {
    let rest = &s[i..];
    let Some(&first) = rest.as_bytes().first() else {
        return 1;
    };
    if first == b'(' {
        let window = &rest.as_bytes()[..rest.len().min(ASIDE_BYTES)];
        if let Some(close) = memchr::memchr(b')', window) {
            return close + 1;
        }
        if rest.len() > ASIDE_BYTES {
            if let Some(read) = aside_past_slack(rest) {
                return read;
            }
        }
    }
    let len = if first.is_ascii() {
        1
    } else {
        rest.chars().next().map_or(1, char::len_utf8)
    };
    let kind = if first.is_ascii() {
        ascii_mark_kind(first)
    } else if &rest[..len] == "…" {
        Tk::End
    } else {
        Tk::Other
    };
    out.push(Tok::mark(Span::new(i, i + len), kind));
    len
}

/// The kind of the mark token of `c`, an ASCII byte that is no blank and no word byte
/// ([`mark`]), read from [`ASCII_MARK_KINDS`].
#[inline(always)]
fn ascii_mark_kind(c: u8) -> Tk {
    ASCII_MARK_KINDS[usize::from(c & 0x7F)]
}

/// The kind of the mark token of each ASCII byte (those of word bytes and blanks unread):
/// one load with no branch, for [`ascii_mark_kind`].
static ASCII_MARK_KINDS: [Tk; 128] = {
    let mut t = [Tk::Other; 128];
    t[b',' as usize] = Tk::Comma;
    t[b'!' as usize] = Tk::End;
    t[b'?' as usize] = Tk::End;
    t[b';' as usize] = Tk::End;
    t[b':' as usize] = Tk::Colon;
    t
};

/// The word without the apostrophes and closing single quotes that end it (`officials'` →
/// `officials`), or the whole word when it is nothing else.
fn without_closing_quotes(word: &str) -> &str {
    // Most words end in neither (`’` ends in the byte 0x99).
    if !matches!(word.as_bytes().last(), Some(b'\'' | 0x99)) {
        return word;
    }
    let mut core = word;
    while let Some(c) = core.strip_suffix('\'').or_else(|| core.strip_suffix('’')) {
        core = c;
    }
    if core.is_empty() {
        word
    } else {
        core
    }
}

/// True when `s` has a letter or digit; ASCII first, characters decoded only when needed.
fn has_alphanumeric(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphanumeric())
        || !s.is_ascii() && s.chars().any(lex::is_alphanumeric)
}

/// The text of a token.
fn w<'t>(text: &'t str, t: &Tok) -> &'t str {
    t.span().get(text).unwrap_or("")
}

/// The bytes of the text of a token, without the character-boundary checks of cutting out
/// [`w`]: compared with a word of ASCII bytes (`wb(text, t) == b"to"`), they answer as its
/// text would. (An ASCII byte is a character of its own, and no byte of a character of
/// several follows it: bytes that equal an ASCII word start and end on character
/// boundaries. The bytes of a span out of the text are empty, as its text is.)
#[inline(always)]
fn wb<'t>(text: &'t str, t: &Tok) -> &'t [u8] {
    text.as_bytes()
        .get(t.span().start..t.span().end)
        .unwrap_or_default()
}

/// The first byte of the text of `t` (`wb(text, t).first()`), read at the token's start
/// without cutting out its bytes: a token is a span of at least a byte of the text it was
/// read from, so its start is in the text (`None` for an empty span, as `wb` has no byte
/// then; debug builds compare).
#[inline(always)]
fn first_byte(text: &str, t: &Tok) -> Option<u8> {
    let b = if t.span().start < t.span().end {
        text.as_bytes().get(t.span().start).copied()
    } else {
        None
    };
    debug_assert!(t.span().end <= text.len() || t.span().start >= t.span().end);
    debug_assert_eq!(b, wb(text, t).first().copied());
    b
}

/// True when the text of `t` starts with an upper-case letter.
#[inline]
fn starts_upper(text: &str, t: &Tok) -> bool {
    // An ASCII first byte is the first character of the text, when the span ends on a
    // character boundary after it (as `w` asks): it is read as it is, not decoded from the
    // text cut out.
    if let Some(&b) = text.as_bytes().get(t.span().start) {
        if b.is_ascii() && t.span().start < t.span().end && text.is_char_boundary(t.span().end) {
            return b.is_ascii_uppercase();
        }
    }
    w(text, t).chars().next().is_some_and(char::is_uppercase)
}

fn span_of(toks: &[Tok]) -> Option<Span> {
    Some(Span::new(
        toks.first()?.span().start,
        toks.last()?.span().end,
    ))
}

/// What a word starting with an ASCII lower-case letter is to the speaker phrase's tests:
/// a verb adjunct ([`is_verb_adjunct`]), "are" or "be" (the auxiliaries that are not
/// adjuncts, which end a phrase read back in [`np_at_end_range`]), a determiner
/// ([`is_determiner`]) or none of them. One look-up answers all three lists (no word is in
/// two), where [`np_at_end_range`] compared a word of a phrase that is none with each list
/// in turn.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LowerWord {
    Adjunct,
    Auxiliary,
    Determiner,
    Other,
}

/// The [`LowerWord`] class of `w`, a word starting with an ASCII lower-case letter.
fn lower_word(w: &str) -> LowerWord {
    match w.as_bytes() {
        b"also" | b"later" | b"then" | b"previously" | b"once" | b"again" | b"recently"
        | b"further" | b"simply" | b"just" | b"has" | b"had" | b"have" | b"would" | b"will"
        | b"was" | b"is" | b"were" | b"repeatedly" | b"often" | b"frequently" | b"reportedly"
        | b"publicly" | b"privately" | b"flatly" | b"openly" | b"bluntly" | b"angrily"
        | b"quickly" | b"even" | b"still" | b"initially" | b"first" | b"finally" | b"and"
        | b"not" | b"never" | b"did" | b"does" | b"do" | b"could" | b"might" | b"may"
        | b"should" | b"can" | b"been" | b"being" | b"who" | b"famously" | b"only" | b"always"
        | b"already" | b"sometimes" | b"soon" | b"memorably" | b"then-" | b"subsequently" => {
            LowerWord::Adjunct
        }
        b"are" | b"be" => LowerWord::Auxiliary,
        b"the" | b"a" | b"an" | b"one" | b"another" | b"some" | b"many" | b"most" | b"several"
        | b"two" | b"three" | b"four" | b"both" | b"all" | b"other" | b"his" | b"her"
        | b"their" | b"its" | b"our" | b"my" | b"your" | b"this" | b"that" | b"these"
        | b"those" | b"each" | b"every" | b"no" | b"few" | b"top" | b"senior" | b"former" => {
            LowerWord::Determiner
        }
        _ if w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()) => {
            LowerWord::Adjunct
        }
        _ => LowerWord::Other,
    }
}

/// Words that may stand between a subject and its speech verb: "also said", "has said".
#[inline]
fn is_verb_adjunct(w: &str) -> bool {
    // Every entry starts with a lower-case letter: other words are decided at once.
    starts_lower_ascii(w) && lower_word(w) == LowerWord::Adjunct
}

/// True when `w` starts with an ASCII lower-case letter, as every entry of the closed word
/// lists here does but for the few noted: another word is decided without comparing it to
/// each entry.
fn starts_lower_ascii(w: &str) -> bool {
    w.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
}

/// Words that end a speaker phrase read after a verb: `said Smith, who …`. Inlined: most
/// words of a phrase (its names) are decided by their token's bit and first byte, with no
/// call and without cutting their text out; a word starting with an ASCII lower-case
/// letter is compared with the list ([`ends_np_lower`]).
#[inline]
fn ends_np(text: &str, t: &Tok) -> bool {
    // (Every entry starts with an ASCII lower-case letter: a word whose first byte is none
    // is no entry. The first byte of `wb` is that of the text at the token's start, when
    // the token has a byte: an empty one is no entry either.)
    t.verb()
        || text
            .as_bytes()
            .get(t.span().start)
            .is_some_and(u8::is_ascii_lowercase)
            && ends_np_lower(wb(text, t))
}

/// The list of [`ends_np`]: true when `x`, the bytes of a word, is one of the words that
/// end a speaker phrase (every entry is of ASCII bytes, in lower case: compared as bytes).
fn ends_np_lower(x: &[u8]) -> bool {
    x.first().is_some_and(u8::is_ascii_lowercase)
        && matches!(
            x,
            b"who"
                | b"which"
                | b"that"
                | b"when"
                | b"while"
                | b"familiar"
                | b"close"
                | b"with"
                | b"in"
                | b"at"
                | b"on"
                | b"during"
                | b"after"
                | b"before"
                | b"because"
                | b"as"
                | b"to"
                | b"from"
                | b"about"
                | b"told"
                | b"adding"
                | b"saying"
                | b"noting"
                | b"referring"
                | b"speaking"
                | b"last"
                | b"this"
                | b"earlier"
                | b"later"
                | b"recently"
                | b"today"
                | b"yesterday"
                | b"and"
                | b"but"
                | b"than"
                | b"if"
                | b"since"
                | b"until"
                | b"via"
                | b"through"
                | b"over"
                | b"under"
                | b"into"
                | b"who's"
                | b"whose"
                | b"where"
                | b"by"
                | b"outside"
                | b"inside"
        )
}

/// Determiners and quantifiers that may start a nominal speaker: "one of the sources".
#[inline]
fn is_determiner(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => true,
        Some(b) if b.is_ascii_lowercase() => lower_word(w) == LowerWord::Determiner,
        _ => w == "U.S.",
    }
}

/// [`is_determiner`] of the text of `t`. Every determiner starts with a lower-case letter
/// or a digit but "U.S.", of four bytes: the text of a word starting with an ASCII capital
/// ("Mayor", "He") and of another length is not cut out.
#[inline]
fn is_determiner_word(text: &str, t: &Tok) -> bool {
    if text
        .as_bytes()
        .get(t.span().start)
        .is_some_and(u8::is_ascii_uppercase)
        && t.span().len() != 4
    {
        return false;
    }
    is_determiner(w(text, t))
}

/// True when `t`, the word before a speech verb, is a determiner or a possessive
/// ([`is_determiner_word`], [`is_possessive`]), which makes a noun of the verb ("the report",
/// "his remarks"). A speech verb is neither (`no_speech_verb_is_a_determiner_or_possessive`
/// checks it): the word before a verb in "He said said Mayor Ann Lee" is answered from its
/// token's bit, without cutting its text out.
#[inline]
fn makes_noun_of_verb(text: &str, t: &Tok) -> bool {
    let answer = !t.verb() && (is_determiner_word(text, t) || is_possessive(w(text, t)));
    debug_assert_eq!(
        answer,
        is_determiner_word(text, t) || is_possessive(w(text, t))
    );
    answer
}

/// True when `ws` (words before a name) can be lower-case role words leading a speaker
/// phrase: "political scientist", "party boss", "campaign spokesman" (at most three, no
/// function word, verb form or pronoun).
fn role_lead(text: &str, ws: &[Tok]) -> bool {
    (1..=3).contains(&ws.len())
        && ws.iter().all(|t| {
            let x = w(text, t);
            t.kind == Tk::Word
                && x.len() > 2
                && x.chars().all(|c| c.is_lowercase() || c == '-')
                && !x.ends_with("ing")
                && (!x.ends_with("ed") || is_role_adjective(x))
                && !x.ends_with("ly")
                && !ends_subject(x)
                && !ends_np(text, t)
                && !is_verb_adjunct(x)
                && !is_determiner(x)
                && !lex::is_pronoun(x)
        })
}

/// Lower-case adjectives that open a speaker's role: "retired neurosurgeon X", "said
/// undecided voter X".
fn is_role_adjective(w: &str) -> bool {
    matches!(
        w,
        "retired"
            | "undecided"
            | "longtime"
            | "veteran"
            | "fellow"
            | "freshman"
            | "outgoing"
            | "incoming"
            | "embattled"
            | "disgraced"
            | "registered"
            | "elected"
    )
}

/// True when `toks` starts with lower-case role words and then a personal name
/// ("party boss Reince Priebus").
fn role_before_name(text: &str, toks: &[Tok]) -> bool {
    let k = toks
        .iter()
        .take(4)
        .position(|t| {
            t.kind != Tk::Word || !w(text, t).chars().all(|c| c.is_lowercase() || c == '-')
        })
        .unwrap_or(toks.len().min(4));
    role_lead(text, &toks[..k])
        && toks
            .get(k)
            .is_some_and(|t| t.kind == Tk::Word && t.name() && !t.stopword())
        && toks
            .get(k + 1)
            .is_some_and(|t| t.kind == Tk::Word && t.name())
}

/// True for a short lower-case noun phrase after a determiner or possessive, naming a
/// relation or role: "his wife", "another friend", "the mayor's lawyer".
fn kin_or_role_np(text: &str, toks: &[Tok]) -> bool {
    let Some((first, rest)) = toks.split_first() else {
        return false;
    };
    let f = w(text, first);
    (2..=4).contains(&toks.len())
        && (is_possessive(f) || matches!(f, "a" | "an" | "another" | "the" | "A" | "An" | "The"))
        && rest.iter().all(|t| {
            let x = w(text, t);
            t.kind == Tk::Word
                && x.chars().all(|c| c.is_lowercase() || c == '-')
                && !t.verb()
                && !ends_subject(x)
                && !ends_np(text, t)
                && !is_verb_adjunct(x)
        })
}

/// True when `w` may start a speaker phrase: a capitalized word, a determiner or a pronoun.
#[inline]
fn can_start_np(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        || is_determiner(w)
        || lex::is_pronoun(w)
        || lex::is_title_word(w)
}

/// A speaker mention as found next to a quote, before resolution.
#[derive(Debug, Clone, Copy)]
struct Found<'t> {
    mention: Span,
    /// The mention's tokens, when the reader that found it had them at hand: a slice of
    /// the block's tokens, those [`tokens_in`] finds for `mention`, taken by [`resolve`]
    /// as they are. `None` has them searched for there ([`tokens_in_near`]).
    mtoks: Option<&'t [Tok]>,
    /// An appositive descriptor given apart from the mention (`X, a spokesman, said`).
    appositive: Option<Span>,
    verb: Span,
}

/// Index of the first and one-past-last word of the trailing personal name in `toks`
/// (all words), if any.
fn trailing_name(text: &str, toks: &[Tok]) -> Option<(usize, usize)> {
    let end = toks.len();
    // The words not read yet, `toks[..i]`: the walk takes their last word `t`, with the
    // words before it (`before`), while it extends the name.
    let mut rest = toks;
    while let Some((t, before)) = rest.split_last() {
        // A word that is no name word and has another length than every particle (2 or 3
        // bytes) ends the name: its text is not cut out.
        if !t.name() && !(2..=3).contains(&t.span().len()) {
            break;
        }
        let is_name = t.name() && !is_possessive_or_stopword_name(text, t);
        // (A name word needs no particle test.)
        if !(is_name || (rest.len() < end && lex::is_name_particle(w(text, t)))) {
            break;
        }
        // (A title link is in lower case: a name word is none.)
        if is_name
            && before
                .last()
                .is_some_and(|p| !p.name() && is_title_link(text, p))
        {
            // "Secretary of State": the word belongs to the title.
            if rest.len() == end {
                return None;
            }
            break;
        }
        rest = before;
    }
    let mut i = rest.len();
    // Don't start the name with a particle (in lower case: a name word is none).
    while i < end
        && !toks[i].name()
        && (2..=3).contains(&toks[i].span().len())
        && lex::is_name_particle(w(text, &toks[i]))
    {
        i += 1;
    }
    (i < end).then_some((i, end))
}

/// True when the text of `t`, a name word, is a possessive ("Lee's", "Lee’s") or a
/// stopword ([`is_stopword_name`]), so that it ends no name for [`trailing_name`]. Both
/// possessive suffixes end in `s` and both stopwords have two bytes: the text of a word
/// with another last byte and length is not cut out.
#[inline]
fn is_possessive_or_stopword_name(text: &str, t: &Tok) -> bool {
    if last_byte(text, t) != Some(b's') && t.span().len() != 2 {
        return false;
    }
    let word = w(text, t);
    (word.ends_with('s') && (word.ends_with("'s") || word.ends_with("’s")))
        || is_stopword_name(word)
}

/// True when `t` is a word that ties a name word after it to a title before it ("of",
/// "the": "Secretary of State"), for [`trailing_name`]. Each such word has 2 to 4 bytes:
/// the text of a token of another length is not cut out.
#[inline]
fn is_title_link(text: &str, t: &Tok) -> bool {
    (2..=4).contains(&t.span().len())
        && matches!(
            wb(text, t),
            b"of" | b"for" | b"the" | b"at" | b"to" | b"on" | b"in" | b"from"
        )
}

/// Mentions of up to this many tokens have their words copied on the stack by
/// [`split_mention`].
const STACK_MENTION_TOKENS: usize = 48;

/// A placeholder token, to fill a buffer.
const EMPTY_TOK: Tok = Tok {
    at: Span32::new(Span::new(0, 0)),
    kind: Tk::Word,
    classes: 0,
};

/// `lex::is_capitalized_stopword` of a name word ([`lex::is_name_word`]): a name word is
/// no stopword but for the initials "A." and "I." (the name test lets every initial
/// through).
fn is_stopword_name(w: &str) -> bool {
    let stopword = matches!(w, "A." | "I.");
    debug_assert_eq!(stopword, lex::is_capitalized_stopword(w), "{w}");
    stopword
}

/// The mention split into descriptor and personal name: `(descriptor, name)`. The name is
/// `None` for nominal mentions ("one of the sources", "the White House").
fn split_mention(text: &str, toks: &[Tok]) -> (Option<Span>, Option<Span>) {
    // A mention is mostly words only: they are copied out only when it is not, onto the
    // stack when it is short (a mention is looked for at every speech verb, so a copy on
    // the heap would be an allocation per verb).
    // (The buffer is filled only when it is used: most mentions are words only.)
    let is_word = |t: &&Tok| t.kind == Tk::Word;
    let stack: [Tok; STACK_MENTION_TOKENS];
    let heap: Vec<Tok>;
    let words: &[Tok] = if toks.iter().all(|t| is_word(&t)) {
        toks
    } else if toks.len() <= STACK_MENTION_TOKENS {
        let mut buf = [EMPTY_TOK; STACK_MENTION_TOKENS];
        let mut n = 0;
        for (slot, t) in buf.iter_mut().zip(toks.iter().filter(is_word)) {
            *slot = *t;
            n += 1;
        }
        stack = buf;
        &stack[..n]
    } else {
        heap = toks.iter().filter(is_word).copied().collect();
        &heap
    };
    split_words(text, words)
}

/// [`split_mention`] of words only (`words`, with no mark among them), as it splits them
/// once the marks are left out; a caller whose tokens are words calls it directly. Inlined
/// in both (a split is read at every name the registry reads and every mention resolved).
#[inline(always)]
fn split_words(text: &str, words: &[Tok]) -> (Option<Span>, Option<Span>) {
    debug_assert!(words.iter().all(|t| t.kind == Tk::Word));
    let Some((s, e)) = trailing_name(text, words) else {
        return (None, None);
    };
    let head = &words[..s];
    let name = span_of(&words[s..e]);
    if head.is_empty() {
        return (None, name);
    }
    let only_honorifics = head.iter().all(|t| is_honorific_word(text, t));
    if only_honorifics {
        return (None, name);
    }
    // "the White House", "a Dutch liberal": a determiner and no title means an organization
    // or a nominal, not a person with a role.
    let determiner = is_determiner_word(text, &head[0]);
    if determiner && !head.iter().any(|t| lex::is_title_word(w(text, t))) {
        return (None, None);
    }
    // Drop a leading determiner from the descriptor ("the Kremlin spokesman").
    let d_start = usize::from(determiner && head.len() > 1);
    (span_of(&head[d_start..]), name)
}

/// [`lex::is_honorific`] of the text of `t`. Every honorific starts with `M`, `D` or `S`
/// and has at most four bytes before its periods: the text of a word starting otherwise,
/// or longer and ending in no period ("Mayor"), is not cut out.
#[inline]
fn is_honorific_word(text: &str, t: &Tok) -> bool {
    let may = matches!(
        text.as_bytes().get(t.span().start),
        Some(b'M' | b'D' | b'S')
    ) && (t.span().len() <= 4 || last_byte(text, t) == Some(b'.'));
    may && lex::is_honorific(w(text, t))
}

/// True when the words are (titles)* name: "Lt. Gen. Robert Otto", "Sergei Ivanov".
fn is_name_phrase(text: &str, toks: &[Tok]) -> bool {
    if toks.is_empty() || toks.iter().any(|t| t.kind != Tk::Word) {
        return false;
    }
    let Some((s, e)) = trailing_name(text, toks) else {
        return false;
    };
    e == toks.len()
        && toks[..s].iter().all(|t| {
            let x = w(text, t);
            t.name() || lex::is_title_word(x) || lex::is_honorific(x)
        })
}

/// True when a comma chunk reads as an appositive or aside: "a spokesman", "45", "who …".
fn is_appositive(text: &str, toks: &[Tok]) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    let f = w(text, first);
    // The scan of every word last. (A name word is no title word: the title look-up is
    // skipped for it. A possessive form ends in `s`, `'` or the last byte of `’`: a token
    // ending in another byte is passed over without cutting its text out.)
    is_determiner(f)
        || matches!(
            f,
            "who" | "who's" | "who’s" | "which" | "whose" | "then" | "now" | "himself" | "herself"
        )
        || !first.name() && lex::is_title_word(f)
        // "campaign manager", "Sanders’ campaign manager": ending on a role word.
        || toks.len() <= 5
            && toks.last().is_some_and(|t| {
                let x = w(text, t);
                x.chars().all(char::is_lowercase) && lex::is_title_word(x)
            })
        || toks.iter().any(|t| {
            matches!(last_byte(text, t), Some(b's' | b'\'' | 0x99))
                && is_possessive_form(w(text, t))
        })
}

/// The last byte of the text under `t` (`None` for an empty span or one past the text): the
/// last byte of [`w`] of `t` whenever that is not empty.
#[inline]
fn last_byte(text: &str, t: &Tok) -> Option<u8> {
    if t.span().end <= t.span().start {
        return None;
    }
    text.as_bytes().get(t.span().end - 1).copied()
}

/// A possessive form: "Reed's", "Reed’s", "Sanders'", "Sanders’" (the last byte, `s`, `'` or
/// that of `’`, tested first).
fn is_possessive_form(x: &str) -> bool {
    matches!(x.as_bytes().last(), Some(b's' | b'\'' | 0x99))
        && (x.ends_with("'s") || x.ends_with("’s") || x.ends_with("s'") || x.ends_with("s’"))
}

/// A single-word aside chunk: ", meanwhile,", ", too,".
fn is_aside(text: &str, toks: &[Tok]) -> bool {
    is_aside_or_intro(text, toks).is_some()
}

/// Prepositions that put the word after them in its object: "at which point".
fn is_preposition(x: &[u8]) -> bool {
    matches!(
        x,
        b"in"
            | b"on"
            | b"at"
            | b"to"
            | b"with"
            | b"by"
            | b"from"
            | b"about"
            | b"into"
            | b"over"
            | b"after"
            | b"before"
            | b"during"
            | b"under"
            | b"through"
            | b"against"
            | b"upon"
            | b"for"
            | b"of"
            | b"within"
            | b"following"
    )
}

/// [`is_aside`], telling why: `Some(true)` for a chunk that opens with a preposition ("in
/// Kentucky", "at that point the crowd"), which is an aside when a comma closes it but may
/// hold the subject after it when it runs up to the verb ([`last_chunks`]); `Some(false)`
/// for any other aside; `None` for no aside.
fn is_aside_or_intro(text: &str, toks: &[Tok]) -> Option<bool> {
    let first = toks.first()?;
    let x = w(text, first);
    let single_adverb =
        toks.len() == 1 && x.chars().next().is_some_and(char::is_lowercase) && !lex::is_pronoun(x);
    // "R-Ky.", "D-Calif": a party and state.
    let party =
        toks.len() == 1 && matches!(x.as_bytes(), [b'R' | b'D' | b'I', b'-', ..]) && x.len() <= 9;
    // ", noting the size of the crowd,": a participial aside.
    // (Not "organizing director Kendall Fells": a role word and a name.)
    if x.len() > 4
        && x.ends_with("ing")
        && x.chars().all(|c| c.is_ascii_lowercase())
        && toks.len() > 1
        && !(toks.len() <= 6
            && toks.get(1).is_some_and(|t| lex::is_title_word(w(text, t)))
            && trailing_name(text, toks).is_some_and(|(s, e)| e == toks.len() && e - s >= 2))
    {
        return Some(false);
    }
    // "in Kentucky", "at a later press gaggle".
    let prepositional = matches!(
        x,
        "in" | "at"
            | "on"
            | "during"
            | "after"
            | "before"
            | "from"
            | "speaking"
            | "via"
            | "with"
            | "for"
            | "like"
            | "again"
            | "once"
    );
    if single_adverb || party {
        Some(false)
    } else {
        prepositional.then_some(true)
    }
}

/// The words of [`ends_subject_bytes`], for [`SUBJECT_END_BIGRAMS`].
const SUBJECT_ENDS: &[&str] = &[
    "in", "on", "at", "to", "with", "by", "from", "about", "into", "over", "after", "before",
    "than", "that", "and", "but", "or", "because", "when", "if", "as", "while", "what", "which",
    "where", "so", "though", "although", "since", "until", "during", "under", "through", "against",
    "like", "whether", "then", "also", "not", "only",
];

/// The first two letters of the words of [`SUBJECT_ENDS`]: bit `b - 'a'` of entry
/// `a - 'a'` is set when a word starts with `a` and then `b`.
static SUBJECT_END_BIGRAMS: [u32; 26] = {
    let mut t = [0u32; 26];
    let mut i = 0;
    while i < SUBJECT_ENDS.len() {
        let w = SUBJECT_ENDS[i].as_bytes();
        t[(w[0] - b'a') as usize] |= 1 << (w[1] - b'a');
        i += 1;
    }
    t
};

/// True when a word starting with the ASCII bytes `a` and then `b` may be one of
/// [`SUBJECT_ENDS`] in some case: both are letters, and a word of the list starts with them
/// in lower case. (Only a letter is an ASCII letter once its 0x20 bit is set.)
#[inline]
fn may_end_subject(a: u8, b: u8) -> bool {
    let (a, b) = ((a | 0x20).wrapping_sub(b'a'), (b | 0x20).wrapping_sub(b'a'));
    a < 26 && b < 26 && SUBJECT_END_BIGRAMS[usize::from(a)] >> b & 1 != 0
}

/// Prepositions and subordinators that end a subject read backwards from its verb.
fn ends_subject(w: &str) -> bool {
    ends_subject_bytes(w.as_bytes())
}

/// [`ends_subject`] of `w` in lower case ("In", "And" too), as `lex::with_lower` would
/// lower it: an ASCII word on the stack, without making it a `str` again.
///
/// The bigram test is made at the call (inlined): most words fail it (names: "Lee",
/// "Trump"), and then pay no call; the rest is [`ends_subject_lowered`].
#[inline(always)]
fn ends_subject_any_case(w: &str) -> bool {
    // Most words start with two bytes that start no entry in any case, whatever their
    // other characters: an entry is ASCII, and only the Kelvin sign lowers to ASCII from
    // outside it (to `k`, which starts no entry nor follows its first letter), so the
    // first two characters of a word lowering to one are ASCII letters.
    let b = w.as_bytes();
    b.len() >= 2 && may_end_subject(b[0], b[1]) && ends_subject_lowered(w)
}

/// [`ends_subject_any_case`] of a word that passed its bigram test: `w` lowered and
/// compared with every entry (out of line: few words get here).
#[inline(never)]
fn ends_subject_lowered(w: &str) -> bool {
    let b = w.as_bytes();
    if !w.is_ascii() {
        return lex::with_lower(w, ends_subject);
    }
    // No entry is longer than 8 bytes (an ASCII word keeps its length in lower case); the
    // word is lowered byte by byte, with no call to copy it.
    if b.len() > 8 {
        return false;
    }
    let mut buf = [0u8; 8];
    for (lower, &c) in buf.iter_mut().zip(b) {
        *lower = c.to_ascii_lowercase();
    }
    ends_subject_bytes(&buf[..b.len()])
}

/// The words of [`ends_subject`], as bytes (all lower-case ASCII); [`SUBJECT_ENDS`] lists
/// them again, for [`may_end_subject`] (a test checks the two agree).
#[inline]
fn ends_subject_bytes(w: &[u8]) -> bool {
    w.first().is_some_and(u8::is_ascii_lowercase)
        && matches!(
            w,
            b"in"
                | b"on"
                | b"at"
                | b"to"
                | b"with"
                | b"by"
                | b"from"
                | b"about"
                | b"into"
                | b"over"
                | b"after"
                | b"before"
                | b"than"
                | b"that"
                | b"and"
                | b"but"
                | b"or"
                | b"because"
                | b"when"
                | b"if"
                | b"as"
                | b"while"
                | b"what"
                | b"which"
                | b"where"
                | b"so"
                | b"though"
                | b"although"
                | b"since"
                | b"until"
                | b"during"
                | b"under"
                | b"through"
                | b"against"
                | b"like"
                | b"whether"
                | b"then"
                | b"also"
                | b"not"
                | b"only"
        )
}

/// True when `ws[i - 1]` is the preposition of a participle or adjective inside a subject:
/// "a source speaking to", "an aide familiar with".
#[inline]
fn postmodifier_at(text: &str, ws: &[Tok], i: usize) -> bool {
    i >= 3
        && matches!(wb(text, &ws[i - 1]), b"to" | b"with" | b"for")
        && matches!(
            wb(text, &ws[i - 2]),
            b"speaking" | b"talking" | b"writing" | b"familiar" | b"close" | b"working"
        )
        && ws[i - 3].kind == Tk::Word
        && w(text, &ws[i - 3])
            .chars()
            .all(|c| c.is_lowercase() || c == '-')
}

/// The noun phrase ending at the end of `ws` (words only), read backwards: names,
/// titles, determiners, possessives and nouns, stopping at a preposition, a conjunction,
/// a likely verb or a pronoun/determiner (which is kept).
fn np_at_end(text: &str, ws: &[Tok]) -> Option<Span> {
    np_at_end_range(text, ws).and_then(|(a, b)| span_of(&ws[a..b]))
}

/// [`np_at_end`] as the range of `ws` whose tokens it spans (never empty), so that a
/// caller reading the phrase's tokens takes them as they are, without searching `ws` for
/// them ([`tokens_in`]).
fn np_at_end_range(text: &str, ws: &[Tok]) -> Option<(usize, usize)> {
    let all = ws;
    let mut i = ws.len();
    let mut n = 0;
    // (`t` is `ws[i - 1]`, the word read, taken once.)
    while let Some(t) = i.checked_sub(1).and_then(|k| ws.get(k)).filter(|_| n < 9) {
        if t.pronoun() {
            if n == 0 {
                i -= 1;
            }
            break;
        }
        // Most words of a phrase read back are capitalized. A word starting with an ASCII
        // capital (and no speech verb: those are all in lower case) is no verb adjunct, no
        // "is" …, no "to" "with" "for" (so no postmodifier's preposition) and no
        // determiner but "U.S." (which the test below leaves out): of the tests that
        // follow, only a word ending a subject ("Only") stops the walk at it (told by its
        // token's bit).
        if first_byte(text, t).is_some_and(|b| b.is_ascii_uppercase()) && !t.verb() {
            if t.subject_end() {
                break;
            }
            i -= 1;
            n += 1;
            continue;
        }
        // "the report", "his remarks": a speech word after a determiner is a noun. (Its
        // ending first: `wb` of a token answers as its text would.)
        let verb = t.verb();
        let noun_reading =
            verb && i >= 2 && !wb(text, t).ends_with(b"ed") && makes_noun_of_verb(text, &ws[i - 2]);
        // A speech verb read as a verb ends the phrase. (It is none of the prepositions of a
        // postmodifier read next, "to" "with" "for", so it stops the walk there too; its
        // text is not cut out.)
        if verb && !noun_reading {
            break;
        }
        let x = w(text, t);
        // "a source speaking to Fox News", "an aide familiar with the talks": a
        // participle or adjective and its preposition inside the subject.
        if n > 0 && postmodifier_at(text, ws, i) {
            i -= 2;
            n += 2;
            continue;
        }
        // A verb adjunct, or "is" "was" "are" "were" "be" "has" "have" "had" (all in lower
        // case; but "are" and "be" adjuncts too), ends the phrase; a determiner ("U.S." and
        // numbers aside) starts it. The word's class is looked up once ([`lower_word`]).
        let class = if starts_lower_ascii(x) {
            lower_word(x)
        } else {
            LowerWord::Other
        };
        if t.subject_end() || matches!(class, LowerWord::Adjunct | LowerWord::Auxiliary) {
            break;
        }
        i -= 1;
        n += 1;
        let of_before = i > 0 && matches!(wb(text, &ws[i - 1]), b"of" | b"for");
        if class == LowerWord::Determiner && !of_before && !postmodifier_at(text, ws, i) {
            // "the two", "the few": the article belongs to a quantifier head.
            if matches!(x, "two" | "three" | "four" | "few")
                && i > 0
                && matches!(wb(text, &ws[i - 1]), b"the" | b"The")
            {
                i -= 1;
            }
            break;
        }
    }
    // "Trump at the time said", "Clinton on Monday said": skip a time phrase.
    let is_time = |x: &[u8]| {
        matches!(
            x,
            b"time"
                | b"week"
                | b"month"
                | b"year"
                | b"day"
                | b"morning"
                | b"night"
                | b"evening"
                | b"afternoon"
                | b"weekend"
                | b"Monday"
                | b"Tuesday"
                | b"Wednesday"
                | b"Thursday"
                | b"Friday"
                | b"Saturday"
                | b"Sunday"
                | b"moment"
                | b"point"
                | b"interview"
                | b"statement"
                | b"Twitter"
                | b"Facebook"
        )
    };
    if i >= 2
        && i < ws.len()
        && ws.last().is_some_and(|t| is_time(wb(text, t)))
        && matches!(
            wb(text, &ws[i - 1]),
            b"at" | b"on" | b"in" | b"last" | b"this" | b"that" | b"during"
        )
    {
        if let Some(np) = np_at_end_range(text, &ws[..i - 1]) {
            return Some(np);
        }
    }
    let mut ws = &ws[i..];
    // Start at a word that can begin a noun phrase ("panel Chairman Rep. Jason Chaffetz"),
    // or at the last word. (A starter is never "of" or "for", nor, so, the phrase's first
    // word: `can_start_np_is_false_of_of_and_for` checks it.)
    // (A word starting with a capital starts one, told from its first byte when ASCII by
    // `starts_upper`, without cutting its text out.)
    while ws.len() > 1 && !(starts_upper(text, &ws[0]) || can_start_np(w(text, &ws[0]))) {
        ws = &ws[1..];
    }
    let first = ws.first()?;
    // "Conversely", "Still": a lone sentence adverb is not a subject.
    if ws.len() == 1 && w(text, first).ends_with("ly") && !first.name() {
        return None;
    }
    // Skip leading conjunctions and adverbs.
    let skip = ws
        .iter()
        .take_while(|t| {
            matches!(
                wb(text, t),
                b"But"
                    | b"And"
                    | b"So"
                    | b"Yet"
                    | b"Meanwhile"
                    | b"Still"
                    | b"Instead"
                    | b"Now"
                    | b"Then"
                    | b"Also"
                    | b"Later"
                    | b"Earlier"
                    | b"However"
                    | b"Or"
                    | b"Indeed"
                    | b"Separately"
                    | b"Finally"
                    | b"Conversely"
                    | b"Similarly"
                    | b"Afterward"
                    | b"Afterwards"
            )
        })
        .count();
    // The phrase is the last `ws.len() - skip` tokens of `all` (`ws` is a suffix of it).
    (skip < ws.len()).then(|| (all.len() - ws.len() + skip, all.len()))
}

/// The most comma chunks of a clause that [`chunks`] keeps on the stack; a clause with more
/// goes to the heap. Chunks are asked for at every speech verb, so a `Vec` each time was an
/// allocation per verb. (A clause read is at most 40 tokens, rarely of more than a few
/// chunks: a smaller buffer is less to clear and to hand back at every call.) The parse
/// reads chunks one by one ([`sentence_subject`]) or from the end ([`last_chunks`]); the
/// tests' references read them all.
#[cfg(test)]
const STACK_CHUNKS: usize = 12;

/// The comma chunks of a clause, from [`chunks`].
#[cfg(test)]
struct Chunks<'t> {
    stack: [&'t [Tok]; STACK_CHUNKS],
    len: usize,
    /// All the chunks instead, when there are more than [`STACK_CHUNKS`].
    heap: Vec<&'t [Tok]>,
}

#[cfg(test)]
impl<'t> Chunks<'t> {
    fn push(&mut self, c: &'t [Tok]) {
        if self.len < STACK_CHUNKS {
            self.stack[self.len] = c;
            self.len += 1;
        } else {
            if self.heap.is_empty() {
                self.heap.extend_from_slice(&self.stack);
            }
            self.heap.push(c);
        }
    }

    fn as_mut_slice(&mut self) -> &mut [&'t [Tok]] {
        if self.heap.is_empty() {
            &mut self.stack[..self.len]
        } else {
            &mut self.heap
        }
    }
}

/// Comma chunks of a clause (words only, brackets already dropped), with asides removed.
#[cfg(test)]
fn chunks<'t>(text: &str, toks: &'t [Tok]) -> Chunks<'t> {
    let mut out = Chunks {
        stack: [&[]; STACK_CHUNKS],
        len: 0,
        heap: Vec::new(),
    };
    let pieces = toks.split(|t| t.kind == Tk::Comma).count();
    let chunks = toks
        .split(|t| t.kind == Tk::Comma)
        .enumerate()
        .map(|(i, c)| (i, chunk_words(c)))
        .filter(|&(i, c)| !c.is_empty() && !aside_in_clause(text, c, i + 1 == pieces))
        .map(|(_, c)| c);
    for c in chunks {
        out.push(c);
    }
    out
}

/// Whether [`chunks`] and [`last_chunks`] leave out the comma chunk `c` of a clause as an
/// aside ([`is_aside`]). The chunk that runs up to the verb (`last`: no comma closes it)
/// and opens with a preposition is no aside when a relative or demonstrative word follows
/// the preposition in it: "…, at which point the crowd chanted", "…, in a clip that Judge
/// Lee called", "…, at that point Smith said" have their subject after that word, where
/// "Lee, at a rally, said" has a comma close the phrase.
fn aside_in_clause(text: &str, c: &[Tok], last: bool) -> bool {
    match is_aside_or_intro(text, c) {
        Some(true) if last => !c[1..]
            .iter()
            .any(|t| matches!(wb(text, t), b"which" | b"that" | b"whom" | b"this")),
        Some(_) => true,
        None => false,
    }
}

/// The words of a comma chunk `c` that [`chunks`] keeps: trailing marks dropped (a colon
/// before the quote), then the words after the last dash or other mark.
#[inline]
fn chunk_words(c: &[Tok]) -> &[Tok] {
    let end = c
        .iter()
        .rposition(|t| t.kind == Tk::Word)
        .map_or(0, |i| i + 1);
    let c = &c[..end];
    let from = c
        .iter()
        .rposition(|t| t.kind != Tk::Word)
        .map_or(0, |i| i + 1);
    &c[from..]
}

/// The most chunks [`subject_before`] reads from the end of a clause: the last, one before
/// it that a place may take the place of, and three more appositives back.
const LAST_CHUNKS: usize = 5;

/// The last [`LAST_CHUNKS`] chunks of [`chunks`] (all of them when there are fewer), in
/// order, and how many: the chunks are split from the end, so that a clause of many
/// commas has only its last ones read ([`is_aside`] asks of each chunk alone: the chunks
/// kept are the same). The chunks are the last `n` entries of the array.
fn last_chunks<'t>(text: &str, toks: &'t [Tok]) -> ([&'t [Tok]; LAST_CHUNKS], usize) {
    let mut out: [&[Tok]; LAST_CHUNKS] = [&[]; LAST_CHUNKS];
    let mut n = 0;
    let chunks = toks
        .rsplit(|t| t.kind == Tk::Comma)
        .enumerate()
        .map(|(i, c)| (i, chunk_words(c)))
        .filter(|&(i, c)| !c.is_empty() && !aside_in_clause(text, c, i == 0))
        .map(|(_, c)| c)
        .take(LAST_CHUNKS);
    for c in chunks {
        n += 1;
        out[LAST_CHUNKS - n] = c;
    }
    (out, n)
}

/// True when the last clause of `toks` (from [`clause_start`] on) has a name word: else
/// no mention read there by [`subject_before`], which reads only that clause, has a
/// personal name ([`trailing_name`] ends at a name word).
fn clause_has_name(text: &str, toks: &[Tok]) -> bool {
    // A clause emptied by a dash after a word: [`subject_before`] reads the aside the dash
    // closes ([`subject_before_aside`]).
    let toks = match toks {
        [.., word, dash] if word.kind == Tk::Word && is_dash(text, dash) => &toks[..toks.len() - 1],
        _ => toks,
    };
    // Read back to the first name word or clause boundary.
    toks.iter()
        .rev()
        .find(|t| t.name() || ends_clause(text, t))
        .is_some_and(|t| t.name())
}

/// The start of the current clause: after the last sentence end, colon or dash.
fn clause_start(text: &str, toks: &[Tok]) -> usize {
    toks.iter()
        .rposition(|t| ends_clause(text, t))
        .map_or(0, |i| i + 1)
}

/// True when `t` ends a clause: a sentence end, a colon or a dash.
fn ends_clause(text: &str, t: &Tok) -> bool {
    matches!(t.kind, Tk::End | Tk::Colon) || is_dash(text, t)
}

/// A fronted participial phrase: "Flying home that night", "Preceded by the sheriff",
/// "Based on the memo" (a capitalized -ing/-ed word, then a preposition or determiner; not
/// "Manning said").
fn participial_intro(text: &str, chunk: &[Tok]) -> bool {
    let [first, second, ..] = chunk else {
        return false;
    };
    let f = w(text, first);
    let s = w(text, second);
    f.len() >= 5
        && f.chars().next().is_some_and(char::is_uppercase)
        && (f.ends_with("ing") || f.ends_with("ed"))
        && (ends_subject(s) || is_determiner(s) || matches!(s, "by" | "for" | "of" | "up"))
}

/// Conjunctions and adverbs that may open a sentence before its subject: "And then he".
fn is_leading_conjunction(w: &str) -> bool {
    matches!(
        w,
        "But" | "And" | "Yet" | "So" | "Or" | "Then" | "then" | "also" | "Also"
    )
}

/// Whether a chunk opening with `f` is introductory ("In Salem", "However", "Earlier", an
/// adverb in "-ly"): [`sentence_subject`] skips it.
fn is_intro_word(f: &str) -> bool {
    matches!(
        f,
        "In" | "On"
            | "At"
            | "After"
            | "Before"
            | "During"
            | "When"
            | "While"
            | "As"
            | "If"
            | "Since"
            | "Although"
            | "Though"
            | "Despite"
            | "For"
            | "With"
            | "Without"
            | "Speaking"
            | "Asked"
            | "Later"
            | "Earlier"
            | "Meanwhile"
            | "However"
            | "Still"
            | "Last"
            | "This"
            | "Yesterday"
            | "Today"
            | "Instead"
            | "Overall"
            | "Separately"
            | "Nevertheless"
            | "Nonetheless"
            | "Moreover"
            | "Furthermore"
            | "Besides"
            | "Thus"
            | "Therefore"
    ) || f.ends_with("ly")
}

/// The subject of a sentence in its chunk `c` (after the introductory ones): the chunk's
/// leading noun phrase, or a pronoun that opens it.
#[inline]
fn leading_subject(text: &str, c: &[Tok]) -> Option<(Span, Option<Span>)> {
    let mut end = 0;
    for (i, t) in c.iter().enumerate().take(MAX_MENTION_WORDS) {
        let x = w(text, t);
        if t.pronoun() {
            if i == 0 {
                end = 1;
            }
            break;
        }
        let upper = x.chars().next().is_some_and(char::is_uppercase);
        let lower_noun = i > 0
            && end == i
            && i < 5
            && !upper
            && !t.verb()
            && !ends_subject(x)
            && !is_verb_adjunct(x)
            && !x.ends_with("ed")
            && !matches!(
                x,
                "is" | "was" | "are" | "were" | "be" | "has" | "have" | "had"
            )
            // "The ad targets", "The board saw": a verb form ends the phrase.
            && !(i >= 2 && x.ends_with('s') && !x.ends_with("ss"))
            && !is_common_past(x)
            && lex::with_lower(w(text, &c[0]), is_determiner);
        let ok = upper
            || is_determiner(x)
            || lex::is_title_word(x)
            || lower_noun
            || (i > 0 && matches!(x, "of" | "for"));
        if !ok {
            break;
        }
        end = i + 1;
    }
    while end > 0 && matches!(w(text, &c[end - 1]), "of" | "for" | "the" | "a") {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let np = &c[..end];
    // Appositive right after the subject: "Beck, who has …, described".
    Some((span_of(np)?, None))
}

/// The subject of the sentence: its first noun phrase after introductory chunks
/// ("In Salem, New Hampshire, Trump went after Bush, calling him …" → "Trump").
///
/// `toks` are the tokens of one sentence or of its start: no sentence end is among them
/// (each caller cuts them after the last; they were searched for it again at every call).
///
/// The chunks ([`chunks`]) are split as they are read: only those up to the subject's, and
/// the one after a chunk past an intro (whether there is one is all that is asked of it),
/// not every chunk of the sentence with its aside test.
fn sentence_subject(text: &str, toks: &[Tok]) -> Option<(Span, Option<Span>)> {
    debug_assert!(toks.iter().all(|t| t.kind != Tk::End));
    let mut chunked = toks
        .split(|t| t.kind == Tk::Comma)
        .map(chunk_words)
        .filter(|c| !c.is_empty() && !is_aside(text, c));
    // The chunk read (`cs[k]` of the chunks) and the one after it.
    let mut cur = chunked.next()?;
    // "But he wanted to know", "And she is sure": a leading conjunction is no subject.
    while cur.len() > 1 && is_leading_conjunction(w(text, &cur[0])) {
        cur = &cur[1..];
    }
    // The chunk after `cur`, split when first asked for (`None` until then): only the tests
    // of a chunk after an intro ask whether one follows, and most subjects are in the first
    // chunk, read without splitting the next one out and testing it for an aside.
    let mut next: Option<Option<&[Tok]>> = None;
    let mut k = 0;
    let mut participle_before = false;
    // Skip introductory chunks (and the place names that follow them).
    loop {
        let f = w(text, &cur[0]);
        let intro = is_intro_word(f);
        let participle = participial_intro(text, cur);
        // (`cs.len() > k + 1`: a chunk follows this one.)
        let mut more = || next.get_or_insert_with(|| chunked.next()).is_some();
        let place_after_intro = k == 1 && is_name_phrase(text, cur) && more();
        // "Preceded by Joe Doe, the sheriff, Lee launched …": an appositive to the intro.
        let appositive_after_intro = participle_before && is_appositive(text, cur) && more();
        if intro || participle || place_after_intro || appositive_after_intro {
            participle_before = participle;
            k += 1;
            cur = next.take().unwrap_or_else(|| chunked.next())?;
        } else {
            break;
        }
    }
    leading_subject(text, cur)
}

/// The subject of a speech verb from the tokens before it in its sentence.
/// Returns `(mention, appositive, the mention's tokens)`: the tokens a slice of `toks`, as
/// [`Found::mtoks`] keeps them.
fn subject_before<'t>(text: &str, toks: &'t [Tok]) -> Option<SubjectToks<'t>> {
    let (start, after_dash) = subject_clause(text, toks);
    if start == toks.len() && after_dash {
        return subject_before_aside(text, &toks[..start - 1]);
    }
    subject_in_clause(text, &toks[start..], after_dash)
}

/// Where the clause that [`subject_before`] reads in `toks` starts ([`clause_start`]), and
/// whether a dash after a word opens it: such a clause may be a relative clause on that
/// word's phrase ("Donald Trump -- who said he would …").
#[inline]
fn subject_clause(text: &str, toks: &[Tok]) -> (usize, bool) {
    let start = clause_start(text, toks);
    let after_dash =
        start >= 2 && is_dash(text, &toks[start - 1]) && toks[start - 2].kind == Tk::Word;
    (start, after_dash)
}

/// [`subject_before`] of the tokens before a speech verb, read from `toks`, those of its
/// clause ([`subject_clause`]: `after_dash` whether a dash after a word opens it), but
/// for an empty clause that such a dash opens (the aside before the dash is read then,
/// [`subject_before_aside`]). It reads no token before the clause: the subject of a verb
/// is the same whatever tokens before its clause a reader holds ([`KeptSubjects`]).
fn subject_in_clause<'t>(text: &str, toks: &'t [Tok], after_dash: bool) -> Option<SubjectToks<'t>> {
    let mut toks = toks;
    // Strip adjuncts between subject and verb.
    // (Every adjunct starts with an ASCII lower-case letter, `is_verb_adjunct`: the text
    // of a word starting otherwise, a name most often, is not cut out.)
    while let Some(last) = toks.last() {
        if last.kind == Tk::Word && wb(text, last).first().is_some_and(u8::is_ascii_lowercase) && {
            let x = w(text, last);
            is_verb_adjunct(x) && x != "who"
        } {
            toks = &toks[..toks.len() - 1];
        } else {
            break;
        }
    }
    // A subject pronoun right before the verb is its subject: "in which he says",
    // "though she said".
    if let Some(last) = toks.last().filter(|t| t.kind == Tk::Word) {
        if is_subject_pronoun(text, last) {
            return Some((last.span(), None, std::slice::from_ref(last)));
        }
    }
    // A relative clause: "Beck, who has long described …", "the department which reported".
    if let Some(r) = relative_subject(text, toks, after_dash) {
        return Some((toks[r].span(), None, &toks[r..=r]));
    }
    // (Only the last chunks are read: the last, a place's, and three appositives before.)
    let (mut chunked, n) = last_chunks(text, toks);
    let (&mut mut last, mut cs) = chunked[LAST_CHUNKS - n..].split_last_mut()?;
    // "Lee, at a rally in Columbus, Ohio, said": the state closes an aside, not a subject.
    if last.len() == 1 && last[0].name() && !cs.is_empty() {
        let at = toks.partition_point(|t| t.span().start < last[0].span().start);
        let place = at >= 3
            && toks.get(at + 1).is_some_and(|t| t.kind == Tk::Comma)
            && toks[at - 1].kind == Tk::Comma
            && toks[at - 2].name()
            && toks[..at - 2]
                .iter()
                .rev()
                .take_while(|t| t.kind == Tk::Word)
                .take(4)
                .any(|t| matches!(wb(text, t), b"in" | b"at" | b"from" | b"near"));
        if place {
            let (&mut before, rest) = cs.split_last_mut()?;
            (last, cs) = (before, rest);
        }
    }
    // Age or appositives after a name: "X, 45, said", "X, a spokesman, said",
    // "X, the minister, a member of the council, said".
    let age = |c: &[Tok]| c.len() == 1 && w(text, &c[0]).bytes().all(|b| b.is_ascii_digit());
    // (A clause of one chunk has none before it: its chunk is not read as an appositive.)
    if !cs.is_empty() && (age(last) || is_appositive(text, last)) {
        let mut appositive = (!age(last)).then(|| span_of(last)).flatten();
        for back in 0..3 {
            let Some(&prev) = cs.len().checked_sub(1 + back).and_then(|i| cs.get(i)) else {
                break;
            };
            if let Some((s, e)) = trailing_name(text, prev) {
                let head_ok = prev[..s].iter().all(|t| {
                    let x = w(text, t);
                    t.name()
                        || lex::is_title_word(x)
                        || lex::is_honorific(x)
                        || is_determiner(x)
                        || x.chars().next().is_some_and(char::is_lowercase)
                });
                if head_ok {
                    let from = prev[..s]
                        .iter()
                        .rposition(|t| ends_subject(w(text, t)) || t.verb())
                        .map_or(0, |i| i + 1);
                    let _ = e;
                    let m = &prev[from..];
                    return Some((span_of(m)?, appositive, m));
                }
            }
            if !is_appositive(text, prev) && !age(prev) {
                break;
            }
            if back == 0 && appositive.is_none() {
                appositive = span_of(prev);
            }
        }
    }
    let (a, b) = np_at_end_range(text, last)?;
    let m = &last[a..b];
    Some((span_of(m)?, None, m))
}

/// True when the word `t` is a subject pronoun that [`subject_in_clause`] takes for the
/// subject of the verb right after it: "in which he says", "though she said". Each is a
/// pronoun ([`lex::is_pronoun`]): a word without its token's bit, a name or noun most often,
/// is told by the bit, without comparing its text with the list (~7 instructions a call
/// less, 6,090 calls a quotes pass; `subject_pronouns_told_by_the_bit_agree_with_the_list`).
#[inline(always)]
fn is_subject_pronoun(text: &str, t: &Tok) -> bool {
    t.pronoun() && is_subject_pronoun_text(wb(text, t))
}

/// The list of [`is_subject_pronoun`], of the bytes of a word.
fn is_subject_pronoun_text(x: &[u8]) -> bool {
    matches!(
        x,
        b"he" | b"she" | b"they" | b"He" | b"She" | b"They" | b"we" | b"We" | b"I" | b"it"
    )
}

/// The most words between a relative "who" or "which" and the speech verb for the word to
/// be the verb's subject ([`relative_subject`]): "Beck, who has long described …".
const MAX_AFTER_RELATIVE: usize = 5;

/// The index in `toks` of the relative word that is the subject of the speech verb after
/// them ([`subject_in_clause`], `after_dash` as there): "Beck, who has long described …",
/// "the department which reported". Only the last [`MAX_AFTER_RELATIVE`] + 1 tokens are
/// read ([`relative_subject_from`]): the last relative word is the one read, and one further
/// back has too many tokens after it to be a subject (a "that" has to be right before the
/// verb), so the answer is the same as a scan of every token
/// (`relative_subjects_read_from_the_end_agree_with_a_scan_of_all`). (The scan of every
/// token, ~39 instructions a call, was 969 instructions of a quotes pass.)
#[inline]
fn relative_subject(text: &str, toks: &[Tok], after_dash: bool) -> Option<usize> {
    let from = toks.len().saturating_sub(MAX_AFTER_RELATIVE + 1);
    relative_subject_from(text, toks, after_dash, from)
}

/// [`relative_subject`] reading the relative words of `toks[from..]` only.
/// (A word of another length than theirs is passed over without cutting its text out.)
#[inline(always)]
fn relative_subject_from(text: &str, toks: &[Tok], after_dash: bool, from: usize) -> Option<usize> {
    let r = from
        + toks[from..].iter().rposition(|t| {
            t.kind == Tk::Word
                && (3..=5).contains(&t.span().len())
                && matches!(wb(text, t), b"who" | b"which" | b"that")
        })?;
    let between = &toks[r + 1..];
    let ok = if wb(text, &toks[r]) == b"that" {
        between.is_empty() && r > 0 && toks[r - 1].kind == Tk::Word && !toks[r - 1].verb()
    } else {
        between.len() <= MAX_AFTER_RELATIVE
            && between
                .iter()
                .all(|t| t.kind == Tk::Word && !t.pronoun() && !starts_upper(text, t))
    };
    // "at which point the crowd chanted": after a preposition the word opens a phrase
    // that sets the time or place, and the subject follows it.
    let object = r > 0 && is_preposition(wb(text, &toks[r - 1]));
    (ok && !object && (r > 0 || (after_dash && wb(text, &toks[r]) == b"who"))).then_some(r)
}

/// What [`subject_before`] reads: the mention, its appositive and the mention's
/// tokens.
type SubjectToks<'t> = (Span, Option<Span>, &'t [Tok]);

/// The subject of a speech verb right after an aside set off by dashes, `toks` the tokens
/// before the aside's closing dash: the name that opens the aside, the phrase before it its
/// appositive ("A former candidate -- John McCain, who lost to Obama -- said").
fn subject_before_aside<'t>(text: &str, toks: &'t [Tok]) -> Option<SubjectToks<'t>> {
    let open = toks.iter().rposition(|t| ends_clause(text, t))?;
    if !is_dash(text, &toks[open]) {
        return None;
    }
    let aside = &toks[open + 1..];
    let end = aside
        .iter()
        .position(|t| t.kind != Tk::Word)
        .unwrap_or(aside.len());
    let name = &aside[..end];
    if !(1..=MAX_MENTION_WORDS).contains(&name.len())
        || !is_name_phrase(text, name)
        || aside.get(end).is_some_and(|t| t.kind != Tk::Comma)
    {
        return None;
    }
    // The phrase before the aside, when it is the whole of its clause.
    let before = &toks[clause_start(text, &toks[..open])..open];
    let appositive = np_at_end(text, before)
        .filter(|np| before.first().is_some_and(|t| t.span().start == np.start));
    Some((span_of(name)?, appositive, name))
}

/// The speaker phrase after a verb: `said Kremlin spokesman Dmitry Peskov, when asked`.
fn np_after(text: &str, toks: &[Tok]) -> Option<Span> {
    np_after_toks(text, toks).and_then(span_of)
}

/// [`np_after`] as the tokens of `toks` it spans (never empty: a leading run of them), so
/// that a caller keeping the phrase's tokens takes them as they are.
fn np_after_toks<'t>(text: &str, toks: &'t [Tok]) -> Option<&'t [Tok]> {
    let first = toks.first()?;
    let f = w(text, first);
    // "retired Army Gen. X", "undecided Republican voter X": a role adjective, then a phrase.
    let role_adjective = is_role_adjective(f)
        && toks
            .get(1)
            .is_some_and(|t| t.kind == Tk::Word && starts_upper(text, t));
    if first.kind != Tk::Word
        || !(can_start_np(f) || role_before_name(text, toks) || role_adjective)
    {
        return None;
    }
    let party_role = matches!(f, "Republican" | "Democratic" | "Democrat")
        && toks.get(1..).is_some_and(|r| {
            role_before_name(text, r)
                || r.first().is_some_and(|t| {
                    t.kind == Tk::Word && (t.name() || lex::is_title_word(w(text, t)))
                })
        });
    if first.stopword() && !first.pronoun() && f != "The" && f != "A" && f != "An" && !party_role {
        return None;
    }
    let mut end = 0;
    let mut seen_name = false;
    for (i, t) in toks.iter().enumerate().take(MAX_MENTION_WORDS) {
        if t.kind != Tk::Word {
            // Keep brackets inside "(R-Texas)" out; stop at any punctuation.
            break;
        }
        if i > 0 && ends_np(text, t) {
            break;
        }
        // (The text is cut out only after a name word.)
        // (A word starting with an ASCII byte other than a lower-case letter, a name most
        // often, starts with no lower-case character.)
        if seen_name
            && !wb(text, t)
                .first()
                .is_some_and(|b| b.is_ascii() && !b.is_ascii_lowercase())
            && {
                let x = w(text, t);
                x.chars().next().is_some_and(char::is_lowercase)
                    && !matches!(x, "of" | "for")
                    && !lex::is_name_particle(x)
                    && !lex::is_title_word(x)
            }
        {
            // "Republican party boss Reince Priebus": role words, then the name.
            if !role_before_name(text, &toks[i..]) {
                break;
            }
            seen_name = false;
        }
        if t.name() {
            seen_name = true;
        }
        end = i + 1;
        if i == 0 && t.pronoun() {
            break;
        }
    }
    // Don't end on "of"/"for". (Each of the four words has at most three bytes and is in
    // lower case, so no name word, which starts with a capital: the text of a last word of
    // either kind, most often a name, is not cut out.)
    while end > 0 && {
        let t = &toks[end - 1];
        !t.name() && t.span().len() <= 3 && matches!(wb(text, t), b"of" | b"for" | b"the" | b"a")
    } {
        end -= 1;
    }
    toks.get(..end).filter(|np| !np.is_empty())
}

/// True when the token at `i` starts "according to".
fn according_to(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    // (Asked of every word of some frames: a word of another length is passed over
    // without cutting its text out.)
    if t.span().len() != "according".len() || !matches!(w(text, t), "according" | "According") {
        return false;
    }
    // `lex::cue_phrase` reads "according", blanks and "to" here: a cue shorter than 16
    // bytes has 1 to 4 bytes of blanks.
    let after = text.get(t.span().end..).unwrap_or("");
    let blanks = lex::blank_len(after);
    let cue = (1..=4).contains(&blanks) && after[blanks..].starts_with("to");
    debug_assert_eq!(
        cue,
        text.get(t.span().start..).is_some_and(|rest| {
            lex::cue_phrase::<nom::error::Error<&str>>
                .parse(rest)
                .is_ok_and(|(_, cue)| cue.len() < 16)
        })
    );
    cue && toks.get(i + 1).is_some_and(|t| w(text, t) == "to")
}

/// What kind of attribution cue a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A finite speech verb: "said", "says", "told".
    Finite,
    /// A participle or infinitive whose subject is the sentence's: "saying", "to call".
    NonFinite,
    /// "according to".
    According,
    /// A speech noun after a possessive: "Trump’s claim", "his warning".
    Possessive,
}

/// Nouns of saying that take their speaker as a possessive: "his warning that …".
const SPEECH_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "warning",
    "warnings",
    "promise",
    "promises",
    "pledge",
    "call",
    "calls",
    "statement",
    "statements",
    "remarks",
    "comments",
    "comment",
    "words",
    "message",
    "answer",
    "chant",
    "chants",
    "vow",
    "assertion",
    "argument",
    "description",
    "slogan",
    "tweet",
    "tweets",
    "response",
    "reply",
    "insistence",
    "suggestion",
    "prediction",
    "accusation",
    "complaint",
    "criticism",
    "view",
    "rhetoric",
    "refrain",
    "catchphrase",
    "motto",
    "plea",
    "demand",
    "demands",
    "announcement",
    "declaration",
    "admission",
    "explanation",
    "contention",
    "boast",
    "retort",
    "speech",
    "quip",
    "line",
    "mantra",
    "phrase",
    "question",
];

/// The lengths of the words of [`SPEECH_NOUNS`] by first letter: bit `n` of entry
/// `a - 'a'` is set when a speech noun of `n` bytes starts with `a` (every one is of
/// lower-case ASCII letters, and shorter than 32 bytes).
static SPEECH_NOUN_LENGTHS: [u32; 26] = {
    let mut t = [0u32; 26];
    let mut i = 0;
    while i < SPEECH_NOUNS.len() {
        let w = SPEECH_NOUNS[i].as_bytes();
        t[(w[0] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    t
};

/// False when the bytes `b` are no speech noun by their first byte and their length
/// ([`SPEECH_NOUN_LENGTHS`]): they start with no ASCII lower-case letter, or no speech
/// noun starting with that letter has their length.
#[inline]
fn may_be_speech_noun(b: &[u8]) -> bool {
    let Some(&first) = b.first() else {
        return false;
    };
    first.is_ascii_lowercase()
        && b.len() < 32
        && SPEECH_NOUN_LENGTHS[usize::from(first - b'a')] >> b.len() & 1 != 0
}

/// True when `w` is one of [`SPEECH_NOUNS`].
fn is_speech_noun(w: &str) -> bool {
    starts_lower_ascii(w) && word_table().get(w) & NOUN != 0
}

/// `span.get(text).is_some_and(is_speech_noun)`, read from the bytes of `span` with no
/// test of character boundaries: every speech noun is of ASCII letters, and bytes that
/// equal one start and end on character boundaries (as [`wb`] tells).
/// The bytes of a span that is no speech noun by its first byte and length
/// ([`may_be_speech_noun`]: "said", "told", "added", the verbs of most quotes) are not
/// looked up.
fn is_speech_noun_at(text: &str, span: Span) -> bool {
    let b = text
        .as_bytes()
        .get(span.start..span.end)
        .unwrap_or_default();
    let noun = may_be_speech_noun(b) && word_table().get_bytes(b) & NOUN != 0;
    debug_assert_eq!(noun, span.get(text).is_some_and(is_speech_noun));
    noun
}

/// Words that read as adjectives before a noun: "false", "repeated", "political",
/// "Republican" (a light test: listed words and typical adjective endings).
fn is_adjective_like(w: &str) -> bool {
    let lower = w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    matches!(
        w,
        "Republican"
            | "Democratic"
            | "false"
            | "repeated"
            | "multiple"
            | "earlier"
            | "previous"
            | "similar"
            | "latest"
            | "early"
            | "frequent"
            | "angry"
            | "many"
            | "such"
            | "those"
            | "these"
            | "loud"
            | "wild"
            | "bold"
            | "dubious"
    ) || lower
        && w.len() > 5
        && (w.ends_with("ous")
            || w.ends_with("ive")
            || w.ends_with("ful")
            || w.ends_with("ical")
            || w.ends_with("less")
            || w.ends_with("ated")
            || w.ends_with("able")
            || w.ends_with("ible"))
}

#[inline]
fn is_possessive(w: &str) -> bool {
    matches!(
        w,
        "his" | "her" | "their" | "its" | "our" | "my" | "His" | "Her" | "Their" | "Its"
    ) || w.ends_with("’s")
        || w.ends_with("'s")
        || w.ends_with("s’")
}

/// The cue at token `i`, if any. A speech-verb form after a determiner or possessive is
/// a noun ("his remarks", "the claims") and no cue.
#[inline(always)]
fn cue_at(text: &str, toks: &[Tok], i: usize) -> Option<Cue> {
    // This runs for every word of every body block: most are no cue word, and are
    // decided here, inline.
    if !may_cue(text, toks, i) {
        return None;
    }
    cue_of_word(text, toks, i)
}

/// True when token `i` is a word that may be a cue: a cue word, or a capitalized word
/// opening a clause ("Says …"), which is read as a speech verb then. A pronoun that is no
/// cue word is none even there: [`cue_of_word`] reads no pronoun as a speech verb, and
/// every other cue it reads is a cue word ("He said" is read at "said" only, not also at
/// "He", before every quote it opens).
#[inline(always)]
fn may_cue(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    t.kind == Tk::Word
        && (t.cue_word() || (opens_clause(toks, i) && starts_upper(text, t) && !t.pronoun()))
}

/// True when token `i` opens the tokens or follows a sentence end or a comma.
#[inline(always)]
fn opens_clause(toks: &[Tok], i: usize) -> bool {
    i == 0
        || toks
            .get(i - 1)
            .is_some_and(|p| matches!(p.kind, Tk::End | Tk::Comma))
}

/// [`cue_at`] of a word that passed [`may_cue`].
///
/// The words are read as their bytes ([`wb`]), not cut out as text ([`w`], whose two
/// character-boundary tests and empty-text fallback cost ~22 instructions a word, asked of
/// the word and of the one before it at most calls): a token's span lies on character
/// boundaries of the text it was read from, so its bytes are its text's bytes, and every
/// comparison here (equality with a word, an ASCII or `’s` ending, the first byte) answers
/// on them as on the text. The text is cut out only for the tests that take it (the word
/// lists, the capitalized-verb look-up, the irregular pasts), on the rarer paths that ask
/// them. `cue_of_word_by_text`, in the tests, is the reading from the text.
#[inline(never)]
fn cue_of_word(text: &str, toks: &[Tok], i: usize) -> Option<Cue> {
    let t = toks.get(i)?;
    let sentence_start = opens_clause(toks, i);
    let x = wb(text, t);
    debug_assert!(x.is_empty() || t.span().get(text).is_some());
    // A speech verb is no cue head ("according", "shot": `no_cue_head_is_a_speech_verb`
    // checks it): neither the "according to" test nor the phrasal one below reads it.
    let verb_word = t.verb();
    if !verb_word && matches!(x, b"according" | b"According") && according_to(text, toks, i) {
        return Some(Cue::According);
    }
    if t.noun() && i > 0 && toks[i - 1].kind == Tk::Word && is_possessive(w(text, &toks[i - 1])) {
        return Some(Cue::Possessive);
    }
    // A word token is all word characters, so `lex::speech_verb` parses all of it or none.
    debug_assert_eq!(
        verb_word,
        lex::speech_verb::<nom::error::Error<&str>>
            .parse(w(text, t))
            .is_ok_and(|(rest, _)| rest.is_empty())
    );
    // Phrasal cues: "shot back", "fired back", "went on" ending its clause.
    let next = |k: usize| toks.get(i + k).map(|t| (t.kind, wb(text, t)));
    let phrasal = !verb_word
        && match x {
            b"shot" | b"fired" | b"shoots" | b"fires" => {
                matches!(next(1), Some((Tk::Word, b"back")))
            }
            // "as the Post's columnist puts it".
            b"put" | b"puts" => matches!(next(1), Some((Tk::Word, b"it"))),
            b"went" | b"goes" => {
                matches!(next(1), Some((Tk::Word, b"on")))
                    && next(2).is_none_or(|(k, _)| matches!(k, Tk::Comma | Tk::End | Tk::Colon))
            }
            _ => false,
        };
    // A pronoun opening a clause ("He said") is no speech verb in any case (a test checks
    // every one): its lower-case form is not looked up.
    let is_verb = verb_word
        || phrasal
        || (sentence_start && !t.pronoun() && x.len() < 16 && {
            let x = w(text, t);
            x.chars().next().is_some_and(char::is_uppercase)
                && is_capitalized_speech_verb(word_table(), x)
        });
    if !is_verb {
        return None;
    }
    if let Some(p) = i
        .checked_sub(1)
        .and_then(|j| toks.get(j))
        .filter(|p| p.kind == Tk::Word)
    {
        let pw = wb(text, p);
        debug_assert!(pw.is_empty() || p.span().get(text).is_some());
        // Every word of the lists read here starts with a lower-case letter or a digit, but
        // "U.S.", which is no determiner here: a word starting with an ASCII capital ("He",
        // "Lee") is compared with none of them, nor is a pronoun ("she said": none is
        // listed, bare or contracted; a test checks every one).
        let may_be_listed = !p.pronoun() && !pw.first().is_some_and(u8::is_ascii_uppercase);
        let listed = may_be_listed && {
            let pw = w(text, p);
            let digit = pw.chars().next().is_some_and(|c| c.is_ascii_digit());
            // "both said", "the two write", "some argue": a quantifier heads the subject,
            // unless a noun form follows it ("some claims").
            let quantifier_subject = matches!(
                pw,
                "two"
                    | "three"
                    | "four"
                    | "both"
                    | "all"
                    | "many"
                    | "some"
                    | "most"
                    | "several"
                    | "few"
            ) && !(x.ends_with(b"s") && t.noun());
            (is_determiner(pw) && !digit && !quantifier_subject && !matches!(pw, "that" | "U.S."))
                || matches!(
                    pw,
                    "of" | "such"
                        | "for"
                        | "with"
                        | "by"
                        | "about"
                        | "in"
                        | "new"
                        | "recent"
                        | "public"
                        | "private"
                        | "via"
                        | "on"
                ) && !x.ends_with(b"ed")
        };
        if listed || pw.ends_with(b"'s") || pw.ends_with("’s".as_bytes()) {
            return None;
        }
        if pw == b"to" {
            return Some(Cue::NonFinite);
        }
        // "of Republican claims", "his repeated calls", "false claims": a speech noun after
        // an adjective.
        if t.noun() && !x.ends_with(b"ed") && is_adjective_like(w(text, p)) {
            return None;
        }
        // "a pre-emptive attack", "an angry call": a base form after "a"/"an" is a noun
        // (not an irregular past: "a friend said"). (The word two back first: most cues
        // follow no "a", and their form is not read.)
        let two_back = i
            .checked_sub(2)
            .and_then(|j| toks.get(j))
            .map(|t| wb(text, t));
        let base = || {
            !(x.ends_with(b"s")
                || x.ends_with(b"ed")
                || x.ends_with(b"ing")
                || is_irregular_past(w(text, t)))
        };
        if matches!(two_back, Some(b"a" | b"an")) && base() {
            return None;
        }
    }
    if !may_be_finite(x) {
        return Some(Cue::NonFinite);
    }
    Some(Cue::Finite)
}

/// False when [`cue_of_word`] reads the word `x` as no finite cue whatever its tokens: a
/// word ending in "ing" ("saying", "according") is none (a participle, or "according to").
#[inline(always)]
fn may_be_finite(x: &[u8]) -> bool {
    !x.ends_with(b"ing")
}

/// [`lex::is_speech_verb_any_case`] of `x`, a word of fewer than 16 bytes: for a
/// capitalized ASCII word of lower-case letters and hyphens after its capital ("Says",
/// "Adds", the form most clause-opening words have), whose lower-case form is its first
/// byte lowered, the [`VERB`] bit of that form in `table`, the [`WordTable`] (which holds
/// the same forms as the verb test: those of lower-case ASCII letters and hyphens); for
/// other words, the test itself. (The test filters by shape, lowers the word into a buffer
/// and searches the verb table: some 190 instructions a word, asked of every capitalized
/// word opening a clause.)
#[inline]
fn is_capitalized_speech_verb(table: &WordTable, x: &str) -> bool {
    let b = x.as_bytes();
    let verb = match b.split_first() {
        Some((&first, rest))
            if first.is_ascii_uppercase()
                && b.len() < 16
                && rest.iter().all(|&c| c.is_ascii_lowercase() || c == b'-') =>
        {
            PackedWord::new_first_lowered(b).is_some_and(|p| table.get_packed(p) & VERB != 0)
        }
        _ => lex::is_speech_verb_any_case(x),
    };
    debug_assert_eq!(verb, lex::is_speech_verb_any_case(x), "{x:?}");
    verb
}

/// Common irregular past forms that end a subject read forwards ("The board saw …").
fn is_common_past(w: &str) -> bool {
    is_irregular_past(w)
        || matches!(
            w,
            "saw"
                | "sought"
                | "put"
                | "began"
                | "took"
                | "made"
                | "gave"
                | "went"
                | "came"
                | "got"
                | "held"
                | "kept"
                | "left"
                | "met"
                | "ran"
                | "sent"
                | "spent"
                | "won"
                | "lost"
                | "knew"
                | "brought"
                | "found"
                | "stood"
                | "heard"
                | "led"
                | "became"
        )
}

/// Irregular past forms of speech verbs, which no suffix marks as finite.
fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "said" | "told" | "wrote" | "thought" | "felt" | "swore" | "spoke" | "sang"
    )
}

/// Verbs whose noun phrase after them is the addressee, never the speaker: "told
/// reporters", "tells her supporters".
fn takes_addressee(w: &str) -> bool {
    matches!(w, "told" | "tells" | "tell" | "telling")
}

/// True when `t` is a dash: `—`, `–`, `―`, or one to three hyphens standing alone (how
/// plain text types a dash: `--`, ` - `). The token's kind is tested inline, its text out
/// of line ([`is_dash_text`]): the search for a clause's start ([`ends_clause`]) asks it of
/// every token back to the sentence's start, and called for each (31,168 calls a pass over
/// the quote paragraphs, nearly all of them words), it cost some 17 instructions a token.
#[inline(always)]
fn is_dash(text: &str, t: &Tok) -> bool {
    t.kind == Tk::Other && is_dash_text(text, t)
}

/// Whether the text of `t` is one of [`is_dash`]'s dashes.
fn is_dash_text(text: &str, t: &Tok) -> bool {
    matches!(w(text, t), "—" | "–" | "―" | "-" | "--" | "---")
}

/// Tries the frame after a quote. `strict` asks for the attribution to end its clause
/// (for a quote that ended its own sentence).
fn after_quote<'t>(text: &str, toks: &'t [Tok], strict: bool, keep: Keep<'_>) -> Option<Found<'t>> {
    // "… ” ― Jane Doe": a dash and a name.
    if let (Some(d), Some(rest)) = (toks.first(), toks.get(1..)) {
        if is_dash(text, d) {
            if let Some(np) = np_after(text, rest) {
                let tail = rest.iter().find(|t| t.span().start >= np.end);
                if tail.is_none_or(|t| matches!(t.kind, Tk::End | Tk::Comma)) {
                    return Some(Found {
                        mention: np,
                        appositive: None,
                        verb: d.span(),
                        mtoks: None,
                    });
                }
            }
        }
    }
    // Past a dash that credits no one, the quote's sentence goes on with an aside or a
    // clause of its own (`"…" - at which point the crowd chanted`, `"…" -- noted that
    // …`): no attribution after the quote.
    if toks.first().is_some_and(|d| is_dash(text, d)) {
        return None;
    }
    let k = toks
        .iter()
        .position(|t| !matches!(t.kind, Tk::Comma | Tk::Other))?;
    let toks = &toks[k..];
    // (Found once, for the reading of the attribution and the sources after it.)
    let sentence_end = toks
        .iter()
        .position(|t| t.kind == Tk::End)
        .unwrap_or(toks.len());
    let found = after_quote_inner(text, toks, strict, sentence_end, keep)?;
    // "…," Sanders said, according to CNN: the reported source wins.
    // Both sources below follow a comma after the verb: a sentence with none (most of them)
    // is not searched for either, and the searches start at its first.
    let Some(first_comma) = (1..sentence_end)
        .find(|&i| toks[i - 1].kind == Tk::Comma && toks[i - 1].span().start >= found.verb.end)
    else {
        return Some(found);
    };
    // "…," said Jane Doe, a teacher, reports the Daily News: the outlet is the source.
    let reports = (first_comma..sentence_end).find(|&i| {
        toks[i - 1].kind == Tk::Comma
            && toks[i - 1].span().start >= found.verb.end
            && matches!(w(text, &toks[i]), "reports" | "reported")
    });
    if let Some(i) = reports {
        if let Some(np) = toks
            .get(i + 1..sentence_end)
            .and_then(|r| np_after(text, r))
        {
            if toks
                .get(i + 1..sentence_end)
                .and_then(|r| r.last())
                .is_some_and(|t| t.span().end == np.end)
            {
                return Some(Found {
                    mention: np,
                    appositive: None,
                    verb: toks[i].span(),
                    mtoks: None,
                });
            }
        }
    }
    // (The comma first: most words follow none, and are not read.)
    let according = (first_comma..sentence_end).find(|&i| {
        toks[i - 1].kind == Tk::Comma
            && toks[i - 1].span().start >= found.verb.end
            && according_to(text, toks, i)
    });
    if let Some(i) = according {
        if let Some(np) = toks
            .get(i + 2..sentence_end)
            .and_then(|r| np_after(text, r))
        {
            return Some(Found {
                mention: np,
                appositive: None,
                verb: Span::new(toks[i].span().start, toks[i + 1].span().end),
                mtoks: None,
            });
        }
    }
    Some(found)
}

/// The attribution [`after_quote`] reads in `toks` (from their first word), whose sentence
/// ends at the token `sentence_end` (or with them).
fn after_quote_inner<'t>(
    text: &str,
    toks: &'t [Tok],
    strict: bool,
    sentence_end: usize,
    mut keep: Keep<'_>,
) -> Option<Found<'t>> {
    let clause_ends = |used: usize| -> bool {
        !strict
            || toks.get(used..).is_none_or(|r| {
                r.is_empty()
                    || r.iter()
                        .take(6)
                        .any(|t| matches!(t.kind, Tk::End | Tk::Comma))
            })
    };
    // Verb first.
    match cue_at(text, toks, 0) {
        Some(Cue::According) => {
            let np = np_after(text, toks.get(2..)?)?;
            return Some(Found {
                mention: np,
                appositive: None,
                verb: Span::new(toks[0].span().start, toks[1].span().end),
                mtoks: None,
            });
        }
        Some(Cue::Finite) => {
            let mtoks = np_after_toks(text, toks.get(1..)?)?;
            let np = span_of(mtoks)?;
            // (The phrase is the tokens after the verb: the first token after it follows
            // them.)
            let used = 1 + mtoks.len();
            debug_assert_eq!(
                Some(used),
                toks.iter()
                    .position(|t| t.span().start >= np.end)
                    .or(Some(toks.len()))
            );
            // A tail follows a comma right after the phrase (`with_tail` asks first): a
            // phrase followed by none is not handed to it.
            if toks.get(used).is_some_and(|t| t.kind == Tk::Comma) {
                if let Some(found) = with_tail(text, toks, np, toks[0].span(), sentence_end) {
                    return Some(found);
                }
            }
            return clause_ends(used).then_some(Found {
                mention: np,
                appositive: None,
                verb: toks[0].span(),
                mtoks: Some(mtoks),
            });
        }
        Some(Cue::NonFinite | Cue::Possessive) => return None,
        None => {}
    }
    // Subject first: the first speech verb within reach, in the same sentence.
    if let Some(found) = subject_first(text, toks, strict, reborrow(&mut keep)) {
        return Some(found);
    }
    // Clause-final: `"…" for the record, she said.`
    for c in 0..sentence_end {
        if toks[c].kind == Tk::Comma {
            let rest = &toks[c + 1..sentence_end];
            if let Some(found) = subject_first(text, rest, true, reborrow(&mut keep)) {
                return Some(found);
            }
            if cue_at(text, toks, c + 1) == Some(Cue::Finite) {
                if let Some(np) = toks
                    .get(c + 2..sentence_end)
                    .and_then(|r| np_after(text, r))
                {
                    let used = toks
                        .iter()
                        .position(|t| t.span().start >= np.end)
                        .unwrap_or(toks.len());
                    let verb = toks[c + 1].span();
                    if let Some(found) = with_tail(text, toks, np, verb, sentence_end) {
                        return Some(found);
                    }
                    if used >= sentence_end {
                        return Some(Found {
                            mention: np,
                            appositive: None,
                            verb,
                            mtoks: None,
                        });
                    }
                }
            }
        }
    }
    None
}

/// An inverted attribution (`said NP`) whose sentence closes, after a comma, with the
/// speaker's role or name: "said Geert Wilders, founder of the party" (an appositive: the
/// descriptor) or "said the festival director, Omar Haddad" (a role, then the name: the
/// name is the mention and the role its descriptor). `toks` holds `np`; the sentence ends
/// at `sentence_end`.
fn with_tail<'t>(
    text: &str,
    toks: &'t [Tok],
    np: Span,
    verb: Span,
    sentence_end: usize,
) -> Option<Found<'t>> {
    let used = toks.partition_point(|t| t.span().start < np.end);
    if toks.get(used)?.kind != Tk::Comma {
        return None;
    }
    let tail = toks.get(used + 1..sentence_end)?;
    if tail.is_empty()
        || tail.len() > MAX_MENTION_WORDS
        || !tail.iter().all(|t| matches!(t.kind, Tk::Word | Tk::Comma))
    {
        return None;
    }
    // A role: title words, kin, or a common-noun phrase ("the team's coach").
    let np_toks = tokens_in(toks, np);
    let common_noun = np_toks.len() >= 2
        && is_determiner(w(text, &np_toks[0]))
        && np_toks
            .last()
            .is_some_and(|t| w(text, t).starts_with(|c: char| c.is_lowercase()));
    let role = kin_or_role_np(text, np_toks)
        || common_noun
        || np_toks
            .last()
            .is_some_and(|t| lex::is_title_word(w(text, t)));
    if role && tail.len() <= 4 && is_name_phrase(text, tail) {
        return Some(Found {
            mention: span_of(tail)?,
            appositive: Some(np),
            verb,
            mtoks: None,
        });
    }
    if !is_appositive(text, tail) {
        return None;
    }
    // "…, 45, a teacher": an age is no descriptor; "…, who cast the deciding vote": a
    // relative clause describes, but is no role.
    let mut role = tail;
    while let Some(i) = role.iter().position(|t| t.kind == Tk::Comma) {
        if i == 1 && w(text, &role[0]).bytes().all(|b| b.is_ascii_digit()) {
            role = &role[2..];
        } else {
            break;
        }
    }
    let is_age = role.len() == 1 && w(text, &role[0]).bytes().all(|b| b.is_ascii_digit());
    let relative = role.first().is_some_and(|t| {
        matches!(
            w(text, t),
            "who" | "whose" | "whom" | "which" | "that" | "where" | "when"
        )
    });
    Some(Found {
        mention: np,
        appositive: if is_age || relative {
            None
        } else {
            span_of(role)
        },
        verb,
        mtoks: None,
    })
}

/// `Secretary of State John Kerry said`, `he told reporters`: a subject at the start of
/// `toks` and a finite speech verb after it, in the same sentence.
fn subject_first<'t>(
    text: &str,
    toks: &'t [Tok],
    strict: bool,
    mut keep: Keep<'_>,
) -> Option<Found<'t>> {
    let limit = toks.len().min(MAX_MENTION_WORDS + 24);
    for v in 1..limit {
        let t = &toks[v];
        if matches!(t.kind, Tk::End | Tk::Colon) {
            return None;
        }
        let Some(cue) = cue_at(text, toks, v) else {
            continue;
        };
        if cue != Cue::Finite {
            return None;
        }
        let (mut mention, mut appositive, subject) =
            subject_kept(text, &toks[..v], t.span().start, reborrow(&mut keep))?;
        // The mention's tokens, while they are known.
        let mut mtoks = Some(subject);
        // The subject must start the frame (modulo a conjunction), not be an object.
        let lead = toks
            .iter()
            .position(|t| t.span().start >= mention.start)
            .unwrap_or(0);
        if lead > 0 && role_lead(text, &toks[..lead]) {
            // "poll analyst Dana Kirk said": role words lead the phrase.
            mention = Span::new(toks[0].span().start, mention.end);
            // (The subject's tokens start at `lead`, the first of its span.)
            mtoks = Some(&toks[..lead + subject.len()]);
        } else if lead > 1 {
            // "a welcome message on the website reads": a whole phrase with a preposition.
            let head = &toks[..v];
            let whole = head.len() <= 10
                && head.iter().all(|t| t.kind == Tk::Word)
                && can_start_np(w(text, &head[0]))
                && !head
                    .iter()
                    .enumerate()
                    .any(|(i, t)| cue_at(text, head, i).is_some() || t.pronoun());
            if !whole {
                // "Nate Silver, the polling guru who founded the site, tweeted": a name
                // opening the frame, then its appositive, up to the verb.
                let comma = head.iter().position(|t| t.kind == Tk::Comma)?;
                let name = &head[..comma];
                let rest = &head[comma + 1..];
                let words = rest
                    .iter()
                    .rposition(|t| t.kind == Tk::Word)
                    .map_or(0, |i| i + 1);
                let ok = (1..=6).contains(&name.len())
                    && is_name_phrase(text, name)
                    && words > 0
                    && rest.iter().all(|t| matches!(t.kind, Tk::Word | Tk::Comma))
                    && !rest[..words].last().is_some_and(|t| t.pronoun());
                // "Sanders's campaign manager, Jeff Weaver, said": a role, then the name.
                let role_first = !ok
                    && (1..=8).contains(&name.len())
                    && name.iter().all(|t| t.kind == Tk::Word)
                    && (name.last().is_some_and(|t| {
                        lex::is_title_word(w(text, t)) || lex::is_honorific(w(text, t))
                    }) || kin_or_role_np(text, name))
                    && can_start_np(w(text, &name[0]))
                    && is_name_phrase(text, &rest[..words])
                    && tokens_in(rest, mention).len() == words;
                if role_first {
                    return Some(Found {
                        mention,
                        appositive: span_of(name),
                        verb: t.span(),
                        mtoks,
                    });
                }
                if !ok {
                    return None;
                }
                return Some(Found {
                    mention: span_of(name)?,
                    appositive: span_of(&rest[..words]),
                    verb: t.span(),
                    mtoks: None,
                });
            }
            mention = span_of(head)?;
            appositive = None;
            mtoks = None;
        }
        if strict {
            let rest = &toks[v + 1..];
            let ends = rest.is_empty()
                || rest
                    .iter()
                    .take(8)
                    .any(|t| matches!(t.kind, Tk::End | Tk::Comma));
            if !ends {
                return None;
            }
        }
        return Some(Found {
            mention,
            appositive,
            verb: t.span(),
            mtoks,
        });
    }
    None
}

/// Tries the sentence before a quote: the first cue of the sentence whose speaker can be
/// found (the outermost reporting clause), or, when the quote opens a sentence, a
/// clause-final attribution ending the sentence before (`…, Schiff said. "…"`). The
/// subjects it reads before finite speech verbs are kept in `keep` ([`KeptSubjects`]).
fn before_quote<'t>(
    text: &str,
    toks: &'t [Tok],
    after_quote: bool,
    mut keep: Keep<'_>,
) -> Option<Found<'t>> {
    let start = toks
        .iter()
        .rposition(|t| t.kind == Tk::End)
        .map_or(0, |i| i + 1);
    let sent = &toks[start..];
    if !sent.iter().any(|t| t.kind == Tk::Word) {
        let end = start.checked_sub(1)?;
        // Right after another quote, the sentence is that quote's attribution.
        let ps_start = toks[..end]
            .iter()
            .rposition(|t| t.kind == Tk::End)
            .map_or(0, |i| i + 1);
        if after_quote && ps_start == 0 {
            return None;
        }
        return previous_sentence(text, &toks[..end]);
    }
    // "From the report: “…”": the source of an excerpt.
    if let [first, .., colon] = sent {
        if colon.kind == Tk::Colon && wb(text, first) == b"From" {
            if let Some(np) = np_after(text, &sent[1..sent.len() - 1]) {
                return Some(Found {
                    mention: np,
                    appositive: None,
                    verb: first.span(),
                    mtoks: None,
                });
            }
        }
    }
    // "… surprise Republican pollster Daron Shaw: “…”": a name right before a colon.
    if let [.., last, colon] = sent {
        if colon.kind == Tk::Colon && last.kind == Tk::Word && last.name() {
            let words_end = sent.len() - 1;
            // Not the object of a verb or preposition: "told The Daily News: “…”".
            let object = |np: &Span| {
                sent.iter()
                    .rev()
                    .find(|t| t.span().end <= np.start)
                    .is_some_and(|t| {
                        t.kind == Tk::Word
                            && (takes_addressee(w(text, t))
                                || ends_subject(w(text, t))
                                    && !matches!(w(text, t), "and" | "or" | "but"))
                    })
            };
            if let Some(np) = np_at_end(text, &sent[..words_end]).filter(|np| !object(np)) {
                let ntoks = tokens_in(sent, np);
                let named = trailing_name(text, ntoks).is_some_and(|(s, e)| e - s >= 2);
                // "Clinton: “…”" — a debate transcript line.
                let alone = ntoks.len() == 1 && words_end == 1 && ntoks[0].name();
                if (ntoks.len() >= 2 && named) || alone {
                    return Some(Found {
                        mention: np,
                        appositive: None,
                        verb: colon.span(),
                        mtoks: None,
                    });
                }
            }
        }
    }
    // The cue nearest the quote, climbing out of nested reports: in "X says he feels he
    // did “great”" the speaker of "feels" starts right after "says", so "X" is the
    // source. A possessive speech noun ("his claim") is a last resort.
    // "According to the report, Lee said “…”": the reported source opens the sentence and
    // covers all of it.
    // (A first word of another length than "according" is not handed to `according_to`.)
    if sent
        .first()
        .is_some_and(|t| t.span().len() == "according".len())
        && according_to(text, sent, 0)
    {
        if let Some(f) = speaker_of_cue(text, sent, 0, Cue::According, None) {
            return Some(f);
        }
    }
    // The cues are read from the one nearest the quote back: each earlier one only while
    // the report after it is nested in it (which is where a reading of every cue of the
    // sentence, first to last, would climb out to), so a long sentence's earlier cues need
    // no speaker. The earliest possessive is the last resort, when no other cue has one.
    let mut outermost: Option<(usize, Found)> = None;
    let mut possessive: Option<Found> = None;
    for v in (sent.len().saturating_sub(40)..sent.len()).rev() {
        let cue = cue_at(text, sent, v);
        let Some(f) = cue
            .and_then(|cue| speaker_of_cue(text, sent, v, cue, reborrow(&mut keep)))
            .filter(|f| plausible_subject(text, sent, f.mention))
        else {
            continue;
        };
        if cue == Some(Cue::Possessive) {
            possessive = Some(f);
            continue;
        }
        match outermost {
            Some((_, inner)) if !nested_report(text, sent, v, f, inner) => break,
            _ => outermost = Some((v, f)),
        }
    }
    outermost.map(|(_, f)| f).or(possessive)
}

/// True when the report `inner` (found after the cue at `sent[v]`) is nested in the report
/// `outer` of that cue: in "X says he feels he did “great”" the speaker of "feels" starts
/// right after "says", so "X" is the source ([`before_quote`]).
fn nested_report(text: &str, sent: &[Tok], v: usize, outer: Found, inner: Found) -> bool {
    let f = inner;
    let between = &sent[v + 1..];
    let gap = between
        .iter()
        .take_while(|t| t.span().start < f.mention.start)
        .filter(|t| {
            !(t.kind == Tk::Word
                && (matches!(w(text, t), "that" | "on" | "in") || is_verb_adjunct(w(text, t))))
        })
        .count();
    let outer = outer.mention;
    let in_pp = sent
        .iter()
        .rev()
        .find(|t| t.span().end <= outer.start)
        .is_some_and(|t| {
            matches!(
                w(text, t),
                "In" | "in" | "On" | "on" | "At" | "at" | "From" | "from" | "With" | "with"
            )
        });
    // "As for his attacks, she said": a comma before the inner subject ends the
    // fronted phrase, so the inner cue is no report inside the outer one.
    let fronted = between
        .iter()
        .take_while(|t| t.span().start < f.mention.start)
        .any(|t| t.kind == Tk::Comma);
    // In "Lee, who called Kirk, told them" the subject of "told" comes before the
    // relative clause, so "told" is no report inside "called".
    let before_relative =
        matches!(outer.get(text), Some("who" | "which")) && f.mention.start < outer.start;
    gap <= 5
        && !in_pp
        && !fronted
        && !before_relative
        && !matches!(f.mention.get(text), Some("who" | "which"))
}

/// True when a mention can be a speaker: it does not start with a preposition, a
/// participle or a sentence adverb.
fn plausible_subject(text: &str, toks: &[Tok], mention: Span) -> bool {
    // The first token of the mention (`tokens_in(toks, mention).first()`): the first that
    // starts in it, when it ends in it too, found without the search for the last.
    let s = toks.partition_point(|t| t.span().start < mention.start);
    let first = toks
        .get(s)
        .filter(|t| !mention.is_empty() && t.span().end <= mention.end);
    debug_assert!(
        first.map(std::ptr::from_ref) == tokens_in(toks, mention).first().map(std::ptr::from_ref)
    );
    let Some(first) = first else {
        return false;
    };
    // A pronoun of one or two bytes ("He", "I", "We") is plausible: the first two tests
    // of `plausible_subject_by_tests` ask for a longer word, the last for no pronoun. (Its
    // text is not cut out.)
    if first.pronoun() && first.span().len() <= 2 {
        return true;
    }
    plausible_subject_by_tests(text, toks, mention, first)
}

/// [`plausible_subject`] of a mention whose first token is `first`, by its tests alone
/// (without the short-pronoun shortcut, which gives what they give).
fn plausible_subject_by_tests(text: &str, toks: &[Tok], mention: Span, first: &Tok) -> bool {
    let x = w(text, first);
    let upper = x.chars().next().is_some_and(char::is_uppercase);
    if upper && x.len() >= 6 && x.ends_with("ing") && !first.name() {
        return false;
    }
    if upper
        && x.len() > 2
        && x.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && tokens_in(toks, mention).len() == 1
    {
        // A dateline ("WASHINGTON") rather than a speaker.
        return false;
    }
    // (A pronoun, from its class, before the stopword look-up: "He said".)
    !(!first.pronoun()
        && first.stopword()
        && !matches!(
            x,
            "The"
                | "A"
                | "An"
                | "This"
                | "These"
                | "Those"
                | "His"
                | "Her"
                | "Their"
                | "Its"
                | "Our"
                | "My"
                | "Republican"
                | "Republicans"
                | "Democrat"
                | "Democrats"
                | "Democratic"
        ))
}

/// The speaker of the cue at `v` in the sentence `sent`; the subject read before a finite
/// verb is kept in `keep` ([`KeptSubjects`]).
fn speaker_of_cue<'t>(
    text: &str,
    sent: &'t [Tok],
    v: usize,
    cue: Cue,
    keep: Keep<'_>,
) -> Option<Found<'t>> {
    let verb = sent[v].span();
    match cue {
        Cue::According => {
            let np = np_after(text, sent.get(v + 2..)?)?;
            return Some(Found {
                mention: np,
                appositive: None,
                verb: Span::new(sent[v].span().start, sent[v + 1].span().end),
                mtoks: None,
            });
        }
        Cue::Possessive => {
            // The possessor: "his", "Tom Reed's", "the senator's".
            let p = v - 1;
            let mut j = p;
            if !w(text, &sent[p])
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                || !sent[p].pronoun()
            {
                while j > 0 && sent[j - 1].kind == Tk::Word && p - j < 6 {
                    let x = w(text, &sent[j - 1]);
                    let upper = x.chars().next().is_some_and(char::is_uppercase);
                    if is_determiner(x) {
                        j -= 1;
                        break;
                    }
                    if !(upper || lex::is_title_word(x)) || sent[j - 1].stopword() {
                        break;
                    }
                    j -= 1;
                }
            }
            // "Sanders pushed his promise of “…”": a possessive pronoun points back to the
            // sentence's named subject.
            if matches!(w(text, &sent[p]), "his" | "her" | "their") {
                if let Some((m, _)) = sentence_subject(text, &sent[..p]) {
                    let mtoks = tokens_in(sent, m);
                    let named = trailing_name(text, mtoks).is_some_and(|(_, e)| e == mtoks.len());
                    if named && plausible_subject(text, sent, m) {
                        return Some(Found {
                            mention: m,
                            appositive: None,
                            verb,
                            mtoks: None,
                        });
                    }
                }
            }
            return Some(Found {
                mention: Span::new(sent[j].span().start, sent[p].span().end),
                appositive: None,
                verb,
                mtoks: None,
            });
        }
        Cue::NonFinite => {
            let before = &sent[..v];
            // "footage of Hillary Clinton asking": a name right before the participle.
            if let Some(p) = before.last().filter(|p| p.kind == Tk::Word && p.name()) {
                let _ = p;
                if let Some(np) = np_at_end(text, before) {
                    if trailing_name(text, tokens_in(before, np)).is_some() {
                        return Some(Found {
                            mention: np,
                            appositive: None,
                            verb,
                            mtoks: None,
                        });
                    }
                }
            }
            // ", saying": the subject of the clause right before, else of the sentence.
            let last_chunk = before
                .iter()
                .rposition(|t| t.kind == Tk::Word)
                .and_then(|e| {
                    let from = before[..e]
                        .iter()
                        .rposition(|t| t.kind != Tk::Word)
                        .map_or(0, |i| i + 1);
                    before.get(from..=e)
                })
                .filter(|c| c.len() > 1);
            let own = last_chunk
                .and_then(|c| sentence_subject(text, c))
                .filter(|(m, _)| {
                    plausible_subject(text, sent, *m)
                        && last_chunk.is_some_and(|c| tokens_in(c, *m).len() < c.len())
                });
            let (mention, appositive) = own.or_else(|| sentence_subject(text, before))?;
            return Some(Found {
                mention,
                appositive,
                verb,
                mtoks: None,
            });
        }
        Cue::Finite => {}
    }
    // "… and said", "… but added": the subject of the sentence.
    // (Both lists are of ASCII words: a token's bytes answer as its text would, `wb`.)
    let prev_word = sent[..v].iter().rev().find(|t| {
        t.kind != Tk::Word
            || !matches!(
                wb(text, t),
                b"also" | b"later" | b"then" | b"again" | b"once" | b"now"
            )
    });
    if prev_word.is_some_and(|t| t.kind == Tk::Word && matches!(wb(text, t), b"and" | b"but")) {
        // The subject of the clause holding the first verb ("he laughed and said"), else
        // of the sentence.
        let before = &sent[..v];
        let from = before
            .iter()
            .rposition(|t| t.kind != Tk::Word)
            .map_or(0, |i| i + 1);
        let own = sentence_subject(text, &before[from..])
            .filter(|(m, _)| from > 0 && plausible_subject(text, sent, *m));
        let (mention, appositive) = own.or_else(|| sentence_subject(text, before))?;
        return Some(Found {
            mention,
            appositive,
            verb,
            mtoks: None,
        });
    }
    // `..., said Sen. X: "…"` — verb first (not `…, told reporters: "…"`).
    if (v > 0 && sent[v - 1].kind == Tk::Comma || v == 0) && !takes_addressee(w(text, &sent[v])) {
        if let Some(np) = np_after(text, &sent[v + 1..]) {
            let next = sent.iter().find(|t| t.span().start >= np.end);
            let closed = next.is_some_and(|t| matches!(t.kind, Tk::Comma | Tk::Colon));
            if closed && !lex::is_pronoun(np.get(text).unwrap_or("")) {
                return Some(Found {
                    mention: np,
                    appositive: None,
                    verb,
                    mtoks: None,
                });
            }
        }
    }
    let (mention, appositive, mtoks) = subject_kept(text, &sent[..v], verb.start, keep)?;
    Some(Found {
        mention,
        appositive,
        verb,
        mtoks: Some(mtoks),
    })
}

/// "…, according to NP" later in the sentence after a quote (`toks` runs from the quote's
/// close mark; other quotes' contents are not in it): the reported source of the sentence.
fn according_tail<'t>(text: &str, toks: &'t [Tok]) -> Option<Found<'t>> {
    let end = toks
        .iter()
        .position(|t| t.kind == Tk::End)
        .unwrap_or(toks.len());
    let sent = &toks[..end];
    let i = (1..sent.len()).find(|&i| {
        according_to(text, sent, i) && matches!(sent[i - 1].kind, Tk::Comma | Tk::Word)
    })?;
    let np = np_after(text, sent.get(i + 2..)?)?;
    Some(Found {
        mention: np,
        appositive: None,
        verb: Span::new(sent[i].span().start, sent[i + 1].span().end),
        mtoks: None,
    })
}

/// False when the text of `block` holds no "according" nor "According" (it holds no
/// "ccording"): [`according_to`] is then false at every token of the block, and
/// [`according_tail`] finds nothing there.
fn may_say_according(text: &str, block: Span) -> bool {
    let bytes = text
        .as_bytes()
        .get(block.start..block.end)
        .unwrap_or_default();
    lex::may_say_according(bytes)
}

/// A clause-final attribution closing the sentence a quote sits in (`toks` runs from the
/// quote's close mark): `Costs are “too high” for now, Lee said in an interview.`
/// `open` is where a later quote ending in a comma left off (`“…,” Lee said`), the first
/// boundary tried; then the commas, from the last.
fn clause_final_tail<'t>(text: &str, toks: &'t [Tok], open: Option<usize>) -> Option<Found<'t>> {
    let end = toks
        .iter()
        .position(|t| t.kind == Tk::End)
        .unwrap_or(toks.len());
    let sent = &toks[..end];
    let boundaries = open.filter(|&o| o < sent.len()).into_iter().chain(
        (0..sent.len())
            .rev()
            .filter(|&c| sent[c].kind == Tk::Comma)
            .map(|c| c + 1),
    );
    for from in boundaries {
        let rest = &sent[from..];
        if rest.is_empty() {
            continue;
        }
        if cue_at(text, rest, 0) == Some(Cue::Finite) && !takes_addressee(w(text, &rest[0])) {
            if let Some(np) = rest.get(1..).and_then(|r| np_after(text, r)) {
                return Some(Found {
                    mention: np,
                    appositive: None,
                    verb: rest[0].span(),
                    mtoks: None,
                });
            }
        }
        if let Some(f) = subject_first(text, rest, false, None) {
            // Not a relative clause: ", whom he described as …".
            let relative = matches!(
                w(text, &rest[0]),
                "who" | "whom" | "which" | "that" | "whose" | "where" | "when"
            );
            if !relative && rest[0].span().start == f.mention.start {
                return Some(f);
            }
        }
    }
    None
}

/// A clause-final attribution ending the sentence `toks` (its end token removed):
/// `…, Schiff said`, `…, said Mr. Smith`.
fn previous_sentence<'t>(text: &str, toks: &'t [Tok]) -> Option<Found<'t>> {
    let start = toks
        .iter()
        .rposition(|t| t.kind == Tk::End)
        .map_or(0, |i| i + 1);
    let ps = &toks[start..];
    let n = ps.len();
    // Verb first anywhere in the sentence, its phrase running to a comma or the end:
    // "…, said activist Bob Klaus, who is not affiliated with a campaign."
    for v in (n.saturating_sub(40)..n).rev() {
        if v == 0
            || ps[v - 1].kind != Tk::Comma
            || takes_addressee(w(text, &ps[v]))
            || cue_at(text, ps, v) != Some(Cue::Finite)
        {
            continue;
        }
        let Some(np) = np_after(text, &ps[v + 1..]) else {
            continue;
        };
        let next = ps.iter().find(|t| t.span().start >= np.end);
        if next.is_none_or(|t| t.kind == Tk::Comma) {
            return Some(Found {
                mention: np,
                appositive: None,
                verb: ps[v].span(),
                mtoks: None,
            });
        }
    }
    for v in (n.saturating_sub(4)..n).rev() {
        if cue_at(text, ps, v) != Some(Cue::Finite) {
            continue;
        }
        // Verb first: ", said Mr. Smith".
        if v > 0 && ps[v - 1].kind == Tk::Comma && !takes_addressee(w(text, &ps[v])) {
            let np = np_after(text, &ps[v + 1..])?;
            return (np.end == ps[n - 1].span().end).then_some(Found {
                mention: np,
                appositive: None,
                verb: ps[v].span(),
                mtoks: None,
            });
        }
        // Subject first: ", Schiff said (on Twitter)".
        let (mention, appositive, mtoks) = subject_before(text, &ps[..v])?;
        let lead = ps.iter().position(|t| t.span().start >= mention.start)?;
        // "…, digital consultant Dana Kirk says": role words may lead the name.
        let from = ps[..lead]
            .iter()
            .rposition(|t| t.kind != Tk::Word)
            .map_or(0, |i| i + 1);
        let role_led = from < lead
            && (from == 0 || ps[from - 1].kind == Tk::Comma)
            && role_lead(text, &ps[from..lead]);
        let clause_final = lead == 0 || ps[lead - 1].kind == Tk::Comma || role_led;
        return clause_final.then_some(Found {
            mention,
            appositive,
            verb: ps[v].span(),
            mtoks: Some(mtoks),
        });
    }
    None
}

/// The subject of the sentence before a quote when it starts the sentence and is a person
/// (a name or a personal pronoun) or a short noun phrase; its verb is the word after it.
fn subject_fallback<'t>(text: &str, toks: &'t [Tok]) -> Option<Found<'t>> {
    let start = toks
        .iter()
        .rposition(|t| t.kind == Tk::End)
        .map_or(0, |i| i + 1);
    let sent = &toks[start..];
    let first = sent.first()?;
    let (mention, _) = sentence_subject(text, sent)?;
    // At the start of the sentence, or right after its introductory chunks.
    let after_intro = sent
        .iter()
        .rev()
        .find(|t| t.span().end <= mention.start)
        .is_some_and(|t| t.kind == Tk::Comma);
    let lead = sent.partition_point(|t| t.span().start < mention.start);
    let after_conjunction = (1..=3).contains(&lead)
        && sent[..lead]
            .iter()
            .all(|t| t.kind == Tk::Word && is_leading_conjunction(w(text, t)));
    if !(mention.start == first.span().start || after_intro || after_conjunction)
        || !plausible_subject(text, sent, mention)
    {
        return None;
    }
    let mtoks = tokens_in(sent, mention);
    // A person, or a short noun phrase ("The council", "The Rove ad").
    let person = (mtoks.len() == 1 && lex::is_personal_pronoun(w(text, &mtoks[0])))
        || trailing_name(text, mtoks).is_some_and(|(_, e)| e == mtoks.len());
    let lone_determiner = mtoks.len() == 1 && is_determiner(&w(text, &mtoks[0]).to_lowercase());
    let verb = sent
        .iter()
        .find(|t| t.span().start >= mention.end && t.kind == Tk::Word)?;
    // A phrase that runs on ("The long list of people waiting outside …") is no speaker.
    let runs_on = {
        let x = w(text, verb);
        (x.len() > 4 && x.ends_with("ing")) || ends_subject(x)
    };
    if !person && (mtoks.len() > 5 || lone_determiner || (mtoks.len() > 3 && runs_on)) {
        return None;
    }
    Some(Found {
        mention,
        appositive: None,
        verb: verb.span(),
        mtoks: None,
    })
}

/// The subject of the sentence right before a quote that opens its own sentence, when it
/// is a person or a short noun phrase: `Lee touted her record. “We need …”` (news style
/// gives a quote with no cue to the person the sentence before was about). Not after
/// another quote's own attribution (`“…,” Lee said. “…”`: a continuation).
fn previous_subject<'t>(text: &str, toks: &'t [Tok], after_quote: bool) -> Option<Found<'t>> {
    let end = toks.iter().rposition(|t| t.kind != Tk::Other)?;
    if toks[end].kind != Tk::End {
        return None;
    }
    let start = toks[..end]
        .iter()
        .rposition(|t| t.kind == Tk::End)
        .map_or(0, |i| i + 1);
    let ps = &toks[start..end];
    // Right after another quote, a sentence with a cue is that quote's attribution.
    if after_quote && start == 0 && (0..ps.len()).any(|i| cue_at(text, ps, i).is_some()) {
        return None;
    }
    let (mention, _) = sentence_subject(text, ps)?;
    if !plausible_subject(text, ps, mention) {
        return None;
    }
    let mtoks = tokens_in(ps, mention);
    let person = (mtoks.len() == 1 && lex::is_personal_pronoun(w(text, &mtoks[0])))
        || trailing_name(text, mtoks).is_some_and(|(_, e)| e == mtoks.len());
    // "The judge", "The former senator": a short definite noun phrase.
    let definite = (2..=4).contains(&mtoks.len()) && matches!(w(text, &mtoks[0]), "The" | "the");
    if !person && !definite {
        return None;
    }
    let verb = ps
        .iter()
        .find(|t| t.span().start >= mention.end && t.kind == Tk::Word)?;
    Some(Found {
        mention,
        appositive: None,
        verb: verb.span(),
        mtoks: None,
    })
}

/// Whether `label`, the text before a transcript label's colon, is a speaker's label: two
/// or more bytes long, with at least one capital letter, and only capitals, spaces, `.`, `'`
/// and `-`.
fn is_label(label: &str) -> bool {
    label.len() >= 2
        && label.chars().any(char::is_uppercase)
        && label
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || c == '-')
}

/// The bytes at a quote's start in which [`transcript_label`] looks for the label's colon,
/// slack bytes ([`crate::lex::slack_bytes`]) not counted.
const LABEL_BYTES: usize = 40;

/// The end of the window of [`LABEL_BYTES`] at the start of `content`, widened by its
/// slack bytes (so that a label with doubled spaces is read as with single ones) and cut
/// back to a character boundary (a window that ended inside a character was no window:
/// a quote whose 40th byte fell inside a curly quotation mark had no label).
fn label_window_end(text: &str, content: Span) -> usize {
    let plain = content.end.min(content.start + LABEL_BYTES);
    let end = lex::widen_forward(text.as_bytes(), content.start, plain, content.end);
    lex::floor_char(text, end)
}

/// A transcript label opening the quote: `"WALLACE: Let's start …"`.
fn transcript_label(text: &str, content: Span) -> Option<Found<'static>> {
    // Most quotes open with a word in lower case, or a capital and a lower-case letter:
    // ruled out at that letter, without a search for the colon (nor a cut of the text,
    // which the bytes need no test of character boundaries for). Only a quote whose first
    // 40 bytes are all a label's is read further for the window's slack.
    let bytes = text.as_bytes().get(content.start..content.end)?;
    let plain = bytes.len().min(LABEL_BYTES);
    let end = match may_open_label(&bytes[..plain]) {
        Some(false) => return None,
        Some(true) => label_window_end(text, content),
        None if plain == bytes.len() => return None,
        None => {
            let end = label_window_end(text, content);
            if may_open_label(&bytes[..end - content.start]) != Some(true) {
                return None;
            }
            end
        }
    };
    let s = content.get(text)?;
    let head = s.get(..end - content.start)?;
    let colon = head.find(':')?;
    is_label(&s[..colon]).then(|| Found {
        mention: Span::new(content.start, content.start + colon),
        appositive: None,
        verb: Span::new(content.start + colon, content.start + colon + 1),
        mtoks: None,
    })
}

/// Whether the first bytes of a quote, `head`, may open a transcript label
/// ([`transcript_label`]): `Some(false)` when before their first colon comes an ASCII
/// byte that is no capital and none of ` ` `.` `'` `-`, the other bytes of a label;
/// `Some(true)` at a colon or a byte outside ASCII before any such byte (its character may
/// be a capital); `None` when they are all a label's bytes, with no colon.
fn may_open_label(head: &[u8]) -> Option<bool> {
    for &b in head {
        if b == b':' || !b.is_ascii() {
            return Some(true);
        }
        if !(b.is_ascii_uppercase() || matches!(b, b' ' | b'.' | b'\'' | b'-')) {
            return Some(false);
        }
    }
    None
}

/// A person named in the text. Its offsets and indexes are kept in 32 bits (the text is
/// never longer: [`Options::MAX_SUPPORTED_INPUT_BYTES`]), so that a person is 44 bytes, not
/// 88 (a block dense with names holds a person every few tokens); read through the
/// accessors of the same names.
#[derive(Debug, Clone, Copy)]
struct Person {
    /// The full name.
    name32: Span32,
    /// Where its last word starts ([`Person::last`]: the word ends with the name).
    last_start32: u32,
    /// Where it was seen (mention position).
    at32: u32,
    block32: u32,
    /// The role written with the name there ("White House press secretary"), if any
    /// ([`Span32::NONE`] when none; [`Person::descriptor`]).
    descriptor32: Span32,
    /// Where the noun phrase starts that ends with the name and was split into the title
    /// words `descriptor` and the name ("Mayor Ann Lee"), [`NO_PHRASE`] when there is none
    /// ([`title_before_name`]): [`resolve`] takes that split again for a mention that is
    /// the same phrase ([`Registry::titled_split`]). [`SPEECH_SUBJECT`] (no phrase either)
    /// when the person was the subject of a speech verb there ([`Person::subject`]): a
    /// person so takes no byte of its own (and its padding) for that.
    titled_from32: u32,
    /// One past the index of the last person up to this one (in the registry) who was a
    /// speech subject with a full name ([`Registry::is_speaker`]), 0 when none; set by
    /// [`Registry::index_new_people`].
    last_speaker32: u32,
    /// The same for the last person with a full name.
    last_named32: u32,
    /// The same for the last person with a descriptor.
    last_described32: u32,
}

/// People named in the blocks read so far, in text order.
#[derive(Debug, Default)]
struct Registry {
    people: Vec<Person>,
    /// How many people have their indexes set ([`Registry::index_new_people`]).
    indexed: usize,
    /// While a block's people are being registered ([`register`]), where its speech
    /// subjects start: the people from `indexed` to here are the block's name runs, those
    /// from here on its speech subjects so far. Each of the two runs is in text order; the
    /// two together are not (until [`sort_new_people`]).
    subjects_from: usize,
    /// Where the last search for a position among the people ended
    /// ([`Registry::people_before`], once every person is indexed): quotes ask in text
    /// order, so the next search starts there. Only a hint: the answer is the same from
    /// any start.
    last_before: std::cell::Cell<usize>,
    /// A keyed hash of the text of every name longer than [`LONG_NAME_BYTES`] that a
    /// person was given, by the name's span ([`Registry::note_long_name`]): names of one
    /// length are told apart by it before their texts are compared
    /// ([`Registry::descriptor`]). A person whose full name was found by its surname takes
    /// the span of the earlier name, whose hash is there already.
    long_names: HashMap<(usize, usize), u64, FastBuild>,
    /// The cue masks of the block being registered ([`name_runs`]), kept for their room.
    cue_masks: Vec<u64>,
}

/// The longest name [`Registry::descriptor`] compares with another of its length byte for
/// byte, with no hash first ([`Registry::long_names`]).
const LONG_NAME_BYTES: usize = 32;

#[cfg(test)]
use std::cell::Cell;

#[cfg(test)]
thread_local! {
    /// The long names whose texts [`Registry::descriptor`] compared, on this thread.
    static LONG_NAMES_COMPARED: Cell<usize> = const { Cell::new(0) };
    /// The rests read by `clause_final_tail` and the mentions resolved by [`attribute_reading`]
    /// (not taken from the last quote's), on this thread.
    static SHARED_READINGS: Cell<usize> = const { Cell::new(0) };
    /// The bytes of words measured by [`tokenize_with`]'s general step, on this thread.
    static WORD_BYTES_MEASURED: Cell<usize> = const { Cell::new(0) };
}

/// A hash of `name` keyed at random once a process (SipHash, as `std`'s maps use), so
/// that no input can make many different names of one length share it.
fn long_name_key(name: &str) -> u64 {
    static KEYS: OnceLock<std::hash::RandomState> = OnceLock::new();
    std::hash::BuildHasher::hash_one(KEYS.get_or_init(std::hash::RandomState::new), name)
}

/// The people before a position, last first in text order ([`Registry::before`]): two
/// runs, each in text order, merged from their ends, then the earlier people, all before
/// the runs' people.
struct PeopleBefore<'r> {
    runs: [&'r [Person]; 2],
    earlier: &'r [Person],
}

impl<'r> Iterator for PeopleBefore<'r> {
    type Item = &'r Person;

    fn next(&mut self) -> Option<&'r Person> {
        let [a, b] = &mut self.runs;
        // The later of the two runs' last people, the second run's at an equal key.
        let run = match (a.last(), b.last()) {
            (Some(p), Some(q)) if (p.at(), p.subject()) > (q.at(), q.subject()) => a,
            (Some(_), Some(_)) | (None, Some(_)) => b,
            (Some(_), None) => a,
            (None, None) => &mut self.earlier,
        };
        let (p, rest) = run.split_last()?;
        *run = rest;
        Some(p)
    }
}

/// How many of the `n` latest people of two runs together (each in text order by `(at,
/// subject)`, no key in both) are in the first run: the `n` latest are a suffix of each run,
/// and the split is found by binary search (the first run gives too few while its latest
/// person left out is later than the second run's earliest taken).
fn latest_split(a: &[Person], b: &[Person], n: usize) -> usize {
    debug_assert!(n <= a.len() + b.len());
    let key = |p: &Person| (p.at(), p.subject());
    let too_few =
        |x: usize| x < a.len() && x < n && key(&a[a.len() - x - 1]) > key(&b[b.len() - (n - x)]);
    let (mut lo, mut hi) = (n.saturating_sub(b.len()), n.min(a.len()));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if too_few(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

impl Person {
    /// The person named `name` (its last word from `last_start`), seen at `at` in block
    /// `block`, with the role `descriptor` and the [`Person::titled_from`] `titled_from`; no
    /// indexes set.
    fn new(
        name: Span,
        last_start: usize,
        at: usize,
        block: usize,
        descriptor: Option<Span>,
        titled_from: usize,
    ) -> Person {
        // (Offsets and indexes are below the text's length, and the two marks of
        // `titled_from` are 32-bit values: all fit.)
        Person {
            name32: Span32::new(name),
            last_start32: last_start as u32,
            at32: at as u32,
            block32: block as u32,
            descriptor32: Span32::of(descriptor),
            titled_from32: titled_from as u32,
            last_speaker32: 0,
            last_named32: 0,
            last_described32: 0,
        }
    }

    /// The full name.
    #[inline(always)]
    fn name(&self) -> Span {
        self.name32.span()
    }

    /// Where its last word starts ([`Person::last`]: the word ends with the name).
    #[inline(always)]
    fn last_start(&self) -> usize {
        self.last_start32 as usize
    }

    /// Where it was seen (mention position).
    #[inline(always)]
    fn at(&self) -> usize {
        self.at32 as usize
    }

    /// The block it was seen in.
    #[inline(always)]
    fn block(&self) -> usize {
        self.block32 as usize
    }

    /// Where the phrase split into title words and name starts, or [`NO_PHRASE`] or
    /// [`SPEECH_SUBJECT`] ([`Person::titled_from32`]).
    #[inline(always)]
    fn titled_from(&self) -> usize {
        self.titled_from32 as usize
    }

    /// [`Person::last_speaker32`].
    #[inline(always)]
    fn last_speaker(&self) -> usize {
        self.last_speaker32 as usize
    }

    /// [`Person::last_named32`].
    #[inline(always)]
    fn last_named(&self) -> usize {
        self.last_named32 as usize
    }

    /// [`Person::last_described32`].
    #[inline(always)]
    fn last_described(&self) -> usize {
        self.last_described32 as usize
    }

    /// The last word of the name.
    fn last(&self) -> Span {
        Span::new(self.last_start(), self.name().end)
    }

    /// True when the person was the subject of a speech verb there.
    #[inline(always)]
    fn subject(&self) -> bool {
        self.titled_from() == SPEECH_SUBJECT
    }

    /// The role written with the name there, if any.
    #[inline]
    fn descriptor(&self) -> Option<Span> {
        self.descriptor32.get()
    }
}

impl Registry {
    /// No people (nothing allocated).
    const fn empty() -> Registry {
        Registry {
            people: Vec::new(),
            indexed: 0,
            subjects_from: 0,
            last_before: std::cell::Cell::new(0),
            long_names: HashMap::with_hasher(FastBuild::new()),
            cue_masks: Vec::new(),
        }
    }

    /// Empties the registry for another text, keeping the room of its people (the long
    /// names' map, seldom used, is dropped).
    fn clear(&mut self) {
        self.people.clear();
        self.indexed = 0;
        self.subjects_from = 0;
        self.last_before.set(0);
        if !self.long_names.is_empty() {
            self.long_names = HashMap::default();
        }
    }

    /// A speech subject with a full name: the first choice of a pronoun.
    fn is_speaker(p: &Person) -> bool {
        p.subject() && p.name() != p.last()
    }

    /// Sets [`Person::last_speaker`], [`Person::last_named`] and [`Person::last_described`]
    /// of the people added since the last call (call it once a block's people are in their final order).
    fn index_new_people(&mut self) {
        let (mut speaker, mut named, mut described) =
            self.indexed.checked_sub(1).map_or((0, 0, 0), |i| {
                let p = &self.people[i];
                (p.last_speaker(), p.last_named(), p.last_described())
            });
        for (i, p) in self.people.iter_mut().enumerate().skip(self.indexed) {
            if Registry::is_speaker(p) {
                speaker = i + 1;
            }
            if p.name() != p.last() {
                named = i + 1;
            }
            if p.descriptor().is_some() {
                described = i + 1;
            }
            // (Indexes of people, fewer than the text's bytes.)
            p.last_speaker32 = speaker as u32;
            p.last_named32 = named as u32;
            p.last_described32 = described as u32;
        }
        self.indexed = self.people.len();
    }

    /// The people seen before position `at`, last first in text order (by `(at,
    /// subject)`, the order [`sort_new_people`] gives), back to the first of the blocks
    /// `lookback` before `block` and at most [`MAX_REGISTRY_SCAN`] of them.
    fn window<'r>(
        &'r self,
        at: usize,
        block: usize,
        lookback: usize,
    ) -> impl Iterator<Item = &'r Person> + 'r {
        self.before(at)
            .take_while(move |p| p.block().saturating_add(lookback) >= block)
            .take(MAX_REGISTRY_SCAN)
    }

    /// Every person seen before position `at`, last first in text order. People are
    /// pushed block by block in text order, so those before `at` are found by binary
    /// search instead of skipping every later entry of a long block (quadratic on one-block
    /// texts). Once every person is indexed ([`Registry::index_new_people`]) they are in
    /// text order, and those before `at` are a prefix. While a block is registered they are
    /// not: its name runs and its speech subjects are two runs, each in text order, after the
    /// earlier blocks' people; each of the three gives its prefix before `at`, and the two
    /// runs are merged (so the answer does not depend on where an earlier search ended).
    fn before(&self, at: usize) -> PeopleBefore<'_> {
        if self.indexed == self.people.len() {
            let before = self.people_before(at);
            return PeopleBefore {
                runs: [&self.people[..before], &[]],
                earlier: &[],
            };
        }
        /// The people of `run` before `at` (most often all of them: asked first).
        fn prefix(run: &[Person], at: usize) -> &[Person] {
            if run.last().is_none_or(|p| p.at() < at) {
                return run;
            }
            &run[..run.partition_point(|p| p.at() < at)]
        }
        let (earlier, new) = self.people.split_at(self.indexed);
        let split = self.subjects_from.clamp(self.indexed, self.people.len());
        let (names, subjects) = new.split_at(split - self.indexed);
        PeopleBefore {
            runs: [prefix(names, at), prefix(subjects, at)],
            earlier: prefix(earlier, at),
        }
    }

    fn surname(
        &self,
        text: &str,
        surname: &str,
        at: usize,
        block: usize,
        lookback: usize,
    ) -> Option<(Span, Option<Span>)> {
        let p = self.last_in_window(at, block, lookback, |p| {
            // (A last word of another length is passed over without cutting it out.)
            let last = p.last();
            last.len() == surname.len() && last.get(text) == Some(surname) && p.name() != last
        })?;
        Some((p.name(), self.descriptor(text, p, block, lookback)))
    }

    /// The last person of [`Registry::window`] (at `at`) of whom `is_it` holds. When every
    /// person is indexed ([`Registry::index_new_people`]), the people are in text order and
    /// the window is a run of indexes, read as a slice (as by [`Registry::pronoun_person`]);
    /// else (while a block is read) through the window's filters.
    fn last_in_window(
        &self,
        at: usize,
        block: usize,
        lookback: usize,
        is_it: impl Fn(&Person) -> bool,
    ) -> Option<&Person> {
        if self.indexed < self.people.len() {
            let p = self.last_while_registering(at, block, lookback, &is_it);
            debug_assert_eq!(
                p.map(|p| p as *const Person),
                self.window(at, block, lookback)
                    .find(|p| is_it(p))
                    .map(|p| p as *const Person)
            );
            return p;
        }
        let before = self.people_before(at);
        let lo = self.window_start(before, block, lookback);
        let p = self.people[lo..before].iter().rev().find(|p| is_it(p));
        debug_assert_eq!(
            p.map(|p| p as *const Person),
            self.window(at, block, lookback)
                .find(|p| is_it(p))
                .map(|p| p as *const Person)
        );
        p
    }

    /// [`Registry::last_in_window`] while a block is registered, without merging the two
    /// runs of [`Registry::before`] person by person: the window holds the latest
    /// [`MAX_REGISTRY_SCAN`] people of the two runs together (all of the block being read,
    /// so inside any lookback), a suffix of each run ([`latest_split`]), then earlier
    /// people while there is room. The last match is the later of the two suffixes' last
    /// matches, else the last match among the earlier people.
    fn last_while_registering(
        &self,
        at: usize,
        block: usize,
        lookback: usize,
        is_it: &impl Fn(&Person) -> bool,
    ) -> Option<&Person> {
        let PeopleBefore {
            runs: [a, b],
            earlier,
        } = self.before(at);
        if [a, b].iter().any(|run| {
            run.first()
                .is_some_and(|p| p.block().saturating_add(lookback) < block)
        }) {
            // (Not asked by `register`, whose look-ups are of its own block.)
            return self.window(at, block, lookback).find(|p| is_it(p));
        }
        let n = (a.len() + b.len()).min(MAX_REGISTRY_SCAN);
        let from_a = latest_split(a, b, n);
        let a = &a[a.len() - from_a..];
        let b = &b[b.len() - (n - from_a)..];
        let key = |p: &Person| (p.at(), p.subject());
        match (
            a.iter().rev().find(|p| is_it(p)),
            b.iter().rev().find(|p| is_it(p)),
        ) {
            (Some(p), Some(q)) => Some(if key(p) > key(q) { p } else { q }),
            (Some(p), None) | (None, Some(p)) => Some(p),
            (None, None) => earlier
                .iter()
                .rev()
                .take_while(|p| p.block().saturating_add(lookback) >= block)
                .take(MAX_REGISTRY_SCAN - n)
                .find(|p| is_it(p)),
        }
    }

    /// The person a personal pronoun at `at` of block `block` points back to: the last
    /// speech subject with a full name in [`Registry::window`], else the last person with a
    /// full name there. Needs every block's people indexed ([`Registry::index_new_people`]).
    fn pronoun(
        &self,
        text: &str,
        at: usize,
        block: usize,
        lookback: usize,
    ) -> Option<(Span, Option<Span>)> {
        let p = self.pronoun_person(at, block, lookback);
        debug_assert_eq!(
            p.map(|p| p as *const Person),
            self.pronoun_person_by_scan(at, block, lookback)
                .map(|p| p as *const Person)
        );
        let p = p?;
        Some((p.name(), self.descriptor(text, p, block, lookback)))
    }

    /// [`Registry::pronoun`]'s person, from the indexes: the people are in text order
    /// (sorted by `at`) and by block, so the window is a run of indexes `lo..before`, and
    /// the last match in it is the last match up to `before - 1` when that is in the run.
    fn pronoun_person(&self, at: usize, block: usize, lookback: usize) -> Option<&Person> {
        debug_assert_eq!(self.indexed, self.people.len(), "people not indexed");
        let before = self.people_before(at);
        let lo = self.window_start(before, block, lookback);
        let last = before.checked_sub(1)?;
        let in_window = |one_past: usize| one_past > lo;
        let p = &self.people[last];
        [p.last_speaker(), p.last_named()]
            .into_iter()
            .find(|&i| in_window(i))
            .map(|i| &self.people[i - 1])
    }

    /// The start of [`Registry::window`] (as an index of `people`, the window being the
    /// people from there to `before`, the people before its position, last first): the
    /// first person of the recent blocks, or `MAX_REGISTRY_SCAN` back, whichever comes
    /// later. Only the last `MAX_REGISTRY_SCAN` people are searched for it, from the first
    /// of them (most often in a recent block already).
    fn window_start(&self, before: usize, block: usize, lookback: usize) -> usize {
        let floor = before.saturating_sub(MAX_REGISTRY_SCAN);
        floor
            + lex::partition_point_near(&self.people[floor..before], 0, |p| {
                p.block().saturating_add(lookback) < block
            })
    }

    /// The descriptor of the last person of [`Registry::window`] (at `at`) who has one and
    /// of whom `same` holds. The people indexed ([`Registry::index_new_people`]) are read
    /// by their [`Person::last_described`] links, from one with a descriptor to the one
    /// before: a window of people without any is not read person by person. While a
    /// block's people are being registered (some not indexed), the window is scanned.
    fn described_in_window(
        &self,
        at: usize,
        block: usize,
        lookback: usize,
        same: impl Fn(&Person) -> bool,
    ) -> Option<Span> {
        if self.indexed < self.people.len() {
            // A block's people are being registered: they are not indexed yet, nor in text
            // order, so there are no links to follow ([`Registry::last_in_window`] scans).
            return self
                .last_in_window(at, block, lookback, |q| q.descriptor().is_some() && same(q))
                .and_then(|q| q.descriptor());
        }
        let before = self.people_before(at);
        let lo = self.window_start(before, block, lookback);
        let link = |one_past: usize| {
            one_past
                .checked_sub(1)
                .filter(|&i| i >= lo)
                .map_or(0, |i| self.people[i].last_described())
        };
        let mut one_past = link(before);
        while one_past > lo {
            let q = &self.people[one_past - 1];
            if same(q) {
                return q.descriptor();
            }
            one_past = link(one_past - 1);
        }
        None
    }

    /// How many people were seen before position `at`: `people.partition_point(|p| p.at <
    /// at)`, searched from where the last search ended ([`lex::partition_point_near`]).
    /// Needs every person indexed: then they are in text order, and the answer does not
    /// depend on where the last search ended.
    fn people_before(&self, at: usize) -> usize {
        debug_assert_eq!(self.indexed, self.people.len(), "people not in text order");
        let before =
            lex::partition_point_near(&self.people, self.last_before.get(), |p| p.at() < at);
        self.last_before.set(before);
        before
    }

    /// The split of `mention` ([`split_mention`]) when a person of a name run was read from
    /// it as the same phrase: its title words and name ([`Person::titled_from`]). A person
    /// of the phrase is at the phrase's name, after its start and before its end. (Searched
    /// from where the last search ended, which it leaves as it was: the people are in text
    /// order, and the quotes' searches, in text order, go on from there.)
    fn titled_split(&self, mention: Span) -> Option<(Option<Span>, Option<Span>)> {
        debug_assert_eq!(self.indexed, self.people.len(), "people not in text order");
        let from = lex::partition_point_near(&self.people, self.last_before.get(), |p| {
            p.at() < mention.start
        });
        self.people[from..]
            .iter()
            .take_while(|p| p.at() < mention.end)
            .find(|p| p.titled_from() == mention.start && p.name().end == mention.end)
            .map(|p| (p.descriptor(), Some(p.name())))
    }

    /// [`Registry::pronoun_person`] by scanning the window, as a reference.
    fn pronoun_person_by_scan(&self, at: usize, block: usize, lookback: usize) -> Option<&Person> {
        self.window(at, block, lookback)
            .find(|p| Registry::is_speaker(p))
            .or_else(|| {
                self.window(at, block, lookback)
                    .find(|p| p.name() != p.last())
            })
    }

    /// Keeps the hash of a person's name ([`Registry::long_names`]) when it is longer than
    /// [`LONG_NAME_BYTES`] and not kept yet (a name's text is hashed once, whoever takes
    /// its span).
    fn note_long_name(&mut self, text: &str, name: Span) {
        if name.len() > LONG_NAME_BYTES {
            self.long_names
                .entry((name.start, name.end))
                .or_insert_with(|| long_name_key(name.get(text).unwrap_or("")));
        }
    }

    /// The role given with a person's name, there or at an earlier mention of the same name.
    ///
    /// The walk reads up to [`MAX_REGISTRY_SCAN`] people a quote. Long names of one length
    /// are told apart by their hashes ([`Registry::long_names`]) before their texts are
    /// compared: 256 described people with long names that differ only at the end, asked
    /// about by every quote of a long block of `"Yes," he said.`, compared their whole names
    /// each time (6.4 MB took 12.8 s).
    fn descriptor(&self, text: &str, p: &Person, block: usize, lookback: usize) -> Option<Span> {
        p.descriptor().or_else(|| {
            let name = p.name().get(text);
            let key_of = |q: &Person| {
                self.long_names
                    .get(&(q.name().start, q.name().end))
                    .copied()
            };
            let key = (p.name().len() > LONG_NAME_BYTES)
                .then(|| key_of(p))
                .flatten();
            // (A name of another length is passed over without cutting its text out, and
            // a long one of another hash too.)
            let same = |q: &Person| {
                q.name().len() == p.name().len()
                    && key.is_none_or(|a| key_of(q).is_none_or(|b| a == b))
                    && {
                        #[cfg(test)]
                        if key.is_some() {
                            LONG_NAMES_COMPARED.with(|n| n.set(n.get() + 1));
                        }
                        q.name().get(text) == name
                    }
            };
            let d = self.described_in_window(p.at(), block, lookback, same);
            debug_assert_eq!(
                d,
                self.window(p.at(), block, lookback)
                    .find(|q| q.descriptor().is_some() && same(q))
                    .and_then(|q| q.descriptor())
            );
            d
        })
    }
}

/// The words of a span, as tokens.
fn tokens_in(toks: &[Tok], span: Span) -> &[Tok] {
    tokens_from(
        toks,
        toks.partition_point(|t| t.span().start < span.start),
        span,
    )
}

/// [`tokens_in`], with the first token searched from index `near` outward: a step at a
/// time over the first [`NEAR_STEPS`] tokens (a quote's mention is most often a token or
/// two from the quote), then by [`lex::partition_point_near`]; and its tokens counted one
/// by one from there (a mention holds a few: a search of its span's length, as
/// [`tokens_from`] makes, reads more).
fn tokens_in_near(toks: &[Tok], near: usize, span: Span) -> &[Tok] {
    let starts_before = |t: &Tok| t.span().start < span.start;
    let mut s = near.min(toks.len());
    let mut steps = 0;
    while s > 0 && steps < NEAR_STEPS && !starts_before(&toks[s - 1]) {
        s -= 1;
        steps += 1;
    }
    while s < toks.len() && steps < NEAR_STEPS && starts_before(&toks[s]) {
        s += 1;
        steps += 1;
    }
    // `s` is the first token that does not start before the span when the one before it
    // does (or there is none) and it does not (or there is none); else it is searched for.
    let found =
        (s == 0 || starts_before(&toks[s - 1])) && toks.get(s).is_none_or(|t| !starts_before(t));
    if !found {
        s = lex::partition_point_near(toks, s, starts_before);
    }
    let rest = &toks[s..];
    let n = rest
        .iter()
        .position(|t| t.span().end > span.end)
        .unwrap_or(rest.len());
    debug_assert!(std::ptr::eq(&rest[..n], tokens_in(toks, span)));
    &rest[..n]
}

/// Tokens [`tokens_in_near`] steps over from its `near` before it searches.
const NEAR_STEPS: usize = 6;

/// The tokens of `span`, from `toks[s]` on, `s` the first token that starts in the span.
fn tokens_from(toks: &[Tok], s: usize, span: Span) -> &[Tok] {
    // Tokens are in text order, so those from `s` on ending by `span.end` are a prefix of
    // `toks[s..]` (empty when the tokens ending by then all come before `s`). They start
    // in the span and cover a byte each at least, so there are at most `span.len()` of
    // them: the prefix is searched for there, not in the rest of a long block.
    let rest = &toks[s..];
    let rest = &rest[..rest.len().min(span.len())];
    &rest[..rest.partition_point(|t| t.span().end <= span.end)]
}

/// Resolves a mention into an attribution, recording named speakers. `near` is the index in
/// `block_toks` of a token near the mention (the quote's).
fn resolve(
    text: &str,
    block_toks: &[Tok],
    near: usize,
    found: Found,
    registry: &mut LazyRegistry<'_>,
    block: usize,
    options: &Options,
) -> FoundAttribution {
    // (Taken as the reader found them, when it kept them: most quotes' are.)
    let mtoks = found
        .mtoks
        .unwrap_or_else(|| tokens_in_near(block_toks, near, found.mention));
    debug_assert!(std::ptr::eq(mtoks, tokens_in(block_toks, found.mention)));
    // Read only of a mention of one token (a pronoun's): a name's text is not cut out.
    let mention_text = if mtoks.len() == 1 {
        found.mention.get(text).unwrap_or("")
    } else {
        ""
    };
    let lookback = options.lookback_blocks();
    let base = FoundAttribution {
        speaker: found.mention,
        mention: Some(found.mention),
        descriptor: found.appositive,
        verb: Some(found.verb),
        resolution: Resolution::Explicit,
    };
    if mtoks.len() == 1 && matches!(mention_text, "who" | "which" | "that") {
        // A relative pronoun: the speaker is the phrase it hangs on.
        let end = block_toks.partition_point(|t| t.span().start < found.mention.start);
        let before = &block_toks[end.saturating_sub(MAX_FRAME_TOKENS)..end];
        let words_end = before
            .iter()
            .rposition(|t| t.kind == Tk::Word)
            .map_or(0, |i| i + 1);
        let from = before[..words_end]
            .iter()
            .rposition(|t| t.kind != Tk::Word)
            .map_or(0, |i| i + 1);
        if let Some(np) = np_at_end(text, &before[from..words_end]) {
            let (descriptor, name) = split_mention(text, tokens_in(block_toks, np));
            return FoundAttribution {
                speaker: name.unwrap_or(np),
                descriptor,
                resolution: Resolution::Pronoun,
                ..base
            };
        }
        return FoundAttribution {
            resolution: Resolution::Pronoun,
            ..base
        };
    }
    // (`lex::is_pronoun` of a one-word mention is its token's bit, when the mention is that
    // token's span.)
    let pronoun = mtoks.len() == 1
        && match mtoks.first() {
            Some(t) if t.span() == found.mention => t.pronoun(),
            _ => lex::is_pronoun(mention_text),
        };
    debug_assert_eq!(pronoun, mtoks.len() == 1 && lex::is_pronoun(mention_text));
    if pronoun {
        let resolved = if lex::is_personal_pronoun(mention_text) {
            registry
                .up_to(block, block_toks)
                .pronoun(text, found.mention.start, block, lookback)
        } else {
            None
        };
        return FoundAttribution {
            speaker: resolved.map_or(found.mention, |(name, _)| name),
            descriptor: found.appositive.or(resolved.and_then(|(_, d)| d)),
            resolution: Resolution::Pronoun,
            ..base
        };
    }
    // A possessor ("Tom Reed's claim") names its speaker without the suffix.
    let mut owned: Vec<Tok>;
    let mut mtoks = mtoks;
    // A mention that a person of the registry was read from ("Mayor Ann Lee", titles and a
    // name) is split as it was then: its tokens are the same words. (Not one ending in a
    // possessive suffix, which is split without it: its last word ends no name run.)
    let mut split = registry.titled_split(block, found.mention);
    debug_assert!(split.is_none_or(|s| s == split_mention(text, mtoks)));
    // (Both suffixes end in `s`: the text of a last word ending otherwise is not cut out.)
    if let Some(last) = mtoks.last().filter(|t| last_byte(text, t) == Some(b's')) {
        let lw = w(text, last);
        let suffix = ["'s", "’s"]
            .iter()
            .find(|s| lw.len() > s.len() && lw.ends_with(**s));
        if let Some(suffix) = suffix {
            owned = mtoks.to_vec();
            if let Some(l) = owned.last_mut() {
                let span = Span::new(l.span().start, l.span().end - suffix.len());
                *l = Tok::at(text, span, l.kind);
            }
            mtoks = &owned;
            split = None;
        }
    }
    let (descriptor, name) = split.unwrap_or_else(|| split_mention(text, mtoks));
    let descriptor = found.appositive.or(descriptor);
    let Some(name) = name else {
        return base;
    };
    // The name ends with the mention's last word (`trailing_name` reads back from it): it
    // is a word alone when it is that word's span, told without a search of the mention's
    // tokens for those of the name (`tokens_in`).
    let one_word = mtoks
        .iter()
        .rev()
        .find(|t| t.kind == Tk::Word)
        .is_some_and(|t| t.span() == name);
    debug_assert_eq!(one_word, tokens_in(mtoks, name).len() == 1);
    if one_word {
        if let Some((full, earlier)) = registry.up_to(block, block_toks).surname(
            text,
            name.get(text).unwrap_or(""),
            found.mention.start,
            block,
            lookback,
        ) {
            return FoundAttribution {
                speaker: full,
                descriptor: descriptor.or(earlier),
                resolution: Resolution::Surname,
                ..base
            };
        }
    }
    FoundAttribution {
        speaker: name,
        descriptor,
        ..base
    }
}

/// No phrase: the [`Person::titled_from`] of a person whose descriptor is not the title
/// words of a split phrase.
/// (A 32-bit value, as [`Person::titled_from32`] keeps it, past every text.)
const NO_PHRASE: usize = u32::MAX as usize;
/// The [`Person::titled_from`] of a speech subject ([`Person::subject`]): no phrase, as
/// [`NO_PHRASE`] (no text starts a phrase there either).
const SPEECH_SUBJECT: usize = u32::MAX as usize - 1;

/// The role written with the name `toks[i..j]`: title words before it ("White House press
/// secretary Josh Earnest") or an appositive after it ("Josh Earnest, the press secretary,");
/// and where the phrase split into those title words and the name starts ([`NO_PHRASE`]
/// for an appositive or no role).
fn name_descriptor(text: &str, toks: &[Tok], i: usize, j: usize) -> (Option<Span>, usize) {
    let (Some(first), Some(last)) = (toks.get(i), j.checked_sub(1).and_then(|k| toks.get(k)))
    else {
        return (None, NO_PHRASE);
    };
    let name = Span::new(first.span().start, last.span().end);
    // The words right before the name, back to a mark or MAX_MENTION_WORDS of them (the
    // search for the mark goes no further back).
    let floor = i.saturating_sub(MAX_MENTION_WORDS);
    let lo = floor
        + toks[floor..i]
            .iter()
            .rposition(|t| t.kind != Tk::Word)
            .map_or(0, |k| k + 1);
    if lo < i {
        let title = if stops_phrase_before(text, &toks[lo..j], i - lo) {
            debug_assert_eq!(title_before_name(text, &toks[lo..j], name), None);
            None
        } else {
            title_before_name(text, &toks[lo..j], name)
        };
        if let Some((title, from)) = title {
            return (Some(title), from);
        }
    }
    // ", the press secretary,": an appositive with a role word, closed by a comma.
    (appositive_after(text, toks, j), NO_PHRASE)
}

/// The appositive with a role word closed by a comma after the name that ends at `toks[j]`
/// (", the press secretary,"), as [`name_descriptor`] reads it.
fn appositive_after(text: &str, toks: &[Tok], j: usize) -> Option<Span> {
    if toks.get(j).is_some_and(|t| t.kind == Tk::Comma) {
        let rest = toks.get(j + 1..)?;
        let close = rest.iter().take(9).position(|t| t.kind != Tk::Word)?;
        let chunk = &rest[..close];
        if matches!(rest[close].kind, Tk::Comma | Tk::End)
            && is_appositive(text, chunk)
            && chunk.iter().any(|t| lex::is_title_word(w(text, t)))
        {
            return span_of(chunk);
        }
    }
    None
}

/// The title words before `name`, which ends `ws`: the descriptor of the noun phrase that
/// ends `ws` when its personal name is `name` ([`name_descriptor`]), and where that phrase
/// starts (its split, [`split_words`], is the title and `name`).
fn title_before_name(text: &str, ws: &[Tok], name: Span) -> Option<(Span, usize)> {
    // The phrase's tokens are those of its range in `ws` (the words of a phrase are in
    // text order, each of at least a byte: `tokens_in` of its span would find the same).
    let (a, b) = np_at_end_range(text, ws)?;
    let np_toks = &ws[a..b];
    debug_assert!(span_of(np_toks).is_some_and(|np| std::ptr::eq(np_toks, tokens_in(ws, np))));
    // (`ws` is words only: split without the test for marks.)
    let title = |(d, n): (Option<Span>, Option<Span>)| d.filter(|_| n == Some(name));
    let from = np_toks.first().map_or(NO_PHRASE, |t| t.span().start);
    // A phrase starting at or after the name's first word has no title before it: the
    // name `split_mention` reads ends it too, so it is the whole phrase with no descriptor,
    // or starts later than `name` (it is not split out).
    if np_toks
        .first()
        .is_some_and(|t| t.span().start >= name.start)
    {
        debug_assert_eq!(title(split_words(text, np_toks)), None);
        return None;
    }
    title(split_words(text, np_toks)).map(|d| (d, from))
}

/// True when the walk back of [`np_at_end`] over `ws`, past the name `ws[i..]` (at least
/// one word), cannot take in the word `ws[i - 1]` before it: a pronoun, a word that ends a
/// subject ("in", "and") or a speech verb read as a verb ("said"), and no preposition that
/// could end a postmodifier ("speaking to"). The phrase then starts at or after the name's
/// first word, with no title words before the name ([`title_before_name`] is `None`).
fn stops_phrase_before(text: &str, ws: &[Tok], i: usize) -> bool {
    // (Compared as bytes, `wb`: the words and the ending are ASCII.)
    let x = wb(text, &ws[i - 1]);
    if matches!(x, b"to" | b"with" | b"for") {
        return false;
    }
    // As in `np_at_end`: "the report", "his remarks" are nouns.
    let noun_reading =
        ws[i - 1].verb() && i >= 2 && makes_noun_of_verb(text, &ws[i - 2]) && !x.ends_with(b"ed");
    ws[i - 1].pronoun() || ws[i - 1].subject_end() || (ws[i - 1].verb() && !noun_reading)
}

/// Adds the people named in a block's outside-quote tokens to the registry: every run of
/// two or more name words, and the subject of every speech verb.
fn register(
    text: &str,
    toks: &[Tok],
    block: usize,
    kept: &[KeptSubject],
    registry: &mut Registry,
    options: &Options,
) {
    let first_new = registry.people.len();
    // Room for a person every eight tokens, made at once: a long block dense with names
    // grew the buffer by doubling, copying its people at every step.
    reserve_people(&mut registry.people, toks.len() / 8);
    // (Taken out while the name runs' closure holds the registry, and put back after.)
    let mut cues = std::mem::take(&mut registry.cue_masks);
    name_runs(text, toks, &mut cues, |i, j| {
        // Include a possessive last word as the name without its suffix? Keep it simple:
        // a run of two or more words is a full name.
        if j - i >= 2 {
            let name = Span::new(toks[i].span().start, toks[j - 1].span().end);
            let (descriptor, titled_from) = name_descriptor(text, toks, i, j);
            registry.note_long_name(text, name);
            registry.people.push(Person::new(
                name,
                toks[j - 1].span().start,
                toks[i].span().start,
                block,
                descriptor,
                titled_from,
            ));
        }
    });
    // Speech subjects (a run of their own: [`Registry::before`]).
    registry.subjects_from = registry.people.len();
    let first_subject = registry.subjects_from - first_new;
    // The first subject of `kept` not passed yet (they are in the order of their verbs).
    let mut next_kept = 0;
    // The verbs read are the words `may_cue` takes that have a name word in their clause
    // before them (`clause_has_name`). `may_cue` takes a cue word, or a capitalized word
    // opening its clause: the first token, or one after a sentence end or a comma; but
    // `clause_has_name` reads back from the token before the verb to the first name word
    // or clause end, and finds none for the first token (no token) nor after a sentence
    // end (which ends the clause, and is no dash). So only cue words and tokens after a
    // comma are asked: their bits, set by `name_runs` 64 tokens a mask, are walked from
    // set bit to set bit (a bit past the last token, after a comma ending the block, is
    // none), in text order.
    for (c, &bits) in cues.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            let v = c * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let Some(t) = toks.get(v) else { break };
            if !cue_candidate(text, t) {
                continue;
            }
            debug_assert!(may_cue(text, toks, v));
            let lo = v.saturating_sub(40);
            // Only a name makes a person: a clause with no name word before the verb has none
            // (asked before the cue is read in full: `cue_at` is `may_cue`, then `cue_of_word`).
            // A cue word ending in "ing" ("according", "saying") is no finite cue, and is not
            // read ([`may_be_finite`]; 745 of the 2,767 words read on the seed variants), its
            // last byte tested first (the test on every "said" cost quoted verbs and names
            // +0.4 a byte). One pass seed variants 73.76 → 73.55, web pages 76.46 → 76.43,
            // quote paragraphs 82.92 → 82.86 instructions a byte.
            if t.cue_word() && last_byte(text, t) == Some(b'g') && !may_be_finite(wb(text, t))
                || !clause_has_name(text, &toks[lo..v])
                || cue_of_word(text, toks, v) != Some(Cue::Finite)
            {
                continue;
            }
            // The mention's tokens are those the subject was read from (so is a full name in
            // the mention): taken as they are, not searched for.
            let verb = t.span().start;
            let Some((mention, appositive, mtoks)) =
                kept_subject_before(text, &toks[lo..v], verb, kept, &mut next_kept)
            else {
                continue;
            };
            debug_assert!(std::ptr::eq(mtoks, tokens_in(toks, mention)));
            let (descriptor, name) = split_mention(text, mtoks);
            let Some(name) = name else { continue };
            let n = tokens_in(mtoks, name);
            let descriptor = appositive.or(descriptor);
            let full = if n.len() >= 2 {
                Some((name, descriptor, n))
            } else {
                registry
                    .surname(
                        text,
                        name.get(text).unwrap_or(""),
                        mention.start,
                        block,
                        options.lookback_blocks(),
                    )
                    .map(|(full, earlier)| (full, earlier, tokens_in(toks, full)))
            };
            if let Some((full, earlier, full_toks)) = full {
                debug_assert!(std::ptr::eq(full_toks, tokens_in(toks, full)));
                let last = full_toks.last().map_or(full, |t| t.span());
                // The tokens of a name end with it (it is cut from the first to the last of
                // them), or there are none here (a full name from an earlier block).
                debug_assert_eq!(last.end, full.end);
                registry.note_long_name(text, full);
                registry.people.push(Person::new(
                    full,
                    last.start,
                    t.span().start,
                    block,
                    descriptor.or(earlier),
                    SPEECH_SUBJECT,
                ));
            }
        }
    }
    registry.cue_masks = cues;
    sort_new_people(&mut registry.people[first_new..], first_subject);
    registry.index_new_people();
}

/// True when `t`, a cue word or a token after a comma, is a word [`may_cue`] takes there:
/// a cue word, or a capitalized word but a pronoun (a comma opens a clause).
#[inline(always)]
fn cue_candidate(text: &str, t: &Tok) -> bool {
    t.cue_word() || (t.kind == Tk::Word && starts_upper(text, t) && !t.pronoun())
}

/// Makes room in `people` for `more` people, at the power-of-two capacity that growth by
/// doubling would reach for them (`Vec::reserve` of just `more` left a capacity that a
/// block with a few more people doubled: quoted verbs and names held some 37k people's
/// room, 3.9 MB, for 21k, and both buffers at once while it grew). A buffer with the room
/// already is left as it is.
fn reserve_people(people: &mut Vec<Person>, more: usize) {
    let need = people.len().saturating_add(more);
    if need > people.capacity() {
        people.reserve_exact(need.next_power_of_two() - people.len());
    }
}

/// True when the word `t` after a name word extends the run of name words that
/// [`register`] reads: a name word or a name particle ("de", "van"), with no possessive
/// `'s` or `’s` at its end. Every particle has 2 or 3 bytes and both suffixes end in `s`:
/// the text of a word of another length that is no name word, or of a name word ending
/// in another byte, is not cut out.
#[inline]
fn extends_name_run(text: &str, t: &Tok) -> bool {
    if !t.name() && !(2..=3).contains(&t.span().len()) {
        return false;
    }
    if t.name() && last_byte(text, t) != Some(b's') {
        return true;
    }
    let x = w(text, t);
    (t.name() || lex::is_name_particle(x)) && !x.ends_with("'s") && !x.ends_with("’s")
}

/// Sorts the people one block added ([`register`]) by position, as a stable sort by `at`
/// would, without its buffer (half the people of a long block). Name runs come first, each
/// at its own position and not a speech subject, then speech subjects, each at its own
/// verb: `(at, subject)` tells every two apart, and ranks a name run first at a shared
/// position, where it was pushed first. The speech subjects start at `first_subject`; each
/// run is in text order as pushed, so people of one kind only are not sorted (a block with
/// no speech subject, or no name run: most of them).
fn sort_new_people(people: &mut [Person], first_subject: usize) {
    if first_subject == 0 || first_subject >= people.len() {
        debug_assert!(people.is_sorted_by_key(|p| (p.at(), p.subject())));
        return;
    }
    people.sort_unstable_by_key(|p| (p.at(), p.subject()));
}

/// Tokenizes `block` outside its quotes `block_quotes` into `toks` (cleared first), with
/// `frames[i]` the token range before quote `i` and the last frame after the last quote.
fn tokenize_block(
    text: &str,
    block: Span,
    block_quotes: &[FoundQuote],
    toks: &mut Vec<Tok>,
    frames: &mut Vec<(usize, usize)>,
) {
    toks.clear();
    frames.clear();
    // A frame a quote and one after the last, made at once: a block of many quotes grew
    // the buffer by doubling, to up to twice its frames' room.
    let need = block_quotes.len() + 1;
    if need > frames.capacity() {
        frames.reserve_exact(need);
    }
    let table = word_table();
    let mut pos = block.start;
    // The segment before each quote, then the one after the last (one call site, so that
    // the tokenizer is inlined once).
    for k in 0..=block_quotes.len() {
        let seg = match block_quotes.get(k) {
            Some(q) => Span::new(pos, q.open().start.max(pos)),
            None => Span::new(pos.min(block.end), block.end),
        };
        let from = toks.len();
        tokenize_with::<true>(table, text, seg, toks);
        frames.push((from, toks.len()));
        if let Some(q) = block_quotes.get(k) {
            pos = q.close().map_or(block.end, |c| c.end).max(pos);
        }
    }
}

/// Calls `f(i, j)` for each run `toks[i..j]` of words that starts with a name word and
/// goes on with the words that extend it ([`extends_name_run`]), in order, each from the
/// first name word after the run before; and sets `cues` to the masks of the cue words and
/// of the tokens after a comma, 64 tokens a mask, that [`register`] reads speech verbs at
/// (a comma last sets the bit of the token after it, past the last token in the last
/// mask).
///
/// The name words are read 64 tokens at a time as the bits of a mask ([`token_masks`]):
/// the walk goes from name to name, with no branch at each token on whether it is one
/// (most are not, and which are varies from token to token). `next` is the first token
/// after the last run: a name word before it is in that run. The mask is of the name bit
/// alone, with no test of the token's kind: only a word has a class bit
/// ([`Tok::with_bits`]). One pass, against the kind tested too: seed variants 77.91 →
/// 77.79, web pages 82.97 → 82.89, quote paragraphs 88.50 → 88.42, quoted verbs and names
/// 173.67 → 173.26 instructions a byte. The cue masks are read in the same pass over the
/// tokens, where `register` walked every token again for its verbs (~17 instructions a
/// token): one pass seed variants 74.91 → 74.26, web pages 77.89 → 77.33, quote paragraphs
/// 83.87 → 83.37, quoted verbs and names 169.03 → 167.48.
#[inline(always)]
fn name_runs(text: &str, toks: &[Tok], cues: &mut Vec<u64>, mut f: impl FnMut(usize, usize)) {
    cues.clear();
    let mut next = 0usize;
    // The bit of the token after those read, 1 when the last of them is a comma.
    let mut after_comma = 0u64;
    for base in (0..toks.len()).step_by(64) {
        let [names, cue_bits] = token_masks(&toks[base..], &mut after_comma);
        cues.push(cue_bits);
        let mut names = names & bits_from(next.saturating_sub(base));
        while names != 0 {
            let i = base + names.trailing_zeros() as usize;
            let mut j = i + 1;
            while j < toks.len() && toks[j].kind == Tk::Word && extends_name_run(text, &toks[j]) {
                j += 1;
            }
            f(i, j);
            next = j;
            names &= bits_from(j - base);
        }
    }
}

/// The masks of the name words and of the cue words ([`Tok::cue_word`]) and tokens after a
/// comma among the tokens of `toks` from its first to its 64th (those past its end in
/// none, but the one after a comma last): bit `k` for token `k`. `after_comma` is the bit
/// of the first token, 1 when the token before it is a comma, and is set to that of the
/// token after the last one read.
///
/// No branch on the tokens (read as masks, then walked from set bit to set bit): four
/// tokens at a time, the classes and kind of each in a 16-bit lane ([`token_lanes`]), each
/// mask's four bits gathered from the lanes by one multiplication ([`lane_bits`]), ~10
/// instructions a token, where a fold of each mask bit by bit took 19 for three masks.
#[inline(always)]
fn token_masks(toks: &[Tok], after_comma: &mut u64) -> [u64; 2] {
    let toks = &toks[..toks.len().min(64)];
    let mut masks = [0u64; 2];
    let mut add = |lanes: u64, at: usize| {
        // Bit 0 of a lane is 1 for a comma: the only kind whose lowest two bits are 0
        // and 1 (checked below, when compiled). It is moved to the next lane, the last
        // one's to the next four tokens' first.
        let commas = (lanes >> 8) & !(lanes >> 9);
        let cues = lanes >> TOK_CUE.trailing_zeros() | commas << 16 | *after_comma;
        *after_comma = (commas >> 48) & 1;
        masks[0] |= lane_bits(lanes >> TOK_NAME.trailing_zeros()) << at;
        masks[1] |= lane_bits(cues) << at;
    };
    let mut fours = toks.chunks_exact(4);
    let mut at = 0;
    for four in &mut fours {
        add(token_lanes(four), at);
        at += 4;
    }
    if !fours.remainder().is_empty() {
        add(token_lanes(fours.remainder()), at);
    }
    masks
}

/// The first four tokens of `toks` (those past its end none), each in a 16-bit lane: its
/// classes ([`Tok::classes`], bits 0 to 7) and its kind (bits 8 to 15, [`Tk`]'s value),
/// lane `k` for token `k`.
#[inline(always)]
fn token_lanes(toks: &[Tok]) -> u64 {
    toks.iter().take(4).enumerate().fold(0, |lanes, (k, t)| {
        lanes | u64::from(u16::from(t.classes) | u16::from(t.kind as u8) << 8) << (16 * k)
    })
}

// A comma's kind is the only one whose lowest two bits are 0 and 1, as [`token_masks`]
// reads it in a lane.
const _: () = {
    let kinds = [Tk::Word, Tk::Comma, Tk::End, Tk::Colon, Tk::Other];
    let mut k = 0;
    while k < kinds.len() {
        let comma = matches!(kinds[k], Tk::Comma);
        assert!((kinds[k] as u8 & 3 == 1) == comma);
        k += 1;
    }
};

/// The lowest bits of the four 16-bit lanes of `lanes` as four bits, lane `k`'s bit `k`:
/// the multiplication moves each to bit 60 + its lane, the top four, and no two of its 16
/// products land on one bit (so no carry).
#[inline(always)]
fn lane_bits(lanes: u64) -> u64 {
    const LOWEST: u64 = 0x0001_0001_0001_0001;
    const GATHER: u64 = 1 << 60 | 1 << 45 | 1 << 30 | 1 << 15;
    (lanes & LOWEST).wrapping_mul(GATHER) >> 60
}

/// The mask of the bits from bit `n` on (none when `n` is 64 or more).
#[inline(always)]
fn bits_from(n: usize) -> u64 {
    u64::MAX
        .checked_shl(u32::try_from(n).unwrap_or(u32::MAX))
        .unwrap_or(0)
}

/// Most subjects [`KeptSubjects`] keeps: past them a subject is read again by [`register`].
const MAX_KEPT_SUBJECTS: usize = 1 << 12;

/// The subjects that the quote readers read before speech verbs ([`subject_first`] after a
/// quote, [`speaker_of_cue`] before one) in quoted blocks whose people are not read yet,
/// kept for [`register`], which reads the subject of every speech verb of a block when its
/// people are read: the subject of a verb after a quote (`"…," Lee said`) was read twice,
/// once by each (826 of the 1,941 subjects the registry read on the seed variants), and so
/// was that of a verb before one (`Lee told reporters: "…"`: with those kept too, the
/// registry reads 1,005 subjects afresh on the quote paragraphs, not 1,895). A subject is
/// read from the tokens of its clause alone ([`subject_in_clause`]), so one read from a
/// quote's frame is the one the registry would read from the block's tokens when its clause
/// starts at the same token, before the same verb, with the same dash before it; else it
/// is read again.
#[derive(Debug, Default)]
struct KeptSubjects {
    /// The subjects kept, block by block in text order.
    kept: Vec<KeptSubject>,
    /// The first subject not handed to [`register`] yet.
    next: usize,
    /// The block whose quotes are read: that of the subjects kept through a [`Keep`].
    block: usize,
}

/// A subject that [`KeptSubjects`] keeps.
#[derive(Debug, Clone, Copy)]
struct KeptSubject {
    block: usize,
    /// Where the verb's token starts.
    verb: usize,
    /// Where the first token of the clause read starts (a clause of no token is not kept).
    clause: usize,
    /// Whether a dash after a word opens the clause ([`subject_clause`]).
    after_dash: bool,
    /// What was read: the mention, its appositive, and the mention's tokens as a range of
    /// the clause's.
    subject: Option<(Span, Option<Span>, usize, usize)>,
}

/// Where the quote readers ([`subject_first`], [`speaker_of_cue`]) keep the subjects they
/// read for the registry: the kept subjects (of [`KeptSubjects::block`]), or nowhere.
type Keep<'k> = Option<&'k mut KeptSubjects>;

/// [`subject_before`] of `toks`, the tokens before the speech verb that starts at `verb`,
/// kept in `keep` when it is somewhere ([`KeptSubjects::read`]). Always inlined: out of
/// line, [`speaker_of_cue`] called it and it called [`subject_before`] (quoted verbs and
/// names +0.5 instructions a byte).
#[inline(always)]
fn subject_kept<'t>(
    text: &str,
    toks: &'t [Tok],
    verb: usize,
    keep: Keep<'_>,
) -> Option<SubjectToks<'t>> {
    match keep {
        Some(kept) => kept.read(text, toks, verb, kept.block),
        None => subject_before(text, toks),
    }
}

/// `keep` again, for one more call.
fn reborrow<'k>(keep: &'k mut Keep<'_>) -> Keep<'k> {
    keep.as_deref_mut()
}

impl KeptSubjects {
    /// No subjects (nothing allocated).
    const EMPTY: KeptSubjects = KeptSubjects {
        kept: Vec::new(),
        next: 0,
        block: 0,
    };

    /// Empties the list for another text, keeping its room.
    fn clear(&mut self) {
        self.kept.clear();
        self.next = 0;
        self.block = 0;
    }

    /// [`subject_before`] of `toks`, the tokens before the speech verb that starts at
    /// `verb` in block `block`, kept for the registry while there is room.
    fn read<'t>(
        &mut self,
        text: &str,
        toks: &'t [Tok],
        verb: usize,
        block: usize,
    ) -> Option<SubjectToks<'t>> {
        let (start, after_dash) = subject_clause(text, toks);
        let clause = &toks[start..];
        let Some(first) = clause.first() else {
            return subject_before(text, toks);
        };
        let subject = subject_in_clause(text, clause, after_dash);
        if self.kept.len() < MAX_KEPT_SUBJECTS {
            self.kept.push(KeptSubject {
                block,
                verb,
                clause: first.span().start,
                after_dash,
                subject: subject.map(|(mention, appositive, mtoks)| {
                    let from = place_in(clause, mtoks);
                    (mention, appositive, from, from + mtoks.len())
                }),
            });
        }
        subject
    }

    /// The subjects kept for block `block`, in the order of their verbs (each handed out
    /// once: the registry reads a block once).
    fn of_block(&mut self, block: usize) -> &[KeptSubject] {
        while self.kept.get(self.next).is_some_and(|k| k.block < block) {
            self.next += 1;
        }
        let from = self.next;
        while self.kept.get(self.next).is_some_and(|k| k.block == block) {
            self.next += 1;
        }
        // (Read quote by quote, mostly in order already; a verb read twice, from two
        // frames, is kept twice.)
        let of_block = &mut self.kept[from..self.next];
        of_block.sort_unstable_by_key(|k| k.verb);
        of_block
    }

    /// Drops the subjects handed out, when they are all of them.
    fn clear_read(&mut self) {
        if self.next >= self.kept.len() {
            self.kept.clear();
            self.next = 0;
        }
    }
}

/// The index in `toks` of the first token of `part`, a slice of it.
fn place_in(toks: &[Tok], part: &[Tok]) -> usize {
    (part.as_ptr() as usize - toks.as_ptr() as usize) / std::mem::size_of::<Tok>()
}

/// [`subject_before`] of `toks`, the tokens before the speech verb that starts at `verb`,
/// taken from `kept` when a quote reader read it there ([`KeptSubjects`]): `kept` are the
/// block's subjects in the order of their verbs, those from `*next` on not passed yet (the
/// verbs are asked about in text order).
fn kept_subject_before<'t>(
    text: &str,
    toks: &'t [Tok],
    verb: usize,
    kept: &[KeptSubject],
    next: &mut usize,
) -> Option<SubjectToks<'t>> {
    let (start, after_dash) = subject_clause(text, toks);
    let clause = &toks[start..];
    let Some(first) = clause.first() else {
        return subject_before(text, toks);
    };
    while kept.get(*next).is_some_and(|k| k.verb < verb) {
        *next += 1;
    }
    let same = kept[(*next).min(kept.len())..]
        .iter()
        .take_while(|k| k.verb == verb)
        .find(|k| k.clause == first.span().start && k.after_dash == after_dash);
    let Some(same) = same else {
        return subject_in_clause(text, clause, after_dash);
    };
    let subject = same.subject.and_then(|(mention, appositive, from, to)| {
        Some((mention, appositive, clause.get(from..to)?))
    });
    debug_assert!(same_subject(subject, subject_before(text, toks)));
    subject
}

/// True when two readings of a subject are the same: the same spans, from the same tokens.
fn same_subject(a: Option<SubjectToks<'_>>, b: Option<SubjectToks<'_>>) -> bool {
    match (a, b) {
        (Some((m, ap, t)), Some((n, aq, u))) => m == n && ap == aq && std::ptr::eq(t, u),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// The [`Registry`] of a text, filled only when a quote asks for a person: the people of
/// the blocks up to the quote's are then read ([`register`]), block by block in text
/// order as they would have been read as each block came, so each block is read with the
/// same people before it. A text whose quotes all name their speaker in full reads none.
///
/// Its lists are those of the thread's [`Buffers`], borrowed where they are and emptied
/// first ([`attribute_reading`]), not taken out of them and handed back: that moved nine
/// lists out and in again, built a fresh [`Registry`] and dropped the emptied lists, and
/// `attribute_reading`'s own instructions a text with quotes were 371, now 253 (the quote
/// paragraphs are 5,756 short texts). One pass: quote paragraphs 87.19 → 86.69
/// instructions a byte, seed variants and web pages as they were (77.06, 82.24 → 82.26),
/// quoted verbs and names 171.55 → 171.81 (its one block's loop over 42,800 quotes
/// compiled a little otherwise: some 6 instructions more a quote).
struct LazyRegistry<'a> {
    text: &'a str,
    blocks: &'a [Span],
    quotes: &'a [FoundQuote],
    options: &'a Options,
    /// The range in `quotes` of the quotes of each block seen so far, by block.
    block_quotes: &'a mut Vec<(usize, usize)>,
    registry: &'a mut Registry,
    /// The blocks `0..registered` are read.
    registered: usize,
    /// Token buffers for the blocks read here.
    toks: &'a mut Vec<Tok>,
    frames: &'a mut Vec<(usize, usize)>,
    /// The tokens of quoted blocks not read yet, kept (up to [`MAX_KEPT_TOKENS`]) so that
    /// they are not tokenized again when read: `kept_blocks` holds each block and its
    /// range in `kept`, in text order.
    kept: &'a mut Vec<Tok>,
    kept_blocks: &'a mut VecDeque<(usize, usize, usize)>,
    /// Most tokens kept ([`MAX_KEPT_TOKENS`] but in tests).
    max_kept: usize,
    /// The subjects the quote readers read in quoted blocks not read yet.
    subjects: &'a mut KeptSubjects,
}

/// Most tokens of quoted blocks kept for the registry ([`LazyRegistry::keep`]); past
/// them a block is tokenized again when read.
const MAX_KEPT_TOKENS: usize = 1 << 16;

impl std::fmt::Debug for LazyRegistry<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyRegistry")
            .field("registered", &self.registered)
            .finish_non_exhaustive()
    }
}

impl LazyRegistry<'_> {
    /// The registry with the people of blocks `0..=block` read; `block_toks` are the
    /// tokens of `block` (its quotes seen). Inlined: most calls find the blocks read
    /// already (every pronoun of a block after the first asks), and return the registry as
    /// it is, with no call; the reading is [`LazyRegistry::read_up_to`].
    #[inline]
    fn up_to(&mut self, block: usize, block_toks: &[Tok]) -> &Registry {
        if self.registered > block {
            // Nothing to read, and nothing kept: a kept block is one not read yet, so
            // `kept_blocks` is empty here, and `kept` was cleared when it last became so.
            debug_assert!(self.kept_blocks.is_empty() && self.kept.is_empty());
            return self.registry;
        }
        self.read_up_to(block, block_toks)
    }

    /// [`LazyRegistry::up_to`] with blocks to read: reads the people of the blocks from
    /// `registered` to `block`, block by block.
    #[inline(never)]
    fn read_up_to(&mut self, block: usize, block_toks: &[Tok]) -> &Registry {
        while self.registered <= block {
            let b = self.registered;
            let kept = match self.kept_blocks.front() {
                Some(&(k, start, end)) if k == b => {
                    self.kept_blocks.pop_front();
                    Some((start, end))
                }
                _ => None,
            };
            let toks: &[Tok] = if b == block {
                block_toks
            } else if let Some((start, end)) = kept {
                &self.kept[start..end]
            } else {
                let span = self.blocks[b];
                let (from, to) = self.block_quotes[b];
                let quotes = &self.quotes[from..to];
                tokenize_block(self.text, span, quotes, self.toks, self.frames);
                self.toks
            };
            let subjects = self.subjects.of_block(b);
            register(self.text, toks, b, subjects, self.registry, self.options);
            self.registered += 1;
        }
        if self.kept_blocks.is_empty() {
            self.kept.clear();
        }
        // (Subjects are kept only for blocks not read yet, all up to `block`.)
        self.subjects.clear_read();
        self.registry
    }

    /// [`Registry::titled_split`] of `mention` in `block` when the people of `block` are
    /// read already (`None` when they are not: they are not read for it).
    fn titled_split(&self, block: usize, mention: Span) -> Option<(Option<Span>, Option<Span>)> {
        if self.registered > block {
            self.registry.titled_split(mention)
        } else {
            None
        }
    }

    /// Keeps `toks`, the tokens of the quoted block `block` (not read yet), for
    /// [`LazyRegistry::up_to`], while they fit in [`LazyRegistry::max_kept`].
    fn keep(&mut self, block: usize, toks: &[Tok]) {
        if self.kept.len() + toks.len() <= self.max_kept {
            let start = self.kept.len();
            self.kept.extend_from_slice(toks);
            self.kept_blocks.push_back((block, start, self.kept.len()));
        }
    }
}

/// Attributes each quote; the result has one entry per quote.
pub(crate) fn attribute(
    text: &str,
    blocks: &[Span],
    quotes: &[FoundQuote],
    options: &Options,
) -> Attributions {
    attribute_into(text, blocks, quotes, options, Attributions::EMPTY)
}

/// [`attribute`], on the room of `lent`'s list: one lent from one parse to the next
/// ([`crate::scratch`]).
pub(crate) fn attribute_into(
    text: &str,
    blocks: &[Span],
    quotes: &[FoundQuote],
    options: &Options,
    lent: Attributions,
) -> Attributions {
    thread_local! {
        static BUFFERS: RefCell<Buffers> = const { RefCell::new(Buffers::empty()) };
    }
    crate::scratch::with_kept(&BUFFERS, |buffers| {
        let out = attribute_reading(
            text,
            blocks,
            quotes,
            options,
            Some(MAX_KEPT_TOKENS),
            buffers,
            lent,
        );
        buffers.recycle();
        out
    })
}

/// The buffers an attribution run fills ([`attribute_reading`]), kept on each thread from
/// text to text by [`attribute`]: a text's token, frame and people buffers were allocated
/// and grown afresh for every text.
#[derive(Debug, Default)]
struct Buffers {
    /// The tokens and frames of the quoted block being read.
    toks: Vec<Tok>,
    frames: Vec<(usize, usize)>,
    /// Those of a block read for the registry ([`LazyRegistry`]).
    registry_toks: Vec<Tok>,
    registry_frames: Vec<(usize, usize)>,
    /// [`LazyRegistry`]'s kept tokens and their blocks.
    kept: Vec<Tok>,
    kept_blocks: VecDeque<(usize, usize, usize)>,
    /// The [`Registry`] and its people.
    registry: Registry,
    /// [`LazyRegistry`]'s quote range of each block.
    block_quotes: Vec<(usize, usize)>,
    /// [`LazyRegistry`]'s kept subjects.
    subjects: KeptSubjects,
}

impl Buffers {
    /// No buffers (nothing allocated).
    const fn empty() -> Buffers {
        Buffers {
            toks: Vec::new(),
            frames: Vec::new(),
            registry_toks: Vec::new(),
            registry_frames: Vec::new(),
            kept: Vec::new(),
            kept_blocks: VecDeque::new(),
            registry: Registry::empty(),
            block_quotes: Vec::new(),
            subjects: KeptSubjects::EMPTY,
        }
    }

    /// Empties every buffer for the next text, dropping those that grew past
    /// [`MAX_KEPT_BYTES`] (so at most 2.5 MiB for all ten).
    fn recycle(&mut self) {
        recycle(&mut self.toks);
        recycle(&mut self.frames);
        recycle(&mut self.registry_toks);
        recycle(&mut self.registry_frames);
        recycle(&mut self.kept);
        self.registry.clear();
        recycle(&mut self.registry.people);
        recycle(&mut self.registry.cue_masks);
        recycle(&mut self.block_quotes);
        self.subjects.clear();
        recycle(&mut self.subjects.kept);
        self.kept_blocks.clear();
        let entry = std::mem::size_of::<(usize, usize, usize)>();
        if self.kept_blocks.capacity() * entry > MAX_KEPT_BYTES {
            self.kept_blocks = VecDeque::new();
        }
    }
}

/// [`attribute`], reading the people of the blocks only when a quote asks for them,
/// keeping up to `max_kept` tokens of quoted blocks not read yet ([`LazyRegistry`]); or
/// those of every block as it comes when `max_kept` is `None` (as a reference). Its buffers
/// are taken from `buffers` (whatever they hold is cleared first) and handed back there.
fn attribute_reading(
    text: &str,
    blocks: &[Span],
    quotes: &[FoundQuote],
    options: &Options,
    max_kept: Option<usize>,
    buffers: &mut Buffers,
    lent: Attributions,
) -> Attributions {
    let eager = max_kept.is_none();
    let mut out = Attributions::none_in(quotes.len(), lent);
    // A quote is resolved against the people of its own block and those before it: the
    // blocks after the last quote change nothing, and a text without quotes needs none.
    let Some(last_quoted) = quotes.iter().map(|q| q.block()).max() else {
        return out;
    };
    // (The lists are used where they are, emptied first: [`LazyRegistry`].)
    let Buffers {
        toks,
        frames,
        registry_toks,
        registry_frames,
        kept,
        kept_blocks,
        registry: people,
        block_quotes,
        subjects,
    } = buffers;
    block_quotes.clear();
    people.clear();
    kept.clear();
    kept_blocks.clear();
    subjects.clear();
    let mut registry = LazyRegistry {
        text,
        blocks,
        quotes,
        options,
        block_quotes,
        registry: people,
        registered: 0,
        toks: registry_toks,
        frames: registry_frames,
        kept,
        kept_blocks,
        max_kept: max_kept.unwrap_or(0),
        subjects,
    };
    // About a token per 6 bytes of the longest block at least, not to grow the buffer
    // token by token; capped so that a long block of few tokens takes no large buffer.
    // (A token per 8 bytes, at most 65,536, grew the buffer of the one block of quoted
    // verbs and names, a token per 7 bytes, twice, copying 196K tokens: 0.8 instructions a
    // byte of the 1 MB shape, at every parse, the buffer being too large to keep.)
    let longest = blocks.iter().take(last_quoted + 1).map(Span::len).max();
    toks.clear();
    toks.reserve((longest.unwrap_or(0) / 6).min(MAX_RESERVED_TOKENS));
    // Frame boundaries: frames[i] is the token range before quote i of the block.
    let mut qi = 0;
    for (bi, &block) in blocks.iter().enumerate().take(last_quoted + 1) {
        let q_start = qi;
        while qi < quotes.len() && quotes[qi].block() == bi {
            qi += 1;
        }
        let block_quotes = &quotes[q_start..qi];
        registry.block_quotes.push((q_start, qi));
        if block_quotes.is_empty() && !eager {
            // Its people are read when a quote asks for them (`LazyRegistry::up_to`).
            continue;
        }
        tokenize_block(text, block, block_quotes, toks, frames);
        if eager {
            registry.up_to(bi, toks);
        }
        // Whether a quote of the block was left without an attribution.
        let mut unattributed = false;
        // Whether the block's text holds "according" ([`may_say_according`]), once asked.
        let mut according_in_block: Option<bool> = None;
        // The first quote after the one read that ends a run of quotes in one sentence
        // ([`ends_rest_run`]), once asked: it only moves forward through the block.
        let mut run_end = 0;
        // The last rest read by `clause_final_tail` (its first token's start, its length and
        // `open`) and what it found there; and the last mention resolved (its spans) and its
        // attribution. Quotes with no token between them share their rest, and so their
        // mention: read once, not once a quote (each reading may scan every byte of a long
        // word of the rest, or compare it with a registered name: a paragraph of 1 MB of
        // `"a," "a," …` before one long word took 13 s).
        let mut rest_memo: Option<(RestKey, Option<Found<'_>>)> = None;
        let mut resolve_memo: Option<(FoundKey, FoundAttribution)> = None;
        // (The block whose subjects the quote readers keep.)
        registry.subjects.block = bi;

        for (k, q) in block_quotes.iter().enumerate() {
            let (bs, be) = frames[k];
            let before = &toks[bs.max(be.saturating_sub(MAX_FRAME_TOKENS))..be];
            let (as_, ae) = frames[k + 1];
            let after = if q.close().is_some() {
                &toks[as_..ae.min(as_ + MAX_FRAME_TOKENS)]
            } else {
                &[][..]
            };
            let content = q.content().get(text).unwrap_or("");
            let last = content.chars().next_back().unwrap_or(' ');
            let comma_after = after
                .first()
                .is_some_and(|t| matches!(t.kind, Tk::Comma | Tk::Other));
            let after_first =
                matches!(last, ',' | '?' | '!' | '—' | '-' | '–' | '…') || comma_after;
            // The subjects read before and after the quote are kept for the registry while it
            // has not read this block ([`KeptSubjects`]).
            let mut keep = (registry.registered <= bi).then_some(&mut *registry.subjects);
            // (Each later reading replaces `found` in place.)
            let mut found: Option<Found> = transcript_label(text, q.content());
            if found.is_none() {
                if after_first {
                    found = after_quote(text, after, false, reborrow(&mut keep));
                    if found.is_none() {
                        found = before_quote(text, before, k > 0, keep);
                    }
                } else {
                    found = before_quote(text, before, k > 0, reborrow(&mut keep));
                    if found.is_none() {
                        found = after_quote(text, after, true, keep);
                    }
                }
            }
            // A quote inside a sentence with no cue is the words of the sentence's subject
            // when that subject is a person ("Clinton opposes “arbitrary pay freezes”",
            // "Trump issued a statement, “…”").
            // A quote inside its sentence: a later "according to X" in the sentence wins.
            let ends_sentence = matches!(last, '.' | '?' | '!');
            // (Not read in a block with no "according": most of them. Its text is searched
            // for it once, at its first quote that asks.)
            let tail = if ends_sentence
                || q.close().is_none()
                || !*according_in_block.get_or_insert_with(|| may_say_according(text, block))
            {
                None
            } else {
                according_tail(text, &toks[as_..ae.min(as_ + MAX_FRAME_TOKENS)])
            };
            if tail.is_some() {
                found = tail;
            }
            // A possessive speech noun ("Lee's comments") is a last resort.
            // (Tokens are in text order and do not overlap: those ending by the verb's start
            // are a prefix, whose end is searched for, not found by a walk back from the end
            // of the block: quadratic on a long block of such quotes.)
            let possessive = found.is_some_and(|f| {
                is_speech_noun_at(text, f.verb)
                    && toks
                        .partition_point(|t| t.span().end <= f.verb.start)
                        .checked_sub(1)
                        .is_some_and(|i| is_possessive(w(text, &toks[i])))
            });
            if !ends_sentence && q.close().is_some() && (found.is_none() || possessive) {
                // Read only here, where it is used: the rest of the sentence, which runs on
                // through later quotes that do not end it (`Costs are “high” and
                // “rising,” Lee said.`).
                run_end = rest_run_end(text, block_quotes, k, run_end);
                let (rest, open) = sentence_rest(text, toks, frames, block_quotes, k, run_end);
                let key = (
                    rest.first().map_or(usize::MAX, |t| t.span().start),
                    rest.len(),
                    open,
                );
                let tail = match rest_memo {
                    Some((at, tail)) if at == key => tail,
                    _ => {
                        #[cfg(test)]
                        SHARED_READINGS.with(|n| n.set(n.get() + 1));
                        let tail = clause_final_tail(text, rest, open);
                        rest_memo = Some((key, tail));
                        tail
                    }
                };
                if tail.is_some() {
                    found = tail;
                }
            }
            if found.is_none() {
                found = subject_fallback(text, before);
            }
            if found.is_none() && !q.continues_previous {
                found = previous_subject(text, before, k > 0);
            }
            unattributed |= found.is_none();
            out.set(
                q_start + k,
                found
                    .map(|f| {
                        // (What `resolve` gives depends on the found spans alone: `be` is
                        // where its search starts.)
                        let key = (f.mention, f.appositive, f.verb);
                        match resolve_memo {
                            Some((at, a)) if at == key => a,
                            _ => {
                                #[cfg(test)]
                                SHARED_READINGS.with(|n| n.set(n.get() + 1));
                                let a = resolve(text, toks, be, f, &mut registry, bi, options);
                                resolve_memo = Some((key, a));
                                a
                            }
                        }
                    })
                    .and_then(|a| bounded(text, a)),
            );
        }
        // (A block whose quotes all have their own attribution has none to fill.)
        if unattributed {
            continuations(text, block, block_quotes, q_start, &mut out, quotes, blocks);
        }
        // Tokens a later quote may need to read this block's people.
        if registry.registered <= bi && bi < last_quoted {
            registry.keep(bi, toks);
        }
    }
    out
}

/// The longest speaker, mention and descriptor, in bytes, that an attribution gives: far
/// longer than any name or role (the longest in the bench corpora: 168 and 201 bytes). Every
/// quote resolved to a person ("he said", a surname) carries the person's name and role,
/// and every quote of a run that shares the rest of its sentence carries the mention there,
/// so a "name" of a word of megabytes, given to each of thousands of such quotes, made an
/// article as large as their product (a 0.2 MB text gave 628 MB of JSON, and ran out of
/// memory where the names had to be cleaned, each quote its own copy).
pub(crate) const MAX_ATTRIBUTION_BYTES: usize = 512;

/// `a`, with a mention or descriptor longer than [`MAX_ATTRIBUTION_BYTES`] left out; `None`
/// when its speaker is that long. Their lengths are those of their spans of `text` but for
/// the slack bytes, `\r` and blanks after a blank ([`within_bound`]).
fn bounded(text: &str, a: FoundAttribution) -> Option<FoundAttribution> {
    within_bound(text, a.speaker).then(|| FoundAttribution {
        // The mention is carried by every quote that shares it too (the quotes of one
        // sentence rest: `"a," "b," … said the <word of megabytes> minister Jane Doe`), so it
        // is bounded as the descriptor is.
        mention: a.mention.filter(|&m| within_bound(text, m)),
        descriptor: a.descriptor.filter(|&d| within_bound(text, d)),
        ..a
    })
}

/// True when `span` of `text` holds at most [`MAX_ATTRIBUTION_BYTES`] bytes other than
/// slack ([`crate::lex::slack_bytes`]: `\r`, and blanks after a blank): a mention that
/// runs over a line end of a hard-wrapped paragraph is as long with CRLF line ends as with
/// LF ones, and one with doubled spaces as with single ones (counted in bytes, one of 512
/// with LF line ends was left out with CRLF ones). The slack bytes are counted only in a
/// span over the bound (seldom).
fn within_bound(text: &str, span: Span) -> bool {
    span.len() <= MAX_ATTRIBUTION_BYTES || {
        let slack = crate::lex::slack_bytes(text.as_bytes(), span.start, span.end);
        span.len() - slack <= MAX_ATTRIBUTION_BYTES
    }
}

/// A rest of a sentence as [`attribute_reading`] keeps it: its first token's start, its
/// number of tokens and where its last quote left off (`open`).
type RestKey = (usize, usize, Option<usize>);

/// What was found of a quote's speaker, as [`attribute_reading`] keeps it: the spans of its
/// mention, appositive and verb, all that [`resolve`] reads of it.
type FoundKey = (Span, Option<Span>, Span);

/// True when a later quote ends the run of quotes that [`sentence_rest`] reads on through:
/// it is unclosed, or its content ends a sentence.
fn ends_rest_run(text: &str, later: &FoundQuote) -> bool {
    later.close().is_none()
        || later
            .content()
            .get(text)
            .unwrap_or("")
            .ends_with(['.', '?', '!'])
}

/// The first quote after quote `k` of a block that ends the run [`sentence_rest`] reads
/// ([`ends_rest_run`]), or the number of quotes; `from` is what this gave for an earlier
/// quote (or 0), from which the walk goes on, so that a block's quotes walk it once.
fn rest_run_end(text: &str, block_quotes: &[FoundQuote], k: usize, from: usize) -> usize {
    let mut j = from.max(k + 1);
    while block_quotes
        .get(j)
        .is_some_and(|later| !ends_rest_run(text, later))
    {
        j += 1;
    }
    j
}

/// The tokens after quote `k` of a block (`toks`, cut into `frames`) up to
/// [`MAX_FRAME_TOKENS`], running on through the later quotes that end no sentence, and
/// where the last of those left off when it ends in a comma (`open`, counted from the
/// first token after quote `k`). `run_end` is the first quote after `k` that ends the run
/// ([`rest_run_end`]).
///
/// The run is read on to its last quote, or to the first whose frame starts
/// [`MAX_FRAME_TOKENS`] tokens or more past quote `k` (beyond, neither `rest`, which is cut
/// there, nor `open`, ignored past its end, could change). That quote is found by a search
/// of the frames' starts, which never decrease, from the run's start outward ([`lex::partition_point_near`]): walking the run quote by quote was
/// quadratic on a block of many quotes with no word between them (`"a," "a," "a," …`:
/// 1 MB took 14 s).
fn sentence_rest<'t>(
    text: &str,
    toks: &'t [Tok],
    frames: &[(usize, usize)],
    block_quotes: &[FoundQuote],
    k: usize,
    run_end: usize,
) -> (&'t [Tok], Option<usize>) {
    let (as_, ae) = frames[k + 1];
    // Quote `j` of the run has its frame at `j + 1`: the run's frames are
    // `frames[k + 2..=run_end]`.
    let last = frames
        .get(k + 2..=run_end)
        .and_then(|run| {
            // (From the run's start: the limit is most often a few quotes away.)
            let cut = lex::partition_point_near(run, 0, |f| f.0 < as_ + MAX_FRAME_TOKENS);
            // The quote whose frame starts past the limit is read, and ends the run;
            // with none, the run is read to its end.
            (k + 1 + cut)
                .min(run_end)
                .checked_sub(usize::from(cut == run.len()))
        })
        .filter(|&j| j > k);
    let Some(j) = last else {
        return (&toks[as_..ae.min(as_ + MAX_FRAME_TOKENS)], None);
    };
    let c = block_quotes[j].content().get(text).unwrap_or("");
    let open = c.ends_with(',').then(|| frames[j + 1].0 - as_);
    (
        &toks[as_..frames[j + 1].1.min(as_ + MAX_FRAME_TOKENS)],
        open,
    )
}

/// Fills unattributed quotes of one block from the quotes around them. (An attribution is
/// read from `out` only to be copied: the others are only asked whether they are there.)
fn continuations(
    text: &str,
    block: Span,
    block_quotes: &[FoundQuote],
    q_start: usize,
    out: &mut Attributions,
    quotes: &[FoundQuote],
    blocks: &[Span],
) {
    let as_continuation = |a: FoundAttribution, keep_mention: bool| FoundAttribution {
        mention: if keep_mention { a.mention } else { None },
        verb: None,
        resolution: Resolution::Continuation,
        ..a
    };
    // Only quotation text (and punctuation) in the block? Asked only of a first quote that
    // opens its block, and answered at the first letter outside the quotes.
    let only_quotes = || {
        let mut pos = block.start;
        for q in block_quotes {
            if letters(text, Span::new(pos, q.open().start.max(pos))) > 0 {
                return false;
            }
            pos = q.close().map_or(block.end, |c| c.end).max(pos);
        }
        letters(text, Span::new(pos.min(block.end), block.end)) == 0
    };
    // The quote whose attribution the next unattributed one continues.
    let mut current: Option<usize> = None;
    for (k, q) in block_quotes.iter().enumerate() {
        let i = q_start + k;
        if out.is_attributed(i) {
            current = Some(i);
            continue;
        }
        if let Some(a) = current.and_then(|c| out.get(c)) {
            out.set(i, Some(as_continuation(a, true)));
            continue;
        }
        let from_previous = (q.continues_previous
            || (k == 0 && q.open().start == block.start && only_quotes()))
            && i > 0
            && quotes[i - 1].block() + 1 == q.block()
            && blocks.get(q.block()).is_some();
        if from_previous {
            if let Some(a) = out.get(i - 1) {
                out.set(i, Some(as_continuation(a, false)));
                current = Some(i);
            }
        }
    }
    // Backwards: a quote before the attributed one in the same block.
    let mut next: Option<usize> = None;
    for i in (q_start..q_start + block_quotes.len()).rev() {
        if out.is_attributed(i) {
            next = Some(i);
        } else if let Some(a) = next.and_then(|n| out.get(n)) {
            out.set(i, Some(as_continuation(a, true)));
        }
    }
}

/// Count of letters in a span (0 when the span is out of bounds).
fn letters(text: &str, span: Span) -> usize {
    span.get(text).map_or(0, |s| {
        s.chars().filter(|c| c.is_alphanumeric()).take(1).count()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asides_do_not_count_carriage_returns() {
        // A bracketed aside with 1-3 line ends inside, its `)` swept across the end of the
        // window `mark` looks in: skipped with CRLF line ends when it is with LF ones.
        let (mut skipped, mut read) = (0, 0);
        for lines in 1..4 {
            for pad in 50..100 {
                let lf = format!("({}{}) said", "R-\n".repeat(lines), "x".repeat(pad));
                let crlf = lf.replace('\n', "\r\n");
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let want = mark(&lf, 0, &mut a);
                let got = mark(&crlf, 0, &mut b);
                let aside = lf.find(')').unwrap_or_default() + 1;
                assert_eq!(want == aside, got == aside + lines, "{lf:?}");
                skipped += usize::from(want == aside);
                read += usize::from(want != aside);
            }
        }
        assert!(skipped > 20 && read > 20, "{skipped} skipped, {read} read");
    }

    /// A text of `min` to `min + spread - 1` words of `vocabulary` picked by `rng`, with a
    /// space between each two, and its tokens.
    fn words_text(
        rng: &mut crate::testgen::Rng,
        vocabulary: &[&str],
        min: usize,
        spread: usize,
    ) -> (String, Vec<Tok>) {
        let n = min + rng.below(spread);
        let words: Vec<&str> = (0..n).map(|_| rng.pick(vocabulary)).collect();
        let text = words.join(" ");
        let mut toks = Vec::new();
        tokenize(&text, Span::new(0, text.len()), &mut toks);
        (text, toks)
    }
    use crate::normalize::trim_span;
    use crate::quotes::find_quotes;

    /// Paragraph spans of a text whose paragraphs are separated by blank lines.
    fn paragraphs(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut pos = 0;
        for p in text.split("\n\n") {
            let s = trim_span(text, Span::new(pos, pos + p.len()));
            if !s.is_empty() {
                out.push(s);
            }
            pos += p.len() + 2;
        }
        out
    }

    struct Row<'t> {
        speaker: Option<&'t str>,
        mention: Option<&'t str>,
        descriptor: Option<&'t str>,
        resolution: Option<Resolution>,
    }

    fn run(text: &str) -> Vec<Row<'_>> {
        let blocks = paragraphs(text);
        let quotes = find_quotes(text, &blocks, &Options::default()).quotes;
        let attrs = attribute(text, &blocks, &quotes, &Options::default());
        quotes
            .iter()
            .zip(attrs.iter())
            .map(|(_, a)| Row {
                speaker: a.map(|a| a.speaker.get(text).unwrap()),
                mention: a.and_then(|a| a.mention).map(|m| m.get(text).unwrap()),
                descriptor: a.and_then(|a| a.descriptor).map(|d| d.get(text).unwrap()),
                resolution: a.map(|a| a.resolution),
            })
            .collect()
    }

    #[test]
    fn a_phrase_of_time_or_place_before_the_verb_is_no_subject() {
        let speakers = |text: &str| {
            run(text)
                .iter()
                .map(|r| r.speaker.map(str::to_owned))
                .collect::<Vec<_>>()
        };
        let some = |s: &str| Some(s.to_owned());
        // A relative word after a preposition opens a phrase of time or place: the subject
        // follows it.
        for (text, want) in [
            (
                "The mayor spoke for an hour, at which point the crowd chanted “Four more years!”",
                "the crowd",
            ),
            (
                "The mayor spoke for an hour, after which protesters chanted “Four more years!”",
                "protesters",
            ),
            (
                "The mayor arrived late, at that point Ann Smith said “Four more years!”",
                "Ann Smith",
            ),
            (
                "The vote was held on Monday, to which 21 percent said “not too likely” again.",
                "21 percent",
            ),
            (
                "He gave an interview last year, in which Ann Smith called herself “very lucky.”",
                "Ann Smith",
            ),
        ] {
            assert_eq!(speakers(text), [some(want)], "{text}");
        }
        // A phrase that a comma closes is an aside, and one with no relative word running up
        // to the verb too: the subject is before it.
        for (text, want) in [
            (
                "Ann Smith, at a rally in Ohio, said “we will win.”",
                "Ann Smith",
            ),
            (
                "Ann Smith, in a statement on Tuesday said “we will win.”",
                "Ann Smith",
            ),
            (
                "The council, which said “we will not back down,” met later.",
                "The council",
            ),
        ] {
            assert_eq!(speakers(text), [some(want)], "{text}");
        }
    }

    #[test]
    fn a_dash_typed_as_hyphens_reads_as_a_dash() {
        for d in ["—", "–", "--", "-"] {
            let speakers = |text: String| {
                run(&text)
                    .iter()
                    .map(|r| r.speaker.map(str::to_owned))
                    .collect::<Vec<_>>()
            };
            let some = |s: &str| Some(s.to_owned());
            // A dateline's dash ends its clause: the subject is after it.
            let text = format!(
                "FLINT, Mich., Oct. 4 (UPI) {d} Former President Bill Clinton criticized the \
                 law as a “crazy system” during a stop."
            );
            assert_eq!(speakers(text), [some("Bill Clinton")], "{d}");
            // A dash credit after the quote.
            let text =
                format!("The mayor closed the meeting. “We will win, and soon,” {d} Jane Doe.");
            assert_eq!(speakers(text), [some("Jane Doe")], "{d}");
            // After a dash that credits no one, the sentence goes on: no attribution after
            // the quote, so the one before it stands.
            let text = format!(
                "Pence said, “Donald Trump will build the wall” {d} at which point the crowd \
                 chanted."
            );
            assert_eq!(speakers(text), [some("Pence")], "{d}");
            let text = format!(
                "A representative for the brand {d} a business pitched as “the destination for \
                 Women Who Work” {d} noted that the company offers paid leave."
            );
            assert_eq!(speakers(text), [None], "{d}");
            // A relative clause set off by dashes hangs on the phrase before them.
            let text = format!(
                "GOP front-runner Donald Trump {d} who previously said he would “bomb the oil \
                 fields” {d} spoke at a rally."
            );
            assert_eq!(speakers(text), [some("Donald Trump")], "{d}");
            // A name in an aside right before the verb is its subject.
            let text = format!(
                "A former candidate {d} John McCain, who lost in 2008 {d} said the president \
                 “offered no changes.”"
            );
            assert_eq!(speakers(text), [some("John McCain")], "{d}");
            // "it" right before the verb is its subject.
            let text = format!(
                "The state is building a port at Khorgos {d} in what it hopes will become a \
                 hub for goods, a “mini-Dubai” in the making."
            );
            assert_eq!(speakers(text), [some("it")], "{d}");
        }
    }

    fn one(text: &str) -> (Option<&str>, Option<&str>, Option<&str>, Option<Resolution>) {
        let rows = run(text);
        let r = rows.last().expect("a quote");
        (r.speaker, r.mention, r.descriptor, r.resolution)
    }

    use Resolution::*;

    /// [`ends_np`] of a token is its list ([`ends_np_lower`]) of the token's text, or its
    /// verb bit: the first-byte test it starts with decides no word the list would not.
    #[test]
    fn ends_np_is_its_list_of_the_token_text() {
        let text = "Smith, who said Who with With in x familiar é who. Told told";
        let toks = whole_toks(text);
        let mut ends = 0;
        for t in &toks {
            let answer = ends_np(text, t);
            assert_eq!(answer, t.verb() || ends_np_lower(wb(text, t)), "{t:?}");
            ends += usize::from(answer);
        }
        assert_eq!(ends, 7);
        assert!(ends_np_lower(b"who") && !ends_np_lower(b"Who") && !ends_np_lower(b""));
    }

    /// No speech verb form, bare or with the marks a verb token may end in, is a
    /// determiner or a possessive: [`makes_noun_of_verb`] answers a verb token false at once.
    #[test]
    fn no_speech_verb_is_a_determiner_or_possessive() {
        for f in lex::speech_verb_forms() {
            for x in [
                f.to_string(),
                format!("{f}."),
                format!("{f},"),
                format!("{f}:"),
            ] {
                assert!(!is_determiner(&x) && !is_possessive(&x), "{x}");
            }
        }
        // The test can fail: a word that is both is caught.
        assert!(is_determiner("his") && is_possessive("his"));
        let text = "said his";
        let said = Tok::at(text, Span::new(0, 4), Tk::Word);
        let his = Tok::at(text, Span::new(5, 8), Tk::Word);
        assert!(said.verb() && !makes_noun_of_verb(text, &said));
        assert!(!his.verb() && makes_noun_of_verb(text, &his));
    }

    #[test]
    fn capitalized_speech_verbs_are_the_verb_test_in_any_case() {
        let table = word_table();
        let others = [
            "The", "But", "Lee", "Said.", "Says,", "Co-Wrote", "Co-wrote", "X", "", "Élan", "Über",
            "Saïd", "Add-", "-Said", "S", "Sa", "Tells", "Rebutted", "Mc-",
        ];
        let forms: Vec<&str> = lex::speech_verb_forms().collect();
        let mut verbs = 0;
        for w in forms.iter().copied().chain(others) {
            for v in lex::four_casings(w) {
                if v.len() < 16 {
                    let verb = is_capitalized_speech_verb(table, &v);
                    assert_eq!(verb, lex::is_speech_verb_any_case(&v), "{v:?}");
                    verbs += usize::from(verb);
                }
            }
        }
        assert!(verbs >= forms.len(), "{verbs}");
        assert!(is_capitalized_speech_verb(table, "Says"));
        assert!(!is_capitalized_speech_verb(table, "Sad"));
    }

    #[test]
    fn a_packed_word_with_its_first_byte_lowered_is_the_lowered_word_packed() {
        for w in [
            "A",
            "Ab",
            "Abc",
            "Abcd",
            "Abcde",
            "Abcdefg",
            "Abcdefgh",
            "Abcdefghi",
            "Says",
        ] {
            for n in 1..=w.len() {
                let mut upper = w[..n].to_owned().into_bytes();
                upper[0] = b'S';
                let mut lower = upper.clone();
                lower[0] = b's';
                assert_eq!(
                    PackedWord::new_first_lowered(&upper),
                    PackedWord::new(&lower),
                    "{upper:?}"
                );
            }
        }
        let long = b"Abcdefghijklmnopq";
        for n in 1..=long.len() {
            let mut lower = long[..n].to_vec();
            lower[0] = b'a';
            assert_eq!(
                PackedWord::new_first_lowered(&long[..n]),
                PackedWord::new(&lower),
                "{n}"
            );
        }
    }

    #[test]
    fn np_after_ends_on_no_of_for_the_or_a() {
        // No name word is one of the four words np_after drops from its end (its test of
        // them passes name words over).
        for w in ["of", "for", "the", "a"] {
            for x in lex::four_casings(w) {
                let mut toks = Vec::new();
                tokenize(&x, Span::new(0, x.len()), &mut toks);
                assert!(toks.iter().all(|t| !(t.name() && x == w)), "{x}");
            }
        }
        for (text, np) in [
            ("Mayor Ann Lee of", "Mayor Ann Lee"),
            ("the head of the", "the head"),
            ("Ann Lee for a", "Ann Lee"),
            ("Lee", "Lee"),
        ] {
            let toks = whole_toks(text);
            let found = np_after(text, &toks).and_then(|s| s.get(text));
            assert_eq!(found, Some(np), "{text}");
        }
    }

    /// The walk [`sentence_rest`] replaced, quote by quote.
    fn plain_sentence_rest<'t>(
        text: &str,
        toks: &'t [Tok],
        frames: &[(usize, usize)],
        block_quotes: &[FoundQuote],
        k: usize,
    ) -> (&'t [Tok], Option<usize>) {
        let (as_, ae) = frames[k + 1];
        let mut rest_end = ae;
        let mut open = None;
        for (j, later) in block_quotes.iter().enumerate().skip(k + 1) {
            let c = later.content().get(text).unwrap_or("");
            if later.close().is_none() || c.ends_with(['.', '?', '!']) {
                break;
            }
            rest_end = frames[j + 1].1;
            open = c.ends_with(',').then(|| frames[j + 1].0 - as_);
            if frames[j + 1].0 >= as_ + MAX_FRAME_TOKENS {
                break;
            }
        }
        (&toks[as_..rest_end.min(as_ + MAX_FRAME_TOKENS)], open)
    }

    /// [`sentence_rest`], with the run's end found by [`rest_run_end`] walking on from the
    /// quote before, reads what the quote-by-quote walk reads, on blocks of quotes that end
    /// sentences or not, with words between them or none, runs longer than
    /// [`MAX_FRAME_TOKENS`] tokens, and unclosed quotes.
    #[test]
    fn sentence_rest_is_the_plain_walk() {
        let mut rng = crate::testgen::Rng::new(0x5e17_e4c3);
        let parts = [
            "\"a,\" ",
            "\"b,\" ",
            "\"Yes.\" ",
            "\"high\" ",
            "\"Why?\" ",
            "and ",
            "said Lee ",
            "costs are ",
            "one two three four five six seven eight nine ten ",
            "\u{201c}rising,\u{201d} ",
            "\"open ",
            "\n\n",
        ];
        let (mut toks, mut frames) = (Vec::new(), Vec::new());
        let mut long_runs = 0;
        for round in 0..3000 {
            let n = 1 + rng.below(if round % 3 == 0 { 200 } else { 30 });
            let text = rng.text(&parts, n);
            let blocks = paragraphs(&text);
            let quotes = find_quotes(&text, &blocks, &Options::default()).quotes;
            for &block in &blocks {
                let block_quotes: Vec<FoundQuote> = quotes
                    .iter()
                    .filter(|q| block.start <= q.open().start && q.open().start < block.end)
                    .cloned()
                    .collect();
                tokenize_block(&text, block, &block_quotes, &mut toks, &mut frames);
                let mut run_end = 0;
                for k in 0..block_quotes.len() {
                    run_end = rest_run_end(&text, &block_quotes, k, run_end);
                    assert_eq!(run_end, rest_run_end(&text, &block_quotes, k, 0));
                    let got = sentence_rest(&text, &toks, &frames, &block_quotes, k, run_end);
                    let want = plain_sentence_rest(&text, &toks, &frames, &block_quotes, k);
                    let spans = |r: &[Tok]| r.iter().map(|t| t.span()).collect::<Vec<_>>();
                    assert_eq!(
                        (spans(got.0), got.1),
                        (spans(want.0), want.1),
                        "quote {k} of {text:?}"
                    );
                    long_runs += usize::from(want.0.len() == MAX_FRAME_TOKENS);
                }
            }
        }
        assert!(long_runs > 0, "no rest reached the token limit");
    }

    #[test]
    fn name_runs_are_those_of_the_token_by_token_walk() {
        // Texts of names, name particles, possessives, other words and marks, long enough
        // for runs across the 64-token blocks of the masks.
        let pool = [
            "Ann",
            "Lee",
            "de",
            "van",
            "Smith's",
            "said",
            "the",
            ",",
            ".",
            "Mr.",
            "Jr",
            "NATO",
            "O'Neil",
            "it",
            "Obama’s",
            "and",
            "(R-Texas)",
            "Bo",
        ];
        let mut rng = crate::testgen::Rng::new(11);
        for round in 0..400 {
            let text = rng.words(&pool, (round % 7) * 40 + 3);
            let toks = whole_toks(&text);
            let mut plain = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                if toks[i].kind == Tk::Word && toks[i].name() {
                    let mut j = i + 1;
                    while j < toks.len()
                        && toks[j].kind == Tk::Word
                        && extends_name_run(&text, &toks[j])
                    {
                        j += 1;
                    }
                    plain.push((i, j));
                    i = j.max(i + 1);
                    continue;
                }
                i += 1;
            }
            let mut runs = Vec::new();
            name_runs(&text, &toks, &mut Vec::new(), |i, j| runs.push((i, j)));
            assert_eq!(runs, plain, "{text:?}");
        }
        for n in [0, 1, 63, 64, 65, 127, 128] {
            assert_eq!(
                bits_from(n),
                (0..64).filter(|&k| k >= n).fold(0, |m, k| m | 1u64 << k)
            );
        }
    }

    #[test]
    fn cue_masks_give_the_verbs_of_the_token_by_token_walk() {
        // Texts of cue words, capitals opening clauses after commas and sentence ends,
        // pronouns, names, dashes and other marks, long enough for many 64-token masks and
        // commas at every place of the four-token lanes.
        let pool: Vec<&str> = "Ann Lee said Said says told He she the , , . — - : ; ( According \
                               according to shot back Mr. it and Smith's Officials É US \
                               noted went on"
            .split_whitespace()
            .collect();
        let mut rng = crate::testgen::Rng::new(29);
        let mut verbs = 0;
        let mut cues = Vec::new();
        for round in 0..1500 {
            let text = rng.words(&pool, (round % 11) * 23 + 1);
            let toks = whole_toks(&text);
            name_runs(&text, &toks, &mut cues, |_, _| {});
            assert_eq!(cues.len(), toks.len().div_ceil(64), "{text:?}");
            // Each mask's bits against the tokens read one by one.
            for (v, t) in toks.iter().enumerate() {
                let after_comma = v > 0 && toks[v - 1].kind == Tk::Comma;
                let bit = cues[v / 64] >> (v % 64) & 1 == 1;
                assert_eq!(bit, t.cue_word() || after_comma, "token {v} of {text:?}");
            }
            // The verbs `register` reads: those of the walk over every token.
            let has_name = |v: usize| clause_has_name(&text, &toks[v.saturating_sub(40)..v]);
            let plain: Vec<usize> = (0..toks.len())
                .filter(|&v| may_cue(&text, &toks, v) && has_name(v))
                .collect();
            let mut masked = Vec::new();
            for (c, &bits) in cues.iter().enumerate() {
                for k in (0..64).filter(|k| bits >> k & 1 == 1) {
                    let v = c * 64 + k;
                    if toks.get(v).is_some_and(|t| cue_candidate(&text, t)) && has_name(v) {
                        masked.push(v);
                    }
                }
            }
            assert_eq!(masked, plain, "{text:?}");
            verbs += plain.len();
        }
        assert!(verbs > 1000, "{verbs} verbs");
        for lanes in [
            0u64,
            1,
            1 << 16,
            1 << 32,
            1 << 48,
            0x0001_0001_0001_0001,
            0xFFFF_FFFF_FFFF_FFFF,
        ] {
            let want = (0..4).fold(0, |m, k| m | (lanes >> (16 * k) & 1) << k);
            assert_eq!(lane_bits(lanes), want, "{lanes:#x}");
        }
        let mut lanes = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..100_000 {
            lanes ^= lanes << 13;
            lanes ^= lanes >> 7;
            lanes ^= lanes << 17;
            let want = (0..4).fold(0, |m, k| m | (lanes >> (16 * k) & 1) << k);
            assert_eq!(lane_bits(lanes), want, "{lanes:#x}");
        }
    }

    /// [`cue_of_word`] as it read its words before, cut out as text ([`w`]): the reference
    /// for the reading from their bytes.
    fn cue_of_word_by_text(text: &str, toks: &[Tok], i: usize) -> Option<Cue> {
        let t = toks.get(i)?;
        let sentence_start = opens_clause(toks, i);
        let x = w(text, t);
        let verb_word = t.verb();
        if !verb_word && matches!(x, "according" | "According") && according_to(text, toks, i) {
            return Some(Cue::According);
        }

        if t.noun() && i > 0 && toks[i - 1].kind == Tk::Word && is_possessive(w(text, &toks[i - 1]))
        {
            return Some(Cue::Possessive);
        }
        // Phrasal cues: "shot back", "fired back", "went on" ending its clause.
        let next = |k: usize| toks.get(i + k).map(|t| (t.kind, w(text, t)));
        let phrasal = !verb_word
            && match x {
                "shot" | "fired" | "shoots" | "fires" => {
                    matches!(next(1), Some((Tk::Word, "back")))
                }
                // "as the Post's columnist puts it".
                "put" | "puts" => matches!(next(1), Some((Tk::Word, "it"))),
                "went" | "goes" => {
                    matches!(next(1), Some((Tk::Word, "on")))
                        && next(2).is_none_or(|(k, _)| matches!(k, Tk::Comma | Tk::End | Tk::Colon))
                }
                _ => false,
            };
        // A pronoun opening a clause ("He said") is no speech verb in any case (a test checks
        // every one): its lower-case form is not looked up.
        let is_verb = verb_word
            || phrasal
            || (sentence_start
                && !t.pronoun()
                && x.chars().next().is_some_and(char::is_uppercase)
                && x.len() < 16
                && is_capitalized_speech_verb(word_table(), x));
        if !is_verb {
            return None;
        }
        if let Some(p) = i
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .filter(|p| p.kind == Tk::Word)
        {
            let pw = w(text, p);
            // Every word of the lists read here starts with a lower-case letter or a digit, but
            // "U.S.", which is no determiner here: a word starting with an ASCII capital ("He",
            // "Lee") is compared with none of them, nor is a pronoun ("she said": none is
            // listed, bare or contracted; a test checks every one).
            let may_be_listed =
                !p.pronoun() && !pw.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
            let listed = may_be_listed && {
                let digit = pw.chars().next().is_some_and(|c| c.is_ascii_digit());
                // "both said", "the two write", "some argue": a quantifier heads the subject,
                // unless a noun form follows it ("some claims").
                let quantifier_subject = matches!(
                    pw,
                    "two"
                        | "three"
                        | "four"
                        | "both"
                        | "all"
                        | "many"
                        | "some"
                        | "most"
                        | "several"
                        | "few"
                ) && !(x.ends_with('s') && t.noun());
                (is_determiner(pw)
                    && !digit
                    && !quantifier_subject
                    && !matches!(pw, "that" | "U.S."))
                    || matches!(
                        pw,
                        "of" | "such"
                            | "for"
                            | "with"
                            | "by"
                            | "about"
                            | "in"
                            | "new"
                            | "recent"
                            | "public"
                            | "private"
                            | "via"
                            | "on"
                    ) && !x.ends_with("ed")
            };
            if listed || pw.ends_with("'s") || pw.ends_with("’s") {
                return None;
            }
            if pw == "to" {
                return Some(Cue::NonFinite);
            }
            // "of Republican claims", "his repeated calls", "false claims": a speech noun after
            // an adjective.
            if t.noun() && !x.ends_with("ed") && is_adjective_like(pw) {
                return None;
            }
            // "a pre-emptive attack", "an angry call": a base form after "a"/"an" is a noun
            // (not an irregular past: "a friend said"). (The word two back first: most cues
            // follow no "a", and their form is not read.)
            let two_back = i
                .checked_sub(2)
                .and_then(|j| toks.get(j))
                .map(|t| wb(text, t));
            let base = || {
                !(x.ends_with('s')
                    || x.ends_with("ed")
                    || x.ends_with("ing")
                    || is_irregular_past(x))
            };
            if matches!(two_back, Some(b"a" | b"an")) && base() {
                return None;
            }
        }
        if !may_be_finite(x.as_bytes()) {
            return Some(Cue::NonFinite);
        }
        Some(Cue::Finite)
    }

    #[test]
    fn cue_words_read_as_bytes_are_read_as_text() {
        // Every place the reading looks at: the word (verbs, nouns, cue heads, capitalized
        // forms, "-ing", "-ed", "-s" forms, words outside ASCII), the one before it
        // (determiners, quantifiers, listed words, "to", possessives with `'s` and `’s`,
        // adjectives, names, pronouns) and two before ("a", "an"), clause openings.
        let pool: Vec<&str> = "Ann Lee Smith's Lee’s said says saying Says Said Saying told \
                               according According to asked asks claims claim claimed call \
                               calls called statement statements remarks report shot fired \
                               back went goes on put puts it a an the his her their two both \
                               some many of for by in new recent that U.S. 3 false angry \
                               repeated he she they He It , . : — - Élodie déclaré said’s \
                               ran began wrote Writes Añade año"
            .split_whitespace()
            .chain(["according to", "According to", "according to the"])
            .collect();
        let mut rng = crate::testgen::Rng::new(55);
        let mut read = [0usize; 5];
        for round in 0..4000 {
            let text = rng.words(&pool, round % 24 + 1);
            let toks = whole_toks(&text);
            for i in 0..=toks.len() {
                let cue = cue_of_word(&text, &toks, i);
                assert_eq!(
                    cue,
                    cue_of_word_by_text(&text, &toks, i),
                    "token {i} of {text:?}"
                );
                let k = match cue {
                    None => 0,
                    Some(Cue::Finite) => 1,
                    Some(Cue::NonFinite) => 2,
                    Some(Cue::According) => 3,
                    Some(Cue::Possessive) => 4,
                };
                read[k] += 1;
            }
        }
        assert!(read.iter().all(|&n| n > 100), "{read:?}");
    }

    #[test]
    fn no_finite_cue_but_where_it_may_be_finite() {
        // Words that may be cues, with and without "ing", in every place the cue reading
        // looks at (after "to", "a", a comma, a name, a possessive, opening a clause).
        let pool: Vec<&str> = "Ann Lee said saying Saying according According to Says \
                               asked asking claims claiming a the , . shot back went on \
                               his her statement Smith's"
            .split_whitespace()
            .collect();
        let mut rng = crate::testgen::Rng::new(37);
        let mut finite = 0;
        for round in 0..1000 {
            let text = rng.words(&pool, round % 30 + 1);
            let toks = whole_toks(&text);
            for (v, t) in toks.iter().enumerate() {
                if cue_of_word(&text, &toks, v) == Some(Cue::Finite) {
                    assert!(may_be_finite(wb(&text, t)), "token {v} of {text:?}");
                    finite += 1;
                }
            }
        }
        assert!(finite > 1000, "{finite} finite cues");
    }

    /// The tokens of `seg` of `text` as (span, kind, classes), read by the window walk
    /// and by the per-word steps alone.
    fn tokens_both_ways(text: &str, seg: Span) -> [Vec<(Span, Tk, u8)>; 2] {
        let table = word_table();
        let mut walked = Vec::new();
        let mut stepped = Vec::new();
        tokenize_with::<true>(table, text, seg, &mut walked);
        tokenize_with::<false>(table, text, seg, &mut stepped);
        [walked, stepped].map(|toks| toks.iter().map(|t| (t.span(), t.kind, t.classes)).collect())
    }

    #[test]
    fn window_walk_tokens_are_the_per_word_steps_tokens() {
        // Words the walk reads and words it leaves to the steps, marks, blanks and
        // characters outside ASCII, in texts from a few bytes to several windows, read
        // whole and as segments cut anywhere on a character boundary (a window masks the
        // bytes past its segment; the last 64 bytes of a text are copied).
        let parts = [
            "a",
            "the",
            "Smith",
            "said",
            "A",
            "I",
            "x",
            "he",
            "He",
            "Lee",
            "Jr",
            "II",
            "NATO",
            "McCain",
            "iPhone",
            "according",
            "administration",
            "internationalization",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopq",
            "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmn",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            ",",
            ".",
            "Lee.",
            "reporters.",
            "U.S.",
            "'",
            "don't",
            "officials'",
            "Trump's",
            "-",
            "--",
            "F-16",
            "9",
            "1,000",
            "2019",
            "é",
            "Éric",
            "’",
            "“",
            "”",
            "\"",
            "(R-Texas)",
            "(",
            ")",
            ":",
            ";",
            "?",
            "!",
            "…",
            "\u{a0}",
            "Mr.",
            "vs.",
            "a.m.",
            "_",
            "@",
            "[",
            "{",
            "`",
            "~",
        ];
        let mut rng = crate::testgen::Rng::new(0x5eed_0044);
        let mut segments = 0;
        for n in 0..1_500 {
            let text = rng.text(&parts, n % 60 + 1);
            let whole = Span::new(0, text.len());
            let [walked, stepped] = tokens_both_ways(&text, whole);
            assert_eq!(walked, stepped, "{text:?}");
            for _ in 0..4 {
                let a = rng.below(text.len() + 1);
                let b = rng.below(text.len() + 1);
                let (a, b) = (a.min(b), a.max(b));
                if !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                    continue;
                }
                let [walked, stepped] = tokens_both_ways(&text, Span::new(a, b));
                assert_eq!(walked, stepped, "{text:?} {a}..{b}");
                segments += 1;
            }
        }
        assert!(segments > 3_000, "{segments}");
        // Runs of letters around the window's 63rd and 64th bytes and the text's end.
        for lead in 0..70 {
            for word in 1..70 {
                let text = format!("{}{} end", " ".repeat(lead), "a".repeat(word));
                let [walked, stepped] = tokens_both_ways(&text, Span::new(0, text.len()));
                assert_eq!(walked, stepped, "{text:?}");
                let cut = Span::new(0, lead + word);
                let [walked, stepped] = tokens_both_ways(&text, cut);
                assert_eq!(walked, stepped, "{text:?} {cut:?}");
            }
        }
    }

    #[test]
    fn walked_word_classes_are_the_ascii_word_classes() {
        // Every listed word of the window walk's shape (an ASCII letter, then lower-case
        // letters), in lower case and capitalized, "Jr", "Sr" and their neighbours, every
        // letter alone, and random words up to past the packed length; each packed from
        // sixteen bytes and from the text's end.
        let table = word_table();
        let mut words: Vec<String> = lex::speech_verb_forms()
            .chain(SPEECH_NOUNS.iter().copied())
            .chain(CUE_HEADS.iter().copied())
            .chain(lex::HONORIFICS.iter().copied())
            .chain(lex::CAPITALIZED_STOPWORDS.iter().copied())
            .chain(lex::title_words())
            .chain(PRONOUNS.iter().copied())
            .chain(lex::ABBREVIATIONS.iter().copied())
            .chain(SUBJECT_ENDS.iter().copied())
            .chain(["Jr", "Sr", "Jrs", "Srx", "J", "S", "jr", "sr", "Jx", "Ir"])
            .map(str::to_owned)
            .collect();
        words.extend(
            (b'a'..=b'z')
                .chain(b'A'..=b'Z')
                .map(|c| char::from(c).to_string()),
        );
        let mut rng = crate::testgen::Rng::new(0x5eed_0046);
        for _ in 0..20_000 {
            let len = rng.below(20) + 1;
            let mut w: String = (0..len)
                .map(|_| char::from(b'a' + rng.below(26) as u8))
                .collect();
            if rng.below(2) == 0 {
                w[..1].make_ascii_uppercase();
            }
            words.push(w);
        }
        for word in &words {
            let lowered = word.to_ascii_lowercase();
            let mut capitalized = lowered.clone();
            capitalized[..1].make_ascii_uppercase();
            for w in [word.as_str(), &lowered, &capitalized] {
                let b = w.as_bytes();
                let walked =
                    b[0].is_ascii_alphabetic() && b[1..].iter().all(u8::is_ascii_lowercase);
                if !walked {
                    continue;
                }
                let capital = b[0].is_ascii_uppercase();
                let rest = u8::from(b.len() > 1) * (WORD_BYTE | ALNUM_BYTE | LOWER_BYTE);
                for (pos, text) in [
                    (0, format!("{w} and more words after it")),
                    (2, format!("x {w}")),
                ] {
                    let t = text.as_bytes();
                    let p = PackedWord::at(t, pos, b.len());
                    assert_eq!(
                        Classes::of_walked_word(table, t, pos, b.len(), p, capital),
                        Classes::of_ascii_word_packed(table, b, p, rest),
                        "{w:?} in {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn tokenize_block_makes_a_frame_a_quote_at_once() {
        let text = "\"We will win,\" said Mayor Ann Lee. He said \"yes\" ".repeat(40);
        let blocks = paragraphs(&text);
        let quotes = find_quotes(&text, &blocks, &Options::default()).quotes;
        assert_eq!(quotes.len(), 80);
        let (mut toks, mut frames) = (Vec::new(), Vec::new());
        tokenize_block(&text, blocks[0], &quotes, &mut toks, &mut frames);
        assert_eq!(frames.len(), quotes.len() + 1);
        assert_eq!(frames.capacity(), quotes.len() + 1);
        // A buffer with the room already is kept as it is.
        tokenize_block(&text, blocks[0], &quotes[..3], &mut toks, &mut frames);
        assert_eq!(frames.len(), 4);
        assert_eq!(frames.capacity(), quotes.len() + 1);
    }

    #[test]
    fn reserve_people_makes_a_power_of_two_room() {
        let person = Person::new(Span::new(0, 1), 0, 0, 0, None, NO_PHRASE);
        for (len, more) in [
            (0, 0),
            (0, 1),
            (0, 18_750),
            (3, 5),
            (100, 1000),
            (1 << 10, 1),
        ] {
            let mut people = vec![person; len];
            let cap = people.capacity();
            reserve_people(&mut people, more);
            let need = len + more;
            assert!(people.capacity() >= need);
            if need > cap {
                assert_eq!(people.capacity(), need.next_power_of_two(), "{len} {more}");
            } else {
                assert_eq!(people.capacity(), cap);
            }
        }
    }

    /// The tokens of the whole of `text` ([`tokenize`]).
    fn whole_toks(text: &str) -> Vec<Tok> {
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut toks);
        toks
    }

    /// A person for the registry's tests: a three-byte name at `at` (its last word from
    /// `at + 1`), no descriptor, no indexes set.
    fn test_person(at: usize, block: usize, subject: bool) -> Person {
        Person::new(
            Span::new(at, at + 3),
            at + 1,
            at,
            block,
            None,
            if subject { SPEECH_SUBJECT } else { NO_PHRASE },
        )
    }

    #[test]
    fn a_speech_subject_is_told_by_its_titled_from_and_has_no_titled_phrase() {
        for subject in [false, true] {
            let p = test_person(4, 0, subject);
            assert_eq!(p.subject(), subject);
            let registry = Registry {
                people: vec![p],
                indexed: 1,
                ..Registry::default()
            };
            assert_eq!(registry.titled_split(Span::new(0, 7)), None);
            assert_eq!(registry.titled_split(p.name()), None);
        }
    }

    #[test]
    fn new_people_sort_as_a_stable_sort_by_position() {
        let person = |at: usize, subject: bool| test_person(at, 0, subject);
        let mut rng = crate::testgen::Rng::new(0x9a27_0002);
        for round in 0..2_000 {
            // As `register` pushes them: name runs at increasing positions, then speech
            // subjects at increasing positions, some shared with a name run.
            let mut people = Vec::new();
            let mut at = 0;
            for _ in 0..rng.below(1 + round % 12) {
                at += 1 + rng.below(5);
                people.push(person(at, false));
            }
            let runs: Vec<usize> = people.iter().map(|p| p.at()).collect();
            let first_subject = people.len();
            let mut at = 0;
            for _ in 0..rng.below(1 + round % 12) {
                at += 1 + rng.below(5);
                let shared = runs.get(rng.below(runs.len() + 1)).copied();
                people.push(person(shared.filter(|&s| s > at).unwrap_or(at), true));
                at = people.last().map_or(at, |p| p.at());
            }
            let mut stable = people.clone();
            stable.sort_by_key(|p| p.at());
            sort_new_people(&mut people, first_subject);
            let key = |ps: &[Person]| ps.iter().map(|p| (p.at(), p.subject())).collect::<Vec<_>>();
            assert_eq!(key(&people), key(&stable));
        }
    }

    #[test]
    fn window_while_a_block_is_registered_is_in_text_order() {
        // Earlier blocks' people (indexed), then a block being registered: its name runs,
        // then its speech subjects so far, two runs each in text order. The window at any
        // position must be that of the same people sorted ([`sort_new_people`]), wherever
        // the last search ended.
        let person = test_person;
        let key = |p: &Person| (p.at(), p.subject(), p.block());
        let mut rng = crate::testgen::Rng::new(0x9a27_0003);
        for round in 0..1_500 {
            let mut registry = Registry::default();
            let mut at = 0;
            let blocks = rng.below(4);
            for block in 0..blocks {
                for _ in 0..rng.below(6) {
                    at += 1 + rng.below(4);
                    registry.people.push(person(at, block, rng.below(3) == 0));
                }
                registry.index_new_people();
            }
            let block = blocks;
            let start = at + 1;
            for _ in 0..rng.below(1 + round % 300) {
                at += 1 + rng.below(4);
                registry.people.push(person(at, block, false));
            }
            registry.subjects_from = registry.people.len();
            let mut at = start;
            for _ in 0..rng.below(1 + round % 300) {
                at += 1 + rng.below(6);
                registry.people.push(person(at, block, true));
            }
            let mut sorted = Registry {
                people: registry.people.clone(),
                ..Registry::default()
            };
            let first_subject = registry.subjects_from - registry.indexed;
            sort_new_people(&mut sorted.people[registry.indexed..], first_subject);
            sorted.index_new_people();
            let end = registry.people.iter().map(|p| p.at()).max().unwrap_or(0) + 2;
            for _ in 0..20 {
                let q = rng.below(end);
                let lookback = rng.below(3);
                registry
                    .last_before
                    .set(rng.below(registry.people.len() + 1));
                let got: Vec<_> = registry.window(q, block, lookback).map(key).collect();
                let want: Vec<_> = sorted.window(q, block, lookback).map(key).collect();
                assert_eq!(got, want, "round {round}, at {q}, lookback {lookback}");
                // The last match without the merge ([`Registry::last_while_registering`]).
                let (m, r) = (1 + rng.below(40), rng.below(40));
                let is_it = |p: &Person| p.at() % m == r % m;
                let got = registry.last_while_registering(q, block, lookback, &is_it);
                let want = registry.window(q, block, lookback).find(|p| is_it(p));
                assert_eq!(
                    got.map(key),
                    want.map(key),
                    "round {round}, at {q}, mod {m}"
                );
            }
        }
    }

    #[test]
    fn latest_split_is_that_of_the_merge() {
        // Two runs as `register` pushes them (name runs, speech subjects), each in text
        // order: the split of the n latest is that of merging them and taking n from the end.
        let person = |at: usize, subject: bool| test_person(at, 0, subject);
        let mut rng = crate::testgen::Rng::new(0x9a27_0004);
        for round in 0..3_000 {
            let run = |rng: &mut crate::testgen::Rng, subject: bool| {
                let mut at = 0;
                (0..rng.below(1 + round % 40))
                    .map(|_| {
                        at += 1 + rng.below(3);
                        person(at, subject)
                    })
                    .collect::<Vec<_>>()
            };
            let (a, b) = (run(&mut rng, false), run(&mut rng, true));
            let mut merged: Vec<_> = a.iter().chain(&b).map(|p| (p.at(), p.subject())).collect();
            merged.sort_unstable();
            for n in 0..=a.len() + b.len() {
                let want = merged[merged.len() - n..].iter().filter(|k| !k.1).count();
                assert_eq!(latest_split(&a, &b, n), want, "round {round}, n {n}");
            }
        }
    }

    #[test]
    fn a_tail_follows_a_comma_after_its_phrase() {
        // `after_quote_inner` hands `with_tail` only a phrase followed by a comma: with
        // any other token after it, or none, there is no tail.
        let vocabulary = [
            "said",
            "Lee",
            "Ann",
            "the",
            "spokesman",
            "a",
            "teacher",
            "45",
            ",",
            ".",
            "who",
            "Mayor",
        ];
        let mut rng = crate::testgen::Rng::new(0x9abc_def7);
        let mut tails = 0;
        for _ in 0..3000 {
            let (text, toks) = words_text(&mut rng, &vocabulary, 2, 10);
            let sentence_end = toks
                .iter()
                .position(|t| t.kind == Tk::End)
                .unwrap_or(toks.len());
            for i in 0..toks.len() {
                for j in i + 1..=toks.len() {
                    let np = Span::new(toks[i].span().start, toks[j - 1].span().end);
                    let found = with_tail(&text, &toks, np, toks[0].span(), sentence_end);
                    let comma = toks.get(j).is_some_and(|t| t.kind == Tk::Comma);
                    assert!(comma || found.is_none(), "{text:?} {np:?}");
                    tails += usize::from(found.is_some());
                }
            }
        }
        assert!(tails > 100, "{tails}");
    }

    #[test]
    fn positions_and_forms() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "\"We will win,\" said Mayor Ann Lee.",
                "Ann Lee",
                "Mayor Ann Lee",
                Some("Mayor"),
            ),
            (
                "\"We will win,\" Gov. Tom Reed said.",
                "Tom Reed",
                "Gov. Tom Reed",
                Some("Gov."),
            ),
            (
                "Tom Reed said, \"We will win.\"",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
            (
                "Tom Reed said: \"We will win.\"",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
            ("\"We will win,\" said Mr. Reed.", "Reed", "Mr. Reed", None),
            (
                "\"We will win,\" said the team's coach, Tom Reed.",
                "Tom Reed",
                "Tom Reed",
                Some("the team's coach"),
            ),
            (
                "\"We will win,\" said Tom Reed, a farmer from Ohio.",
                "Tom Reed",
                "Tom Reed",
                Some("a farmer from Ohio"),
            ),
            (
                "\"We will win,\" said Tom Reed, 45, a farmer.",
                "Tom Reed",
                "Tom Reed",
                Some("a farmer"),
            ),
            (
                "\"We will win,\" said Tom Reed, 45.",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
            (
                "\"We will win,\" said Mayor Ann Lee, who chairs the board.",
                "Ann Lee",
                "Mayor Ann Lee",
                Some("Mayor"),
            ),
            (
                "\"We will win,\" Tom Reed, 45, said.",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
            (
                "\"We will win,\" Tom Reed, a farmer from Ohio, said.",
                "Tom Reed",
                "Tom Reed",
                Some("a farmer from Ohio"),
            ),
            (
                "\"We will win,\" according to the statement.",
                "the statement",
                "the statement",
                None,
            ),
            (
                "\"We will win,\" the statement said.",
                "the statement",
                "the statement",
                None,
            ),
            (
                "\"We will win,\" Tom Reed told reporters.",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
            (
                "\"We will win,\" Tom Reed wrote on Twitter.",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
            (
                "\"Will we win?\" asked Tom Reed.",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
            (
                "The mayor, Ann Lee, called the plan \"a costly mistake.\"",
                "Ann Lee",
                "Ann Lee",
                None,
            ),
            (
                "\"We will win,\" Tom Reed said in a statement.",
                "Tom Reed",
                "Tom Reed",
                None,
            ),
        ];
        for (text, speaker, mention, descriptor) in cases {
            let (s, m, d, _) = one(text);
            assert_eq!(s, Some(*speaker), "speaker of {text}");
            assert_eq!(m, Some(*mention), "mention of {text}");
            assert_eq!(d, *descriptor, "descriptor of {text}");
        }
    }

    #[test]
    fn middle_position_and_continuation() {
        let rows = run("\"We will win,\" she said, \"and we will win big.\" \"Believe it.\"");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].mention, Some("she"));
        assert_eq!(rows[1].mention, Some("she"));
        assert_eq!(rows[1].resolution, Some(Pronoun));
        assert_eq!(rows[2].resolution, Some(Continuation));
    }

    #[test]
    fn pronoun_and_surname_resolution() {
        let text = "Mayor Ann Lee said on Monday that the bridge would close.\n\n\
                    \"It is not safe,\" she said.\n\n\
                    \"We have no choice,\" Lee added.";
        let rows = run(text);
        assert_eq!(rows[0].speaker, Some("Ann Lee"));
        assert_eq!(rows[0].resolution, Some(Pronoun));
        assert_eq!(rows[0].mention, Some("she"));
        assert_eq!(rows[1].speaker, Some("Ann Lee"));
        assert_eq!(rows[1].resolution, Some(Surname));
    }

    #[test]
    fn continued_paragraph_quote() {
        let text = "\"The first part runs on,\" said Tom Reed. \"And on.\n\n\"The second part ends here.\"";
        let rows = run(text);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].speaker, Some("Tom Reed"));
        assert_eq!(rows[2].resolution, Some(Continuation));
        assert_eq!(rows[2].mention, None);
    }

    #[test]
    fn anonymous_speakers_kept_as_written() {
        let (s, m, d, r) =
            one("\"It will happen,\" said one of the sources familiar with the talks.");
        assert_eq!(
            (s, m, d, r),
            (
                Some("one of the sources"),
                Some("one of the sources"),
                None,
                Some(Explicit)
            )
        );
    }

    #[test]
    fn titles_are_not_attributed_to_quote_words() {
        // Words inside the quotation never become the speaker.
        let rows = run("\"Smith said nothing,\" he said.");
        assert_eq!(rows[0].mention, Some("he"));
    }

    /// The seed article: ten body quotes, speakers, resolutions and descriptors.
    #[test]
    fn golden_seed() {
        let text = include_str!("../tests/golden/seed-aljazeera.txt");
        // Body paragraphs: the blank-line separated blocks of prose (long enough, or
        // quoting), skipping the headline/dek and the trailing boilerplate.
        let blocks: Vec<Span> = paragraphs(text)
            .into_iter()
            .filter(|s| {
                let p = s.get(text).unwrap();
                p.len() > 120 || p.starts_with('"') || p.starts_with('“')
            })
            .collect();
        let quotes = find_quotes(text, &blocks, &Options::default()).quotes;
        let attrs = attribute(text, &blocks, &quotes, &Options::default());
        type Seen<'a> = (
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
            Option<Resolution>,
            Option<&'a str>,
        );
        let got: Vec<Seen> = quotes
            .iter()
            .zip(attrs.iter())
            .map(|(q, a)| {
                let c = q.content().get(text).unwrap();
                (
                    c.get(..c.len().min(12)).unwrap_or(c),
                    a.map(|a| a.speaker.get(text).unwrap()),
                    a.and_then(|a| a.descriptor).map(|d| d.get(text).unwrap()),
                    a.map(|a| a.resolution),
                    a.and_then(|a| a.mention).map(|m| m.get(text).unwrap()),
                )
            })
            .collect();
        let want: Vec<Seen> = vec![
            (
                "The aim is r",
                Some("Dmitry Peskov"),
                Some("Kremlin spokesman"),
                Some(Explicit),
                Some("Kremlin spokesman Dmitry Peskov"),
            ),
            (
                "These organi",
                Some("Dmitry Peskov"),
                Some("Kremlin spokesman"),
                Some(Continuation),
                Some("Kremlin spokesman Dmitry Peskov"),
            ),
            (
                "What is impo",
                Some("John Kerry"),
                Some("Secretary of State"),
                Some(Explicit),
                Some("Secretary of State John Kerry"),
            ),
            (
                "That's clear",
                Some("John Kerry"),
                Some("Secretary of State"),
                Some(Continuation),
                Some("Secretary of State John Kerry"),
            ),
            (
                "indiscrimina",
                Some("Josh Earnest"),
                Some("White House press secretary"),
                Some(Surname),
                Some("Earnest"),
            ),
            (
                "She pointed ",
                Some("Josh Earnest"),
                Some("White House press secretary"),
                Some(Surname),
                Some("Earnest"),
            ),
            (
                "The operatio",
                Some("Sergei Ivanov"),
                Some("President Vladimir Putin's chief of staff"),
                Some(Explicit),
                Some("Sergei Ivanov"),
            ),
            (
                "I have a low",
                Some("Robert Otto"),
                Some("the deputy chief of staff for intelligence and surveillance for the U.S. Air Force"),
                Some(Pronoun),
                Some("he"),
            ),
            (
                "It's easy, t",
                Some("Robert Otto"),
                Some("the deputy chief of staff for intelligence and surveillance for the U.S. Air Force"),
                Some(Continuation),
                Some("he"),
            ),
            (
                "The [Russian",
                Some("one of the sources"),
                None,
                Some(Explicit),
                Some("one of the sources"),
            ),
        ];
        assert_eq!(got, want);
        assert!(
            !quotes
                .iter()
                .any(|q| q.content().get(text).unwrap().contains("weak spots’")),
            "the headline's single quotes are not a quote"
        );
    }

    #[test]
    fn relative_pronoun_mentions() {
        let (s, m, _, r) =
            one("Clinton called the pact \"insanity,\" and Sanders, who says it's \"disastrous.\"");
        assert_eq!((s, m, r), (Some("Sanders"), Some("who"), Some(Pronoun)));
        let (s, m, _, r) = one("He thanked his running mate, Gov. Mike Pence, who called their son \"an American hero.\"");
        assert_eq!((s, m, r), (Some("Mike Pence"), Some("who"), Some(Pronoun)));
    }

    #[test]
    fn more_patterns() {
        let cases: &[(&str, &str, Resolution)] = &[
            // Dash attribution after a reader quote.
            (
                "\"The bridge has to go.\" ― Maria Lopez",
                "Maria Lopez",
                Explicit,
            ),
            // Transcript label inside the quote.
            ("\"HOST: Welcome back to the program.\"", "HOST", Explicit),
            // Clause-final attribution after the quote.
            (
                "\"No deal\" is possible now, the minister said.",
                "the minister",
                Explicit,
            ),
            // "according to" after a said-clause names the reported source.
            (
                "\"We are ready,\" Tom Reed said, according to the local paper.",
                "the local paper",
                Explicit,
            ),
            // The outermost reporting clause wins.
            (
                "Tom Reed says he thinks the plan is \"doomed from the start.\"",
                "Tom Reed",
                Explicit,
            ),
            // A possessive speech noun when there is no verb.
            (
                "The council rejected Tom Reed's claim that it was \"a done deal.\"",
                "Tom Reed",
                Explicit,
            ),
            // Party and state after the name.
            (
                "\"We will vote no,\" Sen. Ann Lee, R-Ohio, said Tuesday.",
                "Ann Lee",
                Explicit,
            ),
            // A bracketed aside after the name.
            (
                "\"We will vote no,\" Sen. Ann Lee (R-Ohio) said.",
                "Ann Lee",
                Explicit,
            ),
            // The quote follows the attribution of the sentence before.
            (
                "The plan is dead, Tom Reed said. \"Nobody wants it.\"",
                "Tom Reed",
                Explicit,
            ),
            // A participle after the clause of its subject.
            (
                "Tom Reed left the room, saying, \"We are done here.\"",
                "Tom Reed",
                Explicit,
            ),
        ];
        for (text, speaker, resolution) in cases {
            let (s, _, _, r) = one(text);
            assert_eq!((s, r), (Some(*speaker), Some(*resolution)), "{text}");
        }
    }

    #[test]
    fn subject_fallback_without_a_cue() {
        let (s, m, _, r) = one("Tom Reed opposes \"arbitrary pay freezes\" in the budget.");
        assert_eq!(
            (s, m, r),
            (Some("Tom Reed"), Some("Tom Reed"), Some(Explicit))
        );
        // A long subject is not a speaker.
        let rows = run("The long list of people waiting outside the hall in the cold rain wanted \"a fair hearing\" today.");
        assert_eq!(rows[0].speaker, None);
    }

    #[test]
    fn says_with_an_object_name() {
        let text = "He was a great boxer in his sport. King says Ali \"talked the talk and walked the walk.\"";
        let (s, _, _, _) = one(text);
        assert_eq!(s, Some("King"));
    }

    #[test]
    fn lower_case_role_words_lead_a_name() {
        assert_eq!(
            one("\"Turnout decides it,\" poll analyst Dana Kirk told a radio host."),
            (
                Some("Dana Kirk"),
                Some("poll analyst Dana Kirk"),
                Some("poll analyst"),
                Some(Explicit)
            )
        );
        assert_eq!(
            one("\"Turnout decides it,\" said county party chair Dana Kirk."),
            (
                Some("Dana Kirk"),
                Some("county party chair Dana Kirk"),
                Some("county party chair"),
                Some(Explicit)
            )
        );
        let (speaker, mention, ..) =
            one("\"Turnout decides it,\" said Democratic party boss Dana Kirk.");
        assert_eq!(speaker, Some("Dana Kirk"));
        assert_eq!(mention, Some("Democratic party boss Dana Kirk"));
        // Lower-case words that are no role stay out.
        assert_eq!(
            one("\"Turnout decides it,\" said when asked Dana Kirk.").1,
            None
        );
    }

    #[test]
    fn role_appositive_without_determiner() {
        assert_eq!(
            one("\"We raised more,\" Dana Kirk, Reed’s campaign manager, said."),
            (
                Some("Dana Kirk"),
                Some("Dana Kirk"),
                Some("Reed’s campaign manager"),
                Some(Explicit)
            )
        );
        assert_eq!(
            one("\"We raised more,\" Dana Kirk, Sanders’ campaign manager, said.").2,
            Some("Sanders’ campaign manager")
        );
    }

    /// Long names of one length that differ only at the end are told apart by their hashes:
    /// a pronoun's speaker, whose name no described person has, is compared with none of
    /// theirs byte for byte (each of 120 quotes compared all 40 before), and a surname's
    /// person, who shares a described person's name, gets that person's descriptor.
    #[test]
    fn long_names_are_told_apart_by_their_hashes() {
        let stem = format!("Q{}", "a".repeat(60));
        let mut text = String::new();
        for k in 0..40 {
            let code = format!("B{}{}", (b'a' + k / 26) as char, (b'a' + k % 26) as char);
            text += &format!("Police chief {stem} {code} arrived. ");
        }
        text += &format!("{stem} Bac waved. {stem} Zzz said. ");
        text += &"\"Yes,\" he said. ".repeat(120);
        text += "\"No,\" Bac said.";
        let before = LONG_NAMES_COMPARED.with(Cell::get);
        let rows = run(&text);
        let compared = LONG_NAMES_COMPARED.with(Cell::get) - before;
        assert_eq!(rows.len(), 121);
        let zzz = format!("{stem} Zzz");
        for row in &rows[..120] {
            assert_eq!(row.speaker, Some(zzz.as_str()));
            assert_eq!(row.descriptor, None);
        }
        let bac = format!("{stem} Bac");
        assert_eq!(rows[120].speaker, Some(bac.as_str()));
        assert_eq!(rows[120].descriptor, Some("Police chief"));
        assert!(
            compared < 10,
            "{compared} long names compared byte for byte"
        );
    }

    /// A "name" longer than [`MAX_ATTRIBUTION_BYTES`] attributes no quote, however it is
    /// reached (its own mention, "he"): each would carry it whole. A name of that length
    /// still does.
    #[test]
    fn a_speaker_longer_than_any_name_attributes_nothing() {
        for (len, attributed) in [
            (MAX_ATTRIBUTION_BYTES - 4, true),
            (MAX_ATTRIBUTION_BYTES, false),
        ] {
            // "Zed " and the word make the name.
            let word = format!("Q{}", "q".repeat(len - 1));
            let text = format!(
                "\"We will win,\" said Zed {word}. {}",
                "\"Yes,\" he said. ".repeat(20)
            );
            let rows = run(&text);
            assert_eq!(rows.len(), 21);
            let name = format!("Zed {word}");
            for row in &rows {
                assert_eq!(row.speaker.is_some(), attributed, "{len}");
                if attributed {
                    assert_eq!(row.speaker, Some(name.as_str()));
                }
            }
        }
    }

    /// A mention longer than [`MAX_ATTRIBUTION_BYTES`] is left out, however short the
    /// speaker: every quote of a run that shares it would carry it whole (`"no," "no," …
    /// said the <word of megabytes> minister Jane Doe`). One of that length is kept.
    #[test]
    fn a_mention_longer_than_any_name_is_left_out() {
        let rest = " minister Jane Doe";
        for (len, kept) in [
            (30, true),
            (MAX_ATTRIBUTION_BYTES, true),
            (MAX_ATTRIBUTION_BYTES + 1, false),
        ] {
            // The mention "the <word> minister Jane Doe", `len` bytes long.
            let word = format!("x{}", "y".repeat(len - "the x".len() - rest.len()));
            let mention = format!("the {word}{rest}");
            assert_eq!(mention.len(), len);
            let text = format!("{}said {mention}.", "\"no,\" ".repeat(50));
            let rows = run(&text);
            assert_eq!(rows.len(), 50);
            for row in &rows {
                assert_eq!(row.speaker, Some("Jane Doe"), "{len}");
                let want = kept.then_some(mention.as_str());
                assert_eq!(row.mention, want, "{len}");
            }
        }
    }

    /// Quotes with no token between them share the rest of their sentence and its speaker:
    /// both are read once for the run, not once a quote, and every quote gets the
    /// speaker.
    #[test]
    fn quotes_sharing_a_rest_read_it_once() {
        let text = format!("Mayor Ann Lee spoke. {}Lee said.", "\"a,\" ".repeat(300));
        let before = SHARED_READINGS.with(Cell::get);
        let rows = run(&text);
        let readings = SHARED_READINGS.with(Cell::get) - before;
        assert_eq!(rows.len(), 300);
        assert!(
            rows.iter().all(|r| r.speaker == Some("Ann Lee")),
            "{:?}",
            rows[0].speaker
        );
        assert!(readings <= 4, "{readings} readings for 300 quotes");
    }

    #[test]
    fn resolution_carries_the_earlier_descriptor() {
        let text = "Harbour board chair Ann Lee opened the meeting on Monday.\n\n\
                    \"The pier is safe,\" Lee said.\n\n\
                    \"We checked it twice,\" she said.\n\n\
                    Tom Reed, the board treasurer, disagreed.\n\n\
                    \"It is not,\" Reed said.\n\n\
                    \"Look again,\" deputy treasurer Reed said.";
        let rows = run(text);
        assert_eq!(rows[0].speaker, Some("Ann Lee"));
        assert_eq!(rows[0].descriptor, Some("Harbour board chair"));
        assert_eq!(rows[1].resolution, Some(Pronoun));
        assert_eq!(rows[1].descriptor, Some("Harbour board chair"));
        assert_eq!(rows[2].speaker, Some("Tom Reed"));
        assert_eq!(rows[2].descriptor, Some("the board treasurer"));
        // A role written at the mention itself wins.
        assert_eq!(rows[3].descriptor, Some("deputy treasurer"));
    }

    /// The tokenizer as first written (blanks and words measured at every step), as a
    /// reference for [`tokenize`].
    fn tokenize_by_steps(text: &str, seg: Span, out: &mut Vec<Tok>) {
        let Some(s) = seg.get(text) else {
            return;
        };
        let mut i = 0;
        loop {
            i += lex::blank_len(&s[i..]);
            let rest = &s[i..];
            let Some(&first) = rest.as_bytes().first() else {
                break;
            };
            let pos = seg.start + i;
            let n = lex::word_len(rest);
            if n > 0 {
                let core = without_closing_quotes(&rest[..n]);
                if core.len() > 1 && core.ends_with('.') && lex::ends_sentence(core) {
                    let end = pos + core.len() - 1;
                    let word = &core[..core.len() - 1];
                    out.push(Tok::new(word, Span::new(pos, end), Tk::Word));
                    out.push(Tok::mark(Span::new(end, end + 1), Tk::End));
                } else if has_alphanumeric(core) {
                    out.push(Tok::new(core, Span::new(pos, pos + core.len()), Tk::Word));
                } else if core.starts_with('-') && core.bytes().all(|b| b == b'-') {
                    out.push(Tok::mark(Span::new(pos, pos + core.len()), Tk::Other));
                    i += core.len();
                    continue;
                } else if first == b'.' {
                    out.push(Tok::mark(Span::new(pos, pos + 1), Tk::End));
                    i += 1;
                    continue;
                }
                i += n;
                continue;
            }
            if first == b'(' {
                let window = &rest.as_bytes()[..rest.len().min(80)];
                if let Some(close) = memchr::memchr(b')', window) {
                    i += close + 1;
                    continue;
                }
            }
            let len = rest.chars().next().map_or(1, char::len_utf8);
            let kind = match &rest[..len] {
                "," => Tk::Comma,
                "!" | "?" | ";" | "…" => Tk::End,
                ":" => Tk::Colon,
                _ => Tk::Other,
            };
            out.push(Tok::mark(Span::new(pos, pos + len), kind));
            i += len;
        }
    }

    #[test]
    fn pronoun_bits_are_those_of_is_pronoun() {
        // Every pronoun and contracted pronoun of the table is one, and a word near one
        // (another suffix, case or letter) is a pronoun exactly when the lexicon says so.
        let table = word_table();
        let mut checked = 0;
        for p in PRONOUNS {
            for suffix in CONTRACTIONS
                .iter()
                .chain(&["", "'", "s", "'t", "’S", "'LL", "x"])
            {
                for v in [
                    format!("{p}{suffix}"),
                    format!("{}{suffix}", p.to_uppercase()),
                ] {
                    let is = lex::is_pronoun(&v);
                    assert_eq!(Classes::of(&v).pronoun, is, "{v:?}");
                    if let Some(c) = Classes::by_table(&v) {
                        assert_eq!(c.pronoun, is, "{v:?}");
                        checked += 1;
                    }
                    if CONTRACTIONS.contains(suffix) || suffix.is_empty() {
                        assert!(is || v != format!("{p}{suffix}"), "{v:?}");
                    }
                }
            }
            assert_eq!(table.get(p) & PRONOUN, PRONOUN, "{p:?}");
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn subject_end_bigrams_are_those_of_the_words_ending_a_subject() {
        // Every word of the list ends a subject; a pair of ASCII bytes may start one in some
        // case exactly when a word of the list starts with it lowered.
        for e in SUBJECT_ENDS {
            assert!(ends_subject(e), "{e:?}");
            assert!(!e[..2].contains('k'), "{e:?}");
        }
        // The one character outside ASCII whose lower case is all ASCII is the Kelvin sign.
        let lowered_to_ascii: Vec<char> = (0x80..=0x10_ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(lowered_to_ascii, ['\u{212a}']);
        // And no other word of the lexicons or of a list of function words ends one.
        let function_words = "a an the of for in on at to with by from about into onto over \
            under after before than that this these those and but or nor because when whenever \
            if as while what which who whom whose where so though although since until till \
            during through throughout against like unlike whether then also not only just even \
            still yet once upon within without between among amid near off out up down via per";
        let vocabulary: Vec<String> = lex::speech_verb_forms()
            .chain(lex::title_words())
            .chain(lex::CAPITALIZED_STOPWORDS.iter().copied())
            .chain(lex::HONORIFICS.iter().copied())
            .chain(SPEECH_NOUNS.iter().copied())
            .chain(function_words.split_whitespace())
            .map(str::to_lowercase)
            .collect();
        for v in &vocabulary {
            assert_eq!(ends_subject(v), SUBJECT_ENDS.contains(&v.as_str()), "{v:?}");
        }
        for a in 0..128u8 {
            for b in 0..128u8 {
                let pair = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
                let starts = SUBJECT_ENDS.iter().any(|e| e.as_bytes().starts_with(&pair));
                assert_eq!(may_end_subject(a, b), starts, "{a} {b}");
            }
        }
    }

    #[test]
    fn capitalized_classes_are_those_of_the_class_tests() {
        let words = lex::CAPITALIZED_STOPWORDS
            .iter()
            .chain(lex::HONORIFICS)
            .chain(lex::ABBREVIATIONS)
            .chain(PRONOUNS)
            .chain(CUE_HEADS)
            .chain(SPEECH_NOUNS)
            .chain(SUBJECT_ENDS)
            .copied()
            .chain(lex::title_words())
            .chain(lex::speech_verb_forms().take(200))
            .chain([
                "Trump",
                "Lee",
                "Smith",
                "McCain",
                "Jr",
                "Sr",
                "II",
                "A",
                "X",
                "I",
                "Ab5",
                "CNN",
                "HuffPost",
                "PACs",
                "DeSantis",
                "CEOs",
                "abcdefghijklmnopq",
                "Ceo",
            ]);
        let mut rng = crate::testgen::Rng::new(53);
        let (mut told, mut inner, mut ends) = (0, 0, 0);
        for w in words {
            let mut capitalized = w.to_owned();
            if let Some(first) = capitalized.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            // Capitalized with capitals in random places, and with its last letter one.
            let mut camel: String = capitalized
                .chars()
                .map(|c| {
                    if rng.below(3) == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            let mut last_up = capitalized.clone();
            let n = last_up.len().saturating_sub(1);
            if let Some(last) = last_up.get_mut(n..) {
                last.make_ascii_uppercase();
            }
            if camel == capitalized {
                camel = w.to_uppercase();
            }
            for v in [w.to_owned(), capitalized, w.to_uppercase(), camel, last_up] {
                let suffixes = CONTRACTIONS
                    .iter()
                    .chain(&["", "'S", "’", "s", "’t", "'", "’S"]);
                for suffix in suffixes {
                    let word = format!("{v}{suffix}");
                    let tests = Classes::of_tests(&word);
                    if let Some(c) = Classes::of_capitalized(&word) {
                        assert_eq!(c, tests, "{word:?}");
                        told += 1;
                        ends += usize::from(c.subject_end);
                        inner += usize::from(v.bytes().skip(1).any(|b| b.is_ascii_uppercase()));
                    }
                    assert_eq!(Classes::of(&word), tests, "{word:?}");
                }
            }
        }
        assert!(
            told > 3000 && inner > 1000 && ends > 10,
            "{told} {inner} {ends}"
        );
        assert_eq!(Classes::of_capitalized("Secretary’s"), None);
        assert_eq!(Classes::of_capitalized("Don’t"), None);
        assert_eq!(Classes::of_capitalized("CEO’s"), None);
        assert!(Classes::of_capitalized("McCain’s").is_some_and(|c| c.name));
        assert!(Classes::of_capitalized("McCain").is_some_and(|c| c.name));
        // ("ThAt" is left to the tests: "That" is a stopword.)
        assert_eq!(Classes::of_capitalized("ThAt"), None);
        assert!(Classes::of_capitalized("He’s").is_some_and(|c| c.pronoun && c.stopword));
        assert!(Classes::of_capitalized("I’m").is_some_and(|c| c.pronoun && c.name));
        assert!(Classes::of_capitalized("That's").is_some_and(|c| !c.name && c.stopword));
        assert!(Classes::of_capitalized("Trump’s").is_some_and(|c| c.name));
        // A subject end's possessive is a name word too ("Only's"), told without the tests.
        assert!(Classes::of_capitalized("Only's").is_some_and(|c| c.name));
    }

    #[test]
    fn initials_classes_are_those_of_the_class_tests() {
        // Every word of up to six bytes of some capitals, a lower-case letter and marks.
        let alphabet = b"AIUSa.'-";
        let mut initials = 0;
        for n in 1..=6u32 {
            for k in 0..alphabet.len().pow(n) {
                let word: String = (0..n as usize)
                    .map(|i| {
                        char::from(alphabet[k / alphabet.len().pow(i as u32) % alphabet.len()])
                    })
                    .collect();
                let tests = Classes::of_tests(&word);
                if let Some(c) = Classes::of_initials(&word) {
                    assert_eq!(c, tests, "{word:?}");
                    initials += 1;
                }
                assert_eq!(Classes::of(&word), tests, "{word:?}");
            }
        }
        assert_eq!(initials, 20);
        assert!(Classes::of_initials("A.").is_some_and(|c| c.name && c.stopword));
        assert!(Classes::of_initials("U.S.").is_some_and(|c| c.name && !c.stopword));
    }

    #[test]
    fn sentence_final_stem_reads_abbreviations_from_the_table() {
        let table = word_table();
        let lexicon = lex::ABBREVIATIONS
            .iter()
            .chain(lex::HONORIFICS)
            .chain(lex::CAPITALIZED_STOPWORDS)
            .chain(PRONOUNS)
            .chain(CUE_HEADS)
            .copied()
            .chain(lex::title_words())
            .chain(lex::speech_verb_forms());
        let others = [
            "Lee", "Bob", "Kyiv", "Al's", "O'Ma", "A", "I", "Jo", "JO", "jo", "2016", "5th", "5",
            "10", "1.5", "R-Ky", "D-Ca", "I-Vt", "R-k", "Mc-", "-a", "x", "Co-", "U.S", "Ab.c",
            "Septs", "Vs", "VS", "'ll", "A'",
        ];
        let mut abbreviations = 0;
        for w in lexicon.chain(others) {
            for v in lex::four_casings(w) {
                let word = format!("{v}.");
                if !word.bytes().all(lex::is_ascii_word_byte) {
                    continue;
                }
                let plain = (lex::ends_sentence(&word) && !v.contains('.')).then_some(v.as_str());
                assert_eq!(sentence_final_stem(table, &word), plain, "{word:?}");
                abbreviations += usize::from(table.get(&v) & ABBREVIATION != 0);
            }
        }
        assert!(abbreviations >= lex::ABBREVIATIONS.len());
        assert_eq!(sentence_final_stem(table, "Gen."), None);
        assert_eq!(sentence_final_stem(table, "Lee."), Some("Lee"));
    }

    /// Every abbreviation passes [`may_be_abbreviation`], and the words it rules out are none.
    #[test]
    fn abbreviations_pass_their_ends_filter() {
        let table = word_table();
        for a in lex::ABBREVIATIONS {
            assert!(may_be_abbreviation(a.as_bytes()), "{a}");
        }
        for x in ["Lee", "Iraq", "Bush", "Kyiv", "", "x"] {
            assert!(!may_be_abbreviation(x.as_bytes()), "{x}");
        }
        for w in [
            "Gen", "Geo", "Col", "Cal", "Lt", "Lot", "Jr", "Sr", "Dr", "Dear", "vs",
        ] {
            let abbreviation = may_be_abbreviation(w.as_bytes()) && is_abbreviation(table, w);
            assert_eq!(abbreviation, is_abbreviation(table, w), "{w}");
        }
    }

    #[test]
    fn sentence_final_stem_is_that_of_ends_sentence() {
        let words = [
            "said.",
            "Lee.",
            "Mr.",
            "Mrs.",
            "Dr.",
            "Gen.",
            "Sen.",
            "Rep.",
            "vs.",
            "v.",
            "U.S.",
            "J.",
            "I.",
            "a.",
            "x.",
            "5.",
            "2016.",
            "R-Ky.",
            "D-Calif.",
            "I-Vt.",
            "R-Texas.",
            "R-x.",
            "D-Massachusetts.",
            "F-16.",
            "-.",
            "'.",
            "Smith's.",
            "don't.",
            "LEE.",
            "Jr.",
            "Sr.",
            "St.",
            "Inc.",
            "Corp.",
            "Secretary.",
            "reporters.",
            "a..",
            "..",
            "Mr..",
            "Jan.",
            "Feb.",
            "No.",
            "Ave.",
            "Mt.",
            "Ft.",
            "etc.",
            "e.g.",
            "Ltd.",
        ];
        for word in words {
            let plain = (word.len() > 1
                && lex::ends_sentence(word)
                && !word[..word.len() - 1].contains('.'))
            .then(|| &word[..word.len() - 1]);
            assert_eq!(sentence_final_stem(word_table(), word), plain, "{word:?}");
        }
    }

    /// A run of periods is an end mark for each period, each measured about once: the run
    /// was measured again after each period (quadratic: 160 KB of periods took 18 s).
    #[test]
    fn runs_of_periods_are_measured_once() {
        for tail in ["", "\u{201d}", ",x", "-"] {
            let text = format!("He left {}{tail} then", ".".repeat(20_000));
            let before = WORD_BYTES_MEASURED.with(Cell::get);
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            let measured = WORD_BYTES_MEASURED.with(Cell::get) - before;
            assert!(measured < 50_000, "{measured} bytes measured for {tail:?}");
            let ends: Vec<usize> = toks
                .iter()
                .filter(|t| t.kind == Tk::End)
                .map(|t| t.span().start)
                .collect();
            assert_eq!(ends, (8..20_008).collect::<Vec<_>>(), "{tail:?}");
        }
    }

    /// [`lower_window`] (a 16-, 32- or 64-byte read, shifted near the text's end, or a copy
    /// of a short text's end) is the mask of the ASCII lower-case letters of the window's
    /// bytes before the segment's end, byte by byte: random texts of every length to 150
    /// bytes (letters, capitals, marks, bytes outside ASCII), every window start and end.
    #[test]
    fn lower_windows_are_the_lower_case_letters_byte_by_byte() {
        let bytes: &[u8] = b"abyzAZ`{ .'-0\xc3\xa9\xe2\x80\x9d";
        let mut rng = crate::testgen::Rng::new(0x10e7_3a5c);
        let mut checked = 0;
        for len in 0..150 {
            for _ in 0..4 {
                let text: Vec<u8> = (0..len).map(|_| bytes[rng.below(bytes.len())]).collect();
                for base in 0..len {
                    for end in base + 1..=len.min(base + 70) {
                        let plain = (0..64)
                            .filter(|&k| base + k < end && text[base + k].is_ascii_lowercase())
                            .fold(0u64, |m, k| m | 1 << k);
                        assert_eq!(
                            lower_window(&text, base, end),
                            plain,
                            "{text:?} {base} {end}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    #[test]
    fn tokenize_is_the_tokenizer_by_steps() {
        let pieces = [
            " ",
            "  ",
            "\t",
            "\n",
            "\u{7f}",
            "\u{1}",
            "\u{a0}",
            "\u{200b}",
            "\u{2003}",
            "a",
            "Lee",
            "said",
            "U.S.",
            "Mr.",
            "J.",
            ".",
            "...",
            ",",
            ";",
            ":",
            "!",
            "?",
            "(",
            ")",
            "(R-Texas)",
            "'",
            "’",
            "officials'",
            "“",
            "”",
            "—",
            "-",
            "--",
            "‐",
            "…",
            "é",
            "Éric",
            "5",
            "2016",
            "¿",
            "£",
            "Ⅻ",
            "\"",
            "x",
            "claims",
            "According",
            "to",
            "LEE",
            "McCain",
            "Smith's",
            "'s",
            "Said",
            "says",
            "Secretary",
            "spokesman",
            "Jr",
            "Sr",
            "A",
            "I",
            "-said",
            "x-ray",
            "F-16",
            "don't",
            "remarks",
            "shot",
            "The",
            "Mr",
            "de",
            "said.",
            "Lee.",
            "vs.",
            "R-Ky.",
            "-.",
            "a..",
            "reporters.",
            "Dr.",
            "D-Calif.",
            "R-Texas.",
            "Smith's.",
            "5.",
            "2016.",
            "Jr.",
            "Secretary.",
            "x.",
            "vs",
            "F-16.",
            "I.",
            "don't.",
            "LEE.",
        ];
        let mut rng = crate::testgen::Rng::new(0x7f4a_7c15);
        for _ in 0..3000 {
            let n = rng.below(24);
            let text = rng.text(&pieces, n);
            let start = text.char_indices().map(|(i, _)| i).nth(1).unwrap_or(0);
            for seg in [Span::new(0, text.len()), Span::new(start, text.len())] {
                let (mut fast, mut steps) = (Vec::new(), Vec::new());
                tokenize(&text, seg, &mut fast);
                tokenize_by_steps(&text, seg, &mut steps);
                let show = |toks: &[Tok]| {
                    toks.iter()
                        .map(|t| {
                            format!(
                                "{:?}{:?}{}{}{}{}",
                                t.kind,
                                t.span(),
                                t.name(),
                                t.verb(),
                                t.noun(),
                                t.cue_word()
                            )
                        })
                        .collect::<Vec<_>>()
                };
                assert_eq!(show(&fast), show(&steps), "{text:?}");
            }
        }
    }

    /// Only a word has class bits ([`Tok::with_bits`]), read by the window walk or by the
    /// steps, as [`name_runs`] reads them (the name bit with no test of the kind): every
    /// ASCII character and some others (marks, dashes, quotation marks, letters outside
    /// ASCII, digits) alone, doubled and in random texts with names, verbs and pronouns.
    #[test]
    fn only_words_have_class_bits() {
        let mut pieces: Vec<String> = (32u8..127).map(|c| char::from(c).to_string()).collect();
        for c in "\t\n\u{a0}\u{200b}—–―‐“”‘’«»…©·•é你Ⅻ£¿".chars() {
            pieces.push(c.to_string());
        }
        for word in [
            "Lee",
            "Ann",
            "said",
            "says",
            "he",
            "He",
            "claims",
            "According",
            "Mr.",
            "U.S.",
            "Lee.",
            "de",
            "McCain",
            "Smith's",
            "Obama’s",
            "don’t",
            "NATO",
            "2016",
            "x-ray",
            "--",
            "(R-Texas)",
        ] {
            pieces.push(word.to_string());
        }
        let singles = pieces.clone();
        for p in singles {
            pieces.push(format!("{p}{p}"));
            pieces.push(format!(" {p} "));
        }
        let parts: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut rng = crate::testgen::Rng::new(0x5eed_0b17);
        let (mut words, mut others) = (0, 0);
        for round in 0..4000 {
            let text = if round < parts.len() {
                parts[round].to_string()
            } else {
                let n = rng.below(30);
                rng.text(&parts, n)
            };
            let seg = Span::new(0, text.len());
            let (mut walked, mut steps) = (Vec::new(), Vec::new());
            tokenize(&text, seg, &mut walked);
            tokenize_by_steps(&text, seg, &mut steps);
            for t in walked.iter().chain(&steps) {
                if t.kind == Tk::Word {
                    words += 1;
                } else {
                    others += 1;
                    assert_eq!(t.classes, 0, "{:?} in {text:?}", w(&text, t));
                }
            }
        }
        assert!(words > 10_000 && others > 10_000, "{words} {others}");
    }

    /// An ASCII mark read without [`mark`] (`ascii_mark_kind` in the tokenizer's loop) is
    /// the token of the steps: every ASCII byte that is no word byte and no blank, alone,
    /// doubled, between words, after a word and a space, before a bracket, at a segment's
    /// start and end, and in random texts of such marks, words and blanks.
    #[test]
    fn ascii_marks_are_tokenized_as_by_the_steps() {
        let marks: Vec<String> = (0u8..128)
            .filter(|&c| BYTE_CLASS[usize::from(c)] & (WORD_BYTE | BLANK_BYTE) == 0)
            .map(|c| char::from(c).to_string())
            .collect();
        assert!(marks.len() > 25, "{}", marks.len());
        let show = |toks: &[Tok]| {
            toks.iter()
                .map(|t| format!("{:?}{:?}{}", t.kind, t.span(), t.classes))
                .collect::<Vec<_>>()
        };
        let check = |text: &str| {
            let start = text.char_indices().map(|(i, _)| i).nth(1).unwrap_or(0);
            for seg in [Span::new(0, text.len()), Span::new(start, text.len())] {
                let (mut fast, mut steps) = (Vec::new(), Vec::new());
                tokenize(text, seg, &mut fast);
                tokenize_by_steps(text, seg, &mut steps);
                assert_eq!(show(&fast), show(&steps), "{text:?}");
            }
        };
        for m in &marks {
            for text in [
                m.clone(),
                format!("{m}{m}"),
                format!("a{m}b"),
                format!("Lee{m} said"),
                format!("said {m}Lee"),
                format!("{m}(D) x"),
                format!("x {m}"),
                format!("{m}\u{a0}é{m}…"),
            ] {
                check(&text);
            }
        }
        let mut pieces: Vec<&str> = marks.iter().map(String::as_str).collect();
        pieces.extend([
            " ",
            "\n",
            "Lee",
            "said",
            "x",
            "U.S.",
            "(R-Texas)",
            "“",
            "é",
            "...",
        ]);
        let mut rng = crate::testgen::Rng::new(0x5eed_3a11);
        for _ in 0..3000 {
            let n = rng.below(20);
            check(&rng.text(&pieces, n));
        }
    }

    /// The tokens of an abbreviation before its period ([`abbreviation_classes`]) are those
    /// of the steps, classes and all: every abbreviation, in lower case and capitals too,
    /// with its period and without, with other periods, before a space, a closing quotation
    /// mark, a comma or the end, among other words.
    #[test]
    fn abbreviations_are_tokenized_as_by_the_steps() {
        let mut pieces: Vec<String> = Vec::new();
        for a in lex::ABBREVIATIONS {
            for w in [a.to_string(), a.to_lowercase(), a.to_uppercase()] {
                for end in [".", "..", "", ".,", ".’", ".\"", ".)", ".:"] {
                    pieces.push(format!("{w}{end}"));
                }
            }
        }
        pieces.extend(
            [
                " ", "  ", "\n", "Smith", "said", "U.S.", "J.", "x.", "Lee.", "“", "”", "Smith.",
            ]
            .map(String::from),
        );
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut rng = crate::testgen::Rng::new(0x5eab_b7e5);
        let mut abbreviations = 0;
        for round in 0..20_000 {
            let text = rng.text(&pieces, 1 + round % 12);
            let seg = Span::new(0, text.len());
            let (mut fast, mut steps) = (Vec::new(), Vec::new());
            tokenize(&text, seg, &mut fast);
            tokenize_by_steps(&text, seg, &mut steps);
            let show = |toks: &[Tok]| {
                toks.iter()
                    .map(|t| (t.kind, t.span(), t.classes))
                    .collect::<Vec<_>>()
            };
            assert_eq!(show(&fast), show(&steps), "{text:?}");
            abbreviations += fast
                .iter()
                .filter(|t| abbreviation_classes(&text[std::ops::Range::from(t.span())]).is_some())
                .count();
        }
        assert!(abbreviations > 10_000, "{abbreviations}");
    }

    /// [`np_at_end`] as it was written, every test asked of every word (the reference of
    /// its shortcut for capitalized words).
    fn np_at_end_plain(text: &str, ws: &[Tok]) -> Option<Span> {
        let mut i = ws.len();
        let mut n = 0;
        while i > 0 && n < 9 {
            let x = w(text, &ws[i - 1]);
            if lex::is_pronoun(x) {
                if n == 0 {
                    i -= 1;
                }
                break;
            }
            // "the report", "his remarks": a speech word after a determiner is a noun.
            let noun_reading = ws[i - 1].verb()
                && i >= 2
                && (is_determiner(w(text, &ws[i - 2])) || is_possessive(w(text, &ws[i - 2])))
                && !x.ends_with("ed");
            // "a source speaking to Fox News", "an aide familiar with the talks": a
            // participle or adjective and its preposition inside the subject.
            if n > 0 && postmodifier_at(text, ws, i) {
                i -= 2;
                n += 2;
                continue;
            }
            if ends_subject_any_case(x) || (ws[i - 1].verb() && !noun_reading) || is_verb_adjunct(x)
            {
                break;
            }
            let lower = x.chars().next().is_some_and(char::is_lowercase);
            if lower
                && matches!(
                    x,
                    "is" | "was" | "are" | "were" | "be" | "has" | "have" | "had"
                )
            {
                break;
            }
            i -= 1;
            n += 1;
            let of_before = i > 0 && matches!(w(text, &ws[i - 1]), "of" | "for");
            if is_determiner(x)
                && !of_before
                && !postmodifier_at(text, ws, i)
                && x != "U.S."
                && !x.chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                // "the two", "the few": the article belongs to a quantifier head.
                if matches!(x, "two" | "three" | "four" | "few")
                    && i > 0
                    && matches!(w(text, &ws[i - 1]), "the" | "The")
                {
                    i -= 1;
                }
                break;
            }
        }
        // "Trump at the time said", "Clinton on Monday said": skip a time phrase.
        let is_time = |x: &str| {
            matches!(
                x,
                "time"
                    | "week"
                    | "month"
                    | "year"
                    | "day"
                    | "morning"
                    | "night"
                    | "evening"
                    | "afternoon"
                    | "weekend"
                    | "Monday"
                    | "Tuesday"
                    | "Wednesday"
                    | "Thursday"
                    | "Friday"
                    | "Saturday"
                    | "Sunday"
                    | "moment"
                    | "point"
                    | "interview"
                    | "statement"
                    | "Twitter"
                    | "Facebook"
            )
        };
        if i >= 2
            && i < ws.len()
            && ws.last().is_some_and(|t| is_time(w(text, t)))
            && matches!(
                w(text, &ws[i - 1]),
                "at" | "on" | "in" | "last" | "this" | "that" | "during"
            )
        {
            if let Some(np) = np_at_end_plain(text, &ws[..i - 1]) {
                return Some(np);
            }
        }
        let mut ws = &ws[i..];
        // Start at a word that can begin a noun phrase ("panel Chairman Rep. Jason Chaffetz").
        while ws.len() > 1 && !can_start_np(w(text, &ws[0])) {
            ws = &ws[1..];
        }
        while ws.len() > 1 && matches!(w(text, &ws[0]), "of" | "for") {
            ws = &ws[1..];
        }
        let first = w(text, ws.first()?);
        if !can_start_np(first) && ws.len() > 2 {
            return None;
        }
        // "Conversely", "Still": a lone sentence adverb is not a subject.
        if ws.len() == 1 && first.ends_with("ly") && !ws[0].name() {
            return None;
        }
        // Skip leading conjunctions and adverbs.
        let skip = ws
            .iter()
            .take_while(|t| {
                matches!(
                    w(text, t),
                    "But"
                        | "And"
                        | "So"
                        | "Yet"
                        | "Meanwhile"
                        | "Still"
                        | "Instead"
                        | "Now"
                        | "Then"
                        | "Also"
                        | "Later"
                        | "Earlier"
                        | "However"
                        | "Or"
                        | "Indeed"
                        | "Separately"
                        | "Finally"
                        | "Conversely"
                        | "Similarly"
                        | "Afterward"
                        | "Afterwards"
                )
            })
            .count();
        span_of(ws.get(skip..)?)
    }

    #[test]
    fn np_at_end_is_that_of_every_test_on_every_word() {
        let pieces = [
            " ",
            " ",
            " ",
            ", ",
            ". ",
            "Lee",
            "Ann",
            "LEE",
            "Only",
            "In",
            "IN",
            "He",
            "He'd",
            "the",
            "The",
            "his",
            "a",
            "two",
            "few",
            "of",
            "for",
            "to",
            "with",
            "speaking",
            "familiar",
            "source",
            "said",
            "says",
            "report",
            "remarks",
            "claims",
            "is",
            "was",
            "also",
            "quickly",
            "and",
            "in",
            "U.S.",
            "U.S",
            "45",
            "Secretary",
            "spokesman",
            "Mr.",
            "Dr",
            "time",
            "Monday",
            "at",
            "on",
            "last",
            "this",
            "But",
            "Still",
            "Republican",
            "Rep.",
            "McCain",
            "Éric",
            "été",
            "Smith's",
            "officials'",
        ];
        let mut rng = crate::testgen::Rng::new(0x1b87_3593);
        let mut phrases = 0;
        for _ in 0..3000 {
            let n = 1 + rng.below(14);
            let text = rng.text(&pieces, n);
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            for a in 0..toks.len() {
                for b in a..=toks.len() {
                    let ws = &toks[a..b];
                    let fast = np_at_end(&text, ws);
                    assert_eq!(fast, np_at_end_plain(&text, ws), "{text:?} {a}..{b}");
                    phrases += usize::from(fast.is_some());
                    // Its range holds the phrase's tokens, those `tokens_in` finds in words.
                    let range = np_at_end_range(&text, ws);
                    assert_eq!(range.and_then(|(x, y)| span_of(&ws[x..y])), fast);
                    if let (Some((x, y)), Some(np)) = (range, fast) {
                        if ws.iter().all(|t| t.kind == Tk::Word) {
                            assert!(std::ptr::eq(&ws[x..y], tokens_in(ws, np)), "{text:?}");
                        }
                    }
                }
            }
        }
        assert!(phrases > 5_000, "{phrases}");
    }

    /// [`before_quote`] as it was written, every cue of the sentence read first to last
    /// (the reference of its reading back from the quote).
    fn before_quote_plain<'t>(text: &str, toks: &'t [Tok], after_quote: bool) -> Option<Found<'t>> {
        let start = toks
            .iter()
            .rposition(|t| t.kind == Tk::End)
            .map_or(0, |i| i + 1);
        let sent = &toks[start..];
        if !sent.iter().any(|t| t.kind == Tk::Word) {
            let end = start.checked_sub(1)?;
            // Right after another quote, the sentence is that quote's attribution.
            let ps_start = toks[..end]
                .iter()
                .rposition(|t| t.kind == Tk::End)
                .map_or(0, |i| i + 1);
            if after_quote && ps_start == 0 {
                return None;
            }
            return previous_sentence(text, &toks[..end]);
        }
        // "From the report: “…”": the source of an excerpt.
        if let [first, .., colon] = sent {
            if colon.kind == Tk::Colon && w(text, first) == "From" {
                if let Some(np) = np_after(text, &sent[1..sent.len() - 1]) {
                    return Some(Found {
                        mention: np,
                        appositive: None,
                        verb: first.span(),
                        mtoks: None,
                    });
                }
            }
        }
        // "… surprise Republican pollster Daron Shaw: “…”": a name right before a colon.
        if let [.., last, colon] = sent {
            if colon.kind == Tk::Colon && last.kind == Tk::Word && last.name() {
                let words_end = sent.len() - 1;
                // Not the object of a verb or preposition: "told The Daily News: “…”".
                let object = |np: &Span| {
                    sent.iter()
                        .rev()
                        .find(|t| t.span().end <= np.start)
                        .is_some_and(|t| {
                            t.kind == Tk::Word
                                && (takes_addressee(w(text, t))
                                    || ends_subject(w(text, t))
                                        && !matches!(w(text, t), "and" | "or" | "but"))
                        })
                };
                if let Some(np) = np_at_end(text, &sent[..words_end]).filter(|np| !object(np)) {
                    let ntoks = tokens_in(sent, np);
                    let named = trailing_name(text, ntoks).is_some_and(|(s, e)| e - s >= 2);
                    // "Clinton: “…”" — a debate transcript line.
                    let alone = ntoks.len() == 1 && words_end == 1 && ntoks[0].name();
                    if (ntoks.len() >= 2 && named) || alone {
                        return Some(Found {
                            mention: np,
                            appositive: None,
                            verb: colon.span(),
                            mtoks: None,
                        });
                    }
                }
            }
        }
        // The cue nearest the quote, climbing out of nested reports: in "X says he feels he
        // did “great”" the speaker of "feels" starts right after "says", so "X" is the
        // source. A possessive speech noun ("his claim") is a last resort.
        // "According to the report, Lee said “…”": the reported source opens the sentence and
        // covers all of it.
        if according_to(text, sent, 0) {
            if let Some(f) = speaker_of_cue(text, sent, 0, Cue::According, None) {
                return Some(f);
            }
        }
        let mut found: Vec<(usize, Found)> = Vec::new();
        let mut possessive: Option<Found> = None;
        for v in (0..sent.len()).filter(|&v| sent.len() - v <= 40) {
            let cue = cue_at(text, sent, v);
            let Some(f) = cue
                .and_then(|cue| speaker_of_cue(text, sent, v, cue, None))
                .filter(|f| plausible_subject(text, sent, f.mention))
            else {
                continue;
            };
            if cue == Some(Cue::Possessive) {
                possessive.get_or_insert(f);
            } else {
                found.push((v, f));
            }
        }
        let Some(mut k) = found.len().checked_sub(1) else {
            return possessive;
        };
        while k > 0 {
            let (pv, _) = found[k - 1];
            let (_, f) = found[k];
            let between = &sent[pv + 1..];
            let gap = between
                .iter()
                .take_while(|t| t.span().start < f.mention.start)
                .filter(|t| {
                    !(t.kind == Tk::Word
                        && (matches!(w(text, t), "that" | "on" | "in")
                            || is_verb_adjunct(w(text, t))))
                })
                .count();
            let outer = found[k - 1].1.mention;
            let in_pp = sent
                .iter()
                .rev()
                .find(|t| t.span().end <= outer.start)
                .is_some_and(|t| {
                    matches!(
                        w(text, t),
                        "In" | "in" | "On" | "on" | "At" | "at" | "From" | "from" | "With" | "with"
                    )
                });
            // "As for his attacks, she said": a comma before the inner subject ends the
            // fronted phrase, so the inner cue is no report inside the outer one.
            let fronted = between
                .iter()
                .take_while(|t| t.span().start < f.mention.start)
                .any(|t| t.kind == Tk::Comma);
            // In "Lee, who called Kirk, told them" the subject of "told" comes before the
            // relative clause, so "told" is no report inside "called".
            let before_relative =
                matches!(outer.get(text), Some("who" | "which")) && f.mention.start < outer.start;
            let nested = gap <= 5
                && !in_pp
                && !fronted
                && !before_relative
                && !matches!(f.mention.get(text), Some("who" | "which"));
            if !nested {
                break;
            }
            k -= 1;
        }
        Some(found.swap_remove(k).1).or(possessive)
    }

    #[test]
    fn before_quote_reading_back_is_that_of_every_cue() {
        let pieces = [
            " ",
            " ",
            " ",
            " ",
            ", ",
            ". ",
            ": ",
            "Lee",
            "Ann Lee",
            "Mayor",
            "he",
            "she",
            "He",
            "said",
            "says",
            "told",
            "feels",
            "claims",
            "his",
            "claim",
            "that",
            "on",
            "in",
            "In",
            "who",
            "which",
            "also",
            "according to",
            "According to",
            "the report",
            "reporters",
            "and",
            "saying",
            "to call",
            "Trump's",
            "comments",
            "— ",
            "From",
            "the",
            "aide",
            "spokesman",
            "Republican",
            "as for his attacks",
        ];
        // Also sentences of possessive speech nouns and few verbs.
        let possessives = [
            " ",
            " ",
            ", ",
            "his claim",
            "her warning",
            "Trump's comments",
            "Lee's remarks",
            "and",
            "the",
            "about",
            "said",
            "Ann Lee",
            "their promise",
            "in",
        ];
        let mut rng = crate::testgen::Rng::new(0x510e_527f);
        let mut found = 0;
        for round in 0..16_000 {
            let n = 1 + rng.below(40);
            let text = rng.text(
                if round % 4 == 3 {
                    &possessives
                } else {
                    &pieces
                },
                n,
            );
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            for a in [0, toks.len() / 3, toks.len() / 2] {
                for after in [false, true] {
                    let ws = &toks[a..];
                    let fast = before_quote(&text, ws, after, None);
                    let plain = before_quote_plain(&text, ws, after);
                    let show = |f: Option<Found>| f.map(|f| (f.mention, f.appositive, f.verb));
                    assert_eq!(show(fast), show(plain), "{text:?} {a} {after}");
                    found += usize::from(fast.is_some());
                }
            }
        }
        assert!(found > 4_000, "{found}");
    }

    /// [`is_appositive`] as it was written, every test asked of every word.
    fn is_appositive_plain(text: &str, toks: &[Tok]) -> bool {
        let Some(first) = toks.first() else {
            return false;
        };
        let f = w(text, first);
        // The scan of every word last.
        is_determiner(f)
            || matches!(
                f,
                "who" | "who's" | "who’s" | "which" | "whose" | "then" | "now" | "himself" | "herself"
            )
            || lex::is_title_word(f)
            // "campaign manager", "Sanders’ campaign manager": ending on a role word.
            || toks.len() <= 5
                && toks.last().is_some_and(|t| {
                    let x = w(text, t);
                    x.chars().all(char::is_lowercase) && lex::is_title_word(x)
                })
            || toks.iter().any(|t| is_possessive_form(w(text, t)))
    }

    /// [`subject_before`] as it was written, every word's text cut out for the relative
    /// pronouns (and [`is_appositive`] as written).
    fn subject_before_plain(text: &str, toks: &[Tok]) -> Option<(Span, Option<Span>)> {
        let start = clause_start(text, toks);
        let mut toks = &toks[start..];
        // Strip adjuncts between subject and verb.
        while let Some(last) = toks.last() {
            let x = w(text, last);
            if last.kind == Tk::Word && is_verb_adjunct(x) && x != "who" {
                toks = &toks[..toks.len() - 1];
            } else {
                break;
            }
        }
        // A subject pronoun right before the verb is its subject: "in which he says",
        // "though she said".
        if let Some(last) = toks.last().filter(|t| t.kind == Tk::Word) {
            if matches!(
                w(text, last),
                "he" | "she" | "they" | "He" | "She" | "They" | "we" | "We" | "I"
            ) {
                return Some((last.span(), None));
            }
        }
        // A relative clause: "Beck, who has long described …", "the department which reported".
        if let Some(r) = toks
            .iter()
            .rposition(|t| t.kind == Tk::Word && matches!(w(text, t), "who" | "which" | "that"))
        {
            let between = &toks[r + 1..];
            let rel = w(text, &toks[r]);
            let ok = if rel == "that" {
                between.is_empty() && r > 0 && toks[r - 1].kind == Tk::Word && !toks[r - 1].verb()
            } else {
                between.len() <= 5
                    && between.iter().all(|t| {
                        t.kind == Tk::Word
                            && !lex::is_pronoun(w(text, t))
                            && !w(text, t).chars().next().is_some_and(char::is_uppercase)
                    })
            };
            let object = r > 0 && is_preposition(w(text, &toks[r - 1]).as_bytes());
            if ok && !object && r > 0 {
                return Some((toks[r].span(), None));
            }
        }
        let mut chunked = chunks(text, toks);
        let (&mut mut last, mut cs) = chunked.as_mut_slice().split_last_mut()?;
        // "Lee, at a rally in Columbus, Ohio, said": the state closes an aside, not a subject.
        if last.len() == 1 && last[0].name() && !cs.is_empty() {
            let at = toks.partition_point(|t| t.span().start < last[0].span().start);
            let place = at >= 3
                && toks.get(at + 1).is_some_and(|t| t.kind == Tk::Comma)
                && toks[at - 1].kind == Tk::Comma
                && toks[at - 2].name()
                && toks[..at - 2]
                    .iter()
                    .rev()
                    .take_while(|t| t.kind == Tk::Word)
                    .take(4)
                    .any(|t| matches!(w(text, t), "in" | "at" | "from" | "near"));
            if place {
                let (&mut before, rest) = cs.split_last_mut()?;
                (last, cs) = (before, rest);
            }
        }
        // Age or appositives after a name: "X, 45, said", "X, a spokesman, said",
        // "X, the minister, a member of the council, said".
        let age = |c: &[Tok]| c.len() == 1 && w(text, &c[0]).bytes().all(|b| b.is_ascii_digit());
        if (age(last) || is_appositive_plain(text, last)) && !cs.is_empty() {
            let mut appositive = (!age(last)).then(|| span_of(last)).flatten();
            for back in 0..3 {
                let Some(&prev) = cs.len().checked_sub(1 + back).and_then(|i| cs.get(i)) else {
                    break;
                };
                if let Some((s, e)) = trailing_name(text, prev) {
                    let head_ok = prev[..s].iter().all(|t| {
                        let x = w(text, t);
                        t.name()
                            || lex::is_title_word(x)
                            || lex::is_honorific(x)
                            || is_determiner(x)
                            || x.chars().next().is_some_and(char::is_lowercase)
                    });
                    if head_ok {
                        let from = prev[..s]
                            .iter()
                            .rposition(|t| ends_subject(w(text, t)) || t.verb())
                            .map_or(0, |i| i + 1);
                        let _ = e;
                        return Some((span_of(&prev[from..])?, appositive));
                    }
                }
                if !is_appositive_plain(text, prev) && !age(prev) {
                    break;
                }
                if back == 0 && appositive.is_none() {
                    appositive = span_of(prev);
                }
            }
        }
        np_at_end(text, last).map(|np| (np, None))
    }

    #[test]
    fn name_words_are_no_title_words() {
        // A name word is one by its first test (which asks for no title word), an initial
        // or one of a few listed words: none of those is a title word, in any case.
        let mut words: Vec<String> = ["II", "III", "IV", "Jr.", "Sr.", "Jr", "Sr"]
            .iter()
            .map(|w| (*w).to_owned())
            .collect();
        for a in b'A'..=b'Z' {
            words.push(format!("{}.", char::from(a)));
            for b in b'A'..=b'Z' {
                words.push(format!("{}.{}.", char::from(a), char::from(b)));
            }
        }
        for t in lex::title_words() {
            let mut cap = t.to_owned();
            cap[..1].make_ascii_uppercase();
            words.extend([
                t.to_owned(),
                t.to_ascii_uppercase(),
                cap.clone(),
                cap + "'s",
            ]);
        }
        words.extend(["Lee", "Mayor", "Secretary", "Spokesman", "Gen.", "Ann"].map(String::from));
        for x in &words {
            assert!(!(lex::is_name_word(x) && lex::is_title_word(x)), "{x}");
        }
    }

    #[test]
    fn subject_before_and_appositives_are_those_of_every_word_read() {
        let pieces = [
            " ",
            " ",
            " ",
            ", ",
            ". ",
            "Lee",
            "Ann Lee",
            "Mayor",
            "Secretary",
            "spokesman",
            "he",
            "who",
            "which",
            "that",
            "whose",
            "has",
            "also",
            "the",
            "a",
            "45",
            "Smith's",
            "Sanders’",
            "officials'",
            "campaign manager",
            "of",
            "State",
            "in",
            "Columbus",
            "Ohio",
            "at a rally",
            "Jr.",
            "J.",
            "II",
            "press",
            "secretary",
            "whom",
            "thats",
            " at which point ",
            " in which ",
            " at that time ",
            "crowd",
        ];
        let mut rng = crate::testgen::Rng::new(0x9b05_688c);
        let mut found = 0;
        for _ in 0..8000 {
            let n = 1 + rng.below(30);
            let text = rng.text(&pieces, n);
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            for a in 0..toks.len().min(4) {
                let ws = &toks[a..];
                let fast = subject_before(&text, ws).map(|(m, ap, _)| (m, ap));
                assert_eq!(fast, subject_before_plain(&text, ws), "{text:?} {a}");
                found += usize::from(fast.is_some());
                for c in ws.split(|t| t.kind == Tk::Comma) {
                    assert_eq!(
                        is_appositive(&text, c),
                        is_appositive_plain(&text, c),
                        "{text:?} {c:?}"
                    );
                }
            }
        }
        assert!(found > 5_000, "{found}");
    }

    #[test]
    fn subject_and_phrase_tokens_are_those_of_their_mentions() {
        let pieces = [
            " ",
            " ",
            ", ",
            ". ",
            "Lee",
            "Ann Lee",
            "Mayor",
            "spokesman",
            "he",
            "who",
            "that",
            "has",
            "also",
            "the",
            "a",
            "45",
            "Smith's",
            "of",
            "in",
            "Columbus",
            "Ohio",
            "Jr.",
            "press",
            "secretary",
            "said",
            "Republican",
            "The",
        ];
        let mut rng = crate::testgen::Rng::new(0x3c6e_f372);
        let (mut subjects, mut phrases) = (0, 0);
        for _ in 0..8000 {
            let n = 1 + rng.below(24);
            let text = rng.text(&pieces, n);
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            for a in 0..toks.len().min(4) {
                let ws = &toks[a..];
                if let Some((m, _, mt)) = subject_before(&text, ws) {
                    assert!(std::ptr::eq(mt, tokens_in(&toks, m)), "{text:?} {a}");
                    subjects += 1;
                }
                let np = np_after_toks(&text, ws);
                assert_eq!(np.and_then(span_of), np_after(&text, ws), "{text:?} {a}");
                if let Some(np) = np {
                    assert!(std::ptr::eq(np, &ws[..np.len()]), "{text:?} {a}");
                    let m = span_of(np).unwrap();
                    assert!(std::ptr::eq(np, tokens_in(&toks, m)), "{text:?} {a}");
                    phrases += 1;
                }
            }
        }
        assert!(subjects > 3_000 && phrases > 3_000, "{subjects} {phrases}");
    }

    #[test]
    fn starts_upper_is_that_of_the_first_character() {
        let pieces = ["a", "B", " ", "É", "é", "’", "1", "Ⅻ", "ǅ", ".", "Zz"];
        let mut rng = crate::testgen::Rng::new(0x6a09_e667);
        for _ in 0..300 {
            let n = rng.below(8);
            let text = rng.text(&pieces, n);
            for start in 0..=text.len() + 1 {
                for end in 0..=text.len() + 1 {
                    let t = Tok::mark(Span::new(start, end), EMPTY_TOK.kind);
                    let plain = w(&text, &t).chars().next().is_some_and(char::is_uppercase);
                    assert_eq!(starts_upper(&text, &t), plain, "{text:?} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn title_links_are_the_words_of_the_list() {
        let text = "of for the at to on in from o off fort then At OF inn fromm";
        let toks = whole_toks(text);
        let links: Vec<&str> = toks
            .iter()
            .filter(|t| is_title_link(text, t))
            .map(|t| w(text, t))
            .collect();
        assert_eq!(links, ["of", "for", "the", "at", "to", "on", "in", "from"]);
        // A span out of the text is no link.
        assert!(!is_title_link(
            text,
            &Tok::mark(Span::new(90, 92), Tk::Word)
        ));
    }

    #[test]
    fn ends_subject_lowered_is_the_lowered_test() {
        for x in [
            "In",
            "AND",
            "and",
            "Ann",
            "Andy",
            "Whether",
            "WHETHERS",
            "Onl",
            "Only",
            "İn",
            "Ąnd",
            "li\u{212a}e",
            "thé",
            "So",
            "soo",
        ] {
            assert_eq!(
                ends_subject_lowered(x),
                lex::with_lower(x, ends_subject),
                "{x}"
            );
        }
    }

    /// [`trailing_name`] as it was written, every word's text cut out.
    fn trailing_name_plain(text: &str, toks: &[Tok]) -> Option<(usize, usize)> {
        let end = toks.len();
        let mut i = end;
        while i > 0 {
            let word = w(text, &toks[i - 1]);
            let is_name = toks[i - 1].name()
                && !word.ends_with("'s")
                && !word.ends_with("’s")
                && !is_stopword_name(word);
            let particle = lex::is_name_particle(word) && i < end;
            if !(is_name || particle) {
                break;
            }
            let prev = || i.checked_sub(2).map(|j| w(text, &toks[j]));
            if is_name
                && matches!(
                    prev(),
                    Some("of" | "for" | "the" | "at" | "to" | "on" | "in" | "from")
                )
            {
                // "Secretary of State": the word belongs to the title.
                if i == end {
                    return None;
                }
                break;
            }
            i -= 1;
        }
        // Don't start the name with a particle.
        while i < end && lex::is_name_particle(w(text, &toks[i])) {
            i += 1;
        }
        (i < end).then_some((i, end))
    }

    #[test]
    fn honorific_words_are_those_of_the_lexicon() {
        let mut words: Vec<String> = Vec::new();
        for h in lex::HONORIFICS
            .iter()
            .chain(&["Mayor", "Mister", "Sen", "D", "S.", "M..."])
        {
            for v in [
                h.to_string(),
                format!("{h}."),
                format!("{h}.."),
                format!("{h}s"),
            ] {
                words.push(v.to_lowercase());
                words.push(v);
            }
        }
        words.extend(["", ".", "...", "Dam", "Dames", "Sir.", "É"].map(String::from));
        for word in &words {
            let text = format!("x {word} y");
            let t = Tok::at(&text, Span::new(2, 2 + word.len()), Tk::Word);
            let plain = lex::is_honorific(word);
            assert_eq!(is_honorific_word(&text, &t), plain, "{word:?}");
        }
    }

    /// [`first_byte`] of every span of a text in it is the first of its bytes ([`wb`]).
    #[test]
    fn first_bytes_are_those_of_the_token_bytes() {
        let text = "He said “Lee” é. ";
        for a in 0..=text.len() {
            for b in a..=text.len() {
                let t = Tok::mark(Span::new(a, b), Tk::Word);
                assert_eq!(
                    first_byte(text, &t),
                    wb(text, &t).first().copied(),
                    "{a}..{b}"
                );
            }
        }
        assert_eq!(
            first_byte(text, &Tok::mark(Span::new(3, 2), Tk::Word)),
            None
        );
    }

    #[test]
    fn token_bytes_compare_with_ascii_words_as_the_text() {
        // Every span of a text with characters of two and three bytes, on character
        // boundaries or not, in the text or past it.
        let text = "he said “so” to é Lee’s ed";
        let words = ["to", "so", "he", "said", "ed", "Lee", "s", "a", ""];
        for start in 0..=text.len() + 1 {
            for end in start..=text.len() + 1 {
                let t = Tok::mark(Span::new(start, end), Tk::Word);
                let (bytes, word) = (wb(text, &t), w(text, &t));
                for x in words {
                    if !x.is_empty() {
                        assert_eq!(bytes == x.as_bytes(), word == x, "{start}..{end} {x:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn transcript_labels_are_read_as_by_searching_for_the_colon() {
        // The label test without `may_open_label`: the colon searched for first, in the
        // first 40 characters of the text with each run of blanks one space, then mapped
        // back.
        let reference = |s: &str| -> Option<usize> {
            let mut kept = 0;
            let mut prev_blank = false;
            for (i, c) in s.char_indices() {
                let blank = c == ' ';
                if !(blank && prev_blank) {
                    if kept + c.len_utf8() > 40 {
                        break;
                    }
                    kept += c.len_utf8();
                }
                prev_blank = blank;
                if c == ':' {
                    return is_label(&s[..i]).then_some(i);
                }
            }
            None
        };
        let contents = [
            "WALLACE: Let's start",
            "MR. O'BRIEN-SMITH: yes",
            "We will win,",
            "yes",
            "",
            ":",
            "A:",
            "AB:",
            "AB",
            "ÉTIENNE: oui",
            "ÉTienne: oui",
            "Q: and A: then",
            "NO COLON IN THESE FIRST FORTY BYTES AT ALL: X",
            "SPEAKER ONE  : hello",
            "-- : dash",
            "HE SAID: “Go”",
            "É",
            "a: b",
            "A1: b",
            // The window's 40th byte inside a character (a curly quotation mark).
            "U.S.: the said the U.S. and then some “word”",
            "U.S.: the said the U.S. and then some x“word”",
            // Doubled spaces do not count in the window.
            "MAYOR  OF  THE  CITY  ANN  LEE  OF  HOMS  TOWN: yes",
            "MAYOR  OF  THE  CITY  ANN  LEE  OF  HOMS  TOWN  NEXT  DOOR: no",
        ];
        for s in contents {
            let text = format!("“{s}”");
            let content = Span::new("“".len(), "“".len() + s.len());
            assert_eq!(
                transcript_label(&text, content).map(|f| f.mention.len()),
                reference(s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn determiner_words_are_those_of_the_list() {
        let mut words: Vec<String> = [
            "the", "The", "a", "A", "an", "two", "Two", "his", "His", "U.S.", "U.S", "UKUS",
            "Mayor", "He", "senior", "Senior", "45", "4x", "", "é", "Éa", "THE", "that",
        ]
        .map(String::from)
        .to_vec();
        for w in words.clone() {
            words.push(format!("{w}s"));
            words.push(w.to_uppercase());
        }
        for word in &words {
            let text = format!("x {word} y");
            let t = Tok::at(&text, Span::new(2, 2 + word.len()), Tk::Word);
            assert_eq!(
                is_determiner_word(&text, &t),
                is_determiner(word),
                "{word:?}"
            );
        }
    }

    #[test]
    fn possessive_or_stopword_names_are_those_of_the_text() {
        // Name words (as the helper is asked of), possessives, initials, other words.
        let words = [
            "Lee",
            "Lee's",
            "Lee’s",
            "Ross'",
            "Tess",
            "A.",
            "I.",
            "B.",
            "Ab",
            "Éa",
            "É's",
            "s",
            "'s",
            "Jr.",
            "Charles",
            "O’Neill’s",
            "Li",
        ];
        for word in words {
            let text = format!("x {word} y");
            let t = Tok::at(&text, Span::new(2, 2 + word.len()), Tk::Word);
            let plain = (word.ends_with("'s") || word.ends_with("’s")) || is_stopword_name(word);
            assert_eq!(is_possessive_or_stopword_name(&text, &t), plain, "{word:?}");
        }
    }

    #[test]
    fn trailing_name_is_that_of_every_word_read() {
        let pieces = [
            " ",
            " ",
            "Lee",
            "Ann",
            "van",
            "de",
            "bin",
            "al",
            "Mayor",
            "of",
            "State",
            "the",
            "J.",
            "A.",
            "Smith's",
            "Jones’s",
            "ab",
            "abc",
            "said",
            "Le",
            "DE",
            "Jr.",
            "in",
            "from",
            "for",
            "fro",
            "Charles",
            "Ross'",
            "Tess",
            "at",
            "onto",
        ];
        let mut rng = crate::testgen::Rng::new(0x3c6e_f372);
        let mut names = 0;
        for _ in 0..6000 {
            let n = 1 + rng.below(12);
            let text = rng.text(&pieces, n);
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            for a in 0..toks.len() {
                let ws = &toks[a..];
                let fast = trailing_name(&text, ws);
                assert_eq!(fast, trailing_name_plain(&text, ws), "{text:?} {a}");
                names += usize::from(fast.is_some());
            }
        }
        assert!(names > 2_000, "{names}");
    }

    #[test]
    fn subject_end_bits_are_those_of_the_subject_end_test() {
        // Every subject end in four casings and two mixed ones, with and without a trailing
        // period or possessive, and words that share their first letters: the token's bit
        // is what `ends_subject_any_case` says of its text.
        let mut words: Vec<String> = Vec::new();
        for e in SUBJECT_ENDS
            .iter()
            .chain(&["an", "thank", "Ann", "Onto", "ifs", "K"])
        {
            // "aND", "AnD": the last letter (then also the first) in upper case.
            let (head, last) = e.split_at(e.len() - 1);
            let mixed = format!("{head}{}", last.to_ascii_uppercase());
            let mut both = mixed.clone();
            both[..1].make_ascii_uppercase();
            words.extend(lex::four_casings(e));
            words.extend([mixed, both]);
        }
        let mut seen = 0;
        for x in &words {
            for suffix in ["", ".", "'s", " x"] {
                let text = format!("{x}{suffix}");
                let mut toks = Vec::new();
                tokenize(&text, Span::new(0, text.len()), &mut toks);
                let t = &toks[0];
                assert_eq!(
                    t.subject_end(),
                    ends_subject_any_case(w(&text, t)),
                    "{text:?}"
                );
                seen += usize::from(t.subject_end());
            }
        }
        assert!(seen > 4 * SUBJECT_ENDS.len(), "{seen}");
    }

    #[test]
    fn no_cue_head_is_a_speech_verb() {
        // `cue_of_word` reads the "according to" and phrasal cues only of a word that is no
        // speech verb: none of their heads is one, in the case written or any other.
        for h in CUE_HEADS {
            for x in lex::four_casings(h) {
                assert!(!lex::is_speech_verb(&x), "{x}");
                assert!(!Tok::new(&x, Span::new(0, x.len()), Tk::Word).verb(), "{x}");
            }
        }
    }

    #[test]
    fn stopwords_of_capitals_are_a_and_i() {
        // `Classes::of_capitals` reads a word of capitals as a stopword only when it is "A"
        // or "I": every other stopword has a lower-case letter, and so does none of them in
        // capitals (the list is case-sensitive).
        let capitals: Vec<&str> = lex::CAPITALIZED_STOPWORDS
            .iter()
            .copied()
            .filter(|w| !w.bytes().any(|b| b.is_ascii_lowercase()))
            .collect();
        assert_eq!(capitals, ["A", "I"]);
        // `lower_bits_from_table` drops the table's STOPWORD bit for a word in lower case,
        // which holds as long as every stopword starts with a capital.
        assert!(lex::CAPITALIZED_STOPWORDS
            .iter()
            .all(|w| w.as_bytes()[0].is_ascii_uppercase()));
        for w in lex::CAPITALIZED_STOPWORDS {
            let upper = w.to_ascii_uppercase();
            let stopword = lex::is_capitalized_stopword(&upper);
            assert_eq!(Classes::of_capitals(&upper).stopword, stopword, "{upper}");
            assert_eq!(stopword, upper == *w, "{upper}");
            // And the token of every casing carries the bit the stopword test gives.
            for x in lex::four_casings(w) {
                let mut toks = Vec::new();
                tokenize(&x, Span::new(0, x.len()), &mut toks);
                assert_eq!(toks.len(), 1, "{x}");
                assert_eq!(toks[0].stopword(), lex::is_capitalized_stopword(&x), "{x}");
            }
        }
    }

    #[test]
    fn extends_name_run_is_the_name_and_suffix_tests() {
        let text = "Ann Lee's de van Lees Lee’s von al-Assad O'Neil's du bin Ann’s said Xs é A.";
        let toks = whole_toks(text);
        // Spans cut inside a character too (their text is empty).
        let odd = [Span::new(57, 59), Span::new(58, 60), Span::new(0, 0)];
        let all = toks
            .iter()
            .copied()
            .chain(odd.iter().map(|&sp| Tok::at(text, sp, Tk::Word)));
        for base in all {
            for classes in [
                base.classes,
                base.classes | TOK_NAME,
                base.classes & !TOK_NAME,
            ] {
                let t = Tok { classes, ..base };
                let x = w(text, &t);
                let by_tests = (t.name() || lex::is_name_particle(x))
                    && !x.ends_with("'s")
                    && !x.ends_with("’s");
                assert_eq!(extends_name_run(text, &t), by_tests, "{x:?} {classes}");
            }
        }
    }

    #[test]
    fn common_words_start_at_a_slot_no_word_passed() {
        // The slot multiplier keeps the commonest words on the look-up's one-slot path
        // (no `get_past`): the slot each starts at holds it or no word put in after it
        // probed past it. (With the golden-ratio multiplier, "a", "he", "it", "on", "at",
        // "I", "you" and "or" started at passed slots.) Their bits are those of a search
        // of every slot.
        let table = word_table();
        for w in [
            "the", "a", "an", "of", "to", "and", "in", "that", "he", "she", "it", "on", "at", "is",
            "was", "for", "with", "as", "his", "her", "they", "said", "says", "be", "by", "from",
            "has", "have", "had", "not", "but", "this", "are", "were", "will", "who", "we", "I",
            "you", "or", "The", "He", "She", "It", "They", "In", "But", "A",
        ] {
            let p = PackedWord::new(w.as_bytes()).unwrap_or_default();
            let (q, meta) = table.slots[p.slot(WORD_SLOTS - 1)];
            assert_eq!(meta & PASSED, 0, "{w:?}");
            let found = table.slots.iter().find(|(q, _)| q.len != 0 && *q == p);
            assert_eq!(q == p, found.is_some(), "{w:?}");
            assert_eq!(
                table.get_packed(p),
                found.map_or(0, |(_, meta)| *meta as u8),
                "{w:?}"
            );
        }
    }

    #[test]
    fn word_table_leaves_three_slots_in_four_empty() {
        let table = word_table();
        let used = table.slots.iter().filter(|(p, _)| p.len != 0).count();
        assert!(used > 1000, "{used}");
        assert!(used * 4 <= WORD_SLOTS, "{used}");
        // Every word put in is found in its slot run, every slot of the run before it
        // marked as passed, and found by the look-up.
        for (p, meta) in table.slots.iter().filter(|(p, _)| p.len != 0) {
            let mut i = p.slot(WORD_SLOTS - 1);
            while table.slots[i].0 != *p {
                assert_ne!(table.slots[i].0.len, 0);
                assert_ne!(table.slots[i].1 & PASSED, 0);
                i = (i + 1) & (WORD_SLOTS - 1);
            }
            assert_eq!(table.slots[i].1, *meta);
            assert_eq!(table.get_packed(*p), *meta as u8);
        }
        // A word in no slot is found in none, whatever slot it starts at.
        let passed = table.slots.iter().filter(|s| s.1 & PASSED != 0).count();
        assert!(passed > 0 && passed * 4 < used, "{passed} {used}");
        for w in [
            "zzq",
            "reporters",
            "the",
            "Xyzzy",
            "abcdefghijklmnop",
            "walked",
        ] {
            let p = PackedWord::new(w.as_bytes()).unwrap();
            assert_eq!(table.get_packed(p), 0, "{w}");
        }
    }

    /// The packing of [`PackedWord`], byte by byte: the word's bytes as one little-endian
    /// number of sixteen bytes, split in two.
    fn plain_packed_word(w: &[u8]) -> Option<PackedWord> {
        if w.is_empty() || w.len() > PACKED_MAX {
            return None;
        }
        let mut n = 0u128;
        for (k, &b) in w.iter().enumerate() {
            n |= u128::from(b) << (8 * k);
        }
        Some(PackedWord {
            head: n as u64,
            tail: (n >> 64) as u64,
            len: w.len(),
        })
    }

    #[test]
    fn packed_words_are_the_plain_packing() {
        // Bytes of every value, at every length and start, near and far from the end of
        // the text (where `PackedWord::at` cannot read sixteen bytes).
        let text: Vec<u8> = (0..64u32).map(|k| (k * 37 + 11) as u8 | 1).collect();
        for pos in 0..text.len() {
            for len in 0..=(text.len() - pos).min(PACKED_MAX + 3) {
                let w = &text[pos..pos + len];
                let plain = plain_packed_word(w);
                assert_eq!(PackedWord::new(w), plain, "{pos} {len}");
                assert_eq!(PackedWord::at(&text, pos, len), plain, "{pos} {len}");
            }
        }
    }

    #[test]
    fn words_packed_in_a_window_are_packed_as_at() {
        // `PackedWord::in_window` against `PackedWord::at` for every start in the window
        // and every length up to its end and past the packed length, in windows at every
        // start of random texts (zeros among their bytes); `window_bytes` is there exactly
        // when the text has its bytes.
        let mut rng = crate::testgen::Rng::new(0x7a11_b0c5);
        let mut packed = 0;
        for _ in 0..200 {
            let n = rng.below(120) + 1;
            let text: Vec<u8> = (0..n)
                .map(|_| match rng.below(4) {
                    0 => 0,
                    _ => rng.below(256) as u8,
                })
                .collect();
            for at in 0..=n {
                let window = window_bytes(&text, at);
                assert_eq!(window.is_some(), at + WINDOW_BYTES <= n, "{n} {at}");
                let Some(window) = window else {
                    continue;
                };
                for o in 0..63 {
                    for len in 0..64 - o {
                        let p = PackedWord::in_window(window, o, len);
                        assert_eq!(
                            p,
                            PackedWord::at(&text, at + o, len),
                            "{text:?} {at} {o} {len}"
                        );
                        packed += usize::from(p.is_some());
                    }
                }
            }
        }
        assert!(packed > 100_000, "{packed}");
    }

    #[test]
    fn packed_word_masks_are_the_shifted_masks() {
        // The table of masks that `PackedWord::at` reads, against the mask of a `u128`
        // shifted by the word's length; and `at` against the plain packing on random bytes
        // (zeros among them, so that a byte masked off and a zero byte kept differ by the
        // length alone).
        for (len, &(head, tail)) in PACKED_MASKS.iter().enumerate() {
            let all = (0..len).fold(0u128, |m, k| m | 0xff << (8 * k));
            assert_eq!((head, tail), (all as u64, (all >> 64) as u64), "{len}");
        }
        let mut rng = crate::testgen::Rng::new(0x9ac4_ed45);
        for _ in 0..20_000 {
            let n = rng.below(40) + 1;
            let text: Vec<u8> = (0..n)
                .map(|_| match rng.below(4) {
                    0 => 0,
                    _ => rng.below(256) as u8,
                })
                .collect();
            let pos = rng.below(n);
            let len = rng.below(n - pos + 1);
            let w = &text[pos..pos + len];
            assert_eq!(
                PackedWord::at(&text, pos, len),
                plain_packed_word(w),
                "{text:?} {pos} {len}"
            );
        }
    }

    /// [`WordTable::put`] joins the bits of a word put in twice, as a map of the words
    /// would: random words, many listed twice or more with other bits, some too long to
    /// pack, put in a table of their own; every word then has the bits of all its entries,
    /// and its first slot is passed when another word sits there.
    #[test]
    fn word_table_puts_join_the_bits_of_a_word() {
        let parts = ["a", "e", "s", "t", "-", "’", "x", "Q", "said", "reporters"];
        let mut rng = crate::testgen::Rng::new(0x7ab1_e5e7);
        let mut table = WordTable::empty();
        let mut want: HashMap<String, u8> = HashMap::new();
        let mut new_words = 0;
        for round in 0..3_000 {
            let w = rng.text(&parts, 1 + round % 9);
            let bit = 1u8 << rng.below(8);
            new_words += usize::from(table.put(w.as_bytes(), bit));
            *want.entry(w).or_insert(0) |= bit;
        }
        assert_eq!(new_words, want.len());
        assert!(want.len() < 2_500 && want.len() > 1_000, "{}", want.len());
        assert!(want.keys().any(|w| w.len() > PACKED_MAX));
        for (w, bits) in &want {
            assert_eq!(table.get(w), *bits, "{w:?}");
            // The token bits kept in the slot are those mapped from the joined bits.
            if let Some(p) = PackedWord::new(w.as_bytes()) {
                assert_eq!(table.lower_tok_bits(p), lower_tok_bits_of(*bits), "{w:?}");
                let capitalized = capitalized_tok_bits_of(*bits, w.as_bytes());
                assert_eq!(table.capitalized_tok_bits(p), capitalized, "{w:?}");
            }
        }
        let passed = table.slots.iter().filter(|s| s.1 & PASSED != 0).count();
        assert!(passed > 0, "{passed}");
        for w in ["zzq", "Xyzzy", "said said said said said said"] {
            assert_eq!(table.get(w), want.get(w).copied().unwrap_or(0), "{w}");
        }
    }

    #[test]
    fn word_table_look_ups_are_a_search_of_its_slots() {
        // Each word found as by a search of every slot for it: the words put in, those
        // words with a byte changed, cut or grown (most in no slot, many starting at a
        // slot that a word was put past).
        let table = word_table();
        let search = |p: &PackedWord| {
            table
                .slots
                .iter()
                .find(|(q, _)| q.len != 0 && q == p)
                .map_or(0, |(_, meta)| *meta as u8)
        };
        let mut words: Vec<Vec<u8>> = Vec::new();
        for (p, _) in table.slots.iter().filter(|(p, _)| p.len != 0) {
            let mut w = Vec::new();
            let n = u128::from(p.head) | u128::from(p.tail) << 64;
            for k in 0..p.len {
                w.push((n >> (8 * k)) as u8);
            }
            assert_eq!(plain_packed_word(&w), Some(*p));
            let mut changed = w.clone();
            changed[0] ^= 0x20;
            words.push(changed);
            words.push(w[..w.len() - 1].to_vec());
            let mut grown = w.clone();
            grown.push(b's');
            words.push(grown);
            words.push(w);
        }
        let mut passed = 0;
        for w in words.iter().filter(|w| !w.is_empty()) {
            let Some(p) = PackedWord::new(w) else {
                continue;
            };
            passed += usize::from(table.slots[p.slot(WORD_SLOTS - 1)].1 & PASSED != 0);
            let bits = search(&p);
            assert_eq!(table.get_packed(p), bits, "{w:?}");
            // The token bits kept in the slot, against mapping the bits at each word.
            assert_eq!(table.lower_tok_bits(p), lower_tok_bits_of(bits), "{w:?}");
            let capitalized = capitalized_tok_bits_of(bits, w);
            assert_eq!(table.capitalized_tok_bits(p), capitalized, "{w:?}");
        }
        assert!(passed > 100, "{passed}");
    }

    #[test]
    fn ascii_text_is_the_text_of_the_bytes() {
        for w in ["", "a", "said", "F-16", "don't", "U.S."] {
            assert_eq!(ascii_text(w.as_bytes()), w);
        }
        // Bytes that are no text (never given) read as no word.
        assert_eq!(ascii_text(&[b'a', 0xe2, 0x80]), "");
        // The word table reads a long word from its bytes as from its text.
        let table = word_table();
        for w in ["disagreeably-long-verb", "according", "Secretary"] {
            assert_eq!(table.get_bytes(w.as_bytes()), table.get(w), "{w}");
        }
    }

    /// `rounds` blocks of eight bytes, mostly of `inner` (so that long runs come up) and
    /// otherwise of `edges` (the bytes around the ranges, at every place), each checked by
    /// `check`.
    fn edge_blocks(
        seed: u32,
        rounds: usize,
        edges: &[u8],
        inner: &[u8; 8],
        check: impl Fn([u8; 8]),
    ) {
        let mut rng = crate::testgen::Rng::new(seed);
        for round in 0..rounds {
            let mut block = [0u8; 8];
            for (k, b) in block.iter_mut().enumerate() {
                let r = rng.below(1 << 30);
                *b = if (r + round) % 3 == 0 || k > round % 9 {
                    edges[r % edges.len()]
                } else {
                    inner[r % 8]
                };
            }
            check(block);
        }
    }

    /// The classes together of the leading bytes of `block` that `is_in` takes, and how many.
    fn leading_by_bytes(block: [u8; 8], is_in: impl Fn(u8) -> bool) -> (usize, u8) {
        let n = block.iter().take_while(|&&b| is_in(b)).count();
        let bits = block[..n]
            .iter()
            .fold(0u8, |bits, &b| bits | BYTE_CLASS[usize::from(b)]);
        (n, bits)
    }

    #[test]
    fn leading_letters_are_the_plain_count() {
        // Blocks of letters and the bytes around the letter ranges, in and out of ASCII.
        let edges = [
            b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', b'.', b'-', b'\'', b'0', b' ', 0xc1,
            0xe1, 0xfa, 0x7f, 0x00,
        ];
        edge_blocks(7, 20_000, &edges, b"aQzkMeZA", |block| {
            assert_eq!(
                leading_letters(u64::from_le_bytes(block)),
                leading_by_bytes(block, |b| b.is_ascii_alphabetic()),
                "{block:?}"
            );
        });
    }

    #[test]
    fn leading_word_bytes_are_the_plain_count() {
        // Blocks of word bytes and the bytes around their ranges, in and out of ASCII.
        let edges = [
            b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', b'.', b'-', b'\'', b'0', b'9', b'/',
            b',', b'&', b'(', b':', b' ', 0xc1, 0xe1, 0xfa, 0xa7, 0xad, 0xae, 0xb0, 0x7f, 0x00,
        ];
        edge_blocks(11, 40_000, &edges, b"aQ.k'e9-", |block| {
            assert_eq!(
                leading_word_bytes(u64::from_le_bytes(block)),
                leading_by_bytes(block, |b| BYTE_CLASS[usize::from(b)] & WORD_BYTE != 0),
                "{block:?}"
            );
        });
    }

    /// [`word_bytes_end`] from every place of `t` against a scan of the byte classes a byte
    /// at a time: the end of the run of word bytes, their classes together, and its last
    /// byte (the one before the place for an empty run).
    fn word_bytes_end_is_the_scan_in(t: &str) {
        let bytes = t.as_bytes();
        for start in 0..=bytes.len() {
            let mut j = start;
            let mut rest = 0u8;
            while let Some(&c) = bytes.get(j) {
                let k = BYTE_CLASS[usize::from(c)];
                if k & WORD_BYTE == 0 {
                    break;
                }
                rest |= k;
                j += 1;
            }
            let before = if start == 0 { b'#' } else { bytes[start - 1] };
            let last = if j == start { before } else { bytes[j - 1] };
            assert_eq!(
                word_bytes_end(bytes, start, before),
                (j, rest, last),
                "{t:?} {start}"
            );
        }
    }

    #[test]
    fn word_bytes_end_is_the_byte_by_byte_scan_on_random_words() {
        let mut rng = crate::testgen::Rng::new(5);
        let parts = [
            "a",
            "Ab",
            "x",
            "9",
            "-",
            ".",
            "'",
            "don",
            "U.S.",
            "abcdefgh",
            "ADMINISTRATION",
            " ",
            ",",
            "’",
            "é",
            "(",
            "reporters",
            "1,000",
            "--",
        ];
        for n in 1..200 {
            word_bytes_end_is_the_scan_in(&rng.text(&parts, n % 40 + 1));
        }
    }

    #[test]
    fn word_bytes_end_is_the_byte_by_byte_scan() {
        // Runs of every length around the block of eight, ended by a blank, a mark, a byte
        // outside ASCII or the end of the text, with capitals, digits and word marks.
        let words = ["", "a", "Ab", "x-9", "don't", "U.S.", "abcdefg", "abcdefgh"];
        let mut texts: Vec<String> = Vec::new();
        for w in words {
            for tail in ["", " rest", ",", "’s", "ABCDEFGHIJ", "abcdefgh-ij k"] {
                texts.push(format!("{w}{tail}"));
                texts.push(format!("Q{w}{w}{tail}"));
            }
        }
        for t in &texts {
            word_bytes_end_is_the_scan_in(t);
        }
    }

    #[test]
    fn byte_classes_are_those_of_the_byte_tests() {
        for b in 0..=255u8 {
            let k = BYTE_CLASS[usize::from(b)];
            assert_eq!(k & WORD_BYTE != 0, lex::is_ascii_word_byte(b), "{b}");
            assert_eq!(k & ALNUM_BYTE != 0, b.is_ascii_alphanumeric(), "{b}");
            assert_eq!(k & UPPER_BYTE != 0, b.is_ascii_uppercase(), "{b}");
            assert_eq!(k & LOWER_BYTE != 0, b.is_ascii_lowercase(), "{b}");
            assert_eq!(
                k & BLANK_BYTE != 0,
                b.is_ascii() && lex::is_ascii_blank_byte(b),
                "{b}"
            );
        }
    }

    #[test]
    fn ascii_word_classes_are_those_of_the_class_tests() {
        // Words of ASCII word bytes not ending in `.`, joined from lexicon words in every
        // case and bytes that change a word's class.
        let mut parts: Vec<String> = Vec::new();
        for w in lex::speech_verb_forms()
            .take(40)
            .chain(SPEECH_NOUNS.iter().copied())
            .chain(CUE_HEADS.iter().copied())
            .chain(lex::CAPITALIZED_STOPWORDS.iter().copied())
            .chain(lex::HONORIFICS.iter().copied())
            .chain(lex::title_words().take(40))
            .chain([
                "Jr", "Sr", "Lee", "II", "III", "IV", "A", "I", "x", "McCain", "U.S",
            ])
            .chain(["NATO", "F-16", "I'M", "HE'S", "IIs"])
        {
            parts.push(w.to_owned());
            parts.push(w.to_ascii_uppercase());
            let mut cap = w.to_owned();
            cap[..1].make_ascii_uppercase();
            parts.push(cap);
        }
        for p in ["'", "-", ".", "5", "a", "Z", "-a", "s"] {
            parts.push(p.to_owned());
        }
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let suffixes = ["", "", "", "'s", "'", "s", "S", "-", "-a", "5", ".x", "'S"];
        let mut rng = crate::testgen::Rng::new(0x2545_f491);
        let mut tried = 0;
        for _ in 0..20_000 {
            let n = 1 + rng.below(4) / 3;
            let w = rng.text(&parts, n) + rng.pick(&suffixes);
            if !w.bytes().all(lex::is_ascii_word_byte) || w.ends_with('.') {
                continue;
            }
            let rest = w
                .bytes()
                .skip(1)
                .fold(0, |k, b| k | BYTE_CLASS[usize::from(b)]);
            assert_eq!(
                Classes::from_bits(Classes::of_ascii_word(word_table(), w.as_bytes(), rest)),
                Classes::of_tests(&w),
                "{w:?}"
            );
            assert_eq!(
                Classes::of_ascii_word(word_table(), w.as_bytes(), rest),
                Classes::of_tests(&w).bits(),
                "{w:?}"
            );
            tried += 1;
        }
        assert!(tried > 10_000, "{tried}");
    }

    #[test]
    fn name_words_are_stopwords_only_as_initials() {
        let words = lex::CAPITALIZED_STOPWORDS
            .iter()
            .copied()
            .chain(lex::HONORIFICS.iter().copied())
            .chain(lex::title_words())
            .chain([
                "Ann", "Lee", "II", "III", "IV", "Jr", "Sr", "J", "H.W", "O'Neill", "Éric",
            ]);
        let letters = ('A'..='Z').map(String::from);
        let mut names = 0;
        for w in words.map(str::to_owned).chain(letters) {
            let mut capitalized = w.clone();
            if let Some(first) = capitalized.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            for v in [w.clone(), capitalized.clone(), w.to_uppercase()] {
                for v in [
                    v.clone(),
                    format!("{v}."),
                    format!("{v},"),
                    format!("{v}'s"),
                ] {
                    if lex::is_name_word(&v) {
                        names += 1;
                        assert_eq!(
                            lex::is_capitalized_stopword(&v),
                            matches!(v.as_str(), "A." | "I."),
                            "{v}"
                        );
                    }
                }
            }
        }
        assert!(names > 50, "{names}");
    }

    #[test]
    fn tokens_in_and_near_are_those_of_two_searches_of_all_tokens() {
        let pieces = [
            "a", "bb", " ", "  ", ", ", ". ", "Dd", "(e)", ":", ";", "U.S.", "’", "é", "—",
            "Lee's", "...", "x",
        ];
        let mut rng = crate::testgen::Rng::new(0x3c6e_f372);
        let mut texts = vec!["a, bb cc. Dd (e) ff: gg; hh ii jj, kk ll mm nn oo pp qq".to_owned()];
        texts.extend((0..60).map(|_| {
            let n = rng.below(30);
            rng.text(&pieces, n)
        }));
        for text in &texts {
            let toks = whole_toks(text);
            for start in 0..=text.len() + 1 {
                for end in 0..=text.len() + 1 {
                    let span = Span::new(start, end);
                    let s = toks.partition_point(|t| t.span().start < span.start);
                    let e = toks.partition_point(|t| t.span().end <= span.end);
                    let want = toks.get(s..e.max(s)).unwrap_or(&[]);
                    let got = tokens_in(&toks, span);
                    assert_eq!(
                        (got.as_ptr(), got.len()),
                        (want.as_ptr(), want.len()),
                        "{text:?} {span:?}"
                    );
                    // And from every token near which `tokens_in_near` may start.
                    for near in [0, s.saturating_sub(1), s, s + 1, s + 7, toks.len() / 2]
                        .into_iter()
                        .chain([toks.len(), toks.len() + 1])
                    {
                        let got = tokens_in_near(&toks, near, span);
                        assert_eq!(
                            (got.as_ptr(), got.len()),
                            (want.as_ptr(), want.len()),
                            "{text:?} {span:?} near {near}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_phrase_stopped_before_a_name_has_no_title_words() {
        let vocabulary = [
            "Ann",
            "Lee",
            "Dana",
            "Kirk",
            "de",
            "van",
            "Mayor",
            "mayor",
            "press",
            "secretary",
            "the",
            "his",
            "a",
            "said",
            "says",
            "told",
            "claims",
            "report",
            "speaking",
            "to",
            "with",
            "for",
            "in",
            "and",
            "he",
            "He",
            "it",
            "of",
            "familiar",
            "source",
            "Monday",
            "Twitter",
            "at",
            "on",
            "former",
            "Sen.",
            "Mr.",
            "U.S.",
            "who",
            "is",
            "also",
            ",",
        ];
        let mut rng = crate::testgen::Rng::new(0x9abc_def1);
        let mut stopped = 0;
        for _ in 0..4000 {
            let (text, toks) = words_text(&mut rng, &vocabulary, 2, 9);
            // Every name of two words or more ending anywhere, after words of its chunk.
            for j in 2..=toks.len() {
                for i in 1..j - 1 {
                    let name_run = toks[i..j].iter().all(|t| t.kind == Tk::Word && t.name());
                    let lo = toks[..i]
                        .iter()
                        .rposition(|t| t.kind != Tk::Word)
                        .map_or(0, |k| k + 1);
                    if !name_run || lo >= i {
                        continue;
                    }
                    let name = Span::new(toks[i].span().start, toks[j - 1].span().end);
                    if stops_phrase_before(&text, &toks[lo..j], i - lo) {
                        stopped += 1;
                        assert_eq!(title_before_name(&text, &toks[lo..j], name), None, "{text}");
                    }
                }
            }
        }
        assert!(stopped > 100, "{stopped}");
    }

    #[test]
    fn a_titled_split_is_the_split_of_its_phrase() {
        // Every person of a name run whose descriptor is the title words of a phrase
        // (`titled_from`) is found for that phrase, with its split; and a mention found so
        // is always split so.
        let vocabulary = [
            "Ann",
            "Lee",
            "Dana",
            "Kirk",
            "de",
            "Mayor",
            "mayor",
            "press",
            "secretary",
            "the",
            "a",
            "said",
            "he",
            "of",
            "former",
            "Sen.",
            "Mr.",
            "Lee's",
            ",",
            ".",
            "and",
        ];
        let mut rng = crate::testgen::Rng::new(0x7177_1ed5);
        let mut titled = 0;
        for _ in 0..3000 {
            let (text, toks) = words_text(&mut rng, &vocabulary, 2, 12);
            let mut registry = Registry::default();
            register(&text, &toks, 0, &[], &mut registry, &Options::default());
            for p in registry
                .people
                .iter()
                .filter(|p| p.titled_from() != NO_PHRASE && !p.subject())
            {
                titled += 1;
                let phrase = Span::new(p.titled_from(), p.name().end);
                let split = (p.descriptor(), Some(p.name()));
                assert!(p.descriptor().is_some(), "{text}");
                assert_eq!(
                    split_mention(&text, tokens_in(&toks, phrase)),
                    split,
                    "{text}"
                );
                assert_eq!(registry.titled_split(phrase), Some(split), "{text}");
            }
            for a in 0..toks.len() {
                for b in a + 1..=toks.len() {
                    let mention = Span::new(toks[a].span().start, toks[b - 1].span().end);
                    if let Some(split) = registry.titled_split(mention) {
                        assert_eq!(split_mention(&text, &toks[a..b]), split, "{text}");
                    }
                }
            }
        }
        assert!(titled > 100, "{titled}");
    }

    #[test]
    fn a_clause_without_a_name_word_gives_no_named_subject() {
        let vocabulary = [
            "Ann",
            "Lee",
            "de",
            "the",
            "mayor",
            "he",
            "said",
            ",",
            ".",
            ":",
            "—",
            "--",
            "-",
            "who",
            "Mayor",
            "a",
            "spokesman",
            "for",
            "In",
            "Salem",
            "45",
            "told",
            "officials",
            "and",
        ];
        let mut rng = crate::testgen::Rng::new(0x5ba1_1ad0);
        let mut named = 0;
        for _ in 0..4000 {
            let (text, toks) = words_text(&mut rng, &vocabulary, 1, 12);
            let has_name = clause_has_name(&text, &toks);
            // The clause, or the aside before a dash that empties it.
            let read = match toks.as_slice() {
                [.., word, dash] if word.kind == Tk::Word && is_dash(&text, dash) => {
                    &toks[..toks.len() - 1]
                }
                _ => &toks[..],
            };
            assert_eq!(
                has_name,
                read[clause_start(&text, read)..].iter().any(|t| t.name()),
                "{text}"
            );
            if let Some((mention, _, _)) = subject_before(&text, &toks) {
                let name = split_mention(&text, tokens_in(&toks, mention)).1;
                named += usize::from(name.is_some());
                assert!(has_name || name.is_none(), "{text}");
            }
        }
        assert!(named > 100, "{named}");
    }

    #[test]
    fn kept_subjects_are_the_subjects_read_again() {
        // Sentences of names, titles, pronouns, relative words, asides, dashes, colons and
        // commas before speech verbs; each verb's subject read from frames starting
        // anywhere before it (as a quote reader's would), kept, then asked for from the
        // tokens of up to 40 before the verb (as `register` asks): the kept subject, when
        // taken, is the one read there.
        let parts = [
            "Lee ",
            "Ann Lee ",
            "Mayor ",
            "the ",
            "spokesman ",
            "he ",
            "She ",
            "who ",
            "which ",
            "that ",
            "at ",
            "in Salem, ",
            "Ohio, ",
            "45, ",
            "a teacher, ",
            ", ",
            ". ",
            ": ",
            "-- ",
            "— ",
            "said ",
            "says ",
            "told ",
            "added ",
            "also ",
            "and ",
            "“",
            "” ",
            "(R-Texas) ",
            "Jr. ",
            "Kirk ",
            "the board ",
            "Dana Kirk, ",
        ];
        let mut rng = crate::testgen::Rng::new(0x5eb_0045);
        let (mut taken, mut read) = (0, 0);
        for n in 0..2_000 {
            let text = rng.text(&parts, n % 30 + 2);
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            for v in 1..toks.len() {
                if toks[v].kind != Tk::Word {
                    continue;
                }
                let verb = toks[v].span().start;
                let mut kept = KeptSubjects::default();
                for _ in 0..3 {
                    let a = rng.below(v + 1);
                    let frame = &toks[a..v];
                    let direct = subject_before(&text, frame);
                    assert!(
                        same_subject(kept.read(&text, frame, verb, 0), direct),
                        "{text:?}"
                    );
                }
                let of_block = kept.of_block(0);
                for lo in [v.saturating_sub(40), rng.below(v + 1)] {
                    let slice = &toks[lo..v];
                    let mut next = 0;
                    let got = kept_subject_before(&text, slice, verb, of_block, &mut next);
                    assert!(same_subject(got, subject_before(&text, slice)), "{text:?}");
                    let (start, after_dash) = subject_clause(&text, slice);
                    let hit = slice.get(start).is_some_and(|first| {
                        of_block
                            .iter()
                            .any(|k| k.clause == first.span().start && k.after_dash == after_dash)
                    });
                    taken += usize::from(hit);
                    read += usize::from(!hit);
                }
            }
        }
        assert!(
            taken > 10_000 && read > 10_000,
            "{taken} taken, {read} read"
        );
    }

    #[test]
    fn people_read_lazily_attribute_as_people_read_block_by_block() {
        let pieces = [
            "Harbour board chair Ann Lee opened the meeting.",
            "\"The pier is safe,\" Lee said.",
            "\"We checked it twice,\" she said.",
            "Tom Reed, the board treasurer, disagreed.",
            "\"It is not,\" Reed said.",
            "Reed told reporters the pier was \"a hazard.\"",
            "Dana Kirk said the vote was close.",
            "\"Look again,\" deputy treasurer Reed said.",
            "Kirk praised the divers.",
            "\"They saved the pier,\" said Mayor Dana Kirk.",
            "The council met on Monday.",
            "\"No,\" he said.",
            "Board chair Ann Lee told reporters: \"It is fine.\"",
            "Kirk said \"the vote was close.\"",
        ];
        let mut seed = 0x005e_ed0f_1a2b_u64;
        for _ in 0..300 {
            let mut paras = Vec::new();
            for _ in 0..1 + seed % 14 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let a = pieces[(seed % pieces.len() as u64) as usize];
                let b = pieces[((seed >> 20) % pieces.len() as u64) as usize];
                paras.push(if seed % 3 == 0 {
                    format!("{a} {b}")
                } else {
                    a.to_owned()
                });
            }
            let text = paras.join("\n\n");
            let blocks = paragraphs(&text);
            for lookback in [0, 2, 6] {
                let options = Options::default().with_lookback_blocks(lookback);
                let quotes = find_quotes(&text, &blocks, &options).quotes;
                let eager = attribute_reading(
                    &text,
                    &blocks,
                    &quotes,
                    &options,
                    None,
                    &mut Buffers::default(),
                    Attributions::EMPTY,
                );
                for max_kept in [0, 12, 40, MAX_KEPT_TOKENS] {
                    assert_eq!(
                        attribute_reading(
                            &text,
                            &blocks,
                            &quotes,
                            &options,
                            Some(max_kept),
                            &mut Buffers::default(),
                            Attributions::EMPTY
                        ),
                        eager,
                        "{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn descriptors_carried_along_surnames_need_every_block_read() {
        // A descriptor travels from person to person along a surname, a look-back window
        // at a time: "Reed" (block 2) takes it from "Tom Reed, the board treasurer" (block
        // 0), "Tom Reed … Reed told" (block 4) from that, and the quote (block 6) from the
        // last. With a look-back of 2 blocks, block 0 is out of the quote's reach twice
        // over, yet its appositive is the quote's descriptor: the lazy registry must read
        // every block up to the quote's, as the eager one does (passing over those before
        // twice the look-back would lose it).
        let text = "Tom Reed, the board treasurer, disagreed.\n\nThe council met.\n\n\
                    Reed told reporters the pier was safe.\n\nThe council met.\n\n\
                    Tom Reed arrived. Reed told reporters the pier was old.\n\n\
                    The council met.\n\n\"Look again,\" Reed said.";
        let blocks = paragraphs(text);
        let options = Options::default().with_lookback_blocks(2);
        let quotes = find_quotes(text, &blocks, &options).quotes;
        let eager = attribute_reading(
            text,
            &blocks,
            &quotes,
            &options,
            None,
            &mut Buffers::default(),
            Attributions::EMPTY,
        );
        let lazy = attribute_reading(
            text,
            &blocks,
            &quotes,
            &options,
            Some(MAX_KEPT_TOKENS),
            &mut Buffers::default(),
            Attributions::EMPTY,
        );
        assert_eq!(lazy, eager);
        let a = lazy.get(0).expect("attributed");
        assert_eq!(a.speaker.get(text), Some("Tom Reed"));
        assert_eq!(
            a.descriptor.and_then(|d| d.get(text)),
            Some("the board treasurer")
        );
    }

    #[test]
    fn attribution_with_buffers_of_earlier_texts_is_that_with_fresh_ones() {
        // One set of buffers carried through generated texts of varied shapes (quoted and
        // unquoted blocks, pronouns and surnames that make the registry read back, kept
        // token budgets small and large) attributes each text as fresh buffers do.
        let pieces = [
            "Harbour board chair Ann Lee opened the meeting.",
            "\"The pier is safe,\" Lee said.",
            "\"We checked it twice,\" she said.",
            "Tom Reed, the board treasurer, disagreed.",
            "Reed told reporters the pier was \"a hazard.\"",
            "\"They saved the pier,\" said Mayor Dana Kirk.",
            "The council met on Monday, and Kirk said the vote was close.",
            "\"No,\" he said. \"Not now.\" \"Maybe later,\" Kirk added.",
        ];
        let mut rng = crate::testgen::Rng::new(0x0b0f_fe25);
        let mut carried = Buffers::default();
        // The last text's attributions, whose list the next reuses (emptied or not).
        let mut carried_out = Attributions::EMPTY;
        for _ in 0..200 {
            let paras: Vec<&str> = (0..1 + rng.below(16))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let text = paras.join("\n\n");
            let blocks = paragraphs(&text);
            let options = Options::default().with_lookback_blocks(rng.below(8));
            let quotes = find_quotes(&text, &blocks, &options).quotes;
            for max_kept in [None, Some(0), Some(12), Some(MAX_KEPT_TOKENS)] {
                let fresh = attribute_reading(
                    &text,
                    &blocks,
                    &quotes,
                    &options,
                    max_kept,
                    &mut Buffers::default(),
                    Attributions::EMPTY,
                );
                let lent = std::mem::replace(&mut carried_out, Attributions::EMPTY);
                let reused = attribute_reading(
                    &text,
                    &blocks,
                    &quotes,
                    &options,
                    max_kept,
                    &mut carried,
                    lent,
                );
                assert_eq!(reused, fresh, "{text}");
                carried_out = reused;
                if rng.below(2) == 0 {
                    carried.recycle();
                    carried_out.recycle();
                }
            }
            assert_eq!(attribute(&text, &blocks, &quotes, &options), {
                attribute_reading(
                    &text,
                    &blocks,
                    &quotes,
                    &options,
                    Some(MAX_KEPT_TOKENS),
                    &mut Buffers::default(),
                    Attributions::EMPTY,
                )
            });
        }
    }

    #[test]
    fn recycled_buffers_are_empty_and_small() {
        let tok = Tok::mark(Span::new(0, 1), Tk::Comma);
        let mut b = Buffers::default();
        b.toks.extend([tok; 3]);
        b.kept
            .resize(MAX_KEPT_BYTES / std::mem::size_of::<Tok>() + 1, tok);
        b.frames.push((0, 1));
        b.kept_blocks.push_back((0, 0, 1));
        b.block_quotes.push((0, 2));
        b.recycle();
        assert!(
            b.toks.is_empty() && b.toks.capacity() >= 3,
            "a small buffer is kept"
        );
        assert_eq!(b.kept.capacity(), 0, "a huge buffer is freed");
        assert!(b.frames.is_empty() && b.kept_blocks.is_empty() && b.block_quotes.is_empty());
        let mut v = vec![1u8; 4];
        recycle(&mut v);
        assert!(v.is_empty() && v.capacity() >= 4);
    }

    #[test]
    fn pronoun_person_and_descriptors_from_the_indexes_are_those_of_the_scan() {
        // Generated registries: people in text order over blocks, some speech subjects, some
        // with a one-word name, more than MAX_REGISTRY_SCAN in a block at times.
        let mut rng = crate::testgen::Rng::new(0x4f6c_dd1d);
        let mut next = move |n: u64| rng.below(n as usize);
        for _ in 0..40 {
            let mut registry = Registry::default();
            let mut at = 0;
            let blocks = 1 + next(12);
            for block in 0..blocks {
                let many = next(4) == 0;
                for _ in 0..next(if many { 600 } else { 8 }) {
                    at += 1 + next(3);
                    let full = next(3) != 0;
                    let name = Span::new(at, at + 10);
                    registry.people.push(Person::new(
                        name,
                        if full { at + 5 } else { at },
                        at,
                        block,
                        (next(6) == 0).then(|| Span::new(at, at + next(4))),
                        if next(5) == 0 {
                            SPEECH_SUBJECT
                        } else {
                            NO_PHRASE
                        },
                    ));
                }
                // Once a block's people are indexed, the look-ups follow the links (before,
                // while a block is read, they are the scan itself).
                registry.index_new_people();
                for _ in 0..30 {
                    let q = next(at as u64 + 3);
                    let lookback = next(8);
                    let key = next(3);
                    let same = |p: &Person| p.at() % 3 == key;
                    let fast = registry.described_in_window(q, block, lookback, same);
                    let scan = registry
                        .window(q, block, lookback)
                        .find(|p| p.descriptor().is_some() && same(p))
                        .and_then(|p| p.descriptor());
                    assert_eq!(fast, scan, "at {q}, block {block}, lookback {lookback}");
                    let last = registry.last_in_window(q, block, lookback, same);
                    let scan = registry.window(q, block, lookback).find(|p| same(p));
                    assert_eq!(
                        last.map(|p| p as *const Person),
                        scan.map(|p| p as *const Person),
                        "at {q}, block {block}, lookback {lookback}"
                    );
                }
                for _ in 0..30 {
                    let q = next(at as u64 + 3);
                    let lookback = next(8);
                    let fast = registry.pronoun_person(q, block, lookback);
                    let scan = registry.pronoun_person_by_scan(q, block, lookback);
                    assert_eq!(
                        fast.map(|p| p as *const Person),
                        scan.map(|p| p as *const Person),
                        "at {q}, block {block}, lookback {lookback}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_of_no_nul_byte_are_the_same_by_their_bytes() {
        // `same_bytes` against `same` on every pair of words of up to 17 bytes over a small
        // alphabet with no NUL byte (many of them one another's starts), and on the
        // table's words: its words have no NUL byte, so the tokenizer's look-ups
        // (`word_slot_of`, asserting in debug builds that it is `slot_of`) may leave out
        // the length. A word with a NUL byte may look the same by its bytes alone.
        let alphabet = [b'a', b'b', b'\'', 0xe2];
        let mut words = Vec::new();
        for len in 1..=17usize {
            for n in 0..24u64 {
                let w: Vec<u8> = (0..len)
                    .map(|i| alphabet[((n >> (i % 5 * 2)) as usize + i * 3) % 4])
                    .collect();
                words.extend(PackedWord::new(&w));
            }
        }
        let table = word_table();
        for (p, _) in table.slots.iter().filter(|(p, _)| p.len != 0) {
            let bytes = u128::from(p.head) | u128::from(p.tail) << 64;
            let nonzero = (0..16).filter(|k| bytes >> (8 * k) & 0xff != 0).count();
            assert_eq!(nonzero, p.len, "{p:?}");
            words.push(*p);
        }
        for p in &words {
            for q in &words {
                assert_eq!(p.same_bytes(q), p.same(q), "{p:?} {q:?}");
            }
            assert_eq!(table.word_slot_of(*p), table.slot_of(*p), "{p:?}");
        }
        let (a, a_nul) = (PackedWord::new(b"a"), PackedWord::new(b"a\0"));
        let (Some(a), Some(a_nul)) = (a, a_nul) else {
            unreachable!("short words pack")
        };
        assert!(a.same_bytes(&a_nul) && !a.same(&a_nul));
    }

    #[test]
    fn packed_words_tell_every_word_apart() {
        // Every word of up to 17 bytes over a small alphabet, by length: equal packs only
        // for equal words.
        let alphabet = [b'a', b'b', b'\'', 0xe2];
        let mut seen = std::collections::HashMap::new();
        for len in 0..=17usize {
            for n in 0..64u64 {
                let w: Vec<u8> = (0..len)
                    .map(|i| alphabet[((n >> (i % 6 * 2)) as usize + i * 7) % 4])
                    .collect();
                match PackedWord::new(&w) {
                    Some(p) => {
                        assert!((1..=PACKED_MAX).contains(&len));
                        let old = seen.insert((p.head, p.tail, p.len), w.clone());
                        assert!(old.is_none_or(|o| o == w), "{w:?}");
                    }
                    None => assert!(len == 0 || len > PACKED_MAX),
                }
            }
        }
        let table = word_table();
        assert_ne!(table.get("said") & VERB, 0);
        assert_ne!(table.get("Secretary") & NOT_NAME, 0);
        assert_eq!(table.get("sai"), 0);
        assert_eq!(table.get("saidx"), 0);
        assert_eq!(table.get("a-very-long-word-that-is-no-verb"), 0);
    }

    #[test]
    fn word_table_classes_are_those_of_the_class_tests() {
        let extra = [
            "Ann",
            "Lee",
            "McCain",
            "O'Neill",
            "Jr",
            "Sr",
            "II",
            "IV",
            "J.",
            "H.W.",
            "x",
            "X",
            "2016",
            "'tis",
            "-",
            "--",
            "Éric",
            "über",
            "Ünited",
            "a.m.",
            "U.S.",
            "e-mail",
            "Vice-president",
            "Sen.",
            "Mr",
            "Mrs.",
            "Said",
            "SAID",
            "A",
            "I",
            "de",
            "van",
        ];
        let base: Vec<&str> = lex::speech_verb_forms()
            .chain(lex::title_words())
            .chain(SPEECH_NOUNS.iter().copied())
            .chain(CUE_HEADS.iter().copied())
            .chain(lex::CAPITALIZED_STOPWORDS.iter().copied())
            .chain(lex::HONORIFICS.iter().copied())
            .chain(PRONOUNS.iter().copied())
            .chain(extra)
            .collect();
        let mut checked = 0;
        for w in base {
            let forms = lex::four_casings(w);
            for f in &forms {
                for v in [
                    f.clone(),
                    format!("{f}'s"),
                    format!("{f}’s"),
                    format!("{f}'d"),
                    format!("{f}’ll"),
                    format!("{f}'re"),
                    format!("{f}’ve"),
                    format!("{f}'m"),
                    format!("{f}'"),
                    format!("{f}."),
                    format!("{f},"),
                    format!("{f}:"),
                    format!("{f}s"),
                    format!("-{f}"),
                    format!("{f}é"),
                    f.get(..f.len() / 2).unwrap_or_default().to_owned(),
                ] {
                    if let Some(c) = Classes::by_table(&v) {
                        assert_eq!(c, Classes::of_tests(&v), "{v:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 5000, "{checked}");
    }

    #[test]
    fn token_bits_are_those_of_the_classes() {
        // Every set of classes goes to bits and back.
        for b in 0..32u8 {
            assert_eq!(Classes::from_bits(b).bits(), b);
        }
        // The bits mapped from the table are those of the classes read from it.
        let mut checked = 0;
        let base = lex::speech_verb_forms()
            .chain(lex::title_words())
            .chain(SPEECH_NOUNS.iter().copied())
            .chain(CUE_HEADS.iter().copied())
            .chain(lex::CAPITALIZED_STOPWORDS.iter().copied())
            .chain(lex::HONORIFICS.iter().copied())
            .chain(PRONOUNS.iter().copied())
            .chain([
                "Jr", "Sr", "Ann", "McCain", "x", "the", "e-mail", "-", "he's", "It'd",
            ]);
        for w in base {
            let mut capitalized = w.to_ascii_lowercase();
            if let Some(first) = capitalized.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            for v in [w.to_owned(), w.to_ascii_lowercase(), capitalized] {
                if v.starts_with(|c: char| c.is_ascii_lowercase() || c == '-') {
                    let bits = Classes::lower_bits_from_table(word_table(), v.as_bytes());
                    assert_eq!(bits, Classes::lower_from_table(&v).bits(), "{v:?}");
                    checked += 1;
                }
                if v.starts_with(|c: char| c.is_ascii_uppercase()) {
                    let bits = Classes::capitalized_bits_from_table(word_table(), v.as_bytes());
                    assert_eq!(bits, Classes::capitalized_from_table(&v).bits(), "{v:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 2000, "{checked}");
    }

    #[test]
    fn postmodifier_prepositions_are_no_speech_verbs() {
        // `np_at_end` stops at a speech verb read as a verb before asking for a
        // postmodifier, whose preposition is then none of them.
        for p in ["to", "with", "for"] {
            assert!(!lex::is_speech_verb(p), "{p}");
            let text = format!("a source speaking {p} Lee");
            let mut t = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut t);
            assert!(!t[3].verb(), "{text:?}");
            assert_eq!(np_at_end(&text, &t), np_at_end_plain(&text, &t), "{text:?}");
        }
    }

    #[test]
    fn token_classes_are_those_of_the_lexicon() {
        let text = "Mayor Ann Lee said, \"no,\" according to J. Smith's claims. He shot back: \
                    ISIL. “Says” O’Neill — (R-Texas) U.S. officials' statement… told ¿£ Ⅻ Ⓐ ©";
        let toks = whole_toks(text);
        assert!(toks.len() > 20);
        for t in &toks {
            let x = w(text, t);
            assert_eq!(t.name(), lex::is_name_word(x), "{x}");
            assert_eq!(t.verb(), lex::is_speech_verb(x), "{x}");
            assert_eq!(t.noun(), is_speech_noun(x), "{x}");
            let cue_word = lex::is_speech_verb(x) || is_speech_noun(x) || is_cue_head(x);
            assert_eq!(t.cue_word(), cue_word, "{x}");
            assert_eq!(t.pronoun(), lex::is_pronoun(x), "{x}");
        }
    }

    #[test]
    fn tokenize_edge_cases() {
        let text = "'tis ''' officials' O’Neill’s ’’ ... .5 -- - --- --' ‐x U.S. Jan. a.m. ISIL. \
                    R-Ky. J. (R-Texas) (no close here at all, the window is eighty bytes wide and this one runs far beyond it) \
                    “Says” x…y ¿qué? £5 A—B\u{a0}C\u{200b}D ,;:!? said. e.g. St. Mr. x'";
        let toks = whole_toks(text);
        let got: Vec<String> = toks
            .iter()
            .map(|t| format!("{:?}:{}", t.kind, w(text, t)))
            .collect();
        let expected = "Word:'tis|Word:officials|Word:O’Neill’s|End:.|End:.|End:.|Word:.5|Other:--|Other:-|Other:---|Other:--|Word:‐x|Word:U.S.|Word:Jan.|Word:a.m.|Word:ISIL|End:.|Word:R-Ky.|Word:J.|Other:(|Word:no|Word:close|Word:here|Word:at|Word:all|Comma:,|Word:the|Word:window|Word:is|Word:eighty|Word:bytes|Word:wide|Word:and|Word:this|Word:one|Word:runs|Word:far|Word:beyond|Word:it|Other:)|Other:“|Word:Says|Other:”|Word:x|End:…|Word:y|Other:¿|Word:qué|End:?|Other:£|Word:5|Word:A|Other:—|Word:B|Word:C|Word:D|Comma:,|End:;|Colon::|End:!|End:?|Word:said|End:.|Word:e.g.|Word:St.|Word:Mr.|Word:x";
        assert_eq!(got.join("|"), expected);
    }

    #[test]
    fn ends_subject_in_any_case_is_that_of_the_lowered_word() {
        for x in [
            "in",
            "In",
            "IN",
            "And",
            "Although",
            "ALTHOUGH",
            "Althoughs",
            "Smith",
            "",
            "\u{212a}",
            "li\u{212a}e",
            "LI\u{212a}E",
            "\u{212a}ike",
            "İn",
            "Wİth",
            "Ąnd",
            "aǸd",
            "thé",
            "înto",
            "into\u{301}",
            "ABOUTÉ",
            "Bécause",
            "Whether",
            "then-",
            "U.S.",
            "a",
            "A",
            "As",
            "aS",
            "oN",
            "Only",
            "ONLY",
            "Onl",
            "Through",
            "THROUGHS",
            "Although.",
            "b",
            "So",
        ] {
            assert_eq!(
                ends_subject_any_case(x),
                lex::with_lower(x, ends_subject),
                "{x}"
            );
        }
        assert!(ends_subject_any_case("li\u{212a}e") && ends_subject_any_case("Because"));
    }

    #[test]
    fn a_block_without_according_has_no_according_to() {
        for text in [
            "according to him",
            "“Yes,” he said, According to them.",
            "“Yes,” he said, accordingly.",
            "“Yes,” he said, acording to them.",
            "“Yes,” he said.",
            "",
        ] {
            let toks = whole_toks(text);
            let any = (0..toks.len()).any(|i| according_to(text, &toks, i));
            let block = Span::new(0, text.len());
            assert_eq!(
                may_say_according(text, block),
                text.contains("according") || text.contains("According"),
                "{text:?}"
            );
            assert!(may_say_according(text, block) || !any, "{text:?}");
        }
        // Only the block's own bytes are searched.
        assert!(!may_say_according("x according to y", Span::new(0, 8)));
        assert!(may_say_according("x according to y", Span::new(2, 11)));
    }

    #[test]
    fn according_to_as_cue_phrase_reads_it() {
        for (text, cue) in [
            ("according to him", true),
            ("According to him", true),
            ("according  to him", true),
            ("according\u{a0}to him", true),
            ("according    to him", true),
            ("according     to him", false),
            ("according\u{a0}\u{a0}\u{a0}to him", false),
            ("according tomorrow", false),
            ("according, to him", false),
            ("accordingly to him", false),
        ] {
            let toks = whole_toks(text);
            let parsed = lex::cue_phrase::<nom::error::Error<&str>>
                .parse(text)
                .is_ok_and(|(_, c)| c.len() < 16);
            assert_eq!(according_to(text, &toks, 0), cue, "{text:?}");
            assert_eq!(parsed && w(text, &toks[1]) == "to", cue, "{text:?}");
        }
    }

    /// [`split_words`] of a phrase's words splits them as [`split_mention`] splits the
    /// phrase with its marks.
    #[test]
    fn words_split_as_their_phrase() {
        let phrases = [
            "Mayor Ann Lee",
            "White House press secretary Josh Earnest",
            "the Kremlin spokesman, Dmitry Peskov",
            "Secretary of State John Kerry",
            "one of the sources",
            "Mr. Lee's",
            "Lt. Gen. Robert Otto",
            "Ludwig van Beethoven",
        ];
        let mut named = 0;
        for text in phrases {
            let toks = whole_toks(text);
            let words: Vec<Tok> = toks
                .iter()
                .filter(|t| t.kind == Tk::Word)
                .copied()
                .collect();
            let split = split_words(text, &words);
            assert_eq!(split, split_mention(text, &toks), "{text}");
            named += usize::from(split.1.is_some());
        }
        assert_eq!(named, 6);
    }

    /// Every speech noun passes [`may_be_speech_noun`], and the words it rules out are none.
    #[test]
    fn speech_nouns_pass_the_length_filter() {
        for n in SPEECH_NOUNS {
            assert!(may_be_speech_noun(n.as_bytes()), "{n}");
        }
        for x in [
            "said",
            "told",
            "added",
            "says",
            "Claim",
            "",
            "tweetstorm",
            "x",
        ] {
            assert!(!may_be_speech_noun(x.as_bytes()), "{x}");
        }
        assert!(
            may_be_speech_noun(b"clash"),
            "a word of a noun's first letter and length"
        );
        for w in [
            "said", "speech", "claims", "remark", "comment", "call", "calls", "vows",
        ] {
            let noun = may_be_speech_noun(w.as_bytes()) && is_speech_noun(w);
            assert_eq!(noun, is_speech_noun(w), "{w}");
        }
    }

    /// [`is_speech_noun_at`] of every span of a text (on character boundaries or not) is
    /// [`is_speech_noun`] of its text, `false` where there is none.
    #[test]
    fn speech_nouns_at_spans_are_those_of_their_text() {
        let text = "his claim, Claims remarks’ ‘calls’ é-words statements warning.";
        let mut nouns = 0;
        for a in 0..=text.len() + 1 {
            for b in 0..=text.len() + 1 {
                let span = Span { start: a, end: b };
                let noun = is_speech_noun_at(text, span);
                assert_eq!(noun, span.get(text).is_some_and(is_speech_noun), "{a}..{b}");
                nouns += usize::from(noun);
            }
        }
        // claim, remarks, call, calls, words, statement, statements, warning
        assert_eq!(nouns, 8);
    }

    #[test]
    fn speech_noun_after_an_adjective_is_no_cue() {
        // "claims" after an adjective is a noun; the speaker is the sentence's verb's subject.
        let (_, mention, ..) =
            one("The auditor said many of the Republican claims were \"simply wrong.\"");
        assert_eq!(mention, Some("The auditor"));
        let (_, mention, ..) = one("Dana Kirk repeated her false claims of \"a rigged count.\"");
        assert_ne!(mention, Some("her false"));
        let text = "the mayor claims";
        let mut t = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        assert_eq!(cue_at(text, &t, 2), Some(Cue::Finite));
    }

    #[test]
    fn a_pronoun_before_a_cue_is_read_as_any_word() {
        // `cue_of_word` compares no pronoun before the verb with its lists: every pronoun,
        // bare or contracted, gives the cue it gives when its token has no pronoun class.
        let mut checked = 0;
        for p in PRONOUNS {
            for suffix in std::iter::once(&"").chain(CONTRACTIONS) {
                let word = format!("{p}{suffix}");
                for verb in [
                    "said", "says", "claims", "saying", "call", "claimed", "argue",
                ] {
                    for text in [format!("{word} {verb}"), format!("a {word} {verb}")] {
                        let mut t = Vec::new();
                        tokenize(&text, Span::new(0, text.len()), &mut t);
                        let i = t.len() - 1;
                        assert!(t[i - 1].pronoun(), "{text:?}");
                        let cue = cue_of_word(&text, &t, i);
                        t[i - 1].classes &= !TOK_PRONOUN;
                        assert_eq!(cue_of_word(&text, &t, i), cue, "{text:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// [`is_verb_adjunct`] as it was written, its own list compared word by word.
    fn is_verb_adjunct_plain(w: &str) -> bool {
        // Every entry starts with a lower-case letter: other words are decided at once.
        w.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
            && ((w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()))
                || matches!(
                    w,
                    "also"
                        | "later"
                        | "then"
                        | "previously"
                        | "once"
                        | "again"
                        | "recently"
                        | "further"
                        | "simply"
                        | "just"
                        | "has"
                        | "had"
                        | "have"
                        | "would"
                        | "will"
                        | "was"
                        | "is"
                        | "were"
                        | "repeatedly"
                        | "often"
                        | "frequently"
                        | "reportedly"
                        | "publicly"
                        | "privately"
                        | "flatly"
                        | "openly"
                        | "bluntly"
                        | "angrily"
                        | "quickly"
                        | "even"
                        | "still"
                        | "initially"
                        | "first"
                        | "finally"
                        | "and"
                        | "not"
                        | "never"
                        | "did"
                        | "does"
                        | "do"
                        | "could"
                        | "might"
                        | "may"
                        | "should"
                        | "can"
                        | "been"
                        | "being"
                        | "who"
                        | "famously"
                        | "only"
                        | "always"
                        | "already"
                        | "sometimes"
                        | "soon"
                        | "memorably"
                        | "then-"
                        | "subsequently"
                ))
    }

    /// [`is_determiner`] as it was written, its own list compared word by word.
    fn is_determiner_plain(w: &str) -> bool {
        match w.as_bytes().first() {
            Some(b) if b.is_ascii_digit() => true,
            Some(b) if b.is_ascii_lowercase() => matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "one"
                    | "another"
                    | "some"
                    | "many"
                    | "most"
                    | "several"
                    | "two"
                    | "three"
                    | "four"
                    | "both"
                    | "all"
                    | "other"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "my"
                    | "your"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "each"
                    | "every"
                    | "no"
                    | "few"
                    | "top"
                    | "senior"
                    | "former"
            ),
            _ => w == "U.S.",
        }
    }

    /// One look-up of [`lower_word`] answers as the lists of [`is_verb_adjunct`],
    /// [`is_determiner`] and [`np_at_end_range`]'s auxiliaries did, on every entry, on
    /// their prefixes, extensions and capitalized forms, and on random words.
    #[test]
    fn one_lower_word_look_up_agrees_with_the_lists() {
        let mut words: Vec<String> = Vec::new();
        let src = include_str!("attribution.rs");
        for entry in src
            .split('"')
            .filter(|x| x.len() < 16 && !x.contains(char::is_whitespace))
        {
            for k in 0..=entry.len() {
                if entry.is_char_boundary(k) {
                    words.push(entry[..k].to_string());
                }
            }
            for add in ["s", "ly", "y", "-", "e", "A"] {
                words.push(format!("{entry}{add}"));
            }
            let mut c = entry.chars();
            if let Some(f) = c.next() {
                words.push(f.to_uppercase().chain(c).collect());
            }
        }
        let mut rng = crate::testgen::Rng::new(0x10e7_c1a5);
        let parts = [
            "a", "l", "y", "ly", "e", "s", "t", "the", "U.", "S", "7", "é", "-", "o", "n",
        ];
        for _ in 0..20_000 {
            let n = 1 + rng.below(6);
            words.push(rng.text(&parts, n).replace(' ', ""));
        }
        let mut seen = [0usize; 4];
        for x in &words {
            let x = x.as_str();
            assert_eq!(is_verb_adjunct(x), is_verb_adjunct_plain(x), "{x:?}");
            assert_eq!(is_determiner(x), is_determiner_plain(x), "{x:?}");
            let lower = x.chars().next().is_some_and(char::is_lowercase);
            let ends = is_verb_adjunct_plain(x)
                || lower
                    && matches!(
                        x,
                        "is" | "was" | "are" | "were" | "be" | "has" | "have" | "had"
                    );
            let class = if starts_lower_ascii(x) {
                lower_word(x)
            } else {
                LowerWord::Other
            };
            assert_eq!(
                matches!(class, LowerWord::Adjunct | LowerWord::Auxiliary),
                ends,
                "{x:?}"
            );
            if !ends {
                let det = is_determiner_plain(x)
                    && x != "U.S."
                    && !x.chars().next().is_some_and(|c| c.is_ascii_digit());
                assert_eq!(class == LowerWord::Determiner, det, "{x:?}");
            }
            seen[class as usize] += 1;
        }
        assert!(seen.iter().all(|&k| k > 20), "{seen:?}");
    }

    #[test]
    fn can_start_np_is_false_of_of_and_for() {
        // `np_at_end` starts the phrase at a starter and relies on no starter being "of" or
        // "for" in lower case (the words it once skipped after the starter, to no effect).
        for x in ["of", "for"] {
            assert!(!can_start_np(x), "{x}");
        }
        assert!(can_start_np("Chairman"));
    }

    #[test]
    fn pronouns_opening_a_clause_are_no_cues() {
        // `cue_of_word` does not look up a pronoun opening a clause as a speech verb: every
        // word with the pronoun class (each pronoun, bare or contracted) is none in any
        // case, so none that is no cue word is a cue, wherever it opens a clause.
        let mut checked = 0;
        for p in PRONOUNS {
            for suffix in std::iter::once(&"").chain(CONTRACTIONS) {
                let word = format!("{p}{suffix}");
                assert!(lex::is_pronoun(&word), "{word}");
                assert!(!lex::is_speech_verb_any_case(&word), "{word}");
                for text in [
                    format!("{word} said"),
                    format!("Lee left. {word} said"),
                    format!("Lee's, {word} said"),
                ] {
                    let mut t = Vec::new();
                    tokenize(&text, Span::new(0, text.len()), &mut t);
                    let i = t
                        .iter()
                        .position(|t| w(&text, t) == word)
                        .expect("the pronoun is a token");
                    assert!(t[i].pronoun(), "{text:?}");
                    if !t[i].cue_word() {
                        assert_eq!(cue_of_word(&text, &t, i), None, "{text:?}");
                        checked += 1;
                    }
                    // `may_cue` passes over no word that `cue_of_word` reads as a cue, the
                    // pronoun or any other, so `cue_at` gives what `cue_of_word` gives.
                    for j in 0..t.len() {
                        assert_eq!(cue_at(&text, &t, j), cue_of_word(&text, &t, j), "{text:?}");
                    }
                }
            }
        }
        // Most pronouns are no cue words, so most clauses were checked.
        assert!(
            checked * 2 > PRONOUNS.len() * (CONTRACTIONS.len() + 1) * 3,
            "{checked} checked"
        );
    }

    /// [`plausible_subject`] without its pronoun shortcut, as a reference.
    fn plausible_subject_plain(text: &str, toks: &[Tok], mention: Span) -> bool {
        tokens_in(toks, mention)
            .first()
            .is_some_and(|first| plausible_subject_by_tests(text, toks, mention, first))
    }

    #[test]
    fn plausible_subjects_are_those_of_the_tests() {
        // Every pronoun, bare or contracted, in any case, and a few other words, as the
        // subject of a verb: the short pronouns are taken without the tests.
        let mut words: Vec<String> = Vec::new();
        for p in PRONOUNS {
            for suffix in std::iter::once(&"").chain(CONTRACTIONS) {
                let word = format!("{p}{suffix}");
                words.push(word.to_uppercase());
                words.push(word);
            }
        }
        words.extend(
            ["Nothing", "Speaking", "WASHINGTON", "The", "In", "Lee", "a"].map(String::from),
        );
        for word in words {
            for text in [format!("{word} said"), format!("{word} Lee said")] {
                let mut t = Vec::new();
                tokenize(&text, Span::new(0, text.len()), &mut t);
                for end in 1..t.len() {
                    let mention = Span::new(t[0].span().start, t[end - 1].span().end);
                    assert_eq!(
                        plausible_subject(&text, &t, mention),
                        plausible_subject_plain(&text, &t, mention),
                        "{text:?} {end}"
                    );
                }
            }
        }
    }

    #[test]
    fn base_forms_after_a_or_an_are_nouns() {
        // The word two back is read first, the cue's form only after "a" or "an".
        for (text, i, cue) in [
            ("they heard an angry warn", 4, None),
            ("they heard a friend said", 4, Some(Cue::Finite)),
            ("they heard a friend warns", 4, Some(Cue::Finite)),
            ("they heard the angry warn", 4, Some(Cue::Finite)),
        ] {
            let mut t = Vec::new();
            tokenize(text, Span::new(0, text.len()), &mut t);
            assert!(t[i].verb(), "{text:?}");
            assert_eq!(cue_at(text, &t, i), cue, "{text:?}");
        }
    }

    #[test]
    fn fronted_phrase_before_the_subject_is_no_report() {
        let (_, mention, ..) =
            one("As for the mayor's attacks, Dana Kirk said, \"They do not matter.\"");
        assert_eq!(mention, Some("Dana Kirk"));
    }

    #[test]
    fn subject_pronoun_before_the_verb() {
        let (_, mention, ..) = one(
            "The campaign aired a clip of a television interview in which he says he will \"fix it fast.\"",
        );
        assert_eq!(mention, Some("he"));
    }

    #[test]
    fn phrasal_speech_cues() {
        assert_eq!(
            one("\"Not a chance,\" Dana Kirk shot back.").1,
            Some("Dana Kirk")
        );
        assert_eq!(
            one("\"It gets worse,\" Dana Kirk went on. \"Much worse.\"").1,
            Some("Dana Kirk")
        );
        // "went on to" is no cue.
        let text = "Kirk went on to praise it";
        let mut t = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        assert_eq!(cue_at(text, &t, 1), None);
    }

    #[test]
    fn nominal_and_quantifier_subjects() {
        assert_eq!(
            one("\"Costs will rise,\" the report stated.").1,
            Some("the report")
        );
        assert_eq!(
            one("\"Costs will rise,\" the two write.").1,
            Some("the two")
        );
        assert_eq!(
            one("\"Costs will rise,\" said Democratic Rep. Dana Kirk.").1,
            Some("Democratic Rep. Dana Kirk")
        );
    }

    #[test]
    fn clause_final_attribution_with_an_appositive() {
        let (speaker, mention, ..) = one(
            "The vote signals \"the end\" for the pier, said Dana Kirk, founder of the harbour trust.",
        );
        assert_eq!((speaker, mention), (Some("Dana Kirk"), Some("Dana Kirk")));
    }

    #[test]
    fn name_then_long_appositive_before_the_verb() {
        let rows = run(
            "\"The pier is safe,\" Dana Kirk, the engineer who inspected it, wrote on Monday.\n\n\
             \"It is old,\" Tom Reed, 61, of Salem, who fished there, said in an interview.",
        );
        assert_eq!(rows[0].mention, Some("Dana Kirk"));
        assert_eq!(rows[0].descriptor, Some("the engineer who inspected it"));
        assert_eq!(rows[1].mention, Some("Tom Reed"));
    }

    #[test]
    fn role_then_name_between_commas() {
        let (speaker, mention, descriptor, _) =
            one("\"We will compete,\" the mayor's campaign manager, Dana Kirk, said.");
        assert_eq!(
            (speaker, mention, descriptor),
            (
                Some("Dana Kirk"),
                Some("Dana Kirk"),
                Some("the mayor's campaign manager")
            )
        );
        let (_, mention, ..) = one("As columnist Dana Kirk puts it, \"the pier is a relic.\"");
        assert_eq!(mention, Some("columnist Dana Kirk"));
    }

    #[test]
    fn participle_led_role_is_no_aside() {
        let (speaker, mention, ..) =
            one("\"They care about two things,\" organizing director Dana Kirk told reporters.");
        assert_eq!(speaker, Some("Dana Kirk"));
        assert_eq!(mention, Some("director Dana Kirk"));
    }

    #[test]
    fn indefinite_subjects_roles_and_addressees() {
        let cases: &[(&str, &str)] = &[
            // An irregular past after "a NOUN" is still the verb.
            (
                "\"The pier will close,\" a neighbour said on Monday.",
                "a neighbour",
            ),
            // "told X": X is the addressee, the subject speaks.
            (
                "Dana Kirk, who phoned the mayor after the vote, told her staff, \"We lost.\"",
                "Dana Kirk",
            ),
            // A role adjective opens the phrase after the verb.
            (
                "\"The pier is sound,\" said retired engineer Tom Reed, who built it.",
                "retired engineer Tom Reed",
            ),
            // A kin or role phrase, then the name between commas.
            (
                "\"He loved the sea,\" his sister, Ann Reed, wrote in a letter.",
                "Ann Reed",
            ),
            // A modal and "only" before the verb.
            (
                "The vote was so late that an aide could only quip: \"We brought coffee.\"",
                "an aide",
            ),
        ];
        for (text, mention) in cases {
            assert_eq!(one(text).1, Some(*mention), "mention of {text}");
        }
        // Role words leading a clause-final name: ", harbour consultant Dana Kirk says."
        let rows = run("Or the old pier, harbour consultant Dana Kirk says. \"It cannot last.\"");
        assert_eq!(rows[0].speaker, Some("Dana Kirk"));
    }

    #[test]
    fn reported_sources_and_previous_subjects() {
        let cases: &[(&str, &str)] = &[
            // A sentence opening with "according to" covers its quotes.
            (
                "According to the harbour log, Lee called the pier \"a wreck.\"",
                "the harbour log",
            ),
            // A later "according to" in the quote's sentence wins over the subject.
            (
                "Lee said the pier was \"a wreck,\" according to the minutes.",
                "the minutes",
            ),
            // The object of "told" before a colon is no speaker.
            (
                "Dana Kirk later told the Harbour Gazette: \"We lost.\"",
                "Dana Kirk",
            ),
            // A quote opening its sentence belongs to the person the sentence before was about.
            (
                "Dana Kirk praised the divers for their work. \"They saved the pier.\"",
                "Dana Kirk",
            ),
        ];
        for (text, mention) in cases {
            assert_eq!(one(text).1, Some(*mention), "mention of {text}");
        }
        // Not when the sentence before is another quote's attribution: that is a continuation.
        let rows = run("\"We lost,\" Lee said. Kirk nodded. \"We will rebuild.\"");
        assert_eq!(rows[1].mention, Some("Kirk"));
        let rows = run("\"We lost,\" Lee said. \"We will rebuild.\"");
        assert_eq!(rows[1].speaker, Some("Lee"));
        assert_eq!(rows[1].resolution, Some(Continuation));
    }

    #[test]
    fn fronted_phrases_and_places_before_the_subject() {
        let cases: &[(&str, &str)] = &[
            // A fronted participial phrase is introductory; the subject follows it.
            (
                "Flying home that night, Dana Kirk called the trip \"a triumph.\"",
                "Dana Kirk",
            ),
            // No cue: the subject after an introductory phrase still owns the quote.
            (
                "At the harbour meeting, Dana Kirk offered the council \"a modest proposal for the pier.\"",
                "Dana Kirk",
            ),
            // A state closing a place aside is no subject.
            (
                "Lee, at a rally in Salem, Oregon, said the pier was \"finished.\"",
                "Lee",
            ),
            // But a place in an introductory phrase before the subject is left alone.
            (
                "During the debate in Salem, Lee said the pier was \"finished.\"",
                "Lee",
            ),
        ];
        for (text, mention) in cases {
            assert_eq!(one(text).1, Some(*mention), "mention of {text}");
        }
    }

    #[test]
    fn conjunctions_and_clause_final_tails() {
        let cases: &[(&str, &str)] = &[
            // A leading conjunction before the subject of a cue-less sentence.
            (
                "But she wanted to know, \"Who will pay for the pier?\"",
                "she",
            ),
            // A clause-final attribution closing the quote's sentence.
            (
                "The divers did \"remarkable work\" on the pier, Lee said in an interview.",
                "Lee",
            ),
            // Not a relative clause after the quote.
            (
                "Lee thanked the divers for \"remarkable work,\" and praised Kirk, whom she called brave.",
                "Lee",
            ),
        ];
        for (text, mention) in cases {
            assert_eq!(one(text).1, Some(*mention), "mention of {text}");
        }
    }

    #[test]
    fn leading_adverbs_and_possessive_pronouns() {
        let cases: &[(&str, &str)] = &[
            // "And then": both words open the sentence before its subject.
            (
                "And then Dana Kirk went on the attack, saying, \"The pier is ours.\"",
                "Dana Kirk",
            ),
            // "has always claimed": an adverb between subject and verb.
            (
                "The harbour board has always claimed the pier is \"perfectly safe.\"",
                "The harbour board",
            ),
            // A possessive pronoun before a speech noun points back to the named subject.
            (
                "Dana Kirk repeated her promise of \"a new pier by spring.\"",
                "Dana Kirk",
            ),
        ];
        for (text, mention) in cases {
            assert_eq!(one(text).1, Some(*mention), "mention of {text}");
        }
    }

    #[test]
    fn clause_final_attribution_across_later_quotes() {
        // The sentence runs on through a later quote ending in a comma.
        let rows = run(
            "The pier is \"a hazard to swimmers\" and \"a waste of money,\" Dana Kirk, the harbour engineer, said on Monday.",
        );
        assert_eq!(rows[0].speaker, Some("Dana Kirk"));
        assert_eq!(rows[1].speaker, Some("Dana Kirk"));
        // A possessive speech noun yields to a clause-final attribution.
        let (_, mention, ..) =
            one("Lee's comments fuel \"the anger on the waterfront\" in town, the divers say.");
        assert_eq!(mention, Some("the divers"));
    }

    #[test]
    fn subject_phrases_read_forwards_and_back() {
        let cases: &[(&str, &str)] = &[
            // A definite subject read forwards stops before its verb ("The ad targets").
            ("The ad targets a \"corrupt harbour board.\"", "The ad"),
            (
                "The board saw the pier as \"a relic of another age.\"",
                "The board",
            ),
            // A participle or adjective with its preposition inside the subject.
            (
                "A diver speaking to the Gazette said, \"The pier is sound.\"",
                "A diver speaking to the Gazette",
            ),
            (
                "An aide familiar with Lee's thinking said, \"She will run.\"",
                "An aide familiar with Lee's thinking",
            ),
            // "ruled" reports a finding.
            (
                "The harbour court then ruled that the lease was \"void from the start.\"",
                "The harbour court",
            ),
        ];
        for (text, mention) in cases {
            assert_eq!(one(text).1, Some(*mention), "mention of {text}");
        }
    }

    /// [`sentence_subject`] from every chunk of the sentence ([`chunks`]), as a reference.
    fn sentence_subject_by_chunks(text: &str, toks: &[Tok]) -> Option<(Span, Option<Span>)> {
        let start = toks
            .iter()
            .rposition(|t| matches!(t.kind, Tk::End))
            .map_or(0, |i| i + 1);
        let mut chunked = chunks(text, &toks[start..]);
        let cs = chunked.as_mut_slice();
        // "But he wanted to know", "And she is sure": a leading conjunction is no subject.
        if let Some(c) = cs.first_mut() {
            while c.len() > 1 && is_leading_conjunction(w(text, &c[0])) {
                *c = &c[1..];
            }
        }
        let mut k = 0;
        let mut participle_before = false;
        // Skip introductory chunks (and the place names that follow them).
        while k < cs.len() {
            let f = w(text, &cs[k][0]);
            let intro = is_intro_word(f);
            let place_after_intro = k > 0 && is_name_phrase(text, cs[k]) && cs.len() > k + 1;
            // "Preceded by Joe Doe, the sheriff, Lee launched …": an appositive to the intro.
            let appositive_after_intro =
                participle_before && is_appositive(text, cs[k]) && cs.len() > k + 1;
            let participle = participial_intro(text, cs[k]);
            if intro || participle || (place_after_intro && k == 1) || appositive_after_intro {
                participle_before = participle;
                k += 1;
            } else {
                break;
            }
        }
        leading_subject(text, cs.get(k)?)
    }

    /// [`sentence_subject`] of every stretch of some sentences (within one: no sentence end
    /// among its tokens, as every caller cuts them) is that of the reference, which splits
    /// every chunk first; and so on random stretches of random words.
    #[test]
    fn sentence_subject_reads_chunks_as_the_reference() {
        let texts = [
            "In Salem, New Hampshire, Trump went after Bush, calling him weak",
            "But he wanted to know. And then Lee, at a rally, said",
            "Preceded by Joe Doe, the sheriff, Lee launched the plan, today",
            "Speaking Monday, in Ohio, Columbus, the mayor said, meanwhile, that",
            "Later, slowly, However, Still, This, Instead, the aide, R-Ky., Smith",
            "Noting the crowd, Mayor Ann Lee, who is 45, told reporters",
            "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q",
            ", , , In, On, At",
            "",
        ];
        let mut compared = 0;
        let mut compare = |text: &str, toks: &[Tok]| {
            for from in 0..=toks.len() {
                for to in from..=toks.len() {
                    let ws = &toks[from..to];
                    if ws.iter().any(|t| t.kind == Tk::End) {
                        break;
                    }
                    let want = sentence_subject_by_chunks(text, ws);
                    compared += usize::from(want.is_some());
                    assert_eq!(sentence_subject(text, ws), want, "{text:?} {from}..{to}");
                }
            }
        };
        for text in texts {
            compare(text, &whole_toks(text));
        }
        let vocabulary = [
            "In",
            "Salem",
            ",",
            "Preceded",
            "by",
            "the",
            "sheriff",
            "Flying",
            "home",
            "Lee",
            "Ann",
            "But",
            "And",
            "he",
            "said",
            "R-Ky.",
            "Later",
            "slowly",
            "a",
            "spokesman",
            "Ohio",
            "calling",
            "him",
            "45",
            "who",
            "Mayor",
            "told",
            "of",
        ];
        let mut rng = crate::testgen::Rng::new(0x5e47_0001);
        for _ in 0..1_500 {
            let (text, toks) = words_text(&mut rng, &vocabulary, 1, 14);
            compare(&text, &toks);
        }
        assert!(compared > 20_000, "{compared}");
    }

    /// [`last_chunks`] of every suffix of some clauses is the end of their [`chunks`].
    /// [`is_subject_pronoun`], which asks the token's pronoun bit first, answers as its
    /// list does on every word of random texts of pronouns, their contractions and look-alikes.
    #[test]
    fn subject_pronouns_told_by_the_bit_agree_with_the_list() {
        let parts = [
            "he ", "she ", "they ", "He ", "She ", "They ", "we ", "We ", "I ", "it ", "It ",
            "it's ", "he's ", "HE ", "hee ", "Theyre ", "they're ", "I'm ", "Ian ", "Lee ",
            "said ", ", ", "“", "” ", "we'd ", "she’s ", "é ",
        ];
        let mut rng = crate::testgen::Rng::new(0x9a0_1e57);
        let (mut yes, mut no) = (0, 0);
        for _ in 0..2000 {
            let n = 1 + rng.below(8);
            let text = rng.text(&parts, n);
            for t in whole_toks(&text).iter().filter(|t| t.kind == Tk::Word) {
                let want = is_subject_pronoun_text(wb(&text, t));
                assert_eq!(
                    is_subject_pronoun(&text, t),
                    want,
                    "{text:?} at {:?}",
                    t.span()
                );
                if want {
                    yes += 1;
                } else {
                    no += 1;
                }
            }
        }
        assert!(yes > 1000 && no > 1000, "{yes} {no}");
    }

    /// [`relative_subject`], reading the last tokens only, answers as the scan of every
    /// token does, on random clauses of relative words, prepositions, pronouns, names,
    /// verbs and punctuation, each read from every token on, with and without a dash before.
    #[test]
    fn relative_subjects_read_from_the_end_agree_with_a_scan_of_all() {
        let parts = [
            "who ",
            "which ",
            "that ",
            "Who ",
            "at ",
            "in ",
            "he ",
            "they ",
            "Lee ",
            "Beck ",
            "has ",
            "long ",
            "also ",
            "the ",
            "department ",
            "said ",
            "told ",
            ", ",
            "— ",
            "45 ",
            "whose ",
        ];
        let mut rng = crate::testgen::Rng::new(0x7e1a_71fe);
        let (mut found, mut none) = (0, 0);
        for _ in 0..3000 {
            let n = 1 + rng.below(14);
            let text = rng.text(&parts, n);
            let toks = whole_toks(&text);
            for from in 0..=toks.len() {
                let toks = &toks[from..];
                for after_dash in [false, true] {
                    let fast = relative_subject(&text, toks, after_dash);
                    let all = relative_subject_from(&text, toks, after_dash, 0);
                    assert_eq!(
                        fast, all,
                        "{text:?} from {from}, after a dash: {after_dash}"
                    );
                    if fast.is_some() {
                        found += 1;
                    } else {
                        none += 1;
                    }
                }
            }
        }
        // (Both answers are met, and subjects read far back.)
        assert!(found > 1000 && none > 1000, "{found} {none}");
    }

    #[test]
    fn last_chunks_are_the_last_of_the_chunks() {
        let texts = [
            "Lee, at a rally in Columbus, Ohio, said",
            "Jane Doe, 45, a teacher, the head of the union, a mother of two, said",
            "in Salem, noting the crowd, R-Ky., Smith, slowly, Jones — the aide, said",
            "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q",
            ", , ,",
            "",
            "Mayor Ann Lee",
        ];
        for text in texts {
            let toks = whole_toks(text);
            for from in 0..=toks.len() {
                let toks = &toks[from..];
                let mut all = chunks(text, toks);
                let all = all.as_mut_slice();
                let (last, n) = last_chunks(text, toks);
                assert_eq!(n, all.len().min(LAST_CHUNKS), "{text:?} from {from}");
                let tail = &all[all.len() - n..];
                for (a, b) in tail.iter().zip(&last[LAST_CHUNKS - n..]) {
                    assert!(std::ptr::eq(*a, *b), "{text:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn chunks_past_the_stack_buffer_go_to_the_heap_in_order() {
        for n in [
            1,
            STACK_CHUNKS - 1,
            STACK_CHUNKS,
            STACK_CHUNKS + 1,
            3 * STACK_CHUNKS,
        ] {
            let text: Vec<String> = (0..n).map(|i| format!("Word{i}")).collect();
            let text = text.join(", ");
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut toks);
            let mut c = chunks(&text, &toks);
            let got: Vec<&str> = c.as_mut_slice().iter().map(|c| w(&text, &c[0])).collect();
            let want: Vec<String> = (0..n).map(|i| format!("Word{i}")).collect();
            assert_eq!(got, want, "{n} chunks");
        }
    }

    #[test]
    fn narrow_attributions_hold_what_was_set() {
        let last = Options::MAX_SUPPORTED_INPUT_BYTES;
        let spans = [
            Span::new(0, 0),
            Span::new(3, 9),
            Span::new(7, last),
            Span::new(last, last),
        ];
        let mut all = vec![None];
        for &s in &spans {
            for m in [None, Some(Span::new(1, 2)), Some(s)] {
                for r in [Resolution::Explicit, Resolution::Continuation] {
                    all.push(Some(FoundAttribution {
                        speaker: s,
                        mention: m,
                        descriptor: m.and(Some(Span::new(0, last))),
                        verb: m.or(Some(s)),
                        resolution: r,
                    }));
                    all.push(None);
                }
            }
        }
        let mut narrow = Attributions::none_in(all.len(), Attributions::EMPTY);
        for (i, &a) in all.iter().enumerate() {
            narrow.set(i, a);
            assert_eq!(narrow.is_attributed(i), a.is_some());
        }
        assert_eq!(narrow.iter().collect::<Vec<_>>(), all);
        assert_eq!((narrow.len(), narrow.get(all.len())), (all.len(), None));
        assert!(std::mem::size_of::<Option<NarrowAttribution>>() <= 36);
        // A lent list is emptied and given `n` quotes without attribution.
        let again = Attributions::none_in(3, narrow);
        assert_eq!(again.iter().collect::<Vec<_>>(), vec![None; 3]);
    }
}
