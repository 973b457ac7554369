//! Stage 5: quotations → who said them.

use crate::model::Resolution;
use crate::options::Options;
use crate::quotes::FoundQuote;
use crate::span::Span;

/// An attribution; every span is in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundAttribution {
    /// The resolved speaker's name (or the mention itself when it names no one).
    pub speaker: Span,
    /// The speaker as written near the quote.
    pub mention: Option<Span>,
    /// The role or title split off the name.
    pub descriptor: Option<Span>,
    /// The speech verb or cue.
    pub verb: Option<Span>,
    /// How the speaker was found.
    pub resolution: Resolution,
}

/// Attributes each quote; the result has one entry per quote.
pub(crate) fn attribute(
    text: &str,
    blocks: &[Span],
    quotes: &[FoundQuote],
    options: &Options,
) -> Vec<Option<FoundAttribution>> {
    let _ = (text, blocks, options);
    vec![None; quotes.len()]
}
