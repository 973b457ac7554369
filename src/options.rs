//! Parser options and resource limits.

use serde::{Deserialize, Serialize};

/// The Unicode normalization applied to output text.
///
/// Under [`Normalization::Nfc`] and [`Normalization::Nfkc`] the parse also reads a letter
/// written with combining accents (U+0300–U+036F, decomposed text) as the composed letter,
/// so that a decomposed text gives the structure the composed one does, and decodes the HTML
/// character references an HTML-to-text step may leave (`&quot;`, `&rsquo;`, `&#8220;`,
/// `&nbsp;`; see the README for which are left as written); under
/// [`Normalization::None`] it reads the text as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Normalization {
    /// Canonical composition (the default): `e\u{301}` becomes `é`.
    #[default]
    Nfc,
    /// Compatibility composition: also folds ligatures, full-width forms and the like.
    Nfkc,
    /// No Unicode normalization (whitespace is still collapsed, zero-width characters dropped).
    None,
}

/// What [`crate::Parser::parse_bytes`] does with invalid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Utf8Policy {
    /// Fail with [`crate::ErrorKind::InvalidUtf8`] (the default).
    #[default]
    Reject,
    /// Replace each invalid sequence with U+FFFD and report it in
    /// [`crate::Article::diagnostics`] (one diagnostic for a run of sequences with no valid
    /// byte between them); spans still point into the original bytes. Texts the repair
    /// left as they were are borrowed from the input; those that hold a U+FFFD of the repair
    /// (or that cleaning changed) are owned.
    Replace,
}

/// Options for a [`crate::Parser`]. Every resource limit lives here with a documented default.
///
/// ```
/// use copydesk::{Normalization, Options, Parser};
/// let parser = Parser::new(
///     Options::default()
///         .with_normalization(Normalization::Nfkc)
///         .with_max_input_bytes(1 << 20),
/// );
/// assert_eq!(parser.options().max_input_bytes(), 1 << 20);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Options {
    normalization: Normalization,
    max_input_bytes: usize,
    utf8_policy: Utf8Policy,
    lookback_blocks: usize,
    max_quote_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            normalization: Normalization::Nfc,
            max_input_bytes: Options::DEFAULT_MAX_INPUT_BYTES,
            utf8_policy: Utf8Policy::Reject,
            lookback_blocks: Options::DEFAULT_LOOKBACK_BLOCKS,
            max_quote_bytes: Options::DEFAULT_MAX_QUOTE_BYTES,
        }
    }
}

impl Options {
    /// Default [`max_input_bytes`](Options::max_input_bytes): 256 MiB.
    pub const DEFAULT_MAX_INPUT_BYTES: usize = 256 << 20;
    /// The largest input any parse accepts, whatever [`max_input_bytes`](Options::max_input_bytes)
    /// is set to: 4 GiB less 256 bytes (the stages keep offsets into the text in 32 bits,
    /// which halves the memory of their per-word and per-quote records, and mark "none" with
    /// the values past it). Under [`Utf8Policy::Replace`] this is the length of the repaired
    /// text (each invalid sequence becomes a 3-byte U+FFFD).
    pub const MAX_SUPPORTED_INPUT_BYTES: usize = (u32::MAX - 255) as usize;
    /// Default [`lookback_blocks`](Options::lookback_blocks): 6 body blocks.
    pub const DEFAULT_LOOKBACK_BLOCKS: usize = 6;
    /// Default [`max_quote_bytes`](Options::max_quote_bytes): 8 KiB.
    pub const DEFAULT_MAX_QUOTE_BYTES: usize = 8 << 10;

    /// Sets the Unicode normalization of output text (default NFC).
    pub fn with_normalization(mut self, normalization: Normalization) -> Self {
        self.normalization = normalization;
        self
    }

    /// Sets the largest input accepted, in bytes (default 256 MiB; at most
    /// [`Options::MAX_SUPPORTED_INPUT_BYTES`], whatever is set). Longer inputs fail with
    /// [`crate::ErrorKind::TooLarge`].
    pub fn with_max_input_bytes(mut self, max: usize) -> Self {
        self.max_input_bytes = max;
        self
    }

    /// Sets what happens to invalid UTF-8 in [`crate::Parser::parse_bytes`] (default reject).
    pub fn with_utf8_policy(mut self, policy: Utf8Policy) -> Self {
        self.utf8_policy = policy;
        self
    }

    /// Sets how many body blocks back a pronoun, a bare surname or a quote continuation may
    /// look for its speaker (default 6).
    pub fn with_lookback_blocks(mut self, blocks: usize) -> Self {
        self.lookback_blocks = blocks;
        self
    }

    /// Sets the longest quotation, in bytes between its marks, before the marks are taken
    /// to be unbalanced rather than a quote (default 8 KiB).
    pub fn with_max_quote_bytes(mut self, bytes: usize) -> Self {
        self.max_quote_bytes = bytes;
        self
    }

    /// The Unicode normalization of output text.
    pub fn normalization(&self) -> Normalization {
        self.normalization
    }

    /// The largest input accepted, in bytes: the limit set, and never more than
    /// [`Options::MAX_SUPPORTED_INPUT_BYTES`].
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes.min(Options::MAX_SUPPORTED_INPUT_BYTES)
    }

    /// What happens to invalid UTF-8.
    pub fn utf8_policy(&self) -> Utf8Policy {
        self.utf8_policy
    }

    /// How many body blocks back speaker resolution may look.
    pub fn lookback_blocks(&self) -> usize {
        self.lookback_blocks
    }

    /// The longest quotation accepted, in bytes.
    pub fn max_quote_bytes(&self) -> usize {
        self.max_quote_bytes
    }
}
