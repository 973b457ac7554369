//! Property tests: the invariants of `tests/invariants.rs` on generated article-like text
//! (lines of words, names, speech verbs, quote marks of every kind, NBSP, zero-width and
//! control characters, blank lines, CRLF), on arbitrary strings and bytes, and under
//! arbitrary options. Failures are kept in `proptest-regressions/` (committed).

use crate::invariants::{
    check_crlf, check_decomposed_accents, check_doubled_spaces, check_parse, check_parse_bytes,
    check_parser_quotes, check_references, check_text,
};
use copydesk::normalize::clean;
use copydesk::{Normalization, Options, Parser, Utf8Policy};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

const WORDS: &[&str] = &[
    "the",
    "council",
    "voted",
    "to",
    "close",
    "bridge",
    "We",
    "had",
    "no",
    "choice",
    "U.S.",
    "1,000",
    "café",
    "cafe\u{301}",
    "ﬁne",
    "¨",
    "don't",
    "—",
    "…",
    "Mr.",
    "I",
    "a",
];
const NAMES: &[&str] = &[
    "Ann Lee",
    "Mayor Ann Lee",
    "Kremlin spokesman Dmitry Peskov",
    "Earnest",
    "O'Brien",
    "the statement",
    "one of the sources",
];
const VERBS: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added",
    "according to",
    "he said",
    "she said.",
    "Lee said.",
];
const MARKS: &[&str] = &[
    "\"", "“", "”", "„", "«", "»", "‘", "’", "``", "''", "'", "‹", "›", "「", "」",
];
const LINES: &[&str] = &[
    "By Jane Doe",
    "October 1, 2015",
    "Homs Media Center / AP",
    "Share this article",
    "Related News",
    "Russia, Syria | ISIL",
    "Advertisement",
    "© 2015 Al Jazeera",
    "Read more",
];
const BLANKS: &[&str] = &[
    " ", "\u{a0}", "\u{200b}", "\u{200d}", "\u{feff}", "\u{ad}", "\t", "\u{7}", "\u{2028}",
    "\u{3000}", "\u{202f}",
];
/// HTML character references, decoded or not, and what may stand beside them.
const REFERENCES: &[&str] = &[
    "&quot;",
    "&amp;",
    "&amp;quot;",
    "&#8220;",
    "&#x201D;",
    "&rsquo;",
    "&nbsp;",
    "&#101;",
    "&#769;",
    "&frac12;",
    "&shy;",
    "&#0;",
    "&#10;",
    "AT&T",
    "&amp;amp;amp;quot;",
    "&eacute;",
    "&",
    "&\u{8}nbsp;",
    "&#\u{200b}32;",
    "&hellip;",
    "&#xFF02;",
    ";",
    "#",
    "&#x1F600;",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(WORDS).prop_map(String::from),
        2 => select(NAMES).prop_map(String::from),
        2 => select(VERBS).prop_map(String::from),
        3 => select(MARKS).prop_map(String::from),
        1 => select(BLANKS).prop_map(String::from),
        1 => select(REFERENCES).prop_map(String::from),
        1 => "[,.;:!?()|•-]".prop_map(String::from),
        1 => "[a-zA-Z'’-]{1,12}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// One line: a known line, or tokens glued with spaces or nothing.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => select(LINES).prop_map(String::from),
        5 => vec((token(), prop::bool::weighted(0.8)), 0..24).prop_map(|toks| {
            let mut s = String::new();
            for (t, space) in toks {
                s.push_str(&t);
                if space {
                    s.push(' ');
                }
            }
            s
        }),
    ]
}

/// Article-like text with LF line ends only (blank lines, NBSP- and zero-width-only lines).
fn article_lf() -> impl Strategy<Value = String> {
    let sep = select(&["\n", "\n", "\n\n", "\n\n\n", "\n \u{a0}\n", "\n\u{200b}\n"][..]);
    vec((line(), sep), 1..16).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut s, (l, sep)| {
            s.push_str(&l);
            s.push_str(sep);
            s
        })
    })
}

/// Prose-like text spaced as a clean text is: lines of words, names, speech verbs, quote
/// marks and stops, each glued to the next by one space or nothing, some long enough to be
/// wrapped lines, parted by a line end or a blank line.
fn prose_lf() -> impl Strategy<Value = String> {
    prose_of(prop_oneof![
        6 => select(WORDS).prop_map(String::from),
        2 => select(NAMES).prop_map(String::from),
        2 => select(VERBS).prop_map(String::from),
        3 => select(MARKS).prop_map(String::from),
        1 => select(&[".", ",", ":", "?", "!"][..]).prop_map(String::from),
    ])
}

/// Lines of `piece`s, each glued to the next by one space or nothing, parted by a line end
/// or a blank line ([`prose_lf`]).
fn prose_of(piece: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = String> {
    let line = vec((piece, prop::bool::weighted(0.85)), 1..40).prop_map(|pieces| {
        let mut s = String::new();
        for (p, space) in pieces {
            if space && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&p);
        }
        s
    });
    let sep = select(&["\n", "\n", "\n", "\n\n"][..]);
    vec((line, sep), 1..12).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut s, (l, sep)| {
            s.push_str(&l);
            s.push_str(sep);
            s
        })
    })
}

/// Words with accents, for [`prose_accented`]: Latin letters of one and two accents,
/// Cyrillic and Greek ones, an accent no letter composes with, and mojibake of "é".
const ACCENTED: &[&str] = &[
    "café",
    "Zürich",
    "São Paulo",
    "Tiếng Việt",
    "naïve",
    "José García",
    "йод",
    "Ελλάδα",
    "ΐ",
    "x\u{301}",
    "LibÃ©ration",
    "ǖ",
];

