//! # copydesk
//!
//! Turns raw news-article text — what a scraper or an HTML-to-text step produced — into a
//! typed [`Article`]: [`Headline`], [`Dek`], [`Byline`]s, photo [`Credit`]s, dates, body
//! [`Paragraph`]s and [`Subhead`]s in order, every direct [`Quote`] with its
//! [`Attribution`] (speaker resolved from "he said" or a bare surname), [`RelatedTags`],
//! and the [`Boilerplate`] set aside with its reason. Every element carries the [`Span`] of
//! its bytes in the input, and every non-blank byte of the input lies in exactly one
//! top-level element: nothing is lost.
//!
//! ```
//! let text = "\
//! Council votes to close the old bridge
//!
//! By Jane Doe
//!
//! The city council voted on Tuesday to close the old bridge after inspectors found cracks in two piers.
//!
//! \"We had no choice,\" said Mayor Ann Lee. \"Safety comes first.\"
//! ";
//! let article = copydesk::parse(text)?;
//! assert_eq!(article.headline.as_ref().unwrap().text, "Council votes to close the old bridge");
//! assert_eq!(article.bylines[0].text, "By Jane Doe");
//! assert_eq!(article.paragraphs().count(), 2);
//! let quote = &article.quotes[0];
//! assert_eq!(quote.text, "We had no choice,");
//! assert_eq!(quote.speaker(), Some("Ann Lee"));
//! assert_eq!(&text[std::ops::Range::from(quote.span)], "We had no choice,");
//! # Ok::<(), copydesk::Error>(())
//! ```
//!
//! ## Stages
//!
//! Data flows one way, one module per stage:
//!
//! 1. [`normalize`] — bytes → checked text (BOM, size, UTF-8, NUL; a copy with odd blanks
//!    folded when it holds any, with the offset map back), and the one definition of
//!    cleaned element text ([`normalize::clean`]).
//! 2. `segment` — text → blocks (blank lines, one block per line, hard-wrapped paragraphs
//!    joined), found with `memchr`.
//! 3. `classify` — blocks → labels (headline, dek, byline, credit, date, paragraph,
//!    subhead, tags, boilerplate with a reason).
//! 4. `quotes` — body blocks → quotations (straight, curly, mixed, nested,
//!    multi-paragraph; titles and scare quotes rejected).
//! 5. `attribution` — quotations → speaker, descriptor, speech verb; pronouns and surnames
//!    resolved across paragraphs.
//! 6. `assemble` — everything → [`Article`], text cleaned once per element.
//!
//! Public types live in [`model`] (and [`Span`], [`Error`], [`Options`]); shared tiny nom
//! parsers in `lex`.
//!
//! ## Untrusted input
//!
//! copydesk is built to read untrusted text in services:
//!
//! * **No panics.** Any `&str` or `&[u8]` gives an `Article` or an [`Error`]; the crate has
//!   no `unsafe` code, and the fuzz targets in `fuzz/` check this with the invariants below.
//! * **Errors** ([`ErrorKind`]): empty input, whitespace-only input, input over
//!   [`Options::with_max_input_bytes`] (default 256 MiB), invalid UTF-8 (with its offset;
//!   or repaired under [`Utf8Policy::Replace`]), a NUL byte (binary data). Anything else —
//!   a page that is not an article, unbalanced quote marks, control characters, junk —
//!   gives a best-effort `Article` whose [`Article::diagnostics`] say what was odd
//!   ([`DiagnosticKind`]: no body, unbalanced quotation marks, runs of control characters
//!   left out of the text, repaired UTF-8), and whose [`Article::rejected_quotes`] list
//!   the quotation marks not taken as quotes, with the reason.
//! * **Linear time.** Each stage scans its input a bounded number of times; attribution
//!   looks back at most [`Options::with_lookback_blocks`] blocks and a bounded window of
//!   bytes; a quotation longer than [`Options::with_max_quote_bytes`] is taken as an
//!   unbalanced mark. There is no recursion whose depth depends on the input.
//! * **Memory** is O(input) for the input itself and O(number of elements) for the
//!   article: text is borrowed wherever cleaning changes nothing. Each thread that parses
//!   keeps the stages' working lists from one parse to the next (emptied, 256 KiB of room at
//!   most each, some 6 MiB in all; a huge text's lists are freed with it), and frees them
//!   when it exits.
//! * **Invariants** (checked by property tests and fuzz targets): spans lie inside the input
//!   on character boundaries; top-level elements are ordered and never overlap; every
//!   non-blank byte ([`normalize::is_blank`]) lies in exactly one top-level element; each
//!   element's text is [`normalize::clean`] of the bytes under its span; every quote lies in
//!   its body block; parsing is deterministic and CRLF gives the same structure as LF.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod assemble;
mod attribution;
mod classify;
mod error;
mod fasthash;
mod lex;
pub mod model;
pub mod normalize;
mod options;
mod quotes;
mod scratch;
mod segment;
mod span;
#[cfg(test)]
mod testgen;

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use error::{Error, ErrorKind};
pub use model::*;
pub use options::{Normalization, Options, Utf8Policy};
pub use span::Span;

