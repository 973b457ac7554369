//! Stage 6: labelled blocks, quotes and attributions → the public [`Article`].
//!
//! This is the only stage that builds text: every element's text is
//! [`clean`]ed from the bytes under its span, once. Spans are moved from the scanned text
//! to the caller's input by adding the prepared text's base offset.

use crate::attribution::{Attributions, FoundAttribution, MAX_ATTRIBUTION_BYTES};
use crate::classify::Label;
use crate::model::{
    Article, Attribution, BodyBlock, Boilerplate, BoilerplateReason, Byline, Credit, DateLine, Dek,
    Diagnostic, DiagnosticKind, Headline, Mention, Paragraph, Quote, QuoteRejection, RelatedTags,
    Subhead, Tag, TagGroup,
};
use crate::normalize::{
    clean_in, clean_noting, clean_part_of_clean, part_of_clean_is_clean, push_control_runs,
    trim_span, Cleaning, Prepared,
};
use crate::options::Options;
use crate::quotes::{FoundQuote, QuoteScan};
use crate::span::Span;
use std::borrow::Cow;
use std::cell::Cell;

/// Text and span of one element, moved to input offsets.
struct Builder<'a> {
    text: &'a str,
    base: usize,
    cleaning: Cleaning,
}

impl<'a> Builder<'a> {
    /// The [`clean`] text under `span` (empty when it is out of the text). (Out of line:
    /// [`Within::text`], inlined, calls it for the parts it cannot borrow.)
    #[inline(never)]
    fn text(&self, span: Span) -> Cow<'a, str> {
        match span.get(self.text) {
            Some(raw) => clean_in(raw, self.cleaning),
            None => Cow::Borrowed(""),
        }
    }

    /// The [`clean`] text of the block `raw`, and whether it was clean already:
    /// `known_clean` tells that it is (the classifier saw it, [`crate::classify::classify`]),
    /// and then it is not tested. (Inlined into the assembly's loop over the blocks, its one
    /// caller.)
    #[inline(always)]
    fn text_noting(&self, raw: &'a str, known_clean: bool) -> (Cow<'a, str>, bool) {
        if known_clean {
            debug_assert!(clean_noting(raw, self.cleaning).1, "{raw:?} is not clean");
            (Cow::Borrowed(raw), true)
        } else {
            clean_noting(raw, self.cleaning)
        }
    }

    /// What [`Within::text`] needs to know of the body block `block` (its span, and whether
    /// its text was clean already), told once for the several spans of its quotes
    /// ([`BlockTexts`]).
    #[inline(always)]
    fn within<'b>(&'b self, block: Option<&BodyText>) -> Within<'a, 'b> {
        let clean = block
            .filter(|b| b.clean)
            .and_then(|b| Some((b.span.get(self.text)?, b.span.start)));
        Within {
            builder: self,
            clean,
        }
    }

    fn span(&self, span: Span) -> Span {
        span.shift(self.base)
    }
}

/// The texts of the parts of one body block ([`Builder::within`]): `clean` is the block's
/// text and where it starts when its text was clean already, and a part that lies inside it
/// and neither starts nor ends with a space is then borrowed as it is
/// ([`part_of_clean_is_clean`]), without a call; any other part is cleaned by
/// [`Builder::text`].
struct Within<'a, 'b> {
    builder: &'b Builder<'a>,
    clean: Option<(&'a str, usize)>,
}

impl<'a> Within<'a, '_> {
    /// [`Builder::text`] of `span`, a part of the block: a part of a clean block that lies
    /// inside it is clean unless a space starts or ends it, told without reading the part.
    /// (Inlined into the quotes' loop, which asks it of up to five spans a quote: the tests
    /// cost less than the call.)
    #[inline(always)]
    fn text(&self, span: Span) -> Cow<'a, str> {
        match self.clean_part(span) {
            Some(raw) => Cow::Borrowed(raw),
            None => self.builder.text(span),
        }
    }

    /// The text of `span` when it is a part of the block that is clean (see
    /// [`Within::text`]), told without reading it; `None` when it may need cleaning.
    #[inline(always)]
    fn clean_part(&self, span: Span) -> Option<&'a str> {
        let (outer, start) = self.clean?;
        // The part cut from the block's text, at offsets from its start: the block's slice
        // tests that the part lies inside it (a part that starts before the block wraps
        // around to past its end), with no test of its own.
        let inner = span.start.wrapping_sub(start)..span.end.wrapping_sub(start);
        let raw = outer.get(inner)?;
        if !part_of_clean_is_clean(raw) {
            return None;
        }
        debug_assert_eq!(
            clean_part_of_clean(raw, self.builder.cleaning),
            raw,
            "{outer:?} holds {span:?}"
        );
        Some(raw)
    }

    /// [`Within::text`] of `raw`, a part of the block as a slice of the text rather than a
    /// span (the words of a rejected mark, [`crate::quotes::QuoteScan::rejected`]): told
    /// by where the slice lies, with no slicing of the text again.
    #[inline(always)]
    fn text_of(&self, raw: &'a str) -> Cow<'a, str> {
        if let Some((outer, _)) = self.clean {
            if Span::of_part(outer, raw).is_some() && part_of_clean_is_clean(raw) {
                debug_assert_eq!(clean_part_of_clean(raw, self.builder.cleaning), raw);
                return Cow::Borrowed(raw);
            }
        }
        clean_in(raw, self.builder.cleaning)
    }
}

/// The [`Within`] of the body block asked last: the quotes of a block (and its rejected
/// quotes) come one after the other, and its text is cut out once for them all.
struct BlockTexts<'a, 'b> {
    builder: &'b Builder<'a>,
    body: &'b [BodyText],
    /// The index in `body` of the block `within` was made for (`usize::MAX`, no block's,
    /// before the first).
    block: usize,
    within: Within<'a, 'b>,
}

impl<'a, 'b> BlockTexts<'a, 'b> {
    /// No block asked yet.
    fn new(builder: &'b Builder<'a>, body: &'b [BodyText]) -> Self {
        BlockTexts {
            builder,
            body,
            block: usize::MAX,
            within: builder.within(None),
        }
    }

    /// The [`Within`] of the body block `block`.
    #[inline(always)]
    fn of(&mut self, block: usize) -> &Within<'a, 'b> {
        if self.block != block {
            self.block = block;
            self.within = self.builder.within(self.body.get(block));
        }
        &self.within
    }
}