/// [`prose_lf`] with accented words among its pieces.
fn prose_accented() -> impl Strategy<Value = String> {
    prose_of(prop_oneof![
        5 => select(WORDS).prop_map(String::from),
        3 => select(ACCENTED).prop_map(String::from),
        2 => select(NAMES).prop_map(String::from),
        2 => select(VERBS).prop_map(String::from),
        3 => select(MARKS).prop_map(String::from),
        1 => select(&[".", ",", ":", "?", "!", "\u{a0}"][..]).prop_map(String::from),
    ])
}

/// Article-like text with any line ends: LF, CRLF, lone CR, and a BOM now and then.
fn article() -> impl Strategy<Value = String> {
    (article_lf(), 0u8..4, any::<bool>()).prop_map(|(s, ends, bom)| {
        let s = match ends {
            0 => s,
            1 => s.replace('\n', "\r\n"),
            2 => s.replace('\n', "\r"),
            _ => s.replacen('\n', "\r\n", 3),
        };
        if bom {
            format!("\u{feff}{s}")
        } else {
            s
        }
    })
}

fn options() -> impl Strategy<Value = Options> {
    (
        select(&[Normalization::Nfc, Normalization::Nfkc, Normalization::None][..]),
        prop::option::of(0usize..4096),
        any::<bool>(),
        0usize..16,
        prop::option::of(0usize..512),
    )
        .prop_map(|(form, max, replace, lookback, max_quote)| {
            let mut o = Options::default()
                .with_normalization(form)
                .with_lookback_blocks(lookback)
                .with_utf8_policy(if replace {
                    Utf8Policy::Replace
                } else {
                    Utf8Policy::Reject
                });
            if let Some(max) = max {
                o = o.with_max_input_bytes(max);
            }
            if let Some(q) = max_quote {
                o = o.with_max_quote_bytes(q);
            }
            o
        })
}

proptest! {
    /// Spans in bounds, on char boundaries, ordered, non-overlapping; nothing lost; text is
    /// clean(input[span]); quotes in their block; deterministic; JSON round trip exact.
    #[test]
    fn article_like_text_keeps_the_invariants(text in article()) {
        let parser = Parser::default();
        check_parse(&parser, &text);
        check_parse_bytes(&parser, text.as_bytes());
        check_parser_quotes(&parser, &text);
    }

    /// The same text with CRLF instead of LF gives the same structure, spans mapped.
    #[test]
    fn crlf_gives_the_same_structure_as_lf(text in article_lf()) {
        check_crlf(&Parser::default(), &text);
    }

    /// The same text with its spaces doubled gives the same structure, spans mapped.
    #[test]
    fn doubled_spaces_give_the_same_structure(text in prose_lf()) {
        check_doubled_spaces(&Parser::default(), &text);
    }

    /// The same text with its accented letters decomposed (NFD) gives the same structure,
    /// spans mapped.
    #[test]
    fn decomposed_accents_give_the_same_structure(text in prose_accented()) {
        check_decomposed_accents(&Parser::default(), &text);
    }

    /// The same text with characters written as HTML character references (`&quot;`,
    /// `&rsquo;`, `&#8221;`, `&nbsp;`, …) gives the same structure, spans mapped.
    #[test]
    fn character_references_give_the_same_structure(text in prose_accented()) {
        check_references(&Parser::default(), &text);
    }

    /// Whatever the options, every entry point keeps its invariants.
    #[test]
    fn any_options_keep_the_invariants(o in options(), text in article()) {
        check_text(&Parser::new(o), &text);
    }

    /// Arbitrary strings, not only article-like ones.
    #[test]
    fn any_string_keeps_the_invariants(text in any::<String>()) {
        let parser = Parser::default();
        check_parse(&parser, &text);
        check_parser_quotes(&parser, &text);
    }

    /// Arbitrary bytes: a typed error at the right offset, or a repaired article.
    #[test]
    fn any_bytes_give_a_typed_error_or_an_article(bytes in vec(any::<u8>(), 0..256)) {
        check_parse_bytes(&Parser::default(), &bytes);
        check_parse_bytes(
            &Parser::new(Options::default().with_utf8_policy(Utf8Policy::Replace)),
            &bytes,
        );
    }

    /// Article-like text with a few bad bytes spliced in, under both UTF-8 policies.
    #[test]
    fn text_with_bad_bytes(text in article(), bad in vec((any::<prop::sample::Index>(), 0x80u8..=0xff), 1..4)) {
        let mut bytes = text.into_bytes();
        for (at, b) in bad {
            let i = at.index(bytes.len() + 1);
            bytes.insert(i, b);
        }
        check_parse_bytes(&Parser::default(), &bytes);
        check_parse_bytes(
            &Parser::new(Options::default().with_utf8_policy(Utf8Policy::Replace)),
            &bytes,
        );
    }

    /// Cleaning twice changes nothing, in every normalization form.
    #[test]
    fn clean_is_idempotent(raw in prop_oneof![any::<String>(), article()]) {
        for form in [Normalization::Nfc, Normalization::Nfkc, Normalization::None] {
            let once = clean(&raw, form).into_owned();
            prop_assert_eq!(clean(&once, form), once.as_str());
        }
    }

    /// The owned form equals the borrowed one, and two parsers agree.
    #[test]
    fn into_owned_and_fresh_parsers_agree(text in article()) {
        let a = copydesk::parse(&text);
        let b = Parser::new(Options::default()).parse(&text);
        prop_assert_eq!(&a, &b);
        if let Ok(a) = a {
            let owned = a.clone().into_owned();
            prop_assert_eq!(owned, a);
        }
    }
}