use normalize::Prepared;
use std::cell::RefCell;

/// A reusable parser with its [`Options`].
///
/// ```
/// use copydesk::{Options, Parser};
/// let parser = Parser::new(Options::default());
/// let article = parser.parse("A headline for the story\n\nThe first paragraph of the story is here, and it is long enough to read as prose.")?;
/// assert_eq!(article.body.len(), 1);
/// # Ok::<(), copydesk::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Parser {
    options: Options,
}

impl Parser {
    /// Makes a parser with these options.
    pub fn new(options: Options) -> Self {
        Parser { options }
    }

    /// The parser's options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Parses an article.
    ///
    /// # Errors
    ///
    /// Empty or whitespace-only input, input over the size limit, or a NUL byte.
    pub fn parse<'a>(&self, input: &'a str) -> Result<Article<'a>, Error> {
        let checked = normalize::prepare(input, &self.options)?;
        Ok(self.run_folded(checked))
    }

    /// Parses an article from bytes: a UTF-8 BOM is skipped, invalid UTF-8 is an error (or
    /// repaired, under [`Utf8Policy::Replace`]).
    ///
    /// # Errors
    ///
    /// As [`Parser::parse`], and [`ErrorKind::InvalidUtf8`] with the offset of the first bad
    /// byte.
    ///
    /// ```
    /// let err = copydesk::parse_bytes(b"Bad \xff byte").unwrap_err();
    /// assert_eq!(err.kind(), &copydesk::ErrorKind::InvalidUtf8 { offset: 4 });
    /// ```
    pub fn parse_bytes<'a>(&self, input: &'a [u8]) -> Result<Article<'a>, Error> {
        if input.len() > self.options.max_input_bytes() {
            return Err(ErrorKind::TooLarge {
                len: input.len(),
                limit: self.options.max_input_bytes(),
            }
            .into());
        }
        match std::str::from_utf8(input) {
            Ok(text) => self.parse(text),
            Err(e) => match self.options.utf8_policy() {
                Utf8Policy::Reject => Err(ErrorKind::InvalidUtf8 {
                    offset: e.valid_up_to(),
                }
                .into()),
                Utf8Policy::Replace => {
                    // NUL bytes first, on the caller's bytes (the size is checked above): an
                    // input turned away is not copied (the repair's copy may be three times
                    // as long).
                    normalize::check_nul(input)?;
                    let (repaired, map, bad) = normalize::repair_utf8(input);
                    let checked = normalize::prepare_repaired(&repaired, input, &self.options)?;
                    // Detached from the repaired copy: texts the repair left as they were
                    // are borrowed from the input, the others owned.
                    let mut article = self.run_folded(checked).remap(&mut TextsAndSpans(
                        |t| normalize::rebase(t, &repaired, input, &map),
                        |s| map.map_span(s),
                    ));
                    // (Given back before the diagnostics grow: one entry for each run of
                    // replaced sequences, as many as the diagnostics when they lie apart.)
                    drop(map);
                    article
                        .diagnostics
                        .extend(bad.into_iter().map(|span| Diagnostic {
                            kind: DiagnosticKind::ReplacedInvalidUtf8,
                            span,
                        }));
                    // Among the others in span order (a stable sort of two sorted runs: a
                    // merge), the parse's first at an equal span.
                    article
                        .diagnostics
                        .sort_by_key(|d| (d.span.start, d.span.end));
                    Ok(article)
                }
            },
        }
    }

    /// Extracts the quotations of a text that is only body paragraphs (no headline or
    /// boilerplate detection): every block is a paragraph, and [`Quote::block`] indexes the
    /// blocks. Paragraphs are separated by blank lines or one a line; a paragraph
    /// hard-wrapped into lines is joined back even when it is the only one (a long line
    /// that ends no sentence goes on in the next, and two lines tell a wrap width), which
    /// [`Parser::parse`] cannot tell from the one-line blocks of a web page.
    ///
    /// # Errors
    ///
    /// As [`Parser::parse`].
    ///
    /// ```
    /// let quotes = copydesk::Parser::default().quotes("\"It works,\" she said.")?;
    /// assert_eq!(quotes[0].text, "It works,");
    /// # Ok::<(), copydesk::Error>(())
    /// ```
    pub fn quotes<'a>(&self, input: &'a str) -> Result<Vec<Quote<'a>>, Error> {
        let checked = normalize::prepare(input, &self.options)?;
        let prepared = checked.prepared;
        let Some((folded, map)) = normalize::fold_blanks(&checked) else {
            return Ok(self.quotes_of(prepared));
        };
        // As in [`Parser::run_folded`].
        let quotes = self.quotes_of(Prepared {
            text: &folded,
            base: 0,
            references: prepared.references,
        });
        Ok(quotes
            .into_iter()
            .map(|q| {
                q.remap(&mut TextsAndSpans(
                    |t| normalize::rebase_folded(t, &folded, prepared.text, &map),
                    |s| map.map_span(s).shift(prepared.base),
                ))
            })
            .collect())
    }

    /// [`Parser::quotes`] of the text the stages read.
    fn quotes_of<'a>(&self, prepared: Prepared<'a>) -> Vec<Quote<'a>> {
        let blocks = segment::segment_body(prepared.text);
        let spans: Vec<Span> = blocks
            .iter()
            .map(|b| Span::of_part(prepared.text, b).unwrap_or_default())
            .collect();
        let found = quotes::find_quotes(prepared.text, &spans, &self.options);
        let attributed =
            attribution::attribute(prepared.text, &spans, &found.quotes, &self.options);
        assemble::assemble_quotes(prepared, &found, &attributed, &self.options)
    }

    /// [`Parser::run`] on the text the stages read: `prepared`'s own, or a copy with its odd
    /// blanks folded ([`normalize::fold_blanks`]), whose article is then moved back onto
    /// `prepared`'s text: spans mapped, and texts borrowed from it where the copy's are the
    /// same bytes there (owned otherwise), so that the copy dies here.
    fn run_folded<'p>(&self, checked: normalize::Checked<'p>) -> Article<'p> {
        let prepared = checked.prepared;
        let Some((folded, map)) = normalize::fold_blanks(&checked) else {
            return self.run(prepared);
        };
        self.run(Prepared {
            text: &folded,
            base: 0,
            references: prepared.references,
        })
        .remap(&mut TextsAndSpans(
            |t| normalize::rebase_folded(t, &folded, prepared.text, &map),
            |s| map.map_span(s).shift(prepared.base),
        ))
    }

    fn run<'a>(&self, prepared: Prepared<'a>) -> Article<'a> {
        thread_local! {
            static LENT: RefCell<Lent> = const { RefCell::new(Lent::EMPTY) };
        }
        // Filled here, where it is returned from, not moved out of the stages
        // ([`assemble::assemble`]).
        let mut article = Article::default();
        scratch::with_kept(&LENT, |lent| self.run_with(prepared, lent, &mut article));
        article
    }

    /// [`Parser::run`] with the lists `lent`, which it leaves empty for the next parse,
    /// into `article` (empty).
    fn run_with<'a>(&self, prepared: Prepared<'a>, lent: &mut Lent, article: &mut Article<'a>) {
        let text = prepared.text;
        let segment::Segmented {
            mut blocks,
            mut quiet_gaps,
        } = segment::segment_into(text, scratch::reuse(std::mem::take(&mut lent.blocks)));
        if prepared.references {
            // The blocks dropped join the text between the blocks.
            quiet_gaps &= !drop_cleaned_away(&mut blocks, prepared, &self.options);
        }
        let (labels, clean, unmarked) = classify::classify_into(
            &blocks,
            std::mem::take(&mut lent.labels),
            std::mem::take(&mut lent.clean),
        );
        let (body, sizes) =
            assemble::body_spans_into(text, &blocks, &labels, std::mem::take(&mut lent.body));
        // The blocks the classifier knows to hold no quotation mark (huge ones, in a few
        // texts): the quote stage does not search them.
        let unmarked: Vec<Span> = unmarked
            .iter()
            .filter_map(|&i| Span::of_part(text, blocks.get(i)?))
            .collect();
        let mut found = quotes::find_quotes_into(
            text,
            &body,
            &unmarked,
            &self.options,
            std::mem::take(&mut lent.found),
        );
        let attributed = attribution::attribute_into(
            text,
            &body,
            &found.quotes,
            &self.options,
            std::mem::replace(&mut lent.attributions, attribution::Attributions::EMPTY),
        );
        assemble::assemble(
            article,
            prepared,
            &blocks,
            quiet_gaps,
            &labels,
            &clean,
            sizes,
            &mut found,
            &attributed,
            &self.options,
        );
        lent.blocks = scratch::reuse(blocks);
        (lent.labels, lent.clean, lent.body) = (labels, clean, body);
        (lent.found, lent.attributions) = (found.quotes, attributed);
        lent.recycle();
    }
}

