//! The recognizers as they were before their prefilters, kept as references: the
//! prefilters must never change an answer, and the tests below check the new code against
//! these on a large set of generated lines.

use super::super::features::{block_features, Features};
use super::super::lexicon::{folded_words, lexicon};
use super::super::lexicon::{with_fold, Lexicon};
use super::{
    alnum_words, bracketed_credit, by_name, credit_mark_by_spacing, is_name_word, is_price,
    name_then_date_or_handle, tag_items, MAX_SOURCE_WORDS,
};

/// True when the block reads as a photo credit or a caption ending in a credit:
/// "Homs Media Center / AP", "Photo: Jane Doe/Reuters", "Whale expert J. Doe. Photograph:
/// Jane Roe for the Post", "(Photo: J. Doe)".
pub(super) fn is_credit(s: &str, f: &Features) -> bool {
    if is_bracketed_source(s, f) || is_gallery_caption(s) {
        return true;
    }
    if f.words == 0 || f.words > 45 || f.full_stop() && !f.folded.is_empty() && f.words > 12 {
        return false;
    }
    if f.folded.is_empty() {
        return false;
    }
    let lex = lexicon();
    // The folded words, as an iterator: the tests below stop early, and collecting them
    // was an allocation per block.
    let tokens = || folded_words(f.folded);
    let is_credit_word =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && lex.is_lowered("credit", w);
    // The raw words (runs of letters and digits), in one pass: is there a credit word, is
    // one of the first two a credit word, and the last two. Each raw word in lower case is
    // one of the folded words (`str::to_lowercase` differs from folding only at a final
    // `Σ`), so without a credit word among those the pass is skipped.
    let (mut any_credit, mut credit_first) = (false, false);
    let mut last_two: (Option<&str>, Option<&str>) = (None, None);
    if s.contains('Σ') || lex.may_hold_credit_word(f.folded) {
        for (i, w) in alnum_words(s).enumerate() {
            if is_credit_word(w) {
                any_credit = true;
                credit_first |= i < 2;
            }
            last_two = (last_two.1, Some(w));
        }
    }
    // A credit word marked as one: "Photograph: …", "(Photo: Jane Doe)", "Photo by …".
    let marked = any_credit && {
        let lower = s.to_lowercase();
        alnum_words(s).any(|w| {
            is_credit_word(w) && crate::lex::with_lower(w, |l| credit_mark_by_spacing(&lower, l))
        })
    };
    // A picture agency anywhere.
    let agency = tokens().any(|w| matches!(w, "getty" | "shutterstock" | "istock" | "istockphoto"));
    // "Image caption …", "Photo by …", "Credit Jane Doe".
    let at_start = credit_first
        && (f.words <= 6
            || tokens()
                .take(3)
                .any(|w| matches!(w, "caption" | "by" | "credit")));
    // "Name / AGENCY", "NAME/AGENCY/Getty Images".
    let slash = s.contains('/')
        && !f.linky()
        && tokens().any(|w| lex.is("wire", w) || lex.is("credit", w))
        && f.words <= 12;
    // "Media caption …", "Video caption …": a caption label of two words.
    let label = tokens().nth(1) == Some("caption") && f.words >= 3;
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
    marked || agency || at_start || slash || label || tail_word || bracketed_credit(s)
}

/// True for a short name in square brackets on its own line ("[The Daily Post]"): the
/// source of the passage above or below it, not prose.
fn is_bracketed_source(s: &str, f: &Features) -> bool {
    let s = s.trim();
    f.words <= MAX_SOURCE_WORDS
        && !f.sentence()
        && s.starts_with('[')
        && s.ends_with(']')
        && s.matches('[').count() == 1
}

