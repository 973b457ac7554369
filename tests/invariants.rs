//! Checks of the guarantees every parse must keep, shared by the golden, edge-case, property
//! and fuzz-replay tests, and by the fuzz targets (`fuzz/src/lib.rs` includes this file with
//! `#[path]`, so there is one checker).
//!
//! Every function panics with a message when a guarantee is broken. [`check`] looks at one
//! parsed article; the `check_*` drivers run the parser themselves and add the guarantees
//! that need more than one run: typed errors, determinism, the JSON round trip, CRLF versus
//! LF, and `parse_bytes` agreeing with `parse`.

#![allow(dead_code)] // each user of this module calls a different subset

use copydesk::normalize::clean;
use copydesk::{
    Article, DiagnosticKind, Error, ErrorKind, Normalization, OwnedArticle, Parser, Quote, Span,
    Utf8Policy,
};
use std::borrow::Cow;

/// Panics with a message when `article` breaks an invariant for `input`.
pub fn check(input: &str, article: &Article<'_>, form: Normalization) {
    let top = article.top_level();
    check_layout(input.len(), &top, |s| s.get(input).is_some());
    // Nothing is lost: what lies between the top-level elements cleans to nothing.
    check_gaps(
        input.len(),
        &top,
        |gap| Cow::Borrowed(&input[gap.start..gap.end]),
        form,
    );
    // Text is the cleaning of the bytes under the span, and cleaning it again changes nothing;
    // no element is empty.
    for (text, span) in element_texts(article) {
        assert!(!text.is_empty(), "the element of {span:?} has no text");
        let raw = span.get(input).expect("span in bounds");
        assert_eq!(
            text,
            clean(raw, form),
            "text of {span:?} is not clean(input[span])"
        );
        assert_eq!(
            clean(text, form),
            text,
            "clean is not idempotent on {text:?}"
        );
    }
    // Quotes lie inside their body block; mentions inside the input.
    for q in &article.quotes {
        let block = q.block.expect("article quotes are in the body");
        let bspan = article
            .body
            .get(block)
            .unwrap_or_else(|| {
                panic!(
                    "quote block {block} out of range ({} blocks)",
                    article.body.len()
                )
            })
            .span();
        assert!(
            bspan.contains(q.span),
            "quote {:?} outside block {bspan:?}",
            q.span
        );
        check_attribution(input, q, form);
    }
    // Rejected quotation marks lie inside their body block, on char boundaries, in order, and
    // their text is the cleaning of what lies between them.
    let mut prev_end = 0;
    for r in &article.rejected_quotes {
        let raw = r
            .span
            .get(input)
            .unwrap_or_else(|| panic!("rejected quote {r:?} not on char boundaries"));
        assert!(r.span.start >= prev_end, "rejected quotes overlap: {r:?}");
        prev_end = r.span.end;
        let block = r.block.expect("rejected quotes are in the body");
        let bspan = article
            .body
            .get(block)
            .unwrap_or_else(|| panic!("rejected quote block {block} out of range"))
            .span();
        assert!(
            bspan.contains(r.span),
            "rejected quote {r:?} outside {bspan:?}"
        );
        assert!(
            clean(raw, form).contains(r.text.as_ref()),
            "rejected quote text {:?} is not from {raw:?}",
            r.text
        );
    }
    for d in &article.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= input.len(),
            "diagnostic {d:?} out of bounds"
        );
    }
    assert!(
        article
            .diagnostics
            .is_sorted_by_key(|d| (d.span.start, d.span.end)),
        "diagnostics not sorted by span: {:?}",
        article.diagnostics
    );
}

/// Nothing is lost: each stretch of the input of `len` bytes that lies in none of the
/// top-level elements `top` (`piece` gives its text) cleans to nothing: blanks, invisible
/// characters, and HTML character references to white space (`&nbsp;`, `&amp;nbsp;`, spelt
/// with invisible characters inside or not).
fn check_gaps<'i>(
    len: usize,
    top: &[(copydesk::ElementKind, Span)],
    piece: impl Fn(Span) -> Cow<'i, str>,
    form: Normalization,
) {
    let ends = top.iter().map(|(_, s)| s.start).chain([len]);
    let starts = [0].into_iter().chain(top.iter().map(|(_, s)| s.end));
    for gap in starts.zip(ends).map(|(a, b)| Span::new(a, b)) {
        if gap.is_empty() {
            continue;
        }
        let text = piece(gap);
        let cleaned = clean(&text, form);
        assert!(
            cleaned.is_empty(),
            "{:?} (bytes {gap:?}, raw {:?}) is in no top-level element",
            &cleaned[..floor(&cleaned, 60)],
            &text[..floor(&text, 60)]
        );
    }
}