/// Drops the blocks of `prepared`'s text that clean to nothing, which are no elements
/// ([`normalize::cleans_to_nothing`]), and tells whether any of those held a control
/// character ([`normalize::holds_control`]). (Out of line: few texts hold an HTML character
/// reference.)
#[inline(never)]
fn drop_cleaned_away(blocks: &mut Vec<&str>, prepared: Prepared<'_>, options: &Options) -> bool {
    let cleaning = normalize::Cleaning::of(&prepared, options.normalization());
    let mut control = false;
    blocks.retain(|b| {
        let nothing = normalize::cleans_to_nothing(b, cleaning);
        control |= nothing && normalize::holds_control(b.as_bytes());
        !nothing
    });
    control
}

/// The lists that pass from stage to stage in one parse ([`Parser::run`]) and die with it,
/// kept on each thread for the next parse ([`scratch`]): empty, with their room.
#[derive(Debug, Default)]
struct Lent {
    /// The blocks ([`segment::segment_into`]), under no text's lifetime while kept.
    blocks: Vec<&'static str>,
    /// The blocks' labels and whether each is known clean ([`classify::classify_into`]).
    labels: Vec<classify::Label>,
    clean: Vec<bool>,
    /// The body blocks' spans ([`assemble::body_spans_into`]).
    body: Vec<Span>,
    /// The quotations found ([`quotes::find_quotes_into`]).
    found: Vec<quotes::FoundQuote>,
    /// Their attributions ([`attribution::attribute_into`]).
    attributions: attribution::Attributions,
}

