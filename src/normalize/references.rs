//! HTML character references that an HTML-to-text step left in the text (`&quot;`,
//! `&#8220;`, `&rsquo;`, `&nbsp;`, the double-escaped `&amp;quot;`): which ones the
//! normalization decodes, and into what.
//!
//! Under [`Normalization::Nfc`] and [`Normalization::Nfkc`] a reference is decoded both in
//! the copy the stages read ([`super::fold_blanks`]), so that `&quot;We win,&quot; she
//! said` is a quotation to them, and by cleaning ([`super::clean`]), so that an element's
//! text is still the cleaning of the input under its span. Under [`Normalization::None`]
//! nothing is decoded.
//!
//! What is decoded, so that cleaning stays idempotent and gives the same text from the
//! copy as from the input:
//! - a numeric reference (`&#8220;`, `&#x201C;`) or a named one from [`NAMED`] (the XML
//!   five, the Latin-1 letters and signs, the typographic punctuation), with its `;`;
//! - after a reference to `&` (`&amp;`, `&#38;`), the reference that follows it straight on,
//!   as one (`&amp;quot;` is `"`, `&amp;amp;` is `&`), so that decoding never leaves a
//!   reference behind; at most [`MAX_REFERENCE`] bytes in all;
//! - a reference to white space becomes a space; one to an invisible or control character
//!   (`&shy;`, `&#0;`) is left as it is, as is one to a combining mark, and one to a
//!   character a reference is spelt with (`&#113;`, `&#35;`);
//! - a reference to a character the normalization changes becomes what the normalization
//!   makes of it (`&hellip;` is `...` under NFKC) when that is at most 4 bytes and holds
//!   none of the characters above, nor an ASCII letter or digit (`&trade;` and `&frac12;`
//!   are left as they are under NFKC);
//! - and a reference to any other character only when what follows it (past invisible
//!   characters, normalized) cannot combine with it: `&#101;` before a combining accent is
//!   left as it is, as composing the two would change the text once more.

use crate::options::Normalization;
use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// The longest reference decoded, in bytes, a chain after `&amp;` included (the offset
/// map's edits are of up to 15 bytes).
pub(crate) const MAX_REFERENCE: usize = 15;

