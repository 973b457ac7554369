//! Stage 4: body blocks → quotations (content spans, kinds, multi-paragraph links).

use crate::model::QuoteKind;
use crate::options::Options;
use crate::span::Span;

/// A quotation found in a body block. Spans are in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundQuote {
    /// The content between the marks, trimmed of blank characters.
    pub content: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark, `None` when the quote runs to the end of its block.
    pub close: Option<Span>,
    /// Index of the block in the slice given to [`find_quotes`].
    pub block: usize,
    /// Whole utterance or embedded fragment.
    pub kind: QuoteKind,
    /// True when this quote re-opens a quotation left open at the end of the previous block.
    pub continues_previous: bool,
}

/// Finds the quotations in each block.
pub(crate) fn find_quotes(text: &str, blocks: &[Span], options: &Options) -> Vec<FoundQuote> {
    let _ = (text, blocks, options);
    Vec::new()
}
