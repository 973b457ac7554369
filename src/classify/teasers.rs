//! Teasers for other stories that read like prose: a ticker item that runs a headline
//! into its story's dateline and lede in one block ("Deportees return home from US NEW
//! DELHI: Their American dream shattered…").
//!
//! A story's own paragraph may open with a dateline ("NEW DELHI: …"), but never carries one
//! after a title-like run of words: the dateline in the middle of a block, right after a
//! word with no punctuation, is the seam between a headline and the lede of another story.

use super::features::Features;

/// The fewest words of the title before the dateline.
const MIN_TITLE_WORDS: usize = 4;

/// The fewest words (as the features count them) of a block [`is_dateline_teaser`] can
/// accept: see there.
const MIN_FEATURE_WORDS: u32 = 4;

/// How far into a block the seam between headline and dateline may lie, in bytes other than
/// slack, `\r` and blanks after a blank ([`super::head_end`]; a cut inside a character just
/// leaves the whole block).
const HEAD_BYTES: usize = 240;

/// The most upper-case words of a dateline ("UNITED ARAB EMIRATES:").
const MAX_DATELINE_WORDS: usize = 3;

/// The fewest letters of a dateline (so that "US:" or "UK:" do not count).
const MIN_DATELINE_LETTERS: usize = 4;

/// True when `s` is a headline followed by the dateline and first words of its story (see
/// the module documentation). `f` are the block's features.
#[inline]
pub(crate) fn is_dateline_teaser(s: &str, f: &Features) -> bool {
    // The title's first and last words, the dateline's last word and the word after it
    // each hold a letter or digit, and blanks part them: four words the features count.
    // The dateline ends with a colon, which most blocks lack ([`Features::may_hold_colon`]).
    // Tested inline, the counts with one branch (both tests are pure): most blocks stop
    // here.
    (f.words >= MIN_FEATURE_WORDS) & f.may_hold_colon() && has_dateline_seam(s)
}

/// [`is_dateline_teaser`] once the block has words enough.
fn has_dateline_seam(s: &str) -> bool {
    // The seam is near the start: a headline is short. (The head is measured only when a
    // colon lies past its first `HEAD_BYTES` bytes, which it always holds, or the words
    // are read: [`super::head_end`] counts the slack bytes of a long block's first bytes,
    // and most blocks here, prose paragraphs, hold a colon or two only after a
    // lower-case word.)
    let head_of = || s.get(..super::head_end(s, HEAD_BYTES)).map_or(s, |h| h);
    let mut head: Option<&str> = None;
    // A dateline's colon follows a capital letter ("DELHI:"), not a lower-case word or a
    // digit ("said:", "12:45").
    //
    // A seam's word ends in a capital, `-` or `.` before its colon ([`caps`]). The colons
    // are looked at before the words are split: after a capital (a seam may be there), after
    // a character outside ASCII that is not a capital ("déclaré:", "сказал:") and after a
    // `-` or `.`. The words are read when a colon follows a capital, or when one follows a
    // `-` or `.` and another a character outside ASCII (what asking only for a capital or
    // a byte outside ASCII before a colon read them for).
    let colons = memchr::memchr_iter(b':', s.as_bytes())
        .take_while(|&p| p < HEAD_BYTES || p < head.get_or_insert_with(head_of).len());
    colons_may_hold_seam(s, colons) && seam_in_words(head.unwrap_or_else(head_of))
}

/// True when the colons of `s` at `colons` (in order) may hold a seam, for
/// [`has_dateline_seam`]: one follows a capital, or one follows a `-` or `.` and another a
/// character outside ASCII that is no capital.
fn colons_may_hold_seam(s: &str, colons: impl Iterator<Item = usize>) -> bool {
    let bytes = s.as_bytes();
    let (mut wide, mut mark) = (false, false);
    for p in colons {
        match p.checked_sub(1).map(|q| bytes[q]) {
            Some(b) if b.is_ascii_uppercase() => return true,
            Some(b'-' | b'.') => mark = true,
            Some(0x80..) => {
                if s[..p].chars().next_back().is_some_and(char::is_uppercase) {
                    return true;
                }
                wide = true;
            }
            _ => {}
        }
    }
    wide && mark
}

/// [`has_dateline_seam`] of `head` once its colons may hold a seam: its words read.
///
/// In one walk with the last few words at hand (the dateline's, and the title's last word
/// before them) rather than a list of them all: collected, the list was 2.2 allocations
/// per web page.
fn seam_in_words(head: &str) -> bool {
    let mut words = head.split_whitespace();
    // The title's first word: the text's first.
    let first_word = words.clone().next();
    // `back[j]`: the word `j` places before the one read (`""` before the first).
    let mut back = [""; MAX_DATELINE_WORDS + 1];
    let mut next = words.next();
    let mut i = 0usize;
    while let Some(w) = next {
        back.rotate_right(1);
        back[0] = w;
        next = words.next();
        if seam_at(i, &back, next, first_word) {
            return true;
        }
        i += 1;
    }
    false
}

