//! Calls to action: the sentences a site puts under its stories to make the reader do
//! something ("Subscribe to our sister title for the latest news!", "Follow her on Twitter
//! @jdoe", "Click here to support our reporting").
//!
//! No one phrase marks them, and each of their words also occurs in news prose ("shares
//! fell", "on Twitter"). What marks them is two signals together: a sentence that opens
//! with an imperative (`Subscribe`, `Follow`, `Click`…), an address or handle to act on, an
//! exclamation or a closing "here", and the vocabulary of the act (subscriptions,
//! newsletters, social networks, paywalls, surveys). A block that quotes someone is never a
//! call to action: quotations are story.

use super::features::Features;
use super::lexicon::{word_len, Needle, WordSets};
use super::lines::is_ascii_white;
use std::sync::OnceLock;

/// Blocks longer than this are prose, whatever they ask of the reader.
const MAX_WORDS: u32 = 60;

/// What one folded word tells about a call to action ([`word_kind`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A verb that tells the reader to act when it opens a sentence ("Follow", "Click").
    Imperative,
    /// A word of the act ("newsletter", "Twitter"): the words of one group are one signal.
    Act(u8),
    /// "subscribe": an imperative and a word of the act.
    Subscribe,
    /// A word that addresses the reader ("you", "our").
    SecondPerson,
    /// "here" ("click here", "listen back here.").
    Here,
    Other,
}

/// The words [`word_kind`] gives a kind other than [`Kind::Other`]: every word of its
/// `match` must be here too, or [`may_have_kind`] would pass it by. The lexicon's filter
/// of listed words passes them too ([`Features::may_hold_listed_word`]). Made of
/// [`URGING_WORDS`], [`IMPERATIVE_WORDS`] and [`SECOND_PERSON_WORDS`], which the lexicon's
/// word sets take apart: each word is written once.
pub(super) const KIND_WORDS: [&[u8]; 49] = {
    let parts: [&[&[u8]]; 3] = [&URGING_WORDS, &IMPERATIVE_WORDS, &SECOND_PERSON_WORDS];
    let mut out: [&[u8]; 49] = [b""; 49];
    let mut n = 0;
    let mut p = 0;
    while p < parts.len() {
        let mut k = 0;
        while k < parts[p].len() {
            out[n] = parts[p][k];
            n += 1;
            k += 1;
        }
        p += 1;
    }
    // Every entry written: the parts fill the list exactly.
    assert!(n == out.len());
    out
};

/// The words of [`KIND_WORDS`] that address the reader: one signal at most, and held by half
/// of all prose.
const SECOND_PERSON_WORDS: [&[u8]; 4] = [b"you", b"your", b"us", b"our"];

/// The shapes of [`KIND_WORDS`]: bit `len` of entry `(first & 31) << 5 | (last & 31)` is
/// set for each word of that length, first and last byte.
static KIND_SHAPES: [u16; 1024] = {
    let mut t = [0u16; 1024];
    let mut k = 0;
    while k < KIND_WORDS.len() {
        let w = KIND_WORDS[k];
        t[shape_index(w[0], w[w.len() - 1])] |= 1 << w.len();
        k += 1;
    }
    t
};

/// The words of [`KIND_WORDS`] that signal a call to action on their own but the
/// imperatives that are only that ([`IMPERATIVE_WORDS`]): the words of the act (and
/// "subscribe", an imperative too), "here", and "click" and "tap" (which make "click here").
/// The lexicon's word sets take them ([`super::lexicon::WordSets::URGING`]). The test
/// `signal_words_are_the_words_of_a_kind_but_the_second_person` checks them against
/// [`word_kind`].
pub(super) const URGING_WORDS: [&[u8]; 30] = [
    b"subscribe",
    b"click",
    b"tap",
    b"subscribed",
    b"subscribing",
    b"subscription",
    b"subscriptions",
    b"unsubscribe",
    b"newsletter",
    b"newsletters",
    b"inbox",
    b"spam",
    b"twitter",
    b"facebook",
    b"instagram",
    b"youtube",
    b"linkedin",
    b"tiktok",
    b"pinterest",
    b"whatsapp",
    b"telegram",
    b"paywall",
    b"paywalls",
    b"survey",
    b"feedback",
    b"podcast",
    b"podcasts",
    b"forum",
    b"forums",
    b"here",
];

/// The imperatives of [`KIND_WORDS`] but "subscribe", "click" and "tap": alone, they make
/// one signal at most ([`call_to_action`]). The lexicon's word sets take them
/// ([`super::lexicon::WordSets::IMPERATIVE`]). With [`URGING_WORDS`], every word of
/// [`KIND_WORDS`] but the second person ("you", "our"), which half of all prose holds.
pub(super) const IMPERATIVE_WORDS: [&[u8]; 15] = [
    b"follow",
    b"join",
    b"sign",
    b"listen",
    b"download",
    b"email",
    b"tell",
    b"register",
    b"donate",
    b"visit",
    b"send",
    b"share",
    b"install",
    b"check",
    b"get",
];

/// The entry of [`KIND_SHAPES`] for a word's first and last byte.
const fn shape_index(first: u8, last: u8) -> usize {
    ((first & 31) as usize) << 5 | (last & 31) as usize
}

/// False when the folded word `w` is certainly none of [`KIND_WORDS`] (its length, first
/// and last byte match none): most words of a block, told without comparing.
#[inline]
fn may_have_kind(w: &[u8]) -> bool {
    match (w.first(), w.last()) {
        (Some(&first), Some(&last)) if w.len() < 16 => {
            KIND_SHAPES[shape_index(first, last)] & (1 << w.len()) != 0
        }
        _ => false,
    }
}