/// The named references decoded, sorted by name for a binary search.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("AMP", '&'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Dagger", '‡'),
    ("ETH", 'Ð'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Euml", 'Ë'),
    ("GT", '>'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iuml", 'Ï'),
    ("LT", '<'),
    ("Ntilde", 'Ñ'),
    ("OElig", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Prime", '″'),
    ("QUOT", '"'),
    ("Scaron", 'Š'),
    ("THORN", 'Þ'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("Yuml", 'Ÿ'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("brvbar", '¦'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("circ", 'ˆ'),
    ("copy", '©'),
    ("curren", '¤'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("deg", '°'),
    ("divide", '÷'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("fnof", 'ƒ'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("larr", '←'),
    ("ldquo", '“'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("not", '¬'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("permil", '‰'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("shy", '\u{AD}'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("szlig", 'ß'),
    ("thinsp", '\u{2009}'),
    ("thorn", 'þ'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("uarr", '↑'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uml", '¨'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// What a reference is decoded into: its character, or under a normalization that changes
/// that character, what the normalization makes of it (`&hellip;` is `...` under NFKC),
/// which is at most 4 bytes long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decoded {
    bytes: [u8; 4],
    len: u8,
}

impl Decoded {
    /// The decoded text.
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// True when the reference is to white space (decoded into a space).
    pub(crate) fn is_space(&self) -> bool {
        self.as_str() == " "
    }

    /// `text` when it is at most 4 bytes long (the offset map's edits put at most 4 bytes in
    /// the copy).
    fn of(text: impl Iterator<Item = char>) -> Option<Self> {
        let mut d = Decoded {
            bytes: [0; 4],
            len: 0,
        };
        for c in text {
            let at = usize::from(d.len);
            let end = at + c.len_utf8();
            c.encode_utf8(d.bytes.get_mut(at..end)?);
            d.len = u8::try_from(end).ok()?;
        }
        Some(d)
    }
}

/// The reference that starts at `s[at]` (an `&`) when it is decoded there: its length in
/// bytes and what it is decoded into (a space for white space). See the module docs for
/// which are.
pub(crate) fn reference_at(s: &str, at: usize, form: Normalization) -> Option<(usize, Decoded)> {
    let (len, d) = reference_syntax(s.as_bytes(), at, form)?;
    if d.is_space() || nothing_combines(s.get(at + len..)?, form) {
        Some((len, d))
    } else {
        None
    }
}

/// The reference at `b[at]` whose character is decoded wherever it stands, before the test
/// of what follows it ([`reference_at`]): its length and what it is decoded into (a space
/// for white space).
fn reference_syntax(b: &[u8], at: usize, form: Normalization) -> Option<(usize, Decoded)> {
    if form == Normalization::None || b.get(at) != Some(&b'&') {
        return None;
    }
    let (mut end, mut c) = body(b, at + 1, form)?;
    // After a reference to `&`, the one that follows it is the same reference escaped once
    // more.
    while c.as_str() == "&" {
        let Some(next) = body(b, end, form) else {
            break;
        };
        (end, c) = next;
        if end - at > MAX_REFERENCE {
            return None;
        }
    }
    (end - at <= MAX_REFERENCE).then_some((end - at, c))
}

/// The body of a reference at `b[from]` (what follows its `&`) when its character is one
/// decoded: where it ends (past its `;`) and what it is decoded into ([`decoded`]).
fn body(b: &[u8], from: usize, form: Normalization) -> Option<(usize, Decoded)> {
    // The longest body: `#x10FFFF;` and the names are shorter.
    let rest = b.get(from..)?;
    let rest = &rest[..rest.len().min(MAX_REFERENCE)];
    let semi = memchr::memchr(b';', rest)?;
    let name = &rest[..semi];
    let c = match name {
        [b'#', b'x' | b'X', hex @ ..] => number(hex, 16)?,
        [b'#', digits @ ..] => number(digits, 10)?,
        _ => {
            let name = std::str::from_utf8(name).ok()?;
            let k = NAMED.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
            NAMED[k].1
        }
    };
    Some((from + semi + 1, decoded(c, form)?))
}

/// The character of the digits of a numeric reference in `radix` (one to seven of them),
/// when it is a character.
fn number(digits: &[u8], radix: u32) -> Option<char> {
    if digits.is_empty() || digits.len() > 7 {
        return None;
    }
    let mut n = 0u32;
    for &d in digits {
        n = n * radix + char::from(d).to_digit(radix)?;
    }
    char::from_u32(n)
}

/// What `c` is decoded into wherever it stands: a space for white space; else itself, or
/// when the normalization `form` changes it, what `form` makes of it (`…` is `...` under
/// NFKC, `Ω` U+2126 is `Ω` U+03A9 under both), when that is at most 4 bytes and each of
/// its characters [`may_stand`]; else nothing.
fn decoded(c: char, form: Normalization) -> Option<Decoded> {
    if c.is_whitespace() {
        return Decoded::of(std::iter::once(' '));
    }
    if may_stand(c, form) {
        return Decoded::of(std::iter::once(c));
    }
    if !may_stand_normalized(c) || canonical_combining_class(c) != 0 {
        return None;
    }
    let once = std::iter::once(c);
    let normalized = match form {
        Normalization::Nfc => Decoded::of(once.nfc())?,
        Normalization::Nfkc => Decoded::of(once.nfkc())?,
        Normalization::None => return None,
    };
    let text = normalized.as_str();
    (!text.is_empty() && text.chars().all(|d| may_stand(d, form))).then_some(normalized)
}

/// True when a character a reference decodes into may stand in the text, wherever it is:
/// not an invisible or control character, which cleaning would drop; not white space
/// (decoded into a space by itself, but not as part of what a character normalizes into:
/// `&uml;` is a space and a combining mark under NFKC); not a character of a reference's
/// body (an ASCII letter or digit, `#`, `;`: `&#35;` and `&#113;`, which no text needs
/// written so, could spell a reference with the text around them once decoded:
/// `&#38;&#35;34;`); and a starter that `form` keeps ([`stays`]).
fn may_stand(c: char, form: Normalization) -> bool {
    may_stand_normalized(c) && !c.is_whitespace() && stays(c, form)
}

/// The tests of [`may_stand`] that do not depend on the normalization nor on white space:
/// no invisible or control character, and none of a reference's body. (A character that
/// fails them is not decoded, whatever the normalization makes of it.)
fn may_stand_normalized(c: char) -> bool {
    !(super::is_blank(c) || c.is_ascii_alphanumeric() || matches!(c, '#' | ';'))
}

/// True when `c` is a starter that `form` keeps as it is wherever it stands and that
/// combines with no character before it: combining class 0 and quick check yes.
pub(crate) fn stays(c: char, form: Normalization) -> bool {
    let once = std::iter::once(c);
    let quick = match form {
        Normalization::Nfc => is_nfc_quick(once),
        Normalization::Nfkc => is_nfkc_quick(once),
        Normalization::None => IsNormalized::Yes,
    };
    c.is_ascii() || (quick == IsNormalized::Yes && canonical_combining_class(c) == 0)
}

/// True when nothing in `after` (the text after a reference) combines with the reference's
/// character under `form`: its first character once the invisible ones are dropped and the
/// rest normalized (what cleaning reads there) is a starter that [`stays`], or there is none.
fn nothing_combines(after: &str, form: Normalization) -> bool {
    let rest = after.chars().filter(|&c| !super::is_invisible(c));
    let first = match rest.clone().next() {
        None => return true,
        Some(c) if c.is_ascii() => return true,
        Some(_) => match form {
            Normalization::Nfc => rest.nfc().next(),
            Normalization::Nfkc => rest.nfkc().next(),
            Normalization::None => return true,
        },
    };
    first.is_none_or(|c| c.is_whitespace() || stays(c, form))
}

/// The first reference in `s` at or past `from` that [`reference_at`] decodes: its offset,
/// its length and what it is decoded into.
pub(crate) fn next_reference(
    s: &str,
    from: usize,
    form: Normalization,
) -> Option<(usize, usize, Decoded)> {
    if form == Normalization::None {
        return None;
    }
    let b = s.as_bytes();
    memchr::memchr_iter(b'&', b.get(from..)?)
        .map(|k| from + k)
        .find_map(|at| reference_at(s, at, form).map(|(len, c)| (at, len, c)))
}

/// Whether cleaning may decode a reference in `s` or in a part of it, or in a copy of it
/// that decodes references, folds odd blanks or composes accents ([`may_hold_reference`]
/// of `s`: what it looks for in a part, or in such a copy, it finds in `s`), and the offset
/// of the first reference that [`reference_at`] decodes.
///
/// `ampersand` tells whether an `&` of `s` may start a reference
/// ([`ampersand_may_start_in`]), searched for with the text's other searches.
pub(crate) fn first_reference(
    s: &str,
    form: Normalization,
    ampersand: bool,
) -> (bool, Option<usize>) {
    let b = s.as_bytes();
    debug_assert_eq!(
        ampersand,
        form != Normalization::None && ampersand_may_start_in(b, 0..b.len())
    );
    if !may_hold_reference_given(b, form, ampersand) {
        return (false, None);
    }
    (true, next_reference(s, 0, form).map(|(at, ..)| at))
}

/// True when `b` may hold a reference that cleaning decodes. Cleaning decodes once the
/// invisible characters are dropped and the text normalized, so a reference may be spelt
/// otherwise in `b` (`&\u{8}#538;`, `&amp;ｑｕｏｔ；`) than [`reference_syntax`] reads: what
/// is looked for is an `&` ([`may_start_reference`]) or, under NFKC, a compatibility
/// ampersand.
pub(crate) fn may_hold_reference(b: &[u8], form: Normalization) -> bool {
    form != Normalization::None
        && may_hold_reference_given(b, form, ampersand_may_start_in(b, 0..b.len()))
}

/// [`may_hold_reference`] of `b` under a normalization that decodes references (`form` is
/// not [`Normalization::None`], or `ampersand` is false), told whether an `&` of `b` may
/// start one (`ampersand`, [`ampersand_may_start_in`]): that, or under NFKC a
/// compatibility ampersand.
fn may_hold_reference_given(b: &[u8], form: Normalization, ampersand: bool) -> bool {
    ampersand || (form == Normalization::Nfkc && compatibility_ampersand(b))
}

/// True when an `&` in `b[window]` may start a reference ([`may_start_reference`], which
/// reads past the window).
pub(crate) fn ampersand_may_start_in(b: &[u8], window: Range<usize>) -> bool {
    let lo = window.start;
    memchr::memchr_iter(b'&', &b[window]).any(|k| may_start_reference(b, lo + k))
}

/// True when the `&` at `b[at]` may start a reference once cleaning has dropped the
/// invisible characters and normalized the text: what follows it is `#`, an ASCII letter,
/// or a byte that may be dropped or changed (a control character, or one outside ASCII,
/// which may be invisible or be made a letter); and the bytes up to a reference's length
/// after it hold a `;` or such a byte (with neither, those bytes are what cleaning leaves
/// after the `&`, and no `;` ends a reference among them). `AT&T`, `Q&A` and `News &
/// Insights` start none. (At most [`MAX_REFERENCE`] bytes are read after an `&`.)
pub(crate) fn may_start_reference(b: &[u8], at: usize) -> bool {
    let odd = |c: u8| !(0x20..0x7f).contains(&c);
    let rest = &b[at + 1..];
    let window = &rest[..rest.len().min(MAX_REFERENCE)];
    window
        .first()
        .is_some_and(|&c| c == b'#' || c.is_ascii_alphabetic() || odd(c))
        && window.iter().any(|&c| c == b';' || odd(c))
}

/// True when `b` holds a compatibility ampersand ([`COMPATIBILITY_AMPERSANDS`]).
fn compatibility_ampersand(b: &[u8]) -> bool {
    COMPATIBILITY_AMPERSANDS
        .iter()
        .any(|a| memchr::memmem::find(b, a.as_bytes()).is_some())
}

/// The characters other than `&` whose NFKC holds an `&`.
const COMPATIBILITY_AMPERSANDS: [&str; 2] = ["\u{FE60}", "\u{FF06}"];

/// `s` with each reference [`reference_at`] decodes decoded, or `None` when it holds none;
/// and whether one of them was white space.
pub(crate) fn decode(s: &str, form: Normalization) -> Option<(String, bool)> {
    let mut next = Some(next_reference(s, 0, form)?);
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut spaces) = (0, false);
    while let Some((at, len, d)) = next {
        out.push_str(&s[copied..at]);
        out.push_str(d.as_str());
        spaces |= d.is_space();
        copied = at + len;
        next = next_reference(s, copied, form);
    }
    out.push_str(&s[copied..]);
    Some((out, spaces))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NFC: Normalization = Normalization::Nfc;

    fn decoded_text(s: &str, form: Normalization) -> String {
        decode(s, form).map_or_else(|| s.to_owned(), |(d, _)| d)
    }

    #[test]
    fn the_compatibility_ampersands_are_all_there_are() {
        use unicode_normalization::UnicodeNormalization;
        let found: Vec<char> = (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| c != '&' && std::iter::once(c).nfkc().any(|d| d == '&'))
            .collect();
        let listed: Vec<char> = COMPATIBILITY_AMPERSANDS
            .iter()
            .filter_map(|a| a.chars().next())
            .collect();
        assert_eq!(found, listed);
    }

    #[test]
    fn what_may_hold_a_reference_once_cleaned() {
        for (text, may) in [
            ("AT&T and Q&A, News & Insights, R&D.", false),
            ("&quot;", true),
            ("&\u{8}#538;", true),
            ("&\u{200b}quot;", true),
            ("AT&T; then more", true),
            ("&ｑｕｏｔ；", true),
        ] {
            assert_eq!(may_hold_reference(text.as_bytes(), NFC), may, "{text:?}");
            if may {
                // Each of them is decoded by cleaning, or may be after its other steps.
                assert!(
                    !crate::normalize::clean_noting(text, crate::normalize::Cleaning::any(NFC)).1
                );
            }
        }
        assert!(may_hold_reference(
            "\u{FF06}quot;".as_bytes(),
            Normalization::Nfkc
        ));
        assert!(!may_hold_reference("\u{FF06}quot;".as_bytes(), NFC));
        assert!(!may_hold_reference(b"&quot;", Normalization::None));
    }

    #[test]
    fn the_names_are_sorted_for_the_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NAMED.iter().all(|(n, _)| n.len() + 2 <= MAX_REFERENCE));
    }

    #[test]
    fn named_and_numeric_references_are_decoded() {
        let cases = [
            ("&quot;Yes,&quot; she said", "\"Yes,\" she said"),
            (
                "&ldquo;No&rdquo; &#8220;no&#8221; &#x201C;x&#X201d;",
                "“No” “no” “x”",
            ),
            ("Smith&rsquo;s caf&eacute; &amp; bar", "Smith’s café & bar"),
            ("double &amp;quot;escaped&amp;quot;", "double \"escaped\""),
            ("&amp;amp; &amp;#8217; &#38;quot;", "& ’ \""),
            ("a&nbsp;b &#160;c&#10;d", "a b  c d"),
            ("&#128512; &lt;b&gt;", "😀 <b>"),
            // What is decoded spells no reference with what it stands beside.
            ("&#38;&#35;34; &amp;&#113;uot;", "&&#35;34; &&#113;uot;"),
        ];
        for (raw, want) in cases {
            assert_eq!(decoded_text(raw, NFC), want, "{raw:?}");
        }
    }

    #[test]
    fn what_is_not_a_decoded_reference_is_left_as_it_is() {
        for raw in [
            "AT&T and Q&A; R&D",
            "&quot without its semicolon",
            "&unknown; &Quot; &#; &#x; &#12345678; &#xD800; &#x110000;",
            // Invisible and control characters.
            "&shy; &zwnj; &#8203; &#0; &#7; &#x7F;",
            // Characters references are spelt with.
            "&#35;34; &#113;uot; &#59; &#x41;",
            // Combining marks, and a letter before one.
            "&#769; &#101;\u{301} &eacute;\u{200B}\u{301}",
            // Too long a chain.
            "&amp;amp;amp;quot;",
        ] {
            assert_eq!(decoded_text(raw, NFC), raw, "{raw:?}");
        }
        assert_eq!(decode("&quot;", Normalization::None), None);
        // A compatibility form is decoded under NFC but not under NFKC when what NFKC makes
        // of it holds a letter or digit.
        assert_eq!(decoded_text("&frac12;", NFC), "½");
        assert_eq!(decoded_text("&frac12;", Normalization::Nfkc), "&frac12;");
    }

    #[test]
    fn a_character_the_normalization_changes_is_decoded_into_what_it_makes_of_it() {
        use Normalization::Nfkc;
        for (raw, nfc, nfkc) in [
            ("&hellip;", "…", "..."),
            ("&#x2025;", "‥", ".."),
            ("&#xFF02;yes&#xFF02;", "＂yes＂", "\"yes\""),
            ("&micro;", "µ", "μ"),
            // A singleton: U+2126 OHM SIGN is U+03A9 under both.
            ("&#x2126;", "Ω", "Ω"),
            // A fullwidth ampersand is `&` under NFKC, and escapes the next reference as
            // `&amp;` does.
            ("&#xFF06;quot;", "＆quot;", "\""),
        ] {
            assert_eq!(decoded_text(raw, NFC), nfc, "{raw:?}");
            assert_eq!(decoded_text(raw, Nfkc), nfkc, "{raw:?}");
        }
        // Left as written under NFKC: what it makes holds a letter or digit (`TM`, `1⁄2`,
        // `fi`), white space and a combining mark (`&uml;`), or is over 4 bytes long.
        for raw in [
            "&trade;", "&frac12;", "&sup2;", "&#xFB01;", "&uml;", "&#xFDFA;",
        ] {
            assert_eq!(decoded_text(raw, Nfkc), raw, "{raw:?}");
        }
    }
}