/// Spans non-empty, in bounds (per `in_bounds`), ordered and non-overlapping.
fn check_layout(
    len: usize,
    top: &[(copydesk::ElementKind, Span)],
    in_bounds: impl Fn(Span) -> bool,
) {
    let mut prev_end = 0;
    for (kind, span) in top {
        assert!(
            span.end <= len && in_bounds(*span),
            "{kind:?} span {span:?} is not a char-boundary range of the input ({len} bytes)"
        );
        assert!(!span.is_empty(), "{kind:?} span {span:?} is empty");
        assert!(
            span.start >= prev_end,
            "{kind:?} span {span:?} overlaps the element before it (which ends at {prev_end})"
        );
        prev_end = span.end;
    }
}

fn check_attribution(input: &str, q: &Quote<'_>, form: Normalization) {
    let Some(a) = &q.attribution else { return };
    assert!(
        !a.speaker.is_empty(),
        "quote {:?} has an empty speaker",
        q.span
    );
    if let Some(m) = &a.mention {
        let raw = m
            .span
            .get(input)
            .unwrap_or_else(|| panic!("mention span {:?} out of bounds", m.span));
        assert_eq!(
            m.text,
            clean(raw, form),
            "mention text of {:?} is not clean(input[span])",
            m.span
        );
    }
}

/// The largest char boundary at or before `i`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The spans of the article's diagnostics of one kind, in order.
pub fn diagnostic_spans(article: &Article<'_>, kind: DiagnosticKind) -> Vec<Span> {
    article
        .diagnostics
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.span)
        .collect()
}

/// Every element's text with its span, top-level and nested.
pub fn element_texts<'x>(a: &'x Article<'_>) -> Vec<(&'x str, Span)> {
    let mut v: Vec<(&str, Span)> = Vec::new();
    v.extend(a.headline.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.dek.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.bylines.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.credits.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.dates.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.body.iter().map(|b| (b.text(), b.span())));
    v.extend(a.quotes.iter().map(|q| (q.text.as_ref(), q.span)));
    v.extend(a.boilerplate.iter().map(|b| (b.text.as_ref(), b.span)));
    if let Some(r) = &a.related {
        v.extend(r.heading.iter().map(|h| (h.as_str(), h.span)));
        v.extend(r.tags().map(|t| (t.as_str(), t.span)));
    }
    v
}

