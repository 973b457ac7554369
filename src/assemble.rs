//! Stage 6: labelled blocks, quotes and attributions → the public [`Article`].
//!
//! This is the only stage that builds text: every element's text is
//! [`clean`]ed from the bytes under its span, once. Spans are moved from the scanned text
//! to the caller's input by adding the prepared text's base offset.

use crate::attribution::FoundAttribution;
use crate::classify::Label;
use crate::model::{
    Article, Attribution, BodyBlock, Boilerplate, BoilerplateReason, Byline, Credit, DateLine, Dek,
    Diagnostic, DiagnosticKind, Headline, Mention, Paragraph, Quote, QuoteRejection, RejectedQuote,
    RelatedTags, Subhead, Tag, TagGroup,
};
use crate::normalize::{clean, control_runs, trim_span, Prepared};
use crate::options::{Normalization, Options};
use crate::quotes::QuoteScan;
use crate::segment::Block;
use crate::span::Span;
use std::borrow::Cow;

/// Text and span of one element, moved to input offsets.
struct Builder<'a> {
    text: &'a str,
    base: usize,
    form: Normalization,
}

impl<'a> Builder<'a> {
    fn text(&self, span: Span) -> Cow<'a, str> {
        match span.get(self.text) {
            Some(raw) => clean(raw, self.form),
            None => Cow::Borrowed(""),
        }
    }

    fn span(&self, span: Span) -> Span {
        span.shift(self.base)
    }

    fn mention(&self, span: Span) -> Mention<'a> {
        Mention::new(self.text(span), self.span(span))
    }
}

/// The spans of the blocks that go into the body, in order (the input of the quote stage).
pub(crate) fn body_spans(blocks: &[Block], labels: &[Label]) -> Vec<Span> {
    blocks
        .iter()
        .zip(labels)
        .filter(|(_, l)| matches!(l, Label::Paragraph | Label::Subhead))
        .map(|(b, _)| b.span)
        .collect()
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

/// Builds the article.
pub(crate) fn assemble<'a>(
    prepared: Prepared<'a>,
    blocks: &[Block],
    labels: &[Label],
    quotes: &QuoteScan,
    attributions: &[Option<FoundAttribution>],
    options: &Options,
) -> Article<'a> {
    let b = Builder {
        text: prepared.text,
        base: prepared.base,
        form: options.normalization(),
    };
    let mut article = Article::default();
    let mut related: Option<RelatedTags<'a>> = None;
    for (block, &label) in blocks.iter().zip(labels) {
        let (text, span) = (b.text(block.span), b.span(block.span));
        let mut set_aside = |reason| {
            article.boilerplate.push(Boilerplate {
                text: text.clone(),
                span,
                reason,
            });
        };
        match label {
            Label::Headline if article.headline.is_none() => {
                article.headline = Some(Headline::new(text, span))
            }
            Label::Dek if article.dek.is_none() => article.dek = Some(Dek::new(text, span)),
            Label::Headline | Label::Dek => set_aside(BoilerplateReason::Other),
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
                Some(_) => set_aside(BoilerplateReason::Related),
            },
            Label::Tags => {
                let tags = split_tags(b.text, block.span)
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
            Label::Boilerplate(reason) => set_aside(reason),
        }
    }
    article.related = related;
    article.quotes = build_quotes(&b, quotes, attributions);
    article.rejected_quotes = quotes
        .rejected
        .iter()
        .map(|r| RejectedQuote {
            text: b.text(r.content),
            span: b.span(r.span),
            block: Some(r.block),
            reason: r.reason,
        })
        .collect();
    let unbalanced = quotes
        .rejected
        .iter()
        .filter(|r| {
            matches!(
                r.reason,
                QuoteRejection::Unbalanced | QuoteRejection::TooLong
            )
        })
        .map(|r| (DiagnosticKind::UnbalancedQuote, r.span));
    let controls = control_runs(prepared.text)
        .into_iter()
        .map(|run| (DiagnosticKind::ControlCharacters, run));
    article
        .diagnostics
        .extend(unbalanced.chain(controls).map(|(kind, span)| Diagnostic {
            kind,
            span: b.span(span),
        }));
    if article.body.is_empty() {
        article.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::NoBody,
            span: Span::new(prepared.base, prepared.base + prepared.text.len()),
        });
    }
    article
        .diagnostics
        .sort_by_key(|d| (d.span.start, d.span.end));
    article
}

/// Builds the quotes of a text that is only body paragraphs.
pub(crate) fn assemble_quotes<'a>(
    prepared: Prepared<'a>,
    quotes: &QuoteScan,
    attributions: &[Option<FoundAttribution>],
    options: &Options,
) -> Vec<Quote<'a>> {
    let b = Builder {
        text: prepared.text,
        base: prepared.base,
        form: options.normalization(),
    };
    build_quotes(&b, quotes, attributions)
}

/// The public quotes, with their attributions.
fn build_quotes<'a>(
    b: &Builder<'a>,
    quotes: &QuoteScan,
    attributions: &[Option<FoundAttribution>],
) -> Vec<Quote<'a>> {
    quotes
        .quotes
        .iter()
        .zip(attributions)
        .map(|(q, a)| Quote {
            text: b.text(q.content),
            span: b.span(q.content),
            block: Some(q.block),
            kind: q.kind,
            open_ended: q.close.is_none(),
            attribution: a.map(|a| Attribution {
                speaker: b.text(a.speaker),
                mention: a.mention.map(|m| b.mention(m)),
                descriptor: a.descriptor.map(|d| b.text(d)),
                verb: a.verb.map(|v| b.text(v)),
                resolution: a.resolution,
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_at_separators() {
        let text = "Russia, Syria | ISIL;  War •x";
        let got: Vec<&str> = split_tags(text, Span::new(0, text.len()))
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, ["Russia", "Syria", "ISIL", "War", "x"]);
    }
}