/// The [`Kind`] of a folded word. A word added here goes into [`KIND_WORDS`] too.
fn word_kind(w: &[u8]) -> Kind {
    // Every listed word has 2 to 13 letters.
    if !(2..=13).contains(&w.len()) {
        return Kind::Other;
    }
    match w {
        b"subscribe" => Kind::Subscribe,
        b"follow" | b"join" | b"sign" | b"click" | b"tap" | b"listen" | b"download" | b"email"
        | b"tell" | b"register" | b"donate" | b"visit" | b"send" | b"share" | b"install"
        | b"check" | b"get" => Kind::Imperative,
        b"subscribed" | b"subscribing" | b"subscription" | b"subscriptions" | b"unsubscribe" => {
            Kind::Act(0)
        }
        b"newsletter" | b"newsletters" | b"inbox" => Kind::Act(1),
        b"spam" => Kind::Act(2),
        b"twitter" | b"facebook" | b"instagram" | b"youtube" | b"linkedin" | b"tiktok"
        | b"pinterest" | b"whatsapp" | b"telegram" => Kind::Act(3),
        b"paywall" | b"paywalls" => Kind::Act(4),
        b"survey" | b"feedback" => Kind::Act(5),
        b"podcast" | b"podcasts" => Kind::Act(6),
        b"forum" | b"forums" => Kind::Act(7),
        b"you" | b"your" | b"us" | b"our" => Kind::SecondPerson,
        b"here" => Kind::Here,
        _ => Kind::Other,
    }
}

/// What the words of a block tell a call to action ([`word_signals`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WordSignals {
    /// Bit `g` set for each group `g` of [`Kind::Act`] met ("subscribe" is of group 0).
    acts: u8,
    /// An imperative ([`Kind::Imperative`] or "subscribe") is among the words.
    imperative_word: bool,
    /// A word addresses the reader ([`Kind::SecondPerson`]).
    second_person: bool,
    /// "here" is among the words.
    here: bool,
    /// "click" or "tap" is followed by "here" or "to".
    click_here: bool,
}

impl WordSignals {
    /// Adds what the word `w`, of kind `kind`, signals; returns whether `w` is "click" or
    /// "tap" (so that a "here" or "to" after it makes [`WordSignals::click_here`]).
    #[inline(always)]
    fn take(&mut self, w: &[u8], kind: Kind) -> bool {
        match kind {
            Kind::Imperative => {
                self.imperative_word = true;
                return matches!(w, b"click" | b"tap");
            }
            Kind::Subscribe => {
                self.imperative_word = true;
                self.acts |= 1;
            }
            Kind::Act(group) => self.acts |= 1 << group,
            Kind::SecondPerson => self.second_person = true,
            Kind::Here => self.here = true,
            Kind::Other => {}
        }
        false
    }
}

/// The [`WordSignals`] of the folded text `folded`, whose words are its runs between
/// single spaces (as `split(b' ')` gives them). The words are cut off the front of the
/// bytes one after another, each space found eight bytes at a step ([`word_len`]), with no
/// `str` slicing (and its character-boundary checks) per word; most words are passed by on
/// their shape ([`may_have_kind`]).
#[inline]
fn word_signals(folded: &[u8]) -> WordSignals {
    let mut out = WordSignals::default();
    // `prev_click`: the word before was "click" or "tap" (imperatives both).
    let mut prev_click = false;
    let mut rest = folded;
    loop {
        let len = word_len(rest);
        let w = rest.get(..len).unwrap_or_default();
        out.click_here |= prev_click && matches!(w, b"here" | b"to");
        prev_click = may_have_kind(w) && out.take(w, word_kind(w));
        // Past the space after the word, if there is one.
        match rest.get(len + 1..) {
            Some(next) => rest = next,
            None => return out,
        }
    }
}

/// The length (in bytes) from which [`is_call_to_action`] looks for a `"` before the words.
const QUOTATION_FIRST_BYTES: usize = 64;

/// The most words of a block whose only signals are words of the act ("No spam, we
/// promise. You can unsubscribe at any time."): a longer one is prose about such things.
const MAX_ACT_ONLY_WORDS: u32 = 25;

/// True when the block `s` (with features `f`) asks the reader to act: see the module
/// documentation.
///
/// Tested inline first, with no call for most blocks: one of more than [`MAX_WORDS`]
/// words, with no folded text or with a curly quotation mark or a guillemet (told by the
/// features with no search, [`Features::wide_quote`]: a quotation rules a block out
/// whatever its words) is no call; and neither is one with no signal word
/// ([`signal_words`]) and no `!`, which has no signal but an address ([`call_to_action`]
/// finds no imperative, act, "here" or `!`), and one signal is no call. (The web pages:
/// 13,793 of the 17,411 blocks that called [`call_to_action`] when a listed word or a `!`
/// let them were answered so by its first two tests.) The tests are pure, so asking them
/// before the call changes no answer; the tests of this module compare it with the plain
/// test on random blocks.
#[inline]
pub(crate) fn is_call_to_action(s: &str, f: &Features) -> bool {
    let (no_urging_word, no_signal_word) = signal_words(f);
    (f.words <= MAX_WORDS) & !f.folded.is_empty() & !f.wide_quote()
        && (!no_signal_word || f.holds_mark(s, b'!'))
        && call_to_action(s, f, no_urging_word, no_signal_word)
}