/// The quotes of [`Parser::quotes`]: in bounds, on char boundaries, in order, text cleaned
/// from the span, attributions in bounds.
pub fn check_quotes(input: &str, quotes: &[Quote<'_>], form: Normalization) {
    let mut prev = 0;
    for q in quotes {
        let raw = q.span.get(input).unwrap_or_else(|| {
            panic!(
                "quote span {:?} is not a char-boundary range of the input",
                q.span
            )
        });
        assert_eq!(
            q.text,
            clean(raw, form),
            "quote text of {:?} is not clean(input[span])",
            q.span
        );
        assert!(
            q.span.start >= prev,
            "quote {:?} comes before the quote at {prev}",
            q.span
        );
        prev = q.span.start;
        check_attribution(input, q, form);
    }
}

/// A rejected input is rejected for the reason its kind says, with a well-formed message.
/// `len` is the input length in bytes; `bytes` the input itself.
pub fn check_error(bytes: &[u8], err: &Error, parser: &Parser) {
    let limit = parser.options().max_input_bytes();
    let msg = err.to_string();
    assert!(
        !msg.is_empty() && !msg.ends_with('.'),
        "bad error message {msg:?}"
    );
    assert!(
        msg.chars().next().is_some_and(|c| !c.is_uppercase()),
        "error message {msg:?} should start in lower case"
    );
    if let Some(span) = err.span() {
        assert!(
            span.start < span.end && span.end <= bytes.len(),
            "error span {span:?} out of bounds"
        );
    }
    match err.kind() {
        ErrorKind::Empty => assert!(bytes.is_empty(), "Empty for a non-empty input"),
        ErrorKind::WhitespaceOnly { len } => {
            assert_eq!(*len, bytes.len(), "WhitespaceOnly len");
            let text = std::str::from_utf8(bytes).expect("WhitespaceOnly only for valid UTF-8");
            let form = parser.options().normalization();
            assert!(
                clean(text, form).is_empty(),
                "WhitespaceOnly for text that cleaning leaves something of"
            );
        }
        ErrorKind::TooLarge { len, limit: l } => {
            assert_eq!((*len, *l), (bytes.len(), limit), "TooLarge fields");
            assert!(
                bytes.len() > limit,
                "TooLarge for {} bytes under a {limit}-byte limit",
                bytes.len()
            );
        }
        ErrorKind::InvalidUtf8 { offset } => {
            let e = std::str::from_utf8(bytes).expect_err("InvalidUtf8 for valid UTF-8");
            assert_eq!(*offset, e.valid_up_to(), "InvalidUtf8 offset");
        }
        ErrorKind::NulByte { offset } => {
            assert_eq!(
                memchr(bytes),
                Some(*offset),
                "NulByte offset is not the first NUL"
            );
        }
        other => panic!("unexpected error kind {other:?}"),
    }
    let code = err.code();
    assert!(
        !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "bad error code {code:?}"
    );
}

fn memchr(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Parses `input` with `parser` and checks everything one text allows: a typed error that
/// fits the input, or an article that keeps the invariants, is deterministic and survives the
/// JSON round trip. Returns the article when there is one.
pub fn check_parse(parser: &Parser, input: &str) -> Option<OwnedArticle> {
    let form = parser.options().normalization();
    let first = parser.parse(input);
    let again = parser.parse(input);
    assert_eq!(first, again, "parsing is not deterministic");
    match first {
        Err(e) => {
            check_error(input.as_bytes(), &e, parser);
            None
        }
        Ok(article) => {
            assert!(
                input.len() <= parser.options().max_input_bytes(),
                "input over the limit parsed"
            );
            assert!(
                !input.as_bytes().contains(&0),
                "input with a NUL byte parsed"
            );
            check(input, &article, form);
            let owned = article.into_owned();
            check_roundtrip(&owned);
            Some(owned)
        }
    }
}

/// The owned article serialised with serde_json and read back is equal, and serialises to
/// the same JSON again.
pub fn check_roundtrip(article: &OwnedArticle) {
    let json = serde_json::to_string(article).expect("article serialises");
    let back: OwnedArticle = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("article JSON does not deserialise: {e}\n{json}"));
    assert_eq!(&back, article, "JSON round trip changed the article");
    let again = serde_json::to_string(&back).expect("article serialises");
    assert_eq!(again, json, "JSON of the round-tripped article differs");
}

/// [`Parser::parse_bytes`]: valid UTF-8 gives what [`Parser::parse`] gives; invalid UTF-8
/// gives `InvalidUtf8` at the right offset, or, under [`Utf8Policy::Replace`], an article
/// whose spans point into the original bytes.
pub fn check_parse_bytes(parser: &Parser, bytes: &[u8]) {
    let got = parser.parse_bytes(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        assert_eq!(
            got,
            parser.parse(text),
            "parse_bytes and parse disagree on valid UTF-8"
        );
        return;
    }
    let limit = parser.options().max_input_bytes();
    match (got, parser.options().utf8_policy()) {
        (Err(e), _) if bytes.len() > limit => {
            assert!(
                matches!(e.kind(), ErrorKind::TooLarge { .. }),
                "{e:?} for an input over the limit"
            );
            check_error(bytes, &e, parser);
        }
        (Err(e), Utf8Policy::Reject) => {
            assert!(
                matches!(e.kind(), ErrorKind::InvalidUtf8 { .. }),
                "{e:?} for invalid UTF-8"
            );
            check_error(bytes, &e, parser);
        }
        (Ok(a), Utf8Policy::Reject) => {
            panic!("invalid UTF-8 parsed under Utf8Policy::Reject: {a:?}")
        }
        (Err(e), _) => {
            // Under Replace the only reasons left are in the bytes themselves.
            check_error(bytes, &e, parser);
        }
        (Ok(article), _) => check_repaired(bytes, &article, parser.options().normalization()),
    }
}

/// An article parsed from invalid UTF-8 under [`Utf8Policy::Replace`].
fn check_repaired(bytes: &[u8], article: &Article<'_>, form: Normalization) {
    let top = article.top_level();
    // A repaired span starts and ends between whole characters or whole bad sequences.
    let boundaries = boundaries(bytes);
    check_layout(bytes.len(), &top, |s| {
        boundaries.binary_search(&s.start).is_ok() && boundaries.binary_search(&s.end).is_ok()
    });
    // Nothing is lost, an invalid sequence counting as text (U+FFFD).
    check_gaps(
        bytes.len(),
        &top,
        |gap| String::from_utf8_lossy(&bytes[gap.start..gap.end]),
        form,
    );
    let mut at = 0;
    let mut bad: Vec<Span> = Vec::new();
    for chunk in bytes.utf8_chunks() {
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            // Invalid sequences with no valid byte between them make one diagnostic.
            let seq = Span::new(at, at + chunk.invalid().len());
            match bad.last_mut() {
                Some(last) if chunk.valid().is_empty() && last.end == seq.start => {
                    last.end = seq.end
                }
                _ => bad.push(seq),
            }
            at += chunk.invalid().len();
        }
    }
    for (text, span) in element_texts(article) {
        assert!(!text.is_empty(), "the element of {span:?} has no text");
        let raw = String::from_utf8_lossy(&bytes[span.start..span.end]);
        assert_eq!(
            text,
            clean(&raw, form),
            "repaired text of {span:?} is not clean(lossy(input[span]))"
        );
    }
    assert_eq!(
        diagnostic_spans(article, DiagnosticKind::ReplacedInvalidUtf8),
        bad,
        "ReplacedInvalidUtf8 diagnostics do not match the runs of bad sequences"
    );
    check_roundtrip(&article.clone().into_owned());
}

