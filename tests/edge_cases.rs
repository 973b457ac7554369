//! Bad and odd input, as data: each case gets a typed `Error` (kind, code, span and message
//! pinned here) or a well-formed `Article` (every invariant checked). The cases do not pin
//! labels, which the classify stage decides.

use crate::invariants::{
    check, check_blanks, check_parse, check_parse_bytes, check_text, diagnostic_spans,
};
use copydesk::normalize::is_blank;
use copydesk::{DiagnosticKind, ErrorKind, Normalization, Options, Parser, Span, Utf8Policy};

/// Input bytes, the options' max size and UTF-8 policy, and what must come out.
struct ErrCase {
    name: &'static str,
    input: &'static [u8],
    max: Option<usize>,
    policy: Utf8Policy,
    kind: ErrorKind,
    code: &'static str,
    span: Option<Span>,
    message: &'static str,
}

const fn err(
    name: &'static str,
    input: &'static [u8],
    kind: ErrorKind,
    code: &'static str,
    span: Option<Span>,
    message: &'static str,
) -> ErrCase {
    ErrCase {
        name,
        input,
        max: None,
        policy: Utf8Policy::Reject,
        kind,
        code,
        span,
        message,
    }
}

fn error_cases() -> Vec<ErrCase> {
    vec![
        err("empty", b"", ErrorKind::Empty, "empty", None, "input is empty"),
        err(
            "spaces and newlines",
            b"  \n\t \r\n",
            ErrorKind::WhitespaceOnly { len: 7 },
            "whitespace_only",
            None,
            "input holds only whitespace (7 bytes)",
        ),
        err(
            "no-break spaces written as character references",
            b"&nbsp;\n &#160;&amp;nbsp;\n",
            ErrorKind::WhitespaceOnly { len: 25 },
            "whitespace_only",
            None,
            "input holds only whitespace (25 bytes)",
        ),
        err(
            "references to white space spelt with a control character inside",
            b"&\x08nbsp;\n&#\x0832;\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08\x08&nbsp;",
            ErrorKind::WhitespaceOnly { len: 32 },
            "whitespace_only",
            None,
            "input holds only whitespace (32 bytes)",
        ),
        err(
            "nbsp, zero-width and a lone cr",
            "\u{a0}\u{200b}\u{2060}\r".as_bytes(),
            ErrorKind::WhitespaceOnly { len: 9 },
            "whitespace_only",
            None,
            "input holds only whitespace (9 bytes)",
        ),
        err(
            "a bom alone",
            "\u{feff}".as_bytes(),
            ErrorKind::WhitespaceOnly { len: 3 },
            "whitespace_only",
            None,
            "input holds only whitespace (3 bytes)",
        ),
        err(
            "control characters only",
            b"\x07\x1b\x08\x7f\x0b\x0c",
            ErrorKind::WhitespaceOnly { len: 6 },
            "whitespace_only",
            None,
            "input holds only whitespace (6 bytes)",
        ),
        err(
            "nul byte",
            b"ab\0c",
            ErrorKind::NulByte { offset: 2 },
            "nul_byte",
            Some(Span::new(2, 3)),
            "nul byte at byte 2: input looks like binary data, not text",
        ),
        err(
            "nul byte at the start",
            b"\0Headline",
            ErrorKind::NulByte { offset: 0 },
            "nul_byte",
            Some(Span::new(0, 1)),
            "nul byte at byte 0: input looks like binary data, not text",
        ),
        err(
            "invalid utf-8",
            b"Bad \xff byte",
            ErrorKind::InvalidUtf8 { offset: 4 },
            "invalid_utf8",
            Some(Span::new(4, 5)),
            "invalid utf-8 at byte 4 (set Utf8Policy::Replace to repair it)",
        ),
        err(
            "truncated sequence at the end",
            b"Caf\xc3",
            ErrorKind::InvalidUtf8 { offset: 3 },
            "invalid_utf8",
            Some(Span::new(3, 4)),
            "invalid utf-8 at byte 3 (set Utf8Policy::Replace to repair it)",
        ),
        err(
            "utf-16 text",
            b"\xff\xfeH\0e\0a\0d\0",
            ErrorKind::InvalidUtf8 { offset: 0 },
            "invalid_utf8",
            Some(Span::new(0, 1)),
            "invalid utf-8 at byte 0 (set Utf8Policy::Replace to repair it)",
        ),
        err(
            "binary garbage (a png header)",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            ErrorKind::InvalidUtf8 { offset: 0 },
            "invalid_utf8",
            Some(Span::new(0, 1)),
            "invalid utf-8 at byte 0 (set Utf8Policy::Replace to repair it)",
        ),
        err(
            "valid utf-8 binary (an elf header)",
            b"\x7fELF\x02\x01\x01\0\0\0",
            ErrorKind::NulByte { offset: 7 },
            "nul_byte",
            Some(Span::new(7, 8)),
            "nul byte at byte 7: input looks like binary data, not text",
        ),
        ErrCase {
            max: Some(3),
            ..err(
                "over the size limit",
                b"abcd",
                ErrorKind::TooLarge { len: 4, limit: 3 },
                "too_large",
                None,
                "input is 4 bytes, over the limit of 3 bytes (raise it with Options::with_max_input_bytes)",
            )
        },
        ErrCase {
            max: Some(0),
            ..err(
                "zero limit",
                b"a",
                ErrorKind::TooLarge { len: 1, limit: 0 },
                "too_large",
                None,
                "input is 1 bytes, over the limit of 0 bytes (raise it with Options::with_max_input_bytes)",
            )
        },
        ErrCase {
            max: Some(5),
            ..err(
                "over the limit and invalid: the size is checked first",
                b"\xff\xff\xff\xff\xff\xff",
                ErrorKind::TooLarge { len: 6, limit: 5 },
                "too_large",
                None,
                "input is 6 bytes, over the limit of 5 bytes (raise it with Options::with_max_input_bytes)",
            )
        },
        // Found by the parse_bytes fuzz target: under Replace the NUL offset was the one in the
        // repaired copy (each bad byte becomes three), pointing past the NUL or past the end.
        ErrCase {
            policy: Utf8Policy::Replace,
            ..err(
                "nul after invalid utf-8, under replace",
                b"text with a n\xc2( \0 byte",
                ErrorKind::NulByte { offset: 16 },
                "nul_byte",
                Some(Span::new(16, 17)),
                "nul byte at byte 16: input looks like binary data, not text",
            )
        },
    ]
}