/// Whether the block (features `f`) is known to hold no word of [`URGING_WORDS`], and no
/// signal word at all (none of those nor of [`IMPERATIVE_WORDS`]): a block with no listed
/// word holds none (the filter of listed words passes every word of [`KIND_WORDS`]), and
/// the feature pass's walk tells the others ([`Features::word_sets`]), when it was made.
#[inline(always)]
fn signal_words(f: &Features) -> (bool, bool) {
    let listed = f.may_hold_listed_word();
    let no_urging_word = !listed || f.word_sets.rules_out(WordSets::URGING);
    let no_signal_word = no_urging_word && (!listed || f.word_sets.rules_out(WordSets::IMPERATIVE));
    (no_urging_word, no_signal_word)
}

/// [`is_call_to_action`] once the block may hold a signal besides an address: of at most
/// [`MAX_WORDS`] words, with a folded text and no curly quotation mark or guillemet, and a
/// signal word or a `!`; `no_urging_word` and `no_signal_word` are [`signal_words`].
fn call_to_action(s: &str, f: &Features, no_urging_word: bool, no_signal_word: bool) -> bool {
    // One pass over the folded words (below); most blocks stop right after it, with fewer
    // than two signals within reach.
    //
    // It is skipped, and the words taken to signal nothing, for a block with no signal
    // word ([`signal_words`]): the second person ("you", "our") is then all its words can
    // tell, which the answer does not depend on. With no imperative, act or "here" (nor
    // "click here", which needs "click" or "tap"), `base` below is 1 at most (a `!`), so
    // that two signals need both an address and urging, each of which makes the block
    // `addressed` by itself, with or without `second_person`.
    //
    // A block whose words may hold imperatives but no word of [`URGING_WORDS`] has no act,
    // no "here" and no "click here": `base` is 1 at most (the imperative) without a `!`,
    // and one signal is no call without an address. Such a block with neither is answered
    // so, with no walk (most blocks with an imperative: "get", "share", "tell").
    //
    // The test `skipped_word_signals_change_no_answer` checks both against the walk.
    //
    // A block with no signal word and no `!` has `base` 0 below, and is no call: told by
    // [`is_call_to_action`] with one search for the `!`, before the search for a
    // quotation, which it spares most such blocks (the web pages: 11,290 blocks with no
    // signal word got that far, 288 of them with a `!`).
    debug_assert!(!no_signal_word || f.holds_mark(s, b'!'));
    // A `"` is asked before the words in a longer block, with a byte search: that spares
    // the word pass of the paragraphs that quote someone (most of a story's). A short
    // block's word pass costs less than the search, and most short blocks stop right after
    // it. The tests check this order against the one that asked it last.
    if s.len() >= QUOTATION_FIRST_BYTES && super::has_byte(s.as_bytes(), b'"') {
        return false;
    }
    if no_urging_word
        && !no_signal_word
        && !f.holds_mark(s, b'!')
        && !f.holds_mark(s, b'@')
        && !holds_web_address(s.as_bytes())
    {
        return false;
    }
    // A block of more than [`MAX_ACT_ONLY_WORDS`] words needs an imperative, an address or
    // urging to be `addressed` below. With no `!` nor address, urging needs "here" or
    // "click here" / "tap to" among the folded words ([`may_urge`]), and an imperative a
    // sentence that opens with one ([`opens_with_imperative`]): a block with neither is no
    // call, whatever else its words hold. Told by a few byte searches, before the walk
    // over its words: most such blocks are prose of 41 to 60 words, whose word sets the
    // feature pass does not find (`MAX_SET_WORDS`), and whose walk (~38 instructions a
    // word) finds nothing (web pages: 1,261 of 1,511 walks; seed variants: all 819). One
    // pass: seed variants 83.73 → 83.09 instructions a byte, web pages 89.79 → 89.44. The
    // web address and the openings are told by one search of the marks (`.` and `:` are
    // marks of both), and a "here" by one search of the fold ([`may_urge`]): seed
    // variants 82.90 → 82.64, web pages 89.03 → 88.83.
    if !no_urging_word
        && f.words > MAX_ACT_ONLY_WORDS
        && !may_urge(f.folded.as_bytes())
        && !f.holds_mark(s, b'!')
        && !f.holds_mark(s, b'@')
        && !opens_with_imperative(s, false, true)
    {
        return false;
    }
    let WordSignals {
        acts,
        imperative_word,
        second_person,
        here,
        click_here,
    } = if no_signal_word {
        WordSignals::default()
    } else {
        word_signals(f.folded.as_bytes())
    };
    let acts = acts.count_ones() as usize;
    let bytes = s.as_bytes();
    // (A block with no signal word that gets here holds a `!`: see above.)
    let urging_possible = here || click_here || no_signal_word || f.holds_mark(s, b'!');
    let base = usize::from(imperative_word) + usize::from(urging_possible) + acts.min(2);
    // An address alone is one signal: without another, the block is not a call.
    if base == 0 {
        return false;
    }
    let address_possible = f.holds_mark(s, b'@') || holds_web_address(bytes);
    if base + usize::from(address_possible) < 2 || super::has_byte(bytes, b'"') {
        return false;
    }
    let imperative = imperative_word && opens_with_imperative(s, true, false);
    let address = address_possible && has_address(s);
    let urging = click_here || urging_possible && ends_urging(s);
    let signals =
        usize::from(imperative) + usize::from(address) + usize::from(urging) + acts.min(2);
    let addressed =
        imperative || address || urging || f.words <= MAX_ACT_ONLY_WORDS && second_person;
    signals >= 2 && addressed
}