/// Offsets of `bytes` that start a character or a bad sequence, plus the end.
fn boundaries(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        out.extend(chunk.valid().char_indices().map(|(o, _)| at + o));
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            out.push(at);
            at += chunk.invalid().len();
        }
    }
    out.push(at);
    out
}

/// The same text with CRLF line ends instead of LF gives the same structure: equal JSON once
/// the LF spans are moved by the `\r`s inserted before them. Skips inputs that already hold a
/// `\r`, and pairs where the longer CRLF text is over the size limit.
pub fn check_crlf(parser: &Parser, lf: &str) {
    if lf.contains('\r') || !lf.contains('\n') {
        return;
    }
    let crlf = lf.replace('\n', "\r\n");
    if crlf.len() > parser.options().max_input_bytes() {
        return;
    }
    // Offset o in the LF text is o + (newlines before o) in the CRLF text.
    let newlines: Vec<usize> = lf.match_indices('\n').map(|(i, _)| i).collect();
    let map = |o: u64| -> u64 {
        let o = o as usize;
        (o + newlines.partition_point(|&n| n < o)) as u64
    };
    match (parser.parse(lf), parser.parse(&crlf)) {
        (Ok(a), Ok(b)) => {
            let mut want = serde_json::to_value(&a).expect("serialises");
            map_spans(&mut want, &map);
            let got = serde_json::to_value(&b).expect("serialises");
            assert!(
                want == got,
                "CRLF changes the structure\nLF (spans mapped): {want}\nCRLF: {got}"
            );
        }
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "CRLF changes the error"),
        (a, b) => panic!("LF gives {a:?} but CRLF gives {b:?}"),
    }
}

/// The same text with odd blanks in it gives the same structure: with each space a no-break
/// space (U+00A0), and with a zero-width space (U+200B) after each space, the article and
/// [`Parser::quotes`] are the plain text's, spans moved by the bytes put in before them
/// (where a zero-width space follows a span's last byte, the span ends before it). Skips
/// texts without a space and variants over the size limit.
pub fn check_blanks(parser: &Parser, text: &str) {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.is_empty() {
        return;
    }
    // The spaces wholly before offset o of the plain text.
    let before = |o: usize| spaces.partition_point(|&s| s < o);
    let nbsp = text.replace(' ', "\u{a0}");
    check_same(parser, text, &nbsp, "no-break spaces", &|o, _| {
        o + before(o)
    });
    let zero_width = text.replace(' ', " \u{200b}");
    check_same(parser, text, &zero_width, "zero-width spaces", &|o, end| {
        let k = before(o);
        let after_space = k > 0 && spaces[k - 1] + 1 == o;
        o + 3 * k - if end && after_space { 3 } else { 0 }
    });
}