#[test]
fn errors_are_typed_and_pinned() {
    for case in error_cases() {
        let mut options = Options::default().with_utf8_policy(case.policy);
        if let Some(max) = case.max {
            options = options.with_max_input_bytes(max);
        }
        let parser = Parser::new(options);
        let got = parser.parse_bytes(case.input);
        let e = match got {
            Err(e) => e,
            Ok(a) => panic!("{}: parsed, expected {:?}: {a:?}", case.name, case.kind),
        };
        assert_eq!(e.kind(), &case.kind, "{}: kind", case.name);
        assert_eq!(e.code(), case.code, "{}: code", case.name);
        assert_eq!(e.span(), case.span, "{}: span", case.name);
        assert_eq!(e.to_string(), case.message, "{}: message", case.name);
        // The &str entry point agrees where the input is text.
        if let Ok(text) = std::str::from_utf8(case.input) {
            assert_eq!(parser.parse(text).unwrap_err(), e, "{}: parse", case.name);
            assert_eq!(parser.quotes(text).unwrap_err(), e, "{}: quotes", case.name);
        }
        check_parse_bytes(&parser, case.input);
    }
}

#[test]
fn errors_are_small_and_std_errors() {
    fn is_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    let e = copydesk::parse("").unwrap_err();
    is_error(&e);
    assert!(std::mem::size_of::<copydesk::Error>() <= 32);
}