/// A body block as the quotes' texts need it: its span, and whether its text was clean
/// already (so that the texts of the quotes inside it are, but for a space at an end).
#[derive(Debug, Clone, Copy)]
struct BodyText {
    span: Span,
    clean: bool,
}

/// The spans of the blocks (slices of `text`) that go into the body, in order (the input
/// of the quote stage), and how many blocks each of the article's lists receives
/// ([`ListSizes`], for [`assemble`]): one pass over the labels for both.
#[inline]
pub(crate) fn body_spans(text: &str, blocks: &[&str], labels: &[Label]) -> (Vec<Span>, ListSizes) {
    body_spans_into(text, blocks, labels, Vec::new())
}

/// [`body_spans`], into `spans` (emptied first): a list lent from one parse to the next
/// ([`crate::scratch`]).
#[inline]
pub(crate) fn body_spans_into(
    text: &str,
    blocks: &[&str],
    labels: &[Label],
    mut spans: Vec<Span>,
) -> (Vec<Span>, ListSizes) {
    spans.clear();
    let mut sizes = ListSizes::default();
    for (block, &label) in blocks.iter().zip(labels) {
        if matches!(label, Label::Paragraph | Label::Subhead) {
            spans.push(Span::of_part(text, block).unwrap_or_default());
        }
        sizes.count(label);
    }
    (spans, sizes)
}

/// How many blocks go into each of the article's lists, by their labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ListSizes {
    body: usize,
    boilerplate: usize,
    bylines: usize,
    credits: usize,
    dates: usize,
}

impl ListSizes {
    /// The sizes for `labels`.
    #[cfg(test)]
    fn of(labels: &[Label]) -> Self {
        let mut sizes = ListSizes::default();
        for &label in labels {
            sizes.count(label);
        }
        sizes
    }

    /// Counts a block labelled `label`.
    fn count(&mut self, label: Label) {
        match label {
            Label::Paragraph | Label::Subhead => self.body += 1,
            Label::Byline => self.bylines += 1,
            Label::Credit => self.credits += 1,
            Label::Date => self.dates += 1,
            Label::Headline | Label::Dek | Label::TagHeading | Label::Tags => {}
            Label::Boilerplate(_) => self.boilerplate += 1,
        }
    }
}

/// Splits a tag line at commas, pipes, semicolons and bullets.
fn split_tags(text: &str, span: Span) -> Vec<Span> {
    let Some(s) = span.get(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ','))) {
        if matches!(c, ',' | '|' | ';' | '•' | '·') {
            let t = trim_span(text, Span::new(span.start + start, span.start + i));
            if !t.is_empty() {
                out.push(t);
            }
            start = i + c.len_utf8();
        }
    }
    out
}

/// Builds the article, into `article` (empty: [`Article::default`]), from the blocks
/// (slices of the prepared text), whether the text between them is free of control
/// characters ([`crate::segment::Segmented::quiet_gaps`]), their labels and whether each is
/// known to be clean.
/// (Inlined into its one caller, the parse: out of line, it took longer to call with its
/// many arguments than some short texts take to assemble.) The article is filled where
/// the parse's caller receives it rather than returned: returned, it was moved (a
/// `memcpy` of its 336 bytes, 64 instructions) four times on its way out of the parse's
/// layers, a tenth of what "Hello there." costs outside the classifier.
#[inline]
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble<'a>(
    article: &mut Article<'a>,
    prepared: Prepared<'a>,
    blocks: &[&'a str],
    quiet_gaps: bool,
    labels: &[Label],
    clean: &[bool],
    sizes: ListSizes,
    quotes: &mut QuoteScan<'a>,
    attributions: &Attributions,
    options: &Options,
) {
    debug_assert!(article.body.is_empty() && article.headline.is_none());
    let b = Builder {
        text: prepared.text,
        base: prepared.base,
        cleaning: Cleaning::of(&prepared, options.normalization()),
    };
    reserve(article, sizes);
    let mut related: Option<RelatedTags<'a>> = None;
    // The body blocks, by their index in the quote stage's list: kept only when there are
    // quotes or rejected marks to look them up. (The list is kept on the thread from one
    // parse to the next, [`crate::scratch`].)
    thread_local! {
        static BODY_TEXTS: Cell<Vec<BodyText>> = const { Cell::new(Vec::new()) };
    }
    // (Fresh after the thread's exit has freed it. Taken and given back by hand rather than
    // by `scratch::take_list` / `give_back_list`: inlined into the parse, those cost a text
    // of one-word blocks 0.7 instructions a byte, in the code generated for its blocks.)
    let mut body_texts: Vec<BodyText> = BODY_TEXTS.try_with(Cell::take).unwrap_or_default();
    body_texts.clear();
    let keep_body = !quotes.quotes.is_empty() || !quotes.rejected.is_empty();
    if keep_body {
        body_texts.reserve_exact(sizes.body);
    }
    let mut controls = ControlScan::new(quiet_gaps);
    // A text of clean boilerplate blocks alone (a text of one-word blocks), whose text
    // between the blocks holds no control character, is set aside by a loop of its own
    // ([`set_aside_clean`]); the usual loop then has no block left.
    // (Told by the count of the labels, and only then by reading the marks of cleanness.)
    let all_set_aside = quiet_gaps
        && sizes.boilerplate == blocks.len()
        && clean
            .get(..blocks.len())
            .is_some_and(|c| !c.contains(&false));
    let (blocks, labels, clean) = if all_set_aside {
        let taken = set_aside_clean(&mut article.boilerplate, &b, blocks, labels, clean);
        (
            blocks.get(taken..).unwrap_or_default(),
            labels.get(taken..).unwrap_or_default(),
            clean.get(taken..).unwrap_or_default(),
        )
    } else {
        (blocks, labels, clean)
    };
    for ((&raw, &label), &known_clean) in blocks.iter().zip(labels).zip(clean) {
        let block = Span::of_part(b.text, raw).unwrap_or_default();
        let (text, was_clean) = b.text_noting(raw, known_clean);
        let span = b.span(block);
        controls.block(b.text, block, was_clean);
        if keep_body && matches!(label, Label::Paragraph | Label::Subhead) {
            body_texts.push(BodyText {
                span: block,
                clean: was_clean,
            });
        }
        match label {
            Label::Headline if article.headline.is_none() => {
                article.headline = Some(Headline::new(text, span))
            }
            Label::Dek if article.dek.is_none() => article.dek = Some(Dek::new(text, span)),
            Label::Headline | Label::Dek => {
                set_aside(article, text, span, BoilerplateReason::Other)
            }
            Label::Byline => article.bylines.push(Byline::new(text, span)),
            Label::Credit => article.credits.push(Credit::new(text, span)),
            Label::Date => article.dates.push(DateLine::new(text, span)),
            Label::Paragraph => article
                .body
                .push(BodyBlock::Paragraph(Paragraph::new(text, span))),
            Label::Subhead => article
                .body
                .push(BodyBlock::Subhead(Subhead::new(text, span))),
            Label::TagHeading => match &mut related {
                None => {
                    related = Some(RelatedTags {
                        heading: Some(Mention::new(text, span)),
                        groups: Vec::new(),
                    })
                }
                Some(_) => set_aside(article, text, span, BoilerplateReason::Related),
            },
            Label::Tags => {
                let tags = split_tags(b.text, block)
                    .into_iter()
                    .map(|t| Tag::new(b.text(t), b.span(t)))
                    .collect();
                related
                    .get_or_insert_with(|| RelatedTags {
                        heading: None,
                        groups: Vec::new(),
                    })
                    .groups
                    .push(TagGroup { tags, span });
            }
            Label::Boilerplate(reason) => set_aside(article, text, span, reason),
        }
    }
    article.related = related;
    article.quotes = build_quotes(&b, &quotes.quotes, attributions, &body_texts);
    // The rejected marks are finished in the quote stage's list, which becomes the
    // article's: their words cleaned, their spans moved to the input.
    let mut rejected = std::mem::take(&mut quotes.rejected);
    let mut texts = BlockTexts::new(&b, &body_texts);
    for r in &mut rejected {
        // (The quote stage's words are always borrowed.)
        if let Cow::Borrowed(raw) = r.text {
            r.text = texts.of(r.block.unwrap_or(usize::MAX)).text_of(raw);
        }
        r.span = b.span(r.span);
    }
    crate::scratch::recycle(&mut body_texts);
    let _ = BODY_TEXTS.try_with(|kept| kept.set(body_texts));
    let b = &b;
    let diagnostic = |kind| {
        move |span: Span| Diagnostic {
            kind,
            span: b.span(span),
        }
    };
    let unbalanced = rejected
        .iter()
        .filter(|r| {
            matches!(
                r.reason,
                QuoteRejection::Unbalanced | QuoteRejection::TooLong
            )
        })
        .map(|r| Diagnostic {
            kind: DiagnosticKind::UnbalancedQuote,
            span: r.span,
        });
    let controls = controls
        .finish(prepared.text)
        .into_iter()
        .map(diagnostic(DiagnosticKind::ControlCharacters));
    let mut diagnostics = merge_by_span(unbalanced, controls);
    if article.body.is_empty() {
        let whole = Span::new(0, prepared.text.len());
        diagnostics = merge_by_span(
            diagnostics.into_iter(),
            std::iter::once(diagnostic(DiagnosticKind::NoBody)(whole)),
        );
    }
    article.diagnostics = diagnostics;
    article.rejected_quotes = rejected;
}