/// The same text with its spaces doubled gives the same structure: the article and
/// [`Parser::quotes`] are the plain text's, spans moved by the spaces put in before them.
/// Skips texts without a space, texts that already hold two blanks side by side on a line
/// (whose runs would grow from two to four, not from one to two), and variants over the
/// size limit.
pub fn check_doubled_spaces(parser: &Parser, text: &str) {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    let blank = |c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}');
    let side_by_side = text.chars().zip(text.chars().skip(1)).any(|(a, b)| {
        blank(a) && blank(b) && !matches!(a, '\n' | '\r') && !matches!(b, '\n' | '\r')
    });
    if spaces.is_empty() || side_by_side {
        return;
    }
    let before = |o: usize| spaces.partition_point(|&s| s < o);
    let doubled = text.replace(' ', "  ");
    check_same(parser, text, &doubled, "doubled spaces", &|o, _| {
        o + before(o)
    });
}

/// The same text decomposed gives the same structure: with each accented letter written as
/// its letter and combining accents (U+0300–U+036F; NFD, as some systems write text), the
/// article and [`Parser::quotes`] are the composed text's, spans moved by the bytes the
/// accents add before them. Skips texts not in NFC, texts with no such letter, and
/// variants over the size limit; letters whose decomposition holds other characters
/// (Hangul, compatibility forms) are left composed.
pub fn check_decomposed_accents(parser: &Parser, text: &str) {
    use unicode_normalization::{is_nfc, UnicodeNormalization};
    if !is_nfc(text) {
        return;
    }
    check_rewritten(parser, text, "decomposed accents", |_, c| {
        let d: String = std::iter::once(c).nfd().collect();
        let accented = d.chars().count() > 1
            && d.len() <= 7
            && d.chars()
                .skip(1)
                .all(|m| ('\u{300}'..='\u{36f}').contains(&m));
        accented.then_some(d)
    });
}

/// The same text with characters written as HTML character references, as an HTML-to-text
/// step may leave them (`&quot;` `&ldquo;` `&#8221;` `&rsquo;` `&mdash;` `&amp;` `&nbsp;`
/// `&eacute;`, and each `,` `.` `?` `!` `:` `(` `)` as `&#NN;` or `&#xNN;` in turn), gives the same
/// structure, spans moved to the references. A character is written so only where nothing
/// after it can combine with it (ASCII or the end follows), and an `&` only where no
/// reference could start there. Skips texts not in NFC and variants over the size limit.
pub fn check_references(parser: &Parser, text: &str) {
    use unicode_normalization::is_nfc;
    if !is_nfc(text) || parser.options().normalization() != Normalization::Nfc {
        return;
    }
    let mut numbered = 0usize;
    check_rewritten(parser, text, "character references", |i, c| {
        let rest = &text[i + c.len_utf8()..];
        let safe = rest.chars().next().is_none_or(|n| n.is_ascii());
        let named = match c {
            '"' => Some("&quot;"),
            '“' => Some("&ldquo;"),
            '”' => Some("&#8221;"),
            '’' => Some("&rsquo;"),
            '‘' => Some("&#x2018;"),
            '—' => Some("&mdash;"),
            'é' => Some("&eacute;"),
            '\u{a0}' => Some("&nbsp;"),
            '&' if !rest.starts_with(|n: char| n == '#' || n.is_ascii_alphanumeric()) => {
                Some("&amp;")
            }
            _ => None,
        };
        match named {
            Some(r) if safe || c == '\u{a0}' => Some(r.to_owned()),
            _ if ",.?!:()".contains(c) && safe => {
                numbered += 1;
                Some(if numbered % 2 == 0 {
                    format!("&#{};", u32::from(c))
                } else {
                    format!("&#x{:X};", u32::from(c))
                })
            }
            _ => None,
        }
    });
}