impl Lent {
    /// No lists (nothing allocated).
    const EMPTY: Lent = Lent {
        blocks: Vec::new(),
        labels: Vec::new(),
        clean: Vec::new(),
        body: Vec::new(),
        found: Vec::new(),
        attributions: attribution::Attributions::EMPTY,
    };

    /// Empties every list for the next parse, freeing those over
    /// [`scratch::MAX_KEPT_BYTES`].
    fn recycle(&mut self) {
        scratch::recycle(&mut self.blocks);
        scratch::recycle(&mut self.labels);
        scratch::recycle(&mut self.clean);
        scratch::recycle(&mut self.body);
        scratch::recycle(&mut self.found);
        self.attributions.recycle();
    }
}

/// Pipeline prefixes for the per-stage benches. Not part of the API: no stability promise.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// Input checks only; returns the scanned length.
    pub fn normalize(input: &str) -> usize {
        normalize::prepare(input, &Options::default()).map_or(0, |p| p.prepared.text.len())
    }

    /// Checks and segmentation; returns the number of blocks.
    pub fn segment(input: &str) -> usize {
        normalize::prepare(input, &Options::default())
            .map_or(0, |p| segment::segment(p.prepared.text).len())
    }

    /// Checks, segmentation and classification: the scanned text and the body spans.
    fn body(input: &str) -> Option<(Prepared<'_>, Vec<Span>)> {
        let p = normalize::prepare(input, &Options::default())
            .ok()?
            .prepared;
        let blocks = segment::segment(p.text);
        let (labels, _, _) = classify::classify(&blocks);
        Some((p, assemble::body_spans(p.text, &blocks, &labels).0))
    }

    /// Up to classification; returns the number of body blocks.
    pub fn classify(input: &str) -> usize {
        body(input).map_or(0, |(_, body)| body.len())
    }

    /// Up to quote finding; returns the number of quotes.
    pub fn quotes(input: &str) -> usize {
        body(input).map_or(0, |(p, body)| {
            quotes::find_quotes(p.text, &body, &Options::default())
                .quotes
                .len()
        })
    }

    /// Up to attribution; returns the number of attributed quotes.
    pub fn attribution(input: &str) -> usize {
        let o = Options::default();
        body(input).map_or(0, |(p, body)| {
            let found = quotes::find_quotes(p.text, &body, &o).quotes;
            attribution::attribute(p.text, &body, &found, &o)
                .iter()
                .filter(Option::is_some)
                .count()
        })
    }
}