/// Texts that must give a well-formed article (or, where noted, a quote list).
fn article_cases() -> Vec<(&'static str, String)> {
    let para = "The city council voted on Tuesday to close the old bridge after inspectors found cracks in two piers.";
    vec![
        ("one word", "Word".into()),
        ("one character", "x".into()),
        ("one multibyte character", "é".into()),
        ("combining mark alone", "\u{301}".into()),
        ("a number", "42".into()),
        ("emoji only", "🎉🎉🎉\n\n👍🏽".into()),
        ("lf", format!("Headline\n\nBy Jane Doe\n\n{para}\n")),
        ("crlf", format!("Headline\r\n\r\nBy Jane Doe\r\n\r\n{para}\r\n")),
        ("lone cr", format!("Headline\r\rBy Jane Doe\r\r{para}\r")),
        ("mixed line ends", format!("Headline\r\n\nBy Jane Doe\r\r\n{para}\n\r")),
        ("bom", format!("\u{feff}Headline\n\n{para}")),
        ("bom then blank lines", format!("\u{feff}\n\n\n{para}")),
        ("two boms", format!("\u{feff}\u{feff}Headline\n\n{para}")),
        ("nbsp", format!("Head\u{a0}line\u{a0}\n\u{a0}\n{}", para.replace(' ', "\u{a0}"))),
        ("zero-width", format!("Head\u{200b}line\n\u{200b}\n{}", para.replace(' ', " \u{200c}"))),
        ("zero-width joiners inside emoji", "👨\u{200d}👩\u{200d}👧 family\n\nText.".into()),
        ("soft hyphens", "Inter\u{ad}national\u{ad} news\n\nMore.".into()),
        ("control characters", "Bell \u{7} and \u{1b}[31mred\u{1b}[0m text\n\nTab\there\u{c}form feed".into()),
        ("unicode line separators", format!("Headline\u{2028}Second\u{2029}{para}\u{85}End")),
        ("straight quotes", format!("\"We had no choice,\" said Mayor Ann Lee. \"Safety comes first.\"\n\n{para}")),
        ("curly quotes", "“We had no choice,” she said. “Safety comes first.”".into()),
        ("mixed quotes in one quotation", "“We had no choice,\" she said. \"Safety comes first.”".into()),
        ("nested quotes", "“He told me ‘never again’ and left,” she said.".into()),
        ("guillemets", "« Nous avons gagné », a dit le maire.\n\n»Wir haben gewonnen«, sagte er.".into()),
        ("low-9 quotes", "„Wir haben gewonnen“, sagte er. ‚Einfach‘ so.".into()),
        ("tex quotes", "``We had no choice,'' she said.".into()),
        ("unbalanced open quote", format!("\"This quote never ends, she said.\n\n{para}")),
        ("unbalanced close quote", "This quote never started,\" she said.".into()),
        ("multi-paragraph quotation", "\"First part of the quote.\n\n\"Second part of it,\" he said.".into()),
        ("apostrophes only", "Don't stop. It's the council's rock’n’roll. ’90s.".into()),
        ("quote marks only", "\"\"\"\"“”“”‘’«»„\n\n\"\n\n”".into()),
        ("empty quotes", "He said \"\" and “ ” and « ».".into()),
        ("he said without quotes", "he said. she said. they said in a statement.".into()),
        (
            "hard-wrapped paragraphs",
            "The council voted on Tuesday to close the old bridge to all traffic\n\
             after inspectors found cracks in two of its supporting piers, the\n\
             mayor said in a statement released late in the evening.\n\n\
             \"We had no choice,\" the mayor said. \"Safety comes first, and the\n\
             piers are not safe.\"\n"
                .into(),
        ),
        (
            "single-newline blocks",
            format!("Headline\nBy Jane Doe\nOctober 1, 2015\nHoms Media Center / AP\n{para}\n{para}\nShare this article\n"),
        ),
        ("boilerplate only", "Share this article\nSign up for our newsletter\nAdvertisement\n© 2015 Al Jazeera".into()),
        ("tags only", "Related News\n\nRussia, Syria\nISIL, Syria's War, War".into()),
        ("not an article: json", r#"{"id": 1, "text": "hello", "list": [1, 2, 3]}"#.into()),
        ("not an article: html", "<html><head><title>x</title></head><body><p>Hi</p></body></html>".into()),
        ("not an article: csv", "id,name,value\n1,a,2\n2,b,3\n".into()),
        ("not an article: code", "fn main() {\n    println!(\"hi\");\n}\n".into()),
        ("right-to-left text", "مرحبا بالعالم\n\n«قال المتحدث» إن الوضع صعب.".into()),
        ("cjk text and quotes", "「我们别无选择」，市长说。\n\n东京电视台报道。".into()),
        ("decomposed accents", "Cafe\u{301} de\u{301}cor\n\nE\u{301}te\u{301}.".into()),
        ("compatibility characters", "ﬁne ﬂour Ｆｕｌｌ ¨ ´ ¸ ™ ½".into()),
        ("replacement character", "Broken \u{fffd} text\n\n\u{fffd}".into()),
        ("private use and noncharacters", "\u{e000}\u{fdd0}\u{10ffff} end".into()),
        ("surrogate-free astral plane", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕥𝕖𝕩𝕥".into()),
        ("blank lines of spaces and nbsp", format!("A\n \u{a0} \n\u{3000}\n{para}")),
        ("trailing whitespace everywhere", format!("  Headline  \n\n   {para}   \n\n  ")),
        ("very long word", "x".repeat(100_000)),
        ("very long line", format!("{para} ").repeat(2_000)),
        ("many blank lines", format!("{}{para}{}", "\n".repeat(50_000), "\r\n".repeat(50_000))),
        ("many one-character lines", "a\n".repeat(50_000)),
        ("many quote marks", "\"".repeat(100_000)),
        ("alternating quote marks", "“‘".repeat(30_000)),
        ("many said", "he said, ".repeat(20_000)),
        ("many unbalanced quotes", "\"open and never closed, he said.\n\n".repeat(5_000)),
        ("many character references", "&quot;&amp;quot;&nbsp;&#8220;".repeat(20_000)),
        ("many ampersands", "&".repeat(100_000)),
        ("a reference before every accent", "&#101;\u{301}&eacute;\u{200b}\u{301} ".repeat(5_000)),
    ]
}

#[test]
fn odd_inputs_give_well_formed_articles() {
    let parser = Parser::default();
    for (name, text) in article_cases() {
        let article = check_parse(&parser, &text)
            .unwrap_or_else(|| panic!("{name}: rejected: {:?}", parser.parse(&text)));
        // Cleaned text never carries line ends, NBSP, zero-width or control characters.
        for (t, span) in crate::invariants::element_texts(&article) {
            assert!(
                !t.chars().any(|c| is_blank(c) && c != ' '),
                "{name}: text of {span:?} keeps a blank character: {t:?}"
            );
            assert_eq!(t.trim(), t, "{name}: text of {span:?} is not trimmed");
        }
        if article.body.is_empty() {
            assert!(
                article
                    .diagnostics
                    .iter()
                    .any(|d| d.kind == DiagnosticKind::NoBody),
                "{name}: no body and no NoBody diagnostic"
            );
        }
        if text.len() <= 200_000 {
            check_text(&parser, &text);
        }
    }
}

#[test]
fn every_normalization_keeps_the_invariants() {
    for form in [Normalization::Nfc, Normalization::Nfkc, Normalization::None] {
        let parser = Parser::new(Options::default().with_normalization(form));
        for (_, text) in article_cases()
            .into_iter()
            .filter(|(_, t)| t.len() < 20_000)
        {
            check_text(&parser, &text);
        }
    }
}

#[test]
fn bom_offsets_count_the_bom() {
    let text = "\u{feff}Headline\n\nBody.";
    let article = copydesk::parse(text).unwrap();
    let top = article.top_level();
    assert_eq!(top[0].1.start, 3, "the first element starts after the BOM");
    assert_eq!(top[0].1.get(text), Some("Headline"));
    let bytes = copydesk::parse_bytes(text.as_bytes()).unwrap();
    assert_eq!(bytes, article);
}

#[test]
fn crlf_gives_the_same_texts_as_lf() {
    let lf =
        "Headline\n\nBy Jane Doe\n\n\"We had no choice,\" said Mayor Ann Lee.\nA second line.\n";
    let crlf = lf.replace('\n', "\r\n");
    let a = copydesk::parse(lf).unwrap();
    let b = copydesk::parse(&crlf).unwrap();
    let texts = |x: &copydesk::Article<'_>| -> Vec<String> {
        crate::invariants::element_texts(x)
            .into_iter()
            .map(|(t, _)| t.to_owned())
            .collect()
    };
    assert_eq!(texts(&a), texts(&b));
    assert!(texts(&b).iter().all(|t| !t.contains('\r')));
}

#[test]
fn invalid_utf8_under_replace_maps_spans_to_the_bytes() {
    let bytes = b"Head\xffline\n\nBody with \xe2\x80 a cut sequence.\n\n\xc0\xaf";
    let parser = Parser::new(Options::default().with_utf8_policy(Utf8Policy::Replace));
    let article = parser.parse_bytes(bytes).unwrap();
    let replaced = diagnostic_spans(&article, DiagnosticKind::ReplacedInvalidUtf8);
    // The two sequences at the end (`\xc0`, `\xaf`: two U+FFFD in the text) touch, and make
    // one diagnostic.
    assert_eq!(
        replaced,
        [Span::new(4, 5), Span::new(21, 23), Span::new(41, 43)]
    );
    let top = article.top_level();
    assert_eq!(top.first().map(|t| t.1.start), Some(0));
    assert_eq!(top.last().map(|t| t.1.end), Some(bytes.len()));
    check_parse_bytes(&parser, bytes);
}

/// The diagnostics of replaced bytes go among the others in span order (they were put
/// after them).
#[test]
fn replaced_bytes_diagnostics_are_in_span_order() {
    let bytes = b"\xffHeadline of the day\n\nThe council said \"it would wait.\n\nA \x01 mark, \xfe\xfe and more text here.";
    let parser = Parser::new(Options::default().with_utf8_policy(Utf8Policy::Replace));
    let article = parser.parse_bytes(bytes).unwrap();
    let kinds: Vec<_> = article
        .diagnostics
        .iter()
        .map(|d| (d.kind, d.span))
        .collect();
    assert_eq!(
        kinds,
        [
            (DiagnosticKind::ReplacedInvalidUtf8, Span::new(0, 1)),
            (DiagnosticKind::UnbalancedQuote, Span::new(39, 54)),
            (DiagnosticKind::ControlCharacters, Span::new(58, 59)),
            (DiagnosticKind::ReplacedInvalidUtf8, Span::new(66, 68)),
        ]
    );
    check_parse_bytes(&parser, bytes);
}

#[test]
fn replace_does_not_hold_the_repaired_copy_to_the_limit() {
    // Four bad bytes become twelve bytes of U+FFFD; the input itself is within the limit.
    let parser = Parser::new(
        Options::default()
            .with_utf8_policy(Utf8Policy::Replace)
            .with_max_input_bytes(4),
    );
    let article = parser.parse_bytes(b"\xff\xff\xff\xff").unwrap();
    assert_eq!(article.top_level()[0].1, Span::new(0, 4));
    check_parse_bytes(&parser, b"\xff\xff\xff\xff");
}

#[test]
fn quotes_entry_point_on_odd_inputs() {
    let parser = Parser::default();
    for (_, text) in article_cases() {
        crate::invariants::check_parser_quotes(&parser, &text);
    }
}

/// A look-back of any size, `usize::MAX` included (where a block number plus the look-back
/// wrapped round, leaving every earlier person out of the window: "she" was not resolved,
/// and debug builds panicked), resolves a pronoun as a large one does.
#[test]
fn any_lookback_resolves_as_a_large_one() {
    let text = "Council votes to close the old bridge\n\n\
                The city council voted on Tuesday to close the old bridge after inspectors found cracks.\n\n\
                \"We had no choice,\" said Mayor Ann Lee.\n\n\
                \"Safety comes first,\" she said.\n";
    for lookback in [6, 1_000_000_000, usize::MAX - 1, usize::MAX] {
        let parser = Parser::new(Options::default().with_lookback_blocks(lookback));
        let article = parser.parse(text).expect("parses");
        check(text, &article, Normalization::Nfc);
        let speakers: Vec<_> = article
            .quotes
            .iter()
            .map(|q| q.attribution.as_ref().map(|a| a.speaker.as_ref()))
            .collect();
        assert_eq!(
            speakers,
            [Some("Ann Lee"), Some("Ann Lee")],
            "lookback {lookback}"
        );
    }
}

/// A 20 MB article built in the test: parses (no size error under the default limit) and
/// keeps the invariants. No timing assert: the scaling benches watch the speed.
#[test]
fn huge_input() {
    let unit = "Council votes to close the old bridge\n\nBy Jane Doe\n\n\
                The city council voted on Tuesday to close the old bridge after inspectors found cracks in two piers.\n\n\
                \"We had no choice,\" said Mayor Ann Lee. \"Safety comes first.\"\n\n\
                “It is a sad day,” she said, according to a statement.\n\n";
    let text = unit.repeat(20_000_000 / unit.len() + 1);
    assert!(text.len() > 20_000_000);
    let article = copydesk::parse(&text).expect("a 20 MB article parses");
    check(&text, &article, Normalization::Nfc);
    // And a limit just under its size rejects it.
    let small = Parser::new(Options::default().with_max_input_bytes(text.len() - 1));
    assert!(matches!(
        small.parse(&text).unwrap_err().kind(),
        ErrorKind::TooLarge { .. }
    ));
}

/// A paragraph of 8.4 MB (over the 8 MB from which the classifier hashes a block's folded
/// text piece by piece instead of keeping it whole), and the same paragraph again after
/// another: the first is body text, the second is set aside as a duplicate, as short
/// paragraphs are.
#[test]
fn huge_repeated_paragraph_is_a_duplicate() {
    let sentence = "The council met on Tuesday to discuss the budget for the coming year, and \
                    members argued over the cost of repairs to the old bridge. ";
    let big = sentence.repeat(64_000);
    let big = big.trim_end();
    let text = format!(
        "Council argues over bridge repairs\n\nBy Jane Doe\n\n{big}\n\n\
         The meeting ended late in the evening.\n\n{big}\n"
    );
    let article = copydesk::parse(&text).expect("parses");
    check(&text, &article, Normalization::Nfc);
    let first = text.find(big).expect("first copy");
    let second = text.rfind(big).expect("second copy");
    assert!(second > first);
    let body: Vec<Span> = article.body.iter().map(|b| b.span()).collect();
    assert_eq!(body.first(), Some(&Span::new(first, first + big.len())));
    assert!(!body.contains(&Span::new(second, second + big.len())));
    assert!(article.boilerplate.iter().any(|b| {
        b.span == Span::new(second, second + big.len())
            && b.reason == copydesk::BoilerplateReason::Duplicate
    }));
}

#[test]
fn control_characters_are_reported_not_silently_dropped() {
    // A BOM shifts every span by three bytes; the escape sequence and the C1 control are
    // left out of the element text, and each run is reported where it stands in the input.
    let text = "\u{feff}Storm \u{1b}[1mwarning\u{1b}[0m for the coast\n\nForecasters said the storm would reach the coast on Friday\u{85}and stay\u{9c}\u{7f} there.";
    let article = copydesk::parse(text).unwrap();
    let runs: Vec<&str> = diagnostic_spans(&article, DiagnosticKind::ControlCharacters)
        .into_iter()
        .map(|span| &text[std::ops::Range::from(span)])
        .collect();
    assert_eq!(runs, ["\u{1b}", "\u{1b}", "\u{9c}\u{7f}"]);
    assert!(article
        .top_level()
        .iter()
        .all(|(_, span)| !text[std::ops::Range::from(*span)].is_empty()));
    let body = &article.paragraphs().next().unwrap().text;
    assert!(body.ends_with("on Friday and stay there."), "{body}");
    // Clean text has no diagnostic of this kind.
    let clean = copydesk::parse("Plain headline\n\nA plain paragraph of text.\r\n").unwrap();
    assert!(diagnostic_spans(&clean, DiagnosticKind::ControlCharacters).is_empty());
}

#[test]
fn rejected_quotation_marks_are_listed_with_their_reason() {
    use copydesk::QuoteRejection as R;
    let text = "Harbour festival opens with a record crowd\n\n\
        Visitors packed the quay for the opening of the festival on Saturday, the organisers said.\n\n\
        A handwritten sign on one stall read \"back in ten minutes, and nobody believed it\n\n\
        Singer Lena \"Lulu\" Marsh closed the night with songs from her album \"Northern Lights\".\n\n\
        The stalls sold \"healthy\" snacks until late in the evening.\n\n\
        \"We were ready for anything,\" said the festival director, Omar Haddad.";
    let article = copydesk::parse(text).unwrap();
    let rejected: Vec<(&str, R)> = article
        .rejected_quotes
        .iter()
        .map(|r| (r.text.as_ref(), r.reason))
        .collect();
    assert_eq!(
        rejected,
        [
            ("back in ten minutes, and nobody believed it", R::Unbalanced),
            ("Lulu", R::Nickname),
            ("Northern Lights", R::Title),
            ("healthy", R::ScareQuote),
        ]
    );
    let quotes: Vec<&str> = article.quotes().map(|q| q.text.as_ref()).collect();
    assert_eq!(quotes, ["We were ready for anything,"]);
    // The span covers the marks; an unclosed mark runs to the end of its block, and is also
    // reported as a diagnostic.
    assert_eq!(
        &text[std::ops::Range::from(article.rejected_quotes[2].span)],
        "\"Northern Lights\""
    );
    let last = article.rejected_quotes[0].span;
    assert!(text[last.end..].starts_with("\n\nSinger"));
    assert!(article
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::UnbalancedQuote && d.span == last));
}