/// `text` with each character that `rewrite` (its offset, the character) gives a rewriting
/// for written so, held to `text` by [`check_same`] with the spans moved along with the
/// characters; `what` names the rewriting. Nothing is checked when no character changes.
fn check_rewritten(
    parser: &Parser,
    text: &str,
    what: &str,
    mut rewrite: impl FnMut(usize, char) -> Option<String>,
) {
    let mut variant = String::with_capacity(text.len() + 16);
    // The offset of each character in the variant, by its offset in `text`.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        starts.push((i, variant.len()));
        match rewrite(i, c) {
            Some(r) => variant.push_str(&r),
            None => variant.push(c),
        }
    }
    if variant == text {
        return;
    }
    let end = variant.len();
    check_same(parser, text, &variant, what, &|o, _| match starts
        .binary_search_by_key(&o, |&(at, _)| at)
    {
        Ok(k) => starts[k].1,
        Err(_) => {
            assert_eq!(o, text.len(), "a span ends inside a character");
            end
        }
    });
}

/// `plain` and `variant` parse to the same article and quotes once the plain spans are moved
/// by `map` (offset, whether it ends a span), or fail alike; `what` names the variant.
fn check_same(
    parser: &Parser,
    plain: &str,
    variant: &str,
    what: &str,
    map: &impl Fn(usize, bool) -> usize,
) {
    if variant.len() > parser.options().max_input_bytes() {
        return;
    }
    let map = |o: u64, end: bool| map(o as usize, end) as u64;
    let same =
        |want: Result<serde_json::Value, Error>, got: Result<serde_json::Value, Error>| match (
            want, got,
        ) {
            (Ok(mut want), Ok(got)) => {
                map_spans_by_end(&mut want, &map);
                assert!(
                    want == got,
                    "{what} change the structure\nplain (spans mapped): {want}\nvariant: {got}"
                );
            }
            (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{what} change the error"),
            (a, b) => panic!("the plain text gives {a:?} but with {what} {b:?}"),
        };
    // (Each to JSON where it is made: naming `serde::Serialize` for a function of them would
    // need a dependency of the fuzz crate on serde.)
    let to_json = |v| serde_json::to_value(v).expect("serialises");
    same(
        parser.parse(plain).map(to_json),
        parser.parse(variant).map(to_json),
    );
    let to_json = |v| serde_json::to_value(v).expect("serialises");
    same(
        parser.quotes(plain).map(to_json),
        parser.quotes(variant).map(to_json),
    );
}

/// Rewrites every `{start, end}` object in a JSON value with `f`.
fn map_spans(v: &mut serde_json::Value, f: &impl Fn(u64) -> u64) {
    map_spans_by_end(v, &|o, _| f(o));
}

/// Rewrites every `{start, end}` object in a JSON value with `f` (offset, whether it is an
/// end).
fn map_spans_by_end(v: &mut serde_json::Value, f: &impl Fn(u64, bool) -> u64) {
    match v {
        serde_json::Value::Object(o) => {
            if o.len() == 2
                && o.get("start").is_some_and(|s| s.is_u64())
                && o.get("end").is_some_and(|s| s.is_u64())
            {
                for key in ["start", "end"] {
                    let n = o[key].as_u64().unwrap_or_default();
                    o[key] = f(n, key == "end").into();
                }
                return;
            }
            o.values_mut().for_each(|x| map_spans_by_end(x, f));
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| map_spans_by_end(x, f)),
        _ => {}
    }
}

/// [`Parser::quotes`] on `input`: a typed error or well-formed quotes, deterministic.
pub fn check_parser_quotes(parser: &Parser, input: &str) {
    let got = parser.quotes(input);
    assert_eq!(got, parser.quotes(input), "quotes() is not deterministic");
    match got {
        Ok(quotes) => check_quotes(input, &quotes, parser.options().normalization()),
        Err(e) => check_error(input.as_bytes(), &e, parser),
    }
}

/// Everything for one text: [`check_parse`], [`check_parse_bytes`], [`check_crlf`],
/// [`check_blanks`] and [`check_parser_quotes`].
pub fn check_text(parser: &Parser, input: &str) {
    check_parse(parser, input);
    check_parse_bytes(parser, input.as_bytes());
    check_crlf(parser, input);
    check_blanks(parser, input);
    check_parser_quotes(parser, input);
}