/// The runs of control characters of the text ([`crate::normalize::control_runs`]), found
/// part by part as the blocks go by: a block that cleaning leaves unchanged holds none, so
/// it is not read again. When the text between the blocks holds none either (`quiet_gaps`,
/// most texts), only the blocks that are not clean are read; otherwise the text between the
/// blocks is read too, and the clean blocks of [`MIN_PASSED_OVER`] bytes or more are
/// passed over.
#[derive(Debug, Default)]
struct ControlScan {
    /// The text between the blocks holds no control character.
    quiet_gaps: bool,
    /// Where the part not yet read starts (when the text between the blocks is read).
    read_to: usize,
    /// The runs found so far, in order.
    runs: Vec<Span>,
}

/// The shortest clean block that [`ControlScan`] is told to pass over: reading the part
/// before it separately costs a little, which a short block does not pay back.
const MIN_PASSED_OVER: usize = 64;

impl ControlScan {
    /// A scan of a text whose text between the blocks holds no control character when
    /// `quiet_gaps` ([`crate::segment::Segmented::quiet_gaps`]).
    fn new(quiet_gaps: bool) -> Self {
        ControlScan {
            quiet_gaps,
            ..ControlScan::default()
        }
    }

    /// Notes the block `span`, which lies after those noted before, and whether cleaning
    /// left it unchanged (`clean`: then it holds no control character, which cleaning
    /// drops).
    #[inline]
    fn block(&mut self, text: &str, span: Span, clean: bool) {
        if self.quiet_gaps {
            if !clean {
                self.runs = push_control_runs(text, span, std::mem::take(&mut self.runs));
            }
        } else if clean && span.len() >= MIN_PASSED_OVER {
            self.pass_over(text, span);
        }
    }

    /// Notes that the block `span`, which lies after those noted before, holds no control
    /// character, and reads the text before it.
    fn pass_over(&mut self, text: &str, span: Span) {
        if span.start >= self.read_to {
            let before = Span::new(self.read_to, span.start);
            self.runs = push_control_runs(text, before, std::mem::take(&mut self.runs));
            self.read_to = span.end;
        }
    }

    /// The runs of `text`, once every block has gone by.
    fn finish(self, text: &str) -> Vec<Span> {
        let runs = if self.quiet_gaps {
            self.runs
        } else {
            push_control_runs(text, Span::new(self.read_to, text.len()), self.runs)
        };
        debug_assert_eq!(
            runs,
            crate::normalize::control_runs(text),
            "the control runs found block by block are the text's"
        );
        runs
    }
}

/// Sets a block aside as boilerplate, its text moved into the list (not copied).
fn set_aside<'a>(
    article: &mut Article<'a>,
    text: Cow<'a, str>,
    span: Span,
    reason: BoilerplateReason,
) {
    article.boilerplate.push(Boilerplate { text, span, reason });
}