/// No-break and zero-width spaces read as spaces: with every space of an article a no-break
/// space, or followed by a zero-width space, the byline is still a byline and the quotes
/// and their speakers are the plain text's, with spans over the variant's own bytes. (Before
/// the stages read a copy with these folded, the byline of both variants was lost.)
#[test]
fn odd_blanks_read_as_spaces() {
    let plain = "Harbour plan wins council vote after long debate\n\n\
        By Maria Lopez and Tom Reed\n\n\
        The council voted on Monday to approve the harbour plan. Critics called the vote a \
        \"betrayal\" of the old town. Mayor Ann Lee defended it. \"We will build it this \
        year,\" she said. Lee added that nobody would lose a home.\n\n\
        Opponents were not convinced. They called the plan \"too big,\" \"too fast,\" and \
        \"too expensive.\" The vote was seven to two.";
    let parser = Parser::default();
    let want = parser.parse(plain).unwrap();
    assert_eq!(want.bylines[0].text, "By Maria Lopez and Tom Reed");
    let speakers = |a: &copydesk::Article<'_>| -> Vec<(String, Option<String>)> {
        a.quotes
            .iter()
            .map(|q| (q.text.to_string(), q.speaker().map(str::to_string)))
            .collect()
    };
    assert!(speakers(&want).contains(&(
        "We will build it this year,".to_string(),
        Some("Ann Lee".to_string())
    )));
    for variant in [
        plain.replace(' ', "\u{a0}"),
        plain.replace(' ', " \u{200b}"),
        plain.replace(". ", ".\u{a0}").replace(", ", ",\u{202f}"),
    ] {
        let got = parser.parse(&variant).unwrap();
        let byline = &got.bylines[0];
        assert_eq!(byline.text, want.bylines[0].text, "{variant:?}");
        let under = byline.span.get(&variant).unwrap();
        assert!(
            under.starts_with("By") && under.ends_with("Reed"),
            "{under:?}"
        );
        assert_eq!(speakers(&got), speakers(&want), "{variant:?}");
        assert_eq!(got.body.len(), want.body.len());
        check_parse(&parser, &variant);
        check_blanks(&parser, &variant);
    }
    check_blanks(&parser, plain);
}

