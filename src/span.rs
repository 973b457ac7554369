//! Byte spans into the original input.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into the input exactly as it was given to the parser
/// (for [`crate::parse_bytes`], into the byte slice, BOM included).
///
/// Spans always lie on UTF-8 character boundaries of valid input.
///
/// ```
/// use copydesk::Span;
/// let text = "Hello, world";
/// let span = Span::new(7, 12);
/// assert_eq!(span.get(text), Some("world"));
/// assert_eq!(std::ops::Range::from(span), 7..12);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the element.
    pub start: usize,
    /// One past the last byte of the element.
    pub end: usize,
}

impl Span {
    /// Makes a span from `start` to `end` (end exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text under the span, or `None` when the span is out of bounds or not on
    /// character boundaries of `source`.
    pub fn get<'s>(&self, source: &'s str) -> Option<&'s str> {
        source.get(self.start..self.end)
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span moved right by `by` bytes.
    pub(crate) const fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// Where `part`, a slice cut from `source`, lies in it (told from the addresses of the
    /// two: a list that keeps the slice need not keep its span beside it); `None` when
    /// `part` lies outside `source`.
    pub(crate) fn of_part(source: &str, part: &str) -> Option<Span> {
        let start = (part.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
        let end = start.checked_add(part.len())?;
        (end <= source.len()).then_some(Span::new(start, end))
    }
}

/// A [`Span`] kept in 32 bits an end, for the stages' records of which a text may hold
/// millions (tokens, quotations): half the memory of a `Span`. The text the stages read is
/// never longer than [`crate::Options::MAX_SUPPORTED_INPUT_BYTES`], so its offsets fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span32 {
    start: u32,
    end: u32,
}

impl Span32 {
    /// No span: the mark of an optional span that is absent ([`Span32::get`]), never a
    /// span of a text (no text is 4 GiB long).
    pub(crate) const NONE: Span32 = Span32 {
        start: u32::MAX,
        end: u32::MAX,
    };

    /// `span` in 32 bits; its ends must fit ([`crate::Options::MAX_SUPPORTED_INPUT_BYTES`]).
    #[inline(always)]
    pub(crate) const fn new(span: Span) -> Span32 {
        debug_assert!(span.end <= crate::Options::MAX_SUPPORTED_INPUT_BYTES);
        debug_assert!(span.start <= crate::Options::MAX_SUPPORTED_INPUT_BYTES);
        Span32 {
            start: span.start as u32,
            end: span.end as u32,
        }
    }

    /// The optional span `span` in 32 bits: [`Span32::NONE`] for `None`.
    #[inline(always)]
    pub(crate) const fn of(span: Option<Span>) -> Span32 {
        match span {
            Some(s) => Span32::new(s),
            None => Span32::NONE,
        }
    }

    /// The span.
    #[inline(always)]
    pub(crate) const fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The span, `None` for [`Span32::NONE`].
    #[inline(always)]
    pub(crate) fn get(self) -> Option<Span> {
        // (Its start tells it: no span of a text starts at `u32::MAX`.)
        (self.start != Span32::NONE.start).then(|| self.span())
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Self {
        span.start..span.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_checks_bounds_and_boundaries() {
        let s = "a’b";
        assert_eq!(Span::new(0, 1).get(s), Some("a"));
        assert_eq!(Span::new(1, 2).get(s), None); // inside the curly apostrophe
        assert_eq!(Span::new(0, 99).get(s), None);
    }

    #[test]
    fn overlap_and_contain() {
        let a = Span::new(2, 5);
        assert!(a.contains(Span::new(2, 5)));
        assert!(!a.contains(Span::new(1, 3)));
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert_eq!(a.shift(3), Span::new(5, 8));
    }

    #[test]
    fn of_part_finds_the_slice_it_was_cut_from() {
        let s = "one “two” three";
        for start in 0..=s.len() {
            for end in start..=s.len() {
                if let Some(part) = s.get(start..end) {
                    assert_eq!(Span::of_part(s, part), Some(Span::new(start, end)));
                }
            }
        }
        let other = String::from("two");
        assert_eq!(Span::of_part(s, &other), None);
        assert_eq!(Span::of_part(&s[4..], &s[..3]), None);
    }

    #[test]
    fn span32_keeps_a_span_and_tells_none_apart() {
        let max = crate::Options::MAX_SUPPORTED_INPUT_BYTES;
        for span in [Span::new(0, 0), Span::new(3, 9), Span::new(max - 1, max)] {
            assert_eq!(Span32::new(span).span(), span);
            assert_eq!(Span32::of(Some(span)).get(), Some(span));
        }
        assert_eq!(Span32::of(None).get(), None);
        assert_eq!(std::mem::size_of::<Span32>(), 8);
    }
}