/// [`seam_in_words`] at the word `i` (`back[0]`; the words before it in `back`), followed
/// by `next`, in a text whose first word is `first_word`: the word ends in a colon, the
/// next starts upper case, and one to three upper-case words ending here follow a title.
fn seam_at(
    i: usize,
    back: &[&str; MAX_DATELINE_WORDS + 1],
    next: Option<&str>,
    first_word: Option<&str>,
) -> bool {
    let Some(last) = back[0].strip_suffix(':') else {
        return false;
    };
    if caps(last) == 0 || !next.is_some_and(starts_upper) {
        return false;
    }
    // The dateline: one to three upper-case words ending here, the title before it.
    let mut letters = 0;
    (0..MAX_DATELINE_WORDS.min(i + 1)).any(|k| {
        let first = i - k;
        let add = if k == 0 { caps(last) } else { caps(back[k]) };
        if add == 0 {
            return false;
        }
        letters += add;
        // The title: the words before `first` (the last of them is `back[k + 1]`).
        letters >= MIN_DATELINE_LETTERS
            && first >= MIN_TITLE_WORDS
            && first_word.is_some_and(starts_upper)
            && ends_title(back[k + 1])
    })
}

/// Words that do not end a title: "… reviewed by NASA: …" is a sentence, not a headline
/// and a dateline.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "by", "from", "to", "at", "in", "on", "and", "or", "for", "with",
    "said", "says", "told", "as",
];

/// True when `w` can end a title: it ends in a letter or digit (not `.`, `,`, `"`: the end
/// of a sentence or clause), and it is not a function word.
fn ends_title(w: &str) -> bool {
    w.chars().next_back().is_some_and(char::is_alphanumeric)
        && !FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
}

/// The letters of `w` when it is an upper-case word (two or more letters, hyphens
/// allowed), else 0.
fn caps(w: &str) -> usize {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let only = w.chars().all(|c| c.is_uppercase() || c == '-' || c == '.');
    if letters >= 2 && only {
        letters
    } else {
        0
    }
}