/// Parses an article with the default [`Options`].
///
/// # Errors
///
/// See [`Parser::parse`].
pub fn parse(input: &str) -> Result<Article<'_>, Error> {
    Parser::default().parse(input)
}

/// Parses an article from bytes with the default [`Options`].
///
/// # Errors
///
/// See [`Parser::parse_bytes`].
pub fn parse_bytes(input: &[u8]) -> Result<Article<'_>, Error> {
    Parser::default().parse_bytes(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    /// The lists kept on a thread from parse to parse ([`scratch`]: the pipeline's [`Lent`]
    /// and each stage's own) change no article: texts parsed one after another on one thread
    /// (short after long, repeats after none, quotes after none, lists too large to be
    /// kept after small ones) give what each gives alone on a fresh thread, whose lists are
    /// empty.
    #[test]
    fn articles_are_the_same_after_other_parses_on_the_thread() {
        let parts = [
            "Council votes to close the old bridge\n\n",
            "By Jane Doe\n\n",
            "Photo: Getty Images\n",
            "The city council voted on Tuesday to close the bridge after inspectors found cracks. ",
            "\"We had no choice,\" said Mayor Ann Lee. ",
            "\u{201c}Safety first,\u{201d} she said.\n\n",
            "Lee said the repairs would take a year.\n\n",
            "Subscribe to our newsletter\n",
            "Share this article\n",
            "Related: bridges, council\n\n",
            "\"unclosed ",
            "word\n",
            "\n\n",
            // The line tests' kept strings, the dateline seam, the headline's kept map and
            // set (a site cut), the table marks (short cells by prose).
            "Jane  Doe -  Apr 16,  2015 8:02 pm UTC\n\n",
            "Photograph: Jane Roe for the Post\n\n",
            "Bridge to close after council vote | City News\n\n",
            "Bridge to close after council vote\n\n",
            "Ferry strike ends after two weeks of talks HARBOURTON: The crews went back to work on Monday.\n\n",
            "Span\n12 m\nPiers\n4\nOpened\n1911\nLanes\n2\n\n",
        ];
        let mut rng = crate::testgen::Rng::new(0x2b7e_1516);
        let mut texts: Vec<String> = (0..120)
            .map(|round| rng.text(&parts, 1 + round % 40))
            .collect();
        // Texts of more blocks, features and quotes than the kept lists hold
        // ([`scratch::MAX_KEPT_BYTES`]), among the short ones.
        texts.insert(30, "word\n".repeat(20_000));
        texts.insert(60, "\"Yes,\" he said.\n\n".repeat(12_000));
        texts.insert(90, parts.concat().repeat(300));
        let alone: Vec<String> = texts
            .iter()
            .map(|t| {
                let t = t.clone();
                std::thread::spawn(move || format!("{:?}", parse(&t)))
                    .join()
                    .expect("no panic")
            })
            .collect();
        for (t, want) in texts.iter().zip(&alone) {
            assert_eq!(&format!("{:?}", parse(t)), want, "{t:?}");
        }
        // And once more in reverse order, on the lists the first round left.
        for (t, want) in texts.iter().zip(&alone).rev() {
            assert_eq!(&format!("{:?}", parse(t)), want, "{t:?}");
        }
    }

    /// A parse from a thread-local value's destructor, run after the thread's exit has
    /// freed the kept lists, works on fresh ones: the same article, no panic (which would
    /// abort the process there).
    #[test]
    fn a_parse_after_the_kept_lists_are_gone_is_the_same() {
        const TEXT: &str = "Bridge shut\n\nBy Jane Doe\n\nThe council closed the old bridge after inspectors found cracks in two piers.\n\n\"We had no choice,\" said Mayor Ann Lee.";
        struct ParsesOnDrop(std::sync::mpsc::Sender<String>);
        impl Drop for ParsesOnDrop {
            fn drop(&mut self) {
                let _ = self.0.send(format!("{:?}", parse(TEXT)));
            }
        }
        thread_local! {
            static LAST: std::cell::RefCell<Option<ParsesOnDrop>> = const { std::cell::RefCell::new(None) };
        }
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            // Its destructor is registered first, so it runs after those of the kept
            // lists, which the parse below registers.
            LAST.with(|last| *last.borrow_mut() = Some(ParsesOnDrop(send)));
            let _ = parse(TEXT);
        })
        .join()
        .expect("no panic");
        assert_eq!(receive.recv().ok(), Some(format!("{:?}", parse(TEXT))));
    }

    /// Under [`Utf8Policy::Replace`] the article is the one parsed from the repaired copy,
    /// its spans mapped to the input, plus the diagnostics of the replaced runs; and of its
    /// texts those the repair left as they were are borrowed from the input (at the same
    /// bytes), not copied: on random texts of words, quotes, breaks, invalid bytes and
    /// U+FFFD (a valid one, which is no repair).
    /// `f` as it is: a closure given here is given its signature, which
    /// [`model::Article::remap`] does not tell it.
    fn texts_by<'a, 'b, F: FnMut(Cow<'a, str>) -> Cow<'b, str>>(f: F) -> F {
        f
    }

    #[test]
    fn replaced_articles_borrow_what_the_repair_kept() {
        let parts = [
            "Word ",
            "said ",
            "Ann Lee ",
            "\"We will,\" ",
            "\u{201c}Yes\u{201d} ",
            ". ",
            "\n",
            "\n\n",
            "  ",
            "\u{a0}",
            "\u{fffd}",
            "\u{e9}t\u{e9} ",
            "\u{ff}",
            "\u{80}",
            "\u{c3}",
            "\u{e2}\u{80}",
        ];
        let replace = Parser::new(Options::default().with_utf8_policy(Utf8Policy::Replace));
        let (mut borrowed, mut owned) = (0, 0);
        let mut rng = crate::testgen::Rng::new(0x51ed_27a3);
        for round in 0..1_500 {
            // (The invalid parts are written as chars and turned back into single bytes.)
            let text = rng.text(&parts, 1 + round % 60);
            let input: Vec<u8> = text
                .chars()
                .flat_map(|c| match c {
                    '\u{80}'..='\u{ff}' if !matches!(c, '\u{a0}' | '\u{e9}') => vec![c as u8],
                    _ => c.to_string().into_bytes(),
                })
                .collect();
            let (repaired, map, _) = normalize::repair_utf8(&input);
            let (Ok(got), Ok(want)) = (replace.parse_bytes(&input), parse(&repaired)) else {
                assert!(replace.parse_bytes(&input).is_err(), "{input:?}");
                continue;
            };
            let want = want
                .into_owned()
                .remap(&mut TextsAndSpans(|t| t, |s| map.map_span(s)));
            let mut plain = got.clone();
            plain
                .diagnostics
                .retain(|d| d.kind != DiagnosticKind::ReplacedInvalidUtf8);
            assert_eq!(plain, want, "{input:?}");
            let range = input.as_ptr_range();
            let _ = got.remap(&mut texts_by(|t: Cow<'_, str>| {
                match &t {
                    Cow::Borrowed(s) => {
                        let at = (s.as_ptr() as usize).wrapping_sub(range.start as usize);
                        assert!(range.contains(&s.as_ptr()) || s.is_empty(), "{s:?}");
                        assert_eq!(&input[at..at + s.len()], s.as_bytes());
                        borrowed += 1;
                    }
                    Cow::Owned(_) => owned += 1,
                }
                t
            }));
        }
        assert!(
            borrowed > 1_000 && owned > 100,
            "{borrowed} borrowed, {owned} owned"
        );
    }
}