/// True when `b` holds `://` or `www.`, as two substring searches tell, by one search for
/// the bytes that anchor them (`:`, which prose seldom holds, and `.`, about once a
/// sentence) and a look at the bytes around each: no searcher is set up per block, as
/// `memchr::memmem::find` did for each of the two.
fn holds_web_address(b: &[u8]) -> bool {
    memchr::memchr2_iter(b':', b'.', b).any(|i| web_address_at(b, i))
}

/// True when the byte `b[i]` is the `:` of a `://` or the `.` of a `www.` (false for any
/// other byte): the look around each anchor of [`holds_web_address`].
#[inline]
fn web_address_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b':') => b[i + 1..].starts_with(b"//"),
        Some(b'.') => b[..i].ends_with(b"www"),
        _ => false,
    }
}

/// True when the word `w`, as written ("Follow", "CLICK"), is an imperative of
/// [`word_kind`].
fn is_imperative(w: &str) -> bool {
    let letters = w
        .find(|c: char| !c.is_alphabetic())
        .map_or(w, |end| &w[..end]);
    // The imperatives are short ASCII words: fold into a small buffer.
    let mut buf = [0u8; 12];
    if letters.len() > buf.len() || !letters.is_ascii() {
        return false;
    }
    for (b, c) in buf.iter_mut().zip(letters.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    matches!(
        word_kind(&buf[..letters.len()]),
        Kind::Imperative | Kind::Subscribe
    )
}

/// True when a sentence of `s` opens with an imperative ([`is_imperative`]): its first
/// word, or a word after one that ends with `.`, `!`, `?` or `:`. Those words are found
/// from the marks, by byte searches (a mark followed by white space ends a word, and the
/// next word opens a sentence), rather than by splitting the whole text into words, and
/// most are told by their first three bytes ([`may_open_imperative`]), with no word split
/// off nor decoded. `bangs` false says that `s` holds no `!` (known from an earlier
/// search), which spares the search for that mark. The test
/// `imperative_openings_are_those_of_the_split` checks it against the split.
///
/// `addresses` true makes it true of a text that holds a web address too, as
/// [`holds_web_address`] finds one: at the same `.` and `:` the search stops at
/// ([`web_address_at`]), so that a long block is asked for both with one search of its
/// marks, not two (see [`call_to_action`]). The test
/// `one_mark_search_finds_openings_and_addresses` checks it against the two.
fn opens_with_imperative(s: &str, bangs: bool, addresses: bool) -> bool {
    let b = s.as_bytes();
    // Whether the first word of `s[at..]` (`at` a character boundary) is an imperative.
    let imperative_from = |at: usize| {
        may_open_imperative(&b[at..])
            && s[at..].split_whitespace().next().is_some_and(is_imperative)
    };
    // (The marks are ASCII: `i + 1` is a character boundary, and so is `i + 2` after an
    // ASCII byte.)
    let opens_after = |i: usize| match b.get(i + 1) {
        Some(&c) if c.is_ascii() => is_ascii_white(c) && imperative_from(i + 2),
        Some(_) => s[i + 1..].starts_with(char::is_whitespace) && imperative_from(i + 1),
        None => false,
    };
    imperative_from(0)
        || memchr::memchr3_iter(b'.', b'?', b':', b)
            .any(|i| addresses && web_address_at(b, i) || opens_after(i))
        || bangs && memchr::memchr_iter(b'!', b).any(opens_after)
}

/// The imperatives [`is_imperative`] takes ([`IMPERATIVE_WORDS`], "subscribe", "click",
/// "tap"), by their first three letters: for each pair of first letters (`a` to `z`, entry
/// `26 * first + second`), the bit of each third letter. Every imperative has three letters
/// or more.
const IMPERATIVE_STARTS: [u32; 26 * 26] = {
    let parts: [&[&[u8]]; 2] = [&IMPERATIVE_WORDS, &[b"subscribe", b"click", b"tap"]];
    let mut out = [0u32; 26 * 26];
    let mut p = 0;
    while p < parts.len() {
        let mut k = 0;
        while k < parts[p].len() {
            let w = parts[p][k];
            out[(w[0] - b'a') as usize * 26 + (w[1] - b'a') as usize] |= 1 << (w[2] - b'a');
            k += 1;
        }
        p += 1;
    }
    out
};

/// False when the first word of `rest` (the text from the start of a block or from white
/// space) is surely no imperative ([`is_imperative`]), told by its first three bytes: ASCII
/// letters that start no imperative ([`IMPERATIVE_STARTS`]: "The", "In", "She" and "For"
/// open many sentences, and start none), fewer than three letters and then a byte that is
/// none (a run of letters too short), or an ASCII byte that is neither a letter nor white
/// space (the run of letters is empty). Any other start (white space, a byte outside
/// ASCII) passes.
#[inline]
fn may_open_imperative(rest: &[u8]) -> bool {
    let letter = |c: u8| usize::from(c.to_ascii_lowercase().wrapping_sub(b'a'));
    match rest {
        [a, b, c, ..] if [a, b, c].iter().all(|c| c.is_ascii_alphabetic()) => {
            IMPERATIVE_STARTS[letter(*a) * 26 + letter(*b)] >> letter(*c) & 1 != 0
        }
        [a, ..] if a.is_ascii_alphabetic() => false,
        [a, ..] => !a.is_ascii() || is_ascii_white(*a),
        [] => false,
    }
}

/// False when no folded word of `folded` is "here" and none is "to" after "click" or
/// "tap": the words without which a block with no `!` is not urging (see
/// [`call_to_action`]). Three byte searches: a "here" that starts a word, "click to" and
/// "tap to" (a word that only starts so, "hereby", "click tomorrow", is taken for one).
/// The "here" is looked for after a space (or at the start), where a search for "here"
/// alone stopped at each "there" and "where" of the prose to look at the byte before it.
///
/// Each search by a [`Needle`] (the AVX2 pair searcher called straight): one pass, seed
/// variants 80.26 → 80.07 instructions a byte, web pages 85.84 → 85.75, quote paragraphs
/// 90.42 → 90.38.
fn may_urge(folded: &[u8]) -> bool {
    static NEEDLES: OnceLock<[Needle; 3]> = OnceLock::new();
    let [space_here, click_to, tap_to] =
        NEEDLES.get_or_init(|| [b" here".as_slice(), b"click to", b"tap to"].map(Needle::new));
    folded.starts_with(b"here")
        || space_here.is_in(folded)
        || click_to.is_in(folded)
        || tap_to.is_in(folded)
}

/// True when `s` holds an e-mail address, a `@handle` or a web address.
fn has_address(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
        match w.find('@') {
            // @handle
            Some(0) => w.len() > 1,
            // name@host.tld
            Some(at) => w[at + 1..].contains('.'),
            None => w.starts_with("http") && w.contains("://") || w.starts_with("www."),
        }
    })
}