/// Sets aside the blocks `blocks` from the first up to the first one whose label is not
/// boilerplate or that is not known clean (`labels`, `clean`), as the assembly's loop
/// does, and tells how many it took: their texts are borrowed as they are (the text
/// between the blocks is known to hold no control character, so the [`ControlScan`] has
/// nothing to note of them). A text of one-word blocks is one run of them.
///
/// The run is counted first, from the labels and marks alone (a text whose blocks are all
/// in it told by [`all_clean_boilerplate`], with no test a block), then its records are
/// written by one `extend` of an iterator of known length: one room test for the run, and
/// no length stored nor room tested a block, where a push a block took ~41 instructions
/// (~34 now, on one-word blocks). The same records in the same order as the pushes: every
/// block of the run has a boilerplate label (what the count tells), whose reason its
/// record takes.
#[inline(never)]
fn set_aside_clean<'a>(
    boilerplate: &mut Vec<Boilerplate<'a>>,
    b: &Builder<'a>,
    blocks: &[&'a str],
    labels: &[Label],
    clean: &[bool],
) -> usize {
    let taken = if all_clean_boilerplate(blocks.len(), labels, clean) {
        blocks.len()
    } else {
        labels
            .iter()
            .zip(clean)
            .take(blocks.len())
            .take_while(|&(&label, &known_clean)| {
                matches!(label, Label::Boilerplate(_)) && known_clean
            })
            .count()
    };
    let (Some(blocks), Some(labels)) = (blocks.get(..taken), labels.get(..taken)) else {
        return 0;
    };
    boilerplate.extend(blocks.iter().zip(labels).map(|(&raw, &label)| {
        debug_assert!(clean_noting(raw, b.cleaning).1, "{raw:?} is not clean");
        // (Every label of the run is boilerplate: the other reason is never taken.)
        let reason = match label {
            Label::Boilerplate(reason) => reason,
            _ => BoilerplateReason::Other,
        };
        Boilerplate {
            text: Cow::Borrowed(raw),
            span: b.span(Span::of_part(b.text, raw).unwrap_or_default()),
            reason,
        }
    }));
    taken
}

/// Whether the first `n` blocks all have a boilerplate label (`labels`) and are known clean
/// (`clean`), as in a text of one-word blocks, where every block is: told by a walk with no
/// exit, which the compiler makes a few instructions a block, for [`set_aside_clean`] to
/// take them all without a test a block. (False when either list is shorter.)
fn all_clean_boilerplate(n: usize, labels: &[Label], clean: &[bool]) -> bool {
    let (Some(labels), Some(clean)) = (labels.get(..n), clean.get(..n)) else {
        return false;
    };
    labels.iter().fold(true, |all, &label| {
        all & matches!(label, Label::Boilerplate(_))
    }) && !clean.contains(&false)
}

/// Room in the article's lists for the blocks their labels send there (`sizes`), so that a
/// text of many short blocks fills each list once rather than growing it copy after copy.
fn reserve(article: &mut Article<'_>, sizes: ListSizes) {
    article.body.reserve_exact(sizes.body);
    article.boilerplate.reserve_exact(sizes.boilerplate);
    article.bylines.reserve_exact(sizes.bylines);
    article.credits.reserve_exact(sizes.credits);
    article.dates.reserve_exact(sizes.dates);
}

/// The diagnostics of `a` and of `b`, each already in span order, in span order: a merge,
/// which keeps `a`'s before `b`'s at the same span (as a stable sort of `a` then `b` would),
/// without a sort's scratch copy of what may be millions of unbalanced-quote notes. Should
/// either not be in order after all, the result is sorted (stably) rather than left out of
/// order.
// The test for two empty lists (most texts: no unbalanced mark, no control character) is
// inlined into the assembly; the merge is not.
#[inline(always)]
fn merge_by_span(
    a: impl Iterator<Item = Diagnostic>,
    b: impl Iterator<Item = Diagnostic>,
) -> Vec<Diagnostic> {
    if a.size_hint().1 == Some(0) && b.size_hint().1 == Some(0) {
        return Vec::new();
    }
    merge_by_span_in(a, b)
}

/// [`merge_by_span`] of lists that may not be empty.
#[inline(never)]
fn merge_by_span_in(
    a: impl Iterator<Item = Diagnostic>,
    b: impl Iterator<Item = Diagnostic>,
) -> Vec<Diagnostic> {
    let key = |d: &Diagnostic| (d.span.start, d.span.end);
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let mut out = Vec::with_capacity(a.size_hint().0 + b.size_hint().0);
    loop {
        let take_b = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => key(y) < key(x),
            (None, Some(_)) => true,
            (_, None) => false,
        };
        match if take_b { b.next() } else { a.next() } {
            Some(d) => out.push(d),
            None => break,
        }
    }
    if !out.is_sorted_by_key(key) {
        out.sort_by_key(key);
    }
    out
}

/// Builds the quotes of a text that is only body paragraphs.
pub(crate) fn assemble_quotes<'a>(
    prepared: Prepared<'a>,
    quotes: &QuoteScan,
    attributions: &Attributions,
    options: &Options,
) -> Vec<Quote<'a>> {
    let b = Builder {
        text: prepared.text,
        base: prepared.base,
        cleaning: Cleaning::of(&prepared, options.normalization()),
    };
    build_quotes(&b, &quotes.quotes, attributions, &[])
}

/// The public quotes, with their attributions; `body` is what is known of the body blocks
/// (see [`BodyText`]), by index, or empty.
fn build_quotes<'a>(
    b: &Builder<'a>,
    quotes: &[FoundQuote],
    attributions: &Attributions,
    body: &[BodyText],
) -> Vec<Quote<'a>> {
    // Two lists of the same length: the quotes' list is made in one step of its exact size.
    quotes_with(b, quotes, attributions.iter(), body)
}