/// [`Parser::quotes`] reads body text: a paragraph hard-wrapped into two or three lines (no
/// blank line, and too few lines to tell a wrap width from, so a page's segmentation reads
/// each line as a block) gives the quotes and
/// speakers of the same paragraph on one line. (Before, each line was a block: a quotation
/// broken at a line end was cut there, and lost its speaker.)
#[test]
fn quotes_of_a_wrapped_paragraph_are_those_of_the_paragraph() {
    let plain = "\u{201c}Two of its piers are cracked, and we will not take that risk,\u{201d} \
        Mayor Ann Lee told reporters. She called the repairs \u{201c}long overdue.\u{201d}";
    // Wrapped at 60 and 72 columns, with LF and CRLF line ends.
    for width in [60, 72] {
        let mut lines: Vec<String> = vec![String::new()];
        for word in plain.split(' ') {
            let last = lines.last_mut().unwrap();
            if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
                lines.push(word.to_string());
            } else {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(word);
            }
        }
        assert!((2..=3).contains(&lines.len()), "{lines:?}");
        for end in ["\n", "\r\n"] {
            let wrapped = lines.join(end);
            let got = Parser::default().quotes(&wrapped).unwrap();
            let want = Parser::default().quotes(plain).unwrap();
            let who = |q: &[copydesk::Quote<'_>]| -> Vec<(String, Option<String>, Option<usize>)> {
                q.iter()
                    .map(|q| (q.text.to_string(), q.speaker().map(str::to_string), q.block))
                    .collect()
            };
            assert_eq!(who(&got), who(&want), "{wrapped:?}");
            assert_eq!(want.len(), 2);
            assert_eq!(want[0].speaker(), Some("Ann Lee"));
        }
    }
}