/// True when a sentence of `s` ends with `!`, or with the word "here" (`listen back
/// here.`). ("Click here", "tap to" anywhere count too: see [`is_call_to_action`].)
fn ends_urging(s: &str) -> bool {
    let last = s.split_whitespace().next_back();
    s.split_whitespace().any(|w| {
        let bare = w.trim_end_matches(['.', '!', ')']);
        w.ends_with('!') || bare.eq_ignore_ascii_case("here") && bare.len() < w.len()
    }) || last.is_some_and(|w| w.eq_ignore_ascii_case("here"))
}

#[cfg(test)]
mod tests {
    use super::super::features::block_features;
    use super::*;

    fn cta(s: &str) -> bool {
        is_call_to_action(s, &block_features(s, &mut String::new()))
    }

    #[test]
    fn web_addresses_are_found_as_substring_searches_find_them() {
        let texts = [
            "",
            ":",
            ".",
            "://",
            ":/",
            "www",
            "www.",
            "ww.",
            "wwww.x",
            "a:b. c:/ /d",
            "See https://example.com now.",
            "Visit www.example.com.",
            "Time: 10.30. Www. is not lowered",
            "ends with :",
            "x://y www.z",
            "Ünïcödé www.例え.jp",
        ];
        for t in texts {
            let b = t.as_bytes();
            let want = memchr::memmem::find(b, b"://").is_some()
                || memchr::memmem::find(b, b"www.").is_some();
            assert_eq!(holds_web_address(b), want, "{t:?}");
        }
    }

    #[test]
    fn the_filter_passes_every_word_with_a_kind() {
        for w in KIND_WORDS {
            assert!(may_have_kind(w), "{w:?}");
            assert!(word_kind(w) != Kind::Other, "{w:?}");
        }
        // Every word of two to four lower-case letters, and each listed word with a byte
        // changed, dropped or added: a word the filter rules out has no kind.
        let mut words: Vec<Vec<u8>> = Vec::new();
        let letters = b'a'..=b'z';
        for a in letters.clone() {
            for b in letters.clone() {
                words.push(vec![a, b]);
                for c in letters.clone() {
                    words.push(vec![a, b, c]);
                    for d in letters.clone() {
                        words.push(vec![a, b, c, d]);
                    }
                }
            }
        }
        for w in KIND_WORDS {
            for i in 0..w.len() {
                let mut v = w.to_vec();
                v[i] ^= 1;
                words.push(v);
                let mut v = w.to_vec();
                v.remove(i);
                words.push(v);
                let mut v = w.to_vec();
                v.insert(i, b's');
                words.push(v);
            }
        }
        let with_kind = words.iter().filter(|w| word_kind(w) != Kind::Other).count();
        for w in &words {
            assert!(may_have_kind(w) || word_kind(w) == Kind::Other, "{w:?}");
        }
        // The four-letter words with a kind, found among all of them.
        assert!(with_kind >= 12, "{with_kind}");
    }

