//! Tiny nom parsers shared by the stages: words, spaces, punctuation.
//!
//! Every parser here is `complete` (our input is always whole) and generic over the nom
//! error type, so tests can ask for verbose errors while the hot path uses the cheap default.

use nom::bytes::complete::{take_while, take_while1};
use nom::error::ParseError;
use nom::IResult;
use nom::Parser;

/// Blank characters (see [`crate::normalize::is_blank`]), possibly none.
pub(crate) fn blank0<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    take_while(crate::normalize::is_blank).parse(input)
}

/// One word: a run of letters, digits, apostrophes, hyphens and periods (for "U.S.", "Jr.").
pub(crate) fn word<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, &'a str, E> {
    take_while1(is_word_char).parse(input)
}

/// Characters that may appear inside a word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '‐')
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::error::Error;

    #[test]
    fn word_and_blank() {
        assert_eq!(
            word::<Error<&str>>("U.S.-led coalition"),
            Ok((" coalition", "U.S.-led"))
        );
        assert_eq!(blank0::<Error<&str>>("\u{a0} x"), Ok(("x", "\u{a0} ")));
        assert!(word::<Error<&str>>(" x").is_err());
    }
}