/// A block of nothing but references to white space spelt with invisible characters inside
/// (`&\u{8}nbsp;`, which cleaning decodes once it has dropped the backspace) is no element,
/// as a block of `&nbsp;` is none: no element has an empty text, and the headline is the
/// next block's.
#[test]
fn a_block_that_cleans_to_nothing_is_no_element() {
    let long = format!("&{}#32;", "\u{200b}".repeat(8));
    let input = format!(
        "&\u{8}nbsp;\n\nCouncil backs the bridge plan\n\n\
         The mayor said the bridge would be built by the end of the year, at last.\n\n\
         &#\u{8}160; {long} &\u{8}nbsp;\n\n\
         Critics said the plan would cost the town far more than it has to spend.\n"
    );
    for form in [Normalization::Nfc, Normalization::Nfkc] {
        let article = Parser::new(Options::default().with_normalization(form))
            .parse(&input)
            .expect("parses");
        check(&input, &article, form);
        assert_eq!(
            article.headline.as_ref().map(|h| h.as_str()),
            Some("Council backs the bridge plan")
        );
        let body: Vec<&str> = article.body.iter().map(|b| b.text()).collect();
        assert_eq!(
            body,
            [
                "The mayor said the bridge would be built by the end of the year, at last.",
                "Critics said the plan would cost the town far more than it has to spend.",
            ]
        );
        assert!(article.boilerplate.is_empty(), "{:?}", article.boilerplate);
    }
    // Under no normalization nothing is decoded: the blocks are text.
    let raw = Parser::new(Options::default().with_normalization(Normalization::None))
        .parse(&input)
        .expect("parses");
    check(&input, &raw, Normalization::None);
    let texts: Vec<&str> = crate::invariants::element_texts(&raw)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert!(texts.contains(&"&nbsp;"), "{texts:?}");
}