    /// [`is_call_to_action`] as it was before the quotation was asked first, with a plain
    /// search of the text for a quotation mark.
    fn plain_is_call_to_action(s: &str, f: &Features) -> bool {
        if f.words > MAX_WORDS || f.folded.is_empty() {
            return false;
        }
        let (mut acts, mut imperative_word, mut second_person) = (0u8, false, false);
        let (mut here, mut click_here, mut prev_click) = (false, false, false);
        for w in f.folded.as_bytes().split(|&b| b == b' ') {
            click_here |= prev_click && matches!(w, b"here" | b"to");
            prev_click = false;
            match word_kind(w) {
                Kind::Imperative => {
                    imperative_word = true;
                    prev_click = matches!(w, b"click" | b"tap");
                }
                Kind::Subscribe => {
                    imperative_word = true;
                    acts |= 1;
                }
                Kind::Act(group) => acts |= 1 << group,
                Kind::SecondPerson => second_person = true,
                Kind::Here => here = true,
                Kind::Other => {}
            }
        }
        let acts = acts.count_ones() as usize;
        let urging_possible = here || click_here || s.contains('!');
        let base = usize::from(imperative_word) + usize::from(urging_possible) + acts.min(2);
        if base == 0 {
            return false;
        }
        let address_possible = s.contains('@') || s.contains("://") || s.contains("www.");
        let quotation = s.contains(['"', '“', '”', '«', '»', '„']);
        if base + usize::from(address_possible) < 2 || quotation {
            return false;
        }
        let imperative = imperative_word && sentence_starts(s).any(is_imperative);
        let address = address_possible && has_address(s);
        let urging = click_here || urging_possible && ends_urging(s);
        let signals =
            usize::from(imperative) + usize::from(address) + usize::from(urging) + acts.min(2);
        let addressed =
            imperative || address || urging || f.words <= MAX_ACT_ONLY_WORDS && second_person;
        signals >= 2 && addressed
    }