/// [`build_quotes`], the attributions read from `attributions`.
fn quotes_with<'a>(
    b: &Builder<'a>,
    quotes: &[FoundQuote],
    attributions: impl Iterator<Item = Option<FoundAttribution>>,
    body: &[BodyText],
) -> Vec<Quote<'a>> {
    let mut texts = BlockTexts::new(b, body);
    // The last speaker, mention and descriptor cleaned: the quotes resolved to one person
    // share their spans, which are cleaned once rather than once a quote (NFKC of a long
    // name took 80 µs a quote).
    let (mut speakers, mut mentions, mut descriptors) = (
        LastText::default(),
        LastText::default(),
        LastText::default(),
    );
    // The bytes of attribution text that cleaning copied.
    let mut copied = 0;
    let mut budget = OwnedBudget::for_text(b.text.len());
    // (The loop's state moved into its closure, which owns it: borrowed, every read and
    // write of the last texts, the count of copies and the budget went to this frame
    // through the closure's references, and one pass of the quote paragraphs cost 0.09
    // instructions a byte more, the seed variants 0.03, the web pages 0.04.)
    quotes
        .iter()
        .zip(attributions)
        .map(move |(q, a)| {
            // The quote's block: the attribution's words most often lie in it too (the
            // speaker found in an earlier block does not, and is read).
            let within = texts.of(q.block());
            let text = |span| within.text(span);
            let before = copied;
            let mut attribution = a.map(|a| Attribution {
                speaker: speakers.get(a.speaker, within, &mut copied),
                mention: a
                    .mention
                    .map(|m| Mention::new(mentions.get(m, within, &mut copied), b.span(m))),
                descriptor: a
                    .descriptor
                    .map(|d| descriptors.get(d, within, &mut copied)),
                verb: a.verb.map(|v| counted(text(v), &mut copied)),
                resolution: a.resolution,
            });
            // The bounds, for a quote whose attribution texts cleaning copied (one whose
            // texts are all borrowed has them within their spans' bounds already, and costs
            // nothing): at once, so that a copy past the budget is given back at once.
            if copied > before {
                budget.admit(&mut attribution);
            }
            Quote {
                text: text(q.content()),
                span: b.span(q.content()),
                block: Some(q.block()),
                kind: q.kind,
                open_ended: q.close().is_none(),
                attribution,
            }
        })
        .collect()
}

/// `t`, its length added to `copied` when cleaning copied it.
#[inline(always)]
fn counted<'a>(t: Cow<'a, str>, copied: &mut usize) -> Cow<'a, str> {
    if let Cow::Owned(copy) = &t {
        *copied += copy.len();
    }
    t
}

/// The cleaned text of the span asked last ([`quotes_with`]). A span's cleaned text is the
/// same whichever block asks for it ([`Within::text`] borrows only what cleaning would).
/// Only a text that cleaning copied is kept: a borrowed one costs less to take again than to
/// keep (most of them).
#[derive(Default)]
struct LastText<'a> {
    last: Option<(Span, String)>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> LastText<'a> {
    /// [`Within::text`] of `span`, taken from the last text kept when it is that span's; its
    /// length added to `copied` when it is a copy.
    #[inline(always)]
    fn get(&mut self, span: Span, within: &Within<'a, '_>, copied: &mut usize) -> Cow<'a, str> {
        if let Some(raw) = within.clean_part(span) {
            return Cow::Borrowed(raw);
        }
        if let Some((s, t)) = &self.last {
            if *s == span {
                *copied += t.len();
                return Cow::Owned(t.clone());
            }
        }
        let t = within.builder.text(span);
        if let Cow::Owned(copy) = &t {
            *copied += copy.len();
            self.last = Some((span, copy.clone()));
        }
        t
    }
}

/// The bytes of attribution text that cleaning copies, for all the quotes of an article
/// together. Every quote resolved to a person ("he said", a surname, a continuation) cleans
/// the person's name, mention and role again from the same spans, and when cleaning changes
/// them (a double space, a line break, NBSP, a decomposed accent, a compatibility form under
/// NFKC) each quote holds its own copy: a paragraph of `"a." "a." …` after one speaker of
/// 500 bytes with a double space held 1 KB of copies per 5 input bytes (240 times the input),
/// and NFKC, which can make a 512-byte span 11 times longer, 1,800 times. Real text copies
/// far less than the input's length; past [`OwnedBudget::FACTOR`] times it (and a floor),
/// copied mentions and descriptors are left out, then attributions whose speaker is a copy.
struct OwnedBudget {
    left: usize,
}

impl OwnedBudget {
    /// Copies allowed per byte of text.
    const FACTOR: usize = 4;
    /// Copies always allowed, however short the text.
    const FLOOR: usize = 1 << 20;

    fn for_text(len: usize) -> Self {
        OwnedBudget {
            left: len.saturating_mul(Self::FACTOR).saturating_add(Self::FLOOR),
        }
    }

    /// Keeps the attribution in `slot` within the bounds: the 512-byte bound on the cleaned
    /// texts as on their spans (cleaning can lengthen them: a speaker that long is not kept,
    /// a mention or descriptor that long is left out), and the copies within what is left
    /// of the budget (past it, copied mentions and descriptors are left out, then the
    /// attribution if its speaker or verb is a copy). (Out of line: asked only of the
    /// attributions with a copied text, which most articles have none of.)
    #[cold]
    #[inline(never)]
    fn admit(&mut self, slot: &mut Option<Attribution<'_>>) {
        // (A `Cow`, not its `str`: whether it owns its text is the question.)
        #[allow(clippy::ptr_arg)]
        fn copied(c: &Cow<'_, str>) -> usize {
            match c {
                Cow::Owned(s) => s.len(),
                Cow::Borrowed(_) => 0,
            }
        }
        let Some(a) = slot else {
            return;
        };
        if a.speaker.len() > MAX_ATTRIBUTION_BYTES {
            *slot = None;
            return;
        }
        if a.mention
            .as_ref()
            .is_some_and(|m| m.text.len() > MAX_ATTRIBUTION_BYTES)
        {
            a.mention = None;
        }
        if a.descriptor
            .as_ref()
            .is_some_and(|d| d.len() > MAX_ATTRIBUTION_BYTES)
        {
            a.descriptor = None;
        }
        let fixed = copied(&a.speaker) + a.verb.as_ref().map_or(0, copied);
        let mention_copy = a.mention.as_ref().map_or(0, |m| copied(&m.text));
        let descriptor_copy = a.descriptor.as_ref().map_or(0, copied);
        let mut cost = fixed + mention_copy + descriptor_copy;
        if cost > self.left {
            if mention_copy > 0 {
                a.mention = None;
            }
            if descriptor_copy > 0 {
                a.descriptor = None;
            }
            cost = fixed;
            if cost > self.left {
                *slot = None;
                return;
            }
        }
        self.left -= cost;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::clean;
    use crate::options::Normalization;

    /// A paragraph of `quotes` short quotes after one quote whose speaker, mention and role
    /// cleaning copies (double spaces): every later quote continues it and carries them.
    fn continued_speaker(quotes: usize) -> String {
        let name = (0..12)
            .map(|i| format!("Abcdefghijklmnopqrstuvwxyz{}", char::from(b'a' + i)))
            .collect::<Vec<_>>()
            .join("  ");
        format!(
            "Harbour city votes to close its old swing bridge\n\n\
             \"We did not take this decision lightly,\" said Kremlin  spokesman  {name}. {}\n",
            "\"a.\" ".repeat(quotes)
        )
    }

    /// The bytes of attribution text that the quotes of `a` own (copies made by cleaning).
    fn copied(a: &Article<'_>) -> usize {
        let own = |c: &Cow<'_, str>| match c {
            Cow::Owned(s) => s.len(),
            Cow::Borrowed(_) => 0,
        };
        a.quotes
            .iter()
            .filter_map(|q| q.attribution.as_ref())
            .map(|t| {
                own(&t.speaker)
                    + t.mention.as_ref().map_or(0, |m| own(&m.text))
                    + t.descriptor.as_ref().map_or(0, own)
                    + t.verb.as_ref().map_or(0, own)
            })
            .sum()
    }