/// HTML character references that an HTML-to-text step left in the text are read as their
/// characters: quotes found and attributed, texts decoded, spans on the references.
#[test]
fn html_character_references_are_read_as_their_characters() {
    let input = "Council backs the bridge plan\n\n&nbsp;\n\n\
        The mayor, Ann Lee, said &quot;we will build it now&quot; on Monday. \
        &ldquo;It&#8217;s time,&rdquo; Lee added.\n\n\
        Critics called it &amp;quot;reckless&amp;quot; in a statement. AT&amp;T and Q&A; R&D stayed.\n";
    let article = Parser::default().parse(input).expect("parses");
    check(input, &article, Normalization::Nfc);
    let quotes: Vec<(&str, Option<&str>)> = article
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.attribution.as_ref().map(|a| a.speaker.as_ref());
            (q.text.as_ref(), speaker)
        })
        .collect();
    assert_eq!(
        quotes,
        [
            ("we will build it now", Some("Ann Lee")),
            ("It’s time,", Some("Ann Lee")),
            ("reckless", Some("Critics")),
        ]
    );
    // Spans are on the input: the second quote holds the reference to its apostrophe.
    assert_eq!(article.quotes[1].span.get(input), Some("It&#8217;s time,"));
    let body: Vec<&str> = article.body.iter().map(|b| b.text()).collect();
    assert_eq!(
        body,
        [
            "The mayor, Ann Lee, said \"we will build it now\" on Monday. “It’s time,” Lee added.",
            "Critics called it \"reckless\" in a statement. AT&T and Q&A; R&D stayed.",
        ]
    );
    // Under no normalization the text is read as written.
    let raw = Parser::new(Options::default().with_normalization(Normalization::None))
        .parse(input)
        .expect("parses");
    check(input, &raw, Normalization::None);
    assert!(raw.quotes.is_empty(), "{:?}", raw.quotes);
    assert!(raw.body[0].text().contains("&quot;we will"));
    // Under NFKC a reference to a character NFKC changes is decoded into what NFKC makes of
    // it: fullwidth quotation marks are `"`, an ellipsis three stops.
    let input = "Council backs the bridge plan\n\n\
        The mayor, Ann Lee, said &#xFF02;we will build it&hellip; now&#xFF02; on Monday.\n";
    let nfkc = Parser::new(Options::default().with_normalization(Normalization::Nfkc))
        .parse(input)
        .expect("parses");
    check(input, &nfkc, Normalization::Nfkc);
    assert_eq!(
        nfkc.body[0].text(),
        "The mayor, Ann Lee, said \"we will build it... now\" on Monday."
    );
    let quotes: Vec<(&str, Option<&str>)> = nfkc
        .quotes
        .iter()
        .map(|q| (q.text.as_ref(), q.speaker()))
        .collect();
    assert_eq!(quotes, [("we will build it... now", Some("Ann Lee"))]);
    assert_eq!(
        nfkc.quotes[0].span.get(input),
        Some("we will build it&hellip; now")
    );
}