    /// The first word of every sentence of `s`, as written: the split that
    /// [`opens_with_imperative`] replaced.
    fn sentence_starts(s: &str) -> impl Iterator<Item = &str> + '_ {
        let mut at_start = true;
        s.split_whitespace().filter(move |w| {
            let start = at_start;
            at_start = w.ends_with(['.', '!', '?', ':']);
            start
        })
    }

    #[test]
    fn imperative_openings_are_those_of_the_split() {
        let parts = [
            "Follow",
            "follow",
            "CLICK",
            "Sign",
            "get",
            "the",
            "council",
            " ",
            " ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{2003}",
            ".",
            "!",
            "?",
            ":",
            ",",
            "...",
            "https://x.y",
            "Tap.",
            "é",
            "ü",
            "Share!",
        ];
        let mut rng = crate::testgen::Rng::new(0x0be7_1a55);
        let mut opens = 0;
        for round in 0..30_000 {
            let s = rng.text(&parts, round % 20);
            let want = sentence_starts(&s).any(is_imperative);
            assert_eq!(opens_with_imperative(&s, true, false), want, "{s:?}");
            if !s.contains('!') {
                assert_eq!(opens_with_imperative(&s, false, false), want, "{s:?}");
            }
            opens += usize::from(want);
        }
        assert!(opens > 5_000, "{opens}");
        // Every imperative, as written in any case, passes the filter of its first bytes.
        for w in KIND_WORDS {
            if matches!(word_kind(w), Kind::Imperative | Kind::Subscribe) {
                let upper = w.to_ascii_uppercase();
                let title = [&upper[..1], &w[1..]].concat();
                for w in [w.to_vec(), upper, title] {
                    assert!(may_open_imperative(&w), "{w:?}");
                    let s = std::str::from_utf8(&w).unwrap_or_default();
                    assert!(
                        opens_with_imperative(&format!("x. {s} y"), false, false),
                        "{s}"
                    );
                }
            }
        }
    }

    /// [`opens_with_imperative`] asked for addresses too is [`holds_web_address`] or the
    /// test without them, with and without a `!`: random texts of sentence marks, blanks,
    /// imperatives, addresses and near misses of addresses (`ww.`, `:/`, `www` at the end).
    #[test]
    fn one_mark_search_finds_openings_and_addresses() {
        let parts = [
            "Follow", "click", "the", "council", " ", " ", "\t", "\u{a0}", ".", "!", "?", ":", ",",
            "://", ":/", "/", "www", "www.", "ww.", "wwww.x", "https", "x.y", "é", "Tap.",
        ];
        let mut rng = crate::testgen::Rng::new(0x0ad5_0c7a);
        let (mut addresses, mut either) = (0, 0);
        for round in 0..30_000 {
            let s = rng.text(&parts, round % 24);
            let address = holds_web_address(s.as_bytes());
            for bangs in [true, false] {
                if !bangs && s.contains('!') {
                    continue;
                }
                let want = address || opens_with_imperative(&s, bangs, false);
                assert_eq!(
                    opens_with_imperative(&s, bangs, true),
                    want,
                    "{s:?} {bangs}"
                );
                either += usize::from(want);
            }
            addresses += usize::from(address);
        }
        assert!(
            addresses > 5_000 && either > addresses,
            "{addresses} {either}"
        );
    }

    /// [`may_urge`] is true of every fold where [`word_signals`] finds "here" or "click
    /// here" (and so of every fold with urging but a `!`); its search for a "here" that
    /// starts a word (at the start or after a space) answers as a search that stops at every
    /// "here" ("there", "where") and looks at the byte before it.
    #[test]
    fn may_urge_passes_every_fold_with_here_or_click_here() {
        let parts = [
            "click", "tap", "here", "there", "to", "tomorrow", "hereby", "the", "x", "clicks",
            "taps", " ",
        ];
        let mut rng = crate::testgen::Rng::new(0x4e7e_0017);
        let (mut urged, mut passed) = (0, 0);
        for round in 0..30_000 {
            let words: Vec<String> = (0..1 + round % 12)
                .map(|_| rng.text(&parts, 1 + round % 2))
                .collect();
            let fold = words.join(" ");
            let signals = word_signals(fold.as_bytes());
            let got = may_urge(fold.as_bytes());
            let b = fold.as_bytes();
            let word_here =
                memchr::memmem::find_iter(b, b"here").any(|i| i == 0 || b[i - 1] == b' ');
            let plain = word_here
                || memchr::memmem::find(b, b"click to").is_some()
                || memchr::memmem::find(b, b"tap to").is_some();
            assert_eq!(got, plain, "{fold:?}");
            if signals.here || signals.click_here {
                assert!(got, "{fold:?}");
                urged += 1;
            }
            passed += usize::from(got);
        }
        assert!(urged > 5_000 && passed < 29_000, "{urged} {passed}");
    }

    /// Long blocks (past [`MAX_ACT_ONLY_WORDS`], most past the feature pass's word sets),
    /// answered with the searches before the walk ([`may_urge`], [`opens_with_imperative`]),
    /// as the plain test answers them.
    #[test]
    fn long_blocks_agree_with_the_plain_test() {
        let parts = [
            "Subscribe ",
            "Follow ",
            "click ",
            "tap to ",
            "here",
            "here. ",
            "there ",
            "to ",
            "you ",
            "our ",
            "on Twitter ",
            "newsletter ",
            "podcast ",
            "!",
            ". ",
            ": ",
            " ",
            "@jdoe ",
            "www.example.org ",
            "said ",
            "send ",
            "the council met ",
            "shares fell ",
            "the mayor ",
            "voted ",
            "on Monday",
            ", ",
            "in ",
        ];
        let mut rng = crate::testgen::Rng::new(0x1046_b10c);
        let (mut searched, mut calls) = (0, 0);
        for round in 0..20_000 {
            let s = rng.text(&parts, 20 + round % 40);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            let got = is_call_to_action(&s, &f);
            assert_eq!(got, plain_is_call_to_action(&s, &f), "{s:?}");
            searched += usize::from(f.words > MAX_ACT_ONLY_WORDS && !may_urge(f.folded.as_bytes()));
            calls += usize::from(got);
        }
        assert!(searched > 2_000 && calls > 1_000, "{searched} {calls}");
    }

    /// [`word_signals`] word by word over `split(b' ')`, every word's kind looked up.
    fn plain_word_signals(folded: &[u8]) -> WordSignals {
        let mut out = WordSignals::default();
        let mut prev_click = false;
        for w in folded.split(|&b| b == b' ') {
            out.click_here |= prev_click && matches!(w, b"here" | b"to");
            prev_click = out.take(w, word_kind(w));
        }
        out
    }

    #[test]
    fn word_signals_reads_each_word() {
        let s = word_signals(b"click here to subscribe to our newsletter");
        assert_eq!(
            s,
            WordSignals {
                acts: 0b11,
                imperative_word: true,
                second_person: true,
                here: true,
                click_here: true,
            }
        );
        assert_eq!(word_signals(b""), WordSignals::default());
        assert_eq!(word_signals(b"the council met"), WordSignals::default());
        // "tap" and "to" must be neighbours.
        assert!(!word_signals(b"tap  to").click_here);
        assert!(word_signals(b"tap to").click_here);
    }

    #[test]
    fn word_signals_agrees_with_the_plain_walk() {
        let parts = [
            "click",
            "tap",
            "here",
            "to",
            "subscribe",
            "newsletters",
            "inbox",
            "spam",
            "twitter",
            "paywall",
            "survey",
            "podcast",
            "forums",
            "you",
            "our",
            "us",
            "follow",
            "the",
            "council",
            "abcdefghijklmnop",
            "abcdefgh",
            "x",
            " ",
            " ",
            "2024",
            "heres",
            "tos",
        ];
        let mut rng = crate::testgen::Rng::new(0x5eed_0042);
        for round in 0..20_000 {
            let s = rng.text(&parts, 1 + round % 40);
            assert_eq!(
                word_signals(s.as_bytes()),
                plain_word_signals(s.as_bytes()),
                "{s:?}"
            );
        }
    }

    #[test]
    fn the_quotation_first_agrees_with_the_plain_order() {
        let parts = [
            "Subscribe",
            "Follow",
            "us",
            "on Twitter",
            " ",
            " ",
            "here",
            "!",
            ".",
            "@jdoe",
            "www.example.org",
            "newsletter",
            "\"",
            "“",
            "”",
            "„",
            "«",
            "»",
            "‘",
            "’",
            "—",
            "€",
            "©",
            "Â",
            "«x",
            "click",
            "the council met",
        ];
        let mut rng = crate::testgen::Rng::new(0x7f4a_7c15);
        let (mut calls, mut quoted) = (0, 0);
        for round in 0..20_000 {
            let s = rng.text(&parts, 1 + round % 30);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            let got = is_call_to_action(&s, &f);
            assert_eq!(got, plain_is_call_to_action(&s, &f), "{s:?}");
            assert_eq!(
                f.wide_quote(),
                s.contains(['“', '”', '«', '»', '„']),
                "{s:?}"
            );
            calls += usize::from(got);
            quoted += usize::from(s.contains(['"', '“', '”', '«', '»', '„']));
        }
        assert!(calls > 100 && quoted > 5_000, "{calls} {quoted}");
        // Every character up to U+3000 after and before some text.
        for c in (0..0x3000).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("ab{c}"), format!("{c}x y")] {
                let mut buf = String::new();
                let f = block_features(&s, &mut buf);
                assert_eq!(
                    f.wide_quote(),
                    s.contains(['“', '”', '«', '»', '„']),
                    "{s:?}"
                );
            }
        }
    }

    /// [`URGING_WORDS`] are the words of [`KIND_WORDS`] of the act, "subscribe", "here",
    /// "click" and "tap"; [`IMPERATIVE_WORDS`] the other imperatives; together, the words of
    /// a kind but the second person.
    #[test]
    fn signal_words_are_the_words_of_a_kind_but_the_second_person() {
        let urging: Vec<&[u8]> = KIND_WORDS
            .iter()
            .copied()
            .filter(|w| match word_kind(w) {
                Kind::Act(_) | Kind::Subscribe | Kind::Here => true,
                Kind::Imperative => matches!(*w, b"click" | b"tap"),
                _ => false,
            })
            .collect();
        let imperative: Vec<&[u8]> = KIND_WORDS
            .iter()
            .copied()
            .filter(|w| word_kind(w) == Kind::Imperative && !matches!(*w, b"click" | b"tap"))
            .collect();
        let mut got = URGING_WORDS.to_vec();
        got.sort_unstable();
        let mut want = urging;
        want.sort_unstable();
        assert_eq!(got, want);
        let mut got = IMPERATIVE_WORDS.to_vec();
        got.sort_unstable();
        let mut want = imperative;
        want.sort_unstable();
        assert_eq!(got, want);
        let second = KIND_WORDS
            .iter()
            .filter(|w| word_kind(w) == Kind::SecondPerson);
        assert_eq!(
            URGING_WORDS.len() + IMPERATIVE_WORDS.len() + second.count(),
            KIND_WORDS.len()
        );
    }

    /// The answer of [`is_call_to_action`] with the walk over the words skipped where the
    /// features' word sets allow ([`Features::word_sets`], or no listed word) is the one with
    /// the walk made for every block; and where it is skipped, the walk finds no signal but
    /// the second person. Generated blocks of signal words, second persons, `!`, addresses and
    /// words of no kind (some with the shape of a signal word: "said", "send").
    #[test]
    fn skipped_word_signals_change_no_answer() {
        let parts = [
            "Subscribe ",
            "Follow ",
            "click ",
            "here",
            "to ",
            "you ",
            "your ",
            "Our ",
            "us",
            "on Twitter ",
            "newsletter ",
            "!",
            ". ",
            " ",
            "@jdoe ",
            "jane@example.org ",
            "www.example.org ",
            "https://x.y/z ",
            "said ",
            "send ",
            "the council met ",
            "shares fell ",
            "tell ",
            "Sign up",
            "the mayor ",
            "voted ",
            "on Monday",
            "our city ",
            "you know ",
            "said ",
            ", ",
            "in ",
        ];
        let mut rng = crate::testgen::Rng::new(0x51c0_ffee);
        let (mut skipped, mut imperatives_only, mut calls) = (0, 0, 0);
        for round in 0..30_000 {
            let s = rng.text(&parts, 1 + round % 12);
            let mut buf = String::new();
            let f = block_features(&s, &mut buf);
            let mut walked = f.clone();
            walked.word_sets = WordSets::default();
            let got = is_call_to_action(&s, &f);
            assert_eq!(got, is_call_to_action(&s, &walked), "{s:?}");
            assert_eq!(got, plain_is_call_to_action(&s, &f), "{s:?}");
            let listed = f.may_hold_listed_word();
            let no_urging = !listed || f.word_sets.rules_out(WordSets::URGING);
            let no_imperative = !listed || f.word_sets.rules_out(WordSets::IMPERATIVE);
            imperatives_only += usize::from(no_urging && !no_imperative);
            if no_urging && no_imperative {
                skipped += 1;
                let signals = word_signals(f.folded.as_bytes());
                assert_eq!(
                    WordSignals {
                        second_person: false,
                        ..signals
                    },
                    WordSignals::default(),
                    "{s:?}"
                );
            }
            calls += usize::from(got);
        }
        assert!(
            skipped > 5_000 && imperatives_only > 2_000 && calls > 1_000,
            "{skipped} {imperatives_only} {calls}"
        );
    }

    #[test]
    fn calls_to_action_are_recognized() {
        for s in [
            "Subscribe to the Harbour Gazette and stay ahead of the tide.",
            "Want more boats? Subscribe to our sister title for the latest news from the docks!",
            "Join our reader forums to keep talking about the harbour! Tips: desk@example.org.",
            "Get the latest harbour news and ferry updates, and more!",
            "No spam, we promise. You can unsubscribe at any time.",
            "Email Ann Lee at alee@example.org or follow her @annlee.",
            "Do you enjoy our reporting? Click here to support it.",
            "Follow the Gazette on Instagram, Facebook and YouTube.",
            "Listen to the morning show live at 8:00 - or listen back here.",
            "Tell us what you think of our new look by taking this survey.",
        ] {
            assert!(cta(s), "{s}");
        }
    }

    #[test]
    fn news_prose_is_not_a_call_to_action() {
        for s in [
            "The company said it would ban political ads on Facebook and Twitter next year.",
            "Shares of the ferry operator fell 4% after the survey was published.",
            "Follow-up talks are planned for next week in the harbour office.",
            "“Subscribe to our channel!” the captain shouted at the crowd.",
            "Support for the bill grew on Twitter after the vote.",
            "Get-togethers at the harbour were cancelled.",
            "Follow the signs from here to the ferry landing over there",
            "The council will email residents about the new subscription fees.",
            "You will learn to speak anywhere: in a blog post, an email inbox, a webinar, a \
             podcast, on a stage, in a classroom full of strangers or inside the pages of a book.",
        ] {
            assert!(!cta(s), "{s}");
        }
    }
}