fn starts_upper(w: &str) -> bool {
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::features::block_features;

    /// [`has_dateline_seam`] as it was before the head was measured only when needed: the
    /// colons of the measured head looked at.
    fn seam_in_measured_head(s: &str) -> bool {
        let head = s
            .get(..super::super::head_end(s, super::HEAD_BYTES))
            .map_or(s, |h| h);
        let colons = memchr::memchr_iter(b':', head.as_bytes());
        super::colons_may_hold_seam(head, colons) && super::seam_in_words(head)
    }

    /// The seam found with the head measured only when a colon lies past its first bytes
    /// is the one found in the measured head: random blocks of 0 to 600 bytes, with
    /// datelines, colons after every kind of byte, slack (doubled blanks, `\r`) and
    /// characters outside ASCII on both sides of the head's edge.
    #[test]
    fn the_head_is_measured_only_when_needed() {
        let parts = [
            "Storm Hits Coast ",
            "DELHI: ",
            "UNITED ARAB EMIRATES: ",
            "said: ",
            "12:45 ",
            "Été: ",
            "Москва: ",
            "сказал: ",
            "U.S.: ",
            "X-: ",
            "The ",
            "word ",
            "  ",
            "\r\n",
            "\u{a0}",
            "é",
            ":",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
        ];
        let mut rng = crate::testgen::Rng::new(0x5ea3_11e5);
        let mut seams = 0;
        for round in 0..20_000 {
            let s = rng.text(&parts, round % 40);
            let want = seam_in_measured_head(&s);
            assert_eq!(super::has_dateline_seam(&s), want, "{s:?}");
            seams += usize::from(want);
        }
        assert!(seams > 1_000, "{seams}");
    }

    /// The test of the colons before the words are read says what the one before round 19
    /// said (any colon after an ASCII capital or a byte outside ASCII) together with the
    /// words, on random heads of capitals, small letters, accented and Cyrillic letters of
    /// both cases, `-`, `.`, colons and blanks.
    #[test]
    fn colons_tell_what_the_byte_before_them_told() {
        // A title, a would-be dateline and its colon, the next word, and a tail with more
        // colons, each part drawn from words that make or spoil a seam.
        let title = [
            "Storm",
            "Hits",
            "Coast",
            "Été",
            "Москва",
            "said",
            "x",
            "12",
            "Ü",
        ];
        let dateline = [
            "NEW",
            "YORK",
            "ÉTÉ",
            "МОСКВА",
            "Delhi",
            "сказал",
            "A",
            "-",
            ".",
        ];
        let colon = [":", " :", "-:", ".:", "é:", "É:", "Д:", "д:", ""];
        let next = [" Rain", " rain", " Ёлка", " 5", "", " x"];
        let tail = [
            "", " said:", " été:", " ÉTÉ:", " -:", " x.:", " 12:45", " a", "  ",
        ];
        let mut rng = crate::testgen::Rng::new(0x00da_7e11);
        let mut seams = 0;
        for _ in 0..20_000 {
            let mut head = String::new();
            for _ in 0..1 + rng.below(4) {
                head.push_str(rng.pick(&title));
                head.push(' ');
            }
            for k in 0..1 + rng.below(3) {
                if k > 0 {
                    head.push(' ');
                }
                head.push_str(rng.pick(&dateline));
            }
            head.push_str(rng.pick(&colon));
            head.push_str(rng.pick(&next));
            head.push_str(rng.pick(&tail));
            head.push_str(rng.pick(&tail));
            let bytes = head.as_bytes();
            let before = memchr::memchr_iter(b':', bytes)
                .any(|p| p > 0 && (bytes[p - 1].is_ascii_uppercase() || bytes[p - 1] >= 0x80));
            let want = before && super::seam_in_words(&head);
            assert_eq!(super::has_dateline_seam(&head), want, "{head:?}");
            seams += usize::from(want);
        }
        assert!(seams > 100, "{seams}");
    }

    /// [`super::seam_in_words`] as it was before round 23: over a list of the words.
    fn seam_in_listed_words(head: &str) -> bool {
        use super::{caps, ends_title, starts_upper};
        let words: Vec<&str> = head.split_whitespace().collect();
        words.iter().enumerate().any(|(i, w)| {
            let Some(last) = w.strip_suffix(':') else {
                return false;
            };
            if caps(last) == 0 || !words.get(i + 1).is_some_and(|w| starts_upper(w)) {
                return false;
            }
            let mut letters = 0;
            (0..super::MAX_DATELINE_WORDS.min(i + 1)).any(|k| {
                let first = i - k;
                let add = if k == 0 {
                    caps(last)
                } else {
                    caps(words[first])
                };
                if add == 0 {
                    return false;
                }
                letters += add;
                let title = &words[..first];
                letters >= super::MIN_DATELINE_LETTERS
                    && title.len() >= super::MIN_TITLE_WORDS
                    && title.first().is_some_and(|w| starts_upper(w))
                    && title.last().is_some_and(|w| ends_title(w))
            })
        })
    }

    /// The walk with the last few words at hand finds what the search over a list of all
    /// the words found, on random texts of titles, datelines, colons and function words.
    #[test]
    fn seam_walk_is_the_listed_search() {
        let parts = [
            "Storm",
            "storm",
            "Hits",
            "the",
            "of",
            "Coast",
            "NEW",
            "YORK:",
            "YORK",
            "UK:",
            "ÉTÉ:",
            "МОСКВА:",
            "A-B:",
            "NEWS:",
            "x:",
            ":",
            "Rain",
            "rain",
            "5",
            "Ёлка",
            "  ",
            "\n",
            "UNITED",
            "ARAB",
            "EMIRATES:",
            "The",
        ];
        let mut rng = crate::testgen::Rng::new(0x5ea3);
        let mut seams = 0;
        for _ in 0..20_000 {
            let mut head = String::new();
            for _ in 0..rng.below(14) {
                head.push_str(rng.pick(&parts));
                head.push(' ');
            }
            let want = seam_in_listed_words(&head);
            assert_eq!(super::seam_in_words(&head), want, "{head:?}");
            seams += usize::from(want);
        }
        assert!(seams > 100, "{seams}");
    }

    fn is_dateline_teaser(s: &str) -> bool {
        super::is_dateline_teaser(s, &block_features(s, &mut String::new()))
    }

    #[test]
    fn a_headline_run_into_a_dateline_is_a_teaser() {
        for s in [
            "Ferry strike ends after two weeks of talks HARBOURTON: The ferry crews went back \
             to work on Monday after the union accepted a new offer.",
            "Deportees return home from abroad NEW DELHI: Their dreams shattered, nearly 150 \
             people returned home on Tuesday.",
            "Harbour man pleads guilty to fraud in US NEW YORK: A man from the harbour has \
             pleaded guilty to theft.",
        ] {
            assert!(is_dateline_teaser(s), "{s}");
        }
    }

    #[test]
    fn story_paragraphs_with_datelines_or_capitals_are_not() {
        for s in [
            "HARBOURTON: The ferry crews went back to work on Monday.",
            "The crews went back to work, said the union. HARBOURTON: more talks are planned.",
            "Officials of the NATO alliance said: More ships will come next year.",
            "The report by NASA: A review of the lunar lander programme was published today.",
            "The union leader said the US: Many other countries have similar rules.",
            "The lander report published by NASA: A review of the programme came out today.",
        ] {
            assert!(!is_dateline_teaser(s), "{s}");
        }
    }

    #[test]
    fn the_head_does_not_count_carriage_returns() {
        // A dateline swept across the end of the head (the first HEAD_BYTES bytes), with
        // a title hard-wrapped over 1-3 lines before it: the CRLF block is a teaser when
        // the LF one is. (Counted in bytes, the CRLF head was a byte shorter a line end,
        // and cut off a seam the LF head held.)
        let (teasers, others) = crate::testgen::crlf_sweep(
            100..230,
            |lines, pad| {
                format!(
                    "Ferry strike {}{} ends HARBOURTON: The crews went back to work.",
                    "ends after talks\n".repeat(lines),
                    "x".repeat(pad)
                )
            },
            is_dateline_teaser,
        );
        assert!(
            teasers > 20 && others > 20,
            "{teasers} teasers, {others} others"
        );
    }
}