    /// The copies of attribution text an article holds stay within
    /// [`OwnedBudget::FACTOR`] times its text and [`OwnedBudget::FLOOR`]: past them the
    /// quotes lose their copied mention and role, then their attribution, in order; below
    /// them (any real article) nothing is left out.
    #[test]
    fn copies_of_attribution_texts_keep_to_the_budget() {
        // Few quotes: every one carries the whole attribution.
        let text = continued_speaker(200);
        let a = crate::parse(&text).unwrap();
        assert_eq!(a.quotes.len(), 201);
        for q in &a.quotes {
            let t = q.attribution.as_ref().expect("attributed");
            assert_eq!(t.speaker.len(), 12 * 27 + 11);
            assert!(t.mention.is_some() && t.descriptor.is_some());
        }
        assert!(copied(&a) > 200 * 2 * 12 * 27, "{}", copied(&a));
        // Many: the copies stop at the budget, the first quotes keep theirs.
        let text = continued_speaker(8_000);
        let a = crate::parse(&text).unwrap();
        assert_eq!(a.quotes.len(), 8_001);
        let budget = OwnedBudget::FACTOR * text.len() + OwnedBudget::FLOOR;
        let held = copied(&a);
        assert!(
            held <= budget && held > budget - 2_000,
            "{held} of {budget}"
        );
        let first = a.quotes[0].attribution.as_ref().expect("attributed");
        assert!(first.mention.is_some() && first.descriptor.is_some());
        let last = &a.quotes[8_000];
        assert!(last.attribution.is_none(), "{:?}", last.attribution);
        // In order: whole, then without copied mention and role, then none.
        let stage = |q: &Quote<'_>| match &q.attribution {
            Some(t) if t.mention.is_some() => 0,
            Some(_) => 1,
            None => 2,
        };
        assert!(a.quotes.windows(2).all(|w| stage(&w[0]) <= stage(&w[1])));
    }

    /// The 512-byte bound holds for the cleaned texts as for their spans: a speaker whose
    /// span fits but whose text cleaning makes longer (NFKC of U+FDFA, 3 bytes to 33)
    /// attributes nothing.
    #[test]
    fn cleaned_speakers_over_the_bound_attribute_nothing() {
        let parser = crate::Parser::new(
            crate::Options::default().with_normalization(crate::Normalization::Nfkc),
        );
        for (letters, attributed) in [(4, true), (30, false)] {
            let name = format!("Ann Lee{}", "\u{fdfa}".repeat(letters));
            let text = format!("\"We will win,\" said {name}.\n");
            let a = parser.parse(&text).unwrap();
            let q = &a.quotes[0];
            assert_eq!(
                q.attribution.is_some(),
                attributed,
                "{letters}: {:?}",
                q.attribution
            );
        }
    }

    /// A part of a block is given the text that cleaning it gives, whether the block was
    /// clean or not, the part lies inside it, starts before it or ends after it, or a space
    /// starts or ends it; asked through [`BlockTexts`], of the blocks in any order.
    #[test]
    fn parts_within_a_block_are_cleaned_as_alone() {
        let text = "He said \u{201c}caf\u{e9} au lait\u{201d} and left.  Then  more";
        let clean_end = text.find("  Then").unwrap_or(0);
        let clean_start = text.find("caf").unwrap_or(0);
        let builder = Builder {
            text,
            base: 0,
            cleaning: Cleaning::any(Normalization::Nfc),
        };
        let blocks = [
            BodyText {
                span: Span::new(0, clean_end),
                clean: true,
            },
            BodyText {
                span: Span::new(0, text.len()),
                clean: false,
            },
            BodyText {
                span: Span::new(clean_start, clean_end),
                clean: true,
            },
        ];
        let mut texts = BlockTexts::new(&builder, &blocks);
        for (i, block) in [0, 1, 2, 0, 3, 2, 2]
            .into_iter()
            .map(|i| (i, blocks.get(i)))
        {
            let within = builder.within(block);
            for start in 0..=text.len() {
                for end in start..=text.len() + 1 {
                    let span = Span::new(start, end);
                    let want = span
                        .get(text)
                        .map_or(Cow::Borrowed(""), |raw| clean(raw, Normalization::Nfc));
                    assert_eq!(within.text(span), want, "{span:?} in {block:?}");
                    assert_eq!(texts.of(i).text(span), want, "{span:?} in {block:?}");
                    if let Some(raw) = span.get(text) {
                        assert_eq!(within.text_of(raw), want, "{span:?} in {block:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn tags_split_at_separators() {
        let text = "Russia, Syria | ISIL;  War •x";
        let got: Vec<&str> = split_tags(text, Span::new(0, text.len()))
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, ["Russia", "Syria", "ISIL", "War", "x"]);
    }

    fn note(kind: DiagnosticKind, start: usize, end: usize) -> Diagnostic {
        Diagnostic {
            kind,
            span: Span::new(start, end),
        }
    }

    /// The merge is what a stable sort of the two lists one after the other gives, whether
    /// or not they come in order.
    #[test]
    fn diagnostics_merge_as_a_stable_sort_would() {
        use DiagnosticKind::{ControlCharacters as C, NoBody as N, UnbalancedQuote as U};
        let cases = [
            (
                vec![(U, 0, 4), (U, 9, 12)],
                vec![(C, 3, 5), (C, 9, 12), (C, 20, 21)],
            ),
            (vec![], vec![(C, 1, 2)]),
            (vec![(U, 5, 6), (U, 0, 2)], vec![(N, 0, 30), (C, 5, 6)]),
            (vec![(U, 0, 30)], vec![(N, 0, 30)]),
            (vec![], vec![]),
        ];
        for (a, b) in cases {
            let a: Vec<Diagnostic> = a.into_iter().map(|(k, s, e)| note(k, s, e)).collect();
            let b: Vec<Diagnostic> = b.into_iter().map(|(k, s, e)| note(k, s, e)).collect();
            let mut want: Vec<Diagnostic> = a.iter().chain(&b).cloned().collect();
            want.sort_by_key(|d| (d.span.start, d.span.end));
            assert_eq!(merge_by_span(a.into_iter(), b.into_iter()), want);
        }
        // Lists whose length is not told beforehand (a filter, as the unbalanced marks are).
        let one = [note(U, 2, 3)];
        let none = || one.iter().filter(|_| false).cloned();
        assert_eq!(merge_by_span(none(), none()), []);
        assert_eq!(merge_by_span(none(), one.iter().cloned()), one);
        assert_eq!(merge_by_span(one.iter().cloned(), none()), one);
    }

    #[test]
    fn control_scan_passing_over_clean_blocks_finds_every_run() {
        let text = format!(
            "\x01{}\x02\x03\n\u{9c}{}\x7f\n{}\n\x04",
            "a".repeat(70),
            "b".repeat(64),
            "c".repeat(10)
        );
        let mut scan = ControlScan::default();
        let mut start = 0;
        for line in text.split('\n') {
            let core = line.trim_matches(|c: char| c.is_control());
            let at = start + line.find(core).unwrap_or(0);
            if core.len() >= MIN_PASSED_OVER {
                scan.pass_over(&text, Span::new(at, at + core.len()));
            }
            start += line.len() + 1;
        }
        assert_eq!(scan.finish(&text), crate::normalize::control_runs(&text));
    }

    /// With the text between the blocks known to hold no control character, the runs that
    /// the scan finds in the blocks that are not clean (all that it reads) are every run of
    /// the text.
    #[test]
    fn control_scan_of_quiet_gaps_reads_unclean_blocks() {
        let blocks = [
            format!("a\x01{}\x02\x03b", "a".repeat(70)),
            "b".repeat(64),
            "c\u{9c}d\x7fe".to_string(),
            "plain".to_string(),
            "x\x04y".to_string(),
        ];
        let text = format!(
            "{}\n\n{}\n{} \n\t{}\r\n{}",
            &blocks[0], &blocks[1], &blocks[2], &blocks[3], &blocks[4]
        );
        let mut scan = ControlScan::new(true);
        let mut from = 0;
        for block in &blocks {
            let at = from + text[from..].find(block.as_str()).unwrap();
            let clean = crate::normalize::control_runs(block).is_empty();
            scan.block(&text, Span::new(at, at + block.len()), clean);
            from = at + block.len();
        }
        let runs = crate::normalize::control_runs(&text);
        assert_eq!(runs.len(), 5);
        assert_eq!(scan.finish(&text), runs);
    }

    #[test]
    fn clean_boilerplate_runs_are_set_aside_as_the_loop_would() {
        // `set_aside_clean` against the assembly loop's own steps for a block (its text
        // noted clean, its span moved to the input, `set_aside`), on random blocks, labels
        // and marks of cleanness: it takes the blocks up to the first that is not clean
        // boilerplate, and sets them aside alike.
        let mut rng = crate::testgen::Rng::new(0x5eed_0052);
        let parts = [
            "word",
            "Two words",
            "caf\u{e9}",
            "a  b",
            "x\u{1}y",
            "more text",
        ];
        let kinds = [
            Label::Boilerplate(BoilerplateReason::Navigation),
            Label::Boilerplate(BoilerplateReason::Duplicate),
            Label::Boilerplate(BoilerplateReason::Promo),
            Label::Paragraph,
            Label::Byline,
            Label::Headline,
        ];
        for _ in 0..2_000 {
            let n = rng.below(12);
            let words: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
            let text = words.join("\n\n");
            let blocks = blocks_of(&text, &words);
            let labels: Vec<Label> = (0..n)
                .map(|_| kinds[rng.below(kinds.len()).min(rng.below(kinds.len()))])
                .collect();
            // A block is told clean only when it is (as the classifier tells it).
            let clean: Vec<bool> = blocks
                .iter()
                .map(|raw| rng.below(5) > 0 && clean(raw, Normalization::default()) == *raw)
                .collect();
            assert_set_aside_as_the_loop(&text, 7, &blocks, &labels, &clean);
        }
    }

    /// The blocks of `text`, `words` joined by blank lines: each word's place in it.
    fn blocks_of<'a>(text: &'a str, words: &[&str]) -> Vec<&'a str> {
        let mut from = 0;
        words
            .iter()
            .map(|w| {
                let block = &text[from..from + w.len()];
                from += w.len() + 2;
                block
            })
            .collect()
    }

    /// `set_aside_clean` on `blocks` of `text` (its input at `base`) against
    /// [`set_aside_by_the_loop`]: the same count and the same records.
    fn assert_set_aside_as_the_loop(
        text: &str,
        base: usize,
        blocks: &[&str],
        labels: &[Label],
        clean: &[bool],
    ) {
        let b = Builder {
            text,
            base,
            cleaning: Cleaning::any(Normalization::default()),
        };
        let mut got = Vec::new();
        let taken = set_aside_clean(&mut got, &b, blocks, labels, clean);
        let (expected_taken, want) = set_aside_by_the_loop(&b, blocks, labels, clean);
        assert_eq!(taken, expected_taken, "{blocks:?} {labels:?} {clean:?}");
        assert_eq!(got, want, "{blocks:?} {labels:?} {clean:?}");
    }

    /// The assembly loop's own steps for the blocks up to the first that is not clean
    /// boilerplate (each text noted clean, its span moved to the input, `set_aside`): how
    /// many it sets aside, and the records.
    fn set_aside_by_the_loop<'a>(
        b: &Builder<'a>,
        blocks: &[&'a str],
        labels: &[Label],
        clean: &[bool],
    ) -> (usize, Vec<Boilerplate<'a>>) {
        let mut want = Article::default();
        let mut taken = 0;
        for ((&raw, &label), &known_clean) in blocks.iter().zip(labels).zip(clean) {
            let Label::Boilerplate(reason) = label else {
                break;
            };
            if !known_clean {
                break;
            }
            let block = Span::of_part(b.text, raw).unwrap_or_default();
            let (text, was_clean) = b.text_noting(raw, known_clean);
            assert!(was_clean);
            set_aside(&mut want, text, b.span(block), reason);
            taken += 1;
        }
        (taken, want.boilerplate)
    }

    /// Every label a block may have, each boilerplate reason among them.
    const ALL_LABELS: [Label; 24] = {
        use BoilerplateReason as R;
        [
            Label::Headline,
            Label::Dek,
            Label::Byline,
            Label::Credit,
            Label::Date,
            Label::Paragraph,
            Label::Subhead,
            Label::TagHeading,
            Label::Tags,
            Label::Boilerplate(R::Promo),
            Label::Boilerplate(R::Newsletter),
            Label::Boilerplate(R::Social),
            Label::Boilerplate(R::Navigation),
            Label::Boilerplate(R::SignIn),
            Label::Boilerplate(R::Comments),
            Label::Boilerplate(R::Advertisement),
            Label::Boilerplate(R::Copyright),
            Label::Boilerplate(R::ContinueReading),
            Label::Boilerplate(R::Related),
            Label::Boilerplate(R::Cookie),
            Label::Boilerplate(R::Duplicate),
            Label::Boilerplate(R::Other),
            // (Twice: the lists below are mostly boilerplate.)
            Label::Boilerplate(R::Other),
            Label::Boilerplate(R::Duplicate),
        ]
    };

    /// `all_clean_boilerplate` against the plain rule (both lists hold `n` entries or more,
    /// the first `n` labels are all boilerplate and the first `n` marks all clean), on long
    /// runs (past its wide steps of 32 and 8 labels and their tails) of boilerplate of every
    /// reason and clean marks, with now and then one other label or one mark not clean
    /// anywhere in them, and lists cut shorter than `n`.
    #[test]
    fn all_clean_boilerplate_is_the_plain_rule() {
        let mut rng = crate::testgen::Rng::new(0x0e55_0b1c);
        let (mut all, mut some) = (0, 0);
        for _ in 0..20_000 {
            let n = rng.below(100);
            // Boilerplate alone, or of every label.
            let kinds = if rng.below(3) > 0 { 9 } else { 0 };
            let mut labels: Vec<Label> = (0..n + rng.below(3))
                .map(|_| ALL_LABELS[kinds + rng.below(ALL_LABELS.len() - kinds)])
                .collect();
            let mut clean = vec![true; n + rng.below(3)];
            if n > 0 && rng.below(2) == 0 {
                let at = rng.below(n);
                match rng.below(4) {
                    0 => labels[at] = ALL_LABELS[rng.below(9)],
                    1 => clean[at] = false,
                    2 => labels.truncate(at),
                    _ => clean.truncate(at),
                }
            }
            let plain = labels.len() >= n
                && clean.len() >= n
                && labels[..n]
                    .iter()
                    .all(|l| matches!(l, Label::Boilerplate(_)))
                && clean[..n].iter().all(|&c| c);
            assert_eq!(
                all_clean_boilerplate(n, &labels, &clean),
                plain,
                "{n} {labels:?} {clean:?}"
            );
            (all, some) = (all + usize::from(plain), some + usize::from(!plain));
        }
        assert!(all > 1_000 && some > 1_000, "{all} {some}");
    }

    /// `set_aside_clean` against the assembly loop's steps on texts of many one-word blocks
    /// (the texts it is for): long runs of clean boilerplate of every reason, all set aside
    /// at once ([`all_clean_boilerplate`]) or, with one block that is not, up to it.
    #[test]
    fn long_clean_boilerplate_runs_are_set_aside_as_the_loop_would() {
        let mut rng = crate::testgen::Rng::new(0x5eed_0055);
        let parts = ["word", "Two", "caf\u{e9}"];
        for _ in 0..500 {
            let n = rng.below(80);
            let words: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
            let text = words.join("\n\n");
            let blocks = blocks_of(&text, &words);
            let mut labels: Vec<Label> = (0..n)
                .map(|_| ALL_LABELS[9 + rng.below(ALL_LABELS.len() - 9)])
                .collect();
            let mut clean = vec![true; n];
            if n > 0 && rng.below(2) == 0 {
                let at = rng.below(n);
                if rng.below(2) == 0 {
                    labels[at] = ALL_LABELS[rng.below(9)];
                } else {
                    clean[at] = false;
                }
            }
            assert_set_aside_as_the_loop(&text, 3, &blocks, &labels, &clean);
        }
    }

    #[test]
    fn lists_are_reserved_for_their_blocks() {
        let mut article = Article::default();
        let labels = [
            Label::Paragraph,
            Label::Subhead,
            Label::Boilerplate(BoilerplateReason::Promo),
            Label::Byline,
            Label::Paragraph,
        ];
        reserve(&mut article, ListSizes::of(&labels));
        assert!(article.body.capacity() >= 3);
        assert!(article.boilerplate.capacity() >= 1);
        assert!(article.bylines.capacity() >= 1);
        assert_eq!(article.dates.capacity(), 0);
    }

    #[test]
    fn body_spans_count_the_lists_as_the_labels_do() {
        let labels = [
            Label::Headline,
            Label::Paragraph,
            Label::Boilerplate(BoilerplateReason::Promo),
            Label::Subhead,
            Label::Byline,
            Label::Date,
            Label::Credit,
            Label::Tags,
            Label::Paragraph,
        ];
        let text = "a ".repeat(labels.len());
        let blocks: Vec<&str> = (0..labels.len()).map(|i| &text[2 * i..2 * i + 1]).collect();
        let (spans, sizes) = body_spans(&text, &blocks, &labels);
        assert_eq!(spans, [Span::new(2, 3), Span::new(6, 7), Span::new(16, 17)]);
        let expected = ListSizes {
            body: 3,
            boilerplate: 1,
            bylines: 1,
            credits: 1,
            dates: 1,
        };
        assert_eq!(sizes, expected);
        assert_eq!(ListSizes::of(&labels), expected);
    }
}