/// True for a gallery caption led by its counter ("2 of 4 A shopper looks at…", or glued
/// to it: "2of4A shopper…").
fn is_gallery_caption(s: &str) -> bool {
    let s = s.trim_start();
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

/// "Jane Doe | Reuters", "Jane Doe, Reuters", "Jane Doe, Staff Reporter": a name of two to
/// four words, a separator, then a wire service or a reporter's title.
fn name_then_agency(lex: &Lexicon, s: &str) -> bool {
    let Some((name, tail)) = s.split_once(['|', ',', '—', '–']) else {
        return false;
    };
    let name_words = name.split_whitespace().count();
    if !(2..=4).contains(&name_words) || !name.split_whitespace().all(is_name_word) {
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

/// True when `s` (one block) is a byline: "By Jane Doe", "By Jane Doe and John Roe",
/// "Jane Doe, Reporter", "Jane Doe | Reuters", "Al Jazeera and wire services", "by Jane Doe
/// March 3, 2020". `f` are the block's features.
pub(super) fn is_byline(s: &str, f: &Features) -> bool {
    if f.words == 0 || f.words > 25 || f.full_stop() && f.words > 8 {
        return false;
    }
    let lex = lexicon();
    // "By …" in any of several languages, also as one part of "Site | date | By …". The
    // byline word ("By", "Par", "Story" of "Story by") is whole words of the block, so
    // its folded words rule out most blocks before any part is parsed.
    if lex.may_hold_byline_word(f.folded)
        && s.split(['|', '•'])
            .take(4)
            .any(|part| by_name(lex, part.trim()))
    {
        return true;
    }
    let folded = &f.folded;
    // "Our Foreign Staff", "Staff and agencies".
    if f.words <= 4 && (folded.ends_with(" staff") || folded.starts_with("staff ")) {
        return true;
    }
    // A date after the name has an ASCII digit, a handle an `@`.
    if (f.digits > 0 || s.contains('@')) && name_then_date_or_handle(s) {
        return true;
    }
    if folded.ends_with("wire services")
        || folded.ends_with("news agencies")
        || folded.ends_with("agencies") && f.words <= 6
    {
        return true;
    }
    f.words <= 8 && !f.terminal() && name_then_agency(lex, s)
}

/// Counts the tokens of a folded line that belong to date lines.
fn date_tokens(lex: &Lexicon, folded: &str) -> (usize, usize, bool, bool) {
    let (mut total, mut datey, mut month, mut number) = (0, 0, false, false);
    for w in folded_words(folded).filter(|w| !w.is_empty()) {
        total += 1;
        if lex.is("month", w) {
            datey += 1;
            month = true;
        } else if w.bytes().all(|b| b.is_ascii_digit()) {
            datey += 1;
            number = true;
        } else if lex.is("dateword", w)
            || w.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
                && w.bytes().take(2).all(|b| b.is_ascii_digit())
        {
            // "3rd", "12h36", "2pm".
            datey += 1;
        }
    }
    (total, datey, month, number)
}

/// True when `s` is a date or time line: "October 1, 2015", "Updated 3:57 PM ET",
/// "04.05.2015 à 13h36", "2017-03-10 09:58"; a price ("$39.99") is not one.
pub(super) fn is_date(s: &str, f: &Features) -> bool {
    if f.words == 0 || f.words > 16 || f.digits == 0 || f.folded.is_empty() || is_price(s) {
        return false;
    }
    // "2021年3月3日", "2021-03-10 09:58".
    if f.caseless_script() || f.letters <= 4 {
        let cjk = f.folded.contains('年') && f.folded.contains('月');
        if (cjk || f.letters == 0 && f.digits >= 6) && f.chars <= 40 {
            return true;
        }
    }
    let (total, datey, month, number) = date_tokens(lexicon(), f.folded);
    let numeric_date = f.digits >= 4 && f.letters <= 2 * f.digits;
    let relative = number && folded_words(f.folded).any(|w| w == "ago");
    (month && number || numeric_date || relative) && datey * 10 >= total * 7
}

/// True for a gallery or pager counter: "1 of 6", "3/12".
pub(super) fn is_counter(s: &str, f: &Features) -> bool {
    // Two numbers hold two ASCII digits at least: most blocks stop here.
    if f.digits < 2 {
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

/// True for a word that can be part of a person's name, decoded character by character
/// ([`super::is_name_word`] now tells ASCII words by their bytes).
fn is_name_word_by_chars(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | '"' | '“' | '”'));
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
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

/// True for a bare personal name, by two passes over its words and the char test of a
/// name word ([`super::is_bare_name`]).
fn is_bare_name(s: &str, f: &Features) -> bool {
    if !(2..=4).contains(&f.words) || f.terminal() || f.digits > 0 || f.reason.is_some() {
        return false;
    }
    s.split_whitespace().all(is_name_word_by_chars)
        && s.split_whitespace()
            .all(|w| w.chars().any(char::is_lowercase) || w.len() > 1)
}

/// Lines built from pieces that the recognizers look for (credit and wire words, names,
/// slashes, brackets, digits, separators, dashes, handles, non-ASCII letters), joined by
/// blanks or glued, from a fixed seed.
pub(super) fn generated_lines() -> Vec<String> {
    const PIECES: &[&str] = &[
        "//",
        "3/12",
        "1 of 6",
        "2 von 5",
        "By:",
        "by:",
        "Words",
        "words by",
        "Texto",
        "Von",
        "— By",
        "B.y",
        "By's",
        "©",
        "Photo",
        "photo",
        "Photograph:",
        "Image",
        "caption",
        "Caption",
        "by",
        "By",
        "Getty",
        "Images",
        "getty",
        "Shutterstock",
        "iStock",
        "AP",
        "Reuters",
        "AFP",
        "/",
        " / ",
        "(",
        ")",
        "[",
        "]",
        "Jane",
        "Doe",
        "Sam",
        "de",
        "Roe,",
        "van",
        "2",
        "of",
        "4",
        "12",
        "2020",
        ":",
        ".",
        "!",
        ",",
        "|",
        "•",
        "—",
        "–",
        "-",
        "@",
        "@jdoe",
        "jdoe@example.org",
        "http://x.com",
        "www.",
        "Staff",
        "staff",
        "Reporter",
        "reporter",
        "Σ",
        "ΣΑΣ",
        "Фото",
        "東京",
        "é",
        "Credit",
        "credit",
        "courtesy",
        "Submitted",
        "File",
        "the",
        "council",
        "said",
        "Tuesday",
        "March",
        "3",
        "ago",
        "hours",
        "1",
        "day",
        "wire",
        "services",
        "agencies",
        "Story",
        "Reporting",
        "Par",
        "Por",
        "\u{200B}",
        "Follow",
        "Subscribe",
        "here",
        "click",
        "you",
        "newsletter",
        "Twitter",
        "NEW",
        "DELHI:",
        "Ferry",
        "strike",
        "ends",
        "after",
        "talks",
        "\"",
        "“",
        "”",
        "Tags:",
        "Related",
        "News",
        "Russia,",
        "Syria",
        ";",
        "$39.99",
        "'",
        "3rd",
        "12h36",
        "2pm",
        "PM",
        "Newsagencies",
        "Staff.",
    ];
    let mut rng = crate::testgen::Rng::new(0x2545_f491);
    let mut next = move || rng.below(usize::MAX);
    let mut lines = Vec::new();
    for _ in 0..40_000 {
        let n = 1 + next() % 9;
        let mut s = String::new();
        for _ in 0..n {
            let glue = match next() % 6 {
                0 => "",
                1 => "  ",
                _ => " ",
            };
            if !s.is_empty() {
                s.push_str(glue);
            }
            s.push_str(PIECES[next() % PIECES.len()]);
        }
        lines.push(s);
    }
    lines
}

#[test]
fn credit_prefilters_keep_every_answer() {
    let mut credits = 0;
    for s in generated_lines() {
        let mut buf = String::new();
        let f = block_features(&s, &mut buf);
        let credit = is_credit(&s, &f);
        assert_eq!(super::is_credit(&s, &f), credit, "{s:?}");
        credits += usize::from(credit);
    }
    // The lines hit the recognizer often enough to test it.
    assert!(credits > 1_000, "{credits}");
}

#[test]
fn credit_word_tests_need_a_credit_word() {
    // `credit_by_word` tests these folded words: each must be one `may_hold_credit_word`
    // finds, or skipping it without one would lose a credit.
    for w in ["getty", "shutterstock", "istock", "istockphoto", "caption"] {
        assert!(lexicon().is("credit", w), "{w}");
        assert!(lexicon().may_hold_credit_word(w), "{w}");
        assert!(
            lexicon().may_hold_credit_word(&format!("jane doe {w} x")),
            "{w}"
        );
    }
}

#[test]
fn byline_prefilters_keep_every_answer() {
    let mut bylines = 0;
    for s in generated_lines() {
        let mut buf = String::new();
        let f = block_features(&s, &mut buf);
        let byline = is_byline(&s, &f);
        assert_eq!(super::is_byline(&s, &f), byline, "{s:?}");
        bylines += usize::from(byline);
    }
    assert!(bylines > 1_000, "{bylines}");
}

#[test]
fn name_then_agency_prefilter_keeps_every_answer() {
    let lex = lexicon();
    let mut hits = 0;
    for s in generated_lines() {
        let mut buf = String::new();
        let f = block_features(&s, &mut buf);
        let hit = name_then_agency(lex, &s);
        assert_eq!(super::name_then_agency(lex, &s, &f), hit, "{s:?}");
        hits += usize::from(hit);
    }
    assert!(hits > 50, "{hits}");
}

#[test]
fn date_prefilters_keep_every_answer() {
    let mut dates = 0;
    for s in generated_lines() {
        let mut buf = String::new();
        let f = block_features(&s, &mut buf);
        let date = is_date(&s, &f);
        assert_eq!(super::is_date(&s, &f), date, "{s:?}");
        dates += usize::from(date);
    }
    assert!(dates > 100, "{dates}");
}

/// [`super::is_tag_line_of_items`] by its definition: the items between the separators,
/// trimmed, the blank ones left out; each starts with a capital, a digit or a non-ASCII
/// character that is no letter, and has at most four words; at least two of them.
fn is_tag_line_of_items(s: &str) -> bool {
    let items: Vec<&str> = tag_items(s)
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    items.len() >= 2
        && items.iter().all(|i| {
            i.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic() && !c.is_ascii()
            }) && i.split_whitespace().count() <= 4
        })
}

#[test]
fn tag_line_walk_keeps_every_answer() {
    let mut tags = 0;
    let edges = [
        "Russia, Syria",
        "ISIL, Syria's War, War",
        "Moscow, which backs Assad, said so.",
        "A B C D, E",
        "A B C D E, F",
        "A, b",
        " , A,\u{a0}B\u{2003}C ,",
        "Été · Hiver",
        "été · Hiver",
        "日本, 東京 | Osaka",
        "★ Top • 1st;\u{b}Zed",
        "A\u{b}B\u{b}C\u{b}D\u{b}E, F",
        "A,\u{85}B",
        "A",
        ",,,",
        "",
        "(A), B",
        "Σ, Ω",
    ];
    for s in edges.iter().map(|s| s.to_string()).chain(generated_lines()) {
        let tag = is_tag_line_of_items(&s);
        assert_eq!(super::is_tag_line_of_items(&s), tag, "{s:?}");
        tags += usize::from(tag);
    }
    assert!(tags > 100, "{tags}");
}

/// Every line of up to six pieces among words, blanks and separators, ASCII or not, so that
/// the walk's skip over a word's ASCII bytes ([`super::TAG_WORD_BYTE`]) meets every
/// neighbour: a word's end at a blank, a separator, a character outside ASCII or the end.
#[test]
fn tag_line_walk_agrees_on_every_short_line() {
    const PIECES: &[&str] = &[
        "A", "b", "7", " ", ",", "|", ";", "\t", "é", "É", "•", "\u{a0}", "(",
    ];
    let (mut tags, mut line) = (0, String::new());
    for n in 0..=6u32 {
        for mut k in 0..PIECES.len().pow(n) {
            line.clear();
            for _ in 0..n {
                line.push_str(PIECES[k % PIECES.len()]);
                k /= PIECES.len();
            }
            let tag = is_tag_line_of_items(&line);
            assert_eq!(super::is_tag_line_of_items(&line), tag, "{line:?}");
            tags += usize::from(tag);
        }
    }
    assert!(tags > 10_000, "{tags}");
}

#[test]
fn counter_prefilter_keeps_every_answer() {
    let mut counters = 0;
    for s in generated_lines() {
        let mut buf = String::new();
        let f = block_features(&s, &mut buf);
        let counter = is_counter(&s, &f);
        assert_eq!(super::is_counter(&s, &f), counter, "{s:?}");
        counters += usize::from(counter);
    }
    // Counters with blanks, glued or with zero-width spaces around their words too.
    for s in [
        "1 of 6",
        "3/12",
        "\u{200B}1 of 6",
        "1 of 6\u{200B}",
        "1\u{200B} of 6",
        "12  of  140",
    ] {
        let mut buf = String::new();
        let f = block_features(s, &mut buf);
        assert_eq!(super::is_counter(s, &f), is_counter(s, &f), "{s:?}");
    }
    assert!(counters > 20, "{counters}");
}

#[test]
fn name_words_agree_with_the_char_test() {
    // Every word of up to four characters from the ones the test looks at (capitals,
    // small letters, the trimmed marks, the marks a name word may hold, a digit, non-ASCII
    // letters and quotes), each particle with marks around it, and the words of the
    // generated lines.
    let alphabet = [
        "A", "a", "Z", "z", ",", ".", "(", ")", "\"", "-", "'", "’", "“", "”", "1", "É", "é", "_",
        "@",
    ];
    let mut words: Vec<String> = vec![String::new()];
    let mut layer: Vec<String> = vec![String::new()];
    for _ in 0..4 {
        let mut next = Vec::new();
        for w in &layer {
            for c in alphabet {
                next.push(format!("{w}{c}"));
            }
        }
        words.extend(next.iter().cloned());
        layer = next;
    }
    for p in [
        "de", "da", "del", "della", "di", "van", "von", "der", "den", "la", "le", "al", "bin",
        "ibn", "dos", "das", "De", "dee", "d",
    ] {
        for (open, close) in [
            ("", ""),
            ("(", ")"),
            ("\"", "\","),
            ("“", "”"),
            (".", "."),
            ("", "-"),
        ] {
            words.push(format!("{open}{p}{close}"));
        }
    }
    for s in generated_lines() {
        words.extend(s.split_whitespace().map(str::to_string));
    }
    // Long words, about the 64 places the masks of `name_word_of_bytes` hold.
    for n in [61, 62, 63, 64, 65, 66, 80] {
        let b = "b".repeat(n);
        for w in [
            format!("A{}", &b[2..]),
            format!("A{}", &b[1..]),
            format!("A{b}"),
            format!("({}).", &b[4..]),
            format!("(A{}).", &b[4..]),
            format!("\"A{}1", &b[3..]),
            format!("A{},x", &b[3..]),
            format!("A{}.", &b[2..]),
            format!("{}de", ",".repeat(n - 2)),
            ".".repeat(n),
            format!("A{}é", &b[3..]),
        ] {
            words.push(w);
        }
    }
    let mut names = 0;
    for w in &words {
        let name = is_name_word_by_chars(w);
        assert_eq!(is_name_word(w), name, "{w:?}");
        names += usize::from(name);
    }
    assert!(names > 10_000, "{names}");
}

#[test]
fn bare_names_keep_every_answer() {
    let mut names = 0;
    let mut lines = generated_lines();
    for s in [
        "Sarah Archer",
        "Ana de la Torre",
        "A Doe",
        "J. Doe",
        "É. Zola",
        "Jo É",
    ] {
        lines.push(s.to_string());
    }
    for s in lines {
        let mut buf = String::new();
        let f = block_features(&s, &mut buf);
        let name = is_bare_name(&s, &f);
        assert_eq!(super::is_bare_name(&s, &f), name, "{s:?}");
        names += usize::from(name);
    }
    assert!(names > 100, "{names}");
}
