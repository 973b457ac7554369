//! The one error type: inputs that cannot give an [`crate::Article`] at all.
//!
//! Everything else (a page with no body, unbalanced quote marks, junk) still yields an
//! `Article`, with what could not be placed set aside as boilerplate and noted in
//! [`crate::Article::diagnostics`].

use crate::span::Span;

/// Why an input was rejected. Messages are lowercase, say where, and hint at a fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input has no bytes at all.
    #[error("input is empty")]
    Empty,
    /// The input holds only whitespace, zero-width or control characters.
    #[error("input holds only whitespace ({len} bytes)")]
    WhitespaceOnly {
        /// Input length in bytes.
        len: usize,
    },
    /// The input is longer than [`crate::Options::with_max_input_bytes`] allows, or, under
    /// [`crate::Utf8Policy::Replace`], its repaired text is longer than any parse supports
    /// ([`crate::Options::MAX_SUPPORTED_INPUT_BYTES`]).
    #[error("input is {len} bytes, over the limit of {limit} bytes{}", raise_hint(*limit))]
    TooLarge {
        /// Input length in bytes (the repaired text's, when that is what is too long).
        len: usize,
        /// The configured limit ([`crate::Options::max_input_bytes`]), or
        /// [`crate::Options::MAX_SUPPORTED_INPUT_BYTES`] for a repaired text.
        limit: usize,
    },
    /// The bytes are not valid UTF-8 (see [`crate::Utf8Policy::Replace`] to repair instead).
    #[error("invalid utf-8 at byte {offset} (set Utf8Policy::Replace to repair it)")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A NUL byte: the input is binary data, not text.
    #[error("nul byte at byte {offset}: input looks like binary data, not text")]
    NulByte {
        /// Byte offset of the first NUL.
        offset: usize,
    },
}

/// An input that cannot be parsed. Opaque: ask it for its [`kind`](Error::kind) and
/// [`span`](Error::span).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Where in the input it went wrong, when that is one place.
    pub fn span(&self) -> Option<Span> {
        match self.kind {
            ErrorKind::InvalidUtf8 { offset } | ErrorKind::NulByte { offset } => {
                Some(Span::new(offset, offset + 1))
            }
            _ => None,
        }
    }

    /// A short stable name for the kind, as used in the CLI's JSON error records
    /// (`empty`, `whitespace_only`, `too_large`, `invalid_utf8`, `nul_byte`).
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::Empty => "empty",
            ErrorKind::WhitespaceOnly { .. } => "whitespace_only",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::InvalidUtf8 { .. } => "invalid_utf8",
            ErrorKind::NulByte { .. } => "nul_byte",
        }
    }
}

/// What the message of [`ErrorKind::TooLarge`] says can be done: raise the limit, unless it
/// is the most any parse supports.
fn raise_hint(limit: usize) -> &'static str {
    if limit < crate::Options::MAX_SUPPORTED_INPUT_BYTES {
        " (raise it with Options::with_max_input_bytes)"
    } else {
        " (the most any parse supports)"
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_pinned() {
        let table: &[(ErrorKind, &str)] = &[
            (ErrorKind::Empty, "input is empty"),
            (
                ErrorKind::WhitespaceOnly { len: 3 },
                "input holds only whitespace (3 bytes)",
            ),
            (
                ErrorKind::TooLarge { len: 10, limit: 5 },
                "input is 10 bytes, over the limit of 5 bytes (raise it with Options::with_max_input_bytes)",
            ),
            (
                ErrorKind::TooLarge {
                    len: crate::Options::MAX_SUPPORTED_INPUT_BYTES + 1,
                    limit: crate::Options::MAX_SUPPORTED_INPUT_BYTES,
                },
                "input is 4294967041 bytes, over the limit of 4294967040 bytes (the most any parse supports)",
            ),
            (
                ErrorKind::InvalidUtf8 { offset: 7 },
                "invalid utf-8 at byte 7 (set Utf8Policy::Replace to repair it)",
            ),
            (
                ErrorKind::NulByte { offset: 2 },
                "nul byte at byte 2: input looks like binary data, not text",
            ),
        ];
        for (kind, msg) in table {
            assert_eq!(Error::new(kind.clone()).to_string(), *msg);
        }
    }

    #[test]
    fn span_points_at_offset() {
        let e = Error::new(ErrorKind::InvalidUtf8 { offset: 4 });
        assert_eq!(e.span(), Some(Span::new(4, 5)));
        assert_eq!(e.code(), "invalid_utf8");
        assert_eq!(Error::new(ErrorKind::Empty).span(), None);
    }
}