#[test]
fn max_input_bytes_is_capped_at_what_the_stages_support() {
    // The stages keep offsets in 32 bits, and mark "none" with the values past the cap.
    let cap = Options::MAX_SUPPORTED_INPUT_BYTES;
    const { assert!(Options::MAX_SUPPORTED_INPUT_BYTES < u32::MAX as usize - 1) };
    let raised = Options::default().with_max_input_bytes(usize::MAX);
    assert_eq!(raised.max_input_bytes(), cap);
    assert_eq!(
        Options::default()
            .with_max_input_bytes(cap + 1)
            .max_input_bytes(),
        cap
    );
    let lower = Options::default().with_max_input_bytes(1 << 20);
    assert_eq!(lower.max_input_bytes(), 1 << 20);
    // A limit set past the cap, as a stored configuration may hold it, is capped too.
    let json = serde_json::to_string(&raised).unwrap();
    let back: Options = serde_json::from_str(&json).unwrap();
    assert_eq!(back.max_input_bytes(), cap);
}

/// A paragraph of over 8 MB with no quotation mark is not searched for quotes (the
/// classifier tells the quote stage so): the quotes of the paragraphs about it are found
/// all the same, and a huge paragraph with quotes in it keeps them.
#[test]
fn huge_paragraphs_with_and_without_quotation_marks() {
    let plain = "Officials spoke of the plan at length and in detail today. ".repeat(150_000);
    assert!(plain.len() > 8 << 20);
    let before = "\"We are ready,\" said Mayor Ann Lee.";
    let after = "\"It will work,\" Lee said.";
    let text = format!("{before}\n\n{plain}\n\n{after}");
    let article = copydesk::parse(&text).unwrap();
    let quoted: Vec<&str> = article.quotes.iter().map(|q| q.text.as_ref()).collect();
    assert_eq!(quoted, ["We are ready,", "It will work,"]);
    assert!(article
        .body
        .iter()
        .any(|p| p.text().len() == plain.trim().len()));
    // The same huge paragraph with a quotation in its middle.
    let half = plain.len() / 2;
    let marked = format!("{}\"Now,\" she said. {}", &plain[..half], &plain[half..]);
    let article = copydesk::parse(&marked).unwrap();
    let quoted: Vec<&str> = article.quotes.iter().map(|q| q.text.as_ref()).collect();
    assert_eq!(quoted, ["Now,"]);
}
